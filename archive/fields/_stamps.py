"""Receiving stamps (`เลขรับ`, then `วันที่`, `เวลา`; the receiving office above): the lines they
take, the dates their date lines may be, and the stamps themselves."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .. import agencies
from ..labels import RECEIVED_NO
from ..records import Memo, Stamp
from ..thaidate import date_readings, find_dates
from ._dateline import _is_pure_date, _settled_dates
from ._labels import _ADDRESS, _LABEL_LINE, _REF_LABEL
from ._lines import Line, _clean_value, _join_wrapped, _next_nonblank, _nonblank, arabic


def _fragment_of_name(first: str, second: str) -> bool:
    return bool(agencies.AGENCY_START.match(first)) and not agencies.AGENCY_START.match(second) \
        and len(second) < 20 and not _ADDRESS.search(second) and not find_dates(second)


def _is_stamp_date_line(text: str, within: int = 6) -> bool:
    """A receiving stamp's date line: its วันที่ label, or a date a few characters in (the
    label damaged: วนท, Jun)."""
    if text.startswith("วันที่"):
        return True
    found = date_readings(text)
    return bool(found) and found[0][0] <= within


_RECV_NO = re.compile(r"^" + RECEIVED_NO + r"\s*(?:ที่)?\s*[:.]?\s*([0-9๐-๙][0-9๐-๙/\-]*)")
_TIME = re.compile(r"([0-9๐-๙]{1,2})\s*[.:]\s*([0-9๐-๙]{2})")


@dataclass
class _FoundStamp:
    """A receiving stamp as found on the page, before the letter's date settles its own."""
    no: str | None          # its number; None for a เลขรับ label without one
    by: str | None          # the receiving office above it
    lines: set[int]         # the lines it takes: office, เลขรับ, วันที่, เวลา
    after: list[Line]       # the lines under เลขรับ where its date and time are read
    date_line: int | None = None     # the line its date is printed on, label damaged or not
    readings: tuple[date, ...] = ()  # every date that line may be


def _find_stamps(lines: list[Line]) -> list[_FoundStamp]:
    """The receiving stamps on the page, read once for all that asks about them: the lines
    they take, the dates their date lines may be, the stamps themselves."""
    nb = _nonblank(lines)
    out = []
    for k, ln in enumerate(nb):
        if not re.match(r"^" + RECEIVED_NO, ln.text):
            continue
        m = _RECV_NO.match(ln.text)
        taken = {ln.no}
        by = None
        if k > 0 and not _LABEL_LINE.match(nb[k - 1].text) and not _REF_LABEL.match(nb[k - 1].text):
            taken.add(nb[k - 1].no)
            by = nb[k - 1].text
            # A receiving office's name may wrap onto two lines in a PDF.
            if (k > 1 and _fragment_of_name(nb[k - 2].text, nb[k - 1].text)
                    and not _REF_LABEL.match(nb[k - 2].text)):
                taken.add(nb[k - 2].no)
                if not _is_pure_date(nb[k - 2].text):
                    by = _join_wrapped([nb[k - 2].text, by])
            by = _clean_value(by)
        for nxt in nb[k + 1:k + 3]:
            if re.match(r"^(?:วันที่|เวลา)", nxt.text):
                taken.add(nxt.no)
        st = _FoundStamp(arabic(m.group(1)) if m else None, by, taken, nb[k + 1:k + 4])
        if m:
            # The date line's label may be damaged (วนท, Jun).
            for nxt in nb[k + 1:k + 3]:
                if _is_stamp_date_line(nxt.text):
                    dates = date_readings(nxt.text)
                    if dates:
                        st.readings = tuple(dates[0][2])
                    st.date_line = nxt.no
                    break
        out.append(st)
    return out


def _stamp_lines(seen: list[_FoundStamp]) -> set[int]:
    """The numbers of the lines that belong to receiving stamps (office, เลขรับ, วันที่, เวลา)."""
    return {no for st in seen for no in st.lines}


def _received_readings(seen: list[_FoundStamp]) -> tuple[tuple[date, ...], set[int]]:
    """Every date the numbered stamps' date lines may be, and those lines' numbers."""
    return (tuple(d for st in seen for d in st.readings),
            {st.date_line for st in seen if st.date_line is not None})


def _fill_stamps(memo: Memo, lines: list[Line], seen: list[_FoundStamp]) -> None:
    """The stamps, their dates settled by the letter's (a letter is stamped after it is sent)."""
    stamps = []
    for on_page in seen:
        if on_page.no is None:
            continue
        st = Stamp(no=on_page.no, by=on_page.by)
        for nxt in on_page.after:
            if st.date is None and _is_stamp_date_line(nxt.text):
                sent = date.fromisoformat(memo.date) if memo.date else None
                found = _settled_dates(nxt.text, sent=sent)
                after = _next_nonblank(lines, nxt)
                if not found and after is not None:  # narrow stamp: the year wrapped
                    found = _settled_dates(nxt.text + " " + after.text, sent=sent)
                if found:
                    st.date = found[0][2].isoformat()
            elif nxt.text.startswith("เวลา") and st.time is None:
                tm = _TIME.search(arabic(nxt.text) or "")
                if tm:
                    st.time = f"{int(tm.group(1)):02d}:{tm.group(2)}"
        stamps.append(st)
    memo.stamps = stamps
    if stamps:
        memo.received_no, memo.received_date, memo.received_time = stamps[0].no, stamps[0].date, stamps[0].time

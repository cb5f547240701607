"""Receiving stamps (`เลขรับ`, then `วันที่`, `เวลา`; the receiving office above): the lines they
take, the dates their date lines may be, and the stamps themselves."""
from __future__ import annotations

import re
from datetime import date

from .. import agencies
from ..labels import RECEIVED_NO
from ..records import Memo, Stamp
from ..thaidate import date_readings, find_dates
from ._dateline import _is_pure_date, _settled_dates
from ._labels import _ADDRESS, _LABEL_LINE, _REF_LABEL
from ._lines import Line, _clean_value, _join_wrapped, _next_nonblank, _nonblank, arabic


def _stamp_line_indexes(lines: list[Line]) -> set[int]:
    """Line numbers that belong to receiving stamps (agency, เลขรับ, วันที่, เวลา)."""
    out: set[int] = set()
    nb = _nonblank(lines)
    for k, ln in enumerate(nb):
        if re.match(r"^" + RECEIVED_NO, ln.text):
            out.add(ln.no)
            if k > 0 and not _LABEL_LINE.match(nb[k - 1].text) and not _REF_LABEL.match(nb[k - 1].text):
                out.add(nb[k - 1].no)
                # A receiving office's name may wrap onto two lines in a PDF.
                if (k > 1 and _fragment_of_name(nb[k - 2].text, nb[k - 1].text)
                        and not _REF_LABEL.match(nb[k - 2].text)):
                    out.add(nb[k - 2].no)
            for nxt in nb[k + 1:k + 3]:
                if re.match(r"^(?:วันที่|เวลา)", nxt.text):
                    out.add(nxt.no)
    return out


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


def _received_readings(lines: list[Line]) -> tuple[tuple[date, ...], set[int]]:
    """Every date the receiving stamps' date lines may be (their วันที่ label may be
    damaged: วนท, Jun), and those lines' numbers."""
    nb = _nonblank(lines)
    dates: list[date] = []
    where: set[int] = set()
    for k, ln in enumerate(nb):
        if not _RECV_NO.match(ln.text):
            continue
        for nxt in nb[k + 1:k + 3]:
            if _is_stamp_date_line(nxt.text):
                found = date_readings(nxt.text)
                if found:
                    dates.extend(found[0][2])
                where.add(nxt.no)
                break
    return tuple(dates), where


_RECV_NO = re.compile(r"^" + RECEIVED_NO + r"\s*(?:ที่)?\s*[:.]?\s*([0-9๐-๙][0-9๐-๙/\-]*)")
_TIME = re.compile(r"([0-9๐-๙]{1,2})\s*[.:]\s*([0-9๐-๙]{2})")


def _fill_stamps(memo: Memo, lines: list[Line]) -> None:
    nb = _nonblank(lines)
    stamps = []
    for k, ln in enumerate(nb):
        m = _RECV_NO.match(ln.text)
        if not m:
            continue
        st = Stamp(no=arabic(m.group(1)))
        if k > 0 and not _LABEL_LINE.match(nb[k - 1].text) and not _REF_LABEL.match(nb[k - 1].text):
            by = nb[k - 1].text
            if k > 1 and _fragment_of_name(nb[k - 2].text, by) and not _REF_LABEL.match(nb[k - 2].text) \
                    and not _is_pure_date(nb[k - 2].text):
                by = _join_wrapped([nb[k - 2].text, by])
            st.by = _clean_value(by)
        for nxt in nb[k + 1:k + 4]:
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

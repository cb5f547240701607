"""The letter's own date: signed (สั่ง ณ วันที่ …), alone under the letterhead, labelled
(วันที่ …), or a stamped letter's date under the sending office's name."""
from __future__ import annotations

import re
from datetime import date

from ..records import Memo
from ..refno import REF_RE
from ..thaidate import be_years, damaged_year, find_dates
from ._dateline import _is_pure_date, _settled_dates
from ._labels import _DATE_LABEL, _POSITION_HINT, _RECIP_LABEL, _SIGNED_DAMAGED, _SIGNED_DATE
from ._lines import Line, _first, _next_nonblank, _nonblank, _prev_nonblank
from ._ref import _REF_NUMBER_END


def _set_date(memo: Memo, raw: str, iso: str) -> None:
    memo.date_raw = raw
    memo.date = iso


def _fill_date(memo: Memo, lines: list[Line], head: list[Line], ref_line: Line | None,
               stamp_lines: set[int], received: tuple[date, ...], received_lines: set[int]) -> None:
    """`received`: every date the receiving stamps may be (they settle a date OCR left
    ambiguous); `received_lines`: their date lines, whose labels OCR may have damaged."""
    _find_date(memo, lines, head, ref_line, stamp_lines, received, received_lines)
    if memo.date_raw and _contradicted_damaged_year(memo.date_raw, lines):
        memo.date = memo.date_raw = None


# A year OCR damaged (thaidate.damaged_year) may be any year. When every other year the
# letter names (ประจำปี ๒๕๖๕, พ.ศ. ๒๕๖๕) is more than a year from it, the date is left empty
# rather than wrong (the real scan dula_02: ๓๑ สิงหาคม ๒๕๖๕ read with ๒๕๒.๗, 1984 for 2022).
def _contradicted_damaged_year(raw: str, lines: list[Line]) -> bool:
    year = damaged_year(raw)
    if year is None:
        return False
    others = [y for ln in lines if raw not in ln.text for y in be_years(ln.text)]
    return bool(others) and all(abs(y - year) > 1 for y in others)


def _find_date(memo: Memo, lines: list[Line], head: list[Line], ref_line: Line | None,
               stamp_lines: set[int], received: tuple[date, ...], received_lines: set[int]) -> None:
    nb = _nonblank(lines)
    stamp_lines = stamp_lines | received_lines
    # Orders, announcements: "สั่ง ณ วันที่ …" / "ประกาศ ณ วันที่ …" near the signature.
    for ln in nb:
        m = _SIGNED_DATE.match(ln.text)
        if m:
            rest = ln.text[m.end():]
            nxt = _next_nonblank(lines, ln)
            found = find_dates(rest)
            if not found and nxt is not None:  # date wrapped onto the next line
                rest = rest + " " + nxt.text
                found = find_dates(rest)
            if found:
                a, b, d = found[0]
                _set_date(memo, rest[a:b].strip(), d.isoformat())
                return
    # The same with the formula damaged (da ณ วันที่ …, ประกาศ ณันที.๖ …): the date
    # still starts a few characters after ณ.
    for ln in nb:
        m = _SIGNED_DAMAGED.match(ln.text)
        if m and _take_date(memo, ln.text[m.end():], received, within=8):
            return
    cands = [ln for ln in _above_addressee(head) if ln.no not in stamp_lines]
    # Memos: "วันที่ …" on the reference line or its own line in the header.
    if memo.kind == "บันทึกข้อความ" and _labelled_date(memo, lines, cands, ref_line, received):
        return
    # Letters: the date alone on a line, under the letterhead (external) or under the
    # sender's name at the end (stamped letters).
    if memo.kind == "หนังสือประทับตรา":
        if _stamped_date(memo, lines, head, stamp_lines, received):
            return
    else:
        pure = [p for p in (_is_pure_date(ln.text, received) for ln in cands) if p]
        if pure:
            _set_date(memo, *pure[0])
            return
        # Some letters label the date (วันที่ …, ลงวันที่ …) instead of printing it alone,
        # also beside the reference number (ที่ …⇥ วันที่ …).
        if _labelled_date(memo, lines, cands, ref_line, received):
            return
    # A memo whose วันที่ label OCR lost (Sun ๑๕ ธ.ค. ๒๕๖๐): the date is still what ends
    # the reference line.
    if memo.kind == "บันทึกข้อความ" and ref_line is not None:
        m = REF_RE.search(ref_line.text) or _REF_NUMBER_END.search(ref_line.text)
        if _take_date(memo, ref_line.text[m.end():] if m else "", received):
            return
    # A letter of no known kind (its number and labels lost to OCR) laid out as a stamped
    # letter: the date under the office's name after the closing sentence.
    if memo.kind == "อื่น ๆ":
        _stamped_date(memo, lines, head, stamp_lines, received)


# A date label in the header: วันที่, ลงวันที่, ณ วันที่ (a colon may follow).
_HEADER_DATE_LABEL = re.compile(r"(?:(?<![ก-๙])ลง\s?|(?<![ก-๙])ณ\s*)?" + _DATE_LABEL.pattern)


def _labelled_date(memo: Memo, lines: list[Line], cands: list[Line], ref_line: Line | None,
                   received: tuple[date, ...]) -> bool:
    """The letter's own date after a label on a header line (`cands`: above the
    addressee, stamps left out): at the line's start, on the reference line, or after a
    column gap (the ref number beside it unreadable: ที่ ๆ7 ๑๕๕๓๓๙      วันที่ ๙ กันยายน ๒๕๖๕).
    A label inside a sentence ("ในวันที่") is not one."""
    for ln in cands:
        for m in _HEADER_DATE_LABEL.finditer(ln.text):
            if m.start() > 0 and not re.search(r"\s$", ln.text[:m.start()]):
                continue
            if (m.start() == 0 or (ref_line is not None and ln.no == ref_line.no)
                    or re.search(r"\S\s{3,}$", ln.text[:m.start()])):
                rest = ln.text[m.end():]
                if _take_date(memo, rest, received, within=2):
                    return True
                nxt = _next_nonblank(lines, ln)
                # the year wrapped onto the next line (วันที่ : ๑๐ เดือน สิงหาคม พ.ศ.⏎๒๕๕๕)
                if nxt is not None and _take_date(memo, rest + " " + nxt.text, received,
                                                  within=2):
                    return True
    return False


def _above_addressee(head: list[Line]) -> list[Line]:
    """The header lines above เรียน/ถึง: where a memo's or a letter's own date is printed."""
    at = next((k for k, ln in enumerate(head) if _RECIP_LABEL.match(ln.text)), None)
    return head[:at] if at else head


def _stamped_date(memo: Memo, lines: list[Line], head: list[Line], stamp_lines: set[int],
                  received: tuple[date, ...]) -> bool:
    """A stamped letter's date: alone on a line after the closing sentence (จึงเรียนมา…),
    under the sending office's name (routing notes end with a position + date)."""
    nb = _nonblank(lines)
    recip = _first(head, _RECIP_LABEL)
    start = recip[0].no if recip else 0
    # Dates before the closing sentence are the body's.
    closing = [ln.no for ln in nb if ln.no > start and ln.text.startswith("จึง")]
    if closing:
        start = closing[-1]
    elif memo.kind != "หนังสือประทับตรา":
        return False  # not laid out as a stamped letter
    pure = [(ln, _is_pure_date(ln.text, received)) for ln in nb if ln.no > start and ln.no not in stamp_lines]
    pure = [(ln, p) for ln, p in pure if p]
    for ln, p in pure:
        prev = _prev_nonblank(lines, ln)
        if prev is not None and not _POSITION_HINT.match(prev.text) and not prev.text.startswith("("):
            _set_date(memo, *p)
            return True
    if pure and memo.kind == "หนังสือประทับตรา":
        _set_date(memo, *pure[0][1])
        return True
    return False


def _take_date(memo: Memo, text: str, received: tuple[date, ...], within: int | None = None) -> bool:
    """Set the letter's date to the first date in `text` (starting within `within`
    characters, if given); False when there is none."""
    found = _settled_dates(text, received)
    if not found or (within is not None and found[0][0] > within):
        return False
    a, b, d = found[0]
    _set_date(memo, text[a:b].strip(), d.isoformat())
    return True

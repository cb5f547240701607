"""The sender as printed: the letterhead, a memo's ส่วนราชการ line, an order's title, a
stamped letter's office above its date (archive.fields._agency names the agency)."""
from __future__ import annotations

import re

from .. import agencies
from ..records import Memo
from ._dateline import _is_pure_date
from ._debris import _is_junk
from ._kind import TITLED_KINDS, _after_title
from ._labels import _ADDRESS, _DATE_LABEL, _DEPT_LABEL, _LABEL_LINE, _REF_LABEL
from ._lines import (Line, _clean_value, _first, _is_label, _join_wrapped, _next_is_label,
                     _nonblank, _prev_nonblank)
from ._marks import _MARK_WORDS
from ._ref import _raw_ref
from ._stamps import _fragment_of_name


def _fill_sender_as_printed(memo: Memo, lines: list[Line], head: list[Line], ref_line: Line | None,
                            stamp_lines: set[int]) -> None:
    """Where the sender is printed, by the kind of letter; a memo's ส่วนราชการ line also
    names the owner division."""
    printed = None
    division = None
    if memo.kind in TITLED_KINDS:
        printed = _title_agency(lines, memo.kind)
    elif memo.kind == "บันทึกข้อความ":
        hit = _first(head, _DEPT_LABEL)
        if hit:
            division, printed = _split_division(hit[0].text[hit[1].end():])
    elif memo.kind == "หนังสือประทับตรา":
        printed = _stamped_agency(lines, memo)
    else:
        printed = _letterhead_agency(lines, head, ref_line, stamp_lines)
    if division and not memo.owner_division:
        memo.owner_division = division
    memo.sender_as_printed = printed


# Where the issuing agency's name ends in a title line.
_TITLE_END = re.compile(r"\s+(?:เรื่อง|ว่าด้วย|ฉบับที่|ประจำวันที่|ที่\s*[0-9๐-๙]|ณ\s).*$")


def _title_agency(lines: list[Line], kind: str) -> str | None:
    nb = _nonblank(lines)
    for k, ln in enumerate(nb[:12]):
        end = _after_title(ln.text, kind)
        if end is not None and not re.match(r"^\s*ณ", ln.text[end:]):
            rest = ln.text[end:].strip()
            rest = _TITLE_END.sub("", re.split(r"ว่าด้วย", rest)[0]).strip()
            rest = agencies.mend_opener(re.sub(r"^(?:ของ|จาก)\s*", "", rest))
            if _TITLE_END.search(ln.text) or len(rest) > 90:
                return _clean_value(rest[:90]) or None
            # Lines between the title and the first label (ที่/เรื่อง) continue the title.
            for nxt in nb[k + 1:k + 3]:
                if _is_label(nxt.text) or _REF_LABEL.match(nxt.text) or _is_pure_date(nxt.text):
                    break
                if _is_junk(nxt.text):
                    continue  # specks of the Garuda or a stamp read as `a   a` (a real scan)
                joined = _join_wrapped([rest, nxt.text]) if rest else nxt.text
                if rest and agencies.lookup_name(agencies.canonical_name(joined)):
                    return _clean_value(joined)  # a name wrapped inside a word (…ระบบราช⏎การ)
                if not _next_is_label(lines, nxt) and rest:
                    break
                rest = joined
            return _clean_value(rest) or None
    return None


def _split_division(value: str) -> tuple[str | None, str | None]:
    """`กลุ่มบริหารทั่วไป กรมทางหลวง โทร. …` -> (division, agency)."""
    value = re.split(r"\s*(?:โท[รธ]\.?|โทรศัพท์|ติดต่อ)\s*[0-9๐-๙]", value)[0]
    value = re.split(r"\s+(?:โท[รธ]\.?|โทรศัพท์)\s*$", value)[0].strip()
    words = value.split()
    # The agency is the last part that names an agency on its own (directory or pattern).
    for k in range(len(words)):
        tail = " ".join(words[k:])
        if agencies.lookup_name(agencies.canonical_name(tail)):
            return (" ".join(words[:k]) or None), tail
    for k in range(len(words) - 1, 0, -1):
        if agencies.AGENCY_START.match(words[k]) and not agencies.UNIT_START.match(words[k]):
            return " ".join(words[:k]), " ".join(words[k:])
    # The larger unit printed first: คณะวิทยาศาสตร์และเทคโนโลยี สาขาวิชาวิทยาศาสตร์สิ่งแวดล้อม.
    first_sub = next((k for k, w in enumerate(words) if agencies.UNIT_START.match(w)), None)
    if first_sub and agencies.AGENCY_START.match(words[0]) and not agencies.UNIT_START.match(words[0]):
        return " ".join(words[first_sub:]), " ".join(words[:first_sub])
    if len(words) == 1:
        return None, words[0]
    return (" ".join(words[:-1]) or None), words[-1] if words else None


def _letterhead_agency(lines: list[Line], head: list[Line], ref_line: Line | None,
                       stamp_lines: set[int]) -> str | None:
    if ref_line is None:
        return None
    # Two-column letterhead on one line: `ที่ นร 0505/ว 500        สำนักเลขาธิการคณะรัฐมนตรี`.
    m = _REF_LABEL.match(ref_line.text)
    rest = ref_line.text[m.end():] if m else ""
    beside = rest[len(_raw_ref(rest)):] if rest else ""
    beside = beside.strip() if re.match(r"\s{2,}\S", beside) else ""
    if not beside:
        # the number damaged (อว ๘๑๑๕.๑ /๐๐.๗๔): the name still stands after a column gap
        gap = re.search(r"\S\s{4,}(?=\S)", rest)
        beside = rest[gap.end():].strip() if gap else ""
    after = [ln for ln in head if ln.no > ref_line.no and ln.no not in stamp_lines]
    if beside and not _DATE_LABEL.match(beside) and not _is_pure_date(beside):
        return _with_parent(_clean_value(agencies.mend_opener(beside)), after[:1])
    for k, ln in enumerate(after):
        t = ln.text
        if _LABEL_LINE.match(t) or _is_pure_date(t):
            return _letterhead_above(head, ref_line)
        if _MARK_WORDS.fullmatch(t.replace(" ", "")):
            continue
        # The name comes first, then the address; a PDF may wrap the name over lines; OCR
        # may have broken its first word.
        name = agencies.mend_opener(t)
        for nxt_line in after[k + 1:k + 3]:
            nxt = nxt_line.text
            if agencies.lookup_name(agencies.canonical_name(name)) or _ADDRESS.search(nxt) \
                    or _is_label(nxt) or _is_pure_date(nxt):
                break
            joined = _join_wrapped([name, nxt])
            if agencies.lookup_name(agencies.canonical_name(joined)) or not agencies.AGENCY_START.match(nxt):
                name = joined
            else:
                break
        return _with_parent(_clean_value(name), after[k + 1:k + 2])
    return None


def _with_parent(name: str, following: list[Line]) -> str:
    """An office's name and the body on the line below it that it belongs to, when the
    office alone is no agency of the directory: a letterhead may name an office and, on the
    next line, its body (คณะวิทยาศาสตร์การกีฬา / มหาวิทยาลัยบูรพา, สำนักบริหารโครงการ /
    กรมชลประทาน); both are the sender."""
    if not following or agencies.lookup_name(agencies.canonical_name(name)):
        return name
    parent = following[0].text.strip()
    if (agencies.OFFICE_START.match(name) and agencies.PARENT_START.match(parent)
            and not _ADDRESS.search(parent) and not _is_label(parent) and len(parent) <= 60):
        return f"{name} {_clean_value(parent)}"
    return name


def _letterhead_above(head: list[Line], ref_line: Line) -> str | None:
    """Some letterheads print the agency above the reference number."""
    for ln in head:
        if ln.no >= ref_line.no:
            break
        t = ln.text
        if _MARK_WORDS.fullmatch(t.replace(" ", "")) or _ADDRESS.search(t):
            continue
        if agencies.lookup_name(agencies.canonical_name(t)) or agencies.AGENCY_START.match(t):
            return _clean_value(t)
    return None


def _stamped_agency(lines: list[Line], memo: Memo) -> str | None:
    """A stamped letter ends with the sending office's name above the date."""
    if memo.date_raw is None:
        return None
    for ln in _nonblank(lines):
        if memo.date_raw in ln.text and _is_pure_date(ln.text):
            prev = _prev_nonblank(lines, ln)
            if prev is None:
                return None
            name = prev.text
            before = _prev_nonblank(lines, prev)
            if before is not None and _fragment_of_name(before.text, name):
                name = _join_wrapped([before.text, name])
            return _clean_value(name)
    return None

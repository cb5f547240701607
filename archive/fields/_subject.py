"""The subject (`เรื่อง`), also when OCR garbled its label, and a regulation's title (ว่าด้วย …)."""
from __future__ import annotations

import itertools
import re

from .. import spell
from ..records import Memo
from ._debris import _drop_junk_ends, _is_junk
from ._kind import TITLED_KINDS, _after_title
from ._labels import _GARBLED_LABEL, _RECIP_LABEL, _RULE, _SUBJ_LABEL
from ._lines import (Line, _clean_value, _continuation, _first, _garbled_label_line, _is_label,
                     _is_ref_line, _join_wrapped, _next_is_label, _next_real, _nonblank,
                     _opens_paragraph)
from ._ref import _ref_label


def _garbled_subject(lines: list[Line], head: list[Line], kind: str) -> tuple[Line, re.Match] | None:
    """The subject line when its label did not survive OCR: a line opening with a short
    Latin word, where the form puts the subject (just before เรียน, or right after the
    number or the title of an order or announcement)."""
    titled = kind in TITLED_KINDS
    for ln in head:
        m = _GARBLED_LABEL.match(ln.text)
        if not m or _ref_label(ln, False):  # specks before the number (oS   ที่ ๑๔๙/๒๕๖๐)
            continue
        after = _nonblank(lines[ln.no + 1:])[:3]
        before = _nonblank(lines[:ln.no])[-2:]
        if (any(_RECIP_LABEL.match(a.text) for a in after)
                or any(_is_ref_line(b.text) for b in before)
                or (titled and any(_after_title(b.text, kind) is not None for b in before))):
            return ln, m
    return None


def _fill_subject(memo: Memo, lines: list[Line], head: list[Line], stamp_lines: set[int]) -> None:
    hit = _first(head, _SUBJ_LABEL) or _garbled_subject(lines, head, memo.kind)
    if not hit:
        if memo.kind in ("ระเบียบ", "ข้อบังคับ"):
            memo.subject = _regulation_subject(head)
        return
    ln, m = hit
    first = _drop_junk_ends(ln.text[m.end():])
    parts = [first] + [_drop_junk_ends(c.text) for c in _subject_wrap(lines, ln, stamp_lines, alone=not first)]
    value = _join_wrapped([p for p in parts if p]) if any(parts) else ""
    memo.subject = _clean_subject(value) or None


_ABOUT = re.compile(r"ว่าด้วย")


def _regulation_subject(head: list[Line]) -> str | None:
    """A regulation says what it is about on its title lines, not after เรื่อง:
    `ระเบียบกระทรวงการคลัง ⏎ ว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ ⏎ พ.ศ. ๒๕๖๐`
    gives `ว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐`."""
    for k, ln in enumerate(head[:3]):
        m = _ABOUT.search(ln.text)
        if not m:
            continue
        parts = [ln.text[m.start():]]
        rule = next((j for j, nxt in enumerate(head[k + 1:k + 5]) if _RULE.match(nxt.text)), None)
        if rule is not None:  # the title's lines end at the rule under it
            parts += [nxt.text for nxt in head[k + 1:k + 1 + rule]]
        else:
            for nxt in head[k + 1:k + 3]:
                if _opens_paragraph(nxt.text) or len(nxt.text) > 80:
                    break
                parts.append(nxt.text)
        return _clean_subject(_join_wrapped(parts)) or None
    return None


def _subject_wrap(lines: list[Line], label: Line, stamp_lines: set[int], alone: bool) -> list[Line]:
    """The lines of a subject under its label line. A label alone on its line has the value
    on the next real line (past blank and junk lines), wrapped once at most."""
    if not alone:
        return _wrap_below(lines, label, stamp_lines, most=2, spaced=True)
    first = _next_real(lines, label)
    return [first] + _wrap_below(lines, first, stamp_lines, most=1, spaced=True) if first else []


def _wrap_below(lines: list[Line], start: Line, stamp_lines: set[int], most: int,
                spaced: bool = False) -> list[Line]:
    """The lines a value wraps onto below `start`: only a short wrap, as the value of a label
    never runs into a paragraph. It ends at the next label or stamp, as typed; on a scan also
    at a blank line or at a line that opens the body (orders and announcements have no เรียน
    line below the subject). Junk lines are passed over; with `spaced`, blank lines too (a
    value printed under its label, spaced out by OCR)."""
    cont = _continuation(lines, start, stamp_lines)
    if cont and len(cont) <= most and _next_is_label(lines, cont[-1], stamp_lines):
        return cont
    if spaced and (to_label := _lines_to_label(lines, start, stamp_lines, most)):
        return to_label
    cont = list(itertools.takewhile(lambda c: not _ends_wrap(c.text), cont))
    return cont if len(cont) <= most else []


def _lines_to_label(lines: list[Line], start: Line, stamp_lines: set[int], most: int) -> list[Line]:
    """The real lines between `start` and the next label or the body, blank lines between
    them or not; [] when there are more than `most`."""
    out = []
    for ln in lines[start.no + 1:]:
        if not ln.text or _is_junk(ln.text):
            continue
        if ln.no in stamp_lines or _is_label(ln.text):
            return out
        # A wrapped line may open with a word that opens paragraphs too (โดย, เพื่อ); just
        # above a label it is no paragraph, as the body comes after the labels.
        if _ends_wrap(ln.text) and not (_opens_paragraph(ln.text) and _next_is_label(lines, ln, stamp_lines)):
            return out
        out.append(ln)
        if len(out) > most:
            return []
    return []


def _ends_wrap(text: str) -> bool:
    """A line that is no part of a value above it: the body, or a label OCR garbled."""
    return _opens_paragraph(text) or _garbled_label_line(text)


# A final dot after a number or set apart is an OCR speck; abbreviations (ก.พ.ร.) keep theirs.
_SPECK_AFTER = re.compile(r"(?<=[0-9๐-๙\s])\.$")
# So is a dot set apart inside the subject, and one after a word longer than any
# abbreviation (ประชาชน. ครั้งที่ on the real scan dula_01): Thai ends no sentence with one.
_SPECK_APART = re.compile(r"(?<=\s)\.(?=\s)")
_SPECK_AFTER_WORD = re.compile(rf"(?<=[\u0E01-\u0E4E]{{{spell.ABBREVIATION_MAX + 1}}})\.(?=\s)")


def _clean_subject(value: str) -> str:
    value = _SPECK_AFTER_WORD.sub("", _SPECK_APART.sub("", _SPECK_AFTER.sub("", value)))
    return _clean_value(value)

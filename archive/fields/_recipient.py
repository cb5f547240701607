"""The addressee (`เรียน`, `กราบเรียน`, a stamped letter's `ถึง`), also when OCR garbled the label."""
from __future__ import annotations

import re

from .. import agencies
from ..records import Memo
from ._debris import _drop_junk_tail
from ._kind import TITLED_KINDS
from ._labels import _BODY_OPENER, _GARBLED_LABEL, _POSITION_HINT, _RECIP_LABEL, _SUBJ_LABEL
from ._lines import (Line, _continuation, _first, _is_label, _join_wrapped, _next_is_label,
                     _next_real, _opens_paragraph)


def _fill_recipient(memo: Memo, lines: list[Line], head: list[Line], stamp_lines: set[int]) -> None:
    if memo.kind in TITLED_KINDS:
        return
    hit = _first(head, _RECIP_LABEL) or _garbled_recipient(head, stamp_lines)
    if not hit:
        return
    ln, m = hit
    first = ln.text[m.end():]
    cont = _continuation(lines, ln, stamp_lines)
    parts = [_drop_junk_tail(first)]
    if _wraps_onto(lines, cont, stamp_lines, first):
        more = _drop_junk_tail(cont[0].text)
        # A second addressee under a whole first one (…จังหวัดอุบลราชธานี⏎นายกเทศมนตรี…) is
        # spaced from it, as typed; a name wrapped inside goes on without a space.
        if parts[0] and _POSITION_HINT.match(more) and agencies.ends_with_name(parts[0]):
            parts = [f"{parts[0]} {more}"]
        else:
            parts.append(more)
    value = _join_wrapped([p for p in parts if p]) if any(parts) else ""
    memo.recipient = value or None


def _wraps_onto(lines: list[Line], cont: list[Line], stamp_lines: set[int], first: str) -> bool:
    """Whether the addressee wraps onto the line under it (cont[0]), which opens no
    paragraph (paragraphs start with ด้วย, ตาม, เนื่องจาก …): it is the only line before the
    next label or before the body (a stamped letter's ถึง has the body right under it:
    ถึง นายกองค์การบริหารส่วนจังหวัด…⏎นายกเทศมนตรี… และนายอำเภอ ทุกอำเภอ⏎⏎ตามที่…), or a short
    tail."""
    if not cont or _BODY_OPENER.match(cont[0].text):
        return False
    if len(cont[0].text) < 0.4 * len(first):
        return True
    after = _next_real(lines, cont[0])
    return len(cont) == 1 and after is not None and (
        _next_is_label(lines, cont[0], stamp_lines) or _opens_paragraph(after.text))


def _garbled_recipient(head: list[Line], stamp_lines: set[int]) -> tuple[Line, re.Match] | None:
    """The addressee's line when OCR made its เรียน a short Latin word (Seu คณบดีคณะ…): after
    the subject line, a position (คณบดี, อธิบดี, ผู้ว่า…) right after the garbled label."""
    subject = _first(head, _SUBJ_LABEL)
    if subject is None:
        return None
    for ln in head:
        if ln.no <= subject[0].no or ln.no in stamp_lines:
            continue
        m = _GARBLED_LABEL.match(ln.text)
        if m and _POSITION_HINT.match(ln.text[m.end():]):
            return ln, m
        if _is_label(ln.text) and not _SUBJ_LABEL.match(ln.text):
            return None   # the next labelled field: the addressee was not garbled
    return None

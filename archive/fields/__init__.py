"""Fill a Memo's fields from the text of a letter.

The rules follow the letter formats of the ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ:
labels at the start of a line (`ที่`, `เรื่อง`, `เรียน`/`ถึง`, `อ้างถึง`, `สิ่งที่ส่งมาด้วย`,
`ส่วนราชการ`, `วันที่`), the sender's letterhead under the reference number, the signature
block `(ชื่อ)` + position lines, the owner division above `โทร.`; orders and announcements
titled `คำสั่ง…`/`ประกาศ…` and dated `สั่ง/ประกาศ ณ วันที่`; receiving stamps `เลขรับ`.
Text is expected repaired (archive.repair); digits may be Thai or Arabic.

One private module reads each group of fields (`_kind`, `_marks`, `_ref`, `_subject`,
`_recipient`, `_date`, `_sender`, `_stamps`, `_contacts`, `_cites`, then `archive.signature`
and `_confusions`); they share the lines (`_lines`, `_debris`, `_dateline`) and the labels
(`_labels`). `_title` names a letter from what was read.
"""
from __future__ import annotations

from .. import signature
from ..records import Memo
from ._cites import _fill_cites, _fill_enclosures
from ._confusions import _fix_ocr_confusions
from ._contacts import _fill_contacts
from ._date import _fill_date
from ._debris import value_before_debris, value_has_debris
from ._kind import TITLED_KINDS, detect_kind
from ._lines import MAX_LINE_CHARS, Line, _header, _lines, _mend_breaks, arabic
from ._marks import SECRECY, URGENCY, _fill_marks
from ._recipient import _fill_recipient
from ._ref import _fill_ref, _loose_ref_line
from ._sender import _fill_sender
from ._stamps import _fill_stamps, _stamp_line_indexes
from ._subject import _fill_subject
from ._title import (HEADING_MAX_CHARS, NO_TEXT_TITLE, TITLE_MAX_CHARS, TITLE_MIN_CHARS, UNTITLED,
                     heading_of, title_of)

__all__ = ["HEADING_MAX_CHARS", "MAX_LINE_CHARS", "NO_TEXT_TITLE", "SECRECY", "TITLED_KINDS",
           "TITLE_MAX_CHARS", "TITLE_MIN_CHARS", "UNTITLED", "URGENCY", "Line", "arabic",
           "detect_kind", "fill_fields", "heading_of", "title_of", "value_before_debris",
           "value_has_debris"]


def fill_fields(memo: Memo, text: str) -> None:
    if not text or not text.strip():
        memo.kind = memo.kind or "อื่น ๆ"
        return
    lines = _mend_breaks(_lines(text))
    head = _header(lines)
    stamp_lines = _stamp_line_indexes(lines)
    memo.kind = detect_kind(lines)
    _fill_marks(memo, lines, head)
    ref_line = _fill_ref(memo, head)
    if ref_line is None:
        ref_line = _loose_ref_line(head)
    _fill_subject(memo, lines, head, stamp_lines)
    _fill_recipient(memo, lines, head, stamp_lines)
    _fill_date(memo, lines, head, ref_line, stamp_lines)
    _fill_sender(memo, lines, head, ref_line, stamp_lines)
    _fill_stamps(memo, lines)
    _fill_contacts(memo, lines)
    _fill_cites(memo, lines, head)
    _fill_enclosures(memo, lines, head)
    signature.fill_signature(memo, lines)
    _fix_ocr_confusions(memo)

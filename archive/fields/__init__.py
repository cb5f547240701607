"""Fill a Memo's fields from the text of a letter.

The rules follow the letter formats of the ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ:
labels at the start of a line (`ที่`, `เรื่อง`, `เรียน`/`ถึง`, `อ้างถึง`, `สิ่งที่ส่งมาด้วย`,
`ส่วนราชการ`, `วันที่`), the sender's letterhead under the reference number, the signature
block `(ชื่อ)` + position lines, the owner division above `โทร.`; orders and announcements
titled `คำสั่ง…`/`ประกาศ…` and dated `สั่ง/ประกาศ ณ วันที่`; receiving stamps `เลขรับ`.
Text is expected repaired (archive.repair); digits may be Thai or Arabic.

fill_fields runs PIPELINE: steps in order, each with what it reads and writes. A private
module reads each group of fields (`_kind`, `_marks`, `_ref`, `_subject`, `_recipient`,
`_date`, `_sender` and `_agency`, `_stamps`, `_contacts`, `_cites`, then archive.signature
and `_confusions`); they share the page's lines (`_lines`, `_debris`, `_dateline`) and the
labels (`_labels`). `_title` names a letter from what was read.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .. import signature
from ..records import Memo
from ._agency import _name_sender
from ._cites import _fill_cites, _fill_enclosures
from ._confusions import _fix_ocr_confusions
from ._contacts import _fill_contacts
from ._date import _fill_date
from ._debris import value_before_debris, value_has_debris
from ._kind import TITLED_KINDS, detect_kind
from ._lines import MAX_LINE_CHARS, Line, _header, _lines, _mend_breaks, arabic
from ._marks import SECRECY, URGENCY, _fill_marks
from ._recipient import _fill_recipient
from ._ref import _fill_ref, _loose_ref_line, _mend_ref_letters
from ._sender import _fill_sender_as_printed
from ._stamps import _fill_stamps, _stamp_line_indexes
from ._subject import _fill_subject
from ._title import (HEADING_MAX_CHARS, NO_TEXT_TITLE, TITLE_MAX_CHARS, TITLE_MIN_CHARS, UNTITLED,
                     heading_of, title_of)

__all__ = ["HEADING_MAX_CHARS", "MAX_LINE_CHARS", "NO_TEXT_TITLE", "PIPELINE", "SECRECY",
           "TITLED_KINDS", "TITLE_MAX_CHARS", "TITLE_MIN_CHARS", "UNTITLED", "URGENCY", "Line",
           "Page", "Step", "arabic", "detect_kind", "fill_fields", "heading_of", "title_of",
           "value_before_debris", "value_has_debris"]


@dataclass
class Page:
    """What the steps share besides the memo: the letter's lines and what was found on them."""
    lines: list[Line]            # every line, specks blanked and breaks mended
    head: list[Line]             # the non-blank lines before the body
    stamp_lines: set[int]        # the numbers of the lines of receiving stamps
    ref_line: Line | None = None  # the reference number's line, found by the ref step

    @classmethod
    def of(cls, text: str) -> Page:
        lines = _mend_breaks(_lines(text))
        return cls(lines, _header(lines), _stamp_line_indexes(lines))


class Step(NamedTuple):
    run: Callable[[Memo, Page], None]
    reads: tuple[str, ...]   # memo fields and Page attributes
    writes: tuple[str, ...]  # memo fields and Page attributes no earlier step wrote
    rewrites: tuple[str, ...] = ()  # memo fields an earlier step wrote, changed here


def _kind(memo: Memo, page: Page) -> None:
    memo.kind = detect_kind(page.lines)


def _marks(memo: Memo, page: Page) -> None:
    _fill_marks(memo, page.lines, page.head)


def _ref(memo: Memo, page: Page) -> None:
    page.ref_line = _fill_ref(memo, page.head)
    if page.ref_line is None:
        page.ref_line = _loose_ref_line(page.head)


def _subject(memo: Memo, page: Page) -> None:
    _fill_subject(memo, page.lines, page.head, page.stamp_lines)


def _recipient(memo: Memo, page: Page) -> None:
    _fill_recipient(memo, page.lines, page.head, page.stamp_lines)


def _date(memo: Memo, page: Page) -> None:
    _fill_date(memo, page.lines, page.head, page.ref_line, page.stamp_lines)


def _sender_as_printed(memo: Memo, page: Page) -> None:
    _fill_sender_as_printed(memo, page.lines, page.head, page.ref_line, page.stamp_lines)


def _ref_letters(memo: Memo, page: Page) -> None:
    _mend_ref_letters(memo, page.ref_line, memo.sender_as_printed)


def _sender(memo: Memo, page: Page) -> None:
    _name_sender(memo, page.ref_line)


def _stamps(memo: Memo, page: Page) -> None:
    _fill_stamps(memo, page.lines)


def _contacts(memo: Memo, page: Page) -> None:
    _fill_contacts(memo, page.lines)


def _cites(memo: Memo, page: Page) -> None:
    _fill_cites(memo, page.lines, page.head)


def _enclosures(memo: Memo, page: Page) -> None:
    _fill_enclosures(memo, page.lines, page.head)


def _signature(memo: Memo, page: Page) -> None:
    signature.fill_signature(memo, page.lines)


def _confusions(memo: Memo, page: Page) -> None:
    _fix_ocr_confusions(memo)


_DESCRIPTIVE = ("subject", "recipient", "position", "owner_division", "enclosures")

# The steps in the order they run: a step reads only what the page holds and what an
# earlier step wrote (tests/archive/test_pipeline.py holds them to what they say here).
PIPELINE: tuple[Step, ...] = (
    Step(_kind, ("lines",), ("kind",)),
    Step(_marks, ("lines", "head"), ("urgency", "secrecy")),
    # A number OCR damaged is left empty, but its line is kept: the letterhead, a memo's
    # date and the sender's code are found by it.
    Step(_ref, ("head",), ("ref_no", "ref_no_raw", "ref_line")),
    Step(_subject, ("kind", "lines", "head", "stamp_lines"), ("subject",)),
    Step(_recipient, ("kind", "lines", "head", "stamp_lines"), ("recipient",)),
    # Reads the receiving stamps' dates itself: they settle a date OCR left ambiguous.
    Step(_date, ("kind", "lines", "head", "ref_line", "stamp_lines"), ("date", "date_raw")),
    # A stamped letter's office is the line above its date.
    Step(_sender_as_printed, ("kind", "date_raw", "lines", "head", "ref_line", "stamp_lines"),
         ("sender_as_printed", "owner_division")),
    # A number whose agency letters OCR lost gets them from the sender's code.
    Step(_ref_letters, ("ref_line", "ref_no", "sender_as_printed"), (), ("ref_no", "ref_no_raw")),
    Step(_sender, ("sender_as_printed", "ref_no", "ref_line"),
         ("sender", "sender_code", "sender_abbr")),
    # A stamp's date is settled by the letter's.
    Step(_stamps, ("lines", "date"), ("stamps", "received_no", "received_date", "received_time")),
    # The owner division above the telephone line, when a memo's ส่วนราชการ gave none.
    Step(_contacts, ("lines", "owner_division"), ("phone", "fax", "email"), ("owner_division",)),
    Step(_cites, ("lines", "head", "ref_no"), ("cites",)),
    Step(_enclosures, ("lines", "head"), ("enclosures",)),
    Step(_signature, ("kind", "lines"), ("signatory", "position")),
    Step(_confusions, _DESCRIPTIVE, (), _DESCRIPTIVE),
)


def fill_fields(memo: Memo, text: str) -> None:
    if not text or not text.strip():
        memo.kind = memo.kind or "อื่น ๆ"
        return
    page = Page.of(text)
    for step in PIPELINE:
        step.run(memo, page)

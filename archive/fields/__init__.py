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
from datetime import date
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
from ._lines import MAX_LINE_CHARS, Line, _header, _mend_breaks, _split_lines, arabic
from ._marks import SECRECY, URGENCY, _fill_marks, nearest_mark
from ._recipient import _fill_recipient
from ._ref import _fill_ref, _loose_ref_line, _mend_ref_letters
from ._sender import _fill_sender_as_printed
from ._stamps import _FoundStamp, _fill_stamps, _find_stamps, _received_readings, _stamp_lines
from ._subject import _fill_subject
from ._title import (HEADING_MAX_CHARS, NO_TEXT_TITLE, TITLE_MAX_CHARS, TITLE_MIN_CHARS, UNTITLED,
                     heading_of, title_of)

__all__ = ["HEADING_MAX_CHARS", "MAX_LINE_CHARS", "NO_TEXT_TITLE", "PIPELINE", "SECRECY",
           "TITLED_KINDS", "TITLE_MAX_CHARS", "TITLE_MIN_CHARS", "UNTITLED", "URGENCY", "Line",
           "Page", "Step", "arabic", "detect_kind", "fill_fields", "heading_of", "nearest_mark",
           "title_of", "value_before_debris", "value_has_debris"]


@dataclass
class Page:
    """What the steps share besides the memo: the letter's lines and what was found on them."""
    lines: list[Line]                # every line, specks blanked and breaks mended
    head: list[Line]                 # the non-blank lines before the body
    stamps_found: list[_FoundStamp]  # the receiving stamps, their dates not yet settled
    stamp_lines: set[int]            # the lines they take: office, เลขรับ, วันที่ and เวลา lines
    received: tuple[date, ...]       # every date their date lines may be
    received_lines: set[int]         # those date lines, also where OCR damaged the วันที่
    ref_line: Line | None = None     # the reference number's line, found by the ref step

    @classmethod
    def of(cls, text: str) -> Page:
        lines = _mend_breaks(_split_lines(text))
        stamps = _find_stamps(lines)
        return cls(lines, _header(lines), stamps, _stamp_lines(stamps), *_received_readings(stamps))


class Step(NamedTuple):
    run: Callable[[Memo, Page], None]
    reads: tuple[str, ...]   # memo fields and Page attributes
    writes: tuple[str, ...]  # memo fields and Page attributes no earlier step wrote
    rewrites: tuple[str, ...] = ()  # memo fields an earlier step wrote, changed here


def _read_kind(memo: Memo, page: Page) -> None:
    memo.kind = detect_kind(page.lines)


def _read_marks(memo: Memo, page: Page) -> None:
    _fill_marks(memo, page.lines, page.head)


def _read_ref(memo: Memo, page: Page) -> None:
    page.ref_line = _fill_ref(memo, page.head)
    if page.ref_line is None:
        page.ref_line = _loose_ref_line(page.head)


def _read_subject(memo: Memo, page: Page) -> None:
    _fill_subject(memo, page.lines, page.head, page.stamp_lines)


def _read_recipient(memo: Memo, page: Page) -> None:
    _fill_recipient(memo, page.lines, page.head, page.stamp_lines)


def _read_date(memo: Memo, page: Page) -> None:
    _fill_date(memo, page.lines, page.head, page.ref_line, page.stamp_lines, page.received,
               page.received_lines)


def _read_sender_as_printed(memo: Memo, page: Page) -> None:
    _fill_sender_as_printed(memo, page.lines, page.head, page.ref_line, page.stamp_lines)


def _mend_ref(memo: Memo, page: Page) -> None:
    _mend_ref_letters(memo, page.ref_line, memo.sender_as_printed)


def _read_sender(memo: Memo, page: Page) -> None:
    _name_sender(memo, page.ref_line)


def _read_stamps(memo: Memo, page: Page) -> None:
    _fill_stamps(memo, page.lines, page.stamps_found)


def _read_contacts(memo: Memo, page: Page) -> None:
    _fill_contacts(memo, page.lines)


def _read_cites(memo: Memo, page: Page) -> None:
    _fill_cites(memo, page.lines, page.head)


def _read_enclosures(memo: Memo, page: Page) -> None:
    _fill_enclosures(memo, page.lines, page.head)


def _read_signature(memo: Memo, page: Page) -> None:
    signature.fill_signature(memo, page.lines)


def _fix_lookalikes(memo: Memo, page: Page) -> None:
    _fix_ocr_confusions(memo)


_DESCRIPTIVE = ("subject", "recipient", "position", "owner_division", "enclosures")

# The steps in the order they run: a step reads only what the page holds and what an
# earlier step wrote (tests/archive/test_pipeline.py holds them to what they say here).
PIPELINE: tuple[Step, ...] = (
    Step(_read_kind, ("lines",), ("kind",)),
    Step(_read_marks, ("lines", "head"), ("urgency", "secrecy")),
    # A number OCR damaged is left empty, but its line is kept: the letterhead, a memo's
    # date and the sender's code are found by it.
    Step(_read_ref, ("head",), ("ref_no", "ref_no_raw", "ref_line")),
    Step(_read_subject, ("kind", "lines", "head", "stamp_lines"), ("subject",)),
    Step(_read_recipient, ("kind", "lines", "head", "stamp_lines"), ("recipient",)),
    # The stamps' dates settle a date OCR left ambiguous (a letter is stamped after it is sent).
    Step(_read_date, ("kind", "lines", "head", "ref_line", "stamp_lines", "received",
                      "received_lines"), ("date", "date_raw")),
    # A stamped letter's office is the line above its date.
    Step(_read_sender_as_printed, ("kind", "date_raw", "lines", "head", "ref_line", "stamp_lines"),
         ("sender_as_printed", "owner_division")),
    # A number whose agency letters OCR lost or garbled is given them: the sender's own
    # when its code has the number's department, else the directory's, else the garbled
    # letters' consonants. Then the sender is named by the mended number's code.
    Step(_mend_ref, ("ref_line", "ref_no", "sender_as_printed"), (), ("ref_no", "ref_no_raw")),
    Step(_read_sender, ("sender_as_printed", "ref_no", "ref_line"),
         ("sender", "sender_code", "sender_abbr")),
    # The letter's date settles a stamp's.
    Step(_read_stamps, ("lines", "stamps_found", "date"),
         ("stamps", "received_no", "received_date", "received_time")),
    # The owner division above the telephone line, when a memo's ส่วนราชการ gave none.
    Step(_read_contacts, ("lines", "owner_division"), ("phone", "fax", "email"), ("owner_division",)),
    Step(_read_cites, ("lines", "head", "ref_no"), ("cites",)),
    Step(_read_enclosures, ("lines", "head"), ("enclosures",)),
    Step(_read_signature, ("kind", "lines"), ("signatory", "position")),
    Step(_fix_lookalikes, _DESCRIPTIVE, (), _DESCRIPTIVE),
)


def fill_fields(memo: Memo, text: str) -> None:
    if not text or not text.strip():
        memo.kind = memo.kind or "อื่น ๆ"
        return
    page = Page.of(text)
    for step in PIPELINE:
        step.run(memo, page)

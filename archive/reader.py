"""Read one file of the archive into a Memo: choose the reader by file type, then repair
the text and parse the letter's fields. Never raises for a bad file: the Memo carries
`error` instead, so one file cannot stop a reindex."""
from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

import settings

from .errors import TooLarge
from .records import Memo

TEXT_SUFFIXES = {".txt"}
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
OFFICE_SUFFIXES = {".docx", ".odt", ".doc"}
READABLE_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | IMAGE_SUFFIXES | OFFICE_SUFFIXES


def is_readable(path: Path) -> bool:
    """Files of a type we read; anything else (Thumbs.db, .xlsx, ~$ lock files) is skipped."""
    name = path.name
    if name.startswith(("~$", ".~lock", ".")):
        return False
    return path.suffix.lower() in READABLE_SUFFIXES


def read_document(path: Path, display_path: str | None = None, ocr: bool = True) -> Memo:
    """`display_path` is what the record calls the file (relative to the archive root)."""
    memo, raw = read_text_of(path, display_path, ocr)
    return understand(memo, raw)


def read_text_of(path: Path, display_path: str | None = None,
                 ocr: bool = True) -> tuple[Memo, str | None]:
    """The costly half of reading: the file's text as its reader gives it (decoded text,
    PDF text, OCR), before repair and understanding; the Memo holds only what reading
    learnt (format, pages, needs_ocr, error). The cache keeps this text, so that a better
    understanding (settings.FIELDS_VERSION) never has to read a PDF or OCR a scan again.
    Only the first settings.MAX_INDEXED_CHARS characters are kept."""
    from . import pdf, textfile

    memo = Memo(path=display_path or str(path))
    suffix = path.suffix.lower()
    raw = None
    try:
        if suffix in TEXT_SUFFIXES:
            memo.format = "txt"
            raw = textfile.read_text(path, max_chars=settings.MAX_INDEXED_CHARS)
        elif suffix in PDF_SUFFIXES:
            memo.format = "pdf"
            raw, memo.pages, memo.needs_ocr, ocr_pages = pdf.read_pdf(path, ocr=ocr)
            # A PDF of scanned pages is a scan, whether read by OCR or waiting for it.
            if memo.needs_ocr or ocr_pages * 2 > memo.pages:
                memo.format = "scan"
        elif suffix in IMAGE_SUFFIXES:
            from . import ocr as ocr_mod
            memo.format = "image"
            raw, memo.pages, memo.needs_ocr = ocr_mod.read_image(path, ocr=ocr)
        elif suffix in OFFICE_SUFFIXES:
            from . import office
            memo.format = suffix.lstrip(".")
            raw, memo.needs_ocr = office.read_office(path)
        else:
            memo.error = f"unsupported file type {suffix or '(none)'}"
    except MemoryError:
        # A bomb (a PDF stream, a zip part that inflates past the reader's memory cap):
        # the bare exception says nothing to a clerk.
        memo.error = str(TooLarge(_WHAT.get(memo.format, "file")))
        raw = None
    except Exception as exc:  # noqa: BLE001 - any reader failure is reported per file
        memo.error = _describe(exc)
        raw = None
    if raw is not None and len(raw) > settings.MAX_INDEXED_CHARS:
        # A huge file is still listed and found by its beginning; repairing and
        # segmenting (and caching) all of it would stall a reindex.
        raw, memo.truncated = cut_text(raw, settings.MAX_INDEXED_CHARS), True
    return memo, raw


CUT_SLACK = 2_000  # how far before the limit a line or word boundary is looked for


def cut_text(text: str, limit: int) -> str:
    """The first `limit` characters at most, ending at a line break near the limit, else
    at a space, else before a character that would lose its mark (unspaced Thai)."""
    if len(text) <= limit:
        return text
    for sep in ("\n", " "):
        at = text.rfind(sep, limit - CUT_SLACK, limit)
        if at > 0:
            return text[:at]
    end = limit
    while end > limit - CUT_SLACK and unicodedata.category(text[end]) == "Mn":
        end -= 1  # text[end] is a vowel or tone mark: keep it with its consonant
    return text[:end]


# What a clerk calls a file of each format, in messages.
_WHAT = {"txt": "text", "pdf": "PDF", "scan": "PDF", "image": "image", "docx": "Word file",
         "doc": "Word file", "odt": "ODF file"}


def understand(memo: Memo, raw: str | None) -> Memo:
    """The cheap half: repair the text read, parse the letter's fields, give it a title.
    Pure (no I/O): the same text always gives the same record."""
    from . import fields, repair, thaitext

    if memo.error:
        return memo
    if memo.needs_ocr or raw is None:
        memo.text = None
        memo.title = fields.title_of(memo)
        return memo
    text = repair.repair_text(raw)
    try:
        fields.fill_fields(memo, text)
    except Exception:  # noqa: BLE001 - a field-parser bug must not lose the letter's text
        logging.getLogger(__name__).exception("field parsing failed for %s", memo.path)
        memo.kind = memo.kind or "อื่น ๆ"
    # Fields are read from the lines as laid out; search, snippets and the page read the
    # text with words cut by a line wrap made whole again.
    memo.text = thaitext.join_wrapped_words(text)
    try:
        memo.title = fields.title_of(memo)
    except Exception:  # noqa: BLE001 - as for fields: the letter is still indexed
        logging.getLogger(__name__).exception("no title for %s", memo.path)
        memo.title = memo.subject or fields.UNTITLED
    return memo


def _describe(exc: Exception) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text.splitlines()[0][:300]

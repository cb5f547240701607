"""Text of a PDF with pdfminer.six, keeping Thai character order and line structure.

pdfminer's layout analysis splits Thai upper marks into separate "lines" and scrambles the
order, so we take the glyphs in content-stream order (no LAParams) and build lines ourselves
from the glyph origins. LibreOffice encodes some glyphs (SARA AA shared with SARA AM) only
through marked-content `/ActualText`, which pdfminer ignores; the device below substitutes
the ActualText for the glyphs of such a span, so `(cid:N)` does not appear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.psparser import PSException

from .repair import repair_text
from .thaidate import find_dates
from .thaitext import join_wrapped

_CID = re.compile(r"\(cid:\d+\)")


@dataclass
class _Glyph:
    text: str
    x0: float
    x1: float
    y: float  # baseline (origin) in page space
    size: float
    span: int | None  # ActualText span id, when the glyph belongs to one


class _GlyphDevice(PDFLayoutAnalyzer):
    """Collects glyphs per page in stream order, with their ActualText spans."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr, laparams=None)
        self.pages: list[list[_Glyph]] = []
        self.widths: list[float] = []
        self.span_text: dict[int, str] = {}
        self._tags: list[int | None] = []
        self._next_span = 0

    def begin_tag(self, tag, props=None) -> None:  # noqa: ANN001 - pdfminer signature
        actual = props.get("ActualText") if isinstance(props, dict) else None
        if actual is not None:
            self._next_span += 1
            self.span_text[self._next_span] = _decode_pdf_string(actual)
            self._tags.append(self._next_span)
        else:
            self._tags.append(None)

    def end_tag(self) -> None:
        if self._tags:
            self._tags.pop()

    def _current_span(self) -> int | None:
        for span in reversed(self._tags):
            if span is not None:
                return span
        return None

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):  # noqa: ANN001
        adv = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        item = self.cur_item._objs[-1]  # the LTChar just added
        item.span = self._current_span()  # type: ignore[attr-defined]
        return adv

    def receive_layout(self, ltpage) -> None:  # noqa: ANN001
        glyphs: list[_Glyph] = []

        def walk(item) -> None:  # noqa: ANN001
            if isinstance(item, LTChar):
                size = item.size or abs(item.matrix[3]) or 1.0
                glyphs.append(_Glyph(item.get_text(), item.x0, item.x1, item.matrix[5], size,
                                     getattr(item, "span", None)))
            elif isinstance(item, LTContainer):
                for child in item:
                    walk(child)

        walk(ltpage)
        self.pages.append(glyphs)
        self.widths.append(ltpage.width)


def _decode_pdf_string(value) -> str:  # noqa: ANN001
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        if value.startswith(b"\xfe\xff"):
            return value[2:].decode("utf-16-be", "replace")
        if value.startswith(b"\xff\xfe"):
            return value[2:].decode("utf-16-le", "replace")
        return value.decode("latin-1")
    return str(value)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    y: float
    size: float
    first_word: float = 0.0  # width of the text before the line's first space


def _page_lines(glyphs: list[_Glyph], span_text: dict[int, str]) -> list[_Line]:
    """Lines from glyph origins: a new line when the baseline moves by half a glyph size;
    a space for a horizontal gap, two spaces for a wide one (columns, tab stops). Real
    spaces are glyphs of their own; Thai justification spreads letters a little apart."""
    lines: list[_Line] = []
    cur: list[str] = []
    first: _Glyph | None = None
    prev: _Glyph | None = None
    last_span: int | None = None
    word_end: float | None = None

    def flush() -> None:
        text = "".join(cur).rstrip()
        if text.strip() and first is not None and prev is not None:
            end = word_end if word_end is not None else prev.x1
            lines.append(_Line(text, first.x0, prev.x1, first.y, first.size, end - first.x0))

    for g in glyphs:
        if g.span is not None and g.span == last_span:
            # The span's ActualText was written for its first glyph; extend its extent.
            if prev is not None:
                prev = _Glyph(prev.text, prev.x0, max(prev.x1, g.x1), prev.y, prev.size, prev.span)
            continue
        text = span_text[g.span] if g.span is not None else g.text
        last_span = g.span
        if prev is not None:
            if abs(g.y - prev.y) > 0.5 * max(g.size, prev.size) or g.x1 < prev.x0 - 2 * g.size:
                flush()
                cur, first, word_end = [], None, None
            else:
                gap = g.x0 - prev.x1
                if text.strip() and cur and not cur[-1].endswith(" "):
                    if gap > 1.5 * g.size:
                        cur.append("  ")
                    elif gap > 0.3 * g.size:
                        cur.append(" ")
                    if cur[-1].endswith(" ") and word_end is None:
                        word_end = prev.x1
                if not text.strip() and first is not None and word_end is None:
                    word_end = prev.x1
        if first is None and text.strip():
            first = g
        if first is not None:
            cur.append(text)
        if text.strip() or prev is None:
            prev = g
        else:  # a space glyph: advance the pen but keep the baseline of the line
            prev = _Glyph(text, prev.x0, g.x1, prev.y, prev.size, None)
    flush()
    return lines


# Lines that start a new element of a letter even right after a full line.
_STARTS_ELEMENT = re.compile(
    r"^(?:ที่\s|เรื่อง|เรียน|ถึง\s|อ้างถึง|สิ่งที่ส่งมา|ส่วนราชการ|วันที่|เลขรับ|เวลา|โทร|"
    r"ไปรษณีย์|[0-9๐-๙]{1,2}[.)]\s|[-_]{3,})")


_OPENS_PARAGRAPH = re.compile(r"^(?:ด้วย|ตามที่|ตามหนังสือ|เนื่องด้วย|เนื่องจาก|อนุสนธิ|สืบเนื่อง|อ้างถึง)")
_LABELLED = re.compile(r"^(?:เรื่อง|เรียน|ถึง|อ้างถึง|สิ่งที่ส่งมาด้วย|ส่วนราชการ)\s")


def _is_date_only(text: str) -> bool:
    """A date stands on its own line (under a letterhead or a signature)."""
    found = find_dates(text)
    return len(found) == 1 and len(text.strip()) - (found[0][1] - found[0][0]) <= 2


_THAI_RUN = re.compile(r"^[\u0E01-\u0E4E]+")
_MARK = re.compile(r"[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]")


def _first_word_fitted(ln: _Line, room: float) -> bool:
    """Would the line's first dictionary word have fitted in the room left on the line
    above? Then a Thai line breaker would have put it there, so the text broke at a space
    (as producers that break only at spaces do), and the join needs one."""
    m = _THAI_RUN.match(ln.text)
    if not m:
        return False
    from .spell import longest_word_prefix
    run = m.group(0)
    # Line breakers use the longest dictionary word (ปีงบประมาณ, not ปี).
    first = longest_word_prefix(run)
    visible = len(_MARK.sub("", run)) or 1
    return ln.first_word * len(_MARK.sub("", first)) / visible < room


def _merge_wrapped(lines: list[_Line], left: float, right: float) -> list[str]:
    """Undo line wrapping, so that each paragraph, heading or signature line is one line.
    A line continues the one above (one line lower, same size, not a new element) when
    - it starts at the left margin and its first word would not have fitted at the end of
      the line above (which is how text wraps), or
    - the line above is full (reaches the right edge) and this one starts at the same x
      (a right-hand column) or is centred under it (signature block)."""
    if not lines:
        return []
    out: list[str] = []
    prev: _Line | None = None
    # Paragraph spacing: a step clearly larger than the usual line step starts a paragraph.
    steps = sorted(round(a.y - b.y, 1) for a, b in zip(lines, lines[1:])
                   if abs(a.size - b.size) < 0.5 and 0.8 * a.size <= a.y - b.y <= 2.2 * a.size)
    usual = steps[len(steps) // 2] if steps else None
    for ln in lines:
        if prev is not None and out and not _STARTS_ELEMENT.match(repair_text(ln.text[:20])):
            em = max(prev.size, 1.0)
            step = prev.y - ln.y
            next_line = 0.8 * em <= step <= 2.2 * em and abs(ln.size - prev.size) < 0.2 * em
            if usual is not None and step > usual + 0.1 * em:
                next_line = False
            # (the line above may be a paragraph's indented first line, not a right column)
            at_margin = abs(ln.x0 - left) < 0.5 * em and -0.5 * em < prev.x0 - ln.x0 < 6 * em
            # A labelled value (เรื่อง, เรียน …) continues under its start (hanging indent)
            # or, in a centred heading, centred under it.
            labelled = _LABELLED.match(prev.text) is not None
            hanging = labelled and 0.5 * em < ln.x0 - prev.x0 < 3.8 * em
            centred_value = labelled and abs((ln.x0 + ln.x1) - (prev.x0 + prev.x1)) < 2 * em \
                and (prev.x1 - prev.x0) + ln.first_word + 0.25 * em > right - left
            wrapped = (at_margin or hanging) and prev.x1 + ln.first_word + 0.25 * em > right \
                or centred_value
            if re.match(r"(?:เรียน|ถึง)\s", prev.text) and _OPENS_PARAGRAPH.match(ln.text):
                wrapped = False  # the body after เรียน … starts with ด้วย, ตามที่ …
            full = prev.x1 >= right - 1.0 * em
            column = abs(ln.x0 - prev.x0) < 0.5 * em
            # (a date centred under a name is the stamped letter's date, not a wrap)
            centred = abs((ln.x0 + ln.x1) - (prev.x0 + prev.x1)) < 2 * em and not _is_date_only(ln.text)
            if next_line and (wrapped or full and (column or centred)):
                room = (right - left) - (prev.x1 - prev.x0) if centred_value else right - prev.x1
                sep_space = room > 3 * em or _first_word_fitted(ln, room - 0.3 * em)
                out[-1] = (out[-1] + " " + ln.text) if sep_space else join_wrapped(out[-1], ln.text)
                prev = _Line(out[-1], prev.x0, ln.x1, ln.y, ln.size, prev.first_word)
                continue
        out.append(ln.text)
        prev = ln
    return out


def _right_edge(lines: list[_Line]) -> float:
    """The right margin: the furthest x where several lines end (justified or full lines);
    one overlong line (a stamp running off the page) does not move it."""
    ends = sorted((ln.x1 for ln in lines), reverse=True)
    for c in ends:
        em = 16.0
        if sum(1 for e in ends if c - em <= e <= c) >= 3:
            return c
    return ends[0]


def _pages_text(pages: list[list[_Glyph]], span_text: dict[int, str],
                width: float) -> list[str | None]:
    """Text of each page (None for a page without a text layer). The text block's edges
    are measured over the whole document (a short last page has no full line), and the
    right edge is at least as far as the left margin mirrored (a letter of short lines)."""
    lines = [_page_lines(g, span_text) if _has_text(g) else None for g in pages]
    every = [ln for page in lines if page for ln in page]
    if not every:
        return [None] * len(pages)
    left = min(ln.x0 for ln in every)
    right = max(_right_edge(every), width - left)
    return [_fix_cid("\n".join(_merge_wrapped(page, left, right))) if page else None for page in lines]


def _fix_cid(text: str) -> str:
    """Fallback when a font has no Unicode mapping for SARA AA (and no ActualText):
    the glyph after SARA AM is its second half; elsewhere it is SARA AA."""
    if "(cid:" in text:
        text = re.sub(r"ำ\(cid:\d+\)", "ำ", text)
        text = _CID.sub("า", text)
    return text.replace("ำา", "ำ")


def _pages_glyphs(path: Path) -> tuple[list[list[_Glyph]], dict[int, str], float]:
    with open(path, "rb") as fh:
        try:
            parser = PDFParser(fh)
            doc = PDFDocument(parser)
        except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise ValueError(f"PDF is encrypted and cannot be opened: {path.name}") from exc
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"PDF is damaged or not a PDF ({exc.__class__.__name__}): {path.name}") from exc
        if not doc.is_extractable:
            # Copy-protection flags do not stop reading an archived letter; pdfminer can.
            pass
        rsrc = PDFResourceManager(caching=True)
        device = _GlyphDevice(rsrc)
        interp = PDFPageInterpreter(rsrc, device)
        try:
            for page in PDFPage.create_pages(doc):
                interp.process_page(page)
        except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise ValueError(f"PDF is encrypted and cannot be opened: {path.name}") from exc
        except (PDFSyntaxError, PSException) as exc:
            raise ValueError(f"PDF is damaged ({exc.__class__.__name__}): {path.name}") from exc
    width = max(device.widths) if device.widths else 0.0
    return device.pages, device.span_text, width


def _has_text(glyphs: list[_Glyph]) -> bool:
    return any(g.text.strip() for g in glyphs)


class PdfText(NamedTuple):
    text: str | None
    pages: int
    needs_ocr: bool
    ocr_pages: int = 0  # pages read by OCR (no text layer)


def read_pdf(path: Path | str, ocr: bool = True) -> PdfText:
    """(text, pages, needs_ocr, ocr_pages). Pages without a text layer are OCR'd when OCR
    is wanted and available; if any such page cannot be OCR'd the document needs OCR."""
    path = Path(path)
    pages, span_text, width = _pages_glyphs(path)
    if not pages:
        raise ValueError(f"PDF has no pages: {path.name}")
    texts = _pages_text(pages, span_text, width)
    missing = [i + 1 for i, t in enumerate(texts) if t is None]
    if missing:
        ocr_texts = _ocr_pages(path, missing) if ocr else None
        if ocr_texts is None:
            if len(missing) == len(pages):
                return PdfText(None, len(pages), True)
            # A typed letter with scanned attachments: its text is what matters.
            return PdfText("\n".join(t for t in texts if t), len(pages), False)
        for number, text in zip(missing, ocr_texts):
            texts[number - 1] = text or ""
    return PdfText("\n".join(t or "" for t in texts), len(pages), False, len(missing))


def _ocr_pages(path: Path, page_numbers: list[int]) -> list[str] | None:
    """OCR via archive.ocr (another module, may be absent or without Tesseract)."""
    try:
        from . import ocr  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        if not ocr.ocr_available():
            return None
        result = ocr.ocr_pdf_pages(path, page_numbers)
    except Exception:  # noqa: BLE001 - OCR failure leaves the scan waiting for OCR
        return None
    if isinstance(result, dict):
        return [result.get(n, "") for n in page_numbers]
    return list(result)

"""OCR of scanned letters with Tesseract (`tha+eng`): image-only PDF pages and image files.

Settings were chosen by measuring CER on the 54 dev scans (scripts/bench_ocr.py): 250 dpi
rendering, grayscale without thresholding, page segmentation mode 3, dotted leaders removed,
a second reading for pages whose mark rows split off. Otsu thresholding, median filtering,
psm 4/6/11, 150/200/300 dpi and passing --dpi were all measured worse or slower.
The Debian `tha` model misreads Thai digits (๔/๘/๙ -> ๕, ๖ -> ๒/๐; digit CER 24 %): words
holding them are read again glyph by glyph (archive.ocr._numbers). It drops about a tenth of
tone marks and confuses บ/ป: networks that read the context put them back (archive.marks,
archive.lookalikes). CER after archive.repair, raw Tesseract 6.1 %, these settings 4.0 %,
with the digits read again 2.9 %, with marks and look-alikes 2.4 %.

The modules, by job: _settings (OcrSettings, the one settings object), _image (the page
image: grey, scaled, dotted leaders removed; ink as connected components), _engine
(running Tesseract, its hOCR), _glyphs (glyphs and the network that reads them), _numbers
(the words holding numbers read again with it), _reread (numbers, header lines and stamps
read again), _repair (text fixes after OCR), _render (PDF pages as images). This module
reads a page, an image file and the pages of a PDF.
"""
from __future__ import annotations

import io
import logging
from pathlib import Path

from ._engine import TESSERACT_PACKAGES, ocr_available, ocr_missing, tesseract
from ._image import as_gray, find_dot_leaders, image_dpi, remove_dot_leaders, scale_for_ocr, whiten_leaders
from ._render import renderer
from ._repair import postprocess
from ._reread import (dictionary_chars, junk_lines, marks_on_top, read_header_lines_again,
                      read_numbers_again, with_marks)
from ._settings import DEFAULT_SETTINGS, OcrSettings

__all__ = ["DEFAULT_SETTINGS", "TESSERACT_PACKAGES", "OcrSettings", "dictionary_chars", "junk_lines",
           "marks_on_top", "ocr_available", "ocr_image", "ocr_missing", "ocr_pdf_pages", "postprocess",
           "read_header_lines_again", "read_image", "recognize", "remove_dot_leaders"]

log = logging.getLogger(__name__)


def recognize(img, dpi: float | None = None, cfg: OcrSettings = DEFAULT_SETTINGS) -> str:  # noqa: ANN001
    """Tesseract's text of one page image (PIL) at `dpi` (default cfg.render_dpi), its
    numbers read again glyph by glyph (cfg.read_numbers_again); raises on a Tesseract
    failure."""
    img, dpi = scale_for_ocr(as_gray(img), cfg.render_dpi if dpi is None else dpi, cfg.render_dpi)
    page = numbers_img = img
    if cfg.remove_leaders:
        # One pass over the page finds the dots of both images (find_dot_leaders).
        leaders = find_dot_leaders(img, dpi)
        page, _ = whiten_leaders(img, leaders)
        if cfg.read_numbers_again:
            numbers_img, _ = whiten_leaders(img, leaders, under_strokes=True)
    img = page
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    png = buf.getvalue()
    want_hocr = cfg.read_numbers_again or cfg.read_header_lines_again
    text, hocr = tesseract(png, cfg.tesseract_config, cfg, hocr=want_hocr)
    if cfg.second_pass_config is not None and junk_lines(text):
        again, again_hocr = tesseract(png, cfg.second_pass_config, cfg, hocr=want_hocr)
        if dictionary_chars(again) > dictionary_chars(text):
            text, hocr = again, again_hocr
    if cfg.read_numbers_again:
        text = read_numbers_again(text, hocr, numbers_img)
    if cfg.read_header_lines_again:
        text = read_header_lines_again(text, hocr, img, cfg)
    return text


def ocr_image(img, dpi: float | None = None, first_page: bool = False,  # noqa: ANN001
              cfg: OcrSettings = DEFAULT_SETTINGS, colour=None) -> str:  # noqa: ANN001
    """Text of one page image (PIL), with the Thai fixes applied; a first page's urgency and
    secrecy marks are read again from its upper part (marks_on_top), their red ink from
    `colour` (the page in colour, where `img` is a grey rendering of it) or `img`."""
    dpi = cfg.render_dpi if dpi is None else dpi
    text = postprocess(recognize(img, dpi, cfg), cfg)
    if first_page and cfg.read_marks_on_top:
        text = with_marks(text, marks_on_top(img, dpi, cfg, colour))
    return text


def _ocr_or_empty(img, dpi: float, what: str, first_page: bool,  # noqa: ANN001
                  cfg: OcrSettings, colour=None) -> str:  # noqa: ANN001
    try:
        return ocr_image(img, dpi, first_page, cfg, colour)
    except Exception as exc:  # noqa: BLE001 - one bad page must not fail the file
        log.warning("OCR failed for %s: %s", what, exc)
        return ""


def read_image(path: Path | str, ocr: bool = True,
               cfg: OcrSettings = DEFAULT_SETTINGS) -> tuple[str | None, int, bool]:
    """(text, pages, needs_ocr) of a PNG/JPEG/TIFF scan; multi-page TIFFs give all pages.
    Without OCR (switched off or Tesseract missing) the text is None and needs_ocr True."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path)
    try:
        img = Image.open(path)
        img.load()
    except Image.DecompressionBombError as exc:
        raise ValueError(f"image is too large to read safely: {path.name}") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValueError(f"image is damaged or not an image ({exc.__class__.__name__}): {path.name}") from exc
    with img:
        pages = getattr(img, "n_frames", 1) or 1
        if not (ocr and ocr_available()):
            return None, pages, True
        texts = []
        for index in range(pages):
            try:
                img.seek(index)
                frame = ImageOps.exif_transpose(img.copy())
            except (OSError, ValueError, EOFError) as exc:
                log.warning("cannot decode page %d of %s: %s", index + 1, path.name, exc)
                texts.append("")
                continue
            texts.append(_ocr_or_empty(frame, image_dpi(frame), f"{path.name} page {index + 1}",
                                       index == 0, cfg))
    return "\n\n".join(texts), pages, False


def ocr_pdf_pages(path: Path | str, page_numbers: list[int],
                  cfg: OcrSettings = DEFAULT_SETTINGS) -> dict[int, str]:
    """OCR text of the given pages (numbered from 1) of a PDF. A page that cannot be rendered
    or recognised gives "" (logged); a PDF the renderer cannot open at all raises."""
    path = Path(path)
    render = renderer(cfg)
    result: dict[int, str] = {}
    try:
        for number, img in render(path, list(page_numbers), cfg.render_dpi):
            result[number] = "" if img is None else _ocr_or_empty(
                img, cfg.render_dpi, f"{path.name} page {number}", number == 1, cfg,
                _in_colour(render, path, cfg) if number == 1 and cfg.read_marks_on_top else None)
    except Exception as exc:  # noqa: BLE001 - the document itself cannot be opened
        if not result:
            raise ValueError(f"cannot render PDF for OCR ({exc.__class__.__name__}): {path.name}") from exc
        log.warning("rendering %s stopped: %s", path.name, exc)
    return {n: result.get(n, "") for n in page_numbers}


def _in_colour(render, path: Path, cfg: OcrSettings):  # noqa: ANN001, ANN202
    """The first page rendered again in colour, for its red stamps (marks_on_top). Pages are
    read in grey as they were measured; a colour rendering's grey differs from it by a level
    or two in a twentieth of the pixels. Rendering a page again costs 0.06-0.2 s."""
    try:
        return next(iter(render(path, [1], cfg.render_dpi, grey=False)))[1]
    except Exception as exc:  # noqa: BLE001 - the grey page's marks stand
        log.warning("cannot render page 1 of %s in colour: %s", path.name, exc)
        return None

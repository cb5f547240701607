"""PDF pages as images for OCR: pypdfium2's, else poppler's pdftoppm."""
from __future__ import annotations

import functools
import io
import logging
import shutil
import subprocess
from pathlib import Path

from ._settings import DEFAULT_SETTINGS, OcrSettings

log = logging.getLogger(__name__)


def render_pdfium(path: Path, page_numbers: list[int], dpi: int, grey: bool = True):  # noqa: ANN202
    """Yields (page number, PIL image or None); pages are numbered from 1. In grey unless
    asked for colour (a first page's red stamps)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for number in page_numbers:
            try:
                if not 1 <= number <= len(doc):
                    raise IndexError(f"no page {number} (the PDF has {len(doc)})")
                page = doc[number - 1]
                bitmap = page.render(scale=dpi / 72, grayscale=grey)
                yield number, bitmap.to_pil()
            except Exception as exc:  # noqa: BLE001 - a bad page is skipped
                log.warning("cannot render page %d of %s: %s", number, path.name, exc)
                yield number, None
    finally:
        doc.close()


def render_pdftoppm(path: Path, page_numbers: list[int], dpi: int, grey: bool = True,  # noqa: ANN202
                    timeout: float = DEFAULT_SETTINGS.page_timeout):
    from PIL import Image

    for number in page_numbers:
        if number < 1:  # pdftoppm would read -f 0 as "from the first page"
            yield number, None
            continue
        cmd = ["pdftoppm", "-r", str(dpi), *(["-gray"] if grey else []), "-f", str(number),
               "-l", str(number), str(path)]  # colour: a PPM
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=True)
            yield number, Image.open(io.BytesIO(done.stdout))
        except Exception as exc:  # noqa: BLE001
            log.warning("cannot render page %d of %s: %s", number, path.name, exc)
            yield number, None


def renderer(cfg: OcrSettings):  # noqa: ANN202
    """The renderer cfg.pdf_renderer asks for: (path, page numbers, dpi, grey=True) ->
    (page number, image or None) pairs."""
    if cfg.pdf_renderer != "pdftoppm":
        try:
            import pypdfium2  # noqa: F401
            return render_pdfium
        except ImportError:
            pass
    if shutil.which("pdftoppm"):
        return functools.partial(render_pdftoppm, timeout=cfg.page_timeout)
    raise RuntimeError("no PDF renderer: install pypdfium2 (pip) or poppler-utils (pdftoppm)")

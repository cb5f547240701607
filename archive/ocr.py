"""OCR of scanned letters with Tesseract (`tha+eng`): image-only PDF pages and image files.

Settings were chosen by measuring CER on the 54 dev scans (scripts/bench_ocr.py): 250 dpi
rendering, grayscale without thresholding, page segmentation mode 3, dotted leaders removed,
a second reading for pages whose mark rows split off. Otsu thresholding, median filtering,
psm 4/6/11, 150/200/300 dpi and passing --dpi were all measured worse or slower.
The Debian `tha` model misreads Thai digits (๔/๘/๙ -> ๕, ๖ -> ๒/๐; digit CER 24 %): words
holding them are read again glyph by glyph (archive.ocr_numbers). It drops about a tenth of
tone marks and confuses บ/ป: networks that read the context put them back (archive.marks,
archive.lookalikes). CER after archive.repair, raw Tesseract 6.1 %, these settings 4.0 %,
with the digits read again 2.9 %, with marks and look-alikes 2.4 %.
"""
from __future__ import annotations

import functools
import io
import logging
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import settings

from .thaitext import join_split_words, thai_dictionary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OcrSettings:
    """How scans are read. The defaults are the measured ones (DEFAULT_SETTINGS); a benchmark
    or a test reads with a changed copy (dataclasses.replace(DEFAULT_SETTINGS, psm=6))."""
    language: str = "tha+eng"
    psm: int = 3
    tesseract_config: tuple[str, ...] = ()
    # Tesseract's line finder sometimes takes a long row of Thai upper vowels and tone marks
    # for a text line of its own: the marks become a junk line ("๑๑2๐๐๕ A ง = ๓ aA") and the
    # line below loses them (สถิติ -> สถต). A larger minimum line size keeps them with their
    # line but drops small print such as the receiving stamp (เลขรับ). So a page whose text
    # has junk lines is read again with it, and the reading with more characters in
    # dictionary words wins (None: never read again).
    # Dev scans, CER after repair: default 4.7 %, always the larger size 4.9 %, this 4.2 %.
    second_pass_config: tuple[str, ...] | None = ("-c", "textord_min_linesize=2.5")
    remove_leaders: bool = True
    # Words holding Thai digits are read again glyph by glyph (archive.ocr_numbers): the
    # Thai model gets a quarter of Thai digits wrong.
    read_numbers_again: bool = True
    # Tone marks Tesseract dropped are put back, and look-alike consonants (บ/ป) told apart,
    # by networks that read the words around them (archive.marks, archive.lookalikes).
    # Dev scans, CER after repair 2.93 % -> 2.45 %; subjects right 54 % -> 83 %.
    read_in_context: bool = True
    # A first page's urgency and secrecy stamps are read again from its upper part
    # (marks_on_top).
    read_marks_on_top: bool = True
    # A header line (เรียน, เรื่อง, ส่วนราชการ) that the page's reading tailed with debris is
    # read again alone (read_header_lines_again).
    read_header_lines_again: bool = True
    # Dev scans are 150 dpi images. CER after repair by rendering resolution: 150 dpi
    # 4.20 %, 200 dpi 4.17 %, 250 dpi 3.96 % (10 % more CPU than 200), 300 dpi 4.69 %.
    # PDF pages are rendered at it; images below it are scaled up to it.
    render_dpi: int = 250
    page_timeout: float = 180  # seconds; a page that takes longer is given up (""), the file goes on


DEFAULT_SETTINGS = OcrSettings()
A4_SHORT_INCHES = 8.27


TESSERACT_PACKAGES = "tesseract-ocr tesseract-ocr-tha"


def ocr_missing() -> str | None:
    """Why scans cannot be read here, saying what to install; None when OCR works."""
    if settings.ocr_switched_off():
        return "OCR is switched off (SARABAN_OCR)"
    if not shutil.which("tesseract"):
        return f"Tesseract is not installed: apt-get install {TESSERACT_PACKAGES}"
    if not _tesseract_has_thai():
        return "Tesseract has no Thai model: apt-get install tesseract-ocr-tha"
    return None


def ocr_available() -> bool:
    """Tesseract with Thai data is installed and OCR is not switched off (`SARABAN_OCR=off`)."""
    return ocr_missing() is None


@functools.lru_cache(maxsize=1)
def _tesseract_has_thai() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    langs = (out.stdout + out.stderr).decode("utf-8", "replace").split()
    return "tha" in langs


# --- Thai fixes for what Tesseract writes -------------------------------------------------

# Tesseract's Thai model writes SARA AM as NIKHAHIT + SARA AA (สํานัก), sometimes with the
# tone mark between them (นํ้า), or takes the NIKHAHIT for MAI HAN-AKAT (นั้า, ประจัาปี:
# MAI HAN-AKAT before SARA AA spells nothing). Thai text and search need the one code point.
_SARA_AM = re.compile("[\u0e4d\u0e31]([\u0e48-\u0e4b]?)\u0e32")
# Specks become lone quote/bar marks between blocks; they are never in a letter.
_SPECKS = re.compile(r"(?<!\S)[|'‘’`\"_~]+(?!\S)")


# Labels of the letter form that Tesseract misreads over and over (dev and real scans): the
# bold เรื่อง of TH Sarabun as "Gos", and tone marks lost over upper vowels (เรือง, วันที,
# ด่วนทีสุด). Only forms that are no other word in a letter's first column are rewritten.
_LABEL_FIXES = (
    (re.compile(r"^([ \t]*)(?:Gos|เรอง|เรือง|เร่อง|เรี่อง)(?=[ \t])", re.M), r"\1เรื่อง"),
    (re.compile(r"^([ \t]*)(?:ที|ท|ii)(?=[ \t]+(?:[ก-ฮ]{1,3}[ \t]*)?[๐-๙0-9])", re.M), r"\1ที่"),
    (re.compile("วันที(?![\u0e48-\u0e4b])"), "วันที่"),
    (re.compile("ทีสุด"), "ที่สุด"),
)


# MAI HAN-AKAT always has a final consonant after it: a space there is Tesseract's (รับฟั ง).
_SPACE_AFTER_MAI_HAN_AKAT = re.compile("(\u0e31[\u0e48-\u0e4b]?) +(?=[\u0e01-\u0e2e])")


def postprocess(text: str, cfg: OcrSettings = DEFAULT_SETTINGS) -> str:
    """Pure text fixes for Tesseract's Thai output (measured on the dev scans)."""
    text = _SARA_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    text = _SPACE_AFTER_MAI_HAN_AKAT.sub(r"\1", text)
    for pattern, repl in _LABEL_FIXES:
        text = pattern.sub(repl, text)
    text = _SPECKS.sub("", text)
    if cfg.read_in_context:
        text = _read_in_context(text)
    text = join_split_words(text)
    lines = [line.rstrip() for line in text.replace("\x0c", "\n").splitlines()]
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(line)
    return "\n".join(out).strip()


def _read_in_context(text: str) -> str:
    try:
        from . import lookalikes, marks
    except ImportError:  # numpy comes with the `ocr` extra
        return text
    return marks.restore(lookalikes.correct(text))


# --- images -------------------------------------------------------------------------------

def _as_gray(img):  # noqa: ANN001, ANN202 - PIL image in, PIL image out
    """8-bit grayscale on white: transparent areas become paper, not black."""
    from PIL import Image

    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(paper, rgba)
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        img = img.point(lambda v: v / 256).convert("L")
    return img.convert("L")


def _image_dpi(img) -> float:  # noqa: ANN001
    """Resolution from the file, else guessed from the width of an A4 page."""
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    if 50 <= value <= 1200:
        return value
    return min(img.size) / A4_SHORT_INCHES


def _scale_for_ocr(img, dpi: float, render_dpi: float = DEFAULT_SETTINGS.render_dpi):  # noqa: ANN001, ANN202
    """Low-resolution scans are scaled up to `render_dpi` (as PDF pages are rendered:
    Tesseract misses small marks); larger ones are left alone."""
    from PIL import Image

    if dpi >= render_dpi * 0.95:
        return img, dpi
    factor = render_dpi / dpi
    size = (round(img.width * factor), round(img.height * factor))
    return img.resize(size, Image.LANCZOS), float(render_dpi)


_DARK_RUN = re.compile(rb"\x01+")


def remove_dot_leaders(img, dpi: float = DEFAULT_SETTINGS.render_dpi, under_strokes: bool = False):  # noqa: ANN001, ANN201
    """Whitens dotted leader lines (the ....... under ส่วนราชการ/ที่/เรื่อง of the memo form):
    text sitting on them comes out as garbage. A leader is a row of at least 10 small dark
    runs, close together, with white above and below each (text strokes go on vertically).
    With `under_strokes`, a dot of the same row just under a stroke (white below it only)
    goes too, only its own pixels, so the stroke stays: the glyph re-reading of numbers took
    it for part of the digit above (๑ of the real scan prd_01's ๑๓๓๐ read as ๓) or for a
    hyphen. The page's own reading is not given that image: Tesseract's layout of a form
    filled by hand changed with it (the real scan dula_05 lost its addressee and sender).
    Returns (image, dots removed, counted once per pixel row)."""
    k = dpi / 200
    max_dot, max_gap, clear, min_dots = round(6 * k), round(14 * k), max(2, round(4 * k)), 10
    # Candidate rows are found by a regular expression over the row's bytes (fast, in C);
    # only its matches are checked run by run.
    leader = re.compile(rb"(?<!\x01)(?:\x01{1,%d}\x00{1,%d}){%d,}" % (max_dot, max_gap, min_dots))
    w, h = img.size
    data = img.point(lambda v: 1 if v < 200 else 0).tobytes()

    def white(y: int, x0: int, x1: int) -> bool:
        return y < 0 or y >= h or not any(data[y * w + max(0, x0 - 1):y * w + x1 + 1])

    dots: list[tuple[int, int, int]] = []
    near: list[tuple[int, int, int]] = []

    def take(chain: list[tuple[int, int, bool]], y: int) -> None:
        if sum(free for _, _, free in chain) >= min_dots:
            dots.extend((y, a, b) for a, b, free in chain if free)
            near.extend((y, a, b) for a, b, free in chain if not free)

    for y in range(h):
        for span in leader.finditer(data, y * w, (y + 1) * w):
            # (x0, x1, white above too); a dot under a stroke neither counts nor breaks the
            # row when under_strokes is off, as before it was known
            chain: list[tuple[int, int, bool]] = []
            for m in _DARK_RUN.finditer(data, span.start(), span.end()):
                x0, x1 = m.start() - y * w, m.end() - y * w
                free = white(y - clear, x0, x1)
                if white(y + clear, x0, x1) and (free or under_strokes):
                    chain.append((x0, x1, free))
                    continue
                take(chain, y)
                chain = []
            take(chain, y)
    if not under_strokes:
        near = []
    if not dots:
        return img, 0
    img = img.copy()
    from PIL import ImageDraw

    draw = ImageDraw.Draw(img)
    for y, x0, x1 in dots:
        draw.rectangle((x0 - 1, y - clear + 1, x1, y + clear - 1), fill=255)
    for y, x0, x1 in near:
        draw.line((x0, y, x1 - 1, y), fill=255)
    return img, len(dots) + len(near)


def recognize(img, dpi: float | None = None, cfg: OcrSettings = DEFAULT_SETTINGS) -> str:  # noqa: ANN001
    """Tesseract's text of one page image (PIL) at `dpi` (default cfg.render_dpi), its
    numbers read again glyph by glyph (cfg.read_numbers_again); raises on a Tesseract
    failure."""
    img, dpi = _scale_for_ocr(_as_gray(img), cfg.render_dpi if dpi is None else dpi, cfg.render_dpi)
    # (a second pass over the page for the numbers' image: 0.3 s of a page's 10 to 20)
    page = numbers_img = img
    if cfg.remove_leaders:
        page, _ = remove_dot_leaders(img, dpi)
        if cfg.read_numbers_again:
            numbers_img, _ = remove_dot_leaders(img, dpi, under_strokes=True)
    img = page
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    png = buf.getvalue()
    want_hocr = cfg.read_numbers_again or cfg.read_header_lines_again
    text, hocr = _tesseract(png, cfg.tesseract_config, cfg, hocr=want_hocr)
    if cfg.second_pass_config is not None and junk_lines(text):
        again, again_hocr = _tesseract(png, cfg.second_pass_config, cfg, hocr=want_hocr)
        if dictionary_chars(again) > dictionary_chars(text):
            text, hocr = again, again_hocr
    if cfg.read_numbers_again:
        text = _read_numbers_again(text, hocr, numbers_img)
    if cfg.read_header_lines_again:
        text = read_header_lines_again(text, hocr, img, cfg)
    return text


def _read_numbers_again(text: str, hocr: str, img) -> str:  # noqa: ANN001
    """Only the reading kept is re-read: the digits cannot change which reading wins."""
    try:
        from .ocr_numbers import fix_numbers

        return fix_numbers(text, hocr, img)
    except Exception as exc:  # noqa: BLE001 - a better guess at digits is never worth a page
        log.warning("re-reading numbers failed: %s", exc)
        return text


# The page's reading of a small-print header line crossed by a pen or a stamp gives up after
# its first words (เรียน คณบดีคณะ ee on the real scan dula_05, whose line is typed in full:
# คณบดีคณะวิทยาศาสตร์และเทคโนโลยี). The same line cut out and read as one line (psm 7) reads
# it whole. Only lines that start with a header label, in the upper half of the page, and
# whose value ends in debris are read again; the new reading is kept only when it starts with
# the same label and has more characters in dictionary words.
HEADER_ZONE = 0.5
_LINE_PAD = 0.35  # of the line's height, above and below


def read_header_lines_again(text: str, hocr: str, img, cfg: OcrSettings = DEFAULT_SETTINGS) -> str:  # noqa: ANN001
    from .fields import value_before_debris, value_has_debris
    from .labels import HEADER_VALUE_LABELS
    from .ocr_numbers import align_lines, parse_hocr

    raw_lines = text.split("\n")
    for pos, ocr_line in align_lines(raw_lines, parse_hocr(hocr)):
        line = raw_lines[pos].strip()
        label = next((lb for lb in HEADER_VALUE_LABELS if line.startswith(lb)), None)
        if label is None or not value_has_debris(line[len(label):]):
            continue
        # The label's own characters give the line's height: the hOCR line's box takes in
        # handwriting that runs into it.
        boxes = [box for _, box in ocr_line.chars[:len(label)]]
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        y1 = max(b[3] for b in boxes)
        if y1 > img.height * HEADER_ZONE:
            continue
        pad = int((y1 - y0) * _LINE_PAD)
        crop = img.crop((max(0, x0 - pad), max(0, y0 - pad), img.width, min(img.height, y1 + pad)))
        buf = io.BytesIO()
        crop.save(buf, format="PNG")
        try:
            again, _ = _tesseract(buf.getvalue(), cfg.tesseract_config, cfg, psm=7)
        except Exception as exc:  # noqa: BLE001 - the page's reading stands
            log.warning("reading a header line again failed: %s", exc)
            continue
        again = value_before_debris(again)
        if again.startswith(label) and dictionary_chars(again) > dictionary_chars(line):
            raw_lines[pos] = again
    return "\n".join(raw_lines)


def _tesseract(png: bytes, config: tuple[str, ...], cfg: OcrSettings, hocr: bool = False,
               psm: int | None = None) -> tuple[str, str]:
    """(text, hOCR with character boxes, or "") of a PNG page, with the extra Tesseract
    `config`, in page segmentation mode `psm` (default cfg.psm)."""
    # No --dpi: Tesseract's own estimate from the text height measured far better (a wrong
    # value loses tone marks and whole words).
    with tempfile.TemporaryDirectory(prefix="saraban-ocr-") as tmp:
        out = Path(tmp) / "page"
        cmd = ["tesseract", "stdin", str(out), "-l", cfg.language,
               "--psm", str(cfg.psm if psm is None else psm), *config]
        cmd += ["-c", "hocr_char_boxes=1", "txt", "hocr"] if hocr else ["txt"]
        # One thread per Tesseract: the indexer already runs one file per core.
        env = settings.child_env(OMP_THREAD_LIMIT="1")
        done = subprocess.run(cmd, input=png, capture_output=True, timeout=cfg.page_timeout, env=env)
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"tesseract failed: {err[-1] if err else done.returncode}")
        text = out.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
        page_hocr = out.with_suffix(".hocr").read_text(encoding="utf-8", errors="replace") if hocr else ""
    return text, page_hocr


def junk_lines(text: str) -> int:
    """Lines of mostly one- and two-character tokens: what stray marks and specks become."""
    count = 0
    for line in text.splitlines():
        tokens = line.split()
        if len(tokens) >= 3 and sum(len(t) <= 2 for t in tokens) >= 0.6 * len(tokens):
            count += 1
    return count


def dictionary_chars(text: str) -> int:
    """Characters of the text in Thai dictionary words (longer than one character)."""
    words = thai_dictionary()
    if not words:
        return 0
    from pythainlp.tokenize import word_tokenize

    total = 0
    for line in text.splitlines():
        if line.strip():
            total += sum(len(t) for t in word_tokenize(line, engine="newmm", keep_whitespace=False)
                         if len(t) > 1 and t in words)
    return total


# The urgency and secrecy stamps (ด่วนที่สุด, ลับ) are large, bold, often boxed or beside the
# Garuda, above the ที่ line, where the page's reading makes junk of them (ด่วนนี้สต, "vg yy"
# on the real scans prd_01 and dula_04). The page's upper part read again as sparse text
# (psm 11) at a smaller scale reads them whole: 0.6-0.9 s more a scanned letter (measured
# on a shared machine; a page is 3-5 s).
MARKS_TOP_FRACTION = 0.3
MARKS_DPI = 110  # the marks read at 90-110 dpi on the real scans, not at 130-150


def marks_on_top(img, dpi: float | None = None, cfg: OcrSettings = DEFAULT_SETTINGS) -> list[str]:  # noqa: ANN001
    """The urgency and secrecy marks printed in the upper part of a first page, each read
    as a whole word (archive.fields.URGENCY, SECRECY): the most urgent, then the most secret."""
    from PIL import Image

    from .fields import SECRECY, URGENCY

    dpi = cfg.render_dpi if dpi is None else dpi
    img = _as_gray(img)
    top = img.crop((0, 0, img.width, int(img.height * MARKS_TOP_FRACTION)))
    if dpi > MARKS_DPI:
        factor = MARKS_DPI / dpi
        top = top.resize((max(1, int(top.width * factor)), max(1, int(top.height * factor))),
                         Image.LANCZOS)
    buf = io.BytesIO()
    top.save(buf, format="PNG")
    text, _ = _tesseract(buf.getvalue(), (), cfg, psm=11)
    words = {re.sub(r"[^\u0E00-\u0E7F]", "", w) for w in text.split()}
    found = [next((m for m in kind if m in words), None) for kind in (URGENCY, SECRECY)]
    return [m for m in found if m]


def _with_marks(text: str, marks: list[str]) -> str:
    """The page's text with the marks its reading lost as a first line."""
    present = re.sub(r"\s", "", text[:400])
    missing = [m for m in marks if m not in present]
    return " ".join(missing) + "\n" + text if missing else text


def ocr_image(img, dpi: float | None = None, first_page: bool = False,  # noqa: ANN001
              cfg: OcrSettings = DEFAULT_SETTINGS) -> str:
    """Text of one page image (PIL), with the Thai fixes applied; a first page's urgency and
    secrecy marks are read again from its upper part (marks_on_top)."""
    dpi = cfg.render_dpi if dpi is None else dpi
    text = postprocess(recognize(img, dpi, cfg), cfg)
    if first_page and cfg.read_marks_on_top:
        text = _with_marks(text, marks_on_top(img, dpi, cfg))
    return text


def _ocr_or_empty(img, dpi: float, what: str, first_page: bool,  # noqa: ANN001
                  cfg: OcrSettings) -> str:
    try:
        return ocr_image(img, dpi, first_page, cfg)
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
            texts.append(_ocr_or_empty(frame, _image_dpi(frame), f"{path.name} page {index + 1}",
                                       index == 0, cfg))
    return "\n\n".join(texts), pages, False


# --- PDF pages ----------------------------------------------------------------------------

def _render_pdfium(path: Path, page_numbers: list[int], dpi: int):  # noqa: ANN202
    """Yields (page number, PIL image or None); pages are numbered from 1."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for number in page_numbers:
            try:
                if not 1 <= number <= len(doc):
                    raise IndexError(f"no page {number} (the PDF has {len(doc)})")
                page = doc[number - 1]
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                yield number, bitmap.to_pil()
            except Exception as exc:  # noqa: BLE001 - a bad page is skipped
                log.warning("cannot render page %d of %s: %s", number, path.name, exc)
                yield number, None
    finally:
        doc.close()


def _render_pdftoppm(path: Path, page_numbers: list[int], dpi: int,  # noqa: ANN202
                     timeout: float = DEFAULT_SETTINGS.page_timeout):
    from PIL import Image

    for number in page_numbers:
        if number < 1:  # pdftoppm would read -f 0 as "from the first page"
            yield number, None
            continue
        cmd = ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(number), "-l", str(number), str(path)]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=True)
            yield number, Image.open(io.BytesIO(done.stdout))
        except Exception as exc:  # noqa: BLE001
            log.warning("cannot render page %d of %s: %s", number, path.name, exc)
            yield number, None


def _renderer(cfg: OcrSettings):  # noqa: ANN202
    """(path, page numbers, dpi) -> (page number, image or None) pairs."""
    try:
        import pypdfium2  # noqa: F401
        return _render_pdfium
    except ImportError:
        if shutil.which("pdftoppm"):
            return functools.partial(_render_pdftoppm, timeout=cfg.page_timeout)
    raise RuntimeError("no PDF renderer: install pypdfium2 (pip) or poppler-utils (pdftoppm)")


def ocr_pdf_pages(path: Path | str, page_numbers: list[int],
                  cfg: OcrSettings = DEFAULT_SETTINGS) -> dict[int, str]:
    """OCR text of the given pages (numbered from 1) of a PDF. A page that cannot be rendered
    or recognised gives "" (logged); a PDF the renderer cannot open at all raises."""
    path = Path(path)
    render = _renderer(cfg)
    result: dict[int, str] = {}
    try:
        for number, img in render(path, list(page_numbers), cfg.render_dpi):
            result[number] = "" if img is None else _ocr_or_empty(
                img, cfg.render_dpi, f"{path.name} page {number}", number == 1, cfg)
    except Exception as exc:  # noqa: BLE001 - the document itself cannot be opened
        if not result:
            raise ValueError(f"cannot render PDF for OCR ({exc.__class__.__name__}): {path.name}") from exc
        log.warning("rendering %s stopped: %s", path.name, exc)
    return {n: result.get(n, "") for n in page_numbers}

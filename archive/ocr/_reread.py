"""Parts of a page read again where Tesseract's reading of the whole page is known to fail:
the words holding numbers (glyph by glyph, archive.ocr._numbers), header lines tailed with
debris, a first page's urgency and secrecy stamps; and the measures that tell which of two
readings is the better."""
from __future__ import annotations

import io
import logging
import re

from ..thaitext import thai_dictionary
from ._engine import align_lines, parse_hocr, tesseract
from ._image import as_gray
from ._settings import DEFAULT_SETTINGS, OcrSettings

log = logging.getLogger(__name__)


def read_numbers_again(text: str, hocr: str, img) -> str:  # noqa: ANN001
    """Only the reading kept is re-read: the digits cannot change which reading wins."""
    try:
        from ._numbers import fix_numbers

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
    from ..fields import value_before_debris, value_has_debris
    from ..labels import HEADER_VALUE_LABELS

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
            again, _ = tesseract(buf.getvalue(), cfg.tesseract_config, cfg, psm=7)
        except Exception as exc:  # noqa: BLE001 - the page's reading stands
            log.warning("reading a header line again failed: %s", exc)
            continue
        again = value_before_debris(again)
        if again.startswith(label) and dictionary_chars(again) > dictionary_chars(line):
            raw_lines[pos] = again
    return "\n".join(raw_lines)


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


def marks_on_top(img, dpi: float | None = None, cfg: OcrSettings = DEFAULT_SETTINGS,  # noqa: ANN001
                 colour=None) -> list[str]:  # noqa: ANN001
    """The urgency and secrecy marks printed in the upper part of a first page, each read
    as a whole word (archive.fields.URGENCY, SECRECY): the most urgent, then the most secret.
    On a colour page (`img`, or `colour`: the same page in colour) the red ink is read too,
    on its own (red_ink)."""
    from PIL import Image

    from ..fields import SECRECY, URGENCY, nearest_mark

    dpi = cfg.render_dpi if dpi is None else dpi
    upper = img.crop((0, 0, img.width, int(img.height * MARKS_TOP_FRACTION)))

    def scaled(part):  # noqa: ANN001, ANN202
        if dpi <= MARKS_DPI:
            return part
        factor = MARKS_DPI / dpi
        return part.resize((max(1, int(part.width * factor)), max(1, int(part.height * factor))),
                           Image.LANCZOS)

    words = _words(scaled(as_gray(upper)), 11, cfg)

    def found() -> list[str | None]:
        return [next((m for m in kind if m in words), None) for kind in (URGENCY, SECRECY)]

    if colour is not None:
        upper = colour.crop((0, 0, colour.width, int(colour.height * MARKS_TOP_FRACTION)))
    red = red_ink(upper)
    if red is not None:
        red = scaled(red)
        # Sparse text first (two stamps apart), then one word, then one raw line: which of
        # them reads a lone stamp changes with its size and turn (rendered stamps: each
        # read some that the others did not).
        for psm in RED_PSMS:
            words |= _words(red, psm, cfg)
            if any(found()):
                break
    marks = found()
    if not all(marks):
        # No reading gave the stamp whole: what its damaged readings agree it is.
        near = {nearest_mark(w) for w in words} - {None}
        for k, kind in enumerate((URGENCY, SECRECY)):
            of_kind = near & set(kind)
            if marks[k] is None and len(of_kind) == 1:
                marks[k] = of_kind.pop()
    return [m for m in marks if m]


def _words(img, psm: int, cfg: OcrSettings) -> set[str]:  # noqa: ANN001
    """The Thai words Tesseract reads in an image, each without what is not Thai."""
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    text, _ = tesseract(buf.getvalue(), (), cfg, psm=psm)
    return {re.sub(r"[^\u0E00-\u0E7F]", "", w) for w in text.split()}


# The สารบรรณ rules have urgency and secrecy stamped in red. On a colour scan the stamp is
# read from its red ink alone: in grey it is as dark as the text it is stamped over, and
# the page's reading makes one junk of both. Red: the red channel this far above the
# others; a frame or a rule (a component this many letters long) is dropped, as Tesseract
# takes a boxed word for a picture; read at MARKS_DPI, as the grey part is (at 200 dpi a
# stamp read as nothing). Rendered stamps over text, turned 0-12 degrees and in three reds:
# the grey reading found none of them, this every one. Looking costs 5 ms on a colour page
# without red, 11 ms with a stamp (then one to three small Tesseract runs).
RED_MARGIN = 60
_FRAME_LETTERS = 4
_RED_PAD = 20
RED_PSMS = (11, 8, 13)
RED_MOST = 0.1  # of the part: more red than this is a picture (a logo, a photo), not stamps


def red_ink(img):  # noqa: ANN001, ANN201 - PIL image in, PIL L image or None out
    """The red ink of a colour image as black on white, without frames, cropped to it with a
    margin; None for a grey image or one without red letters."""
    from PIL import Image, ImageChops, ImageDraw

    from ._image import components

    if img.mode not in ("RGB", "RGBA", "P", "CMYK"):
        return None
    r, g, b = img.convert("RGB").split()
    ink = ImageChops.subtract(r, ImageChops.lighter(g, b)).point(lambda v: 0 if v > RED_MARGIN else 255)
    box = ImageChops.invert(ink).getbbox()
    if box is None or ink.histogram()[0] > RED_MOST * img.width * img.height:
        return None  # no red, or a picture rather than stamps
    ink = ink.crop(box)
    found = components(ink, 128)
    letters = sorted(c.height for c in found if c.area >= 20)
    if len(letters) < 2:
        return None
    letter = letters[len(letters) // 2]
    draw = ImageDraw.Draw(ink)
    for c in found:
        if max(c.width, c.height) > _FRAME_LETTERS * letter:
            for y, x0, x1 in c.runs:
                draw.line((x0, y, x1 - 1, y), fill=255)
    box = ImageChops.invert(ink).getbbox()
    if box is None:
        return None
    out = Image.new("L", (box[2] - box[0] + 2 * _RED_PAD, box[3] - box[1] + 2 * _RED_PAD), 255)
    out.paste(ink.crop(box), (_RED_PAD, _RED_PAD))
    return out


def with_marks(text: str, marks: list[str]) -> str:
    """The page's text with the marks its reading lost as a first line."""
    present = re.sub(r"\s", "", text[:400])
    missing = [m for m in marks if m not in present]
    return " ".join(missing) + "\n" + text if missing else text

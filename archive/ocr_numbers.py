"""Re-reading of numbers in OCR output, glyph by glyph.

Debian's Tesseract `tha` model misreads Thai digits badly (on the dev scans a quarter of
them: ๔/๘/๙ -> ๕, ๖ -> ๒๐, ๗ -> ฒ, ๒๗๘ -> "lake"), and a reference number or a date with
one wrong digit is a wrong field. Letters it reads well. So after Tesseract has read a page,
every line holding a Thai digit is cut out of the page image and split into glyphs
(connected components, stacked marks joined); the words with a Thai digit (and short Latin
words beside them, where the model switched script) are read again by a small network
trained on glyphs rendered from Thai fonts (scripts/train_glyph_model.py). Which strokes
make one glyph is decided by the same network: broken strokes joined and touching digits
cut apart where that reads best. Digits and slashes come from the network; glyphs it calls
letters keep Tesseract's reading.

Pure functions over Pillow images and Tesseract's hOCR (numpy for the network); nothing
here runs Tesseract.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from . import networks

CELL = 24  # the network sees a glyph as a CELL x CELL grey image

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
PUNCT = ".,-"  # told by size (see _punctuation), not by the network
# Labels that are written as they are; "letter" keeps Tesseract's reading.
_NUMBER_LABELS = frozenset(THAI_DIGITS + "/" + PUNCT)
_THAI_DIGIT = re.compile("[๐-๙]")


# --- glyphs -------------------------------------------------------------------------------

@dataclass
class Glyph:
    x0: int
    y0: int
    x1: int  # exclusive
    y1: int
    runs: list[tuple[int, int, int]] = field(default_factory=list)  # (y, x0, x1) of ink

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def area(self) -> int:
        return sum(b - a for _, a, b in self.runs)

    def absorb(self, other: "Glyph") -> None:
        self.x0, self.y0 = min(self.x0, other.x0), min(self.y0, other.y0)
        self.x1, self.y1 = max(self.x1, other.x1), max(self.y1, other.y1)
        self.runs.extend(other.runs)


def otsu_threshold(img: Image.Image) -> int:
    """Grey level that best splits ink from paper (Otsu) on an L image."""
    hist = img.histogram()[:256]
    total = sum(hist)
    if not total:
        return 128
    sum_all = sum(i * h for i, h in enumerate(hist))
    best, best_t, w0, sum0 = -1.0, 128, 0, 0
    for t in range(256):
        w0 += hist[t]
        if w0 == 0:
            continue
        w1 = total - w0
        if w1 == 0:
            break
        sum0 += t * hist[t]
        m0, m1 = sum0 / w0, (sum_all - sum0) / w1
        between = w0 * w1 * (m0 - m1) ** 2
        if between > best:
            best, best_t = between, t
    return best_t


_INK_RUN = re.compile(rb"\x01+")


def components(img: Image.Image, threshold: int | None = None) -> list[Glyph]:
    """8-connected components of the ink of an L image (dark on light), by run-length
    labelling: rows of ink runs joined with union-find, fast enough in pure Python for the
    few words of a page that hold numbers."""
    if threshold is None:
        threshold = otsu_threshold(img)
    w, h = img.size
    data = img.point(lambda v: 1 if v <= threshold else 0).tobytes()
    parent: list[int] = []
    runs: list[tuple[int, int, int]] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    prev: list[int] = []
    for y in range(h):
        row: list[int] = []
        for m in _INK_RUN.finditer(data, y * w, (y + 1) * w):
            a, b = m.start() - y * w, m.end() - y * w
            idx = len(runs)
            runs.append((y, a, b))
            parent.append(idx)
            for j in prev:
                _, pa, pb = runs[j]
                if pa <= b and pb >= a:  # touching, diagonals included
                    ri, rj = find(idx), find(j)
                    if ri != rj:
                        parent[ri] = rj
            row.append(idx)
        prev = row
    groups: dict[int, Glyph] = {}
    for i, (y, a, b) in enumerate(runs):
        root = find(i)
        g = groups.get(root)
        if g is None:
            groups[root] = Glyph(a, y, b, y + 1, [(y, a, b)])
        else:
            g.x0, g.x1, g.y1 = min(g.x0, a), max(g.x1, b), y + 1
            g.runs.append((y, a, b))
    return list(groups.values())


def glyphs(img: Image.Image, min_area: int = 6, band: tuple[float, float] | None = None) -> list[Glyph]:
    """Glyphs left to right: components without specks, with components stacked over each
    other (a tone mark over its consonant, the pieces of a broken stroke) joined. With
    `band` (top, bottom), only components centred in it are taken, before any joining."""
    parts = sorted((c for c in components(img) if c.area >= min_area
                    and (band is None or band[0] <= (c.y0 + c.y1) / 2 <= band[1])), key=lambda c: c.x0)
    out: list[Glyph] = []
    for c in parts:
        if out:
            last = out[-1]
            overlap = min(last.x1, c.x1) - max(last.x0, c.x0)
            # Stacked: overlapping across, hardly at all up and down (a slash leaning over
            # the digit beside it overlaps both ways and stays apart).
            stacked = min(last.y1, c.y1) - max(last.y0, c.y0) <= 0.25 * min(last.height, c.height)
            # Inside another's box: a piece of the same glyph broken off in a faint print
            # (the loop of ๑ inside its ring, read as ๐ and a dot on the real scan dula_03).
            inside = (last.x0 <= c.x0 and c.x1 <= last.x1 and last.y0 <= c.y0 and c.y1 <= last.y1
                      and last.width <= 1.5 * last.height and c.area < 0.5 * last.area)
            if inside or (overlap >= 0.5 * min(last.width, c.width) and stacked):
                last.absorb(c)
                continue
        out.append(c)
    return out


def normalize(g: Glyph) -> Image.Image:
    """The glyph's ink (its own runs only: a neighbour reaching into its box is left out),
    scaled to fit a CELL x CELL cell with its aspect kept, centred, white on black."""
    mask = Image.new("L", (g.width, g.height), 0)
    draw = ImageDraw.Draw(mask)
    for y, a, b in g.runs:
        draw.line((a - g.x0, y - g.y0, b - 1 - g.x0, y - g.y0), fill=255)
    scale = (CELL - 2) / max(g.width, g.height)
    size = (max(1, round(g.width * scale)), max(1, round(g.height * scale)))
    small = mask.resize(size, Image.BOX)
    cell = Image.new("L", (CELL, CELL), 0)
    cell.paste(small, ((CELL - size[0]) // 2, (CELL - size[1]) // 2))
    return cell


# --- the glyph model ----------------------------------------------------------------------

# What a candidate glyph can be. "letter": any letter (Tesseract's reading of it is kept);
# "junk": a piece of a glyph, or two glyphs taken as one.
CLASSES = (*THAI_DIGITS, "/", "letter", "junk")
MODEL = "glyph_model"
MODEL_PATH = networks.path(MODEL)


def features(g: Glyph, height: float, baseline: float) -> list[float]:
    """What the model sees of a glyph: its normalised cell, and its height, width and drop
    below the baseline measured in x-heights of its line (Garuda's ๗ is ๓ with a taller
    stem, which the cell alone no longer shows)."""
    cell = normalize(g).tobytes()
    return [v / 255 for v in cell] + [g.height / height, g.width / height,
                                      (g.y1 - baseline) / height]


@dataclass(frozen=True)
class GlyphModel:
    """A small two-layer network trained on glyphs rendered from Thai fonts
    (scripts/train_glyph_model.py); numpy only at run time."""
    w1: object
    b1: object
    w2: object
    b2: object

    def log_probs(self, rows: list[list[float]]):  # noqa: ANN201 - numpy array
        import numpy as np

        x = np.asarray(rows, dtype=np.float32)
        h = np.maximum(x @ self.w1 + self.b1, 0)
        z = h @ self.w2 + self.b2
        z -= z.max(axis=1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


@functools.lru_cache(maxsize=1)
def load_model() -> GlyphModel | None:
    """The shipped model, or None when it or numpy is missing (numbers are then left as
    Tesseract read them)."""
    arrays = networks.load(MODEL, CLASSES, cell=CELL)
    return None if arrays is None else GlyphModel(*(arrays[k] for k in ("w1", "b1", "w2", "b2")))


# --- Tesseract's reading ------------------------------------------------------------------

Box = tuple[int, int, int, int]


@dataclass
class OcrLine:
    bbox: Box
    chars: list[tuple[str, Box]]


_HOCR_ITEM = re.compile(
    r"<span class='(?:ocr_line|ocr_header|ocr_textfloat|ocr_caption)'[^>]*?title=\"bbox (\d+) (\d+) (\d+) (\d+)"
    r"|<span class='ocrx_cinfo' title='x_bboxes (-?\d+) (-?\d+) (-?\d+) (-?\d+)[^']*'>([^<]*)</span>")


def parse_hocr(hocr: str) -> list[OcrLine]:
    """Text lines of Tesseract's hOCR (made with `hocr_char_boxes=1`), each with its
    characters and their boxes, in reading order."""
    lines: list[OcrLine] = []
    for m in _HOCR_ITEM.finditer(hocr):
        if m.group(1) is not None:
            lines.append(OcrLine(tuple(int(v) for v in m.group(1, 2, 3, 4)), []))
        elif lines:
            box = tuple(int(v) for v in m.group(5, 6, 7, 8))
            for ch in html.unescape(m.group(9)):
                lines[-1].chars.append((ch, box))
    return [line for line in lines if line.chars]


# --- re-reading the words that hold numbers ------------------------------------------------

def _is_number_word(word: str) -> bool:
    return bool(_THAI_DIGIT.search(word))


def _punctuation(g: Glyph, height: float, baseline: float) -> str:
    """A glyph far smaller than the digits around it: dot, comma or hyphen."""
    if g.width >= 1.6 * g.height:
        return "-"
    if g.y1 > baseline + 0.2 * height:
        return ","
    return "."


def _cut(g: Glyph, cuts: list[int]) -> list[Glyph]:
    """The glyph cut at the given columns (relative to g.x0)."""
    pieces = []
    for c0, c1 in zip([0, *cuts], [*cuts, g.width]):
        a0, a1 = g.x0 + c0, g.x0 + c1
        runs = [(y, max(a, a0), min(b, a1)) for y, a, b in g.runs if a < a1 and b > a0]
        if runs:
            pieces.append(Glyph(min(r[1] for r in runs), min(r[0] for r in runs),
                                max(r[2] for r in runs), max(r[0] for r in runs) + 1, runs))
    return pieces


def _valleys(g: Glyph, height: float) -> list[int]:
    """Columns where a wide glyph may be two touching ones: local minima of the ink
    profile, well below its peak, not too near each other or the edges."""
    ink = [0] * g.width
    for _, a, b in g.runs:
        for x in range(a - g.x0, b - g.x0):
            ink[x] += 1
    peak, margin = max(ink), max(2, int(0.25 * height))
    cuts: list[int] = []
    for x in range(margin, g.width - margin):
        window = ink[max(0, x - 2):x + 3]
        if ink[x] <= 0.4 * peak and ink[x] == min(window) and (not cuts or x - cuts[-1] >= margin):
            cuts.append(x)
    return cuts


def _merged(parts: list[Glyph]) -> Glyph:
    g = Glyph(parts[0].x0, parts[0].y0, parts[0].x1, parts[0].y1, list(parts[0].runs))
    for other in parts[1:]:
        g.absorb(other)
    return g


def x_height(found: list[Glyph]) -> int:
    """The x-height of a line of Thai (its plain consonants' height), from its glyphs: a low
    quantile of the sizeable ones, as marks and tails make glyphs taller, never shorter."""
    big = max(g.area for g in found)
    heights = sorted(g.height for g in found if g.area >= 0.15 * big)
    return heights[int(0.3 * (len(heights) - 1))]


def line_metrics(found: list[Glyph], height: float | None = None) -> tuple[float, float]:
    """(x-height, baseline) for a word's glyphs; the x-height of the whole line is better
    when known (a word of digits alone has no plain consonant to measure)."""
    big = max(g.area for g in found)
    core = [g for g in found if g.area >= 0.15 * big]
    baseline = sorted(g.y1 for g in core)[len(core) // 2]
    return (height or x_height(found)), baseline


def _small(g: Glyph, height: float) -> bool:
    return g.height < 0.45 * height and g.width < 0.8 * height


def _cuts(g: Glyph, height: float) -> list[int]:
    """Where a glyph wide enough to be touching digits may be cut: the valleys of its ink,
    and, for one as wide as two digits or more, every few pixels (heavy print and
    black-and-white scans fuse digits without a valley between them)."""
    if g.width <= 1.2 * height:
        return []
    cuts = set(_valleys(g, height))
    if g.width > 1.6 * height:
        step = max(2, round(height / 6))
        cuts.update(range(step, g.width - step + 1, step))
    return sorted(cuts)


def atoms(found: list[Glyph], height: float) -> list[tuple[Glyph, bool]]:
    """(piece, whole): the word's glyphs, those wide enough to be touching digits cut."""
    out: list[tuple[Glyph, bool]] = []
    for g in found:
        cuts = _cuts(g, height)
        out.extend((p, not cuts) for p in (_cut(g, cuts) if cuts else [g]))
    return out


MAX_ATOMS = 12  # a digit cut every height/6 pixels is about eight pieces


def segments(parts: list[tuple[Glyph, bool]], height: float) -> list[tuple[int, int, Glyph]]:
    """(i, j, glyph): every run of atoms i..j-1 that may be one glyph (at most MAX_ATOMS,
    close together, at most two x-heights wide); whole small atoms are punctuation, by
    rule, and never joined."""
    out = []
    for i, (first, whole) in enumerate(parts):
        if whole and _small(first, height):
            continue
        for j in range(i + 1, min(len(parts), i + MAX_ATOMS) + 1):
            run = [p for p, _ in parts[i:j]]
            if j > i + 1 and ((parts[j - 1][1] and _small(run[-1], height))
                              or run[-1].x0 - run[-2].x1 > 0.2 * height
                              or run[-1].x1 - run[0].x0 > 2.0 * height):
                break
            out.append((i, j, run[0] if j == i + 1 else _merged(run)))
    return out


_EVEN_ODDS = -0.7  # log(0.5)


def read_glyphs(found: list[Glyph], model: GlyphModel, height: float | None = None,
                digits_only: bool = False) -> list[tuple[Glyph, str]]:
    """Each glyph of a word with its label, the segmentation decided by recognition: every
    way to join broken strokes and to cut touching digits apart is scored by the model, and
    the reading with the highest likelihood wins. Dots and hyphens are told by their size
    against the line, not by their shape. With `digits_only`, glyphs are read as digits or
    slashes, and a glyph that is no digit with even odds is labelled "letter"."""
    height, baseline = line_metrics(found, height)
    parts = atoms(found, height)
    cands = segments(parts, height)
    scores = model.log_probs([features(g, height, baseline) for _, _, g in cands]) if cands else []
    junk = CLASSES.index("junk")
    options: dict[int, list[tuple[int, float, Glyph, str]]] = {}
    banned = {junk, CLASSES.index("letter")} if digits_only else {junk}
    for (i, j, g), row in zip(cands, scores):
        row = [float("-inf") if k in banned else v for k, v in enumerate(row)]
        k = max(range(len(row)), key=row.__getitem__)
        label = CLASSES[k] if not digits_only or row[k] > _EVEN_ODDS else "letter"
        options.setdefault(i, []).append((j, -row[k], g, label))
    n = len(parts)
    # best[i]: the cheapest reading of atoms i.. as (cost, [(glyph, label)])
    best: list[tuple[float, list[tuple[Glyph, str]]]] = [(0.0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        first, whole = parts[i]
        if whole and _small(first, height):
            best[i] = (best[i + 1][0], [(first, _punctuation(first, height, baseline))] + best[i + 1][1])
            continue
        best[i] = min(((cost + best[j][0], [(g, label)] + best[j][1])
                       for j, cost, g, label in options.get(i, [])),
                      key=lambda c: c[0], default=(float("inf"), []))
    return best[0][1]


def _groups(found: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into words at gaps wider than a space's share of the glyph height."""
    heights = sorted(g.height for g in found)
    gap = 0.4 * heights[len(heights) // 2]
    groups: list[list[Glyph]] = [[found[0]]]
    right = found[0].x1
    for g in found[1:]:
        if g.x0 - right > gap:
            groups.append([g])
            right = g.x1
        else:
            groups[-1].append(g)
            right = max(right, g.x1)
    return groups


# Symbols no Thai letter prints, which Tesseract writes for a lone Thai digit (« for ๙, © for ๑).
_SYMBOLS = "«»©®°¢¥§"
_DIGIT_SYMBOL = re.compile(f"[{_SYMBOLS}]")
_LATIN_ONLY = re.compile(f"[A-Za-z0-9@.,:;(){_SYMBOLS}]{{1,6}}")


def _may_hold_digits(text: str) -> bool:
    """Text with a Thai digit, or a symbol Tesseract writes for one: worth reading again."""
    return bool(_THAI_DIGIT.search(text) or _DIGIT_SYMBOL.search(text))


def _tidy(word: str) -> str:
    """Specks beside a dot or a slash read as more punctuation (๐๒๑๑.,๓, ๓๗/.๒๕๖๖):
    numbers never have two marks in a row, nor a comma but before thousands (๒๕๖,๘)."""
    word = re.sub(r"[.,]{2,}", ".", word)
    word = re.sub(r"(?<=[๐-๙]),(?=[๐-๙])(?![๐-๙]{3}(?![๐-๙]))", "", word)
    return re.sub(r"[.,]*/[.,]*", "/", word)


_BRACKETS = ("(", ")", "[", "]")


def _tesseract_chars(tess: list[tuple[str, Box]], gx0: int, gx1: int, used: set[int]) -> list[int]:
    """Tesseract's characters (indexes, not yet used) centred within a glyph's columns, or,
    when none is (its boxes can be wide: a bracket's reaching over the digit beside it), the
    one that overlaps the glyph most."""
    inside = [k for k, (_, b) in enumerate(tess) if k not in used and gx0 <= (b[0] + b[2]) / 2 <= gx1]
    if inside:
        return inside
    over = [(min(gx1, b[2]) - max(gx0, b[0]), k) for k, (_, b) in enumerate(tess) if k not in used]
    best = max(over, default=(0, -1))
    return [best[1]] if best[0] > 0 else []


def fix_line(img: Image.Image, line: OcrLine, words: list[str], model: GlyphModel) -> list[str]:
    """The words of one text line (Tesseract's, whose characters are line.chars in order),
    with those holding Thai digits read again from the image. A short Latin word is read
    again too (the model switches to English on a run of Thai digits: ๒๗๘ -> "lake") and
    kept only if every glyph is a Thai digit or punctuation."""
    spans, n = [], 0
    for word in words:
        chars = line.chars[n:n + len(word)]
        spans.append((min(b[0] for _, b in chars), max(b[2] for _, b in chars)))
        n += len(word)
    wanted = [_is_number_word(w) or bool(_LATIN_ONLY.fullmatch(w)) for w in words]
    if not any(_may_hold_digits(w) for w in words):
        return words
    lx0, ly0, lx1, ly1 = line.bbox
    x0, y0 = max(0, lx0 - (ly1 - ly0)), max(0, ly0 - 1)
    crop = img.crop((x0, y0, min(img.width, lx1 + (ly1 - ly0)), min(img.height, ly1 + 1)))
    # Tesseract's line box may reach into the next line (a speck read as a tall letter):
    # ink centred outside the band of the line's own characters is not the line's, and is
    # left out before stacked pieces are joined (the next line's marks sit under digits).
    tops = sorted(b[1] for _, b in line.chars)
    bottoms = sorted(b[3] for _, b in line.chars)
    top, bottom = tops[len(tops) // 2] - y0, bottoms[len(bottoms) // 2] - y0
    band = (top - 0.6 * (bottom - top), bottom + 0.25 * (bottom - top))
    # Ink cut off at the crop's top or bottom belongs to the lines above and below.
    found = [g for g in glyphs(crop, band=band)
             if not ((g.y0 == 0 or g.y1 >= crop.height) and g.height < 0.5 * crop.height)]
    if not found:
        return words
    line_height = x_height(found)
    # Each group of glyphs goes to the word whose boxes overlap it most. A group shared by
    # words (Tesseract cut a word in two) is read once, into the first of them.
    owners: dict[int, list[list[Glyph]]] = {}
    emptied: set[int] = set()
    for group in _groups(found):
        gx0, gx1 = x0 + group[0].x0, x0 + max(g.x1 for g in group)
        over = [(min(wx1, gx1) - max(wx0, gx0), i) for i, (wx0, wx1) in enumerate(spans)]
        mine = [i for o, i in over if o >= 0.3 * min(gx1 - gx0, spans[i][1] - spans[i][0])]
        if not mine:
            continue
        if len(mine) > 1:
            if not all(wanted[i] for i in mine):
                continue
            emptied.update(mine[1:])
        owners.setdefault(mine[0], []).append(group)
    out = list(words)
    for i, groups in owners.items():
        if not wanted[i]:
            continue
        latin = not _is_number_word(words[i])
        # A Latin word is taken for digits only when every glyph reads as one with even
        # odds ("lake" over ๒๗๘ printed touching; never "Fax" or "www").
        labelled = read_glyphs([g for group in groups for g in group], model, line_height,
                               digits_only=latin)
        start = sum(len(w) for w in words[:i])
        tess = line.chars[start:start + len(words[i])]
        used: set[int] = set()
        text = []
        for g, label in labelled:
            said = _tesseract_chars(tess, x0 + g.x0, x0 + g.x1, used)
            read = "".join(tess[k][0] for k in said)
            # The network knows no brackets: one Tesseract read as a bracket stays one.
            if label in _NUMBER_LABELS and read not in _BRACKETS:
                text.append(label)
                continue
            if latin and read not in _BRACKETS:
                break  # a Latin word with a glyph that is no digit stays as read
            # A letter keeps Tesseract's reading of it (with its marks).
            used.update(said)
            text.append(read)
        else:
            new = _tidy("".join(text))
            if _is_number_word(new):
                out[i] = new
    for i in emptied:
        if i not in owners and out[i] == words[i]:
            out[i] = ""
    return out


def align_lines(raw_lines: list[str], ocr_lines: list[OcrLine]) -> list[tuple[int, OcrLine]]:
    """Pairs (index in raw_lines, hOCR line) of the same text: both come from one reading,
    so the text of a line without spaces is the line's characters."""
    pairs, j = [], 0
    for i, line in enumerate(raw_lines):
        squashed = re.sub(r"\s+", "", line)
        if not squashed:
            continue
        for k in range(j, min(j + 3, len(ocr_lines))):
            if "".join(ch for ch, _ in ocr_lines[k].chars) == squashed:
                pairs.append((i, ocr_lines[k]))
                j = k + 1
                break
    return pairs


def fix_numbers(text: str, hocr: str, img: Image.Image) -> str:
    """Tesseract's text (its `txt` output) with the words holding Thai digits read again
    from the page image, using the character boxes of the same reading's hOCR."""
    model = load_model()
    if model is None or not _may_hold_digits(text):
        return text
    raw_lines = text.split("\n")
    img = img.convert("L")
    for pos, ocr_line in align_lines(raw_lines, parse_hocr(hocr)):
        line = raw_lines[pos]
        if not _may_hold_digits(line):
            continue
        spans = list(re.finditer(r"\S+", line))
        words = [m.group() for m in spans]
        new_words = fix_line(img, ocr_line, words, model)
        if new_words == words:
            continue
        out, last = [], 0
        for m, word in zip(spans, new_words):
            out.append(line[last:m.start()])
            out.append(word)
            last = m.end()
        out.append(line[last:])
        raw_lines[pos] = "".join(out)
    return "\n".join(raw_lines)

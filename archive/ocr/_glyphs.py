"""Glyphs of a line image, and the small network that reads them (archive.ocr._numbers reads
the numbers of a page again with it).

A line is split into glyphs: connected components, stacked marks joined. Which strokes make
one glyph is decided by the network: broken strokes joined and touching digits cut apart
where that reads best. It is trained on glyphs rendered from Thai fonts
(scripts/train_glyph_model.py) and knows the Thai digits and the slash; any letter is
"letter". Dots and hyphens are told by their size. Pure functions over Pillow images (numpy
for the network).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from PIL import Image, ImageDraw

from .. import networks
from ._image import Glyph, components


CELL = 24  # the network sees a glyph as a CELL x CELL grey image

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

PUNCT = ".,-"  # told by size (see _punctuation), not by the network


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

"""Page images for OCR: grey on white, scaled up to the OCR resolution, dotted leaders
whitened, and their ink as connected components (at Otsu's threshold). Pure functions over
Pillow images."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._settings import DEFAULT_SETTINGS

if TYPE_CHECKING:
    from PIL import Image


A4_SHORT_INCHES = 8.27


def as_gray(img):  # noqa: ANN001, ANN202 - PIL image in, PIL image out
    """8-bit grayscale on white: transparent areas become paper, not black."""
    from PIL import Image

    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(paper, rgba)
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        img = img.point(lambda v: v / 256).convert("L")
    return img.convert("L")


def image_dpi(img) -> float:  # noqa: ANN001
    """Resolution from the file, else guessed from the width of an A4 page."""
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    if 50 <= value <= 1200:
        return value
    return min(img.size) / A4_SHORT_INCHES


def scale_for_ocr(img, dpi: float, render_dpi: float = DEFAULT_SETTINGS.render_dpi):  # noqa: ANN001, ANN202
    """Low-resolution scans are scaled up to `render_dpi` (as PDF pages are rendered:
    Tesseract misses small marks); larger ones are left alone."""
    from PIL import Image

    if dpi >= render_dpi * 0.95:
        return img, dpi
    factor = render_dpi / dpi
    size = (round(img.width * factor), round(img.height * factor))
    return img.resize(size, Image.LANCZOS), float(render_dpi)


# A run of ink in a row of an image made 0 (paper) and 1 (ink), one byte a pixel.
_INK_RUN = re.compile(rb"\x01+")


@dataclass(frozen=True)
class DotLeaders:
    """The dots of a page's dotted leader lines, found in one pass (find_dot_leaders), for
    the two images made of it (whiten_leaders): the page's and the numbers' re-reading's."""
    alone: tuple[tuple[int, int, int], ...]   # (y, x0, x1): rows of dots with white above and below
    beside: tuple[tuple[int, int, int], ...]  # the same, where a dot under a stroke joins a row
    under: tuple[tuple[int, int, int], ...]   # the dots under a stroke of those rows
    clear: int                                # pixels of white above and below a dot


def find_dot_leaders(img, dpi: float = DEFAULT_SETTINGS.render_dpi) -> DotLeaders:  # noqa: ANN001
    """The dotted leader lines (the ....... under ส่วนราชการ/ที่/เรื่อง of the memo form) of an
    L image: text sitting on them comes out as garbage. A leader is a row of at least 10
    small dark runs, close together, with white above and below each (text strokes go on
    vertically). A dot of the same row just under a stroke (white below it only) is the
    leader's too: the glyph re-reading of numbers took it for part of the digit above (๑ of
    the real scan prd_01's ๑๓๓๐ read as ๓) or for a hyphen. The page's own reading is not
    given that: Tesseract's layout of a form filled by hand changed with it (the real scan
    dula_05 lost its addressee and sender), so its rows stay as they were measured, broken
    where a dot is under a stroke."""
    k = dpi / 200
    max_dot, max_gap, clear, min_dots = round(6 * k), round(14 * k), max(2, round(4 * k)), 10
    # Candidate rows are found by a regular expression over the row's bytes (fast, in C);
    # only its matches are checked run by run.
    leader = re.compile(rb"(?<!\x01)(?:\x01{1,%d}\x00{1,%d}){%d,}" % (max_dot, max_gap, min_dots))
    w, h = img.size
    data = img.point(lambda v: 1 if v < 200 else 0).tobytes()

    def white(y: int, x0: int, x1: int) -> bool:
        return y < 0 or y >= h or not any(data[y * w + max(0, x0 - 1):y * w + x1 + 1])

    alone: list[tuple[int, int, int]] = []
    beside: list[tuple[int, int, int]] = []
    under: list[tuple[int, int, int]] = []

    def take_alone(chain: list[tuple[int, int]], y: int) -> None:
        if len(chain) >= min_dots:
            alone.extend((y, a, b) for a, b in chain)

    def take_beside(chain: list[tuple[int, int, bool]], y: int) -> None:
        if sum(free for _, _, free in chain) >= min_dots:
            beside.extend((y, a, b) for a, b, free in chain if free)
            under.extend((y, a, b) for a, b, free in chain if not free)

    for y in range(h):
        for span in leader.finditer(data, y * w, (y + 1) * w):
            dots: list[tuple[int, int]] = []                # white above and below
            with_under: list[tuple[int, int, bool]] = []    # white below; (x0, x1, above too)
            for m in _INK_RUN.finditer(data, span.start(), span.end()):
                x0, x1 = m.start() - y * w, m.end() - y * w
                below, above = white(y + clear, x0, x1), white(y - clear, x0, x1)
                if below and above:
                    dots.append((x0, x1))
                else:
                    take_alone(dots, y)
                    dots = []
                if below:
                    with_under.append((x0, x1, above))
                else:
                    take_beside(with_under, y)
                    with_under = []
            take_alone(dots, y)
            take_beside(with_under, y)
    return DotLeaders(tuple(alone), tuple(beside), tuple(under), clear)


def whiten_leaders(img, leaders: DotLeaders, under_strokes: bool = False):  # noqa: ANN001, ANN201
    """The image with its leader dots whitened (the dots under strokes too, only their own
    pixels, so the stroke stays, with `under_strokes`), and how many there were (counted
    once per pixel row)."""
    dots = leaders.beside if under_strokes else leaders.alone
    under = leaders.under if under_strokes else ()
    if not dots:
        return img, 0
    from PIL import ImageDraw

    img = img.copy()
    draw = ImageDraw.Draw(img)
    c = leaders.clear
    for y, x0, x1 in dots:
        draw.rectangle((x0 - 1, y - c + 1, x1, y + c - 1), fill=255)
    for y, x0, x1 in under:
        draw.line((x0, y, x1 - 1, y), fill=255)
    return img, len(dots) + len(under)


def remove_dot_leaders(img, dpi: float = DEFAULT_SETTINGS.render_dpi, under_strokes: bool = False):  # noqa: ANN001, ANN201
    """Whitens dotted leader lines (find_dot_leaders); returns (image, dots removed)."""
    return whiten_leaders(img, find_dot_leaders(img, dpi), under_strokes)


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

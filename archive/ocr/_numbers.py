"""Re-reading of numbers in OCR output, glyph by glyph.

Debian's Tesseract `tha` model misreads Thai digits badly (on the dev scans a quarter of
them: ๔/๘/๙ -> ๕, ๖ -> ๒๐, ๗ -> ฒ, ๒๗๘ -> "lake"), and a reference number or a date with
one wrong digit is a wrong field. Letters it reads well. So after Tesseract has read a page,
every line holding a Thai digit is cut out of the page image and split into glyphs
(archive.ocr._glyphs); the words with a Thai digit (and short Latin words beside them, where
the model switched script) are read again by a small network trained on glyphs rendered
from Thai fonts. Digits and slashes come from the network; glyphs it calls letters keep
Tesseract's reading.

Pure functions over Pillow images and Tesseract's hOCR (numpy for the network); nothing
here runs Tesseract.
"""
from __future__ import annotations

import re

from PIL import Image

from ._engine import Box, OcrLine, align_lines, parse_hocr
from ._glyphs import PUNCT, THAI_DIGITS, GlyphModel, glyphs, load_model, read_glyphs, x_height
from ._image import Glyph


# Labels that are written as they are; "letter" keeps Tesseract's reading.
_NUMBER_LABELS = frozenset(THAI_DIGITS + "/" + PUNCT)
_THAI_DIGIT = re.compile("[๐-๙]")


def _is_number_word(word: str) -> bool:
    return bool(_THAI_DIGIT.search(word))


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


def _line_glyphs(img: Image.Image, line: OcrLine) -> tuple[int, list[Glyph]]:
    """(left edge of the cut-out in the page, glyphs): the line cut out of the page image
    with room either side, only the ink that is the line's own."""
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
    return x0, found


def _owners(found: list[Glyph], x0: int, spans: list[tuple[int, int]],
            wanted: list[bool]) -> tuple[dict[int, list[list[Glyph]]], set[int]]:
    """(the glyph groups of each word, the words whose groups went to another): each group
    of glyphs goes to the word whose boxes overlap it most. A group shared by words
    (Tesseract cut a word in two) is read once, into the first of them."""
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
    return owners, emptied


def _read_word(groups: list[list[Glyph]], tess: list[tuple[str, Box]], latin: bool, x0: int,
               model: GlyphModel, line_height: float) -> str | None:
    """A word read again from its glyph groups (`tess`: Tesseract's characters of it), or
    None when it stays as Tesseract read it."""
    # A Latin word is taken for digits only when every glyph reads as one with even
    # odds ("lake" over ๒๗๘ printed touching; never "Fax" or "www").
    labelled = read_glyphs([g for group in groups for g in group], model, line_height,
                           digits_only=latin)
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
            return None  # a Latin word with a glyph that is no digit stays as read
        # A letter keeps Tesseract's reading of it (with its marks).
        used.update(said)
        text.append(read)
    new = _tidy("".join(text))
    return new if _is_number_word(new) else None


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
    x0, found = _line_glyphs(img, line)
    if not found:
        return words
    line_height = x_height(found)
    owners, emptied = _owners(found, x0, spans, wanted)
    out = list(words)
    for i, groups in owners.items():
        if not wanted[i]:
            continue
        start = sum(len(w) for w in words[:i])
        new = _read_word(groups, line.chars[start:start + len(words[i])], not _is_number_word(words[i]),
                         x0, model, line_height)
        if new is not None:
            out[i] = new
    for i in emptied:
        if i not in owners and out[i] == words[i]:
            out[i] = ""
    return out


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

"""The lines of a letter as the field readers see them (`Line`): split and stripped, OCR
specks blanked, breaks inside a header line mended, the header (the lines before the body),
and how a value wraps onto the lines after its label."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pythainlp.util import thai_digit_to_arabic_digit

from ..refno import normalize_ref_no
from ..thaitext import join_wrapped
from ._dateline import _is_pure_date
from ._debris import _is_junk
from ._labels import (_CLOSING, _GARBLED_LABEL, _LABEL_LINE, _PARAGRAPH, _REF_LABEL, _RULE,
                      _SIGNED_DATE)


@dataclass
class Line:
    no: int
    text: str  # stripped


_SPECK = re.compile(r"^[-/|\\.,:;'\"~_`*]{1,4}$")
_LEAD_SPECK = re.compile(r"^[-/|\\.,:;'\"~_`*]{1,3}\s*")


# Fields are read from at most this many characters of a line. The longest value of the
# dev truth has 102 characters, and a PDF paragraph made one line a few thousand; a text of
# one 500,000-character line made its whole text a "subject", whose look-alike repair
# (archive.spell) was quadratic: 80,000 characters took 8.4 s, the whole line more than
# the 120 s a reader had.
MAX_LINE_CHARS = 2_000


def _split_lines(text: str) -> list[Line]:
    """Stripped lines (at most MAX_LINE_CHARS of each); OCR specks (a few punctuation
    marks alone) count as blank."""
    out = []
    for i, s in enumerate(text.split("\n")):
        s = s.strip()[:MAX_LINE_CHARS]
        out.append(Line(i, "" if _SPECK.match(s) else _unspeck_label(s)))
    return out


def _unspeck_label(text: str) -> str:
    """A label with an OCR speck before it (`. เรื่อง …`, `, เรียน …`) is still a label."""
    m = _LEAD_SPECK.match(text)
    return text[m.end():] if m and _LABEL_LINE.match(text[m.end():]) else text


def _nonblank(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if ln.text]


def arabic(text: str | None) -> str | None:
    return thai_digit_to_arabic_digit(text) if text else text


def _clean_value(text: str) -> str:
    # Keep a final dot: abbreviations (ก.พ.ร.) end with one.
    return re.sub(r"\s+", " ", text).strip(" :-,;")


def _header(lines: list[Line]) -> list[Line]:
    """The lines before the body: up to the first closing formula, else the first 40 lines."""
    out = []
    for ln in lines:
        if _CLOSING.match(ln.text) or ln.text.startswith("จึงเรียนมา"):
            break
        out.append(ln)
    nb = _nonblank(out)
    return nb[:40]


def _mend_breaks(lines: list[Line]) -> list[Line]:
    """OCR and wrapping break a header line inside a word (`เรื่` / `อง …`, `1 มิถุ` / `นายน
    2564`, `ที่ ช` / `บ 0017/752`). Join two adjacent lines when only the joined line is a
    label line or a date: neither half alone is, so the break cannot be real."""
    out = list(lines)
    k = 0
    while k < len(out) - 1:
        a, b = out[k], out[k + 1]
        if a.text and b.text and re.search(r"[ก-๛.]$", a.text) and re.match(r"[ก-๛]", b.text) \
                and not _is_structural(a.text) and not _is_structural(b.text):
            joined = a.text + b.text
            if _is_structural(joined):
                out[k] = Line(a.no, joined)
                out[k + 1] = Line(b.no, "")
        k += 1
    return out


@lru_cache(maxsize=4096)  # each line is asked twice, as either half of a possible break
def _is_structural(text: str) -> bool:
    return bool(_LABEL_LINE.match(text) or _REF_LABEL.match(text) or _is_pure_date(text)
                or _SIGNED_DATE.match(text))


def _first(lines: list[Line], rx: re.Pattern) -> tuple[Line, re.Match] | None:
    for ln in lines:
        m = rx.match(ln.text)
        if m:
            return ln, m
    return None


def _is_label(text: str) -> bool:
    return bool(_LABEL_LINE.match(text) or _RULE.match(text) or _is_ref_line(text))


def _is_ref_line(text: str) -> bool:
    m = _REF_LABEL.match(text)
    return bool(m and normalize_ref_no(re.split(r"\s+วันที่", text[m.end():])[0]))


def _continuation(lines: list[Line], start: Line, skip: set[int] = frozenset()) -> list[Line]:
    """Non-blank lines directly after `start` that are not labels (a wrapped value),
    without junk lines."""
    out = []
    for ln in lines[start.no + 1:]:
        if not ln.text or ln.no in skip or _is_label(ln.text):
            break
        if not _is_junk(ln.text):  # OCR debris beside the value
            out.append(ln)
    return out


def _join_wrapped(parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        out = join_wrapped(out, p)
    return _clean_value(out)


def _next_real(lines: list[Line], after: Line) -> Line | None:
    return next((ln for ln in lines[after.no + 1:] if ln.text and not _is_junk(ln.text)), None)


def _next_is_label(lines: list[Line], after: Line, stamp_lines: set[int] = frozenset()) -> bool:
    nxt = _next_real(lines, after)
    return nxt is not None and (nxt.no in stamp_lines or _is_label(nxt.text) or _garbled_label_line(nxt.text))


def _garbled_label_line(text: str) -> bool:
    """A line whose bold label OCR read as a short Latin word (Guu อธิบดี…); not an acronym
    opening a wrapped value (`(ITA) ประจำปี…`)."""
    m = _GARBLED_LABEL.match(text)
    return bool(m) and re.search("[a-z]", m.group(0)) is not None and not re.match(r"\(\w+\)", m.group(0))


def _opens_paragraph(text: str) -> bool:
    m = _LEAD_SPECK.match(text)
    return bool(_PARAGRAPH.match(text[m.end():] if m else text))


def _next_nonblank(lines: list[Line], ln: Line) -> Line | None:
    for nxt in lines[ln.no + 1:]:
        if nxt.text:
            return nxt
    return None


def _prev_nonblank(lines: list[Line], ln: Line) -> Line | None:
    for prev in reversed(lines[:ln.no]):
        if prev.text:
            return prev
    return None

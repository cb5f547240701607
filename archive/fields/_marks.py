"""Urgency and secrecy marks (ด่วนที่สุด, ลับ …) printed on a line of their own at the top or
the foot of the letter."""
from __future__ import annotations

import re

from pythainlp.util import remove_tonemark

from ..records import Memo
from ..thaitext import bare, thai_dictionary, within_edits
from ._labels import _loose
from ._lines import Line, _nonblank


URGENCY = ("ด่วนที่สุด", "ด่วนมาก", "ด่วน")
SECRECY = ("ลับที่สุด", "ลับมาก", "ลับ")
# ฑ for ท: a look-alike OCR and copies confuse (ด่วนฑี่สุด).
_MARK_WORDS = _loose(r"(ด่วน[ทฑ]ี่สุด|ด่วนมาก|ด่วน|ลับ[ทฑ]ี่สุด|ลับมาก|ลับ|ปกปิด)")


def _fill_marks(memo: Memo, lines: list[Line], head: list[Line]) -> None:
    nb = _nonblank(lines)
    zone = head[:10] + nb[-3:]
    for ln in zone:
        # A line of marks only; OCR may split a mark with a space (ด่วน มาก).
        compact = re.sub(r"\s", "", ln.text)
        if not compact or not re.fullmatch(f"(?:{_MARK_WORDS.pattern})+", compact):
            continue
        for w in _MARK_WORDS.findall(compact):
            w = _canonical_mark(w)
            if w in URGENCY and memo.urgency is None:
                memo.urgency = w
            if w in SECRECY and memo.secrecy is None:
                memo.secrecy = w


def _canonical_mark(word: str) -> str:
    bare = remove_tonemark(word).replace("ฑ", "ท")
    for mark in URGENCY + SECRECY + ("ปกปิด",):
        if remove_tonemark(mark) == bare:
            return mark
    return word


# A large bold stamp of a photocopy loses its marks and shapes in OCR, all but its head:
# ด่วนที่สุด read as ด่วนนี้สต, ดวนแฮด, ดวนแลด, ด่วนถ์เสุด (the real scan dula_01, at five
# scales). Its head says a mark is there; which one is told by what follows, without vowel
# and tone marks, the nearer of มาก and ที่สุด by one edit or more, at most two edits off.
# A head alone (ด่วน, ลับ) is only taken read exactly: a word cut short reads the same.
_NEAREST_MAX_EDITS = 2


def _edits(a: str, b: str, cap: int) -> int:
    return next((k for k in range(cap + 1) if within_edits(a, b, k)), cap + 1)


def nearest_mark(word: str) -> str | None:
    """The urgency or secrecy mark a damaged reading of a stamp is (`ด่วนนี้สต` ->
    `ด่วนที่สุด`), or None when it is none of them or could be either of two."""
    word = re.sub(r"[^\u0E01-\u0E5B]", "", word)
    if word in URGENCY + SECRECY:
        return word
    if word in thai_dictionary():  # ลบล้าง is a word, not a damaged ลับมาก
        return None
    key = bare(word).replace("ฑ", "ท")
    for marks in (URGENCY, SECRECY):
        head = bare(marks[-1])  # the bare mark, last in URGENCY and SECRECY
        rest = key[len(head):]
        if not key.startswith(head) or len(rest) < 2:
            continue
        scored = sorted((_edits(rest, bare(m)[len(head):], _NEAREST_MAX_EDITS + 1), m)
                        for m in marks[:-1])
        (best, mark), (second, _) = scored[0], scored[1]
        if best <= _NEAREST_MAX_EDITS and best < second:
            return mark
    return None

"""Urgency and secrecy marks (ด่วนที่สุด, ลับ …) printed on a line of their own at the top or
the foot of the letter."""
from __future__ import annotations

import re

from pythainlp.util import remove_tonemark

from ..records import Memo
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

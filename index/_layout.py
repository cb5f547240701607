"""A query typed on the English keyboard layout while Thai was meant (`g]nvd9yh'` for
เลือกตั้ง). Pure: the caller says which words the index knows.

Read as Thai only when every sign of it agrees: the query has no Thai letter, almost all
its keys (numbers aside) mean Thai on the Kedmanee layout (PyThaiNLP's map), none of its
Latin words of 3 letters or more is a word of the archive (COVID, Open Data), it is not a
reference number, an e-mail or a web address, and what the same keys give in Thai reads as
words the archive has.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from pythainlp.util import eng_to_thai

from ._analyzer import COARSE_ENGINE, FINE_ENGINE, fold, segment

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_NOT_TYPED_THAI = re.compile(r"\S@\S+\.\w|://|www\.|\.(com|org|net|go\.th|ac\.th)\b", re.I)
# A word of digits and the signs between them (2564, 1768, 22/10) was typed as meant: the
# English layout has digits where the Thai one has letters.
_NUMBER = re.compile(r"^[0-9][0-9.,:/-]*$|^[-–]$")
MIN_THAI_KEYS = 0.8      # of the keys typed (numbers and spaces aside) that mean Thai
MIN_WORD_CHARS = 2       # a Thai word this long or longer must be known
MIN_LATIN_CHARS = 3      # a Latin word this long that the archive has is meant as typed


def thai_if_mistyped(text: str, known: Callable[[str], bool]) -> str | None:
    """The Thai the keys of `text` give on the Kedmanee layout, if `text` was typed on the
    wrong layout; else None. `known(term)`: whether the archive has that (folded) word, as
    a dictionary word or a fine one."""
    text = (text or "").strip()
    if not text or _THAI.search(text) or _NOT_TYPED_THAI.search(text):
        return None
    from archive.refno import find_ref_numbers

    if find_ref_numbers(text):
        return None
    latin = [w.lower() for w in _LATIN_WORD.findall(text)]
    # A real word of the archive (COVID, data) is meant as typed; short fragments (`it`,
    # `vy` in vy88u4yp for อัคคีภัย) may be letters of the archive by chance.
    if not latin or all(known(w) for w in latin) or any(
            len(w) >= MIN_LATIN_CHARS and known(w) for w in latin):
        return None
    parts = re.split(r"(\s+)", text)
    words = [p for p in parts if p and not p.isspace() and not _NUMBER.match(p)]
    keys = "".join(words)
    # keys that mean something else on the Thai layout (`"` is `.` there)
    thai_keys = sum(1 for a, b in zip(keys, eng_to_thai(keys)) if a != b or _THAI.match(b))
    if not keys or thai_keys < MIN_THAI_KEYS * len(keys):
        return None
    thai = "".join(p if p.isspace() or _NUMBER.match(p) else eng_to_thai(p) for p in parts)
    # As dictionary words, or as the smaller words the fine fields hold (เลือกตั้ง is
    # indexed inside การเลือกตั้ง as เลือก|ตั้ง); a long query may hold one word the
    # archive lacks.
    for engine in (COARSE_ENGINE, FINE_ENGINE):
        found = [fold(w) for w, _s, _e in segment(thai, engine) if _THAI.match(w)]
        long_words = [w for w in found if len(w) >= MIN_WORD_CHARS]
        unknown = sum(1 for w in long_words if not known(w))
        if long_words and unknown <= (1 if len(long_words) >= 4 else 0):
            return thai
    return None

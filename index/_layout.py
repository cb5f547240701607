"""A query typed on the English keyboard layout while Thai was meant (`g]nvd9yh'` for
เลือกตั้ง). Pure: the caller says which words the index knows.

Read as Thai only when every sign of it agrees: the query has no Thai letter, it is not a
reference number, an e-mail or a web address, and each of its words is either a word of
the archive in Latin letters, kept (COVID, Open Data, ATK), or keys that almost all mean
Thai on the Kedmanee layout (PyThaiNLP's map) and read there as words the archive has;
at least one word is the second kind. Numbers stay as typed. A reference number typed on
the English layout (`oi1011"827566` for นร1011.8/7566) is read only as one a letter has.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from pythainlp.util import eng_to_thai

from archive.refno import find_ref_numbers

from . import _spelling, _synonyms
from ._segment import COARSE_ENGINE, FINE_ENGINE, fold, segment

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_NOT_TYPED_THAI = re.compile(r"\S@\S+\.\w|://|www\.|\.(com|org|net|go\.th|ac\.th)\b", re.I)
# A word of digits and the signs between them (2564, 1768, 22/10) was typed as meant: the
# English layout has digits where the Thai one has letters.
_NUMBER = re.compile(r"^[0-9][0-9.,:/-]*$|^[-–]$")
MIN_THAI_KEYS = 0.8      # of the keys typed (numbers and spaces aside) that mean Thai
MIN_WORD_CHARS = 2       # a Thai word this long or longer must be known
MIN_LATIN_CHARS = 3      # a Latin word this long that the archive has is meant as typed


def thai_if_mistyped(text: str, known: Callable[[str], bool],
                     known_ref: Callable[[str], bool] = lambda ref: False) -> str | None:
    """The Thai the keys of `text` give on the Kedmanee layout, if `text` was typed on the
    wrong layout; else None. `known(term)`: whether the archive has that (folded) word, as
    a dictionary word or a fine one. Words of the archive typed in Latin letters among
    them stay (ATK, Work from Home, GFMIS). `known_ref(normalised)`: whether a letter has
    that reference number (one typed on the English layout is read only if one does)."""
    text = (text or "").strip()
    if not text or _THAI.search(text) or _NOT_TYPED_THAI.search(text):
        return None

    if find_ref_numbers(text):
        return None
    ref = _ref_if_mistyped(text, known_ref)
    if ref:
        return ref
    latin = [w.lower() for w in _LATIN_WORD.findall(text)]
    if not latin or all(known(w) for w in latin):
        return None
    parts = re.split(r"(\s+)", text)
    # A real word of the archive (COVID, data) is meant as typed; short fragments (`it`,
    # `vy` in vy88u4yp for อัคคีภัย) may be letters of the archive by chance.
    kept = [not p or p.isspace() or bool(_NUMBER.match(p)) or _known_latin(p, known)
            for p in parts]
    if any(_LATIN_WORD.search(p) for p, k in zip(parts, kept) if k):
        # beside a Latin word of the archive, its short ones are English too (TO BE)
        kept = [k or _known_latin(p, known, 2) for p, k in zip(parts, kept)]
    typed = "".join(p for p, k in zip(parts, kept) if not k)
    if not typed:
        return None
    # keys that mean something else on the Thai layout (`"` is `.` there)
    thai_keys = sum(1 for a, b in zip(typed, eng_to_thai(typed)) if a != b or _THAI.match(b))
    if thai_keys < MIN_THAI_KEYS * len(typed):
        return None
    out = [p if k else eng_to_thai(p) for p, k in zip(parts, kept)]
    if not _reads_as_known(" ".join(o for o, k in zip(out, kept) if not k), known):
        return None
    return "".join(out)


def _without_abbreviations(thai: str) -> tuple[str, int]:
    """`thai` without the abbreviations the forms table and the agency directory know
    (ป.ป.ส.: letters, not words), and how many there were."""
    known = _synonyms.abbreviations()
    found = [m for m in _spelling.ABBREVIATION.finditer(thai) if _synonyms.key(m.group()) in known]
    for m in reversed(found):
        thai = thai[:m.start()] + " " + thai[m.end():]
    return thai, len(found)


def _known_latin(word: str, known: Callable[[str], bool], shortest: int = MIN_LATIN_CHARS) -> bool:
    latin = [w.lower() for w in _LATIN_WORD.findall(word)]
    return bool(latin) and all(known(w) for w in latin) and any(
        len(w) >= shortest for w in latin)


def _reads_as_known(thai: str, known: Callable[[str], bool]) -> bool:
    """As dictionary words, or as the smaller words the fine fields hold (เลือกตั้ง is
    indexed inside การเลือกตั้ง as เลือก|ตั้ง); a long query may hold one word the
    archive lacks. Known abbreviations count as read."""
    thai, abbreviations = _without_abbreviations(thai)
    if abbreviations and not _THAI.search(thai):
        return True
    for engine in (COARSE_ENGINE, FINE_ENGINE):
        found = [fold(w) for w, _s, _e in segment(thai, engine) if _THAI.match(w)]
        long_words = [w for w in found if len(w) >= MIN_WORD_CHARS]
        unknown = sum(1 for w in long_words if not known(w))
        if long_words and unknown <= (1 if len(long_words) >= 4 else 0):
            return True
    return False


# A reference number typed on the English layout: its letters as Latin keys (`oi` for นร,
# `;` for ว, `"` for the dot) and its digits from the number pad; the slash and the dash
# were typed where the Thai layout has them, on the keys of 2 and 3.
_TYPED_REF = re.compile(r"^[^\s0-9]{1,4}\s*[0-9][0-9\s\"23;]*[0-9]$")
_KEYS_OF = {"2": "/", "3": "-"}


def _ref_if_mistyped(text: str, known_ref: Callable[[str], bool]) -> str | None:
    """`text` as the reference number it is on the Thai layout, if a letter has it: every
    key as the Thai layout reads it (Thai digits typed on their shifted keys), or the
    digits as typed on the number pad."""

    candidates = [eng_to_thai(text)]
    if _TYPED_REF.match(text):
        thai = re.sub(r"[^0-9\s]+", lambda m: eng_to_thai(m.group()), text)
        slots = [i for i, ch in enumerate(thai) if ch in _KEYS_OF][:8]
        candidates += [thai if i is None else thai[:i] + _KEYS_OF[thai[i]] + thai[i + 1:]
                       for i in [None] + slots]
    for candidate in candidates:
        found = find_ref_numbers(candidate)
        if found and all(known_ref(norm) for _s, _e, norm in found):
            return candidate
    return None

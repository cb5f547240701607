"""Which letters a user may see: a letter whose secrecy is above the user's clearance does
not exist for them (docs/interface.md, "Sign-in and clearance").

Clearance is a filter of the one search function and of every lookup of a letter
(_search): results, totals, facets, suggestions, snippets, the thread of a letter, its page
and its original all go through the mask made here, so no route can forget it.
"""
from __future__ import annotations

import numpy as np

from archive.fields import SECRECY

# Lowest first: a user with clearance ลับมาก sees letters marked ลับ and ลับมาก.
CLEARANCES = ("none",) + tuple(reversed(SECRECY))


def level(clearance: str | None) -> int | None:
    """The rank of a clearance name (None: sees everything, the local user)."""
    if clearance is None:
        return None
    if clearance not in CLEARANCES:
        raise ValueError(f"clearance must be one of {', '.join(CLEARANCES)}, not {clearance!r}")
    return CLEARANCES.index(clearance)


def visible(searcher, arrays, clearance: str | None, unread: str = "none") -> np.ndarray | None:
    """A mask of the letters a user of `clearance` may see, or None for every letter. A
    letter whose secrecy could not be read (a scan waiting for OCR) counts as `unread`."""
    rank = level(clearance)
    if rank is None or rank == len(CLEARANCES) - 1:
        return None
    unread_rank = level(unread)

    def make():
        out = np.ones(arrays.n, dtype=bool)
        for mark in CLEARANCES[rank + 1:]:
            out[arrays.postings(searcher, "secrecy", mark).ids] = False
        if unread_rank > rank:
            out[arrays.postings(searcher, "status", "needs_ocr").ids] = False
        return out
    return arrays.once(("visible", rank, unread_rank), make)


def vocabulary(searcher, arrays, clearance: str | None, unread: str = "none"):
    """The words spelling corrections are made of (a _spelling.Vocabulary), of only the
    letters a user of `clearance` may see."""
    words = arrays.words(searcher)
    shown = visible(searcher, arrays, clearance, unread)
    if shown is None:
        return words
    kept = arrays.once(("visible words", level(clearance), level(unread)),
                       lambda: ({}, {}, int((~shown).sum()), int(shown.sum())))
    return _VisibleWords(words, lambda w: int(shown[arrays.with_term(searcher, w)].sum()),
                         *kept)


# A word more letters have than this many times the hidden ones keeps the archive's count
# (see _VisibleWords).
COMMON_TIMES_HIDDEN = 4


class _VisibleWords:
    """The archive's vocabulary with each word counted in the letters a user may see, and
    a word that only letters above them have left out: a correction is never made of it,
    nor does its rarity depend on them. A word is counted (its postings read) once per
    commit and clearance. A word that more than COMMON_TIMES_HIDDEN times the hidden
    letters have is surely in a visible one and keeps the archive's count: counting those
    (ที่ in 97,949 of 100,000 letters: 270 ms) cost a fifth of a first pass of the search
    benchmark with clearance `none`, and their rarity moves by at most a few hundredths."""

    def __init__(self, words, count, memo: dict, counts: dict, hidden: int, letters: int):
        self._words, self._count, self._counts = words, count, counts
        self._common = COMMON_TIMES_HIDDEN * hidden
        self.memo = memo          # readings of runs, per clearance (see _spelling._pieces)
        self.letters = letters

    def words(self, skeletons: list[str]) -> dict[str, list[tuple[str, int]]]:
        out = {}
        for key, found in self._words.words(skeletons).items():
            kept = [(w, self.letters_seen(w, n)) for w, n in found]
            kept = [(w, n) for w, n in kept if n]
            if kept:
                out[key] = kept
        return out

    def letters_seen(self, word: str, archive: int) -> int:
        """How many letters the user may see have `word`, which `archive` letters have."""
        return archive if archive > self._common else self._counted(word)

    def _counted(self, word: str) -> int:
        n = self._counts.get(word)
        if n is None:
            if len(self._counts) > 200_000:
                self._counts.clear()
            n = self._counts[word] = self._count(word)
        return n

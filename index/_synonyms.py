"""Forms that mean the same thing (`โควิด` / `COVID-19`, `อบต.` / องค์การบริหารส่วนตำบล),
for the query only: a word typed in one form also finds letters written in the others.

The table is data/synonyms.tsv, and every agency of the directory with an abbreviation
(`กทม.` / กรุงเทพมหานคร, archive.agencies). Pure functions.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from archive import agencies

from ._segment import fold
from ._spelling import ABBREVIATION

TABLE = Path(__file__).with_name("data") / "synonyms.tsv"
MAX_WORDS = 3          # words typed in a row that may make one form (Work from Home)
MAX_ALTERNATIVES = 6   # other forms searched for one form typed
_UNIMPORTANT = re.compile(r"[\s.\-–]+")


def key(text: str) -> str:
    """What forms are compared by: folded, without spaces, dots and hyphens."""
    return _UNIMPORTANT.sub("", fold(text))


def _groups_of(lines: list[str]) -> list[tuple[str, ...]]:
    out = []
    for line in lines:
        if line.strip() and not line.startswith("#"):
            forms = tuple(f.strip() for f in line.split("\t") if f.strip())
            if len(forms) > 1:
                out.append(forms)
    return out


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[str, ...], ...]:
    """The table's groups, and each agency's abbreviation with its name."""
    groups = _groups_of(TABLE.read_text(encoding="utf-8").splitlines())
    return tuple(groups + [(ag.abbr, ag.name) for ag in agencies.load() if ag.abbr and ag.name])


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Each form's key -> every form of its groups (the form itself included)."""
    out: dict[str, list[str]] = {}
    for forms in _groups():
        for form in forms:
            held = out.setdefault(key(form), [])
            held += [f for f in forms if f not in held]
    return {k: tuple(v) for k, v in out.items()}


def alternatives(typed: str) -> list[str]:
    """The other forms of what `typed` says (empty if the table has none)."""
    k = key(typed)
    if not k:
        return []
    forms = _table().get(k, ())
    return [f for f in forms if key(f) != k][:MAX_ALTERNATIVES]


def spans(words: list[str]) -> list[tuple[int, int, list[str]]]:
    """Runs of consecutive `words` (start, end) that make one form, with its other forms;
    longest first where runs overlap, left to right."""
    out, i = [], 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            found = alternatives(" ".join(words[i:i + n]))
            if found:
                out.append((i, i + n, found))
                i += n
                break
        else:
            i += 1
    return out


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The keys of the abbreviations the table and the agency directory know."""
    return frozenset(key(m.group()) for forms in _groups() for f in forms
                     for m in ABBREVIATION.finditer(f))


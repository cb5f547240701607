"""What to search or offer instead of what was typed: Thai read as the words the archive
knows (_spelling), an abbreviation one letter from a known one, words all known but not
together read one word away, Latin words no letter has (Whoosh's corrector). Every
correction comes from words of letters a search may give (`visible`), and is offered only
if it finds letters (the caller checks).
"""
from __future__ import annotations

import re

from . import _segment, _spelling, _synonyms
from ._arrays import as_mask
from ._parse import is_number

# Queries with more Thai than this (a pasted paragraph) are not read for mistakes: reading
# takes about 1 ms for 15 characters, 40 ms for 40 (20,000 letters).
MAX_READ_CHARS = 60
# Of a query that finds letters, only the words in fewer letters than this (or than one in
# COMMON_PER of them) are read, with their neighbours: a mistyped word is rarely that
# common. (Real news texts have typos of their own: ที for ที่ is in 2 % of 3,000 thaigov
# texts.)
COMMON_LETTERS = 5
COMMON_PER = 50


def spelled(searcher, arrays, pq, typed: str, total: int, visible, count,
            words) -> str | None:
    """The query with its mistyped Thai read as `words` (a _spelling.Vocabulary of the
    letters in `visible`, a mask), or None (see _spelling). A word typed that the letters
    have is mistyped too when a word a cheap edit away is far more common (ประชม beside
    ประชุม). The correction stands if more letters have its words together than the words
    as typed; else each run changed stands if more letters have it as written than the
    run as typed (`count(query)`: letters a query finds)."""
    abbreviated = abbreviations_fixed(typed)
    typed = abbreviated or typed
    runs = thai_runs(pq)
    if not runs or sum(map(len, runs)) > MAX_READ_CHARS:
        return abbreviated
    reader = searcher.reader()
    seen = int(visible.sum())
    hidden = arrays.n - seen   # letters the user may not see (and deleted ones)
    common = max(COMMON_LETTERS, seen // COMMON_PER)

    def suspect(word: str) -> bool:
        term = _segment.fold(word)
        have = reader.doc_frequency("body", term)
        if have - hidden >= common:
            return False   # common in letters one may see, whatever the hidden ones have
        return int(visible[arrays.postings(searcher, "body", term).ids].sum()) < common

    fixed = _spelling.correct(typed, words, runs, suspect if total else None)
    if fixed is None:
        return abbreviated
    if total and _segment.toneless(fixed.text) == _segment.toneless(typed) and all(
            visible[arrays.postings(searcher, "body_toneless", _segment.toneless(p)).ids].any()
            for p in fixed.replaced):
        return abbreviated  # scans that lost their tone marks have these words: found
    if not each_visible(searcher, arrays, fixed.words, visible):
        return abbreviated  # a word only letters the user may not see have
    runs_typed = [typed[start:end] for start, end, _read in fixed.spans]
    typed_words = [t for run in runs_typed for t in _segment.terms(run)]
    if (letters_with(searcher, arrays, fixed.read, visible).sum()
            > letters_with(searcher, arrays, typed_words, visible).sum()):
        return fixed.text
    # (the words as typed may be together by chance: ทักษะ|ชา|ง|อากาศยาน)
    keep = [k for k, (run, (_s, _e, read)) in enumerate(zip(runs_typed, fixed.spans))
            if count(f'"{read}"') > count(f'"{run}"')]
    return fixed.only(typed, keep) if keep else abbreviated


def abbreviations_fixed(typed: str) -> str | None:
    """`typed` with each abbreviation that no form of the table or the directory has, but
    one look-alike or sound-alike letter away from exactly one that does, as that one
    (ป.ป.ข. for ป.ป.ช., บ.ป.ส. for ป.ป.ส.); None if none changes."""
    known = _synonyms.abbreviations()

    def fix(m: re.Match) -> str:
        typed_form = m.group()
        if _synonyms.key(typed_form) in known or len(_synonyms.key(typed_form)) < 3:
            return typed_form  # (of two letters, too many are something: ก.พ., พ.ย., น.ส.)
        found = {typed_form[:i] + other + typed_form[i + 1:]
                 for i, ch in enumerate(typed_form) for other in _spelling.PARTNERS.get(ch, "")}
        found = [f for f in found if _synonyms.key(f) in known]
        return found[0] if len(found) == 1 else typed_form

    fixed = _spelling.ABBREVIATION.sub(fix, typed or "")
    return fixed if fixed != typed else None


def thai_runs(pq) -> set[str]:
    """The runs of Thai of the words to find (not of numbers, agencies or dates)."""
    return {run for i in pq.positive_items() if not is_number(i.text) and not i.alias
            for run in _spelling.THAI_RUN.findall(i.text)}


def letters_with(searcher, arrays, words: list[str], visible):
    """A mask of the letters in `visible` that have every one of `words`."""
    have = visible
    for word in dict.fromkeys(words):
        have = have & as_mask(arrays.n, arrays.with_term(searcher, word))
    return have


def each_visible(searcher, arrays, words: list[str], visible) -> bool:
    """Whether each of `words` is in a letter of `visible`."""
    return all((as_mask(arrays.n, arrays.with_term(searcher, word)) & visible).any()
               for word in dict.fromkeys(words))


# Of the readings one word away, how many the letters are asked about (a search each).
RESPELL_TRIES = 4
# A query that finds fewer letters than this may hold a word typed as another known word
# (ระดับนำท่วม for ระดับน้ำท่วม): a reading one word away is offered if more than
# CONTEXT_RATIO times as many letters (and at least CONTEXT_MIN) have its run as written.
CONTEXT_BELOW = 20
CONTEXT_RATIO = 3
CONTEXT_MIN = 2
CONTEXT_ENOUGH = 3  # letters that have each run as typed: the query is read as meant


def respelled(searcher, arrays, pq, typed: str, total: int, visible, count,
              words) -> str | None:
    """Of the readings one word away from the query's (_spelling.alternatives), the ones
    whose new word most letters in `visible` have with the known words typed beside it;
    of those, when the query finds nothing, the one that finds most letters
    (`count(query)`), and when it finds a few, the one whose run most letters have as
    written, if far more than have the run as typed."""
    runs = thai_runs(pq)
    if not runs or sum(map(len, runs)) > MAX_READ_CHARS or total >= CONTEXT_BELOW:
        return None
    as_typed: dict[str, int] = {}
    if total:
        as_typed = {run: count(f'"{run}"') for run in runs}
        if min(as_typed.values()) >= CONTEXT_ENOUGH:
            return None  # the letters have what was typed, as written
    ranked = []
    for other in _spelling.alternatives(typed, words, runs):
        have = int(letters_with(searcher, arrays, other.words, visible).sum())
        if have:
            ranked.append((-have, len(ranked), other))
    tries = [other for _h, _k, other in sorted(ranked, key=lambda r: r[:2])[:RESPELL_TRIES]]
    if total == 0:
        found = [(count(other.text), other.text) for other in tries]
        most = max(found, default=(0, None))
        return most[1] if most[0] else None
    best, most = None, 0
    for other in tries:
        (start, end, read), = other.spans
        run = typed[start:end]
        if run not in as_typed:
            as_typed[run] = count(f'"{run}"')
        have = count(f'"{read}"')
        if have > max(CONTEXT_MIN - 1, CONTEXT_RATIO * as_typed[run], most):
            best, most = other.text, have
    return best


SUGGEST_MAX_WORDS = 6


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def latin(searcher, arrays, typed: str, visible) -> str | None:
    """A correction of the Latin words no letter has (Whoosh's corrector: any edit, one
    in a short word, two in a longer one), only a few of them, so that a long query cannot
    keep the server busy; only to words of letters in `visible`. Thai is read by
    _spelling."""
    reader = searcher.reader()
    unknown = [w for w in dict.fromkeys(_LATIN_WORD.findall(typed or ""))
               if not reader.doc_frequency("body", w.lower())][:SUGGEST_MAX_WORDS]
    if not unknown:
        return None
    corrector = searcher.corrector("body")
    fixes = {}
    for w in unknown:
        found = corrector.suggest(w.lower(), limit=1, maxdist=1 if len(w) < 6 else 2, prefix=1)
        if found and each_visible(searcher, arrays, found[:1], visible):
            fixes[w] = found[0]
    if not fixes:
        return None
    return _LATIN_WORD.sub(lambda m: fixes.get(m.group(), m.group()), typed)

"""The grammar of the search box: what the user typed -> the words, phrases and numbers to
find (ParsedQuery). Pure functions, no Whoosh. Never raises on odd syntax: anything it does
not understand is searched as plain words.

Grammar of the search box: words (unsegmented Thai is fine), "quoted phrases", -word and
-"phrase" to exclude, OR between two items, a reference number in any common form,
`เลขรับ N` / `รับที่ N` (or a bare number) for a receiving number, and an agency and a date
range (see _understand).

Every word searched costs a phrase and term look-ups in several fields, so the work is
bounded whatever is typed: repeated items and runs of one word (การการการ…) are searched
once, and at most settings.MAX_QUERY_TERMS words are searched, the first ones typed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import settings
from archive.labels import RECEIVED_NO
from archive.refno import find_ref_numbers

from . import _synonyms
from ._segment import COARSE_ENGINE, FINE_ENGINE, fold, segment, terms
from ._documents import compact, digits_key
from ._understand import Understood, understand

_RECEIVED = re.compile(RECEIVED_NO + r"\s*(?:ที่)?\s*[:.]?\s*([0-9๐-๙]+)")
# The label printed before a reference number (ที่ / เลขที่), typed along with it.
_REF_LABEL = re.compile(r"(?:^|(?<=\s))(?:เลขที่|ที่|ที)\s*[:.]?\s*$")
_BARE_NUMBER = re.compile(r"^[0-9๐-๙]+$")
_ITEM = re.compile(r'(-?)"([^"]*)"|(\S+)')
_SYNTAX = re.compile(r'"[^"]*"|[:()*?~^\[\]{}!;,|+\\<>="]')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "″": '"'})


@dataclass(frozen=True)
class Item:
    text: str
    phrase: bool = False
    negated: bool = False
    alias: bool = False  # another form of a word typed (_synonyms), not typed itself
    prefix: bool = False  # the last word of the box: its end may be cut short (_query.completions)


@dataclass(frozen=True)
class ParsedQuery:
    """Made once by parse (or _plan.plan) and never changed: a step that reads it
    differently makes a new one."""
    refs: list[str] = field(default_factory=list)        # normalised reference numbers
    received: list[str] = field(default_factory=list)    # digit keys
    groups: list[list[Item]] = field(default_factory=list)  # OR-groups of items
    excluded: list[Item] = field(default_factory=list)
    meta: Understood | None = None  # date range / agency typed in the box

    @property
    def empty(self) -> bool:
        return not (self.refs or self.received or self.groups)

    @property
    def sender_hint(self) -> str | None:
        """An agency named among other words: its letters rank higher."""
        m = self.meta
        return m.sender if m and m.sender and not m.sender_filter else None

    def positive_items(self) -> list[Item]:
        return [i for g in self.groups for i in g]


def parse(text: str, understand_box: bool = True) -> ParsedQuery:
    """`understand_box` False: an agency or a date in the text is searched as words."""
    refs: list[str] = []
    received: list[str] = []
    text = (text or "").translate(_QUOTES)
    # Pull out reference numbers and receiving numbers first: they contain spaces.
    for start, end, norm in sorted(find_ref_numbers(text), reverse=True):
        refs.insert(0, norm)
        label = _REF_LABEL.search(text, 0, start)
        text = text[:label.start() if label else start] + " " + text[end:]
    for m in reversed(list(_RECEIVED.finditer(text))):
        received.insert(0, digits_key(m.group(1)))
        text = text[:m.start()] + " " + text[m.end():]
    meta = understand(text) if understand_box else None
    if meta is not None and meta.any:
        text = meta.text
    else:
        meta = None

    # Query-syntax characters of other engines (field:, (), *, ?, ~, ^, [], {}) separate
    # words here; inside quotes they are left to the phrase. A quote left open is no
    # phrase: its words are searched as plain words.
    text = _SYNTAX.sub(lambda m: m.group() if len(m.group()) > 1 else " ", text)
    groups: list[list[Item]] = []
    excluded: list[Item] = []
    pending_or = False
    last: Item | None = None
    for m in _ITEM.finditer(text):
        neg, quoted, word = m.group(1), m.group(2), m.group(3)
        if word == "OR":
            pending_or = bool(groups)
            continue
        if quoted is not None:
            item = Item(quoted.strip(), phrase=True, negated=bool(neg))
        elif word.startswith("-") and len(word) > 1:
            item = Item(word[1:], negated=True)
        else:
            item = Item(word)
        if not terms(item.text):
            continue  # punctuation or syntax characters only
        last = item
        if item.negated:
            excluded.append(item)
        elif pending_or:
            groups[-1].append(item)
        else:
            groups.append([item])
        pending_or = False
    pq = ParsedQuery(refs, received, groups, excluded, meta)
    return _with_synonyms(_with_prefix(_bounded(pq, settings.MAX_QUERY_TERMS), last))


def _with_prefix(pq: ParsedQuery, last: Item | None) -> ParsedQuery:
    """The last item typed, a plain word searched whole, may be cut short (search as you
    type): see _query.completions."""
    if last is None or last.negated or last.phrase or is_number(last.text):
        return pq
    typed = _key(Item(_collapse_runs(last.text)))  # as _bounded searches it (cut: not at all)
    return replace(pq, groups=[[replace(i, prefix=True) if _key(i) == typed else i for i in g]
                               for g in pq.groups])


def _with_synonyms(pq: ParsedQuery) -> ParsedQuery:
    """Other forms of what was typed (_synonyms) are searched too: the forms of one word
    typed in its group, as alternatives; the forms of words typed in a row as a group of
    their own, so the letters that have the words as typed still rank first."""
    groups = [list(g) for g in pq.groups]
    added: list[list[Item]] = []
    stretch: list[int] = []  # the groups of single words typed in a row

    def close():
        words = [groups[k][0].text for k in stretch]
        for start, end, forms in _synonyms.spans(words):
            aliases = [Item(f, alias=True) for f in forms]
            if end - start == 1:
                groups[stretch[start]].extend(aliases)
            else:
                added.append(aliases)
        stretch.clear()

    for k, group in enumerate(pq.groups):
        if len(group) == 1 and not group[0].phrase:
            stretch.append(k)
        else:
            close()
    close()
    return replace(pq, groups=groups + added)


# A word, or a few words, typed more often than this in a row (การการการ…,
# ของการของการของการ…) is searched this often: a doubled word may be meant (Thai repeats
# words for emphasis), more is noise that would make every letter that has the words a
# phrase candidate.
MAX_RUN = 2
MAX_RUN_PERIOD = 8  # words in the repeated part


def _collapse_runs(text: str) -> str:
    """`text` without the repeats of a part beyond MAX_RUN in a row."""
    found = list(segment(text, COARSE_ENGINE))
    words = [fold(w) for w, _s, _e in found]
    drop: list[int] = []
    i, n = 0, len(words)
    while i < n:
        for period in range(1, MAX_RUN_PERIOD + 1):
            part, times = words[i:i + period], 1
            while words[i + times * period:i + (times + 1) * period] == part:
                times += 1
            if times > MAX_RUN:
                drop += range(i + MAX_RUN * period, i + times * period)
                i += times * period
                break
        else:
            i += 1
    for k in reversed(drop):  # the word and what separates it from the one before
        text = text[:found[k - 1][2]] + text[found[k][2]:]
    return text


def _cost(text: str) -> int:
    """How many words `text` adds to a query: its longest segmentation."""
    return max(len(terms(text, COARSE_ENGINE)), len(terms(text, FINE_ENGINE)))


def _clip(text: str, limit: int) -> str:
    """The beginning of `text` that has at most `limit` words in either segmentation."""
    while True:
        for engine in (COARSE_ENGINE, FINE_ENGINE):
            ends = [end for _w, _s, end in segment(text, engine)]
            if len(ends) > limit:
                text = text[:ends[limit - 1]]
                break
        else:
            return text


def _key(item: Item) -> tuple:
    return tuple(terms(item.text)), item.phrase


def _bounded(pq: ParsedQuery, limit: int) -> ParsedQuery:
    """Without repeated items (and repeated reference and receiving numbers), runs
    collapsed (see MAX_RUN), and the first `limit` words kept: the words to find in the
    order typed, then the words to exclude. An item that does not fit whole is cut to the
    words that do. A query within the limit and without repeats stays as it is."""

    def distinct(items: list[Item]) -> list[Item]:
        out: dict[tuple, Item] = {}
        for item in items:
            text = _collapse_runs(item.text)
            item = item if text == item.text else Item(text, item.phrase, item.negated)
            out.setdefault(_key(item), item)
        return list(out.values())

    groups: dict[frozenset, list[Item]] = {}
    for group in pq.groups:
        group = distinct(group)
        groups.setdefault(frozenset(_key(i) for i in group), group)
    budget = limit

    def fit(items: list[Item]) -> list[Item]:
        nonlocal budget
        kept = []
        for item in items:
            cost = _cost(item.text) if budget > 0 else 0
            if cost > budget:
                item = Item(_clip(item.text, budget), item.phrase, item.negated)
                cost = _cost(item.text)
            if cost:
                budget -= cost
                kept.append(item)
        return kept

    return replace(pq, refs=list(dict.fromkeys(pq.refs))[:limit],
                   received=list(dict.fromkeys(pq.received))[:limit],
                   groups=[g for g in map(fit, groups.values()) if g],
                   excluded=fit(distinct(pq.excluded)))


def is_number(text: str) -> bool:
    return bool(_BARE_NUMBER.match(text))


# Thai text this long (in characters) is also found inside longer words of the
# vocabulary (สัมพันธ์ in ประชาสัมพันธ์, อำนวยการ in ผู้อำนวยการ) when no segmentation
# puts a boundary there; shorter words would match too many unrelated words.
SUBSTRING_MIN_CHARS = 4
_THAI_ONLY = re.compile(r"^[\u0e01-\u0e4e]+$")


def substring_needle(item: Item) -> str | None:
    """The folded text searched inside longer words, or None."""
    needle = compact(item.text)
    if item.phrase or len(needle) < SUBSTRING_MIN_CHARS or not _THAI_ONLY.match(needle):
        return None
    return needle


# OCR damage inside a long quoted phrase (แทน read as แฑน) breaks the exact sequence: a
# letter that has the phrase with one word changed (everything before it and everything
# after it as sequences) still matches, ranked below exact matches. That takes a pair of
# sequences per word of the phrase; a phrase longer than NEAR_PHRASE_MAX_WORDS (a pasted
# sentence) matches when one of its halves is there as a sequence, which costs no more
# than the phrase itself (the near phrases of _query).
NEAR_PHRASE_MIN_WORDS = 6
NEAR_PHRASE_MAX_WORDS = 12


def halves(words: list[str]) -> tuple[list[str], list[str]]:
    """The two halves of a long phrase; of a shorter one, the parts around its middle word
    (the word OCR may have damaged)."""
    half = len(words) // 2
    return words[:half], words[half if len(words) > NEAR_PHRASE_MAX_WORDS else half + 1:]

"""A parsed box (_parse.ParsedQuery, as _plan.plan leaves it) -> Whoosh query, and the
matcher that adds a bonus to a score (Bonus).

Matching a word, most precise first: its dictionary words (newmm, coarse fields) as a
sequence or all present; its ICU words (fine fields) as a sequence, which finds it inside
longer dictionary words; and, for Thai of 4+ characters, the indexed words that contain it
(what no segmentation separates). Plain words are optional (BM25F with coordination: more
of them matched ranks higher); phrases are required.

The vocabulary is looked in through the callables `inside` and `prefixes` the caller
passes (_search): this module only builds queries, and changes nothing it is given: a
loosened query (build_loosened) comes back with what it made of each word (Loosened).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from whoosh import query as Q
from whoosh.matching import WrappingMatcher

from ._allowed import sender_keys
from ._segment import COARSE_ENGINE, FINE_ENGINE, fold, segment, terms, toneless
from ._documents import compact, digits_key
from ._schema import PREFIX_VOCABULARY, SUBSTRING_VOCABULARIES
# (parse too: what is built here is made of its ParsedQuery)
from ._parse import (NEAR_PHRASE_MAX_WORDS, NEAR_PHRASE_MIN_WORDS, Item, ParsedQuery, halves,  # noqa: F401
                     is_number, parse, substring_needle)

# Fields the words are searched in. The body holds the whole text (sender, recipient and
# reference lines included), so the subject and sender fields only add weight; fewer
# fields keep queries fast on large archives.
TEXT_FIELDS = ("subject", "body", "sender")
FINE_FIELDS = ("subject_fine", "body_fine")
SUBSTRING_FIELDS = ("subject", "body")  # coarse fields whose words may hold a typed word

REF_BOOST = 100.0       # the letter with that number comes first
RECEIVED_BOOST = 50.0
CITES_BOOST = 2.0       # letters that cite it follow
SENDER_HINT_BOOST = 5.0  # an agency named among the words: its letters rank higher


def _sequence(fieldname: str, words: list[str]) -> Q.Query:
    if len(words) == 1:
        return Q.Term(fieldname, words[0])
    return Q.Phrase(fieldname, words)


# Words of the vocabulary that hold a word typed (_parse.substring_needle): at most this
# many, with less weight than the word itself.
SUBSTRING_BOOST = 0.5
SUBSTRING_MAX_TERMS = 64
NEAR_PHRASE_BOOST = 0.3  # a long phrase with one word changed (_parse.halves)


def _near_phrases(words: list[str]) -> list[Q.Query]:
    n = len(words)
    if n < NEAR_PHRASE_MIN_WORDS:
        return []
    if n > NEAR_PHRASE_MAX_WORDS:
        return [Q.Or([_sequence("body", part) for part in halves(words)], boost=NEAR_PHRASE_BOOST)]
    out = []
    for i in range(2, n - 2):  # one word changed; at least two words kept on each side
        out.append(Q.And([_sequence("body", words[:i]), _sequence("body", words[i + 1:])]))
    return [Q.Or(out, boost=NEAR_PHRASE_BOOST)] if out else []


# Search as you type: the last word of the box also finds the words it begins
# (ประจำปีพุทธศ finds พุทธศักราช, Mon finds Money). Where typing stopped, the segmentation
# of the last words is no guide (ป้องกันตัวเองอย่ is cut ป้องกันตัว|เอ|งอ|ย่), so the end
# may begin at any letter of the last PREFIX_MAX_WORDS dictionary words that a word can
# begin with (a Latin word: only at its start): the longest ends that begin a longer word of
# the vocabulary are its readings (at most PREFIX_READINGS), each with the words typed
# before it (ป้องกัน|ตัวเอง and อย่าง). An end typed alone needs PREFIX_MIN_CHARS
# characters (two letters begin too many words to say anything), one after other words
# PREFIX_MIN_CHARS_AFTER (วิสาหกิจชุ: วิสาหกิจ and ชุมชน), a number only after words
# (ครั้งที่ ๑๐/๒๕๖). The PREFIX_MAX_TERMS words an end begins that most letters have are
# searched, with less weight than the word as typed. On 296 thaigov headlines typed up to
# the middle of a word (eval_search --known-items), ends cut from the segmentation's
# words and of 3+ characters found their text first for 0.899 of them.
PREFIX_MIN_CHARS = 3
PREFIX_MIN_CHARS_AFTER = 2
PREFIX_MAX_WORDS = 3
PREFIX_MAX_TERMS = 20
PREFIX_READINGS = 2
PREFIX_BOOST = 0.5
_DIGITS = re.compile(r"^[0-9.,:/]+$")
_BEGINS_THAI = re.compile("[\u0e01-\u0e2e\u0e40-\u0e44]")  # a consonant or a leading vowel


@dataclass(frozen=True)
class Completion:
    """A reading of the last word of the box as cut short: the dictionary words before its
    end (`lead`), its end as typed (`stem`, folded, and `pieces`, its dictionary words),
    and the longer words of the archive it begins (`longer`)."""
    lead: tuple[str, ...]
    stem: str
    pieces: tuple[str, ...]
    longer: tuple[str, ...]


def completions(item: Item, prefixes) -> list[Completion]:
    """`prefixes(stem)`: the words of the vocabulary that begin with `stem` and are longer,
    most common first (at most PREFIX_MAX_TERMS)."""
    if not item.prefix or prefixes is None:
        return []
    text = item.text
    spans = list(segment(text, COARSE_ENGINE))
    last = spans[-PREFIX_MAX_WORDS:]
    if not last:
        return []
    starts = sorted({s for _w, s, _e in last} | {
        i for i in range(last[0][1], len(text)) if _BEGINS_THAI.match(text[i])})
    out: list[Completion] = []
    for at in starts:
        pieces = terms(text[at:], COARSE_ENGINE)
        stem = compact(text[at:])
        lead = terms(text[:at], COARSE_ENGINE)
        if not pieces or len(stem) < (PREFIX_MIN_CHARS_AFTER if lead else PREFIX_MIN_CHARS) \
                or (not lead and _DIGITS.match(stem)):
            continue
        longer = tuple(t for t in prefixes(stem) if t not in lead)
        if longer:
            out.append(Completion(tuple(lead), stem, tuple(pieces), longer))
            if len(out) == PREFIX_READINGS:
                break
    return out


def _any_field(word: str, fields=SUBSTRING_FIELDS) -> Q.Query:
    return Q.Or([Q.Term(f, word) for f in fields])


def _completed(c: Completion) -> Q.Query:
    """Letters with the words before the stem and a word the stem begins."""
    longer = Q.Or([Q.Term(f, t) for t in c.longer for f in SUBSTRING_FIELDS])
    if not c.lead:
        return Q.Or(longer.subqueries, boost=PREFIX_BOOST)
    return Q.And([_any_field(w) for w in c.lead] + [longer], boost=PREFIX_BOOST)


def item_query(item: Item, inside=None, prefixes=None) -> Q.Query | None:
    """One word or phrase. Unsegmented Thai typed as one word needs all its dictionary
    words (adjacent ones rank higher); the fine fields find a word inside a longer
    dictionary word (มติ in มีมติ), and `inside(needle, field)` (terms of the body's coarse
    or fine vocabulary that contain the text) what neither segmentation separates
    (อำนวยการ in ผู้อำนวยการ, where ICU cuts ผู้|อำนวย|การก). A quoted phrase must match as
    a sequence."""
    coarse = terms(item.text, COARSE_ENGINE)
    fine = terms(item.text, FINE_ENGINE)
    clauses: list[Q.Query] = []
    if coarse:
        clauses += [_sequence(f, coarse) for f in TEXT_FIELDS]
        if len(coarse) > 1 and not item.phrase:
            clauses.append(Q.And([_any_field(w) for w in coarse], boost=0.5))
    if fine:
        clauses += [_sequence(f, fine) for f in FINE_FIELDS]
    # Scans whose OCR lost the tone marks (สวนราชการ for ส่วนราชการ); a word typed without
    # any is found in the body already.
    without_tones = toneless(item.text)
    bare = terms(without_tones, COARSE_ENGINE) if without_tones != item.text else []
    if bare:
        clauses.append(_sequence("body_toneless", bare))
    if item.phrase and not item.negated:
        clauses += _near_phrases(coarse)
    needle = substring_needle(item) if inside else None
    if needle:
        longer = []
        for fields, words, vocab in zip((SUBSTRING_FIELDS, FINE_FIELDS), (coarse, fine),
                                        SUBSTRING_VOCABULARIES):
            found = [t for t in inside(needle, vocab) if t != needle and t not in words]
            longer += [Q.Term(f, t) for f in fields for t in found[:SUBSTRING_MAX_TERMS]]
        if longer:
            clauses.append(Q.Or(longer, boost=SUBSTRING_BOOST))
    clauses += [_completed(c) for c in completions(item, prefixes)]
    return Q.Or(clauses) if clauses else None


COORD_BONUS = 20.0  # above the usual BM25F spread between letters, far below REF_BOOST


class Bonus(Q.WrappingQuery):
    """The child query, with `bonus` added to the score of every letter it matches."""

    def __init__(self, child: Q.Query, bonus: float):
        super().__init__(child)
        self.bonus = bonus

    def _rewrap(self, child):
        return self.__class__(child, self.bonus)

    def __eq__(self, other):
        return (type(other) is type(self) and other.child == self.child
                and other.bonus == self.bonus)

    __hash__ = Q.WrappingQuery.__hash__

    def matcher(self, searcher, context=None):
        m = self.child.matcher(searcher, context)
        return _BonusMatcher(m, self.bonus) if m.is_active() else m


class _BonusMatcher(WrappingMatcher):
    def __init__(self, child, bonus: float):
        super().__init__(child)
        self.bonus = bonus

    def _replacement(self, newchild):
        return self.__class__(newchild, self.bonus)

    def score(self):
        return self.child.score() + self.bonus

    def max_quality(self):
        return self.child.max_quality() + self.bonus

    def block_quality(self):
        return self.child.block_quality() + self.bonus


# A query whose words together match too few letters is searched again requiring fewer of
# them (see _search): its words are the dictionary words of its runs (the last one's end as
# a completion, see completion), each once. A query of fewer than LOOSEN_MIN_WORDS keeps
# requiring every word: of two words, one alone is another question. Phrases, OR and
# numbers ask for exactly what they say and are never loosened.
LOOSEN_MIN_WORDS = 3
# What each word a letter has adds when loosened: above any BM25F score, so that letters
# with every word come first and then letters with more of the words, each tier ordered by
# BM25F. (30, about the spread between letters, let a letter with all but one word in its
# subject pass the one with every word: a headline cut short lost its own text.)
WORD_BONUS = 1000.0
WORD_FIELDS = SUBSTRING_FIELDS + FINE_FIELDS


@dataclass(frozen=True)
class Word:
    """A word of the query as typed (`shown`), the clause of the letters that have it, and
    the group (of ParsedQuery.groups) it was typed in: a letter that matches the group has
    each of its words, however it matched (a word inside a longer word, a finer one)."""
    shown: str
    clause: Q.Query
    group: int


@dataclass(frozen=True)
class Loosening:
    """Fewer of the `words` required: at least `required`."""
    words: tuple[Word, ...]
    required: int


@dataclass(frozen=True)
class Loosened:
    """What build_loosened made of a Loosening: the query, and the clause of each of its
    words (the word's, or its group's too), for telling which words a letter has."""
    query: Q.Query | None
    loosening: Loosening
    clauses: tuple[Q.Query, ...]


def _word_clause(term: str) -> Q.Query:
    return Q.Or([Q.Term(f, term) for f in WORD_FIELDS])


def words(pq: ParsedQuery, prefixes=None) -> list[Word]:
    """The words the query may be loosened over ([] when it may not be)."""
    if pq.refs or pq.received:
        return []
    out: dict[str, Word] = {}
    for g, group in enumerate(pq.groups):
        typed = [i for i in group if not i.alias]
        if not typed:
            continue  # other forms of words typed (_synonyms)
        if len(typed) > 1 or typed[0].phrase:
            return []
        item = typed[0]
        cut = next(iter(completions(item, prefixes)), None)
        if cut is None:
            for w, _s, _e in segment(item.text, COARSE_ENGINE):
                out.setdefault(fold(w), Word(w, _word_clause(fold(w)), g))
            continue
        for term in cut.lead:
            out.setdefault(term, Word(term, _word_clause(term), g))
        tail = [_word_clause(t) for t in cut.pieces]
        exact = tail[0] if len(tail) == 1 else Q.And(tail)
        out.setdefault(cut.stem, Word(cut.stem, Q.Or(
            [exact] + [Q.Term(f, t) for t in cut.longer for f in SUBSTRING_FIELDS]), g))
    return list(out.values())


def loosening_steps(n: int) -> list[int]:
    """How many of `n` words are required, step by step after all of them: all but one,
    then three in four; none below LOOSEN_MIN_WORDS."""
    if n < LOOSEN_MIN_WORDS:
        return []
    return sorted({n - 1, min(n - 1, math.ceil(3 * n / 4))}, reverse=True)


def _word_clauses(loosen: Loosening, groups: dict[int, Q.Query]) -> tuple[Q.Query, ...]:
    """What a letter matches when it has each word of `loosen`: the word, or its group."""
    return tuple(Q.Or([w.clause, groups[w.group]]) if w.group in groups else w.clause
                 for w in loosen.words)


def _loosened(strict: Q.Query, clauses: tuple[Q.Query, ...], required: int) -> Q.Query:
    """The letters `strict` matches and those with at least `required` of the words'
    `clauses`, those with more of the words first (WORD_BONUS each)."""
    bonus = [Bonus(c, WORD_BONUS) for c in clauses]
    most = Q.Or(bonus, minmatch=required)
    return Q.Or([Q.AndMaybe(strict, Q.Or(bonus)), Q.AndNot(most, strict)])


def build(pq: ParsedQuery, inside=None, prefixes=None) -> Q.Query | None:
    """None means 'no query': list everything the filters allow. `inside`, `prefixes`: see
    item_query."""
    positive, _groups = _positive(pq, inside, prefixes)
    return _finished(pq, positive, inside)


def build_loosened(pq: ParsedQuery, loosen: Loosening, inside=None,
                   prefixes=None) -> Loosened:
    """The query of build, but letters with at least `loosen.required` of its words match
    too (_loosened)."""
    positive, groups = _positive(pq, inside, prefixes)
    if positive is None:
        return Loosened(_finished(pq, None, inside), loosen, ())
    clauses = _word_clauses(loosen, groups)
    return Loosened(_finished(pq, _loosened(positive, clauses, loosen.required), inside),
                    loosen, clauses)


def _positive(pq: ParsedQuery, inside, prefixes) -> tuple[Q.Query | None, dict[int, Q.Query]]:
    """What the letters must and may have (numbers, words, phrases), and the query of each
    group of ParsedQuery.groups that has one, by its index."""
    optional: list[Q.Query] = []
    required: list[Q.Query] = []
    word_groups: list[Q.Query] = []
    for ref in pq.refs:
        key = compact(ref)
        optional.append(Q.Term("ref_key", key, boost=REF_BOOST))
        optional.append(Q.Term("cites_key", key, boost=CITES_BOOST))
    for no in pq.received:
        optional.append(Q.Term("received_key", no, boost=RECEIVED_BOOST))
    by_group: dict[int, Q.Query] = {}
    for g, group in enumerate(pq.groups):
        subs = [q for q in (item_query(i, inside, prefixes) for i in group) if q is not None]
        if not subs:
            continue
        alternatives = by_group[g] = Q.Or(subs) if len(subs) > 1 else subs[0]
        if any(i.phrase for i in group):
            required.append(alternatives)
        else:
            word_groups.append(alternatives)
        # A bare number may be a receiving number as well as a word of the text.
        for i in group:
            if is_number(i.text):
                optional.append(Q.Term("received_key", digits_key(i.text), boost=RECEIVED_BOOST))
    # Coordination: each of the user's words (or OR-groups) that a letter has adds a
    # bonus, so letters with more of them rank first and BM25F orders letters with as many.
    # (Whoosh's own coordination bonus is diluted by the many fields and tiers per word.)
    if len(word_groups) > 1:
        word_groups = [Bonus(g, COORD_BONUS) for g in word_groups]
    optional += word_groups
    if not optional and not required:
        positive = None if not pq.excluded else Q.Every()
    elif required:
        must = Q.And(required) if len(required) > 1 else required[0]
        positive = Q.AndMaybe(must, Q.Or(optional)) if optional else must
    else:
        positive = Q.Or(optional) if len(optional) > 1 else optional[0]
    return positive, by_group


def _finished(pq: ParsedQuery, positive: Q.Query | None, inside) -> Q.Query | None:
    """`positive` with the letters of an agency named among the words ranked higher, and
    without those that have a -word."""
    hint = pq.sender_hint
    if hint and positive is not None:
        keys = sorted(sender_keys(hint))
        if keys:
            positive = Q.AndMaybe(positive, Q.Or([Q.Term("sender_key", k) for k in keys],
                                                 boost=SENDER_HINT_BOOST))
    return without_excluded(pq, positive, inside)


def without_excluded(pq: ParsedQuery, positive: Q.Query | None,
                     inside=None) -> Q.Query | None:
    """`positive` minus the letters that have a -word or -"phrase"."""
    if pq.excluded and positive is not None:
        negs = [q for q in (item_query(i, inside) for i in pq.excluded) if q is not None]
        if negs:
            positive = Q.AndNot(positive, Q.Or(negs))
    return positive

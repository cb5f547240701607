"""The queries _query builds, evaluated over doc-id arrays: the exact set of matching
letters and Whoosh's own scores for the ones a page shows.

Whoosh's collector walks every posting of every clause in Python, and a phrase clause
(the words of a compound in sequence, in five fields) reads positions for every letter
that has all its words. At 20,000 letters that walk was 63 % of a search. Here each term's
postings are arrays (_arrays), so sets and BM25F scores of term clauses are a few numpy
operations, and positions are read only where they decide something:

- whether a letter matches at all, for letters that only a phrase clause could match (a
  letter the plain terms of the same word already match is a match whatever the phrase
  says), and
- its score, for the letters that could reach the page: a phrase adds the scores of its
  words where it holds, so a letter's score lies between its score without the unproven
  phrases and its score with all of them; only letters whose upper bound reaches the
  lowest exact score of the page are read.

Scores are computed as Whoosh computes them (BM25F on the same weights and encoded field
lengths, sums over Or/And/AndMaybe, boosts, a compound of one clause ignoring its boost),
so rankings are Whoosh's; only ties beyond a page may fall differently (equal scores are
ordered newest first everywhere).
"""
from __future__ import annotations

import math

import numpy as np
from whoosh import query as Q

from ._arrays import EMPTY, Arrays
from ._query import Bonus

EPS = 1e-9


class _Part:
    """A clause's letters and scores as dense arrays: lower and upper bounds, equal where
    nothing is left to read (`exact`)."""
    __slots__ = ("m_lo", "m_hi", "s_lo", "s_hi")

    def __init__(self, m_lo, m_hi, s_lo, s_hi):
        self.m_lo, self.m_hi, self.s_lo, self.s_hi = m_lo, m_hi, s_lo, s_hi

    @property
    def exact(self) -> bool:
        return self.m_lo is self.m_hi and self.s_lo is self.s_hi


class _Phrase:
    """What is known of one phrase (field, words): the letters that have all its words,
    the sum of its words' scores there, and which of them were read (`known`) and hold
    it (`holds`)."""
    __slots__ = ("field", "postings", "cand", "score", "known", "holds")

    def __init__(self, field, postings, cand, score, n):
        self.field, self.postings, self.cand, self.score = field, postings, cand, score
        self.known = np.zeros(n, dtype=bool)
        self.holds = np.zeros(n, dtype=bool)


class Evaluation:
    """One query over one searcher's commit."""

    def __init__(self, searcher, arrays: Arrays, query):
        self.s = searcher
        self.a = arrays
        self.n = arrays.n
        self.query = query
        self.phrases: dict[tuple, _Phrase] = {}
        self._exact: dict[int, _Part] = {}   # parts of clauses without phrases, by id
        weighting = searcher.weighting
        self.B, self.K1 = weighting.B, weighting.K1
        self._field_B = getattr(weighting, "_field_B", {})

    # -- leaves --------------------------------------------------------------------------
    def _null(self) -> _Part:
        m = np.zeros(self.n, dtype=bool)
        s = np.zeros(self.n)
        return _Part(m, m, s, s)

    def _term_scores(self, fieldname: str, text, postings) -> np.ndarray:
        field = self.s.schema[fieldname]
        if not field.scorable:
            return postings.weights.astype(np.float64)
        s = self.s
        idf = s.idf(fieldname, text)
        avgfl = s.avg_field_length(fieldname) or 1
        B = self._field_B.get(fieldname, self.B)
        K1 = self.K1
        fl = self.a.lengths(s, fieldname, postings.ids)
        tf = postings.weights.astype(np.float64)  # Whoosh scores in double precision
        return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))

    def _sparse(self, q: Q.Term) -> tuple[np.ndarray, np.ndarray]:
        """A term's letters and scores (boost applied)."""
        if q.fieldname not in self.s.schema:
            return EMPTY.ids, EMPTY.weights
        postings = self.a.postings(self.s, q.fieldname, q.text)
        if not len(postings.ids):
            return EMPTY.ids, EMPTY.weights
        scores = self._term_scores(q.fieldname, q.text, postings)
        if q.boost != 1.0:
            scores = scores * q.boost
        return postings.ids, scores

    def _term(self, q: Q.Term) -> _Part:
        ids, scores = self._sparse(q)
        m = np.zeros(self.n, dtype=bool)
        sc = np.zeros(self.n)
        m[ids] = True
        sc[ids] = scores
        return _Part(m, m, sc, sc)

    def _phrase_state(self, fieldname: str, words: tuple) -> _Phrase | None:
        key = (fieldname, words)
        if key in self.phrases:
            return self.phrases[key]
        # What other searches of this commit read of the phrase is kept (_arrays).
        state = self.a.phrase(key, lambda: self._new_phrase(fieldname, words))
        self.phrases[key] = state
        return state

    def _new_phrase(self, fieldname: str, words: tuple) -> _Phrase | None:
        all_postings = [self.a.postings(self.s, fieldname, w, phrase=True) for w in words]
        if any(p is EMPTY or not len(p.ids) for p in all_postings):
            state = None
        else:
            cand = all_postings[0].ids
            for p in all_postings[1:]:
                cand = np.intersect1d(cand, p.ids, assume_unique=True)
            score = np.zeros(len(cand))
            for w, p in zip(words, all_postings):
                at = np.searchsorted(p.ids, cand)
                score += self._term_scores(fieldname, w, p)[at]
            state = _Phrase(fieldname, all_postings, cand, score, self.n)
        return state

    def _phrase(self, q: Q.Phrase) -> _Part:
        words = tuple(q.words)
        if q.fieldname not in self.s.schema or not words:
            return self._null()
        if len(words) == 1:
            return self._term(Q.Term(q.fieldname, words[0], boost=q.boost))
        state = self._phrase_state(q.fieldname, words)
        if state is None:
            return self._null()
        m_hi = np.zeros(self.n, dtype=bool)
        m_hi[state.cand] = True
        m_hi &= ~(state.known & ~state.holds)
        m_lo = state.holds.copy()
        s_hi = np.zeros(self.n)
        s_hi[state.cand] = state.score * q.boost
        s_lo = s_hi * m_lo
        s_hi = s_hi * m_hi
        return _Part(m_lo, m_hi, s_lo, s_hi)

    # -- compounds -----------------------------------------------------------------------
    def part(self, q) -> _Part:
        found = self._exact.get(id(q))
        if found is not None:
            return found
        out = self._part(q)
        if out.exact:
            self._exact[id(q)] = out
        return out

    def _part(self, q) -> _Part:
        if isinstance(q, Q.Term):
            return self._term(q)
        if isinstance(q, Q.Phrase):
            return self._phrase(q)
        if isinstance(q, Q.Or):
            return self._or(q)
        if isinstance(q, Q.And):
            return self._and(q)
        if isinstance(q, Q.AndNot):
            a, b = self.part(q.a), self.part(q.b)
            m_lo = a.m_lo & ~b.m_hi
            return _restrict(a, m_lo, m_lo if a.exact and b.exact else a.m_hi & ~b.m_lo)
        if isinstance(q, Q.AndMaybe):
            a, b = self.part(q.a), self.part(q.b)
            s_lo = a.s_lo + b.s_lo * a.m_lo
            s_hi = s_lo if (a.exact and b.exact) else a.s_hi + b.s_hi * a.m_hi
            return _Part(a.m_lo, a.m_hi, s_lo, s_hi)
        if isinstance(q, Bonus):
            c = self.part(q.child)
            if not c.m_hi.any():
                return c
            s_lo = c.s_lo + q.bonus * c.m_lo
            s_hi = s_lo if c.exact else c.s_hi + q.bonus * c.m_hi
            return _Part(c.m_lo, c.m_hi, s_lo, s_hi)
        if isinstance(q, Q.Every):
            m = ~self.a.deleted
            s = m.astype(np.float64)
            return _Part(m, m, s, s)
        if q is Q.NullQuery or isinstance(q, type(Q.NullQuery)):
            return self._null()
        raise TypeError(f"no evaluation for {type(q).__name__}")

    def _or(self, q: Q.Or) -> _Part:
        subs = q.subqueries
        if not subs:
            return self._null()
        if len(subs) == 1:
            return self.part(subs[0])  # Whoosh ignores the boost of a one-clause compound
        minmatch = getattr(q, "minmatch", 0) or 0
        n = self.n
        # Terms are added where they occur (an Or of 200 words inside longer words must
        # not make 200 arrays of every letter); the upper bounds are made when the first
        # clause that is not exact comes.
        m_lo, s_lo = np.zeros(n, dtype=bool), np.zeros(n)
        count_lo = np.zeros(n, dtype=np.int32) if minmatch > 1 else None
        m_hi = s_hi = count_hi = None
        for sq in subs:
            if isinstance(sq, Q.Term) or (isinstance(sq, Q.Phrase) and len(sq.words) == 1):
                term = sq if isinstance(sq, Q.Term) else Q.Term(sq.fieldname, sq.words[0],
                                                                boost=sq.boost)
                ids, scores = self._sparse(term)
                for m, sc, count in ((m_lo, s_lo, count_lo), (m_hi, s_hi, count_hi)):
                    if m is not None:
                        m[ids] = True
                        sc[ids] += scores
                        if count is not None:
                            count[ids] += 1
                continue
            if isinstance(sq, Q.Phrase):
                # Added where it may hold, like a term: a phrase as dense bounds would be
                # four arrays of every letter (1.8 MB at 100,000), per phrase and query.
                state = self._phrase_state(sq.fieldname, tuple(sq.words))
                if state is None:
                    continue
                holds = state.holds[state.cand]
                unread = ~state.known[state.cand]
                if unread.any() and m_hi is None:
                    m_hi, s_hi = m_lo.copy(), s_lo.copy()
                    count_hi = None if count_lo is None else count_lo.copy()
                scores = state.score * sq.boost
                for m, sc, count, where in ((m_lo, s_lo, count_lo, holds),
                                            (m_hi, s_hi, count_hi, holds | unread)):
                    if m is not None:
                        ids = state.cand[where]
                        m[ids] = True
                        sc[ids] += scores[where]
                        if count is not None:
                            count[ids] += 1
                continue
            p = self.part(sq)
            if not p.exact and m_hi is None:
                m_hi, s_hi = m_lo.copy(), s_lo.copy()
                count_hi = None if count_lo is None else count_lo.copy()
            m_lo |= p.m_lo
            s_lo += p.s_lo
            if count_lo is not None:
                count_lo += p.m_lo
            if m_hi is not None:
                m_hi |= p.m_hi
                s_hi += p.s_hi
                if count_hi is not None:
                    count_hi += p.m_hi
        if m_hi is None:
            m_hi, s_hi, count_hi = m_lo, s_lo, count_lo
        if q.boost != 1.0:
            exact = s_hi is s_lo
            s_lo = s_lo * q.boost
            s_hi = s_lo if exact else s_hi * q.boost
        out = _Part(m_lo, m_hi, s_lo, s_hi)
        if minmatch > 1:
            m_lo = count_lo >= minmatch
            return _restrict(out, m_lo, m_lo if out.exact else count_hi >= minmatch)
        return out

    def _and(self, q: Q.And) -> _Part:
        subs = q.subqueries
        if not subs:
            return self._null()
        if len(subs) == 1:
            return self.part(subs[0])
        parts = [self.part(sq) for sq in subs]
        exact = all(p.exact for p in parts)
        m_lo = np.logical_and.reduce([p.m_lo for p in parts])
        m_hi = m_lo if exact else np.logical_and.reduce([p.m_hi for p in parts])
        s_lo = np.add.reduce([p.s_lo for p in parts])
        s_hi = s_lo if exact else np.add.reduce([p.s_hi for p in parts])
        if q.boost != 1.0:
            s_lo = s_lo * q.boost
            s_hi = s_lo if exact else s_hi * q.boost
        return _restrict(_Part(m_lo, m_hi, s_lo, s_hi), m_lo, m_hi)

    # -- reading positions ---------------------------------------------------------------
    def _verify(self, state: _Phrase, docs: np.ndarray) -> None:
        """Read whether the phrase holds in each of `docs` (letters with all its words)."""
        docs = docs[~state.known[docs]]
        if not len(docs):
            return
        per_word = [self.a.positions(self.s, state.field, p, docs) for p in state.postings]
        holds = []
        for doc in docs.tolist():
            starts = set(per_word[0][doc])
            for k, positions in enumerate(per_word[1:], 1):
                starts &= {p - k for p in positions[doc]}
                if not starts:
                    break
            holds.append(bool(starts))
        # `holds` before `known`: another thread may read the same phrase meanwhile.
        state.holds[docs] = holds
        state.known[docs] = True

    def _pending(self, docs: np.ndarray) -> bool:
        """Read every phrase not yet read in any of `docs`; False if there was none."""
        did = False
        mask = np.zeros(self.n, dtype=bool)
        mask[docs] = True
        for state in self.phrases.values():
            if state is None:
                continue
            todo = state.cand[mask[state.cand] & ~state.known[state.cand]]
            if len(todo):
                self._verify(state, todo)
                did = True
        return did

    def matches(self, allowed: np.ndarray) -> tuple[np.ndarray, _Part]:
        """The letters that match, among `allowed`, and the evaluation's arrays. Phrases
        are read one at a time, the one with the most undecided letters first: a letter
        one phrase proves a match needs none of the others (a quoted phrase is looked for
        in five fields and in parts)."""
        part = self.part(self.query)
        while True:
            unsure = part.m_hi & ~part.m_lo & allowed
            best, todo = None, None
            for state in self.phrases.values():
                if state is None:
                    continue
                cand = state.cand[unsure[state.cand] & ~state.known[state.cand]]
                if len(cand) and (todo is None or len(cand) > len(todo)):
                    best, todo = state, cand
            if best is None:
                break
            self._verify(best, todo)
            part = self.part(self.query)
        return np.flatnonzero(part.m_lo & allowed), part

    def ranked(self, ids: np.ndarray, part: _Part, end: int, newest: np.ndarray):
        """The first `end` of `ids` by score (rounded to 6 places), equal scores newest
        first, with their exact scores."""
        if not len(ids):
            return ids, np.zeros(0)
        while True:
            lo, hi = part.s_lo[ids], part.s_hi[ids]
            open_ = lo != hi
            if not open_.any():
                break
            k = min(end, len(ids))
            floor = -math.inf if k == 0 else np.partition(lo, len(lo) - k)[len(lo) - k]
            reach = np.flatnonzero(open_ & (hi >= floor - EPS))
            if not len(reach):
                break
            take = reach[np.argsort(-hi[reach], kind="stable")[:max(64, 2 * end)]]
            if not self._pending(ids[take]):
                break
            part = self.part(self.query)
        scores = part.s_lo[ids]
        order = np.lexsort((newest[ids], -np.round(scores, 6)))[:end]
        return ids[order], scores[order]


def _restrict(p: _Part, m_lo, m_hi) -> _Part:
    """`p` with its letters narrowed to m_lo/m_hi (scores zero elsewhere)."""
    s_lo = p.s_lo * m_lo
    if p.exact and m_lo is m_hi:
        return _Part(m_lo, m_lo, s_lo, s_lo)
    return _Part(m_lo, m_hi, s_lo, p.s_hi * m_hi)

"""Related letters (pseudo-relevance feedback), part of the run of a search (_search._Run.run).

When plain words match fewer than FILL_BELOW letters among those the structured filters
allow (a topical word and a narrow sender/date/subject filter), letters about the same
thing are offered after the last match: the terms that distinguish the best matches in the
whole archive (Bo1 over their body vectors) are searched within the filters, among the
letters that do not match. They are never counted as matches. A query that matches nothing
anywhere gets none, so it still finds nothing.
"""
from __future__ import annotations

import math

from whoosh import query as Q

import settings

from . import _evaluate, _query, _segment

FILL_BELOW = 10
RELATED_MAX = 10
PRF_DOCS = 8
PRF_TERMS = 12
PRF_MINMATCH = 3       # a related letter shares at least this many feedback terms



def _feedback_terms(searcher, arrays, ev, plan, listed) -> list[tuple[str, float]]:
    """Terms that distinguish the best matches of the query in the whole archive."""
    ids, part = ev.matches(listed)
    docnums, _scores = ev.ranked(ids, part, PRF_DOCS, arrays.numbers(searcher, "newest_key"))
    if not len(docnums):
        return []
    asked = {t for item in plan.query.positive_items() for t in _segment.terms(item.text)}
    picked = _key_terms(searcher, docnums.tolist(), "body", asked)[:PRF_TERMS]
    return picked if len(picked) >= PRF_MINMATCH else []


def reranked(searcher, arrays, ev, plan, listed):
    """With PRF_RERANK on (settings), feedback terms add to the ranking of the matches (they match
    no letter that the words do not)."""
    if not settings.PRF_RERANK or not plan.has_words:
        return ev
    picked = _feedback_terms(searcher, arrays, ev, plan, listed)
    if not picked:
        return ev
    return _evaluate.Evaluation(searcher, arrays, Q.AndMaybe(ev.query, Q.Or(
        [Q.Term("body", t, boost=w) for t, w in picked], boost=settings.PRF_RERANK)))


def related(searcher, arrays, ev, plan, passing, listed, matched, limit: int) -> list[int]:
    """Up to `limit` letters within the filters that do not match but share at least
    PRF_MINMATCH feedback terms with the best matches, best first."""
    if not plan.plain_words or passing is None or len(matched) >= FILL_BELOW or limit <= 0:
        return []
    picked = _feedback_terms(searcher, arrays, ev, plan, listed)
    if not picked:
        return []
    related = _query.without_excluded(plan.query, Q.Or(
        [Q.Term("body", t, boost=w) for t, w in picked], minmatch=PRF_MINMATCH))
    within = listed & passing
    within[matched] = False
    rel = _evaluate.Evaluation(searcher, arrays, related)
    ids, part = rel.matches(within)
    top, _scores = rel.ranked(ids, part, limit, arrays.numbers(searcher, "newest_key"))
    return top.tolist()


def _key_terms(searcher, docnums: list[int], fieldname: str, skip: set[str]):
    """Terms that distinguish `docnums` from the archive (Bo1 divergence, as Whoosh's
    key_terms), normalised to a top weight of 1. Only terms in at least two of the letters
    (or the best-represented ones) are weighed, which keeps the look-ups few."""
    reader = searcher.reader()
    tf: dict[str, float] = {}
    df: dict[str, int] = {}
    try:
        for docnum in docnums:
            if not reader.has_vector(docnum, fieldname):
                continue
            for term, weight in reader.vector_as("weight", docnum, fieldname):
                tf[term] = tf.get(term, 0.0) + weight
                df[term] = df.get(term, 0) + 1
    except Exception:  # an index built before body vectors: no feedback
        return []
    need = 2 if len(docnums) > 2 else 1
    cands = [t for t in tf if df[t] >= need and t not in skip and len(t) > 1
             and not t.isdigit()]
    cands = sorted(cands, key=lambda t: -tf[t])[:PRF_TERMS * 6]
    n = max(reader.doc_count_all(), 1)
    scored = []
    for t in cands:
        f = max(reader.frequency(fieldname, t), tf[t]) / n
        scored.append((t, tf[t] * math.log2((1.0 + f) / f) + math.log2(1.0 + f)))
    scored.sort(key=lambda tw: -tw[1])
    top = scored[0][1] if scored else 1.0
    return [(t, w / top) for t, w in scored]

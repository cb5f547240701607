"""The last step of a search (_search): what it found, as the SearchResult the command line
and the web show: the hits of the page, their snippets marking the plan's words
(QueryPlan.highlight_patterns), the facets, what the box read as filters and how the query
was loosened."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from archive.refno import find_ref_numbers

from . import _facets
from ._filters import Filters
from ._plan import QueryPlan
from ._snippets import best_snippet

# The orders a page of results may come in; the first is the default.
SORTS = ("relevance", "date", "date_asc")
DEFAULT_SORT = SORTS[0]


@dataclass
class SearchResult:
    total: int
    page: int
    per_page: int
    hits: list[dict]
    facets: dict = field(default_factory=dict)
    suggestion: str | None = None
    query: str = ""
    filters: dict = field(default_factory=dict)
    # The query was searched as corrected: {"query": searched, "as_typed": typed, "reason":
    # "layout" (typed on the English keyboard layout) or "spelling" (_spelling)}, else None.
    corrected: dict | None = None
    # The order the hits are in: the one asked for, but "date" for a search without words.
    sort: str = DEFAULT_SORT
    # Words of the box read as a filter (QueryPlan.understood): {"sender": the agency as typed,
    # "date_from", "date_to": ISO, "date_text": the date as typed} (the keys that apply),
    # else None. `search(..., as_words=True)` searches them as words instead.
    understood: dict | None = None
    # The words together matched too few letters, so fewer of them were required (see
    # _Run.loosening): {"required": k, "of": n, "words": the n words as typed,
    # "left_out": the words some letter of this page lacks, "every_word": how many of the
    # letters have every word}, else None. Each hit says which words it lacks
    # (`missing`).
    loosened: dict | None = None

    @property
    def every_word(self) -> int:
        """How many of the letters have every word (all of them unless loosened)."""
        return self.total if self.loosened is None else self.loosened["every_word"]

    def as_json(self) -> dict:
        return {"total": self.total, "page": self.page, "per_page": self.per_page,
                "hits": self.hits, "facets": self.facets, "suggestion": self.suggestion,
                "corrected": self.corrected, "understood": self.understood,
                "loosened": self.loosened}


@dataclass(frozen=True)
class Found:
    """What a search found (_search._Run.run): the order of the page, every match
    (docnums, ascending), the page's letters and their scores (None: not ranked by
    relevance), the loosened query's evaluation and _query.Loosened (or None), and the
    related letters after the page."""
    sort: str
    ids: np.ndarray
    page: np.ndarray
    scores: np.ndarray | None
    loose: tuple | None
    related: list[int]


def present(searcher, arrays, memo: dict, text: str, plan: QueryPlan, found: Found | None, *,
            page: int, per_page: int, sort: str, filters: Filters, with_facets: bool,
            snippets: bool) -> SearchResult:
    """The SearchResult of `text` searched as `plan`, which found `found` (None: no letter
    passes the filters); `sort`, `filters`: as asked; `snippets` False: hits without one."""
    result = SearchResult(total=0, page=page, per_page=per_page, hits=[], query=text,
                          filters=filters.as_dict(), sort=sort, understood=plan.understood)
    if found is None:
        result.facets = _facets.empty() if with_facets else {}
        return result
    result.sort = found.sort
    patterns = plan.highlight_patterns() if snippets else None
    refs = plan.query.refs
    hits = [_hit(searcher.stored_fields(int(d)), refs, patterns,
                 None if found.scores is None else float(found.scores[i]))
            for i, d in enumerate(found.page)]
    if found.loose:
        result.loosened = _loosened(found.loose, found.ids, found.page, hits)
    result.total = len(found.ids)
    result.hits = hits
    if with_facets:
        result.facets = _facets.counts(searcher, arrays, found.ids, memo)
    hits += [_hit(searcher.stored_fields(int(d)), refs, {} if snippets else None, None)
             | {"related": True}
             for d in found.related]
    return result


def _hit(stored: dict, refs: list[str], patterns, score: float | None) -> dict:
    """One letter of a page; `score` is None when the page is not ranked by relevance;
    `patterns` (QueryPlan.highlight_patterns) None: no snippet; `refs`: the reference
    numbers searched, marked too."""
    record = json.loads(stored["record"])
    text = record.get("text") or ""
    return {
        "path": record["path"],
        "doc_id": stored["doc_id"],
        "score": None if score is None else round(score, 4),
        "kind": record.get("kind"),
        "ref_no": record.get("ref_no"),
        "date": record.get("date"),
        "sender": record.get("sender"),
        "subject": record.get("subject"),
        "title": record.get("title"),
        "date_source": record.get("date_source"),
        "filed_date": record.get("filed_date"),
        "related": False,
        "missing": [],  # words of a loosened query the letter lacks (SearchResult.loosened)
        "snippet": None if patterns is None else best_snippet(text, patterns,
                                                             _ref_spans(text, refs)),
        "needs_ocr": bool(record.get("needs_ocr")),
        "urgency": record.get("urgency"),
        "format": record.get("format"),
        # the register book's columns (web.exports)
        "recipient": record.get("recipient"),
        "received_no": record.get("received_no"),
        "received_date": record.get("received_date"),
    }


def _ref_spans(text: str, refs: list[str]) -> list[tuple[int, int]]:
    if not refs or not text:
        return []

    wanted = set(refs)
    return [(s, e) for s, e, norm in find_ref_numbers(text) if norm in wanted]


def _loosened(loose, ids, page_ids, hits: list[dict]) -> dict:
    """SearchResult.loosened, and each hit's `missing` words."""
    ev, loosened = loose
    words = loosened.loosening.words
    has = [ev.part(c).m_lo for c in loosened.clauses]
    every = np.logical_and.reduce(has)
    left_out: set[int] = set()
    for hit, doc in zip(hits, page_ids.tolist()):
        lacks = [k for k in range(len(words)) if not has[k][doc]]
        left_out.update(lacks)
        hit["missing"] = [words[k].shown for k in lacks]
    return {"required": loosened.loosening.required, "of": len(words),
            "words": [w.shown for w in words],
            "left_out": [words[k].shown for k in sorted(left_out)],
            "every_word": int(every[ids].sum())}

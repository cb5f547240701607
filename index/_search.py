"""The one search function the CLI and the web call, plus document lookup and stats.

`search` chooses the text to search (as typed, as the Thai meant on the English layout, as
corrected); each text searched goes once through understand -> plan -> run -> present
(_Run.__call__ lists the steps)."""
from __future__ import annotations

import json
import math
import os
import threading
import weakref
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import numpy as np
from whoosh import query as Q
from whoosh import scoring, sorting

import settings
from archive import confined

from . import _arrays, _clearance, _corrections, _evaluate, _facets, _layout, _plan, _query, \
    _related, _schema, _segment, _store
from ._allowed import allowed, sender_docnums
from ._documents import compact
from ._filters import Filters
from ._present import DEFAULT_SORT, SORTS, Found, SearchResult, present


class _Cache:
    """One open Index per generation; searchers are cheap to make from it."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open: dict[str, object] = {}

    def index(self, index_dir: Path):
        gen = _store.current_generation(index_dir)
        if gen is None:
            raise _store.IndexMissing(
                f"no index at {index_dir}: run `saraban reindex --index {index_dir}` first")
        key = str(gen)
        with self._lock:
            ix = self._open.get(key)
            if ix is None:
                for old in list(self._open):
                    if old.startswith(str(index_dir)):
                        self._open.pop(old)
                ix = _store.open_index(index_dir)
                self._open[key] = ix
            return ix

    def clear(self):
        self._lock = threading.Lock()
        self._open.clear()


_cache = _Cache()


class _Inside:
    """Terms of a field's vocabulary that contain a given text (the vocabulary as one
    string, kept with the commit's arrays)."""

    def __init__(self, searcher, arrays):
        self.searcher = searcher
        self.arrays = arrays

    def __call__(self, needle: str, fieldname: str) -> list[str]:
        found = self.arrays.containing(self.searcher, fieldname, needle)
        if len(found) > _query.SUBSTRING_MAX_TERMS:  # keep the most common
            reader = self.searcher.reader()
            found.sort(key=lambda t: -reader.doc_frequency(fieldname, t))
        return found


class _Prefixes:
    """The words of the vocabulary a stem begins that the most letters a user may see have
    (_query.completions). A word only letters above the user's clearance have is no
    completion; a restricted clearance counts the candidates in the letters it shows
    (`letters_seen` of _clearance.vocabulary), the most common first, until no other can
    have more."""

    def __init__(self, searcher, arrays, words):
        self.searcher, self.arrays, self.words = searcher, arrays, words

    def __call__(self, stem: str) -> list[str]:
        found, letters = self.arrays.starting(self.searcher, _schema.PREFIX_VOCABULARY, stem)
        limit = _query.PREFIX_MAX_TERMS
        best: list[tuple[int, int]] = []  # (-letters the user may see, term order)
        for i in np.argsort(-letters, kind="stable").tolist():
            n = int(letters[i])
            if len(best) >= limit and n < -best[limit - 1][0]:
                break  # a word cannot be in more letters the user sees than in the archive
            seen = self.words.letters_seen(found[i], n)
            if seen:
                best.append((-seen, i))
                best.sort()
        return [found[i] for _n, i in best[:limit]]


class _Searchers:
    """One open searcher per thread and index, opened again when a reindex has committed.
    Opening one cost 67 ms at 20,000 letters while a compound segment was copied (0.7 ms
    since _mmapfile), and what it has read is kept with it (_memo). Threads do not share
    one: a Whoosh reader reads through file positions of its own. (Whoosh's own refresh()
    is not used: reusing the readers of unchanged segments, it keeps letters a commit
    deleted and segments a merge removed.)"""

    def __init__(self):
        self._local = threading.local()

    def clear(self):
        self._local = threading.local()

    def get(self, index_dir: Path):
        ix = _cache.index(index_dir)
        held = self._local.__dict__.setdefault("held", {})
        key = str(index_dir)
        entry = held.get(key)
        if entry is not None and (entry[0] is not ix or not entry[1].up_to_date()):
            entry[1].close()
            entry = None
        if entry is None:
            entry = held[key] = (ix, ix.searcher(weighting=scoring.BM25F(B=0.75, K1=1.2)))
        return entry[1]

    def index_of(self, index_dir: Path):
        """The open index this thread's searcher came from (after `get`, without reading
        the folder again)."""
        return self._local.held[str(index_dir)][0]


_searchers = _Searchers()
# What changes only with a commit (failed letters, a sender's letters), kept as long as the
# searcher that read it.
_memos: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()


def _memo(searcher) -> dict:
    return _memos.setdefault(searcher, {})


@contextmanager
def _searcher(index_dir: Path):
    """The searcher of this thread, which sees every commit made so far (a concurrent
    reindex included); it stays open for the next request. Ask for it once per request:
    the next call may close it for a newer one."""
    yield _searchers.get(Path(index_dir))


def _failed(searcher) -> set[int]:
    memo = _memo(searcher)
    if "failed" not in memo:
        memo["failed"] = set(searcher.docs_for_query(Q.Term("status", "failed")))
    return memo["failed"]


if hasattr(os, "register_at_fork"):
    # A forked server worker (scripts.server) opens the index files again: file positions
    # must not be shared between processes.
    # The arrays of a commit (_arrays) hold no file and stay shared.
    os.register_at_fork(after_in_child=lambda: (_cache.clear(), _searchers.clear()))


def search(index_dir: Path, q: str = "", filters: Filters | dict | None = None,
           sort: str = DEFAULT_SORT, page: int = 1, per_page: int = 20,
           with_facets: bool = True, as_typed: bool = False,
           clearance: str | None = None, snippets: bool = True,
           as_words: bool = False) -> SearchResult:
    """The letters that match the words of `q` and every filter: `total` counts exactly
    those, and so do the facets. A few letters about the same thing that do not match may
    follow the last match (see _related); they carry `"related": True` and are counted
    nowhere.

    A letter marked above `clearance` (_clearance.CLEARANCES; None: the local user, who
    sees everything) does not exist for the search: not in the results, the totals, the
    facets, the related letters, nor in what a correction or suggestion is made of.
    `snippets` False leaves the hits without one (an export of thousands of letters).

    Unless `as_typed`, a query typed on the English keyboard layout is searched as the
    Thai it was meant to be, and a query with mistyped Thai that finds nothing as the
    words the archive knows (_corrections): `corrected` says so. A query that finds
    letters keeps them, and may get a correction that finds letters as `suggestion`.

    An agency or a date typed in the box filters (`understood` says so) unless
    `as_words`, which searches every word of `q` as a word."""
    if not isinstance(filters, Filters):
        filters = Filters.parse(filters or {})
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    _clearance.level(clearance)
    page = max(1, int(page))
    with _searcher(index_dir) as s:
        arrays = _arrays.arrays_of(_searchers.index_of(Path(index_dir)), s)
        typed = q or ""
        words = _clearance.vocabulary(s, arrays, clearance, settings.UNREAD_SECRECY)
        run = _Run(s, arrays, filters, sort, page, per_page, with_facets, clearance,
                   snippets, as_words, words)
        listed = run.listed
        # Only words and numbers of letters the user may see are "known".
        thai = None if as_typed else _layout.thai_if_mistyped(
            typed, lambda w: _corrections.each_visible(s, arrays, [w], listed),
            lambda ref: bool(listed[arrays.postings(s, "ref_key", compact(ref)).ids].any()))
        if thai:
            result = run(thai)[0]
            result.corrected = {"query": thai, "as_typed": typed, "reason": "layout"}
            return result
        result, plan = run(typed)
        pq = plan.query
        if as_typed or not pq.groups:
            return result
        # Corrections are judged by the letters with every word: a mistyped word is
        # corrected before the query is loosened around it.
        found = result.every_word
        fixed = _corrections.spelled(s, arrays, pq, typed, found, run.listed, run.count,
                                     words)
        if fixed and found == 0:
            better = run(fixed)[0]
            if better.every_word or better.total > result.total == 0:
                better.corrected = {"query": fixed, "as_typed": typed, "reason": "spelling"}
                return better
        elif fixed and run.count(fixed):
            result.suggestion = fixed
        if result.suggestion is None:
            # Words that are all known, but not what was meant (ขาวปลอม for ข่าวปลอม): a
            # reading one word away that the letters have; else Whoosh's corrector for
            # Latin words, offered if it finds letters.
            result.suggestion = _corrections.respelled(s, arrays, pq, typed, found,
                                                       run.listed, run.count, words)
            guess = None if result.suggestion or found else _corrections.latin(
                s, arrays, typed, run.listed)
            if guess and guess.strip() != typed.strip() and run.count(guess):
                result.suggestion = guess
        return result


class _Run:
    """Searches of one request: the same searcher, filters, sort and page for the query as
    typed and as corrected (`run(text)`)."""

    def __init__(self, searcher, arrays, filters: Filters, sort: str, page: int,
                 per_page: int, with_facets: bool, clearance: str | None = None,
                 snippets: bool = True, as_words: bool = False, words=None,
                 loosen: bool = True):
        self.s, self.arrays, self.filters = searcher, arrays, filters
        self.sort, self.page, self.per_page, self.with_facets = sort, page, per_page, with_facets
        self.clearance, self.snippets, self.as_words = clearance, snippets, as_words
        self.memo = _memo(searcher)
        # every letter a search may give
        self.listed = _listed(searcher, arrays, self.memo, clearance)
        # the vocabulary of the letters the user may see (_clearance.vocabulary)
        self.words = words if words is not None else _clearance.vocabulary(
            searcher, arrays, clearance, settings.UNREAD_SECRECY)
        self.loosen = loosen

    def count(self, text: str) -> int:
        """How many letters `text` matches with the same filters, with every word."""
        return _Run(self.s, self.arrays, self.filters, "relevance", 1, 1, False,
                    self.clearance, False, self.as_words, self.words, False)(text)[0].total

    def loosening(self, pq, strict: _evaluate.Evaluation, build):
        """When the words together match fewer than settings.LOOSEN_BELOW letters the user
        may see, the query requiring fewer of them (_query.loosening_steps), step by step
        until one matches that many, or the last: (its evaluation, its _query.Loosened);
        None when the query keeps requiring every word. The rule depends on the
        words alone, not on the filters: a filter or a facet clicked keeps the rule, so a
        facet's count is what clicking it gives."""
        found = tuple(_query.words(pq, build.prefixes))
        steps = _query.loosening_steps(len(found))
        if not steps:
            return None
        enough = settings.LOOSEN_BELOW
        if int((strict.part(strict.query).m_lo & self.listed).sum()) >= enough:
            return None  # surely enough, without reading a phrase
        best = len(strict.matches(self.listed)[0])
        if best >= enough:
            return None
        chosen = None
        for required in steps:
            loosened = build.loosened(_query.Loosening(found, required))
            ev = _evaluate.Evaluation(self.s, self.arrays, loosened.query)
            chosen = (ev, loosened)
            if len(ev.matches(self.listed)[0]) >= enough:
                break
        if chosen is None or len(chosen[0].matches(self.listed)[0]) <= best:
            return None
        return chosen

    def __call__(self, text: str):
        """The search of `text`: (its SearchResult, its _plan.QueryPlan). Each step once,
        in this order, none changing what another gave:

        1. understand: the words, numbers, agency and dates of the box (_plan.understand);
        2. plan: the agency and dates as filters, with the filters chosen (_plan.plan);
        3. run: the plan as Whoosh queries (_query.build) over the letters the filters and
           the clearance allow, loosened if too few letters have every word; the page and
           the related letters (run);
        4. present: the SearchResult: hits with snippets, facets, what was read and
           loosened (_present.present)."""
        read = _plan.understand(text, as_words=self.as_words)
        plan = _plan.plan(read, self.filters, self.sends)
        found = self.run(plan)
        return present(self.s, self.arrays, self.memo, text, plan, found, page=self.page,
                       per_page=self.per_page, sort=self.sort, filters=self.filters,
                       with_facets=self.with_facets, snippets=self.snippets), plan

    def sends(self, sender: str) -> bool:
        """Whether `sender` sent a letter a search may give."""
        return bool(self.listed[sender_docnums(self.s, self.arrays, sender, self.memo)].any())

    def run(self, plan: _plan.QueryPlan) -> Found | None:
        """The letters `plan` finds; None when no letter passes its filters."""
        s, arrays, sort, listed = self.s, self.arrays, self.sort, self.listed
        page, per_page = self.page, self.per_page
        passing = allowed(s, arrays, plan.filters, self.memo)
        if passing is not None and not passing.any():
            return None  # an empty set is never "no filter"
        within = listed if passing is None else listed & passing
        build = _Build(plan.query, _Inside(s, arrays), _Prefixes(s, arrays, self.words))
        wq = build()
        if wq is None:
            wq = Q.Every()
            if sort == "relevance":
                sort = "date"  # no words: newest letters first
        ev = _evaluate.Evaluation(s, arrays, wq)
        loose = self.loosening(plan.query, ev, build) if self.loosen else None
        if loose:
            ev = loose[0]
        elif sort == "relevance":
            ev = _related.reranked(s, arrays, ev, plan, listed)
        ids, part = ev.matches(within)
        end = page * per_page
        if sort == "relevance":
            top, scores = ev.ranked(ids, part, end, arrays.numbers(s, "newest_key"))
            page_ids, page_scores = top[end - per_page:end], scores[end - per_page:end]
        else:
            key = arrays.numbers(s, "newest_key" if sort == "date" else "oldest_key")
            order = np.argsort(key[ids], kind="stable")  # equal keys in index order
            page_ids, page_scores = ids[order[end - per_page:end]], None
        last_page = max(1, math.ceil(len(ids) / per_page))
        room = per_page - len(page_ids)
        related = []
        if sort == "relevance" and page == last_page and room > 0:
            related = _related.related(s, arrays, ev, plan, passing, listed, ids,
                                       min(room, _related.RELATED_MAX))
        return Found(sort, ids, page_ids, page_scores, loose, related)


class _Build:
    """The query of a parsed box, as searched (_query.build) and loosened
    (_query.build_loosened)."""

    def __init__(self, pq, inside, prefixes):
        self.pq, self.inside, self.prefixes = pq, inside, prefixes

    def __call__(self):
        return _query.build(self.pq, self.inside, self.prefixes)

    def loosened(self, loosen: _query.Loosening) -> _query.Loosened:
        return _query.build_loosened(self.pq, loosen, self.inside, self.prefixes)


def _listed(searcher, arrays, memo: dict, clearance: str | None = None) -> np.ndarray:
    """Letters a search may give: not deleted, not failed, and not above `clearance`
    (kept per searcher)."""
    key = ("listed", clearance, settings.UNREAD_SECRECY)
    if key not in memo:
        listed = ~arrays.deleted & ~_arrays.as_mask(arrays.n, _failed(searcher))
        visible = _clearance.visible(searcher, arrays, clearance, settings.UNREAD_SECRECY)
        memo[key] = listed if visible is None else listed & visible
    return memo[key]


CITES_MAX = 5       # letters shown for one reference a letter cites
CITED_BY_MAX = 50


def get_document(index_dir: Path, doc_id: str, clearance: str | None = None) -> dict | None:
    """The stored record of one letter, with the letters it cites and that cite it; None
    for a letter that is not there or is above `clearance` (and the thread leaves out the
    letters above it)."""
    with _searcher(index_dir) as s:
        shown = _visible_mask(index_dir, s, clearance)
        found = _visible_document(s, doc_id, shown)
        if not found:
            return None
        record = json.loads(found["record"])
        record["doc_id"] = doc_id
        record["status"] = found.get("status")
        cites = []
        for ref in record.get("cites") or []:
            cites += _thread(s, Q.Term("ref_key", compact(ref)), shown, CITES_MAX)
        cited_by = []
        if record.get("ref_no"):
            cited_by = _thread(s, Q.Term("cites_key", compact(record["ref_no"])), shown,
                               CITED_BY_MAX, sortedby=sorting.FieldFacet("date", reverse=True))
        record["cites_documents"] = cites
        record["cited_by"] = cited_by
        return record


def _thread(searcher, query, shown: np.ndarray | None, limit: int, **kwargs) -> list[dict]:
    """The first `limit` letters of `query` the user may see, in brief."""
    hits = searcher.search(query, limit=None if shown is not None else limit, **kwargs)
    return [_brief(hit) for hit in islice((h for h in hits if shown is None or shown[h.docnum]),
                                          limit)]


def _visible_mask(index_dir: Path, searcher, clearance: str | None) -> np.ndarray | None:
    arrays = _arrays.arrays_of(_searchers.index_of(Path(index_dir)), searcher)
    return _clearance.visible(searcher, arrays, clearance, settings.UNREAD_SECRECY)


def _visible_document(searcher, doc_id: str, shown: np.ndarray | None) -> dict | None:
    """The stored fields of a letter in `shown` (None: any), else None (as for no letter)."""
    docnum = searcher.document_number(doc_id=doc_id)
    if docnum is None:
        return None
    if shown is not None and not shown[docnum]:
        return None
    return searcher.stored_fields(docnum)


def _brief(hit) -> dict:
    r = json.loads(hit["record"])
    return {k: r.get(k) for k in ("path", "ref_no", "date", "sender", "subject", "title",
                                  "date_source", "filed_date")} | {"doc_id": hit["doc_id"]}


def senders(index_dir: Path, typed: str, clearance: str | None = None,
            limit: int = _facets.SENDERS_MAX) -> list[dict]:
    """Senders of letters a user of `clearance` may see that `typed` names part of
    (_facets.senders_like): `[{"name", "abbr", "code", "count"}]`."""
    _clearance.level(clearance)
    with _searcher(index_dir) as s:
        arrays = _arrays.arrays_of(_searchers.index_of(Path(index_dir)), s)
        return _facets.senders_like(s, arrays, _listed(s, arrays, _memo(s), clearance), typed,
                                    limit)


def preload(index_dir: Path | None = None) -> None:
    """Load the segmentations' dictionaries and read the arrays every search of the
    index's current commit needs: a server does it before it forks its workers, which
    then share them. (Without an index, only the dictionaries.)"""
    _segment.preload()
    if index_dir is None:
        return
    try:
        with _searcher(index_dir) as s:
            _arrays.warm(s, _arrays.arrays_of(_searchers.index_of(Path(index_dir)), s))
    except _store.IndexMissing:
        pass


def stats(index_dir: Path) -> dict:
    """Counts for /healthz: documents listed (scans waiting for OCR included)."""
    index_dir = Path(index_dir)
    ix = _cache.index(index_dir)
    with ix.searcher() as s:
        failed = len(list(s.docs_for_query(Q.Term("status", "failed"))))
        needs_ocr = len(list(s.docs_for_query(Q.Term("status", "needs_ocr"))))
        total = s.doc_count()
    gen = _store.current_generation(index_dir)
    toc = max((p.stat().st_mtime for p in gen.glob("_MAIN_*.toc")), default=None) if gen else None
    return {"documents": total - failed, "failed": failed, "needs_ocr": needs_ocr,
            "indexed_at": toc, "last_run": _store.read_last_run(index_dir)}


def original_file(index_dir: Path, archive_root: Path, doc_id: str,
                  clearance: str | None = None) -> confined.Opened | None:
    """The original file of a letter, open (the caller closes it), or None when the letter
    is above `clearance`, not there, or its file is gone. Only a regular file whose real
    path lies inside the archive root is opened, checked on the file opened
    (archive.confined), so a link swapped after indexing cannot serve another file;
    raises confined.Refused for one that is not the archive's."""
    with _searcher(index_dir) as s:
        found = _visible_document(s, doc_id, _visible_mask(index_dir, s, clearance))
    if not found:
        return None
    try:
        return confined.open_inside(archive_root, found["path"])
    except OSError:  # moved, deleted or unreadable since it was indexed
        return None


def original_path(index_dir: Path, archive_root: Path, doc_id: str,
                  clearance: str | None = None) -> Path | None:
    """The real path of a letter's original file, if original_file would serve it."""
    try:
        opened = original_file(index_dir, archive_root, doc_id, clearance)
    except confined.Refused:
        return None
    if opened is None:
        return None
    with opened:
        return opened.real

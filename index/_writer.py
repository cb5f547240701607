"""Incremental writes: add, replace and delete documents by path, committed in batches.

A batch is committed only when every write in it succeeded; on any error the writer is
cancelled, so the last commit stays the index readers see.

A first build (a new index, or --full) commits in large batches without merging, and merges
once at the end: every commit of 200 letters followed by Whoosh's merges, and the final
merge of all of them, cost two thirds of a 2,000-letter build (29.5 s against 11.4 s for
one commit; docs/performance.md).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from . import _lengths, _store
from ._documents import FileState, to_fields
from ._prepare import Tokens, with_tokens


@dataclass(frozen=True)
class Known:
    doc_id: str
    state: FileState | None


class IndexUpdater:
    """Use as a context manager; `full=True` builds a new generation and swaps it in at
    the end (the old one keeps serving searches meanwhile)."""

    def __init__(self, index_dir: Path, full: bool = False, batch_docs: int = 200,
                 batch_seconds: float = 30.0, first_build_docs: int | None = None,
                 first_build_seconds: float | None = None):
        """`first_build_docs`, `first_build_seconds`: the batches of a first build (default:
        as the others)."""
        self.index_dir = index_dir
        self.batch_docs = batch_docs
        self.batch_seconds = batch_seconds
        self.rebuild_reason: str | None = None
        _store.discard_unfinished(index_dir) if index_dir.exists() else None
        ix = None if full else _store.open_for_update(index_dir)
        if ix is None:
            gen = _store.current_generation(index_dir)
            self.rebuild_reason = ("--full" if full else
                                   _store.needs_rebuild(gen) if gen else "new index")
            self.gen, ix = _store.new_generation(index_dir)
            self.fresh = True
        else:
            self.gen, self.fresh = Path(ix.storage.folder), False
        self.ix = ix
        self._first_batch: int | None = None
        if self.fresh:
            # A brand-new index still commits its first small batch at once, so that there
            # is something to search soon; a --full rebuild has the old index meanwhile.
            self._first_batch = (batch_docs if _store.current_generation(index_dir) is None
                                 else None)
            self.batch_docs = first_build_docs or batch_docs
            self.batch_seconds = first_build_seconds or batch_seconds
        self._writer = None
        self._pending = 0
        self._since = time.monotonic()

    # -- what is there -------------------------------------------------------------------
    def known(self) -> dict[str, Known]:
        """path -> (doc_id, file state) of every document in the index being updated."""
        return self._known_of(self.ix)

    def previous(self) -> dict[str, Known]:
        """The documents of the current generation: for --full, to keep doc_ids stable."""
        if not self.fresh:
            return self.known()
        try:
            ix = _store.open_index(self.index_dir)
        except _store.IndexMissing:
            return {}
        try:
            return IndexUpdater._known_of(ix)
        finally:
            ix.close()

    @staticmethod
    def _known_of(ix) -> dict[str, Known]:
        out = {}
        with ix.reader() as reader:
            if reader.doc_count() == 0 or not reader.has_column("state"):
                return out
            paths, ids, states = (reader.column_reader(n) for n in ("path", "doc_id", "state"))
            for docnum in reader.all_doc_ids():
                out[paths[docnum]] = Known(ids[docnum], FileState.decode(states[docnum]))
        return out

    # -- writes --------------------------------------------------------------------------
    @property
    def writer(self):
        if self._writer is None:
            self._writer = self.ix.writer(timeout=5.0)
            _lengths.install(self._writer)
            self._since = time.monotonic()
        return self._writer

    def put(self, record: dict, doc_id: str, state: FileState,
            tokens: Tokens | None = None) -> None:
        """`tokens`: `index.analyse(record)`, made in a reader process; without them the
        writer segments the text itself."""
        fields = to_fields(record, doc_id, state)
        if tokens:
            fields = with_tokens(fields, tokens)
        # A new generation holds each path once: nothing to replace, no look-ups.
        (self.writer.add_document if self.fresh else self.writer.update_document)(**fields)
        self._count()

    def delete(self, path: str) -> None:
        self.writer.delete_by_term("path", path)
        self._count()

    def _count(self) -> None:
        self._pending += 1
        if (self._pending >= (self._first_batch or self.batch_docs)
                or time.monotonic() - self._since >= self.batch_seconds):
            self.commit()

    def commit(self) -> None:
        if self._writer is not None:
            # A first build merges once, in finish(); merging on the way re-reads and
            # rewrites the same letters again and again.
            self._writer.commit(merge=not self.fresh)
            self._writer = None
            self._pending = 0
            self._first_batch = None
        if self.fresh:
            # The first batch of a brand-new index may be promoted at once: nothing older
            # to protect. A --full rebuild over an existing index waits for finish().
            if _store.current_generation(self.index_dir) is None:
                _store.promote(self.index_dir, self.gen)

    def finish(self) -> None:
        if self.fresh and (self._pending or len(self.ix._segments()) > 1):
            # A new build ends as one segment: searches on it are about twice as fast.
            # (One already written, with nothing left to add, would only be copied.)
            self.writer.commit(optimize=True)
            self._writer = None
            self._pending = 0
        self.commit()
        if self.fresh and _store.current_generation(self.index_dir) != self.gen:
            _store.promote(self.index_dir, self.gen)

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.finish()
        else:
            self.abort()
        self.ix.close()

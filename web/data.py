"""The web's only door to index/: paths from the app config, one call per request, and
the clearance of the user asking (web.signin) in every call, so that a letter above it
does not exist for any page.

No result is cached here. index.search keeps a searcher per thread and what it read of a
commit, and opens the index again when a reindex has committed, so the next request after
a commit sees the new index.
"""
from __future__ import annotations

from pathlib import Path

from flask import current_app

import index

from .formatting import iso_utc
from .params import SearchParams
from .signin import viewer


def index_dir() -> Path:
    return Path(current_app.config["INDEX"])


def archive_dir() -> Path:
    return Path(current_app.config["ARCHIVE"])


def clearance() -> str | None:
    return viewer().clearance


def search(p: SearchParams, with_facets: bool = True, snippets: bool = True) -> index.SearchResult:
    filters = p.parsed if p.parsed is not None else p.filters
    return index.search(index_dir(), p.q, filters, sort=p.sort, page=p.page,
                        per_page=p.per_page, with_facets=with_facets, as_typed=p.as_typed,
                        clearance=clearance(), snippets=snippets, as_words=p.as_words)


def search_json(p: SearchParams, result: index.SearchResult) -> dict:
    """The JSON of a search (docs/interface.md, "Pages and their JSON twins"), plus what
    the request changed (cut, clamped)."""
    out = result.as_json()
    out["query"] = p.q
    out["filters"] = p.filters
    out["sort"] = p.sort
    if p.truncated:
        out["truncated"] = p.truncated
    return out


def senders(typed: str) -> list[dict]:
    return index.senders(index_dir(), typed, clearance=clearance())


def document(doc_id: str) -> dict | None:
    return index.get_document(index_dir(), doc_id, clearance=clearance())


def original(doc_id: str) -> Path | None:
    return index.original_path(index_dir(), archive_dir(), doc_id, clearance=clearance())


def original_file(doc_id: str):
    """index.original_file for this user (archive.confined.Opened, or None; raises
    archive.confined.Refused for a file that is not the archive's)."""
    return index.original_file(index_dir(), archive_dir(), doc_id, clearance=clearance())


def health() -> dict:
    """The /healthz body. Raises index.IndexMissing when there is no index yet."""
    s = index.stats(index_dir())
    return {"status": "ok", "documents": s["documents"], "indexed_at": iso_utc(s["indexed_at"]),
            "last_run": s.get("last_run"), "failed": s.get("failed", 0),
            "needs_ocr": s.get("needs_ocr", 0)}


def index_state(figures: dict | None = None) -> dict | None:
    """For an admin: /healthz's figures (`figures` when the caller has them) and the files
    that failed (with their reasons) or wait for OCR, of the letters this admin may see;
    None for anyone else (file names can say what a letter is about)."""
    who = viewer()
    if not who.admin:
        return None
    return (figures or health()) | index.problem_files(index_dir(), clearance=who.clearance)


def missing_index_hint() -> str:
    return (f"no index at {index_dir()}: run `saraban reindex --archive {archive_dir()} "
            f"--index {index_dir()}` (or `make index`) first")

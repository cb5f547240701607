"""The files an admin must look at: those that failed to be read (and why) and the scans
waiting for OCR, as the last commit knows them (a failed file is named once by reindex and
then kept here until it changes)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from whoosh import query as Q

import settings

from . import _arrays
from . import _clearance
from ._search import _searcher, _searchers

PROBLEMS_SHOWN = 200  # per kind: an archive with thousands of bad files needs the CLI log


def problem_files(index_dir: Path, limit: int = PROBLEMS_SHOWN,
                  clearance: str | None = None) -> dict:
    """{"failed": [{"path", "doc_id", "reason"}], "needs_ocr": [{"path", "doc_id"}],
    "failed_total", "needs_ocr_total"}: each list by path, cut at `limit`. Paths come from
    the commit's path column, so only the letters shown are read (thousands of scans may
    wait for OCR where Tesseract is missing). An admin's clearance holds here as anywhere:
    a scan kept from users below SARABAN_UNREAD_SECRECY is neither listed nor counted."""
    out: dict = {}
    with _searcher(Path(index_dir)) as s:
        arrays = _arrays.arrays_of(_searchers.index_of(Path(index_dir)), s)
        codes, paths = arrays.column(s, "path")
        shown = _clearance.visible(s, arrays, clearance, settings.UNREAD_SECRECY)
        for status in ("failed", "needs_ocr"):
            docnums = np.fromiter(s.docs_for_query(Q.Term("status", status)), dtype=np.int64)
            if shown is not None:
                docnums = docnums[shown[docnums]]
            docnums = docnums[np.argsort([paths[c] if c >= 0 else "" for c in codes[docnums]],
                                         kind="stable")] if len(docnums) else docnums
            rows = []
            for docnum in docnums[:limit].tolist():
                stored = s.stored_fields(docnum)
                row = {"path": stored.get("path"), "doc_id": stored.get("doc_id")}
                if status == "failed":
                    row["reason"] = _reason(stored)
                rows.append(row)
            out[status], out[f"{status}_total"] = rows, len(docnums)
    return out


def _reason(stored: dict) -> str:
    try:
        return json.loads(stored.get("record") or "{}").get("error") or "unknown error"
    except ValueError:
        return "unknown error"

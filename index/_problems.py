"""The files an admin must look at: those that failed to be read (and why) and the scans
waiting for OCR, as the last commit knows them (a failed file is named once by reindex and
then kept here until it changes)."""
from __future__ import annotations

import json
from pathlib import Path

from whoosh import query as Q

from ._search import _searcher

PROBLEMS_SHOWN = 200  # per kind: an archive with thousands of bad files needs the CLI log


def problem_files(index_dir: Path, limit: int = PROBLEMS_SHOWN) -> dict:
    """{"failed": [{"path", "doc_id", "reason"}], "needs_ocr": [{"path", "doc_id"}],
    "failed_total", "needs_ocr_total"}: each list by path, cut at `limit`."""
    out: dict = {}
    with _searcher(Path(index_dir)) as s:
        for status in ("failed", "needs_ocr"):
            rows = []
            for docnum in s.docs_for_query(Q.Term("status", status)):
                stored = s.stored_fields(docnum)
                row = {"path": stored.get("path"), "doc_id": stored.get("doc_id")}
                if status == "failed":
                    row["reason"] = _reason(stored)
                rows.append(row)
            rows.sort(key=lambda r: r["path"] or "")
            out[status], out[f"{status}_total"] = rows[:limit], len(rows)
    return out


def _reason(stored: dict) -> str:
    try:
        return json.loads(stored.get("record") or "{}").get("error") or "unknown error"
    except ValueError:
        return "unknown error"

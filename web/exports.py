"""GET /search.csv: the letters of a search in the columns of the register book
(ทะเบียนหนังสือรับ), for Excel (docs/interface.md, "Pages and their JSON twins").

Same parameters as /search; every match up to EXPORT_MAX (never the related letters, which
do not match), in the search's order; dates in พ.ศ.; UTF-8 with a BOM so that Excel reads
the Thai.
"""
from __future__ import annotations

import csv
import io
from dataclasses import replace

from flask import Blueprint, Response, request

from . import data
from .formatting import thai_date
from .params import parse_search
from .signin import record_search

bp = Blueprint("exports", __name__)

EXPORT_MAX = 10_000
COLUMNS = ("เลขทะเบียนรับ", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "path", "doc_id")
# A cell Excel would read as a formula (=, +, -, @ first) is written with a ' before it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@bp.get("/search.csv")
def search_csv():
    p = parse_search(request.args)
    result = data.search(replace(p, page=1, per_page=EXPORT_MAX), with_facets=False,
                         snippets=False)
    hits = [h for h in result.hits if not h.get("related")]
    record_search("export", p, result, rows=len(hits))
    body = io.StringIO()
    body.write("\ufeff")
    out = csv.writer(body, lineterminator="\r\n")
    out.writerow(COLUMNS)
    for hit in hits:
        out.writerow([_cell(v) for v in row(hit)])
    response = Response(body.getvalue(), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="saraban-search.csv"'
    response.headers["X-Total-Count"] = str(result.total)   # more than the rows past EXPORT_MAX
    return response


def row(hit: dict) -> list[str]:
    """One letter in the register book's columns."""
    return [hit.get("received_no") or "", hit.get("ref_no") or "",
            thai_date(hit.get("date")) if hit.get("date") else "",
            hit.get("sender") or "", hit.get("recipient") or "",
            hit.get("subject") or hit.get("title") or "", hit.get("path") or "",
            hit.get("doc_id") or ""]


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value

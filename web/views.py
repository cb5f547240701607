"""The HTML pages (Thai UI). Each has a JSON twin in web/api.py."""
from __future__ import annotations

import math
import mimetypes
import time
from dataclasses import replace
from urllib.parse import urlsplit

from flask import Blueprint, abort, render_template, request, send_file, url_for

import index
import settings
from archive import confined

from . import data
from .error_pages import error_response
from .formatting import thai_date
from .params import KINDS, URGENCIES, BadParam, SearchParams, parse_search, raw_params, \
    valid_doc_id
from .signin import record, record_search

bp = Blueprint("views", __name__)

FACET_TITLES = (("kind", "ประเภทหนังสือ"), ("year", "ปี พ.ศ."), ("sender", "ส่วนราชการผู้ส่ง"),
                ("urgency", "ชั้นความเร็ว"))
# Shown in the browser rather than downloaded when no ?download=1 is given.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def _form_context(p: SearchParams, open_advanced: bool) -> dict:
    kinds = list(KINDS)
    if p.filters.get("kind") and p.filters["kind"] not in kinds:
        kinds.append(p.filters["kind"])
    urgencies = list(URGENCIES)
    if p.filters.get("urgency") and p.filters["urgency"] not in urgencies:
        urgencies.append(p.filters["urgency"])
    return {"p": p, "kinds": kinds, "urgencies": urgencies, "open_advanced": open_advanced}


@bp.get("/")
def home():
    p = SearchParams()
    status, latest, browse, total, state = None, [], [], 0, None
    try:
        status = data.health()
        state = data.index_state(status)
        newest = data.search(SearchParams(sort="date", per_page=8))
        latest, total = newest.hits, newest.total   # what this user may see
        browse = [f for f in _facets(p, newest.facets) if f["name"] in ("year", "kind")]
    except index.IndexMissing:
        status = None
    return render_template("index.html", status=status, latest=latest, browse=browse,
                           total=total, state=state,
                           missing_hint=None if status else data.missing_index_hint(),
                           **_form_context(p, open_advanced=True))


@bp.get("/search")
def search():
    try:
        p = parse_search(request.args)
    except BadParam as exc:
        p = raw_params(request.args)
        return render_template("search.html", error=exc, result=None, facets=[], pages=[],
                               active=[], **_form_context(p, open_advanced=True)), 400
    started = time.perf_counter()
    result = data.search(p)
    took = time.perf_counter() - started
    record_search("search", p, result)
    if result.corrected:
        # The page is about the query as searched: its facets, pages and box say that one
        # (so a facet's count is what clicking it gives); the notice links the one typed.
        p = replace(p, q=result.corrected["query"], as_typed=False)
    last_page = max(1, math.ceil(result.total / p.per_page))
    return render_template(
        "search.html", error=None, result=result, facets=_facets(p, result.facets),
        matches=[h for h in result.hits if not h.get("related")],
        related=[h for h in result.hits if h.get("related")],
        past_end=result.total > 0 and p.page > last_page,
        active=_active_filters(p), pages=_pages(p.page, last_page), last_page=last_page,
        first_number=(p.page - 1) * p.per_page + 1, took=took, sorts=index.SORTS,
        shown_sort=result.sort,
        **_form_context(p, open_advanced=False))


def _facets(p: SearchParams, facets: dict) -> list[dict]:
    out = []
    for name, title in FACET_TITLES:
        items = []
        for item in facets.get(name) or []:
            value = str(item["value"])
            if name == "year":
                active = p.filters.get("date_from") == value and p.filters.get("date_to") == value
                change = ({"date_from": None, "date_to": None} if active
                          else _within_year(p, int(value)))
                label = f"พ.ศ. {value}"
            else:
                active = p.filters.get(name) == value
                change = {name: None if active else value}
                label = value
            items.append({"label": label, "count": item["count"], "active": active,
                          "href": url_for("views.search", **p.args(page=None, **change))})
        if name == "year":
            items.sort(key=lambda i: i["label"], reverse=True)
        if items:
            out.append({"name": name, "title": title, "entries": items})
    return out


def _within_year(p: SearchParams, be_year: int) -> dict:
    """The date parameters of a year facet's link (see index.year_range), as a clerk
    would type them: the year, or a day where the range already chosen cuts it."""
    f = p.parsed
    lo, hi = index.year_range(be_year, f and f.date_from, f and f.date_to)
    whole = index.year_range(be_year)
    return {"date_from": str(be_year) if lo == whole[0] else thai_date(lo),
            "date_to": str(be_year) if hi == whole[1] else thai_date(hi)}


def _active_filters(p: SearchParams) -> list[dict]:
    from .params import LABELS_TH

    out = []
    for name, value in p.filters.items():
        out.append({"label": LABELS_TH.get(name, name), "value": value,
                    "remove": url_for("views.search", **p.args(page=None, **{name: None}))})
    return out


def _pages(page: int, last: int) -> list[int | None]:
    """Page numbers around the current one, None for a gap: 1 … 4 5 [6] 7 8 … 20."""
    wanted = {1, last} | set(range(max(1, page - 2), min(last, page + 2) + 1))
    out: list[int | None] = []
    prev = 0
    for n in sorted(wanted):
        if n - prev > 1:
            out.append(None)
        out.append(n)
        prev = n
    return out


@bp.get("/documents/<doc_id>")
def document(doc_id: str):
    doc = data.document(doc_id) if valid_doc_id(doc_id) else None
    record("view", doc_id=doc_id[:80], found=doc is not None)
    if doc is None:
        abort(404)
    has_original = data.original(doc_id) is not None
    q = (request.args.get("q") or "").strip()[:settings.MAX_QUERY_CHARS]
    same, same_search = _same_subject_and_sender(doc, doc_id)
    return render_template("document.html", doc=doc, doc_id=doc_id, has_original=has_original,
                           back=_back_to_search() or (q and url_for("views.search", q=q)),
                           q=q, same=same, same_search=same_search)


SAME_MAX = 8  # other letters of the same subject and sender on a letter's page


def _same_subject_and_sender(doc: dict, doc_id: str) -> tuple[list[dict], dict | None]:
    """Other letters from the letter's sender whose subject holds its subject, newest
    first (the search that lists them all, as its parameters)."""
    if not doc.get("subject") or not doc.get("sender"):
        return [], None
    p = SearchParams(filters={"subject": doc["subject"][:settings.MAX_QUERY_CHARS],
                              "sender": doc["sender"]}, sort="date", per_page=SAME_MAX + 1)
    found = data.search(p, with_facets=False, snippets=False)
    others = [h for h in found.hits if h["doc_id"] != doc_id][:SAME_MAX]
    return others, (p.args(per_page=None) if found.total > 1 else None)


def _back_to_search() -> str | None:
    """The results page the user came from (same site only), for the back link."""
    ref = request.referrer
    if not ref:
        return None
    parts, here = urlsplit(ref), urlsplit(request.host_url)
    if parts.netloc != here.netloc or parts.path != url_for("views.search"):
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


@bp.get("/documents/<doc_id>/original")
def original(doc_id: str):
    try:
        opened = data.original_file(doc_id) if valid_doc_id(doc_id) else None
    except confined.Refused:
        record("original", doc_id=doc_id[:80], found=False)
        return error_response(403, "the original file is not inside the archive",
                              "ไฟล์ต้นฉบับของหนังสือนี้ไม่ได้อยู่ในคลังเอกสาร (เป็นลิงก์ที่ชี้ออกไปนอกคลัง) "
                              "จึงเปิดให้ไม่ได้ โปรดแจ้งผู้ดูแลระบบ")
    record("original", doc_id=doc_id[:80], found=opened is not None)
    if opened is None:
        abort(404)
    name = opened.real.name
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    download = request.args.get("download", "") not in ("", "0", "false")
    st = opened.stat
    # send_file opens the path it is given at once: a path to the file already opened
    # (and checked), so that it cannot serve what the name has been swapped for since.
    with opened, confined.path_of(opened, name) as path:
        return send_file(path, mimetype=mimetype, download_name=name,
                         as_attachment=download or mimetype not in INLINE_TYPES,
                         conditional=True, max_age=0, last_modified=st.st_mtime,
                         etag=f"{st.st_ino:x}-{st.st_size:x}-{st.st_mtime_ns:x}")

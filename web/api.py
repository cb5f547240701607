"""The JSON twins of the HTML pages (and /healthz). Same parameters, same checks."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for

from index import IndexMissing

from . import data
from .error_pages import error_response
from .params import parse_search, valid_doc_id
from .signin import record, record_search

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def search():
    p = parse_search(request.args)
    result = data.search(p)
    record_search("search", p, result, api=True)
    return jsonify(data.search_json(p, result))


@bp.get("/api/senders")
def senders():
    """What the sender field suggests as a clerk types: senders of letters this user may
    see whose name, abbreviation or code holds `q`."""
    typed = (request.args.get("q") or "").strip()[:100]
    return jsonify({"query": typed, "senders": data.senders(typed)})


@bp.get("/api/documents/<doc_id>")
def document(doc_id: str):
    doc = data.document(doc_id) if valid_doc_id(doc_id) else None
    record("view", doc_id=doc_id[:80], found=doc is not None, api=True)
    if doc is None:
        return error_response(404, f"no document with doc_id {doc_id[:80]!r}")
    doc = dict(doc)
    doc["links"] = {
        "html": url_for("views.document", doc_id=doc_id),
        "original": url_for("views.original", doc_id=doc_id),
    }
    return jsonify(doc)


@bp.get("/api/index-state")
def index_state():
    """The state of the index for an admin (the home page's panel as JSON)."""
    state = data.index_state()
    if state is None:
        return error_response(403, "only an admin may see the state of the index")
    return jsonify(state)


@bp.get("/healthz")
def healthz():
    try:
        return jsonify(data.health())
    except IndexMissing:
        raise   # errors.py: 503 {"status": "no index", "hint": ...}
    except Exception as exc:  # noqa: BLE001 - a broken index is reported, not a stack trace
        current_app.logger.exception("healthz: cannot read the index")
        return jsonify({"status": "error",
                        "error": f"cannot read the index: {exc.__class__.__name__}"}), 503


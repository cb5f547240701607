"""Error handlers: HTML for people, JSON under /api and /healthz. Never a stack trace."""
from __future__ import annotations

from flask import jsonify, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

import index

from . import data
from .error_pages import MESSAGES_TH, TITLES_TH, error_response
from .params import BadParam


def register(app) -> None:
    @app.errorhandler(BadParam)
    def bad_param(exc: BadParam):
        return error_response(400, str(exc), exc.thai)

    @app.errorhandler(index.BadFilter)
    def bad_filter(exc):
        return error_response(400, str(exc), MESSAGES_TH[400])

    @app.errorhandler(index.IndexMissing)
    def no_index(exc):
        if request.path == "/healthz":
            return jsonify({"status": "no index", "documents": 0,
                            "hint": data.missing_index_hint()}), 503
        return error_response(503, "no index yet", "ยังไม่มีดัชนีค้นหา ผู้ดูแลระบบต้องสร้างดัชนีก่อน",
                              hint=data.missing_index_hint())

    @app.errorhandler(CSRFError)
    def stale_form(exc):
        return error_response(400, f"the form's CSRF token is missing or stale: {exc.description}",
                              "แบบฟอร์มนี้หมดอายุหรือไม่ได้ส่งมาจากหน้านี้ โปรดเปิดหน้าใหม่แล้วลองอีกครั้ง")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        english = (exc.description or exc.name) if status != 500 else "internal error"
        return error_response(status, english if status != 404 else "not found",
                              MESSAGES_TH.get(status, TITLES_TH.get(status, "เกิดข้อผิดพลาด")))

    @app.errorhandler(Exception)
    def internal_error(exc: Exception):
        if isinstance(exc, HTTPException):  # pragma: no cover - handled above
            return http_error(exc)
        app.logger.exception("unhandled error on %s", request.path)
        return error_response(500, "internal error", MESSAGES_TH[500])

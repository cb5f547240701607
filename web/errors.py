"""Error pages: HTML for people, JSON under /api and /healthz. Never a stack trace."""
from __future__ import annotations

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

import index

from . import data
from .params import BadParam

TITLES_TH = {
    400: "คำขอไม่ถูกต้อง",
    401: "ต้องเข้าสู่ระบบ",
    403: "เปิดไฟล์นี้ไม่ได้",
    404: "ไม่พบหน้าที่ต้องการ",
    405: "ไม่รองรับวิธีการเรียกนี้",
    413: "คำขอมีขนาดใหญ่เกินไป",
    500: "ระบบขัดข้อง",
    503: "ยังไม่พร้อมให้บริการ",
}
MESSAGES_TH = {
    400: "คำขอไม่ถูกต้อง โปรดตรวจสอบลิงก์หรือค่าที่กรอกแล้วลองใหม่อีกครั้ง",
    404: "ไม่พบหน้าหรือหนังสือที่ต้องการ ลิงก์อาจไม่ถูกต้อง หรือหนังสือถูกนำออกจากคลังแล้ว",
    405: "หน้านี้รับเฉพาะการเปิดดู (GET)",
    413: "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป",
    500: "เกิดข้อผิดพลาดภายในระบบ ได้บันทึกไว้ให้ผู้ดูแลระบบตรวจสอบแล้ว โปรดลองใหม่อีกครั้ง",
}


def wants_json() -> bool:
    path = request.path
    return path.startswith("/api/") or path == "/api" or path == "/healthz"


def error_response(status: int, message: str, thai: str | None = None, hint: str | None = None):
    if wants_json():
        body = {"error": message}
        if hint:
            body["hint"] = hint
        return jsonify(body), status
    return render_template("error.html", status=status,
                           title=TITLES_TH.get(status, "เกิดข้อผิดพลาด"),
                           message=thai or message, hint=hint), status


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

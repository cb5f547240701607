"""An error as the client gets it: a Thai page for people, JSON under /api and /healthz.
web/errors registers the handlers that use it; other modules (sign-in, views) answer with
it directly, which is why it stands apart from the handlers (they need web/data)."""
from __future__ import annotations

from flask import jsonify, render_template, request

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

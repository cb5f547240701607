"""The signature block of a letter: `(ชื่อ)` then the position lines. Routing notes
(เกษียณหนังสือ) written on a received letter also carry `(ชื่อ)` + position, but end with a
date, which is how they are told apart."""
from __future__ import annotations

import re

from .records import Memo
from .thaidate import find_dates

_NAME = re.compile(r"^\(\s*(?P<name>[^()]{3,60}?)\s*\)$")
_STOP = re.compile(
    r"^(?:\(|โทร|โทรสาร|ไปรษณีย์|อีเมล|E-?mail|www\.|เรียน|มอบ|ทราบ|เพื่อ|และ|ที่\s|เรื่อง|"
    r"สิ่งที่ส่งมา|อ้างถึง|เลขรับ|วันที่|เวลา|[-_.]{3,}|ลับ|ด่วน|สำเนา)", re.I)
_DIVISION = re.compile(r"^(?:กอง|กลุ่ม|ฝ่าย|งาน|ส่วน|ศูนย์|สำนักงานเลขานุการ)")
_CLOSING = re.compile(r"^(?:ขอแสดงความนับถือ|ด้วยความเคารพ)")


def _is_date_line(text: str) -> bool:
    found = find_dates(text)
    return bool(found) and len(text) - (found[0][1] - found[0][0]) < 6


def _block(texts: list[str], k: int) -> tuple[list[str], bool]:
    """Position lines after the name at k, and whether the block ends with a date (a note)."""
    pos: list[str] = []
    for j in range(k + 1, min(k + 7, len(texts))):
        t = texts[j]
        if _is_date_line(t):
            return pos, True
        if _STOP.match(t):
            break
        if j + 1 < len(texts) and texts[j + 1].startswith("โทร") and pos:
            break  # the owner division sits right above the telephone line
        if _DIVISION.match(t) and pos:
            break
        pos.append(t)
        if len(pos) >= 4:
            break
    return pos, False


def fill_signature(memo: Memo, lines) -> None:  # noqa: ANN001 - list of fields.Line
    if memo.kind == "หนังสือประทับตรา":
        return  # sealed by the office, not signed
    texts = [ln.text for ln in lines if ln.text]
    start = 0
    for k, t in enumerate(texts):
        if _CLOSING.match(t):
            start = k
            break
    for k in range(start, len(texts)):
        m = _NAME.match(texts[k])
        if not m or not re.search(r"[ก-๛]", m.group("name")):
            continue
        pos, is_note = _block(texts, k)
        if is_note:
            continue
        memo.signatory = re.sub(r"\s+", " ", m.group("name")).strip()
        memo.position = " ".join(pos) if pos else None
        return

"""The signature block of a letter: `(ชื่อ)` then the position lines. Routing notes
(เกษียณหนังสือ) written on a received letter also carry `(ชื่อ)` + position, but end with a
date, which is how they are told apart."""
from __future__ import annotations

import re

from . import agencies
from .records import Memo
from .thaidate import find_dates
from .thaitext import join_wrapped

_NAME = re.compile(r"^\(\s*(?P<name>[^()]{3,60}?)\s*\)$")
_STOP = re.compile(
    r"^(?:\(|โทร|โทรสาร|ไปรษณีย์|อีเมล|E-?mail|www\.|เรียน|มอบ|ทราบ|เพื่อ|และ|ที่\s|เรื่อง|"
    r"สิ่งที่ส่งมา|อ้างถึง|เลขรับ|วันที่|เวลา|[-_.]{3,}|สำเนา)", re.I)
_INSTRUCTION = re.compile(r"^(?:มอบ|ทราบ|เห็นควร|ดำเนินการ|อนุมัติ|ชอบ)")
_CLOSING = re.compile(r"^(?:ขอแสดงความน[ั]?บถือ|ด[้]?วยความเคารพ)")  # OCR drops marks
# Lines that carry nothing: OCR specks, stray stamp words (ด่วน, ลับ).
_NOISE = re.compile(r"^(?:[|/\\'\".,:;_~`-]+|ด่วน(?:ที่สุด|มาก)?|ลับ(?:ที่สุด|มาก)?)$")
# Words that open a position line (the second line names the principal's position).
_POSITION_START = re.compile(r"^(?:ผู้|รอง|หัวหน้า|อธิบดี|ปลัด|เลขาธิการ|นายก|ประธาน|อธิการบดี|"
                             r"ผบ|ปฏิบัติราชการแทน|รักษาราชการแทน|รักษาการแทน)")
_SUBSTITUTE_END = re.compile(r"(?:ราชการแทน|รักษาการแทน)$")


def _is_date_line(text: str) -> bool:
    found = find_dates(text)
    return bool(found) and len(text) - (found[0][1] - found[0][0]) < 6


def join_position(first: str, second: str) -> str:
    """Position lines are joined by a space, but a line wrapped inside a name is not:
    a known agency name across the break decides, else the shape of the lines."""
    glued, spaced = first + second, first + " " + second
    for name in agencies.known_names():
        if len(name) > 8 and (name in glued) != (name in spaced):
            return glued if name in glued else spaced
    if _POSITION_START.match(second) or _SUBSTITUTE_END.search(first):
        return spaced
    return join_wrapped(first, second)


def _block(texts: list[str], k: int) -> tuple[list[str], bool]:
    """Position lines after the name at k, and whether the block ends with a date (a note)."""
    pos: list[str] = []
    for j in range(k + 1, min(k + 8, len(texts))):
        t = texts[j]
        if _NOISE.match(t):
            continue
        if _is_date_line(t):
            return pos, True
        if _STOP.match(t):
            # A routing instruction right under the block (มอบ…, ทราบ, เห็นควร…) makes it a note.
            return pos, bool(pos) and _INSTRUCTION.match(t) is not None
        nxt = next((x for x in texts[j + 1:] if not _NOISE.match(x)), "")
        if nxt.startswith("โทร") and pos:
            break  # the owner division sits right above the telephone line
        if agencies.DIVISION_START.match(t) and pos:
            break
        pos.append(t)
        if len(pos) >= 4:
            break
    return pos, False


def _mend_names(texts: list[str]) -> list[str]:
    """`(นายบุญศรี ช` / `มประเสริฐ)`: a name broken over two lines."""
    out: list[str] = []
    for t in texts:
        if out and out[-1].startswith("(") and ")" not in out[-1] and t.endswith(")") and "(" not in t:
            out[-1] = join_wrapped(out[-1], t)
        else:
            out.append(t)
    return out


def fill_signature(memo: Memo, lines) -> None:  # noqa: ANN001 - list of fields.Line
    if memo.kind == "หนังสือประทับตรา":
        return  # sealed by the office, not signed
    texts = _mend_names([ln.text for ln in lines if ln.text])
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
        joined = pos[0] if pos else None
        for p in pos[1:]:
            joined = join_position(joined, p)
        memo.position = joined
        return

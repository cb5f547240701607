"""The labels and formulas that say what a line of a letter is (`ที่`, `เรื่อง`, `เรียน`/`ถึง`,
`อ้างถึง`, `สิ่งที่ส่งมาด้วย`, `ส่วนราชการ`, `วันที่`, `สั่ง ณ วันที่`, the closing formula), the words of
a letterhead's address and of a position, and the words that open a paragraph. OCR may
damage a mark, so letters are matched loosely where it is safe."""
from __future__ import annotations

import re


_TONES = "\u0E48\u0E49\u0E4A\u0E4B"


def _loose(pattern: str) -> re.Pattern:
    """Tesseract often drops or swaps Thai tone marks: make every tone mark optional."""
    return re.compile(re.sub(f"[{_TONES}]", f"[{_TONES}]?", pattern))


# `ที่` with a damaged mark (ทุี่, ท่, ที) is still the label when a reference number follows.
_REF_LABEL = re.compile(r"^[ทฑ][\u0E31-\u0E4E]{0,3}\s*[:.]?\s*(?=[ก-ฮ]{1,3}\.?\s*[0-9๐-๙]|[0-9๐-๙])")
_SUBJ_LABEL = re.compile(r"^เ\s?ร[\u0E31-\u0E4E]{0,3}\s?อ\s?ง(?![ก-ฮ])\s*[:.]?\s*")
# กราบเรียน addresses the highest offices; ถึง marks a stamped letter.
_RECIP_LABEL = re.compile(r"^(?:กราบ\s?)?(?P<label>เร[ีิ]?ยน|ถึง)(?![ก-ฮ])\s*[:.,]?\s*")
_CITE_LABEL = _loose(r"^อ้าง(?:ถึง|อิง)\s*[:.]?\s*")
_ENCL_LABEL = _loose(r"^สิ่งที่(?:ส่ง|แนบ)มา(?:ด้วย)?\s*[:.]?\s*")
_DEPT_LABEL = _loose(r"^(?:ส่วนราชการ|หน่วยงาน)\s*[:.]?\s*")
_MEMO_DEPT = _loose(r"^ส่วนราชการ\s*[:.]?\s+\S")
_DATE_LABEL = re.compile(r"วัน[ทฑ][\u0E31-\u0E4E]{0,3}\s*[:.]?\s*")
# Tone marks optional: OCR drops them (สัง ณ วันที).
_SIGNED_DATE = re.compile(r"^(?:ส\u0E31?\u0E48?ง|ประกาศ|ให\u0E49?ไว\u0E49?|แถลง)\s*ณ\s*วัน[ทฑ][\u0E31-\u0E4E]{0,3}\s*")
_SIGNED_DAMAGED = re.compile(r"^(?:ส\u0E31?\u0E48?ง|ประกาศ|ให\u0E49?ไว\u0E49?|แถลง|[A-Za-z]{1,4})\s*ณ")
_RULE = re.compile(r"^[-_=.*~\s]{5,}$")
_CLOSING = _loose(r"^(?:ขอแสดงความนับถือ|ขอแสดงความนับถืออย่างสูง|ด้วยความเคารพ)")
_LABEL_LINE = _loose(
    r"^(?:เ\s?ร[\u0E31-\u0E4E]{0,3}\s?อ\s?ง(?![ก-ฮ])|(?:กราบ\s?)?เร[ีิ]?ยน(?![ก-ฮ])|ถึง(?![ก-ฮ])|"
    r"อ้าง(?:ถึง|อิง)|สิ่งที่(?:ส่ง|แนบ)มา|ส่วนราชการ(?=\s|:)|วันที่|เลขรับ)")

# Lines of a letterhead address rather than a name.
_ADDRESS = re.compile(
    r"(?:ถนน|ถ\.|แขวง|เขต|ตำบล|ต\.|อำเภอ|อ\.|หมู่(?:ที่)?|เลขที่|ซอย|ชั้น|อาคาร|ทำเนียบ|"
    r"ศูนย์ราชการ|กรุงเทพ|กทม|[0-9๐-๙]{5})")
_POSITION_HINT = re.compile(r"^(?:ผู้|รอง|หัวหน้า|อธิบดี|ปลัด|เลขาธิการ|นายก|ประธาน|อธิการบดี|คณบดี|"
                            r"นัก|เจ้าพนักงาน|ผบ|ผู้บัญชาการ|ผู้ว่า|ปฏิบัติ|รักษา)")


# OCR reads the bold เรื่อง of TH Sarabun as a short Latin word (Goa, 'Gas, dos, dag).
_GARBLED_LABEL = re.compile(r"^\W?[A-Za-z0-9]{1,4}\W?\s+(?=[ก-ฮเแโใไ])")


_OPENERS = r"ด้วย|ตาม|เนื่อง|อนุสนธิ|อ้างถึง|ขอ|จึง|ใน|เพื่อ|โดย|สืบเนื่อง|[0-9๐-๙]+\."
_BODY_OPENER = re.compile(f"^(?:{_OPENERS})")
# As OCR leaves a paragraph's first line: marks dropped (ดวย), a speck before it; orders
# open with อาศัยอำนาจ.
_PARAGRAPH = _loose(f"^(?:{_OPENERS}|อาศัย)")

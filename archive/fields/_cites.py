"""What a letter refers to (อ้างถึง, "ตามหนังสือ … ที่ … ลงวันที่") and what it sends along
(สิ่งที่ส่งมาด้วย)."""
from __future__ import annotations

import re

from ..records import Memo
from ..refno import REF_RE, normalize_ref_no
from ._labels import _CITE_LABEL, _ENCL_LABEL
from ._lines import Line, _clean_value, _continuation, _first, arabic


def _fill_cites(memo: Memo, lines: list[Line], head: list[Line]) -> None:
    cites: list[str] = []
    hit = _first(head, _CITE_LABEL)
    if hit:
        block = [hit[0].text[hit[1].end():]] + [c.text for c in _continuation(lines, hit[0])]
        from ..refno import find_ref_numbers
        for _, _, norm in find_ref_numbers(" ".join(block)):
            if norm not in cites:
                cites.append(norm)
    # In the body: "ตามหนังสือ … ที่ <ref> ลงวันที่ …" quotes an earlier letter.
    body = "\n".join(ln.text for ln in lines)
    for m in re.finditer(r"ที่\s*(" + REF_RE.pattern + r")\s*ลง\s*วันที่", body):
        norm = normalize_ref_no(m.group(1))
        if norm and norm != memo.ref_no and norm not in cites:
            cites.append(norm)
    memo.cites = cites


_ENCL_NUM = re.compile(r"^\(?[0-9๐-๙]{1,2}[.)]\s*")
_ENCL_QTY = re.compile(r"\s*(?:จำนวน\s*)?[0-9๐-๙]+\s*(?:ฉบับ|ชุด|แผ่น|เล่ม|แผ่นดิสก์|แผ่นซีดี|หน้า|รายการ|ไฟล์|แฟ้ม|ภาพ)\s*$")
_ENCL_QTY2 = re.compile(r"\s*จำนวน\s+\S+.*$")


def _fill_enclosures(memo: Memo, lines: list[Line], head: list[Line]) -> None:
    hit = _first(head, _ENCL_LABEL)
    if not hit:
        memo.enclosures = []
        return
    items: list[str] = []
    first = hit[0].text[hit[1].end():].strip()
    raw_items = [first] if first else []
    # An unnumbered single item ends the list; numbered items follow on their own lines,
    # and a wrapped item continues with its quantity (จำนวน …).
    if not first or _ENCL_NUM.match(first):
        for ln in lines[hit[0].no + 1:]:
            if not ln.text:
                continue
            if _ENCL_NUM.match(ln.text):
                raw_items.append(ln.text)
            elif raw_items and ln.text.startswith("จำนวน"):
                raw_items[-1] += " " + ln.text
            else:
                break
    for it in raw_items:
        s = _ENCL_NUM.sub("", it)
        s = _ENCL_QTY.sub("", s)
        s = _ENCL_QTY2.sub("", s)
        s = _clean_value(arabic(s) or "")
        if s:
            items.append(s)
    memo.enclosures = items

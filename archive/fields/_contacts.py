"""Telephone, fax and e-mail, and the owner division (ส่วนราชการเจ้าของเรื่อง) printed above
the telephone line."""
from __future__ import annotations

import re

from ..records import Memo
from ._dateline import _is_pure_date
from ._labels import _CLOSING
from ._lines import Line, _clean_value, _nonblank, _prev_nonblank, arabic
from ._marks import _MARK_WORDS


_PHONE_NUM = r"[0-9๐-๙][0-9๐-๙ \-]{5,}[0-9๐-๙](?:\s*ต่?อ\s*[0-9๐-๙]+)?"
_PHONE = re.compile(rf"(?:โท[รธ]\.?|โทรศัพท์)\s*[:.]?\s*(?P<num>{_PHONE_NUM})")
_FAX = re.compile(rf"(?:โทรสาร|แฟกซ์|Fax\.?)\s*[:.]?\s*(?P<num>{_PHONE_NUM})", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


def _fmt_phone(num: str) -> str:
    s = re.sub(r"ต่?อ", "ต่อ", arabic(num) or "")
    s = re.sub(r"\s*-\s*", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _fill_contacts(memo: Memo, lines: list[Line]) -> None:
    nb = _nonblank(lines)
    phone_line = None
    for k, ln in enumerate(nb):
        t = ln.text
        if k + 1 < len(nb) and (re.search(r"\s(?:ต่?อ?|ต่)$", t)
                                or re.search(r"โท[รธ]\.?\s*[0-9๐-๙]?$", t) and re.match(r"[0-9๐-๙]", nb[k + 1].text)):
            t = t + ("" if t.endswith("ต่") else " ") + nb[k + 1].text  # number broken over two lines
        if memo.phone is None:
            m = _PHONE.search(t)
            if m and not t.startswith("โทรสาร"):
                memo.phone = _fmt_phone(m.group("num"))
                if re.match(r"โท[รธ]", t):
                    phone_line = ln
        if memo.fax is None:
            m = _FAX.search(t)
            if m:
                memo.fax = _fmt_phone(m.group("num"))
        if memo.email is None:
            m = _EMAIL.search(arabic(t) or "")  # OCR may flip digits to Thai ones
            if m:
                memo.email = m.group(0)
    # The owner division (ส่วนราชการเจ้าของเรื่อง) is the line above the telephone line.
    if phone_line is not None and memo.owner_division is None:
        prev = _prev_nonblank(lines, phone_line)
        while prev is not None and _MARK_WORDS.fullmatch(prev.text.replace(" ", "")):
            prev = _prev_nonblank(lines, prev)  # a stray stamp word between them
        if prev is not None and not prev.text.startswith("(") and not _is_pure_date(prev.text) \
                and not _CLOSING.match(prev.text) and len(prev.text) < 120:
            memo.owner_division = _clean_value(prev.text)

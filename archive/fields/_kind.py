"""The kind of letter (archive.kinds.Kind): a title printed at the top (บันทึกข้อความ, คำสั่ง,
ประกาศ …), else the form of its header (a reference number, เรียน or ถึง, a subject line)."""
from __future__ import annotations

import re

from .. import agencies
from ..kinds import Kind
from ..thaitext import bare
from ._labels import _MEMO_DEPT, _RECIP_LABEL, _REF_LABEL, _SUBJ_LABEL
from ._lines import Line, _header, _is_ref_line, _nonblank
from ._marks import _MARK_WORDS


# Kind titles printed at the top of the letter: the title word, then what may follow it.
_KIND_TITLES = (
    (Kind.MEMO, re.compile(r"[\s.,'|:]*$")),
    (Kind.ORDER, re.compile(r"(?!\s*ณ)")),
    (Kind.ANNOUNCEMENT, re.compile(r"(?!\s*ณ)(?!\s*มา)")),
    (Kind.REGULATION, re.compile(r"(?!วาระ)\S")),  # not ระเบียบวาระ (a meeting agenda)
    (Kind.STATEMENT, re.compile("")),
    (Kind.NEWS, re.compile(r"(?:สาร)?\S*$|ประชาสัมพันธ์|สำนัก|กระทรวง|กรม")),
)
# Titles also recognised as OCR leaves their big bold print (บนทกขอความ, คำสัง, ประ  กาศ);
# not ข่าว, whose bare form is another word (ขาว).
_OCR_TITLES = (Kind.MEMO, Kind.ORDER, Kind.ANNOUNCEMENT, Kind.REGULATION)
# An order, announcement or regulation is titled, then numbered (ที่) and/or has a subject
# line (เรื่อง / ว่าด้วย); a news text that merely starts with the word is not one.
_NEEDS_LABEL = (Kind.ORDER, Kind.ANNOUNCEMENT, Kind.REGULATION)
TITLED_KINDS = (Kind.ORDER, Kind.ANNOUNCEMENT, Kind.REGULATION, Kind.STATEMENT, Kind.NEWS)


def detect_kind(lines: list[Line]) -> Kind:
    top = _nonblank(lines)[:12]
    for ln in top:
        t = ln.text
        if _MARK_WORDS.fullmatch(t.replace(" ", "")):
            continue
        for kind, tail in _KIND_TITLES:
            end = _after_title(t, kind)
            if end is None or not tail.match(t, end):
                continue
            # An order or announcement is followed by its number or subject; OCR may have
            # lost those labels, but a title naming an agency is a title all the same.
            if (kind not in _NEEDS_LABEL or _label_follows(lines, ln)
                    or agencies.lookup_name_prefix(t[end:]) is not None):
                return kind
    head = _header(lines)
    # A memo whose title OCR lost (under a receiving stamp): its ส่วนราชการ label comes
    # before the addressee.
    recip_at = next((ln.no for ln in head if _RECIP_LABEL.match(ln.text)), None)
    if recip_at is not None and any(_MEMO_DEPT.match(ln.text) for ln in head if ln.no < recip_at):
        return Kind.MEMO
    has_ref = any(_REF_LABEL.match(ln.text) for ln in head)
    labels = [(_RECIP_LABEL.match(ln.text).group("label")) for ln in head if _RECIP_LABEL.match(ln.text)]
    if labels and labels[0] == "ถึง" and (has_ref or _number_above_addressee(head)):
        return Kind.STAMPED
    if labels and has_ref:
        return Kind.EXTERNAL
    has_subject = any(_SUBJ_LABEL.match(ln.text) for ln in head)
    # A letter whose number was lost (OCR) still has its subject and addressee lines.
    if has_subject and (has_ref or labels and labels[0] != "ถึง"):
        return Kind.EXTERNAL
    return Kind.OTHER


# A reference number however its label came out of OCR (NUN ๐๘๑๐/๖๒๐๑, ที่มท ๐๖๒๔.๓/๑๐๓๕๙).
_NUMBER_WITH_SLASH = re.compile(r"[0-9๐-๙]{2,}(?:\.[0-9๐-๙]+)?\s*/\s*[ก-ฮ]?\s*[0-9๐-๙]")


def _number_above_addressee(head: list[Line]) -> bool:
    """A stamped letter's form: its number on the line right above ถึง, whose label OCR may
    have garbled; it has no subject line."""
    at = next((k for k, ln in enumerate(head) if _RECIP_LABEL.match(ln.text)), None)
    return (at is not None and at > 0 and bool(_NUMBER_WITH_SLASH.search(head[at - 1].text))
            and not any(_SUBJ_LABEL.match(ln.text) for ln in head))


def _label_follows(lines: list[Line], title: Line) -> bool:
    if re.search(r"\s(?:เรื่อง|ว่าด้วย)", title.text):
        return True
    for ln in _nonblank(lines[title.no + 1:])[:4]:
        if _SUBJ_LABEL.match(ln.text) or _is_ref_line(ln.text) or ln.text.startswith(("ว่าด้วย", "ฉบับที่")):
            return True
    return False


def _after_title(text: str, kind: str) -> int | None:
    """Where the title word ends in a line that starts with it, also, for the titles of
    _OCR_TITLES, as OCR leaves it: marks lost, spaces inside (คำสัง, ประ  กาศ); None if it
    does not."""
    if text.startswith(kind):
        return len(kind)
    if kind not in _OCR_TITLES:
        return None
    want, got = bare(kind), ""
    for i, ch in enumerate(text):
        if ch.isspace() or not bare(ch):
            continue
        got += ch
        if got == want:
            return i + 1
        if not want.startswith(got):
            return None
    return None

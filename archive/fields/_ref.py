"""The reference number (`ที่ นร 0505/ว 500`): its line, however OCR left the label, and the
agency letters of a number whose letters did not survive OCR."""
from __future__ import annotations

import re

from .. import agencies
from ..records import Memo
from ..refno import REF_RE, normalize_ref_no, unnumbered_code
from ._agency import _resolve
from ._labels import _REF_LABEL, _SUBJ_LABEL
from ._lines import Line


# The label with OCR specks before it (". ที่ ๓๓๖/๒๕๖๓", "oS  ที่ ..."), or after another
# field on the same line, as OCR joins two columns ("... โทร. ๖๗๑๓ ที่ ปช 0001.5/1169").
_SPECKS_BEFORE = re.compile(r"^[^\u0E01-\u0E2E]{0,40}?(?=[ทฑ][\u0E31-\u0E4E]{0,3}\s*[:.]?\s*[ก-ฮ0-9๐-๙])")
# ที่ inside a header line before its number: after the agency on one line, or on an
# order's title line (คำสั่งกระทรวงมหาดไทย ที่ ๑๕๔/๒๕๕๕).
_LABEL_INSIDE = re.compile(r"\s(?=ที่\s*[:.]?\s*(?:[ก-ฮ]{1,3}\.?\s*[0-9๐-๙]{2,5}"
                           r"|[0-9๐-๙]{1,5}\s*/\s*[0-9๐-๙]{4}(?![0-9๐-๙])))")


_REF_LABEL_AT = re.compile(_REF_LABEL.pattern.lstrip("^"))


def _ref_label(ln: Line, before_subject: bool) -> re.Match | None:
    m = _REF_LABEL.match(ln.text)
    if m:
        return m
    for rx in (_SPECKS_BEFORE,) + ((_LABEL_INSIDE,) if before_subject else ()):
        lead = rx.search(ln.text)
        if lead:
            m = _REF_LABEL_AT.match(ln.text, lead.end())
            if m:
                return m
    return None


# The digits of a reference number go on past what was read as its end (a speck, a digit
# misread as a dot): /๐๐.๗๔, /๓.๓๓๐.
_DAMAGED_NUMBER = re.compile(r"^[.,:;'`]\s?[0-9๐-๙]")
# A title line wrapped after its ที่ (คำสั่งสำนักเลขาธิการคณะรัฐมนตรี ที่⏎๑๑/๒๕๕๖).
_LABEL_ENDS_LINE = re.compile(r"\sที่\s*[:.]?$")


def _fill_ref(memo: Memo, head: list[Line]) -> Line | None:
    subject_at = next((ln.no for ln in head if _SUBJ_LABEL.match(ln.text)), None)
    for k, ln in enumerate(head):
        before_subject = subject_at is not None and ln.no < subject_at
        if before_subject and _LABEL_ENDS_LINE.search(ln.text) and k + 1 < len(head):
            ln = Line(ln.no, ln.text + " " + head[k + 1].text)
        m = _ref_label(ln, before_subject)
        if not m:
            continue
        rest = ln.text[m.end():]
        rest = re.split(r"\s+วันที่", rest)[0]
        norm = normalize_ref_no(rest)
        if not norm:
            if before_subject and unnumbered_code(rest):
                return ln  # its number left to be written by hand: unknown, not wrong
            continue
        if _DAMAGED_NUMBER.match(rest[len(_raw_ref(rest)):]):
            # ๐๐.๗๔ for ๐๑๗๔: the number read is not the number printed, so it is left
            # empty; the agency's letters and department still name the sender (_code_on).
            return ln
        memo.ref_no = norm
        memo.ref_no_raw = _raw_ref(rest)
        return ln
    return None


# A reference line whose agency letters OCR garbled (iiad ๐๔๐๓.๗/๔๕๘๖, ดศ์ ๐๒๐๓.๘/...,
# NAM ๐๒๐๓/๙๗๔๙): a few characters, then a four-digit department number and the tail.
_LOOSE_REF = re.compile(r"^(?P<junk>\S{0,8}(?:\s+\S{1,6})?)\s*"
                        r"(?P<dept>[0-9๐-๙]{4})(?P<rest>(?:\s?\.\s?[0-9๐-๙]{1,2})?\s*/\s*"
                        r"(?:ว\s*\.?\s*)?[0-9๐-๙]{1,6})")


_REF_NUMBER_END = re.compile(r"[0-9๐-๙]\s*/\s*(?:ว\s*)?[0-9๐-๙]+")


def _loose_ref_line(head: list[Line]) -> Line | None:
    for ln in head[:12]:
        if _LOOSE_REF.match(ln.text.strip()):
            return ln
    return None


def _mend_ref_letters(memo: Memo, ref_line: Line | None, printed: str | None) -> bool:
    """Agency letters for a reference number whose letters did not survive OCR: missing, or
    not any agency's. Taken from the sender's code when its department number matches, else
    from the directory when the number names one set of letters, else from the garbled
    text when its consonants are an agency's. True when the number was mended."""
    if ref_line is None:
        return False
    if memo.ref_no and (re.match(r"^\d", memo.ref_no)
                        or agencies.known_letters(memo.ref_no.split(" ", 1)[0])):
        return False
    text = ref_line.text.strip()
    label = _REF_LABEL.match(text) or re.match(r"^\S{1,4}\s+(?=\S{0,6}\s*[0-9๐-๙]{4})", text)
    rest = text[label.end():] if label else text
    m = _LOOSE_REF.match(rest)
    if not m or _DAMAGED_NUMBER.match(rest[m.end():]):
        return False
    letters = agencies.letters_for_number(m.group("dept"), _resolve(printed, None))
    if letters is None:
        consonants = re.sub(r"[^ก-ฮ]", "", m.group("junk"))
        for cand in (consonants, consonants[-2:], consonants[:2]):
            if 1 <= len(cand) <= 3 and agencies.known_letters(cand):
                letters = cand
                break
    if letters is None:
        return False
    raw = f"{letters} {m.group('dept')}{m.group('rest')}"
    norm = normalize_ref_no(raw)
    if not norm:
        return False
    memo.ref_no, memo.ref_no_raw = norm, _raw_ref(raw)
    return True


def _raw_ref(rest: str) -> str:
    m = REF_RE.match(rest)
    if m:
        raw = rest[:m.end()]
    else:
        m2 = re.match(r"[0-9๐-๙]{1,5}\s*/\s*[0-9๐-๙]{4}", rest)
        raw = rest[:m2.end()] if m2 else rest
    return raw.strip()

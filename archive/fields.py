"""Fill a Memo's fields from the text of a letter.

The rules follow the letter formats of the ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ:
labels at the start of a line (`ที่`, `เรื่อง`, `เรียน`/`ถึง`, `อ้างถึง`, `สิ่งที่ส่งมาด้วย`,
`ส่วนราชการ`, `วันที่`), the sender's letterhead under the reference number, the signature
block `(ชื่อ)` + position lines, the owner division above `โทร.`; orders and announcements
titled `คำสั่ง…`/`ประกาศ…` and dated `สั่ง/ประกาศ ณ วันที่`; receiving stamps `เลขรับ`.
Text is expected repaired (archive.repair); digits may be Thai or Arabic.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pythainlp.util import remove_tonemark, thai_digit_to_arabic_digit

from . import agencies, signature, spell
from .kinds import Kind
from .labels import RECEIVED_NO
from .records import Memo, Stamp
from .refno import REF_RE, normalize_ref_no
from .thaidate import date_readings, find_dates
from .thaitext import bare, join_wrapped

# --- labels (OCR may damage a mark, so letters are matched loosely where it is safe) ---
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

URGENCY = ("ด่วนที่สุด", "ด่วนมาก", "ด่วน")
SECRECY = ("ลับที่สุด", "ลับมาก", "ลับ")
# ฑ for ท: a look-alike OCR and copies confuse (ด่วนฑี่สุด).
_MARK_WORDS = _loose(r"(ด่วน[ทฑ]ี่สุด|ด่วนมาก|ด่วน|ลับ[ทฑ]ี่สุด|ลับมาก|ลับ|ปกปิด)")

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

# Lines of a letterhead address rather than a name.
_ADDRESS = re.compile(
    r"(?:ถนน|ถ\.|แขวง|เขต|ตำบล|ต\.|อำเภอ|อ\.|หมู่(?:ที่)?|เลขที่|ซอย|ชั้น|อาคาร|ทำเนียบ|"
    r"ศูนย์ราชการ|กรุงเทพ|กทม|[0-9๐-๙]{5})")
_POSITION_HINT = re.compile(r"^(?:ผู้|รอง|หัวหน้า|อธิบดี|ปลัด|เลขาธิการ|นายก|ประธาน|อธิการบดี|คณบดี|"
                            r"นัก|เจ้าพนักงาน|ผบ|ผู้บัญชาการ|ผู้ว่า|ปฏิบัติ|รักษา)")


@dataclass
class Line:
    no: int
    text: str  # stripped


_SPECK = re.compile(r"^[-/|\\.,:;'\"~_`*]{1,4}$")
_LEAD_SPECK = re.compile(r"^[-/|\\.,:;'\"~_`*]{1,3}\s*")
# Not a quote opening the value (`"…"`): only a speck set apart from it.
_SPECK_BEFORE_VALUE = re.compile(r"^[-/|\\.,:;'\"~_`*]{1,3}\s+")


# Fields are read from at most this many characters of a line. The longest value of the
# dev truth has 102 characters, and a PDF paragraph made one line a few thousand; a text of
# one 500,000-character line made its whole text a "subject", whose look-alike repair
# (archive.spell) was quadratic: 80,000 characters took 8.4 s, the whole line more than
# the 120 s a reader had.
MAX_LINE_CHARS = 2_000


def _lines(text: str) -> list[Line]:
    """Stripped lines (at most MAX_LINE_CHARS of each); OCR specks (a few punctuation
    marks alone) count as blank."""
    out = []
    for i, s in enumerate(text.split("\n")):
        s = s.strip()[:MAX_LINE_CHARS]
        out.append(Line(i, "" if _SPECK.match(s) else _unspeck_label(s)))
    return out


def _unspeck_label(text: str) -> str:
    """A label with an OCR speck before it (`. เรื่อง …`, `, เรียน …`) is still a label."""
    m = _LEAD_SPECK.match(text)
    return text[m.end():] if m and _LABEL_LINE.match(text[m.end():]) else text


# What OCR makes of stamps, specks and signatures: no token of it reads as a word.
_WORD_TOKEN = re.compile(
    r"[ก-ฮ][^ก-ฮ\s]*[ก-ฮ]|[ก-ฮ]?[\u0E30-\u0E3A\u0E40-\u0E44]+[ก-ฮ]|[ก-ฮ][\u0E30-\u0E3A]"  # Thai
    r"|[0-9๐-๙]{2}|[A-Za-z]{4}|[A-Z]{2}")  # a number, a Latin word, an acronym (ITA)
_PAGE_NO = re.compile(r"^-\s*[0-9๐-๙]+\s*-$")


def _is_junk(text: str) -> bool:
    """OCR debris (`a`, `a vi`, `4`, `= ๘  A ซ์  ๑ .`): something printed, but not one word of
    two Thai consonants (or a consonant and its vowel), no number, no Latin word. A page
    number (- ๒ -) is a line of the letter."""
    text = text.strip()
    return bool(text) and not _PAGE_NO.match(text) and not any(
        _WORD_TOKEN.search(tok) for tok in text.split())


def _drop_junk_ends(text: str) -> str:
    """A value without the debris OCR set beside it: specks before it, and junk a column gap
    away after it (`… พ.ศ. ๒๕๒๕          ก.          a`)."""
    segs = re.split(r"\s{3,}", text.strip())
    while segs and _is_junk(segs[-1]):
        segs.pop()
    while segs and _is_junk(segs[0]):
        segs.pop(0)
    return _SPECK_BEFORE_VALUE.sub("", " ".join(segs))


# Short Latin words that are not acronyms (ITA, IT stay), symbols, and mixes of the two.
_JUNK_TOKEN = re.compile(r"[a-z]{1,3}|[A-Z][a-z]{1,2}|[^\w\s]+|[A-Za-z]*[^\w\s()][A-Za-z]*")


def _drop_junk_tail(text: str) -> str:
    """A Thai value without the OCR debris after its last word (`คณบดีคณะ ee`,
    `… ราชภัฏเลย . ล Bs Rod ab §`), also when no column gap sets it apart: trailing tokens of
    a few Latin letters or symbols only, and a lone Thai letter among them."""
    words = _drop_junk_ends(text).split()
    while len(words) > 1 and (_JUNK_TOKEN.fullmatch(words[-1])
                              or (re.fullmatch(r"[ก-ฮ]", words[-1]) and len(words) > 2
                                  and _JUNK_TOKEN.fullmatch(words[-2]))):
        words.pop()
    return " ".join(words)


def value_has_debris(value: str) -> bool:
    """Whether OCR tailed a field's value with debris (_drop_junk_tail would cut it)."""
    value = " ".join(value.split())
    return bool(value) and _drop_junk_tail(value) != value


def value_before_debris(value: str) -> str:
    """A value read again from a cut-out line, up to the first piece of debris: the cut runs
    to the page's edge, through whatever stamp or handwriting stands beside the value."""
    kept = []
    for word in value.split():
        if _JUNK_TOKEN.fullmatch(word) or re.fullmatch(r"[0-9]|[ก-ฮ]", word):
            break
        kept.append(word)
    return " ".join(kept).rstrip(",.;:")


def _nonblank(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if ln.text]


def arabic(text: str | None) -> str | None:
    return thai_digit_to_arabic_digit(text) if text else text


def _clean_value(text: str) -> str:
    # Keep a final dot: abbreviations (ก.พ.ร.) end with one.
    return re.sub(r"\s+", " ", text).strip(" :-,;")


# ---------------------------------------------------------------- kind

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


def _header(lines: list[Line]) -> list[Line]:
    """The lines before the body: up to the first closing formula, else the first 40 lines."""
    out = []
    for ln in lines:
        if _CLOSING.match(ln.text) or ln.text.startswith("จึงเรียนมา"):
            break
        out.append(ln)
    nb = _nonblank(out)
    return nb[:40]


# ---------------------------------------------------------------- helpers

def _mend_breaks(lines: list[Line]) -> list[Line]:
    """OCR and wrapping break a header line inside a word (`เรื่` / `อง …`, `1 มิถุ` / `นายน
    2564`, `ที่ ช` / `บ 0017/752`). Join two adjacent lines when only the joined line is a
    label line or a date: neither half alone is, so the break cannot be real."""
    out = list(lines)
    k = 0
    while k < len(out) - 1:
        a, b = out[k], out[k + 1]
        if a.text and b.text and re.search(r"[ก-๛.]$", a.text) and re.match(r"[ก-๛]", b.text) \
                and not _is_structural(a.text) and not _is_structural(b.text):
            joined = a.text + b.text
            if _is_structural(joined):
                out[k] = Line(a.no, joined)
                out[k + 1] = Line(b.no, "")
        k += 1
    return out


@lru_cache(maxsize=4096)  # each line is asked twice, as either half of a possible break
def _is_structural(text: str) -> bool:
    return bool(_LABEL_LINE.match(text) or _REF_LABEL.match(text) or _is_pure_date(text)
                or _SIGNED_DATE.match(text))


def _first(lines: list[Line], rx: re.Pattern) -> tuple[Line, re.Match] | None:
    for ln in lines:
        m = rx.match(ln.text)
        if m:
            return ln, m
    return None


def _is_label(text: str) -> bool:
    return bool(_LABEL_LINE.match(text) or _RULE.match(text) or _is_ref_line(text))


def _is_ref_line(text: str) -> bool:
    m = _REF_LABEL.match(text)
    return bool(m and normalize_ref_no(re.split(r"\s+วันที่", text[m.end():])[0]))


def _continuation(lines: list[Line], start: Line, skip: set[int] = frozenset()) -> list[Line]:
    """Non-blank lines directly after `start` that are not labels (a wrapped value),
    without junk lines."""
    out = []
    for ln in lines[start.no + 1:]:
        if not ln.text or ln.no in skip or _is_label(ln.text):
            break
        if not _is_junk(ln.text):  # OCR debris beside the value
            out.append(ln)
    return out


def _join_wrapped(parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        out = join_wrapped(out, p)
    return _clean_value(out)


def _is_pure_date(text: str, received: tuple[date, ...] = ()) -> tuple[str, str] | None:
    """(date_raw, iso) when the whole line is one date, or its first column is (a stamp's
    unit may stand a column gap beside it: ๙ กันยายน ๒๕๖๕          ภาควิชาวิทยาศาสตร์ประยุกต์)."""
    columns = re.split(r"\s{6,}", text.strip())
    if len(columns) > 1 and not find_dates(" ".join(columns[1:])):
        text = columns[0]
    found = _settled_dates(text, received)
    if len(found) == 1 and len(date_readings(text)) == 1:
        a, b, d = found[0]
        rest = (text[:a] + text[b:]).strip(" .,")
        # A speck beside the date on its own line (๒๘ กุมภาพันธ์ ๒๕๖๕ 0, . ๒๗ พฤศจิกายน
        # ๒๕๖๐) leaves it alone all the same.
        if not rest or (len(rest) <= 2 and not re.search("[ก-ฮ]", rest)
                        and rest in (text[b:].strip(), text[:a].strip())):
            return text[a:b].strip(), d.isoformat()
    return None


def _stamp_line_indexes(lines: list[Line]) -> set[int]:
    """Line numbers that belong to receiving stamps (agency, เลขรับ, วันที่, เวลา)."""
    out: set[int] = set()
    nb = _nonblank(lines)
    for k, ln in enumerate(nb):
        if re.match(r"^" + RECEIVED_NO, ln.text):
            out.add(ln.no)
            if k > 0 and not _LABEL_LINE.match(nb[k - 1].text) and not _REF_LABEL.match(nb[k - 1].text):
                out.add(nb[k - 1].no)
                # A receiving office's name may wrap onto two lines in a PDF.
                if (k > 1 and _fragment_of_name(nb[k - 2].text, nb[k - 1].text)
                        and not _REF_LABEL.match(nb[k - 2].text)):
                    out.add(nb[k - 2].no)
            for nxt in nb[k + 1:k + 3]:
                if re.match(r"^(?:วันที่|เวลา)", nxt.text):
                    out.add(nxt.no)
    return out


def _fragment_of_name(first: str, second: str) -> bool:
    return bool(agencies.AGENCY_START.match(first)) and not agencies.AGENCY_START.match(second) \
        and len(second) < 20 and not _ADDRESS.search(second) and not find_dates(second)


# ---------------------------------------------------------------- fields

def fill_fields(memo: Memo, text: str) -> None:
    if not text or not text.strip():
        memo.kind = memo.kind or "อื่น ๆ"
        return
    lines = _mend_breaks(_lines(text))
    head = _header(lines)
    stamp_lines = _stamp_line_indexes(lines)
    memo.kind = detect_kind(lines)
    _fill_marks(memo, lines, head)
    ref_line = _fill_ref(memo, head)
    if ref_line is None:
        ref_line = _loose_ref_line(head)
    _fill_subject(memo, lines, head, stamp_lines)
    _fill_recipient(memo, lines, head, stamp_lines)
    _fill_date(memo, lines, head, ref_line, stamp_lines)
    _fill_sender(memo, lines, head, ref_line, stamp_lines)
    _fill_stamps(memo, lines)
    _fill_contacts(memo, lines)
    _fill_cites(memo, lines, head)
    _fill_enclosures(memo, lines, head)
    signature.fill_signature(memo, lines)
    _fix_ocr_confusions(memo)


def _fix_ocr_confusions(memo: Memo) -> None:
    """Look-alike consonants in descriptive fields (never in names of people)."""
    for name in ("subject", "recipient", "position", "owner_division"):
        setattr(memo, name, agencies.respace_names(spell.fix_confusables(getattr(memo, name))))
    memo.enclosures = [spell.fix_confusables(e) for e in memo.enclosures]


def _fill_marks(memo: Memo, lines: list[Line], head: list[Line]) -> None:
    nb = _nonblank(lines)
    zone = head[:10] + nb[-3:]
    for ln in zone:
        # A line of marks only; OCR may split a mark with a space (ด่วน มาก).
        compact = re.sub(r"\s", "", ln.text)
        if not compact or not re.fullmatch(f"(?:{_MARK_WORDS.pattern})+", compact):
            continue
        for w in _MARK_WORDS.findall(compact):
            w = _canonical_mark(w)
            if w in URGENCY and memo.urgency is None:
                memo.urgency = w
            if w in SECRECY and memo.secrecy is None:
                memo.secrecy = w


def _canonical_mark(word: str) -> str:
    bare = remove_tonemark(word).replace("ฑ", "ท")
    for mark in URGENCY + SECRECY + ("ปกปิด",):
        if remove_tonemark(mark) == bare:
            return mark
    return word


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


# OCR reads the bold เรื่อง of TH Sarabun as a short Latin word (Goa, 'Gas, dos, dag).
_GARBLED_LABEL = re.compile(r"^\W?[A-Za-z0-9]{1,4}\W?\s+(?=[ก-ฮเแโใไ])")


def _garbled_subject(lines: list[Line], head: list[Line], kind: str) -> tuple[Line, re.Match] | None:
    """The subject line when its label did not survive OCR: a line opening with a short
    Latin word, where the form puts the subject (just before เรียน, or right after the
    number or the title of an order or announcement)."""
    titled = kind in TITLED_KINDS
    for ln in head:
        m = _GARBLED_LABEL.match(ln.text)
        if not m or _ref_label(ln, False):  # specks before the number (oS   ที่ ๑๔๙/๒๕๖๐)
            continue
        after = _nonblank(lines[ln.no + 1:])[:3]
        before = _nonblank(lines[:ln.no])[-2:]
        if (any(_RECIP_LABEL.match(a.text) for a in after)
                or any(_is_ref_line(b.text) for b in before)
                or (titled and any(_after_title(b.text, kind) is not None for b in before))):
            return ln, m
    return None


def _fill_subject(memo: Memo, lines: list[Line], head: list[Line], stamp_lines: set[int]) -> None:
    hit = _first(head, _SUBJ_LABEL) or _garbled_subject(lines, head, memo.kind)
    if not hit:
        if memo.kind in ("ระเบียบ", "ข้อบังคับ"):
            memo.subject = _regulation_subject(head)
        return
    ln, m = hit
    first = _drop_junk_ends(ln.text[m.end():])
    parts = [first] + [_drop_junk_ends(c.text) for c in _subject_wrap(lines, ln, stamp_lines, alone=not first)]
    value = _join_wrapped([p for p in parts if p]) if any(parts) else ""
    memo.subject = _clean_subject(value) or None


_ABOUT = re.compile(r"ว่าด้วย")


def _regulation_subject(head: list[Line]) -> str | None:
    """A regulation says what it is about on its title lines, not after เรื่อง:
    `ระเบียบกระทรวงการคลัง ⏎ ว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ ⏎ พ.ศ. ๒๕๖๐`
    gives `ว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐`."""
    for k, ln in enumerate(head[:3]):
        m = _ABOUT.search(ln.text)
        if not m:
            continue
        parts = [ln.text[m.start():]]
        rule = next((j for j, nxt in enumerate(head[k + 1:k + 5]) if _RULE.match(nxt.text)), None)
        if rule is not None:  # the title's lines end at the rule under it
            parts += [nxt.text for nxt in head[k + 1:k + 1 + rule]]
        else:
            for nxt in head[k + 1:k + 3]:
                if _opens_paragraph(nxt.text) or len(nxt.text) > 80:
                    break
                parts.append(nxt.text)
        return _clean_subject(_join_wrapped(parts)) or None
    return None


def _subject_wrap(lines: list[Line], label: Line, stamp_lines: set[int], alone: bool) -> list[Line]:
    """The lines of a subject under its label line. A label alone on its line has the value
    on the next real line (past blank and junk lines), wrapped once at most."""
    if not alone:
        return _wrap_below(lines, label, stamp_lines, most=2)
    first = _next_real(lines, label)
    return [first] + _wrap_below(lines, first, stamp_lines, most=1, spaced=True) if first else []


def _wrap_below(lines: list[Line], start: Line, stamp_lines: set[int], most: int,
                spaced: bool = False) -> list[Line]:
    """The lines a value wraps onto below `start`: only a short wrap, as the value of a label
    never runs into a paragraph. It ends at the next label or stamp, as typed; on a scan also
    at a blank line or at a line that opens the body (orders and announcements have no เรียน
    line below the subject). Junk lines are passed over; with `spaced`, blank lines too (a
    value printed under its label, spaced out by OCR)."""
    cont = _continuation(lines, start, stamp_lines)
    if cont and len(cont) <= most and _next_is_label(lines, cont[-1], stamp_lines):
        return cont
    if spaced and (to_label := _lines_to_label(lines, start, stamp_lines, most)):
        return to_label
    cont = list(itertools.takewhile(lambda c: not _ends_wrap(c.text), cont))
    return cont if len(cont) <= most else []


def _lines_to_label(lines: list[Line], start: Line, stamp_lines: set[int], most: int) -> list[Line]:
    """The real lines between `start` and the next label or the body, blank lines between
    them or not; [] when there are more than `most`."""
    out = []
    for ln in lines[start.no + 1:]:
        if not ln.text or _is_junk(ln.text):
            continue
        if ln.no in stamp_lines or _is_label(ln.text) or _ends_wrap(ln.text):
            return out
        out.append(ln)
        if len(out) > most:
            return []
    return []


def _ends_wrap(text: str) -> bool:
    """A line that is no part of a value above it: the body, or a label OCR garbled."""
    return _opens_paragraph(text) or _garbled_label_line(text)


def _next_real(lines: list[Line], after: Line) -> Line | None:
    return next((ln for ln in lines[after.no + 1:] if ln.text and not _is_junk(ln.text)), None)


def _next_is_label(lines: list[Line], after: Line, stamp_lines: set[int] = frozenset()) -> bool:
    nxt = _next_real(lines, after)
    return nxt is not None and (nxt.no in stamp_lines or _is_label(nxt.text) or _garbled_label_line(nxt.text))


def _garbled_label_line(text: str) -> bool:
    """A line whose bold label OCR read as a short Latin word (Guu อธิบดี…); not an acronym
    opening a wrapped value (`(ITA) ประจำปี…`)."""
    m = _GARBLED_LABEL.match(text)
    return bool(m) and re.search("[a-z]", m.group(0)) is not None and not re.match(r"\(\w+\)", m.group(0))


# A final dot after a number or set apart is an OCR speck; abbreviations (ก.พ.ร.) keep theirs.
_SPECK_AFTER = re.compile(r"(?<=[0-9๐-๙\s])\.$")


def _clean_subject(value: str) -> str:
    return _clean_value(_SPECK_AFTER.sub("", value))


_OPENERS = r"ด้วย|ตาม|เนื่อง|อนุสนธิ|อ้างถึง|ขอ|จึง|ใน|เพื่อ|โดย|สืบเนื่อง|[0-9๐-๙]+\."
_BODY_OPENER = re.compile(f"^(?:{_OPENERS})")
# As OCR leaves a paragraph's first line: marks dropped (ดวย), a speck before it; orders
# open with อาศัยอำนาจ.
_PARAGRAPH = _loose(f"^(?:{_OPENERS}|อาศัย)")


def _opens_paragraph(text: str) -> bool:
    m = _LEAD_SPECK.match(text)
    return bool(_PARAGRAPH.match(text[m.end():] if m else text))


def _fill_recipient(memo: Memo, lines: list[Line], head: list[Line], stamp_lines: set[int]) -> None:
    if memo.kind in TITLED_KINDS:
        return
    hit = _first(head, _RECIP_LABEL) or _garbled_recipient(head, stamp_lines)
    if not hit:
        return
    ln, m = hit
    parts = [ln.text[m.end():]]
    cont = _continuation(lines, ln, stamp_lines)
    # A wrapped addressee: one more line before the next label, or a short tail that does
    # not open a paragraph (paragraphs start with ด้วย, ตาม, เนื่องจาก …).
    if cont and not _BODY_OPENER.match(cont[0].text) and (
            len(cont) == 1 and _next_is_label(lines, cont[0], stamp_lines) or len(cont[0].text) < 0.4 * len(parts[0])):
        parts.append(cont[0].text)
    parts = [_drop_junk_tail(p) for p in parts]
    value = _join_wrapped([p for p in parts if p]) if any(parts) else ""
    memo.recipient = value or None


def _garbled_recipient(head: list[Line], stamp_lines: set[int]) -> tuple[Line, re.Match] | None:
    """The addressee's line when OCR made its เรียน a short Latin word (Seu คณบดีคณะ…): after
    the subject line, a position (คณบดี, อธิบดี, ผู้ว่า…) right after the garbled label."""
    subject = _first(head, _SUBJ_LABEL)
    if subject is None:
        return None
    for ln in head:
        if ln.no <= subject[0].no or ln.no in stamp_lines:
            continue
        m = _GARBLED_LABEL.match(ln.text)
        if m and _POSITION_HINT.match(ln.text[m.end():]):
            return ln, m
        if _is_label(ln.text) and not _SUBJ_LABEL.match(ln.text):
            return None   # the next labelled field: the addressee was not garbled
    return None


def _set_date(memo: Memo, raw: str, iso: str) -> None:
    memo.date_raw = raw
    memo.date = iso


def _fill_date(memo: Memo, lines: list[Line], head: list[Line], ref_line: Line | None,
               stamp_lines: set[int]) -> None:
    nb = _nonblank(lines)
    received, recv_lines = _received_readings(lines)
    stamp_lines = stamp_lines | recv_lines
    # Orders, announcements: "สั่ง ณ วันที่ …" / "ประกาศ ณ วันที่ …" near the signature.
    for ln in nb:
        m = _SIGNED_DATE.match(ln.text)
        if m:
            rest = ln.text[m.end():]
            nxt = _next_nonblank(lines, ln)
            found = find_dates(rest)
            if not found and nxt is not None:  # date wrapped onto the next line
                rest = rest + " " + nxt.text
                found = find_dates(rest)
            if found:
                a, b, d = found[0]
                _set_date(memo, rest[a:b].strip(), d.isoformat())
                return
    # The same with the formula damaged (da ณ วันที่ …, ประกาศ ณันที.๖ …): the date
    # still starts a few characters after ณ.
    for ln in nb:
        m = _SIGNED_DAMAGED.match(ln.text)
        if m and _take_date(memo, ln.text[m.end():], received, within=8):
            return
    cands = [ln for ln in _above_addressee(head) if ln.no not in stamp_lines]
    # Memos: "วันที่ …" on the reference line or its own line in the header.
    if memo.kind == "บันทึกข้อความ" and _labelled_date(memo, lines, cands, ref_line, received):
        return
    # Letters: the date alone on a line, under the letterhead (external) or under the
    # sender's name at the end (stamped letters).
    if memo.kind == "หนังสือประทับตรา":
        if _stamped_date(memo, lines, head, stamp_lines, received):
            return
    else:
        pure = [p for p in (_is_pure_date(ln.text, received) for ln in cands) if p]
        if pure:
            _set_date(memo, *pure[0])
            return
        # Some letters label the date (วันที่ …, ลงวันที่ …) instead of printing it alone,
        # also beside the reference number (ที่ …⇥ วันที่ …).
        if _labelled_date(memo, lines, cands, ref_line, received):
            return
    # A memo whose วันที่ label OCR lost (Sun ๑๕ ธ.ค. ๒๕๖๐): the date is still what ends
    # the reference line.
    if memo.kind == "บันทึกข้อความ" and ref_line is not None:
        m = REF_RE.search(ref_line.text) or _REF_NUMBER_END.search(ref_line.text)
        if _take_date(memo, ref_line.text[m.end():] if m else "", received):
            return
    # A letter of no known kind (its number and labels lost to OCR) laid out as a stamped
    # letter: the date under the office's name after the closing sentence.
    if memo.kind == "อื่น ๆ":
        _stamped_date(memo, lines, head, stamp_lines, received)


# A date label in the header: วันที่, ลงวันที่, ณ วันที่ (a colon may follow).
_HEADER_DATE_LABEL = re.compile(r"(?:(?<![ก-๙])ลง\s?|(?<![ก-๙])ณ\s*)?" + _DATE_LABEL.pattern)


def _labelled_date(memo: Memo, lines: list[Line], cands: list[Line], ref_line: Line | None,
                   received: tuple[date, ...]) -> bool:
    """The letter's own date after a label on a header line (`cands`: above the
    addressee, stamps left out): at the line's start, on the reference line, or after a
    column gap (the ref number beside it unreadable: ที่ ๆ7 ๑๕๕๓๓๙      วันที่ ๙ กันยายน ๒๕๖๕).
    A label inside a sentence ("ในวันที่") is not one."""
    for ln in cands:
        for m in _HEADER_DATE_LABEL.finditer(ln.text):
            if m.start() > 0 and not re.search(r"\s$", ln.text[:m.start()]):
                continue
            if (m.start() == 0 or (ref_line is not None and ln.no == ref_line.no)
                    or re.search(r"\S\s{3,}$", ln.text[:m.start()])):
                rest = ln.text[m.end():]
                if _take_date(memo, rest, received, within=2):
                    return True
                nxt = _next_nonblank(lines, ln)
                # the year wrapped onto the next line (วันที่ : ๑๐ เดือน สิงหาคม พ.ศ.⏎๒๕๕๕)
                if nxt is not None and _take_date(memo, rest + " " + nxt.text, received,
                                                  within=2):
                    return True
    return False


def _above_addressee(head: list[Line]) -> list[Line]:
    """The header lines above เรียน/ถึง: where a memo's or a letter's own date is printed."""
    at = next((k for k, ln in enumerate(head) if _RECIP_LABEL.match(ln.text)), None)
    return head[:at] if at else head


def _stamped_date(memo: Memo, lines: list[Line], head: list[Line], stamp_lines: set[int],
                  received: tuple[date, ...]) -> bool:
    """A stamped letter's date: alone on a line after the closing sentence (จึงเรียนมา…),
    under the sending office's name (routing notes end with a position + date)."""
    nb = _nonblank(lines)
    recip = _first(head, _RECIP_LABEL)
    start = recip[0].no if recip else 0
    # Dates before the closing sentence are the body's.
    closing = [ln.no for ln in nb if ln.no > start and ln.text.startswith("จึง")]
    if closing:
        start = closing[-1]
    elif memo.kind != "หนังสือประทับตรา":
        return False  # not laid out as a stamped letter
    pure = [(ln, _is_pure_date(ln.text, received)) for ln in nb if ln.no > start and ln.no not in stamp_lines]
    pure = [(ln, p) for ln, p in pure if p]
    for ln, p in pure:
        prev = _prev_nonblank(lines, ln)
        if prev is not None and not _POSITION_HINT.match(prev.text) and not prev.text.startswith("("):
            _set_date(memo, *p)
            return True
    if pure and memo.kind == "หนังสือประทับตรา":
        _set_date(memo, *pure[0][1])
        return True
    return False


def _take_date(memo: Memo, text: str, received: tuple[date, ...], within: int | None = None) -> bool:
    """Set the letter's date to the first date in `text` (starting within `within`
    characters, if given); False when there is none."""
    found = _settled_dates(text, received)
    if not found or (within is not None and found[0][0] > within):
        return False
    a, b, d = found[0]
    _set_date(memo, text[a:b].strip(), d.isoformat())
    return True


# A letter reaches the office that stamps it within this many days of its date.
_DAYS_TO_RECEIVE = 45


def _settled_dates(text: str, received: tuple[date, ...] = (),
                   sent: date | None = None) -> list[tuple[int, int, date]]:
    """Dates in the text that read one way, or one way only that fits the receiving
    stamp's date (OCR's Latin A.A. is ก.ค. or ต.ค.; a letter stamped in October is of
    October) or, for a stamp, the letter's date it was `sent`. Dates read several ways
    with nothing to tell them apart are left out."""
    out = []
    for a, b, ds in date_readings(text):
        fits = [d for d in ds if len(ds) == 1
                or any(0 <= (r - d).days <= _DAYS_TO_RECEIVE for r in received)
                or sent is not None and 0 <= (d - sent).days <= _DAYS_TO_RECEIVE]
        if len(fits) == 1:
            out.append((a, b, fits[0]))
    return out


def _is_stamp_date_line(text: str, within: int = 6) -> bool:
    """A receiving stamp's date line: its วันที่ label, or a date a few characters in (the
    label damaged: วนท, Jun)."""
    if text.startswith("วันที่"):
        return True
    found = date_readings(text)
    return bool(found) and found[0][0] <= within


def _received_readings(lines: list[Line]) -> tuple[tuple[date, ...], set[int]]:
    """Every date the receiving stamps' date lines may be (their วันที่ label may be
    damaged: วนท, Jun), and those lines' numbers."""
    nb = _nonblank(lines)
    dates: list[date] = []
    where: set[int] = set()
    for k, ln in enumerate(nb):
        if not _RECV_NO.match(ln.text):
            continue
        for nxt in nb[k + 1:k + 3]:
            if _is_stamp_date_line(nxt.text):
                found = date_readings(nxt.text)
                if found:
                    dates.extend(found[0][2])
                where.add(nxt.no)
                break
    return tuple(dates), where


def _next_nonblank(lines: list[Line], ln: Line) -> Line | None:
    for nxt in lines[ln.no + 1:]:
        if nxt.text:
            return nxt
    return None


def _prev_nonblank(lines: list[Line], ln: Line) -> Line | None:
    for prev in reversed(lines[:ln.no]):
        if prev.text:
            return prev
    return None


# ---------------------------------------------------------------- sender

def _fill_sender(memo: Memo, lines: list[Line], head: list[Line], ref_line: Line | None,
                 stamp_lines: set[int]) -> None:
    printed = None
    division = None
    if memo.kind in TITLED_KINDS:
        printed = _title_agency(lines, memo.kind)
    elif memo.kind == "บันทึกข้อความ":
        hit = _first(head, _DEPT_LABEL)
        if hit:
            division, printed = _split_division(hit[0].text[hit[1].end():])
    elif memo.kind == "หนังสือประทับตรา":
        printed = _stamped_agency(lines, memo)
    else:
        printed = _letterhead_agency(lines, head, ref_line, stamp_lines)
    if division and not memo.owner_division:
        memo.owner_division = division
    memo.sender_as_printed = printed
    _mend_ref_letters(memo, ref_line, printed)
    code = _code_on(memo.ref_no if memo.ref_no else _ref_text(ref_line))
    ag = _resolve(printed, code)
    if ag is not None:
        # The code printed on the letter wins: an agency may use more than one.
        memo.sender, memo.sender_code, memo.sender_abbr = ag.name, code or ag.code or None, ag.abbr or None
        office = _office_of(printed, ag)
        if office:  # คณะวิทยาศาสตร์การกีฬา of มหาวิทยาลัยบูรพา sent it
            memo.sender = f"{office} {ag.name}"
    else:
        memo.sender = agencies.canonical_name(_unspeck_name(printed)) if printed else None
        memo.sender_code = code


def _unspeck_name(printed: str) -> str:
    """An agency the directory does not know, without OCR's debris: a look-alike consonant
    or a speck read as ์ (spell), a speck read as a final dot after a long word (an
    abbreviation such as สลค. keeps its dot)."""
    name = spell.fix_confusables(printed)
    last = name.split()[-1] if name.split() else ""
    if last.endswith(".") and "." not in last[:-1] and len(last) > 7:
        name = name[:-1]
    return name


def _ref_text(ref_line: Line | None) -> str | None:
    """The reference number as read on its line, damaged or not."""
    m = _REF_LABEL.match(ref_line.text) if ref_line is not None else None
    return normalize_ref_no(ref_line.text[m.end():]) if m else None


def _code_on(ref_no: str | None) -> str | None:
    """The agency code of a reference number (none for an order's 12/2565)."""
    return agencies.normalize_code(ref_no) if ref_no and not re.match(r"^\d", ref_no) else None


def _office_of(printed: str | None, ag: agencies.Agency) -> str | None:
    """The office printed before its agency's name in a letterhead (_with_parent), if any."""
    if not printed:
        return None
    for name in (ag.name, *ag.aliases):
        if name and printed.endswith(" " + name):
            office = printed[: -len(name)].strip()
            return office if agencies.OFFICE_START.match(office) else None
    return None


def _resolve(printed: str | None, code: str | None) -> agencies.Agency | None:
    by_code = agencies.lookup_code(code) if code else None
    if printed:
        canon = agencies.canonical_name(printed)
        by_name = (agencies.lookup_name(canon) or agencies.lookup_similar_name(canon)
                   or agencies.lookup_name_prefix(canon))
        if by_name is not None and (by_code is None or by_name.code == by_code.code
                                    or agencies.lookup_name(canon) is not None):
            return by_name
        if by_code is None:
            return None
    # The code is printed in a fixed format and survives OCR better than a long name;
    # when the letterhead disagrees with it, the code names the sender.
    return by_code


def _label_follows(lines: list[Line], title: Line) -> bool:
    if re.search(r"\s(?:เรื่อง|ว่าด้วย)", title.text):
        return True
    for ln in _nonblank(lines[title.no + 1:])[:4]:
        if _SUBJ_LABEL.match(ln.text) or _is_ref_line(ln.text) or ln.text.startswith(("ว่าด้วย", "ฉบับที่")):
            return True
    return False


# Where the issuing agency's name ends in a title line.
_TITLE_END = re.compile(r"\s+(?:เรื่อง|ว่าด้วย|ฉบับที่|ประจำวันที่|ที่\s*[0-9๐-๙]|ณ\s).*$")


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


def _title_agency(lines: list[Line], kind: str) -> str | None:
    nb = _nonblank(lines)
    for k, ln in enumerate(nb[:12]):
        end = _after_title(ln.text, kind)
        if end is not None and not re.match(r"^\s*ณ", ln.text[end:]):
            rest = ln.text[end:].strip()
            rest = _TITLE_END.sub("", re.split(r"ว่าด้วย", rest)[0]).strip()
            rest = re.sub(r"^(?:ของ|จาก)\s*", "", rest)
            if _TITLE_END.search(ln.text) or len(rest) > 90:
                return _clean_value(rest[:90]) or None
            # Lines between the title and the first label (ที่/เรื่อง) continue the title.
            for nxt in nb[k + 1:k + 3]:
                if _is_label(nxt.text) or _REF_LABEL.match(nxt.text) or _is_pure_date(nxt.text):
                    break
                if not _next_is_label(lines, nxt) and rest:
                    break
                rest = _join_wrapped([rest, nxt.text]) if rest else nxt.text
            return _clean_value(rest) or None
    return None




def _split_division(value: str) -> tuple[str | None, str | None]:
    """`กลุ่มบริหารทั่วไป กรมทางหลวง โทร. …` -> (division, agency)."""
    value = re.split(r"\s*(?:โท[รธ]\.?|โทรศัพท์|ติดต่อ)\s*[0-9๐-๙]", value)[0]
    value = re.split(r"\s+(?:โท[รธ]\.?|โทรศัพท์)\s*$", value)[0].strip()
    words = value.split()
    # The agency is the last part that names an agency on its own (directory or pattern).
    for k in range(len(words)):
        tail = " ".join(words[k:])
        if agencies.lookup_name(agencies.canonical_name(tail)):
            return (" ".join(words[:k]) or None), tail
    for k in range(len(words) - 1, 0, -1):
        if agencies.AGENCY_START.match(words[k]) and not agencies.UNIT_START.match(words[k]):
            return " ".join(words[:k]), " ".join(words[k:])
    # The larger unit printed first: คณะวิทยาศาสตร์และเทคโนโลยี สาขาวิชาวิทยาศาสตร์สิ่งแวดล้อม.
    first_sub = next((k for k, w in enumerate(words) if agencies.UNIT_START.match(w)), None)
    if first_sub and agencies.AGENCY_START.match(words[0]) and not agencies.UNIT_START.match(words[0]):
        return " ".join(words[first_sub:]), " ".join(words[:first_sub])
    if len(words) == 1:
        return None, words[0]
    return (" ".join(words[:-1]) or None), words[-1] if words else None


def _letterhead_agency(lines: list[Line], head: list[Line], ref_line: Line | None,
                       stamp_lines: set[int]) -> str | None:
    if ref_line is None:
        return None
    # Two-column letterhead on one line: `ที่ นร 0505/ว 500        สำนักเลขาธิการคณะรัฐมนตรี`.
    m = _REF_LABEL.match(ref_line.text)
    rest = ref_line.text[m.end():] if m else ""
    beside = rest[len(_raw_ref(rest)):] if rest else ""
    beside = beside.strip() if re.match(r"\s{2,}\S", beside) else ""
    if not beside:
        # the number damaged (อว ๘๑๑๕.๑ /๐๐.๗๔): the name still stands after a column gap
        gap = re.search(r"\S\s{4,}(?=\S)", rest)
        beside = rest[gap.end():].strip() if gap else ""
    after = [ln for ln in head if ln.no > ref_line.no and ln.no not in stamp_lines]
    if beside and not _DATE_LABEL.match(beside) and not _is_pure_date(beside):
        return _with_parent(_clean_value(beside), after[:1])
    for k, ln in enumerate(after):
        t = ln.text
        if _LABEL_LINE.match(t) or _is_pure_date(t):
            return _letterhead_above(head, ref_line)
        if _MARK_WORDS.fullmatch(t.replace(" ", "")):
            continue
        # The name comes first, then the address; a PDF may wrap the name over lines.
        name = t
        for nxt_line in after[k + 1:k + 3]:
            nxt = nxt_line.text
            if agencies.lookup_name(agencies.canonical_name(name)) or _ADDRESS.search(nxt) \
                    or _is_label(nxt) or _is_pure_date(nxt):
                break
            joined = _join_wrapped([name, nxt])
            if agencies.lookup_name(agencies.canonical_name(joined)) or not agencies.AGENCY_START.match(nxt):
                name = joined
            else:
                break
        return _with_parent(_clean_value(name), after[k + 1:k + 2])
    return None


def _with_parent(name: str, following: list[Line]) -> str:
    """An office's name and the body on the line below it that it belongs to, when the
    office alone is no agency of the directory: a letterhead may name an office and, on the
    next line, its body (คณะวิทยาศาสตร์การกีฬา / มหาวิทยาลัยบูรพา, สำนักบริหารโครงการ /
    กรมชลประทาน); both are the sender."""
    if not following or agencies.lookup_name(agencies.canonical_name(name)):
        return name
    parent = following[0].text.strip()
    if (agencies.OFFICE_START.match(name) and agencies.PARENT_START.match(parent)
            and not _ADDRESS.search(parent) and not _is_label(parent) and len(parent) <= 60):
        return f"{name} {_clean_value(parent)}"
    return name


def _letterhead_above(head: list[Line], ref_line: Line) -> str | None:
    """Some letterheads print the agency above the reference number."""
    for ln in head:
        if ln.no >= ref_line.no:
            break
        t = ln.text
        if _MARK_WORDS.fullmatch(t.replace(" ", "")) or _ADDRESS.search(t):
            continue
        if agencies.lookup_name(agencies.canonical_name(t)) or agencies.AGENCY_START.match(t):
            return _clean_value(t)
    return None


def _stamped_agency(lines: list[Line], memo: Memo) -> str | None:
    """A stamped letter ends with the sending office's name above the date."""
    if memo.date_raw is None:
        return None
    for ln in _nonblank(lines):
        if memo.date_raw in ln.text and _is_pure_date(ln.text):
            prev = _prev_nonblank(lines, ln)
            if prev is None:
                return None
            name = prev.text
            before = _prev_nonblank(lines, prev)
            if before is not None and _fragment_of_name(before.text, name):
                name = _join_wrapped([before.text, name])
            return _clean_value(name)
    return None


# ---------------------------------------------------------------- stamps, contacts

_RECV_NO = re.compile(r"^" + RECEIVED_NO + r"\s*(?:ที่)?\s*[:.]?\s*([0-9๐-๙][0-9๐-๙/\-]*)")
_TIME = re.compile(r"([0-9๐-๙]{1,2})\s*[.:]\s*([0-9๐-๙]{2})")


def _fill_stamps(memo: Memo, lines: list[Line]) -> None:
    nb = _nonblank(lines)
    stamps = []
    for k, ln in enumerate(nb):
        m = _RECV_NO.match(ln.text)
        if not m:
            continue
        st = Stamp(no=arabic(m.group(1)))
        if k > 0 and not _LABEL_LINE.match(nb[k - 1].text) and not _REF_LABEL.match(nb[k - 1].text):
            by = nb[k - 1].text
            if k > 1 and _fragment_of_name(nb[k - 2].text, by) and not _REF_LABEL.match(nb[k - 2].text) \
                    and not _is_pure_date(nb[k - 2].text):
                by = _join_wrapped([nb[k - 2].text, by])
            st.by = _clean_value(by)
        for nxt in nb[k + 1:k + 4]:
            if st.date is None and _is_stamp_date_line(nxt.text):
                sent = date.fromisoformat(memo.date) if memo.date else None
                found = _settled_dates(nxt.text, sent=sent)
                after = _next_nonblank(lines, nxt)
                if not found and after is not None:  # narrow stamp: the year wrapped
                    found = _settled_dates(nxt.text + " " + after.text, sent=sent)
                if found:
                    st.date = found[0][2].isoformat()
            elif nxt.text.startswith("เวลา") and st.time is None:
                tm = _TIME.search(arabic(nxt.text) or "")
                if tm:
                    st.time = f"{int(tm.group(1)):02d}:{tm.group(2)}"
        stamps.append(st)
    memo.stamps = stamps
    if stamps:
        memo.received_no, memo.received_date, memo.received_time = stamps[0].no, stamps[0].date, stamps[0].time


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


def _fill_cites(memo: Memo, lines: list[Line], head: list[Line]) -> None:
    cites: list[str] = []
    hit = _first(head, _CITE_LABEL)
    if hit:
        block = [hit[0].text[hit[1].end():]] + [c.text for c in _continuation(lines, hit[0])]
        from .refno import find_ref_numbers
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


# ---------------------------------------------------------------- title

# A title shown in a list: about one line of a results page.
TITLE_MAX_CHARS = 90
TITLE_MIN_CHARS = 20
# The heading of a text without a subject line (heading_of) is indexed in the subject's
# place: a line longer than this is a paragraph, of which the opening words are enough.
HEADING_MAX_CHARS = 200
_TITLE_SCAN_CHARS = 4000  # the first words of a letter are within its first page
_KIND_WORDS = tuple(kind for kind, _ in _KIND_TITLES) + ("หนังสือประทับตรา",)
_THAI_LETTERS = re.compile("[ก-ฮ]")
# The running head of a Royal Gazette page (เล่ม ๑๓๔ ตอนที่ ๒๔ ก ราชกิจจานุเบกษา …).
_RUNNING_HEAD = re.compile(r"^เล่ม\s*[0-9๐-๙]+\s*ตอน")
NO_TEXT_TITLE = "ภาพสแกนที่ยังไม่ได้อ่านข้อความ (รอ OCR)"
UNTITLED = "หนังสือไม่มีชื่อเรื่อง"


def title_of(memo: Memo) -> str:
    """What a person calls the letter: its subject; else the first words of its own text
    that are not its letterhead, a label line (ที่, ถึง, เรียน …), a date, a mark (ด่วน,
    ลับ), a kind title or a receiving stamp (a stamped letter: the opening of its body);
    else its kind and number. Never its file name."""
    if memo.subject:
        return memo.subject
    words = heading_of(memo.text or "")
    if words:
        return _cut_words(words, TITLE_MAX_CHARS)
    if memo.needs_ocr:
        return NO_TEXT_TITLE
    kind = memo.kind if memo.kind and memo.kind != "อื่น ๆ" else None
    if kind or memo.ref_no:
        return " ".join(filter(None, (kind or "หนังสือ", memo.ref_no and f"ที่ {memo.ref_no}")))
    return UNTITLED


def heading_of(text: str) -> str | None:
    """The first words of a text that are not its letterhead, a label line, a date, a mark,
    a kind title or a receiving stamp (see title_of), at most HEADING_MAX_CHARS: what names
    a letter without a subject line (a news text's headline, a law's title); None when
    there are none."""
    lines = _mend_breaks(_lines(text[:_TITLE_SCAN_CHARS]))
    stamps = _stamp_line_indexes(lines)
    nb = [ln for ln in lines if ln.text and ln.no not in stamps]
    start = 0
    for k, ln in enumerate(nb[:40]):
        if _RECIP_LABEL.match(ln.text):
            # The body opens after the addressee, which may wrap onto a line or two.
            start = next((j for j in range(k + 1, min(k + 4, len(nb)))
                          if _opens_paragraph(nb[j].text)), k + 1)
            break
    first = None
    for ln in nb[start:start + 60]:
        if not _may_title(ln.text):
            continue
        # A title set on short lines (พระราชบัญญัติ / คุ้มครองข้อมูลส่วนบุคคล / พ.ศ. ๒๕๖๒)
        # goes on with the lines right under it; a short line alone (a stray heading
        # above the real one) gives way to a longer one further down.
        parts = [ln.text]
        for nxt in lines[ln.no + 1:]:
            if len(" ".join(parts)) >= TITLE_MIN_CHARS or not nxt.text or nxt.no in stamps \
                    or _is_label(nxt.text) or _opens_paragraph(nxt.text):
                break
            parts.append(nxt.text)
        title = _cut_words(_join_wrapped(parts), HEADING_MAX_CHARS, "")
        if len(title) >= TITLE_MIN_CHARS:
            return title
        first = first or title
    return first


def _may_title(text: str) -> bool:
    bare_text = text.strip(" .,:;-")
    return (len(_THAI_LETTERS.findall(bare_text)) >= 4
            and not (_is_label(text) or _is_structural(text) or _is_junk(text)
                     or _CLOSING.match(text) or _PAGE_NO.match(text) or _ADDRESS.match(text))
            and not _MARK_WORDS.fullmatch(bare_text)
            and bare_text not in _KIND_WORDS
            and not _RUNNING_HEAD.match(bare_text) and not _is_letterhead(bare_text))


def _is_letterhead(text: str) -> bool:
    """A line that is only an agency's name (ศาลากลางจังหวัดเชียงใหม่)."""
    return bool(agencies.AGENCY_START.match(text)) and " " not in text and bool(
        agencies.lookup_name(text) or agencies.resolve_sender(text))


def _cut_words(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text`, or its first words within `limit` characters and `ellipsis`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    from pythainlp.tokenize import word_tokenize

    out = ""
    for word in word_tokenize(text[:limit + 30], engine="newmm", keep_whitespace=True):
        if len(out) + len(word) > limit:
            break
        out += word
    return (out.rstrip() or text[:limit]) + ellipsis

"""Display helpers for the templates: Thai dates (พ.ศ.), numbers, field labels."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import settings
from archive.thaidate import THAI_MONTHS_ABBR, THAI_MONTHS_FULL, be_year
from index import SORTS

# Times are shown in Thailand's time (UTC+7, no daylight saving), whatever the server's zone.
THAI_TZ = timezone(timedelta(hours=7), "ICT")

# Thai labels of the memo record's fields, in the order the document page shows them.
FIELD_LABELS = (
    ("kind", "ประเภทหนังสือ"),
    ("ref_no", "ที่"),
    ("date", "ลงวันที่"),
    ("sender", "ส่วนราชการผู้ส่ง"),
    ("sender_code", "รหัสส่วนราชการ"),
    ("recipient", "เรียน"),
    ("subject", "เรื่อง"),
    ("urgency", "ชั้นความเร็ว"),
    ("secrecy", "ชั้นความลับ"),
    ("signatory", "ผู้ลงนาม"),
    ("position", "ตำแหน่ง"),
    ("owner_division", "ส่วนราชการเจ้าของเรื่อง"),
    ("phone", "โทร."),
    ("fax", "โทรสาร"),
    ("email", "ไปรษณีย์อิเล็กทรอนิกส์"),
)

FORMAT_LABELS = {"txt": "ไฟล์ข้อความ", "pdf": "PDF", "scan": "PDF (ภาพสแกน)",
                 "image": "ภาพสแกน", "docx": "Word (.docx)", "doc": "Word (.doc)",
                 "odt": "OpenDocument (.odt)"}

SORT_LABELS = dict(zip(SORTS, ("ตรงที่สุด", "ใหม่สุดก่อน", "เก่าสุดก่อน")))


def clearance_th(clearance: str | None) -> str:
    """A user's clearance as the pages say it (index.CLEARANCES; None: the local user)."""
    if clearance is None:
        return "ทุกชั้น"
    return "ไม่มี (เฉพาะหนังสือทั่วไป)" if clearance == "none" else f"ถึงชั้น{clearance}"


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def thai_date(value, full: bool = False) -> str:
    """ISO (common era) -> `22 ต.ค. 2563`; the input unchanged when it is not a date."""
    d = _as_date(value)
    if d is None:
        return value or ""
    months = THAI_MONTHS_FULL if full else THAI_MONTHS_ABBR
    return f"{d.day} {months[d.month - 1]} {be_year(d.year)}"


def thai_datetime(value) -> str:
    """An ISO timestamp or epoch seconds -> `22 ต.ค. 2563 เวลา 09:06 น.` (Thai time)."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        dt = datetime.fromtimestamp(value, timezone.utc)
    else:
        try:
            dt = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if dt.tzinfo is not None:
        dt = dt.astimezone(THAI_TZ)
    return f"{thai_date(dt)} เวลา {dt:%H:%M} น."


def iso_utc(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="seconds")


def number(value) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


def tidy_text(text: str | None) -> str:
    """Full text for reading: no blank lines at the ends, at most one blank line in a row."""
    if not text:
        return ""
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text).strip("\n")


def register(app) -> None:
    app.add_template_filter(tidy_text, "tidy_text")
    app.add_template_filter(highlight, "highlight")
    app.add_template_filter(thai_date, "thai_date")
    app.add_template_filter(thai_datetime, "thai_datetime")
    app.add_template_filter(number, "number")
    app.add_template_filter(clearance_th, "clearance_th")
    app.jinja_env.globals.update(FIELD_LABELS=FIELD_LABELS, FORMAT_LABELS=FORMAT_LABELS,
                                 SORT_LABELS=SORT_LABELS,
                                 MAX_INDEXED_CHARS=settings.MAX_INDEXED_CHARS)


_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TERM_RE = re.compile(r'"([^"]+)"|(\S+)')
# Words too common to be worth marking on their own (a whole-query match still marks them).
_COMMON = {"ที่", "และ", "ของ", "ใน", "ให้", "เรื่อง", "เรียน", "OR", "AND", "NOT"}


def _term_pattern(term: str) -> str:
    """A literal term; Thai and Arabic digits alike, spacing between a letter and a digit
    and around `/` and `.` optional, any run of spaces for a space."""
    out, prev_digit = [], None
    for ch in term:
        if ch.isspace():
            if out and out[-1] != r"\s+":
                out.append(r"\s+")
            prev_digit = None
            continue
        if ch in "/.":
            # `นร 0505/ว.500` = `นร0505/ว 500`: spaces around, the dot optional
            out.append("[ \t]?" + re.escape(ch) + ("?" if ch == "." else "") + "[ \t]?")
            prev_digit = None
            continue
        is_digit = ch.isdigit()
        if prev_digit is not None and is_digit != prev_digit:
            out.append("[ \t]?")
        if is_digit:
            n = _THAI_DIGITS.index(ch) if ch in _THAI_DIGITS else int(ch)
            out.append(f"[{n}{_THAI_DIGITS[n]}]")
        else:
            out.append(re.escape(ch))
        prev_digit = is_digit
    return "".join(out)


def highlight(text: str | None, q: str | None, max_terms: int = 20):
    """Full text, escaped, with the query in <mark>: the whole query and its words, matched
    literally (Thai and Arabic digits alike). Words after `-` and operators are not marked."""
    from markupsafe import Markup, escape

    text = tidy_text(text)
    q = (q or "").strip()
    terms = []
    words = []
    for m in _TERM_RE.finditer(q):
        term = (m.group(1) or m.group(2) or "").strip().strip('"')
        if not term or term.startswith("-"):
            continue
        words.append(term)
        if term not in _COMMON and len(term) >= 2:
            terms.append(term)
    if len(words) > 1:
        terms.append(" ".join(words))
    if not terms or not text:
        return escape(text)
    terms = sorted(set(terms[:max_terms + 1]), key=len, reverse=True)
    pattern = re.compile("|".join(_term_pattern(t) for t in terms), re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.end() == m.start():
            continue
        out.append(escape(text[pos:m.start()]))
        out.append(Markup("<mark>") + escape(m.group(0)) + Markup("</mark>"))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)

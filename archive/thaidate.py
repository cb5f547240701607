"""Thai dates as printed in letters and typed in queries, to common-era `date`s.

Years ≥ 2400 are พ.ศ. (Buddhist era, CE + 543); two-digit years are พ.ศ. (`63` = 2563);
years 1900-2399 are ค.ศ. Month names full or abbreviated (`ต.ค.`, `ตค`), Thai or Arabic digits.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from pythainlp.util import thai_digit_to_arabic_digit
from pythainlp.util.date import thai_abbr_months, thai_full_months

_MONTH_WORDS: dict[str, int] = {}
for _i, (_full, _abbr) in enumerate(zip(thai_full_months, thai_abbr_months), start=1):
    _MONTH_WORDS[_full] = _i
    _MONTH_WORDS[_abbr.replace(".", "")] = _i
# Common misspellings and short forms seen in typed and OCR'd letters.
_MONTH_WORDS.update({"กุมภาพันธ": 2, "มิถุนา": 6, "กรกฏาคม": 7, "พฤศจิกา": 11,
                     "ธันวา": 12, "มกรา": 1, "มีนา": 3, "เมษา": 4, "พฤษภา": 5, "กรกฎา": 7,
                     "สิงหา": 8, "กันยา": 9, "ตุลา": 10, "กุมภา": 2})


def _month_pattern() -> str:
    alts = []
    for word in sorted(_MONTH_WORDS, key=len, reverse=True):
        if len(word) <= 3:  # abbreviation: dots and spaces optional (ต.ค., ต. ค., ตค);
            # OCR may put a speck read as a vowel mark after a dot (พ.ุย.)
            alts.append(r"\.?[\u0E38\u0E39]?\s?".join(re.escape(c) for c in word) + r"\.?")
        else:
            alts.append(re.escape(word))
    return "(?:" + "|".join(alts) + ")"


_MONTH = _month_pattern()
_ERA = r"(?:(?:(?:พ|ค)\s?\.\s?ศ\s?\.?|พุทธศักราช|คริสต์ศักราช)\s*)"
_YEAR = r"(?P<year>\d{4}|\d{2})"
DATE_RE = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?:เดือน\s*)?(?P<month>{_MONTH})\s*(?:(?P<era>{_ERA})|ปี\s*)?{_YEAR}(?!\d)")
NUMERIC_RE = re.compile(r"(?<![\d/.])(?P<day>\d{1,2})\s?[/.-]\s?(?P<month>\d{1,2})\s?[/.-]\s?(?P<year>\d{4}|\d{2})(?![\d/])")
ISO_RE = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?\s*$")
NUMERIC_MONTH_RE = re.compile(r"^\s*(?P<month>\d{1,2})\s?[/.-]\s?(?P<year>\d{4}|\d{2})\s*$")
MONTH_ONLY_RE = re.compile(rf"^\s*(?:เดือน\s*)?(?P<month>{_MONTH})\s*(?:(?P<era>{_ERA})|ปี\s*)?{_YEAR}\s*$")
YEAR_ONLY_RE = re.compile(rf"^\s*(?:ปี\s*)?(?P<era>{_ERA})?(?P<year>\d{{4}}|\d{{2}})\s*$")


def _digits(text: str) -> str:
    return thai_digit_to_arabic_digit(text)


def month_number(word: str) -> int | None:
    key = re.sub(r"[\s.]", "", word)
    return (_MONTH_WORDS.get(key) or _MONTH_WORDS.get(word.strip())
            or _MONTH_WORDS.get(re.sub("[\u0E38\u0E39]", "", key)))


def ce_year(year: str | int, era: str | None = None) -> int | None:
    """Common-era year of a printed year (see module doc for the rules)."""
    y = int(year)
    era = re.sub(r"[\s.]", "", era or "").replace("คริสต์ศักราช", "คศ")
    if len(str(year)) <= 2:
        y += 2500  # two-digit years in Thai letters are Buddhist era
    if era == "คศ" and y < 2400:
        return y
    if y >= 2400:
        return y - 543
    if 1900 <= y < 2400:
        return y
    return None


def _make(year: int | None, month: int | None, day: int) -> date | None:
    if year is None or month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """All dates printed in the text, as (start, end, date) in text order."""
    s = _digits(text)  # same length: Thai digits map one to one
    found = []
    for m in DATE_RE.finditer(s):
        d = _make(ce_year(m.group("year"), m.group("era")), month_number(m.group("month")),
                  int(m.group("day")))
        if d:
            found.append((m.start(), m.end(), d))
    for m in NUMERIC_RE.finditer(s):
        if any(a <= m.start() < b for a, b, _ in found):
            continue
        year = m.group("year")
        if len(year) == 4 and int(year) < 2400 and int(year) < 1900:
            continue
        d = _make(ce_year(year), int(m.group("month")), int(m.group("day")))
        if d:
            found.append((m.start(), m.end(), d))
    return sorted(found, key=lambda x: x[0])


def parse_thai_date(text: str | None) -> date | None:
    """The first full date in the text (`22 ต.ค. 2563`, `๒๒ ตุลาคม ๒๕๖๓`, `22/10/63`,
    `วันที่ 22 เดือน ตุลาคม พ.ศ. 2563`, `2563-10-22`, `2020-10-22`), else None."""
    if not text:
        return None
    s = _digits(text)
    m = ISO_RE.match(s)
    if m and m.group("day"):
        return _make(ce_year(m.group("year")), int(m.group("month")), int(m.group("day")))
    found = find_dates(s)
    return found[0][2] if found else None


def parse_date_range(text: str | None) -> tuple[date, date] | None:
    """A date, a month (`ต.ค. 2563`, `2563-10`) or a year (`2563`, `63`, `2020`) as the
    inclusive range of days it covers."""
    if not text or not text.strip():
        return None
    s = _digits(text.strip())
    m = ISO_RE.match(s)
    if m and not m.group("day"):
        return _month_range(ce_year(m.group("year")), int(m.group("month")))
    m = NUMERIC_MONTH_RE.match(s)
    if m:
        return _month_range(ce_year(m.group("year")), int(m.group("month")))
    m = MONTH_ONLY_RE.match(s)
    if m:
        return _month_range(ce_year(m.group("year"), m.group("era")), month_number(m.group("month")))
    m = YEAR_ONLY_RE.match(s)
    if m:
        y = ce_year(m.group("year"), m.group("era"))
        if y is None or not 1 <= y <= 9999:
            return None
        return date(y, 1, 1), date(y, 12, 31)
    d = parse_thai_date(s)
    return (d, d) if d else None


def _month_range(year: int | None, month: int | None) -> tuple[date, date] | None:
    if year is None or month is None or not 1 <= month <= 12:
        return None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def parse_date_bound(text: str | None, end: bool = False) -> date | None:
    """Start (or, with end=True, last day) of the range `text` names; None if unreadable."""
    rng = parse_date_range(text)
    if rng is None:
        return None
    return rng[1] if end else rng[0]

"""Thai dates as printed in letters and typed in queries, to common-era `date`s.

Years ≥ 2400 are พ.ศ. (Buddhist era, CE + 543); two-digit years are พ.ศ. (`63` = 2563);
years 1900-2399 are ค.ศ. Month names full or abbreviated (`ต.ค.`, `ตค`), Thai or Arabic digits.
Dates are also read the way OCR leaves them on scans (see DATE_RE); a date whose month OCR
left as Latin letters may stand for several dates (`date_readings`), which only the letter
around it can settle: `find_dates` keeps the dates that read one way.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from pythainlp.util import remove_tonemark, thai_digit_to_arabic_digit
from pythainlp.util.date import thai_abbr_months, thai_full_months

from .thaitext import within_edits

# The one home of the month names, era words and year rules: the letter reader, the search
# box (index._understand) and the pages (web.formatting) all take them from here.
THAI_MONTHS_FULL = tuple(thai_full_months)   # มกราคม … ธันวาคม
THAI_MONTHS_ABBR = tuple(thai_abbr_months)   # ม.ค. … ธ.ค.

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


_MONTH = MONTH_PATTERN = _month_pattern()
_ERA = ERA_PATTERN = r"(?:(?:(?:พ|ค)\s?\.\s?ศ\s?\.?|พุทธศักราช|คริสต์ศักราช)\s*)"
_YEAR = r"(?P<year>\d{4}|\d{2})"

# How Tesseract damages printed dates on scans (measured on scanned letters):
# - Thai digits read as Latin look-alikes: ๑ as 9 or ©, ๒ as lo/le, ๓๐ as mo, ๐ as o.
# - ๗ standing alone read as the consonant ซ or ข.
# - a speck between the parts of a date, or inside the year (๒๕๖.๘).
# - an abbreviated month read as Latin letters (n.w. for ก.พ., A.8. for ก.ย.).
_LOOKALIKE_DIGITS = {"lo": "2", "le": "2", "mo": "30", "o": "0", "©": "1", "ซ": "7", "ข": "7"}
_SPECK = r"[.,'’‘`]"
_NUM = r"(?:\d|lo|le|mo|o|©)"
_OCR_DAY = rf"(?P<day>(?<![\w©]){_NUM}{{1,2}}|(?<!\d)\d{{1,2}}|(?<![\w\u0E31-\u0E4E])[ซข])"
_OCR_YEAR = rf"(?P<year>(?:\d|[o©]){{4}}|\d{{3}}{_SPECK}\d|\d{{2}})"
# Latin shapes of the consonants of abbreviated month names (A.A. = ต.ค., W.A. = พ.ค.,
# Wa. = ต.ค., nv. = ก.ย., 4.A. = ส.ค.). A dot may come out as `e` (NeW. = ก.พ.).
_LATIN_SHAPES = {"A": "กคต", "a": "คตส", "n": "ก", "N": "ก", "W": "พต", "w": "พต",
                 "8": "ย", "v": "ย", "4": "ส"}
_L = "[" + "".join(_LATIN_SHAPES) + "]"
_LATIN_MONTH = rf"(?<![A-Za-z0-9])(?P<latin>{_L}(?:[.,]\s?|e)?{_L}e?[.,])(?![A-Za-z0-9])"
DATE_RE = re.compile(
    rf"{_OCR_DAY}(?:\s*{_SPECK}?\s*(?:เดือน\s*)?(?:(?P<month>{_MONTH})|(?P<near>[ก-ฮ][ก-๎]{{4,9}}))"
    rf"|\s+{_LATIN_MONTH})"
    rf"\s*{_SPECK}?\s*(?:(?P<era>{_ERA})|ปี\s*)?{_OCR_YEAR}(?!\d)")
# Abbreviated months by their consonants (ม.ค. and มี.ค. share theirs: never read from Latin).
_SKELETONS: dict[str, list[int]] = {}
for _i, _abbr in enumerate(thai_abbr_months, start=1):
    _SKELETONS.setdefault(re.sub(r"[.\u0E34-\u0E37เ]", "", _abbr), []).append(_i)
NUMERIC_RE = re.compile(r"(?<![\d/.])(?P<day>\d{1,2})\s?[/.-]\s?(?P<month>\d{1,2})\s?[/.-]\s?(?P<year>\d{4}|\d{2})(?![\d/])")
ISO_RE = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?\s*$")
NUMERIC_MONTH_RE = re.compile(r"^\s*(?P<month>\d{1,2})\s?[/.-]\s?(?P<year>\d{4}|\d{2})\s*$")
MONTH_ONLY_RE = re.compile(rf"^\s*(?:เดือน\s*)?(?P<month>{_MONTH})\s*(?:(?P<era>{_ERA})|ปี\s*)?{_YEAR}\s*$")
YEAR_ONLY_RE = re.compile(rf"^\s*(?:ปี\s*)?(?P<era>{_ERA})?(?P<year>\d{{4}}|\d{{2}})\s*$")
# A fiscal year (ปีงบประมาณ 2567, ปีงบ 67, งบประมาณ พ.ศ. 2567): 1 October of the year
# before to 30 September.
FISCAL_YEAR_RE = re.compile(rf"^\s*(?:ปี\s*)?(?:งบประมาณ|งบ\.?|งป\.?)\s*(?P<era>{_ERA})?\s*"
                            rf"(?P<year>\d{{4}}|\d{{2}})\s*$")


def arabic_digits(text: str) -> str:
    """Thai digits as Arabic ones, same length (positions carry over)."""
    return thai_digit_to_arabic_digit(text) if text else text


_digits = arabic_digits


def be_year(ce: int) -> int:
    """The Buddhist-era year of a common-era one."""
    return ce + 543


def fiscal_year_range(year: int) -> tuple[date, date]:
    """The Thai fiscal year `year` (common era): 1 October of the year before to 30 September."""
    return date(year - 1, 10, 1), date(year, 9, 30)


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


def _near_month(word: str) -> int | None:
    """A full month name one letter off (OCR's จั้นวาคม for ธันวาคม), tone marks aside;
    None when no name or more than one is that close."""
    bare = remove_tonemark(word)
    near = {n for name, n in _MONTH_WORDS.items()
            if len(name) >= 6 and within_edits(bare, remove_tonemark(name), 1)}
    return near.pop() if len(near) == 1 else None


def _latin_months(token: str) -> list[int]:
    """The months an abbreviation read as Latin letters may stand for (A.A.: ก.ค. or ต.ค.)."""
    shapes = [c for c in re.sub(r"[.,\s]|(?<=.)e", "", token)]
    if len(shapes) != 2:
        return []
    return sorted({n for a in _LATIN_SHAPES[shapes[0]] for b in _LATIN_SHAPES[shapes[1]]
                   for n in _SKELETONS.get(a + b, [])})


def _number(read: str, printed: str, thai: bool) -> str | None:
    """Digits of a day or year as OCR left them (`read`: Thai digits already Arabic).
    Look-alikes count only in a date printed in Thai digits, where an Arabic 9 is a ๑."""
    if thai:
        read = "".join("1" if p == "9" else c for c, p in zip(read, printed))
        for shape, digit in _LOOKALIKE_DIGITS.items():
            read = read.replace(shape, digit)
    read = re.sub(_SPECK, "", read)
    return read if read.isascii() and read.isdigit() else None


def _readings(m: re.Match, text: str) -> tuple[date, ...]:
    """The dates one match of DATE_RE may stand for: none, one, or several where the
    month was read as Latin letters."""
    thai = bool(re.search("[๐-๙]", text[m.start():m.end()]))
    day = _number(m.group("day"), text[m.start("day"):m.end("day")], thai)
    year = _number(m.group("year"), text[m.start("year"):m.end("year")], thai)
    if day is None or year is None:
        return ()
    if m.group("latin"):
        if not (m.group("day") + m.group("year")).isdigit():
            return ()  # a Latin month among Latin digits is too little to go on
        months = _latin_months(m.group("latin"))
    elif m.group("near"):
        months = [_near_month(m.group("near"))]
    else:
        months = [month_number(m.group("month"))]
        if not m.group("day").isdigit() and len(re.sub(r"[\s.]", "", m.group("month"))) <= 3:
            return ()  # a consonant for ๗ only before a full month name
    y = ce_year(year, m.group("era"))
    return tuple(d for n in months if n and (d := _make(y, n, int(day))))


def date_readings(text: str) -> list[tuple[int, int, tuple[date, ...]]]:
    """All dates printed in the text, as (start, end, the dates it may be) in text order."""
    s = _digits(text)  # same length: Thai digits map one to one
    found = []
    for m in DATE_RE.finditer(s):
        ds = _readings(m, text)
        if ds:
            found.append((m.start(), m.end(), ds))
    for m in NUMERIC_RE.finditer(s):
        if any(a <= m.start() < b for a, b, _ in found):
            continue
        year = m.group("year")
        if len(year) == 4 and int(year) < 2400 and int(year) < 1900:
            continue
        d = _make(ce_year(year), int(m.group("month")), int(m.group("day")))
        if d:
            found.append((m.start(), m.end(), (d,)))
    return sorted(found, key=lambda x: x[0])


# The year as OCR damaged it: a speck among its digits (๒๕๖.๘, ๒๕๒.๗), read as what its
# digits say, which may be any year; and the Buddhist-era years a letter names elsewhere.
_DAMAGED_YEAR = re.compile(rf"(?<!\d)\d{{3}}{_SPECK}\d(?!\d)")
_BE_YEAR = re.compile(r"(?<![\d.,/])(2[45]\d\d)(?!\d)")


def damaged_year(text: str) -> int | None:
    """The year a date read with a speck inside its year gives (`๓๑ สิงหาคม ๒๕๒.๗` -> 2527),
    or None when its year was read whole."""
    m = _DAMAGED_YEAR.search(_digits(text))
    return int(re.sub(r"\D", "", m.group())) if m else None


def be_years(text: str) -> list[int]:
    """The Buddhist-era years (24xx, 25xx) printed in a text, in Thai or Arabic digits."""
    return [int(y) for y in _BE_YEAR.findall(_digits(text))]


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """All dates printed in the text that read one way only, as (start, end, date)."""
    return [(a, b, ds[0]) for a, b, ds in date_readings(text) if len(ds) == 1]


def parse_thai_date(text: str | None) -> date | None:
    """The first full date in the text (`22 ต.ค. 2563`, `๒๒ ตุลาคม ๒๕๖๓`, `22/10/63`,
    `วันที่ 22 เดือน ตุลาคม พ.ศ. 2563`, `2563-10-22`, `2020-10-22`), else None."""
    if not text:
        return None
    s = _digits(text)
    m = ISO_RE.match(s)
    if m and m.group("day"):
        return _make(ce_year(m.group("year")), int(m.group("month")), int(m.group("day")))
    found = find_dates(text)  # the printed digits tell OCR's look-alikes apart
    return found[0][2] if found else None


def parse_date_range(text: str | None) -> tuple[date, date] | None:
    """A date, a month (`ต.ค. 2563`, `2563-10`), a year (`2563`, `63`, `2020`) or a fiscal
    year (`ปีงบประมาณ 2564`: 1 Oct 2563 to 30 Sep 2564) as the inclusive range of days it
    covers."""
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
    m = FISCAL_YEAR_RE.match(s)
    if m:
        y = ce_year(m.group("year"), m.group("era"))
        if y is None or not 2 <= y <= 9999:
            return None
        return fiscal_year_range(y)
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

"""Metadata typed in the search box: a date range and a sending agency.

Clerks type `กรมการจัดหางาน พ.ศ. ๒๕๖๘ ถึง ๒๕๖๘`, `จังหวัดพิษณุโลก ๒๑ พฤษภาคม ๒๕๖๒ ถึง ๒๘ ตุลาคม
๒๕๖๒` or `กทม. 2014` into the one box. Only text that unambiguously is a date range or a known
agency is taken out of the words:

- a range `X ถึง Y` / `X - Y` (X and Y a date, a month or a year, BE or CE, Thai or Arabic
  digits) is a date filter, unless more than RANGE_MAX_WORDS words come with it: a subject
  line or a headline pasted whole (`รายละเอียดการคำนวณค่าไฟฟ้างวด พ.ค - ส.ค 2566 …`) holds
  its range as part of what the letter says;
- a known agency (full name, printed alias, dotted abbreviation such as `สลค.`) standing as
  its own words is a sender; it filters when the query holds nothing else but metadata
  (agency, dates), else it only ranks that agency's letters higher;
- a single date or month is a date filter only in such a metadata-only query, a single
  year only when an agency comes with it;
- `ปีงบประมาณ 2559` is the fiscal year, 1 October 2558 to 30 September 2559.

Readings of dates go through archive.thaidate and agencies through archive.agencies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from archive.agencies import load as load_agencies
from archive.thaidate import (ERA_PATTERN, MONTH_PATTERN, arabic_digits, be_year,
                              fiscal_year_range, parse_date_range)
from archive.thaitext import thai_dictionary

from ._segment import terms

# The month and era words are the letter reader's, so the box reads every date a letter
# may print (พุทธศักราช ๒๕๖๓ as well as พ.ศ. 2563).
_ERA = ERA_PATTERN
# The Thai fiscal year (ปีงบประมาณ 2559) runs from 1 October 2558 to 30 September 2559.
_FISCAL = r"(?:ปีงบประมาณ|ปีงบฯ?|ปี\s?งปม\.?)"
_YEAR4 = r"(?:1[89]\d\d|2[0-6]\d\d)"


@lru_cache(maxsize=1)
def _patterns():
    month = MONTH_PATTERN
    # One date-ish expression: a full date, a month with its year, or a year.
    full = rf"(?:วันที่\s*)?\d{{1,2}}\s*(?:เดือน\s*)?{month}\s*(?:{_ERA}|ปี\s*)?(?:\d{{4}}|\d{{2}})"
    numeric = r"\d{1,2}\s?/\s?\d{1,2}\s?/\s?(?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
    month_year = rf"(?:เดือน\s*)?{month}\s*(?:{_ERA}|ปี\s*)?(?:\d{{4}}|\d{{2}})"
    month_only = rf"(?:เดือน\s*)?{month}"
    year = rf"(?:ปี\s*)?(?:{_ERA})?{_YEAR4}"
    fiscal = rf"{_FISCAL}\s*(?:{_ERA})?{_YEAR4}"
    one = rf"(?:{fiscal}|{full}|{numeric}|{month_year}|{year})"
    left = rf"(?:{fiscal}|{full}|{numeric}|{month_year}|{year}|{month_only})"
    sep = r"\s*(?:ถึง(?:วันที่)?|จนถึง|-|–|—|~)\s*"
    lead = r"(?:(?:ตั้งแต่|ระหว่าง)(?:วันที่)?\s*)?"
    b, e = r"(?<![\w.])", r"(?![\w])"
    rng = re.compile(rf"{b}{lead}(?P<a>{left}){sep}(?P<b>{one}){e}")
    single = re.compile(rf"{b}(?:(?:ลงวันที่|ในปี|ของปี)\s*)?(?P<a>{one}){e}")
    return rng, single


@dataclass(frozen=True)
class Understood:
    text: str                       # what is left for word search
    date_from: date | None = None
    date_to: date | None = None
    sender: str | None = None       # the agency as typed
    sender_filter: bool = False     # True: a filter; False: a ranking hint only
    date_is_filter: bool = False
    date_text: str | None = None    # the date or range as typed, when it is a filter

    @property
    def any(self) -> bool:
        return bool(self.sender or self.date_from or self.date_to)


def _range_of(text: str, fiscal: bool = False) -> tuple[date, date] | None:
    """The days `text` covers; a year is a fiscal year after ปีงบประมาณ (or `fiscal`)."""
    text = re.sub(r"^(?:วันที่|ลงวันที่|ในปี|ของปี)\s*", "", text.strip())
    m = re.match(_FISCAL + r"\s*", text)
    if m:
        fiscal, text = True, text[m.end():]
    try:
        rng = parse_date_range(text)
    except (ValueError, OverflowError):
        return None
    if rng and fiscal and _is_year(text):
        year = rng[1].year
        try:
            return fiscal_year_range(year)
        except ValueError:
            return None
    return rng


def _is_year(text: str) -> bool:
    """A year alone (with ปี, ปีงบประมาณ or an era), no month or day."""
    text = re.sub(_FISCAL, "", text)
    return bool(re.fullmatch(rf"\s*(?:ปี\s*)?(?:{_ERA})?{_YEAR4}\s*", text))


def _is_fiscal(text: str) -> bool:
    return bool(re.match(r"\s*" + _FISCAL, text))


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


@lru_cache(maxsize=1)
def _agency_names() -> list[tuple[str, bool]]:
    """(compact form, is_abbreviation) of every agency name, alias and abbreviation,
    longest first."""
    names: dict[str, bool] = {}
    for ag in load_agencies():
        for name in (ag.name, *ag.aliases):
            if name and len(name) >= 4:
                names.setdefault(name, False)
        if ag.abbr and "." in ag.abbr:
            names.setdefault(ag.abbr, True)
            # typed without its dots (สลค, กทม): only when that is no Thai word
            bare = ag.abbr.replace(".", "")
            if " " not in bare and len(bare) >= 3 and bare not in thai_dictionary():
                names.setdefault(bare, True)
    return sorted(names.items(), key=lambda kv: -len(kv[0]))


def _find_agency(text: str) -> tuple[int, int, str] | None:
    """The first known agency named as whole words of `text` (spacing inside the name
    optional), as (start, end, the name as typed)."""
    for pattern in _agency_patterns():
        m = pattern.search(text)
        if m:
            return m.start(), m.end(), m.group()
    return None


@lru_cache(maxsize=1)
def _agency_patterns() -> tuple[re.Pattern, ...]:
    """One compiled pattern a name, in _agency_names() order (compiled per query, the
    hundreds of them overflowed re's own cache)."""
    return tuple(re.compile(r"(?:^|(?<=\s))" + r"\s*".join(re.escape(p) for p in name.split()) + r"(?=\s|$)")
                 for name, _abbr in _agency_names())


_FILLER = re.compile(r"^(?:ถึง|จนถึง|ตั้งแต่|ระหว่าง|วันที่|ลงวันที่|ปี|พ\.ศ\.|ค\.ศ\.|จาก|หนังสือ|ของ"
                     r"|เดือน|และ|-|–|—|,)$")


# A clerk's filter comes with a few words (ประชุมคณะกรรมการ ต.ค. 2563 - ธ.ค. 2563); of the
# 300 thaigov headlines typed whole (eval_search --known-items), two held a range inside
# 8+ words and were filtered away from their own text.
RANGE_MAX_WORDS = 8


def _words_beside(scan: str, spans) -> int:
    """Dictionary words of `scan` outside `spans`."""
    for start, end in spans:
        scan = _blank(scan, start, end)
    return len(terms(scan))


def understand(text: str) -> Understood:
    """Take the date range and the agency out of box text (quoted phrases left alone)."""
    if not text or not text.strip():
        return Understood(text or "")
    # Work on a copy with Thai digits mapped (same length) and quoted parts masked.
    scan = arabic_digits(text)
    scan = re.sub(r'"[^"]*"?', lambda m: " " * len(m.group()), scan)
    rng_re, single_re = _patterns()
    dates: tuple[date, date] | None = None
    date_text = sender = None

    date_span = None
    for m in rng_re.finditer(scan):
        # `ปีงบประมาณ 2559 - 2561`: both ends are fiscal years
        fiscal = _is_fiscal(m.group("a")) and _is_year(m.group("b"))
        a, b = _range_of(m.group("a")), _range_of(m.group("b"), fiscal)
        if a is None and b is not None and not re.search(r"\d", m.group("a")):
            # `มี.ค. - ก.ค. 2562`: the left month takes the right year
            a = _range_of(f"{m.group('a')} {be_year(b[0].year)}")
        if a and b and a[0] <= b[1]:
            date_span = (m.start(), m.end())
            break
    agency = _find_agency(_blank(scan, *date_span) if date_span else scan)
    if date_span and _words_beside(scan, [date_span] + ([agency[:2]] if agency else [])) \
            > RANGE_MAX_WORDS:
        date_span = None  # words of a subject line or a headline
    if date_span:
        dates = a[0], b[1]
        date_text = text[date_span[0]:date_span[1]].strip()
        scan = _blank(scan, *date_span)
        text = _blank(text, *date_span)

    if agency:
        scan = _blank(scan, agency[0], agency[1])
        text = _blank(text, agency[0], agency[1])
        sender = agency[2]

    single = None
    if not date_span:
        for m in single_re.finditer(scan):
            r = _range_of(m.group("a"))
            if r:
                single = (m.start(), m.end(), r)
                break
    rest = scan if single is None else _blank(scan, single[0], single[1])
    words = [w for w in rest.split() if not _FILLER.match(w)]
    metadata_only = not words and (agency or date_span or single)
    # A lone year (ปี 2563, ปีงบประมาณ 2563) is as likely words of the text unless an
    # agency comes with it; a day or a month in a metadata-only query is a date.
    if single and metadata_only and (agency or not _is_year(scan[single[0]:single[1]])):
        dates = single[2][0], single[2][1]
        date_text = text[single[0]:single[1]].strip()
        text = _blank(text, single[0], single[1])
    sender_filter = bool(agency and metadata_only)
    keep_words = bool(words)
    if agency and not sender_filter:
        # A hint only: the name stays in the words as well.
        text, keep_words = text[:agency[0]] + agency[2] + text[agency[1]:], True
    out = Understood(text, *(dates or (None, None)), sender=sender, sender_filter=sender_filter,
                     date_is_filter=dates is not None, date_text=date_text)
    return _strip_fillers(out, keep_words)


def _strip_fillers(out: Understood, keep_words: bool) -> Understood:
    if out.any and not keep_words:
        return replace(out, text=" ".join(w for w in out.text.split() if not _FILLER.match(w)))
    return out

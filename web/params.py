"""Request arguments -> a checked search request, shared by the HTML pages and the JSON API.

Every page that searches (``/search`` and ``/api/search``) goes through `parse_search`, so
both say the same thing about the same bad parameter. Nothing here renders anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import settings
from archive.fields import URGENCY
from archive.kinds import Kind
from index import DEFAULT_SORT, SORTS, BadFilter, FilterProblem, Filters

# The URL parameters that are filters, in the order the form shows them.
FILTER_NAMES = ("subject", "sender", "recipient", "date_from", "date_to", "ref_no",
                "received_no", "received_from", "received_to", "kind", "urgency")
MAX_PAGE = 10_000
# The select boxes' lists: the kinds and urgency levels the extractor writes (any other
# value is still accepted and matched exactly), the least urgent first.
KINDS = tuple(Kind)
URGENCIES = tuple(reversed(URGENCY))

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DOC_ID = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")

# Thai names of the parameters, for messages shown on the HTML pages.
LABELS_TH = {
    "q": "คำค้น", "subject": "เรื่อง", "sender": "ส่วนราชการผู้ส่ง",
    "date_from": "ตั้งแต่วันที่", "date_to": "ถึงวันที่", "ref_no": "ที่ (เลขที่หนังสือ)",
    "received_no": "เลขรับ", "recipient": "เรียน (ผู้รับ)",
    "received_from": "รับตั้งแต่วันที่", "received_to": "รับถึงวันที่", "kind": "ประเภทหนังสือ", "urgency": "ชั้นความเร็ว",
    "sort": "การเรียงลำดับ", "page": "หน้า", "per_page": "จำนวนต่อหน้า",
}


class BadParam(ValueError):
    """A request parameter that cannot be understood. `str()` is the English message (JSON);
    `thai` is the message for the HTML page; `param` names the parameter."""

    def __init__(self, param: str, message: str, thai: str | None = None):
        super().__init__(message)
        self.param = param
        self.thai = thai or message


@dataclass
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)   # raw text as typed, only non-empty ones
    parsed: Filters | None = None                 # checked by the index's own parser
    sort: str = DEFAULT_SORT
    page: int = 1
    per_page: int = settings.DEFAULT_PER_PAGE
    truncated: list[str] = field(default_factory=list)   # names of parameters that were cut
    per_page_clamped: bool = False
    as_typed: bool = False   # search q as typed (not as Thai typed on the English layout)
    as_words: bool = False   # an agency or a date in q is searched as words, not a filter

    @property
    def empty(self) -> bool:
        return not self.q and not self.filters

    def args(self, **changes) -> dict:
        """The URL parameters of this search, with `changes` applied (None removes one)."""
        out: dict[str, object] = {}
        if self.q:
            out["q"] = self.q
        out.update(self.filters)
        if self.sort != DEFAULT_SORT:
            out["sort"] = self.sort
        if self.page != 1:
            out["page"] = self.page
        if self.per_page != settings.DEFAULT_PER_PAGE:
            out["per_page"] = self.per_page
        if self.as_typed:
            out["as_typed"] = 1
        if self.as_words:
            out["as_words"] = 1
        for key, value in changes.items():
            if value is None or value == "":
                out.pop(key, None)
            else:
                out[key] = value
        return out

    def query_string(self, **changes) -> str:
        return urlencode(self.args(**changes))


def _text(args, name: str, limit: int, truncated: list[str]) -> str:
    value = args.get(name, "") or ""
    value = _CONTROL.sub(" ", value).strip()
    if len(value) > limit:
        value = value[:limit].rstrip()
        truncated.append(name)
    return value


def _int(args, name: str, default: int) -> int:
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadParam(name, f"{name}: {raw[:40]!r} is not a whole number",
                       f"{LABELS_TH[name]}: “{raw[:40]}” ไม่ใช่ตัวเลขจำนวนเต็ม") from None


def _flag(args, name: str) -> bool:
    return (args.get(name) or "").strip() in ("1", "true", "yes", "on")


def parse_search(args) -> SearchParams:
    """Check the search parameters of a request (a werkzeug MultiDict or a plain dict).

    Raises BadParam with a message that says what is wrong. The query and each filter are
    cut to settings.MAX_QUERY_CHARS (the names of those cut are in `.truncated`);
    per_page is clamped to settings.MAX_PER_PAGE.
    """
    limit = settings.MAX_QUERY_CHARS
    p = SearchParams()
    p.q = _text(args, "q", limit, p.truncated)
    for name in FILTER_NAMES:
        value = _text(args, name, limit, p.truncated)
        if value:
            p.filters[name] = value

    sort = (args.get("sort") or "").strip() or DEFAULT_SORT
    if sort not in SORTS:
        raise BadParam("sort", f"sort must be one of {', '.join(SORTS)} (got {sort[:40]!r})",
                       "การเรียงลำดับต้องเป็น relevance (ตรงที่สุด), date (ใหม่สุดก่อน) "
                       "หรือ date_asc (เก่าสุดก่อน)")
    p.sort = sort
    p.as_typed = _flag(args, "as_typed")
    p.as_words = _flag(args, "as_words")

    p.page = _int(args, "page", 1)
    if not 1 <= p.page <= MAX_PAGE:
        raise BadParam("page", f"page must be between 1 and {MAX_PAGE}",
                       f"หน้าต้องอยู่ระหว่าง 1 ถึง {MAX_PAGE:,}")
    p.per_page = _int(args, "per_page", settings.DEFAULT_PER_PAGE)
    if p.per_page < 1:
        raise BadParam("per_page", "per_page must be at least 1",
                       "จำนวนต่อหน้าต้องมีอย่างน้อย 1")
    if p.per_page > settings.MAX_PER_PAGE:
        p.per_page = settings.MAX_PER_PAGE
        p.per_page_clamped = True

    try:
        p.parsed = Filters.parse(p.filters)
    except BadFilter as exc:
        raise _thai_filter_error(exc) from None
    return p


def _thai_filter_error(exc: BadFilter) -> BadParam:
    """The BadParam of a filter the index could not understand: the English message is the
    index's own; the Thai one is made of what the index says was wrong (its attributes)."""
    name, message = exc.name, str(exc)
    if exc.problem is FilterProblem.REVERSED:
        return BadParam(name, message,
                        f"{LABELS_TH[name]} อยู่หลัง {LABELS_TH[exc.other]} — ช่วงวันที่กลับด้าน")
    if exc.problem is FilterProblem.BAD_DATE:
        thai = (f"{LABELS_TH[name]}: อ่านวันที่ “{exc.value}” ไม่ได้ — พิมพ์เป็น พ.ศ. เช่น "
                "22 ต.ค. 2563, ต.ค. 2563, 2563 หรือ ปีงบประมาณ 2563 (หรือ ค.ศ. แบบ 2020-10-22)")
        return BadParam(name, message, thai)
    return BadParam(name, message, "เลขรับต้องมีตัวเลข (เลขไทยหรือเลขอารบิกก็ได้)")  # NO_DIGITS


def valid_doc_id(doc_id: str) -> bool:
    return bool(_DOC_ID.match(doc_id or ""))


def raw_params(args) -> SearchParams:
    """What the user typed, unchecked: to refill the form next to an error message."""
    p = SearchParams()
    p.q = _CONTROL.sub(" ", args.get("q", "") or "")[:settings.MAX_QUERY_CHARS]
    for name in FILTER_NAMES:
        value = _CONTROL.sub(" ", args.get(name, "") or "").strip()[:settings.MAX_QUERY_CHARS]
        if value:
            p.filters[name] = value
    sort = args.get("sort") or DEFAULT_SORT
    p.sort = sort if sort in SORTS else DEFAULT_SORT
    return p

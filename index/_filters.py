"""Structured filters (subject, sender, dates, reference number, เลขรับ, kind, urgency):
parsed and checked here, applied as sets of allowed documents in _search."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from whoosh import query as Q

from ._documents import compact, digits_key


class BadFilter(ValueError):
    """A filter value that cannot be understood; the message says which and why."""


@dataclass
class Filters:
    subject: str | None = None
    sender: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    ref_no: str | None = None
    received_no: str | None = None
    kind: str | None = None
    urgency: str | None = None
    # Senders named in the search box (each must hold, like `sender`).
    more_senders: tuple[str, ...] = ()

    @classmethod
    def parse(cls, raw: dict) -> "Filters":
        """`raw` holds what the user typed (CLI flags or URL parameters)."""
        from archive.refno import normalize_ref_no
        from archive.thaidate import parse_date_bound

        def clean(name):
            value = raw.get(name)
            value = value.strip() if isinstance(value, str) else value
            return value or None

        f = cls(subject=clean("subject"), sender=clean("sender"), kind=clean("kind"),
                urgency=clean("urgency"))
        for name, end in (("date_from", False), ("date_to", True)):
            text = clean(name)
            if text is None:
                continue
            bound = parse_date_bound(text, end=end)
            if bound is None:
                raise BadFilter(f"{name.replace('_', '-')}: cannot read the date {text!r}; "
                                "use YYYY-MM-DD, a พ.ศ. year such as 2563, or 22 ต.ค. 2563")
            setattr(f, name, bound)
        if f.date_from and f.date_to and f.date_from > f.date_to:
            raise BadFilter("date-from is after date-to")
        ref = clean("ref_no")
        if ref is not None:
            f.ref_no = normalize_ref_no(ref) or ref
        received = clean("received_no")
        if received is not None:
            f.received_no = digits_key(received)
            if f.received_no is None:
                raise BadFilter(f"received-no: {received!r} has no digits")
        return f

    @property
    def active(self) -> bool:
        return any(v is not None and v != () for v in vars(self).values())

    def as_dict(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, date) else v)
                for k, v in vars(self).items() if v is not None and k != "more_senders"}

    def narrowed(self, date_from: date | None = None, date_to: date | None = None,
                 sender: str | None = None) -> "Filters":
        """These filters AND a date range / a sender (understood from the search box)."""
        from dataclasses import replace

        lo = max(filter(None, (self.date_from, date_from)), default=None)
        hi = min(filter(None, (self.date_to, date_to)), default=None)
        more = self.more_senders + ((sender,) if sender else ())
        return replace(self, date_from=lo, date_to=hi, more_senders=more)


def allowed_docnums(searcher, f: Filters, memo: dict | None = None) -> set[int] | None:
    """Documents that pass every filter, or None when no filter is set. `memo`: see
    sender_docnums."""
    sets: list[set[int]] = []
    queries: list[Q.Query] = []
    if f.kind:
        queries.append(Q.Term("kind", f.kind))
    if f.urgency:
        queries.append(Q.Term("urgency", f.urgency))
    if f.ref_no:
        queries.append(Q.Term("ref_key", compact(f.ref_no)))
    if f.received_no:
        queries.append(Q.Term("received_key", f.received_no))
    if f.date_from or f.date_to:
        start = datetime.combine(f.date_from, datetime.min.time()) if f.date_from else None
        end = (datetime.combine(f.date_to, datetime.min.time()) + timedelta(days=1)
               - timedelta(microseconds=1)) if f.date_to else None
        queries.append(Q.DateRange("date", start, end))
    for q in queries:
        sets.append(set(searcher.docs_for_query(q)))
    if f.subject:
        sets.append(_column_contains(searcher, "subject_norm", compact(f.subject)))
    if f.sender:
        sets.append(sender_docnums(searcher, f.sender, memo))
    for sender in f.more_senders:
        sets.append(sender_docnums(searcher, sender, memo))
    if not sets:
        return None
    out = set(sets[0])  # a copy: sender sets may be memoised
    for s in sets[1:]:
        out &= s
    return out


def _column_contains(searcher, column: str, needle: str) -> set[int]:
    reader = searcher.reader()
    if not needle or not reader.has_column(column):
        return set()
    values = reader.column_reader(column)
    raw = needle.encode()
    return {n for n in reader.all_doc_ids() if raw in values[n]}


def sender_keys(text: str) -> set[str]:
    """sender_key terms of the agencies `text` names (name, abbreviation or code)."""
    from archive.agencies import resolve_sender

    keys = set()
    for agency in resolve_sender(text):
        for value in (_attr(agency, "name"), _attr(agency, "code"), _attr(agency, "abbr")):
            if value:
                keys.add(compact(value))
    return keys


def sender_docnums(searcher, text: str, memo: dict | None = None) -> frozenset[int]:
    """By the directory when the text names a known agency (name, abbreviation or code),
    else every sender that contains the text. `memo`, a dict that lives as long as the
    searcher, keeps the answer (the sender facet asks for up to 40 senders a search)."""
    if memo is not None:
        key = ("sender", text)
        if key not in memo:
            memo[key] = sender_docnums(searcher, text)
        return memo[key]
    keys = sender_keys(text)
    found: set[int] = set()
    for key in keys:
        found |= set(searcher.docs_for_query(Q.Term("sender_key", key)))
    if keys:
        return frozenset(found)
    return frozenset(_column_contains(searcher, "sender_norm", compact(text)))


def _attr(agency, name: str):
    return agency.get(name) if isinstance(agency, dict) else getattr(agency, name, None)

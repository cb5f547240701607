"""Which letters the structured filters (_filters.Filters) allow: a mask over the docnums
of one commit, read from its arrays (_arrays), applied to every search (_search) and the
sender facet (_facets)."""
from __future__ import annotations

from collections import OrderedDict
from datetime import date

import numpy as np

from archive.agencies import resolve_sender

from ._arrays import as_mask
from ._documents import compact
from ._filters import Filters


def allowed(searcher, arrays, f: Filters, memo: dict | None = None) -> np.ndarray | None:
    """Which letters pass every filter (a mask over docnums), or None when no filter is
    set. Read from the arrays of the commit (_arrays), kept in `memo` (see
    sender_docnums) for the next page of the same search."""
    kept = memo.setdefault("allowed", OrderedDict()) if memo is not None else {}
    key = repr(f)
    if key in kept:
        return kept[key]
    masks: list[np.ndarray] = []
    for name, value in (("kind", f.kind), ("urgency", f.urgency)):
        if value:
            codes, values = arrays.column(searcher, name)
            masks.append(codes == values.index(value) if value in values
                         else np.zeros(arrays.n, dtype=bool))
    for name, value in (("ref_key", compact(f.ref_no) if f.ref_no else None),
                        ("received_key", f.received_no)):
        if value:
            mask = np.zeros(arrays.n, dtype=bool)
            mask[arrays.postings(searcher, name, value).ids] = True
            masks.append(mask)
    if f.date_from or f.date_to:
        day = arrays.numbers(searcher, "oldest_key")  # yyyymmdd; UNDATED if none
        lo = _ymd(f.date_from) if f.date_from else 0
        hi = _ymd(f.date_to) if f.date_to else UNDATED - 1
        masks.append((day >= lo) & (day <= hi))
    if f.received_from or f.received_to:
        masks.append(as_mask(arrays.n, _received_between(searcher, arrays, f.received_from,
                                                          f.received_to)))
    for column, value in (("subject_norm", f.subject), ("recipient_norm", f.recipient)):
        if value:
            masks.append(as_mask(arrays.n, _column_contains(searcher, arrays, column,
                                                             compact(value))))
    for sender in ((f.sender,) if f.sender else ()) + tuple(f.more_senders):
        masks.append(as_mask(arrays.n, sender_docnums(searcher, arrays, sender, memo)))
    out = np.logical_and.reduce(masks) if masks else None
    kept[key] = out
    if len(kept) > ALLOWED_KEPT:  # a mask is 100 KB at 100,000 letters
        kept.pop(next(iter(kept)))
    return out


ALLOWED_KEPT = 64  # filter masks kept per searcher (the pages of a search, recent filters)


UNDATED = 99999999  # the oldest_key of a letter without a date (_documents.to_fields)


def _ymd(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _column_contains(searcher, arrays, column: str, needle: str) -> np.ndarray:
    """Letters whose column value contains `needle`, ascending."""
    if not needle:
        return np.zeros(0, dtype=np.int64)
    return arrays.having(searcher, column, needle.encode())


def _received_between(searcher, arrays, lo: date | None, hi: date | None) -> np.ndarray:
    """Letters with a receiving stamp dated from `lo` to `hi` (inclusive), ascending."""
    def read():
        # every (day, letter) pair of the commit, by day: a few thousand distinct days
        # (read past the postings cache, which is for the words of searches)
        reader, days, docs = searcher.reader(), [], []
        for term in reader.field_terms("received_day"):
            ids = np.fromiter(reader.postings("received_day", term).all_ids(), dtype=np.int64)
            days.append(np.full(len(ids), int(term), dtype=np.int64))
            docs.append(ids)
        if not days:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        day, doc = np.concatenate(days), np.concatenate(docs)
        order = np.argsort(day, kind="stable")
        return day[order], doc[order]

    day, doc = arrays.once(("received_days",), read)
    start = np.searchsorted(day, _ymd(lo) if lo else 0, side="left")
    end = np.searchsorted(day, _ymd(hi) if hi else UNDATED, side="right")
    return np.unique(doc[start:end])


def sender_keys(text: str) -> set[str]:
    """sender_key terms of the agencies `text` names (name, abbreviation or code)."""

    keys = set()
    for agency in resolve_sender(text):
        for value in (_attr(agency, "name"), _attr(agency, "code"), _attr(agency, "abbr")):
            if value:
                keys.add(compact(value))
    return keys


def sender_docnums(searcher, arrays, text: str, memo: dict | None = None) -> np.ndarray:
    """The letters a sender filter `text` gives, ascending, deleted ones left out: by the
    directory when the text names a known agency (name, abbreviation or code), else every
    sender that contains the text. `memo`, a dict that lives as long as the searcher, keeps
    the answer (the sender facet asks for up to 40 senders a search)."""
    if memo is not None:
        key = ("sender", text)
        if key not in memo:
            memo[key] = sender_docnums(searcher, arrays, text)
        return memo[key]
    keys = sender_keys(text)
    if keys:
        found = np.unique(np.concatenate(
            [arrays.postings(searcher, "sender_key", key).ids for key in sorted(keys)]))
    else:
        found = _column_contains(searcher, arrays, "sender_norm", compact(text))
    return found[~arrays.deleted[found]]


def _attr(agency, name: str):
    return agency.get(name) if isinstance(agency, dict) else getattr(agency, name, None)

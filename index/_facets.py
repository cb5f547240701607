"""Facets of a search: how many of the matching letters have each kind, year, sender and
urgency. Each count is what clicking it gives. Kind and urgency are exact fields, and the
year is that of the date the date filter reads (_documents.filed_date). A sender is counted
with the sender filter itself (_filters.sender_docnums): by the agency directory, or as a
part of longer names, one name may take in letters printed under another, so counting the
sender field alone said "กองคลัง (1)" for a click that gave 2."""
from __future__ import annotations

from datetime import date

from whoosh import sorting

from ._filters import sender_docnums

FACETS = ("kind", "year", "sender_facet", "urgency")
MAX_ENTRIES = 20
_LABELS = {"sender_facet": "sender"}


def grouped_by() -> dict:
    """Whoosh's `groupedby` for a search whose facets are wanted."""
    return {name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACETS}


def empty() -> dict:
    return {_LABELS.get(name, name): [] for name in FACETS}


def counts(searcher, results, matched: set[int], memo: dict | None = None) -> dict:
    """The facets of `results`, whose matching letters are `matched`."""
    out = empty()
    for name in FACETS:
        try:
            groups = {k: v for k, v in results.groups(name).items() if k}
        except KeyError:
            continue
        if name == "sender_facet":
            groups = _as_clicked(searcher, groups, matched, memo)
        items = sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))
        out[_LABELS.get(name, name)] = [{"value": k, "count": v}
                                        for k, v in items[:MAX_ENTRIES]]
    return out


def _as_clicked(searcher, groups: dict, matched: set[int], memo) -> dict:
    """Sender counts as the sender filter gives them; senders whose click gives the same
    letters are one entry, under the name most of them carry."""
    out: dict[str, int] = {}
    seen: set[frozenset] = set()
    for value, _n in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))[:2 * MAX_ENTRIES]:
        letters = frozenset(matched & sender_docnums(searcher, value, memo))
        if letters and letters not in seen:
            seen.add(letters)
            out[value] = len(letters)
    return out


def year_range(be_year: int, date_from: date | None = None,
               date_to: date | None = None) -> tuple[date, date]:
    """The days a click on the year facet `be_year` (พ.ศ.) filters: the year, within the
    date range already chosen (ต.ค. 2563 – มี.ค. 2564 and the facet 2564 give ม.ค. – มี.ค.
    2564), so that it finds exactly the letters the facet counted."""
    start, end = date(be_year - 543, 1, 1), date(be_year - 543, 12, 31)
    return max(start, date_from or start), min(end, date_to or end)

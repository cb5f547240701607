"""Facets of a search: how many of the matching letters have each kind, year, sender and
urgency. Each count is what clicking it gives. Kind and urgency are exact fields, and the
year is that of the date the date filter reads (_documents.filed_date). A sender is counted
with the sender filter itself (_filters.sender_docnums): by the agency directory, or as a
part of longer names, one name may take in letters printed under another, so counting the
sender field alone said "กองคลัง (1)" for a click that gave 2."""
from __future__ import annotations

from datetime import date

import numpy as np

from ._filters import sender_docnums

FACETS = ("kind", "year", "sender_facet", "urgency")
MAX_ENTRIES = 20
_LABELS = {"sender_facet": "sender"}


def empty() -> dict:
    return {_LABELS.get(name, name): [] for name in FACETS}


def counts(searcher, arrays, matched: np.ndarray, memo: dict | None = None) -> dict:
    """The facets of the matching letters `matched` (docnums), counted over the columns
    of the commit (_arrays)."""
    out = empty()
    for name in FACETS:
        codes, values = arrays.column(searcher, name)
        picked = codes[matched]
        picked = picked[picked >= 0]
        tally = np.bincount(picked, minlength=len(values)) if len(picked) else []
        groups = {values[i]: int(c) for i, c in enumerate(tally) if c and values[i]}
        if name == "sender_facet":
            groups = _as_clicked(searcher, arrays, groups, matched, memo)
        items = sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))
        out[_LABELS.get(name, name)] = [{"value": k, "count": v}
                                        for k, v in items[:MAX_ENTRIES]]
    return out


def _as_clicked(searcher, arrays, groups: dict, matched: np.ndarray, memo) -> dict:
    """Sender counts as the sender filter gives them; senders whose click gives the same
    letters are one entry, under the name most of them carry."""
    out: dict[str, int] = {}
    seen: set[bytes] = set()
    is_match = np.zeros(arrays.n, dtype=bool)
    is_match[matched] = True
    for value, _n in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))[:2 * MAX_ENTRIES]:
        theirs = sender_docnums(searcher, arrays, value, memo)
        letters = theirs[is_match[theirs]]
        key = letters.tobytes()
        if len(letters) and key not in seen:
            seen.add(key)
            out[value] = len(letters)
    return out


def year_range(be_year: int, date_from: date | None = None,
               date_to: date | None = None) -> tuple[date, date]:
    """The days a click on the year facet `be_year` (พ.ศ.) filters: the year, within the
    date range already chosen (ต.ค. 2563 – มี.ค. 2564 and the facet 2564 give ม.ค. – มี.ค.
    2564), so that it finds exactly the letters the facet counted."""
    start, end = date(be_year - 543, 1, 1), date(be_year - 543, 12, 31)
    return max(start, date_from or start), min(end, date_to or end)

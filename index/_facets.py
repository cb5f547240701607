"""Facets of a search: how many of the matching letters have each kind, year, sender and
urgency. Each count is what clicking it gives. Kind and urgency are exact fields, and the
year is that of the date the date filter reads (_documents.filed_date). A sender is counted
with the sender filter itself (_allowed.sender_docnums): by the agency directory, or as a
part of longer names, one name may take in letters printed under another, so counting the
sender field alone said "กองคลัง (1)" for a click that gave 2."""
from __future__ import annotations

from datetime import date

import numpy as np

from archive.agencies import lookup_name

from ._allowed import sender_docnums
from ._documents import compact

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


SENDERS_MAX = 10


def senders_like(searcher, arrays, listed: np.ndarray, typed: str,
                 limit: int = SENDERS_MAX) -> list[dict]:
    """The senders of the letters in `listed` whose name, abbreviation or code holds
    `typed` (spacing and dots aside), most letters first: what the sender field suggests as
    a clerk types. Each count is what the sender filter gives within `listed`, and names
    that give the same letters are one (as in the sender facet)."""
    needle = compact(typed)
    if not needle:
        return []
    codes, values = arrays.column(searcher, "sender_facet")
    picked = codes[listed]
    picked = picked[picked >= 0]
    tally = np.bincount(picked, minlength=len(values)) if len(picked) else np.zeros(0, int)
    known = _sender_names(searcher, arrays)
    groups = {values[i]: int(tally[i]) for i in np.nonzero(tally)[0].tolist()
              if values[i] and needle in known[i][2]}
    index_of = {v: i for i, v in enumerate(values)}
    out = [{"name": name, "abbr": known[index_of[name]][0], "code": known[index_of[name]][1],
            "count": count}
           for name, count in _as_clicked(searcher, arrays, groups, np.nonzero(listed)[0],
                                          None).items()]
    out.sort(key=lambda s: (-s["count"], s["name"]))
    return out[:limit]


def _sender_names(searcher, arrays) -> list[tuple[str | None, str | None, str]]:
    """For each value of the sender column: its abbreviation and code in the agency
    directory, and the three compacted as one text to look in (made once per commit)."""
    def make():
        out = []
        for name in arrays.column(searcher, "sender_facet")[1]:
            agency = lookup_name(name) if name else None
            abbr = (agency.abbr or None) if agency else None
            code = (agency.code or None) if agency else None
            out.append((abbr, code, "\n".join(compact(v) for v in (name, abbr, code) if v)))
        return out
    return arrays.once(("sender names",), make)


def year_range(be_year: int, date_from: date | None = None,
               date_to: date | None = None) -> tuple[date, date]:
    """The days a click on the year facet `be_year` (พ.ศ.) filters: the year, within the
    date range already chosen (ต.ค. 2563 – มี.ค. 2564 and the facet 2564 give ม.ค. – มี.ค.
    2564), so that it finds exactly the letters the facet counted."""
    start, end = date(be_year - 543, 1, 1), date(be_year - 543, 12, 31)
    return max(start, date_from or start), min(end, date_to or end)

"""A date on a line of the letter: the dates a text reads as one way only, or one way that
the receiving stamp's date settles, and a line that is one date alone."""
from __future__ import annotations

import re
from datetime import date

from ..thaidate import date_readings, find_dates


def _is_pure_date(text: str, received: tuple[date, ...] = ()) -> tuple[str, str] | None:
    """(date_raw, iso) when the whole line is one date, or its first column is (a stamp's
    unit may stand a column gap beside it: ๙ กันยายน ๒๕๖๕          ภาควิชาวิทยาศาสตร์ประยุกต์)."""
    columns = re.split(r"\s{6,}", text.strip())
    if len(columns) > 1 and not find_dates(" ".join(columns[1:])):
        text = columns[0]
    found = _settled_dates(text, received)
    if len(found) == 1 and len(date_readings(text)) == 1:
        a, b, d = found[0]
        rest = (text[:a] + text[b:]).strip(" .,")
        # A speck beside the date on its own line (๒๘ กุมภาพันธ์ ๒๕๖๕ 0, . ๒๗ พฤศจิกายน
        # ๒๕๖๐) leaves it alone all the same.
        if not rest or (len(rest) <= 2 and not re.search("[ก-ฮ]", rest)
                        and rest in (text[b:].strip(), text[:a].strip())):
            return text[a:b].strip(), d.isoformat()
    return None


# A letter reaches the office that stamps it within this many days of its date.
_DAYS_TO_RECEIVE = 45


def _settled_dates(text: str, received: tuple[date, ...] = (),
                   sent: date | None = None) -> list[tuple[int, int, date]]:
    """Dates in the text that read one way, or one way only that fits the receiving
    stamp's date (OCR's Latin A.A. is ก.ค. or ต.ค.; a letter stamped in October is of
    October) or, for a stamp, the letter's date it was `sent`. Dates read several ways
    with nothing to tell them apart are left out."""
    out = []
    for a, b, ds in date_readings(text):
        fits = [d for d in ds if len(ds) == 1
                or any(0 <= (r - d).days <= _DAYS_TO_RECEIVE for r in received)
                or sent is not None and 0 <= (d - sent).days <= _DAYS_TO_RECEIVE]
        if len(fits) == 1:
            out.append((a, b, fits[0]))
    return out

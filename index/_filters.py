"""Structured filters (subject, sender, recipient, dates, received dates, reference number,
เลขรับ, kind, urgency) as typed -> the checked `Filters` a search runs with. Pure, no Whoosh:
the plan of a search (_plan) holds them; _allowed applies them as a mask of the letters
they allow."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from archive.refno import normalize_ref_no
from archive.thaidate import parse_date_bound

from ._documents import digits_key


class FilterProblem(Enum):
    """Why a filter value cannot be understood (BadFilter.problem)."""
    BAD_DATE = "bad date"    # a date filter that is no date
    REVERSED = "reversed"    # the start of a date range after its end
    NO_DIGITS = "no digits"  # a receiving number without a digit


class BadFilter(ValueError):
    """A filter value that cannot be understood: `name` is the filter (a field of Filters,
    such as date_from), `problem` why, `value` the text typed; for REVERSED `other` is the
    end of the range (`name` its start). `str()` is the English message; `message` names
    the filters otherwise (a command's own flag)."""

    def __init__(self, name: str, problem: FilterProblem, value: str | None = None,
                 other: str | None = None):
        self.name, self.problem, self.value, self.other = name, problem, value, other
        super().__init__(self.message())

    def __reduce__(self):  # pickled with its attributes, not its message
        return type(self), (self.name, self.problem, self.value, self.other)

    def message(self, names: dict[str, str] | None = None) -> str:
        """The English message, each filter called by `names` (default: its flag, date-from)."""
        def called(name):
            return (names or {}).get(name, name.replace("_", "-"))

        if self.problem is FilterProblem.REVERSED:
            return f"{called(self.name)} is after {called(self.other)}"
        if self.problem is FilterProblem.NO_DIGITS:
            return f"{called(self.name)}: {self.value!r} has no digits"
        return (f"{called(self.name)}: cannot read the date {self.value!r}; "
                "use YYYY-MM-DD, a พ.ศ. year such as 2563, or 22 ต.ค. 2563")


# The date filters: (name, whether it is the end of its range).
DATE_BOUNDS = (("date_from", False), ("date_to", True),
               ("received_from", False), ("received_to", True))


@dataclass
class Filters:
    subject: str | None = None
    sender: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    ref_no: str | None = None
    received_no: str | None = None
    recipient: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    kind: str | None = None
    urgency: str | None = None
    # Senders named in the search box (each must hold, like `sender`).
    more_senders: tuple[str, ...] = ()

    @classmethod
    def parse(cls, raw: dict) -> "Filters":
        """`raw` holds what the user typed (CLI flags or URL parameters)."""

        def clean(name):
            value = raw.get(name)
            value = value.strip() if isinstance(value, str) else value
            return value or None

        f = cls(subject=clean("subject"), sender=clean("sender"), kind=clean("kind"),
                urgency=clean("urgency"), recipient=clean("recipient"))
        for name, end in DATE_BOUNDS:
            text = clean(name)
            if text is None:
                continue
            bound = parse_date_bound(text, end=end)
            if bound is None:
                raise BadFilter(name, FilterProblem.BAD_DATE, text)
            setattr(f, name, bound)
        for lo, hi in (("date_from", "date_to"), ("received_from", "received_to")):
            if getattr(f, lo) and getattr(f, hi) and getattr(f, lo) > getattr(f, hi):
                raise BadFilter(lo, FilterProblem.REVERSED, other=hi)
        ref = clean("ref_no")
        if ref is not None:
            f.ref_no = normalize_ref_no(ref) or ref
        received = clean("received_no")
        if received is not None:
            f.received_no = digits_key(received)
            if f.received_no is None:
                raise BadFilter("received_no", FilterProblem.NO_DIGITS, received)
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
        lo = max(filter(None, (self.date_from, date_from)), default=None)
        hi = min(filter(None, (self.date_to, date_to)), default=None)
        more = self.more_senders + ((sender,) if sender else ())
        return replace(self, date_from=lo, date_to=hi, more_senders=more)

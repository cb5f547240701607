"""What a typed query asks for, made by pure functions (no Whoosh, no index): the plan one
search runs (_search).

- understand: the words, phrases, reference and receiving numbers of the box, and the
  agency and dates typed in it (_parse, _understand);
- plan: the agency and dates read as filters, with the filters chosen (Filters.narrowed).
  An agency that sent no letter the user may see is searched as words instead: whether it
  did is asked of `sends`, which the caller passes.

Each step returns a new value and changes none it is given. What of the box became a
filter (`understood`), what a snippet marks (`highlight_patterns`) and whether related
letters may follow (`plain_words`) are read off the plan.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from ._segment import COARSE_ENGINE, FINE_ENGINE, terms
from ._filters import Filters
from ._parse import NEAR_PHRASE_MIN_WORDS, Item, ParsedQuery, halves, is_number, parse, \
    substring_needle
from ._snippets import SUBSTRING


def understand(text: str, as_words: bool = False) -> ParsedQuery:
    """What the box holds; `as_words`: an agency or a date is searched as words."""
    return parse(text, understand_box=not as_words)


@dataclass(frozen=True)
class QueryPlan:
    query: ParsedQuery  # what to find: words, phrases, numbers (the agency, when no filter)
    filters: Filters    # the filters chosen, and the agency and dates the box read as filters

    @property
    def understood(self) -> dict | None:
        """What of the box became a filter (SearchResult.understood): {"sender": the agency
        as typed, "date_from", "date_to": ISO, "date_text": the date as typed} (the keys
        that apply), else None."""
        meta = self.query.meta
        if meta is None:
            return None
        out = {}
        if meta.sender and meta.sender_filter:
            out["sender"] = meta.sender
        if meta.date_is_filter:
            out |= {"date_from": meta.date_from.isoformat(),
                    "date_to": meta.date_to.isoformat(), "date_text": meta.date_text}
        return out or None

    @property
    def has_words(self) -> bool:
        """Words (not only phrases or numbers), and no reference or receiving number."""
        pq = self.query
        return not (pq.refs or pq.received) and any(
            not i.phrase and not is_number(i.text) for i in pq.positive_items())

    @property
    def plain_words(self) -> bool:
        """Only plain words: phrases, OR and -words ask for exactly what they say."""
        pq = self.query
        return self.has_words and not pq.excluded \
            and not any(i.phrase for i in pq.positive_items()) \
            and all(len([i for i in g if not i.alias]) <= 1 for g in pq.groups)

    def highlight_patterns(self) -> dict[str, list[list[str]]]:
        """Term sequences to mark in a snippet, per segmentation engine (_snippets); the
        reference numbers are marked where the text has them (`query.refs`)."""
        pq = self.query
        out: dict[str, list[list[str]]] = {COARSE_ENGINE: [], FINE_ENGINE: []}  # + SUBSTRING
        for item in pq.positive_items():
            seqs = {engine: terms(item.text, engine) for engine in out}
            for engine, seq in seqs.items():
                if seq:
                    out[engine].append(seq)
            words = seqs[COARSE_ENGINE]
            if item.phrase and len(words) >= NEAR_PHRASE_MIN_WORDS:
                out[COARSE_ENGINE] += list(halves(words))  # of a phrase OCR damaged
        out[SUBSTRING] = [[n] for n in (substring_needle(i) for i in pq.positive_items()) if n]
        for no in pq.received:
            out[COARSE_ENGINE].append([no])
        return out


def plan(read: ParsedQuery, filters: Filters, sends: Callable[[str], bool]) -> QueryPlan:
    """The search of `read` (understand) within `filters`: a date range and an agency typed
    in the box become filters (see _understand). `sends(agency)`: whether the agency sent a
    letter the user may see; one that did not is searched as words instead, and its letters
    rank higher (ParsedQuery.sender_hint)."""
    meta = read.meta
    if meta is None:
        return QueryPlan(read, filters)
    sender = None
    if meta.sender and meta.sender_filter:
        if sends(meta.sender):
            sender = meta.sender
        else:
            read = replace(read, groups=read.groups + [[Item(meta.sender)]],
                           meta=replace(meta, sender_filter=False))
    if meta.date_is_filter or sender:
        filters = filters.narrowed(meta.date_from if meta.date_is_filter else None,
                                   meta.date_to if meta.date_is_filter else None, sender)
    return QueryPlan(read, filters)

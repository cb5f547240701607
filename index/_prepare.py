"""A record's Thai text as the tokens the index's analyzers give, computed before the writer.

Segmenting (newmm and ICU on every letter's body) was most of the one writer process's
work while the reader processes waited on it. `analyse` runs in the readers; the writer
hands the token lists to Whoosh, which indexes a list of strings as given tokens (position
i for the i-th, boost 1, as our tokenizer gives them), so its postings, vectors and field
lengths are the ones the analyzers would have written. Pure functions.
"""
from __future__ import annotations

from functools import lru_cache

from ._analyzer import ThaiAnalyzer
from ._documents import analysed_text
from ._schema import make_schema
from ._segment import COARSE_ENGINE, FINE_ENGINE, terms

Tokens = dict[str, list[str]]


@lru_cache(maxsize=1)
def _fields() -> dict[str, tuple[str, bool]]:
    """Analysed field -> (its segmentation engine, whether its text is stored), read from
    the schema so that the tokens cannot drift from what its analyzers give."""
    schema = make_schema()
    by_analyzer = {engine: ThaiAnalyzer(engine) for engine in (COARSE_ENGINE, FINE_ENGINE)}
    out = {}
    for name in analysed_text({}):
        field = schema[name]
        engine = next(e for e, a in by_analyzer.items() if field.analyzer == a)
        out[name] = (engine, field.stored)
    return out


def analyse(record: dict) -> Tokens:
    """The folded tokens of each analysed field of `record` (a memo as `Memo.to_json()`
    gives it), in order: what `to_fields(record, ...)` would have the analyzers make."""
    fields = _fields()
    return {name: terms(text, fields[name][0]) if text else []
            for name, text in analysed_text(record).items()}


def with_tokens(fields: dict, tokens: Tokens) -> dict:
    """Document fields with the analysed ones given as tokens; stored ones keep their text."""
    out = dict(fields)
    for name, (_engine, stored) in _fields().items():
        if stored:
            out[f"_stored_{name}"] = fields[name]
        out[name] = tokens[name]
    return out

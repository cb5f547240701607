"""Thai analysis for Whoosh: the words of _segment as Whoosh tokens.

Whoosh pickles analyzers into the schema, so everything here must stay importable under
this module path. Positions count tokens; start/end are character offsets into the text
as given. Tokens are folded (_segment.fold) so `๒๕๖๓` and `2563` are one term.
"""
from __future__ import annotations

from whoosh.analysis import Composable, Token, Tokenizer

from ._segment import COARSE_ENGINE, fold, segment

# Bump when tokens change: the index settings file then forces a rebuild.
ANALYZER_VERSION = "1"


class ThaiTokenizer(Tokenizer):
    def __init__(self, engine: str = COARSE_ENGINE):
        self.engine = engine

    def __eq__(self, other):
        return type(other) is type(self) and other.engine == self.engine

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        for i, (word, start, end) in enumerate(segment(value, self.engine)):
            t.text = word
            t.boost = 1.0
            if keeporiginal:
                t.original = word
            t.stopped = False
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


class FoldFilter(Composable):
    """Lowercase and map Thai digits to Arabic."""

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            yield t


def ThaiAnalyzer(engine: str = COARSE_ENGINE):
    return ThaiTokenizer(engine) | FoldFilter()

"""Thai analysis for Whoosh.

Whoosh pickles analyzers into the schema, so everything here must stay importable under
this module path. Positions count tokens; start/end are character offsets into the text
as given. Thai runs are segmented by PyThaiNLP; other runs by a word regex. Tokens are
lowercased and Thai digits folded to Arabic so `๒๕๖๓` and `2563` are one term.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pythainlp.util import remove_tonemark
from whoosh.analysis import Composable, Token, Tokenizer

# Bump when tokens change: the index settings file then forces a rebuild.
ANALYZER_VERSION = "1"

COARSE_ENGINE = "newmm"  # dictionary words: precise ranking
FINE_ENGINE = "icu"      # smaller units: finds words inside longer dictionary words

_THAI_RUN = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+")
_OTHER_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Thai characters that never make a token on their own (marks, ฯ, ๆ).
_NOT_A_WORD = re.compile(r"^[\u0e2f\u0e46\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+$")


# OCR of Thai drops tone marks (ส่วน -> สวน, ร่วม -> รวม); OCR'd text is also indexed
# without them (MAI EK to MAI CHATTAWA), and queries look there without them too.
toneless = remove_tonemark


def fold(text: str) -> str:
    """The form terms are stored in: Arabic digits, lowercase."""
    return text.translate(_THAI_DIGITS).lower()


# Letters repeat most of their runs (formulas, agencies, titles): on 3,000 letters 4,096
# entries missed 38,000 of 291,000 runs, 16,384 missed the 10,000 distinct ones, and a
# reader's `analyse` took 25-45 % less time. About 800 bytes an entry: 13 MB when full.
@lru_cache(maxsize=16384)
def _segment_thai(run: str, engine: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(run, engine=engine, keep_whitespace=False))


def segment(text: str, engine: str = COARSE_ENGINE):
    """Yield (word, start, end) for each word of `text`; offsets index `text`."""
    pos = 0
    for m in _THAI_RUN.finditer(text):
        yield from _other_words(text, pos, m.start())
        cursor = m.start()
        run = m.group()
        for word in _segment_thai(run, engine):
            at = text.find(word, cursor, m.end())
            if at < 0:  # the engine altered the word; skip rather than misplace it
                continue
            cursor = at + len(word)
            if not _NOT_A_WORD.match(word):
                yield word, at, cursor
        pos = m.end()
    yield from _other_words(text, pos, len(text))


def _other_words(text: str, start: int, end: int):
    for m in _OTHER_WORD.finditer(text, start, end):
        yield m.group(), m.start(), m.end()


def terms(text: str, engine: str = COARSE_ENGINE) -> list[str]:
    """The folded terms of `text`, as the index stores them."""
    return [fold(w) for w, _, _ in segment(text, engine)]


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


def preload() -> None:
    """Load both segmentations' dictionaries now (a server loads them before it forks its
    workers, which then share them)."""
    for engine in (COARSE_ENGINE, FINE_ENGINE):
        terms("การประชุม", engine)

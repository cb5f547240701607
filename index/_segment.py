"""Thai word segmentation without Whoosh: the words of a text and the form terms are
stored in, the same for the index (_analyzer, which gives them to Whoosh) and the query
(_parse, _plan, _snippets). Thai runs are segmented by PyThaiNLP; other runs by a word
regex. Terms are lowercased and Thai digits folded to Arabic so `๒๕๖๓` and `2563` are one
term. A change to the words or terms made here changes the index's tokens: bump
_analyzer.ANALYZER_VERSION.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pythainlp.util import remove_tonemark

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


def preload() -> None:
    """Load both segmentations' dictionaries now (a server loads them before it forks its
    workers, which then share them)."""
    for engine in (COARSE_ENGINE, FINE_ENGINE):
        terms("การประชุม", engine)

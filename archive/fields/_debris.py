"""What OCR leaves beside a value that is no part of it: lines of debris (stamps, specks,
signatures read as letters) and the debris that tails a value."""
from __future__ import annotations

import re


# Not a quote opening the value (`"…"`): only a speck set apart from it.
_SPECK_BEFORE_VALUE = re.compile(r"^[-/|\\.,:;'\"~_`*]{1,3}\s+")


# What OCR makes of stamps, specks and signatures: no token of it reads as a word.
_WORD_TOKEN = re.compile(
    r"[ก-ฮ][^ก-ฮ\s]*[ก-ฮ]|[ก-ฮ]?[\u0E30-\u0E3A\u0E40-\u0E44]+[ก-ฮ]|[ก-ฮ][\u0E30-\u0E3A]"  # Thai
    r"|[0-9๐-๙]{2}|[A-Za-z]{4}|[A-Z]{2}")  # a number, a Latin word, an acronym (ITA)
_PAGE_NO = re.compile(r"^-\s*[0-9๐-๙]+\s*-$")


def _is_junk(text: str) -> bool:
    """OCR debris (`a`, `a vi`, `4`, `= ๘  A ซ์  ๑ .`): something printed, but not one word of
    two Thai consonants (or a consonant and its vowel), no number, no Latin word. A page
    number (- ๒ -) is a line of the letter."""
    text = text.strip()
    return bool(text) and not _PAGE_NO.match(text) and not any(
        _WORD_TOKEN.search(tok) for tok in text.split())


def _drop_junk_ends(text: str) -> str:
    """A value without the debris OCR set beside it: specks before it, and junk a column gap
    away after it (`… พ.ศ. ๒๕๒๕          ก.          a`)."""
    segs = re.split(r"\s{3,}", text.strip())
    while segs and _is_junk(segs[-1]):
        segs.pop()
    while segs and _is_junk(segs[0]):
        segs.pop(0)
    return _SPECK_BEFORE_VALUE.sub("", " ".join(segs))


# Short Latin words that are not acronyms (ITA, IT stay), symbols, and mixes of the two.
_JUNK_TOKEN = re.compile(r"[a-z]{1,3}|[A-Z][a-z]{1,2}|[^\w\s]+|[A-Za-z]*[^\w\s()][A-Za-z]*")


def _drop_junk_tail(text: str) -> str:
    """A Thai value without the OCR debris after its last word (`คณบดีคณะ ee`,
    `… ราชภัฏเลย . ล Bs Rod ab §`), also when no column gap sets it apart: trailing tokens of
    a few Latin letters or symbols only, and a lone Thai letter among them."""
    words = _drop_junk_ends(text).split()
    while len(words) > 1 and (_JUNK_TOKEN.fullmatch(words[-1])
                              or (re.fullmatch(r"[ก-ฮ]", words[-1]) and len(words) > 2
                                  and _JUNK_TOKEN.fullmatch(words[-2]))):
        words.pop()
    return " ".join(words)


def value_has_debris(value: str) -> bool:
    """Whether OCR tailed a field's value with debris (_drop_junk_tail would cut it)."""
    value = " ".join(value.split())
    return bool(value) and _drop_junk_tail(value) != value


def value_before_debris(value: str) -> str:
    """A value read again from a cut-out line, up to the first piece of debris: the cut runs
    to the page's edge, through whatever stamp or handwriting stands beside the value."""
    kept = []
    for word in value.split():
        if _JUNK_TOKEN.fullmatch(word) or re.fullmatch(r"[0-9]|[ก-ฮ]", word):
            break
        kept.append(word)
    return " ".join(kept).rstrip(",.;:")

"""Conservative repair of OCR-confused Thai consonants in short field values (subject,
addressee, position …). A change is made only when the text contains a run that is not
made of dictionary words and one swap of a look-alike consonant (or the removal of a stray
space or of a speck read as ์) makes the whole run dictionary words. Names of people are never passed here."""
from __future__ import annotations

import re
from functools import lru_cache

from .thaitext import thai_dictionary

# Pairs of consonants that OCR and quick typing confuse (shapes differ by a stroke or a tail).
_PAIRS = ("ดค", "มฆ", "รธ", "ลส", "ถภ", "บป", "ผฝ", "พฟ", "ฎฏ", "ชซ", "ฑท", "ขฃ")
_SWAP = {a: b for a, b in _PAIRS} | {b: a for a, b in _PAIRS}
_THAI_RUN = re.compile(r"[\u0E01-\u0E4E]+")


@lru_cache(maxsize=4096)
def _unknown(run: str) -> int:
    """Characters of the run not covered by dictionary words."""
    from pythainlp.tokenize import word_tokenize
    words = thai_dictionary()
    return sum(len(tok) for tok in word_tokenize(run, engine="newmm") if tok not in words)


# Runs longer than this are left as they are: each candidate swap segments the whole run
# again (quadratic), and no value's run of Thai letters is that long (the dev truth's
# longest subject has 102 characters, spaces included).
LONGEST_RUN = 150


_THANTHAKHAT = "\u0e4c"


def _fix_run(run: str) -> str:
    if len(run) < 3 or len(run) > LONGEST_RUN or _unknown(run) == 0:
        return run
    best = None
    for i, ch in enumerate(run):
        if ch == _THANTHAKHAT:
            cand = run[:i] + run[i + 1:]   # a speck read as ์ (ราชภัฏเลย์)
        elif ch in _SWAP:
            cand = run[:i] + _SWAP[ch] + run[i + 1:]
        else:
            continue
        if _unknown(cand) == 0:
            if best is not None:
                return run  # two different fixes: do not guess
            best = cand
    return best or run


def fix_confusables(text: str | None) -> str | None:
    if not text or not _THAI_RUN.search(text):
        return text
    # A stray space inside a word: both halves broken, the joined run all words.
    parts = re.split(r"(?<=[\u0E01-\u0E4E]) (?=[\u0E01-\u0E4E])", text)
    if len(parts) > 1:
        merged = [parts[0]]
        for p in parts[1:]:
            left = _THAI_RUN.findall(merged[-1])[-1]
            right = _THAI_RUN.match(p).group(0)
            if _unknown(left) and _unknown(right) and _unknown(left + right) == 0:
                merged[-1] += p
            else:
                merged.append(p)
        text = " ".join(merged)
    return _finish_cut_word(_THAI_RUN.sub(lambda m: _fix_unless_abbreviation(m, text), text))


# Thai abbreviations are a few letters and a dot (รปส., กพร., ศสช., กทม.); a long run before
# a dot is a word with OCR debris after it (มหาวิทยาลัยราชภัฏเลย์. of the real scan dula_05).
ABBREVIATION_MAX = 6


def _fix_unless_abbreviation(m: re.Match, text: str) -> str:
    """An abbreviation is left as it is: no dictionary knows it, so a swap that makes it a
    word (รบ|ส) is a guess; the real scan prd_01's addressee รปส.(๒) was turned into รบส."""
    if len(m.group(0)) <= ABBREVIATION_MAX and text.startswith(".", m.end()):
        return m.group(0)
    return _fix_run(m.group(0))


# MAI HAN-AKAT always has a final consonant after it; OCR sometimes loses that consonant
# at the end of a line (พลเรือนสามั for สามัญ).
_CUT_AFTER_HAN_AKAT = re.compile("[\u0E01-\u0E4E]*\u0e31[\u0e48-\u0e4b]?$")


def _finish_cut_word(text: str) -> str:
    """A value ending in MAI HAN-AKAT gets back its final consonant: the one that makes the
    longest dictionary word of the run's end (สามั -> สามัญ, not สา|มัน), when only one does."""
    # (the end only: the pattern tried from every position of a long run is quadratic)
    m = _CUT_AFTER_HAN_AKAT.search(text[-LONGEST_RUN:])
    if not m:
        return text
    from pythainlp.tokenize import word_tokenize

    words, best, length = thai_dictionary(), [], 0
    for c in "กขคฆงจชซญฎฏฐฑฒณดตถทธนบปผพฟภมยรลวศษสฬ":
        last = word_tokenize(m.group(0) + c, engine="newmm")[-1]
        if last in words and len(last) >= length:
            best, length = (best if len(last) == length else []) + [c], len(last)
    return text + best[0] if len(best) == 1 else text


def longest_word_prefix(run: str) -> str:
    """The longest dictionary word the Thai run starts with (else its first character)."""
    words = thai_dictionary()
    for n in range(min(len(run), 30), 1, -1):
        if run[:n] in words:
            return run[:n]
    return run[:1]

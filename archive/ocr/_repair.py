"""Pure text fixes for what Tesseract writes in Thai, after a page is read."""
from __future__ import annotations

import re

from ..agencies import mend_names
from ..repair import close_mai_han_akat
from ..thaitext import MARKS, join_split_words
from ._settings import DEFAULT_SETTINGS, OcrSettings


# Tesseract's Thai model writes SARA AM as NIKHAHIT + SARA AA (สํานัก), sometimes with the
# tone mark between them (นํ้า), or takes the NIKHAHIT for MAI HAN-AKAT (นั้า, ประจัาปี:
# MAI HAN-AKAT before SARA AA spells nothing). Thai text and search need the one code point.
_SARA_AM = re.compile("[\u0e4d\u0e31]([\u0e48-\u0e4b]?)\u0e32")

# Specks become lone quote/bar marks between blocks; they are never in a letter.
_SPECKS = re.compile(r"(?<!\S)[|'‘’`\"_~]+(?!\S)")

# Labels of the letter form that Tesseract misreads over and over (dev and real scans): the
# bold เรื่อง of TH Sarabun as "Gos", and tone marks lost over upper vowels (เรือง, วันที,
# ด่วนทีสุด). Only forms that are no other word in a letter's first column are rewritten.
_LABEL_FIXES = (
    (re.compile(r"^([ \t]*)(?:Gos|เรอง|เรือง|เร่อง|เรี่อง)(?=[ \t])", re.M), r"\1เรื่อง"),
    (re.compile(r"^([ \t]*)(?:ที|ท|ii)(?=[ \t]+(?:[ก-ฮ]{1,3}[ \t]*)?[๐-๙0-9])", re.M), r"\1ที่"),
    (re.compile("วันที(?![\u0e48-\u0e4b])"), "วันที่"),
    (re.compile("ทีสุด"), "ที่สุด"),
)

# A vowel or tone mark sits on a consonant (or on the mark under it): one after a digit,
# a Latin letter or punctuation is a speck Tesseract read as a mark (นร ๐๕๐๕.๓/ํว ๒๗๘ on a
# dev scan), and it splits the number or the word it stands in. After a space it may be
# the mark of the consonant before the space (ที ่), and stays.
_DANGLING_MARK = re.compile(f"(?<=[^\u0e01-\u0e4f\\s])[{MARKS}]+")


def postprocess(text: str, cfg: OcrSettings = DEFAULT_SETTINGS) -> str:
    """Pure text fixes for Tesseract's Thai output (measured on the dev scans)."""
    text = _SARA_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    text = close_mai_han_akat(text)  # before the networks read the words
    text = _DANGLING_MARK.sub("", text)
    for pattern, repl in _LABEL_FIXES:
        text = pattern.sub(repl, text)
    text = _SPECKS.sub("", text)
    if cfg.read_in_context:
        text = _read_in_context(text)
    text = mend_names(join_split_words(text))
    lines = [line.rstrip() for line in text.replace("\x0c", "\n").splitlines()]
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(line)
    return "\n".join(out).strip()


def _read_in_context(text: str) -> str:
    try:
        from .. import lookalikes, marks
    except ImportError:  # numpy comes with the `ocr` extra
        return text
    return marks.restore(lookalikes.correct(text))

"""Small Thai text helpers shared by the readers and the field parser. Pure functions."""
from __future__ import annotations

import re

# Thai writes no space between words but does before numbers, abbreviations (พ.ศ.),
# brackets, Latin words and a few phrase openers; a line wrapped there stood for a space.
_SPACE_BEFORE = re.compile(
    r"^(?:[0-9๐-๙(\"“A-Za-z]|[ก-ฮ]{1,3}\.[ก-ฮ]|ครั้งที่|ประจำ|ระหว่าง|ตั้งแต่|ณ\s|ทุก(?!ข์)|"
    r"ปฏิบัติราชการแทน|รักษาราชการแทน|รักษาการแทน)")
_SPACE_AFTER = re.compile(r"(?:[0-9๐-๙).,:;\"”A-Za-z]|ปฏิบัติราชการแทน|รักษาราชการแทน|รักษาการแทน)$")


# Upper and lower vowels and tone marks: what OCR loses first, from bold titles above all.
_MARKS = re.compile("[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]")


def bare(text: str) -> str:
    """Thai without its upper/lower vowels and tone marks (บันทึกข้อความ -> บนทกขอความ),
    to compare text as OCR may have left it."""
    return _MARKS.sub("", text)


def join_wrapped(first: str, second: str) -> str:
    """Join a line with its wrapped continuation: without a space inside Thai text, with
    one where Thai typography puts a space."""
    first, second = first.rstrip(), second.lstrip()
    if not first or not second:
        return first + second
    thai_break = re.search(r"[ก-๛]$", first) and re.match(r"[ก-๛]", second)
    # และ/หรือ take a space only closing a list whose items are spaced (ก ข และ ค), not
    # inside a compound (สิทธิและนิติกรรม).
    listing = re.match(r"(?:และ|หรือ)", second) and " " in first[-40:]
    if thai_break and not listing and not _SPACE_BEFORE.match(second) and not _SPACE_AFTER.search(first):
        return first + second
    return first + " " + second


_LAST_RUN = re.compile(r"[\u0E01-\u0E4E]+$")
_FIRST_RUN = re.compile(r"^[\u0E01-\u0E4E]+")


def join_lines_guess(first: str, second: str) -> str:
    """Join two lines without layout information (the lines of a label's value): glue
    them when the break falls inside a dictionary word, else keep a space."""
    joined = join_wrapped(first, second)
    a, b = _LAST_RUN.search(first.rstrip()), _FIRST_RUN.match(second.lstrip())
    if not a or not b or joined != first.rstrip() + second.lstrip():
        return joined
    from pythainlp.tokenize import word_tokenize
    left, right = a.group(0), b.group(0)
    pos = 0
    for tok in word_tokenize(left + right, engine="newmm"):
        if pos < len(left) < pos + len(tok):
            return joined  # a word runs across the break: it was wrapped inside the word
        pos += len(tok)
    return first.rstrip() + " " + second.lstrip()

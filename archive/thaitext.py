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


# People's names follow no spelling a dictionary or a network could know (หนูประโคน,
# ภัทชภณ): a title and the two words after it are left as OCR read them.
_NAME = re.compile(r"(?:นางสาว|นาง|นาย(?!ก|อำเภอ)|น\.ส\.|ว่าที่\s*ร\.\s*[ตทอ]\.|ดร\.)\s*"
                   r"[\u0E01-\u0E4E]+(?:[ \t]+[\u0E01-\u0E4E]+)?")


def name_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NAME.finditer(text)]


def in_spans(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= index < b for a, b in spans)


# A single space between Thai characters: OCR may have put it inside a word.
_INNER_SPACE = re.compile(r"(?<=[\u0E01-\u0E4E]) (?=[\u0E01-\u0E4E])")


def join_split_words(text: str) -> str:
    """OCR text without the spaces Tesseract puts inside words (การประ ชาสัมพันธ์,
    กระ ทรวง), nor the character it writes twice around such a space (ระย ยะเวลา,
    ลงทะ ะเบียน): the space (and the copy) goes when the words on both sides read as fewer
    dictionary words joined than apart (at least one word fewer beyond the one the space
    cut). Spaces between words (งาน ประจำปี), before abbreviations (พ.ศ.), ๆ, and in names
    stay. On the dev letters' clean text this joins nothing; on their OCR text, only split
    words."""
    from pythainlp.tokenize import word_tokenize

    def count(s: str) -> int:
        return len(word_tokenize(s, engine="newmm"))

    names = name_spans(text)
    cuts: list[tuple[int, int]] = []  # (start, end) of the text to drop
    for m in _INNER_SPACE.finditer(text):
        i = m.start()
        left = _LAST_RUN.search(text[:i]).group(0)
        right = _FIRST_RUN.match(text[i + 1:]).group(0)
        if len(right) < 2 or text[i + 1 + len(right):i + 2 + len(right)] == "." or in_spans(i - 1, names):
            continue
        twice = 1 if left[-1] == right[0] else 0
        if not twice and not re.match("[ก-ฮเ-ไ]", right):
            continue
        if count(left + right[twice:]) < count(left) + count(right) - 1:
            cuts.append((i, i + 1 + twice))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text

"""Small Thai text helpers shared by the readers and the field parser. Pure functions."""
from __future__ import annotations

import re
from functools import lru_cache

# Thai writes no space between words but does before numbers, abbreviations (พ.ศ.),
# brackets, Latin words and a few phrase openers; a line wrapped there stood for a space.
_SPACE_BEFORE = re.compile(
    r"^(?:[0-9๐-๙(\"“A-Za-z]|[ก-ฮ]{1,3}\.[ก-ฮ]|ครั้งที่|ประจำ|ระหว่าง|ตั้งแต่|ณ\s|ทุก(?!ข์)|"
    r"ปฏิบัติราชการแทน|รักษาราชการแทน|รักษาการแทน)")
_SPACE_AFTER = re.compile(r"(?:[0-9๐-๙).,:;\"”A-Za-z]|ปฏิบัติราชการแทน|รักษาราชการแทน|รักษาการแทน)$")


# Upper and lower vowels and tone marks: what OCR loses first, from bold titles above all.
MARKS = "".join(map(chr, [0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)]))
_WITHOUT_MARKS = str.maketrans("", "", MARKS)


def bare(text: str) -> str:
    """Thai without its upper/lower vowels and tone marks (บันทึกข้อความ -> บนทกขอความ),
    to compare text as OCR may have left it, and to look up words a mistyped mark away."""
    return text.translate(_WITHOUT_MARKS)


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


# People's names follow no spelling a dictionary or a network could know (หนูประโคน,
# ภัทชภณ): a title and the two words after it are left as OCR read them.
_NAME = re.compile(r"(?:นางสาว|นาง|นาย(?!ก|อำเภอ)|น\.ส\.|ว่าที่\s*ร\.\s*[ตทอ]\.|ดร\.)\s*"
                   r"[\u0E01-\u0E4E]+(?:[ \t]+[\u0E01-\u0E4E]+)?")


def name_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NAME.finditer(text)]


def in_spans(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= index < b for a, b in spans)


_THAI_RUNS = re.compile(r"[\u0E01-\u0E4E]+")


def join_split_words(text: str) -> str:
    """OCR text without the spaces Tesseract puts inside words (การประ ชาสัมพันธ์,
    กระ ทรวง), nor the character it writes twice around such a space (ระย ยะเวลา,
    ลงทะ ะเบียน): the space (and the copy) goes when the words on both sides read as fewer
    dictionary words joined than apart (at least one word fewer beyond the one the space
    cut). Spaces between words (งาน ประจำปี), before abbreviations (พ.ศ.), ๆ, and in names
    stay. On the dev letters' clean text this joins nothing; on their OCR text, only split
    words."""
    count = _word_counter()
    names = name_spans(text)
    runs = list(_THAI_RUNS.finditer(text))
    cuts: list[tuple[int, int]] = []  # (start, end) of the text to drop
    for a, b in zip(runs, runs[1:]):
        i = a.end()
        if text[i:b.start()] != " " or len(b.group()) < 2 or text[b.end():b.end() + 1] == "." \
                or in_spans(i - 1, names):
            continue
        left, right = a.group(), b.group()
        twice = 1 if left[-1] == right[0] else 0
        if not twice and not re.match("[ก-ฮเ-ไ]", right):
            continue
        if count(left + right[twice:]) < count(left) + count(right) - 1:
            cuts.append((i, i + 1 + twice))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text


# A line break between two Thai letters is read across when the few letters on each side
# read as fewer dictionary words joined than apart (อุป|สรรค, ประ|เทศ). A window this wide
# on each side holds the cut word and its neighbours; segmenting whole runs instead made
# reading a letter several times slower for the same joins.
WRAP_WINDOW = 12
_LINE_BREAK = re.compile("(?<=[\u0E01-\u0E4E])\n(?=[\u0E01-\u0E4E])")
_THAI_RUNS_END = re.compile("[\u0E01-\u0E4E]+$")


def _word_counter():
    from functools import lru_cache

    from pythainlp.tokenize import word_tokenize

    @lru_cache(maxsize=None)  # each run is counted alone and as a neighbour's other half
    def count(s: str) -> int:
        return len(word_tokenize(s, engine="newmm"))
    return count


def join_wrapped_words(text: str) -> str:
    """Text without the line breaks that cut a Thai word (อุป⏎สรรค, ประ⏎เทศ): Thai puts no
    space between words, so a line wrapped inside a word loses it to search. A break is
    read across when the letters around it read as fewer dictionary words joined than
    apart; a break between words (ของ⏎ประเทศ), before an indented line or next to a
    number, Latin text or punctuation stays."""
    if "\n" not in text:
        return text
    count = _word_counter()
    parts, kept = [], 0
    for m in _LINE_BREAK.finditer(text):
        i = m.start()
        left = _THAI_RUNS_END.search(text, max(0, i - WRAP_WINDOW), i)
        right = _THAI_RUNS.match(text, i + 1, i + 1 + WRAP_WINDOW)
        if left and right and (count(left.group() + right.group())
                               < count(left.group()) + count(right.group())):
            parts.append(text[kept:i])  # one pass: a long text may have many breaks
            kept = i + 1
    return "".join(parts) + text[kept:] if parts else text


def within_edits(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most `limit` (banded, stops early)."""
    if abs(len(a) - len(b)) > limit:  # the band would leave b (and the distance is more)
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        lo = max(1, i - limit)
        hi = min(len(b), i + limit)
        if lo > 1:
            cur[lo - 1] = limit + 1
        for j in range(lo, hi + 1):
            cur[j] = min(prev[j] + 1 if j <= i - 1 + limit else limit + 1,
                         cur[j - 1] + 1, prev[j - 1] + (ca != b[j - 1]))
        if hi < len(b):
            cur[hi + 1:] = [limit + 1] * (len(b) - hi)
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


@lru_cache(maxsize=1)
def thai_dictionary() -> frozenset[str]:
    """PyThaiNLP's Thai word list, loaded once for every reader of it (OCR's reading
    choice, the look-alike repair, the box's agency abbreviations)."""
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())

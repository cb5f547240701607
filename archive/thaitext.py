"""Small Thai text helpers shared by the readers and the field parser. Pure functions."""
from __future__ import annotations

import re

# Thai writes no space between words but does before numbers, abbreviations (พ.ศ.),
# brackets, Latin words and a few phrase openers; a line wrapped there stood for a space.
_SPACE_BEFORE = re.compile(
    r"^(?:[0-9๐-๙(\"“A-Za-z]|[ก-ฮ]{1,3}\.[ก-ฮ]|ครั้งที่|ประจำ|ระหว่าง|ตั้งแต่|ณ\s|ทุก(?!ข์)|"
    r"ปฏิบัติราชการแทน|รักษาราชการแทน|รักษาการแทน)")
_SPACE_AFTER = re.compile(r"(?:[0-9๐-๙).,:;\"”A-Za-z]|ปฏิบัติราชการแทน|รักษาราชการแทน|รักษาการแทน)$")


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

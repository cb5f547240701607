"""Reference numbers of Thai official letters (เลขที่หนังสือ), in any common typed form.

Form (ระเบียบงานสารบรรณ): `<agency letters> <department code>[.<unit>]/[ว ]<running no>`,
e.g. `นร 0505/ว 500`, `กค 0402.2/1234`; orders and announcements are `<no>/<BE year>`.
Normalised: Arabic digits, one space after the letters, `ว ` before a circular's number,
leading zeros kept as printed (they are part of the code).
"""
from __future__ import annotations

import re

from pythainlp.util import thai_digit_to_arabic_digit

_D = "[0-9๐-๙]"
_LET = "[ก-ฮ]"
# Agency letters: 1-3 consonants, OCR may add a dot or drop the space.
_CODE = rf"(?P<letters>{_LET}{{1,3}})\.?\s*(?P<dept>{_D}{{2,5}}(?:\s?\.\s?{_D}{{1,4}})*)"
# After the slash: qualifiers such as พิเศษ/ or ลับ/, then ว (circular) and the number.
_TAIL = (rf"\s*/\s*(?P<qual>(?:[ก-๛]{{2,8}}\s*/\s*)*)"
         rf"(?P<circ>ว\s*\.?\s*(?:\(\s*[ก-ฮ]{{1,3}}\s*\)\s*)?)?(?P<num>{_D}{{1,6}})?")
# Not inside a Thai word, except right after the label ที่ written without a space.
REF_RE = re.compile(rf"(?:(?<=ที่)|(?<![ก-๛])){_CODE}{_TAIL}")
# Orders/announcements: number / Buddhist-era year.
ORDER_RE = re.compile(rf"(?<![0-9๐-๙/.])(?P<num>{_D}{{1,5}})\s*/\s*(?P<year>[2๒][45๔๕]{_D}{_D})(?![0-9๐-๙/])")
_PREFIX = re.compile(r"^\s*(?:ที่|ที|เลขที่)\s*[:.]?\s*")


def _digits(text: str) -> str:
    return thai_digit_to_arabic_digit(text)


def _format(m: re.Match) -> str | None:
    letters = m.group("letters")
    dept = re.sub(r"\s", "", _digits(m.group("dept")))
    qual = re.sub(r"\s", "", m.group("qual") or "")
    circ = m.group("circ")
    num = m.group("num")
    if circ is None and num is None:
        return None
    if circ:
        unit = re.search(r"\(\s*([ก-ฮ]{1,3})\s*\)", circ)
        circ_txt = "ว" + (f"({unit.group(1)})" if unit else "")
        tail = f"{circ_txt} {_digits(num)}" if num else circ_txt
    else:
        tail = _digits(num)
    return f"{letters} {dept}/{qual}{tail}"


def normalize_ref_no(text: str | None) -> str | None:
    """`ที่ นร ๐๕๐๕/ว ๕๐๐`, `นร0505/ว500`, `นร 0505/ว.500` -> `นร 0505/ว 500`;
    `ที่ ๑๒๓/๒๕๖๔` -> `123/2564`. None when the text holds no reference number."""
    if not text:
        return None
    s = _PREFIX.sub("", text.strip())
    # Typed without the slash before the circular mark: `นร 0505 ว 500`.
    s = re.sub(r"^([ก-ฮ]{1,3}\.?\s*[0-9๐-๙][0-9๐-๙.]*)\s+(ว\s*\.?\s*[0-9๐-๙])", r"\1/\2", s)
    m = REF_RE.search(s)
    if m and m.start() <= 2:
        out = _format(m)
        if out:
            return out
    m = ORDER_RE.match(s.strip())
    if m:
        return f"{int(_digits(m.group('num')))}/{_digits(m.group('year'))}"
    return None


def find_ref_numbers(text: str) -> list[tuple[int, int, str]]:
    """Letter-coded reference numbers in free text: (start, end, normalised) spans.
    Bare `123/2564` is not reported here (too easily a date or a quantity)."""
    out = []
    for m in REF_RE.finditer(text):
        norm = _format(m)
        if norm is None:
            continue
        end = m.end()
        while end > m.start() and text[end - 1].isspace():
            end -= 1
        out.append((m.start(), end, norm))
    return out


def is_order_number(text: str) -> bool:
    return bool(ORDER_RE.fullmatch(_PREFIX.sub("", text.strip())))


# A number the registry writes by hand when the letter goes out: the letter is typed with
# its code and the slash only (ที่ กษ ๐๓๒๗/), and OCR reads the handwriting as junk or
# nothing. The code still names the sender; the number is unknown.
_UNNUMBERED = re.compile(rf"^{_CODE}\s*/\s*(?!{_D}|ว\s*\.?\s*{_D})")


def unnumbered_code(text: str | None) -> str | None:
    """`กษ ๐๓๒๗/` or `กษ ๐๓๒๗/ BR` (the number written by hand) -> `กษ 0327`; None when the
    text holds a number after its slash, or is no reference number."""
    m = _UNNUMBERED.match(_PREFIX.sub("", (text or "").strip()))
    if not m:
        return None
    dept = re.sub(r"\s", "", _digits(m.group("dept")))
    return f"{m.group('letters')} {dept}"

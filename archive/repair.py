"""Repair of Thai text from OCR, old fonts and PDF extraction. Pure functions.

Order matters: map legacy glyphs to Unicode first, then PyThaiNLP's normaliser (mark order,
duplicated marks, ํ+า), then our own rules for what it leaves. Runs of two or more spaces
and line breaks are kept: they carry the letter's layout, which field parsing relies on.
"""
from __future__ import annotations

import re

from pythainlp.util import normalize as _thai_normalize

# Thai glyph variants in the Private Use Area (Windows/Adobe Thai fonts, old PDFs):
# shifted/lowered marks and descender-less consonants, each standing for a normal character.
PUA_MAP = {
    0xF700: "ฐ", 0xF701: "ิ", 0xF702: "ี", 0xF703: "ึ", 0xF704: "ื",
    0xF705: "่", 0xF706: "้", 0xF707: "๊", 0xF708: "๋", 0xF709: "์",
    0xF70A: "่", 0xF70B: "้", 0xF70C: "๊", 0xF70D: "๋", 0xF70E: "์",
    0xF70F: "ญ", 0xF710: "ั", 0xF711: "ํ", 0xF712: "็", 0xF713: "่",
    0xF714: "้", 0xF715: "๊", 0xF716: "๋", 0xF717: "์", 0xF718: "ุ",
    0xF719: "ู", 0xF71A: "ฺ",
}

_MARKS = "\u0E31\u0E34-\u0E3A\u0E47-\u0E4E"  # characters that sit on/under a consonant
_LEADING = "เแโใไ"  # vowels written before their consonant
_FOLLOWING = "ะาำๅ"  # vowels written after their consonant, never start a word
_ZW = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CID = re.compile(r"\(cid:\d+\)")
# SARA A / SARA AA end a syllable's vowel: an upper vowel after them is impossible, so
# they are strays (OCR's สาระัตถะ, ทาี่).
_STRAY_SARA_A = re.compile("[ะา](?=[\u0E31\u0E34-\u0E37\u0E47])")
# Spaces between a consonant and its mark / following vowel (OCR, PDF spacing).
_SPACE_BEFORE_MARK = re.compile(f"(?<=[\u0E01-\u0E2E{_MARKS}]) +(?=[{_MARKS}ำ])")
_SPACE_AFTER_LEADING = re.compile(f"(?<=[{_LEADING}]) +(?=[\u0E01-\u0E2E])")
# MAI HAN-AKAT always has a final consonant after it: a space there is OCR's or the PDF's
# (รับฟั ง, ปลั ดกระทรวง).
_SPACE_AFTER_MAI_HAN_AKAT = re.compile("(\u0e31[\u0e48-\u0e4b]?) +(?=[\u0e01-\u0e2e])")
_SEGMENT_SPLIT = re.compile(r"( {2,}|\t+)")


def repair_text(text: str) -> str:
    if not text:
        return text
    text = text.translate(PUA_MAP)
    text = _ZW.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CID.sub("", text)
    # Join first: a line that starts with a mark would lose it to the normaliser.
    lines = _join_broken_words([line.rstrip() for line in text.split("\n")])
    return "\n".join(_repair_line(line) for line in lines)


def _repair_line(line: str) -> str:
    line = line.rstrip()
    if not line.strip():
        return ""
    parts = _SEGMENT_SPLIT.split(line)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 1:  # the separator: keep wide gaps as they are
            out.append(part)
            continue
        lead = part[: len(part) - len(part.lstrip(" "))]
        out.append(lead + _repair_segment(part.strip(" ")) if part.strip(" ") else part)
    return "".join(out)


def _repair_segment(seg: str) -> str:
    seg = seg.replace("\u0E4D\u0E32", "\u0E33")  # ํ + า written for ำ
    seg = _SPACE_BEFORE_MARK.sub("", seg)
    seg = _SPACE_AFTER_LEADING.sub("", seg)
    seg = close_mai_han_akat(seg)
    seg = _thai_normalize(seg)
    seg = seg.replace("ำา", "ำ")  # PDF extraction of SARA AM as its two glyphs
    seg = _STRAY_SARA_A.sub("", seg)
    return seg


def close_mai_han_akat(text: str) -> str:
    """`รับฟั ง` -> `รับฟัง`."""
    return _SPACE_AFTER_MAI_HAN_AKAT.sub(r"\1", text)


def _join_broken_words(lines: list[str]) -> list[str]:
    """Join a line ending in a leading vowel, or a line starting with a mark or following
    vowel, with its neighbour: no Thai word can end or start that way."""
    out: list[str] = []
    for line in lines:
        stripped = line.lstrip()
        if out and stripped and (stripped[0] in _FOLLOWING or re.match(f"[{_MARKS}]", stripped[0])):
            out[-1] = out[-1] + stripped
            continue
        if out and out[-1] and out[-1][-1] in _LEADING and stripped:
            out[-1] = out[-1] + stripped
            continue
        out.append(line)
    return out

"""Read a .txt letter: UTF-8 (with or without BOM) or TIS-620/cp874, never guessed silently."""
from __future__ import annotations

import re
from pathlib import Path

# Thai letters, marks and digits; a real Thai text is mostly these plus ASCII.
_THAI = re.compile(r"[\u0E01-\u0E5B]")
# C1 control characters: cp874 maps few of them, so their presence means a wrong decoding.
_BAD = re.compile(r"[\u0080-\u009F\uFFFD]")


# Control characters no text file holds (tab, line breaks and form feed are text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A text with more of them than this share of its characters is not a text.
CONTROL_SHARE = 0.01
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, name: str = "file") -> str:
    """Decode bytes of a Thai text file; ValueError when no encoding fits, or when the
    bytes are not text at all (a binary file named .txt)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith(_UTF16_BOMS):  # Notepad's "Unicode"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
        if text is not None and _looks_thai(text):
            return _checked(normalize_newlines(text), name)
    if b"\x00" in data:
        raise ValueError(f"{name} is not a text file: it holds NUL bytes (binary data)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data, name)
    return _checked(normalize_newlines(text), name)


def _checked(text: str, name: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > CONTROL_SHARE * len(text):
        raise ValueError(f"{name} is not a text file: {controls:,} of its {len(text):,} "
                         "characters are control codes (binary data)")
    return text


def _decode_legacy(data: bytes, name: str) -> str:
    # cp874 is a superset of TIS-620 (adds a few punctuation marks in 0x80-0x9F).
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_thai(text):
        return text
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    raise ValueError(
        f"cannot decode {name}: not UTF-8 and not Thai TIS-620/cp874 text "
        "(save it as UTF-8)")


def _looks_thai(text: str) -> bool:
    if _BAD.search(text):
        return False
    high = sum(1 for ch in text if ord(ch) > 0x7F)
    if high == 0:
        return True
    return sum(1 for _ in _THAI.finditer(text)) >= 0.9 * high


def _charset_normalizer_guess(data: bytes) -> str | None:
    """Accept another detector's answer only when it decodes to mostly Thai text."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if _THAI.search(text) and _looks_thai(text):
        return text
    return None


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path | str) -> str:
    path = Path(path)
    return decode_text(path.read_bytes(), path.name)

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


# Bytes read for each character wanted: UTF-8 takes at most 4, UTF-16 4, cp874 1.
_BYTES_PER_CHAR = 4


def read_text(path: Path | str, max_chars: int | None = None) -> str:
    """The text of a file; with `max_chars`, of its beginning only, enough for that many
    characters (what lies beyond would be cut anyway: a 200 MB letter is read in a
    moment, not decoded and checked whole)."""
    path = Path(path)
    with open(path, "rb") as fh:
        if max_chars is None:
            return decode_text(fh.read(), path.name)
        data = fh.read(_BYTES_PER_CHAR * max_chars)
        if fh.read(1):
            data = _whole_characters(data)
    return decode_text(data, path.name)


def _whole_characters(data: bytes) -> bytes:
    """The beginning of a longer file without the character cut in two at its end (the
    first bytes of a UTF-8 sequence, half a UTF-16 unit or pair). Dropping a byte of a
    one-byte encoding there costs nothing: the text is cut again at a line or a word."""
    if data.startswith(_UTF16_BOMS):
        data = data[: len(data) - len(data) % 2]
        high = data[-1] if data.startswith(b"\xff\xfe") else data[-2]
        return data[:-2] if len(data) > 2 and 0xD8 <= high <= 0xDB else data
    start = len(data) - 1  # of the last character: step back over continuation bytes
    while start > 0 and len(data) - start < 4 and data[start] & 0xC0 == 0x80:
        start -= 1
    lead = data[start] if data else 0
    length = 4 if lead >= 0xF0 else 3 if lead >= 0xE0 else 2 if lead >= 0xC0 else 1
    return data[:start] if len(data) - start < length else data

"""Which agency of the directory a sender is: from its name as printed and the agency code
of the reference number."""
from __future__ import annotations

import re

from .. import agencies, spell
from ..refno import normalize_ref_no
from ._labels import _REF_LABEL
from ._lines import Line


def _unspeck_name(printed: str) -> str:
    """An agency the directory does not know, without OCR's debris: a look-alike consonant
    or a speck read as ์ (spell), a speck read as a final dot after a long word (an
    abbreviation such as สลค. keeps its dot)."""
    name = spell.fix_confusables(printed)
    last = name.split()[-1] if name.split() else ""
    if last.endswith(".") and "." not in last[:-1] and len(last) > 7:
        name = name[:-1]
    return name


def _ref_text(ref_line: Line | None) -> str | None:
    """The reference number as read on its line, damaged or not."""
    m = _REF_LABEL.match(ref_line.text) if ref_line is not None else None
    return normalize_ref_no(ref_line.text[m.end():]) if m else None


def _code_on(ref_no: str | None) -> str | None:
    """The agency code of a reference number (none for an order's 12/2565)."""
    return agencies.normalize_code(ref_no) if ref_no and not re.match(r"^\d", ref_no) else None


def _office_of(printed: str | None, ag: agencies.Agency) -> str | None:
    """The office printed before its agency's name in a letterhead (_with_parent), if any."""
    if not printed:
        return None
    for name in (ag.name, *ag.aliases):
        if name and printed.endswith(" " + name):
            office = printed[: -len(name)].strip()
            return office if agencies.OFFICE_START.match(office) else None
    return None


def _resolve(printed: str | None, code: str | None) -> agencies.Agency | None:
    by_code = agencies.lookup_code(code) if code else None
    if printed:
        canon = agencies.canonical_name(printed)
        by_name = (agencies.lookup_name(canon) or agencies.lookup_similar_name(canon)
                   or agencies.lookup_name_prefix(canon))
        if by_name is not None and (by_code is None or by_name.code == by_code.code
                                    or agencies.lookup_name(canon) is not None):
            return by_name
        if by_code is None:
            return None
    # The code is printed in a fixed format and survives OCR better than a long name;
    # when the letterhead disagrees with it, the code names the sender.
    return by_code

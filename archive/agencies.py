"""Directory of Thai government agencies: letter code (`นร 0505`) -> full name, abbreviation,
ministry. Shipped as data (archive/data/agencies.tsv); used to name the sender when the
letterhead is damaged and to resolve what a user types as a sender (name, `สลค.`, code)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Flag, auto
from functools import lru_cache
from pathlib import Path

from pythainlp.util import thai_digit_to_arabic_digit

from .thaitext import bare, within_edits

DATA = Path(__file__).with_name("data") / "agencies.tsv"


class Opens(Flag):
    """What a name that opens with a word may be."""
    AGENCY = auto()    # an agency: a letterhead's sender, a receiving stamp's office
    OFFICE = auto()    # an office printed above the body it belongs to; both are the sender
    PARENT = auto()    # that body (คณะวิทยาศาสตร์การกีฬา / มหาวิทยาลัยบูรพา)
    UNIT = auto()      # a unit of an agency (a memo's owner division), never the agency itself
    DIVISION = auto()  # the owner division that ends a signature block's position lines


_A, _O, _P, _U, _D = Opens.AGENCY, Opens.OFFICE, Opens.PARENT, Opens.UNIT, Opens.DIVISION
# The words that open the name of a government body, one list: the patterns below are
# derived from it. Each word is a regular expression.
NAME_OPENERS: tuple[tuple[str, Opens], ...] = (
    ("ศาลากลาง", _A),
    ("จังหวัด", _A | _P),
    ("กรม", _A | _P),
    ("กระทรวง", _A | _P),
    ("สำนักงาน", _A | _P),
    ("สำนัก(?!งาน)", _A | _O),
    ("สำนักงานเลขานุการ", _D),
    ("กอง", _A | _O | _U | _D),
    ("กองบัญชาการ", _A),
    ("กองทัพ", _A),
    ("สถาบัน", _A | _O | _P),
    ("องค์การ", _A | _P),
    ("องค์การบริหารส่วน", _A),
    ("การไฟฟ้า", _A),
    ("การประปา", _A),
    ("การท่า", _A),
    ("มหาวิทยาลัย", _A | _P),
    ("วิทยาลัย", _A | _O),
    ("โรงเรียน", _A | _O),
    ("โรงพยาบาล", _A | _O),
    ("ศาล", _A),
    ("เทศบาล", _A),
    ("ที่ว่าการ", _A),
    ("กรุงเทพมหานคร", _A),
    ("ธนาคาร", _A),
    ("คณะ", _A | _O),
    ("ศูนย์", _A | _O | _U | _D),
    ("หน่วย", _A | _O),
    ("ตำรวจ", _A),
    ("สภา", _A | _P),
    ("ภาควิชา", _O | _U),
    ("สาขาวิชา", _O | _U),
    ("สาชาวิชา", _U),  # ช for ข: OCR
    ("สถานี", _O),
    ("กลุ่ม", _U | _D),
    ("ฝ่าย", _U | _D),
    ("งาน", _U | _D),
    ("ส่วน", _U | _D),
    ("แผนก", _U),
)


def _openers(what: Opens) -> str:
    """The words of NAME_OPENERS that may open a name of `what` (any of its kinds), as one
    alternation."""
    return "|".join(w for w, opens in NAME_OPENERS if opens & what)


def _opening(what: Opens) -> re.Pattern:
    """A text that opens with a word of NAME_OPENERS that may open a name of `what`."""
    return re.compile(f"^(?:{_openers(what)})")


AGENCY_START = _opening(Opens.AGENCY)
OFFICE_START = _opening(Opens.OFFICE)
PARENT_START = _opening(Opens.PARENT)
UNIT_START = _opening(Opens.UNIT)
DIVISION_START = _opening(Opens.DIVISION)
# Where an agency's (or its parent body's) name may start inside a longer value.
_NAME_START_ANYWHERE = re.compile(_openers(Opens.AGENCY | Opens.PARENT))


@dataclass(frozen=True)
class Agency:
    code: str  # `นร 0505`; for a ministry row just its letters (`นร`); '' when unknown
    name: str
    abbr: str = ""
    ministry: str = ""
    aliases: tuple[str, ...] = ()  # other printed forms (ศาลากลางจังหวัดX)

    @property
    def is_ministry(self) -> bool:
        return bool(self.code) and " " not in self.code


def _key(text: str) -> str:
    """Comparison key: Thai digits, spaces and dots do not matter."""
    return re.sub(r"[\s.]", "", thai_digit_to_arabic_digit(text or ""))


def normalize_code(text: str) -> str | None:
    """`นร0505`, `นร ๐๕๐๕`, `นร 0505.2` -> `นร 0505`."""
    m = re.match(r"\s*([ก-ฮ]{1,3})\.?\s*([0-9๐-๙]{2,5})", text or "")
    if not m:
        return None
    return f"{m.group(1)} {thai_digit_to_arabic_digit(m.group(2))}"


@lru_cache(maxsize=1)
def load() -> tuple[Agency, ...]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", "", ""])[:5]
        code, name, abbr, ministry, aliases = (c.strip() for c in cols)
        out.append(Agency(code, name, abbr, ministry, tuple(a for a in aliases.split("|") if a)))
    return tuple(out)


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, Agency], dict[str, list[Agency]], dict[str, list[Agency]]]:
    by_code: dict[str, Agency] = {}
    by_name: dict[str, list[Agency]] = {}
    by_abbr: dict[str, list[Agency]] = {}
    for ag in load():
        if ag.code and ag.code not in by_code:
            by_code[ag.code] = ag
        for name in (ag.name, *ag.aliases):
            by_name.setdefault(_key(name), []).append(ag)
        if ag.abbr:
            by_abbr.setdefault(_key(ag.abbr), []).append(ag)
    return by_code, by_name, by_abbr


@lru_cache(maxsize=1)
def known_names() -> tuple[str, ...]:
    """Every full name and printed alias, longest first."""
    names = {n for ag in load() for n in (ag.name, *ag.aliases)}
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _spaced_names() -> tuple[tuple[str, str], ...]:
    names = {n for n in known_names() if " " in n and len(n) > 12}
    return tuple((n.replace(" ", ""), n) for n in sorted(names, key=len, reverse=True))


def respace_names(text: str | None) -> str | None:
    """Put back the spaces of a known name whose spaces a line wrap lost
    (กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม)."""
    if not text:
        return text
    for glued, spaced in _spaced_names():
        if glued in text.replace(" ", "") and spaced not in text:
            pattern = r"\s?".join(re.escape(ch) for ch in glued)
            text = re.sub(pattern, spaced, text, count=1)
    return text


def lookup_code(code: str | None) -> Agency | None:
    """The agency of a letter code (`นร 0505`, also from a full ref `นร 0505/ว 500`)."""
    norm = normalize_code(code or "")
    if not norm:
        return None
    ag = _indexes()[0].get(norm)
    return ag if ag and not ag.is_ministry else None


def letters_for_number(number: str, sender: Agency | None = None) -> str | None:
    """The agency letters that go with a department number (`0403` -> `ดศ`) when OCR has
    garbled the letters: the sender's own code if its number is this one, else the letters
    every directory entry with this number shares (provinces all use 0017: then only the
    sender can tell)."""
    number = thai_digit_to_arabic_digit(number)
    if sender and " " in sender.code:
        letters, own = sender.code.split(" ", 1)
        if own == number:
            return letters
    found = {ag.code.split(" ", 1)[0] for ag in load() if ag.code.endswith(" " + number)}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _all_letters() -> frozenset[str]:
    return frozenset(ag.code.split(" ", 1)[0] for ag in load() if ag.code)


def known_letters(letters: str) -> bool:
    """Letters some agency in the directory uses (`นร`, `ภก`)."""
    return letters.strip() in _all_letters()


def ministry_of_letters(letters: str) -> str | None:
    ag = _indexes()[0].get(letters.strip())
    return ag.name if ag else None


def lookup_name(name: str | None) -> Agency | None:
    """Exact (spacing-insensitive) match of a full name or a printed alias."""
    hits = _indexes()[1].get(_key(name or ""))
    return hits[0] if hits else None


def lookup_similar_name(name: str | None, max_edits: int = 2) -> Agency | None:
    """A known name within `max_edits` character edits (OCR damage), when only one is."""
    key = _key(name or "")
    if len(key) < 10:
        return None
    hits = {ag for k, ags in _indexes()[1].items() if abs(len(k) - len(key)) <= max_edits
            and within_edits(k, key, max_edits) for ag in ags}
    return hits.pop() if len(hits) == 1 else None


def ends_with_name(text: str) -> bool:
    """Whether the text ends in a name of the directory (ผู้ว่าราชการจังหวัดขอนแก่น)."""
    return any(lookup_name(canonical_name(text[m.start():]))
               for m in _NAME_START_ANYWHERE.finditer(text))


def mend_name_at_end(text: str | None) -> str | None:
    """A value that ends in an agency's name one OCR edit away from one name of the
    directory, or spaced otherwise, that name written right (an addressee:
    อธิการบดีมหาวิทยาลัยราชภัฏเสย -> …ราชภัฏเลย; เสย is a word, so no dictionary repair sees
    it). One edit only, and no digits
    in the name: two names of the directory two edits apart exist (จังหวัดตาก, จังหวัดตราด),
    and names that differ by a number (… เขต ๑, … เขต ๒) are different bodies."""
    if not text or re.search(r"[0-9๐-๙]", text):
        return text
    for m in _NAME_START_ANYWHERE.finditer(text):
        tail = text[m.start():]
        known = lookup_name(canonical_name(tail))
        if known:
            # spaced as the directory has it (กรมส่งเสริมการปก ครองท้องถิ่น: a PDF's space)
            spelled = next((n for n in (known.name, *known.aliases) if _key(n) == _key(tail)), tail)
            return text[:m.start()] + spelled
        found = lookup_similar_name(tail, max_edits=1)
        if found is not None:
            return text[:m.start()] + found.name
    return text


# OCR breaks the opening word of a letterhead's name (ส เนักบริหารโครงการ: ำ read as เ, a
# space inside), and then no rule sees a name in it. Openers this long, one edit off
# (spaces not counted), are mended; shorter ones (กรม, กอง, คณะ) are one edit from too many
# words.
_MENDED_OPENER_MIN = 5


def _literal(opener: str) -> str:
    """An opener of NAME_OPENERS without its lookahead (สำนัก(?!งาน) -> สำนัก)."""
    return re.sub(r"\(\?.*?\)", "", opener)


_OPENER_WORDS = tuple(sorted({w for w in map(_literal, (o for o, _ in NAME_OPENERS))
                              if len(w) >= _MENDED_OPENER_MIN}, key=len, reverse=True))
_ANY_OPENER = _opening(Opens.AGENCY | Opens.OFFICE | Opens.PARENT | Opens.UNIT | Opens.DIVISION)


def mend_opener(text: str) -> str:
    """A name whose opening word OCR broke, that word written right: `ส เนักบริหารโครงการ`
    -> `สำนักบริหารโครงการ`. Only a text that opens with no opener of NAME_OPENERS, whose
    first letter is the opener's, and whose name goes on after it."""
    text = text.strip()
    if not text or _ANY_OPENER.match(text):
        return text
    found = []  # (letters added or dropped, -len(word), end, word): a changed letter first
    for word in _OPENER_WORDS:
        if text[0] != word[0]:
            continue
        for end in range(len(word) - 1, min(len(text), len(word) + 3) + 1):
            key = re.sub(r"\s", "", text[:end])
            if (abs(len(key) - len(word)) <= 1 and within_edits(key, word, 1)
                    and re.match(r"[ก-ฮเ-ไ]", text[end:end + 1])):
                found.append((abs(len(key) - len(word)), -len(word), end, word))
    if not found:
        return text
    _, _, end, word = min(found)
    return word + text[end:]


# OCR names agencies and provinces one letter off (จังหวัดขอบแก่น, หนองบัวลาภู, ขัยภูมิ on
# the real scan dula_01), and a search for ขอนแก่น misses the letter. The Thai run from
# where a name may start (ผู้ว่าราชการ|จังหวัดขอบแก่น) to its end, when it is one changed
# letter from exactly one name of the directory, is written as that name. Only a changed
# letter: a name may run on into the next word (จังหวัดตากร…), and names that differ by an
# added letter exist.
_THAI_RUN = re.compile(r"[\u0E01-\u0E4E]*")
_MENDED_NAME_MIN = 10


@lru_cache(maxsize=1)
def _names_by_length() -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for name in known_names():
        if " " not in name and not re.search(r"[0-9๐-๙]", name):
            out.setdefault(len(name), []).append(name)
    return {n: tuple(names) for n, names in out.items()}


def _mended_name(word: str) -> str | None:
    if len(word) < _MENDED_NAME_MIN or _key(word) in _indexes()[1]:
        return None
    near = [n for n in _names_by_length().get(len(word), ()) if within_edits(n, word, 1)]
    return near[0] if len(near) == 1 else None


def mend_names(text: str) -> str:
    """OCR text with each agency or province name one changed letter off the directory
    written as the directory has it (`จังหวัดขอบแก่น` -> `จังหวัดขอนแก่น`)."""
    out, kept = [], 0
    for m in _NAME_START_ANYWHERE.finditer(text):
        if m.start() < kept:
            continue
        end = _THAI_RUN.match(text, m.end()).end()
        mended = _mended_name(text[m.start():end])
        if mended is not None:
            out += [text[kept:m.start()], mended]
            kept = end
    return "".join(out) + text[kept:] if out else text


@lru_cache(maxsize=1)
def _bare_names() -> tuple[tuple[str, Agency | None], ...]:
    """(mark-free key, its agency or None when two share it), longest first."""
    out: dict[str, list[Agency]] = {}
    for ag in load():
        for name in (ag.name, *ag.aliases):
            key = bare(_key(name))
            if ag not in out.setdefault(key, []):
                out[key].append(ag)
    return tuple((k, ags[0] if len(ags) == 1 else None)
                 for k, ags in sorted(out.items(), key=lambda kv: -len(kv[0])))


def lookup_name_prefix(text: str | None) -> Agency | None:
    """The agency whose full name the text starts with, the longest such name; spaces,
    vowel and tone marks ignored: an OCR'd title line loses marks and runs on into junk
    (ประกาศกรมควบคุมโรค a a ๕ ..., สำนกงานปลัด...)."""
    key = bare(_key(text or ""))
    if len(key) < 8:
        return None
    for name, ag in _bare_names():
        if len(name) >= 8 and key.startswith(name):
            return ag
    return None


_PROVINCE_HALL = re.compile(r"^ศาลากลาง(?=จังหวัด)")


def canonical_name(printed: str) -> str:
    """A province's letters are sent by `จังหวัดX`, whose letterhead says ศาลากลางจังหวัดX."""
    return _PROVINCE_HALL.sub("", printed.strip())


def resolve_sender(text: str | None) -> list[Agency]:
    """Agencies a user means by `text`: a full name, an abbreviation (`สลค.`), a code
    (`นร 0505`), or a province as `จังหวัดเลย` / `ศาลากลางจังหวัดเลย` / `เลย`."""
    if not text or not text.strip():
        return []
    by_code, by_name, by_abbr = _indexes()
    text = text.strip()
    code = normalize_code(text)
    if code and re.fullmatch(r"[ก-ฮ]{1,3}\.?\s*[0-9๐-๙]{2,5}(?:[./].*)?", text):
        ag = by_code.get(code)
        return [ag] if ag else []
    key = _key(canonical_name(text))
    found: list[Agency] = []
    for hits in (by_name.get(key), by_abbr.get(key), by_name.get(_key("จังหวัด" + text))):
        for ag in hits or ():
            if ag not in found:
                found.append(ag)
    return found

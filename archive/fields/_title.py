"""What a person calls a letter: its subject, else the first words of its own text (the
heading), else its kind and number."""
from __future__ import annotations

import re

from .. import agencies
from ..records import Memo
from ._debris import _PAGE_NO, _is_junk
from ._kind import _KIND_TITLES
from ._labels import _ADDRESS, _CLOSING, _RECIP_LABEL
from ._lines import (_is_label, _is_structural, _join_wrapped, _mend_breaks, _opens_paragraph,
                     _split_lines)
from ._marks import _MARK_WORDS
from ._stamps import _find_stamps, _stamp_lines


# A title shown in a list: about one line of a results page.
TITLE_MAX_CHARS = 90
TITLE_MIN_CHARS = 20
# The heading of a text without a subject line (heading_of) is indexed in the subject's
# place: a line longer than this is a paragraph, of which the opening words are enough.
HEADING_MAX_CHARS = 200
_TITLE_SCAN_CHARS = 4000  # the first words of a letter are within its first page
_KIND_WORDS = tuple(kind for kind, _ in _KIND_TITLES) + ("หนังสือประทับตรา",)
_THAI_LETTERS = re.compile("[ก-ฮ]")
# The running head of a Royal Gazette page (เล่ม ๑๓๔ ตอนที่ ๒๔ ก ราชกิจจานุเบกษา …).
_RUNNING_HEAD = re.compile(r"^เล่ม\s*[0-9๐-๙]+\s*ตอน")
NO_TEXT_TITLE = "ภาพสแกนที่ยังไม่ได้อ่านข้อความ (รอ OCR)"
UNTITLED = "หนังสือไม่มีชื่อเรื่อง"


def title_of(memo: Memo) -> str:
    """What a person calls the letter: its subject; else the first words of its own text
    that are not its letterhead, a label line (ที่, ถึง, เรียน …), a date, a mark (ด่วน,
    ลับ), a kind title or a receiving stamp (a stamped letter: the opening of its body);
    else its kind and number. Never its file name."""
    if memo.subject:
        return memo.subject
    words = heading_of(memo.text or "")
    if words:
        return _cut_words(words, TITLE_MAX_CHARS)
    if memo.needs_ocr:
        return NO_TEXT_TITLE
    kind = memo.kind if memo.kind and memo.kind != "อื่น ๆ" else None
    if kind or memo.ref_no:
        return " ".join(filter(None, (kind or "หนังสือ", memo.ref_no and f"ที่ {memo.ref_no}")))
    return UNTITLED


def heading_of(text: str) -> str | None:
    """The first words of a text that are not its letterhead, a label line, a date, a mark,
    a kind title or a receiving stamp (see title_of), at most HEADING_MAX_CHARS: what names
    a letter without a subject line (a news text's headline, a law's title); None when
    there are none."""
    lines = _mend_breaks(_split_lines(text[:_TITLE_SCAN_CHARS]))
    stamps = _stamp_lines(_find_stamps(lines))
    nb = [ln for ln in lines if ln.text and ln.no not in stamps]
    start = 0
    for k, ln in enumerate(nb[:40]):
        if _RECIP_LABEL.match(ln.text):
            # The body opens after the addressee, which may wrap onto a line or two.
            start = next((j for j in range(k + 1, min(k + 4, len(nb)))
                          if _opens_paragraph(nb[j].text)), k + 1)
            break
    first = None
    for ln in nb[start:start + 60]:
        if not _may_title(ln.text):
            continue
        # A title set on short lines (พระราชบัญญัติ / คุ้มครองข้อมูลส่วนบุคคล / พ.ศ. ๒๕๖๒)
        # goes on with the lines right under it; a short line alone (a stray heading
        # above the real one) gives way to a longer one further down.
        parts = [ln.text]
        for nxt in lines[ln.no + 1:]:
            if len(" ".join(parts)) >= TITLE_MIN_CHARS or not nxt.text or nxt.no in stamps \
                    or _is_label(nxt.text) or _opens_paragraph(nxt.text):
                break
            parts.append(nxt.text)
        title = _cut_words(_join_wrapped(parts), HEADING_MAX_CHARS, "")
        if len(title) >= TITLE_MIN_CHARS:
            return title
        first = first or title
    return first


def _may_title(text: str) -> bool:
    bare_text = text.strip(" .,:;-")
    return (len(_THAI_LETTERS.findall(bare_text)) >= 4
            and not (_is_label(text) or _is_structural(text) or _is_junk(text)
                     or _CLOSING.match(text) or _PAGE_NO.match(text) or _ADDRESS.match(text))
            and not _MARK_WORDS.fullmatch(bare_text)
            and bare_text not in _KIND_WORDS
            and not _RUNNING_HEAD.match(bare_text) and not _is_letterhead(bare_text))


def _is_letterhead(text: str) -> bool:
    """A line that is only an agency's name (ศาลากลางจังหวัดเชียงใหม่)."""
    return bool(agencies.AGENCY_START.match(text)) and " " not in text and bool(
        agencies.lookup_name(text) or agencies.resolve_sender(text))


def _cut_words(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text`, or its first words within `limit` characters and `ellipsis`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    from pythainlp.tokenize import word_tokenize

    out = ""
    for word in word_tokenize(text[:limit + 30], engine="newmm", keep_whitespace=True):
        if len(out) + len(word) > limit:
            break
        out += word
    return (out.rstrip() or text[:limit]) + ellipsis

"""Memo record -> Whoosh document fields. Pure functions."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from archive import Memo
from archive.fields import UNTITLED, heading_of, title_of

from ._segment import fold, toneless

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class FileState:
    """What reindex compares to decide whether a file must be read again."""
    size: int
    mtime_ns: int
    sha256: str
    status: str  # ok | needs_ocr | failed
    extractor: str
    # A link's identity (archive.confined.Entry.link), "" for a plain file: size and time
    # are its target's, or its own when it was refused, and do not change with the link.
    link: str = ""

    def encode(self) -> bytes:
        raw = f"{self.size}:{self.mtime_ns}:{self.sha256}:{self.status}:{self.extractor}"
        return (f"{raw}:{self.link}" if self.link else raw).encode()

    @classmethod
    def decode(cls, raw: bytes) -> "FileState | None":
        try:
            size, mtime, sha, status, extractor, *link = raw.decode().split(":", 5)
            return cls(int(size), int(mtime), sha, status, extractor, "".join(link))
        except (ValueError, UnicodeDecodeError):
            return None


def compact(text: str) -> str:
    """Folded with all whitespace removed: the form of exact keys and substring filters."""
    return _SPACES.sub("", fold(text))


def ref_key(ref_no: str | None) -> str | None:
    return compact(ref_no) if ref_no else None


def digits_key(value: str | None) -> str | None:
    """เลขรับ compared as digits (Thai digits mapped), without leading zeros."""
    if not value:
        return None
    digits = re.sub(r"\D", "", fold(value))
    return digits.lstrip("0") or ("0" if digits else None)


def sender_keys(record: dict) -> list[str]:
    keys = []
    for value in (record.get("sender"), record.get("sender_code"), record.get("sender_abbr")):
        if value:
            keys.append(compact(value))
    return keys


OCR_FORMATS = ("scan", "image")


def filed_date(record: dict) -> tuple[datetime | None, str | None]:
    """The date a letter is filed under (date filters, the year facet, date order) and
    where it comes from: the letter's own date ("letter"), else the date of its first
    receiving stamp ("stamp": a scan whose date line OCR could not read), else none."""
    own = _parse_iso(record.get("date"))
    if own:
        return own, "letter"
    for value in [s.get("date") for s in record.get("stamps") or []] + [record.get("received_date")]:
        stamped = _parse_iso(value)
        if stamped:
            return stamped, "stamp"
    return None, None


def received_days(record: dict) -> list[str]:
    """yyyymmdd of each date the letter was received (its stamps, else received_date)."""
    values = [s.get("date") for s in record.get("stamps") or []] + [record.get("received_date")]
    return sorted({d.strftime("%Y%m%d") for d in map(_parse_iso, values) if d})


def with_title(record: dict) -> dict:
    """The record with its title (records read before titles existed get one here)."""
    if record.get("title"):
        return record

    try:
        title = title_of(Memo.from_json(record))
    except Exception:  # noqa: BLE001 - an odd old record must not stop a reindex
        title = record.get("subject") or UNTITLED
    return dict(record, title=title)


def analysed_text(record: dict) -> dict[str, str]:
    """The fields the Thai analyzers segment, as text: what `index.analyse` turns into tokens
    in a reader process, so the writer segments nothing."""
    text = record.get("text") or ""
    # A text without a subject line (news, statements, reports, minutes, laws) is named by
    # its heading, the rule of its displayed title: weighed as a subject, its headline
    # finds it before texts that only mention the same words.
    subject = record.get("subject") or heading_of(text) or ""
    sender = record.get("sender") or ""
    return {
        "ref_text": " ".join(filter(None, [record.get("ref_no"), record.get("ref_no_raw")])),
        "sender": " ".join(filter(None, [sender, record.get("sender_abbr"),
                                         record.get("sender_as_printed")])),
        "recipient": record.get("recipient") or "",
        "subject": subject,
        "subject_fine": subject,
        "body": text,
        "body_fine": text,
        "body_toneless": toneless(text) if record.get("format") in OCR_FORMATS else "",
    }


def to_fields(record: dict, doc_id: str, state: FileState) -> dict:
    """`record` is a memo as `Memo.to_json()` gives it. The stored record also says which
    date the letter is filed under (`filed_date`, `date_source`, see filed_date)."""
    date, source = filed_date(record)
    record = with_title(record) | {"date_source": source,
                                   "filed_date": date.date().isoformat() if date else None}
    subject = record.get("subject") or ""
    sender = record.get("sender") or ""
    refs = [r for r in (record.get("ref_no"), ) if r]
    received = {digits_key(s.get("no")) for s in record.get("stamps") or []}
    received.add(digits_key(record.get("received_no")))
    fields = {
        "doc_id": doc_id,
        "path": record["path"],
        "state": state.encode(),
        "status": state.status,
        "format": record.get("format") or "",
        "kind": record.get("kind") or "",
        "ref_key": ",".join(filter(None, (ref_key(r) for r in refs))),
        "cites_key": ",".join(filter(None, (ref_key(r) for r in record.get("cites") or []))),
        "year": str(date.year + 543) if date else "",
        "sender_key": ",".join(sender_keys(record)),
        "sender_facet": sender,
        "urgency": record.get("urgency") or "",
        "secrecy": record.get("secrecy") or "",
        "received_key": ",".join(sorted(k for k in received if k)),
        "received_day": ",".join(received_days(record)),
        "subject_norm": compact(subject).encode(),
        "sender_norm": compact(" ".join(filter(None, [sender, record.get("sender_as_printed")]))).encode(),
        "recipient_norm": compact(record.get("recipient") or "").encode(),
        "needs_ocr": bool(record.get("needs_ocr")),
        "record": json.dumps(record, ensure_ascii=False),
    } | analysed_text(record)
    ymd = date.year * 10000 + date.month * 100 + date.day if date else None
    fields["newest_key"] = 99999999 - ymd if ymd else 99999999
    fields["oldest_key"] = ymd or 99999999
    if date:
        fields["date"] = date
    return fields


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10])
    except ValueError:
        return None

"""The memo record: what archive/ understood of one file. Plain data, no I/O."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Keys of `saraban extract --json`, in their documented order (docs/interface.md,
# "Command line"; names as in truth.jsonl).
FIELD_NAMES = (
    "path", "kind", "ref_no", "ref_no_raw", "date", "date_raw", "sender", "sender_code",
    "recipient", "subject", "urgency", "secrecy", "signatory", "position", "owner_division",
    "phone", "fax", "email", "received_no", "received_date", "received_time", "cites",
    "enclosures", "text",
)


@dataclass
class Stamp:
    """One receiving stamp (เลขรับ / วันที่ / เวลา / receiving office)."""
    no: str | None = None
    date: str | None = None  # ISO, common era
    time: str | None = None  # HH:MM
    by: str | None = None


@dataclass
class Memo:
    path: str
    format: str = "txt"  # txt | pdf | scan | image | docx | odt | doc
    kind: str | None = None
    ref_no: str | None = None
    ref_no_raw: str | None = None
    date: str | None = None  # ISO, common era
    date_raw: str | None = None
    sender: str | None = None
    sender_code: str | None = None
    sender_abbr: str | None = None
    sender_as_printed: str | None = None
    recipient: str | None = None
    subject: str | None = None
    urgency: str | None = None
    secrecy: str | None = None
    signatory: str | None = None
    position: str | None = None
    owner_division: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    received_no: str | None = None
    received_date: str | None = None
    received_time: str | None = None
    cites: list[str] = field(default_factory=list)
    enclosures: list[str] = field(default_factory=list)
    stamps: list[Stamp] = field(default_factory=list)
    text: str | None = None
    # What a person calls the letter (fields.title_of): never its file name.
    title: str | None = None
    needs_ocr: bool = False
    pages: int | None = None
    truncated: bool = False  # only the beginning of a very long text was kept
    # Why the file could not be read; None when it was read.
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The `extract --json` object (the documented keys first, then the extra ones)."""
        data = asdict(self)
        out = {name: data[name] for name in FIELD_NAMES}
        out["title"] = self.title
        out["needs_ocr"] = self.needs_ocr
        out["stamps"] = data["stamps"]
        out["format"] = self.format
        out["sender_abbr"] = self.sender_abbr
        out["secrecy"] = self.secrecy
        out["truncated"] = self.truncated
        out["pages"] = self.pages
        if self.error:
            out["error"] = self.error
        return out

    def reading(self) -> dict[str, Any]:
        """What reading the file learnt before its text was understood (see
        reader.read_text_of): enough to understand the same text again."""
        return {"path": self.path, "format": self.format, "pages": self.pages,
                "needs_ocr": self.needs_ocr, "truncated": self.truncated}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Memo":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["stamps"] = [Stamp(**s) for s in known.get("stamps") or []]
        return cls(**known)

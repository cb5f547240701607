"""The extraction cache: what a file's bytes gave when read (by content hash), so that an
unchanged or moved file is never read again and a better understanding of the text
(settings.FIELDS_VERSION) never has to read a PDF or OCR a scan again."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import settings
from archive import Memo, understand


def sha256_of(fh) -> str:
    h = hashlib.sha256()
    for block in iter(lambda: fh.read(1 << 20), b""):
        h.update(block)
    return h.hexdigest()


def _cache_file(cache: str, digest: str) -> Path:
    return Path(cache, digest[:2], f"{digest}.json")


def cache_get(cache: str, digest: str, ocr: bool) -> dict | None:
    """A record read earlier from the same bytes by the same extractor, or understood
    again from the text the same reader gave (settings.FIELDS_VERSION); a scan that waited
    for OCR is not reused once OCR is available."""
    try:
        entry = json.loads(_cache_file(cache, digest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    record = entry.get("record") or {}
    if record.get("needs_ocr") and ocr:
        return None
    if entry.get("extractor") == settings.EXTRACTOR_VERSION:
        return record
    if entry.get("reader") != settings.READER_VERSION or "read" not in entry:
        return None
    record = understand(Memo.from_json(entry["read"]), entry.get("raw")).to_json()
    cache_put(cache, digest, record, entry["read"], entry.get("raw"))
    return record


def cache_put(cache: str, digest: str, record: dict, read: dict, raw: str | None) -> None:
    """`read` and `raw`: what read_text_of gave, for understanding the file again."""
    if record.get("error"):
        return  # failures are remembered by the index, and retried when the file changes
    target = _cache_file(cache, digest)
    entry = {"extractor": settings.EXTRACTOR_VERSION, "reader": settings.READER_VERSION,
             "record": record, "read": read, "raw": raw}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass  # the cache is an optimisation only

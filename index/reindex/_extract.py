"""The work done in a worker process for one file: hash it, read it (through the
extraction cache) and segment its text for the index."""
from __future__ import annotations

import os
from pathlib import Path

from archive import confined, errors, read_text_of, understand

from .._prepare import analyse
from ._cache import cache_get, cache_put, sha256_of


def extract(job: tuple[str, str, bool, str]) -> tuple[dict, dict, str, bool]:
    """Worker: hash and read one file, through the extraction cache, and segment its text
    for the index (the one writer process would otherwise do all of that alone).
    Returns (memo json, its tokens by field, sha256, whether the file stayed the same
    while it was read: not when it was replaced or deleted before it could be opened). The
    file is opened once, inside the archive (archive.confined), and every reader reads
    that open file, never the name again. Why a file could not be opened comes back in the
    record's `error` (archive.errors); a failure of the worker itself, as a TaskFailed."""
    root, rel, ocr, cache = job
    try:
        opened = confined.open_inside(root, rel)
    except (errors.Swapped, errors.Vanished):
        return {"path": rel}, {}, "", False  # the next run sees what it became, or that it is gone
    except errors.ReadError as exc:  # refused, permission denied: the file is named with why
        return {"path": rel, "error": str(exc)}, {}, "", True
    with opened:
        before = opened.stat
        digest = sha256_of(opened.file)
        record = cache_get(cache, digest, ocr)
        if record is None:
            with confined.path_of(opened, Path(rel).name) as path:
                memo, raw = read_text_of(path, display_path=rel, ocr=ocr)
            read = memo.reading()
            record = understand(memo, raw).to_json()
            cache_put(cache, digest, record, read, raw)
        after = os.fstat(opened.file.fileno())
    record["path"] = rel
    stable = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
    return record, (analyse(record) if stable else {}), digest, stable

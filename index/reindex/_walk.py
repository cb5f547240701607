"""What is in the archive folder: each file we read, by size and mtime only (no reading),
with the links refused and the names that are not UTF-8."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from archive import confined, is_readable


@dataclass(frozen=True)
class Found:
    rel: str          # the document's path in the index (relative, UTF-8)
    size: int
    mtime_ns: int
    bad_name: bool = False  # not valid UTF-8: listed as failed until renamed
    link: str = ""    # a link's identity (archive.confined.Entry.link)
    problem: str | None = None  # a link refused (outside the archive, broken, a loop)


def walk_archive(root: Path, errors: list[tuple[str, str]]) -> tuple[dict[str, Found], int]:
    """Every file of a type we read under root, by path relative to root; and how many
    were skipped (other types, FIFOs and devices: nothing to read, and a FIFO would hold
    a reader until the timeout). Links are listed with why they are refused, if they are
    (archive.confined); symlinked folders are not followed (no loops); unreadable folders
    are reported."""
    found: dict[str, Found] = {}
    skipped = 0
    real_root = confined.real_root(root)

    def onerror(exc: OSError):
        errors.append((os.path.relpath(exc.filename, root) if exc.filename else "?",
                       f"cannot list folder: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            full = Path(dirpath, name)
            if not is_readable(full):
                skipped += 1
                continue
            rel = full.relative_to(root).as_posix()
            bad_name = False
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                rel, bad_name = os.fsencode(rel).decode("utf-8", "backslashreplace"), True
            try:
                e = confined.entry(real_root, full)
            except OSError:
                continue  # gone while we listed the folder
            if e.kind == confined.SPECIAL:
                skipped += 1
                continue
            found[rel] = Found(rel, e.size, e.mtime_ns, bad_name, e.link, e.problem)
    return found, skipped

"""`saraban reindex`: bring the index in line with the archive folder.

Walk the archive (size and mtime only), compare with the index's file states, read the
new and changed files in worker processes, and feed one index writer that commits in
batches. Moves keep their doc_id (recognised by content hash).
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import settings
from archive import is_readable, read_document
from index import FileState, IndexUpdater, Known, ReindexLock, write_last_run

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 75
MASS_DELETE_SHARE = 0.5   # more than half of the archive gone: probably an unmounted share
MASS_DELETE_MIN = 20


class UsageError(Exception):
    """Bad configuration: nothing was changed."""


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    needs_ocr: int = 0
    skipped: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (f"added {self.added}, updated {self.updated}, removed {self.removed}, "
                f"unchanged {self.unchanged}, failed {self.failed}, "
                f"needs OCR {self.needs_ocr}, skipped {self.skipped}, "
                f"{self.seconds:.1f} s")


@dataclass(frozen=True)
class Found:
    rel: str
    size: int
    mtime_ns: int


def walk_archive(root: Path, errors: list[tuple[str, str]]) -> tuple[dict[str, Found], int]:
    """Every readable file under root, by path relative to root; and how many were skipped.
    Symlinked folders are not followed (no loops); unreadable folders are reported."""
    found: dict[str, Found] = {}
    skipped = 0

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
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                errors.append((os.fsencode(rel).decode("utf-8", "replace"),
                               "file name is not valid UTF-8; rename the file"))
                continue
            try:
                st = full.stat()
            except OSError as exc:
                errors.append((rel, f"cannot read: {exc.strerror}"))
                continue
            found[rel] = Found(rel, st.st_size, st.st_mtime_ns)
    return found, skipped


def _ocr_ready(mode: str) -> bool:
    if mode == "off":
        return False
    try:
        from archive.ocr import ocr_available
    except ImportError:
        return False
    return ocr_available()


def _extract(job: tuple[str, str, bool]) -> tuple[str, dict, str]:
    """Worker: hash and read one file. Returns (rel, memo json, sha256)."""
    root, rel, ocr = job
    full = Path(root, rel)
    try:
        digest = _sha256(full)
    except OSError as exc:
        return rel, {"path": rel, "error": f"cannot read: {exc.strerror or exc}"}, ""
    memo = read_document(full, display_path=rel, ocr=ocr)
    return rel, memo.to_json(), digest


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def new_doc_id(rel: str, digest: str) -> str:
    return hashlib.sha1(f"{rel}\0{digest}".encode()).hexdigest()[:16]


def plan(found: dict[str, Found], known: dict[str, Known], ocr_ready: bool):
    """(paths to read, paths gone, paths unchanged)."""
    to_read, unchanged = [], []
    for rel, f in found.items():
        k = known.get(rel)
        st = k.state if k else None
        if (st is None or st.size != f.size or st.mtime_ns != f.mtime_ns
                or (st.status != "failed" and st.extractor != settings.EXTRACTOR_VERSION)
                or (st.status == "needs_ocr" and ocr_ready)):
            to_read.append(rel)
        else:
            unchanged.append(rel)
    gone = [rel for rel in known if rel not in found]
    return to_read, gone, unchanged


def run(archive: Path, index: Path, full: bool = False, jobs: int = 1, ocr: str = "auto",
        quiet: bool = False, allow_mass_delete: bool = False, log=None) -> tuple[int, Summary]:
    log = log or (lambda msg: None)
    if not archive.is_dir():
        raise UsageError(f"archive folder {archive} does not exist or is not a folder")
    started = time.monotonic()
    summary = Summary()
    with ReindexLock(index), IndexUpdater(index, full=full) as up:
        if up.rebuild_reason and up.rebuild_reason not in ("new index", "--full"):
            log(f"rebuilding the index: {up.rebuild_reason}")
        known = up.known()
        previous = up.previous() if up.fresh else known
        found, summary.skipped = walk_archive(archive, summary.errors)
        summary.failed = len(summary.errors)  # names and folders that could not be read
        ocr_ready = _ocr_ready(ocr)
        to_read, gone, unchanged = plan(found, known, ocr_ready)
        if (not allow_mass_delete and len(known) >= MASS_DELETE_MIN
                and len(gone) > MASS_DELETE_SHARE * len(known)):
            raise UsageError(
                f"{len(gone)} of {len(known)} indexed files are missing from {archive}; "
                "is the share unmounted? Nothing was changed. "
                "Run with --allow-mass-delete if they were really deleted.")
        summary.unchanged = len(unchanged)
        summary.needs_ocr = sum(1 for r in unchanged if known[r].state
                                and known[r].state.status == "needs_ocr")
        # Content hashes of vanished files, to recognise moves.
        gone_by_hash: dict[str, list[str]] = {}
        for rel in gone:
            st = known[rel].state
            if st:
                gone_by_hash.setdefault(st.sha256, []).append(rel)
        for rel, record, digest in _read_all(archive, to_read, jobs, ocr_ready, quiet, log):
            f = found[rel]
            old = known.get(rel) or previous.get(rel)
            moved_from = None
            if old is None and digest in gone_by_hash and gone_by_hash[digest]:
                moved_from = gone_by_hash[digest].pop()
                old = known[moved_from]
            doc_id = old.doc_id if old else new_doc_id(rel, digest)
            status = ("failed" if record.get("error") else
                      "needs_ocr" if record.get("needs_ocr") else "ok")
            up.put(record, doc_id, FileState(f.size, f.mtime_ns, digest, status,
                                             settings.EXTRACTOR_VERSION))
            if status == "failed":
                summary.failed += 1
                summary.errors.append((rel, record["error"]))
            if status == "needs_ocr":
                summary.needs_ocr += 1
            if rel in known:
                summary.updated += 1
            elif moved_from is None:
                summary.added += 1
            else:
                summary.updated += 1
        for rel in gone:
            up.delete(rel)
            summary.removed += 1
    summary.seconds = time.monotonic() - started
    code = EXIT_FAILED if summary.errors else EXIT_OK
    write_last_run(index, {
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "exit_code": code, "added": summary.added, "updated": summary.updated,
        "removed": summary.removed, "unchanged": summary.unchanged,
        "failed": summary.failed, "needs_ocr": summary.needs_ocr,
        "skipped": summary.skipped, "seconds": round(summary.seconds, 2),
    })
    return code, summary


def _read_all(archive: Path, rels: list[str], jobs: int, ocr: bool, quiet: bool, log):
    jobs_list = [(str(archive), rel, ocr) for rel in rels]
    progress = _progress(len(rels), quiet)
    try:
        if jobs <= 1 or len(rels) < 4:
            for job in jobs_list:
                yield _extract(job)
                progress.update(1)
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for result in pool.map(_extract, jobs_list, chunksize=4):
                    yield result
                    progress.update(1)
    finally:
        progress.close()


class _PlainProgress:
    """Log lines instead of a bar when stderr is not a terminal (cron, CI)."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.done, self.quiet = total, 0, quiet
        self.step = max(100, total // 10)

    def update(self, n: int):
        self.done += n
        if not self.quiet and (self.done % self.step == 0) and self.done < self.total:
            print(f"read {self.done}/{self.total} files", file=sys.stderr)

    def close(self):
        pass


def _progress(total: int, quiet: bool):
    if not quiet and total and sys.stderr.isatty():
        from tqdm import tqdm
        return tqdm(total=total, unit="file", file=sys.stderr)
    return _PlainProgress(total, quiet)

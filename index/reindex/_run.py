"""One reindex run: the lock, the plan, the workers feeding the one index writer, the
mass-delete guard, the summary and the last-run record."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import settings

from .._documents import FileState
from .._store import ReindexLock, write_last_run
from .._writer import IndexUpdater
from ._extract import extract
from ._plan import new_doc_id, plan
from ._walk import Found, walk_archive
from ._workers import TaskFailed, supervised_map

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
    ocr_missing: str | None = None  # why scans wait, with what to install

    def line(self) -> str:
        why = f" ({self.ocr_missing})" if self.needs_ocr and self.ocr_missing else ""
        return (f"added {self.added}, updated {self.updated}, removed {self.removed}, "
                f"unchanged {self.unchanged}, failed {self.failed}, "
                f"needs OCR {self.needs_ocr}{why}, skipped {self.skipped}, "
                f"{self.seconds:.1f} s")


def _ocr_missing(mode: str) -> str | None:
    """Why scans cannot be read in this run (saying what to install), or None."""
    if mode == "off":
        return "OCR is off (--ocr off)"
    try:
        from archive.ocr import ocr_missing
    except ImportError as exc:  # the OCR packages are dependencies: a broken install
        return f"the OCR packages are missing ({exc.name}): pip install saraban-search again"
    return ocr_missing()


def run(archive: Path, index: Path, full: bool = False, jobs: int = 1, ocr: str = "auto",
        quiet: bool = False, allow_mass_delete: bool = False, log=None,
        timeout: float = settings.FILE_TIMEOUT_S,
        batch_docs: int | None = None) -> tuple[int, Summary]:
    """`batch_docs`: commit every that many documents (default: settings.BATCH_DOCS, and
    settings.FIRST_BUILD_BATCH_DOCS on a first build)."""
    log = log or (lambda msg: None)
    if not archive.is_dir():
        raise UsageError(f"archive folder {archive} does not exist or is not a folder")
    started = time.monotonic()
    summary = Summary()
    batches = dict(batch_docs=batch_docs or settings.BATCH_DOCS,
                   batch_seconds=settings.BATCH_SECONDS,
                   first_build_docs=batch_docs or settings.FIRST_BUILD_BATCH_DOCS,
                   first_build_seconds=settings.FIRST_BUILD_BATCH_SECONDS)
    with ReindexLock(index), IndexUpdater(index, full=full, **batches) as up:
        if up.rebuild_reason and up.rebuild_reason not in ("new index", "--full"):
            log(f"rebuilding the index: {up.rebuild_reason}")
        known = up.known()
        previous = up.previous() if up.fresh else known
        found, summary.skipped = walk_archive(archive, summary.errors)
        summary.failed = len(summary.errors)  # folders that could not be listed
        summary.ocr_missing = _ocr_missing(ocr)
        ocr_ready = summary.ocr_missing is None
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
        cache = str(settings.cache_dir(index))
        for f, record, tokens, digest in _read_all(archive, [found[r] for r in to_read], jobs,
                                                   ocr_ready, cache, timeout, quiet):
            rel = f.rel
            if record is None:
                log(f"{rel}: changed while being read (still being copied?); left for the next run")
                continue
            old = known.get(rel) or previous.get(rel)
            moved_from = None
            if old is None and digest and gone_by_hash.get(digest):
                moved_from = gone_by_hash[digest].pop()
                old = known[moved_from]
            doc_id = old.doc_id if old else new_doc_id(rel, digest)
            status = ("failed" if record.get("error") else
                      "needs_ocr" if record.get("needs_ocr") else "ok")
            up.put(record, doc_id, FileState(f.size, f.mtime_ns, digest, status,
                                             settings.EXTRACTOR_VERSION, f.link), tokens)
            if status == "failed":
                summary.failed += 1
                summary.errors.append((rel, record["error"]))
            elif status == "needs_ocr":
                summary.needs_ocr += 1
            if rel in known or moved_from is not None:
                summary.updated += 1
            else:
                summary.added += 1
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


def _read_all(archive: Path, files: list[Found], jobs: int, ocr: bool, cache: str,
              timeout: float, quiet: bool):
    """Yield (found, record or None if the file changed meanwhile, its tokens (empty:
    the writer segments it), sha256)."""
    progress = _progress(len(files), quiet)
    readable = []
    try:
        for f in files:
            if f.bad_name or f.problem:
                progress.update(1)
                yield f, {"path": f.rel, "error": f.problem if not f.bad_name else
                          "file name is not valid UTF-8; rename the file"}, {}, ""
            else:
                readable.append(f)
        if not readable:
            return
        by_rel = {f.rel: f for f in readable}
        jobs_list = [(str(archive), f.rel, ocr, cache) for f in readable]
        for job, result in supervised_map(extract, jobs_list, jobs=jobs, timeout=timeout,
                                          mem_bytes=settings.FILE_MEMORY_BYTES,
                                          preload=["index.reindex._extract"]):
            f = by_rel[job[1]]
            progress.update(1)
            if isinstance(result, TaskFailed):  # the worker crashed, timed out or raised
                yield f, {"path": f.rel, "error": str(result)}, {}, ""
                continue
            record, tokens, digest, stable = result
            yield f, (record if stable else None), tokens, digest
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

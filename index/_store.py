"""Where an index lives on disk, and how a new one replaces the old.

    INDEX/CURRENT        name of the generation readers open (replaced atomically)
    INDEX/gen-*/         a Whoosh index plus settings.json (versions it was built with)
    INDEX/last_run.json  summary of the last reindex, for /healthz
    INDEX/reindex.lock   held (flock) by a running reindex; the kernel drops it on death

`--full` and version changes build a new generation beside the current one, so searches
keep working until CURRENT points at the finished one.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from pathlib import Path

import whoosh
import whoosh.index

from . import _mmapfile
from ._analyzer import ANALYZER_VERSION
from ._schema import SCHEMA_VERSION, make_schema


_mmapfile.install()


class IndexMissing(Exception):
    """No usable index at the given folder."""


class Locked(Exception):
    """Another reindex holds the lock."""


def expected_settings() -> dict:
    import pythainlp

    return {
        "schema_version": SCHEMA_VERSION,
        "analyzer_version": ANALYZER_VERSION,
        "whoosh": whoosh.versionstring(),
        "pythainlp": pythainlp.__version__,
    }


def current_generation(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / "CURRENT").read_text().strip()
    except OSError:
        return None
    gen = index_dir / name
    return gen if name and gen.is_dir() else None


def read_settings(gen: Path) -> dict:
    try:
        return json.loads((gen / "settings.json").read_text())
    except (OSError, ValueError):
        return {}


def needs_rebuild(gen: Path) -> str | None:
    """Why the index at `gen` cannot be updated in place, or None."""
    have, want = read_settings(gen), expected_settings()
    for key in ("schema_version", "analyzer_version", "pythainlp"):
        if have.get(key) != want[key]:
            return f"{key} changed ({have.get(key)} -> {want[key]})"
    return None


def open_index(index_dir: Path) -> whoosh.index.Index:
    gen = current_generation(index_dir)
    if gen is None or not whoosh.index.exists_in(str(gen)):
        raise IndexMissing(
            f"no index at {index_dir}: run `saraban reindex --index {index_dir}` first")
    have = read_settings(gen)
    for key in ("schema_version", "analyzer_version"):
        if have.get(key) != expected_settings()[key]:
            raise IndexMissing(f"the index at {index_dir} was built by another version of "
                               f"Saraban Search: run `saraban reindex --index {index_dir}`")
    return whoosh.index.open_dir(str(gen), readonly=True)


def open_for_update(index_dir: Path) -> whoosh.index.Index | None:
    gen = current_generation(index_dir)
    if gen is None or not whoosh.index.exists_in(str(gen)) or needs_rebuild(gen):
        return None
    return whoosh.index.open_dir(str(gen))


def new_generation(index_dir: Path) -> tuple[Path, whoosh.index.Index]:
    index_dir.mkdir(parents=True, exist_ok=True)
    gen = index_dir / f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}"
    gen.mkdir()
    (gen / "settings.json").write_text(json.dumps(expected_settings(), indent=1))
    return gen, whoosh.index.create_in(str(gen), make_schema())


def promote(index_dir: Path, gen: Path) -> None:
    """Make `gen` the generation readers open. The one it replaces is kept until the next
    promotion, so searches already running on it can finish."""
    before = current_generation(index_dir)
    tmp = index_dir / "CURRENT.tmp"
    with open(tmp, "w") as fh:
        fh.write(gen.name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / "CURRENT")
    for other in index_dir.glob("gen-*"):
        if other not in (gen, before) and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)


def discard_unfinished(index_dir: Path) -> None:
    """Remove generations a killed --full left behind, and the one retired by the last
    promotion (searches on it ended long ago). Never the current one."""
    current = current_generation(index_dir)
    for other in index_dir.glob("gen-*"):
        if other != current and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)


class ReindexLock:
    """An exclusive, non-blocking flock on INDEX/reindex.lock."""

    def __init__(self, index_dir: Path):
        self.path = index_dir / "reindex.lock"
        self.fd: int | None = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise Locked(f"another reindex is running on {self.path.parent}") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def write_last_run(index_dir: Path, summary: dict) -> None:
    tmp = index_dir / "last_run.json.tmp"
    tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    os.replace(tmp, index_dir / "last_run.json")


def read_last_run(index_dir: Path) -> dict | None:
    try:
        return json.loads((index_dir / "last_run.json").read_text())
    except (OSError, ValueError):
        return None

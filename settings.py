"""The one place for configuration: paths, limits and version stamps.

Flags beat environment variables, which beat these defaults (docs/interface.md,
"Configuration").
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
DEFAULT_ARCHIVE = PROJECT_ROOT / "sample_archive"
DEFAULT_INDEX = PROJECT_ROOT / "var" / "index"

# Reading a document has a costly half (decoding, PDF text, OCR) and a cheap one (Thai
# repair, the letter's fields, its title; archive.reader.understand). The extraction cache
# keeps the text of the costly half, so a bump of FIELDS_VERSION re-reads every file from
# its cached text in seconds, while a bump of READER_VERSION reads (and OCRs) them again.
READER_VERSION = "5"  # 2: numbers in scans read again glyph by glyph; scans keep format "scan"
# 3: tone marks lost by OCR put back (archive.marks); 4: a first page's urgency and secrecy
# stamps read again from its upper part; 5: red stamps read from their red ink, a damaged
# stamp taken for the mark it is nearest, specks read as marks dropped, names one letter off
# the directory mended
FIELDS_VERSION = "3"  # 1: words cut by a line wrap made whole; titles; 2: numbers on title
# lines, labelled dates anywhere in the header; 3: a photocopy's header (numbers left to be
# written by hand, broken letterheads, subjects over blank lines, damaged years), wrapped
# addressees, specks and spaces in header values
# Files indexed by an older extractor are read again on the next reindex.
EXTRACTOR_VERSION = f"{READER_VERSION}.{FIELDS_VERSION}"

# One file may not hang or sink a reindex: its reader is killed past these.
FILE_TIMEOUT_S = 600.0
FILE_MEMORY_BYTES = 3 * 1024**3
# A .docx or .odt that would unpack to more than this is not read (a zip bomb: 1 MB that
# inflates to gigabytes); real letters with photos unpack to tens of megabytes.
MAX_UNPACKED_BYTES = 512 * 1024**2
# Text beyond this is kept out of the index (a 200 MB text file is still listed and found
# by its beginning).
MAX_INDEXED_CHARS = 500_000
# A reindex commits every this many documents (and every BATCH_SECONDS), so a long first
# run that is killed keeps what it had done.
BATCH_DOCS = 200
BATCH_SECONDS = 60.0
# A first build (a new index, or --full) commits far less often, without merging on the way,
# and merges once at the end (index._writer). A killed first build keeps its commits, and
# what it read is in the extraction cache either way (a rerun reads the rest from there, at
# the `--full from cache` rate). The final merge re-reads every letter committed before the
# last batch (about 5 ms each), so larger batches are faster; the writer's memory does not
# grow with them (Whoosh spills its postings pool to disk past 128 MB).
FIRST_BUILD_BATCH_DOCS = 50_000
FIRST_BUILD_BATCH_SECONDS = 1200.0

MAX_QUERY_CHARS = 500
# At most this many words of one query are searched, after repeats are dropped (see
# index._parse.parse). The longest subject lines of a 5,000-letter corpus have 19 words
# (26 in the finer segmentation); every word costs phrase and term look-ups in several
# fields, and 500 characters of unspaced Thai can be 150+ words.
MAX_QUERY_TERMS = 32
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
# Words that together match fewer letters than a page are loosened (index._search
# _Run.loosening): the page's size, whatever a request asks for, so the rule is the same
# for the page, the export and the JSON of one query.
LOOSEN_BELOW = DEFAULT_PER_PAGE
# Weight of feedback terms in the ranking of every word query (0: off; index/_related).
# Measured on the dev corpus: +0.007 nDCG@10 for topical queries at the cost of two more
# searches each, so off by default; a ranking experiment of the benchmarks.
PRF_RERANK = float(os.environ.get("SARABAN_PRF_RERANK", "0"))


# Sign-in (docs/interface.md, "Sign-in and clearance"). Sign-in is on when the users file holds
# a user; without it the server binds only loopback addresses.
LOCK_AFTER_FAILURES = 5      # failed sign-ins in a row for one name ...
LOCK_SECONDS = 5 * 60        # ... lock it for this long
MIN_PASSWORD_CHARS = 8
# A session ends after this long without a request, and in any case this long after
# sign-in (a clerk signs in each morning).
SESSION_IDLE_SECONDS = int(os.environ.get("SARABAN_SESSION_IDLE_MINUTES", "60")) * 60
SESSION_MAX_SECONDS = 12 * 3600
# The audit log starts a new file past this size; old files are kept, never rewritten.
AUDIT_MAX_BYTES = int(os.environ.get("SARABAN_AUDIT_MAX_MB", "50")) * 1024**2
# A letter whose secrecy could not be read (a scan waiting for OCR) is treated as having
# this secrecy: "none" (visible to every user), ลับ, ลับมาก or ลับที่สุด.
UNREAD_SECRECY = os.environ.get("SARABAN_UNREAD_SECRECY", "none")


# OCR of scans (archive.ocr): how Tesseract is run, measured on the dev scans, is
# archive.ocr.OcrSettings. SARABAN_OCR=off (or 0, no, false, disabled) reads no scan; it is
# read at each use, not once at import (a caller or a test may set it later).
_OFF = {"off", "0", "no", "false", "disabled"}


def ocr_switched_off() -> bool:
    return os.environ.get("SARABAN_OCR", "").strip().lower() in _OFF


def child_env(**overrides: str) -> dict[str, str]:
    """The environment a program this one runs is given: this one's, with `overrides`."""
    return dict(os.environ, **overrides)


def corpus_dir() -> Path:
    """The generated corpus the benchmarks measure on: SARABAN_CORPUS, else the dev corpus
    beside the project (../shared/corpus/dev)."""
    return Path(os.environ.get("SARABAN_CORPUS") or PROJECT_ROOT.parent / "shared" / "corpus" / "dev")


def archive_dir(value: str | os.PathLike | None = None) -> Path:
    return Path(value or os.environ.get("SARABAN_ARCHIVE") or DEFAULT_ARCHIVE).expanduser()


def index_dir(value: str | os.PathLike | None = None) -> Path:
    return Path(value or os.environ.get("SARABAN_INDEX") or DEFAULT_INDEX).expanduser()


def cache_dir(index: Path) -> Path:
    """Extraction cache keyed by content hash; beside the index so --full keeps it."""
    return Path(os.environ.get("SARABAN_CACHE") or index.parent / (index.name + "-cache"))


def users_file(value: str | os.PathLike | None = None, index: Path | None = None) -> Path:
    """The users file: flag, else SARABAN_USERS, else users.db beside the index folder."""
    found = value or os.environ.get("SARABAN_USERS")
    if found:
        return Path(found).expanduser()
    return index_dir(index).parent / "users.db"


def audit_file(users: Path) -> Path:
    """The audit log, kept beside the users file (users.db: users-audit.jsonl)."""
    return users.with_name(users.stem + "-audit.jsonl")

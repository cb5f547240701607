"""The one place for configuration: paths, limits and version stamps.

Flags beat environment variables, which beat these defaults (see CONTRACT: SARABAN_ARCHIVE,
SARABAN_INDEX).
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
READER_VERSION = "3"  # 2: numbers in scans read again glyph by glyph; scans keep format "scan"
# 3: tone marks lost by OCR put back (archive.marks)
FIELDS_VERSION = "1"  # 1: words cut by a line wrap made whole; titles
# Files indexed by an older extractor are read again on the next reindex.
EXTRACTOR_VERSION = f"{READER_VERSION}.{FIELDS_VERSION}"

# One file may not hang or sink a reindex: its reader is killed past these.
FILE_TIMEOUT_S = 600.0
FILE_MEMORY_BYTES = 3 * 1024**3
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
# index._query.parse). The longest subject lines of a 5,000-letter corpus have 19 words
# (26 in the finer segmentation); every word costs phrase and term look-ups in several
# fields, and 500 characters of unspaced Thai can be 150+ words.
MAX_QUERY_TERMS = 32
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20


def archive_dir(value: str | os.PathLike | None = None) -> Path:
    return Path(value or os.environ.get("SARABAN_ARCHIVE") or DEFAULT_ARCHIVE).expanduser()


def index_dir(value: str | os.PathLike | None = None) -> Path:
    return Path(value or os.environ.get("SARABAN_INDEX") or DEFAULT_INDEX).expanduser()


def cache_dir(index: Path) -> Path:
    """Extraction cache keyed by content hash; beside the index so --full keeps it."""
    return Path(os.environ.get("SARABAN_CACHE") or index.parent / (index.name + "-cache"))

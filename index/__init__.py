"""Everything Whoosh: the Thai analyzer, the schema, incremental writes and search.

The public surface is small on purpose: nothing outside this package imports whoosh.
"""
from ._clearance import CLEARANCES
from ._documents import FileState
from ._facets import year_range
from ._filters import DATE_FILTERS, BadFilter, Filters
from ._prepare import analyse
from ._problems import problem_files
from ._present import DEFAULT_SORT, SORTS, SearchResult
from ._search import get_document, original_file, original_path, preload, search, senders, stats
from ._store import IndexMissing, Locked, ReindexLock, read_last_run, write_last_run
from ._writer import IndexUpdater, Known

__all__ = [
    "BadFilter", "CLEARANCES", "DATE_FILTERS", "FileState", "Filters", "IndexMissing",
    "IndexUpdater", "Known", "Locked", "ReindexLock", "DEFAULT_SORT", "SORTS", "SearchResult", "analyse",
    "get_document", "original_file", "original_path", "preload", "problem_files",
    "read_last_run", "search", "senders", "stats", "write_last_run", "year_range",
]

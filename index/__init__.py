"""Everything Whoosh: the Thai analyzer, the schema, incremental writes and search.

The public surface is small on purpose: nothing outside this package imports whoosh.
Each name is imported from its module when first asked for, so that importing the package
for the understanding of a query alone (_plan, pure functions) loads no Whoosh.
"""
from importlib import import_module

# name -> the module that holds it
_HOME = {
    "CLEARANCES": "_clearance",
    "FileState": "_documents",
    "year_range": "_facets",
    "BadFilter": "_filters", "FilterProblem": "_filters", "Filters": "_filters",
    "analyse": "_prepare",
    "problem_files": "_problems",
    "DEFAULT_SORT": "_present", "SORTS": "_present", "SearchResult": "_present",
    "get_document": "_search", "original_file": "_search", "original_path": "_search",
    "preload": "_search", "search": "_search", "senders": "_search", "stats": "_search",
    "IndexMissing": "_store", "Locked": "_store", "ReindexLock": "_store",
    "read_last_run": "_store", "write_last_run": "_store",
    "IndexUpdater": "_writer", "Known": "_writer",
}

__all__ = sorted(_HOME)


def __getattr__(name: str):
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_HOME))

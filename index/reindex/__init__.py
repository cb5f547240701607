"""`saraban reindex`: bring the index in line with the archive folder.

Walk the archive (size and mtime only, _walk), compare with the index's file states
(_plan), read the new and changed files in supervised worker processes (_workers,
_extract) through the extraction cache (_cache), and feed one index writer that commits
in batches (_run). Moves keep their doc_id (recognised by content hash).
"""
from ._plan import new_doc_id, plan
from ._run import (EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_USAGE, MASS_DELETE_MIN,
                   MASS_DELETE_SHARE, Summary, UsageError, run)
from ._walk import Found, walk_archive

__all__ = [
    "EXIT_FAILED", "EXIT_LOCKED", "EXIT_OK", "EXIT_USAGE", "Found", "MASS_DELETE_MIN",
    "MASS_DELETE_SHARE", "Summary", "UsageError", "new_doc_id", "plan", "run", "walk_archive",
]

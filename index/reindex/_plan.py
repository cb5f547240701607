"""What a run must do: which files to read, which are gone, which are unchanged; and the
doc id a new letter gets (a moved one keeps its own, recognised by content hash)."""
from __future__ import annotations

import hashlib

import settings

from .._writer import Known
from ._walk import Found


def new_doc_id(rel: str, digest: str) -> str:
    return hashlib.sha1(f"{rel}\0{digest}".encode()).hexdigest()[:16]


def plan(found: dict[str, Found], known: dict[str, Known], ocr_ready: bool):
    """(paths to read, paths gone, paths unchanged)."""
    to_read, unchanged = [], []
    for rel, f in found.items():
        k = known.get(rel)
        st = k.state if k else None
        if (st is None or st.size != f.size or st.mtime_ns != f.mtime_ns or st.link != f.link
                or (st.status != "failed" and st.extractor != settings.EXTRACTOR_VERSION)
                or (st.status == "needs_ocr" and ocr_ready)):
            to_read.append(rel)
        else:
            unchanged.append(rel)
    gone = [rel for rel in known if rel not in found]
    return to_read, gone, unchanged

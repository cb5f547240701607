"""Flushing with a LengthTable writes the same segment as Whoosh's own flush: the same
term statistics and per-block length bounds (which BM25F's block skipping reads)."""
from __future__ import annotations

from index import _lengths
from index._store import open_index

from .conftest import LETTERS, build


def _stats(index_dir):
    ix = open_index(index_dir)
    try:
        with ix.reader() as r:
            out = []
            for fieldname, text in r.all_terms():
                ti = r.term_info(fieldname, text)
                blocks = []
                m = r.postings(fieldname, text)
                while m.is_active():
                    blocks.append((m.id(), m.block_min_length(), m.block_max_length(),
                                   m.block_max_weight()))
                    m.next()
                out.append((fieldname, text, ti.weight(), ti.doc_frequency(), ti.min_length(),
                            ti.max_length(), ti.max_weight(), blocks))
            lengths = {f: r.field_length(f) for f in ix.schema.names()}
        return out, lengths
    finally:
        ix.close()


def test_a_length_table_flush_writes_the_same_statistics(tmp_path, monkeypatch):
    letters = LETTERS * 30  # several postings blocks per common term
    ours = _stats(build(tmp_path / "ours", letters))
    monkeypatch.setattr(_lengths, "install", lambda writer: None)
    whooshs = _stats(build(tmp_path / "whoosh", letters))
    assert any(s[5] for s in ours[0])  # lengths were there to compare
    assert ours == whooshs

"""How a first build commits: a small first batch at once (something to search soon), then
large batches without merging, ending as one segment; updates commit as before."""
from __future__ import annotations

from index import FileState, IndexUpdater
from index._store import open_index

from .conftest import letter


def _letters(n):
    return [letter(f"2563/{i:04d}.txt", subject=f"เรื่องที่ {i}", text=f"หนังสือฉบับที่ {i} ขอเชิญประชุม")
            for i in range(n)]


def _segments(index_dir) -> int:
    ix = open_index(index_dir)
    try:
        return len(ix._segments())
    finally:
        ix.close()


def _put_all(up, letters, start=0):
    for i, record in enumerate(letters, start):
        up.put(record, f"doc{i}", FileState(i, i, f"sha{i}", "ok", "1"))


def test_a_first_build_commits_its_first_batch_then_large_ones_and_ends_as_one_segment(tmp_path):
    index_dir = tmp_path / "index"
    with IndexUpdater(index_dir, batch_docs=5, first_build_docs=20) as up:
        _put_all(up, _letters(5))
        assert _segments(index_dir) == 1  # the first small batch, promoted at once
        _put_all(up, _letters(30)[5:], 5)
        assert _segments(index_dir) == 2  # then 20 more at once, not merged
    assert _segments(index_dir) == 1
    with open_index(index_dir).searcher() as s:
        assert s.doc_count() == 30


def test_a_first_build_of_one_batch_is_written_once(tmp_path):
    index_dir = tmp_path / "index"
    with IndexUpdater(index_dir, batch_docs=200, first_build_docs=1000) as up:
        _put_all(up, _letters(50))
    assert _segments(index_dir) == 1


def test_updates_commit_every_batch_and_replace_by_path(tmp_path):
    index_dir = tmp_path / "index"
    with IndexUpdater(index_dir, first_build_docs=1000) as up:
        _put_all(up, _letters(10))
    with IndexUpdater(index_dir, batch_docs=3, first_build_docs=1000) as up:
        assert not up.fresh and up.batch_docs == 3
        _put_all(up, _letters(4))  # the same paths again
    with open_index(index_dir).searcher() as s:
        assert s.doc_count() == 10

"""A server reads the arrays of the current commit once, before it forks its workers: a
worker's searches use them (shared pages) instead of reading them again."""
import os

import pytest

import index
from index import _arrays, _search


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked on POSIX only")
def test_workers_use_the_arrays_read_before_the_fork(sample_index):
    index.preload(sample_index)
    (commit, before), = [v for k, v in _arrays._arrays.items() if str(sample_index) in k]
    made = {key[0] for key in before._made}
    assert {"lengths", "column", "numbers", "vocabulary", "words"} <= made  # before the fork
    pid = os.fork()
    if pid == 0:  # the worker: its own searcher, the same arrays
        code = 1
        try:
            result = index.search(sample_index, "ประชุม")
            searcher = _search._searchers.get(sample_index)
            same = _arrays.arrays_of(_search._cache.index(sample_index), searcher) is before
            code = 0 if same and result.total > 0 else 2
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_preload_without_an_index_loads_the_dictionaries_only(tmp_path):
    index.preload(tmp_path / "no-index")  # must not raise
    index.preload()

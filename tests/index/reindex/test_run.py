"""A reindex (index.reindex.run) when files change under it: each failure is named with
its reason once, a file deleted meanwhile is left for the next run, the rest is indexed."""
import shutil

from index import reindex as job
from index import stats
from index.reindex import _run
from tests.conftest import run_reindex
from tests.index.reindex import tasks

SEED = "2563/10/seed-memo-2563-10-22.txt"


def test_a_file_deleted_mid_reindex_is_left_for_the_next_run_and_the_rest_indexed(
        small_archive, tmp_path, monkeypatch):
    listed = _run.walk_archive

    def walk_then_delete(root, errors):
        found = listed(root, errors)
        (small_archive / SEED).unlink()  # after the listing, before its reader opens it
        return found

    monkeypatch.setattr(_run, "walk_archive", walk_then_delete)
    index, said = tmp_path / "index", []
    code, summary = run_reindex(small_archive, index, log=said.append)
    assert code == job.EXIT_OK and not summary.errors
    assert said == [f"{SEED}: changed while being read (still being copied?); "
                    "left for the next run"]
    assert (summary.added, summary.failed) == (5, 0)
    assert stats(index)["documents"] == 5

    monkeypatch.setattr(_run, "walk_archive", listed)
    code, summary = run_reindex(small_archive, index, log=said.append)
    assert (code, summary.added, summary.removed, summary.unchanged) == (job.EXIT_OK, 0, 0, 5)


def test_a_file_that_cannot_be_read_is_named_with_its_reason_and_the_rest_indexed(
        small_archive, tmp_path, monkeypatch):
    rel = f"2563/{tasks.DENIED}.txt"
    shutil.copy2(small_archive / SEED, small_archive / rel)
    monkeypatch.setattr(_run, "extract", tasks.extract_denying)  # run in the workers
    index = tmp_path / "index"
    code, summary = run_reindex(small_archive, index, jobs=2)
    assert code == job.EXIT_FAILED
    assert summary.errors == [(rel, "cannot read: permission denied")]
    assert (summary.added, summary.failed) == (7, 1)
    assert (stats(index)["documents"], stats(index)["failed"]) == (6, 1)  # the rest indexed

    # named once: not again (cron would mail it every time) until the file changes
    code, summary = run_reindex(small_archive, index, jobs=2)
    assert (code, summary.errors, summary.unchanged) == (job.EXIT_OK, [], 7)

"""A worker's reading of one file when the file fights back: what comes back to the run
for a file refused, replaced, deleted or unreadable by the time its turn came."""
from pathlib import Path

from archive import confined, errors
from index import reindex as job
from index.reindex._extract import extract
from tests.conftest import OUTSIDE_WORD
from tests.index.reindex import tasks

SEED = Path("2563", "10", "seed-memo-2563-10-22.txt")


def read(archive, rel, cache, reader=extract):
    return reader((str(archive), rel, False, str(cache)))


def test_a_letter_is_read_hashed_and_segmented(small_archive, tmp_path):
    record, tokens, digest, stable = read(small_archive, SEED.as_posix(), tmp_path / "cache")
    assert record["path"] == SEED.as_posix() and record["ref_no"] == "นร 0505/ว 500"
    assert tokens and len(digest) == 64 and stable and "error" not in record


def test_a_link_swapped_between_listing_and_reading_is_refused(small_archive, outside, tmp_path):
    """The check is made again on the file the reader opens: a link that pointed inside
    when the folder was listed and outside when its turn came is not read."""
    link = small_archive / "swapped.txt"
    link.symlink_to(SEED)
    found, _ = job.walk_archive(small_archive, [])
    assert found["swapped.txt"].problem is None  # listed as a letter to read
    link.unlink()
    link.symlink_to(outside)
    record, tokens, digest, stable = read(small_archive, "swapped.txt", tmp_path / "cache")
    assert record == {"path": "swapped.txt", "error": "link points outside the archive"}
    assert not tokens and not digest and OUTSIDE_WORD not in str(record)


def test_a_file_deleted_after_listing_is_left_for_the_next_run(small_archive, tmp_path):
    (small_archive / SEED).unlink()
    assert read(small_archive, SEED.as_posix(), tmp_path / "cache") == (
        {"path": SEED.as_posix()}, {}, "", False)


def test_a_file_replaced_while_being_opened_is_left_for_the_next_run(small_archive, tmp_path,
                                                                    monkeypatch):
    def swapped(root, rel):
        raise errors.Swapped()

    monkeypatch.setattr(confined, "open_inside", swapped)
    assert read(small_archive, SEED.as_posix(), tmp_path / "cache") == (
        {"path": SEED.as_posix()}, {}, "", False)


def test_a_file_that_may_not_be_read_is_named_with_why(small_archive, tmp_path):
    rel = f"2563/{tasks.DENIED}.txt"
    (small_archive / rel).write_bytes((small_archive / SEED).read_bytes())
    assert read(small_archive, rel, tmp_path / "cache", tasks.extract_denying) == (
        {"path": rel, "error": "cannot read: permission denied"}, {}, "", True)

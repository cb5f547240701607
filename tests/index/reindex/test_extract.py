"""A worker's reading of one file when the file fights back: what comes back to the run
for a file refused, replaced, deleted or unreadable by the time its turn came."""
from pathlib import Path

from index import reindex as job
from index.reindex._extract import extract
from tests.conftest import OUTSIDE_WORD

SEED = Path("2563", "10", "seed-memo-2563-10-22.txt")


def read(archive, rel, cache, reader=extract):
    return reader((str(archive), rel, False, str(cache)))


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

import fcntl
import os
import shutil

import pytest

from tests.scripts.helpers import saraban, search_json

pytestmark = pytest.mark.slow  # the real `saraban reindex` of the sample archive, many times


def test_reindex_then_search_by_reference_number_in_the_forms_clerks_type(small_archive, tmp_path):
    index = tmp_path / "index"
    out = saraban("reindex", "--archive", small_archive, "--index", index, check=0)
    assert "added 6" in out.stdout
    for typed in ("นร0505/ว500", "ที่ นร ๐๕๐๕/ว ๕๐๐", "นร 0505/ว.500"):
        hits = search_json(index, typed)["hits"]
        assert hits[0]["path"] == "2563/10/seed-memo-2563-10-22.txt"
        assert set(hits[0]) >= {"path", "doc_id", "score", "kind", "ref_no", "date", "sender",
                                "subject", "snippet"}


def test_second_run_reads_nothing_and_quiet_prints_nothing(small_archive, tmp_path):
    index = tmp_path / "index"
    saraban("reindex", "--archive", small_archive, "--index", index, check=0)
    again = saraban("reindex", "--archive", small_archive, "--index", index, "--quiet", check=0)
    assert again.stdout == "" and again.stderr == ""
    summary = saraban("reindex", "--archive", small_archive, "--index", index, check=0).stdout
    assert "added 0, updated 0, removed 0, unchanged 6" in summary


def test_edits_deletions_and_moves(small_archive, tmp_path):
    index = tmp_path / "index"
    saraban("reindex", "--archive", small_archive, "--index", index, check=0)
    seed = small_archive / "2563/10/seed-memo-2563-10-22.txt"
    before = search_json(index, "นร 0505/ว 500")["hits"][0]["doc_id"]

    # moved inside the archive: same doc_id, new path
    moved = small_archive / "moved" / "seed.txt"
    moved.parent.mkdir()
    shutil.move(seed, moved)
    out = saraban("reindex", "--archive", small_archive, "--index", index, check=0).stdout
    assert "added 0, updated 1, removed 1" in out
    hit = search_json(index, "นร 0505/ว 500")["hits"][0]
    assert (hit["path"], hit["doc_id"]) == ("moved/seed.txt", before)

    # edited in place: same doc_id, new content searchable
    moved.write_text(moved.read_text(encoding="utf-8") + "\nคำค้นพิเศษทดสอบ\n", encoding="utf-8")
    saraban("reindex", "--archive", small_archive, "--index", index, check=0)
    hit = search_json(index, "คำค้นพิเศษทดสอบ")["hits"][0]
    assert (hit["path"], hit["doc_id"]) == ("moved/seed.txt", before)

    # an identical copy at a second path is a second document
    shutil.copy2(moved, small_archive / "copy.txt")
    saraban("reindex", "--archive", small_archive, "--index", index, check=0)
    hits = search_json(index, "คำค้นพิเศษทดสอบ")["hits"]
    assert len({h["doc_id"] for h in hits}) == 2

    # deleted: gone from results
    moved.unlink()
    (small_archive / "copy.txt").unlink()
    saraban("reindex", "--archive", small_archive, "--index", index, check=0)
    assert search_json(index, "คำค้นพิเศษทดสอบ")["total"] == 0


def test_a_second_reindex_while_one_holds_the_lock_exits_75(small_archive, tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    with open(index / "reindex.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc = saraban("reindex", "--archive", small_archive, "--index", index)
    assert proc.returncode == 75
    assert "another reindex" in proc.stderr
    # released lock (as after a killed run) does not block
    saraban("reindex", "--archive", small_archive, "--index", index, check=0)


def test_bad_files_are_named_once_and_the_rest_is_indexed(small_archive, tmp_path):
    index = tmp_path / "index"
    (small_archive / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a pdf at all")
    (small_archive / "empty.pdf").write_bytes(b"")
    (small_archive / "Thumbs.db").write_bytes(b"\0\1\2")
    (small_archive / "~$letter.docx").write_bytes(b"lock")
    (small_archive / "table.xlsx").write_bytes(b"PK")
    first = saraban("reindex", "--archive", small_archive, "--index", index)
    assert first.returncode == 1
    assert "broken.pdf" in first.stderr and "empty.pdf" in first.stderr
    assert "skipped 3" in first.stdout
    assert search_json(index, "นร 0505/ว 500")["hits"][0]["path"].endswith("seed-memo-2563-10-22.txt")
    # not retried (nor reported) until it changes
    second = saraban("reindex", "--archive", small_archive, "--index", index)
    assert second.returncode == 0 and "broken.pdf" not in second.stderr


def test_missing_archive_is_bad_configuration(tmp_path):
    proc = saraban("reindex", "--archive", tmp_path / "nowhere", "--index", tmp_path / "ix")
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr


def test_environment_variables_configure_archive_and_index(small_archive, tmp_path):
    index = tmp_path / "index"
    env = dict(os.environ, SARABAN_ARCHIVE=str(small_archive), SARABAN_INDEX=str(index))
    import subprocess
    import sys
    from tests.scripts.helpers import ROOT
    subprocess.run([sys.executable, "-m", "scripts.cli", "reindex", "--quiet"], env=env,
                   cwd=ROOT, check=True, timeout=600)
    out = subprocess.run([sys.executable, "-m", "scripts.cli", "search", "--json", "นร0505/ว500"],
                         env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert "seed-memo" in out.stdout

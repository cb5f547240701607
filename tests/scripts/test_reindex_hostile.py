"""An archive that fights back: links out of it, link loops, FIFOs, letters of one huge
line and bombs, each made for real in a temporary folder and indexed by `saraban reindex`."""
import os
import time
from pathlib import Path

import pytest

import settings
from scripts import make_hostile_archive as hostile
from tests.conftest import OUTSIDE_WORD as SECRET
from tests.conftest import OUTSIDE_WORD_TH as SECRET_TH
from tests.scripts.helpers import index_holds, named, saraban, search_json

pytestmark = pytest.mark.slow  # each bad file made for real and reindexed, a minute in all


def reindex(archive, index, *extra, **kw):
    return saraban("reindex", "--archive", archive, "--index", index, *extra, **kw)


def test_links_out_of_the_archive_are_refused_named_once_and_never_read(small_archive, outside,
                                                                        tmp_path):
    links = small_archive / "links"
    links.mkdir()
    (links / "secret.txt").symlink_to(outside)
    (links / "relative.txt").symlink_to(os.path.relpath(outside, links))
    (links / "through-folder.txt").symlink_to(Path("..", "away", "secret.txt"))
    (small_archive / "away").symlink_to(outside.parent)  # a folder link: never followed
    if Path("/etc/passwd").is_file():
        (links / "passwd.txt").symlink_to("/etc/passwd")
    (links / "inside.txt").symlink_to(Path("..", "2563", "10", "seed-memo-2563-10-22.txt"))
    index = tmp_path / "index"

    first = reindex(small_archive, index)
    assert first.returncode == 1, first.stderr
    refused = {p: r for p, r in named(first.stderr).items() if p.startswith("links/")}
    expected = {"links/secret.txt", "links/relative.txt", "links/through-folder.txt"}
    if (links / "passwd.txt").is_symlink():
        expected.add("links/passwd.txt")
    assert refused == {p: ["link points outside the archive"] for p in expected}
    # a link inside the archive is read: the seed letter is found at both paths
    seed = search_json(index, "นร 0505/ว 500")["hits"]
    assert {h["path"] for h in seed} >= {"links/inside.txt", "2563/10/seed-memo-2563-10-22.txt"}
    # not a byte of the outside file: not its words, not its text, not its snippet
    assert search_json(index, SECRET)["total"] == 0
    assert search_json(index, SECRET_TH)["total"] == 0
    assert not index_holds(index, SECRET) and not index_holds(index, SECRET_TH)
    assert index_holds(index, "ประชาสัมพันธ์เผยแพร่ผลงาน")  # (the check finds what is there)
    assert search_json(index, "root")["total"] == 0

    second = reindex(small_archive, index, "--quiet")
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")

    # A link that changes is looked at again, and named again if still refused.
    (links / "secret.txt").unlink()
    (links / "secret.txt").symlink_to(outside.parent / ".." / "outside" / "secret.txt")
    third = reindex(small_archive, index, "--quiet")
    assert third.returncode == 1
    assert named(third.stderr) == {"links/secret.txt": ["link points outside the archive"]}


def test_a_letter_replaced_by_a_link_out_of_the_archive_leaves_the_index(small_archive, outside,
                                                                         tmp_path):
    letter = small_archive / "2563" / "10" / "seed-memo-2563-10-22.txt"
    index = tmp_path / "index"
    reindex(small_archive, index, check=0)
    assert search_json(index, "นร 0505/ว 500")["total"] == 1
    letter.unlink()
    letter.symlink_to(outside)
    proc = reindex(small_archive, index)
    assert proc.returncode == 1
    assert named(proc.stderr) == {"2563/10/seed-memo-2563-10-22.txt": ["link points outside the archive"]}
    assert search_json(index, "นร 0505/ว 500")["total"] == 0
    assert search_json(index, SECRET)["total"] == 0 and not index_holds(index, SECRET)


def test_link_loops_and_broken_links_are_named_once_then_again_when_they_change(small_archive,
                                                                                tmp_path):
    (small_archive / "loop.txt").symlink_to("loop.txt")
    (small_archive / "ping.txt").symlink_to("pong.txt")
    (small_archive / "pong.txt").symlink_to("ping.txt")
    (small_archive / "later.txt").symlink_to("not-yet.txt")
    index = tmp_path / "index"
    first = reindex(small_archive, index)
    assert first.returncode == 1
    assert named(first.stderr) == {
        "loop.txt": ["link loop: the link leads back to itself"],
        "ping.txt": ["link loop: the link leads back to itself"],
        "pong.txt": ["link loop: the link leads back to itself"],
        "later.txt": ["broken link: its target does not exist"]}
    assert "failed 4" in first.stdout

    for _ in range(2):  # cron every five minutes: nothing to say
        again = reindex(small_archive, index, "--quiet")
        assert (again.returncode, again.stdout, again.stderr) == (0, "", "")

    # The target appears: the link is a letter now. The loop is replaced: named again.
    (small_archive / "not-yet.txt").write_text("ที่ นร ๐๕๐๕/ว ๗๗๗\nเรื่อง  หนังสือมาทีหลัง\n",
                                               encoding="utf-8")
    (small_archive / "loop.txt").unlink()
    (small_archive / "loop.txt").symlink_to("./loop.txt")
    changed = reindex(small_archive, index, "--quiet")
    assert changed.returncode == 1
    assert named(changed.stderr) == {"loop.txt": ["link loop: the link leads back to itself"]}
    assert {h["path"] for h in search_json(index, "หนังสือมาทีหลัง")["hits"]} == {
        "later.txt", "not-yet.txt"}


def test_a_fifo_is_skipped_at_once(small_archive, tmp_path):
    os.mkfifo(small_archive / "stuck.txt")  # no writer: reading it would wait for ever
    (small_archive / "to-stuck.txt").symlink_to("stuck.txt")
    started = time.monotonic()
    proc = reindex(small_archive, tmp_path / "index")  # the default 600 s per file
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - started < 120
    assert "stuck" not in proc.stderr and "skipped 2" in proc.stdout
    assert search_json(tmp_path / "index", "")["total"] == 6


def test_a_letter_of_one_huge_line_is_read_in_seconds_and_its_cut_shown(small_archive, tmp_path):
    unit = "การประชุมคณะกรรมการพิจารณางบประมาณประจำปี"
    line = unit * (40_000_000 // len(unit.encode()))  # 40 MB, no space, no line break
    (small_archive / "one-line.txt").write_text("เรื่อง  หนังสือบรรทัดเดียวยาวมาก " + line,
                                                encoding="utf-8")
    paragraphs = "".join(f"ย่อหน้าที่ {i} การประชุมคณะกรรมการพิจารณางบประมาณ\n"
                         for i in range(20_000))
    (small_archive / "lines.txt").write_text("เรื่อง  หนังสือหลายบรรทัดยาวมาก\n" + paragraphs,
                                             encoding="utf-8")
    index = tmp_path / "index"
    started = time.monotonic()
    proc = reindex(small_archive, index, "--timeout", "60")  # it took past 120 s
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - started < 120
    hit = search_json(index, "หนังสือบรรทัดเดียวยาวมาก")["hits"][0]
    assert hit["path"] == "one-line.txt"

    from web import create_app

    client = create_app({"TESTING": True, "ARCHIVE": str(small_archive),
                         "INDEX": str(index)}).test_client()
    doc = client.get(f"/api/documents/{hit['doc_id']}").get_json()
    assert doc["truncated"] and len(doc["text"]) <= settings.MAX_INDEXED_CHARS
    page = client.get(f"/documents/{hit['doc_id']}").data.decode()
    assert f"แสดง {settings.MAX_INDEXED_CHARS:,} ตัวอักษรแรก" in page
    # a text of lines is cut after a whole line
    lines = search_json(index, "หนังสือหลายบรรทัดยาวมาก")["hits"][0]
    text = client.get(f"/api/documents/{lines['doc_id']}").get_json()["text"]
    assert len(text) <= settings.MAX_INDEXED_CHARS
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    assert last.endswith("การประชุมคณะกรรมการพิจารณางบประมาณ") and last + "\n" in paragraphs
    # a short letter says nothing of a cut
    seed = search_json(index, "นร 0505/ว 500")["hits"][0]
    assert "ตัวอักษรแรก" not in client.get(f"/documents/{seed['doc_id']}").data.decode()


def test_the_hostile_archive_names_each_bad_file_once_and_then_nothing(tmp_path):
    expected = hostile.build(tmp_path, good=30, small=True)
    archive, index = tmp_path / "archive", tmp_path / "index"
    first = reindex(archive, index, "--jobs", "2")
    assert first.returncode == 1
    reasons = named(first.stderr)
    want = {rel for rel, outcome in expected.items() if outcome == hostile.NAMED}
    assert set(reasons) == want
    assert all(len(r) == 1 and r[0] for r in reasons.values())
    # bombs get a reason a person understands
    assert reasons["bad/inflates.pdf"] == ["PDF content too large to read safely"]
    assert reasons["bad/zip-bomb.docx"][0].startswith("Word file content too large to read safely")
    assert reasons["bad/huge-image.png"][0].startswith("image is too large to read safely")
    assert {rel for rel, r in reasons.items() if r == ["link points outside the archive"]} == {
        f"bad/links/{name}" for name in ("passwd.txt", "secret.txt", "relative-secret.txt",
                                         "dangling.pdf")}
    assert f"failed {len(want)}," in first.stdout
    skipped = sum(1 for outcome in expected.values() if outcome == hostile.SKIPPED)
    assert f"skipped {skipped}," in first.stdout
    indexed = {h["path"] for h in search_json(index, "", "--limit", "1000")["hits"]}
    assert indexed == {rel for rel, outcome in expected.items() if outcome == hostile.INDEXED}
    assert not index_holds(index, hostile.SECRET) and search_json(index, "root")["total"] == 0

    second = reindex(archive, index, "--quiet", "--jobs", "2")
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")

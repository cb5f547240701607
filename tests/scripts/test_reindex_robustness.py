"""A reindex that cron can trust: hostile files, kills, concurrent runs, unmounted shares."""
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import wait_for
from tests.scripts.helpers import ROOT, SAMPLE, saraban, search_json

pytestmark = pytest.mark.slow  # `saraban reindex` in subprocesses, killed and timed out


def many_letters(folder, count):
    """`count` distinct letters: sample letters, each with a line of its own."""
    sources = sorted(p for p in SAMPLE.rglob("*.txt"))
    for i in range(count):
        src = sources[i % len(sources)]
        dst = folder / f"batch{i // 50}" / f"letter-{i:04d}.txt"
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text(src.read_text(encoding="utf-8") + f"\nรหัสทดสอบ{i:04d}\n", encoding="utf-8")


def start_reindex(archive, index, *extra):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "scripts.cli", "reindex", "--archive",
                             str(archive), "--index", str(index), *map(str, extra)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_hostile_files_are_each_named_once_and_the_rest_is_indexed(small_archive, tmp_path):
    pdf = next(SAMPLE.rglob("*.pdf"))
    data = pdf.read_bytes()
    (small_archive / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (small_archive / "binary.pdf").write_bytes(os.urandom(5000))
    (small_archive / "zero.pdf").write_bytes(b"")
    (small_archive / "noise.txt").write_bytes(bytes(range(128, 256)) * 40)
    # a binary file named .txt: NUL bytes, or control codes that no text holds
    (small_archive / "nul.txt").write_bytes(b"MZ\x90\x00\x03\x00" + "ที่ นร".encode() * 50)
    (small_archive / "controls.txt").write_bytes(bytes(range(1, 9)) * 100 + "เรื่อง".encode())
    from fpdf import FPDF
    enc = FPDF()
    enc.add_page()
    enc.set_font("helvetica", size=12)
    enc.cell(text="secret")
    enc.set_encryption(owner_password="o", user_password="u")
    enc.output(str(small_archive / "encrypted.pdf"))
    os.symlink("loop.txt", small_archive / "loop.txt")  # a link to itself
    (small_archive / "sub").mkdir()
    os.symlink("..", small_archive / "sub" / "up")  # a folder loop, never followed
    bad_name = os.fsencode(str(small_archive)) + b"/bad-\xff\xfe.txt"
    with open(bad_name, "wb") as fh:
        fh.write("ที่ นร ๐๑๐๕/๑๒๓\nเรื่อง ทดสอบ".encode())

    index = tmp_path / "index"
    first = saraban("reindex", "--archive", small_archive, "--index", index)
    assert first.returncode == 1, first.stderr
    for name in ("truncated.pdf", "binary.pdf", "zero.pdf", "noise.txt", "encrypted.pdf",
                 "loop.txt", "bad-", "nul.txt", "controls.txt"):
        named = [line for line in first.stderr.splitlines() if line.startswith(f"saraban: {name}")]
        assert len(named) == 1, (name, first.stderr)
    assert "encrypted" in first.stderr.lower()
    assert "UTF-8" in first.stderr
    assert first.stderr.count("is not a text file") == 2
    # everything readable was indexed, and the index opens
    assert search_json(index, "นร 0505/ว 500")["hits"][0]["path"].endswith("seed-memo-2563-10-22.txt")
    assert search_json(index, "")["total"] == 6

    # failures are not retried (nor reported) until the file changes
    second = saraban("reindex", "--archive", small_archive, "--index", index)
    assert "truncated.pdf" not in second.stderr and "zero.pdf" not in second.stderr
    (small_archive / "zero.pdf").write_bytes(b"%PDF-1.4 still broken")
    third = saraban("reindex", "--archive", small_archive, "--index", index)
    assert third.returncode == 1 and "zero.pdf" in third.stderr


def test_a_very_large_valid_file_is_indexed(small_archive, tmp_path):
    seed = (small_archive / "2563/10/seed-memo-2563-10-22.txt").read_text(encoding="utf-8")
    body = "\n".join(f"ย่อหน้าที่ {i} การประชุมคณะกรรมการพิจารณางบประมาณ" for i in range(60_000))
    big = small_archive / "big.txt"
    big.write_text("เรื่อง รายงานฉบับใหญ่มากพิเศษ\n" + body + seed, encoding="utf-8")
    assert big.stat().st_size > 5_000_000
    index = tmp_path / "index"
    saraban("reindex", "--archive", small_archive, "--index", index, check=0)
    assert search_json(index, "รายงานฉบับใหญ่มากพิเศษ")["hits"][0]["path"] == "big.txt"


def test_a_file_that_takes_too_long_is_skipped_after_the_timeout(small_archive, tmp_path):
    # 240 pages take pdfminer about 14 s (3.5 s for 60 on the 2-core dev machine);
    # a FIFO, which hangs a reader for ever, is skipped before any reader sees it.
    from scripts.make_hostile_archive import long_pdf

    long_pdf(small_archive / "slow.pdf", 240)
    index = tmp_path / "index"
    proc = saraban("reindex", "--archive", small_archive, "--index", index, "--timeout", "3")
    assert proc.returncode == 1
    assert "saraban: slow.pdf: reading took longer than 3 s" in proc.stderr
    assert search_json(index, "")["total"] == 6


def test_sigkill_mid_run_keeps_progress_and_the_next_run_completes(tmp_path):
    archive, index = tmp_path / "archive", tmp_path / "index"
    many_letters(archive, 120)
    proc = start_reindex(archive, index, "--batch-size", "10")
    committed = lambda: (index / "CURRENT").exists() and saraban(
        "search", "--index", index, "--json").returncode == 0
    assert wait_for(committed), "the first batch was never committed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = search_json(index, "")["total"]  # the killed run's commits open fine
    assert 0 < partial < 120
    out = saraban("reindex", "--archive", archive, "--index", index, check=0).stdout
    assert search_json(index, "", "--limit", "1")["total"] == 120
    assert search_json(index, "รหัสทดสอบ0119")["hits"][0]["path"] == "batch2/letter-0119.txt"
    assert "added" in out


def test_two_runs_at_once_the_second_exits_75_at_once(tmp_path):
    archive, index = tmp_path / "archive", tmp_path / "index"
    many_letters(archive, 60)
    first = start_reindex(archive, index)
    assert wait_for(lambda: (index / "reindex.lock").exists()
                    and (index / "reindex.lock").read_text().strip())
    started = time.monotonic()
    second = saraban("reindex", "--archive", archive, "--index", index)
    assert second.returncode == 75
    assert time.monotonic() - started < 30
    assert first.wait(timeout=600) == 0
    assert search_json(index, "")["total"] == 60


def test_a_vanished_share_is_not_emptied_from_the_index(tmp_path):
    archive, index = tmp_path / "archive", tmp_path / "index"
    many_letters(archive, 40)
    saraban("reindex", "--archive", archive, "--index", index, check=0)
    for f in sorted((archive / "batch0").iterdir())[:30]:
        f.unlink()
    refused = saraban("reindex", "--archive", archive, "--index", index)
    assert refused.returncode == 2
    assert "--allow-mass-delete" in refused.stderr
    assert search_json(index, "")["total"] == 40
    saraban("reindex", "--archive", archive, "--index", index, "--allow-mass-delete", check=0)
    assert search_json(index, "")["total"] == 10


def test_full_rebuild_keeps_doc_ids_and_serves_the_old_index_meanwhile(small_archive, tmp_path):
    index = tmp_path / "index"
    saraban("reindex", "--archive", small_archive, "--index", index, check=0)
    before = {h["path"]: h["doc_id"] for h in search_json(index, "")["hits"]}
    out = saraban("reindex", "--archive", small_archive, "--index", index, "--full", check=0)
    assert "added 6" in out.stdout or "updated 6" in out.stdout
    after = {h["path"]: h["doc_id"] for h in search_json(index, "")["hits"]}
    assert before == after
    assert len(list(index.glob("gen-*"))) <= 2


def test_last_run_is_recorded_for_healthz(small_archive, tmp_path):
    import json
    index = tmp_path / "index"
    log = tmp_path / "reindex.log"
    saraban("reindex", "--archive", small_archive, "--index", index, "--log-file", log, check=0)
    last = json.loads((index / "last_run.json").read_text())
    assert last["exit_code"] == 0 and last["added"] == 6
    assert "added 6" in log.read_text(encoding="utf-8")

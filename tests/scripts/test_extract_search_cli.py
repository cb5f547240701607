import json

import pytest

from tests.scripts.helpers import SAMPLE, saraban

SEED = SAMPLE / "2563/10/seed-memo-2563-10-22.txt"


def test_extract_json_has_every_contract_key_for_the_seed_letter():
    line = json.loads(saraban("extract", "--json", SEED, check=0).stdout)
    for key in ("path", "kind", "ref_no", "ref_no_raw", "date", "date_raw", "sender",
                "sender_code", "recipient", "subject", "urgency", "secrecy", "signatory",
                "position", "owner_division", "phone", "fax", "email", "received_no",
                "received_date", "received_time", "cites", "enclosures", "text", "needs_ocr",
                "stamps"):
        assert key in line
    assert line["path"] == str(SEED)
    assert line["ref_no"] == "นร 0505/ว 500"
    assert line["date"] == "2020-10-22"
    assert line["received_no"] == "13776"
    assert line["needs_ocr"] is False


def test_extract_reports_an_unreadable_file_with_exit_1(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"garbage")
    proc = saraban("extract", "--json", SEED, bad)
    assert proc.returncode == 1
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert "error" not in lines[0]
    assert lines[1]["path"] == str(bad) and lines[1]["error"]


def test_search_bad_usage_exits_2_with_a_message(tmp_path):
    proc = saraban("search", "--index", tmp_path / "missing", "x")
    assert proc.returncode == 2 and "saraban reindex" in proc.stderr


@pytest.mark.slow  # indexes a generated archive of its own (half a minute)
def test_search_counts_letters_in_words_and_a_filter_matching_nothing_gives_none(small_archive, tmp_path):
    index = tmp_path / "index"
    saraban("reindex", "--archive", small_archive, "--index", index, "--ocr", "off", check=0)
    one = saraban("search", "--index", index, "นร 0505/ว 500", "--ref-no", "นร 0505/ว 500", check=0)
    assert one.stdout.startswith("1 letter\n")
    for flags in (["--sender", "xyz"], ["--date-from", "2570", "--date-to", "2570"],
                  ["--ref-no", "ซซ 9999/ว 1"], ["--received-no", "999999"], ["--kind", "ไม่มี"],
                  ["--sender", "สลค.", "--date-from", "2560", "--date-to", "2560"]):
        for words in ([], ["ประชาสัมพันธ์"]):
            text = saraban("search", "--index", index, *flags, *words, check=0).stdout
            assert text.startswith("0 letters\n") and len(text.splitlines()) == 1, (flags, text)
            data = json.loads(saraban("search", "--index", index, "--json", *flags, *words,
                                      check=0).stdout)
            assert data == {"total": 0, "hits": []}
    every = json.loads(saraban("search", "--index", index, "--json", "--limit", "100", check=0).stdout)
    assert every["total"] == len(every["hits"]) == 6
    for hit in every["hits"]:
        assert hit["title"] and hit["related"] is False
        assert hit["title"] != hit["path"].rsplit("/", 1)[-1]


def test_reindex_says_what_to_install_when_scans_wait_for_ocr(tmp_path):
    import shutil

    archive = tmp_path / "archive"
    archive.mkdir()
    scan = next(SAMPLE.rglob("SCAN*.pdf"))
    shutil.copy2(scan, archive / scan.name)
    no_tools = tmp_path / "bin"
    no_tools.mkdir()
    proc = saraban("reindex", "--archive", archive, "--index", tmp_path / "index",
                   env_path=str(no_tools))
    assert proc.returncode == 0, proc.stderr
    assert "needs OCR 1 (Tesseract is not installed: apt-get install tesseract-ocr " \
           "tesseract-ocr-tha)" in proc.stdout


def test_search_says_when_it_read_the_english_layout(sample_index, runner):
    from pythainlp.util import thai_to_eng

    from scripts.cli import main

    typed = thai_to_eng("ประชุม")
    out = runner.invoke(main, ["search", "--index", str(sample_index), typed]).output
    assert out.startswith("searched as ประชุม (typed on the English keyboard layout?)")
    data = json.loads(runner.invoke(
        main, ["search", "--index", str(sample_index), "--json", typed]).output)
    assert data["corrected"]["query"] == "ประชุม" and data["total"] >= 1
    plain = runner.invoke(main, ["search", "--index", str(sample_index), "--as-typed",
                                 typed]).output
    assert not plain.startswith("searched as")


def test_search_says_when_it_read_mistyped_thai(sample_index, runner):
    from scripts.cli import main

    def search(*args):
        return runner.invoke(main, ["search", "--index", str(sample_index), *args]).output

    out = search("ประชาสัมพันธผลงาน")
    assert out.startswith("searched as ประชาสัมพันธ์ผลงาน (mistyped?); --as-typed searches "
                          "ประชาสัมพันธผลงาน as typed")
    data = json.loads(search("--json", "ประชาสัมพันธผลงาน"))
    assert data["corrected"] == {"query": "ประชาสัมพันธ์ผลงาน", "as_typed": "ประชาสัมพันธผลงาน",
                                 "reason": "spelling"}
    assert data["total"] == json.loads(search("--json", "ประชาสัมพันธ์ผลงาน"))["total"] > 0
    assert search("--as-typed", "ประชาสัมพันธผลงาน").startswith("0 letters")
    offered = search("ประชุม งบประมาน")  # ประชุม finds letters: they stay, a correction is offered
    assert offered.splitlines()[1] == "did you mean: ประชุม งบประมาณ"


def test_search_by_recipient_and_received_date(sample_index, runner):
    from scripts.cli import main

    def paths(*args):
        out = runner.invoke(main, ["search", "--index", str(sample_index), "--json",
                                   "--limit", "100", *args])
        assert out.exit_code == 0, out.output
        data = json.loads(out.output)
        assert data["total"] == len(data["hits"])
        return {h["path"] for h in data["hits"]}

    seed = {"2563/10/seed-memo-2563-10-22.txt"}
    assert paths("--recipient", "เลขาธิการคณะกรรมการการเลือกตั้ง") >= seed
    assert paths("--received-from", "26 ต.ค. 2563", "--received-to", "26 ต.ค. 2563") == seed
    assert paths("--recipient", "เลขาธิการคณะกรรมการการเลือกตั้ง",
                 "--received-from", "2564") == set()
    bad = runner.invoke(main, ["search", "--index", str(sample_index), "--received-from", "x"])
    assert bad.exit_code == 2 and "received-from" in bad.output


def test_search_says_what_it_read_as_a_filter(sample_index, runner):
    from scripts.cli import main

    def run(*args):
        return runner.invoke(main, ["search", "--index", str(sample_index), *args]).output

    out = run("สลค.", "ต.ค.", "2563")
    assert out.startswith("read as sender สลค., date ต.ค. 2563 (2020-10-01 to 2020-10-31); "
                          "--as-words")
    assert json.loads(run("--json", "สลค. ต.ค. 2563"))["understood"]["sender"] == "สลค."
    assert not run("--as-words", "สลค. ต.ค. 2563").startswith("read as")
    assert "understood" not in json.loads(run("--json", "--as-words", "สลค. ต.ค. 2563"))

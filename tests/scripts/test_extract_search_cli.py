import json

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

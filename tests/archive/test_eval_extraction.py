import json
import re

from scripts.eval_extraction import main
from tests.archive.helpers import EXTERNAL_LETTER


def test_eval_reports_field_accuracy_on_a_small_corpus(tmp_path, capsys):
    (tmp_path / "archive" / "2563" / "10").mkdir(parents=True)
    (tmp_path / "archive" / "2563" / "10" / "a.txt").write_text(EXTERNAL_LETTER, encoding="utf-8")
    truth = {"path": "2563/10/a.txt", "format": "txt", "kind": "หนังสือภายนอก",
             "ref_no": "นร 0505/ว 500", "date": "2020-10-22", "sender": "สำนักเลขาธิการคณะรัฐมนตรี",
             "subject": "ผิดเรื่อง", "recipient": "เลขาธิการคณะกรรมการการเลือกตั้ง",
             "urgency": "ด่วนที่สุด", "secrecy": None, "phone": "0 2280 9000 ต่อ 1324"}
    (tmp_path / "truth.jsonl").write_text(json.dumps(truth, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--corpus", str(tmp_path), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 documents" in out
    assert re.search(r"ref_no\s+100\.00%", out)
    assert re.search(r"subject\s+0\.00%", out)  # the wrong truth shows up as an error
    assert "want 'ผิดเรื่อง'" in out

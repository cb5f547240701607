"""The real OCR'd letter from the shared corpus (skipped where the corpus is absent)."""
import json
from pathlib import Path

import pytest

from archive import read_document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sample_archive" / "2563" / "10" / "seed-memo-2563-10-22.txt"
# The hand-labelled truth line lives with the corpus, beside the project.
TRUTH = ROOT.parent / "shared" / "corpus" / "real" / "truth.jsonl"


@pytest.mark.skipif(not TRUTH.exists(), reason="shared corpus not beside the project")
def test_seed_letter_fields_match_hand_labelled_truth():
    truth = json.loads(TRUTH.read_text(encoding="utf-8").splitlines()[0])
    memo = read_document(SEED)
    for field in ("kind", "ref_no", "date", "subject", "sender", "sender_code", "recipient",
                  "urgency", "secrecy", "received_no", "received_date", "received_time",
                  "owner_division", "fax", "email", "signatory", "position"):
        assert getattr(memo, field) == truth[field], field
    assert memo.phone == truth["phone"]

"""The real OCR'd letter from the shared corpus (skipped where the corpus is absent)."""
import json
from pathlib import Path

import pytest

from archive import read_document

SEED = Path("/work/shared/corpus/real/seed-memo-2563-10-22.txt")
TRUTH = SEED.parent / "truth.jsonl"


@pytest.mark.skipif(not SEED.exists(), reason="shared corpus not available")
def test_seed_letter_fields_match_hand_labelled_truth():
    truth = json.loads(TRUTH.read_text(encoding="utf-8").splitlines()[0])
    memo = read_document(SEED)
    for field in ("kind", "ref_no", "date", "subject", "sender", "sender_code", "recipient",
                  "urgency", "secrecy", "received_no", "received_date", "received_time",
                  "owner_division", "fax", "email"):
        assert getattr(memo, field) == truth[field], field
    assert memo.phone == truth["phone"]

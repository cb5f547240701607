"""Facts about the bundled sample archive that the web tests check against.

The expected lists come from the sample's ground truth (shared/corpus/dev/truth.jsonl,
which describes every sample file but the real seed letter); test_truth_matches re-derives
them from that file when it is present.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from tests.conftest import SAMPLE_ARCHIVE, TRUTH

SEED = "2563/10/seed-memo-2563-10-22.txt"

# (sender filter, date_from, date_to as a user types them) -> the sample's letters.
SENDER_RANGES = [
    (("จังหวัดพิษณุโลก", "1 ม.ค. 2566", "31 ธ.ค. 2566"),
     {"sender": "จังหวัดพิษณุโลก", "from": "2023-01-01", "to": "2023-12-31"},
     {"2566/09/order_phitsanulok_215_2566.txt",
      "2566/10/460_e973a64ce098778b.pdf",
      "2566/11/เรื่อง การป้องกันและระงับอัคคีภัยในอาคารของส่วนราชการ.txt"}),
    (("กรมส่งเสริมการปกครองท้องถิ่น", "มิ.ย. 2564", "๓๑ ก.ค. ๒๕๖๔"),
     {"sender": "กรมส่งเสริมการปกครองท้องถิ่น", "from": "2021-06-01", "to": "2021-07-31"},
     {"2564/06/มท0810.8-4502.pdf", "2564/06/มท0810_4755.txt", "2564/07/มท0810-5674.txt"}),
]


def sample_file_count() -> int:
    """Files of the sample archive that reindex lists (41 when this was written)."""
    from archive import is_readable

    return sum(1 for p in SAMPLE_ARCHIVE.rglob("*") if p.is_file() and is_readable(p))


def truth_rows() -> list[dict]:
    """Truth lines of the files in the sample archive."""
    rows = []
    with open(TRUTH, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if (SAMPLE_ARCHIVE / row["path"]).is_file():
                rows.append(row)
    return rows


def url(path: str, **params) -> str:
    return path + ("?" + urlencode(params) if params else "")


def html_text(body: bytes) -> str:
    """The page as text: tags out, whitespace collapsed (entities left as they are)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.decode("utf-8")))


def doc_id_of(client, path: str) -> str:
    """The doc_id of a sample file, through the JSON API (newest first, all of them)."""
    data = client.get(url("/api/search", per_page=100, sort="date")).get_json()
    for hit in data["hits"]:
        if hit["path"] == path:
            return hit["doc_id"]
    raise AssertionError(f"{path} is not in the index")

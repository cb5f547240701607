"""Tokens made in the reader processes (`index.analyse`) index exactly what the analyzers
would have: same terms, positions, weights, vectors, field lengths and stored values."""
from __future__ import annotations

from pathlib import Path

import pytest

from archive import read_text_of, understand
from index import FileState, IndexUpdater, analyse
from index._analyzer import ThaiAnalyzer
from index._documents import analysed_text
from index._prepare import _fields
from index._schema import make_schema
from index._store import open_index

from .conftest import LETTERS, letter

ROOT = Path(__file__).resolve().parents[2]

# What the sample archive lacks: a scan's text (body_toneless), digits, Latin, marks alone.
ODD = [
    letter("scans/toneless.pdf", format="scan", subject="ขอเชิญร่วมประชุม ๒๕๖๓",
           sender="กรมส่งเสริมการปกครองท้องถิ่น", text="ขอเชิญร่วมประชุม ครั้งที่ ๒/๒๕๖๓ ณ ห้องประชุม 3A "
           "โทร. ๐-๒๒๔๑-๙๐๐๐ ต่อ ๑๒๓ e-mail: Saraban@DLA.go.th ฯลฯ ๆ ่"),
    letter("odd/empty.txt", subject="", text=""),
    letter("odd/latin.txt", subject="Report Q3", recipient="ผู้ว่าราชการจังหวัด",
           ref_no="ศธ 04001/ว 1234", ref_no_raw="ศธ ๐๔๐๐๑/ว ๑๒๓๔", text="MOU 2020 ร่วมกับ UNESCO"),
]


def _real_records() -> list[dict]:
    paths = sorted(p for p in (ROOT / "sample_archive").rglob("*") if p.is_file())
    paths.append(ROOT / "tests" / "fixtures" / "undated_stamped.txt")
    records = []
    for path in paths:
        memo, raw = read_text_of(path, display_path=path.name, ocr=False)
        record = understand(memo, raw).to_json()
        record["path"] = str(path.relative_to(ROOT))
        records.append(record)
    return records


@pytest.fixture(scope="module")
def records():
    return _real_records() + LETTERS + ODD


def _build(folder: Path, records, prepared: bool) -> Path:
    with IndexUpdater(folder) as up:
        for i, record in enumerate(records):
            up.put(record, f"doc{i}", FileState(i, i, f"sha{i}", "ok", "1"),
                   analyse(record) if prepared else None)
    return folder


def _everything(folder: Path):
    ix = open_index(folder)
    try:
        with ix.reader() as r:
            postings = list(r.iter_postings())
            docs = sorted(r.all_doc_ids())
            stored = [r.stored_fields(d) for d in docs]
            lengths = [[r.doc_field_length(d, f) for f in _fields()] for d in docs]
            vectors = [list(r.vector(d, "body").items_as("positions")) if r.has_vector(d, "body")
                       else None for d in docs]
            totals = {f: r.field_length(f) for f in _fields()}
        return postings, stored, lengths, vectors, totals
    finally:
        ix.close()


def test_the_analysed_fields_are_the_schemas_thai_text_fields():
    schema = make_schema()
    thai = {n for n, f in schema.items() if getattr(f, "analyzer", None) in
            (ThaiAnalyzer("newmm"), ThaiAnalyzer("icu"))}
    assert set(analysed_text({})) == thai == set(_fields())


def test_tokens_are_the_analyzers_token_stream(records):
    for record in records:
        tokens = analyse(record)
        for name, text in analysed_text(record).items():
            engine = _fields()[name][0]
            stream = [(t.text, t.pos) for t in ThaiAnalyzer(engine)(text, positions=True)]
            assert stream == list((w, i) for i, w in enumerate(tokens[name])), (record["path"], name)


def test_prepared_tokens_index_the_same_postings(records, tmp_path):
    plain = _everything(_build(tmp_path / "plain", records, prepared=False))
    prepared = _everything(_build(tmp_path / "prepared", records, prepared=True))
    assert len(plain[0]) > 5000  # real letters, not a handful of words
    for what, a, b in zip(("postings", "stored", "lengths", "vectors", "totals"), plain, prepared):
        assert a == b, what

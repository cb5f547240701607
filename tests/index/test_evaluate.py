"""The array evaluation (_evaluate) finds exactly the letters Whoosh's own collector finds,
with Whoosh's scores, on a real index: one segment, and several segments with letters
replaced and deleted by an incremental reindex."""
from pathlib import Path

import pytest

from index import _arrays, _evaluate, _query, _search

from ..conftest import copy_sample, run_reindex

QUERIES = [
    "ประชุม", "การประชุม", "ประชาสัมพันธ์ผลงาน", "มติ", "สัมพันธ์", "อำนวยการ",
    "คณะรัฐมนตรี ค่าครองชีพ", '"ขอความร่วมมือ"', '"ประจำปีงบประมาณ"', "โควิด -วัคซีน",
    "น้ำท่วม OR อุทกภัย", "นร 0505/ว 500", "เลขรับ 1234", "2563", "กรมบัญชีกลาง",
    '"ด้วยคณะรัฐมนตรีได้มีมติเมื่อวันที่"', "สวนราชการ", "ไม่มีคำนี้เลยในคลัง", "-ประชุม",
]


def whoosh_matches(searcher, wq) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(wq, limit=None)}


def engine_matches(index: Path, searcher, wq):
    arrays = _arrays.arrays_of(_search._cache.index(index), searcher)
    ev = _evaluate.Evaluation(searcher, arrays, wq)
    ids, part = ev.matches(~arrays.deleted)
    top, scores = ev.ranked(ids, part, len(ids), arrays.numbers(searcher, "newest_key"))
    return set(ids.tolist()), dict(zip(top.tolist(), scores.tolist()))


def check_same(index: Path):
    searcher = _search._searchers.get(index)
    compared = 0
    for q in QUERIES:
        pq = _query.parse(q)
        wq = _query.build(pq, _search._Inside(searcher, _arrays.arrays_of(
            _search._cache.index(index), searcher)))
        if wq is None:
            wq = _query.Q.Every()
        expected = whoosh_matches(searcher, wq)
        found, scores = engine_matches(index, searcher, wq)
        assert found == set(expected), q
        for docnum, score in scores.items():
            assert score == pytest.approx(expected[docnum], rel=1e-9, abs=1e-9), q
        compared += len(found)
    assert compared > 100  # the queries do find letters


def test_same_letters_and_scores_as_whoosh(sample_index):
    check_same(sample_index)


def test_same_after_letters_were_replaced_and_deleted(tmp_path):
    archive = copy_sample(tmp_path / "archive")
    index = tmp_path / "index"
    assert run_reindex(archive, index)[0] == 0
    texts = sorted(p for p in archive.rglob("*.txt"))
    for path in texts[:3]:
        path.write_text(path.read_text(encoding="utf-8") + "\nขอความร่วมมือประชาสัมพันธ์ผลงาน\n",
                        encoding="utf-8")
    for path in texts[3:5]:
        path.unlink()
    assert run_reindex(archive, index)[0] == 0
    searcher = _search._searchers.get(index)
    assert len(searcher.reader().leaf_readers()) > 1 and searcher.reader().has_deletions()
    check_same(index)


def test_a_phrase_is_read_only_where_it_decides(sample_index):
    """Words typed as one compound match by their dictionary words wherever they are: to
    know which letters match, a phrase is read only for letters those do not already
    match (the scores of the page read more)."""
    searcher = _search._searchers.get(sample_index)
    arrays = _arrays.Arrays(searcher)  # nothing read by other searches
    wq = _query.build(_query.parse("ประชาสัมพันธ์ผลงาน"), _search._Inside(searcher, arrays))
    ev = _evaluate.Evaluation(searcher, arrays, wq)
    ids, part = ev.matches(~arrays.deleted)
    read = sum(int(s.known.sum()) for s in ev.phrases.values() if s is not None)
    having = sum(len(s.cand) for s in ev.phrases.values() if s is not None)
    assert len(ids) > 1 and read < having


def test_at_least_minmatch_of_the_terms(sample_index):
    """Related letters share at least PRF_MINMATCH feedback terms (Whoosh's own Or ignores
    minmatch): the letters of Or(..., minmatch=k) are those with k of the terms or more."""
    searcher = _search._searchers.get(sample_index)
    arrays = _arrays.arrays_of(_search._cache.index(sample_index), searcher)
    words = ["ประชุม", "คณะกรรมการ", "จังหวัด", "ขอ", "ความ", "ราชการ"]
    having = [set(searcher.docs_for_query(_query.Q.Term("body", w))) for w in words]
    for k in (1, 2, 3, 5):
        q = _query.Q.Or([_query.Q.Term("body", w) for w in words], minmatch=k)
        ids, _part = _evaluate.Evaluation(searcher, arrays, q).matches(~arrays.deleted)
        expected = {d for d in set().union(*having) if sum(d in h for h in having) >= k}
        assert set(ids.tolist()) == expected
    assert expected  # some letters have five of the words

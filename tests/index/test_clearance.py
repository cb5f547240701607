"""A letter above a user's clearance does not exist for them (docs/interface.md, "Sign-in
and clearance"): every answer of index/ for a user of clearance C is the answer an archive
without the letters above C gives. Real indexes on disk: the whole classified archive, and
for each clearance the archive of only the letters it may see."""
import pytest
from pythainlp.util import thai_to_eng

import index
import settings
from tests.classified import LETTERS, SCAN, SECRET_WORDS, above, write_archive
from tests.conftest import run_reindex

QUERIES = [
    "",                                   # the newest letters, with every facet
    "ชายแดน", "เฝ้าระวังชายแดน", "ลักลอบ", "กำลังพล", "ยุทธการ", "น่านฟ้า",
    "เฝาระวังชายแดน",                     # a tone mark left out: corrected only from what one may see
    "ยุทโธปกร",                           # cut short
    thai_to_eng("ชายแดน"), thai_to_eng("ยุทธการ"),   # on the English keyboard layout
    "ครุภัณฑ์", "ครุภัณท์", "ฝึกอบรม", "ประชุม",
    "สำนักข่าวกรองแห่งชาติ", "กองบัญชาการกองทัพไทย ครุภัณฑ์",   # a sender in the box
    "นร 0401/200", "กห 0301/400", "ลับ", "ด่วนที่สุด", "ความลับ",
    # a subject with a word no letter has: loosened over the letters one may see
    "มาตรการเฝ้าระวังชายแดนด้านตะวันออก", "การประชุมชี้แจงระเบียบการเบิกจ่ายเงินภูเขาไฟ",
    # the last word cut short: completed only from words of letters one may see
    "การจัดซื้อครุภัณฑ์สำนักงานประจำปีงบประ", "การเคลื่อนย้ายกำลังพลและยุทโธ", "ยุทโธ", "ลักลอ",
]
FILTERS = [{}, {"urgency": "ด่วนที่สุด"}, {"sender": "สขช."}, {"ref_no": "กห 0301/300"},
           {"date_from": "ม.ค. 2567", "date_to": "ม.ค. 2567"}, {"subject": "ชายแดน"}]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    """{None: the whole archive's index, clearance: the index of what it may see}."""
    root = tmp_path_factory.mktemp("classified")
    out = {}
    for clearance in (None,) + index.CLEARANCES:
        name = clearance or "all"
        archive = write_archive(root / f"archive-{name}", clearance)
        code, summary = run_reindex(archive, root / f"index-{name}")
        assert code == 0, summary
        out[clearance] = root / f"index-{name}"
    return out


def _seen(result):
    """What a user sees of a result (scores aside: they weigh words by the whole archive)."""
    matches = sorted((h["doc_id"], h["subject"], h["title"], h["snippet"])
                     for h in result.hits if not h["related"])
    return {"total": result.total, "matches": matches, "facets": result.facets,
            "suggestion": result.suggestion, "corrected": result.corrected}


def test_the_archive_has_what_the_tests_need(indexes):
    found = index.search(indexes[None], "", sort="date", per_page=50)
    by_path = {h["path"]: h for h in found.hits}
    assert found.total == len(LETTERS) + 1
    assert index.stats(indexes[None])["needs_ocr"] == 1
    for letter in LETTERS:
        got = index.get_document(indexes[None], by_path[letter.path]["doc_id"])
        assert got["secrecy"] == letter.secrecy
    # each secret word is found in the whole archive (so hiding it is a real test)
    for secrecy, words in SECRET_WORDS.items():
        for word in words:
            assert index.search(indexes[None], word).total >= 1, word


@pytest.mark.parametrize("clearance", index.CLEARANCES)
def test_every_search_is_that_of_the_archive_without_the_letters_above(indexes, clearance):
    for filters in FILTERS:
        for q in QUERIES:
            got = index.search(indexes[None], q, filters, clearance=clearance, per_page=50)
            want = index.search(indexes[clearance], q, filters, per_page=50)
            assert _seen(got) == _seen(want), (clearance, q, filters)
            visible = {h["doc_id"] for h in index.search(indexes[clearance], "",
                                                          per_page=50).hits}
            assert {h["doc_id"] for h in got.hits} <= visible   # related letters too


@pytest.mark.parametrize("clearance", index.CLEARANCES)
def test_a_letter_above_the_clearance_has_no_page_no_original_and_no_thread_link(
        indexes, clearance, tmp_path):
    archive = write_archive(tmp_path / "archive")
    everything = index.search(indexes[None], "", sort="date", per_page=50).hits
    for hit in everything:
        doc = index.get_document(indexes[None], hit["doc_id"], clearance=clearance)
        original = index.original_path(indexes[None], archive, hit["doc_id"],
                                       clearance=clearance)
        if above(hit["path"], clearance):
            assert doc is None and original is None, hit["path"]
            continue
        assert original is not None
        want = index.get_document(indexes[clearance], hit["doc_id"])
        for key in ("cites_documents", "cited_by"):
            assert [d["doc_id"] for d in doc[key]] == [d["doc_id"] for d in want[key]], key


def test_the_thread_runs_through_secret_letters_for_those_cleared(indexes):
    ids = {h["path"]: h["doc_id"] for h in index.search(indexes[None], "", per_page=50).hits}
    budget = ids["2567/01/open-budget.txt"]
    for clearance, cites, cited_by in (("none", [], []),
                                       ("ลับ", ["2567/01/secret-border.txt"], []),
                                       ("ลับมาก", ["2567/01/secret-border.txt"],
                                        ["2567/02/secret-troops.txt"]),
                                       (None, ["2567/01/secret-border.txt"],
                                        ["2567/02/secret-troops.txt"])):
        doc = index.get_document(indexes[None], budget, clearance=clearance)
        assert [d["path"] for d in doc["cites_documents"]] == cites, clearance
        assert [d["path"] for d in doc["cited_by"]] == cited_by, clearance


def test_a_scan_whose_secrecy_could_not_be_read_is_as_the_settings_say(indexes, monkeypatch):
    def paths(clearance):
        return {h["path"] for h in index.search(indexes[None], "", clearance=clearance,
                                                 per_page=50).hits}

    assert SCAN in paths("none")           # the default: visible
    monkeypatch.setattr(settings, "UNREAD_SECRECY", "ลับ")
    assert SCAN not in paths("none")
    assert SCAN in paths("ลับ") and SCAN in paths(None)
    scan_id = next(h["doc_id"] for h in index.search(indexes[None], "", per_page=50).hits
                   if h["path"] == SCAN)
    assert index.get_document(indexes[None], scan_id, clearance="none") is None


def test_an_unknown_clearance_is_refused(indexes):
    with pytest.raises(ValueError):
        index.search(indexes[None], "ชายแดน", clearance="secret")

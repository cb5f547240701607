"""The known-item set of scripts/eval_search.py over texts without judged queries, and the
plain baseline it is compared with, on a few texts written here."""
from scripts import eval_search, plain_baseline

TEXTS = {
    "2566/03/01/a_1.txt": "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-กรมประมงเปิดตัวโครงการเพาะพันธุ์ปลานิลจิตรลดาให้เกษตรกร\n\n"
                          "รายละเอียดของโครงการเพาะพันธุ์ปลา\nที่มา กรมประมง",
    "2566/03/02/b_1.txt": "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-นายกรัฐมนตรีประชุมคณะรัฐมนตรีนอกสถานที่จังหวัดเชียงใหม่\n\n"
                          "การประชุมคณะรัฐมนตรีนอกสถานที่\nที่มา สำนักโฆษก",
    "2566/03/03/c_1.txt": "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-นายกรัฐมนตรีประชุมคณะรัฐมนตรีนอกสถานที่จังหวัดเชียงใหม่\n\n"
                          "ข่าวเดียวกันอีกครั้ง\nที่มา สำนักโฆษก",
}


def _corpus(tmp_path):
    for rel, text in TEXTS.items():
        path = tmp_path / "archive" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_each_text_is_asked_for_by_its_headline_whole_cut_and_in_part(tmp_path):
    queries = eval_search.known_items(_corpus(tmp_path), 3)
    kinds = {q["type"] for q in queries}
    assert kinds == set(eval_search.KNOWN_ITEM_KINDS)
    for q in queries:
        heads = [eval_search.headline(tmp_path / "archive" / p) for p in q["relevant"]]
        assert len(set(heads)) == 1 and not heads[0].startswith("รัฐบาลไทย")
        if q["type"] == "headline":
            assert q["q"] == heads[0][:eval_search.HEADLINE_CHARS]
        elif q["type"] == "cut":
            assert heads[0].startswith(q["q"]) and q["q"] != heads[0]
        else:
            assert q["q"] in heads[0]
    # the text published twice: either copy is the one asked for
    twice = [q for q in queries if "2566/03/02/b_1.txt" in q["relevant"]]
    assert twice and all(set(q["relevant"]) == {"2566/03/02/b_1.txt", "2566/03/03/c_1.txt"}
                         for q in twice)


def test_the_plain_baseline_finds_a_text_by_its_headline(tmp_path):
    corpus = _corpus(tmp_path)
    ix = plain_baseline.build(corpus / "archive", tmp_path / "plain")
    with ix.searcher() as s:
        assert plain_baseline.search(s, "กรมประมงเปิดตัวโครงการ")[0] == "2566/03/01/a_1.txt"
        assert plain_baseline.search(s, "ภูเขาไฟ") == []
    rows = eval_search.known_item_rows(
        [{"id": "x", "type": "headline", "q": "ปลานิลจิตรลดา", "relevant": ["2566/03/01/a_1.txt"]}],
        lambda text: ["2566/03/02/b_1.txt", "2566/03/01/a_1.txt"])
    assert rows[0]["s1"] == 0.0 and rows[0]["mrr"] == 0.5 and not rows[0]["empty"]

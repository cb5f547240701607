"""The page and the API show the results of a mistyped Thai query as corrected, say so,
and offer the search as typed; a suggestion is a link that finds letters."""
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

TYPED, MEANT = "ประชาสัมพันธผลงาน", "ประชาสัมพันธ์ผลงาน"


def api(client, **params):
    return client.get("/api/search?" + urlencode(params)).get_json()


def page(client, **params):
    return unescape(client.get("/search?" + urlencode(params)).get_data(as_text=True))


def test_api_searches_the_correction_and_says_so(client):
    body = api(client, q=TYPED)
    right = api(client, q=MEANT)
    assert body["query"] == TYPED and body["total"] == right["total"] > 0
    assert body["corrected"] == {"query": MEANT, "as_typed": TYPED, "reason": "spelling"}
    assert [h["doc_id"] for h in body["hits"]] == [h["doc_id"] for h in right["hits"]]
    as_typed = api(client, q=TYPED, as_typed=1)
    assert as_typed["total"] == 0 and as_typed["corrected"] is None


def test_page_shows_results_for_the_correction_and_links_the_search_as_typed(client):
    html = page(client, q=TYPED)
    assert f"แสดงผลสำหรับ <strong>{MEANT}</strong>" in html
    assert f"ค้นหา {TYPED} ตามที่พิมพ์แทน" in html
    back = page(client, q=TYPED, as_typed=1)
    assert "แสดงผลสำหรับ" not in back and "ไม่พบหนังสือที่ตรงกับการค้นหา" in back


def test_facets_of_a_corrected_page_count_what_clicking_them_gives(client):
    import re

    html = client.get("/search?" + urlencode({"q": TYPED})).get_data(as_text=True)
    facets = api(client, q=TYPED)["facets"]
    links = [unescape(h) for h in re.findall(r'href="(/search\?[^"]+)"', html)
             if "kind=" in h or "sender=" in h]
    assert links
    for href in links:
        params = {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}
        assert params["q"] == MEANT  # the link searches what the page searched
        name = "kind" if "kind" in params else "sender"
        want = next(f["count"] for f in facets[name] if f["value"] == params[name])
        assert api(client, **params)["total"] == want


def test_a_correct_query_is_shown_as_typed(client):
    body = api(client, q=MEANT)
    assert body["corrected"] is None and body["suggestion"] is None
    assert "แสดงผลสำหรับ" not in page(client, q=MEANT)


def test_a_query_that_finds_letters_keeps_them_and_offers_the_correction(client):
    typed = "ประชุม งบประมาน"  # ประชุม finds letters; no letter has งบประมาน
    body = api(client, q=typed)
    assert body["corrected"] is None
    assert body["total"] == api(client, q=typed, as_typed=1)["total"] > 0
    assert body["suggestion"] == "ประชุม งบประมาณ"
    assert api(client, q=body["suggestion"])["total"] > body["total"]
    html = page(client, q=typed)
    assert "หรือคุณหมายถึง" in html and "ประชุม งบประมาณ</a>" in html

"""The page and the API say when a query typed on the English layout was searched as
Thai, and offer the search as typed."""
from html import unescape
from urllib.parse import urlencode

from pythainlp.util import thai_to_eng


def test_api_says_what_it_searched(client):
    typed = thai_to_eng("ประชุม")
    body = client.get("/api/search?" + urlencode({"q": typed})).get_json()
    assert body["total"] > 0 and body["query"] == typed
    assert body["corrected"] == {"query": "ประชุม", "as_typed": typed, "reason": "layout"}
    as_typed = client.get("/api/search?" + urlencode({"q": typed, "as_typed": 1})).get_json()
    assert as_typed["corrected"] is None and as_typed["query"] == typed
    assert client.get("/api/search?q=ประชุม").get_json()["corrected"] is None


def test_page_offers_the_search_as_typed(client):
    typed = thai_to_eng("ประชุม")
    page = unescape(client.get("/search?" + urlencode({"q": typed})).get_data(as_text=True))
    assert "ค้นหา: <strong>ประชุม</strong> — พิมพ์ผิดภาษา?" in page
    assert f"ค้นหา {typed} ตามที่พิมพ์แทน" in page and "as_typed=1" in page
    back = unescape(client.get("/search?" + urlencode({"q": typed, "as_typed": 1}))
                    .get_data(as_text=True))
    assert "พิมพ์ผิดภาษา" not in back

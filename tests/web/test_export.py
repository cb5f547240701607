"""GET /search.csv over the sample index: the register book's columns, every match (never
the related letters), the search's order, dates in พ.ศ., a BOM for Excel."""
import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

from tests.web.helpers import SEED, url
from web.exports import COLUMNS, _cell


def _rows(res):
    body = res.get_data()
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_export_lists_every_match_in_the_register_books_columns(client):
    res = client.get(url("/search.csv", q="ประชาสัมพันธ์"))
    assert res.status_code == 200 and res.mimetype == "text/csv"
    assert "attachment" in res.headers["Content-Disposition"]
    rows = _rows(res)
    assert tuple(rows[0]) == COLUMNS == ("เลขทะเบียนรับ", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง",
                                         "path", "doc_id")
    api = client.get(url("/api/search", q="ประชาสัมพันธ์", per_page=100)).get_json()
    matches = [h for h in api["hits"] if not h["related"]]
    assert len(rows) - 1 == api["total"] == len(matches) == int(res.headers["X-Total-Count"])
    assert [r[-1] for r in rows[1:]] == [h["doc_id"] for h in matches]   # the same order


def test_a_row_is_the_letter_as_the_register_book_writes_it(client):
    rows = _rows(client.get(url("/search.csv", q="นร 0505/ว 500")))
    seed = next(r for r in rows[1:] if r[6] == SEED)
    received, ref, dated, sender, recipient, subject = seed[:6]
    assert received == "13776"           # เลขรับ ๑๓๗๗๖, digits as the API gives them
    assert ref == "นร 0505/ว 500"
    assert dated == "22 ต.ค. 2563"       # พ.ศ.
    assert sender == "สำนักเลขาธิการคณะรัฐมนตรี"
    assert recipient.startswith("เลขาธิการคณะกรรมการการเลือกตั้ง")
    assert subject == "การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงานและของรัฐบาล"


def test_related_letters_are_not_exported(client):
    # a topical word and a narrow filter: the page offers related letters after the matches
    params = {"q": "อัคคีภัย", "sender": "จังหวัดพิษณุโลก"}
    api = client.get(url("/api/search", **params)).get_json()
    assert any(h["related"] for h in api["hits"]), "the sample no longer gives related letters"
    rows = _rows(client.get(url("/search.csv", **params)))
    assert [r[-1] for r in rows[1:]] == [h["doc_id"] for h in api["hits"] if not h["related"]]


def test_filters_and_sort_are_those_of_the_search(client):
    params = {"sender": "กรมส่งเสริมการปกครองท้องถิ่น", "sort": "date_asc"}
    rows = _rows(client.get(url("/search.csv", **params)))
    api = client.get(url("/api/search", per_page=100, **params)).get_json()
    assert [r[-1] for r in rows[1:]] == [h["doc_id"] for h in api["hits"]]
    assert len(rows) > 2


def test_no_query_and_no_filter_exports_every_letter(client):
    rows = _rows(client.get("/search.csv"))
    total = client.get("/api/search").get_json()["total"]
    assert len(rows) - 1 == total and len({r[-1] for r in rows[1:]}) == total


def test_nothing_matches_gives_the_header_only_and_a_bad_date_a_400(client):
    rows = _rows(client.get(url("/search.csv", q="ไม่มีคำนี้ในคลังเลยแน่นอน", kind="คำสั่ง")))
    assert rows == [list(COLUMNS)]
    res = client.get(url("/search.csv", date_from="วันไหนก็ไม่รู้"))
    assert res.status_code == 400


def test_the_results_page_links_the_export_of_the_same_search(client):
    page = client.get(url("/search", q="ประชาสัมพันธ์", sender="สลค.", page=1)).get_data(as_text=True)
    href = re.search(r'class="export" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    parts = urlsplit(href)
    assert parts.path == "/search.csv"
    assert parse_qs(parts.query) == {"q": ["ประชาสัมพันธ์"], "sender": ["สลค."]}


def test_a_cell_excel_would_run_as_a_formula_is_written_as_text():
    assert _cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _cell("+66 2 123") == "'+66 2 123" and _cell("@x") == "'@x"
    assert _cell("นร 0505/ว 500") == "นร 0505/ว 500"

"""The search page and its JSON twin over a real index of the sample archive."""
import re

import pytest

import settings
from tests.conftest import TRUTH
from tests.web.helpers import SEED, SENDER_RANGES, html_text, sample_file_count, truth_rows, url


def test_home_page_has_the_search_form(client):
    res = client.get("/")
    assert res.status_code == 200
    page = res.data.decode()
    assert '<html lang="th">' in page
    for name in ("q", "subject", "sender", "date_from", "date_to", "ref_no", "received_no",
                 "kind", "urgency", "sort"):
        assert f'name="{name}"' in page, name
    assert "ส่วนราชการผู้ส่ง" in page and "เลขรับ" in page and "(พ.ศ.)" in page
    assert "22 ต.ค. 2563" in page            # the date hint
    assert f"{sample_file_count()} ฉบับ" in html_text(res.data)   # documents in the index


@pytest.mark.parametrize("typed", ["นร0505/ว500", "ที่ นร ๐๕๐๕/ว ๕๐๐", "นร 0505/ว.500"])
def test_reference_number_in_the_box_finds_the_seed_first(client, typed):
    data = client.get(url("/api/search", q=typed)).get_json()
    assert data["total"] >= 1
    assert data["hits"][0]["path"] == SEED
    res = client.get(url("/search", q=typed))
    assert res.status_code == 200
    page = res.data.decode()
    first = page.index('class="hit"')
    assert "การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงานและของรัฐบาล" in page[first:first + 600]
    assert "<mark>" in page


@pytest.mark.parametrize("typed", ["นร0505/ว500", "ที่ นร ๐๕๐๕/ว ๕๐๐"])
def test_reference_number_field_finds_the_seed(client, typed):
    data = client.get(url("/api/search", ref_no=typed)).get_json()
    assert [h["path"] for h in data["hits"]] == [SEED]
    assert data["hits"][0]["ref_no"] == "นร 0505/ว 500"


def test_result_shows_thai_date_sender_and_link(client):
    res = client.get(url("/search", q="นร0505/ว500"))
    text = html_text(res.data)
    assert "ที่ นร 0505/ว 500" in text
    assert "ลงวันที่ 22 ต.ค. 2563" in text          # พ.ศ., not 2020-10-22
    assert "สำนักเลขาธิการคณะรัฐมนตรี" in text
    assert "ด่วนที่สุด" in text
    hit = client.get(url("/api/search", q="นร0505/ว500")).get_json()["hits"][0]
    assert hit["date"] == "2020-10-22"               # JSON keeps ISO, common era
    assert f'href="/documents/{hit["doc_id"]}?q=' in res.data.decode()


def test_received_number(client):
    for params in ({"q": "เลขรับ ๑๓๗๗๖"}, {"received_no": "๑๓๗๗๖"}, {"received_no": "13776"}):
        data = client.get(url("/api/search", **params)).get_json()
        assert data["hits"] and data["hits"][0]["path"] == SEED, params


@pytest.mark.parametrize("typed, expected, paths", SENDER_RANGES)
def test_sender_and_buddhist_era_date_range(client, typed, expected, paths):
    sender, date_from, date_to = typed
    params = {"sender": sender, "date_from": date_from, "date_to": date_to}
    data = client.get(url("/api/search", **params)).get_json()
    assert {h["path"] for h in data["hits"]} == paths
    assert data["total"] == len(paths)
    assert all(expected["from"] <= h["date"] <= expected["to"] for h in data["hits"])
    page = client.get(url("/search", **params))
    assert page.status_code == 200
    assert f"พบ {len(paths)} ฉบับ" in html_text(page.data)


@pytest.mark.skipif(not TRUTH.is_file(), reason="shared/corpus not beside the project")
@pytest.mark.parametrize("typed, expected, paths", SENDER_RANGES)
def test_truth_matches(typed, expected, paths):
    rows = truth_rows()
    assert len(rows) >= 40
    assert {r["path"] for r in rows
            if r["sender"] == expected["sender"] and r["date"]
            and expected["from"] <= r["date"] <= expected["to"]} == paths


def test_no_query_lists_newest_first(client):
    data = client.get("/api/search?per_page=100").get_json()
    assert data["total"] == sample_file_count()      # the scan waiting for OCR included
    dates = [h["date"] for h in data["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)
    assert set(data["facets"]) >= {"kind", "year", "sender", "urgency"}


def test_facets_are_links_that_add_the_filter(client):
    res = client.get(url("/search", q="การประชาสัมพันธ์"))
    page = res.data.decode()
    assert "ปี พ.ศ." in page and "ประเภทหนังสือ" in page
    assert "date_from=2563&amp;date_to=2563" in page          # a year facet in พ.ศ.
    assert "kind=%E0%B8%AB%E0%B8%99%E0%B8%B1%E0%B8%87%E0%B8%AA%E0%B8%B7%E0%B8%AD" in page


def test_year_facet_filter(client):
    data = client.get(url("/api/search", date_from="2563", date_to="2563")).get_json()
    assert data["total"] >= 1
    assert all(h["date"].startswith("2020") for h in data["hits"])
    years = {f["value"] for f in data["facets"]["year"]}
    assert years == {"2563"}


def test_needs_ocr_badge(client):
    data = client.get("/api/search?per_page=100").get_json()
    scans = [h for h in data["hits"] if h["needs_ocr"]]
    assert scans, "the sample has a scan without a text layer"
    page = client.get("/search?per_page=100").data.decode()
    assert "รอ OCR" in page


def test_paging(client):
    first = client.get("/api/search?per_page=10").get_json()
    second = client.get("/api/search?per_page=10&page=2").get_json()
    assert first["page"] == 1 and second["page"] == 2
    assert not {h["doc_id"] for h in first["hits"]} & {h["doc_id"] for h in second["hits"]}
    page = client.get("/search?per_page=10&page=2").data.decode()
    assert 'aria-current="page">2<' in page
    assert 'rel="next"' in page and 'rel="prev"' in page


def test_per_page_is_clamped(client):
    data = client.get("/api/search?per_page=100000").get_json()
    assert data["per_page"] == settings.MAX_PER_PAGE
    assert len(data["hits"]) <= settings.MAX_PER_PAGE
    assert client.get("/search?per_page=5000").status_code == 200


def test_long_query_is_cut_with_a_notice(client):
    long_q = "ประชาสัมพันธ์ " * 100                # 1,400 characters
    res = client.get(url("/search", q=long_q))
    assert res.status_code == 200
    assert "ยาวเกิน 500 ตัวอักษร" in res.data.decode()
    data = client.get(url("/api/search", q=long_q)).get_json()
    assert len(data["query"]) <= settings.MAX_QUERY_CHARS
    assert data["truncated"] == ["q"]


def test_query_with_script_is_escaped(client):
    evil = '<script>alert("x")</script> "><img src=x onerror=alert(1)>'
    res = client.get(url("/search", q=evil, sender="<b>bold</b>"))
    assert res.status_code == 200
    page = res.data.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<b>bold</b>" not in page
    assert "&lt;script&gt;" in page
    data = client.get(url("/api/search", q=evil)).get_json()
    for hit in data["hits"]:
        assert "<script" not in hit["snippet"]


def test_syntax_errors_are_searched_as_words(client):
    for q in ('"unclosed', "OR", "-", "((", "a AND", "*"):
        assert client.get(url("/search", q=q)).status_code == 200, q
        assert client.get(url("/api/search", q=q)).status_code == 200, q


def test_no_hits_page(client):
    res = client.get(url("/search", q="ไม่มีคำนี้ในคลังแน่นอนxyzzy"))
    assert res.status_code == 200
    assert "ไม่พบหนังสือที่ตรงกับการค้นหา" in res.data.decode()


@pytest.mark.parametrize("typo", ["ประชาสัมพัน", "เลือกตั่ง", "กระทรวงมหาดไท"])
def test_a_suggestion_is_offered_only_when_it_finds_letters(client, typo):
    data = client.get(url("/api/search", q=typo)).get_json()
    if data["total"] == 0 and data["suggestion"]:
        again = client.get(url("/api/search", q=data["suggestion"])).get_json()
        assert again["total"] > 0
        page = client.get(url("/search", q=typo)).data.decode()
        assert "หรือคุณหมายถึง" in page


def _truth_paths(client, keep) -> set[str]:
    """Sample letters whose truth `keep`s, scans waiting for OCR left out (OCR is off)."""
    listed = client.get(url("/api/search", per_page=100)).get_json()["hits"]
    unread = {h["path"] for h in listed if h.get("needs_ocr")}
    return {row["path"] for row in truth_rows() if keep(row) and row["path"] not in unread}


def test_recipient_filter_lists_the_letters_addressed_so(client):
    from index._documents import compact

    wanted = _truth_paths(client, lambda r: compact("ผู้ว่าราชการจังหวัด") in compact(r.get("recipient") or ""))
    data = client.get(url("/api/search", recipient="ผู้ว่าราชการ จังหวัด", per_page=100)).get_json()
    assert {h["path"] for h in data["hits"]} == wanted and data["total"] == len(wanted) >= 2
    page = client.get(url("/search", recipient="ผู้ว่าราชการจังหวัด"))
    text = html_text(page.data)
    assert "เรียน (ผู้รับ): ผู้ว่าราชการจังหวัด" in text  # the chip that removes it
    assert 'value="ผู้ว่าราชการจังหวัด"' in page.data.decode()
    assert client.get(url("/api/search", recipient="ไม่มีผู้รับนี้")).get_json()["total"] == 0


def test_received_date_range_in_buddhist_era(client):
    wanted = _truth_paths(client, lambda r: "2020-01-01" <= (r.get("received_date") or "") <= "2021-12-31")
    wanted.add(SEED)  # not in the truth; its stamp says 26 ต.ค. 2563
    data = client.get(url("/api/search", received_from="2563", received_to="๒๕๖๔",
                          per_page=100)).get_json()
    assert {h["path"] for h in data["hits"]} == wanted and data["total"] == len(wanted) >= 2
    page = client.get(url("/search", received_from="2564", received_to="2563"))
    assert page.status_code == 400
    assert "รับตั้งแต่วันที่ อยู่หลัง รับถึงวันที่" in html_text(page.data)
    bad = client.get(url("/api/search", received_to="เมื่อวาน"))
    assert bad.status_code == 400 and "received-to" in bad.get_json()["error"]


def test_the_page_says_what_the_box_read_and_offers_the_words(client):
    typed = "สลค. ต.ค. 2563"
    data = client.get(url("/api/search", q=typed)).get_json()
    assert data["understood"] == {"sender": "สลค.", "date_from": "2020-10-01",
                                  "date_to": "2020-10-31", "date_text": "ต.ค. 2563"}
    assert SEED in {h["path"] for h in data["hits"]}
    body = client.get(url("/search", q=typed)).data
    page, text = body.decode(), html_text(body)
    assert "“สลค.” เป็นส่วนราชการผู้ส่ง และ “ต.ค. 2563” เป็นช่วงวันที่ 1 ต.ค. 2563 – 31 ต.ค. 2563" in text
    link = re.search(r'href="([^"]*as_words=1[^"]*)"[^>]*>ค้นเป็นคำในเนื้อหาแทน', page)
    assert link
    words = client.get(link.group(1).replace("&amp;", "&"))
    assert "ค้น “สลค. ต.ค. 2563” เป็นคำทั้งหมด" in html_text(words.data)
    as_json = client.get(url("/api/search", q=typed, as_words=1)).get_json()
    assert as_json["understood"] is None
    assert as_json["total"] != data["total"]
    # plain words: nothing to say
    assert client.get(url("/api/search", q="ประชาสัมพันธ์")).get_json()["understood"] is None


def test_the_kind_list_offers_exactly_the_kinds_letters_can_have(client):
    from archive.kinds import Kind

    page = client.get("/").data.decode()
    select = re.search(r'<select id="kind".*?</select>', page, re.S).group(0)
    offered = set(re.findall(r'<option value="([^"]+)"', select))
    assert offered == {k.value for k in Kind}
    listed = client.get(url("/api/search", per_page=100)).get_json()
    kinds = {h["kind"] for h in listed["hits"] if h["kind"]}   # (a scan waiting for OCR has none)
    assert kinds <= offered and len(kinds) >= 3
    for kind in kinds:   # each finds its letters
        assert client.get(url("/api/search", kind=kind)).get_json()["total"] >= 1

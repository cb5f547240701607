"""What the pages say is true (over the sample archive): a filter that matches nothing
shows nothing, every facet link finds as many letters as its count says, related letters
sit under their own heading after the matches, a page past the end says so, and a letter
has the same title everywhere, never its file name."""
import html
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from .helpers import doc_id_of, html_text, url

STAMPED = "2561/01/memo_2018-01-16_0139.txt"  # a stamped letter: no subject line
FACET_LINK = re.compile(r'<li( class="active")?><a href="([^"]+)"[^>]*><span class="facet-label">'
                        r'([^<]*)</span><span class="count">([0-9,]+)</span>')


def facet_links(body: bytes, active: bool = False) -> list[tuple[str, str, int]]:
    """(href, label, count) of the facet entries on a results page that add a filter
    (`active`: of those already chosen, whose link takes the filter away)."""
    aside = body.decode("utf-8").split('<aside class="facets"', 1)
    if len(aside) < 2:
        return []
    part = aside[1].split("</aside>", 1)[0]
    return [(html.unescape(h), label, int(n.replace(",", "")))
            for on, h, label, n in FACET_LINK.findall(part) if bool(on) == active]


def api_twin(href: str) -> str:
    parts = urlsplit(href)
    return "/api/search?" + parts.query


@pytest.mark.parametrize("params", [
    {"q": "ประชุม"},
    {"q": "อัคคีภัย", "date_from": "2566", "date_to": "2566"},
    {"date_from": "ต.ค. 2563", "date_to": "มี.ค. 2566"},
    {"q": "การ"}, {"q": "การ", "sender": "กรมส่งเสริมการปกครองท้องถิ่น"},
    {"sort": "date"},
])
def test_every_facet_link_finds_exactly_its_count(client, params):
    page = client.get(url("/search", **params))
    links = facet_links(page.data)
    assert links, "the page shows facets"
    for href, label, count in links:
        assert client.get(api_twin(href)).get_json()["total"] == count, (label, href)
    # a facet already chosen counts the letters shown
    total = client.get(url("/api/search", **params)).get_json()["total"]
    assert all(count == total for _h, _label, count in facet_links(page.data, active=True))


def test_year_facet_within_a_chosen_range_keeps_the_range(client):
    params = {"date_from": "1 ต.ค. 2563", "date_to": "31 มี.ค. 2564"}
    links = [(h, c) for h, label, c in facet_links(client.get(url("/search", **params)).data)
             if label.startswith("พ.ศ.")]
    assert links
    for href, count in links:
        query = dict(parse_qsl(urlsplit(href).query))
        assert query["date_from"] != query["date_to"] or query["date_from"] in ("2563", "2564")
        assert client.get(api_twin(href)).get_json()["total"] == count


@pytest.mark.parametrize("params", [
    {"sender": "xyz"}, {"date_from": "2570", "date_to": "2570"}, {"ref_no": "ซซ 9999/ว 1"},
    {"received_no": "999999"}, {"kind": "ระเบียบ"}, {"sender": "จังหวัดพิษณุโลก", "date_from": "2560", "date_to": "2560"},
    {"q": "ประชุม", "sender": "xyz"}, {"q": "นร 0505/ว 500", "kind": "คำสั่ง"},
])
def test_a_filter_that_matches_nothing_shows_nothing(client, params):
    data = client.get(url("/api/search", **params)).get_json()
    assert data["total"] == 0 and data["hits"] == [] and not any(data["facets"].values())
    page = client.get(url("/search", **params))
    assert page.status_code == 200
    assert "<li class=\"hit" not in page.data.decode()
    assert "ไม่พบหนังสือที่ตรงกับการค้นหา" in html_text(page.data)


def test_related_letters_come_after_the_matches_under_their_own_heading(client):
    params = {"q": "อัคคีภัย", "date_from": "2566", "date_to": "2566"}
    data = client.get(url("/api/search", **params)).get_json()
    flags = [h["related"] for h in data["hits"]]
    matches = flags.count(False)
    assert data["total"] == matches >= 1
    assert flags == sorted(flags)  # every match before every related letter
    assert sum(i["count"] for i in data["facets"]["year"]) == matches
    body = client.get(url("/search", **params)).data.decode()
    text = html_text(body.encode())
    assert f"พบ {matches} ฉบับ" in text
    if True in flags:
        head = body.index("เรื่องที่เกี่ยวข้อง")
        hit_list = body.index('class="hit-list"')
        assert hit_list < head
        # every matching letter is listed before the heading, every related one after it
        for h in data["hits"]:
            at = body.index(f'/documents/{h["doc_id"]}')
            assert (at > head) == h["related"], h["path"]


def test_a_page_past_the_end_says_so_and_links_back(client):
    total = client.get(url("/api/search", q="ประชุม")).get_json()["total"]
    assert 0 < total <= 20
    page = client.get(url("/search", q="ประชุม", page=99))
    text = html_text(page.data)
    assert page.status_code == 200 and "จาก" not in text.split("พบ", 1)[1][:40]
    assert "ไม่มีผลการค้นหาในหน้า 99" in text and 'class="hit"' not in page.data.decode()
    assert 'href="/search?q=' in page.data.decode()
    data = client.get(url("/api/search", q="ประชุม", page=99)).get_json()
    assert data["total"] == total and data["hits"] == []


def test_a_letter_has_one_title_everywhere_never_its_file_name(client):
    doc_id = doc_id_of(client, STAMPED)
    doc = client.get(f"/api/documents/{doc_id}").get_json()
    title = doc["title"]
    assert title and "memo_" not in title and doc["subject"] is None
    assert title.startswith("ด้วย")  # the opening of the stamped letter's body
    hit = next(h for h in client.get(url("/api/search", q="อัคคีภัย", per_page=100)).get_json()["hits"]
               if h["doc_id"] == doc_id)
    assert hit["title"] == title
    escaped = html.escape(title, quote=False)
    assert escaped in client.get(url("/search", q="อัคคีภัย")).data.decode()
    page = client.get(f"/documents/{doc_id}").data.decode()
    assert f"<h1>{escaped}</h1>" in page and f"<title>{escaped}" in page
    home = client.get("/").data.decode()
    for h in client.get(url("/api/search", sort="date", per_page=8)).get_json()["hits"]:
        assert html.escape(h["title"], quote=False) in home
        assert h["path"].rsplit("/", 1)[-1] not in html_text(home.encode()).split("หนังสือล่าสุดในคลัง")[1][:3000]


def test_thai_pages_show_thai_messages_only(client):
    page = client.get(url("/search", date_from="ไม่ใช่วันที่"))
    assert page.status_code == 400
    text = html_text(page.data)
    assert "อ่านวันที่" in text
    assert "cannot read" not in text and "YYYY" not in text


UNDATED = Path(__file__).resolve().parents[1] / "fixtures" / "undated_stamped.txt"


def test_an_undated_letter_is_filed_by_its_stamp_and_the_pages_say_so(tmp_path, build_index):
    from web import create_app

    archive = tmp_path / "archive"
    (archive / "2566").mkdir(parents=True)
    shutil.copy2(UNDATED, archive / "2566" / "undated.txt")
    client = create_app({"TESTING": True, "ARCHIVE": str(archive),
                         "INDEX": str(build_index(archive))}).test_client()
    data = client.get(url("/api/search", date_from="ก.พ. 2566", date_to="ก.พ. 2566")).get_json()
    assert data["total"] == 1
    hit = data["hits"][0]
    assert hit["date"] is None and hit["date_source"] == "stamp" and hit["filed_date"] == "2023-02-14"
    assert data["facets"]["year"] == [{"value": "2566", "count": 1}]
    page = html_text(client.get(url("/search", date_from="2566", date_to="2566")).data)
    assert "รับเมื่อ 14 ก.พ. 2566 (ตามตราประทับรับ)" in page
    doc = client.get(f"/api/documents/{hit['doc_id']}").get_json()
    assert doc["date"] is None and doc["date_source"] == "stamp"
    assert "รับเมื่อ 14 ก.พ. 2566" in html_text(client.get(f"/documents/{hit['doc_id']}").data)

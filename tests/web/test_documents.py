"""One letter: its page, its JSON, its original file (only from inside the archive)."""
import re

import pytest

from tests.web.helpers import SEED, doc_id_of, html_text


@pytest.fixture
def seed_id(client):
    return doc_id_of(client, SEED)


def test_document_page_shows_fields_text_and_stamps(client, seed_id):
    res = client.get(f"/documents/{seed_id}")
    assert res.status_code == 200
    text = html_text(res.data)
    assert "การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงานและของรัฐบาล" in text
    assert "ส่วนราชการผู้ส่ง" in text and "สำนักเลขาธิการคณะรัฐมนตรี" in text
    assert "22 ตุลาคม 2563" in text
    assert "นร 0505/ว 500" in text
    # the full text, escaped, in a pre-wrap block
    assert 'class="fulltext"' in res.data.decode()
    assert "คณะรัฐมนตรีมีมติ" in text
    # the receiving stamp
    assert "13776" in text and "26 ต.ค. 2563" in text
    assert f"/documents/{seed_id}/original" in res.data.decode()


def test_sender_and_recipient_lead_to_their_other_letters(client, seed_id):
    from urllib.parse import parse_qs, urlparse

    page = client.get(f"/documents/{seed_id}").data.decode()
    links = {}
    for href in re.findall(r'href="(/search\?[^"]+)"', page):
        query = parse_qs(urlparse(href.replace("&amp;", "&")).query)
        for name in ("sender", "recipient"):
            if name in query:
                links[name] = href.replace("&amp;", "&")
    assert set(links) == {"sender", "recipient"}
    for name, href in links.items():
        listed = client.get(href.replace("/search", "/api/search", 1)).get_json()
        assert SEED in {h["path"] for h in listed["hits"]}, name


def test_document_json(client, seed_id):
    res = client.get(f"/api/documents/{seed_id}")
    assert res.status_code == 200
    doc = res.get_json()
    assert doc["path"] == SEED and doc["doc_id"] == seed_id
    assert doc["ref_no"] == "นร 0505/ว 500" and doc["date"] == "2020-10-22"
    assert "คณะรัฐมนตรีมีมติ" in doc["text"]
    assert doc["stamps"] and doc["stamps"][0]["no"] == "13776"
    assert doc["cites_documents"] == [] and doc["cited_by"] == []
    assert doc["links"]["original"] == f"/documents/{seed_id}/original"


def test_citations_link_both_ways(client):
    citing = doc_id_of(client, "2564/07/มท0810-5674.txt")
    cited = doc_id_of(client, "2564/06/มท0810_4755.txt")
    doc = client.get(f"/api/documents/{citing}").get_json()
    assert cited in [d["doc_id"] for d in doc["cites_documents"]]
    assert f'href="/documents/{cited}"' in client.get(f"/documents/{citing}").data.decode()
    back = client.get(f"/api/documents/{cited}").get_json()
    assert citing in [d["doc_id"] for d in back["cited_by"]]
    assert f'href="/documents/{citing}"' in client.get(f"/documents/{cited}").data.decode()


def test_original_downloads(client, seed_id, sample_archive):
    res = client.get(f"/documents/{seed_id}/original?download=1")
    assert res.status_code == 200
    assert res.data == (sample_archive / SEED).read_bytes()
    assert res.headers["Content-Disposition"].startswith("attachment")
    assert "seed-memo-2563-10-22.txt" in res.headers["Content-Disposition"]
    assert res.headers["X-Content-Type-Options"] == "nosniff"


def test_pdf_original_is_inline_unless_downloaded(client, sample_archive):
    rel = "2564/06/มท0810.8-4502.pdf"
    doc_id = doc_id_of(client, rel)
    res = client.get(f"/documents/{doc_id}/original")
    assert res.status_code == 200 and res.mimetype == "application/pdf"
    assert res.headers["Content-Disposition"].startswith("inline")
    assert res.data == (sample_archive / rel).read_bytes()
    res = client.get(f"/documents/{doc_id}/original?download=1")
    assert res.headers["Content-Disposition"].startswith("attachment")
    # a Thai file name survives (RFC 5987)
    assert "filename*=UTF-8''" in res.headers["Content-Disposition"]


def test_scan_page_says_needs_ocr(client):
    hits = client.get("/api/search?per_page=100").get_json()["hits"]
    scan = next(h for h in hits if h["needs_ocr"])
    page = client.get(f"/documents/{scan['doc_id']}").data.decode()
    assert "OCR" in page
    assert client.get(f"/documents/{scan['doc_id']}/original").status_code == 200


@pytest.mark.parametrize("doc_id", [
    "..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2E%2E", "..%5C..%5Cwindows",
    "%2Fetc%2Fpasswd", "nope", "0afcbdb0468c84e7x",
])
def test_path_traversal_fails(client, doc_id):
    for path in (f"/documents/{doc_id}/original", f"/documents/{doc_id}/original?download=1",
                 f"/api/documents/{doc_id}", f"/documents/{doc_id}"):
        res = client.get(path)
        assert res.status_code == 404, path
        assert b"root:" not in res.data


def test_traversal_through_the_path_segments(client):
    for path in ("/documents/../../etc/passwd", "/documents/%2e%2e/%2e%2e/etc/passwd",
                 "/static/../../../../etc/passwd", "/static/..%2F..%2F..%2Fetc%2Fpasswd"):
        res = client.get(path)
        assert res.status_code == 404, path
        assert b"root:" not in res.data


def test_original_swapped_for_a_link_out_of_the_archive_is_refused(tmp_path, build_index):
    """A letter indexed while its link led inside the archive, or while it was a plain
    file, is never served once its name leads outside: 403 with a Thai reason."""
    from web import create_app

    archive = tmp_path / "archive"
    (archive / "2563").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("ที่ นร ๐๕๐๕/ว ๙๙๙\nเรื่อง ความลับ\n", encoding="utf-8")
    (archive / "2563" / "ok.txt").write_text("ที่ นร ๐๕๐๕/ว ๑\nเรื่อง ทดสอบ\n", encoding="utf-8")
    (archive / "2563" / "plain.txt").write_text("ที่ นร ๐๕๐๕/ว ๒\nเรื่อง ธรรมดา\n", encoding="utf-8")
    (archive / "2563" / "link.txt").symlink_to("ok.txt")
    index = build_index(archive)
    client = create_app({"TESTING": True, "ARCHIVE": str(archive),
                         "INDEX": str(index)}).test_client()
    hits = client.get("/api/search?per_page=100").get_json()["hits"]
    by_path = {h["path"]: h["doc_id"] for h in hits}
    assert set(by_path) == {"2563/ok.txt", "2563/plain.txt", "2563/link.txt"}
    for rel in by_path:
        assert client.get(f"/documents/{by_path[rel]}/original").status_code == 200
    for rel in ("2563/link.txt", "2563/plain.txt"):
        (archive / rel).unlink()
        (archive / rel).symlink_to(secret)
        for url in (f"/documents/{by_path[rel]}/original?download=1",
                    f"/documents/{by_path[rel]}/original"):
            res = client.get(url)
            assert res.status_code == 403, url
            assert "ความลับ".encode() not in res.data and "นร ๐๕๐๕/ว ๙๙๙".encode() not in res.data
            assert "นอกคลัง" in res.data.decode()
        page = client.get(f"/documents/{by_path[rel]}").data.decode()
        assert "ไม่พบไฟล์ต้นฉบับ" in page and "ความลับ" not in page
    assert client.get(f"/documents/{by_path['2563/ok.txt']}/original").status_code == 200
    # a folder on the way swapped for a link out of the archive: refused as well
    outside_dir = tmp_path / "elsewhere"
    outside_dir.mkdir()
    (outside_dir / "ok.txt").write_text("ที่ นร ๐๕๐๕/ว ๙๙๙\nเรื่อง ความลับ\n", encoding="utf-8")
    (archive / "2563").rename(tmp_path / "moved")
    (archive / "2563").symlink_to(outside_dir)
    res = client.get(f"/documents/{by_path['2563/ok.txt']}/original")
    assert res.status_code == 403 and "ความลับ".encode() not in res.data


def test_moved_original_is_404_not_500(tmp_path, build_index):
    import shutil

    from web import create_app
    from tests.conftest import SAMPLE_ARCHIVE

    archive = tmp_path / "archive"
    (archive / "2563" / "10").mkdir(parents=True)
    shutil.copy2(SAMPLE_ARCHIVE / SEED, archive / SEED)
    index = build_index(archive)
    client = create_app({"TESTING": True, "ARCHIVE": str(archive),
                         "INDEX": str(index)}).test_client()
    doc_id = doc_id_of(client, SEED)
    (archive / SEED).unlink()
    assert client.get(f"/documents/{doc_id}/original").status_code == 404
    page = client.get(f"/documents/{doc_id}")
    assert page.status_code == 200 and "ไม่พบไฟล์ต้นฉบับ" in page.data.decode()


def test_markup_inside_a_letter_is_escaped_everywhere(tmp_path, build_index):
    from web import create_app

    archive = tmp_path / "archive"
    (archive / "2563" / "10").mkdir(parents=True)
    (archive / "2563" / "10" / "x<b>.txt").write_text(
        "ที่ นร ๐๕๐๕/ว ๗๗๗\n\n๒๒ ตุลาคม ๒๕๖๓\n\n"
        "เรื่อง ทดสอบ <script>alert('subject')</script>\n\n"
        "เรียน <img src=x onerror=alert(2)>\n\n"
        "ข้อความกระต่ายป่า <script>alert('body')</script> &amp; <iframe src=//evil>\n",
        encoding="utf-8")
    index = build_index(archive)
    client = create_app({"TESTING": True, "ARCHIVE": str(archive),
                         "INDEX": str(index)}).test_client()
    data = client.get(url_for_search("กระต่ายป่า")).get_json()
    assert data["total"] == 1
    doc_id = data["hits"][0]["doc_id"]
    for path in ("/search?q=กระต่ายป่า", "/search?q=script", f"/documents/{doc_id}",
                 "/search?sort=date", "/"):
        page = client.get(path).data.decode()
        # the only script is the site's own file
        assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>'], path
        assert "<img src=x" not in page and "<iframe" not in page, path
    page = client.get(f"/documents/{doc_id}").data.decode()
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in page
    assert "&amp;amp;" in page       # the letter's own "&amp;" shown as typed


def url_for_search(q):
    from urllib.parse import urlencode
    return "/api/search?" + urlencode({"q": q})


def test_document_page_marks_the_query(client, seed_id):
    page = client.get(f"/search?q=นร0505/ว500").data.decode()
    assert f"/documents/{seed_id}?q=" in page          # results link carries the query
    page = client.get(f"/documents/{seed_id}?q=นร0505/ว500 ประชาสัมพันธ์").data.decode()
    assert "<mark>นร ๐๕๐๕/ว ๕๐๐</mark>" in page          # Thai digits and spacing alike
    assert "<mark>ประชาสัมพันธ์</mark>" in page
    page = client.get(f"/documents/{seed_id}?q=<script>").data.decode()
    assert "<script>" not in page and "<mark>" not in page.split('class="fulltext"')[1]


def test_highlight_escapes_and_skips_excluded_words():
    from web.formatting import highlight

    html = str(highlight("<b>ก</b> ประชุม & งบประมาณ", "ประชุม -งบประมาณ <b>"))
    assert html == "<mark>&lt;b&gt;</mark>ก&lt;/b&gt; <mark>ประชุม</mark> &amp; งบประมาณ"
    assert str(highlight("abc", "")) == "abc"

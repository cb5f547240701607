"""/healthz, a missing index, and a reindex that commits while the app serves."""
import shutil
from datetime import datetime

from tests.conftest import SAMPLE_ARCHIVE, run_reindex
from tests.web.helpers import SEED, sample_file_count, url


def test_healthz(client):
    res = client.get("/healthz")
    assert res.status_code == 200
    data = res.get_json()
    assert data["status"] == "ok"
    assert data["documents"] == sample_file_count()
    stamp = datetime.fromisoformat(data["indexed_at"])
    assert stamp.utcoffset().total_seconds() == 0
    run = data["last_run"]
    assert run and run["exit_code"] == 0 and "finished_at" in run
    assert run["needs_ocr"] == 1 and run["failed"] == 0


def test_missing_index(tmp_path):
    from web import create_app

    client = create_app({"TESTING": True, "ARCHIVE": str(SAMPLE_ARCHIVE),
                         "INDEX": str(tmp_path / "none")}).test_client()
    res = client.get("/healthz")
    assert res.status_code == 503
    data = res.get_json()
    assert data["status"] == "no index" and "saraban reindex" in data["hint"]
    res = client.get("/api/search?q=x")
    assert res.status_code == 503 and "reindex" in res.get_json()["hint"]
    res = client.get("/search?q=x")
    assert res.status_code == 503 and "saraban reindex" in res.data.decode()
    home = client.get("/")
    assert home.status_code == 200 and "ยังไม่มีดัชนี" in home.data.decode()


def test_a_reindex_commit_is_visible_to_the_next_request(tmp_path):
    from web import create_app

    archive = tmp_path / "archive"
    (archive / "2563" / "10").mkdir(parents=True)
    shutil.copy2(SAMPLE_ARCHIVE / SEED, archive / SEED)
    index = tmp_path / "index"
    assert run_reindex(archive, index)[0] == 0
    client = create_app({"TESTING": True, "ARCHIVE": str(archive),
                         "INDEX": str(index)}).test_client()
    assert client.get("/healthz").get_json()["documents"] == 1
    assert client.get(url("/api/search", q="ลูกช้างเผือก")).get_json()["total"] == 0

    new = archive / "2564" / "01" / "new.txt"
    new.parent.mkdir(parents=True)
    new.write_text("ที่ มท ๐๒๑๑/ว ๗๗\n\n๕ มกราคม ๒๕๖๔\n\nเรื่อง การอนุรักษ์ลูกช้างเผือก\n\n"
                   "เรียน ผู้ว่าราชการจังหวัด\n\nขอให้ดูแลลูกช้างเผือกอย่างดี\n",
                   encoding="utf-8")
    assert run_reindex(archive, index)[0] == 0
    data = client.get(url("/api/search", q="ลูกช้างเผือก")).get_json()
    assert [h["path"] for h in data["hits"]] == ["2564/01/new.txt"]
    assert client.get("/healthz").get_json()["documents"] == 2

    new.unlink()
    assert run_reindex(archive, index)[0] == 0
    assert client.get(url("/api/search", q="ลูกช้างเผือก")).get_json()["total"] == 0

"""The state of the index on the home page and at /api/index-state: for the operator (the
local user, or a user made admin) the files that failed and why, and the scans waiting
for OCR; for anyone else nothing of it (file names can tell what a letter is about)."""
import shutil
import sqlite3

import pytest

from tests.conftest import SAMPLE_ARCHIVE
from tests.web.helpers import SEED, html_text
from tests.web.test_signin import PASSWORDS, basic, sign_in
from web import create_app
from web.users import Users

BROKEN = "2567/03/ส่งมาเสีย.pdf"


@pytest.fixture
def troubled(tmp_path, build_index):
    """A small archive: the seed letter, a scan (OCR is off), and a PDF that is no PDF."""
    archive = tmp_path / "archive"
    for rel in (SEED, "2560/08/SCAN0126.pdf"):
        (archive / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLE_ARCHIVE / rel, archive / rel)
    (archive / BROKEN).parent.mkdir(parents=True)
    (archive / BROKEN).write_bytes(b"%PDF-1.4\nnot a pdf at all")
    return archive, build_index(archive)


def app_of(troubled, **config):
    archive, index = troubled
    return create_app({"TESTING": True, "ARCHIVE": str(archive), "INDEX": str(index), **config})


def test_the_local_operator_sees_failed_files_with_reasons(troubled):
    client = app_of(troubled).test_client()
    state = client.get("/api/index-state").get_json()
    assert [f["path"] for f in state["failed"]] == [BROKEN] and state["failed_total"] == 1
    assert state["failed"][0]["reason"]
    assert [f["path"] for f in state["needs_ocr"]] == ["2560/08/SCAN0126.pdf"]
    assert state["last_run"]["exit_code"] == 1 and state["documents"] == 2
    home = html_text(client.get("/").data)
    assert "สถานะดัชนี" in home and BROKEN in home and state["failed"][0]["reason"] in home
    assert "สำเร็จ แต่มีไฟล์ที่อ่านไม่ได้" in home and "SCAN0126.pdf" in home


def test_only_an_admin_sees_the_state_when_sign_in_is_on(troubled, tmp_path):
    users_file = tmp_path / "users.db"
    users = Users(users_file)
    users.add("somchai", "ลับที่สุด", PASSWORDS["somchai"])   # sees every letter, no admin
    users.add("malee", "none", PASSWORDS["malee"], admin=True)
    client = app_of(troubled, USERS=str(users_file)).test_client()
    assert client.get("/api/index-state", headers=basic("somchai")).status_code == 403
    sign_in(client, "somchai")
    page = client.get("/").data.decode()
    assert "สถานะดัชนี" not in page and "ส่งมาเสีย" not in page
    admin = app_of(troubled, USERS=str(users_file)).test_client()
    assert admin.get("/api/index-state", headers=basic("malee")).get_json()["failed_total"] == 1
    sign_in(admin, "malee")
    assert BROKEN in html_text(admin.get("/").data)
    # and taking the role away takes the panel away
    users.set_admin("malee", False)
    assert admin.get("/api/index-state").status_code == 403
    assert admin.get("/api/index-state", headers=basic("malee")).status_code == 403


def test_a_users_file_made_before_admins_opens_and_has_none(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE users (name TEXT PRIMARY KEY, clearance TEXT NOT NULL, "
                   "hash TEXT NOT NULL, created TEXT NOT NULL, last_login TEXT)")
        db.execute("INSERT INTO users VALUES ('old', 'none', 'x', '2026-01-01T00:00:00Z', NULL)")
    users = Users(path)
    assert [(u.name, u.admin) for u in users.list()] == [("old", False)]
    assert users.set_admin("old", True) and users.get("old").admin


def test_the_lists_are_by_path_and_cut_with_their_totals(troubled, build_index):
    from index import problem_files

    archive, _ = troubled
    for name in ("ก-เสีย.pdf", "ข-เสีย.pdf"):
        (archive / name).write_bytes(b"%PDF-1.4\nbroken")
    index = build_index(archive)
    full = problem_files(index)
    assert [f["path"] for f in full["failed"]] == sorted([BROKEN, "ก-เสีย.pdf", "ข-เสีย.pdf"])
    cut = problem_files(index, limit=1)
    assert cut["failed_total"] == 3 and [f["path"] for f in cut["failed"]] == [full["failed"][0]["path"]]


def test_an_admin_below_the_unread_clearance_is_not_told_of_hidden_scans(troubled, tmp_path,
                                                                           monkeypatch):
    import settings

    monkeypatch.setattr(settings, "UNREAD_SECRECY", "ลับ")   # scans waiting for OCR: ลับ
    users_file = tmp_path / "users.db"
    users = Users(users_file)
    users.add("somchai", "none", PASSWORDS["somchai"], admin=True)
    users.add("malee", "ลับ", PASSWORDS["malee"], admin=True)
    client = app_of(troubled, USERS=str(users_file)).test_client()
    low = client.get("/api/index-state", headers=basic("somchai")).get_json()
    assert (low["needs_ocr"], low["needs_ocr_total"]) == ([], 0)
    assert low["failed_total"] == 1   # a file that could not be read has no secrecy to hide
    high = client.get("/api/index-state", headers=basic("malee")).get_json()
    assert [f["path"] for f in high["needs_ocr"]] == ["2560/08/SCAN0126.pdf"]
    sign_in(client, "somchai")
    assert "SCAN0126" not in client.get("/").data.decode()

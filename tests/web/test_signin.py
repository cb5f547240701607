"""Sign-in, through the Flask test client over a real index and a real users file: the
form and its CSRF token, sessions that end (sign-out, idle time, removal), the lock after
failed sign-ins, HTTP Basic for scripts, a reverse proxy's user header, and the audit log
of every access."""
import re
import sqlite3
from pathlib import Path
from urllib.parse import unquote

import pytest

import settings
from web import create_app
from web.audit import AuditLog
from web.users import Users

PASSWORDS = {"somchai": "somchai-pass-1", "malee": "malee-pass-22"}


@pytest.fixture
def users_file(tmp_path) -> Path:
    path = tmp_path / "users.db"
    users = Users(path)
    users.add("somchai", "none", PASSWORDS["somchai"])
    users.add("malee", "ลับมาก", PASSWORDS["malee"])
    return path


def make_app(classified, users_file, **config):
    archive, index = classified
    return create_app({"TESTING": True, "ARCHIVE": str(archive), "INDEX": str(index),
                       "USERS": str(users_file), **config})


@pytest.fixture
def app_on(classified, users_file):
    return make_app(classified, users_file)


def events(users_file, action=None):
    found = list(AuditLog(settings.audit_file(users_file)).events())
    return [e for e in found if action is None or e["action"] == action]


def csrf_token(client, path="/login") -> str:
    page = client.get(path)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)


def sign_in(client, name, password=None, next_path="/"):
    return client.post("/login", data={
        "username": name, "password": PASSWORDS.get(name, "") if password is None else password,
        "csrf_token": csrf_token(client), "next": next_path})


def basic(name, password=None):
    import base64

    pair = f"{name}:{PASSWORDS[name] if password is None else password}".encode()
    return {"Authorization": "Basic " + base64.b64encode(pair).decode()}


def test_without_a_user_there_is_no_sign_in(classified, tmp_path):
    app = make_app(classified, tmp_path / "no-users.db")
    client = app.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/api/search?q=ชายแดน").get_json()["total"] == 1   # the local user
    assert client.get("/login").headers["Location"] == "/"
    assert not (tmp_path / "no-users.db").exists()
    assert not settings.audit_file(tmp_path / "no-users.db").exists()


def test_every_route_but_health_and_static_needs_a_user(app_on):
    client = app_on.test_client()
    for path in ("/", "/search?q=ครุภัณฑ์", "/documents/0123456789abcdef",
                 "/account/password"):
        res = client.get(path)
        assert res.status_code == 302 and res.headers["Location"].startswith("/login?next=/")
    for path in ("/api/search?q=ครุภัณฑ์", "/search.csv?q=ครุภัณฑ์", "/api/documents/0123456789abcdef"):
        res = client.get(path)
        assert res.status_code == 401, path
        assert res.headers["WWW-Authenticate"].startswith("Basic")
    assert client.get("/healthz").get_json()["status"] == "ok"
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/login").status_code == 200


def test_sign_in_sets_a_session_cookie_and_sign_out_ends_it(app_on, users_file):
    client = app_on.test_client()
    res = sign_in(client, "somchai", next_path="/search?q=ครุภัณฑ์")
    assert res.status_code == 302
    assert unquote(res.headers["Location"]) == "/search?q=ครุภัณฑ์"
    cookie = res.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    page = client.get("/search?q=ครุภัณฑ์").get_data(as_text=True)
    assert "somchai" in page and "ออกจากระบบ" in page
    stolen = client.get_cookie("saraban_session").value

    token = csrf_token(client, "/")
    assert client.post("/logout").status_code == 400        # no CSRF token
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302                # signed out
    client.set_cookie("saraban_session", stolen)             # the old cookie, replayed
    assert client.get("/").status_code == 302
    assert [e["user"] for e in events(users_file, "login")] == ["somchai"]
    assert [e["user"] for e in events(users_file, "logout")] == ["somchai"]


def test_the_cookie_is_secure_over_https(app_on):
    client = app_on.test_client()
    page = client.get("/login", base_url="https://saraban.example")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    res = client.post("/login", base_url="https://saraban.example",
                      headers={"Referer": "https://saraban.example/login"},
                      data={"username": "somchai", "password": PASSWORDS["somchai"],
                            "csrf_token": token})
    assert res.status_code == 302 and "Secure" in res.headers["Set-Cookie"]


def test_a_form_without_its_token_is_refused(app_on, users_file):
    client = app_on.test_client()
    client.get("/login")
    res = client.post("/login", data={"username": "somchai", "password": PASSWORDS["somchai"]})
    assert res.status_code == 400
    res = client.post("/login", data={"username": "somchai", "password": PASSWORDS["somchai"],
                                      "csrf_token": "forged"})
    assert res.status_code == 400
    assert client.get("/").status_code == 302 and not events(users_file, "login")


def test_five_failed_sign_ins_lock_the_name_for_five_minutes(app_on, users_file):
    client = app_on.test_client()
    for _ in range(settings.LOCK_AFTER_FAILURES):
        res = sign_in(client, "somchai", "wrong-password")
        assert res.status_code == 401
        assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in res.get_data(as_text=True)
    res = sign_in(client, "somchai")                 # the right password, too late
    assert res.status_code == 401 and "ระงับชั่วคราว" in res.get_data(as_text=True)
    assert client.get("/api/search?q=ครุภัณฑ์", headers=basic("somchai")).status_code == 401
    assert sign_in(app_on.test_client(), "malee").status_code == 302   # another name is not
    failed = events(users_file, "login_failed")
    assert len(failed) == settings.LOCK_AFTER_FAILURES + 2
    assert {e["user"] for e in failed} == {"somchai"} and failed[-1]["reason"] == "locked"
    # five minutes later
    with sqlite3.connect(users_file) as db:
        db.execute("UPDATE failures SET locked_until = 0")
    assert sign_in(client, "somchai").status_code == 302


def test_a_session_ends_after_its_idle_time(app_on, users_file):
    client = app_on.test_client()
    sign_in(client, "somchai")
    assert client.get("/").status_code == 200
    with sqlite3.connect(users_file) as db:
        db.execute("UPDATE sessions SET last_seen = last_seen - ?",
                   (settings.SESSION_IDLE_SECONDS + 1,))
    res = client.get("/search?q=ครุภัณฑ์")
    assert res.status_code == 302 and res.headers["Location"].startswith("/login")


def test_removing_a_user_ends_their_sessions(app_on, users_file):
    client = app_on.test_client()
    sign_in(client, "somchai")
    assert client.get("/").status_code == 200
    Users(users_file).remove("somchai")
    assert client.get("/").status_code == 302


def test_scripts_use_http_basic(app_on, users_file):
    client = app_on.test_client()
    res = client.get("/api/search?q=ชายแดน", headers=basic("malee"))
    assert res.status_code == 200 and res.get_json()["total"] == 1
    res = client.get("/search.csv?q=ครุภัณฑ์", headers=basic("somchai"))
    assert res.status_code == 200 and res.mimetype == "text/csv"
    res = client.get("/api/search?q=ชายแดน", headers=basic("malee", "not-her-password"))
    assert res.status_code == 401
    assert events(users_file, "login_failed")[-1]["via"] == "basic"
    # a new password: the old one stops working at once
    Users(users_file).set_password("malee", "a-new-password")
    assert client.get("/api/search?q=ชายแดน", headers=basic("malee")).status_code == 401


def test_a_user_changes_their_password(app_on, users_file):
    client = app_on.test_client()
    other = app_on.test_client()
    sign_in(client, "somchai")
    sign_in(other, "somchai")
    token = csrf_token(client, "/account/password")
    res = client.post("/account/password", data={
        "csrf_token": token, "current_password": "wrong", "new_password": "n3w-password",
        "new_password_again": "n3w-password"})
    assert res.status_code == 400 and "รหัสผ่านปัจจุบันไม่ถูกต้อง" in res.get_data(as_text=True)
    res = client.post("/account/password", data={
        "csrf_token": token, "current_password": PASSWORDS["somchai"],
        "new_password": "n3w-password", "new_password_again": "n3w-passwort"})
    assert res.status_code == 400 and "ไม่ตรงกัน" in res.get_data(as_text=True)
    res = client.post("/account/password", data={
        "csrf_token": token, "current_password": PASSWORDS["somchai"],
        "new_password": "short", "new_password_again": "short"})
    assert res.status_code == 400
    res = client.post("/account/password", data={
        "csrf_token": token, "current_password": PASSWORDS["somchai"],
        "new_password": "n3w-password", "new_password_again": "n3w-password"})
    assert res.status_code == 200 and "เปลี่ยนรหัสผ่านแล้ว" in res.get_data(as_text=True)
    assert client.get("/").status_code == 200          # this session stays
    assert other.get("/").status_code == 302           # the other one ended
    assert Users(users_file).check("somchai", "n3w-password").ok
    assert [e["user"] for e in events(users_file, "password")] == ["somchai"]


def test_a_named_proxy_may_say_who_signed_in(classified, users_file):
    app = make_app(classified, users_file, TRUSTED_PROXIES=["10.0.0.1"],
                   USER_HEADER="X-Remote-User")
    client = app.test_client()
    via_proxy = {"REMOTE_ADDR": "10.0.0.1"}
    res = client.get("/api/search?q=ชายแดน", environ_base=via_proxy,
                     headers={"X-Remote-User": "malee", "X-Forwarded-For": "192.168.1.50"})
    assert res.status_code == 200 and res.get_json()["total"] == 1
    assert events(users_file, "search")[-1]["address"] == "192.168.1.50"
    # an unknown name, or the header from anyone but the proxy, signs nobody in
    res = client.get("/api/search?q=ชายแดน", environ_base=via_proxy,
                     headers={"X-Remote-User": "nobody"})
    assert res.status_code == 401
    res = client.get("/api/search?q=ชายแดน", environ_base={"REMOTE_ADDR": "10.0.0.2"},
                     headers={"X-Remote-User": "malee", "X-Forwarded-For": "10.0.0.1"})
    assert res.status_code == 401


def test_the_audit_log_records_each_access(app_on, users_file, classified):
    client = app_on.test_client()
    sign_in(client, "malee")
    client.get("/search?q=ชายแดน&sender=สขช.")
    hit = client.get("/api/search?q=ชายแดน", headers=basic("malee")).get_json()["hits"][0]
    client.get(f"/documents/{hit['doc_id']}")
    client.get(f"/api/documents/{hit['doc_id']}")
    client.get(f"/documents/{hit['doc_id']}/original")
    client.get("/search.csv?q=ชายแดน")
    log = [e for e in events(users_file) if e["action"] != "login"]
    assert [e["action"] for e in log] == ["search", "search", "view", "view", "original",
                                          "export"]
    assert all(e["user"] == "malee" and e["address"] == "127.0.0.1" for e in log)
    assert log[0]["query"] == "ชายแดน" and log[0]["filters"] == {"sender": "สขช."}
    assert log[0]["total"] == 1
    assert {e["doc_id"] for e in log[2:5]} == {hit["doc_id"]}
    assert all(e["time"].endswith("Z") for e in log)


def test_after_sign_in_only_a_path_of_this_site_is_followed(app_on):
    for target, lands in (("//evil.example/x", "/"), ("https://evil.example/", "/"),
                          ("/\\evil.example", "/"), ("/login", "/"),
                          ("/documents/0123456789abcdef?q=x", "/documents/0123456789abcdef?q=x")):
        res = sign_in(app_on.test_client(), "somchai", next_path=target)
        assert res.status_code == 302 and res.headers["Location"] == lands, target


def test_a_failed_sign_in_shows_nobody_as_signed_in(app_on):
    res = sign_in(app_on.test_client(), "somchai", "wrong-password")
    page = res.get_data(as_text=True)
    assert res.status_code == 401 and "ออกจากระบบ" not in page
    assert 'href="/account/password"' not in page

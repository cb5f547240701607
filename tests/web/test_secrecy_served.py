"""Secret letters over a real server (`saraban serve`, worker processes, a users file):
for each clearance, a letter above it is in no answer of any route, and each access is in
the audit log; sign-in through the form; and without a user, no address but loopback."""
import base64
import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest

import index
import settings
from tests.classified import LETTERS, SECRET_WORDS, above
from tests.conftest import ROOT
from web.audit import AuditLog
from web.users import Users

pytestmark = pytest.mark.slow

USERS = {clearance: (f"user-{n}", f"password-{n}-long") for n, clearance in
         enumerate(index.CLEARANCES)}
SECRET_SUBJECTS = {x.secrecy: x.subject for x in LETTERS if x.secrecy}
HIDDEN_SENDERS = ("สำนักข่าวกรองแห่งชาติ", "กองบัญชาการกองทัพไทย")
LOCKED = ("lock-me",)   # a user the lock-out test locks


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for name in ("SARABAN_ARCHIVE", "SARABAN_INDEX", "SARABAN_USERS"):
        env.pop(name, None)
    return env


@contextmanager
def served(archive, index_dir, users_file, log_path):
    port = _free_port()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "scripts.cli", "serve", "--archive", str(archive),
             "--index", str(index_dir), "--users", str(users_file), "--port", str(port),
             "--workers", "2"], cwd=ROOT, env=_env(), stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=2).read()
                    break
                except (urllib.error.URLError, ConnectionError, socket.timeout):
                    assert proc.poll() is None, log_path.read_text()
                    assert time.monotonic() < deadline, "server did not start in 60 s"
                    time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def _get(url, headers=None, opener=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=30) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _basic(clearance):
    name, password = USERS[clearance]
    return {"Authorization": "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()}


@pytest.fixture(scope="module")
def server(classified, tmp_path_factory):
    archive, index_dir = classified
    folder = tmp_path_factory.mktemp("served")
    users_file = folder / "users.db"
    users = Users(users_file)
    for clearance, (name, password) in USERS.items():
        users.add(name, clearance, password)
    users.add(*LOCKED, "none", "locked-user-pass")
    with served(archive, index_dir, users_file, folder / "serve.log") as base:
        yield base, users_file, index_dir


def _doc_ids(index_dir):
    return {h["path"]: h["doc_id"] for h in index.search(index_dir, "", per_page=50).hits}


@pytest.mark.parametrize("clearance", index.CLEARANCES)
def test_a_letter_above_the_clearance_is_in_no_route(server, clearance):
    base, users_file, index_dir = server
    auth = _basic(clearance)
    ids = _doc_ids(index_dir)
    hidden = {ids[x.path] for x in LETTERS if above(x.path, clearance)}
    hidden_subjects = [x.subject for x in LETTERS if above(x.path, clearance)]
    seen_by_all = {x for x in ids.values() if x not in hidden}

    def no_secret(text: str, where: str):
        for subject in hidden_subjects:
            assert subject not in text, (clearance, where, subject)
        for doc_id in hidden:
            assert doc_id not in text, (clearance, where, doc_id)

    queries = [w for words in SECRET_WORDS.values() for w in words] + [
        "", "ครุภัณฑ์", "เฝาระวังชายแดน", "ยุทโธปกร", "กห 0301/400", "นร 0401/200",
        "สำนักข่าวกรองแห่งชาติ"]
    for q in queries:
        for params in ({"q": q}, {"q": q, "urgency": "ด่วนที่สุด"}, {"q": q, "sender": "สขช."}):
            status, body = _get(f"{base}/api/search?{urlencode(params | {'per_page': 50})}", auth)
            assert status == 200
            data = json.loads(body)
            got = {h["doc_id"] for h in data["hits"]}
            assert got <= seen_by_all, (clearance, params)
            assert data["total"] == len([h for h in data["hits"] if not h["related"]])
            no_secret(body.decode(), f"/api/search {params}")
            facets = json.dumps(data["facets"], ensure_ascii=False)
            if clearance in ("none",):
                for sender in HIDDEN_SENDERS:
                    assert sender not in facets
                assert "ด่วนที่สุด" not in facets
            status, body = _get(f"{base}/search?{urlencode(params)}", auth)
            assert status == 200
            no_secret(body.decode(), f"/search {params}")
            status, body = _get(f"{base}/search.csv?{urlencode(params)}", auth)
            assert status == 200
            rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
            assert {r[-1] for r in rows[1:]} <= seen_by_all
            no_secret(body.decode("utf-8-sig"), f"/search.csv {params}")

    # the sender field suggests only senders of letters this user may see
    for typed, sender, secrecy in (("สขช", "สำนักข่าวกรองแห่งชาติ", "ลับ"),
                                   ("กองบัญชาการ", "กองบัญชาการกองทัพไทย", "ลับมาก")):
        names = [x["name"] for x in json.loads(_get(
            f"{base}/api/senders?{urlencode({'q': typed})}", auth)[1])["senders"]]
        cleared = index.CLEARANCES.index(clearance) >= index.CLEARANCES.index(secrecy)
        assert (sender in names) == cleared, (clearance, typed, names)

    # the home page's newest letters and their count are of what this user may see
    status, body = _get(base + "/", auth)
    assert status == 200 and f"ดูทั้งหมด {len(seen_by_all)} ฉบับ" in body.decode()
    no_secret(body.decode(), "/")

    # what every cleared user finds, this one finds too
    for secrecy, words in SECRET_WORDS.items():
        data = json.loads(_get(f"{base}/api/search?{urlencode({'q': words[0]})}", auth)[1])
        cleared = index.CLEARANCES.index(clearance) >= index.CLEARANCES.index(secrecy)
        assert data["total"] == (1 if cleared else 0), (clearance, words[0])
        if cleared:
            assert data["hits"][0]["subject"] == SECRET_SUBJECTS[secrecy]

    nowhere = "0000000000000000"   # no letter has it: a hidden one must answer the same
    for doc_id in hidden:
        for path in (f"/documents/{doc_id}", f"/api/documents/{doc_id}",
                     f"/documents/{doc_id}/original", f"/documents/{doc_id}/original?download=1"):
            status, body = _get(base + path, auth)
            assert status == 404, (clearance, path)
            status, missing = _get(base + path.replace(doc_id, nowhere), auth)
            assert body.replace(doc_id.encode(), nowhere.encode()) == missing, path
    for path, doc_id in ids.items():
        if doc_id in hidden:
            continue
        for route in (f"/documents/{doc_id}", f"/api/documents/{doc_id}"):
            status, body = _get(base + route, auth)
            assert status == 200, (clearance, route)
            no_secret(body.decode(), route)
        assert _get(f"{base}/documents/{doc_id}/original?download=1", auth)[0] == 200

    # the audit log has every one of these accesses, by this user
    name = USERS[clearance][0]
    mine = [e for e in AuditLog(settings.audit_file(users_file)).events(user=name)]
    actions = {e["action"] for e in mine}
    assert {"search", "export", "view", "original"} <= actions
    refused = {e["doc_id"] for e in mine if e["action"] == "view" and not e["found"]}
    assert refused == hidden | ({nowhere} if hidden else set())


def test_the_thread_of_an_open_letter_shows_secret_ones_only_to_those_cleared(server):
    base, _users_file, index_dir = server
    budget = _doc_ids(index_dir)["2567/01/open-budget.txt"]
    border, troops = SECRET_SUBJECTS["ลับ"], SECRET_SUBJECTS["ลับมาก"]
    for clearance, shown in (("none", set()), ("ลับ", {border}), ("ลับมาก", {border, troops}),
                             ("ลับที่สุด", {border, troops})):
        page = _get(f"{base}/documents/{budget}", _basic(clearance))[1].decode()
        assert {s for s in (border, troops) if s in page} == shown, clearance


def test_sign_in_through_the_form_and_out(server):
    base, users_file, _index_dir = server
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()),
                                         _NoRedirect())
    status, _ = _get(base + "/", opener=opener)
    assert status == 302
    page = _get(base + "/login", opener=opener)[1].decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    name, password = USERS["ลับ"]
    form = urlencode({"username": name, "password": password, "csrf_token": token,
                      "next": "/search?q=ชายแดน"}).encode()
    try:
        opener.open(urllib.request.Request(base + "/login", data=form), timeout=30)
    except urllib.error.HTTPError as exc:
        assert exc.code == 302 and exc.headers["Location"].startswith("/search")
        cookie = exc.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    status, body = _get(base + "/search?" + urlencode({"q": "ชายแดน"}), opener=opener)
    assert status == 200 and SECRET_SUBJECTS["ลับ"] in body.decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', body.decode()).group(1)
    try:
        opener.open(urllib.request.Request(base + "/logout",
                                           data=urlencode({"csrf_token": token}).encode()))
    except urllib.error.HTTPError as exc:
        assert exc.code == 302
    assert _get(base + "/", opener=opener)[0] == 302
    actions = [e["action"] for e in AuditLog(settings.audit_file(users_file)).events(user=name)]
    assert "login" in actions and "logout" in actions


def _post(opener, url, form: dict):
    try:
        with opener.open(urllib.request.Request(url, data=urlencode(form).encode()),
                         timeout=30) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_csrf_lock_out_and_expiry_over_http(server):
    import sqlite3

    base, users_file, _index_dir = server

    def browser():
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()),
                                           _NoRedirect())

    def token(opener, path="/login"):
        page = _get(base + path, opener=opener)[1].decode()
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    name, password = USERS["ลับ"]
    opener = browser()
    token(opener)
    # no token, or another browser's token: refused, and nobody is signed in
    assert _post(opener, base + "/login", {"username": name, "password": password})[0] == 400
    other = token(browser())
    assert _post(opener, base + "/login", {"username": name, "password": password,
                                           "csrf_token": other})[0] == 400
    assert _get(base + "/", opener=opener)[0] == 302

    # five wrong passwords lock the name, also for the right one and for HTTP Basic
    for _ in range(settings.LOCK_AFTER_FAILURES):
        status, _h, body = _post(opener, base + "/login", {
            "username": LOCKED[0], "password": "wrong", "csrf_token": token(opener)})
        assert status == 401
    status, _h, body = _post(opener, base + "/login", {
        "username": LOCKED[0], "password": "locked-user-pass", "csrf_token": token(opener)})
    assert status == 401 and "ระงับชั่วคราว" in body.decode()
    auth = {"Authorization": "Basic " + base64.b64encode(b"lock-me:locked-user-pass").decode()}
    assert _get(base + "/api/search?q=x", auth)[0] == 401
    failed = [e for e in AuditLog(settings.audit_file(users_file)).events(user=LOCKED[0])
              if e["action"] == "login_failed"]
    assert len(failed) == settings.LOCK_AFTER_FAILURES + 2

    # a session idle past its time has ended, in every worker
    status, headers, _b = _post(opener, base + "/login", {
        "username": name, "password": password, "csrf_token": token(opener)})
    assert status == 302
    assert all(_get(base + "/", opener=opener)[0] == 200 for _ in range(4))
    with sqlite3.connect(users_file) as db:
        db.execute("UPDATE sessions SET last_seen = last_seen - ?, created = created - ?",
                   (settings.SESSION_IDLE_SECONDS + 60, settings.SESSION_IDLE_SECONDS + 60))
    assert all(_get(base + "/", opener=opener)[0] == 302 for _ in range(4))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_without_a_user_the_server_serves_only_loopback(classified, tmp_path):
    archive, index_dir = classified
    for extra in (["--host", "0.0.0.0"], ["--host", "::"], ["--proxy", "127.0.0.1"]):
        proc = subprocess.run(
            [sys.executable, "-m", "scripts.cli", "serve", "--archive", str(archive),
             "--index", str(index_dir), "--users", str(tmp_path / "none.db"),
             "--port", str(_free_port()), *extra],
            cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2, (extra, proc.stderr)
        assert "saraban user add" in proc.stderr and "loopback" in proc.stderr

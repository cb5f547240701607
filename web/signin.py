"""Sign-in: who is asking, and what they may see (docs/interface.md, "Sign-in and
clearance").

Sign-in is on when the users file (web.users) holds a user, and stays on in a server that
started with it (REQUIRE_SIGN_IN: removing the last user must not open the archive).
Without it there is one local user, who sees everything, and `saraban serve` listens only
on loopback addresses.

A request is from a signed-in user through one of: a session (cookie from POST /login; the
session itself is kept in the users file, so signing out or removing a user ends it at
once), HTTP Basic credentials (scripts calling /api/* and /search.csv), or a user header
set by a reverse proxy the admin named (web.proxy). Every route but /healthz, static files
and the sign-in page needs one. What a user may see is their clearance, which web.data
hands to every call of index/ (the index filters by it; nothing here filters letters).
"""
from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flask import (Blueprint, abort, current_app, g, make_response, redirect, render_template,
                   request, session, url_for)
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect

import settings

from .audit import AuditError, AuditLog
from .error_pages import error_response
from .proxy import VIA_PROXY, environ_key
from .users import UserError, Users

bp = Blueprint("signin", __name__)
csrf = CSRFProtect()


@dataclass(frozen=True)
class Viewer:
    """Who a request is from. `clearance` None: sees everything (the local user)."""
    name: str | None
    clearance: str | None
    via: str   # local | session | basic | proxy
    admin: bool = False   # sees the state of the index (the local user is the operator)

    @classmethod
    def of(cls, user, via: str) -> "Viewer | None":
        return cls(user.name, user.clearance, via, user.admin) if user else None


LOCAL = Viewer(None, None, "local", admin=True)
# Routes anyone may reach: the health check (for monitoring), static files, the sign-in page.
PUBLIC = {"static", "api.healthz", "signin.login"}
# Routes for scripts: 401 (with a Basic challenge) rather than a redirect to the form.
SCRIPT_PREFIXES = ("/api/",)
SCRIPT_PATHS = {"/search.csv"}
# Basic credentials are checked with argon2 (tens of milliseconds and 64 MB each), so a
# script's calls are not: a good pair is remembered this long in the process.
BASIC_REMEMBER_S = 60.0


class _CookieSessions(SecureCookieSessionInterface):
    """Flask's signed cookie, Secure also whenever the request came over HTTPS (directly,
    or through a named proxy that says so)."""

    def get_cookie_secure(self, app) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def init_app(app) -> None:
    users = Users(Path(app.config["USERS"]))
    app.extensions["saraban.users"] = users
    app.extensions["saraban.audit"] = AuditLog(Path(app.config["AUDIT"]))
    app.extensions["saraban.basic"] = ({}, threading.Lock())
    if not app.config.get("SECRET_KEY"):
        # Shared by every worker process and kept across restarts once there is a users
        # file; before that a key of this process (made before the workers fork).
        app.config["SECRET_KEY"] = users.secret_key() if users.has_users() else os.urandom(32)
    app.session_interface = _CookieSessions()
    csrf.init_app(app)
    app.before_request(_who_is_asking)
    app.context_processor(lambda: {"viewer": g.get("viewer"),
                                   "min_password": settings.MIN_PASSWORD_CHARS})
    app.register_blueprint(bp)


def users() -> Users:
    return current_app.extensions["saraban.users"]


def sign_in_on() -> bool:
    """Asked of the users file once a request (the guard, the audit, the pages ask)."""
    if "sign_in_on" not in g:
        g.sign_in_on = bool(current_app.config.get("REQUIRE_SIGN_IN")) or users().has_users()
    return g.sign_in_on


def viewer() -> Viewer:
    """The user of this request. A request that got here without one is treated as the
    lowest clearance, never as the local user."""
    return g.get("viewer") or Viewer(None, "none", "none")


def record(action: str, who: str | None = None, **what) -> None:
    """Append this request's `action` to the audit log (with sign-in on), by the signed-in
    user or `who` (the name a failed sign-in gave). A log that cannot be written stops the
    request: nothing is served unlogged."""
    if not sign_in_on():
        return
    try:
        current_app.extensions["saraban.audit"].append(
            action, who or viewer().name, address=request.remote_addr, **what)
    except AuditError:
        current_app.logger.exception("cannot write the audit log")
        abort(503, "cannot write the audit log")


def record_search(action: str, p, result, **what) -> None:
    """A search (or an export) in the audit log: the query and filters as the user gave
    them, the order, the page, how many letters matched, and the query as corrected."""
    record(action, query=p.q, filters=p.filters, sort=p.sort, page=p.page,
           total=result.total, corrected=result.corrected and result.corrected["query"],
           **what)


def _who_is_asking():
    if not sign_in_on():
        g.viewer = LOCAL
        return None
    found = _from_proxy() or _from_session() or _from_basic()
    if found:
        g.viewer = found
    if found or request.endpoint in PUBLIC:
        return None
    if _for_scripts():
        response = make_response(error_response(
            401, "sign-in required: send HTTP Basic credentials or sign in at /login",
            "ต้องเข้าสู่ระบบก่อน"))
        response.headers["WWW-Authenticate"] = 'Basic realm="Saraban Search", charset="UTF-8"'
        return response
    return redirect(url_for("signin.login", next=_here()))


def _for_scripts() -> bool:
    return request.path.startswith(SCRIPT_PREFIXES) or request.path in SCRIPT_PATHS


def _here() -> str:
    return request.full_path.rstrip("?")


def _from_proxy() -> Viewer | None:
    header = current_app.config.get("USER_HEADER")
    if not header or not request.environ.get(VIA_PROXY):
        return None
    name = request.environ.get(environ_key(header), "").strip()
    user = users().get(name) if name else None
    return Viewer.of(user, "proxy")


def _from_session() -> Viewer | None:
    token = session.get("sid")
    user = users().session_user(token) if token else None
    if token and user is None:
        session.pop("sid", None)   # expired or ended elsewhere
    return Viewer.of(user, "session")


def _from_basic() -> Viewer | None:
    auth = request.authorization
    if not auth or auth.type != "basic" or not auth.username:
        return None
    name, password = auth.username, auth.password or ""
    remembered, lock = current_app.extensions["saraban.basic"]
    stamp = users().password_stamp(name) or ""   # a new password forgets the old one
    key = hashlib.sha256(f"{current_app.secret_key!r}\0{name}\0{password}\0{stamp}"
                         .encode()).hexdigest()
    now = time.monotonic()
    with lock:
        until = remembered.get(key)
    if until is None or until < now:
        checked = users().check(name, password)
        if not checked.ok:
            record("login_failed", name[:64], reason=checked.reason, via="basic")
            return None
        with lock:
            if len(remembered) > 1000:
                remembered.clear()
            remembered[key] = now + BASIC_REMEMBER_S
    return Viewer.of(users().get(name), "basic")


# -- pages ---------------------------------------------------------------------------------
MESSAGES_TH = {
    "bad": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
    "locked": "ใส่รหัสผ่านผิดหลายครั้งเกินไป บัญชีนี้ถูกระงับชั่วคราว โปรดลองใหม่ในอีก {minutes} นาที",
}


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = _safe_next(request.values.get("next"))
    if not sign_in_on():
        return redirect(target)
    if request.method == "GET":
        if g.get("viewer"):
            return redirect(target)
        return render_template("login.html", next=target, error=None, username="")
    name = (request.form.get("username") or "").strip()
    password = request.form.get("password") or ""
    checked = users().check(name, password)
    if not checked.ok:
        record("login_failed", name[:64] or None, reason=checked.reason)
        minutes = max(1, round(((checked.locked_until or time.time()) - time.time()) / 60))
        return render_template("login.html", next=target, username=name,
                               error=MESSAGES_TH[checked.reason].format(minutes=minutes)), 401
    session.clear()   # a new session (and CSRF token) for the signed-in user
    session["sid"] = users().open_session(checked.user.name, request.remote_addr)
    g.viewer = Viewer.of(checked.user, "session")
    record("login")
    return redirect(target)


@bp.post("/logout")
def logout():
    token = session.get("sid")
    if token:
        record("logout")
        users().close_session(token)
    session.clear()
    return redirect(url_for("signin.login") if sign_in_on() else url_for("views.home"))


@bp.route("/account/password", methods=["GET", "POST"])
def password():
    me = viewer()
    if me.name is None:
        abort(404)   # the local user has no password
    if request.method == "GET":
        return render_template("password.html", error=None, done=False)
    current = request.form.get("current_password") or ""
    new = request.form.get("new_password") or ""
    again = request.form.get("new_password_again") or ""
    error = None
    checked = users().check(me.name, current)
    if not checked.ok:
        error = ("รหัสผ่านปัจจุบันไม่ถูกต้อง" if checked.reason == "bad"
                 else MESSAGES_TH["locked"].format(minutes=settings.LOCK_SECONDS // 60))
    elif new != again:
        error = "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"
    else:
        try:
            users().set_password(me.name, new, keep_session=session.get("sid"))
        except UserError:
            error = f"รหัสผ่านใหม่ต้องยาวอย่างน้อย {settings.MIN_PASSWORD_CHARS} ตัวอักษร"
    if error:
        return render_template("password.html", error=error, done=False), 400
    record("password")
    return render_template("password.html", error=None, done=True)


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never //other.host or a scheme) is followed after sign-in."""
    home = url_for("views.home")
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target == url_for("signin.login"):
        return home
    return target

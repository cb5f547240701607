"""The Flask UI and JSON API over `index/` (docs/interface.md, "Pages and their JSON twins").

Every HTML page has a JSON twin under /api; both parse their parameters with web.params.
Nothing here caches search results: index.search opens a fresh searcher per call, so a
reindex that commits while the server runs is visible to the next request.
"""
from __future__ import annotations

from pathlib import Path

import settings


def create_app(test_config: dict | None = None):
    """Application factory. Config keys: ARCHIVE (folder of documents), INDEX (index
    folder), USERS (the users file; sign-in is on when it holds a user) and AUDIT (the audit
    log beside it), REQUIRE_SIGN_IN (on even without users: the server listens beyond
    loopback), TRUSTED_PROXIES (addresses of reverse proxies whose X-Forwarded-* headers
    count) and USER_HEADER (a header such a proxy sets to the signed-in user's name). The
    defaults come from settings (flags > environment > bundled sample)."""
    from flask import Flask

    from . import api, errors, exports, formatting, signin, views
    from .proxy import BehindProxy

    app = Flask(__name__)
    app.config.from_mapping(
        ARCHIVE=str(settings.archive_dir()),
        INDEX=str(settings.index_dir()),
        MAX_QUERY_CHARS=settings.MAX_QUERY_CHARS,
        MAX_PER_PAGE=settings.MAX_PER_PAGE,
        # Only GET searches and small sign-in forms: nothing large is ever posted.
        MAX_CONTENT_LENGTH=64 * 1024,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        SESSION_COOKIE_NAME="saraban_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=settings.SESSION_MAX_SECONDS,  # a form lives as long as a session
        REQUIRE_SIGN_IN=False,
        TRUSTED_PROXIES=[],
        USER_HEADER=None,
    )
    if test_config:
        app.config.update(test_config)
    app.config.setdefault("USERS", str(settings.users_file(None, Path(app.config["INDEX"]))))
    app.config.setdefault("AUDIT", str(settings.audit_file(Path(app.config["USERS"]))))
    if app.config["TRUSTED_PROXIES"]:
        app.wsgi_app = BehindProxy(app.wsgi_app, app.config["TRUSTED_PROXIES"],
                                   app.config["USER_HEADER"])
    app.json.ensure_ascii = False   # Thai stays readable in the JSON
    app.json.sort_keys = False
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    formatting.register(app)
    signin.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(exports.bp)
    errors.register(app)
    app.after_request(_security_headers)
    return app


# Only this server's own scripts, styles, fonts and images; nothing from the internet.
CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"


def _security_headers(response):
    from flask import request

    h = response.headers
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Frame-Options", "SAMEORIGIN")
    h.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint != "static":
        # Results change with every reindex: never serve them from a cache.
        h.setdefault("Cache-Control", "no-store")
    return response

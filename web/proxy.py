"""Behind a reverse proxy: trust its forwarded headers only from the addresses the admin
named (`saraban serve --proxy ADDRESS`).

From a named proxy, werkzeug's ProxyFix takes the client's address, the scheme (so a
session cookie is Secure behind HTTPS) and the host from X-Forwarded-*, and the request is
marked as come through the proxy (a user header it sets may then be trusted, see
web.signin). From anyone else, those headers are dropped: a client that reaches the port
directly cannot claim another address or user.
"""
from __future__ import annotations

from werkzeug.middleware.proxy_fix import ProxyFix

VIA_PROXY = "saraban.via_proxy"   # set in the WSGI environ of a request from a named proxy


class BehindProxy:
    def __init__(self, app, proxies: list[str], user_header: str | None = None):
        self.app = app
        self.proxies = {p.strip() for p in proxies if p.strip()}
        self.fixed = ProxyFix(app, x_for=1, x_proto=1, x_host=1, x_port=1, x_prefix=1)
        self.user_key = environ_key(user_header) if user_header else None

    def __call__(self, environ, start_response):
        if environ.get("REMOTE_ADDR") in self.proxies:
            environ[VIA_PROXY] = True
            return self.fixed(environ, start_response)
        for key in [k for k in environ if k.startswith("HTTP_X_FORWARDED_")
                    or k == self.user_key]:
            del environ[key]
        return self.app(environ, start_response)


def environ_key(header: str) -> str:
    """The WSGI environ key of an HTTP header (X-Remote-User: HTTP_X_REMOTE_USER)."""
    return "HTTP_" + header.strip().upper().replace("-", "_")

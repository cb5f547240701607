"""Bad parameters say what is wrong (400), unknown things are 404, never a stack trace."""
import re

import pytest

from tests.web.helpers import url


@pytest.mark.parametrize("params, field", [
    ({"date_from": "เมื่อวาน"}, "date_from"),
    ({"date_to": "31/31/2563x"}, "date_to"),
    ({"date_from": "2564", "date_to": "2563"}, "date_from"),
    ({"received_no": "ไม่มีเลข"}, "received_no"),
    ({"sort": "random"}, "sort"),
    ({"page": "abc"}, "page"),
    ({"page": "0"}, "page"),
    ({"per_page": "-1"}, "per_page"),
])
def test_bad_parameters_get_400_json(client, params, field):
    res = client.get(url("/api/search", **params))
    assert res.status_code == 400
    assert res.is_json
    message = res.get_json()["error"]
    assert message and "Traceback" not in message
    assert field.split("_")[0] in message.replace("-", "_")


def test_unreadable_date_gets_a_400_page_that_says_why(client):
    res = client.get(url("/search", q="ประชุม", date_from="วันพระ"))
    assert res.status_code == 400
    page = res.data.decode()
    assert "อ่านวันที่" in page and "วันพระ" in page
    assert "22 ต.ค. 2563" in page                   # how to write it
    assert 'value="ประชุม"' in page                  # the form keeps what was typed
    assert 'aria-invalid="true"' in page
    assert "Traceback" not in page


def test_bad_date_in_a_filter_value_is_escaped(client):
    res = client.get(url("/search", date_from="<script>x</script>"))
    assert res.status_code == 400
    assert "<script>x" not in res.data.decode()


@pytest.mark.parametrize("path", ["/documents/nope", "/documents/..%2F..%2Fetc%2Fpasswd",
                                  "/no/such/page", "/documents/nope/original"])
def test_404_html(client, path):
    res = client.get(path)
    assert res.status_code == 404
    assert res.mimetype == "text/html"
    assert "ไม่พบ" in res.data.decode()


@pytest.mark.parametrize("path", ["/api/documents/nope", "/api/nothing"])
def test_404_json(client, path):
    res = client.get(path)
    assert res.status_code == 404
    assert res.is_json and res.get_json()["error"]


def test_405(client):
    res = client.post("/api/search")
    assert res.status_code == 405 and res.is_json
    assert client.post("/search").status_code == 405


def test_500_has_no_stack_trace(app, monkeypatch):
    import web.data

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(web.data.index, "search", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    res = client.get("/search?q=x")
    assert res.status_code == 500
    assert "secret internals" not in res.data.decode() and "Traceback" not in res.data.decode()
    res = client.get("/api/search?q=x")
    assert res.status_code == 500 and res.get_json() == {"error": "internal error"}


def test_security_headers(client):
    for path in ("/", "/search?q=x", "/api/search", "/healthz", "/no/such"):
        res = client.get(path)
        assert res.headers["X-Content-Type-Options"] == "nosniff"
        csp = res.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "http" not in csp


def test_pages_load_nothing_from_the_internet(client):
    for path in ("/", "/search?q=นร0505/ว500"):
        page = client.get(path).data.decode()
        assert "http://" not in page and "https://" not in page and "//cdn" not in page
        # no inline script (CSP-clean): only the site's own file
        assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']
        assert "style=" not in page             # no inline style: CSP-clean
    css = client.get("/static/style.css")
    assert css.status_code == 200 and b"Sarabun" in css.data and b"url(" not in css.data

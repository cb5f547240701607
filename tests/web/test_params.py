"""web.params: one parser for the HTML and JSON searches."""
import pytest
from werkzeug.datastructures import MultiDict

import settings
from web.params import BadParam, parse_search


def test_defaults():
    p = parse_search(MultiDict())
    assert (p.q, p.filters, p.sort, p.page, p.per_page) == (
        "", {}, "relevance", 1, settings.DEFAULT_PER_PAGE)
    assert p.empty


def test_values_are_trimmed_and_empty_ones_dropped():
    p = parse_search(MultiDict({"q": "  ประชุม ", "sender": " ", "subject": "งบ\x00ประมาณ",
                                "kind": "คำสั่ง"}))
    assert p.q == "ประชุม"
    assert p.filters == {"subject": "งบ ประมาณ", "kind": "คำสั่ง"}


def test_thai_dates_are_accepted():
    p = parse_search(MultiDict({"date_from": "22 ต.ค. 2563", "date_to": "๒๕๖๔"}))
    assert p.parsed.date_from.isoformat() == "2020-10-22"
    assert p.parsed.date_to.isoformat() == "2021-12-31"
    assert p.filters["date_from"] == "22 ต.ค. 2563"    # shown back as typed


def test_clamps_and_cuts():
    p = parse_search(MultiDict({"per_page": "1000", "q": "ก" * 600, "subject": "ข" * 700}))
    assert p.per_page == settings.MAX_PER_PAGE and p.per_page_clamped
    assert len(p.q) == settings.MAX_QUERY_CHARS
    assert p.truncated == ["q", "subject"]


@pytest.mark.parametrize("args, param", [
    ({"date_from": "xx"}, "date_from"), ({"sort": "name"}, "sort"),
    ({"page": "1.5"}, "page"), ({"page": "99999999"}, "page"), ({"per_page": "0"}, "per_page"),
])
def test_bad(args, param):
    with pytest.raises(BadParam) as info:
        parse_search(MultiDict(args))
    assert info.value.param == param
    assert info.value.thai and str(info.value)


def test_args_round_trip():
    p = parse_search(MultiDict({"q": "ประชุม", "sender": "สลค.", "page": "3", "sort": "date"}))
    assert p.args() == {"q": "ประชุม", "sender": "สลค.", "sort": "date", "page": 3}
    assert p.args(page=None, sender=None) == {"q": "ประชุม", "sort": "date"}


def test_thai_formatting():
    from web.formatting import thai_date, thai_datetime, tidy_text

    assert thai_date("2020-10-22") == "22 ต.ค. 2563"
    assert thai_date("2020-10-22", full=True) == "22 ตุลาคม 2563"
    assert thai_date(None) == "" and thai_date("not a date") == "not a date"
    assert thai_datetime("2020-10-26T02:06:00+00:00") == "26 ต.ค. 2563 เวลา 09:06 น."
    assert tidy_text("\n\nก\n\n\n\nข\n") == "ก\n\nข"

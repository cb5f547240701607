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


DATE_HELP_TH = ("อ่านวันที่ “{}” ไม่ได้ — พิมพ์เป็น พ.ศ. เช่น 22 ต.ค. 2563, ต.ค. 2563, 2563 หรือ "
                "ปีงบประมาณ 2563 (หรือ ค.ศ. แบบ 2020-10-22)")


@pytest.mark.parametrize("args, param, english, thai", [
    ({"date_from": "วันพระ"}, "date_from",
     "date-from: cannot read the date 'วันพระ'; use YYYY-MM-DD, a พ.ศ. year such as 2563, "
     "or 22 ต.ค. 2563", "ตั้งแต่วันที่: " + DATE_HELP_TH.format("วันพระ")),
    ({"received_to": " เมื่อวาน "}, "received_to",
     "received-to: cannot read the date 'เมื่อวาน'; use YYYY-MM-DD, a พ.ศ. year such as 2563, "
     "or 22 ต.ค. 2563", "รับถึงวันที่: " + DATE_HELP_TH.format("เมื่อวาน")),
    ({"date_from": "2564", "date_to": "2563"}, "date_from", "date-from is after date-to",
     "ตั้งแต่วันที่ อยู่หลัง ถึงวันที่ — ช่วงวันที่กลับด้าน"),
    ({"received_from": "2567", "received_to": "2566"}, "received_from",
     "received-from is after received-to",
     "รับตั้งแต่วันที่ อยู่หลัง รับถึงวันที่ — ช่วงวันที่กลับด้าน"),
    ({"received_no": "ไม่มี"}, "received_no", "received-no: 'ไม่มี' has no digits",
     "เลขรับต้องมีตัวเลข (เลขไทยหรือเลขอารบิกก็ได้)"),
])
def test_a_bad_filter_says_which_and_why_in_english_and_thai(args, param, english, thai):
    with pytest.raises(BadParam) as info:
        parse_search(MultiDict(args))
    assert (info.value.param, str(info.value), info.value.thai) == (param, english, thai)

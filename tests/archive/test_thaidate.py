from datetime import date

import pytest

from archive.thaidate import find_dates, parse_date_bound, parse_date_range, parse_thai_date


@pytest.mark.parametrize("text, expected", [
    ("๒๒ ตุลาคม ๒๕๖๓", date(2020, 10, 22)),
    ("22 ต.ค. 2563", date(2020, 10, 22)),
    ("22 ต. ค. 63", date(2020, 10, 22)),
    ("22 ตค 63", date(2020, 10, 22)),
    ("๒๓ มกราคม พ.ศ. ๒๕๕๗", date(2014, 1, 23)),
    ("วันที่ 22 เดือน ตุลาคม พ.ศ. 2563", date(2020, 10, 22)),
    ("๑๖/๒/๒๕๕๕", date(2012, 2, 16)),
    ("16/2/55", date(2012, 2, 16)),
    ("2563-10-22", date(2020, 10, 22)),
    ("2020-10-22", date(2020, 10, 22)),
    ("29 กุมภาพันธ์ 2555", date(2012, 2, 29)),
])
def test_printed_and_typed_dates(text, expected):
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize("text", ["", "สวัสดี", "31 กุมภาพันธ์ 2563", "45/13/2563"])
def test_unreadable_dates_give_none(text):
    assert parse_thai_date(text) is None


def test_year_and_month_cover_their_whole_range():
    assert parse_date_range("2563") == (date(2020, 1, 1), date(2020, 12, 31))
    assert parse_date_range("63") == (date(2020, 1, 1), date(2020, 12, 31))
    assert parse_date_range("ต.ค. 2563") == (date(2020, 10, 1), date(2020, 10, 31))
    assert parse_date_range("2563-02") == (date(2020, 2, 1), date(2020, 2, 29))
    assert parse_date_bound("ตุลาคม ๒๕๖๓", end=True) == date(2020, 10, 31)
    assert parse_date_bound("22 ต.ค. 2563", end=True) == date(2020, 10, 22)
    assert parse_date_bound("not a date") is None


def test_find_dates_keeps_positions_in_the_original_text():
    text = "ลงวันที่ ๒๖ มิถุนายน ๒๕๕๘ เวลา ๙.๐๖ น."
    (start, end, d), = find_dates(text)
    assert text[start:end] == "๒๖ มิถุนายน ๒๕๕๘" and d == date(2015, 6, 26)


def test_era_words_and_numeric_month():
    assert parse_thai_date("๕ ธันวาคม พุทธศักราช ๒๕๖๖") == date(2023, 12, 5)
    assert parse_thai_date("5 December ค.ศ. 2023".replace("December", "ธันวาคม")) == date(2023, 12, 5)
    assert parse_date_range("10/2563") == (date(2020, 10, 1), date(2020, 10, 31))


def test_abbreviated_month_with_an_ocr_speck_after_its_dot():
    assert find_dates("๑๔ พ.ุย. ๖๖")[0][2] == date(2023, 11, 14)
    assert parse_thai_date("๓ มิถุนายน ๒๕๖๔") == date(2021, 6, 3)  # full names keep their vowels

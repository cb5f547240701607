from datetime import date

import pytest

from archive.thaidate import date_readings, find_dates, parse_date_bound, parse_date_range, parse_thai_date
from archive.thaitext import within_edits


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


# --- dates as Tesseract leaves them on scans

@pytest.mark.parametrize("text, expected", [
    ("lo มกราคม ๒๕๖๑", date(2018, 1, 2)),  # ๒ read as lo
    ("le มกราคม ๒๕๖๑", date(2018, 1, 2)),
    ("mo มิถุนายน ๒๕๖o", date(2017, 6, 30)),  # ๓๐ as mo, ๐ as o
    ("© ตุลาคม ๒๕๖๓", date(2020, 10, 1)),  # ๑ as ©
    ("๑9 ตุลาคม ๒๕๖๓", date(2020, 10, 11)),  # an Arabic 9 among Thai digits is a ๑
    ("19 ตุลาคม 2563", date(2020, 10, 19)),  # ... but a 9 among Arabic digits is a 9
    ("สั่ง ณ วันที่ ข มกราคม พ.ศ. ๒๕๕๘", date(2015, 1, 7)),  # ๗ as a consonant
    ("ณ วันที่ ซเมษายน ๒๕๖๖", date(2023, 4, 7)),
    ("ในวันที่ ๒๑ สิงหาคม\n๒๕๖.๘ เวลา ๐๙.๓๐ น.", date(2025, 8, 21)),  # a speck in the year
    ("ประกาศ ณันที.๖ มิถุนายน พ.ศ. ๒๕๖๘", date(2025, 6, 6)),  # a speck before the day
    ("๑๗ จั้นวาคม ๒๕๖๑", date(2018, 12, 17)),  # a month name one letter off
    ("25 n.w. 2564", date(2021, 2, 25)),  # Latin letters for ก.พ.
    ("21 NeW. 2568", date(2025, 2, 21)),  # ... a dot read as e
    ("30 A.8. 2558", date(2015, 9, 30)),  # ก.ย.
    ("28 Neve. 2564", date(2021, 9, 28)),
    ("๑๔ 4.A. ๒๕๖๐", date(2017, 8, 14)),  # ส.ค.
])
def test_dates_damaged_by_ocr(text, expected):
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize("text", [
    "วันที่ loon",  # a whole date read as Latin: unreadable
    "Hello มกราคม ๒๕๖๑",  # `lo` inside a word is no digit
    "ฉบับที่ 2 An. 2563", "เลขที่ 5 We. 2563", "Windows 10 Pro 2563",  # Latin words, no months
    "lo W.A. ๒๕๖๘",  # a Latin month among Latin digits is too little to go on
    "ซ ต.ค. ๒๕๖๖",  # a consonant for ๗ only before a full month name
    "๑๗ ขันวาคา ๒๕๖๑",  # two letters off a month name
    "ลงวันที่ o มกราคม 2561",  # look-alike digits only in dates printed in Thai digits
])
def test_ocr_words_that_are_no_date(text):
    assert parse_thai_date(text) is None


def test_a_latin_month_read_two_ways_is_no_date_on_its_own():
    # A.A. is ก.ค. or ต.ค.: both readings are kept for the caller to settle, none is found.
    assert find_dates("วันที่ ๑๐ A.A. ๒๕๖๒") == []
    (_, _, ds), = date_readings("วันที่ ๑๐ A.A. ๒๕๖๒")
    assert ds == (date(2019, 7, 10), date(2019, 10, 10))



def test_a_month_name_with_extra_marks_is_read_not_a_crash():
    # A noisy month name once stopped a letter's fields: the fuzzy month match ran off
    # its band when one word was longer than the other by more than the edits allowed.
    found = date_readings("2 พฤศจุิกายน 2559")
    assert any(date(2016, 11, 2) in days for _s, _e, days in found)
    assert not within_edits("พฤศจิกายนนนนน", "พฤศจิกายน", 1)
    assert within_edits("พฤศจุิกายน", "พฤศจิกายน", 1)


def test_a_fiscal_year_runs_from_october_to_september():
    from datetime import date

    from archive.thaidate import parse_date_range

    whole = (date(2023, 10, 1), date(2024, 9, 30))
    for typed in ("ปีงบประมาณ 2567", "ปีงบประมาณ ๒๕๖๗", "ปีงบ 67", "งบประมาณ พ.ศ. 2567", "ปีงบ. 2567"):
        assert parse_date_range(typed) == whole, typed
    assert parse_date_range("2567") == (date(2024, 1, 1), date(2024, 12, 31))
    assert parse_date_range("ปีงบประมาณ") is None


def test_a_year_read_with_a_speck_inside_and_the_years_a_text_names():
    from archive.thaidate import be_years, damaged_year

    assert damaged_year("๓๑ สิงหาคม ๒๕๒.๗") == 2527
    assert damaged_year("๓๑ สิงหาคม 256.5") == 2565
    assert damaged_year("๓๑ สิงหาคม ๒๕๖๕") is None
    # Years only: not an amount's digits after a comma or a dot.
    assert be_years("ประจำปี ๒๕๖๕ ปีงบประมาณ พ.ศ. 2564 จำนวน 1,2500 บาท 3.2500") == [2565, 2564]

import pytest

from archive.refno import find_ref_numbers, normalize_ref_no


@pytest.mark.parametrize("typed, expected", [
    ("ที่ นร ๐๕๐๕/ว ๕๐๐", "นร 0505/ว 500"),
    ("นร0505/ว500", "นร 0505/ว 500"),
    ("นร 0505/ว.500", "นร 0505/ว 500"),
    ("นร. 0505 / ว 500", "นร 0505/ว 500"),
    ("นร 0505 ว 500", "นร 0505/ว 500"),
    ("กค ๐๔๐๒.๒/๑๒๓๔", "กค 0402.2/1234"),
    ("อว ๘๑๑๕.๑/๐๑๗๔", "อว 8115.1/0174"),  # leading zeros are part of the number
    ("ศธ ๐๔๐๐๖.๑/ว ๙๐", "ศธ 04006.1/ว 90"),
    ("นร ๐๒๐๖.๐๒/๑๓๓๐", "นร 0206.02/1330"),
    ("กค ๐๔๒๒.๒/พิเศษ/ว ๒", "กค 0422.2/พิเศษ/ว 2"),
    ("นร 0708/ว", "นร 0708/ว"),
    ("ที่ ๑๒๓/๒๕๖๔", "123/2564"),
    ("คำสั่งที่ 45/2563".replace("คำสั่ง", ""), "45/2563"),
])
def test_common_typed_forms_normalise(typed, expected):
    assert normalize_ref_no(typed) == expected


@pytest.mark.parametrize("text", ["", "สวัสดี", "22 ตุลาคม 2563", "ข้อ 12/3"])
def test_non_reference_text_gives_none(text):
    assert normalize_ref_no(text) is None


def test_find_ref_numbers_in_free_text_gives_spans():
    text = "ตามหนังสือ ที่ มท ๐๒๑๑/ว ๖๓๕ ลงวันที่ ๒๖ มิถุนายน ๒๕๕๘ และ นร0708/ว ลงวันที่"
    found = find_ref_numbers(text)
    assert [n for _, _, n in found] == ["มท 0211/ว 635", "นร 0708/ว"]
    start, end, _ = found[0]
    assert text[start:end] == "มท ๐๒๑๑/ว ๖๓๕"


def test_dates_and_quantities_are_not_reference_numbers():
    assert find_ref_numbers("วันที่ 16/2/2555 จำนวน 12/25 ชุด ครั้งที่ 3/2563") == []


def test_reference_right_after_the_label_without_space():
    assert [n for _, _, n in find_ref_numbers("ด่วนที่สุด ที่สธ ๐๒๑๑.๒/๒๘๘๓ ลงวันที่")] == ["สธ 0211.2/2883"]


def test_the_code_of_a_number_left_to_be_written_by_hand():
    from archive.refno import unnumbered_code

    for text in ("กษ ๐๓๒๗/", "ที่ กษ ๐๓๒๗/ BR", "กษ0327 /", "อว ๘๑๑๕.๑/ ..."):
        assert unnumbered_code(text) in ("กษ 0327", "อว 8115.1"), text
    for text in ("กษ ๐๓๒๗/๑๕๗๘", "นร ๐๕๐๕/ว ๕๐๐", "นร 0505/ว500", "กษ ๐๓๒๗", "", None, "๑๒๓/๒๕๖๕"):
        assert unnumbered_code(text) is None, text

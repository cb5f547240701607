"""The เรียน (recipient) filter and the received-date (วันที่รับ) range, as a register clerk
uses them: a letter is found by any of its receiving stamps, and every edge says the truth."""
import pytest

from index import BadFilter, search

from .conftest import build, letter


def stamp(day, no="1"):
    return {"no": no, "date": day, "time": None, "by": None}


LETTERS = [
    letter("a.txt", date="2023-09-28", subject="ขอความอนุเคราะห์ข้อมูล",
           recipient="ผู้ว่าราชการจังหวัดเลย", stamps=[stamp("2023-10-02")],
           received_date="2023-10-02", text="ขอความอนุเคราะห์ข้อมูล"),
    # received by the province, then by a district office a week later
    letter("b.txt", date="2023-10-10", subject="การประชุมคณะกรรมการ",
           recipient="ปลัดกระทรวงมหาดไทย", stamps=[stamp("2023-10-12"), stamp("2023-10-20")],
           received_date="2023-10-12", text="การประชุมคณะกรรมการ"),
    letter("c.txt", date="2024-01-05", subject="รายงานผลการดำเนินงาน",
           recipient="ผู้ว่า ราชการจังหวัดขอนแก่น", stamps=[], text="รายงานผลการดำเนินงาน"),
    letter("d.txt", date="2024-02-01", subject="แจ้งเวียน", recipient=None,
           stamps=[stamp("2024-02-03")], received_date="2024-02-03", text="แจ้งเวียนหนังสือ"),
]


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    return build(tmp_path_factory.mktemp("register") / "index", LETTERS)


def found(index_dir, query="", **filters):
    result = search(index_dir, query, filters)
    paths = sorted(h["path"] for h in result.hits)
    assert result.total == len(paths)
    return paths


def test_recipient_contains_the_text_spacing_ignored(register):
    assert found(register, recipient="ผู้ว่าราชการจังหวัด") == ["a.txt", "c.txt"]
    assert found(register, recipient="ปลัดกระทรวง") == ["b.txt"]
    assert found(register, recipient="อธิบดี") == []


def test_received_range_finds_a_letter_by_any_of_its_stamps(register):
    # only b's second stamp falls in this week
    assert found(register, received_from="15 ต.ค. 2566", received_to="25 ต.ค. 2566") == ["b.txt"]
    assert found(register, received_from="ต.ค. 2566", received_to="ต.ค. 2566") == ["a.txt", "b.txt"]
    # one bound only; a letter never received (c) is never in a received range
    assert found(register, received_from="2567") == ["d.txt"]
    assert found(register, received_to="๒ ต.ค. ๒๕๖๖") == ["a.txt"]
    assert found(register, received_from="ปีงบประมาณ 2567") == ["a.txt", "b.txt", "d.txt"]
    assert found(register, received_from="2560", received_to="2565") == []


def test_received_range_is_not_the_letter_date(register):
    # a was written in September (fiscal 2566) but received in October (fiscal 2567)
    assert found(register, date_from="ต.ค. 2566", date_to="ต.ค. 2566") == ["b.txt"]
    assert found(register, received_from="ต.ค. 2566", received_to="ต.ค. 2566") == ["a.txt", "b.txt"]


def test_recipient_and_received_combine_with_words_and_other_filters(register):
    assert found(register, "ประชุม", recipient="ปลัด", received_from="2566") == ["b.txt"]
    assert found(register, "ประชุม", recipient="ผู้ว่า") == []
    assert found(register, recipient="จังหวัด", received_from="2566", received_to="2567",
                 date_from="2566", date_to="2566") == ["a.txt"]


def test_facets_count_what_the_filtered_search_gives(register):
    result = search(register, "", {"received_from": "ต.ค. 2566"})
    years = {f["value"]: f["count"] for f in result.facets["year"]}
    assert sum(years.values()) == result.total == 3
    for value, count in years.items():
        again = search(register, "", {"received_from": "ต.ค. 2566", "date_from": value,
                                      "date_to": value})
        assert again.total == count


def test_bad_received_dates_say_which_field(register):
    with pytest.raises(BadFilter, match="received-from"):
        search(register, "", {"received_from": "เมื่อวาน"})
    with pytest.raises(BadFilter, match="received-from is after received-to"):
        search(register, "", {"received_from": "2567", "received_to": "2566"})

"""What a search says is true: a filter that matches nothing gives nothing, totals and
facets count only matches, related letters come after them and are counted nowhere, and
undated letters are filed by their receiving stamp."""
from itertools import combinations

import pytest

from index import search

from .conftest import LETTERS, build, letter


def paths(result, related=False):
    return [h["path"] for h in result.hits if bool(h.get("related")) == related]


# Filters that no letter of the small index satisfies, each alone.
NOTHING = {
    "sender": "xyz",
    "date_from": "2570",
    "ref_no": "ซซ 9999/ว 1",
    "received_no": "999999",
    "kind": "ระเบียบ",
    "urgency": "ด่วนมาก",
    "subject": "ไม่มีเรื่องนี้",
}


@pytest.mark.parametrize("name", sorted(NOTHING))
@pytest.mark.parametrize("q", ["", "การประชุม", "นร 0505/ว 500"])
def test_a_filter_that_matches_nothing_gives_nothing(small_index, name, q):
    result = search(small_index, q, {name: NOTHING[name]})
    assert result.total == 0 and result.hits == [] and not any(result.facets.values())


@pytest.mark.parametrize("pair", list(combinations(sorted(NOTHING), 2)))
def test_filters_that_match_nothing_together_give_nothing(small_index, pair):
    result = search(small_index, "ประชุม", {name: NOTHING[name] for name in pair})
    assert result.total == 0 and result.hits == []


def test_filters_that_each_match_but_not_together_give_nothing(small_index):
    # จังหวัดเลย wrote in 2562 (2019) only; the seed letter is of 2563
    assert search(small_index, "", {"sender": "จังหวัดเลย"}).total == 2
    assert search(small_index, "", {"date_from": "2563", "date_to": "2563"}).total == 1
    for q in ("", "การประชุม"):
        result = search(small_index, q, {"sender": "จังหวัดเลย", "date_from": "2563",
                                         "date_to": "2563"})
        assert result.total == 0 and result.hits == []
    assert search(small_index, "", {"kind": "คำสั่ง", "sender": "จังหวัดเลย"}).total == 0


def test_one_and_every_letter_matching(small_index):
    one = search(small_index, "", {"ref_no": "ลย 0017.2/ว 99"})
    assert one.total == 1 and paths(one) == ["2562/06/loei2.txt"]
    listed = search(small_index, "", per_page=100)
    assert listed.total == len(LETTERS) == len(listed.hits)


def test_box_sender_with_no_letters_in_the_year_gives_nothing(small_index):
    assert search(small_index, "จังหวัดเลย 2562").total == 2
    assert search(small_index, "จังหวัดเลย 2563").total == 0


# -- related letters ------------------------------------------------------------------------
DROUGHT = [
    letter("a.txt", date="2019-01-10", sender="กรมชลประทาน", subject="ภัยแล้ง",
           text="มาตรการรับมือภัยแล้ง การขาดแคลนน้ำอุปโภคบริโภค ให้งดทำนาปรัง"),
    letter("b.txt", date="2020-01-10", sender="กรมที่ดิน", subject="ภัยแล้ง",
           text="มาตรการรับมือภัยแล้ง การขาดแคลนน้ำอุปโภคบริโภค ในฤดูแล้ง"),
    letter("c.txt", date="2020-02-10", sender="กรมที่ดิน", subject="การประชุม",
           text="ขอเชิญประชุมคณะกรรมการ ตามระเบียบวาระการประชุม"),
    letter("d.txt", date="2020-03-10", sender="กรมที่ดิน", subject="ภัยแล้ง นาปรัง",
           text="มาตรการรับมือภัยแล้ง การขาดแคลนน้ำอุปโภคบริโภค งดทำนาปรัง"),
]


@pytest.fixture(scope="module")
def drought_index(tmp_path_factory):
    return build(tmp_path_factory.mktemp("drought") / "index", DROUGHT)


def test_related_letters_follow_the_matches_and_are_counted_nowhere(drought_index):
    result = search(drought_index, "นาปรัง", {"sender": "กรมที่ดิน"})
    assert result.total == 1 and paths(result) == ["d.txt"]
    assert paths(result, related=True) == ["b.txt"]
    assert [bool(h["related"]) for h in result.hits] == [False, True]  # matches first
    assert sum(i["count"] for i in result.facets["year"]) == 1
    assert result.facets["sender"] == [{"value": "กรมที่ดิน", "count": 1}]


def test_no_match_within_filters_still_offers_related_letters_but_total_is_zero(drought_index):
    result = search(drought_index, "นาปรัง", {"sender": "กรมที่ดิน", "date_to": "2020-02-28"})
    assert result.total == 0 and paths(result) == [] and paths(result, related=True) == ["b.txt"]
    assert result.facets.get("year", []) == []
    # a word that is nowhere has no related letters either
    assert search(drought_index, "ภูเขาไฟ", {"sender": "กรมที่ดิน"}).hits == []


def test_related_letters_only_after_the_last_match(drought_index):
    first = search(drought_index, "ภัยแล้ง", {"sender": "กรมที่ดิน"}, per_page=1, page=1)
    assert first.total == 2 and [h["related"] for h in first.hits] == [False]
    beyond = search(drought_index, "ภัยแล้ง", {"sender": "กรมที่ดิน"}, per_page=1, page=5)
    assert beyond.total == 2 and beyond.hits == []


def test_exact_asks_get_no_related_letters(drought_index):
    within = {"sender": "กรมที่ดิน", "date_to": "2020-02-28"}
    for q in ('"งดทำนาปรัง"', "นาปรัง OR ทำนา", "นาปรัง -ประชุม"):
        assert search(drought_index, q, within).hits == [], q
    assert paths(search(drought_index, "นาปรัง")) == ["d.txt", "a.txt"]


# -- facets equal what clicking them gives -----------------------------------------------------
@pytest.mark.parametrize("q,filters", [("", {}), ("การประชุม", {}), ("ประชุม", {"date_from": "2562"}),
                                       ("", {"sender": "จังหวัดเลย"})])
def test_each_facet_count_is_the_total_of_its_filter(small_index, q, filters):
    result = search(small_index, q, filters)
    assert result.facets
    for name, entries in result.facets.items():
        for entry in entries:
            value = str(entry["value"])
            narrowed = dict(filters)
            if name == "year":
                narrowed.update(date_from=value, date_to=value)
            else:
                narrowed[name] = value
            assert search(small_index, q, narrowed).total == entry["count"], (name, value)


# -- letters without a date of their own --------------------------------------------------------
STAMPED = [
    letter("scan/undated.pdf", format="scan", subject="ขอความอนุเคราะห์ข้อมูล", date=None,
           stamps=[{"no": "77", "date": "2023-02-14", "time": "10:00", "by": None}],
           received_no="77", received_date="2023-02-14", text="ขอความอนุเคราะห์ข้อมูล"),
    letter("txt/dated.txt", subject="ขอความอนุเคราะห์ข้อมูลสถิติ", date="2022-05-01",
           stamps=[{"no": "5", "date": "2023-06-01", "time": None, "by": None}],
           text="ขอความอนุเคราะห์ข้อมูลสถิติ"),
    letter("txt/nodate.txt", subject="ขอความอนุเคราะห์", date=None, text="ขอความอนุเคราะห์"),
]


@pytest.fixture(scope="module")
def stamped_index(tmp_path_factory):
    return build(tmp_path_factory.mktemp("stamped") / "index", STAMPED)


def test_undated_letter_is_filed_by_its_receiving_stamp(stamped_index):
    in_2566 = search(stamped_index, "", {"date_from": "2566", "date_to": "2566"})
    assert paths(in_2566) == ["scan/undated.pdf"]  # the dated letter keeps its own year
    hit = in_2566.hits[0]
    assert hit["date"] is None and hit["date_source"] == "stamp"
    assert hit["filed_date"] == "2023-02-14"
    years = {i["value"]: i["count"] for i in search(stamped_index, "").facets["year"]}
    assert years == {"2566": 1, "2565": 1}
    newest = search(stamped_index, "ขอความอนุเคราะห์", sort="date")
    assert paths(newest) == ["scan/undated.pdf", "txt/dated.txt", "txt/nodate.txt"]
    assert [h["date_source"] for h in newest.hits] == ["stamp", "letter", None]
    assert paths(search(stamped_index, "ขอความอนุเคราะห์", sort="date_asc"))[0] == "txt/dated.txt"


def test_every_hit_has_a_title_never_the_file_name(tmp_path):
    ix = build(tmp_path / "index", [
        letter("2561/01/memo_0139.txt", kind="หนังสือประทับตรา", subject=None,
               text="ที่ ชม 0017.5/ว 15\nถึง  นายอำเภอ ทุกอำเภอ\n"
                    "          ด้วยในช่วงที่ผ่านมาได้เกิดเหตุอัคคีภัยในอาคารของหน่วยงานภาครัฐ\n"),
        letter("scans/SCAN0001.pdf", kind=None, format="scan", needs_ocr=True, text=None),
    ])
    titles = {h["path"]: h["title"] for h in search(ix, "").hits}
    assert titles["2561/01/memo_0139.txt"].startswith("ด้วยในช่วงที่ผ่านมาได้เกิดเหตุอัคคีภัย")
    assert "SCAN0001" not in titles["scans/SCAN0001.pdf"] and titles["scans/SCAN0001.pdf"]


def test_a_quote_left_open_searches_its_words_as_plain_words(small_index):
    # the two words are in the seed letter, but not side by side
    plain = search(small_index, "ลดภาระ ประชาสัมพันธ์")
    assert paths(plain) == ["2563/10/seed.txt"]
    for typed in ('"ลดภาระ ประชาสัมพันธ์', 'ลดภาระ ประชาสัมพันธ์"', '"ลดภาระ "ประชาสัมพันธ์ "'):
        assert paths(search(small_index, typed)) == paths(plain), typed
    assert search(small_index, '"ลดภาระ ประชาสัมพันธ์"').total == 0  # a closed one is a phrase


@pytest.mark.parametrize("q,filters", [("การประชุม", {"sender": "จังหวัดเลย"}),
                                       ("ประชุม", {"date_from": "2562", "date_to": "2562"}),
                                       ("คณะกรรมการ", {"kind": "หนังสือภายนอก"})])
def test_total_is_the_same_however_it_is_asked(small_index, q, filters):
    # Whoosh counts a top-N search that skips blocks without its filter: the total must
    # not depend on whether facets, date order or a small page were asked for.
    totals = {search(small_index, q, filters, with_facets=f, sort=s, per_page=n).total
              for f in (True, False) for s in ("relevance", "date") for n in (1, 20)}
    assert len(totals) == 1 and totals.pop() == len(
        [h for h in search(small_index, q, filters, per_page=100).hits if not h["related"]])


def test_a_sender_facet_counts_what_its_click_finds_when_one_name_holds_another(tmp_path):
    # "กองคลัง" names no agency of the directory: the sender filter takes every sender that
    # holds it, so its facet must count both letters, and the longer name only its own
    ix = build(tmp_path / "index", [
        letter("a.txt", date="2020-01-01", sender="กองคลัง", subject="ขอเบิกเงิน", text="ขอเบิกเงิน"),
        letter("b.txt", date="2020-01-02", sender="กองคลัง มหาวิทยาลัยนเรศวร", subject="ขอเบิกเงิน",
               text="ขอเบิกเงิน"),
        letter("c.txt", date="2020-01-03", sender="สำนักเลขาธิการคณะรัฐมนตรี", subject="อื่น",
               text="เรื่องอื่น"),
    ])
    facets = {e["value"]: e["count"] for e in search(ix, "ขอเบิกเงิน").facets["sender"]}
    assert facets == {"กองคลัง": 2, "กองคลัง มหาวิทยาลัยนเรศวร": 1}
    for value, count in facets.items():
        assert search(ix, "ขอเบิกเงิน", {"sender": value}).total == count
    # within a sender filter, the facet still counts only what clicking gives
    within = search(ix, "", {"sender": "กองคลัง"}).facets["sender"]
    assert {e["value"]: e["count"] for e in within} == facets

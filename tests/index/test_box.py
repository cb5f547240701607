"""The grammar of the search box, and metadata (agency, dates) typed into it."""
from datetime import date

import pytest

from index import search
from index._query import parse
from index._understand import understand


def paths(result):
    return [h["path"] for h in result.hits]


SEED = "2563/10/seed.txt"
REPLY = "2564/01/reply.txt"
LOEI = {"2562/05/loei.txt", "2562/06/loei2.txt"}


# -- digits, words, syntax ------------------------------------------------------------------
def test_thai_and_arabic_digits_match_each_other(small_index):
    assert paths(search(small_index, "ครั้งที่ ๒")) == paths(search(small_index, "ครั้งที่ 2"))
    assert "2562/06/loei2.txt" in paths(search(small_index, "ครั้งที่ 2"))
    assert paths(search(small_index, "๑๒๓/๒๕๖๑"))[0] == "2561/01/order.txt"


def test_quoted_phrase_must_match_as_a_sequence(small_index):
    assert paths(search(small_index, '"ลดภาระค่าครองชีพ"')) == [SEED]
    assert search(small_index, '"ค่าครองชีพลดภาระ"').total == 0


def test_excluded_phrase_and_word(small_index):
    got = set(paths(search(small_index, 'การประชุม -"ครั้งที่ ๒"')))
    assert "2562/05/loei.txt" in got and "2562/06/loei2.txt" not in got


def test_or_joins_alternatives_and_plain_words_rank_by_coordination(small_index):
    assert set(paths(search(small_index, "เลือกตั้ง OR แต่งตั้ง"))) == {REPLY, "2561/01/order.txt"}
    # both words in one letter rank it above letters with one of them
    ranked = paths(search(small_index, "รายงาน ประชุม"))
    assert ranked[0] == "2562/06/loei2.txt"


@pytest.mark.parametrize("typed", ['"การประชุม', "การประชุม)", "(การประชุม", "OR การประชุม",
                                   "การประชุม OR", "การประชุม AND", "การประชุม -", "title:การประชุม",
                                   "การประชุม*"])
def test_invalid_syntax_is_searched_as_plain_words(small_index, typed):
    assert LOEI <= set(paths(search(small_index, typed)))


@pytest.mark.parametrize("typed", ["เลขรับ ๑๓๗๗๖", "เลขรับ 13776", "รับที่ 13776", "เลขรับที่ ๑๓๗๗๖",
                                   "13776", "๑๓๗๗๖"])
def test_receiving_number_typed_in_the_box(small_index, typed):
    assert paths(search(small_index, typed))[0] == SEED


def test_reference_number_with_words_comes_first_then_the_words_rank(small_index):
    # the words match the other letters better; the number still wins
    ranked = paths(search(small_index, "ขอเชิญประชุมคณะกรรมการ ที่ นร๐๕๐๕/ว๕๐๐"))
    assert ranked[0] == SEED
    assert set(ranked[1:3]) & LOEI
    assert paths(search(small_index, "ลย 0017.2/ว.99 การประชุม"))[0] == "2562/06/loei2.txt"


# -- metadata in the box ---------------------------------------------------------------------
@pytest.mark.parametrize("typed,sender,lo,hi", [
    ("กรมการจัดหางาน พ.ศ. ๒๕๖๘ ถึง ๒๕๖๘", "กรมการจัดหางาน", date(2025, 1, 1), date(2025, 12, 31)),
    ("จังหวัดพิษณุโลก ๒๑ พฤษภาคม ๒๕๖๒ ถึง ๒๘ ตุลาคม ๒๕๖๒", "จังหวัดพิษณุโลก",
     date(2019, 5, 21), date(2019, 10, 28)),
    ("สำนักเลขาธิการคณะรัฐมนตรี ก.ค. 2564 - พ.ย. 2564", "สำนักเลขาธิการคณะรัฐมนตรี",
     date(2021, 7, 1), date(2021, 11, 30)),
    ("สลค. มี.ค. - ก.ค. 2562", "สลค.", date(2019, 3, 1), date(2019, 7, 31)),
    ("กทม. 2014", "กทม.", date(2014, 1, 1), date(2014, 12, 31)),
    ("สปน. ปี ๒๕๖๓-๒๕๖๗", "สปน.", date(2020, 1, 1), date(2024, 12, 31)),
    ("จังหวัดชลบุรี ปีงบประมาณ 2559", "จังหวัดชลบุรี", date(2015, 10, 1), date(2016, 9, 30)),
    ("กรมที่ดิน 2011-08-26 ถึง 2012-09-01", "กรมที่ดิน", date(2011, 8, 26), date(2012, 9, 1)),
])
def test_agency_and_date_range_are_understood(typed, sender, lo, hi):
    u = understand(typed)
    assert (u.sender, u.sender_filter, u.date_from, u.date_to) == (sender, True, lo, hi)
    assert u.text.strip() == ""


@pytest.mark.parametrize("typed", ["2563", "ปี 2563", "ปีงบประมาณ 2569", "น้ำท่วม 1-2 วัน",
                                   "ประจำปีงบประมาณ 2563", '"กรมที่ดิน 2561 - 2563"',
                                   # a headline typed whole holds its range as words
                                   "รายละเอียดการคำนวณค่าไฟฟ้างวด พ.ค - ส.ค 2566 "
                                   "รัฐบาลพร้อมที่จะประเมินสถานการณ์และดำเนินการ"])
def test_numbers_and_years_among_words_stay_words(typed):
    u = understand(typed)
    assert u.date_from is None and u.sender is None
    assert u.text == typed


def test_agency_among_topical_words_ranks_but_does_not_filter():
    u = understand("กรมที่ดิน โฉนด")
    assert u.sender == "กรมที่ดิน" and not u.sender_filter
    assert "กรมที่ดิน" in u.text and "โฉนด" in u.text
    assert parse("กรมที่ดิน โฉนด").sender_hint == "กรมที่ดิน"


def test_sender_and_range_in_the_box_filter_exactly(small_index):
    assert paths(search(small_index, "สำนักเลขาธิการคณะรัฐมนตรี ต.ค. 2563 - พ.ย. 2563")) == [SEED]
    assert paths(search(small_index, "สลค. 2563")) == [SEED]
    assert set(paths(search(small_index, "จังหวัดเลย 2562"))) == LOEI
    assert set(paths(search(small_index, "ศาลากลางจังหวัดเลย มิ.ย. 2562 - ธ.ค. 2562"))) == {
        "2562/06/loei2.txt"}
    # a range in the box narrows a structured range further
    got = search(small_index, "พ.ค. 2562 - ธ.ค. 2562", {"date_from": "2562-06-01"})
    assert paths(got) == ["2562/06/loei2.txt"]


def test_an_agency_that_sent_nothing_is_searched_as_words(small_index):
    # กรมบัญชีกลาง sent the order; สำนักงานคณะกรรมการการเลือกตั้ง is named in no sender of
    # the seed letter but is the reply's sender: both cases behave
    assert paths(search(small_index, "กรมบัญชีกลาง"))[0] == "2561/01/order.txt"
    assert search(small_index, "กรมป่าไม้").total == 0


def test_the_result_says_what_the_box_read_and_as_words_searches_the_words(tmp_path):
    from .conftest import build, letter

    ix = build(tmp_path / "index", [
        letter("sent.txt", date="2019-05-20", sender="กรมบัญชีกลาง", sender_code="กค 0402",
               subject="การเบิกจ่ายเงิน", text="การเบิกจ่ายเงินงบประมาณ"),
        letter("names.txt", date="2020-02-03", sender="จังหวัดเลย", subject="แจ้งระเบียบ",
               text="ตามระเบียบของกรมบัญชีกลาง ว่าด้วยการเบิกจ่าย ปี 2562"),
    ])
    read = search(ix, "กรมบัญชีกลาง 2562")
    assert paths(read) == ["sent.txt"]
    assert read.understood == {"sender": "กรมบัญชีกลาง", "date_from": "2019-01-01",
                               "date_to": "2019-12-31", "date_text": "2562"}
    words = search(ix, "กรมบัญชีกลาง 2562", as_words=True)
    # the letter that has both words comes first; the agency's own letter is no longer alone
    assert paths(words)[0] == "names.txt" and words.understood is None
    # an agency among topical words only ranks: nothing was read as a filter
    assert search(ix, "กรมบัญชีกลาง การเบิกจ่าย").understood is None
    assert search(ix, "การเบิกจ่าย").understood is None


# -- phrases in OCR'd text ---------------------------------------------------------------------
OCR_LETTERS = [
    ("2560/01/clean.txt", "ให้ส่งเสริมเกษตรกรให้ไถกลบตอซังแทนการเผา และนำเศษวัสดุไปใช้ประโยชน์"),
    ("2560/01/noisy.txt", "ให้ส่งเสริมเกษตรกรให้ไถกลบตอซังแฑนการเผา และนำเศษวัสดุไปใช้ประโยชน์"),
    ("2560/01/other.txt", "ให้ส่งเสริมเกษตรกรปลูกพืชหมุนเวียน และงดการเผาในที่โล่ง"),
]


@pytest.fixture(scope="module")
def ocr_index(tmp_path_factory):
    from .conftest import build, letter

    return build(tmp_path_factory.mktemp("ocr") / "index", [
        letter(p, date=f"2017-01-{i + 1:02d}", subject="การงดเผา", text=t)
        for i, (p, t) in enumerate(OCR_LETTERS)])


def test_long_phrase_survives_one_damaged_word_but_ranks_below_exact(ocr_index):
    result = search(ocr_index, '"ให้ส่งเสริมเกษตรกรให้ไถกลบตอซังแทนการเผา"')
    assert paths(result) == ["2560/01/clean.txt", "2560/01/noisy.txt"]
    assert "<mark>" in result.hits[1]["snippet"]


def test_short_phrase_stays_exact(ocr_index):
    assert paths(search(ocr_index, '"ตอซังแทนการเผา"')) == ["2560/01/clean.txt"]


def test_equal_scores_rank_newest_first_across_pages(tmp_path):
    from .conftest import build, letter

    dates = ["2019-03-01", "2021-03-01", "2020-03-01", "2018-03-01"]
    ix = build(tmp_path / "index", [
        letter(f"t/{d}.txt", date=d, subject="แจ้งเวียน", text="แจ้งเวียนหนังสือ") for d in dates])
    order = [search(ix, "แจ้งเวียน", per_page=1, page=p).hits[0]["date"] for p in (1, 2, 3, 4)]
    assert order == sorted(dates, reverse=True)
    scores = {h["score"] for h in search(ix, "แจ้งเวียน").hits}
    assert len(scores) == 1 and None not in scores


def test_letters_with_more_of_the_words_rank_first(tmp_path):
    from .conftest import build, letter

    ix = build(tmp_path / "index", [
        letter("one.txt", date="2021-01-01", subject="ขอเชิญส่งผู้แทนร่วมเป็นคณะทำงาน",
               text="ขอเชิญส่งผู้แทนร่วมเป็นคณะทำงาน ผู้แทน ผู้แทน ผู้แทน"),
        letter("all.txt", date="2019-01-01", subject="ขอเชิญประชุม",
               text="ขอเชิญประชุม ตามระเบียบวาระ และส่งผู้แทนเข้าร่วม พร้อมรายงานการประชุมครั้งก่อน"),
    ])
    assert paths(search(ix, "ผู้แทน รายงานการประชุม ระเบียบวาระ"))[0] == "all.txt"


def test_the_box_reads_the_era_words_a_letter_prints():
    # the box and the letter reader share archive.thaidate's month and era words
    u = understand("กรมการจัดหางาน พุทธศักราช ๒๕๖๓ ถึง ๒๕๖๔")
    assert (u.date_from, u.date_to) == (date(2020, 1, 1), date(2021, 12, 31))
    u = understand("กรมการจัดหางาน ๒๒ ตุลาคม พุทธศักราช ๒๕๖๓")
    assert (u.date_from, u.date_to) == (date(2020, 10, 22), date(2020, 10, 22))

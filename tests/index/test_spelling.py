"""Mistyped Thai is read as the words the archive knows: the cheap edits of fast typing
(a tone mark, ์, an upper or lower vowel, a look-alike or sound-alike consonant), never
a query typed correctly."""
import math

import pytest

from index import search
from index._spelling import alternatives, correct, edit_cost, read_run, skeleton

from .conftest import build, letter


class Words:
    """A vocabulary as the index gives one: words and how many letters have each."""

    def __init__(self, counts: dict[str, int], letters: int = 1000):
        self.counts, self.letters = counts, letters

    def words(self, skeletons):
        out = {}
        for word, n in self.counts.items():
            if skeleton(word) in skeletons:
                out.setdefault(skeleton(word), []).append((word, n))
        return out


VOCABULARY = Words({
    "ประชาสัมพันธ์": 300, "ผลงาน": 120, "ประชา": 40, "โปร่งใส": 30, "ใส": 5, "งบประมาณ": 500,
    "งบ": 200, "ประมาณ": 150, "เลือกตั้ง": 80, "เลือก": 60, "ตั้ง": 400, "ตรง": 90,
    "ข่าว": 60, "ข้าว": 90, "ขาว": 3, "ปลอม": 10, "น": 700, "ปี": 800, "ป": 300, "ของ": 900,
    "ทุก": 300, "ตัง": 1, "ราชการ": 600, "สวน": 20, "ส่วน": 500, "ผู้": 900, "ฝู้": 2,
    "มี": 950, "รายได้": 100,
})


def test_a_skeleton_is_the_word_without_its_marks():
    assert skeleton("ประชาสัมพันธ์") == "ประชาสมพนธ"
    assert skeleton("เลือกตั้ง") == skeleton("เลือกตัง") == skeleton("เลอกตง")


def test_the_edits_of_fast_typing_cost_less_than_a_consonant():
    assert edit_cost("เลือกตั้ง", "เลือกตั้ง") == 0
    tone = edit_cost("เลือกตัง", "เลือกตั้ง")
    vowel = edit_cost("ประชาสัมพนธ์", "ประชาสัมพันธ์")
    consonant = edit_cost("งบประมาน", "งบประมาณ")
    assert 0 < tone < vowel < consonant < 1
    assert edit_cost("โปร้งใส", "โปร่งใส") == tone            # a tone mark for another
    assert edit_cost("งบประมาน", "งบประมาร") == math.inf        # not confusable
    assert edit_cost("ขาวปลอม", "ช่าวปรอม") == math.inf         # two consonants


@pytest.mark.parametrize("typed, meant", [
    ("ประชาสัมพันธผลงาน", "ประชาสัมพันธ์ผลงาน"),   # ์ left out
    ("โปร้งใส", "โปร่งใส"),                          # the wrong tone mark
    ("ประชาสัมพนธ์", "ประชาสัมพันธ์"),              # an upper vowel left out
    ("งบประมาน", "งบประมาณ"),                        # a sound-alike consonant
    ("เลือกตัง", "เลือกตั้ง"),                       # not เลือกตรง
    ("ของทุกป", "ของทุกปี"),                         # ป alone is an abbreviation, not a word
    ("ฝู้มีรายได้", "ผู้มีรายได้"),                     # a rare word yields to a common one
    ("ป 2563", "ปี 2563"),                            # a letter alone, its vowel left out
])
def test_a_mistyped_run_reads_as_the_words_meant(typed, meant):
    assert read_run(typed, VOCABULARY).text == meant
    assert correct(typed, VOCABULARY).text == meant


@pytest.mark.parametrize("text", ["ประชาสัมพันธ์ผลงาน", "งบประมาณ", "เลือกตั้ง ผลงาน",
                                  "COVID-19", "2563", "ข้าว", ""])
def test_text_typed_right_is_left_as_it_is(text):
    assert correct(text, VOCABULARY) is None


def test_words_all_known_but_not_meant_have_alternatives():
    found = {c.text: c.words for c in alternatives("ขาวปลอม", VOCABULARY)}
    assert found["ข่าวปลอม"] == ["ข่าว", "ปลอม"] and found["ข้าวปลอม"] == ["ข้าว", "ปลอม"]
    assert alternatives("ประชาสัมพันธ์ผลงาน", VOCABULARY) == []


LETTERS = [
    letter("2565/01/pr.txt", subject="ประชาสัมพันธ์ผลงานของหน่วยงาน", date="2022-01-10",
           text="เรื่อง ประชาสัมพันธ์ผลงานของหน่วยงาน ขอความร่วมมือประชาสัมพันธ์ผลงาน"),
    letter("2565/02/ita.txt", subject="การประเมินคุณธรรมและความโปร่งใส", date="2022-02-10",
           text="การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"),
    letter("2565/03/budget.txt", subject="การเบิกจ่ายงบประมาณ", date="2022-03-10",
           text="เร่งรัดการเบิกจ่ายงบประมาณรายจ่ายประจำปี"),
    letter("2565/04/vote.txt", subject="การเลือกตั้งสมาชิกสภาท้องถิ่น", date="2022-04-10",
           text="การเลือกตั้งสมาชิกสภาท้องถิ่นและผู้บริหารท้องถิ่น"),
    letter("2565/05/fake.txt", subject="การรับมือข่าวปลอม", date="2022-05-10",
           text="แนวทางการรับมือข่าวปลอมในสื่อสังคมออนไลน์"),
    letter("2565/06/rice.txt", subject="ราคาข้าว", date="2022-06-10",
           text="ราคาข้าวเปลือกและข้าวสาร บรรจุถุง ขาว ใส"),
    letter("2565/07/tambon.txt", subject="การประชุมองค์การบริหารส่วนตำบล", date="2022-07-10",
           text="ขอเชิญประชุมนายกองค์การบริหารส่วนตำบลทุกแห่ง"),
    letter("2565/08/covid.txt", subject="มาตรการป้องกัน COVID-19", date="2022-08-10",
           text="มาตรการป้องกันการแพร่ระบาดของ COVID-19 ในสถานที่ราชการ"),
    letter("2565/09/cabinet.txt", subject="มติ ครม.", date="2022-09-10",
           text="แจ้งมติ ครม. เรื่อง การลดภาระค่าครองชีพ"),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return build(tmp_path_factory.mktemp("spelling") / "index", LETTERS)


@pytest.mark.parametrize("typed, meant", [
    ("ประชาสัมพันธผลงาน", "ประชาสัมพันธ์ผลงาน"),
    ("โปร้งใส", "โปร่งใส"),
    ("ประชาสัมพนธ์", "ประชาสัมพันธ์"),
    ("งบประมาน", "งบประมาณ"),
    ("เลือกตัง", "เลือกตั้ง"),
    ("การเลอกตั้ง", "การเลือกตั้ง"),
])
def test_a_query_that_finds_nothing_as_typed_is_searched_as_corrected(index_dir, typed, meant):
    assert search(index_dir, typed, as_typed=True).total == 0
    found = search(index_dir, typed)
    right = search(index_dir, meant)
    assert found.corrected == {"query": meant, "as_typed": typed, "reason": "spelling"}
    assert found.query == meant and found.total == right.total > 0
    assert [h["path"] for h in found.hits] == [h["path"] for h in right.hits]
    assert "<mark>" in found.hits[0]["snippet"]


def test_words_all_known_but_not_together_get_a_suggestion_not_other_results(index_dir):
    found = search(index_dir, "ขาวปลอม")
    assert found.total == 0 and found.corrected is None
    assert found.suggestion == "ข่าวปลอม"  # the letters have ข่าว with ปลอม, not ข้าว
    assert search(index_dir, found.suggestion).total == 1


def test_a_query_that_finds_letters_keeps_them_and_may_get_a_suggestion(index_dir):
    typed = "ราคาข้าว งบประมาน"  # ราคาข้าว finds the rice letter; งบประมาน no letter has
    found = search(index_dir, typed)
    assert found.corrected is None and found.query == typed
    assert [h["path"] for h in found.hits if not h["related"]] == ["2565/06/rice.txt"]
    assert found.suggestion == "ราคาข้าว งบประมาณ"
    assert search(index_dir, found.suggestion).total == 2


def test_correct_queries_are_never_corrected(index_dir):
    for record in LETTERS:
        for q in (record["subject"], record["text"].split()[0]):
            found = search(index_dir, q)
            assert found.total >= 1, q
            assert found.corrected is None and found.suggestion is None, q


def test_nothing_to_correct_finds_nothing(index_dir):
    for q in ("ไม่มีคำนี้ในคลังแน่นอนxyzzy", "qqqq", "การประชุม", "ภูเขาไฟ"):
        found = search(index_dir, q, {"date_from": "2030-01-01"})
        assert found.total == 0 and found.hits == [] and found.corrected is None


def test_a_correction_keeps_the_filters(index_dir):
    found = search(index_dir, "ประชาสัมพันธผลงาน", {"date_from": "2022-01-01",
                                                     "date_to": "2022-01-31"})
    assert found.corrected and found.total == 1
    none = search(index_dir, "ประชาสัมพันธผลงาน", {"date_from": "2022-02-01"})
    assert none.total == 0 and none.corrected is None and none.suggestion is None


def test_a_word_only_in_a_removed_letter_is_never_offered(tmp_path):
    from index import IndexUpdater

    ix = build(tmp_path / "index", LETTERS)
    with IndexUpdater(ix) as up:  # the letter about fake news leaves the archive
        up.delete("2565/05/fake.txt")
    found = search(ix, "ขาวปลอม")
    assert found.total == 0 and found.suggestion != "ข่าวปลอม"
    assert search(ix, "ข่าวปลอมม").corrected is None

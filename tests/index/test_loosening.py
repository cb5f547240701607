"""A query never comes back empty because of one word (fewer of its words are required when
together they match too few letters), the last word of the box finds the words it begins,
and a text without a subject line is found first by its headline. A real index on disk."""
import pytest

import settings
from index import Filters, search, year_range
from index._segment import terms
from index._query import loosening_steps
from tests.index.conftest import build, letter

# One run of Thai, typed without spaces, and its dictionary words.
RUN = "งบประมาณโครงการก่อสร้างถนนลาดยาง"
WORDS = terms(RUN)
OTHER = "ภูเขาไฟ"   # a word that is in no letter below
ALL_BUT_ONE = len(WORDS) - 1


def _letters():
    """Letters with every word of RUN, with all but one (each a different one left out),
    with half of them, and none, spread over senders and years."""
    out = []
    subsets = [WORDS] * 2 + [WORDS[:k] + WORDS[k + 1:] for k in range(len(WORDS))] \
        + [WORDS[:len(WORDS) // 2]] * 3 + [[]]
    for i, words in enumerate(subsets):
        out.append(letter(f"256{i % 3}/0{1 + i % 9}/l{i}.txt", subject=f"หนังสือฉบับที่ {i}",
                          date=f"20{17 + i % 3}-0{1 + i % 9}-10",
                          sender=("จังหวัดเลย", "จังหวัดน่าน")[i % 2],
                          text=f"เรื่อง หนังสือฉบับที่ {i}\n" + " และ ".join(words) + "\nจึงเรียนมา",
                          words=words))
    out.append(letter("2566/03/buddhist.txt", subject="งานวันผู้สูงอายุ",
                      text="เรื่อง งานวันผู้สูงอายุ\nประจำปีพุทธศักราช ๒๕๖๖", words=[]))
    out.append(letter("2566/03/money.txt", subject="Thailand Smart Money",
                      text="เรื่อง Thailand Smart Money\nงานแสดงสินค้า", words=[]))
    # News without a subject line: the headline of one is most of the other's body.
    out.append(letter("2566/04/news-a.txt", kind="อื่น ๆ", subject=None,
                      text="กรมประมงเปิดตัวโครงการเพาะพันธุ์ปลานิลจิตรลดา\n\nรายละเอียดของโครงการ",
                      words=[]))
    out.append(letter("2566/04/news-b.txt", kind="อื่น ๆ", subject=None,
                      text="ผลการดำเนินงานประจำเดือน\n\nกรมประมงเปิดตัวโครงการเพาะพันธุ์ปลานิลจิตรลดา "
                           "เมื่อเดือนที่แล้ว และกรมประมงเปิดตัวโครงการเพาะพันธุ์ปลานิลจิตรลดา",
                      words=[]))
    return out


LETTERS = _letters()


@pytest.fixture(scope="module")
def loose_index(tmp_path_factory):
    records = [{k: v for k, v in r.items() if k != "words"} for r in LETTERS]
    return build(tmp_path_factory.mktemp("loose") / "index", records)


def _with_at_least(k):
    return {r["path"] for r in LETTERS if r["words"] is not None and len(
        set(r["words"]) & set(WORDS)) >= k}


def test_the_words_are_what_the_tests_below_need():
    # one step of loosening (all but one) for the run, with or without one more word
    assert loosening_steps(len(WORDS)) == [ALL_BUT_ONE], WORDS
    assert loosening_steps(len(WORDS) + 1) == [len(WORDS)], WORDS
    assert terms(OTHER) == [OTHER]


@pytest.mark.parametrize("n, steps", [(2, []), (3, [2]), (4, [3]), (5, [4]), (8, [7, 6]),
                                      (12, [11, 9])])
def test_loosening_steps_are_all_but_one_then_three_in_four(n, steps):
    assert loosening_steps(n) == steps


def test_every_word_is_required_while_enough_letters_have_them_all(loose_index, monkeypatch):
    monkeypatch.setattr(settings, "LOOSEN_BELOW", 2)
    found = search(loose_index, RUN, per_page=50)
    assert found.loosened is None
    assert {h["path"] for h in found.hits if not h["related"]} == _with_at_least(len(WORDS))


def test_too_few_letters_with_every_word_loosens_to_all_but_one(loose_index):
    found = search(loose_index, RUN, per_page=50)
    every = _with_at_least(len(WORDS))
    assert found.loosened["required"] == ALL_BUT_ONE
    assert found.loosened["of"] == len(WORDS)
    assert found.loosened["every_word"] == len(every)
    matches = [h for h in found.hits if not h["related"]]
    assert found.total == len(matches) == len(_with_at_least(ALL_BUT_ONE))
    assert {h["path"] for h in matches} == _with_at_least(ALL_BUT_ONE)
    # the letters with every word first, lacking nothing; each other names the word it lacks
    assert {h["path"] for h in matches[:len(every)]} == every
    by_path = {r["path"]: r for r in LETTERS}
    for h in matches:
        lacks = [w for w in WORDS if w not in by_path[h["path"]]["words"]]
        assert h["missing"] == lacks
    assert set(found.loosened["left_out"]) == {w for h in matches for w in h["missing"]}


def test_a_word_that_is_nowhere_does_not_empty_the_result(loose_index):
    found = search(loose_index, RUN + OTHER, per_page=50)
    assert found.total and found.loosened["every_word"] == 0
    assert OTHER in found.loosened["left_out"]
    assert {h["path"] for h in found.hits if not h["related"]} == _with_at_least(len(WORDS))
    assert all(OTHER in h["missing"] for h in found.hits if not h["related"])


def test_facets_count_what_clicking_gives_under_the_same_rule(loose_index):
    found = search(loose_index, RUN + OTHER, per_page=1)
    assert found.loosened
    for name, entries in found.facets.items():
        for entry in entries:
            value = str(entry["value"])
            if name == "year":
                lo, hi = year_range(int(value), None, None)
                narrowed = {"date_from": lo.isoformat(), "date_to": hi.isoformat()}
            else:
                narrowed = {name: value}
            clicked = search(loose_index, RUN + OTHER, narrowed, per_page=1)
            assert clicked.total == entry["count"], (name, value)
            assert clicked.loosened["required"] == found.loosened["required"]


def test_a_filter_that_matches_nothing_still_gives_nothing(loose_index):
    found = search(loose_index, RUN + OTHER, {"sender": "จังหวัดไม่มีจริง"})
    assert found.total == 0 and not found.hits


@pytest.mark.parametrize("typed", [WORDS[0] + OTHER, f'"{RUN}{OTHER}"',
                                   f"{RUN}{OTHER} OR ทางหลวง"])
def test_two_words_phrases_and_or_keep_requiring_what_they_say(loose_index, typed):
    found = search(loose_index, typed, per_page=50)
    assert found.loosened is None
    assert found.total == 0


def test_the_last_word_finds_the_words_it_begins(loose_index):
    assert "2566/03/buddhist.txt" in {h["path"] for h in search(loose_index, "ประจำปีพุทธศ").hits}
    assert [h["path"] for h in search(loose_index, "Thailand Smart Mon").hits][0] \
        == "2566/03/money.txt"
    assert search(loose_index, "Mon").total == 1


def test_only_the_last_word_is_completed(loose_index):
    found = search(loose_index, "Mon งานวันผู้สูงอายุ")
    assert [h["path"] for h in found.hits if not h["related"]] == ["2566/03/buddhist.txt"]
    assert search(loose_index, '"Mon"').total == 0


def test_a_text_without_a_subject_line_is_found_first_by_its_headline(loose_index):
    found = search(loose_index, "กรมประมงเปิดตัวโครงการเพาะพันธุ์ปลานิลจิตรลดา")
    assert [h["path"] for h in found.hits][:2] == ["2566/04/news-a.txt", "2566/04/news-b.txt"]
    # the subject filter still reads subject lines only
    assert search(loose_index, "", Filters.parse({"subject": "ปลานิล"})).total == 0

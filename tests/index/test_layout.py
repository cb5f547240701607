"""A query typed on the English keyboard layout while Thai was meant is searched as Thai,
and says so; real Latin words, addresses and reference numbers are searched as typed."""
import pytest
from pythainlp.util import thai_to_eng

from index import search
from index._layout import thai_if_mistyped

# Latin fragments such as "vy" or "it" are in an archive by chance (vy88u4yp is อัคคีภัย).
KNOWN = {"เลือกตั้ง", "การประชุม", "ประชุม", "ผลงาน", "อัคคีภัย", "กทม", "covid", "open", "data",
         "it", "vy", "atk", "เว้น", "ระยะ", "ห่าง", "work", "from", "home", "to", "be",
         "number", "one"}
REFS = {"นร 1011.8/7566", "สธ 0211.8/4385", "กค 0402.6/2362"}


def known(word):
    return word in KNOWN


@pytest.mark.parametrize("thai", ["เลือกตั้ง", "การประชุม", "ประชุม ผลงาน", "อัคคีภัย",
                                  "กทม. 2014"])
def test_thai_typed_on_the_english_layout_is_read_as_thai(thai):
    typed = thai_to_eng(thai)
    assert typed.isascii() and thai_if_mistyped(typed, known) == thai


@pytest.mark.parametrize("typed", [
    "COVID", "Open Data", "covid 19", "IT",    # words of the archive
    "No Gift Policy", "ATK", "hello",          # Latin words the archive lacks: not Thai either
    "somchai@example.go.th", "www.example.com",
    "นร 0505/ว 500", "nr 0505/w 500", "2563", "",
    "เลือกตั้ง",                                 # already Thai
])
def test_what_is_not_thai_typed_on_the_wrong_layout_stays(typed):
    assert thai_if_mistyped(typed, known, REFS.__contains__) is None


@pytest.mark.parametrize("thai", ["ATK เว้นระยะห่าง", "Work from Home เว้นระยะห่าง",
                                  "TO BE NUMBER ONE ป.ป.ส."])
def test_latin_words_of_the_archive_stay_beside_thai_typed_on_the_english_layout(thai):
    """(ป.ป.ส. is letters, not words: an abbreviation the agency directory knows.)"""
    latin, words = thai.rsplit(" ", 1)
    assert thai_if_mistyped(f"{latin} {thai_to_eng(words)}", known) == thai


@pytest.mark.parametrize("typed, ref", [
    ('oi1011"827566', "นร1011.8/7566"),       # the slash typed on the key of 2
    ('lT0211"8 2 4385', "สธ0211.8 / 4385"),
    ('d8Q%Q#"(2#$(#', "กค๐๔๐๒.๖/๒๓๖๒"),   # Thai digits on their shifted keys
])
def test_a_reference_number_typed_on_the_english_layout_is_read_if_a_letter_has_it(typed, ref):
    assert thai_if_mistyped(typed, known, REFS.__contains__) == ref
    assert thai_if_mistyped(typed, known, lambda r: False) is None


def test_search_reads_the_layout_and_can_search_as_typed(small_index):
    typed = thai_to_eng("เลือกตั้ง")
    found = search(small_index, typed)
    assert found.total >= 1 and found.query == "เลือกตั้ง"
    assert found.corrected == {"query": "เลือกตั้ง", "as_typed": typed, "reason": "layout"}
    assert any("เลือกตั้ง" in (h["title"] or "") for h in found.hits)
    assert found.total == search(small_index, "เลือกตั้ง").total
    as_typed = search(small_index, typed, as_typed=True)
    assert as_typed.total == 0 and as_typed.corrected is None


def test_a_correct_query_is_never_corrected(small_index):
    for q in ("เลือกตั้ง", "การประชุม", "นร 0505/ว 500", "ลต 0001/ว 12", ""):
        assert search(small_index, q).corrected is None


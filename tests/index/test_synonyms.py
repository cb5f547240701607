"""Forms that mean the same thing (`โควิด` / `COVID-19`, `อบต.` / องค์การบริหารส่วนตำบล) are
searched for one another: the curated table, and every agency's abbreviation."""
import pytest

from index import search
from index._synonyms import alternatives, key, spans

from .conftest import build, letter
from .test_spelling import LETTERS


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return build(tmp_path_factory.mktemp("synonyms") / "index", LETTERS)


def test_forms_compare_without_case_spaces_dots_and_hyphens():
    assert key("COVID-19") == key("covid 19") == key("Covid19") == "covid19"
    assert key("อบต.") == key("อบต") == "อบต"


@pytest.mark.parametrize("typed, other", [
    ("โควิด", "COVID-19"), ("COVID 19", "โรคติดเชื้อไวรัสโคโรนา 2019"),
    ("อบต.", "องค์การบริหารส่วนตำบล"), ("องค์การบริหารส่วนตำบล", "อบต."),
    ("ครม", "คณะรัฐมนตรี"),
    ("กทม.", "กรุงเทพมหานคร"),          # from the agency directory
    ("สพฐ.", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"),
])
def test_a_form_has_the_others(typed, other):
    assert other in alternatives(typed)
    assert typed not in alternatives(typed)


@pytest.mark.parametrize("typed, meant", [
    ("TO BE NUMBER ONE บ.ป.ส.", "TO BE NUMBER ONE ป.ป.ส."),
    ("สำนักงาน ป.ป.ข. 2562", "สำนักงาน ป.ป.ช. 2562"),
    ("กกด.", "กกต."),
])
def test_an_abbreviation_one_letter_from_a_known_one_is_read_as_it(typed, meant):
    from index._corrections import abbreviations_fixed

    assert abbreviations_fixed(typed) == meant


@pytest.mark.parametrize("typed", ["ป.ป.ส.", "ก.พ. ๗", "๑ พ.ย. ๒๕๖๓", "น.ส. ๓ ก.", "ประชุม"])
def test_known_and_short_abbreviations_stay(typed):
    from index._corrections import abbreviations_fixed

    assert abbreviations_fixed(typed) is None


def test_words_typed_in_a_row_make_one_form():
    assert [(s, e) for s, e, _f in spans(["มาตรการ", "โควิด", "19", "ATK"])] == [(1, 3), (3, 4)]
    assert spans(["ประชุม", "งบประมาณ"]) == []


@pytest.mark.parametrize("typed, letter_path", [
    ("อบต.", "2565/07/tambon.txt"),          # the abbreviation finds the full name
    ("องค์การบริหารส่วนตำบล", "2565/07/tambon.txt"),
    ("คณะรัฐมนตรี", "2565/09/cabinet.txt"),  # the full name finds the abbreviation
    ("โควิด 19", "2565/08/covid.txt"),        # Thai finds the Latin name
    ("โควิด", "2565/08/covid.txt"),
])
def test_other_forms_of_a_word_are_searched_too(index_dir, typed, letter_path):
    found = search(index_dir, typed)
    hit = next(h for h in found.hits if h["path"] == letter_path)
    assert not hit["related"] and found.corrected is None
    assert "<mark>" in hit["snippet"]  # the other form is highlighted


def test_letters_with_the_form_typed_rank_before_other_forms(tmp_path):
    ix = build(tmp_path / "index", LETTERS + [
        letter("2565/10/covid-thai.txt", subject="มาตรการป้องกันโควิด 19", date="2022-10-10",
               text="มาตรการป้องกันการแพร่ระบาดของโควิด 19 ในสถานที่ราชการ")])
    paths = [h["path"] for h in search(ix, "โควิด 19").hits]
    assert paths[:2] == ["2565/10/covid-thai.txt", "2565/08/covid.txt"]

"""Whatever is typed into the box (up to settings.MAX_QUERY_CHARS), a search does bounded
work: repeated items and runs of a word are searched once, and at most
settings.MAX_QUERY_TERMS words are searched. Queries within the limit mean what they did."""
import pytest
from whoosh import query as Q

import settings
from index import search
from index._segment import COARSE_ENGINE, FINE_ENGINE, terms
from index._query import build, parse

CAP = settings.MAX_QUERY_TERMS
CHARS = settings.MAX_QUERY_CHARS

HUGE = [
    "การ" * 166,                          # one word 166 times without spaces: 498 characters
    " ".join(["การ"] * 125),              # the same word as 125 items
    "ของการ" * 83,                        # two words taking turns
    '"' + "การ" * 166 + '"',              # as a quoted phrase
    "-" + "การ" * 166,                    # excluded
    " OR ".join(["ประชุม", "รายงาน"] * 40),
    "ประชุม" * 83,
    "ให้ส่งเสริมเกษตรกรให้ไถกลบตอซังแทนการเผาและนำเศษวัสดุไปใช้ประโยชน์" * 8,  # a long sentence
    " ".join(f"w{i}" for i in range(120)),  # 120 different words
    "นร 0505/ว 500 " * 36 + "เลขรับ 13776 " * 5,
]
SYNTAX = ('((title:*?~^ [1 TO "x" -" OR AND NOT {!}| \\ <>=;, "" ) -- ' * 12)[:CHARS]


def paths(result):
    return [h["path"] for h in result.hits]


def words_searched(pq) -> int:
    return sum(max(len(terms(i.text, COARSE_ENGINE)), len(terms(i.text, FINE_ENGINE)))
               for i in pq.positive_items() + pq.excluded)


def leaves(q):
    if isinstance(q, (Q.Term, Q.Phrase)):
        yield q
        return
    for child in q.children():
        yield from leaves(child)


def assert_bounded(q: str):
    pq = parse(q)
    assert words_searched(pq) <= CAP
    assert len(pq.refs) <= CAP and len(pq.received) <= CAP
    built = build(pq)  # without the vocabulary look-ups, which are capped on their own
    if built is None:
        return
    per_field: dict[str, set[str]] = {}
    for leaf in leaves(built):
        words = leaf.words if isinstance(leaf, Q.Phrase) else [leaf.text]
        assert len(words) <= CAP
        per_field.setdefault(leaf.fieldname, set()).update(words)
    for fieldname, words in per_field.items():
        assert len(words) <= CAP, fieldname


@pytest.mark.parametrize("q", HUGE + [SYNTAX], ids=range(len(HUGE) + 1))
def test_a_query_of_the_longest_length_searches_at_most_the_cap_of_words(sample_index, q):
    q = q[:CHARS]
    assert_bounded(q)
    result = search(sample_index, q)  # returns, and does not raise
    assert result.total >= 0 and len(result.hits) <= result.per_page


def test_a_word_repeated_without_spaces_is_searched_as_the_word_doubled(sample_index):
    assert [i.text for i in parse("การ" * 166).positive_items()] == ["การการ"]
    doubled = search(sample_index, "การการ", per_page=100)
    assert doubled.total > 0
    many = search(sample_index, "การ" * 166, per_page=100)
    assert [(h["path"], h["score"]) for h in many.hits] == [
        (h["path"], h["score"]) for h in doubled.hits]
    assert set(paths(many)) <= set(paths(search(sample_index, "การ", per_page=100)))


def test_repeated_items_are_searched_once(sample_index):
    once = search(sample_index, "ประชุม")
    assert once.total > 0
    many = search(sample_index, " ".join(["ประชุม"] * 120))
    assert [(h["path"], h["score"]) for h in many.hits] == [
        (h["path"], h["score"]) for h in once.hits]
    pq = parse('ประชุม "ผลการ" ประชุม "ผลการ" -ก -ก นร 0505/ว 500 นร0505/ว500 เลขรับ 1 เลขรับ 1')
    assert [[i.text for i in g] for g in pq.groups] == [["ประชุม"], ["ผลการ"]]
    assert [i.text for i in pq.excluded] == ["ก"]
    assert pq.refs == ["นร 0505/ว 500"] and pq.received == ["1"]


def test_the_first_words_typed_are_kept():
    pq = parse(" ".join(f"w{i}" for i in range(CAP + 20)))
    assert [[i.text for i in g] for g in pq.groups] == [[f"w{i}"] for i in range(CAP)]
    # an item that does not fit whole is cut to the words that do
    head = " ".join(f"w{i}" for i in range(CAP - 2))
    pq = parse(head + ' "ประชุมคณะกรรมการบริหาร"')
    assert pq.groups[-1][0].phrase
    assert len(terms(pq.groups[-1][0].text, FINE_ENGINE)) == 2
    assert words_searched(pq) == CAP


def test_a_query_within_the_cap_is_unchanged():
    q = ('การประชุม "ผลการประชุม" -รายงาน เลือกตั้ง OR แต่งตั้ง ดีดี '
         'ที่ นร ๐๕๐๕/ว ๕๐๐ เลขรับ 13776')
    pq = parse(q)
    assert [[i.text for i in g] for g in pq.groups] == [
        ["การประชุม"], ["ผลการประชุม"], ["เลือกตั้ง", "แต่งตั้ง"], ["ดีดี"]]
    assert [(i.text, i.negated) for i in pq.excluded] == [("รายงาน", True)]
    assert pq.refs == ["นร 0505/ว 500"] and pq.received == ["13776"]
    # long subject lines stay whole (this one: 18 words, 28 of the finer segmentation;
    # the longest of a 5,000-letter corpus have 19 and 26)
    subject = ("ขอความร่วมมือประชาสัมพันธ์การรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการทั่วไป"
               "ตำแหน่งนักวิชาการคอมพิวเตอร์ของสำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม")
    assert [i.text for i in parse(subject).positive_items()] == [subject]
    assert [i.text for i in parse(f'"{subject}"').positive_items()] == [subject]


LETTERS = [
    ("2560/01/clean.txt", "ให้ส่งเสริมเกษตรกรให้ไถกลบตอซังแทนการเผา และนำเศษวัสดุไปใช้ประโยชน์"
                          "ในไร่นาของตนเองเพื่อลดหมอกควัน"),
    ("2560/01/noisy.txt", "ให้ส่งเสริมเกษตรกรให้ไถกลบตอซังแฑนการเผา และนำเศษวัสดุไปใช้ประโยชน์"
                          "ในไร่นาของตนเองเพื่อลดหมอกควัน"),
    ("2560/01/other.txt", "ให้ส่งเสริมเกษตรกรปลูกพืชหมุนเวียน และงดการเผาในที่โล่ง"),
]


def test_a_pasted_sentence_survives_one_damaged_word_but_ranks_below_exact(tmp_path):
    from .conftest import build, letter

    ix = build(tmp_path / "index", [
        letter(p, date=f"2017-01-{i + 1:02d}", subject="การงดเผา", text=t)
        for i, (p, t) in enumerate(LETTERS)])
    sentence = LETTERS[0][1].replace(" ", "")
    assert len(terms(sentence)) > 12  # past the words that get one pair of sequences each
    result = search(ix, f'"{sentence}"')
    assert paths(result) == ["2560/01/clean.txt", "2560/01/noisy.txt"]
    assert "<mark>" in result.hits[1]["snippet"]

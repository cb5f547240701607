"""What a typed query is understood to ask (index._plan), without an index: the words,
numbers and filters a clerk would see the search use."""
import ast
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from index import Filters
from index._plan import plan, understand
from index._segment import COARSE_ENGINE

SENT = lambda agency: True      # noqa: E731  every agency sent letters the user may see
UNSENT = lambda agency: False   # noqa: E731


def words(p) -> list[list[str]]:
    return [[i.text for i in g] for g in p.query.groups]


def test_an_agency_and_a_range_typed_in_the_box_filter():
    p = plan(understand("สำนักเลขาธิการคณะรัฐมนตรี ต.ค. 2563 - พ.ย. 2563"), Filters(), SENT)
    assert p.filters.more_senders == ("สำนักเลขาธิการคณะรัฐมนตรี",)
    assert (p.filters.date_from, p.filters.date_to) == (date(2020, 10, 1), date(2020, 11, 30))
    assert words(p) == []
    assert p.understood == {"sender": "สำนักเลขาธิการคณะรัฐมนตรี", "date_from": "2020-10-01",
                            "date_to": "2020-11-30", "date_text": "ต.ค. 2563 - พ.ย. 2563"}


def test_a_buddhist_era_range_is_a_date_filter_in_the_common_era():
    p = plan(understand("พ.ศ. ๒๕๖๒ ถึง ๒๕๖๓"), Filters(), SENT)
    assert (p.filters.date_from, p.filters.date_to) == (date(2019, 1, 1), date(2020, 12, 31))
    assert p.filters.more_senders == () and words(p) == []
    assert p.understood["date_text"] == "พ.ศ. ๒๕๖๒ ถึง ๒๕๖๓"


def test_an_abbreviation_with_a_year_is_a_sender_and_that_year():
    p = plan(understand("สลค. 2563"), Filters(), SENT)
    assert p.filters.more_senders == ("สลค.",)
    assert (p.filters.date_from, p.filters.date_to) == (date(2020, 1, 1), date(2020, 12, 31))


def test_an_agency_that_sent_nothing_is_searched_as_words_and_ranks_its_letters():
    read = understand("สลค. 2563")
    p = plan(read, Filters(), UNSENT)
    assert p.filters.more_senders == ()
    assert (p.filters.date_from, p.filters.date_to) == (date(2020, 1, 1), date(2020, 12, 31))
    assert words(p) == [["สลค."]] and p.query.sender_hint == "สลค."
    assert p.understood == {"date_from": "2020-01-01", "date_to": "2020-12-31",
                            "date_text": "2563"}
    # the reading of the box is not changed by the plan made of it
    assert read.groups == [] and read.meta.sender_filter


def test_an_agency_among_topical_words_only_ranks():
    p = plan(understand("กรมที่ดิน โฉนด"), Filters(), SENT)
    assert p.filters == Filters() and p.understood is None
    assert p.query.sender_hint == "กรมที่ดิน"
    assert ["โฉนด"] in words(p)


def test_a_range_in_the_box_narrows_the_range_chosen_and_leaves_it_as_it_was():
    chosen = Filters.parse({"date_from": "2562-06-01"})
    p = plan(understand("พ.ค. 2562 - ธ.ค. 2562"), chosen, SENT)
    assert (p.filters.date_from, p.filters.date_to) == (date(2019, 6, 1), date(2019, 12, 31))
    assert (chosen.date_from, chosen.date_to) == (date(2019, 6, 1), None)


def test_as_words_reads_no_filter():
    p = plan(understand("กรมบัญชีกลาง 2562", as_words=True), Filters(), SENT)
    assert p.filters == Filters() and p.understood is None
    assert words(p) == [["กรมบัญชีกลาง"], ["2562"]]


def test_a_reference_number_is_found_as_a_number_not_as_words():
    p = plan(understand("ขอเชิญประชุม ที่ นร ๐๕๐๕/ว ๕๐๐"), Filters(), SENT)
    assert p.query.refs == ["นร 0505/ว 500"]
    assert words(p) == [["ขอเชิญประชุม"]]  # the label ที่ is no word to find
    assert p.filters == Filters()
    assert not p.plain_words  # a number asks for that letter: no related letters


@pytest.mark.parametrize("typed,plain", [("ค่าครองชีพ ประชุม", True), ('"ค่าครองชีพ"', False),
                                         ("ค่าครองชีพ -ประชุม", False),
                                         ("น้ำท่วม OR อุทกภัย", False), ("13776", False)])
def test_only_plain_words_may_bring_related_letters(typed, plain):
    assert plan(understand(typed), Filters(), SENT).plain_words is plain


def test_highlights_come_from_the_plan():
    p = plan(understand('เลขรับ ๑๓๗๗๖ "ลดภาระค่าครองชีพ" -ประชุม'), Filters(), SENT)
    marked = p.highlight_patterns()[COARSE_ENGINE]
    assert ["13776"] in marked and ["ลด", "ภาระ", "ค่าครองชีพ"] in marked
    assert not any("ประชุม" in seq for seq in marked)  # an excluded word is not marked
    # the agency searched as words is marked; one read as a filter is not
    assert plan(understand("กรมป่าไม้"), Filters(), UNSENT).highlight_patterns()[
        COARSE_ENGINE] == [["กรมป่าไม้"]]
    assert plan(understand("กรมป่าไม้"), Filters(), SENT).highlight_patterns()[
        COARSE_ENGINE] == []


@pytest.mark.parametrize("module", ["_plan.py", "_parse.py", "_understand.py", "_synonyms.py",
                                    "_segment.py", "_filters.py"])
def test_understanding_and_planning_import_no_whoosh(module):
    tree = ast.parse((Path(__file__).parents[2] / "index" / module).read_text(encoding="utf-8"))
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [name for name in imported if name.split(".")[0] == "whoosh"]


def test_planning_a_search_loads_no_whoosh():
    # in a fresh interpreter: nothing the plan imports, however indirectly, loads Whoosh
    check = ("import sys, index._plan as p; "
             "p.plan(p.understand('กรมป่าไม้ ประชุม 2563'), p.Filters(), lambda a: True)"
             ".highlight_patterns(); "
             "assert 'whoosh' not in sys.modules, sorted(m for m in sys.modules if 'whoosh' in m)")
    done = subprocess.run([sys.executable, "-c", check], cwd=Path(__file__).parents[2],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

"""fill_fields runs archive.fields.PIPELINE: each step reads what the page holds or an
earlier step wrote, and does what its row says (traced on real letters)."""
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from pathlib import Path

import pytest

from archive.fields import PIPELINE, Page, fill_fields
from archive.reader import read_text_of
from archive.records import Memo
from archive.repair import repair_text
from tests.archive import test_fields

MEMO_FIELDS = {f.name for f in dataclass_fields(Memo)}
PAGE_ITEMS = {f.name for f in dataclass_fields(Page)}
FOUND_BY_STEPS = {"ref_line"}  # a Page attribute a step finds; the rest are the page's own
ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def _letters() -> list[str]:
    """The letters of test_fields, the sample archive's text files, a stamped letter."""
    texts = [v for v in vars(test_fields).values() if isinstance(v, str) and v.count("\n") > 3]
    files = sorted((ROOT / "sample_archive").rglob("*.txt")) + [ROOT / "tests/fixtures/undated_stamped.txt"]
    for path in files:
        _, raw = read_text_of(path)
        texts.append(raw)
    return [repair_text(t) for t in texts if t]


def test_each_step_reads_what_the_page_holds_or_an_earlier_step_wrote():
    known = PAGE_ITEMS - FOUND_BY_STEPS
    for step in PIPELINE:
        name = step.run.__name__
        assert set(step.reads + step.writes + step.rewrites) <= MEMO_FIELDS | PAGE_ITEMS, name
        assert set(step.reads) <= known, name
        assert not set(step.writes) & known, f"{name} writes what an earlier step wrote"
        assert set(step.rewrites) <= known, f"{name} rewrites what no earlier step wrote"
        known |= set(step.writes)


class _Traced:
    """Notes the fields read and set on a memo or a page."""
    def __getattribute__(self, name):
        if not name.startswith("_"):
            object.__getattribute__(self, "__dict__").setdefault("_reads", set()).add(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        self.__dict__.setdefault("_writes", set()).add(name)
        object.__setattr__(self, name, value)

    def restart(self) -> tuple[set[str], set[str]]:
        """(read, set) since the last restart."""
        return self.__dict__.pop("_reads", set()), self.__dict__.pop("_writes", set())


class _Memo(_Traced, Memo):
    pass


class _Page(_Traced, Page):
    pass


@pytest.mark.parametrize("k", range(len(_letters())))
def test_steps_read_and_write_what_their_row_says(k):
    text = _letters()[k]
    memo, page = _Memo(path="x.txt"), _Page.of(text)
    memo.restart(), page.restart()
    for step in PIPELINE:
        step.run(memo, page)
        (memo_reads, memo_writes), (page_reads, page_writes) = memo.restart(), page.restart()
        reads = (memo_reads & MEMO_FIELDS | page_reads & PAGE_ITEMS) - set(step.writes)
        writes = memo_writes | page_writes
        name = step.run.__name__
        assert reads <= set(step.reads), f"{name} reads {reads - set(step.reads)}"
        assert writes <= set(step.writes + step.rewrites), f"{name} writes {writes}"
    plain = Memo(path="x.txt")
    fill_fields(plain, text)
    assert {f: getattr(plain, f) for f in MEMO_FIELDS} == {f: getattr(memo, f) for f in MEMO_FIELDS}

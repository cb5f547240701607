"""The supervised pool: each item's result, or a TaskFailed that says how the worker
failed on it (its kind) and why in a clerk's words; the other items are done all the same."""
from index.reindex._workers import (CRASHED, OUT_OF_MEMORY, TIMED_OUT, TaskFailed,
                                    supervised_map)
from tests.index.reindex import tasks


def run(func, items, **kwargs):
    return dict(supervised_map(func, items, jobs=2, **kwargs))


def test_results_come_back_for_every_item():
    assert run(tasks.double, [1, 2, 3]) == {1: 2, 2: 4, 3: 6}


def test_an_exception_comes_back_as_its_kind_and_message():
    failed = run(tasks.fail, [7])[7]
    assert isinstance(failed, TaskFailed)
    assert (failed.kind, str(failed)) == ("ValueError", "ValueError: no good: 7")


def test_running_out_of_memory_crashing_and_hanging_are_each_named():
    exhausted = run(tasks.exhaust, [1])[1]
    assert (exhausted.kind, str(exhausted)) == (
        OUT_OF_MEMORY, "ran out of memory while reading (file too large or damaged)")
    crashed = run(tasks.crash, [1, 2])
    assert {n: (r.kind, str(r)) for n, r in crashed.items()} == {
        n: (CRASHED, "the reader crashed on this file (out of memory?)") for n in (1, 2)}
    hung = run(tasks.hang, [1], timeout=1)[1]
    assert (hung.kind, str(hung)) == (TIMED_OUT, "reading took longer than 1 s; skipped")

"""Filters as typed -> checked filters; a value that cannot be understood says which filter,
why and what was typed, as attributes as well as in its message."""
import pickle

import pytest

from index import BadFilter, FilterProblem, Filters


@pytest.mark.parametrize("raw, name, problem, value, other", [
    ({"date_to": " วันพระ "}, "date_to", FilterProblem.BAD_DATE, "วันพระ", None),
    ({"received_from": "2567", "received_to": "2566"}, "received_from",
     FilterProblem.REVERSED, None, "received_to"),
    ({"received_no": "ไม่มี"}, "received_no", FilterProblem.NO_DIGITS, "ไม่มี", None),
])
def test_a_bad_filter_says_which_why_and_what_was_typed(raw, name, problem, value, other):
    with pytest.raises(BadFilter) as info:
        Filters.parse(raw)
    bad = info.value
    assert (bad.name, bad.problem, bad.value, bad.other) == (name, problem, value, other)
    again = pickle.loads(pickle.dumps(bad))
    assert (str(again), again.problem) == (str(bad), bad.problem)


def test_a_message_may_call_the_filters_otherwise():
    with pytest.raises(BadFilter) as info:
        Filters.parse({"date_from": "2564", "date_to": "2563"})
    assert str(info.value) == "date-from is after date-to"
    assert info.value.message({"date_to": "the end"}) == "date-from is after the end"

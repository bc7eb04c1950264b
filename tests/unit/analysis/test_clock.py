"""The build's "now": SOURCE_DATE_EPOCH fixes it, anything else in it is refused in words."""

import datetime as dt

import pytest

from strategy_bible.analysis.clock import BadSourceDate, build_time


def test_source_date_epoch_fixes_the_build_time():
    assert build_time({"SOURCE_DATE_EPOCH": "1767225600"}) == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_without_it_the_build_time_is_now_to_the_second():
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    now = build_time({})
    assert now.tzinfo is dt.UTC and now.microsecond == 0
    assert before <= now <= dt.datetime.now(dt.UTC)


@pytest.mark.parametrize("value", ["yesterday", "1.5", "99999999999999999999"])
def test_a_value_that_is_not_whole_seconds_is_refused_in_words(value):
    with pytest.raises(BadSourceDate, match=f"SOURCE_DATE_EPOCH is '{value}'; use a whole number of seconds"):
        build_time({"SOURCE_DATE_EPOCH": value})

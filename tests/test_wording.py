"""composer.wording: one way to say counts, rows, durations and states, for both front ends."""

from __future__ import annotations

import pytest

from composer import wording


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(0, "0 s"), (44.6, "45 s"), (59.5, "1 min 00 s"), (125, "2 min 05 s"), (3900, "1 h 05 min")],
)
def test_durations(seconds, said):
    assert wording.duration(seconds) == said


def test_counts_have_their_plural():
    assert wording.count(1, "{n} apology", "{n} apologies") == "1 apology"
    assert wording.count(12_000, "{n} apology", "{n} apologies") == "12,000 apologies"
    assert wording.count(0, "{n} message", "{n} messages") == "0 messages"
    assert wording.customers(1) == "1 customer"


def test_row_lists_in_one_sentence():
    assert wording.rows_text([4]) == "row 4"
    assert wording.rows_text([4, 9]) == "rows 4 and 9"
    assert wording.rows_text(list(range(2, 40))) == "rows 2, 3, 4, 5 and 34 more"


def test_state_names_are_plain_and_zero_counts_are_left_out():
    assert wording.state_name("in_doubt") == "in doubt"
    assert wording.state_name("filtered") == "left out by the filter"
    line = wording.counts_line([("sent", 16), ("failed", 0), ("will_send", 29)])
    assert line == "16 sent, 29 not sent yet"


@pytest.mark.parametrize("code", ["en", "de", "fr", "es"])
def test_a_moment_is_written_in_the_language_the_app_speaks(code):
    """The time a test went, a send starts or a window opens: the person's own words for the
    month and their clock, never an ISO stamp."""
    import datetime as dt
    import re

    from babel.dates import get_month_names

    from composer import language

    moment = dt.datetime(2025, 12, 3, 9, 5)  # another day than today: with its date
    today = dt.datetime.combine(dt.date.today(), dt.time(9, 5))
    try:
        language.use(code)
        said = wording.clock(moment.timestamp())
        said_today = wording.clock(today.timestamp())
    finally:
        language.use("en")
    assert re.fullmatch(r"0?9:05", said_today)  # today: the time alone
    month = get_month_names("abbreviated", locale="en_GB" if code == "en" else code)[12]
    month = month.rstrip(".")  # "dic." in the calendar's list, "dic" beside a day
    assert month in said and "2025" in said
    assert re.search(r"\b0?9:05\b", said)  # the 24-hour clock, "09:05" or "9:05"
    assert "2025-12-03" not in said
    assert said.index("3") < said.index(month)  # the day before its month

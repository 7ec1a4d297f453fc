"""Recipients + Filter -> the audience: operators, combinations, errors and descriptions."""

from __future__ import annotations

import datetime as dt

import pytest

from composer import audience
from composer.audience import (
    CONTAINS,
    EQUALS,
    GREATER,
    IS_BLANK,
    LESS,
    NOT_BLANK,
    NOT_CONTAINS,
    NOT_EQUALS,
    ONE_OF,
    Condition,
    Filter,
    FilterError,
    count,
    describe,
    select,
)
from composer.errors import ComposerError
from composer.recipients import Recipient, build
from composer.table import Column, Table

HEADERS = [
    ("Email", "email"),
    ("Name", "name"),
    ("Country", "country"),
    ("Order total", "order_total"),
    ("Ordered on", "ordered_on"),
    ("Note", "note"),
]
ROWS = [
    ("ann@example.com", "Ann", "France", 250.5, dt.date(2024, 3, 5), "VIP customer"),
    ("bob@example.com", "Bob", " france ", 9, dt.datetime(2024, 1, 2, 10, 30), ""),
    ("cy@example.com", "Cy", "Belgium", "1,200.00", "2024-02-29", None),
    ("di@example.com", "Di", "Germany", 100, None, "  "),
    ("ed@example.com", "Ed", "FRANCE", "", "soon", "call first"),
]


@pytest.fixture
def recipients() -> list[Recipient]:
    table = Table(
        columns=[Column(h, f) for h, f in HEADERS],
        rows=ROWS,
        row_numbers=list(range(2, 2 + len(ROWS))),
    )
    return build(table).valid


def names(selected: list[Recipient]) -> list[str]:
    return [r.name for r in selected]


def where(field: str, op: str, value: str = "") -> Filter:
    return Filter((Condition(field, op, value),))


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (Condition("country", EQUALS, "France"), ["Ann", "Bob", "Ed"]),
        (Condition("country", EQUALS, "  FRANCE "), ["Ann", "Bob", "Ed"]),
        (Condition("country", NOT_EQUALS, "france"), ["Cy", "Di"]),
        (Condition("note", CONTAINS, "vip"), ["Ann"]),
        (Condition("note", NOT_CONTAINS, "VIP"), ["Bob", "Cy", "Di", "Ed"]),
        (Condition("note", IS_BLANK), ["Bob", "Cy", "Di"]),
        (Condition("note", NOT_BLANK), ["Ann", "Ed"]),
        (Condition("country", ONE_OF, "belgium, Germany ,"), ["Cy", "Di"]),
        (Condition("email", CONTAINS, "@EXAMPLE"), ["Ann", "Bob", "Cy", "Di", "Ed"]),
    ],
)
def test_text_operators_ignore_case_and_surrounding_spaces(recipients, condition, expected):
    assert names(select(recipients, Filter((condition,)))) == expected


def test_greater_and_less_compare_numbers_as_numbers(recipients):
    # as text, "9" > "100"; as numbers it is not, and "1,200.00" is 1200; blanks never match
    assert names(select(recipients, where("order_total", GREATER, "100"))) == ["Ann", "Cy"]
    assert names(select(recipients, where("order_total", LESS, "100"))) == ["Bob"]
    assert names(select(recipients, where("order_total", LESS, "100.5"))) == ["Bob", "Di"]


def test_greater_and_less_compare_dates_as_dates(recipients):
    after = select(recipients, where("ordered_on", GREATER, "2024-02-01"))
    assert names(after) == ["Ann", "Cy", "Ed"]  # Ed's "soon" is text: compared as text
    before = select(recipients, where("ordered_on", LESS, "2024-02-29"))
    assert names(before) == ["Bob"]


def test_greater_falls_back_to_text_when_either_side_is_not_a_number_or_date(recipients):
    assert names(select(recipients, where("name", GREATER, "c"))) == ["Cy", "Di", "Ed"]
    assert names(select(recipients, where("ordered_on", GREATER, "r"))) == ["Ed"]


def test_conditions_combine_with_all_or_any(recipients):
    france_and_big = Filter(
        (Condition("country", EQUALS, "France"), Condition("order_total", GREATER, "100"))
    )
    assert names(select(recipients, france_and_big)) == ["Ann"]
    either = Filter(france_and_big.conditions, match_all=False)
    assert names(select(recipients, either)) == ["Ann", "Bob", "Cy", "Ed"]
    assert count(recipients, either) == 4
    assert count(recipients, france_and_big) == 1


def test_no_conditions_keeps_everyone_in_order(recipients):
    selected = select(recipients, Filter())
    assert selected == recipients and selected is not recipients
    assert count(recipients, Filter()) == 5


def test_plain_dict_fields_work_too():
    people = [
        Recipient(2, "a@example.com", "A", {"total": "20", "day": "2024-05-01"}),
        Recipient(3, "b@example.com", "B", {"total": "3", "day": "2023-12-31"}),
    ]
    assert names(select(people, where("total", GREATER, "10"))) == ["A"]
    assert names(select(people, where("day", LESS, "2024-01-01"))) == ["B"]


def test_unknown_field_is_one_sentence_with_a_suggestion(recipients):
    with pytest.raises(FilterError) as caught:
        select(recipients, where("contry", EQUALS, "France"))
    message = str(caught.value)
    assert message.startswith('There is no column "contry" to filter on; did you mean "country"?')
    assert message.endswith(".") and "\n" not in message
    assert "order_total" in message
    assert caught.value.field == "contry"
    assert isinstance(caught.value, ComposerError)


def test_unknown_operator_is_one_sentence(recipients):
    with pytest.raises(FilterError) as caught:
        count(recipients, where("country", "like", "Fr%"))
    message = str(caught.value)
    assert message.startswith('"like" is not a filter operator; use one of: equals,')
    assert message.endswith(".") and "one_of" in message


def test_an_empty_list_still_rejects_an_unknown_operator():
    assert select([], where("anything", EQUALS, "x")) == []
    with pytest.raises(FilterError):
        select([], where("anything", "bigger", "x"))


def test_describe_reads_as_a_sentence():
    f = Filter((Condition("order_total", GREATER, "100"), Condition("country", EQUALS, "France")))
    assert describe(f) == "Order total greater than 100 and Country equals France"
    assert describe(Filter(f.conditions, match_all=False)) == (
        "Order total greater than 100 or Country equals France"
    )
    assert describe(f, {"order_total": "Order Total (€)"}) == (
        "Order Total (€) greater than 100 and Country equals France"
    )
    assert describe(Filter()) == "Everyone"
    assert describe(where("note", IS_BLANK)) == "Note is blank"
    assert describe(where("country", ONE_OF, "France, Belgium,")) == (
        "Country is one of France, Belgium"
    )
    assert describe(where("note", NOT_CONTAINS, "vip")) == "Note does not contain vip"


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (None, 50_000, False),  # nothing seen before: nothing to compare
        (5, 50_000, True),  # story 003: meant for 5, about to reach 50,000
        (5, 14, False),  # three times more, but only 9 more people
        (5, 15, True),
        (100, 299, False),
        (100, 300, True),
        (0, 10, True),
        (50_000, 5, False),  # shrinking is never a jump
    ],
)
def test_big_jump_is_called_out(previous, current, expected):
    assert audience.big_jump(previous, current) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("country = France", Condition("country", "equals", "France")),
        ("country != France", Condition("country", "not_equals", "France")),
        ("note ~ refund", Condition("note", "contains", "refund")),
        ("note !~ refund", Condition("note", "not_contains", "refund")),
        ("amount > 100", Condition("amount", "greater", "100")),
        ("order_date < 2026-03-05", Condition("order_date", "less", "2026-03-05")),
        ("country in FR, DE", Condition("country", "one_of", "FR, DE")),
        ("first_name is blank", Condition("first_name", "is_blank")),
        ("First name IS NOT BLANK", Condition("First name", "not_blank")),
        ("formula = a=b", Condition("formula", "equals", "a=b")),
    ],
)
def test_conditions_are_read_from_their_written_form(text, expected):
    assert audience.parse_condition(text) == expected


@pytest.mark.parametrize("text", ["country France", "= France", "", "   "])
def test_a_condition_without_an_operator_is_one_sentence(text):
    with pytest.raises(FilterError, match="is not a condition"):
        audience.parse_condition(text)

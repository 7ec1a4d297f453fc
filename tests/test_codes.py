"""Discount codes: shared, from a column, from a file; unique codes never go to two people and
never change once assigned."""

from __future__ import annotations

from pathlib import Path

import pytest

from composer.codes import (
    COLUMN,
    FILE,
    NONE,
    SHARED,
    CodePlan,
    assign,
    load_codes_file,
    problems,
)
from composer.errors import CodeError
from composer.recipients import CODE, Recipient


def people(*rows: int, codes: dict[int, str] | None = None) -> list[Recipient]:
    codes = codes or {}
    return [
        Recipient(
            row=row,
            email=f"c{row}@example.com",
            name=f"Customer {row}",
            fields={"email": f"c{row}@example.com", "voucher": codes.get(row, f"V{row}")},
        )
        for row in rows
    ]


def k(row: int) -> str:
    """The customer key of ``people``'s row ``row``."""
    return f"c{row}@example.com"


# ---------------------------------------------------------------- codes file


def test_codes_file_is_read_trimmed_in_order(tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_bytes(b"\xef\xbb\xbf AAA1 \r\nBBB2\r\n\tCCC3\r\n\r\n")
    assert load_codes_file(path) == ("AAA1", "BBB2", "CCC3")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("A1\n\nB2\n", "Line 2 of the codes file codes.txt is blank"),
        ("A1\nB2\nA1\n", "Line 3 of the codes file codes.txt repeats the code A1 from line 1"),
        ("A1\nb2\nB2\n", "Line 3 of the codes file codes.txt repeats the code B2 from line 2"),
        ("\n\n", "holds no codes"),
    ],
)
def test_codes_file_problems_name_the_line(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "codes.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CodeError) as e:
        load_codes_file(path)
    assert words in str(e.value)


def test_codes_file_that_is_not_text_or_missing(tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_bytes(b"\xff\xfeA\x00\xff")
    with pytest.raises(CodeError, match="not plain UTF-8 text"):
        load_codes_file(path)
    with pytest.raises(CodeError, match="cannot be read"):
        load_codes_file(tmp_path / "nope.txt")


# ---------------------------------------------------------------- assignment


def test_no_code_and_shared_code() -> None:
    crowd = people(2, 3, 5)
    assert assign(CodePlan(NONE), crowd) == {}
    assert assign(CodePlan(SHARED, shared=" SORRY11 "), crowd) == {
        k(2): "SORRY11",
        k(3): "SORRY11",
        k(5): "SORRY11",
    }
    with pytest.raises(CodeError, match="shared discount code is blank"):
        assign(CodePlan(SHARED, shared="  "), crowd)


def test_column_codes_come_from_each_row() -> None:
    assert assign(CodePlan(COLUMN, column="voucher"), people(2, 3)) == {k(2): "V2", k(3): "V3"}


def test_blank_column_codes_name_the_rows() -> None:
    crowd = people(2, 3, 4, codes={3: " ", 4: ""})
    with pytest.raises(CodeError) as e:
        assign(CodePlan(COLUMN, column="voucher"), crowd)
    assert str(e.value) == (
        "Rows 3 and 4 have no discount code in the voucher column; fill them in or leave those "
        "rows out."
    )
    found = problems(CodePlan(COLUMN, column="voucher"), crowd)
    assert [(p.row, p.kind) for p in found] == [(3, CODE), (4, CODE)]


def test_a_column_code_used_twice_is_an_error_naming_both_rows() -> None:
    crowd = people(2, 3, 9, codes={2: "SAME", 9: "same"})
    with pytest.raises(CodeError) as e:
        assign(CodePlan(COLUMN, column="voucher"), crowd)
    assert str(e.value) == (
        "The discount code same is used by rows 2 and 9; each customer needs their own code."
    )
    (problem,) = problems(CodePlan(COLUMN, column="voucher"), crowd)
    assert (problem.row, problem.duplicate_of) == (9, 2)


def test_a_missing_codes_column_is_an_error() -> None:
    with pytest.raises(CodeError, match="no column coupon"):
        assign(CodePlan(COLUMN, column="coupon"), people(2))


def test_file_codes_follow_spreadsheet_row_order() -> None:
    plan = CodePlan(FILE, pool=("A", "B", "C", "D"))
    assert assign(plan, people(9, 2, 5)) == {k(2): "A", k(5): "B", k(9): "C"}
    assert assign(plan, people(9, 2, 5)) == assign(plan, people(2, 5, 9))


def test_too_few_codes_is_an_error_before_sending() -> None:
    plan = CodePlan(FILE, pool=tuple(f"C{i}" for i in range(48)))
    crowd = people(*range(2, 52))
    with pytest.raises(CodeError) as e:
        assign(plan, crowd)
    assert str(e.value) == "There are 48 codes for 50 customers; add at least 2 more codes."
    (problem,) = problems(plan, crowd)
    assert (problem.row, problem.kind, problem.message) == (None, CODE, str(e.value))
    with pytest.raises(CodeError) as e:
        assign(CodePlan(FILE, pool=()), people(2))
    assert str(e.value) == "There are 0 codes for 1 customer; add at least 1 more code."


def test_adding_recipients_never_reuses_or_changes_a_code() -> None:
    plan = CodePlan(FILE, pool=("A", "B", "C", "D", "E"))
    first = assign(plan, people(2, 4, 6))
    assert first == {k(2): "A", k(4): "B", k(6): "C"}
    # rows 3 and 5 were added to the spreadsheet later; row 4 was left out of this run
    second = assign(plan, people(2, 3, 5, 6), already=first)
    assert second == {k(2): "A", k(3): "D", k(5): "E", k(6): "C"}
    assert len(set(second.values()) | {"B"}) == 5
    with pytest.raises(CodeError) as e:
        assign(plan, people(2, 3, 5, 6, 7), already=first)
    assert str(e.value) == (
        "There are 2 unused codes for 3 customers who still need one; add at least 1 more code."
    )


def test_a_customer_keeps_their_code_when_the_list_puts_them_on_another_row() -> None:
    plan = CodePlan(FILE, pool=("A", "B", "C"))
    first = assign(plan, people(2, 3))
    moved = [
        Recipient(row=2, email="new@example.com", name="", fields={}),
        Recipient(row=3, email="C2@example.com", name="", fields={}),  # was row 2
        Recipient(row=4, email="c3@example.com", name="", fields={}),
    ]
    again = assign(plan, moved, already=first)
    assert again == {"new@example.com": "C", k(2): "A", k(3): "B"}


def test_a_pool_with_a_repeated_code_is_refused() -> None:
    with pytest.raises(CodeError, match="lists a twice"):
        assign(CodePlan(FILE, pool=("A", "a", "B")), people(2))


def test_problems_are_empty_when_codes_are_fine() -> None:
    assert problems(CodePlan(FILE, pool=("A", "B")), people(2, 3)) == []
    assert problems(CodePlan(SHARED, shared="X"), people(2, 3)) == []

"""composer.check: one verdict on whether a mailing can go, with a sentence per blocking reason.
Rows that cannot get the apology (invalid, duplicate, suppressed) are reported, not blocking."""

from __future__ import annotations

from pathlib import Path

from composer import check, table
from composer.attachments import AttachmentPlan
from composer.audience import EQUALS, Condition, Filter
from composer.codes import COLUMN, FILE, SHARED, CodePlan
from composer.mailing import NO_SENDER, Mailing
from composer.message import Identity
from composer.recipients import ATTACHMENT, CODE, DUPLICATE, INVALID, MISSING_FIELD, SUPPRESSED
from composer.table import Column, Table
from composer.template import Template
from resources import SAMPLE_APOLOGY, SAMPLE_CUSTOMERS, SAMPLE_SHARED_CODE, resource_path

SHARED_CODE = CodePlan(kind=SHARED, shared="SORRY11")


def customers(*rows: tuple[str, str, str, str]) -> Table:
    rows = rows or (
        ("ann@example.com", "Ann", "1001", "A-1"),
        ("bob@example.com", "Bob", "1002", "A-2"),
        ("cat@example.com", "Cat", "1003", "A-3"),
    )
    return Table(
        columns=[
            Column("Email", "email"),
            Column("First name", "first_name"),
            Column("Order #", "order"),
            Column("Voucher", "voucher"),
        ],
        rows=list(rows),
        row_numbers=list(range(2, 2 + len(rows))),
    )


APOLOGY = Template(subject="Sorry, {{ first_name }}", body="Order {{ order }}: {{ code }}\n")


ANN, BOB, CAT = "ann@example.com", "bob@example.com", "cat@example.com"


def run(
    t: Table | None = None,
    template: Template = APOLOGY,
    *,
    already: dict[str, str] | None = None,
    identity: Identity | None = None,
    **parts,
) -> check.Checkup:
    """The check of a mailing; the sender is checked only when one is given."""
    parts.setdefault("code_plan", SHARED_CODE)
    mailing = Mailing(
        table=t or customers(), template=template, identity=identity or NO_SENDER, **parts
    )
    return check.run(mailing, already=already, check_sender=identity is not None)


def test_a_clean_list_is_sendable_with_everyone_in_the_audience():
    result = run()
    assert result.sendable and result.blocking == []
    assert result.rows_read == 3
    assert [r.row for r in result.audience] == [2, 3, 4]
    assert result.codes == {ANN: "SORRY11", BOB: "SORRY11", CAT: "SORRY11"}
    assert result.fields_used == ("first_name", "order", "code")
    assert result.problems == []


def test_bad_duplicate_and_suppressed_rows_are_reported_but_do_not_block():
    t = customers(
        ("ann@example.com", "Ann", "1", ""),
        ("not-an-address", "Bob", "2", ""),
        ("ANN@example.com", "Ann", "3", ""),
        ("dan@example.com", "Dan", "4", ""),
    )
    result = run(t, suppress=frozenset({"dan@example.com"}))
    assert result.sendable
    assert [r.row for r in result.audience] == [2]
    kinds = {p.row: p.kind for p in result.problems}
    assert kinds == {3: INVALID, 4: DUPLICATE, 5: SUPPRESSED}
    duplicate = next(p for p in result.problems if p.kind == DUPLICATE)
    assert duplicate.duplicate_of == 2


def test_no_address_column_blocks():
    t = Table(
        columns=[Column("Name", "name"), Column("City", "city")],
        rows=[("Ann", "Lyon"), ("Bob", "Oslo")],
        row_numbers=[2, 3],
    )
    result = run(t, Template(subject="Hi", body="Hello {{ name }}\n"), code_plan=CodePlan())
    assert not result.sendable
    assert result.audience == []
    assert "No column of e-mail addresses" in result.blocking[0]
    both = run(t, Template(subject="Hi", body="Hello {{ nmae }}\n"), code_plan=CodePlan())
    assert len(both.blocking) == 2 and "nmae" in both.blocking[1]  # every reason at once


def test_nobody_to_send_to_blocks():
    t = customers(("nobody", "Ann", "1", ""), ("", "Bob", "2", ""))
    result = run(t)
    assert not result.sendable
    assert result.blocking == [
        'No row has a usable e-mail address in the "Email" column, so there is nobody to send '
        "to; fix the addresses or choose the column that holds them."
    ]


def test_a_filter_that_leaves_nobody_blocks():
    result = run(filter=Filter((Condition("first_name", EQUALS, "Zed"),)))
    assert result.blocking == ["The filter leaves nobody to send to; change or remove it."]
    narrowed = run(filter=Filter((Condition("first_name", EQUALS, "Bob"),)))
    assert narrowed.sendable and [r.row for r in narrowed.audience] == [3]


def test_an_unknown_field_blocks_and_names_the_closest_column():
    result = run(template=Template(subject="Sorry", body="Hi {{ frist_name }}\n"))
    assert not result.sendable
    assert len(result.blocking) == 1
    assert "frist_name" in result.blocking[0] and "first_name" in result.blocking[0]


def test_blank_values_without_a_fallback_block_with_field_count_and_rows():
    rows = [(f"p{i}@example.com", "" if i % 2 else f"P{i}", str(i), "") for i in range(50)]
    result = run(customers(*rows))
    assert not result.sendable
    assert result.missing == {"first_name": list(range(3, 52, 2))}
    [sentence] = result.blocking
    # the column as the person named it, and what to do
    assert sentence.startswith("25 customers have no First name (rows 3, 5, 7, 9 and 21 more)")
    assert "give a fallback for {{ first_name }}" in sentence
    assert sum(p.kind == MISSING_FIELD for p in result.problems) == 25


def test_a_fallback_in_the_template_or_in_the_fallback_box_unblocks():
    rows = [("ann@example.com", "", "1", ""), ("bob@example.com", "Bob", "2", "")]
    inline = Template(subject="Sorry", body='Hi {{ first_name or "there" }} {{ code }}\n')
    boxed = Template(
        subject="Sorry", body="Hi {{ first_name }} {{ code }}\n", fallbacks={"first_name": "you"}
    )
    assert run(customers(*rows), inline).sendable
    assert run(customers(*rows), boxed).sendable


def test_code_printed_but_none_chosen_blocks():
    result = run(code_plan=CodePlan())
    assert not result.sendable
    assert "no discount code was chosen" in result.blocking[0]
    assert run(
        template=Template(subject="Sorry", body="Order {{ order }}\n"), code_plan=CodePlan()
    ).sendable


def test_too_few_codes_in_a_file_block():
    result = run(code_plan=CodePlan(kind=FILE, pool=("X1", "X2")))
    assert not result.sendable
    assert "2 codes for 3 customers" in result.blocking[0]
    assert any(p.kind == CODE for p in result.problems)
    enough = run(code_plan=CodePlan(kind=FILE, pool=("X1", "X2", "X3")))
    assert enough.sendable and enough.codes == {ANN: "X1", BOB: "X2", CAT: "X3"}
    assert enough.codes_left == 0
    assert run(code_plan=CodePlan(kind=FILE, pool=("X1", "X2", "X3", "X4"))).codes_left == 1


def test_codes_already_given_are_kept():
    result = run(code_plan=CodePlan(kind=FILE, pool=("X1", "X2", "X3")), already={BOB: "X1"})
    assert result.codes == {ANN: "X2", BOB: "X1", CAT: "X3"}


def test_duplicate_codes_in_a_column_block():
    t = customers(
        ("ann@example.com", "Ann", "1", "V-1"),
        ("bob@example.com", "Bob", "2", "V-2"),
        ("cat@example.com", "Cat", "3", "v-1"),
    )
    result = run(t, code_plan=CodePlan(kind=COLUMN, column="voucher"))
    assert not result.sendable
    assert "used by rows 2 and 4" in result.blocking[0]
    assert [p.row for p in result.problems if p.kind == CODE] == [4]


def test_a_missing_attachment_blocks(tmp_path):
    present = tmp_path / "label.pdf"
    present.write_bytes(b"%PDF")
    result = run(attachments=AttachmentPlan(files=(present,)))
    assert result.sendable
    gone = tmp_path / "gone.pdf"
    result = run(attachments=AttachmentPlan(files=(present, gone)))
    assert not result.sendable
    assert any("gone.pdf" in s for s in result.blocking)
    assert any(p.kind == ATTACHMENT for p in result.problems)


def test_a_per_recipient_attachment_missing_for_some_rows_blocks_with_the_rows(tmp_path):
    (tmp_path / "A-1.pdf").write_bytes(b"%PDF")
    (tmp_path / "A-3.pdf").write_bytes(b"%PDF")
    t = customers(
        ("ann@example.com", "Ann", "1", "A-1.pdf"),
        ("bob@example.com", "Bob", "2", "A-2.pdf"),
        ("cat@example.com", "Cat", "3", "A-3.pdf"),
    )
    result = run(t, attachments=AttachmentPlan(column="voucher", base_dir=tmp_path))
    assert result.blocking == [
        "1 customer cannot get their attachment (row 3); fix the files named for those rows "
        "or leave the rows out."
    ]


def test_an_invalid_sender_blocks_only_when_a_sender_is_given():
    assert run(identity=Identity("Sam", "sam@shop.example")).sendable
    result = run(identity=Identity("Sam", "sam at shop"))
    assert result.blocking == [
        'The sender address "sam at shop" is not a valid e-mail address; give your own address '
        "as the sender."
    ]


def test_several_reasons_are_all_listed():
    t = customers(("ann@example.com", "", "1", ""))
    result = run(t, code_plan=CodePlan(kind=FILE, pool=()))
    assert len(result.blocking) == 2
    assert "first_name" in result.blocking[0] and "code" in result.blocking[1]


def test_the_sample_workbook_and_apology_are_sendable():
    t = table.load(resource_path(*SAMPLE_CUSTOMERS))
    from composer import template

    apology = template.load(resource_path(*SAMPLE_APOLOGY))
    result = run(t, apology, code_plan=CodePlan(kind=SHARED, shared=SAMPLE_SHARED_CODE))
    assert result.sendable, result.blocking
    assert result.rows_read == 50
    assert len(result.audience) == 48
    kinds = sorted(p.kind for p in result.problems)
    assert kinds == [DUPLICATE, INVALID]
    # row 8 has no first name; the apology's fallback covers it
    sofia = next(r for r in result.audience if r.row == 8)
    assert sofia.fields["first_name"] == ""
    assert Path(resource_path("samples", "make_sample.py")).is_file()


def test_a_column_headed_code_is_pointed_at_when_no_code_was_chosen():
    sheet = customers()
    sheet = Table(
        columns=[*sheet.columns[:3], Column("Code", "code")],
        rows=sheet.rows,
        row_numbers=sheet.row_numbers,
    )
    blocked = run(sheet, code_plan=CodePlan())
    assert not blocked.sendable
    assert "choose it as the codes column" in blocked.blocking[0]
    assert "choose it as the codes column" not in run(code_plan=CodePlan()).blocking[0]
    chosen = run(sheet, code_plan=CodePlan(COLUMN, column="code"))
    assert chosen.sendable and chosen.codes == {ANN: "A-1", BOB: "A-2", CAT: "A-3"}


def test_an_empty_apology_blocks_in_the_message_step():
    result = run(template=Template(subject="", body=""), code_plan=CodePlan())
    assert [(b.step, b.sentence) for b in result.blockers] == [
        (check.Step.MESSAGE, check.EMPTY_SUBJECT),
        (check.Step.MESSAGE, check.EMPTY_BODY),
    ]
    only_body = run(template=Template(subject="Sorry", body=" \n"), code_plan=CodePlan())
    assert only_body.blocking == [check.EMPTY_BODY]


def test_no_customer_list_yet_blocks_in_the_customers_step():
    result = check.run(Mailing(template=APOLOGY, code_plan=SHARED_CODE), check_sender=False)
    assert result.first_step_to_fix() == check.Step.CUSTOMERS
    assert result.blocking == [check.OPEN_SPREADSHEET]


def test_each_blocker_names_the_step_that_fixes_it():
    t = customers(("ann@example.com", "", "1", ""))
    result = run(t, identity=Identity("", ""), code_plan=CodePlan())
    steps = {b.step for b in result.blockers}
    assert steps == {check.Step.MESSAGE, check.Step.SEND}
    assert result.first_step_to_fix() == check.Step.MESSAGE
    assert "sender" in result.blockers_for(check.Step.SEND)[0].sentence


def test_blank_counts_cover_every_field_in_use_fallback_or_not():
    t = customers(
        ("ann@example.com", "", "1", ""),
        ("bob@example.com", "Bob", "", ""),
        ("cat@example.com", " ", "3", ""),
    )
    apology = Template(
        subject="Sorry", body="Hi {{ first_name }}, {{ order }}", fallbacks={"first_name": "there"}
    )
    result = run(t, apology)
    assert result.blank == {"first_name": 2, "order": 1}
    assert result.missing == {"order": [3]}  # only the field without a fallback blocks


def test_values_worth_a_second_look():
    t = customers(
        ("ann@example.com", "", "n/a", ""),
        ("bob@example.com", "B" * 90, "2", ""),
    )
    mailing = Mailing(
        table=t,
        template=Template(
            subject="Sorry",
            body="Hi {{ first_name }}, {{ order }}",
            fallbacks={"first_name": "there"},
        ),
    )
    ann, bob = check.run(mailing, check_sender=False).audience
    looks = check.second_looks(mailing, ann)
    assert [look.mark for look in looks] == ["there", "n/a"]
    assert "“First name” is blank in row 2" in looks[0].sentence
    (long,) = check.second_looks(mailing, bob)
    assert "unusually long (90 characters) in row 3" in long.sentence


def test_a_row_whose_cells_show_another_customer_is_blocked_by_check() -> None:
    """Issue 8: check said ready where preview and send refused the message, since only the
    message-level guard looked for other customers' addresses."""
    hidden = customers(
        ("ann@example.com", "Ann", "1001", "A-1"),
        ("bob@example.com", "Bob \u200bcat@example.com", "1002", "A-2"),
        ("cat@example.com", "Cat", "1003 ANN@EXAMPLE.COM", "A-3"),
    )
    checkup = run(hidden)
    assert checkup.blocking == [
        "2 customers would be shown another customer's address in their apology (rows 3 "
        "and 4); fix the cells that hold it or leave those rows out."
    ]
    assert [(p.row, p.kind) for p in checkup.problems if p.kind == "exposed"] == [
        (3, "exposed"),
        (4, "exposed"),
    ]
    # a template that fills in by loops is judged on what it writes
    looped = Template("Sorry", "{% for c in first_name %}{{ c }}{% endfor %} {{ code }}")
    assert "row 3" in run(hidden, looped).blocking[0]
    # a value only the unused columns hold shows nobody
    assert run(customers(("ann@example.com", "Ann", "1001", "bob@example.com"))).blocking == []

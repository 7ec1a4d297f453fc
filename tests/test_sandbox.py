"""composer.sandbox: every template, the apology and file names from cells, ends quickly with a
message of sane size or one sentence; and ``check`` never calls ready what preview and send
could not fill in."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from composer import check, sandbox
from composer.attachments import AttachmentPlan
from composer.codes import SHARED, CodePlan
from composer.errors import TemplateError
from composer.mailing import Mailing
from composer.recipients import Recipient
from composer.table import Column, Table
from composer.template import Renderer, Template, is_straight
from tests.limits import one_sentence, run_cli

NESTED_LOOPS = "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}"
HOSTILE = {
    "nested loops": NESTED_LOOPS,
    "silent nested loops": NESTED_LOOPS.replace("x", ""),
    "four gigabytes": "{{ 'x' * 4 * 1024**3 }}",
    "a number that never ends": "{{ 9**(9**9) }}",
    "3,000 brackets": "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}",
    "25 nested loops": "".join(f"{{% for a{i} in [1] %}}" for i in range(25))
    + "x"
    + "{% endfor %}" * 25,
    "2,000 nested ifs": "{% if true %}" * 2000 + "x" + "{% endif %}" * 2000,
    "doubling with ~": "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a ~ a %}" * 40 + "{{ a }}",
    "doubling in a block": "{% set a = 'xxxxxxxxxx' %}"
    + "{% set a %}{{ a }}{{ a }}{% endset %}" * 40
    + "{{ a }}",
    "doubling with +": "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a + a %}" * 40 + "{{ a }}",
    "a macro calling itself twice": ("{% macro f() %}{{ f() }}{{ f() }}{% endmacro %}{{ f() }}"),
    "padding filter": "{{ 'x' | center(1000000000) }}",
    "padding method": "{{ 'x'.ljust(1000000000) }}",
    "replace amplified": "{% set a = 'x' * 100000 %}{{ a.replace('x', a) }}",
    "format width": "{{ '%999999999s' % 1 }}",
    "filler text": "{{ lipsum(100000) }}",
    "indent amplified": "{% set a = 'x\n' * 300000 %}{{ a | indent(1000) }}",
    "a loop of literal text": "{% for a in range(100000) %}" + "y" * 5000 + "{% endfor %}",
}


def table() -> Table:
    return Table(
        columns=[Column("Email", "email"), Column("First name", "first_name")],
        rows=[("ann@example.com", "Ann"), ("bob@example.com", "Bob")],
        row_numbers=[2, 3],
    )


def mailing(body: str, **parts) -> Mailing:
    return Mailing(
        table=table(),
        template=Template(subject="Sorry, {{ first_name }}", body=body),
        code_plan=CodePlan(kind=SHARED, shared="SORRY11"),
        **parts,
    )


def ann() -> Recipient:
    from composer import recipients

    return recipients.build(table(), None).valid[0]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_apology_is_one_sentence_in_check_and_when_filled_in(name: str) -> None:
    body = HOSTILE[name]
    checkup = check.run(mailing(body), check_sender=False)
    assert checkup.blocking, f"{name}: check said ready"
    sentence = checkup.blocking[0]
    assert "\n" not in sentence and sentence.endswith("."), sentence
    assert "Traceback" not in sentence and len(sentence) < 400, sentence
    with pytest.raises(TemplateError) as refused:
        Renderer(Template("Sorry", body), ["email", "first_name"]).render(ann(), "SORRY11")
    assert str(refused.value).endswith("."), refused.value


def test_the_reason_says_which_bound_and_where() -> None:
    deep = check.run(mailing("Hi\n\n" + HOSTILE["25 nested loops"]), check_sender=False)
    assert deep.blocking == [
        "There is a template mistake on line 3 of the message text (more than 8 loops, macros "
        "or calls inside one another); check the {{ }} and {% %} markers on that line."
    ]
    loops = check.run(mailing(NESTED_LOOPS), check_sender=False)
    assert loops.blocking == [
        "The apology for row 2 cannot be filled in: it takes more than 20,000 steps of work "
        "(loops, macros or calls that run too often); make the loops, macros or arithmetic in "
        "the template smaller."
    ]
    number = check.run(mailing(HOSTILE["a number that never ends"]), check_sender=False)
    assert "a number of more than 4,915 digits" in number.blocking[0]


def test_a_value_only_one_customer_breaks_is_found_by_check_with_its_row() -> None:
    people = Table(
        columns=[Column("Email", "email"), Column("First name", "first_name")],
        rows=[("ann@example.com", "Ann"), ("bob@example.com", "B" * 5000)],
        row_numbers=[2, 3],
    )
    body = "{{ first_name * 300 }}"  # Ann: 900 characters; row 3: 1,500,000
    checkup = check.run(replace(mailing(body), table=people), check_sender=False)
    assert len(checkup.blocking) == 1 and "row 3" in checkup.blocking[0]
    assert check.run(mailing(body), check_sender=False).blocking == []


def test_ordinary_templates_are_unchanged_and_loops_within_reason_work() -> None:
    renderer = Renderer(
        Template(
            "Sorry, {{ first_name | title }}",
            "{% for i in range(3) %}{{ loop.index }}{% endfor %} {{ 2 ** 10 }} "
            "{{ 'ab' * 3 }} {{ first_name ~ '!' }} {{ '%.2f' % 12.5 }} {{ code }}"
            "{% macro hi(n) %}Hi {{ n }}{% endmacro %} {{ hi(first_name) }}",
        ),
        ["email", "first_name"],
    )
    draft = renderer.render(ann(), "SORRY11")
    assert draft.subject == "Sorry, Ann"
    assert draft.text == "123 1024 ababab Ann! 12.50 SORRY11 Hi Ann"


def test_a_long_but_honest_loop_stays_inside_the_bounds() -> None:
    compiled = sandbox.compile("{% for i in range(15000) %}.{% endfor %}")
    assert sandbox.render(compiled, {}) == "." * 15000
    # each render has its own budget: the second is not charged for the first
    assert sandbox.render(compiled, {}) == "." * 15000


def test_straight_templates_need_no_filling_in_and_the_rest_do() -> None:
    assert is_straight(Template("Sorry {{ first_name or 'there' }}", "{% if code %}{{ code }}"
                                "{% endif %} {{ first_name | title }}"))  # fmt: skip
    for body in ("{% for a in [1] %}{% endfor %}", "{{ first_name.upper() }}", "{{ 1 + x }}",
                 "{{ a.b }}", "{{ name | center(9) }}", "{% set a = 1 %}"):  # fmt: skip
        assert not is_straight(Template("Sorry", body)), body


def test_a_template_that_breaks_on_a_value_is_caught_by_check_not_at_send() -> None:
    checkup = check.run(mailing("{{ first_name.nothing.here }}"), check_sender=False)
    assert checkup.blocking and "row 2" in checkup.blocking[0]


def test_attachment_cells_are_bounded_too(tmp_path: Path) -> None:
    cells = Table(
        columns=[Column("Email", "email"), Column("File", "file")],
        rows=[("ann@example.com", NESTED_LOOPS), ("bob@example.com", "x" * 5000)],
        row_numbers=[2, 3],
    )
    plan = AttachmentPlan(column="file", base_dir=tmp_path)
    found = check.run(
        Mailing(table=cells, template=Template("Sorry", "Hello"), attachments=plan),
        check_sender=False,
    )
    messages = [p.message for p in found.problems if p.row in (2, 3)]
    assert any("row 2" in m and "20,000 steps" in m for m in messages), messages
    assert any("row 3" in m and "5,000 characters long" in m for m in messages), messages
    assert all(len(m) < 400 for m in messages)


# -- the real CLI, in a child with a memory cap (the issue's reproductions) ------------------


def _apology(folder: Path, body: str) -> str:
    path = folder / "apology.txt"
    path.write_text("Subject: Sorry\n\n" + body + "\n", encoding="utf-8")
    return str(path)


def _list(folder: Path, file_cell: str = "a.pdf") -> str:
    path = folder / "customers.csv"
    path.write_text(f'email,first_name,file\nann@example.com,Ann,"{file_cell}"\n', "utf-8")
    return str(path)


@pytest.mark.parametrize(
    "name", ["nested loops", "four gigabytes", "a number that never ends", "2,000 nested ifs"]
)
def test_the_cli_check_and_preview_end_with_a_sentence_under_a_memory_cap(
    tmp_path: Path, name: str
) -> None:
    argv = ["--recipients", _list(tmp_path), "--template", _apology(tmp_path, HOSTILE[name])]
    out = tmp_path / "out"
    for extra in (["check"], ["preview", "--out", str(out)]):
        done = run_cli(extra[0], *argv, "--code", "X", *extra[1:])
        assert done.returncode == 1, done.stderr
        assert "Ready to send" not in done.stdout
        assert done.peak_kb < 400_000, done.peak_kb  # far under the 1 GB cap
        one_sentence(done.stderr) if extra[0] == "preview" else None
    assert not out.exists() or not list(out.iterdir())


def test_an_attachment_cell_of_nested_loops_is_a_sentence_under_a_memory_cap(
    tmp_path: Path,
) -> None:
    argv = ["--recipients", _list(tmp_path, NESTED_LOOPS), "--template", _apology(tmp_path, "Hi")]
    done = run_cli("check", *argv, "--attach-column", "file")
    assert done.returncode == 1
    assert "20,000 steps" in done.stdout and "Traceback" not in done.stderr


def test_format_widths_are_refused_before_the_text_is_made() -> None:
    for body in (
        "{{ '{:0999999999}'.format(1) }}",
        "{{ '%0999999999d' | format(1) }}",
        "{{ '%(a)0999999999d' | format(a=1) }}",
        "{{ '%.999999999f' | format(1.5) }}",
        "{{ '{:>{w}}'.format('x', w=999999999) }}",
    ):
        with pytest.raises(sandbox.Exceeded, match="longer than 1,000,000 characters"):
            sandbox.render(sandbox.compile(body), {})
    ordinary = (
        "{{ '{:>6}'.format('x') }}|{{ '%05.1f' | format(3.14) }}|{{ 'No 1234567: {}'.format(5) }}"
    )
    assert sandbox.render(sandbox.compile(ordinary), {}) == "     x|003.1|No 1234567: 5"

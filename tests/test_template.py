"""The apology template: file format, fields, fallbacks for blank values, rendering (plain and
Markdown) and the sentences a person sees when something is wrong."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from composer.errors import TemplateError
from composer.recipients import Recipient
from composer.template import (
    Renderer,
    Template,
    dump,
    fields_in_order,
    fields_used,
    load,
    missing_values,
    needs_code,
    parse,
)

COLUMNS = ["first_name", "last_name", "order", "city", "url", "email", "name"]


def person(row: int = 2, **values: str) -> Recipient:
    fields = {c: "" for c in COLUMNS}
    fields.update(first_name="Ada", last_name="Lovelace", order="1001", city="Leeds")
    fields.update(email="ada@example.com", name="Ada Lovelace")
    fields.update(values)
    return Recipient(row=row, email=fields["email"], name=fields["name"], fields=fields)


# ---------------------------------------------------------------- file format


def test_parse_reads_headers_fallbacks_and_body() -> None:
    t = parse(
        "Subject: Sorry, {{ first_name }}\n"
        "reply-to: Sam <help@shop.example>\n"
        "Fallback: first_name = there\n"
        "Fallback: city=your town\n"
        "\n"
        "Hi {{ first_name }},\n\nWe are sorry.\n"
    )
    assert t.subject == "Sorry, {{ first_name }}"
    assert t.reply_to == "Sam <help@shop.example>"
    assert t.fallbacks == {"first_name": "there", "city": "your town"}
    assert t.body == "Hi {{ first_name }},\n\nWe are sorry.\n"
    assert t.markdown is False


def test_parse_accepts_bom_and_windows_line_endings() -> None:
    t = parse("\ufeffSubject: Sorry\r\n\r\nLine one\r\nLine two\r\n")
    assert (t.subject, t.body) == ("Sorry", "Line one\nLine two\n")


@pytest.mark.parametrize("header", ["To", "Cc", "Bcc", "CC", "bcc"])
def test_an_address_header_is_refused(header: str) -> None:
    with pytest.raises(TemplateError) as e:
        parse(f"Subject: Sorry\n{header}: boss@example.com\n\nHi")
    name = header.capitalize()
    assert str(e.value) == (
        f"The template has a {name}: line; every message goes to exactly one customer, "
        "taken from the spreadsheet, so remove it."
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Reply-To: a@example.com\n\nHi", "no subject"),
        ("Subject:   \n\nHi", "no subject"),
        ("Subject: Sorry\nX-Mailer: me\n\nHi", "unknown header line 'X-Mailer:' (line 2)"),
        ("Hi there, sorry\n\nmore", "Line 1 of the template is not a header line"),
        ("Subject: Sorry\n\n   \n", "no apology text"),
        ("Subject: a\nSubject: b\n\nHi", "second Subject: line (line 2)"),
        ("Subject: a\nReply-To: a@x.example, b@x.example\n\nHi", "exactly one address"),
        ("Subject: a\nFallback: first_name\n\nHi", "Fallback: first_name = there"),
        ("Subject: a\nFallback: x = 1\nFallback: x = 2\n\nHi", "two fallbacks for x"),
        ("", "empty"),
    ],
)
def test_malformed_template_files_get_one_sentence(text: str, words: str) -> None:
    with pytest.raises(TemplateError) as e:
        parse(text)
    assert words in str(e.value)
    assert str(e.value).count(". ") == 0 and str(e.value).endswith((".", "?"))


def test_load_knows_markdown_by_extension(tmp_path: Path) -> None:
    (tmp_path / "apology.md").write_text("Subject: Sorry\n\n**Hi**\n", encoding="utf-8")
    (tmp_path / "apology.txt").write_text("Subject: Sorry\n\nHi\n", encoding="utf-8")
    assert load(tmp_path / "apology.md").markdown is True
    assert load(tmp_path / "apology.txt").markdown is False


def test_load_refuses_a_file_that_is_not_utf8_text(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Subject: Désolé\n\nHi\n".encode("latin-1"))
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    for path in (latin, binary):
        with pytest.raises(TemplateError, match="is not UTF-8 text; save it as plain text"):
            load(path)
    with pytest.raises(TemplateError, match="cannot be read"):
        load(tmp_path / "absent.txt")


def test_dump_round_trips_a_full_template() -> None:
    t = Template(
        "Sorry {{ first_name }}",
        "Hi,\n\nsorry.\n",
        markdown=True,
        reply_to="help@shop.example",
        fallbacks={"first_name": "there", "city": "your town"},
    )
    assert parse(dump(t), markdown=True) == t


@given(
    subject=st.text(min_size=1).map(lambda s: " ".join(s.split())).filter(bool),
    body=st.text().filter(lambda b: b.strip()).map(lambda b: b.replace("\r", "")),
    fallback=st.text().map(lambda s: " ".join(s.split())).filter(bool),
)
def test_dump_round_trips_any_text(subject: str, body: str, fallback: str) -> None:
    t = Template(subject.lstrip("\ufeff") or "x", body, fallbacks={"first_name": fallback})
    assert parse(dump(t)) == t


# ---------------------------------------------------------------- fields


def test_fields_used_lists_every_field_in_subject_and_body() -> None:
    t = Template(
        "Sorry {{ first_name }}",
        "{% for x in [1] %}{{ x }}{% endfor %}{{ order }} {{ range(2)|list }} {{ code }}",
    )
    assert fields_used(t) == {"first_name", "order", "code"}
    assert fields_in_order(t) == ("first_name", "order", "code")


def test_unknown_field_names_the_closest_column() -> None:
    t = Template("Sorry", "Hi {{ frist_name }},")
    with pytest.raises(TemplateError) as e:
        Renderer(t, COLUMNS)
    assert str(e.value) == (
        "The message uses {{ frist_name }}, but the spreadsheet has no such column; did you mean first_name?"
    )
    assert e.value.field == "frist_name"


def test_unknown_field_without_a_close_match_lists_the_columns() -> None:
    with pytest.raises(TemplateError) as e:
        Renderer(Template("Sorry {{ zzz }}", "Hi"), ["order", "city"])
    assert str(e.value) == (
        "The message uses {{ zzz }}, but the spreadsheet has no such column; use one of the fields "
        "city, order."
    )


def test_a_fallback_for_an_unknown_field_is_an_error() -> None:
    with pytest.raises(TemplateError, match="a fallback for frist_name.*did you mean first_name"):
        Renderer(Template("Sorry", "Hi", fallbacks={"frist_name": "x"}), COLUMNS)


def test_code_email_and_name_are_always_known() -> None:
    Renderer(Template("{{ name }}", "{{ email }} {{ code }} {{ first_name }} {{ last_name }}"), [])


def test_syntax_error_names_the_line_of_the_body() -> None:
    with pytest.raises(TemplateError) as e:
        Renderer(Template("Sorry", "Hi,\n\nYour order {{ order }.\n"), COLUMNS)
    message = str(e.value)
    assert message.startswith("There is a template mistake on line 3 of the message text (")
    assert message.endswith("check the {{ }} and {% %} markers on that line.")
    with pytest.raises(TemplateError, match="template mistake in the subject"):
        fields_used(Template("Sorry {% if %}", "Hi"))


# ---------------------------------------------------------------- blank values and fallbacks


def blanks(body: str, **fallbacks: str) -> dict[str, list[int]]:
    people = [
        person(2),
        person(3, first_name="", city=""),
        person(4, first_name=" ", order=""),
    ]
    return missing_values(Template("Sorry", body, fallbacks=fallbacks), people)


def test_a_blank_field_without_fallback_is_reported_with_its_rows() -> None:
    assert blanks("Hi {{ first_name }} from {{ city }}, order {{ order }}") == {
        "first_name": [3, 4],
        "city": [3],
        "order": [4],
    }


@pytest.mark.parametrize(
    "body",
    [
        '{{ first_name or "there" }}',
        "{{ first_name or last_name or 'there' }}",
        '{{ first_name | title or "there" }}',
        '{{ first_name | default("there", true) }}',
        '{{ first_name | d("there", true) }}',
        '{{ first_name | default("there", boolean=true) | upper }}',
        "{% if first_name %}Dear {{ first_name }},{% endif %}",
        "{% if first_name and city %}{{ first_name }} in {{ city }}{% endif %}",
        "{% if not first_name %}Hello{% else %}Dear {{ first_name }}{% endif %}",
        "{% if order == '' %}x{% elif first_name %}{{ first_name }}{% endif %}",
        "{% if first_name != '' %}{{ first_name }}{% endif %}",
        "{% if first_name|trim %}{{ first_name }}{% endif %}",
        "{{ first_name if first_name else 'there' }}",
        "{{ 'there' if not first_name else first_name }}",
    ],
)
def test_template_fallbacks_are_recognised(body: str) -> None:
    assert "first_name" not in blanks(body)


@pytest.mark.parametrize(
    "body",
    [
        '{{ first_name | default("there") }}',  # only for a missing field, not a blank one
        "{% if city %}{{ city }}{% endif %} {{ first_name }}",  # guarded once, not twice
        "{% if first_name or city %}{{ first_name }}{% endif %}",
        "{% if first_name %}x{% else %}{{ first_name }}{% endif %}",
        "{{ 'x' if city else first_name }}",
        '{{ (first_name ~ " ") or "there" }}',
        "{{ last_name or first_name }}",
    ],
)
def test_unguarded_uses_are_still_reported(body: str) -> None:
    assert blanks(body)["first_name"] == [3, 4]


def test_a_fallback_line_covers_the_field() -> None:
    assert blanks("Hi {{ first_name }} in {{ city }}", first_name="there") == {"city": [3]}
    assert blanks("Hi {{ first_name }}", first_name="  ") == {"first_name": [3, 4]}


def test_unmapped_name_parts_count_as_blank_not_unknown() -> None:
    plain = Recipient(row=9, email="x@example.com", name="", fields={"email": "x@example.com"})
    t = Template("S", "Hi {{ first_name }} {{ last_name }}")
    assert missing_values(t, [plain]) == {"first_name": [9], "last_name": [9]}
    assert Renderer(t, []).render(plain).text == "Hi  "
    covered = Template("S", "Hi {{ first_name }}", fallbacks={"first_name": "there"})
    assert missing_values(covered, [plain]) == {}
    assert Renderer(covered, []).render(plain).text == "Hi there"


def test_the_code_and_fields_a_recipient_lacks_are_left_to_others() -> None:
    assert blanks("{{ code }} {{ not_a_column }}") == {}


# ---------------------------------------------------------------- rendering


def test_render_fills_in_fields_code_and_one_line_subject() -> None:
    t = Template(
        "Sorry\r\nabout   order\t{{ order }}\n ",
        "Hi {{ first_name }},\nyour code is {{ code }}.",
        reply_to="help@shop.example",
    )
    draft = Renderer(t, COLUMNS).render(person(7, order="1001\r\nBcc: x@example.com"), "SORRY11")
    assert draft.subject == "Sorry about order 1001 Bcc: x@example.com"
    assert draft.text == "Hi Ada,\nyour code is SORRY11."
    assert (draft.row, draft.to_name, draft.to_address) == (7, "Ada Lovelace", "ada@example.com")
    assert (draft.code, draft.html, draft.reply_to) == ("SORRY11", None, "help@shop.example")


def test_text_is_not_html_escaped() -> None:
    draft = Renderer(Template("S", "{{ city }}"), COLUMNS).render(person(city="Marks & <Sons>"))
    assert draft.text == "Marks & <Sons>"


def test_fallback_text_is_used_only_when_blank() -> None:
    t = Template("Hi {{ first_name }}", "Hi {{ first_name }}", fallbacks={"first_name": "there"})
    r = Renderer(t, COLUMNS)
    blank = person(first_name="  ")
    assert r.render(blank).text == "Hi there"
    assert r.render(person()).subject == "Hi Ada"
    assert blank.fields["first_name"] == "  "  # the recipient itself is never changed


class RowView(Mapping[str, str]):
    """A lazy mapping like the one composer.recipients hands out."""

    def __init__(self, data: dict[str, str]):
        self._data = data

    def __getitem__(self, key: str) -> str:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def test_render_accepts_a_lazy_field_mapping() -> None:
    p = person(first_name="")
    lazy = Recipient(p.row, p.email, p.name, RowView(dict(p.fields)))
    t = Template("S", "Hi {{ first_name }} of {{ city }}", fallbacks={"first_name": "there"})
    assert Renderer(t, COLUMNS).render(lazy).text == "Hi there of Leeds"


def test_a_missing_code_is_an_error_unless_guarded() -> None:
    t = Template("S", "Your code: {{ code }}")
    assert needs_code(t)
    with pytest.raises(TemplateError, match=r"uses \{\{ code \}\}, but no discount code"):
        Renderer(t, COLUMNS).render(person(), None)
    guarded = Template("S", "{% if code %}Your code: {{ code }}{% endif %}Bye")
    assert not needs_code(guarded)
    assert Renderer(guarded, COLUMNS).render(person()).text == "Bye"
    with_fallback = Template("S", "Code {{ code }}", fallbacks={"code": "none needed"})
    draft = Renderer(with_fallback, COLUMNS).render(person(), "  ")
    assert (draft.text, draft.code) == ("Code none needed", None)


def test_the_sandbox_refuses_to_run_code() -> None:
    t = Template("S", "{{ city.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError, match="could not be filled in") as e:
        Renderer(t, COLUMNS).render(person(5))
    assert e.value.row == 5


# ---------------------------------------------------------------- Markdown


def markdown(body: str, **values: str) -> str:
    draft = Renderer(Template("S", body, markdown=True), COLUMNS).render(person(**values), "C1")
    assert draft.html is not None
    return draft.html


def test_markdown_values_are_escaped_and_never_read_as_markdown() -> None:
    html = markdown(
        "Hi **{{ first_name }}**,\n\n{{ city }}\n\n- order {{ order }}\n",
        first_name="*Bob* <script>alert(1)</script>",
        city="# [click](https://evil.example) `x` <b>bold</b> &amp;",
        order="_1_",
    )
    assert "<strong>*Bob* &lt;script&gt;alert(1)&lt;/script&gt;</strong>" in html
    assert "<p># [click](https://evil.example) `x` &lt;b&gt;bold&lt;/b&gt; &amp;amp;</p>" in html
    assert "<li>order _1_</li>" in html
    assert "<script" not in html and "<h1" not in html and "<a" not in html
    assert "<em>" not in html and "<code>" not in html


def test_markdown_source_is_formatted_and_plain_text_keeps_the_source() -> None:
    t = Template("S", "# Sorry\n\nDear {{ first_name }},\nthank you.", markdown=True)
    draft = Renderer(t, COLUMNS).render(person(first_name="A*b*"))
    assert draft.text == "# Sorry\n\nDear A*b*,\nthank you."
    assert draft.html == "<h1>Sorry</h1>\n<p>Dear A*b*,<br />\nthank you.</p>\n"


def test_raw_html_in_a_markdown_template_shows_as_text() -> None:
    assert markdown("<b>Sorry</b> {{ city }}") == "<p>&lt;b&gt;Sorry&lt;/b&gt; Leeds</p>\n"


def test_markdown_links_take_values_but_never_javascript() -> None:
    body = "[Track it]({{ url }}) and [again](https://shop.example/o/{{ order }})"
    html = markdown(body, url='https://shop.example/t?a=1&b="2"', order="10 01")
    assert '<a href="https://shop.example/t?a=1&amp;b=%222%22">Track it</a>' in html
    assert '<a href="https://shop.example/o/10%2001">again</a>' in html
    evil = markdown(body, url="javascript:alert(1)")
    assert "javascript" not in evil and "<a>Track it</a>" in evil


def test_markdown_output_of_fallbacks_and_macros_is_escaped_too() -> None:
    body = (
        '{% macro hi(n) %}Hi *{{ n }}*{% endmacro %}{{ hi(first_name) }} {{ city or "<the town>" }}'
    )
    html = markdown(body, first_name="<i>", city="")
    assert html == "<p>Hi *&lt;i&gt;* &lt;the town&gt;</p>\n"


# ---------------------------------------------------------------- blank values, column by column


def test_missing_values_read_column_by_column_agree_with_the_general_loop() -> None:
    """Recipients from build are checked a column at a time; the answer is the same as going
    through each recipient's fields (here as plain dicts, the general loop)."""
    import datetime as dt

    from composer.recipients import ColumnMap, build
    from composer.table import Column, Table

    headers = ["Email", "First name", "Last name", "Order", "Day", "Paid", "Note", "City"]
    rows = [
        ("a@example.com", "Ada", "L", 1001, dt.date(2026, 1, 2), True, "", "Leeds"),
        ("b@example.com", "", "", 0, None, False, "  ", "Lyon"),
        ("c@example.com", " ", "K", 2.5, dt.datetime(2026, 1, 2, 9, 30), 0, "x", None),
        ("d@example.com", "Dee", "", "", dt.time(9, 0), "", 7, dt.timedelta(0)),
        ("e@example.com", None, "M", None, "", None, None, ""),
    ]
    fields = ["email", "first_name", "last_name", "order", "day", "paid", "note", "city"]
    table = Table(
        columns=[Column(h, f) for h, f in zip(headers, fields, strict=True)],
        rows=rows,
        row_numbers=list(range(2, 2 + len(rows))),
    )
    body = " ".join(f"{{{{ {f} }}}}" for f in [*fields[1:], "name", "email", "code"])
    template = Template("Sorry", body)
    for columns in (None, ColumnMap("email")):  # with, then without mapped name columns
        people = build(table, columns).valid
        as_dicts = [Recipient(p.row, p.email, p.name, dict(p.fields)) for p in people]
        expected = missing_values(template, as_dicts)
        assert missing_values(template, people) == expected
        assert missing_values(template, iter(people)) == expected
    assert expected["note"] == [2, 3, 6] and expected["first_name"] == [3, 4, 6]
    assert "code" not in expected and "email" not in expected
    import composer.template as templates

    assert templates._missing_by_column(["note"], people) == {"note": [2, 3, 6]}  # the fast way


def test_unmapped_name_parts_are_blank_for_recipients_from_build() -> None:
    from composer.recipients import build
    from composer.table import Column, Table

    table = Table([Column("Email", "email")], [("a@example.com",), ("b@example.com",)], [2, 3])
    people = build(table).valid
    t = Template("Sorry", "Hi {{ first_name }} {{ last_name }}")
    assert missing_values(t, people) == {"first_name": [2, 3], "last_name": [2, 3]}


def test_a_name_typed_over_two_lines_stays_on_one_line_in_the_apology() -> None:
    t = Template(
        "Sorry {{ first_name }}",
        "Hi {{ first_name }} {{ last_name }} ({{ name }}),\n{{ city }}",
        True,
    )
    who = person(first_name="Jean\nPierre", last_name="Du\tPont", name="Jean\r\nPierre Du Pont")
    draft = Renderer(t, COLUMNS).render(who)
    assert draft.text == "Hi Jean Pierre Du Pont (Jean Pierre Du Pont),\nLeeds"
    assert draft.html is not None and "Jean Pierre Du Pont (Jean Pierre Du Pont)" in draft.html
    # other fields keep their line breaks: an address cell may be meant to span lines
    moved = Renderer(Template("S", "{{ city }}"), COLUMNS).render(person(city="1 Road\nLeeds"))
    assert moved.text == "1 Road\nLeeds"


def test_a_field_sharing_a_few_letters_is_not_suggested() -> None:
    with pytest.raises(TemplateError) as caught:
        Renderer(Template("S", "Your order {{ order }}"), ["first_name", "email"])
    assert "did you mean" not in str(caught.value)
    assert "code" not in str(caught.value).split(";", 1)[1]

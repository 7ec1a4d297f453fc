"""The letter's dates, amounts and numbers (composer.formats), through real templates and real
spreadsheet files, each checked against Babel's own output for its locale."""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from composer import formats, recipients, table
from composer.errors import TemplateError
from composer.template import Renderer, Template, dump, is_straight, missing_values, parse
from tests.spreadsheets import write_csv, write_ods, write_xlsx

LOCALES = ("en", "en_GB", "de", "de_AT", "fr", "fr_CA", "es", "es_MX")
DAY = dt.date(2026, 3, 9)


def _people(path: Path) -> list[recipients.Recipient]:
    return list(recipients.build(table.load(path)).valid)


def _one(body: str, person: recipients.Recipient, **letter: str) -> str:
    template = Template("Sorry", body, **letter)
    return Renderer(template, person.fields).render(person, code="SORRY10").text


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "customers.xlsx",
        [
            ["Email", "Name", "Order date", "Amount", "Items", "Note"],
            ["ana@example.com", "Ana", DAY, 12.5, 12345.5, "2026-03-09"],
            ["ben@example.com", "Ben", dt.datetime(2026, 11, 30, 14, 5), 1000, 3, "03/04/2026"],
        ],
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_a_date_cell_is_written_as_the_letters_language_writes_dates(workbook, locale):
    ana, ben = _people(workbook)
    assert _one("{{ order_date | date }}", ana, language=locale) == format_date(
        DAY, "long", locale=locale
    )
    for style in formats.DATE_STYLES:
        said = _one(f'{{{{ order_date | date("{style}") }}}}', ben, language=locale)
        assert said == format_date(dt.date(2026, 11, 30), style, locale=locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_amounts_and_numbers_follow_the_letter(workbook, locale):
    ana, _ben = _people(workbook)
    assert _one('{{ amount | money("EUR") }}', ana, language=locale) == format_currency(
        12.5, "EUR", locale=locale
    )
    assert _one("{{ items | number }}", ana, language=locale) == format_decimal(
        12345.5, locale=locale
    )
    # without a currency of its own, the campaign's; without that, the locale's country's
    said = _one("{{ amount | money }}", ana, language=locale, currency="CHF")
    assert said == format_currency(12.5, "CHF", locale=locale)
    own = formats.default_currency(locale)
    assert _one("{{ amount | money }}", ana, language=locale) == format_currency(
        12.5, own, locale=locale
    )


def test_the_examples_the_person_reads_in_the_help(workbook):
    ana, _ben = _people(workbook)
    assert _one("{{ order_date | date }}", ana, language="en_GB") == "9 March 2026"
    assert _one("{{ order_date | date }}", ana, language="de") == "9. März 2026"
    assert _one("{{ order_date | date }}", ana, language="fr") == "9 mars 2026"
    assert _one("{{ order_date | date }}", ana, language="es") == "9 de marzo de 2026"
    assert _one('{{ amount | money("EUR") }}', ana, language="de") == "12,50\xa0€"
    assert _one('{{ amount | money("EUR") }}', ana, language="en") == "€12.50"
    assert formats.default_currency("en_GB") == "GBP"
    assert formats.default_currency("de") == "EUR"
    assert formats.default_currency("es_MX") == "MXN"


def test_a_date_cell_without_a_filter_still_reads_as_the_spreadsheet_shows_it(workbook):
    ana, ben = _people(workbook)
    assert _one("{{ order_date }}", ana, language="de") == "2026-03-09"
    assert _one("{{ order_date }}", ben, language="de") == "2026-11-30 14:05"


def test_text_cells_are_never_reinterpreted(workbook):
    ana, ben = _people(workbook)
    # text in the one unambiguous form is read; "03/04/2026" is two different days in two
    # countries, so it is refused with a sentence naming the row, never guessed
    assert _one("{{ note | date }}", ana, language="en_GB") == "9 March 2026"
    with pytest.raises(TemplateError) as refused:
        _one("{{ note | date }}", ben, language="en_GB")
    assert str(refused.value).startswith("Row 3: “03/04/2026” is not a date")
    assert "make the cell a date in the spreadsheet" in str(refused.value)
    assert refused.value.row == 3
    with pytest.raises(TemplateError, match="is not a number"):
        _one("{{ name | money }}", ana)


def test_csv_text_is_read_only_in_its_unambiguous_form(tmp_path):
    path = write_csv(
        tmp_path / "list.csv",
        [["Email", "Name", "When", "Paid"], ["a@example.com", "A", "2026-03-09", "12.50"]],
    )
    (person,) = _people(path)
    body = "{{ when | date }} {{ paid | money('EUR') }} {{ paid | number }}"
    assert _one(body, person, language="de") == "9. März 2026 12,50\xa0€ 12,5"


def test_an_ods_date_cell_is_a_date(tmp_path):
    path = write_ods(
        tmp_path / "list.ods", [["Email", "Name", "When"], ["a@example.com", "A", DAY]]
    )
    (person,) = _people(path)
    assert _one("{{ when | date }}", person, language="fr") == "9 mars 2026"


def test_a_blank_cell_stays_blank_and_takes_a_fallback(tmp_path):
    path = write_xlsx(
        tmp_path / "c.xlsx",
        [
            ["Email", "Name", "Order date"],
            ["a@example.com", "A", DAY],
            ["b@example.com", "B", None],
        ],
    )
    people = _people(path)
    bare = Template("Sorry", "Your order of {{ order_date | date }}.")
    assert missing_values(bare, people) == {"order_date": [3]}
    kind = Template("Sorry", 'Your order of {{ order_date | date or "last week" }}.', language="en")
    assert missing_values(kind, people) == {}
    rendered = [Renderer(kind, people[0].fields).render(p).text for p in people]
    assert rendered == ["Your order of March 9, 2026.", "Your order of last week."]


def test_a_template_with_a_format_filter_is_filled_in_for_everyone_by_the_check():
    # such a filter can refuse a cell, so the check cannot take the template as straight
    assert not is_straight(Template("Sorry", "{{ order_date | date }}"))
    assert is_straight(Template("Sorry", "{{ name | title }}"))


def test_the_letter_reaches_the_subject_and_the_formatted_version(workbook):
    ana, _ben = _people(workbook)
    template = Template(
        "Ihre Bestellung vom {{ order_date | date }}",
        "Wir erstatten **{{ amount | money }}**.",
        markdown=True,
        language="de_AT",
        currency="EUR",
    )
    draft = Renderer(template, ana.fields).render(ana)
    assert draft.subject == "Ihre Bestellung vom " + format_date(DAY, "long", locale="de_AT")
    amount = format_currency(decimal.Decimal("12.5"), "EUR", locale="de_AT")
    assert draft.text == f"Wir erstatten **{amount}**."
    assert f"<strong>{amount}</strong>" in (draft.html or "")


def test_bad_styles_and_currencies_are_one_sentence(workbook):
    ana, _ben = _people(workbook)
    with pytest.raises(TemplateError, match="not a currency code"):
        _one('{{ amount | money("EURO") }}', ana)
    with pytest.raises(TemplateError, match="date style"):
        _one('{{ order_date | date("") }}', ana)


def test_language_and_currency_lines_in_the_template_file():
    template = parse("Subject: Sorry\nLanguage: de-AT\nCurrency: eur\n\nHallo")
    assert (template.language, template.currency) == ("de_AT", "EUR")
    assert parse(dump(template)) == template
    assert "Language: de_AT\nCurrency: EUR\n" in dump(template)
    assert parse("Subject: Sorry\n\nHi").language == ""  # the system's, when rendered
    with pytest.raises(TemplateError, match=r"Language: line \(line 2\) names no language"):
        parse("Subject: Sorry\nLanguage: Klingonish\n\nHi")
    with pytest.raises(TemplateError, match=r"Currency: line \(line 2\) names no currency"):
        parse("Subject: Sorry\nCurrency: Euro\n\nHi")


def test_the_system_locale_is_the_default(monkeypatch):
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_TIME", "de_AT.UTF-8")
    assert formats.system_locale() == "de_AT"
    monkeypatch.setenv("LC_TIME", "C")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert formats.system_locale() == "en_GB"
    assert formats.letter_locale("de", system="de_CH") == "de_CH"
    assert formats.letter_locale("fr", system="de_CH") == "fr"
    assert formats.letter_locale("en", system="en_US") == "en_US"
    assert formats.locale_name("de_AT") == "Deutsch (Österreich)"
    assert formats.locale_name("fr_CA", "en") == "French (Canada)"


def test_check_finds_the_one_row_whose_cell_is_not_a_date(workbook):
    from composer import check
    from composer.mailing import Mailing

    people = table.load(workbook)
    good = Mailing(
        table=people, template=Template("Sorry", "Your order of {{ order_date | date }}")
    )
    assert check.run(good, check_sender=False).blocking == []
    bad = Mailing(table=people, template=Template("Sorry", "{{ note | date }}"))
    (blocker,) = check.run(bad, check_sender=False).blocking
    assert "row 3" in blocker.lower() and "“03/04/2026” is not a date" in blocker


def test_the_campaign_file_keeps_the_letters_language_and_currency(
    tmp_path, workbook, smtp_server, trust_test_ca
):
    import asyncio

    from composer.campaign import Campaign
    from composer.recipients import ColumnMap
    from composer.sender import Sender
    from tests.sending_helpers import OWNER, open_for_sending
    from tests.smtp_server import PASSWORD

    path = tmp_path / "c.apology"
    Campaign.create(
        path,
        table=table.load(workbook),
        columns=ColumnMap(email="email", full_name="name"),
        template=Template("Sorry", "{{ order_date | date }}: {{ amount | money }}"),
        identity=OWNER,
    ).close()
    with Campaign.open(path) as campaign:
        assert (campaign.template.language, campaign.template.currency) == ("", "")
        fingerprint = campaign.mailing.fingerprint()
        campaign.template = Template(
            campaign.template.subject, campaign.template.body, language="de_AT", currency="CHF"
        )
        assert campaign.mailing.fingerprint() != fingerprint  # what customers read changed
        campaign.save()
    with open_for_sending(path) as campaign:
        assert (campaign.template.language, campaign.template.currency) == ("de_AT", "CHF")
        asyncio.run(Sender(campaign, smtp_server.account(), PASSWORD).run())
    got = {
        m.message["To"].addresses[0].addr_spec: m.message.get_body(("plain",)).get_content()
        for m in smtp_server.messages
    }
    assert got["ana@example.com"].strip() == "{}: {}".format(
        format_date(DAY, "long", locale="de_AT"), format_currency(12.5, "CHF", locale="de_AT")
    )

"""Dates, amounts and numbers written the way the letter's readers write them (Babel).

The apology's own filters: ``{{ order_date | date }}`` ("9 March 2026", "9. März 2026",
"9 mars 2026"), ``{{ order_date | date("short") }}`` (or "medium", "full", or a Babel pattern
such as ``"d MMMM"``), ``{{ amount | money }}`` in the campaign's currency or
``{{ amount | money("EUR") }}`` ("12,50 €" in German, "€12.50" in English) and
``{{ n | number }}`` ("12.345,5"). The letter's language (a locale such as ``de``, ``de_AT``,
``en_GB``) and currency belong to the campaign (``Language:`` and ``Currency:`` in the template
file); they default to the system's.

A spreadsheet's date cell reaches the filter as a date and a number cell as a number
(``composer.recipients.RowFields.cell``); a text cell is read only when it is written in the
one way nobody can misread (``2026-03-09``, ``12.50``), because "03/04" means two different days
in two countries. Anything else is a plain sentence naming the row, not a guess. A blank value
stays blank, so ``{{ order_date | date or "recently" }}`` falls back as any field does.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from composer.errors import TemplateError
from composer.language import _

if TYPE_CHECKING:
    from babel import Locale
    from jinja2.runtime import Context

DATE_STYLES = ("short", "medium", "long", "full")
# The letter languages offered in the app first (any Babel locale is accepted): the shipped
# languages with the countries that write them, and the neighbours a European shop writes to.
COMMON_LOCALES = (
    "en_GB", "en_US", "en_IE", "en_CA", "en_AU",
    "de_DE", "de_AT", "de_CH",
    "fr_FR", "fr_BE", "fr_CH", "fr_CA",
    "es_ES", "es_MX", "es_AR", "es_CO", "es_US",
    "it_IT", "nl_NL", "nl_BE", "pt_PT", "pt_BR", "pl_PL", "sv_SE", "da_DK", "nb_NO", "fi_FI",
)  # fmt: skip
COMMON_CURRENCIES = (
    "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "MXN", "ARS",
    "COP", "BRL", "JPY",
)  # fmt: skip

# The context keys through which a render hands the filters its letter (no field can be named so).
LOCALE_KEY, CURRENCY_KEY = "\x00locale", "\x00currency"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\Z")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?\Z")


class Value(str):
    """A field's text as the spreadsheet shows it, carrying the cell behind it (a date stays a
    date) for the filters; everywhere else it is the text."""

    cell: object

    def __new__(cls, text: str, cell: object) -> Value:
        value = super().__new__(cls, text)
        value.cell = cell
        return value


# ---------------------------------------------------------------- the letter's language


def system_locale() -> str:
    """The locale the person's session writes dates in (``de_AT``), else British English."""
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        name = os.environ.get(variable, "").split(".")[0].split("@")[0]
        if name and name not in ("C", "POSIX"):
            found = known_locale(name)
            if found:
                return found
            break
    return "en_GB"


def letter_locale(ui_language: str, system: str | None = None) -> str:
    """The letter's language for a new campaign: the app's language, in the system's country
    where the two agree (German app, Austrian system: ``de_AT``)."""
    system = system or system_locale()
    if system.split("_")[0] == ui_language:
        return system
    return known_locale(ui_language) or system


def letter_of(locale: str, currency: str) -> tuple[str, str]:
    """The language and currency a campaign's letter is written in: its own, else the
    system's locale and that country's currency."""
    locale = locale or system_locale()
    return locale, currency or default_currency(locale)


def new_letter(ui_language: str) -> tuple[str, str]:
    """The language and currency of a new campaign's letter, for a person whose app speaks
    ``ui_language``."""
    locale = letter_locale(ui_language)
    return locale, default_currency(locale)


def known_locale(name: str) -> str | None:
    """``name`` as Babel's identifier ("de-AT" -> "de_AT"), or None when Babel has no such
    locale."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(name.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


def locale_name(name: str, in_language: str | None = None) -> str:
    """ "Deutsch (Österreich)", or "German (Austria)" with ``in_language="en"``."""
    locale = _locale(name)
    return locale.get_display_name(in_language or locale) or name


def default_currency(locale: str) -> str:
    """The currency of the locale's country (``de`` -> EUR, ``en_GB`` -> GBP)."""
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    territory = _locale(locale).territory
    if territory is None:
        likely = get_global("likely_subtags").get(_locale(locale).language, "")
        territory = likely.split("_")[-1] if likely else None
    found = get_territory_currencies(territory) if territory else []
    return found[0] if found else "EUR"


def known_currency(code: str) -> str | None:
    """``code`` in capitals when it is an ISO 4217 currency Babel knows, else None."""
    from babel.numbers import list_currencies

    code = code.strip().upper()
    return code if code in list_currencies() else None


def currency_label(code: str, in_language: str) -> str:
    """ "EUR (€)", "CHF": short enough for a list beside the language."""
    from babel.numbers import get_currency_symbol

    symbol = get_currency_symbol(code, locale=_locale(in_language))
    return code if symbol == code else f"{code} ({symbol})"


# ---------------------------------------------------------------- the filters


def _cell(value: object) -> object:
    return value.cell if isinstance(value, Value) else value


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_date(value: object) -> dt.date | dt.datetime:
    """A date cell as it is; a text cell only as an ISO date (``2026-03-09``)."""
    cell = _cell(value)
    if isinstance(cell, dt.date):  # datetime is a date too
        return cell
    if isinstance(cell, str) and _ISO_DATE.match(cell.strip()):
        text = cell.strip()
        try:
            return (
                dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)
            )
        except ValueError:
            pass  # 2026-02-30 and such fall through to the sentence
    raise TemplateError(
        _(
            "“{value}” is not a date, so | date cannot write it; make the cell a date in the "
            "spreadsheet (or write it as 2026-03-09)."
        ).format(value=value)
    )


def as_number(value: object, filter_name: str) -> decimal.Decimal | int | float:
    """A number cell as it is; a text cell only as a plain number (``12.50``)."""
    cell = _cell(value)
    if isinstance(cell, bool):
        pass
    elif isinstance(cell, (int, float, decimal.Decimal)):
        return cell
    elif isinstance(cell, str) and _PLAIN_NUMBER.match(cell.strip()):
        return decimal.Decimal(cell.strip())
    raise TemplateError(
        _(
            "“{value}” is not a number, so | {filter} cannot write it; make the cell a number "
            "in the spreadsheet (or write it as 12.50)."
        ).format(value=value, filter=filter_name)
    )


def _letter(context: Context) -> str:
    return context.get(LOCALE_KEY) or system_locale()


def write_date(value: object, style: str = "long", *, locale: str) -> str:
    from babel.dates import format_date, format_datetime

    if _blank(value):
        return ""
    when = as_date(value)
    if not isinstance(style, str) or not style.strip():
        raise TemplateError(_('Write a date style as date("short"), date("long") or a pattern.'))
    if isinstance(when, dt.datetime) and style not in DATE_STYLES:
        return format_datetime(when, style, locale=_locale(locale))
    day = when.date() if isinstance(when, dt.datetime) else when
    return format_date(day, style, locale=_locale(locale))


def write_money(value: object, currency: str, *, locale: str) -> str:
    from babel.numbers import format_currency

    if _blank(value):
        return ""
    code = known_currency(currency) if isinstance(currency, str) else None
    if code is None:
        raise TemplateError(
            _("“{currency}” is not a currency code; write one such as EUR, USD or GBP.").format(
                currency=currency
            )
        )
    return format_currency(as_number(value, "money"), code, locale=_locale(locale))


def write_number(value: object, *, locale: str) -> str:
    from babel.numbers import format_decimal

    if _blank(value):
        return ""
    return format_decimal(as_number(value, "number"), locale=_locale(locale))


def _date_filter(context: Context, value: object, style: str = "long") -> str:
    return write_date(value, style, locale=_letter(context))


def _money_filter(context: Context, value: object, currency: str | None = None) -> str:
    locale = _letter(context)
    chosen = currency or context.get(CURRENCY_KEY) or default_currency(locale)
    return write_money(value, chosen, locale=locale)


def _number_filter(context: Context, value: object) -> str:
    return write_number(value, locale=_letter(context))


def filters() -> dict[str, Callable[..., Any]]:
    """The filters every apology may use, as Jinja context filters."""
    from jinja2 import pass_context

    return {
        "date": pass_context(_date_filter),
        "money": pass_context(_money_filter),
        "number": pass_context(_number_filter),
    }


NAMES = frozenset({"date", "money", "number"})

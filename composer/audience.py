"""Recipients + Filter -> Audience: the chosen subset, whose count is always shown."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from composer.errors import ComposerError
from composer.language import N_, _, n_, number
from composer.recipients import Recipient

# operators a condition may use
EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS = "equals", "not_equals", "contains", "not_contains"
IS_BLANK, NOT_BLANK, GREATER, LESS, ONE_OF = "is_blank", "not_blank", "greater", "less", "one_of"

# how describe() reads each operator
_WORDS = {
    EQUALS: N_("equals"),
    NOT_EQUALS: N_("does not equal"),
    CONTAINS: N_("contains"),
    NOT_CONTAINS: N_("does not contain"),
    IS_BLANK: N_("is blank"),
    NOT_BLANK: N_("is not blank"),
    GREATER: N_("greater than"),
    LESS: N_("less than"),
    ONE_OF: N_("is one of"),
}
OPERATORS = tuple(_WORDS)


@dataclass(frozen=True, slots=True)
class Condition:
    field: str
    op: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class Filter:
    conditions: tuple[Condition, ...] = ()
    match_all: bool = True  # False: any condition is enough


class FilterError(ComposerError):
    """A filter names a column or an operator that does not exist."""


# ---------------------------------------------------------------------------------------------
# Values: numbers and dates compare as such, everything else as text without case.

_CURRENCY = "$€£¥₹ \u00a0"
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?").fullmatch


def _number(text: str) -> float | None:
    """1001, 12.5, 1,234.50, 12,5 and €12 as numbers; None for anything else."""
    text = text.strip().strip(_CURRENCY).replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        if _THOUSANDS(text):
            text = text.replace(",", "")
        elif "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")  # a decimal comma, as in 12,5
        else:
            return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value else None  # NaN compares with nothing


def _date(text: str) -> dt.date | None:
    text = text.strip()
    if len(text) < 10 or not text[:4].isdigit():
        return None
    try:
        return (
            dt.datetime.fromisoformat(text).date()
            if len(text) > 10
            else dt.date.fromisoformat(text)
        )
    except ValueError:
        return None


def _typed(cell: object) -> float | dt.date | None:
    """A number or date cell as itself (so a date shown in the person's format still
    compares as a date); None for text and anything else."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    return None


def _parsed(text: str) -> float | dt.date | str:
    value = _number(text)
    if value is not None:
        return value
    return _date(text) or text.strip().casefold()


def _cell(fields: Mapping[str, str], name: str) -> object:
    cell = getattr(fields, "cell", None)  # RowFields keeps the value behind the text
    return cell(name) if cell is not None else None


def _ordered(name: str, limit: str, greater: bool) -> Callable[[Mapping[str, str]], bool]:
    """fields -> whether the field is greater (or less) than the limit: as numbers when both
    are numbers, as dates when both are dates, else as text; a blank never matches."""
    wanted = _parsed(limit)
    limit_text = limit.strip().casefold()

    def test(fields: Mapping[str, str]) -> bool:
        value: float | dt.date | str | None = _typed(_cell(fields, name))
        if value is None:
            text = fields[name]
            if not text.strip():
                return False
            value = _parsed(text)
        left: float | dt.date | str
        right: float | dt.date | str
        if type(value) is type(wanted):
            left, right = value, wanted
        else:  # e.g. a number against text: compare the text
            left, right = fields[name].strip().casefold(), limit_text
        return left > right if greater else left < right  # type: ignore[operator]

    return test


def _text_test(op: str, value: str) -> Callable[[str], bool]:
    """text -> whether a text condition holds (case and surrounding spaces ignored)."""
    wanted = value.strip().casefold()
    if op == EQUALS:
        return lambda text: text.strip().casefold() == wanted
    if op == NOT_EQUALS:
        return lambda text: text.strip().casefold() != wanted
    if op == CONTAINS:
        return lambda text: wanted in text.casefold()
    if op == NOT_CONTAINS:
        return lambda text: wanted not in text.casefold()
    if op == IS_BLANK:
        return lambda text: not text.strip()
    if op == NOT_BLANK:
        return lambda text: bool(text.strip())
    choices = {v.strip().casefold() for v in value.split(",") if v.strip()}  # ONE_OF
    return lambda text: text.strip().casefold() in choices


def _test(condition: Condition) -> Callable[[Mapping[str, str]], bool]:
    """A recipient's fields -> whether the condition holds."""
    name = condition.field
    if condition.op in (GREATER, LESS):
        return _ordered(name, condition.value, greater=condition.op == GREATER)
    text_test = _text_test(condition.op, condition.value)
    return lambda fields: text_test(fields[name])


# ---------------------------------------------------------------------------------------------


def check(filter: Filter, fields: Collection[str] | None) -> None:
    """Raise FilterError (one sentence) if a condition names an unknown operator or column
    (columns are not checked when ``fields`` is None)."""
    for condition in filter.conditions:
        if condition.op not in _WORDS:
            raise FilterError(
                _('"{operator}" is not a filter operator; use one of: {operators}.').format(
                    operator=condition.op, operators=", ".join(OPERATORS)
                ),
                field=condition.field,
            )
        if fields is not None and condition.field not in fields:
            close = difflib.get_close_matches(condition.field, list(fields), n=1)
            problem = (
                _(
                    'There is no column "{column}" to filter on; did you mean "{close}"? the '
                    "columns are: {columns}."
                )
                if close
                else _('There is no column "{column}" to filter on; the columns are: {columns}.')
            )
            raise FilterError(
                problem.format(
                    column=condition.field,
                    close=close[0] if close else "",
                    columns=", ".join(fields),
                ),
                field=condition.field,
            )


def select(recipients: Sequence[Recipient], filter: Filter) -> list[Recipient]:
    """The recipients the filter keeps, in their spreadsheet order; no conditions keeps all."""
    check(filter, list(recipients[0].fields) if recipients else None)
    if not filter.conditions:
        return list(recipients)
    tests = [_test(c) for c in filter.conditions]
    if len(tests) == 1:
        (only,) = tests
        return [r for r in recipients if only(r.fields)]
    combine = all if filter.match_all else any
    return [r for r in recipients if combine(t(r.fields) for t in tests)]


def count(recipients: Sequence[Recipient], filter: Filter) -> int:
    """How many recipients the filter keeps (the number the person confirms before sending)."""
    return len(select(recipients, filter))


def _label(field: str, headers: Mapping[str, str] | None) -> str:
    if headers and field in headers:
        return headers[field]
    text = field.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def describe(filter: Filter, headers: Mapping[str, str] | None = None) -> str:
    """A short sentence for the filter ("Order total greater than 100 and Country equals
    France"); ``headers`` maps field names to the headers the person sees."""
    if not filter.conditions:
        return _("Everyone")
    parts = []
    for c in filter.conditions:
        words = _(_WORDS[c.op]) if c.op in _WORDS else c.op
        column = _label(c.field, headers)
        if c.op in (IS_BLANK, NOT_BLANK):
            parts.append(_("{column} {operator}").format(column=column, operator=words))
            continue
        if c.op == ONE_OF:
            value = ", ".join(v.strip() for v in c.value.split(",") if v.strip())
        else:
            value = c.value.strip()
        parts.append(
            _("{column} {operator} {value}").format(column=column, operator=words, value=value)
        )
    # Translators: "and" / "or" stand between two conditions of the filter
    joined = _("and") if filter.match_all else _("or")
    return f" {joined} ".join(parts)


# Story 003: a mailing meant for 5 people went to 50,000. A count that grows this much between two
# looks is called out before anything is sent.
JUMP_FACTOR = 3
JUMP_MINIMUM = 10


def big_jump(previous: int | None, current: int) -> bool:
    """True when the audience grew so much since the person last saw it (at least JUMP_FACTOR
    times, and by at least JUMP_MINIMUM people) that it deserves a warning."""
    if previous is None:
        return False
    return current >= JUMP_FACTOR * max(previous, 1) and current - previous >= JUMP_MINIMUM


def jump_warning(previous: int | None, current: int) -> str:
    """The sentence for a big jump in the number of recipients ("" when there is none)."""
    if previous is None or not big_jump(previous, current):
        return ""
    return n_(
        "Careful: {n} person would get it now, {times} times as many as the {previous} before; "
        "check the customers and the filter before you send.",
        "Careful: {n} people would get it now, {times} times as many as the {previous} before; "
        "check the customers and the filter before you send.",
        current,
    ).format(
        n=number(current),
        times=number(current // max(previous, 1)),
        previous=number(previous),
    )


# How a condition is written on the command line: "country = France", "amount > 100",
# "first_name is blank". Longest symbols first, so "!=" is not read as "=".
_SYMBOLS = (
    ("!=", NOT_EQUALS),
    ("!~", NOT_CONTAINS),
    ("=", EQUALS),
    ("~", CONTAINS),
    (">", GREATER),
    ("<", LESS),
    (" in ", ONE_OF),
)


def parse_condition(text: str) -> Condition:
    """One condition from its written form: ``FIELD = VALUE`` (also ``!=``, ``~`` contains,
    ``!~``, ``>``, ``<``, ``in A,B,C``), ``FIELD is blank`` or ``FIELD is not blank``."""
    stripped = text.strip()
    lowered = stripped.casefold()
    for suffix, op in ((" is not blank", NOT_BLANK), (" is blank", IS_BLANK)):
        if lowered.endswith(suffix):
            return Condition(stripped[: -len(suffix)].strip(), op)
    found = [(stripped.find(symbol), symbol, op) for symbol, op in _SYMBOLS]
    found = [f for f in found if f[0] > 0]
    if not found:
        raise FilterError(  # the examples are the command line's own words: not translated
            _('"{text}" is not a condition; write it like {equals}, {greater} or {blank}.').format(
                text=text,
                equals='"country = France"',
                greater='"amount > 100"',
                blank='"first_name is blank"',
            )
        )
    at, symbol, op = min(found, key=lambda f: (f[0], -len(f[1])))
    return Condition(stripped[:at].strip(), op, stripped[at + len(symbol) :].strip())

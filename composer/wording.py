"""How the product says things, once, for the command line and the app alike.

Counts with the right plural, lists of spreadsheet rows, durations, clock times and the names
of delivery states. The app shows these sentences as they are (and writes numbers in the
person's locale where it builds its own), so the two front ends never describe the same thing
in two ways.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from composer.language import N_, SOURCE, _, current, n_, number

if TYPE_CHECKING:
    from babel import Locale

# What each state of a customer means to the person; keys are the values of
# composer.journal.State and composer.plan.Next (both are str enums).
STATE_NAMES = {
    "queued": N_("not sent yet"),
    "sending": N_("being sent"),
    "sent": N_("sent"),
    "failed": N_("failed"),
    "deferred": N_("will retry"),
    "in_doubt": N_("in doubt"),
    "will_send": N_("not sent yet"),
    "filtered": N_("left out by the filter"),
    "gone": N_("no longer in the list"),
}


def count(n: int, singular: str, plural: str) -> str:
    """ "1 message", "12,000 messages": ``n`` with the form its language gives it; both forms
    carry ``{n}`` (``count(n, "{n} message", "{n} messages")``, in the catalogue as such)."""
    return n_(singular, plural, n).format(n=number(n))


def customers(n: int) -> str:
    return n_("{n} customer", "{n} customers", n).format(n=number(n))


def rows_text(rows: Sequence[int], limit: int = 5) -> str:
    """ "row 4", "rows 4 and 9", "rows 4, 9, 12, 15 and 30 more": row lists in one sentence."""
    rows = list(rows)
    if len(rows) == 1:
        return _("row {row}").format(row=rows[0])
    if len(rows) <= limit:
        return _("rows {rows} and {last}").format(
            rows=", ".join(map(str, rows[:-1])), last=rows[-1]
        )
    more = len(rows) - limit + 1
    return n_("rows {rows} and {n} more", "rows {rows} and {n} more", more).format(
        rows=", ".join(map(str, rows[: limit - 1])), n=number(more)
    )


def duration(seconds: float) -> str:
    """ "45 s", "2 min 05 s", "1 h 05 min" (rounded to the nearest second)."""
    whole = max(0, int(seconds + 0.5))
    if whole < 60:
        return _("{s} s").format(s=whole)
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return _("{min} min {s} s").format(min=minutes, s=f"{secs:02d}")
    hours, minutes = divmod(minutes, 60)
    return _("{h} h {min} min").format(h=hours, min=f"{minutes:02d}")


def day_words(day: dt.date, skeleton: str) -> str:
    """A day written for the person in the current language, in that language's own order:
    the skeleton "MMMMEEEEd" gives "Thursday 3 December", "Donnerstag, 3. Dezember", "jeudi
    3 décembre"; "yMMMdd" gives "03 Dec 2026", "03. Dez. 2026". English is written the British
    way, as the rest of the product. Never for machines (those write ISO dates)."""
    from babel.dates import format_date, match_skeleton

    locale = _locale()
    found = match_skeleton(skeleton, locale.datetime_skeletons)
    pattern = locale.datetime_skeletons[found].pattern if found else skeleton
    # Babel picks the locale's nearest pattern but keeps its field widths ("E, d. MMMM" for
    # "MMMMEEEEd"): each field takes the skeleton's width, a text month staying a text month
    widths = {run.group()[0]: len(run.group()) for run in re.finditer(r"(\w)\1*", skeleton)}

    def widen(field: re.Match[str]) -> str:
        text = field.group()
        letter = text[0]
        wanted = widths.get(_SAME_FIELD.get(letter, letter))
        if text.startswith("'") or wanted is None:
            return text
        if letter in "MLce" and (len(text) >= 3) != (wanted >= 3):
            return text  # a month or weekday in figures stays in figures, and words in words
        return letter * wanted

    return format_date(day, re.sub(r"'[^']*'|([A-Za-z])\1*", widen, pattern), locale=locale)


# pattern letters that write the same field as a skeleton's (stand-alone month, weekday)
_SAME_FIELD = {"L": "M", "c": "E", "e": "E"}


def clock(timestamp: float) -> str:
    """A moment as the person reads it on their own clock, in the current language: today
    only its time ("14:05", said "at 14:05"), another day with its date ("3 Dec 2026, 14:05",
    "3. Dez. 2026, 14:05", "3 déc. 2026, 14:05")."""
    from babel.dates import format_skeleton, get_datetime_format

    locale = _locale()
    moment = dt.datetime.fromtimestamp(timestamp)
    time_of_day = format_skeleton("Hm", moment, locale=locale)
    if moment.date() == dt.date.today():
        return time_of_day
    return (
        str(get_datetime_format("medium", locale))
        .replace("{1}", format_skeleton("yMMMd", moment, locale=locale))
        .replace("{0}", time_of_day)
    )


def _locale() -> Locale:
    """The current language's Babel locale; English is written the British way."""
    from babel import Locale

    return Locale.parse("en_GB" if current() == SOURCE else current())


def state_name(state: str) -> str:
    """The plain name of a delivery state or of what happens next to a customer."""
    name = STATE_NAMES.get(str(state))
    return _(name) if name else str(state).replace("_", " ")


def counts_line(counts: dict[str, int] | Sequence[tuple[str, int]]) -> str:
    """ "16 sent, 2 failed, 27 not sent yet": the non-zero states, in the given order."""
    items = counts.items() if isinstance(counts, dict) else counts
    return ", ".join(
        _("{n} {state}").format(n=number(n), state=state_name(s)) for s, n in items if n
    )

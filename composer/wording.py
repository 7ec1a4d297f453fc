"""How the product says things, once, for the command line and the app alike.

Counts with the right plural, lists of spreadsheet rows, durations, clock times and the names
of delivery states. The app shows these sentences as they are (and writes numbers in the
person's locale where it builds its own), so the two front ends never describe the same thing
in two ways.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from composer.language import N_, _, n_, number

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


def clock(timestamp: float) -> str:
    """A moment as the person reads it on their own clock: "2026-12-01 14:05"."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


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

"""How the product says things, once, for the command line and the app alike.

Counts with the right plural, lists of spreadsheet rows, durations, clock times and the names
of delivery states. The app shows these sentences as they are (and writes numbers in the
person's locale where it builds its own), so the two front ends never describe the same thing
in two ways.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

# What each state of a customer means to the person; keys are the values of
# composer.journal.State and composer.plan.Next (both are str enums).
STATE_NAMES = {
    "queued": "not sent yet",
    "sending": "being sent",
    "sent": "sent",
    "failed": "failed",
    "deferred": "will retry",
    "in_doubt": "in doubt",
    "will_send": "not sent yet",
    "filtered": "left out by the filter",
    "gone": "no longer in the list",
}

_PLURALS = {
    "apology": "apologies",
    "company": "companies",
    "reply": "replies",
    "entry": "entries",
    "person": "people",
}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``word`` as it goes after the number ``n`` (1 message, 2 messages, 2 apologies)."""
    if n == 1:
        return word
    return many or _PLURALS.get(word) or f"{word}s"


def count(n: int, word: str, many: str | None = None) -> str:
    """ "1 message", "12,000 messages"."""
    return f"{n:,} {plural(n, word, many)}"


def customers(n: int) -> str:
    return count(n, "customer")


def has(n: int) -> str:
    return "has" if n == 1 else "have"


def rows_text(rows: Sequence[int], limit: int = 5) -> str:
    """ "row 4", "rows 4 and 9", "rows 4, 9, 12, 15 and 30 more": row lists in one sentence."""
    rows = list(rows)
    if len(rows) == 1:
        return f"row {rows[0]}"
    if len(rows) <= limit:
        return "rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
    return "rows " + ", ".join(map(str, rows[: limit - 1])) + f" and {len(rows) - limit + 1} more"


def duration(seconds: float) -> str:
    """ "45 s", "2 min 05 s", "1 h 05 min" (rounded to the nearest second)."""
    whole = max(0, int(seconds + 0.5))
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def clock(timestamp: float) -> str:
    """A moment as the person reads it on their own clock: "2026-12-01 14:05"."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


def state_name(state: str) -> str:
    """The plain name of a delivery state or of what happens next to a customer."""
    return STATE_NAMES.get(str(state), str(state).replace("_", " "))


def counts_line(counts: dict[str, int] | Sequence[tuple[str, int]]) -> str:
    """ "16 sent, 2 failed, 27 not sent yet": the non-zero states, in the given order."""
    items = counts.items() if isinstance(counts, dict) else counts
    return ", ".join(f"{n:,} {state_name(s)}" for s, n in items if n)

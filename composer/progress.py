"""The progress of a run, as the person sees it: counts, how far, how long, paused or not.

One model for the app's bar, its step list and the command line's progress line. It starts
from the campaign's plan (so the figures after a reopen match the figures during a run) and
follows the sender's events. "Done" is the same everywhere: sent, failed or in doubt. The time
left honours the pace the account allows (messages per minute) and says when the daily cap
will hold the rest back, instead of extrapolating from a fast start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from composer.language import _, n_, number
from composer.plan import Next, Plan, standing, tally
from composer.sender import Event, EventKind
from composer.wording import duration

_MOVES = {
    EventKind.SENT: Next.SENT,
    EventKind.FAILED: Next.FAILED,
    EventKind.IN_DOUBT: Next.IN_DOUBT,
}


@dataclass(slots=True)
class RunProgress:
    """Counts per fate for the whole campaign, and this run's own progress."""

    counts: dict[Next, int] = field(default_factory=dict)
    total: int = 0  # everyone the campaign concerns (sent, decided or still to go)
    run_total: int = 0  # messages this run tries
    run_done: int = 0  # of those, settled (sent, failed or in doubt)
    sent_this_run: int = 0
    rate: float | None = None  # messages per minute at most
    cap_room: int | None = None  # messages the daily cap allows from the start of the run
    started_at: float | None = None
    paused: bool = False
    running: bool = False
    clock: Callable[[], float] = time.monotonic

    @classmethod
    def from_plan(cls, plan: Plan, clock: Callable[[], float] = time.monotonic) -> RunProgress:
        """Where the campaign stands before (or between) runs."""
        return cls(counts=dict(plan.counts), total=plan.total, clock=clock)

    @property
    def done(self) -> int:
        """Customers of the campaign whose fate is settled for now."""
        return tally(self.counts)[0]

    @property
    def left(self) -> int:
        """Messages this run still has to try."""
        return max(0, self.run_total - self.run_done)

    def apply(self, event: Event) -> None:
        """Follow one event of the sender."""
        kind = event.kind
        if kind is EventKind.STARTED:
            self.running = True
            self.paused = False
            self.run_total = event.total or 0
            self.run_done = 0
            self.sent_this_run = 0
            self.rate = event.rate
            self.cap_room = event.cap_room
            self.started_at = self.clock()
            if event.counts is not None:
                self.counts = {Next(k): v for k, v in event.counts.items()}
                self.total = tally(self.counts)[1]
        elif kind in _MOVES and (kind is not EventKind.IN_DOUBT or event.row is not None):
            self._move(_MOVES[kind])
            self.run_done += 1
            if kind is EventKind.SENT:
                self.sent_this_run += 1
        elif kind is EventKind.PAUSED:
            self.paused = True
        elif kind is EventKind.RESUMED:
            self.paused = False
        elif kind is EventKind.FINISHED:
            self.running = False
            self.paused = False

    def _move(self, to: Next) -> None:
        c = self.counts
        if c.get(Next.SEND, 0) > 0:
            c[Next.SEND] -= 1
        c[to] = c.get(to, 0) + 1

    def seconds_left(self) -> float | None:
        """About how long the rest of this run takes (None: not known yet, or paused).
        At least what the rate allows; only as far as the daily cap lets it go today."""
        if not self.running or self.paused or self.left == 0 or self.started_at is None:
            return None
        going = self.left if self.cap_room is None else min(self.left, self._cap_left())
        if going <= 0:
            return 0.0
        elapsed = self.clock() - self.started_at
        seen = elapsed / self.run_done * going if self.run_done else None
        allowed = going * 60.0 / self.rate if self.rate else None
        if seen is None and allowed is None:
            return None
        return max(v for v in (seen, allowed) if v is not None)

    def _cap_left(self) -> int:
        return max(0, (self.cap_room or 0) - self.sent_this_run)

    def held_by_cap(self) -> int:
        """Messages of this run the daily cap will hold back for later."""
        if self.cap_room is None:
            return 0
        return max(0, self.left - self._cap_left())

    def status(self) -> str:
        """ "16 of 45 done · about 1 min 05 s left", "Paused · 8 of 45 done"."""
        text = self._done_text()
        if self.paused:
            return _("Paused · {progress}; the messages already on their way finish").format(
                progress=text
            )
        eta = self.seconds_left()
        if eta is not None:
            text += " · " + _("about {time} left").format(time=duration(eta))
        held = self.held_by_cap()
        if self.running and held:
            text += " · " + n_(
                "{n} message waits for the daily limit and goes later",
                "{n} messages wait for the daily limit and go later",
                held,
            ).format(n=number(held))
        return text

    def step_line(self) -> str:
        """ "Sending · 8 of 45 done", "Paused · 8 of 45 done" while it runs; afterwards where
        the campaign stands ("All 45 sent"), as the plan words it."""
        if not self.running:
            return standing(self.counts, self.counts.get(Next.SEND, 0)) or ""
        return (_("Paused") if self.paused else _("Sending")) + " · " + self._done_text()

    def _done_text(self) -> str:
        """ "16 of 45 done"."""
        return _("{done} of {total} done").format(done=number(self.done), total=number(self.total))

    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0

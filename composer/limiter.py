"""Sending politely: one shared pace (messages per minute) and the provider's daily cap.

Both are shared by every connection of a run, so K connections together never go faster than
the account allows. Pure asyncio, no I/O: the sender feeds the daily cap from the journal.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable

from composer.language import n_, number
from composer.wording import day_words

DAY = 24 * 60 * 60.0
MAX_CONNECTIONS = 10  # SMTP connections side by side, at most
DEFAULT_CONNECTIONS = 3


class RateLimiter:
    """Messages per minute, shared by every connection of a run.

    Transactions start on a steady beat of ``60 / rate`` seconds; after a pause the beat starts
    again from now, never with a burst. A late wake-up is made up on the next beat, so the
    average stays at the rate, and a log of the last ``rate`` start times makes sure that no
    60-second window ever holds more than ``rate`` starts, however late anyone woke. The server
    sees each message a little after it starts, and not always the same little, so the log
    keeps ``MARGIN`` seconds more than the window: the server's count stays under the rate too,
    at a cost of under 1% of the pace."""

    WINDOW = 60.0
    MARGIN = 0.5

    def __init__(
        self,
        rate: float | None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        import asyncio  # here: the command line's start-up reads this module's numbers only

        if rate is not None and rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.interval = 0.0 if rate is None else self.WINDOW / rate
        self._clock = clock
        self._sleep = sleep or asyncio.sleep
        self._next = -float("inf")  # the next planned beat
        self._starts: deque[float] = deque(maxlen=max(1, int(rate or 1)))
        self._lock = asyncio.Lock()

    def _earliest(self, planned: float) -> float:
        slot = max(planned, self._next)
        if self._starts.maxlen and len(self._starts) == self._starts.maxlen:
            slot = max(slot, self._starts[0] + self.WINDOW + self.MARGIN)
        return slot

    def delay(self) -> float:
        """Seconds until the next transaction may start (0 when it may start now)."""
        if self.rate is None:
            return 0.0
        now = self._clock()
        return self._earliest(now) - now

    async def acquire(self) -> float:
        """Wait for this transaction's turn; returns the (clock) time it was granted."""
        if self.rate is None:
            return self._clock()
        async with self._lock:  # one waiter at a time, in arrival order
            planned = max(self._clock(), self._next)
            while True:
                now = self._clock()
                slot = self._earliest(planned)
                if slot <= now:
                    break
                await self._sleep(slot - now)
            self._starts.append(now)
            # The next beat follows this one's plan, so a late wake-up is made up; but never
            # sooner than half a beat from now, so a long stall is not followed by a burst.
            self._next = max(slot + self.interval, now + self.interval / 2)
            return now


class DailyCap:
    """A rolling 24-hour cap: at most ``cap`` messages in any 24 hours.

    Seeded with the times (Unix seconds) of messages already sent from the journal; each
    transaction reserves a place before it starts and gives it back if nothing left."""

    def __init__(
        self,
        cap: int | None,
        sent_times: Iterable[float] = (),
        clock: Callable[[], float] = time.time,
    ) -> None:
        if cap is not None and cap <= 0:
            raise ValueError("daily cap must be positive")
        self.cap = cap
        self._clock = clock
        self._times = sorted(sent_times)
        self._reserved = 0

    def _drop_old(self, now: float) -> None:
        cut = bisect.bisect_left(self._times, now - DAY)
        if cut:
            del self._times[:cut]

    def used(self) -> int:
        """Messages counted against the cap right now (sent in the last 24 h, plus in flight)."""
        self._drop_old(self._clock())
        return len(self._times) + self._reserved

    @property
    def in_flight(self) -> int:
        """Places reserved by messages not finished yet (each may still give its place back)."""
        return self._reserved

    def remaining(self) -> int | None:
        return None if self.cap is None else max(0, self.cap - self.used())

    def reserve(self) -> bool:
        """Take a place for one message; False when the cap is reached."""
        if self.cap is not None and self.used() >= self.cap:
            return False
        self._reserved += 1
        return True

    def release(self, sent: bool, at: float | None = None) -> None:
        """Give the place back: keep it as a sent message, or free it if nothing left."""
        self._reserved = max(0, self._reserved - 1)
        if sent:
            bisect.insort(self._times, self._clock() if at is None else at)

    def next_free(self, count: int = 1) -> float:
        """Unix time at which ``count`` more messages fit under the cap (now if they fit)."""
        now = self._clock()
        if self.cap is None:
            return now
        self._drop_old(now)
        over = len(self._times) + self._reserved + count - self.cap
        if over <= 0:
            return now
        if over > len(self._times):
            # More than the cap itself: the last of them fits a day after the first ones go.
            return now + DAY
        return self._times[over - 1] + DAY


def spread(to_send: int, cap: int | None, used: int = 0, now: float | None = None) -> str | None:
    """When a run is bigger than the daily cap: over how many days it goes, and when the last
    messages leave, in one sentence ("" never; None when it fits in the cap's room today).
    ``used``: messages already counted in the last 24 hours."""
    if cap is None or to_send <= max(0, cap - used):
        return None
    now = time.time() if now is None else now
    today = max(0, cap - used)
    days = 1 + math.ceil((to_send - today) / cap)
    last = dt.date.fromtimestamp(now + (days - 1) * DAY)  # the person's own calendar day
    # ``days`` is 2 or more here (more than today's room, and a cap above 0), so the English
    # singular is never said; n_ still lets each language say its own plural of it
    return n_(
        "That is more than the {cap} a day this account allows, so it goes out over about "
        "{n} days, {cap} a day; the last messages leave on {day}.",
        "That is more than the {cap} a day this account allows, so it goes out over about "
        "{n} days, {cap} a day; the last messages leave on {day}.",
        days,
    ).format(cap=number(cap), n=number(days), day=day_words(last, "MMMMEEEEd"))

"""The rate limiter and the daily cap: pure scheduling, on a simulated clock."""

from __future__ import annotations

import asyncio

from composer.limiter import DAY, DailyCap, RateLimiter


class FakeTime:
    """A clock that only moves when something sleeps; sleeps overshoot a little, like a busy
    event loop does."""

    def __init__(self, overshoot: float = 0.004) -> None:
        self.now = 0.0
        self.overshoot = overshoot
        self.turn = 0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.turn += 1
        self.now += seconds + self.overshoot * (self.turn % 3)  # 0, 1x or 2x late
        await asyncio.sleep(0)


def test_rate_limiter_never_exceeds_the_rate_in_any_window_and_keeps_close_to_it():
    fake = FakeTime()
    limiter = RateLimiter(600, clock=fake.clock, sleep=fake.sleep)
    starts: list[float] = []

    async def connection(n: int) -> None:
        for _ in range(n):
            starts.append(await limiter.acquire())
            fake.now += 0.001  # a little work between messages

    async def run() -> None:
        await asyncio.gather(*(connection(700) for _ in range(3)))

    asyncio.run(run())
    starts.sort()
    # a steady beat: a late start is made up, but never by a burst
    assert all(b - a >= 0.05 for a, b in zip(starts, starts[1:], strict=False))
    j = 0
    # messages starting in [t, t + 60 + MARGIN): the margin absorbs the server seeing each
    # message a little after it starts, so the server's own count stays under the rate too
    for i, t in enumerate(starts):
        while j < len(starts) and starts[j] < t + 60 + RateLimiter.MARGIN:
            j += 1
        assert j - i <= 600
    per_minute = (len(starts) - 1) / (starts[-1] - starts[0]) * 60
    assert per_minute >= 0.97 * 600


def test_no_rate_means_no_waiting():
    fake = FakeTime()
    limiter = RateLimiter(None, clock=fake.clock, sleep=fake.sleep)

    async def run() -> None:
        for _ in range(50):
            await limiter.acquire()

    asyncio.run(run())
    assert fake.turn == 0


def test_daily_cap_is_a_rolling_24_hours_from_the_journal_times():
    now = [100_000.0]
    cap = DailyCap(
        3, sent_times=[now[0] - DAY - 5, now[0] - 3000, now[0] - 1000], clock=lambda: now[0]
    )
    assert cap.used() == 2  # the one older than 24 h no longer counts
    assert cap.reserve()
    assert not cap.reserve()  # 2 sent + 1 in flight = 3
    assert cap.next_free() == now[0] - 3000 + DAY
    cap.release(sent=False)  # the in-flight one failed: its place is free again
    assert cap.remaining() == 1
    assert cap.reserve()
    cap.release(sent=True)
    assert cap.remaining() == 0
    now[0] += DAY - 2999  # the oldest of the window has just left it
    assert cap.remaining() == 1
    assert DailyCap(None).reserve() and DailyCap(None).remaining() is None


def test_spread_names_the_last_day_in_the_language_the_app_speaks():
    import datetime as dt
    import time

    from babel.dates import format_date

    from composer import language
    from composer.limiter import spread

    monday_9am = time.mktime((2026, 11, 30, 9, 0, 0, 0, 0, -1))
    last = dt.date(2026, 11, 30) + dt.timedelta(days=4)  # 50,000 at 10,000 a day: 5 days
    said = {}
    try:
        for code in ("en", "de"):
            language.use(code)
            said[code] = spread(50_000, 10_000, now=monday_9am) or ""
    finally:
        language.use("en")
    for code, sentence in said.items():
        # the weekday and the month as Babel writes them for that day in that language
        assert format_date(last, "EEEE", locale=code) in sentence, (code, sentence)
        assert format_date(last, "MMMM", locale=code) in sentence, (code, sentence)
        assert format_date(last, "d", locale=code) in sentence
    assert "December" in said["en"] and "Friday" in said["en"]
    assert "Dezember" in said["de"] and "Freitag" in said["de"]
    assert "December" not in said["de"] and "Friday" not in said["de"]

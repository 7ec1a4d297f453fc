"""composer.progress: one model of a run's progress for the app and the command line."""

from __future__ import annotations

from collections import Counter

from composer.plan import Next, Plan
from composer.progress import RunProgress
from composer.sender import Event, EventKind


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def plan(**counts: int) -> Plan:
    c = Counter({Next(k): v for k, v in counts.items()})
    return Plan((), to_send=c[Next.SEND], audience=sum(c.values()), counts=c)


def started(model: RunProgress, total: int, **extra) -> None:
    counts = {str(k): v for k, v in model.counts.items()}
    model.apply(Event(EventKind.STARTED, total=total, counts=counts, **extra))


def test_after_a_reopen_the_bar_and_the_words_say_the_same():
    """16 of 45 sent before: the bar is at 16/45, not at a fresh run's 0%."""
    model = RunProgress.from_plan(plan(sent=16, will_send=29))
    assert (model.done, model.total) == (16, 45)
    assert model.fraction() == 16 / 45
    started(model, 29)
    model.apply(Event(EventKind.SENT, row=2, email="a@x.example"))
    assert (model.done, model.total) == (17, 45)
    assert model.counts[Next.SENT] == 17 and model.counts[Next.SEND] == 28
    assert model.status().startswith("17 of 45 done")


def test_the_time_left_honours_the_rate_not_a_fast_start():
    """43 messages at 40 a minute take over a minute, however fast the first ones went."""
    clock = Clock()
    model = RunProgress.from_plan(plan(will_send=45), clock=clock)
    started(model, 45, rate=40)
    for row in (2, 3):
        clock.now += 0.1  # the first two went at once
        model.apply(Event(EventKind.SENT, row=row))
    assert model.left == 43
    assert model.seconds_left() == 43 * 60 / 40
    assert "about 1 min 05 s left" in model.status()


def test_the_daily_cap_holds_the_rest_and_says_so():
    clock = Clock()
    model = RunProgress.from_plan(plan(will_send=50), clock=clock)
    started(model, 50, rate=60, cap_room=10)
    clock.now += 1
    model.apply(Event(EventKind.SENT, row=2))
    assert model.held_by_cap() == 40
    assert model.seconds_left() == 9 * 60 / 60  # only what the cap lets go today
    assert "40 messages wait for the daily limit and go later" in model.status()


def test_paused_says_paused_everywhere():
    model = RunProgress.from_plan(plan(sent=8, will_send=37))
    started(model, 37)
    model.apply(Event(EventKind.PAUSED))
    assert model.seconds_left() is None
    assert model.step_line() == "Paused · 8 of 45 done"
    assert model.status().startswith("Paused · 8 of 45 done")
    model.apply(Event(EventKind.RESUMED))
    assert model.step_line() == "Sending · 8 of 45 done"


def test_failures_and_doubt_are_done_too_and_a_finished_run_says_where_it_stands():
    model = RunProgress.from_plan(plan(will_send=3))
    started(model, 3)
    model.apply(Event(EventKind.SENT, row=2))
    model.apply(Event(EventKind.FAILED, row=3, reason="550"))
    model.apply(Event(EventKind.IN_DOUBT, rows=(9,)))  # a note about earlier ones: no move
    model.apply(Event(EventKind.IN_DOUBT, row=4, rows=(4,)))
    assert (model.done, model.run_done) == (3, 3)
    model.apply(Event(EventKind.FINISHED))
    assert model.step_line() == "1 sent, 2 need you"

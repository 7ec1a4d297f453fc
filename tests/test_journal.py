"""The delivery journal: states, crash recovery, the person's decisions, the daily-cap count."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from composer import journal
from composer.limiter import DAY, DailyCap, RateLimiter
from composer.recipients import Recipient


def person(row: int, email: str, name: str = "") -> Recipient:
    return Recipient(row=row, email=email, name=name, fields={"email": email})


@pytest.fixture
def conn(tmp_path):
    c = sqlite3.connect(tmp_path / "journal.sqlite")
    journal.create_schema(c)
    yield c
    c.close()


def reopen(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A second connection to the same file: what another process (or a restart) sees."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    return sqlite3.connect(path)


def test_enqueue_adds_each_recipient_once_and_keeps_existing_states(conn):
    people = [person(2, "ann@example.com", "Ann"), person(3, "bob@example.com", "Bob")]
    assert journal.enqueue(conn, people, codes={2: "SORRY-A", 3: "SORRY-B"}) == 2
    journal.mark_sending(conn, 2, "<a@shop.test>")
    journal.mark_sent(conn, 2, "250 OK", "<a@shop.test>")
    # queuing again (a resumed run) neither duplicates rows nor resets the sent one
    assert journal.enqueue(conn, people + [person(4, "cy@example.com")]) == 1
    states = {d.row: d.state for d in journal.rows(conn)}
    assert states == {2: journal.SENT, 3: journal.QUEUED, 4: journal.QUEUED}
    assert journal.get(conn, 2).code == "SORRY-A"
    assert journal.get(conn, 3).name == "Bob"


def test_an_address_that_already_got_the_apology_is_never_queued_again(conn):
    journal.enqueue(conn, [person(2, "Ann@Example.com")])
    journal.mark_sending(conn, 2)
    journal.mark_sent(conn, 2, "250 OK")
    # the same mailbox under another row (an edited sheet), in another case, and a twin
    later = [
        person(9, "ann@example.com"),
        person(10, "dee@example.com"),
        person(11, "DEE@example.com"),
    ]
    assert journal.enqueue(conn, later) == 1
    assert [d.row for d in journal.rows(conn)] == [2, 10]


def test_in_doubt_addresses_are_not_queued_under_another_row_either(conn):
    journal.enqueue(conn, [person(2, "ann@example.com")])
    journal.mark_sending(conn, 2)
    journal.recover(conn)
    assert journal.enqueue(conn, [person(7, "ann@example.com")]) == 0


def test_a_twin_row_stays_out_on_later_runs_while_the_first_waits_or_failed(conn):
    twins = [person(2, "eve@example.com"), person(3, "EVE@example.com")]
    assert journal.enqueue(conn, twins) == 1
    # a later run (resume) while row 2 still waits must not queue row 3 for the same person
    assert journal.enqueue(conn, twins) == 0
    journal.mark_failed(conn, 2, "550 no such user")
    assert journal.enqueue(conn, twins) == 0
    assert journal.requeue_failed(conn) == 1
    assert [(d.row, d.state) for d in journal.rows(conn)] == [(2, journal.QUEUED)]


def test_sending_is_committed_before_the_message_leaves_and_recovered_as_in_doubt(conn):
    journal.enqueue(conn, [person(2, "ann@example.com"), person(3, "bob@example.com")])
    journal.mark_sending(conn, 2, "<m2@shop.test>")
    # the process dies here: another connection must already see "sending"
    other = reopen(conn)
    try:
        assert journal.get(other, 2).state == journal.SENDING
        assert journal.recover(other) == [2]
        doubt = journal.in_doubt(other)
    finally:
        other.close()
    assert [(d.row, d.message_id, d.attempts) for d in doubt] == [(2, "<m2@shop.test>", 1)]
    assert journal.get(conn, 3).state == journal.QUEUED
    assert journal.recover(conn) == []  # nothing left in sending


def test_outcomes_store_reply_message_id_time_and_count_attempts(conn):
    journal.enqueue(conn, [person(2, "ann@example.com")])
    journal.mark_deferred(conn, 2, "451 4.3.0 try later", retry_at=1000.0, at=900.0)
    assert journal.get(conn, 2).state == journal.DEFERRED
    journal.mark_sending(conn, 2, "<m@shop.test>", at=1001.0)
    journal.mark_sent(conn, 2, "250 2.0.0 queued", at=1002.0)
    d = journal.get(conn, 2)
    assert (d.state, d.attempts, d.last_reply, d.message_id, d.sent_at, d.retry_at) == (
        journal.SENT,
        2,
        "250 2.0.0 queued",
        "<m@shop.test>",
        1002.0,
        None,
    )
    log = journal.attempts(conn, 2)
    assert [(a.state, a.reply) for a in log] == [
        (journal.DEFERRED, "451 4.3.0 try later"),
        (journal.SENDING, None),
        (journal.SENT, "250 2.0.0 queued"),
    ]


def test_pending_is_queued_plus_deferred_whose_time_has_come(conn):
    journal.enqueue(conn, [person(r, f"p{r}@example.com") for r in (2, 3, 4, 5)])
    journal.mark_deferred(conn, 3, "451", retry_at=100.0)
    journal.mark_deferred(conn, 4, "451", retry_at=200.0)
    journal.mark_failed(conn, 5, "550 no such user")
    assert journal.pending(conn, now=150.0) == [2, 3]
    assert journal.pending(conn, now=250.0) == [2, 3, 4]


def test_the_person_resolves_in_doubt_messages(conn):
    journal.enqueue(conn, [person(r, f"p{r}@example.com") for r in (2, 3, 4)])
    for r in (2, 3):
        journal.mark_sending(conn, r)
    journal.recover(conn)
    assert journal.resolve_in_doubt(conn, [2, 4], as_sent=True) == 1  # 4 is not in doubt
    assert journal.resolve_in_doubt(conn, [3], as_sent=False) == 1
    d2, d3, d4 = journal.rows(conn)
    assert (d2.state, d3.state, d4.state) == (journal.SENT, journal.QUEUED, journal.QUEUED)
    assert d2.sent_at is not None
    assert journal.counts(conn)[journal.IN_DOUBT] == 0


def test_requeue_failed_only_touches_failed_rows(conn):
    journal.enqueue(conn, [person(r, f"p{r}@example.com") for r in (2, 3, 4)])
    journal.mark_failed(conn, 2, "550 unknown")
    journal.mark_failed(conn, 3, "550 unknown")
    journal.mark_sending(conn, 4)
    journal.mark_sent(conn, 4, "250 OK")
    assert journal.requeue_failed(conn, [3, 4]) == 1
    assert journal.counts(conn) == {
        journal.QUEUED: 1,
        journal.SENDING: 0,
        journal.SENT: 1,
        journal.FAILED: 1,
        journal.DEFERRED: 0,
        journal.IN_DOUBT: 0,
    }
    assert journal.requeue_failed(conn) == 1
    assert journal.pending(conn) == [2, 3]


def test_sent_since_counts_sent_and_in_doubt_inside_the_window(conn):
    journal.enqueue(conn, [person(r, f"p{r}@example.com") for r in (2, 3, 4, 5)])
    journal.mark_sent(conn, 2, "250", at=100.0)
    journal.mark_sent(conn, 3, "250", at=5000.0)
    journal.mark_in_doubt(conn, 4, "connection lost", at=6000.0)
    journal.mark_failed(conn, 5, "550", at=7000.0)
    assert journal.sent_since(conn, 1000.0) == 2
    assert journal.sent_times(conn, 0.0) == [100.0, 5000.0, 6000.0]


def test_enqueue_is_one_transaction_all_or_nothing(conn):
    broken = Recipient(row=3, email=None, name="", fields={})  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        journal.enqueue(conn, [person(2, "ann@example.com"), broken])
    assert journal.rows(conn) == []
    assert not conn.in_transaction


# -- the limiter (pure scheduling, on a simulated clock) --------------------------------------


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

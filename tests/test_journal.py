"""The delivery journal: per customer (their address), never per row: states, crash recovery,
the person's decisions, the daily-cap count."""

from __future__ import annotations

import sqlite3

import pytest

from composer import journal
from composer.recipients import Recipient

ANN, BOB, CY = "ann@example.com", "bob@example.com", "cy@example.com"


def person(row: int, email: str, name: str = "") -> Recipient:
    return Recipient(row=row, email=email, name=name, fields={"email": email})


def people(*rows: int) -> list[Recipient]:
    return [person(r, f"p{r}@example.com") for r in rows]


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


def states(conn: sqlite3.Connection) -> dict[str, journal.State]:
    return {d.customer: d.state for d in journal.rows(conn)}


def test_enqueue_adds_each_customer_once_and_keeps_existing_states(conn):
    first = [person(2, ANN, "Ann"), person(3, BOB, "Bob")]
    assert journal.enqueue(conn, first, codes={ANN: "SORRY-A", BOB: "SORRY-B"}) == 2
    journal.mark_sending(conn, ANN, "<a@shop.test>")
    journal.mark_sent(conn, ANN, "250 OK", "<a@shop.test>")
    # queuing again (a resumed run) neither duplicates anyone nor resets the sent one
    assert journal.enqueue(conn, [*first, person(4, CY)]) == 1
    assert states(conn) == {ANN: journal.SENT, BOB: journal.QUEUED, CY: journal.QUEUED}
    assert journal.get(conn, ANN).code == "SORRY-A"
    assert journal.get(conn, BOB).name == "Bob"


def test_a_customer_who_moved_row_keeps_their_state_and_shows_the_new_row(conn):
    journal.enqueue(conn, [person(2, "Ann@Example.com"), person(3, BOB)])
    journal.mark_sending(conn, "ann@example.com")
    journal.mark_sent(conn, "ann@example.com", "250 OK")
    # an edited sheet: a forgotten customer on top pushes everybody down one row
    edited = [person(2, "dee@example.com"), person(3, "ann@example.com"), person(4, BOB)]
    assert journal.enqueue(conn, edited) == 1
    lines = {d.customer: (d.row, d.state) for d in journal.rows(conn)}
    assert lines == {
        "dee@example.com": (2, journal.QUEUED),
        "ann@example.com": (3, journal.SENT),
        BOB: (4, journal.QUEUED),
    }


def test_an_address_listed_twice_in_other_cases_is_queued_once(conn):
    assert journal.enqueue(conn, [person(2, "eve@example.com"), person(3, "EVE@example.com")]) == 1
    assert [d.row for d in journal.rows(conn)] == [2]


def test_in_doubt_customers_are_not_queued_again_from_another_row(conn):
    journal.enqueue(conn, [person(2, ANN)])
    journal.mark_sending(conn, ANN)
    journal.recover(conn)
    assert journal.enqueue(conn, [person(7, ANN)]) == 0
    assert journal.get(conn, ANN).state == journal.IN_DOUBT


def test_drop_waiting_forgets_only_customers_never_sent(conn):
    journal.enqueue(conn, people(2, 3, 4, 5))
    journal.mark_sent(conn, "p2@example.com", "250")
    journal.mark_failed(conn, "p3@example.com", "550")
    journal.mark_deferred(conn, "p4@example.com", "451", retry_at=1.0)
    # p4 was tried once (a retry was due): its line stays, as the record of that try
    assert journal.drop_waiting(conn, keep=["p5@example.com"]) == 0
    journal.enqueue(conn, [person(6, "p6@example.com")])  # queued, never tried, then gone
    assert journal.drop_waiting(conn, keep=["p5@example.com"]) == 1
    assert set(states(conn)) == {f"p{r}@example.com" for r in (2, 3, 4, 5)}


def test_sending_is_committed_before_the_message_leaves_and_recovered_as_in_doubt(conn):
    journal.enqueue(conn, [person(2, ANN), person(3, BOB)])
    journal.mark_sending(conn, ANN, "<m2@shop.test>")
    # the process dies here: another connection must already see "sending"
    other = reopen(conn)
    try:
        assert journal.get(other, ANN).state == journal.SENDING
        assert journal.recover(other) == [ANN]
        doubt = journal.in_doubt(other)
    finally:
        other.close()
    assert [(d.customer, d.message_id, d.attempts) for d in doubt] == [(ANN, "<m2@shop.test>", 1)]
    assert journal.get(conn, BOB).state == journal.QUEUED
    assert journal.recover(conn) == []  # nothing left in sending


def test_outcomes_store_reply_message_id_time_and_count_attempts(conn):
    journal.enqueue(conn, [person(2, ANN)])
    journal.mark_deferred(conn, ANN, "451 4.3.0 try later", retry_at=1000.0, at=900.0)
    assert journal.get(conn, ANN).state == journal.DEFERRED
    journal.mark_sending(conn, ANN, "<m@shop.test>", at=1001.0)
    journal.mark_sent(conn, ANN, "250 2.0.0 queued", at=1002.0)
    d = journal.get(conn, ANN)
    assert (d.state, d.attempts, d.last_reply, d.message_id, d.sent_at, d.retry_at) == (
        journal.SENT,
        2,
        "250 2.0.0 queued",
        "<m@shop.test>",
        1002.0,
        None,
    )
    log = journal.attempts(conn, ANN)
    assert [(a.state, a.reply) for a in log] == [
        (journal.DEFERRED, "451 4.3.0 try later"),
        (journal.SENDING, None),
        (journal.SENT, "250 2.0.0 queued"),
    ]


def test_pending_is_queued_plus_deferred_whose_time_has_come(conn):
    journal.enqueue(conn, people(2, 3, 4, 5))
    journal.mark_deferred(conn, "p3@example.com", "451", retry_at=100.0)
    journal.mark_deferred(conn, "p4@example.com", "451", retry_at=200.0)
    journal.mark_failed(conn, "p5@example.com", "550 no such user")
    assert journal.pending(conn, now=150.0) == ["p2@example.com", "p3@example.com"]
    assert journal.pending(conn, now=250.0) == [
        "p2@example.com",
        "p3@example.com",
        "p4@example.com",
    ]


def test_the_person_resolves_in_doubt_messages(conn):
    journal.enqueue(conn, people(2, 3, 4))
    for r in (2, 3):
        journal.mark_sending(conn, f"p{r}@example.com")
    journal.recover(conn)
    assert journal.resolve_in_doubt(conn, ["p2@example.com", "p4@example.com"], as_sent=True) == 1
    assert journal.resolve_in_doubt(conn, ["p3@example.com"], as_sent=False) == 1
    d2, d3, d4 = journal.rows(conn)
    assert (d2.state, d3.state, d4.state) == (journal.SENT, journal.QUEUED, journal.QUEUED)
    assert d2.sent_at is not None
    assert journal.counts(conn)[journal.IN_DOUBT] == 0


def test_requeue_failed_only_touches_failed_customers(conn):
    journal.enqueue(conn, people(2, 3, 4))
    journal.mark_failed(conn, "p2@example.com", "550 unknown")
    journal.mark_failed(conn, "p3@example.com", "550 unknown")
    journal.mark_sending(conn, "p4@example.com")
    journal.mark_sent(conn, "p4@example.com", "250 OK")
    assert journal.requeue_failed(conn, ["p3@example.com", "p4@example.com"]) == 1
    assert journal.counts(conn) == {
        journal.QUEUED: 1,
        journal.SENDING: 0,
        journal.SENT: 1,
        journal.FAILED: 1,
        journal.DEFERRED: 0,
        journal.IN_DOUBT: 0,
    }
    assert journal.requeue_failed(conn) == 1
    assert journal.pending(conn) == ["p2@example.com", "p3@example.com"]


def test_sent_since_counts_sent_and_in_doubt_inside_the_window(conn):
    journal.enqueue(conn, people(2, 3, 4, 5))
    journal.mark_sent(conn, "p2@example.com", "250", at=100.0)
    journal.mark_sent(conn, "p3@example.com", "250", at=5000.0)
    journal.mark_in_doubt(conn, "p4@example.com", "connection lost", at=6000.0)
    journal.mark_failed(conn, "p5@example.com", "550", at=7000.0)
    assert journal.sent_since(conn, 1000.0) == 2
    assert journal.sent_times(conn, 0.0) == [100.0, 5000.0, 6000.0]


def test_enqueue_is_one_transaction_all_or_nothing(conn):
    broken = Recipient(row=3, email="bob@example.com", name="", fields={})
    object.__setattr__(broken, "row", object())  # a value SQLite cannot store
    with pytest.raises(sqlite3.Error):
        journal.enqueue(conn, [person(2, ANN), broken])
    assert journal.rows(conn) == []
    assert not conn.in_transaction

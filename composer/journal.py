"""The delivery journal inside a campaign file: the fate of every message.

Per customer, known by their normalised address (``recipients.customer_key``), never by a
spreadsheet row: queued -> sending -> sent | failed | deferred -> ... | in_doubt. The row
number is kept beside it for the person (where the customer sat when last loaded).
``sending`` is committed before SMTP DATA and ``sent`` after the 250, so a crash between the two
leaves ``sending``, which becomes ``in_doubt`` when the campaign is reopened.

Plain functions over a ``sqlite3.Connection`` (the campaign's). Every write is one short
transaction of its own, so the file is consistent whenever the process dies. Times are Unix
seconds (``time.time()``) stored as REAL; the report turns them into readable dates.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from composer.language import _

if TYPE_CHECKING:
    from composer.recipients import Recipient


class State(StrEnum):
    """Where one customer's apology stands."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    DEFERRED = "deferred"
    IN_DOUBT = "in_doubt"


QUEUED, SENDING, SENT, FAILED, DEFERRED, IN_DOUBT = State
STATES = tuple(State)

# States in which the customer may already have the apology.
MAYBE_DELIVERED = (SENT, SENDING, IN_DOUBT)

DAY = 24 * 60 * 60.0

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS deliveries (
    customer TEXT PRIMARY KEY,          -- the normalised address: who the customer is
    row INTEGER NOT NULL,               -- their spreadsheet row when last loaded, for people
    email TEXT NOT NULL,                -- the one address the message goes to
    name TEXT NOT NULL DEFAULT '',
    code TEXT,                          -- discount code given to this recipient, if any
    state TEXT NOT NULL CHECK (state IN ({", ".join(repr(s.value) for s in STATES)})),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_reply TEXT,                    -- the server's last answer, or our plain reason
    message_id TEXT,
    retry_at REAL,                      -- for deferred: not before this time
    sent_at REAL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries (state);
CREATE TABLE IF NOT EXISTS delivery_attempts (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    customer TEXT NOT NULL,
    state TEXT NOT NULL,
    reply TEXT
);
CREATE INDEX IF NOT EXISTS delivery_attempts_customer ON delivery_attempts (customer);
CREATE TABLE IF NOT EXISTS mailbox_events (
    id INTEGER PRIMARY KEY,
    customer TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- bounced, delayed, replied, auto_reply
    at REAL NOT NULL,                   -- when the mailbox got it
    source TEXT NOT NULL,               -- that report's or reply's own Message-ID
    status TEXT,                        -- a bounce's status code, like 5.1.1
    detail TEXT,                        -- the reason in plain words, or the reply's first lines
    UNIQUE (source, customer, kind)
);
"""
# What the owner's mailbox said later: its own dated events, beside the delivery ("sent" stays
# sent when a bounce arrives; the report shows both).
BOUNCED, DELAYED, REPLIED, AUTO_REPLY = "bounced", "delayed", "replied", "auto_reply"


@dataclass(frozen=True, slots=True)
class MailboxEvent:
    """One thing the mailbox said about one customer's apology."""

    customer: str
    kind: str
    at: float
    source: str
    status: str | None
    detail: str | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One customer's line in the journal."""

    customer: str
    row: int
    email: str
    name: str
    code: str | None
    state: State
    attempts: int
    last_reply: str | None
    message_id: str | None
    retry_at: float | None
    sent_at: float | None
    updated_at: float


@dataclass(frozen=True, slots=True)
class Attempt:
    """One entry of the attempts log: every state change, with the server's reply."""

    at: float
    customer: str
    state: State
    reply: str | None


_COLUMNS = (
    "customer, row, email, name, code, state, attempts, last_reply, message_id, retry_at,"
    " sent_at, updated_at"
)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One short write transaction on a campaign file: all of it reaches the disk, or none of
    it. Every write to a campaign, journal or not, goes through here.

    A campaign's connection may be used from more than one thread (the sender's journal
    writer, the app's worker); its lock (``Connection.lock``, see composer.campaign) makes each
    transaction whole: no other thread's statement lands inside it."""
    guard = getattr(conn, "lock", None) or contextlib.nullcontext()
    with guard:
        if conn.in_transaction:
            # Someone left a transaction open; ours must not be folded into it silently.
            conn.commit()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()


def _log(conn: sqlite3.Connection, at: float, key: str, state: str, reply: str | None) -> None:
    conn.execute(
        "INSERT INTO delivery_attempts (at, customer, state, reply) VALUES (?, ?, ?, ?)",
        (at, key, state, reply),
    )


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the journal tables in a (new or old) campaign file; harmless when they exist."""
    if conn.in_transaction:
        conn.commit()
    conn.executescript(_SCHEMA)


def enqueue(
    conn: sqlite3.Connection,
    recipients: Iterable[Recipient],
    codes: Mapping[str, str | None] | None = None,
) -> int:
    """Queue every customer not yet in the journal; return how many were added.

    A customer already in the journal keeps their state whatever row they sit on now (only
    the row number and name shown to the person follow the list), so nobody who was sent, or
    may have been, is queued again, and an address listed twice is queued once."""
    codes = codes or {}
    now = time.time()
    added = 0
    with transaction(conn):
        known = {key for (key,) in conn.execute("SELECT customer FROM deliveries")}
        fresh: set[str] = set()
        moved = []
        for recipient in recipients:
            key = recipient.key
            if key in fresh:
                continue  # listed twice: the first row is the one that counts
            if key in known:
                moved.append((recipient.row, recipient.name or "", key))
                continue
            conn.execute(
                "INSERT INTO deliveries (customer, row, email, name, code, state, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    recipient.row,
                    recipient.email,
                    recipient.name or "",
                    codes.get(key),
                    QUEUED,
                    now,
                ),
            )
            known.add(key)
            fresh.add(key)
            added += 1
        conn.executemany("UPDATE deliveries SET row = ?, name = ? WHERE customer = ?", moved)
    return added


def drop_waiting(conn: sqlite3.Connection, keep: Iterable[str]) -> int:
    """Forget the customers who were queued but never tried and are no longer among ``keep``
    (taken off the list, or left out by the filter): nothing was sent to them, so nothing is
    lost. A line with any attempt stays, as the record of what happened. Returns how many
    lines went."""
    keep = set(keep)
    with transaction(conn):
        waiting = [
            key
            for (key,) in conn.execute(
                "SELECT customer FROM deliveries WHERE state = ? AND attempts = 0", (QUEUED,)
            )
            if key not in keep
        ]
        conn.executemany("DELETE FROM deliveries WHERE customer = ?", [(k,) for k in waiting])
    return len(waiting)


def mark_sending(
    conn: sqlite3.Connection, key: str, message_id: str | None = None, at: float | None = None
) -> None:
    """Record that DATA is about to go. Committed before the message leaves."""
    at = time.time() if at is None else at
    with transaction(conn):
        conn.execute(
            "UPDATE deliveries SET state = ?, message_id = COALESCE(?, message_id),"
            " retry_at = NULL, updated_at = ? WHERE customer = ?",
            (SENDING, message_id, at, key),
        )
        _log(conn, at, key, SENDING, None)


def _finish(
    conn: sqlite3.Connection,
    key: str,
    state: State,
    reply: str | None,
    *,
    at: float | None,
    message_id: str | None = None,
    retry_at: float | None = None,
) -> None:
    at = time.time() if at is None else at
    with transaction(conn):
        conn.execute(
            "UPDATE deliveries SET state = ?, attempts = attempts + 1, last_reply = ?,"
            " message_id = COALESCE(?, message_id), retry_at = ?,"
            " sent_at = CASE WHEN ? THEN ? ELSE sent_at END, updated_at = ? WHERE customer = ?",
            (state, reply, message_id, retry_at, state == SENT, at, at, key),
        )
        _log(conn, at, key, state, reply)


def mark_sent(
    conn: sqlite3.Connection,
    key: str,
    reply: str,
    message_id: str | None = None,
    at: float | None = None,
) -> None:
    """The server answered 2xx to the end of DATA: the message is accepted."""
    _finish(conn, key, SENT, reply, at=at, message_id=message_id)


def mark_deferred(
    conn: sqlite3.Connection, key: str, reply: str, retry_at: float, at: float | None = None
) -> None:
    """A temporary failure: try again at ``retry_at`` or later."""
    _finish(conn, key, DEFERRED, reply, at=at, retry_at=retry_at)


def mark_failed(conn: sqlite3.Connection, key: str, reply: str, at: float | None = None) -> None:
    """A permanent refusal, or temporary ones too many times: this customer did not get it."""
    _finish(conn, key, FAILED, reply, at=at)


def mark_in_doubt(conn: sqlite3.Connection, key: str, reply: str, at: float | None = None) -> None:
    """The message left but the server's answer never came: the person must decide."""
    _finish(conn, key, IN_DOUBT, reply, at=at)


def in_doubt_if_sending(conn: sqlite3.Connection, key: str, reply: str) -> None:
    """``mark_in_doubt``, but only if the line still says ``sending``."""
    found = get(conn, key)
    if found is not None and found.state == SENDING:
        mark_in_doubt(conn, key, reply)


def recover(conn: sqlite3.Connection) -> list[str]:
    """When nobody is sending: every ``sending`` left by a crash becomes ``in_doubt``.

    Returns the customers concerned."""
    now = time.time()
    reason = _("The program stopped while this message was being sent; it may have gone out.")
    with transaction(conn):
        keys = [
            k
            for (k,) in conn.execute(
                "SELECT customer FROM deliveries WHERE state = ? ORDER BY row", (SENDING,)
            )
        ]
        for key in keys:
            conn.execute(
                "UPDATE deliveries SET state = ?, attempts = attempts + 1, last_reply = ?,"
                " updated_at = ? WHERE customer = ?",
                (IN_DOUBT, reason, now, key),
            )
            _log(conn, now, key, IN_DOUBT, reason)
    return keys


def resolve_in_doubt(conn: sqlite3.Connection, keys: Iterable[str], as_sent: bool) -> int:
    """The person decides about in-doubt messages: they arrived (mark sent) or send them again.

    Only customers currently in doubt change; returns how many did."""
    now = time.time()
    changed = 0
    state = SENT if as_sent else QUEUED
    reply = _("Marked as sent by you.") if as_sent else _("To be sent again, as you asked.")
    with transaction(conn):
        for key in keys:
            cur = conn.execute(
                "UPDATE deliveries SET state = ?, last_reply = ?,"
                " sent_at = CASE WHEN ? THEN updated_at ELSE sent_at END, updated_at = ?"
                " WHERE customer = ? AND state = ?",
                (state, reply, as_sent, now, key, IN_DOUBT),
            )
            if cur.rowcount:
                _log(conn, now, key, state, reply)
                changed += 1
    return changed


def found_sent(conn: sqlite3.Connection, key: str, at: float, where: str) -> bool:
    """An in-doubt message was found in the account's Sent folder: it went, at ``at``.
    Only a customer still in doubt changes; True when this one did."""
    now = time.time()
    reply = _("Found in the mailbox's {folder} folder: it was sent.").format(folder=where)
    with transaction(conn):
        cur = conn.execute(
            "UPDATE deliveries SET state = ?, last_reply = ?, sent_at = ?, updated_at = ?"
            " WHERE customer = ? AND state = ?",
            (SENT, reply, at, now, key, IN_DOUBT),
        )
        if cur.rowcount:
            _log(conn, now, key, SENT, reply)
    return bool(cur.rowcount)


def record_event(
    conn: sqlite3.Connection,
    customer: str,
    kind: str,
    at: float,
    source: str,
    *,
    status: str | None = None,
    detail: str | None = None,
) -> bool:
    """Keep what the mailbox said (once per message read); True when it was new."""
    with transaction(conn):
        cur = conn.execute(
            "INSERT OR IGNORE INTO mailbox_events (customer, kind, at, source, status, detail)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (customer, kind, at, source, status, detail),
        )
    return bool(cur.rowcount)


def events(conn: sqlite3.Connection, customer: str | None = None) -> list[MailboxEvent]:
    """What the mailbox said, oldest first (about one customer, or all)."""
    query = "SELECT customer, kind, at, source, status, detail FROM mailbox_events"
    rows = (
        conn.execute(query + " WHERE customer = ? ORDER BY at, id", (customer,))
        if customer is not None
        else conn.execute(query + " ORDER BY at, id")
    )
    return [MailboxEvent(*values) for values in rows]


def requeue_failed(conn: sqlite3.Connection, keys: Iterable[str] | None = None) -> int:
    """ "Resend failed only": put failed customers (all, or the ones given) back in the queue."""
    now = time.time()
    reply = _("Queued again to resend.")
    with transaction(conn):
        if keys is None:
            keys = [
                k
                for (k,) in conn.execute(
                    "SELECT customer FROM deliveries WHERE state = ?", (FAILED,)
                )
            ]
        changed = 0
        for key in keys:
            cur = conn.execute(
                "UPDATE deliveries SET state = ?, retry_at = NULL, updated_at = ?"
                " WHERE customer = ? AND state = ?",
                (QUEUED, now, key, FAILED),
            )
            if cur.rowcount:
                _log(conn, now, key, QUEUED, reply)
                changed += 1
    return changed


def pending(conn: sqlite3.Connection, now: float | None = None) -> list[str]:
    """Customers to send to now: queued ones, and deferred ones whose retry time has come."""
    now = time.time() if now is None else now
    return [
        k
        for (k,) in conn.execute(
            "SELECT customer FROM deliveries WHERE state = ?"
            " OR (state = ? AND COALESCE(retry_at, 0) <= ?) ORDER BY row",
            (QUEUED, DEFERRED, now),
        )
    ]


def counts(conn: sqlite3.Connection) -> dict[State, int]:
    """How many customers are in each state (every state present, zero if none)."""
    result = dict.fromkeys(STATES, 0)
    for state, n in conn.execute("SELECT state, COUNT(*) FROM deliveries GROUP BY state"):
        result[State(state)] = n
    return result


def sent_times(conn: sqlite3.Connection, since: float) -> list[float]:
    """When each message that counts against the daily cap left, oldest first.

    In-doubt messages count too: they may have gone, and the provider will have counted them."""
    return [
        t
        for (t,) in conn.execute(
            "SELECT t FROM (SELECT sent_at AS t FROM deliveries WHERE state = ?"
            " UNION ALL SELECT updated_at AS t FROM deliveries WHERE state = ?)"
            " WHERE t >= ? ORDER BY t",
            (SENT, IN_DOUBT, since),
        )
    ]


def sent_since(conn: sqlite3.Connection, since: float) -> int:
    """How many messages count against the daily cap since ``since`` (see ``sent_times``)."""
    return len(sent_times(conn, since))


def version(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes as far as this connection knows: a different answer means the journal may
    have changed since (written through this connection, or committed by any other)."""
    (committed_elsewhere,) = conn.execute("PRAGMA data_version").fetchone()
    return conn.total_changes, committed_elsewhere


def _delivery(values: tuple[Any, ...]) -> Delivery:  # a row of the deliveries table
    customer, row, email, name, code, state, *rest = values
    return Delivery(customer, row, email, name, code, State(state), *rest)


def rows(conn: sqlite3.Connection, state: State | None = None) -> list[Delivery]:
    """Every customer's line (or those in one state), in spreadsheet order."""
    if state is None:
        cur = conn.execute(f"SELECT {_COLUMNS} FROM deliveries ORDER BY row, customer")
    else:
        cur = conn.execute(
            f"SELECT {_COLUMNS} FROM deliveries WHERE state = ? ORDER BY row, customer", (state,)
        )
    return [_delivery(v) for v in cur]


def get(conn: sqlite3.Connection, key: str) -> Delivery | None:
    values = conn.execute(
        f"SELECT {_COLUMNS} FROM deliveries WHERE customer = ?", (key,)
    ).fetchone()
    return None if values is None else _delivery(values)


def in_doubt(conn: sqlite3.Connection) -> list[Delivery]:
    """Messages that may or may not have gone: shown to the person, never re-sent silently."""
    return rows(conn, IN_DOUBT)


def attempts(conn: sqlite3.Connection, key: str | None = None) -> list[Attempt]:
    """The attempts log (for one customer, or all), oldest first."""
    if key is None:
        cur = conn.execute("SELECT at, customer, state, reply FROM delivery_attempts ORDER BY id")
    else:
        cur = conn.execute(
            "SELECT at, customer, state, reply FROM delivery_attempts WHERE customer = ?"
            " ORDER BY id",
            (key,),
        )
    return [Attempt(at, k, State(state), reply) for at, k, state, reply in cur]

"""The delivery journal inside a campaign file: the fate of every message.

Per recipient: queued -> sending -> sent | failed | deferred -> ... | in_doubt.
``sending`` is committed before SMTP DATA and ``sent`` after the 250, so a crash between the two
leaves ``sending``, which becomes ``in_doubt`` when the campaign is reopened.

Plain functions over a ``sqlite3.Connection`` (the campaign's). Every write is one short
transaction of its own, so the file is consistent whenever the process dies. Times are Unix
seconds (``time.time()``) stored as REAL; the report turns them into readable dates.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

QUEUED, SENDING, SENT, FAILED, DEFERRED, IN_DOUBT = (
    "queued",
    "sending",
    "sent",
    "failed",
    "deferred",
    "in_doubt",
)
STATES = (QUEUED, SENDING, SENT, FAILED, DEFERRED, IN_DOUBT)

# States in which the person may already have the apology: never queue that address again.
_MAYBE_DELIVERED = (SENT, SENDING, IN_DOUBT)

DAY = 24 * 60 * 60.0

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS deliveries (
    row INTEGER PRIMARY KEY,            -- spreadsheet row number of the recipient
    email TEXT NOT NULL,                -- the one address the message goes to
    name TEXT NOT NULL DEFAULT '',
    code TEXT,                          -- discount code given to this recipient, if any
    state TEXT NOT NULL CHECK (state IN ({", ".join(repr(s) for s in STATES)})),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_reply TEXT,                    -- the server's last answer, or our plain reason
    message_id TEXT,
    retry_at REAL,                      -- for deferred: not before this time
    sent_at REAL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries (state);
CREATE INDEX IF NOT EXISTS deliveries_email ON deliveries (email COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS delivery_attempts (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    row INTEGER NOT NULL,
    state TEXT NOT NULL,
    reply TEXT
);
CREATE INDEX IF NOT EXISTS delivery_attempts_row ON delivery_attempts (row);
"""


@dataclass(frozen=True, slots=True)
class Delivery:
    """One recipient's line in the journal."""

    row: int
    email: str
    name: str
    code: str | None
    state: str
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
    row: int
    state: str
    reply: str | None


_COLUMNS = (
    "row, email, name, code, state, attempts, last_reply, message_id, retry_at, sent_at, updated_at"
)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One short write transaction on a campaign file: all of it reaches the disk, or none of
    it. Every write to a campaign, journal or not, goes through here."""
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


def _log(conn: sqlite3.Connection, at: float, row: int, state: str, reply: str | None) -> None:
    conn.execute(
        "INSERT INTO delivery_attempts (at, row, state, reply) VALUES (?, ?, ?, ?)",
        (at, row, state, reply),
    )


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the journal tables in a (new or old) campaign file; harmless when they exist."""
    if conn.in_transaction:
        conn.commit()
    conn.executescript(_SCHEMA)


def enqueue(
    conn: sqlite3.Connection,
    recipients: Iterable,
    codes: Mapping[int, str | None] | None = None,
) -> int:
    """Queue every recipient not yet in the journal; return how many were added.

    A row already in the journal keeps its state. An address that already has (or may have)
    this campaign's apology — sent, sending or in doubt — is never queued again under another
    row, and an address that appears twice in ``recipients`` is queued once."""
    codes = codes or {}
    recipients = list(recipients)
    given = {r.row for r in recipients}
    now = time.time()
    added = 0
    with transaction(conn):
        known_rows = set()
        taken = set()
        for row, email, state in conn.execute("SELECT row, email, state FROM deliveries"):
            known_rows.add(row)
            # A row still waiting (or failed, to be resent) keeps its address too: a twin row
            # queued on a later run would send that person a second apology.
            if state in _MAYBE_DELIVERED or row in given:
                taken.add(email.casefold())
        for recipient in recipients:
            key = recipient.email.casefold()
            if recipient.row in known_rows or key in taken:
                continue
            conn.execute(
                "INSERT INTO deliveries (row, email, name, code, state, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    recipient.row,
                    recipient.email,
                    recipient.name or "",
                    codes.get(recipient.row),
                    QUEUED,
                    now,
                ),
            )
            known_rows.add(recipient.row)
            taken.add(key)
            added += 1
    return added


def mark_sending(
    conn: sqlite3.Connection, row: int, message_id: str | None = None, at: float | None = None
) -> None:
    """Record that DATA is about to go. Committed before the message leaves."""
    at = time.time() if at is None else at
    with transaction(conn):
        conn.execute(
            "UPDATE deliveries SET state = ?, message_id = COALESCE(?, message_id),"
            " retry_at = NULL, updated_at = ? WHERE row = ?",
            (SENDING, message_id, at, row),
        )
        _log(conn, at, row, SENDING, None)


def _finish(
    conn: sqlite3.Connection,
    row: int,
    state: str,
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
            " sent_at = CASE WHEN ? THEN ? ELSE sent_at END, updated_at = ? WHERE row = ?",
            (state, reply, message_id, retry_at, state == SENT, at, at, row),
        )
        _log(conn, at, row, state, reply)


def mark_sent(
    conn: sqlite3.Connection,
    row: int,
    reply: str,
    message_id: str | None = None,
    at: float | None = None,
) -> None:
    """The server answered 2xx to the end of DATA: the message is accepted."""
    _finish(conn, row, SENT, reply, at=at, message_id=message_id)


def mark_deferred(
    conn: sqlite3.Connection, row: int, reply: str, retry_at: float, at: float | None = None
) -> None:
    """A temporary failure: try again at ``retry_at`` or later."""
    _finish(conn, row, DEFERRED, reply, at=at, retry_at=retry_at)


def mark_failed(conn: sqlite3.Connection, row: int, reply: str, at: float | None = None) -> None:
    """A permanent refusal, or temporary ones too many times: this recipient did not get it."""
    _finish(conn, row, FAILED, reply, at=at)


def mark_in_doubt(conn: sqlite3.Connection, row: int, reply: str, at: float | None = None) -> None:
    """The message left but the server's answer never came: the person must decide."""
    _finish(conn, row, IN_DOUBT, reply, at=at)


def recover(conn: sqlite3.Connection) -> list[int]:
    """On opening a campaign for sending: every ``sending`` left by a crash becomes ``in_doubt``.

    Returns the rows concerned."""
    now = time.time()
    reason = "The program stopped while this message was being sent; it may have gone out."
    with transaction(conn):
        rows = [
            r
            for (r,) in conn.execute(
                "SELECT row FROM deliveries WHERE state = ? ORDER BY row", (SENDING,)
            )
        ]
        for row in rows:
            conn.execute(
                "UPDATE deliveries SET state = ?, attempts = attempts + 1, last_reply = ?,"
                " updated_at = ? WHERE row = ?",
                (IN_DOUBT, reason, now, row),
            )
            _log(conn, now, row, IN_DOUBT, reason)
    return rows


def resolve_in_doubt(conn: sqlite3.Connection, rows: Iterable[int], as_sent: bool) -> int:
    """The person decides about in-doubt messages: they arrived (mark sent) or send them again.

    Only rows currently in doubt change; returns how many did."""
    now = time.time()
    changed = 0
    state = SENT if as_sent else QUEUED
    reply = "Marked as sent by you." if as_sent else "To be sent again, as you asked."
    with transaction(conn):
        for row in rows:
            cur = conn.execute(
                "UPDATE deliveries SET state = ?, last_reply = ?,"
                " sent_at = CASE WHEN ? THEN updated_at ELSE sent_at END, updated_at = ?"
                " WHERE row = ? AND state = ?",
                (state, reply, as_sent, now, row, IN_DOUBT),
            )
            if cur.rowcount:
                _log(conn, now, row, state, reply)
                changed += 1
    return changed


def requeue_failed(conn: sqlite3.Connection, rows: Iterable[int] | None = None) -> int:
    """ "Resend failed only": put failed rows (all, or the ones given) back in the queue."""
    now = time.time()
    reply = "Queued again to resend."
    with transaction(conn):
        if rows is None:
            rows = [
                r for (r,) in conn.execute("SELECT row FROM deliveries WHERE state = ?", (FAILED,))
            ]
        changed = 0
        for row in rows:
            cur = conn.execute(
                "UPDATE deliveries SET state = ?, retry_at = NULL, updated_at = ?"
                " WHERE row = ? AND state = ?",
                (QUEUED, now, row, FAILED),
            )
            if cur.rowcount:
                _log(conn, now, row, QUEUED, reply)
                changed += 1
    return changed


def pending(conn: sqlite3.Connection, now: float | None = None) -> list[int]:
    """Rows to send now: queued ones, and deferred ones whose retry time has come."""
    now = time.time() if now is None else now
    return [
        r
        for (r,) in conn.execute(
            "SELECT row FROM deliveries WHERE state = ?"
            " OR (state = ? AND COALESCE(retry_at, 0) <= ?) ORDER BY row",
            (QUEUED, DEFERRED, now),
        )
    ]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many recipients are in each state (every state present, zero if none)."""
    result = dict.fromkeys(STATES, 0)
    for state, n in conn.execute("SELECT state, COUNT(*) FROM deliveries GROUP BY state"):
        result[state] = n
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


def _delivery(values: tuple) -> Delivery:
    return Delivery(*values)


def rows(conn: sqlite3.Connection, state: str | None = None) -> list[Delivery]:
    """Every recipient's line (or those in one state), in spreadsheet order."""
    if state is None:
        cur = conn.execute(f"SELECT {_COLUMNS} FROM deliveries ORDER BY row")
    else:
        cur = conn.execute(
            f"SELECT {_COLUMNS} FROM deliveries WHERE state = ? ORDER BY row", (state,)
        )
    return [_delivery(v) for v in cur]


def get(conn: sqlite3.Connection, row: int) -> Delivery | None:
    values = conn.execute(f"SELECT {_COLUMNS} FROM deliveries WHERE row = ?", (row,)).fetchone()
    return None if values is None else _delivery(values)


def in_doubt(conn: sqlite3.Connection) -> list[Delivery]:
    """Messages that may or may not have gone: shown to the person, never re-sent silently."""
    return rows(conn, IN_DOUBT)


def attempts(conn: sqlite3.Connection, row: int | None = None) -> list[Attempt]:
    """The attempts log (for one row, or all), oldest first."""
    if row is None:
        cur = conn.execute("SELECT at, row, state, reply FROM delivery_attempts ORDER BY id")
    else:
        cur = conn.execute(
            "SELECT at, row, state, reply FROM delivery_attempts WHERE row = ? ORDER BY id",
            (row,),
        )
    return [Attempt(*v) for v in cur]

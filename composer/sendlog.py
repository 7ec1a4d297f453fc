"""The mailbox's send log: when apologies left through each mailbox, whichever campaign sent them.

A provider's daily cap belongs to the mailbox, not to one campaign: two campaigns sent from the
same account on the same day share it, and together must not exceed it (the provider would
block the mailbox for a day). Each campaign's journal knows only its own messages, so every
run also writes here, beside the accounts, the time of each message it handed over — no
address, no content, just the mailbox, the campaign and the time — and reads the other
campaigns' times to seed its daily cap (``composer.limiter.DailyCap``).

Writing is batched (``FLUSH_EVERY``, and at the end of a run); a log that cannot be opened or
written costs only this sharing, never a message: the run then counts its own journal alone,
as before. Lines older than two days are dropped.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from composer import paths

if TYPE_CHECKING:
    from composer.accounts import Account

FILE_NAME = "send-log.sqlite"
KEEP_SECONDS = 2 * 24 * 3600.0
FLUSH_EVERY = 50  # messages written in one transaction

log = logging.getLogger(__name__)


def mailbox_of(account: Account) -> str:
    """The mailbox an account sends through, as the log names it (sign-in name and server)."""
    return f"{account.login.strip().lower()} via {account.host.strip().lower()}"


class SendLog:
    """``SendLog()`` for the app's own log (``path`` for another file)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else paths.config_dir() / FILE_NAME
        self._conn: sqlite3.Connection | None = None
        self._broken = False
        self._pending: list[tuple[str, str, float]] = []

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS sent "
                    "(mailbox TEXT NOT NULL, campaign TEXT NOT NULL, at REAL NOT NULL)"
                )
                conn.execute("CREATE INDEX IF NOT EXISTS sent_by_mailbox ON sent (mailbox, at)")
                conn.commit()
                self._conn = conn
            except (sqlite3.Error, OSError) as error:
                self._give_up(error)
        return self._conn

    def _give_up(self, error: BaseException) -> None:
        log.warning(
            "the send log %s cannot be used (%s); each campaign counts alone", self.path, error
        )
        self._broken = True
        self._pending.clear()

    def times(self, mailbox: str, since: float, *, other_than: str = "") -> list[float]:
        """When messages left through ``mailbox`` since ``since``, from campaigns other than
        ``other_than`` (whose own journal counts them), oldest first."""
        conn = self._connection()
        if conn is None:
            return []
        try:
            rows = conn.execute(
                "SELECT at FROM sent WHERE mailbox = ? AND at >= ? AND campaign != ? ORDER BY at",
                (mailbox, since, other_than),
            ).fetchall()
        except sqlite3.Error as error:
            self._give_up(error)
            return []
        return [at for (at,) in rows]

    def add(self, mailbox: str, campaign: str, at: float | None = None) -> None:
        """One message handed over (written with the next flush)."""
        if self._broken:
            return
        self._pending.append((mailbox, campaign, time.time() if at is None else at))
        if len(self._pending) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write what was added, and forget lines too old to matter."""
        if not self._pending:
            return
        conn = self._connection()
        if conn is None:
            return
        pending, self._pending = self._pending, []
        try:
            with conn:
                conn.executemany(
                    "INSERT INTO sent (mailbox, campaign, at) VALUES (?, ?, ?)", pending
                )
                conn.execute("DELETE FROM sent WHERE at < ?", (time.time() - KEEP_SECONDS,))
        except sqlite3.Error as error:
            self._give_up(error)

    def close(self) -> None:
        self.flush()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

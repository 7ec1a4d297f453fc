"""The ``.apology`` file format: one SQLite database used as the document format.

Crash safety. The file uses SQLite's write-ahead log with ``synchronous=FULL``: every commit
is fsynced to the log before it returns, so a state the sender records ("sending" before DATA)
is on disk before the message leaves, and a crash at any instant leaves the last committed
state. WAL was chosen over a rollback journal because the sender commits twice per message
and a WAL commit is one sequential append plus one fsync (a rollback journal costs several
fsyncs and a file creation per commit), and because a reader (another window, the ``status``
command) never blocks the sender. When the last connection closes, SQLite folds the log back
into the file and removes it, so a closed campaign is one self-contained file that can be
copied or mailed. Where WAL is unavailable (some network drives) the file falls back to a
rollback journal with ``synchronous=FULL``, which is just as safe, only slower.

Every write is a transaction (``journal.transaction``). What belongs to a customer (their
delivery line, their discount code) is keyed by their normalised address, never by a row.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from composer import journal
from composer.attachments import AttachmentPlan
from composer.audience import Condition, Filter
from composer.codes import CodePlan
from composer.errors import CampaignError
from composer.mailing import Mailing, Settings
from composer.message import Identity
from composer.recipients import ColumnMap
from composer.table import Column, Table, display
from composer.template import Template

SUFFIX = ".apology"
APPLICATION_ID = 0x41504F4C  # "APOL": tells a campaign from any other SQLite file
SCHEMA_VERSION = 2  # 2: deliveries and codes belong to customers (addresses), not rows
_SQLITE_MAGIC = b"SQLite format 3\x00"

_OPTIONS = "CREATE TABLE IF NOT EXISTS options (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
_SCHEMA = """
CREATE TABLE campaign (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    campaign_id TEXT NOT NULL,          -- uuid4 hex; part of every Message-ID
    created_at TEXT NOT NULL,           -- ISO 8601, UTC
    sender_name TEXT NOT NULL,
    sender_address TEXT NOT NULL,
    sender_reply_to TEXT,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    markdown INTEGER NOT NULL,
    reply_to TEXT,
    code_kind TEXT NOT NULL,            -- none | shared | column | file
    code_shared TEXT,
    code_column TEXT,
    attach_column TEXT,
    attach_base_dir TEXT,
    email_column TEXT,
    first_name_column TEXT,
    last_name_column TEXT,
    full_name_column TEXT,
    unsubscribed_column TEXT,
    filter_match_all INTEGER NOT NULL,
    account TEXT,                       -- the account's name; its secret lives in the keyring
    connections INTEGER NOT NULL,
    rate INTEGER,                       -- messages per minute
    daily_cap INTEGER,
    source_file TEXT,                   -- the spreadsheet the rows were imported from
    sheet TEXT,
    sheets TEXT NOT NULL                -- JSON list of the workbook's sheets
);
CREATE TABLE fallbacks (field TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE code_pool (position INTEGER PRIMARY KEY, code TEXT NOT NULL);
CREATE TABLE attachment_files (position INTEGER PRIMARY KEY, path TEXT NOT NULL);
CREATE TABLE filter_conditions (
    position INTEGER PRIMARY KEY, field TEXT NOT NULL, op TEXT NOT NULL, value TEXT NOT NULL
);
CREATE TABLE suppression (email TEXT PRIMARY KEY);
CREATE TABLE columns (position INTEGER PRIMARY KEY, header TEXT NOT NULL, field TEXT NOT NULL);
-- the audience snapshot: every imported row, cells as display text (JSON list, null = empty)
CREATE TABLE rows (row INTEGER PRIMARY KEY, cells TEXT NOT NULL);
-- unique discount codes given out, by customer; never changed once stored, never given twice
CREATE TABLE codes (customer TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE);
-- what happened to the campaign besides deliveries: tests, skipped tests, lists loaded
CREATE TABLE IF NOT EXISTS options (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE history (
    id INTEGER PRIMARY KEY, at REAL NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL
);
"""


class Connection(sqlite3.Connection):
    """A campaign's connection; ``lock`` keeps each transaction whole across threads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lock = threading.RLock()


@dataclass(frozen=True, slots=True)
class Stored:
    """What a campaign file holds, read back."""

    campaign_id: str
    created_at: dt.datetime
    mailing: Mailing
    codes: dict[str, str]
    history: list[tuple[float, str, dict[str, Any]]]


def connect(path: Path) -> Connection:
    """A connection with the crash-safety settings; usable from several threads, one
    transaction at a time (see ``Connection.lock``)."""
    conn = sqlite3.connect(path, timeout=10, check_same_thread=False, factory=Connection)
    connect_settings(conn)
    return conn


def connect_settings(conn: sqlite3.Connection) -> None:
    """Write-ahead log (or a rollback journal where WAL is impossible) and full fsync."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


def create_schema(conn: sqlite3.Connection) -> None:
    """The tables of a new, empty campaign file (the journal's included)."""
    with journal.transaction(conn):
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for statement in _SCHEMA.split(";\n"):
            if statement.strip():
                conn.execute(statement)
    journal.create_schema(conn)


def real_path(path: str | Path) -> Path:
    """The file itself, whatever name (a symbolic link) reached it: the lock and the
    write-ahead log belong to the file, so one campaign is one lock however it is opened."""
    return Path(os.path.realpath(path))


def check_is_sqlite(path: Path) -> None:
    if not path.exists():
        raise CampaignError(
            f'There is no campaign file "{path}"; check the name, or create one with "new".'
        )
    if path.is_dir():
        raise CampaignError(f'"{path}" is a folder, not a campaign file; choose the .apology file.')
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise CampaignError(
            f'"{path.name}" cannot be read ({error.strerror}); check that you may open it.'
        ) from error
    if head != _SQLITE_MAGIC:
        raise CampaignError(
            f'"{path.name}" is not a campaign file; open a .apology file made by Apology Composer.'
        )
    if path.stat().st_nlink > 1:
        # Each name of a hard-linked database keeps its own write-ahead log, and two names
        # would take two locks: two windows could send it at once, or damage it.
        raise CampaignError(
            f'"{path.name}" has a second name on this disk (a hard link), so two programs '
            "could write it at once; copy the file and open the copy instead."
        )


def is_campaign_file(path: str | Path) -> bool:
    """Whether a path names a campaign (by content, not by name): for the CLI and the app."""
    try:
        check_is_sqlite(Path(path))
    except CampaignError:
        return False
    return True


def open_existing(path: Path) -> Connection:
    """Connect and make sure the file is one of ours before changing anything in it."""
    conn = sqlite3.connect(path, timeout=10, check_same_thread=False, factory=Connection)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise CampaignError(
                f'"{path.name}" is a database, but not an Apology Composer campaign; '
                "open a .apology file made by Apology Composer."
            )
        if version > SCHEMA_VERSION:
            raise CampaignError(
                f'"{path.name}" was made by a newer version of Apology Composer; '
                "update Apology Composer to open it."
            )
        if version < 1:
            raise CampaignError(f'"{path.name}" is an unfinished campaign file; create it again.')
        if version < SCHEMA_VERSION:
            raise CampaignError(
                f'"{path.name}" was made by a test version of Apology Composer that kept '
                "deliveries by row; create the campaign again from its spreadsheet."
            )
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(verdict)
        connect_settings(conn)
        journal.create_schema(conn)
        with journal.transaction(conn):  # files made before the options table gain it
            conn.execute(_OPTIONS)
    except BaseException:
        conn.close()
        raise
    return conn


def damaged(path: Path, error: sqlite3.Error) -> CampaignError:
    """The plain sentence for a file SQLite cannot use."""
    text = str(error).lower()
    if "not a database" in text:
        return CampaignError(
            f'"{path.name}" is not a campaign file; open a .apology file made by Apology Composer.'
        )
    if "locked" in text or "busy" in text:
        return CampaignError(
            f'"{path.name}" is busy in another program; close it there and try again.'
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return CampaignError(
            f'"{path.name}" is read-only; copy it to a folder you may write to and open the copy.'
        )
    return CampaignError(
        f'"{path.name}" is damaged and cannot be read; open a backup or a copy of the campaign.'
    )


# -- reading --------------------------------------------------------------------------------


def _option(conn: sqlite3.Connection, name: str) -> str | None:
    found = conn.execute("SELECT value FROM options WHERE name = ?", (name,)).fetchone()
    return None if found is None else str(found[0])


def read(conn: sqlite3.Connection, path: Path) -> Stored:
    """Everything the file holds but the journal (which ``composer.journal`` reads)."""
    cursor = conn.execute("SELECT * FROM campaign WHERE singleton = 1")
    top = cursor.fetchone()
    if top is None:
        raise CampaignError(f'"{path.name}" is an empty campaign file; create it again.')
    c = dict(zip([d[0] for d in cursor.description], top, strict=True))
    fallbacks = dict(conn.execute("SELECT field, text FROM fallbacks ORDER BY rowid"))
    template = Template(
        subject=c["subject"],
        body=c["body"],
        markdown=bool(c["markdown"]),
        reply_to=c["reply_to"],
        fallbacks=fallbacks,
        unsubscribe=_option(conn, "unsubscribe") == "yes",
        language=_option(conn, "language") or "",
        currency=_option(conn, "currency") or "",
    )
    pool = tuple(code for (code,) in conn.execute("SELECT code FROM code_pool ORDER BY position"))
    files = tuple(
        Path(p) for (p,) in conn.execute("SELECT path FROM attachment_files ORDER BY position")
    )
    conditions = tuple(
        Condition(f, op, value)
        for f, op, value in conn.execute(
            "SELECT field, op, value FROM filter_conditions ORDER BY position"
        )
    )
    mailing = Mailing(
        table=_read_table(conn, c),
        columns=ColumnMap(
            email=c["email_column"],
            first_name=c["first_name_column"],
            last_name=c["last_name_column"],
            full_name=c["full_name_column"],
            unsubscribed=c["unsubscribed_column"],
        ),
        template=template,
        identity=Identity(c["sender_name"], c["sender_address"], c["sender_reply_to"]),
        code_plan=CodePlan(
            kind=c["code_kind"], shared=c["code_shared"], column=c["code_column"], pool=pool
        ),
        attachments=AttachmentPlan(
            files=files,
            column=c["attach_column"],
            base_dir=Path(c["attach_base_dir"]) if c["attach_base_dir"] is not None else None,
        ),
        suppress=frozenset(e for (e,) in conn.execute("SELECT email FROM suppression")),
        filter=Filter(conditions=conditions, match_all=bool(c["filter_match_all"])),
        settings=Settings(
            account=c["account"],
            connections=c["connections"],
            rate=c["rate"],
            daily_cap=c["daily_cap"],
        ),
    )
    history = [
        (at, kind, json.loads(detail))
        for at, kind, detail in conn.execute("SELECT at, kind, detail FROM history ORDER BY id")
    ]
    return Stored(
        campaign_id=c["campaign_id"],
        created_at=dt.datetime.fromisoformat(c["created_at"]),
        mailing=mailing,
        codes=dict(conn.execute("SELECT customer, code FROM codes")),
        history=history,
    )


def _read_table(conn: sqlite3.Connection, c: Mapping[str, Any]) -> Table:
    columns = [
        Column(header, name)
        for header, name in conn.execute("SELECT header, field FROM columns ORDER BY position")
    ]
    rows: list[tuple[Any, ...]] = []
    numbers: list[int] = []
    loads = json.loads
    for number, cells in conn.execute("SELECT row, cells FROM rows ORDER BY row"):
        numbers.append(number)
        rows.append(tuple(loads(cells)))
    return Table(
        columns=columns,
        rows=rows,
        row_numbers=numbers,
        sheet=c["sheet"],
        sheets=list(json.loads(c["sheets"])),
        source=Path(c["source_file"]) if c["source_file"] is not None else None,
    )


# -- writing --------------------------------------------------------------------------------


def write(
    conn: sqlite3.Connection,
    *,
    campaign_id: str,
    created_at: dt.datetime,
    mailing: Mailing,
    table_changed: bool,
    new_codes: Mapping[str, str],
    new_history: Sequence[tuple[float, str, Mapping[str, Any]]],
) -> None:
    """The mailing, and what is new since the last write (rows when the list was replaced,
    codes given out, history entries), in one transaction."""
    table = mailing.table
    if table is None:
        raise CampaignError("A campaign needs its customers; open the customer spreadsheet first.")
    t, ident, s = mailing.template, mailing.identity, mailing.settings
    cols = mailing.columns or ColumnMap(email=None)
    plan, files = mailing.code_plan, mailing.attachments
    with journal.transaction(conn):
        conn.executemany(
            "INSERT OR REPLACE INTO options (name, value) VALUES (?, ?)",
            [
                ("unsubscribe", "yes" if t.unsubscribe else "no"),
                ("language", t.language),  # the letter's, for its dates and amounts
                ("currency", t.currency),
            ],
        )
        conn.execute("DELETE FROM campaign")
        conn.execute(
            "INSERT INTO campaign VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                campaign_id,
                created_at.isoformat(),
                ident.name,
                ident.address,
                ident.reply_to,
                t.subject,
                t.body,
                int(t.markdown),
                t.reply_to,
                plan.kind,
                plan.shared,
                plan.column,
                files.column,
                _path_text(files.base_dir),
                cols.email,
                cols.first_name,
                cols.last_name,
                cols.full_name,
                cols.unsubscribed,
                int(mailing.filter.match_all),
                s.account,
                s.connections,
                s.rate,
                s.daily_cap,
                _path_text(table.source),
                table.sheet,
                json.dumps(list(table.sheets), ensure_ascii=False),
            ),
        )
        _replace(conn, "fallbacks", list(t.fallbacks.items()))
        _replace(conn, "code_pool", list(enumerate(plan.pool)))
        _replace(conn, "attachment_files", [(i, str(p)) for i, p in enumerate(files.files)])
        _replace(
            conn,
            "filter_conditions",
            [(i, c.field, c.op, c.value) for i, c in enumerate(mailing.filter.conditions)],
        )
        _replace(conn, "suppression", [(e,) for e in sorted(mailing.suppress)])
        if table_changed:
            _write_table(conn, table)
        write_codes(conn, new_codes)
        conn.executemany(
            "INSERT INTO history (at, kind, detail) VALUES (?, ?, ?)",
            [(at, kind, json.dumps(dict(detail))) for at, kind, detail in new_history],
        )


def write_codes(conn: sqlite3.Connection, codes: Mapping[str, str]) -> None:
    """Store codes given out (inside the caller's transaction); a code once stored for a
    customer is never changed, and no code is given to two customers (UNIQUE)."""
    fresh = []
    for key, code in codes.items():
        stored = conn.execute("SELECT code FROM codes WHERE customer = ?", (key,)).fetchone()
        if stored is None:
            fresh.append((key, code))
        elif stored[0] != code:
            raise CampaignError(
                f"{key} already has the discount code {stored[0]}; a code once given is never "
                "changed."
            )
    conn.executemany("INSERT INTO codes (customer, code) VALUES (?, ?)", fresh)


def _write_table(conn: sqlite3.Connection, table: Table) -> None:
    _replace(conn, "columns", [(i, c.header, c.field) for i, c in enumerate(table.columns)])
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def snapshot() -> Iterator[tuple[int, str]]:
        for number, row in zip(table.row_numbers, table.rows, strict=True):
            cells = [c if c is None or c.__class__ is str else display(c) for c in row]
            yield number, dumps(cells)

    conn.execute("DELETE FROM rows")
    conn.executemany("INSERT INTO rows (row, cells) VALUES (?, ?)", snapshot())


def _replace(conn: sqlite3.Connection, table: str, values: list[tuple[Any, ...]]) -> None:
    conn.execute(f"DELETE FROM {table}")
    if values:
        marks = ", ".join("?" * len(values[0]))
        conn.executemany(f"INSERT INTO {table} VALUES ({marks})", values)


def _path_text(path: Path | None) -> str | None:
    return None if path is None else str(path)


def fsync_dir(folder: Path) -> None:
    """Make the rename of a new campaign file durable (POSIX; a no-op elsewhere)."""
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""The campaign file (``.apology``): one SQLite database used as the document format.

It holds everything needed to send the apology again or explain later who got what: the
customer rows as imported (so editing the spreadsheet afterwards changes nothing), the
template, the discount-code plan and assignments, the attachment plan, the sender identity,
the settings (never a password) and, through ``composer.journal``, the delivery journal.

Crash safety. The file uses SQLite's write-ahead log with ``synchronous=FULL``: every commit
is fsynced to the log before it returns, so a state the sender records ("sending" before DATA)
is on disk before the message leaves, and a crash at any instant leaves the last committed
state. WAL was chosen over a rollback journal because the sender commits twice per message
and a WAL commit is one sequential append plus one fsync (a rollback journal costs several
fsyncs and a file creation per commit), and because a reader (the app's progress view, the
``status`` command) never blocks the sender. When the last connection closes, SQLite folds
the log back into the file and removes it, so a closed campaign is one self-contained file
that can be copied or mailed. Where WAL is unavailable (some network drives) the file falls
back to a rollback journal with ``synchronous=FULL``, which is just as safe, only slower.

Every write is a transaction (``BEGIN IMMEDIATE`` … ``COMMIT``). A new file is written
under a temporary name and renamed into place, so a crash while creating leaves no
half-made campaign, and ``--force`` never loses the old file before the new one is complete.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from composer import journal
from composer.attachments import AttachmentPlan
from composer.audience import Condition, Filter
from composer.codes import COLUMN, FILE, SHARED, CodePlan
from composer.errors import CampaignError, CodeError
from composer.message import Identity
from composer.recipients import ColumnMap, Recipient, Recipients
from composer.table import Column, Table
from composer.template import Template

if TYPE_CHECKING:
    from composer.check import Checkup
    from composer.template import Renderer

SUFFIX = ".apology"
APPLICATION_ID = 0x41504F4C  # "APOL": tells a campaign from any other SQLite file
SCHEMA_VERSION = 1
_SQLITE_MAGIC = b"SQLite format 3\x00"
_UNIQUE_CODE_KINDS = (FILE, COLUMN)
BUSY = "This campaign is being sent from another window or program; wait for it to finish."

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
-- unique discount codes given out; never changed once stored, never given twice
CREATE TABLE codes (row INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
"""


@dataclass(frozen=True, slots=True)
class Settings:
    """How to send. There is deliberately no field for a password: it lives in the keyring."""

    account: str | None = None  # name of the saved account (composer.accounts)
    connections: int = 3
    rate: int | None = None  # messages per minute; None: the account's or provider's default
    daily_cap: int | None = None


@dataclass(eq=False)
class Campaign:
    """One apology mailing. Edit the attributes, then ``save()``; ``conn`` is the open file."""

    path: Path | None
    campaign_id: str
    created_at: dt.datetime
    table: Table
    columns: ColumnMap
    template: Template
    identity: Identity
    code_plan: CodePlan = field(default_factory=CodePlan)
    attachments: AttachmentPlan = field(default_factory=AttachmentPlan)
    suppress: frozenset[str] = frozenset()
    filter: Filter = field(default_factory=Filter)
    settings: Settings = field(default_factory=Settings)
    codes: dict[int, str] = field(default_factory=dict)  # row -> unique code given out
    conn: sqlite3.Connection | None = field(default=None, repr=False)
    _lock: _SendLock | None = field(default=None, repr=False)
    _stored_table: Table | None = field(default=None, repr=False)
    _stored_codes: dict[int, str] = field(default_factory=dict, repr=False)
    _cache: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)

    # -- making and opening ---------------------------------------------------------------

    @classmethod
    def draft(
        cls,
        *,
        table: Table,
        columns: ColumnMap | None,
        template: Template,
        identity: Identity,
        code_plan: CodePlan | None = None,
        attachments: AttachmentPlan | None = None,
        suppress: frozenset[str] | set[str] = frozenset(),
        filter: Filter | None = None,
        settings: Settings | None = None,
    ) -> Campaign:
        """A campaign that exists only in memory (``check``/``preview`` of a spreadsheet).
        ``columns`` None: detected now, so the campaign keeps one fixed mapping."""
        if columns is None:
            from composer.recipients import detect_columns

            columns = detect_columns(table)
        return cls(
            path=None,
            campaign_id=uuid.uuid4().hex,
            created_at=dt.datetime.now(dt.UTC),
            table=table,
            columns=columns,
            template=template,
            identity=identity,
            code_plan=code_plan or CodePlan(),
            attachments=attachments or AttachmentPlan(),
            suppress=frozenset(suppress),
            filter=filter or Filter(),
            settings=settings or Settings(),
        )

    @classmethod
    def create(
        cls,
        path: str | Path,
        *,
        table: Table,
        columns: ColumnMap | None,
        template: Template,
        identity: Identity,
        code_plan: CodePlan | None = None,
        attachments: AttachmentPlan | None = None,
        suppress: frozenset[str] | set[str] = frozenset(),
        filter: Filter | None = None,
        settings: Settings | None = None,
        overwrite: bool = False,
    ) -> Campaign:
        """Write a new campaign file and return it open. Refuses to replace an existing file
        unless ``overwrite``; the new file appears only once it is complete."""
        campaign = cls.draft(
            table=table,
            columns=columns,
            template=template,
            identity=identity,
            code_plan=code_plan,
            attachments=attachments,
            suppress=suppress,
            filter=filter,
            settings=settings,
        )
        return campaign.save_as(path, overwrite=overwrite)

    def save_as(self, path: str | Path, *, overwrite: bool = False) -> Campaign:
        """Write this campaign to a new file and return the campaign opened from it.

        A campaign already in a file is copied whole first, so its delivery journal and
        discount codes travel with it: "Save As" never makes people look unsent. This object
        stays as it was (still attached to its own file, or still a draft)."""
        path = Path(path)
        if path.is_dir():
            raise CampaignError(f'"{path}" is a folder; give a file name ending in {SUFFIX}.')
        if path.exists() and not overwrite:
            raise CampaignError(
                f'"{path.name}" already exists; choose another name or allow replacing it.'
            )
        if not path.parent.is_dir():
            raise CampaignError(f'The folder "{path.parent}" does not exist; create it first.')
        guard = _SendLock.acquire(path) if path.exists() else None
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            conn = _connect(tmp)
            try:
                if self.conn is not None:
                    self.conn.backup(conn)  # everything, the journal included
                    _connect_settings(conn)
                else:
                    with journal.transaction(conn):
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                        for statement in _SCHEMA.split(";\n"):
                            if statement.strip():
                                conn.execute(statement)
                self._write_all(conn, fresh=True)
                _create_journal(conn)
            finally:
                conn.close()
            os.replace(tmp, path)
            _fsync_dir(path.parent)
        except sqlite3.IntegrityError as error:
            raise CampaignError(
                "Two recipients would share one discount code; check the codes and save again."
            ) from error
        except sqlite3.Error as error:
            raise CampaignError(
                f'The campaign file "{path.name}" could not be written ({error}); '
                "check the disk space and that you may write to that folder."
            ) from error
        except OSError as error:
            raise CampaignError(
                f'The campaign file "{path.name}" could not be written ({error.strerror}); '
                "check the disk space and that you may write to that folder."
            ) from error
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                with suppress(OSError):
                    leftover.unlink()
            if guard is not None:
                guard.release()
        return Campaign.open(path)

    @classmethod
    def open(cls, path: str | Path, *, for_sending: bool = False) -> Campaign:
        """Open a campaign file. ``for_sending`` takes the per-file lock that keeps a second
        window or program from sending the same campaign, and turns messages left
        ``sending`` by a crash into ``in_doubt``."""
        path = Path(path)
        _check_is_sqlite(path)
        lock = _SendLock.acquire(path) if for_sending else None
        conn: sqlite3.Connection | None = None
        try:
            conn = _open_existing(path)
            campaign = cls._load(conn, path)
            campaign._lock = lock
            if for_sending:
                _create_journal(conn)
                _recover_journal(conn)
            return campaign
        except sqlite3.DatabaseError as error:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.release()
            raise _damaged(path, error) from error
        except BaseException:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _load(cls, conn: sqlite3.Connection, path: Path) -> Campaign:
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
        )
        pool = tuple(
            code for (code,) in conn.execute("SELECT code FROM code_pool ORDER BY position")
        )
        files = tuple(
            Path(p) for (p,) in conn.execute("SELECT path FROM attachment_files ORDER BY position")
        )
        conditions = tuple(
            Condition(f, op, value)
            for f, op, value in conn.execute(
                "SELECT field, op, value FROM filter_conditions ORDER BY position"
            )
        )
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
        table = Table(
            columns=columns,
            rows=rows,
            row_numbers=numbers,
            sheet=c["sheet"],
            sheets=list(json.loads(c["sheets"])),
            source=Path(c["source_file"]) if c["source_file"] is not None else None,
        )
        codes = dict(conn.execute("SELECT row, code FROM codes ORDER BY row"))
        campaign = cls(
            path=path,
            campaign_id=c["campaign_id"],
            created_at=dt.datetime.fromisoformat(c["created_at"]),
            table=table,
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
            codes=codes,
            conn=conn,
        )
        campaign._stored_table = table
        campaign._stored_codes = dict(codes)
        return campaign

    # -- writing ---------------------------------------------------------------------------

    def save(self) -> None:
        """Write the current attributes to the file in one transaction."""
        if self.conn is None:
            raise CampaignError(
                "This campaign has no file yet (or was closed); save it under a name first."
            )
        try:
            self._write_all(self.conn)
        except sqlite3.IntegrityError as error:
            raise CampaignError(
                "Two recipients would share one discount code; check the codes and save again."
            ) from error
        except sqlite3.Error as error:
            raise CampaignError(
                f"The campaign could not be saved ({error}); check the disk space and try again."
            ) from error
        self._stored_table = self.table
        self._stored_codes = dict(self.codes)
        # Fold the log into the file when nobody is reading, so a copy of the .apology file
        # taken while the app is open already holds this save.
        with suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _write_all(self, conn: sqlite3.Connection, *, fresh: bool = False) -> None:
        """Every attribute in one transaction; ``fresh``: a new file, so the rows and all codes
        too (else only a replaced table and codes not yet stored)."""
        t, ident, cols, s = self.template, self.identity, self.columns, self.settings
        with journal.transaction(conn):
            conn.execute("DELETE FROM campaign")
            conn.execute(
                "INSERT INTO campaign VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.campaign_id,
                    self.created_at.isoformat(),
                    ident.name,
                    ident.address,
                    ident.reply_to,
                    t.subject,
                    t.body,
                    int(t.markdown),
                    t.reply_to,
                    self.code_plan.kind,
                    self.code_plan.shared,
                    self.code_plan.column,
                    self.attachments.column,
                    _path_text(self.attachments.base_dir),
                    cols.email,
                    cols.first_name,
                    cols.last_name,
                    cols.full_name,
                    cols.unsubscribed,
                    int(self.filter.match_all),
                    s.account,
                    s.connections,
                    s.rate,
                    s.daily_cap,
                    _path_text(self.table.source),
                    self.table.sheet,
                    json.dumps(list(self.table.sheets), ensure_ascii=False),
                ),
            )
            _replace(conn, "fallbacks", list(t.fallbacks.items()))
            _replace(conn, "code_pool", list(enumerate(self.code_plan.pool)))
            _replace(
                conn,
                "attachment_files",
                [(i, str(p)) for i, p in enumerate(self.attachments.files)],
            )
            _replace(
                conn,
                "filter_conditions",
                [(i, c.field, c.op, c.value) for i, c in enumerate(self.filter.conditions)],
            )
            _replace(conn, "suppression", [(e,) for e in sorted(self.suppress)])
            if fresh or self.table is not self._stored_table:
                self._write_table(conn)
            if fresh:
                conn.execute("DELETE FROM codes")
            self._write_codes(conn, {} if fresh else self._stored_codes)

    def _write_table(self, conn: sqlite3.Connection) -> None:
        from composer.table import display

        table = self.table
        _replace(conn, "columns", [(i, c.header, c.field) for i, c in enumerate(table.columns)])
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

        def snapshot() -> Iterator[tuple[int, str]]:
            for number, row in zip(table.row_numbers, table.rows, strict=True):
                cells = [c if c is None or c.__class__ is str else display(c) for c in row]
                yield number, dumps(cells)

        conn.execute("DELETE FROM rows")
        conn.executemany("INSERT INTO rows (row, cells) VALUES (?, ?)", snapshot())

    def _write_codes(self, conn: sqlite3.Connection, stored: dict[int, str]) -> None:
        changed = [r for r, c in self.codes.items() if stored.get(r) != c]
        for row in changed:
            if row in stored:
                raise CampaignError(
                    f"Row {row} already has the discount code {stored[row]}; "
                    "a code once given is never changed."
                )
        conn.executemany(
            "INSERT INTO codes (row, code) VALUES (?, ?)", [(r, self.codes[r]) for r in changed]
        )

    def close(self) -> None:
        """Close the file (folding the write-ahead log back in) and release the send lock."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Campaign:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the mailing -----------------------------------------------------------------------

    def recipients(self) -> Recipients:
        """Every row of the snapshot as a recipient or a problem."""
        from composer import recipients

        key = (id(self.table), len(self.table.rows), self.columns, self.suppress)
        return self._cached(
            "recipients", key, lambda: recipients.build(self.table, self.columns, self.suppress)
        )

    def audience(self) -> list[Recipient]:
        """The recipients the filter keeps: who this campaign goes to."""
        from composer import audience

        people = self.recipients()
        return self._cached(
            "audience",
            (id(people), self.filter),
            lambda: audience.select(people.valid, self.filter),
        )

    def checkup(self, *, check_sender: bool = True) -> Checkup:
        """Whether the campaign can be sent, and every problem found (see composer.check).
        ``check_sender=False`` skips the sender address (a preview with a placeholder)."""
        from composer import check

        return check.run(
            self.table,
            self.columns,
            self.template,
            code_plan=self.code_plan,
            attachments=self.attachments,
            suppress=self.suppress,
            filter=self.filter,
            identity=self.identity if check_sender else None,
            already=self.codes,
        )

    def assign_codes(
        self, audience: list[Recipient] | None = None, *, store: bool = True
    ) -> dict[int, str]:
        """Give each recipient of the audience a discount code; a code once given is kept.

        Unique codes are written to the file at once (``store=False`` keeps them in memory,
        for a preview). Returns row -> code for the audience."""
        from composer import codes

        people = self.audience() if audience is None else audience
        given = codes.assign(self.code_plan, people, dict(self.codes))
        if self.code_plan.kind in _UNIQUE_CODE_KINDS:
            new = {r: c for r, c in given.items() if r not in self.codes and c is not None}
            self.codes.update(new)
            if new and store and self.conn is not None:
                self.save_codes()
        return given

    def save_codes(self) -> None:
        """Store the code assignments not yet in the file (one transaction)."""
        if self.conn is None:
            raise CampaignError("This campaign has no file yet; save it under a name first.")
        try:
            with journal.transaction(self.conn):
                self._write_codes(self.conn, self._stored_codes)
        except sqlite3.IntegrityError as error:
            raise CampaignError(
                "Two recipients would share one discount code; check the codes and try again."
            ) from error
        self._stored_codes = dict(self.codes)

    def code_for(self, recipient: Recipient) -> str | None:
        """The discount code this recipient's apology carries (None without a code plan)."""
        plan = self.code_plan
        if plan.kind == SHARED:
            return plan.shared
        if plan.kind in _UNIQUE_CODE_KINDS:
            code = self.codes.get(recipient.row)
            if code is None:
                raise CodeError(
                    f"Row {recipient.row} has no discount code yet; "
                    "assign the codes before previewing or sending.",
                    row=recipient.row,
                )
            return code
        return None

    def renderer(self) -> Renderer:
        """The template compiled for this campaign's fields (compiled once, reused)."""
        from composer.template import Renderer

        t = self.template
        known = self.table.fields
        key = (t.subject, t.body, t.markdown, t.reply_to, tuple(t.fallbacks.items()), tuple(known))
        return self._cached("renderer", key, lambda: Renderer(t, known))

    def message_for(self, recipient: Recipient) -> EmailMessage:
        """The e-mail this recipient gets, exactly as it will be sent: the one place a
        campaign's message is made (preview, test send, the sender and the app use it)."""
        from composer import attachments, message

        draft = self.renderer().render(recipient, self.code_for(recipient))
        files = attachments.resolve(self.attachments, recipient)
        return message.build(draft, self.identity, self.campaign_id, tuple(files))

    def _cached(self, name: str, key: Any, compute: Any) -> Any:
        hit = self._cache.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = compute()
        self._cache[name] = (key, value)
        return value


# -- the send lock --------------------------------------------------------------------------


class _SendLock:
    """An exclusive lock on ``NAME.apology.lock``, held through an open file so the operating
    system drops it when the process ends for any reason (even SIGKILL)."""

    def __init__(self, path: Path, handle: IO[bytes]):
        self.path = path
        self.handle = handle

    @classmethod
    def acquire(cls, campaign_path: Path) -> _SendLock:
        lock_path = campaign_path.with_name(campaign_path.name + ".lock")
        for _ in range(10):
            try:
                handle = open(lock_path, "a+b")  # noqa: SIM115 - held for the lock's life
            except OSError as error:
                raise CampaignError(
                    f'The lock file "{lock_path.name}" cannot be created ({error.strerror}); '
                    "check that you may write to the campaign's folder."
                ) from error
            try:
                _lock_file(handle)
            except OSError:
                handle.close()
                raise CampaignError(BUSY) from None
            # The file may have been removed by a holder releasing it between our open and
            # lock; then we hold a lock nobody else can see, so try again on the new file.
            try:
                same = os.path.samestat(os.fstat(handle.fileno()), os.stat(lock_path))
            except OSError:
                same = False
            if same:
                handle.seek(0)
                handle.truncate()
                handle.write(f"{os.getpid()}\n".encode())
                handle.flush()
                return cls(lock_path, handle)
            handle.close()
        raise CampaignError(BUSY)

    def release(self) -> None:
        with suppress(OSError):
            self.path.unlink()  # while still holding it, so nobody locks a file we remove
        with suppress(OSError):
            _unlock_file(self.handle)
        self.handle.close()


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_file(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_file(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# -- SQLite helpers -------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    """A connection with the crash-safety settings; usable from the sender's worker thread
    (one thread at a time)."""
    conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
    _connect_settings(conn)
    return conn


def _connect_settings(conn: sqlite3.Connection) -> None:
    """Write-ahead log (or a rollback journal where WAL is impossible) and full fsync."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


def _check_is_sqlite(path: Path) -> None:
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


def _open_existing(path: Path) -> sqlite3.Connection:
    """Connect and make sure the file is one of ours before changing anything in it."""
    conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
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
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(verdict)
        _connect_settings(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _damaged(path: Path, error: sqlite3.Error) -> CampaignError:
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


def _replace(conn: sqlite3.Connection, table: str, values: list[tuple[Any, ...]]) -> None:
    conn.execute(f"DELETE FROM {table}")
    if values:
        marks = ", ".join("?" * len(values[0]))
        conn.executemany(f"INSERT INTO {table} VALUES ({marks})", values)


def _path_text(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _fsync_dir(folder: Path) -> None:
    """Make the rename of a new campaign file durable (POSIX; a no-op elsewhere)."""
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _create_journal(conn: sqlite3.Connection) -> None:

    create = getattr(journal, "create_schema", None)
    if create is not None:
        create(conn)


def _recover_journal(conn: sqlite3.Connection) -> None:

    recover = getattr(journal, "recover", None)
    if recover is not None:
        recover(conn)


def is_campaign_file(path: str | Path) -> bool:
    """Whether a path names a campaign (by content, not by name): for the CLI and the app."""
    try:
        _check_is_sqlite(Path(path))
    except CampaignError:
        return False
    return True


__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SUFFIX", "Campaign", "Settings", "is_campaign_file"]

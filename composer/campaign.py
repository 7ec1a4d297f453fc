"""The campaign: one apology mailing and its record, in memory and in its ``.apology`` file.

It holds everything needed to send the apology again or explain later who got what: the
mailing (``composer.mailing.Mailing``: the customer rows as imported, so editing the
spreadsheet afterwards changes nothing, the apology, the sender, the codes plan...), the
discount codes given out, the history (tests sent to yourself, lists loaded) and, through
``composer.journal``, the delivery journal. The file format lives in
``composer.campaign_file``; the lock that stops two senders in ``composer.sendlock``.

A campaign is either a draft (only in memory, ``path`` None) or open on its file. Its mailing
is one frozen value, replaced whole on each edit, so a copy handed to the sender or to a
background check can never change under it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from email.message import EmailMessage
from enum import StrEnum
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from composer import campaign_file, journal
from composer.attachments import AttachmentPlan
from composer.audience import Filter
from composer.campaign_file import SUFFIX, is_campaign_file
from composer.codes import COLUMN, FILE, SHARED, CodePlan
from composer.errors import CampaignError, CodeError, ComposerError
from composer.language import N_, _
from composer.mailing import Mailing, Settings
from composer.message import Identity, MessageError
from composer.recipients import ColumnMap, Recipient, Recipients
from composer.sendlock import BUSY, CampaignBusy, SendLock
from composer.shards import Shards
from composer.table import Table
from composer.template import Template
from composer.wording import count

if TYPE_CHECKING:
    from composer.check import Checkup
    from composer.deliverability import Deliverability, Finding
    from composer.plan import Plan
    from composer.template import Renderer

_UNIQUE_CODE_KINDS = (FILE, COLUMN)
_T = TypeVar("_T")


class HistoryKind(StrEnum):
    """What the campaign's history records besides deliveries."""

    TEST_SENT = "test_sent"  # a test of this version went to the sender's own address
    TEST_SKIPPED = "test_skipped"  # the person chose to send this version without a test
    TEST_WANTED = "test_wanted"  # ...and then changed their mind: a test is wanted again
    LIST_LOADED = "list_loaded"  # an edited customer list replaced the campaign's
    ADDRESS_CORRECTED = "address_corrected"  # a bounced address was corrected in the app
    DELIVERABILITY_CHECKED = "deliverability_checked"  # the From domain's records, looked up


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: float
    kind: HistoryKind
    detail: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class TestStatus:
    """Whether the mailing as it stands now was tried on the sender first."""

    tested: bool = False  # a test of this very version went to the sender
    skipped: bool = False  # the person chose "Send without a test" for this version
    to: str | None = None  # where that test went
    at: float | None = None  # when
    earlier: bool = False  # an older version was tested (the apology changed since)

    __test__ = False  # not a pytest test class

    @property
    def done(self) -> bool:
        return self.tested or self.skipped


@dataclass(frozen=True, slots=True)
class ListChange:
    """What loading another customer list into a campaign would change, by customer."""

    new: int  # customers the campaign has never seen: they will be queued
    gone: int  # customers no longer in the list
    gone_waiting: int  # of those, the ones not sent yet: they are dropped
    unchanged: int  # in both lists
    already_have: int  # of the unchanged, those sent (or maybe sent): never queued again
    file: str = ""

    def sentence(self) -> str:
        """ "2 new customers, 1 no longer in the list, 44 unchanged (40 of them already have
        the apology and will not get it again)." """
        parts = [
            count(self.new, "{n} new customer", "{n} new customers"),
            count(self.gone, "{n} no longer in the list", "{n} no longer in the list"),
            count(self.unchanged, "{n} unchanged", "{n} unchanged"),
        ]
        text = ", ".join(parts)
        if self.already_have:
            text += " " + count(
                self.already_have,
                "({n} of them already has the apology and will not get it again)",
                "({n} of them already have the apology and will not get it again)",
            )
        if self.gone_waiting:
            text += "; " + count(
                self.gone_waiting,
                "{n} not sent yet and no longer in the list will not get it",
                "{n} not sent yet and no longer in the list will not get it",
            )
        return text + "."


NO_LIST = N_("This campaign has no customers yet; open the spreadsheet first.")
SHARED_CODE = N_("Two customers would share one discount code; check the codes and save again.")


@dataclass(slots=True)
class _Cache:
    """Answers worked out once per version of what they depend on, shared by a campaign and
    its snapshots (an edit re-checks only what it changed). Keys name large objects by
    ``id()``; each entry keeps those objects alive, so an id is never reused while its entry
    stands. Threads may race to fill an entry: both work out the same answer."""

    entries: dict[str, tuple[Any, Any, tuple[Any, ...]]] = field(default_factory=dict)

    def get(self, name: str, key: Any, compute: Callable[[], _T], keep: tuple[Any, ...] = ()) -> _T:
        hit = self.entries.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = compute()
        self.entries[name] = (key, value, keep)
        return value


class Campaign:
    """One apology mailing. Change ``mailing`` (or its parts), then ``save()``."""

    def __init__(
        self,
        mailing: Mailing,
        *,
        path: Path | None = None,
        campaign_id: str | None = None,
        created_at: dt.datetime | None = None,
        codes: Mapping[str, str] | None = None,
        history: list[HistoryEntry] | None = None,
        conn: campaign_file.Connection | None = None,
    ) -> None:
        self.mailing = mailing
        self.path = path
        self.campaign_id = campaign_id or uuid.uuid4().hex
        self.created_at = created_at or dt.datetime.now(dt.UTC)
        self.codes: dict[str, str] = dict(codes or {})  # customer -> unique code given out
        self.history: list[HistoryEntry] = list(history or [])
        self.conn = conn
        self._lock: SendLock | None = None
        self._stored_table: Table | None = mailing.table if conn is not None else None
        self._stored_codes: dict[str, str] = dict(self.codes) if conn is not None else {}
        self._stored_history = len(self.history) if conn is not None else 0
        self._cache = _Cache()
        self._journal_conn: campaign_file.Connection | None = None  # see snapshot()

    # -- the parts of the mailing, for convenience ------------------------------------------

    @property
    def table(self) -> Table:
        if self.mailing.table is None:
            raise CampaignError(_(NO_LIST))
        return self.mailing.table

    @table.setter
    def table(self, table: Table) -> None:
        self.mailing = self.mailing.changed(table=table)

    @property
    def columns(self) -> ColumnMap:
        return self.mailing.columns or ColumnMap(email=None)

    @columns.setter
    def columns(self, columns: ColumnMap) -> None:
        self.mailing = self.mailing.changed(columns=columns)

    @property
    def template(self) -> Template:
        return self.mailing.template

    @template.setter
    def template(self, template: Template) -> None:
        self.mailing = self.mailing.changed(template=template)

    @property
    def identity(self) -> Identity:
        return self.mailing.identity

    @identity.setter
    def identity(self, identity: Identity) -> None:
        self.mailing = self.mailing.changed(identity=identity)

    @property
    def code_plan(self) -> CodePlan:
        return self.mailing.code_plan

    @code_plan.setter
    def code_plan(self, plan: CodePlan) -> None:
        self.mailing = self.mailing.changed(code_plan=plan)

    @property
    def attachments(self) -> AttachmentPlan:
        return self.mailing.attachments

    @attachments.setter
    def attachments(self, plan: AttachmentPlan) -> None:
        self.mailing = self.mailing.changed(attachments=plan)

    @property
    def suppress(self) -> frozenset[str]:
        return self.mailing.suppress

    @suppress.setter
    def suppress(self, addresses: frozenset[str]) -> None:
        self.mailing = self.mailing.changed(suppress=frozenset(addresses))

    @property
    def filter(self) -> Filter:
        return self.mailing.filter

    @filter.setter
    def filter(self, new: Filter) -> None:
        self.mailing = self.mailing.changed(filter=new)

    @property
    def settings(self) -> Settings:
        return self.mailing.settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self.mailing = self.mailing.changed(settings=settings)

    # -- making and opening ---------------------------------------------------------------

    @classmethod
    def draft(cls, mailing: Mailing | None = None, **parts: Any) -> Campaign:
        """A campaign that exists only in memory (``check``/``preview`` of a spreadsheet, the
        app before the first save). Columns not given are detected now, so the campaign keeps
        one fixed mapping."""
        mailing = (mailing or Mailing()).changed(**parts) if parts else (mailing or Mailing())
        if mailing.columns is None and mailing.table is not None:
            from composer.recipients import detect_columns

            mailing = mailing.changed(columns=detect_columns(mailing.table))
        return cls(mailing)

    @classmethod
    def create(
        cls,
        path: str | Path,
        mailing: Mailing | None = None,
        *,
        overwrite: bool = False,
        **parts: Any,
    ) -> Campaign:
        """Write a new campaign file and return it open. Refuses to replace an existing file
        unless ``overwrite`` (which replaces it whole, its record too); the new file appears
        only once it is complete."""
        return cls.draft(mailing, **parts).save_as(
            path, overwrite=overwrite, replace_record=overwrite
        )

    def save_as(
        self, path: str | Path, *, overwrite: bool = False, replace_record: bool = False
    ) -> Campaign:
        """Write this campaign to a new file and return the campaign opened from it.

        A campaign already in a file is copied whole first, so its delivery journal and
        discount codes travel with it: "Save As" never makes people look unsent. This object
        stays as it was (still attached to its own file, or still a draft). ``overwrite``
        replaces another file; one holding deliveries only with ``replace_record`` as well.
        """
        path = Path(path)
        if path.is_dir():
            raise CampaignError(
                _('"{folder}" is a folder; give a file name ending in {suffix}.').format(
                    folder=path, suffix=SUFFIX
                )
            )
        if path.exists() and not overwrite:
            raise CampaignError(
                _('"{file}" already exists; choose another name or allow replacing it.').format(
                    file=path.name
                )
            )
        if path.exists() and not replace_record and _holds_deliveries(path):
            raise CampaignError(
                _(
                    '"{file}" is another campaign with its own record of who got what; choose '
                    "another name, so that record is kept."
                ).format(file=path.name)
            )
        if not path.parent.is_dir():
            raise CampaignError(
                _('The folder "{folder}" does not exist; create it first.').format(
                    folder=path.parent
                )
            )
        guard = SendLock.acquire(path) if path.exists() else None
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            conn = campaign_file.connect(tmp)
            try:
                if self.conn is not None:
                    with self.conn.lock:
                        self.conn.backup(conn)  # everything, the journal included
                    campaign_file.connect_settings(conn)
                    self._write(conn, table_changed=self.mailing.table is not self._stored_table)
                else:
                    campaign_file.create_schema(conn)
                    self._write(conn, table_changed=True, everything=True)
            finally:
                conn.close()
            os.replace(tmp, path)
            campaign_file.fsync_dir(path.parent)
        except sqlite3.IntegrityError as error:
            raise CampaignError(_(SHARED_CODE)) from error
        except (sqlite3.Error, OSError) as error:
            raise CampaignError(
                _(
                    'The campaign file "{file}" could not be written ({error}); check the disk '
                    "space and that you may write to that folder."
                ).format(
                    file=path.name, error=error.strerror if isinstance(error, OSError) else error
                )
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
        window or program from sending the same campaign. Whenever nobody is sending it,
        messages left ``sending`` by a crash become ``in_doubt`` on opening. A symbolic link
        opens the file it points to (one file, one lock)."""
        path = campaign_file.real_path(path)
        campaign_file.check_is_sqlite(path)
        conn: campaign_file.Connection | None = None
        try:
            conn = campaign_file.open_existing(path)
            stored = campaign_file.read(conn, path)
            campaign = cls(
                stored.mailing,
                path=path,
                campaign_id=stored.campaign_id,
                created_at=stored.created_at,
                codes=stored.codes,
                history=[HistoryEntry(at, HistoryKind(k), d) for at, k, d in stored.history],
                conn=conn,
            )
        except sqlite3.DatabaseError as error:
            if conn is not None:
                conn.close()
            raise campaign_file.damaged(path, error) from error
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        try:
            if for_sending:
                campaign.lock_for_sending()
            else:
                campaign._recover_if_idle()
        except BaseException:
            campaign.close()
            raise
        return campaign

    def lock_for_sending(self) -> None:
        """Take the send lock of this open campaign (``CampaignBusy`` when another window or
        program holds it) and turn a crash's ``sending`` lines into ``in_doubt``."""
        if self._lock is not None:
            return
        if self.conn is None or self.path is None:
            raise CampaignError(_("Save the campaign under a name before sending it."))
        self._lock = SendLock.acquire(self.path)
        try:
            journal.recover(self.conn)
        except BaseException:
            self.release_send_lock()
            raise

    def release_send_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _recover_if_idle(self) -> None:
        if self.path is None or self.conn is None:
            return
        lock = SendLock.try_acquire(self.path)
        if lock is None:
            return  # being sent right now: its "sending" lines are really being sent
        try:
            with suppress(sqlite3.OperationalError):  # a read-only copy stays as it is
                journal.recover(self.conn)
        finally:
            lock.release()

    # -- writing ---------------------------------------------------------------------------

    def save(self) -> None:
        """Write the mailing, and the codes and history not yet stored, in one transaction."""
        if self.conn is None:
            raise CampaignError(
                _("This campaign has no file yet (or was closed); save it under a name first.")
            )
        try:
            self._write(self.conn, table_changed=self.mailing.table is not self._stored_table)
        except sqlite3.IntegrityError as error:
            raise CampaignError(_(SHARED_CODE)) from error
        except sqlite3.Error as error:
            raise CampaignError(
                _(
                    "The campaign could not be saved ({error}); check the disk space and try again."
                ).format(error=error)
            ) from error
        self._stored_table = self.mailing.table
        self._stored_codes = dict(self.codes)
        self._stored_history = len(self.history)
        # Fold the log into the file when nobody is reading, so a copy of the .apology file
        # taken while the app is open already holds this save.
        with suppress(sqlite3.Error), self.conn.lock:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _write(
        self, conn: sqlite3.Connection, *, table_changed: bool, everything: bool = False
    ) -> None:
        stored_codes = {} if everything else self._stored_codes
        new_history = self.history if everything else self.history[self._stored_history :]
        campaign_file.write(
            conn,
            campaign_id=self.campaign_id,
            created_at=self.created_at,
            mailing=self.mailing,
            table_changed=table_changed,
            new_codes={k: c for k, c in self.codes.items() if stored_codes.get(k) != c},
            new_history=[(e.at, e.kind, e.detail) for e in new_history],
        )

    def close(self) -> None:
        """Close the file (folding the write-ahead log back in) and release the send lock."""
        if self.conn is not None:
            with self.conn.lock:
                self.conn.close()
            self.conn = None
        self.release_send_lock()

    def __enter__(self) -> Campaign:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def snapshot(self) -> Campaign:
        """A draft copy of this campaign as it stands (same identity, so the same
        Message-IDs; codes and history copied): what a background check or the preview works
        from while the person goes on editing. It reads this campaign's journal (never
        writes it), so its plan is the campaign's plan."""
        copy = Campaign(
            self.mailing,
            campaign_id=self.campaign_id,
            created_at=self.created_at,
            codes=self.codes,
            history=self.history,
        )
        copy._journal_conn = self.conn or self._journal_conn
        copy.path = self.path
        copy._cache = self._cache  # what the campaign already worked out holds for the copy
        return copy

    def deliveries(self) -> list[journal.Delivery]:
        """Every customer's journal line (none for a campaign never saved)."""
        conn = self.conn or self._journal_conn
        if conn is None:
            return []
        with conn.lock:
            return journal.rows(conn)

    def mailbox_events(self) -> list[journal.MailboxEvent]:
        """What the mailbox said about the customers' messages, oldest first."""
        conn = self.conn or self._journal_conn
        if conn is None:
            return []
        with conn.lock:
            return journal.events(conn)

    # -- history ---------------------------------------------------------------------------

    def record(self, kind: HistoryKind, **detail: Any) -> HistoryEntry:
        """Add to the history (written with the next save; at once when the file is open)."""
        entry = HistoryEntry(time.time(), kind, detail)
        self.history.append(entry)
        if self.conn is not None:
            with journal.transaction(self.conn):
                self.conn.execute(
                    "INSERT INTO history (at, kind, detail) VALUES (?, ?, ?)",
                    (entry.at, entry.kind, _json(detail)),
                )
            self._stored_history = len(self.history)
        return entry

    def test_status(self, mailbox: str | None = None) -> TestStatus:
        """Whether this version of the apology went to the sender first (or the person chose
        to send it without a test). ``mailbox``: the address of the account it will be sent
        through, where the test must have arrived (default: the sender's address); a test
        into the practice outbox is no test of a real mailbox."""
        fingerprint = self.mailing.fingerprint()
        own = (mailbox or self.mailing.identity.address).strip().lower()
        mine = [e for e in self.history if e.detail.get("fingerprint") == fingerprint]
        for entry in reversed(mine):
            # a test counts when it reached the sender's own mailbox (not a practice outbox)
            went_to = str(entry.detail.get("to") or "").strip().lower()
            if entry.kind == HistoryKind.TEST_SENT and went_to == own:
                return TestStatus(tested=True, to=entry.detail.get("to"), at=entry.at)
        choices = [e for e in mine if e.kind in (HistoryKind.TEST_SKIPPED, HistoryKind.TEST_WANTED)]
        if choices and choices[-1].kind == HistoryKind.TEST_SKIPPED:
            return TestStatus(skipped=True, at=choices[-1].at)
        earlier = any(
            e.kind == HistoryKind.TEST_SENT and str(e.detail.get("to") or "").strip().lower() == own
            for e in self.history
        )
        return TestStatus(earlier=earlier)

    # -- the customer list -----------------------------------------------------------------

    def compare_list(self, table: Table, columns: ColumnMap | None = None) -> ListChange:
        """What loading ``table`` instead of the current list would change, by customer."""

        incoming = self.mailing.with_list(table, columns)
        file = table.source.name if table.source is not None else ""
        # built through the cache, so the campaign that takes this list does not build them
        # again (a snapshot shares its campaign's cache); each customer once (duplicates are
        # problems, not recipients)
        new_keys = _keys(lambda: self._recipients_of(incoming))
        listed = _keys(self.recipients) if self.mailing.table is not None else []
        states = Shards((d.customer, d.state) for d in self.deliveries())
        if not listed and not states:  # a list for a campaign without one: everyone is new
            return ListChange(
                new=len(new_keys), gone=0, gone_waiting=0, unchanged=0, already_have=0, file=file
            )
        known = Shards.of_keys(chain(listed, states), True)
        incoming_keys = Shards.of_keys(new_keys, True)
        maybe_have = journal.MAYBE_DELIVERED
        gone = [k for k in known if k not in incoming_keys]
        unchanged = [k for k in new_keys if k in known]
        return ListChange(
            new=len(new_keys) - len(unchanged),
            gone=len(gone),
            gone_waiting=sum(1 for k in gone if states.get(k) not in maybe_have),
            unchanged=len(unchanged),
            already_have=sum(1 for k in unchanged if states.get(k) in maybe_have),
            file=file,
        )

    def replace_list(
        self, table: Table, columns: ColumnMap | None = None, change: ListChange | None = None
    ) -> ListChange:
        """Load an edited customer list: customers keep what they have (their delivery,
        their code); new ones will be sent to; the change is written in the history.
        ``change``: ``compare_list``'s answer for this table, when it was worked out already
        (the app does it in the background)."""
        change = change or self.compare_list(table, columns)
        self.mailing = self.mailing.with_list(table, columns)
        if self.journal_started():
            self.record(
                HistoryKind.LIST_LOADED,
                file=change.file,
                new=change.new,
                gone=change.gone,
                unchanged=change.unchanged,
            )
        return change

    def correct_address(self, customer: str, address: str) -> Recipient:
        """A bounce said this customer's address does not exist; the person typed the right
        one. Their row in the list gets it, so by the customer rule it is someone new, sent to
        with the next Send; the old address keeps its record (sent, then bounced). Returns the
        corrected customer."""
        from dataclasses import replace

        from composer.recipients import AddressError, parse_address

        table, columns = self.mailing.table, self.recipients().columns
        if table is None or columns.email is None:
            raise CampaignError(_("Open the customer list first; there is no address to correct."))
        try:
            new, _name = parse_address(address)
        except AddressError as e:
            raise CampaignError(
                _("That address cannot be used: {problem}; type it again.").format(problem=e.phrase)
            ) from e
        old = next((r for r in self.recipients().valid if r.key == customer), None)
        if old is None:
            raise CampaignError(
                _(
                    "That customer is no longer in the list; correct the address in the "
                    "spreadsheet and load it again."
                )
            )
        if new.lower() == customer:
            raise CampaignError(
                _("{address} is the address that bounced; type the corrected one.").format(
                    address=new
                )
            )
        at = table.row_numbers.index(old.row)
        email = table.column_index(columns.email)
        rows = list(table.rows)
        cells = list(rows[at])
        cells[email] = new
        rows[at] = tuple(cells)
        self.mailing = self.mailing.with_list(replace(table, rows=rows), self.mailing.columns)
        self.record(HistoryKind.ADDRESS_CORRECTED, row=old.row, old=old.email, new=new)
        return next(r for r in self.recipients().valid if r.key == new.lower())

    def deliverability(
        self,
        host: str,
        *,
        daily_cap: int | None = None,
        other_daily: int | None = None,
        timeout: float = 3.0,
        now: float | None = None,
    ) -> tuple[Deliverability, tuple[Finding, ...], int]:
        """Will it arrive (``composer.deliverability``): the From domain's records for mail
        sent through ``host`` (kept in the history with their date, looked up again when old),
        the recipient mix's findings, and the estimate of the domain's other daily mail used
        (``other_daily``, else the last one given, else 0)."""
        from composer import deliverability

        known, estimate = None, 0
        for entry in reversed(self.history):
            if entry.kind == HistoryKind.DELIVERABILITY_CHECKED:
                known = deliverability.Deliverability.from_detail(dict(entry.detail))
                estimate = int(entry.detail.get("other_daily") or 0)
                break
        estimate = estimate if other_daily is None else max(0, other_daily)
        checked, mix = deliverability.for_mailing(
            self.identity.address,
            host,
            (r.email for r in self.audience()),
            daily_cap=daily_cap if daily_cap is not None else self.settings.daily_cap,
            other_daily=estimate,
            known=known,
            timeout=timeout,
            now=now,
        )
        if not checked.offline and (checked is not known or other_daily is not None):
            self.record(
                HistoryKind.DELIVERABILITY_CHECKED, **checked.to_detail(), other_daily=estimate
            )
        return checked, mix, estimate

    def journal_started(self) -> bool:
        """Whether any delivery was recorded yet (a list loaded before that is no event)."""
        conn = self.conn or self._journal_conn
        if conn is None:
            return False
        with conn.lock:
            return conn.execute("SELECT 1 FROM deliveries LIMIT 1").fetchone() is not None

    # -- the mailing -----------------------------------------------------------------------

    def recipients(self) -> Recipients:
        """Every row of the snapshot as a recipient or a problem."""
        return self._recipients_of(self.mailing)

    def _recipients_of(self, m: Mailing) -> Recipients:
        from composer import recipients

        table = m.table
        if table is None:
            raise CampaignError(_(NO_LIST))
        key = (id(table), len(table.rows), m.columns, m.suppress)
        return self._cache.get(
            "recipients", key, lambda: recipients.build(table, m.columns, m.suppress), (table,)
        )

    def audience(self) -> list[Recipient]:
        """The recipients the filter keeps: who this campaign goes to."""
        from composer import audience

        people = self.recipients()
        return self._cache.get(
            "audience",
            (id(people), self.filter),
            lambda: audience.select(people.valid, self.filter),
            (people,),
        )

    def checkup(
        self,
        *,
        check_sender: bool = True,
        require_test: bool = False,
        mailbox: str | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> Checkup:
        """Whether the campaign can be sent, and every problem found (see composer.check).
        ``check_sender=False`` skips the sender address (a preview with a placeholder);
        ``require_test`` adds the rule that a test of this version went to the sender first
        (into ``mailbox``, the sending account's own address: see ``test_status``)."""
        from composer import check

        people: Recipients | None = None
        chosen: list[Recipient] | None = None
        if self.mailing.table is not None:
            with suppress(ComposerError):  # check.run says what is wrong
                people = self.recipients()
                chosen = self.audience()
        return check.run(
            self.mailing,
            already=self.codes,
            check_sender=check_sender,
            test=self.test_status(mailbox) if require_test else None,
            people=people,
            audience=chosen,
            stop=stop,
            memo=self._cache.get,
        )

    def plan(
        self, *, limit: int | None = None, resend_in_doubt: bool = False, run_over: bool = False
    ) -> Plan:
        """Per customer, what happens next and why (see composer.plan). ``run_over``: this
        process's run has ended, so nothing of it is still being sent."""
        from composer import plan

        people: list[Recipient] = []
        chosen: list[Recipient] = []
        if self.mailing.table is not None:
            with suppress(ComposerError):  # no address column, a filter gone wrong: nobody
                people, chosen = self.recipients().valid, self.audience()
        conn = self.conn or self._journal_conn
        key = (id(people), id(chosen), id(conn), self._journal_version(conn), run_over)
        where = self._cache.get(
            "standing",
            key,
            lambda: plan.work_out(
                people, chosen, self.deliveries(), self.mailbox_events(), run_over=run_over
            ),
            (people, chosen, conn),
        )
        return plan.of(where, len(chosen), limit=limit, resend_in_doubt=resend_in_doubt)

    @staticmethod
    def _journal_version(conn: campaign_file.Connection | None) -> tuple[int, int] | None:
        if conn is None:
            return None
        with conn.lock:
            return journal.version(conn)

    def assign_codes(
        self, audience: list[Recipient] | None = None, *, store: bool = True
    ) -> dict[str, str]:
        """Give each customer of the audience a discount code; a code once given is kept.

        Unique codes are written to the file at once (``store=False`` keeps them in memory,
        for a preview). Returns customer -> code for the audience."""
        from composer import codes

        people = self.audience() if audience is None else audience
        given = codes.assign(self.code_plan, people, dict(self.codes))
        if self.code_plan.kind in _UNIQUE_CODE_KINDS:
            new = {k: c for k, c in given.items() if k not in self.codes and c is not None}
            self.codes.update(new)
            if new and store and self.conn is not None:
                self.save_codes()
        return given

    def save_codes(self) -> None:
        """Store the code assignments not yet in the file (one transaction)."""
        if self.conn is None:
            raise CampaignError(_("This campaign has no file yet; save it under a name first."))
        new = {k: c for k, c in self.codes.items() if self._stored_codes.get(k) != c}
        try:
            with journal.transaction(self.conn):
                campaign_file.write_codes(self.conn, new)
        except sqlite3.IntegrityError as error:
            raise CampaignError(
                _("Two customers would share one discount code; check the codes and try again.")
            ) from error
        self._stored_codes = dict(self.codes)

    def code_for(self, recipient: Recipient) -> str | None:
        """The discount code this recipient's apology carries (None without a code plan)."""
        plan = self.code_plan
        if plan.kind == SHARED:
            return plan.shared
        if plan.kind in _UNIQUE_CODE_KINDS:
            code = self.codes.get(recipient.key)
            if code is None:
                raise CodeError(
                    _(
                        "Row {row} has no discount code yet; assign the codes before previewing "
                        "or sending."
                    ).format(row=recipient.row),
                    row=recipient.row,
                )
            return code
        return None

    def renderer(self) -> Renderer:
        """The template compiled for this campaign's fields (compiled once, reused)."""
        from composer.template import Renderer

        t = self.template
        known = self.table.fields
        # every setting of the template is in the key (its language and unsubscribe line too),
        # so a changed setting never renders with a stale renderer
        settings = tuple(
            tuple(value.items()) if isinstance(value, Mapping) else value
            for value in (getattr(t, f.name) for f in dataclasses.fields(t))
        )
        key = (settings, tuple(known))
        return self._cache.get("renderer", key, lambda: Renderer(t, known))

    def message_for(self, recipient: Recipient) -> EmailMessage:
        """The e-mail this recipient gets, exactly as it will be sent: the one place a
        campaign's message is made (preview, test send, the sender and the app use it)."""
        from composer import attachments, message

        draft = self.renderer().render(recipient, self.code_for(recipient))
        self._refuse_other_customers(recipient, (draft.subject, draft.text, draft.html or ""))
        files = attachments.resolve(self.attachments, recipient)
        return message.build(draft, self.identity, self.campaign_id, tuple(files))

    def _refuse_other_customers(self, recipient: Recipient, texts: tuple[str, ...]) -> None:
        """The last guard of "nobody sees who else got it": a message whose words carry
        another customer's address (a cell that swallowed other rows, a column of many
        addresses) is never made."""
        from composer.recipients import AddressBook

        found = [t for t in texts if "@" in t]
        if not found:
            return
        people = self.recipients()
        book = self._cache.get(
            "address book",
            id(people),
            lambda: AddressBook(r.key for r in people.valid),
            (people,),
        )
        for text in found:
            other = book.other_than(recipient.key, text)
            if other is not None:
                raise MessageError(
                    _(
                        "The message for row {row} would show another customer's address "
                        "({address}); it was not made. Check the cells of row {row} and the "
                        "apology's fields."
                    ).format(row=recipient.row, address=other),
                    row=recipient.row,
                )


def _holds_deliveries(path: Path) -> bool:
    """Whether the campaign file at ``path`` records any delivery (not a campaign: False)."""
    if not is_campaign_file(path):
        return False
    try:
        with Campaign.open(path) as other:
            return other.journal_started()
    except CampaignError:
        return False


def _keys(build: Callable[[], Recipients]) -> list[str]:
    """The customers of a list, each once (none when it has no address column yet)."""
    from composer.errors import ComposerError
    from composer.sharing import in_slices

    keys: list[str] = []
    try:
        for part in in_slices(build().valid):
            keys += map(attrgetter("key"), part)
    except ComposerError:
        return []
    return keys


def _json(detail: Mapping[str, Any]) -> str:
    import json

    return json.dumps(dict(detail), ensure_ascii=False)


__all__ = [
    "BUSY",
    "SUFFIX",
    "Campaign",
    "CampaignBusy",
    "HistoryEntry",
    "HistoryKind",
    "ListChange",
    "Settings",
    "TestStatus",
    "is_campaign_file",
]

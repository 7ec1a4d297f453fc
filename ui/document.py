"""The campaign being prepared, as one Qt object every step of the window shares.

Why: the four steps look at one campaign. The Document holds the engine's own object
(``composer.campaign.Campaign``: a draft until it is saved, then open on its file) and that
campaign's mailing, one frozen value replaced whole on each edit. Every edit is re-checked by
the engine in the background (``Campaign.checkup`` and ``Campaign.plan``), and the pages show
what the engine answered: the Document decides nothing itself and keeps no copy of the
campaign (only the names of the files the codes and the do-not-contact list came from).

API::

    doc = Document(worker)
    doc.campaign                 # composer.campaign.Campaign (draft, or open on doc.path)
    doc.mailing                  # its Mailing; doc.path, doc.source, doc.title
    doc.checkup, doc.plan        # the engine's latest answers (None until the first check)
    doc.edit(**parts)            # the one way to change the mailing (template=..., filter=...)
    doc.set_template(**parts), doc.set_fallback(field, text), doc.set_columns(**parts),
    doc.set_code_plan(plan, codes_path=None), doc.set_filter(f), doc.set_attachments(p),
    doc.set_setting(name, value), doc.set_suppression_file(path), doc.use_account(account)
    doc.new(); doc.load_spreadsheet(path) / doc.open(path) / doc.save(path) -> Job
    doc.record_test(fingerprint, to); doc.skip_test(on)
    doc.send(account, secret, target=None, on_event=..., resend_in_doubt=False, only=None,
             connections=None) -> Sender | None   # saves first when needed, then sends

    signals: changed()              any edit (title, dirty mark, autosave)
             tableLoaded()          another customer list (or none)
             audienceChanged()      columns, filter or do-not-contact list
             messageChanged()       the apology, its sender, codes or attachments
             settingsChanged()      the account and the pace
             checkupReady(object)   the engine's checkup and plan are fresh
             listChangeProposed(object, object)  (ListChange, apply) for an edited list
             working(str, int, int)  what the engine is doing: a sentence, done of total
                                    (total 0: no measure of it); busyChanged(False) ends it
             pathChanged(str), problem(str), dirtyChanged(bool), busyChanged(bool),
             saved(str), sendingChanged(bool), sendFinished(object), sendFailed(str)

Drafts: while dirty, the mailing (not the rows) is written every few seconds to a JSON file
in the drafts folder, so a crash loses nothing typed; ``recoverable_drafts()`` lists them at
the next start and ``restore_draft(path)`` brings one back.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from composer import campaign_file, filing, formats, language, paths
from composer import mailing as mailings
from composer.accounts import Account, Secret, sender_identity
from composer.attachments import AttachmentPlan
from composer.audience import Filter
from composer.campaign import Campaign, HistoryKind, ListChange
from composer.campaign_file import SUFFIX
from composer.check import Blocker, Checkup, Step
from composer.codes import CodePlan
from composer.errors import ComposerError
from composer.filing import SentCopies
from composer.mailing import Mailing
from composer.message import Identity
from composer.outbox import is_practice
from composer.plan import Plan
from composer.recipients import ColumnMap, Problem
from composer.sender import Event, Sender, Summary
from composer.table import Table
from composer.template import Template
from ui.worker import Job, Worker

DRAFT_VERSION = 2
RECHECK_DELAY_MS = 100
AUTOSAVE_INTERVAL_MS = 3000

# Which signal each part of the mailing belongs to.
_AUDIENCE = frozenset({"columns", "filter", "suppress"})
_MESSAGE = frozenset({"template", "identity", "code_plan", "attachments"})


def drafts_dir() -> Path:
    return paths.data_dir() / "drafts"


def recoverable_drafts(folder: Path | None = None) -> list[Path]:
    """Drafts left behind by a session that did not end cleanly, newest first."""
    folder = folder or drafts_dir()
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("*.json") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def draft_summary(path: Path) -> str:
    """A short description of a draft for the recovery question (subject or file name)."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return path.name
    mailing = state.get("mailing") or {}
    subject = (mailing.get("template") or {}).get("subject") or ""
    source = state.get("path") or mailing.get("source") or ""
    return subject.strip() or Path(source).name or path.name


# ---- the engine's work, run in the worker ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Checked:
    checkup: Checkup
    plan: Plan


def _check(
    snapshot: Campaign,
    mailbox: str | None,
    stop: Callable[[], bool] | None = None,
    progress: Callable[[Any], None] | None = None,
) -> Checked:
    """The engine's whole check of the campaign as it stands, and its plan; ``mailbox``: the
    address of the account it goes through (where the test must have arrived). The snapshot
    shares what its campaign already worked out, so an edit of the apology re-checks only
    the apology; ``stop``: a newer edit supersedes this check; ``progress(stage)`` before
    each of its three stages (the addresses, the apology, who gets it)."""
    tell = progress or (lambda stage: None)
    tell(0)
    if snapshot.mailing.table is not None:
        with contextlib.suppress(ComposerError):  # the check says what is wrong
            snapshot.audience()  # the addresses: the long part for a new list
    tell(1)
    checkup = snapshot.checkup(require_test=True, mailbox=mailbox, stop=stop)
    tell(2)
    return Checked(checkup, snapshot.plan())


def _load_list(
    path: Path, sheet: str | None, snapshot: Campaign, progress: Callable[[Any], None]
) -> tuple[Table, ListChange]:
    """Read a customer list, and what loading it into this campaign would change;
    ``progress((rows, of))`` as its rows are taken in."""
    from composer import table

    loaded = table.load(path, sheet, progress=lambda rows, of: progress((rows, of)))
    return loaded, snapshot.compare_list(loaded)


def _read_suppression(path: Path) -> frozenset[str]:
    from composer import recipients

    return recipients.load_suppression(path)


def _save(campaign: Campaign, target: Path) -> Campaign:
    """Write the campaign; returns the campaign now open on ``target``. Saving to its own
    file updates it in place (the journal and the codes given stay); any other target gets a
    complete new file (Save As copies the journal too)."""
    same = campaign.path is not None and campaign.path == campaign_file.real_path(target)
    if same and campaign.conn is not None:
        campaign.save()
        return campaign
    return campaign.save_as(target, overwrite=True)


async def _run(campaign: Campaign, sender: Sender, copies: SentCopies | None) -> Summary:
    """Take the send lock, send, let go of the lock: in the worker's loop. The copies for
    the Sent folder are filed meanwhile, and finished after the run."""
    import asyncio

    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, campaign.lock_for_sending)
    try:
        summary = await sender.run()
    finally:
        campaign.release_send_lock()
        filed = await loop.run_in_executor(None, copies.close) if copies is not None else None
    if filed is not None:
        summary.filed = filed.sentence()
    return summary


def _new_letter(template: Template) -> Template:
    """A new campaign writes its dates and amounts as the person's own language does."""
    locale, currency = formats.new_letter(language.current())
    return replace(template, language=locale, currency=currency)


class Document(QObject):
    """The campaign being prepared; see the module docstring for the API."""

    changed = Signal()
    tableLoaded = Signal()
    audienceChanged = Signal()
    messageChanged = Signal()
    settingsChanged = Signal()
    checkupReady = Signal(object)
    listChangeProposed = Signal(object, object)
    pathChanged = Signal(str)
    replaced = Signal()  # another campaign: New or Open (not a save under a new name)
    problem = Signal(str)
    dirtyChanged = Signal(bool)
    busyChanged = Signal(bool)
    working = Signal(str, int, int)
    saved = Signal(str)
    sendingChanged = Signal(bool)
    sendFinished = Signal(object)
    sendFailed = Signal(str)

    def __init__(self, worker: Worker, parent: QObject | None = None, drafts: Path | None = None):
        super().__init__(parent)
        self.worker = worker
        self._drafts = drafts
        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(RECHECK_DELAY_MS)
        self._recheck_timer.timeout.connect(self._start_check)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self._jobs: set[Job] = set()
        self.sending = False
        self.mailbox: str | None = None  # the address of the account chosen to send
        self.campaign = Campaign.draft(Mailing(template=_new_letter(Template("", ""))))
        self._reset()

    # ---- state ------------------------------------------------------------------------
    def _reset(self) -> None:
        self.checkup: Checkup | None = None
        self.plan: Plan | None = None
        self.codes_path: Path | None = None  # the file the codes were read from (display)
        self.suppress_path: Path | None = None
        self.dirty = False
        self._draft_id = uuid.uuid4().hex
        self._autosaved_at_change = -1
        self._change_count = 0

    @property
    def mailing(self) -> Mailing:
        return self.campaign.mailing

    @property
    def path(self) -> Path | None:
        return self.campaign.path

    @property
    def table(self) -> Table | None:
        return self.mailing.table

    @property
    def source(self) -> Path | None:
        table = self.mailing.table
        return table.source if table is not None else None

    @property
    def template(self) -> Template:
        return self.mailing.template

    @property
    def columns(self) -> ColumnMap | None:
        return self.mailing.columns

    @property
    def filter(self) -> Filter:
        return self.mailing.filter

    @property
    def suppress(self) -> frozenset[str]:
        return self.mailing.suppress

    @property
    def sheet(self) -> str | None:
        table = self.mailing.table
        return table.sheet if table is not None else None

    @property
    def identity(self) -> Identity:
        return self.mailing.identity

    @property
    def code_plan(self) -> CodePlan:
        return self.mailing.code_plan

    # the engine's answers, None-safe, so pages need no special cases
    def audience_count(self) -> int:
        return len(self.checkup.audience) if self.checkup is not None else 0

    def rows_read(self) -> int:
        table = self.mailing.table
        return len(table) if table is not None else 0

    def problems(self, kinds: tuple[str, ...] | None = None) -> list[Problem]:
        found = list(self.checkup.problems) if self.checkup is not None else []
        return found if kinds is None else [p for p in found if p.kind in kinds]

    def blockers(self, step: Step | None = None) -> list[Blocker]:
        if self.checkup is None:
            return []
        return list(self.checkup.blockers if step is None else self.checkup.blockers_for(step))

    def sendable(self) -> bool:
        return self.checkup is not None and self.checkup.sendable

    @property
    def account(self) -> str | None:
        """The name of the saved mail account this campaign sends from."""
        return self.mailing.settings.account

    @property
    def busy(self) -> bool:
        return bool(self._jobs) or self._recheck_timer.isActive()

    @property
    def draft_path(self) -> Path:
        return self.drafts_folder / f"{self._draft_id}.json"

    @property
    def drafts_folder(self) -> Path:
        """Where this document keeps its unsaved work."""
        return self._drafts or drafts_dir()

    @property
    def title(self) -> str:
        """The name shown in the window title."""
        if self.path is not None:
            return self.path.stem
        if self.source is not None:
            return self.source.stem
        return ""

    def _track(self, job: Job) -> Job:
        was_busy = self.busy
        self._jobs.add(job)
        job.finished.connect(lambda: self._untrack(job))
        if not was_busy:
            self.busyChanged.emit(True)
        return job

    def _untrack(self, job: Job) -> None:
        self._jobs.discard(job)
        if not self.busy:
            self.busyChanged.emit(False)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty:
            self._change_count += 1
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirtyChanged.emit(dirty)

    def mark_clean(self) -> None:
        """Treat the current state as untouched (defaults the pages filled in at start-up)."""
        self._set_dirty(False)
        self._autosaved_at_change = self._change_count

    # ---- edits --------------------------------------------------------------------------
    def edit(self, **parts: Any) -> bool:
        """Change parts of the mailing; True when something changed. Refused while sending."""
        if self.sending:
            self.problem.emit(
                self.tr("The campaign is being sent; wait until it has finished to change it.")
            )
            return False
        before = self.mailing
        self.campaign.mailing = before.changed(**parts)
        return self._announce(before)

    def _announce(self, before: Mailing) -> bool:
        """Tell the pages which parts changed since ``before``, then check again."""
        after = self.mailing
        changed = {
            name
            for name in Mailing.__dataclass_fields__
            if (
                getattr(before, name) is not getattr(after, name)
                if name == "table"  # a list of 100,000 rows is compared by identity
                else getattr(before, name) != getattr(after, name)
            )
        }
        if not changed:
            return False
        self._set_dirty(True)
        if "table" in changed:
            self.tableLoaded.emit()
        if changed & _AUDIENCE:
            self.audienceChanged.emit()
        if changed & _MESSAGE:
            self.messageChanged.emit()
        if "settings" in changed:
            self.settingsChanged.emit()
        self.changed.emit()
        if changed - {"settings"}:
            self.recheck()
        return True

    def set_columns(self, columns: ColumnMap | None = None, **parts: str | None) -> None:
        """Replace the column map, or change some of its parts (``email="e_mail"``)."""
        if columns is None:
            columns = replace(self.mailing.columns or ColumnMap(email=None), **parts)
        self.edit(columns=columns)

    def set_template(self, template: Template | None = None, **parts: Any) -> None:
        """Replace the template, or change some of it (``subject=...``, ``fallbacks=...``)."""
        if template is None:
            if "fallbacks" in parts:
                parts["fallbacks"] = {k: v for k, v in dict(parts["fallbacks"]).items() if v}
            template = replace(self.mailing.template, **parts)
        elif not (template.language or template.currency):  # a file that names no letter
            template = _new_letter(template)
        self.edit(template=template)

    def set_fallback(self, field: str, text: str) -> None:
        fallbacks = dict(self.mailing.template.fallbacks)
        if text:
            fallbacks[field] = text
        else:
            fallbacks.pop(field, None)
        self.set_template(fallbacks=fallbacks)

    def set_code_plan(self, plan: CodePlan, codes_path: str | Path | None = None) -> None:
        self.codes_path = Path(codes_path) if codes_path else self.codes_path
        self.edit(code_plan=plan)

    def set_filter(self, new_filter: Filter) -> None:
        self.edit(filter=new_filter)

    def set_attachments(self, plan: AttachmentPlan) -> None:
        self.edit(attachments=plan)

    def set_setting(self, name: str, value: Any) -> None:
        """Change one sending setting (``connections``, ``rate``, ``daily_cap``)."""
        self.edit(settings=replace(self.mailing.settings, **{name: value}))

    def use_account(self, account: Account) -> None:
        """Send through ``account``: the apology is from its mailbox (the engine's rule)."""
        practice = is_practice(account)
        identity = sender_identity(account, self.mailing.identity, any_from=practice)
        if account.address != self.mailbox:
            self.mailbox = account.address
            self.recheck()  # a test counts for the mailbox it went to
        settings = self.mailing.settings
        if not practice:
            settings = replace(settings, account=account.name)
        self.edit(identity=identity, settings=settings)

    def set_sender_name(self, name: str) -> None:
        """The name customers see beside the address (the address is the account's)."""
        self.edit(identity=replace(self.mailing.identity, name=name))

    def set_suppression_file(self, path: str | Path | None) -> Job | None:
        """Leave out everyone listed in this file (None: no suppression list)."""
        if path is None:
            self.suppress_path = None
            self.edit(suppress=frozenset())
            return None
        path = Path(path)
        job = self.worker.submit(_read_suppression, path, key="suppress")

        def read(addresses: frozenset[str]) -> None:
            self.suppress_path = path
            self.edit(suppress=addresses)

        job.then(read, self.problem.emit)
        return self._track(job)

    # ---- the history: tests -----------------------------------------------------------
    def record_test(self, fingerprint: str, to: str) -> None:
        """A test of the version with this fingerprint went to ``to``."""
        self.campaign.record(HistoryKind.TEST_SENT, fingerprint=fingerprint, to=to)
        self._set_dirty(True)
        self.recheck()

    def skip_test(self, on: bool) -> None:
        """The person's "Send without a test" for the version as it stands (or taken back)."""
        kind = HistoryKind.TEST_SKIPPED if on else HistoryKind.TEST_WANTED
        self.campaign.record(kind, fingerprint=self.mailing.fingerprint())
        self._set_dirty(True)
        self.recheck()

    # ---- whole documents ------------------------------------------------------------
    def _refuse_while_sending(self) -> bool:
        """True (and the person told why) when a send runs: its campaign stays open."""
        if self.sending:
            self.problem.emit(
                self.tr(
                    "A campaign is being sent; wait until it has finished (or stop it) before "
                    "opening or starting another."
                )
            )
        return self.sending

    def new(self) -> None:
        """Start an empty campaign (the caller has asked about unsaved changes). The sender
        and the account stay: it is the same person's mailbox."""
        if self._refuse_while_sending():
            return
        self.discard_draft()
        self._cancel_jobs()
        kept = self.mailing
        self._release_campaign()
        self.campaign = Campaign.draft(
            Mailing(
                template=_new_letter(Template("", "")),
                identity=kept.identity,
                settings=mailings.Settings(account=kept.settings.account),
            )
        )
        self._reset()
        self.replaced.emit()
        self.pathChanged.emit("")
        self.dirtyChanged.emit(False)
        self._everything_changed()

    def answer_people(self, people: Table, apology: Template) -> None:
        """A new campaign answering everyone who wrote in (``composer.correspondents``): their
        list and a reply to start from. Like ``new``, the sender and the account stay."""
        self.new()
        if self.sending:
            return
        before = self.mailing
        self.campaign.mailing = before.with_list(people, None).changed(template=apology)
        self._announce(before)

    def correct_address(self, customer: str, address: str) -> bool:
        """A bounced address corrected by the person (``Campaign.correct_address``); the
        problem signal says why when it cannot be."""
        if self._refuse_while_sending():
            return False
        before = self.mailing
        try:
            self.campaign.correct_address(customer, address)
        except ComposerError as error:
            self.problem.emit(str(error))
            return False
        return self._announce(before)

    def _everything_changed(self) -> None:
        self.tableLoaded.emit()
        self.audienceChanged.emit()
        self.messageChanged.emit()
        self.settingsChanged.emit()
        self.changed.emit()
        self.checkupReady.emit(None)
        self.recheck()

    def _release_campaign(self) -> None:
        """Close the open campaign file in the worker (it may be busy reading)."""
        if self.campaign.conn is not None:
            self.worker.submit(self.campaign.close)

    def _cancel_jobs(self) -> None:
        self._recheck_timer.stop()
        for job in list(self._jobs):
            job.discard()  # an answer about the campaign before is no answer about this one

    def load_spreadsheet(self, path: str | Path, sheet: str | None = None) -> Job | None:
        """Read customers in the background; ``tableLoaded`` follows, or ``problem``. Into a
        campaign that has sent already, ``listChangeProposed`` asks first."""
        if self.sending:
            self.problem.emit(
                self.tr("The campaign is being sent; wait until it has finished to load a list.")
            )
            return None
        path = Path(path)
        job = self.worker.submit(
            _load_list, path, sheet, self.campaign.snapshot(), key="load", pass_progress=True
        )

        def taken_in(done: tuple[int, int]) -> None:
            rows, of = done
            self.working.emit(self.tr("Taking in %Ln customers…", "", of), rows, of)

        def loaded(result: tuple[Table, ListChange]) -> None:
            table, change = result
            if self.campaign.journal_started():
                self.listChangeProposed.emit(change, lambda: self._replace_list(table, change))
            else:
                self._replace_list(table, change)

        job.then(loaded, self.problem.emit, taken_in)
        self._track(job)
        self.working.emit(self.tr("Reading %s…") % path.name, 0, 0)
        return job

    def _replace_list(self, table: Table, change: ListChange) -> None:
        """The engine's rule for another list: columns and filter kept when it has the same
        columns; customers keep their deliveries and codes."""
        before = self.mailing
        self.campaign.replace_list(table, change=change)
        self._announce(before)

    def open(self, path: str | Path) -> Job | None:
        """Open an .apology campaign in the background (not while one is being sent)."""
        if self._refuse_while_sending():
            return None
        path = Path(path)
        job = self.worker.submit(Campaign.open, path, key="load")

        def opened(campaign: Campaign) -> None:
            self.discard_draft()
            self._cancel_jobs()
            self._release_campaign()
            self.campaign = campaign
            self._reset()
            self.replaced.emit()
            self.pathChanged.emit(str(path))
            self.dirtyChanged.emit(False)
            self._everything_changed()

        job.then(opened, self.problem.emit)
        return self._track(job)

    def save(self, path: str | Path | None = None) -> Job | None:
        """Write the campaign to ``path`` (or its own file); ``saved`` or ``problem``. Not
        while it is being sent: the run writes the file itself (a copy made now would miss
        what is sent after it)."""
        if self.sending:
            self.problem.emit(
                self.tr("The campaign is being sent; it is saved as it goes. Save it after.")
            )
            return None
        return self._save(path)

    def _save(self, path: str | Path | None) -> Job | None:
        target = Path(path) if path is not None else self.path
        if target is None:
            self.problem.emit(self.tr("Choose where to save the campaign first."))
            return None
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        if self.mailing.table is None:
            self.problem.emit(
                self.tr("Open the customer spreadsheet first; a campaign needs its customers.")
            )
            return None
        change_at_save = self._change_count
        job = self.worker.submit(_save, self.campaign, target)

        def written(campaign: Campaign) -> None:
            if campaign is not self.campaign:
                self._release_campaign()
                campaign.mailing = self.mailing  # edits made while it was being written
                self.campaign = campaign
                self.pathChanged.emit(str(target))
            if self._change_count == change_at_save:
                self._set_dirty(False)
                self.discard_draft()
            self.saved.emit(str(target))

        job.then(written, self.problem.emit)
        return self._track(job)

    # ---- sending ----------------------------------------------------------------------
    def send(
        self,
        account: Account,
        secret: Secret,
        *,
        target: Path | None = None,
        on_event: Callable[[Event], None],
        resend_in_doubt: bool = False,
        only: list[str] | None = None,
        connections: int | None = None,
    ) -> Sender | None:
        """Save (to ``target`` when not saved yet, or when edited), then send in the worker.
        Returns the sender (pause, resume, cancel) at once; ``sendFinished`` or
        ``sendFailed`` follows. Nothing else may change the campaign meanwhile."""
        if self.sending:
            return None
        settings = self.mailing.settings
        copies = filing.for_account(account, secret) if filing.wanted(account) else None
        try:
            sender = Sender(
                self.campaign,
                account,
                secret,
                connections=connections or settings.connections,
                rate=settings.rate,
                daily_cap=settings.daily_cap,
                resend_in_doubt=resend_in_doubt,
                only=only,
                on_event=on_event,
                copies=copies.add if copies is not None else None,
            )
        except ComposerError as error:
            self.sendFailed.emit(str(error))
            return None
        self._set_sending(True)
        if self.path is None or self.dirty or target not in (None, self.path):
            job = self._save(target or self.path)
            if job is None:
                self._set_sending(False)
                return None
            job.succeeded.connect(lambda _c: self._start_run(sender, copies))
            job.failed.connect(self._send_failed)
            job.cancelled.connect(lambda: self._send_failed(self.tr("Sending stopped.")))
        else:
            self._start_run(sender, copies)
        return sender

    def _start_run(self, sender: Sender, copies: SentCopies | None = None) -> None:
        # The sender was made before the save, so its controls exist at once; it sends the
        # campaign now open on its file (Save As of a draft made a new one).
        sender.campaign = self.campaign
        job = self.worker.submit(_run(self.campaign, sender, copies))
        job.then(self._send_done, self._send_failed)
        job.cancelled.connect(lambda: self._send_failed(self.tr("Sending stopped.")))

    def _send_done(self, summary: Summary) -> None:
        self._set_sending(False)
        self.recheck()  # first, so the pages know a fresh plan is on its way
        self.sendFinished.emit(summary)

    def _send_failed(self, sentence: str) -> None:
        self._set_sending(False)
        self.recheck()
        self.sendFailed.emit(sentence)

    def _set_sending(self, on: bool) -> None:
        if on != self.sending:
            self.sending = on
            self.sendingChanged.emit(on)

    def after_journal_change(self) -> None:
        """Something changed the journal (an in-doubt decision, a resend): check again."""
        self.recheck()

    # ---- checking ---------------------------------------------------------------------
    def recheck(self) -> None:
        """Ask for a fresh check soon; typing fast restarts the short wait, and a check still
        running for an older edit is stopped at once."""
        was_busy = self.busy
        self.worker.discard("check")  # its answer would be out of date before it arrived
        self._recheck_timer.start()
        if not was_busy:
            self.busyChanged.emit(True)

    def _start_check(self) -> None:
        if self.sending:
            if not self.busy:
                self.busyChanged.emit(False)
            return
        job = self.worker.submit(
            _check,
            self.campaign.snapshot(),
            self.mailbox,
            key="check",
            pass_stop=True,
            pass_progress=True,
        )
        stages = (
            self.tr("Checking the addresses…"),
            self.tr("Checking the apology…"),
            self.tr("Working out who gets it…"),
        )

        def stage(n: int) -> None:
            self.working.emit(stages[n], n, len(stages))

        def ready(result: Checked) -> None:
            self.checkup, self.plan = result.checkup, result.plan
            self.checkupReady.emit(self.checkup)

        def failed(sentence: str) -> None:
            # never leave an older answer standing: nothing is sendable until a check works
            self.checkup, self.plan = None, None
            self.checkupReady.emit(None)
            self.problem.emit(sentence)

        job.then(ready, failed, stage)
        self._track(job)

    # ---- drafts -----------------------------------------------------------------------
    def draft_state(self) -> dict[str, Any]:
        """Everything typed or chosen, as JSON-friendly data (not the customer rows)."""
        return {
            "version": DRAFT_VERSION,
            "saved_at": time.time(),
            "path": str(self.path) if self.path else None,
            "codes_path": str(self.codes_path) if self.codes_path else None,
            "suppress_path": str(self.suppress_path) if self.suppress_path else None,
            "mailing": mailings.to_data(self.mailing),
        }

    def autosave(self) -> bool:
        """Write the draft if something changed since the last one; True if written."""
        if not self.dirty or self._autosaved_at_change == self._change_count:
            return False
        target = self.draft_path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(".tmp")
            temporary.write_text(json.dumps(self.draft_state(), default=str), encoding="utf-8")
            os.replace(temporary, target)
        except OSError:
            return False  # a draft is a courtesy; never interrupt the person for it
        self._autosaved_at_change = self._change_count
        return True

    def discard_draft(self) -> None:
        with contextlib.suppress(OSError):
            self.draft_path.unlink(missing_ok=True)
        self._autosaved_at_change = -1

    def restore_draft(self, path: str | Path) -> Job | None:
        """Bring back a draft: reopen its campaign or spreadsheet, then reapply the edits."""
        path = Path(path)
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            data = state["mailing"]
        except (OSError, ValueError, KeyError, TypeError):
            self.problem.emit(self.tr("The unsaved work could not be read; it was set aside."))
            path.unlink(missing_ok=True)
            return None
        campaign_path = state.get("path")
        source = data.get("source")
        if campaign_path and Path(campaign_path).exists():
            job: Job | None = self.open(campaign_path)
        elif source and Path(source).exists():
            job = self.load_spreadsheet(source, data.get("sheet"))
        else:
            job = None

        def reapply(*_: Any) -> None:
            restored = mailings.from_data(data, self.mailing.table)
            if restored.table is not None and restored.columns is None:
                restored = restored.changed(columns=self.mailing.columns)
            self._draft_id = path.stem
            self.codes_path = Path(state["codes_path"]) if state.get("codes_path") else None
            self.suppress_path = (
                Path(state["suppress_path"]) if state.get("suppress_path") else None
            )
            self._autosaved_at_change = -1
            self.edit(**_parts(restored))

        if job is None:
            self.new()
            reapply()
        else:
            job.succeeded.connect(reapply)
        return job

    def close(self) -> None:
        """The window is closing on purpose: stop timers, drop the draft."""
        self._autosave_timer.stop()
        self._recheck_timer.stop()
        self._cancel_jobs()
        self.discard_draft()


def _parts(mailing: Mailing) -> Mapping[str, Any]:
    return {name: getattr(mailing, name) for name in Mailing.__dataclass_fields__}

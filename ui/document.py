"""The campaign being edited, as one Qt object every step of the window shares.

Why: the four steps (Customers, Message, Preview, Send) look at the same campaign; keeping it
in one place with signals means each page just listens, and every change is re-checked by the
engine (``composer.check.run``) in the background, never re-implemented here.

API (stable; the Preview and Send steps rely on it)::

    doc = Document(worker)                   # worker: ui.worker.Worker
    doc.path: Path | None                    # the .apology file, None until saved
    doc.source: Path | None; doc.sheet       # the spreadsheet the customers came from
    doc.table: composer.table.Table | None
    doc.columns: ColumnMap | None            # address / name columns (field names)
    doc.template: Template                   # subject, body, markdown, fallbacks
    doc.identity: Identity | None            # From; doc.account: str | None (account name)
    doc.code_plan: CodePlan; doc.attachments: AttachmentPlan
    doc.filter: Filter; doc.suppress: frozenset[str]; doc.suppress_path: Path | None
    doc.settings: dict                       # account, connections, rate, daily_cap
                                             # (the fields of composer.campaign.Settings)
    doc.checkup                              # latest composer.check.Checkup, or None
    doc.rows_read(), doc.audience_count(), doc.problems(kinds=None), doc.blocking() -> [str],
    doc.sendable(), doc.blank_counts() -> {field: rows blank}   # None-safe readers
    doc.campaign                             # the open composer.campaign.Campaign, or None
    doc.dirty: bool; doc.busy: bool          # busy: loading or checking in the background

    signals: changed(), tableLoaded(), checkupReady(object), pathChanged(str),
             problem(str)  # one plain sentence for the person
             dirtyChanged(bool), busyChanged(bool), saved(str)

    doc.new(); doc.load_spreadsheet(path, sheet=None); doc.open(path); doc.save(path=None)
    doc.set_columns(ColumnMap | None = None, **parts); doc.set_template(**parts)
    doc.set_identity(identity, account=None); doc.set_code_plan(plan)
    doc.set_filter(filter); doc.set_suppression_file(path | None)
    doc.set_attachments(plan); doc.set_setting(name, value)
    doc.recheck()                            # debounced (150 ms), runs in the worker

Drafts: while dirty, the editable state is written every few seconds to a JSON file in the
drafts folder (``drafts_dir()``), so a crash loses nothing typed; ``recoverable_drafts()``
lists them at the next start and ``restore_draft(path)`` brings one back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from composer import audience, codes
from composer.attachments import AttachmentPlan
from composer.campaign import Settings
from composer.message import Identity
from composer.recipients import ColumnMap
from composer.template import Template
from ui.worker import Job, Worker

CAMPAIGN_SUFFIX = ".apology"
DRAFT_VERSION = 1
RECHECK_DELAY_MS = 150
AUTOSAVE_INTERVAL_MS = 3000


def drafts_dir() -> Path:
    """Where unsaved work is kept; APOLOGY_COMPOSER_DATA_DIR overrides (tests use it)."""
    override = os.environ.get("APOLOGY_COMPOSER_DATA_DIR")
    if override:
        return Path(override) / "drafts"
    import platformdirs

    return Path(platformdirs.user_data_dir("apology-composer", appauthor=False)) / "drafts"


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
    subject = (state.get("template") or {}).get("subject") or ""
    source = state.get("path") or state.get("source") or ""
    return subject.strip() or Path(source).name or path.name


# ---- the engine calls (the only place ui/ reaches into composer's steps) -------------


def _load_customers(path: Path, sheet: str | None) -> tuple[Any, ColumnMap]:
    """In the worker: read the spreadsheet and guess its address and name columns."""
    from composer import recipients, table

    loaded = table.load(path, sheet)
    return loaded, recipients.detect_columns(loaded)


def _run_check(snapshot: Mapping[str, Any]) -> tuple[Any, dict[str, int]]:
    """In the worker: the engine's whole check of the campaign as it stands, plus how many
    people in the audience have each field in use blank (whether or not a fallback covers
    it), so the fallback boxes can say how often they will be used."""
    from composer import check
    from composer.template import CODE

    checkup = check.run(**snapshot)
    blanks: dict[str, int] = {}
    for name in checkup.fields_used:
        if name == CODE:
            continue
        count = 0
        for person in checkup.audience:
            value = person.fields.get(name)
            if value is not None and not value.strip():
                count += 1
        blanks[name] = count
    return checkup, blanks


def _read_suppression(path: Path) -> frozenset[str]:
    from composer import recipients

    return recipients.load_suppression(path)


def _open_campaign(path: Path) -> Any:
    from composer import campaign

    return campaign.Campaign.open(path)


def _write_campaign(path: Path, state: Mapping[str, Any], existing: Any | None) -> Any:
    """In the worker: write the campaign file; returns the Campaign now open on it.

    Saving to the file already open updates it in place, so its delivery journal and the
    discount codes already given out are kept; any other target gets a complete new file."""
    from composer import campaign

    if existing is not None and existing.path is not None and Path(existing.path) == path:
        for name, value in state.items():
            setattr(existing, name, value)
        existing.save()
        return existing
    if existing is not None:
        for name, value in state.items():
            setattr(existing, name, value)
        return existing.save_as(path, overwrite=True)  # keeps its campaign id and codes
    return campaign.Campaign.draft(**state).save_as(path, overwrite=True)


def _close_campaign(existing: Any) -> None:
    existing.close()


def _known_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The settings a campaign file stores (others stay in the app only)."""
    names = {f.name for f in dataclasses.fields(Settings)}
    return {k: v for k, v in settings.items() if k in names}


def draft_campaign(
    state: Mapping[str, Any], already: Mapping[int, str] | None, identity: Identity | None = None
) -> Any:
    """In the worker: an in-memory campaign of ``campaign_state()``, with the unique codes a
    saved campaign already gave out; ``identity`` stands in for the state's sender."""
    from composer.campaign import Campaign

    campaign = Campaign.draft(
        table=state["table"],
        columns=state["columns"],
        template=state["template"],
        identity=identity or state["identity"],
        code_plan=state.get("code_plan"),
        attachments=state.get("attachments"),
        suppress=state.get("suppress") or frozenset(),
        filter=state.get("filter"),
    )
    if already:
        campaign.codes.update(already)
    return campaign


class Document(QObject):
    """The campaign being edited; see the module docstring for the API."""

    changed = Signal()
    tableLoaded = Signal()
    checkupReady = Signal(object)
    pathChanged = Signal(str)
    problem = Signal(str)
    dirtyChanged = Signal(bool)
    busyChanged = Signal(bool)
    saved = Signal(str)

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
        self._reset()

    # ---- state ------------------------------------------------------------------------
    def _reset(self) -> None:
        self.path: Path | None = None
        self.source: Path | None = None
        self.sheet: str | None = None
        self.table: Any = None
        self.columns: ColumnMap | None = None
        self.template = Template(subject="", body="")
        self.identity: Identity | None = None
        self.code_plan = codes.CodePlan()
        self.codes_path: Path | None = None
        self.attachments = AttachmentPlan()
        self.filter = audience.Filter()
        self.suppress: frozenset[str] = frozenset()
        self.suppress_path: Path | None = None
        self.settings: dict[str, Any] = dataclasses.asdict(Settings())
        self.checkup: Any = None
        self._blank_counts: dict[str, int] = {}
        self.campaign: Any = None
        self.dirty = False
        self._draft_id = uuid.uuid4().hex
        self._autosaved_at_change = -1
        self._change_count = 0

    @property
    def account(self) -> str | None:
        """The name of the saved mail account this campaign sends from."""
        return self.settings.get("account")

    @property
    def busy(self) -> bool:
        return bool(self._jobs) or self._recheck_timer.isActive()

    @property
    def draft_path(self) -> Path:
        return (self._drafts or drafts_dir()) / f"{self._draft_id}.json"

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

    def _edited(self, *, recheck: bool = True) -> None:
        """Every edit goes through here: dirty mark, changed signal, a debounced re-check."""
        self._set_dirty(True)
        self.changed.emit()
        if recheck:
            self.recheck()

    # ---- whole documents ------------------------------------------------------------
    def new(self) -> None:
        """Start an empty campaign (the caller has already asked about unsaved changes)."""
        self.discard_draft()
        self._cancel_jobs()
        self._release_campaign()
        self._reset()
        self.pathChanged.emit("")
        self.dirtyChanged.emit(False)
        self.tableLoaded.emit()
        self.changed.emit()
        self.checkupReady.emit(None)

    def _release_campaign(self) -> None:
        """Close the open campaign file in the worker (it may be busy writing)."""
        if self.campaign is not None:
            self.worker.submit(_close_campaign, self.campaign)
            self.campaign = None

    def _cancel_jobs(self) -> None:
        self._recheck_timer.stop()
        for job in list(self._jobs):
            job.cancel()

    def load_spreadsheet(self, path: str | Path, sheet: str | None = None) -> Job:
        """Read customers in the background; ``tableLoaded`` follows, or ``problem``."""
        path = Path(path)
        job = self.worker.submit(_load_customers, path, sheet, key="load")

        def loaded(result: tuple[Any, ColumnMap]) -> None:
            table, detected = result
            same_layout = self.table is not None and self.table.fields == table.fields
            self.source = path
            self.table = table
            self.sheet = table.sheet
            if not same_layout or self.columns is None:
                self.columns = detected
                if self.filter.conditions and not same_layout:
                    self.filter = audience.Filter(match_all=self.filter.match_all)
            self.checkup = None
            self.tableLoaded.emit()
            self._edited()

        job.then(loaded, self.problem.emit)
        return self._track(job)

    def open(self, path: str | Path) -> Job:
        """Open an .apology campaign in the background."""
        path = Path(path)
        job = self.worker.submit(_open_campaign, path, key="load")

        def opened(campaign: Any) -> None:
            self.discard_draft()
            self._cancel_jobs()
            self._release_campaign()
            self._reset()
            self._apply_campaign(campaign)
            self.path = path
            self.campaign = campaign
            self.pathChanged.emit(str(path))
            self.dirtyChanged.emit(False)
            self.tableLoaded.emit()
            self.changed.emit()
            self.recheck()

        job.then(opened, self.problem.emit)
        return self._track(job)

    def _apply_campaign(self, campaign: Any) -> None:
        """Copy what a Campaign holds into the editable state."""
        self.table = campaign.table
        self.columns = campaign.columns
        self.template = campaign.template
        identity = campaign.identity
        self.identity = identity if (identity.name or identity.address) else None
        self.code_plan = campaign.code_plan
        self.attachments = campaign.attachments
        self.filter = campaign.filter
        self.suppress = frozenset(campaign.suppress)
        self.settings = dataclasses.asdict(campaign.settings)
        self.source = campaign.table.source
        self.sheet = campaign.table.sheet

    def campaign_state(self) -> dict[str, Any]:
        """What a campaign file is made of, as the engine's Campaign attributes."""
        return {
            "table": self.table,
            "columns": self.columns or ColumnMap(email=None),
            "template": self.template,
            # a campaign always names a sender; until one is chosen it is left blank
            "identity": self.identity or Identity(name="", address=""),
            "code_plan": self.code_plan,
            "attachments": self.attachments,
            "filter": self.filter,
            "suppress": self.suppress,
            "settings": Settings(**_known_settings(self.settings)),
        }

    def save(self, path: str | Path | None = None) -> Job | None:
        """Write the campaign to ``path`` (or its current file); ``saved`` or ``problem``."""
        target = Path(path) if path is not None else self.path
        if target is None:
            self.problem.emit(self.tr("Choose where to save the campaign first."))
            return None
        if target.suffix.lower() != CAMPAIGN_SUFFIX:
            target = target.with_name(target.name + CAMPAIGN_SUFFIX)
        if self.table is None:
            self.problem.emit(
                self.tr("Open the customer spreadsheet first; a campaign needs its customers.")
            )
            return None
        change_at_save = self._change_count
        job = self.worker.submit(_write_campaign, target, self.campaign_state(), self.campaign)

        def written(campaign: Any) -> None:
            if self.campaign is not None and self.campaign is not campaign:
                self.worker.submit(_close_campaign, self.campaign)
            self.campaign = campaign
            if target != self.path:
                self.path = target
                self.pathChanged.emit(str(target))
            if self._change_count == change_at_save:
                self._set_dirty(False)
                self.discard_draft()
            self.saved.emit(str(target))

        job.then(written, self.problem.emit)
        return self._track(job)

    # ---- edits ------------------------------------------------------------------------
    def set_columns(self, columns: ColumnMap | None = None, **parts: str | None) -> None:
        """Replace the column map, or change some of its parts (``email="e_mail"``)."""
        if columns is None:
            columns = dataclasses.replace(self.columns or ColumnMap(email=None), **parts)
        if columns != self.columns:
            self.columns = columns
            self._edited()

    def set_template(self, template: Template | None = None, **parts: Any) -> None:
        """Replace the template, or change some of it (``subject=...``, ``fallbacks=...``)."""
        if template is None:
            if "fallbacks" in parts:
                parts["fallbacks"] = {k: v for k, v in dict(parts["fallbacks"]).items() if v}
            template = dataclasses.replace(self.template, **parts)
        if template != self.template:
            self.template = template
            self._edited()

    def set_fallback(self, field: str, text: str) -> None:
        fallbacks = dict(self.template.fallbacks)
        if text:
            fallbacks[field] = text
        else:
            fallbacks.pop(field, None)
        self.set_template(fallbacks=fallbacks)

    def set_identity(self, identity: Identity | None, account: str | None = None) -> None:
        """Who the apology is from, and the saved account (by name) that sends it."""
        if identity != self.identity or account != self.account:
            self.identity = identity
            self.settings = {**self.settings, "account": account}
            self._edited()

    def set_code_plan(self, plan: codes.CodePlan, codes_path: str | Path | None = None) -> None:
        self.codes_path = Path(codes_path) if codes_path else self.codes_path
        if plan != self.code_plan:
            self.code_plan = plan
            self._edited()

    def set_filter(self, new_filter: audience.Filter) -> None:
        if new_filter != self.filter:
            self.filter = new_filter
            self._edited()

    def set_attachments(self, plan: AttachmentPlan) -> None:
        if plan != self.attachments:
            self.attachments = plan
            self._edited()

    def set_setting(self, name: str, value: Any) -> None:
        """Change one sending setting (``connections``, ``rate``, ``daily_cap``, ``account``)."""
        if self.settings.get(name) != value:
            self.settings = {**self.settings, name: value}
            self._edited(recheck=False)

    def set_suppression_file(self, path: str | Path | None) -> Job | None:
        """Leave out everyone listed in this file (None: no suppression list)."""
        if path is None:
            if self.suppress_path is not None or self.suppress:
                self.suppress_path = None
                self.suppress = frozenset()
                self._edited()
            return None
        path = Path(path)
        job = self.worker.submit(_read_suppression, path, key="suppress")

        def read(addresses: frozenset[str]) -> None:
            self.suppress_path = path
            self.suppress = addresses
            self._edited()

        job.then(read, self.problem.emit)
        return self._track(job)

    # ---- checking ---------------------------------------------------------------------
    def recheck(self) -> None:
        """Ask for a fresh check soon; typing fast restarts the 150 ms wait."""
        if self.table is None:
            return
        was_busy = self.busy
        self._recheck_timer.start()
        if not was_busy:
            self.busyChanged.emit(True)

    def check_arguments(self) -> dict[str, Any]:
        """The keyword arguments ``composer.check.run`` receives for the current state."""
        arguments: dict[str, Any] = {
            "table": self.table,
            "columns": self.columns,
            "template": self.template,
            "code_plan": self.code_plan,
            "attachments": self.attachments,
            "suppress": self.suppress,
            "filter": self.filter,
            "already": dict(self.campaign.codes) if self.campaign is not None else {},
        }
        if self.identity is not None:
            arguments["identity"] = self.identity
        return arguments

    # ---- reading the latest checkup (None-safe, so pages need no special cases) ---------
    def rows_read(self) -> int:
        if self.checkup is not None:
            return int(self.checkup.rows_read)
        return len(self.table) if self.table is not None else 0

    def audience_count(self) -> int:
        """How many people get the apology, as last checked."""
        return len(self.checkup.audience) if self.checkup is not None else 0

    def problems(self, kinds: tuple[str, ...] | None = None) -> list[Any]:
        """The latest problems (composer.recipients.Problem), optionally of some kinds."""
        found = list(self.checkup.problems) if self.checkup is not None else []
        return found if kinds is None else [p for p in found if p.kind in kinds]

    def blocking(self) -> list[str]:
        """The plain sentences that stop the campaign from being sent (empty: sendable)."""
        return list(self.checkup.blocking) if self.checkup is not None else []

    def blank_counts(self) -> dict[str, int]:
        """Field -> how many people in the audience have it blank, fallback or not."""
        return dict(self._blank_counts)

    def sendable(self) -> bool:
        return bool(self.checkup is not None and self.checkup.sendable)

    def _start_check(self) -> None:
        if self.table is None:
            if not self.busy:
                self.busyChanged.emit(False)
            return
        job = self.worker.submit(_run_check, self.check_arguments(), key="check")

        def ready(result: tuple[Any, dict[str, int]]) -> None:
            self.checkup, self._blank_counts = result
            self.checkupReady.emit(self.checkup)

        job.then(ready, self.problem.emit)
        self._track(job)

    # ---- drafts -----------------------------------------------------------------------
    def draft_state(self) -> dict[str, Any]:
        """Everything typed or chosen, as JSON-friendly data (not the customer rows)."""
        return {
            "version": DRAFT_VERSION,
            "saved_at": time.time(),
            "path": str(self.path) if self.path else None,
            "source": str(self.source) if self.source else None,
            "sheet": self.sheet,
            "columns": dataclasses.asdict(self.columns) if self.columns else None,
            "template": {
                "subject": self.template.subject,
                "body": self.template.body,
                "markdown": self.template.markdown,
                "reply_to": self.template.reply_to,
                "fallbacks": dict(self.template.fallbacks),
            },
            "identity": dataclasses.asdict(self.identity) if self.identity else None,
            "code_plan": {
                "kind": self.code_plan.kind,
                "shared": self.code_plan.shared,
                "column": self.code_plan.column,
                "pool": list(self.code_plan.pool),
            },
            "codes_path": str(self.codes_path) if self.codes_path else None,
            "filter": {
                "match_all": self.filter.match_all,
                "conditions": [dataclasses.asdict(c) for c in self.filter.conditions],
            },
            "suppress_path": str(self.suppress_path) if self.suppress_path else None,
            "settings": dict(self.settings),
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
        except (OSError, ValueError):
            self.problem.emit(self.tr("The unsaved work could not be read; it was set aside."))
            path.unlink(missing_ok=True)
            return None
        campaign_path = state.get("path")
        source = state.get("source")
        if campaign_path and Path(campaign_path).exists():
            job: Job | None = self.open(campaign_path)
        elif source and Path(source).exists():
            job = self.load_spreadsheet(source, state.get("sheet"))
        else:
            job = None

        def reapply(*_: Any) -> None:
            self._apply_draft(state)
            self._draft_id = path.stem
            self._autosaved_at_change = -1
            self._edited()

        if job is None:
            self.new()
            reapply()
        else:
            job.succeeded.connect(reapply)
        return job

    def _apply_draft(self, state: Mapping[str, Any]) -> None:
        if state.get("columns"):
            self.columns = ColumnMap(**state["columns"])
        t = state.get("template") or {}
        self.template = Template(
            subject=t.get("subject", ""),
            body=t.get("body", ""),
            markdown=bool(t.get("markdown")),
            reply_to=t.get("reply_to"),
            fallbacks=dict(t.get("fallbacks") or {}),
        )
        if state.get("identity"):
            self.identity = Identity(**state["identity"])
        c = state.get("code_plan") or {}
        self.code_plan = codes.CodePlan(
            kind=c.get("kind", codes.NONE),
            shared=c.get("shared"),
            column=c.get("column"),
            pool=tuple(c.get("pool") or ()),
        )
        self.codes_path = Path(state["codes_path"]) if state.get("codes_path") else None
        f = state.get("filter") or {}
        self.filter = audience.Filter(
            conditions=tuple(audience.Condition(**c) for c in f.get("conditions", ())),
            match_all=bool(f.get("match_all", True)),
        )
        self.settings = {**dataclasses.asdict(Settings()), **(state.get("settings") or {})}
        if state.get("suppress_path") and Path(state["suppress_path"]).exists():
            self.set_suppression_file(state["suppress_path"])

    def close(self) -> None:
        """The window is closing on purpose: stop timers, drop the draft."""
        self._autosave_timer.stop()
        self._recheck_timer.stop()
        self._cancel_jobs()
        self.discard_draft()

"""Step 4, Send: choose the mailbox, send a test to yourself, confirm the exact count, send.

Why (the stories): a test goes to yourself first; sending asks for the exact number of
customers, typed back, and calls out a count that jumped; progress, pauses and every message's
fate are visible while it runs and after a restart; nothing that may already have gone is
sent again without the person deciding; failures can be re-sent alone; the delivery record can
be exported.

All the sending is ``composer.sender`` running as a coroutine in the worker's asyncio loop;
its events come back to this page as a Qt signal and are shown in batches (a thousand quick
deliveries must not flood the window). Pause, resume and cancel call the sender's own
thread-safe controls. This page holds no sending rule of its own.
"""

from __future__ import annotations

import collections
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from composer import audience, journal, report
from composer.outbox import PRACTICE_NAME, PracticeOutbox, is_practice, practice_account
from ui.document import draft_campaign as draft_of_edits
from ui.widgets import heading
from ui.worker import Job, Worker

PRACTICE_SECRET = "practice"  # the practice outbox accepts any password; this is no secret
FLUSH_MS = 100  # events are shown in batches this often
LOG_LINES = 2000


def data_dir() -> Path:
    """Where the app keeps its own files (APOLOGY_COMPOSER_DATA_DIR overrides; tests use it)."""
    override = os.environ.get("APOLOGY_COMPOSER_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("apology-composer", appauthor=False))


# ---- engine calls, run in the worker -------------------------------------------------------


def draft_campaign(state: dict[str, Any], already: dict[int, str] | None) -> Any:
    """An in-memory campaign of the current edits, codes given (not stored), for a test."""
    campaign = draft_of_edits(state, already)
    campaign.assign_codes(store=False)
    return campaign


async def send_test(
    state: dict[str, Any], already: dict[int, str] | None, account: Any, secret: str, row: Any
) -> str:
    """Build the message and send it to the account's own address (not a delivery)."""
    import asyncio

    from composer import sender
    from composer.message import Identity

    identity = state.get("identity")
    if identity is None or not identity.address.strip():
        state = {**state, "identity": Identity(name=account.display_name, address=account.address)}
    loop = asyncio.get_running_loop()
    campaign = await loop.run_in_executor(None, draft_campaign, state, already)
    return await sender.test_to_self(campaign, account, secret, row)


def open_for_sending(path: Path) -> Any:
    from composer.campaign import Campaign

    return Campaign.open(path, for_sending=True)


async def run_and_close(run: Any, campaign: Any) -> Any:
    """Await the sender's run, then close the campaign file (releasing its send lock)."""
    try:
        return await run
    finally:
        campaign.close()


def delivery_state(path: Path) -> tuple[dict[str, int], list[Any]]:
    """The journal as it stands on disk: counts per state and the deliveries in doubt.

    Read without taking the send lock, so it never gets in the way of a run. A message left
    ``sending`` by a crash is in doubt (the next open for sending records it so)."""
    from composer.campaign import Campaign

    with Campaign.open(path) as campaign:
        counts = journal.counts(campaign.conn)
        doubt = journal.rows(campaign.conn, journal.SENDING) + journal.in_doubt(campaign.conn)
    counts[journal.IN_DOUBT] += counts[journal.SENDING]
    counts[journal.SENDING] = 0
    return counts, sorted(doubt, key=lambda d: d.row)


def resolve(path: Path, rows: list[int], as_sent: bool) -> int:
    with open_for_sending(path) as campaign:
        return journal.resolve_in_doubt(campaign.conn, rows, as_sent)


def requeue_failed(path: Path) -> int:
    with open_for_sending(path) as campaign:
        return journal.requeue_failed(campaign.conn)


def export_report(path: Path, target: Path) -> int:
    from composer.campaign import Campaign

    with Campaign.open(path) as campaign:
        return report.export(campaign, target)


# ---- the page -----------------------------------------------------------------------------


class SendPage(QWidget):
    """Step 4. ``SendPage(document, worker)``."""

    sendFinished = Signal(object)  # the sender's Summary
    sendFailed = Signal(str)  # the run could not start or stopped on an error: the sentence
    stateLoaded = Signal(object)  # journal counts after (re)reading the campaign

    def __init__(self, document: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendPage")
        self.document = document
        self.worker = worker
        self.outbox: PracticeOutbox | None = None
        self.account: Any = None
        self.secret: str | None = None
        self.sender: Any = None
        self.summary: Any = None
        self.counts: dict[str, int] = {}
        self.in_doubt: list[Any] = []
        self._send_job: Job | None = None
        self._sending = False
        self._run_total = 0
        self._run_done = 0
        self._run_started = 0.0
        self._run_counts: dict[str, int] = {}
        self._last_seen_count: int | None = None
        self._after_save: Any = None
        # Sender events arrive on the loop thread; a deque takes them there (appends are
        # thread-safe) and the flush timer shows them here in batches. Not a Qt signal per
        # event: PySide6 6.12 drops a reference to True on every Python-side emit(), which
        # thousands of deliveries would turn into a crash.
        self._events: collections.deque[Any] = collections.deque()
        self._flush_timer = QTimer(self, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._build()
        document.checkupReady.connect(self._checkup_ready)
        document.pathChanged.connect(self._document_opened)
        document.changed.connect(self._account_maybe_changed)
        document.saved.connect(self._saved)
        document.problem.connect(self._document_problem)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._choose_default_account()
        self._update()
        if getattr(document, "path", None) is not None:
            self.reload_state()

    # ---- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        tr = self.tr
        title = heading(tr("Send"))

        # -- from which mailbox
        self.account_box = QComboBox()
        self.account_box.setAccessibleName(tr("Send from"))
        self.account_box.activated.connect(self._account_picked)
        self.account_button = QPushButton(tr("&Add or change account\u2026"))
        self.account_button.setAccessibleName(tr("Add or change account"))
        self.account_button.clicked.connect(self.edit_account)
        self.outbox_button = QPushButton(tr("&Open practice outbox"))
        self.outbox_button.setAccessibleName(tr("Open practice outbox"))
        self.outbox_button.clicked.connect(self.open_outbox)
        self.account_note = QLabel()
        self.account_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.account_box, 1)
        row.addWidget(self.account_button)
        row.addWidget(self.outbox_button)
        account_group = QGroupBox(tr("1. Send from"))
        al = QVBoxLayout(account_group)
        al.addLayout(row)
        al.addWidget(self.account_note)

        # -- test
        self.test_button = QPushButton(tr("Send a &test to me"))
        self.test_button.setAccessibleName(tr("Send a test to me"))
        self.test_button.clicked.connect(lambda: self.send_test())
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(tr("Test result"))
        test_group = QGroupBox(tr("2. Check it in your own inbox first"))
        tl = QHBoxLayout(test_group)
        tl.addWidget(self.test_button)
        tl.addWidget(self.test_result, 1)

        # -- pace
        self.connections = QSpinBox()
        self.connections.setRange(1, 10)
        self.connections.setValue(3)
        self.connections.setAccessibleName(tr("Connections at once"))
        self.rate = QSpinBox()
        self.rate.setRange(0, 10_000)
        self.rate.setSpecialValueText(tr("as fast as allowed"))
        self.rate.setSuffix(tr(" a minute"))
        self.rate.setAccessibleName(tr("Messages a minute at most"))
        self.daily_cap = QSpinBox()
        self.daily_cap.setRange(0, 1_000_000)
        self.daily_cap.setSpecialValueText(tr("no limit"))
        self.daily_cap.setSuffix(tr(" a day"))
        self.daily_cap.setAccessibleName(tr("Messages a day at most"))
        for box, name in (
            (self.connections, "connections"),
            (self.rate, "rate"),
            (self.daily_cap, "daily_cap"),
        ):
            box.valueChanged.connect(lambda v, n=name: self.document.set_setting(n, v or None))
        for box in (self.connections, self.rate, self.daily_cap):
            box.setMaximumWidth(220)
        pace_group = QGroupBox(tr("Pace (set from your mail provider's limits)"))
        pl = QFormLayout(pace_group)
        pl.addRow(tr("Connections at once:"), self.connections)
        pl.addRow(tr("Messages a minute:"), self.rate)
        pl.addRow(tr("Messages a day:"), self.daily_cap)

        # -- confirm
        self.blockers = QLabel()
        self.blockers.setWordWrap(True)
        self.blockers.setAccessibleName(tr("What stops sending"))
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.jump_warning = QLabel()
        self.jump_warning.setWordWrap(True)
        self.jump_warning.setAccessibleName(tr("Warning about the number of recipients"))
        self.jump_warning.setVisible(False)
        bold = self.jump_warning.font()
        bold.setBold(True)
        self.jump_warning.setFont(bold)
        self.blockers.setFont(bold)
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName(tr("Type the number of recipients to confirm"))
        self.confirm.setMaximumWidth(160)
        self.confirm.textChanged.connect(self._update)
        self.confirm.returnPressed.connect(self._send_if_ready)
        self.send_button = QPushButton(tr("&Send"))
        self.send_button.setAccessibleName(tr("Send"))
        self.send_button.clicked.connect(lambda: self.start_send())
        cl = QHBoxLayout()
        cl.addWidget(self.confirm)
        cl.addWidget(self.send_button)
        cl.addStretch(1)
        confirm_group = QGroupBox(tr("3. Send to everyone"))
        gl = QVBoxLayout(confirm_group)
        gl.addWidget(self.blockers)
        gl.addWidget(self.confirm_text)
        gl.addWidget(self.jump_warning)
        gl.addLayout(cl)

        # -- progress
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Sending progress"))
        self.progress.setTextVisible(True)
        self.progress_text = QLabel()
        self.progress_text.setWordWrap(True)
        self.progress_text.setAccessibleName(tr("Counts per state"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName(tr("Result"))
        result_font = self.result.font()
        result_font.setBold(True)
        result_font.setPointSizeF(result_font.pointSizeF() * 1.15)
        self.result.setFont(result_font)
        self.result.setVisible(False)
        self.pause_button = QPushButton(tr("&Pause"))
        self.pause_button.setAccessibleName(tr("Pause sending"))
        self.pause_button.clicked.connect(self.pause)
        self.resume_button = QPushButton(tr("&Resume"))
        self.resume_button.setAccessibleName(tr("Resume sending"))
        self.resume_button.clicked.connect(self.resume)
        self.cancel_button = QPushButton(tr("&Cancel"))
        self.cancel_button.setAccessibleName(tr("Stop sending"))
        self.cancel_button.clicked.connect(self.cancel)
        self.resend_button = QPushButton(tr("Resend &failed only"))
        self.resend_button.setAccessibleName(tr("Resend failed only"))
        self.resend_button.clicked.connect(self.resend_failed)
        self.export_button = QPushButton(tr("&Export delivery report\u2026"))
        self.export_button.setAccessibleName(tr("Export delivery report"))
        self.export_button.clicked.connect(self.choose_report_file)
        buttons = QHBoxLayout()
        for b in (self.pause_button, self.resume_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.resend_button)
        buttons.addWidget(self.export_button)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(LOG_LINES)
        self.log.setAccessibleName(tr("Sending log"))
        self.log.setMinimumHeight(120)

        # -- in doubt
        self.doubt_group = QGroupBox(tr("Messages that may already have gone"))
        self.doubt_text = QLabel(
            tr(
                "The connection was lost just as these were handed over, so the mail server may "
                "have delivered them. Check your Sent folder, then decide:"
            )
        )
        self.doubt_text.setWordWrap(True)
        self.doubt_list = QListWidget()
        self.doubt_list.setAccessibleName(tr("Messages in doubt"))
        self.doubt_list.setMaximumHeight(110)
        self.doubt_again = QPushButton(tr("Send these again"))
        self.doubt_again.setAccessibleName(tr("Send the messages in doubt again"))
        self.doubt_again.clicked.connect(lambda: self.resolve_in_doubt(as_sent=False))
        self.doubt_sent = QPushButton(tr("Mark as sent"))
        self.doubt_sent.setAccessibleName(tr("Mark the messages in doubt as sent"))
        self.doubt_sent.clicked.connect(lambda: self.resolve_in_doubt(as_sent=True))
        dl = QVBoxLayout(self.doubt_group)
        dl.addWidget(self.doubt_text)
        dl.addWidget(self.doubt_list)
        db = QHBoxLayout()
        db.addWidget(self.doubt_again)
        db.addWidget(self.doubt_sent)
        db.addStretch(1)
        dl.addLayout(db)
        self.doubt_group.setVisible(False)

        progress_group = QGroupBox(tr("4. Progress"))
        prl = QVBoxLayout(progress_group)
        prl.addWidget(self.result)
        prl.addWidget(self.progress)
        prl.addWidget(self.progress_text)
        prl.addLayout(buttons)
        prl.addWidget(self.doubt_group)
        prl.addWidget(self.log, 1)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(title)
        layout.addWidget(account_group)
        layout.addWidget(test_group)
        layout.addWidget(pace_group)
        layout.addWidget(confirm_group)
        layout.addWidget(progress_group, 1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # ---- accounts ---------------------------------------------------------------------
    def _saved_accounts(self) -> list[Any]:
        from composer import accounts
        from composer.errors import ComposerError

        try:
            return accounts.list_accounts()
        except ComposerError as e:
            self.account_note.setText(str(e))
            return []

    def _fill_accounts(self, select: str | None) -> None:
        self.account_box.clear()
        self.account_box.addItem(PRACTICE_NAME, PRACTICE_NAME)
        for account in self._saved_accounts():
            self.account_box.addItem(f"{account.display_name} <{account.address}>", account.name)
        index = self.account_box.findData(select) if select else 0
        self.account_box.setCurrentIndex(max(0, index))

    def _choose_default_account(self) -> None:
        """The campaign's saved account if it exists here, else the practice outbox."""
        wanted = getattr(self.document, "account", None)
        self._fill_accounts(wanted)
        self._account_picked(self.account_box.currentIndex())
        if wanted and wanted != PRACTICE_NAME and self.account_box.currentData() != wanted:
            # e.g. a campaign opened on another computer: say so, or "Send these again"
            # would quietly go to the practice outbox instead of the customers
            self.account_note.setText(
                self.tr(
                    "This campaign sends from the mail account \u201c{0}\u201d, which is not "
                    "set up on this computer, so the practice outbox is chosen for now. Add "
                    "that account with \u201cAdd or change account\u2026\u201d before you send "
                    "for real."
                ).format(wanted)
            )

    def _account_maybe_changed(self) -> None:
        """The account was chosen elsewhere (the Message step's "Mail account..." button)."""
        wanted = getattr(self.document, "account", None)
        if wanted and not self.sending() and wanted != self.account_box.currentData():
            self._fill_accounts(wanted)
            if self.account_box.currentData() == wanted:
                self._account_picked(self.account_box.currentIndex())

    def _document_opened(self, _path: str) -> None:
        """Another campaign: its own account if saved here, and its delivery record."""
        if not self.sending():
            wanted = getattr(self.document, "account", None)
            if wanted and wanted != self.account_box.currentData():
                self._choose_default_account()
        self.reload_state()

    def _account_picked(self, _index: int) -> None:
        name = self.account_box.currentData()
        if name == PRACTICE_NAME or name is None:
            self.use_practice_outbox()
            return
        from composer import accounts
        from composer.errors import ComposerError

        try:
            account = accounts.get(name)
        except ComposerError as e:
            self.account_note.setText(str(e))
            return
        from ui.account_dialog import session_secret

        self.use_account(account, session_secret(account))

    def use_practice_outbox(self) -> None:
        """Send into the built-in practice outbox (started on first use)."""
        if self.outbox is None or not self.outbox.running:
            self.outbox = PracticeOutbox(data_dir() / "practice-outbox")
        self.use_account(practice_account(self.outbox), PRACTICE_SECRET)

    def use_account(self, account: Any, secret: str | None) -> None:
        """Send from ``account`` (its limits fill the pace boxes; the identity follows it)."""
        from composer.message import Identity

        self.account = account
        self.secret = secret
        practice = is_practice(account)
        if self.account_box.currentData() != account.name:
            if self.account_box.findData(account.name) < 0:
                self.account_box.addItem(
                    f"{account.display_name} <{account.address}>", account.name
                )
            self.account_box.setCurrentIndex(self.account_box.findData(account.name))
        self.outbox_button.setVisible(practice)
        if practice:
            self.account_note.setText(
                self.tr(
                    "Practice: messages go to an outbox on this computer, not to your customers. "
                    "Open it to read what each customer would get. To send for real, add your "
                    "own mail account."
                )
            )
        else:
            self.account_note.setText(
                self.tr("Messages go out from {0} through {1}.").format(
                    account.address, account.host
                )
            )
        settings = getattr(self.document, "settings", {}) or {}
        most = getattr(account, "max_connections", None) or 10
        self.connections.setMaximum(most)
        for box, value in (
            (self.connections, settings.get("connections") or min(3, most)),
            (self.rate, settings.get("rate") or account.rate or 0),
            (self.daily_cap, settings.get("daily_cap") or account.daily_cap or 0),
        ):
            box.blockSignals(True)
            box.setValue(int(value))
            box.blockSignals(False)
        # A real account is the sender: its name and address go on every message. The
        # practice outbox only lends its address to a campaign that has no sender yet, so
        # trying it never overwrites the From of an opened campaign.
        doc = self.document
        current = getattr(doc, "identity", None)
        if not practice:
            identity = Identity(name=account.display_name, address=account.address)
            if current != identity or getattr(doc, "account", None) != account.name:
                doc.set_identity(identity, account=account.name)
        elif current is None or not current.address.strip():
            doc.set_identity(Identity(name=account.display_name, address=account.address))
        self._update()

    def edit_account(self) -> None:
        """Open the account dialog; a saved account replaces the current one."""
        from ui.account_dialog import AccountDialog

        current = None if is_practice(self.account) else self.account
        dialog = AccountDialog(self.worker, current, self)
        if dialog.exec() and dialog.account is not None:
            self._fill_accounts(dialog.account.name)
            self.use_account(dialog.account, dialog.secret)

    def _secret(self) -> str | None:
        """The password for the chosen account, asked for once this session when not kept."""
        if self.secret:
            return self.secret
        from ui.account_dialog import remember_for_session

        text, ok = QInputDialog.getText(
            self,
            self.tr("Password"),
            self.tr("Password (or app password) for {0}:").format(self.account.address),
            QLineEdit.EchoMode.Password,
        )
        if ok and text:
            self.secret = text
            remember_for_session(self.account, text)
            return text
        return None

    def open_outbox(self) -> None:
        from ui.outbox_viewer import OutboxViewer

        if self.outbox is None:
            return
        viewer = OutboxViewer(self.outbox.folder, self.outbox.messages, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        self.viewer = viewer

    # ---- what will be sent --------------------------------------------------------------
    def audience_count(self) -> int:
        checkup = getattr(self.document, "checkup", None)
        return len(checkup.audience) if checkup is not None else 0

    def to_send(self) -> int:
        """How many messages pressing Send will go out now (not those already decided)."""
        decided = sum(
            self.counts.get(s, 0)
            for s in (journal.SENT, journal.FAILED, journal.IN_DOUBT, journal.SENDING)
        )
        return max(0, self.audience_count() - decided)

    def _checkup_ready(self, checkup: Any) -> None:
        if checkup is not None and self.isVisible():
            self._note_count_seen()
        self._update()

    def _note_count_seen(self) -> None:
        count = self.audience_count()
        previous = self._last_seen_count
        if previous is not None and count != previous:
            # the danger in the stories is more people than meant (5 became 50,000)
            grew = audience.big_jump(previous, count)
            self.jump_warning.setVisible(grew)
            if grew:
                self.jump_warning.setText(
                    self.tr(
                        "Careful: the number of recipients changed from {0} to {1} since you "
                        "last looked. Check the filter in step 1 before you send."
                    ).format(_number(previous), _number(count))
                )
        if previous is None or count != previous:
            self.confirm.clear()
        self._last_seen_count = count

    def activated(self) -> None:
        """Called by the main window when this step is shown."""
        self._note_count_seen()
        self.reload_state()
        self._update()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._note_count_seen()
        self._update()

    def step_status(self) -> tuple[str, str] | None:
        """The line under "Send" in the step list (None: the window's own)."""
        if self.sending():
            done = self.tr("{0} of {1}").format(_number(self._run_done), _number(self._run_total))
            return self.tr("Sending\u2026 {0}").format(done), "todo"
        sent = self.counts.get(journal.SENT, 0)
        failed = self.counts.get(journal.FAILED, 0)
        doubt = self.counts.get(journal.IN_DOUBT, 0)
        if failed or doubt:
            return self.tr("{0} sent, {1} need you").format(
                _number(sent), _number(failed + doubt)
            ), ("problems")
        if sent and not self.to_send():
            return self.tr("All {0} sent").format(_number(sent)), "ready"
        if sent:
            return self.tr("{0} sent, {1} to go").format(
                _number(sent), _number(self.to_send())
            ), "todo"
        return None

    def _refresh_window(self) -> None:
        """Ask the main window (if any) to redraw the step list with our status."""
        refresh = getattr(self.window(), "refresh_status", None)
        if callable(refresh) and self.window() is not self:
            refresh()

    def sending(self) -> bool:
        """True from the moment Send is pressed until the run has ended."""
        return self._sending

    def _typed_count(self) -> int | None:
        digits = "".join(c for c in self.confirm.text() if not c.isspace() and c not in ",.'\u00a0")
        return int(digits) if digits.isdigit() else None

    def _update(self, *_: Any) -> None:
        checkup = getattr(self.document, "checkup", None)
        blocking = list(getattr(checkup, "blocking", None) or [])
        sending = self.sending()
        if checkup is None:
            blocking = [self.tr("Open a customer spreadsheet and write the apology first.")]
        self.blockers.setText("\n".join(blocking))
        self.blockers.setVisible(bool(blocking))
        count = self.to_send()
        typed = self._typed_count()
        if checkup is None:
            self.confirm_text.setText("")
        elif blocking and count:
            self.confirm_text.setText(
                self.tr(
                    "Sending stays locked until the problem above is fixed; the step marked "
                    "with a warning on the left shows where."
                )
            )
        elif count:
            text = self.tr(
                "This sends {0} messages, one to each customer, from {1}. To confirm, type "
                "the number {0}:"
            ).format(_number(count), self.account.address if self.account else "")
            # only once as many digits are typed as the count has, so typing is not nagged
            if typed is not None and typed != count and len(str(typed)) >= len(str(count)):
                text += " " + self.tr(
                    "You typed {0}, but {1} messages would go out; type {1} to send them, "
                    "or go back to Customers if that number looks wrong."
                ).format(_number(typed), _number(count))
            self.confirm_text.setText(text)
        else:
            self.confirm_text.setText(
                self.tr("Nothing is left to send: every customer in the list has been dealt with.")
            )
        matches = typed == count and count > 0
        ready = not blocking and self.account is not None and not sending
        self.send_button.setEnabled(ready and matches)
        self.confirm.setEnabled(ready and count > 0)
        self.test_button.setEnabled(self.account is not None and checkup is not None)
        self.pause_button.setEnabled(sending and not self._paused())
        self.resume_button.setEnabled(sending and self._paused())
        self.cancel_button.setEnabled(sending)
        self.account_box.setEnabled(not sending)
        self.account_button.setEnabled(not sending)
        has_file = getattr(self.document, "path", None) is not None
        self.resend_button.setEnabled(
            not sending and has_file and self.counts.get(journal.FAILED, 0) > 0
        )
        self.export_button.setEnabled(not sending and has_file and bool(self.counts))
        self.doubt_again.setEnabled(not sending)
        self.doubt_sent.setEnabled(not sending)

    def _paused(self) -> bool:
        return bool(getattr(self, "_is_paused", False))

    # ---- test ---------------------------------------------------------------------------
    def send_test(self, row: int | None = None) -> Job | None:
        """Send the first (or ``row``'s) message to the account's own address, [TEST] marked."""
        if self.account is None:
            return None
        secret = self._secret()
        if secret is None:
            return None
        doc = self.document
        state = doc.campaign_state()
        already = dict(getattr(doc.campaign, "codes", None) or {})
        self.test_button.setEnabled(False)
        self.test_result.setText(
            self.tr("Sending a test to {0}\u2026").format(self.account.address)
        )
        job = self.worker.submit(send_test, state, already, self.account, secret, row)

        def sent(reply: str) -> None:
            where = (
                self.tr("the practice outbox")
                if is_practice(self.account)
                else self.account.address
            )
            self.test_result.setText(
                self.tr(
                    "A test message marked [TEST] went to {0}. Read it there before you "
                    "send to everyone."
                ).format(where)
            )
            self._log(
                self.tr("Test message sent to {0} ({1}).").format(self.account.address, reply)
            )

        job.then(sent, self.test_result.setText)
        job.finished.connect(self._update)
        self.test_job = job
        return job

    # ---- sending ------------------------------------------------------------------------
    def _send_if_ready(self) -> None:
        if self.send_button.isEnabled():
            self.start_send()

    def ask_save_path(self) -> Path | None:
        """Where to keep the campaign (its delivery record lives in it)."""
        doc = self.document
        folder = doc.source.parent if getattr(doc, "source", None) else Path.home()
        stem = doc.source.stem if getattr(doc, "source", None) else "apology"
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the campaign before sending"),
            str(folder / f"{stem}.apology"),
            self.tr("Apology campaigns (*.apology)"),
        )
        return Path(chosen) if chosen else None

    def start_send(self, resend_in_doubt: bool = False) -> None:
        """Save the campaign if needed, then send (confirmation already typed)."""
        if self.sending() or self.account is None:
            return
        secret = self._secret()
        if secret is None:
            return
        doc = self.document
        if doc.path is None or doc.dirty or doc.campaign is None:
            target = doc.path or self.ask_save_path()
            if target is None:
                return
            self._after_save = lambda: self._open_and_send(secret, resend_in_doubt)
            self._log(self.tr("Saving the campaign to {0}\u2026").format(target))
            if doc.save(target) is None:
                self._after_save = None
            return
        self._open_and_send(secret, resend_in_doubt)

    def _saved(self, _path: str) -> None:
        action, self._after_save = self._after_save, None
        if action is not None:
            action()
        else:
            self.reload_state()

    def _document_problem(self, sentence: str) -> None:
        if self._after_save is not None:
            self._after_save = None
            self._log(sentence)

    def _open_and_send(self, secret: str, resend_in_doubt: bool) -> None:
        path = self.document.path
        self.confirm.clear()
        self._set_sending(True)
        job = self.worker.submit(open_for_sending, path)
        job.then(lambda campaign: self._run(campaign, secret, resend_in_doubt), self._send_failed)

    def _run(self, campaign: Any, secret: str, resend_in_doubt: bool) -> None:
        from composer.sender import Sender

        try:
            self.sender = Sender(
                campaign,
                self.account,
                secret,
                connections=self.connections.value(),
                rate=self.rate.value() or None,
                daily_cap=self.daily_cap.value() or None,
                resend_in_doubt=resend_in_doubt,
                on_event=self._events.append,
            )
        except Exception as e:  # a ComposerError sentence, or a bug shown as one
            self.worker.submit(campaign.close)
            self._send_failed(str(e))
            return
        self._show_result("")
        self._run_started = time.monotonic()
        self._run_total = 0
        self._run_done = 0
        self._run_counts = {}
        self._is_paused = False
        self._flush_timer.start()
        self._send_job = self.worker.submit(run_and_close(self.sender.run(), campaign))
        self._send_job.then(self._send_done, self._send_failed)
        self._send_job.cancelled.connect(lambda: self._send_failed(self.tr("Sending stopped.")))
        self._update()

    def _set_sending(self, on: bool) -> None:
        self._sending = on
        self._update()

    def pause(self) -> None:
        if self.sender is not None:
            self.sender.pause()

    def resume(self) -> None:
        if self.sender is not None:
            self.sender.resume()

    def cancel(self) -> None:
        """Stop after the messages in flight; the journal stays exact."""
        if self.sender is not None:
            self._log(self.tr("Stopping after the messages already on their way\u2026"))
            self.sender.cancel()

    def _flush(self) -> None:
        """Show the events gathered since the last flush, in one go."""
        events = []
        while self._events:
            events.append(self._events.popleft())
        if not events:
            return
        lines: list[str] = []
        for e in events:
            kind = e.kind
            if kind == "started":
                self._run_total = e.total or 0
                self._run_counts = dict(e.counts or {})
                lines.append(
                    self.tr("Started: {0} messages to send.").format(_number(e.total or 0))
                )
            elif kind == "sent":
                self._run_done += 1
                self._move(journal.SENT)
                lines.append(self.tr("Sent to {0} (row {1}).").format(e.email, e.row))
            elif kind == "failed":
                self._run_done += 1
                self._move(journal.FAILED)
                lines.append(
                    self.tr("Failed for {0} (row {1}): {2}").format(e.email, e.row, e.reason)
                )
            elif kind == "retry":
                lines.append(
                    self.tr("Will retry {0} (row {1}) in {2:.0f} s: {3}").format(
                        e.email, e.row, e.delay or 0, e.reason
                    )
                )
            elif kind == "in_doubt":
                if e.row is not None:
                    self._run_done += 1
                    self._move(journal.IN_DOUBT)
                lines.append(self.tr("In doubt: {0}").format(e.reason or ""))
            elif kind == "paused":
                self._is_paused = True
                lines.append(self.tr("Paused. Messages already on their way finish."))
            elif kind == "resumed":
                self._is_paused = False
                lines.append(self.tr("Resumed."))
            elif kind in ("cap_reached", "error"):
                lines.append(e.reason or "")
            elif kind == "finished" and e.counts:
                self._run_counts = dict(e.counts)
        for line in lines:
            self.log.appendPlainText(line)
        self._show_progress()
        self._update()
        self._refresh_window()

    def _move(self, state: str) -> None:
        counts = self._run_counts
        if counts.get(journal.QUEUED, 0) > 0:
            counts[journal.QUEUED] -= 1
        counts[state] = counts.get(state, 0) + 1

    def _show_progress(self) -> None:
        total = max(self._run_total, 1)
        self.progress.setRange(0, total)
        self.progress.setValue(min(self._run_done, total))
        parts = [
            f"{_number(n)} {report.STATE_WORDS[s]}"
            for s, n in self._run_counts.items()
            if n and s in report.STATE_WORDS
        ]
        eta = ""
        left = self._run_total - self._run_done
        elapsed = time.monotonic() - self._run_started
        if self.sending() and self._run_done and left > 0 and not self._paused():
            eta = self.tr(" \u00b7 about {0} left").format(
                _duration(elapsed / self._run_done * left)
            )
        if self._paused():
            eta = self.tr(" \u00b7 paused")
        self.progress_text.setText(", ".join(parts) + eta)

    def _send_done(self, summary: Any) -> None:
        self._flush()
        self._flush_timer.stop()
        self.summary = summary
        self._send_job = None
        self._sending = False
        self.sender = None
        self._is_paused = False
        if summary.error:
            verdict = summary.error
        elif summary.cancelled:
            verdict = self.tr("Stopped: {0} sent in this run; the rest can go later.").format(
                _number(summary.sent)
            )
        elif summary.cap_reached:
            verdict = self.tr("The daily limit is reached; the rest can go later.")
        elif summary.failed or summary.in_doubt:
            verdict = self.tr(
                "Finished: {0} sent, {1} failed, {2} in doubt. See below what to do next."
            ).format(_number(summary.sent), _number(summary.failed), _number(len(summary.in_doubt)))
        elif is_practice(self.account):
            verdict = self.tr(
                "Done: all {0} messages are in the practice outbox (nothing left this computer)."
            ).format(_number(summary.sent))
        else:
            verdict = self.tr("Done: all {0} messages were sent, one to each customer.").format(
                _number(summary.sent)
            )
        self._log(verdict)
        self._show_result(verdict)
        self.counts = dict(summary.counts)
        self._update()
        self._refresh_window()  # the step list must not go on saying "Sending…"
        self.sendFinished.emit(summary)
        self.reload_state()

    def _send_failed(self, sentence: str) -> None:
        self._flush()
        self._flush_timer.stop()
        self._send_job = None
        self._sending = False
        self.sender = None
        self._is_paused = False
        self._log(sentence)
        self._show_result(sentence)
        self._update()
        self._refresh_window()
        self.sendFailed.emit(sentence)
        self.reload_state()

    def _log(self, line: str) -> None:
        self.log.appendPlainText(line)

    def _show_result(self, sentence: str) -> None:
        self.result.setText(sentence)
        self.result.setVisible(bool(sentence))

    # ---- after a run / on reopen ------------------------------------------------------------
    def reload_state(self) -> Job | None:
        """Read what the campaign file says was sent, failed or is in doubt."""
        path = getattr(self.document, "path", None)
        if path is None or self.sending():
            return None
        job = self.worker.submit(delivery_state, Path(path), key="send-state")
        job.then(self._state_loaded, self._log)
        return job

    def _state_loaded(self, result: tuple[dict[str, int], list[Any]]) -> None:
        counts, doubt = result
        self.counts = counts
        self.in_doubt = doubt
        self.doubt_list.clear()
        for d in doubt:
            item = QListWidgetItem(
                self.tr("Row {0}: {1} \u2014 {2}").format(d.row, d.email, d.last_reply or "")
            )
            item.setData(Qt.ItemDataRole.UserRole, d.row)
            self.doubt_list.addItem(item)
        self.doubt_group.setVisible(bool(doubt))
        if any(counts.values()) and not self.sending():
            total = sum(counts.values())
            done = total - counts.get(journal.QUEUED, 0) - counts.get(journal.DEFERRED, 0)
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            parts = [f"{_number(n)} {report.STATE_WORDS[s]}" for s, n in counts.items() if n]
            self.progress_text.setText(self.tr("So far: ") + ", ".join(parts) + ".")
        self._update()
        self._refresh_window()
        self.stateLoaded.emit(counts)

    def resolve_in_doubt(self, as_sent: bool) -> Job | None:
        """The person's decision for every message in doubt: send again, or mark as sent."""
        path = getattr(self.document, "path", None)
        rows = [d.row for d in self.in_doubt]
        if path is None or not rows:
            return None
        job = self.worker.submit(resolve, Path(path), rows, as_sent)

        def done(changed: int) -> None:
            self._log(
                self.tr("{0} marked as sent.").format(_number(changed))
                if as_sent
                else self.tr("{0} will be sent again with the next Send.").format(_number(changed))
            )
            self.reload_state()

        job.then(done, self._log)
        return job

    def resend_failed(self) -> Job | None:
        """Put the failed messages back in the queue and send them (after a yes)."""
        path = getattr(self.document, "path", None)
        failed = self.counts.get(journal.FAILED, 0)
        if path is None or not failed or self.sending():
            return None
        if not self.ask_yes(
            self.tr("Send the {0} failed messages again, and nothing else?").format(_number(failed))
        ):
            return None
        secret = self._secret()
        if secret is None:
            return None
        job = self.worker.submit(requeue_failed, Path(path))
        job.then(lambda _n: self._open_and_send(secret, False), self._log)
        return job

    def ask_yes(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Resend failed only"), question)
        return answer == QMessageBox.StandardButton.Yes

    def choose_report_file(self) -> None:
        doc = self.document
        folder = Path(doc.path).parent if doc.path else Path.home()
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the delivery report"),
            str(folder / f"{Path(doc.path).stem if doc.path else 'apology'}-report.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV file (*.csv)"),
        )
        if chosen:
            self.export_report(Path(chosen))

    def export_report(self, target: Path) -> Job | None:
        """Write one row per recipient (state, attempts, server reply...) to .xlsx or .csv."""
        path = getattr(self.document, "path", None)
        if path is None:
            return None
        job = self.worker.submit(export_report, Path(path), Path(target))
        job.then(
            lambda n: self._log(
                self.tr("Delivery report with {0} rows saved to {1}.").format(_number(n), target)
            ),
            self._log,
        )
        return job

    # ---- the end ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop a run (after the messages in flight) and the practice outbox; on quit."""
        if self.sender is not None:
            self.sender.cancel()
        self._flush_timer.stop()
        if self.outbox is not None:
            self.outbox.stop()


def _number(value: int) -> str:
    from PySide6.QtCore import QLocale

    return QLocale().toString(int(value))


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"

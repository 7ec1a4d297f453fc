"""Step 4, Send: choose the mailbox, send a test to yourself, confirm the exact count, send.

Why (the stories): a test goes to yourself first; sending asks for the exact number of
customers, typed back, and calls out a count that jumped; progress, pauses and every message's
fate are visible while it runs and after a restart; nothing that may already have gone is
sent again without the person deciding; failures can be re-sent alone; the delivery record can
be exported.

The page only puts its parts together (``ui/send/``) and shows the engine's answers: the
blockers and the test rule come from the check, every number from the plan, the progress
from ``composer.progress``. Sending is the Document's: it saves, then runs
``composer.sender`` in the worker.
"""

from __future__ import annotations

import collections
import time
from email.utils import formataddr
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from composer import accounts, journal, language, report
from composer.accounts import Secret
from composer.campaign import Campaign
from composer.check import OPEN_SPREADSHEET, Blocker, Step
from composer.deliverability import Finding
from composer.limiter import spread
from composer.outbox import is_practice
from composer.plan import Next, Plan
from composer.sender import Event, Summary
from composer.wording import clock, count, duration
from ui.document import Document
from ui.send.account_box import AccountBox
from ui.send.arrive_box import ArriveBox
from ui.send.confirm_box import ConfirmBox
from ui.send.doubt_box import DoubtBox
from ui.send.mailbox_box import MailboxBox
from ui.send.pace_box import PaceBox
from ui.send.progress_view import ProgressView
from ui.send.test_box import TestBox
from ui.widgets import folder_beside, heading, number, scrolled
from ui.worker import Job, Worker

FLUSH_MS = 100  # events are shown in batches this often

# ---- engine work, run in the worker ------------------------------------------------------


async def send_test(snapshot: Campaign, account: accounts.Account, secret: Secret) -> str:
    """The first customer's message, marked [TEST], to the account's own address."""
    import asyncio

    from composer import trial

    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, lambda: snapshot.assign_codes(store=False))
    return await trial.send_to_self(snapshot, account, secret)


def _resolve(campaign: Campaign, keys: list[str], as_sent: bool) -> int:
    assert campaign.conn is not None
    return journal.resolve_in_doubt(campaign.conn, keys, as_sent)


def _requeue_failed(campaign: Campaign, keys: list[str]) -> int:
    assert campaign.conn is not None
    return journal.requeue_failed(campaign.conn, keys)


def _read_mailbox(
    campaign: Campaign, account: accounts.Account, secret: Secret, *, sent_only: bool = False
) -> str:
    """What the account's mailbox settles (``composer.reconcile.settle``)."""
    from composer import imap, reconcile

    with imap.Mailbox(imap.settings_for(account), secret) as box:
        return reconcile.settle(campaign, box, sent_only=sent_only)


def _arrival(
    snapshot: Campaign, host: str, daily_cap: int | None, other_daily: int | None
) -> tuple[tuple[Finding, ...], int]:
    """Will it arrive (``Campaign.deliverability``): every finding, and the estimate used."""
    checked, mix, estimate = snapshot.deliverability(
        host, daily_cap=daily_cap, other_daily=other_daily
    )
    return (*checked.findings, *mix), estimate


def _export(snapshot: Campaign, target: Path) -> int:
    return report.export(snapshot, target)


class SendPage(QWidget):
    """Step 4. ``SendPage(document, worker)``."""

    sendFinished = Signal(object)  # the sender's Summary
    sendFailed = Signal(str)  # the run could not start or stopped on an error: the sentence

    def __init__(self, document: Document, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendPage")
        self.setAccessibleName(self.tr("Send"))
        self.document = document
        self.worker = worker
        self.sender: Any = None
        self.summary: Summary | None = None
        self.test_job: Job | None = None
        self._later_shown: tuple[object, ...] | None = None  # what the mailbox list shows
        self._refused = False  # the last sign-in was refused: ask again, with the hint
        # Sender events arrive on the loop thread; a deque takes them there (appends are
        # thread-safe) and the flush timer shows them here in batches.
        self._events: collections.deque[Event] = collections.deque()
        self._flush_timer = QTimer(self, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        # the daily cap was reached: the rest goes on by itself at this (Unix) time
        self.resume_at: float | None = None
        self._starting = False  # the wait is for the hour the person chose, not the cap
        self._offer_to_continue = False
        self._wait_timer = QTimer(self, interval=1000)
        self._wait_timer.timeout.connect(self._tick)

        self.account_box = AccountBox(worker)
        self.arrive_box = ArriveBox()
        self._arrival_for: tuple[object, ...] | None = None  # what the box was checked for
        self.test_box = TestBox()
        self.pace_box = PaceBox(document)
        self.confirm_box = ConfirmBox()
        self.progress = ProgressView()
        self.doubt_box = DoubtBox()
        self.progress.add_below(self.doubt_box)
        self.mailbox_box = MailboxBox()
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(heading(self.tr("Send")))
        for part in (
            self.account_box,
            self.arrive_box,
            self.test_box,
            self.pace_box,
            self.confirm_box,
        ):
            layout.addWidget(part)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.mailbox_box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(inner))

        self.account_box.accountChosen.connect(self._account_chosen)
        self.test_box.testRequested.connect(self.send_test)
        self.test_box.skipToggled.connect(document.skip_test)
        self.confirm_box.sendRequested.connect(lambda: self.start_send())
        self.confirm_box.typed.textChanged.connect(lambda _t: self._update())
        self.progress.pauseRequested.connect(self.pause)
        self.progress.resumeRequested.connect(self.resume)
        self.progress.cancelRequested.connect(self.cancel)
        self.progress.stopWaitingRequested.connect(self.stop_waiting)
        self.progress.resendRequested.connect(self.resend_failed)
        self.progress.exportRequested.connect(self.choose_report_file)
        self.doubt_box.decided.connect(self.resolve_in_doubt)
        self.doubt_box.lookRequested.connect(lambda: self.check_mailbox(sent_only=True))
        self.mailbox_box.checkRequested.connect(self.check_mailbox)
        self.mailbox_box.correctRequested.connect(self.correct_address)
        self.arrive_box.checkRequested.connect(
            lambda estimate: self.check_arrival(None if estimate < 0 else estimate, again=True)
        )
        document.checkupReady.connect(self._checked)
        document.replaced.connect(self._forget_last_run)
        document.pathChanged.connect(self._document_opened)
        document.pathChanged.connect(lambda _p: self.stop_waiting())
        document.changed.connect(self._edited_while_waiting)
        document.settingsChanged.connect(self._settings_changed)
        document.sendingChanged.connect(lambda _on: self._update())
        document.busyChanged.connect(lambda _busy: self._update())
        document.sendFinished.connect(self._send_done)
        document.sendFailed.connect(self._send_failed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.account_box.choose(document.account)
        self._checked(document.checkup)

    # ---- shortcuts to the parts (tests and the main window use them) --------------------
    @property
    def account(self) -> accounts.Account | None:
        return self.account_box.account

    @property
    def outbox(self) -> Any:
        return self.account_box.outbox

    @property
    def send_button(self) -> Any:
        return self.confirm_box.button

    @property
    def confirm(self) -> QLineEdit:
        return self.confirm_box.typed

    # ---- reacting to the document ---------------------------------------------------------
    def _account_chosen(self, account: accounts.Account) -> None:
        self._refused = False
        if not self.document.sending:
            self.document.use_account(account)
        self.pace_box.show_pace(self.document.mailing.settings, account)
        self._update()
        if self.isVisible():
            self.check_arrival()

    def _settings_changed(self) -> None:
        wanted = self.document.account
        if wanted and wanted != self.account_box.combo.currentData() and not self.sending():
            self.account_box.choose(wanted)  # the Message step chose another account
        self.pace_box.show_pace(self.document.mailing.settings, self.account)

    def _forget_last_run(self) -> None:
        """New or Open: what the last campaign's run said belongs to that one."""
        if not self.sending():
            self.summary = None
            self.progress.forget()

    def _document_opened(self, _path: str) -> None:
        """Another campaign: its own account, if it is set up here, and its own pace; a
        jump in the count is measured against this campaign only."""
        if self.sending():
            return
        self._offer_to_continue = True  # said once the opened campaign's plan is known
        self.confirm_box.forget_audience()
        self.pace_box.show_pace(self.document.mailing.settings, self.account)
        wanted = self.document.account
        if wanted and wanted != self.account_box.combo.currentData():
            self.account_box.choose(wanted)
        elif self.account is not None:
            self.document.use_account(self.account)  # a new campaign sends from here too

    def _checked(self, _checkup: Any = None) -> None:
        doc = self.document
        if not self.sending():
            self.progress.show_plan(doc.plan)
            in_doubt = doc.plan.in_doubt if doc.plan is not None else []
            self.doubt_box.show_fates(in_doubt)
            self._offer(doc.plan)
            self._show_later()
        if self.isVisible():
            self._note_audience()
        status = doc.checkup.test if doc.checkup is not None else None
        self.test_box.show_status(status, practice=is_practice(self.account))
        self._update()

    def _offer(self, plan: Plan | None) -> None:
        """A campaign opened part-sent (stopped at the daily limit, or cut short): say what is
        left and how to go on, once."""
        if not self._offer_to_continue or plan is None:
            return
        self._offer_to_continue = False
        if plan.sent and plan.to_send and self.resume_at is None:
            self.progress.show_result(
                self.tr(
                    "This campaign is part-sent: {0} sent, {1} still to go. To continue, type "
                    "the number in step 3 and press Send."
                ).format(number(plan.sent), number(plan.to_send))
            )

    def activated(self) -> None:
        """Called by the main window when this step is shown."""
        self._note_audience()
        self._update()
        self.check_arrival()

    def check_arrival(self, other_daily: int | None = None, *, again: bool = False) -> Job | None:
        """Will it arrive, for the account chosen and the list as it is (once per account,
        sender and list unless asked ``again``); nothing for the practice outbox."""
        doc, account = self.document, self.account
        address = doc.identity.address
        if account is None or is_practice(account) or not address or doc.checkup is None:
            self.arrive_box.setVisible(False)
            return None
        cap = doc.mailing.settings.daily_cap or account.daily_cap
        wanted = (address, account.host, doc.audience_count(), doc.path, cap)
        if wanted == self._arrival_for and not again:
            return None
        self._arrival_for = wanted
        self.arrive_box.show_checking(address.rpartition("@")[2])
        job = self.worker.submit(
            _arrival, doc.campaign.snapshot(), account.host, cap, other_daily, key="arrival"
        )
        job.then(
            lambda result: self.arrive_box.show_findings(*result), self.arrive_box.show_problem
        )
        return job

    def _note_audience(self) -> None:
        """The person sees the count now (only of a list: no list yet is nothing to compare)."""
        doc = self.document
        if doc.checkup is not None and doc.table is not None:
            self.confirm_box.note_audience(doc.audience_count())

    def sending(self) -> bool:
        return self.document.sending

    def to_send(self) -> int:
        """The engine's number of messages the next Send sends."""
        plan = self.document.plan
        return plan.to_send if plan is not None else 0

    def _sender_text(self) -> str:
        who = self.document.mailing.identity
        return formataddr((who.name, who.address)) if who.name else who.address

    def _update(self) -> None:
        doc = self.document
        sending = self.sending()
        blockers = doc.blockers()
        if doc.checkup is None:
            blockers = [Blocker(Step.CUSTOMERS, language._(OPEN_SPREADSHEET))]
        plan = doc.plan
        account = self.account
        cap = doc.mailing.settings.daily_cap or (account.daily_cap if account else None)
        self.confirm_box.show_state(
            blockers=blockers,
            to_send=self.to_send(),
            schedule=self._schedule(spread(self.to_send(), cap, plan.sent_last_day if plan else 0)),
            sender=self._sender_text(),
            ready=self.account is not None and not sending and not doc.busy,
            sending=sending,
            waiting_decision=bool(doc.plan and (doc.plan.failed or doc.plan.in_doubt)),
        )
        # a test is worth sending once the apology itself can go (only the Send step's own
        # rules, the test among them, may still be open)
        can_test = (
            self.account is not None
            and doc.checkup is not None
            and doc.checkup.first_step_to_fix() in (None, Step.SEND)
        )
        running_test = self.test_job is not None and not self.test_job.done
        self.test_box.enable(bool(can_test) and not running_test, sending)
        plan = doc.plan
        self.progress.enable(
            sending=sending,
            has_file=doc.path is not None,
            failed=plan.failed if plan is not None else 0,
            anything=bool(plan and plan.done),
        )
        for part in (self.account_box, self.pace_box, self.mailbox_box):
            part.lock(sending)
        # a decision needs the engine's current plan: not while it is being worked out again
        self.doubt_box.lock(sending or doc.busy or plan is None)
        practice = is_practice(self.account)
        self.mailbox_box.setVisible(
            doc.path is not None and bool(plan and plan.done) and not practice
        )

    def _schedule(self, spread_over: str | None) -> str:
        if not spread_over:
            return ""
        return (
            spread_over
            + " "
            + self.tr("The app goes on by itself each day while it is open; or send again later.")
        )

    def step_status(self) -> tuple[str, str] | None:
        """The line under "Send" in the step list (None: the window's own)."""
        model = self.progress.model
        if model is not None and (self.sending() or self.document.busy):
            # during a run, and until the engine's fresh plan arrives after it
            return model.step_line(), "todo" if self.sending() else "ready"
        plan = self.document.plan
        line = plan.line() if plan is not None else None
        if line is None:
            return None
        if plan is not None and plan.needs_you:
            return line, "problems"
        return line, "ready" if plan is not None and not plan.to_send else "todo"

    # ---- the password -----------------------------------------------------------------
    def secret(self) -> Secret | None:
        """The password for the chosen account, asked for once this session when not kept;
        after a refusal, asked again with the provider's hint. An account that signs in with
        Microsoft or Google is never asked a password: without a sign-in, the account dialog
        opens to sign in again."""
        box = self.account_box
        if box.secret:
            return box.secret
        account = box.account
        assert account is not None
        from ui.account_dialog import remember_for_session, session_secret

        if account.auth == "oauth2":
            box.secret = session_secret(account)
            if box.secret is None:
                box.edit_account()  # signs in again, or the person cancels
            return box.secret

        question = self.tr("Password (or app password) for {0}:").format(account.address)
        if self._refused:
            question = (
                self.tr("The last password for {0} was not accepted.").format(account.address)
                + " "
                + accounts.password_hint(account)
                + "\n\n"
                + question
            )
        text, ok = QInputDialog.getText(
            self, self.tr("Password"), question, QLineEdit.EchoMode.Password
        )
        if ok and text:
            box.secret = text
            remember_for_session(account, text)
            return text
        return None

    def _refused_sign_in(self, sentence: str) -> str:
        """Forget the refused password; the sentence says what happens next and where."""
        account = self.account_box.account
        if account is not None and account.auth == "oauth2":
            self.account_box.forget_secret()  # the sign-in in the keyring stays till replaced
            return " ".join(
                (
                    sentence,
                    self.tr(
                        "Sign in again with \u201cAdd or change account\u2026\u201d in step 1 "
                        "of Send."
                    ),
                )
            )
        self.account_box.forget_secret()
        self._refused = True
        return " ".join(
            (
                sentence,
                self.tr("The password was forgotten; you are asked for it again next time."),
                self.tr(
                    "To change the account itself, use \u201cAdd or change account\u2026\u201d "
                    "in step 1 of Send."
                ),
            )
        )

    # ---- test ---------------------------------------------------------------------------
    def send_test(self) -> Job | None:
        """The first customer's message, marked [TEST], to the account's own address."""
        account = self.account
        if account is None or self.sending():
            return None
        secret = self.secret()
        if secret is None:
            return None
        snapshot = self.document.campaign.snapshot()
        fingerprint = snapshot.mailing.fingerprint()
        self.test_box.show_result(self.tr("Sending a test to {0}\u2026").format(account.address))
        job = self.worker.submit(send_test, snapshot, account, secret)

        def sent(reply: str) -> None:
            self.document.record_test(fingerprint, account.address)
            if is_practice(account):  # its server's reply says nothing more
                self.progress.note(self.tr("Test message kept in the practice outbox."))
            else:
                self.progress.note(
                    self.tr("Test message sent to {0} ({1}).").format(account.address, reply)
                )

        def failed(sentence: str) -> None:
            if getattr(job.error, "reason", None) == "login_rejected":
                sentence = self._refused_sign_in(sentence)
            self.test_box.show_result(sentence)

        job.then(sent, failed)
        job.finished.connect(self._update)
        self.test_job = job
        self._update()
        return job

    # ---- sending ------------------------------------------------------------------------
    def ask_save_path(self) -> Path | None:
        """Where to keep the campaign (its delivery record lives in it)."""
        doc = self.document
        folder = folder_beside(doc.source)
        stem = doc.source.stem if doc.source else "apology"
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the campaign before sending"),
            str(folder / f"{stem}.apology"),
            self.tr("Apology campaigns (*.apology)"),
        )
        return Path(chosen) if chosen else None

    def start_send(
        self, resend_in_doubt: bool = False, only: list[str] | None = None, *, now: bool = False
    ) -> bool:
        """Save the campaign if needed, then send (the confirmation already typed). Only what
        the engine's check lets go."""
        if self.sending() or self.account is None:
            return False
        blockers = self.document.blockers()
        if not self.document.sendable():
            if blockers:
                self.progress.show_result(blockers[0].sentence)
            return False
        secret = self.secret()
        if secret is None:
            return False
        later = self.pace_box.starts_at()
        if not now and later is not None and later > time.time() and self.resume_at is None:
            self.confirm_box.clear()
            self._wait_for_window(later, starting=True)  # the typed count was given now
            return True
        target = None
        if self.document.path is None:
            target = self.ask_save_path()
            if target is None:
                return False
        self.confirm_box.clear()
        self._events.clear()
        self.progress.show_result("")
        plan = self.document.plan
        if plan is not None:
            self.progress.start(plan)
        self.sender = self.document.send(
            self.account,
            secret,
            target=target,
            on_event=self._events.append,
            resend_in_doubt=resend_in_doubt,
            only=only,
            connections=self.pace_box.connections.value(),
        )
        if self.sender is None:
            return False
        self._flush_timer.start()
        self._refresh_window()
        return True

    def pause(self) -> None:
        if self.sender is not None:
            self.sender.pause()

    def resume(self) -> None:
        if self.sender is not None:
            self.sender.resume()

    def cancel(self) -> None:
        """Stop after the messages in flight; the journal stays exact."""
        if self.sender is not None:
            self.progress.note(self.tr("Stopping after the messages already on their way\u2026"))
            self.sender.cancel()

    def _flush(self) -> None:
        """Show the events gathered since the last flush, in one go."""
        events = []
        while self._events:
            events.append(self._events.popleft())
        if events:
            self.progress.apply(events)
            self._update()
            self._refresh_window()

    def _send_done(self, summary: Summary) -> None:
        self._end_run()
        self.summary = summary
        verdict = summary.verdict(practice=is_practice(self.account))
        if summary.sign_in_refused:
            verdict = self._refused_sign_in(verdict)
        self.progress.note(verdict)
        if summary.filed:
            self.progress.note(summary.filed)
        self.progress.show_result(verdict)
        if summary.cap_reached and summary.resume_at is not None and not summary.error:
            self._wait_for_window(summary.resume_at)
        self.sendFinished.emit(summary)

    # ---- the daily cap's window ---------------------------------------------------------
    def _wait_for_window(self, at: float, *, starting: bool = False) -> None:
        """Go on by itself when the rolling 24 hours allow (or, ``starting``, at the hour the
        person chose), while the app is open (a timer, not a wake lock: a computer asleep
        simply goes on later)."""
        self.resume_at = at
        self._starting = starting
        self._wait_timer.start()
        self.progress.show_waiting(True)
        self._tick()

    def _tick(self) -> None:
        if self.resume_at is None:
            return
        left = self.resume_at - time.time()
        if left > 0:
            waiting = (
                self.tr("Sending starts by itself at {0} (in {1}) while the app stays open.")
                if self._starting
                else self.tr(
                    "Today's limit is reached. The rest goes on by itself at {0} (in {1}) while "
                    "the app stays open; or close it and send again then."
                )
            )
            self.progress.show_result(waiting.format(clock(self.resume_at), duration(left)))
            return
        starting = self._starting
        self.stop_waiting()
        self.progress.note(
            self.tr("It is time: sending starts.")
            if starting
            else self.tr("The daily limit allows more now: sending goes on.")
        )
        self.start_send(now=True)

    def _edited_while_waiting(self) -> None:
        """The count typed was for the campaign as it stood: after an edit, nothing goes by
        itself until the person confirms again."""
        if self.resume_at is not None and not self.sending():
            self.stop_waiting()
            self.progress.note(
                self.tr(
                    "The campaign changed, so sending does not go on by itself; type the "
                    "number again to send."
                )
            )

    def stop_waiting(self) -> None:
        if self.resume_at is None:
            return
        self.resume_at = None
        self._wait_timer.stop()
        self.progress.show_waiting(False)
        self.progress.show_result("")

    def _send_failed(self, sentence: str) -> None:
        self._end_run()
        self.progress.note(sentence)
        self.progress.show_result(sentence)
        self.sendFailed.emit(sentence)

    def _end_run(self) -> None:
        self._flush()
        self._flush_timer.stop()
        self.sender = None
        self._update()
        self._refresh_window()

    def _refresh_window(self) -> None:
        """Ask the main window (if any) to redraw the step list with our status."""
        refresh = getattr(self.window(), "refresh_status", None)
        if callable(refresh) and self.window() is not self:
            refresh()

    # ---- after a run ------------------------------------------------------------------
    def resolve_in_doubt(self, keys: list[str], as_sent: bool) -> Job | None:
        """The person's decision for messages in doubt: send again, or mark as sent. Only a
        customer the campaign still goes to can be sent again."""
        plan = self.document.plan
        if self.document.path is None or self.sending() or plan is None:
            return None
        if not as_sent:
            chosen = {f.customer for f in plan.in_doubt if f.chosen}
            left = [k for k in keys if k not in chosen]
            keys = [k for k in keys if k in chosen]
            if left:
                self.progress.note(
                    self.tr(
                        "{0} of them are no longer in the list or are left out by the filter, "
                        "so they cannot be sent again; mark them as sent or leave them."
                    ).format(count(len(left), "{n} customer", "{n} customers"))
                )
            if not keys:
                return None
        job = self.worker.submit(_resolve, self.document.campaign, keys, as_sent)

        def done(changed: int) -> None:
            self.progress.note(
                self.tr("{0} marked as sent.").format(count(changed, "{n} message", "{n} messages"))
                if as_sent
                else self.tr("{0} will go again with the next Send.").format(
                    count(changed, "{n} message", "{n} messages")
                )
            )
            self.document.after_journal_change()

        job.then(done, self.progress.note)
        return job

    def _show_later(self) -> None:
        """The bounces and replies recorded so far (read in the worker, like the plan), read
        again only when the plan's count of them or the campaign changed."""
        doc = self.document
        plan = doc.plan
        key = (doc.path, tuple(sorted(plan.came_back.items())) if plan is not None else ())
        if key == self._later_shown:
            return
        self._later_shown = key
        if doc.path is None or plan is None or not plan.came_back:
            self.mailbox_box.show_later([])
            return
        job = self.worker.submit(report.later_in_the_mailbox, doc.campaign)
        job.then(self.mailbox_box.show_later, self.progress.note)

    def check_mailbox(self, sent_only: bool = False) -> Job | None:
        """Read the account's mailbox: messages in doubt looked up in Sent, and (unless
        ``sent_only``) bounces and replies. Nothing in the mailbox is changed."""
        account = self.account
        if self.document.path is None or self.sending() or account is None:
            return None
        if is_practice(account):
            self.progress.note(self.tr("The practice outbox has no mailbox to read."))
            return None
        secret = self.secret()
        if secret is None:
            return None
        self.mailbox_box.show_result(
            self.tr("Reading the mailbox of {0}\u2026").format(account.address)
        )
        job = self.worker.submit(
            _read_mailbox, self.document.campaign, account, secret, sent_only=sent_only
        )

        def read(sentence: str) -> None:
            self.mailbox_box.show_result(sentence)
            self.progress.note(sentence)
            self.document.after_journal_change()  # the new plan brings the list up to date

        def failed(sentence: str) -> None:
            if getattr(job.error, "field", None) == "password":
                sentence = self._refused_sign_in(sentence)
            self.mailbox_box.show_result(sentence)
            self.progress.note(sentence)

        job.then(read, failed)
        return job

    def correct_address(self, customer: str, address: str) -> bool:
        """A bounced address corrected: the next Send goes to the corrected one."""
        if not self.document.correct_address(customer, address):
            return False
        self.progress.note(
            self.tr("{0} is in the list now; Send goes to it after you type the count.").format(
                address
            )
        )
        return True

    def resend_failed(self) -> Job | None:
        """Send the failed messages again, and nothing else (after a yes that names them)."""
        plan = self.document.plan
        if self.document.path is None or plan is None or self.sending():
            return None
        keys = [f.customer for f in plan.of(Next.FAILED) if f.chosen]
        if not self.document.sendable():  # e.g. the apology changed since its test
            blockers = self.document.blockers()
            self.progress.show_result(blockers[0].sentence if blockers else "")
            return None
        if not keys:
            self.progress.note(
                self.tr("The failed messages are for customers no longer in the list.")
            )
            return None
        if not self.ask_yes(
            self.tr("Send the {0} again, to those customers only?").format(
                count(len(keys), "{n} failed message", "{n} failed messages")
            )
        ):
            return None
        job = self.worker.submit(_requeue_failed, self.document.campaign, keys)

        def queued(_n: int) -> None:
            self.start_send(only=keys)

        job.then(queued, self.progress.note)
        return job

    def ask_yes(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Resend failed only"), question)
        return answer == QMessageBox.StandardButton.Yes

    def choose_report_file(self) -> None:
        doc = self.document
        folder = doc.path.parent if doc.path else Path.home()
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the delivery report"),
            str(folder / f"{doc.path.stem if doc.path else 'apology'}-report.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV file (*.csv)"),
        )
        if chosen:
            self.export_report(Path(chosen))

    def export_report(self, target: Path) -> Job | None:
        """Write one row per customer (state, why, attempts, server reply...)."""
        if self.document.path is None:
            return None
        job = self.worker.submit(_export, self.document.campaign.snapshot(), Path(target))
        job.then(
            lambda n: self.progress.note(
                self.tr("Delivery report with %Ln rows saved to {0}.", "", n).format(target)
            ),
            self.progress.note,
        )
        return job

    # ---- the end ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop a run (after the messages in flight) and the practice outbox; on quit."""
        if self.sender is not None:
            self.sender.cancel()
        self._flush_timer.stop()
        self.account_box.shutdown()

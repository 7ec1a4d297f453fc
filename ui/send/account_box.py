"""Which mailbox sends the apology: a saved account, or the practice outbox.

The choice goes to the Document, which applies the engine's rule for the sender (the apology is
from the account's own address); the box keeps the password typed this session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer import accounts, language
from composer.accounts import Account, Secret
from composer.errors import ComposerError
from composer.outbox import PRACTICE_NAME, PracticeOutbox, is_practice, practice_account
from composer.paths import data_dir
from ui.worker import Worker

PRACTICE_SECRET = "practice"  # the practice outbox accepts any password; this is no secret


class AccountBox(QGroupBox):
    """``accountChosen(account)`` whenever the sending account changes."""

    accountChosen = Signal(object)

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("1. Send from"), parent)
        self.worker = worker
        self.outbox: PracticeOutbox | None = None
        self.account: Account | None = None
        self.secret: Secret | None = None
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Send from"))
        self.combo.activated.connect(self._picked)
        self.edit_button = QPushButton(self.tr("&Add or change account\u2026"))
        self.edit_button.setAccessibleName(self.tr("Add or change account"))
        self.edit_button.clicked.connect(self.edit_account)
        self.outbox_button = QPushButton(self.tr("&Open practice outbox"))
        self.outbox_button.setAccessibleName(self.tr("Open practice outbox"))
        self.outbox_button.clicked.connect(self.open_outbox)
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.combo, 1)
        row.addWidget(self.edit_button)
        row.addWidget(self.outbox_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)

    # ---- choosing ---------------------------------------------------------------------
    def _saved_accounts(self) -> list[Account]:
        try:
            return accounts.list_accounts()
        except ComposerError as e:
            self._say(str(e))
            return []

    def fill(self, select: str | None) -> None:
        """List the practice outbox and every saved account; select ``select`` (a name)."""
        self.combo.clear()
        self.combo.addItem(language._(PRACTICE_NAME), PRACTICE_NAME)
        for account in self._saved_accounts():
            self.combo.addItem(f"{account.display_name} <{account.address}>", account.name)
        index = self.combo.findData(select) if select else 0
        self.combo.setCurrentIndex(max(0, index))

    def choose(self, wanted: str | None) -> None:
        """The campaign's saved account if it exists here, else the practice outbox."""
        self.fill(wanted)
        self._picked(self.combo.currentIndex())
        if wanted and wanted != PRACTICE_NAME and self.combo.currentData() != wanted:
            # e.g. a campaign opened on another computer: say so, or "Send these again"
            # would quietly go to the practice outbox instead of the customers
            self._say(
                self.tr(
                    "This campaign sends from the mail account \u201c{0}\u201d, which is not "
                    "set up on this computer, so the practice outbox is chosen for now. Add "
                    "that account with \u201cAdd or change account\u2026\u201d before you send "
                    "for real."
                ).format(wanted)
            )

    def _picked(self, _index: int) -> None:
        name = self.combo.currentData()
        if name == PRACTICE_NAME or name is None:
            self.use_practice_outbox()
            return
        try:
            account = accounts.get(name)
        except ComposerError as e:
            self._say(str(e))
            return
        from ui.account_dialog import session_secret

        self.use(account, session_secret(account))

    def use_practice_outbox(self) -> None:
        """Send into the built-in practice outbox (started on first use)."""
        if self.outbox is None or not self.outbox.running:
            self.outbox = PracticeOutbox(data_dir() / "practice-outbox")
        self.use(practice_account(self.outbox), PRACTICE_SECRET)

    def use(self, account: Account, secret: Secret | None) -> None:
        self.account = account
        self.secret = secret
        if self.combo.currentData() != account.name:
            if self.combo.findData(account.name) < 0:
                self.combo.addItem(f"{account.display_name} <{account.address}>", account.name)
            self.combo.setCurrentIndex(self.combo.findData(account.name))
        practice = is_practice(account)
        self.outbox_button.setVisible(practice)
        if practice:
            self._say(
                self.tr(
                    "Practice: messages go to an outbox on this computer, not to your customers. "
                    "Open it to read what each customer would get. To send for real, add your "
                    "own mail account."
                )
            )
        else:
            through = {
                "graph": self.tr("Microsoft Graph"),
                "gmail": self.tr("the Gmail API"),
            }.get(account.transport, account.host)
            self._say(
                self.tr("Messages go out from {0} through {1}.").format(account.address, through)
            )
        self.accountChosen.emit(account)

    def edit_account(self) -> None:
        """Open the account dialog; a saved account replaces the current one."""
        from ui.account_dialog import AccountDialog

        current = None if is_practice(self.account) else self.account
        dialog = AccountDialog(self.worker, current, self)
        if dialog.exec() and dialog.account is not None:
            self.fill(dialog.account.name)
            self.use(dialog.account, dialog.secret)

    def open_outbox(self) -> None:
        from ui.outbox_viewer import OutboxViewer

        if self.outbox is None:
            return
        viewer = OutboxViewer(self.outbox.folder, self.outbox.messages, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        self.viewer = viewer

    def forget_secret(self) -> None:
        """The server refused the password: forget it everywhere, it is asked for anew."""
        from ui.account_dialog import forget_for_session

        if self.account is not None and not is_practice(self.account):
            accounts.forget_rejected_secret(self.account)
            forget_for_session(self.account)
            self.secret = None

    def _say(self, sentence: str) -> None:
        self.note.setText(sentence)
        self.note.setAccessibleName(sentence)

    def lock(self, sending: bool) -> None:
        self.combo.setEnabled(not sending)
        self.edit_button.setEnabled(not sending)

    def shutdown(self) -> None:
        if self.outbox is not None:
            self.outbox.stop()

"""The account dialog: the mailbox apologies are sent from, in one small form.

Why: a shop owner knows their address, not their provider's SMTP host. As the address is typed
the provider preset fills in the server, port and security (all still editable) and says in
one sentence which password the provider wants. "Test connection" runs the engine's own test
and shows each step in plain words; Save keeps the settings with composer.accounts and the
password only in the system keyring (or, where there is none, in memory for this session).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from composer import accounts
from ui.widgets import show_value
from ui.worker import Job, Worker

CUSTOM = "custom"

# secrets typed this session for accounts whose password could not be kept in a keyring
_session_secrets: dict[str, str] = {}


def session_secret(account: accounts.Account) -> str | None:
    """The password for ``account``: from the keyring, else the one typed this session."""
    return accounts.get_secret(account) or _session_secrets.get(account.address.casefold())


def remember_for_session(account: accounts.Account, secret: str) -> None:
    _session_secrets[account.address.casefold()] = secret


def forget_for_session(account: accounts.Account) -> None:
    _session_secrets.pop(account.address.casefold(), None)


class AccountDialog(QDialog):
    """Add or edit a sending account. After ``exec()``: ``account`` and ``secret``."""

    def __init__(
        self,
        worker: Worker,
        account: accounts.Account | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.account: accounts.Account | None = None
        self.secret: str = ""
        self._job: Job | None = None
        self._provider_chosen_by_hand = account is not None
        self.setWindowTitle(self.tr("Your mail account"))
        self.setAccessibleName(self.tr("Your mail account"))
        self._build()
        self._fill_providers()
        if account is not None:
            self._load(account)
        else:
            self.provider.setCurrentIndex(self.provider.findData(CUSTOM))
            self._apply_preset(CUSTOM)
        self._update()

    # ---- form ------------------------------------------------------------------------
    def _build(self) -> None:
        tr = self.tr
        intro = QLabel(
            tr(
                "Apologies are sent from your own mailbox, one customer at a time. Type your "
                "address; the server settings fill in by themselves."
            )
        )
        intro.setWordWrap(True)

        self.display_name = QLineEdit()
        self.display_name.setAccessibleName(tr("Your name, as customers will see it"))
        self.display_name.setPlaceholderText(tr("e.g. Sam from Juniper & Oak"))
        self.address = QLineEdit()
        self.address.setAccessibleName(tr("Your e-mail address"))
        self.address.setPlaceholderText(tr("you@yourshop.com"))
        self.address.textChanged.connect(self._address_typed)
        self.provider = QComboBox()
        self.provider.setAccessibleName(tr("Mail provider"))
        self.provider.activated.connect(self._provider_picked)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(tr("What password to use"))
        self.host = QLineEdit()
        self.host.setAccessibleName(tr("Mail server (SMTP)"))
        self.host.setPlaceholderText(tr("smtp.yourprovider.com"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setAccessibleName(tr("Port"))
        self.security = QComboBox()
        self.security.setAccessibleName(tr("Security"))
        for key, label in (
            ("starttls", tr("STARTTLS (usually port 587)")),
            ("tls", tr("TLS (usually port 465)")),
            ("none", tr("None (only for a server on this computer)")),
        ):
            self.security.addItem(label, key)
        self.username = QLineEdit()
        self.username.setAccessibleName(tr("User name"))
        self.username.setPlaceholderText(tr("usually your e-mail address"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("Password or app password"))
        self.daily_cap = QSpinBox()
        self.daily_cap.setRange(0, 1_000_000)
        self.daily_cap.setSpecialValueText(tr("no limit"))
        self.daily_cap.setAccessibleName(tr("Messages a day at most"))
        self.name = QLineEdit()
        self.name.setAccessibleName(tr("Short name for this account"))
        self.name.setPlaceholderText(tr("the address, unless you name it"))
        for field in (self.address, self.host, self.username, self.password, self.name):
            field.textChanged.connect(self._update)

        form = QFormLayout()
        form.addRow(tr("Your &name:"), self.display_name)
        form.addRow(tr("E-mail &address:"), self.address)
        form.addRow(tr("&Provider:"), self.provider)
        form.addRow(self.hint)
        form.addRow(tr("&Password:"), self.password)
        form.addRow(tr("&Server:"), self.host)
        form.addRow(tr("P&ort:"), self.port)
        form.addRow(tr("Se&curity:"), self.security)
        form.addRow(tr("&User name:"), self.username)
        form.addRow(tr("&Daily limit:"), self.daily_cap)
        form.addRow(tr("Account &label:"), self.name)

        self.test_button = QPushButton(tr("&Test connection"))
        self.test_button.setAccessibleName(tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.steps = QListWidget()
        self.steps.setAccessibleName(tr("Connection test results"))
        self.steps.setMaximumHeight(130)
        self.steps.setWordWrap(True)  # long server replies wrap instead of scrolling sideways
        self.steps.setVisible(False)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(tr("Connection test verdict"))
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setAccessibleName(tr("Where the password is kept"))
        ok, sentence = accounts.keyring_available()
        self._keyring_ok = ok
        self.keyring_note.setText(
            sentence
            if ok
            else tr(
                "This computer has no password store, so the password is not saved: the app "
                "will ask for it once each session."
            )
        )

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.steps)
        layout.addWidget(self.verdict)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)

    def _fill_providers(self) -> None:
        for key, preset in accounts.presets().items():
            self.provider.addItem(preset.label, key)
        if self.provider.findData(CUSTOM) < 0:
            self.provider.addItem(self.tr("Other (enter the server yourself)"), CUSTOM)

    def _load(self, account: accounts.Account) -> None:
        self.display_name.setText(account.display_name)
        self.address.setText(account.address)
        index = self.provider.findData(account.provider)
        self.provider.setCurrentIndex(index if index >= 0 else self.provider.findData(CUSTOM))
        self._show_hint(account.provider)
        self.host.setText(account.host)
        self.port.setValue(account.port)
        self.security.setCurrentIndex(max(0, self.security.findData(account.security)))
        self.username.setText(account.username)
        self.daily_cap.setValue(account.daily_cap or 0)
        self.name.setText(account.name)
        self._rate = account.rate
        self._max_connections = account.max_connections
        self.password.setText(session_secret(account) or "")

    # ---- presets ---------------------------------------------------------------------
    def _address_typed(self, text: str) -> None:
        if self._provider_chosen_by_hand:
            return
        preset = accounts.preset_for_address(text)
        key = preset.key if preset is not None else CUSTOM
        if self.provider.currentData() != key:
            self.provider.setCurrentIndex(self.provider.findData(key))
            self._apply_preset(key)
        if not self.username.isModified():
            self.username.setText(text.strip())

    def _provider_picked(self, _index: int) -> None:
        self._provider_chosen_by_hand = True
        self._apply_preset(self.provider.currentData())

    def _apply_preset(self, key: str) -> None:
        preset = accounts.presets().get(key)
        self._rate = preset.rate if preset else None
        self._max_connections = preset.max_connections if preset else None
        if preset is not None:
            if preset.host or key == CUSTOM:
                self.host.setText(preset.host or "")
            self.port.setValue(preset.port)
            self.security.setCurrentIndex(max(0, self.security.findData(preset.security)))
            self.daily_cap.setValue(preset.daily_cap or 0)
        self._show_hint(key)
        self._update()

    def _preset(self) -> accounts.Preset | None:
        return accounts.presets().get(self.provider.currentData())

    def _show_hint(self, key: str) -> None:
        preset = accounts.presets().get(key)
        if preset is None:
            self.hint.setText(self.tr("Ask your provider for its SMTP server, port and security."))
        elif not preset.password_sign_in:
            self.hint.setText(
                self.tr(
                    "{0} needs Microsoft sign-in, which is not available yet: its servers no "
                    "longer accept passwords from mail programs. Use another mailbox for now."
                ).format(preset.label)
            )
        else:
            self.hint.setText(preset.password_hint)
        self.hint.updateGeometry()

    # ---- the account -----------------------------------------------------------------
    def current_account(self) -> accounts.Account:
        """The account as the form stands (not checked, not saved): the engine's account for
        the chosen provider (its sign-in kind and limits), with what the person typed."""
        key = self.provider.currentData() or CUSTOM
        base = accounts.account_from_preset(
            key,
            self.address.text(),
            self.display_name.text(),
            name=self.name.text().strip() or None,
        )
        return dataclasses.replace(
            base,
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self.security.currentData(),
            username=self.username.text().strip(),
            daily_cap=self.daily_cap.value() or None,
            rate=getattr(self, "_rate", base.rate),
            max_connections=getattr(self, "_max_connections", base.max_connections),
        )

    def _problem(self) -> str:
        """Why the form cannot be tested or saved yet ("" when it can)."""
        preset = self._preset()
        if preset is not None and not preset.password_sign_in:
            return self.hint.text()
        try:
            accounts.validate_account(self.current_account())
        except accounts.AccountError as e:
            return str(e)
        if not self.password.text():
            return self.tr("Type the password (or app password) for this mailbox.")
        return ""

    def _update(self, *_: Any) -> None:
        problem = self._problem()
        running = self._job is not None
        self.test_button.setEnabled(not problem and not running)
        self.save_button.setEnabled(not problem and not running)
        if problem and self.address.text().strip():
            self._say(problem)
        elif not running and not self.steps.isVisible():
            self._say("")

    def test_connection(self) -> Job | None:
        """Connect, secure, sign in and out with the engine; each step shown as it reports."""
        if self._problem():
            return None
        from composer import connection

        account = self.current_account()
        self.steps.clear()
        self.steps.setVisible(True)
        self._say(self.tr("Testing\u2026"))
        self._job = self.worker.submit(connection.test_account, account, self.password.text())
        self._job.then(self._tested, self._test_failed)
        self._job.finished.connect(self._test_over)
        self._update()
        return self._job

    def _tested(self, steps: list[tuple[str, bool, str]]) -> None:
        style = self.style()
        good = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        bad = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        for step, ok, detail in steps:
            item = QListWidgetItem(good if ok else bad, f"{step}: {detail}")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.steps.addItem(item)
        if steps and all(ok for _, ok, _ in steps):
            self._say(self.tr("The account works: messages can be sent from it."))
        else:
            failed = next((detail for _, ok, detail in steps if not ok), "")
            self._say(self.tr("The account does not work yet. {0}").format(failed))
            bad_row = next((i for i, (_, ok, _) in enumerate(steps) if not ok), None)
            if bad_row is not None:
                self.steps.scrollToItem(self.steps.item(bad_row))  # the failed step in view
        # grow to fit the results, so the password hint above is not squeezed and cut off
        self.adjustSize()

    def _test_failed(self, sentence: str) -> None:
        self._say(sentence)

    def _test_over(self) -> None:
        self._job = None
        self._update()

    def _say(self, sentence: str) -> None:
        """The verdict line, heard by a screen reader too."""
        show_value(self.verdict, self.tr("Connection test verdict"), sentence)

    def save(self) -> None:
        """Keep the settings, and the password in the keyring (or for this session)."""
        problem = self._problem()
        if problem:
            self._say(problem)
            return
        try:
            account = accounts.save(self.current_account())
        except accounts.AccountError as e:
            self._say(str(e))
            return
        secret = self.password.text()
        remember_for_session(account, secret)
        if self._keyring_ok:
            try:
                accounts.store_secret(account, secret)
            except accounts.KeyringUnavailable as e:
                self.keyring_note.setText(str(e))
        self.account = account
        self.secret = secret
        self.accept()

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        super().reject()

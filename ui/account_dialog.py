"""The account dialog: the mailbox apologies are sent from, in one small form.

Why: a shop owner knows their address, not their provider's SMTP host. As the address is typed
the provider preset fills in the server, port and security (all still editable) and says in
one sentence which password the provider wants. Where the address belongs to Microsoft
(Outlook.com, or a domain whose mail goes to Microsoft 365) or Google, the dialog offers
"Sign in with Microsoft/Google" instead of a password (the browser does the rest; for Google an
app password stays possible). A sending service (Amazon SES, Postmark, Mailgun, SendGrid,
Brevo), for more mail than a mailbox allows, is chosen by hand under Provider: the line below
says which key to paste and what a new account may send, a Region list picks the server where
the service has several, and its limits fill in as defaults to change. "Test connection" runs
the engine's own test and shows each step in plain words; Save keeps the settings with
composer.accounts and the password (or the sign-in) only in the system keyring (or, where there
is none, in memory for this session).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
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

from composer import accounts, imap, language, signin
from composer.accounts import Secret
from ui.widgets import show_value
from ui.worker import Job, Worker

CUSTOM = "custom"

# secrets of this session: passwords that could not be kept in a keyring, and the sign-ins
# (whose access tokens live in memory only)
_session_secrets: dict[str, Secret] = {}


def session_secret(account: accounts.Account) -> Secret | None:
    """The password for ``account``: from the keyring, else the one typed this session. For
    an account that signs in with Microsoft or Google: its sign-in, or None when there is none."""
    key = account.address.casefold()
    if account.auth == "oauth2":
        held = _session_secrets.get(key)
        if isinstance(held, signin.Tokens) and held.account == account:
            return held
        try:
            tokens = accounts.tokens_for(account)
        except accounts.AccountError:
            return held if isinstance(held, signin.Tokens) else None
        _session_secrets[key] = tokens
        return tokens
    return accounts.get_secret(account) or _session_secrets.get(key)


def remember_for_session(account: accounts.Account, secret: Secret) -> None:
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
        self.secret: Secret = ""
        self._job: Job | None = None
        self._provider_chosen_by_hand = account is not None
        self._tokens: signin.Tokens | None = None  # the sign-in done in this dialog
        self._offer: str | None = None  # "microsoft" / "google": the sign-in this address gets
        self._use_password = False  # a Google address with an app password instead
        self._transport = account.transport if account is not None else "smtp"
        self._offer_timer = QTimer(self)
        self._offer_timer.setSingleShot(True)
        self._offer_timer.setInterval(400)  # look the domain up once typing pauses
        self._offer_timer.timeout.connect(self._look_up_offer)
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
        intro = QLabel(
            self.tr(
                "Apologies are sent from your own mailbox, one customer at a time. Type your "
                "address; the server settings fill in by themselves. For more mail than your "
                "mailbox allows, choose a sending service under Provider."
            )
        )
        intro.setWordWrap(True)

        self.display_name = QLineEdit()
        self.display_name.setAccessibleName(self.tr("Your name, as customers will see it"))
        self.display_name.setPlaceholderText(self.tr("e.g. Sam from Juniper & Oak"))
        self.address = QLineEdit()
        self.address.setAccessibleName(self.tr("Your e-mail address"))
        self.address.setPlaceholderText(self.tr("you@yourshop.com"))
        self.address.textChanged.connect(self._address_typed)
        self.provider = QComboBox()
        self.provider.setAccessibleName(self.tr("Mail provider"))
        self.provider.activated.connect(self._provider_picked)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(self.tr("What password to use"))
        self.region = QComboBox()
        self.region.setAccessibleName(self.tr("Region"))
        self.region.activated.connect(self._region_picked)
        self.host = QLineEdit()
        self.host.setAccessibleName(self.tr("Mail server (SMTP)"))
        self.host.setPlaceholderText(self.tr("smtp.yourprovider.com"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setAccessibleName(self.tr("Port"))
        self.security = QComboBox()
        self.security.setAccessibleName(self.tr("Security"))
        for key, label in (
            ("starttls", self.tr("STARTTLS (usually port 587)")),
            ("tls", self.tr("TLS (usually port 465)")),
            ("none", self.tr("None (only for a server on this computer)")),
        ):
            self.security.addItem(label, key)
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("User name"))
        self.username.setPlaceholderText(self.tr("usually your e-mail address"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password or app password"))
        self.sign_in_button = QPushButton()
        self.sign_in_button.clicked.connect(self.sign_in)
        self.sign_in_state = QLabel()
        self.sign_in_state.setWordWrap(True)
        self.sign_in_state.setAccessibleName(self.tr("Sign-in"))
        self.password_instead = QPushButton(self.tr("Use an app &password instead"))
        self.password_instead.setAccessibleName(self.tr("Use an app password instead"))
        self.password_instead.setFlat(True)
        self.password_instead.clicked.connect(self._toggle_password)
        self.graph_button = QPushButton(self.tr("Send through Microsoft &Graph instead"))
        self.graph_button.setAccessibleName(self.tr("Send through Microsoft Graph instead"))
        self.graph_button.clicked.connect(self.use_graph)
        self.graph_button.setVisible(False)
        sign_in_row = QWidget()
        sign_in_layout = QVBoxLayout(sign_in_row)
        sign_in_layout.setContentsMargins(0, 0, 0, 0)
        sign_in_layout.addWidget(self.sign_in_button)
        sign_in_layout.addWidget(self.sign_in_state)
        sign_in_layout.addWidget(self.password_instead)
        self.sign_in_row = sign_in_row
        self.daily_cap = QSpinBox()
        self.daily_cap.setRange(0, 1_000_000)
        self.daily_cap.setSpecialValueText(self.tr("no limit"))
        self.daily_cap.setAccessibleName(self.tr("Messages a day at most"))
        self.rate = QSpinBox()
        self.rate.setRange(0, 100_000)
        self.rate.setSpecialValueText(self.tr("no limit"))
        self.rate.setSuffix(self.tr(" a minute"))
        self.rate.setAccessibleName(self.tr("Messages a minute at most"))
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Short name for this account"))
        self.name.setPlaceholderText(self.tr("the address, unless you name it"))
        for field in (self.address, self.host, self.username, self.password, self.name):
            field.textChanged.connect(self._update)
        self.host.textEdited.connect(self._host_typed)

        form = QFormLayout()
        self.form = form
        form.addRow(self.tr("Your &name:"), self.display_name)
        form.addRow(self.tr("E-mail &address:"), self.address)
        form.addRow(self.tr("&Provider:"), self.provider)
        form.addRow(self.hint)
        form.addRow(self.tr("R&egion:"), self.region)
        form.addRow(self.tr("Sign-in:"), self.sign_in_row)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Server:"), self.host)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("Se&curity:"), self.security)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Daily limit:"), self.daily_cap)
        form.addRow(self.tr("Rate li&mit:"), self.rate)
        form.addRow(self.tr("Account &label:"), self.name)

        # where bounces and replies are read (and copies filed in Sent): IMAP, same sign-in
        self.mailbox = QGroupBox(self.tr("Mailbox (for bounces and replies)"))
        self.mailbox.setAccessibleName(self.tr("Mailbox (for bounces and replies)"))
        self.imap_host = QLineEdit()
        self.imap_host.setAccessibleName(self.tr("Mailbox server (IMAP)"))
        self.imap_host.setPlaceholderText(self.tr("imap.yourprovider.com"))
        self.imap_port = QSpinBox()
        self.imap_port.setRange(1, 65535)
        self.imap_port.setAccessibleName(self.tr("Mailbox port"))
        self.imap_security = QComboBox()
        self.imap_security.setAccessibleName(self.tr("Mailbox security"))
        for key, label in (
            ("tls", self.tr("TLS (usually port 993)")),
            ("starttls", self.tr("STARTTLS (usually port 143)")),
        ):
            self.imap_security.addItem(label, key)
        self.imap_host.textChanged.connect(self._update)
        mailbox_form = QFormLayout(self.mailbox)
        mailbox_form.addRow(self.tr("Ser&ver:"), self.imap_host)
        mailbox_form.addRow(self.tr("Po&rt:"), self.imap_port)
        mailbox_form.addRow(self.tr("Securit&y:"), self.imap_security)

        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setAccessibleName(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.steps = QListWidget()
        self.steps.setAccessibleName(self.tr("Connection test results"))
        self.steps.setMaximumHeight(130)
        self.steps.setWordWrap(True)  # long server replies wrap instead of scrolling sideways
        self.steps.setVisible(False)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(self.tr("Connection test verdict"))
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setAccessibleName(self.tr("Where the password is kept"))
        self._keyring_ok, self._keyring_says = accounts.keyring_available()
        self.keyring_note.setText(self._keyring_sentence(False))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save_text = self.save_button.text()
        self._tried: tuple[accounts.Account, str] | None = None  # the form the last test tried
        self._failed_with: tuple[accounts.Account, str] | None = None  # ... if it failed
        self.security.currentIndexChanged.connect(self._update)  # Postmark has no TLS port

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.mailbox)
        layout.addWidget(self.steps)
        layout.addWidget(self.graph_button)
        layout.addWidget(self.verdict)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)

    def _fill_providers(self) -> None:
        relays = False
        for key, preset in accounts.presets().items():
            if preset.relay and not relays:  # a line between the mailboxes and the services
                self.provider.insertSeparator(self.provider.count())
                relays = True
            self.provider.addItem(preset.name, key)
        if self.provider.findData(CUSTOM) < 0:
            self.provider.addItem(self.tr("Other (enter the server yourself)"), CUSTOM)

    def _load(self, account: accounts.Account) -> None:
        self.display_name.setText(account.display_name)
        self.address.setText(account.address)
        index = self.provider.findData(account.provider)
        self.provider.setCurrentIndex(index if index >= 0 else self.provider.findData(CUSTOM))
        self._show_hint(account.provider)
        self._show_regions(account.provider, account.host)
        self.host.setText(account.host)
        self.port.setValue(account.port)
        self.security.setCurrentIndex(max(0, self.security.findData(account.security)))
        self.username.setText(account.username)
        self.daily_cap.setValue(account.daily_cap or 0)
        self.rate.setValue(account.rate or 0)
        self.name.setText(account.name)
        mailbox = imap.settings_for(account)
        preset = accounts.presets().get(account.provider)
        self._show_mailbox(
            account.imap_host or (preset.imap_host if preset else None),
            mailbox.port,
            mailbox.security,
        )
        self._max_connections = account.max_connections
        held = session_secret(account)
        if account.auth == "oauth2":
            self._offer = signin.provider_of(account)
            self._tokens = held if isinstance(held, signin.Tokens) else None
        else:
            self._use_password = signin.offered_for(account.provider) is not None
            self.password.setText(held if isinstance(held, str) else "")
        self._show_sign_in()

    # ---- presets ---------------------------------------------------------------------
    def _address_typed(self, text: str) -> None:
        if self._provider_chosen_by_hand:
            return
        self._offer_timer.start()
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
        self._max_connections = preset.max_connections if preset else None
        self._show_regions(key, preset.host if preset else None)
        if preset is not None:
            if preset.host or key == CUSTOM:
                self.host.setText(preset.host or "")
            self.port.setValue(preset.port)
            self.security.setCurrentIndex(max(0, self.security.findData(preset.security)))
            self.daily_cap.setValue(preset.daily_cap or 0)
            self.rate.setValue(preset.rate or 0)
            self._show_mailbox(preset.imap_host, preset.imap_port, preset.imap_security)
            if preset.username is not None:  # a sending service's own user name, or none yet
                self.username.setText(preset.username)
            self.username.setPlaceholderText(
                self.tr("the SMTP user name your sending service gave you")
                if preset.username == ""
                else self.tr("usually your e-mail address")
            )
        self._show_hint(key)
        self._offer = signin.offered_for(key)
        self._show_sign_in()
        self._update()

    def _show_regions(self, key: str, host: str | None) -> None:
        """The Region row for a sending service with several (Amazon SES, Mailgun), showing
        the one whose server is ``host`` (none chosen for a server typed by hand)."""
        preset = accounts.presets().get(key)
        regions = preset.regions if preset is not None else ()
        self.region.clear()
        for region in regions:
            self.region.addItem(region.name, region.key)
        chosen = preset.region_of(host or "") if preset is not None else None
        self.region.setCurrentIndex(self.region.findData(chosen.key) if chosen else -1)
        self.form.setRowVisible(self.region, bool(regions))

    def _host_typed(self, host: str) -> None:
        """A server typed by hand: the region it belongs to, or none."""
        preset = self._preset()
        chosen = preset.region_of(host) if preset is not None else None
        self.region.setCurrentIndex(self.region.findData(chosen.key) if chosen else -1)

    def _region_picked(self, _index: int) -> None:
        preset = self._preset()
        if preset is not None and self.region.currentData() is not None:
            self.host.setText(preset.region(self.region.currentData()).host)

    def _show_mailbox(self, host: str | None, port: int, security: str) -> None:
        self.imap_host.setText(host or "")
        self.imap_port.setValue(port)
        self.imap_security.setCurrentIndex(max(0, self.imap_security.findData(security)))

    def _look_up_offer(self) -> None:
        """Where the domain's mail goes (its MX), for a domain without a preset of its own."""
        address = self.address.text().strip()
        if self._provider_chosen_by_hand or self.provider.currentData() != CUSTOM:
            return
        if "@" not in address or "." not in address.rpartition("@")[2]:
            return
        from composer import domains

        self.worker.submit(domains.sign_in_offer, address, key="account-offer").then(
            lambda offer: self._offered(address, offer), lambda _sentence: None
        )

    def _offered(self, address: str, offer: Any) -> None:
        if address != self.address.text().strip() or self._provider_chosen_by_hand:
            return  # typed on meanwhile, or chosen by hand
        if offer.preset is not None and self.provider.currentData() == CUSTOM:
            self.provider.setCurrentIndex(self.provider.findData(offer.preset))
            self._apply_preset(offer.preset)
        if offer.reason:
            self.hint.setText(offer.reason)
            self._fit_hint()

    # ---- signing in --------------------------------------------------------------------
    def _signing_in(self) -> bool:
        """True when this account signs in with its provider rather than a password."""
        if self._offer is None:
            return False
        preset = self._preset()
        if preset is not None and not preset.password_sign_in:
            return True  # Outlook.com takes no password at all
        # an app password where the person chose it, or where this copy cannot sign in
        return not self._use_password and signin.available(self._offer)

    def _show_sign_in(self) -> None:
        """The sign-in button for Microsoft/Google addresses, the password field otherwise;
        the server rows only where SMTP is spoken."""
        oauth = self._signing_in()
        self.form.setRowVisible(self.sign_in_row, self._offer is not None)
        self.form.setRowVisible(self.password, not oauth)
        smtp = not oauth or self._current_transport() == "smtp"
        for field in (self.host, self.port, self.security, self.username):
            self.form.setRowVisible(field, smtp)
        self._show_hint(self.provider.currentData())
        self.keyring_note.setText(self._keyring_sentence(oauth))
        if self._offer is None:
            return
        label = signin.LABELS[self._offer]
        self.sign_in_button.setText(self.tr("&Sign in with {0}…").format(label))
        self.sign_in_button.setAccessibleName(self.tr("Sign in with {0}").format(label))
        self.sign_in_button.setVisible(oauth)
        preset = self._preset()
        can_use_password = preset is not None and preset.password_sign_in
        self.password_instead.setVisible(can_use_password and signin.available(self._offer))
        self.password_instead.setText(
            self.tr("Use an app &password instead")
            if oauth
            else self.tr("&Sign in with {0} instead").format(label)
        )
        self.password_instead.setAccessibleName(self.password_instead.text().replace("&", ""))
        if not signin.available(self._offer):
            self.sign_in_button.setEnabled(False)
            self.sign_in_state.setText(
                self.tr(
                    "Sign-in with {0} is not set up in this copy of Apology Composer yet; ask "
                    "whoever installed it (see docs/sign-in.md)."
                ).format(label)
                + (" " + self.tr("Until then, an app password works.") if can_use_password else "")
            )
        elif not oauth:
            self.sign_in_state.setText("")
        elif self._signed_in():
            self.sign_in_button.setEnabled(True)
            self.sign_in_state.setText(
                self.tr("Signed in as {0}. No password is kept, only the sign-in.").format(
                    self.address.text().strip()
                )
            )
        else:
            self.sign_in_button.setEnabled(True)
            self.sign_in_state.setText(
                self.tr(
                    "Your browser opens {0}'s own sign-in page; Apology Composer never sees "
                    "your password."
                ).format(label)
            )
        self.sign_in_state.setAccessibleName(self.sign_in_state.text() or self.tr("Sign-in"))

    def _keyring_sentence(self, oauth: bool) -> str:
        """Where the password (or the sign-in) is kept, or why it is not."""
        if self._keyring_ok:
            return self._keyring_says
        if oauth:
            return self.tr(
                "This computer has no password store, so the sign-in is not kept: you sign in "
                "again once each session."
            )
        return self.tr(
            "This computer has no password store, so the password is not saved: the app will "
            "ask for it once each session."
        )

    def _toggle_password(self) -> None:
        self._use_password = not self._use_password
        self._show_sign_in()
        self._update()

    def _signed_in(self) -> bool:
        tokens = self._tokens
        return tokens is not None and (
            tokens.account.address.casefold() == self.address.text().strip().casefold()
            and signin.scope_of(tokens.account) == signin.scope_of(self.current_account())
        )

    def _current_transport(self) -> str:
        if self._offer == signin.GOOGLE:
            return "gmail"
        return self._transport if self._offer == signin.MICROSOFT else "smtp"

    def sign_in(self) -> Job | None:
        """Open the provider's sign-in in the browser (the engine waits for it off the GUI
        thread); the dialog keeps the outcome until Save."""
        if self._offer is None or self._job is not None:
            return None
        account = self.current_account()
        self.sign_in_state.setText(
            self.tr("Waiting for you to sign in in your browser… (Cancel stops waiting)")
        )
        self._job = self.worker.submit(
            signin.sign_in,
            self._offer,
            account.address,
            scope=signin.scope_of(account),
            key="account-sign-in",
        )
        self._job.then(lambda grant: self._signed(account, grant), self._sign_in_failed)
        self._job.finished.connect(self._test_over)
        self._update()
        return self._job

    def _signed(self, account: accounts.Account, grant: signin.Grant) -> None:
        self._grant = grant
        self._tokens = signin.Tokens.from_grant(account, grant)
        self.graph_button.setVisible(False)
        self._show_sign_in()
        self._say("")

    def _sign_in_failed(self, sentence: str) -> None:
        self.sign_in_state.setText(sentence)
        self.sign_in_state.setAccessibleName(sentence)
        link = getattr(self._job.error if self._job else None, "admin_link", None)
        if link:
            self.sign_in_state.setText(
                sentence
                + " "
                + self.tr("Your administrator can approve it at {0}").format(
                    f'<a href="{link}">{link}</a>'
                )
            )
            self.sign_in_state.setTextFormat(Qt.TextFormat.RichText)
            self.sign_in_state.setOpenExternalLinks(True)

    def use_graph(self) -> Job | None:
        """SMTP sign-in is off for this organisation: send through Microsoft Graph (a
        sign-in of its own, for sending mail)."""
        self._transport = "graph"
        self.graph_button.setVisible(False)
        self._show_sign_in()
        return self.sign_in()

    def _preset(self) -> accounts.Preset | None:
        return accounts.presets().get(self.provider.currentData())

    def _show_hint(self, key: str) -> None:
        preset = accounts.presets().get(key)
        if preset is not None and preset.password_sign_in and self._signing_in():
            self.hint.setText(
                self.tr(
                    "Sign in with {0} below; an app password also works (choose it below)."
                ).format(signin.LABELS[self._offer or signin.MICROSOFT])
            )
        elif preset is None:
            self.hint.setText(self.tr("Ask your provider for its SMTP server, port and security."))
        elif not preset.password_sign_in:
            self.hint.setText(
                self.tr(
                    "{0} no longer accepts passwords from mail programs: sign in with "
                    "Microsoft below instead."
                ).format(preset.name)
            )
        else:
            self.hint.setText(accounts.preset_hint(preset))
        self._fit_hint()

    def _fit_hint(self) -> None:
        """Room for every line of the sentence (Amazon SES's is four). A window's least
        height ignores how many lines its wrapped labels need, so a longer sentence would be
        cut off: once the layout has taken the new text in, the dialog grows to fit it."""
        self.hint.updateGeometry()
        QTimer.singleShot(0, self, self._grow_to_fit)

    def _grow_to_fit(self) -> None:
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_hint()

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
            sign_in=self._signing_in(),
        )
        if base.auth == "oauth2":
            base = dataclasses.replace(base, transport=self._current_transport())
        return dataclasses.replace(
            base,
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self.security.currentData(),
            username=self.username.text().strip(),
            daily_cap=self.daily_cap.value() or None,
            rate=self.rate.value() or None,
            max_connections=getattr(self, "_max_connections", base.max_connections),
            **self._own_mailbox(key),
        )

    def _own_mailbox(self, key: str) -> dict[str, Any]:
        """The mailbox fields as the account's own settings, or none where they are the
        provider's (the account then follows its preset) or no server is given."""
        own = {
            "imap_host": self.imap_host.text().strip(),
            "imap_port": self.imap_port.value(),
            "imap_security": self.imap_security.currentData(),
        }
        preset = accounts.presets().get(key)
        providers = preset and {
            "imap_host": preset.imap_host,
            "imap_port": preset.imap_port,
            "imap_security": preset.imap_security,
        }
        if not own["imap_host"] or own == providers:
            return dict.fromkeys(own)
        return own

    def _problem(self) -> str:
        """Why the form cannot be tested or saved yet ("" when it can)."""
        try:
            accounts.validate_account(self.current_account())
        except accounts.AccountError as e:
            return str(e)
        if self._signing_in():
            if self._signed_in():
                return ""
            if not signin.available(self._offer or signin.MICROSOFT):
                return self.sign_in_state.text()
            label = signin.LABELS[self._offer or signin.MICROSOFT]
            return self.tr("Sign in with {0} to send from this address.").format(label)
        if not self.password.text():
            return self.tr("Type the password (or app password) for this mailbox.")
        return ""

    def _form(self) -> tuple[accounts.Account, str]:
        """What a connection test tries: the account as the form stands, and the password."""
        return self.current_account(), self.password.text()

    def _update(self, *_: Any) -> None:
        problem = self._problem()
        running = self._job is not None
        self.test_button.setEnabled(not problem and not running)
        self.save_button.setEnabled(not problem and not running)
        # these very settings failed their test: saving them is a choice, and says so
        failed = not problem and self._failed_with is not None and self._failed_with == self._form()
        self.save_button.setText(self.tr("Save &anyway") if failed else self._save_text)
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
        self._tried, self._failed_with = self._form(), None
        self.steps.clear()
        self.steps.setVisible(True)
        self._say(self.tr("Testing\u2026"))
        secret: Secret = self.password.text()
        if self._signing_in() and self._tokens is not None:
            secret = self._tokens
        self._job = self.worker.submit(connection.test_account, account, secret)
        self._job.then(self._tested, self._test_failed)
        self._job.finished.connect(self._test_over)
        self._update()
        return self._job

    def _tested(self, steps: list[tuple[str, bool, str]]) -> None:
        style = self.style()
        good = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        bad = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        for step, ok, detail in steps:
            item = QListWidgetItem(good if ok else bad, f"{language._(step)}: {detail}")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.steps.addItem(item)
        if steps and all(ok for _, ok, _ in steps):
            self._say(self.tr("The account works: messages can be sent from it."))
        else:
            self._failed_with = self._tried
            failed = next((detail for _, ok, detail in steps if not ok), "")
            # Microsoft 365 with SMTP sign-in switched off: Graph can still send
            self.graph_button.setVisible(
                self._offer == signin.MICROSOFT and self._signing_in() and "5.7.139" in failed
            )
            self._say(self.tr("The account does not work yet. {0}").format(failed))
            bad_row = next((i for i, (_, ok, _) in enumerate(steps) if not ok), None)
            if bad_row is not None:
                self.steps.scrollToItem(self.steps.item(bad_row))  # the failed step in view
        # grow to fit the results, so the password hint above is not squeezed and cut off
        self.adjustSize()

    def _test_failed(self, sentence: str) -> None:
        self._failed_with = self._tried
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
        if self._signing_in():
            grant = getattr(self, "_grant", None)
            if grant is not None:
                tokens, not_kept = accounts.keep_sign_in(account, grant)
                if not_kept:
                    self.keyring_note.setText(not_kept)
            else:  # signed in before, in the keyring or this session
                assert self._tokens is not None
                tokens = self._tokens
            remember_for_session(account, tokens)
            self.account = account
            self.secret = tokens
            self.accept()
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

"""The account dialog, driven as a person would: presets from the typed address, the engine's
connection test against a real SMTP server, the secret kept only in the keyring."""

from __future__ import annotations

import keyring
from keyring.backends import fail

from composer import accounts
from tests.memory_keyring import using_keyring
from tests.smtp_server import PASSWORD, USERNAME
from tests.ui_flow import WAIT_MS, click, type_into, wait_for


def test_typing_a_gmail_address_fills_the_preset(qtbot, dialog):
    type_into(qtbot, dialog.display_name, "Sam Baker")
    type_into(qtbot, dialog.address, "sam.baker@gmail.com")
    gmail = accounts.presets()["gmail"]
    assert dialog.provider.currentData() == "gmail"
    assert dialog.host.text() == gmail.host
    assert dialog.port.value() == gmail.port
    assert dialog.security.currentData() == gmail.security
    assert dialog.username.text() == "sam.baker@gmail.com"
    assert dialog.hint.text() == gmail.password_hint and "app password" in dialog.hint.text()
    assert dialog.daily_cap.value() == gmail.daily_cap
    # everything stays editable, and no password means no Save yet
    assert not dialog.save_button.isEnabled()
    assert "password" in dialog.verdict.text()
    type_into(qtbot, dialog.password, "abcd efgh ijkl mnop")
    assert dialog.save_button.isEnabled() and dialog.test_button.isEnabled()


def test_outlook_asks_for_microsoft_sign_in_never_a_password(qtbot, dialog):
    type_into(qtbot, dialog.address, "sam@outlook.com")
    assert dialog.provider.currentData() == "outlook"
    assert "no longer accepts passwords" in dialog.hint.text()
    assert not dialog.password.isVisible()
    assert not dialog.save_button.isEnabled()
    assert not dialog.test_button.isEnabled()


def test_an_unknown_domain_asks_for_the_server(qtbot, dialog):
    type_into(qtbot, dialog.address, "sam@juniper-and-oak.example")
    assert dialog.provider.currentData() == "custom"
    type_into(qtbot, dialog.password, "pw")
    assert not dialog.save_button.isEnabled()  # no server yet
    assert "server" in dialog.verdict.text()


def fill_for(qtbot, dialog, server, password: str) -> None:
    type_into(qtbot, dialog.display_name, "Sam Baker")
    type_into(qtbot, dialog.address, "owner@example.com")
    type_into(qtbot, dialog.host, server.host)
    dialog.port.setValue(server.port)
    dialog.security.setCurrentIndex(dialog.security.findData("starttls"))
    type_into(qtbot, dialog.username, USERNAME)
    type_into(qtbot, dialog.password, password)


def test_connection_test_shows_each_step(qtbot, dialog, smtp_server, trust_test_ca):
    fill_for(qtbot, dialog, smtp_server, PASSWORD)
    with qtbot.waitSignal(dialog.test_connection().finished, timeout=WAIT_MS):
        assert not dialog.test_button.isEnabled()
    steps = [dialog.steps.item(i).text() for i in range(dialog.steps.count())]
    assert any(s.startswith("Secure the connection") for s in steps)
    assert any(s.startswith("Sign in") for s in steps)
    assert dialog.verdict.text() == "The account works: messages can be sent from it."
    assert smtp_server.logins == [(USERNAME, True)]


def test_a_wrong_password_is_said_in_plain_words(qtbot, dialog, smtp_server, trust_test_ca):
    fill_for(qtbot, dialog, smtp_server, "not the password")
    with qtbot.waitSignal(dialog.test_connection().finished, timeout=WAIT_MS):
        pass
    assert dialog.verdict.text().startswith("The account does not work yet.")
    failed = dialog.steps.item(dialog.steps.count() - 1).text()
    assert failed.startswith("Sign in")
    assert dialog.steps.wordWrap()  # the server's reply wraps rather than hiding sideways
    assert "Traceback" not in dialog.verdict.text()
    assert smtp_server.logins == [(USERNAME, False)]


def test_settings_that_failed_their_test_are_saved_only_as_a_choice(
    qtbot, dialog, smtp_server, trust_test_ca
):
    """After a failed test the button says "Save anyway" for those very settings; a changed
    password is untested again, and a passing test gives back the plain Save."""
    plain = dialog.save_button.text()
    fill_for(qtbot, dialog, smtp_server, "not the password")
    with qtbot.waitSignal(dialog.test_connection().finished, timeout=WAIT_MS):
        pass
    wait_for(qtbot, lambda: dialog.test_button.isEnabled())
    assert smtp_server.logins == [(USERNAME, False)]  # the server refused it
    anyway = dialog.save_button.text()
    assert anyway != plain and "anyway" in anyway.replace("&", "")
    type_into(qtbot, dialog.password, PASSWORD)
    assert dialog.save_button.text() == plain  # not tested yet: nothing known against it
    type_into(qtbot, dialog.password, "not the password")
    assert dialog.save_button.text() == anyway
    type_into(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.test_connection().finished, timeout=WAIT_MS):
        pass
    wait_for(qtbot, lambda: dialog.test_button.isEnabled())
    assert smtp_server.logins[-1] == (USERNAME, True)
    assert dialog.save_button.text() == plain
    type_into(qtbot, dialog.password, "not the password")  # the failure it had: still known
    assert dialog.save_button.text() == plain  # the last test passed for other settings
    click(qtbot, dialog.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    [saved] = accounts.list_accounts()
    assert saved.address == "owner@example.com"


def test_save_keeps_the_secret_only_in_the_keyring(qtbot, dialog, smtp_server, tmp_path):
    fill_for(qtbot, dialog, smtp_server, PASSWORD)
    click(qtbot, dialog.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    [saved] = accounts.list_accounts()
    assert saved.address == "owner@example.com" and saved.port == smtp_server.port
    assert keyring.get_password(accounts.KEYRING_SERVICE, "owner@example.com") == PASSWORD
    assert PASSWORD not in accounts.accounts_file().read_text(encoding="utf-8")


def test_the_mailbox_comes_from_the_provider_and_a_typed_one_is_saved(qtbot, dialog, smtp_server):
    type_into(qtbot, dialog.address, "sam.baker@gmail.com")
    gmail = accounts.presets()["gmail"]
    assert dialog.imap_host.text() == gmail.imap_host and dialog.imap_port.value() == 993
    assert dialog.imap_security.currentData() == "tls"
    names = [w.accessibleName() for w in (dialog.imap_host, dialog.imap_port, dialog.imap_security)]
    assert names == ["Mailbox server (IMAP)", "Mailbox port", "Mailbox security"]
    # a server of one's own: the provider's mailbox is emptied, the one typed is kept
    fill_for(qtbot, dialog, smtp_server, PASSWORD)
    assert dialog.provider.currentData() == "custom" and dialog.imap_host.text() == ""
    type_into(qtbot, dialog.imap_host, "mail.example.com")
    dialog.imap_port.setValue(143)
    dialog.imap_security.setCurrentIndex(dialog.imap_security.findData("starttls"))
    click(qtbot, dialog.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = accounts.get("owner@example.com")
    assert (saved.imap_host, saved.imap_port, saved.imap_security) == (
        "mail.example.com",
        143,
        "starttls",
    )


def test_a_providers_own_mailbox_is_not_copied_into_the_account(qtbot, dialog):
    type_into(qtbot, dialog.display_name, "Sam Baker")
    type_into(qtbot, dialog.address, "sam.baker@yahoo.com")
    type_into(qtbot, dialog.password, "app password")
    dialog.save()
    saved = accounts.get("sam.baker@yahoo.com")
    assert (saved.imap_host, saved.imap_port, saved.imap_security) == (None, None, None)
    from ui.account_dialog import AccountDialog

    again = AccountDialog(dialog.worker, saved)  # editing it shows the provider's mailbox
    qtbot.addWidget(again)
    assert again.imap_host.text() == accounts.presets()["yahoo"].imap_host


def test_without_a_keyring_the_password_is_asked_each_session(qtbot, ui_worker, smtp_server):
    from ui.account_dialog import AccountDialog, session_secret

    with using_keyring(fail.Keyring()):
        d = AccountDialog(ui_worker)
        qtbot.addWidget(d)
        assert "ask for it once each session" in d.keyring_note.text()
        fill_for(qtbot, d, smtp_server, PASSWORD)
        d.save()
        assert d.account is not None
        assert accounts.get_secret(d.account) is None  # nothing kept on disk
        assert session_secret(d.account) == PASSWORD  # remembered for this session only
    assert PASSWORD not in accounts.accounts_file().read_text(encoding="utf-8")


def test_a_saved_account_replaces_the_practice_outbox(
    qtbot,
    document,
    send_page,
    smtp_server,
    monkeypatch,
):
    from ui import account_dialog

    assert "Practice" in send_page.account_box.combo.currentText()

    def person_fills_the_dialog(self) -> int:
        fill_for(qtbot, self, smtp_server, PASSWORD)
        self.save()
        return self.result()

    monkeypatch.setattr(account_dialog.AccountDialog, "exec", person_fills_the_dialog)
    click(qtbot, send_page.account_box.edit_button)
    assert send_page.account.address == "owner@example.com"
    assert send_page.account_box.secret == PASSWORD
    assert not send_page.account_box.outbox_button.isVisible()
    assert document.identity.address == "owner@example.com"
    assert document.account == send_page.account.name
    # the choice survives: the combo lists it, and the practice outbox is still one click away
    assert send_page.account_box.combo.findData(send_page.account.name) >= 0
    send_page.account_box.combo.setCurrentIndex(0)
    send_page.account_box.combo.activated.emit(0)
    assert send_page.account.host == "127.0.0.1"


def test_an_account_chosen_in_the_message_step_is_used_to_send(
    qtbot, document, send_page, smtp_server, monkeypatch
):
    from ui import account_dialog
    from ui.message_page import MessagePage

    def person_fills_the_dialog(self) -> int:
        fill_for(qtbot, self, smtp_server, PASSWORD)
        self.save()
        return self.result()

    monkeypatch.setattr(account_dialog.AccountDialog, "exec", person_fills_the_dialog)
    message = MessagePage(document, send_page.worker)
    qtbot.addWidget(message)
    message.choose_account()
    assert send_page.account.address == "owner@example.com"
    assert send_page.account_box.secret == PASSWORD  # typed once this session, not asked again
    assert "Practice" not in send_page.account_box.combo.currentText()


# -- sending services (relays), chosen by hand ------------------------------------------------

RELAYS = ("ses", "postmark", "mailgun", "sendgrid", "brevo")


def choose_provider(dialog, key: str) -> None:
    """Pick ``key`` in the Provider list, as a click on it does."""
    index = dialog.provider.findData(key)
    assert index >= 0
    dialog.provider.setCurrentIndex(index)
    dialog.provider.activated.emit(index)


def test_a_sending_service_is_listed_after_the_mailboxes_and_says_which_key_to_paste(qtbot, dialog):
    from ui.account_dialog import AccountDialog

    first_relay = min(dialog.provider.findData(key) for key in RELAYS)
    assert dialog.provider.itemData(first_relay - 1) is None  # the line before the services
    for key in RELAYS:
        fresh = AccountDialog(dialog.worker)
        qtbot.addWidget(fresh)
        fresh.show()
        type_into(qtbot, fresh.address, "owner@juniper-and-oak.example")
        choose_provider(fresh, key)
        preset = accounts.presets()[key]
        account = accounts.account_from_preset(key, "owner@juniper-and-oak.example", "")
        # the one sentence on which credential to paste (and a new account's limits)
        assert fresh.hint.text() == accounts.password_hint(account) == preset.password_hint
        assert fresh.hint.isVisible() and fresh.password.isVisible()
        assert (fresh.host.text(), fresh.port.value()) == (preset.host, preset.port)
        assert fresh.security.currentData() == preset.security
        assert fresh.daily_cap.value() == (preset.daily_cap or 0)
        assert fresh.rate.value() == (preset.rate or 0)
        # not the address: the service's own user name (SendGrid's is always apikey)
        assert fresh.username.text() == ("apikey" if key == "sendgrid" else "")
        assert fresh.region.isVisible() == (key in ("ses", "mailgun"))
        assert fresh.imap_host.text() == ""  # a sending service has no mailbox to read


def test_ses_in_a_region_is_saved_with_the_sandbox_limits_and_shown_again(qtbot, dialog):
    from ui.account_dialog import AccountDialog

    choose_provider(dialog, "ses")
    assert "sandbox" in dialog.hint.text() and "200" in dialog.hint.text()
    # all four lines of it are shown, none cut off
    wait_for(qtbot, lambda: dialog.hint.height() >= dialog.hint.heightForWidth(dialog.hint.width()))
    assert dialog.hint.heightForWidth(dialog.hint.width()) > 2 * dialog.hint.fontMetrics().height()
    type_into(qtbot, dialog.display_name, "Sam Baker")
    type_into(qtbot, dialog.address, "sam@juniper-and-oak.example")
    assert dialog.provider.currentData() == "ses"  # typing the address keeps the choice
    assert dialog.username.text() == ""
    type_into(qtbot, dialog.password, "smtp-password")
    assert not dialog.save_button.isEnabled()
    assert "user name of its own" in dialog.verdict.text()
    type_into(qtbot, dialog.username, "AKIAEXAMPLE")
    index = dialog.region.findData("eu-west-1")
    dialog.region.setCurrentIndex(index)
    dialog.region.activated.emit(index)
    assert dialog.host.text() == "email-smtp.eu-west-1.amazonaws.com"
    click(qtbot, dialog.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = accounts.get("sam@juniper-and-oak.example")
    assert (saved.provider, saved.host, saved.username) == (
        "ses",
        "email-smtp.eu-west-1.amazonaws.com",
        "AKIAEXAMPLE",
    )
    assert (saved.daily_cap, saved.rate) == (200, 60)
    again = AccountDialog(dialog.worker, saved)
    qtbot.addWidget(again)
    assert again.region.currentData() == "eu-west-1"
    assert again.hint.text() == accounts.password_hint(saved)
    # out of the sandbox: the person raises the limits, and they are kept
    again.daily_cap.setValue(50_000)
    again.rate.setValue(840)
    assert (again.current_account().daily_cap, again.current_account().rate) == (50_000, 840)
    # a server typed by hand belongs to no listed region
    type_into(qtbot, again.host, "email-smtp.me-central-1.amazonaws.com")
    assert again.region.currentIndex() == -1


def test_mailgun_eu_and_postmark_without_tls(qtbot, dialog):
    choose_provider(dialog, "mailgun")
    index = dialog.region.findData("eu")
    dialog.region.setCurrentIndex(index)
    dialog.region.activated.emit(index)
    assert dialog.host.text() == "smtp.eu.mailgun.org"
    choose_provider(dialog, "postmark")
    assert not dialog.region.isVisible()
    assert dialog.host.text() == "smtp-broadcasts.postmarkapp.com"
    type_into(qtbot, dialog.address, "sam@juniper-and-oak.example")
    type_into(qtbot, dialog.username, "server-token")
    type_into(qtbot, dialog.password, "server-token")
    assert dialog.save_button.isEnabled()
    dialog.security.setCurrentIndex(dialog.security.findData("tls"))
    assert not dialog.save_button.isEnabled() and "no TLS port" in dialog.verdict.text()

"""Signing in with Microsoft or Google in the app, as a person does it: the address decides the
offer (by preset, or by the domain's MX on a loopback DNS server), the browser is played by
the test against the loopback identity server, and the apology goes out the account's way —
SMTP with XOAUTH2 to the real test server, or the Gmail API fake. The oracles are what the
servers received and what the keyring and settings file hold."""

from __future__ import annotations

from composer import accounts, signin
from composer.signin import GMAIL_SCOPE, GRAPH_SCOPE, SMTP_SCOPE
from tests.identity_server import PlayingBrowser, installed_browser
from tests.test_ui_send import confirm_and_send, send_test_first
from tests.ui_flow import WAIT_MS, click, fill_sample, type_into, wait_for

OUTLOOK = "sam@outlook.com"
GMAIL = "sam.baker@gmail.com"
SHOP = "sam@juniper-and-oak.example"  # a custom domain, at Microsoft 365 by its MX


def sign_in_in_the_dialog(qtbot, dialog, address: str, browser: PlayingBrowser) -> None:
    type_into(qtbot, dialog.display_name, "Sam Baker")
    if dialog.address.text() != address:
        type_into(qtbot, dialog.address, address)
    assert not dialog.password.isVisible()  # no password asked of a Microsoft/Google address
    with installed_browser(browser):
        click(qtbot, dialog.sign_in_button)
        wait_for(qtbot, lambda: dialog._job is None)
    wait_for(qtbot, lambda: "Signed in as" in dialog.sign_in_state.text())


def test_outlook_offers_microsoft_sign_in_and_keeps_only_the_sign_in(
    qtbot, dialog, identity_server, oauth_config
):
    identity_server.add_user(OUTLOOK, tenant="consumers")
    browser = PlayingBrowser()
    sign_in_in_the_dialog(qtbot, dialog, OUTLOOK, browser)
    assert dialog.sign_in_button.accessibleName() == "Sign in with Microsoft"
    assert not dialog.password_instead.isVisible()  # Outlook.com takes no password at all
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.save_button)
    saved = accounts.get(OUTLOOK)
    assert saved.auth == "oauth2" and saved.transport == "smtp"
    assert saved.host == "smtp-mail.outlook.com" and saved.port == 587
    [issued] = [t for t in identity_server.issued if t.user == OUTLOOK]
    assert SMTP_SCOPE in issued.scope
    kept = accounts.get_secret(saved)  # the refresh token, in the keyring only
    assert kept and kept not in accounts.accounts_file().read_text(encoding="utf-8")
    assert isinstance(dialog.secret, signin.Tokens)
    assert dialog.secret.access_token() == issued.access_token  # no second request


def test_a_cancelled_sign_in_says_so_and_saves_nothing(
    qtbot, dialog, identity_server, oauth_config
):
    identity_server.add_user(OUTLOOK, tenant="consumers")
    type_into(qtbot, dialog.address, OUTLOOK)
    with installed_browser(PlayingBrowser(action="cancel")):
        click(qtbot, dialog.sign_in_button)
        wait_for(qtbot, lambda: "cancelled" in dialog.sign_in_state.text())
    assert not dialog.save_button.isEnabled()
    assert "Sign in with Microsoft to send from this address." in dialog.verdict.text()
    assert accounts.list_accounts() == []


def test_without_a_registration_outlook_cannot_sign_in_and_gmail_keeps_its_app_password(
    qtbot, dialog
):
    type_into(qtbot, dialog.address, OUTLOOK)
    assert not dialog.sign_in_button.isEnabled()
    assert "not set up in this copy" in dialog.sign_in_state.text()
    assert not dialog.save_button.isEnabled()
    type_into(qtbot, dialog.address, GMAIL)
    assert dialog.password.isVisible()  # the app password works without any registration
    assert "Until then, an app password works." in dialog.sign_in_state.text()
    type_into(qtbot, dialog.display_name, "Sam")
    type_into(qtbot, dialog.password, "abcd efgh ijkl mnop")
    assert dialog.save_button.isEnabled()


def test_gmail_offers_google_and_still_allows_an_app_password(
    qtbot, dialog, identity_server, oauth_config
):
    identity_server.add_user(GMAIL)
    type_into(qtbot, dialog.address, GMAIL)
    assert dialog.sign_in_button.accessibleName() == "Sign in with Google"
    assert not dialog.host.isVisible()  # the Gmail API: no server to fill in
    click(qtbot, dialog.password_instead)
    assert dialog.password.isVisible() and dialog.host.isVisible()
    assert "app password" in dialog.hint.text()
    click(qtbot, dialog.password_instead)  # back to signing in
    sign_in_in_the_dialog(qtbot, dialog, GMAIL, PlayingBrowser())
    click(qtbot, dialog.save_button)
    saved = accounts.get(GMAIL)
    assert saved.auth == "oauth2" and saved.transport == "gmail"
    assert identity_server.is_valid(dialog.secret.access_token(), GMAIL_SCOPE) == GMAIL


def test_a_domain_at_microsoft_365_is_recognised_by_its_mx_and_graph_is_offered_when_smtp_is_off(
    qtbot, dialog, identity_server, oauth_config, dns_server, make_smtp_server
):
    dns_server.set_records(
        "juniper-and-oak.example",
        "MX",
        [(0, "juniper-and-oak-example.mail.protection.outlook.com.")],
    )
    identity_server.add_user(SHOP)
    type_into(qtbot, dialog.address, SHOP)
    wait_for(qtbot, lambda: dialog.provider.currentData() == "microsoft365")
    assert "receives its mail at Microsoft 365" in dialog.hint.text()
    assert dialog.sign_in_button.accessibleName() == "Sign in with Microsoft"
    assert [q for q in dns_server.queries if q[0].startswith("juniper-and-oak")]
    sign_in_in_the_dialog(qtbot, dialog, SHOP, PlayingBrowser())

    server = make_smtp_server(token="t", username=SHOP, smtp_auth_disabled=True)
    type_into(qtbot, dialog.host, server.host)
    dialog.port.setValue(server.port)
    with qtbot.waitSignal(dialog.test_connection().finished, timeout=WAIT_MS):
        pass
    assert "5.7.139" in dialog.verdict.text()
    wait_for(qtbot, dialog.graph_button.isVisible)
    with installed_browser(PlayingBrowser()):
        click(qtbot, dialog.graph_button)
        wait_for(qtbot, lambda: dialog._job is None)
    wait_for(qtbot, lambda: "Signed in as" in dialog.sign_in_state.text())
    assert not dialog.host.isVisible()
    click(qtbot, dialog.save_button)
    saved = accounts.get(SHOP)
    assert saved.transport == "graph" and saved.provider == "microsoft365"
    assert identity_server.is_valid(dialog.secret.access_token(), GRAPH_SCOPE) == SHOP


def choose_account_by_signing_in(qtbot, send_page, monkeypatch, address: str) -> None:
    """Step 1 of Send: "Add or change account…", sign in in the dialog, Save."""
    from ui import account_dialog

    def person_signs_in(self) -> int:
        self.show()
        sign_in_in_the_dialog(qtbot, self, address, PlayingBrowser())
        self.save()
        return self.result()

    monkeypatch.setattr(account_dialog.AccountDialog, "exec", person_signs_in)
    click(qtbot, send_page.account_box.edit_button)
    assert send_page.account.address == address


def test_sending_with_google_goes_through_the_gmail_api(
    qtbot,
    document,
    send_page,
    tmp_path,
    identity_server,
    mail_api_server,
    oauth_config,
    monkeypatch,
):
    identity_server.add_user(GMAIL)
    checkup = fill_sample(qtbot, document, tmp_path)
    people = len(checkup.audience)
    choose_account_by_signing_in(qtbot, send_page, monkeypatch, GMAIL)
    assert "through the Gmail API" in send_page.account_box.note.text()
    assert document.identity.address == GMAIL
    send_test_first(qtbot, send_page)
    [test] = mail_api_server.wait_for(1)
    assert test.api == "gmail" and test.message["Subject"].startswith("[TEST] ")
    summary = confirm_and_send(qtbot, send_page, people)
    assert summary.sent == people and not summary.error
    delivered = [m for m in mail_api_server.messages if m is not test]
    assert sorted(m.message["To"].addresses[0].addr_spec for m in delivered) == sorted(
        r.email for r in checkup.audience
    )
    assert {m.user for m in delivered} == {GMAIL}


def test_sending_with_microsoft_signs_each_connection_in_with_xoauth2(
    qtbot,
    document,
    send_page,
    tmp_path,
    identity_server,
    oauth_config,
    make_smtp_server,
    monkeypatch,
):
    identity_server.add_user(OUTLOOK, tenant="consumers")
    server = make_smtp_server(token="not yet", username=OUTLOOK)
    identity_server.on_token = lambda user, scope, token: server.set_token(token)
    checkup = fill_sample(qtbot, document, tmp_path)
    people = len(checkup.audience)
    # Outlook.com's own server is not reachable from a test: the sign-in is the real thing,
    # the server the loopback one (its settings stay editable in the dialog)
    monkeypatch.setitem(
        accounts.presets(),
        "outlook",
        accounts.dataclasses.replace(
            accounts.presets()["outlook"], host=server.host, port=server.port
        ),
    )
    choose_account_by_signing_in(qtbot, send_page, monkeypatch, OUTLOOK)
    send_test_first(qtbot, send_page)
    summary = confirm_and_send(qtbot, send_page, people)
    assert summary.sent == people and not summary.error
    assert len(server.messages) == people + 1
    assert server.logins and all(user == OUTLOOK and ok for user, ok in server.logins)
    assert sorted(m.rcpt_tos[0] for m in server.messages[1:]) == sorted(
        r.email for r in checkup.audience
    )

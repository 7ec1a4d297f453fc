"""Sending services (relays) for more mail than a mailbox allows: their presets, their sign-in
sentence, their limits and their headers, with real sends to the loopback SMTP server.

Each account is made from its preset as a person would make it; only its server and port are
pointed at the loopback server (and its user name filled in where the service gives one of
its own), so everything else the preset says is what is tested."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from composer import accounts
from composer.campaign import Campaign
from composer.cli import EXIT_BLOCKED, EXIT_OK, main
from composer.errors import AccountError
from composer.sender import STARTED, Sender
from composer.table import Column, Table
from composer.trial import send_to_self
from tests.sending_helpers import OWNER, assert_one_to_one, make_campaign, open_for_sending
from tests.smtp_server import PASSWORD

RELAYS = ("ses", "postmark", "mailgun", "sendgrid", "brevo")
# host, port, security, daily cap, rate per minute: a new account's defaults
SERVERS = {
    "ses": ("email-smtp.us-east-1.amazonaws.com", 587, "starttls", 200, 60),
    "postmark": ("smtp-broadcasts.postmarkapp.com", 587, "starttls", None, None),
    "mailgun": ("smtp.mailgun.org", 587, "starttls", None, None),
    "sendgrid": ("smtp.sendgrid.net", 587, "starttls", 100, None),
    "brevo": ("smtp-relay.brevo.com", 587, "starttls", 300, None),
}
HEADERS = {"postmark": (("X-PM-Message-Stream", "broadcast"),)}
# what each sentence must tell the person (the credential, and a new account's limits)
SAYS = {
    "ses": ("SMTP user name and password", "not your AWS access keys", "sandbox", "200", "1 a second", "verified"),
    "postmark": ("Server API Token", "both the user name and the password", "broadcast"),
    "mailgun": ("SMTP user name", "SMTP password", "not your API key"),
    "sendgrid": ("apikey", "API key", "60-day trial", "100 messages a day"),
    "brevo": ("SMTP key", "not an API key", "300 messages a day"),
}  # fmt: skip


def relay_account(key: str, server, **changes) -> accounts.Account:
    """The account a person makes from the preset, sending to the loopback ``server``."""
    account = accounts.account_from_preset(key, OWNER.address, OWNER.name, name=key)
    return dataclasses.replace(
        account,
        host=server.host,
        port=server.port,
        username=account.username or server.username,
        **changes,
    )


def relay_server(make_smtp_server, key: str):
    """A loopback server that takes the user name the preset gives (SendGrid's apikey)."""
    fixed = accounts.presets()[key].username
    return make_smtp_server(security="starttls", **({"username": fixed} if fixed else {}))


def added_headers(received, campaign_path) -> dict[str, list[str]]:
    """The headers a received message has beyond those of the campaign's own message."""
    with Campaign.open(campaign_path) as campaign:
        own = {name.lower() for name in campaign.message_for(campaign.audience()[0])}
    return {
        name: received.get_all(name)
        for name in dict.fromkeys(received.keys())
        if name.lower() not in own
    }


@pytest.mark.parametrize("key", RELAYS)
def test_each_relay_preset_holds_its_server_limits_and_headers(key):
    preset = accounts.presets()[key]
    assert (preset.host, preset.port, preset.security, preset.daily_cap, preset.rate) == (
        SERVERS[key]
    )
    assert preset.relay and preset.password_sign_in
    assert preset.headers == HEADERS.get(key, ())
    # chosen by the person, never by an address; no mailbox of its own to read
    assert preset.domains == () and preset.imap_host is None
    assert accounts.preset_for_address(f"owner@{preset.host}") is None
    assert preset.username == ("apikey" if key == "sendgrid" else "")
    # Postmark has no implicit-TLS port at all
    assert preset.implicit_tls is (key != "postmark")


@pytest.mark.parametrize("key", RELAYS)
def test_the_credential_sentence_is_one_sentence_with_the_facts(key):
    account = accounts.account_from_preset(key, OWNER.address, OWNER.name)
    hint = accounts.password_hint(account)
    assert hint == accounts.presets()[key].password_hint
    assert hint.endswith(".") and ". " not in hint
    for words in SAYS[key]:
        assert words in hint


def test_regions_choose_the_server():
    ses, mailgun = accounts.presets()["ses"], accounts.presets()["mailgun"]
    assert ses.host == ses.regions[0].host  # the first region is the default
    for region in ses.regions:
        assert region.host == f"email-smtp.{region.key}.amazonaws.com"
        assert region.key in region.label
    ireland = accounts.account_from_preset("ses", OWNER.address, OWNER.name, region="eu-west-1")
    assert ireland.host == "email-smtp.eu-west-1.amazonaws.com"
    assert ses.region_of(ireland.host).key == "eu-west-1"
    assert ses.region_of("smtp.shop.example") is None
    assert [(r.key, r.host) for r in mailgun.regions] == [
        ("us", "smtp.mailgun.org"),
        ("eu", "smtp.eu.mailgun.org"),
    ]
    assert accounts.account_from_preset("mailgun", OWNER.address, "", region="EU").host == (
        "smtp.eu.mailgun.org"
    )
    with pytest.raises(AccountError, match="choose one of: us-east-1") as caught:
        accounts.account_from_preset("ses", OWNER.address, OWNER.name, region="mars-1")
    assert caught.value.field == "region"
    with pytest.raises(AccountError, match="no regions"):
        accounts.account_from_preset("postmark", OWNER.address, OWNER.name, region="eu")


def test_a_relay_needs_its_own_user_name_and_postmark_refuses_implicit_tls():
    ses = accounts.account_from_preset("ses", OWNER.address, OWNER.name, name="ses")
    assert ses.username == ""  # not the address: the service gives one of its own
    with pytest.raises(AccountError, match="user name of its own") as caught:
        accounts.validate_account(ses)
    assert caught.value.field == "username"
    accounts.validate_account(dataclasses.replace(ses, username="AKIAEXAMPLE"))
    sendgrid = accounts.account_from_preset("sendgrid", OWNER.address, OWNER.name)
    assert sendgrid.username == sendgrid.login == "apikey"
    accounts.validate_account(sendgrid)
    postmark = accounts.account_from_preset("postmark", OWNER.address, OWNER.name, name="pm")
    postmark = dataclasses.replace(postmark, username="server-token", security="tls", port=465)
    with pytest.raises(AccountError, match="no TLS port") as caught:
        accounts.validate_account(postmark)
    assert caught.value.field == "security"


def test_preset_headers_are_fixed_x_headers_of_one_line():
    assert accounts._fixed_headers("t", {"X-PM-Message-Stream": "broadcast"}) == (
        ("X-PM-Message-Stream", "broadcast"),
    )
    for bad in (
        {"Bcc": "someone@example.com"},
        {"To": "someone@example.com"},
        {"X-Stream": "broadcast\r\nBcc: someone@example.com"},
        {"X-Stream": ""},
        {"X Stream": "broadcast"},
    ):
        with pytest.raises(ValueError, match="not allowed"):
            accounts._fixed_headers("t", bad)


@pytest.mark.parametrize("key", RELAYS)
def test_an_account_from_each_relay_sends_with_exactly_its_headers_and_limits(
    key, tmp_path, make_smtp_server
):
    path = make_campaign(tmp_path / f"{key}.apology", 2)
    server = relay_server(make_smtp_server, key)
    account = relay_account(key, server)
    events = []
    campaign = open_for_sending(path)
    try:
        sender = Sender(
            campaign,
            account,
            PASSWORD,
            tls_context=server.client_tls_context(),
            on_event=events.append,
            retry_base=0.02,
            timeout=5,
        )
        # the preset's limits are the sender's, as nothing else asked for others
        assert (sender.daily_cap, sender.rate) == SERVERS[key][3:]
        summary = asyncio.run(sender.run())
    finally:
        campaign.close()
    assert summary.ok and summary.sent == 2
    [started] = [e for e in events if e.kind == STARTED]
    assert started.rate == SERVERS[key][4]
    assert started.cap_room == SERVERS[key][3]
    assert set(server.logins) == {(account.login, True)}  # the preset's user name (apikey)
    assert len(server.messages) == 2
    assert_one_to_one(server.messages)  # one recipient each
    want = {name: [value] for name, value in HEADERS.get(key, ())}
    for received in server.messages:
        assert added_headers(received.message, path) == want


@pytest.mark.parametrize("key", ["postmark", "ses"])
def test_the_test_to_self_carries_the_same_headers(key, tmp_path, make_smtp_server):
    path = make_campaign(tmp_path / "sorry.apology", 3)
    server = relay_server(make_smtp_server, key)
    account = relay_account(key, server)
    campaign = open_for_sending(path)
    try:
        reply = asyncio.run(
            send_to_self(campaign, account, PASSWORD, tls_context=server.client_tls_context())
        )
    finally:
        campaign.close()
    assert reply.startswith("250")
    [test] = server.messages
    assert test.rcpt_tos == (account.address,)
    assert str(test.message["Subject"]).startswith("[TEST] ")
    added = {name: test.message.get_all(name) for name in ("X-PM-Message-Stream",)}
    assert added == {"X-PM-Message-Stream": ["broadcast"] if key == "postmark" else None}


def test_no_spreadsheet_value_becomes_or_changes_a_preset_header(tmp_path, make_smtp_server):
    # a name that tries to start a header of its own, and to choose another stream
    sly = "Ann\r\nX-PM-Message-Stream: outbound"
    table = Table(
        columns=[Column("Email", "email"), Column("Name", "name"), Column("Order", "order")],
        rows=[("ann@example.com", sly, "1001")],
        row_numbers=[2],
    )
    path = make_campaign(tmp_path / "sly.apology", 1, table=table)
    server = relay_server(make_smtp_server, "postmark")
    campaign = open_for_sending(path)
    try:
        summary = asyncio.run(
            Sender(
                campaign,
                relay_account("postmark", server),
                PASSWORD,
                tls_context=server.client_tls_context(),
                timeout=5,
            ).run()
        )
    finally:
        campaign.close()
    assert summary.sent == 1
    [received] = server.messages
    assert received.message.get_all("X-PM-Message-Stream") == ["broadcast"]
    head = received.raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nX-PM-Message-Stream: outbound" not in head


def test_limits_the_person_asks_for_win_over_the_presets(tmp_path, make_smtp_server):
    path = make_campaign(tmp_path / "sorry.apology", 1)
    server = relay_server(make_smtp_server, "ses")
    campaign = open_for_sending(path)
    try:
        # out of the sandbox: the account's own limits, then a campaign's own setting
        account = relay_account("ses", server, daily_cap=50_000, rate=840)
        assert (
            Sender(campaign, account, PASSWORD).rate,
            Sender(campaign, account, PASSWORD).daily_cap,
        ) == (
            840,
            50_000,
        )
        assert Sender(campaign, account, PASSWORD, rate=120).rate == 120
    finally:
        campaign.close()


# -- the command line --------------------------------------------------------------------------


@pytest.fixture
def no_password(monkeypatch):
    monkeypatch.delenv(accounts.PASSWORD_ENV, raising=False)


def add(*options: str) -> int:
    return main(
        ["account", "add", "--address", OWNER.address, "--display-name", OWNER.name, *options]
    )


def test_account_add_with_a_relay_says_which_key_and_its_limits(no_password, capsys):
    assert (
        add("--name", "aws", "--provider", "ses", "--region", "eu-west-1", "--username", "AKIAX")
        == EXIT_OK
    )
    out = capsys.readouterr().out
    assert accounts.presets()["ses"].password_hint in out  # said even without a terminal
    saved = accounts.get("aws")
    assert (saved.host, saved.port, saved.security) == (
        "email-smtp.eu-west-1.amazonaws.com",
        587,
        "starttls",
    )
    assert (saved.daily_cap, saved.rate, saved.username) == (200, 60, "AKIAX")
    assert add("--name", "grid", "--provider", "sendgrid") == EXIT_OK
    assert "apikey" in capsys.readouterr().out
    assert accounts.get("grid").username == "apikey"


def test_account_add_refuses_what_a_relay_cannot_do(no_password, capsys):
    assert add("--name", "mg", "--provider", "mailgun", "--region", "eu") == EXIT_BLOCKED
    captured = capsys.readouterr()
    assert accounts.presets()["mailgun"].password_hint in captured.out
    assert "user name of its own" in captured.err
    pm = ("--name", "pm", "--provider", "postmark", "--username", "token")
    assert add(*pm, "--security", "tls", "--port", "465") == EXIT_BLOCKED
    assert "no TLS port" in capsys.readouterr().err
    assert add("--name", "x", "--provider", "ses", "--region", "mars-1") == EXIT_BLOCKED
    assert "choose one of: us-east-1" in capsys.readouterr().err
    assert accounts.list_accounts() == []

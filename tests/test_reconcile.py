"""The owner's mailbox over IMAP (composer.imap) and what it settles (composer.reconcile): a
real Dovecot on loopback, real sends to the loopback SMTP server; the oracles are the Maildir's
files and the campaign's journal."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import Counter

import pytest

from composer import imap, journal, reconcile
from composer.cli import EXIT_OK, main
from composer.imap import ImapProblem, ImapSettings, Mailbox
from composer.sender import Sender
from tests.sending_helpers import make_campaign, open_for_sending

pytestmark = pytest.mark.usefixtures("trust_test_ca")


def settings(server, security: str = "tls") -> ImapSettings:
    port = server.imaps_port if security == "tls" else server.starttls_port
    return ImapSettings(server.host, port, security, server.username)


def raw(message_id: str, subject: str = "Sorry") -> bytes:
    return (
        f"From: Shop <owner@shop.example>\r\nTo: ann@example.com\r\nSubject: {subject}\r\n"
        f"Message-ID: {message_id}\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\n\r\nWe are sorry.\r\n"
    ).encode()


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_the_mailbox_is_read_without_changing_it_and_appended_to_on_request(imap_server, security):
    when = dt.datetime(2026, 12, 1, 10, 0, 5, tzinfo=dt.UTC)
    imap_server.deliver("Sent", raw("<a1@shop.example>"), date=when)
    imap_server.deliver("INBOX", raw("<unread@elsewhere.example>"))
    with Mailbox(settings(imap_server, security), imap_server.password) as box:
        sent = box.folder_with_role("\\Sent")
        assert sent == "Sent"
        found = box.find_message_id(sent, "<a1@shop.example>")
        assert found is not None and abs(found.timestamp() - when.timestamp()) < 1
        assert box.find_message_id(sent, "a1@shop.example") is not None  # brackets optional
        assert box.find_message_id(sent, "<missing@shop.example>") is None
        assert box.find_message_id("INBOX", "<unread@elsewhere.example>") is not None
        copy = raw("<a2@shop.example>", subject="A copy")
        box.append(sent, copy)
    assert copy in imap_server.messages("Sent")
    [appended] = [m for m in imap_server.stored("Sent") if m.raw == copy]
    assert "\\Seen" in appended.flags
    [unread] = imap_server.stored("INBOX")
    assert "\\Seen" not in unread.flags  # looked at, not marked read


def test_a_wrong_password_is_one_sentence(imap_server):
    with pytest.raises(ImapProblem, match="refused the sign-in for owner@shop.test") as caught:
        Mailbox(settings(imap_server), "not the password").open()
    assert caught.value.field == "password" and "\n" not in str(caught.value)
    assert "(b'" not in str(caught.value)  # the server's words as text, not as bytes
    assert "([AUTHENTICATIONFAILED] Authentication failed)" in str(caught.value)


def test_an_untrusted_certificate_is_refused(imap_server, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE")
    with pytest.raises(ImapProblem, match="does not trust"):
        Mailbox(settings(imap_server), imap_server.password).open()


def test_a_closed_port_says_so(imap_server):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    dead = ImapSettings("127.0.0.1", closed, "tls", imap_server.username)
    with pytest.raises(ImapProblem, match="cannot be reached on port"):
        Mailbox(dead, "pw", timeout=5).open()


def test_the_account_reads_its_providers_imap_server():
    from composer.accounts import account_from_preset

    gmail = imap.settings_for(account_from_preset("gmail", "sam@gmail.com", "Sam"))
    assert (gmail.host, gmail.port, gmail.security) == ("imap.gmail.com", 993, "tls")
    office = imap.settings_for(account_from_preset("microsoft365", "sam@shop.example", "Sam"))
    assert office.host == "outlook.office365.com" and office.username == "sam@shop.example"


def in_doubt_campaign(tmp_path, make_smtp_server):
    """Four apologies, two of which the server took without the answer coming back."""
    path = make_campaign(tmp_path / "c.apology", 4)
    server = make_smtp_server(drop_after_data=2)
    campaign = open_for_sending(path)
    try:
        summary = asyncio.run(
            Sender(campaign, server.account(), "correct horse battery staple", connections=1,
                   timeout=5, retry_base=0.02).run()
        )  # fmt: skip
    finally:
        campaign.close()
    assert len(summary.in_doubt) == 2
    return path, server


def test_in_doubt_messages_found_in_sent_are_sent_and_the_rest_wait_for_the_person(
    tmp_path, make_smtp_server, imap_server, capsys, monkeypatch
):
    path, smtp = in_doubt_campaign(tmp_path, make_smtp_server)
    accepted = list(smtp.messages)
    assert len(accepted) == 2
    # the provider filed the first in Sent; the second it never did
    filed_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    imap_server.deliver("Sent", accepted[0].raw, flags=("\\Seen",), date=filed_at)
    monkeypatch.setenv("APOLOGY_COMPOSER_PASSWORD", imap_server.password)
    code = main(
        ["mailbox", "resolve", str(path), "--imap-host", imap_server.host,
         "--imap-port", str(imap_server.imaps_port), "--username", imap_server.username]
    )  # fmt: skip
    assert code == EXIT_OK
    out = capsys.readouterr().out
    assert "1 message found in Sent: sent" in out and "1 message too recent to tell" in out
    campaign = open_for_sending(path)
    try:
        lines = {d.message_id: d for d in journal.rows(campaign.conn)}
        found = lines[accepted[0].message["Message-ID"]]
        assert found.state == journal.SENT
        assert abs((found.sent_at or 0) - filed_at.timestamp()) < 1
        assert Counter(d.state for d in lines.values())[journal.IN_DOUBT] == 1
        # after the grace period the other is offered for sending again, and only offered
        later = time.time() + reconcile.GRACE_SECONDS + 1
        with Mailbox(settings(imap_server), imap_server.password) as box:
            result = reconcile.resolve_in_doubt(campaign, box, now=later)
        assert [d.message_id for d in result.missing] == [accepted[1].message["Message-ID"]]
        assert "can be sent again if you choose" in result.sentence()
        assert Counter(d.state for d in journal.rows(campaign.conn))[journal.IN_DOUBT] == 1
    finally:
        campaign.close()
    assert len(smtp.messages) == 2  # nothing was sent again


def test_messages_since_a_day_are_read_in_two_steps_headers_then_bodies(imap_server):
    old = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    new = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    imap_server.deliver("INBOX", raw("<old@x.example>", "Old"), date=old)
    for i in range(3):
        imap_server.deliver("INBOX", raw(f"<n{i}@x.example>", f"New {i}"), date=new)
    with Mailbox(settings(imap_server), imap_server.password) as box:
        uids = box.since("INBOX", dt.date(2026, 11, 30))
        assert len(uids) == 3
        heads = box.headers("INBOX", uids)
        assert sorted(h.split(b"Subject: ")[1].split(b"\r\n")[0] for h, _ in heads.values()) == [
            b"New 0",
            b"New 1",
            b"New 2",
        ]
        assert all(size == len(raw("<n0@x.example>", "New 0")) for _, size in heads.values())
        whole = box.bodies("INBOX", uids[:1])
    assert list(whole.values())[0] in imap_server.messages("INBOX")
    assert all("\\Seen" not in m.flags for m in imap_server.stored("INBOX"))


def test_a_scan_records_bounces_and_replies_beside_the_deliveries(
    tmp_path, make_smtp_server, imap_server, monkeypatch, capsys
):
    from tests import mail_samples
    from tests.sending_helpers import address_of

    path = make_campaign(tmp_path / "c.apology", 5)
    smtp = make_smtp_server()
    campaign = open_for_sending(path)
    try:
        asyncio.run(
            Sender(campaign, smtp.account(), "correct horse battery staple", timeout=5).run()
        )
        sent = {d.email: d.message_id for d in journal.rows(campaign.conn)}
    finally:
        campaign.close()
    ann, bob, cas, dee, eve = (address_of(row) for row in range(2, 7))
    inbox = [
        mail_samples.gmail_bounce(sent[ann], recipient=ann),
        mail_samples.reply(sent[bob], sender=bob, name="Bob"),
        mail_samples.out_of_office(sent[cas], sender=cas),
        mail_samples.stop_reply(sent[dee], sender=dee),
        mail_samples.postfix_bounce(sent[eve], recipient=eve, status="4.4.1", delayed=True),
        raw("<newsletter@elsewhere.example>", "Our weekly news"),
    ]
    for message in inbox:
        imap_server.deliver("INBOX", message)
    campaign = open_for_sending(path)
    try:
        with Mailbox(settings(imap_server), imap_server.password) as box:
            found = reconcile.scan(campaign, box)
    finally:
        campaign.close()
    # the command line reads it again: nothing is recorded twice
    monkeypatch.setenv("APOLOGY_COMPOSER_PASSWORD", imap_server.password)
    code = main(
        ["mailbox", "scan", str(path), "--imap-host", imap_server.host,
         "--imap-port", str(imap_server.imaps_port), "--username", imap_server.username]
    )  # fmt: skip
    assert code == EXIT_OK
    assert "nothing new about this campaign." in capsys.readouterr().out
    campaign = open_for_sending(path)
    try:
        events = journal.events(campaign.conn)
        states = {d.email: d.state for d in journal.rows(campaign.conn)}
        suppressed = campaign.suppress
        from composer import report

        reported = {row[1]: row for row in report.table(campaign)}
    finally:
        campaign.close()
    assert (found.bounced, found.replied, found.automatic) == (1, 2, 1)
    assert found.stopped == [dee] and found.looked_at == 6 and found.read == 5
    kinds = {(e.customer, e.kind) for e in events}
    assert kinds == {
        (ann, journal.BOUNCED),
        (bob, journal.REPLIED),
        (cas, journal.AUTO_REPLY),
        (dee, journal.REPLIED),
        (eve, journal.DELAYED),
    }
    [bounce] = [e for e in events if e.kind == journal.BOUNCED]
    assert bounce.status == "5.1.1" and "does not exist" in (bounce.detail or "")
    assert set(states.values()) == {journal.SENT}  # sent stays sent; the bounce is its own fact
    assert dee in suppressed  # the campaign's do-not-contact list
    # the report shows both: sent, and what the mailbox said later
    assert reported[ann][4] == "sent" and "bounced: " in reported[ann][-1]
    assert "(5.1.1)" in reported[ann][-1] and "replied: Thank you" in reported[bob][-1]
    assert "1 bounce" in found.sentence() and "asked not to be written to" in found.sentence()


def test_a_microsoft_sign_in_reads_the_mailbox_with_its_own_imap_token(
    identity_server, oauth_config
):
    from composer.accounts import account_from_preset
    from composer.signin import Tokens
    from tests.imap_server import IMAPTestServer, require_dovecot

    require_dovecot()
    account = account_from_preset("microsoft365", "owner@shop.test", "Sam", sign_in=True)
    answer = identity_server.issue_tokens("owner@shop.test", imap.IMAP_SCOPE)
    tokens = Tokens(account, answer["refresh_token"])
    with IMAPTestServer(token="none yet") as server:
        identity_server.on_token = lambda user, scope, token: (
            server.set_token(token) if scope.startswith(imap.IMAP_SCOPE) else None
        )
        with Mailbox(settings(server), tokens) as box:
            assert box.folder_with_role("\\Sent") == "Sent"
    [used] = [t for t in identity_server.issued if t.grant_type == "refresh_token"]
    assert imap.IMAP_SCOPE in used.scope  # its own token request, not the SMTP one


def test_gmail_signed_in_with_google_is_told_to_use_an_app_password(imap_server, oauth_config):
    from composer.accounts import account_from_preset
    from composer.signin import Tokens

    account = account_from_preset("gmail", "sam@gmail.com", "Sam", sign_in=True)
    with pytest.raises(ImapProblem, match="needs an app password"):
        Mailbox(settings(imap_server), Tokens(account, "a refresh token")).open()


def test_mailbox_options_without_an_account_take_each_ways_usual_port(monkeypatch):
    from composer.cli import parser
    from composer.cli.mailbox import mailbox_of

    monkeypatch.setenv("APOLOGY_COMPOSER_PASSWORD", "secret")
    for security, port in (("starttls", 143), ("tls", 993), (None, 993)):
        argv = ["mailbox", "scan", "c.apology", "--imap-host", "imap.shop.example",
                "--username", "owner@shop.example"]  # fmt: skip
        args = parser().parse_args(argv + (["--imap-security", security] if security else []))
        settings, secret = mailbox_of(args, None)
        assert (settings.port, settings.security, secret) == (port, security or "tls", "secret")

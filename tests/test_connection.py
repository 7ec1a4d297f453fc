"""Connecting and signing in, against the real loopback SMTP server, with plain-words failures."""

from __future__ import annotations

import asyncio
import socket

import aiosmtplib
import pytest

from composer import connection
from composer.connection import (
    STEP_CONNECT,
    STEP_LOGIN,
    STEP_QUIT,
    STEP_RESOLVE,
    STEP_TLS,
    STEPS,
    connect,
    disconnect,
    format_test_steps,
    test_account,
)
from tests.smtp_server import PASSWORD


def run(coro):
    return asyncio.run(coro)


def refused(server, account, secret=PASSWORD, **kwargs):
    """The ConnectionProblem ``connect`` raises."""
    with pytest.raises(connection.ConnectionProblem) as caught:
        run(connect(account, secret, **kwargs))
    problem = caught.value
    assert str(problem).endswith(".") and "\n" not in str(problem)
    return problem


async def send_one(account, secret, to):
    smtp = await connect(account, secret, timeout=10)
    try:
        await smtp.sendmail(account.address, [to], f"To: {to}\r\nSubject: hello\r\n\r\nHi!\r\n")
    finally:
        await disconnect(smtp)


@pytest.mark.parametrize("fixture", ["smtp_server", "smtp_server_tls"])
def test_connect_signs_in_over_tls_and_the_session_sends(fixture, request, trust_test_ca):
    server = request.getfixturevalue(fixture)
    run(send_one(server.account(), PASSWORD, "ann@example.test"))
    [message] = server.wait_for(1)
    assert message.rcpt_tos == ("ann@example.test",)
    assert message.username == server.username
    [record] = server.connections
    assert record.tls is True and record.messages == 1


@pytest.mark.parametrize("fixture", ["smtp_server", "smtp_server_tls"])
def test_account_test_walks_every_step(fixture, request, trust_test_ca):
    server = request.getfixturevalue(fixture)
    steps = run(test_account(server.account(), PASSWORD, timeout=10))
    assert [s for s, _, _ in steps] == list(STEPS)
    assert all(ok for _, ok, _ in steps), steps
    assert "TLS 1." in dict((s, d) for s, _, d in steps)[STEP_TLS]
    assert format_test_steps(steps).endswith("The account works: messages can be sent from it.")
    assert server.logins == [(server.username, True)]


def test_plain_loopback_server_is_allowed_without_tls(make_smtp_server):
    server = make_smtp_server(security="none")
    steps = run(test_account(server.account(), PASSWORD, timeout=10))
    assert all(ok for _, ok, _ in steps), steps
    assert "on this computer" in steps[2][2]


def test_wrong_password_is_rejected_with_the_providers_hint(smtp_server, trust_test_ca):
    problem = refused(smtp_server, smtp_server.account(provider="gmail"), "my-google-password")
    assert isinstance(problem, connection.LoginRejected)
    assert problem.reason == "login_rejected" and problem.field == "password"
    assert str(problem).startswith(
        f"The mail server {smtp_server.host} rejected the sign-in for owner@shop.test: Gmail needs "
        "an app password"
    )
    assert str(problem).endswith("(the server said: 535 5.7.8 Authentication credentials invalid).")
    assert problem.reply.startswith("535")
    assert smtp_server.logins == [(smtp_server.username, False)]


def test_login_rejection_stops_at_the_sign_in_step(smtp_server_tls, trust_test_ca):
    smtp_server_tls.set_faults(reject_login=True)
    steps = run(test_account(smtp_server_tls.account(), PASSWORD, timeout=10))
    assert [(s, ok) for s, ok, _ in steps] == [
        (STEP_RESOLVE, True),
        (STEP_CONNECT, True),
        (STEP_TLS, True),
        (STEP_LOGIN, False),
    ]
    assert "The account does not work yet. The mail server 127.0.0.1 rejected" in (
        format_test_steps(steps)
    )


@pytest.mark.parametrize("fixture", ["smtp_server", "smtp_server_tls"])
def test_untrusted_certificate(fixture, request, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    server = request.getfixturevalue(fixture)
    problem = refused(server, server.account(), timeout=10)
    assert isinstance(problem, connection.CertificateNotTrusted)
    assert "does not trust" in str(problem)
    assert server.logins == []


def test_tls_chosen_for_a_starttls_port(smtp_server, trust_test_ca):
    problem = refused(smtp_server, smtp_server.account(security="tls"), timeout=10)
    assert isinstance(problem, connection.WrongSecurity)
    assert str(problem) == (
        f"The server on port {smtp_server.port} expects STARTTLS, not TLS; choose STARTTLS."
    )


def test_starttls_chosen_for_a_tls_port(smtp_server_tls, trust_test_ca):
    # The server waits for a TLS hello and the client for a greeting; after the timeout
    # a short probe shows the port speaks TLS.
    problem = refused(smtp_server_tls, smtp_server_tls.account(security="starttls"), timeout=1)
    assert isinstance(problem, connection.WrongSecurity)
    assert "expects TLS from the start, not STARTTLS; choose TLS." in str(problem)


def test_starttls_chosen_where_the_server_offers_none(make_smtp_server, trust_test_ca):
    server = make_smtp_server(security="none")
    problem = refused(server, server.account(security="starttls"), timeout=10)
    assert isinstance(problem, connection.WrongSecurity)
    assert "does not offer STARTTLS" in str(problem)


def test_no_encryption_chosen_where_the_server_wants_starttls(smtp_server):
    problem = refused(smtp_server, smtp_server.account(security="none"), timeout=10)
    assert isinstance(problem, connection.WrongSecurity)
    assert "wants STARTTLS before signing in" in str(problem)
    assert smtp_server.logins == []


def test_plaintext_sign_in_off_loopback_is_refused_before_connecting():
    account = connection.Account(
        name="x",
        display_name="X",
        address="a@shop.test",
        host="192.0.2.1",
        port=25,
        security="none",
    )
    with pytest.raises(connection.AccountError, match="only for a server on this computer"):
        run(connect(account, "pw", timeout=1))


def test_closed_port_is_connection_refused(smtp_server):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    problem = refused(smtp_server, smtp_server.account(port=port), timeout=5)
    assert isinstance(problem, connection.ConnectionRefused)
    assert f"refused the connection on port {port}" in str(problem)


def test_unknown_host_is_host_not_found():
    account = connection.Account(
        name="x",
        display_name="X",
        address="a@shop.test",
        host="smtp.example.invalid",
        port=587,
    )
    steps = run(test_account(account, "pw", timeout=5))
    assert steps == [
        (
            STEP_RESOLVE,
            False,
            "The mail server smtp.example.invalid could not be found; check the server name.",
        )
    ]


def test_a_silent_server_times_out(smtp_server, trust_test_ca):
    smtp_server.set_faults(stall_seconds=30, stall_on="greeting")
    problem = refused(smtp_server, smtp_server.account(), timeout=1)
    assert isinstance(problem, connection.TimedOut)


def test_server_offering_no_sign_in(make_smtp_server):
    server = make_smtp_server(security="none", auth_mechanisms=())
    problem = refused(server, server.account(), timeout=10)
    assert isinstance(problem, connection.AuthNotOffered)


def test_connection_limit_greeting_is_server_busy(make_smtp_server, trust_test_ca):
    server = make_smtp_server(security="starttls", max_connections=0)
    problem = refused(server, server.account(), timeout=10)
    assert isinstance(problem, connection.ServerBusy)
    assert problem.reply.startswith("421 4.3.2")


def test_an_oauth2_account_signs_in_with_its_token_over_xoauth2(make_smtp_server, trust_test_ca):
    """Issue 9: Microsoft 365 and Outlook.com take SMTP sign-in only as XOAUTH2 with an access
    token, on the same pooled connections as a password."""
    server = make_smtp_server(token="token-1")
    account = server.account(auth="oauth2")
    run(send_one(account, "token-1", "ann@example.com"))
    assert server.logins == [(account.login, True)]
    assert server.messages[0].username == account.login
    assert "PASSWORD" not in str(server.logins)


def test_a_stale_or_foreign_token_says_sign_in_again(make_smtp_server, trust_test_ca):
    server = make_smtp_server(token="token-2")
    account = server.account(auth="oauth2")
    stale = refused(server, account, "token-1", timeout=10)
    assert isinstance(stale, connection.LoginRejected) and not stale.retryable
    assert str(stale).endswith("the sign-in is no longer accepted; sign in again.")
    other = refused(server, server.account(auth="oauth2", username="bob@shop.test"), "token-2")
    assert "was for another account than bob@shop.test; sign in again as bob@shop.test" in str(
        other
    )
    server.set_faults(smtp_auth_disabled=True)
    off = refused(server, account, "token-2", timeout=10)
    assert "SMTP sign-in is turned off for this mailbox" in str(off)
    assert [ok for _, ok in server.logins] == [False, False, False]


def test_a_server_without_xoauth2_says_so_before_any_token_leaves(smtp_server, trust_test_ca):
    problem = refused(smtp_server, smtp_server.account(auth="oauth2"), "token-1", timeout=10)
    assert isinstance(problem, connection.AuthNotOffered)
    assert "XOAUTH2" in str(problem)
    assert smtp_server.logins == []


def test_an_oauth2_account_without_a_saved_sign_in_says_to_sign_in_and_never_asks_a_password():
    from composer import accounts, signin

    account = accounts.account_from_preset("outlook", "a@outlook.com", "A")
    asked = []
    with pytest.raises(accounts.MissingSecret, match="not signed in with Microsoft"):
        accounts.resolve_secret(
            account, env={"APOLOGY_COMPOSER_PASSWORD": "pw"}, prompt=asked.append
        )
    assert asked == []
    accounts.store_secret(account, "refresh-" + "r" * 3000)
    tokens = accounts.resolve_secret(account, env={})
    assert isinstance(tokens, signin.Tokens)
    assert tokens.refresh_token == "refresh-" + "r" * 3000
    assert "rrr" not in repr(tokens)


def test_step_names_are_the_documented_ones():
    assert STEPS == (STEP_RESOLVE, STEP_CONNECT, STEP_TLS, STEP_LOGIN, STEP_QUIT)


def test_disconnect_waits_for_the_socket_even_after_the_server_hung_up(smtp_server, trust_test_ca):
    smtp_server.set_faults(close_after=1)

    async def two_messages():
        smtp = await connect(smtp_server.account(), PASSWORD, timeout=10)
        await smtp.sendmail(smtp_server.username, ["a@x.test"], "Subject: 1\r\n\r\nx\r\n")
        with pytest.raises(aiosmtplib.SMTPSenderRefused) as caught:
            await smtp.sendmail(smtp_server.username, ["b@x.test"], "Subject: 2\r\n\r\nx\r\n")
        assert caught.value.code == 421 and not smtp.is_connected
        await disconnect(smtp)
        return smtp._composer_protocol.transport  # set to None only by connection_lost

    assert run(two_messages()) is None
    assert [m.rcpt_tos for m in smtp_server.messages] == [("a@x.test",)]

"""One sending path, several transports: the sender over SMTP with XOAUTH2 tokens that expire
and renew, over Microsoft Graph sendMail and over the Gmail API — against the loopback identity
server, the loopback mail API fake and the real SMTP server; what the servers received and what
the journal holds are the oracle."""

from __future__ import annotations

import asyncio
import dataclasses
from collections import Counter

import pytest

from composer import accounts, journal, report
from composer.sender import Sender, Summary
from composer.signin import GMAIL_SCOPE, GRAPH_SCOPE, SMTP_SCOPE, Tokens
from composer.transport import GRAPH_ACCEPTED
from composer.trial import send_to_self
from tests.sending_helpers import address_of, assert_one_to_one, make_campaign, open_for_sending
from tests.smtp_server import USERNAME


def one_to_one(messages) -> None:
    """Every message a mail API took: one address in To, nobody in Cc or Bcc."""
    for m in messages:
        assert len(m.message["To"].addresses) == 1
        assert m.message["Cc"] is None and m.message["Bcc"] is None


pytestmark = pytest.mark.usefixtures("oauth_config")

OWNER_OF_THE_MAILBOX = "Shop Owner"


def api_account(transport: str) -> accounts.Account:
    preset = "microsoft365" if transport == "graph" else "google_workspace"
    account = accounts.account_from_preset(preset, USERNAME, OWNER_OF_THE_MAILBOX, sign_in=True)
    return dataclasses.replace(account, transport=transport, rate=None)


def signed_in(identity_server, account: accounts.Account, scope: str) -> Tokens:
    provider = "google" if scope == GMAIL_SCOPE else "microsoft"
    answer = identity_server.issue_tokens(USERNAME, scope, provider=provider)
    return Tokens(account, answer["refresh_token"])


def api_sign_in(identity_server, transport: str) -> tuple[accounts.Account, Tokens]:
    """An account sending through Graph or the Gmail API, signed in for it."""
    account = api_account(transport)
    scope = GRAPH_SCOPE if transport == "graph" else GMAIL_SCOPE
    return account, signed_in(identity_server, account, scope)


def run(path, account, secret, **options) -> Summary:
    campaign = open_for_sending(path)
    try:
        options.setdefault("retry_base", 0.02)
        options.setdefault("timeout", 5)
        return asyncio.run(Sender(campaign, account, secret, **options).run())
    finally:
        campaign.close()


def journal_of(path) -> list[journal.Delivery]:
    campaign = open_for_sending(path)
    try:
        return journal.rows(campaign.conn)
    finally:
        campaign.close()


def campaign_from_owner(tmp_path, count):
    return make_campaign(tmp_path / "c.apology", count)


# -- SMTP with tokens -----------------------------------------------------------------------


def test_an_expired_token_is_renewed_once_and_the_run_goes_on(
    tmp_path, identity_server, make_smtp_server, trust_test_ca
):
    """Each connection signs in with the current token; after the server stops taking it (it
    expired), the next connection renews it once and the run continues, nothing doubled."""
    server = make_smtp_server(token="not yet", close_after=3)

    def on_token(user, scope, token):
        if scope.startswith(SMTP_SCOPE):
            server.set_token(token)

    identity_server.on_token = on_token
    account = server.account(auth="oauth2", provider="microsoft365", address=USERNAME)
    tokens = signed_in(identity_server, account, SMTP_SCOPE)
    tokens.access_token()
    path = campaign_from_owner(tmp_path, 5)
    first = run(path, account, tokens, connections=1)
    assert first.sent == 5 and tokens.renewals == 1  # the first token, used by every connection

    identity_server.expire_access_tokens()
    server.set_token("a newer one, from elsewhere")  # the token in memory is refused now
    more = make_campaign(tmp_path / "d.apology", 7)
    summary = run(more, account, tokens, connections=1)
    assert summary.sent == 7 and not summary.error
    assert tokens.renewals == 2  # renewed once, after one refusal, not once per connection
    assert len(server.messages) == 12
    assert_one_to_one(server.messages)
    refused = [ok for _, ok in server.logins if not ok]
    assert len(refused) == 1


def test_a_revoked_sign_in_stops_the_run_with_sign_in_again(
    tmp_path, identity_server, make_smtp_server, trust_test_ca
):
    server = make_smtp_server(token="whatever the provider says")
    identity_server.on_token = lambda user, scope, token: server.set_token(token)
    account = server.account(auth="oauth2", provider="microsoft365", address=USERNAME)
    tokens = signed_in(identity_server, account, SMTP_SCOPE)
    tokens.access_token()
    identity_server.revoke(USERNAME)
    server.set_token("expired meanwhile")
    path = campaign_from_owner(tmp_path, 4)
    summary = run(path, account, tokens)
    assert summary.sent == 0 and server.messages == []
    assert summary.sign_in_refused
    assert "has expired or was withdrawn; sign in again with Microsoft" in (summary.error or "")
    assert Counter(d.state for d in journal_of(path)) == {journal.QUEUED: 4}


def test_smtp_auth_switched_off_is_not_renewed_and_says_graph(
    tmp_path, identity_server, make_smtp_server, trust_test_ca
):
    server = make_smtp_server(token="t", smtp_auth_disabled=True)
    account = server.account(auth="oauth2", provider="microsoft365", address=USERNAME)
    tokens = signed_in(identity_server, account, SMTP_SCOPE)
    summary = run(campaign_from_owner(tmp_path, 2), account, tokens)
    assert "5.7.139" in (summary.error or "") and "Microsoft Graph" in (summary.error or "")
    assert tokens.renewals == 1  # the first token only: a new one changes nothing
    assert not summary.sign_in_refused  # nothing to forget: the sign-in itself is fine


# -- Microsoft Graph ------------------------------------------------------------------------


def test_graph_sends_each_message_whole_and_the_journal_says_accepted_by_microsoft(
    tmp_path, identity_server, mail_api_server
):
    account, tokens = api_sign_in(identity_server, "graph")
    path = campaign_from_owner(tmp_path, 6)
    summary = run(path, account, tokens, connections=2)
    assert summary.sent == 6 and not summary.error
    assert "Microsoft accepted all 6 messages" in summary.verdict()
    assert "does not confirm delivery" in summary.verdict()
    got = mail_api_server.wait_for(6)
    assert {m.api for m in got} == {"graph"} and {m.user for m in got} == {USERNAME}
    assert sorted(m.message["To"].addresses[0].addr_spec for m in got) == sorted(
        address_of(row) for row in range(2, 8)
    )
    one_to_one(got)
    lines = journal_of(path)
    assert {d.last_reply for d in lines} == {GRAPH_ACCEPTED}
    # the Message-ID the journal keeps is the one Microsoft got
    assert {d.message_id for d in lines} == {m.message["Message-ID"] for m in got}
    campaign = open_for_sending(path)
    try:
        rows = report.table(campaign)
    finally:
        campaign.close()
    assert {r[4] for r in rows} == {"accepted by Microsoft"}
    assert all("weaker evidence than a mail server's 250" in str(r[5]) for r in rows)


def test_graph_throttling_and_outages_are_deferrals_and_a_refused_token_is_renewed_once(
    tmp_path, identity_server, mail_api_server
):
    account, tokens = api_sign_in(identity_server, "graph")
    mail_api_server.set_faults(
        throttle_next=1, retry_after=1, unavailable_next=1, unavailable_retry_after=None
    )
    path = campaign_from_owner(tmp_path, 3)
    summary = run(path, account, tokens, connections=1)
    assert summary.sent == 3 and len(mail_api_server.messages) == 3
    statuses = [r.status for r in mail_api_server.requests]
    assert statuses.count(429) == 1 and statuses.count(503) == 1
    attempts = [d.attempts for d in journal_of(path)]
    assert sum(attempts) == 5  # one more attempt for each deferral, nothing given up

    mail_api_server.set_faults(unauthorized_next=1)
    more = make_campaign(tmp_path / "d.apology", 2)
    renewals = tokens.renewals
    summary = run(more, account, tokens, connections=1)
    assert summary.sent == 2 and tokens.renewals == renewals + 1


def test_graph_refusing_twice_stops_the_run_and_says_sign_in_again(
    tmp_path, identity_server, mail_api_server
):
    account, tokens = api_sign_in(identity_server, "graph")
    mail_api_server.set_faults(unauthorized_next=2)
    path = campaign_from_owner(tmp_path, 3)
    summary = run(path, account, tokens, connections=1)
    assert summary.sent == 0 and summary.sign_in_refused
    assert "sign in again" in (summary.error or "")
    assert mail_api_server.messages == []
    states = Counter(d.state for d in journal_of(path))
    assert states[journal.IN_DOUBT] == 0 and states[journal.SENT] == 0  # all wait for later


def test_graph_answer_lost_after_the_request_went_is_in_doubt_never_resent(
    tmp_path, identity_server, mail_api_server
):
    account, tokens = api_sign_in(identity_server, "graph")
    mail_api_server.set_faults(hang_after_record_next=1, hang_seconds=3)
    path = campaign_from_owner(tmp_path, 3)
    summary = run(path, account, tokens, connections=1, timeout=0.5)
    states = Counter(d.state for d in journal_of(path))
    assert states == {journal.SENT: 2, journal.IN_DOUBT: 1}
    assert len(summary.in_doubt) == 1
    # Microsoft has it: exactly once, however the run ended
    to = Counter(m.message["To"].addresses[0].addr_spec for m in mail_api_server.messages)
    assert sorted(to.values()) == [1, 1, 1]


def test_graph_connection_cut_after_the_request_is_in_doubt(
    tmp_path, identity_server, mail_api_server
):
    account, tokens = api_sign_in(identity_server, "graph")
    mail_api_server.set_faults(cut_next=1)
    path = campaign_from_owner(tmp_path, 2)
    run(path, account, tokens, connections=1)
    states = Counter(d.state for d in journal_of(path))
    assert states == {journal.IN_DOUBT: 1, journal.SENT: 1}


def test_a_message_too_large_for_graph_fails_alone(tmp_path, identity_server, mail_api_server):
    account, tokens = api_sign_in(identity_server, "graph")
    mail_api_server.set_faults(too_large_next=1)
    path = campaign_from_owner(tmp_path, 3)
    summary = run(path, account, tokens, connections=1)
    assert summary.sent == 2 and summary.failed == 1
    [failed] = [d for d in journal_of(path) if d.state == journal.FAILED]
    assert failed.last_reply and failed.last_reply.startswith("413")


def test_a_graph_service_that_cannot_be_reached_loses_nothing(
    tmp_path, identity_server, oauth_config, monkeypatch
):
    """Nothing listens where Graph should be: no message is in doubt, all wait for later."""
    import json
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    settings = json.loads(oauth_config.read_text(encoding="utf-8"))
    settings["microsoft"]["graph_url"] = f"https://127.0.0.1:{dead}/v1.0"
    moved = tmp_path / "dead-graph.json"
    moved.write_text(json.dumps(settings), encoding="utf-8")
    monkeypatch.setenv("APOLOGY_COMPOSER_OAUTH_CONFIG", str(moved))
    account, tokens = api_sign_in(identity_server, "graph")
    path = campaign_from_owner(tmp_path, 3)
    summary = run(path, account, tokens, connections=1, max_attempts=2)
    assert summary.sent == 0 and summary.in_doubt == []
    assert "could not be reached" in (summary.error or "")
    assert {d.state for d in journal_of(path)} <= {journal.QUEUED, journal.DEFERRED}


# -- Gmail API ------------------------------------------------------------------------------


def test_gmail_sends_the_raw_message_and_the_journal_keeps_googles_id(
    tmp_path, identity_server, mail_api_server
):
    account, tokens = api_sign_in(identity_server, "gmail")
    path = campaign_from_owner(tmp_path, 4)
    summary = run(path, account, tokens, connections=2)
    assert summary.sent == 4
    got = mail_api_server.wait_for(4)
    assert {m.api for m in got} == {"gmail"}
    one_to_one(got)
    replies = {d.last_reply for d in journal_of(path)}
    assert replies == {f"200 accepted by Google (id {m.id})" for m in got}


def test_the_test_to_yourself_goes_the_campaigns_way(tmp_path, identity_server, mail_api_server):
    account, tokens = api_sign_in(identity_server, "gmail")
    path = campaign_from_owner(tmp_path, 2)
    campaign = open_for_sending(path)
    try:
        reply = asyncio.run(send_to_self(campaign, account, tokens))
    finally:
        campaign.close()
    [got] = mail_api_server.wait_for(1)
    assert got.message["To"].addresses[0].addr_spec == USERNAME
    assert got.message["Subject"].startswith("[TEST] ")
    assert reply == f"200 accepted by Google (id {got.id})"


def test_account_test_with_a_stale_token_renews_it_and_shows_each_step_once(
    identity_server, make_smtp_server, trust_test_ca
):
    from composer.connection import STEPS, test_account

    server = make_smtp_server(token="not yet")
    identity_server.on_token = lambda user, scope, token: server.set_token(token)
    account = server.account(auth="oauth2", provider="microsoft365", address=USERNAME)
    tokens = signed_in(identity_server, account, SMTP_SCOPE)
    tokens.access_token()
    server.set_token("renewed elsewhere")  # the token in memory is refused now
    steps = asyncio.run(test_account(account, tokens, timeout=10))
    assert [step for step, _, _ in steps] == list(STEPS)
    assert all(ok for _, ok, _ in steps) and tokens.renewals == 2

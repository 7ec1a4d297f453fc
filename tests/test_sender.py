"""The sender against a real SMTP server on loopback (tests/smtp_server.py), fault by fault.

No SMTP mocks: every check is on what the server recorded and what the journal says."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections import Counter

import pytest

from composer import journal
from composer.sender import (
    CAP_REACHED,
    FAILED,
    FINISHED,
    IN_DOUBT,
    PAUSED,
    RESUMED,
    RETRY,
    SENDING,
    SENT,
    STARTED,
    Event,
    Sender,
    Summary,
)
from composer.trial import dry_run, send_to_self
from tests.sending_helpers import (
    address_of,
    assert_one_to_one,
    customers,
    make_campaign,
    open_for_sending,
)
from tests.smtp_server import PASSWORD


def send(path, server, *, tls=True, control=None, **options) -> tuple[Summary, list[Event]]:
    """One run of the sender over the campaign file; returns the summary and every event."""
    events: list[Event] = []
    campaign = open_for_sending(path)
    try:
        account = options.pop("account", None) or server.account()
        options.setdefault("retry_base", 0.02)
        options.setdefault("timeout", 5)
        sender = Sender(
            campaign,
            account,
            options.pop("secret", PASSWORD),
            tls_context=server.client_tls_context() if tls else None,
            on_event=lambda e: (events.append(e), control and control(sender, e, campaign)),
            **options,
        )
        summary = asyncio.run(sender.run())
    finally:
        campaign.close()
    return summary, events


def kinds(events: list[Event]) -> Counter:
    return Counter(e.kind for e in events)


def states(path) -> dict[int, str]:
    campaign = open_for_sending(path)
    try:
        return {d.row: d.state for d in journal.rows(campaign.conn)}
    finally:
        campaign.close()


def deliveries(path) -> list[journal.Delivery]:
    campaign = open_for_sending(path)
    try:
        return journal.rows(campaign.conn)
    finally:
        campaign.close()


@pytest.fixture
def campaign_path(tmp_path):
    return make_campaign(tmp_path / "sorry.apology", 12)


def test_every_message_goes_one_to_one_over_reused_connections(campaign_path, make_smtp_server):
    server = make_smtp_server(security="starttls")
    in_sending = []
    observer = sqlite3.connect(campaign_path)  # sees what is committed, as a crash would

    def watch(sender, event, campaign):
        if event.kind == SENDING:
            in_sending.append(journal.counts(observer)[journal.SENDING])

    try:
        summary, events = send(campaign_path, server, connections=3, control=watch)
    finally:
        observer.close()

    assert summary.ok and summary.sent == 12 and summary.counts[journal.SENT] == 12
    received = server.messages
    assert len(received) == 12
    assert_one_to_one(received)
    recorded = {d.email: d for d in deliveries(campaign_path)}
    for m in received:
        d = recorded[m.rcpt_tos[0]]
        assert m.message["Message-ID"] == d.message_id
        assert d.last_reply.startswith("250") and d.sent_at is not None
        assert m.message["Subject"] == f"We are sorry, {d.name}"
    # connections are reused: three logins for twelve messages, never one per message
    assert len(server.logins) == 3
    assert sum(c.messages for c in server.connections) == 12
    assert max(in_sending) <= 3
    assert kinds(events)[SENT] == 12
    assert events[0].kind == STARTED and events[0].total == 12
    assert events[-1].kind == FINISHED


def test_implicit_tls_server(campaign_path, make_smtp_server):
    server = make_smtp_server(security="tls")
    summary, _ = send(campaign_path, server, connections=2)
    assert summary.sent == 12
    assert all(c.tls for c in server.connections)


def test_temporary_failures_are_retried_then_sent(campaign_path, make_smtp_server):
    server = make_smtp_server(temp_fail_next=3)
    summary, events = send(campaign_path, server, connections=1)
    assert summary.counts[journal.SENT] == 12
    assert kinds(events)[RETRY] == 3
    assert all(e.reason.startswith("451") for e in events if e.kind == RETRY)
    assert len(server.messages) == 12  # a 451 is not a delivery: nothing doubled
    assert sorted(d.attempts for d in deliveries(campaign_path))[-3:] == [2, 2, 2]


def test_a_temporary_failure_that_never_ends_fails_after_max_attempts(tmp_path, make_smtp_server):
    path = make_campaign(tmp_path / "c.apology", 2)
    server = make_smtp_server(temp_fail_probability=1.0, seed=1)
    summary, events = send(path, server, connections=1, max_attempts=3)
    assert summary.counts[journal.FAILED] == 2 and summary.failed == 2
    assert kinds(events)[RETRY] == 4  # attempts 1 and 2 of each, the third fails
    for d in deliveries(path):
        assert d.attempts == 3
        assert "Gave up after 3 attempts" in d.last_reply and "451" in d.last_reply


def test_permanent_refusal_fails_that_recipient_and_the_run_goes_on(
    campaign_path, make_smtp_server
):
    refused = {address_of(3), address_of(7)}
    server = make_smtp_server(reject_recipients=refused)
    summary, events = send(campaign_path, server)
    by_row = {d.row: d for d in deliveries(campaign_path)}
    assert {by_row[r].state for r in (3, 7)} == {journal.FAILED}
    assert by_row[3].last_reply.startswith("550")
    assert summary.counts[journal.SENT] == 10
    assert {m.rcpt_tos[0] for m in server.messages}.isdisjoint(refused)
    assert {e.row for e in events if e.kind == FAILED} == {3, 7}
    assert len(server.logins) == 3  # the 550 did not cost a connection


def test_per_connection_limit_means_reconnect_and_continue(campaign_path, make_smtp_server):
    server = make_smtp_server(close_after=4)
    summary, _ = send(campaign_path, server, connections=1)
    assert summary.counts[journal.SENT] == 12
    received = server.messages
    assert len(received) == 12 and len({m.rcpt_tos for m in received}) == 12
    assert len(server.logins) == 3  # 4 messages per connection
    assert all(c.messages <= 4 for c in server.connections)


def test_fewer_connections_allowed_than_asked(campaign_path, make_smtp_server):
    server = make_smtp_server(max_connections=2)
    summary, _ = send(campaign_path, server, connections=3)
    assert summary.ok and summary.counts[journal.SENT] == 12
    assert len(server.messages) == 12


def test_connection_lost_after_the_message_is_in_doubt_and_never_resent_silently(
    campaign_path, make_smtp_server
):
    server = make_smtp_server(drop_after_data=1)
    summary, events = send(campaign_path, server, connections=1)
    assert summary.counts[journal.SENT] == 11
    assert len(summary.in_doubt) == 1
    [doubt_row] = summary.in_doubt
    assert len(server.messages) == 12  # the server did get it: retrying would double it
    assert [e.row for e in events if e.kind == IN_DOUBT] == [doubt_row]

    # a second run sends nothing, and says which one is in doubt
    again, events = send(campaign_path, server)
    assert again.sent == 0 and len(server.messages) == 12
    assert [e.rows for e in events if e.kind == IN_DOUBT] == [(doubt_row,)]

    # only when the person says so does it go again
    final, _ = send(campaign_path, server, resend_in_doubt=True)
    assert final.sent == 1 and final.counts[journal.SENT] == 12 and not final.in_doubt
    assert len(server.messages) == 13


def test_a_stalled_server_times_out_and_the_run_stops_instead_of_waiting_per_retry(
    tmp_path, make_smtp_server
):
    """Before DATA a timeout loses nothing, but each costs a full timeout: once the silence
    has met every connection (two timeouts at least) the run stops, the rest waits."""
    path = make_campaign(tmp_path / "c.apology", 6)
    server = make_smtp_server(stall_seconds=1.5, stall_on="rcpt")
    summary, events = send(path, server, connections=1, timeout=0.3, max_attempts=5)
    assert summary.error and "stopped answering" in summary.error
    assert "it did not answer in time, 2 times in a row" in summary.error
    assert kinds(events)[RETRY] == 2  # two waits of one timeout, not 6 x 5
    assert server.messages == []
    assert Counter(states(path).values())[journal.SENT] == 0
    assert summary.remaining == 6  # nobody failed, nobody lost

    server.clear_faults()
    summary, _ = send(path, server)
    assert summary.sent == 6 and len(server.messages) == 6


def test_a_server_silent_after_the_message_leaves_it_in_doubt(tmp_path, make_smtp_server):
    path = make_campaign(tmp_path / "c.apology", 1)
    server = make_smtp_server(stall_seconds=1.0, stall_on="data")
    summary, _ = send(path, server, timeout=0.3)
    assert summary.in_doubt == [2]
    assert summary.counts[journal.IN_DOUBT] == 1


def test_rejected_login_stops_the_run_at_once(campaign_path, make_smtp_server):
    server = make_smtp_server(reject_login=True)
    summary, events = send(campaign_path, server, connections=3)
    assert summary.error and "rejected" in summary.error
    assert len(server.logins) == 1  # one try, not one per connection or message
    assert summary.sent == 0 and summary.counts[journal.QUEUED] == 12
    assert server.messages == []


def test_wrong_password_is_a_rejected_login_too(campaign_path, make_smtp_server):
    server = make_smtp_server()
    summary, _ = send(campaign_path, server, secret="wrong")
    assert summary.error and "rejected" in summary.error and len(server.logins) == 1


def test_untrusted_certificate_stops_with_a_plain_reason(
    campaign_path, make_smtp_server, monkeypatch
):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    server = make_smtp_server(security="starttls")
    summary, _ = send(campaign_path, server, tls=False)
    assert summary.error and "certificate" in summary.error
    assert server.messages == [] and summary.counts[journal.QUEUED] == 12


def test_a_campaign_that_check_blocks_is_not_sent(tmp_path, make_smtp_server):
    table = customers(3)
    table.rows[1] = (table.rows[1][0], None, table.rows[1][2])  # row 3 has no name
    path = make_campaign(tmp_path / "c.apology", 3, table=table)
    server = make_smtp_server()
    summary, events = send(path, server)
    assert summary.error and "name" in summary.error
    assert server.messages == [] and server.logins == []
    assert [e.kind for e in events] == ["error", FINISHED]


def test_limit_then_resume_sends_each_recipient_once(campaign_path, make_smtp_server):
    server = make_smtp_server()
    first, _ = send(campaign_path, server, limit=5)
    assert first.sent == 5 and first.remaining == 7
    second, _ = send(campaign_path, server)
    assert second.sent == 7
    assert sorted(Counter(m.rcpt_tos[0] for m in server.messages).values()) == [1] * 12


def test_daily_cap_stops_cleanly_and_says_when_the_rest_can_go(campaign_path, make_smtp_server):
    server = make_smtp_server()
    summary, events = send(campaign_path, server, daily_cap=5)
    assert summary.sent == 5 and summary.cap_reached and summary.remaining == 7
    [cap] = [e for e in events if e.kind == CAP_REACHED]
    first_sent = min(d.sent_at for d in deliveries(campaign_path) if d.sent_at)
    assert cap.resume_at == pytest.approx(first_sent + 24 * 3600)
    assert "daily limit of 5" in cap.reason
    # the window is computed from the journal: a new run today sends nothing more
    again, _ = send(campaign_path, server, daily_cap=5)
    assert again.sent == 0 and again.cap_reached and len(server.messages) == 5


def test_daily_cap_is_filled_when_connections_wait_for_the_rate(campaign_path, make_smtp_server):
    # Places held by connections waiting for their turn are not "used": the run sends up to
    # the cap, and only then says the rest can go a day after the first one.
    server = make_smtp_server()
    summary, _ = send(campaign_path, server, daily_cap=5, rate=600, connections=3)
    assert summary.sent == 5 and summary.cap_reached and len(server.messages) == 5
    first_sent = min(d.sent_at for d in deliveries(campaign_path) if d.sent_at)
    assert summary.resume_at == pytest.approx(first_sent + 24 * 3600)


def test_cancel_from_another_thread_finishes_in_flight_and_keeps_the_journal_exact(
    tmp_path, make_smtp_server
):
    path = make_campaign(tmp_path / "c.apology", 30)
    server = make_smtp_server(reply_delay_ms=20)

    def cancel_after_three(sender, event, campaign):
        if event.kind == SENT and sum(1 for m in server.messages) >= 3:
            threading.Thread(target=sender.cancel).start()

    summary, events = send(path, server, connections=2, control=cancel_after_three)
    assert summary.cancelled and not summary.ok
    counts = summary.counts
    assert counts[journal.SENDING] == 0 and counts[journal.IN_DOUBT] == 0
    assert counts[journal.SENT] == len(server.messages) < 30
    assert counts[journal.QUEUED] == 30 - counts[journal.SENT]
    assert events[-1].kind == FINISHED


def test_pause_starts_nothing_new_until_resume(tmp_path, make_smtp_server):
    path = make_campaign(tmp_path / "c.apology", 6)
    server = make_smtp_server()
    seen: list[str] = []

    def pause_once(sender, event, campaign):
        seen.append(event.kind)
        if event.kind == SENT and PAUSED not in seen:
            sender.pause()
            threading.Timer(0.3, sender.resume).start()

    summary, _ = send(path, server, connections=1, control=pause_once)
    assert summary.sent == 6
    between = seen[seen.index(PAUSED) : seen.index(RESUMED)]
    assert SENDING not in between and SENT not in between


def test_pause_holds_a_connection_that_was_waiting_for_its_turn_under_the_rate(
    tmp_path, make_smtp_server
):
    # Two connections at 60 a minute: when the first message is sent the second connection
    # is still waiting for its beat; pausing then must keep it from starting a transaction.
    path = make_campaign(tmp_path / "c.apology", 3)
    server = make_smtp_server()
    seen: list[str] = []

    def pause_once(sender, event, campaign):
        seen.append(event.kind)
        if event.kind == SENT and PAUSED not in seen:
            sender.pause()
            threading.Timer(1.5, sender.resume).start()

    summary, _ = send(path, server, connections=2, rate=60, control=pause_once)
    assert summary.sent == 3
    between = seen[seen.index(PAUSED) : seen.index(RESUMED)]
    assert SENDING not in between and SENT not in between


def test_events_as_an_async_iterator(campaign_path, make_smtp_server):
    server = make_smtp_server()
    campaign = open_for_sending(campaign_path)

    async def main() -> list[str]:
        sender = Sender(
            campaign, server.account(), PASSWORD, tls_context=server.client_tls_context()
        )
        seen: list[str] = []

        async def listen() -> None:
            async for event in sender.events():
                seen.append(event.kind)

        listener = asyncio.create_task(listen())
        await asyncio.sleep(0)
        await sender.run()
        await listener
        return seen

    try:
        seen = asyncio.run(main())
    finally:
        campaign.close()
    assert seen[0] == STARTED and seen[-1] == FINISHED and seen.count(SENT) == 12


def test_test_to_self_goes_to_the_owner_and_is_not_a_delivery(campaign_path, make_smtp_server):
    server = make_smtp_server()
    campaign = open_for_sending(campaign_path)
    try:
        account = server.account()
        reply = asyncio.run(
            send_to_self(
                campaign, account, PASSWORD, row=4, tls_context=server.client_tls_context()
            )
        )
        assert journal.rows(campaign.conn) == []
    finally:
        campaign.close()
    assert reply.startswith("250")
    [m] = server.messages
    assert m.rcpt_tos == (account.address,)
    assert m.message["Subject"] == "[TEST] We are sorry, Customer 2"
    assert account.address in m.message["To"] and "customer" not in m.message["To"]


def test_dry_run_writes_eml_files_and_touches_nothing_else(campaign_path, tmp_path):
    campaign = open_for_sending(campaign_path)
    try:
        assert dry_run(campaign, tmp_path / "outbox") == 12
        assert journal.rows(campaign.conn) == []
    finally:
        campaign.close()
    files = sorted((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 12
    assert b"To: Customer 0 <customer0000@example.com>" in files[0].read_bytes()


def test_resending_in_doubt_leaves_out_those_no_longer_chosen_and_never_hangs(
    campaign_path, make_smtp_server
):
    """Two in doubt; one of them is then left out by the filter. --resend-in-doubt sends the
    other one again and the queued rest: exactly the plan's number, and the run ends."""
    from composer.audience import NOT_EQUALS, Condition, Filter
    from composer.plan import Next

    server = make_smtp_server(drop_after_data=2)
    summary, _ = send(campaign_path, server, connections=1)
    assert len(summary.in_doubt) == 2
    first, second = summary.in_doubt
    server.clear()
    with open_for_sending(campaign_path) as campaign:
        campaign.filter = Filter((Condition("email", NOT_EQUALS, address_of(first)),))
        campaign.save()
        planned = campaign.plan(resend_in_doubt=True)
    waiting = planned.counts[Next.SEND]
    assert planned.to_send == waiting + 1  # the chosen one in doubt, not the other
    summary, events = send(campaign_path, server, connections=2, resend_in_doubt=True)
    assert summary.ok and summary.sent == planned.to_send
    assert len(server.messages) == planned.to_send
    assert address_of(first) not in {m.rcpt_tos[0] for m in server.messages}
    assert address_of(second) in {m.rcpt_tos[0] for m in server.messages}
    started = next(e for e in events if e.kind == STARTED)
    assert started.total == planned.to_send


def test_a_server_that_never_confirms_stops_the_run_while_few_are_in_doubt(
    tmp_path, make_smtp_server
):
    """Each message the server takes without answering is in doubt after a full timeout; a run
    that went on would leave every customer in doubt. It stops after one per connection."""
    path = make_campaign(tmp_path / "c.apology", 12)
    server = make_smtp_server(stall_seconds=2.0, stall_on="data")
    summary, _ = send(path, server, connections=2, timeout=0.3)
    assert 2 <= len(summary.in_doubt) <= 3  # one per connection, and one already under way
    assert summary.error and "stopped confirming messages" in summary.error
    states_now = Counter(states(path).values())
    assert states_now[journal.QUEUED] == 12 - len(summary.in_doubt)  # waiting, not lost
    assert states_now[journal.SENT] == 0


def test_an_oauth2_account_sends_over_pooled_xoauth2_connections(tmp_path, make_smtp_server):
    """Issue 9, the SMTP part: each pooled connection signs in once with the access token."""
    path = make_campaign(tmp_path / "c.apology", 12)
    server = make_smtp_server(token="token-1")
    summary, _ = send(path, server, account=server.account(auth="oauth2"), secret="token-1")
    assert summary.sent == 12 and len(server.messages) == 12
    assert_one_to_one(server.messages)
    assert all(ok for _, ok in server.logins) and 1 <= len(server.logins) <= 3

    server.set_token("token-2")  # the token expired; nothing here can refresh it yet
    more = make_campaign(tmp_path / "d.apology", 2)
    summary, _ = send(more, server, account=server.account(auth="oauth2"), secret="token-1")
    assert summary.sign_in_refused and "sign in again" in (summary.error or "")
    assert summary.sent == 0

"""The test SMTP server itself: what it records and that each fault does what it says.

Other tests trust it to misbehave on cue, so its switches are checked here with a bare
aiosmtplib client (no code of ours in between)."""

from __future__ import annotations

import asyncio
import threading

import aiosmtplib
import pytest

from tests.smtp_server import PASSWORD, USERNAME, SMTPTestServer


def body(to: str) -> str:
    return f"From: {USERNAME}\r\nTo: {to}\r\nSubject: sorry\r\n\r\nWe are sorry.\r\n"


async def session(server: SMTPTestServer, recipients: list[str]) -> list[str]:
    """Send one message per recipient over ONE connection; the outcome of each."""
    client = aiosmtplib.SMTP(
        hostname=server.host,
        port=server.port,
        use_tls=server.security == "tls",
        start_tls=server.security == "starttls",
        tls_context=server.client_tls_context(),
        timeout=5,
        local_hostname="client.test",
    )
    await client.connect()
    protocol = client.protocol  # aiosmtplib forgets it after a 421; we wait on it at the end
    outcomes = []
    try:
        await client.login(USERNAME, PASSWORD)
        for to in recipients:
            try:
                _, reply = await client.sendmail(USERNAME, [to], body(to))
                outcomes.append(reply.split()[0])
            except aiosmtplib.SMTPRecipientsRefused as exc:
                outcomes.append(str(exc.recipients[0].code))
            except aiosmtplib.SMTPResponseException as exc:
                outcomes.append(str(exc.code))
                if exc.code == 421:
                    break
            except aiosmtplib.SMTPServerDisconnected:
                outcomes.append("dropped")
                break
    finally:
        await hang_up(client, protocol)
    return outcomes


async def hang_up(client: aiosmtplib.SMTP, protocol=None) -> None:
    """QUIT if connected and wait until the socket is closed (TLS says goodbye asynchronously)."""
    protocol = protocol or client.protocol
    if client.is_connected:
        await client.quit()
    client.close()
    for _ in range(500):
        if protocol is None or protocol._connection_lost:
            return
        await asyncio.sleep(0.005)


def send(server, recipients):
    return asyncio.run(session(server, recipients))


@pytest.mark.parametrize("security", ["starttls", "tls", "none"])
def test_records_every_accepted_message(make_smtp_server, security):
    server = make_smtp_server(security=security)
    assert send(server, ["ann@x.test", "bob@x.test"]) == ["2.0.0", "2.0.0"]
    first, second = server.wait_for(2)
    assert first.mail_from == USERNAME and first.rcpt_tos == ("ann@x.test",)
    assert first.message["To"] == "ann@x.test" and first.raw.startswith(b"From: ")
    assert first.connection_id == second.connection_id == 1
    assert first.username == USERNAME and first.reply.startswith("250 ")
    assert first.received_at <= second.received_at
    assert server.connections[0].tls is (security != "none")
    assert server.connections[0].messages == 2


def test_mail_without_sign_in_is_refused(smtp_server_tls):
    async def anonymous():
        client = aiosmtplib.SMTP(
            hostname=smtp_server_tls.host,
            port=smtp_server_tls.port,
            use_tls=True,
            tls_context=smtp_server_tls.client_tls_context(),
            timeout=5,
            local_hostname="client.test",
        )
        await client.connect()
        try:
            with pytest.raises(aiosmtplib.SMTPSenderRefused) as caught:
                await client.sendmail(USERNAME, ["ann@x.test"], body("ann@x.test"))
        finally:
            await hang_up(client)
        return caught.value.code

    assert asyncio.run(anonymous()) == 530
    assert smtp_server_tls.messages == []


def test_refused_recipients_and_temporary_failures(smtp_server):
    smtp_server.set_faults(reject_recipients=["Gone@X.test"], temp_fail_next=1)
    outcomes = send(smtp_server, ["ann@x.test", "gone@x.test", "bob@x.test"])
    assert outcomes == ["451", "550", "2.0.0"]
    assert [m.rcpt_tos for m in smtp_server.messages] == [("bob@x.test",)]


def test_random_temporary_failures_repeat_with_the_seed(make_smtp_server):
    runs = []
    for _ in range(2):
        server = make_smtp_server(temp_fail_probability=0.5, seed=7)
        runs.append(send(server, [f"r{i}@x.test" for i in range(12)]))
    assert runs[0] == runs[1]
    assert {"451", "2.0.0"} == set(runs[0])


def test_close_after_n_messages_per_connection(smtp_server):
    smtp_server.set_faults(close_after=2)
    assert send(smtp_server, ["a@x.test", "b@x.test", "c@x.test"]) == ["2.0.0", "2.0.0", "421"]
    assert send(smtp_server, ["c@x.test"]) == ["2.0.0"]
    assert [m.connection_id for m in smtp_server.messages] == [1, 1, 2]


def test_drop_after_data_records_the_message_the_client_never_hears_about(smtp_server_tls):
    smtp_server_tls.set_faults(drop_after_data=1)
    assert send(smtp_server_tls, ["a@x.test", "b@x.test"]) == ["dropped"]
    assert [m.rcpt_tos for m in smtp_server_tls.messages] == [("a@x.test",)]
    assert smtp_server_tls.faults.drop_after_data == 0
    assert send(smtp_server_tls, ["b@x.test"]) == ["2.0.0"]


def test_connection_limit(smtp_server):
    smtp_server.set_faults(max_connections=1)

    async def two_at_once():
        first = aiosmtplib.SMTP(
            hostname=smtp_server.host,
            port=smtp_server.port,
            timeout=5,
            start_tls=False,
            local_hostname="client.test",
        )
        await first.connect()
        second = aiosmtplib.SMTP(
            hostname=smtp_server.host,
            port=smtp_server.port,
            timeout=5,
            start_tls=False,
            local_hostname="client.test",
        )
        with pytest.raises(aiosmtplib.SMTPConnectResponseError) as caught:
            await second.connect()
        await hang_up(first)
        await asyncio.sleep(0.01)  # the refused one's close completes on the next turn
        return caught.value.code

    assert asyncio.run(two_at_once()) == 421
    assert [c.refused for c in smtp_server.connections] == [False, True]


def test_rejected_login_is_recorded(smtp_server):
    smtp_server.set_faults(reject_login=True)
    with pytest.raises(aiosmtplib.SMTPAuthenticationError):
        send(smtp_server, ["a@x.test"])
    assert smtp_server.logins[0] == (USERNAME, False)


def test_unknown_faults_are_refused_loudly(smtp_server):
    with pytest.raises(TypeError, match="unknown fault"):
        smtp_server.set_faults(explode=True)
    with pytest.raises(ValueError, match="stall_on"):
        smtp_server.set_faults(stall_on="quit")


def test_stop_leaves_no_thread_even_mid_stall():
    server = SMTPTestServer(security="none", stall_seconds=60, stall_on="greeting").start()

    async def hang():
        reader, writer = await asyncio.open_connection(server.host, server.port)
        server.stop()
        data = await asyncio.wait_for(reader.read(), 5)
        writer.close()
        await writer.wait_closed()
        return data

    before = {t.name for t in threading.enumerate()}
    assert asyncio.run(hang()) == b""
    after = {t.name for t in threading.enumerate()}
    assert not any(name.startswith("smtp-test-server") for name in after)
    assert any(name.startswith("smtp-test-server") for name in before)

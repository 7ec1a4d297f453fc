"""Copies in Sent (composer.filing): real sends to the loopback SMTP server, filed in a real
Dovecot. The oracles are what the SMTP server received and Dovecot's Sent folder read over
IMAP with the standard library's imaplib (not composer.imap)."""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import re
import socket
import threading
import time

import pytest

from composer import accounts, filing
from composer.campaign import Campaign
from composer.cli import EXIT_OK, main
from composer.codes import SHARED, CodePlan
from composer.imap import ImapSettings
from composer.outbox import PracticeOutbox, practice_account
from composer.recipients import ColumnMap
from composer.sender import Sender
from composer.table import Column, Table
from composer.template import Template
from tests.sending_helpers import OWNER, make_campaign, open_for_sending
from tests.smtp_server import PASSWORD, USERNAME

pytestmark = pytest.mark.usefixtures("trust_test_ca")


def campaign_file(path, count: int = 4):
    """A campaign whose messages test the bytes: 8-bit names and a line starting with a dot
    (doubled on the SMTP wire, single in the message and so in the copy)."""
    rows = [(f"customer{i}@example.com", f"Zoë {i}") for i in range(count)]
    campaign = Campaign.create(
        path,
        table=Table(
            columns=[Column("Email", "email"), Column("Name", "name")],
            rows=rows,
            row_numbers=list(range(2, 2 + count)),
        ),
        columns=ColumnMap(email="email", full_name="name"),
        template=Template(
            subject="We are sorry, {{ name }}",
            body="Dear {{ name }},\n\n.this line starts with a dot\n..and this one with two\n",
        ),
        identity=OWNER,
        code_plan=CodePlan(kind=SHARED, shared="SORRY11"),
    )
    campaign.close()
    return path


def mailbox_of(server) -> ImapSettings:
    return ImapSettings(server.host, server.imaps_port, "tls", server.username)


def send(path, smtp, copies=None):
    campaign = open_for_sending(path)
    try:
        run = Sender(campaign, smtp.account(), PASSWORD, timeout=5, copies=copies)
        return asyncio.run(run.run())
    finally:
        campaign.close()


def read_sent(server) -> list[tuple[bytes, bytes]]:
    """(the FETCH line with the flags, the whole message) of everything in Sent, read over
    IMAP with imaplib."""
    context = server.client_tls_context()
    with imaplib.IMAP4_SSL(server.host, server.imaps_port, ssl_context=context) as box:
        box.login(server.username, server.password)
        _, [count] = box.select("Sent", readonly=True)
        if count == b"0":
            return []
        _, data = box.fetch("1:*", "(FLAGS BODY.PEEK[])")
    return [(item[0], item[1]) for item in data if isinstance(item, tuple)]


def test_each_message_sent_is_filed_in_sent_byte_for_byte_and_read(
    tmp_path, make_smtp_server, imap_server
):
    path = campaign_file(tmp_path / "c.apology", 4)
    smtp = make_smtp_server()
    copies = filing.SentCopies(mailbox_of(imap_server), imap_server.password)
    summary = send(path, smtp, copies.add)
    filed = copies.close()
    assert summary.sent == 4
    assert (filed.filed, filed.not_filed) == (4, 0)
    assert filed.sentence() == "4 copies filed in Sent."
    in_sent = read_sent(imap_server)
    assert sorted(raw for _, raw in in_sent) == sorted(m.raw for m in smtp.messages)
    assert all(b"\\Seen" in flags for flags, _ in in_sent)
    assert all(b"\r\n.this line starts with a dot\r\n" in raw for _, raw in in_sent)


class CuttingProxy:
    """A TCP relay on 127.0.0.1 to the IMAP server whose connections can be cut, as a server
    ending an idle session does."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = self.listener.accept()
                server = socket.create_connection(self.target)
                self.connections += 1
                self.open += [client, server]
                for a, b in ((client, server), (server, client)):
                    threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        for sock in self.open:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.open = []

    def close(self) -> None:
        self.cut()
        self.listener.close()


def test_a_session_the_server_ended_is_opened_again(imap_server):
    proxy = CuttingProxy(imap_server.host, imap_server.imaps_port)
    try:
        settings = ImapSettings("127.0.0.1", proxy.port, "tls", imap_server.username)
        copies = filing.SentCopies(settings, imap_server.password)
        first, second = (f"Subject: {n}\r\n\r\nSorry.\r\n".encode() for n in (1, 2))
        copies.add(first)
        deadline = time.monotonic() + 10
        # filed, and its answer read by the filer (a cut before that answer is another case)
        while copies._filed < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        proxy.cut()
        copies.add(second)
        filed = copies.close()
    finally:
        proxy.close()
    assert filed.sentence() == "2 copies filed in Sent."
    assert sorted(imap_server.messages("Sent")) == [first, second]
    assert proxy.connections == 2


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_mailbox_that_cannot_be_reached_costs_copies_never_messages(tmp_path, make_smtp_server):
    path = make_campaign(tmp_path / "c.apology", 5)
    smtp = make_smtp_server()
    port = closed_port()
    copies = filing.SentCopies(ImapSettings("127.0.0.1", port, "tls", USERNAME), PASSWORD)
    summary = send(path, smtp, copies.add)
    filed = copies.close()
    assert summary.ok and summary.sent == 5 and len(smtp.messages) == 5
    assert (filed.filed, filed.not_filed) == (0, 5)
    sentence = filed.sentence()
    assert sentence.startswith(
        f"5 copies could not be filed in Sent: the mailbox server 127.0.0.1 cannot be reached "
        f"on port {port} ("
    )
    assert sentence.endswith("; the messages themselves were sent.")
    assert sentence.count("cannot be reached") == 1 and "\n" not in sentence


def test_a_refused_sign_in_is_told_once(tmp_path, make_smtp_server, imap_server):
    path = make_campaign(tmp_path / "c.apology", 3)
    copies = filing.SentCopies(mailbox_of(imap_server), "not the password")
    summary = send(path, make_smtp_server(), copies.add)
    sentence = copies.close().sentence()
    assert summary.sent == 3
    assert sentence.startswith("3 copies could not be filed in Sent: the mailbox server")
    assert sentence.count("refused the sign-in") == 1
    assert imap_server.messages("Sent") == []


def test_a_mailbox_that_does_not_answer_never_slows_the_sending(tmp_path, make_smtp_server):
    path = make_campaign(tmp_path / "c.apology", 6)
    smtp = make_smtp_server()
    with socket.socket() as silent:  # takes connections, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings = ImapSettings("127.0.0.1", silent.getsockname()[1], "tls", USERNAME)
        copies = filing.SentCopies(settings, PASSWORD, timeout=3, queue_size=2)
        started = time.monotonic()
        summary = send(path, smtp, copies.add)
        took = time.monotonic() - started
        filed = copies.close()
    assert summary.sent == 6 and took < 3
    assert (filed.filed, filed.not_filed) == (0, 6)
    assert "did not answer on port" in filed.sentence()  # the cause, not the full queue


def test_close_waits_a_bounded_time(make_smtp_server):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings = ImapSettings("127.0.0.1", silent.getsockname()[1], "tls", USERNAME)
        copies = filing.SentCopies(settings, PASSWORD, timeout=2)
        copies.add(b"Subject: one\r\n\r\nbody\r\n")
        started = time.monotonic()
        filed = copies.close(wait=0.3)
        assert time.monotonic() - started < 1.5
        assert filed.sentence() == (
            "1 copy could not be filed in Sent: the mailbox server did not take them within "
            "0.3 seconds; the messages themselves were sent."
        )
        copies.add(b"after closing")  # taken no more, and no harm
        assert copies.close(wait=5).not_filed == 1


def test_nothing_sent_nothing_to_say():
    copies = filing.SentCopies(ImapSettings("127.0.0.1", 1, "tls", USERNAME), PASSWORD)
    assert copies.close().sentence() == ""


def test_a_mixed_result_is_one_sentence():
    said = filing.Filing(10, 2, "Sent Items", "The mailbox server x could not file a copy.")
    assert said.sentence() == (
        "10 copies filed in Sent Items; 2 could not be: the mailbox server x could not file a "
        "copy; the messages themselves were sent."
    )


@pytest.mark.parametrize(
    ("provider", "transport", "own_mailbox", "wanted"),
    [
        ("gmail", "smtp", None, False),  # Gmail files SMTP mail in Sent itself
        ("microsoft365", "smtp", None, False),  # so does Microsoft 365
        ("microsoft365", "graph", None, False),  # and Graph's sendMail
        ("google_workspace", "gmail", None, False),  # and the Gmail API
        ("yahoo", "smtp", None, True),
        ("fastmail", "smtp", None, True),
        ("outlook", "smtp", None, True),
        ("custom", "smtp", None, False),  # whose mailbox is unknown
        ("custom", "smtp", "mail.shop.example", True),
        ("relay", "smtp", None, False),
    ],
)
def test_copies_are_wanted_where_the_provider_files_none(provider, transport, own_mailbox, wanted):
    account = accounts.Account(
        name="shop",
        display_name="Shop",
        address="owner@shop.example",
        host="smtp.shop.example",
        port=587,
        provider=provider,
        transport=transport,
        auth="password" if transport == "smtp" else "oauth2",
        imap_host=own_mailbox,
    )
    assert filing.wanted(account) is wanted


def test_the_practice_outbox_wants_no_copies(tmp_path):
    with PracticeOutbox(tmp_path / "outbox") as outbox:
        assert not filing.wanted(practice_account(outbox))


def add_account(smtp, imap_server) -> None:
    """`account add` of a server without a preset, its mailbox given: copies wanted."""
    assert main(
        ["account", "add", "--name", "shop", "--address", OWNER.address,
         "--display-name", "Shop Owner", "--host", smtp.host, "--port", str(smtp.port),
         "--security", smtp.security, "--username", USERNAME,
         "--imap-host", imap_server.host, "--imap-port", str(imap_server.imaps_port),
         "--imap-security", "tls"]
    ) == EXIT_OK  # fmt: skip
    saved = accounts.get("shop")
    assert (saved.imap_host, saved.imap_port) == (imap_server.host, imap_server.imaps_port)
    assert filing.wanted(saved)


def test_cli_send_files_copies_and_no_sent_copy_files_none(
    tmp_path, make_smtp_server, imap_server, monkeypatch, capsys
):
    monkeypatch.setenv(accounts.PASSWORD_ENV, PASSWORD)  # the same sign-in for both servers
    smtp = make_smtp_server()
    add_account(smtp, imap_server)
    first = make_campaign(tmp_path / "first.apology", 3)
    assert main(["send", str(first), "--account", "shop", "--yes"]) == EXIT_OK
    err = capsys.readouterr().err
    assert re.search(r"Done: all 3 messages were sent.*\n.*\n3 copies filed in Sent\.\n", err)
    assert sorted(imap_server.messages("Sent")) == sorted(m.raw for m in smtp.messages)

    second = make_campaign(tmp_path / "second.apology", 2)
    assert main(["send", str(second), "--account", "shop", "--yes", "--no-sent-copy"]) == 0
    assert "filed in Sent" not in capsys.readouterr().err
    assert len(smtp.messages) == 5 and len(imap_server.messages("Sent")) == 3

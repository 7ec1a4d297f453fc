"""The test IMAP server itself (Dovecot, tests/imap_server.py): TLS, sign-in, SPECIAL-USE,
delivery into the Maildir and APPEND read back from it, and a clean stop.

Other tests trust it to behave like a provider's IMAP server, so it is checked here with bare
clients (the standard library's imaplib, and IMAPClient when installed), no code of ours."""

from __future__ import annotations

import datetime as dt
import imaplib
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from tests import imap_server as imap_module
from tests.imap_server import IMAPTestServer, require_dovecot
from tests.smtp_server import PASSWORD, USERNAME


def message(message_id: str, subject: str = "Delivery Status Notification (Failure)") -> bytes:
    return (
        f"From: Mail Delivery System <mailer-daemon@mx.example.com>\r\n"
        f"To: {USERNAME}\r\n"
        f"Subject: {subject}\r\n"
        f"Message-ID: {message_id}\r\n"
        f"Date: Mon, 01 Dec 2025 10:00:00 +0000\r\n"
        f"\r\n"
        f"Your message to amelia@example.com could not be delivered.\r\n"
    ).encode()


def imaps(server: IMAPTestServer) -> imaplib.IMAP4_SSL:
    return imaplib.IMAP4_SSL(
        server.host, server.imaps_port, ssl_context=server.client_tls_context()
    )


def signed_in(server: IMAPTestServer) -> imaplib.IMAP4_SSL:
    client = imaps(server)
    client.login(server.username, server.password)
    return client


def test_imaps_login_trusting_only_the_test_ca(imap_server, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    address = (imap_server.host, imap_server.imaps_port)
    with (
        socket.create_connection(address, timeout=5) as sock,
        pytest.raises(ssl.SSLCertVerificationError),  # the system's CAs don't know it
    ):
        ssl.create_default_context().wrap_socket(sock, server_hostname=imap_server.host)

    client = imaps(imap_server)
    try:
        assert client.login(USERNAME, PASSWORD)[0] == "OK"
        assert client.sock.version() in ("TLSv1.2", "TLSv1.3")
    finally:
        client.logout()


def test_starttls_then_login(imap_server):
    client = imaplib.IMAP4(imap_server.host, imap_server.starttls_port, timeout=5)
    try:
        assert "STARTTLS" in client.capabilities
        assert "AUTH=PLAIN" not in client.capabilities  # no password mechanism before TLS
        client.starttls(ssl_context=imap_server.client_tls_context())
        assert {"AUTH=PLAIN", "AUTH=LOGIN"} <= set(client.capabilities)
        assert client.login(USERNAME, PASSWORD)[0] == "OK"
    finally:
        client.logout()


def test_plaintext_login_refused_before_starttls(imap_server):
    client = imaplib.IMAP4(imap_server.host, imap_server.starttls_port, timeout=5)
    try:
        assert "LOGINDISABLED" in client.capabilities
        with pytest.raises(imaplib.IMAP4.error, match="PRIVACYREQUIRED"):
            client.login(USERNAME, PASSWORD)
        assert client.state == "NONAUTH"
    finally:
        client.logout()
    assert "Plaintext authentication disabled" in imap_server.wait_for_log(
        "Plaintext authentication disabled"
    )


def test_wrong_password_refused(imap_server):
    client = imaps(imap_server)
    try:
        with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
            client.login(USERNAME, "wrong")
    finally:
        client.logout()


def test_list_shows_the_special_use_folders(imap_server):
    client = signed_in(imap_server)
    try:
        assert "SPECIAL-USE" in _capabilities(client)
        status, lines = client.list()
        assert status == "OK"
        listed = {}
        for line in lines:
            flags, name = re.fullmatch(rb'\((.*)\) "/" "?([^"]*)"?', line).groups()
            listed[name.decode()] = set(flags.decode().split())
        assert "\\Sent" in listed["Sent"]
        assert "\\Drafts" in listed["Drafts"]
        assert "\\Trash" in listed["Trash"]
        assert "\\Junk" in listed["Junk"]
        assert "INBOX" in listed
    finally:
        client.logout()
    assert imap_server.folders() == ["INBOX", "Drafts", "Junk", "Sent", "Trash"]


def _capabilities(client: imaplib.IMAP4) -> list[str]:
    status, lines = client.capability()
    return b" ".join(lines).decode().upper().split()


def test_a_delivered_message_is_found_by_message_id(imap_server):
    when = dt.datetime(2025, 12, 1, 10, 0, 5, tzinfo=dt.UTC)
    raw = message("<bounce-1@mx.example.com>")
    imap_server.deliver("INBOX", message("<other@mx.example.com>", subject="Re: sorry"))
    imap_server.deliver("INBOX", raw, date=when)
    imap_server.deliver("Junk", message("<junk@mx.example.com>"), flags=["\\Seen"])

    client = signed_in(imap_server)
    try:
        assert client.select("INBOX", readonly=True) == ("OK", [b"2"])
        status, [found] = client.search(None, "HEADER", "Message-ID", '"<bounce-1@mx.example.com>"')
        assert (status, found.split()) == ("OK", [b"2"])
        status, data = client.fetch(found, "(INTERNALDATE FLAGS BODY.PEEK[])")
        assert status == "OK"
        assert data[0][1] == raw
        assert time.mktime(imaplib.Internaldate2tuple(data[0][0])) == when.timestamp()
        assert b"\\Seen" not in data[0][0]

        client.select("Junk", readonly=True)
        status, data = client.fetch(b"1", "(FLAGS)")
        assert b"\\Seen" in data[0]
    finally:
        client.logout()
    [stored] = [m for m in imap_server.stored("INBOX") if m.raw == raw]
    assert stored.flags == frozenset()  # a read-only look changes nothing


def test_append_to_sent_reads_back_byte_for_byte(imap_server):
    raw = message("<reply-1@shop.test>", subject="Re: your order 1001")
    client = signed_in(imap_server)
    try:
        status, [reply] = client.append(
            "Sent", "(\\Seen)", imaplib.Time2Internaldate(dt.datetime.now(dt.UTC)), raw
        )
        assert status == "OK"
        assert re.search(rb"\[APPENDUID \d+ 1\]", reply)
    finally:
        client.logout()
    assert imap_server.messages("Sent") == [raw]
    [stored] = imap_server.stored("Sent")
    assert stored.flags == frozenset({"\\Seen"})
    assert stored.uid == 1


def command_lines_with(text: str) -> list[int]:
    """Pids whose command line holds ``text`` (``pgrep -f``, also where procps is missing)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def running(pid: int) -> bool:
    """True while ``pid`` is a living process (a zombie, dead and waiting to be reaped by
    whoever inherited it, is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def test_stop_leaves_no_process():
    require_dovecot()
    server = IMAPTestServer().start()
    client = None
    try:
        config = str(server.config_path)
        root = server.root
        pids = server.processes()
        assert len(pids) >= 4  # master, log, config, auth, … (Dovecot's own children)
        client = signed_in(server)  # an imap process too, stopped while signed in
        client.select("INBOX")
        assert len(server.processes()) > len(pids)
        pids = server.processes()
        [master] = command_lines_with(config)  # dovecot -F -c <config>; children are renamed
        assert master in pids
    finally:
        server.stop()
    try:
        assert command_lines_with(config) == []
        if shutil.which("pgrep"):
            assert subprocess.run(["pgrep", "-f", config], capture_output=True).returncode == 1
        assert [pid for pid in pids if running(pid)] == []
        assert server.processes() == []
        assert not root.exists()
        with pytest.raises((OSError, imaplib.IMAP4.abort)):
            client.noop()  # the session ended with the server
    finally:
        client.shutdown()


def test_xoauth2_takes_only_the_current_token():
    require_dovecot()

    def xoauth2(server: IMAPTestServer, token: str) -> str:
        client = imaps(server)
        try:
            auth = f"user={server.username}\x01auth=Bearer {token}\x01\x01".encode()
            try:
                return client.authenticate("XOAUTH2", lambda _: auth)[0]
            except imaplib.IMAP4.error:
                return "NO"
        finally:
            client.logout()

    with IMAPTestServer(token="first-token") as server:
        assert xoauth2(server, "first-token") == "OK"
        server.set_token("second-token")
        assert xoauth2(server, "first-token") == "NO"
        assert xoauth2(server, "second-token") == "OK"
        client = imaps(server)  # the token is not a password
        try:
            with pytest.raises(imaplib.IMAP4.error):
                client.login(server.username, "second-token")
        finally:
            client.logout()


def test_without_dovecot_the_fixture_skips_or_fails_in_ci(monkeypatch):
    monkeypatch.setattr(imap_module, "DOVECOT", "/nonexistent/dovecot")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv(imap_module.REQUIRE_SYSTEM, raising=False)
    with pytest.raises(pytest.skip.Exception, match="install the Debian package dovecot-imapd"):
        require_dovecot()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="install the Debian package dovecot-imapd"):
        require_dovecot()


def test_imapclient_finds_sent_and_the_delivered_message(imap_server):
    imapclient = pytest.importorskip("imapclient")  # not a dependency: used when installed
    imap_server.deliver("INBOX", message("<bounce-2@mx.example.com>"))
    client = imapclient.IMAPClient(
        imap_server.host,
        port=imap_server.imaps_port,
        ssl=True,
        ssl_context=imap_server.client_tls_context(),
        timeout=5,
    )
    try:
        client.login(USERNAME, PASSWORD)
        assert client.find_special_folder(imapclient.imapclient.SENT) == "Sent"
        client.select_folder("INBOX", readonly=True)
        assert client.search(["HEADER", "Message-ID", "<bounce-2@mx.example.com>"]) == [1]
    finally:
        client.logout()


def test_oauthbearer_is_offered_with_a_token():
    require_dovecot()
    with IMAPTestServer(token="t") as server:
        client = imaps(server)
        try:
            assert {"AUTH=XOAUTH2", "AUTH=OAUTHBEARER"} <= set(client.capabilities)
            bearer = f"n,a={server.username},\x01auth=Bearer t\x01\x01".encode()
            assert client.authenticate("OAUTHBEARER", lambda _: bearer)[0] == "OK"
        finally:
            client.logout()

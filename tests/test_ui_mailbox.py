"""The mailbox in the app, driven as a person does: a bounce and a reply come back after a send
and the bounced address is corrected and sent to; a message in doubt is found in Sent; and
"New campaign from the mailbox" answers everyone who wrote in, each in their own thread.

Real servers: the loopback SMTP server receives, Dovecot holds the mailbox (one user with the
same sign-in as the SMTP account). The oracles are what the SMTP server received, the
campaign file's journal read with sqlite3, and the Maildir."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from composer import accounts, journal
from composer.sender import Sender
from tests import mail_samples as samples
from tests.sending_helpers import make_campaign, open_for_sending
from tests.smtp_server import PASSWORD
from tests.test_correspondents import OWNER, the_inbox
from tests.ui_flow import WAIT_MS, click, type_into

pytestmark = pytest.mark.usefixtures("trust_test_ca")


@pytest.fixture
def mailbox_account(smtp_server, imap_server):
    """The owner's account: sends through the SMTP server, reads its mailbox in Dovecot."""
    account = dataclasses.replace(
        smtp_server.account(name="Shop", address=OWNER),
        imap_host=imap_server.host,
        imap_port=imap_server.imaps_port,
        imap_security="tls",
    )
    accounts.save(account)
    accounts.store_secret(account, PASSWORD)
    return account


def sent_campaign(tmp_path, account, count: int = 4):
    path = make_campaign(tmp_path / "sorry.apology", count)
    with open_for_sending(path) as campaign:
        summary = asyncio.run(Sender(campaign, account, PASSWORD).run())
    assert summary.sent == count
    return path


def journal_of(path) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]]]:
    """(customer -> (state, message_id), [(customer, event kind)]) read from the file itself."""
    conn = sqlite3.connect(path)
    try:
        lines = {
            c: (s, m)
            for c, s, m in conn.execute("SELECT customer, state, message_id FROM deliveries")
        }
        events = list(conn.execute("SELECT customer, kind FROM mailbox_events ORDER BY id"))
        return lines, events
    finally:
        conn.close()


def open_send_step(qtbot, window, path, account):
    window.open_file(path)
    doc = window.document
    qtbot.waitUntil(
        lambda: doc.path == path and doc.plan is not None and not doc.busy, timeout=WAIT_MS
    )
    window.show_step("send")
    send = window.pages["send"]
    send.account_box.choose(account.name)
    qtbot.waitUntil(
        lambda: send.account is not None and send.mailbox_box.isVisible(), timeout=WAIT_MS
    )
    return send


def test_a_bounce_and_a_reply_come_back_and_the_bounced_address_is_corrected(
    qtbot, main_window, smtp_server, imap_server, mailbox_account, tmp_path, monkeypatch
):
    path = sent_campaign(tmp_path, mailbox_account)
    lines, _ = journal_of(path)
    gone, answered = "customer0000@example.com", "customer0001@example.com"
    imap_server.deliver(
        "INBOX", samples.postfix_bounce(lines[gone][1], recipient=gone), date=dt.datetime.now()
    )
    imap_server.deliver(
        "INBOX",
        samples.reply(
            lines[answered][1],
            "Thank you, that is fine now.",
            sender=answered,
            name="Customer 1",
            date=dt.datetime.now(dt.UTC),
        ),
    )
    imap_server.deliver("INBOX", samples.newsletter())
    window = main_window
    send = open_send_step(qtbot, window, path, mailbox_account)
    box = send.mailbox_box

    click(qtbot, box.check_button)
    # the list follows the journal (it may fill while the scan is still writing); the
    # sentence comes when the scan has ended: wait for both, as a person reads both
    qtbot.waitUntil(
        lambda: box.list.count() == 2 and not box.result.text().startswith("Reading"),
        timeout=WAIT_MS,
    )
    assert "1 bounce" in box.result.text() and "1 reply from people" in box.result.text()
    _, events = journal_of(path)
    assert sorted(events) == [(gone, journal.BOUNCED), (answered, journal.REPLIED)]
    lines_after, _ = journal_of(path)
    assert lines_after[gone][0] == "sent"  # a later bounce never undoes "sent"
    shown = [box.list.item(i).text() for i in range(box.list.count())]
    assert any(gone in line and "bounced" in line for line in shown)
    assert any(answered in line and "Thank you, that is fine now." in line for line in shown)
    assert all("\\Seen" not in m.flags for m in imap_server.stored("INBOX"))
    qtbot.waitUntil(lambda: "1 bounced, 1 replied" in window.steps.item(3).text(), timeout=WAIT_MS)
    assert send.step_status()[1] == "problems"  # a bounce waits for the person
    assert box.hint.isVisible()

    # the bounced one: corrected in the app, and the next Send goes to it alone
    [bounced] = [i for i in range(box.list.count()) if gone in box.list.item(i).text()]
    box.list.setCurrentRow(bounced)
    assert box.correct_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("customer0000@example.net", True))
    click(qtbot, box.correct_button)
    doc = window.document
    qtbot.waitUntil(
        lambda: doc.plan is not None and doc.plan.to_send == 1 and not doc.busy, timeout=WAIT_MS
    )
    send.test_box.skip.setChecked(True)
    try:
        qtbot.waitUntil(lambda: doc.sendable(), timeout=5000)
    except Exception:
        raise AssertionError([b.sentence for b in doc.blockers()]) from None
    type_into(qtbot, send.confirm, "1")
    before = len(smtp_server.messages)
    with qtbot.waitSignal(send.sendFinished, timeout=WAIT_MS * 2):
        click(qtbot, send.send_button)
    assert [m.rcpt_tos for m in smtp_server.messages[before:]] == [("customer0000@example.net",)]
    # this account's provider does not file what it sends: the app put the copy in Sent
    [copy] = imap_server.stored("Sent")
    assert copy.raw == smtp_server.messages[-1].raw and "\\Seen" in copy.flags
    assert "1 copy filed in Sent." in send.progress.log.toPlainText()
    # the bounce was put right: nothing waits for the person any more
    qtbot.waitUntil(lambda: send.step_status()[1] == "ready", timeout=WAIT_MS)
    lines_final, _ = journal_of(path)
    assert lines_final["customer0000@example.net"][0] == "sent"
    assert lines_final[gone][0] == "sent"  # its record kept


def test_a_message_in_doubt_is_found_in_sent(
    qtbot, main_window, smtp_server, imap_server, mailbox_account, tmp_path
):
    path = sent_campaign(tmp_path, mailbox_account, count=2)
    lines, _ = journal_of(path)
    doubtful = "customer0001@example.com"
    with open_for_sending(path) as campaign:  # as a crash after the DATA leaves it
        journal.mark_sending(campaign.conn, doubtful, lines[doubtful][1])
        journal.mark_in_doubt(campaign.conn, doubtful, "The connection was lost.")
    [copy] = [m for m in smtp_server.messages if m.rcpt_tos == (doubtful,)]
    imap_server.deliver("Sent", copy.raw, flags=["\\Seen"])
    send = open_send_step(qtbot, main_window, path, mailbox_account)
    assert send.doubt_box.isVisible()
    qtbot.waitUntil(send.doubt_box.look.isEnabled, timeout=WAIT_MS)  # the plan is back
    click(qtbot, send.doubt_box.look)
    doc = main_window.document
    qtbot.waitUntil(
        lambda: (
            not send.doubt_box.isVisible()
            and not doc.busy
            and not send.mailbox_box.result.text().startswith("Reading")
        ),  # the scan has ended
        timeout=WAIT_MS,
    )
    assert "1 message found in Sent: sent" in send.mailbox_box.result.text()
    assert journal_of(path)[0][doubtful][0] == "sent"


def test_everyone_who_wrote_in_is_answered_in_their_own_thread(
    qtbot, main_window, smtp_server, imap_server, mailbox_account, tmp_path, monkeypatch
):
    for raw in the_inbox():
        imap_server.deliver("INBOX", raw)
    window = main_window
    doc = window.document
    filled: list[str] = []

    def fill_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog is not None and dialog.windowTitle() == "Answer everyone who wrote in"
            dialog.account.setCurrentIndex(dialog.account.findData(mailbox_account.name))
            type_into(qtbot, dialog.folder, "INBOX")
            dialog.use_since.setChecked(False)
            type_into(qtbot, dialog.subject_words, "invoice")
            click(qtbot, dialog.ok)
            filled.append("yes")
        finally:
            if not filled and dialog is not None:
                dialog.reject()  # never leave the test waiting on a dialog

    QTimer.singleShot(0, fill_the_dialog)
    window.wrote_in_action.trigger()
    assert filled == ["yes"]
    qtbot.waitUntil(
        lambda: doc.table is not None and doc.checkup is not None and not doc.busy, timeout=WAIT_MS
    )
    assert window.current_step == "customers"
    assert sorted(r.email for r in doc.checkup.audience) == ["ada@home.example", "bob@example.net"]
    assert doc.template.subject == "Re: {{ their_subject }}"
    assert "2 people wrote in (8 messages read)" in window.statusBar().currentMessage()
    window.show_step("preview")
    preview = window.pages["preview"]
    qtbot.waitUntil(lambda: preview.prepared is not None and preview.current >= 0, timeout=WAIT_MS)
    assert preview.subject_label.text() == "Re: Invoice 1042"
    assert preview.answers_label.text().startswith("\u201cRE: Invoice 1042\u201d (2026-11-2")

    window.show_step("send")
    send = window.pages["send"]
    send.test_box.skip.setChecked(True)
    qtbot.waitUntil(lambda: doc.sendable(), timeout=WAIT_MS)
    type_into(qtbot, send.confirm, "2")
    monkeypatch.setattr(send, "ask_save_path", lambda: tmp_path / "replies.apology")
    with qtbot.waitSignal(send.sendFinished, timeout=WAIT_MS * 2):
        click(qtbot, send.send_button)
    received = {m.rcpt_tos[0]: m.message for m in smtp_server.messages}
    assert sorted(received) == ["ada@home.example", "bob@example.net"]
    bob = received["bob@example.net"]
    assert bob["Subject"] == "Re: Invoice 1042"
    assert bob["In-Reply-To"] == "<bob.5@mail.example>"
    assert str(bob["References"]).split()[-1] == "<bob.5@mail.example>"
    assert "Hi Bob," in bob.get_body(("plain",)).get_content()
    assert received["ada@home.example"]["In-Reply-To"] == "<ada.2@mail.example>"

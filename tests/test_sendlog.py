"""The mailbox's daily cap is shared by every campaign sent through it (composer.sendlog): two
real campaign files, the loopback SMTP server counting what it received, the log's own file
read with sqlite3."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest

from composer import journal
from composer.sender import Sender
from composer.sendlog import FILE_NAME, SendLog, mailbox_of
from composer.table import Column, Table
from tests.sending_helpers import make_campaign, open_for_sending
from tests.smtp_server import PASSWORD
from tests.ui_flow import click

pytestmark = pytest.mark.usefixtures("trust_test_ca")


def customers_at(domain: str, count: int) -> Table:
    return Table(
        [Column("Email", "email"), Column("Name", "name"), Column("Order", "order")],
        [(f"c{i}@{domain}", f"C {i}", str(i)) for i in range(count)],
        list(range(2, 2 + count)),
    )


def run(path, account, **options):
    with open_for_sending(path) as campaign:
        return asyncio.run(Sender(campaign, account, PASSWORD, **options).run())


def sent_in(path) -> int:
    with open_for_sending(path) as campaign:
        assert campaign.conn is not None
        return journal.counts(campaign.conn)[journal.SENT]


def test_two_campaigns_through_one_mailbox_share_its_daily_cap(tmp_path, smtp_server):
    account = smtp_server.account(daily_cap=5)
    first = make_campaign(tmp_path / "a.apology", 0, table=customers_at("one.example", 3))
    second = make_campaign(tmp_path / "b.apology", 0, table=customers_at("two.example", 4))
    assert run(first, account).sent == 3
    summary = run(second, account)
    assert summary.sent == 2 and summary.cap_reached and summary.remaining == 2
    assert len(smtp_server.messages) == 5  # what the provider saw: never over its cap
    assert sent_in(second) == 2
    first_sent = min(m.received_at for m in smtp_server.messages)
    assert summary.resume_at == pytest.approx(first_sent + 24 * 3600, abs=2)
    # the first campaign's own journal still counts it alone: its run is not held back by itself
    assert run(first, account).sent == 0


def test_another_mailbox_has_its_own_cap(tmp_path, smtp_server, make_smtp_server):
    first = make_campaign(tmp_path / "a.apology", 0, table=customers_at("one.example", 3))
    second = make_campaign(tmp_path / "b.apology", 0, table=customers_at("two.example", 3))
    assert run(first, smtp_server.account(daily_cap=3)).sent == 3
    elsewhere = make_smtp_server(username="someone.else@shop.test")
    other = elsewhere.account(daily_cap=3)
    assert mailbox_of(other) != mailbox_of(smtp_server.account())
    assert run(second, other).sent == 3 and len(elsewhere.messages) == 3


def test_the_log_holds_times_and_no_customer(tmp_path, smtp_server, monkeypatch):
    account = smtp_server.account(daily_cap=100)
    path = make_campaign(tmp_path / "a.apology", 0, table=customers_at("secret.example", 4))
    before = time.time()
    run(path, account)
    log_file = SendLog().path
    assert log_file.name == FILE_NAME
    conn = sqlite3.connect(log_file)
    try:
        rows = conn.execute("SELECT mailbox, campaign, at FROM sent").fetchall()
        columns = [c[1] for c in conn.execute("PRAGMA table_info(sent)")]
    finally:
        conn.close()
    assert columns == ["mailbox", "campaign", "at"]
    assert len(rows) == 4 and {r[0] for r in rows} == {mailbox_of(account)}
    assert all(before - 1 <= r[2] <= time.time() + 1 for r in rows)
    assert b"secret.example" not in log_file.read_bytes()


def test_a_log_that_cannot_be_written_costs_no_message(tmp_path, smtp_server):
    account = smtp_server.account(daily_cap=100)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the log's folder should be")
    path = make_campaign(tmp_path / "a.apology", 0, table=customers_at("one.example", 3))
    summary = run(path, account, send_log=SendLog(blocked / FILE_NAME))
    assert summary.sent == 3 and summary.ok and len(smtp_server.messages) == 3


def test_old_lines_are_forgotten_and_other_campaigns_only_are_read(tmp_path):
    log = SendLog(tmp_path / FILE_NAME)
    now = time.time()
    log.add("owner via smtp.example", "old", at=now - 3 * 24 * 3600)
    log.add("owner via smtp.example", "a", at=now - 60)
    log.add("owner via smtp.example", "b", at=now - 30)
    log.add("other via smtp.example", "b", at=now - 30)
    log.close()
    again = SendLog(tmp_path / FILE_NAME)
    assert again.times("owner via smtp.example", now - 24 * 3600) == [now - 60, now - 30]
    assert again.times("owner via smtp.example", 0, other_than="b") == [now - 60]
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    try:
        assert conn.execute("SELECT count(*) FROM sent WHERE campaign = 'old'").fetchone() == (0,)
    finally:
        conn.close()
    again.close()


def test_spread_says_how_many_days_and_when_the_last_leave():
    from composer.limiter import spread

    wednesday_9am = time.mktime((2026, 12, 2, 9, 0, 0, 0, 0, -1))
    assert spread(5_000, 10_000, now=wednesday_9am) is None  # fits today
    assert spread(100, None) is None  # no cap
    said = spread(50_000, 10_000, now=wednesday_9am)
    assert said is not None and "over about 5 days, 10,000 a day" in said
    assert "the last messages leave on Sunday 6 December" in said
    # what went out in the last 24 hours counts: 150 of 200 used leaves 50 for today
    assert "about 3 days" in (spread(300, 200, used=150, now=wednesday_9am) or "")


def ready_to_send(qtbot, window, smtp_server, tmp_path, *, customers: int, cap=None):
    """A campaign open in the app's Send step, the account chosen, going without a test."""
    from composer import accounts
    from composer.message import Identity
    from tests.ui_flow import WAIT_MS

    account = smtp_server.account(name="Shop", address="sam@bakery.example", daily_cap=cap)
    accounts.save(account)
    accounts.store_secret(account, PASSWORD)
    path = make_campaign(
        tmp_path / "c.apology", customers, identity=Identity("Sam", "sam@bakery.example")
    )
    window.open_file(path)
    doc = window.document
    qtbot.waitUntil(lambda: doc.path == path and doc.plan is not None, timeout=WAIT_MS)
    window.show_step("send")
    send = window.pages["send"]
    send.account_box.choose("Shop")
    send.test_box.skip.setChecked(True)
    qtbot.waitUntil(doc.sendable, timeout=WAIT_MS)
    return path, doc, send


def test_the_app_goes_on_by_itself_when_the_window_allows(
    qtbot, main_window, smtp_server, tmp_path
):

    from tests.ui_flow import WAIT_MS, type_into

    window = main_window
    path, doc, send = ready_to_send(qtbot, window, smtp_server, tmp_path, customers=5, cap=3)
    explain = send.confirm_box.explain
    qtbot.waitUntil(lambda: "over about 2 days, 3 a day" in explain.text(), timeout=WAIT_MS)
    type_into(qtbot, send.confirm, "5")
    with qtbot.waitSignal(send.sendFinished, timeout=WAIT_MS * 2) as first:
        click(qtbot, send.send_button)
    assert first.args[0].cap_reached and first.args[0].sent == 3
    assert send.resume_at is not None and send.progress.stop_waiting_button.isVisible()
    assert "goes on by itself at" in send.progress.result.text()
    assert len(smtp_server.messages) == 3

    # a day passes (the journal's times moved back 25 hours), and the window opens
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE deliveries SET sent_at = sent_at - 90000 WHERE sent_at IS NOT NULL")
    conn.close()
    send.resume_at = time.time() - 1
    with qtbot.waitSignal(send.sendFinished, timeout=WAIT_MS * 2) as second:
        send._tick()
    assert second.args[0].sent == 2 and not second.args[0].cap_reached
    received = [m.rcpt_tos[0] for m in smtp_server.messages]
    assert len(received) == 5 == len(set(received))  # everyone once, nobody twice
    assert send.resume_at is None and not send.progress.stop_waiting_button.isVisible()


def test_waiting_for_the_window_can_be_stopped(qtbot, main_window, smtp_server, tmp_path):
    send = main_window.pages["send"]
    main_window.show_step("send")
    send._wait_for_window(time.time() + 3600)
    assert send.progress.stop_waiting_button.isVisible()

    main_window.show()
    click(qtbot, send.progress.stop_waiting_button)
    assert send.resume_at is None and not send.progress.stop_waiting_button.isVisible()


def test_start_later_waits_for_the_hour_and_an_edit_stops_it(
    qtbot, main_window, smtp_server, tmp_path
):
    from PySide6.QtCore import QDateTime

    from tests.ui_flow import WAIT_MS, type_into

    window = main_window
    path, doc, send = ready_to_send(qtbot, window, smtp_server, tmp_path, customers=2)
    pace = send.pace_box
    pace.later.setChecked(True)
    pace.start_at.setDateTime(QDateTime.currentDateTime().addSecs(3600))

    def confirm_and_send() -> None:
        qtbot.waitUntil(lambda: send.confirm.isEnabled() and not doc.busy, timeout=WAIT_MS)
        type_into(qtbot, send.confirm, "2")
        qtbot.waitUntil(send.send_button.isEnabled, timeout=WAIT_MS)
        click(qtbot, send.send_button)

    confirm_and_send()
    assert send.resume_at is not None, send.progress.log.toPlainText()
    assert not smtp_server.messages
    assert "Sending starts by itself at" in send.progress.result.text()
    doc.set_template(subject="Sorry, truly")  # an edit: the count typed no longer holds
    assert send.resume_at is None
    assert "does not go on by itself" in send.progress.log.toPlainText()

    doc.set_template(subject="We are sorry, {{ name }}")
    qtbot.waitUntil(doc.sendable, timeout=WAIT_MS)
    confirm_and_send()
    assert send.resume_at is not None
    send.resume_at = time.time() - 1  # the hour has come
    with qtbot.waitSignal(send.sendFinished, timeout=WAIT_MS * 2):
        send._tick()
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == [
        "customer0000@example.com",
        "customer0001@example.com",
    ]


def test_a_part_sent_campaign_opened_again_offers_to_continue(
    qtbot, main_window, smtp_server, tmp_path
):
    from composer.message import Identity
    from tests.ui_flow import WAIT_MS

    path = make_campaign(tmp_path / "c.apology", 5, identity=Identity("Sam", "sam@bakery.example"))
    assert run(path, smtp_server.account(daily_cap=3)).cap_reached  # stopped at the limit
    window = main_window
    window.show_step("send")
    window.open_file(path)
    send = window.pages["send"]
    qtbot.waitUntil(
        lambda: "part-sent: 3 sent, 2 still to go" in send.progress.result.text(), timeout=WAIT_MS
    )

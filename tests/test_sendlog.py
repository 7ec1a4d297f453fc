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

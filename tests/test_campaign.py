"""The campaign file: exact round trips, clear errors for every wrong file, the send lock held
by a real second process, and the journal's crash recovery on opening for sending."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from composer import journal
from composer.attachments import AttachmentPlan
from composer.audience import CONTAINS, EQUALS, Condition, Filter
from composer.campaign import BUSY, Campaign, HistoryKind, Settings
from composer.campaign_file import APPLICATION_ID
from composer.codes import FILE, SHARED, CodePlan
from composer.errors import CampaignError
from composer.message import Identity
from composer.recipients import ColumnMap
from composer.table import Column, Table
from composer.template import Template
from tests.sending_helpers import run_until_killed

ROOT = Path(__file__).resolve().parents[1]
ANN, BOB, CHLOE, DAN = "ann@example.com", "bob@example.com", "chloé@example.com", "dan@example.com"
OWNER = Identity("Sam Baker", "sam@juniper-oak.example", reply_to="help@juniper-oak.example")


def customers() -> Table:
    """Typed cells as a loader gives them: ints, an integral float, dates, a blank."""
    return Table(
        columns=[
            Column("E-mail", "e_mail"),
            Column("First name", "first_name"),
            Column("Order #", "order"),
            Column("Ordered", "ordered"),
            Column("Amount", "amount"),
            Column("Country", "country"),
        ],
        rows=[
            ("ann@example.com", "Ann", 1001, dt.date(2026, 3, 2), 19.5, "FR"),
            ("bob@example.com", None, 1002.0, dt.datetime(2026, 3, 3, 14, 5), 7.0, "DE"),
            ("chloé@example.com", "Chloé", 1003, dt.date(2026, 3, 4), 120.25, "FR"),
            ("ann@example.com", "Ann again", 1004, dt.date(2026, 3, 5), 1.0, "FR"),
            ("dan@example.com", "Dan", 1005, None, 3.333, "GB"),
        ],
        row_numbers=[2, 3, 5, 6, 7],
        sheet="Affected",
        sheets=["Affected", "Notes"],
        source=Path("/data/customers.xlsx"),
    )


TEMPLATE = Template(
    subject="Sorry, {{ first_name or 'there' }}",
    body="Hi {{ first_name }},\n\nOrder {{ order }} is paid. Code: {{ code }}\n",
    markdown=True,
    reply_to="Help <help@juniper-oak.example>",
    fallbacks={"first_name": "friend", "country": "—"},
)


def make(path: Path, **overrides) -> Campaign:
    options = dict(
        table=customers(),
        columns=ColumnMap(email="e_mail", first_name="first_name"),
        template=TEMPLATE,
        identity=OWNER,
    )
    options.update(overrides)
    return Campaign.create(path, **options)


def test_create_close_open_gives_back_every_attribute(tmp_path):
    attach = tmp_path / "label.pdf"
    attach.write_bytes(b"%PDF-1.4 label")
    options = dict(
        code_plan=CodePlan(kind=FILE, pool=("SORRY-A", "SORRY-B", "SORRY-C", "SORRY-D")),
        attachments=AttachmentPlan(files=(attach,), column="order", base_dir=tmp_path),
        suppress=frozenset({"gone@example.com", "nope@example.org"}),
        filter=Filter(
            (Condition("country", EQUALS, "FR"), Condition("first_name", CONTAINS, "n")),
            match_all=False,
        ),
        settings=Settings(account="shop", connections=2, rate=30, daily_cap=500),
    )
    made = make(tmp_path / "a.apology", **options)
    made.codes.update({ANN: "SORRY-B", CHLOE: "SORRY-A"})
    made.save()
    expected = {
        name: getattr(made, name)
        for name in (
            "campaign_id",
            "created_at",
            "columns",
            "template",
            "identity",
            "code_plan",
            "attachments",
            "suppress",
            "filter",
            "settings",
            "codes",
        )
    }
    made.close()

    with Campaign.open(tmp_path / "a.apology") as again:
        for name, value in expected.items():
            assert getattr(again, name) == value, name
        assert len(again.campaign_id) == 32 and int(again.campaign_id, 16) >= 0
        assert again.created_at.tzinfo is not None
        assert dict(again.template.fallbacks) == {"first_name": "friend", "country": "—"}
        # the snapshot: every row as display text, blanks kept blank, row numbers kept
        table = again.table
        assert [(c.header, c.field) for c in table.columns] == [
            (c.header, c.field) for c in customers().columns
        ]
        assert table.row_numbers == [2, 3, 5, 6, 7]
        assert table.rows[1] == ("bob@example.com", None, "1002", "2026-03-03 14:05", "7", "DE")
        assert table.rows[0][3] == "2026-03-02" and table.rows[4][3] is None
        assert (table.sheet, table.sheets, table.source) == (
            "Affected",
            ["Affected", "Notes"],
            Path("/data/customers.xlsx"),
        )


def test_recipients_and_messages_from_the_snapshot_match_the_original(tmp_path):
    draft = Campaign.draft(
        table=customers(),
        columns=ColumnMap(email="e_mail", first_name="first_name"),
        template=TEMPLATE,
        identity=OWNER,
        code_plan=CodePlan(kind=SHARED, shared="SORRY11"),
    )
    with make(tmp_path / "b.apology", code_plan=CodePlan(kind=SHARED, shared="SORRY11")) as saved:
        before = [(r.row, r.email, r.name, dict(r.fields)) for r in draft.audience()]
        after = [(r.row, r.email, r.name, dict(r.fields)) for r in saved.audience()]
        assert after == before
        assert [p.row for p in saved.recipients().problems] == [6]  # row 6 repeats row 2
        bob = next(r for r in saved.audience() if r.row == 3)
        msg = saved.message_for(bob)
        assert msg["To"] == "bob@example.com"
        assert msg["Subject"] == "Sorry, friend"
        assert "Order 1002 is paid. Code: SORRY11" in msg.get_body(("plain",)).get_content()
        assert saved.renderer() is saved.renderer()  # compiled once
        # the Message-ID is the same for the same campaign and customer, whoever builds it
        assert saved.message_for(bob)["Message-ID"] == msg["Message-ID"]
        assert saved.checkup().sendable


def test_a_changed_letter_setting_renders_anew_on_an_open_campaign(tmp_path):
    """The unsubscribe line, the letter's language and its currency are template settings
    too: changing one on an open campaign changes the next message built, never a stale one."""
    from composer import message

    with make(tmp_path / "s.apology", code_plan=CodePlan(kind=SHARED, shared="SORRY11")) as saved:
        bob = next(r for r in saved.audience() if r.row == 3)
        english = message.unsubscribe_line("en")
        assert english not in saved.message_for(bob).get_body(("plain",)).get_content()
        saved.template = replace(saved.template, unsubscribe=True)
        assert english in saved.message_for(bob).get_body(("plain",)).get_content()
        saved.template = replace(saved.template, body="Paid {{ 12.5 | money }}", currency="EUR")
        euros = saved.message_for(bob).get_body(("plain",)).get_content()
        saved.template = replace(saved.template, currency="GBP", language="en_GB")
        pounds = saved.message_for(bob).get_body(("plain",)).get_content()
        assert "€12.50" in euros and "£12.50" in pounds


def test_save_writes_edits_and_a_replaced_table(tmp_path):
    path = tmp_path / "c.apology"
    make(path).close()
    with Campaign.open(path) as campaign:
        campaign.template = Template(subject="New subject", body="Hello {{ first_name }}\n")
        campaign.filter = Filter((Condition("country", EQUALS, "GB"),))
        campaign.settings = Settings(account="other", connections=5)
        smaller = customers()
        smaller.rows, smaller.row_numbers = smaller.rows[:2], smaller.row_numbers[:2]
        campaign.table = smaller
        campaign.save()
        # a copy of the file alone, taken while it is still open, already holds the save
        (tmp_path / "copy.apology").write_bytes(path.read_bytes())
        with Campaign.open(tmp_path / "copy.apology") as copy:
            assert copy.template.subject == "New subject"
    with Campaign.open(path) as campaign:
        assert campaign.template == Template(subject="New subject", body="Hello {{ first_name }}\n")
        assert campaign.filter == Filter((Condition("country", EQUALS, "GB"),))
        assert campaign.settings == Settings(account="other", connections=5)
        assert campaign.table.row_numbers == [2, 3]


def test_unique_codes_are_stored_once_and_never_change(tmp_path):
    path = tmp_path / "d.apology"
    plan = CodePlan(kind=FILE, pool=("C1", "C2", "C3", "C4", "C5"))
    with make(path, code_plan=plan, filter=Filter((Condition("country", EQUALS, "FR"),))) as c:
        first = c.assign_codes()
        assert first == {ANN: "C1", CHLOE: "C2"}
    with Campaign.open(path) as c:
        assert c.codes == {ANN: "C1", CHLOE: "C2"}
        c.filter = Filter()
        c.code_plan = CodePlan(kind=FILE, pool=("C5", "C4", "C3", "C2", "C1"))  # reordered
        c.save()
        everyone = c.assign_codes()
        assert everyone[ANN] == "C1" and everyone[CHLOE] == "C2"  # kept
        assert len(set(everyone.values())) == len(everyone) == 4
    with Campaign.open(path) as c:
        assert c.codes == everyone
        c.codes[ANN] = "C9"
        with pytest.raises(CampaignError, match="never changed"):
            c.save()


def test_a_code_is_never_stored_for_two_customers(tmp_path):
    with make(tmp_path / "e.apology", code_plan=CodePlan(kind=FILE, pool=("C1", "C2"))) as c:
        c.codes.update({ANN: "C1", BOB: "C1"})
        with pytest.raises(CampaignError, match="share one discount code"):
            c.save()
    with Campaign.open(tmp_path / "e.apology") as c:
        assert c.codes == {}  # the failed save wrote nothing


def test_preview_codes_can_stay_in_memory(tmp_path):
    path = tmp_path / "f.apology"
    make(path, code_plan=CodePlan(kind=FILE, pool=("C1", "C2", "C3", "C4"))).close()
    with Campaign.open(path) as c:
        assert c.assign_codes(store=False) == {ANN: "C1", BOB: "C2", CHLOE: "C3", DAN: "C4"}
    with Campaign.open(path) as c:
        assert c.codes == {}


def test_save_as_copies_the_journal_and_codes_and_leaves_the_original_open(tmp_path):
    path, copy = tmp_path / "orig.apology", tmp_path / "copy.apology"
    with make(path, code_plan=CodePlan(kind=FILE, pool=("C1", "C2", "C3", "C4"))) as original:
        codes = original.assign_codes()
        journal.enqueue(original.conn, original.audience(), codes)
        journal.mark_sending(original.conn, ANN)
        journal.mark_sent(original.conn, ANN, "250 OK")
        original.template = Template(subject="Edited", body="Hi {{ first_name }} {{ code }}\n")
        with original.save_as(copy) as saved:
            assert saved.campaign_id == original.campaign_id
            assert saved.codes == codes
            assert saved.template.subject == "Edited"
            assert journal.get(saved.conn, ANN).state == journal.SENT
            assert journal.counts(saved.conn)[journal.QUEUED] == 3
        assert original.path == path and original.conn is not None
        journal.mark_sending(original.conn, BOB)  # the original is still open and writable
    with Campaign.open(path) as again:
        assert again.template == TEMPLATE  # the edit went to the copy only


def test_create_refuses_to_replace_a_file_unless_asked(tmp_path):
    path = tmp_path / "g.apology"
    first = make(path)
    first_id = first.campaign_id
    first.close()
    with pytest.raises(CampaignError, match="already exists"):
        make(path)
    with Campaign.open(path) as c:
        assert c.campaign_id == first_id
    make(path, overwrite=True).close()
    with Campaign.open(path) as c:
        assert c.campaign_id != first_id
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.apology"]  # no temp files left


def test_a_closed_campaign_is_one_self_contained_file(tmp_path):
    path = tmp_path / "h.apology"
    make(path).close()
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-journal").exists()
    copy = tmp_path / "copy.apology"
    copy.write_bytes(path.read_bytes())
    with Campaign.open(copy) as c:
        assert len(c.table) == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "There is no campaign file"),
        (b"Subject: hello\n\nnot a database\n", "is not a campaign file"),
        (b"", "is not a campaign file"),
        (b"PK\x03\x04" + bytes(200), "is not a campaign file"),
    ],
)
def test_opening_what_is_not_a_campaign_says_so(tmp_path, content, message):
    path = tmp_path / "x.apology"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CampaignError, match=message) as error:
        Campaign.open(path)
    assert str(error.value).count(".") >= 1 and "\n" not in str(error.value)


def test_another_sqlite_file_is_recognised_and_left_untouched(tmp_path):
    path = tmp_path / "shop.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE orders (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(CampaignError, match="not an Apology Composer campaign"):
        Campaign.open(path)
    assert path.read_bytes() == before  # not even switched to WAL


def test_a_newer_schema_asks_for_an_update(tmp_path):
    path = tmp_path / "new.apology"
    make(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(CampaignError, match="newer version"):
        Campaign.open(path)


def test_a_damaged_file_is_a_sentence_not_a_traceback(tmp_path):
    path = tmp_path / "broken.apology"
    make(path, table=_many_rows(400)).close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[3 * page : 6 * page] = b"\xa5" * (3 * page)  # scribble over some pages
    path.write_bytes(bytes(data))
    with pytest.raises(CampaignError, match="damaged") as error:
        Campaign.open(path)
    assert "\n" not in str(error.value)


def _many_rows(n: int) -> Table:
    return Table(
        columns=[Column("Email", "email"), Column("Note", "note")],
        rows=[(f"c{i}@example.com", "x" * 40) for i in range(n)],
        row_numbers=list(range(2, n + 2)),
    )


# -- the send lock, with a real second process ------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from composer.campaign import Campaign
    from composer.errors import CampaignError
    try:
        campaign = Campaign.open(sys.argv[1], for_sending=True)
    except CampaignError as e:
        print("refused:", e, flush=True)
        sys.exit(3)
    print("holding", flush=True)
    if sys.argv[2] == "hold":
        time.sleep(60)
    campaign.close()
    """
)


def _second_process(path: Path, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_only_one_process_may_send_a_campaign(tmp_path):
    path = tmp_path / "lock.apology"
    make(path).close()
    with Campaign.open(path, for_sending=True):
        other = _second_process(path, "once")
        out, _ = other.communicate(timeout=60)
        assert other.returncode == 3
        assert out.strip() == f"refused: {BUSY}"
        with Campaign.open(path) as reader:  # looking at it is still fine
            assert len(reader.table) == 5
    other = _second_process(path, "once")
    out, _ = other.communicate(timeout=60)
    assert (other.returncode, out.strip()) == (0, "holding")


def test_the_lock_dies_with_a_killed_process(tmp_path):
    path = tmp_path / "killed.apology"
    make(path).close()
    holder = _second_process(path, "hold")
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(CampaignError, match="being sent from another window"):
            Campaign.open(path, for_sending=True)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        holder.stdout.close()
    with Campaign.open(path, for_sending=True) as campaign:
        assert campaign.conn is not None


def test_a_second_window_in_the_same_process_is_refused_too(tmp_path):
    path = tmp_path / "same.apology"
    make(path).close()
    with (
        Campaign.open(path, for_sending=True),
        pytest.raises(CampaignError, match="being sent"),
    ):
        Campaign.open(path, for_sending=True)
    with Campaign.open(path, for_sending=True):
        pass
    assert not Path(f"{path}.lock").exists()


# -- the journal ------------------------------------------------------------------------------


def test_opening_turns_interrupted_sends_into_in_doubt_unless_somebody_is_sending(tmp_path):
    path = tmp_path / "crash.apology"
    with make(path) as campaign:
        journal.enqueue(campaign.conn, campaign.audience())
        journal.mark_sending(campaign.conn, BOB)
    with Campaign.open(path, for_sending=True) as sending:
        journal.mark_sending(sending.conn, DAN)  # really being sent by this one
        with Campaign.open(path) as looking:  # while it sends, "sending" is the truth
            assert journal.get(looking.conn, DAN).state == journal.SENDING
        sending.conn.execute("SELECT 1")
    with Campaign.open(path) as after:  # nobody sends: both are in doubt now
        assert journal.get(after.conn, BOB).state == journal.IN_DOUBT
        assert journal.get(after.conn, DAN).state == journal.IN_DOUBT
        assert journal.counts(after.conn)[journal.QUEUED] == 2


CRASH = textwrap.dedent(
    """
    import os, signal, sys
    from composer import journal
    from composer.campaign import Campaign
    campaign = Campaign.open(sys.argv[1], for_sending=True)
    journal.enqueue(campaign.conn, campaign.audience())
    journal.mark_sending(campaign.conn, "ann@example.com")
    os.kill(os.getpid(), signal.SIGKILL)  # no close, no checkpoint, lock still held
    """
)


def test_a_process_killed_mid_send_leaves_a_readable_file_and_no_lock(tmp_path):
    path = tmp_path / "killed-mid-send.apology"
    make(path).close()
    run_until_killed(CRASH, path)
    assert Path(f"{path}-wal").exists()  # the commits live in the log until a checkpoint
    with Campaign.open(path, for_sending=True) as campaign:
        assert journal.get(campaign.conn, ANN).state == journal.IN_DOUBT
        assert journal.counts(campaign.conn)[journal.QUEUED] == 3
    assert not Path(f"{path}-wal").exists()


def test_the_password_used_to_send_never_reaches_the_file(tmp_path, make_smtp_server):
    import asyncio

    from composer.sender import Sender
    from tests.smtp_server import PASSWORD

    server = make_smtp_server(security="starttls")
    path = tmp_path / "secret.apology"
    make(
        path,
        code_plan=CodePlan(kind=SHARED, shared="SORRY11"),
        settings=Settings(account="shop", connections=1),
    ).close()
    campaign = Campaign.open(path, for_sending=True)
    try:
        sender = Sender(
            campaign, server.account(), PASSWORD, tls_context=server.client_tls_context()
        )
        summary = asyncio.run(sender.run())
        campaign.save()
    finally:
        campaign.close()
    assert summary.sent == 4
    assert len(server.messages) == 4
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(path.name))
    assert b"SORRY11" in data  # the file does hold the campaign...
    assert PASSWORD.encode() not in data  # ...but never the password
    assert PASSWORD.encode("utf-16-le") not in data


def test_columns_left_to_detection_are_fixed_at_creation(tmp_path):
    with make(tmp_path / "detect.apology", columns=None) as campaign:
        assert campaign.columns.email == "e_mail"
        assert campaign.columns.first_name == "first_name"
    with Campaign.open(tmp_path / "detect.apology") as campaign:
        assert campaign.columns.email == "e_mail"
        assert [r.row for r in campaign.audience()] == [2, 3, 5, 7]


# -- customers, not rows ------------------------------------------------------------------


def _with_forgotten_customer_on_top() -> Table:
    """The owner adds a forgotten customer at the top: everybody moves down one row."""
    old = customers()
    return Table(
        columns=old.columns,
        rows=[("eve@example.com", "Eve", 1006, None, 5.0, "FR"), *old.rows],
        row_numbers=[2, *(n + 1 for n in old.row_numbers)],
        source=Path("/data/customers-edited.xlsx"),
    )


def test_a_customer_added_to_a_sent_campaign_gets_the_apology_and_nobody_twice(
    tmp_path, make_smtp_server
):
    import asyncio

    from composer.sender import Sender
    from tests.smtp_server import PASSWORD

    server = make_smtp_server(security="starttls")
    path = tmp_path / "added.apology"
    make(path, code_plan=CodePlan(kind=FILE, pool=("C1", "C2", "C3", "C4", "C5"))).close()

    def send() -> int:
        with Campaign.open(path, for_sending=True) as campaign:
            to_send = campaign.plan().to_send
            sender = Sender(
                campaign, server.account(), PASSWORD, tls_context=server.client_tls_context()
            )
            assert asyncio.run(sender.run()).sent == to_send
            return to_send

    assert send() == 4
    with Campaign.open(path) as campaign:
        change = campaign.compare_list(_with_forgotten_customer_on_top())
        assert change.sentence() == (
            "1 new customer, 0 no longer in the list, 4 unchanged (4 of them already have the "
            "apology and will not get it again)."
        )
        campaign.replace_list(_with_forgotten_customer_on_top())
        campaign.save()
        planned = campaign.plan()
        assert planned.to_send == 1 and planned.sent == 4
    assert send() == 1
    received = [m.rcpt_tos[0] for m in server.messages]
    assert sorted(received) == sorted([ANN, BOB, CHLOE, DAN, "eve@example.com"])
    with Campaign.open(path) as campaign:
        # codes already given stayed with their customer; Eve got a fresh one
        assert campaign.codes["eve@example.com"] == "C5"
        assert campaign.codes[ANN] == "C1"
        assert [e.kind for e in campaign.history] == [HistoryKind.LIST_LOADED]


def test_a_customer_taken_off_the_list_before_being_sent_is_not_sent(tmp_path):
    path = tmp_path / "gone.apology"
    with make(path) as campaign:
        journal.enqueue(campaign.conn, campaign.audience())
        journal.mark_sent(campaign.conn, ANN, "250 OK")
        shorter = customers()
        shorter.rows, shorter.row_numbers = shorter.rows[:2], shorter.row_numbers[:2]
        change = campaign.replace_list(shorter)
        assert (change.new, change.gone, change.gone_waiting, change.unchanged) == (0, 2, 2, 2)
        planned = campaign.plan()
        assert planned.to_send == 1  # Bob only
        assert {f.customer: f.next for f in planned.fates}[CHLOE] == "gone"


def test_tests_and_skipped_tests_are_kept_in_the_history_and_follow_the_version(tmp_path):
    path = tmp_path / "tested.apology"
    with make(path) as campaign:
        assert not campaign.test_status().done
        campaign.record(
            HistoryKind.TEST_SENT, fingerprint=campaign.mailing.fingerprint(), to=OWNER.address
        )
        assert campaign.test_status().tested
    with Campaign.open(path) as campaign:
        status = campaign.test_status()
        assert status.tested and status.to == OWNER.address
        campaign.template = Template(subject="Edited", body="Hi")
        assert campaign.test_status() == type(status)(earlier=True)
        campaign.record(HistoryKind.TEST_SKIPPED, fingerprint=campaign.mailing.fingerprint())
        assert campaign.test_status().skipped


def test_a_send_cut_off_by_a_kill_is_noticed_until_the_campaign_is_opened(tmp_path):
    from composer.sendlock import interrupted

    path = tmp_path / "cut.apology"
    make(path).close()
    assert not interrupted(path)
    run_until_killed(CRASH, path)
    assert interrupted(path) and interrupted(path)  # looking changes nothing
    with Campaign.open(path, for_sending=True):
        assert not interrupted(path)  # being sent now is not "cut off"
    assert not interrupted(path)


def test_saving_over_another_campaigns_record_is_refused_unless_asked(tmp_path):
    sent = tmp_path / "refund.apology"
    with make(sent) as campaign:
        journal.enqueue(campaign.conn, campaign.audience())
        journal.mark_sent(campaign.conn, ANN, "250 OK")
    draft = Campaign.draft(table=customers(), columns=None, template=TEMPLATE, identity=OWNER)
    with pytest.raises(CampaignError, match="its own record of who got what"):
        draft.save_as(sent, overwrite=True)
    with Campaign.open(sent) as kept:
        assert journal.get(kept.conn, ANN).state == journal.SENT
    make(sent, overwrite=True).close()  # `new --force`: replacing it whole was asked for
    with Campaign.open(sent) as replaced:
        assert not replaced.journal_started()


def test_a_test_into_another_mailbox_is_no_test_of_the_senders(tmp_path):
    with make(tmp_path / "t.apology") as campaign:
        fingerprint = campaign.mailing.fingerprint()
        campaign.record(HistoryKind.TEST_SENT, fingerprint=fingerprint, to="you@example.com")
        assert not campaign.test_status().done  # the practice outbox is not the owner's inbox
        campaign.record(HistoryKind.TEST_SENT, fingerprint=fingerprint, to=OWNER.address.upper())
        assert campaign.test_status().tested


def test_a_message_that_would_show_another_customers_address_is_never_made(tmp_path):
    table = Table(
        columns=[Column("Email", "email"), Column("Note", "note")],
        rows=[("ann@example.com", "see BOB@example.com"), ("bob@example.com", "thanks")],
        row_numbers=[2, 3],
    )
    draft = Campaign.draft(
        table=table,
        columns=None,
        template=Template(subject="Sorry", body="{{ note }} — write to help@shop.example"),
        identity=OWNER,
    )
    ann, bob = draft.audience()
    from composer.message import MessageError

    with pytest.raises(MessageError, match="another customer's address"):
        draft.message_for(ann)
    assert "help@shop.example" in draft.message_for(bob).get_content()  # the shop's own: fine


def test_a_second_name_for_the_file_is_no_way_around_the_send_lock(tmp_path):
    """Issue 8, defect 2: the lock belongs to the file, not to the name used to reach it."""
    from composer.campaign import CampaignBusy

    path = tmp_path / "one.apology"
    make(path).close()
    alias = tmp_path / "alias.apology"
    alias.symlink_to(path)
    with Campaign.open(path, for_sending=True), pytest.raises(CampaignBusy):
        Campaign.open(alias, for_sending=True)
    with Campaign.open(alias) as through_the_link:
        assert through_the_link.path == path  # one file, one lock, one log
    twin = tmp_path / "twin.apology"
    os.link(path, twin)
    for name in (path, twin):
        with pytest.raises(CampaignError, match="a second name on this disk"):
            Campaign.open(name, for_sending=True)

"""Re-checking after an edit: a campaign and its snapshots keep what an edit of the apology
cannot change (the recipients, the audience, facts about the columns, the plan's standing),
and every answer stays exactly what a check from nothing would say."""

from __future__ import annotations

import sqlite3
import time

import pytest

from composer import check, journal
from composer.audience import EQUALS, Condition, Filter
from composer.campaign import Campaign
from composer.codes import SHARED, CodePlan
from composer.errors import Stopped
from composer.message import Identity
from composer.recipients import ColumnMap
from composer.table import Column, Table
from composer.template import Template

OWNER = Identity("Sam Baker", "sam@juniper-oak.example")


def _table(rows: list[tuple[str, str | None, str]]) -> Table:
    return Table(
        columns=[
            Column("Email", "email"),
            Column("First name", "first_name"),
            Column("City", "city"),
        ],
        rows=rows,
        row_numbers=list(range(2, 2 + len(rows))),
    )


ROWS = [
    ("ann@example.com", "Ann", "Lyon"),
    ("bob@example.com", "Bob", ""),
    ("chloe@example.com", None, "Nice"),
    ("dan@example.com", "Dan", "Lyon"),
]


def _campaign(**parts) -> Campaign:
    options = dict(
        table=_table(ROWS),
        columns=ColumnMap(email="email", first_name="first_name"),
        template=Template(subject="Sorry", body="Hi {{ first_name }}, code {{ code }}"),
        identity=OWNER,
        code_plan=CodePlan(kind=SHARED, shared="SORRY11"),
    )
    options.update(parts)
    return Campaign.draft(**options)


def _fresh(campaign: Campaign) -> check.Checkup:
    """The reference: the same mailing checked from nothing, with no memory at all."""
    return check.run(campaign.mailing, already=campaign.codes)


def _same(a: check.Checkup, b: check.Checkup) -> None:
    assert a.blocking == b.blocking
    assert a.missing == b.missing and a.blank == b.blank
    assert [r.key for r in a.audience] == [r.key for r in b.audience]
    assert a.codes == b.codes
    assert [(p.row, p.kind) for p in a.problems] == [(p.row, p.kind) for p in b.problems]


def test_an_edit_of_the_apology_reuses_the_recipients_and_answers_as_a_fresh_check():
    campaign = _campaign()
    first = campaign.snapshot().checkup(check_sender=False)
    assert first.missing == {"first_name": [4]}  # Chloé has no first name

    campaign.template = Template(subject="Sorry", body="Hi {{ first_name }} from {{ city }}")
    again = campaign.snapshot().checkup(check_sender=False)
    assert again.recipients is first.recipients  # not built again for an edit of the text
    assert again.missing == {"first_name": [4], "city": [3]}  # the new field is looked at
    _same(again, _fresh(campaign))

    campaign.template = Template(subject="Sorry", body="Hi there, code {{ code }}")
    plain = campaign.snapshot().checkup(check_sender=False)
    assert plain.missing == {} and plain.sendable
    _same(plain, _fresh(campaign))


def test_a_new_list_the_same_length_or_a_new_filter_is_checked_afresh():
    campaign = _campaign()
    first = campaign.snapshot().checkup(check_sender=False)
    changed = [("ann@example.com", "Ann", "Lyon"), *ROWS[1:3], ("eve@example.com", "", "Lyon")]
    campaign.table = _table(changed)
    again = campaign.snapshot().checkup(check_sender=False)
    assert again.recipients is not first.recipients
    assert again.missing == {"first_name": [4, 5]}
    assert "eve@example.com" in again.codes and "dan@example.com" not in again.codes
    _same(again, _fresh(campaign))

    campaign.filter = Filter((Condition("city", EQUALS, "Lyon"),))
    lyon = campaign.snapshot().checkup(check_sender=False)
    assert [r.key for r in lyon.audience] == ["ann@example.com", "eve@example.com"]
    assert lyon.missing == {"first_name": [5]}
    _same(lyon, _fresh(campaign))


def _saved(path) -> Campaign:
    return Campaign.create(
        path,
        table=_table(ROWS),
        columns=ColumnMap(email="email", first_name="first_name"),
        template=Template(subject="Sorry", body="Hi there"),
        identity=OWNER,
    )


def test_the_plan_sees_what_another_connection_wrote_to_the_journal(tmp_path):
    path = tmp_path / "sorry.apology"
    campaign = _saved(path)
    try:
        before = campaign.snapshot().plan()
        assert before.to_send == 4 and before.sent == 0
        assert campaign.snapshot().plan().fates is before.fates  # kept: nothing changed

        # another program (a CLI send) writes through its own connection
        other = sqlite3.connect(path)
        with other:
            journal.enqueue(other, campaign.recipients().valid)
            journal.mark_sending(other, "bob@example.com")
            journal.mark_sent(other, "bob@example.com", "250 OK")
        other.close()

        after = campaign.snapshot().plan()
        assert after.sent == 1 and after.to_send == 3
        assert after.sent_last_day == 1
        # ... and through the campaign's own
        with campaign.conn.lock:
            journal.mark_sending(campaign.conn, "ann@example.com")
            journal.mark_failed(campaign.conn, "ann@example.com", "550 no such user")
        mine = campaign.plan()
        assert mine.failed == 1 and mine.to_send == 2
    finally:
        campaign.close()


def test_the_daily_count_moves_with_the_clock_without_a_new_standing(tmp_path):
    campaign = _saved(tmp_path / "sorry.apology")
    try:
        now = time.time()
        with campaign.conn.lock:
            journal.enqueue(campaign.conn, campaign.recipients().valid)
            for key, hours in (("ann@example.com", 30), ("bob@example.com", 2)):
                journal.mark_sending(campaign.conn, key, at=now - hours * 3600)
                journal.mark_sent(campaign.conn, key, "250 OK", at=now - hours * 3600)
        assert campaign.plan().sent_last_day == 1
        from composer import plan

        where = plan.work_out(
            campaign.recipients().valid, campaign.audience(), campaign.deliveries(), []
        )
        assert plan.of(where, 4, now=now + 23 * 3600).sent_last_day == 0
        assert plan.of(where, 4, now=now - 7 * 3600).sent_last_day == 2
    finally:
        campaign.close()


def test_a_check_that_fills_in_every_message_stops_when_asked():
    rows = [(f"c{i}@example.com", f"N{i}", "Lyon") for i in range(1_000)]
    campaign = _campaign(
        table=_table(rows),
        template=Template(
            subject="Sorry", body="{% for x in [1, 2] %}{{ first_name }}{% endfor %}"
        ),
    )
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(Stopped):
        campaign.snapshot().checkup(check_sender=False, stop=stop)
    assert len(asked) == 3  # asked every check.ASK_EVERY messages, and it stopped at once

    # never asked to stop: the same check runs to its end and finds everything
    done = campaign.snapshot().checkup(check_sender=False, stop=lambda: False)
    assert done.sendable and len(done.audience) == 1_000


def test_the_recipients_worked_out_to_compare_a_new_list_are_the_ones_it_then_uses():
    campaign = Campaign.draft(
        template=Template(subject="Sorry", body="Hi {{ first_name }}"), identity=OWNER
    )
    table = _table(ROWS)
    change = campaign.snapshot().compare_list(table)  # in the app: on the worker thread
    assert change.new == 4 and change.gone == 0
    built = campaign._cache.entries["recipients"][1]
    campaign.replace_list(table, change=change)
    assert campaign.recipients() is built  # not built a second time
    _same(campaign.snapshot().checkup(check_sender=False), _fresh(campaign))

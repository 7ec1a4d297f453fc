"""The app cannot be talked into a wrong send: it shows the engine's rules and numbers only.

Each test walks the whole window the way a new user did when these went wrong: blank messages
sent, a customer added to a sent campaign lost, a new campaign that kept the old one's state,
an interrupted send nobody heard of, two panels saying opposite things about one odd file.
The oracles are what the practice outbox (a real SMTP server) received and what the campaign
file holds, read on its own."""

from __future__ import annotations

import textwrap
from pathlib import Path

from openpyxl import load_workbook

import resources
from composer.campaign import Campaign
from composer.check import EMPTY_BODY, EMPTY_SUBJECT, Step
from composer.plan import Next
from tests.sending_helpers import make_campaign, run_until_killed
from tests.ui_flow import WAIT_MS, answer_next_box, click, read_eml, sample_copy, wait_for

ROOT = Path(__file__).resolve().parents[1]


def settled(doc) -> bool:
    return doc.checkup is not None and not doc.busy


def open_list(qtbot, window, path: Path) -> None:
    window.open_spreadsheet(path)
    wait_for(qtbot, lambda: settled(window.document) and window.document.table is not None)


def send_everyone(qtbot, window, tmp_path: Path, name: str = "campaign") -> int:
    """Send step: skip the test (recorded), type the engine's number as read from the screen
    sentence, Send. Returns how many the practice outbox got in this run."""
    doc = window.document
    window.show_step("send")
    send = window.pages["send"]
    send.ask_save_path = lambda: tmp_path / f"{name}.apology"
    before = len(send.outbox.messages())
    if not doc.campaign.test_status().done:
        send.test_box.skip.click()
    wait_for(qtbot, lambda: settled(doc) and doc.sendable())
    count = doc.plan.to_send
    qtbot.keyClicks(send.confirm, str(count))
    assert send.send_button.isEnabled(), send.confirm_box.blockers.text()
    with qtbot.waitSignal(send.sendFinished, timeout=WAIT_MS):
        click(qtbot, send.send_button)
    wait_for(qtbot, lambda: settled(doc) and not doc.sending)
    got = len(send.outbox.messages()) - before
    assert got == count  # the number typed is the number that went
    return got


def test_nothing_written_yet_sends_nothing(qtbot, main_window, tmp_path):
    window = main_window
    doc = window.document
    open_list(qtbot, window, sample_copy(tmp_path))
    window.show_step("send")
    send = window.pages["send"]
    send.test_box.skip.click()  # even without a test: the apology itself is missing
    wait_for(qtbot, lambda: settled(doc))
    assert {b.sentence for b in doc.blockers(Step.MESSAGE)} == {EMPTY_SUBJECT, EMPTY_BODY}
    assert EMPTY_SUBJECT in send.confirm_box.blockers.text()
    qtbot.keyClicks(send.confirm, str(doc.audience_count()))
    assert not send.confirm.isEnabled() and not send.send_button.isEnabled()
    assert not send.test_box.button.isEnabled()  # no apology yet: nothing to test either
    assert "Write the apology" in window.steps.item(1).text()
    message = window.pages["message"]
    listed = [message.blocking_list.item(i).text() for i in range(message.blocking_list.count())]
    assert listed == [EMPTY_SUBJECT, EMPTY_BODY]
    assert send.outbox.messages() == []


def test_a_forgotten_customer_added_to_a_sent_campaign_gets_it_and_nobody_twice(
    qtbot, main_window, tmp_path
):
    from ui.app import load_sample

    window = main_window
    doc = window.document
    load_sample(window)
    wait_for(qtbot, lambda: settled(doc) and doc.table is not None)
    people = doc.audience_count()
    assert send_everyone(qtbot, window, tmp_path) == people

    # the owner adds a forgotten customer at the top of the sheet and loads it again
    edited = tmp_path / "customers-edited.xlsx"
    book = load_workbook(resources.resource_path(*resources.SAMPLE_CUSTOMERS))
    sheet = book.active
    sheet.insert_rows(2)
    forgotten = ("forgotten@example.com", "Fran", "Forgot", 10999, "2026-03-12", 12.5, "GB")
    for column, value in enumerate(forgotten, start=1):
        sheet.cell(row=2, column=column, value=value)
    book.save(edited)
    said: list[str] = []
    answer_next_box(qtbot, "Load it", said)
    window.open_spreadsheet(edited)
    wait_for(qtbot, lambda: bool(said))
    wait_for(qtbot, lambda: settled(doc) and doc.source == edited)
    assert (
        f"1 new customer, 0 no longer in the list, {people} unchanged ({people} of them "
        "already have the apology and will not get it again)."
    ) in said[0]
    assert doc.plan.to_send == 1

    send = window.pages["send"]
    kept_before = len(send.outbox.messages())
    assert send_everyone(qtbot, window, tmp_path) == 1
    [last] = [read_eml(p) for p in send.outbox.messages()[kept_before:]]
    assert last["To"].addresses[0].addr_spec == "forgotten@example.com"
    with Campaign.open(doc.path) as stored:
        assert stored.plan().counts == {Next.SENT: people + 1}


def test_new_campaign_is_new(qtbot, main_window, tmp_path):
    from ui.app import load_sample

    window = main_window
    doc = window.document
    load_sample(window)
    wait_for(qtbot, lambda: settled(doc) and doc.table is not None)
    send_everyone(qtbot, window, tmp_path)
    sender = doc.identity
    assert "All" in window.steps.item(3).text()

    window.new_campaign()
    wait_for(qtbot, lambda: not doc.busy)
    assert doc.path is None and doc.table is None
    assert "sent" not in window.steps.item(3).text()
    assert doc.identity == sender  # the same person's mailbox still sends

    three = tmp_path / "three.csv"
    three.write_text(
        "Email,First name\nana@example.com,Ana\nben@example.com,Ben\ncy@example.com,Cy\n",
        encoding="utf-8",
    )
    open_list(qtbot, window, three)
    doc.set_template(subject="Sorry, {{ first_name }}", body="Hi {{ first_name }}, sorry.")
    wait_for(qtbot, lambda: settled(doc) and doc.plan.to_send == 3)
    assert "sent" not in window.steps.item(3).text()
    assert send_everyone(qtbot, window, tmp_path, name="three") == 3


CRASH = textwrap.dedent(
    """
    import os, signal, sys
    from composer import journal
    from composer.campaign import Campaign
    campaign = Campaign.open(sys.argv[1], for_sending=True)
    people = campaign.audience()
    journal.enqueue(campaign.conn, people)
    journal.mark_sent(campaign.conn, people[0].key, "250 OK")
    journal.mark_sending(campaign.conn, people[1].key)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_the_next_launch_tells_of_an_interrupted_send(qtbot, main_window, tmp_path):
    path = make_campaign(tmp_path / "refund.apology", 5)
    run_until_killed(CRASH, path)
    window = main_window
    window.add_recent(str(path))
    said: list[str] = []
    answer_next_box(qtbot, "Open it", said)
    window.offer_recovery()
    assert said and "was interrupted" in said[0]
    assert "1 sent, 1 in doubt" in said[0] and "3 not sent yet" in said[0]
    doc = window.document
    wait_for(qtbot, lambda: doc.path == path and settled(doc))
    assert window.current_step == "send"
    send = window.pages["send"]
    wait_for(qtbot, send.doubt_box.isVisible)
    assert send.doubt_box.list.count() == 1
    assert not send.confirm_box.jump.isVisible()  # 0 before (nothing open) is no jump


def test_a_text_file_named_like_a_workbook_is_said_to_be_text(qtbot, main_window, tmp_path):
    window = main_window
    odd = tmp_path / "customers.xlsx"
    odd.write_text("Email,First name\nana@example.com,Ana\n", encoding="utf-8")
    open_list(qtbot, window, odd)
    customers = window.pages["customers"]
    assert customers.notes_label.isVisible()
    assert "is a text file" in customers.notes_label.text()


def test_two_panels_never_contradict_each_other(qtbot, main_window, tmp_path):
    window = main_window
    no_addresses = tmp_path / "names.csv"
    no_addresses.write_text("Name,City\nAna,Lyon\nBen,Oslo\n", encoding="utf-8")
    open_list(qtbot, window, no_addresses)
    customers = window.pages["customers"]
    assert "No column of e-mail addresses" in customers.blocking_label.text()
    assert "every address is usable" not in customers.problems_hint.text()

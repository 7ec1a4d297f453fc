"""Step 4, Send, driven as a person would: against the practice outbox and a real SMTP server
(aiosmtpd, STARTTLS + AUTH, trustme CA). The oracles are what the server received and what
the campaign file says, never the page's own numbers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from composer import audience
from composer.campaign import Campaign
from composer.check import Step
from composer.plan import Next
from composer.wording import counts_line
from tests.smtp_server import PASSWORD
from tests.ui_flow import WAIT_MS, click, fill_sample, read_eml, sample_copy, wait_for


def shop_account(server):
    """The test server's account with a sender address the engine's check accepts."""
    return server.account(address="owner@example.com", display_name="Sam Baker")


def send_test_first(qtbot, page) -> None:
    """Send the test to myself and wait until the engine counts it for this version."""
    doc = page.document
    job = page.send_test()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=WAIT_MS):
        pass
    wait_for(qtbot, lambda: doc.checkup is not None and doc.checkup.test.tested and not doc.busy)


def confirm_and_send(qtbot, page, expected: int) -> object:
    """Type the number the person expects (worked out by the test), press Send; the summary."""
    page.confirm.clear()
    qtbot.keyClicks(page.confirm, str(expected))
    assert page.send_button.isEnabled(), page.confirm_box.blockers.text()
    with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS) as finished:
        click(qtbot, page.send_button)
    wait_for(qtbot, lambda: not page.sending() and not page.document.busy)
    return finished.args[0]


def stored_fates(path) -> dict[Next, int]:
    """What the campaign file says, read by a second, independent opening."""
    with Campaign.open(path) as campaign:
        return dict(campaign.plan().counts)


def test_practice_outbox_whole_flow(qtbot, document, send_page, tmp_path):
    checkup = fill_sample(qtbot, document, tmp_path)
    page = send_page
    page.activated()
    people = len(checkup.audience)

    # the practice outbox is chosen by default, and says so
    assert page.account.host == "127.0.0.1"
    assert "Practice" in page.account_box.combo.currentText()
    assert page.account_box.outbox_button.isVisible()

    # sending to everyone is locked until a test went to myself
    assert [b.step for b in document.blockers()] == [Step.SEND]
    qtbot.keyClicks(page.confirm, str(people))
    assert not page.send_button.isEnabled()
    assert "Send a test to yourself first" in page.confirm_box.blockers.text()
    send_test_first(qtbot, page)
    [test] = [read_eml(p) for p in page.outbox.messages()]
    assert test["Subject"].startswith("[TEST] ")
    assert test["To"].addresses[0].addr_spec == page.account.address
    assert "went to" in page.test_box.result.text()

    # Send stays disabled until the exact number is typed
    page.confirm.clear()
    qtbot.keyClicks(page.confirm, str(people + 1))
    assert not page.send_button.isEnabled()
    page.confirm.clear()
    qtbot.keyClicks(page.confirm, str(people - 1))
    assert not page.send_button.isEnabled()
    summary = confirm_and_send(qtbot, page, people)
    assert summary.sent == people and summary.failed == 0

    kept = [read_eml(p) for p in page.outbox.messages()[1:]]
    assert len(kept) == people  # the number typed is the number that went
    to = [m["To"].addresses for m in kept]
    assert all(len(a) == 1 for a in to)
    assert sorted(a[0].addr_spec for a in to) == sorted(r.email for r in checkup.audience)
    assert not any(m["Cc"] or m["Bcc"] for m in kept)
    codes = {m.get_content().split("code ")[1].split(".")[0] for m in kept}
    assert len(codes) == people  # unique codes, never two people the same

    # the result is shown, and the report can be exported
    assert stored_fates(document.path) == {Next.SENT: people}
    assert f"{people} sent" in page.progress.counts.text()
    assert page.progress.bar.value() == page.progress.bar.maximum()
    report = tmp_path / "report.csv"
    with qtbot.waitSignal(page.export_report(report).finished, timeout=WAIT_MS):
        pass
    with report.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == people and {r["State"] for r in rows} == {"sent"}
    assert not page.send_button.isEnabled()  # nothing left to send
    assert "Nothing is left to send" in page.confirm_box.explain.text()

    # the outbox viewer lists and shows what was received
    page.account_box.open_outbox()
    viewer = page.account_box.viewer
    assert viewer.list.count() == people + 1
    viewer.list.setCurrentRow(2)
    assert "Subject:" in viewer.headers.text() and viewer.text.toPlainText()
    viewer.close()


def test_new_after_a_send_shows_nothing_of_the_last_run(qtbot, document, send_page, tmp_path):
    """File › New after a finished send: step 4 speaks of the new, empty campaign only, and
    opening the sent one again shows where it stands from its file."""
    checkup = fill_sample(qtbot, document, tmp_path)
    page = send_page
    page.activated()
    send_test_first(qtbot, page)
    people = len(checkup.audience)
    assert confirm_and_send(qtbot, page, people).sent == people
    sent_file = document.path
    assert page.progress.log.toPlainText() and page.progress.result.isVisible()

    document.new()
    wait_for(qtbot, lambda: document.checkup is not None and not document.busy)
    assert document.plan is None or not document.plan.done  # the engine: nothing sent here
    assert page.summary is None
    assert page.progress.log.toPlainText() == ""
    assert not page.progress.result.isVisible()
    assert page.progress.counts.text() == ""
    assert page.progress.bar.value() == 0

    document.open(sent_file)
    wait_for(qtbot, lambda: document.path == sent_file and document.plan is not None)
    wait_for(qtbot, lambda: not document.busy)
    assert stored_fates(sent_file) == {Next.SENT: people}
    assert page.progress.bar.value() == page.progress.bar.maximum() == people
    # all settled: the counts alone, in the engine's words (no "So far" left over)
    assert page.progress.counts.text() == counts_line({Next.SENT: people})


def test_the_campaign_of_the_sample_is_not_saved_inside_the_program(
    qtbot, main_window, monkeypatch, tmp_path
):
    """The sample's spreadsheet lives in the program's own folder: the save dialog starts in
    the person's Documents instead; their own spreadsheet's campaign goes beside it."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    import resources
    from ui.app import load_sample

    suggested: list[Path] = []

    def save_dialog(_parent, _caption, start, *_args):
        suggested.append(Path(start))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    load_sample(main_window)
    doc = main_window.document
    wait_for(qtbot, lambda: doc.checkup is not None and not doc.busy)
    assert doc.source.resolve().is_relative_to(resources.ROOT)
    send = main_window.pages["send"]
    assert send.ask_save_path() is None  # the person closed the dialog
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert suggested[-1].parent == Path(documents)
    assert suggested[-1].name == "customers.apology"

    with qtbot.waitSignal(doc.checkupReady, timeout=WAIT_MS):
        doc.load_spreadsheet(sample_copy(tmp_path))
    send.ask_save_path()
    assert suggested[-1] == tmp_path / "customers.apology"


def test_editing_after_the_test_asks_for_a_new_one(qtbot, document, send_page, tmp_path):
    fill_sample(qtbot, document, tmp_path)
    page = send_page
    send_test_first(qtbot, page)
    assert document.sendable()
    document.set_template(subject="Sorry, really")
    wait_for(qtbot, lambda: not document.busy and not document.sendable())
    assert "changed since your test" in page.confirm_box.blockers.text()
    # the plain choice to go without one is written in the campaign's history
    page.test_box.skip.click()
    wait_for(qtbot, lambda: not document.busy and document.sendable())
    assert document.campaign.test_status().skipped
    assert "without a test" in page.test_box.result.text()
    page.test_box.skip.click()  # changed their mind
    wait_for(qtbot, lambda: not document.busy and not document.sendable())


def test_real_server_pause_resume_and_reopen(
    qtbot, document, send_page, tmp_path, make_smtp_server, trust_test_ca
):
    server = make_smtp_server(security="starttls", reply_delay_ms=40)
    checkup = fill_sample(qtbot, document, tmp_path, unique_codes=False)
    page = send_page
    account = shop_account(server)
    page.account_box.use(account, PASSWORD)
    assert not page.account_box.outbox_button.isVisible()
    assert document.identity.address == account.address  # the apology is from the account
    send_test_first(qtbot, page)
    [test] = server.messages
    assert test.rcpt_tos == (account.address,)
    assert test.message["Subject"].startswith("[TEST] ")
    server.clear()

    people = len(checkup.audience)
    page.pace_box.connections.setValue(2)
    qtbot.keyClicks(page.confirm, str(people))
    assert page.send_button.isEnabled()
    window_line = []
    with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS * 3) as finished:
        page.send_button.click()
        wait_for(qtbot, lambda: len(server.messages) >= 3)
        click(qtbot, page.progress.pause_button)
        wait_for(qtbot, page.progress.resume_button.isEnabled)
        assert "Paused" in page.progress.counts.text()
        window_line.append(page.step_status()[0])
        held = server.wait_until_quiet()  # the messages already on their way finish
        assert len(server.messages) == held < people  # nothing new starts while paused
        click(qtbot, page.progress.resume_button)
    assert window_line[0].startswith("Paused · ")
    summary = finished.args[0]
    assert summary.sent == people
    received = server.messages
    assert len(received) == people
    for m in received:
        assert len(m.rcpt_tos) == 1
        assert m.message["To"].addresses[0].addr_spec == m.rcpt_tos[0]
    assert sorted(m.rcpt_tos[0] for m in received) == sorted(r.email for r in checkup.audience)
    log = page.progress.log.toPlainText()
    assert "Paused" in log and "Resumed" in log

    # reopen the campaign in a fresh window: it knows what was already sent
    from ui.document import Document
    from ui.send_page import SendPage

    reopened = Document(page.worker, drafts=tmp_path / "drafts2")
    with qtbot.waitSignal(reopened.checkupReady, timeout=WAIT_MS):
        reopened.open(document.path)
    again = SendPage(reopened, page.worker)
    qtbot.addWidget(again)
    again.account_box.use(account, PASSWORD)
    wait_for(qtbot, lambda: reopened.plan is not None and not reopened.busy)
    assert reopened.plan.sent == people and reopened.plan.to_send == 0
    assert not again.send_button.isEnabled()
    assert f"{people} sent" in again.progress.counts.text()
    report = tmp_path / "report.xlsx"
    with qtbot.waitSignal(again.export_report(report).finished, timeout=WAIT_MS):
        pass
    from openpyxl import load_workbook

    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert len(rows) == people + 1
    assert {r[4] for r in rows[1:]} == {"sent"}
    again.shutdown()
    reopened.close()


def test_in_doubt_is_shown_and_decided_by_the_person(
    qtbot, document, send_page, tmp_path, make_smtp_server, trust_test_ca
):
    server = make_smtp_server(security="starttls", drop_after_data=1)
    checkup = fill_sample(qtbot, document, tmp_path, unique_codes=False)
    page = send_page
    page.account_box.use(shop_account(server), PASSWORD)
    page.test_box.skip.click()
    wait_for(qtbot, lambda: not document.busy and document.sendable())
    page.pace_box.connections.setValue(1)
    people = len(checkup.audience)
    summary = confirm_and_send(qtbot, page, people)
    assert len(summary.in_doubt) == 1
    wait_for(qtbot, page.doubt_box.isVisible)
    assert page.doubt_box.list.count() == 1
    assert stored_fates(document.path)[Next.IN_DOUBT] == 1
    [doubtful] = summary.in_doubt
    address = next(r.email for r in checkup.audience if r.row == doubtful)
    # the server did get it once; the person checks their Sent folder and marks it sent
    assert sum(1 for m in server.messages if address in m.rcpt_tos) == 1
    wait_for(qtbot, page.doubt_box.arrived.isEnabled)  # once the engine's plan is back
    click(qtbot, page.doubt_box.arrived)
    wait_for(qtbot, lambda: not page.doubt_box.isVisible() and not document.busy)
    assert stored_fates(document.path) == {Next.SENT: people}
    assert len(server.messages) == people  # nothing was sent twice


def test_resend_failed_only(qtbot, document, send_page, tmp_path, make_smtp_server, trust_test_ca):
    checkup = fill_sample(qtbot, document, tmp_path, unique_codes=False)
    refused = checkup.audience[4].email
    server = make_smtp_server(security="starttls", reject_recipients=[refused])
    page = send_page
    page.account_box.use(shop_account(server), PASSWORD)
    send_test_first(qtbot, page)
    server.clear()
    summary = confirm_and_send(qtbot, page, len(checkup.audience))
    assert summary.failed == 1
    assert f"Failed for {refused}" in page.progress.log.toPlainText()
    wait_for(qtbot, page.progress.resend_button.isEnabled)
    server.clear_faults()
    server.clear()
    asked = []
    page.ask_yes = lambda question: asked.append(question) or True
    with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS) as finished:
        click(qtbot, page.progress.resend_button)
    assert asked == ["Send the 1 failed message again, to those customers only?"]
    assert finished.args[0].sent == 1
    assert [m.rcpt_tos for m in server.messages] == [(refused,)]
    assert stored_fates(document.path) == {Next.SENT: len(checkup.audience)}


def test_cancel_keeps_the_record_exact(
    qtbot, document, send_page, tmp_path, make_smtp_server, trust_test_ca
):
    server = make_smtp_server(security="starttls", reply_delay_ms=40)
    checkup = fill_sample(qtbot, document, tmp_path, unique_codes=False)
    people = len(checkup.audience)
    page = send_page
    page.account_box.use(shop_account(server), PASSWORD)
    send_test_first(qtbot, page)
    server.clear()
    qtbot.keyClicks(page.confirm, str(people))
    with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS) as finished:
        page.send_button.click()
        wait_for(qtbot, lambda: len(server.messages) >= 2)
        # while it runs, nothing may copy or rewrite the file under the sender
        with qtbot.waitSignal(document.problem, timeout=WAIT_MS):
            assert document.save(tmp_path / "copy.apology") is None
        with qtbot.waitSignal(document.problem, timeout=WAIT_MS):
            assert document.open(document.path) is None  # nor close it for another
        click(qtbot, page.progress.cancel_button)
    summary = finished.args[0]
    assert summary.cancelled
    got = server.wait_until_quiet()
    fates = stored_fates(document.path)
    assert fates[Next.SENT] == got < people
    assert fates[Next.SENT] + fates[Next.SEND] == people
    wait_for(qtbot, lambda: not document.busy and document.plan.to_send == people - got)


def test_a_rejected_password_is_forgotten_and_asked_again_with_the_hint(
    qtbot, document, send_page, tmp_path, make_smtp_server, trust_test_ca, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    server = make_smtp_server(security="starttls")
    fill_sample(qtbot, document, tmp_path, unique_codes=False)
    page = send_page
    page.account_box.use(shop_account(server), "wrong password")
    job = page.send_test()
    with qtbot.waitSignal(job.finished, timeout=WAIT_MS):
        pass
    said = page.test_box.result.text()
    assert said.count("rejected") == 1  # one sentence, not twice
    assert "asked for it again" in said and "Add or change account" in said
    asked = []

    def prompt(parent, title, question, echo):
        asked.append(question)
        return PASSWORD, True

    monkeypatch.setattr(QInputDialog, "getText", prompt)
    send_test_first(qtbot, page)
    [question] = asked
    assert "was not accepted" in question
    assert server.messages and server.messages[-1].rcpt_tos == ("owner@example.com",)


def test_preview_is_the_message_the_server_receives(
    qtbot, main_window, tmp_path, make_smtp_server, trust_test_ca
):
    """The chosen account's From and everything else, byte for byte but the Date."""
    server = make_smtp_server(security="starttls")
    window = main_window
    doc = window.document
    fill_sample(qtbot, doc, tmp_path, unique_codes=False)
    send = window.pages["send"]
    send.ask_save_path = lambda: tmp_path / "exact.apology"
    account = shop_account(server)
    send.account_box.use(account, PASSWORD)
    wait_for(qtbot, lambda: not doc.busy and doc.checkup is not None)
    window.show_step("preview")
    preview = window.pages["preview"]
    wait_for(qtbot, lambda: preview.prepared is not None and preview.current >= 0)
    assert preview.jump_to_row(3)
    shown = preview.prepared.campaign.message_for(preview.prepared.audience[preview.current])
    assert "Sam Baker <owner@example.com>" in preview.from_label.text()
    window.show_step("send")
    send.test_box.skip.click()
    wait_for(qtbot, lambda: not doc.busy and doc.sendable())
    confirm_and_send(qtbot, send, len(doc.checkup.audience))
    [got] = [m for m in server.messages if m.rcpt_tos == (shown["To"].addresses[0].addr_spec,)]

    def without_date(message) -> list[tuple[str, str]]:
        return [(k, str(v)) for k, v in message.items() if k.lower() != "date"]

    assert without_date(got.message) == without_date(shown)
    assert got.message.get_body(("plain",)).get_content().replace("\r\n", "\n") == (
        shown.get_body(("plain",)).get_content()
    )
    window.document.dirty = False


def test_practice_never_overwrites_an_opened_campaigns_sender(qtbot, document, send_page, tmp_path):
    fill_sample(qtbot, document, tmp_path)  # the sender here is Sam Baker <sam@example.com>
    page = send_page
    page.account_box.use_practice_outbox()
    assert "Practice" in page.account_box.combo.currentText()
    assert document.identity.address == "sam@example.com"
    send_test_first(qtbot, page)
    [test] = [read_eml(p) for p in page.outbox.messages()]
    assert test["From"].addresses[0].addr_spec == "sam@example.com"


def test_a_campaign_whose_account_is_not_here_says_so(qtbot, document, ui_worker):
    from dataclasses import replace

    from ui.send_page import SendPage

    document.edit(settings=replace(document.mailing.settings, account="shop-mail"))
    page = SendPage(document, ui_worker)
    qtbot.addWidget(page)
    try:
        assert page.account_box.combo.currentIndex() == 0  # the practice outbox, for now
        assert "\u201cshop-mail\u201d, which is not set up on this computer" in (
            page.account_box.note.text()
        )
    finally:
        page.shutdown()


def test_a_jump_in_the_count_is_called_out(qtbot, document, send_page, tmp_path):
    checkup = fill_sample(qtbot, document, tmp_path)
    page = send_page
    page.test_box.skip.click()
    with qtbot.waitSignal(document.checkupReady, timeout=WAIT_MS):
        document.set_filter(
            audience.Filter(conditions=(audience.Condition("country", audience.EQUALS, "GB"),))
        )
    wait_for(qtbot, lambda: not document.busy)
    page.activated()
    few = sum(1 for r in checkup.audience if r.fields["country"] == "GB")
    assert not page.confirm_box.jump.isVisible()
    qtbot.keyClicks(page.confirm, str(few))
    assert page.send_button.isEnabled()
    with qtbot.waitSignal(document.checkupReady, timeout=WAIT_MS):
        document.set_filter(audience.Filter())
    wait_for(qtbot, lambda: not document.busy)
    many = len(checkup.audience)
    page.activated()
    assert many >= few * 3
    assert page.confirm_box.jump.isVisible()
    assert f"{many} people would get it now" in page.confirm_box.jump.text()
    assert page.confirm.text() == ""  # the old confirmation no longer counts
    assert not page.send_button.isEnabled()


def test_blocking_problems_keep_send_disabled(qtbot, document, send_page, tmp_path):
    from composer.template import Template

    fill_sample(qtbot, document, tmp_path, body="Hi {{ first_name }}, {{ code }}")
    with qtbot.waitSignal(document.checkupReady, timeout=WAIT_MS):
        document.set_template(Template(subject="Sorry", body="Hi {{ nickname }}"))
    page = send_page
    assert document.checkup.blocking
    assert page.confirm_box.blockers.isVisible()
    assert document.checkup.blocking[0] in page.confirm_box.blockers.text()
    qtbot.keyClicks(page.confirm, str(len(document.checkup.audience)))
    assert not page.send_button.isEnabled()
    # the person is not asked to type a number they cannot use yet, but told what comes first
    explain = page.confirm_box.explain.text()
    assert "type the number" not in explain
    assert "locked until the problem above is fixed" in explain
    assert page.confirm_box.blockers.accessibleName() == page.confirm_box.blockers.text()


def test_a_wrong_typed_count_says_what_to_type(qtbot, document, send_page, tmp_path):
    checkup = fill_sample(qtbot, document, tmp_path)
    page = send_page
    page.test_box.skip.click()
    wait_for(qtbot, lambda: not document.busy and document.sendable())
    people = len(checkup.audience)
    assert people == 48
    qtbot.keyClicks(page.confirm, "4")
    explain = page.confirm_box.explain
    assert "You typed" not in explain.text()  # still typing: no nagging
    qtbot.keyClicks(page.confirm, "0")
    assert "You typed 40, but 48 messages would go out; type 48" in explain.text()
    assert explain.accessibleName().endswith(explain.text())  # heard by a screen reader
    assert not page.send_button.isEnabled()
    page.confirm.setText("48")
    assert "You typed" not in explain.text()
    assert page.send_button.isEnabled()


@pytest.mark.parametrize("typed", ["48", "4 8", "0048"])
def test_the_typed_count_ignores_spaces_but_not_digits(qtbot, document, send_page, tmp_path, typed):
    fill_sample(qtbot, document, tmp_path)
    page = send_page
    page.test_box.skip.click()
    wait_for(qtbot, lambda: not document.busy and document.sendable())
    qtbot.keyClicks(page.confirm, typed)
    assert page.send_button.isEnabled()


def test_a_test_into_the_practice_outbox_does_not_unlock_a_real_send(
    qtbot, document, send_page, tmp_path, make_smtp_server, trust_test_ca
):
    server = make_smtp_server(security="starttls")
    fill_sample(qtbot, document, tmp_path)
    page = send_page
    page.account_box.use_practice_outbox()
    send_test_first(qtbot, page)  # into the practice outbox: it counts for practice sends
    assert document.sendable()
    page.account_box.use(shop_account(server), PASSWORD)
    wait_for(qtbot, lambda: not document.busy and document.checkup.test is not None)
    assert not document.sendable()  # the owner's own inbox has seen nothing yet
    assert "Send a test to yourself first" in page.confirm_box.blockers.text()
    assert server.messages == []

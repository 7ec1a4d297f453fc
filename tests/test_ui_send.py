"""Step 4, Send, driven as a person would: against the practice outbox and a real SMTP server
(aiosmtpd, STARTTLS + AUTH, trustme CA), asserting what the server received."""

# ruff: noqa: F811 - pytest fixtures imported from tests.ui_flow are parameters here

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt

from composer import audience, journal
from tests.smtp_server import PASSWORD
from tests.ui_flow import (  # noqa: F401 - fixtures
    OFFSCREEN_NOISE,
    WAIT_MS,
    document,
    fill_sample,
    read_eml,
    send_page,
)

pytestmark = OFFSCREEN_NOISE


def shop_account(server):
    """The test server's account with a sender address the engine's check accepts."""
    return server.account(address="owner@example.com", display_name="Sam Baker")


def settled_count(qtbot, server, quiet_ms: int = 400) -> int:
    """The number of messages received once no new one has arrived for ``quiet_ms``."""
    seen = -1
    for _ in range(50):
        if len(server.messages) == seen:
            return seen
        seen = len(server.messages)
        qtbot.wait(quiet_ms)
    raise AssertionError("messages kept arriving")


def confirm_and_send(qtbot, page) -> object:
    """Type the exact count, as asked, and press Send; returns the run's summary."""
    count = page.to_send()
    assert count > 0
    page.confirm.clear()
    qtbot.keyClicks(page.confirm, str(count))
    assert page.send_button.isEnabled(), page.blockers.text()
    with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.sending(), timeout=WAIT_MS)
    return finished.args[0]


def test_practice_outbox_whole_flow(qtbot, document, send_page, tmp_path):
    checkup = fill_sample(qtbot, document, tmp_path)
    page = send_page
    page.activated()
    people = len(checkup.audience)

    # the practice outbox is chosen by default, and says so
    assert page.account.host == "127.0.0.1"
    assert "Practice" in page.account_box.currentText()
    assert page.outbox_button.isVisible()

    # a test to myself first: one message, [TEST], to my own address, not a delivery
    with qtbot.waitSignal(page.send_test().finished, timeout=WAIT_MS):
        pass
    [test] = [read_eml(p) for p in page.outbox.messages()]
    assert test["Subject"].startswith("[TEST] ")
    assert test["To"].addresses[0].addr_spec == page.account.address

    # Send stays disabled until the exact number is typed
    assert not page.send_button.isEnabled()
    qtbot.keyClicks(page.confirm, str(people + 1))
    assert not page.send_button.isEnabled()
    page.confirm.clear()
    qtbot.keyClicks(page.confirm, str(people - 1))
    assert not page.send_button.isEnabled()
    summary = confirm_and_send(qtbot, page)
    assert summary.sent == people and summary.failed == 0

    kept = [read_eml(p) for p in page.outbox.messages()[1:]]
    assert len(kept) == people
    to = [m["To"].addresses for m in kept]
    assert all(len(a) == 1 for a in to)
    assert sorted(a[0].addr_spec for a in to) == sorted(r.email for r in checkup.audience)
    assert not any(m["Cc"] or m["Bcc"] for m in kept)
    codes = {m.get_content().split("code ")[1].split(".")[0] for m in kept}
    assert len(codes) == people  # unique codes, never two people the same

    # the result is shown, and the report can be exported
    qtbot.waitUntil(lambda: page.counts.get(journal.SENT) == people, timeout=WAIT_MS)
    assert f"{people} sent" in page.progress_text.text()
    assert page.progress.value() == page.progress.maximum()
    report = tmp_path / "report.csv"
    with qtbot.waitSignal(page.export_report(report).finished, timeout=WAIT_MS):
        pass
    with report.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == people and {r["State"] for r in rows} == {"sent"}
    assert not page.send_button.isEnabled()  # nothing left to send

    # the outbox viewer lists and shows what was received
    page.open_outbox()
    viewer = page.viewer
    assert viewer.list.count() == people + 1
    viewer.list.setCurrentRow(2)
    assert "Subject:" in viewer.headers.text() and viewer.text.toPlainText()
    viewer.close()


def test_real_server_test_send_pause_resume_and_reopen(
    qtbot,
    document,
    send_page,
    tmp_path,
    make_smtp_server,
    trust_test_ca,
):
    server = make_smtp_server(security="starttls", reply_delay_ms=40)
    checkup = fill_sample(qtbot, document, tmp_path, unique_codes=False)
    page = send_page
    account = shop_account(server)
    page.use_account(account, PASSWORD)
    assert not page.outbox_button.isVisible()
    assert document.identity.address == account.address

    with qtbot.waitSignal(page.send_test(row=3).finished, timeout=WAIT_MS):
        pass
    [test] = server.wait_for(1)
    assert test.rcpt_tos == (account.address,)
    assert test.message["Subject"].startswith("[TEST] ")
    assert "Hi Jonas," in test.message.get_content()
    assert "went to" in page.test_result.text()
    server.clear()

    people = len(checkup.audience)
    page.connections.setValue(2)
    qtbot.keyClicks(page.confirm, str(page.to_send()))
    assert page.send_button.isEnabled(), page.blockers.text()
    with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS * 3) as finished:
        page.send_button.click()
        qtbot.waitUntil(lambda: len(server.messages) >= 3, timeout=WAIT_MS)
        qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.resume_button.isEnabled(), timeout=WAIT_MS)
        assert "paused" in page.progress_text.text()
        held = settled_count(qtbot, server)  # the messages already on their way finish
        qtbot.wait(500)
        assert len(server.messages) == held < people  # nothing new starts while paused
        qtbot.mouseClick(page.resume_button, Qt.MouseButton.LeftButton)
    summary = finished.args[0]
    assert summary.sent == people
    received = server.messages
    assert len(received) == people
    for m in received:
        assert len(m.rcpt_tos) == 1
        assert m.message["To"].addresses[0].addr_spec == m.rcpt_tos[0]
    assert sorted(m.rcpt_tos[0] for m in received) == sorted(r.email for r in checkup.audience)
    assert "Paused" in page.log.toPlainText() and "Resumed" in page.log.toPlainText()

    # reopen the campaign in a fresh window: it knows what was already sent
    from ui.document import Document
    from ui.send_page import SendPage

    reopened = Document(page.worker, drafts=tmp_path / "drafts2")
    with qtbot.waitSignal(reopened.checkupReady, timeout=WAIT_MS):
        reopened.open(document.path)
    again = SendPage(reopened, page.worker)
    qtbot.addWidget(again)
    again.use_account(account, PASSWORD)
    qtbot.waitUntil(lambda: again.counts.get(journal.SENT) == people, timeout=WAIT_MS)
    assert again.to_send() == 0
    assert not again.send_button.isEnabled()
    assert f"{people} sent" in again.progress_text.text()
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
    qtbot,
    document,
    send_page,
    tmp_path,
    make_smtp_server,
    trust_test_ca,
):
    server = make_smtp_server(security="starttls", drop_after_data=1)
    checkup = fill_sample(qtbot, document, tmp_path, unique_codes=False)
    page = send_page
    page.use_account(shop_account(server), PASSWORD)
    page.connections.setValue(1)
    summary = confirm_and_send(qtbot, page)
    people = len(checkup.audience)
    assert len(summary.in_doubt) == 1
    qtbot.waitUntil(lambda: page.doubt_group.isVisible(), timeout=WAIT_MS)
    assert page.doubt_list.count() == 1
    assert page.counts[journal.IN_DOUBT] == 1
    [doubtful] = summary.in_doubt
    # the server did get it once; the person checks their Sent folder and marks it sent
    assert sum(1 for m in server.messages if doubtful_row(checkup, doubtful) in m.rcpt_tos) == 1
    with qtbot.waitSignal(page.stateLoaded, timeout=WAIT_MS):
        qtbot.mouseClick(page.doubt_sent, Qt.MouseButton.LeftButton)
    assert page.counts[journal.SENT] == people
    assert not page.doubt_group.isVisible()
    assert len(server.messages) == people  # nothing was sent twice


def doubtful_row(checkup, row: int) -> str:
    return next(r.email for r in checkup.audience if r.row == row)


def test_resend_failed_only(
    qtbot,
    document,
    send_page,
    tmp_path,
    make_smtp_server,
    trust_test_ca,
):
    checkup = fill_sample(qtbot, document, tmp_path, unique_codes=False)
    refused = checkup.audience[4].email
    server = make_smtp_server(security="starttls", reject_recipients=[refused])
    page = send_page
    page.use_account(shop_account(server), PASSWORD)
    summary = confirm_and_send(qtbot, page)
    assert summary.failed == 1
    assert f"Failed for {refused}" in page.log.toPlainText()
    qtbot.waitUntil(lambda: page.resend_button.isEnabled(), timeout=WAIT_MS)
    server.clear_faults()
    server.clear()
    page.ask_yes = lambda question: "1 failed" in question
    with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(page.resend_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].sent == 1
    assert [m.rcpt_tos for m in server.messages] == [(refused,)]


def test_cancel_keeps_the_record_exact(
    qtbot,
    document,
    send_page,
    tmp_path,
    make_smtp_server,
    trust_test_ca,
):
    server = make_smtp_server(security="starttls", reply_delay_ms=40)
    checkup = fill_sample(qtbot, document, tmp_path, unique_codes=False)
    page = send_page
    page.use_account(shop_account(server), PASSWORD)
    qtbot.keyClicks(page.confirm, str(page.to_send()))
    assert page.send_button.isEnabled(), page.blockers.text()
    with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS) as finished:
        page.send_button.click()
        qtbot.waitUntil(lambda: len(server.messages) >= 2, timeout=WAIT_MS)
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    summary = finished.args[0]
    assert summary.cancelled
    assert summary.counts[journal.SENT] == len(server.messages) < len(checkup.audience)
    assert sum(summary.counts.values()) == len(checkup.audience)
    qtbot.waitUntil(lambda: page.counts.get(journal.SENT) == len(server.messages), timeout=WAIT_MS)
    assert page.to_send() == len(checkup.audience) - len(server.messages)


def test_practice_never_overwrites_an_opened_campaigns_sender(qtbot, document, send_page, tmp_path):
    fill_sample(qtbot, document, tmp_path)  # the sender here is Sam Baker <sam@example.com>
    page = send_page
    page.use_practice_outbox()
    assert "Practice" in page.account_box.currentText()
    assert document.identity.address == "sam@example.com"
    with qtbot.waitSignal(page.send_test().finished, timeout=WAIT_MS):
        pass
    [test] = [read_eml(p) for p in page.outbox.messages()]
    assert test["From"].addresses[0].addr_spec == "sam@example.com"


def test_a_campaign_whose_account_is_not_here_says_so(qtbot, document, ui_worker):
    from composer.message import Identity
    from ui.send_page import SendPage

    document.set_identity(Identity(name="Sam", address="sam@shop.test"), account="shop-mail")
    page = SendPage(document, ui_worker)
    qtbot.addWidget(page)
    try:
        assert page.account_box.currentIndex() == 0  # the practice outbox, for now
        assert "\u201cshop-mail\u201d, which is not set up on this computer" in (
            page.account_note.text()
        )
    finally:
        page.shutdown()


def test_a_jump_in_the_count_is_called_out(qtbot, document, send_page, tmp_path):
    fill_sample(qtbot, document, tmp_path)
    page = send_page
    with qtbot.waitSignal(document.checkupReady, timeout=WAIT_MS):
        document.set_filter(
            audience.Filter(conditions=(audience.Condition("country", audience.EQUALS, "GB"),))
        )
    page.activated()
    few = page.to_send()
    assert not page.jump_warning.isVisible()
    qtbot.keyClicks(page.confirm, str(few))
    assert page.send_button.isEnabled()
    with qtbot.waitSignal(document.checkupReady, timeout=WAIT_MS):
        document.set_filter(audience.Filter())
    many = page.to_send()
    assert many >= few * 3
    assert page.jump_warning.isVisible()
    assert f"from {few} to {many}" in page.jump_warning.text()
    assert page.confirm.text() == ""  # the old confirmation no longer counts
    assert not page.send_button.isEnabled()


def test_blocking_problems_keep_send_disabled(qtbot, document, send_page, tmp_path):
    from composer.template import Template

    fill_sample(qtbot, document, tmp_path, body="Hi {{ first_name }}, {{ code }}")
    with qtbot.waitSignal(document.checkupReady, timeout=WAIT_MS):
        document.set_template(Template(subject="Sorry", body="Hi {{ nickname }}"))
    page = send_page
    assert document.checkup.blocking
    assert page.blockers.isVisible()
    assert document.checkup.blocking[0] in page.blockers.text()
    qtbot.keyClicks(page.confirm, str(len(document.checkup.audience)))
    assert not page.send_button.isEnabled()
    # the person is not asked to type a number they cannot use yet, but told what comes first
    assert "type the number" not in page.confirm_text.text()
    assert "locked until the problem above is fixed" in page.confirm_text.text()


def test_a_wrong_typed_count_says_what_to_type(qtbot, document, send_page, tmp_path):
    fill_sample(qtbot, document, tmp_path)
    page = send_page
    page.activated()
    qtbot.keyClicks(page.confirm, "4")
    assert "You typed" not in page.confirm_text.text()  # still typing: no nagging
    qtbot.keyClicks(page.confirm, "0")
    assert "You typed 40, but 48 messages would go out; type 48" in page.confirm_text.text()
    assert not page.send_button.isEnabled()
    page.confirm.setText("48")
    assert "You typed" not in page.confirm_text.text()
    assert page.send_button.isEnabled()


@pytest.mark.parametrize("typed", ["48", "4 8", "0048"])
def test_the_typed_count_ignores_spaces_but_not_digits(qtbot, document, send_page, tmp_path, typed):
    fill_sample(qtbot, document, tmp_path)
    page = send_page
    page.activated()
    assert page.to_send() == 48
    qtbot.keyClicks(page.confirm, typed)
    assert page.send_button.isEnabled()


def test_whole_window_on_the_sample_with_the_practice_outbox(qtbot, main_window, tmp_path):
    """`make run`'s first minute: the sample, Preview row 3, a test, then Send, in the window."""
    window = main_window
    try:
        first_minute(qtbot, window, tmp_path)
    finally:
        # pytest-qt closes the window before the fixture's own clean-up: never let a failed
        # run stop there on the "save your changes?" question
        window.document.dirty = False


def first_minute(qtbot, window, tmp_path) -> None:
    from ui.app import load_sample

    load_sample(window)
    doc = window.document
    qtbot.waitUntil(lambda: doc.checkup is not None and not doc.busy, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    preview = window.pages["preview"]
    qtbot.waitUntil(lambda: preview.current >= 0, timeout=WAIT_MS)
    assert preview.jump_to_row(3)
    assert "jonas.becker@example.com" in preview.to_label.text()

    window.show_step("send")
    send = window.pages["send"]
    send.ask_save_path = lambda: tmp_path / "sample.apology"
    assert "Practice" in send.account_box.currentText()
    qtbot.mouseClick(send.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "went to" in send.test_result.text(), timeout=WAIT_MS)
    summary = confirm_and_send(qtbot, send)
    people = len(doc.checkup.audience)
    assert summary.sent == people
    assert len(send.outbox.messages()) == people + 1  # and the test
    qtbot.waitUntil(lambda: "All" in window.step_status("send")[0], timeout=WAIT_MS)


def test_emitting_signals_never_loses_a_reference_to_true(qtbot):
    """Thousands of emits (a big send) must not drive True's reference count to zero: PySide6
    6.12.0 lost one reference per emit and crashed the app, hence the pin in pyproject.toml."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Relay(QObject):
        event = Signal(object)

    relay = Relay()
    got = []
    relay.event.connect(got.append)
    before = sys.getrefcount(True)
    for i in range(500):
        relay.event.emit(i)
    assert len(got) == 500
    assert sys.getrefcount(True) >= before

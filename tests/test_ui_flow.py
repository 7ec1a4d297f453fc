"""The whole desktop app driven as a person would, start to finish, in one window.

Why: each step has its own tests, but the stories fail between steps (a code used twice, the
wrong row in the preview, a Send that does not remember what went). This walks the sample
workbook through Customers → Message → Preview → Send against a real SMTP server (aiosmtpd,
STARTTLS + AUTH, a private CA), closes the window, reopens the campaign and reads the report,
then checks what the server really received.

Only native file dialogs are answered by the test (``FileDialogs``); every other step is a
click or typed text on the real widgets.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog

import resources
from composer import accounts, language, trial
from composer.campaign import Campaign
from composer.check import Step
from composer.plan import Next
from composer.wording import state_name
from tests.smtp_server import PASSWORD
from tests.ui_flow import WAIT_MS, click, sample_copy

CODE = re.compile(r"SORRY-[A-Z0-9]+")
# What the person types, in the language the app speaks: subject, body lines, the fallback
# for a missing first name.
TYPED = {
    "en": (
        "Sorry about order {{ order }}, {{ first_name }}",
        (
            "Hi {{ first_name }},",
            "Your order {{ order }} is paid; please ignore our invoice.",
            "Here is 11% off with the code {{ code }}.",
            "Sam",
        ),
        "there",
    ),
    "de": (
        "Entschuldigung wegen Bestellung {{ order }}, {{ first_name }}",
        (
            "Hallo {{ first_name }},",
            "Ihre Bestellung {{ order }} ist bezahlt; bitte ignorieren Sie unsere Rechnung.",
            "Mit dem Code {{ code }} erhalten Sie 11 % Rabatt.",
            "Sam",
        ),
        "liebe Kundin, lieber Kunde",
    ),
}
# The titles of the file dialogs the person meets, as the window names them.
DIALOGS = {
    "customers": ("CustomersPage", "Open the list of customers"),
    "codes": ("MessagePage", "Choose the file of discount codes (one per line)"),
    "save": ("SendPage", "Save the campaign before sending"),
    "open": ("MainWindow", "Open a campaign or a customer list"),
    "report": ("SendPage", "Export the delivery report"),
}


def said(context: str, source: str, n: int = -1) -> str:
    """A window string as the app says it now, through the installed .qm (Qt's own lookup)."""
    return QCoreApplication.translate(context, source, None, n)


def filled(text: str, **fields: object) -> str:
    """``text`` with its ``{{ field }}``s replaced: what the customer reads."""
    for name, value in fields.items():
        text = text.replace("{{ " + name + " }}", str(value))
    return text


class FileDialogs:
    """Answers the native file dialogs in the order the person meets them.

    Each answer names the dialog it expects, so a test fails if another dialog opens."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.answers: list[tuple[str, Path]] = []
        self.asked: list[str] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._answer))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._answer))

    def expect(self, dialog: str, path: Path) -> None:
        """The next dialog is ``dialog`` (a key of DIALOGS); it is answered with ``path``."""
        self.answers.append((said(*DIALOGS[dialog]), path))

    def _answer(self, _parent, caption: str = "", *_args, **_kwargs) -> tuple[str, str]:
        self.asked.append(caption)
        assert self.answers, f"an unexpected file dialog opened: {caption!r}"
        title, path = self.answers.pop(0)
        assert caption == title, f"expected the dialog {title!r}: {caption!r}"
        return str(path), ""


def settled(doc) -> bool:
    return doc.checkup is not None and not doc.busy


def choose(qtbot, combo, text: str) -> None:
    """Pick an entry of a combo box with the keyboard, as a person does: focus, then arrows."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setFocus()
    key = Qt.Key.Key_Down if index > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, key)


def sample_rows() -> dict[int, tuple]:
    """The sample workbook read directly (spreadsheet row number → cells), for expectations."""
    sheet = load_workbook(resources.resource_path(*resources.SAMPLE_CUSTOMERS)).active
    return {i: row for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)}


@pytest.fixture
def shop_server(make_smtp_server, trust_test_ca):
    """The shop's mail server: real SMTP with STARTTLS and AUTH, slow enough to pause."""
    return make_smtp_server(security="starttls", reply_delay_ms=40)


@pytest.fixture
def shop_account(shop_server):
    """The owner's account as the account dialog saves it: settings on disk, secret in the
    (in-memory) keyring."""
    account = shop_server.account(
        name="Juniper & Oak", address="owner@example.com", display_name="Sam Baker"
    )
    accounts.save(account)
    accounts.store_secret(account, PASSWORD)
    return account


def test_the_whole_flow_as_a_person_does_it(
    qtbot, spoken, shop_server, shop_account, main_window, ui_worker, tmp_path, monkeypatch
):
    subject, body_lines, fallback = TYPED[spoken]
    window = main_window
    doc = window.document
    dialogs = FileDialogs(monkeypatch)
    expected = sample_rows()
    codes_file = resources.resource_path(*resources.SAMPLE_CODES)
    pool = codes_file.read_text(encoding="utf-8").split()
    campaign_path = tmp_path / "invoice-apology.apology"

    # ---- 1. Customers: open the sample, then put right a wrong address column ------------
    customers = window.pages["customers"]
    dialogs.expect("customers", sample_copy(tmp_path))
    click(qtbot, customers.open_button)
    qtbot.waitUntil(lambda: doc.table is not None and settled(doc), timeout=WAIT_MS)
    email_combo = customers.column_combos["email"]
    assert email_combo.currentText() == "Email"
    people = doc.audience_count()
    assert 0 < people < len(expected) - 1  # the sample has rows that must be left out
    rows = len(expected) - 1
    assert customers.count_label.text() == said(
        "CustomersPage", "Sending to %s of %Ln rows", rows
    ) % language.number(people)

    choose(qtbot, email_combo, "Last name")  # a slip: nobody has a valid address now
    qtbot.waitUntil(lambda: settled(doc) and doc.columns.email == "last_name", timeout=WAIT_MS)
    assert doc.audience_count() == 0
    nobody = said("MainWindow", "Nobody to send to")
    assert nobody in window.steps.item(0).text()
    choose(qtbot, email_combo, "Email")  # ...put right
    qtbot.waitUntil(lambda: settled(doc) and doc.columns.email == "email", timeout=WAIT_MS)
    assert doc.audience_count() == people
    assert nobody not in window.steps.item(0).text()

    # ---- 2. Message: subject and body typed with fields, unique codes from a file --------
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step == "message"
    message = window.pages["message"]
    qtbot.keyClicks(message.subject, subject)
    message.body.setFocus()
    for i, line in enumerate(body_lines):
        if i:
            qtbot.keyClick(message.body, Qt.Key.Key_Return)
        qtbot.keyClicks(message.body, line)
    dialogs.expect("codes", codes_file)
    click(qtbot, message.code_file)
    qtbot.waitUntil(lambda: len(doc.code_plan.pool) == len(pool), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: settled(doc) and "first_name" in message.fallback_rows, timeout=WAIT_MS)
    first_name = message.fallback_rows["first_name"]  # row 8 has no first name
    assert first_name.count.text() == said("MessagePage", "%Ln empty: give a fallback", 1)
    assert not doc.sendable()
    qtbot.keyClicks(first_name.edit, fallback)
    qtbot.waitUntil(lambda: settled(doc) and bool(doc.template.fallbacks), timeout=WAIT_MS)
    assert [b.step for b in doc.blockers()] == [Step.SEND], doc.blockers()  # the test only
    assert doc.template.subject == subject
    assert doc.template.body == "\n".join(body_lines)
    assert dict(doc.template.fallbacks) == {"first_name": fallback}
    assert doc.code_plan.kind == "file" and doc.code_plan.pool == tuple(pool)
    assert message.codes_left.text().startswith(
        said("MessagePage", "%Ln codes for {0}: {1}.", len(pool)).split("{0}")[0]
        + said("MessagePage", "%Ln people", people)
    )
    assert message.blocking_list.item(0).text() == said(
        "MessagePage", "The message is ready; step 4, Send, shows what is left to do there."
    )

    # ---- 3. Preview: jump to spreadsheet row 3 and read that customer's message ----------
    window.steps.setFocus()
    qtbot.keyClick(window.steps, Qt.Key.Key_Down)
    assert window.current_step == "preview"
    preview = window.pages["preview"]
    qtbot.waitUntil(lambda: preview.prepared is not None and preview.current >= 0, timeout=WAIT_MS)
    email3, first3, _last3, order3 = expected[3][:4]
    preview.row_box.setFocus()
    preview.row_box.selectAll()
    qtbot.keyClicks(preview.row_box, "3")
    qtbot.keyClick(preview.row_box, Qt.Key.Key_Return)
    assert preview.row_box.value() == 3
    assert email3 in preview.to_label.text()
    assert preview.subject_label.text() == filled(subject, order=order3, first_name=first3)
    shown_body = preview.text_view.toPlainText()
    assert shown_body.startswith(filled("\n".join(body_lines[:2]), order=order3, first_name=first3))
    [code3] = CODE.findall(shown_body)
    assert code3 in pool

    # ---- 4. Send: my account, a test to me, the typed count, pause and resume -----------
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step == "send"
    send = window.pages["send"]
    choose(qtbot, send.account_box.combo, f"Sam Baker <{shop_account.address}>")
    qtbot.waitUntil(
        lambda: send.account is not None and send.account.host == "127.0.0.1", timeout=5000
    )
    assert send.account.name == shop_account.name
    assert not send.account_box.outbox_button.isVisible()
    assert doc.identity.address == shop_account.address

    assert not send.send_button.isEnabled()  # locked until a test went to me
    click(qtbot, send.test_box.button)
    qtbot.waitUntil(lambda: settled(doc) and doc.sendable(), timeout=WAIT_MS)
    [test] = shop_server.messages
    assert test.rcpt_tos == (shop_account.address,)
    first = filled(subject, order=expected[2][3], first_name=expected[2][1])  # the first row's
    assert test.message["Subject"] == trial.mark_as_test(first)
    assert [a.addr_spec for a in test.message["To"].addresses] == [shop_account.address]

    assert not send.send_button.isEnabled()
    asks = said(
        "ConfirmBox",
        "This sends {0}, one to each customer, from {1}. To confirm, type the number {2}:",
    )
    assert send.confirm_box.explain.text().endswith(
        asks.split("{1}")[1].replace("{2}", language.number(people))
    )
    qtbot.keyClicks(send.confirm, str(people + 1))
    assert not send.send_button.isEnabled()
    send.confirm.clear()
    qtbot.keyClicks(send.confirm, str(people - 1))
    assert not send.send_button.isEnabled()
    send.confirm.clear()
    qtbot.keyClicks(send.confirm, str(people))
    assert send.send_button.isEnabled(), send.confirm_box.blockers.text()

    dialogs.expect("save", campaign_path)
    with qtbot.waitSignal(send.sendFinished, timeout=WAIT_MS * 3) as finished:
        click(qtbot, send.send_button)
        qtbot.waitUntil(lambda: len(shop_server.messages) >= 4, timeout=WAIT_MS)
        click(qtbot, send.progress.pause_button)
        qtbot.waitUntil(send.progress.resume_button.isEnabled, timeout=WAIT_MS)
        paused = language._("Paused")
        model = send.progress.model  # the engine's progress: its words are the oracle
        assert model.paused and send.progress.counts.text().endswith(model.status())
        assert window.steps.item(3).text().endswith(model.step_line())
        assert model.step_line().startswith(paused + " · ")
        held = shop_server.wait_until_quiet()  # messages already on their way finish
        assert len(shop_server.messages) == held < people + 1  # nothing new while paused
        click(qtbot, send.progress.resume_button)
    summary = finished.args[0]
    assert summary.sent == people and summary.failed == 0 and not summary.in_doubt
    assert campaign_path.exists() and doc.path == campaign_path
    all_sent = language.n_("All {n} sent", "All {n} sent", people).format(n=language.number(people))
    assert all_sent in window.steps.item(3).text()  # at once, not "Sending…"
    log = send.progress.log.toPlainText()
    assert said("ProgressView", "Paused. Messages already on their way finish.") in log
    assert said("ProgressView", "Resumed.") in log
    assert not dialogs.answers

    # ---- what the server received --------------------------------------------------------
    received = shop_server.messages
    assert len(received) == people + 1
    tests = [m for m in received if trial.marked_as_test(m.message["Subject"])]
    assert tests == [test]
    delivered = [m for m in received if m is not test]
    audience_addresses = sorted(r.email for r in doc.checkup.audience)
    assert sorted(m.rcpt_tos[0] for m in delivered) == audience_addresses
    used_codes = []
    for m in delivered:
        assert len(m.rcpt_tos) == 1
        [to] = m.message["To"].addresses
        assert to.addr_spec == m.rcpt_tos[0]
        assert m.message["Cc"] is None and m.message["Bcc"] is None
        assert m.mail_from == shop_account.address
        used_codes += CODE.findall(m.message.get_body(preferencelist=("plain",)).get_content())
    assert len(used_codes) == people == len(set(used_codes))
    assert set(used_codes) <= set(pool)
    [to_row3] = [m for m in delivered if m.rcpt_tos[0] == email3]
    assert code3 in to_row3.message.get_content()  # the preview showed the code that went
    assert to_row3.message["Subject"] == filled(subject, order=order3, first_name=first3)

    # ---- 5. Close the window, open the campaign again: everything is known as sent -------
    assert not doc.dirty
    window.close()
    assert not window.isVisible()
    from ui.main_window import MainWindow

    again = MainWindow(ui_worker)
    try:
        again.show()
        qtbot.waitExposed(again)
        again.activateWindow()  # a new window takes the keyboard once shown
        qtbot.waitUntil(again.isActiveWindow, timeout=WAIT_MS)
        dialogs.expect("open", campaign_path)
        qtbot.keyClick(again, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        reopened = again.document
        qtbot.waitUntil(
            lambda: reopened.path == campaign_path and settled(reopened), timeout=WAIT_MS
        )
        assert reopened.template.subject == subject and reopened.audience_count() == people
        qtbot.keyClick(again, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        resend = again.pages["send"]
        qtbot.waitUntil(lambda: settled(reopened), timeout=WAIT_MS)
        with Campaign.open(campaign_path) as stored:  # the file itself, read on its own
            assert stored.plan().counts == {Next.SENT: people}
        assert resend.account is not None and resend.account.name == shop_account.name
        assert not resend.send_button.isEnabled()
        assert (
            language.n_("{n} sent", "{n} sent", people).format(n=language.number(people))
            in resend.progress.counts.text()
        )
        assert all_sent in again.steps.item(3).text()

        report = tmp_path / "delivery-report.csv"
        dialogs.expect("report", report)
        click(qtbot, resend.progress.export_button)
        saved = said("SendPage", "Delivery report with %Ln rows saved to {0}.", people)
        qtbot.waitUntil(
            lambda: saved.format(report) in resend.progress.log.toPlainText(), timeout=WAIT_MS
        )
        with report.open(encoding="utf-8-sig", newline="") as f:
            lines = list(csv.DictReader(f))
        assert len(lines) == people
        assert {r[language._("State")] for r in lines} == {state_name(Next.SENT)}
        assert len(shop_server.messages) == people + 1  # reopening sent nothing again
    finally:
        again.document.dirty = False
        again.close()

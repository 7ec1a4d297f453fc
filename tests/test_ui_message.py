"""Step 2, Message, driven as a person would: fields, completion, fallbacks, codes, save/reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from composer.check import Step
from tests.ui_flow import click

WAIT = 15_000


def settled(doc) -> bool:
    return not doc.busy and doc.checkup is not None


def open_message_step(qtbot, window, path):
    window.open_spreadsheet(path)
    qtbot.waitUntil(lambda: settled(window.document), timeout=WAIT)
    window.show_step("message")
    return window.pages["message"]


def test_fields_fallbacks_and_a_shared_code_block_then_clear(qtbot, main_window, customers_xlsx):
    page = open_message_step(qtbot, main_window, customers_xlsx)
    doc = main_window.document
    qtbot.keyClicks(page.subject, "Sorry about order {{ order }}")
    page.body.setFocus()
    qtbot.keyClicks(page.body, "Hi {{ first_name }}, here is {{ code }}.")
    qtbot.waitUntil(lambda: settled(doc) and "first_name" in page.fallback_rows, timeout=WAIT)
    assert doc.template.subject == "Sorry about order {{ order }}"
    assert page.fallback_rows["first_name"].count.text() == "1 empty: give a fallback"
    assert page.fallback_rows["order"].count.text() == "all filled"
    blocking = [page.blocking_list.item(i).text() for i in range(page.blocking_list.count())]
    assert any("first_name" in s for s in blocking) and any("code" in s for s in blocking)
    assert "to fix before sending" in main_window.steps.item(1).text()

    qtbot.keyClicks(page.fallback_rows["first_name"].edit, "there")
    click(qtbot, page.code_shared)
    qtbot.keyClicks(page.shared_code, "SORRY11")
    qtbot.waitUntil(lambda: settled(doc) and not doc.blockers(Step.MESSAGE), timeout=WAIT)
    assert dict(doc.template.fallbacks) == {"first_name": "there"}
    assert doc.code_plan.kind == "shared" and doc.code_plan.shared == "SORRY11"
    assert page.codes_left.text() == "Everyone gets SORRY11."
    assert page.fallback_rows["first_name"].count.text() == "1 empty"
    # only the test to yourself is left, and that is the Send step's
    assert [b.step for b in doc.blockers()] == [Step.SEND]
    assert page.blocking_list.item(0).text() == (
        "The message is ready; step 4, Send, shows what is left to do there."
    )
    assert main_window.steps.item(1).text().endswith("Ready")


def test_an_unknown_field_does_not_claim_there_are_no_fields(qtbot, main_window, customers_xlsx):
    page = open_message_step(qtbot, main_window, customers_xlsx)
    doc = main_window.document
    page.body.setFocus()
    qtbot.keyClicks(page.body, "Hi {{ first_name }}, about {{ nickname }}.")
    qtbot.waitUntil(lambda: settled(doc) and bool(doc.blockers(Step.MESSAGE)), timeout=WAIT)
    assert any("nickname" in b.sentence for b in doc.blockers(Step.MESSAGE))
    assert "No personal fields yet" not in page.fields_hint.text()
    assert "Before you can send" in page.fields_hint.text()


def test_typing_two_braces_offers_the_columns(qtbot, main_window, customers_xlsx):
    page = open_message_step(qtbot, main_window, customers_xlsx)
    page.body.setFocus()
    qtbot.keyClicks(page.body, "Dear {{ fir")
    popup = page.body.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert page.body.completer.currentCompletion() == "first_name"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert page.body.toPlainText() == "Dear {{ first_name }}"

    page.subject.setFocus()
    menu_action = next(a for a in page.insert_menu.actions() if "{{ country }}" in a.text())
    menu_action.trigger()
    assert page.subject.text() == "{{ country }}"


def test_unique_codes_from_a_file_say_how_many_are_left(
    qtbot, main_window, customers_xlsx, tmp_path
):
    page = open_message_step(qtbot, main_window, customers_xlsx)
    doc = main_window.document
    codes_file = tmp_path / "codes.txt"
    codes_file.write_text("\n".join(f"SORRY-{i:03}" for i in range(10)) + "\n", encoding="utf-8")
    qtbot.keyClicks(page.subject, "Sorry")
    qtbot.keyClicks(page.body, "Your code: {{ code }}")
    page.choose_codes_file(codes_file)
    qtbot.waitUntil(lambda: doc.code_plan.kind == "file" and settled(doc), timeout=WAIT)
    assert len(doc.code_plan.pool) == 10
    assert page.code_file.isChecked()
    assert page.code_file_label.text() == "codes.txt (10 codes)"
    assert page.codes_left.text() == "10 codes for 6 people: 4 codes left over."


def test_everything_typed_comes_back_after_save_and_reopen(
    qtbot, main_window, customers_xlsx, tmp_path
):
    window = main_window
    doc = window.document
    customers = window.pages["customers"]
    page = open_message_step(qtbot, window, customers_xlsx)
    page.sender_name.selectAll()  # replace the name the account suggested
    qtbot.keyClicks(page.sender_name, "Sam at Juniper & Oak")
    mailbox = window.pages["send"].account.address
    assert page.sender_address.isReadOnly()  # the address is the account's own
    qtbot.keyClicks(page.subject, "Sorry, {{ first_name }}")
    qtbot.keyClicks(page.body, "Hi {{ first_name }}, use {{ code }}.")
    click(qtbot, page.markdown_box)
    click(qtbot, page.code_shared)
    qtbot.keyClicks(page.shared_code, "SORRY11")
    qtbot.waitUntil(lambda: "first_name" in page.fallback_rows and settled(doc), timeout=WAIT)
    qtbot.keyClicks(page.fallback_rows["first_name"].edit, "friend")
    window.show_step("customers")
    click(qtbot, customers.add_condition_button)
    condition = customers.condition_rows[0]
    condition.field.setCurrentIndex(condition.field.findText("Country"))
    condition.op.setCurrentIndex(condition.op.findText("is not"))
    qtbot.keyClicks(condition.value, "GB")
    qtbot.waitUntil(lambda: settled(doc) and doc.audience_count() == 5, timeout=WAIT)
    target = tmp_path / "apology.apology"
    assert window.save_as(target, wait=True)

    window.new_campaign()
    assert doc.template.subject == "" and page.subject.text() == ""
    window.open_file(target)
    qtbot.waitUntil(lambda: doc.path == target and settled(doc), timeout=WAIT)
    QApplication.processEvents()
    assert page.subject.text() == "Sorry, {{ first_name }}"
    assert page.body.toPlainText() == "Hi {{ first_name }}, use {{ code }}."
    assert page.markdown_box.isChecked()
    assert page.sender_name.text() == "Sam at Juniper & Oak"
    assert page.sender_address.text() == mailbox
    assert page.code_shared.isChecked() and page.shared_code.text() == "SORRY11"
    assert page.fallback_rows["first_name"].edit.text() == "friend"
    restored = customers.condition_rows
    assert len(restored) == 1 and restored[0].condition().value == "GB"
    assert customers.count_label.text() == "Sending to 5 of 8 rows"
    assert not doc.dirty and not window.isWindowModified()


def test_typing_stops_the_check_of_the_older_apology(qtbot, document, tmp_path):
    """An apology with a loop is filled in for every customer during the check; a key typed
    meanwhile stops that check (the engine raised Stopped) and only the new text is
    answered."""
    from composer.errors import Stopped
    from composer.template import Template

    path = tmp_path / "many.csv"
    lines = ["Email,First name,City"] + [f"c{i}@example.com,N{i},Lyon" for i in range(30_000)]
    lines.append("last@example.com,Last,")  # no city: only the new apology prints it
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    document.set_template(
        Template(subject="Sorry", body="{% for x in [1] %}{{ first_name }}{% endfor %}")
    )
    document.load_spreadsheet(path)
    qtbot.waitUntil(lambda: settled(document), timeout=60_000)

    document.set_template(body="{% for x in [1, 2] %}{{ first_name }}{% endfor %}")
    qtbot.waitUntil(lambda: any(j.key == "check" for j in document._jobs), timeout=10_000)
    older = next(j for j in document._jobs if j.key == "check")
    document.set_template(body="{% for x in [1] %}{{ first_name }} in {{ city }}{% endfor %}")
    qtbot.waitUntil(lambda: older.done, timeout=60_000)
    assert older.stale and isinstance(older._task.exception(), Stopped)
    qtbot.waitUntil(lambda: settled(document), timeout=60_000)
    assert document.checkup.missing == {"city": [30_002]}


def test_the_letters_language_and_currency_are_chosen_in_the_message_step(
    qtbot, main_window, tmp_path
):
    from babel.dates import format_date

    from composer.campaign import Campaign
    from tests.ui_flow import fill_sample

    doc = main_window.document
    fill_sample(qtbot, doc, tmp_path, unique_codes=False)
    main_window.show_step("message")
    page = main_window.pages["message"]
    # a new campaign starts in the person's own language (English here) and its country's money
    assert doc.template.language.startswith("en") and doc.template.currency
    assert page.letter_language.currentData() == doc.template.language
    page.letter_language.setFocus()
    qtbot.keyClicks(page.letter_language, "German (Austria)")
    qtbot.waitUntil(lambda: doc.template.language == "de_AT", timeout=WAIT)
    page.letter_currency.setFocus()
    qtbot.keyClicks(page.letter_currency, "CHF")
    qtbot.waitUntil(lambda: doc.template.currency == "CHF", timeout=WAIT)
    # the oracle: the engine's own message for row 2, as it will be sent
    campaign = Campaign.draft(doc.mailing)
    people = campaign.audience()
    campaign.assign_codes(people, store=False)
    message = campaign.message_for(next(p for p in people if p.row == 2))
    text = message.get_body(preferencelist=("plain",)).get_content()
    ordered = campaign.mailing.table.rows[0][campaign.mailing.table.column_index("order_date")]
    assert f"from {format_date(ordered, 'long', locale='de_AT')} is fully paid" in text
    # saved with the campaign, and shown again when it is opened
    path = tmp_path / "letter.apology"
    assert main_window.save_as(path, wait=True)
    with Campaign.open(path) as stored:
        assert (stored.template.language, stored.template.currency) == ("de_AT", "CHF")


def test_a_long_subject_opened_shows_its_beginning(qtbot, main_window):
    """The sample's subject is longer than its box at 1024 pixels: the box shows how it
    starts (where the cursor is), not its last words."""
    from ui.app import load_sample

    load_sample(main_window)
    doc = main_window.document
    qtbot.waitUntil(lambda: settled(doc), timeout=WAIT)
    main_window.show_step("message")
    page = main_window.pages["message"]
    assert page.subject.text() == doc.template.subject != ""
    assert page.subject.cursorPosition() == 0

"""Step 3, Preview, driven as a person would: real sample workbook, the engine's messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from composer import codes, template
from composer.attachments import AttachmentPlan
from composer.campaign import Campaign
from tests.ui_flow import WAIT_MS, click, fill_sample


@pytest.fixture
def preview(qtbot, document, ui_worker):
    from ui.preview_page import PreviewPage

    page = PreviewPage(document, ui_worker)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def wait_prepared(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.prepared is not None and page.current >= 0, timeout=WAIT_MS)


def engine_message(doc, row: int):
    """The same recipient's message as the engine alone makes it (no Qt involved)."""
    campaign = Campaign.draft(doc.mailing)
    people = campaign.audience()
    campaign.assign_codes(people, store=False)
    person = next(p for p in people if p.row == row)
    return campaign.message_for(person)


def test_row_3_shows_exactly_the_engine_message(qtbot, document, preview, tmp_path):
    fill_sample(qtbot, document, tmp_path, unique_codes=False)
    wait_prepared(qtbot, preview)
    assert preview.jump_to_row(3)
    expected = engine_message(document, 3)
    assert preview.to_label.text() == str(expected["To"])
    assert preview.subject_label.text() == str(expected["Subject"])
    body = expected.get_body(preferencelist=("plain",)).get_content()
    assert preview.text_view.toPlainText() == body.rstrip("\n") or (
        preview.text_view.toPlainText() == body
    )
    assert "Hi Jonas," in body and "SORRY11" in preview.text_view.toPlainText()
    assert preview.row_box.value() == 3
    assert preview.position.text().startswith("Message 2 of")  # row 2 is the first customer
    assert preview.files_label.text() == "none"
    # one recipient, always: nothing else addressed
    assert "," not in preview.to_label.text()


def test_next_previous_and_the_recipient_list(qtbot, document, preview, tmp_path):
    checkup = fill_sample(qtbot, document, tmp_path)
    wait_prepared(qtbot, preview)
    first, second = checkup.audience[0], checkup.audience[1]
    assert first.email in preview.to_label.text()
    assert not preview.previous_button.isEnabled()
    click(qtbot, preview.next_button)
    assert second.email in preview.to_label.text()
    assert preview.row_box.value() == second.row
    qtbot.keyClick(preview, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert first.email in preview.to_label.text()
    # clicking a person in the list shows their message
    last = preview.model.index(preview.model.rowCount() - 1)
    preview.people.setCurrentIndex(last)
    assert checkup.audience[-1].email in preview.to_label.text()
    assert not preview.next_button.isEnabled()
    # unique codes from the file: every message carries its own
    seen = set()
    preview.show_index(0)
    for _ in range(5):
        code = next(w for w in preview.text_view.toPlainText().split() if w.startswith("SORRY-"))
        seen.add(code.rstrip("."))
        preview.next()
    assert len(seen) == 5


def test_the_neighbours_are_made_ahead(qtbot, document, preview, tmp_path):
    fill_sample(qtbot, document, tmp_path)
    wait_prepared(qtbot, preview)
    qtbot.waitUntil(lambda: preview.made_ahead(1), timeout=WAIT_MS)
    made = preview.shown(1)
    preview.next()
    assert preview.shown(1) is made  # the one made ahead, not made again


def test_search_by_name_or_address(qtbot, document, preview, tmp_path):
    fill_sample(qtbot, document, tmp_path)
    wait_prepared(qtbot, preview)
    qtbot.keyClicks(preview.search_box, "LEFEVRE")  # the address, in any case
    qtbot.waitUntil(lambda: "1 recipient" in preview.found.text(), timeout=WAIT_MS)
    assert "chloe.lefevre@example.com" in preview.to_label.text()
    preview.search_box.setText("Chloé")  # the name (the address has no accent)
    qtbot.waitUntil(lambda: "1 recipient" in preview.found.text(), timeout=WAIT_MS)
    assert preview.model.rowCount() == 1
    assert "chloe.lefevre@example.com" in preview.to_label.text()
    preview.search_box.clear()
    qtbot.keyClicks(preview.search_box, "example.org")
    qtbot.waitUntil(lambda: "match" in preview.found.text(), timeout=WAIT_MS)
    matches = preview.model.rowCount()
    assert 0 < matches < preview.count()
    preview.search_box.clear()
    qtbot.keyClicks(preview.search_box, "zz-nobody-zz")
    qtbot.waitUntil(lambda: "Nobody matches" in preview.found.text(), timeout=WAIT_MS)


def test_a_row_outside_the_audience_is_explained(qtbot, document, preview, tmp_path):
    fill_sample(qtbot, document, tmp_path)
    wait_prepared(qtbot, preview)
    shown_before = preview.to_label.text()
    assert not preview.jump_to_row(999)
    assert "Row 999 is not among the recipients" in preview.status.text()
    assert preview.to_label.text() == shown_before


def test_a_blocked_campaign_says_so_above_the_messages(qtbot, document, preview, tmp_path):
    fill_sample(
        qtbot, document, tmp_path, unique_codes=False, body="Hi {{ first_name }}, {{ code }}"
    )
    wait_prepared(qtbot, preview)
    [blocking, *_] = document.checkup.blocking
    assert "first_name" in blocking  # row 8 has no first name and there is no fallback
    # the preview follows the engine's check, which may land just after the first preparation
    qtbot.waitUntil(lambda: preview.status.isVisible(), timeout=WAIT_MS)
    assert preview.status.text() == f"These cannot be sent yet: {blocking}"
    preview.next()  # moving on keeps the sentence in view
    assert preview.status.isVisible() and blocking in preview.status.text()


def test_the_row_number_is_on_the_short_line_of_the_list(qtbot, document, preview, tmp_path):
    checkup = fill_sample(qtbot, document, tmp_path)
    wait_prepared(qtbot, preview)
    first = checkup.audience[0]
    text = preview.model.index(0).data()
    assert text.split("\n") == [f"{first.name} \u00b7 row {first.row}", first.email]


def test_fallbacks_and_odd_values_are_highlighted(qtbot, document, preview, customers_xlsx):
    document.set_template(
        template.Template(
            subject="Sorry, {{ first_name }}",
            body="Dear {{ first_name }},\nyour order {{ order }} ({{ country }}).\n",
            fallbacks={"first_name": "friend"},
        )
    )
    with qtbot.waitSignal(document.checkupReady, timeout=WAIT_MS):
        document.load_spreadsheet(customers_xlsx)
    wait_prepared(qtbot, preview)
    # row 5 has a blank first name: the fallback is used and called out
    assert preview.jump_to_row(5)
    assert preview.notes.isVisible()
    assert "fallback" in preview.notes.text() and "friend" in preview.notes.text()
    assert "Dear friend," in preview.text_view.toPlainText()
    marked = [s.cursor.selectedText() for s in preview.text_view.extraSelections()]
    assert "friend" in marked
    # a normal row has nothing to call out
    assert preview.jump_to_row(2)
    assert not preview.notes.isVisible()
    assert preview.text_view.extraSelections() == []


def test_formatted_version_and_attachments(qtbot, document, preview, tmp_path):
    leaflet = tmp_path / "voucher.pdf"
    leaflet.write_bytes(b"%PDF-1.4 a voucher")
    document.set_attachments(AttachmentPlan(files=(leaflet,)))
    document.set_code_plan(codes.CodePlan(kind=codes.SHARED, shared="SORRY11"))
    document.set_template(
        template.Template(
            subject="Sorry", body="Hi **{{ first_name }}**, use {{ code }}.", markdown=True
        )
    )
    fill_sample_without_template(qtbot, document, tmp_path)
    wait_prepared(qtbot, preview)
    assert preview.files_label.text() == "voucher.pdf"
    assert preview.tabs.isTabEnabled(1)
    assert (
        "<strong>"
        in preview.prepared.campaign.message_for(preview.prepared.audience[0])
        .get_body(preferencelist=("html",))
        .get_content()
    )
    assert "Amelia" in preview.html_view.toPlainText()
    # back to plain text only: the formatted tab is switched off
    document.set_template(markdown=False)
    qtbot.waitUntil(lambda: not preview.tabs.isTabEnabled(1), timeout=WAIT_MS)


def fill_sample_without_template(qtbot, document, folder: Path) -> None:
    from tests.ui_flow import sample_copy

    with qtbot.waitSignal(document.checkupReady, timeout=WAIT_MS):
        document.load_spreadsheet(sample_copy(folder))


def test_nothing_to_preview_says_what_to_do(qtbot, preview):
    assert "spreadsheet" in preview.status.text()
    assert not preview.next_button.isEnabled()


def test_before_an_account_the_stand_in_sender_speaks_the_apps_language(qtbot, document, tmp_path):
    """Passes once engine-de.po holds "Your Name" (merged from /tmp/hA/po.json)."""
    from composer import language
    from composer.mailing import NO_SENDER
    from ui.preview_page import prepare

    fill_sample(qtbot, document, tmp_path, unique_codes=False)
    language.compile_catalogues()
    language.use("de")
    try:
        prepared = prepare(Campaign.draft(document.mailing.changed(identity=NO_SENDER)), None)
        assert prepared.stand_in_sender and not prepared.problem
        msg = prepared.campaign.message_for(prepared.audience[0])
        assert str(msg["From"]) == "Ihr Name <you@example.invalid>"
    finally:
        language.use("en")
    prepared = prepare(Campaign.draft(document.mailing.changed(identity=NO_SENDER)), None)
    assert prepared.campaign.identity.name == "Your Name"

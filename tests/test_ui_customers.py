"""Step 1, Customers, driven as a person would: open, fix a column, filter, jump to problems."""

from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtCore import Qt

from tests.ui_flow import click

WAIT = 15_000


def settled(doc) -> bool:
    return not doc.busy and doc.checkup is not None


def open_customers(qtbot, window, path):
    window.open_spreadsheet(path)
    qtbot.waitUntil(
        lambda: window.document.source == path and settled(window.document), timeout=WAIT
    )
    return window.pages["customers"]


def choose(qtbot, combo, text: str) -> None:
    """Pick an entry of a combo box with the keyboard, the way a person would."""
    combo.setFocus()
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def problem_rows(page) -> list[int]:
    rows = []
    for i in range(page.problem_list.count()):
        row = page.problem_list.item(i).data(Qt.ItemDataRole.UserRole)
        if row is not None:
            rows.append(row)
    return rows


def test_opening_shows_rows_with_spreadsheet_numbers_and_problems(
    qtbot, main_window, customers_xlsx
):
    page = open_customers(qtbot, main_window, customers_xlsx)
    model = page.model
    assert model.rowCount() == 8
    assert model.headerData(0, Qt.Orientation.Vertical) == "2"  # the header is row 1
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Email"
    assert model.data(model.index(0, 3)) == "1001"  # 1001.0 as the person typed it
    assert page.column_combos["email"].currentText() == "Email"
    assert page.column_combos["first_name"].currentText() == "First name"
    assert page.count_label.text() == "Sending to 6 of 8 rows"
    assert problem_rows(page) == [4, 7]  # the invalid address, the duplicate of row 2
    assert page.left_out_box.title() == "Left out (2)"
    assert model.data(model.index(2, 0), Qt.ItemDataRole.ToolTipRole).startswith("Row 4")
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    steps = main_window.steps
    assert "2 rows left out" in steps.item(0).text()
    assert page.sheet_combo.isVisible() and page.sheet_combo.count() == 2


def test_clicking_a_problem_selects_and_shows_its_row(qtbot, main_window, customers_xlsx):
    page = open_customers(qtbot, main_window, customers_xlsx)
    listing = page.problem_list
    item = next(
        listing.item(i)
        for i in range(listing.count())
        if listing.item(i).data(Qt.ItemDataRole.UserRole) == 7
    )
    rect = listing.visualItemRect(item)
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    current = page.table_view.currentIndex()
    assert current.row() == 5  # spreadsheet row 7 is the sixth data row
    assert page.model.headerData(current.row(), Qt.Orientation.Vertical) == "7"
    assert page.table_view.selectionModel().isRowSelected(5)


def test_changing_the_address_column_rechecks_everything(qtbot, main_window, customers_xlsx):
    page = open_customers(qtbot, main_window, customers_xlsx)
    doc = main_window.document
    choose(qtbot, page.column_combos["email"], "Work email")
    assert doc.columns.email == "work_email" and doc.dirty
    qtbot.waitUntil(lambda: settled(doc) and doc.checkup.recipients.columns.email == "work_email")
    assert page.count_label.text() == "Sending to 8 of 8 rows"
    assert problem_rows(page) == []
    assert "No rows are left out" in page.problems_hint.text()
    assert main_window.audience_line() == "Sending to 8 of 8 rows"


def test_a_filter_shows_its_live_count_and_a_big_jump_is_called_out(qtbot, main_window, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Email", "Name", "Segment"])
    for i in range(40):
        sheet.append([f"person{i}@example.com", f"Person {i}", "trade show" if i < 5 else "all"])
    path = tmp_path / "segments.xlsx"
    book.save(path)
    page = open_customers(qtbot, main_window, path)
    doc = main_window.document
    assert page.count_label.text() == "Sending to 40 of 40 rows"

    click(qtbot, page.add_condition_button)
    condition = page.condition_rows[0]
    choose(qtbot, condition.field, "Segment")
    choose(qtbot, condition.op, "is")
    qtbot.keyClicks(condition.value, "trade show")
    qtbot.waitUntil(lambda: settled(doc) and doc.audience_count() == 5, timeout=WAIT)
    assert page.count_label.text() == "Sending to 5 of 40 rows"
    assert doc.filter.conditions[0].field == "segment"
    assert not page.jump_label.isVisible()

    click(qtbot, condition.remove)  # the wrong segment story
    qtbot.waitUntil(lambda: settled(doc) and doc.audience_count() == 40, timeout=WAIT)
    assert page.count_label.text() == "Sending to 40 of 40 rows"
    assert page.jump_label.isVisible()
    assert "8 times as many as the 5 before" in page.jump_label.text()


def test_a_do_not_contact_list_leaves_people_out(qtbot, main_window, customers_xlsx, tmp_path):
    page = open_customers(qtbot, main_window, customers_xlsx)
    doc = main_window.document
    listed = tmp_path / "unsubscribed.txt"
    listed.write_text("jonas@example.com\nliam@example.com\n", encoding="utf-8")
    page.choose_suppression(listed)
    qtbot.waitUntil(lambda: settled(doc) and doc.audience_count() == 4, timeout=WAIT)
    assert problem_rows(page) == [4, 7, 3, 8]
    assert page.suppress_label.text() == "unsubscribed.txt (2 addresses)"
    click(qtbot, page.suppress_clear)
    qtbot.waitUntil(lambda: settled(doc) and doc.audience_count() == 6, timeout=WAIT)


def test_choosing_a_sheet_without_addresses_says_why_nobody_gets_it(
    qtbot, main_window, customers_xlsx
):
    page = open_customers(qtbot, main_window, customers_xlsx)
    doc = main_window.document
    choose(qtbot, page.sheet_combo, "Notes")
    qtbot.waitUntil(lambda: doc.sheet == "Notes" and settled(doc), timeout=WAIT)
    assert page.blocking_label.isVisible()
    assert "address" in page.blocking_label.text()
    assert "Nobody to send to" in main_window.steps.item(0).text()


def test_what_the_table_paints_is_each_cell_and_each_problem(qtbot, main_window, customers_xlsx):
    """Qt's own item delegate asks a cell's roles the way it paints (all at once, through
    multiData): its text is the cell as the engine displays it, a row with a problem is tinted
    and explains itself, a row the filter leaves out is greyed, and no other row is either."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    from composer.table import display

    page = open_customers(qtbot, main_window, customers_xlsx)
    doc, model = main_window.document, page.model
    table = doc.table
    problems = {p.row: p.message for p in doc.checkup.problems if p.row is not None}
    assert problems  # the workbook has an invalid address and a duplicate
    left_out = {table.row_numbers[1]}
    model.set_marks(doc.checkup.problems, left_out)
    delegate = QStyledItemDelegate()
    for row in range(model.rowCount()):
        number = table.row_numbers[row]
        for column in range(model.columnCount()):
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, model.index(row, column))
            assert option.text == display(table.rows[row][column])
            tinted = option.backgroundBrush.style() != Qt.BrushStyle.NoBrush
            assert tinted == (number in problems), number
            if tinted:
                assert option.backgroundBrush.color() == model._tint
            greyed = option.palette.color(QPalette.ColorRole.Text) == model._muted
            assert greyed == (number in left_out), number
        assert model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole) == problems.get(number)

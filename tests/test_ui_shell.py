"""The window's shell: the worker, steps, documents (new/open/save/drafts), prompts, drops."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
)

from composer.errors import SpreadsheetError
from tests.ui_flow import answer_next_box

WAIT = 15_000


def settled(doc) -> bool:
    return not doc.busy and doc.checkup is not None


# ---- the worker ---------------------------------------------------------------------------


def test_worker_returns_results_errors_and_progress_on_the_gui_thread(qtbot, ui_worker):
    gui = threading.get_ident()
    where: list[int] = []

    def blocking(x: int) -> int:
        where.append(threading.get_ident())
        return x * 2

    job = ui_worker.submit(blocking, 21)
    with qtbot.waitSignal(job.succeeded, timeout=WAIT) as got:
        pass
    assert got.args == [42]
    assert where and where[0] != gui  # the work ran off the GUI thread

    def bad_file() -> None:
        raise SpreadsheetError("The file is not a spreadsheet; choose an .xlsx or .csv file.")

    job = ui_worker.submit(bad_file)
    with qtbot.waitSignal(job.failed, timeout=WAIT) as got:
        pass
    assert got.args == ["The file is not a spreadsheet; choose an .xlsx or .csv file."]

    async def counting(n: int, progress) -> str:
        for i in range(n):
            progress(i)
            await asyncio.sleep(0)
        return "done"

    seen: list[int] = []
    job = ui_worker.submit(counting, 3, pass_progress=True)
    job.progress.connect(seen.append)
    with qtbot.waitSignal(job.succeeded, timeout=WAIT) as got:
        pass
    assert got.args == ["done"] and seen == [0, 1, 2]


def test_cancel_and_stale_results_are_dropped(qtbot, ui_worker):
    job = ui_worker.submit(asyncio.sleep, 30)
    with qtbot.waitSignal(job.cancelled, timeout=WAIT):
        job.cancel()

    results: list[str] = []

    def slow(name: str, delay: float) -> str:
        time.sleep(delay)
        return name

    old = ui_worker.submit(slow, "old", 0.3, key="load")
    old.succeeded.connect(results.append)
    new = ui_worker.submit(slow, "new", 0.0, key="load")
    new.succeeded.connect(results.append)
    with qtbot.waitSignal(new.succeeded, timeout=WAIT):
        pass
    qtbot.waitUntil(lambda: not ui_worker.busy(), timeout=WAIT)
    assert results == ["new"] and old.stale


def test_a_discarded_job_emits_no_outcome_even_one_already_on_its_way(qtbot, ui_worker):
    """Opening another campaign discards the checks of the one before; an answer that had
    already come back (posted, not yet delivered to the GUI thread) must not be taken for an
    answer about the new campaign."""
    outcomes: list[object] = []
    job = ui_worker.submit(lambda: "about the old campaign")
    job.then(outcomes.append, outcomes.append)
    job.cancelled.connect(lambda: outcomes.append("cancelled"))
    deadline = time.monotonic() + 10
    while (job._task is None or not job._task.done()) and time.monotonic() < deadline:
        time.sleep(0.01)  # the GUI thread is busy: the outcome waits in the queue
    assert job._task is not None and job._task.done()
    job.discard()
    with qtbot.waitSignal(job.finished, timeout=WAIT):
        pass
    assert outcomes == [] and not ui_worker.busy()


def test_a_superseded_job_still_finishes(qtbot, ui_worker):
    """Whoever counts running jobs (the document's busy flag) hears the end of a stale one."""
    ended: list[str] = []
    old = ui_worker.submit(time.sleep, 0.3, key="check")
    old.finished.connect(lambda: ended.append("old"))
    new = ui_worker.submit(lambda: None, key="check")
    new.finished.connect(lambda: ended.append("new"))
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=WAIT)
    assert sorted(ended) == ["new", "old"] and old.stale and not new.stale


def test_worker_stops_cleanly_with_work_in_flight(qtbot):
    from ui.worker import Worker

    worker = Worker()
    worker.submit(asyncio.sleep, 30)
    worker.submit(time.sleep, 0.2)
    worker.stop()
    assert not worker.isRunning()
    late = worker.submit(lambda: 1)  # after stop: accepted, never run, never emitted
    assert late.stale


# ---- the window -----------------------------------------------------------------------


def test_window_shows_four_steps_with_status_and_accessible_controls(qtbot, main_window):
    window = main_window
    assert window.isVisible()
    texts = [window.steps.item(i).text() for i in range(window.steps.count())]
    assert [t.split("\n")[0] for t in texts] == [
        "1. Customers",
        "2. Message",
        "3. Preview",
        "4. Send",
    ]
    assert "Open your customer list" in texts[0]
    assert window.audience_label.text().startswith("No customers yet")
    assert "New campaign" in window.windowTitle()
    for name in ("customers", "message"):
        page = window.pages[name]
        for button in page.findChildren(QAbstractButton):
            assert button.accessibleName() or button.text(), f"{name}: a button has no name"
        for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView):
            for widget in page.findChildren(kind):
                if isinstance(widget, QHeaderView) or widget.window() is not window:
                    continue  # a table's header, a combo box's or completer's popup
                assert widget.accessibleName(), f"{name}: {type(widget).__name__} has no name"


def test_ctrl_enter_moves_to_the_next_step(qtbot, main_window):
    window = main_window
    assert window.current_step == "customers"
    qtbot.keyClick(window.steps, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step == "message"
    subject = window.pages["message"].subject
    subject.setFocus()
    qtbot.keyClick(subject, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step == "preview"


def test_dropping_a_spreadsheet_opens_it(qtbot, main_window, customers_xlsx):
    window = main_window
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(customers_xlsx))])
    drag = (
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    try:  # Qt 6.12 takes a QPointF (and deprecates QPoint); earlier versions only a QPoint
        enter = QDragEnterEvent(QPointF(50, 50), *drag)
    except TypeError:
        enter = QDragEnterEvent(QPoint(50, 50), *drag)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()  # the window says it takes spreadsheets
    drop = QDropEvent(
        QPointF(QPoint(50, 50)),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: settled(window.document), timeout=WAIT)
    assert window.document.source == customers_xlsx
    assert window.audience_label.text() == "Sending to 6 of 8 rows"


def test_unsaved_changes_are_marked_and_asked_about_on_close(qtbot, main_window):
    window = main_window
    assert not window.isWindowModified()
    qtbot.keyClicks(window.pages["message"].subject, "Sorry")
    assert window.isWindowModified() and window.document.dirty

    seen: list[str] = []
    answer_next_box(qtbot, QMessageBox.StandardButton.Cancel, seen)
    window.close()
    assert seen and "Save the changes" in seen[0]
    assert window.isVisible()  # Cancel keeps everything

    answer_next_box(qtbot, QMessageBox.StandardButton.Discard, seen)
    window.close()
    assert len(seen) == 2
    assert not window.isVisible()


def test_new_campaign_asks_first_and_then_empties_everything(qtbot, main_window, customers_xlsx):
    window = main_window
    window.open_spreadsheet(customers_xlsx)
    qtbot.waitUntil(lambda: settled(window.document), timeout=WAIT)
    seen: list[str] = []
    answer_next_box(qtbot, QMessageBox.StandardButton.Discard, seen)
    window.new_action.trigger()
    assert seen
    assert window.document.table is None and not window.document.dirty
    assert window.pages["customers"].stack.currentIndex() == 0  # the "drop a file" invitation


def test_save_reopen_and_recent_files(qtbot, main_window, customers_xlsx, tmp_path):
    window = main_window
    doc = window.document
    window.open_spreadsheet(customers_xlsx)
    qtbot.waitUntil(lambda: settled(doc), timeout=WAIT)
    target = tmp_path / "invoice-apology.apology"
    assert window.save_as(target, wait=True)
    assert target.exists() and not doc.dirty and not window.isWindowModified()
    assert "invoice-apology" in window.windowTitle()
    assert window.recent_files()[0] == str(target)

    window.new_campaign()
    window.open_file(target)
    qtbot.waitUntil(lambda: doc.path == target and settled(doc), timeout=WAIT)
    assert len(doc.table) == 8 and doc.columns.email == "email"


def test_command_line_opens_a_campaign_file(qtbot, customers_xlsx, tmp_path):
    from ui import app

    first = app.build_window(app.parse_arguments([str(customers_xlsx)]))
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: settled(first.document), timeout=WAIT)
    target = tmp_path / "from-cli.apology"
    assert first.save_as(target, wait=True)
    first.close()
    first.worker.stop()

    second = app.build_window(app.parse_arguments([str(target)]))
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.document.path == target, timeout=WAIT)
    assert len(second.document.table) == 8
    second.close()
    second.worker.stop()


def test_a_campaign_macos_hands_over_as_a_file_open_event_is_opened(
    qtbot, customers_xlsx, tmp_path
):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent

    from ui import app

    first = app.build_window(app.parse_arguments([str(customers_xlsx)]))
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: settled(first.document), timeout=WAIT)
    target = tmp_path / "double-clicked.apology"
    assert first.save_as(target, wait=True)
    first.close()
    first.worker.stop()

    second = app.build_window(app.parse_arguments([]))
    qtbot.addWidget(second)
    QCoreApplication.sendEvent(QCoreApplication.instance(), QFileOpenEvent(str(target)))
    qtbot.waitUntil(lambda: second.document.path == target, timeout=WAIT)
    assert len(second.document.table) == 8
    second.close()
    second.worker.stop()


def test_sample_opens_with_customers_and_apology(qtbot):
    import resources
    from ui import app

    try:
        resources.resource_path(*resources.SAMPLE_CUSTOMERS)
    except FileNotFoundError:
        pytest.skip("the sample workbook is not built in this checkout")
    window = app.build_window(app.parse_arguments(["--sample"]))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: settled(window.document), timeout=WAIT)
    assert window.document.table is not None and len(window.document.table) > 10
    assert window.document.template.subject
    assert window.audience_line().startswith("Sending to ")
    window.document.dirty = False
    window.close()
    window.worker.stop()


def test_a_crash_loses_nothing_typed(qtbot, ui_worker, customers_xlsx):
    from ui.main_window import MainWindow

    crashed = MainWindow(ui_worker)
    qtbot.addWidget(crashed)
    crashed.open_spreadsheet(customers_xlsx)
    qtbot.waitUntil(lambda: settled(crashed.document), timeout=WAIT)
    qtbot.keyClicks(crashed.pages["message"].subject, "We are sorry, {{ first_name }}")
    assert crashed.document.autosave()  # what the timer does every few seconds
    # the "crash": the window is never closed cleanly, so the draft stays where it is

    restarted = MainWindow(ui_worker)
    qtbot.addWidget(restarted)
    seen: list[str] = []
    answer_next_box(qtbot, "Recover", seen)
    restarted.offer_recovery()
    assert seen and "We are sorry" in seen[0]
    doc = restarted.document
    qtbot.waitUntil(lambda: doc.table is not None and settled(doc), timeout=WAIT)
    assert doc.template.subject == "We are sorry, {{ first_name }}"
    assert restarted.pages["message"].subject.text() == "We are sorry, {{ first_name }}"
    assert doc.source == customers_xlsx and doc.dirty
    for window in (crashed, restarted):
        window.document.dirty = False
        window.close()


def test_about_says_the_version_and_what_the_app_is_for_from_pyproject(qtbot, main_window):
    import tomllib
    from pathlib import Path

    project = tomllib.loads(
        (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    )["project"]
    assert not main_window.windowIcon().isNull()
    main_window.about_action.trigger()
    box = main_window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert box.text() == f"Apology Composer {project['version']}"
    assert project["description"] in box.informativeText()
    assert "Settings are kept in" in box.informativeText()
    assert not box.iconPixmap().isNull()
    box.close()


def test_opening_a_long_list_shows_what_is_being_done_and_how_far(qtbot, main_window, tmp_path):
    """The status bar names each stage of opening a list and fills its bar as the rows come
    in, then goes quiet once the engine's answer is there."""
    from tests.spreadsheets import write_xlsx

    rows = [["Email", "Name"], *([f"c{i}@example.com", f"N{i}"] for i in range(6_000))]
    path = write_xlsx(tmp_path / "long.xlsx", rows)
    window, doc = main_window, main_window.document
    seen: list[tuple[str, int, int]] = []
    beside_the_button: list[str] = []  # the Customers page says it too, where "no file" stood
    doc.working.connect(
        lambda *_: seen.append(
            (window.busy_label.text(), window.busy_bar.value(), window.busy_bar.maximum())
        )
    )
    doc.working.connect(
        lambda *_: beside_the_button.append(window.pages["customers"].file_label.text())
    )
    window.open_spreadsheet(path)
    qtbot.waitUntil(lambda: doc.checkup is not None and not doc.busy, timeout=30_000)
    labels = [label for label, _, _ in seen]
    assert labels[0] == "Reading long.xlsx…"
    reading_done = max(i for i, label in enumerate(labels) if label.startswith("Taking in"))
    # after the rows are in, the check of the new list goes through its stages
    after = labels[reading_done + 1 :]
    assert "Checking the addresses…" in after and after[-1] == "Working out who gets it…"
    taken = [value for label, value, top in seen if label.startswith("Taking in") and top]
    assert taken == sorted(taken) and taken[-1] == 6_000 and len(set(taken)) >= 2
    assert not window.busy_bar.isVisible() and window.busy_label.text() == ""
    assert doc.checkup.rows_read == 6_000  # the engine's own count of what was read
    assert beside_the_button[0] == "Reading long.xlsx…"
    assert window.pages["customers"].file_label.text().startswith("long.xlsx")


def test_a_list_that_cannot_be_opened_leaves_no_reading_sentence_behind(
    qtbot, main_window, tmp_path
):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    window, doc = main_window, main_window.document
    problems: list[str] = []
    doc.problem.connect(problems.append)
    window.open_spreadsheet(path)
    qtbot.waitUntil(lambda: bool(problems) and not doc.busy, timeout=30_000)
    assert doc.table is None and "broken.xlsx" in problems[0]
    assert window.pages["customers"].file_label.text() == "No spreadsheet open yet."
    assert window.busy_label.text() == "" and not window.busy_bar.isVisible()

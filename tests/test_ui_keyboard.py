"""Keyboard-only use: Tab reaches every control of every step and never gets stuck there;
every control it reaches says what it is to a screen reader; Ctrl+O, Ctrl+S and Ctrl+Enter work.

Why: some of the people in the stories cannot or would rather not use a mouse, and a screen
reader reads a control by its accessible name — a nameless button is a silent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from tests.ui_flow import WAIT_MS, sample_copy
from ui.main_window import STEPS

MAX_TABS = 150  # far more controls than any step has: reaching it means focus is stuck


def settled(doc) -> bool:
    return doc.checkup is not None and not doc.busy


def describe(widget: QWidget) -> str:
    text = widget.text() if callable(getattr(widget, "text", None)) else ""
    return f"{type(widget).__name__}({widget.objectName() or text!s})"


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)


def load_sample(qtbot, window) -> None:
    from ui.app import load_sample as fill

    fill(window)
    qtbot.waitUntil(lambda: window.document.table is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: settled(window.document), timeout=WAIT_MS)


def tab_round(qtbot, window, start: QWidget) -> list[QWidget]:
    """Press Tab from ``start`` until focus comes back to it; the widgets passed on the way."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=WAIT_MS)
    visited: list[QWidget] = []
    for _ in range(MAX_TABS):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None, f"focus was lost after {[describe(w) for w in visited]}"
        if now is start:
            return visited
        assert now not in visited, (
            f"Tab goes round in circles at {describe(now)} and never gets back to the steps: "
            f"{[describe(w) for w in visited]}"
        )
        assert now.window() is window, f"Tab left the window for {describe(now)}"
        visited.append(now)
    raise AssertionError(f"Tab never came back to the step list: stuck in {describe(now)}")


def test_tab_reaches_every_control_of_each_step_with_a_name(qtbot, main_window):
    window = main_window
    activate(qtbot, window)
    load_sample(qtbot, window)
    for name in STEPS:
        window.show_step(name)
        page = window.pages[name]
        if name == "preview":  # the messages are made once the step is shown
            qtbot.waitUntil(lambda p=page: p.current >= 0, timeout=WAIT_MS)
        visited = tab_round(qtbot, window, window.steps)
        on_page = [w for w in visited if page.isAncestorOf(w)]
        assert len(on_page) >= 3, f"Tab reaches almost nothing on {name}: {on_page}"
        nameless = [describe(w) for w in visited if not w.accessibleName().strip()]
        assert not nameless, f"controls without an accessible name on {name}: {nameless}"
        if name == "message":  # the order follows the screen: text, its fallbacks, the code
            names = [w.accessibleName() for w in visited]
            body = names.index("Apology text")
            assert names[body + 1].startswith("Fallback for "), names
            assert names.index("No code") > max(
                i for i, n in enumerate(names) if n.startswith("Fallback for ")
            ), names
        # Shift+Tab goes back the same way
        qtbot.keyClick(window.steps, Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is visited[-1]


def test_the_keyboard_shortcuts_open_save_and_move_on(qtbot, main_window, tmp_path, monkeypatch):
    window = main_window
    doc = window.document
    activate(qtbot, window)
    assert window.open_action.shortcut() == QKeySequence("Ctrl+O")
    assert window.save_action.shortcut() == QKeySequence("Ctrl+S")

    workbook = sample_copy(tmp_path)
    campaign = tmp_path / "keyboard.apology"
    asked: list[str] = []

    def answer(path: Path):
        def dialog(_parent, caption="", *_args, **_kwargs):
            asked.append(caption)
            return str(path), ""

        return staticmethod(dialog)

    # Ctrl+O: open the customer list
    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer(workbook))
    qtbot.keyClick(window.steps, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: doc.source == workbook and settled(doc), timeout=WAIT_MS)
    assert len(asked) == 1 and doc.audience_count() > 0
    assert window.current_step == "customers"

    # Ctrl+Enter: next step, from the customer table and from inside the editors
    table = window.pages["customers"].table_view
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step == "message"
    message = window.pages["message"]
    message.subject.setFocus()
    qtbot.keyClicks(message.subject, "Sorry, {{ first_name }}")
    message.body.setFocus()
    qtbot.keyClicks(message.body, "Hi {{ first_name or 'there' }}, we are sorry.")
    qtbot.keyClick(message.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step == "preview"
    assert message.body.toPlainText() == "Hi {{ first_name or 'there' }}, we are sorry."
    qtbot.keyClick(
        QApplication.focusWidget() or window,
        Qt.Key.Key_Enter,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier,
    )
    assert window.current_step == "send"
    qtbot.keyClick(window.steps, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step == "send"  # the last step stays

    # Ctrl+S: the first time asks where, then saves in place
    assert doc.dirty and doc.path is None
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer(campaign))
    with qtbot.waitSignal(doc.saved, timeout=WAIT_MS):
        qtbot.keyClick(window.steps, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert campaign.exists() and doc.path == campaign and not doc.dirty
    assert len(asked) == 2
    window.show_step("message")
    qtbot.keyClicks(message.subject, " and thank you")
    assert doc.dirty
    before = campaign.stat().st_mtime_ns
    with qtbot.waitSignal(doc.saved, timeout=WAIT_MS):
        qtbot.keyClick(message.subject, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 2  # no dialog the second time
    assert not doc.dirty and campaign.stat().st_mtime_ns >= before
    from composer.campaign import Campaign

    saved = Campaign.open(campaign)
    try:
        assert saved.template.subject == "Sorry, {{ first_name }} and thank you"
    finally:
        saved.close()


def test_tab_from_the_subject_goes_into_the_apology(qtbot, main_window):
    window = main_window
    window.show_step("message")
    message = window.pages["message"]
    message.subject.setFocus()
    qtbot.keyClick(message.subject, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is message.body

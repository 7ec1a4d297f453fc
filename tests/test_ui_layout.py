"""The window fits a small laptop: at 1024×700 and at its default size, no text of any step is
cut (a button narrower than its text, a placeholder or combo text cut short, a side panel that
would scroll sideways), in the states a person meets: nothing opened yet, the sample loaded,
a filter of two conditions, personal fields waiting for a fallback, and the Send step before and after a practice send.
The check itself is ``ui.layout_check``, which ``make screenshots`` runs on every picture."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from composer import audience
from tests.ui_flow import WAIT_MS, click, wait_for
from ui.app import load_sample
from ui.layout_check import clipped, describe

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing)"
)

SMALL = QSize(1024, 700)
STEPS = ("customers", "message", "preview", "send")


def sized(qtbot, window, size: str) -> QSize:
    """The window at ``size`` ("default": the size ``MainWindow`` opens at)."""
    wanted = QSize(window.size()) if size == "default" else SMALL
    window.resize(wanted)  # a window whose parts need more stays bigger: cut() says so
    qtbot.wait(50)
    return wanted


def settled(qtbot, window) -> None:
    doc = window.document
    wait_for(qtbot, lambda: doc.checkup is not None and not doc.busy)
    qtbot.wait(50)  # the layouts that follow the engine's answer


def cut(qtbot, window, wanted: QSize, state: str) -> list[str]:
    """Every text of the current step that does not fit, as a readable line (once the
    layouts have caught up with the last answer: a frame in between is no finding)."""
    wait_for(qtbot, lambda: not window.document.busy)
    qtbot.wait(50)
    if clipped(window):
        qtbot.wait(250)
    lines = [f"{state} {window.current_step}: {describe(w)}: {why}" for w, why in clipped(window)]
    if window.size() != wanted:
        lines.append(f"{state}: the window is {window.size().toTuple()}, not {wanted.toTuple()}")
    return lines


@pytest.mark.parametrize("size", ["small", "default"])
def test_every_step_fits_before_and_after_the_sample(qtbot, spoken, main_window, size):
    window = main_window
    wanted = sized(qtbot, window, size)
    found = []
    for step in STEPS:
        window.show_step(step)
        found += cut(qtbot, window, wanted, "nothing opened")

    load_sample(window)
    settled(qtbot, window)
    for step in STEPS:
        window.show_step(step)
        if step == "preview":
            preview = window.pages["preview"]
            wait_for(qtbot, lambda p=preview: p.current >= 0)
        found += cut(qtbot, window, wanted, "sample")

    # a filter of two conditions in the narrow side panel of Customers
    window.show_step("customers")
    customers = window.pages["customers"]
    window.document.set_filter(
        audience.Filter(
            (
                audience.Condition("country", audience.ONE_OF, "GB, DE, FR"),
                audience.Condition("order", audience.NOT_CONTAINS, "105"),
            )
        )
    )
    assert len(customers.condition_rows) == 2
    settled(qtbot, window)
    found += cut(qtbot, window, wanted, "filter")
    while customers.condition_rows:
        click(qtbot, customers.condition_rows[-1].remove)
    wait_for(qtbot, lambda: not window.document.filter.conditions)

    # several personal fields in use, one blank for a customer and without a fallback yet
    window.show_step("message")
    doc = window.document
    doc.set_template(
        subject="Sorry, {{ first_name }}",
        body="Hi {{ first_name }}, {{ order }} {{ country }} {{ order_date }} {{ last_name }}",
    )
    settled(qtbot, window)
    assert doc.checkup.missing  # the "give a fallback" rows are on screen
    found += cut(qtbot, window, wanted, "personal fields")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("size", ["small", "default"])
def test_the_send_step_fits_before_and_after_a_practice_send(
    qtbot, spoken, main_window, tmp_path, size
):
    window = main_window
    wanted = sized(qtbot, window, size)
    load_sample(window)
    settled(qtbot, window)
    window.show_step("send")
    send = window.pages["send"]
    send.ask_save_path = lambda: tmp_path / "sample.apology"
    found = cut(qtbot, window, wanted, "before sending")

    click(qtbot, send.test_box.button)
    doc = window.document
    wait_for(qtbot, lambda: doc.checkup is not None and doc.checkup.test.tested and not doc.busy)
    qtbot.keyClicks(send.confirm, str(send.to_send()))
    with qtbot.waitSignal(send.sendFinished, timeout=WAIT_MS):
        click(qtbot, send.send_button)
    wait_for(qtbot, lambda: not send.sending() and not doc.busy)
    settled(qtbot, window)
    found += cut(qtbot, window, wanted, "after a practice send")
    assert not found, "\n".join(found)

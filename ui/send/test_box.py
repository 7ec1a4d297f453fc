"""Step 2 of sending: a test to yourself first, or the plain choice to send without one.

The engine says whether this version of the apology was tried (``Campaign.test_status``, part
of the check): sending to everyone stays locked until it was, and any edit of the apology
asks for a new test. The test itself is one customer's message, marked [TEST], sent to the
sender's own mailbox; the box records it in the campaign's history.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer.campaign import TestStatus
from composer.wording import clock
from ui.widgets import show_value


class TestBox(QGroupBox):
    """``testRequested()`` when the person asks for a test; ``skipToggled(bool)``."""

    testRequested = Signal()
    skipToggled = Signal(bool)
    __test__ = False  # not a pytest test class

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("2. Check it in your own inbox first"), parent)
        self.button = QPushButton(self.tr("Send a &test to me"))
        self.button.setAccessibleName(self.tr("Send a test to me"))
        self.button.clicked.connect(self.testRequested)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.skip = QCheckBox(self.tr("Send without a test (I have checked the messages)"))
        self.skip.setAccessibleName(self.tr("Send without a test"))
        self.skip.toggled.connect(self._skip_toggled)
        self._showing = False
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.skip)
        self.show_result("")

    def _skip_toggled(self, on: bool) -> None:
        if not self._showing:
            self.skipToggled.emit(on)

    def show_status(self, status: TestStatus | None, practice: bool = False) -> None:
        """What the engine says about the version as it stands now (``practice``: tests go
        to the practice outbox, not to a mailbox)."""
        self._showing = True
        try:
            self.skip.setChecked(bool(status and status.skipped))
        finally:
            self._showing = False
        if status is None:
            return
        if status.tested:
            self.show_result(
                self.tr(
                    "A test of this version went to {0} at {1}. Read it there before you send "
                    "to everyone."
                ).format(
                    self.tr("the practice outbox") if practice else status.to or "",
                    clock(status.at or 0),
                )
            )
        elif status.skipped:
            self.show_result(self.tr("You chose to send this version without a test."))
        elif status.earlier:
            self.show_result(
                self.tr("The apology changed since your last test; send yourself a new one.")
            )
        else:
            self.show_result(
                self.tr("Nothing has gone to you yet: send yourself a test and read it first.")
            )

    def show_result(self, sentence: str) -> None:
        show_value(self.result, self.tr("Test result"), sentence)

    def enable(self, can_test: bool, sending: bool) -> None:
        self.button.setEnabled(can_test and not sending)
        self.skip.setEnabled(not sending)

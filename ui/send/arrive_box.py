"""Will it arrive? The sender domain's records and the customers' mailboxes, before sending.

The findings are the engine's (``composer.deliverability`` through
``Campaign.deliverability``), one sentence each, marked good, to do, or not confirmed; none of
them stops sending. The person can give an estimate of the other mail their domain sends a
day (receipts, newsletters), which counts toward the big providers' bulk-sender line.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from composer.deliverability import ADVICE, OK, Finding

ESTIMATE_WAIT_MS = 600  # the estimate is used once the person stops typing


class ArriveBox(QGroupBox):
    """``checkRequested(other_daily or -1)``: look again (-1: keep the estimate as it is)."""

    checkRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Will it arrive?"), parent)
        self.setAccessibleName(self.tr("Will it arrive"))
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setAccessibleName(self.tr("What the check of your domain found"))
        self.estimate = QSpinBox()
        self.estimate.setRange(0, 10_000_000)
        self.estimate.setSingleStep(100)
        self.estimate.setGroupSeparatorShown(True)
        self.estimate.setSuffix(self.tr(" a day"))
        self.estimate.setAccessibleName(self.tr("Other mail your domain sends a day"))
        self.again = QPushButton(self.tr("Check &again"))
        self.again.setAccessibleName(self.tr("Check the domain again"))
        self.again.clicked.connect(lambda: self.checkRequested.emit(-1))
        self._timer = QTimer(self, singleShot=True, interval=ESTIMATE_WAIT_MS)
        self._timer.timeout.connect(lambda: self.checkRequested.emit(self.estimate.value()))
        self.estimate.valueChanged.connect(lambda _v: self._timer.start())
        row = QHBoxLayout()
        row.addWidget(
            QLabel(self.tr("Other mail your domain sends (receipts, newsletters), about:"))
        )
        row.addWidget(self.estimate)
        row.addStretch(1)
        row.addWidget(self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.findings)
        layout.addLayout(row)
        self.setVisible(False)

    def show_checking(self, domain: str) -> None:
        self.findings.setText(self.tr("Looking up the records of {0}\u2026").format(domain))
        self.again.setEnabled(False)
        self.setVisible(True)

    def show_findings(self, findings: tuple[Finding, ...], estimate: int) -> None:
        marks = {OK: "\u2713", ADVICE: "!"}
        lines = [f"{marks.get(f.level, '?')}  {f.sentence}" for f in findings]
        self.findings.setText("\n".join(lines))
        self.estimate.blockSignals(True)
        self.estimate.setValue(estimate)
        self.estimate.blockSignals(False)
        self.again.setEnabled(True)
        self.setVisible(True)

    def show_problem(self, sentence: str) -> None:
        self.findings.setText(sentence)
        self.again.setEnabled(True)

"""Step 4 of sending: how far it got, the controls of a run, and its log.

The figures come from one engine model, ``composer.progress.RunProgress``, started from the
campaign's plan and moved by the sender's events, so the bar, the counts, the time left and
the step list agree with each other and with the command line. Events reach the page in
batches (a thousand quick deliveries must not flood the window).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer.plan import CONCERNED, READING_ORDER, Plan
from composer.progress import RunProgress
from composer.sender import Event, EventKind
from composer.wording import count, counts_line, duration
from ui.widgets import show_value

LOG_LINES = 2000
_ORDER = [n for n in READING_ORDER if n in CONCERNED]


class ProgressView(QGroupBox):
    pauseRequested = Signal()
    resumeRequested = Signal()
    cancelRequested = Signal()
    resendRequested = Signal()
    exportRequested = Signal()
    stopWaitingRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("4. Progress"), parent)
        self.model: RunProgress | None = None
        self.result = QLabel()
        self.result.setWordWrap(True)
        font = self.result.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.result.setFont(font)
        self.result.setVisible(False)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Sending progress"))
        self.bar.setTextVisible(True)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.pause_button = self._button(self.tr("&Pause"), self.tr("Pause sending"))
        self.pause_button.clicked.connect(self.pauseRequested)
        self.resume_button = self._button(self.tr("&Resume"), self.tr("Resume sending"))
        self.resume_button.clicked.connect(self.resumeRequested)
        self.cancel_button = self._button(self.tr("&Cancel"), self.tr("Stop sending"))
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.stop_waiting_button = self._button(
            self.tr("&Stop waiting"), self.tr("Do not go on by itself after the daily limit")
        )
        self.stop_waiting_button.clicked.connect(self.stopWaitingRequested)
        self.stop_waiting_button.setVisible(False)
        self.resend_button = self._button(
            self.tr("Resend &failed only"), self.tr("Resend failed only")
        )
        self.resend_button.clicked.connect(self.resendRequested)
        self.export_button = self._button(
            self.tr("&Export delivery report\u2026"), self.tr("Export delivery report")
        )
        self.export_button.clicked.connect(self.exportRequested)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(LOG_LINES)
        self.log.setAccessibleName(self.tr("Sending log"))
        self.log.setMinimumHeight(100)
        buttons = QHBoxLayout()
        for b in (
            self.pause_button,
            self.resume_button,
            self.cancel_button,
            self.stop_waiting_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.resend_button)
        buttons.addWidget(self.export_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.result)
        self.layout_.addWidget(self.bar)
        self.layout_.addWidget(self.counts)
        self.layout_.addLayout(buttons)
        self.show_counts("")

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        return button

    def add_below(self, widget: QWidget) -> None:
        """Put the in-doubt box between the buttons and the log."""
        self.layout_.addWidget(widget)
        self.layout_.addWidget(self.log, 1)

    # ---- figures ----------------------------------------------------------------------
    def forget(self) -> None:
        """Another campaign: the last one's log, figures and result are not about it."""
        self.model = None
        self.log.clear()
        self.show_result("")
        self.show_plan(None)

    def start(self, plan: Plan) -> None:
        self.model = RunProgress.from_plan(plan)
        self.show_result("")
        self._draw()

    def apply(self, events: list[Event]) -> None:
        """Show a batch of the sender's events."""
        if self.model is None:
            return
        for event in events:
            self.model.apply(event)
            line = self._line(event)
            if line:
                self.log.appendPlainText(line)
        self._draw()

    def show_plan(self, plan: Plan | None) -> None:
        """Between runs: where the campaign stands, from the engine's plan."""
        self.model = None
        if plan is None or not plan.done:
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
            self.show_counts("")
            return
        self.bar.setRange(0, max(plan.total, 1))
        self.bar.setValue(plan.done)
        line = counts_line([(n, plan.counts[n]) for n in _ORDER])
        # "So far" only while some are still to go: a finished campaign just says its counts
        self.show_counts(self.tr("So far: {0}.").format(line) if plan.done < plan.total else line)

    def _draw(self) -> None:
        model = self.model
        if model is None:
            return
        self.bar.setRange(0, max(model.total, 1))
        self.bar.setValue(model.done)
        counts = counts_line([(n, model.counts.get(n, 0)) for n in _ORDER])
        self.show_counts(f"{counts} \u00b7 {model.status()}" if counts else model.status())

    def show_counts(self, text: str) -> None:
        show_value(self.counts, self.tr("Counts per state"), text)

    def show_result(self, sentence: str) -> None:
        show_value(self.result, self.tr("Result"), sentence)
        self.result.setVisible(bool(sentence))

    def note(self, line: str) -> None:
        self.log.appendPlainText(line)

    def _line(self, e: Event) -> str:
        kind = e.kind
        if kind is EventKind.STARTED:
            return self.tr("Started: {0} to send.").format(
                count(e.total or 0, "{n} message", "{n} messages")
            )
        if kind is EventKind.SENT:
            return self.tr("Sent to {0} (row {1}).").format(e.email, e.row)
        if kind is EventKind.FAILED:
            return self.tr("Failed for {0} (row {1}): {2}").format(e.email, e.row, e.reason)
        if kind is EventKind.RETRY:
            return self.tr("Will retry {0} (row {1}) in {2}: {3}").format(
                e.email, e.row, duration(e.delay or 0), e.reason
            )
        if kind is EventKind.IN_DOUBT:
            return self.tr("In doubt: {0}").format(e.reason or "")
        if kind is EventKind.PAUSED:
            return self.tr("Paused. Messages already on their way finish.")
        if kind is EventKind.RESUMED:
            return self.tr("Resumed.")
        if kind in (EventKind.CAP_REACHED, EventKind.ERROR):
            return e.reason or ""
        return ""

    # ---- controls ---------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self.model is not None and self.model.paused

    def show_waiting(self, waiting: bool) -> None:
        """The run waits for the daily limit's window: it can be told not to go on."""
        self.stop_waiting_button.setVisible(waiting)

    def enable(self, *, sending: bool, has_file: bool, failed: int, anything: bool) -> None:
        self.pause_button.setEnabled(sending and not self.paused)
        self.resume_button.setEnabled(sending and self.paused)
        self.cancel_button.setEnabled(sending)
        self.resend_button.setEnabled(not sending and has_file and failed > 0)
        self.export_button.setEnabled(not sending and has_file and anything)

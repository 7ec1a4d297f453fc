"""How fast to send: connections side by side, messages a minute, messages a day.

Filled from the account's limits (a provider preset knows them) unless the campaign says
otherwise; every change goes to the campaign's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QSpinBox,
    QWidget,
)

from composer.accounts import Account
from composer.mailing import DEFAULT_CONNECTIONS, MAX_CONNECTIONS, Settings
from ui.document import Document


class PaceBox(QGroupBox):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pace (set from your mail provider's limits)"), parent)
        self.document = document
        self.connections = QSpinBox()
        self.connections.setRange(1, MAX_CONNECTIONS)
        self.connections.setValue(DEFAULT_CONNECTIONS)
        self.connections.setAccessibleName(self.tr("Connections at once"))
        self.rate = QSpinBox()
        self.rate.setRange(0, 10_000)
        self.rate.setSpecialValueText(self.tr("as fast as allowed"))
        self.rate.setSuffix(self.tr(" a minute"))
        self.rate.setAccessibleName(self.tr("Messages a minute at most"))
        self.daily_cap = QSpinBox()
        self.daily_cap.setRange(0, 1_000_000)
        self.daily_cap.setSpecialValueText(self.tr("no limit"))
        self.daily_cap.setSuffix(self.tr(" a day"))
        self.daily_cap.setAccessibleName(self.tr("Messages a day at most"))
        for box, name in (
            (self.connections, "connections"),
            (self.rate, "rate"),
            (self.daily_cap, "daily_cap"),
        ):
            box.valueChanged.connect(lambda v, n=name: self.document.set_setting(n, v or None))
            box.setMaximumWidth(220)
        self.later = QCheckBox(self.tr("Start later, at"))
        self.later.setAccessibleName(self.tr("Start sending later"))
        tomorrow_nine = QDateTime(QDateTime.currentDateTime().date().addDays(1), QTime(9, 0))
        self.start_at = QDateTimeEdit(tomorrow_nine)
        self.start_at.setCalendarPopup(True)
        self.start_at.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.start_at.setAccessibleName(self.tr("When sending starts (your time zone)"))
        self.start_at.setEnabled(False)
        self.later.toggled.connect(self.start_at.setEnabled)
        start = QHBoxLayout()
        start.addWidget(self.later)
        start.addWidget(self.start_at)
        start.addStretch(1)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Connections at once:"), self.connections)
        layout.addRow(self.tr("Messages a minute:"), self.rate)
        layout.addRow(self.tr("Messages a day:"), self.daily_cap)
        layout.addRow(self.tr("When:"), start)

    def starts_at(self) -> float | None:
        """When the person wants sending to start (Unix time), if later than now."""
        if not self.later.isChecked():
            return None
        return self.start_at.dateTime().toSecsSinceEpoch() * 1.0

    def show_pace(self, settings: Settings, account: Account | None) -> None:
        """The campaign's pace, else the account's limits."""
        most = (account.max_connections if account else None) or MAX_CONNECTIONS
        self.connections.setMaximum(most)
        values = (
            (self.connections, settings.connections or min(DEFAULT_CONNECTIONS, most)),
            (self.rate, settings.rate or (account.rate if account else None) or 0),
            (self.daily_cap, settings.daily_cap or (account.daily_cap if account else None) or 0),
        )
        for box, value in values:
            box.blockSignals(True)
            box.setValue(int(value))
            box.blockSignals(False)

    def lock(self, sending: bool) -> None:
        for box in (self.connections, self.rate, self.daily_cap, self.later):
            box.setEnabled(not sending)
        self.start_at.setEnabled(not sending and self.later.isChecked())

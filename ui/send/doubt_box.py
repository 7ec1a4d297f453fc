"""Messages that may already have gone: the person decides, one by one or all together.

They come from the engine's plan (customers ``IN_DOUBT``); "Look in Sent" has the engine look
them up in the account's Sent folder (found there: sent), "Send these again" queues them for
the next Send, "Mark as sent" records that they arrived. Nothing goes again by itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer.plan import Fate


class DoubtBox(QGroupBox):
    """``decided(keys, as_sent)``: the customers chosen (all when none is selected)."""

    decided = Signal(object, bool)
    lookRequested = Signal()  # look them up in the account's Sent folder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Messages that may already have gone"), parent)
        self.setAccessibleName(self.title())
        text = QLabel(
            self.tr(
                "The connection was lost just as these were handed over, so the mail server may "
                "have delivered them. \u201cLook in Sent\u201d finds the ones that went; then decide "
                "for the ones you select (or for all of them):"
            )
        )
        text.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Messages in doubt"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(110)
        self.again = QPushButton(self.tr("Send these again"))
        self.again.setAccessibleName(self.tr("Send the messages in doubt again"))
        self.again.clicked.connect(lambda: self._decide(as_sent=False))
        self.arrived = QPushButton(self.tr("Mark as sent"))
        self.arrived.setAccessibleName(self.tr("Mark the messages in doubt as sent"))
        self.arrived.clicked.connect(lambda: self._decide(as_sent=True))
        self.look = QPushButton(self.tr("&Look in Sent"))
        self.look.setAccessibleName(self.tr("Look for the messages in doubt in the Sent folder"))
        self.look.clicked.connect(self.lookRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.look)
        buttons.addWidget(self.again)
        buttons.addWidget(self.arrived)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.setVisible(False)

    def show_fates(self, fates: Sequence[Fate]) -> None:
        self.list.clear()
        for fate in fates:
            item = QListWidgetItem(
                self.tr("Row {0}: {1} \u2014 {2}").format(fate.row, fate.email, fate.reason)
            )
            item.setData(Qt.ItemDataRole.UserRole, fate.customer)
            self.list.addItem(item)
        self.setVisible(bool(fates))

    def _decide(self, as_sent: bool) -> None:
        chosen = self.list.selectedItems() or [self.list.item(i) for i in range(self.list.count())]
        keys = [item.data(Qt.ItemDataRole.UserRole) for item in chosen]
        if keys:
            self.decided.emit(keys, as_sent)

    def lock(self, sending: bool) -> None:
        self.look.setEnabled(not sending)
        self.again.setEnabled(not sending)
        self.arrived.setEnabled(not sending)

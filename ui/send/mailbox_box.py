"""What came back: the bounces and replies the owner's mailbox holds about this campaign.

"Check the mailbox" reads the account's inbox (and looks the messages in doubt up in Sent);
the list shows what the engine recorded (``composer.report.later_in_the_mailbox``), newest
first. A bounced address can be corrected here: the corrected address is a new customer, so
the next Send goes to it alone, after the usual typed count.
"""

from __future__ import annotations

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

from composer.journal import BOUNCED
from composer.report import Later


class MailboxBox(QGroupBox):
    """``checkRequested()``; ``correctRequested(customer, address)`` for a bounced one."""

    checkRequested = Signal()
    correctRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("5. What came back"), parent)
        self.setAccessibleName(self.tr("What came back"))
        text = QLabel(
            self.tr(
                "A message can still bounce after it was sent, and customers may answer. Check "
                "your mailbox to see both here (nothing in it is changed)."
            )
        )
        text.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check the &mailbox"))
        self.check_button.setAccessibleName(self.tr("Check the mailbox for bounces and replies"))
        self.check_button.clicked.connect(self.checkRequested)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("What the mailbox check found"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Bounces and replies"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMaximumHeight(140)
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_: self._update())
        self.correct_button = QPushButton(self.tr("Correct the address\u2026"))
        self.correct_button.setAccessibleName(self.tr("Correct the bounced address"))
        self.correct_button.clicked.connect(self._ask_correction)
        self.hint = QLabel(
            self.tr(
                "To write again to an address that bounced, select it and correct the address; "
                "the next Send goes to the corrected one."
            )
        )
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        self._locked = False
        self.show_later([])

    def show_later(self, later: list[Later]) -> None:
        self.list.clear()
        for item in later:
            entry = QListWidgetItem(item.line)
            entry.setData(Qt.ItemDataRole.UserRole, item)
            self.list.addItem(entry)
        self.list.setVisible(bool(later))
        self._update()

    def show_result(self, sentence: str) -> None:
        self.result.setText(sentence)
        self.result.setVisible(bool(sentence))

    def chosen(self) -> Later | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def lock(self, sending: bool) -> None:
        self._locked = sending
        self._update()

    def _update(self) -> None:
        chosen = self.chosen()
        bounced = any(self._item(i).kind == BOUNCED for i in range(self.list.count()))
        self.check_button.setEnabled(not self._locked)
        self.correct_button.setVisible(bounced)
        self.correct_button.setEnabled(
            not self._locked and chosen is not None and chosen.kind == BOUNCED
        )
        self.hint.setVisible(bounced)

    def _item(self, index: int) -> Later:
        return self.list.item(index).data(Qt.ItemDataRole.UserRole)

    def _ask_correction(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        chosen = self.chosen()
        if chosen is None or chosen.kind != BOUNCED:
            return
        address, ok = QInputDialog.getText(
            self,
            self.tr("Correct the address"),
            self.tr("{0} bounced. Type the corrected address; the next Send goes to it:").format(
                chosen.email
            ),
            text=chosen.email,
        )
        if ok and address.strip():
            self.correctRequested.emit(chosen.customer, address.strip())

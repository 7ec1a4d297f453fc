"""Step 3 of sending: what still stops it, and the exact number typed back.

Every number here is the engine's: the reasons sending is locked are the check's blockers,
the number to type is the plan's ``to_send`` (what the sender then sends), and a big jump in
the audience is worded by ``composer.audience``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer import audience
from composer.check import Blocker, Step
from composer.wording import count
from ui.widgets import number, set_warning, show_value, warning_label


class ConfirmBox(QGroupBox):
    """``sendRequested()`` when the typed number matches and Send is pressed."""

    sendRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("3. Send to everyone"), parent)
        self.blockers = warning_label()
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.jump = warning_label()
        self.typed = QLineEdit()
        self.typed.setAccessibleName(self.tr("Type the number of recipients to confirm"))
        self.typed.setMaximumWidth(160)
        self.typed.setPlaceholderText(self.tr("the number"))  # what goes in, even while locked
        self.typed.returnPressed.connect(self._send_if_ready)
        self.button = QPushButton(self.tr("&Send"))
        self.button.setAccessibleName(self.tr("Send"))
        self.button.clicked.connect(self.sendRequested)
        row = QHBoxLayout()
        row.addWidget(self.typed)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.blockers)
        layout.addWidget(self.explain)
        layout.addWidget(self.jump)
        layout.addLayout(row)
        self._last_seen: int | None = None
        self._count = 0

    def _send_if_ready(self) -> None:
        if self.button.isEnabled():
            self.sendRequested.emit()

    def typed_count(self) -> int | None:
        digits = "".join(c for c in self.typed.text() if not c.isspace() and c not in ",.'\u00a0")
        return int(digits) if digits.isdigit() else None

    def note_audience(self, count: int) -> None:
        """The person is looking at the audience now: call out a big jump since last time,
        and make them type again when the number changed."""
        previous = self._last_seen
        if previous is not None and count != previous:
            set_warning(self.jump, audience.jump_warning(previous, count))
            self.typed.clear()
        self._last_seen = count

    def forget_audience(self) -> None:
        """Another campaign: what was seen of the last one says nothing about this one."""
        self._last_seen = None
        set_warning(self.jump, "")

    def show_state(
        self,
        *,
        blockers: list[Blocker],
        to_send: int,
        sender: str,
        ready: bool,
        sending: bool,
        waiting_decision: bool = False,
        schedule: str = "",
    ) -> None:
        """``blockers``: the engine's reasons; ``to_send``: the plan's number; ``ready``:
        an account is chosen and nothing runs."""
        if to_send != self._count:
            self.typed.clear()
        self._count = to_send
        sentences = "\n".join(b.sentence for b in blockers)
        set_warning(self.blockers, sentences)
        typed = self.typed_count()
        if sending:
            text = self.tr("Sending now; the progress below shows how far it got.")
        elif blockers and all(b.step == Step.SEND for b in blockers):
            text = self.tr("Sending unlocks once that is done, here on this page.")
        elif blockers:
            text = self.tr(
                "Sending stays locked until the problem above is fixed; the step marked with a "
                "warning on the left shows where."
            )
        elif to_send:
            text = self.tr(
                "This sends {0}, one to each customer, from {1}. To confirm, type the number {2}:"
            ).format(count(to_send, "{n} message", "{n} messages"), sender, number(to_send))
            if schedule:  # the engine's plan over days, before the number is typed
                text = schedule + " " + text
            # only once as many digits are typed as the count has, so typing is not nagged
            if typed is not None and typed != to_send and len(str(typed)) >= len(str(to_send)):
                text += " " + self.tr(
                    "You typed {0}, but {1} would go out; type {2} to send them, or go back to "
                    "Customers if that number looks wrong."
                ).format(
                    number(typed), count(to_send, "{n} message", "{n} messages"), number(to_send)
                )
        elif waiting_decision:
            text = self.tr(
                "Nothing is waiting to be sent; the failed and in-doubt messages below need "
                "your decision."
            )
        else:
            text = self.tr("Nothing is left to send: every customer in the list has it.")
        show_value(self.explain, self.tr("Confirmation"), text)
        open_ = ready and not blockers and to_send > 0
        self.typed.setEnabled(open_)
        self.typed.setVisible(bool(to_send) or sending)  # nothing to confirm: no empty box
        self.button.setEnabled(open_ and typed == to_send)

    def clear(self) -> None:
        self.typed.clear()

"""File > New campaign from the mailbox: everyone who wrote in, answered one by one.

Why (the invoice story, the 50,000-contacts story): after the mistake, hundreds of people
wrote back, and each deserves their own answer in their own thread. The person chooses where
the messages are (a folder of the account's mailbox, or mail they exported: an .mbox file or a
folder of .eml files) and narrows by dates, subject words or sender; the engine
(``composer.correspondents``) makes the list, one row per person, and the campaign starts from
a reply they can edit. Everything after that is as for a spreadsheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from composer import accounts
from composer.accounts import Secret
from composer.correspondents import Correspondents, Narrowing
from composer.outbox import is_practice


@dataclass(frozen=True)
class Request:
    """Where to look and what counts: ``account`` and ``folder``, or ``files``."""

    narrowing: Narrowing
    account: str | None = None
    folder: str = "INBOX"
    files: Path | None = None


def gather(
    request: Request, account: accounts.Account | None, secret: Secret | None, own: set[str]
) -> Correspondents:
    """The people who wrote in (run in the worker)."""
    from composer import correspondents

    if request.files is not None:
        return correspondents.from_files(request.files, own, request.narrowing)
    from composer import imap

    assert account is not None and secret is not None  # the dialog asks for an account
    with imap.Mailbox(imap.settings_for(account), secret) as box:
        return correspondents.from_mailbox(box, request.folder, own, request.narrowing)


class WroteInDialog(QDialog):
    """``WroteInDialog(account_name)``; ``request()`` after it was accepted."""

    def __init__(self, account_name: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Answer everyone who wrote in"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            self.tr(
                "Each person who wrote to you becomes one customer, and gets their own answer "
                "in their own conversation. Your own messages and automatic ones (out of "
                "office, delivery reports) are left out."
            )
        )
        intro.setWordWrap(True)

        self.from_mailbox = QRadioButton(self.tr("A folder of my &mailbox"))
        self.from_mailbox.setAccessibleName(self.tr("Read a folder of my mailbox"))
        self.account = QComboBox()
        self.account.setAccessibleName(self.tr("Account whose mailbox is read"))
        for account in accounts.list_accounts():
            if not is_practice(account):
                self.account.addItem(f"{account.name} ({account.address})", account.name)
        if account_name is not None and (found := self.account.findData(account_name)) >= 0:
            self.account.setCurrentIndex(found)
        self.folder = QLineEdit("INBOX")
        self.folder.setAccessibleName(self.tr("Mailbox folder"))

        self.from_files = QRadioButton(self.tr("Mail I &exported (.mbox, or a folder of .eml)"))
        self.from_files.setAccessibleName(self.tr("Read exported mail"))
        self.files = QLineEdit()
        self.files.setAccessibleName(self.tr("Exported mail file or folder"))
        self.files.setPlaceholderText(self.tr("an .mbox file, or a folder of .eml files"))
        choose_file = QPushButton(self.tr("File\u2026"))
        choose_file.setAccessibleName(self.tr("Choose an .mbox or .eml file"))
        choose_file.clicked.connect(self._choose_file)
        choose_folder = QPushButton(self.tr("Folder\u2026"))
        choose_folder.setAccessibleName(self.tr("Choose a folder of .eml files"))
        choose_folder.clicked.connect(self._choose_folder)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addWidget(choose_file)
        files_row.addWidget(choose_folder)

        today = QDate.currentDate()
        self.use_since = QCheckBox(self.tr("Received from"))
        self.use_since.setAccessibleName(self.tr("Only messages received from a day on"))
        self.since = self._date_edit(today.addDays(-14), self.tr("First day"))
        self.use_until = QCheckBox(self.tr("until"))
        self.use_until.setAccessibleName(self.tr("Only messages received until a day"))
        self.until = self._date_edit(today, self.tr("Last day"))
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_until.toggled.connect(self.until.setEnabled)
        self.use_since.setChecked(True)
        self.use_until.setChecked(False)
        self.until.setEnabled(False)
        dates = QHBoxLayout()
        for part in (self.use_since, self.since, self.use_until, self.until):
            dates.addWidget(part)
        dates.addStretch(1)
        self.subject_words = QLineEdit()
        self.subject_words.setAccessibleName(self.tr("Subject holds these words"))
        self.subject_words.setPlaceholderText(self.tr("e.g. invoice"))
        self.sender_words = QLineEdit()
        self.sender_words.setAccessibleName(self.tr("Sender holds this text"))

        form = QFormLayout()
        form.addRow(self.from_mailbox)
        form.addRow(self.tr("Account:"), self.account)
        form.addRow(self.tr("Folder:"), self.folder)
        form.addRow(self.from_files)
        form.addRow(self.tr("Exported mail:"), files_row)
        form.addRow(self.tr("Dates:"), dates)
        form.addRow(self.tr("Subject holds:"), self.subject_words)
        form.addRow(self.tr("Sender holds:"), self.sender_words)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("What is missing"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Find the people"))
        self.ok.setAccessibleName(self.tr("Find the people who wrote in"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        for control in (self.from_mailbox, self.from_files):
            control.toggled.connect(self._update)
        if self.account.count():
            self.from_mailbox.setChecked(True)
        else:
            self.from_files.setChecked(True)
            self.from_mailbox.setEnabled(False)
            self.from_mailbox.setText(
                self.tr("A folder of my mailbox (add your account in the Send step first)")
            )
        self._update()

    def _date_edit(self, day: QDate, name: str) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def _update(self) -> None:
        mailbox = self.from_mailbox.isChecked()
        self.account.setEnabled(mailbox)
        self.folder.setEnabled(mailbox)
        self.files.setEnabled(not mailbox)
        self.problem.setText("")

    def _choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Exported mail"),
            str(Path.home()),
            self.tr("Mail (*.mbox *.mbx *.eml);;All files (*)"),
        )
        if chosen:
            self.files.setText(chosen)
            self.from_files.setChecked(True)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("A folder of .eml files"))
        if chosen:
            self.files.setText(chosen)
            self.from_files.setChecked(True)

    def _accept(self) -> None:
        if self.from_mailbox.isChecked() and not self.folder.text().strip():
            self.problem.setText(self.tr("Type the folder to read, for example INBOX."))
            return
        if self.from_files.isChecked() and not self.files.text().strip():
            self.problem.setText(self.tr("Choose the exported .mbox file or .eml folder."))
            return
        if self._dates_reversed():
            self.problem.setText(self.tr("The first day comes after the last; swap them."))
            return
        self.accept()

    def _dates_reversed(self) -> bool:
        return (
            self.use_since.isChecked()
            and self.use_until.isChecked()
            and self.since.date() > self.until.date()
        )

    def request(self) -> Request:
        narrowing = Narrowing(
            since=_day(self.since.date()) if self.use_since.isChecked() else None,
            until=_day(self.until.date()) if self.use_until.isChecked() else None,
            subject_contains=self.subject_words.text().strip(),
            sender_contains=self.sender_words.text().strip(),
        )
        if self.from_files.isChecked():
            return Request(narrowing, files=Path(self.files.text().strip()))
        return Request(
            narrowing, account=self.account.currentData(), folder=self.folder.text().strip()
        )


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())

"""Step 2, Message: who it is from, the subject and the apology, personal fields, a code.

Why: the apology has to feel personal ("Hi Amelia, your order 1001…") without ever saying
"Hi ,". Fields are one click or two keystrokes away, every field in use shows how many people
lack it and takes a fallback, and what still blocks sending is listed in plain sentences.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QSize, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer import codes, formats, language
from composer.check import Step
from composer.template import ALWAYS_KNOWN, CODE
from ui.document import Document
from ui.widgets import app_settings, heading, hint, scrolled
from ui.worker import Worker

_OPEN_FIELD = re.compile(r"\{\{\s*([A-Za-z0-9_]*)$")


def _read_codes(path: Path) -> tuple[str, ...]:
    """In the worker: the engine reads and checks the codes file."""
    return codes.load_codes_file(path)


class FieldTextEdit(QPlainTextEdit):
    """The apology body: typing ``{{`` offers the spreadsheet's fields to complete."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.completer = QCompleter(self)
        self.completer.setModel(QStringListModel(self))
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert_completion)

    def set_fields(self, fields: list[str]) -> None:
        model = self.completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(fields)

    def _typed_prefix(self) -> str | None:
        cursor = self.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        match = _OPEN_FIELD.search(block)
        return match.group(1) if match else None

    def insert_completion(self, field: str) -> None:
        prefix = self._typed_prefix() or ""
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix)
        )
        before = cursor.block().text()[: cursor.positionInBlock()]
        space = "" if before.endswith(" ") else " "
        after = self.toPlainText()[cursor.selectionEnd() : cursor.selectionEnd() + 3]
        closing = "" if after.lstrip().startswith("}}") else " }}"
        cursor.insertText(f"{space}{field}{closing}")
        self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer.popup()
        assert popup is not None  # a QCompleter always has its popup
        if popup.isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()  # the completer's popup handles these
            return
        super().keyPressEvent(event)
        prefix = self._typed_prefix()
        if prefix is None or not event.text():
            popup.hide()
            return
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.cursorRect()
        rect.setWidth(
            popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 16
        )
        self.completer.complete(rect)


def _fit_placeholder(edit: QLineEdit) -> None:
    """At least as wide as its placeholder, so the example it gives is never cut off."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    text = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    frame = edit.style().sizeFromContents(
        QStyle.ContentsType.CT_LineEdit, option, QSize(text + 4, 1), edit
    )
    edit.setMinimumWidth(frame.width())


class FallbackRow:
    """One personal field in use: how many people lack it, and the text used for them."""

    def __init__(self, page: MessagePage, field: str):
        self.field = field
        self.name = QLabel(f"{{{{ {field} }}}}")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count = QLabel()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(QCoreApplication.translate("MessagePage", "if empty, write…"))
        _fit_placeholder(self.edit)
        self.count.setWordWrap(True)  # beside the name: a long count takes a second line
        self.edit.setAccessibleName(
            QCoreApplication.translate("MessagePage", "Fallback for %s") % field
        )
        self.edit.setToolTip(
            QCoreApplication.translate(
                "MessagePage", "Written instead of %s for people whose cell is empty."
            )
            % field
        )
        self.edit.textChanged.connect(lambda text: page.document.set_fallback(field, text))

    def widgets(self) -> tuple[QWidget, ...]:
        return self.name, self.count, self.edit

    def remove(self) -> None:
        for widget in self.widgets():
            widget.setParent(None)
            widget.deleteLater()


class MessagePage(QWidget):
    """Write the apology: From, Subject, body, fields with fallbacks, and a discount code."""

    def __init__(self, document: Document, worker: Worker, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.worker = worker
        self.setAccessibleName(self.tr("Message"))
        self._updating = False
        self._fallback_rows: dict[str, FallbackRow] = {}
        self._last_editor: QWidget | None = None

        outer = QVBoxLayout(self)
        outer.addWidget(heading(self.tr("Message")))
        outer.addWidget(
            hint(
                self.tr(
                    "Write the apology once. Personal fields such as {{ first_name }} are filled "
                    "in for each customer, and each customer gets their own e-mail."
                )
            )
        )
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("messageSplitter")
        self.splitter.addWidget(self._build_editor())
        self.splitter.addWidget(self._build_side_panel())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 440])  # the side panel keeps at least what it needs
        outer.addWidget(self.splitter, 1)

        document.messageChanged.connect(self._document_changed)
        document.tableLoaded.connect(self._table_loaded)
        document.checkupReady.connect(self._checkup_ready)
        self._table_loaded()
        self._document_changed()
        # from the subject, Tab goes on writing: into the apology (the tools come after)
        QWidget.setTabOrder(self.subject, self.body)

    # ---- building ---------------------------------------------------------------------
    def _build_editor(self) -> QWidget:
        editor = QWidget()
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()

        from_row = QGridLayout()  # the name, then the mailbox with the button that chooses it
        self.sender_name = QLineEdit()
        self.sender_name.setPlaceholderText(self.tr("Your name or your shop's name"))
        self.sender_name.setAccessibleName(self.tr("Sender name"))
        self.sender_address = QLineEdit()
        self.sender_address.setReadOnly(True)  # the account's own mailbox: set in step 4
        self.sender_address.setPlaceholderText(self.tr("your mailbox, chosen in step 4"))
        self.sender_address.setAccessibleName(self.tr("Sender e-mail address"))
        self.sender_address.setToolTip(
            self.tr("The apology is sent from the mailbox of the account chosen in step 4.")
        )
        self.sender_name.textEdited.connect(self._sender_edited)
        for edit in (self.sender_name, self.sender_address):
            _fit_placeholder(edit)
        from_row.addWidget(self.sender_name, 0, 0, 1, 2)
        from_row.addWidget(self.sender_address, 1, 0)
        from_row.setColumnStretch(0, 1)
        self.account_button = QPushButton(self.tr("Mail account…"))
        self.account_button.setAccessibleName(self.tr("Choose the mail account"))
        self.account_button.setToolTip(self.tr("Choose or set up the mailbox that sends it"))
        self.account_button.clicked.connect(self.choose_account)
        from_row.addWidget(self.account_button, 1, 1)
        from_label = QLabel(self.tr("&From:"))
        from_label.setBuddy(self.sender_name)
        form.addRow(from_label, from_row)

        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setAccessibleName(self.tr("Subject"))
        self.subject.setPlaceholderText(self.tr("e.g. Sorry about the invoice, {{ first_name }}"))
        _fit_placeholder(self.subject)
        self.subject.textChanged.connect(self._subject_edited)
        self.subject.installEventFilter(self)
        subject_label = QLabel(self.tr("&Subject:"))
        subject_label.setBuddy(self.subject)
        form.addRow(subject_label, self.subject)
        for label, widget in self._build_letter_rows():
            form.addRow(label, widget)
        layout.addLayout(form)

        tools = QHBoxLayout()
        self.insert_button = QToolButton()
        self.insert_button.setText(self.tr("Insert field"))
        self.insert_button.setAccessibleName(self.tr("Insert a personal field"))
        self.insert_button.setToolTip(self.tr("Put a column of the spreadsheet into the text"))
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_menu = QMenu(self.insert_button)
        self.insert_button.setMenu(self.insert_menu)
        self.markdown_box = QCheckBox(self.tr("Also send a formatted version (Markdown)"))
        self.markdown_box.setAccessibleName(self.tr("Also send a formatted version"))
        self.markdown_box.setToolTip(
            self.tr("**bold**, *italic*, lists and links become formatting; plain text is kept.")
        )
        self.markdown_box.toggled.connect(self._markdown_toggled)
        self.unsubscribe_box = QCheckBox(self.tr("Add a line to unsubscribe"))
        self.unsubscribe_box.setAccessibleName(self.tr("Add a line to unsubscribe"))
        self.unsubscribe_box.setToolTip(
            self.tr(
                "Ends each message with a line inviting a reply with the word unsubscribe, and "
                "adds the List-Unsubscribe header mail programs show as a button. An apology "
                "needs neither; large senders to Gmail and Outlook.com are expected to have it."
            )
        )
        self.unsubscribe_box.toggled.connect(self._unsubscribe_toggled)
        tools.addWidget(self.insert_button)
        tools.addStretch(1)
        tools.addWidget(self.markdown_box)
        layout.addLayout(tools)

        self.body = FieldTextEdit()
        self.body.setObjectName("body")
        self.body.setAccessibleName(self.tr("Apology text"))
        self.body.setPlaceholderText(
            self.tr(
                "Hi {{ first_name }},\n\nI am so sorry about …\n\nType {{ to pick a personal field."
            )
        )
        self.body.setTabChangesFocus(True)
        self.body.textChanged.connect(self._body_edited)
        self.body.installEventFilter(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.unsubscribe_box)
        return editor

    def _build_letter_rows(self) -> list[tuple[QLabel, QComboBox]]:
        """The letter's language and currency, in which | date and | money write."""
        self.letter_language = QComboBox()
        self.letter_language.setAccessibleName(self.tr("Language of dates and amounts"))
        self.letter_language.setToolTip(
            self.tr(
                "How {{ order_date | date }} and {{ amount | money }} are written in every "
                "message, e.g. 9 March 2026 or 9. März 2026."
            )
        )
        self.letter_language.currentIndexChanged.connect(self._letter_edited)
        self.letter_currency = QComboBox()
        self.letter_currency.setAccessibleName(self.tr("Currency of amounts"))
        self.letter_currency.setToolTip(self.tr("The currency {{ amount | money }} writes."))
        self.letter_currency.currentIndexChanged.connect(self._letter_edited)
        label = QLabel(self.tr("&Dates and amounts:"))
        label.setBuddy(self.letter_language)
        currency_label = QLabel(self.tr("C&urrency:"))
        currency_label.setBuddy(self.letter_currency)
        return [(label, self.letter_language), (currency_label, self.letter_currency)]

    def _show_letter(self, locale: str, currency: str) -> None:
        """Fill the two lists so that they hold, and show, the campaign's own choice."""
        speaking = language.current()
        locales = list(dict.fromkeys((locale, *formats.COMMON_LOCALES)))
        named = sorted(((formats.locale_name(c, speaking), c) for c in locales), key=lambda x: x[0])
        currencies = list(dict.fromkeys((currency, *formats.COMMON_CURRENCIES)))
        for combo, items in (
            (self.letter_language, named),
            (
                self.letter_currency,
                [(formats.currency_label(c, speaking), c) for c in currencies],
            ),
        ):
            if [combo.itemData(i) for i in range(combo.count())] != [c for _n, c in items]:
                combo.clear()
                for text, code in items:
                    combo.addItem(text, code)
        for combo, code in ((self.letter_language, locale), (self.letter_currency, currency)):
            combo.setCurrentIndex(combo.findData(code))
            # as wide as the choice shown, not as the longest name in the list
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(len(combo.currentText()) + 1)

    def _letter_edited(self) -> None:
        if not self._updating:
            self.document.set_template(
                language=self.letter_language.currentData(),
                currency=self.letter_currency.currentData(),
            )

    def _build_side_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)

        fields_box = QGroupBox(self.tr("Personal fields in the message"))
        fields_layout = QVBoxLayout(fields_box)
        self.fields_hint = hint()
        fields_layout.addWidget(self.fields_hint)
        self.fields_grid = QGridLayout()
        self.fields_grid.setColumnStretch(1, 1)
        self.fields_grid.setVerticalSpacing(2)
        fields_layout.addLayout(self.fields_grid)
        layout.addWidget(fields_box)

        code_box = QGroupBox(self.tr("Discount code"))
        code_layout = QGridLayout(code_box)
        self.code_group = QButtonGroup(self)
        self.code_none = QRadioButton(self.tr("No code"))
        self.code_shared = QRadioButton(self.tr("One code for everyone:"))
        self.code_column = QRadioButton(self.tr("A different code for each, from the column:"))
        self.code_file = QRadioButton(self.tr("A different code for each, from a file:"))
        for i, (button, kind) in enumerate(
            (
                (self.code_none, codes.NONE),
                (self.code_shared, codes.SHARED),
                (self.code_column, codes.COLUMN),
                (self.code_file, codes.FILE),
            )
        ):
            button.setProperty("codeKind", kind)
            button.setAccessibleName(button.text().rstrip(":"))
            self.code_group.addButton(button, i)
        self.shared_code = QLineEdit()
        self.shared_code.setPlaceholderText(self.tr("e.g. SORRY11"))
        self.shared_code.setAccessibleName(self.tr("The code for everyone"))
        self.code_column_combo = QComboBox()
        self.code_column_combo.setAccessibleName(self.tr("Column with the codes"))
        self.code_file_button = QPushButton(self.tr("Choose file…"))
        self.code_file_button.setAccessibleName(self.tr("Choose the file of codes"))
        self.code_file_label = QLabel()
        self.code_file_label.setWordWrap(True)
        # each choice on a line of its own, what it needs under it (indented like its text):
        # the long choices and their boxes never share a line of the narrow side panel
        style = self.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + (
            style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        )
        code_layout.setColumnMinimumWidth(0, indent)
        code_layout.setColumnStretch(1, 1)
        code_layout.setHorizontalSpacing(0)
        code_layout.addWidget(self.code_none, 0, 0, 1, 2)
        shared_row = QHBoxLayout()
        shared_row.addWidget(self.code_shared)
        shared_row.addWidget(self.shared_code, 1)
        code_layout.addLayout(shared_row, 1, 0, 1, 2)
        code_layout.addWidget(self.code_column, 2, 0, 1, 2)
        code_layout.addWidget(self.code_column_combo, 3, 1)
        code_layout.addWidget(self.code_file, 4, 0, 1, 2)
        file_row = QHBoxLayout()
        file_row.addWidget(self.code_file_button)
        file_row.addWidget(self.code_file_label, 1)
        code_layout.addLayout(file_row, 5, 1)
        self.codes_left = hint()
        self.codes_left.setObjectName("codesLeft")
        code_layout.addWidget(self.codes_left, 6, 0, 1, 2)
        self.code_group.idToggled.connect(self._code_kind_toggled)
        self.shared_code.textEdited.connect(lambda _t: self._code_edited())
        self.code_column_combo.activated.connect(lambda _i: self._code_edited())
        self.code_file_button.clicked.connect(lambda: self.choose_codes_file())
        layout.addWidget(code_box)

        block_box = QGroupBox(self.tr("Before you can send"))
        block_layout = QVBoxLayout(block_box)
        self.blocking_list = QListWidget()
        self.blocking_list.setObjectName("blockingList")
        self.blocking_list.setAccessibleName(self.tr("What still blocks sending"))
        self.blocking_list.setWordWrap(True)
        self.blocking_list.setFrameShape(QFrame.Shape.NoFrame)
        # room for a few sentences before the list itself scrolls
        self.blocking_list.setMinimumHeight(5 * self.blocking_list.fontMetrics().lineSpacing())
        block_layout.addWidget(self.blocking_list)
        layout.addWidget(block_box, 1)

        return scrolled(panel)

    @property
    def fallback_rows(self) -> dict[str, FallbackRow]:
        """Field -> its row of the "Personal fields" box, for the fields in use."""
        return dict(self._fallback_rows)

    # ---- fields -----------------------------------------------------------------------
    def available_fields(self) -> list[str]:
        table = self.document.table
        fields = list(table.fields) if table is not None else []
        return fields + [f for f in ALWAYS_KNOWN if f not in fields]

    def _table_loaded(self) -> None:
        fields = self.available_fields()
        self.body.set_fields(fields)
        self.insert_menu.clear()
        table = self.document.table
        headers = {c.field: c.header for c in table.columns} if table is not None else {}
        for field in fields:
            if field == CODE:
                label = self.tr("Discount code")
            else:
                label = headers.get(field, field.replace("_", " ").capitalize())
            action = self.insert_menu.addAction(f"{label}    {{{{ {field} }}}}")
            action.triggered.connect(lambda _=False, f=field: self.insert_field(f))
        self._updating = True
        try:
            current = self.code_column_combo.currentData()
            self.code_column_combo.clear()
            for field in table.fields if table is not None else []:
                self.code_column_combo.addItem(headers.get(field, field), field)
            self.code_column_combo.setCurrentIndex(max(0, self.code_column_combo.findData(current)))
        finally:
            self._updating = False

    def insert_field(self, field: str) -> None:
        """Insert ``{{ field }}`` where the person was typing (the body unless the subject)."""
        text = f"{{{{ {field} }}}}"
        if self._last_editor is self.subject:
            self.subject.insert(text)
            self.subject.setFocus()
        else:
            self.body.insertPlainText(text)
            self.body.setFocus()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == event.Type.FocusIn and watched in (self.subject, self.body):
            self._last_editor = watched
        return super().eventFilter(watched, event)

    # ---- edits ------------------------------------------------------------------------
    def _sender_edited(self) -> None:
        self.document.set_sender_name(self.sender_name.text().strip())

    def choose_account(self) -> None:
        from ui.account_dialog import AccountDialog

        current = None
        if self.document.account:
            from composer import accounts
            from composer.errors import ComposerError

            try:
                current = accounts.get(self.document.account)
            except ComposerError:
                current = None  # a deleted or practice account: start a new one
        dialog = AccountDialog(self.worker, current, self)
        if dialog.exec() and dialog.account is not None:
            self.document.use_account(dialog.account)

    def _subject_edited(self, text: str) -> None:
        if not self._updating:
            self.document.set_template(subject=text)

    def _body_edited(self) -> None:
        if not self._updating:
            self.document.set_template(body=self.body.toPlainText())

    def _markdown_toggled(self, on: bool) -> None:
        if not self._updating:
            self.document.set_template(markdown=on)

    def _unsubscribe_toggled(self, on: bool) -> None:
        if not self._updating:
            self.document.set_template(unsubscribe=on)

    def _code_kind_toggled(self, _id: int, checked: bool) -> None:
        if checked and not self._updating:
            self._code_edited()

    def _code_edited(self) -> None:
        if self._updating:
            return
        button = self.code_group.checkedButton()
        kind = button.property("codeKind") if button is not None else codes.NONE
        doc = self.document
        if kind == codes.SHARED:
            plan = codes.CodePlan(kind=codes.SHARED, shared=self.shared_code.text().strip())
        elif kind == codes.COLUMN:
            plan = codes.CodePlan(kind=codes.COLUMN, column=self.code_column_combo.currentData())
        elif kind == codes.FILE:
            pool = doc.code_plan.pool if doc.code_plan.kind == codes.FILE else ()
            plan = codes.CodePlan(kind=codes.FILE, pool=pool)
            if not pool:
                QTimer.singleShot(0, self.choose_codes_file)
        else:
            plan = codes.CodePlan()
        doc.set_code_plan(plan)
        self._update_code_widgets()

    def choose_codes_file(self, path: str | Path | None = None) -> None:
        if path is None:
            folder = str(app_settings().value("lastFolder", ""))
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Choose the file of discount codes (one per line)"),
                folder,
                self.tr("Text files (*.txt *.csv);;All files (*)"),
            )
            if not path:
                return
        path = Path(path)
        job = self.worker.submit(_read_codes, path, key="codes")

        def read(pool: tuple[str, ...]) -> None:
            self.document.set_code_plan(codes.CodePlan(kind=codes.FILE, pool=pool), path)
            self._document_changed()

        job.then(read, self.document.problem.emit)

    # ---- reacting to the document -----------------------------------------------------
    def _document_changed(self) -> None:
        doc = self.document
        self._updating = True
        try:
            template = doc.template
            if self.subject.text() != template.subject:
                self.subject.setText(template.subject)
                self.subject.setCursorPosition(0)  # a long subject opened shows its beginning
            if self.body.toPlainText() != template.body:
                self.body.setPlainText(template.body)
            self.markdown_box.setChecked(template.markdown)
            self.unsubscribe_box.setChecked(template.unsubscribe)
            self._show_letter(*formats.letter_of(template.language, template.currency))
            identity = doc.identity
            name, address = identity.name, identity.address
            if not self.sender_name.hasFocus() and self.sender_name.text().strip() != name:
                self.sender_name.setText(name)
            if not self.sender_address.hasFocus() and (
                self.sender_address.text().strip() != address
            ):
                self.sender_address.setText(address)
            plan = doc.code_plan
            buttons = {
                codes.NONE: self.code_none,
                codes.SHARED: self.code_shared,
                codes.COLUMN: self.code_column,
                codes.FILE: self.code_file,
            }
            buttons.get(plan.kind, self.code_none).setChecked(True)
            if plan.kind == codes.SHARED and self.shared_code.text().strip() != (plan.shared or ""):
                self.shared_code.setText(plan.shared or "")
            if plan.kind == codes.COLUMN:
                self.code_column_combo.setCurrentIndex(
                    max(0, self.code_column_combo.findData(plan.column))
                )
            for field, row in self._fallback_rows.items():
                wanted = template.fallbacks.get(field, "")
                if row.edit.text() != wanted and not row.edit.hasFocus():
                    row.edit.setText(wanted)
        finally:
            self._updating = False
        self._update_code_widgets()

    def _update_code_widgets(self) -> None:
        doc = self.document
        plan = doc.code_plan
        self.shared_code.setEnabled(plan.kind == codes.SHARED)
        self.code_column_combo.setEnabled(plan.kind == codes.COLUMN)
        self.code_file_button.setEnabled(plan.kind == codes.FILE)
        if plan.kind == codes.FILE and plan.pool:
            name = doc.codes_path.name if doc.codes_path else self.tr("saved codes")
            self.code_file_label.setText(self.tr("%s (%Ln codes)", "", len(plan.pool)) % name)
        else:
            self.code_file_label.setText("")
        checkup = doc.checkup
        people = doc.audience_count()
        if plan.kind == codes.NONE:
            text = self.tr("Write {{ code }} in the message to give one.")
        elif plan.kind == codes.SHARED:
            text = (
                self.tr("Everyone gets %s.") % plan.shared
                if plan.shared
                else self.tr("Type the code everyone gets.")
            )
        elif plan.kind == codes.COLUMN:
            text = self.tr("Each person gets the code in their own row.")
        elif checkup is None:
            text = ""
        else:
            left = checkup.codes_left or 0
            # each count with its own noun, so each agrees with its number: "1 person"
            text = self.tr("%Ln codes for {0}: {1}.", "", len(plan.pool)).format(
                self.tr("%Ln people", "codes for N people", people),
                self.tr("%Ln codes left over", "", left),
            )
        self.codes_left.setText(text)

    def _checkup_ready(self, checkup: Any) -> None:
        doc = self.document
        used = [f for f in (checkup.fields_used if checkup is not None else ()) if f != CODE]
        for field in [f for f in self._fallback_rows if f not in used]:
            self._fallback_rows.pop(field).remove()
        blanks = checkup.blank if checkup is not None else {}
        for position, field in enumerate(used):
            row = self._fallback_rows.get(field)
            if row is None:
                row = FallbackRow(self, field)
                row.edit.setText(doc.template.fallbacks.get(field, ""))
                self._fallback_rows[field] = row
            # {{ field }} and how many lack it on one line, the fallback box under both: narrow
            # enough for the side panel of a small window, even with a long field name
            self.fields_grid.addWidget(row.name, 2 * position, 0)
            self.fields_grid.addWidget(row.count, 2 * position, 1)
            self.fields_grid.addWidget(row.edit, 2 * position + 1, 0, 1, 2)
            blank = blanks.get(field, 0)
            needs_fallback = checkup is not None and field in checkup.missing
            if needs_fallback:
                text = self.tr("%Ln empty: give a fallback", "", blank)
            elif blank:
                text = self.tr("%Ln empty", "", blank)
            else:
                text = self.tr("all filled")
            row.count.setText(text)
            font = row.count.font()
            font.setBold(needs_fallback)
            row.count.setFont(font)
            row.count.setToolTip(
                self.tr("%Ln of the people getting it have no %s.", "", blank) % field
            )
            row.count.setEnabled(bool(blank))
        # Tab follows the screen: from the text to its fallbacks, then to the discount code
        chain = [self.body, *(self._fallback_rows[f].edit for f in used), self.code_none]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        if used:
            self.fields_hint.setText(
                self.tr("Where a cell is empty, the fallback text is written instead.")
            )
        elif doc.blockers(Step.MESSAGE):
            # the engine lists no fields while the message itself has a problem
            self.fields_hint.setText(
                self.tr(
                    "The personal fields show here once the problem under “Before you can send” is fixed."
                )
            )
        else:
            self.fields_hint.setText(
                self.tr("No personal fields yet. Type {{ or use “Insert field”.")
            )
        self.blocking_list.clear()
        here = doc.blockers(Step.MESSAGE)
        if here:
            self.blocking_list.addItems([b.sentence for b in here])
        elif checkup is not None and checkup.first_step_to_fix() == Step.CUSTOMERS:
            self.blocking_list.addItem(
                self.tr("The message is ready; step 1, Customers, shows what is left to fix there.")
            )
        elif checkup is not None and checkup.blockers:
            self.blocking_list.addItem(
                self.tr("The message is ready; step 4, Send, shows what is left to do there.")
            )
        elif checkup is not None:
            self.blocking_list.addItem(self.tr("Nothing: the message is ready."))
        self._update_code_widgets()

    # ---- window integration -----------------------------------------------------------
    def activated(self) -> None:
        if not self.subject.text():
            self.subject.setFocus()

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("messageSplitter", self.splitter.saveState())

    def restore_settings(self, settings: QSettings) -> None:
        state = settings.value("messageSplitter")
        if state is not None:
            QTimer.singleShot(0, lambda: self.splitter.restoreState(state))

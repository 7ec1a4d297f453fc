"""Step 1, Customers: open the list, check the columns, see who is left out and who gets it.

Why: the stories' worst mistakes happen here (a wrong segment sent to 50,000 people), so the
count of people who will get the apology is always in view, big jumps are called out, and
every row left out is listed with its spreadsheet row number and one click away.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer import audience
from composer import recipients as rc
from composer.check import Step
from composer.plan import Next
from ui.document import Document
from ui.table_model import CustomerTableModel
from ui.widgets import (
    SPREADSHEET_SUFFIXES,
    FlowLayout,
    app_settings,
    heading,
    hint,
    number,
    scrolled,
    set_warning,
    spaced_rows,
    warning_label,
)
from ui.worker import Worker

MAX_LISTED = 500  # per kind; the rest is summarised, so 100k bad rows cannot stall the window
NO_VALUE_OPERATORS = (audience.IS_BLANK, audience.NOT_BLANK)


class ConditionRow(QWidget):
    """One filter condition: column, operator, value, and a remove button."""

    changed = Signal()
    removeRequested = Signal(object)

    def __init__(self, fields: list[tuple[str, str]], condition: audience.Condition | None = None):
        super().__init__()
        # column, comparison and ✕ on one line, the value under them: the side panel is
        # too narrow for all four side by side
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        self.field = QComboBox()
        self.field.setAccessibleName(self.tr("Column to filter on"))
        for header, name in fields:
            self.field.addItem(header, name)
        self.op = QComboBox()
        self.op.setAccessibleName(self.tr("How to compare"))
        for op, words in (
            (audience.EQUALS, self.tr("is")),
            (audience.NOT_EQUALS, self.tr("is not")),
            (audience.CONTAINS, self.tr("contains")),
            (audience.NOT_CONTAINS, self.tr("does not contain")),
            (audience.GREATER, self.tr("is more than")),
            (audience.LESS, self.tr("is less than")),
            (audience.ONE_OF, self.tr("is one of (a, b, c)")),
            (audience.IS_BLANK, self.tr("is empty")),
            (audience.NOT_BLANK, self.tr("is not empty")),
        ):
            self.op.addItem(words, op)
        self.value = QLineEdit()
        self.value.setAccessibleName(self.tr("Value to compare with"))
        self.value.setPlaceholderText(self.tr("value"))
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(self.tr("Remove this condition"))
        self.remove.setAccessibleName(self.tr("Remove this condition"))
        layout.addWidget(self.field, 0, 0)
        layout.addWidget(self.op, 0, 1)
        layout.addWidget(self.remove, 0, 2)
        layout.addWidget(self.value, 1, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        if condition is not None:
            self.field.setCurrentIndex(max(0, self.field.findData(condition.field)))
            self.op.setCurrentIndex(max(0, self.op.findData(condition.op)))
            self.value.setText(condition.value)
        self._update_value_visibility()
        self.field.currentIndexChanged.connect(self.changed)
        self.op.currentIndexChanged.connect(self._op_changed)
        self.value.textChanged.connect(self.changed)
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))

    def _op_changed(self) -> None:
        self._update_value_visibility()
        self.changed.emit()

    def _update_value_visibility(self) -> None:
        self.value.setVisible(self.op.currentData() not in NO_VALUE_OPERATORS)

    def condition(self) -> audience.Condition:
        op = self.op.currentData()
        value = "" if op in NO_VALUE_OPERATORS else self.value.text()
        return audience.Condition(self.field.currentData(), op, value)


class CustomersPage(QWidget):
    """Open the spreadsheet, map its columns, filter the audience, review rows left out."""

    def __init__(self, document: Document, worker: Worker, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.worker = worker
        self.setAccessibleName(self.tr("Customers"))
        self._previous_count: int | None = None
        self._updating = False
        self._condition_rows: list[ConditionRow] = []

        outer = QVBoxLayout(self)
        outer.addWidget(heading(self.tr("Customers")))
        outer.addWidget(
            hint(
                self.tr(
                    "Open the spreadsheet that lists the customers who should get the apology. "
                    "Each row becomes one personal e-mail to one person."
                )
            )
        )
        top = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open spreadsheet…"))
        self.open_button.setAccessibleName(self.tr("Open spreadsheet"))
        self.open_button.clicked.connect(lambda: self.choose_spreadsheet())
        self.file_label = QLabel()
        self.file_label.setAccessibleName(self.tr("Spreadsheet file"))
        self.file_label.setWordWrap(True)  # a long file name takes two lines, not the window
        self.sheet_label = QLabel(self.tr("Sheet:"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName(self.tr("Sheet"))
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        top.addWidget(self.open_button)
        top.addWidget(self.file_label, 1)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        outer.addLayout(top)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty_state())
        self.stack.addWidget(self._build_content())
        outer.addWidget(self.stack, 1)

        document.tableLoaded.connect(self._table_loaded)
        document.working.connect(self._working)
        document.busyChanged.connect(self._busy_changed)
        document.checkupReady.connect(self._checkup_ready)
        document.audienceChanged.connect(self._document_changed)
        self._table_loaded()
        self._update_filter_hint()
        self._document_changed()

    # ---- building ---------------------------------------------------------------------
    def _build_empty_state(self) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        self.empty_label = QLabel(
            self.tr(
                "Drop your customer spreadsheet here,\nor click “Open spreadsheet…” above.\n\n"
                "Excel, LibreOffice and CSV files all work. "
                "The first row should name the columns (Email, First name, …)."
            )
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        font = QFont(self.empty_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)
        layout.addWidget(self.empty_label)
        layout.addStretch(1)
        return box

    def _build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)

        columns_box = QGroupBox(self.tr("Which columns hold what"))
        # each "Label: [column]" at its full size, on as many lines as the window needs
        pairs = FlowLayout(columns_box)
        self.column_combos: dict[str, QComboBox] = {}
        parts = (
            ("email", self.tr("E-mail address")),
            ("first_name", self.tr("First name")),
            ("last_name", self.tr("Last name")),
            ("full_name", self.tr("Full name")),
            ("unsubscribed", self.tr("Do not contact")),
        )
        for part, label_text in parts:
            label = QLabel(label_text + ":")
            combo = QComboBox()
            combo.setAccessibleName(label_text + " " + self.tr("column"))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            label.setBuddy(combo)
            combo.activated.connect(lambda _i, p=part: self._column_chosen(p))
            self.column_combos[part] = combo
            pair = QWidget()
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            pair_layout.addWidget(label)
            pair_layout.addWidget(combo)
            pairs.addWidget(pair)
        layout.addWidget(columns_box)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("customersSplitter")
        self.model = CustomerTableModel(self)
        self.table_view = QTableView()
        self.table_view.setObjectName("customerTable")
        self.table_view.setAccessibleName(self.tr("Customer rows"))
        self.table_view.setModel(self.model)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Tab leaves the table (arrows move in it); otherwise keyboard users are trapped in it
        self.table_view.setTabKeyNavigation(False)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setWordWrap(False)
        vertical = self.table_view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table_view.horizontalHeader().setStretchLastSection(True)
        # columns fit the rows in view: measuring the default 1,000 rows asks the model for
        # thousands of cells on the GUI thread (0.2 s at a million customers)
        self.table_view.horizontalHeader().setResizeContentsPrecision(0)
        corner = self.table_view.findChild(QAbstractButton)
        if corner is not None:
            corner.setAccessibleName(self.tr("Select all rows"))
        self.splitter.addWidget(self.table_view)
        self.splitter.addWidget(self._build_side_panel())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 420])
        layout.addWidget(self.splitter, 1)
        return content

    def _build_side_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)

        who = QGroupBox(self.tr("Who gets the apology"))
        who_layout = QVBoxLayout(who)
        self.count_label = QLabel()
        self.count_label.setObjectName("audienceCount")
        self.count_label.setWordWrap(True)
        font = QFont(self.count_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.count_label.setFont(font)
        who_layout.addWidget(self.count_label)
        self.jump_label = warning_label()
        self.jump_label.setObjectName("jumpWarning")
        who_layout.addWidget(self.jump_label)
        match_row = QHBoxLayout()
        self.match_label = QLabel(self.tr("Only people who match"))
        self.match_combo = QComboBox()
        self.match_combo.addItem(self.tr("all of these"), "all")
        self.match_combo.addItem(self.tr("any of these"), "any")
        self.match_combo.setAccessibleName(self.tr("Match all or any conditions"))
        self.match_label.setBuddy(self.match_combo)
        self.match_combo.activated.connect(lambda _i: self._filter_edited())
        match_row.addWidget(self.match_label)
        match_row.addWidget(self.match_combo)
        match_row.addStretch(1)
        who_layout.addLayout(match_row)
        self.conditions_layout = QVBoxLayout()
        self.conditions_layout.setSpacing(10)  # one condition apart from the next
        who_layout.addLayout(self.conditions_layout)
        self.add_condition_button = QPushButton(self.tr("Add a condition…"))
        self.add_condition_button.setAccessibleName(self.tr("Add a filter condition"))
        self.add_condition_button.setToolTip(
            self.tr("Send only to some rows, e.g. Country is France")
        )
        self.add_condition_button.clicked.connect(lambda: self.add_condition())
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_condition_button)
        add_row.addStretch(1)
        who_layout.addLayout(add_row)
        self.filter_hint = hint(self.tr("Everyone with a usable address gets it."))
        who_layout.addWidget(self.filter_hint)
        layout.addWidget(who)

        left_out = QGroupBox(self.tr("Left out"))
        self.left_out_box = left_out
        left_layout = QVBoxLayout(left_out)
        self.blocking_label = warning_label()
        self.blocking_label.setObjectName("customersBlocking")
        left_layout.addWidget(self.blocking_label)
        self.notes_label = warning_label()
        self.notes_label.setObjectName("customersNotes")
        left_layout.addWidget(self.notes_label)
        self.problems_hint = hint(
            self.tr("These rows will not get the apology. Click one to see it in the table.")
        )
        left_layout.addWidget(self.problems_hint)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problemList")
        self.problem_list.setAccessibleName(self.tr("Rows left out"))
        self.problem_list.setWordWrap(True)
        self.problem_list.setResizeMode(QListView.ResizeMode.Adjust)
        spaced_rows(self.problem_list, 4)
        self.problem_list.itemActivated.connect(self._problem_clicked)
        self.problem_list.itemClicked.connect(self._problem_clicked)
        left_layout.addWidget(self.problem_list, 1)

        suppress_row = QHBoxLayout()
        self.suppress_button = QPushButton(self.tr("Do-not-contact list…"))
        self.suppress_button.setAccessibleName(self.tr("Choose a do-not-contact list"))
        self.suppress_button.setToolTip(
            self.tr("A file of addresses that must never get this e-mail (unsubscribed people).")
        )
        self.suppress_button.clicked.connect(lambda: self.choose_suppression())
        self.suppress_label = QLabel()
        self.suppress_label.setWordWrap(True)
        self.suppress_clear = QToolButton()
        self.suppress_clear.setText("✕")
        self.suppress_clear.setToolTip(self.tr("Stop using this list"))
        self.suppress_clear.setAccessibleName(self.tr("Stop using the do-not-contact list"))
        self.suppress_clear.clicked.connect(lambda: self.document.set_suppression_file(None))
        suppress_row.addWidget(self.suppress_button)
        suppress_row.addWidget(self.suppress_label, 1)
        suppress_row.addWidget(self.suppress_clear)
        left_layout.addLayout(suppress_row)
        layout.addWidget(left_out, 1)

        return scrolled(panel)

    @property
    def condition_rows(self) -> list[ConditionRow]:
        """The filter's conditions as shown, in order."""
        return list(self._condition_rows)

    # ---- actions ----------------------------------------------------------------------
    def choose_spreadsheet(self) -> None:
        window = self.window()
        opener = getattr(window, "open_spreadsheet", None)
        if callable(opener):
            opener()
            return
        patterns = " ".join(f"*{s}" for s in SPREADSHEET_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open the list of customers"), "", self.tr("Spreadsheets (%s)") % patterns
        )
        if path:
            self.document.load_spreadsheet(path)

    def choose_suppression(self, path: str | Path | None = None) -> None:
        if path is None:
            folder = str(app_settings().value("lastFolder", ""))
            patterns = " ".join(f"*{s}" for s in SPREADSHEET_SUFFIXES)
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Choose the list of people who must not be contacted"),
                folder,
                self.tr("Address lists (%s)") % patterns,
            )
            if not path:
                return
        self.document.set_suppression_file(path)

    def _sheet_chosen(self, index: int) -> None:
        sheet = self.sheet_combo.itemText(index)
        doc = self.document
        if doc.source is not None and sheet and sheet != doc.sheet:
            doc.load_spreadsheet(doc.source, sheet)

    def _column_chosen(self, part: str) -> None:
        if self._updating:
            return
        self.document.set_columns(**{part: self.column_combos[part].currentData()})

    def add_condition(self, condition: audience.Condition | None = None) -> ConditionRow:
        row = ConditionRow(self._fields(), condition)
        row.changed.connect(self._filter_edited)
        row.removeRequested.connect(self._remove_condition)
        self._condition_rows.append(row)
        self.conditions_layout.addWidget(row)
        if condition is None:
            row.value.setFocus()
            self._filter_edited()
        self._update_filter_hint()
        return row

    def _remove_condition(self, row: ConditionRow) -> None:
        self._condition_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._filter_edited()
        self.add_condition_button.setFocus()

    def _filter_edited(self) -> None:
        if self._updating:
            return
        self._update_filter_hint()
        self.document.set_filter(
            audience.Filter(
                conditions=tuple(r.condition() for r in self._condition_rows),
                match_all=self.match_combo.currentData() != "any",
            )
        )

    def _update_filter_hint(self) -> None:
        several = len(self._condition_rows) > 1
        self.match_label.setVisible(several)
        self.match_combo.setVisible(several)
        self.filter_hint.setVisible(not self._condition_rows)

    def _problem_clicked(self, item: QListWidgetItem) -> None:
        number_ = item.data(Qt.ItemDataRole.UserRole)
        if number_ is not None:
            self.show_row(int(number_))

    def show_row(self, row_number: int) -> bool:
        """Select and scroll to a spreadsheet row; False if that row is not in the table."""
        index = self.model.index_of_row_number(row_number)
        if index is None:
            return False
        model_index = self.model.index(index, 0)
        self.table_view.selectionModel().setCurrentIndex(
            model_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table_view.scrollTo(model_index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    # ---- reacting to the document -----------------------------------------------------
    def _fields(self) -> list[tuple[str, str]]:
        table = self.document.table
        return [(c.header, c.field) for c in table.columns] if table is not None else []

    def _working(self, sentence: str, done: int, total: int) -> None:
        """While the first list is being opened, say so where "no spreadsheet" stood."""
        if self.document.table is None:
            self.file_label.setText(sentence)

    def _busy_changed(self, busy: bool) -> None:
        if not busy and self.document.table is None:  # the list could not be opened
            self.file_label.setText(self.tr("No spreadsheet open yet."))

    def _table_loaded(self) -> None:
        doc = self.document
        table = doc.table
        self.model.set_table(table)
        self._previous_count = None
        set_warning(self.jump_label, "")
        if table is None:
            self.stack.setCurrentIndex(0)
            self.file_label.setText(self.tr("No spreadsheet open yet."))
            self.sheet_label.setVisible(False)
            self.sheet_combo.setVisible(False)
            self.problem_list.clear()
            self._rebuild_conditions()
            return
        self.stack.setCurrentIndex(1)
        source = doc.source or table.source
        name = Path(source).name if source else self.tr("(saved in the campaign)")
        self.file_label.setText(
            self.tr("%s — %Ln rows", "", len(table)) % name
            if source
            else self.tr("Customers saved in the campaign — %Ln rows", "", len(table))
        )
        self._updating = True
        try:
            self.sheet_combo.clear()
            self.sheet_combo.addItems(list(table.sheets))
            if table.sheet:
                self.sheet_combo.setCurrentText(table.sheet)
            several = len(table.sheets) > 1 and doc.source is not None
            self.sheet_label.setVisible(several)
            self.sheet_combo.setVisible(several)
            for combo in self.column_combos.values():
                combo.clear()
                combo.addItem(self.tr("(none)"), None)
                for header, field in self._fields():
                    combo.addItem(header, field)
        finally:
            self._updating = False
        self._show_columns()
        self._rebuild_conditions()
        self.table_view.resizeColumnsToContents()

    def _show_columns(self) -> None:
        columns = self.document.columns
        self._updating = True
        try:
            for part, combo in self.column_combos.items():
                value = getattr(columns, part, None) if columns is not None else None
                combo.setCurrentIndex(max(0, combo.findData(value)))
        finally:
            self._updating = False

    def _rebuild_conditions(self) -> None:
        """Show the document's filter (after opening a campaign or a new spreadsheet)."""
        wanted = self.document.filter
        current = tuple(r.condition() for r in self._condition_rows)
        if current == wanted.conditions:
            return
        self._updating = True
        try:
            for row in self._condition_rows:
                row.setParent(None)
                row.deleteLater()
            self._condition_rows = []
            self.match_combo.setCurrentIndex(0 if wanted.match_all else 1)
            for condition in wanted.conditions:
                self.add_condition(condition)
        finally:
            self._updating = False
        self._update_filter_hint()

    def _document_changed(self) -> None:
        self._show_columns()
        self._rebuild_conditions()  # a filter set elsewhere (an opened draft) shows here too
        doc = self.document
        if doc.suppress_path is not None:
            self.suppress_label.setText(
                self.tr("%s (%Ln addresses)", "", len(doc.suppress)) % doc.suppress_path.name
            )
        elif doc.suppress:
            self.suppress_label.setText(
                self.tr("%Ln addresses from the saved list", "", len(doc.suppress))
            )
        else:
            self.suppress_label.setText(self.tr("None"))
        self.suppress_clear.setVisible(bool(doc.suppress or doc.suppress_path))

    def _checkup_ready(self, checkup: Any) -> None:
        doc = self.document
        if checkup is None:
            self.count_label.setText("")
            self.problem_list.clear()
            return
        count, rows = doc.audience_count(), doc.rows_read()
        self.count_label.setText(self.tr("Sending to %s of %Ln rows", "", rows) % number(count))
        self.count_label.setAccessibleName(self.count_label.text())
        previous = self._previous_count
        if previous is not None and count != previous:
            set_warning(self.jump_label, audience.jump_warning(previous, count))
        self._previous_count = count

        blocking = [b.sentence for b in checkup.blockers_for(Step.CUSTOMERS)]
        set_warning(self.blocking_label, "\n".join(blocking))
        set_warning(self.notes_label, "\n".join(checkup.notes))
        self._fill_problems(doc.problems(rc.LEFT_OUT), blocked=bool(blocking))
        filtered = doc.plan.of(Next.FILTERED) if doc.plan is not None else []
        self.model.set_marks(doc.problems(), {f.row for f in filtered})

    def _fill_problems(self, problems: list[Any], *, blocked: bool = False) -> None:
        titles = {
            rc.INVALID: self.tr("Address not valid"),
            rc.BLANK: self.tr("No address"),
            rc.DUPLICATE: self.tr("Same address as an earlier row"),
            rc.SUPPRESSED: self.tr("Do not contact"),
        }
        by_kind: dict[str, list[Any]] = {kind: [] for kind in rc.LEFT_OUT}
        for problem in problems:
            by_kind[problem.kind].append(problem)
        listing = self.problem_list
        listing.setUpdatesEnabled(False)
        try:
            listing.clear()
            total = 0
            for kind, found in by_kind.items():
                if not found:
                    continue
                total += len(found)
                group = QListWidgetItem(f"{titles[kind]} ({number(len(found))})")
                font = QFont(listing.font())
                font.setBold(True)
                group.setFont(font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                listing.addItem(group)
                for problem in found[:MAX_LISTED]:
                    item = QListWidgetItem(problem.message)
                    item.setToolTip(problem.message)
                    item.setData(Qt.ItemDataRole.UserRole, problem.row)
                    listing.addItem(item)
                if len(found) > MAX_LISTED:
                    more = QListWidgetItem(
                        self.tr("… and %s more") % number(len(found) - MAX_LISTED)
                    )
                    more.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    listing.addItem(more)
        finally:
            listing.setUpdatesEnabled(True)
        self.left_out_box.setTitle(
            self.tr("Left out (%s)") % number(total) if total else self.tr("Left out")
        )
        if total:
            hint_text = self.tr(
                "These rows will not get the apology. Click one to see it in the table."
            )
        elif blocked:
            hint_text = ""  # the sentence above says what is wrong with the whole list
        else:
            hint_text = self.tr("No rows are left out: every address is usable.")
        self.problems_hint.setText(hint_text)
        self.problems_hint.setVisible(bool(hint_text))

    # ---- window integration -----------------------------------------------------------
    def step_status(self) -> None:
        return None  # the main window's reading of the checkup is right for this step

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("customersSplitter", self.splitter.saveState())

    def restore_settings(self, settings: QSettings) -> None:
        state = settings.value("customersSplitter")
        if state is not None:
            QTimer.singleShot(0, lambda: self.splitter.restoreState(state))

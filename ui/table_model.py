"""A lazy Qt model over the customer Table: cells are turned into text only when shown.

Why: a 100,000-row list must scroll smoothly, so the model never copies rows; it answers
``rowCount``/``data`` straight from ``composer.table.Table`` and ``composer.table.display``.
The vertical header shows the spreadsheet row number, so "row 214" in a problem is the same
number the person sees in Excel.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_Index = QModelIndex | QPersistentModelIndex


def tint(role: QPalette.ColorRole = QPalette.ColorRole.Highlight, alpha: int = 48) -> QColor:
    """A subtle highlight taken from the system palette, so light and dark themes both work."""
    color = QColor(QApplication.palette().color(role))
    color.setAlpha(alpha)
    return color


class CustomerTableModel(QAbstractTableModel):
    """Rows of the loaded spreadsheet; rows with a problem are tinted and explain themselves."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._table: Any = None
        self._problems: dict[int, str] = {}  # spreadsheet row number -> first problem sentence
        self._left_out: set[int] = set()  # row numbers filtered out of the audience
        self._index_of: dict[int, int] | None = None
        self._tint = tint()
        self._muted = QApplication.palette().color(QPalette.ColorRole.PlaceholderText)

    # ---- feeding it -------------------------------------------------------------------
    def set_table(self, table: Any) -> None:
        self.beginResetModel()
        self._table = table
        self._problems = {}
        self._left_out = set()
        self._index_of = None
        self.endResetModel()

    def set_marks(self, problems: Iterable[Any], left_out: Iterable[int] = ()) -> None:
        """Problems (objects with ``row`` and ``message``) and rows outside the audience."""
        marks: dict[int, str] = {}
        for problem in problems:
            row = getattr(problem, "row", None)
            if row is not None and row not in marks:
                marks[row] = problem.message
        left = set(left_out)
        if marks == self._problems and left == self._left_out:
            return
        self._problems = marks
        self._left_out = left
        if self.rowCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(
                self.index(0, 0),
                last,
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
            )
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def index_of_row_number(self, number: int) -> int | None:
        """Model row of a spreadsheet row number (None if the row is not in the table)."""
        if self._table is None:
            return None
        if self._index_of is None:
            self._index_of = {n: i for i, n in enumerate(self._table.row_numbers)}
        return self._index_of.get(number)

    # ---- the model --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._table is None:
            return 0
        return len(self._table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._table is None:
            return 0
        return len(self._table.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._table is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            from composer.table import display

            return display(self._table.rows[index.row()][index.column()])
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            number = self._table.row_numbers[index.row()]
            message = self._problems.get(number)
            if message is None:
                return None
            return self._tint if role == Qt.ItemDataRole.BackgroundRole else message
        left_out = self._left_out
        if role == Qt.ItemDataRole.ForegroundRole and left_out:
            return self._muted if self._table.row_numbers[index.row()] in left_out else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._table is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                column = self._table.columns[section]
                if role == Qt.ItemDataRole.ToolTipRole:
                    return self.tr("Field name for the message: {{ %s }}") % column.field
                return column.header
            return None
        number = self._table.row_numbers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(number)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._problems.get(number) or self.tr("Spreadsheet row %d") % number
        if role == Qt.ItemDataRole.BackgroundRole and number in self._problems:
            return self._tint
        return None

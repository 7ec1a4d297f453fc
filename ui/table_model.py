"""A lazy Qt model over the customer Table: cells are turned into text only when shown.

Why: a 100,000-row list must scroll smoothly, so the model never copies rows; it answers
``rowCount``/``data`` straight from ``composer.table.Table`` and ``composer.table.display``.
The vertical header shows the spreadsheet row number, so "row 214" in a problem is the same
number the person sees in Excel.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from composer.table import display

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_HORIZONTAL = Qt.Orientation.Horizontal
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ANSWERED = frozenset((_DISPLAY, _BACKGROUND, _FOREGROUND, _TOOLTIP))


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
        self._tint = tint()
        self._muted = QApplication.palette().color(QPalette.ColorRole.PlaceholderText)

    # ---- feeding it -------------------------------------------------------------------
    def set_table(self, table: Any) -> None:
        self.beginResetModel()
        self._table = table
        self._problems = {}
        self._left_out = set()
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
        numbers = self._table.row_numbers  # ascending: the sheet's order
        at = bisect.bisect_left(numbers, number)
        return at if at < len(numbers) and numbers[at] == number else None

    # ---- the model --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._table is None:
            return 0
        return len(self._table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._table is None:
            return 0
        return len(self._table.columns)

    def multiData(self, index: _Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:  # noqa: N803
        """Every role of one cell in one call: what Qt's item delegate asks while painting, a
        dozen roles per visible cell, so a scroll costs one Python call per cell, not twelve."""
        span = cast("Iterable[QModelRoleData]", roleDataSpan)  # iterable; the stubs omit it
        table, row = self._table, index.row()
        if table is None or row < 0:
            for wanted in span:
                wanted.clearData()
            return
        column = index.column()
        for wanted in span:
            role = wanted.role()
            if role in _ANSWERED:
                wanted.setData(self._value(table, row, column, role))
            else:
                wanted.clearData()

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if role not in _ANSWERED or self._table is None:
            return None
        row = index.row()
        if row < 0:  # an invalid index
            return None
        return self._value(self._table, row, index.column(), role)

    def _value(self, table: Any, row: int, column: int, role: int) -> Any:
        """The cell's answer for one of the roles in _ANSWERED."""
        if role == _DISPLAY:
            return display(table.rows[row][column])
        if role == _FOREGROUND:
            left_out = self._left_out
            return self._muted if left_out and table.row_numbers[row] in left_out else None
        message = self._problems.get(table.row_numbers[row]) if self._problems else None
        if message is None:
            return None
        return self._tint if role == _BACKGROUND else message

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in _ANSWERED or self._table is None:
            return None
        if orientation == _HORIZONTAL:
            if role in (_DISPLAY, _TOOLTIP):
                column = self._table.columns[section]
                if role == _TOOLTIP:
                    return self.tr("Field name for the message: {{ %s }}") % column.field
                return column.header
            return None
        number = self._table.row_numbers[section]
        if role == _DISPLAY:
            return str(number)
        if role == _TOOLTIP:
            return self._problems.get(number) or self.tr("Spreadsheet row %d") % number
        if role == _BACKGROUND and number in self._problems:
            return self._tint
        return None

"""Load a customer spreadsheet (.xlsx .xlsm .xls .ods .csv .tsv .txt) into a Table.

A Table is the header plus the data rows, each keeping its spreadsheet row number so every
problem can say "row 214". Cell values are normalised the way a person sees them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | None


@dataclass(frozen=True, slots=True)
class Column:
    header: str  # the header as the person wrote it (trimmed), for display
    field: str  # the template field name derived from it: "First Name" -> "first_name"


@dataclass(slots=True)
class Table:
    columns: list[Column]
    rows: list[tuple[Cell, ...]]  # normalised cell values, one tuple per data row
    row_numbers: list[int]  # spreadsheet row number (1-based) of each data row
    sheet: str | None = None  # the sheet read (None for CSV)
    sheets: list[str] = field(default_factory=list)  # every sheet in the workbook
    source: Path | None = None

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]

    def column_index(self, field_name: str) -> int:
        """Index of the column with this field name; KeyError if none."""
        for i, c in enumerate(self.columns):
            if c.field == field_name:
                return i
        raise KeyError(field_name)


def field_name(header: str) -> str:
    """Template field name for a header: lower-case, other runs -> "_", trimmed."""
    raise NotImplementedError


def display(value: Cell) -> str:
    """The text a person sees for a cell: 1001.0 -> "1001", a date without a time part."""
    raise NotImplementedError


def list_sheets(path: str | Path) -> list[str]:
    raise NotImplementedError


def load(path: str | Path, sheet: str | None = None) -> Table:
    """Read the customer list; raises SpreadsheetError with one sentence on bad input."""
    raise NotImplementedError

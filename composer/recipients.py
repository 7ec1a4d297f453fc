"""From a Table to Recipients: detect the address and name columns, validate and normalise
every address, find duplicates and suppressed people. Each problem keeps its row number."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from composer.table import Table


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which columns (by field name) hold the address and the name parts."""

    email: str | None
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    unsubscribed: str | None = None  # a "do not contact" column; truthy cells are suppressed


@dataclass(frozen=True, slots=True)
class Recipient:
    row: int  # spreadsheet row number
    email: str  # normalised mailbox, the only address the message will ever go to
    name: str  # display name ("" if none)
    fields: Mapping[str, str]  # field name -> display text, every column of the row


# Problem kinds; the first four leave the row out of the audience.
INVALID, BLANK, DUPLICATE, SUPPRESSED = "invalid", "blank", "duplicate", "suppressed"
MISSING_FIELD, CODE, ATTACHMENT = "missing_field", "code", "attachment"


@dataclass(frozen=True, slots=True)
class Problem:
    row: int | None  # spreadsheet row number, None for a problem with the whole list
    kind: str
    message: str  # one plain sentence
    field: str | None = None
    duplicate_of: int | None = None


@dataclass(slots=True)
class Recipients:
    table: Table
    columns: ColumnMap
    valid: list[Recipient]
    problems: list[Problem] = field(default_factory=list)


def detect_columns(table: Table) -> ColumnMap:
    raise NotImplementedError


def build(
    table: Table, columns: ColumnMap | None = None, suppress: set[str] | frozenset[str] = frozenset()
) -> Recipients:
    raise NotImplementedError

"""Discount codes: none, one shared code, or unique codes from a column or a file.

Unique codes are assigned once, deterministically, never to two people; the campaign stores
the assignment so it never changes after the fact."""

from __future__ import annotations

from dataclasses import dataclass

NONE, SHARED, COLUMN, FILE = "none", "shared", "column", "file"


@dataclass(frozen=True, slots=True)
class CodePlan:
    kind: str = NONE
    shared: str | None = None  # the code, for SHARED
    column: str | None = None  # field name, for COLUMN
    pool: tuple[str, ...] = ()  # the codes read from a file, for FILE

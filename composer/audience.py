"""Recipients + Filter -> Audience: the chosen subset, whose count is always shown."""

from __future__ import annotations

from dataclasses import dataclass

# operators a condition may use
EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS = "equals", "not_equals", "contains", "not_contains"
IS_BLANK, NOT_BLANK, GREATER, LESS, ONE_OF = "is_blank", "not_blank", "greater", "less", "one_of"


@dataclass(frozen=True, slots=True)
class Condition:
    field: str
    op: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class Filter:
    conditions: tuple[Condition, ...] = ()
    match_all: bool = True  # False: any condition is enough

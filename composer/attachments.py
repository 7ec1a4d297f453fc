"""Files sent with the apology: the same for everyone, and/or one per recipient named by a
column (a path relative to the spreadsheet's folder, templated like a field)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class AttachmentPlan:
    files: tuple[Path, ...] = ()  # attached to every message
    column: str | None = None  # field name whose value names a per-recipient file
    base_dir: Path | None = None  # the spreadsheet's folder, for relative per-recipient paths

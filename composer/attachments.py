"""Files sent with the apology: the same for everyone, and/or one per recipient named by a
column (a path relative to the spreadsheet's folder, templated like a field).

Size limit: a message may be at most MAX_MESSAGE_BYTES, 20 MB *after* base64 encoding (which
makes a file about 37% bigger). Most providers cap a message at 20–25 MB (Gmail 25 MB, Microsoft
365 25 MB by default, Outlook.com 20 MB), so 20 MB goes through all of them; in practice a
shared attachment should stay under about 14 MB."""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from composer.errors import ComposerError
from composer.recipients import ATTACHMENT, Problem, Recipient

if TYPE_CHECKING:
    import jinja2

MAX_NAME = 4096  # characters in a file name from a cell (the longest path Linux accepts)
MAX_MESSAGE_BYTES = 20 * 1024 * 1024
DEFAULT_MESSAGE_ESTIMATE = 64 * 1024  # headers, plain text and HTML of a typical apology


class AttachmentError(ComposerError):
    """An attachment cannot be found, read or named for a recipient."""


@dataclass(frozen=True, slots=True)
class AttachmentPlan:
    files: tuple[Path, ...] = ()  # attached to every message
    column: str | None = None  # field name whose value names a per-recipient file
    base_dir: Path | None = None  # the spreadsheet's folder, for relative per-recipient paths


def encoded_size(size: int) -> int:
    """Bytes a file of ``size`` bytes takes in a message: base64, 76-character lines + CRLF."""
    b64 = (size + 2) // 3 * 4
    return b64 + (b64 + 75) // 76 * 2


def resolve(plan: AttachmentPlan, recipient: Recipient) -> tuple[Path, ...]:
    """The files for this recipient: the shared ones, then the one its column names."""
    own = _own_file(plan, recipient)
    return plan.files if own is None else (*plan.files, own)


def _own_file(plan: AttachmentPlan, recipient: Recipient) -> Path | None:
    if not plan.column:
        return None
    value = recipient.fields.get(plan.column)
    if value is None:
        raise AttachmentError(
            f"There is no column {plan.column} to take attachment file names from; choose the "
            "column that names each customer's file.",
            field=plan.column,
        )
    value = value.strip()
    if "{{" in value or "{%" in value:
        value = _fill_in(value, recipient)
    if not value:
        raise AttachmentError(
            f"Row {recipient.row} names no file in the {plan.column} column; fill it in or "
            "leave the row out.",
            row=recipient.row,
            field=plan.column,
        )
    if len(value) > MAX_NAME:
        raise AttachmentError(
            f"The file name for row {recipient.row} is {len(value):,} characters long, which no "
            f"real file name is; fix the {plan.column} cell.",
            row=recipient.row,
            field=plan.column,
        )
    if any(c in value for c in "\r\n\0"):
        raise AttachmentError(
            f"The file name for row {recipient.row} has a line break in it; fix the "
            f"{plan.column} cell.",
            row=recipient.row,
            field=plan.column,
        )
    path = Path(value).expanduser()
    if not path.is_absolute() and plan.base_dir is not None:
        path = plan.base_dir / path
    return path


def _fill_in(pattern: str, recipient: Recipient) -> str:
    """Render a file name like ``labels/{{ order }}.pdf`` with the recipient's fields, within
    the same bounds as the apology (a cell is data: it may not loop for ever or fill memory)."""
    from composer import sandbox

    try:
        return sandbox.render(_compiled(pattern), recipient.fields).strip()
    except Exception as e:  # syntax error, unknown field, sandbox refusal, a bound reached
        reason = str(e).split("\n")[0].rstrip(".")
        shown = pattern if len(pattern) <= 60 else pattern[:57] + "…"
        raise AttachmentError(
            f"The file name {shown} for row {recipient.row} cannot be filled in ({reason}); "
            "use fields that are columns of the spreadsheet.",
            row=recipient.row,
        ) from e


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> jinja2.Template:
    from composer import sandbox

    return sandbox.compile(pattern)


def problems(
    plan: AttachmentPlan,
    recipients: Iterable[Recipient],
    message_bytes_estimate: int = DEFAULT_MESSAGE_ESTIMATE,
) -> list[Problem]:
    """Missing or unreadable files (per row) and messages over MAX_MESSAGE_BYTES, found before
    anything is sent. Each distinct file is looked at once."""
    found: list[Problem] = []
    sizes: dict[Path, int | str] = {}  # path -> encoded size, or why it cannot be attached

    def size_of(path: Path) -> int | str:
        if path not in sizes:
            sizes[path] = _inspect(path)
        return sizes[path]

    shared = 0
    for path in plan.files:
        size = size_of(path)
        if isinstance(size, str):
            found.append(
                Problem(None, ATTACHMENT, f"The file {path} for everyone {size}; {_FIX[size]}.")
            )
        else:
            shared += size
    base = shared + message_bytes_estimate
    if base > MAX_MESSAGE_BYTES:
        found.append(
            Problem(
                None,
                ATTACHMENT,
                f"The files sent to everyone make each message {_mb(base)} MB once encoded, over "
                f"the {_mb(MAX_MESSAGE_BYTES)} MB most providers accept; send smaller files or a "
                "link instead.",
            )
        )
        return found  # every row is over; one sentence says it better than thousands
    if not plan.column:
        return found
    for recipient in recipients:
        try:
            own = _own_file(plan, recipient)
        except AttachmentError as e:
            found.append(Problem(recipient.row, ATTACHMENT, str(e), field=plan.column))
            continue
        if own is None:
            continue
        size = size_of(own)
        if isinstance(size, str):
            found.append(
                Problem(
                    recipient.row,
                    ATTACHMENT,
                    f"The file {own} for row {recipient.row} {size}; {_FIX[size]}.",
                    field=plan.column,
                )
            )
        elif base + size > MAX_MESSAGE_BYTES:
            found.append(
                Problem(
                    recipient.row,
                    ATTACHMENT,
                    f"The message for row {recipient.row} would be {_mb(base + size)} MB once "
                    f"encoded, over the {_mb(MAX_MESSAGE_BYTES)} MB most providers accept; "
                    "attach a smaller file or send a link instead.",
                    field=plan.column,
                )
            )
    return found


_MISSING, _FOLDER, _UNREADABLE = "does not exist", "is a folder", "cannot be read"
_FIX = {
    _MISSING: "check the name and the folder",
    _FOLDER: "name a file inside it instead",
    _UNREADABLE: "check that you may open it",
}


def _inspect(path: Path) -> int | str:
    """Encoded size, or a reason the file cannot be attached: one stat and one access check."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return _MISSING
    except OSError:
        return _UNREADABLE
    if stat.S_ISDIR(st.st_mode):
        return _FOLDER
    if not os.access(path, os.R_OK):
        return _UNREADABLE
    return encoded_size(st.st_size)


def _mb(size: int) -> str:
    """Megabytes rounded up to a tenth, so a message over 20 MB never reads as "20 MB"."""
    return f"{math.ceil(size * 10 / (1024 * 1024)) / 10:.1f}".removesuffix(".0")

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
from composer.language import N_, _, number
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
            _(
                "There is no column {column} to take attachment file names from; choose the "
                "column that names each customer's file."
            ).format(column=plan.column),
            field=plan.column,
        )
    value = value.strip()
    if "{{" in value or "{%" in value:
        value = _fill_in(value, recipient)
    if not value:
        raise AttachmentError(
            _(
                "Row {row} names no file in the {column} column; fill it in or leave the row out."
            ).format(row=recipient.row, column=plan.column),
            row=recipient.row,
            field=plan.column,
        )
    if len(value) > MAX_NAME:
        raise AttachmentError(
            _(
                "The file name for row {row} is {length} characters long, which no real file "
                "name is; fix the {column} cell."
            ).format(row=recipient.row, length=number(len(value)), column=plan.column),
            row=recipient.row,
            field=plan.column,
        )
    if any(c in value for c in "\r\n\0"):
        raise AttachmentError(
            _("The file name for row {row} has a line break in it; fix the {column} cell.").format(
                row=recipient.row, column=plan.column
            ),
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
            _(
                "The file name {name} for row {row} cannot be filled in ({reason}); use fields "
                "that are columns of the spreadsheet."
            ).format(name=shown, row=recipient.row, reason=reason),
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
            found.append(Problem(None, ATTACHMENT, _(_FOR_EVERYONE[size]).format(path=path)))
        else:
            shared += size
    base = shared + message_bytes_estimate
    if base > MAX_MESSAGE_BYTES:
        found.append(
            Problem(
                None,
                ATTACHMENT,
                _(
                    "The files sent to everyone make each message {size} MB once encoded, over "
                    "the {limit} MB most providers accept; send smaller files or a link instead."
                ).format(size=_mb(base), limit=_mb(MAX_MESSAGE_BYTES)),
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
                    _(_FOR_ROW[size]).format(path=own, row=recipient.row),
                    field=plan.column,
                )
            )
        elif base + size > MAX_MESSAGE_BYTES:
            found.append(
                Problem(
                    recipient.row,
                    ATTACHMENT,
                    _(
                        "The message for row {row} would be {size} MB once encoded, over the "
                        "{limit} MB most providers accept; attach a smaller file or send a link "
                        "instead."
                    ).format(
                        row=recipient.row, size=_mb(base + size), limit=_mb(MAX_MESSAGE_BYTES)
                    ),
                    field=plan.column,
                )
            )
    return found


# Why a file cannot be attached (what _inspect returns), and the sentence saying so
_MISSING, _FOLDER, _UNREADABLE = "missing", "folder", "unreadable"
_FOR_EVERYONE = {
    _MISSING: N_("The file {path} for everyone does not exist; check the name and the folder."),
    _FOLDER: N_("The file {path} for everyone is a folder; name a file inside it instead."),
    _UNREADABLE: N_("The file {path} for everyone cannot be read; check that you may open it."),
}
_FOR_ROW = {
    _MISSING: N_("The file {path} for row {row} does not exist; check the name and the folder."),
    _FOLDER: N_("The file {path} for row {row} is a folder; name a file inside it instead."),
    _UNREADABLE: N_("The file {path} for row {row} cannot be read; check that you may open it."),
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
    tenths = math.ceil(size * 10 / (1024 * 1024))
    return number(tenths // 10 if tenths % 10 == 0 else tenths / 10)

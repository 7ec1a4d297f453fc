"""Errors a person can act on. ``str(error)`` is always one plain sentence that says what is
wrong and what to do next; the row or field it concerns rides along as attributes."""

from __future__ import annotations

from composer.language import _


class ComposerError(Exception):
    """Base class: a problem the person can fix, never a bug."""

    def __init__(self, message: str, *, row: int | None = None, field: str | None = None):
        super().__init__(message)
        self.row = row
        self.field = field


class SpreadsheetError(ComposerError):
    """The customer file cannot be read as a customer list."""


class TemplateError(ComposerError):
    """The apology template is malformed or names an unknown field."""


class CodeError(ComposerError):
    """Discount codes are missing, duplicated or too few."""


class CampaignError(ComposerError):
    """The campaign file cannot be created, opened or written."""


class AccountError(ComposerError):
    """The mail account is misconfigured, unreachable or rejects the login."""


class SendError(ComposerError):
    """Sending stopped for a reason the person must address."""


class Stopped(ComposerError):
    """Work given a ``stop`` question was told to stop (a newer edit made it moot)."""

    def __init__(self) -> None:
        super().__init__(_("Stopped: a newer change is being checked instead."))

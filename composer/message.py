"""Draft + Identity -> EmailMessage: exactly one address in To, never Cc or Bcc."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from composer.template import Draft


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the apology is from: the person's own name and mailbox."""

    name: str
    address: str
    reply_to: str | None = None


def message_id(campaign_id: str, row: int, domain: str) -> str:
    """Deterministic Message-ID for (campaign, recipient), so an in-doubt one can be matched."""
    raise NotImplementedError


def build(
    draft: Draft,
    identity: Identity,
    campaign_id: str,
    attachments: tuple[Path, ...] = (),
) -> EmailMessage:
    raise NotImplementedError

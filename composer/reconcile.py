"""What the owner's mailbox settles about a campaign: messages in doubt looked up in Sent.

A message is in doubt when a crash or a lost answer left its fate unknown. The provider files
what it accepted in the account's Sent folder (found by its SPECIAL-USE role), under the
campaign's own Message-ID: found there, it was sent, on that date; not there after a grace
period (a provider may file it a little later), it is offered for sending again — the person
decides, nothing is re-sent by itself. Only reading happens here; the journal records what
was found.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from composer import journal
from composer.imap import ImapProblem

if TYPE_CHECKING:
    from composer.campaign import Campaign
    from composer.imap import Mailbox

GRACE_SECONDS = 15 * 60.0  # a message not in Sent this long after it was sent did not go


@dataclass
class Resolution:
    """What the Sent folder said about the campaign's in-doubt messages."""

    folder: str = ""
    found: list[tuple[journal.Delivery, dt.datetime]] = field(default_factory=list)
    missing: list[journal.Delivery] = field(default_factory=list)  # offered for sending again
    too_soon: list[journal.Delivery] = field(default_factory=list)  # look again a little later

    def sentence(self) -> str:
        """One line for the person."""
        from composer.wording import count

        if not (self.found or self.missing or self.too_soon):
            return "No message of this campaign is in doubt."
        parts = []
        if self.found:
            parts.append(f"{count(len(self.found), 'message')} found in {self.folder}: sent")
        if self.missing:
            parts.append(
                f"{count(len(self.missing), 'message')} not in {self.folder}: they did not go, "
                "and can be sent again if you choose"
            )
        if self.too_soon:
            parts.append(
                f"{count(len(self.too_soon), 'message')} too recent to tell: look again in "
                f"{GRACE_SECONDS / 60:.0f} minutes"
            )
        return "; ".join(parts) + "."


def resolve_in_doubt(
    campaign: Campaign, mailbox: Mailbox, *, now: float | None = None
) -> Resolution:
    """Look every in-doubt message up in the Sent folder; record those found as sent."""
    conn = campaign.conn
    assert conn is not None  # a campaign opened from its file
    doubtful = journal.in_doubt(conn)
    result = Resolution()
    if not doubtful:
        return result
    folder = mailbox.folder_with_role("\\Sent")
    if folder is None:
        raise ImapProblem(
            f"The mailbox {mailbox.settings.username} has no folder marked as Sent, so the "
            "messages in doubt cannot be looked up; decide about them yourself."
        )
    result.folder = folder
    now = time.time() if now is None else now
    for delivery in doubtful:
        when = mailbox.find_message_id(folder, delivery.message_id) if delivery.message_id else None
        if when is not None:
            if journal.found_sent(conn, delivery.customer, when.timestamp(), folder):
                result.found.append((delivery, when))
        elif now - delivery.updated_at >= GRACE_SECONDS:
            result.missing.append(delivery)
        else:
            result.too_soon.append(delivery)
    return result

"""What the owner's mailbox settles about a campaign: bounces and replies that came back, and
messages in doubt looked up in Sent.

``scan`` reads the inbox since the campaign's first send, headers first: only the messages that
can concern the campaign (they answer one of its Message-IDs, or they are delivery reports or
automatic replies) are read whole, within a budget. Each bounce and reply becomes a dated event
in the journal beside the delivery (a sent message stays sent when a bounce arrives later); an
answer that only asks to stop puts the address on the campaign's do-not-contact list.

A message is in doubt when a crash or a lost answer left its fate unknown. The provider files
what it accepted in the account's Sent folder (found by its SPECIAL-USE role), under the
campaign's own Message-ID: found there, it was sent, on that date; not there after a grace
period (a provider may file it a little later), it is offered for sending again — the person
decides, nothing is re-sent by itself. Only reading happens here; the journal records what
was found.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import hashlib
import re
import sqlite3
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from composer import journal, mailbox
from composer.imap import ImapProblem
from composer.language import _, n_, number
from composer.recipients import customer_key
from composer.wording import count

if TYPE_CHECKING:
    from composer.campaign import Campaign
    from composer.imap import Mailbox

GRACE_SECONDS = 15 * 60.0  # a message not in Sent this long after it was sent did not go
SCAN_MESSAGES = 2_000  # messages read whole in one scan at most
SCAN_BYTES = 100 * 2**20  # and bytes
LARGEST = 10 * 2**20  # a bigger message is no report or reply worth reading whole
SCAN_SECONDS = 300.0
_REPORT_SENDER = re.compile(r"mailer-daemon|postmaster|mail delivery|microsoftexchange", re.I)
_REPORT_SUBJECT = re.compile(
    r"undeliver|undelivered|delivery (status|has failed|failure)|mail delivery failed|"
    r"returned mail|failure notice|automatic reply|auto(matic)?[- ]?reply|out of (the )?office|"
    r"abwesenheit|absence|réponse automatique|respuesta automática",
    re.I,
)


@dataclass
class Resolution:
    """What the Sent folder said about the campaign's in-doubt messages."""

    folder: str = ""
    found: list[tuple[journal.Delivery, dt.datetime]] = field(default_factory=list)
    missing: list[journal.Delivery] = field(default_factory=list)  # offered for sending again
    too_soon: list[journal.Delivery] = field(default_factory=list)  # look again a little later

    def sentence(self) -> str:
        """One line for the person."""
        if not (self.found or self.missing or self.too_soon):
            return _("No message of this campaign is in doubt.")
        parts = []
        if self.found:
            n = len(self.found)
            parts.append(
                n_(
                    "{n} message found in {folder}: sent", "{n} messages found in {folder}: sent", n
                ).format(n=number(n), folder=self.folder)
            )
        if self.missing:
            n = len(self.missing)
            parts.append(
                n_(
                    "{n} message not in {folder}: it did not go, and can be sent again if you "
                    "choose",
                    "{n} messages not in {folder}: they did not go, and can be sent again if you "
                    "choose",
                    n,
                ).format(n=number(n), folder=self.folder)
            )
        if self.too_soon:
            n = len(self.too_soon)
            parts.append(
                n_(
                    "{n} message too recent to tell: look again in {minutes} minutes",
                    "{n} messages too recent to tell: look again in {minutes} minutes",
                    n,
                ).format(n=number(n), minutes=f"{GRACE_SECONDS / 60:.0f}")
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
            _(
                "The mailbox {mailbox} has no folder marked as Sent, so the messages in doubt "
                "cannot be looked up; decide about them yourself."
            ).format(mailbox=mailbox.settings.username)
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


def settle(campaign: Campaign, box: Mailbox, *, sent_only: bool = False) -> str:
    """Everything the mailbox settles, as the app asks for it: the messages in doubt looked
    up in Sent, then (unless ``sent_only``) the inbox read for bounces and replies. The
    sentences, one after the other."""
    assert campaign.conn is not None  # a campaign opened from its file
    said = []
    if journal.in_doubt(campaign.conn):
        said.append(resolve_in_doubt(campaign, box).sentence())
    if not sent_only:
        said.append(scan(campaign, box).sentence())
    return " ".join(said)


@dataclass
class Scan:
    """What one reading of the inbox found for the campaign."""

    folder: str = "INBOX"
    looked_at: int = 0  # messages whose headers were read
    read: int = 0  # messages read whole
    bounced: int = 0
    delayed: int = 0
    replied: int = 0
    automatic: int = 0
    stopped: list[str] = field(default_factory=list)  # addresses now on do-not-contact
    unmatched: int = 0  # reports or replies about nobody of this campaign
    cut_short: str | None = None  # the budget that stopped the scan early

    def sentence(self) -> str:
        found = [
            words
            for n, words in (
                (self.bounced, count(self.bounced, "{n} bounce", "{n} bounces")),
                (self.delayed, count(self.delayed, "{n} delay", "{n} delays")),
                (
                    self.replied,
                    count(self.replied, "{n} reply from people", "{n} replies from people"),
                ),
                (
                    self.automatic,
                    count(self.automatic, "{n} automatic reply", "{n} automatic replies"),
                ),
            )
            if n
        ]
        line = n_(
            "Read {folder} ({n} message): {found}",
            "Read {folder} ({n} messages): {found}",
            self.looked_at,
        ).format(
            folder=self.folder,
            n=number(self.looked_at),
            found=_(", ").join(found) or _("nothing new about this campaign"),
        )
        if self.stopped:
            n = len(self.stopped)
            line += n_(
                "; {n} person asked not to be written to",
                "; {n} people asked not to be written to",
                n,
            ).format(n=number(n))
        line += "."
        if self.cut_short:
            line += f" {self.cut_short}"
        return line


def scan(
    campaign: Campaign,
    box: Mailbox,
    *,
    since: dt.date | None = None,
    folder: str = "INBOX",
    budget_messages: int = SCAN_MESSAGES,
    budget_bytes: int = SCAN_BYTES,
    budget_seconds: float = SCAN_SECONDS,
) -> Scan:
    """Read ``folder`` for bounces and replies about the campaign's messages; record them."""
    conn = campaign.conn
    assert conn is not None  # a campaign opened from its file
    lines = journal.rows(conn)
    ours = {mailbox.id_key(d.message_id): d for d in lines if d.message_id}
    by_address = {d.customer: d for d in lines}
    result = Scan(folder=folder)
    if not ours:
        return result
    if since is None:
        first = min((d.sent_at or d.updated_at) for d in ours.values())
        since = dt.date.fromtimestamp(first) - dt.timedelta(days=1)
    started = time.monotonic()
    uids = box.since(folder, since)
    heads = box.headers(folder, uids)
    result.looked_at = len(heads)
    wanted: list[int] = []
    size = 0
    for uid, (head, length) in heads.items():
        if length > LARGEST or not _may_concern(head, ours):
            continue
        if len(wanted) >= budget_messages or size + length > budget_bytes:
            result.cut_short = n_(
                "Only the first {n} candidates were read (the scan's budget); scan again to read "
                "the rest.",
                "Only the first {n} candidates were read (the scan's budget); scan again to read "
                "the rest.",
                len(wanted),
            ).format(n=number(len(wanted)))
            break
        wanted.append(uid)
        size += length
    own = {campaign.identity.address.lower()}
    stops: set[str] = set()
    for start in range(0, len(wanted), 50):
        if time.monotonic() - started > budget_seconds:
            result.cut_short = _("The scan stopped at its time limit; scan again to read the rest.")
            break
        for raw in box.bodies(folder, wanted[start : start + 50]).values():
            result.read += 1
            _record(conn, raw, ours, by_address, own, result, stops)
    if stops:
        campaign.suppress = campaign.suppress | stops
        campaign.save()
        result.stopped = sorted(stops)
    return result


def _may_concern(head: bytes, ours: dict[str, journal.Delivery]) -> bool:
    """From the headers alone: could this message be about the campaign?"""
    parsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(head)
    referenced = " ".join(str(parsed.get(h, "")) for h in ("In-Reply-To", "References"))
    if any(mailbox.id_key(i) in ours for i in re.findall(r"<[^<>]+>", referenced)):
        return True
    content = str(parsed.get("Content-Type", "")).lower()
    if "multipart/report" in content or parsed.get("X-Failed-Recipients"):
        return True
    auto = str(parsed.get("Auto-Submitted", "no")).strip().lower()
    if auto and auto != "no":
        return True
    sender = str(parsed.get("From", "")) + " " + str(parsed.get("Return-Path", ""))
    return bool(
        _REPORT_SENDER.search(sender) or _REPORT_SUBJECT.search(str(parsed.get("Subject", "")))
    )


def _record(
    conn: sqlite3.Connection,
    raw: bytes,
    ours: dict[str, journal.Delivery],
    by_address: dict[str, journal.Delivery],
    own: set[str],
    result: Scan,
    stops: set[str],
) -> None:
    source_header = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
    # a message without a Message-ID is known by its bytes (stable across runs, unlike hash())
    source = str(source_header.get("Message-ID", "")).strip() or (
        "sha256:" + hashlib.sha256(raw).hexdigest()
    )
    said = mailbox.classify_many(raw, [d.message_id or "" for d in ours.values()], own)
    if not said:
        return
    for fact in said:
        if isinstance(fact, mailbox.Bounce):
            line = ours.get(mailbox.id_key(fact.message_id)) or by_address.get(
                customer_key(fact.recipient)
            )
            if line is None:
                result.unmatched += 1
                continue
            kind = journal.BOUNCED if fact.hard else journal.DELAYED
            at = (fact.received or dt.datetime.now(dt.UTC)).timestamp()
            if journal.record_event(
                conn, line.customer, kind, at, source, status=fact.status, detail=fact.reason
            ):
                if fact.hard:
                    result.bounced += 1
                else:
                    result.delayed += 1
        else:
            line = ours.get(mailbox.id_key(fact.message_id))
            if line is None:
                result.unmatched += 1
                continue
            kind = journal.AUTO_REPLY if fact.automatic else journal.REPLIED
            at = (fact.received or dt.datetime.now(dt.UTC)).timestamp()
            if journal.record_event(conn, line.customer, kind, at, source, detail=fact.first_lines):
                if fact.automatic:
                    result.automatic += 1
                else:
                    result.replied += 1
                if fact.stop and not fact.automatic:  # said once, however often it is read
                    stops.add(line.email.lower())

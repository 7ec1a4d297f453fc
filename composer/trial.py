"""Trying the apology before it goes: a test to yourself, and a dry run into a folder.

A test message is one customer's apology exactly as it will be sent, marked [TEST] and
addressed to the sender's own mailbox; it is recorded in the campaign's history (with the
fingerprint of the version tested), never as a delivery. A dry run writes every message as an
.eml file and sends nothing.
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

from composer.errors import SendError
from composer.language import LANGUAGES, N_, _, in_language
from composer.transaction import envelope
from composer.transport import Halted, Lost, Undelivered, open_line

if TYPE_CHECKING:
    import ssl

    from composer.accounts import Account, Secret
    from composer.campaign import Campaign
    from composer.recipients import Recipient

TIMEOUT = 60.0
# Translators: the mark at the start of the subject of a test message to the owner
TEST_MARK = N_("[TEST]")


def mark_as_test(subject: str) -> str:
    """``subject`` marked as a test, in the app's language: "[TEST] We are sorry"."""
    return f"{_(TEST_MARK)} {subject}"


def marked_as_test(subject: str) -> bool:
    """Whether ``subject`` carries the test mark, as any shipped language writes it (the app's
    language may have changed since the test was sent)."""
    marks = {_(TEST_MARK), *(in_language(code, TEST_MARK) for code in LANGUAGES)}
    return any(str(subject).startswith(mark + " ") for mark in marks)


def pick(campaign: Campaign, row: int | None) -> Recipient:
    """The customer on spreadsheet row ``row`` (default: the first of the audience)."""
    audience = list(campaign.audience())
    if not audience:
        raise SendError(_("The campaign has no recipients to render a message for."))
    if row is None:
        return audience[0]
    for recipient in audience:
        if recipient.row == row:
            return recipient
    raise SendError(
        _(
            "Row {row} is not one of the recipients; choose a spreadsheet row between {first} "
            "and {last} that has a valid address."
        ).format(row=row, first=audience[0].row, last=audience[-1].row)
    )


def message_to_self(campaign: Campaign, account: Account, row: int | None = None) -> EmailMessage:
    """Recipient ``row`` (default the first) rendered, but addressed to the account's owner."""
    recipient = pick(campaign, row)
    message = campaign.message_for(recipient)
    subject = message.get("Subject", "")
    del message["Subject"]
    message["Subject"] = mark_as_test(subject)
    del message["To"]
    message["To"] = formataddr((account.display_name or "", account.address))
    domain = account.address.rpartition("@")[2] or None
    del message["Message-ID"]
    message["Message-ID"] = make_msgid("test", domain=domain)
    return message


async def _nothing() -> None:
    """A test message is not a delivery: nothing to record before DATA."""


async def send_to_self(
    campaign: Campaign,
    account: Account,
    secret: Secret,
    row: int | None = None,
    *,
    timeout: float = TIMEOUT,
    tls_context: ssl.SSLContext | None = None,
) -> str:
    """Send one rendered apology to the account's own address, the way the campaign will go
    (SMTP, Microsoft Graph or the Gmail API); returns the provider's acceptance.

    Not a delivery. The caller records it in the campaign's history (``Campaign.record``
    with ``HistoryKind.TEST_SENT`` and the mailing's fingerprint)."""
    message = message_to_self(campaign, account, row)
    line = await open_line(account, secret, timeout=timeout, tls_context=tls_context)
    try:
        return await line.deliver(message, _nothing)
    except Lost as e:
        raise SendError(
            _("{reason}; the test message may not have gone.").format(
                reason=e.reason.removesuffix(".")  # the reason is a sentence: it goes on here
            )
        ) from e
    except Halted as e:
        raise SendError(e.reason) from e
    except Undelivered as e:
        raise SendError(
            _("The mail server refused the test message ({reason}).").format(reason=e.reason)
        ) from e
    finally:
        await line.close()


def eml_name(number: int, recipient: Recipient) -> str:
    """``0001-row12-amelia@example.com.eml``: in audience order, findable by row and address."""
    safe = re.sub(r"[^A-Za-z0-9@._+-]+", "_", recipient.email)[:80]
    return f"{number:04d}-row{recipient.row}-{safe}.eml"


def write_eml(campaign: Campaign, people: list[Recipient], folder: str | Path) -> int:
    """Every message as an .eml file in ``folder``, ready to open in a mail program; nothing
    is sent and nothing recorded. Returns how many were written."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SendError(
            _('The folder "{folder}" cannot be created ({reason}); choose another one.').format(
                folder=folder, reason=e.strerror or e
            )
        ) from e
    for number, person in enumerate(people, start=1):
        message = campaign.message_for(person)
        envelope(message)
        path = folder / eml_name(number, person)
        try:
            # the message's own policy: SMTPUTF8 where an address needs it (as it is sent)
            path.write_bytes(message.as_bytes(policy=message.policy))
        except OSError as e:
            raise SendError(
                _('"{path}" cannot be written ({reason}); check the folder and disk space.').format(
                    path=path, reason=e.strerror or e
                )
            ) from e
    return len(people)


def dry_run(campaign: Campaign, outbox_dir: str | Path) -> int:
    """Write every recipient's message as an .eml file; no server, no journal change."""
    people = list(campaign.audience())
    campaign.assign_codes(people, store=False)
    return write_eml(campaign, people, outbox_dir)

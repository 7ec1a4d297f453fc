"""One message over one open SMTP connection: MAIL, RCPT, DATA, the message; nothing else.

The wire format the sender and the test to yourself share: the one envelope recipient checked
by construction, the message flattened for the server's extensions (SMTPUTF8, 8BITMIME), and
``Transaction.stage``, which says how far a transaction got: a connection lost before the
message was handed over means "try again", after it means "in doubt".
"""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from email.utils import getaddresses
from typing import TYPE_CHECKING, cast

from composer.errors import SendError
from composer.language import _

if TYPE_CHECKING:
    import aiosmtplib

_TRANSIENT = (OSError, asyncio.TimeoutError, TimeoutError, EOFError)


def smtp_errors() -> tuple[type[BaseException], ...]:
    from aiosmtplib import SMTPException

    return (SMTPException, *_TRANSIENT)


def reply_text(code: int, message: str) -> str:
    return f"{code} {' '.join(message.split())}".strip()


def envelope(message: EmailMessage) -> tuple[str, str]:
    """(envelope sender, the one envelope recipient) of a message, checked by construction.

    The recipient is the single address in To; a message with Cc, Bcc or a second address
    is refused outright rather than sent."""
    for header in ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"):
        if message.get(header) is not None:
            raise SendError(
                _("A message has a {header} header; apologies go to one person only.").format(
                    header=header
                )
            )
    tos = getaddresses(message.get_all("To", []))
    froms = getaddresses(message.get_all("From", []))
    if len(tos) != 1 or not tos[0][1]:
        raise SendError(_("A message does not have exactly one address in To; it was not sent."))
    if len(froms) != 1 or not froms[0][1]:
        raise SendError(_("A message does not have exactly one From address; it was not sent."))
    return froms[0][1], tos[0][1]


_LEADING_DOT = re.compile(rb"(?m)^\.")


def _flatten(message: EmailMessage, *, utf8: bool, eight_bit: bool) -> bytes:
    import email.generator
    import email.policy

    policy = email.policy.SMTPUTF8 if utf8 else email.policy.SMTP
    if not eight_bit:
        policy = policy.clone(cte_type="7bit")
    with io.BytesIO() as out:
        email.generator.BytesGenerator(out, policy=policy).flatten(message)
        return out.getvalue()


def _wire_lines(raw: bytes) -> bytes:
    """The message as it is sent: CRLF lines, the last one ended too."""
    raw = re.sub(rb"\r?\n|\r", b"\r\n", raw)
    return raw if raw.endswith(b"\r\n") else raw + b"\r\n"


def _data_payload(lines: bytes) -> bytes:
    """The bytes after DATA: leading dots doubled, ended by a lone dot."""
    return _LEADING_DOT.sub(b"..", lines) + b".\r\n"


class Transaction:
    """One message over one open connection: MAIL, RCPT, DATA, the message; nothing else.

    ``stage`` says how far it got, which decides whether a lost connection means "try again"
    (the message never left) or "in doubt" (it left and the answer was lost). ``sent`` is the
    message exactly as the server receives it (before the dots are doubled for DATA), once
    ``run`` has made it: the bytes a copy in Sent is made of."""

    def __init__(self, smtp: aiosmtplib.SMTP, message: EmailMessage, timeout: float) -> None:
        self.smtp = smtp
        self.message = message
        self.timeout = timeout
        self.stage = "mail"
        self.open = False  # a MAIL was accepted and the transaction not finished
        self.sent: bytes | None = None

    async def run(self, before_data: Callable[[], Awaitable[None]]) -> str:
        from aiosmtplib import SMTPDataError

        smtp = self.smtp
        sender, recipient = envelope(self.message)
        utf8 = not (sender.isascii() and recipient.isascii())
        if utf8 and not smtp.supports_extension("smtputf8"):
            raise SendError(
                _(
                    "The address {address} has non-English letters and this mail server cannot "
                    "send to such addresses."
                ).format(address=recipient)
            )
        eight_bit = smtp.supports_extension("8bitmime")
        raw = _flatten(self.message, utf8=utf8, eight_bit=eight_bit)
        options = []
        if utf8:
            options.append("SMTPUTF8")
        if eight_bit and not raw.isascii():
            options.append("BODY=8BITMIME")
        encoding = "utf-8" if utf8 else "ascii"
        self.sent = _wire_lines(raw)
        payload = _data_payload(self.sent)

        self.stage = "mail"
        await smtp.mail(sender, options=options, encoding=encoding, timeout=self.timeout)
        self.open = True
        self.stage = "rcpt"
        await smtp.rcpt(recipient, encoding=encoding, timeout=self.timeout)
        await before_data()
        self.stage = "data"
        reply = await smtp.execute_command(b"DATA", timeout=self.timeout)
        if reply.code != 354:
            raise SMTPDataError(reply.code, reply.message)
        # From here the message is handed over; a lost answer is an unknown outcome.
        protocol = smtp.protocol
        if protocol is None:
            from aiosmtplib import SMTPServerDisconnected

            raise SMTPServerDisconnected("Connection lost")
        self.stage = "content"
        try:
            protocol.write(payload)
            reply = await protocol.read_response(timeout=self.timeout)
        except BaseException:
            drop(smtp)  # the conversation is out of step; never reuse it
            raise
        self.open = False
        if reply.code // 100 != 2:
            self.stage = "answered"  # a definite answer: not in doubt
            raise SMTPDataError(reply.code, reply.message)
        return reply_text(reply.code, reply.message)

    async def reset(self) -> bool:
        """Abandon an open transaction (RSET) so the connection can carry the next one."""
        if not self.open:
            return self.smtp.is_connected
        try:
            await self.smtp.rset(timeout=self.timeout)
        except Exception:
            drop(self.smtp)
            return False
        self.open = False
        return True


def drop(smtp: aiosmtplib.SMTP) -> None:
    """Cut a connection that is out of step or already lost, without a TLS goodbye.

    ``smtp.close()`` alone starts a TLS shutdown that waits for the server's answer (up to
    30 s); if the run ends first, the socket is left open and warns at some later garbage
    collection. Aborting frees the socket on the event loop's next turn."""
    # aiosmtplib types its transport as any BaseTransport; it is a socket's Transport
    transport = cast("asyncio.Transport | None", smtp.transport)
    if transport is not None:
        transport.abort()
    smtp.close()


def _timed_out(error: BaseException) -> bool:
    from aiosmtplib import SMTPTimeoutError

    return isinstance(error, (SMTPTimeoutError, asyncio.TimeoutError, TimeoutError))


def lost_reason(error: BaseException) -> str:
    if _timed_out(error):
        return _("The mail server did not answer in time.")
    if isinstance(error, asyncio.CancelledError):
        return _("Sending was interrupted.")
    return _("The connection to the mail server was lost.")


def lost_how(error: BaseException) -> str:
    """How a connection was lost, as ``transport.Lost.how`` says it: "late" or "cut"."""
    return "late" if _timed_out(error) else "cut"

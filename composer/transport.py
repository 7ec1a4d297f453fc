"""How a message leaves: one ``Line`` per sending slot, over SMTP or a provider's mail API.

The sender, the test to yourself and ``account test`` speak to a Line and never to the wire:

- ``SmtpLine``: one signed-in SMTP connection (password or XOAUTH2), one transaction at a time
  (``composer.transaction``).
- ``GraphLine``: Microsoft Graph ``POST /me/sendMail`` with the whole MIME message, for a
  Microsoft 365 tenant that switched SMTP AUTH off. Microsoft answers 202: it has taken the
  message, which is weaker evidence than an SMTP 250 (it may still be refused later); the
  journal keeps that answer word for word, "accepted by Microsoft".
- ``GmailLine``: the Gmail API ``users.messages.send`` with the raw message; Google answers with
  the id of the message it filed in Sent, which the journal keeps.

Every line keeps the journal's promise the same way: ``before`` (which commits ``sending``)
runs right before the message is handed over; ``deliver`` returns the provider's acceptance or
raises one of the ``Undelivered`` kinds, and ``handed_over`` then says whether the message may
have left (a lost answer: in doubt, never retried silently). HTTP 429 and 503 are deferrals
(after ``Retry-After`` when given); a token the API refuses is renewed once, then the run stops
with "sign in again".
"""

from __future__ import annotations

import asyncio
import base64
import json
import sqlite3
import time
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from composer.errors import ComposerError
from composer.language import N_, _
from composer.transaction import (
    Transaction,
    drop,
    envelope,
    lost_how,
    lost_reason,
    reply_text,
    smtp_errors,
)

if TYPE_CHECKING:
    import ssl

    import aiosmtplib
    import requests

    from composer.accounts import Account, Secret
    from composer.signin import Tokens

Before = Callable[[], Awaitable[None]]
# Graph's answer as the journal keeps it (word for word, recognised by accepted_only: never
# translated); the report names such messages for what they are (translate with _() there)
GRAPH_ACCEPTED = "202 accepted by Microsoft (Graph); delivery is not confirmed as with SMTP"
ACCEPTED_BY_MICROSOFT = N_("accepted by Microsoft")
WEAKER = N_(
    "Microsoft took the message (HTTP 202): weaker evidence than a mail server's 250, since "
    "it can still be refused later; it is filed in Sent Items"
)


def accepted_only(reply: str | None) -> bool:
    """True for a message Microsoft Graph took (202) rather than a server accepted (250)."""
    return bool(reply) and str(reply).startswith(GRAPH_ACCEPTED[:25])


IDLE_CHECK = 30.0  # an SMTP connection idle this long is checked with NOOP before reuse


class Undelivered(Exception):
    """A message that did not go (this time); ``reason`` is the server's words or a sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Deferred(Undelivered):
    """Try again later: after ``delay`` seconds when the server said so, else the back-off."""

    def __init__(self, reason: str, *, delay: float | None = None) -> None:
        super().__init__(reason)
        self.delay = delay


class Refused(Undelivered):
    """This one message is refused for good (a bad address, too large); the run goes on."""


class Halted(Undelivered):
    """Nothing more can go this run (the sender address or the sign-in refused, a quota)."""

    def __init__(self, reason: str, *, sign_in: bool = False) -> None:
        super().__init__(reason)
        self.sign_in = sign_in


class Lost(Undelivered):
    """The connection or the answer was lost; see ``Line.handed_over``. ``how``: "late" (no
    answer in time), "unreachable" (never connected) or "cut" (the connection was lost)."""

    def __init__(self, reason: str, *, how: str = "cut") -> None:
        super().__init__(reason)
        self.how = how


class Line:
    """One sending slot: carries one message at a time to one provider."""

    handed_over = False  # after a failure: the message may have left
    # after a delivery over SMTP: the exact bytes the server took (for a copy in Sent); the
    # mail APIs file their own copy in Sent and leave it None
    sent_bytes: bytes | None = None

    @property
    def connected(self) -> bool:
        return True

    async def check(self) -> None:
        """Before reuse after a pause: find out whether the line still works."""

    async def deliver(self, message: EmailMessage, before: Before) -> str:
        raise NotImplementedError

    def drop(self) -> None:
        """Cut the line at once (no goodbye)."""

    async def close(self) -> None:
        """End the line politely; never raises."""


async def open_line(
    account: Account,
    secret: Secret,
    *,
    timeout: float,
    tls_context: ssl.SSLContext | None = None,
) -> Line:
    """A working line for ``account``: an SMTP connection signed in, or an API line with a
    current access token. Raises AccountError (one sentence) when it cannot be had."""
    if account.transport == "smtp":
        from composer import connection
        from composer.accounts import preset_headers

        smtp = await connection.connect(account, secret, timeout=timeout, tls_context=tls_context)
        return SmtpLine(smtp, timeout, headers=preset_headers(account))
    from composer.signin import SignInProblem, Tokens

    if not isinstance(secret, Tokens):
        raise SignInProblem(
            _("{address} must sign in with its provider to send.").format(address=account.address)
        )
    await asyncio.to_thread(secret.access_token)  # signs in now, so a refusal stops the run
    line_type = GraphLine if account.transport == "graph" else GmailLine
    return line_type(account, secret, timeout)


# -- SMTP -----------------------------------------------------------------------------------


class SmtpLine(Line):
    """``headers``: the account's provider's fixed headers (Postmark's message stream), put
    on every message this line carries, the campaign's and the test to yourself alike; they
    come from the preset, never from a campaign (``composer.accounts.preset_headers``)."""

    def __init__(
        self, smtp: aiosmtplib.SMTP, timeout: float, headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.smtp = smtp
        self.timeout = timeout
        self.headers = headers
        self._last_used = time.monotonic()

    @property
    def connected(self) -> bool:
        return bool(self.smtp.is_connected)

    async def check(self) -> None:
        if time.monotonic() - self._last_used > IDLE_CHECK:
            try:
                await self.smtp.noop(timeout=self.timeout)
            except smtp_errors():
                drop(self.smtp)

    async def deliver(self, message: EmailMessage, before: Before) -> str:
        from aiosmtplib import SMTPResponseException

        self.handed_over = False
        self.sent_bytes = None
        for name, value in self.headers:
            del message[name]
            message[name] = value
        transaction = Transaction(self.smtp, message, self.timeout)
        lost: tuple[type[BaseException], ...] = (*smtp_errors(), asyncio.CancelledError)
        try:
            reply = await transaction.run(before)
            self.sent_bytes = transaction.sent
            return reply
        except SMTPResponseException as e:
            reply = reply_text(e.code, e.message)
            await transaction.reset()
            if e.code == 421:  # the server is closing this connection: go on on a new one
                drop(self.smtp)
                raise Deferred(reply, delay=0.0) from None
            if 400 <= e.code < 500:
                raise Deferred(reply) from None
            if transaction.stage == "mail":  # the sender is refused, not this recipient
                raise Halted(
                    _(
                        "The mail server refused the sender address ({reply}); check the "
                        "account's address and try again."
                    ).format(reply=reply)
                ) from None
            raise Refused(reply) from None
        except (ComposerError, sqlite3.Error):
            await transaction.reset()
            raise
        except lost as e:
            drop(self.smtp)
            self.handed_over = transaction.stage == "content"
            if isinstance(e, asyncio.CancelledError):
                raise
            raise Lost(lost_reason(e), how=lost_how(e)) from e
        finally:
            self._last_used = time.monotonic()

    def drop(self) -> None:
        drop(self.smtp)

    async def close(self) -> None:
        from composer import connection

        try:
            # Waits until the socket is really closed: a TLS goodbye still under way when the
            # run's event loop ends would leave the socket open (a ResourceWarning much later).
            await connection.disconnect(self.smtp, timeout=min(self.timeout, 5.0))
        except BaseException:
            drop(self.smtp)


# -- the providers' mail APIs ----------------------------------------------------------------


class _ApiLine(Line):
    """A mail API over HTTPS: one request per message, with the account's bearer token."""

    provider = ""  # "Microsoft" / "Google", for the sentences

    def __init__(self, account: Account, tokens: Tokens, timeout: float) -> None:
        from composer.https import session

        self.account = account
        self.tokens = tokens
        self.timeout = timeout
        self.session = session()
        self.url = self._url()

    def _url(self) -> str:
        raise NotImplementedError

    def _body(self, raw: bytes) -> tuple[bytes, str]:
        raise NotImplementedError

    def _accepted(self, response: requests.Response) -> str | None:
        """The acceptance to record, or None when the answer is not one."""
        raise NotImplementedError

    async def deliver(self, message: EmailMessage, before: Before) -> str:
        import requests

        from composer.https import CONNECT_SECONDS
        from composer.signin import SignInProblem

        self.handed_over = False
        envelope(message)  # one recipient, no Cc or Bcc: checked by construction
        raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        body, content_type = self._body(raw)
        try:
            token = await asyncio.to_thread(self.tokens.access_token)
        except SignInProblem as e:
            raise Halted(str(e), sign_in=True) from None
        await before()
        for renewal in (False, True):
            # From here a cancelled run cannot call the request back: it may go out.
            self.handed_over = True
            try:
                response = await asyncio.to_thread(
                    self.session.post,
                    self.url,
                    data=body,
                    headers={"Authorization": f"Bearer {token}", "Content-Type": content_type},
                    timeout=(CONNECT_SECONDS, self.timeout),
                    allow_redirects=False,
                )
            except requests.ConnectTimeout as e:
                self.handed_over = False
                raise Lost(
                    _("{provider}'s mail service could not be reached in time.").format(
                        provider=self.provider
                    ),
                    how="late",
                ) from e
            except requests.ConnectionError as e:
                if _never_connected(e):
                    self.handed_over = False
                    raise Lost(
                        _("{provider}'s mail service could not be reached.").format(
                            provider=self.provider
                        ),
                        how="unreachable",
                    ) from e
                raise Lost(
                    _("The connection to {provider} was lost.").format(provider=self.provider)
                ) from e
            except requests.Timeout as e:  # the request went; its answer did not come
                raise Lost(
                    _("{provider}'s mail service did not answer in time.").format(
                        provider=self.provider
                    ),
                    how="late",
                ) from e
            self.handed_over = False  # a definite answer came back
            if response.status_code == 401 and not renewal:
                try:
                    token = await asyncio.to_thread(self.tokens.renew, refused=token)
                except SignInProblem as e:
                    raise Halted(str(e), sign_in=True) from None
                continue
            accepted = self._accepted(response)
            if accepted is not None:
                return accepted
            raise self._refusal(response)
        raise AssertionError("unreachable")  # pragma: no cover

    def _refusal(self, response: requests.Response) -> Undelivered:
        status = response.status_code
        said = f"{status} {_api_message(response)}".strip()
        if status == 401:
            return Halted(
                _("{provider} refused the sign-in for {address} ({reply}); sign in again.").format(
                    provider=self.provider, address=self.account.address, reply=said
                ),
                sign_in=True,
            )
        if status == 429 or status == 503:
            return Deferred(said, delay=_retry_after(response))
        if status == 504:  # the gateway gave up waiting: the message may have gone
            self.handed_over = True
            return Lost(
                _("{provider}'s mail service did not answer in time ({reply}).").format(
                    provider=self.provider, reply=said
                ),
                how="late",
            )
        if status >= 500:
            return Deferred(said, delay=_retry_after(response))
        if status == 403:
            return Halted(self._forbidden(said))
        return Refused(said)

    def _forbidden(self, said: str) -> str:
        return _(
            "{provider} does not let {address} send this way ({reply}); ask your administrator."
        ).format(provider=self.provider, address=self.account.address, reply=said)

    def drop(self) -> None:
        self.session.close()

    async def close(self) -> None:
        self.session.close()


class GraphLine(_ApiLine):
    provider = "Microsoft"

    def _url(self) -> str:
        from composer.signin import MICROSOFT, configuration

        return str(configuration(MICROSOFT).get("graph_url", "")).rstrip("/") + "/me/sendMail"

    def _body(self, raw: bytes) -> tuple[bytes, str]:
        return base64.b64encode(raw), "text/plain"  # Graph takes MIME as base64 text

    def _accepted(self, response: requests.Response) -> str | None:
        return GRAPH_ACCEPTED if response.status_code == 202 else None

    def _forbidden(self, said: str) -> str:
        return _(
            "Microsoft does not let {address} send through Graph ({reply}); ask your "
            "administrator to allow Apology Composer to send mail (Mail.Send)."
        ).format(address=self.account.address, reply=said)


class GmailLine(_ApiLine):
    provider = "Google"

    def _url(self) -> str:
        from composer.signin import GOOGLE, configuration

        base = str(configuration(GOOGLE).get("gmail_url", "")).rstrip("/")
        return base + "/users/me/messages/send"

    def _body(self, raw: bytes) -> tuple[bytes, str]:
        raw_text = base64.urlsafe_b64encode(raw).decode("ascii")
        return json.dumps({"raw": raw_text}).encode("ascii"), "application/json"

    def _accepted(self, response: requests.Response) -> str | None:
        if response.status_code != 200:
            return None
        try:
            found = response.json().get("id")
        except (ValueError, AttributeError):
            found = None
        return f"200 accepted by Google (id {found})" if found else None

    def _forbidden(self, said: str) -> str:
        if "limit" in said.lower() or "quota" in said.lower():
            return _(
                "Google's daily sending limit for {address} is reached ({reply}); the rest "
                "waits: send again tomorrow."
            ).format(address=self.account.address, reply=said)
        return _(
            "Google does not let {address} send through the Gmail API ({reply}); sign in again "
            "and allow sending, or ask your administrator."
        ).format(address=self.account.address, reply=said)


def _api_message(response: requests.Response) -> str:
    """The API's own short error text: Graph's ``error.code: message``, Google's
    ``error.message`` (both JSON), else the HTTP reason."""
    try:
        data: Any = response.json()
    except ValueError:
        data = None
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        code, text = error.get("code"), error.get("message")
        parts = [str(p) for p in (code if isinstance(code, str) else None, text) if p]
        if parts:
            return " ".join(": ".join(parts).split())[:300]
    return response.reason or ""


def _retry_after(response: requests.Response) -> float | None:
    """``Retry-After`` in seconds (a number or an HTTP date), if the server gave one."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _never_connected(error: BaseException) -> bool:
    """True when requests failed before any byte of the request left (refused, no route)."""
    from urllib3.exceptions import NameResolutionError, NewConnectionError

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, NewConnectionError | NameResolutionError):
            return True
        reason = getattr(current, "reason", None)
        current = reason if isinstance(reason, BaseException) else current.__context__
    return False

"""The practice outbox: a mail server on this computer that keeps every message it is given.

A newcomer can try the whole flow, Send included, without a real mailbox: the app starts a
loopback SMTP server, chooses it as the account, and shows the "sent" messages from the folder
where they land as .eml files. Nothing ever leaves the computer. Plain (no TLS) login is
acceptable here only because the server listens on 127.0.0.1 alone.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from composer.language import N_, _

if TYPE_CHECKING:
    from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

    from composer.accounts import Account

HOST = "127.0.0.1"
# the practice account's key (an account name no one can give: see is_practice), and, in the
# person's language, how the account list names it
PRACTICE_NAME = N_("Practice outbox (nothing leaves this computer)")
PRACTICE_ADDRESS = (
    "you@example.com"  # a reserved domain (RFC 2606); the outbox keeps all mail anyway
)
PRACTICE_USERNAME = "practice"


class _Keeper:
    """aiosmtpd handler: each accepted message becomes one numbered .eml file."""

    def __init__(self, folder: Path, first: int) -> None:
        self.folder = folder
        self._numbers = itertools.count(first)
        self._lock = threading.Lock()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self._lock:
            number = next(self._numbers)
        content = envelope.original_content or envelope.content
        assert content is not None  # aiosmtpd sets both before it calls handle_DATA
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        final = self.folder / f"{number:06d}.eml"
        partial = final.with_suffix(".part")
        # written aside then renamed, so a reader never sees half a message
        partial.write_bytes(content)
        os.replace(partial, final)
        return "250 Kept in the practice outbox"


class _QuietDeprecation(logging.Filter):
    """aiosmtpd 1.4 warns about its own legacy attribute on every login; not ours to fix."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "login_data is deprecated" not in record.getMessage()


def _accept_any_login(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
) -> AuthResult:
    from aiosmtpd.smtp import AuthResult

    return AuthResult(success=True)


class PracticeOutbox:
    """A loopback SMTP server in its own thread, keeping messages in ``folder``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.host = HOST
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self.start()

    def start(self) -> None:
        """Start listening on a free port of 127.0.0.1; returns once connections are accepted."""
        if self._thread is not None:
            return
        self._ready.clear()
        self._thread = threading.Thread(target=self._serve, name="practice-outbox", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._failure is not None or not self.port:
            self.stop()
            from composer.errors import AccountError

            raise AccountError(
                _(
                    "The practice outbox could not start on this computer; restart the app, or "
                    "use a real mail account instead."
                )
            ) from self._failure

    def _serve(self) -> None:
        from aiosmtpd.smtp import SMTP

        mail_log = logging.getLogger("mail.log")
        if not any(isinstance(f, _QuietDeprecation) for f in mail_log.filters):
            mail_log.addFilter(_QuietDeprecation())

        loop = asyncio.new_event_loop()
        self._loop = loop
        keeper = _Keeper(self.folder, first=len(self.messages()) + 1)

        def protocol() -> SMTP:
            return SMTP(
                keeper,
                hostname="practice-outbox.localhost",
                enable_SMTPUTF8=True,
                auth_required=False,
                auth_require_tls=False,  # loopback only, see the module docstring
                authenticator=_accept_any_login,
                loop=loop,
            )

        try:
            self._server = loop.run_until_complete(loop.create_server(protocol, HOST, 0))
            self.port = self._server.sockets[0].getsockname()[1]
        except BaseException as e:  # noqa: BLE001 - reported to the starting thread
            self._failure = e
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            loop.run_until_complete(self._server.wait_closed())
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def messages(self) -> list[Path]:
        """The kept messages, oldest first."""
        return sorted(self.folder.glob("*.eml"))

    def clear(self) -> None:
        """Forget every kept message (the practice run can start again from nothing)."""
        for path in self.messages():
            path.unlink(missing_ok=True)

    def stop(self) -> None:
        """Stop listening and wait for the server thread to end; safe to call twice."""
        thread, loop = self._thread, self._loop
        if thread is None:
            return
        if loop is not None and thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        self._thread = None
        self._loop = None
        self._server = None

    def __enter__(self) -> PracticeOutbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass(frozen=True, slots=True)
class KeptMessage:
    """One message as the practice outbox received it, ready to show."""

    path: Path
    sender: str
    to: str
    subject: str
    date: str
    text: str
    html: str | None
    attachments: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]


def read_kept(path: str | Path) -> KeptMessage:
    """Parse a kept .eml into what a person reads: headers, the plain text, the HTML, files."""
    import email
    from email.policy import default

    path = Path(path)
    msg = email.message_from_bytes(path.read_bytes(), policy=default)
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    files = tuple(part.get_filename() or _("(unnamed file)") for part in msg.iter_attachments())
    return KeptMessage(
        path=path,
        sender=str(msg.get("From", "")),
        to=str(msg.get("To", "")),
        subject=str(msg.get("Subject", "")),
        date=str(msg.get("Date", "")),
        text=text_part.get_content() if text_part is not None else "",
        html=html_part.get_content() if html_part is not None else None,
        attachments=files,
        headers=tuple((k, str(v)) for k, v in msg.items()),
    )


# Translators: the name the practice outbox's account sends as (the owner is writing to themselves)
PRACTICE_DISPLAY_NAME = N_("You")


def practice_account(outbox: PracticeOutbox) -> Account:
    """The account that sends into ``outbox``: loopback, no TLS, any password accepted."""
    from composer.accounts import Account

    return Account(
        name=PRACTICE_NAME,
        display_name=_(PRACTICE_DISPLAY_NAME),  # the owner reads it: the app's language
        address=PRACTICE_ADDRESS,
        host=outbox.host,
        port=outbox.port,
        security="none",
        username=PRACTICE_USERNAME,
    )


def is_practice(account: Account | None) -> bool:
    """True for the practice outbox's account (its password is not a secret)."""
    return account is not None and getattr(account, "name", None) == PRACTICE_NAME

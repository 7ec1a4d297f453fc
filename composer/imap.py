"""The owner's mailbox over IMAP: signed in over verified TLS, read a little at a time.

A careful guest in someone else's mailbox: folders are opened read-only (EXAMINE), messages
are read with BODY.PEEK (nothing is marked read), and the only change ever made is an APPEND
the caller asked for (a copy of a sent apology in Sent). Folders are found by their
SPECIAL-USE role (``\\Sent``), not by name, so "Sent Items", "Gesendet" and "[Gmail]/Sent Mail"
all work. imapclient does the protocol (a mature, synchronous client: the app runs it on its
worker thread, the CLI directly); its logger, which would write the password, is kept quiet.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from composer import trust
from composer.accounts import IMAP_SECURITIES
from composer.errors import AccountError
from composer.language import N_, _

if TYPE_CHECKING:
    from imapclient import IMAPClient

    from composer.accounts import Account, Secret

SECURITIES = IMAP_SECURITIES
BATCH = 200  # messages per FETCH
HEADER, HEADER_ANSWER = b"BODY.PEEK[HEADER]", b"BODY[HEADER]"
TIMEOUT = 30.0
IMAP_SCOPE = "https://outlook.office.com/IMAP.AccessAsUser.All"  # Microsoft's, for XOAUTH2

# imaplib's debug log, which imapclient forwards, holds every command (the LOGIN password too)
logging.getLogger("imapclient").setLevel(logging.WARNING)

# What a session could not do, for Mailbox._talking: {host}, {folder} and the server's {reason}
FIND_FAILED = N_(
    "The mailbox server {host} could not find the folders ({reason}); try again later."
)
SEARCH_FAILED = N_(
    "The mailbox server {host} could not search {folder} ({reason}); try again later."
)
READ_FAILED = N_("The mailbox server {host} could not read {folder} ({reason}); try again later.")
APPEND_FAILED = N_(
    "The mailbox server {host} could not file a copy in {folder} ({reason}); try again later."
)


class ImapProblem(AccountError):
    """The mailbox cannot be reached or read; one sentence for the person."""


@dataclass(frozen=True)
class ImapSettings:
    """Where the account's mailbox is read."""

    host: str
    port: int
    security: str  # "tls" (IMAPS, usually 993) or "starttls" (usually 143)
    username: str


def settings_for(account: Account) -> ImapSettings:
    """The IMAP side of a sending account, the same sign-in: the server the account names
    itself, else its provider's, else the SMTP server's name with ``imap`` for ``smtp``."""
    from composer.accounts import presets

    preset = presets().get(account.provider)
    return ImapSettings(
        host=account.imap_host or (preset and preset.imap_host) or _guess_host(account.host),
        port=account.imap_port or (preset.imap_port if preset else 993),
        security=account.imap_security or (preset.imap_security if preset else "tls"),
        username=account.login,
    )


def _guess_host(smtp_host: str) -> str:
    """smtp.example.com → imap.example.com, the common naming (the person can correct it)."""
    head, dot, rest = smtp_host.partition(".")
    return f"imap.{rest}" if dot and head.lower().startswith("smtp") else smtp_host


class Mailbox:
    """One signed-in IMAP session. Use as a context manager; every call may raise
    ImapProblem with a sentence."""

    def __init__(
        self,
        settings: ImapSettings,
        secret: Secret,
        *,
        timeout: float = TIMEOUT,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self.settings = settings
        self._secret = secret
        self._timeout = timeout
        self._tls = tls_context or trust.context()
        self._client: IMAPClient | None = None

    def __enter__(self) -> Mailbox:
        self.open()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # -- signing in -------------------------------------------------------------------------

    def open(self) -> None:
        from imapclient import IMAPClient
        from imapclient.exceptions import IMAPClientError, LoginError

        s = self.settings
        if s.security not in SECURITIES:
            raise ImapProblem(
                _("The mailbox security “{security}” is unknown; choose tls or starttls.").format(
                    security=s.security
                )
            )
        try:
            client = IMAPClient(
                s.host,
                port=s.port,
                ssl=s.security == "tls",
                ssl_context=self._tls,
                timeout=self._timeout,
            )
        except (OSError, IMAPClientError) as error:
            raise self._unreachable(error) from None
        try:
            if s.security == "starttls":
                client.starttls(ssl_context=self._tls)
            if isinstance(self._secret, str):
                client.login(s.username, self._secret)
            else:
                client.oauth2_login(s.username, self._token())
        except AccountError:  # no token to be had (signin), or Gmail with OAuth
            _quietly_close(client)
            raise
        except LoginError as error:
            _quietly_close(client)
            raise ImapProblem(
                _(
                    "The mailbox server {host} refused the sign-in for {username} ({reason}); "
                    "check the password (or app password) of the account."
                ).format(host=s.host, username=s.username, reason=_said(error)),
                field="password",
            ) from None
        except (OSError, IMAPClientError) as error:
            _quietly_close(client)
            raise self._unreachable(error) from None
        self._client = client

    def _token(self) -> str:
        """An access token for IMAP: Microsoft grants one to the app; Google's IMAP scope is
        restricted to apps that hold the whole mailbox, so Gmail is read with an app password."""
        from composer.signin import GOOGLE

        tokens = self._secret
        assert not isinstance(tokens, str)
        if tokens.provider == GOOGLE:
            raise ImapProblem(
                _(
                    "Reading the Gmail mailbox of {username} needs an app password (Google lets "
                    "apps sign in to a mailbox only with full access to it); add one in the "
                    "account settings to see bounces and replies."
                ).format(username=self.settings.username),
                field="password",
            )
        return tokens.access_token(IMAP_SCOPE)

    def _unreachable(self, error: BaseException) -> ImapProblem:
        s = self.settings
        if isinstance(error, ssl.SSLCertVerificationError):
            return ImapProblem(
                _(
                    "The mailbox server {host} showed a certificate this computer does not "
                    "trust ({reason}); check the server name."
                ).format(host=s.host, reason=error.verify_message or error.reason),
                field="host",
            )
        if isinstance(error, socket.gaierror):
            return ImapProblem(
                _("The mailbox server {host} could not be found; check its name.").format(
                    host=s.host
                ),
                field="host",
            )
        if isinstance(error, TimeoutError | socket.timeout):
            return ImapProblem(
                _(
                    "The mailbox server {host} did not answer on port {port} within {seconds} "
                    "seconds; check the port, or try again later."
                ).format(host=s.host, port=s.port, seconds=f"{self._timeout:g}"),
                field="port",
            )
        return ImapProblem(
            _(
                "The mailbox server {host} cannot be reached on port {port} ({reason}); check "
                "the server, port and security."
            ).format(host=s.host, port=s.port, reason=_said(error)),
            field="port",
        )

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _quietly_close(client)

    @property
    def client(self) -> IMAPClient:
        if self._client is None:
            raise ImapProblem(_("The mailbox is not open."))
        return self._client

    # -- reading ----------------------------------------------------------------------------

    def folder_with_role(self, role: str) -> str | None:
        """The folder marked with a SPECIAL-USE role such as ``\\Sent`` (None if none is)."""
        with self._talking(FIND_FAILED):
            return self.client.find_special_folder(role.encode("ascii"))

    def find_message_id(self, folder: str, message_id: str) -> dt.datetime | None:
        """When the message with this Message-ID arrived in ``folder`` (None: not there)."""
        wanted = message_id.strip()
        if not wanted.startswith("<"):
            wanted = f"<{wanted}>"
        with self._talking(SEARCH_FAILED, folder):
            self.client.select_folder(folder, readonly=True)
            found = self.client.search(["HEADER", "Message-ID", wanted])
            if not found:
                return None
            dates: dict[int, dict[bytes, Any]] = self.client.fetch(found[:1], ["INTERNALDATE"])
        stamp = next(iter(dates.values()), {}).get(b"INTERNALDATE")
        return stamp if isinstance(stamp, dt.datetime) else None

    def since(self, folder: str, day: dt.date) -> list[int]:
        """The UIDs of the messages that arrived in ``folder`` on ``day`` or later."""
        with self._talking(SEARCH_FAILED, folder):
            self.client.select_folder(folder, readonly=True)
            return list(self.client.search(["SINCE", day]))

    def headers(self, folder: str, uids: list[int]) -> dict[int, tuple[bytes, int]]:
        """Each message's header block and whole size, read without marking it read."""
        out: dict[int, tuple[bytes, int]] = {}
        with self._talking(READ_FAILED, folder):
            self.client.select_folder(folder, readonly=True)
            for start in range(0, len(uids), BATCH):
                answer = self.client.fetch(uids[start : start + BATCH], [HEADER, b"RFC822.SIZE"])
                for uid, data in answer.items():
                    out[uid] = (
                        bytes(data.get(HEADER_ANSWER, b"")),
                        int(data.get(b"RFC822.SIZE", 0)),
                    )
        return out

    def bodies(self, folder: str, uids: list[int]) -> dict[int, bytes]:
        """Whole messages (the caller keeps to a budget), read without marking them read."""
        out: dict[int, bytes] = {}
        with self._talking(READ_FAILED, folder):
            self.client.select_folder(folder, readonly=True)
            for start in range(0, len(uids), BATCH):
                answer = self.client.fetch(uids[start : start + BATCH], [b"BODY.PEEK[]"])
                for uid, data in answer.items():
                    out[uid] = bytes(data.get(b"BODY[]", b""))
        return out

    def append(self, folder: str, raw: bytes, *, seen: bool = True) -> None:
        """Put a copy of ``raw`` (the exact bytes sent) into ``folder``."""
        flags = (b"\\Seen",) if seen else ()
        with self._talking(APPEND_FAILED, folder):
            self.client.append(folder, raw, flags=flags)

    @contextlib.contextmanager
    def _talking(self, failed: str, folder: str = "") -> Iterator[None]:
        """Any failure of the session inside, as ``failed`` (one of the ``*_FAILED`` sentences)."""
        from imapclient.exceptions import IMAPClientError

        try:
            yield
        except (OSError, IMAPClientError) as error:
            raise ImapProblem(
                _(failed).format(host=self.settings.host, folder=folder, reason=_said(error))
            ) from None


def _said(error: BaseException) -> str:
    """The server's words in an error, as text: imaplib gives them as the repr of bytes
    (``b'[AUTHENTICATIONFAILED] Authentication failed.'``)."""
    text = str(error).strip()
    spelled = re.fullmatch(r"b(['\"])(.*)\1", text, re.DOTALL)
    if spelled:
        text = spelled[2]
    text = " ".join(text.strip("'\"").split())
    return text.rstrip(".")[:200] or type(error).__name__


def _quietly_close(client: IMAPClient) -> None:
    with contextlib.suppress(Exception):
        client.logout()
    with contextlib.suppress(Exception):
        client.shutdown()

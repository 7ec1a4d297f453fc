"""Opening a signed-in SMTP connection for an account, and saying in plain words why not.

The sender, ``account test`` and the app's "Test connection" button all come through here, so
a wrong port or an app-password problem reads the same everywhere. TLS is verified against the
operating system's trust store (``composer.trust``, which honours ``SSL_CERT_FILE``); a
password never crosses the network unencrypted unless the server is on this computer."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from composer import trust
from composer.accounts import Account, is_loopback, password_hint, validate_account
from composer.errors import AccountError
from composer.language import N_, _

if TYPE_CHECKING:
    import aiosmtplib

    from composer.accounts import Secret

# The steps of connecting; the English names are the keys (test_account returns them), the
# person reads them translated (``_(step)``).
STEP_RESOLVE = N_("Find the server")
STEP_CONNECT = N_("Connect")
STEP_TLS = N_("Secure the connection")
STEP_LOGIN = N_("Sign in")
STEP_QUIT = N_("Sign out")
STEPS = (STEP_RESOLVE, STEP_CONNECT, STEP_TLS, STEP_LOGIN, STEP_QUIT)

# How long to try an implicit-TLS handshake when a STARTTLS port stays silent.
_TLS_PROBE_SECONDS = 5.0


class ConnectionProblem(AccountError):
    """Connecting or signing in failed; ``reason`` is a stable code for programs, and
    ``retryable`` says whether trying again later can help (a busy server, a lost line) or
    only the person can (a wrong password, host or certificate)."""

    reason = "connection"
    retryable = True

    def __init__(self, message: str, *, field: str | None = None, reply: str | None = None) -> None:
        super().__init__(message, field=field)
        self.reply = reply  # the server's own words, when it gave any


class HostNotFound(ConnectionProblem):
    retryable = False
    reason = "host_not_found"


class ConnectionRefused(ConnectionProblem):
    reason = "refused"


class TimedOut(ConnectionProblem):
    reason = "timed_out"


class CertificateNotTrusted(ConnectionProblem):
    retryable = False
    reason = "certificate"


class WrongSecurity(ConnectionProblem):
    retryable = False
    reason = "wrong_security"


class AuthNotOffered(ConnectionProblem):
    retryable = False
    reason = "auth_not_offered"


class LoginRejected(ConnectionProblem):
    """The server refused the user name or password: stop, do not try again and again."""

    reason = "login_rejected"
    retryable = False


class SmtpAuthOff(LoginRejected):
    """Microsoft 365 switched SMTP sign-in off (535 5.7.139): no password or token helps;
    an administrator can switch it on, or an OAuth account can send through Graph."""

    reason = "smtp_auth_off"


class ServerBusy(ConnectionProblem):
    """A temporary refusal (421 at greeting, 454 at sign-in): try again later."""

    reason = "server_busy"


class Disconnected(ConnectionProblem):
    reason = "disconnected"


# -- public API -----------------------------------------------------------------------------


async def connect(
    account: Account,
    secret: Secret,
    *,
    timeout: float = 30,
    tls_context: ssl.SSLContext | None = None,
) -> aiosmtplib.SMTP:
    """A connected, encrypted (unless loopback ``none``) and signed-in SMTP client.

    ``secret`` is the password, or the tokens of a sign-in with Microsoft or Google: an access
    token the server refuses is renewed once and tried again. Raises a ConnectionProblem
    subclass (or ``signin.SignInProblem``) whose text is one sentence for the person."""
    return await _Opening(account, timeout, tls_context, None).run(secret)


async def test_account(
    account: Account,
    secret: Secret,
    *,
    timeout: float = 30,
    tls_context: ssl.SSLContext | None = None,
) -> list[tuple[str, bool, str]]:
    """Each step of connecting as ``(step, ok, sentence)``; stops at the first failure.

    Steps are :data:`STEPS`: find the server, connect, secure the connection, sign in, sign
    out. Never raises for a connection problem: the failing step carries the reason."""
    if account.transport != "smtp":
        return await _test_api_sign_in(account, secret)
    steps: list[tuple[str, bool, str]] = []

    def record(step: str, detail: str) -> None:
        # a renewed token repeats the steps: each is shown once, as it went the last time
        steps[:] = [s for s in steps if s[0] != step]
        steps.append((step, True, detail))

    opening = _Opening(account, timeout, tls_context, record)
    try:
        smtp = await opening.run(secret)
    except AccountError as problem:
        steps.append((opening.stage, False, str(problem)))
        return steps
    protocol = smtp.protocol
    try:
        await smtp.quit()
        steps.append((STEP_QUIT, True, _("Signed out and closed the connection.")))
    except Exception as exc:
        steps.append((STEP_QUIT, False, str(_explain(exc, account, STEP_QUIT, timeout))))
    finally:
        await _close(smtp, protocol)
    return steps


test_account.__test__ = False  # type: ignore[attr-defined]  # not a pytest test when imported


async def _test_api_sign_in(account: Account, secret: Secret) -> list[tuple[str, bool, str]]:
    """An account that sends through Microsoft Graph or the Gmail API: the sign-in is what
    can be tried without sending (the test message tries the rest)."""
    from composer.signin import LABELS, provider_of

    label = LABELS[provider_of(account) or "microsoft"]
    try:
        if isinstance(secret, str):
            raise LoginRejected(
                _("{address} must sign in with {provider}, not a password.").format(
                    address=account.address, provider=label
                )
            )
        await asyncio.to_thread(secret.access_token)
    except AccountError as problem:
        return [(STEP_LOGIN, False, str(problem))]
    signed_in = (
        _("Signed in as {address} with {provider}; messages go through Microsoft Graph.")
        if account.transport == "graph"
        else _("Signed in as {address} with {provider}; messages go through the Gmail API.")
    )
    return [(STEP_LOGIN, True, signed_in.format(address=account.address, provider=label))]


async def disconnect(smtp: aiosmtplib.SMTP, *, timeout: float = 5) -> None:
    """Say QUIT if still connected, then wait until the socket is really closed.

    Never raises: the messages are already sent or not. Waiting matters for TLS, whose
    goodbye finishes after ``close()`` returns; ending the event loop before it leaks the socket.
    Works also after the server dropped the connection (a 421) or ``quit()`` was already sent."""
    protocol = smtp.protocol or getattr(smtp, "_composer_protocol", None)
    with contextlib.suppress(Exception):
        if smtp.is_connected:
            await smtp.quit(timeout=timeout)
    await _close(smtp, protocol, timeout)


async def _close(smtp: aiosmtplib.SMTP, protocol: object = None, timeout: float = 5) -> None:
    """Close ``smtp`` and wait (at most ``timeout``) for its socket to be gone."""
    protocol = protocol or smtp.protocol or getattr(smtp, "_composer_protocol", None)
    smtp.close()
    if protocol is None:
        return
    deadline = asyncio.get_running_loop().time() + timeout
    while not getattr(protocol, "_connection_lost", True):
        if asyncio.get_running_loop().time() > deadline:
            # The server never finished the TLS goodbye: cut the socket instead of leaving it
            # open past the end of the event loop.
            transport = getattr(protocol, "transport", None)
            if transport is not None:
                transport.abort()
            break
        await asyncio.sleep(0.005)


def format_test_steps(steps: list[tuple[str, bool, str]]) -> str:
    """The lines ``account test`` prints: one per step, then a verdict."""
    lines = [f"{'ok  ' if ok else 'FAIL'}  {_(step)}: {detail}" for step, ok, detail in steps]
    if steps and all(ok for _step, ok, _detail in steps):
        lines.append(_("The account works: messages can be sent from it."))
    else:
        failed = next((detail for _step, ok, detail in steps if not ok), "")
        lines.append(_("The account does not work yet. {reason}").format(reason=failed).rstrip())
    return "\n".join(lines)


# -- the steps ------------------------------------------------------------------------------


class _Opening:
    """One attempt to connect and sign in, remembering which step it is at."""

    def __init__(
        self,
        account: Account,
        timeout: float,
        tls_context: ssl.SSLContext | None,
        on_step: Callable[[str, str], None] | None,
    ) -> None:
        self.account = account
        self.timeout = timeout
        self.tls_context = tls_context
        self.on_step = on_step or (lambda step, detail: None)
        self.stage = STEP_RESOLVE

    async def run(self, secret: Secret) -> aiosmtplib.SMTP:
        if isinstance(secret, str):
            return await self._run(secret)
        token = await asyncio.to_thread(secret.access_token)
        try:
            return await self._run(token)
        except LoginRejected as refused:
            if isinstance(refused, SmtpAuthOff):
                raise  # switched off for the mailbox: a new token changes nothing
            renewed = await asyncio.to_thread(secret.renew, refused=token)
            return await self._run(renewed)

    async def _run(self, secret: str) -> aiosmtplib.SMTP:
        account = self.account
        validate_account(account)
        address = await self._resolve()
        self.on_step(
            STEP_RESOLVE, _("{host} is at {address}.").format(host=account.host, address=address)
        )

        import aiosmtplib

        self.stage = STEP_CONNECT
        context = self.tls_context or trust.context()
        implicit = account.security == "tls"
        smtp = aiosmtplib.SMTP(
            hostname=account.host,
            port=account.port,
            use_tls=implicit,
            start_tls=False,
            tls_context=context if implicit else None,
            timeout=self.timeout,
            local_hostname="localhost",  # replaced below; avoids a slow getfqdn()
        )
        try:
            await self._connect(smtp)
            await self._secure(smtp, context)
            self.stage = STEP_LOGIN
            await self._login(smtp, secret)
        except asyncio.CancelledError:
            # aiosmtplib types its transport as any BaseTransport; it is a socket's Transport
            transport = cast("asyncio.Transport | None", smtp.transport)
            if transport is not None:
                transport.abort()  # no TLS goodbye: the socket goes on the loop's next turn
            smtp.close()
            raise
        except ConnectionProblem:
            await _close(smtp)
            raise
        except Exception as exc:
            await _close(smtp)
            raise _explain(exc, account, self.stage, self.timeout) from exc
        # aiosmtplib drops its protocol when the server closes (421); disconnect() still needs
        # it to wait for the socket to be gone.
        smtp._composer_protocol = smtp.protocol  # type: ignore[attr-defined]
        return smtp

    async def _resolve(self) -> str:
        host = self.account.host
        # RFC 6761: names under .invalid never resolve; answer without asking any resolver.
        if host.rstrip(".").lower().endswith(".invalid"):
            raise _host_not_found(host)
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, self.account.port, type=socket.SOCK_STREAM),
                self.timeout,
            )
        except (TimeoutError, socket.gaierror, UnicodeError):
            raise _host_not_found(host) from None
        return str(infos[0][4][0])

    async def _connect(self, smtp: aiosmtplib.SMTP) -> None:
        account = self.account
        import aiosmtplib

        try:
            await smtp.connect()
        except aiosmtplib.SMTPConnectTimeoutError as exc:
            # Connected but no greeting: perhaps a TLS-from-the-start port.
            silent = account.security != "tls" and "ready message" in str(exc)
            if silent and await _speaks_tls(account.host, account.port, self.timeout):
                raise WrongSecurity(
                    _(
                        "The server on port {port} expects TLS from the start, not {security}; "
                        "choose TLS."
                    ).format(
                        port=account.port,
                        security="STARTTLS" if account.security == "starttls" else _("plain SMTP"),
                    ),
                    field="security",
                ) from exc
            raise
        except aiosmtplib.SMTPConnectError as exc:
            if account.security == "tls" and _ssl_error(exc) is not None:
                # TCP worked (a TLS alert came back); the handshake did not.
                self._connected()
                self.stage = STEP_TLS
            raise
        local = smtp.get_transport_info("sockname")
        if local:
            ip = local[0]
            smtp.local_hostname = f"[IPv6:{ip}]" if ":" in ip else f"[{ip}]"
        self._connected()

    def _connected(self) -> None:
        self.on_step(
            STEP_CONNECT,
            _("Connected to {host} on port {port}.").format(
                host=self.account.host, port=self.account.port
            ),
        )

    def _encrypted(self, smtp: aiosmtplib.SMTP) -> None:
        self.on_step(
            STEP_TLS,
            _("Encrypted with {version}; certificate trusted.").format(version=_tls_version(smtp)),
        )

    async def _secure(self, smtp: aiosmtplib.SMTP, context: ssl.SSLContext) -> None:
        account = self.account
        self.stage = STEP_TLS
        if account.security == "tls":
            self._encrypted(smtp)
            return
        await smtp.ehlo()
        if account.security == "none":
            self.on_step(
                STEP_TLS, _("Not encrypted: allowed only because the server is on this computer.")
            )
            return
        if not smtp.supports_extension("starttls"):
            raise WrongSecurity(
                _(
                    "The server on port {port} does not offer STARTTLS; choose TLS (usually port "
                    "465) or check the port."
                ).format(port=account.port),
                field="security",
            )
        await smtp.starttls(tls_context=context)
        self._encrypted(smtp)

    async def _login(self, smtp: aiosmtplib.SMTP, secret: str) -> None:
        account = self.account
        if not (account.security != "none" or is_loopback(account.host)):
            raise WrongSecurity(  # validate_account already refuses this; never send it clear
                _(
                    "Signing in to {host} without encryption is refused; choose STARTTLS or TLS."
                ).format(host=account.host),
                field="security",
            )
        await smtp.ehlo()
        if not smtp.supports_extension("auth") or not smtp.server_auth_methods:
            if account.security == "none" and smtp.supports_extension("starttls"):
                raise WrongSecurity(
                    _(
                        "The server on port {port} wants STARTTLS before signing in; choose "
                        "STARTTLS."
                    ).format(port=account.port),
                    field="security",
                )
            raise AuthNotOffered(
                _(
                    "The mail server {host} does not offer sign-in on port {port}; use your "
                    "provider's submission port (usually 587 or 465)."
                ).format(host=account.host, port=account.port),
                field="port",
            )
        offered = set(smtp.server_auth_methods)
        if account.auth == "oauth2":  # the secret is an access token from the provider
            if "xoauth2" not in offered:
                raise AuthNotOffered(
                    _(
                        "The mail server {host} does not offer sign-in with your provider's "
                        "account (XOAUTH2) on port {port}; check the server and port of your "
                        "provider."
                    ).format(host=account.host, port=account.port),
                    field="port",
                )
            await smtp.auth_xoauth2(account.login, secret)
            self.on_step(
                STEP_LOGIN,
                _("Signed in as {login} with your account's sign-in.").format(login=account.login),
            )
            return
        # One mechanism only: aiosmtplib's login() would retry a rejected password with every
        # other mechanism, which providers count as repeated failed sign-ins.
        mechanism = next((m for m in ("plain", "login", "cram-md5") if m in offered), None)
        if mechanism is None:
            raise AuthNotOffered(
                _(
                    "The mail server {host} offers no sign-in method this app can use on port "
                    "{port}; use your provider's submission port (usually 587 or 465)."
                ).format(host=account.host, port=account.port),
                field="port",
            )
        method = getattr(smtp, "auth_" + mechanism.replace("-", ""))
        await method(account.login, secret)
        self.on_step(STEP_LOGIN, _("Signed in as {login}.").format(login=account.login))


# -- plain words ----------------------------------------------------------------------------


def _host_not_found(host: str) -> HostNotFound:
    return HostNotFound(
        _("The mail server {host} could not be found; check the server name.").format(host=host),
        field="host",
    )


def _ssl_error(exc: BaseException) -> ssl.SSLError | None:
    """The TLS error somewhere in ``exc``'s chain of causes, if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _root_cause(exc: BaseException) -> BaseException:
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


def _tls_version(smtp: aiosmtplib.SMTP) -> str:
    ssl_object = smtp.get_transport_info("ssl_object")
    version = ssl_object.version() if ssl_object is not None else None
    return (version or "TLS").replace("TLSv", "TLS ")


async def _speaks_tls(host: str, port: int, timeout: float) -> bool:
    """True when ``host:port`` completes a TLS handshake right away (an implicit-TLS port)."""
    probe = ssl.create_default_context()
    probe.check_hostname = False  # only asking "is this TLS?", never sending anything
    probe.verify_mode = ssl.CERT_NONE
    seconds = min(_TLS_PROBE_SECONDS, timeout)
    try:
        _reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=probe, ssl_handshake_timeout=seconds),
            seconds + 1,
        )
    except (OSError, TimeoutError):
        return False
    writer.close()
    try:
        await asyncio.wait_for(writer.wait_closed(), seconds)
    except (OSError, TimeoutError):
        writer.transport.abort()  # no TLS goodbye came back: free the socket anyway
    return True


def _explain(exc: Exception, account: Account, stage: str, timeout: float) -> ConnectionProblem:
    """Turn an aiosmtplib/OS error at ``stage`` into one sentence the person can act on."""
    import aiosmtplib

    host, port, login = account.host, account.port, account.login
    step = _(stage).lower()  # the step, as the sentence names it
    tls_error = _ssl_error(exc)
    if isinstance(tls_error, ssl.SSLCertVerificationError):
        detail = tls_error.verify_message or tls_error.reason or _("not trusted")
        return CertificateNotTrusted(
            _(
                "The mail server {host} showed a certificate this computer does not trust "
                "({reason}); check the server name, or ask your provider."
            ).format(host=host, reason=detail),
            field="host",
        )
    if tls_error is not None and stage in (STEP_CONNECT, STEP_TLS) and account.security == "tls":
        return WrongSecurity(
            _("The server on port {port} expects STARTTLS, not TLS; choose STARTTLS.").format(
                port=port
            ),
            field="security",
        )
    if tls_error is not None:
        return WrongSecurity(
            _(
                "The secure connection to {host} on port {port} failed ({reason}); check the "
                "security setting and port."
            ).format(host=host, port=port, reason=tls_error.reason or tls_error),
            field="security",
        )
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        reply = f"{exc.code} {exc.message}".strip()
        if 400 <= exc.code < 500:
            return ServerBusy(
                _(
                    "The mail server {host} is not accepting sign-ins right now ({reply}); wait "
                    "a while before trying again."
                ).format(host=host, reply=reply),
                reply=reply,
            )
        if account.auth == "oauth2" and "5.7.139" not in exc.message:
            refused = (
                _(
                    "The mail server {host} refused the sign-in for {login} ({reply}): the "
                    "sign-in was for another account than {login}; sign in again as {login}."
                )
                if "5.7.3" in exc.message
                else _(
                    "The mail server {host} refused the sign-in for {login} ({reply}): the "
                    "sign-in is no longer accepted; sign in again."
                )
            )
            return LoginRejected(
                refused.format(host=host, login=login, reply=reply),
                reply=reply,
            )
        if "5.7.139" in exc.message:
            switched_off = (
                _(
                    "The mail server {host} rejected the sign-in for {login} ({reply}); SMTP "
                    "sign-in is turned off for this mailbox or organisation: ask your "
                    "administrator to turn on SMTP AUTH for it (Microsoft explains how at "
                    "{link}), or send through Microsoft Graph instead (the account settings "
                    "offer it)."
                )
                if account.auth == "oauth2"
                else _(
                    "The mail server {host} rejected the sign-in for {login} ({reply}); SMTP "
                    "sign-in is turned off for this mailbox or organisation: ask your "
                    "administrator to turn on SMTP AUTH for it (Microsoft explains how at "
                    "{link})."
                )
            )
            return SmtpAuthOff(
                switched_off.format(
                    host=host, login=login, reply=reply, link="https://aka.ms/smtp_auth_disabled"
                ),
                reply=reply,
            )
        if "5.7.30" in exc.message:
            return LoginRejected(
                _(
                    "The mail server {host} rejected the sign-in for {login} ({reply}); password "
                    "sign-in is turned off for this organisation; ask your administrator to "
                    "allow it."
                ).format(host=host, login=login, reply=reply),
                field="password",
                reply=reply,
            )
        # the provider's hint is a sentence of its own ("Gmail needs an app password …")
        return LoginRejected(
            _(
                "The mail server {host} rejected the sign-in for {login}: {hint} (the server "
                "said: {reply})."
            ).format(host=host, login=login, hint=password_hint(account).rstrip("."), reply=reply),
            field="password",
            reply=reply,
        )
    if isinstance(exc, aiosmtplib.SMTPConnectResponseError):
        reply = f"{exc.code} {exc.message}".strip()
        return ServerBusy(
            _(
                "The mail server {host} is not accepting connections right now ({reply}); try "
                "again in a few minutes."
            ).format(host=host, reply=reply),
            reply=reply,
        )
    if isinstance(exc, aiosmtplib.SMTPTimeoutError | TimeoutError):
        if stage == STEP_CONNECT and "ready message" not in str(exc):
            return TimedOut(
                _(
                    "The mail server {host} did not answer on port {port} within {seconds} "
                    "seconds; check the port, or try again later."
                ).format(host=host, port=port, seconds=f"{timeout:g}"),
                field="port",
            )
        return TimedOut(
            _(
                "The mail server {host} stopped answering during “{step}” for {seconds} "
                "seconds; try again later."
            ).format(host=host, step=step, seconds=f"{timeout:g}"),
        )
    root = _root_cause(exc)
    if isinstance(root, socket.gaierror):
        return _host_not_found(host)
    if isinstance(root, ConnectionRefusedError):
        return ConnectionRefused(
            _(
                "The mail server {host} refused the connection on port {port}; check the port "
                "(usually 587 for STARTTLS or 465 for TLS)."
            ).format(host=host, port=port),
            field="port",
        )
    if isinstance(exc, aiosmtplib.SMTPServerDisconnected) or isinstance(root, ConnectionError):
        return Disconnected(
            _(
                "The mail server {host} closed the connection during “{step}”; check the "
                "security setting and port, or try again later."
            ).format(host=host, step=step),
        )
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        reply = f"{exc.code} {exc.message}".strip()
        return ConnectionProblem(
            _(
                "The mail server {host} refused “{step}” ({reply}); check the account settings."
            ).format(host=host, step=step, reply=reply),
            reply=reply,
        )
    if isinstance(root, OSError):
        return ConnectionRefused(
            _(
                "The mail server {host} cannot be reached on port {port} ({reason}); check your "
                "internet connection."
            ).format(host=host, port=port, reason=root.strerror or root),
            field="port",
        )
    return ConnectionProblem(
        _(
            "Connecting to {host} failed during “{step}” ({error}); check the account settings."
        ).format(host=host, step=step, error=exc)
    )

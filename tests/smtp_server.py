"""A real SMTP server on 127.0.0.1 for tests, with faults you can switch on.

Why: the sender must be proven against a server that really speaks SMTP, TLS and AUTH, and
that misbehaves the way real providers do — never against a mock of the client.

Quick use (pytest fixtures in ``tests/conftest.py``)::

    def test_x(smtp_server, trust_test_ca):        # STARTTLS + AUTH, CA trusted via SSL_CERT_FILE
        ... send to smtp_server.host / smtp_server.port ...
        [msg] = smtp_server.wait_for(1)
        assert msg.rcpt_tos == ("ann@example.com",)

    def test_y(make_smtp_server):                   # factory; servers stop at test end
        server = make_smtp_server(security="tls", close_after=5, reply_delay_ms=30)

Without pytest::

    with SMTPTestServer(security="starttls") as server:
        ctx = server.client_tls_context()          # or env SSL_CERT_FILE=server.ca_pem

Constructor ``SMTPTestServer(*, security="starttls", username=USERNAME, password=PASSWORD,
require_auth=True, auth_mechanisms=("PLAIN", "LOGIN"), host="127.0.0.1", **faults)``:

- ``security``: ``"starttls"`` (STARTTLS must come before AUTH and MAIL), ``"tls"`` (implicit
  TLS from the first byte) or ``"none"`` (plain TCP; AUTH is offered in the clear, loopback only).
- Certificates come from one private trustme CA per test process (``private_ca()``), issued
  for ``127.0.0.1`` and ``localhost``. ``ca_pem`` (also ``ca_pem_path()``) is the CA's PEM
  path: set ``SSL_CERT_FILE`` to it (fixture ``trust_test_ca``) or use ``client_tls_context()``.
- ``port`` is a free port picked by the OS when ``start()`` runs; ``address`` is ``(host, port)``.
- ``account(**overrides)`` is a ``composer.accounts.Account`` for this server; the password
  is ``PASSWORD`` (or the ``password`` given).
- ``token="…"`` also offers ``AUTH XOAUTH2`` (as Microsoft 365 and Gmail do), accepting only
  that access token for ``username``; ``set_token(new)`` expires the old one. A wrong user gets
  ``535 5.7.3``, a stale token ``535 5.7.8``.
- Clients: end sessions with ``composer.connection.disconnect(smtp)``; it waits for the TLS
  goodbye, otherwise ``asyncio.run`` may end first and pytest fails on an unclosed socket.

Records (thread-safe copies):

- ``messages`` → list of ``ReceivedMessage`` (``connection_id``, ``mail_from``, ``rcpt_tos``,
  ``raw`` bytes, ``message`` as ``email.message.EmailMessage``, ``received_at`` epoch seconds,
  ``username``, ``reply``). A message is recorded exactly when the server accepted it, including
  when the ``drop_after_data`` fault then hides the 250 from the client.
- ``connections`` → list of ``ConnectionRecord`` (``id``, ``opened_at``, ``closed_at``, ``tls``,
  ``username``, ``messages``, ``refused``).
- ``logins`` → list of ``(username, accepted)`` for every AUTH attempt.
- ``wait_for(count, timeout=10)`` waits until at least ``count`` messages are recorded.
- ``clear()`` forgets all records (faults stay).

Faults (keyword arguments of the constructor or ``set_faults(**faults)``; settable at any time
from any thread; ``clear_faults()`` restores the defaults):

- ``temp_fail_probability`` (float 0–1) with ``seed`` (int): 451 after DATA, message not recorded.
- ``temp_fail_next`` (int): the next N messages get 451 after DATA.
- ``close_after`` (int | None): after N accepted messages on one connection, the next MAIL gets
  ``421`` and the server closes that connection.
- ``drop_after_data`` (int): the next N accepted messages are recorded, then the connection is
  cut before the client sees the 250 (a delivery the client must treat as in doubt).
- ``drop_probability`` (float): the same, at random (seeded by ``seed``).
- ``reject_recipients`` (iterable of addresses, case-insensitive): ``550 5.1.1`` at RCPT.
- ``stall_seconds`` (float) with ``stall_on`` (``"greeting"``, ``"mail"``, ``"rcpt"`` or
  ``"data"``): wait that long before answering that step (for client timeouts).
- ``reject_login`` (bool): every AUTH gets ``535 5.7.8`` even with the right password.
- ``reply_delay_ms`` (float): wait before every reply (one wait per reply, also multi-line ones):
  a stand-in for network latency in benchmarks.
- ``smtp_auth_disabled`` (bool): every sign-in gets Microsoft's ``535 5.7.139`` (SMTP AUTH
  switched off for the tenant).
- ``handshake_delay`` (float): with ``security="tls"``, seconds before the server answers a
  new connection's TLS handshake (the whole server waits meanwhile, as an overloaded one does).
- ``max_connections`` (int | None) with ``over_limit_reply`` (default
  ``"421 4.3.2 Too many concurrent connections; try again later"``): a connection beyond the
  limit gets that greeting and is closed (like Microsoft 365's limit of 3).

The server runs its own asyncio loop in one thread, so it serves sync tests, async tests and
subprocesses alike; ``stop()`` closes every connection and joins the thread.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import dataclasses
import email
import email.policy
import logging
import os
import random
import shutil
import ssl
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, ClassVar, Self, TypeVar

import trustme
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

USERNAME = "owner@shop.test"
PASSWORD = "correct horse battery staple"
SECURITIES = ("starttls", "tls", "none")
STALL_STAGES = ("greeting", "mail", "rcpt", "data")

# aiosmtpd logs a deprecation notice per login; keep it off stderr outside pytest's capture.
logging.getLogger("mail.log").addHandler(logging.NullHandler())

_ca_lock = threading.Lock()
_ca: trustme.CA | None = None
_ca_dir: str | None = None


def private_ca() -> trustme.CA:
    """The one private CA of this test process (made on first use; cheap ECDSA keys)."""
    global _ca, _ca_dir
    with _ca_lock:
        if _ca is None:
            _ca = trustme.CA(organization_name="Apology Composer test CA")
            _ca_dir = tempfile.mkdtemp(prefix="apology-test-ca-")
            atexit.register(shutil.rmtree, _ca_dir, True)
            _ca.cert_pem.write_to_path(os.path.join(_ca_dir, "ca.pem"))
        return _ca


def ca_pem_path() -> str:
    """Path of the test CA's certificate in PEM form, for ``SSL_CERT_FILE``."""
    private_ca()
    assert _ca_dir is not None
    return os.path.join(_ca_dir, "ca.pem")


# ---- shared by the loopback fakes (this one, identity_server, mail_api_server, dns_server) ----

_Record = TypeVar("_Record")


class LoopbackService:
    """A fake that ``start()`` starts (and returns) and ``stop()`` stops; as a context manager
    it is started on entering the block and stopped on leaving it."""

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class FaultSwitches:
    """``set_faults(**faults)`` and ``clear_faults()`` for a fake that keeps its faults as one
    ``fault_type`` dataclass in ``_faults``, guarded by ``_lock``."""

    fault_type: ClassVar[type[Any]]
    _lock: Any
    _faults: Any

    def _check_fault_names(self, faults: Mapping[str, Any]) -> None:
        unknown = set(faults) - {f.name for f in dataclasses.fields(self.fault_type)}
        if unknown:
            raise TypeError(f"unknown fault(s): {', '.join(sorted(unknown))}")

    def set_faults(self, **faults: Any) -> None:
        """Change some faults now; unnamed ones keep their current value."""
        self._check_fault_names(faults)
        with self._lock:
            self._faults = dataclasses.replace(self._faults, **faults)

    def clear_faults(self) -> None:
        """Back to a well-behaved server."""
        with self._lock:
            self._faults = self.fault_type()


def wait_for_records(
    cond: threading.Condition, records: list[_Record], count: int, timeout: float, failure: str
) -> list[_Record]:
    """Wait on ``cond`` (its lock guards ``records``; notified when one is added) until
    ``records`` holds at least ``count``; returns a copy of them all. After ``timeout`` seconds:
    ``TimeoutError(failure)``, formatted with ``count`` and ``recorded`` (how many there are)."""
    deadline = time.monotonic() + timeout
    with cond:
        while len(records) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(failure.format(count=count, recorded=len(records)))
            cond.wait(left)
        return list(records)


@dataclass(frozen=True)
class ReceivedMessage:
    """One message the server accepted (answered, or would have answered, with 250)."""

    connection_id: int
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    message: EmailMessage
    received_at: float
    username: str | None
    reply: str


@dataclass
class ConnectionRecord:
    """One TCP connection the server saw."""

    id: int
    opened_at: float
    closed_at: float | None = None
    tls: bool = False
    username: str | None = None
    messages: int = 0
    refused: bool = False


@dataclass
class Faults:
    """The misbehaviour switched on right now; see the module docstring."""

    temp_fail_probability: float = 0.0
    temp_fail_next: int = 0
    seed: int | None = None
    close_after: int | None = None
    drop_after_data: int = 0
    drop_probability: float = 0.0
    reject_recipients: frozenset[str] = frozenset()
    stall_seconds: float = 0.0
    stall_on: str = "data"
    reject_login: bool = False
    reply_delay_ms: float = 0.0
    handshake_delay: float = 0.0
    smtp_auth_disabled: bool = False
    max_connections: int | None = None
    over_limit_reply: str = "421 4.3.2 Too many concurrent connections; try again later"


class SMTPTestServer(LoopbackService, FaultSwitches):
    """A recording aiosmtpd server on loopback; see the module docstring for the API."""

    fault_type = Faults

    def __init__(
        self,
        *,
        security: str = "starttls",
        username: str = USERNAME,
        password: str = PASSWORD,
        require_auth: bool = True,
        auth_mechanisms: Iterable[str] = ("PLAIN", "LOGIN"),
        host: str = "127.0.0.1",
        token: str | None = None,
        **faults: Any,
    ) -> None:
        if security not in SECURITIES:
            raise ValueError(f"security must be one of {SECURITIES}, not {security!r}")
        self.security = security
        self.username = username
        self.password = password
        self.require_auth = require_auth
        self.auth_mechanisms = tuple(m.upper() for m in auth_mechanisms)
        if token is not None and "XOAUTH2" not in self.auth_mechanisms:
            self.auth_mechanisms += ("XOAUTH2",)
        self.token = token  # the one access token XOAUTH2 accepts now (set_token changes it)
        self.host = host
        self.port = 0
        self._lock = threading.Lock()
        self._faults = Faults()
        self._random = random.Random()
        self._messages: list[ReceivedMessage] = []
        self._connections: list[ConnectionRecord] = []
        self._logins: list[tuple[str, bool]] = []
        self._live = 0
        self._cond = threading.Condition(self._lock)
        self._mails = 0  # transactions started (MAIL accepted)
        self._open = 0  # transactions started and not finished
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.base_events.Server | None = None
        self._protocols: set[_FaultySMTP] = set()
        cert = private_ca().issue_cert("127.0.0.1", "localhost")
        self._server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(self._server_tls)
        self.set_faults(**faults)

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> SMTPTestServer:
        """Start the loop thread and listen on a free port; returns self."""
        if self._thread is not None:
            return self
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(
            target=self._run_loop, name=f"smtp-test-server-{self.security}", daemon=True
        )
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), loop).result(10)
        return self

    def stop(self) -> None:
        """Close every connection, stop the loop and join its thread."""
        if self._thread is None or self._loop is None:
            return
        loop, thread = self._loop, self._thread
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        self._thread = None
        self._loop = None

    @property
    def ca_pem(self) -> str:
        """Path of the test CA certificate (PEM) to trust, e.g. as ``SSL_CERT_FILE``."""
        return ca_pem_path()

    @property
    def address(self) -> tuple[str, int]:
        return (self.host, self.port)

    def client_tls_context(self) -> ssl.SSLContext:
        """A client context that trusts the test CA (and nothing else)."""
        context = ssl.create_default_context(cafile=ca_pem_path())
        return context

    def account(self, **overrides: Any) -> Any:
        """A ``composer.accounts.Account`` pointing at this server (overrides win)."""
        from composer.accounts import Account

        values: dict[str, Any] = {
            "name": f"test-{self.security}",
            "display_name": "Shop Owner",
            "address": self.username,
            "host": self.host,
            "port": self.port,
            "security": self.security,
            "username": self.username,
        }
        values.update(overrides)
        return Account(**values)

    # -- faults and records -----------------------------------------------------------------

    def set_faults(self, **faults: Any) -> None:
        """Change some faults now; unnamed ones keep their current value."""
        self._check_fault_names(faults)
        if "reject_recipients" in faults:
            faults["reject_recipients"] = frozenset(a.lower() for a in faults["reject_recipients"])
        if faults.get("stall_on", "data") not in STALL_STAGES:
            raise ValueError(f"stall_on must be one of {STALL_STAGES}")
        with self._lock:
            self._faults = dataclasses.replace(self._faults, **faults)
            if "seed" in faults:
                self._random.seed(faults["seed"])

    @property
    def faults(self) -> Faults:
        with self._lock:
            return self._faults

    @property
    def messages(self) -> list[ReceivedMessage]:
        with self._lock:
            return list(self._messages)

    @property
    def connections(self) -> list[ConnectionRecord]:
        with self._lock:
            return [dataclasses.replace(c) for c in self._connections]

    @property
    def logins(self) -> list[tuple[str, bool]]:
        with self._lock:
            return list(self._logins)

    def clear(self) -> None:
        """Forget recorded messages, connections and logins."""
        with self._lock:
            self._messages.clear()
            self._connections.clear()
            self._logins.clear()

    def wait_until_quiet(self, window: float = 0.6, timeout: float = 20.0) -> int:
        """Wait until no new transaction (MAIL) has started for ``window`` seconds and none
        is open; returns the number of messages recorded by then. For "nothing new starts"
        (a paused or cancelled run): the one place the tests wait for silence."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                seen = self._mails
                if self._open == 0:
                    self._cond.wait(window)
                    if self._mails == seen and self._open == 0:
                        return len(self._messages)
                elif not self._cond.wait(max(0.0, deadline - time.monotonic())):
                    raise TimeoutError("the server kept receiving")
                if time.monotonic() > deadline:
                    raise TimeoutError("the server kept receiving")

    def _transaction(self, change: int) -> None:
        with self._cond:
            if change > 0:
                self._mails += 1
            self._open = max(0, self._open + change)
            self._cond.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMessage]:
        """Wait until at least ``count`` messages are recorded; returns them all."""
        return wait_for_records(
            self._cond,
            self._messages,
            count,
            timeout,
            "expected {count} messages, the server recorded {recorded}",
        )

    # -- inside the loop thread -------------------------------------------------------------

    def _run_loop(self) -> None:
        assert self._loop is not None
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_forever()
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
        finally:
            self._loop.close()

    async def _listen(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            self._make_protocol,
            self.host,
            0,
            ssl=self._server_tls if self.security == "tls" else None,
        )
        self.port = self._server.sockets[0].getsockname()[1]

    def _make_protocol(self) -> _FaultySMTP:
        if self.security == "tls" and (delay := self.faults.handshake_delay):
            time.sleep(delay)  # called on accept, before the handshake begins
        excluded = {"PLAIN", "LOGIN", "XOAUTH2"} - set(self.auth_mechanisms)
        protocol = _FaultySMTP(
            _Recorder(self),
            owner=self,
            hostname="smtp.test",
            tls_context=self._server_tls if self.security == "starttls" else None,
            require_starttls=self.security == "starttls",
            auth_require_tls=self.security == "starttls",  # implicit TLS is TLS already
            auth_exclude_mechanism=excluded,
            authenticator=self._authenticate,
            enable_SMTPUTF8=True,
            loop=self._loop,
        )
        # Tracked from birth (before the socket is handed over) until connection_lost, so
        # stop() waits for and cuts even a connection accepted a moment before it.
        self._protocols.add(protocol)
        return protocol

    async def _shutdown(self) -> None:
        current = asyncio.current_task()
        # Cut every session (and any accepted meanwhile) until nothing is left, and only then
        # stop listening, with no await in between: Python 3.11 leaks a socket whose accept
        # task runs after Server.close().
        for _ in range(300):
            for protocol in list(self._protocols):
                protocol.hang_up(abort=True)
                if protocol._handler_coroutine is not None:
                    protocol._handler_coroutine.cancel()
            await asyncio.sleep(0.01)
            # A TLS handshake in progress keeps its accept task alive; a failed one leaves a
            # protocol that never got a transport and never will.
            if not (asyncio.all_tasks() - {current}) and all(
                p.transport is None for p in self._protocols
            ):
                break
        self._protocols.clear()
        if self._server is not None:
            self._server.close()

    def _authenticate(
        self, server: SMTP, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login = data.login.decode("utf-8", "replace")
        password = data.password.decode("utf-8", "replace")
        with self._lock:
            ok = (
                not self._faults.reject_login
                and login == self.username
                and password == self.password
            )
            self._logins.append((login, ok))
            if ok:
                server.record.username = login
        return AuthResult(success=ok, handled=False, auth_data=data)

    def set_token(self, token: str) -> None:
        """From now on XOAUTH2 accepts only ``token`` (the one before has expired)."""
        with self._lock:
            self.token = token

    def _check_token(self, server: _FaultySMTP, user: str, token: str) -> str | None:
        """None when ``token`` signs ``user`` in; else the reply a provider would give."""
        with self._lock:
            ok = not self._faults.smtp_auth_disabled and user == self.username
            ok = ok and token == self.token
            self._logins.append((user, ok))
            if ok:
                server.record.username = user
                return None
            if self._faults.smtp_auth_disabled:
                return (
                    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is "
                    "disabled for the Tenant."
                )
            if user != self.username:
                return "535 5.7.3 Authentication unsuccessful"
            return "535 5.7.8 Authentication credentials invalid (token expired)"

    def _open_connection(self, protocol: _FaultySMTP) -> bool:
        """Register a connection; False when it is over the connection limit."""
        with self._lock:
            record = ConnectionRecord(id=len(self._connections) + 1, opened_at=time.time())
            record.tls = self.security == "tls"
            self._connections.append(record)
            protocol.record = record
            limit = self._faults.max_connections
            if limit is not None and self._live >= limit:
                record.refused = True
                return False
            self._live += 1
            return True

    def _close_connection(self, protocol: _FaultySMTP, counted: bool) -> None:
        with self._lock:
            protocol.record.closed_at = time.time()
            if counted:
                self._live -= 1

    def _draw(self, probability: float) -> bool:
        """One seeded coin toss; call with the lock held."""
        return probability > 0 and self._random.random() < probability


class _FaultySMTP(SMTP):
    """aiosmtpd's protocol plus per-connection bookkeeping, reply delays and stalls."""

    def __init__(self, handler: Any, *, owner: SMTPTestServer, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.owner = owner
        self.record = ConnectionRecord(id=0, opened_at=time.time())
        self.transaction_open = False

    def begin(self) -> None:
        if not self.transaction_open:
            self.transaction_open = True
            self.owner._transaction(+1)

    def end(self) -> None:
        if self.transaction_open:
            self.transaction_open = False
            self.owner._transaction(-1)

    async def smtp_RSET(self, arg: str) -> None:
        self.end()
        await super().smtp_RSET(arg)

    def connection_lost(self, error: Exception | None) -> None:
        self.end()
        super().connection_lost(error)
        self.owner._protocols.discard(self)

    async def push(self, status: Any) -> None:
        delay = self.owner.faults.reply_delay_ms
        text = status.decode("ascii", "replace") if isinstance(status, bytes) else status
        if delay > 0 and text[3:4] != "-":  # once per reply, before its last line
            await asyncio.sleep(delay / 1000)
        await super().push(status)

    async def stall(self, stage: str) -> None:
        faults = self.owner.faults
        if faults.stall_seconds > 0 and faults.stall_on == stage:
            await asyncio.sleep(faults.stall_seconds)

    def hang_up(self, *, abort: bool = False) -> None:
        """Close this connection (both layers after STARTTLS)."""
        if not abort:  # the TLS layer flushes the last reply, then aiosmtpd closes the rest
            if self.transport is not None and not self.transport.is_closing():
                self.transport.close()
            return
        for transport in (self.transport, self._original_transport):
            if transport is not None:
                transport.abort()

    async def hang_up_and_wait(self) -> None:
        """Cut the connection and wait here until aiosmtpd cancels this session."""
        self.hang_up(abort=True)
        await asyncio.sleep(60)

    async def _handle_client(self) -> None:
        owner = self.owner
        counted = owner._open_connection(self)
        try:
            if not counted:
                await super().push(owner.faults.over_limit_reply)
                self.hang_up()
                return
            await self.stall("greeting")
            await super()._handle_client()
        except (asyncio.CancelledError, ConnectionError):
            pass  # the peer went away or the server is stopping: the normal end here
        finally:
            # However the session ended (QUIT, peer gone, stall cancelled), the socket closes.
            if self.transport is not None and not self.transport.is_closing():
                self.transport.close()
            owner._close_connection(self, counted)

    async def auth_XOAUTH2(self, _: Any, args: list[str]) -> AuthResult:
        """``AUTH XOAUTH2 <base64 of "user=…\\x01auth=Bearer …\\x01\\x01">``, as the providers
        take it; a refusal is answered at once with the provider's 535."""
        if len(args) != 2:
            await super().push("501 5.5.2 XOAUTH2 needs its initial response")
            return AuthResult(success=False, handled=True)
        try:
            fields = dict(
                part.split("=", 1)
                for part in base64.b64decode(args[1], validate=True).decode().split("\x01")
                if part
            )
        except (ValueError, UnicodeDecodeError):
            await super().push("501 5.5.2 Can't decode base64")
            return AuthResult(success=False, handled=True)
        bearer = fields.get("auth", "")
        token = bearer[len("Bearer ") :] if bearer.startswith("Bearer ") else ""
        refusal = self.owner._check_token(self, fields.get("user", ""), token)
        if refusal is None:
            return AuthResult(success=True, auth_data=LoginPassword(fields["user"].encode(), b""))
        await super().push(refusal)
        return AuthResult(success=False, handled=True)

    async def smtp_STARTTLS(self, arg: str) -> None:
        await super().smtp_STARTTLS(arg)
        if self._tls_protocol is not None:
            self.record.tls = True


class _Recorder:
    """aiosmtpd handler hooks: apply the faults, record what is accepted."""

    def __init__(self, owner: SMTPTestServer) -> None:
        self.owner = owner

    async def handle_MAIL(
        self, server: _FaultySMTP, session: Any, envelope: Any, address: str, options: list
    ) -> str:
        owner = self.owner
        if owner.require_auth and not session.authenticated:
            return "530 5.7.0 Authentication required"
        limit = owner.faults.close_after
        if limit is not None and server.record.messages >= limit:
            await server.push("421 4.7.0 Too many messages on this connection; reconnect")
            server.hang_up()
            await asyncio.sleep(60)
        server.begin()
        await server.stall("mail")
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 2.1.0 OK"

    async def handle_RCPT(
        self, server: _FaultySMTP, session: Any, envelope: Any, address: str, options: list
    ) -> str:
        await server.stall("rcpt")
        if address.lower() in self.owner.faults.reject_recipients:
            return f"550 5.1.1 <{address}>: Recipient address rejected: user unknown"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: _FaultySMTP, session: Any, envelope: Any) -> str:
        try:
            return await self._data(server, envelope)
        finally:
            server.end()

    async def _data(self, server: _FaultySMTP, envelope: Any) -> str:
        owner = self.owner
        await server.stall("data")
        raw = bytes(envelope.original_content)
        with owner._lock:
            faults = owner._faults
            if faults.temp_fail_next > 0 or owner._draw(faults.temp_fail_probability):
                if faults.temp_fail_next > 0:
                    owner._faults = dataclasses.replace(
                        faults, temp_fail_next=faults.temp_fail_next - 1
                    )
                return "451 4.3.0 Temporary local problem; please try again later"
            drop = faults.drop_after_data > 0 or owner._draw(faults.drop_probability)
            if faults.drop_after_data > 0:
                owner._faults = dataclasses.replace(
                    faults, drop_after_data=faults.drop_after_data - 1
                )
            reply = f"250 2.0.0 OK: queued as T{len(owner._messages) + 1:06d}"
            owner._messages.append(
                ReceivedMessage(
                    connection_id=server.record.id,
                    mail_from=envelope.mail_from,
                    rcpt_tos=tuple(envelope.rcpt_tos),
                    raw=raw,
                    message=email.message_from_bytes(raw, policy=email.policy.default),  # type: ignore[arg-type]
                    received_at=time.time(),
                    username=server.record.username,
                    reply=reply,
                )
            )
            server.record.messages += 1
            owner._cond.notify_all()
        if drop:
            await server.hang_up_and_wait()
        return reply

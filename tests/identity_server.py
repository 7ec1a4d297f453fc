"""A fake identity provider on 127.0.0.1 for tests: Microsoft's identity platform and Google's
OAuth endpoints, answering the real ``msal`` and ``google-auth-oauthlib`` as the real ones do.

Why: signing in must be proven with the real libraries against a server that speaks their
protocol (discovery, PKCE, form_post, nonce, device code, rotating refresh tokens) and that
fails the way Microsoft and Google really fail — never against a mock of the library.

Quick use (pytest fixtures in ``tests/conftest.py``)::

    def test_x(identity_server, oauth_config):      # config file + APOLOGY_COMPOSER_OAUTH_CONFIG
        with installed_browser(PlayingBrowser()):   # plays the person in the system browser
            ... the app signs in; identity_server.requests shows what it asked ...

    app = msal.PublicClientApplication(
        server.microsoft_client_id, authority=server.microsoft_authority,
        instance_discovery=False, http_client=server.client_session())

    flow = InstalledAppFlow.from_client_config(server.google_client_config(), scopes,
                                               autogenerate_code_verifier=True)
    flow.oauth2session.verify = ca_pem_path()   # see below: REQUESTS_CA_BUNDLE wins over it
    flow.run_local_server(host="127.0.0.1", port=0, open_browser=True)

requests lets ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` (when set, as on many machines and CI)
override a session's ``verify`` whenever ``trust_env`` is on, which is how google-auth-oauthlib's
session and most app sessions run: the ``oauth_config`` fixture points both at the test CA.

Constructor ``IdentityServer(*, users=(USERNAME,), microsoft_client_id=MICROSOFT_CLIENT_ID,
google_client_id=GOOGLE_CLIENT_ID, google_client_secret=GOOGLE_CLIENT_SECRET)``; ``start()``
returns self, ``stop()`` cuts open connections and joins every thread (also a context manager).

- ``base_url`` is ``https://127.0.0.1:PORT``; the certificate comes from the test CA
  (``tests.smtp_server.private_ca()``), so clients trust ``ca_pem_path()``. ``requests`` does not
  read ``SSL_CERT_FILE``: use ``client_session()`` (a ``requests.Session`` trusting the CA,
  proxies ignored; the caller closes it).
- Microsoft: ``microsoft_authority`` is ``BASE/common``; ``microsoft_authority_for(tenant)`` for
  ``organizations``, ``consumers``, a tenant id or a user's domain. Discovery is at
  ``BASE/<tenant>/v2.0/.well-known/openid-configuration``, then ``/<tenant>/oauth2/v2.0/``
  ``authorize`` (query or form_post answer), ``token`` (authorization_code with PKCE S256,
  refresh_token, device_code) and ``devicecode``. An unknown tenant gets AADSTS90002.
- Google: ``google_auth_uri`` (``BASE/google/auth``, answers with a 302 to the loopback
  redirect_uri) and ``google_token_uri`` (``BASE/google/token``: authorization_code with PKCE
  and the client secret in Basic auth or the body; refresh_token). ``google_client_config()``
  is the ``{"installed": {...}}`` dict ``InstalledAppFlow.from_client_config`` wants.
- ``config(tmp_path, mail_api=None)`` writes the app's OAuth config JSON (the format of
  ``APOLOGY_COMPOSER_OAUTH_CONFIG``) and returns its path; ``graph_url``/``gmail_url`` point at
  the mail API fake when given, else at this server (which answers 404 there).

How it behaves (as the real ones, where it matters to a client):

- Users are known by address (``add_user(address, tenant=None, name=None, consented=())``;
  the tenant id defaults to one per domain, ``tenant="consumers"`` is a personal account).
  The browser signs in as ``sign_in_as(address)`` if set, else the ``login_hint``, else the
  first user.
- Access tokens are per (user, resource scopes): a token for
  ``https://outlook.office.com/SMTP.Send`` is no good for ``https://graph.microsoft.com/Mail.Send``.
  ``is_valid(token, scope=None)`` answers the user's address or None (scope None: any scope),
  for other fakes that check bearer tokens; ``on_token(user, scope, access_token)`` (settable
  attribute) is called on every token issued.
- Microsoft: every resource scope asked at authorize is consented; a refresh token then works
  for any consented resource (else ``invalid_grant`` AADSTS65001 with suberror
  consent_required). Refresh tokens rotate (a new one in every answer); old ones stay valid
  unless ``microsoft_keep_old_refresh_tokens = False``. Scopes of two resources in one token
  request get AADSTS28000. The id_token (unsigned, ``alg: none``) carries the nonce exactly as
  sent to authorize (msal sends a SHA-256 of its own nonce and compares). ``client_info`` is
  answered when ``client_info=1`` was asked. Device code: ``devicecode`` answers a user code
  and ``interval = device_code_interval`` (1 s); polls get ``authorization_pending`` until
  approved, ``expired_token`` after ``device_code_lifetime``.
- Google: the token answer echoes the scope string as requested (minus scopes the person
  unticked), with an id_token (``email`` claim) when openid/email/profile was asked. As Google
  does, a refresh token comes only when ``access_type=offline`` and the consent screen was
  shown (first consent, new scopes, or ``prompt=consent``); refresh tokens do not rotate.

Controls (thread-safe, any time):

- ``sign_in_as(address | None)``; ``add_user(...)``; ``issue_tokens(address, scope,
  provider="microsoft")`` signs in without a browser and returns the token answer (for tests
  of the senders that need a good access and refresh token).
- ``approve_device_code(after=0.0, user=None, user_code=None)`` approves pending device codes
  ``after`` seconds from now; ``auto_approve_device_codes = seconds`` approves each new one that
  long after it is issued; ``decline_device_code(user_code=None)``.
- ``revoke(address, reason="revoked")``: the user's refresh tokens stop working
  (``invalid_grant``: Microsoft AADSTS50173, or AADSTS70008 with ``reason="expired"``; Google
  "Token has been expired or revoked."); Google also forgets the consent. Access tokens live on
  until ``expire_access_tokens(address=None)``.
- ``fail_next(error, provider=None, at=None, count=1)``: the next ``count`` matching calls fail
  as the provider does. ``at`` is ``"authorize"``, ``"token"`` or ``"devicecode"`` (default: where
  that error really happens). Microsoft errors: ``consent_required`` (AADSTS65001; invalid_grant
  with suberror at token, ``error=consent_required`` at authorize), ``access_denied``
  (AADSTS65004, user declined), ``interaction_required`` (AADSTS50076, MFA),
  ``conditional_access`` (AADSTS53003), ``unauthorized_client`` (AADSTS700016, app not in the
  tenant; at authorize an error page that never returns to the app), ``device_code_blocked``
  (AADSTS53003 to the device-code poll, as when a Conditional Access policy blocks device code
  flow), ``public_client_disabled`` (AADSTS7000218, 401 invalid_client), ``invalid_grant``,
  ``server_error`` (503). Google errors: ``access_denied``, ``invalid_grant``, ``revoked``,
  ``invalid_client`` (401), ``interaction_required`` (reauth, ``error_subtype=invalid_rapt``),
  ``server_error`` (503). ``clear_faults()``.

Records (thread-safe copies): ``requests`` → list of ``IdentityRequest`` (``provider``,
``endpoint``, ``method``, ``path``, ``tenant``, ``grant_type``, ``params`` with secrets shown as
``"<hidden>"``, ``status``, ``error``, ``user``, ``at``); ``issued`` → list of ``IssuedToken``
(``provider``, ``user``, ``scope``, ``access_token``, ``grant_type``, ``at``); ``clear()``.

The browser: ``PlayingBrowser(action="sign_in", decline_scopes=(), delay=0.0)`` is a
``webbrowser.BaseBrowser`` whose ``open(url)`` returns True at once and, in a thread, GETs the
authorize URL (loopback only, trusting the test CA), then delivers the answer to the app's
loopback listener as a real browser does (POST of the form_post form, or GET of the 302
Location). ``action``: ``"sign_in"``, ``"cancel"`` (the person clicks Cancel: the provider
answers ``error=access_denied``), ``"abandon"`` (the sign-in page stays open, nothing comes
back) or ``"unavailable"`` (``open`` returns False, as with no browser). ``decline_scopes``:
the person unticks those scopes on Google's consent screen (Microsoft's consent is all or
nothing, so there it is a Cancel); ``delay``: seconds before the browser acts. ``visits`` →
``BrowserVisit`` records (``url``, ``status``, ``page``, ``delivered``, ``fields``,
``listener_status``, ``listener_page``, ``error``); ``wait(count=1)``;
``authorization_answer(url)`` follows the URL without delivering. ``installed_browser(browser)``
makes it the default browser for ``webbrowser`` (and so for msal and google-auth-oauthlib)
inside a ``with`` block.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import html
import html.parser
import json
import os
import re
import secrets
import socket
import socketserver
import ssl
import string
import struct
import threading
import time
import uuid
import webbrowser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit

import requests

from tests.smtp_server import (
    USERNAME,
    LoopbackService,
    ca_pem_path,
    private_ca,
    wait_for_records,
)

MICROSOFT_CLIENT_ID = "3f6b2c1e-8d4a-4b7e-9c2f-a1b2c3d4e5f6"
GOOGLE_CLIENT_ID = "1029384756-apologycomposertest.apps.googleusercontent.com"
GOOGLE_CLIENT_SECRET = "GOCSPX-apology-composer-test-secret"

SMTP_SEND = "https://outlook.office.com/SMTP.Send"
GRAPH_MAIL_SEND = "https://graph.microsoft.com/Mail.Send"
GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send"
GOOGLE_MAIL = "https://mail.google.com/"  # full access, also what Gmail's SMTP XOAUTH2 wants
GOOGLE_EMAIL = "https://www.googleapis.com/auth/userinfo.email"
CONSUMERS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad"  # Microsoft's tenant of personal accounts
DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"

BROWSER_HEADER = "X-Test-Browser"  # how PlayingBrowser tells the fake what the person does
DECLINE_HEADER = "X-Test-Decline-Scopes"
BROWSER_ACTIONS = ("sign_in", "cancel", "abandon", "unavailable")

_MS_RESERVED = frozenset({"openid", "profile", "offline_access", "email"})
_GOOGLE_IDENTITY = frozenset(
    {"openid", "email", "profile", GOOGLE_EMAIL, "https://www.googleapis.com/auth/userinfo.profile"}
)
_GOOGLE_EMAIL_SCOPES = frozenset({"email", GOOGLE_EMAIL})
# Scopes that also grant another one (Gmail's send works with these broader scopes too).
_IMPLIED_BY = {
    GMAIL_SEND: frozenset(
        {
            GOOGLE_MAIL,
            "https://www.googleapis.com/auth/gmail.compose",
            "https://www.googleapis.com/auth/gmail.modify",
        }
    ),
}
_SECRET_PARAMS = frozenset(
    {
        "client_secret",
        "code",
        "code_verifier",
        "refresh_token",
        "device_code",
        "access_token",
        "id_token",
        "client_assertion",
        "assertion",
        "password",
    }
)
_TENANT_PATH = re.compile(
    r"^/(?P<tenant>[^/]+)/(?:(?P<discovery>v2\.0/\.well-known/openid-configuration)"
    r"|oauth2/v2\.0/(?P<endpoint>authorize|token|devicecode))$"
)


# ---- the HTTPS plumbing (shared with tests/mail_api_server.py) ----------------------------------


def _test_ca_session() -> requests.Session:
    """A requests session that trusts the test CA and ignores proxy settings."""
    session = requests.Session()
    session.verify = ca_pem_path()
    session.trust_env = False
    return session


class LoopbackHTTPS(ThreadingHTTPServer):
    """A threaded HTTPS server on 127.0.0.1 (a free port) with a certificate from the test CA.

    Each connection's TLS handshake runs in its own (daemon) thread, so a client that never
    handshakes blocks nobody. ``stop()`` ends the accept loop, cuts every open connection
    (idle keep-alive ones too) and joins every thread, so a test leaves nothing behind."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], name: str) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        cert = private_ca().issue_cert("127.0.0.1", "localhost")
        self.tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(self.tls)
        self.name = name
        self.stopping = threading.Event()  # handlers that wait on purpose wait on this
        self._live: set[socket.socket] = set()
        self._handlers: list[threading.Thread] = []
        self._live_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks getfqdn() for a name; a loopback fake needs no lookup.
        socketserver.TCPServer.server_bind(self)
        self.server_name = "127.0.0.1"
        self.server_port = self.server_address[1]

    @property
    def port(self) -> int:
        return self.server_address[1]

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=self.name,
                daemon=True,  # a server a test forgot to stop does not keep the process alive
            )
            self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        self.stopping.set()
        self.shutdown()
        self._thread.join()
        self._thread = None
        with self._live_lock:
            live = list(self._live)
        for sock in live:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # not SSLSocket's: no TLS goodbye
        with self._live_lock:
            handlers = list(self._handlers)
        for thread in handlers:
            thread.join(10)
        self.server_close()

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name=f"{self.name}-connection",
            daemon=True,
        )
        with self._live_lock:
            self._handlers = [t for t in self._handlers if t.is_alive()]
            self._handlers.append(thread)
        thread.start()

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(30)
        with self._live_lock:
            self._live.add(request)
        conn: ssl.SSLSocket | None = None
        try:
            conn = self.tls.wrap_socket(request, server_side=True)
            with self._live_lock:
                self._live.discard(request)
                self._live.add(conn)
            self.RequestHandlerClass(conn, client_address, self)
        except (OSError, ValueError):
            pass  # a failed handshake, or the client (or stop()) cut the connection
        finally:
            with self._live_lock:
                self._live.discard(request)
                if conn is not None:
                    self._live.discard(conn)
            if conn is not None:
                conn.close()


@dataclass
class Reply:
    """One HTTP answer, built under the fake's lock and written after it."""

    status: int
    body: bytes = b""
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # for the records
    user: str | None = None
    callbacks: list[Callable[[], None]] = field(default_factory=list)


def json_reply(status: int, obj: Any, headers: dict[str, str] | None = None) -> Reply:
    error = None
    if isinstance(obj, dict) and isinstance(obj.get("error"), str):
        error = obj["error"]
    return Reply(status, json.dumps(obj).encode(), headers=dict(headers or {}), error=error)


class LoopbackHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, quiet, with small helpers to read a body and write a Reply."""

    protocol_version = "HTTP/1.1"
    timeout = 60

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass

    def read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.body or reply.status not in (202, 204, 302):
            self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if reply.body:
            self.wfile.write(reply.body)

    def cut(self) -> None:
        """End the connection with a reset and no answer (the close happens on return)."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


class _ServiceHandler(LoopbackHandler):
    def do_GET(self) -> None:
        self.server.owner._serve(self, "GET")  # type: ignore[attr-defined]

    def do_POST(self) -> None:
        self.server.owner._serve(self, "POST")  # type: ignore[attr-defined]


class LoopbackHTTPSService(LoopbackService):
    """A fake served over HTTPS by a ``LoopbackHTTPS`` named ``name``: every GET and POST goes
    to its ``_serve(handler, method)``, in the connection's thread. ``start()`` returns self,
    ``stop()`` cuts open connections and joins every thread (also a context manager);
    ``base_url`` is ``https://127.0.0.1:PORT``."""

    def __init__(self, name: str) -> None:
        self._http = LoopbackHTTPS(_ServiceHandler, name)
        self._http.owner = self  # type: ignore[attr-defined]

    def start(self) -> Self:
        self._http.start()
        return self

    def stop(self) -> None:
        self._http.stop()

    @property
    def port(self) -> int:
        return self._http.port

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def client_session(self) -> requests.Session:
        """A requests session that trusts the test CA and ignores proxy settings."""
        return _test_ca_session()

    def _serve(self, handler: LoopbackHandler, method: str) -> None:
        raise NotImplementedError


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unsigned_jwt(claims: dict[str, Any]) -> str:
    header = {"typ": "JWT", "alg": "none"}
    parts = (json.dumps(p, separators=(",", ":")).encode() for p in (header, claims))
    return ".".join(_b64url(p) for p in parts) + "."


def _s256(verifier: str) -> str:
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def _is_loopback_url(url: str, schemes: tuple[str, ...] = ("http",)) -> bool:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    return (
        parts.scheme in schemes
        and parts.hostname in ("127.0.0.1", "localhost", "::1")
        and port is not None
    )


def _with_query(url: str, fields: dict[str, str]) -> str:
    return url + ("&" if "?" in url else "?") + urlencode(fields)


def _html_page(status: int, title: str, text: str, error: str | None = None) -> Reply:
    page = (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>"
    )
    return Reply(status, page.encode(), "text/html; charset=utf-8", error=error)


# ---- what the providers answer when things go wrong -----------------------------------------


@dataclass(frozen=True)
class ProviderError:
    """One failure as the provider really answers it (see the module docstring for names)."""

    at: str  # where it happens unless told otherwise: "authorize", "token" or "devicecode"
    error: str
    description: str  # Microsoft: the text after "AADSTSnnnn: "
    code: int | None = None  # Microsoft's AADSTS number
    status: int = 400
    suberror: str | None = None
    authorize_error: str | None = None  # the error in the redirect, when not ``error``
    page_only: bool = False  # at authorize: an error page; nothing goes back to the app
    grant: str | None = None  # at token: only for this grant_type
    extra: tuple[tuple[str, str], ...] = ()


MICROSOFT_ERRORS: dict[str, ProviderError] = {
    "consent_required": ProviderError(
        "token",
        "invalid_grant",
        "The user or administrator has not consented to use the application with ID "
        "'{client_id}' named 'Apology Composer'. Send an interactive authorization request for "
        "this user and resource.",
        65001,
        suberror="consent_required",
        authorize_error="consent_required",
    ),
    "access_denied": ProviderError(
        "authorize", "access_denied", "User declined to consent to access the app.", 65004
    ),
    "interaction_required": ProviderError(
        "token",
        "interaction_required",
        "Due to a configuration change made by your administrator, or because you moved to a "
        "new location, you must use multi-factor authentication to access '{resource}'.",
        50076,
    ),
    "conditional_access": ProviderError(
        "token",
        "invalid_grant",
        "Access has been blocked by Conditional Access policies. The access policy does not "
        "allow token issuance.",
        53003,
        authorize_error="access_denied",
    ),
    "unauthorized_client": ProviderError(
        "token",
        "unauthorized_client",
        "Application with identifier '{client_id}' was not found in the directory '{tenant}'. "
        "This can happen if the application has not been installed by the administrator of "
        "the tenant or consented to by any user in the tenant. You may have sent your "
        "authentication request to the wrong tenant.",
        700016,
        page_only=True,
    ),
    "device_code_blocked": ProviderError(
        "token",
        "invalid_grant",
        "Access has been blocked by Conditional Access policies. The access policy does not "
        "allow token issuance.",
        53003,
        grant=DEVICE_CODE_GRANT,
    ),
    "public_client_disabled": ProviderError(
        "token",
        "invalid_client",
        "The request body must contain the following parameter: 'client_assertion' or "
        "'client_secret'.",
        7000218,
        status=401,
    ),
    "invalid_grant": ProviderError(
        "token",
        "invalid_grant",
        "The provided value for the input parameter 'refresh_token' or 'assertion' is not valid.",
        70000,
    ),
    "server_error": ProviderError(
        "token",
        "temporarily_unavailable",
        "The service is temporarily unavailable. Please try again later.",
        status=503,
    ),
}

GOOGLE_ERRORS: dict[str, ProviderError] = {
    "access_denied": ProviderError("authorize", "access_denied", ""),
    "invalid_grant": ProviderError("token", "invalid_grant", "Bad Request"),
    "revoked": ProviderError("token", "invalid_grant", "Token has been expired or revoked."),
    "invalid_client": ProviderError(
        "token", "invalid_client", "The OAuth client was not found.", status=401, page_only=True
    ),
    "interaction_required": ProviderError(
        "token",
        "invalid_grant",
        "reauth related error (invalid_rapt)",
        extra=(
            ("error_uri", "https://support.google.com/a/answer/9368756"),
            ("error_subtype", "invalid_rapt"),
        ),
    ),
    "server_error": ProviderError("token", "internal_failure", "Backend Error", status=503),
}

_ERRORS = {"microsoft": MICROSOFT_ERRORS, "google": GOOGLE_ERRORS}


# ---- records and state --------------------------------------------------------------------------


@dataclass(frozen=True)
class IdentityRequest:
    """One request the fake answered."""

    provider: str  # "microsoft", "google" or "" (a path neither knows)
    endpoint: str  # "discovery", "authorize", "token", "devicecode", "devicelogin", "other"
    method: str
    path: str  # without the query
    tenant: str | None
    grant_type: str | None
    params: dict[str, str]  # query and form fields; secrets as "<hidden>"
    status: int
    error: str | None
    user: str | None
    at: float


@dataclass(frozen=True)
class IssuedToken:
    """One access token the fake issued."""

    provider: str
    user: str
    scope: str  # the resource scopes (Microsoft) or the granted scopes (Google), space-separated
    access_token: str
    grant_type: str
    at: float


@dataclass
class User:
    """A person the fake knows (copies are handed out; change them through the server)."""

    address: str
    name: str
    tenant: str  # Microsoft tenant id
    oid: str  # Microsoft object id
    google_sub: str
    microsoft_consent: set[str] = field(default_factory=set)
    google_consent: set[str] = field(default_factory=set)


@dataclass
class _Code:
    provider: str
    code: str
    user: User
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    scope_text: str
    challenge: str | None
    method: str | None
    nonce: str | None
    expires_at: float
    refresh: bool  # Google: a refresh token comes with it


@dataclass
class _Refresh:
    provider: str
    user: User
    client_id: str
    scopes: frozenset[str]
    scope_text: str
    issued_at: float
    dead: str | None = None  # "revoked", "expired" or "rotated"


@dataclass
class _Access:
    provider: str
    user: User
    scopes: frozenset[str]
    expires_at: float


@dataclass
class _DeviceFlow:
    device_code: str
    user_code: str
    client_id: str
    tenant: str
    scopes: tuple[str, ...]
    expires_at: float
    approve_at: float | None = None
    user: User | None = None
    declined: bool = False
    redeemed: bool = False


@dataclass
class _Fault:
    name: str
    provider: str | None
    at: str | None
    remaining: int


class IdentityServer(LoopbackHTTPSService):
    """Microsoft's and Google's sign-in on loopback; see the module docstring for the API."""

    def __init__(
        self,
        *,
        users: Iterable[str] = (USERNAME,),
        microsoft_client_id: str = MICROSOFT_CLIENT_ID,
        google_client_id: str = GOOGLE_CLIENT_ID,
        google_client_secret: str = GOOGLE_CLIENT_SECRET,
    ) -> None:
        self.microsoft_client_id = microsoft_client_id
        self.google_client_id = google_client_id
        self.google_client_secret = google_client_secret
        self.access_token_lifetime = 3599
        self.microsoft_keep_old_refresh_tokens = True
        self.device_code_interval = 1
        self.device_code_lifetime = 900
        self.auto_approve_device_codes: float | None = None
        self.on_token: Callable[[str, str, str], None] | None = None
        self.callback_errors: list[BaseException] = []
        self._lock = threading.RLock()
        self._users: dict[str, User] = {}
        self._domains: dict[str, str] = {}  # domain -> tenant id
        self._browser_user: str | None = None
        self._codes: dict[str, _Code] = {}
        self._used_codes: set[str] = set()
        self._refresh: dict[str, _Refresh] = {}
        self._access: dict[str, _Access] = {}
        self._devices: dict[str, _DeviceFlow] = {}
        self._faults: list[_Fault] = []
        self._requests: list[IdentityRequest] = []
        self._issued: list[IssuedToken] = []
        super().__init__("identity-test-server")
        for address in users:
            self.add_user(address)

    # -- addresses and configuration (start, stop, port, base_url: LoopbackHTTPSService) -----

    @property
    def microsoft_authority(self) -> str:
        return f"{self.base_url}/common"

    def microsoft_authority_for(self, tenant: str) -> str:
        return f"{self.base_url}/{tenant}"

    @property
    def google_auth_uri(self) -> str:
        return f"{self.base_url}/google/auth"

    @property
    def google_token_uri(self) -> str:
        return f"{self.base_url}/google/token"

    @property
    def ca_pem(self) -> str:
        return ca_pem_path()

    def google_client_config(self) -> dict[str, Any]:
        """The client secrets dict for ``InstalledAppFlow.from_client_config``."""
        return {
            "installed": {
                "client_id": self.google_client_id,
                "client_secret": self.google_client_secret,
                "auth_uri": self.google_auth_uri,
                "token_uri": self.google_token_uri,
                "redirect_uris": ["http://127.0.0.1", "http://localhost"],
            }
        }

    def config(self, tmp_path: Path, mail_api: Any = None) -> Path:
        """Write the app's OAuth config (for APOLOGY_COMPOSER_OAUTH_CONFIG); returns its path."""
        base = mail_api.base_url if mail_api is not None else self.base_url
        data = {
            "microsoft": {
                "client_id": self.microsoft_client_id,
                "authority": self.microsoft_authority,
                "graph_url": f"{base}/v1.0",
            },
            "google": {
                "client_id": self.google_client_id,
                "client_secret": self.google_client_secret,
                "auth_uri": self.google_auth_uri,
                "token_uri": self.google_token_uri,
                "gmail_url": f"{base}/gmail/v1",
            },
        }
        path = Path(tmp_path) / "oauth-config.json"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        return path

    # -- controls ------------------------------------------------------------------------------

    def add_user(
        self,
        address: str,
        *,
        tenant: str | None = None,
        name: str | None = None,
        consented: Iterable[str] = (),
    ) -> User:
        """Make a person known; ``tenant``: a tenant id, ``"consumers"`` or None (one per
        domain). ``consented``: Microsoft resource scopes already consented."""
        domain = address.rpartition("@")[2].lower()
        if tenant is None:
            tenant = str(uuid.uuid5(uuid.NAMESPACE_DNS, domain))
        elif tenant == "consumers":
            tenant = CONSUMERS_TENANT
        key = address.lower()
        digest = hashlib.sha256(key.encode()).hexdigest()
        user = User(
            address=address,
            name=name or address.partition("@")[0].replace(".", " ").title(),
            tenant=tenant.lower(),
            oid=str(uuid.uuid5(uuid.NAMESPACE_URL, "oid:" + key)),
            google_sub=str(100000000000000000000 + int(digest[:15], 16)),
            microsoft_consent=set(consented),
        )
        with self._lock:
            self._users[key] = user
            if tenant != CONSUMERS_TENANT:
                self._domains.setdefault(domain, user.tenant)
        return dataclasses.replace(user)

    @property
    def users(self) -> list[str]:
        with self._lock:
            return [u.address for u in self._users.values()]

    def user(self, address: str) -> User:
        with self._lock:
            u = self._users[address.lower()]
            return dataclasses.replace(
                u, microsoft_consent=set(u.microsoft_consent), google_consent=set(u.google_consent)
            )

    def sign_in_as(self, address: str | None) -> None:
        """Whom the browser signs in as (None: the login_hint, else the first user)."""
        with self._lock:
            if address is not None and address.lower() not in self._users:
                raise KeyError(f"unknown user {address!r}; add_user() it first")
            self._browser_user = address

    def approve_device_code(
        self, after: float = 0.0, *, user: str | None = None, user_code: str | None = None
    ) -> int:
        """The person enters the code and signs in ``after`` seconds from now (every pending
        code, or the one with ``user_code``); returns how many codes that approves."""
        with self._lock:
            who = self._users[user.lower()] if user else None
            count = 0
            for flow in self._devices.values():
                if flow.redeemed or flow.declined or flow.approve_at is not None:
                    continue
                if user_code is not None and flow.user_code != user_code:
                    continue
                flow.approve_at = time.time() + after
                flow.user = who
                count += 1
            return count

    def decline_device_code(self, user_code: str | None = None) -> int:
        with self._lock:
            count = 0
            for flow in self._devices.values():
                if not flow.redeemed and user_code in (None, flow.user_code):
                    flow.declined = True
                    count += 1
            return count

    def revoke(self, address: str, reason: str = "revoked") -> None:
        """The user's refresh tokens stop working (``reason``: "revoked" or "expired")."""
        if reason not in ("revoked", "expired"):
            raise ValueError("reason must be 'revoked' or 'expired'")
        with self._lock:
            user = self._users[address.lower()]
            for token in self._refresh.values():
                if token.user is user and token.dead is None:
                    token.dead = reason
            user.google_consent.clear()

    def expire_access_tokens(self, address: str | None = None) -> None:
        with self._lock:
            for token in self._access.values():
                if address is None or token.user.address.lower() == address.lower():
                    token.expires_at = 0.0

    def fail_next(
        self, error: str, *, provider: str | None = None, at: str | None = None, count: int = 1
    ) -> None:
        """The next ``count`` calls (to ``at``; default: where that error happens) fail so."""
        providers = [provider] if provider else ["microsoft", "google"]
        if provider not in (None, "microsoft", "google"):
            raise ValueError("provider must be 'microsoft', 'google' or None")
        if not any(error in _ERRORS[p] for p in providers):
            raise ValueError(f"unknown error {error!r} for {provider or 'either provider'}")
        if at not in (None, "authorize", "token", "devicecode"):
            raise ValueError("at must be 'authorize', 'token', 'devicecode' or None")
        with self._lock:
            self._faults.append(_Fault(error, provider, at, count))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def issue_tokens(self, address: str, scope: str, provider: str = "microsoft") -> dict[str, Any]:
        """Sign ``address`` in for ``scope`` without a browser (consent included): the token
        answer the provider would give (``access_token``, ``refresh_token``, …)."""
        with self._lock:
            user = self._users[address.lower()]
            if provider == "microsoft":
                user.microsoft_consent.add(scope)
                scopes = (scope, "offline_access", "openid", "profile")
                reply = self._ms_tokens(user, self.microsoft_client_id, scopes, {}, "test")
            else:
                user.google_consent.add(scope)
                refresh = self._new_refresh("google", user, self.google_client_id, [scope], scope)
                reply = self._google_tokens(user, [scope], scope, "test", refresh)
        for callback in reply.callbacks:
            callback()
        return json.loads(reply.body)

    def is_valid(self, access_token: str, scope: str | None = None) -> str | None:
        """The address the access token belongs to, if it is current and (unless ``scope`` is
        None) good for ``scope``; else None."""
        with self._lock:
            token = self._access.get(access_token)
            if token is None or token.expires_at <= time.time():
                return None
            if scope is None or scope in token.scopes:
                return token.user.address
            if token.scopes & _IMPLIED_BY.get(scope, frozenset()):
                return token.user.address
            return None

    # -- records -------------------------------------------------------------------------------

    @property
    def requests(self) -> list[IdentityRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def issued(self) -> list[IssuedToken]:
        with self._lock:
            return list(self._issued)

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()
            self._issued.clear()

    # -- serving (handler threads) ---------------------------------------------------------------

    def _serve(self, handler: LoopbackHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        form: dict[str, str] = {}
        if method == "POST":
            body = handler.read_body()
            form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        with self._lock:
            provider, endpoint, tenant, reply = self._route(
                method, parts.path, query, form, handler.headers
            )
            params = {**query, **form}
            if "Authorization" in handler.headers:
                params["authorization"] = "<hidden>"
            self._requests.append(
                IdentityRequest(
                    provider=provider,
                    endpoint=endpoint,
                    method=method,
                    path=parts.path,
                    tenant=tenant,
                    grant_type=form.get("grant_type"),
                    params={k: "<hidden>" if k in _SECRET_PARAMS else v for k, v in params.items()},
                    status=reply.status,
                    error=reply.error,
                    user=reply.user,
                    at=time.time(),
                )
            )
        for callback in reply.callbacks:
            try:
                callback()
            except Exception as exc:  # a broken hook must not break the sign-in under test
                self.callback_errors.append(exc)
        handler.send(reply)

    def _route(
        self, method: str, path: str, query: dict[str, str], form: dict[str, str], headers: Any
    ) -> tuple[str, str, str | None, Reply]:
        if path == "/google/auth" and method == "GET":
            return "google", "authorize", None, self._google_authorize(query, headers)
        if path == "/google/token" and method == "POST":
            return "google", "token", None, self._google_token(form, headers)
        if path == "/devicelogin":
            page = _html_page(200, "Enter code", "Enter the code displayed on your app or device.")
            return "microsoft", "devicelogin", None, page
        if path == "/error":
            code = query.get("code", "")
            return "microsoft", "other", None, _html_page(200, f"AADSTS{code}", "Error details.")
        match = _TENANT_PATH.match(path)
        if match is None:
            reply = json_reply(404, {"error": {"code": "NotFound", "message": f"No {path} here"}})
            return "", "other", None, reply
        tenant = match["tenant"]
        endpoint = "discovery" if match["discovery"] else match["endpoint"]
        if not self._known_tenant(tenant):
            reply = self._ms_error(
                "invalid_tenant",
                90002,
                f"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID "
                "and are signing into the correct cloud.",
            )
            return "microsoft", endpoint, tenant, reply
        if endpoint == "discovery" and method == "GET":
            reply = json_reply(200, self._discovery(tenant))
        elif endpoint == "authorize" and method == "GET":
            reply = self._ms_authorize(tenant, query, headers)
        elif endpoint == "token" and method == "POST":
            reply = self._ms_token(tenant, form)
        elif endpoint == "devicecode" and method == "POST":
            reply = self._ms_devicecode(tenant, form)
        else:
            reply = json_reply(405, {"error": "invalid_request"})
        return "microsoft", endpoint, tenant, reply

    # -- shared helpers ------------------------------------------------------------------------

    def _take_fault(self, provider: str, at: str, grant: str | None) -> ProviderError | None:
        for fault in self._faults:
            if fault.provider not in (None, provider) or fault.name not in _ERRORS[provider]:
                continue
            err = _ERRORS[provider][fault.name]
            if (fault.at or err.at) != at:
                continue
            if at == "token" and fault.at is None and err.grant not in (None, grant):
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._faults.remove(fault)
            return err
        return None

    def _browser_signs_in(self, login_hint: str | None) -> User | None:
        if self._browser_user is not None:
            return self._users[self._browser_user.lower()]
        if login_hint and login_hint.lower() in self._users:
            return self._users[login_hint.lower()]
        return next(iter(self._users.values()), None)

    def _issue_access(
        self, provider: str, user: User, scopes: Iterable[str], scope_text: str, grant: str
    ) -> tuple[str, Callable[[], None]]:
        prefix = "ya29.fake-" if provider == "google" else "fake-ms-at-"
        token = prefix + secrets.token_urlsafe(32)
        self._access[token] = _Access(
            provider, user, frozenset(scopes), time.time() + self.access_token_lifetime
        )
        self._issued.append(
            IssuedToken(provider, user.address, scope_text, token, grant, time.time())
        )
        hook = self.on_token
        address = user.address

        def call() -> None:
            if hook is not None:
                hook(address, scope_text, token)

        return token, call

    def _new_refresh(
        self, provider: str, user: User, client_id: str, scopes: Iterable[str], scope_text: str
    ) -> str:
        token = ("1//fake-" if provider == "google" else "fake-ms-rt-") + secrets.token_urlsafe(40)
        self._refresh[token] = _Refresh(
            provider, user, client_id, frozenset(scopes), scope_text, time.time()
        )
        return token

    def _new_code(self, provider: str, **fields: Any) -> str:
        code = ("4/fake-" if provider == "google" else "fake-ms-code-") + secrets.token_urlsafe(32)
        self._codes[code] = _Code(
            provider=provider, code=code, expires_at=time.time() + 600, **fields
        )
        return code

    def _redeem(self, code: str) -> tuple[_Code | None, str | None]:
        """The code's grant, or why not: "unknown", "used" or "expired" (codes are single-use)."""
        grant = self._codes.pop(code, None)
        if grant is None:
            return None, "used" if code in self._used_codes else "unknown"
        self._used_codes.add(code)
        if grant.expires_at < time.time():
            return None, "expired"
        return grant, None

    # -- Microsoft -----------------------------------------------------------------------------

    def _known_tenant(self, tenant: str) -> bool:
        return tenant.lower() in ("common", "organizations", "consumers") or bool(
            self._tenant_id(tenant)
        )

    def _tenant_id(self, tenant: str) -> str | None:
        t = tenant.lower()
        if t == "consumers":
            return CONSUMERS_TENANT
        if t in self._domains:
            return self._domains[t]
        if any(u.tenant == t for u in self._users.values()):
            return t
        return None

    def _tenant_allows(self, tenant: str, user: User) -> bool:
        t = tenant.lower()
        if t == "common":
            return True
        if t == "organizations":
            return user.tenant != CONSUMERS_TENANT
        return self._tenant_id(t) == user.tenant

    def _discovery(self, tenant: str) -> dict[str, Any]:
        path = tenant if tenant.lower() in ("common", "organizations") else self._tenant_id(tenant)
        issuer_tenant = "{tenantid}" if path in ("common", "organizations") else path
        root = f"{self.base_url}/{path}"
        return {
            "token_endpoint": f"{root}/oauth2/v2.0/token",
            "token_endpoint_auth_methods_supported": [
                "client_secret_post",
                "private_key_jwt",
                "client_secret_basic",
            ],
            "jwks_uri": f"{root}/discovery/v2.0/keys",
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "issuer": f"{self.base_url}/{issuer_tenant}/v2.0",
            "request_uri_parameter_supported": False,
            "userinfo_endpoint": f"{self.base_url}/oidc/userinfo",
            "authorization_endpoint": f"{root}/oauth2/v2.0/authorize",
            "device_authorization_endpoint": f"{root}/oauth2/v2.0/devicecode",
            "http_logout_supported": True,
            "frontchannel_logout_supported": True,
            "end_session_endpoint": f"{root}/oauth2/v2.0/logout",
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "name", "tid"],
            "tenant_region_scope": None,
            "cloud_instance_name": "microsoftonline.com",
            "msgraph_host": "graph.microsoft.com",
        }

    def _ms_error(
        self,
        error: str,
        code: int | None,
        text: str,
        *,
        status: int = 400,
        suberror: str | None = None,
    ) -> Reply:
        body = self._ms_error_fields(error, code, text)
        body["error_codes"] = [code] if code is not None else []  # type: ignore[assignment]
        if suberror:
            body["suberror"] = suberror
        return json_reply(status, body)

    def _ms_error_fields(self, error: str, code: int | None, text: str) -> dict[str, Any]:
        trace, correlation = str(uuid.uuid4()), str(uuid.uuid4())
        stamp = time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime())
        prefix = f"AADSTS{code}: " if code is not None else ""
        return {
            "error": error,
            "error_description": f"{prefix}{text}\r\nTrace ID: {trace}\r\nCorrelation ID: "
            f"{correlation}\r\nTimestamp: {stamp}",
            "timestamp": stamp,
            "trace_id": trace,
            "correlation_id": correlation,
            "error_uri": f"{self.base_url}/error?code={code or ''}",
        }

    def _ms_known_error(self, err: ProviderError, **context: str) -> Reply:
        context = {"client_id": self.microsoft_client_id, "tenant": "", "resource": "", **context}
        return self._ms_error(
            err.error,
            err.code,
            err.description.format(**context),
            status=err.status,
            suberror=err.suberror,
        )

    def _ms_answer(self, q: dict[str, str], fields: dict[str, str], user: str | None) -> Reply:
        """Send ``fields`` back to the app's redirect_uri, in the response_mode it asked."""
        redirect = q["redirect_uri"]
        if q.get("state") is not None:
            fields = {**fields, "state": q["state"]}
        error = fields.get("error")
        if q.get("response_mode") == "form_post":
            inputs = "".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}" />'
                for k, v in fields.items()
            )
            page = (
                "<html><head><title>Working...</title></head><body>"
                f'<form method="POST" name="hiddenform" action="{html.escape(redirect)}">{inputs}'
                "<noscript><p>Script is disabled. Click Submit to continue.</p>"
                '<input type="submit" value="Submit" /></noscript></form>'
                '<script language="javascript">document.forms[0].submit();</script>'
                "</body></html>"
            )
            return Reply(200, page.encode(), "text/html; charset=utf-8", error=error, user=user)
        location = _with_query(redirect, fields)
        return Reply(302, headers={"Location": location}, error=error, user=user)

    def _ms_redirect_error(self, q: dict[str, str], err: ProviderError) -> Reply:
        fields = self._ms_error_fields(
            err.authorize_error or err.error,
            err.code,
            err.description.format(
                client_id=self.microsoft_client_id, tenant="", resource="the resource"
            ),
        )
        keep = ("error", "error_description", "error_uri")
        return self._ms_answer(q, {k: fields[k] for k in keep}, None)

    def _ms_authorize(self, tenant: str, q: dict[str, str], headers: Any) -> Reply:
        client_id = q.get("client_id", "")
        if client_id != self.microsoft_client_id:
            err = MICROSOFT_ERRORS["unauthorized_client"]
            text = err.description.format(client_id=client_id, tenant=tenant, resource="")
            return _html_page(400, "Sign in", f"AADSTS700016: {text}", "unauthorized_client")
        redirect = q.get("redirect_uri", "")
        if not _is_loopback_url(redirect):
            return _html_page(
                400,
                "Sign in",
                f"AADSTS50011: The redirect URI '{redirect}' specified in the request does not "
                "match the redirect URIs configured for the application.",
                "invalid_request",
            )
        action = headers.get(BROWSER_HEADER, "sign_in")
        if action == "abandon":
            return _html_page(200, "Sign in to your account", "Enter your email, phone or Skype.")
        fault = self._take_fault("microsoft", "authorize", None)
        if fault is not None:
            if fault.page_only:
                text = fault.description.format(client_id=client_id, tenant=tenant, resource="")
                return _html_page(400, "Sign in", f"AADSTS{fault.code}: {text}", fault.error)
            return self._ms_redirect_error(q, fault)
        if action == "cancel" or headers.get(DECLINE_HEADER):
            return self._ms_redirect_error(q, MICROSOFT_ERRORS["access_denied"])
        if q.get("response_type") != "code":
            fields = self._ms_error_fields(
                "unsupported_response_type",
                70005,
                "response_type 'token' is not enabled for the application.",
            )
            return self._ms_answer(q, {"error": fields["error"]}, None)
        user = self._browser_signs_in(q.get("login_hint"))
        if user is None:
            return _html_page(400, "Sign in", "AADSTS50034: The user account does not exist.")
        if not self._tenant_allows(tenant, user):
            return _html_page(
                400,
                "Sign in",
                f"AADSTS50020: User account '{user.address}' from identity provider does not exist "
                f"in tenant '{tenant}' and cannot access the application '{client_id}'.",
                "invalid_request",
            )
        scopes = tuple(q.get("scope", "").split())
        wanted = {s for s in scopes if s not in _MS_RESERVED}
        if q.get("prompt") == "none" and not wanted <= user.microsoft_consent:
            return self._ms_redirect_error(q, MICROSOFT_ERRORS["consent_required"])
        user.microsoft_consent |= wanted
        code = self._new_code(
            "microsoft",
            user=user,
            client_id=client_id,
            redirect_uri=redirect,
            scopes=scopes,
            scope_text=q.get("scope", ""),
            challenge=q.get("code_challenge"),
            method=q.get("code_challenge_method"),
            nonce=q.get("nonce"),
            refresh="offline_access" in scopes,
        )
        fields = {"code": code}
        if q.get("client_info") == "1":
            fields["client_info"] = self._client_info(user)
        fields["session_state"] = str(uuid.uuid4())
        return self._ms_answer(q, fields, user.address)

    def _client_info(self, user: User) -> str:
        return _b64url(json.dumps({"uid": user.oid, "utid": user.tenant}).encode())

    def _ms_resource_error(self, scopes: Iterable[str]) -> Reply | None:
        resources = {
            s.rsplit("/", 1)[0] if "/" in s else "https://graph.microsoft.com"
            for s in scopes
            if s not in _MS_RESERVED
        }
        if len(resources) > 1:
            return self._ms_error(
                "invalid_scope",
                28000,
                "Provided value for the input parameter scope is not valid because it contains "
                "more than one resource. Scope " + " ".join(sorted(scopes)) + " is not valid.",
            )
        return None

    def _ms_tokens(
        self,
        user: User,
        client_id: str,
        scopes: tuple[str, ...],
        form: dict[str, str],
        grant: str,
        nonce: str | None = None,
    ) -> Reply:
        resource = tuple(s for s in scopes if s not in _MS_RESERVED)
        resource_text = " ".join(resource)
        access, hook = self._issue_access("microsoft", user, resource, resource_text, grant)
        answered = [s for s in scopes if s != "offline_access"]
        body: dict[str, Any] = {
            "token_type": "Bearer",
            "scope": " ".join(answered),
            "expires_in": self.access_token_lifetime,
            "ext_expires_in": self.access_token_lifetime,
            "access_token": access,
        }
        if "offline_access" in scopes:
            body["refresh_token"] = self._new_refresh(
                "microsoft", user, client_id, resource, resource_text
            )
        if "openid" in scopes:
            now = int(time.time())
            claims: dict[str, Any] = {
                "aud": client_id,
                "iss": f"{self.base_url}/{user.tenant}/v2.0",
                "iat": now,
                "nbf": now,
                "exp": now + 3600,
                "name": user.name,
                "oid": user.oid,
                "preferred_username": user.address,
                "sub": _b64url(hashlib.sha256((user.oid + client_id).encode()).digest()[:24]),
                "tid": user.tenant,
                "uti": secrets.token_urlsafe(16),
                "ver": "2.0",
            }
            if "email" in scopes:
                claims["email"] = user.address
            if nonce is not None:
                claims["nonce"] = nonce
            body["id_token"] = _unsigned_jwt(claims)
        if form.get("client_info") == "1":
            body["client_info"] = self._client_info(user)
        reply = json_reply(200, body, {"Cache-Control": "no-store", "Pragma": "no-cache"})
        reply.user = user.address
        reply.callbacks.append(hook)
        return reply

    def _ms_token(self, tenant: str, form: dict[str, str]) -> Reply:
        grant = form.get("grant_type", "")
        client_id = form.get("client_id", "")
        scopes = tuple(form.get("scope", "").split())
        resource = " ".join(s for s in scopes if s not in _MS_RESERVED)
        fault = self._take_fault("microsoft", "token", grant)
        if fault is not None:
            return self._ms_known_error(fault, tenant=tenant, resource=resource)
        if client_id != self.microsoft_client_id:
            return self._ms_known_error(
                MICROSOFT_ERRORS["unauthorized_client"], client_id=client_id, tenant=tenant
            )
        bad_scope = self._ms_resource_error(scopes)
        if grant == "authorization_code":
            return bad_scope or self._ms_code_grant(form, scopes)
        if grant == "refresh_token":
            return bad_scope or self._ms_refresh_grant(form, scopes, resource)
        if grant == DEVICE_CODE_GRANT:
            return self._ms_device_grant(form)
        return self._ms_error(
            "unsupported_grant_type",
            70003,
            f"The app requested an unsupported grant type '{grant}'.",
        )

    def _ms_code_grant(self, form: dict[str, str], scopes: tuple[str, ...]) -> Reply:
        grant, why = self._redeem(form.get("code", ""))
        if grant is None or grant.provider != "microsoft":
            if why == "used":
                return self._ms_error(
                    "invalid_grant",
                    54005,
                    "OAuth2 Authorization code was already redeemed, please retry with a new "
                    "valid code or use an existing refresh token.",
                )
            if why == "expired":
                return self._ms_known_error(
                    dataclasses.replace(
                        MICROSOFT_ERRORS["invalid_grant"],
                        code=70008,
                        description="The provided authorization code or refresh token has "
                        "expired due to inactivity. Send a new interactive authorization request "
                        "for this user and resource.",
                    )
                )
            return self._ms_error(
                "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."
            )
        if grant.client_id != form.get("client_id"):
            return self._ms_error(
                "invalid_grant",
                70000,
                "The provided value for the 'code' parameter is not valid. The code was issued "
                "to a different client.",
            )
        if form.get("redirect_uri") != grant.redirect_uri:
            return self._ms_error(
                "invalid_grant",
                50011,
                f"The redirect URI '{form.get('redirect_uri')}' specified in the request does not "
                "match the redirect URI used to obtain the authorization code.",
            )
        if grant.challenge:
            verifier = form.get("code_verifier")
            if not verifier:
                return self._ms_error(
                    "invalid_request",
                    900144,
                    "The request body must contain the following parameter: 'code_verifier'.",
                )
            expected = _s256(verifier) if grant.method == "S256" else verifier
            if expected != grant.challenge:
                return self._ms_error(
                    "invalid_grant",
                    501481,
                    "The Code_Verifier does not match the code_challenge supplied in the "
                    "authorization request.",
                )
        scopes = scopes or grant.scopes
        wanted = {s for s in scopes if s not in _MS_RESERVED}
        if not wanted <= grant.user.microsoft_consent:
            return self._ms_known_error(MICROSOFT_ERRORS["consent_required"])
        return self._ms_tokens(
            grant.user, grant.client_id, scopes, form, "authorization_code", grant.nonce
        )

    def _ms_refresh_grant(
        self, form: dict[str, str], scopes: tuple[str, ...], resource: str
    ) -> Reply:
        token = self._refresh.get(form.get("refresh_token", ""))
        if token is None or token.provider != "microsoft":
            return self._ms_error(
                "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."
            )
        if token.dead == "revoked":
            issued = time.strftime("%m/%d/%Y %H:%M:%S", time.gmtime(token.issued_at))
            now = time.strftime("%m/%d/%Y %H:%M:%S", time.gmtime())
            return self._ms_error(
                "invalid_grant",
                50173,
                "The provided grant has expired due to it being revoked, a fresh auth token is "
                "needed. The user might have changed or reset their password. The grant was "
                f"issued on '{issued}' and the TokensValidFrom date (before which tokens are not "
                f"valid) for this user is '{now}'.",
            )
        if token.dead == "expired":
            return self._ms_error(
                "invalid_grant",
                70008,
                "The provided authorization code or refresh token has expired due to "
                "inactivity. Send a new interactive authorization request for this user and "
                "resource.",
            )
        if token.dead is not None or token.client_id != form.get("client_id"):
            return self._ms_known_error(MICROSOFT_ERRORS["invalid_grant"])
        wanted = {s for s in scopes if s not in _MS_RESERVED}
        if not wanted <= token.user.microsoft_consent:
            return self._ms_known_error(MICROSOFT_ERRORS["consent_required"])
        if not self.microsoft_keep_old_refresh_tokens:
            token.dead = "rotated"
        scopes = scopes or tuple(token.scopes | {"openid", "profile", "offline_access"})
        if "offline_access" not in scopes:
            scopes += ("offline_access",)  # Microsoft always answers a new refresh token
        return self._ms_tokens(token.user, token.client_id, scopes, form, "refresh_token")

    def _ms_devicecode(self, tenant: str, form: dict[str, str]) -> Reply:
        fault = self._take_fault("microsoft", "devicecode", None)
        if fault is not None:
            return self._ms_known_error(fault, tenant=tenant)
        client_id = form.get("client_id", "")
        if client_id != self.microsoft_client_id:
            return self._ms_known_error(
                MICROSOFT_ERRORS["unauthorized_client"], client_id=client_id, tenant=tenant
            )
        scopes = tuple(form.get("scope", "").split())
        bad_scope = self._ms_resource_error(scopes)
        if bad_scope is not None:
            return bad_scope
        alphabet = string.ascii_uppercase + string.digits
        user_code = "".join(secrets.choice(alphabet) for _ in range(9))
        now = time.time()
        flow = _DeviceFlow(
            device_code=secrets.token_urlsafe(48),
            user_code=user_code,
            client_id=client_id,
            tenant=tenant,
            scopes=scopes,
            expires_at=now + self.device_code_lifetime,
        )
        if self.auto_approve_device_codes is not None:
            flow.approve_at = now + self.auto_approve_device_codes
        self._devices[flow.device_code] = flow
        uri = f"{self.base_url}/devicelogin"
        return json_reply(
            200,
            {
                "user_code": user_code,
                "device_code": flow.device_code,
                "verification_uri": uri,
                "expires_in": self.device_code_lifetime,
                "interval": self.device_code_interval,
                "message": f"To sign in, use a web browser to open the page {uri} and enter the "
                f"code {user_code} to authenticate.",
            },
        )

    def _ms_device_grant(self, form: dict[str, str]) -> Reply:
        flow = self._devices.get(form.get("device_code", ""))
        if flow is None or flow.client_id != form.get("client_id"):
            return self._ms_error(
                "bad_verification_code",
                70000,
                "The provided value for the input parameter 'device_code' is not valid.",
            )
        if flow.redeemed:
            return self._ms_error(
                "invalid_grant",
                54005,
                "OAuth2 Authorization code was already redeemed, please retry with a new valid "
                "code or use an existing refresh token.",
            )
        now = time.time()
        if flow.expires_at <= now:
            return self._ms_error(
                "expired_token",
                70020,
                "The provided value for the input parameter 'device_code' is not valid. This "
                "device code has expired.",
            )
        if flow.declined:
            return self._ms_error(
                "authorization_declined", 70000, "The user declined the authorization request."
            )
        if flow.approve_at is None or flow.approve_at > now:
            return self._ms_error(
                "authorization_pending",
                70016,
                "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
            )
        user = flow.user or self._browser_signs_in(None)
        if user is None or not self._tenant_allows(flow.tenant, user):
            return self._ms_error(
                "authorization_declined", 70000, "The user declined the authorization request."
            )
        flow.redeemed = True
        user.microsoft_consent |= {s for s in flow.scopes if s not in _MS_RESERVED}
        return self._ms_tokens(user, flow.client_id, flow.scopes, form, DEVICE_CODE_GRANT)

    # -- Google --------------------------------------------------------------------------------

    def _google_error(self, err: ProviderError) -> Reply:
        body: dict[str, Any] = {"error": err.error, "error_description": err.description}
        body.update(err.extra)
        return json_reply(err.status, body)

    def _google_authorize(self, q: dict[str, str], headers: Any) -> Reply:
        if q.get("client_id") != self.google_client_id:
            return _html_page(
                401,
                "Access blocked: Authorization Error",
                "The OAuth client was not found. Error 401: invalid_client",
                "invalid_client",
            )
        redirect = q.get("redirect_uri", "")
        if not _is_loopback_url(redirect):
            return _html_page(
                400,
                "Access blocked: This app's request is invalid",
                "Error 400: redirect_uri_mismatch",
                "redirect_uri_mismatch",
            )
        action = headers.get(BROWSER_HEADER, "sign_in")
        if action == "abandon":
            return _html_page(200, "Sign in - Google Accounts", "Choose an account")

        def back(fields: dict[str, str], user: str | None = None) -> Reply:
            if "state" in q:
                fields = {"state": q["state"], **fields}
            location = _with_query(redirect, fields)
            return Reply(302, headers={"Location": location}, error=fields.get("error"), user=user)

        fault = self._take_fault("google", "authorize", None)
        if fault is not None:
            if fault.page_only:
                return _html_page(fault.status, "Access blocked", fault.description, fault.error)
            return back({"error": fault.error})
        if action == "cancel":
            return back({"error": "access_denied"})
        if q.get("response_type") != "code":
            return back({"error": "unsupported_response_type"})
        user = self._browser_signs_in(q.get("login_hint"))
        if user is None:
            return _html_page(400, "Couldn't find your Google Account", "No such account.")
        declined = set(headers.get(DECLINE_HEADER, "").split())
        granted = [s for s in q.get("scope", "").split() if s not in declined]
        prompt = q.get("prompt", "").split()
        consent_screen = not set(granted) <= user.google_consent or "consent" in prompt
        user.google_consent |= set(granted)
        code = self._new_code(
            "google",
            user=user,
            client_id=self.google_client_id,
            redirect_uri=redirect,
            scopes=tuple(granted),
            scope_text=" ".join(granted),
            challenge=q.get("code_challenge"),
            method=q.get("code_challenge_method"),
            nonce=q.get("nonce"),
            refresh=q.get("access_type") == "offline" and consent_screen,
        )
        fields = {
            "code": code,
            "scope": " ".join(granted),
            "authuser": "0",
            "prompt": "consent" if consent_screen else "none",
        }
        return back(fields, user.address)

    def _google_client(self, form: dict[str, str], headers: Any) -> tuple[str, str | None]:
        auth = headers.get("Authorization", "")
        if auth.lower().startswith("basic "):
            with contextlib.suppress(ValueError):
                pair = base64.b64decode(auth[6:]).decode("utf-8")
                client_id, _, secret = pair.partition(":")
                return unquote_plus(client_id), unquote_plus(secret)
        return form.get("client_id", ""), form.get("client_secret")

    def _google_token(self, form: dict[str, str], headers: Any) -> Reply:
        grant = form.get("grant_type", "")
        fault = self._take_fault("google", "token", grant)
        if fault is not None:
            return self._google_error(fault)
        client_id, secret = self._google_client(form, headers)
        if client_id != self.google_client_id:
            return self._google_error(GOOGLE_ERRORS["invalid_client"])
        if secret != self.google_client_secret:
            return json_reply(401, {"error": "invalid_client", "error_description": "Unauthorized"})
        if grant == "authorization_code":
            return self._google_code_grant(form)
        if grant == "refresh_token":
            return self._google_refresh_grant(form)
        return json_reply(
            400,
            {
                "error": "unsupported_grant_type",
                "error_description": f"Invalid grant_type: {grant}",
            },
        )

    def _google_tokens(
        self, user: User, scopes: Iterable[str], scope_text: str, grant: str, refresh: str | None
    ) -> Reply:
        scopes = frozenset(scopes)
        access, hook = self._issue_access("google", user, scopes, scope_text, grant)
        body: dict[str, Any] = {
            "access_token": access,
            "expires_in": self.access_token_lifetime,
            "scope": scope_text,
            "token_type": "Bearer",
        }
        if refresh is not None:
            body["refresh_token"] = refresh
        if scopes & _GOOGLE_IDENTITY:
            now = int(time.time())
            claims: dict[str, Any] = {
                "iss": "https://accounts.google.com",
                "azp": self.google_client_id,
                "aud": self.google_client_id,
                "sub": user.google_sub,
                "at_hash": _b64url(hashlib.sha256(access.encode()).digest()[:16]),
                "iat": now,
                "exp": now + 3600,
            }
            if scopes & _GOOGLE_EMAIL_SCOPES:
                claims["email"] = user.address
                claims["email_verified"] = True
            body["id_token"] = _unsigned_jwt(claims)
        reply = json_reply(200, body, {"Cache-Control": "no-cache, no-store, max-age=0"})
        reply.user = user.address
        reply.callbacks.append(hook)
        return reply

    def _google_code_grant(self, form: dict[str, str]) -> Reply:
        grant, why = self._redeem(form.get("code", ""))
        if grant is None or grant.provider != "google":
            text = "Malformed auth code." if why == "unknown" else "Bad Request"
            return json_reply(400, {"error": "invalid_grant", "error_description": text})
        if form.get("redirect_uri") != grant.redirect_uri:
            return json_reply(
                400, {"error": "redirect_uri_mismatch", "error_description": "Bad Request"}
            )
        if grant.challenge:
            verifier = form.get("code_verifier")
            if not verifier:
                return json_reply(
                    400, {"error": "invalid_grant", "error_description": "Missing code verifier."}
                )
            expected = _s256(verifier) if grant.method == "S256" else verifier
            if expected != grant.challenge:
                return json_reply(
                    400, {"error": "invalid_grant", "error_description": "Invalid code verifier."}
                )
        refresh = None
        if grant.refresh:
            refresh = self._new_refresh(
                "google", grant.user, grant.client_id, grant.scopes, grant.scope_text
            )
        return self._google_tokens(
            grant.user, grant.scopes, grant.scope_text, "authorization_code", refresh
        )

    def _google_refresh_grant(self, form: dict[str, str]) -> Reply:
        token = self._refresh.get(form.get("refresh_token", ""))
        if token is None or token.provider != "google" or token.dead is not None:
            return self._google_error(GOOGLE_ERRORS["revoked"])
        scope_text = form.get("scope") or token.scope_text
        scopes = scope_text.split()
        if not set(scopes) <= token.scopes:
            return json_reply(400, {"error": "invalid_scope", "error_description": "Bad Request"})
        return self._google_tokens(token.user, scopes, scope_text, "refresh_token", None)


# ---- the browser -------------------------------------------------------------------------------


@dataclass
class BrowserVisit:
    """What the browser did with one URL it was asked to open."""

    url: str
    action: str
    status: int | None = None  # the identity provider's answer to the authorize URL
    page: str = ""  # its body (the form_post form, an error page, the sign-in page)
    delivered: str | None = None  # "POST http://localhost:P/…" or "GET http://127.0.0.1:P/?…"
    fields: dict[str, str] = field(default_factory=dict)  # what went to the app's listener
    listener_status: int | None = None
    listener_page: str = ""  # what the app's listener showed
    error: str | None = None  # why the browser could not go on
    done: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)


class _FormParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.method: str | None = None
        self.action: str | None = None
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.action is None:
            self.method = a.get("method", "GET").upper()
            self.action = a.get("action", "")
        elif tag == "input" and self.action is not None and a.get("type") == "hidden":
            self.fields[a.get("name", "")] = a.get("value", "")


class PlayingBrowser(webbrowser.BaseBrowser):
    """A stand-in for the system browser that plays the person; see the module docstring."""

    def __init__(
        self,
        action: str = "sign_in",
        *,
        decline_scopes: Iterable[str] = (),
        delay: float = 0.0,
        name: str = "apology-test-browser",
        timeout: float = 15.0,
    ) -> None:
        if action not in BROWSER_ACTIONS:
            raise ValueError(f"action must be one of {BROWSER_ACTIONS}")
        super().__init__(name)
        self.action = action
        self.decline_scopes = tuple(decline_scopes)
        self.delay = delay
        self.timeout = timeout
        self._visits: list[BrowserVisit] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        visit = BrowserVisit(url=url, action=self.action)
        with self._cond:
            self._visits.append(visit)
            self._cond.notify_all()
        if self.action == "unavailable":
            visit.done.set()
            return False
        thread = threading.Thread(target=self._play, args=(visit,), name="playing-browser")
        thread.daemon = True
        with self._lock:
            self._threads.append(thread)
        thread.start()
        return True

    @property
    def visits(self) -> list[BrowserVisit]:
        with self._lock:
            return list(self._visits)

    def wait(self, count: int = 1, timeout: float = 15.0) -> list[BrowserVisit]:
        """Wait until ``count`` URLs were opened and played out; returns all visits."""
        deadline = time.monotonic() + timeout
        visits = wait_for_records(
            self._cond, self._visits, count, timeout, "the browser was opened {recorded} times"
        )
        for visit in visits:
            if not visit.done.wait(max(0.0, deadline - time.monotonic())):
                raise TimeoutError(f"the browser is still busy with {visit.url}")
        return visits

    def join(self, timeout: float = 15.0) -> None:
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)

    def authorization_answer(self, url: str) -> tuple[str, str, dict[str, str]] | None:
        """Follow the authorize URL and return what a browser would send to the app
        (method, URL, fields), without sending it; None when nothing would go back."""
        visit = BrowserVisit(url=url, action=self.action)
        with _test_ca_session() as session:
            return self._ask_provider(session, visit)

    def _ask_provider(
        self, session: requests.Session, visit: BrowserVisit
    ) -> tuple[str, str, dict[str, str]] | None:
        if not _is_loopback_url(visit.url, ("https",)):
            visit.error = "not a loopback https URL; the test browser goes nowhere else"
            return None
        headers = {BROWSER_HEADER: self.action}
        if self.decline_scopes:
            headers[DECLINE_HEADER] = " ".join(self.decline_scopes)
        answer = session.get(
            visit.url, headers=headers, allow_redirects=False, timeout=self.timeout
        )
        visit.status = answer.status_code
        visit.page = answer.text
        if answer.status_code in (301, 302, 303, 307) and "Location" in answer.headers:
            location = answer.headers["Location"]
            return "GET", location, dict(parse_qsl(urlsplit(location).query))
        if answer.status_code == 200:
            form = _FormParser()
            form.feed(answer.text)
            if form.action:
                return form.method or "GET", form.action, form.fields
        return None

    def _play(self, visit: BrowserVisit) -> None:
        try:
            if self.delay:
                time.sleep(self.delay)
            with _test_ca_session() as session:
                answer = self._ask_provider(session, visit)
                if answer is None or self.action == "abandon":
                    return
                method, target, fields = answer
                if not _is_loopback_url(target):
                    visit.error = f"the answer goes to {target}, not to a loopback listener"
                    return
                visit.delivered = f"{method} {target}"
                visit.fields = fields
                if method == "POST":
                    reply = session.post(target, data=fields, timeout=self.timeout)
                else:
                    reply = session.get(target, timeout=self.timeout)
                visit.listener_status = reply.status_code
                visit.listener_page = reply.text
        except Exception as exc:  # recorded, never an unhandled exception in a thread
            visit.error = f"{type(exc).__name__}: {exc}"
        finally:
            visit.done.set()


@contextlib.contextmanager
def installed_browser(browser: PlayingBrowser) -> Iterator[PlayingBrowser]:
    """Make ``browser`` what ``webbrowser.open``/``webbrowser.get()`` use, until the block ends.

    webbrowser's own lazy registration runs first (so it cannot put the system's browsers in
    front later); ``BROWSER`` is set to the browser's name meanwhile, so msal does not prefer
    Microsoft Edge on Linux. Everything is restored afterwards, and the browser's threads
    are joined."""
    with webbrowser._lock:  # type: ignore[attr-defined]
        if webbrowser._tryorder is None:  # type: ignore[attr-defined]
            webbrowser.register_standard_browsers()
        saved_order = list(webbrowser._tryorder)  # type: ignore[attr-defined]
        saved_browsers = dict(webbrowser._browsers)  # type: ignore[attr-defined]
        webbrowser.register(browser.name, None, browser, preferred=True)
    saved_env = os.environ.get("BROWSER")
    os.environ["BROWSER"] = browser.name
    try:
        yield browser
    finally:
        if saved_env is None:
            os.environ.pop("BROWSER", None)
        else:
            os.environ["BROWSER"] = saved_env
        with webbrowser._lock:  # type: ignore[attr-defined]
            webbrowser._tryorder[:] = saved_order  # type: ignore[attr-defined]
            webbrowser._browsers.clear()  # type: ignore[attr-defined]
            webbrowser._browsers.update(saved_browsers)  # type: ignore[attr-defined]
        browser.join()

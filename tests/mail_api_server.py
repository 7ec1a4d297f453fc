"""A fake of the Microsoft Graph and Gmail send APIs on 127.0.0.1 (HTTPS), with faults.

Why: sending through Graph or Gmail must be proven against a server that checks the bearer
token, takes the whole MIME message the way the real APIs do, and misbehaves the way they do
(throttling, outages, a stale token, a message too large, an answer that never comes) —
never against a mock of the HTTP client.

Quick use (pytest fixtures in ``tests/conftest.py``)::

    def test_x(identity_server, mail_api_server):   # tokens checked by identity_server.is_valid
        ... POST {mail_api_server.graph_url}/me/sendMail, or
            POST {mail_api_server.gmail_url}/users/me/messages/send ...
        [sent] = mail_api_server.wait_for(1)
        assert sent.user == "owner@shop.test" and sent.message["To"] == "ann@example.com"

Constructor ``MailAPIServer(*, checker=None, graph_scope=GRAPH_MAIL_SEND,
gmail_scope=GMAIL_SEND, **faults)``; ``start()`` returns self, ``stop()`` cuts open
connections and joins every thread (also a context manager).

- ``checker(access_token, scope)`` answers the user's address or None; ``scope=None`` means
  "good for anything" (``IdentityServer.is_valid`` is such a checker). Without a checker every
  non-empty bearer token is accepted (``user`` None).
- ``graph_url`` is ``https://127.0.0.1:PORT/v1.0``: ``POST /me/sendMail`` with
  ``Content-Type: text/plain`` and the base64 of the whole MIME message answers ``202`` with an
  empty body (and ``request-id``). ``gmail_url`` is ``https://127.0.0.1:PORT/gmail/v1``:
  ``POST /users/me/messages/send`` with JSON ``{"raw": base64url MIME}`` answers ``200``
  ``{"id", "threadId", "labelIds": ["SENT"]}``. Trust ``ca_pem_path()`` (``client_session()``).
- Refusals in each API's own error JSON: no or bad token → 401 (Graph ``InvalidAuthenticationToken``
  with ``WWW-Authenticate``; Gmail ``UNAUTHENTICATED``); a token of this user for another scope
  → Graph 401 "Invalid audience", Gmail 403 insufficient scopes; bad base64 → 400; no
  recipient → 400; a Graph request over ``graph_max_bytes`` (4 MB, as Graph) → 413.

Records (thread-safe copies): ``messages`` → list of ``SentMessage`` (``api``: "graph" or
"gmail", ``user``, ``raw`` bytes, ``message`` as ``email.message.EmailMessage``,
``received_at``, ``id``); a message is recorded exactly when the API accepted it, also when a
fault then hides the answer. ``requests`` → list of ``APIRequest`` (``api``, ``method``,
``path``, ``status`` (None: no answer), ``user``, ``fault``, ``size``, ``at``).
``wait_for(count, timeout=10)`` waits until at least ``count`` messages are recorded;
``clear()`` forgets the records.

Faults (constructor keywords or ``set_faults(**faults)``, any time, any thread;
``clear_faults()`` restores the defaults). Counters count down per request, whatever the API:

- ``throttle_next`` (int): 429 with ``Retry-After: retry_after`` (int seconds; None: no header).
- ``unavailable_next`` (int): 503, with ``Retry-After: unavailable_retry_after`` unless None.
- ``unauthorized_next`` (int): 401 even for a good token (revoked on the provider's side).
- ``too_large_next`` (int): Graph 413 / Gmail 400 "Request payload size exceeds the limit".
- ``graph_max_bytes`` / ``gmail_max_bytes`` (int | None): request bodies larger than that get
  the too-large answer (Graph default 4 MB, Gmail default None).
- ``hang_next`` (int) with ``hang_seconds`` (float, default 30): read the request, say nothing
  for that long, then cut the connection; the message is not recorded.
- ``hang_after_record_next`` (int): the same, but the message is recorded first (a delivery
  the client must treat as in doubt).
- ``cut_next`` (int): read the request, then reset the connection; nothing recorded.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import email
import email.policy
import json
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from tests.identity_server import (
    GMAIL_SEND,
    GRAPH_MAIL_SEND,
    LoopbackHandler,
    LoopbackHTTPSService,
    Reply,
    json_reply,
)
from tests.smtp_server import FaultSwitches, wait_for_records

GRAPH_SEND_PATH = "/v1.0/me/sendMail"
GMAIL_SEND_PATH = "/gmail/v1/users/me/messages/send"
_BASE64URL = re.compile(rb"^[A-Za-z0-9_-]*={0,2}$")


@dataclass(frozen=True)
class SentMessage:
    """One message an API accepted."""

    api: str  # "graph" or "gmail"
    user: str | None
    raw: bytes
    message: EmailMessage
    received_at: float
    id: str  # Gmail's message id; for Graph the request-id


@dataclass(frozen=True)
class APIRequest:
    """One request the fake read."""

    api: str  # "graph", "gmail" or "" (another path)
    method: str
    path: str
    status: int | None  # None: the fault gave no answer
    user: str | None
    fault: str | None
    size: int
    at: float


@dataclass
class MailFaults:
    """The misbehaviour switched on right now; see the module docstring."""

    throttle_next: int = 0
    retry_after: int | None = 5
    unavailable_next: int = 0
    unavailable_retry_after: int | None = None
    unauthorized_next: int = 0
    too_large_next: int = 0
    graph_max_bytes: int | None = 4 * 1024 * 1024
    gmail_max_bytes: int | None = None
    hang_next: int = 0
    hang_after_record_next: int = 0
    hang_seconds: float = 30.0
    cut_next: int = 0


class MailAPIServer(LoopbackHTTPSService, FaultSwitches):
    """Graph sendMail and Gmail messages.send on loopback; see the module docstring."""

    fault_type = MailFaults

    def __init__(
        self,
        *,
        checker: Callable[[str, str | None], str | None] | None = None,
        graph_scope: str = GRAPH_MAIL_SEND,
        gmail_scope: str = GMAIL_SEND,
        **faults: Any,
    ) -> None:
        self.checker = checker
        self.graph_scope = graph_scope
        self.gmail_scope = gmail_scope
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._faults = MailFaults()
        self._messages: list[SentMessage] = []
        self._requests: list[APIRequest] = []
        self._gmail_ids = 0x18F3A2B400000000
        super().__init__("mail-api-test-server")
        self.set_faults(**faults)

    # -- addresses (start, stop, port, base_url, client_session: LoopbackHTTPSService) ---------

    @property
    def graph_url(self) -> str:
        return f"{self.base_url}/v1.0"

    @property
    def gmail_url(self) -> str:
        return f"{self.base_url}/gmail/v1"

    # -- faults (set_faults, clear_faults: FaultSwitches) and records ----------------------------

    @property
    def faults(self) -> MailFaults:
        with self._lock:
            return dataclasses.replace(self._faults)

    @property
    def messages(self) -> list[SentMessage]:
        with self._lock:
            return list(self._messages)

    @property
    def requests(self) -> list[APIRequest]:
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self._requests.clear()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[SentMessage]:
        """Wait until at least ``count`` messages are recorded; returns them all."""
        return wait_for_records(
            self._cond,
            self._messages,
            count,
            timeout,
            "expected {count} messages, the API recorded {recorded}",
        )

    # -- serving (handler threads) ---------------------------------------------------------------

    def _take(self, name: str) -> bool:
        """Count one down of the fault ``name`` if it is on (call with the lock held)."""
        left = getattr(self._faults, name)
        if left > 0:
            self._faults = dataclasses.replace(self._faults, **{name: left - 1})
            return True
        return False

    def _serve(self, handler: LoopbackHandler, method: str) -> None:
        path = handler.path.partition("?")[0]
        body = handler.read_body() if method == "POST" else b""
        api = {GRAPH_SEND_PATH: "graph", GMAIL_SEND_PATH: "gmail"}.get(path, "")
        if method != "POST" or not api:
            self._answer(handler, api, method, path, body, _not_found(path), None)
            return
        with self._lock:
            if self._take("cut_next"):
                fault = "cut"
            elif self._take("hang_next"):
                fault = "hang"
            else:
                fault = None
            hang = self._faults.hang_seconds
        if fault is not None:
            self._record(api, method, path, None, None, fault, len(body))
            if fault == "hang":
                self._http.stopping.wait(hang)
            handler.cut()
            return
        reply, user, fault, sent = self._handle(api, handler.headers, body)
        if sent is not None:
            with self._lock:
                hold = self._take("hang_after_record_next")
                self._messages.append(sent)
                self._cond.notify_all()
            if hold:
                self._record(api, method, path, None, user, "hang_after_record", len(body))
                self._http.stopping.wait(hang)
                handler.cut()
                return
        self._answer(handler, api, method, path, body, reply, user, fault)

    def _answer(
        self,
        handler: LoopbackHandler,
        api: str,
        method: str,
        path: str,
        body: bytes,
        reply: Reply,
        user: str | None,
        fault: str | None = None,
    ) -> None:
        if api == "graph":
            client_request = handler.headers.get("client-request-id")
            reply.headers.setdefault("request-id", str(uuid.uuid4()))
            if client_request:
                reply.headers["client-request-id"] = client_request
        self._record(api, method, path, reply.status, user, fault, len(body))
        handler.send(reply)

    def _record(
        self,
        api: str,
        method: str,
        path: str,
        status: int | None,
        user: str | None,
        fault: str | None,
        size: int,
    ) -> None:
        with self._lock:
            self._requests.append(
                APIRequest(api, method, path, status, user, fault, size, time.time())
            )

    def _handle(
        self, api: str, headers: Any, body: bytes
    ) -> tuple[Reply, str | None, str | None, SentMessage | None]:
        """(answer, user, fault name, message to record)."""
        with self._lock:
            if self._take("unavailable_next"):
                return (
                    _unavailable(api, self._faults.unavailable_retry_after),
                    None,
                    "unavailable",
                    None,
                )
        scope = self.graph_scope if api == "graph" else self.gmail_scope
        user, refusal = self._authorize(api, headers, scope)
        if refusal is not None:
            return refusal, user, None, None
        with self._lock:
            if self._take("unauthorized_next"):
                return _unauthorized(api, "expired"), user, "unauthorized", None
            if self._take("throttle_next"):
                return _throttled(api, self._faults.retry_after), user, "throttle", None
            limit = self._faults.graph_max_bytes if api == "graph" else self._faults.gmail_max_bytes
            too_large = self._take("too_large_next")
        if too_large or (limit is not None and len(body) > limit):
            return _too_large(api, limit), user, "too_large" if too_large else None, None
        raw, refusal = _graph_mime(headers, body) if api == "graph" else _gmail_mime(body)
        if refusal is not None:
            return refusal, user, None, None
        assert raw is not None
        message = email.message_from_bytes(raw, policy=email.policy.default)
        if not any(str(v).strip() for h in ("To", "Cc", "Bcc") for v in message.get_all(h) or ()):
            return _no_recipient(api), user, None, None
        if api == "graph":
            request_id = str(uuid.uuid4())
            reply = Reply(202, headers={"request-id": request_id})
            sent = SentMessage("graph", user, raw, message, time.time(), request_id)  # type: ignore[arg-type]
        else:
            with self._lock:
                self._gmail_ids += 1
                gmail_id = f"{self._gmail_ids:x}"
            reply = json_reply(200, {"id": gmail_id, "threadId": gmail_id, "labelIds": ["SENT"]})
            sent = SentMessage("gmail", user, raw, message, time.time(), gmail_id)  # type: ignore[arg-type]
        return reply, user, None, sent

    def _authorize(self, api: str, headers: Any, scope: str) -> tuple[str | None, Reply | None]:
        auth = headers.get("Authorization", "")
        scheme, _, token = auth.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return None, _unauthorized(api, "empty")
        if self.checker is None:
            return None, None
        user = self.checker(token, scope)
        if user is not None:
            return user, None
        if self.checker(token, None) is not None:
            return None, _unauthorized(api, "audience") if api == "graph" else _insufficient(scope)
        return None, _unauthorized(api, "expired")


# ---- what Graph and Gmail answer ---------------------------------------------------------------


def _graph_error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Reply:
    inner = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),
        "request-id": str(uuid.uuid4()),
    }
    reply = json_reply(
        status, {"error": {"code": code, "message": message, "innerError": inner}}, headers
    )
    reply.error = code
    return reply


def _gmail_error(
    status: int,
    message: str,
    reason: str,
    state: str,
    domain: str = "global",
    headers: dict[str, str] | None = None,
) -> Reply:
    error = {
        "code": status,
        "message": message,
        "errors": [{"message": message, "domain": domain, "reason": reason}],
        "status": state,
    }
    reply = json_reply(status, {"error": error}, headers)
    reply.error = reason
    return reply


def _not_found(path: str) -> Reply:
    if path.startswith("/gmail/"):
        return _gmail_error(404, "Not Found", "notFound", "NOT_FOUND")
    return _graph_error(404, "UnknownError", f"Resource not found for the segment '{path}'.")


def _unauthorized(api: str, why: str) -> Reply:
    if api == "graph":
        message = {
            "empty": "Access token is empty.",
            "audience": "Access token validation failure. Invalid audience.",
        }.get(why, "Lifetime validation failed, the token is expired.")
        challenge = (
            'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/'
            'authorize", client_id="00000003-0000-0000-c000-000000000000"'
        )
        return _graph_error(
            401, "InvalidAuthenticationToken", message, {"WWW-Authenticate": challenge}
        )
    text = (
        "Request is missing required authentication credential. Expected OAuth 2 access token, "
        "login cookie or other valid authentication credential."
        if why == "empty"
        else "Request had invalid authentication credentials. Expected OAuth 2 access token, "
        "login cookie or other valid authentication credential."
    )
    challenge = 'Bearer realm="https://accounts.google.com/", error="invalid_token"'
    detail = {
        "message": "Invalid Credentials",
        "domain": "global",
        "reason": "authError",
        "location": "Authorization",
        "locationType": "header",
    }
    error = {"code": 401, "message": text, "errors": [detail], "status": "UNAUTHENTICATED"}
    reply = json_reply(401, {"error": error}, {"WWW-Authenticate": challenge})
    reply.error = "authError"
    return reply


def _insufficient(scope: str) -> Reply:
    challenge = (
        f'Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="{scope}"'
    )
    return _gmail_error(
        403,
        "Request had insufficient authentication scopes.",
        "insufficientPermissions",
        "PERMISSION_DENIED",
        headers={"WWW-Authenticate": challenge},
    )


def _throttled(api: str, retry_after: int | None) -> Reply:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    if api == "graph":
        return _graph_error(
            429,
            "ApplicationThrottled",
            "Application is over its MailboxConcurrency limit.",
            headers,
        )
    until = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + (retry_after or 1)))
    return _gmail_error(
        429,
        f"User-rate limit exceeded.  Retry after {until}",
        "rateLimitExceeded",
        "RESOURCE_EXHAUSTED",
        domain="usageLimits",
        headers=headers,
    )


def _unavailable(api: str, retry_after: int | None) -> Reply:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    if api == "graph":
        return _graph_error(
            503, "ServiceNotAvailable", "The service is temporarily unavailable.", headers
        )
    return _gmail_error(
        503,
        "The service is currently unavailable.",
        "backendError",
        "UNAVAILABLE",
        headers=headers,
    )


def _too_large(api: str, limit: int | None) -> Reply:
    if api == "graph":
        return _graph_error(
            413,
            "RequestEntityTooLarge",
            "The request is larger than the maximum allowed size of 4194304 bytes.",
        )
    limit = limit or 5 * 1024 * 1024
    return _gmail_error(
        400,
        f"Request payload size exceeds the limit: {limit} bytes.",
        "badRequest",
        "INVALID_ARGUMENT",
    )


def _no_recipient(api: str) -> Reply:
    if api == "graph":
        return _graph_error(400, "ErrorInvalidRecipients", "At least one recipient is not valid.")
    return _gmail_error(400, "Recipient address required", "invalidArgument", "INVALID_ARGUMENT")


def _graph_mime(headers: Any, body: bytes) -> tuple[bytes | None, Reply | None]:
    content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type != "text/plain":
        return None, _graph_error(
            400,
            "ErrorMimeContentInvalid",
            "A MIME message must be sent as base64 with Content-Type: text/plain.",
        )
    try:
        raw = base64.b64decode(b"".join(body.split()), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if not raw:
        return None, _graph_error(
            400, "ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME content."
        )
    return raw, None


def _gmail_mime(body: bytes) -> tuple[bytes | None, Reply | None]:
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return None, _gmail_error(
            400, "Invalid JSON payload received.", "badRequest", "INVALID_ARGUMENT"
        )
    encoded = data.get("raw")
    if not isinstance(encoded, str) or not encoded:
        return None, _gmail_error(
            400,
            "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
            "badRequest",
            "INVALID_ARGUMENT",
        )
    encoded_bytes = encoded.encode("ascii", "replace")
    raw = b""
    if _BASE64URL.match(encoded_bytes):
        try:
            raw = base64.urlsafe_b64decode(encoded_bytes + b"=" * (-len(encoded_bytes) % 4))
        except (binascii.Error, ValueError):
            raw = b""
    if not raw:
        return None, _gmail_error(
            400,
            f"Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed for \"{encoded[:20]}\"",
            "invalid",
            "INVALID_ARGUMENT",
        )
    return raw, None

"""HTTPS to the providers' identity and mail APIs: one way to open a session, trusted alike.

Sign-in (MSAL, Google's OAuth library) and the Graph and Gmail API transports all use
``session()``, so a private CA named in ``SSL_CERT_FILE`` (an organisation's proxy, the tests'
loopback servers) is trusted by every HTTPS call as it is by the SMTP connections, and no
request waits forever."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import requests

CONNECT_SECONDS = 15.0  # to open the connection; a request's own wait is the caller's


REQUEST_SECONDS = 60.0  # the longest any request made without a timeout of its own waits


def session() -> requests.Session:
    """A requests session that verifies certificates against ``SSL_CERT_FILE`` when it is
    set (requests itself would ignore it), else the trust store requests was built with."""
    import requests

    from composer.version import version

    class TimedSession(requests.Session):
        """A session whose requests never wait forever (MSAL passes no timeout of its own)."""

        def request(self, method: str, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
            kwargs.setdefault("timeout", (CONNECT_SECONDS, REQUEST_SECONDS))
            return super().request(method, url, *args, **kwargs)

    s = TimedSession()
    s.verify = os.environ.get("SSL_CERT_FILE") or True
    s.headers["User-Agent"] = f"apology-composer/{version()}"
    return s

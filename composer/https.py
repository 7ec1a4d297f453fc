"""HTTPS to the providers' identity and mail APIs: one way to open a session, trusted alike.

Sign-in (MSAL, Google's OAuth library) and the Graph and Gmail API transports all use
``session()`` (or ``trusting()`` on a session a library made), so every HTTPS call verifies
servers against the operating system's trust store (``composer.trust``, which honours
``SSL_CERT_FILE``) as the SMTP connections do, and no request waits forever."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import requests

CONNECT_SECONDS = 15.0  # to open the connection; a request's own wait is the caller's
REQUEST_SECONDS = 60.0  # the longest any request made without a timeout of its own waits


def session() -> requests.Session:
    """A requests session trusting what the SMTP connections trust, with timeouts."""
    import requests

    from composer.version import version

    s = trusting(requests.Session())
    s.headers["User-Agent"] = f"apology-composer/{version()}"
    return s


def trusting(s: requests.Session) -> requests.Session:
    """``s`` with its HTTPS going through the app's trust (``composer.trust``) and never
    waiting forever (MSAL and Google's library pass no timeout of their own)."""
    from requests.adapters import HTTPAdapter

    from composer import trust

    class TrustingAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            kwargs["ssl_context"] = trust.context()
            super().init_poolmanager(*args, **kwargs)

        def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
            super().cert_verify(conn, url, verify, cert)
            if verify is True:  # the context holds the trust: no CA bundle on top of it
                conn.ca_certs = None
                conn.ca_cert_dir = None

        def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
            if kwargs.get("timeout") is None:
                kwargs["timeout"] = (CONNECT_SECONDS, REQUEST_SECONDS)
            return super().send(request, *args, **kwargs)

    s.mount("https://", TrustingAdapter())
    return s

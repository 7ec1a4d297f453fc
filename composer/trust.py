"""Which certificates every TLS connection of the app trusts: the operating system's own store.

A frozen app carries no CA bundle of its own, and Python's OpenSSL looks where the build
machine's was configured; so the SMTP connections and the HTTPS calls (sign-in, Graph, Gmail)
verify servers with ``truststore``, which asks Windows, macOS or the Linux distribution's
store, as a browser does. ``SSL_CERT_FILE`` (and ``SSL_CERT_DIR``) still wins when set: an
organisation's private CA, or the tests' loopback servers."""

from __future__ import annotations

import os
import ssl

from composer.language import _

CERT_FILE_ENV = "SSL_CERT_FILE"
CERT_DIR_ENV = "SSL_CERT_DIR"


def context() -> ssl.SSLContext:
    """A client context that verifies the server's certificate and name."""
    cafile = os.environ.get(CERT_FILE_ENV) or None
    capath = os.environ.get(CERT_DIR_ENV) or None
    if cafile or capath:
        return ssl.create_default_context(cafile=cafile, capath=capath)
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def describe() -> str:
    """Where trust comes from, in a few words (for the self-test and the About box)."""
    cafile = os.environ.get(CERT_FILE_ENV) or os.environ.get(CERT_DIR_ENV)
    if cafile:
        return _("the certificates named by {variable} ({file})").format(
            variable=CERT_FILE_ENV, file=cafile
        )
    return _("the system's trust store (truststore)")

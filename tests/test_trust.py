"""Every TLS connection trusts the operating system's store (truststore) unless SSL_CERT_FILE
names other certificates: the real SMTP and HTTPS test servers, whose private CA only
SSL_CERT_FILE makes trusted, are the oracle."""

from __future__ import annotations

import asyncio

import pytest
import requests
import truststore

from composer import connection, trust
from composer.https import session
from tests.smtp_server import PASSWORD


@pytest.fixture
def no_private_ca(monkeypatch):
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)


def test_without_ssl_cert_file_the_system_store_decides(no_private_ca, smtp_server):
    assert isinstance(trust.context(), truststore.SSLContext)
    assert "system's trust store" in trust.describe()
    with pytest.raises(connection.CertificateNotTrusted, match="does not trust"):
        asyncio.run(connection.connect(smtp_server.account(), PASSWORD, timeout=10))


def test_ssl_cert_file_is_honoured_by_smtp_and_https(trust_test_ca, smtp_server, identity_server):
    assert "SSL_CERT_FILE" in trust.describe()

    async def sign_in_and_out() -> None:
        smtp = await connection.connect(smtp_server.account(), PASSWORD, timeout=10)
        await connection.disconnect(smtp)

    asyncio.run(sign_in_and_out())
    assert smtp_server.logins == [(smtp_server.username, True)]
    with session() as s:
        s.trust_env = False  # only SSL_CERT_FILE, not requests' own variables
        answer = s.get(f"{identity_server.base_url}/common/v2.0/.well-known/openid-configuration")
    assert answer.status_code == 200


def test_https_without_the_private_ca_is_refused(no_private_ca, identity_server):
    with session() as s, pytest.raises(requests.exceptions.SSLError):
        s.get(f"{identity_server.base_url}/common/v2.0/.well-known/openid-configuration")

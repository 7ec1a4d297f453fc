"""Which sign-in an address is offered, from its domain's MX records, against a real DNS server
on loopback (tests/dns_server.py): Microsoft 365 and Google Workspace domains, other providers,
missing and null MX, a server that never answers or fails, Unicode domains, malformed ones
(no query sent), the cache, and the well-known domains decided without any lookup."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from composer import domains
from composer.domains import Offer, mail_host, mx_hosts, sign_in_offer
from tests.dns_server import DNSTestServer

M365 = "shop-test.mail.protection.outlook.com."


def test_a_microsoft_365_domain_is_offered_sign_in_with_microsoft(dns_server):
    dns_server.set_records("shop.test", "MX", [(10, M365)])
    assert mx_hosts("shop.test") == ("shop-test.mail.protection.outlook.com",)
    assert mail_host("shop.test") == "microsoft"
    assert sign_in_offer("owner@shop.test") == Offer(
        "microsoft",
        "microsoft365",
        True,
        "shop.test receives its mail at Microsoft 365, so you can sign in with Microsoft.",
    )


def test_microsofts_newer_mx_hosts_count_as_microsoft_365(dns_server):
    dns_server.set_records("new.test", "MX", [(0, "new-test.o-v1.mx.microsoft.")])
    assert mail_host("new.test") == "microsoft"
    assert sign_in_offer("ann@new.test").preset == "microsoft365"


@pytest.mark.parametrize(
    "records",
    [
        [
            (10, "alt3.aspmx.l.google.com."),
            (1, "ASPMX.L.GOOGLE.COM."),
            (5, "alt1.aspmx.l.google.com."),
        ],
        [(1, "smtp.google.com.")],
        [(10, "aspmx2.googlemail.com.")],
    ],
)
def test_a_google_workspace_domain_is_offered_sign_in_with_google(dns_server, records):
    dns_server.set_records("cafe.test", "MX", records)
    assert mail_host("cafe.test") == "google"
    assert sign_in_offer("owner@cafe.test") == Offer(
        "google",
        "google_workspace",
        True,
        "cafe.test receives its mail at Google Workspace, so you can sign in with Google.",
    )


def test_mx_hosts_come_in_preference_order_lower_case_without_the_final_dot(dns_server):
    dns_server.set_records(
        "cafe.test",
        "MX",
        [
            (10, "alt3.aspmx.l.google.com."),
            (1, "ASPMX.L.GOOGLE.COM."),
            (5, "alt1.aspmx.l.google.com."),
        ],
    )
    assert mx_hosts("cafe.test") == (
        "aspmx.l.google.com",
        "alt1.aspmx.l.google.com",
        "alt3.aspmx.l.google.com",
    )


def test_another_provider_gets_the_password_form(dns_server):
    dns_server.set_records(
        "bakery.test", "MX", [(10, "mx1.mailhost.example."), (20, "mx2.mailhost.example.")]
    )
    assert mx_hosts("bakery.test") == ("mx1.mailhost.example", "mx2.mailhost.example")
    assert mail_host("bakery.test") is None
    assert sign_in_offer("owner@bakery.test") == Offer(
        None,
        None,
        True,
        "bakery.test receives its mail at neither Microsoft 365 nor Google, so you sign in "
        "with your mail provider's password.",
    )


def test_the_most_preferred_mail_server_decides(dns_server):
    # a filtering service in front, Microsoft 365 only as the fallback: not offered Microsoft
    dns_server.set_records("filtered.test", "MX", [(20, M365), (10, "in.filter.example.")])
    assert mail_host("filtered.test") is None


@pytest.mark.parametrize(
    "setup",
    ["only-txt", "null-mx", "nxdomain"],
)
def test_a_domain_without_mail_servers_has_none(dns_server, setup):
    if setup == "only-txt":
        dns_server.set_records("quiet.test", "TXT", ["v=spf1 -all"])
    elif setup == "null-mx":  # RFC 7505: this domain accepts no mail
        dns_server.set_records("quiet.test", "MX", [(0, ".")])
    assert mx_hosts("quiet.test") == ()
    assert mail_host("quiet.test") is None
    assert sign_in_offer("owner@quiet.test") == Offer(
        None,
        None,
        True,
        "quiet.test has no mail server on record; check the address for a typo, or choose "
        "your provider below.",
    )
    assert dns_server.queries == [("quiet.test", "MX")]


def test_a_silent_server_means_could_not_check_within_the_timeout(dns_server):
    dns_server.set_faults(silent=True)
    started = time.monotonic()
    assert mx_hosts("shop.test", timeout=0.5) is None
    assert time.monotonic() - started < 1.5
    offer = sign_in_offer("owner@shop.test", timeout=0.5)
    assert offer == Offer(
        None,
        None,
        False,
        "Could not look up where shop.test receives its mail (no connection?); choose your "
        "provider below.",
    )
    assert time.monotonic() - started < 3.0
    # a failure is not kept: once the server answers, the next call asks again
    dns_server.clear_faults()
    dns_server.set_records("shop.test", "MX", [(10, M365)])
    assert mail_host("shop.test", timeout=0.5) == "microsoft"


def test_servfail_means_could_not_check(dns_server):
    dns_server.set_faults(servfail=True)
    dns_server.set_records("shop.test", "MX", [(10, M365)])
    assert mx_hosts("shop.test", timeout=0.5) is None
    assert sign_in_offer("owner@shop.test", timeout=0.5).checked is False


def test_no_resolver_configured_means_could_not_check(dns_server, monkeypatch, tmp_path):
    monkeypatch.delenv(domains.NAMESERVER_ENV)
    monkeypatch.setattr(domains, "RESOLV_CONF", str(tmp_path / "missing"))
    assert domains.resolver() is None
    assert mx_hosts("shop.test") is None
    empty = tmp_path / "resolv.conf"
    empty.write_text("# nothing here\n", encoding="utf-8")
    monkeypatch.setattr(domains, "RESOLV_CONF", str(empty))
    assert domains.resolver() is None
    assert sign_in_offer("owner@shop.test").checked is False


def test_a_malformed_nameserver_setting_means_could_not_check(dns_server, monkeypatch):
    monkeypatch.setenv(domains.NAMESERVER_ENV, "dns.example:53")
    assert domains.resolver() is None
    assert mx_hosts("shop.test") is None
    assert dns_server.queries == []


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("127.0.0.1:5353", ("127.0.0.1", 5353)),
        ("[::1]:5353", ("::1", 5353)),
        ("127.0.0.1", ("127.0.0.1", 53)),
        ("::1", ("::1", 53)),
        ("[::1]", ("::1", 53)),
        ("127.0.0.1:0", None),
        ("127.0.0.1:70000", None),
        ("[::1]x", None),
        ("localhost:53", None),
    ],
)
def test_the_nameserver_setting_is_host_and_port(setting, expected):
    assert domains._nameserver(setting) == expected


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback here")
def test_an_ipv6_nameserver_is_asked(monkeypatch):
    with DNSTestServer({"shop.test": {"MX": [(10, M365)]}}, host="::1") as server:
        monkeypatch.setenv(domains.NAMESERVER_ENV, server.nameserver)
        domains.clear_cache()
        assert server.nameserver.startswith("[::1]:")
        assert mail_host("shop.test") == "microsoft"
        assert server.queries == [("shop.test", "MX")]
    domains.clear_cache()


def test_a_unicode_domain_is_asked_for_in_its_idna_form(dns_server):
    dns_server.set_records("bücher.test", "MX", [(10, "buecher-test.mail.protection.outlook.com.")])
    assert mx_hosts("Bücher.test") == ("buecher-test.mail.protection.outlook.com",)
    assert dns_server.queries == [("xn--bcher-kva.test", "MX")]
    offer = sign_in_offer("anna@BÜCHER.test")
    assert offer.reason == (
        "bücher.test receives its mail at Microsoft 365, so you can sign in with Microsoft."
    )
    assert dns_server.queries == [("xn--bcher-kva.test", "MX")]  # the same name: kept


@pytest.mark.parametrize(
    "domain",
    [
        "",
        "   ",
        ".",
        "shop",
        "shop..test",
        "sh op.test",
        "-shop.test",
        "shop-.test",
        "shop.test/x",
        "sh_op.test",
        "shop.test\\046evil",
        "[127.0.0.1]",
        "192.0.2.1",
        "a" * 64 + ".test",
        ("a" * 60 + ".") * 5 + "test",
        "xn--.test",
    ],
)
def test_a_malformed_domain_is_refused_without_a_lookup(dns_server, domain):
    with pytest.raises(ValueError):
        mx_hosts(domain)
    assert mail_host(domain) is None
    offer = sign_in_offer(f"owner@{domain}")
    assert (offer.provider, offer.preset, offer.checked) == (None, None, True)
    assert offer.reason == (
        f"“owner@{domain.strip()}” is not a whole e-mail address yet; enter it like "
        "owner@yourshop.com."
    )
    assert dns_server.queries == []


@pytest.mark.parametrize("address", ["owner", "@shop.test", "own er@shop.test", "owner@"])
def test_a_malformed_address_is_refused_without_a_lookup(dns_server, address):
    dns_server.set_records("shop.test", "MX", [(10, M365)])
    offer = sign_in_offer(address)
    assert offer.provider is None and offer.checked
    assert offer.reason.startswith(f"“{address}” is not a whole e-mail address yet")
    assert dns_server.queries == []


def test_an_empty_address_asks_for_one(dns_server):
    assert sign_in_offer("  ") == Offer(
        None, None, True, "Enter your address to see how you can sign in."
    )
    assert dns_server.queries == []


def test_an_answer_is_kept_so_the_second_call_sends_no_query(dns_server):
    dns_server.set_records("shop.test", "MX", [(10, M365)])
    assert mail_host("shop.test") == "microsoft"
    dns_server.set_records("shop.test", "MX", [(10, "aspmx.l.google.com.")])
    assert mail_host("SHOP.test.") == "microsoft"  # the same name, from the cache
    assert sign_in_offer("owner@shop.test").provider == "microsoft"
    assert dns_server.queries == [("shop.test", "MX")]
    domains.clear_cache()
    assert mail_host("shop.test") == "google"
    assert len(dns_server.queries) == 2


def test_a_negative_answer_is_kept_too_and_expires(dns_server, monkeypatch):
    assert mx_hosts("new.test") == ()
    assert mx_hosts("new.test") == ()
    assert dns_server.queries == [("new.test", "MX")]
    monkeypatch.setattr(domains, "CACHE_SECONDS", 0.0)
    domains.clear_cache()
    dns_server.set_records("new.test", "MX", [(10, M365)])
    assert mail_host("new.test") == "microsoft"
    assert mail_host("new.test") == "microsoft"
    assert len(dns_server.queries) == 3  # nothing kept for 0 seconds


def test_threads_asking_at_once_all_get_the_answer(dns_server):
    dns_server.set_records("shop.test", "MX", [(10, M365)])
    results: list[str | None] = []
    threads = [
        threading.Thread(target=lambda: results.append(mail_host("shop.test"))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["microsoft"] * 8
    assert 1 <= len(dns_server.queries) <= 8
    mail_host("shop.test")
    assert len(dns_server.queries) <= 8  # kept from then on


@pytest.mark.parametrize(
    ("address", "provider", "preset", "reason"),
    [
        (
            "ann@outlook.com",
            "microsoft",
            "outlook",
            "outlook.com is an Outlook.com / Hotmail address, so you can sign in with Microsoft.",
        ),
        (
            "ann@Hotmail.com",
            "microsoft",
            "outlook",
            "hotmail.com is an Outlook.com / Hotmail address, so you can sign in with Microsoft.",
        ),
        ("ann@live.com", "microsoft", "outlook", None),
        ("ann@msn.com", "microsoft", "outlook", None),
        (
            "ann@gmail.com",
            "google",
            "gmail",
            "gmail.com is a Gmail address, so you can sign in with Google.",
        ),
        ("ann@googlemail.com", "google", "gmail", None),
        (
            "ann@yahoo.co.uk",
            None,
            None,
            "yahoo.co.uk receives its mail at Yahoo Mail, so you sign in with a password.",
        ),
        ("ann@icloud.com", None, None, None),
    ],
)
def test_well_known_domains_are_decided_without_any_lookup(
    dns_server, address, provider, preset, reason
):
    dns_server.set_faults(silent=True)  # any lookup would take the whole timeout and fail
    offer = sign_in_offer(address, timeout=0.5)
    assert (offer.provider, offer.preset, offer.checked) == (provider, preset, True)
    if reason is not None:
        assert offer.reason == reason
    assert mail_host(address.rpartition("@")[2], timeout=0.5) == provider
    assert dns_server.queries == []


def test_a_long_answer_is_fetched_again_over_tcp(dns_server):
    hosts = [(i, f"mx{i:02}.a-rather-long-mail-host-name.example.") for i in range(40)]
    dns_server.set_records("big.test", "MX", hosts)
    found = mx_hosts("big.test")
    assert found is not None and len(found) == 40 and found[0].startswith("mx00.")
    assert [query.tcp for query in dns_server.received] == [False, True]


def test_a_truncated_answer_is_fetched_again_over_tcp(dns_server):
    dns_server.set_faults(truncate=True)
    dns_server.set_records("shop.test", "MX", [(10, M365)])
    assert mail_host("shop.test") == "microsoft"
    assert [query.tcp for query in dns_server.received] == [False, True]


def test_txt_records_for_the_deliverability_check(dns_server):
    dns_server.set_records("shop.test", "TXT", ["v=spf1 include:spf.protection.outlook.com -all"])
    dns_server.set_records(
        "_dmarc.shop.test", "TXT", [("v=DMARC1; p=none; ", "rua=mailto:d@shop.test")]
    )
    dns_server.set_records("sel._domainkey.shop.test", "TXT", ["v=DKIM1; k=rsa; p=" + "A" * 400])
    assert domains.txt_records("shop.test") == ("v=spf1 include:spf.protection.outlook.com -all",)
    assert domains.txt_records("_dmarc.shop.test") == ("v=DMARC1; p=none; rua=mailto:d@shop.test",)
    assert domains.txt_records("sel._domainkey.shop.test") == ("v=DKIM1; k=rsa; p=" + "A" * 400,)
    assert domains.txt_records("_domainkey.shop.test") == ()  # exists (a parent), no TXT
    assert domains.txt_records("nothing.shop.test") == ()
    with pytest.raises(ValueError):
        domains.txt_records("shop test")

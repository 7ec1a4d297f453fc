"""A mail domain: where its mail is received (its MX records), and which sign-in that suggests.

The account dialog offers "Sign in with Microsoft" for Outlook.com addresses and for domains
whose mail goes to Microsoft 365, "Sign in with Google" for Gmail and Google Workspace domains,
and a password form for everyone else (``sign_in_offer``). Well-known domains are decided from
``resources/providers.json`` without a lookup; any other domain by asking DNS.

Every lookup goes through ``records`` (also the way in for the SPF, DMARC and DKIM checks:
``txt_records``): the system's resolver, or only the server named in
``APOLOGY_COMPOSER_NAMESERVER`` (``host:port``, ``[v6]:port``; the tests' loopback server, a
split DNS), with answers kept for ``CACHE_SECONDS``. ``None`` always means the lookup could
not be done (offline, timed out, no nameserver configured), never "no such records": callers
then say they could not check instead of guessing."""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import threading
import time
from dataclasses import dataclass

import dns.exception
import dns.name
import dns.nameserver
import dns.rdata
import dns.rdtypes.ANY.MX
import dns.rdtypes.ANY.TXT
import dns.resolver

from composer.accounts import preset_for_address, presets
from composer.language import _

NAMESERVER_ENV = "APOLOGY_COMPOSER_NAMESERVER"
RESOLV_CONF = "/etc/resolv.conf"  # the system's resolver settings on POSIX (Windows: registry)
CACHE_SECONDS = 300.0
MICROSOFT, GOOGLE = "microsoft", "google"

# Mail exchangers of the two providers, as (exact name or ".suffix").
MAIL_HOSTS = {
    MICROSOFT: (".mail.protection.outlook.com", ".mx.microsoft"),
    GOOGLE: ("aspmx.l.google.com", ".aspmx.l.google.com", ".googlemail.com", "smtp.google.com"),
}
# The presets each provider's sign-in belongs to: (well-known addresses, own domains).
PRESETS = {MICROSOFT: ("outlook", "microsoft365"), GOOGLE: ("gmail", "google_workspace")}
_BRANDS = {MICROSOFT: "Microsoft", GOOGLE: "Google"}
_SERVICES = {MICROSOFT: "Microsoft 365", GOOGLE: "Google Workspace"}

_LABEL = re.compile(rb"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_SERVICE_LABEL = re.compile(rb"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")

log = logging.getLogger(__name__)

_cache_lock = threading.Lock()
_cache: dict[tuple[str, str, str], tuple[float, tuple[dns.rdata.Rdata, ...]]] = {}


@dataclass(frozen=True)
class Offer:
    """How the person can sign in for an address, and one sentence saying why."""

    provider: str | None  # "microsoft", "google", or None: a password
    preset: str | None  # "outlook", "microsoft365", "gmail", "google_workspace", or None
    checked: bool  # False when the domain's mail servers could not be looked up
    reason: str


# -- names and the resolver ------------------------------------------------------------------


def _name(domain: str, *, service: bool = False) -> dns.name.Name | None:
    """The absolute DNS name of ``domain`` (Unicode is IDNA-encoded as dnspython does), or None
    when it is not a plausible one. ``service`` also allows labels such as ``_dmarc``."""
    text = domain.strip().lower().removesuffix(".")
    if not text or "\\" in text or any(c.isspace() for c in text):
        return None
    try:
        name = dns.name.from_unicode(text, idna_codec=dns.name.IDNA_DEFAULT)
    except (dns.exception.DNSException, UnicodeError, ValueError):
        return None
    labels = name.labels[:-1]
    pattern = _SERVICE_LABEL if service else _LABEL
    if len(labels) < 2 or labels[-1].isdigit():  # one label, or an IP address
        return None
    if not all(pattern.fullmatch(label) for label in labels):
        return None
    return name


def _nameserver(setting: str) -> tuple[str, int] | None:
    """``"127.0.0.1:5353"``, ``"[::1]:5353"``, or an address alone (port 53), as (ip, port)."""
    host, port = setting.strip(), "53"
    if host.startswith("["):
        host, bracket, rest = host[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:] or port
    elif host.count(":") == 1:
        host, _colon, port = host.partition(":")
    try:
        ipaddress.ip_address(host)
        number = int(port)
    except ValueError:
        return None
    return (host, number) if 0 < number < 65536 else None


def resolver(*, timeout: float = 3.0) -> dns.resolver.Resolver | None:
    """A fresh resolver that gives up after ``timeout`` seconds: only the server named in
    ``APOLOGY_COMPOSER_NAMESERVER`` when that is set, else the system's. None when there is
    none to ask (no /etc/resolv.conf, no nameserver in it, a malformed setting)."""
    setting = os.environ.get(NAMESERVER_ENV, "").strip()
    try:
        if setting:
            address = _nameserver(setting)
            if address is None:
                log.warning("%s=%r is not host:port (like 127.0.0.1:5353)", NAMESERVER_ENV, setting)
                return None
            chosen = dns.resolver.Resolver(configure=False)
            chosen.nameservers = [dns.nameserver.Do53Nameserver(*address)]
        else:
            chosen = dns.resolver.Resolver(RESOLV_CONF)
    except (dns.exception.DNSException, OSError, ValueError) as exc:
        log.info("no DNS resolver to ask: %s", exc)
        return None
    chosen.timeout = chosen.lifetime = timeout
    return chosen


def clear_cache() -> None:
    """Forget every answer kept (the tests' servers change their records)."""
    with _cache_lock:
        _cache.clear()


def _checked(domain: str, *, service: bool = False) -> dns.name.Name:
    name = _name(domain, service=service)
    if name is None:
        raise ValueError(f"{domain!r} is not a domain name")
    return name


def records(domain: str, rtype: str, *, timeout: float = 3.0) -> tuple[dns.rdata.Rdata, ...] | None:
    """The ``rtype`` records ("MX", "TXT" …) of ``domain`` (labels such as ``_dmarc`` allowed):
    ``()`` when the name does not exist or has none, None when the lookup could not be done.
    A malformed name raises ValueError before any query. Answers are kept for
    ``CACHE_SECONDS``; failures are not, so the next call asks again."""
    name = _checked(domain, service=True)
    key = (os.environ.get(NAMESERVER_ENV, "").strip(), name.to_text(), rtype.upper())
    now = time.monotonic()
    with _cache_lock:
        kept = _cache.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
    asker = resolver(timeout=timeout)
    if asker is None:
        return None
    try:
        answer = asker.resolve(name, rtype, raise_on_no_answer=False)
        found: tuple[dns.rdata.Rdata, ...] = tuple(answer.rrset or ())
    except dns.resolver.NXDOMAIN:
        found = ()
    except (dns.exception.DNSException, OSError, ValueError) as exc:
        log.info("could not look up %s %s: %s", rtype, name, exc)
        return None
    with _cache_lock:
        _cache[key] = (time.monotonic() + CACHE_SECONDS, found)
    return found


# -- what the records say --------------------------------------------------------------------


def mx_hosts(domain: str, *, timeout: float = 3.0) -> tuple[str, ...] | None:
    """The names of the servers that receive ``domain``'s mail, most preferred first, lower-case
    without the final dot: ``()`` when it has none (or does not exist, or refuses all mail with
    a null MX), None when the lookup could not be done. A malformed domain raises ValueError
    before any query."""
    _checked(domain)
    found = records(domain, "MX", timeout=timeout)
    if found is None:
        return None
    exchanges = sorted(
        (record.preference, record.exchange.to_text(omit_final_dot=True).lower())
        for record in found
        if isinstance(record, dns.rdtypes.ANY.MX.MX) and record.exchange != dns.name.root
    )
    return tuple(dict.fromkeys(host for _preference, host in exchanges))


def txt_records(domain: str, *, timeout: float = 3.0) -> tuple[str, ...] | None:
    """The TXT records of ``domain`` (SPF, ``_dmarc.…``, ``selector._domainkey.…``), each one's
    strings joined as RFC 7208 says; ``()`` when none, None when the lookup could not be done.
    A malformed name raises ValueError before any query."""
    found = records(domain, "TXT", timeout=timeout)
    if found is None:
        return None
    return tuple(
        b"".join(record.strings).decode("utf-8", "replace")
        for record in found
        if isinstance(record, dns.rdtypes.ANY.TXT.TXT)
    )


def _receiver(host: str) -> str | None:
    for provider, patterns in MAIL_HOSTS.items():
        for pattern in patterns:
            if host == pattern or (pattern.startswith(".") and host.endswith(pattern)):
                return provider
    return None


def _well_known(domain: str) -> tuple[str | None, str] | None:
    """(provider or None, preset key) for a domain in providers.json, else None."""
    preset = preset_for_address(domain)
    if preset is None:
        return None
    for provider, (own, _domains) in PRESETS.items():
        if preset.key == own:
            return provider, preset.key
    return None, preset.key


def mail_host(domain: str, *, timeout: float = 3.0) -> str | None:
    """Which big provider receives ``domain``'s mail: "microsoft", "google", or None (another,
    or not known, also for a malformed domain: see ``mx_hosts`` to tell those apart).
    Outlook.com, Gmail and the other well-known domains are answered without a lookup; any
    other by its most preferred MX."""
    known = _well_known(domain)
    if known is not None:
        return known[0]
    if _name(domain) is None:
        return None
    hosts = mx_hosts(domain, timeout=timeout)
    return _receiver(hosts[0]) if hosts else None


def sign_in_offer(address: str, *, timeout: float = 3.0) -> Offer:
    """Which sign-in to offer for ``address``, from its domain (see the module docstring)."""
    text = address.strip()
    local, at, domain = text.rpartition("@")
    domain = domain.strip().lower().removesuffix(".")
    if not text:
        return Offer(None, None, True, _("Enter your address to see how you can sign in."))
    if not at or not local or any(c.isspace() for c in local) or _name(domain) is None:
        return Offer(
            None,
            None,
            True,
            _(
                "“{address}” is not a whole e-mail address yet; enter it like owner@yourshop.com."
            ).format(address=text),
        )
    known = _well_known(domain)
    if known is not None:
        provider, key = known
        label = presets()[key].label
        if provider is None:
            reason = _("{domain} receives its mail at {service}, so you sign in with a password.")
        elif label[0] in "AEIOU":  # the English article: "an Outlook.com", "a Gmail address"
            reason = _("{domain} is an {service} address, so you can sign in with {provider}.")
        else:
            reason = _("{domain} is a {service} address, so you can sign in with {provider}.")
        said = reason.format(
            domain=domain, service=presets()[key].name, provider=_BRANDS.get(provider or "")
        )
        return Offer(provider, key if provider else None, True, said)
    hosts = mx_hosts(domain, timeout=timeout)
    if hosts is None:
        return Offer(
            None,
            None,
            False,
            _(
                "Could not look up where {domain} receives its mail (no connection?); choose "
                "your provider below."
            ).format(domain=domain),
        )
    if not hosts:
        return Offer(
            None,
            None,
            True,
            _(
                "{domain} has no mail server on record; check the address for a typo, or choose "
                "your provider below."
            ).format(domain=domain),
        )
    provider = _receiver(hosts[0])
    if provider is None:
        return Offer(
            None,
            None,
            True,
            _(
                "{domain} receives its mail at neither Microsoft 365 nor Google, so you sign in "
                "with your mail provider's password."
            ).format(domain=domain),
        )
    key = PRESETS[provider][1]
    return Offer(
        provider,
        key,
        True,
        _("{domain} receives its mail at {service}, so you can sign in with {provider}.").format(
            domain=domain, service=_SERVICES[provider], provider=_BRANDS[provider]
        ),
    )

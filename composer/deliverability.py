"""Will the apology arrive? What the sender's domain and the customer list say, before the
first send.

Two kinds of finding, each one plain sentence with what to do (or whom to ask), none of them
blocking a send:

- **The From domain's records** (``composer.domains``): SPF (does it name the servers the
  account sends through?), DMARC (is there one, and with which policy?) and DKIM where the
  provider's selector is known (Google ``google``, Microsoft 365 ``selector1``/``selector2``,
  SendGrid ``s1``/``s2``); elsewhere "could not confirm", never "missing". An address at a
  mailbox provider's own domain (gmail.com, outlook.com …) needs nothing from the person.
- **The recipient mix**: how many customers are at Google, Microsoft, Yahoo and Apple
  mailboxes. Google, Microsoft and Yahoo treat a domain sending them about 5,000 messages a
  day as a bulk sender, which must offer one-click unsubscribe (a web page an app on a
  computer cannot host); counting the campaign's share of a day with the domain's other mail
  (the person's estimate), we say when that comes near and what to do.

A lookup that cannot be done (offline, DNS not answering) says so; nothing is guessed. The
results are kept in the campaign's history with their date (``Campaign.deliverability``), so
they are not looked up again on every open.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from composer import domains
from composer.language import N_, _, n_, number

OK, ADVICE, UNKNOWN = "ok", "advice", "unknown"  # a finding's level
BULK_PER_DAY = 5_000  # Google's and Yahoo's bulk-sender line; Microsoft's for Outlook.com
NEAR = 0.8  # "comes near": this share of the line
KEEP_SECONDS = 7 * 24 * 3600.0  # a check older than this is done again
SPF_LOOKUPS = 10  # RFC 7208's limit of DNS lookups for one SPF evaluation

# The SPF include each sending service asks its customers to publish, by the host the account
# sends through (exact, or a suffix starting with ".").
_SPF_INCLUDES = (
    (("smtp.gmail.com", "smtp-relay.gmail.com"), "_spf.google.com", "Google"),
    (("smtp.office365.com", "smtp-mail.outlook.com", ".outlook.com"), "spf.protection.outlook.com", "Microsoft 365"),
    ((".amazonaws.com",), "amazonses.com", "Amazon SES"),
    ((".postmarkapp.com",), "spf.mtasv.net", "Postmark"),
    (("smtp.mailgun.org", "smtp.eu.mailgun.org"), "mailgun.org", "Mailgun"),
    (("smtp.sendgrid.net",), "sendgrid.net", "SendGrid"),
    (("smtp-relay.brevo.com", "smtp-relay.sendinblue.com"), "spf.brevo.com", "Brevo"),
)  # fmt: skip
_DKIM_SELECTORS = {
    "Google": ("google",),
    "Microsoft 365": ("selector1", "selector2"),
    "SendGrid": ("s1", "s2"),
}
_DKIM_SETTINGS = {  # where the person's administrator turns DKIM signing on
    "Google": N_("the Google Admin console (Gmail, Authenticate email)"),
    "Microsoft 365": N_("the Microsoft Defender portal (Email authentication settings)"),
    "SendGrid": N_("SendGrid's Sender Authentication settings"),
}
# What a DMARC record's policy does, by its p= value.
_DMARC_POLICIES = {
    "none": N_("{name} has a DMARC record that only watches (p=none); that is enough for now."),
    "quarantine": N_("{name} has a DMARC record that sends failing mail to spam (p=quarantine)."),
    "reject": N_("{name} has a DMARC record that refuses failing mail (p=reject)."),
}
# Mailbox providers whose own domains need no records from the person, and the consumer
# mailboxes the bulk-sender rules count (domains and their country variants).
_MAILBOXES = {
    "Google": ("gmail.com", "googlemail.com"),
    "Microsoft": ("outlook.com", "hotmail.com", "live.com", "msn.com", "outlook.", "hotmail.", "live."),
    "Yahoo": ("yahoo.com", "ymail.com", "rocketmail.com", "yahoo."),
    "Apple": ("icloud.com", "me.com", "mac.com"),
}  # fmt: skip
_BULK_RULES = ("Google", "Microsoft", "Yahoo")  # Apple publishes no such line


@dataclass(frozen=True)
class Finding:
    topic: str  # "spf", "dmarc", "dkim", "mix", "lookup"
    level: str  # OK, ADVICE or UNKNOWN
    sentence: str

    @property
    def worth_a_look(self) -> bool:
        return self.level != OK


@dataclass(frozen=True)
class Deliverability:
    """One check's findings, dated; ``offline`` when the lookups could not be done."""

    domain: str
    host: str  # the server the account sends through ("" when no account was chosen)
    checked_at: float
    findings: tuple[Finding, ...]
    offline: bool = False

    def to_detail(self) -> dict[str, object]:
        """As kept in the campaign's history."""
        return {
            "domain": self.domain,
            "host": self.host,
            "checked_at": self.checked_at,
            "findings": [asdict(f) for f in self.findings],
        }

    @classmethod
    def from_detail(cls, detail: dict[str, object]) -> Deliverability | None:
        try:
            found = detail["findings"]
            assert isinstance(found, list)
            return cls(
                str(detail["domain"]),
                str(detail["host"]),
                float(detail["checked_at"]),  # type: ignore[arg-type]
                tuple(Finding(**f) for f in found),
            )
        except (KeyError, TypeError, ValueError, AssertionError):
            return None  # written by another version: check again

    def still_good(self, domain: str, host: str, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        return (
            not self.offline
            and (self.domain, self.host) == (domain.lower(), host.lower())
            and now - self.checked_at < KEEP_SECONDS
        )


# -- the From domain -------------------------------------------------------------------------


def check_domain(
    address: str, host: str = "", *, timeout: float = 3.0, now: float | None = None
) -> Deliverability:
    """SPF, DMARC and DKIM of the sender address's domain, for mail sent through ``host``."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    host = host.strip().lower()
    now = time.time() if now is None else now
    own = _mailbox_provider(domain)
    if own is not None:
        sentence = _(
            "Your address is at {domain}, whose records {provider} looks after; there is nothing "
            "to set up."
        ).format(domain=domain, provider=own)
        return Deliverability(domain, host, now, (Finding("spf", OK, sentence),))
    service = _service(host)
    try:
        spf = _spf(domain, service, timeout)
        # the first lookup failing means none can be done now: do not wait for each
        dmarc = _dmarc(domain, timeout) if spf is not None else None
        dkim = _dkim(domain, service, timeout) if spf is not None else None
    except ValueError:
        sentence = _(
            "The sender address's domain {domain} is not a domain name; check the address."
        ).format(domain=repr(domain))
        return Deliverability(domain, host, now, (Finding("lookup", ADVICE, sentence),))
    if spf is None:
        sentence = _(
            "The records of {domain} could not be looked up (no connection, or the name "
            "servers did not answer); the check is done again before you send."
        ).format(domain=domain)
        return Deliverability(domain, host, now, (Finding("lookup", UNKNOWN, sentence),), True)
    findings = (
        spf
        or Finding(
            "spf",
            UNKNOWN,
            _(
                "{domain}'s SPF record could not be looked up just now; it is checked again later."
            ).format(domain=domain),
        ),
        dmarc
        or Finding(
            "dmarc",
            UNKNOWN,
            _(
                "{domain}'s DMARC record could not be looked up just now; it is checked again "
                "later."
            ).format(domain=domain),
        ),
        dkim
        or Finding(
            "dkim",
            UNKNOWN,
            _(
                "{domain}'s DKIM key could not be looked up just now; it is checked again later."
            ).format(domain=domain),
        ),
    )
    return Deliverability(domain, host, now, findings)


def _mailbox_provider(domain: str) -> str | None:
    for provider, names in _MAILBOXES.items():
        if any(_is(domain, name) for name in names):
            return provider
    return None


def _is(domain: str, name: str) -> bool:
    """``name`` is a domain, or a prefix like "yahoo." that any country ending completes."""
    if name.endswith("."):
        return domain.startswith(name) and domain.count(".") <= 2
    return domain == name


def _service(host: str) -> tuple[str, str] | None:
    """(SPF include, service name) of the server the account sends through, when known."""
    for hosts, include, name in _SPF_INCLUDES:
        for pattern in hosts:
            if host == pattern or (pattern.startswith(".") and host.endswith(pattern)):
                return include, name
    return None


def _spf(domain: str, service: tuple[str, str] | None, timeout: float) -> Finding | None:
    texts = domains.txt_records(domain, timeout=timeout)
    if texts is None:
        return None
    spf = [t for t in texts if t.lower().split()[:1] == ["v=spf1"]]
    include = f"include:{service[0]}" if service else "include:…"
    if not spf:
        return Finding(
            "spf",
            ADVICE,
            _(
                "{domain} has no SPF record, so receivers cannot tell that your mail server may "
                "send for it; ask whoever runs {domain}'s DNS to add one: {record}."
            ).format(domain=domain, record=f"v=spf1 {include} ~all"),
        )
    if len(spf) > 1:
        return Finding(
            "spf",
            ADVICE,
            n_(
                "{domain} has {n} SPF records, and receivers then ignore them all; ask whoever "
                "runs {domain}'s DNS to merge them into one.",
                "{domain} has {n} SPF records, and receivers then ignore them all; ask whoever "
                "runs {domain}'s DNS to merge them into one.",
                len(spf),
            ).format(domain=domain, n=len(spf)),
        )
    record = spf[0]
    if re.search(r"(?:^|\s)\+?all(?:\s|$)", record.lower()):
        return Finding(
            "spf",
            ADVICE,
            _(
                "{domain}'s SPF record ends in +all, which lets anyone send as {domain}; ask for "
                "it to end in ~all or -all."
            ).format(domain=domain),
        )
    if service is None:
        return Finding(
            "spf",
            UNKNOWN,
            _(
                "{domain} has an SPF record; whether it names the server this account sends "
                "through could not be confirmed (ask your provider which include it needs)."
            ).format(domain=domain),
        )
    if _names(record, service[0], timeout, budget=[SPF_LOOKUPS]):
        return Finding(
            "spf",
            OK,
            _("{domain}'s SPF record names {service}: good.").format(
                domain=domain, service=service[1]
            ),
        )
    return Finding(
        "spf",
        ADVICE,
        _(
            "{domain}'s SPF record does not name {service}, which sends your mail; ask whoever "
            "runs {domain}'s DNS to add {include} to it."
        ).format(domain=domain, service=service[1], include=include),
    )


def _names(record: str, wanted: str, timeout: float, budget: list[int]) -> bool:
    """Whether the SPF record includes ``wanted``, directly or through its own includes
    (within RFC 7208's ten lookups)."""
    includes = []
    for term in record.lower().split():
        term = term.lstrip("+~?-")
        for prefix in ("include:", "redirect="):
            if term.startswith(prefix):
                includes.append(term.removeprefix(prefix).rstrip("."))
    if wanted in includes:
        return True
    for name in includes:
        if budget[0] <= 0:
            return False
        budget[0] -= 1
        try:
            texts = domains.txt_records(name, timeout=timeout) or ()
        except ValueError:
            continue
        for text in texts:
            if text.lower().startswith("v=spf1") and _names(text, wanted, timeout, budget):
                return True
    return False


def _dmarc(domain: str, timeout: float) -> Finding | None:
    looked = [domain]
    labels = domain.split(".")
    if len(labels) > 2:  # a subdomain falls back to its organisation's record
        looked.append(".".join(labels[-2:]))
    for name in looked:
        texts = domains.txt_records(f"_dmarc.{name}", timeout=timeout)
        if texts is None:
            return None
        records = [t for t in texts if t.replace(" ", "").lower().startswith("v=dmarc1")]
        if records:
            policy = _tag(records[0], "p") or "none"
            known = _DMARC_POLICIES.get(policy)
            sentence = (
                _(known)
                if known
                else _("{name} has a DMARC record that has the policy p={policy}.")
            )
            return Finding("dmarc", OK, sentence.format(name=name, policy=policy))
    return Finding(
        "dmarc",
        ADVICE,
        _(
            "{domain} has no DMARC record, which Gmail, Yahoo and Outlook.com now expect of "
            "senders; ask whoever runs {domain}'s DNS to add a TXT record at {name}: {record}."
        ).format(domain=domain, name=f"_dmarc.{domain}", record="v=DMARC1; p=none"),
    )


def _and(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def _tag(record: str, name: str) -> str:
    for part in record.split(";"):
        key, _equals, value = part.partition("=")
        if key.strip().lower() == name:
            return value.strip().lower()
    return ""


def _dkim(domain: str, service: tuple[str, str] | None, timeout: float) -> Finding | None:
    selectors = _DKIM_SELECTORS.get(service[1], ()) if service else ()
    if not selectors:
        return Finding(
            "dkim",
            UNKNOWN,
            _(
                "Whether {domain}'s mail is signed with DKIM could not be confirmed (the key's "
                "name depends on the provider); your provider's settings say how to turn it on."
            ).format(domain=domain),
        )
    assert service is not None  # only a known service has known selectors
    for selector in selectors:
        texts = domains.txt_records(f"{selector}._domainkey.{domain}", timeout=timeout)
        if texts is None:
            return None
        if any("p=" in t.replace(" ", "") for t in texts):
            return Finding(
                "dkim",
                OK,
                _("{domain} publishes a DKIM key for {service} ({selector}): good.").format(
                    domain=domain, service=service[1], selector=selector
                ),
            )
    return Finding(
        "dkim",
        ADVICE,
        _(
            "No DKIM key for {service} was found at {name}; ask whoever runs {domain} to turn on "
            "DKIM signing in {settings}."
        ).format(
            service=service[1],
            name=f"{selectors[0]}._domainkey.{domain}",
            domain=domain,
            settings=_(_DKIM_SETTINGS[service[1]]),
        ),
    )


# -- the customers' mailboxes ----------------------------------------------------------------


def mix(addresses: Iterable[str]) -> Counter[str]:
    """How many of the addresses are at each big mailbox provider."""
    counted: Counter[str] = Counter()
    for address in addresses:
        provider = _mailbox_provider(address.rpartition("@")[2].lower())
        if provider is not None:
            counted[provider] += 1
    return counted


def mix_findings(
    counted: Counter[str], audience: int, *, daily_cap: int | None = None, other_daily: int = 0
) -> tuple[Finding, ...]:
    """What the mix means for one day of sending: the campaign's share of a day (all of it,
    or ``daily_cap``'s share), plus the domain's other mail (the person's estimate, going to
    the same mix of people), against the bulk-sender line."""
    if not audience:
        return ()
    share = min(1.0, daily_cap / audience) if daily_cap else 1.0
    findings = []
    at = _("{n} at {provider}")
    listed = ", ".join(at.format(n=number(n), provider=p) for p, n in counted.most_common() if n)
    if listed:
        findings.append(
            Finding(
                "mix",
                OK,
                n_("Of {n} customer: {listed}.", "Of {n} customers: {listed}.", audience).format(
                    n=number(audience), listed=listed
                ),
            )
        )
    near = []
    for provider in _BULK_RULES:
        part = counted[provider] / audience  # the other mail goes to the same mix of people
        per_day = math.ceil(counted[provider] * share + max(0, other_daily) * part)
        if per_day >= BULK_PER_DAY * NEAR:
            about = (
                _("about {n} a day to {provider} mailboxes (over it)")
                if per_day >= BULK_PER_DAY
                else _("about {n} a day to {provider} mailboxes (close to it)")
            )
            near.append(about.format(n=number(per_day), provider=provider))
    if near:
        bulk = (
            _(
                "At {limit} messages a day a provider treats your domain as a bulk sender, who "
                "must offer a one-click unsubscribe link this app cannot host; this campaign "
                "sends {sends}, counting your domain's other mail (about {other} a day, to the "
                "same mix of people). Spread it over days (Messages a day) or send through a "
                "relay service."
            )
            if other_daily
            else _(
                "At {limit} messages a day a provider treats your domain as a bulk sender, who "
                "must offer a one-click unsubscribe link this app cannot host; this campaign "
                "sends {sends}. Spread it over days (Messages a day) or send through a relay "
                "service."
            )
        )
        findings.append(
            Finding(
                "mix",
                ADVICE,
                bulk.format(
                    limit=number(BULK_PER_DAY), sends=_and(near), other=number(other_daily)
                ),
            )
        )
    return tuple(findings)


# -- both, for a campaign --------------------------------------------------------------------


def for_mailing(
    address: str,
    host: str,
    addresses: Iterable[str],
    *,
    daily_cap: int | None = None,
    other_daily: int = 0,
    known: Deliverability | None = None,
    timeout: float = 3.0,
    now: float | None = None,
) -> tuple[Deliverability, tuple[Finding, ...]]:
    """The domain's check (``known`` again when it is recent and for the same domain and
    server, else looked up) and the recipient mix's findings."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    if known is not None and known.still_good(domain, host, now):
        checked = known
    else:
        checked = check_domain(address, host, timeout=timeout, now=now)
    listed = list(addresses)
    counted = mix(listed)
    return checked, mix_findings(counted, len(listed), daily_cap=daily_cap, other_daily=other_daily)


__all__ = [
    "ADVICE",
    "BULK_PER_DAY",
    "OK",
    "UNKNOWN",
    "Deliverability",
    "Finding",
    "check_domain",
    "for_mailing",
    "mix",
    "mix_findings",
]

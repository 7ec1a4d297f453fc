"""The mail accounts apologies are sent from, their provider presets, and where secrets live.

Settings go to a small JSON file in the user's config folder; the password (app password,
token) goes only to the operating system's keyring, never to a file, log or campaign."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import ipaddress
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from composer.errors import AccountError
from composer.language import N_, _, n_
from composer.paths import config_dir

if TYPE_CHECKING:
    from composer.message import Identity
    from composer.signin import Grant, Tokens

# what signs a connection in: a password, or the tokens of a sign-in with Microsoft/Google
Secret: TypeAlias = "str | Tokens"

APP_NAME = "apology-composer"
KEYRING_SERVICE = "apology-composer"
PASSWORD_ENV = "APOLOGY_COMPOSER_PASSWORD"
SECURITIES = ("starttls", "tls", "none")
IMAP_SECURITIES = ("tls", "starttls")  # the mailbox is never read without encryption
AUTH_KINDS = ("password", "oauth2")
# How messages leave: SMTP (password or XOAUTH2), Microsoft Graph sendMail, the Gmail API.
TRANSPORTS = ("smtp", "graph", "gmail")
MAX_CONNECTIONS_LIMIT = 10
SECURITY_LABELS = {"starttls": "STARTTLS", "tls": "TLS", "none": N_("no encryption")}


class KeyringUnavailable(AccountError):
    """No working system password store: the secret must be asked for each run."""


class MissingSecret(AccountError):
    """No password was found in the keyring, the environment or a prompt."""


@dataclass(frozen=True)
class Account:
    """One mailbox the person sends from. Holds no secret."""

    name: str
    display_name: str
    address: str
    host: str
    port: int
    security: str = "starttls"
    username: str = ""
    daily_cap: int | None = None
    rate: int | None = None
    provider: str = "custom"
    auth: str = "password"
    max_connections: int | None = None
    transport: str = "smtp"
    # the mailbox (bounces, replies, the Sent folder); None: the provider preset's, or a guess
    imap_host: str | None = None
    imap_port: int | None = None
    imap_security: str | None = None  # "tls" or "starttls"

    @property
    def login(self) -> str:
        """The user name to sign in with (the address when none was given)."""
        return self.username or self.address


@dataclass(frozen=True)
class Region:
    """One of a sending service's regions (Amazon SES eu-west-1, Mailgun EU): its SMTP host."""

    key: str
    label: str
    host: str

    @property
    def name(self) -> str:
        """The label in the current language ("Europa (Frankfurt), eu-central-1")."""
        return _(self.label)


@dataclass(frozen=True)
class Preset:
    """What we know about one provider's SMTP submission service.

    ``daily_cap`` and ``rate`` (per minute) are what a new account gets, and the person may
    change them. Amazon SES counts its quotas in recipients rather than messages; every
    apology has exactly one recipient, so here the two are the same number."""

    key: str
    label: str
    host: str | None
    port: int
    security: str
    daily_cap: int | None
    rate: int | None
    max_connections: int | None
    domains: tuple[str, ...]
    password_sign_in: bool
    password_hint: str
    stores_sent_copy: bool
    imap_host: str | None = None  # where bounces, replies and the Sent folder are read
    imap_port: int = 993
    imap_security: str = "tls"
    # a sending service (Amazon SES, Postmark …): chosen by the person, never by the address
    relay: bool = False
    # the user name: None the address; "" one of the service's own, to paste; else that word
    username: str | None = None
    regions: tuple[Region, ...] = ()  # the first is the default (``host``)
    # added to every message sent through it (composer.transport), fixed here, never from a
    # campaign's values: Postmark's X-PM-Message-Stream
    headers: tuple[tuple[str, str], ...] = ()
    implicit_tls: bool = True  # False: no TLS port at all (Postmark), only STARTTLS

    @property
    def name(self) -> str:
        """The label in the current language ("Anderer Mailserver"); the labels of
        providers.json are in the engine's catalogue (``language.extract``)."""
        return _(self.label)

    def region(self, key: str) -> Region:
        """The region called ``key`` (AccountError naming the known ones when there is none)."""
        for region in self.regions:
            if region.key == key.strip().lower():
                return region
        known = ", ".join(r.key for r in self.regions)
        sentence = (
            _("{service} has no region “{key}”; choose one of: {known}.")
            if known
            else _("{service} has no region “{key}”; it has no regions to choose from.")
        )
        raise AccountError(sentence.format(service=self.name, key=key, known=known), field="region")

    def region_of(self, host: str) -> Region | None:
        """The region whose SMTP host is ``host`` (None: a host typed by hand)."""
        name = host.strip().rstrip(".").lower()
        return next((r for r in self.regions if r.host == name), None)


# -- validation -----------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """True for this computer: localhost, 127.0.0.0/8 or ::1."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _plausible_host(host: str) -> bool:
    """A name or IP literal: no spaces, paths, user names or ports glued on."""
    if not host or any(c.isspace() or c in "/@" for c in host):
        return False
    if ":" in host:  # only an IPv6 literal may hold colons
        try:
            ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            return False
    return True


# The sentence for a limit that is not a whole number above 0, by the setting's field.
_NOT_A_LIMIT = {
    "daily_cap": N_("The daily cap must be a whole number above 0."),
    "rate": N_("The rate must be a whole number above 0."),
    "max_connections": N_("The max connections must be a whole number above 0."),
}


def validate_account(account: Account) -> None:
    """Raise AccountError (one sentence, naming the field) when the account cannot work."""

    def bad(message: str, field: str) -> AccountError:
        return AccountError(message, field=field)

    if not account.name.strip():
        raise bad(_("The account has no name; give it a short label such as “shop”."), "name")
    local, at, domain = account.address.strip().rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in account.address):
        raise bad(
            _(
                "The sender address “{address}” is not an e-mail address; "
                "enter it like owner@yourshop.com."
            ).format(address=account.address),
            "address",
        )
    host = account.host.strip()
    if not _plausible_host(host):
        raise bad(
            _(
                "The mail server name is empty or malformed; enter your provider's SMTP server, "
                "for example smtp.yourprovider.com."
            ),
            "host",
        )
    if not isinstance(account.port, int) or not 0 < account.port < 65536:
        raise bad(
            _(
                "The port {port} is not valid; use your provider's submission port "
                "(usually 587 for STARTTLS or 465 for TLS)."
            ).format(port=account.port),
            "port",
        )
    if account.security not in SECURITIES:
        raise bad(
            _("The security setting “{security}” is unknown; choose starttls, tls or none.").format(
                security=account.security
            ),
            "security",
        )
    if account.security == "none" and not is_loopback(host):
        raise bad(
            _(
                "Without encryption your password would cross the network in the clear, so "
                "“none” is allowed only for a server on this computer; choose STARTTLS or TLS "
                "for {host}."
            ).format(host=host),
            "security",
        )
    for field, value, upper in (
        ("daily_cap", account.daily_cap, None),
        ("rate", account.rate, None),
        ("max_connections", account.max_connections, MAX_CONNECTIONS_LIMIT),
    ):
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise bad(_(_NOT_A_LIMIT[field]), field)
        if upper is not None and value > upper:  # only max_connections has an upper bound
            raise bad(_("The max connections can be at most {upper}.").format(upper=upper), field)
    imap_host = (account.imap_host or "").strip()
    if imap_host and not _plausible_host(imap_host):
        raise bad(
            _(
                "The mailbox server name is malformed; enter your provider's IMAP server, for "
                "example imap.yourprovider.com, or leave it empty."
            ),
            "imap_host",
        )
    if account.imap_port is not None and (
        not isinstance(account.imap_port, int) or not 0 < account.imap_port < 65536
    ):
        raise bad(
            _(
                "The mailbox port {port} is not valid; use your provider's IMAP port "
                "(usually 993 for TLS or 143 for STARTTLS)."
            ).format(port=account.imap_port),
            "imap_port",
        )
    if account.imap_security is not None and account.imap_security not in IMAP_SECURITIES:
        raise bad(
            _("The mailbox security “{security}” is unknown; choose tls or starttls.").format(
                security=account.imap_security
            ),
            "imap_security",
        )
    preset = presets().get(account.provider)
    if preset is not None and account.security == "tls" and not preset.implicit_tls:
        raise bad(
            _(
                "This sending service has no TLS port (a connection to one would only hang); "
                "choose STARTTLS, on port 587, 2525 or 25."
            ),
            "security",
        )
    if preset is not None and preset.username == "" and not account.username.strip():
        raise bad(
            _(
                "The sending service signs in with a user name of its own, not your address; "
                "paste the SMTP user name it gave you."
            ),
            "username",
        )
    if account.auth not in AUTH_KINDS:
        raise bad(
            _("The sign-in kind “{auth}” is unknown; use password.").format(auth=account.auth),
            "auth",
        )
    if account.transport not in TRANSPORTS:
        raise bad(
            _("The way of sending “{transport}” is unknown; use smtp, graph or gmail.").format(
                transport=account.transport
            ),
            "transport",
        )
    if account.transport != "smtp" and account.auth != "oauth2":
        raise bad(
            _(
                "Sending through Microsoft Graph or the Gmail API needs sign-in with Microsoft or "
                "Google, not a password."
            ),
            "transport",
        )


# -- storage --------------------------------------------------------------------------------


def accounts_file() -> Path:
    return config_dir() / "accounts.json"


def _read_all() -> list[Account]:
    path = accounts_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise AccountError(
            _(
                "The account settings file {path} cannot be read ({reason}); fix or delete it "
                "and add the account again."
            ).format(path=path, reason=exc)
        ) from exc
    known = {f.name for f in dataclasses.fields(Account)}
    accounts = []
    for entry in data.get("accounts", []) if isinstance(data, dict) else []:
        try:
            accounts.append(Account(**{k: v for k, v in entry.items() if k in known}))
        except TypeError as exc:
            raise AccountError(
                _(
                    "An account in {path} lacks a required setting ({reason}); fix or delete "
                    "the file."
                ).format(path=path, reason=exc)
            ) from exc
    return accounts


def _write_all(accounts: list[Account]) -> None:
    path = accounts_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"version": 1, "accounts": [dataclasses.asdict(a) for a in accounts]},
            indent=2,
            ensure_ascii=False,
        )
        # Write a sibling file and rename it over, so a crash never leaves half a file.
        fd, tmp = tempfile.mkstemp(prefix=".accounts-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise AccountError(
            _(
                "The account settings cannot be saved to {path} ({reason}); check that the "
                "folder is writable."
            ).format(path=path, reason=exc.strerror or exc)
        ) from exc


def list_accounts() -> list[Account]:
    """Every saved account, in the order they were added."""
    return _read_all()


def get(name: str) -> Account:
    """The saved account called ``name`` (case does not matter)."""
    accounts = _read_all()
    for account in accounts:
        if account.name.casefold() == name.strip().casefold():
            return account
    known = ", ".join(a.name for a in accounts)
    sentence = (
        _("No account is named “{name}”; the saved accounts are: {known}.")
        if known
        else _("No account is named “{name}”; add one first.")
    )
    raise AccountError(sentence.format(name=name, known=known), field="name")


def save(account: Account) -> Account:
    """Check and store ``account``, replacing a saved one with the same name."""
    validate_account(account)
    account = dataclasses.replace(
        account,
        name=account.name.strip(),
        address=account.address.strip(),
        host=account.host.strip(),
        imap_host=(account.imap_host or "").strip() or None,
    )
    accounts = [a for a in _read_all() if a.name.casefold() != account.name.casefold()]
    accounts.append(account)
    _write_all(accounts)
    return account


def remove(name: str) -> Account:
    """Forget the account's settings (its secret stays until ``delete_secret``)."""
    account = get(name)
    _write_all([a for a in _read_all() if a.name.casefold() != account.name.casefold()])
    return account


def describe_account(account: Account) -> str:
    """One line for lists: name, sender, server, security and limits."""
    limits = []
    if account.daily_cap:
        cap = account.daily_cap
        limits.append(n_("up to {n} a day", "up to {n} a day", cap).format(n=cap))
    if account.rate:
        rate = account.rate
        limits.append(n_("{n} a minute", "{n} a minute", rate).format(n=rate))
    if account.max_connections:
        most = account.max_connections
        limits.append(n_("{n} connection at once", "{n} connections at once", most).format(n=most))
    if account.transport == "graph":
        via = _("Microsoft Graph (signed in with Microsoft)")
    elif account.transport == "gmail":
        via = _("the Gmail API (signed in with Google)")
    else:
        security = (
            _(SECURITY_LABELS["none"])
            if account.security == "none"
            else SECURITY_LABELS.get(account.security, account.security)
        )
        via = (
            _("{host}:{port} ({security}, signed in with Microsoft)")
            if account.auth == "oauth2"
            else "{host}:{port} ({security})"
        ).format(host=account.host, port=account.port, security=security)
    text = _("{name}: {sender} via {via}").format(
        name=account.name, sender=f"{account.display_name} <{account.address}>", via=via
    )
    return text + (", " + ", ".join(limits) if limits else "")


# -- presets --------------------------------------------------------------------------------


@functools.cache
def presets() -> dict[str, Preset]:
    """Provider presets from resources/providers.json, keyed by preset name."""
    from resources import resource_path

    data = json.loads(resource_path("providers.json").read_text(encoding="utf-8"))
    result = {}
    for key, entry in data.items():
        if key.startswith("_"):
            continue
        result[key] = Preset(
            key=key,
            label=entry["label"],
            host=entry["host"],
            port=entry["port"],
            security=entry["security"],
            daily_cap=entry["daily_cap"],
            rate=entry["rate"],
            max_connections=entry["max_connections"],
            domains=tuple(entry["domains"]),
            password_sign_in=entry["password_sign_in"],
            password_hint=entry["password_hint"],
            stores_sent_copy=entry["stores_sent_copy"],
            imap_host=entry.get("imap_host"),
            imap_port=entry.get("imap_port", 993),
            imap_security=entry.get("imap_security", "tls"),
            relay=entry.get("relay", False),
            username=entry.get("username"),
            regions=tuple(
                Region(r["key"], r["label"], r["host"]) for r in entry.get("regions", ())
            ),
            headers=_fixed_headers(key, entry.get("headers", {})),
            implicit_tls=entry.get("implicit_tls", True),
        )
    return result


# A preset's header: an X- name and one line of printable ASCII, so that nothing in
# providers.json can pose as an address, a line break or a header of the message's own.
_HEADER_NAME = re.compile(r"X-[A-Za-z0-9][A-Za-z0-9-]*")
_HEADER_VALUE = re.compile(r"[!-~]+(?: [!-~]+)*")


def _fixed_headers(key: str, headers: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    for name, value in headers.items():
        if not _HEADER_NAME.fullmatch(name) or not _HEADER_VALUE.fullmatch(str(value)):
            raise ValueError(f"providers.json: the header {name!r} of {key} is not allowed")
    return tuple(headers.items())


def preset_headers(account: Account) -> tuple[tuple[str, str], ...]:
    """The headers every message sent through ``account`` carries for its provider (for
    Postmark: the broadcast stream); none for most providers."""
    preset = presets().get(account.provider)
    return preset.headers if preset is not None else ()


def _domain_matches(domain: str, pattern: str) -> bool:
    if pattern.endswith(".*"):  # "yahoo.*": yahoo.com, yahoo.co.uk, yahoo.de …
        return domain.startswith(pattern[:-1]) and len(domain) > len(pattern) - 1
    return domain == pattern


def preset_for_address(address: str) -> Preset | None:
    """The preset chosen by the address's domain, or None (custom server) when none matches."""
    domain = address.strip().rpartition("@")[2].rstrip(".").lower()
    if not domain:
        return None
    for preset in presets().values():
        if any(_domain_matches(domain, pattern) for pattern in preset.domains):
            return preset
    return None


def account_from_preset(
    key: str,
    address: str,
    display_name: str,
    *,
    name: str | None = None,
    sign_in: bool | None = None,
    region: str | None = None,
) -> Account:
    """A new account for ``address`` with the preset's server and limits (not yet saved).

    ``sign_in``: sign in with the provider (Microsoft, Google) instead of a password; by
    default only where the provider no longer takes passwords (Outlook.com). Google accounts
    that sign in send through the Gmail API. For presets without a fixed server (relay,
    custom) ``host`` is empty: ask for it. ``region``: the sending service's region (Amazon
    SES "eu-west-1", Mailgun "eu"), which chooses its host; by default its first. A sending
    service's own user name is left empty for the person to paste, unless it is fixed
    (SendGrid's "apikey")."""
    try:
        preset = presets()[key]
    except KeyError:
        raise AccountError(
            _("There is no provider preset “{key}”; choose one of: {known}.").format(
                key=key, known=", ".join(presets())
            ),
            field="provider",
        ) from None
    address = address.strip()
    oauth = (not preset.password_sign_in) if sign_in is None else sign_in
    host = preset.region(region).host if region is not None else preset.host
    return Account(
        name=name or address,
        display_name=display_name.strip(),
        address=address,
        host=host or "",
        port=preset.port,
        security=preset.security,
        username=address if preset.username is None else preset.username,
        daily_cap=preset.daily_cap,
        rate=preset.rate,
        provider=key,
        auth="oauth2" if oauth else "password",
        max_connections=preset.max_connections,
        transport="gmail" if oauth and key in ("gmail", "google_workspace") else "smtp",
    )


def preset_hint(preset: Preset) -> str:
    """The provider's sentence on which password it wants, in the current language (the
    hints of providers.json are in the engine's catalogue, see ``language.extract``)."""
    return _(preset.password_hint) if preset.password_hint else ""


def password_hint(account: Account) -> str:
    """The provider's sentence on which password it wants, for login failures."""
    catalogue = presets()
    preset = (
        catalogue.get(account.provider)
        or preset_for_address(account.address)
        or catalogue["custom"]
    )
    return preset_hint(preset)


# -- secrets --------------------------------------------------------------------------------

_NO_KEYRING = N_(
    "No system password store (keyring) works on this computer, so the password is asked for "
    "each time and never saved."
)


def keyring_available() -> tuple[bool, str]:
    """Whether a real keyring backend works here, and a sentence saying which or why not."""
    try:
        import keyring
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken backend can raise nearly anything on import
        return False, _(
            "No system password store (keyring) works on this computer, so the password is "
            "asked for each time and never saved ({reason})."
        ).format(reason=exc)
    if isinstance(backend, fail.Keyring):
        return False, _(_NO_KEYRING)
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return False, _(_NO_KEYRING)
    name = getattr(backend, "name", type(backend).__name__)
    return True, _("Passwords are kept in the system password store ({name}).").format(name=name)


# The Windows credential store keeps at most 2,560 bytes per entry, which keyring fills with
# UTF-16: a longer secret (a refresh token is often 1,500 characters or more) is kept in parts
# of PART_CHARS under "<address>#2", "<address>#3" …, the first entry saying how many there are.
PART_CHARS = 1000
_PARTS_MARK = "\u2063parts:"  # an invisible separator no password starts with


def _entries(secret: str) -> list[str]:
    if len(secret) <= PART_CHARS and not secret.startswith(_PARTS_MARK):
        return [secret]
    pieces = [secret[i : i + PART_CHARS] for i in range(0, len(secret), PART_CHARS)]
    return [f"{_PARTS_MARK}{len(pieces)}", *pieces]


def _part_name(address: str, number: int) -> str:
    return f"{address}#{number}"


def _parts_of(first: str | None) -> int:
    """How many parts the first entry announces (0: it is the secret itself)."""
    if first is None or not first.startswith(_PARTS_MARK):
        return 0
    count = first[len(_PARTS_MARK) :]
    return int(count) if count.isdigit() else 0


def store_secret(account: Account, secret: str) -> None:
    """Save the password (or refresh token) in the keyring under the account's address."""
    ok, reason = keyring_available()
    if not ok:
        raise KeyringUnavailable(reason)
    import keyring

    try:
        before = _parts_of(keyring.get_password(KEYRING_SERVICE, account.address))
        entries = _entries(secret)
        # parts first, the entry that points at them last: a crash between leaves the old one
        for number, piece in enumerate(entries[1:], start=2):
            keyring.set_password(KEYRING_SERVICE, _part_name(account.address, number), piece)
        keyring.set_password(KEYRING_SERVICE, account.address, entries[0])
        for number in range(len(entries) + 1, before + 2):
            _forget(_part_name(account.address, number))
    except Exception as exc:
        refused = (
            _(
                "The system password store refused to save the sign-in for {address} "
                "({reason}); it will be asked for each time instead."
            )
            if account.auth == "oauth2"
            else _(
                "The system password store refused to save the password for {address} "
                "({reason}); it will be asked for each time instead."
            )
        )
        raise KeyringUnavailable(refused.format(address=account.address, reason=exc)) from None


def get_secret(account: Account) -> str | None:
    """The saved password, or None when none is saved or no keyring works."""
    if not keyring_available()[0]:
        return None
    import keyring

    try:
        first = keyring.get_password(KEYRING_SERVICE, account.address)
        parts = _parts_of(first)
        if not parts:
            return first
        pieces = [
            keyring.get_password(KEYRING_SERVICE, _part_name(account.address, number))
            for number in range(2, parts + 2)
        ]
    except Exception:
        return None
    if any(piece is None for piece in pieces):
        return None  # a part went missing: as good as none saved
    return "".join(piece for piece in pieces if piece is not None)


def _forget(name: str) -> bool:
    import keyring

    try:
        keyring.delete_password(KEYRING_SERVICE, name)
    except Exception:  # PasswordDeleteError when none was saved, or a backend failure
        return False
    return True


def delete_secret(account: Account) -> bool:
    """Remove the saved password (every part of it); True when one was removed."""
    if not keyring_available()[0]:
        return False
    import keyring

    try:
        parts = _parts_of(keyring.get_password(KEYRING_SERVICE, account.address))
    except Exception:
        parts = 0
    for number in range(2, parts + 2):
        _forget(_part_name(account.address, number))
    return _forget(account.address)


def resolve_secret(
    account: Account,
    *,
    env: Mapping[str, str] = os.environ,
    prompt: Callable[[str], str] | None = None,
) -> Secret:
    """The password: keyring, then ``APOLOGY_COMPOSER_PASSWORD``, then ``prompt`` if given.
    For an account that signs in with Microsoft or Google: its tokens (from the keyring's
    refresh token), or MissingSecret saying to sign in."""
    if account.auth == "oauth2":
        return tokens_for(account)
    secret = get_secret(account)
    if secret:
        return secret
    secret = env.get(PASSWORD_ENV)
    if secret:
        return secret
    if prompt is not None:
        secret = prompt(
            _("Password for {address} on {host}: ").format(
                address=account.address, host=account.host
            )
        )
        if secret:
            return secret
    if keyring_available()[0]:
        message = _(
            "No password is saved for {address}; save it with the account, set {variable}, or "
            "run from a terminal to be asked."
        )
    else:
        message = _(
            "No password is available for {address} because no system password store "
            "(keyring) works here; set {variable}, or run from a terminal to be asked."
        )
    raise MissingSecret(
        message.format(address=account.address, variable=PASSWORD_ENV), field="password"
    )


def tokens_for(account: Account) -> Tokens:
    """The sign-in tokens of an OAuth account; a replaced refresh token is saved again."""
    from composer.signin import LABELS, Tokens, provider_of

    refresh_token = get_secret(account)
    provider = LABELS[provider_of(account) or "microsoft"]
    if not refresh_token:
        signed_out = (
            _(
                "{address} is not signed in with {provider}; sign in again in the account "
                "settings, or with `{command}`."
            )
            if keyring_available()[0]
            else _(
                "{address} is not signed in with {provider} (no system password store works "
                "here, so a sign-in lasts only while the app is open); sign in again in the "
                "account settings, or with `{command}`."
            )
        )
        raise MissingSecret(
            signed_out.format(
                address=account.address,
                provider=provider,
                command=f"apology-composer-cli account signin {account.name}",
            ),
            field="auth",
        )
    return Tokens(account, refresh_token, keep=_keeper(account))


def keep_sign_in(account: Account, grant: Grant) -> tuple[Tokens, str | None]:
    """Keep a sign-in that just happened: its refresh token in the keyring, its tokens for
    this session. The sentence says why it could not be kept (None when it was)."""
    from composer.signin import Tokens

    tokens = Tokens.from_grant(account, grant, keep=_keeper(account))
    try:
        store_secret(account, grant.refresh_token)
    except KeyringUnavailable as problem:
        return tokens, str(problem)
    return tokens, None


def _keeper(account: Account) -> Callable[[str], None]:
    """Saves a refresh token the provider replaced (quietly: the old one may still work)."""

    def keep(new: str) -> None:
        with contextlib.suppress(KeyringUnavailable):
            store_secret(account, new)

    return keep


# -- the sender and a refused password -------------------------------------------------------


def sender_identity(
    account: Account, current: Identity | None = None, *, any_from: bool = False
) -> Identity:
    """Who the apology is from when it goes through ``account``: the account's own address
    (providers refuse mail from another one), with the name already typed for that address,
    else the account's name. ``any_from``: a server that accepts any sender (the practice
    outbox) keeps a sender already chosen."""
    from composer.message import Identity

    if (
        current is not None
        and current.address.strip()
        and (any_from or current.address.strip().lower() == account.address.lower())
    ):
        return current
    reply_to = current.reply_to if current is not None else None
    return Identity(account.display_name or "", account.address, reply_to)


def forget_rejected_secret(account: Account) -> None:
    """The server refused this password: never offer it again (it is asked for anew). A
    refused sign-in token stays until the person signs in again, which replaces it."""
    if account.auth != "oauth2":
        delete_secret(account)

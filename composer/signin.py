"""Signing in with Microsoft or Google instead of a password, and the tokens that come of it.

The person signs in once, in their own browser (a loopback redirect with PKCE: the app never
sees the password), or with a code typed on another device (Microsoft's device-code flow, for
a computer without a browser). What is kept is the refresh token alone, in the system's
password store (``accounts.store_secret``); access tokens live in memory only (``Tokens``),
are renewed shortly before they expire, once more when a server refuses one during a run, and
after that the person is asked to sign in again.

Which app registration, authority and API addresses are used comes from
``resources/oauth.json``, overridden key by key by ``oauth.json`` in the settings folder and
then by the JSON file named in ``APOLOGY_COMPOSER_OAUTH_CONFIG`` (an organisation's own
registration; the tests' loopback servers). Microsoft is spoken to through MSAL, Google through google-auth-oauthlib; both over
``composer.https.session()``. Every refusal becomes one ``SignInProblem`` sentence that says
what the person (or their administrator) can do; no token ever reaches a message, a log line
or a file other than the password store."""

from __future__ import annotations

import html
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from composer.errors import AccountError
from composer.language import N_, _, n_, number

if TYPE_CHECKING:
    from composer.accounts import Account

MICROSOFT, GOOGLE = "microsoft", "google"
PROVIDERS = (MICROSOFT, GOOGLE)
LABELS = {MICROSOFT: "Microsoft", GOOGLE: "Google"}
CONFIG_ENV = "APOLOGY_COMPOSER_OAUTH_CONFIG"

# What each transport needs, asked for alone (Microsoft refuses SMTP and Graph scopes mixed).
SMTP_SCOPE = "https://outlook.office.com/SMTP.Send"
GRAPH_SCOPE = "https://graph.microsoft.com/Mail.Send"
GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.send"
GOOGLE_IDENTITY = ("openid", "https://www.googleapis.com/auth/userinfo.email")
SCOPES = {"smtp": SMTP_SCOPE, "graph": GRAPH_SCOPE, "gmail": GMAIL_SCOPE}

BROWSER_SECONDS = 300.0  # how long the browser sign-in waits for the person
RENEW_MARGIN = 300.0  # an access token this close to its end is renewed before use
REQUEST_SECONDS = 30.0

# The presets whose accounts sign in with each provider.
_PROVIDER_OF_PRESET = {
    "outlook": MICROSOFT,
    "microsoft365": MICROSOFT,
    "gmail": GOOGLE,
    "google_workspace": GOOGLE,
}

# The libraries log requests at debug level, and oauthlib logs whole token responses: never
# let that reach a --debug run or a log file.
for _name in ("msal", "oauthlib", "requests_oauthlib", "google_auth_oauthlib", "google.auth"):
    logging.getLogger(_name).setLevel(logging.WARNING)

_GO_BACK = N_("You can close this tab and go back to Apology Composer.")


def _page(title: str, heading: str, text: str) -> str:
    """The page the browser shows once the sign-in is over, in the person's language (MSAL
    reads it as a string.Template: a ``$`` of a translation is doubled)."""
    title, heading, text = (
        html.escape(t, quote=False).replace("$", "$$") for t in (title, heading, text)
    )
    return (
        f"<!doctype html><meta charset=utf-8><title>{title}</title>"
        f"<body style='font-family:sans-serif;margin:3em'><h1>{heading}</h1>"
        f"<p>{text}</p>"
    )


def _success_page() -> str:
    return _page(_("Signed in"), _("You are signed in."), _(_GO_BACK))


def _failure_page() -> str:
    return _page(
        _("Not signed in"),
        _("You are not signed in."),
        _("Go back to Apology Composer: it says what happened and what to do."),
    )


class SignInProblem(AccountError):
    """Signing in did not work. ``reason`` is a stable code: ``cancelled``, ``consent_needed``,
    ``extra_check`` (multi-factor or a policy), ``app_unknown``, ``not_configured``,
    ``expired`` (sign in again), ``other_account``, ``timed_out``, ``unreachable``,
    ``refused``. ``admin_link`` is the page an administrator opens to give consent."""

    def __init__(
        self, message: str, *, reason: str = "refused", admin_link: str | None = None
    ) -> None:
        super().__init__(message, field="auth")
        self.reason = reason
        self.admin_link = admin_link


@dataclass(frozen=True, repr=False)
class Grant:
    """What one sign-in gave: who signed in, the refresh token to keep, and a first access
    token (in memory only). ``repr`` shows no token."""

    provider: str
    address: str
    refresh_token: str
    access_token: str
    expires_at: float
    scope: str

    def __repr__(self) -> str:
        return f"Grant({self.provider}, {self.address}, expires {self.expires_at:.0f})"


# -- configuration ----------------------------------------------------------------------------


def settings_file() -> Path:
    """``oauth.json`` in the settings folder: this person's own registration, if any."""
    from composer.paths import config_dir

    return config_dir() / "oauth.json"


def configuration(provider: str) -> dict[str, Any]:
    """The settings for ``provider``: the shipped file, overridden key by key by the one in
    the settings folder, then by the file the environment names."""
    from resources import resource_path

    merged: dict[str, Any] = dict(_read(resource_path("oauth.json")).get(provider, {}))
    own = settings_file()
    if own.exists():
        merged.update(_read(own).get(provider, {}))
    override = os.environ.get(CONFIG_ENV, "").strip()
    if override:  # named on purpose: a missing file is an error, not a quiet default
        merged.update(_read(Path(override)).get(provider, {}))
    return merged


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SignInProblem(
            _(
                "The sign-in settings file {path} cannot be read ({reason}); fix it, or unset "
                "{variable}."
            ).format(path=path, reason=exc, variable=CONFIG_ENV),
            reason="not_configured",
        ) from None
    if not isinstance(data, dict):
        raise SignInProblem(
            _("The sign-in settings file {path} is not a JSON object; fix it.").format(path=path),
            reason="not_configured",
        )
    return data


def _settings(provider: str, *keys: str) -> dict[str, Any]:
    conf = configuration(provider)
    missing = [k for k in keys if not conf.get(k)]
    if missing:
        raise SignInProblem(
            _(
                "Sign-in with {provider} is not set up in this copy of Apology Composer "
                "(no {settings}); use an app password, or ask whoever installed it to add the "
                "app registration (see docs/sign-in.md)."
            ).format(provider=LABELS[provider], settings=", ".join(missing)),
            reason="not_configured",
        )
    return conf


def provider_of(account: Account) -> str | None:
    """The provider an OAuth account signs in with, from its preset (None for passwords)."""
    if account.auth != "oauth2":
        return None
    return _PROVIDER_OF_PRESET.get(account.provider, MICROSOFT)


def offered_for(preset: str | None) -> str | None:
    """The sign-in a preset's accounts are offered: "microsoft", "google" or None."""
    return _PROVIDER_OF_PRESET.get(preset or "")


def scope_of(account: Account) -> str:
    """The one scope the account's transport needs."""
    return SCOPES.get(account.transport, SMTP_SCOPE)


def available(provider: str) -> bool:
    """True when this copy has an app registration for ``provider``."""
    try:
        return bool(configuration(provider).get("client_id"))
    except SignInProblem:
        return False


# -- signing in ---------------------------------------------------------------------------------


def sign_in(
    provider: str,
    address: str,
    *,
    scope: str | None = None,
    device_code: Callable[[str], None] | None = None,
    timeout: float = BROWSER_SECONDS,
) -> Grant:
    """Sign ``address`` in with ``provider`` in the system browser (or, with ``device_code``,
    by a code the person types elsewhere: ``device_code`` gets the sentence to show). Blocks
    until done; raises SignInProblem."""
    if provider == MICROSOFT:
        return _microsoft_sign_in(address, scope or SMTP_SCOPE, device_code, timeout)
    if provider == GOOGLE:
        if device_code is not None:
            raise SignInProblem(
                _(
                    "Google does not allow signing in with a code for sending mail; sign in in a "
                    "browser on this computer, or use an app password."
                ),
                reason="refused",
            )
        return _google_sign_in(address, scope or GMAIL_SCOPE, timeout)
    raise SignInProblem(
        _("There is no sign-in with “{provider}”; choose microsoft or google.").format(
            provider=provider
        )
    )


def renew(provider: str, address: str, refresh_token: str, scope: str) -> Grant:
    """A fresh access token from the refresh token (which may come back replaced)."""
    if provider == MICROSOFT:
        return _microsoft_renew(address, refresh_token, scope)
    return _google_renew(address, refresh_token, scope)


# -- Microsoft ----------------------------------------------------------------------------------


def _microsoft_app() -> Any:
    import msal

    from composer.https import session

    conf = _settings(MICROSOFT, "client_id", "authority")
    authority = str(conf["authority"])
    try:
        return msal.PublicClientApplication(
            conf["client_id"],
            authority=authority,
            # Microsoft's own hosts are validated against its instance list; an organisation's
            # or a test's authority is taken as written.
            instance_discovery=urlsplit(authority).hostname == "login.microsoftonline.com",
            http_client=session(),  # its requests time out (MSAL's own timeout is not used)
        )
    except Exception as exc:  # the authority's discovery document unreadable, or unreachable
        raise _unreachable(MICROSOFT, exc) from None


def _microsoft_sign_in(
    address: str, scope: str, device_code: Callable[[str], None] | None, timeout: float
) -> Grant:
    from msal.oauth2cli.oauth2 import BrowserInteractionTimeoutError

    app = _microsoft_app()
    try:
        if device_code is not None:
            flow = app.initiate_device_flow(scopes=[scope])
            if "user_code" not in flow:
                raise _microsoft_problem(flow, address)
            device_code(
                _(
                    "To sign in, open {page} on any device and enter the code {code}; this waits "
                    "until you have."
                ).format(page=flow["verification_uri"], code=flow["user_code"])
            )
            result = app.acquire_token_by_device_flow(flow)
        else:
            result = app.acquire_token_interactive(
                scopes=[scope],
                login_hint=address,
                prompt="select_account",
                timeout=timeout,
                success_template=_success_page(),
                error_template=_failure_page(),
            )
    except SignInProblem:
        raise
    except BrowserInteractionTimeoutError:
        raise _timed_out(address, timeout) from None
    except Exception as exc:
        raise _unreachable(MICROSOFT, exc) from None
    if not result:  # the browser never came back
        raise _timed_out(address, timeout)
    if "access_token" not in result:
        raise _microsoft_problem(result, address)
    claims = result.get("id_token_claims") or {}
    who = str(claims.get("preferred_username") or claims.get("email") or address)
    _same_person(MICROSOFT, who, address)
    return _grant(MICROSOFT, address, result, scope)


def _microsoft_renew(address: str, refresh_token: str, scope: str) -> Grant:
    app = _microsoft_app()
    try:
        result = app.acquire_token_by_refresh_token(refresh_token, scopes=[scope])
    except Exception as exc:
        raise _unreachable(MICROSOFT, exc) from None
    if "access_token" not in result:
        raise _microsoft_problem(result, address, renewing=True)
    return _grant(MICROSOFT, address, result, scope, refresh_token)


def _grant(
    provider: str,
    address: str,
    result: Mapping[str, Any],
    scope: str,
    refresh_token: str | None = None,
) -> Grant:
    kept = result.get("refresh_token") or refresh_token
    if not kept:
        raise SignInProblem(
            _(
                "{provider} signed {address} in but gave no lasting sign-in (no refresh token); "
                "sign in again and allow staying signed in."
            ).format(provider=LABELS[provider], address=address),
        )
    return Grant(
        provider=provider,
        address=address,
        refresh_token=str(kept),
        access_token=str(result["access_token"]),
        expires_at=time.time() + float(result.get("expires_in") or 3600),
        scope=scope,
    )


def admin_consent_link(address: str) -> str | None:
    """The page where an administrator of ``address``'s organisation approves the app."""
    try:
        conf = configuration(MICROSOFT)
    except SignInProblem:
        return None
    template, client_id = conf.get("admin_consent_url"), conf.get("client_id")
    if not template or not client_id:
        return None
    tenant = address.rpartition("@")[2] or "organizations"
    return str(template).format(tenant=tenant, client_id=client_id)


def _microsoft_problem(
    result: Mapping[str, Any], address: str, *, renewing: bool = False
) -> SignInProblem:
    """Microsoft's error answer (``error``, ``error_description`` with its AADSTS code) as
    one sentence for the person."""
    error = str(result.get("error") or "")
    description = str(result.get("error_description") or "")
    codes = {int(c) for c in result.get("error_codes") or () if str(c).isdigit()}
    code = description.split(":", 1)[0].strip() if description.startswith("AADSTS") else ""
    said_code = code or error
    # put at the end of a sentence, before its full stop (nothing when Microsoft said nothing)
    said = " " + _("(Microsoft said: {code})").format(code=said_code) if said_code else ""

    def has(*numbers: int) -> bool:
        return any(n in codes or f"AADSTS{n}" in description for n in numbers)

    if has(65001) or error == "consent_required":
        link = admin_consent_link(address)
        consent = (
            _(
                "Your organisation has not yet allowed Apology Composer to send mail for "
                "{address}. Ask your administrator to approve it at {link}, then sign in "
                "again{said}."
            )
            if link
            else _(
                "Your organisation has not yet allowed Apology Composer to send mail for "
                "{address}. Ask your administrator to approve it, then sign in again{said}."
            )
        )
        return SignInProblem(
            consent.format(address=address, link=link, said=said),
            reason="consent_needed",
            admin_link=link,
        )
    if has(7000218):
        return SignInProblem(
            _(
                "This copy's app registration does not allow signing in with a code; sign "
                "{address} in in a browser on this computer, or ask whoever set up the "
                "registration to allow public client flows (see docs/sign-in.md){said}."
            ).format(address=address, said=said),
            reason="app_unknown",
        )
    if has(700016):
        return SignInProblem(
            _(
                "The organisation of {address} does not know this copy's app registration; ask "
                "your administrator to add it, or to give you your organisation's own "
                "(see docs/sign-in.md){said}."
            ).format(address=address, said=said),
            reason="app_unknown",
        )
    if has(53003):
        return SignInProblem(
            _(
                "Your organisation's sign-in rules (Conditional Access) blocked this sign-in for "
                "{address}; ask your administrator to allow Apology Composer, or sign in in a "
                "browser on this computer instead of with a code{said}."
            ).format(address=address, said=said),
            reason="extra_check",
        )
    if has(50076, 50079, 50158) or error == "interaction_required" and not renewing:
        return SignInProblem(
            _(
                "Your organisation wants an extra check (such as a code on your phone) before "
                "{address} can send; sign in again in the browser and complete it{said}."
            ).format(address=address, said=said),
            reason="extra_check",
        )
    if has(65004) or error in ("access_denied", "authorization_declined"):
        return _cancelled(address)
    if renewing or error in ("invalid_grant", "interaction_required", "expired_token"):
        return SignInProblem(
            _(
                "The sign-in for {address} has expired or was withdrawn; sign in again with "
                "Microsoft{said}."
            ).format(address=address, said=said),
            reason="expired",
        )
    if error == "authorization_pending" or error == "code_expired":
        return SignInProblem(
            _("The sign-in code for {address} expired before it was entered; start again.").format(
                address=address
            ),
            reason="timed_out",
        )
    if error:
        return SignInProblem(
            _(
                "Microsoft refused the sign-in for {address} ({detail}); try again, or ask your "
                "administrator."
            ).format(address=address, detail=description.splitlines()[0] if description else error)
        )
    return SignInProblem(
        _(
            "Microsoft refused the sign-in for {address}; try again, or ask your administrator."
        ).format(address=address)
    )


# -- Google ---------------------------------------------------------------------------------


def _google_client() -> dict[str, Any]:
    conf = _settings(GOOGLE, "client_id", "client_secret", "auth_uri", "token_uri")
    return {
        "installed": {
            "client_id": conf["client_id"],
            "client_secret": conf["client_secret"],
            "auth_uri": conf["auth_uri"],
            "token_uri": conf["token_uri"],
            "redirect_uris": ["http://127.0.0.1"],
        }
    }


def _google_sign_in(address: str, scope: str, timeout: float) -> Grant:
    from google_auth_oauthlib.flow import InstalledAppFlow

    from composer.https import trusting

    scopes = [*GOOGLE_IDENTITY, scope]
    flow = InstalledAppFlow.from_client_config(
        _google_client(), scopes=scopes, autogenerate_code_verifier=True
    )
    trusting(flow.oauth2session)
    try:
        credentials = flow.run_local_server(
            host="127.0.0.1",
            port=0,
            open_browser=True,
            authorization_prompt_message="",
            success_message=" ".join((_("You are signed in."), _(_GO_BACK))),
            timeout_seconds=int(timeout),
            login_hint=address,
            prompt="consent",  # a refresh token comes only with consent given now
        )
    except Exception as exc:
        raise _google_problem(exc, address, timeout) from None
    if credentials is None or not credentials.token:
        raise _timed_out(address, timeout)
    who = str(_id_claims(getattr(credentials, "id_token", None)).get("email") or address)
    _same_person(GOOGLE, who, address)
    return _grant(
        GOOGLE,
        address,
        {"access_token": credentials.token, "refresh_token": credentials.refresh_token}
        | _expires_in(credentials.expiry),
        scope,
    )


def _google_renew(address: str, refresh_token: str, scope: str) -> Grant:
    import google.auth.exceptions
    from google.auth.transport.requests import Request
    from google.oauth2.credentials import Credentials

    from composer.https import session

    client = _google_client()["installed"]
    credentials = Credentials(
        None,
        refresh_token=refresh_token,
        token_uri=client["token_uri"],
        client_id=client["client_id"],
        client_secret=client["client_secret"],
    )
    try:
        credentials.refresh(Request(session()))
    except google.auth.exceptions.RefreshError as exc:
        raise SignInProblem(
            _(
                "The sign-in for {address} has expired or was withdrawn; sign in again with "
                "Google ({code})."
            ).format(address=address, code=_google_said(exc)),
            reason="expired",
        ) from None
    except Exception as exc:
        raise _unreachable(GOOGLE, exc) from None
    return _grant(
        GOOGLE,
        address,
        {"access_token": credentials.token} | _expires_in(credentials.expiry),
        scope,
        credentials.refresh_token or refresh_token,
    )


def _expires_in(expiry: Any) -> dict[str, float]:
    """google-auth's naive-UTC ``expiry`` as seconds from now."""
    import calendar

    if expiry is None:
        return {}
    return {"expires_in": max(0.0, calendar.timegm(expiry.timetuple()) - time.time())}


def _id_claims(id_token: object) -> dict[str, Any]:
    """The claims of an ID token that came straight from the token endpoint over TLS (so its
    signature need not be checked to learn who signed in)."""
    import base64

    if not isinstance(id_token, str) or id_token.count(".") != 2:
        return {}
    payload = id_token.split(".")[1]
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _google_said(exc: BaseException) -> str:
    """Google's error code (``invalid_grant`` …), never the library's advice around it."""
    for arg in exc.args[1:]:
        if isinstance(arg, dict) and arg.get("error"):
            return str(arg["error"])
    text = str(exc.args[0] if exc.args else exc)
    code = text.split(":", 1)[0].strip()
    return code if code.replace("_", "").isalnum() else type(exc).__name__


def _google_problem(exc: BaseException, address: str, timeout: float) -> SignInProblem:
    text = str(exc)
    if "access_denied" in text:
        return _cancelled(address)
    if isinstance(exc, AttributeError | TypeError) and "NoneType" in text:
        return _timed_out(address, timeout)  # the local server saw no answer in time
    if "invalid_client" in text or "unauthorized_client" in text:
        return SignInProblem(
            _(
                "Google does not know this copy's app registration ({code}); ask whoever "
                "installed Apology Composer (see docs/sign-in.md), or use an app password."
            ).format(code=_google_said(exc)),
            reason="app_unknown",
        )
    if isinstance(exc, OSError) or "Connection" in type(exc).__name__:
        return _unreachable(GOOGLE, exc)
    return SignInProblem(
        _(
            "Google refused the sign-in for {address} ({code}); try again, or use an app password."
        ).format(address=address, code=_google_said(exc)),
    )


# -- shared words ---------------------------------------------------------------------------


def _same_person(provider: str, who: str, address: str) -> None:
    """The person signed in as the account's own mailbox (a Microsoft 365 user whose sign-in
    name is still the organisation's onmicrosoft.com one is the same person)."""
    if who.casefold() == address.casefold():
        return
    if provider == MICROSOFT and who.casefold().endswith(".onmicrosoft.com"):
        return
    raise SignInProblem(
        _(
            "You signed in as {who}, but this account sends from {address}; sign in again as "
            "{address}, or change the account's address to {who}."
        ).format(who=who, address=address),
        reason="other_account",
    )


def _cancelled(address: str) -> SignInProblem:
    return SignInProblem(
        _(
            "The sign-in for {address} was cancelled, so nothing was changed; sign in again "
            "when you are ready."
        ).format(address=address),
        reason="cancelled",
    )


def _timed_out(address: str, timeout: float) -> SignInProblem:
    minutes = max(1, round(timeout / 60))
    return SignInProblem(
        n_(
            "The sign-in for {address} was not finished in the browser within {n} minute; "
            "start it again.",
            "The sign-in for {address} was not finished in the browser within {n} minutes; "
            "start it again.",
            minutes,
        ).format(address=address, n=number(minutes)),
        reason="timed_out",
    )


def _unreachable(provider: str, exc: BaseException) -> SignInProblem:
    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return SignInProblem(
        _(
            "{provider}'s sign-in service could not be reached ({detail}); check the internet "
            "connection and try again."
        ).format(provider=LABELS[provider], detail=detail),
        reason="unreachable",
    )


# -- the tokens of a run --------------------------------------------------------------------


class Tokens:
    """One account's sign-in while the app runs: the refresh token from the password store and
    the access tokens made from it, kept in memory and renewed before they run out. Safe to use
    from several threads; ``repr`` shows no token."""

    def __init__(
        self,
        account: Account,
        refresh_token: str,
        *,
        keep: Callable[[str], None] | None = None,
    ) -> None:
        provider = provider_of(account)
        if provider is None:
            raise SignInProblem(
                _("{address} signs in with a password, not a token.").format(
                    address=account.address
                )
            )
        self.account = account
        self.provider = provider
        self._refresh_token = refresh_token
        self._keep = keep  # saves a replaced refresh token (the password store)
        self._lock = threading.Lock()
        self._access: dict[str, tuple[str, float]] = {}
        self.renewals = 0

    def __repr__(self) -> str:
        return f"Tokens({self.account.address})"

    @classmethod
    def from_grant(
        cls, account: Account, grant: Grant, *, keep: Callable[[str], None] | None = None
    ) -> Tokens:
        """The tokens of a sign-in that just happened (its access token already in hand)."""
        tokens = cls(account, grant.refresh_token, keep=keep)
        tokens._access[grant.scope] = (grant.access_token, grant.expires_at)
        return tokens

    @property
    def refresh_token(self) -> str:
        return self._refresh_token

    def access_token(self, scope: str | None = None) -> str:
        """A token for ``scope`` (the account's own by default) with some minutes left."""
        scope = scope or scope_of(self.account)
        with self._lock:
            held = self._access.get(scope)
            if held is not None and held[1] - RENEW_MARGIN > time.time():
                return held[0]
            return self._renew(scope)

    def renew(self, scope: str | None = None, *, refused: str | None = None) -> str:
        """A new token after a server refused ``refused`` (skipped when another thread has
        renewed it meanwhile). Raises SignInProblem ``expired`` when that is not possible."""
        scope = scope or scope_of(self.account)
        with self._lock:
            held = self._access.get(scope)
            if held is not None and refused is not None and held[0] != refused:
                return held[0]
            return self._renew(scope)

    def _renew(self, scope: str) -> str:
        grant = renew(self.provider, self.account.address, self._refresh_token, scope)
        self.renewals += 1
        self._access[scope] = (grant.access_token, grant.expires_at)
        if grant.refresh_token != self._refresh_token:
            self._refresh_token = grant.refresh_token
            if self._keep is not None:
                self._keep(grant.refresh_token)
        return grant.access_token

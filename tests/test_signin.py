"""Signing in with Microsoft and Google (composer.signin): the real MSAL and google-auth-oauthlib
against the loopback identity server, a browser played by the test, and the refresh token kept
in the (in-memory) keyring only."""

from __future__ import annotations

import json
import threading

import pytest

from composer import accounts, signin
from composer.signin import GMAIL_SCOPE, GRAPH_SCOPE, SMTP_SCOPE, SignInProblem, Tokens
from tests.identity_server import PlayingBrowser, installed_browser
from tests.smtp_server import USERNAME

pytestmark = pytest.mark.usefixtures("oauth_config")


def microsoft_account(**overrides) -> accounts.Account:
    account = accounts.account_from_preset(
        "microsoft365", USERNAME, "Sam", name="shop", sign_in=True
    )
    return accounts.dataclasses.replace(account, **overrides)


def google_account() -> accounts.Account:
    return accounts.account_from_preset("google_workspace", USERNAME, "Sam", sign_in=True)


def token_requests(identity_server, grant_type=None):
    return [
        r
        for r in identity_server.requests
        if r.endpoint == "token" and (grant_type is None or r.grant_type == grant_type)
    ]


# -- Microsoft ------------------------------------------------------------------------------


def test_microsoft_in_the_browser_with_pkce_asks_for_smtp_alone_and_keeps_a_refresh_token(
    identity_server,
):
    browser = PlayingBrowser()
    with installed_browser(browser):
        grant = signin.sign_in(signin.MICROSOFT, USERNAME, timeout=30)
    assert grant.address == USERNAME and grant.scope == SMTP_SCOPE
    assert identity_server.is_valid(grant.access_token, SMTP_SCOPE) == USERNAME
    assert identity_server.is_valid(grant.access_token, GRAPH_SCOPE) is None
    [authorize] = [r for r in identity_server.requests if r.endpoint == "authorize"]
    assert authorize.params["code_challenge_method"] == "S256"
    assert authorize.params["login_hint"] == USERNAME
    assert "graph.microsoft.com" not in authorize.params["scope"]
    [exchange] = token_requests(identity_server, "authorization_code")
    assert exchange.params["code_verifier"] == "<hidden>"  # sent, and checked by the server
    assert exchange.status == 200
    [visit] = browser.visits
    assert "You are signed in" in visit.listener_page
    assert "refresh_token" in grant.refresh_token or grant.refresh_token
    assert grant.access_token not in repr(grant) and grant.refresh_token not in repr(grant)


def test_microsoft_device_code_prints_the_code_and_waits_for_approval(identity_server):
    identity_server.auto_approve_device_codes = 0.5
    said: list[str] = []
    grant = signin.sign_in(signin.MICROSOFT, USERNAME, device_code=said.append)
    [sentence] = said
    flow = [r for r in identity_server.requests if r.endpoint == "devicecode"]
    assert flow and "enter the code" in sentence and "open https://127.0.0.1:" in sentence
    assert identity_server.is_valid(grant.access_token, SMTP_SCOPE) == USERNAME
    assert token_requests(identity_server, "urn:ietf:params:oauth:grant-type:device_code")


@pytest.mark.parametrize(
    ("error", "reason", "words"),
    [
        ("consent_required", "consent_needed", "Ask your administrator to approve it at"),
        ("interaction_required", "extra_check", "extra check"),
        ("conditional_access", "extra_check", "Conditional Access"),
    ],
)
def test_microsoft_refusals_are_one_sentence_saying_who_can_act(
    identity_server, error, reason, words
):
    identity_server.fail_next(error, provider="microsoft", at="authorize")
    with installed_browser(PlayingBrowser()), pytest.raises(SignInProblem) as caught:
        signin.sign_in(signin.MICROSOFT, USERNAME, timeout=30)
    assert caught.value.reason == reason
    assert words in str(caught.value)
    assert "\n" not in str(caught.value) and "Traceback" not in str(caught.value)
    if reason == "consent_needed":
        link = caught.value.admin_link
        assert link and "adminconsent" in link and identity_server.microsoft_client_id in link


def test_an_app_the_organisation_does_not_know_and_a_code_sign_in_switched_off(identity_server):
    identity_server.fail_next("unauthorized_client", provider="microsoft", at="token")
    with installed_browser(PlayingBrowser()), pytest.raises(SignInProblem) as caught:
        signin.sign_in(signin.MICROSOFT, USERNAME, timeout=30)
    assert caught.value.reason == "app_unknown"
    assert "does not know this copy's app registration" in str(caught.value)
    identity_server.fail_next("public_client_disabled", provider="microsoft")
    identity_server.auto_approve_device_codes = 0.2
    with pytest.raises(SignInProblem) as caught:
        signin.sign_in(signin.MICROSOFT, USERNAME, device_code=lambda _: None)
    assert "does not allow signing in with a code" in str(caught.value)


def test_cancelling_in_the_browser_changes_nothing(identity_server):
    with installed_browser(PlayingBrowser(action="cancel")), pytest.raises(SignInProblem) as e:
        signin.sign_in(signin.MICROSOFT, USERNAME, timeout=30)
    assert e.value.reason == "cancelled"
    assert "cancelled, so nothing was changed" in str(e.value)
    assert token_requests(identity_server) == []


def test_a_browser_that_never_comes_back_times_out_with_a_sentence(identity_server):
    with installed_browser(PlayingBrowser(action="abandon")), pytest.raises(SignInProblem) as e:
        signin.sign_in(signin.MICROSOFT, USERNAME, timeout=2)
    assert e.value.reason == "timed_out"
    assert "was not finished in the browser within 1 minute" in str(e.value)


def test_a_device_code_blocked_by_policy_says_to_use_the_browser(identity_server):
    identity_server.fail_next("device_code_blocked", provider="microsoft")
    identity_server.auto_approve_device_codes = 0.2
    with pytest.raises(SignInProblem) as caught:
        signin.sign_in(signin.MICROSOFT, USERNAME, device_code=lambda _: None)
    assert caught.value.reason == "extra_check"
    assert "in a browser on this computer instead of with a code" in str(caught.value)


def test_signing_in_as_someone_else_is_refused(identity_server):
    identity_server.add_user("assistant@shop.test")
    identity_server.sign_in_as("assistant@shop.test")
    with installed_browser(PlayingBrowser()), pytest.raises(SignInProblem) as caught:
        signin.sign_in(signin.MICROSOFT, USERNAME, timeout=30)
    assert caught.value.reason == "other_account"
    assert "You signed in as assistant@shop.test, but this account sends from" in str(caught.value)


def test_without_a_registration_sign_in_says_what_to_do(tmp_path, monkeypatch):
    empty = tmp_path / "none.json"
    empty.write_text(json.dumps({"microsoft": {"client_id": None}}), encoding="utf-8")
    monkeypatch.setenv(signin.CONFIG_ENV, str(empty))
    assert signin.available(signin.MICROSOFT) is False
    with pytest.raises(SignInProblem, match="not set up in this copy") as caught:
        signin.sign_in(signin.MICROSOFT, USERNAME)
    assert caught.value.reason == "not_configured"
    broken = tmp_path / "broken.json"
    broken.write_text("{nope", encoding="utf-8")
    monkeypatch.setenv(signin.CONFIG_ENV, str(broken))
    with pytest.raises(SignInProblem, match="cannot be read"):
        signin.configuration(signin.MICROSOFT)


def test_the_settings_and_the_environment_override_the_shipped_file_key_by_key(
    oauth_config, identity_server, monkeypatch
):
    conf = signin.configuration(signin.MICROSOFT)
    assert conf["client_id"] == identity_server.microsoft_client_id
    assert conf["authority"] == identity_server.microsoft_authority
    assert "{tenant}" in conf["admin_consent_url"]  # not overridden: from resources/oauth.json
    own = signin.settings_file()
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(
        json.dumps({"microsoft": {"client_id": "mine", "admin_consent_url": "x {client_id}"}}),
        encoding="utf-8",
    )
    conf = signin.configuration(signin.MICROSOFT)
    assert conf["client_id"] == identity_server.microsoft_client_id  # the environment wins
    assert conf["admin_consent_url"] == "x {client_id}"  # the settings folder's own key
    monkeypatch.delenv(signin.CONFIG_ENV)
    assert signin.configuration(signin.MICROSOFT)["client_id"] == "mine"
    assert signin.admin_consent_link("a@b.example") == "x mine"


# -- Google ---------------------------------------------------------------------------------


def test_google_in_the_browser_asks_to_send_only_and_learns_who_signed_in(identity_server):
    browser = PlayingBrowser()
    with installed_browser(browser):
        grant = signin.sign_in(signin.GOOGLE, USERNAME, timeout=30)
    assert grant.provider == signin.GOOGLE and grant.scope == GMAIL_SCOPE
    assert identity_server.is_valid(grant.access_token, GMAIL_SCOPE) == USERNAME
    [authorize] = [r for r in identity_server.requests if r.endpoint == "authorize"]
    asked = set(authorize.params["scope"].split())
    assert GMAIL_SCOPE in asked and "https://mail.google.com/" not in asked
    assert authorize.params["code_challenge_method"] == "S256"
    assert authorize.params["access_type"] == "offline"


def test_google_has_no_device_code_for_sending(identity_server):
    with pytest.raises(SignInProblem, match="Google does not allow signing in with a code"):
        signin.sign_in(signin.GOOGLE, USERNAME, device_code=print)


def test_google_cancelled_in_the_browser(identity_server):
    with installed_browser(PlayingBrowser(action="cancel")), pytest.raises(SignInProblem) as e:
        signin.sign_in(signin.GOOGLE, USERNAME, timeout=30)
    assert e.value.reason == "cancelled"


# -- the tokens of a run ------------------------------------------------------------------------


def test_tokens_are_renewed_before_expiry_and_a_rotated_refresh_token_is_kept(identity_server):
    account = microsoft_account()
    answer = identity_server.issue_tokens(USERNAME, SMTP_SCOPE)
    kept: list[str] = []
    tokens = Tokens(account, answer["refresh_token"], keep=kept.append)
    first = tokens.access_token()
    assert tokens.access_token() == first  # kept in memory while it has minutes left
    assert len(token_requests(identity_server, "refresh_token")) == 1
    assert kept and kept[-1] != answer["refresh_token"]  # Microsoft rotates it
    identity_server.access_token_lifetime = 60  # less than the renewal margin
    second = tokens.renew(refused=first)
    assert second != first and identity_server.is_valid(second, SMTP_SCOPE) == USERNAME
    third = tokens.access_token()  # expires within the margin: renewed again before use
    assert third != second
    assert tokens.renew(refused="an older one") == third  # another thread renewed meanwhile
    identity_server.access_token_lifetime = 3599
    # Graph is its own token request, which needs its own consent first
    with pytest.raises(SignInProblem) as caught:
        tokens.access_token(GRAPH_SCOPE)
    assert caught.value.reason == "consent_needed"
    identity_server.issue_tokens(USERNAME, GRAPH_SCOPE)  # the person consents (elsewhere)
    graph = tokens.access_token(GRAPH_SCOPE)
    assert identity_server.is_valid(graph, GRAPH_SCOPE) == USERNAME
    assert identity_server.is_valid(graph, SMTP_SCOPE) is None
    scopes = [r.params.get("scope", "") for r in token_requests(identity_server, "refresh_token")]
    assert all(not (SMTP_SCOPE in s and GRAPH_SCOPE in s) for s in scopes)
    smtp = tokens.access_token()
    assert tokens.access_token() == smtp != graph  # each scope keeps its own in memory
    assert first not in repr(tokens)


def test_a_revoked_sign_in_says_sign_in_again(identity_server):
    answer = identity_server.issue_tokens(USERNAME, SMTP_SCOPE)
    identity_server.revoke(USERNAME)
    tokens = Tokens(microsoft_account(), answer["refresh_token"])
    with pytest.raises(SignInProblem) as caught:
        tokens.access_token()
    assert caught.value.reason == "expired"
    assert "has expired or was withdrawn; sign in again with Microsoft" in str(caught.value)


def test_google_tokens_renew_without_rotation(identity_server):
    answer = identity_server.issue_tokens(USERNAME, GMAIL_SCOPE, provider="google")
    kept: list[str] = []
    tokens = Tokens(google_account(), answer["refresh_token"], keep=kept.append)
    token = tokens.access_token()
    assert identity_server.is_valid(token, GMAIL_SCOPE) == USERNAME
    assert kept == []  # the same refresh token: nothing to save again
    identity_server.revoke(USERNAME)
    with pytest.raises(SignInProblem, match="sign in again with Google"):
        tokens.renew(refused=token)


def test_tokens_renew_once_for_many_threads(identity_server):
    answer = identity_server.issue_tokens(USERNAME, SMTP_SCOPE)
    tokens = Tokens(microsoft_account(), answer["refresh_token"])
    stale = tokens.access_token()
    before = len(token_requests(identity_server, "refresh_token"))
    got: list[str] = []
    threads = [
        threading.Thread(target=lambda: got.append(tokens.renew(refused=stale))) for _ in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(got)) == 1
    assert len(token_requests(identity_server, "refresh_token")) == before + 1


def test_a_sign_in_is_kept_in_the_keyring_only(identity_server, tmp_path):
    account = accounts.save(microsoft_account())
    with installed_browser(PlayingBrowser()):
        grant = signin.sign_in(signin.MICROSOFT, USERNAME, timeout=30)
    tokens, not_kept = accounts.keep_sign_in(account, grant)
    assert not_kept is None
    assert accounts.get_secret(account) == grant.refresh_token
    assert tokens.access_token() == grant.access_token  # no second request needed
    resolved = accounts.resolve_secret(account, env={})
    assert isinstance(resolved, Tokens) and resolved.refresh_token == grant.refresh_token
    settings = accounts.accounts_file().read_text(encoding="utf-8")
    assert grant.refresh_token not in settings and grant.access_token not in settings
    assert json.loads(settings)["accounts"][0]["auth"] == "oauth2"

"""The loopback fakes of sign-in (tests/identity_server.py) and of the Graph and Gmail send APIs
(tests/mail_api_server.py), proven with the real libraries — msal, google-auth-oauthlib,
google-auth and requests — and no mocks."""

from __future__ import annotations

import base64
import json
import webbrowser
from email.message import EmailMessage

import google.auth.exceptions
import google.auth.transport.requests
import google.oauth2.credentials
import msal
import msal.exceptions
import pytest
import requests
from google_auth_oauthlib.flow import InstalledAppFlow, WSGITimeoutError
from msal.oauth2cli.oauth2 import BrowserInteractionTimeoutError
from oauthlib.oauth2.rfc6749.errors import AccessDeniedError, InvalidGrantError

from tests.identity_server import (
    DEVICE_CODE_GRANT,
    GMAIL_SEND,
    GOOGLE_EMAIL,
    GRAPH_MAIL_SEND,
    SMTP_SEND,
    PlayingBrowser,
    installed_browser,
)
from tests.smtp_server import USERNAME, ca_pem_path

GOOGLE_SCOPES = ["openid", GOOGLE_EMAIL, GMAIL_SEND]


@pytest.fixture
def session(identity_server):
    s = identity_server.client_session()
    yield s
    s.close()


@pytest.fixture
def ms_app(identity_server, session):
    return msal.PublicClientApplication(
        identity_server.microsoft_client_id,
        authority=identity_server.microsoft_authority,
        instance_discovery=False,
        http_client=session,
    )


@pytest.fixture
def google_flow(identity_server, oauth_config):
    """Factory of InstalledAppFlow objects on the fake (oauth_config puts the test CA in
    REQUESTS_CA_BUNDLE, which requests lets override the session's verify)."""
    flows = []

    def make(scopes=GOOGLE_SCOPES):
        flow = InstalledAppFlow.from_client_config(
            identity_server.google_client_config(), scopes=scopes, autogenerate_code_verifier=True
        )
        flow.oauth2session.verify = ca_pem_path()
        flows.append(flow)
        return flow

    yield make
    for flow in flows:
        flow.oauth2session.close()


def _fresh_app(server, session):
    """Another msal app (its own HTTP cache) on the same session."""
    return msal.PublicClientApplication(
        server.microsoft_client_id,
        authority=server.microsoft_authority,
        instance_discovery=False,
        http_client=session,
    )


def _device_sign_in(server, app, scope=SMTP_SEND):
    server.auto_approve_device_codes = 0.0
    result = app.acquire_token_by_device_flow(app.initiate_device_flow(scopes=[scope]))
    assert "access_token" in result, result
    return result


def _run_google(flow, **kwargs):
    return flow.run_local_server(
        host="127.0.0.1", port=0, open_browser=True, authorization_prompt_message="", **kwargs
    )


def _mime(to="ann@example.com") -> bytes:
    msg = EmailMessage()
    msg["From"] = USERNAME
    msg["To"] = to
    msg["Subject"] = "We are sorry, Ann"
    msg.set_content("Dear Ann,\r\n\r\nyour order was late. We are sorry.\r\n")
    return msg.as_bytes()


# ---- Microsoft, through msal ---------------------------------------------------------------------


def test_msal_browser_sign_in_form_post_pkce_and_nonce(identity_server, ms_app):
    with installed_browser(PlayingBrowser()) as browser:
        result = ms_app.acquire_token_interactive([SMTP_SEND], login_hint=USERNAME, timeout=10)
    assert "access_token" in result and "refresh_token" in result, result
    claims = result["id_token_claims"]
    assert claims["preferred_username"] == USERNAME
    assert claims["aud"] == identity_server.microsoft_client_id
    assert claims["tid"] == identity_server.user(USERNAME).tenant
    assert identity_server.is_valid(result["access_token"], SMTP_SEND) == USERNAME
    assert identity_server.is_valid(result["access_token"], GRAPH_MAIL_SEND) is None
    assert [a["username"] for a in ms_app.get_accounts()] == [USERNAME]  # client_info worked
    [visit] = browser.visits
    assert visit.delivered.startswith("POST http://localhost:")
    assert set(visit.fields) == {"code", "client_info", "state", "session_state"}
    assert visit.listener_status == 200 and "Authentication complete" in visit.listener_page
    authorize, token = (r for r in identity_server.requests if r.endpoint != "discovery")
    assert authorize.params["response_mode"] == "form_post"
    assert authorize.params["code_challenge_method"] == "S256"
    assert token.grant_type == "authorization_code" and token.params["code_verifier"] == "<hidden>"
    [issued] = identity_server.issued
    assert (issued.user, issued.scope) == (USERNAME, SMTP_SEND)


def test_msal_wrong_code_verifier_is_refused_by_the_server(identity_server, ms_app):
    browser = PlayingBrowser()
    redirect = "http://localhost:8400"
    good = ms_app.initiate_auth_code_flow([SMTP_SEND], redirect, response_mode="form_post")
    bad = ms_app.initiate_auth_code_flow([SMTP_SEND], redirect, response_mode="form_post")
    bad["code_verifier"] = "x" * 43
    for flow in (good, bad):
        method, target, fields = browser.authorization_answer(flow["auth_uri"])
        assert (method, target) == ("POST", redirect)
        flow["answer"] = fields
    refused = ms_app.acquire_token_by_auth_code_flow(bad, bad["answer"])
    assert refused["error"] == "invalid_grant" and refused["error_codes"] == [501481]
    assert "access_token" in ms_app.acquire_token_by_auth_code_flow(good, good["answer"])


def test_msal_device_code_completed_by_auto_approval(identity_server, ms_app):
    identity_server.auto_approve_device_codes = 0.6
    flow = ms_app.initiate_device_flow(scopes=[SMTP_SEND])
    assert flow["verification_uri"] == f"{identity_server.base_url}/devicelogin"
    assert flow["user_code"] in flow["message"] and flow["interval"] == 1
    result = ms_app.acquire_token_by_device_flow(flow)
    assert "refresh_token" in result and result["id_token_claims"]["preferred_username"] == USERNAME
    polls = [r for r in identity_server.requests if r.grant_type == DEVICE_CODE_GRANT]
    assert [p.error for p in polls][0] == "authorization_pending" and polls[-1].status == 200


def test_msal_device_code_approved_by_hand_and_blocked_by_policy(identity_server, ms_app):
    flow = ms_app.initiate_device_flow(scopes=[SMTP_SEND])
    assert identity_server.approve_device_code(user_code=flow["user_code"]) == 1
    assert "access_token" in ms_app.acquire_token_by_device_flow(flow)
    identity_server.fail_next("device_code_blocked")
    identity_server.auto_approve_device_codes = 0.0
    blocked = ms_app.acquire_token_by_device_flow(ms_app.initiate_device_flow(scopes=[SMTP_SEND]))
    assert blocked["error"] == "invalid_grant" and blocked["error_codes"] == [53003]


def test_msal_refresh_token_serves_a_second_resource_then_revoke(identity_server, ms_app):
    identity_server.add_user(USERNAME, consented=[GRAPH_MAIL_SEND])
    first = _device_sign_in(identity_server, ms_app)
    graph = ms_app.acquire_token_by_refresh_token(first["refresh_token"], [GRAPH_MAIL_SEND])
    assert identity_server.is_valid(graph["access_token"], GRAPH_MAIL_SEND) == USERNAME
    assert identity_server.is_valid(graph["access_token"], SMTP_SEND) is None
    assert graph["refresh_token"] != first["refresh_token"]  # rotated; the old one still works
    other = ms_app.acquire_token_by_refresh_token(
        first["refresh_token"], ["https://management.azure.com/user_impersonation"]
    )
    assert (other["error"], other["suberror"], other["error_codes"]) == (
        "invalid_grant",
        "consent_required",
        [65001],
    )
    identity_server.revoke(USERNAME)
    revoked = ms_app.acquire_token_by_refresh_token(graph["refresh_token"], [SMTP_SEND])
    assert revoked["error"] == "invalid_grant" and revoked["error_codes"] == [50173]
    assert identity_server.is_valid(graph["access_token"], GRAPH_MAIL_SEND) == USERNAME
    identity_server.expire_access_tokens()
    assert identity_server.is_valid(graph["access_token"], GRAPH_MAIL_SEND) is None


@pytest.mark.parametrize(
    ("name", "error", "code"),
    [
        ("consent_required", "invalid_grant", 65001),
        ("interaction_required", "interaction_required", 50076),
        ("conditional_access", "invalid_grant", 53003),
        ("unauthorized_client", "unauthorized_client", 700016),
        ("public_client_disabled", "invalid_client", 7000218),
        ("invalid_grant", "invalid_grant", 70000),
    ],
)
def test_msal_injected_token_errors_reach_the_result(
    identity_server, ms_app, session, name, error, code
):
    refresh_token = _device_sign_in(identity_server, ms_app)["refresh_token"]
    identity_server.fail_next(name)
    result = ms_app.acquire_token_by_refresh_token(refresh_token, [SMTP_SEND])
    assert result["error"] == error and result["error_codes"] == [code]
    assert result["error_description"].startswith(f"AADSTS{code}: ")
    assert "access_token" in _fresh_app(identity_server, session).acquire_token_by_refresh_token(
        refresh_token, [SMTP_SEND]
    )  # the fault was for one call


def test_msal_answers_a_repeated_400_from_its_own_cache(identity_server, ms_app, session):
    refresh_token = _device_sign_in(identity_server, ms_app)["refresh_token"]
    identity_server.fail_next("consent_required")
    first = ms_app.acquire_token_by_refresh_token(refresh_token, [SMTP_SEND])
    again = ms_app.acquire_token_by_refresh_token(refresh_token, [SMTP_SEND])
    assert first["error"] == again["error"] == "invalid_grant"
    assert len([r for r in identity_server.requests if r.grant_type == "refresh_token"]) == 1
    assert "access_token" in _fresh_app(identity_server, session).acquire_token_by_refresh_token(
        refresh_token, [SMTP_SEND]
    )


def test_msal_server_error_raises(identity_server, ms_app):
    refresh_token = _device_sign_in(identity_server, ms_app)["refresh_token"]
    identity_server.fail_next("server_error")
    with pytest.raises(msal.exceptions.MsalServiceError):
        ms_app.acquire_token_by_refresh_token(refresh_token, [SMTP_SEND])


@pytest.mark.parametrize("how", ["browser_cancel", "interaction_required", "consent_required"])
def test_msal_authorize_errors_reach_the_result(identity_server, ms_app, how):
    browser = PlayingBrowser("cancel" if how == "browser_cancel" else "sign_in")
    if how != "browser_cancel":
        identity_server.fail_next(how, at="authorize")
    with installed_browser(browser):
        result = ms_app.acquire_token_interactive([SMTP_SEND], timeout=10)
    expected = {"browser_cancel": ("access_denied", 65004)}.get(
        how, (how, 50076 if how == "interaction_required" else 65001)
    )
    assert result["error"] == expected[0]
    assert result["error_description"].startswith(f"AADSTS{expected[1]}: ")
    [visit] = browser.visits
    assert visit.fields["error"] == expected[0] and visit.listener_status == 200


def test_msal_browser_that_never_comes_back(identity_server, ms_app):
    # msal raises (it does not return None); its listener thread, which never got the timeout,
    # stays blocked on the closed socket as a daemon.
    identity_server.fail_next("unauthorized_client", at="authorize")  # an error page, no redirect
    with (
        installed_browser(PlayingBrowser()) as browser,
        pytest.raises(BrowserInteractionTimeoutError),
    ):
        ms_app.acquire_token_interactive([SMTP_SEND], timeout=1)
    [visit] = browser.visits
    assert visit.status == 400 and "AADSTS700016" in visit.page and visit.delivered is None


def test_msal_unknown_tenant_fails_discovery(identity_server, session):
    with pytest.raises(ValueError, match="Unable to get authority configuration"):
        msal.PublicClientApplication(
            identity_server.microsoft_client_id,
            authority=identity_server.microsoft_authority_for("nowhere.example"),
            instance_discovery=False,
            http_client=session,
        )
    [discovery] = identity_server.requests
    assert (discovery.status, discovery.error) == (400, "invalid_tenant")
    shop = identity_server.microsoft_authority_for("shop.test")  # a user's domain is a tenant
    app = msal.PublicClientApplication(
        identity_server.microsoft_client_id,
        authority=shop,
        instance_discovery=False,
        http_client=session,
    )
    assert app.authority.tenant == identity_server.user(USERNAME).tenant


# ---- Google, through google-auth-oauthlib and google-auth -----------------------------------------


def test_google_browser_sign_in_then_refresh_then_revoke(identity_server, google_flow, session):
    flow = google_flow()
    with installed_browser(PlayingBrowser()) as browser:
        credentials = _run_google(flow, timeout_seconds=10)
    assert identity_server.is_valid(credentials.token, GMAIL_SEND) == USERNAME
    claims = json.loads(base64.urlsafe_b64decode(credentials.id_token.split(".")[1] + "=="))
    assert claims["email"] == USERNAME and claims["aud"] == identity_server.google_client_id
    [visit] = browser.visits
    assert visit.delivered.startswith("GET http://127.0.0.1:") and visit.listener_status == 200
    authorize, token = identity_server.requests
    assert authorize.params["code_challenge_method"] == "S256"
    assert authorize.params["access_type"] == "offline"
    assert token.params["authorization"] == "<hidden>"  # the client secret, in Basic auth

    renewed = google.oauth2.credentials.Credentials(
        None,
        refresh_token=credentials.refresh_token,
        token_uri=identity_server.google_token_uri,
        client_id=identity_server.google_client_id,
        client_secret=identity_server.google_client_secret,
        scopes=GOOGLE_SCOPES,
    )
    renewed.refresh(google.auth.transport.requests.Request(session))
    assert identity_server.is_valid(renewed.token, GMAIL_SEND) == USERNAME
    assert renewed.refresh_token == credentials.refresh_token  # Google's do not rotate
    identity_server.revoke(USERNAME)
    with pytest.raises(google.auth.exceptions.RefreshError, match="expired or revoked"):
        renewed.refresh(google.auth.transport.requests.Request(session))


def test_google_refresh_token_only_with_consent(identity_server, google_flow):
    with installed_browser(PlayingBrowser()):
        first = _run_google(google_flow(), timeout_seconds=10)
        again = _run_google(google_flow(), timeout_seconds=10)
        consented = _run_google(google_flow(), timeout_seconds=10, prompt="consent")
    assert first.refresh_token and again.refresh_token is None and consented.refresh_token


def test_google_reauth_error_on_refresh(identity_server, session):
    refresh_token = identity_server.issue_tokens(USERNAME, GMAIL_SEND, "google")["refresh_token"]
    identity_server.fail_next("interaction_required", provider="google")
    credentials = google.oauth2.credentials.Credentials(
        None,
        refresh_token=refresh_token,
        token_uri=identity_server.google_token_uri,
        client_id=identity_server.google_client_id,
        client_secret=identity_server.google_client_secret,
    )
    with pytest.raises(google.auth.exceptions.RefreshError, match="Reauthentication is needed"):
        credentials.refresh(google.auth.transport.requests.Request(session))


def test_google_wrong_code_verifier_is_refused_by_the_server(identity_server, google_flow):
    flow = google_flow()
    flow.redirect_uri = "http://127.0.0.1:8401/"
    url, _ = flow.authorization_url()
    method, target, fields = PlayingBrowser().authorization_answer(url)
    assert method == "GET" and target.startswith(flow.redirect_uri) and "code" in fields
    with pytest.raises(InvalidGrantError, match="Invalid code verifier"):
        flow.fetch_token(code=fields["code"], code_verifier="y" * 64)


def test_google_cancel_abandon_and_unticked_scope(identity_server, google_flow):
    with installed_browser(PlayingBrowser("cancel")), pytest.raises(AccessDeniedError):
        _run_google(google_flow(), timeout_seconds=10)
    with installed_browser(PlayingBrowser("abandon")), pytest.raises(WSGITimeoutError):
        _run_google(google_flow(), timeout_seconds=1)
    # The person unticks gmail.send on the consent screen: oauthlib raises Warning itself.
    with (
        installed_browser(PlayingBrowser(decline_scopes=[GMAIL_SEND])),
        pytest.raises(Warning, match="Scope has changed"),
    ):
        _run_google(google_flow(), timeout_seconds=10)


# ---- the browser and the config file ------------------------------------------------------------


def test_installed_browser_is_webbrowsers_default_and_is_undone():
    with installed_browser(PlayingBrowser()):
        pass  # webbrowser has registered the system's browsers by now
    before = (list(webbrowser._tryorder), dict(webbrowser._browsers))
    browser = PlayingBrowser("unavailable")
    with installed_browser(browser):
        assert webbrowser.get() is browser
        assert webbrowser.open("https://127.0.0.1:1/nowhere") is False
    assert (list(webbrowser._tryorder), dict(webbrowser._browsers)) == before
    assert [v.url for v in browser.visits] == ["https://127.0.0.1:1/nowhere"]


def test_config_file_and_on_token_hook(identity_server, mail_api_server, oauth_config):
    data = json.loads(oauth_config.read_text())
    assert data["microsoft"]["authority"] == identity_server.microsoft_authority
    assert data["microsoft"]["graph_url"] == mail_api_server.graph_url
    assert data["google"]["gmail_url"] == mail_api_server.gmail_url
    assert data["google"]["client_secret"] == identity_server.google_client_secret
    seen = []
    identity_server.on_token = lambda user, scope, token: seen.append((user, scope, token))
    answer = identity_server.issue_tokens(USERNAME, SMTP_SEND)
    assert seen == [(USERNAME, SMTP_SEND, answer["access_token"])]


# ---- the Graph and Gmail send APIs ---------------------------------------------------------------


def _graph_send(server, token, raw, timeout=10):
    with server.client_session() as s:
        return s.post(
            f"{server.graph_url}/me/sendMail",
            data=base64.b64encode(raw),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"},
            timeout=timeout,
        )


def _gmail_send(server, token, raw, timeout=10):
    with server.client_session() as s:
        return s.post(
            f"{server.gmail_url}/users/me/messages/send",
            json={"raw": base64.urlsafe_b64encode(raw).decode()},
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
        )


def test_graph_send_takes_the_exact_mime(identity_server, mail_api_server):
    token = identity_server.issue_tokens(USERNAME, GRAPH_MAIL_SEND)["access_token"]
    raw = _mime()
    answer = _graph_send(mail_api_server, token, raw)
    assert answer.status_code == 202 and answer.content == b"" and answer.headers["request-id"]
    [sent] = mail_api_server.wait_for(1)
    assert (sent.api, sent.user, sent.raw) == ("graph", USERNAME, raw)
    assert sent.message["Subject"] == "We are sorry, Ann"


def test_gmail_send_takes_the_exact_mime(identity_server, mail_api_server):
    token = identity_server.issue_tokens(USERNAME, GMAIL_SEND, "google")["access_token"]
    raw = _mime()
    answer = _gmail_send(mail_api_server, token, raw)
    assert answer.status_code == 200
    body = answer.json()
    assert body["labelIds"] == ["SENT"] and body["threadId"] == body["id"]
    [sent] = mail_api_server.wait_for(1)
    assert (sent.api, sent.user, sent.raw, sent.id) == ("gmail", USERNAME, raw, body["id"])


def test_mail_apis_refuse_bad_tokens(identity_server, mail_api_server):
    smtp_token = identity_server.issue_tokens(USERNAME, SMTP_SEND)["access_token"]
    wrong = _graph_send(mail_api_server, "not-a-token", _mime())
    assert wrong.status_code == 401 and "Bearer" in wrong.headers["WWW-Authenticate"]
    assert wrong.json()["error"]["code"] == "InvalidAuthenticationToken"
    audience = _graph_send(mail_api_server, smtp_token, _mime())
    assert audience.status_code == 401 and "audience" in audience.json()["error"]["message"]
    gmail = _gmail_send(mail_api_server, "not-a-token", _mime())
    assert gmail.status_code == 401 and gmail.json()["error"]["status"] == "UNAUTHENTICATED"
    email_only = identity_server.issue_tokens(USERNAME, GOOGLE_EMAIL, "google")["access_token"]
    scope = _gmail_send(mail_api_server, email_only, _mime())
    assert scope.status_code == 403 and "insufficient_scope" in scope.headers["WWW-Authenticate"]
    graph_token = identity_server.issue_tokens(USERNAME, GRAPH_MAIL_SEND)["access_token"]
    mail_api_server.set_faults(unauthorized_next=1)
    assert _graph_send(mail_api_server, graph_token, _mime()).status_code == 401
    identity_server.expire_access_tokens()
    assert _graph_send(mail_api_server, graph_token, _mime()).status_code == 401
    assert mail_api_server.messages == []


def test_mail_apis_throttle_and_outage(identity_server, mail_api_server):
    graph = identity_server.issue_tokens(USERNAME, GRAPH_MAIL_SEND)["access_token"]
    gmail = identity_server.issue_tokens(USERNAME, GMAIL_SEND, "google")["access_token"]
    mail_api_server.set_faults(throttle_next=2, retry_after=7)
    first = _graph_send(mail_api_server, graph, _mime())
    assert first.status_code == 429 and first.headers["Retry-After"] == "7"
    assert first.json()["error"]["code"] == "ApplicationThrottled"
    second = _gmail_send(mail_api_server, gmail, _mime())
    assert second.status_code == 429 and second.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    mail_api_server.set_faults(unavailable_next=2, unavailable_retry_after=None)
    down = _graph_send(mail_api_server, graph, _mime())
    assert down.status_code == 503 and "Retry-After" not in down.headers
    mail_api_server.set_faults(unavailable_retry_after=3)
    assert _gmail_send(mail_api_server, gmail, _mime()).headers["Retry-After"] == "3"
    assert _graph_send(mail_api_server, graph, _mime()).status_code == 202
    assert [r.status for r in mail_api_server.requests] == [429, 429, 503, 503, 202]


def test_mail_apis_refuse_too_large_and_malformed(identity_server, mail_api_server):
    graph = identity_server.issue_tokens(USERNAME, GRAPH_MAIL_SEND)["access_token"]
    gmail = identity_server.issue_tokens(USERNAME, GMAIL_SEND, "google")["access_token"]
    mail_api_server.set_faults(graph_max_bytes=100)
    assert _graph_send(mail_api_server, graph, _mime()).status_code == 413
    mail_api_server.set_faults(too_large_next=1)
    large = _gmail_send(mail_api_server, gmail, _mime())
    assert large.status_code == 400 and "payload size exceeds" in large.json()["error"]["message"]
    with mail_api_server.client_session() as s:
        standard = s.post(
            f"{mail_api_server.gmail_url}/users/me/messages/send",
            json={"raw": "+/+/"},
            headers={"Authorization": f"Bearer {gmail}"},
            timeout=10,
        )
    assert standard.status_code == 400  # Gmail wants base64url, not base64
    assert _gmail_send(mail_api_server, gmail, _mime(to="")).status_code == 400  # no recipient
    assert mail_api_server.messages == []


def test_mail_apis_hang_and_cut(identity_server, mail_api_server):
    graph = identity_server.issue_tokens(USERNAME, GRAPH_MAIL_SEND)["access_token"]
    mail_api_server.set_faults(hang_next=1, hang_seconds=0.5)
    with pytest.raises(requests.exceptions.ConnectionError):  # no answer, then a reset
        _graph_send(mail_api_server, graph, _mime(), timeout=5)
    mail_api_server.set_faults(hang_after_record_next=1, hang_seconds=30)
    with pytest.raises(requests.exceptions.ReadTimeout):
        _graph_send(mail_api_server, graph, _mime(), timeout=0.5)
    assert len(mail_api_server.wait_for(1)) == 1  # sent, though the client never heard so
    mail_api_server.set_faults(cut_next=1)
    with pytest.raises(requests.exceptions.ConnectionError):
        _graph_send(mail_api_server, graph, _mime())
    assert [r.fault for r in mail_api_server.requests] == ["hang", "hang_after_record", "cut"]
    assert len(mail_api_server.messages) == 1

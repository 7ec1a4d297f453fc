"""``account add --oauth``, ``account signin`` and ``account test`` on the command line, and
``send`` from a signed-in account: the real MSAL and Google libraries against the loopback
identity server, the person's browser played by the test, tokens searched for everywhere."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from composer import accounts
from composer.cli import EXIT_BLOCKED, EXIT_OK, EXIT_USAGE, main
from composer.signin import GRAPH_SCOPE, SMTP_SCOPE
from tests.identity_server import PlayingBrowser, installed_browser
from tests.sending_helpers import make_campaign

pytestmark = pytest.mark.usefixtures("oauth_config")

OWNER = "owner@shop.example"


def add(*extra: str) -> int:
    return main(
        ["account", "add", "--name", "shop", "--address", OWNER, "--display-name", "Shop Owner",
         *extra]
    )  # fmt: skip


def everything_written(campaign: Path) -> list[Path]:
    folders = [
        accounts.config_dir(),
        Path(os.environ["APOLOGY_COMPOSER_DATA_DIR"]),
        campaign.parent,
    ]
    return [p for f in folders if f.exists() for p in f.rglob("*") if p.is_file()]


def test_add_with_microsoft_in_the_browser_then_test_send_and_remove(
    identity_server, make_smtp_server, trust_test_ca, tmp_path, capsys, caplog
):
    caplog.set_level(logging.DEBUG)  # as --debug would: no library may log a token
    identity_server.add_user(OWNER)
    server = make_smtp_server(token="none yet", username=OWNER)
    identity_server.on_token = lambda user, scope, token: server.set_token(token)
    with installed_browser(PlayingBrowser()):
        code = add("--oauth", "microsoft", "--host", server.host, "--port", str(server.port))
    assert code == EXIT_OK
    out = capsys.readouterr()
    assert "Opening your browser to sign in to owner@shop.example with Microsoft" in out.err
    assert "Signed in as owner@shop.example with Microsoft" in out.out
    saved = accounts.get("shop")
    assert (
        saved.auth == "oauth2" and saved.provider == "microsoft365"
    )  # no preset: the business one

    assert main(["account", "test", "shop"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Signed in as owner@shop.example with your account's sign-in." in out
    assert "The account works" in out

    campaign = make_campaign(tmp_path / "sorry.apology", 5)
    assert main(["send", str(campaign), "--account", "shop", "--yes"]) == EXIT_OK
    assert len(server.messages) == 5
    printed = capsys.readouterr()

    secrets = {t.access_token for t in identity_server.issued}
    secrets.add(accounts.get_secret(saved) or "")
    assert all(len(s) > 20 for s in secrets)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in secrets:
        assert secret not in printed.out + printed.err + logged
        for path in everything_written(campaign):
            assert secret.encode() not in path.read_bytes(), path

    assert main(["account", "remove", "shop"]) == EXIT_OK
    assert "and its saved sign-in" in capsys.readouterr().out
    assert accounts.get_secret(saved) is None


def test_device_code_prints_the_code_and_waits(identity_server, capsys):
    identity_server.add_user(OWNER)
    identity_server.sign_in_as(OWNER)  # who approves the code on the other device
    identity_server.auto_approve_device_codes = 0.5
    assert add("--oauth", "microsoft", "--device-code", "--graph") == EXIT_OK
    err = capsys.readouterr().err
    [flow] = [r for r in identity_server.requests if r.endpoint == "devicecode"]
    assert "enter the code" in err and identity_server.base_url in err
    saved = accounts.get("shop")
    assert saved.transport == "graph"
    assert GRAPH_SCOPE in flow.params["scope"] and SMTP_SCOPE not in flow.params["scope"]
    assert main(["account", "test", "shop"]) == EXIT_OK
    assert "messages go through Microsoft Graph" in capsys.readouterr().out


def test_a_refused_sign_in_saves_no_account_and_says_why(identity_server, capsys):
    identity_server.add_user(OWNER)
    identity_server.fail_next("consent_required", provider="microsoft", at="authorize")
    with installed_browser(PlayingBrowser()):
        code = add("--oauth", "microsoft")
    assert code == EXIT_BLOCKED
    err = capsys.readouterr().err
    assert "Ask your administrator to approve it at" in err and "Traceback" not in err
    assert accounts.list_accounts() == []


def test_sign_in_again_after_the_sign_in_was_withdrawn(identity_server, capsys):
    identity_server.add_user(OWNER)
    with installed_browser(PlayingBrowser()):
        assert add("--oauth", "google") == EXIT_OK
    saved = accounts.get("shop")
    assert saved.transport == "gmail" and saved.provider == "google_workspace"
    before = accounts.get_secret(saved)
    identity_server.revoke(OWNER)
    assert main(["account", "test", "shop"]) == EXIT_BLOCKED
    assert "sign in again with Google" in capsys.readouterr().out
    with installed_browser(PlayingBrowser()):
        assert main(["account", "signin", "shop"]) == EXIT_OK
    assert accounts.get_secret(saved) not in (None, before)
    assert main(["account", "test", "shop"]) == EXIT_OK


def test_usage_mistakes_are_caught_before_any_browser_opens(identity_server, capsys):
    with pytest.raises(SystemExit) as caught:
        add("--device-code")
    assert caught.value.code == EXIT_USAGE
    with pytest.raises(SystemExit):
        add("--oauth", "google", "--graph")
    assert identity_server.requests == []
    plain = accounts.account_from_preset("custom", OWNER, "Shop", name="plain")
    accounts.save(accounts.dataclasses.replace(plain, host="smtp.shop.example"))
    assert main(["account", "signin", "plain"]) == EXIT_BLOCKED
    assert "signs in with a password" in capsys.readouterr().err

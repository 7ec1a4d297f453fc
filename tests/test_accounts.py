"""Accounts: stored settings, provider presets, and secrets that live only in the keyring."""

from __future__ import annotations

import dataclasses
import json

import pytest
from keyring.backends import chainer, fail

from composer import accounts, paths
from composer.accounts import Account
from composer.errors import AccountError
from tests.memory_keyring import MemoryKeyring, using_keyring


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    """Every test gets its own empty config folder and no password in the environment."""
    folder = tmp_path / "config"
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(folder))
    monkeypatch.delenv(accounts.PASSWORD_ENV, raising=False)
    return folder


@pytest.fixture
def memory_keyring():
    with using_keyring(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def no_keyring():
    with using_keyring(fail.Keyring()) as backend:
        yield backend


def shop_account(**overrides) -> Account:
    values = dict(
        name="shop",
        display_name="Corner Shop",
        address="owner@cornershop.test",
        host="smtp.cornershop.test",
        port=587,
        security="starttls",
        username="owner@cornershop.test",
        daily_cap=500,
        rate=20,
    )
    values.update(overrides)
    return Account(**values)


# -- storage --------------------------------------------------------------------------------


def test_saved_accounts_come_back_in_order_from_the_config_folder(config_dir):
    accounts.save(shop_account())
    accounts.save(shop_account(name="café", address="café@cornershop.test", rate=None))
    assert [a.name for a in accounts.list_accounts()] == ["shop", "café"]
    assert accounts.get("CAFÉ").address == "café@cornershop.test"
    assert accounts.get("shop") == shop_account()
    stored = json.loads((config_dir / "accounts.json").read_text(encoding="utf-8"))
    assert stored["accounts"][0]["host"] == "smtp.cornershop.test"


def test_saving_under_an_existing_name_replaces_it():
    accounts.save(shop_account())
    accounts.save(shop_account(name="Shop", port=465, security="tls"))
    [only] = accounts.list_accounts()
    assert (only.name, only.port, only.security) == ("Shop", 465, "tls")


def test_remove_forgets_the_account_and_unknown_names_are_explained():
    accounts.save(shop_account())
    accounts.save(shop_account(name="other"))
    assert accounts.remove("shop").name == "shop"
    with pytest.raises(
        AccountError, match="No account is named “shop”; the saved accounts are: other"
    ):
        accounts.get("shop")


def test_no_accounts_yet_says_add_one():
    assert accounts.list_accounts() == []
    with pytest.raises(AccountError, match="add one first"):
        accounts.get("shop")


def test_a_damaged_settings_file_is_one_sentence(config_dir):
    config_dir.mkdir()
    (config_dir / "accounts.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(AccountError, match="cannot be read") as caught:
        accounts.list_accounts()
    assert str(caught.value).count(". ") == 0


def test_the_mailbox_settings_are_saved_and_loaded_with_the_account(config_dir):
    own = shop_account(imap_host=" mail.cornershop.test ", imap_port=143, imap_security="starttls")
    accounts.save(own)
    assert accounts.get("shop") == shop_account(
        imap_host="mail.cornershop.test", imap_port=143, imap_security="starttls"
    )
    stored = json.loads((config_dir / "accounts.json").read_text(encoding="utf-8"))
    assert stored["accounts"][0]["imap_host"] == "mail.cornershop.test"
    accounts.save(shop_account(name="plain", imap_host="  "))  # nothing typed: the provider's
    assert accounts.get("plain").imap_host is None


def test_an_account_file_from_before_the_mailbox_settings_still_loads(config_dir):
    config_dir.mkdir()
    entry = {
        "name": "shop",
        "display_name": "Corner Shop",
        "address": "owner@cornershop.test",
        "host": "smtp.cornershop.test",
        "port": 587,
    }
    (config_dir / "accounts.json").write_text(
        json.dumps({"version": 1, "accounts": [entry]}), encoding="utf-8"
    )
    [account] = accounts.list_accounts()
    assert (account.imap_host, account.imap_port, account.imap_security) == (None, None, None)


def test_config_folder_defaults_to_the_platform_user_config_dir(monkeypatch):
    monkeypatch.delenv(paths.CONFIG_DIR_ENV)
    assert paths.config_dir().name == "apology-composer"


# -- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("128.0.0.1", False),
        ("10.0.0.1", False),
        ("smtp.gmail.com", False),
        ("localhost.example.com", False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert accounts.is_loopback(host) is loopback


def test_no_encryption_is_refused_off_this_computer():
    with pytest.raises(AccountError, match="allowed only for a server on this computer") as caught:
        accounts.save(shop_account(security="none", port=25))
    assert caught.value.field == "security"
    accounts.save(shop_account(host="127.0.0.1", security="none", port=2525))
    assert accounts.get("shop").security == "none"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "  "}, "name"),
        ({"address": "owner at shop"}, "address"),
        ({"address": "owner@localhost"}, "address"),
        ({"host": ""}, "host"),
        ({"host": "smtp.shop.test:587"}, "host"),
        ({"host": "https://smtp.shop.test"}, "host"),
        ({"port": 0}, "port"),
        ({"port": 70000}, "port"),
        ({"security": "ssl"}, "security"),
        ({"daily_cap": 0}, "daily_cap"),
        ({"rate": -5}, "rate"),
        ({"max_connections": 11}, "max_connections"),
        ({"auth": "kerberos"}, "auth"),
        ({"imap_host": "imap.shop.test:993"}, "imap_host"),
        ({"imap_port": 0}, "imap_port"),
        ({"imap_security": "none"}, "imap_security"),
    ],
)
def test_invalid_settings_name_the_field(overrides, field):
    with pytest.raises(AccountError) as caught:
        accounts.save(shop_account(**overrides))
    assert caught.value.field == field
    assert str(caught.value).endswith(".")
    assert accounts.list_accounts() == []


def test_describe_account_is_one_line():
    line = accounts.describe_account(shop_account(max_connections=3))
    assert line == (
        "shop: Corner Shop <owner@cornershop.test> via smtp.cornershop.test:587 (STARTTLS), "
        "up to 500 a day, 20 a minute, 3 connections at once"
    )


# -- presets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("ann@gmail.com", "gmail"),
        ("ann@GoogleMail.com", "gmail"),
        ("ann@outlook.com", "outlook"),
        ("ann@hotmail.com", "outlook"),
        ("ann@live.com", "outlook"),
        ("ann@msn.com", "outlook"),
        ("ann@yahoo.com", "yahoo"),
        ("ann@yahoo.co.uk", "yahoo"),
        ("ann@icloud.com", "icloud"),
        ("ann@me.com", "icloud"),
        ("ann@mac.com", "icloud"),
        ("ann@fastmail.com", "fastmail"),
        ("ann@fastmail.fm", "fastmail"),
        ("ann@zoho.com", "zoho"),
        ("ann@gmx.de", "gmx"),
        ("ann@gmx.net", "gmx"),
        ("ann@web.de", "webde"),
    ],
)
def test_the_address_domain_chooses_the_preset(address, key):
    assert accounts.preset_for_address(address).key == key


@pytest.mark.parametrize(
    "address", ["ann@cornershop.test", "ann@notgmail.com", "ann@yahoo", "nobody"]
)
def test_other_domains_choose_no_preset(address):
    assert accounts.preset_for_address(address) is None


def test_presets_hold_the_documented_provider_facts():
    p = accounts.presets()
    assert {"gmail", "google_workspace", "outlook", "microsoft365", "yahoo", "icloud"} <= set(p)
    assert {"fastmail", "zoho", "gmx", "webde", "relay", "custom"} <= set(p)
    # sending services (tests/test_relays.py): chosen by hand, never by the address
    relays = {"ses", "postmark", "mailgun", "sendgrid", "brevo", "relay"}
    assert {key for key, preset in p.items() if preset.relay} == relays
    assert (p["microsoft365"].rate, p["microsoft365"].max_connections) == (30, 3)
    assert (p["microsoft365"].host, p["microsoft365"].port) == ("smtp.office365.com", 587)
    assert p["gmail"].daily_cap == 500 and p["google_workspace"].daily_cap == 2000
    assert p["icloud"].daily_cap == 1000
    assert p["outlook"].password_sign_in is False
    assert (p["fastmail"].host, p["fastmail"].port, p["fastmail"].security) == (
        "smtp.fastmail.com",
        465,
        "tls",
    )
    # No published figure: no invented cap.
    assert p["zoho"].daily_cap is None and p["gmx"].daily_cap is None
    for preset in p.values():
        assert preset.security in accounts.SECURITIES
        assert preset.password_hint.endswith(".") and preset.password_hint.count(". ") == 0


def test_account_from_preset_copies_server_and_limits():
    account = accounts.account_from_preset("microsoft365", " ann@shop.test ", "Ann's Shop")
    assert account == Account(
        name="ann@shop.test",
        display_name="Ann's Shop",
        address="ann@shop.test",
        host="smtp.office365.com",
        port=587,
        security="starttls",
        username="ann@shop.test",
        daily_cap=10000,
        rate=30,
        provider="microsoft365",
        auth="password",
        max_connections=3,
    )
    assert accounts.account_from_preset("outlook", "a@outlook.com", "A").auth == "oauth2"


def test_the_mailbox_is_the_accounts_own_then_the_providers_then_a_guess():
    from composer.imap import ImapSettings, settings_for

    yahoo = accounts.account_from_preset("yahoo", "ann@yahoo.com", "Ann")
    assert settings_for(yahoo) == ImapSettings("imap.mail.yahoo.com", 993, "tls", "ann@yahoo.com")
    own = dataclasses.replace(yahoo, imap_host="imap.elsewhere.test", imap_security="starttls")
    assert settings_for(own) == ImapSettings("imap.elsewhere.test", 993, "starttls", yahoo.login)
    assert settings_for(dataclasses.replace(own, imap_port=143)).port == 143
    # no preset knows a custom server: imap.<domain> of its SMTP server, until one is given
    assert settings_for(shop_account()) == ImapSettings(
        "imap.cornershop.test", 993, "tls", "owner@cornershop.test"
    )
    given = shop_account(imap_host="mail.cornershop.test", imap_port=143)
    assert (settings_for(given).host, settings_for(given).port) == ("mail.cornershop.test", 143)


def test_a_relay_preset_needs_a_server_name_before_saving():
    account = accounts.account_from_preset("relay", "ann@shop.test", "Ann", name="relay")
    with pytest.raises(AccountError) as caught:
        accounts.save(account)
    assert caught.value.field == "host"


def test_unknown_preset_lists_the_known_ones():
    with pytest.raises(AccountError, match="choose one of: gmail"):
        accounts.account_from_preset("aol", "a@aol.com", "A")


def test_password_hint_follows_the_provider():
    gmail = accounts.account_from_preset("gmail", "ann@gmail.com", "Ann")
    assert "app password" in accounts.password_hint(gmail)
    assert accounts.password_hint(shop_account()) == accounts.presets()["custom"].password_hint


# -- secrets --------------------------------------------------------------------------------


def test_secret_goes_to_the_keyring_and_nowhere_else(memory_keyring, config_dir):
    account = accounts.save(shop_account())
    assert accounts.keyring_available()[0] is True
    accounts.store_secret(account, "s3cret-app-password")
    assert memory_keyring.secrets == {("apology-composer", account.address): "s3cret-app-password"}
    assert accounts.get_secret(account) == "s3cret-app-password"
    for path in config_dir.rglob("*"):
        assert b"s3cret" not in path.read_bytes()
    assert accounts.delete_secret(account) is True
    assert accounts.get_secret(account) is None
    assert accounts.delete_secret(account) is False


class SmallKeyring(MemoryKeyring):
    """Like the Windows credential store: 2,560 bytes per entry, which keyring fills with
    UTF-16 (two bytes a character)."""

    def set_password(self, service, username, password):
        if len(password.encode("utf-16-le")) > 2560:
            raise RuntimeError("The stub received bad data (1783)")
        super().set_password(service, username, password)


def test_a_long_refresh_token_is_kept_in_parts_a_small_store_accepts(config_dir):
    account = shop_account()
    token = "".join(chr(0x41 + i % 26) for i in range(4321))  # a refresh token of 4,321 chars
    store = SmallKeyring()
    with using_keyring(store):
        accounts.store_secret(account, token)
        assert accounts.get_secret(account) == token
        names = sorted(user for _, user in store.secrets)
        assert names == [account.address] + [f"{account.address}#{n}" for n in range(2, 7)]
        assert all(len(v.encode("utf-16-le")) <= 2560 for v in store.secrets.values())
        # a shorter one replaces it and leaves no stale part behind; a password stays one entry
        accounts.store_secret(account, token[:1500])
        assert accounts.get_secret(account) == token[:1500]
        assert len(store.secrets) == 3
        accounts.store_secret(account, "pw")
        assert store.secrets == {("apology-composer", account.address): "pw"}
        accounts.store_secret(account, token)
        assert accounts.delete_secret(account) is True
        assert store.secrets == {}
        # a part lost by the store means no secret, never a truncated one
        accounts.store_secret(account, token)
        del store.secrets[("apology-composer", f"{account.address}#4")]
        assert accounts.get_secret(account) is None


def test_secret_lookup_order_keyring_then_environment_then_prompt(memory_keyring):
    account = shop_account()
    asked = []

    def prompt(text):
        asked.append(text)
        return "typed"

    env = {accounts.PASSWORD_ENV: "from-env"}
    assert accounts.resolve_secret(account, env=env, prompt=prompt) == "from-env"
    assert accounts.resolve_secret(account, env={}, prompt=prompt) == "typed"
    assert asked == ["Password for owner@cornershop.test on smtp.cornershop.test: "]
    accounts.store_secret(account, "from-keyring")
    assert accounts.resolve_secret(account, env=env, prompt=prompt) == "from-keyring"
    assert len(asked) == 1


def test_no_secret_anywhere_is_explained(memory_keyring):
    with pytest.raises(accounts.MissingSecret, match="No password is saved for owner@") as caught:
        accounts.resolve_secret(shop_account(), env={}, prompt=lambda _: "")
    assert caught.value.field == "password"


def test_without_a_keyring_the_secret_is_never_stored(no_keyring, config_dir):
    account = accounts.save(shop_account())
    ok, reason = accounts.keyring_available()
    assert ok is False and "asked for each time" in reason
    with pytest.raises(accounts.KeyringUnavailable, match="never saved"):
        accounts.store_secret(account, "s3cret")
    assert accounts.get_secret(account) is None
    assert accounts.delete_secret(account) is False
    for path in config_dir.rglob("*"):
        assert b"s3cret" not in path.read_bytes()
    env = {accounts.PASSWORD_ENV: "from-env"}
    assert accounts.resolve_secret(account, env=env) == "from-env"
    with pytest.raises(accounts.MissingSecret, match="no system password store"):
        accounts.resolve_secret(account, env={})


class EmptyChainer(chainer.ChainerBackend):
    backends = []  # type: ignore[assignment]  # what keyring builds when nothing is usable


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise RuntimeError("the D-Bus session is locked")

    def get_password(self, service, username):
        raise RuntimeError("the D-Bus session is locked")


def test_a_chainer_with_no_backends_counts_as_no_keyring():
    with using_keyring(EmptyChainer()):
        assert accounts.keyring_available()[0] is False


def test_a_failing_keyring_is_reported_not_worked_around(config_dir):
    account = shop_account()
    with using_keyring(BrokenKeyring()):
        with pytest.raises(accounts.KeyringUnavailable, match="D-Bus session is locked"):
            accounts.store_secret(account, "s3cret")
        assert accounts.get_secret(account) is None
        assert accounts.resolve_secret(account, env={accounts.PASSWORD_ENV: "e"}) == "e"
    assert not config_dir.exists()


def test_password_hints_are_said_in_the_current_language(monkeypatch):
    # each hint goes through the engine's catalogue where it is said (the catalogue itself
    # is checked by tests/test_translations.py), for every preset and for an account
    monkeypatch.setattr(accounts, "_", lambda message: f"[de] {message}")
    for preset in accounts.presets().values():
        assert accounts.preset_hint(preset) == f"[de] {preset.password_hint}"
    gmail = accounts.account_from_preset("gmail", "ann@gmail.com", "Ann")
    assert accounts.password_hint(gmail) == f"[de] {accounts.presets()['gmail'].password_hint}"

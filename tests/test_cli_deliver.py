"""The CLI's send, status, report and account commands, against the real loopback server."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from composer import accounts
from composer.audience import GREATER, Condition, Filter
from composer.campaign import Campaign
from composer.cli import EXIT_BLOCKED, EXIT_INTERRUPTED, EXIT_OK, main
from composer.cli import deliver as deliver_cli
from tests.sending_helpers import assert_one_to_one, make_campaign
from tests.smtp_server import PASSWORD, USERNAME


@pytest.fixture
def campaign(tmp_path):
    return make_campaign(tmp_path / "sorry.apology", 12)


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv(accounts.PASSWORD_ENV, PASSWORD)


def server_flags(server) -> list[str]:
    return [
        "--smtp-host",
        server.host,
        "--smtp-port",
        str(server.port),
        "--security",
        server.security,
        "--username",
        USERNAME,
    ]


def journal_states(path) -> Counter:
    conn = sqlite3.connect(path)
    try:
        return Counter(state for (state,) in conn.execute("SELECT state FROM deliveries"))
    finally:
        conn.close()


def test_send_yes_delivers_everyone_one_to_one(
    campaign, make_smtp_server, trust_test_ca, password, capsys
):
    server = make_smtp_server()
    assert main(["send", str(campaign), *server_flags(server), "--yes"]) == EXIT_OK
    assert len(server.messages) == 12
    assert_one_to_one(server.messages)
    err = capsys.readouterr().err
    assert "Done: all 12 messages were sent, one to each customer." in err
    # no test went to the owner first: said, and --yes accepted it (written in the history)
    assert "No test of this version of the apology went to you yet" in err
    with Campaign.open(campaign) as opened:
        assert opened.test_status().skipped
    # running it again resumes: nothing is sent twice
    assert main(["send", str(campaign), *server_flags(server), "--yes"]) == EXIT_OK
    assert "Nothing left to send: 12 sent." in capsys.readouterr().out
    assert len(server.messages) == 12


def test_send_without_yes_and_without_a_terminal_refuses(
    campaign, make_smtp_server, trust_test_ca, password, capsys
):
    server = make_smtp_server()
    assert main(["send", str(campaign), *server_flags(server)]) == EXIT_BLOCKED
    err = capsys.readouterr().err
    assert "needs your confirmation" in err and "--yes" in err
    assert err.count("\n") == 1  # one sentence, no traceback
    assert server.messages == []


@pytest.mark.parametrize(("typed", "sent"), [("12", 12), ("11", 0), ("", 0)])
def test_the_person_types_the_exact_number_to_send(
    typed, sent, campaign, make_smtp_server, trust_test_ca, password, monkeypatch, capsys
):
    server = make_smtp_server()
    monkeypatch.setattr(deliver_cli, "_interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda: typed)
    code = main(["send", str(campaign), *server_flags(server)])
    err = capsys.readouterr().err
    assert "This sends 12 apologies, each to one customer only" in err
    assert len(server.messages) == sent
    assert code == (EXIT_OK if sent else EXIT_BLOCKED)
    if not sent:
        assert "Nothing was sent." in err


def test_json_prints_one_event_per_line(
    campaign, make_smtp_server, trust_test_ca, password, capsys
):
    server = make_smtp_server(reject_recipients={"customer0003@example.com"})
    assert main(["send", str(campaign), *server_flags(server), "--yes", "--json"]) == EXIT_OK
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    kinds = Counter(e["kind"] for e in events)
    assert events[0]["kind"] == "started" and events[0]["total"] == 12
    assert events[-1]["kind"] == "finished" and events[-1]["counts"]["sent"] == 11
    assert kinds["sent"] == 11 and kinds["failed"] == 1
    [failed] = [e for e in events if e["kind"] == "failed"]
    assert failed["row"] == 5 and failed["reason"].startswith("550")
    # nothing left: still JSON, for the script reading it
    assert main(["send", str(campaign), *server_flags(server), "--yes", "--json"]) == EXIT_OK
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line) == {
        "kind": "finished",
        "counts": {"sent": 11, "failed": 1},
        "remaining": 0,
    }


def test_test_to_self_and_dry_run(
    campaign, make_smtp_server, trust_test_ca, password, tmp_path, capsys
):
    server = make_smtp_server()
    flags = server_flags(server)
    assert main(["send", str(campaign), *flags, "--test-to-self", "--row", "5"]) == EXIT_OK
    [m] = server.messages
    assert m.message["Subject"] == "[TEST] We are sorry, Customer 3"
    assert m.rcpt_tos == ("owner@shop.example",)  # the campaign's sender: the owner
    assert "went to owner@shop.example" in capsys.readouterr().out
    with Campaign.open(campaign) as opened:
        assert opened.test_status().tested  # the test counts for this version of the apology

    outbox = tmp_path / "outbox"
    assert main(["send", str(campaign), "--dry-run", "--outbox", str(outbox)]) == EXIT_OK
    assert len(list(outbox.glob("*.eml"))) == 12
    assert len(server.messages) == 1
    assert sum(journal_states(campaign).values()) == 0


def test_status_and_report_after_a_run_with_a_message_in_doubt(
    campaign, make_smtp_server, trust_test_ca, password, tmp_path, capsys
):
    server = make_smtp_server(drop_after_data=1)
    args = ["send", str(campaign), *server_flags(server), "--yes", "--connections", "1"]
    assert main(args) == EXIT_OK
    err = capsys.readouterr().err
    assert "In doubt (may have gone out): row 2." in err

    assert main(["status", str(campaign)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "sorry.apology: 12 recipients." in out
    assert re.search(r"^  sent +11$", out, re.M) and re.search(r"^  in doubt +1$", out, re.M)
    assert "customer0000@example.com" in out
    assert "answer never came" in out and "--resend-in-doubt" in out

    report_file = tmp_path / "report.csv"
    assert main(["report", str(campaign), "--out", str(report_file)]) == EXIT_OK
    lines = report_file.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 13 and ",in doubt," in lines[1]


def test_account_add_list_test_send_remove(make_smtp_server, campaign, trust_test_ca, capsys):
    server = make_smtp_server()
    os.environ[accounts.PASSWORD_ENV] = PASSWORD  # given once, when adding: goes to the keyring
    try:
        assert (
            main(
                [
                    "account", "add", "--name", "shop", "--address", "owner@shop.example",
                    "--display-name", "Shop Owner", "--host", server.host,
                    "--port", str(server.port), "--security", "starttls",
                    "--username", USERNAME,
                ]
            )
            == EXIT_OK
        )  # fmt: skip
    finally:
        del os.environ[accounts.PASSWORD_ENV]
    assert "saved in the system's password store" in capsys.readouterr().out
    assert main(["account", "list"]) == EXIT_OK
    assert "shop: Shop Owner <owner@shop.example>" in capsys.readouterr().out

    assert main(["account", "test", "shop"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Signed in as" in out and "The account works" in out

    assert main(["send", str(campaign), "--account", "shop", "--yes"]) == EXIT_OK
    assert len(server.messages) == 12

    # the password went to the keyring only: not the settings, the campaign (and its log),
    # the report, the drafts folder or anything printed
    report_file = campaign.parent / "report.csv"
    assert main(["report", str(campaign), "--out", str(report_file)]) == EXIT_OK
    printed = capsys.readouterr()
    assert PASSWORD not in printed.out + printed.err
    folders = [accounts.config_dir(), Path(os.environ["APOLOGY_COMPOSER_DATA_DIR"])]
    files = [p for f in [*folders, campaign.parent] if f.exists() for p in f.rglob("*")]
    names = {p.name for p in files}
    assert {"accounts.json", campaign.name, report_file.name} <= names
    for path in files:
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path

    assert main(["account", "remove", "shop"]) == EXIT_OK
    assert "and its saved password" in capsys.readouterr().out
    assert main(["account", "list"]) == EXIT_OK
    assert "No accounts yet" in capsys.readouterr().out


def test_rejected_login_is_one_sentence_and_exit_1(
    campaign, make_smtp_server, trust_test_ca, password, capsys
):
    server = make_smtp_server(reject_login=True)
    assert main(["send", str(campaign), *server_flags(server), "--yes"]) == EXIT_BLOCKED
    err = capsys.readouterr().err
    assert "rejected the sign-in" in err and "Traceback" not in err
    assert len(server.logins) == 1


def test_missing_account_is_a_usage_error(campaign, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["send", str(campaign), "--yes"])
    assert exit_info.value.code == 2
    assert "--account NAME" in capsys.readouterr().err


@pytest.mark.slow
def test_ctrl_c_stops_after_the_messages_in_flight(tmp_path, make_smtp_server):
    path = make_campaign(tmp_path / "c.apology", 40)
    server = make_smtp_server(reply_delay_ms=25)
    env = cli_env()
    process = subprocess.Popen(
        [sys.executable, "-m", "composer.cli", "send", str(path), *server_flags(server), "--yes"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        server.wait_for(5, timeout=30)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == EXIT_INTERRUPTED
    assert "interrupted" in err and "Traceback" not in err
    states = journal_states(path)
    assert states["sending"] == 0 and states["in_doubt"] == 0
    assert states["sent"] == len(server.messages) < 40


def cli_env() -> dict[str, str]:
    """Environment for a CLI subprocess: the test CA, the password, no real keyring."""
    from tests.smtp_server import ca_pem_path

    env = dict(os.environ)
    env.update(
        SSL_CERT_FILE=ca_pem_path(),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PYTHONPATH=os.getcwd(),
    )
    env[accounts.PASSWORD_ENV] = PASSWORD
    env.pop("SSL_CERT_DIR", None)
    return env


def test_the_number_to_type_is_the_number_that_goes_after_a_filter_change(
    campaign, make_smtp_server, trust_test_ca, password, monkeypatch, capsys
):
    """A partial send, then the filter changes: the confirmation asks for exactly what the
    server then receives (the engine's plan, never another count)."""
    server = make_smtp_server()
    assert main(["send", str(campaign), *server_flags(server), "--yes", "--limit", "4"]) == 0
    assert len(server.messages) == 4
    with Campaign.open(campaign) as opened:
        opened.filter = Filter((Condition("order", GREATER, "1005"),))  # rows 8 to 13
        opened.save()
        expected = opened.plan().to_send
    assert expected == 6
    monkeypatch.setattr(deliver_cli, "_interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda: str(expected))
    capsys.readouterr()
    assert main(["send", str(campaign), *server_flags(server)]) == EXIT_OK
    assert f"Type {expected} to send them" in capsys.readouterr().err
    assert len(server.messages) == 4 + expected


def test_send_until_done_waits_for_the_window_and_goes_on(
    tmp_path, smtp_server, password, trust_test_ca, monkeypatch, capsys
):
    path = make_campaign(tmp_path / "big.apology", 5)
    waits: list[float] = []

    def a_day_passes(seconds: float) -> None:
        """The one wait: the journal's times move back 25 hours, and the clock moves on."""
        waits.append(seconds)
        conn = sqlite3.connect(path)
        with conn:
            conn.execute(
                "UPDATE deliveries SET sent_at = sent_at - 90000 WHERE sent_at IS NOT NULL"
            )
        conn.close()
        monkeypatch.setattr(deliver_cli, "_now", lambda: time.time() + 90000)

    monkeypatch.setattr(deliver_cli, "_nap", a_day_passes)
    flags = [*server_flags(smtp_server), "--daily-cap", "3", "--yes", "--until-done"]
    assert main(["send", str(path), *flags]) == EXIT_OK
    err = capsys.readouterr().err
    assert (
        "goes out over about 2 days, 3 a day" in err
        and "This command waits for each day's window" in err
    )
    assert "The daily limit allows more at" in err
    assert len(waits) == 1
    received = [m.rcpt_tos[0] for m in smtp_server.messages]
    assert len(received) == 5 == len(set(received))
    assert journal_states(path)["sent"] == 5


def test_send_without_until_done_sends_what_the_window_allows_and_exits(
    tmp_path, smtp_server, password, trust_test_ca, monkeypatch, capsys
):
    path = make_campaign(tmp_path / "big.apology", 5)
    monkeypatch.setattr(deliver_cli, "_nap", lambda s: pytest.fail("send must not wait"))
    assert main(["send", str(path), *server_flags(smtp_server), "--daily-cap", "3", "--yes"]) == 0
    err = capsys.readouterr().err
    assert "Run send again after" in err and len(smtp_server.messages) == 3
    assert "run send again later, or add --until-done" in err


def test_start_at_waits_first(tmp_path, smtp_server, password, trust_test_ca, monkeypatch, capsys):
    path = make_campaign(tmp_path / "later.apology", 2)
    naps: list[float] = []

    def nap(seconds: float) -> None:
        assert not smtp_server.messages  # nothing goes before the hour
        naps.append(seconds)
        monkeypatch.setattr(deliver_cli, "_now", lambda: time.time() + 7200)

    monkeypatch.setattr(deliver_cli, "_nap", nap)
    start = time.strftime("%Y-%m-%d %H:%M", time.localtime(time.time() + 3600))
    flags = [*server_flags(smtp_server), "--yes", "--start-at", start]
    assert main(["send", str(path), *flags]) == EXIT_OK
    assert "Sending starts at" in capsys.readouterr().err
    assert naps and len(smtp_server.messages) == 2


def test_killed_while_waiting_for_the_next_window_and_resumed_nobody_twice(
    tmp_path, smtp_server, password, trust_test_ca
):
    path = make_campaign(tmp_path / "big.apology", 5)
    root = Path(__file__).resolve().parents[1]
    argv = [sys.executable, "-m", "composer.cli", "send", str(path), *server_flags(smtp_server),
            "--daily-cap", "3", "--yes", "--until-done"]  # fmt: skip
    with subprocess.Popen(
        argv, cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    ) as child:  # fmt: skip
        said = ""
        assert child.stderr is not None
        while "The daily limit allows more at" not in said:  # the first window is used up
            line = child.stderr.readline()
            if not line:
                child.kill()
                pytest.fail(f"the send ended before it waited: {said}")
            said += line
        child.send_signal(signal.SIGKILL)  # killed while it waits for the next window
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert len(smtp_server.messages) == 3 and journal_states(path)["sent"] == 3
    conn = sqlite3.connect(path)  # a day later
    with conn:
        conn.execute("UPDATE deliveries SET sent_at = sent_at - 90000 WHERE sent_at IS NOT NULL")
    conn.close()
    assert main(["send", str(path), *server_flags(smtp_server), "--daily-cap", "3", "--yes"]) == 0
    received = [m.rcpt_tos[0] for m in smtp_server.messages]
    assert len(received) == 5 == len(set(received))
    assert journal_states(path)["sent"] == 5

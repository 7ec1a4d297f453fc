"""Crash safety: the CLI killed with SIGKILL mid-run, then run again, delivers every recipient
exactly once, except the few reported in doubt (at most one per connection per crash), and
loses nobody."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter

import pytest

from composer import journal
from composer.campaign import Campaign
from tests.sending_helpers import make_campaign
from tests.test_cli_deliver import cli_env, server_flags

RECIPIENTS = 60
CONNECTIONS = 3
KILL_AFTER = (5, 20, 40)  # messages recorded by the server when the process is killed


def start_send(path, server) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "composer.cli",
            "send",
            str(path),
            *server_flags(server),
            "--yes",
            "--connections",
            str(CONNECTIONS),
        ],
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def in_doubt_rows(path) -> set[int]:
    """Reopen the campaign the way a new run does (which turns `sending` into in doubt)."""
    with Campaign.open(path, for_sending=True) as campaign:
        return {d.row for d in journal.in_doubt(campaign.conn)}


@pytest.mark.slow
@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_killed_mid_run_then_resumed_delivers_each_recipient_exactly_once(
    security, tmp_path, make_smtp_server
):
    path = make_campaign(tmp_path / "crash.apology", RECIPIENTS)
    # a small delay before each reply, so a run takes a few seconds and the kills land mid-run
    server = make_smtp_server(security=security, reply_delay_ms=10)
    doubt: set[int] = set()
    for point in KILL_AFTER:
        process = start_send(path, server)
        try:
            server.wait_for(point, timeout=60)
        finally:
            process.send_signal(signal.SIGKILL)
            process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL  # it really died mid-run
        assert len(server.messages) < RECIPIENTS
        now = in_doubt_rows(path)
        assert len(now - doubt) <= CONNECTIONS  # at most one in doubt per connection
        doubt = now

    process = start_send(path, server)  # the in-doubt ones are left as they are
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "may already have gone out" in err or not doubt

    with Campaign.open(path, for_sending=True) as campaign:
        rows = {d.row: d for d in journal.rows(campaign.conn)}
    assert len(rows) == RECIPIENTS  # none missing
    delivered = Counter(m.rcpt_tos[0] for m in server.messages)
    message_ids = {m.message["Message-ID"]: m.rcpt_tos[0] for m in server.messages}
    for row, d in rows.items():
        if row in doubt:
            assert d.state == journal.IN_DOUBT
            assert delivered[d.email] <= 1
        else:
            assert d.state == journal.SENT, (row, d)
            assert delivered[d.email] == 1, (row, d.email, delivered[d.email])
            assert message_ids[d.message_id] == d.email
    assert set(delivered) <= {d.email for d in rows.values()}

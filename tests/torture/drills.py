"""Crash drills: real CLI sends to a loopback SMTP server (STARTTLS, AUTH, a small delay per
reply), interrupted the hard way, then reopened, resumed and finished.

- **killed**: the send process gets SIGKILL at a random instant (after a random number of
  messages, plus a random few milliseconds, so some land between the journal's ``sending``
  commit and the server's reply);
- **server died**: the server goes away while a message is in DATA; the run stops, a new
  server comes up, and the send is run again;
- **disk full**: the send process may not grow any file past a few kilobytes more than the
  campaign has (RLIMIT_FSIZE, which works on any machine); the journal cannot be written, the
  run stops with a sentence, and a run with room finishes.

After each drill, the server's own log is the oracle: every customer got exactly one message,
except those reported in doubt (at most one copy each, and never more of them per interruption
than there are connections), and nobody is missing.
"""

from __future__ import annotations

import contextlib
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from composer import journal
from composer.campaign import Campaign
from tests.sending_helpers import make_campaign
from tests.smtp_server import SMTPTestServer
from tests.test_cli_deliver import cli_env, server_flags
from tests.torture import Figures

CUSTOMERS = 40
CONNECTIONS = 3
REPLY_DELAY_MS = 4
SEED = 20261202


def run(full: bool) -> Figures:
    fig = Figures()
    chance = random.Random(SEED)
    kills = 24 if full else 2
    with tempfile.TemporaryDirectory(prefix="drills-") as folder:
        base = Path(folder)
        for number in range(kills):
            _drill(fig, base / f"killed{number}.apology", "killed", chance)
        for number in range(4 if full else 1):
            _drill(fig, base / f"server{number}.apology", "server died", chance)
        for number in range(3 if full else 1):
            _drill(fig, base / f"disk{number}.apology", "disk full", chance)
    return fig


def _drill(fig: Figures, path: Path, kind: str, chance: random.Random) -> None:
    fig.drills += 1
    make_campaign(path, CUSTOMERS)
    received: Counter[str] = Counter()
    with contextlib.ExitStack() as servers:
        server = servers.enter_context(_server())
        if kind == "killed":
            _kill_at_random(path, server, chance)
        elif kind == "server died":
            received.update(_server_dies(path, server, chance))
            server = servers.enter_context(_server())  # the one the resumed run finds
        else:
            _disk_fills(fig, path, server)
        before = _in_doubt(path)
        if len(before) > CONNECTIONS:
            fig.fail(f"{kind}: {len(before)} in doubt after one interruption (> {CONNECTIONS})")
        finished = _send(path, server)
        finished.communicate(timeout=120)
        server.wait_until_quiet(window=0.3, timeout=20)
        received.update(m.rcpt_tos[0].lower() for m in server.messages)
        if finished.returncode != 0:
            fig.fail(f"{kind}: the resumed run ended with {finished.returncode}")
    _count(fig, path, received, kind)


def _send(path: Path, server: SMTPTestServer, **options: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "composer.cli", "send", str(path), *server_flags(server),
         "--yes", "--connections", str(CONNECTIONS)],
        env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        **options,  # type: ignore[call-overload]
    )  # fmt: skip


def _kill_at_random(path: Path, server: SMTPTestServer, chance: random.Random) -> None:
    process = _send(path, server)
    try:
        server.wait_for(chance.randrange(0, CUSTOMERS - CONNECTIONS), timeout=60)
        time.sleep(chance.uniform(0, 6 * REPLY_DELAY_MS) / 1000)
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)


def _server() -> SMTPTestServer:
    return SMTPTestServer(security="starttls", reply_delay_ms=REPLY_DELAY_MS)


def _server_dies(path: Path, server: SMTPTestServer, chance: random.Random) -> list[str]:
    """Stop the server while a message is in DATA; the addresses it had received."""
    process = _send(path, server)
    server.wait_for(chance.randrange(1, CUSTOMERS // 2), timeout=60)
    server.set_faults(stall_seconds=2.0, stall_on="data")  # hold the next DATA open...
    time.sleep(0.3)
    server.stop()  # ...and die with it under way
    process.communicate(timeout=120)  # the run ends by itself: nobody to send to
    return [m.rcpt_tos[0].lower() for m in server.messages]


def _disk_fills(fig: Figures, path: Path, server: SMTPTestServer) -> None:
    room = path.stat().st_size + 48 * 1024  # a few dozen journal commits, then no more

    def no_room() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    process = _send(path, server, preexec_fn=no_room)
    _, err = process.communicate(timeout=120)
    if "Traceback" in err:
        fig.fail(f"disk full: a traceback instead of a sentence: {err[-300:]}")
    elif process.returncode == 0:
        fig.fail("disk full: the run claimed success although the journal could not grow")
    elif "could not be written" not in err or "being sent" in err:
        fig.fail(f"disk full: not the sentence expected: {err[-300:]!r}")


def _in_doubt(path: Path) -> set[str]:
    with Campaign.open(path, for_sending=True) as campaign:
        return {d.email.lower() for d in journal.in_doubt(campaign.conn)}


def _count(fig: Figures, path: Path, received: Counter[str], kind: str) -> None:
    with Campaign.open(path, for_sending=True) as campaign:
        lines = journal.rows(campaign.conn)
    for line in lines:
        got = received[line.email.lower()]
        if got > 1:
            fig.doubled += 1
            fig.fail(f"{kind}: {line.email} got {got} copies")
        elif line.state == journal.State.IN_DOUBT:
            fig.in_doubt += 1
        elif got == 0:
            fig.lost += 1
            fig.fail(f"{kind}: {line.email} got nothing and is {line.state}")
        elif line.state != journal.State.SENT:
            fig.fail(f"{kind}: {line.email} was delivered but is {line.state}")
    if len(lines) != CUSTOMERS:
        fig.lost += CUSTOMERS - len(lines)
        fig.fail(f"{kind}: the journal holds {len(lines)} of {CUSTOMERS} customers")

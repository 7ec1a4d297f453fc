"""The server fault matrix: the sender against a real loopback SMTP server that misbehaves the
way providers do, one fault at a time and mixed with a fixed seed.

Every case is judged by what the server recorded and what the journal says, never by the
sender's own counts: each customer got exactly one copy, or is failed (and got none), or is
in doubt (and got at most one); the run ended within its time bound; and the sentence the
person sees names the cause. A stall must cost a bounded time, not minutes per retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from composer import journal
from composer.sender import Sender, Summary
from tests.sending_helpers import make_campaign, open_for_sending
from tests.smtp_server import PASSWORD, SMTPTestServer, ca_pem_path
from tests.torture import Figures

CUSTOMERS = 12
CONNECTIONS = 3
TIMEOUT = 1.0  # seconds per server reply in these drills (the app's is 60)
# A run may take this long at most: the attempts one connection can make for its share,
# each waiting a full timeout, plus room for a busy machine.
TIME_BOUND = 20 * TIMEOUT + 10


@dataclass(frozen=True)
class Case:
    name: str
    faults: dict[str, Any] = field(default_factory=dict)
    security: str = "starttls"
    account: dict[str, Any] = field(default_factory=dict)  # overrides of server.account()
    trusted: bool = True  # the client trusts the test CA
    host: str = "127.0.0.1"
    secret: str = PASSWORD
    says: str = ""  # words the final sentence must hold ("" = a normal finish)
    password_stays: bool = False  # no AUTH may reach the server
    settled: Callable[[Counter[journal.State]], bool] = lambda counts: True


def _all_sent(counts: Counter[journal.State]) -> bool:
    return counts[journal.State.SENT] == CUSTOMERS


def _nothing_sent(counts: Counter[journal.State]) -> bool:
    return counts[journal.State.SENT] == 0


CASES = [
    Case("451 on DATA, three times", {"temp_fail_next": 3}, settled=_all_sent),
    Case("421 and hang-up mid-session", {"close_after": 2}, settled=_all_sent),
    Case("per-connection message cap", {"close_after": 1}, settled=_all_sent),
    Case("fewer connections allowed than asked", {"max_connections": 1}, settled=_all_sent),
    Case(
        "reset after DATA was accepted",
        {"drop_after_data": 2},
        settled=lambda c: c[journal.State.IN_DOUBT] == 2 and c[journal.State.SENT] == 10,
    ),
    Case(
        "550 for two recipients",
        {"reject_recipients": frozenset({"customer0003@example.com", "customer0007@example.com"})},
        settled=lambda c: c[journal.State.FAILED] == 2 and c[journal.State.SENT] == 10,
    ),
    Case(
        "stall before DATA past the timeout",
        {"stall_seconds": 3 * TIMEOUT, "stall_on": "rcpt"},
        says="stopped answering",
        settled=_nothing_sent,
    ),
    Case(
        "stall after DATA past the timeout",
        {"stall_seconds": 3 * TIMEOUT, "stall_on": "data"},
        says="stopped confirming",
        # the run stops once every connection has left one in doubt (others may be under way)
        settled=lambda c: (
            c[journal.State.SENT] == 0 and 0 < c[journal.State.IN_DOUBT] <= 2 * CONNECTIONS - 1
        ),
    ),
    Case(
        "stall at the greeting",
        {"stall_seconds": 3 * TIMEOUT, "stall_on": "greeting"},
        settled=_nothing_sent,
    ),  # fmt: skip
    Case(
        "slow TLS handshake, past the timeout",
        {"handshake_delay": 2 * TIMEOUT},
        security="tls",
        says="did not answer",
        settled=_nothing_sent,
    ),  # fmt: skip
    Case(
        "slow TLS handshake, within the timeout",
        {"handshake_delay": TIMEOUT / 4},
        security="tls",
        settled=_all_sent,
    ),  # fmt: skip
    Case("login rejected", {"reject_login": True}, says="rejected", settled=_nothing_sent),
    Case("wrong password", secret="not the password", says="rejected", settled=_nothing_sent),
    Case(
        "untrusted certificate",
        trusted=False,
        says="certificate",
        password_stays=True,
        settled=_nothing_sent,
    ),  # fmt: skip
    Case(
        "certificate for another host",
        host="127.0.0.2",
        says="certificate",
        password_stays=True,
        settled=_nothing_sent,
    ),  # fmt: skip
    Case(
        "no STARTTLS offered",
        security="none",
        account={"security": "starttls"},
        says="STARTTLS",
        password_stays=True,
        settled=_nothing_sent,
    ),  # fmt: skip
    Case(
        "mixed: 451s, resets and hang-ups (seed 7)",
        {"temp_fail_probability": 0.2, "drop_probability": 0.1, "close_after": 3, "seed": 7},
    ),
    Case(
        "mixed: 451s and caps on one connection (seed 11)",
        {"temp_fail_probability": 0.3, "close_after": 2, "max_connections": 1, "seed": 11},
    ),
]


def run(full: bool) -> Figures:
    fig = Figures()
    cases = CASES if full else [CASES[i] for i in (0, 4, 5, 6, 9, 11, 13, 14)]
    with _trusting_the_test_ca(), tempfile.TemporaryDirectory(prefix="faults-") as folder:
        for number, case in enumerate(cases):
            fig.faults_run += 1
            problems = _one(case, Path(folder) / f"case{number}.apology")
            if problems:
                fig.fail(f"fault {case.name!r}: " + "; ".join(problems))
            else:
                fig.faults_passed += 1
    return fig


@contextlib.contextmanager
def _trusting_the_test_ca() -> Iterator[None]:
    """SSL_CERT_FILE at the test CA while the cases run (what the CLI would be given)."""
    before = os.environ.get("SSL_CERT_FILE")
    os.environ["SSL_CERT_FILE"] = ca_pem_path()
    try:
        yield
    finally:
        if before is None:
            del os.environ["SSL_CERT_FILE"]
        else:
            os.environ["SSL_CERT_FILE"] = before


def _one(case: Case, path: Path) -> list[str]:
    """Run one case; the list of broken promises (empty when it held)."""
    make_campaign(path, CUSTOMERS)
    problems: list[str] = []
    with SMTPTestServer(security=case.security, host=case.host, **case.faults) as server:
        started = time.monotonic()
        summary = _send(path, server, case)
        took = time.monotonic() - started
        server.wait_until_quiet(window=0.3, timeout=10)
        received = Counter(m.rcpt_tos[0].lower() for m in server.messages)
        logins = list(server.logins)
    if took > TIME_BOUND:
        problems.append(f"took {took:.1f} s, over the bound of {TIME_BOUND:.0f} s")
    campaign = open_for_sending(path)
    try:
        lines = journal.rows(campaign.conn)
    finally:
        campaign.close()
    counts: Counter[journal.State] = Counter(d.state for d in lines)
    for line in lines:
        got = received[line.email.lower()]
        if got > 1:
            problems.append(f"{line.email} got {got} copies")
        elif line.state == journal.State.SENT and got != 1:
            problems.append(f"{line.email} is marked sent but the server has {got}")
        elif line.state in (journal.State.FAILED, journal.State.QUEUED) and got:
            problems.append(f"{line.email} is {line.state} but the server has it")
    if set(received) - {d.email.lower() for d in lines}:
        problems.append("the server got mail for someone not in the campaign")
    if not case.settled(counts):
        problems.append(f"ended as {dict(counts)}")
    sentence = summary.verdict()
    if case.says and case.says.lower() not in sentence.lower():
        problems.append(f"the sentence does not say {case.says!r}: {sentence!r}")
    if "Traceback" in sentence or "\n" in sentence:
        problems.append(f"the sentence is not one plain sentence: {sentence!r}")
    if case.password_stays and logins:
        problems.append(f"the password reached the server ({len(logins)} sign-ins)")
    return problems


def _send(path: Path, server: SMTPTestServer, case: Case) -> Summary:
    campaign = open_for_sending(path)
    try:
        account = server.account(**{"host": case.host, **case.account})
        sender = Sender(
            campaign,
            account,
            case.secret,
            connections=CONNECTIONS,
            timeout=TIMEOUT,
            retry_base=0.01,
            tls_context=server.client_tls_context() if case.trusted else _system_trust(),
        )
        return asyncio.run(sender.run())
    finally:
        campaign.close()


def _system_trust() -> Any:
    """A TLS context that verifies as the app does but trusts no authority that signed the
    test server's certificate (SSL_CERT_FILE would otherwise bring the test's CA in)."""
    import ssl

    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)

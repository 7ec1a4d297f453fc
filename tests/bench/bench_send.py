"""Benchmark: sending 1,000 apologies through the loopback server (STARTTLS + AUTH, 30 ms before
every server reply, a stand-in for a real network).

1. This sender at its default settings (3 reused connections) against two anchors measured in
   the same run, against the same server settings:
   a) the ideal reused-connection client, written here with aiosmtplib: 3 connections, each
      secured and signed in once, then carrying its third of the same 1,000 messages (built
      beforehand from the campaign, same envelopes and bytes) one after another with nothing
      else (no journal, no pacing, no events). Goal: the sender within 1.1x of it.
   b) what mail-merge scripts do, written here with smtplib: connect, secure, log in, send one
      message and quit, for every message in turn.
   The latency bound is what 3 connections cannot beat: a reused-connection transaction waits
   for 4 delayed replies (MAIL, RCPT, DATA, end of data), so 1,000 x 4 x 30 ms / 3 = 40 s.

2. Rate adherence at --rate 600 (one every 100 ms), two measurements:
   a) the real sender at rate 600 through the server (no reply delay) for 90 s (900 messages):
      the average pace from the server's own receive times, and the busiest 60-second window
      (every window that starts at a received message);
   b) the limiter alone, on the real event loop with 3 connections competing, with its window
      shortened to 6 s and its rate to 60 per window (the same 100 ms beat, ten times shorter
      windows) for 30 s: five windows' worth of starts, each window checked.

Environment: BENCH_SEND_BASELINE=N measures the login-per-message baseline on N messages and
scales it to 1,000 (default: 100, about 30 s; all 1,000 take about five minutes because each
message costs ~10 replies)."""

from __future__ import annotations

import asyncio
import email.policy
import os
import smtplib
import ssl
import tempfile
import time
from pathlib import Path

import aiosmtplib

from composer import journal
from composer.campaign import Campaign
from composer.connection import disconnect
from composer.limiter import RateLimiter
from composer.mailing import DEFAULT_CONNECTIONS
from composer.sender import Sender
from composer.transaction import envelope
from tests.bench import Figure
from tests.sending_helpers import make_campaign
from tests.smtp_server import PASSWORD, USERNAME, SMTPTestServer

MESSAGES = 1000
DELAY_MS = 30
CONNECTIONS = DEFAULT_CONNECTIONS  # the sender's default: 3
REPLIES_PER_MESSAGE = 4  # MAIL, RCPT, DATA, end of data on a reused connection
BASELINE_MESSAGES = 100  # the login-per-message baseline, scaled to MESSAGES
GOAL_VS_IDEAL = 1.1
RATE = 600
RATE_SECONDS = 90  # the real sender's run: long enough to hold real 60-second windows
LIMITER_SECONDS = 30
PACE_GOAL = 0.97

Job = tuple[str, str, bytes]  # envelope sender, the one recipient, the message's bytes


def _send(path: Path, server: SMTPTestServer, **options) -> tuple[float, int]:
    campaign = Campaign.open(path, for_sending=True)
    try:
        sender = Sender(
            campaign, server.account(), PASSWORD, tls_context=server.client_tls_context(), **options
        )
        start = time.perf_counter()
        summary = asyncio.run(sender.run())
        elapsed = time.perf_counter() - start
    finally:
        campaign.close()
    if summary.error:
        raise SystemExit(f"the sender stopped: {summary.error}")
    return elapsed, summary.sent


def _jobs(path: Path) -> list[Job]:
    """Every message the sender sends for this campaign, made beforehand: the same envelope
    and the same bytes (flattened for SMTP, as ``composer.transaction`` does)."""
    jobs = []
    with Campaign.open(path) as campaign:
        for person in campaign.audience():
            message = campaign.message_for(person)
            sender, recipient = envelope(message)
            jobs.append((sender, recipient, message.as_bytes(policy=email.policy.SMTP)))
    return jobs


def _ideal(server: SMTPTestServer, jobs: list[Job], connections: int) -> float:
    """The ideal reused-connection client: ``connections`` aiosmtplib connections, each
    secured and signed in once, then sending its share of ``jobs`` one after another."""
    context = server.client_tls_context()

    async def connection(share: list[Job]) -> None:
        smtp = aiosmtplib.SMTP(
            hostname=server.host,
            port=server.port,
            start_tls=False,
            timeout=30,
            local_hostname="localhost",  # no getfqdn() lookup, as our sender does
        )
        await smtp.connect()
        try:
            await smtp.starttls(tls_context=context)
            await smtp.login(USERNAME, PASSWORD)
            for sender, recipient, raw in share:
                await smtp.sendmail(sender, [recipient], raw)
        finally:
            await disconnect(smtp)

    async def run() -> None:
        await asyncio.gather(*(connection(jobs[i::connections]) for i in range(connections)))

    start = time.perf_counter()
    asyncio.run(run())
    return time.perf_counter() - start


def _baseline(server: SMTPTestServer, jobs: list[Job]) -> float:
    """Connect, STARTTLS, log in, send one message, quit: for every message, in turn."""
    context = server.client_tls_context()
    start = time.perf_counter()
    for sender, recipient, raw in jobs:
        with smtplib.SMTP(server.host, server.port, timeout=30) as smtp:
            smtp.starttls(context=context)
            smtp.login(USERNAME, PASSWORD)
            smtp.sendmail(sender, [recipient], raw)
    return time.perf_counter() - start


def _busiest(times: list[float], window: float) -> int:
    times = sorted(times)
    best, j = 0, 0
    for i, t in enumerate(times):
        while j < len(times) and times[j] < t + window:
            j += 1
        best = max(best, j - i)
    return best


class _ShortWindow(RateLimiter):
    WINDOW = 6.0
    MARGIN = RateLimiter.MARGIN * WINDOW / RateLimiter.WINDOW  # ten times shorter, like the window


async def _limiter_schedule(seconds: float) -> list[float]:
    limiter = _ShortWindow(RATE * _ShortWindow.WINDOW / 60)  # 60 per 6 s: the same 100 ms beat
    starts: list[float] = []
    deadline = time.monotonic() + seconds

    async def connection() -> None:
        while time.monotonic() < deadline:
            starts.append(await limiter.acquire())
            await asyncio.sleep(0.002)  # a little work between messages

    await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))
    return starts


def _envelopes(server: SMTPTestServer) -> list[tuple[str, tuple[str, ...], int]]:
    return sorted((m.mail_from, m.rcpt_tos, len(m.raw)) for m in server.messages)


def _speed(folder: Path) -> Figure:
    baseline_count = int(os.environ.get("BENCH_SEND_BASELINE", BASELINE_MESSAGES))
    if not 1 <= baseline_count <= MESSAGES:
        raise SystemExit(f"BENCH_SEND_BASELINE must be between 1 and {MESSAGES}")
    ssl.create_default_context()  # warm the TLS module outside the timings
    path = make_campaign(folder / "bench.apology", MESSAGES)
    jobs = _jobs(path)
    assert len(jobs) == MESSAGES, len(jobs)
    with SMTPTestServer(security="starttls", reply_delay_ms=DELAY_MS) as server:
        ours, sent = _send(path, server)
        received = len(server.messages)
        logins = len(server.logins)
        assert sent == received == MESSAGES, (sent, received)
        by_sender = _envelopes(server)
        server.clear()

        ideal = _ideal(server, jobs, CONNECTIONS)
        assert len(server.messages) == MESSAGES, len(server.messages)
        ideal_logins = len(server.logins)
        by_ideal = _envelopes(server)
        # the same envelopes; sizes differ only by the Message-ID's and Date's few characters
        assert [e[:2] for e in by_sender] == [e[:2] for e in by_ideal]
        size_ours = sum(e[2] for e in by_sender) / MESSAGES
        size_ideal = sum(e[2] for e in by_ideal) / MESSAGES
        server.clear()

        base = _baseline(server, jobs[:baseline_count])
        assert len(server.messages) == baseline_count
        base_full = base * MESSAGES / baseline_count

    bound = MESSAGES * REPLIES_PER_MESSAGE * DELAY_MS / 1000 / CONNECTIONS
    ratio = ours / ideal
    print(f"{MESSAGES} messages, STARTTLS + AUTH, {DELAY_MS} ms before every server reply")
    print(
        f"  this sender (K={CONNECTIONS}, {logins} logins): {ours:7.1f} s "
        f"({MESSAGES / ours:5.1f} msg/s, {size_ours:,.0f} bytes a message)"
    )
    print(
        f"  ideal reused-connection aiosmtplib client (K={CONNECTIONS}, {ideal_logins} "
        f"logins): {ideal:7.1f} s ({MESSAGES / ideal:5.1f} msg/s, {size_ideal:,.0f} bytes "
        "a message)"
    )
    print(
        f"  sender / ideal client: {ratio:.2f}x "
        f"(goal <= {GOAL_VS_IDEAL}x) -> {'OK' if ratio <= GOAL_VS_IDEAL else 'NOT MET'}"
    )
    scaled = "" if baseline_count == MESSAGES else f" (measured on {baseline_count}, scaled)"
    print(f"  login-per-message smtplib baseline: {base_full:7.1f} s{scaled}")
    print(f"  baseline / sender: {base_full / ours:.2f}x faster")
    print(
        f"  latency bound {REPLIES_PER_MESSAGE} replies x {DELAY_MS} ms x {MESSAGES} / "
        f"{CONNECTIONS} = {bound:.1f} s; sender / bound = {ours / bound:.2f}x, "
        f"ideal client / bound = {ideal / bound:.2f}x"
    )
    return Figure(
        f"Sending {MESSAGES:,} messages (STARTTLS, AUTH, {DELAY_MS} ms per reply), "
        f"{CONNECTIONS} connections",
        f"{ours:.1f} s",
        f"ideal reused-connection aiosmtplib client {ideal:.1f} s ({ratio:.2f}×); "
        f"login-per-message client {base_full:.1f} s{scaled}",
        f"≤ {GOAL_VS_IDEAL}× the ideal client",
        ratio <= GOAL_VS_IDEAL,
    )


def _rate(folder: Path) -> Figure:
    """The real sender at ``RATE`` through the server, judged by the server's receive times."""
    count = RATE * RATE_SECONDS // 60
    with SMTPTestServer(security="starttls") as server:
        path = make_campaign(folder / "rate.apology", count)
        elapsed, sent = _send(path, server, rate=RATE)
        times = [m.received_at for m in server.messages]
    assert sent == len(times) == count, (sent, len(times))
    pace = (len(times) - 1) / (max(times) - min(times)) * 60
    with Campaign.open(path) as campaign:
        assert journal.counts(campaign.conn)[journal.SENT] == count
    busiest = _busiest(times, 60.0)
    met = busiest <= RATE and pace >= PACE_GOAL * RATE
    print(f"rate {RATE}/min, real sender, {count} messages in {elapsed:.1f} s:")
    print(
        f"  average {pace:.1f}/min = {pace / RATE:.1%} of the rate (target >= {PACE_GOAL:.0%}); "
        f"busiest 60 s window: {busiest} (limit {RATE}) -> "
        f"{'OK' if busiest <= RATE else 'OVER'}; busiest 1 s: "
        f"{_busiest(times, 1.0)} (beat allows {RATE // 60})"
    )
    return Figure(
        f"Pace at --rate {RATE}/min: {count} messages over {RATE_SECONDS} s, as the server "
        "received them",
        f"busiest 60 s window {busiest}; average {pace:.1f}/min ({pace / RATE:.1%})",
        f"the limit: {RATE} in any 60 s",
        f"never over the limit; average ≥ {PACE_GOAL:.0%} of the rate",
        met,
    )


def _limiter() -> Figure:
    """The limiter alone, with ten times shorter windows, every window checked."""
    starts = asyncio.run(_limiter_schedule(LIMITER_SECONDS))
    window = _ShortWindow.WINDOW
    window_limit = int(RATE * window / 60)
    pace = (len(starts) - 1) / (max(starts) - min(starts)) * 60
    busiest = _busiest(starts, window)
    print(
        f"limiter alone, {window:g} s windows of at most {window_limit} "
        f"(same 100 ms beat), {len(starts)} starts over {LIMITER_SECONDS} s:"
    )
    print(
        f"  average {pace:.1f}/min = {pace / RATE:.1%} of the rate; busiest window: "
        f"{busiest} (limit {window_limit}) -> {'OK' if busiest <= window_limit else 'OVER'}"
    )
    return Figure(
        f"Rate limiter alone, {CONNECTIONS} connections competing, {window:g} s windows "
        f"(same 100 ms beat), {LIMITER_SECONDS} s",
        f"busiest window {busiest}; average {pace:.1f}/min ({pace / RATE:.1%})",
        f"the limit: {window_limit} in any {window:g} s",
        "never over the limit",
        busiest <= window_limit,
    )


def main() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-send-") as tmp:
        folder = Path(tmp)
        return [_speed(folder), _rate(folder), _limiter()]


if __name__ == "__main__":
    main()

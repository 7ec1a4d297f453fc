"""Benchmark: sending 1,000 apologies through the loopback server (STARTTLS + AUTH, 30 ms before
every server reply, a stand-in for a real network).

1. This sender at its default settings (3 reused connections) vs a baseline written here with
   smtplib that connects, secures, logs in and quits for every message, one after another.
   The latency bound is what 3 connections cannot beat: a reused-connection transaction waits
   for 4 delayed replies (MAIL, RCPT, DATA, end of data), so 1,000 x 4 x 30 ms / 3 = 40 s.
   Target: the sender within 1.2x of that bound.

2. Rate adherence at --rate 600 (one every 100 ms), two measurements:
   a) the real sender at rate 600 through the server (no reply delay) for 90 s (900 messages):
      the average pace from the server's own receive times, and the busiest 60-second window
      (every window that starts at a received message);
   b) the limiter alone, on the real event loop with 3 connections competing, with its window
      shortened to 6 s and its rate to 60 per window (the same 100 ms beat, ten times shorter
      windows) for 30 s: five windows' worth of starts, each window checked.

Environment: BENCH_SEND_BASELINE=N measures the baseline on N messages and scales it up
(default: all 1,000, which takes about five minutes because each message costs ~10 replies).
"""

from __future__ import annotations

import asyncio
import os
import smtplib
import ssl
import tempfile
import time
from pathlib import Path

from composer import journal
from composer.campaign import Campaign
from composer.limiter import RateLimiter
from composer.sender import Sender
from composer.transaction import envelope
from tests.sending_helpers import make_campaign
from tests.smtp_server import PASSWORD, USERNAME, SMTPTestServer

MESSAGES = 1000
DELAY_MS = 30
CONNECTIONS = 3
REPLIES_PER_MESSAGE = 4  # MAIL, RCPT, DATA, end of data on a reused connection
RATE = 600
RATE_SECONDS = 90  # the real sender's run: long enough to hold real 60-second windows
LIMITER_SECONDS = 30


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


def _baseline(path: Path, server: SMTPTestServer, count: int) -> float:
    """Connect, STARTTLS, log in, send one message, quit: for every message, in turn."""
    context = server.client_tls_context()
    with Campaign.open(path) as campaign:
        people = campaign.audience()[:count]
        start = time.perf_counter()
        for person in people:
            message = campaign.message_for(person)
            sender, recipient = envelope(message)
            with smtplib.SMTP(server.host, server.port, timeout=30) as smtp:
                smtp.starttls(context=context)
                smtp.login(USERNAME, PASSWORD)
                smtp.sendmail(sender, [recipient], message.as_bytes())
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


def main() -> None:
    baseline_count = int(os.environ.get("BENCH_SEND_BASELINE", MESSAGES))
    with tempfile.TemporaryDirectory(prefix="bench-send-") as tmp:
        folder = Path(tmp)
        ssl.create_default_context()  # warm the TLS module outside the timings
        with SMTPTestServer(security="starttls", reply_delay_ms=DELAY_MS) as server:
            path = make_campaign(folder / "bench.apology", MESSAGES)
            ours, sent = _send(path, server)
            received = len(server.messages)
            logins = len(server.logins)
            assert sent == received == MESSAGES, (sent, received)
            server.clear()

            base = _baseline(path, server, baseline_count)
            assert len(server.messages) == baseline_count
            base_full = base * MESSAGES / baseline_count

        bound = MESSAGES * REPLIES_PER_MESSAGE * DELAY_MS / 1000 / CONNECTIONS
        print(f"{MESSAGES} messages, STARTTLS + AUTH, {DELAY_MS} ms before every server reply")
        print(
            f"  this sender (K={CONNECTIONS}, {logins} logins): {ours:7.1f} s "
            f"({MESSAGES / ours:5.1f} msg/s)"
        )
        scaled = "" if baseline_count == MESSAGES else f" (measured on {baseline_count}, scaled)"
        print(f"  login-per-message smtplib baseline: {base_full:7.1f} s{scaled}")
        print(f"  baseline / sender: {base_full / ours:.2f}x faster")
        print(
            f"  latency bound {REPLIES_PER_MESSAGE} replies x {DELAY_MS} ms x {MESSAGES} / "
            f"{CONNECTIONS} = {bound:.1f} s; sender / bound = {ours / bound:.2f}x "
            f"(target <= 1.2x)"
        )

        # -- rate adherence -------------------------------------------------------------------
        count = RATE * RATE_SECONDS // 60
        with SMTPTestServer(security="starttls") as server:
            path = make_campaign(folder / "rate.apology", count)
            elapsed, sent = _send(path, server, rate=RATE)
            times = [m.received_at for m in server.messages]
        pace = (len(times) - 1) / (max(times) - min(times)) * 60
        with Campaign.open(path) as campaign:
            assert journal.counts(campaign.conn)[journal.SENT] == count
        print(f"rate {RATE}/min, real sender, {count} messages in {elapsed:.1f} s:")
        busiest = _busiest(times, 60.0)
        print(
            f"  average {pace:.1f}/min = {pace / RATE:.1%} of the rate (target >= 97%); "
            f"busiest 60 s window: {busiest} (limit {RATE}) -> "
            f"{'OK' if busiest <= RATE else 'OVER'}; busiest 1 s: "
            f"{_busiest(times, 1.0)} (beat allows {RATE // 60})"
        )

        starts = asyncio.run(_limiter_schedule(LIMITER_SECONDS))
        window_limit = int(RATE * _ShortWindow.WINDOW / 60)
        pace = (len(starts) - 1) / (max(starts) - min(starts)) * 60
        busiest = _busiest(starts, _ShortWindow.WINDOW)
        print(
            f"limiter alone, {_ShortWindow.WINDOW:g} s windows of at most {window_limit} "
            f"(same 100 ms beat), {len(starts)} starts over {LIMITER_SECONDS} s:"
        )
        print(
            f"  average {pace:.1f}/min = {pace / RATE:.1%} of the rate; busiest window: "
            f"{busiest} (limit {window_limit}) -> {'OK' if busiest <= window_limit else 'OVER'}"
        )


if __name__ == "__main__":
    main()

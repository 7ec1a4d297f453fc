"""The sender: every queued apology to its one recipient, over a few reused SMTP connections.

Delivery semantics (see DESIGN.md, "nothing lost, nothing doubled"):

- ``sending`` is committed to the journal right before the DATA command and ``sent`` (with the
  server's reply, the Message-ID and the time) right after the 250, so a crash in between
  leaves ``sending``, which becomes ``in_doubt`` when the campaign is opened again. Each of the
  K connections carries one transaction at a time, so at most K messages can be in doubt.
- 2xx: sent. 5xx for a recipient: failed for that one, the run goes on. 4xx, a dropped
  connection or a timeout *before the message was handed over*: retried after an exponential
  back-off with jitter (on a fresh connection where the old one is gone), up to
  ``MAX_ATTEMPTS`` attempts in one run, then failed. 421 (the server closing, e.g. a
  per-connection message limit): reconnect and continue at once.
- A dropped connection or a timeout *after the whole message was handed over* (waiting for the
  final reply) is in doubt: the server may have accepted it. It is never re-sent silently.
- A rejected login, or a refused sender address, stops the whole run at once with the reason.
- The daily cap is a rolling 24 hours computed from the journal; a run that reaches it stops
  cleanly and says when the next message can go. ``limit`` sends at most that many this run.

Speed comes from fewer round trips, never from going faster than the account allows: each
connection is opened and signed in once and then carries message after message with exactly
MAIL, RCPT, DATA and the message (no RSET or NOOP between them); journal writes happen on a
background thread so no connection waits for another's disk write; one shared limiter paces
all connections together.

Whom a run sends to is ``composer.plan``'s answer (the customers it marks ``SEND``, in
spreadsheet order, at most ``limit``), so the number the person confirmed is the number sent.
Messages are made from a snapshot of the campaign taken when the run starts: an edit made
while it runs never reaches a message of this run. Customers are known by their address
(``recipients.customer_key``) in the journal, never by a spreadsheet row.

The run is asyncio; ``pause``, ``resume`` and ``cancel`` may be called from any thread.
Events come back through ``on_event`` (called in the loop's thread) and ``events()``. The wire
format lives in ``composer.transaction``; tests to yourself and dry runs in ``composer.trial``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import heapq
import itertools
import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from composer import journal
from composer.errors import AccountError, ComposerError, SendError
from composer.language import N_, _, n_, number
from composer.limiter import DAY, DailyCap, RateLimiter
from composer.mailing import DEFAULT_CONNECTIONS, MAX_CONNECTIONS
from composer.outbox import is_practice
from composer.plan import Next
from composer.sendlog import SendLog, mailbox_of
from composer.transaction import envelope
from composer.transport import Deferred, Halted, Line, Lost, Refused, open_line
from composer.wording import clock

if TYPE_CHECKING:
    import ssl

    from composer.accounts import Account, Secret
    from composer.campaign import Campaign
    from composer.plan import Next
    from composer.recipients import Recipient

_P = ParamSpec("_P")
_R = TypeVar("_R")

MAX_ATTEMPTS = 5  # SMTP transactions per message in one run before it is marked failed
RETRY_BASE = 5.0  # seconds before the second attempt; doubled for each further one
RETRY_MAX = 300.0
TIMEOUT = 60.0  # seconds to wait for any one server reply
CONNECT_ATTEMPTS = 3  # failed reconnects in a row before a connection gives up

# What the server did, for the sentence that stops a run it no longer answers (Lost.how).
_SILENCE = {
    "late": N_("it did not answer in time"),
    "unreachable": N_("it could not be reached"),
    "cut": N_("the connection was cut"),
}


class EventKind(StrEnum):
    """What happened during a run."""

    STARTED = "started"
    SENDING = "sending"
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    IN_DOUBT = "in_doubt"
    PAUSED = "paused"
    RESUMED = "resumed"
    CAP_REACHED = "cap_reached"
    FINISHED = "finished"
    ERROR = "error"


STARTED, SENDING, SENT, RETRY, FAILED, IN_DOUBT = (
    EventKind.STARTED,
    EventKind.SENDING,
    EventKind.SENT,
    EventKind.RETRY,
    EventKind.FAILED,
    EventKind.IN_DOUBT,
)
PAUSED, RESUMED, CAP_REACHED, FINISHED, ERROR = (
    EventKind.PAUSED,
    EventKind.RESUMED,
    EventKind.CAP_REACHED,
    EventKind.FINISHED,
    EventKind.ERROR,
)


@dataclass(frozen=True, slots=True)
class Event:
    """Something the person (or a script) should see happen; no Qt, plain data."""

    kind: EventKind
    at: float = field(default_factory=time.time)
    row: int | None = None
    email: str | None = None
    customer: str | None = None
    attempt: int | None = None
    delay: float | None = None  # seconds until the retry
    reason: str | None = None  # server reply or plain sentence
    message_id: str | None = None
    total: int | None = None  # for started: messages this run will try
    rows: tuple[int, ...] = ()  # for in_doubt: the rows concerned
    # for started: the plan's counts per fate; for finished/cap_reached: the journal's per state
    counts: Mapping[Next, int] | Mapping[journal.State, int] | None = None
    resume_at: float | None = None  # for cap_reached: when the next message can go
    remaining: int | None = None  # for cap_reached/finished: still queued or deferred
    rate: float | None = None  # for started: messages per minute at most
    cap_room: int | None = None  # for started: messages the daily cap still allows now

    def to_json(self) -> dict[str, Any]:
        """The non-empty fields, for one JSON line per event."""
        return {
            k: str(v) if k == "kind" else v for k, v in asdict(self).items() if v not in (None, ())
        }


@dataclass(slots=True)
class Summary:
    """How a run ended."""

    counts: dict[journal.State, int]
    sent: int = 0  # sent in this run
    failed: int = 0  # failed in this run
    in_doubt: list[int] = field(default_factory=list)  # the rows of every in-doubt customer
    remaining: int = 0  # queued or deferred, left for a later run
    cancelled: bool = False
    cap_reached: bool = False
    resume_at: float | None = None
    error: str | None = None  # the plain reason a run stopped early
    sign_in_refused: bool = False  # the server refused the password: ask for it again
    accepted_only: bool = False  # sent through Microsoft Graph: taken (202), not delivered (250)
    filed: str = ""  # what became of the copies for the Sent folder (composer.filing), if any

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled

    def verdict(self, *, practice: bool = False) -> str:
        """How the run ended, in one sentence for the person."""
        if self.error:
            return self.error
        if self.cancelled:
            return n_(
                "Stopped: {n} sent in this run; the rest can go later.",
                "Stopped: {n} sent in this run; the rest can go later.",
                self.sent,
            ).format(n=number(self.sent))
        if self.cap_reached:
            sentence = (
                _(
                    "The daily limit is reached after {sent} in this run; the other {remaining} "
                    "can go at {time}."
                )
                if self.resume_at
                else _(
                    "The daily limit is reached after {sent} in this run; the other {remaining} "
                    "can go tomorrow."
                )
            )
            return sentence.format(
                sent=number(self.sent),
                remaining=number(self.remaining),
                time=clock(self.resume_at) if self.resume_at else "",
            )
        if self.failed or self.in_doubt:
            return _(
                "Finished: {sent} sent, {failed} failed, {in_doubt} in doubt. See below what to "
                "do next."
            ).format(
                sent=number(self.sent),
                failed=number(self.failed),
                in_doubt=number(len(self.in_doubt)),
            )
        if practice:
            return n_(
                "Done: the message is in the practice outbox (nothing left this computer).",
                "Done: all {n} messages are in the practice outbox (nothing left this computer).",
                self.sent,
            ).format(n=number(self.sent))
        if self.accepted_only:
            return n_(
                "Done: Microsoft accepted the message (it is in Sent Items); unlike a mail "
                "server, Microsoft Graph does not confirm delivery, so a refusal may still "
                "come back by e-mail.",
                "Done: Microsoft accepted all {n} messages, one to each customer (they are in "
                "Sent Items); unlike a mail server, Microsoft Graph does not confirm delivery, "
                "so a refusal may still come back by e-mail.",
                self.sent,
            ).format(n=number(self.sent))
        return n_(
            "Done: the message was sent.",
            "Done: all {n} messages were sent, one to each customer.",
            self.sent,
        ).format(n=number(self.sent))


def check_sendable(campaign: Campaign, *, require_test: bool = False) -> None:
    """Refuse to send a campaign that ``check`` says cannot go (e.g. a field blank without a
    fallback, too few codes): the first reason, as one sentence."""
    checkup = campaign.checkup(require_test=require_test)
    if not checkup.sendable:
        more = len(checkup.blocking) - 1
        if more:
            raise SendError(
                n_(
                    "{problem} (and {n} more problem).", "{problem} (and {n} more problems).", more
                ).format(problem=checkup.blocking[0].rstrip("."), n=number(more))
            )
        raise SendError(f"{checkup.blocking[0].rstrip('.')}.")


def _hopeless(error: BaseException) -> bool:
    """Does this connection error need the person (wrong password, host, certificate)?"""
    return not getattr(error, "retryable", False)


class _JournalWriter:
    """Journal writes on one background thread, strictly in order.

    The event loop never stalls on the disk's fsync (the campaign file is synchronous=FULL),
    so the other connections keep talking while one message is being recorded. ``now`` waits
    for the commit (``sending`` must be on disk before DATA); ``later`` does not (``sent`` is
    recorded while the next message starts). Because the writes are in order, a connection's
    next ``sending`` is never committed before its previous ``sent``: at most one message per
    connection is ever ``sending`` on disk."""

    def __init__(self, conn: sqlite3.Connection, on_error: Callable[[BaseException], None]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.conn = conn
        self.on_error = on_error
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="apology-journal")
        self._pending: set[asyncio.Future[Any]] = set()

    async def now(
        self,
        write: Callable[Concatenate[sqlite3.Connection, _P], _R],
        *args: _P.args,
        **kwargs: _P.kwargs,
    ) -> _R:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool, functools.partial(write, self.conn, *args, **kwargs)
        )

    def later(
        self,
        write: Callable[Concatenate[sqlite3.Connection, _P], object],
        *args: _P.args,
        **kwargs: _P.kwargs,
    ) -> None:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(
            self._pool, functools.partial(write, self.conn, *args, **kwargs)
        )
        self._pending.add(future)
        future.add_done_callback(self._written)

    def _written(self, future: asyncio.Future[Any]) -> None:
        self._pending.discard(future)
        if not future.cancelled() and (error := future.exception()) is not None:
            self.on_error(error)

    async def flush(self) -> None:
        """Wait until every write so far is committed."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def _unwritable(error: BaseException) -> str:
    return _(
        "The campaign file could not be written ({error}), so sending stopped; free some disk "
        "space or move the campaign to a folder you may write to, then send again."
    ).format(error=error)


class Sender:
    """Send a campaign's queued apologies. ``await Sender(...).run()`` returns a Summary."""

    def __init__(
        self,
        campaign: Campaign,
        account: Account,
        secret: Secret,
        *,
        connections: int = DEFAULT_CONNECTIONS,
        rate: float | None = None,
        daily_cap: int | None = None,
        limit: int | None = None,
        resend_in_doubt: bool = False,
        only: Collection[str] | None = None,
        on_event: Callable[[Event], None] | None = None,
        copies: Callable[[bytes], None] | None = None,
        send_log: SendLog | None = None,
        timeout: float = TIMEOUT,
        retry_base: float = RETRY_BASE,
        max_attempts: int = MAX_ATTEMPTS,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        if not 1 <= connections <= MAX_CONNECTIONS:
            raise SendError(
                _("Connections must be between 1 and {most}; {asked} was asked.").format(
                    most=MAX_CONNECTIONS, asked=connections
                )
            )
        # The account's own limits apply unless the person asked for others; a provider that
        # allows fewer simultaneous connections (Microsoft 365: 3) gets no more than that.
        most = getattr(account, "max_connections", None)
        if most:
            connections = min(connections, most)
        rate = rate if rate is not None else getattr(account, "rate", None)
        daily_cap = daily_cap if daily_cap is not None else getattr(account, "daily_cap", None)
        if rate is not None and rate <= 0:
            raise SendError(_("The rate must be a positive number of messages per minute."))
        if daily_cap is not None and daily_cap <= 0:
            raise SendError(_("The daily cap must be a positive number of messages."))
        if limit is not None and limit < 0:
            raise SendError(_("The limit must be zero or a positive number of messages."))
        self.campaign = campaign
        self.account = account
        self.secret = secret
        self.connections = connections
        self.rate = rate
        self.daily_cap = daily_cap
        self.limit = limit
        self.resend_in_doubt = resend_in_doubt
        self.only = frozenset(only) if only is not None else None  # these customers at most
        self.on_event = on_event
        # given the exact bytes of each message sent over SMTP, for a copy in Sent
        # (composer.filing); it only hands them on, never waits and never raises
        self.copies = copies
        # the mailbox's log across campaigns, sharing its daily cap (none for the practice outbox)
        self.send_log = send_log if send_log is not None or is_practice(account) else SendLog()
        self._mailbox = mailbox_of(account)
        self.timeout = timeout
        self.retry_base = retry_base
        self.max_attempts = max_attempts
        self.tls_context = tls_context

        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: int | None = None
        self._paused = False
        self._cancelled = False
        self._stop_reason: str | None = None
        self._cap_hit = False
        self._queues: list[asyncio.Queue[Event | None]] = []
        self._heap: list[tuple[float, int, str]] = []
        self._seq = itertools.count()
        self._active = 0
        self._tries: dict[str, int] = {}
        self._recipients: dict[str, Recipient] = {}
        self._changed: asyncio.Future[None] | None = None
        self._place_freed: asyncio.Future[None] | None = None
        self._stopped: asyncio.Future[None] | None = None
        self._live_connections = 0
        self._first_connect: asyncio.Event | None = None
        self._first_connect_taken = False
        self._sent = 0
        self._failed = 0
        self._silence = 0  # messages in a row the server did not answer (reset by a success)
        self._sign_in_refused = False
        self._random = random.Random()

    # -- controls (any thread) -----------------------------------------------------------------

    def pause(self) -> None:
        """Start no new transaction until resume(); the ones in flight finish."""
        self._control("pause")

    def resume(self) -> None:
        self._control("resume")

    def cancel(self) -> None:
        """Stop: no new transaction starts, the ones in flight finish, the journal is exact."""
        self._control("cancel")

    def _control(self, what: str) -> None:
        loop = self._loop
        if loop is not None and threading.get_ident() != self._thread and not loop.is_closed():
            loop.call_soon_threadsafe(self._apply, what)
        else:
            self._apply(what)

    def _apply(self, what: str) -> None:
        if what == "pause" and not self._paused and not self._cancelled:
            self._paused = True
            self._emit(Event(PAUSED))
        elif what == "resume" and self._paused:
            self._paused = False
            self._emit(Event(RESUMED))
        elif what == "cancel" and not self._cancelled:
            self._cancelled = True
            self._paused = False
            self._set_stopped()
        self._notify()

    # -- events --------------------------------------------------------------------------------

    async def events(self) -> AsyncIterator[Event]:
        """Every event of the run, ending after ``finished``. Start iterating before run()."""
        queue: asyncio.Queue[Event | None] = asyncio.Queue()
        self._queues.append(queue)
        try:
            while (event := await queue.get()) is not None:
                yield event
        finally:
            self._queues.remove(queue)

    def _emit(self, event: Event) -> None:
        for queue in self._queues:
            queue.put_nowait(event)
        if self.on_event is not None:
            self.on_event(event)

    def _notify(self) -> None:
        if self._changed is not None and not self._changed.done():
            self._changed.set_result(None)

    def _set_stopped(self) -> None:
        if self._stopped is not None and not self._stopped.done():
            self._stopped.set_result(None)

    async def _wait_change(self, timeout: float | None = None) -> None:
        if self._changed is None or self._changed.done():
            self._changed = asyncio.get_running_loop().create_future()
        await asyncio.wait({self._changed}, timeout=timeout)

    @property
    def _stopping(self) -> bool:
        return self._cancelled or self._stop_reason is not None or self._cap_hit

    def _stop(self, reason: str) -> None:
        if self._stop_reason is None:
            self._stop_reason = reason
        self._set_stopped()
        self._notify()

    # -- the run ------------------------------------------------------------------------------

    async def run(self) -> Summary:
        """Send what is queued or deferred; in-doubt messages only with ``resend_in_doubt``."""
        loop = asyncio.get_running_loop()
        self._loop, self._thread = loop, threading.get_ident()
        self._changed = loop.create_future()
        self._stopped = loop.create_future()
        self._first_connect = asyncio.Event()
        if self._cancelled:
            self._stopped.set_result(None)
        conn = self.campaign.conn
        assert conn is not None  # a run sends a saved campaign, opened for sending
        try:
            self._prepare(conn)
        except ComposerError as e:
            return self._finish(conn, error=str(e))
        except sqlite3.Error as e:
            return self._finish(conn, error=_unwritable(e))
        self._journal = _JournalWriter(conn, lambda e: self._stop(_unwritable(e)))
        try:
            workers = [
                asyncio.create_task(self._worker(), name=f"apology-sender-{i + 1}")
                for i in range(self.connections)
            ]
            gathered = asyncio.gather(*workers, return_exceptions=True)
            try:
                results = await asyncio.shield(gathered)
            except asyncio.CancelledError:
                # The caller cancelled the task: behave like cancel(), let transactions finish.
                self._apply("cancel")
                await gathered
                await self._journal.flush()
                self._finish(conn)
                raise
            await self._journal.flush()
        finally:
            self._journal.close()
            if self.send_log is not None:
                self.send_log.flush()
        for result in results:
            if isinstance(result, BaseException):
                self._finish(conn, error=_("Sending stopped because of an unexpected error."))
                raise result
        return self._finish(conn)

    def _prepare(self, conn: sqlite3.Connection) -> None:
        campaign = self.campaign
        check_sendable(campaign)
        planned = campaign.plan(limit=self.limit, resend_in_doubt=self.resend_in_doubt)
        going = planned.sendable_keys(resend_in_doubt=self.resend_in_doubt)
        audience = list(campaign.audience())
        codes = campaign.assign_codes(audience)
        journal.drop_waiting(conn, {r.key for r in audience})
        journal.enqueue(conn, audience, codes=codes)
        # Every message of this run is made from this copy: later edits never reach it.
        self._maker = campaign.snapshot()
        self._recipients = {r.key: r for r in audience}
        going = [
            key
            for key in going
            if key in self._recipients and (self.only is None or key in self.only)
        ]
        doubt = [f for f in planned.in_doubt if f.chosen]
        counts = Counter(planned.counts)
        if doubt and self.resend_in_doubt:
            journal.resolve_in_doubt(conn, [f.customer for f in doubt], as_sent=False)
            counts[Next.IN_DOUBT] -= len(doubt)  # they wait to be sent again now
            counts[Next.SEND] += len(doubt)
        elif doubt:
            self._emit(
                Event(
                    IN_DOUBT,
                    rows=tuple(f.row for f in doubt),
                    reason=_(
                        "These messages may already have gone out; they are not sent again "
                        "unless you choose to."
                    ),
                )
            )
        now = time.time()
        lines = {d.customer: d for d in journal.rows(conn)}
        self._heap = []
        for key in going:
            line = lines.get(key)
            when = max(now, (line.retry_at or 0.0) if line is not None else 0.0)
            self._heap.append((when, next(self._seq), key))
        heapq.heapify(self._heap)
        self._limiter = RateLimiter(self.rate)
        ours = journal.sent_times(conn, now - DAY)
        if self.send_log is not None and self.daily_cap is not None:
            ours += self.send_log.times(
                self._mailbox, now - DAY, other_than=self.campaign.campaign_id
            )
        self._cap = DailyCap(self.daily_cap, ours)
        self._emit(
            Event(
                STARTED,
                total=len(self._heap),
                counts=dict(counts),
                rate=self.rate,
                cap_room=self._cap.remaining(),
            )
        )

    def _finish(self, conn: sqlite3.Connection, error: str | None = None) -> Summary:
        error = error or self._stop_reason
        counts = journal.counts(conn)
        # The run is over: a message still "sending" is one whose end could not be recorded
        # (the disk filled): it is in doubt, and the next opening writes it so.
        counts[journal.IN_DOUBT] += counts[journal.SENDING]
        counts[journal.SENDING] = 0
        remaining = counts[journal.QUEUED] + counts[journal.DEFERRED]
        resume_at = None
        if self._cap_hit and hasattr(self, "_cap"):
            resume_at = self._cap.next_free()
            self._emit(
                Event(
                    CAP_REACHED,
                    resume_at=resume_at,
                    remaining=remaining,
                    counts=counts,
                    reason=_(
                        "The daily limit of {cap} messages in 24 hours is reached; the next "
                        "message can go at {time}."
                    ).format(cap=self.daily_cap, time=clock(resume_at)),
                )
            )
        if error:
            self._emit(Event(ERROR, reason=error))
        self._emit(Event(FINISHED, counts=counts, remaining=remaining))
        for queue in self._queues:
            queue.put_nowait(None)
        return Summary(
            counts=counts,
            sent=self._sent,
            failed=self._failed,
            in_doubt=[
                d.row for d in (*journal.in_doubt(conn), *journal.rows(conn, journal.SENDING))
            ],
            remaining=remaining,
            cancelled=self._cancelled,
            cap_reached=self._cap_hit,
            resume_at=resume_at,
            error=error,
            sign_in_refused=self._sign_in_refused,
            accepted_only=getattr(self.account, "transport", "smtp") == "graph",
        )

    async def _take(self) -> str | None:
        """The next customer whose time has come, or None when the run is over for this
        worker."""
        while True:
            if self._stopping:
                return None
            if self._paused:
                await self._wait_change()
                continue
            if self._heap:
                when, _order, key = self._heap[0]
                wait = when - time.time()
                if wait <= 0:
                    heapq.heappop(self._heap)
                    self._active += 1
                    return key
                await self._wait_change(wait)
            elif self._active == 0:
                return None
            else:
                await self._wait_change()  # a retry may come back

    def _done(self, key: str, retry_at: float | None = None) -> None:
        """A worker is finished with a customer (for now, if they come back at ``retry_at``)."""
        if retry_at is not None:
            heapq.heappush(self._heap, (retry_at, next(self._seq), key))
        self._active -= 1
        self._notify()

    async def _interruptible(self, awaitable: Awaitable[Any]) -> bool:
        """Await unless the run stops first; True if it completed."""
        task = asyncio.ensure_future(awaitable)
        assert self._stopped is not None
        await asyncio.wait({task, self._stopped}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            task.result()
            return True
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return False

    async def _connect(self) -> Line:
        return await open_line(
            self.account, self.secret, timeout=self.timeout, tls_context=self.tls_context
        )

    async def _open(self) -> Line | None:
        """A new logged-in connection, or None if this worker should retire.

        The first connection of a run is opened alone, so a wrong host or password stops the
        run after one try; later ones that fail while others work simply retire (the server
        allows fewer connections than asked); when none works, retry a few times, then stop."""
        assert self._first_connect is not None
        if self._first_connect.is_set():
            first = False
        elif self._first_connect_taken:
            await self._first_connect.wait()
            first = False
        else:
            self._first_connect_taken = True
            first = True
        failures = 0
        while not self._stopping:
            try:
                line = await self._connect()
            except AccountError as e:
                failures += 1
                if first or _hopeless(e) or failures >= CONNECT_ATTEMPTS:
                    self._sign_in_refused = getattr(e, "reason", None) in (
                        "login_rejected",
                        "expired",
                    )
                    self._stop(str(e))
                    return None
                if self._live_connections > 0:
                    return None
                if not await self._interruptible(asyncio.sleep(self._backoff(failures))):
                    return None
            else:
                self._live_connections += 1
                return line
            finally:
                if first:
                    self._first_connect.set()
        return None

    async def _worker(self) -> None:
        line = None
        try:
            while (key := await self._take()) is not None:
                placed = await self._reserve()
                if not placed:
                    if placed is False:
                        self._cap_hit = True
                        self._set_stopped()
                    self._done(key, retry_at=time.time())
                    break
                if line is not None:
                    await line.check()
                    if not line.connected:
                        self._live_connections -= 1
                        line = None
                if line is None:
                    line = await self._open()
                    if line is None:
                        self._release(sent=False)
                        self._done(key, retry_at=time.time())
                        break
                if not await self._interruptible(self._limiter.acquire()):
                    self._release(sent=False)
                    self._done(key, retry_at=time.time())
                    break
                if self._paused:  # paused while waiting for its turn: start nothing new
                    self._release(sent=False)
                    self._done(key, retry_at=time.time())
                    continue
                await self._deliver(line, key)  # releases the cap place and the customer
        finally:
            if line is not None:
                self._live_connections -= 1
                await line.close()

    async def _reserve(self) -> bool | None:
        """A place under the daily cap: True; False when the cap is reached; None when the
        run stopped first. Places held by messages still in flight (or waiting for their
        turn) are not used up yet: one that does not go gives its place back, so wait for
        them rather than stop a few short of the cap."""
        while not self._cap.reserve():
            if not self._cap.in_flight:
                return False
            if self._place_freed is None or self._place_freed.done():
                self._place_freed = asyncio.get_running_loop().create_future()
            assert self._stopped is not None
            await asyncio.wait(
                {self._place_freed, self._stopped}, return_when=asyncio.FIRST_COMPLETED
            )
            if self._stopping:
                return None
        return True

    def _release(self, sent: bool) -> None:
        """Give a daily-cap place back (kept as sent, or freed) and wake whoever waits."""
        self._cap.release(sent=sent)
        if self._place_freed is not None and not self._place_freed.done():
            self._place_freed.set_result(None)

    def _backoff(self, attempt: int) -> float:
        """Exponential back-off with jitter: base, 2x, 4x ... capped; half of it random."""
        delay = min(RETRY_MAX, self.retry_base * 2 ** max(0, attempt - 1))
        return delay / 2 + self._random.uniform(0, delay / 2)

    async def _deliver(self, line: Line, key: str) -> None:
        """One attempt for one customer; records the outcome and hands them back."""
        recipient = self._recipients[key]
        attempt = self._tries[key] = self._tries.get(key, 0) + 1
        try:
            message = self._maker.message_for(recipient)
            envelope(message)
        except ComposerError as e:
            self._fail(recipient, str(e))
            return
        except Exception as e:  # a bug: that customer fails, the run goes on and ends
            self._fail(
                recipient,
                _("The message for row {row} could not be made ({error}); it was not sent.").format(
                    row=recipient.row, error=type(e).__name__
                ),
            )
            return
        message_id = message.get("Message-ID")
        marked = False

        async def before_data() -> None:
            nonlocal marked
            await self._journal.now(journal.mark_sending, key, message_id)
            marked = True
            self._emit(
                Event(
                    SENDING, row=recipient.row, email=recipient.email, customer=key, attempt=attempt
                )
            )

        try:
            reply = await line.deliver(message, before_data)
        except Deferred as e:
            self._retry(recipient, attempt, e.reason, delay=e.delay)
        except Refused as e:
            self._fail(recipient, e.reason)
        except Halted as e:
            if marked:  # refused outright after "sending" was written: it waits, not in doubt
                self._journal.later(
                    journal.mark_deferred, key, e.reason, retry_at=time.time(), at=time.time()
                )
            self._release(sent=False)
            self._done(key, retry_at=time.time())
            if e.sign_in:
                self._sign_in_refused = True
            self._stop(e.reason)
        except ComposerError as e:
            self._fail(recipient, str(e))
        except sqlite3.Error as e:  # "sending" could not be recorded: nothing was handed over
            self._release(sent=False)
            self._done(key, retry_at=time.time())
            self._stop(_unwritable(e))
        except (Lost, asyncio.CancelledError) as e:
            reason = e.reason if isinstance(e, Lost) else _("Sending was interrupted.")
            if line.handed_over:
                self._journal.later(journal.mark_in_doubt, key, reason)
                self._logged()  # it may have gone: the provider counts it
                self._release(sent=True)
                self._emit(
                    Event(
                        IN_DOUBT,
                        row=recipient.row,
                        email=recipient.email,
                        customer=key,
                        rows=(recipient.row,),
                        reason=reason,
                    )
                )
                self._done(key)
            else:
                self._retry(recipient, attempt, reason)
            if isinstance(e, asyncio.CancelledError):
                raise
            self._unanswered(e.how, in_doubt=line.handed_over)
        except BaseException:
            if marked:
                reason = _("Sending stopped by an unexpected error; it may have gone out.")
                self._journal.later(journal.in_doubt_if_sending, key, reason)
            self._done(key)
            raise
        else:
            self._journal.later(journal.mark_sent, key, reply, message_id, at=time.time())
            self._logged()
            self._release(sent=True)
            self._sent += 1
            self._silence = 0
            if self.copies is not None and line.sent_bytes is not None:
                with contextlib.suppress(Exception):  # a copy is never worth the run
                    self.copies(line.sent_bytes)
            self._emit(
                Event(
                    SENT,
                    row=recipient.row,
                    email=recipient.email,
                    customer=key,
                    reason=reply,
                    message_id=message_id,
                )
            )
            self._done(key)

    def _logged(self) -> None:
        """One message handed over: into the mailbox's log, for the other campaigns' caps."""
        if self.send_log is not None:
            self.send_log.add(self._mailbox, self.campaign.campaign_id)

    def _unanswered(self, how: str, *, in_doubt: bool) -> None:
        """A message the server did not answer for (a timeout, a cut connection: ``how``, as
        ``Lost.how`` says it). A server that has gone quiet would otherwise cost a full timeout
        per message and per retry, and after DATA leave every customer in doubt: once each
        connection has met the silence, the run stops and the rest waits for the next one."""
        self._silence += 1
        if self._silence < max(2, self.connections):
            return
        n = self._silence
        if in_doubt:
            sentence = n_(
                "The mail server stopped confirming messages ({what} after the message was "
                "sent, {n} times in a row); those may have gone out and are in doubt, and "
                "nothing more was sent. Try again later.",
                "The mail server stopped confirming messages ({what} after the message was "
                "sent, {n} times in a row); those may have gone out and are in doubt, and "
                "nothing more was sent. Try again later.",
                n,
            )
        else:
            sentence = n_(
                "The mail server stopped answering ({what}, {n} times in a row); nothing more "
                "was sent and nothing is lost: the rest waits for the next run. Try again later.",
                "The mail server stopped answering ({what}, {n} times in a row); nothing more "
                "was sent and nothing is lost: the rest waits for the next run. Try again later.",
                n,
            )
        self._stop(sentence.format(what=_(_SILENCE.get(how, _SILENCE["cut"])), n=number(n)))

    def _fail(self, recipient: Recipient, reason: str) -> None:
        key = recipient.key
        self._journal.later(journal.mark_failed, key, reason, at=time.time())
        self._release(sent=False)
        self._failed += 1
        self._emit(
            Event(FAILED, row=recipient.row, email=recipient.email, customer=key, reason=reason)
        )
        self._done(key)

    def _retry(
        self, recipient: Recipient, attempt: int, reason: str, delay: float | None = None
    ) -> None:
        if attempt >= self.max_attempts:
            self._fail(
                recipient,
                n_(
                    "Gave up after {n} attempt; the last answer: {reason}",
                    "Gave up after {n} attempts; the last answer: {reason}",
                    attempt,
                ).format(n=number(attempt), reason=reason),
            )
            return
        key = recipient.key
        delay = self._backoff(attempt) if delay is None else delay
        retry_at = time.time() + delay
        self._journal.later(journal.mark_deferred, key, reason, retry_at=retry_at, at=time.time())
        self._release(sent=False)
        self._emit(
            Event(
                RETRY,
                row=recipient.row,
                email=recipient.email,
                customer=key,
                attempt=attempt,
                delay=delay,
                reason=reason,
            )
        )
        self._done(key, retry_at=retry_at)

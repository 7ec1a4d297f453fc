"""What goes out now: one answer, per customer, for everything that counts or confirms.

``Campaign.plan()`` reads the customer list, the filter and the delivery journal and says for
every customer what happens next and why: sent, in doubt, failed, will be sent with the next
Send, left out by the filter, no longer in the list. The number the person types to confirm,
the step list, the Send step, the CLI's ``send`` and ``status`` and the delivery report all
use it, and the sender queues exactly ``Plan.sendable_keys()`` (the customers it marks
``SEND``, and the chosen ones in doubt when the person asked to send those again): the typed
number is the number of messages that go.

``work_out`` is the slow part (every customer's fate, the counts); ``of`` turns it into the
plan for the next Send in no time, so a campaign keeps the standing until the list, the
filter or the journal changes.
"""

from __future__ import annotations

import bisect
import heapq
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
from operator import attrgetter
from typing import TYPE_CHECKING

from composer import journal
from composer.journal import Delivery, MailboxEvent, State
from composer.language import N_, _, n_, number
from composer.limiter import DAY
from composer.shards import Shards
from composer.sharing import as_tuple, collector_paused, in_slices, let_go

if TYPE_CHECKING:
    from composer.recipients import Recipient


class Next(StrEnum):
    """What happens next to one customer."""

    SEND = "will_send"  # goes with the next Send (new, queued, or waiting for a retry)
    SENDING = "sending"  # being sent right now, by another window or program
    SENT = "sent"
    IN_DOUBT = "in_doubt"  # may have gone: the person decides, nothing goes again by itself
    FAILED = "failed"  # refused; "Resend failed only" queues them again
    FILTERED = "filtered"  # in the list, but the filter leaves them out
    GONE = "gone"  # no longer in the list (and not sent)


# The fates a campaign still concerns (everything but filtered and gone), of which some are
# settled for now: one definition of "done" and "of how many" for every front end.
CONCERNED = (Next.SENT, Next.FAILED, Next.IN_DOUBT, Next.SENDING, Next.SEND)
SETTLED = (Next.SENT, Next.FAILED, Next.IN_DOUBT)
# The order the person reads counts in.
READING_ORDER = (
    Next.SENT,
    Next.FAILED,
    Next.SEND,
    Next.SENDING,
    Next.IN_DOUBT,
    Next.FILTERED,
    Next.GONE,
)


def tally(counts: Mapping[Next, int]) -> tuple[int, int]:
    """(done, total): customers settled for now, of all the campaign concerns."""
    return sum(counts.get(n, 0) for n in SETTLED), sum(counts.get(n, 0) for n in CONCERNED)


# Why, in a few words, for the report and the app's lists.
REASONS = {
    Next.SEND: N_("goes with the next Send"),
    Next.SENDING: N_("being sent right now"),
    Next.SENT: N_("the mail server accepted it"),
    Next.IN_DOUBT: N_("the connection was lost as it was handed over; it may have gone"),
    Next.FAILED: N_("refused; it can be sent again"),
    Next.FILTERED: N_("left out by the filter"),
    Next.GONE: N_("no longer in the customer list"),
}

_BY_STATE = {
    State.SENT: Next.SENT,
    State.SENDING: Next.SENDING,
    State.IN_DOUBT: Next.IN_DOUBT,
    State.FAILED: Next.FAILED,
}


@dataclass(frozen=True, slots=True)
class Fate:
    """One customer: who, where they are in the list, and what happens next."""

    customer: str  # the normalised address (composer.recipients.customer_key)
    row: int
    email: str
    name: str
    next: Next
    delivery: Delivery | None = None  # their journal line, if a run reached them
    chosen: bool = True  # in the list and kept by the filter: a Send may go to them

    @property
    def reason(self) -> str:
        if (
            self.delivery is not None
            and self.delivery.last_reply
            and self.next
            in (
                Next.FAILED,
                Next.IN_DOUBT,
                Next.SENT,
            )
        ):
            return self.delivery.last_reply
        return _(REASONS[self.next])


@dataclass(frozen=True, slots=True)
class Plan:
    """Every customer's fate, and the counts everyone shows."""

    fates: tuple[Fate, ...]
    to_send: int  # what pressing Send sends now (the number the person types)
    audience: int  # customers the filter keeps
    counts: Counter[Next]  # customers per fate
    came_back: Counter[str] = field(default_factory=Counter)  # customers per mailbox event kind
    to_correct: int = 0  # customers still in the list whose address bounced
    sent_last_day: int = 0  # messages of this campaign counted against the daily cap now
    grouped: Mapping[Next, tuple[Fate, ...]] | None = None  # fates by kind, in list order

    def of(self, *kinds: Next) -> Sequence[Fate]:
        """The fates of these kinds, in spreadsheet order (one kind: the plan's own tuple,
        not a copy of up to a million made in one uninterruptible call)."""
        if self.grouped is not None and len(kinds) == 1:
            return self.grouped.get(kinds[0], ())
        return [f for f in self.fates if f.next in kinds]

    @property
    def sent(self) -> int:
        return self.counts[Next.SENT]

    @property
    def failed(self) -> int:
        return self.counts[Next.FAILED]

    @property
    def in_doubt(self) -> Sequence[Fate]:
        return self.of(Next.IN_DOUBT)

    @property
    def total(self) -> int:
        """Everyone the campaign concerns: sent, decided, or still to go."""
        return tally(self.counts)[1]

    @property
    def done(self) -> int:
        """Of ``total``, those whose fate is settled for now (sent, failed or in doubt)."""
        return tally(self.counts)[0]

    @property
    def needs_you(self) -> bool:
        """Something waits for the person: a failed message, one in doubt, or an address that
        bounced and is still in the list (to correct, or to leave out)."""
        return bool(self.failed or self.in_doubt or self.to_correct)

    def line(self) -> str | None:
        """A few words on where the campaign stands, for a list of steps (None: nothing
        sent yet)."""
        line = standing(self.counts, self.to_send)
        bounced, replied = self.came_back[journal.BOUNCED], self.came_back[journal.REPLIED]
        if line is not None and bounced:
            line += ", " + n_("{n} bounced", "{n} bounced", bounced).format(n=number(bounced))
        if line is not None and replied:
            line += ", " + n_("{n} replied", "{n} replied", replied).format(n=number(replied))
        return line

    def sendable_keys(self, *, resend_in_doubt: bool = False) -> list[str]:
        """The customers a run sends to, in spreadsheet order (``to_send`` of them)."""
        kinds = (Next.SEND, Next.IN_DOUBT) if resend_in_doubt else (Next.SEND,)
        keys = [f.customer for f in self.fates if f.next in kinds and f.chosen]
        return keys[: self.to_send]


def standing(counts: Mapping[Next, int], to_send: int) -> str | None:
    """ "12 sent, 3 need you", "All 45 sent", "16 sent, 29 to go" (None: nothing sent)."""
    sent = counts.get(Next.SENT, 0)
    trouble = counts.get(Next.FAILED, 0) + counts.get(Next.IN_DOUBT, 0)
    if sent and not to_send and not trouble:
        return n_("All {n} sent", "All {n} sent", sent).format(n=number(sent))
    if not (sent or trouble):
        return None
    # the standing in pieces, one count each: "12 sent" and "3 need you" or "29 to go"
    done = n_("{n} sent", "{n} sent", sent).format(n=number(sent))
    if trouble:
        rest = n_("{n} need you", "{n} need you", trouble).format(n=number(trouble))
    else:
        rest = n_("{n} to go", "{n} to go", to_send).format(n=number(to_send))
    return f"{done}, {rest}"


@dataclass(frozen=True, slots=True)
class Standing:
    """Where every customer stands, as the list and the journal say: the slow part of a plan,
    worked out once per version of the list, the filter and the journal (``Campaign.plan``
    keeps it between edits of the apology, which change none of them)."""

    fates: tuple[Fate, ...]
    grouped: Mapping[Next, tuple[Fate, ...]]  # the fates by kind, each in list order
    counts: Counter[Next]
    in_doubt_chosen: int  # in doubt, and the campaign still goes to them
    came_back: Counter[str]
    to_correct: int
    counted: tuple[float, ...]  # when each message counted against the daily cap, in order


def work_out(
    people: Sequence[Recipient],
    chosen: Sequence[Recipient],
    deliveries: Iterable[Delivery],
    events: Iterable[MailboxEvent],
    *,
    run_over: bool = False,
) -> Standing:
    """Per customer, what happens next; nothing is written. ``people``: everyone in the list
    with a usable address; ``chosen``: those the filter keeps; ``run_over``: the run holding
    the campaign has ended, so a message still marked as being sent is one whose end could
    not be recorded (a full disk): in doubt."""
    with collector_paused():  # a million Fates, none cyclic: no collection over them
        return _work_out(people, chosen, deliveries, events, run_over)


def _work_out(
    people: Sequence[Recipient],
    chosen: Sequence[Recipient],
    deliveries: Iterable[Delivery],
    events: Iterable[MailboxEvent],
    run_over: bool,
) -> Standing:
    known = Shards((d.customer, d) for d in deliveries)
    everyone = len(chosen) == len(people)  # the filter keeps (in order) some of the people
    in_audience = Shards.of_keys(() if everyone else (r.key for r in chosen), True)
    fates: list[Fate] = []
    make = _fate
    for person in people:
        key = person.key
        line = known.pop(key, None)
        kept = everyone or key in in_audience
        if kept:
            kind = _BY_STATE.get(line.state, Next.SEND) if line is not None else Next.SEND
            if run_over and kind is Next.SENDING:
                kind = Next.IN_DOUBT
        else:
            kind = _settled(line) or Next.FILTERED
        fates.append(make(key, person.row, person.email, person.name, kind, line, kept))
    rows: list[int] = []
    for part in in_slices(fates):
        rows += map(attrgetter("row"), part)
    if not all(a <= b for a, b in pairwise(rows)):  # bytecode: other threads run
        fates.sort(key=_in_row_order)  # never for a list as read (rows come in order)
    gone = [
        make(
            line.customer, line.row, line.email, line.name, _settled(line) or Next.GONE, line, False
        )
        for line in known.values()  # in the journal, no longer in the list
    ]
    if gone:  # merged in one by one, not a sort of everyone in one uninterruptible call
        fates = list(heapq.merge(fates, sorted(gone, key=_in_row_order), key=_in_row_order))
    grouped: dict[Next, list[Fate]] = {}
    for fate in fates:
        grouped.setdefault(fate.next, []).append(fate)
    happened = {(e.customer, e.kind) for e in events}
    bounced = {customer for customer, kind in happened if kind == journal.BOUNCED}
    standing = Standing(
        as_tuple(fates),
        grouped={kind: as_tuple(some) for kind, some in grouped.items()},
        counts=Counter({kind: len(some) for kind, some in grouped.items()}),
        in_doubt_chosen=sum(1 for f in grouped.get(Next.IN_DOUBT, ()) if f.chosen),
        came_back=Counter(kind for _when, kind in happened),  # each customer once per kind
        to_correct=sum(1 for f in fates if f.chosen and f.customer in bounced),
        counted=tuple(sorted(t for f in fates if (t := _counted_at(f.delivery)) is not None)),
    )
    let_go(rows, fates, *grouped.values())
    return standing


def _in_row_order(fate: Fate) -> tuple[int, str]:
    return fate.row, fate.customer


def of(
    standing: Standing,
    audience: int,
    *,
    limit: int | None = None,
    resend_in_doubt: bool = False,
    now: float | None = None,
) -> Plan:
    """The plan for the next Send from where everyone stands: ``limit``: at most that many
    this run; ``resend_in_doubt``: messages in doubt go again too (the person chose so)."""
    going = standing.counts[Next.SEND]
    if resend_in_doubt:  # only those the campaign still goes to
        going += standing.in_doubt_chosen
    if limit is not None:
        going = min(going, limit)
    day_ago = (time.time() if now is None else now) - DAY
    return Plan(
        standing.fates,
        to_send=going,
        audience=audience,
        counts=standing.counts,
        came_back=standing.came_back,
        to_correct=standing.to_correct,
        sent_last_day=len(standing.counted) - bisect.bisect_left(standing.counted, day_ago),
        grouped=standing.grouped,
    )


_SET_CUSTOMER, _SET_ROW, _SET_EMAIL, _SET_NAME, _SET_NEXT, _SET_DELIVERY, _SET_CHOSEN = (
    Fate.__dict__[name].__set__ for name in Fate.__slots__
)


def _fate(
    customer: str,
    row: int,
    email: str,
    name: str,
    kind: Next,
    line: Delivery | None,
    chosen: bool,
) -> Fate:
    """Fate(...) without the frozen dataclass's seven object.__setattr__ calls (the same
    object, immutable afterwards): a million of them are made for a million customers."""
    fate = object.__new__(Fate)
    _SET_CUSTOMER(fate, customer)
    _SET_ROW(fate, row)
    _SET_EMAIL(fate, email)
    _SET_NAME(fate, name)
    _SET_NEXT(fate, kind)
    _SET_DELIVERY(fate, line)
    _SET_CHOSEN(fate, chosen)
    return fate


def _counted_at(line: Delivery | None) -> float | None:
    """When the message began to count against the daily cap (as ``journal.sent_times``);
    None: it does not count."""
    if line is None:
        return None
    if line.state == journal.SENT:
        return line.sent_at or 0.0
    return line.updated_at if line.state == journal.IN_DOUBT else None


def _settled(line: Delivery | None) -> Next | None:
    """A journal line whose fate stands whether or not the customer is still chosen."""
    if line is None:
        return None
    return _BY_STATE.get(line.state)

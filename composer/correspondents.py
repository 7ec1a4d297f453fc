"""Everyone who wrote in: a folder of messages becomes a customer list, one row per person.

The owner chooses a mailbox folder (or an exported ``.mbox`` file, or a folder of ``.eml``
files) and narrows it by date, subject words or sender. Each distinct person becomes one row:
their name, first name, address (their one Reply-To, else their From), the subject they wrote
under, when, and the first lines they wrote; several messages from one person become one row,
answering their latest. The owner's own messages and automatic ones (out-of-office replies,
delivery reports, no-reply senders, bulk mail) are left out and counted.

Two more columns carry the thread: ``their_message_id`` and ``their_references``. A campaign
whose rows have them sends each apology as a reply in that person's thread (``In-Reply-To``
and ``References``, see ``composer.message``); the subject is the template's, which starts as
``Re: {{ their_subject }}``. Everything else is as for a spreadsheet: the same check, preview,
test, typed count and journal.

From a mailbox, the headers are read first and only each person's latest message is read
whole; both readings are bounded and say so when they stop early.
"""

from __future__ import annotations

import datetime as dt
import mailbox as mail_files
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from composer.errors import SpreadsheetError
from composer.language import _, n_, number
from composer.mailbox import Letter, read_letter
from composer.recipients import customer_key
from composer.table import Cell, Column, Table
from composer.wording import count, day_words

if TYPE_CHECKING:
    from composer.imap import Mailbox

THREAD_ID = "their_message_id"
THREAD_REFERENCES = "their_references"
COLUMNS = (
    Column("Name", "name"),
    Column("First name", "first_name"),
    Column("Email", "email"),
    Column("Their subject", "their_subject"),
    Column("Received", "received"),
    Column("Their message", "their_message"),
    Column("Their Message-ID", THREAD_ID),
    Column("Their References", THREAD_REFERENCES),
)
MAX_MESSAGES = 100_000  # messages looked at in one reading
LARGEST = 25 * 2**20  # a bigger message (a large attachment) is read from its headers only
_EARLIEST = dt.date(1900, 1, 1)  # "since the beginning", for an IMAP SEARCH SINCE
_BATCH = 200  # whole messages fetched per IMAP request


class MailFilesError(SpreadsheetError):
    """The exported mail cannot be read; one sentence for the person."""


@dataclass(frozen=True)
class Narrowing:
    """Which messages count: received between two days (both included), a subject holding
    some words, a sender's address or name holding some text. Empty means any."""

    since: dt.date | None = None
    until: dt.date | None = None
    subject_contains: str = ""
    sender_contains: str = ""

    def admits(self, letter: Letter) -> bool:
        day = letter.received.astimezone().date() if letter.received else None
        if self.since and (day is None or day < self.since):
            return False
        if self.until and (day is None or day > self.until):
            return False
        if self.subject_contains and not _holds(letter.subject, self.subject_contains):
            return False
        wanted = self.sender_contains
        return not wanted or _holds(f"{letter.name} {letter.sender}", wanted)

    def sentence(self) -> str:
        """The narrowing in words ("" when there is none)."""
        parts = []
        since = day_words(self.since, "yMMMdd") if self.since else ""  # "03 Dec 2026"
        until = day_words(self.until, "yMMMdd") if self.until else ""
        if self.since and self.until:
            parts.append(_("received {since} to {until}").format(since=since, until=until))
        elif self.since:
            parts.append(_("received since {since}").format(since=since))
        elif self.until:
            parts.append(_("received until {until}").format(until=until))
        if self.subject_contains:
            parts.append(_('the subject holds "{words}"').format(words=self.subject_contains))
        if self.sender_contains:
            parts.append(_('the sender holds "{words}"').format(words=self.sender_contains))
        return ", ".join(parts)


def _unreadable(path: object, e: OSError) -> MailFilesError:
    return MailFilesError(
        _('"{path}" cannot be read ({error}).').format(path=path, error=e.strerror or e)
    )


def _holds(text: str, words: str) -> bool:
    """Every word of ``words`` is in ``text``, ignoring case."""
    text = text.casefold()
    return all(word in text for word in words.casefold().split())


@dataclass
class Correspondents:
    """The people found, as a customer list, and what was left out."""

    table: Table
    looked_at: int = 0  # messages read (headers at least)
    own: int = 0  # left out: sent by the owner
    automatic: int = 0  # left out: automatic replies, reports, bulk or no-reply mail
    outside: int = 0  # left out by the narrowing
    unreadable: int = 0  # no sender could be read
    folded: int = 0  # earlier messages of someone who wrote more than once
    cut_short: str | None = None  # the budget that stopped the reading early

    @property
    def people(self) -> int:
        return len(self.table.rows)

    def sentence(self) -> str:
        """One line for the person: who was found, and what was left out."""
        line = n_(
            "{n} person wrote in ({messages} read)",
            "{n} people wrote in ({messages} read)",
            self.people,
        ).format(
            n=number(self.people),
            messages=count(self.looked_at, "{n} message", "{n} messages"),
        )
        out = []
        if self.folded:
            out.append(
                count(
                    self.folded,
                    "{n} earlier message of people who wrote again",
                    "{n} earlier messages of people who wrote again",
                )
            )
        if self.own:
            out.append(
                count(self.own, "{n} message you sent yourself", "{n} messages you sent yourself")
            )
        if self.automatic:
            out.append(count(self.automatic, "{n} automatic message", "{n} automatic messages"))
        if self.outside:
            out.append(
                count(
                    self.outside,
                    "{n} message outside the dates, subject or sender",
                    "{n} messages outside the dates, subject or sender",
                )
            )
        if self.unreadable:
            out.append(
                count(
                    self.unreadable,
                    "{n} message without a readable sender",
                    "{n} messages without a readable sender",
                )
            )
        if out:
            line = _("{found}; left out: {left_out}").format(found=line, left_out=", ".join(out))
        line += "."
        if self.cut_short:
            line += " " + self.cut_short
        return line


class _Gathering:
    """Keeps each person's latest letter while messages go by, and counts the others."""

    def __init__(self, own: Collection[str], narrowing: Narrowing) -> None:
        self.own = {a.strip().lower() for a in own if a.strip()}
        self.narrowing = narrowing
        self.latest: dict[str, tuple[int, Letter]] = {}  # customer -> (message's number, letter)
        self.result = Correspondents(table=Table(list(COLUMNS), [], []))

    def offer(self, key: int, letter: Letter | None) -> None:
        result = self.result
        result.looked_at += 1
        if letter is None:
            result.unreadable += 1
        elif letter.sender in self.own or letter.reply_to in self.own:
            result.own += 1
        elif letter.automatic:
            result.automatic += 1
        elif not self.narrowing.admits(letter):
            result.outside += 1
        else:
            person = customer_key(letter.reply_to)
            earlier = self.latest.get(person)
            if earlier is None:
                self.latest[person] = (key, letter)
                return
            result.folded += 1
            if _when(letter) >= _when(earlier[1]):
                self.latest[person] = (key, letter)

    def finish(self, letters: Iterable[Letter], source: Path | None = None) -> Correspondents:
        """The list: one row per person, oldest first (row numbers as in a sheet with a
        header row)."""
        people = sorted(letters, key=_when)
        rows = [_row(letter) for letter in people]
        result = self.result
        result.table = Table(list(COLUMNS), rows, list(range(2, 2 + len(rows))), source=source)
        result.table.notes = (result.sentence(),)
        return result


def _when(letter: Letter) -> dt.datetime:
    return letter.received or dt.datetime.min.replace(tzinfo=dt.UTC)


_NAME_COMMA = re.compile(r"^\s*([^,]+),\s*(\S+)")  # "Doe, Jane" -> Jane


def _first_name(name: str) -> str:
    """The first name in a display name: "Jane Doe" and "Doe, Jane" give "Jane"; a name that
    is an address, or has no letters, gives ""."""
    if "@" in name:
        return ""
    reversed_name = _NAME_COMMA.match(name)
    first = reversed_name[2] if reversed_name else (name.split() or [""])[0]
    first = first.strip("\"'()")
    return first if any(c.isalpha() for c in first) else ""


def _row(letter: Letter) -> tuple[Cell, ...]:
    name = "" if "@" in letter.name else letter.name
    received: str | dt.datetime = (
        letter.received.astimezone().replace(tzinfo=None, microsecond=0) if letter.received else ""
    )
    return (
        name,
        _first_name(name),
        letter.reply_to,
        letter.subject,
        received,
        letter.first_lines,
        letter.message_id,
        " ".join(letter.references),
    )


# -- exported mail -------------------------------------------------------------------------


def from_files(
    path: str | Path, own: Collection[str], narrowing: Narrowing = Narrowing()
) -> Correspondents:
    """Everyone who wrote in, from an ``.mbox`` file or a folder of ``.eml`` (and ``.mbox``)
    files."""
    path = Path(path)
    gathering = _Gathering(own, narrowing)
    for key, raw in enumerate(_messages_in(path)):
        if gathering.result.looked_at >= MAX_MESSAGES:
            gathering.result.cut_short = n_(
                "Only the first {n} messages were read; narrow the dates to read the rest.",
                "Only the first {n} messages were read; narrow the dates to read the rest.",
                MAX_MESSAGES,
            ).format(n=number(MAX_MESSAGES))
            break
        gathering.offer(key, read_letter(raw if len(raw) <= LARGEST else _headers_of(raw)))
    return gathering.finish((letter for _key, letter in gathering.latest.values()), source=path)


def _headers_of(raw: bytes) -> bytes:
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    return raw if end < 0 else raw[: end + 2]


def _messages_in(path: Path) -> Iterator[bytes]:
    """Each message's bytes in an mbox file, or in the .eml and .mbox files of a folder."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".eml", ".mbox", ".mbx"))
        if not files:
            raise MailFilesError(
                _(
                    'The folder "{path}" holds no .eml or .mbox files; choose the folder your '
                    "mail program exported the messages to."
                ).format(path=path)
            )
        for file in files:
            if file.suffix.lower() == ".eml":
                yield _read(file)
            else:
                yield from _mbox(file)
        return
    if not path.exists():
        raise MailFilesError(
            _('"{path}" does not exist; check the name and the folder.').format(path=path)
        )
    if path.suffix.lower() == ".eml":
        yield _read(path)
        return
    yield from _mbox(path)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise _unreadable(path, e) from e


def _mbox(path: Path) -> Iterator[bytes]:
    head = _read_head(path)
    if head and not head.startswith(b"From "):
        raise MailFilesError(
            _(
                '"{file}" is not an mbox file (it should start with a "From " line); '
                "export the folder again as .mbox, or as .eml files."
            ).format(file=path.name)
        )
    try:
        box = mail_files.mbox(path, create=False)
    except OSError as e:
        raise _unreadable(path, e) from e
    try:
        for key in box.iterkeys():
            yield box.get_bytes(key)
    except OSError as e:
        raise _unreadable(path, e) from e
    finally:
        box.close()


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(5)
    except OSError as e:
        raise _unreadable(path, e) from e


# -- a mailbox folder over IMAP ------------------------------------------------------------


def from_mailbox(
    box: Mailbox,
    folder: str,
    own: Collection[str],
    narrowing: Narrowing = Narrowing(),
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Correspondents:
    """Everyone who wrote in, from one folder of the mailbox: headers first, then each
    person's latest message whole. Nothing is marked read or changed. The mailbox's own
    sign-in name counts as one of the owner's addresses."""
    gathering = _Gathering({*own, box.settings.username}, narrowing)
    start = narrowing.since - dt.timedelta(days=1) if narrowing.since else _EARLIEST
    uids = box.since(folder, start)  # a day early: SINCE goes by the server's own dates
    if len(uids) > MAX_MESSAGES:
        uids = uids[-MAX_MESSAGES:]
        gathering.result.cut_short = n_(
            "Only the latest {n} messages were read; narrow the dates to read the earlier ones.",
            "Only the latest {n} messages were read; narrow the dates to read the earlier ones.",
            MAX_MESSAGES,
        ).format(n=number(MAX_MESSAGES))
    heads = box.headers(folder, uids)
    for uid, (head, _size) in heads.items():
        gathering.offer(uid, read_letter(head))
    chosen = sorted(uid for uid, _letter in gathering.latest.values())
    letters: list[Letter] = []
    for done in range(0, len(chosen), _BATCH):
        batch = chosen[done : done + _BATCH]
        small = [uid for uid in batch if heads[uid][1] <= LARGEST]
        whole = box.bodies(folder, small)
        for uid in batch:
            letter = read_letter(whole.get(uid) or heads[uid][0])
            if letter is not None and letter.automatic:  # only its body told (a report)
                gathering.result.automatic += 1
            elif letter is not None:
                letters.append(letter)
        if progress is not None:
            progress(min(done + _BATCH, len(chosen)), len(chosen))
    return gathering.finish(letters)


__all__ = [
    "COLUMNS",
    "THREAD_ID",
    "THREAD_REFERENCES",
    "Correspondents",
    "MailFilesError",
    "Narrowing",
    "from_files",
    "from_mailbox",
]

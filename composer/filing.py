"""Filing copies in Sent: each apology sent over SMTP, put in the owner's Sent folder.

Gmail and Microsoft 365 file what is submitted over SMTP in Sent by themselves; most other
providers do not (the presets say which, ``stores_sent_copy``), and there the owner would find
no trace of the apologies in their own mail program. ``SentCopies`` APPENDs the exact bytes
each server took to the folder with the SPECIAL-USE role ``\\Sent``, flagged ``\\Seen``.

It never slows or breaks sending: the sender only hands each copy to a bounded queue
(``add``), a background thread with its own IMAP connection (opened on the first copy) does the
rest, and a mailbox that cannot be reached costs copies, never messages. ``close()`` waits a
bounded time for the queue to drain and says in one sentence what was filed, and why not.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from composer import imap
from composer.errors import AccountError
from composer.language import _, n_, number

if TYPE_CHECKING:
    import ssl

    from composer.accounts import Account, Secret

QUEUE_SIZE = 500  # copies waiting at most; more would only hold memory for a stuck mailbox
CLOSE_WAIT = 60.0  # seconds close() waits for the copies still queued


def wanted(account: Account) -> bool:
    """Whether the apologies sent through ``account`` need a copy filed in Sent: sent over
    SMTP (the mail APIs file their own), not into the practice outbox, and to a provider that
    does not file one itself. For a server without a preset only when the account names its
    mailbox (``imap_host``): where that is, and whether it files copies, is unknown."""
    from composer.accounts import presets
    from composer.outbox import is_practice

    if account.transport != "smtp" or is_practice(account):
        return False
    preset = presets().get(account.provider)
    if preset is None or preset.imap_host is None:
        return bool(account.imap_host)
    return not preset.stores_sent_copy


def for_account(account: Account, secret: Secret) -> SentCopies:
    """The filer for ``account``'s mailbox, signed in with the secret it sends with."""
    return SentCopies(imap.settings_for(account), secret)


@dataclass(frozen=True)
class Filing:
    """What became of the copies of one run."""

    filed: int
    not_filed: int
    folder: str  # as the mailbox names it ("Sent", "Sent Items" …)
    reason: str | None = None  # why some were not filed: the first problem, in plain words

    def sentence(self) -> str:
        """One sentence for the person ("" when there was nothing to file)."""
        if not self.not_filed:
            if not self.filed:
                return ""
            return n_(
                "{n} copy filed in {folder}.", "{n} copies filed in {folder}.", self.filed
            ).format(n=number(self.filed), folder=self.folder)
        why = (self.reason or _("the mailbox did not take them")).strip().rstrip(".")
        if why[1:2].islower():  # "The mailbox server …" reads on after a colon
            why = why[0].lower() + why[1:]
        if self.filed:
            head = n_(
                "{n} copy filed in {folder}; {missing} could not be",
                "{n} copies filed in {folder}; {missing} could not be",
                self.filed,
            ).format(n=number(self.filed), folder=self.folder, missing=number(self.not_filed))
        else:
            head = n_(
                "{n} copy could not be filed in {folder}",
                "{n} copies could not be filed in {folder}",
                self.not_filed,
            ).format(n=number(self.not_filed), folder=self.folder)
        return _("{head}: {why}; the messages themselves were sent.").format(head=head, why=why)


class SentCopies:
    """Files copies in Sent on a thread of its own. ``add`` from any thread; ``close`` once."""

    def __init__(
        self,
        settings: imap.ImapSettings,
        secret: Secret,
        *,
        timeout: float = imap.TIMEOUT,
        tls_context: ssl.SSLContext | None = None,
        queue_size: int = QUEUE_SIZE,
    ) -> None:
        self.settings = settings
        self._secret = secret
        self._timeout = timeout
        self._tls = tls_context
        self._room = queue_size
        # unbounded as a queue, bounded by add(): close()'s end mark always finds a place
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._stopped = False  # the mailbox cannot be used: copies are only counted now
        self._added = 0
        self._filed = 0
        self._folder = "Sent"
        # why copies were not filed: the mailbox's own failure, which is the one told, else
        # the mailbox being slower than the sending
        self._problem: str | None = None
        self._behind: str | None = None

    def add(self, raw: bytes) -> None:
        """Queue one copy (the exact bytes sent). Never waits, never raises."""
        with self._lock:
            if self._closed:
                return
            self._added += 1
            if self._stopped:
                return
            if self._queue.qsize() >= self._room:
                self._behind = _("the mailbox server could not keep up with the sending")
                return
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name="apology-sent-copies", daemon=True
                )
                self._thread.start()
            self._queue.put(raw)

    def close(self, wait: float = CLOSE_WAIT) -> Filing:
        """Take no more copies, wait up to ``wait`` seconds for the queued ones to be filed,
        and say what became of them all."""
        with self._lock:
            self._closed = True
            thread = self._thread
            if thread is not None:
                self._queue.put(None)
        if thread is not None:
            thread.join(wait)
        with self._lock:
            if thread is not None and thread.is_alive():  # it ends after the copy in hand
                self._stopped = True
                self._behind = _(
                    "the mailbox server did not take them within {seconds} seconds"
                ).format(seconds=f"{wait:g}")
            return Filing(
                filed=self._filed,
                not_filed=self._added - self._filed,
                folder=self._folder,
                reason=self._problem or self._behind,
            )

    # -- the thread -----------------------------------------------------------------------------

    def _give_up(self, problem: str) -> None:
        """The mailbox cannot be used: file nothing more this run, and say why once."""
        with self._lock:
            self._stopped = True
            self._problem = problem

    def _work(self) -> None:
        box: imap.Mailbox | None = None
        try:
            while (raw := self._queue.get()) is not None:
                if not self._stopped:
                    box = self._file(box, raw)
        finally:
            if box is not None:
                box.close()

    def _file(self, box: imap.Mailbox | None, raw: bytes) -> imap.Mailbox | None:
        """APPEND one copy; returns the connection for the next. A connection that worked
        and then failed (the server ended an idle session) is opened again once; one that
        fails fresh means the mailbox cannot be used this run."""
        while True:
            fresh = box is None
            try:
                if box is None:
                    box = self._open()
                box.append(self._folder, raw, seen=True)
            except Exception as error:
                if box is not None:
                    box.close()
                box = None
                if isinstance(error, AccountError) and not fresh:
                    continue  # ImapProblem, or a sign-in that cannot be had
                self._give_up(
                    str(error)
                    if isinstance(error, AccountError)
                    else _("an unexpected error ({error})").format(error=type(error).__name__)
                )
                return None
            with self._lock:
                self._filed += 1
            return box

    def _open(self) -> imap.Mailbox:
        """A signed-in connection, its Sent folder found."""
        box = imap.Mailbox(
            self.settings, self._secret, timeout=self._timeout, tls_context=self._tls
        )
        box.open()
        try:
            folder = box.folder_with_role("\\Sent")
            if folder is None:
                raise imap.ImapProblem(
                    _("the mailbox {mailbox} has no folder marked as Sent").format(
                        mailbox=self.settings.username
                    )
                )
        except BaseException:
            box.close()
            raise
        self._folder = folder
        return box

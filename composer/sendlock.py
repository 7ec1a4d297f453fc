"""The per-file lock that keeps a second window or program from sending the same campaign.

Held through an open file, so the operating system drops it when the process ends for any
reason (even SIGKILL): a crash never leaves a campaign locked.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import IO

from composer.errors import CampaignError
from composer.language import N_, _

BUSY = N_("This campaign is being sent from another window or program; wait for it to finish.")


class CampaignBusy(CampaignError):
    """Another window or program holds the campaign's send lock."""

    def __init__(self) -> None:
        super().__init__(_(BUSY))


class SendLock:
    """An exclusive lock on ``NAME.apology.lock``, held through an open file so the operating
    system drops it when the process ends for any reason (even SIGKILL)."""

    def __init__(self, path: Path, handle: IO[bytes]):
        self.path = path
        self.handle = handle

    @classmethod
    def acquire(cls, campaign_path: Path) -> SendLock:
        campaign_path = Path(os.path.realpath(campaign_path))  # one lock for every name
        lock_path = campaign_path.with_name(campaign_path.name + ".lock")
        for _attempt in range(10):
            try:
                handle = open(lock_path, "a+b")  # noqa: SIM115 - held for the lock's life
            except OSError as error:
                raise CampaignError(
                    _(
                        'The lock file "{file}" cannot be created ({error}); check that you may '
                        "write to the campaign's folder."
                    ).format(file=lock_path.name, error=error.strerror)
                ) from error
            try:
                _lock_file(handle)
            except OSError:
                handle.close()
                raise CampaignBusy() from None
            # The file may have been removed by a holder releasing it between our open and
            # lock; then we hold a lock nobody else can see, so try again on the new file.
            try:
                same = os.path.samestat(os.fstat(handle.fileno()), os.stat(lock_path))
            except OSError:
                same = False
            if same:
                handle.seek(0)
                handle.truncate()
                handle.write(f"{os.getpid()}\n".encode())
                handle.flush()
                return cls(lock_path, handle)
            handle.close()
        raise CampaignBusy()

    @classmethod
    def try_acquire(cls, campaign_path: Path) -> SendLock | None:
        """The lock, or None while somebody else holds it."""
        try:
            return cls.acquire(campaign_path)
        except CampaignBusy:
            return None

    def release(self) -> None:
        with suppress(OSError):
            self.path.unlink()  # while still holding it, so nobody locks a file we remove
        with suppress(OSError):
            _unlock_file(self.handle)
        self.handle.close()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_file(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_file(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def interrupted(campaign_path: Path) -> bool:
    """Whether a send of this campaign was cut off (the program was killed, the computer
    stopped): its lock file is still there, but nobody holds the lock. Looks only; the file
    goes when the campaign is next opened."""
    campaign_path = Path(os.path.realpath(campaign_path))
    lock_path = campaign_path.with_name(campaign_path.name + ".lock")
    if not lock_path.is_file():
        return False
    try:
        handle = open(lock_path, "a+b")  # noqa: SIM115 - closed below
    except OSError:
        return False
    try:
        _lock_file(handle)
    except OSError:
        return False  # being sent right now
    else:
        _unlock_file(handle)
        return True
    finally:
        handle.close()

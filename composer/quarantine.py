"""Untrusted work in quarantine: a child process with a memory and a processor-time cap.

A workbook from a stranger can be built to make its reader ask for 400 GB (one cell at the
far corner of the sheet), copy one 9 MB text into 2,000 cells, or follow a sector chain that
loops for ever. The reader is native code: asking it nicely is not enough, and a failed
allocation there ends the whole process at once. So such work runs where a runaway costs
only itself: a forked child whose address space may grow by ``MEMORY`` and which may use
``CPU_SECONDS`` of processor time. When the child dies of it, the caller gets ``Overrun``
(with the sentence it asked for) instead of losing the app.

Two ways in:

- ``parts(task, *args)``: the app's way. ``task`` runs in a child and yields picklable pieces
  (a table's header, then its rows a few thousand at a time, so the parent never holds the
  interpreter for long while it unpacks them); exceptions it raises come back as they were.
- ``supervised(run)``: the CLI's read-only commands. The whole command runs in the capped
  child, its output straight to the terminal and nothing to copy back, so a ``check`` costs
  no more than a fork; ``noting`` says what to tell the person should the child die.

Where fork is missing (Windows), the work runs in this process; on macOS, which does not keep
an address-space limit, a child is still apart from the app (its crash stays its own) and the
processor-time cap holds.

A forked child of a process with threads (the app) must not take a lock another thread may
have held at the fork: so it loads no library and imports nothing new (callers import what
the work needs before calling ``parts``), and a child that hangs anyway is killed after
``WALL_SECONDS``.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import resource
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from composer.language import _, n_, number

MEMORY = 2 * 1024**3  # bytes of address space the work may add to what the process had
CPU_SECONDS = 120  # processor time the work may use
WALL_SECONDS = 2 * CPU_SECONDS  # and time on the clock (a child stuck waiting uses no CPU)

_inside = False  # this process is a capped child
_notes: BinaryIO | None = None  # supervised: where the child says what it is doing


class Overrun(Exception):
    """The quarantined work died: out of memory, out of time, or crashed in native code.
    ``str()`` is the sentence for the person."""


def available() -> bool:
    return hasattr(os, "fork") and sys.platform in ("linux", "darwin")


def inside() -> bool:
    """True in a capped child: work here needs no further quarantine."""
    return _inside or not available()


def _cap() -> None:
    global _inside
    _inside = True
    if sys.platform == "linux":  # elsewhere the address-space limit is not kept, or is vast
        with contextlib.suppress(OSError, ValueError):
            limit = _address_space() + MEMORY
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    with contextlib.suppress(OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))
    _die_with_parent()


def _address_space() -> int:
    """This process's virtual size in bytes (a forked child starts with its parent's)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _die_with_parent() -> None:
    """SIGKILL this child when its parent dies, so killing the app (or the CLI) kills it."""
    if _prctl is not None:
        _prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def _find_prctl() -> Callable[[int, int], int] | None:
    """prctl, looked up here in the parent: a child must not load libraries (a thread of the
    parent may have held the loader's lock at the moment of the fork, and would never let go
    of it in the child)."""
    if sys.platform != "linux":
        return None
    try:
        import ctypes

        function: Callable[[int, int], int] = ctypes.CDLL(None, use_errno=True).prctl
        return function
    except (OSError, AttributeError):
        return None


_prctl = _find_prctl()


_OUT_OF_MEMORY = 3  # the child's exit code when Python itself ran out of memory


def _verdict(status: int, doing: str) -> Overrun:
    """The sentence for a child that died: of the time cap, of the memory cap (a native
    allocation that fails aborts), or of some other crash in native code."""
    died_of = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    if died_of in (signal.SIGXCPU, signal.SIGKILL):
        why = n_(
            "reading it took more than {n} seconds of work",
            "reading it took more than {n} seconds of work",
            CPU_SECONDS,
        ).format(n=number(CPU_SECONDS))
    elif died_of == signal.SIGABRT or os.WIFEXITED(status) and status >> 8 == _OUT_OF_MEMORY:
        why = _("reading it needed more than {gb} GB of memory").format(
            gb=number(MEMORY // 1024**3)
        )
    else:
        why = _("the reader crashed on it (signal {signal})").format(signal=died_of)
    return Overrun(doing.format(why=why))


# ---------------------------------------------------------------- parts


def parts(task: Callable[..., Iterable[Any]], *args: Any, doing: str) -> Iterator[Any]:
    """The pieces ``task(*args)`` yields, computed in a capped child. ``doing`` is the
    sentence for an overrun, with ``{why}`` where the cause goes."""
    if inside():
        yield from task(*args)
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(task, args, write_end)
    os.close(write_end)
    # A child stuck waiting (not working) is not stopped by the CPU cap: the clock stops it.
    watchdog = threading.Timer(WALL_SECONDS, _kill, (pid,))
    watchdog.daemon = True
    watchdog.start()
    failure: BaseException | None = None
    try:
        with os.fdopen(read_end, "rb") as pipe:
            while True:
                try:
                    kind, piece = pickle.load(pipe)
                except EOFError:  # the child died without saying it was done
                    break
                if kind == "done":
                    break
                if kind == "error":
                    failure = piece
                    break
                yield piece
    finally:
        _pid, status = os.waitpid(pid, 0)
        watchdog.cancel()
    if failure is not None:
        raise failure
    if status != 0:
        raise _verdict(status, doing)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _child(task: Callable[..., Iterable[Any]], args: tuple[Any, ...], write_end: int) -> None:
    code = 0
    try:
        _cap()
        _quiet()
        with os.fdopen(write_end, "wb") as pipe:
            try:
                for piece in task(*args):
                    pickle.dump(("piece", piece), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            except MemoryError:
                code = _OUT_OF_MEMORY
            except Exception as error:  # the task's own sentence goes back to the caller
                try:
                    pickle.dump(("error", error), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # an exception that cannot travel: its words can
                    pickle.dump(("error", RuntimeError(str(error))), pipe)
            else:
                pickle.dump(("done", None), pipe, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        code = _OUT_OF_MEMORY
    os._exit(code)


# ---------------------------------------------------------------- supervised


def supervised(run: Callable[[], int]) -> int:
    """``run()`` in a capped child, whose exit code is returned; if the child dies of the
    caps (or of a crash in native code), the sentence it last noted goes to stderr."""
    if inside():
        return run()
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        global _notes
        _notes = os.fdopen(write_end, "wb", buffering=0)
        code = 1
        try:
            _cap()
            code = run()
        except SystemExit as stop:  # argparse's usage error, sys.exit() deep inside
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
            code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    # Ctrl+C reaches both processes (one terminal, one process group): the child handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for forwarded in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(forwarded, lambda number, _frame: os.kill(pid, number))
    with os.fdopen(read_end, "rb") as pipe:
        said = pipe.read()  # until the child exits (or closes its end)
    _pid, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    notes = [n for n in said.decode("utf-8", "replace").split("\0") if n]
    doing = notes[-1] if notes and notes[-1] != _DONE else ""
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGINT, signal.SIGTERM):
        return 128 + os.WTERMSIG(status)
    if doing:
        print(f"apology-composer: {_verdict(status, doing)}", file=sys.stderr)
    else:
        stopped = _(
            "stopped unexpectedly (signal {signal}); nothing was sent by this command, so it is "
            "safe to run it again."
        ).format(signal=os.WTERMSIG(status))
        print(f"apology-composer: {stopped}", file=sys.stderr)
    return 1


_DONE = "\x01done"


@contextlib.contextmanager
def noting(doing: str) -> Iterator[None]:
    """In a supervised child: the sentence to print (``{why}`` filled in) should the child
    die meanwhile, and quiet meanwhile (a native crash writes its own pages of detail).
    Elsewhere nothing is noted: ``parts`` callers give their own."""
    if _notes is None:
        yield
        return
    _notes.write(doing.encode("utf-8") + b"\0")
    saved, reporting = os.dup(2), faulthandler.is_enabled()
    _quiet()
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        if reporting:
            faulthandler.enable()
        _notes.write(_DONE.encode() + b"\0")


def _quiet() -> None:
    """Native code's own crash report (a Rust backtrace) is not for the person: stderr goes
    nowhere while the quarantined work runs."""
    faulthandler.disable()
    sys.stderr.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)

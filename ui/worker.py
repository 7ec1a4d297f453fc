"""Run engine work off the GUI thread and bring the outcome back as Qt signals.

Why: loading a 100,000-row workbook, checking every address or sending a thousand messages
must never freeze the window. One ``Worker`` (a ``QThread``) owns an asyncio event loop for
the whole life of the app; the GUI thread only submits work and reacts to signals.

API (stable; the Preview and Send steps rely on it)::

    worker = Worker()                       # starts the thread; stop() on quit (app.py does)
    job = worker.submit(fn, *args, key="load", **kwargs)
    job.succeeded.connect(on_result)        # Signal(object): fn's return value
    job.failed.connect(on_error)            # Signal(str): one plain sentence
    job.progress.connect(on_progress)       # Signal(object): whatever fn reported
    job.cancelled.connect(on_cancel)        # Signal()
    job.finished.connect(on_any_end)        # Signal(): after any end, also a stale one
    job.cancel()                            # loop.call_soon_threadsafe(task.cancel)
    job.discard()                           # cancel, and drop whatever outcome comes
    worker.discard("load")                  # the same, to the running job of that key

    # or, fluently:
    worker.submit(check.run, ...).then(on_result, on_error)

* ``fn`` may be a plain (blocking) function, run in the loop's executor thread, or a
  coroutine function / coroutine object, run as a task on the loop (the sender).
* ``pass_progress=True`` calls ``fn(*args, progress=report, **kwargs)``; ``report(payload)``
  is safe to call from any thread (and from the loop) and arrives as ``job.progress``.
* ``key``: a newer job with the same key makes the older one stale: it is cancelled and its
  result or error is dropped (never emitted), so a slow old load cannot overwrite a new one.
  ``job.discard()`` does the same to one job: even an outcome already on its way to the GUI
  thread is dropped. A stale job still emits ``finished`` when it ends, so whoever counts
  running jobs is never left waiting for it.
* ``pass_stop=True`` calls ``fn(*args, stop=asked, **kwargs)``: ``asked()`` turns True once
  the job is cancelled or discarded, so a long plain function can stop early by raising
  ``composer.errors.Stopped`` (which ends the job as cancelled, never as a failure). Such a
  job is not cut off: it is done when its work has really ended.
* ``worker.call_soon(fn, *args)`` runs a small callable on the loop thread (e.g. to pause a
  sender); ``worker.loop`` is the loop itself, for ``asyncio.run_coroutine_threadsafe``.
* Every signal is delivered in the GUI thread (queued), so slots may touch widgets.
* ``job.error`` keeps the exception of a failed job; ``job.result`` the value of a finished one.

A ``composer.errors.ComposerError`` becomes its own sentence; anything else becomes a short
generic sentence (and is printed to stderr, since it is a bug, not the person's fault).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import inspect
import itertools
import queue
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

_SUCCEEDED, _FAILED, _PROGRESS, _CANCELLED = "succeeded", "failed", "progress", "cancelled"


def error_sentence(error: BaseException) -> str:
    """One sentence for the person: the engine's own words, or a plain generic one for bugs."""
    from composer.errors import ComposerError

    if isinstance(error, ComposerError):
        return str(error)
    if isinstance(error, MemoryError):
        return "This computer ran out of memory; close other programs and try again."
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"The file could not be used{where}: {error.strerror}."
    return f"Something unexpected went wrong ({type(error).__name__}); please try again."


def _share_interpreter() -> None:
    """In each executor thread: engine work here runs beside the GUI thread, so it reads
    spreadsheets in small chunks (see composer.sharing)."""
    from composer import sharing

    sharing.share_interpreter()


class Job(QObject):
    """One piece of submitted work; its outcome arrives as exactly one of three signals."""

    succeeded = Signal(object)
    failed = Signal(str)
    progress = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, worker: Worker, job_id: int, key: str | None):
        super().__init__()  # no parent: it lives as long as someone (the worker, a page) holds it
        self._worker = worker
        self.id = job_id
        self.key = key
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self.stale = False
        self._task: asyncio.Future[Any] | None = None  # set on the loop thread
        self._stop = threading.Event()  # what ``pass_stop`` work asks (see the docstring)
        self._stops_itself = False  # pass_stop: the work ends itself, its task is not cut off

    def cancel(self) -> None:
        """Ask the work to stop; ``cancelled`` follows once it has (or its outcome, when it
        had already ended)."""
        self._worker._cancel(self)

    def discard(self) -> None:
        """Nobody wants this outcome any more (another campaign was opened): ask the work to
        stop and drop whatever it ends with; only ``finished`` follows."""
        self.stale = True
        self._worker._cancel(self)

    def then(
        self,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> Job:
        """Connect the usual slots in one call; returns the job for chaining."""
        if on_success is not None:
            self.succeeded.connect(on_success)
        if on_error is not None:
            self.failed.connect(on_error)
        if on_progress is not None:
            self.progress.connect(on_progress)
        return self

    def report(self, payload: Any) -> None:
        """Send progress to the GUI thread; callable from any thread."""
        self._worker._post(self.id, _PROGRESS, payload)


class Worker(QThread):
    """The one background thread; ``run()`` owns the asyncio loop."""

    # Outcomes travel through a thread-safe queue and a signal without arguments wakes the
    # GUI thread to read them: PySide6 6.12 miscounts references of Python objects passed as
    # arguments of queued cross-thread signals (measured: None/True freed too often, a crash).
    _wake = Signal()

    # How long a thread running Python may keep the interpreter while another waits for it
    # (Python's default is 5 ms). The GUI thread takes the interpreter back for every Qt call
    # it makes from Python, so with engine work running beside it each of those waits adds
    # up: a render loop in the worker made the window 50-100 ms late at 5 ms, under 20 ms at
    # 1 ms, and the engine's throughput did not change (measured by `make bench`).
    SWITCH_INTERVAL = 0.001

    def __init__(self, parent: QObject | None = None, executor_threads: int = 2):
        super().__init__(parent)
        sys.setswitchinterval(self.SWITCH_INTERVAL)
        self.setObjectName("composer-worker")
        self._executor_threads = executor_threads
        self._ids = itertools.count(1)
        self._jobs: dict[int, Job] = {}
        self._latest: dict[str, int] = {}  # key -> newest job id
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        self._outcomes: queue.SimpleQueue[tuple[int, str, Any]] = queue.SimpleQueue()
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)
        self.start()
        self._ready.wait(10)

    # ---- the loop thread ------------------------------------------------------------
    def run(self) -> None:  # noqa: D401 - Qt's entry point for the thread
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.set_default_executor(
            concurrent.futures.ThreadPoolExecutor(
                max_workers=self._executor_threads,
                thread_name_prefix="composer-work",
                initializer=_share_interpreter,
            )
        )
        self._loop = loop
        self._ready.set()
        try:
            loop.run_forever()
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            asyncio.set_event_loop(None)
            loop.close()

    async def _call(self, fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if inspect.iscoroutine(fn):
            return await fn
        if inspect.iscoroutinefunction(fn) or inspect.iscoroutinefunction(
            getattr(fn, "func", None)
        ):
            return await fn(*args, **kwargs)
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(None, functools.partial(fn, *args, **kwargs))
        if inspect.iscoroutine(result):  # a plain function that returned a coroutine
            result = await result
        return result

    def _task_done(self, job_id: int, task: asyncio.Future[Any]) -> None:
        """On the loop thread: turn the task's outcome into one relayed signal."""
        if task.cancelled():
            self._post(job_id, _CANCELLED, None)
            return
        error = task.exception()
        if error is None:
            self._post(job_id, _SUCCEEDED, task.result())
            return
        from composer.errors import ComposerError, Stopped

        if isinstance(error, Stopped):
            self._post(job_id, _CANCELLED, None)
            return
        if not isinstance(error, ComposerError):
            traceback.print_exception(error, file=sys.stderr)
        self._post(job_id, _FAILED, error)

    # ---- the GUI thread -------------------------------------------------------------
    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        assert self._loop is not None
        return self._loop

    def submit(
        self,
        fn: Any,
        *args: Any,
        key: str | None = None,
        pass_progress: bool = False,
        pass_stop: bool = False,
        **kwargs: Any,
    ) -> Job:
        """Run ``fn(*args, **kwargs)`` in the background; see the module docstring."""
        job = Job(self, next(self._ids), key)
        self._jobs[job.id] = job
        if key is not None:
            older = self._latest.get(key)
            self._latest[key] = job.id
            if older is not None and older in self._jobs:
                self._jobs[older].discard()
        if pass_progress:
            kwargs["progress"] = job.report
        if pass_stop:
            kwargs["stop"] = job._stop.is_set
            job._stops_itself = True
        if self._stopping or self._loop is None or self._loop.is_closed():
            job.stale = True  # the app is closing: nothing will run, nothing is emitted
            return job

        def start() -> None:
            job._task = self.loop.create_task(self._call(fn, args, kwargs))
            job._task.add_done_callback(functools.partial(self._task_done, job.id))

        self.loop.call_soon_threadsafe(start)
        return job

    def call_soon(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run a small callable on the loop thread (e.g. set an asyncio.Event)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(fn, *args)

    def discard(self, key: str) -> None:
        """Discard the running job of this key, if any (see ``Job.discard``)."""
        newest = self._latest.get(key)
        if newest is not None and newest in self._jobs:
            self._jobs[newest].discard()

    def busy(self, key: str | None = None) -> bool:
        """True while some job (with this key, if given) is still running."""
        return any(not j.done and (key is None or j.key == key) for j in self._jobs.values())

    def _cancel(self, job: Job) -> None:
        job._stop.set()
        if job._stops_itself:  # it ends when it next asks, and only then is its thread free
            return
        if job.done or self._loop is None or self._loop.is_closed():
            return

        def cancel_on_loop() -> None:
            if job._task is not None:
                job._task.cancel()

        self._loop.call_soon_threadsafe(cancel_on_loop)

    def _post(self, job_id: int, kind: str, payload: object) -> None:
        """Any thread: queue an outcome for the GUI thread and wake it."""
        self._outcomes.put((job_id, kind, payload))
        self._wake.emit()

    @Slot()
    def _drain(self) -> None:
        """One outcome per wake (each _post sends one): the window gets its turn between two
        outcomes that came in together, as a big result and its last progress often do."""
        try:
            job_id, kind, payload = self._outcomes.get_nowait()
        except queue.Empty:
            return
        self._deliver(job_id, kind, payload)

    def _deliver(self, job_id: int, kind: str, payload: object) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        if kind == _PROGRESS:
            if not job.done and not job.stale:
                job.progress.emit(payload)
            return
        job.done = True
        del self._jobs[job_id]
        if job.key is not None and self._latest.get(job.key) == job_id:
            del self._latest[job.key]
        if job.stale:
            job.finished.emit()
            return
        if kind == _SUCCEEDED:
            job.result = payload
            job.succeeded.emit(payload)
        elif kind == _FAILED:
            assert isinstance(payload, BaseException)
            job.error = payload
            job.failed.emit(error_sentence(payload))
        else:
            job.cancelled.emit()
        job.finished.emit()

    def stop(self, timeout_ms: int = 10_000) -> None:
        """Cancel everything, stop the loop and join the thread (on quit; idempotent)."""
        self._stopping = True
        loop = self._loop
        if loop is not None and not loop.is_closed() and self.isRunning():
            for job in list(self._jobs.values()):
                job.stale = True
                self._cancel(job)
            with contextlib.suppress(RuntimeError):  # closed between the check and the call
                loop.call_soon_threadsafe(loop.stop)
        self.wait(timeout_ms)
        self._jobs.clear()
        self._latest.clear()

"""The worker's executor threads read spreadsheets the GUI-friendly way (issue 4)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

WAIT = 20_000


def _load_in_worker(path: Path) -> tuple[str, bool, list]:
    from composer import sharing, table

    loaded = table.load(path)
    return threading.current_thread().name, sharing.sharing_interpreter(), loaded.rows


def test_engine_work_in_the_worker_shares_the_interpreter(
    qtbot, ui_worker, customers_xlsx: Path
) -> None:
    from composer import sharing, table

    job = ui_worker.submit(_load_in_worker, customers_xlsx)
    with qtbot.waitSignal(job.succeeded, timeout=WAIT) as outcome:
        pass
    name, shared, rows = outcome.args[0]
    assert name.startswith("composer-work") and shared is True
    assert rows == table.load(customers_xlsx).rows  # the same table as the CLI's fast path
    assert sharing.sharing_interpreter() is False  # not the GUI thread


def _until_stopped(started: threading.Event, stop) -> None:
    """Plain blocking work that asks ``stop`` between small pieces, as a long check does."""
    from composer.errors import Stopped

    started.set()
    while not stop():  # only a stop ends it
        time.sleep(0.001)
    raise Stopped


def test_a_newer_job_stops_the_running_one_and_only_the_newer_answers(qtbot, ui_worker) -> None:
    started = threading.Event()
    older = ui_worker.submit(_until_stopped, started, key="check", pass_stop=True)
    answered: list[object] = []
    older.succeeded.connect(answered.append)
    older.failed.connect(answered.append)
    older.cancelled.connect(lambda: answered.append("cancelled"))
    assert started.wait(10)
    with qtbot.waitSignal(older.finished, timeout=WAIT):
        newer = ui_worker.submit(sum, [1, 2, 3], key="check")
        newer.succeeded.connect(answered.append)
    qtbot.waitUntil(lambda: newer.done, timeout=WAIT)
    assert older.done and answered == [6]  # the older one stopped, its outcome dropped


def test_a_cancelled_job_that_stops_itself_ends_as_cancelled(qtbot, ui_worker) -> None:
    started = threading.Event()
    job = ui_worker.submit(_until_stopped, started, pass_stop=True)
    assert started.wait(10)
    with qtbot.waitSignal(job.cancelled, timeout=WAIT):
        job.cancel()
    assert job.error is None and job.result is None

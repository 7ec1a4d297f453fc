"""The worker's executor threads read spreadsheets the GUI-friendly way (issue 4)."""

from __future__ import annotations

import threading
from pathlib import Path

WAIT = 20_000


def _load_in_worker(path: Path) -> tuple[str, bool, list]:
    from composer import table

    loaded = table.load(path)
    return threading.current_thread().name, table.sharing_interpreter(), loaded.rows


def test_engine_work_in_the_worker_shares_the_interpreter(
    qtbot, ui_worker, customers_xlsx: Path
) -> None:
    from composer import table

    job = ui_worker.submit(_load_in_worker, customers_xlsx)
    with qtbot.waitSignal(job.succeeded, timeout=WAIT) as outcome:
        pass
    name, sharing, rows = outcome.args[0]
    assert name.startswith("composer-work") and sharing is True
    assert rows == table.load(customers_xlsx).rows  # the same table as the CLI's fast path
    assert table.sharing_interpreter() is False  # not the GUI thread

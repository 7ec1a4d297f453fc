"""The benchmarks behind `make bench`. Each module's ``main()`` prints its own lines and
returns its ``Figure`` rows for the README's Performance table (``tests.bench.__main__``
writes the table, dated, with the machine it ran on)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Figure:
    """One row of the Performance table: what was measured, our figure, its anchor measured
    in the same run (what the best bare tool does), and the goal with whether it was met."""

    what: str
    ours: str
    anchor: str
    goal: str
    met: bool | None = None  # None: a figure with no goal of its own

    def row(self) -> str:
        verdict = {True: "met", False: "**not met**", None: ""}[self.met]
        goal = f"{self.goal} ({verdict})" if verdict else self.goal
        return f"| {self.what} | {self.ours} | {self.anchor} | {goal} |"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.0095 else f"{seconds * 1000:.2f} ms"


def private_home(prefix: str) -> Path:
    """A fresh folder for the app's settings and data (nothing of the person's is touched),
    offscreen unless told otherwise, with the repository importable."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["APOLOGY_COMPOSER_CONFIG_DIR"] = str(home / "config")
    os.environ["APOLOGY_COMPOSER_DATA_DIR"] = str(home / "data")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return home


@contextmanager
def app_window() -> Iterator[tuple[Any, Any, Any]]:
    """(app, window, meter): the whole main window with its worker, shown at its default size,
    and a stall meter on its GUI thread; all taken down afterwards."""
    from PySide6.QtWidgets import QApplication

    from tests.bench.bench_ui import StallMeter
    from ui.main_window import MainWindow
    from ui.worker import Worker

    app = QApplication.instance() or QApplication([sys.argv[0]])
    worker = Worker()
    meter = StallMeter()
    window = MainWindow(worker)
    try:
        window.resize(1200, 780)
        window.show()
        yield app, window, meter
    finally:
        window.document.dirty = False
        window.close()
        worker.stop()
        worker.deleteLater()
        meter.timer.deleteLater()
        app.processEvents()

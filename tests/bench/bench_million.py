"""Benchmark: a million customers (the documented limit) in the app (issue 13).

The whole window, offscreen, opens a 999,999-row workbook (address, first name, order number)
and checks it, as a person would with File > Open. Measured in one run:
- the time until the check's answer is on screen, beside a bare python-calamine read of the
  same file in this process (the anchor);
- the process's peak memory once loaded and checked (target under 1 GB);
- the GUI thread's worst stall meanwhile (a 5 ms timer; target under 50 ms);
- the progress the window showed: how many different values its progress bar took and
  how long it ever went without moving.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from tests.bench import Figure, app_window, private_home

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench-data"


def workbook() -> Path:
    """The torture drill's million-row .xlsx, made once and kept with the other bench data."""
    from tests.torture.hostile import _million_xlsx

    path = DATA / "rows-1000000.xlsx"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        made = _million_xlsx(Path(tempfile.mkdtemp(prefix="apology-million-")))
        made.replace(path)
    return path


def _bare_read(path: Path) -> float:
    """In a process of its own, so its memory is not counted as the app's."""
    import subprocess

    code = (
        "import time; from python_calamine import CalamineWorkbook; s = time.perf_counter(); "
        f"CalamineWorkbook.from_path({str(path)!r}).get_sheet_by_index(0).to_python(); "
        "print(time.perf_counter() - s)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def main() -> list[Figure]:
    private_home("apology-bench-million-")
    from PySide6.QtCore import QTimer

    from composer.template import Template
    from tests.bench.bench_ui import settle, wait_until

    path = workbook()
    bare = _bare_read(path)
    seen: list[tuple[float, int, str]] = []  # (when, bar value, label) each time it changed
    with app_window() as (app, window, meter):
        doc = window.document

        def watch() -> None:
            bar = window.busy_bar
            now = (bar.value() if bar.maximum() else -1, window.busy_label.text())
            if bar.isVisible() and (not seen or seen[-1][1:] != now):
                seen.append((time.perf_counter(), *now))

        watcher = QTimer()
        watcher.setInterval(20)
        watcher.timeout.connect(watch)
        doc.set_template(Template(subject="Sorry, {{ first_name }}", body="Dear {{ first_name }}"))
        settle(app)
        meter.start()
        watcher.start()
        started = time.perf_counter()
        window.open_spreadsheet(path)
        wait_until(app, lambda: doc.table is not None and doc.checkup is not None and not doc.busy)
        took = time.perf_counter() - started
        settle(app)
        stall = meter.stop()
        watcher.stop()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        customers = doc.checkup.rows_read if doc.checkup else 0
        moments = [started] + [t for t, *_ in seen] + [started + took]
        still = max(b - a for a, b in zip(moments, moments[1:], strict=False))
        values = len({v for _, v, _ in seen if v >= 0})
        print(
            f"{customers:,} customers opened and checked in the window: answer on screen after "
            f"{took:.1f} s (a bare python-calamine read of the file: {bare:.1f} s); peak memory "
            f"{peak_mb:,.0f} MB (target < 1 GB); GUI-thread stall max {stall:.1f} ms "
            f"(target < 50 ms)"
        )
        print(
            f"  progress: the bar took {values} values; the longest time it did not move: "
            f"{still:.1f} s; what it said: "
            + "; ".join(dict.fromkeys(label for *_, label in seen if label))
        )
        return [
            Figure(
                "A million customers opened and checked in the window",
                f"{took:.1f} s; {peak_mb:,.0f} MB peak; stall {stall:.0f} ms; progress moved "
                f"at least every {still:.1f} s",
                f"bare python-calamine read {bare:.1f} s",
                "< 1 GB, no stall over 50 ms, a moving progress bar",
                peak_mb < 1024 and stall < 50 and values > 10,
            )
        ]


if __name__ == "__main__":
    main()

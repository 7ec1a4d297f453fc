"""Benchmark: `check` on a 100,000-row x 10-column .xlsx vs a bare python-calamine read.

Both sides are measured as whole processes (interpreter start included), a few times each,
median taken. The target: ratio at most 1.25 and the check's memory at most 300 MB: its peak
RSS plus the sheet's parts, which wait for calamine in memory files outside the RSS
(composer.sheet_parts), measured as the rise of the system's shared memory in one more run.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.bench import Figure

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench-data"
ROWS, COLUMNS = 100_000, 10
REPEAT = 5

HEADER = [
    "Email",
    "First name",
    "Last name",
    "Order #",
    "Order date",
    "Amount",
    "City",
    "Country",
    "Phone",
    "Refunded",
]
FIRST = ["Jane", "Ali", "Zoë", "Marta", "Kenji", "Olu", "Sven", "Priya", "Luis", "Anna"]
LAST = ["Doe", "Khan", "Müller", "Rossi", "Tanaka", "Adeyemi", "Berg", "Nair", "García", "Smith"]
CITIES = ["Lyon", "Berlin", "Leeds", "Porto", "Osaka", "Lagos", "Oslo", "Pune", "Cádiz", "Austin"]
COUNTRIES = ["FR", "DE", "GB", "PT", "JP", "NG", "NO", "IN", "ES", "US"]

TEMPLATE = """Subject: We are sorry, {{ first_name }}

Dear {{ first_name }},

Your order {{ order }} of {{ order_date }} was invoiced twice. Please accept our apology
and the code {{ code }} for your next order.
"""


def customers_xlsx() -> Path:
    """The 100k x 10 workbook, generated once with openpyxl write-only mode and cached."""
    path = DATA / f"customers-{ROWS}x{COLUMNS}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    DATA.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Customers")
    ws.append(HEADER)
    start = dt.datetime(2026, 1, 1)
    for i in range(ROWS):
        first, last = FIRST[i % 10], LAST[(i // 10) % 10]
        ws.append(
            [
                f"{first.lower()}.{last.lower()}{i}@example.com",
                first,
                last,
                float(100_000 + i),  # order numbers arrive as integral floats
                start + dt.timedelta(days=i % 300),
                round(19.99 + (i % 500) * 0.37, 2),
                CITIES[(i // 7) % 10],
                COUNTRIES[(i // 7) % 10],
                f"+33 6 {i % 100:02d} {i % 97:02d} {i % 89:02d} {i % 83:02d}",
                i % 3 == 0,
            ]
        )
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    tmp.replace(path)
    return path


def template_file() -> Path:
    path = DATA / "apology.txt"
    if not path.exists() or path.read_text(encoding="utf-8") != TEMPLATE:
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_text(TEMPLATE, encoding="utf-8")
    return path


def _environment() -> dict[str, str]:
    """The children may cache bytecode, as an installed app does (pip compiles on install)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall time (s), peak RSS (MB) and exit code of one whole process."""
    start = time.perf_counter()
    quiet = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]  # the report is not timed
    pid = os.posix_spawn(cmd[0], cmd, _environment(), file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _medians(*cmds: list[str]) -> list[tuple[float, float, int]]:
    """For each command: median time, highest peak RSS and worst exit code of REPEAT runs.

    The commands take turns (after one warm-up run each), so a busy moment on a shared
    machine slows both sides instead of only one.
    """
    for cmd in cmds:
        _run(cmd)
    runs: list[list[tuple[float, float, int]]] = [[] for _ in cmds]
    for _ in range(REPEAT):
        for cmd, results in zip(cmds, runs, strict=True):
            results.append(_run(cmd))
    return [
        (
            statistics.median(r[0] for r in results),
            max(r[1] for r in results),
            max(r[2] for r in results),
        )
        for results in runs
    ]


def _shared_memory_mb() -> float:
    """The system's shared memory (memory files among it), in MB; 0 where it is not told."""
    try:
        with open("/proc/meminfo") as info:
            for line in info:
                if line.startswith("Shmem:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _memory_files_peak(cmd: list[str]) -> float:
    """How far the system's shared memory rose above its level before, during one run."""
    before = peak = _shared_memory_mb()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.002):
            peak = max(peak, _shared_memory_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _run(cmd)
    done.set()
    sampler.join()
    return max(0.0, peak - before)


def _check_command(path: Path) -> tuple[list[str], str]:
    """The CLI `check` (installed script, else ``python -m composer.cli``) if it exists yet,
    otherwise a bare `table.load` (and say so)."""
    script = Path(sys.executable).with_name("apology-composer-cli")
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "composer.cli"]
    probe = subprocess.run([*cli, "check", "--help"], capture_output=True, text=True, check=False)
    if probe.returncode == 0 and "--recipients" in probe.stdout:
        args = ["--recipients", str(path), "--template", str(template_file()), "--code", "SORRY11"]
        return [*cli, "check", *args], "apology-composer-cli check"
    code = f"from composer import table; table.load({str(path)!r})"
    return [sys.executable, "-c", code], "table.load (the CLI check command does not exist yet)"


def main() -> list[Figure]:
    """Print the medians, the ratio and the peak RSS of the check process."""
    path = customers_xlsx()
    bare = (
        "from python_calamine import CalamineWorkbook; "
        f"CalamineWorkbook.from_path({str(path)!r}).get_sheet_by_index(0).to_python()"
    )
    cmd, label = _check_command(path)
    (calamine_s, calamine_mb, _), (check_s, check_mb, code) = _medians(
        [sys.executable, "-c", bare], cmd
    )
    files_mb = _memory_files_peak(cmd)
    memory_mb = check_mb + files_mb
    print(f"spreadsheet: {path.name} ({ROWS:,} rows x {COLUMNS} columns), median of {REPEAT}")
    print(f"bare python-calamine read: {calamine_s:.3f} s, peak RSS {calamine_mb:.0f} MB")
    print(
        f"{label}: {check_s:.3f} s, peak RSS {check_mb:.0f} MB, and the sheet's parts in "
        f"memory files at most {files_mb:.0f} MB; exit code {code}"
    )
    if code not in (0, 1):  # 1 = "something blocks sending", a valid answer for the benchmark
        print("warning: the check process failed; its time is not meaningful")
    ratio = check_s / calamine_s
    print(f"ratio check/calamine: {ratio:.2f} (target <= 1.25; memory target <= 300 MB)")
    return [
        Figure(
            f"`{label}` of {ROWS:,} × {COLUMNS} .xlsx (process start included)",
            f"{check_s:.2f} s, peak {check_mb:,.0f} MB + {files_mb:,.0f} MB of the sheet's "
            "parts in memory files",
            f"bare python-calamine read {calamine_s:.2f} s, peak {calamine_mb:,.0f} MB "
            f"({ratio:.2f}×)",
            "≤ 1.25× calamine, ≤ 300 MB",
            ratio <= 1.25 and memory_mb <= 300 and code in (0, 1),
        )
    ]


if __name__ == "__main__":
    main()

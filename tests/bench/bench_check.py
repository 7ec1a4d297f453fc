"""Benchmark: `check` on a 100,000-row x 10-column .xlsx vs a bare python-calamine read.

Both sides are measured as whole processes (interpreter start included), a few times each,
median taken. The target from issue 2: ratio under 1.5 and peak RSS of `check` under 300 MB.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

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


def _run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall time (s), peak RSS (MB) and exit code of one whole process."""
    start = time.perf_counter()
    pid = os.posix_spawn(cmd[0], cmd, os.environ)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _median(cmd: list[str]) -> tuple[float, float, int]:
    runs = [_run(cmd) for _ in range(REPEAT)]
    return (
        statistics.median(r[0] for r in runs),
        max(r[1] for r in runs),
        max(r[2] for r in runs),
    )


def _check_command(path: Path) -> tuple[list[str], str]:
    """The CLI `check` if it exists yet, otherwise a bare `table.load` (and say so)."""
    cli = Path(sys.executable).with_name("apology-composer-cli")
    probe = subprocess.run(
        [str(cli), "check", "--help"], capture_output=True, text=True, check=False
    )
    if cli.exists() and probe.returncode == 0 and "--recipients" in probe.stdout:
        cmd = [str(cli), "check", "--recipients", str(path), "--template", str(template_file())]
        return cmd, "apology-composer-cli check"
    code = f"from composer import table; table.load({str(path)!r})"
    return [sys.executable, "-c", code], "table.load (the CLI check command does not exist yet)"


def main() -> None:
    """Print the medians, the ratio and the peak RSS of the check process."""
    path = customers_xlsx()
    bare = (
        "from python_calamine import CalamineWorkbook; "
        f"CalamineWorkbook.from_path({str(path)!r}).get_sheet_by_index(0).to_python()"
    )
    calamine_s, calamine_mb, _ = _median([sys.executable, "-c", bare])
    cmd, label = _check_command(path)
    check_s, check_mb, code = _median(cmd)
    print(f"spreadsheet: {path.name} ({ROWS:,} rows x {COLUMNS} columns), median of {REPEAT}")
    print(f"bare python-calamine read: {calamine_s:.3f} s, peak RSS {calamine_mb:.0f} MB")
    print(f"{label}: {check_s:.3f} s, peak RSS {check_mb:.0f} MB, exit code {code}")
    print(f"ratio check/calamine: {check_s / calamine_s:.2f} (target < 1.5; RSS target < 300 MB)")


if __name__ == "__main__":
    main()

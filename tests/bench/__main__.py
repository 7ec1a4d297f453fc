"""`make bench`: every benchmark, each printing figures measured in one run (ratios beside
anchors, not absolute claims: these machines are shared and noisy), then the README's
Performance table, dated, written between its two markers.

Each bench runs in a process of its own. ``python -m tests.bench bench_check bench_typing``
runs only those (and leaves the README alone); ``--no-readme`` runs them all without
writing it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench import Figure

BENCHES = [
    "bench_check",
    "bench_recipients",
    "bench_render",
    "bench_typing",
    "bench_million",
    "bench_ui",
    "bench_send",
    "bench_frozen",
]
README = Path(__file__).resolve().parents[2] / "README.md"
START, END = (
    "<!-- performance table: make bench writes it -->",
    "<!-- end of the performance table -->",
)


def main() -> int:
    if sys.argv[1:2] == ["--alone"]:  # one bench in this process: its figures to a file
        _, _, name, out = sys.argv
        figures = importlib.import_module(f"tests.bench.{name}").main() or []
        Path(out).write_text(json.dumps([dataclasses.asdict(f) for f in figures]))
        return 0
    names = [a for a in sys.argv[1:] if not a.startswith("--")]
    figures: list[Figure] = []
    for name in names or BENCHES:
        print(f"\n=== {name} ===", flush=True)
        figures += alone(name)
    text = table(figures)
    print("\n" + text)
    if not names and "--no-readme" not in sys.argv:
        write_readme(text)
        print(f"\n(written to {README.name})")
    return 0


def alone(name: str) -> list[Figure]:
    """Run one bench in a process of its own, so no bench's memory, garbage or threads
    weigh on the next one's figures (peak memory is the process's)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "figures.json"
        command = [sys.executable, "-m", "tests.bench", "--alone", name, str(out)]
        done = subprocess.run(command, cwd=README.parent)
        if done.returncode != 0 or not out.exists():
            raise SystemExit(f"the bench {name} failed (exit code {done.returncode})")
        return [Figure(**row) for row in json.loads(out.read_text())]


def machine() -> str:
    """Cores, memory and the Python the figures were measured with."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{os.cpu_count()} cores, {memory:.0f} GB of memory, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}"
    )


def table(figures: list[Figure]) -> str:
    lines = [
        f"`make bench`, {dt.date.today().isoformat()}, on {machine()}; each figure beside its "
        "anchor measured in the same run:",
        "",
        "| What | Apology Composer | Anchor (same run) | Goal |",
        "|---|---|---|---|",
    ]
    lines += [f.row() for f in figures]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    head, found, rest = readme.partition(START)
    _, ended, tail = rest.partition(END)
    if not (found and ended):
        raise SystemExit(f"{README.name} lacks the performance table's markers")
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

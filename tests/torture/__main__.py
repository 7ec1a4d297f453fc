"""`make torture`: every drill at full counts, then one table of figures (the README's
Reliability section shows it with its date). `python -m tests.torture --quick` runs the
small samples `make test` runs."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import time

from tests.torture import Figures

DRILLS = ["drills", "faults", "hostile", "properties", "secrets"]


def main() -> int:
    full = "--quick" not in sys.argv[1:]
    wanted = [a for a in sys.argv[1:] if not a.startswith("--")] or DRILLS
    total = Figures()
    for name in wanted:
        started = time.monotonic()
        print(f"=== {name} ===", flush=True)
        figures = importlib.import_module(f"tests.torture.{name}").run(full)
        print(f"    {time.monotonic() - started:.0f} s; {len(figures.failures)} broken", flush=True)
        for failure in figures.failures:
            print(f"    BROKEN: {failure}", flush=True)
        total = total + figures
    print()
    print(table(total))
    return 1 if total.failures else 0


def table(f: Figures) -> str:
    """The figures as the README's Markdown table."""
    peak = f"{f.worst_peak_kb / 1024:,.0f} MB ({f.worst_input})" if f.worst_peak_kb else "-"
    rows = [
        ("Crash drills run (kill, reopen, resume, finish)", f"{f.drills:,}"),
        ("Customers lost", f"{f.lost:,}"),
        ("Customers who got two copies", f"{f.doubled:,}"),
        ("Customers reported in doubt (at most one copy each)", f"{f.in_doubt:,}"),
        ("Server fault cases passed", f"{f.faults_passed:,} of {f.faults_run:,}"),
        ("Hostile inputs handled (a sentence or a right result)",
         f"{f.hostile_handled:,} of {f.hostile_run:,}"),
        ("Property cases (one recipient, no extra header, escaped, nobody else's address)",
         f"{f.property_cases:,}"),
        ("Password found in files or output", f"{f.secret_hits:,}"),
        ("Peak memory of the worst input", peak),
        ("Broken promises", f"{len(f.failures):,}"),
    ]  # fmt: skip
    lines = [
        f"`make torture`, {dt.date.today().isoformat()}:",
        "",
        "| Figure | Value |",
        "|---|---|",
    ]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

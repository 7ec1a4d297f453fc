"""The benchmarks behind `make bench`. Each module's ``main()`` prints its own lines and
returns its ``Figure`` rows for the README's Performance table (``tests.bench.__main__``
writes the table, dated, with the machine it ran on)."""

from __future__ import annotations

from dataclasses import dataclass


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

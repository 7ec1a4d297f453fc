"""`make torture`: the promise (nothing lost, nothing twice, no customer sees another, no
password leaks, a bad file gets a sentence) as figures.

Each drill module has ``run(full: bool) -> Figures``: ``full`` is `make torture`'s counts,
otherwise a small sample that `make test` runs (tests/test_torture.py). A drill never raises
for a broken promise: it counts it, and says what happened in ``failures``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


@dataclass
class Figures:
    drills: int = 0  # crash drills run (each: kill, reopen, resume, finish, count)
    lost: int = 0  # customers who never got their message and are not reported in doubt
    doubled: int = 0  # customers who got more than one copy
    in_doubt: int = 0  # customers reported in doubt (allowed: at most one per connection)
    faults_run: int = 0  # server fault cases tried
    faults_passed: int = 0  # ... whose final states and sentence were as expected
    hostile_run: int = 0  # hostile inputs tried
    hostile_handled: int = 0  # ... that gave one sentence or a correct result, in bounds
    property_cases: int = 0  # hypothesis examples run
    secret_hits: int = 0  # places a password (or its base64) was found
    worst_peak_kb: int = 0  # the highest peak memory of any child process measured
    worst_input: str = ""  # the input that needed it
    failures: list[str] = field(default_factory=list)  # each broken promise, in words

    def __add__(self, other: Figures) -> Figures:
        total = Figures()
        for f in dataclasses.fields(Figures):
            if f.name in ("worst_peak_kb", "worst_input", "failures"):
                continue
            setattr(total, f.name, getattr(self, f.name) + getattr(other, f.name))
        worst = max(self, other, key=lambda fig: fig.worst_peak_kb)
        total.worst_peak_kb, total.worst_input = worst.worst_peak_kb, worst.worst_input
        total.failures = [*self.failures, *other.failures]
        return total

    def peak(self, kb: int, what: str) -> None:
        """Note a child's peak memory; keeps the worst."""
        if kb > self.worst_peak_kb:
            self.worst_peak_kb, self.worst_input = kb, what

    def fail(self, what: str) -> None:
        self.failures.append(what)

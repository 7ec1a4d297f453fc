"""A small sample of every `make torture` drill (the full counts run there): the promise holds
on each, counted by the drill's own oracle (the server's log, the files, the engine)."""

from __future__ import annotations

import importlib

import pytest

from tests.torture import Figures
from tests.torture.__main__ import DRILLS, table


@pytest.mark.slow
@pytest.mark.parametrize("name", DRILLS)
def test_a_sample_of_each_drill_keeps_the_promise(name: str) -> None:
    figures: Figures = importlib.import_module(f"tests.torture.{name}").run(False)
    assert figures.failures == []
    assert figures.lost == 0 and figures.doubled == 0 and figures.secret_hits == 0
    assert figures.faults_passed == figures.faults_run
    assert figures.hostile_handled == figures.hostile_run
    ran = figures.drills + figures.faults_run + figures.hostile_run + figures.property_cases
    assert ran > 0 or name == "secrets"


def test_the_table_says_every_figure() -> None:
    figures = Figures(drills=3, lost=0, in_doubt=2, faults_run=4, faults_passed=4)
    figures.peak(2048, "far-corner.xlsx")
    text = table(figures)
    assert "| Crash drills run (kill, reopen, resume, finish) | 3 |" in text
    assert "| Server fault cases passed | 4 of 4 |" in text
    assert "2 MB (far-corner.xlsx)" in text

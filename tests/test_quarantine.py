"""composer.quarantine and the workbooks it is for: a file built to exhaust memory or time is
read in a capped child and ends as one sentence, in the app's process and in the CLI's; an
honest workbook reads exactly as before."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from composer import quarantine, table
from composer.errors import SpreadsheetError
from tests.limits import one_sentence, run_cli
from tests.spreadsheets import (
    CUSTOMERS,
    write_amplified_xlsx,
    write_big_claiming_xlsx,
    write_far_corner_xlsx,
    write_looping_xls,
    write_xlsx,
)

HOSTILE = {
    "far-corner.xlsx": write_far_corner_xlsx,  # the reader asks for 471 GB at once
    "amplified.xlsx": write_amplified_xlsx,  # one 9 MB string in 2,000 cells
    "looping.xls": write_looping_xls,  # a sector chain that claims 4 GB and loops
    "claims-1.9-GB.xlsx": write_big_claiming_xlsx,  # refused from the zip's own directory
}


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 512 MB cap instead of 2 GB: the same verdicts, sooner and lighter on the machine."""
    monkeypatch.setattr(quarantine, "MEMORY", 512 * 1024**2)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_workbook_is_one_sentence_and_this_process_lives(
    tmp_path: Path, name: str, small_cap: None
) -> None:
    path = HOSTILE[name](tmp_path / name)
    assert path.stat().st_size < 64 * 1024
    with pytest.raises(SpreadsheetError) as refused:
        table.load(path)
    sentence = str(refused.value)
    assert sentence.startswith(name) and sentence.endswith(".") and "\n" not in sentence
    assert "export your customer list again" in sentence or "too large" in sentence


def test_the_sentence_says_memory_for_a_memory_overrun(tmp_path: Path, small_cap: None) -> None:
    with pytest.raises(SpreadsheetError) as refused:
        table.load(write_far_corner_xlsx(tmp_path / "far.xlsx"))
    assert str(refused.value) == (
        "far.xlsx was not opened because reading it needed more than 0 GB of memory, which no "
        "customer list does; it is damaged or made to do harm, so export your customer list "
        "again."
    ).replace("0 GB", f"{quarantine.MEMORY // 1024**3} GB")


def test_list_sheets_is_quarantined_too(tmp_path: Path, small_cap: None) -> None:
    assert table.list_sheets(write_xlsx(tmp_path / "ok.xlsx", CUSTOMERS)) == ["Customers"]
    with pytest.raises(SpreadsheetError, match="looping.xls"):
        table.list_sheets(write_looping_xls(tmp_path / "looping.xls"))


def test_an_honest_workbook_reads_the_same_in_the_child_as_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        CUSTOMERS[0],
        *[[f"c{i}@example.com", f"N{i}", i, None, i % 2 == 0] for i in range(5000)],
    ]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    from_child = table.load(path)  # 5,000 rows: three pieces over the pipe
    monkeypatch.setattr(quarantine, "inside", lambda: True)
    here = table.load(path)
    assert from_child.rows == here.rows and len(here.rows) == 5000
    assert from_child.row_numbers == here.row_numbers
    assert from_child.columns == here.columns and from_child.sheets == here.sheets


def test_the_work_really_happens_in_another_process() -> None:
    def where() -> object:
        yield os.getpid()
        yield quarantine.inside()

    assert list(quarantine.parts(where, doing="{why}")) != [os.getpid(), False]
    child, inside = quarantine.parts(where, doing="{why}")
    assert child != os.getpid() and inside is True


def test_a_sentence_raised_in_the_child_comes_back_as_it_was(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [["Name"], ["Ann"]])
    with pytest.raises(SpreadsheetError) as refused:
        table.load(path, sheet="Nope")
    assert "There is no sheet named 'Nope'" in str(refused.value)


def test_work_that_never_ends_is_stopped_by_the_time_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quarantine, "CPU_SECONDS", 1)

    def spin() -> object:
        while True:
            pass
        yield  # pragma: no cover

    started = time.monotonic()
    with pytest.raises(quarantine.Overrun) as stopped:
        list(quarantine.parts(spin, doing="the list was not read because {why}."))
    assert (
        str(stopped.value)
        == "the list was not read because reading it took more than 1 seconds of work."
    )
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_cli_says_one_sentence_under_its_own_cap(tmp_path: Path, name: str) -> None:
    path = HOSTILE[name](tmp_path / name)
    apology = tmp_path / "apology.txt"
    apology.write_text("Subject: Sorry\n\nHi {{ email }}\n", encoding="utf-8")
    done = run_cli(
        "check", "--recipients", str(path), "--template", str(apology), memory=6 * 1024**3
    )
    assert done.returncode == 1
    sentence = one_sentence(done.stderr)
    assert name in sentence
    assert done.stderr.strip() == sentence  # no backtrace from the reader either
    assert done.peak_kb < (quarantine.MEMORY + 512 * 1024**2) // 1024


def test_an_honest_cli_check_is_unchanged(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", CUSTOMERS)
    apology = tmp_path / "apology.txt"
    apology.write_text("Subject: Sorry\n\nHi {{ first_name }}\n", encoding="utf-8")
    done = run_cli("check", "--recipients", str(path), "--template", str(apology))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Ready to send to 3 customers."


def test_the_app_shows_the_sentence_and_keeps_working(
    qtbot, main_window, tmp_path: Path, small_cap: None
) -> None:
    from tests.ui_flow import WAIT_MS

    document = main_window.document
    far = write_far_corner_xlsx(tmp_path / "far.xlsx")
    with qtbot.waitSignal(document.problem, timeout=WAIT_MS) as shown:
        main_window.open_spreadsheet(far)
    assert "far.xlsx was not opened because reading it needed more than" in shown.args[0]
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox) and box.text() == shown.args[0]
    box.button(QMessageBox.StandardButton.Ok).click()  # as the person reads it and goes on
    with qtbot.waitSignal(document.tableLoaded, timeout=WAIT_MS):
        main_window.open_spreadsheet(write_xlsx(tmp_path / "ok.xlsx", CUSTOMERS))
    assert len(document.campaign.table) == 3

"""Helpers the GUI tests share: the one wait, a click where a person clicks, the answer to
the next message box, a document filled the way a person fills it,
the sample copied where a test may write, reading kept .eml files. (The fixtures, ``document``
and ``send_page`` among them, are in conftest.py.)"""

from __future__ import annotations

import email
import shutil
from email.policy import default
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import resources
from composer import codes, template
from composer.message import Identity

WAIT_MS = 20_000


def wait_for(qtbot, predicate, timeout: int = WAIT_MS) -> None:
    """Let the app work until ``predicate()`` holds (the one wait of the GUI tests)."""
    qtbot.waitUntil(predicate, timeout=timeout)


def click(qtbot, widget) -> None:
    """A left click in the middle of ``widget``, once a person could see it: shown and laid
    out (a widget just shown has no size until its layout has run, and a click on nothing
    is lost)."""
    wait_for(qtbot, lambda: widget.isVisible() and not widget.rect().isEmpty())
    assert widget.isEnabled(), f"{widget.accessibleName()} cannot be clicked now"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def answer_next_box(qtbot, button: QMessageBox.StandardButton | str, seen: list[str]) -> None:
    """Click ``button`` (a standard one, or the text of one) of the next modal message box as a
    person would, once it is up; note what the box said in ``seen``."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(f"{box.text()} {box.informativeText()}".strip())
        if isinstance(button, str):
            target = next(b for b in box.buttons() if b.text() == button)
        else:
            target = box.button(button)
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def type_into(qtbot, field, text: str) -> None:
    """Replace what a text field holds, typed key by key as a person would."""
    field.clear()
    qtbot.keyClicks(field, text)


def sample_copy(folder: Path) -> Path:
    """The sample workbook copied where the test may write next to it."""
    target = folder / "customers.xlsx"
    shutil.copy(resources.resource_path(*resources.SAMPLE_CUSTOMERS), target)
    return target


def fill_sample(qtbot, doc, folder: Path, *, unique_codes: bool = True, body: str | None = None):
    """Load the sample customers and apology as a person would; wait for the engine's check."""
    apology = template.load(resources.resource_path(*resources.SAMPLE_APOLOGY))
    if body is not None:
        apology = template.Template(subject=apology.subject, body=body)
    doc.set_template(apology)
    doc.edit(identity=Identity(name="Sam Baker", address="sam@example.com"))
    if unique_codes:
        pool = tuple(resources.resource_path(*resources.SAMPLE_CODES).read_text().split())
        doc.set_code_plan(codes.CodePlan(kind=codes.FILE, pool=pool))
    else:
        doc.set_code_plan(codes.CodePlan(kind=codes.SHARED, shared="SORRY11"))
    with qtbot.waitSignal(doc.checkupReady, timeout=WAIT_MS):
        doc.load_spreadsheet(sample_copy(folder))
    qtbot.waitUntil(lambda: doc.checkup is not None and not doc.busy, timeout=WAIT_MS)
    return doc.checkup


def read_eml(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=default)

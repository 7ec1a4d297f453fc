"""Helpers the GUI tests share: the one wait, a document filled the way a person fills it,
the sample copied where a test may write, reading kept .eml files. (The fixtures, ``document``
and ``send_page`` among them, are in conftest.py.)"""

from __future__ import annotations

import email
import shutil
from email.policy import default
from pathlib import Path

import resources
from composer import codes, template
from composer.message import Identity

WAIT_MS = 20_000


def wait_for(qtbot, predicate, timeout: int = WAIT_MS) -> None:
    """Let the app work until ``predicate()`` holds (the one wait of the GUI tests)."""
    qtbot.waitUntil(predicate, timeout=timeout)


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

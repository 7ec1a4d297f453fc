"""Helpers the Preview/Send/account GUI tests share: a document filled the way a person
fills it, the Send step on its own, and reading kept .eml files.

Use with ``from tests.ui_flow import document, send_page  # noqa: F401`` (pytest fixtures)."""

from __future__ import annotations

import email
import shutil
from email.policy import default
from pathlib import Path

import pytest

import resources
from composer import codes, template
from composer.message import Identity

WAIT_MS = 20_000

# The offscreen platform cannot resize windows to their size hints and says so at WARNING
# level whenever a word-wrapped label changes a top-level window's minimum size; harmless.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def document(qtbot, ui_worker, tmp_path):
    """The campaign being edited (the conftest keeps settings, drafts and secrets private)."""
    from ui.document import Document

    doc = Document(ui_worker, drafts=tmp_path / "drafts")
    yield doc
    doc.close()


@pytest.fixture
def send_page(qtbot, document, ui_worker, tmp_path):
    """Step 4 on its own, shown; its practice outbox is stopped at the end."""
    from ui.send_page import SendPage

    page = SendPage(document, ui_worker)
    qtbot.addWidget(page)
    page.ask_save_path = lambda: tmp_path / "apology.apology"
    page.show()
    yield page
    if page.sending():
        with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS, raising=False):
            page.cancel()
    page.shutdown()


def wait_for(qtbot, predicate, timeout: int = WAIT_MS) -> None:
    """Let the app work until ``predicate()`` holds (the one wait of the GUI tests)."""
    qtbot.waitUntil(predicate, timeout=timeout)


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

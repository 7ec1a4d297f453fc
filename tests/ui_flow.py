"""Helpers the Preview/Send/account GUI tests share: an isolated app environment, a worker,
a document filled the way a person fills it, and the practice outbox's messages."""

from __future__ import annotations

import email
import shutil
from email.policy import default
from pathlib import Path

import pytest

import resources
from composer import codes, template
from tests.memory_keyring import MemoryKeyring, using_keyring

WAIT_MS = 20_000


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    """Settings, drafts, the practice outbox and secrets all kept inside the test."""
    monkeypatch.setenv("APOLOGY_COMPOSER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("APOLOGY_COMPOSER_CONFIG_DIR", str(tmp_path / "config"))
    with using_keyring(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def worker(qtbot):
    from ui.worker import Worker

    w = Worker()
    yield w
    w.stop()
    assert not w.isRunning()


@pytest.fixture
def document(qtbot, worker, app_env, tmp_path):
    from ui.document import Document

    doc = Document(worker, drafts=tmp_path / "drafts")
    yield doc
    doc.close()


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
    if unique_codes:
        pool = tuple(
            resources.resource_path(*resources.SAMPLE_CODES).read_text().split()
        )
        doc.set_code_plan(codes.CodePlan(kind=codes.FILE, pool=pool))
    else:
        doc.set_code_plan(codes.CodePlan(kind=codes.SHARED, shared="SORRY11"))
    with qtbot.waitSignal(doc.checkupReady, timeout=WAIT_MS):
        doc.load_spreadsheet(sample_copy(folder))
    qtbot.waitUntil(lambda: doc.checkup is not None and not doc.busy, timeout=WAIT_MS)
    return doc.checkup


def read_eml(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=default)

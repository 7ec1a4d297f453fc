"""Campaigns for the sending tests, built from an in-memory Table (no spreadsheet files), and
checks on what the real test server received."""

from __future__ import annotations

from pathlib import Path

from composer.campaign import Campaign
from composer.codes import SHARED, CodePlan
from composer.message import Identity
from composer.recipients import ColumnMap
from composer.table import Column, Table
from composer.template import Template

OWNER = Identity("Shop Owner", "owner@shop.example")


def customers(count: int, *, first_row: int = 2) -> Table:
    rows = [(f"customer{i:04d}@example.com", f"Customer {i}", str(1000 + i)) for i in range(count)]
    return Table(
        columns=[Column("Email", "email"), Column("Name", "name"), Column("Order", "order")],
        rows=rows,
        row_numbers=list(range(first_row, first_row + count)),
    )


def make_campaign(
    path: Path, count: int, *, identity: Identity = OWNER, table: Table | None = None
) -> Path:
    """Write a campaign file for ``count`` customers (rows 2..count+1) and return its path."""
    campaign = Campaign.create(
        path,
        table=table or customers(count),
        columns=ColumnMap(email="email", full_name="name"),
        template=Template(
            subject="We are sorry, {{ name }}",
            body="Dear {{ name }},\n\nyour order {{ order }} went wrong. Use {{ code }}.\n",
        ),
        identity=identity,
        code_plan=CodePlan(kind=SHARED, shared="SORRY11"),
    )
    campaign.close()
    return path


def run_until_killed(script: str, path: Path) -> None:
    """Run ``script`` (Python source, given the campaign path as argv[1]) in a real child
    process that ends by SIGKILL, as a crash does: no close, no checkpoint, lock file left."""
    import os
    import signal
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    child = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def open_for_sending(path: Path) -> Campaign:
    return Campaign.open(path, for_sending=True)


def address_of(row: int, *, first_row: int = 2) -> str:
    return f"customer{row - first_row:04d}@example.com"


def assert_one_to_one(messages) -> None:
    """Every message the server got: one envelope recipient, equal to its To; no Cc/Bcc."""
    from email.utils import getaddresses

    for m in messages:
        tos = getaddresses(m.message.get_all("To", []))
        assert len(tos) == 1
        assert m.rcpt_tos == (tos[0][1],)
        assert m.message.get("Cc") is None and m.message.get("Bcc") is None
        assert m.mail_from == OWNER.address

"""``apology-composer --self-test``: the installed app proves it works, without a person.

For whoever builds or installs it (``make package`` runs it on the frozen folder and on the
installed package): it loads the bundled sample workbook, fills in every customer's message,
creates a campaign file in a temporary folder, sends it through the built-in practice outbox
(nothing leaves the computer), checks that the campaign's journal has every customer sent once,
says which password store and which certificate store are active, and opens and closes the
main window. It prints one JSON line and exits 0 only when every check passed.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any


def run() -> dict[str, Any]:
    """Every check, in order; a failed check does not stop the ones after it."""
    import resources
    from composer.version import version

    started = time.monotonic()
    report: dict[str, Any] = {"version": version(), "checks": []}
    state: dict[str, Any] = {}

    def check(name: str, step: Callable[[], str]) -> None:
        began = time.monotonic()
        try:
            detail, ok = step(), True
        except Exception as error:  # the report says what broke; it is the whole point
            detail, ok = f"{type(error).__name__}: {error}", False
            state.setdefault("tracebacks", []).append(traceback.format_exc())
        report["checks"].append(
            {
                "name": name,
                "ok": ok,
                "detail": detail,
                "ms": round(1000 * (time.monotonic() - began)),
            }
        )

    folder = Path(tempfile.mkdtemp(prefix="apology-self-test-"))

    def load() -> str:
        from composer import codes, recipients, table, template
        from composer.mailing import Mailing
        from composer.message import Identity

        sheet = table.load(resources.resource_path(*resources.SAMPLE_CUSTOMERS))
        state["mailing"] = Mailing(
            table=sheet,
            columns=recipients.detect_columns(sheet),
            template=template.load(resources.resource_path(*resources.SAMPLE_APOLOGY)),
            identity=Identity("Self-test", "self-test@example.com"),
            code_plan=codes.CodePlan(codes.SHARED, shared=resources.SAMPLE_SHARED_CODE),
        )
        return f"{len(sheet.rows)} rows from the bundled sample"

    def render() -> str:
        from composer.campaign import Campaign

        draft = Campaign.draft(state["mailing"])
        people = list(draft.audience())
        draft.assign_codes(people, store=False)
        made = [draft.message_for(person) for person in people]
        if not made:
            raise RuntimeError("the sample has nobody to write to")
        return f"{len(made)} messages filled in"

    def create() -> str:
        from composer.campaign import Campaign

        path = folder / "self-test.apology"
        Campaign.create(path, state["mailing"]).close()
        state["path"] = path
        return f"campaign file of {path.stat().st_size:,} bytes"

    def send() -> str:
        from composer.campaign import Campaign
        from composer.outbox import PracticeOutbox, practice_account
        from composer.sender import Sender

        with PracticeOutbox(folder / "outbox") as outbox:
            campaign = Campaign.open(state["path"], for_sending=True)
            try:
                summary = asyncio.run(Sender(campaign, practice_account(outbox), "practice").run())
            finally:
                campaign.close()
            kept = len(outbox.messages())
        if not summary.ok or summary.failed or summary.in_doubt:
            raise RuntimeError(summary.verdict(practice=True))
        state["sent"] = summary.sent
        return f"{summary.sent} sent into the practice outbox ({kept} kept)"

    def journal() -> str:
        from composer import journal as record
        from composer.campaign import Campaign

        with Campaign.open(state["path"]) as campaign:
            assert campaign.conn is not None
            counts = record.counts(campaign.conn)
        if counts[record.SENT] != state.get("sent") or sum(counts.values()) != counts[record.SENT]:
            raise RuntimeError(f"the journal holds {dict(counts)}")
        return f"{counts[record.SENT]} sent, nothing else"

    def keyring() -> str:
        from importlib import metadata

        from composer.accounts import keyring_available

        works, sentence = keyring_available()
        report["keyring"] = sentence
        # every backend keyring can find, usable here or not (a frozen build loses them
        # without keyring's metadata, and then only "no password store" is left)
        report["keyring_backends"] = sorted(
            entry.name for entry in metadata.entry_points(group="keyring.backends")
        )
        if not report["keyring_backends"]:
            raise RuntimeError("keyring finds no backends at all (its metadata is missing)")
        return sentence if works else f"none works here: {sentence}"

    def trust() -> str:
        from composer import trust as certificates

        certificates.context()  # builds the context the connections use
        report["trust"] = certificates.describe()
        return report["trust"]

    def window() -> str:
        from PySide6.QtWidgets import QApplication

        from ui.main_window import MainWindow
        from ui.worker import Worker

        app = QApplication.instance() or QApplication([sys.argv[0]])
        worker = Worker()
        try:
            main = MainWindow(worker)
            main.show()
            app.processEvents()
            shown = main.isVisible()
            main.close()
            app.processEvents()
        finally:
            worker.stop()
        if not shown:
            raise RuntimeError("the main window did not show")
        return "opened and closed"

    steps = (
        ("load the sample workbook", load),
        ("fill in every message", render),
        ("create a campaign file", create),
        ("send through the practice outbox", send),
        ("check the journal", journal),
        ("password store", keyring),
        ("certificate store", trust),
        ("main window", window),
    )
    try:
        for name, step in steps:
            check(name, step)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the campaign and outbox were only a test
    report["ok"] = all(c["ok"] for c in report["checks"])
    report["seconds"] = round(time.monotonic() - started, 2)
    if state.get("tracebacks"):
        report["tracebacks"] = state["tracebacks"]
    return report


def main() -> int:
    """Run the checks, print one JSON line, exit 0 only when all passed."""
    report = run()
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return 0 if report["ok"] else 1

"""Drive the real app as a person would and save a PNG of each step, at two window sizes.

Run by ``docs/make_screenshots.sh`` (under Xvfb, ``QT_QPA_PLATFORM=xcb``); also works with
``QT_QPA_PLATFORM=offscreen``. Each size runs in its own process with its own private
settings/data folder, so the practice outbox starts empty and nothing of the person's own
setup appears in the pictures:

- ``docs/screenshots/*.png``: the window's default size (``MainWindow.__init__``); the
  README shows ``01-customers.png`` … ``04-send.png`` from here;
- ``docs/screenshots/small/*.png``: 1024×700, a small laptop.

``SCREENSHOTS_LANGUAGE=de`` (``make screenshots LANG=de``) takes them in that language, in
``docs/screenshots/de/`` and ``docs/screenshots/de/small/``.

The states a person meets: nothing opened yet (``00-start-*``), the sample loaded (``01`` …
``03``), a filter of two conditions (``01-customers-filter``), the Message step with personal fields that still need a fallback
(``02-message-fields``), the Send step before a send (``04-send-before``) and after a test and
a practice send into the built-in practice outbox (``04-send``).

For every picture the window's texts are checked (``ui.layout_check``): each label, button,
line edit or combo box whose text does not fit prints ``clipped: <picture> <class> <name>:
<why>``, and the run ends with exit status 1 when any did.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = {"default": None, "small": (1024, 700)}  # None: the window's own default size

# the sample apology (in any language) with personal fields that are blank for someone and
# have no fallback yet: the greeting's first name loses its fallback, and the order's date
# brings two more fields
FIELDS_BODY_EDITS = (
    (r'\{\{ first_name or "[^"]*" \}\}', "{{ first_name }}"),
    (r"\{% if first_name %\}(.*?)\{% else %\}.*?\{% endif %\}", r"\1"),
    (r"\{\{ order_date \| date \}\}", "{{ order_date | date }} ({{ country }}, {{ last_name }})"),
)


def wait_until(app, condition: Callable[[], bool], timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: timed out waiting for {what or 'the app'}")
        app.processEvents()
        time.sleep(0.01)


def settle(app, seconds: float = 0.4) -> None:
    """Let layouts, repaints and debounced checks finish before a picture."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


class Camera:
    """Saves pictures into one folder and checks each one's texts."""

    def __init__(self, app, folder: Path) -> None:
        self.app = app
        self.folder = folder
        self.findings = 0
        folder.mkdir(parents=True, exist_ok=True)

    def grab(self, widget, name: str, size: tuple[int, int] | None = None) -> Path:
        """Save ``widget`` as ``name`` and report its texts that do not fit (and, given
        ``size``, a window that would not take that size)."""
        from ui.layout_check import clipped, describe

        settle(self.app)
        path = self.folder / name
        if not widget.grab().save(str(path)):
            raise SystemExit(f"screenshots: could not write {path}")
        shown = path.relative_to(ROOT)
        print(f"saved {shown} ({widget.width()}×{widget.height()})")
        if size is not None and widget.size().toTuple() != size:
            print(f"clipped: {shown} the window cannot be as small as {size[0]}×{size[1]}")
            self.findings += 1
        for found, reason in clipped(widget):
            print(f"clipped: {shown} {describe(found)}: {reason}")
            self.findings += 1
        return path


def speaking() -> str:
    """The language the pictures are taken in (English unless SCREENSHOTS_LANGUAGE names one)."""
    from composer import language

    return language.best([os.environ.get("SCREENSHOTS_LANGUAGE", "en")])


def take(size: tuple[int, int] | None, folder: Path) -> int:
    """One person's run at one window size; the number of clipped texts found."""
    sys.path.insert(0, str(ROOT))
    home = Path(tempfile.mkdtemp(prefix="apology-screenshots-"))
    os.environ["APOLOGY_COMPOSER_CONFIG_DIR"] = str(home / "config")
    os.environ["APOLOGY_COMPOSER_DATA_DIR"] = str(home / "data")

    from PySide6.QtWidgets import QApplication

    from composer import audience
    from ui import app as app_module

    QApplication.setApplicationName(app_module.APP_NAME)
    QApplication.setApplicationDisplayName(app_module.APP_NAME)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app_module.speak(app, speaking())
    camera = Camera(app, folder)
    window = app_module.build_window(app_module.parse_arguments([]))
    if size is not None:
        window.resize(*size)
    window.show()
    doc = window.document
    try:
        for index, step in enumerate(("customers", "message", "preview", "send")):
            window.show_step(step)
            camera.grab(window, f"00-start-{index + 1}-{step}.png", size)

        app_module.load_sample(window)  # what `apology-composer --sample` does
        wait_until(app, lambda: doc.checkup is not None and not doc.busy, what="the sample")
        window.show_step("customers")
        camera.grab(window, "01-customers.png", size)
        customers = window.pages["customers"]
        for field, op, value in (
            ("country", audience.ONE_OF, "GB, DE, FR"),
            ("order", audience.GREATER, "10500"),
        ):
            customers.add_condition_button.click()
            row = customers.condition_rows[-1]
            row.field.setCurrentIndex(row.field.findData(field))
            row.op.setCurrentIndex(row.op.findData(op))
            row.value.setText(value)
        wait_until(app, lambda: doc.checkup is not None and not doc.busy, what="the filter")
        camera.grab(window, "01-customers-filter.png", size)
        while customers.condition_rows:
            customers.condition_rows[-1].remove.click()
        wait_until(
            app,
            lambda: doc.checkup is not None and not doc.busy and not doc.filter.conditions,
            what="the filter to go",
        )

        window.show_step("message")
        camera.grab(window, "02-message.png", size)
        body = window.pages["message"].body
        sample_body = body.toPlainText()
        edited = sample_body
        for pattern, replacement in FIELDS_BODY_EDITS:
            edited = re.sub(pattern, replacement, edited)
        body.setPlainText(edited)
        wait_until(
            app,
            lambda: doc.checkup is not None and not doc.busy and doc.checkup.missing,
            what="the fields to be checked",
        )
        camera.grab(window, "02-message-fields.png", size)
        body.setPlainText(sample_body)
        wait_until(
            app,
            lambda: doc.checkup is not None and not doc.busy and not doc.checkup.missing,
            what="the sample apology again",
        )

        window.show_step("preview")
        preview = window.pages["preview"]
        wait_until(app, lambda: getattr(preview, "current", -1) >= 0, what="the preview")
        preview.jump_to_row(8)  # a customer with no first name: called out
        camera.grab(window, "03-preview.png", size)

        window.show_step("send")
        send = window.pages["send"]
        camera.grab(window, "04-send-before.png", size)
        send.ask_save_path = lambda: home / "sample.apology"
        send.test_box.button.click()
        wait_until(
            app,
            lambda: doc.checkup is not None and doc.checkup.test.tested and not doc.busy,
            what="the test send",
        )
        send.confirm.setText(str(send.to_send()))
        done: list[object] = []
        send.sendFinished.connect(done.append)
        send.sendFailed.connect(done.append)
        send.send_button.click()
        wait_until(app, lambda: bool(done), timeout=120, what="the practice send")
        wait_until(app, lambda: not send.sending() and not doc.busy, what="the end of the send")
        settle(app, 0.6)
        camera.grab(window, "04-send.png", size)

        if size is None:  # the two dialogs have their own size, whatever the window's
            send.account_box.outbox_button.click()
            viewer = send.account_box.viewer  # at its own size, as a person first sees it
            viewer.list.setCurrentRow(min(2, viewer.list.count() - 1))
            camera.grab(viewer, "05-practice-outbox.png")
            viewer.close()

            from ui.account_dialog import AccountDialog

            dialog = AccountDialog(window.worker, parent=window)
            dialog.display_name.setText("Sam Baker")
            dialog.address.setText("sam.baker@gmail.com")
            dialog.show()
            camera.grab(dialog, "06-account.png")
            dialog.close()
    finally:
        doc.dirty = False
        send_page = window.pages.get("send")
        if hasattr(send_page, "shutdown"):
            send_page.shutdown()
        window.close()
        window.worker.stop()
    return camera.findings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), help="take only this size, here")
    arguments = parser.parse_args(argv)
    own = OUT if speaking() == "en" else OUT / speaking()
    if arguments.size is not None:
        folder = own if arguments.size == "default" else own / arguments.size
        folder.mkdir(parents=True, exist_ok=True)
        return 1 if take(SIZES[arguments.size], folder) else 0
    # each size in a process of its own: a fresh app, as a person would start it
    worst = 0
    for name in SIZES:
        started = time.monotonic()
        code = subprocess.call([sys.executable, __file__, "--size", name])
        print(f"{name} size: {time.monotonic() - started:.0f} s, exit status {code}")
        worst = max(worst, code)
    if worst:
        print("screenshots: some texts do not fit (the 'clipped:' lines above)", file=sys.stderr)
    where = own.relative_to(ROOT)
    print(f"Screenshots are in {where}/ and {where}/small/.")
    return worst


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip the interpreter's final garbage collection: PySide6 6.12 can crash there on
    # objects Qt already deleted, which would turn a good run into a failed one.
    os._exit(code)

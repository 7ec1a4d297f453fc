"""Drive the real app on the sample campaign and save a PNG of each step in docs/screenshots/.

Run by ``docs/make_screenshots.sh`` (under Xvfb, ``QT_QPA_PLATFORM=xcb``); also works with
``QT_QPA_PLATFORM=offscreen``. Uses a private settings/data folder, so the practice outbox
starts empty and nothing of the person's own setup appears in the pictures.

The Send picture is taken after a practice send (into the built-in practice outbox), so the
progress and the result show.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1280, 820)


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


def grab(app, widget, name: str) -> Path:
    settle(app)
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"screenshots: could not write {path}")
    print(f"saved {path.relative_to(ROOT)}")
    return path


def main() -> int:
    sys.path.insert(0, str(ROOT))
    home = Path(tempfile.mkdtemp(prefix="apology-screenshots-"))
    os.environ["APOLOGY_COMPOSER_CONFIG_DIR"] = str(home / "config")
    os.environ["APOLOGY_COMPOSER_DATA_DIR"] = str(home / "data")
    OUT.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from ui import app as app_module

    QApplication.setApplicationName(app_module.APP_NAME)
    QApplication.setApplicationDisplayName(app_module.APP_NAME)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = app_module.build_window(app_module.parse_arguments(["--sample"]))
    window.resize(*SIZE)
    window.show()
    doc = window.document
    try:
        wait_until(app, lambda: doc.checkup is not None and not doc.busy, what="the sample")
        window.show_step("customers")
        grab(app, window, "01-customers.png")

        window.show_step("message")
        grab(app, window, "02-message.png")

        window.show_step("preview")
        preview = window.pages["preview"]
        wait_until(app, lambda: getattr(preview, "current", -1) >= 0, what="the preview")
        preview.jump_to_row(8)  # a customer with no first name: called out
        grab(app, window, "03-preview.png")

        window.show_step("send")
        send = window.pages["send"]
        send.ask_save_path = lambda: home / "sample.apology"
        job = send.send_test()
        if job is not None:
            wait_until(app, lambda: "went to" in send.test_result.text(), what="the test send")
        send.confirm.setText(str(send.to_send()))
        done: list[object] = []
        send.sendFinished.connect(done.append)
        send.sendFailed.connect(done.append)
        send.send_button.click()
        wait_until(app, lambda: bool(done), timeout=120, what="the practice send")
        wait_until(app, lambda: not send.sending(), what="the end of the send")
        settle(app, 0.6)
        grab(app, window, "04-send.png")

        send.open_outbox()
        viewer = send.viewer
        viewer.resize(980, 620)
        viewer.list.setCurrentRow(min(2, viewer.list.count() - 1))
        grab(app, viewer, "05-practice-outbox.png")
        viewer.close()

        from ui.account_dialog import AccountDialog

        dialog = AccountDialog(window.worker, parent=window)
        dialog.display_name.setText("Sam Baker")
        dialog.address.setText("sam.baker@gmail.com")
        dialog.show()
        grab(app, dialog, "06-account.png")
        dialog.close()
    finally:
        doc.dirty = False
        send_page = window.pages.get("send")
        if hasattr(send_page, "shutdown"):
            send_page.shutdown()
        window.close()
        window.worker.stop()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip the interpreter's final garbage collection: PySide6 6.12 can crash there on
    # objects Qt already deleted, which would turn a good run into a failed one.
    os._exit(code)

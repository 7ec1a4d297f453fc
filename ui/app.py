"""``apology-composer``: start the desktop app.

apology-composer                      an empty campaign (or the recovery question)
apology-composer --sample             the built-in sample customers and apology
apology-composer CAMPAIGN.apology     open a campaign (what a double-click does)
apology-composer customers.xlsx       start a campaign from a spreadsheet
apology-composer --self-test          check this installation and print one JSON line
apology-composer --language de        in German this time (de, fr, es, en)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.main_window import MainWindow

APP_NAME = "Apology Composer"


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The app's own options; anything else (Qt's ``-platform`` and such) is left for Qt.

    ``--help`` and ``--version`` print and exit here, before any QApplication exists, so
    they need no display."""
    from composer import language
    from composer.version import VersionAction

    examples = [line for line in (__doc__ or "").splitlines()[1:] if line.strip()]
    parser = argparse.ArgumentParser(
        prog="apology-composer",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
        description=(
            "Open Apology Composer, to send one personal apology to every affected customer,\n"
            "each in their own e-mail, from your own mailbox."
        ),
        epilog=("Examples:\n" + "\n".join("  " + line for line in examples)) if examples else None,
    )
    what = parser.add_argument_group("what to open (optional)")
    what.add_argument(
        "path",
        nargs="?",
        metavar="FILE",
        help="a campaign you saved (.apology), or a spreadsheet of customers "
        "(.xlsx, .xlsm, .xls, .ods, .csv) to start a new campaign from",
    )
    options = parser.add_argument_group("options")
    options.add_argument(
        "--sample", action="store_true", help="open the built-in sample campaign to try things out"
    )
    options.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (sample, messages, campaign file, practice "
        "send, password and certificate stores, window), print one JSON line and quit",
    )
    options.add_argument(
        "--language",
        choices=sorted(language.LANGUAGES),
        help="speak this language this time (else the one chosen in Settings, else the system's)",
    )
    options.add_argument("--version", action=VersionAction)
    options.add_argument("-h", "--help", action="help", help="show this help and quit")
    known, _qt_arguments = parser.parse_known_args(list(argv))
    return known


def speak(app: QCoreApplication, code: str | None = None) -> str:
    """Install the language to speak: ``code``, else the one chosen in Settings, else the
    system's; returns it."""
    from ui import translations
    from ui.widgets import app_settings

    chosen = code or translations.chosen(str(app_settings().value(translations.SETTING, "")))
    return translations.install(app, chosen)


def load_sample(window: object) -> None:
    """Fill the window's document with the sample customers, apology and shared code."""
    import resources
    from composer import codes, template
    from composer.errors import ComposerError
    from composer.language import current

    document = window.document  # type: ignore[attr-defined]
    try:
        apology = template.load(resources.resource_path(*resources.sample_apology(current())))
        customers = resources.resource_path(*resources.SAMPLE_CUSTOMERS)
    except (ComposerError, FileNotFoundError) as error:
        document.problem.emit(str(error))
        return
    document.set_template(apology)
    document.set_code_plan(codes.CodePlan(kind=codes.SHARED, shared=resources.SAMPLE_SHARED_CODE))
    document.load_spreadsheet(customers)


class FileOpener(QObject):
    """macOS hands a double-clicked campaign (or one dropped on the Dock icon) to the running
    app as a FileOpen event, not as an argument: open it in the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FileOpen:
            from PySide6.QtGui import QFileOpenEvent

            assert isinstance(event, QFileOpenEvent)
            self.window.open_file(Path(event.file()))
            return True
        return False


def build_window(arguments: argparse.Namespace) -> MainWindow:
    """The worker and the main window, with the file or sample from the command line."""
    from ui.main_window import MainWindow
    from ui.worker import Worker

    worker = Worker()
    window = MainWindow(worker)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(worker.stop)
        app.installEventFilter(FileOpener(window))
    if arguments.path:
        path = Path(arguments.path)
        QTimer.singleShot(0, lambda: window.open_file(path))
    elif arguments.sample:
        load_sample(window)
    else:
        QTimer.singleShot(0, window.offer_recovery)
    return window


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    arguments = parse_arguments(argv)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setDesktopFileName("apology-composer")
    if arguments.self_test:
        from ui import self_test

        return self_test.main()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    speak(app, arguments.language)
    window = build_window(arguments)
    window.show()
    try:
        return app.exec()
    finally:
        window.worker.stop()


if __name__ == "__main__":
    sys.exit(main())

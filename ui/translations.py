"""The app in the person's language: Qt's translation files, built and installed.

The marked strings of ``ui/`` live in ``resources/translations/apology-composer-de.ts`` (and
``-fr``, ``-es``), kept by ``make translations`` (``pyside6-lupdate``); ``-en.ts`` holds only
English's plural forms of the strings with a count (``%Ln``: "1 row", "2 rows"). ``build`` turns
each ``.ts`` into the ``.qm`` Qt reads (``pyside6-lrelease``) and compiles the engine's catalogues;
the Makefile, the packaging and the tests call it, so the built files are never committed.

``install`` loads the chosen language (the settings' choice, else the system's), Qt's own
``qtbase`` translations for the standard dialogs, the matching ``QLocale`` for numbers and
dates, and the engine's catalogue, so every sentence on screen is in one language.

    python -m ui.translations          # build what is out of date
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from composer import language

FOLDER = language.FOLDER
NAME = "apology-composer"
SETTING = "language"  # in the app's own settings: a language code, or "" for the system's


def ts_path(code: str) -> Path:
    return FOLDER / f"{NAME}-{code}.ts"


def shipped() -> list[str]:
    """The languages the app ships besides English, from the files it holds (English's own
    file holds only its plural forms: "1 row", "2 rows")."""
    codes = (p.stem.removeprefix(f"{NAME}-") for p in FOLDER.glob(f"{NAME}-*.ts"))
    return sorted(code for code in codes if code != language.SOURCE)


def _tool(name: str) -> Path:
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "bin" / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"Qt's {name} is not part of this PySide6 ({folder}).")


def build() -> list[Path]:
    """Every ``.qm`` older than its ``.ts``, and the engine's ``.mo`` files; returns them."""
    written = []
    for code in [language.SOURCE, *shipped()]:
        ts = ts_path(code)
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run(
            [str(_tool("lrelease")), "-silent", str(ts), "-qm", str(qm)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        written.append(qm)
    return written + language.compile_catalogues()


def update() -> None:
    """``make translations``: the ``.ts`` files take in every marked string of ``ui/``, and
    the engine's ``.po`` files every sentence of ``composer/`` (new ones untranslated, gone ones
    dropped, the kept ones' translations untouched)."""
    root = Path(__file__).resolve().parent
    sources = sorted(str(p) for p in root.rglob("*.py"))
    for code in [language.SOURCE, *shipped()]:
        subprocess.run(
            [str(_tool("lupdate")), "-silent", "-no-obsolete", "-locations", "none"]
            + (["-pluralonly"] if code == language.SOURCE else [])
            + ["-target-language", code]
            + [*sources, "-ts", str(ts_path(code))],
            check=True,
        )
    language.update_catalogues(shipped())


def chosen(setting: str) -> str:
    """The language to speak: the settings' choice, else the system's, else English."""
    if setting in language.LANGUAGES:
        return setting
    return language.best(QLocale.system().uiLanguages())


def install(app: QCoreApplication, code: str) -> str:
    """Speak ``code`` in the app and the engine from now on; returns the language spoken."""
    code = language.use(code)
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    QLocale.setDefault(QLocale(code))
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    own = (f"{NAME}-{code}", str(FOLDER))  # for English, only its plural forms
    for name, folder in [own] if code == language.SOURCE else [(f"qtbase_{code}", qt_folder), own]:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    return code


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        update()
    for path in build():
        print(f"built {path.relative_to(FOLDER.parent.parent)}")

"""The app and the engine in German, French and Spanish: every marked string translated in every
shipped language with the same placeholders, the .qm and .mo files built in this run, and the
window speaking the chosen language through Qt's own lookup."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel

from composer import language
from ui import translations

SHIPPED = translations.shipped()
# what a translation must keep: {fields}, %1 and %s, Qt's count %n and %Ln, HTML tags
HOLDERS = re.compile(r"\{[^{}]*\}|%\d|%[sd]|%L?n|<[^>]+>")


def holders(text: str) -> Counter[str]:
    return Counter(HOLDERS.findall(text))


def accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def ts_messages(path: Path) -> list[tuple[str, str, ET.Element | None]]:
    root = ET.parse(path).getroot()
    return [
        (
            context.findtext("name") or "",
            message.findtext("source") or "",
            message.find("translation"),
        )
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def translated_forms(translation: ET.Element | None) -> list[str]:
    """A translation's text, or each of its plural forms (a message with a count, %n)."""
    if translation is None:
        return [""]
    numerus = translation.findall("numerusform")
    return [form.text or "" for form in numerus] if numerus else [translation.text or ""]


def untranslated(path: Path) -> list[str]:
    wrong = []
    for context, source, translation in ts_messages(path):
        for text in translated_forms(translation):
            if not text.strip() or translation.get("type") in ("unfinished", "vanished"):
                wrong.append(f"[{context}] {source!r}: not translated")
            elif holders(text) != holders(source):
                wrong.append(f"[{context}] {source!r}: placeholders differ in {text!r}")
            elif accelerators(text) != accelerators(source):
                wrong.append(f"[{context}] {source!r}: the & shortcut differs in {text!r}")
    return wrong


def test_the_shipped_languages_are_the_ones_the_settings_offer():
    assert SHIPPED == ["de", "es", "fr"]
    assert set(language.LANGUAGES) == {language.SOURCE, *SHIPPED}


@pytest.mark.parametrize("code", SHIPPED)
def test_every_string_of_the_app_is_translated_with_its_placeholders(code, tmp_path):
    # the committed file, brought up to date with the code as `make translations` would: a
    # string marked in ui/ but missing from the file shows up here as not translated
    fresh = tmp_path / translations.ts_path(code).name
    shutil.copy(translations.ts_path(code), fresh)
    sources = sorted(str(p) for p in (Path(translations.__file__).parent).rglob("*.py"))
    subprocess.run(
        [str(translations._tool("lupdate")), "-silent", "-no-obsolete", "-locations", "none"]
        + [*sources, "-ts", str(fresh)],
        check=True,
    )
    assert len(ts_messages(fresh)) > 400
    assert untranslated(fresh) == []


@pytest.mark.parametrize("code", SHIPPED)
def test_every_sentence_of_the_engine_is_translated_with_its_placeholders(code):
    from babel.messages.pofile import read_po

    marked = [m for m in language.extract() if m.id]
    path = language.catalogue_path(code, ".po")
    assert path.exists(), f"{path.name} is missing; run make translations"
    with path.open("rb") as file:
        catalogue = read_po(file, locale=code)
    wrong = []
    for message in marked:
        found = catalogue.get(message.id, message.context)
        if found is None:
            wrong.append(f"{message.id!r}: not in {path.name}")
            continue
        if isinstance(message.id, tuple):
            forms = list(found.string) if isinstance(found.string, tuple) else []
            plural = holders(message.id[1])
            if len(forms) != catalogue.num_plurals or not all(f.strip() for f in forms):
                wrong.append(f"{message.id[1]!r}: every plural form needs its translation")
            elif holders(forms[-1]) != plural or any(not holders(f) <= plural for f in forms):
                wrong.append(f"{message.id[1]!r}: placeholders differ in {forms!r}")
        elif not found.string or not found.string.strip() or found.fuzzy:
            wrong.append(f"{message.id!r}: not translated")
        elif holders(found.string) != holders(message.id):
            wrong.append(f"{message.id!r}: placeholders differ in {found.string!r}")
    assert wrong == []


def test_the_built_files_speak_through_qt_and_gettext(qapp):
    translations.build()
    for code in SHIPPED:
        assert translations.ts_path(code).with_suffix(".qm").stat().st_size > 1000
        assert language.catalogue_path(code).exists()
    try:
        assert translations.install(qapp, "de") == "de"
        assert QCoreApplication.translate("MainWindow", "&File") == "&Datei"
        assert language.current() == "de"
        # the engine's plural rule is the language's own: French says "1 message", "0 message"
        translations.install(qapp, "fr")
        assert language.n_("{n} customer", "{n} customers", 0).format(n=0) == "0 client"
        assert language.number(12000) == "12\u202f000"
    finally:
        translations.install(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert language.number(12000) == "12,000"


def test_the_window_in_german_shows_no_english_where_a_translation_exists(qapp, qtbot, ui_worker):
    from ui.main_window import MainWindow

    translations.build()
    english = {
        source
        for _context, source, translation in ts_messages(translations.ts_path("de"))
        if translation is not None and translation.text and translation.text != source
    }
    translations.install(qapp, "de")
    try:
        window = MainWindow(ui_worker)
        qtbot.addWidget(window)
        window.show()
        left = []
        for step in window.pages:
            window.show_step(step)
            QApplication.processEvents()
            for kind in (QLabel, QAbstractButton, QGroupBox):
                for widget in window.findChildren(kind):
                    text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
                    if widget.isVisible() and text in english:
                        left.append(f"{step}: {type(widget).__name__} {text!r}")
        for action in window.menuBar().actions():
            if action.text() in english:
                left.append(f"menu {action.text()!r}")
        assert left == []
        assert window.menuBar().actions()[0].text() == "&Datei"
    finally:
        translations.install(qapp, "en")


def test_the_language_chosen_in_settings_is_the_one_the_next_start_speaks(
    qapp, main_window, monkeypatch
):
    from ui import app as app_module
    from ui.widgets import app_settings

    german = next(a for a in main_window.language_actions.actions() if a.data() == "de")
    german.trigger()
    assert app_settings().value(translations.SETTING) == "de"
    assert "Deutsch" in main_window.statusBar().currentMessage()
    try:
        assert app_module.speak(qapp) == "de"  # what main() does at the next start
        assert language.current() == "de"
        assert app_module.speak(qapp, "fr") == "fr"  # --language fr, this time only
    finally:
        translations.install(qapp, "en")
        app_settings().remove(translations.SETTING)
    system = next(a for a in main_window.language_actions.actions() if a.data() == "")
    system.trigger()
    assert app_settings().value(translations.SETTING) == ""


def test_every_count_of_the_app_has_its_english_plural_forms(tmp_path):
    # English keeps only the strings with a count (%n) in its file: "1 row", "2 rows"
    fresh = tmp_path / translations.ts_path(language.SOURCE).name
    shutil.copy(translations.ts_path(language.SOURCE), fresh)
    sources = sorted(str(p) for p in (Path(translations.__file__).parent).rglob("*.py"))
    subprocess.run(
        [str(translations._tool("lupdate")), "-silent", "-no-obsolete", "-locations", "none"]
        + ["-pluralonly", *sources, "-ts", str(fresh)],
        check=True,
    )
    assert len(ts_messages(fresh)) >= 20
    assert untranslated(fresh) == []


# which plural form a count takes, as each language's grammar has it (French: 0 and 1 singular)
PLURAL_FORM = {
    "en": lambda n: 0 if n == 1 else 1,
    "de": lambda n: 0 if n == 1 else 1,
    "fr": lambda n: 0 if n <= 1 else 1,
}


@pytest.mark.parametrize("code", sorted(PLURAL_FORM))
@pytest.mark.parametrize(
    ("context", "source"),
    [("MainWindow", "%Ln rows left out"), ("MessagePage", "%Ln empty")],
)
def test_a_count_is_spoken_in_the_right_plural_form(qapp, code, context, source):
    from PySide6.QtCore import QLocale

    translations.build()
    found = [
        translated_forms(translation)
        for name, text, translation in ts_messages(translations.ts_path(code))
        if (name, text) == (context, source)
    ]
    assert len(found) == 1 and len(found[0]) == 2, f"{source!r} in {code}: {found}"
    singular, plural = found[0]
    try:
        translations.install(qapp, code)
        for n in (0, 1, 2, 12000):
            expected = (singular, plural)[PLURAL_FORM[code](n)]
            spoken = QCoreApplication.translate(context, source, "", n)
            # the count as the language writes it: 12,000, 12.000, 12 000
            assert spoken == expected.replace("%Ln", QLocale(code).toString(n))
    finally:
        translations.install(qapp, "en")
    if (code, source) == ("en", "%Ln rows left out"):
        assert (singular, plural) == ("%Ln row left out", "%Ln rows left out")
    if (code, source) == ("fr", "%Ln empty"):
        assert (singular, plural) == ("%Ln vide", "%Ln vides")


def test_every_word_of_the_providers_is_in_the_engine_catalogue_and_spoken(qapp):
    """The providers' names, their regions' and their password hints live in providers.json:
    each is in the catalogue, and the account dialog lists the providers in German."""
    import json

    from composer import accounts
    from resources import resource_path

    providers = json.loads(resource_path("providers.json").read_text(encoding="utf-8"))
    entries = [entry for key, entry in providers.items() if not key.startswith("_")]
    hints = {entry["password_hint"] for entry in entries}
    labels = {entry["label"] for entry in entries}
    labels |= {region["label"] for entry in entries for region in entry.get("regions", ())}
    assert len(hints) > 10 and all(hints) and len(labels) > 20
    marked = {message.id for message in language.extract() if message.id}
    assert sorted((hints | labels) - marked) == []

    translations.build()
    try:
        translations.install(qapp, "de")
        other = accounts.presets()["custom"]
        german = catalogue_text("de", other.label)
        assert other.name == german != other.label  # "Anderer Mailserver"
    finally:
        translations.install(qapp, "en")
    assert other.name == other.label


def catalogue_text(code: str, message: str) -> str:
    """``message``'s translation as the .po file itself holds it."""
    from babel.messages.pofile import read_po

    with language.catalogue_path(code, ".po").open("rb") as file:
        return read_po(file, locale=code)[message].string

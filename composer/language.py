"""Which language the product speaks, and the engine's catalogue of sentences in it.

The engine writes its sentences in English inside ``_("…")`` and ``n_("…", "…", n)``; the
catalogue of each shipped language is a gettext file, ``resources/translations/engine-de.po``
(kept by ``make translations``: ``pybabel extract`` and ``update``) compiled to ``.mo`` by
``compile_catalogues`` as part of the build. The command line and the app call ``use`` once, so
both say the same thing in the same language. Plurals follow each language's own rule (the
catalogue's ``Plural-Forms``), never an ``s`` appended.

A sentence is formatted after it is translated, with named fields, so a translator can move
them: ``_("{count} customers have no address").format(count=…)``.
"""

from __future__ import annotations

import gettext
import json
import locale as _locale
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from resources import ROOT

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

SOURCE = "en"
# Each shipped language, named in itself (as a person looks for it in a list).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
}
FOLDER = ROOT / "translations"
DOMAIN = "engine"

_current = SOURCE
_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def catalogue_path(language: str, suffix: str = ".mo") -> Path:
    return FOLDER / f"{DOMAIN}-{language}{suffix}"


def best(preferences: Iterable[str]) -> str:
    """The first shipped language among locale names such as "de_AT", "fr-CA" or "es"."""
    for name in preferences:
        code = name.replace("-", "_").split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE


def from_environment() -> str:
    """The language the person's session asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    names: list[str] = []
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            names += value.split(":")
            break
    if not names:
        try:
            names = [_locale.getlocale()[0] or ""]
        except ValueError:
            names = []
    return best(n for n in names if n not in ("C", "POSIX", ""))


def use(language: str) -> str:
    """Speak ``language`` from now on (an unknown one falls back to English); returns it."""
    global _current, _catalogue
    language = language if language in LANGUAGES else SOURCE
    # not built: the English sentences still say everything
    _current, _catalogue = language, _read(language) or gettext.NullTranslations()
    return language


def _read(language: str) -> gettext.GNUTranslations | None:
    """The built catalogue of a shipped language; None for English or when not built."""
    if language == SOURCE:
        return None
    try:
        with catalogue_path(language).open("rb") as file:
            return gettext.GNUTranslations(file)
    except OSError:
        return None


def current() -> str:
    return _current


def _(message: str) -> str:
    """``message`` in the current language."""
    return _catalogue.gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    """The form of a sentence that goes with the number ``n``, by the language's own rule."""
    return _catalogue.ngettext(singular, plural, n)


_letter_catalogues: dict[str, gettext.NullTranslations] = {}


def in_language(language: str, message: str) -> str:
    """``message`` in ``language`` (a locale such as "de_AT", or a code), whatever the app
    speaks: for the words written into a customer's letter, which follow the letter's language
    (``Template.language``), never the owner's. An unknown language, or a catalogue not built
    yet, gives the English sentence. Each language's catalogue is read once."""
    code = best([language])
    catalogue = _letter_catalogues.get(code) or _read(code)
    if catalogue is None:
        return message  # English, or not built (yet): asked again next time
    _letter_catalogues[code] = catalogue
    return catalogue.gettext(message)


def N_(message: str) -> str:
    """Marks a sentence kept in a constant for the catalogue; ``_(CONSTANT)`` translates it
    where it is said (the language can change after the module is imported)."""
    return message


def number(n: float) -> str:
    """``n`` written as the current language writes numbers ("12,000", "12.000", "12 000")."""
    if _current == SOURCE:
        return f"{n:,}"
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_current)


# How the engine marks its sentences, for ``pybabel extract`` (see ``extract``).
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "count": (2, 3)}


def extract() -> Catalog:
    """Every sentence the engine marks, as a catalogue template (no translations)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="Apology Composer", domain=DOMAIN)
    source = Path(__file__).resolve().parent
    for _file, _line, message, _comments, context in extract_from_dir(
        source, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(message, locations=[], context=context)
    # the providers' names, their regions' and their password hints are the engine's words
    # kept in a data file, said with ``_()`` (composer.accounts: Preset.name, preset_hint)
    providers = json.loads((ROOT / "providers.json").read_text(encoding="utf-8"))
    names = ["A mail provider's name as the person picks it: keep a brand as it is."]
    for key, entry in providers.items():
        if key.startswith("_"):
            continue
        template.add(entry["label"], locations=[], auto_comments=names)
        for region in entry.get("regions", ()):
            template.add(region["label"], locations=[], auto_comments=names)
        if entry.get("password_hint"):
            template.add(entry["password_hint"], locations=[])
    return template


def update_catalogues(languages: Iterable[str]) -> None:
    """Each language's ``engine-XX.po`` takes in the sentences of ``extract``; a new language
    starts with an empty catalogue."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = extract()
    for code in languages:
        path = catalogue_path(code, ".po")
        if path.exists():
            with path.open("rb") as file:
                catalogue = read_po(file, locale=code)
        else:
            catalogue = Catalog(
                locale=code,
                project="Apology Composer",
                domain=DOMAIN,
                header_comment=f"# The engine's sentences in {LANGUAGES.get(code, code)}.",
                fuzzy=False,
            )
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        with path.open("wb") as file:
            write_po(file, catalogue, width=100, omit_header=False, no_location=True)


def compile_catalogues() -> list[Path]:
    """Compile every ``engine-*.po`` that is newer than its ``.mo``; returns what it wrote."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(FOLDER.glob(f"{DOMAIN}-*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as file:
            catalogue = read_po(file)
        with mo.open("wb") as file:
            write_mo(file, catalogue)
        written.append(mo)
    return written

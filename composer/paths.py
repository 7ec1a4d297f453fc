"""Where Apology Composer keeps its own files: the one place for every folder.

Settings and accounts live in the user's configuration folder, drafts and the practice outbox
in the user's data folder. ``APOLOGY_COMPOSER_CONFIG_DIR`` and ``APOLOGY_COMPOSER_DATA_DIR``
override them (the tests use private folders, so a real user's files are never touched).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "apology-composer"
CONFIG_DIR_ENV = "APOLOGY_COMPOSER_CONFIG_DIR"
DATA_DIR_ENV = "APOLOGY_COMPOSER_DATA_DIR"


def config_dir() -> Path:
    """Settings and saved accounts."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Drafts of unsaved work and the practice outbox."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))

"""The app's version, from one place: pyproject.toml, through the installed distribution.

``version()`` reads the installed distribution's metadata (written from pyproject.toml when
the package is installed, editable or not); when the metadata is missing (running from a
source folder that was never installed) it reads pyproject.toml beside the package instead.
"""

from __future__ import annotations

import argparse
import sys
from functools import cache
from pathlib import Path

DISTRIBUTION = "apology-composer"
PROGRAM = "apology-composer"
UNKNOWN = "unknown"


@cache
def version() -> str:
    """The version string, e.g. "0.1.0" ("unknown" if neither source has one)."""
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _from_pyproject(Path(__file__).resolve().parent.parent / "pyproject.toml")


@cache
def summary() -> str:
    """The one-sentence description of the app (pyproject.toml's ``description``)."""
    from importlib import metadata

    try:
        return metadata.metadata(DISTRIBUTION)["Summary"] or ""
    except metadata.PackageNotFoundError:
        return ""


def version_line() -> str:
    """What ``--version`` prints: ``apology-composer 0.1.0``."""
    return f"{PROGRAM} {version()}"


class VersionAction(argparse.Action):
    """``--version`` for an argparse parser: prints ``version_line()`` and exits 0.

    Like argparse's own ``action="version"``, but the version is looked up only when the
    option is given, so an ordinary start does not pay for reading the metadata."""

    def __init__(
        self,
        option_strings: list[str],
        dest: str = argparse.SUPPRESS,
        default: str = argparse.SUPPRESS,
        help: str = "show the version number and quit",
    ) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,  # none: nargs=0
        option_string: str | None = None,
    ) -> None:
        out = sys.stdout  # None in a windowed app on Windows: nothing to print to
        if out is not None:
            out.write(version_line() + "\n")
            out.flush()
        parser.exit()


def _from_pyproject(path: Path) -> str:
    import tomllib

    try:
        with path.open("rb") as f:
            project = tomllib.load(f).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return UNKNOWN
    found = project.get("version") if isinstance(project, dict) else None
    return found if isinstance(found, str) and found else UNKNOWN

"""The installed commands, run as real processes: ``--version`` and ``--help`` on both.

Neither needs a display: they answer before any QApplication exists."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest

from composer import version

SCRIPTS = ("apology-composer-cli", "apology-composer")
EXPECTED = f"apology-composer {importlib.metadata.version('apology-composer')}"


def _script(name: str) -> Path:
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return candidate
    raise AssertionError(f"{name} is not installed beside {sys.executable}")


def _run(name: str, *arguments: str, env: dict[str, str] | None = None):
    return subprocess.run(
        [str(_script(name)), *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


def _without_display() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return env


def test_the_version_comes_from_the_installed_distribution() -> None:
    assert version.version_line() == EXPECTED
    assert version.version() == importlib.metadata.version("apology-composer")


def test_the_version_falls_back_to_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "apology-composer"\nversion = "9.8.7"\n')
    assert version._from_pyproject(pyproject) == "9.8.7"
    assert version._from_pyproject(tmp_path / "missing.toml") == version.UNKNOWN
    real = Path(version.__file__).resolve().parent.parent / "pyproject.toml"
    assert version._from_pyproject(real) == importlib.metadata.version("apology-composer")


@pytest.mark.parametrize("name", SCRIPTS)
def test_version(name: str) -> None:
    done = _run(name, "--version", env=_without_display())
    assert done.returncode == 0, done.stderr
    assert done.stdout == EXPECTED + "\n"
    assert done.stderr == ""


@pytest.mark.parametrize("name", SCRIPTS)
def test_help(name: str) -> None:
    done = _run(name, "--help", env=_without_display())
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: {name} ")
    assert "--version" in done.stdout and done.stderr == ""
    if name == "apology-composer":
        assert "--sample" in done.stdout
        assert ".apology" in done.stdout and "spreadsheet" in done.stdout
        assert "Examples:" in done.stdout
        # Plain text for a person: no reStructuredText marks, no Qt options.
        assert "``" not in done.stdout and "-platform" not in done.stdout


def test_the_app_answers_version_and_help_without_starting_qt() -> None:
    """With no display and a Qt platform that does not exist, creating a QApplication would
    abort the process; ``--version`` and ``--help`` must answer before that point."""
    env = _without_display()
    env["QT_QPA_PLATFORM"] = "no-such-platform"
    for option in ("--version", "--help"):
        done = _run("apology-composer", option, env=env)
        assert done.returncode == 0, done.stderr
        assert done.stderr == "", done.stderr
    assert _run("apology-composer", "--version", env=_without_display()).stdout == EXPECTED + "\n"


def test_the_self_test_exercises_the_installation_and_prints_one_json_line(tmp_path) -> None:
    import json

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    done = _run("apology-composer", "--self-test", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    [line] = done.stdout.splitlines()
    report = json.loads(line)
    assert report["ok"] is True and report["version"] == version.version()
    names = [c["name"] for c in report["checks"]]
    assert names == [
        "load the sample workbook",
        "fill in every message",
        "create a campaign file",
        "send through the practice outbox",
        "check the journal",
        "password store",
        "certificate store",
        "main window",
    ]
    assert all(c["ok"] for c in report["checks"])
    sent = next(c for c in report["checks"] if c["name"] == "send through the practice outbox")
    people = int(sent["detail"].split()[0])
    assert people > 0 and f"({people} kept)" in sent["detail"]
    assert report["keyring"] and report["trust"]
    assert list(tmp_path.iterdir()) == []  # the test campaign and outbox are cleaned away

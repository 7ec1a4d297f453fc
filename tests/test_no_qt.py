"""The engine never imports Qt, and the command line starts without heavy libraries.

Both are checked in a fresh interpreter, because this test process may already hold PySide6
(pytest-qt loads it) and whatever other tests imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

IMPORT_ALL = """
import importlib, json, pkgutil, sys
import composer
names = ["composer"]
for info in pkgutil.walk_packages(composer.__path__, "composer."):
    if info.name.endswith("__main__"):
        continue  # running it would start the CLI
    importlib.import_module(info.name)
    names.append(info.name)
print(json.dumps({"imported": names, "loaded": sorted(sys.modules)}))
"""

START_CLI = """
import json, sys
from composer import cli
cli.parser()
print(json.dumps(sorted(sys.modules)))
"""


def _fresh(code: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_no_composer_module_imports_qt():
    result = _fresh(IMPORT_ALL)
    expected = {
        f"composer.{p.stem}" for p in (ROOT / "composer").glob("*.py") if p.stem != "__init__"
    }
    assert expected <= set(result["imported"])  # every module really was imported
    assert "composer.cli.prepare" in result["imported"]
    qt = [m for m in result["loaded"] if m.split(".")[0] in ("PySide6", "shiboken6")]
    assert qt == []


def test_starting_the_command_line_loads_no_heavy_library():
    loaded = {m.split(".")[0] for m in _fresh(START_CLI)}
    heavy = {"openpyxl", "jinja2", "email_validator", "markdown_it", "aiosmtplib", "keyring"}
    assert loaded & heavy == set()
    assert not loaded & {"PySide6", "shiboken6"}

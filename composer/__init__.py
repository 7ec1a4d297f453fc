"""Apology Composer's engine: spreadsheet → recipients → messages → campaign → delivery.

Pure Python, no Qt. The desktop app (``ui``) and the CLI (``composer.cli``) drive the same code.
The version has one source, pyproject.toml: ``composer.version.version()``.
"""

"""Apology Composer's engine: spreadsheet → recipients → messages → campaign → delivery.

Pure Python, no Qt. The desktop app (``ui``) and the CLI (``composer.cli``) drive the same code.
"""

__version__ = "0.1.0"

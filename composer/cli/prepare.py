"""Sub-commands (placeholder until implemented)."""

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's sub-commands; each sets ``run=callable(args) -> exit code``."""

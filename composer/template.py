"""The apology: one subject and one body with personal fields, rendered per recipient.

Jinja2's SandboxedEnvironment, plain text by default; an optional Markdown body also yields an
HTML alternative in which field values are escaped and never read as Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from composer.recipients import Recipient


@dataclass(frozen=True, slots=True)
class Template:
    subject: str
    body: str
    markdown: bool = False
    reply_to: str | None = None
    # per-field text used when a recipient's value is blank (the app's "fallback" boxes);
    # inside the template, {{ first_name or "there" }} does the same.
    fallbacks: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Draft:
    """One rendered apology, before it becomes an e-mail. Exactly one recipient."""

    row: int
    to_name: str
    to_address: str
    subject: str
    text: str
    html: str | None = None
    code: str | None = None


def parse(text: str, *, markdown: bool = False) -> Template:
    """Read the template file format: header lines, a blank line, the body."""
    raise NotImplementedError


def load(path: str | Path) -> Template:
    raise NotImplementedError


def dump(template: Template) -> str:
    raise NotImplementedError


def fields_used(template: Template) -> set[str]:
    raise NotImplementedError


class Renderer:
    """A template compiled once, rendered many times."""

    def __init__(self, template: Template, known_fields: list[str]):
        raise NotImplementedError

    def render(self, recipient: Recipient, code: str | None = None) -> Draft:
        raise NotImplementedError

"""What is being prepared: one frozen value holding everything a mailing is made of.

The customers (table and column map), the apology, who it is from, the discount codes, the
attachments, the filter, the do-not-contact list and how fast to send. ``check``, the campaign
file, the preview and the sender all take this one value; the app holds it and replaces it
whole on every edit, so a check or a preview running in the background always sees one
consistent mailing, never half an edit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from composer.attachments import AttachmentPlan
from composer.audience import Filter
from composer.codes import CodePlan
from composer.language import N_, _
from composer.limiter import DEFAULT_CONNECTIONS, MAX_CONNECTIONS
from composer.message import Identity
from composer.recipients import ColumnMap
from composer.template import Template

if TYPE_CHECKING:
    from composer.table import Table

NO_SENDER = Identity(name="", address="")
# Stands in for the sender in a preview made before any account is chosen (a reserved domain,
# so it can never be a real mailbox); sending refuses it. See ``placeholder_sender``.
PLACEHOLDER_ADDRESS = "you@example.invalid"
# Translators: the sender's name shown in a preview before any account is chosen
PLACEHOLDER_NAME = N_("Your Name")


def placeholder_sender() -> Identity:
    """The stand-in sender, named in the app's language (the owner reads it), at the moment
    it is asked for: "Your Name <you@example.invalid>"."""
    return Identity(name=_(PLACEHOLDER_NAME), address=PLACEHOLDER_ADDRESS)


@dataclass(frozen=True, slots=True)
class Settings:
    """How to send. There is deliberately no field for a password: it lives in the keyring."""

    account: str | None = None  # name of the saved account (composer.accounts)
    connections: int = DEFAULT_CONNECTIONS
    rate: int | None = None  # messages per minute; None: the account's or provider's default
    daily_cap: int | None = None


@dataclass(frozen=True, slots=True)
class Mailing:
    """One apology mailing as it stands. ``table`` None: no customer list opened yet;
    ``columns`` None: the address and name columns are detected when the list is read."""

    table: Table | None = None
    columns: ColumnMap | None = None
    template: Template = field(default_factory=lambda: Template(subject="", body=""))
    identity: Identity = NO_SENDER
    code_plan: CodePlan = field(default_factory=CodePlan)
    attachments: AttachmentPlan = field(default_factory=AttachmentPlan)
    suppress: frozenset[str] = frozenset()
    filter: Filter = field(default_factory=Filter)
    settings: Settings = field(default_factory=Settings)

    def changed(self, **parts: object) -> Mailing:
        """A copy with some parts replaced (the value itself never changes)."""
        return replace(self, **parts)  # type: ignore[arg-type]

    def with_list(self, table: Table, columns: ColumnMap | None = None) -> Mailing:
        """This mailing with another customer list. The column choices and the filter stay
        when the new list has the same columns; otherwise the columns are detected again and
        the filter (which names the old columns) is cleared."""
        from composer.recipients import detect_columns

        same = self.table is not None and self.table.fields == table.fields
        if columns is None:
            columns = self.columns if same and self.columns is not None else detect_columns(table)
        kept = self.filter if same else Filter(match_all=self.filter.match_all)
        return self.changed(table=table, columns=columns, filter=kept)

    def fingerprint(self) -> str:
        """A short digest of what each customer reads: the apology, its fallbacks, who it is
        from, the discount codes and the attached files. A test to yourself counts for the
        mailing whose fingerprint it carries; any edit of these parts asks for a new test."""
        t, who, plan, files = self.template, self.identity, self.code_plan, self.attachments
        parts = {
            "subject": t.subject,
            "body": t.body,
            "markdown": t.markdown,
            "reply_to": t.reply_to,
            "fallbacks": sorted(t.fallbacks.items()),
            **({"unsubscribe": True} if t.unsubscribe else {}),  # old fingerprints stay valid
            **({"letter": [t.language, t.currency]} if t.language or t.currency else {}),
            "from": [who.name, who.address.lower(), who.reply_to],
            "codes": [plan.kind, plan.shared, plan.column, list(plan.pool)],
            "files": [str(p) for p in files.files],
            "file_column": files.column,
        }
        text = json.dumps(parts, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def to_data(mailing: Mailing) -> dict[str, Any]:
    """Everything but the customer rows, as JSON-friendly data (the app's autosaved draft;
    the rows are read again from the spreadsheet, named by ``source``)."""
    t, who, plan, files, cols = (
        mailing.template,
        mailing.identity,
        mailing.code_plan,
        mailing.attachments,
        mailing.columns,
    )
    table = mailing.table
    return {
        "source": str(table.source) if table is not None and table.source else None,
        "sheet": table.sheet if table is not None else None,
        "columns": asdict(cols) if cols is not None else None,
        "template": {
            "subject": t.subject,
            "body": t.body,
            "markdown": t.markdown,
            "reply_to": t.reply_to,
            "fallbacks": dict(t.fallbacks),
            "unsubscribe": t.unsubscribe,
            "language": t.language,
            "currency": t.currency,
        },
        "identity": asdict(who),
        "code_plan": {**asdict(plan), "pool": list(plan.pool)},
        "attachments": {
            "files": [str(p) for p in files.files],
            "column": files.column,
            "base_dir": str(files.base_dir) if files.base_dir else None,
        },
        "suppress": sorted(mailing.suppress),
        "filter": {
            "match_all": mailing.filter.match_all,
            "conditions": [asdict(c) for c in mailing.filter.conditions],
        },
        "settings": asdict(mailing.settings),
    }


def from_data(data: Mapping[str, Any], table: Table | None = None) -> Mailing:
    """The mailing ``to_data`` wrote, with ``table`` as its customers."""
    from composer.audience import Condition

    t = data.get("template") or {}
    c = data.get("code_plan") or {}
    a = data.get("attachments") or {}
    f = data.get("filter") or {}
    return Mailing(
        table=table,
        columns=ColumnMap(**data["columns"]) if data.get("columns") else None,
        template=Template(
            subject=t.get("subject", ""),
            body=t.get("body", ""),
            markdown=bool(t.get("markdown")),
            reply_to=t.get("reply_to"),
            fallbacks=dict(t.get("fallbacks") or {}),
            unsubscribe=bool(t.get("unsubscribe")),
            language=str(t.get("language") or ""),
            currency=str(t.get("currency") or ""),
        ),
        identity=Identity(**data["identity"]) if data.get("identity") else NO_SENDER,
        code_plan=CodePlan(
            kind=c.get("kind", "none"),
            shared=c.get("shared"),
            column=c.get("column"),
            pool=tuple(c.get("pool") or ()),
        ),
        attachments=AttachmentPlan(
            files=tuple(Path(p) for p in a.get("files") or ()),
            column=a.get("column"),
            base_dir=Path(a["base_dir"]) if a.get("base_dir") else None,
        ),
        suppress=frozenset(data.get("suppress") or ()),
        filter=Filter(
            conditions=tuple(Condition(**x) for x in f.get("conditions") or ()),
            match_all=bool(f.get("match_all", True)),
        ),
        settings=Settings(**{**asdict(Settings()), **(data.get("settings") or {})}),
    )


__all__ = [
    "DEFAULT_CONNECTIONS",
    "MAX_CONNECTIONS",
    "NO_SENDER",
    "PLACEHOLDER_ADDRESS",
    "Mailing",
    "Settings",
    "from_data",
    "placeholder_sender",
    "to_data",
]

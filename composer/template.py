"""The apology: one subject and one body with personal fields, rendered per recipient.

Jinja2's SandboxedEnvironment, plain text by default; an optional Markdown body also yields an
HTML alternative in which field values are escaped and never read as Markdown.

Fields are written ``{{ first_name }}``; every spreadsheet column is a field (its header in
lower case, other characters turned into ``_``), and ``{{ code }}`` is the discount code.

When a field is blank for some customers, sending is blocked until the template says what to
write instead. Any of these is a *fallback*:

* ``{{ first_name or "there" }}``: "there" when the cell is blank (also after a filter that
  keeps blanks blank, ``{{ first_name | title or "there" }}``, and in a chain,
  ``{{ first_name or name or "there" }}``);
* ``{{ first_name | default("there", true) }}``: the same, in Jinja's words (without the
  ``true``, Jinja's default only covers a missing column, not a blank cell, so it does not count);
* ``{% if first_name %}Dear {{ first_name }},{% else %}Hello,{% endif %}``: the field is only
  used where it has a value; ``{% if not first_name %}…{% else %}…{% endif %}``,
  ``{% if first_name != "" %}`` and ``{{ first_name if first_name else "there" }}`` work too;
* a ``Fallback: first_name = there`` line in the template file (the app's fallback boxes),
  which puts "there" wherever ``{{ first_name }}`` is blank.

A field used once with a fallback and once without still needs one for the second use.

The template file is a few header lines, a blank line, then the apology::

    Subject: Sorry about the invoice e-mails, {{ first_name or "friend" }}
    Reply-To: Sam Baker <help@bakery.example>
    Fallback: first_name = there

    Hi {{ first_name }}, ...

``Subject:`` is required; ``Reply-To:``, any number of ``Fallback:`` lines, ``Language: de_AT``
(the letter's language, in which ``| date``, ``| money`` and ``| number`` write, see
``composer.formats``) and ``Currency: EUR`` are optional. A
file named ``*.md`` is Markdown: the message also gets a formatted (HTML) version, in which a
single line break stays a line break, raw HTML in the template shows as text, and whatever a
``{{ }}`` puts in is escaped text, never Markdown or HTML. The plain-text version is the
Markdown source with the values filled in. There is no ``To:``, ``Cc:`` or ``Bcc:`` line: every
message goes to exactly one customer, taken from the spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from composer import formats, sandbox
from composer.errors import TemplateError
from composer.language import _
from composer.recipients import Recipient

if TYPE_CHECKING:
    import jinja2
    from jinja2 import TemplateSyntaxError, nodes
    from jinja2.runtime import Context
    from jinja2.sandbox import SandboxedEnvironment
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Fields every template may use, whatever the spreadsheet's columns: the discount code and the
# aliases composer.recipients puts in Recipient.fields. first_name and last_name are there only
# when such columns are mapped; where they are not, they count as blank (so sending is blocked
# until the template gives a fallback), never as an error at send time.
CODE = "code"
NAME_PARTS = ("first_name", "last_name")
ALWAYS_KNOWN = (CODE, "email", "name", *NAME_PARTS)
# A row that carries the Message-ID (and References) of a message the person wrote is answered
# in their thread: composer.correspondents makes such rows from a mailbox folder.
THREAD_ID, THREAD_REFERENCES = "their_message_id", "their_references"

HEADER_SUBJECT, HEADER_REPLY_TO, HEADER_FALLBACK = "subject", "reply-to", "fallback"
HEADER_UNSUBSCRIBE = "unsubscribe"  # "Unsubscribe: yes" turns the unsubscribe line on
HEADER_LANGUAGE, HEADER_CURRENCY = "language", "currency"  # the letter's, for dates and amounts
ADDRESS_HEADERS = ("to", "cc", "bcc")
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_TEMPLATE_BYTES = 1_000_000  # an apology is a page or two; anything bigger is the wrong file

# Filters that keep a blank value blank, so `{{ first_name | title or "there" }}` still falls back.
_BLANK_PRESERVING = frozenset(
    {"title", "upper", "lower", "capitalize", "trim", "e", "escape", "string", "striptags"}
    | formats.NAMES
)
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True, slots=True)
class Template:
    subject: str
    body: str
    markdown: bool = False
    reply_to: str | None = None
    # per-field text used when a recipient's value is blank (the app's "fallback" boxes);
    # inside the template, {{ first_name or "there" }} does the same.
    fallbacks: Mapping[str, str] = field(default_factory=dict)
    # a plain line inviting a reply "unsubscribe", and List-Unsubscribe: <mailto:…> (off by
    # default: an apology is no newsletter); see composer.message
    unsubscribe: bool = False
    # the letter's language (a locale such as "de_AT") and currency ("EUR") for the | date,
    # | money and | number filters; "" for the system's (composer.formats)
    language: str = ""
    currency: str = ""


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
    reply_to: str | None = None  # from the template; the identity's Reply-To otherwise
    in_reply_to: str | None = None  # the Message-ID of the person's message this answers
    references: str | None = None  # that message's References, as it gave them
    unsubscribe: bool = False  # the template's unsubscribe line and header
    # the letter's language, a locale such as "de_AT" (the template's, else the system's): the
    # words the message itself adds to the letter are written in it; "" for English
    language: str = ""


# ---------------------------------------------------------------- the template file format


def parse(text: str, *, markdown: bool = False) -> Template:
    """Read the template file format: header lines, a blank line, the body."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    head, sep, body = text.partition("\n\n")
    if not sep and not head.strip():
        raise TemplateError(
            "The template is empty; start it with a Subject: line, a blank line and the apology."
        )
    subject: str | None = None
    reply_to: str | None = None
    fallbacks: dict[str, str] = {}
    unsubscribe = False
    letter = {HEADER_LANGUAGE: "", HEADER_CURRENCY: ""}
    for number, line in enumerate(head.split("\n"), start=1):
        name, colon, value = line.partition(":")
        key = name.strip().lower()
        value = value.strip()
        if not colon or not key or " " in key:
            raise TemplateError(
                f"Line {number} of the template is not a header line like 'Subject: ...'; "
                "put a blank line between the Subject: line and the apology."
            )
        if key in ADDRESS_HEADERS:
            raise TemplateError(
                f"The template has a {name.strip().capitalize()}: line; every message goes to "
                "exactly one customer, taken from the spreadsheet, so remove it.",
            )
        if key == HEADER_SUBJECT:
            if subject is not None:
                raise TemplateError(
                    f"The template has a second Subject: line (line {number}); keep only one."
                )
            subject = value
        elif key == HEADER_REPLY_TO:
            reply_to = _reply_to(value, number)
        elif key == HEADER_FALLBACK:
            fname, text_ = _fallback(value, number)
            if fname in fallbacks:
                raise TemplateError(
                    f"The template gives two fallbacks for {fname} (line {number}); keep one.",
                    field=fname,
                )
            fallbacks[fname] = text_
        elif key == HEADER_UNSUBSCRIBE:
            if value.lower() not in ("yes", "no"):
                raise TemplateError(
                    f"Line {number} of the template should read 'Unsubscribe: yes' or "
                    "'Unsubscribe: no'."
                )
            unsubscribe = value.lower() == "yes"
        elif key in letter:
            letter[key] = _letter_setting(key, value, number)
        else:
            raise TemplateError(
                _(
                    "The template has an unknown header line '{name}:' (line {line}); only "
                    "Subject:, Reply-To:, Fallback:, Unsubscribe:, Language: and Currency: are "
                    "allowed before the blank line."
                ).format(name=name.strip(), line=number)
            )
    if not subject:
        raise TemplateError(
            "The template has no subject; start it with a line like 'Subject: We are sorry'."
        )
    if not body.strip():
        raise TemplateError(
            "The template has no apology text; add a blank line after the headers, then the text."
        )
    return Template(
        subject,
        body,
        markdown,
        reply_to,
        fallbacks,
        unsubscribe,
        letter[HEADER_LANGUAGE],
        letter[HEADER_CURRENCY],
    )


def _letter_setting(key: str, value: str, number: int) -> str:
    """A Language: or Currency: line's value, as composer.formats names it."""
    if key == HEADER_LANGUAGE:
        found = formats.known_locale(value)
        if found is None:
            raise TemplateError(
                _(
                    "The Language: line (line {line}) names no language this app knows; write "
                    "one such as 'Language: en_GB', 'Language: de' or 'Language: fr_CA'."
                ).format(line=number)
            )
        return found
    code = formats.known_currency(value)
    if code is None:
        raise TemplateError(
            _(
                "The Currency: line (line {line}) names no currency; write a three-letter code "
                "such as 'Currency: EUR', 'Currency: USD' or 'Currency: GBP'."
            ).format(line=number)
        )
    return code


def _reply_to(value: str, number: int) -> str:
    from email.utils import getaddresses

    addresses = getaddresses([value])
    if len(addresses) != 1 or "@" not in addresses[0][1]:
        raise TemplateError(
            f"The Reply-To: line (line {number}) must hold exactly one address, "
            "like 'Reply-To: Sam <help@shop.example>'."
        )
    return value


def _fallback(value: str, number: int) -> tuple[str, str]:
    fname, eq, text = value.partition("=")
    fname, text = fname.strip(), text.strip()
    if not eq or not _FIELD_NAME.match(fname) or not text:
        raise TemplateError(
            f"The Fallback: line (line {number}) must look like 'Fallback: first_name = there'."
        )
    return fname, text


def load(path: str | Path) -> Template:
    """Read a template file; ``.md`` means Markdown."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(
                f"The template file {path.name} is larger than 1 MB, so it is not an apology "
                "template; choose the text file that holds the apology."
            )
        raw = path.read_bytes()
    except OSError as e:
        raise TemplateError(
            f"The template file {path} cannot be read ({e.strerror or e}); check the name."
        ) from e
    try:
        if b"\0" in raw:
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "NUL byte")
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise TemplateError(
            f"The template file {path.name} is not UTF-8 text; save it as plain text (UTF-8) "
            "and try again."
        ) from e
    return parse(text, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)


def dump(template: Template) -> str:
    """The template file text; ``parse(dump(t), markdown=t.markdown) == t``."""
    lines = [f"Subject: {_one_line(template.subject)}"]
    if template.reply_to:
        lines.append(f"Reply-To: {_one_line(template.reply_to)}")
    lines += [f"Fallback: {k} = {_one_line(v)}" for k, v in template.fallbacks.items() if v]
    if template.unsubscribe:
        lines.append("Unsubscribe: yes")
    if template.language:
        lines.append(f"Language: {template.language}")
    if template.currency:
        lines.append(f"Currency: {template.currency}")
    return "\n".join(lines) + "\n\n" + template.body


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- analysis


@lru_cache(maxsize=1)
def _environments() -> tuple[SandboxedEnvironment, SandboxedEnvironment]:
    """The text environment, and the HTML one whose ``{{ }}`` outputs become placeholders, both
    with the letter's own filters (``composer.formats``)."""
    pair = sandbox.environment(), sandbox.environment(_to_placeholder)
    for env in pair:
        env.filters.update(formats.filters())
    return pair


def _to_placeholder(context: Context, text: str) -> str:
    placeholders: _Placeholders = context.parent[_PLACEHOLDERS]
    return placeholders.add(text)


def _parse_source(source: str, where: str) -> nodes.Template:
    from jinja2 import TemplateSyntaxError

    try:
        return sandbox.parse(source, _environments()[0])
    except TemplateSyntaxError as e:
        raise _syntax_error(e, where) from None


def _compile(source: str, where: str, env: SandboxedEnvironment) -> jinja2.Template:
    from jinja2 import TemplateSyntaxError

    try:
        return sandbox.compile(source, env)
    except TemplateSyntaxError as e:
        raise _syntax_error(e, where) from None


def _syntax_error(e: TemplateSyntaxError, where: str) -> TemplateError:
    reason = (e.message or "it cannot be read").split(". ")[0].rstrip(".")
    if where == "subject":
        return TemplateError(
            f"There is a template mistake in the subject ({reason}); "
            "check the {{ }} and {% %} markers in it."
        )
    return TemplateError(
        f"There is a template mistake on line {e.lineno} of the message text ({reason}); "
        "check the {{ }} and {% %} markers on that line."
    )


@dataclass(frozen=True, slots=True)
class _Analysis:
    order: tuple[str, ...]  # fields in order of first use
    unguarded: frozenset[str]  # fields output at least once with no fallback in the template


@lru_cache(maxsize=64)
def _analyse(subject: str, body: str) -> _Analysis:
    from jinja2 import meta

    walker = _Walker()
    declared: set[str] = set()
    for source, where in ((subject, "subject"), (body, "body")):
        ast = _parse_source(source, where)
        declared |= meta.find_undeclared_variables(ast)
        walker.output(ast, frozenset())
    order = tuple(n for n in dict.fromkeys(walker.order) if n in declared)
    return _Analysis(order, frozenset(walker.unguarded & declared))


class _Walker:
    """Walks the Jinja AST, noting which names are output without a fallback guarding them."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.unguarded: set[str] = set()

    def output(self, node: nodes.Node, guarded: frozenset[str]) -> None:
        """A node whose value may be written into the message."""
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.ctx == "load":
                self.order.append(node.name)
                if node.name not in guarded:
                    self.unguarded.add(node.name)
        elif isinstance(node, nodes.If):
            self.condition(node.test)
            self._each(node.body, guarded | _truthy(node.test))
            falsy = _falsy(node.test)
            for branch in node.elif_:
                self.condition(branch.test)
                self._each(branch.body, guarded | falsy | _truthy(branch.test))
                falsy = falsy | _falsy(branch.test)
            self._each(node.else_, guarded | falsy)
        elif isinstance(node, nodes.CondExpr):
            self.condition(node.test)
            self.output(node.expr1, guarded | _truthy(node.test))
            if node.expr2 is not None:
                self.output(node.expr2, guarded | _falsy(node.test))
        elif isinstance(node, nodes.Or):
            self.falls_through(node.left, guarded)
            self.output(node.right, guarded)
        elif isinstance(node, nodes.Filter) and _is_blank_default(node):
            if node.node is not None:
                self.falls_through(node.node, guarded)
            self._each(node.args, guarded)
            self._each(node.kwargs, guarded)
        else:
            self._each(node.iter_child_nodes(), guarded)

    def falls_through(self, node: nodes.Node, guarded: frozenset[str]) -> None:
        """An expression whose blank value is replaced by a fallback."""
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            self.condition(node)
        elif isinstance(node, nodes.Or | nodes.And):
            self.falls_through(node.left, guarded)
            self.falls_through(node.right, guarded)
        elif isinstance(node, nodes.Not):
            self.condition(node)
        elif isinstance(node, nodes.Filter) and node.name in _BLANK_PRESERVING and node.node:
            self.falls_through(node.node, guarded)
            self._each(node.args, guarded)
            self._each(node.kwargs, guarded)
        else:
            self.output(node, guarded)

    def condition(self, node: nodes.Node) -> None:
        """A test: its names are used but never written into the message."""
        from jinja2 import nodes

        self.order.extend(n.name for n in node.find_all(nodes.Name) if n.ctx == "load")
        if isinstance(node, nodes.Name) and node.ctx == "load":
            self.order.append(node.name)

    def _each(self, children: Iterable[nodes.Node], guarded: frozenset[str]) -> None:
        for child in children:
            self.output(child, guarded)


def _is_blank_default(node: nodes.Filter) -> bool:
    """``x | default("there", true)``: the boolean flag makes it apply to blank values too."""
    from jinja2 import nodes

    if node.name not in ("default", "d"):
        return False
    flags = node.args[1:2] + [k.value for k in node.kwargs if k.key == "boolean"]
    return any(isinstance(f, nodes.Const) and f.value for f in flags)


def _truthy(test: nodes.Node) -> frozenset[str]:
    """Names that are certainly non-blank when ``test`` is true."""
    from jinja2 import nodes

    if isinstance(test, nodes.Name):
        return frozenset((test.name,))
    if isinstance(test, nodes.And):
        return _truthy(test.left) | _truthy(test.right)
    if isinstance(test, nodes.Or):
        return _truthy(test.left) & _truthy(test.right)
    if isinstance(test, nodes.Not):
        return _falsy(test.node)
    if isinstance(test, nodes.Filter) and test.name in _BLANK_PRESERVING and test.node:
        return _truthy(test.node)
    if (
        isinstance(test, nodes.Compare)
        and isinstance(test.expr, nodes.Name)  # for the type checker (checked inside too)
        and _compares_to_blank(test, "ne")
    ):
        return frozenset((test.expr.name,))
    return frozenset()


def _falsy(test: nodes.Node) -> frozenset[str]:
    """Names that are certainly non-blank when ``test`` is false."""
    from jinja2 import nodes

    if isinstance(test, nodes.Not):
        return _truthy(test.node)
    if isinstance(test, nodes.Or):
        return _falsy(test.left) | _falsy(test.right)
    if isinstance(test, nodes.And):
        return _falsy(test.left) & _falsy(test.right)
    if (
        isinstance(test, nodes.Compare)
        and isinstance(test.expr, nodes.Name)  # for the type checker (checked inside too)
        and _compares_to_blank(test, "eq")
    ):
        return frozenset((test.expr.name,))
    return frozenset()


def _compares_to_blank(test: nodes.Compare, op: str) -> bool:
    """``name != ""`` (op "ne") or ``name == ""`` (op "eq")."""
    from jinja2 import nodes

    return (
        isinstance(test.expr, nodes.Name)
        and len(test.ops) == 1
        and test.ops[0].op == op
        and isinstance(test.ops[0].expr, nodes.Const)
        and test.ops[0].expr.value == ""
    )


def fields_used(template: Template) -> set[str]:
    """Every field the subject and body refer to (``code`` included when used)."""
    from jinja2 import meta

    used: set[str] = set()
    for source, where in ((template.subject, "subject"), (template.body, "body")):
        used |= meta.find_undeclared_variables(_parse_source(source, where))
    return used


@lru_cache(maxsize=64)
def _formatted(subject: str, body: str) -> frozenset[str]:
    from jinja2 import nodes

    found = set()
    for source, where in ((subject, "subject"), (body, "body")):
        for node in _parse_source(source, where).find_all(nodes.Filter):
            if node.name in formats.NAMES and isinstance(node.node, nodes.Name):
                found.add(node.node.name)
    return frozenset(found)


def _formatted_fields(template: Template) -> frozenset[str]:
    """The fields a ``| date``, ``| money`` or ``| number`` filter writes directly."""
    return _formatted(template.subject, template.body)


def fields_in_order(template: Template) -> tuple[str, ...]:
    """The fields used, in the order a reader meets them (for lists in the app and CLI)."""
    return _analyse(template.subject, template.body).order


# What a straight template is made of: text, fields, conditions and fallbacks. Filling one in
# can neither fail on a value nor write more than its text plus the values it prints.
_STRAIGHT_NODES = frozenset(
    {
        "Template",
        "Output",
        "TemplateData",
        "Name",
        "Const",
        "If",
        "CondExpr",
        "Or",
        "And",
        "Not",
        "Compare",
        "Operand",
        "Concat",
        "Filter",
        "Test",
        "Keyword",
    }
)
# (a date or amount filter can refuse a cell, so a template using one is filled in for everyone)
_STRAIGHT_FILTERS = (_BLANK_PRESERVING - formats.NAMES) | {
    "default",
    "d",
    "length",
    "count",
    "wordcount",
}


def is_straight(template: Template) -> bool:
    """True when the apology has no loops, macros, calls, arithmetic or look-ups (``a.b``):
    then every message is as sound as the analysis says, and ``check`` need not fill any in.
    Any other template is filled in for every customer before it is called ready."""
    from jinja2 import nodes

    for source, where in ((template.subject, "subject"), (template.body, "body")):
        for node in _parse_source(source, where).find_all(nodes.Node):
            if type(node).__name__ not in _STRAIGHT_NODES:
                return False
            if isinstance(node, nodes.Filter) and node.name not in _STRAIGHT_FILTERS:
                return False
    return True


def guarded_fields(template: Template) -> frozenset[str]:
    """Fields the apology only prints with a fallback of its own (``{{ x or "there" }}``,
    ``{% if x %}``): a blank value there never shows."""
    analysis = _analyse(template.subject, template.body)
    return frozenset(set(analysis.order) - set(analysis.unguarded))


def _fallback_texts(template: Template) -> dict[str, str]:
    return {k: v for k, v in template.fallbacks.items() if v and v.strip()}


def needs_code(template: Template) -> bool:
    """True when the apology prints ``{{ code }}`` with no fallback, so a code must be chosen."""
    analysis = _analyse(template.subject, template.body)
    return CODE in analysis.unguarded and CODE not in _fallback_texts(template)


def fields_needing_fallback(template: Template) -> list[str]:
    """The fields the apology prints with no fallback at all, in reading order (``code``
    aside: composer.codes knows where the codes come from)."""
    analysis = _analyse(template.subject, template.body)
    covered = _fallback_texts(template)
    return [f for f in analysis.order if f in analysis.unguarded and f not in covered and f != CODE]


def missing_values(template: Template, recipients: Iterable[Recipient]) -> dict[str, list[int]]:
    """For each field the apology prints without a fallback, the rows whose value is blank.

    A non-empty result blocks sending: "Hi ," must never reach a customer."""
    return blank_rows(fields_needing_fallback(template), recipients)


def blank_rows(fields: list[str], recipients: Iterable[Recipient]) -> dict[str, list[int]]:
    """For each of ``fields``, the rows whose value is blank (only fields with some)."""
    if not fields:
        return {}
    recipients = recipients if isinstance(recipients, list) else list(recipients)
    by_column = _missing_by_column(fields, recipients)
    if by_column is not None:
        return by_column
    missing: dict[str, list[int]] = {f: [] for f in fields}
    for recipient in recipients:
        values = recipient.fields
        for f in fields:
            value = values.get(f)
            if value is None:  # not a column: unknown (Renderer says so) or an unmapped name part
                if f in NAME_PARTS:
                    missing[f].append(recipient.row)
            elif not value or value.isspace():
                missing[f].append(recipient.row)
    return {f: rows for f, rows in missing.items() if rows}


# Cell types whose display text is never blank (composer.table.display).
_NEVER_BLANK = frozenset((bool, int, float, dt.date, dt.datetime, dt.time))


def _missing_by_column(
    fields: list[str], recipients: list[Recipient]
) -> dict[str, list[int]] | None:
    """missing_values for recipients straight from recipients.build (one shared RowFields
    layout), reading each used column once instead of 100k Mapping look-ups per field; None
    when the recipients came from elsewhere (the general loop then decides)."""
    from operator import attrgetter, itemgetter

    from composer.recipients import RowFields
    from composer.sharing import in_slices, let_go

    values: list[Any] = []
    for part in in_slices(recipients):
        values += map(attrgetter("fields"), part)
    if not values:
        return None
    types: set[Any] = set()
    layouts: set[int] = set()
    rows: list[Any] = []
    for part in in_slices(values):
        types.update(map(type, part))
        if types != {RowFields}:
            return None
        layouts.update(map(id, map(attrgetter("_layout"), part)))
        if len(layouts) != 1:
            return None
        rows += map(attrgetter("_row"), part)
    layout = values[0]._layout
    missing: dict[str, list[int]] = {}
    for f in fields:
        where = layout.get(f)
        if where is None:  # not a column: blank for a name part, else left to the Renderer
            blank: Sequence[int] = range(len(values)) if f in NAME_PARTS else ()
        elif where < 0:  # the address or name alias
            blank = [i for i, v in enumerate(values) if not (text := v[f]) or text.isspace()]
        else:
            cells: list[Any] = []
            for cut in in_slices(rows):
                cells += map(itemgetter(where), cut)
            blank = _blank_cells(cells)
            let_go(cells)
        if blank:
            missing[f] = [recipients[i].row for i in blank]
    let_go(values, rows)
    return missing


def _blank_cells(cells: list[Any]) -> list[int]:
    """Positions of the cells whose display text is blank; a column of plain text or of
    numbers and dates (the usual case) is settled without a Python-level loop."""
    from composer.sharing import in_slices

    kinds: set[type] = set()
    for part in in_slices(cells):
        kinds.update(map(type, part))
    if kinds == {str}:
        if not any("" in part or any(map(str.isspace, part)) for part in in_slices(cells)):
            return []
        return [i for i, c in enumerate(cells) if not c or c.isspace()]
    if kinds <= _NEVER_BLANK:
        return []
    from composer.table import display

    return [
        i
        for i, c in enumerate(cells)
        if c.__class__ not in _NEVER_BLANK and (not (text := display(c)) or text.isspace())
    ]


# ---------------------------------------------------------------- rendering

_PLACEHOLDERS = "\x00placeholders"  # a context key no template can name


class _Placeholders:
    """Collects the ``{{ }}`` outputs of one HTML render and stands an opaque token in for each.

    Tokens are letters and digits only, so Markdown passes them through untouched."""

    __slots__ = ("prefix", "pattern", "values")

    def __init__(self, prefix: str, pattern: re.Pattern[str]):
        self.prefix, self.pattern = prefix, pattern
        self.values: list[str] = []

    def add(self, value: object) -> str:
        text = str(value)
        if self.prefix in text:  # e.g. a macro's output, already holding tokens
            text = self.restore(text)
        self.values.append(text)
        return f"{self.prefix}{len(self.values) - 1}z"

    def restore(self, text: str) -> str:
        values = self.values
        return self.pattern.sub(lambda m: values[int(m[1])], text)


class Renderer:
    """A template compiled once, rendered many times."""

    def __init__(self, template: Template, known_fields: Iterable[str]):
        self.template = template
        known = set(known_fields) | set(ALWAYS_KNOWN)
        analysis = _analyse(template.subject, template.body)
        for name in analysis.order:
            if name not in known:
                raise _unknown_field(name, known)
        for name in template.fallbacks:
            if name not in known:
                raise _unknown_field(name, known, fallback=True)
        env, html_env = _environments()
        self._subject = _compile(template.subject, "subject", env)
        self._body = _compile(template.body, "body", env)
        fallbacks = _fallback_texts(template)
        self._code_fallback = fallbacks.pop(CODE, "")
        self._fallbacks = tuple(fallbacks.items())
        self._name_parts = tuple(a for a in NAME_PARTS if a in analysis.order)
        # A name cell typed with Alt+Enter ("Jean" / "Pierre") must not break "Hi Jean Pierre,"
        # across two lines; the subject and the To header already collapse such breaks.
        self._one_line = tuple(a for a in ("name", *NAME_PARTS) if a in analysis.order)
        self._needs_code = needs_code(template)
        # fields a date, money or number filter writes: they reach it with their cell behind
        # them, so a date cell is formatted as a date, never re-read from its text
        self._typed = tuple(f for f in _formatted_fields(template) if f in analysis.order)
        self._letter = {
            formats.LOCALE_KEY: template.language or formats.system_locale(),
            formats.CURRENCY_KEY: template.currency,
        }
        self._html_body = _compile(template.body, "body", html_env) if template.markdown else None
        self._markdown: MarkdownIt | None = None
        self._token = "acv" + secrets.token_hex(6) + "n"
        self._token_pattern = re.compile(re.escape(self._token) + r"(\d+)z")

    def render(self, recipient: Recipient, code: str | None = None) -> Draft:
        """The apology for one recipient; the values are used as given (already display text)."""
        values = recipient.fields
        own: dict[str, str] | None = None  # values, when they are this render's own copy
        if values.__class__ is not dict:  # a lazy row view: read each cell once, here
            values = own = dict(values)
            if self._typed:
                cell = recipient.fields.cell  # type: ignore[attr-defined]
                own.update((f, formats.Value(own[f], cell(f))) for f in self._typed if f in own)
        absent = [(a, "") for a in self._name_parts if a not in values]
        blank = [(f, t) for f, t in self._fallbacks if not (values.get(f) or "").strip()]
        broken = [
            (f, " ".join(text.split()))
            for f in self._one_line
            if (text := values.get(f)) and not text.isprintable()
        ]
        if absent or blank or broken:
            if own is None:
                own = dict(values)
            own.update(absent)
            own.update(blank)
            own.update(broken)
            values = own
        given = code if code and not code.isspace() else None
        if given is None and self._needs_code:
            raise TemplateError(
                "The apology uses {{ code }}, but no discount code was chosen for row "
                f"{recipient.row}; choose a shared code, a codes column or a codes file.",
                row=recipient.row,
                field=CODE,
            )
        code = given if given is not None else self._code_fallback
        letter = self._letter
        try:
            with sandbox.bounded():
                subject = " ".join(self._subject.render(values, code=code, **letter).split())
                text = self._body.render(values, code=code, **letter)
                html = self._html(values, code) if self._html_body is not None else None
        except Exception as e:  # a sandbox refusal or a runtime error inside the template
            raise _render_error(e, recipient.row) from e
        return Draft(
            recipient.row,
            recipient.name,
            recipient.email,
            subject,
            text,
            html,
            given,
            self.template.reply_to,
            values.get(THREAD_ID) or None,
            values.get(THREAD_REFERENCES) or None,
            self.template.unsubscribe,
            letter[formats.LOCALE_KEY],
        )

    def _html(self, values: Mapping[str, str], code: str) -> str:
        """Markdown → HTML where every ``{{ }}`` output is plain text, escaped, never markup."""
        assert self._html_body is not None  # render() asks only for a Markdown template
        placeholders = _Placeholders(self._token, self._token_pattern)
        source = self._html_body.render(
            values, code=code, **self._letter, **{_PLACEHOLDERS: placeholders}
        )
        md = self._markdown_it()
        tokens = md.parse(source)
        for token in tokens:
            self._substitute(md, token, placeholders)
        return md.renderer.render(tokens, md.options, {})

    def _substitute(self, md: MarkdownIt, token: Token, placeholders: _Placeholders) -> None:
        prefix = self._token
        if token.content and prefix in token.content:
            token.content = placeholders.restore(token.content)
        for name in ("href", "src"):
            url = token.attrs.get(name)
            if isinstance(url, str) and prefix in url:
                url = md.normalizeLink(placeholders.restore(url))
                if md.validateLink(url):
                    token.attrs[name] = url
                else:  # e.g. a javascript: value from the spreadsheet
                    del token.attrs[name]
        title = token.attrs.get("title")
        if isinstance(title, str) and prefix in title:
            token.attrs["title"] = placeholders.restore(title)
        for child in token.children or ():
            self._substitute(md, child, placeholders)

    def _markdown_it(self) -> MarkdownIt:
        if self._markdown is None:
            from markdown_it import MarkdownIt

            # A shop owner's line break is a line break, as in the plain-text version.
            self._markdown = MarkdownIt("commonmark", {"html": False, "breaks": True})
        return self._markdown


def _unknown_field(name: str, known: set[str], *, fallback: bool = False) -> TemplateError:
    # a suggestion must be a likely typo ("frist_name"), not any field sharing a few letters
    # ("order" is not "code")
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    where = f"a fallback for {name}" if fallback else f"{{{{ {name} }}}}"
    if close:
        hint = f"did you mean {close[0]}?"
    else:
        columns = sorted(known - set(ALWAYS_KNOWN))
        shown = ", ".join(columns[:12]) + (", …" if len(columns) > 12 else "")
        hint = f"use one of the fields {shown}." if columns else "check the spreadsheet's header."
    return TemplateError(
        f"The message uses {where}, but the spreadsheet has no such column; {hint}", field=name
    )


def _render_error(e: Exception, row: int) -> TemplateError:
    reason = str(e).split("\n")[0].rstrip(".") or type(e).__name__
    if isinstance(e, sandbox.Exceeded):
        return TemplateError(
            f"The apology for row {row} cannot be filled in: {reason}; make the loops, macros "
            "or arithmetic in the template smaller.",
            row=row,
        )
    if isinstance(e, TemplateError):  # a filter's own sentence, e.g. a cell that is not a date
        return TemplateError(_("Row {row}: {problem}").format(row=row, problem=e), row=row)
    return TemplateError(
        f"The apology for row {row} could not be filled in ({reason}); "
        "simplify the template at that spot.",
        row=row,
    )

"""Is this mailing sendable? One answer, computed in one place for the CLI and the app.

``run`` reads the recipients, applies the filter, checks the apology (written at all? fields
known?) against the columns, finds blank values without a fallback, checks the discount codes,
attachments and the sender, and (for the app, and for ``send``) whether this version was tried
on the sender first. It returns a ``Checkup``: every problem found plus ``blockers``, the plain
sentences that stop sending, each naming the step where it is fixed. Invalid, duplicate and
suppressed rows are reported but do not block: everyone else can still get their apology.

Every rule lives here; the front ends only show what it says. It must stay fast (the CLI
``check`` of 100,000 rows runs in about the time it takes to read the file), so it renders no
message for a straight apology (text, fields, conditions, fallbacks): blanks are found from the
template's analysis, codes are validated without building a single e-mail, and heavy modules
load only when needed. An apology with loops, calls or arithmetic is filled in for every
customer, each render bounded by ``composer.sandbox``, so "ready" is never a guess."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from composer.codes import FILE, NONE
from composer.errors import ComposerError, Stopped
from composer.language import N_, _, n_, number
from composer.mailing import Mailing
from composer.recipients import (
    MISSING_FIELD,
    ColumnMap,
    Problem,
    Recipient,
    Recipients,
)
from composer.table import Table
from composer.template import CODE
from composer.wording import rows_text

if TYPE_CHECKING:
    from composer.campaign import TestStatus

ASK_EVERY = 200  # messages filled in between two looks at ``stop`` (a few milliseconds)
LONG_VALUE = 80  # characters: a value this long in a sentence is worth a second look
EMPTY_LOOKING = frozenset(
    {"-", "--", "—", "n/a", "na", "none", "null", "nil", "?", "0", "x", "tbd"}
)


_T = TypeVar("_T")
Memo = Callable[[str, Any, Callable[[], Any], tuple[Any, ...]], Any]


def _no_memo(name: str, key: Any, compute: Callable[[], _T], keep: tuple[Any, ...]) -> _T:
    """A memo that keeps nothing (``run`` without a campaign's)."""
    return compute()


class Step(StrEnum):
    """Where the person fixes a problem (the app's steps; the CLI names the option)."""

    CUSTOMERS = "customers"
    MESSAGE = "message"
    SEND = "send"


@dataclass(frozen=True, slots=True)
class Blocker:
    """One reason the mailing cannot go yet: a plain sentence, and the step that fixes it."""

    step: Step
    sentence: str
    field: str | None = None

    def __str__(self) -> str:
        return self.sentence


@dataclass(slots=True)
class Checkup:
    """What ``check`` found. ``blockers`` empty means the apology can be sent."""

    rows_read: int
    recipients: Recipients
    audience: list[Recipient]
    codes: dict[str, str]  # customer -> discount code each would get (no codes: empty)
    problems: list[Problem]  # per row (row set) and for the whole list (row None)
    blockers: list[Blocker]
    fields_used: tuple[str, ...] = ()  # template fields, in reading order
    missing: dict[str, list[int]] = field(default_factory=dict)  # field -> rows blank, no fallback
    blank: dict[str, int] = field(default_factory=dict)  # field -> people with it blank, at all
    codes_left: int | None = None  # codes of a codes file nobody gets (None: not a file)
    notes: tuple[str, ...] = ()  # things worth knowing that block nothing (an odd file)
    test: TestStatus | None = None  # whether this version was tried first (when asked)

    @property
    def sendable(self) -> bool:
        return not self.blockers

    @property
    def blocking(self) -> list[str]:
        """The blockers' sentences."""
        return [b.sentence for b in self.blockers]

    def blockers_for(self, step: Step) -> list[Blocker]:
        return [b for b in self.blockers if b.step == step]

    def first_step_to_fix(self) -> Step | None:
        """The earliest step with something to fix (None: nothing blocks)."""
        for step in Step:
            if self.blockers_for(step):
                return step
        return None


# Blockers said as they are; the English is the key, a blocker holds it translated (``_()``).
OPEN_SPREADSHEET = N_("Open the spreadsheet that lists the customers who should get the apology.")
EMPTY_SUBJECT = N_(
    "The subject is empty; write the subject line customers will see in their inbox."
)
EMPTY_BODY = N_("The apology is empty; write the message each customer will read.")
NEEDS_TEST = N_(
    "Send a test to yourself first and read it in your own inbox, or tick “Send without a test”."
)
NEW_TEST = N_(
    "The apology changed since your test; send yourself a new test (or tick “Send without a test”)."
)


def run(
    mailing: Mailing,
    *,
    already: Mapping[str, str] | None = None,
    check_sender: bool = True,
    test: TestStatus | None = None,
    people: Recipients | None = None,
    audience: list[Recipient] | None = None,
    stop: Callable[[], bool] | None = None,
    memo: Memo | None = None,
) -> Checkup:
    """Check a mailing without sending anything. ``already`` holds the unique
    codes a campaign has given out (they are kept); ``check_sender=False`` leaves out the
    sender (a preview with a placeholder); ``test`` given: the mailing also needs a test of
    this version to the sender (or the person's choice to skip it). ``people`` and
    ``audience``: the mailing's recipients and those its filter keeps, when the caller
    already has them (a campaign keeps them between edits of the apology). ``stop``: asked
    now and then while every message is filled in; True raises ``Stopped`` (a newer edit
    made this check moot). ``memo(name, key, compute, keep)``: where facts about the
    columns (blank cells, cells holding an ``@``) are kept between checks; ``key`` names
    what they depend on, by ``id()`` of the objects in ``keep``."""
    from composer import recipients as people_module

    memo = memo or _no_memo
    blockers: list[Blocker] = []
    table = mailing.table
    if table is None:
        empty = Table(columns=[], rows=[], row_numbers=[])
        people = Recipients(empty, ColumnMap(None), [], [])
        blockers.append(Blocker(Step.CUSTOMERS, _(OPEN_SPREADSHEET)))
        audience = []
    else:
        try:
            if people is None:
                people = people_module.build(table, mailing.columns, mailing.suppress)
        except ComposerError as error:  # no address column, or a column that does not exist
            people = Recipients(table, mailing.columns or ColumnMap(None), [], [])
            blockers.append(Blocker(Step.CUSTOMERS, str(error)))
            audience = []
        else:
            if audience is None:
                audience = _audience(people, mailing, blockers)
            if not audience and not blockers:
                blockers.append(Blocker(Step.CUSTOMERS, _nobody(people, table)))
    problems = list(people.problems)

    fields, missing, blank = _template(mailing, audience, blockers, problems, memo)
    codes, left = _codes(mailing, fields, audience, already or {}, blockers, problems, memo)
    if not blockers:
        _messages(mailing, people, audience, codes, blockers, problems, stop, memo)
    _attachments(mailing, audience, blockers, problems)
    if check_sender:
        _sender(mailing, blockers)
    if test is not None and not test.done:
        blockers.append(Blocker(Step.SEND, _(NEW_TEST) if test.earlier else _(NEEDS_TEST)))
    return Checkup(
        rows_read=len(table) if table is not None else 0,
        recipients=people,
        audience=audience,
        codes=codes,
        problems=problems,
        blockers=blockers,
        fields_used=fields,
        missing=missing,
        blank=blank,
        codes_left=left,
        notes=tuple(getattr(table, "notes", ()) or ()),
        test=test,
    )


def _audience(people: Recipients, mailing: Mailing, blockers: list[Blocker]) -> list[Recipient]:
    if not mailing.filter.conditions:
        return list(people.valid)
    from composer import audience

    try:
        return audience.select(people.valid, mailing.filter)
    except ComposerError as error:  # a condition naming a missing column, a bad number
        blockers.append(Blocker(Step.CUSTOMERS, str(error)))
        return []


def _nobody(people: Recipients, table: Table) -> str:
    if not table.rows:
        return _("The spreadsheet has no customer rows; choose the file or sheet that lists them.")
    if not people.valid:
        header = next(
            (c.header for c in table.columns if c.field == people.columns.email), _("address")
        )
        return _(
            'No row has a usable e-mail address in the "{column}" column, so there is nobody '
            "to send to; fix the addresses or choose the column that holds them."
        ).format(column=header)
    return _("The filter leaves nobody to send to; change or remove it.")


def _template(
    mailing: Mailing,
    audience: list[Recipient],
    blockers: list[Blocker],
    problems: list[Problem],
    memo: Memo,
) -> tuple[tuple[str, ...], dict[str, list[int]], dict[str, int]]:
    """An apology at all; unknown fields and syntax (by compiling once); then blank values
    without a fallback, and how many people have each field blank at all."""
    from composer import template as templates

    template = mailing.template
    empty = False
    if not template.subject.strip():
        blockers.append(Blocker(Step.MESSAGE, _(EMPTY_SUBJECT)))
        empty = True
    if not template.body.strip():
        blockers.append(Blocker(Step.MESSAGE, _(EMPTY_BODY)))
        empty = True
    if empty and not (template.subject.strip() or template.body.strip()):
        return (), {}, {}
    table = mailing.table
    known = table.fields if table is not None else []
    try:
        fields = templates.fields_in_order(template)
        if table is not None:
            templates.Renderer(template, known)
    except ComposerError as error:
        blockers.append(Blocker(Step.MESSAGE, str(error), getattr(error, "field", None)))
        return (), {}, {}
    used = [f for f in fields if f != CODE]
    every = memo(  # one pass, kept while the fields and the audience stay: fallback or not
        "blank rows",
        (id(audience), tuple(used)),
        lambda: templates.blank_rows(used, audience),
        (audience,),
    )
    missing = {f: every[f] for f in templates.fields_needing_fallback(template) if f in every}
    headers = {c.field: c.header for c in table.columns} if table is not None else {}
    no_value = _("Row {row} has no {label}, and the apology prints it.")
    for name, rows in missing.items():
        label = headers.get(name, name)  # the column as the person named it
        n = len(rows)
        blockers.append(
            Blocker(
                Step.MESSAGE,
                n_(
                    "{n} customer has no {label} ({rows}); give a fallback for {field} (the "
                    "words to write instead, such as “there”) or leave that row out.",
                    "{n} customers have no {label} ({rows}); give a fallback for {field} (the "
                    "words to write instead, such as “there”) or leave those rows out.",
                    n,
                ).format(n=number(n), label=label, rows=rows_text(rows), field=f"{{{{ {name} }}}}"),
                name,
            )
        )
        problems.extend(
            Problem(row, MISSING_FIELD, no_value.format(row=row, label=label), name) for row in rows
        )
    blank = {f: len(every.get(f, ())) for f in used}
    return fields, missing, blank


def _codes(
    mailing: Mailing,
    fields: tuple[str, ...],
    audience: list[Recipient],
    already: Mapping[str, str],
    blockers: list[Blocker],
    problems: list[Problem],
    memo: Memo,
) -> tuple[dict[str, str], int | None]:
    from composer import codes
    from composer import template as templates

    plan, template = mailing.code_plan, mailing.template
    if plan.kind == NONE:
        try:
            needed = bool(fields) and templates.needs_code(template)
        except ComposerError:
            needed = False  # the template's own error is already reported
        if needed and audience and CODE in audience[0].fields:
            # A column headed "Code" is not {{ code }} until it is chosen as the codes column.
            blockers.append(
                Blocker(
                    Step.MESSAGE,
                    _(
                        "The apology prints {code}, but no discount code was chosen; to use the "
                        "spreadsheet's code column, choose it as the codes column (or give one "
                        "shared code or a codes file)."
                    ).format(code="{{ code }}"),
                    CODE,
                )
            )
        elif needed:
            blockers.append(
                Blocker(
                    Step.MESSAGE,
                    _(
                        "The apology prints {code}, but no discount code was chosen; give one "
                        "shared code, a codes column or a codes file (or take {code} out)."
                    ).format(code="{{ code }}"),
                    CODE,
                )
            )
        return {}, None
    try:  # codes once given are kept, never changed: their number is their version
        given = memo(
            "codes",
            (id(audience), plan, len(already)),
            lambda: codes.assign(plan, audience, already),
            (audience,),
        )
    except ComposerError as error:
        blockers.append(Blocker(Step.MESSAGE, str(error), CODE))
        problems.extend(codes.problems(plan, audience, already))
        return {}, (0 if plan.kind == FILE else None)
    if plan.kind != FILE:
        return given, None
    used = {c.strip().casefold() for c in (*already.values(), *given.values())}
    return given, sum(1 for c in plan.pool if c.strip().casefold() not in used)


def _messages(
    mailing: Mailing,
    people: Recipients,
    audience: list[Recipient],
    codes: dict[str, str],
    blockers: list[Blocker],
    problems: list[Problem],
    stop: Callable[[], bool] | None,
    memo: Memo,
) -> None:
    """What the messages will say, as far as sending needs to know before it starts.

    A straight apology (text, fields, conditions) shows exactly the values of its fields, so
    only the values holding an ``@`` are read for another customer's address. Any other
    apology (loops, calls, arithmetic) is filled in for every customer, each render within
    the sandbox's bounds: "ready" then means every preview and every send will work, and
    none will show someone else's address. ``stop()`` is asked every ``ASK_EVERY`` messages
    (see ``run``)."""
    from composer import template as templates
    from composer.recipients import EXPOSED, AddressBook

    template, table = mailing.template, mailing.table
    if table is None or not audience:
        return
    exposed: list[tuple[int, str]] = []
    if templates.is_straight(template):
        used = [f for f in templates.fields_in_order(template) if f != CODE]
        holding = memo(
            "fields holding an @",
            (id(table), people.columns, tuple(used)),
            lambda: [f for f in used if _holds_an_at(table, people.columns, f)],
            (table,),
        )
        if not holding:  # the usual case, settled by one C-level look per column
            return
        book = AddressBook(r.key for r in people.valid)
        seen: set[int] = set()
        for name in holding:
            for recipient in audience:
                value = recipient.fields.get(name) or ""
                if "@" in value and value.lower() != recipient.key and recipient.row not in seen:
                    other = book.other_than(recipient.key, value)
                    if other is not None:
                        exposed.append((recipient.row, other))
                        seen.add(recipient.row)
        exposed.sort()
    else:
        book = AddressBook(r.key for r in people.valid)
        renderer = templates.Renderer(template, table.fields)
        for i, recipient in enumerate(audience):
            if stop is not None and i % ASK_EVERY == 0 and stop():
                raise Stopped
            try:
                draft = renderer.render(recipient, codes.get(recipient.key))
            except ComposerError as error:
                blockers.append(Blocker(Step.MESSAGE, str(error), getattr(error, "field", None)))
                return
            other = book.other_than(recipient.key, f"{draft.subject}\n{draft.text}")
            if other is not None:
                exposed.append((recipient.row, other))
    if not exposed:
        return
    rows = [row for row, _other in exposed]
    n = len(rows)
    blockers.append(
        Blocker(
            Step.MESSAGE,
            n_(
                "{n} customer would be shown another customer's address in their apology "
                "({rows}); fix the cells that hold it or leave that row out.",
                "{n} customers would be shown another customer's address in their apology "
                "({rows}); fix the cells that hold it or leave those rows out.",
                n,
            ).format(n=number(n), rows=rows_text(rows)),
        )
    )
    shown = _("Row {row}'s apology would show another customer's address ({address}).")
    problems.extend(
        Problem(row, EXPOSED, shown.format(row=row, address=other)) for row, other in exposed
    )


def _holds_an_at(table: Table, columns: ColumnMap, name: str) -> bool:
    """Whether any cell behind the field ``name`` holds an ``@`` (its own column, or the
    name columns behind the aliases; ``email`` is the reader's own address)."""
    behind = {
        "email": [],
        "first_name": [columns.first_name],
        "last_name": [columns.last_name],
        "name": [columns.full_name, columns.first_name, columns.last_name],
    }.get(name, [name])
    from composer.sharing import in_slices

    fields = table.fields
    for field_name in behind:
        if field_name is None or field_name not in fields:
            continue
        j = fields.index(field_name)
        for rows in in_slices(table.rows):  # each C-level join short, for the GUI's sake
            if "@" in "\0".join([c for row in rows if (c := row[j]).__class__ is str]):
                return True
    return False


def _attachments(
    mailing: Mailing, audience: list[Recipient], blockers: list[Blocker], problems: list[Problem]
) -> None:
    plan = mailing.attachments
    if not plan.files and not plan.column:
        return
    from composer import attachments

    found = attachments.problems(plan, audience)
    if not found:
        return
    problems.extend(found)
    rows = sorted({p.row for p in found if p.row is not None})
    if rows:
        n = len(rows)
        blockers.append(
            Blocker(
                Step.MESSAGE,
                n_(
                    "{n} customer cannot get their attachment ({rows}); fix the files named for "
                    "those rows or leave the rows out.",
                    "{n} customers cannot get their attachment ({rows}); fix the files named for "
                    "those rows or leave the rows out.",
                    n,
                ).format(n=number(n), rows=rows_text(rows)),
            )
        )
    blockers.extend(Blocker(Step.MESSAGE, p.message) for p in found if p.row is None)


def _sender(mailing: Mailing, blockers: list[Blocker]) -> None:
    from composer.recipients import parse_address

    identity = mailing.identity
    if not identity.address.strip():
        blockers.append(
            Blocker(
                Step.SEND,
                _("The apology has no sender yet; choose the mail account it is sent from."),
            )
        )
        return
    try:
        parse_address(identity.address)
    except ComposerError:
        blockers.append(
            Blocker(
                Step.SEND,
                _(
                    'The sender address "{address}" is not a valid e-mail address; give your own '
                    "address as the sender."
                ).format(address=identity.address),
            )
        )


# -- values worth a second look (the preview shows them; the CLI preview prints them) --------


@dataclass(frozen=True, slots=True)
class Look:
    """A value in one customer's message worth checking, and the text to highlight."""

    sentence: str
    mark: str = ""


def second_looks(mailing: Mailing, recipient: Recipient) -> tuple[Look, ...]:
    """In this customer's message: fields left blank (and the fallback used instead), values
    that look empty ("n/a", "-"), values unusually long."""
    from composer import template as templates

    try:
        fields = templates.fields_in_order(mailing.template)
        guarded = templates.guarded_fields(mailing.template)
    except ComposerError:
        return ()
    fallbacks = mailing.template.fallbacks
    table = mailing.table
    headers = {c.field: c.header for c in table.columns} if table is not None else {}
    looks: list[Look] = []
    for name in fields:
        if name == CODE:
            continue
        value = recipient.fields.get(name)
        if value is None:
            continue
        column = headers.get(name, name)  # the column as the person named it
        shown = value.strip()
        row = recipient.row
        if not shown:
            fallback = (fallbacks.get(name) or "").strip()
            if name in guarded and not fallback:
                said = _("“{column}” is blank in row {row}; the apology's own wording covers it.")
                looks.append(Look(said.format(column=column, row=row)))
            elif fallback:
                said = _(
                    "“{column}” is blank in row {row}; the fallback “{fallback}” is used instead."
                )
                looks.append(Look(said.format(column=column, row=row, fallback=fallback), fallback))
            else:
                said = _(
                    "“{column}” is blank in row {row}: check that the message still reads well."
                )
                looks.append(Look(said.format(column=column, row=row)))
        elif shown.lower() in EMPTY_LOOKING:
            said = _("“{column}” is “{value}” in row {row}: is that really what you want to print?")
            looks.append(Look(said.format(column=column, value=shown, row=row), shown))
        elif len(shown) > LONG_VALUE:
            n = len(shown)
            said = n_(
                "“{column}” is unusually long ({n} character) in row {row}.",
                "“{column}” is unusually long ({n} characters) in row {row}.",
                n,
            )
            looks.append(Look(said.format(column=column, n=n, row=row), shown))
    return tuple(looks)

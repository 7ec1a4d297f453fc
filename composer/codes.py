"""Discount codes: none, one shared code, or unique codes from a column or a file.

Unique codes are assigned once, deterministically, never to two people; the campaign stores
the assignment by customer (their address, not their spreadsheet row) so it never changes after
the fact, even when the customer list is edited and loaded again. Two codes that differ only in upper/lower
case count as the same code, because many shop systems treat them so."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType

from composer.errors import CodeError
from composer.language import _, n_, number
from composer.recipients import CODE as CODE_PROBLEM
from composer.recipients import Problem, Recipient
from composer.wording import customers, rows_text

NONE, SHARED, COLUMN, FILE = "none", "shared", "column", "file"
KINDS = (NONE, SHARED, COLUMN, FILE)
_NOTHING: Mapping[str, str] = MappingProxyType({})
MAX_CODES_FILE_BYTES = 50_000_000  # ~2 million codes; anything bigger is the wrong file


@dataclass(frozen=True, slots=True)
class CodePlan:
    kind: str = NONE
    shared: str | None = None  # the code, for SHARED
    column: str | None = None  # field name, for COLUMN
    pool: tuple[str, ...] = ()  # the codes read from a file, for FILE


def _key(code: str) -> str:
    return code.strip().casefold()


def load_codes_file(path: str | Path) -> tuple[str, ...]:
    """One code per line, trimmed. Blank lines inside the list and repeated codes are errors,
    because either usually means the file is not the list the person thinks it is."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_CODES_FILE_BYTES:
            raise CodeError(
                _(
                    "The codes file {file} is larger than 50 MB; choose the file that lists one "
                    "discount code per line."
                ).format(file=path.name)
            )
        raw = path.read_bytes()
    except OSError as e:
        raise CodeError(
            _("The codes file {path} cannot be read ({error}); check the name.").format(
                path=path, error=e.strerror or e
            )
        ) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CodeError(
            _(
                "The codes file {file} is not plain UTF-8 text; save it as plain text with one "
                "code per line."
            ).format(file=path.name)
        ) from e
    lines = text.splitlines()
    while lines and not lines[-1].strip():  # a trailing empty line is an editor habit
        lines.pop()
    codes: list[str] = []
    seen: dict[str, int] = {}
    for at, line in enumerate(lines, start=1):
        code = line.strip()
        if not code:
            raise CodeError(
                _(
                    "Line {line} of the codes file {file} is blank; remove the blank line so "
                    "every line holds one code."
                ).format(line=at, file=path.name)
            )
        first = seen.setdefault(_key(code), at)
        if first != at:
            raise CodeError(
                _(
                    "Line {line} of the codes file {file} repeats the code {code} from line "
                    "{first}; every code must be different so no two customers share one."
                ).format(line=at, file=path.name, code=code, first=first)
            )
        codes.append(code)
    if not codes:
        raise CodeError(
            _("The codes file {file} holds no codes; put one discount code on each line.").format(
                file=path.name
            )
        )
    return tuple(codes)


def assign(
    plan: CodePlan, recipients: Iterable[Recipient], already: Mapping[str, str] = _NOTHING
) -> dict[str, str]:
    """Customer key -> discount code for every recipient. Customers in ``already`` keep their
    code; for a codes file, the others get the unused codes in the file's order, by
    spreadsheet row."""
    found = _plan_problems(plan, list(recipients), already)
    if found.error is not None:
        raise found.error
    return found.assignment


def problems(
    plan: CodePlan, recipients: Iterable[Recipient], already: Mapping[str, str] = _NOTHING
) -> list[Problem]:
    """What ``check`` reports about discount codes, one Problem per affected row where it can."""
    return _plan_problems(plan, list(recipients), already).problems


@dataclass(slots=True)
class _Outcome:
    assignment: dict[str, str]
    problems: list[Problem]
    error: CodeError | None = None


def _plan_problems(
    plan: CodePlan, recipients: list[Recipient], already: Mapping[str, str]
) -> _Outcome:
    if plan.kind == NONE:
        return _Outcome({}, [])
    if plan.kind == SHARED:
        return _shared(plan, recipients, already)
    if plan.kind == COLUMN:
        return _column(plan, recipients, already)
    if plan.kind == FILE:
        return _file(plan, recipients, already)
    message = _("'{kind}' is not a way to give discount codes; use {kinds}.").format(
        kind=plan.kind, kinds=", ".join(KINDS)
    )
    return _Outcome({}, [Problem(None, CODE_PROBLEM, message)], CodeError(message))


def _shared(plan: CodePlan, recipients: list[Recipient], already: Mapping[str, str]) -> _Outcome:
    code = (plan.shared or "").strip()
    if not code:
        message = _("The shared discount code is blank; type the code every customer should get.")
        return _Outcome({}, [Problem(None, CODE_PROBLEM, message)], CodeError(message))
    from composer.sharing import in_slices

    if not already:  # the usual check: one code for everybody, in short C-level passes
        assignment: dict[str, str] = {}
        for part in in_slices(recipients):
            assignment.update(dict.fromkeys(map(attrgetter("key"), part), code))
        return _Outcome(assignment, [])
    keys = map(attrgetter("key"), recipients)
    return _Outcome({key: already.get(key, code) for key in keys}, [])


def _column(plan: CodePlan, recipients: list[Recipient], already: Mapping[str, str]) -> _Outcome:
    column = plan.column or ""
    if recipients and column not in recipients[0].fields:
        message = _(
            "There is no column {column} to take discount codes from; choose the column that "
            "holds each customer's code."
        ).format(column=column or _("(none chosen)"))
        return _Outcome(
            {}, [Problem(None, CODE_PROBLEM, message, field=column)], CodeError(message)
        )
    assignment: dict[str, str] = {}
    found: list[Problem] = []
    blank: list[int] = []
    first_row: dict[str, int] = {}
    duplicates: list[tuple[int, int, str]] = []
    for r in recipients:
        code = already.get(r.key) or (r.fields.get(column) or "").strip()
        if not code:
            blank.append(r.row)
            found.append(
                Problem(
                    r.row,
                    CODE_PROBLEM,
                    _(
                        "Row {row} has no discount code in the {column} column; fill it in or "
                        "leave the row out."
                    ).format(row=r.row, column=column),
                    field=column,
                )
            )
            continue
        first = first_row.setdefault(_key(code), r.row)
        if first != r.row:
            duplicates.append((r.row, first, code))
            found.append(
                Problem(
                    r.row,
                    CODE_PROBLEM,
                    _(
                        "Row {row} has the same discount code as row {first} ({code}); each "
                        "customer needs their own code."
                    ).format(row=r.row, first=first, code=code),
                    field=column,
                    duplicate_of=first,
                )
            )
            continue
        assignment[r.key] = code
    error = None
    if blank:
        error = CodeError(
            n_(
                "{rows} has no discount code in the {column} column; fill them in or leave those "
                "rows out.",
                "{rows} have no discount code in the {column} column; fill them in or leave "
                "those rows out.",
                len(blank),
            ).format(rows=rows_text(blank).capitalize(), column=column),
            row=blank[0],
            field=column,
        )
    elif duplicates:
        rows = [row for row, _first, _code in duplicates]
        row, first, code = duplicates[0]
        used = (
            _(
                "The discount code {code} is used by rows {first} and {row} (and {rows} repeat "
                "other codes); each customer needs their own code."
            ).format(code=code, first=first, row=row, rows=rows_text(rows[1:]))
            if len(rows) > 1
            else _(
                "The discount code {code} is used by rows {first} and {row}; each customer needs "
                "their own code."
            ).format(code=code, first=first, row=row)
        )
        error = CodeError(
            used,
            row=row,
            field=column,
        )
    return _Outcome(assignment, found, error)


def _file(plan: CodePlan, recipients: list[Recipient], already: Mapping[str, str]) -> _Outcome:
    seen: set[str] = set()
    for code in plan.pool:
        key = _key(code)
        if not key or key in seen:
            message = _(
                "The codes file lists {code} twice; every code must be different so no two "
                "customers share one."
            ).format(code=code or _("a blank code"))
            return _Outcome({}, [Problem(None, CODE_PROBLEM, message)], CodeError(message))
        seen.add(key)
    used = {_key(c) for c in already.values()}
    available = iter([c.strip() for c in plan.pool if _key(c) not in used])
    waiting = sorted((r for r in recipients if r.key not in already), key=attrgetter("row"))
    spare = len(plan.pool) - sum(1 for c in plan.pool if _key(c) in used)
    if spare < len(waiting):
        short = len(waiting) - spare
        have = (
            n_(
                "There is {n} unused code for {customers} who still need one",
                "There are {n} unused codes for {customers} who still need one",
                spare,
            )
            if already
            else n_(
                "There is {n} code for {customers}", "There are {n} codes for {customers}", spare
            )
        ).format(n=number(spare), customers=customers(len(waiting)))
        need = n_("add at least {n} more code.", "add at least {n} more codes.", short)
        message = f"{have}; {need.format(n=number(short))}"
        return _Outcome({}, [Problem(None, CODE_PROBLEM, message)], CodeError(message))
    assignment = {r.key: already[r.key] for r in recipients if r.key in already}
    for person in waiting:
        assignment[person.key] = next(available)
    return _Outcome(assignment, [])

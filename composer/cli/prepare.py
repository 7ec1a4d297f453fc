"""Preparing a mailing from the command line: ``check``, ``preview`` and ``new``.

``check`` and ``preview`` take either a spreadsheet and a template (with code, suppression and
attachment options) or a campaign file made by ``new``. Nothing here sends anything; it reads,
reports and writes files only where asked. Heavy modules load inside the commands, because
``check`` on 100,000 rows must take little more than reading the spreadsheet."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from composer.cli import EXIT_BLOCKED, EXIT_OK
from composer.errors import ComposerError
from composer.language import _, n_, number
from composer.wording import count, customers

_T = TypeVar("_T")

if TYPE_CHECKING:
    from composer.attachments import AttachmentPlan
    from composer.audience import Filter
    from composer.campaign import Campaign
    from composer.check import Checkup
    from composer.codes import CodePlan
    from composer.mailing import Mailing
    from composer.message import Identity
    from composer.recipients import ColumnMap, Recipient
    from composer.table import Table

LIST_LIMIT = 20  # longer lists show this many lines, then "and N more"
PLACEHOLDER_ADDRESS = "you@example.invalid"  # composer.mailing.PLACEHOLDER_ADDRESS


def _placeholder_text() -> str:
    """composer.mailing.placeholder_sender() as one line, in the app's language: "Your Name
    <you@example.invalid>" (the name said here too, as that module loads the template engine)."""
    return f"{_('Your Name')} <{PLACEHOLDER_ADDRESS}>"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check``, ``preview`` and ``new``; each sets ``run=callable(args) -> exit code``."""
    check = sub.add_parser(
        "check",
        help="say whether the apology can be sent, and what stops it",
        description="Read the customer list and the apology and report everything that would "
        "go wrong, without sending anything. Exit code 0: ready to send; 1: something blocks "
        "sending; 2: the command was used wrongly.",
    )
    _mailing_arguments(check)
    arrive = check.add_argument_group(
        "will it arrive",
        "--deliverability also looks up the sender domain's SPF, DMARC and DKIM records and "
        "counts the customers at the big mailbox providers (nothing of it blocks sending).",
    )
    arrive.add_argument("--deliverability", action="store_true", help="check those too")
    arrive.add_argument(
        "--account", metavar="NAME", help="the account that sends (default: the campaign's)"
    )
    arrive.add_argument(
        "--other-daily",
        type=_count,
        metavar="N",
        help="about how many other messages your domain sends a day (receipts, newsletters)",
    )
    check.set_defaults(run=run_check, parser=check, reads_files=True)

    preview = sub.add_parser(
        "preview",
        help="show one customer's message exactly as it will be sent",
        description="Print the message for one spreadsheet row (default: the first recipient) "
        "with its headers, exactly as it would go out; --out writes every message as a .eml "
        "file you can open in a mail program.",
    )
    _mailing_arguments(preview)
    preview.add_argument(
        "--row", type=_row_number, metavar="N", help="spreadsheet row number to show"
    )
    preview.add_argument(
        "--out", type=Path, metavar="DIR", help="write every message to DIR as .eml files"
    )
    preview.set_defaults(run=run_preview, parser=preview, reads_files=True)

    new = sub.add_parser(
        "new",
        help="create a campaign file from a spreadsheet and an apology",
        description="Create CAMPAIGN.apology holding the customer rows as they are now, the "
        "apology, the discount codes and the sender. It is what `send` sends.",
    )
    new.add_argument("campaign", type=Path, metavar="CAMPAIGN.apology")
    _source_arguments(new, required=False)
    mail = new.add_argument_group(
        "answering everyone who wrote in",
        "Instead of --recipients: each person who wrote to you becomes one customer, answered "
        "in their own thread (fields name, first_name, email, their_subject, received, "
        "their_message). Without --template the apology starts as a reply to them.",
    )
    mail.add_argument(
        "--from-mailbox", metavar="FOLDER", help="a folder of the account's mailbox, e.g. INBOX"
    )
    mail.add_argument(
        "--from-mbox",
        type=Path,
        metavar="FILE|DIR",
        help="an .mbox file, or a folder of .eml files",
    )
    mail.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="received on or after")
    mail.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="received on or before")
    mail.add_argument("--subject-contains", default="", metavar="TEXT")
    mail.add_argument("--sender-contains", default="", metavar="TEXT")
    from composer.cli.mailbox import mailbox_options

    mailbox_options(mail)
    new.add_argument(
        "--from",
        dest="sender",
        type=_identity,
        required=True,
        metavar='"NAME <ADDRESS>"',
        help="you, as the customers will see you",
    )
    new.add_argument("--force", action="store_true", help="replace the file if it exists")
    new.set_defaults(run=run_new, parser=new, reads_files=True)


def _mailing_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "campaign",
        nargs="?",
        type=Path,
        metavar="CAMPAIGN.apology",
        help="a campaign file made by `new` (instead of --recipients and --template)",
    )
    _source_arguments(p, required=False)
    p.add_argument(
        "--from",
        dest="sender",
        type=_identity,
        metavar='"NAME <ADDRESS>"',
        help=f"the sender (default: the placeholder {_placeholder_text()})",
    )


def _source_arguments(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument(
        "--recipients",
        type=Path,
        metavar="FILE",
        required=required,
        help="the customer list (.xlsx .xlsm .xls .ods .csv .tsv .txt)",
    )
    p.add_argument("--sheet", metavar="S", help="the sheet to read (default: the first with data)")
    p.add_argument("--email-column", metavar="C", help="the column holding the addresses")
    p.add_argument("--name-column", metavar="C", help="the column holding the full names")
    p.add_argument(
        "--template",
        type=Path,
        metavar="T",
        required=required,
        help='the apology: "Subject:" line, a blank line, then the body (.md for Markdown)',
    )
    codes = p.add_mutually_exclusive_group()
    codes.add_argument("--code", metavar="TEXT", help="one discount code shared by everyone")
    codes.add_argument("--codes", type=Path, metavar="FILE", help="unique codes, one per line")
    codes.add_argument("--codes-column", metavar="NAME", help="unique codes from this column")
    p.add_argument("--suppress", type=Path, metavar="FILE", help="addresses never to write to")
    p.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="CONDITION",
        help='only rows where CONDITION holds, e.g. "country = France", "amount > 100", '
        '"order_date < 2026-03-05", "first_name is not blank" (also !=, ~ contains, !~, '
        '"in A,B"); repeat for several (all must hold, or any with --any)',
    )
    p.add_argument("--any", action="store_true", help="with several --where: any one is enough")
    p.add_argument(
        "--attach",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a file attached to every message (repeat for several)",
    )
    p.add_argument(
        "--attach-column",
        metavar="NAME",
        help="a column naming each customer's own file (relative to the spreadsheet's folder)",
    )


def _identity(text: str) -> Identity:
    """``"Name <address>"`` (or a bare address) from --from; a usage error otherwise."""
    from email.utils import parseaddr

    from composer.message import Identity

    name, address = parseaddr(text)
    local, at, domain = address.rpartition("@")
    if not (local and at and "." in domain.strip(".")) or any(c.isspace() for c in address):
        raise argparse.ArgumentTypeError(
            _('"{text}" is not a sender; write it as "{example}".').format(
                text=text, example="Your Name <you@example.com>"
            )
        )
    return Identity(name.strip(), address.strip())


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _('"{text}" is not a day; write it as {example}.').format(
                text=text, example="2026-03-09"
            )
        ) from None


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(
            _('"{text}" is not a number of messages.').format(text=text)
        )
    return int(text)


def _row_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            _('"{text}" is not a spreadsheet row number.').format(text=text)
        )
    return number


# -- what the command line describes -------------------------------------------------------


_SOURCE_OPTIONS = (
    "recipients",
    "sheet",
    "email_column",
    "name_column",
    "template",
    "code",
    "codes",
    "codes_column",
    "suppress",
    "attach",
    "attach_column",
    "where",
)


def _uses_campaign(args: argparse.Namespace) -> bool:
    """Campaign file or spreadsheet + template; mixing or missing them is a usage error."""
    given = [name for name in _SOURCE_OPTIONS if getattr(args, name)]
    if args.campaign is not None:
        if given:
            flag = "--" + given[0].replace("_", "-")
            args.parser.error(
                _(
                    "give either a campaign file or {option} and the other spreadsheet options, "
                    "not both"
                ).format(option=flag)
            )
        return True
    missing = [f"--{n}" for n in ("recipients", "template") if getattr(args, n) is None]
    if len(missing) == 2:
        args.parser.error(
            _("{first} and {second} are needed (or a campaign file)").format(
                first=missing[0], second=missing[1]
            )
        )
    if missing:
        args.parser.error(_("{option} is needed (or a campaign file)").format(option=missing[0]))
    return False


def _read_inputs(args: argparse.Namespace) -> Mailing:
    """The mailing the --recipients (or --from-mailbox / --from-mbox), --template and other
    options describe. In the capped child of a read-only command, the spreadsheet is read in
    a thread while this one imports what the rest needs: the reader parses without holding
    the interpreter, so the start-up costs nothing on top of the read."""
    from composer import quarantine

    sheet_of = (
        _in_background(_customer_list, args)
        if quarantine.inside() and _one_source(args) == "recipients"
        else lambda: _customer_list(args)
    )
    from composer import check, codes, recipients, template  # noqa: F401  (check: for the caller)
    from composer.attachments import AttachmentPlan
    from composer.mailing import Mailing

    apology = template.load(args.template or _reply_template(args))
    with contextlib.suppress(ComposerError):  # said by the check; here only begun early
        template.fields_in_order(apology)  # parsed while the reader parses (kept: lru_cache)
    sheet = sheet_of()
    columns = recipients.detect_columns(sheet)
    if args.email_column:
        columns = _replace(columns, email=recipients.resolve_column(sheet, args.email_column))
    if args.name_column:
        full = recipients.resolve_column(sheet, args.name_column)
        columns = _replace(columns, first_name=None, last_name=None, full_name=full)
    if args.code is not None:
        plan = codes.CodePlan(codes.SHARED, shared=args.code)
    elif args.codes is not None:
        plan = codes.CodePlan(codes.FILE, pool=codes.load_codes_file(args.codes))
    elif args.codes_column:
        plan = codes.CodePlan(
            codes.COLUMN, column=recipients.resolve_column(sheet, args.codes_column)
        )
    else:
        plan = codes.CodePlan()
    attach_column = (
        recipients.resolve_column(sheet, args.attach_column) if args.attach_column else None
    )
    attachments = AttachmentPlan(
        files=tuple(p.resolve() for p in args.attach),
        column=attach_column,
        base_dir=Path(args.recipients or ".").resolve().parent,
    )
    suppress = recipients.load_suppression(args.suppress) if args.suppress else frozenset()
    return Mailing(
        table=sheet,
        columns=columns,
        template=apology,
        identity=args.sender or _placeholder(),
        code_plan=plan,
        attachments=attachments,
        suppress=suppress,
        filter=_filter(args, sheet),
    )


def _one_source(args: argparse.Namespace) -> str:
    """Which of --recipients, --from-mailbox and --from-mbox was given (exactly one must be)."""
    given = [
        name
        for name in ("recipients", "from_mailbox", "from_mbox")
        if getattr(args, name, None) is not None
    ]
    if len(given) != 1:
        args.parser.error(_("give one of --recipients, --from-mailbox and --from-mbox"))
    return given[0]


def _in_background(work: Callable[..., _T], *args: Any) -> Callable[[], _T]:
    """Start ``work(*args)`` in a thread; the call returned waits for its answer (or raises
    its error)."""
    import threading

    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, work(*args)))
        except BaseException as error:  # handed over to the caller as it was
            outcome.append((False, error))

    thread = threading.Thread(target=run, name="reader", daemon=True)
    thread.start()

    def answer() -> _T:
        thread.join()
        worked, value = outcome[0]
        if not worked:
            raise value
        return value

    return answer


def _customer_list(args: argparse.Namespace) -> Table:
    """The spreadsheet, or the people who wrote in (one of the three, never two)."""
    from composer import table

    if _one_source(args) == "recipients":
        return table.load(args.recipients, args.sheet)
    from composer import correspondents

    narrowing = correspondents.Narrowing(
        args.since, args.until, args.subject_contains, args.sender_contains
    )
    own = {args.sender.address}
    if args.from_mbox is not None:
        found = correspondents.from_files(args.from_mbox, own, narrowing)
    else:
        from composer import imap
        from composer.cli.mailbox import mailbox_of

        settings, secret = mailbox_of(args, None)
        with imap.Mailbox(settings, secret) as box:
            found = correspondents.from_mailbox(box, args.from_mailbox, own, narrowing)
    print(found.sentence())
    return found.table


def _reply_template(args: argparse.Namespace) -> Path:
    """The apology a campaign starts from when none was given: a reply to people who wrote."""
    import resources

    if args.recipients is not None:
        args.parser.error(_("--template is needed (the apology to send)"))
    return resources.resource_path(*resources.SAMPLE_REPLY)


def _filter(args: argparse.Namespace, sheet: Table) -> Filter:
    """The --where conditions, each naming a column by field name or header."""
    from dataclasses import replace

    from composer import audience, recipients

    conditions = []
    for text in args.where:
        condition = audience.parse_condition(text)
        field = recipients.resolve_column(sheet, condition.field)
        conditions.append(replace(condition, field=field))
    return audience.Filter(tuple(conditions), match_all=not args.any)


def _replace(columns: ColumnMap, **changes: str | None) -> ColumnMap:
    from dataclasses import replace

    return replace(columns, **changes)


def _placeholder() -> Identity:
    from composer.mailing import placeholder_sender

    return placeholder_sender()


# -- check -------------------------------------------------------------------------------


def run_check(args: argparse.Namespace) -> int:
    """Print what ``check`` found; exit 0 when the apology can be sent, 1 when not."""
    import sys

    out = sys.stdout
    if _uses_campaign(args):
        from composer.campaign import Campaign

        with Campaign.open(args.campaign) as campaign:
            if args.sender is not None:
                campaign.identity = args.sender
            checkup = campaign.checkup()
            print(_("Campaign: {file}").format(file=args.campaign.name), file=out)
            _print_checkup(out, checkup, campaign.mailing)
            _print_sender(out, campaign.identity)
            if args.deliverability:
                host = _sending_host(args.account or campaign.settings.account)
                checked, mix, _history = campaign.deliverability(host, other_daily=args.other_daily)
                _print_deliverability(out, (*checked.findings, *mix))
            return _verdict(out, checkup)

    mailing = _read_inputs(args)  # imports composer.check while the spreadsheet is read
    from composer import check

    checkup = check.run(mailing, check_sender=args.sender is not None)
    # a check of a big list is read-only: keep its objects alive so main() can end the process
    # without freeing them one by one (see cli.main)
    args.quick_exit = (mailing, checkup)
    _print_checkup(out, checkup, mailing)
    if args.sender is None:
        print(
            _("Sender: none given; previews use the placeholder {sender}").format(
                sender=_placeholder_text()
            ),
            file=out,
        )
    else:
        _print_sender(out, args.sender)
    if args.deliverability:
        from composer import deliverability

        if args.sender is None:
            args.parser.error(_("--deliverability needs --from (whose domain to look up)"))
        checked, mix = deliverability.for_mailing(
            args.sender.address,
            _sending_host(args.account),
            (r.email for r in checkup.audience),
            other_daily=args.other_daily or 0,
        )
        _print_deliverability(out, (*checked.findings, *mix))
    return _verdict(out, checkup)


def _sending_host(account: str | None) -> str:
    """The server the named account sends through ("" when none is named)."""
    if not account:
        return ""
    from composer import accounts

    return accounts.get(account).host


def _print_deliverability(out: TextIO, findings: Iterable[Any]) -> None:
    from composer.deliverability import ADVICE, OK

    print(_("Will it arrive (nothing here stops sending):"), file=out)
    for finding in findings:
        if finding.level == OK:
            mark = _("ok")
        elif finding.level == ADVICE:
            mark = _("to do")
        else:
            mark = _("not confirmed")
        print(f"  [{mark}] {finding.sentence}", file=out)


def _print_checkup(out: TextIO, checkup: Checkup, mailing: Mailing) -> None:
    from composer import audience
    from composer import recipients as kinds

    table, plan, filter = mailing.table, mailing.code_plan, mailing.filter
    assert table is not None

    people = checkup.recipients
    by_kind: dict[str, list[kinds.Problem]] = {}
    for problem in checkup.problems:
        by_kind.setdefault(problem.kind, []).append(problem)

    source = table.source.name if table.source is not None else _("(unknown)")
    if table.sheet:
        print(
            _('Spreadsheet: {file}, sheet "{sheet}"').format(file=source, sheet=table.sheet),
            file=out,
        )
    else:
        print(_("Spreadsheet: {file}").format(file=source), file=out)
    for note in checkup.notes:
        print(_("Note: {note}").format(note=note), file=out)
    print(_("Rows read: {n}").format(n=checkup.rows_read), file=out)
    print(_("Fields (header -> field):"), file=out)
    for line in _capped(f'  "{c.header}" -> {c.field}' for c in table.columns):
        print(line, file=out)
    column = _header(table, people.columns.email) or _("none found")
    print(_("Address column: {column}").format(column=column), file=out)
    names = [people.columns.full_name] if people.columns.full_name else []
    names = names or [n for n in (people.columns.first_name, people.columns.last_name) if n]
    named = " + ".join(_header(table, n) for n in names) or _("no name column")
    print(_("Name from: {columns}").format(columns=named), file=out)
    print(_("Valid recipients: {n}").format(n=len(people.valid)), file=out)

    duplicates = by_kind.get(kinds.DUPLICATE, [])
    print(_("Duplicates: {n}").format(n=len(duplicates)), file=out)
    twins = (
        "  " + _("row {row} duplicates row {first}").format(row=p.row, first=p.duplicate_of)
        for p in duplicates
    )
    for line in _capped(twins):
        print(line, file=out)
    invalid = sorted(
        by_kind.get(kinds.INVALID, []) + by_kind.get(kinds.BLANK, []), key=lambda p: p.row or 0
    )
    print(_("Invalid rows: {n}").format(n=len(invalid)), file=out)
    for line in _capped(f"  {p.message}" for p in invalid):
        print(line, file=out)
    print(_("Suppressed: {n}").format(n=len(by_kind.get(kinds.SUPPRESSED, []))), file=out)
    if filter.conditions:
        headers = {c.field: c.header for c in table.columns}
        print(_("Filter: {filter}").format(filter=audience.describe(filter, headers)), file=out)
    print(_("Audience: {n}").format(n=len(checkup.audience)), file=out)

    used = ", ".join(checkup.fields_used) or _("none")
    print(_("Template fields used: {fields}").format(fields=used), file=out)
    if checkup.missing:
        print(_("Rows missing values (no fallback):"), file=out)
        for name, rows in checkup.missing.items():
            counted = count(len(rows), "{n} row", "{n} rows")
            print(f"  {name}: {counted} ({_row_list(rows)})", file=out)
    else:
        print(_("Rows missing values: none"), file=out)

    print(_("Discount code: {plan}").format(plan=_plan_text(plan, checkup)), file=out)
    code_problems = by_kind.get(kinds.CODE, [])
    if code_problems:
        print(_("Code problems: {n}").format(n=len(code_problems)), file=out)
        for line in _capped(f"  {p.message}" for p in code_problems):
            print(line, file=out)
    _print_attachments(out, mailing.attachments)
    attachment_problems = by_kind.get(kinds.ATTACHMENT, [])
    if attachment_problems:
        print(_("Attachment problems: {n}").format(n=len(attachment_problems)), file=out)
        for line in _capped(f"  {p.message}" for p in attachment_problems):
            print(line, file=out)


def _print_attachments(out: TextIO, plan: AttachmentPlan) -> None:
    parts = [p.name for p in plan.files]
    if plan.column:
        parts.append(_("each customer's file named in {column}").format(column=plan.column))
    files = ", ".join(parts) if parts else _("none")
    print(_("Attachments: {files}").format(files=files), file=out)


def _print_sender(out: TextIO, identity: Identity) -> None:
    print(_("Sender: {sender}").format(sender=_sender_text(identity)), file=out)


def _verdict(out: TextIO, checkup: Checkup) -> int:
    if checkup.sendable:
        n = len(checkup.audience)
        print(
            n_("Ready to send to {n} customer.", "Ready to send to {n} customers.", n).format(
                n=number(n)
            ),
            file=out,
        )
        return EXIT_OK
    if len(checkup.blocking) == 1:
        print(_("Not ready: {reason}").format(reason=checkup.blocking[0]), file=out)
    else:
        print(_("What blocks sending:"), file=out)
        for sentence in checkup.blocking:
            print(f"  - {sentence}", file=out)
        n = len(checkup.blocking)
        print(
            n_(
                "Not ready: {n} problem blocks sending (listed above).",
                "Not ready: {n} problems block sending (listed above).",
                n,
            ).format(n=n),
            file=out,
        )
    return EXIT_BLOCKED


def _plan_text(plan: CodePlan, checkup: Checkup) -> str:
    from composer import codes

    if plan.kind == codes.SHARED:
        return _("one shared code, {code}").format(code=plan.shared)
    if plan.kind == codes.FILE:
        pool, left = len(plan.pool), checkup.codes_left
        if left is None:
            sentence = n_(
                "unique codes from a file ({n} codes for {customers})",
                "unique codes from a file ({n} codes for {customers})",
                pool,
            )
        else:
            sentence = n_(
                "unique codes from a file ({n} codes for {customers}, {left} left over)",
                "unique codes from a file ({n} codes for {customers}, {left} left over)",
                pool,
            )
        return sentence.format(
            n=number(pool),
            customers=customers(len(checkup.audience)),
            left=number(left) if left is not None else "",
        )
    if plan.kind == codes.COLUMN:
        return _("unique codes from the column {column}").format(column=plan.column)
    return _("none")


def _header(table: Table, field_name: str | None) -> str:
    if not field_name:
        return ""
    return next((f'"{c.header}"' for c in table.columns if c.field == field_name), field_name)


def _sender_text(identity: Identity) -> str:
    from email.utils import formataddr

    return formataddr((identity.name, identity.address)) if identity.name else identity.address


def _capped(lines: Iterable[str], limit: int = LIST_LIMIT) -> Iterator[str]:
    """The first ``limit`` lines, then "and N more"."""
    extra = 0
    for i, line in enumerate(lines):
        if i < limit:
            yield line
        else:
            extra += 1
    if extra:
        yield "  " + n_("and {n} more", "and {n} more", extra).format(n=extra)


def _row_list(rows: list[int], limit: int = LIST_LIMIT) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    if len(rows) <= limit:
        return shown
    more = len(rows) - limit
    return n_("{rows} and {n} more", "{rows} and {n} more", more).format(rows=shown, n=more)


# -- preview ------------------------------------------------------------------------------


def run_preview(args: argparse.Namespace) -> int:
    """Print one message as it will be sent, or write every message as a .eml file."""
    import sys

    campaign = _campaign_for_preview(args)
    try:
        placeholder = campaign.identity.address == PLACEHOLDER_ADDRESS
        checkup = campaign.checkup(check_sender=not placeholder)
        if not checkup.audience:
            from composer.errors import SpreadsheetError

            raise SpreadsheetError(
                checkup.blocking[0] if checkup.blocking else _("Nobody to send to.")
            )
        if placeholder:
            print(
                _("Note: no --from given; the sender shown is a placeholder ({sender}).").format(
                    sender=_placeholder_text()
                ),
                file=sys.stderr,
            )
        for note in checkup.notes:
            print(_("Note: {note}").format(note=note), file=sys.stderr)
        for sentence in checkup.blocking:
            print(
                _("Note: not ready to send yet: {reason}").format(reason=sentence), file=sys.stderr
            )
        people = checkup.audience
        if args.row is not None:
            people = [_recipient_at(campaign, checkup, args.row)]
        campaign.assign_codes(checkup.audience, store=False)
        if args.out is not None:
            from composer import trial

            written = trial.write_eml(campaign, people, args.out)
            print(
                n_(
                    "Wrote {n} message to {folder}.", "Wrote {n} messages to {folder}.", written
                ).format(n=number(written), folder=args.out),
                file=sys.stdout,
            )
            return EXIT_OK
        from composer.check import second_looks
        from composer.message import preview_text

        for look in second_looks(campaign.mailing, people[0]):
            print(_("Worth a second look: {look}").format(look=look.sentence), file=sys.stderr)
        sys.stdout.write(preview_text(campaign.message_for(people[0])))
        return EXIT_OK
    finally:
        campaign.close()


def _campaign_for_preview(args: argparse.Namespace) -> Campaign:
    from composer.campaign import Campaign

    if _uses_campaign(args):
        campaign = Campaign.open(args.campaign)
        if args.sender is not None:
            campaign.identity = args.sender
        return campaign
    return Campaign.draft(_read_inputs(args))


def _recipient_at(campaign: Campaign, checkup: Checkup, row: int) -> Recipient:
    """The audience member on spreadsheet row ``row``, or one sentence saying why there is none."""
    from composer.errors import SpreadsheetError

    for person in checkup.audience:
        if person.row == row:
            return person
    for problem in checkup.recipients.problems:
        if problem.row == row:
            # the problem's own sentence starts with the row, as composer.recipients says it
            reason = problem.message.removeprefix(
                _("Row {row}: {problem}").format(row=row, problem="")
            )
            raise SpreadsheetError(
                _("Row {row} gets no message: {reason}").format(row=row, reason=reason), row=row
            )
    if any(person.row == row for person in checkup.recipients.valid):
        raise SpreadsheetError(
            _("Row {row} is left out by the filter, so it gets no message.").format(row=row),
            row=row,
        )
    numbers = campaign.table.row_numbers
    nobody = (
        _("There is no customer on row {row}; the spreadsheet has rows {first} to {last}.")
        if numbers
        else _("There is no customer on row {row}; the spreadsheet has no rows.")
    )
    raise SpreadsheetError(
        nobody.format(
            row=row, first=numbers[0] if numbers else "", last=numbers[-1] if numbers else ""
        ),
        row=row,
    )


# -- new ----------------------------------------------------------------------------------


def run_new(args: argparse.Namespace) -> int:
    """Create the campaign file; print a summary and whether it can be sent."""
    import sys

    from composer.campaign import Campaign
    from composer.errors import CampaignError
    from composer.recipients import CODE

    path: Path = args.campaign
    if path.exists() and not args.force:
        raise CampaignError(
            _('"{path}" already exists; choose another name, or add --force to replace it.').format(
                path=path
            )
        )
    campaign = Campaign.create(path, _read_inputs(args), overwrite=args.force)
    with campaign:
        checkup = campaign.checkup()
        if checkup.audience and not any(p.kind == CODE for p in checkup.problems):
            # unique codes are given out now, so preview and send show the same ones
            campaign.assign_codes(checkup.audience)
        out = sys.stdout
        print(
            _("Created {path} (campaign {campaign}).").format(
                path=path, campaign=campaign.campaign_id
            ),
            file=out,
        )
        _print_checkup(out, checkup, campaign.mailing)
        _print_sender(out, campaign.identity)
        return _verdict(out, checkup)

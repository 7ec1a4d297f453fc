"""Preparing a mailing from the command line: ``check``, ``preview`` and ``new``.

``check`` and ``preview`` take either a spreadsheet and a template (with code, suppression and
attachment options) or a campaign file made by ``new``. Nothing here sends anything; it reads,
reports and writes files only where asked. Heavy modules load inside the commands, because
``check`` on 100,000 rows must take little more than reading the spreadsheet."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from composer.cli import EXIT_BLOCKED, EXIT_OK
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
PLACEHOLDER_ADDRESS = "you@example.invalid"  # composer.mailing.PLACEHOLDER_SENDER's
PLACEHOLDER_SENDER = f"Your Name <{PLACEHOLDER_ADDRESS}>"


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
        help=f"the sender (default: the placeholder {PLACEHOLDER_SENDER})",
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
            f'"{text}" is not a sender; write it as "Your Name <you@example.com>".'
        )
    return Identity(name.strip(), address.strip())


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a day; write it as 2026-03-09.'
        ) from None


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f'"{text}" is not a number of messages.')
    return int(text)


def _row_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f'"{text}" is not a spreadsheet row number.')
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
                f"give either a campaign file or {flag} and the other spreadsheet options, not both"
            )
        return True
    missing = [f"--{n}" for n in ("recipients", "template") if getattr(args, n) is None]
    if missing:
        args.parser.error(
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} needed "
            "(or a campaign file)"
        )
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
    from composer import codes, recipients, template
    from composer.attachments import AttachmentPlan
    from composer.mailing import Mailing

    sheet = sheet_of()
    apology = template.load(args.template or _reply_template(args))
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
        args.parser.error("give one of --recipients, --from-mailbox and --from-mbox")
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
        args.parser.error("--template is needed (the apology to send)")
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
    from composer.mailing import PLACEHOLDER_SENDER

    return PLACEHOLDER_SENDER


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
            print(f"Campaign: {args.campaign.name}", file=out)
            _print_checkup(out, checkup, campaign.mailing)
            print(f"Sender: {_sender_text(campaign.identity)}", file=out)
            if args.deliverability:
                host = _sending_host(args.account or campaign.settings.account)
                checked, mix, _ = campaign.deliverability(host, other_daily=args.other_daily)
                _print_deliverability(out, (*checked.findings, *mix))
            return _verdict(out, checkup)

    from composer import check

    mailing = _read_inputs(args)
    checkup = check.run(mailing, check_sender=args.sender is not None)
    # a check of a big list is read-only: keep its objects alive so main() can end the process
    # without freeing them one by one (see cli.main)
    args.quick_exit = (mailing, checkup)
    _print_checkup(out, checkup, mailing)
    if args.sender is None:
        print(f"Sender: none given; previews use the placeholder {PLACEHOLDER_SENDER}", file=out)
    else:
        print(f"Sender: {_sender_text(args.sender)}", file=out)
    if args.deliverability:
        from composer import deliverability

        if args.sender is None:
            args.parser.error("--deliverability needs --from (whose domain to look up)")
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

    print("Will it arrive (nothing here stops sending):", file=out)
    for finding in findings:
        mark = {OK: "ok", ADVICE: "to do"}.get(finding.level, "not confirmed")
        print(f"  [{mark}] {finding.sentence}", file=out)


def _print_checkup(out: TextIO, checkup: Checkup, mailing: Mailing) -> None:
    from composer import audience
    from composer import recipients as kinds

    table, plan, filter = mailing.table, mailing.code_plan, mailing.filter
    assert table is not None

    source = table.source.name if table.source is not None else "(unknown)"
    sheet = f', sheet "{table.sheet}"' if table.sheet else ""
    people = checkup.recipients
    by_kind: dict[str, list[kinds.Problem]] = {}
    for problem in checkup.problems:
        by_kind.setdefault(problem.kind, []).append(problem)

    print(f"Spreadsheet: {source}{sheet}", file=out)
    for note in checkup.notes:
        print(f"Note: {note}", file=out)
    print(f"Rows read: {checkup.rows_read}", file=out)
    print("Fields (header -> field):", file=out)
    for line in _capped(f'  "{c.header}" -> {c.field}' for c in table.columns):
        print(line, file=out)
    print(f"Address column: {_header(table, people.columns.email) or 'none found'}", file=out)
    names = [people.columns.full_name] if people.columns.full_name else []
    names = names or [n for n in (people.columns.first_name, people.columns.last_name) if n]
    print(
        f"Name from: {' + '.join(_header(table, n) for n in names) or 'no name column'}", file=out
    )
    print(f"Valid recipients: {len(people.valid)}", file=out)

    duplicates = by_kind.get(kinds.DUPLICATE, [])
    print(f"Duplicates: {len(duplicates)}", file=out)
    for line in _capped(f"  row {p.row} duplicates row {p.duplicate_of}" for p in duplicates):
        print(line, file=out)
    invalid = sorted(
        by_kind.get(kinds.INVALID, []) + by_kind.get(kinds.BLANK, []), key=lambda p: p.row or 0
    )
    print(f"Invalid rows: {len(invalid)}", file=out)
    for line in _capped(f"  {p.message}" for p in invalid):
        print(line, file=out)
    print(f"Suppressed: {len(by_kind.get(kinds.SUPPRESSED, []))}", file=out)
    if filter.conditions:
        headers = {c.field: c.header for c in table.columns}
        print(f"Filter: {audience.describe(filter, headers)}", file=out)
    print(f"Audience: {len(checkup.audience)}", file=out)

    used = ", ".join(checkup.fields_used) or "none"
    print(f"Template fields used: {used}", file=out)
    if checkup.missing:
        print("Rows missing values (no fallback):", file=out)
        for name, rows in checkup.missing.items():
            print(
                f"  {name}: {count(len(rows), '{n} row', '{n} rows')} ({_row_list(rows)})", file=out
            )
    else:
        print("Rows missing values: none", file=out)

    print(f"Discount code: {_plan_text(plan, checkup)}", file=out)
    code_problems = by_kind.get(kinds.CODE, [])
    if code_problems:
        print(f"Code problems: {len(code_problems)}", file=out)
        for line in _capped(f"  {p.message}" for p in code_problems):
            print(line, file=out)
    _print_attachments(out, mailing.attachments)
    attachment_problems = by_kind.get(kinds.ATTACHMENT, [])
    if attachment_problems:
        print(f"Attachment problems: {len(attachment_problems)}", file=out)
        for line in _capped(f"  {p.message}" for p in attachment_problems):
            print(line, file=out)


def _print_attachments(out: TextIO, plan: AttachmentPlan) -> None:
    parts = [p.name for p in plan.files]
    if plan.column:
        parts.append(f"each customer's file named in {plan.column}")
    print(f"Attachments: {', '.join(parts) if parts else 'none'}", file=out)


def _verdict(out: TextIO, checkup: Checkup) -> int:
    if checkup.sendable:
        print(f"Ready to send to {customers(len(checkup.audience))}.", file=out)
        return EXIT_OK
    if len(checkup.blocking) == 1:
        print(f"Not ready: {checkup.blocking[0]}", file=out)
    else:
        print("What blocks sending:", file=out)
        for sentence in checkup.blocking:
            print(f"  - {sentence}", file=out)
        print(
            f"Not ready: {len(checkup.blocking)} problems block sending (listed above).", file=out
        )
    return EXIT_BLOCKED


def _plan_text(plan: CodePlan, checkup: Checkup) -> str:
    from composer import codes

    if plan.kind == codes.SHARED:
        return f"one shared code, {plan.shared}"
    if plan.kind == codes.FILE:
        left = f", {checkup.codes_left:,} left over" if checkup.codes_left is not None else ""
        return (
            f"unique codes from a file ({len(plan.pool):,} codes for "
            f"{customers(len(checkup.audience))}{left})"
        )
    if plan.kind == codes.COLUMN:
        return f"unique codes from the column {plan.column}"
    return "none"


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
        yield f"  and {extra} more"


def _row_list(rows: list[int], limit: int = LIST_LIMIT) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


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
                checkup.blocking[0] if checkup.blocking else "Nobody to send to."
            )
        if placeholder:
            print(
                f"Note: no --from given; the sender shown is a placeholder ({PLACEHOLDER_SENDER}).",
                file=sys.stderr,
            )
        for note in checkup.notes:
            print(f"Note: {note}", file=sys.stderr)
        for sentence in checkup.blocking:
            print(f"Note: not ready to send yet: {sentence}", file=sys.stderr)
        people = checkup.audience
        if args.row is not None:
            people = [_recipient_at(campaign, checkup, args.row)]
        campaign.assign_codes(checkup.audience, store=False)
        if args.out is not None:
            from composer import trial

            written = trial.write_eml(campaign, people, args.out)
            print(
                f"Wrote {count(written, '{n} message', '{n} messages')} to {args.out}.",
                file=sys.stdout,
            )
            return EXIT_OK
        from composer.check import second_looks
        from composer.message import preview_text

        for look in second_looks(campaign.mailing, people[0]):
            print(f"Worth a second look: {look.sentence}", file=sys.stderr)
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
            reason = problem.message.removeprefix(f"Row {row}: ")
            raise SpreadsheetError(f"Row {row} gets no message: {reason}", row=row)
    if any(person.row == row for person in checkup.recipients.valid):
        raise SpreadsheetError(
            f"Row {row} is left out by the filter, so it gets no message.", row=row
        )
    numbers = campaign.table.row_numbers
    span = f"rows {numbers[0]} to {numbers[-1]}" if numbers else "no rows"
    raise SpreadsheetError(
        f"There is no customer on row {row}; the spreadsheet has {span}.", row=row
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
            f'"{path}" already exists; choose another name, or add --force to replace it.'
        )
    campaign = Campaign.create(path, _read_inputs(args), overwrite=args.force)
    with campaign:
        checkup = campaign.checkup()
        if checkup.audience and not any(p.kind == CODE for p in checkup.problems):
            # unique codes are given out now, so preview and send show the same ones
            campaign.assign_codes(checkup.audience)
        out = sys.stdout
        print(f"Created {path} (campaign {campaign.campaign_id}).", file=out)
        _print_checkup(out, checkup, campaign.mailing)
        print(f"Sender: {_sender_text(campaign.identity)}", file=out)
        return _verdict(out, checkup)

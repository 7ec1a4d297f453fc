"""Delivering from the command line: ``send``, ``status``, ``report`` and ``account``.

``send`` is safe by default: it shows how many apologies will go and asks the person to type
that number back (``--yes`` for scripts), ``--test-to-self`` sends one to the owner first and
``--dry-run`` writes .eml files instead. Ctrl+C stops cleanly: the messages in flight finish,
the journal stays exact, and the exit code is 130. Heavy modules load inside the commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from composer.cli import EXIT_BLOCKED, EXIT_INTERRUPTED, EXIT_OK
from composer.errors import SendError
from composer.language import N_, _, n_, number
from composer.limiter import DEFAULT_CONNECTIONS, MAX_CONNECTIONS
from composer.wording import clock, counts_line, rows_text, state_name

if TYPE_CHECKING:
    from composer.accounts import Account, Secret
    from composer.campaign import Campaign
    from composer.plan import Plan
    from composer.sender import Event, Sender, Summary

SECURITY_CHOICES = ("starttls", "tls", "none")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``send``, ``status``, ``report`` and ``account``."""
    send = sub.add_parser(
        "send",
        help="send the apology, one message per customer, from your own account",
        description="Send every queued apology of CAMPAIGN.apology, each to its one recipient, "
        "over a few reused connections. Running it again resumes: what was sent is never sent "
        "again, and messages in doubt go only with --resend-in-doubt.",
    )
    send.add_argument("campaign", type=Path, metavar="CAMPAIGN.apology")
    who = send.add_argument_group("account (a saved one, or a server given here)")
    who.add_argument("--account", metavar="NAME", help="a saved account (see `account list`)")
    who.add_argument("--smtp-host", metavar="H", help="the mail server to send through")
    who.add_argument("--smtp-port", type=_port, metavar="P", help="its port (587 or 465 usually)")
    who.add_argument("--security", choices=SECURITY_CHOICES, help="starttls, tls or none")
    who.add_argument("--username", metavar="U", help="the sign-in name (default: your address)")
    pace = send.add_argument_group("pace")
    pace.add_argument(
        "--connections",
        type=_whole(1, MAX_CONNECTIONS),
        metavar="K",
        help=f"connections side by side, 1-{MAX_CONNECTIONS} (default: the campaign's, else "
        f"{DEFAULT_CONNECTIONS})",
    )
    pace.add_argument("--rate", type=_whole(1), metavar="N", help="at most N messages a minute")
    pace.add_argument(
        "--daily-cap", type=_whole(1), metavar="N", help="at most N messages in any 24 hours"
    )
    pace.add_argument("--limit", type=_whole(0), metavar="N", help="send at most N this run")
    pace.add_argument(
        "--until-done",
        action="store_true",
        help="when the daily cap is reached, wait for the rolling 24 hours to allow more and go "
        "on, until everything is sent (without it, send sends what the cap allows and exits: "
        "run it again later, e.g. from cron)",
    )
    pace.add_argument(
        "--start-at",
        type=_moment,
        metavar='"YYYY-MM-DD HH:MM"',
        help="wait until then (your computer's time zone) before sending the first message",
    )
    send.add_argument(
        "--yes",
        action="store_true",
        help="do not ask to confirm the number, and go without a test to yourself (the "
        "campaign's history notes it)",
    )
    send.add_argument("--json", action="store_true", help="one JSON event per line on stdout")
    send.add_argument(
        "--no-sent-copy",
        action="store_true",
        help="file no copy of the messages in your mailbox's Sent folder (by default one is "
        "filed where the provider does not do so itself)",
    )
    send.add_argument(
        "--resend-in-doubt",
        action="store_true",
        help="send again the messages that may or may not have gone out",
    )
    send.add_argument(
        "--test-to-self",
        action="store_true",
        help="send one rendered message to your own address, marked [TEST]; kept in the "
        "campaign's history as the test of this version, never as a delivery",
    )
    send.add_argument(
        "--row", type=_whole(1), metavar="N", help="with --test-to-self: the spreadsheet row"
    )
    send.add_argument(
        "--dry-run", action="store_true", help="write .eml files to --outbox, send nothing"
    )
    send.add_argument("--outbox", type=Path, metavar="DIR", help="folder for --dry-run")
    send.set_defaults(run=run_send, parser=send)

    status = sub.add_parser(
        "status",
        help="how many apologies are sent, failed, waiting or in doubt",
        description="Print how many recipients are in each state and list the messages in "
        "doubt (they may have gone out; check before sending them again).",
    )
    status.add_argument("campaign", type=Path, metavar="CAMPAIGN.apology")
    status.set_defaults(run=run_status, parser=status)

    rep = sub.add_parser(
        "report",
        help="export the delivery report (.xlsx or .csv)",
        description="Write one row per recipient: spreadsheet row, address, name, discount "
        "code, state, attempts, the server's last reply, Message-ID and when it was sent.",
    )
    rep.add_argument("campaign", type=Path, metavar="CAMPAIGN.apology")
    rep.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx|FILE.csv")
    rep.set_defaults(run=run_report, parser=rep)

    account = sub.add_parser(
        "account",
        help="add, list, remove or test the mail accounts you send from",
        description="Accounts are saved in your settings folder; their passwords only in the "
        "system's password store (keyring).",
    )
    verbs = account.add_subparsers(
        dest="verb", required=True, metavar="add|signin|list|remove|test"
    )
    add = verbs.add_parser("add", help="save an account (and its password in the keyring)")
    add.add_argument("--name", required=True, help="a short label, e.g. shop")
    add.add_argument("--address", required=True, help="the address customers will see")
    add.add_argument("--display-name", required=True, help="your name as customers will see it")
    add.add_argument(
        "--provider",
        metavar="P",
        help="a preset (default: from the address); for more than a mailbox allows, a sending "
        "service: ses, postmark, mailgun, sendgrid, brevo, or relay for another one",
    )
    add.add_argument(
        "--region",
        metavar="R",
        help="the sending service's region, which chooses its server (ses: us-east-1, "
        "eu-west-1 …; mailgun: us or eu)",
    )
    add.add_argument("--host", metavar="H", help="SMTP server (for a provider without a preset)")
    add.add_argument("--port", type=_port, metavar="P")
    add.add_argument("--security", choices=SECURITY_CHOICES)
    add.add_argument("--username", metavar="U", help="sign-in name (default: the address)")
    add.add_argument("--daily-cap", type=_whole(1), metavar="N")
    add.add_argument("--rate", type=_whole(1), metavar="N", help="messages per minute")
    add.add_argument(
        "--imap-host",
        metavar="H",
        help="the mailbox's IMAP server, for bounces, replies and the Sent folder (default: "
        "the provider's)",
    )
    add.add_argument("--imap-port", type=_port, metavar="P", help="its port (993 usually)")
    add.add_argument("--imap-security", choices=("tls", "starttls"))
    add.add_argument(
        "--oauth",
        choices=signin_choices(),
        help="sign in with Microsoft or Google in the browser instead of a password",
    )
    add.add_argument(
        "--device-code",
        action="store_true",
        help="with --oauth microsoft: sign in with a code on another device (no browser here)",
    )
    add.add_argument(
        "--graph",
        action="store_true",
        help="with --oauth microsoft: send through Microsoft Graph (for a Microsoft 365 "
        "organisation that turned SMTP sign-in off)",
    )
    add.set_defaults(run=run_account_add, parser=add)
    again = verbs.add_parser("signin", help="sign an account in again with Microsoft or Google")
    again.add_argument("name")
    again.add_argument("--device-code", action="store_true", help="sign in with a code instead")
    again.set_defaults(run=run_account_signin, parser=again)
    lst = verbs.add_parser("list", help="show the saved accounts")
    lst.set_defaults(run=run_account_list, parser=lst)
    rm = verbs.add_parser("remove", help="forget an account and its saved password")
    rm.add_argument("name")
    rm.set_defaults(run=run_account_remove, parser=rm)
    test = verbs.add_parser("test", help="connect, secure, sign in and out, step by step")
    test.add_argument("name")
    test.set_defaults(run=run_account_test, parser=test)


# -- argument types -------------------------------------------------------------------------


def _whole(low: int, high: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.replace(",", "").replace("_", ""))
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            problem = (
                _('"{text}" is not a whole number between {low} and {high}.')
                if high is not None
                else _('"{text}" is not a whole number {low} or more.')
            )
            raise argparse.ArgumentTypeError(problem.format(text=text, low=low, high=high))
        return value

    return parse


def _port(text: str) -> int:
    return _whole(1, 65535)(text)


# -- helpers ----------------------------------------------------------------------------------


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _prompt_secret(question: str) -> str:
    import getpass

    return getpass.getpass(question)


def _open(path: Path, *, for_sending: bool) -> Campaign:
    from composer.campaign import Campaign

    return Campaign.open(path, for_sending=for_sending)


def _account_for(args: argparse.Namespace, campaign: Campaign) -> Account:
    """The saved account, or one described by --smtp-* (sending as the campaign's sender)."""
    from composer import accounts

    if args.account and args.smtp_host:
        args.parser.error(_("give either --account or --smtp-host, not both"))
    if args.smtp_host:
        if args.smtp_port is None or args.security is None:
            args.parser.error(_("--smtp-host needs --smtp-port and --security too"))
        account = accounts.Account(
            name="command line",
            display_name=campaign.identity.name,
            address=campaign.identity.address,
            host=args.smtp_host,
            port=args.smtp_port,
            security=args.security,
            username=args.username or campaign.identity.address,
        )
        accounts.validate_account(account)
        return account
    name = args.account or campaign.settings.account
    if not name:
        parser: argparse.ArgumentParser = args.parser  # error() exits
        parser.error(_("say which account to send from: --account NAME, or --smtp-host ..."))
    return accounts.get(name)


def _secret(account: Account) -> Secret:
    from composer import accounts

    return accounts.resolve_secret(account, prompt=_prompt_secret if _interactive() else None)


# -- send -------------------------------------------------------------------------------------


def run_send(args: argparse.Namespace) -> int:
    if args.dry_run:
        return _send_dry_run(args)
    if args.outbox is not None:
        args.parser.error(_("--outbox goes with --dry-run"))
    if args.row is not None and not args.test_to_self:
        args.parser.error(_("--row goes with --test-to-self"))
    if args.test_to_self:
        return _send_test(args)
    return _send_for_real(args)


def _send_dry_run(args: argparse.Namespace) -> int:
    from composer import trial

    if args.outbox is None:
        args.parser.error(_("--dry-run needs --outbox DIR, the folder for the .eml files"))
    with _open(args.campaign, for_sending=False) as campaign:
        written = trial.dry_run(campaign, args.outbox)
    print(
        n_(
            "Wrote {n} message to {folder}; nothing was sent.",
            "Wrote {n} messages to {folder}; nothing was sent.",
            written,
        ).format(n=number(written), folder=args.outbox)
    )
    return EXIT_OK


def _send_test(args: argparse.Namespace) -> int:
    import asyncio

    from composer import trial
    from composer.campaign import HistoryKind

    with _open(args.campaign, for_sending=False) as campaign:
        account = _account_for(args, campaign)
        secret = _secret(account)
        fingerprint = campaign.mailing.fingerprint()
        reply = asyncio.run(trial.send_to_self(campaign, account, secret, row=args.row))
        campaign.record(HistoryKind.TEST_SENT, fingerprint=fingerprint, to=account.address)
    went = (
        _(
            "A test message rendered for row {row} went to {address} (the server said: "
            "{reply}). Check your inbox; nothing was recorded as sent."
        )
        if args.row
        else _(
            "A test message rendered for the first recipient went to {address} (the server "
            "said: {reply}). Check your inbox; nothing was recorded as sent."
        )
    )
    print(went.format(row=args.row, address=account.address, reply=reply))
    return EXIT_OK


def _moment(text: str) -> float:
    """A local date and time ("2026-12-03 09:00") as Unix seconds."""
    import datetime as dt

    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _('"{text}" is not a date and time; write it as "{example}".').format(
                text=text, example="2026-12-03 09:00"
            )
        ) from None
    return when.timestamp() if when.tzinfo else when.astimezone().timestamp()


def _wait_until(moment: float, why: str) -> bool:
    """Sleep until ``moment`` (saying so once: ``why``, a sentence with ``{time}``); False when
    Ctrl+C ended the wait."""
    if moment <= _now():
        return True
    print(
        _("{waiting}; Ctrl+C stops waiting (nothing is lost).").format(
            waiting=why.format(time=clock(moment))
        ),
        file=sys.stderr,
    )
    try:
        while (left := moment - _now()) > 0:
            _nap(min(left, 30.0))  # a computer that slept wakes up into the loop again
    except KeyboardInterrupt:
        return False
    return True


_now, _nap = time.time, time.sleep  # the waits' clock (a test moves it on a day)


def _confirm(n: int, campaign: Campaign, account: Account, out: TextIO) -> bool:
    """The person types the exact number back; anything else stops."""
    sender = f"{campaign.identity.name} <{campaign.identity.address}>".strip()
    out.write(
        n_(
            "This sends {n} apology, each to one customer only, from {sender} through {host}.\n"
            "Type {answer} to send them, or anything else to stop: ",
            "This sends {n} apologies, each to one customer only, from {sender} through {host}.\n"
            "Type {answer} to send them, or anything else to stop: ",
            n,
        ).format(n=number(n), sender=sender, host=account.host, answer=n)
    )
    out.flush()
    try:
        answer = input()
    except EOFError:
        answer = ""
    return answer.strip().replace(",", "").replace("_", "") == str(n)


NO_TEST = N_(
    "No test of this version of the apology went to you yet; `send --test-to-self` sends one "
    "to read in your own inbox first."
)


def _send_for_real(args: argparse.Namespace) -> int:
    from composer import filing, sender
    from composer.campaign import HistoryKind
    from composer.limiter import spread

    with _open(args.campaign, for_sending=True) as campaign:
        account = _account_for(args, campaign)
        sender.check_sendable(campaign)
        planned = campaign.plan(limit=args.limit, resend_in_doubt=args.resend_in_doubt)
        doubt = planned.in_doubt
        if doubt and not args.resend_in_doubt and not args.json:
            print(
                n_(
                    "{n} message may already have gone out and will not be sent again ({rows}); "
                    "see `status`, and use --resend-in-doubt to send them anyway.",
                    "{n} messages may already have gone out and will not be sent again ({rows}); "
                    "see `status`, and use --resend-in-doubt to send them anyway.",
                    len(doubt),
                ).format(n=number(len(doubt)), rows=rows_text([f.row for f in doubt], 20)),
                file=sys.stderr,
            )
        if planned.to_send == 0 and args.json:
            counts = {str(k): v for k, v in planned.counts.items()}
            print(json.dumps({"kind": "finished", "counts": counts, "remaining": 0}))
            return EXIT_OK
        if planned.to_send == 0:
            print(
                _("Nothing left to send: {counts}.").format(
                    counts=counts_line(_status_counts(planned))
                )
            )
            return EXIT_OK
        if not args.yes and not _interactive():
            raise SendError(
                n_(
                    "Sending {n} apology needs your confirmation; run this in a terminal to type "
                    "the number, or add --yes.",
                    "Sending {n} apologies needs your confirmation; run this in a terminal to type "
                    "the number, or add --yes.",
                    planned.to_send,
                ).format(n=number(planned.to_send))
            )
        tested = campaign.test_status(account.address)
        if not tested.done:
            print(_(NO_TEST), file=sys.stderr)
        cap = args.daily_cap or campaign.settings.daily_cap or account.daily_cap
        schedule = spread(planned.to_send, cap, planned.sent_last_day)
        if schedule and not args.json:
            then = (
                _("This command waits for each day's window and goes on.")
                if args.until_done
                else _(
                    "This run sends what today allows; run send again later, or add --until-done."
                )
            )
            print(f"{schedule} {then}", file=sys.stderr)
        if not args.yes and not _confirm(planned.to_send, campaign, account, sys.stderr):
            print(_("Nothing was sent."), file=sys.stderr)
            return EXIT_BLOCKED
        if not tested.done:
            campaign.record(
                HistoryKind.TEST_SKIPPED,
                fingerprint=campaign.mailing.fingerprint(),
                by="the command line",
            )
        secret = _secret(account)
        copies = None
        if not args.no_sent_copy and filing.wanted(account):
            copies = filing.for_account(account, secret)
        connections = args.connections or campaign.settings.connections or DEFAULT_CONNECTIONS
        if args.start_at is not None and not _wait_until(
            args.start_at, _("Sending starts at {time}")
        ):
            print(_("Nothing was sent."), file=sys.stderr)
            return EXIT_INTERRUPTED
        while True:
            run = sender.Sender(
                campaign,
                account,
                secret,
                connections=connections,
                rate=args.rate or campaign.settings.rate,
                daily_cap=args.daily_cap or campaign.settings.daily_cap,
                limit=args.limit,
                resend_in_doubt=args.resend_in_doubt,
                copies=copies.add if copies is not None else None,
            )
            if args.json:
                progress: _Output = _JsonLines(sys.stdout)
            elif sys.stderr.isatty():
                progress = _ProgressBar(sys.stderr, planned)
            else:
                progress = _Output()
            run.on_event = progress.event
            summary = _run_with_ctrl_c(run)
            progress.close()
            after = campaign.plan(run_over=True)
            waiting = args.until_done and summary.cap_reached and summary.ok
            if not waiting or summary.resume_at is None:
                break
            if not args.json:
                print(summary.verdict(), file=sys.stderr)
            if not _wait_until(summary.resume_at, _("The daily limit allows more at {time}")):
                summary.cancelled = True
                break
            planned = after
    filed = copies.close() if copies is not None else None
    if not args.json:
        _print_summary(summary, after, args.campaign)
    if filed is not None and filed.sentence():
        print(filed.sentence(), file=sys.stderr)
    if summary.cancelled:
        print(_("apology-composer: interrupted."), file=sys.stderr)
        return EXIT_INTERRUPTED
    if summary.error:
        if args.json:
            print(f"apology-composer: {summary.error}", file=sys.stderr)
        return EXIT_BLOCKED
    return EXIT_OK


def _run_with_ctrl_c(run: Sender) -> Summary:
    """Run the sender; Ctrl+C (or SIGTERM) asks it to stop after the messages in flight."""
    import asyncio
    import signal

    async def main() -> Summary:
        loop = asyncio.get_running_loop()
        installed = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, run.cancel)
                installed.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # Windows: Ctrl+C arrives as KeyboardInterrupt and cancels the task
        try:
            return await run.run()
        finally:
            for sig in installed:
                loop.remove_signal_handler(sig)

    return asyncio.run(main())


def _status_counts(planned: Plan) -> list[tuple[str, int]]:
    """The plan's counts in the order the person reads them."""
    from composer.plan import READING_ORDER

    return [(str(n), planned.counts[n]) for n in READING_ORDER]


def _print_summary(summary: Summary, after: Plan, path: Path) -> None:
    print(summary.verdict(), file=sys.stderr)
    print(_("In all: {counts}.").format(counts=counts_line(_status_counts(after))), file=sys.stderr)
    if after.in_doubt:
        rows = rows_text([f.row for f in after.in_doubt], 20)
        print(
            _(
                "In doubt (may have gone out): {rows}. Check with the customers or your Sent "
                "folder; `send --resend-in-doubt` sends them again."
            ).format(rows=rows),
            file=sys.stderr,
        )
    if after.failed:
        print(
            _(
                "The reasons for the failures are in `apology-composer-cli report {campaign} "
                "--out report.xlsx`."
            ).format(campaign=path),
            file=sys.stderr,
        )
    if summary.cap_reached and summary.resume_at is not None:
        print(
            _("Run send again after {time} to continue.").format(time=clock(summary.resume_at)),
            file=sys.stderr,
        )


class _Output:
    """Progress for a run without a terminal: nothing until the summary."""

    def event(self, event: Event) -> None:
        pass

    def close(self) -> None:
        pass


class _JsonLines(_Output):
    """One JSON object per event, for scripts (``sending`` is left out as noise)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def event(self, event: Event) -> None:
        from composer.sender import EventKind

        if event.kind is EventKind.SENDING:
            return
        self.out.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
        self.out.flush()


class _ProgressBar(_Output):
    """A one-line bar on the terminal (composer.progress), redrawn at most 10 times a second."""

    WIDTH = 28

    def __init__(self, out: TextIO, planned: Plan) -> None:
        from composer.progress import RunProgress

        self.out = out
        self.progress = RunProgress.from_plan(planned)
        self.drawn = 0.0

    def event(self, event: Event) -> None:
        self.progress.apply(event)
        from composer.sender import EventKind

        kind = event.kind
        troubles = (EventKind.FAILED, EventKind.CAP_REACHED, EventKind.ERROR)
        if kind in troubles and event.reason and event.row:
            self._line(_("row {row}: {reason}").format(row=event.row, reason=event.reason))
        elif kind is EventKind.IN_DOUBT and event.row:
            self._line(_("row {row} in doubt: {reason}").format(row=event.row, reason=event.reason))
        if kind is EventKind.FINISHED or time.monotonic() - self.drawn >= 0.1:
            self._draw()

    def _line(self, text: str) -> None:
        self.out.write("\r\033[K" + text + "\n")
        self._draw()

    def _draw(self) -> None:
        self.drawn = time.monotonic()
        filled = int(self.WIDTH * self.progress.fraction())
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.out.write(f"\r\033[K[{bar}] {self.progress.status()}")
        self.out.flush()

    def close(self) -> None:
        self._draw()
        self.out.write("\n")
        self.out.flush()


# -- status, report -----------------------------------------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    from composer import report
    from composer.plan import Next
    from composer.sendlock import CampaignBusy

    busy = False
    try:
        campaign = _open(args.campaign, for_sending=True)  # turns a crash's "sending" into doubt
    except CampaignBusy:
        busy = True
        campaign = _open(args.campaign, for_sending=False)
    with campaign:
        planned = campaign.plan()
        tested = campaign.test_status()
    heading = (
        n_(
            "{campaign}: {n} recipient — being sent right now.",
            "{campaign}: {n} recipients — being sent right now.",
            planned.audience,
        )
        if busy
        else n_("{campaign}: {n} recipient.", "{campaign}: {n} recipients.", planned.audience)
    )
    print(heading.format(campaign=args.campaign.name, n=number(planned.audience)))
    for state, n in _status_counts(planned):
        if n or state in (Next.SENT, Next.SEND):
            print(f"  {state_name(state):<23} {number(n):>8}")
    if planned.to_send and not tested.done:
        print(_(NO_TEST))
    doubt = planned.in_doubt
    if doubt:
        print(
            _(
                "In doubt — the whole message reached the mail server but its answer never came "
                "(the connection dropped or the program stopped), so these may have gone out. "
                "Check your Sent folder or ask the customer; `send --resend-in-doubt` sends them "
                "again:"
            )
        )
        for f in doubt[:50]:
            at = report.when(f.delivery.updated_at) if f.delivery else ""
            line = _("row {row} {address} {at}").format(
                row=f"{f.row:<6}", address=f"{f.email:<40}", at=at
            )
            print(f"  {line}")
        if len(doubt) > 50:
            more = len(doubt) - 50
            print(
                "  "
                + n_(
                    "… and {n} more (see `report`).", "… and {n} more (see `report`).", more
                ).format(n=number(more))
            )
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    from composer import report

    with _open(args.campaign, for_sending=False) as campaign:
        n = report.export(campaign, args.out)
    print(
        n_(
            "Wrote the delivery report for {n} recipient to {file}.",
            "Wrote the delivery report for {n} recipients to {file}.",
            n,
        ).format(n=number(n), file=args.out)
    )
    return EXIT_OK


# -- account ------------------------------------------------------------------------------------


def signin_choices() -> tuple[str, ...]:
    from composer.signin import PROVIDERS

    return PROVIDERS


def run_account_add(args: argparse.Namespace) -> int:
    import dataclasses

    from composer import accounts

    if args.oauth is None and (args.device_code or args.graph):
        args.parser.error(_("--device-code and --graph go with --oauth microsoft"))
    if args.graph and args.oauth != "microsoft":
        args.parser.error(_("--graph goes with --oauth microsoft"))
    provider = args.provider
    if provider is None and args.host is None:
        preset = accounts.preset_for_address(args.address)
        provider = preset.key if preset else None
    if args.oauth is not None and provider is None:
        provider = _oauth_preset(args.oauth, args.address)
    if provider is None and args.host is None:
        args.parser.error(
            _(
                "no provider preset matches that address; give --provider or --host, --port and "
                "--security"
            )
        )
    account = accounts.account_from_preset(
        provider or "custom",
        args.address,
        args.display_name,
        name=args.name,
        sign_in=args.oauth is not None,
        region=args.region,
    )
    service = accounts.presets()[account.provider]
    changes: dict[str, Any] = {"transport": "graph"} if args.graph else {}
    given = "host port security username daily_cap rate imap_host imap_port imap_security"
    for option in given.split():
        value = getattr(args, option)
        if value is not None:
            changes[option] = value
    account = dataclasses.replace(account, **changes)
    if account.auth == "oauth2":
        accounts.validate_account(account)
        _sign_in(account, device_code=args.device_code)  # saved only once signed in
        account = accounts.save(account)
        print(_("Saved {account}.").format(account=accounts.describe_account(account)))
        return EXIT_OK
    if service.relay:  # which key to paste, and a new account's limits: said every time
        print(accounts.password_hint(account))
    account = accounts.save(account)
    print(_("Saved {account}.").format(account=accounts.describe_account(account)))
    secret = os.environ.get(accounts.PASSWORD_ENV)
    if not secret and _interactive():
        if not service.relay:
            print(accounts.password_hint(account))
        secret = _prompt_secret(
            _("Password for {address} (Enter to skip and be asked when sending): ").format(
                address=account.address
            )
        )
    if secret:
        try:
            accounts.store_secret(account, secret)
        except accounts.KeyringUnavailable as problem:
            print(str(problem), file=sys.stderr)
        else:
            print(_("The password is saved in the system's password store."))
    return EXIT_OK


def _oauth_preset(provider: str, address: str) -> str:
    """The preset of an address with no preset of its own: the provider's business service."""
    return "microsoft365" if provider == "microsoft" else "google_workspace"


def _sign_in(account: Account, *, device_code: bool) -> None:
    """Sign ``account`` in in the browser (or with a code) and keep its refresh token."""
    from composer import accounts, signin

    label = signin.LABELS[signin.provider_of(account) or signin.MICROSOFT]
    if not device_code:
        print(
            _(
                "Opening your browser to sign in to {address} with {provider}; this waits until "
                "you have (at most 5 minutes)."
            ).format(address=account.address, provider=label),
            file=sys.stderr,
        )
    grant = signin.sign_in(
        signin.provider_of(account) or signin.MICROSOFT,
        account.address,
        scope=signin.scope_of(account),
        device_code=(lambda text: print(text, file=sys.stderr, flush=True))
        if device_code
        else None,
    )
    _kept, not_kept = accounts.keep_sign_in(account, grant)
    if not_kept is not None:
        raise accounts.KeyringUnavailable(
            _("Signed in as {address}, but the sign-in cannot be kept: {reason}").format(
                address=grant.address, reason=not_kept
            )
        )
    print(
        _(
            "Signed in as {address} with {provider}; the sign-in is kept in the system's "
            "password store (no password is saved)."
        ).format(address=grant.address, provider=label)
    )


def run_account_signin(args: argparse.Namespace) -> int:
    from composer import accounts

    account = accounts.get(args.name)
    if account.auth != "oauth2":
        raise accounts.AccountError(
            _(
                "The account {name} signs in with a password; to use Microsoft or Google sign-in "
                "instead, add it again with --oauth microsoft or --oauth google."
            ).format(name=account.name),
            field="auth",
        )
    _sign_in(account, device_code=args.device_code)
    return EXIT_OK


def run_account_list(args: argparse.Namespace) -> int:
    from composer import accounts

    saved = accounts.list_accounts()
    if not saved:
        print(_("No accounts yet; add one with `apology-composer-cli account add`."))
    for account in saved:
        print(accounts.describe_account(account))
    return EXIT_OK


def run_account_remove(args: argparse.Namespace) -> int:
    from composer import accounts

    account = accounts.remove(args.name)
    forgot = accounts.delete_secret(account)
    if not forgot:
        removed = _("Removed the account {name}.")
    elif account.auth == "oauth2":
        removed = _("Removed the account {name} and its saved sign-in.")
    else:
        removed = _("Removed the account {name} and its saved password.")
    print(removed.format(name=account.name))
    return EXIT_OK


def run_account_test(args: argparse.Namespace) -> int:
    import asyncio

    from composer import accounts, connection

    account = accounts.get(args.name)
    secret = _secret(account)
    steps = asyncio.run(connection.test_account(account, secret))
    print(connection.format_test_steps(steps))
    works = bool(steps) and all(ok for _step, ok, _detail in steps)
    return EXIT_OK if works else EXIT_BLOCKED

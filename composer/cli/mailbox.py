"""``apology-composer-cli mailbox …``: what the owner's mailbox says about a campaign.

    mailbox scan CAMPAIGN [--account NAME]       bounces and replies, into the campaign
    mailbox resolve CAMPAIGN [--account NAME]    messages in doubt, looked up in Sent

The mailbox is the sending account's (its provider's IMAP server, the same sign-in), or the
one given by ``--imap-host``, ``--imap-port``, ``--imap-security`` and ``--username`` (the
password from the keyring or ``APOLOGY_COMPOSER_PASSWORD``, as for ``send``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from composer.cli.deliver import EXIT_OK, _interactive, _prompt_secret, _whole
from composer.language import _

if TYPE_CHECKING:
    from composer.accounts import Secret
    from composer.imap import ImapSettings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    box = sub.add_parser(
        "mailbox",
        help="read the sending account's mailbox about a campaign (nothing is sent)",
        description="Reads the account's mailbox over IMAP (read-only) for what it says about "
        "a campaign.",
    )
    verbs = box.add_subparsers(dest="verb", required=True, metavar="scan|resolve")
    scan = verbs.add_parser(
        "scan",
        help="read the inbox for bounces and replies to the campaign's messages",
        description="Bounces (the mailbox does not exist, it is full …) and replies to the "
        "campaign's messages become part of its record; automatic replies are told apart, and "
        "an answer that only asks to stop puts the address on the do-not-contact list.",
    )
    scan.add_argument("campaign", type=Path, metavar="CAMPAIGN.apology")
    scan.add_argument("--folder", default="INBOX", help="the folder to read (default INBOX)")
    mailbox_options(scan)
    scan.set_defaults(run=run_mailbox_scan, parser=scan)
    resolve = verbs.add_parser(
        "resolve",
        help="look up the messages in doubt in the Sent folder",
        description="A message in doubt (a crash or a lost answer) that is in the account's "
        "Sent folder was sent: it is recorded so. One that is not there is listed; send it "
        "again with `send --resend-in-doubt` if you choose.",
    )
    resolve.add_argument("campaign", type=Path, metavar="CAMPAIGN.apology")
    mailbox_options(resolve)
    resolve.set_defaults(run=run_mailbox_resolve, parser=resolve)


def mailbox_options(command: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """The options naming the mailbox to read and how to sign in to it."""
    command.add_argument("--account", metavar="NAME", help="the account (default: the campaign's)")
    command.add_argument("--imap-host", metavar="H")
    command.add_argument("--imap-port", type=_whole(1, 65535), metavar="P")
    command.add_argument("--imap-security", choices=("tls", "starttls"))
    command.add_argument("--username", metavar="U", help="sign-in name (default: the account's)")


def run_mailbox_scan(args: argparse.Namespace) -> int:
    from composer import imap, reconcile
    from composer.campaign import Campaign

    with Campaign.open(args.campaign, for_sending=True) as campaign:
        settings, secret = mailbox_of(args, campaign.settings.account)
        with imap.Mailbox(settings, secret) as mailbox:
            result = reconcile.scan(campaign, mailbox, folder=args.folder)
    print(result.sentence())
    for address in result.stopped:
        stopped = _("{address}: on the do-not-contact list now").format(address=address)
        print(f"  {stopped}")
    return EXIT_OK


def run_mailbox_resolve(args: argparse.Namespace) -> int:
    from composer import imap, reconcile
    from composer.campaign import Campaign

    with Campaign.open(args.campaign, for_sending=True) as campaign:
        settings, secret = mailbox_of(args, campaign.settings.account)
        with imap.Mailbox(settings, secret) as mailbox:
            result = reconcile.resolve_in_doubt(campaign, mailbox)
    print(result.sentence())
    for delivery, when in result.found:
        sent = _("row {row}  {address}: sent {time}").format(
            row=delivery.row, address=delivery.email, time=f"{when:%Y-%m-%d %H:%M}"
        )
        print(f"  {sent}")
    for delivery in result.missing:
        missing = _("row {row}  {address}: not in {folder}").format(
            row=delivery.row, address=delivery.email, folder=result.folder
        )
        print(f"  {missing}")
    if result.missing:
        command = f"apology-composer-cli send {args.campaign} --resend-in-doubt"
        print(_("To send those again: {command}").format(command=command))
    return EXIT_OK


def mailbox_of(args: argparse.Namespace, saved: str | None) -> tuple[ImapSettings, Secret]:
    """The mailbox to read and its sign-in: the account's, with any --imap-* option applied."""
    import dataclasses

    from composer import accounts, imap

    name = args.account or saved
    if name:
        account = accounts.get(name)
        settings = imap.settings_for(account)
    elif args.imap_host and args.username:
        account = accounts.Account(
            name=args.username,
            display_name="",
            address=args.username,
            host=args.imap_host,
            port=993,
        )
        security = args.imap_security or "tls"
        port = 143 if security == "starttls" else 993  # each way's usual port
        settings = imap.ImapSettings(args.imap_host, port, security, args.username)
    else:
        parser: argparse.ArgumentParser = args.parser  # error() exits
        parser.error(_("say whose mailbox to read: --account NAME, or --imap-host and --username"))
    changes = {
        key: value
        for key, value in (
            ("host", args.imap_host),
            ("port", args.imap_port),
            ("security", args.imap_security),
            ("username", args.username),
        )
        if value is not None
    }
    settings = dataclasses.replace(settings, **changes)
    secret = accounts.resolve_secret(account, prompt=_prompt_secret if _interactive() else None)
    return settings, secret

"""Real-shaped mail for the mailbox tests, built as bytes: delivery reports as Gmail, Microsoft
365 / Outlook.com, Postfix, Exim and a plain RFC 3464 MTA (Sendmail's layout) send them, replies
as Gmail and Outlook write them (quoted original, "On ... wrote:" / "From: ... Sent: ..." blocks,
signature, HTML alternative), and automatic replies (Exchange, Gmail's vacation responder, a
German and a French Outlook, autoresponders).

The wording is this project's own; the shape is each sender's: the headers it sets, its MIME
layout, where it puts the recipient, the status code, the server's words and the returned
original. Every builder takes the Message-ID of the apology the mail is about.
"""

from __future__ import annotations

import base64
import datetime as dt
import quopri
from collections.abc import Mapping, Sequence
from email.header import Header
from email.utils import format_datetime

OWNER = "sam@bakery.example"
OWNER_NAME = "Sam Baker"
CUSTOMER = "ada@example.com"
CUSTOMER_NAME = "Ada Lovelace"
SUBJECT = "We are sorry, Ada"
SENT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)  # when the apology went
LATER = SENT + dt.timedelta(minutes=4)  # when the report or reply was written

APOLOGY = (
    "Dear Ada,\n"
    "\n"
    "your order #1042 left our bakery three days late, and the cake you had planned\n"
    "for Saturday arrived on Monday. That is not good enough, and I am sorry.\n"
    "\n"
    "We have refunded the delivery charge in full.\n"
    "\n"
    "Sam\n"
)

# what each status says in the server's words, when a builder is not told
_SAID = {
    "5.1.1": "550 5.1.1 <{r}>: no mailbox by that name here",
    "5.1.10": "550 5.1.10 RESOLVER.ADR.RecipientNotFound; recipient not found by SMTP address lookup",
    "5.2.2": "552 5.2.2 <{r}>: this mailbox is over its storage limit",
    "5.4.1": "550 5.4.1 Recipient address rejected: Access denied",
    "5.7.1": "554 5.7.1 Message refused: it looks like bulk mail from an unknown sender",
    "5.7.26": "550 5.7.26 Unauthenticated mail from bakery.example is not accepted here",
    "5.7.515": "550 5.7.515 Access denied, the sending domain does not meet the required authentication level",
    "4.2.2": "452 4.2.2 <{r}>: mailbox full for now, try again later",
    "4.4.1": "421 4.4.1 No answer from the receiving server, will keep trying",
    "4.7.0": "421 4.7.0 Too many messages from your server just now, try again later",
}


def said(status: str, recipient: str = CUSTOMER) -> str:
    """The server's words for a status (the default Diagnostic-Code of every builder)."""
    text = _SAID.get(status, f"{status[0]}50 {status} The receiving server declined this message")
    return text.format(r=recipient)


def _date(when: dt.datetime) -> str:
    return format_datetime(when)


def _bytes(text: str) -> bytes:
    """Mail text with CRLF line ends, as it sits in a mailbox."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def _qp(text: str) -> str:
    return quopri.encodestring(text.encode("utf-8")).decode("ascii")


def _many(value: str | Sequence[str], count: int) -> list[str]:
    return [value] * count if isinstance(value, str) else list(value)


def apology(
    message_id: str,
    recipient: str = CUSTOMER,
    *,
    name: str = CUSTOMER_NAME,
    subject: str = SUBJECT,
    relayed: bool = False,
) -> str:
    """The apology as the app sent it (one To, our Message-ID); ``relayed`` adds the trace
    headers it gathers on the way, as a returned copy shows them."""
    trace = ""
    if relayed:
        trace = (
            f"Return-Path: <{OWNER}>\n"
            "Received: from smtp.bakery.example (smtp.bakery.example [198.51.100.7])\n"
            f"\tby mail.example.net with ESMTPS id 4Xk2Qb1zNqz9sTl\n\tfor <{recipient}>; "
            f"{_date(SENT)}\n"
        )
    return (
        f"{trace}From: {OWNER_NAME} <{OWNER}>\n"
        f"To: {name} <{recipient}>\n"
        f"Subject: {subject}\n"
        f"Date: {_date(SENT)}\n"
        f"Message-ID: {message_id}\n"
        "MIME-Version: 1.0\n"
        'Content-Type: text/plain; charset="utf-8"\n'
        "Content-Transfer-Encoding: 7bit\n"
        "\n"
        f"{APOLOGY}"
    )


def _headers_of(message: str) -> str:
    return message.split("\n\n", 1)[0] + "\n"


def _returned_part(returned: str | None, original: str, description: str = "") -> str:
    """The part of a report that returns the original: all of it, or only its headers."""
    if returned is None:
        return ""
    label = f"Content-Description: {description}\n" if description else ""
    if returned == "headers":
        return f"{label}Content-Type: text/rfc822-headers\n\n{_headers_of(original)}"
    return f"{label}Content-Type: message/rfc822\n\n{original}"


# ---- delivery reports ------------------------------------------------------------------------


def rfc3464_bounce(
    message_id: str,
    recipients: str | Sequence[str] = CUSTOMER,
    status: str | Sequence[str] = "5.1.1",
    *,
    action: str | Sequence[str] | None = None,
    diagnostic: str | Sequence[str] | None = None,
    original_recipient: str | None = None,
    returned: str | None = "message",
    date: dt.datetime = LATER,
) -> bytes:
    """A standard delivery report in Sendmail's layout: a multipart/report with a text
    notice, a message/delivery-status with one field group per recipient, and the original
    (``returned="message"``), its headers (``"headers"``) or nothing (``None``)."""
    addresses = _many(recipients, 1)
    statuses = _many(status, len(addresses))
    actions = _many(
        action
        if action is not None
        else ["failed" if s[0] == "5" else "delayed" for s in statuses],
        len(addresses),
    )
    diagnostics = _many(
        diagnostic
        if diagnostic is not None
        else [said(s, r) for s, r in zip(statuses, addresses, strict=True)],
        len(addresses),
    )
    boundary = "5ANAV4Kq012345.1795426440/mx.example.net"
    listed = "\n".join(
        f"<{r}>\n    (reason: {d.split(' ', 1)[-1]})"
        for r, d in zip(addresses, diagnostics, strict=True)
    )
    groups = []
    for r, s, a, d in zip(addresses, statuses, actions, diagnostics, strict=True):
        original_field = (
            f"Original-Recipient: rfc822;{original_recipient}\n" if original_recipient else ""
        )
        groups.append(
            f"{original_field}Final-Recipient: RFC822; {r}\n"
            f"Action: {a}\n"
            f"Status: {s}\n"
            "Remote-MTA: DNS; mx1.example.com\n"
            f"Diagnostic-Code: SMTP; {d}\n"
            f"Last-Attempt-Date: {_date(date)}\n"
        )
    original = apology(message_id, addresses[0], relayed=True)
    return _bytes(
        "Return-Path: <>\n"
        "Received: from localhost (localhost)\n"
        f"\tby mx.example.net (8.18.1/8.18.1) id 5ANAV4Kq012345;\n\t{_date(date)}\n"
        f"Date: {_date(date)}\n"
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
        "Message-Id: <202611230934.5ANAV4Kq012345@mx.example.net>\n"
        f"To: <{OWNER}>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status;\n"
        f'\tboundary="{boundary}"\n'
        "Subject: Returned mail: see transcript for details\n"
        "Auto-Submitted: auto-generated (failure)\n"
        "\n"
        "This is a MIME-encapsulated message\n"
        "\n"
        f"--{boundary}\n"
        "\n"
        f"The original message was received at {_date(SENT)}\n"
        "from smtp.bakery.example [198.51.100.7]\n"
        "\n"
        "   ----- The following addresses had delivery problems -----\n"
        f"{listed}\n"
        "\n"
        f"--{boundary}\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; mx.example.net\n"
        "Received-From-MTA: DNS; smtp.bakery.example\n"
        f"Arrival-Date: {_date(SENT)}\n"
        "\n"
        + "\n".join(groups)
        + "\n"
        + (f"--{boundary}\n{_returned_part(returned, original)}\n" if returned else "")
        + f"--{boundary}--\n"
    )


_ICON = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(range(48))).decode("ascii")


def gmail_bounce(
    message_id: str,
    recipient: str = CUSTOMER,
    status: str = "5.1.1",
    *,
    delayed: bool = False,
    returned: str | None = "message",
    legacy: bool = False,
    date: dt.datetime = LATER,
) -> bytes:
    """Gmail's report, "Delivery Status Notification (Failure)" (or "(Delay)"): a
    multipart/report whose first part is a multipart/related (text, HTML and an icon) headed
    "Address not found", then message/delivery-status with X-Original-Message-ID, then the
    original. ``legacy`` is the plain-text report Gmail sent before 2016, with
    X-Failed-Recipients and the original after "----- Original message -----"."""
    original = apology(message_id, recipient, relayed=True)
    if legacy:
        return _bytes(
            "MIME-Version: 1.0\n"
            "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
            f"To: {OWNER}\n"
            f"X-Failed-Recipients: {recipient}\n"
            "Subject: Delivery Status Notification (Failure)\n"
            "Message-ID: <047d7b33d6ba1d2c9c04f1a0b6c5@google.com>\n"
            f"Date: {_date(date)}\n"
            "Content-Type: text/plain; charset=ISO-8859-1\n"
            "\n"
            "Delivery to the following recipient failed permanently:\n"
            "\n"
            f"     {recipient}\n"
            "\n"
            "Technical details of permanent failure:\n"
            "The server for the recipient's domain refused the message.\n"
            "\n"
            "The error that the other server returned was:\n"
            f"{said(status, recipient)}\n"
            "\n"
            "----- Original message -----\n"
            "\n"
            f"{original}"
        )
    if delayed:
        heading, subject = "Delivery incomplete", "Delivery Status Notification (Delay)"
        words = (
            f"A temporary problem kept your message from reaching {recipient}. Gmail keeps\n"
            "trying for another 46 hours and will tell you if it has to give up."
        )
        fields = (
            f"Action: delayed\nStatus: {status}\n"
            f"Will-Retry-Until: {_date(date + dt.timedelta(hours=46))}\n"
        )
    else:
        heading, subject = "Address not found", "Delivery Status Notification (Failure)"
        words = (
            f"Your message wasn't delivered to {recipient} because no such address could be\n"
            "found, or it takes no mail."
        )
        fields = f"Action: failed\nStatus: {status}\n"
    code, _, rest = said(status, recipient).partition(" ")
    cut = rest.rfind(" ", 0, 40)
    multiline = (  # Gmail passes the remote server's multi-line reply on as it came
        f"{code}-{rest[:cut]}\n {code}-{status} {rest[cut + 1 :].removeprefix(status + ' ')}\n"
        f" {code} {status} https://help.mail.example/?p=Status 5b1f17b1804b1 - gsmtp"
        if cut > 0
        else f"{code} {rest} - gsmtp"
    )
    outer, related, alternative = (
        "000000000000d1e2f3a4b5c6d7e8",
        "000000000000d1e2f3a4b5c6d7f0",
        "000000000000d1e2f3a4b5c6d7f1",
    )
    html = (
        "<html>\n<head>\n<style>\n* { font-family: Roboto, Arial, sans-serif; }\n</style>\n"
        '</head>\n<body>\n<table cellpadding="0" cellspacing="0"><tbody><tr><td>\n'
        '<img width="72" height="72" alt="Error Icon" src="cid:icon.png">\n'
        f'<h2 style="font-size:20px;margin:0">{heading}</h2>\n'
        f"<p>{words.replace(chr(10), ' ')}</p>\n"
        "<p>The response was:</p>\n"
        f'<p style="font-family:monospace">{said(status, recipient).replace("<", "&lt;")}</p>\n'
        "</td></tr></tbody></table>\n</body>\n</html>\n"
    )
    returned_part = f"--{outer}\n{_returned_part(returned, original)}\n" if returned else ""
    failed_header = "" if delayed else f"X-Failed-Recipients: {recipient}\n"
    return _bytes(
        "Return-Path: <>\n"
        "Received: by mail-sor-f41.google.com with SMTP id 5b1f17b1804b1-47a2b3c4d5e6so1234567f8f.3\n"
        f"        for <{OWNER}>; {_date(date)}\n"
        "Content-Type: multipart/report; boundary="
        f'"{outer}"; report-type=delivery-status\n'
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
        f"To: {OWNER}\n"
        "Auto-Submitted: auto-replied\n"
        f"Subject: {subject}\n"
        f"References: {message_id}\n"
        f"In-Reply-To: {message_id}\n"
        f"{failed_header}"
        "Message-ID: <674f0a1c.5d0a0220.2b3c1d.0e1fGMR@mx.google.com>\n"
        f"Date: {_date(date)}\n"
        "\n"
        f"--{outer}\n"
        f'Content-Type: multipart/related; boundary="{related}"\n'
        "\n"
        f"--{related}\n"
        f'Content-Type: multipart/alternative; boundary="{alternative}"\n'
        "\n"
        f"--{alternative}\n"
        'Content-Type: text/plain; charset="UTF-8"\n'
        "\n"
        "\n"
        f"** {heading} **\n"
        "\n"
        f"{words}\n"
        "\n"
        "The response was:\n"
        "\n"
        f"{said(status, recipient)}\n"
        "\n"
        f"--{alternative}\n"
        'Content-Type: text/html; charset="UTF-8"\n'
        "\n"
        f"{html}\n"
        f"--{alternative}--\n"
        f"--{related}\n"
        'Content-Type: image/png; name="icon.png"\n'
        'Content-Disposition: attachment; filename="icon.png"\n'
        "Content-Transfer-Encoding: base64\n"
        "Content-ID: <icon.png>\n"
        "\n"
        f"{_ICON}"
        f"--{related}--\n"
        f"--{outer}\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; googlemail.com\n"
        f"Received-From-MTA: dns; {OWNER}\n"
        f"Arrival-Date: {_date(SENT)}\n"
        f"X-Original-Message-ID: {message_id}\n"
        "\n"
        f"Final-Recipient: rfc822; {recipient}\n"
        f"{fields}"
        "Remote-MTA: dns; mx.example.com. (192.0.2.25, the server for the domain example.com.)\n"
        f"Diagnostic-Code: smtp; {multiline}\n"
        f"Last-Attempt-Date: {_date(date)}\n"
        "\n"
        f"{returned_part}"
        f"--{outer}--\n"
    )


def microsoft_ndr(
    message_id: str,
    recipient: str = CUSTOMER,
    status: str = "5.1.10",
    *,
    returned: str | None = "message",
    report: bool = True,
    classic: bool = False,
    diagnostic: str | None = None,
    date: dt.datetime = LATER,
) -> bytes:
    """A Microsoft 365 / Outlook.com non-delivery report, "Undeliverable: <subject>": a
    multipart/report with the person's notice (text and HTML), a message/delivery-status and
    the original as message/rfc822 or its headers as text/rfc822-headers.

    ``classic`` is the older Exchange / Outlook.com wording ("Delivery has failed to these
    recipients or groups:", "Diagnostic information for administrators", the original's
    headers inline); ``report=False`` leaves out the delivery-status part, as the older
    servers did, so only the words and the returned original say what happened."""
    words = diagnostic or said(status, recipient)
    local, _, domain = recipient.partition("@")
    original = apology(message_id, recipient, relayed=True)
    headers_inline = _headers_of(original)
    if classic:
        text = (
            "Delivery has failed to these recipients or groups:\n"
            "\n"
            f"{CUSTOMER_NAME} ({recipient})<mailto:{recipient}>\n"
            "No mailbox with this address was found. Check the address, correct it and send\n"
            "the message once more; if that fails too, your helpdesk can look into it.\n"
            "\n"
            "\n"
            "\n"
            "\n"
            "\n"
            "\n"
            "Diagnostic information for administrators:\n"
            "\n"
            "Generating server: DB8PR07MB0001.eurprd07.prod.outlook.com\n"
            "\n"
            f"{recipient}\n"
            f"Remote Server returned '{words}'\n"
            "\n"
            "Original message headers:\n"
            "\n"
            f"{headers_inline}"
        )
    else:
        text = (
            f"Your message to {recipient} couldn't be delivered.\n"
            "\n"
            f"{local} wasn't found at {domain}.\n"
            "\n"
            f"{OWNER_NAME.split()[0]}        Office 365        {local}\n"
            "Action Required                   Recipient\n"
            "\n"
            "Unknown To address\n"
            "\n"
            "How to Fix It\n"
            "The address may be misspelled or may no longer exist. Check it, correct it and\n"
            "send the message again, or ask the recipient for the address they use now.\n"
            "\n"
            "More Info for Email Admins\n"
            f"Status code: {words.split(' ', 2)[0]} {status}\n"
            "\n"
            "Original Message Details\n"
            f"Sender Address:    {OWNER}\n"
            f"Recipient Address: {recipient}\n"
            f"Subject:           {SUBJECT}\n"
            "\n"
            "Error Details\n"
            f"Error:              {words}\n"
            "Message rejected by: AM9PR07MB1234.eurprd07.prod.outlook.com\n"
        )
    html = (
        "<html>\n<head>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>DSN</title>\n</head>\n<body>\n"
        f"<p><b>{'Delivery has failed to these recipients or groups:' if classic else 'Your message to ' + recipient + ' couldn&#39;t be delivered.'}</b></p>\n"
        f"<p>{words.replace('<', '&lt;')}</p>\n"
        "</body>\n</html>\n"
    )
    outer = "5c9a0d34-7e2b-4f1c-9a8e-3b6d2f1e0a77"
    inner = "0b7e3f21-6c4d-4a9e-b2f8-91d4c6a3e5f0"
    status_part = (
        f"--{outer}\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns;AM9PR07MB1234.eurprd07.prod.outlook.com\n"
        "Received-From-MTA: dns;smtp.bakery.example\n"
        f"Arrival-Date: {_date(SENT)}\n"
        "\n"
        f"Final-Recipient: rfc822;{recipient}\n"
        "Action: failed\n"
        f"Status: {status}\n"
        f"Diagnostic-Code: smtp;{words}\n"
        "\n"
        if report
        else ""
    )
    returned_part = f"--{outer}\n{_returned_part(returned, original)}\n" if returned else ""
    kind = "multipart/report; report-type=delivery-status" if report else "multipart/mixed"
    return _bytes(
        "Return-Path: <>\n"
        "Received: from AM9PR07MB1234.eurprd07.prod.outlook.com (2603:10a6:20b:3e1::14)\n"
        " by AM9PR07MB1234.eurprd07.prod.outlook.com with Microsoft SMTP Server\n"
        f" id 15.20.8182.17; {_date(date)}\n"
        "MIME-Version: 1.0\n"
        "From: Microsoft Outlook\n"
        "\t<MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@bakery.example>\n"
        f"To: <{OWNER}>\n"
        f"Date: {_date(date)}\n"
        f"Content-Type: {kind};\n"
        f'\tboundary="{outer}"\n'
        "X-MS-Exchange-Message-Is-Ndr:\n"
        "Content-Language: en-US\n"
        "Message-ID:\n"
        " <7d1f0c4e-2b3a-4e5f-8a9b-0c1d2e3f4a5b@AM9PR07MB1234.eurprd07.prod.outlook.com>\n"
        f"In-Reply-To: {message_id}\n"
        f"References: {message_id}\n"
        f"Thread-Topic: {SUBJECT}\n"
        "Thread-Index: AQHbPq7w3n2Kx1lS0eGkT4uYbVc9Qw==\n"
        f"Subject: Undeliverable: {SUBJECT}\n"
        "Auto-Submitted: auto-replied\n"
        "X-MS-PublicTrafficType: Email\n"
        "\n"
        f"--{outer}\n"
        "Content-Type: multipart/alternative; differences=Content-Type;\n"
        f'\tboundary="{inner}"\n'
        "\n"
        f"--{inner}\n"
        'Content-Type: text/plain; charset="us-ascii"\n'
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        f"{_qp(text)}\n"
        f"--{inner}\n"
        'Content-Type: text/html; charset="us-ascii"\n'
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        f"{_qp(html)}\n"
        f"--{inner}--\n"
        "\n"
        f"{status_part}"
        f"{returned_part}"
        f"--{outer}--\n"
    )


def postfix_bounce(
    message_id: str,
    recipient: str = CUSTOMER,
    status: str = "5.1.1",
    *,
    final_recipient: str | None = None,
    delayed: bool = False,
    returned: str = "message",
    diagnostic: str | None = None,
    date: dt.datetime = LATER,
) -> bytes:
    """Postfix's report from MAILER-DAEMON, "Undelivered Mail Returned to Sender" (or
    "Delayed Mail (still being retried)"): notification, delivery report and the undelivered
    message (or its headers). ``final_recipient`` is where the mail was forwarded to when
    that address, not ``recipient``, failed (then both are reported)."""
    final = final_recipient or recipient
    words = diagnostic or said(status, final)
    host = "mail.example.net"
    queue = "4Xk2Qb1zNqz9sTl"
    boundary = f"{queue}.1795426440/{host}"
    original = apology(message_id, recipient, relayed=True)
    if delayed:
        subject = "Delayed Mail (still being retried)"
        notice = (
            "####################################################################\n"
            "# ONLY A WARNING: THERE IS NO NEED TO SEND YOUR MESSAGE AGAIN.    #\n"
            "####################################################################\n"
            "\n"
            "Your message could not be delivered yet. The mail system will keep\n"
            "trying for a few more days.\n"
        )
        action = f"Action: delayed\nStatus: {status}\nWill-Retry-Until: {_date(date + dt.timedelta(days=5))}\n"
        description = "Undelivered Message Headers"
        returned = "headers"
    else:
        subject = "Undelivered Mail Returned to Sender"
        notice = (
            "Your message could not be delivered to one or more recipients. It is\n"
            "attached below.\n"
            "\n"
            "For help, write to <postmaster> and include this report. You may\n"
            "remove your own text from the attached message.\n"
        )
        action = f"Action: failed\nStatus: {status}\n"
        description = (
            "Undelivered Message" if returned == "message" else "Undelivered Message Headers"
        )
    expanded = f" (expanded from <{recipient}>)" if final != recipient else ""
    return _bytes(
        "Return-Path: <>\n"
        f"Received: by {host} (Postfix)\n\tid {queue}; {_date(date)}\n"
        f"Date: {_date(date)}\n"
        f"From: MAILER-DAEMON@{host} (Mail Delivery System)\n"
        f"Subject: {subject}\n"
        f"To: {OWNER}\n"
        "Auto-Submitted: auto-replied\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status;\n"
        f'\tboundary="{boundary}"\n'
        "Content-Transfer-Encoding: 8bit\n"
        f"Message-Id: <20261123093400.{queue}@{host}>\n"
        "\n"
        "This is a MIME-encapsulated message.\n"
        "\n"
        f"--{boundary}\n"
        "Content-Description: Notification\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        f"This is the mail system at host {host}.\n"
        "\n"
        f"{notice}"
        "\n"
        "                   The mail system\n"
        "\n"
        f"<{final}>{expanded}: host mx.example.com[192.0.2.25] said:\n"
        f"    {words} (in reply to RCPT TO command)\n"
        "\n"
        f"--{boundary}\n"
        "Content-Description: Delivery report\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        f"Reporting-MTA: dns; {host}\n"
        f"X-Postfix-Queue-ID: {queue}\n"
        f"X-Postfix-Sender: rfc822; {OWNER}\n"
        f"Arrival-Date: {_date(SENT)}\n"
        "\n"
        f"Final-Recipient: rfc822; {final}\n"
        f"Original-Recipient: rfc822;{recipient}\n"
        f"{action}"
        "Remote-MTA: dns; mx.example.com\n"
        f"Diagnostic-Code: smtp; {words}\n"
        "\n"
        f"--{boundary}\n"
        f"{_returned_part(returned, original, description)}\n"
        f"--{boundary}--\n"
    )


def exim_bounce(
    message_id: str,
    recipients: str | Sequence[str] = CUSTOMER,
    status: str | Sequence[str] = "5.1.1",
    *,
    delayed: bool = False,
    x_failed_recipients: bool = True,
    date: dt.datetime = LATER,
) -> bytes:
    """Exim's plain-text report (no MIME): "Mail delivery failed: returning message to
    sender" from Mailer-Daemon with X-Failed-Recipients, each failed address followed by the
    remote server's words, then the whole original after "------ This is a copy of the
    message, including all the headers. ------". ``delayed`` is Exim's delay warning instead
    ("Warning: message ... delayed 24 hours"), which names the address but returns nothing."""
    addresses = _many(recipients, 1)
    statuses = _many(status, len(addresses))
    host = "mail.example.org"
    exim_id = "1vFq2x-00A1bC-0s"
    failures = "".join(
        f"  {r}\n"
        "    host mx.example.com [192.0.2.25]\n"
        f"    {'Delay reason: ' if delayed else ''}SMTP error from remote mail server after RCPT TO:<{r}>:\n"
        f"    {said(s, r)}\n"
        for r, s in zip(addresses, statuses, strict=True)
    )
    head = (
        "Return-path: <>\n"
        f"Envelope-to: {OWNER}\n"
        f"Delivery-date: {_date(date)}\n"
        f"Received: from Debian-exim by {host} with local (Exim 4.97)\n"
        f"\tid {exim_id}\n\tfor {OWNER};\n\t{_date(date)}\n"
    )
    if delayed:
        return _bytes(
            f"{head}"
            "Auto-Submitted: auto-replied\n"
            f"From: Mail Delivery System <Mailer-Daemon@{host}>\n"
            f"To: {OWNER}\n"
            f"References: {message_id}\n"
            f"Subject: Warning: message 1vFpZ1-009xYz-2B delayed 24 hours\n"
            f"Message-Id: <E{exim_id}@{host}>\n"
            f"Date: {_date(date)}\n"
            "\n"
            "This message was created automatically by mail delivery software.\n"
            "A message you sent has not yet been delivered to all of its recipients\n"
            f"after more than 24 hours waiting on {host}.\n"
            "\n"
            "The message identifier is:     1vFpZ1-009xYz-2B\n"
            f"The subject of the message is: {SUBJECT}\n"
            f"The date of the message is:    {_date(SENT)}\n"
            "\n"
            "The address to which the message has not yet been delivered is:\n"
            "\n"
            f"{failures}"
            "\n"
            "Nothing needs doing on your part. Delivery will be tried again for a while,\n"
            "and if it still fails the message will come back to you.\n"
        )
    failed_header = f"X-Failed-Recipients: {', '.join(addresses)}\n" if x_failed_recipients else ""
    return _bytes(
        f"{head}"
        f"{failed_header}"
        "Auto-Submitted: auto-replied\n"
        f"From: Mail Delivery System <Mailer-Daemon@{host}>\n"
        f"To: {OWNER}\n"
        "Subject: Mail delivery failed: returning message to sender\n"
        f"Message-Id: <E{exim_id}@{host}>\n"
        f"Date: {_date(date)}\n"
        "\n"
        "This message was created automatically by mail delivery software.\n"
        "\n"
        "A message you sent could not reach every one of its recipients, and this\n"
        "is a permanent error. The following address(es) failed:\n"
        "\n"
        f"{failures}"
        "\n"
        "------ This is a copy of the message, including all the headers. ------\n"
        "\n"
        f"{apology(message_id, addresses[0], relayed=True)}"
    )


# ---- replies ---------------------------------------------------------------------------------


def reply(
    message_id: str,
    text: str = "Thank you, Sam. That was kind of you,\nand the cake was still lovely.\n",
    *,
    sender: str = CUSTOMER,
    name: str = CUSTOMER_NAME,
    shape: str = "gmail",
    plain: bool = True,
    html: bool = True,
    signature: str | None = "Ada Lovelace\nAnalytical Engines Ltd",
    mobile: bool = False,
    subject: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
    date: dt.datetime = LATER,
    own_id: str | None = None,
) -> bytes:
    """A person's answer to the apology (``own_id``: its own Message-ID), as Gmail (``shape="gmail"``: "On ... wrote:" and
    ">" quotes, "-- " signature, gmail_quote in the HTML) or Outlook (``"outlook"``: the
    original under a rule and a From:/Sent:/To:/Subject: block, divRplyFwdMsg in the HTML)
    writes it. ``plain``/``html`` choose the alternatives present."""
    if not (plain or html):
        raise ValueError("a reply needs a plain or an HTML part")
    extra = "".join(f"{k}: {v}\n" for k, v in (extra_headers or {}).items())
    paragraphs = [p for p in text.strip("\n").split("\n\n")]
    html_text = "".join(
        f"<div>{p.replace(chr(10), '<br>')}</div><div><br></div>" for p in paragraphs
    )
    quoted = "".join(f"> {line}".rstrip() + "\n" for line in APOLOGY.rstrip("\n").split("\n"))
    apology_html = APOLOGY.strip("\n").replace("\n\n", "</p><p>").replace("\n", "<br>")
    if shape == "gmail":
        boundary = "000000000000e4f5a6b7c8d9e0f1"
        head = (
            "MIME-Version: 1.0\n"
            f"References: {message_id}\n"
            f"In-Reply-To: {message_id}\n"
            f"From: {name} <{sender}>\n"
            f"Date: {_date(date)}\n"
            f"Message-ID: {own_id or '<CAJx7pQ3vR1b9Lm2N8sT4wY6uK0dE5fG7hH2aB3cD4eF5gH6iJ@mail.gmail.com>'}\n"
            f"Subject: {subject or 'Re: ' + SUBJECT}\n"
            f"To: {OWNER_NAME} <{OWNER}>\n"
        )
        when = "Mon, 23 Nov 2026 at 09:30"
        # Gmail folds its attribution line when it is long
        plain_body = (
            f"{text.rstrip()}\n\n"
            + (f"-- \n{signature}\n\n" if signature else "")
            + ("Sent from my iPhone\n\n" if mobile else "")
            + f"On {when}, {OWNER_NAME} <{OWNER}>\nwrote:\n\n{quoted}"
        )
        signature_html = (
            '<span class="gmail_signature_prefix">-- </span><br>'
            '<div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">'
            f"{signature.replace(chr(10), '<br>')}</div>"
            if signature
            else ""
        )
        html_body = (
            f'<div dir="ltr">{html_text}{signature_html}</div><br>'
            '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
            f'On {when}, {OWNER_NAME} &lt;<a href="mailto:{OWNER}">{OWNER}</a>&gt; wrote:<br>'
            '</div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
            f'border-left:1px solid rgb(204,204,204);padding-left:1ex"><p>{apology_html}</p>'
            "</blockquote></div>\n"
        )
        encoding = "quoted-printable"
    elif shape == "outlook":
        boundary = "_000_AM9PR07MB7a3c1e2f4b5d6e7f8091AM9PR07MB7a3ceurp_"
        head = (
            f"From: {name} <{sender}>\n"
            f"To: {OWNER_NAME} <{OWNER}>\n"
            f"Subject: {subject or 'RE: ' + SUBJECT}\n"
            f"Thread-Topic: {SUBJECT}\n"
            "Thread-Index: AQHbPq7w3n2Kx1lS0eGkT4uYbVc9Q7KcNzAb\n"
            f"Date: {_date(date)}\n"
            "Message-ID:\n"
            f" {own_id or '<AM9PR07MB7a3c1e2f4b5d6e7f8091F0C1D2E3A4B5@AM9PR07MB7a3c.eurprd07.prod.outlook.com>'}\n"
            f"References: {message_id}\n"
            f"In-Reply-To: {message_id}\n"
            "Accept-Language: en-GB, en-US\n"
            "Content-Language: en-GB\n"
            "X-MS-Has-Attach:\n"
            "X-MS-TNEF-Correlator:\n"
            "MIME-Version: 1.0\n"
        )
        sent = "Monday, November 23, 2026 9:30 AM"
        plain_body = (
            f"{text.rstrip()}\n\n"
            + (f"{signature}\n\n" if signature else "")
            + ("Get Outlook for iOS\n" if mobile else "")
            + "________________________________\n"
            f"From: {OWNER_NAME} <{OWNER}>\n"
            f"Sent: {sent}\n"
            f"To: {name} <{sender}>\n"
            f"Subject: {SUBJECT}\n"
            "\n"
            f"{APOLOGY}"
        )
        html_body = (
            '<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} '
            '</style>\n</head>\n<body dir="ltr">\n'
            f'<div class="elementToProof" style="font-family: Aptos, sans-serif;">{html_text}</div>\n'
            + (
                f'<div id="Signature"><div>{signature.replace(chr(10), "<br>")}</div></div>\n'
                if signature
                else ""
            )
            + '<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
            '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt">'
            f"<b>From:</b> {OWNER_NAME} &lt;{OWNER}&gt;<br><b>Sent:</b> {sent}<br>"
            f"<b>To:</b> {name} &lt;{sender}&gt;<br><b>Subject:</b> {SUBJECT}</font>"
            f"<div>&nbsp;</div></div>\n<div><p>{apology_html}</p></div>\n</body>\n</html>\n"
        )
        encoding = "quoted-printable"
    else:
        raise ValueError(f"no reply shape {shape!r}")
    return _alternatives(
        head + extra, boundary, plain_body if plain else None, html_body if html else None, encoding
    )


def _alternatives(
    head: str, boundary: str, plain: str | None, html: str | None, encoding: str
) -> bytes:
    parts = []
    for kind, body in (("plain", plain), ("html", html)):
        if body is not None:
            parts.append(
                f'Content-Type: text/{kind}; charset="UTF-8"\n'
                f"Content-Transfer-Encoding: {encoding}\n\n{_qp(body)}\n"
            )
    if len(parts) == 1:
        return _bytes(head + parts[0])
    joined = "".join(f"--{boundary}\n{p}\n" for p in parts)
    return _bytes(
        f'{head}Content-Type: multipart/alternative; boundary="{boundary}"\n\n{joined}--{boundary}--\n'
    )


def stop_reply(
    message_id: str,
    words: str = "STOP",
    *,
    sender: str = CUSTOMER,
    name: str = CUSTOMER_NAME,
    shape: str = "gmail",
) -> bytes:
    """A reply that only asks to stop, quoting the apology below as mail clients do."""
    return reply(message_id, words + "\n", sender=sender, name=name, shape=shape, signature=None)


def out_of_office(
    message_id: str,
    style: str = "exchange",
    *,
    sender: str = CUSTOMER,
    name: str = CUSTOMER_NAME,
    extra_headers: Mapping[str, str] | None = None,
    date: dt.datetime = LATER,
) -> bytes:
    """An automatic reply to the apology:

    - ``"exchange"``: Exchange / Microsoft 365, "Automatic reply: <subject>",
      Auto-Submitted: auto-generated, X-MS-Exchange-Inbox-Rules-Loop;
    - ``"gmail"``: Gmail's vacation responder, the person's own subject, Auto-Submitted:
      auto-replied and nothing else that says so;
    - ``"german"``: an older Outlook in German, "Abwesenheitsnotiz: <subject>", only the
      subject says so (X-Auto-Response-Suppress asks others not to answer it, nothing more);
    - ``"french"``: "Réponse automatique : <subject>", encoded, only the subject says so;
    - ``"plain"``: no marking at all but ``extra_headers`` (X-Autoreply, Precedence...)."""
    extra = "".join(f"{k}: {v}\n" for k, v in (extra_headers or {}).items())
    refs = f"References: {message_id}\nIn-Reply-To: {message_id}\n"
    if style == "exchange":
        head = (
            f"Subject: Automatic reply: {SUBJECT}\n"
            f"Thread-Topic: {SUBJECT}\n"
            "Auto-Submitted: auto-generated\n"
            "X-Auto-Response-Suppress: All\n"
            f"X-MS-Exchange-Inbox-Rules-Loop: {sender}\n"
        )
        body = "I am out of the office until 30 November and will read your message then.\n"
    elif style == "gmail":
        head = "Subject: Away until 30 November\nAuto-Submitted: auto-replied\n"
        body = "Thanks for your note. I'm travelling and back on the 30th.\n\nAda\n"
    elif style == "german":
        head = (
            f"Subject: Abwesenheitsnotiz: {SUBJECT}\n"
            f"Thread-Topic: {SUBJECT}\n"
            "X-Auto-Response-Suppress: All\n"
        )
        body = "Ich bin bis zum 30. November nicht im Büro und lese Ihre Nachricht danach.\n"
    elif style == "french":
        encoded = Header(f"Réponse automatique : {SUBJECT}", "iso-8859-1").encode()
        head = f"Subject: {encoded}\nThread-Topic: {SUBJECT}\n"
        body = "Je suis absente jusqu'au 30 novembre et lirai votre message à mon retour.\n"
    elif style == "plain":
        head = f"Subject: Re: {SUBJECT}\n"
        body = "Your message has been received. We answer within two working days.\n"
    else:
        raise ValueError(f"no out-of-office style {style!r}")
    return _bytes(
        f"From: {name} <{sender}>\n"
        f"To: {OWNER_NAME} <{OWNER}>\n"
        f"{head}{extra}"
        f"Date: {_date(date)}\n"
        "Message-ID: <5e1c9a7b3d2f4e6a8c0b1d3f5a7c9e1b@contoso-mail.example>\n"
        f"{refs}"
        "MIME-Version: 1.0\n"
        'Content-Type: text/plain; charset="utf-8"\n'
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        f"{body}"
    )


# ---- what is neither -------------------------------------------------------------------------


def newsletter() -> bytes:
    """A newsletter: bulk, from a list, answering nothing."""
    return _bytes(
        "From: Flour Weekly <news@flour-weekly.example>\n"
        f"To: {OWNER}\n"
        "Subject: This week: rye, spelt and the perfect crust\n"
        f"Date: {_date(LATER)}\n"
        "Message-ID: <nl-2026-47.3f9a@flour-weekly.example>\n"
        "List-Unsubscribe: <mailto:leave@flour-weekly.example>\n"
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
        "Precedence: bulk\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "\n"
        "Three doughs to try this weekend. If your delivery failed to arrive, write to us.\n"
        "To stop receiving this, unsubscribe.\n"
    )


def read_receipt(message_id: str, sender: str = CUSTOMER) -> bytes:
    """A read receipt (RFC 8098 disposition notification) for the apology: a report, but
    about reading, not delivery, and no one wrote anything."""
    boundary = "mdn-7c1e9b3a"
    return _bytes(
        f"From: {CUSTOMER_NAME} <{sender}>\n"
        f"To: {OWNER}\n"
        f"Subject: Read: {SUBJECT}\n"
        f"Date: {_date(LATER)}\n"
        "Message-ID: <mdn.4b2a@contoso-mail.example>\n"
        f"In-Reply-To: {message_id}\n"
        f"References: {message_id}\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=disposition-notification;\n"
        f'\tboundary="{boundary}"\n'
        "\n"
        f"--{boundary}\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "\n"
        f"Your message to {sender} was displayed.\n"
        "\n"
        f"--{boundary}\n"
        "Content-Type: message/disposition-notification\n"
        "\n"
        "Reporting-UA: contoso-mail.example; Mail 16.0\n"
        f"Final-Recipient: rfc822;{sender}\n"
        f"Original-Message-ID: {message_id}\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\n"
        "\n"
        f"--{boundary}--\n"
    )


def malformed() -> bytes:
    """Broken MIME: a multipart without a boundary, a part cut off mid-header, bytes that
    are no charset, a header with no colon, an unclosed encoded word."""
    return (
        b"From: =?utf-8?q?broken <x@\r\n"
        b"Subject: =?unknown-8bit?b?////?=\r\n"
        b"Content-Type: multipart/mixed; boundary=\r\n"
        b"this line is not a header\r\n"
        b"MIME-Version: 1.0\r\n"
        b"\r\n"
        b"--\r\n"
        b"Content-Type: message/delivery-status\r\n"
        b"Content-Transfer-Encoding: base64\r\n"
        b"\r\n"
        b"\xff\xfe\x00Final-Recipient rfc822 nobody\r\n"
        b'--\r\nContent-Type: text/plain; charset="x-no-such-charset\r\n\r\n\xc3\x28\xa0\xa1'
    )

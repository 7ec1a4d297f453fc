"""Draft + Identity -> EmailMessage: exactly one address in To, never Cc or Bcc.

Values from the spreadsheet or the template never become headers of their own: line breaks
and other control characters in a name, subject or Reply-To are turned into spaces before they
reach a header, "=?" is split so a value cannot pose as an encoded word, address headers are
never folded (Python 3.11 folds quoted names wrongly), and the finished message is checked to
hold exactly one To address. A property test (tests/test_message.py) holds all of this."""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import re
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape as html_escape
from pathlib import Path

from composer.errors import ComposerError
from composer.language import N_, _, in_language, n_
from composer.recipients import customer_key
from composer.template import Draft

FALLBACK_DOMAIN = "apology-composer.invalid"
# The line the unsubscribe option adds to the letter, in the letter's language (see
# ``unsubscribe_line``); the reply word must be one composer.mailbox reads as a request to stop.
# Translators: a line at the end of the customer's letter; {word} is the reply word below
UNSUBSCRIBE_LINE = N_("If you would rather not hear from us again, reply with the word {word}.")
# Translators: the one word the customer replies with to stop; the mailbox check must know it
# (composer/mailbox.py, _STOP_PHRASES), e.g. "abmelden", "désabonner", "baja"
UNSUBSCRIBE_WORD = N_("unsubscribe")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# in a body only tab and line ends may stay: NUL and the like are forbidden in mail (RFC 2045)
_BODY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ADDRESS_HEADERS = ("To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc")
_SET_HEADERS = ("From", "To", "Subject", "Reply-To")


class _OneToOnePolicy(policy.EmailPolicy):
    """The SMTP policy, except that address headers are folded only past the RFC 5322 hard
    limit of 998 characters. Python 3.11 drops the quotes around a display name it folds
    (CPython gh-80222), which could turn "Smith, Jo ... x@y" into extra addresses in To."""

    def fold(self, name: str, value: str) -> str:
        if name.lower() in _UNFOLDED:  # EmailPolicy's own fold, with the longer line
            return super(_OneToOnePolicy, self.clone(max_line_length=998)).fold(name, value)
        return super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() in _UNFOLDED:
            return super(_OneToOnePolicy, self.clone(max_line_length=998)).fold_binary(name, value)
        return super().fold_binary(name, value)


_UNFOLDED = frozenset({"from", "to", "reply-to"})
MAX_NAME_CHARS = 200  # keeps a quoted display name and its address well inside 998 characters
SMTP_POLICY = _OneToOnePolicy(linesep="\r\n")
SMTPUTF8_POLICY = SMTP_POLICY.clone(utf8=True)


class MessageError(ComposerError):
    """A message cannot be built from this draft or sender."""


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the apology is from: the person's own name and mailbox."""

    name: str
    address: str
    reply_to: str | None = None


def one_line(text: str) -> str:
    """Text safe for a header: control characters and line breaks become single spaces, and
    "=?" is split so the text cannot pose as an RFC 2047 encoded word (Python's email package
    decodes those on the way in, and a decoded line break can then start a header of its own)."""
    return " ".join(_CONTROL.sub(" ", text).split()).replace("=?", "= ?")


def message_id(campaign_id: str, customer: str, domain: str) -> str:
    """Deterministic Message-ID for (campaign, customer), so an in-doubt one can be matched
    later, whatever row the customer sits on by then."""
    digest = hashlib.sha256(f"{campaign_id}:{customer}".encode()).hexdigest()[:20]
    return f"<ac.{digest}@{_ascii_domain(domain)}>"


def _ascii_domain(domain: str) -> str:
    domain = domain.strip().lower()
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return FALLBACK_DOMAIN
    if not domain or not re.fullmatch(r"[a-z0-9.-]+", domain):
        return FALLBACK_DOMAIN
    return domain


def _mailbox(name: str, address: str, what: str) -> tuple[Address, bool]:
    """An Address for a header, and whether it needs SMTPUTF8 (a non-ASCII local part).
    ``what``: whose address it is, in words ("sender", "Reply-To", "row 4")."""
    if _CONTROL.search(address) or not address.strip():
        raise MessageError(
            # Translators: {what} is whose address it is: "sender", "Reply-To" or "row 4"
            _("The {what} address {address} has a line break or is blank; correct it.").format(
                what=what, address=repr(address)
            )
        )
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain or any(c in address for c in ' ,;<>"()'):
        raise _not_plain(what, address)
    utf8 = not local.isascii()
    if not domain.isascii():
        ascii_domain = _ascii_domain(domain)
        if ascii_domain == FALLBACK_DOMAIN:
            raise MessageError(
                # Translators: {what} is whose address it is: "sender", "Reply-To" or "row 4"
                _("The {what} address {address} has an invalid domain; correct it.").format(
                    what=what, address=address
                )
            )
        domain = ascii_domain
    try:
        display = one_line(name)[:MAX_NAME_CHARS].rstrip()
        return Address(display_name=display, username=local, domain=domain), utf8
    except (ValueError, IndexError) as e:
        raise _not_plain(what, address) from e


def _not_plain(what: str, address: str) -> MessageError:
    return MessageError(
        # Translators: {what} is whose address it is: "sender", "Reply-To" or "row 4"
        _("The {what} address {address} is not one plain e-mail address; correct it.").format(
            what=what, address=address
        )
    )


_NAMED = re.compile(r"(?P<name>.*)<(?P<address>[^<>]*)>")


def _reply_to(value: str) -> tuple[Address, bool]:
    """``Name <address>`` or a bare address; the address is always what sits in the last <>,
    never something a stray quote or bracket in the name turns into an address."""
    value = one_line(value)
    named = _NAMED.fullmatch(value)
    name, address = (named["name"], named["address"]) if named else ("", value)
    name = name.strip()
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = name[1:-1]
    if not address.strip() or any(c in address for c in " ,;<>"):
        raise MessageError(
            _("The Reply-To {value} must be exactly one address, like '{example}'.").format(
                value=value, example="Sam <help@shop.example>"
            )
        )
    return _mailbox(name, address.strip(), "Reply-To")


_MESSAGE_ID = re.compile(r"<[!-;=?-~]+@[!-;=?-~]+>")  # printable ASCII, no <> inside
_REPEATED_RE = re.compile(r"^(?:re\s*:\s*){2,}", re.IGNORECASE)
MAX_REFERENCES = 20  # RFC 5322 3.6.4 lets a long chain drop its middle


def _thread(draft: Draft) -> tuple[str, str]:
    """In-Reply-To and References for an answer to the person's own message: their
    Message-ID, and their References followed by it (the first and the latest kept when the
    chain is long). A value that is not a Message-ID is refused, never passed on."""
    answered = one_line(draft.in_reply_to or "")
    if not _MESSAGE_ID.fullmatch(answered):
        raise MessageError(
            _(
                "The Message-ID to answer in row {row} ({value}) is not one; clear it to send a "
                "new message instead of a reply."
            ).format(row=draft.row, value=answered[:80]),
            row=draft.row,
        )
    chain = [i for i in one_line(draft.references or "").split() if _MESSAGE_ID.fullmatch(i)]
    chain = [i for i in chain if i != answered] + [answered]
    if len(chain) > MAX_REFERENCES:
        chain = chain[:1] + chain[-(MAX_REFERENCES - 1) :]
    return answered, " ".join(chain)


def unsubscribe_line(language: str) -> str:
    """The unsubscribe line as the letter in ``language`` (a locale such as "de_AT") says it,
    whatever language the app speaks."""
    word = in_language(language, UNSUBSCRIBE_WORD)
    return in_language(language, UNSUBSCRIBE_LINE).format(word=word)


def build(
    draft: Draft,
    identity: Identity,
    campaign_id: str,
    attachments: tuple[Path, ...] = (),
    date: dt.datetime | None = None,
) -> EmailMessage:
    """The e-mail as it will be sent: From, one To, Subject, optional Reply-To, Date, a
    deterministic Message-ID, plain text (+ HTML alternative) and attachments. No Cc, no Bcc."""
    sender, utf8_from = _mailbox(identity.name, identity.address, _("sender"))
    to, utf8_to = _mailbox(draft.to_name, draft.to_address, _("row {row}").format(row=draft.row))
    reply_value = draft.reply_to or identity.reply_to
    reply, utf8_reply = _reply_to(reply_value) if reply_value else (None, False)

    msg = EmailMessage(
        policy=SMTPUTF8_POLICY if utf8_from or utf8_to or utf8_reply else SMTP_POLICY
    )
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = one_line(draft.subject)
    if reply is not None:
        msg["Reply-To"] = reply
    when = date or dt.datetime.now().astimezone()
    msg["Date"] = format_datetime(when if when.tzinfo else when.astimezone())
    msg["Message-ID"] = message_id(campaign_id, customer_key(draft.to_address), sender.domain)
    if draft.in_reply_to:
        answered, references = _thread(draft)
        msg["In-Reply-To"] = answered
        msg["References"] = references
        # "Re: " in every language: RFC 5322 3.6.5 asks for the literal "Re: ", never translated
        subject = _REPEATED_RE.sub("Re: ", str(msg["Subject"]))
        del msg["Subject"]
        msg["Subject"] = subject
    text, html = draft.text, draft.html
    if draft.unsubscribe:  # a reply with the word is read by the mailbox check (composer.mailbox)
        msg["List-Unsubscribe"] = f"<mailto:{sender.addr_spec}?subject=unsubscribe>"
        line = unsubscribe_line(draft.language)  # the letter's language, not the app's
        text = text.rstrip("\n") + "\n\n" + line + "\n"
        if html is not None:
            html = html + f"<p><small>{html_escape(line, quote=False)}</small></p>\n"
    msg.set_content(_BODY_CONTROL.sub("", text))
    if html is not None:
        msg.add_alternative(_BODY_CONTROL.sub("", html), subtype="html")
    for path in attachments:
        _attach(msg, Path(path), draft.row)
    for part in msg.walk():  # sub-parts made by add_alternative/add_attachment carry their own
        if part is not msg:
            del part["MIME-Version"]

    addresses = msg["To"].addresses
    if (
        len(addresses) != 1
        or any(h in msg for h in _ADDRESS_HEADERS[1:])
        or any(_CONTROL.search(str(msg[h]) or "") for h in _SET_HEADERS)
    ):
        raise MessageError(
            _(
                "The message for row {row} would not go to exactly one person; it was not built."
            ).format(row=draft.row)
        )
    return msg


def _attach(msg: EmailMessage, path: Path, row: int) -> None:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise MessageError(
            _(
                "The attachment {path} for row {row} cannot be read ({reason}); check it and run "
                "the check again."
            ).format(path=path, row=row, reason=e.strerror or e),
            row=row,
        ) from e
    kind, encoding = mimetypes.guess_type(path.name)
    if kind is None or encoding is not None or "/" not in kind:
        kind = "application/octet-stream"  # compressed or unknown: send the bytes as they are
    maintype, subtype = kind.split("/", 1)
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=one_line(path.name))


def preview_text(message: EmailMessage) -> str:
    """The message exactly as it will be sent, as a person reads it: the headers (decoded),
    what is attached, and the plain-text body."""
    lines = []
    for name in (
        "From",
        "To",
        "Reply-To",
        "Subject",
        "Date",
        "Message-ID",
        "In-Reply-To",
        "List-Unsubscribe",
    ):
        value = message.get(name)
        if value is not None:
            lines.append(f"{name}: {value}")
    attached = [
        f"{part.get_filename()} ({_size(len(part.get_payload(decode=True) or b''))})"
        for part in message.iter_attachments()
    ]
    if attached:
        lines.append(_("Attachments: {files}").format(files=", ".join(attached)))
    body = message.get_body(("plain",))
    if message.get_body(("html",)) is not None:
        lines.append(_("(also sent as a formatted HTML version)"))
    text = body.get_content() if body is not None else ""
    return "\n".join(lines) + "\n\n" + text.replace("\r\n", "\n")


def _size(n: int) -> str:
    if n < 1024:
        return n_("{n} byte", "{n} bytes", n).format(n=n)
    if n < 1024 * 1024:
        return _("{size} KB").format(size=f"{n / 1024:.0f}")
    return _("{size} MB").format(size=f"{n / (1024 * 1024):.1f}")

"""What the owner's mailbox says about a campaign: which messages bounced, and who replied.

Pure rules over one message at a time (raw bytes, or a message already parsed with
``email.policy.default``); no IMAP here. ``classify`` answers one of:

- ``Bounce``: a delivery report about a message: RFC 3464 ``multipart/report;
  report-type=delivery-status`` (RFC 3462), one Bounce per failed or delayed recipient, and the
  older shapes that carry no machine-readable report (Exim's plain text with
  ``X-Failed-Recipients``, the old Gmail and Exchange texts). The original message is found by
  its Message-ID: the returned message or headers, ``X-Original-Message-ID``, ``In-Reply-To``
  or ``References``. A report is recognised whether or not it is about one of our messages, as
  long as it names a recipient and a Message-ID; where it names ours, ours is the one given.
- ``Reply``: a message whose ``In-Reply-To`` or ``References`` carry one of our Message-IDs,
  with the first lines of what the person wrote (quotes, signature and "On ... wrote:" /
  "From: ... Sent: ..." blocks removed), whether it was sent automatically (RFC 3834
  ``Auto-Submitted``, vacation and out-of-office shapes) and whether it only asks to stop.
- ``None``: anything else, including whatever cannot be read. Nothing here raises.

Reading is bounded: at most ``MAX_PARTS`` MIME parts are looked at, a part larger than
``MAX_PART_BYTES`` is skipped, and a returned or forwarded message is never searched for a
report of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from email import policy
from email.message import Message
from email.parser import BytesParser, HeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, TypeAlias

from composer.language import N_, _

if TYPE_CHECKING:
    _Part: TypeAlias = Message[Any, Any]

__all__ = [
    "FIRST_LINES",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "Bounce",
    "Letter",
    "Reply",
    "classify",
    "classify_many",
    "id_key",
    "read_letter",
    "reason_for",
]

MAX_PART_BYTES = 1_000_000  # a part larger than this is not read
MAX_PARTS = 200  # parts looked at in one message
FIRST_LINES = 5  # lines of a reply kept for the person
_MAX_LINE = 200  # characters kept of one of those lines
_MAX_DIAGNOSTIC = 300  # characters kept of the server's words
_MAX_QUOTED = 160  # of those, quoted in a generic reason
_MAX_READ = 20_000  # characters of a reply read for what the person wrote
_MAX_STOP = 80  # a request to stop is shorter than this


@dataclass(frozen=True, slots=True)
class Bounce:
    """A delivery report about one recipient of one message."""

    recipient: str  # the address the message was sent to, lower-cased
    message_id: str  # of the message that failed, in angle brackets (ours as given, if ours)
    hard: bool  # True: it will not arrive (5.x.x, or given up); False: delayed, may still arrive
    status: str  # the RFC 3463 enhanced status code, like "5.1.1"
    reason: str  # one plain sentence for the person
    diagnostic: str  # the server's own words, one line ("" if it gave none)
    received: dt.datetime | None  # the report's Date


@dataclass(frozen=True, slots=True)
class Reply:
    """A message that answers one of ours."""

    message_id: str  # which of ours it answers, as the caller spelled it
    sender: str  # address, lower-cased
    name: str  # display name ("" if none)
    subject: str
    received: dt.datetime | None  # its Date
    first_lines: str  # the first lines of what they wrote, plain text
    automatic: bool  # an auto-reply (out of office, vacation, autoresponder), not a person
    stop: bool  # what they wrote is only a request to stop ("STOP", "unsubscribe", ...)


@dataclass(frozen=True, slots=True)
class Letter:
    """A message a person wrote, as far as answering it goes."""

    sender: str  # the From address, lower-cased
    name: str  # its display name ("" if none)
    reply_to: str  # where an answer goes: the one Reply-To address, else the sender
    subject: str
    received: dt.datetime | None  # its Date
    message_id: str  # in angle brackets ("" if it has none)
    references: tuple[str, ...]  # its References, oldest first
    first_lines: str  # the first lines of what they wrote, plain text
    automatic: bool  # an automatic reply or a delivery report, not a person
    stop: bool  # what they wrote is only a request to stop


def classify(
    message: bytes | bytearray | Message[Any, Any],
    our_ids: Collection[str],
    own_addresses: Collection[str] = (),
) -> Bounce | Reply | None:
    """What one message from the mailbox is: a bounce, a reply to one of ``our_ids``, or
    neither. For a report about several recipients this is the first of them (see
    ``classify_many``). Messages from ``own_addresses`` are never replies."""
    found = classify_many(message, our_ids, own_addresses)
    return found[0] if found else None


def classify_many(
    message: bytes | bytearray | Message[Any, Any],
    our_ids: Collection[str],
    own_addresses: Collection[str] = (),
) -> list[Bounce | Reply]:
    """Everything one message says: one Bounce per failed or delayed recipient of a report,
    or one Reply, or nothing. Never raises: a message that cannot be read says nothing."""
    try:
        msg = _parse(message)
        return [] if msg is None else _classify(msg, our_ids, own_addresses)
    except Exception:  # a message from outside must never break a scan
        return []


def _classify(
    msg: _Part, our_ids: Collection[str], own_addresses: Collection[str]
) -> list[Bounce | Reply]:
    """The rules themselves, without classify_many's safety net."""
    ours = {id_key(i): i for i in our_ids if id_key(i)}
    own = {a.strip().lower() for a in own_addresses if a.strip()}
    parts = _parts(msg)
    bounces, is_report = _bounces(msg, parts, ours, own)
    if bounces:
        return list(bounces)
    if is_report:
        return []  # a report (a read receipt, a success notice...) is never a person
    reply = _reply(msg, parts, ours, own)
    return [reply] if reply is not None else []


def id_key(message_id: str) -> str:
    """A Message-ID as it is compared: without angle brackets or spaces, case folded."""
    return message_id.strip().strip("<>").strip().lower()


# ---- reading a message -----------------------------------------------------------------------


def _parse(source: object) -> _Part | None:
    if isinstance(source, Message):
        return source
    if isinstance(source, bytes | bytearray | memoryview):
        return BytesParser(policy=policy.default).parsebytes(bytes(source))
    return None


def _parts(msg: _Part) -> list[_Part]:
    """The message and its MIME parts, depth first, at most MAX_PARTS, never inside an
    attached message (message/*), whose parts belong to someone else's message."""
    found: list[_Part] = []
    stack: list[_Part] = [msg]
    while stack and len(found) < MAX_PARTS:
        part = stack.pop()
        found.append(part)
        if part.get_content_maintype() == "multipart":
            payload = part.get_payload()
            if isinstance(payload, list):
                children = [p for p in payload[:MAX_PARTS] if isinstance(p, Message)]
                stack.extend(reversed(children))
    return found


def _header(msg: _Part, name: str) -> str:
    """One header as one line of text, "" when absent or unreadable."""
    try:
        value = msg.get(name)
        return "" if value is None else " ".join(str(value).split())
    except Exception:  # a malformed header is an absent one
        return ""


def _addresses(value: str) -> list[tuple[str, str]]:
    """(display name, lower-cased address) for each address in a header value."""
    try:
        pairs = getaddresses([value])
    except Exception:
        return []
    return [(" ".join(n.split()), a.strip().lower()) for n, a in pairs if "@" in a]


def _date(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except Exception:  # an unreadable date is no date
        return None
    if when is None:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _part_text(part: _Part) -> str:
    """The decoded text of a leaf part ("" if it is too large or unreadable)."""
    try:
        payload = part.get_payload()
        if not isinstance(payload, str) or len(payload) > MAX_PART_BYTES:
            return ""
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or len(data) > MAX_PART_BYTES:
            return ""
        charset = part.get_content_charset() or "utf-8"
        try:
            text = data.decode(charset, "replace")
        except Exception:  # unknown or non-text charset names
            text = data.decode("utf-8", "replace")
    except Exception:
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_attachment(part: _Part) -> bool:
    try:
        return part.get_content_disposition() == "attachment"
    except Exception:
        return False


def _readable_text(parts: list[_Part]) -> str:
    """The message's own text: its first text/plain part, else its first HTML part as text."""
    return _body(parts)[0]


def _body(parts: list[_Part]) -> tuple[str, list[str]]:
    """The message's own text (its first text/plain part, else its first HTML part as text),
    and the lines its HTML marks as the signature: a plain-text signature often has no "-- "
    above it, but the HTML alternative still says where it is."""
    plain = ""
    html: _TextOfHtml | None = None
    for part in parts:
        if part.get_content_maintype() != "text" or _is_attachment(part):
            continue
        subtype = part.get_content_subtype()
        if subtype == "plain" and not plain:
            text = _part_text(part)
            plain = text if text.strip() else ""
        elif subtype == "html" and html is None:
            text = _part_text(part)
            html = _read_html(text) if text.strip() else None
    if html is None:
        return plain, []
    if plain:
        return plain, [line for line in _tidy("".join(html.signature)).split("\n") if line]
    return _tidy("".join(html.chunks)), []


# ---- HTML to text (the standard library's parser only) ---------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "tr",
        "ul",
    ]  # noqa: SIM905 - a list of words
)
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())  # noqa: SIM905
_HIDDEN_TAGS = frozenset(("head", "script", "style", "template", "title"))
# where the quoted original starts: everything after it is theirs to quote, not what they wrote
_CUT_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote")
_CUT_IDS = ("divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container")
_SIGNATURE_CLASSES = ("gmail_signature", "moz-signature")
_SIGNATURE_IDS = ("signature",)


class _TextOfHtml(HTMLParser):
    """Text of an HTML body: block elements become line breaks, head/script/style and
    blockquotes (quoted mail) are left out, the signature is kept apart, and nothing after
    the start of a quoted original is read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.signature: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._in_signature = False
        self._cut = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._cut:
            return
        if self._skip_tag == "head" and tag == "body":  # a head nobody closed
            self._skip_tag = None
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            if self._in_signature and tag in _BLOCK_TAGS:
                self.signature.append("\n")
            return
        values = {k.lower(): (v or "").lower() for k, v in attrs}
        classes = values.get("class", "").split()
        ident = values.get("id", "")
        if ident in _CUT_IDS or any(c.startswith(_CUT_CLASSES) for c in classes):
            self._cut = True
            return
        signature = ident in _SIGNATURE_IDS or any(c in _SIGNATURE_CLASSES for c in classes)
        hidden = tag in _HIDDEN_TAGS or tag == "blockquote"
        if (signature or hidden) and tag not in _VOID_TAGS:
            self._skip_tag, self._skip_depth, self._in_signature = tag, 1, signature
            return
        if tag in _BLOCK_TAGS:
            self.chunks.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if self._cut:
            return
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth <= 0:
                    self._skip_tag, self._in_signature = None, False
            return
        if tag in _BLOCK_TAGS:
            self.chunks.append("\n\n" if tag == "p" else "\n")

    def handle_data(self, data: str) -> None:
        if self._cut:
            return
        if self._skip_tag is None:
            self.chunks.append(re.sub(r"\s+", " ", data))
        elif self._in_signature:
            self.signature.append(re.sub(r"\s+", " ", data))


def _read_html(html: str) -> _TextOfHtml:
    parser = _TextOfHtml()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # keep what was read before the fault
        pass
    return parser


def _tidy(text: str) -> str:
    """Each line's whitespace folded, at most one blank line in a row, none at the ends."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# ---- replies ---------------------------------------------------------------------------------

_ATTRIBUTION = re.compile(
    r"(?:on|am|le|el|op|il|em|den|på)\b.{0,300}\b"
    r"(?:wrote|schrieb|a\s+écrit|escribió|schreef|ha\s+scritto|escreveu|skrev)\s*:",
    re.IGNORECASE | re.DOTALL,
)
_HEADER_FROM = re.compile(r"\**\s*(?:from|von|de|van|da|fra|från)\s*\**\s*:\s*\**\s*\S", re.I)
_HEADER_SENT = re.compile(
    r"\**\s*(?:sent|date|gesendet|datum|envoyé|verzonden|inviato|enviado|skickat|sendt)"
    r"\s*\**\s*:",
    re.IGNORECASE,
)
_ORIGINAL_SEPARATOR = re.compile(
    r"-{3,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|"
    r"oorspronkelijk bericht|messaggio originale|forwarded message)\s*-{3,}",
    re.IGNORECASE,
)
_MOBILE_SIGNATURE = re.compile(
    r"(?:sent from my |sent from (?:outlook|mail|yahoo mail) for |get outlook for |"
    r"von meinem .{1,30} gesendet|envoyé de mon |enviado desde mi |inviato da )",
    re.IGNORECASE,
)


def _own_words(text: str) -> list[str]:
    """The lines the person wrote themselves: up to the quoted original (an "On ... wrote:"
    line, Outlook's From:/Sent: block, an "Original Message" rule) or their signature, without
    ">" quoted lines. Blank lines are kept singly between paragraphs."""
    lines = [line.rstrip() for line in text[:_MAX_READ].split("\n")]
    kept: list[str] = []
    for i, line in enumerate(lines):
        bare = line.strip()
        if _starts_quote(lines, i) or bare == "--" or _MOBILE_SIGNATURE.match(bare):
            break
        if bare.startswith(">"):
            continue
        if bare or (kept and kept[-1]):
            kept.append(bare)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _without_signature(words: list[str], signature: list[str]) -> list[str]:
    """The lines without the signature the HTML alternative marked, when they end them."""
    written = [i for i, line in enumerate(words) if line]
    if not signature or len(written) <= len(signature):
        return words
    tail = [words[i] for i in written[-len(signature) :]]
    if [_normalised(t) for t in tail] != [_normalised(s) for s in signature]:
        return words
    kept = words[: written[-len(signature)]]
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _starts_quote(lines: list[str], i: int) -> bool:
    bare = lines[i].strip()
    if not bare:
        return False
    if _ORIGINAL_SEPARATOR.fullmatch(bare):
        return True
    following = [line.strip() for line in lines[i + 1 : i + 6] if line.strip()]
    if re.fullmatch(r"_{8,}", bare):
        return bool(following) and bool(_HEADER_FROM.match(following[0]))
    if _HEADER_FROM.match(bare) and any(_HEADER_SENT.match(f) for f in following[:4]):
        return True
    for span in (1, 2, 3):  # Gmail folds a long "On ..., Name <address> wrote:" line
        joined = " ".join(line.strip() for line in lines[i : i + span])
        if _ATTRIBUTION.fullmatch(joined):
            return True
    if re.search(r"\b(?:wrote|schrieb|a écrit)\s*:$", bare, re.IGNORECASE):
        return bool(following) and following[0].startswith(">")
    return False


_STOP_PHRASES = frozenset(
    {
        "stop",
        "stop it",
        "unsubscribe",
        "unsubscribe me",
        "opt out",
        "remove",
        "remove me",
        "remove me from your list",
        "remove me from your mailing list",
        "remove me from this list",
        "remove me from your emails",
        "take me off your list",
        "take me off your mailing list",
        "stop emailing me",
        "stop e mailing me",
        "stop mailing me",
        "stop sending me emails",
        "stop sending me e mails",
        "stop sending me these emails",
        "stop contacting me",
        "do not email me",
        "dont email me",
        "do not contact me",
        "dont contact me",
        "no more emails",
        "abmelden",  # the words the German and French unsubscribe lines name (composer.message)
        "désabonner",
        "me désabonner",
        "désinscription",
        "desabonner",  # typed without its accent
        "me desabonner",
        "baja",  # the word the Spanish unsubscribe line names (composer.message)
        "darme de baja",
        "dar de baja",
    }
)
_STOP_SHAPE = re.compile(
    r"(?:please\s+)?(?P<ask>.+?)(?:\s+please)?"
    r"(?:\s+(?:thanks|thank you|thx|now|regards|best regards|kind regards|best|cheers))?"
)


def _normalised(text: str) -> str:
    text = text.lower().replace("’", "'").replace("'", "")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _only_stop(words: list[str], subject: str, name: str) -> bool:
    """Whether what they wrote is only a request to stop (a short list of phrases, with
    "please", "thanks" and their own name around it at most). Nothing else may be said."""
    said = _normalised(" ".join(words))
    if len(said) > _MAX_STOP:
        return False
    for own_name in sorted({_normalised(name), _normalised(name.split()[0] if name else "")}):
        if own_name and said.endswith(" " + own_name):
            said = said[: -len(own_name) - 1]
    if not said:  # an empty body: the subject is what they wrote
        said = _normalised(re.sub(r"^\s*(?:(?:re|aw|sv|antw)\s*:\s*)+", "", subject, flags=re.I))
    shape = _STOP_SHAPE.fullmatch(said)
    return shape is not None and shape["ask"] in _STOP_PHRASES


_AUTO_SUBJECT = re.compile(
    r"automatic reply|auto[- ]?reply|auto[- ]?response|out of (?:the )?office|"
    r"abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|respuesta autom[áa]tica|"
    r"risposta automatica|automatisch antwoord|autosvar|automatisk svar|"
    r"^\s*(?:auto|ooo|absence|abwesend|absent)\s*:",
    re.IGNORECASE,
)
_NO_REPLY = re.compile(r"(?:no-?reply|do-?not-?reply|donotreply)([+.-]|$)", re.IGNORECASE)


def _automatic(msg: _Part, subject: str, sender: str) -> bool:
    """RFC 3834 and the common vendor markings of an automatic reply."""
    auto = _header(msg, "Auto-Submitted").lower()
    if auto and not re.match(r"no\b", auto):
        return True
    if any(name in msg for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder")):
        return True
    if _header(msg, "Precedence").lower() in ("auto_reply", "bulk", "junk"):
        return True
    source = _header(msg, "X-MS-Exchange-Generated-Message-Source").lower()
    if "mailbox rules agent" in source or "auto" in source:
        return True
    if "X-MS-Exchange-Inbox-Rules-Loop" in msg:  # sent by one of the recipient's inbox rules
        return True
    local = sender.partition("@")[0]
    if _NO_REPLY.match(local) or local in _DAEMONS:
        return True
    return bool(_AUTO_SUBJECT.search(subject))


def _answered(msg: _Part, ours: Mapping[str, str]) -> str | None:
    """Which of our Message-IDs this message answers: In-Reply-To first, then References
    from the newest."""
    candidates = _ids_in(_header(msg, "In-Reply-To"))
    candidates += list(reversed(_ids_in(_header(msg, "References"))))
    for candidate in candidates:
        if id_key(candidate) in ours:
            return ours[id_key(candidate)]
    return None


def _reply(
    msg: _Part, parts: list[_Part], ours: Mapping[str, str], own: Collection[str]
) -> Reply | None:
    answered = _answered(msg, ours)
    if answered is None:
        return None
    letter = _letter(msg, parts)
    if letter is None or letter.sender in own:
        return None
    return Reply(
        message_id=answered,
        sender=letter.sender,
        name=letter.name,
        subject=letter.subject,
        received=letter.received,
        first_lines=letter.first_lines,
        automatic=letter.automatic,
        stop=letter.stop,
    )


def read_letter(message: bytes | bytearray | Message[Any, Any]) -> Letter | None:
    """What a person wrote in one message, for answering it (None: no sender, or not
    readable). A message parsed from its headers alone gives everything but the first lines.
    Never raises."""
    try:
        msg = _parse(message)
        if msg is None:
            return None
        letter = _letter(msg, _parts(msg))
        if letter is not None and _is_report(msg):
            letter = replace(letter, automatic=True)
        return letter
    except Exception:  # a message from outside must never break a reading
        return None


def _is_report(msg: _Part) -> bool:
    """A delivery or read report (RFC 6522), told by its type alone."""
    return msg.get_content_type() == "multipart/report" or "X-Failed-Recipients" in msg


def _letter(msg: _Part, parts: list[_Part]) -> Letter | None:
    senders = _addresses(_header(msg, "From"))
    if not senders:
        return None
    name, sender = senders[0]
    answer_to = _addresses(_header(msg, "Reply-To"))
    subject = _header(msg, "Subject")
    text, signature = _body(parts)
    words = _without_signature(_own_words(text), signature)
    automatic = _automatic(msg, subject, sender)
    first: list[str] = []
    for line in words:
        if line:
            first.append(line[:_MAX_LINE])
        if len(first) == FIRST_LINES:
            break
    ids = _ID.findall(_header(msg, "Message-ID"))
    return Letter(
        sender=sender,
        name=name,
        reply_to=answer_to[0][1] if len(answer_to) == 1 else sender,
        subject=subject,
        received=_date(_header(msg, "Date")),
        message_id=f"<{ids[0]}>" if ids else "",
        references=tuple(_ids_in(_header(msg, "References"))),
        first_lines="\n".join(first),
        automatic=automatic,
        stop=not automatic and _only_stop(words, subject, name),
    )


# ---- bounces ---------------------------------------------------------------------------------

_SPAM_LIKE = N_(
    "the receiving server refused it as unauthenticated or spam-like — your domain's "
    "SPF/DKIM/DMARC may need attention"
)
_NOT_YET = N_("the receiving server could not take it yet; it may still arrive")
_GAVE_UP = N_("the receiving server kept putting it off until delivery was given up")
_REASONS = {
    "5.1.0": N_("the receiving server did not accept the address"),
    "5.1.1": N_("the mailbox does not exist"),
    "5.1.2": N_("the address's domain does not exist or takes no mail"),
    "5.1.3": N_("the address is not a valid e-mail address"),
    "5.1.6": N_("the mailbox has moved and takes no more mail"),
    "5.1.10": N_("the mailbox does not exist"),  # Microsoft: recipient not found
    "5.2.1": N_("the mailbox is disabled and takes no mail"),
    "5.2.2": N_("the mailbox is full"),
    "5.2.3": N_("the message is too large for the receiving server"),
    "5.3.4": N_("the message is too large for the receiving server"),
    "5.4.1": N_("the receiving server takes no mail for that address"),
    "5.4.4": N_("the address's domain could not be found or takes no mail"),
    "5.4.7": _GAVE_UP,
    "5.7.1": _SPAM_LIKE,
    "5.7.23": _SPAM_LIKE,  # SPF
    "5.7.25": _SPAM_LIKE,  # no reverse DNS for the sending server
    "5.7.26": _SPAM_LIKE,  # Gmail: unauthenticated
    "5.7.509": _SPAM_LIKE,  # Microsoft: DMARC
    "5.7.515": _SPAM_LIKE,  # Microsoft: the sending domain's authentication is too weak
}


def reason_for(status: str, hard: bool, diagnostic: str = "") -> str:
    """One plain sentence for the person: what the status code means for them."""
    if status.startswith("4"):
        return _(_GAVE_UP) if hard else _(_NOT_YET)
    if not hard:
        return _(_NOT_YET)
    if status in _REASONS:
        return _(_REASONS[status])
    if diagnostic:
        words = diagnostic if len(diagnostic) <= _MAX_QUOTED else diagnostic[:_MAX_QUOTED] + "…"
        return _('the receiving server refused it, saying "{words}"').format(words=words)
    return _("the receiving server refused it")


_ID = re.compile(r"<([^<>\s]+)>")
_CODE = re.compile(r"(?<![\w.])([245])\.(\d{1,3})\.(\d{1,3})(?!\d|\.\d)")
_SMTP_REPLY = re.compile(r"(?:^|[\s:'\"(#\[])[245]\d\d(?:[ -]|$)")
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_DAEMONS = ("mailer-daemon", "mailerdaemon", "mail-daemon", "postmaster")
_BOUNCE_SUBJECT = re.compile(
    r"undeliver(?:able|ed)|returned to sender|mail delivery fail|delivery status notification|"
    r"delivery (?:failure|failed|problem|notification)|returned mail|failure notice|"
    r"non remis|unzustellbar|nicht zustellbar|not delivered|delayed mail|delivery delayed|"
    r"warning: message .* delayed",
    re.IGNORECASE,
)
_FAILURE_WORDS = re.compile(
    r"could ?n[o']t be delivered|was ?n[o']t delivered|was not delivered|delivery has failed|"
    r"failed permanently|permanent (?:error|failure)|address\(es\) failed|unable to deliver|"
    r"not yet been delivered|delivery (?:is )?delayed|temporary (?:problem|failure)|"
    r"address not found|returned to sender|could not be delivered|undeliverable",
    re.IGNORECASE,
)
_DELAY_WORDS = re.compile(
    r"not yet been delivered|will (?:retry|keep trying|try again)|still (?:trying|being retried)|"
    r"temporary (?:problem|failure)|delivery (?:is )?delayed|has been delayed|\(delay\)|"
    r"delivery incomplete",
    re.IGNORECASE,
)
# where a bounce's text names its recipients: the addresses follow these words
_RECIPIENTS_FOLLOW = re.compile(
    r"following (?:recipients?|address(?:es|\(es\))?)[^:\n]{0,60}:|"
    r"these recipients or (?:groups|distribution lists):|"
    r"(?:was ?n[o']t|was not|could ?n[o']t be|could not be) delivered to|your message to|"
    r"address(?:es)? to which the message has not yet been delivered (?:is|are):",
    re.IGNORECASE,
)
# where a bounce's text returns the original message (or its headers) inline
_RETURNED_MARKER = re.compile(
    r"^[ \t]*(?:-{2,}\s*this is a copy of the message.*|-{2,}\s*original message\s*-{2,}|"
    r"original message headers:|-{2,}\s*below this line is a copy of the message.*|"
    r"-{2,}\s*(?:undelivered|returned) message\s*-{2,}.*)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")
_RETURNED_MESSAGE_TYPES = ("message/rfc822", "message/global")
_RETURNED_HEADER_TYPES = ("text/rfc822-headers", "message/global-headers", "message/rfc822-headers")


def _bounces(
    msg: _Part, parts: list[_Part], ours: Mapping[str, str], own: Collection[str]
) -> tuple[list[Bounce], bool]:
    """The report's Bounces, and whether the message is a report at all (a report with no
    failure in it says nothing, and is never a reply)."""
    content_type = msg.get_content_type()
    report_type = str(msg.get_param("report-type", "") or "").lower()
    status_parts = [p for p in parts[1:] if p.get_content_type() in _STATUS_TYPES]
    is_report = content_type == "multipart/report"
    if is_report and report_type != "delivery-status" and not status_parts:
        return [], True  # a read receipt or a feedback report
    text = _readable_text([p for p in parts if p.get_content_type() not in _STATUS_TYPES])
    notice, returned = _split_returned(text)
    original = _returned_headers(parts) or returned
    groups, per_message = _status_groups(status_parts)
    looks = _looks_like_bounce(msg, notice, original is not None)
    if not groups and not looks:
        return [], is_report or bool(status_parts)

    message_id = _original_id(msg, original, per_message, ours)
    if message_id is None:
        return [], is_report or bool(status_parts)
    received = _date(_header(msg, "Date"))
    if groups:
        return _standard(groups, notice, original, message_id, ours, received), True
    found = _from_text(msg, notice, original, own, message_id, received)
    # a bounce-like message that names no recipient is left to the reply rules, where a
    # mail daemon's message is an automatic one: shown, never counted as a person
    return found, bool(found) or is_report or bool(status_parts)


def _looks_like_bounce(msg: _Part, notice: str, returned: bool) -> bool:
    """A message without a machine-readable report that is still a delivery report: with
    X-Failed-Recipients, or from a mail daemon saying that delivery failed (or returning the
    original), or with a bounce subject, automatic, saying so."""
    if "X-Failed-Recipients" in msg:
        return True
    subject = _header(msg, "Subject")
    if re.match(r"\s*(?:re|fw|fwd|aw|wg|tr)\s*:", subject, re.IGNORECASE):
        return False  # someone answering or forwarding a bounce is a person
    senders = _addresses(_header(msg, "From"))
    local = senders[0][1].partition("@")[0] if senders else ""
    name = senders[0][0].lower() if senders else ""
    daemon = local in _DAEMONS or "mail delivery" in name or "X-MS-Exchange-Message-Is-Ndr" in msg
    said = bool(_FAILURE_WORDS.search(notice))
    if daemon:
        return said or returned
    # a bounce subject alone could be a person's ("Undelivered parcel"): it must also come
    # automatically (auto-replies come from the null sender too) and say delivery failed
    auto = _header(msg, "Auto-Submitted").lower()
    automatic = (
        returned
        or bool(auto and not auto.startswith("no"))
        or _header(msg, "Return-Path") in ("<>", "<MAILER-DAEMON>")
    )
    return bool(_BOUNCE_SUBJECT.search(subject)) and automatic and said


def _split_returned(text: str) -> tuple[str, _Part | None]:
    """The notice itself, and the original's headers when the text returns them inline."""
    marker = _RETURNED_MARKER.search(text)
    if marker is None:
        return text, None
    rest = text[marker.end() :].lstrip("\n")
    headers = _parse_headers(rest) if rest else None
    if headers is not None and "Message-ID" not in headers and "Received" not in headers:
        headers = None  # a quoted From:/Sent:/Subject: block, not a returned message
    return text[: marker.start()], headers


def _parse_headers(text: str) -> _Part | None:
    try:
        headers = HeaderParser(policy=policy.compat32).parsestr(text, headersonly=True)
    except Exception:
        return None
    return headers if len(headers) else None


def _returned_headers(parts: list[_Part]) -> _Part | None:
    """The headers of the returned original: a message/rfc822 or text/rfc822-headers part."""
    for part in parts[1:]:
        kind = part.get_content_type()
        if kind in _RETURNED_MESSAGE_TYPES or kind in _RETURNED_HEADER_TYPES:
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                return payload[0]
            if isinstance(payload, str):
                headers = _parse_headers(_part_text(part).lstrip("\n"))
                if headers is not None:
                    return headers
    return None


def _status_groups(parts: list[_Part]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The per-recipient field groups of the delivery-status parts, and the per-message
    fields (RFC 3464 section 2.2 and 2.3)."""
    groups: list[dict[str, str]] = []
    per_message: dict[str, str] = {}
    for part in parts:
        for block in _field_blocks(_status_text(part)):
            if "final-recipient" in block or "original-recipient" in block:
                groups.append(block)
            else:
                for name, value in block.items():
                    per_message.setdefault(name, value)
    return groups, per_message


def _status_text(part: _Part) -> str:
    """A delivery-status part as text, however the parser held it (blocks of headers, one
    message, or a plain payload)."""
    payload = part.get_payload()
    if isinstance(payload, str):
        return _part_text(part)
    chunks: list[str] = []
    if isinstance(payload, list):
        for block in payload[:MAX_PARTS]:
            if not isinstance(block, Message):
                continue
            chunks.append("\n".join(f"{k}: {' '.join(str(v).split())}" for k, v in block.items()))
            inner = block.get_payload()
            if isinstance(inner, str) and inner.strip() and len(inner) <= MAX_PART_BYTES:
                chunks.append(inner.replace("\r\n", "\n"))
    return "\n\n".join(chunks)


def _field_blocks(text: str) -> list[dict[str, str]]:
    """Blank-line separated blocks of "Name: value" fields (continuation lines folded in),
    names lower-cased, the first of a repeated name kept."""
    blocks: list[dict[str, str]] = []
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        block: dict[str, str] = {}
        name = ""
        for line in chunk.split("\n"):
            if line[:1] in (" ", "\t") and name:
                block[name] = f"{block[name]} {line.strip()}".strip()
                continue
            field, colon, value = line.partition(":")
            if colon and field.strip() and " " not in field.strip():
                name = field.strip().lower()
                if name in block:
                    name = ""  # a repeated field: keep the first
                else:
                    block[name] = value.strip()
        if block:
            blocks.append(block)
    return blocks


def _ids_in(value: str) -> list[str]:
    found = _ID.findall(value)
    if not found:
        found = [t.strip("<>,;") for t in value.split() if "@" in t]
    return [f"<{i}>" for i in found if i]


def _original_id(
    msg: _Part, original: _Part | None, per_message: Mapping[str, str], ours: Mapping[str, str]
) -> str | None:
    """The Message-ID of the message the report is about: ours when any candidate is ours,
    else the best the report gives (the returned headers, then the report's own fields)."""
    candidates: list[str] = []
    if original is not None:
        candidates += _ids_in(_header(original, "Message-ID"))
    candidates += _ids_in(per_message.get("x-original-message-id", ""))
    candidates += _ids_in(_header(msg, "X-Original-Message-ID"))
    candidates += _ids_in(_header(msg, "In-Reply-To"))
    candidates += _ids_in(_header(msg, "References"))
    for candidate in candidates:
        if id_key(candidate) in ours:
            return ours[id_key(candidate)]
    return candidates[0] if candidates else None


def _standard(
    groups: list[dict[str, str]],
    notice: str,
    original: _Part | None,
    message_id: str,
    ours: Mapping[str, str],
    received: dt.datetime | None,
) -> list[Bounce]:
    found: list[Bounce] = []
    seen: set[str] = set()
    for group in groups:
        recipient = _address_field(group.get("original-recipient", ""))
        recipient = recipient or _address_field(group.get("final-recipient", ""))
        if not recipient or recipient in seen:
            continue
        action = (group.get("action", "").split() or [""])[0].lower()
        if action in ("delivered", "relayed", "expanded"):
            continue
        diagnostic = _one_line(_without_type(group.get("diagnostic-code", "")))
        if not diagnostic:
            diagnostic = _diagnostic_in(_segment(notice, recipient, []))
        status = _status(group.get("status", ""), diagnostic)
        if status is None:
            status = "4.0.0" if action == "delayed" else "5.0.0"
        if status.startswith("2"):
            continue
        hard = action == "failed" if action in ("failed", "delayed") else status.startswith("5")
        seen.add(recipient)
        found.append(_bounce(recipient, message_id, hard, status, diagnostic, received))
    if (
        len(found) == 1
        and len(groups) == 1
        and "original-recipient" not in groups[0]
        and id_key(message_id) in ours
        and original is not None
    ):
        # our messages go to exactly one To, which is the address they were sent to, even when
        # the report names where it was forwarded on to
        to = _addresses(_header(original, "To"))
        if len(to) == 1 and to[0][1] != found[0].recipient:
            found[0] = replace(found[0], recipient=to[0][1])
    return found


def _from_text(
    msg: _Part,
    notice: str,
    original: _Part | None,
    own: Collection[str],
    message_id: str,
    received: dt.datetime | None,
) -> list[Bounce]:
    """Bounces from a report without a delivery-status part: the recipients from
    X-Failed-Recipients or the notice's words, the status from the server's words."""
    excluded = set(own) | {a for _, a in _addresses(_header(msg, "To"))}
    excluded |= {a for _, a in _addresses(_header(msg, "From"))}
    if original is not None:
        excluded |= {a for _, a in _addresses(_header(original, "From"))}

    def wanted(address: str) -> bool:
        return address not in excluded and address.partition("@")[0] not in _DAEMONS

    recipients: list[str] = []
    for _name, address in _addresses(_header(msg, "X-Failed-Recipients")):
        if address not in recipients:
            recipients.append(address)
    if not recipients:
        follows = _RECIPIENTS_FOLLOW.search(notice)
        if follows is not None:
            region = notice[follows.end() : follows.end() + 2000]
            for match in _ADDRESS.finditer(region):
                address = match.group().rstrip(".").lower()
                if wanted(address) and address not in recipients:
                    recipients.append(address)
    if not recipients and original is not None:
        to = [a for _, a in _addresses(_header(original, "To")) if wanted(a)]
        recipients = to[:1] if len(to) == 1 else []

    subject = _header(msg, "Subject")
    delayed = bool(_DELAY_WORDS.search(subject) or _DELAY_WORDS.search(notice)) and not re.search(
        r"permanent", notice, re.IGNORECASE
    )
    found: list[Bounce] = []
    for recipient in recipients:
        segment = _segment(notice, recipient, recipients)
        diagnostic = _diagnostic_in(segment)
        status = _status("", diagnostic) or _status("", segment)
        if status is None:
            basic = re.search(r"(?<!\d)([45])\d\d(?=[ -]|$)", diagnostic)
            status = f"{basic.group(1)}.0.0" if basic else ("4.0.0" if delayed else "5.0.0")
        found.append(_bounce(recipient, message_id, not delayed, status, diagnostic, received))
    return found


def _bounce(
    recipient: str,
    message_id: str,
    hard: bool,
    status: str,
    diagnostic: str,
    received: dt.datetime | None,
) -> Bounce:
    return Bounce(
        recipient=recipient,
        message_id=message_id,
        hard=hard,
        status=status,
        reason=reason_for(status, hard, diagnostic),
        diagnostic=diagnostic,
        received=received,
    )


def _address_field(value: str) -> str:
    """The address of a Final-Recipient/Original-Recipient field ("rfc822; a@b")."""
    kind, semicolon, address = value.partition(";")
    if not semicolon:
        address = kind
    elif kind.strip().lower() not in ("rfc822", "utf-8", "x-unknown", ""):
        return ""
    tokens = address.strip().strip("<>").split()
    found = tokens[0].strip("<>") if tokens else ""
    return found.lower() if re.fullmatch(r"[^\s<>@,;]+@[^\s<>@,;]+", found) else ""


def _without_type(value: str) -> str:
    """A Diagnostic-Code without its type ("smtp; 550 ..." -> "550 ...")."""
    return re.sub(r"^\s*[\w-]{1,20}\s*;\s*", "", value)


def _one_line(value: str) -> str:
    """The server's words on one line: whitespace folded, the repeated "550-5.1.1" prefixes
    of a multi-line SMTP reply removed, at most _MAX_DIAGNOSTIC characters."""
    text = " ".join(value.split())
    lead = re.match(r"(\d{3})[- ](?:([245]\.\d{1,3}\.\d{1,3})\s+)?", text)
    if lead is not None:
        code, enhanced = lead.group(1), lead.group(2)
        repeated = rf"\s{code}[- ]" + (rf"(?:{re.escape(enhanced)}\s+)?" if enhanced else "")
        rest = re.sub(repeated, " ", text[lead.end() :])
        text = " ".join(f"{code} {enhanced or ''} {rest}".split())
    if len(text) > _MAX_DIAGNOSTIC:
        text = text[: _MAX_DIAGNOSTIC - 1].rstrip() + "…"
    return text


def _status(field: str, diagnostic: str) -> str | None:
    """The enhanced status code: the Status field's, made more precise by the diagnostic's
    when the field only gives the class (5.0.0 with "550 5.1.1 ..." in the words)."""
    given = _CODE.search(field)
    said = _CODE.search(diagnostic)
    if given is None:
        return ".".join(said.groups()) if said else None
    status = ".".join(given.groups())
    if said is not None and given.group(2, 3) == ("0", "0") and said.group(1) == given.group(1):
        return ".".join(said.groups())
    return status


def _segment(notice: str, recipient: str, recipients: list[str]) -> str:
    """The part of the notice about one recipient: from where it is first named to where
    the next one is."""
    lower = notice.lower()
    start = lower.find(recipient)
    if start < 0:
        return notice
    end = len(notice)
    for other in recipients:
        if other != recipient:
            at = lower.find(other, start + len(recipient))
            if at >= 0:
                end = min(end, at)
    return notice[start:end]


def _diagnostic_in(text: str) -> str:
    """The server's words in a notice: the first line with an SMTP reply code or an enhanced
    status code that says more than the code (the codes alone, if none does), with the lines
    that continue it."""
    lines = text.split("\n")
    found: list[str] = []
    for i, line in enumerate(lines):
        reply_code = _SMTP_REPLY.search(line)
        if reply_code is None and _CODE.search(line) is None:
            continue
        start = reply_code.start() if reply_code is not None else 0
        words = [line[start:].strip().lstrip(":'\"(#[ ")]
        for more in lines[i + 1 : i + 6]:  # continued on indented lines
            if not more[:1].isspace() or not more.strip() or _ADDRESS.fullmatch(more.strip()):
                break
            words.append(more.strip())
        said = _one_line(" ".join(words).rstrip("'\"# "))
        if re.search(r"[^\W\d_]{2,}", _CODE.sub("", said)):
            return said
        found.append(said)
        if len(found) >= 10:
            break
    if found:
        return found[0]
    technical = re.search(r"technical details of \w+ failure:\s*\n(.+)", text, re.IGNORECASE)
    return _one_line(technical.group(1)) if technical else ""

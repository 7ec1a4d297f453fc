"""Property drill: whatever a customer's cells hold, the e-mail the engine makes for them goes
to them alone, carries no header a cell wrote, shows no markup a cell wrote, and shows no
other customer's address, or it is refused with one sentence (a ComposerError).

A campaign of three customers is made in this process, through the engine's own path from a
mailing to the bytes of one e-mail (``Campaign.draft`` and ``Campaign.message_for``, the one
place the preview, the test send and the sender make a message). Ann and Cat are ordinary;
Bob's name and order cells are drawn by hypothesis from text rich in what breaks mail: CR,
LF, NUL and other controls, ``<script>``, ``&``, quotes, header-looking lines ("X: y",
"Bcc: ..."), encoded words, the other customers' addresses (in any case, in angle brackets),
Jinja syntax, Markdown, right-to-left and zero-width characters. Bob's message is flattened
to bytes and read back with the ``email`` package. Two properties, each its own hypothesis
test (so a failure of one does not cut the other's examples short):

*one customer alone*:

- To holds exactly one address, Bob's; there is no Cc, Bcc or Resent-* header;
- the header names are exactly those of Ann's ordinary message, and no header value read
  back holds a line break or NUL; no line of the bytes is longer than 998 octets;
- with a Markdown template, the HTML part has the same tags as Ann's, in the same order, and
  as many ``<``: a ``<`` from a cell is always escaped, a cell never becomes markup;

*nobody else shown*: neither Ann's nor Cat's address (case folded) appears anywhere in the
bytes or in the decoded headers and parts (the engine refuses such a message, see
``Campaign._refuse_other_customers``; a message it makes must not hold one).

A ``ComposerError`` while building is a correct refusal and counts as a case; any other
exception is a broken promise, recorded with the example hypothesis shrank it to. Every call
of a property counts in ``property_cases``. ``run(False)``: 300 examples of each,
derandomized (the same every time, well under 30 seconds); ``run(True)``: 10,000 random ones
of each. ``python -m tests.torture.properties [--full]`` prints the figures.
"""

from __future__ import annotations

import email
import email.policy
import re
import time
from collections.abc import Callable
from email.message import EmailMessage

from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis import strategies as st

from composer.campaign import Campaign
from composer.codes import SHARED, CodePlan
from composer.errors import ComposerError
from composer.message import Identity
from composer.recipients import ColumnMap, Recipient
from composer.table import Column, Table
from composer.template import Template
from tests.torture import Figures

ANN, BOB, CAT = "ann@example.com", "bob@example.org", "cat@example.net"
OTHERS = (ANN, CAT)
OWNER = Identity("Shop Owner", "owner@shop.example")
CODE = "SORRY11"
SUBJECT = "Sorry about order {{ order }}, {{ name }}"
BODY = (
    "Dear {{ name }},\n"
    "\n"
    "your order **{{ order }}** went wrong; [see it here](http://127.0.0.1/o/{{ order }}).\n"
    "Use {{ code }} next time.\n"
)
_ADDRESS_HEADERS = ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc")
_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9]*)")

# What breaks mail, in pieces hypothesis joins with arbitrary text.
_PIECES = st.sampled_from(
    [
        "\r", "\n", "\r\n", "\x00", "\x0b", "\x1b", "\x7f", "\x85", "\t",
        "<script>", "</script>", "<", ">", "</p>", "<b>", "&", "&amp;", "&lt;", '"', "'",
        "X: y", "\r\nX: y", "\nBcc: x@evil.example", "\r\nCc: cat@example.net", "To: ",
        "=?utf-8?q?a=0D=0AX:_y?=", "=?", "?=",
        ANN, CAT, ANN.upper(), "Cat@Example.Net", f"<{ANN}>", f"Ann <{ANN}>", BOB,
        "{{ 7*7 }}", "{% if 1 %}", "{{", "}}", "{#", "{% raw %}",
        "**", "_", "`", "[x](javascript:alert(1))", "![i](http://127.0.0.1/p.png)", "#", ">",
        "\u202e", "\u202c", "\u200b", "\u200d", "\ufeff", "\u2066", "\u2028", "\u2029", "\u00ad",
        "أحمد", "Zoë", "山田", ",", ";", "@", " ",
    ]
)  # fmt: skip
VALUES = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=10).map("".join)


class PromiseBroken(AssertionError):
    """One property failed for the drawn example; ``str()`` says which."""


def _campaign(name: str, order: str, markdown: bool) -> Campaign:
    table = Table(
        columns=[Column("Email", "email"), Column("Name", "name"), Column("Order", "order")],
        rows=[(ANN, "Ann", "1001"), (BOB, name, order), (CAT, "Cat", "1003")],
        row_numbers=[2, 3, 4],
    )
    return Campaign.draft(
        table=table,
        columns=ColumnMap(email="email", full_name="name"),
        template=Template(SUBJECT, BODY, markdown=markdown),
        identity=OWNER,
        code_plan=CodePlan(kind=SHARED, shared=CODE),
    )


def _read_back(campaign: Campaign, person: Recipient) -> tuple[bytes, EmailMessage]:
    """The bytes of the message the engine makes for ``person``, and those bytes parsed."""
    raw = campaign.message_for(person).as_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        raise PromiseBroken(f"the bytes read back as a {type(message).__name__}")
    return raw, message


def _html(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    return str(part.get_content()) if part is not None else ""


def _everything(raw: bytes, message: EmailMessage) -> str:
    """All a reader could see: the bytes, the decoded headers and every decoded part."""
    texts = [raw.decode("utf-8", "replace"), *(str(v) for v in message.values())]
    for part in message.walk():
        if not part.is_multipart():
            content = part.get_content()
            texts.append(content if isinstance(content, str) else repr(content))
    return "\n".join(texts).lower()


_ORDINARY: dict[bool, EmailMessage] = {}


def _ordinary(markdown: bool) -> EmailMessage:
    """Ann's message in a campaign where nobody's cells are hostile: what every message is
    compared with."""
    if markdown not in _ORDINARY:
        campaign = _campaign("Bob", "1002", markdown)
        ann = next(p for p in campaign.audience() if p.email == ANN)
        _ORDINARY[markdown] = _read_back(campaign, ann)[1]
    return _ORDINARY[markdown]


def _bobs_message(name: str, order: str, markdown: bool) -> tuple[bytes, EmailMessage] | None:
    """Bob's message as bytes and read back; None when the engine refused it in a sentence."""
    try:
        campaign = _campaign(name, order, markdown)
        bob = [p for p in campaign.audience() if p.email == BOB]
        if len(bob) != 1:
            raise PromiseBroken(f"Bob's row is {len(bob)} recipients, not one")
        return _read_back(campaign, bob[0])
    except ComposerError:
        return None  # a correct refusal, in one sentence


def _alone(name: str, order: str, markdown: bool) -> None:
    """One To (Bob's), no Cc/Bcc, the ordinary headers, no markup from a cell."""
    built = _bobs_message(name, order, markdown)
    if built is None:
        return
    raw, message = built
    ordinary = _ordinary(markdown)
    problems = []
    tos = message.get_all("To") or []
    addresses = [a for header in tos for a in getattr(header, "addresses", ())]
    if len(tos) != 1 or len(addresses) != 1 or addresses[0].addr_spec.lower() != BOB:
        problems.append(f"To holds {[a.addr_spec for a in addresses]!r}, not only {BOB}")
    problems += [f"a {h} header" for h in _ADDRESS_HEADERS if message.get(h) is not None]
    names, expected = sorted(k.lower() for k in message), sorted(k.lower() for k in ordinary)
    if names != expected:
        problems.append(f"headers {names} where an ordinary message has {expected}")
    for key, value in message.items():
        if any(c in str(value) for c in "\r\n\x00"):
            problems.append(f"the {key} header reads back with a line break or NUL")
    if b"\x00" in raw or any(len(line) > 998 for line in raw.split(b"\r\n")):
        problems.append("a NUL byte or a line over 998 octets in the message")
    if markdown:
        html, usual = _html(message), _html(ordinary)
        tags, usual_tags = _TAG.findall(html), _TAG.findall(usual)
        if tags != usual_tags or html.count("<") != usual.count("<"):
            problems.append(
                f"the HTML part has tags {tags} and {html.count('<')} '<', where an ordinary "
                f"one has {usual_tags} and {usual.count('<')}"
            )
    if problems:
        raise PromiseBroken("; ".join(problems))


def _nobody_else(name: str, order: str, markdown: bool) -> None:
    """Refused, or neither Ann's nor Cat's address (case folded) anywhere in Bob's message."""
    built = _bobs_message(name, order, markdown)
    if built is None:
        return
    seen = _everything(*built)
    shown = [other for other in OTHERS if other in seen]
    if shown:
        raise PromiseBroken(f"Bob's message was made and shows {', '.join(shown)}")


def _falsified(what: str, error: BaseException, failing: dict[str, str]) -> list[str]:
    """Each failure hypothesis found, with the example it shrank it to."""
    group = error.exceptions if isinstance(error, BaseExceptionGroup) else (error,)
    found = []
    for each in group:
        kind = type(each).__name__
        example = failing.get(kind, " ".join(getattr(each, "__notes__", ())))
        found.append(f"properties, {what}: {kind}: {each}; falsifying example: {example}")
    return found


def _property(
    check: Callable[[str, str, bool], None], fig: Figures, failing: dict[str, str], full: bool
) -> Callable[[], None]:
    """``check`` as a hypothesis test that counts its examples in ``fig``."""

    @settings(
        max_examples=10_000 if full else 300,
        deadline=None,
        database=None,
        derandomize=not full,
        verbosity=Verbosity.quiet,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(name=VALUES, order=VALUES, markdown=st.booleans())
    def example(name: str, order: str, markdown: bool) -> None:
        fig.property_cases += 1
        try:
            check(name, order, markdown)
        except Exception as error:
            # the last example to fail is the one hypothesis shrank to and replays at the end
            failing[type(error).__name__] = f"name={name!r}, order={order!r}, markdown={markdown}"
            raise

    return example


def run(full: bool) -> Figures:
    """Each property over 10,000 random examples (``full``) or 300 derandomized ones."""
    fig = Figures()
    for what, check in (("one customer alone", _alone), ("nobody else shown", _nobody_else)):
        failing: dict[str, str] = {}
        try:
            _property(check, fig, failing, full)()
        except Exception as error:  # hypothesis re-raises the shrunk failure (or a group)
            for failure in _falsified(what, error, failing):
                fig.fail(failure)
    return fig


if __name__ == "__main__":
    import sys

    began = time.monotonic()
    print(run("--full" in sys.argv))
    print(f"{time.monotonic() - began:.1f} s")

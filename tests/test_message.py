"""Building the e-mail: exactly one To, never Cc/Bcc, no header injection from any value,
deterministic Message-IDs, correct encoding of non-ASCII, HTML alternative and attachments."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composer.message import Identity, MessageError, build, message_id, preview_text
from composer.template import Draft

OWNER = Identity("Sam Baker", "sam@bakery.example")
WHEN = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def draft(**changes) -> Draft:
    values = dict(
        row=7,
        to_name="Ada Lovelace",
        to_address="ada@example.com",
        subject="We are sorry, Ada",
        text="Hi Ada,\n\nsorry.\n",
    )
    values.update(changes)
    return Draft(**values)


def reparse(msg: EmailMessage) -> EmailMessage:
    return message_from_bytes(msg.as_bytes(), policy=policy.default)


def text_of(part) -> str:
    """A text part's content with the wire's CRLF line ends read back as newlines."""
    return part.get_content().replace("\r\n", "\n")


def header_names(raw: bytes) -> list[str]:
    """Top-level header names as a mail server would read them from the wire."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    return [line.split(":", 1)[0].lower() for line in head.split("\r\n") if line[:1] not in " \t"]


def test_message_id_is_deterministic_per_campaign_and_customer() -> None:
    one = message_id("camp-1", "ada@example.com", "bakery.example")
    assert one == message_id("camp-1", "ada@example.com", "bakery.example")
    assert re.fullmatch(r"<ac\.[0-9a-f]{20}@bakery\.example>", one)
    assert one != message_id("camp-1", "bob@example.com", "bakery.example")
    assert one != message_id("camp-2", "ada@example.com", "bakery.example")
    assert message_id("c", "a@b.c", "bäckerei.de").endswith("@xn--bckerei-5wa.de>")
    assert message_id("c", "a@b.c", "bad domain\r\n").endswith("@apology-composer.invalid>")


def test_the_message_id_follows_the_customer_not_the_row() -> None:
    """A customer who moved down a row in an edited list keeps their Message-ID, so a
    message in doubt can still be matched."""
    first = build(draft(), OWNER, "camp-1", date=WHEN)
    moved = build(replace(draft(), row=9, to_address="Ada@Example.com"), OWNER, "camp-1")
    assert first["Message-ID"] == moved["Message-ID"]


def test_build_sets_exactly_the_expected_headers() -> None:
    msg = build(draft(), OWNER, "camp-1", date=WHEN)
    raw = msg.as_bytes()
    names = header_names(raw)
    assert names == [
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "content-type",
        "content-transfer-encoding",
        "mime-version",
    ]
    back = reparse(msg)
    assert str(back["From"]) == "Sam Baker <sam@bakery.example>"
    assert str(back["To"]) == "Ada Lovelace <ada@example.com>"
    assert back["Date"] == "Mon, 23 Nov 2026 09:30:00 +0000"
    assert back["Message-ID"] == message_id("camp-1", "ada@example.com", "bakery.example")
    assert text_of(back) == "Hi Ada,\n\nsorry.\n"


def test_reply_to_comes_from_the_draft_else_the_identity() -> None:
    who = Identity("Sam", "sam@bakery.example", reply_to="Help <help@bakery.example>")
    assert str(build(draft(), who, "c")["Reply-To"]) == "Help <help@bakery.example>"
    mine = build(draft(reply_to="orders@bakery.example"), who, "c")
    assert str(mine["Reply-To"]) == "orders@bakery.example"
    with pytest.raises(MessageError, match="exactly one address"):
        build(draft(reply_to="a@x.example, b@x.example"), OWNER, "c")


def test_non_ascii_names_and_subjects_are_encoded() -> None:
    msg = build(
        draft(to_name="Zoë Müller", subject="Désolé, Zoë — 10 % de réduction"),
        Identity("Boulangerie Élise", "elise@boulangerie.example"),
        "c",
    )
    raw = msg.as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    back = reparse(msg)
    assert back["Subject"] == "Désolé, Zoë — 10 % de réduction"
    assert back["To"].addresses[0].display_name == "Zoë Müller"
    assert back["From"].addresses[0].display_name == "Boulangerie Élise"


def test_an_international_domain_is_sent_in_ascii() -> None:
    msg = build(draft(to_address="jo@bäckerei.de"), OWNER, "c")
    assert reparse(msg)["To"].addresses[0].addr_spec == "jo@xn--bckerei-5wa.de"


def test_a_non_ascii_mailbox_name_uses_smtputf8() -> None:
    msg = build(draft(to_address="josé@example.com"), OWNER, "c")
    assert msg.policy.utf8 is True
    assert "To: Ada Lovelace <josé@example.com>\r\n".encode() in msg.as_bytes()
    assert build(draft(), OWNER, "c").policy.utf8 is False


def test_html_alternative_and_attachments(tmp_path: Path) -> None:
    label = tmp_path / "label 1001.pdf"
    label.write_bytes(b"%PDF-1.4 label")
    notes = tmp_path / "how-to-return.txt"
    notes.write_bytes(b"Put it in the box.\n")
    blob = tmp_path / "data.unknownext"
    blob.write_bytes(b"\x00\x01")
    msg = build(
        draft(html="<p>Hi Ada,</p>"), OWNER, "c", attachments=(label, notes, blob), date=WHEN
    )
    back = reparse(msg)
    assert back.get_content_type() == "multipart/mixed"
    assert text_of(back.get_body(("plain",))) == "Hi Ada,\n\nsorry.\n"
    assert text_of(back.get_body(("html",))) == "<p>Hi Ada,</p>\n"
    parts = [(p.get_filename(), p.get_content_type()) for p in back.iter_attachments()]
    assert parts == [
        ("label 1001.pdf", "application/pdf"),
        ("how-to-return.txt", "text/plain"),
        ("data.unknownext", "application/octet-stream"),
    ]
    assert next(back.iter_attachments()).get_content() == b"%PDF-1.4 label"
    assert header_names(msg.as_bytes()).count("mime-version") == 1
    assert msg.as_bytes().count(b"MIME-Version") == 1


def test_an_unreadable_attachment_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(MessageError, match="for row 7 cannot be read"):
        build(draft(), OWNER, "c", attachments=(tmp_path / "gone.pdf",))


@pytest.mark.parametrize(
    "address",
    ["sam@bakery.example\r\nBcc: x@example.com", "sam@bakery.example\n", "", "not-an-address"],
)
def test_a_sender_address_with_a_line_break_is_refused(address: str) -> None:
    with pytest.raises(MessageError, match="sender address"):
        build(draft(), Identity("Sam", address), "c")


@pytest.mark.parametrize(
    "address", ["a@example.com, b@example.com", "a@example.com\r\nCc: b@example.com", "<a@b.c>"]
)
def test_a_recipient_address_that_is_not_one_mailbox_is_refused(address: str) -> None:
    with pytest.raises(MessageError, match="row 7"):
        build(draft(to_address=address), OWNER, "c")


def test_preview_text_shows_what_will_be_sent(tmp_path: Path) -> None:
    label = tmp_path / "label.pdf"
    label.write_bytes(b"x" * 2048)
    msg = build(
        draft(to_name="Zoë", html="<p>x</p>", reply_to="help@bakery.example"),
        OWNER,
        "camp",
        attachments=(label,),
        date=WHEN,
    )
    assert preview_text(msg) == (
        "From: Sam Baker <sam@bakery.example>\n"
        "To: Zoë <ada@example.com>\n"
        "Reply-To: help@bakery.example\n"
        "Subject: We are sorry, Ada\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0000\n"
        f"Message-ID: {message_id('camp', 'ada@example.com', 'bakery.example')}\n"
        "Attachments: label.pdf (2 KB)\n"
        "(also sent as a formatted HTML version)\n"
        "\n"
        "Hi Ada,\n\nsorry.\n"
    )


# ---------------------------------------------------------------- header injection


@pytest.mark.parametrize(
    "name",
    [
        # Python decodes encoded words in a header value; a decoded CR LF became a Bcc header
        "=?utf-8?q?=0D=0ABcc:_x@example.com?=",
        # Python 3.11 dropped the quotes of a folded display name, leaving "x@evil.example" bare
        "Smith, J. " * 12 + "x@evil.example",
    ],
)
def test_shapes_that_once_broke_out_of_a_header_stay_inside(name: str) -> None:
    for msg in (
        build(draft(to_name=name, subject=name), OWNER, "c"),
        build(draft(), Identity(name, "sam@bakery.example", reply_to=f"{name} <h@x.example>"), "c"),
    ):
        raw = msg.as_bytes()
        assert "bcc" not in header_names(raw)
        back = message_from_bytes(raw, policy=policy.default)
        assert [a.addr_spec for a in back["To"].addresses] == ["ada@example.com"]
        assert [a.addr_spec for a in back["From"].addresses] == ["sam@bakery.example"]


# ---------------------------------------------------------------- header injection (property)

INJECTIONS = st.sampled_from(
    [
        "\r\nBcc: x@example.com",
        "\nCc: x@example.com",
        "\rTo: x@example.com",
        "\r\n\r\nbody",
        "\u2028Bcc: x@example.com",
        "\x85Bcc: x@example.com",
        ", x@example.com",
        " <x@example.com>",
        '"\\',
        "=?utf-8?q?=0D=0ABcc:_x@example.com?=",
    ]
)
NASTY = st.lists(st.one_of(st.text(max_size=60), INJECTIONS), max_size=6).map("".join)


@settings(max_examples=200, deadline=None)
@given(name=NASTY, subject=NASTY, sender_name=NASTY, reply_name=NASTY)
def test_no_value_can_add_a_header_or_a_recipient(
    name: str, subject: str, sender_name: str, reply_name: str
) -> None:
    clean = build(draft(to_name="A", subject="S"), OWNER, "c", date=WHEN)
    msg = build(
        draft(to_name=name, subject=subject, reply_to=None),
        Identity(sender_name, "sam@bakery.example", reply_to=f"{reply_name} <help@x.example>"),
        "c",
        date=WHEN,
    )
    raw = msg.as_bytes()
    names = header_names(raw)
    assert names.count("to") == 1
    assert "cc" not in names and "bcc" not in names
    assert len(names) == len(header_names(clean.as_bytes())) + 1  # + Reply-To, nothing else
    back = message_from_bytes(raw, policy=policy.default)
    assert [a.addr_spec for a in back["To"].addresses] == ["ada@example.com"]
    assert [a.addr_spec for a in back["From"].addresses] == ["sam@bakery.example"]
    assert [a.addr_spec for a in back["Reply-To"].addresses] == ["help@x.example"]
    assert "\n" not in back["Subject"] and "\r" not in back["Subject"]
    assert text_of(back) == "Hi Ada,\n\nsorry.\n"


def test_control_characters_from_cells_never_reach_a_body() -> None:
    """Issue 8, defect 6: NUL (and the like) are forbidden in mail; tab and line ends stay."""
    msg = build(draft(text="Hi Ada,\x00\x07 sorry.\tTwo\nlines\x1b\n"), OWNER, "camp-1", date=WHEN)
    raw = msg.as_bytes()
    assert b"\x00" not in raw and b"\x07" not in raw and b"\x1b" not in raw
    assert text_of(reparse(msg)) == "Hi Ada, sorry.\tTwo\nlines\n"


def test_a_reply_keeps_the_literal_re_in_every_language():
    """RFC 5322 3.6.5: "Re: " is never translated, whatever the letter's or the app's language."""
    from composer import language

    language.compile_catalogues()
    language.use("de")
    try:
        for locale in ("de_AT", "fr_FR", "es_ES", "en_GB"):
            answer = draft(
                subject="RE: re: Ihre Bestellung", in_reply_to="<q1@mail.example>", language=locale
            )
            msg = reparse(build(answer, OWNER, "c1", date=WHEN))
            assert msg["Subject"] == "Re: Ihre Bestellung"
            assert msg["In-Reply-To"] == "<q1@mail.example>"
    finally:
        language.use("en")

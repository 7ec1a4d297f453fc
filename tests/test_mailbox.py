"""The mailbox's matching rules (composer.mailbox) on real-shaped mail (tests/mail_samples.py):
bounces in the RFC 3464 shape and the big providers' and MTAs' own, replies in Gmail's and
Outlook's shapes, automatic replies, requests to stop, and whatever else lands in an inbox,
including mail that cannot be read. Nothing here needs a server."""

from __future__ import annotations

import datetime as dt
import re
import time
from email import message_from_bytes, policy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import mailbox
from composer.mailbox import (
    FIRST_LINES,
    MAX_PART_BYTES,
    MAX_PARTS,
    Bounce,
    Reply,
    classify,
    classify_many,
    id_key,
    reason_for,
)
from composer.message import message_id
from tests import mail_samples as mail
from tests.mail_samples import CUSTOMER, LATER, OWNER

OURS = message_id("campaign-7", CUSTOMER, "bakery.example")
BOB_ID = message_id("campaign-7", "bob@example.org", "bakery.example")
IDS = [OURS, BOB_ID]
OWN = [OWNER]
NOT_YET = "the receiving server could not take it yet; it may still arrive"
SPAM_LIKE = (
    "the receiving server refused it as unauthenticated or spam-like — your domain's "
    "SPF/DKIM/DMARC may need attention"
)


def with_header(raw: bytes, name: str, value: str | None) -> bytes:
    """The message with its top-level header ``name`` replaced by ``value`` (or removed)."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    lines = re.split(rb"\r\n(?![ \t])", head)
    kept = [line for line in lines if not line.lower().startswith(name.lower().encode() + b":")]
    if value is not None:
        kept.append(f"{name}: {value}".encode())
    return b"\r\n".join(kept) + sep + body


def bounce(raw: bytes, ids: list[str] = IDS) -> Bounce:
    found = classify(raw, ids, OWN)
    assert isinstance(found, Bounce), found
    return found


def reply(raw: bytes, ids: list[str] = IDS) -> Reply:
    found = classify(raw, ids, OWN)
    assert isinstance(found, Reply), found
    return found


# ---- bounces: the standard report --------------------------------------------------------------


def test_an_rfc3464_report_gives_the_recipient_the_message_and_the_reason():
    found = bounce(mail.rfc3464_bounce(OURS))
    assert found == Bounce(
        recipient=CUSTOMER,
        message_id=OURS,
        hard=True,
        status="5.1.1",
        reason="the mailbox does not exist",
        diagnostic=f"550 5.1.1 <{CUSTOMER}>: no mailbox by that name here",
        received=LATER,
    )
    assert found.received is not None and found.received.tzinfo is not None


@pytest.mark.parametrize("returned", ["message", "headers"])
@pytest.mark.parametrize(
    "build", [mail.rfc3464_bounce, mail.postfix_bounce, mail.microsoft_ndr, mail.gmail_bounce]
)
def test_the_original_is_found_in_a_returned_message_or_returned_headers(build, returned):
    found = bounce(build(OURS, returned=returned))
    assert (found.recipient, found.message_id, found.hard) == (CUSTOMER, OURS, True)


def test_a_report_is_a_bounce_even_when_it_is_about_none_of_our_messages():
    other = "<20261101.abc123@elsewhere.example>"
    found = classify(mail.rfc3464_bounce(other), [OURS], OWN)
    assert isinstance(found, Bounce)
    assert (found.message_id, found.recipient) == (other, CUSTOMER)
    assert classify(mail.rfc3464_bounce(other), []) == found


def test_our_message_ids_match_without_angle_brackets_and_whatever_the_case():
    spelled = OURS.strip("<>").upper()
    assert bounce(mail.postfix_bounce(OURS), [spelled]).message_id == spelled
    assert id_key(OURS) == id_key(f"  {spelled} ") == OURS.strip("<>").lower()


def test_a_report_naming_no_message_id_anywhere_is_nothing():
    assert classify(mail.rfc3464_bounce(OURS, returned=None), IDS) is None


def test_the_message_id_comes_from_x_original_message_id_when_nothing_is_returned():
    raw = mail.gmail_bounce(OURS, returned=None)
    raw = with_header(with_header(raw, "In-Reply-To", None), "References", None)
    assert bounce(raw).message_id == OURS


def test_the_message_id_comes_from_in_reply_to_when_nothing_is_returned():
    raw = mail.microsoft_ndr(OURS, returned=None)
    assert bounce(raw).message_id == OURS
    assert bounce(with_header(raw, "In-Reply-To", None)).message_id == OURS  # References


def test_ours_wins_over_other_ids_the_report_carries():
    raw = with_header(mail.microsoft_ndr(OURS, returned=None), "References", f"<x@y> {OURS}")
    raw = with_header(raw, "In-Reply-To", "<unrelated@elsewhere.example>")
    assert bounce(raw).message_id == OURS


def test_a_report_for_two_recipients_gives_two_bounces():
    raw = mail.rfc3464_bounce(
        OURS, [CUSTOMER, "Bob@Example.org"], ["5.1.1", "5.2.2"], returned="headers"
    )
    found = classify_many(raw, IDS, OWN)
    assert [(b.recipient, b.status, b.hard) for b in found] == [  # type: ignore[union-attr]
        (CUSTOMER, "5.1.1", True),
        ("bob@example.org", "5.2.2", True),
    ]
    assert classify(raw, IDS) == found[0]
    assert found[1].reason == "the mailbox is full"  # type: ignore[union-attr]


def test_each_recipient_keeps_its_own_status_and_hardness():
    raw = mail.rfc3464_bounce(OURS, [CUSTOMER, "bob@example.org"], ["5.1.1", "4.2.2"])
    first, second = classify_many(raw, IDS)
    assert isinstance(first, Bounce) and isinstance(second, Bounce)
    assert (first.hard, second.hard) == (True, False)
    assert second.reason == NOT_YET


def test_recipients_that_were_delivered_are_no_bounce():
    said = mail.said("5.1.1", "bob@example.org")
    raw = mail.rfc3464_bounce(
        OURS,
        [CUSTOMER, "bob@example.org"],
        ["2.0.0", "5.1.1"],
        action=["delivered", "failed"],
        diagnostic=["250 2.0.0 OK queued as 4Xk2Qb", said],
    )
    found = classify_many(raw, IDS)
    assert [b.recipient for b in found] == ["bob@example.org"]  # type: ignore[union-attr]
    assert found[0].diagnostic == said  # type: ignore[union-attr]


def test_a_success_notice_is_neither_a_bounce_nor_a_reply():
    raw = mail.rfc3464_bounce(OURS, status="2.0.0", action="relayed", diagnostic="250 OK")
    raw = with_header(raw, "In-Reply-To", OURS)
    assert classify(raw, IDS) is None
    assert classify_many(raw, IDS) == []


@pytest.mark.parametrize(
    "raw",
    [
        mail.rfc3464_bounce(OURS, status="4.7.0"),
        mail.gmail_bounce(OURS, status="4.4.1", delayed=True),
        mail.postfix_bounce(OURS, status="4.4.1", delayed=True),
        mail.exim_bounce(OURS, status="4.2.2", delayed=True),
    ],
    ids=["rfc3464", "gmail", "postfix", "exim"],
)
def test_a_delayed_4xx_report_is_not_hard(raw):
    found = bounce(raw)
    assert (found.recipient, found.message_id) == (CUSTOMER, OURS)
    assert not found.hard
    assert found.status.startswith("4.")
    assert found.reason == NOT_YET


def test_a_4xx_status_given_up_on_is_hard():
    found = bounce(mail.rfc3464_bounce(OURS, status="4.4.7", action="failed"))
    assert found.hard and found.status == "4.4.7"
    assert "given up" in found.reason


def test_a_class_only_status_is_made_precise_by_the_servers_words():
    raw = mail.rfc3464_bounce(OURS, status="5.0.0", diagnostic=mail.said("5.1.1"))
    assert bounce(raw).status == "5.1.1"
    assert bounce(raw).reason == "the mailbox does not exist"


def test_a_forwarded_address_reports_the_address_the_apology_went_to():
    found = bounce(mail.postfix_bounce(OURS, final_recipient="ada.l@mail.example.org"))
    assert found.recipient == CUSTOMER
    assert "ada.l@mail.example.org" in found.diagnostic


def test_ours_went_to_its_one_to_even_when_the_report_names_only_the_forwarded_address():
    raw = mail.rfc3464_bounce(OURS, "ada.l@mail.example.org")
    raw = raw.replace(b"To: Ada Lovelace <ada.l@mail.example.org>", f"To: <{CUSTOMER}>".encode())
    assert bounce(raw).recipient == CUSTOMER
    assert bounce(raw, []).recipient == "ada.l@mail.example.org"  # not ours: as reported


# ---- bounces: the providers' and MTAs' own shapes ----------------------------------------------


def test_gmail_address_not_found():
    raw = mail.gmail_bounce(OURS)
    assert b"Address not found" in raw and b"Delivery Status Notification (Failure)" in raw
    found = bounce(raw)
    assert (found.recipient, found.status, found.hard) == (CUSTOMER, "5.1.1", True)
    assert found.reason == "the mailbox does not exist"


def test_gmail_multi_line_server_reply_becomes_one_line():
    found = bounce(mail.gmail_bounce(OURS))
    assert "\n" not in found.diagnostic
    assert found.diagnostic.startswith(f"550 5.1.1 <{CUSTOMER}>: no mailbox by that name here")
    assert "550-" not in found.diagnostic and found.diagnostic.count("550") == 1
    assert found.diagnostic.endswith("gsmtp")


def test_gmail_before_2016_plain_text_with_x_failed_recipients():
    found = bounce(mail.gmail_bounce(OURS, legacy=True))
    assert (found.recipient, found.message_id, found.status) == (CUSTOMER, OURS, "5.1.1")


def test_gmail_unauthenticated_mail_says_to_look_at_spf_dkim_dmarc():
    assert bounce(mail.gmail_bounce(OURS, status="5.7.26")).reason == SPAM_LIKE


@pytest.mark.parametrize("returned", ["message", "headers", None])
def test_microsoft_365_undeliverable(returned):
    raw = mail.microsoft_ndr(OURS, returned=returned)
    assert b"Subject: Undeliverable:" in raw
    found = bounce(raw)
    assert (found.recipient, found.message_id, found.status) == (CUSTOMER, OURS, "5.1.10")
    assert found.reason == "the mailbox does not exist"
    assert "RESOLVER.ADR.RecipientNotFound" in found.diagnostic


@pytest.mark.parametrize("report", [True, False])
@pytest.mark.parametrize("returned", ["message", None])
def test_outlook_com_classic_delivery_has_failed(report, returned):
    raw = mail.microsoft_ndr(OURS, classic=True, report=report, returned=returned)
    assert b"Delivery has failed to these recipients or groups" in raw
    found = bounce(raw)
    assert (found.recipient, found.message_id, found.status, found.hard) == (
        CUSTOMER,
        OURS,
        "5.1.10",
        True,
    )
    assert found.diagnostic.startswith("550 5.1.10 RESOLVER.ADR.RecipientNotFound")


def test_microsoft_without_a_report_part_reads_the_servers_words():
    found = bounce(mail.microsoft_ndr(OURS, status="5.4.1", report=False))
    assert (found.recipient, found.status) == (CUSTOMER, "5.4.1")
    assert found.diagnostic == mail.said("5.4.1")


@pytest.mark.parametrize("status", ["5.7.1", "5.7.515"])
def test_microsoft_authentication_refusals(status):
    assert bounce(mail.microsoft_ndr(OURS, status=status)).reason == SPAM_LIKE


def test_postfix_undelivered_mail_returned_to_sender():
    raw = mail.postfix_bounce(OURS, status="5.2.2")
    assert b"Undelivered Mail Returned to Sender" in raw and b"MAILER-DAEMON" in raw
    found = bounce(raw)
    assert (found.recipient, found.status, found.reason) == (
        CUSTOMER,
        "5.2.2",
        "the mailbox is full",
    )


def test_exim_mail_delivery_failed():
    raw = mail.exim_bounce(OURS)
    assert b"This message was created automatically by mail delivery software" in raw
    found = bounce(raw)
    assert found == Bounce(
        recipient=CUSTOMER,
        message_id=OURS,
        hard=True,
        status="5.1.1",
        reason="the mailbox does not exist",
        diagnostic=mail.said("5.1.1"),
        received=LATER,
    )


def test_exim_for_two_recipients_gives_each_its_own_words():
    raw = mail.exim_bounce(OURS, [CUSTOMER, "bob@example.org"], ["5.1.1", "5.2.2"])
    found = classify_many(raw, IDS, OWN)
    assert [(b.recipient, b.status, b.diagnostic) for b in found] == [  # type: ignore[union-attr]
        (CUSTOMER, "5.1.1", mail.said("5.1.1")),
        ("bob@example.org", "5.2.2", mail.said("5.2.2", "bob@example.org")),
    ]


def test_exim_without_x_failed_recipients_reads_the_failed_addresses():
    found = bounce(mail.exim_bounce(OURS, x_failed_recipients=False))
    assert (found.recipient, found.status) == (CUSTOMER, "5.1.1")


def test_the_owners_address_in_a_bounces_words_is_never_the_recipient():
    raw = mail.exim_bounce(OURS, x_failed_recipients=False).replace(
        b"after RCPT TO:", f"after MAIL FROM:<{OWNER}> RCPT TO:".encode()
    )
    assert [b.recipient for b in classify_many(raw, IDS, OWN)] == [CUSTOMER]  # type: ignore[union-attr]


# ---- the reason in plain words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("5.1.1", "the mailbox does not exist"),
        ("5.1.10", "the mailbox does not exist"),
        ("5.2.2", "the mailbox is full"),
        ("5.7.1", SPAM_LIKE),
        ("5.7.26", SPAM_LIKE),
        ("5.7.515", SPAM_LIKE),
        ("4.2.2", NOT_YET),
        ("4.7.0", NOT_YET),
    ],
)
def test_reasons_in_plain_words(status, reason):
    assert reason_for(status, hard=status.startswith("5")) == reason
    assert bounce(mail.rfc3464_bounce(OURS, status=status)).reason == reason


def test_an_unlisted_status_quotes_the_servers_words():
    words = "554 5.3.0 The receiving system is misconfigured"
    found = bounce(mail.rfc3464_bounce(OURS, status="5.3.0", diagnostic=words))
    assert found.reason == f'the receiving server refused it, saying "{words}"'
    assert reason_for("5.9.9", True) == "the receiving server refused it"
    long = "554 5.3.0 " + "x" * 500
    assert len(reason_for("5.3.0", True, long)) < 250


# ---- replies -----------------------------------------------------------------------------------


def test_a_gmail_reply():
    found = reply(mail.reply(OURS, sender="Ada@Example.COM"))
    assert found == Reply(
        message_id=OURS,
        sender=CUSTOMER,
        name="Ada Lovelace",
        subject="Re: We are sorry, Ada",
        received=LATER,
        first_lines="Thank you, Sam. That was kind of you,\nand the cake was still lovely.",
        automatic=False,
        stop=False,
    )


def test_a_repliers_encoded_name_is_read_decoded():
    found = reply(mail.reply(OURS, name="=?utf-8?q?Lovelace=2C_Zo=C3=AB?="))
    assert (found.name, found.sender) == ("Lovelace, Zoë", CUSTOMER)


def test_what_classify_answers_cannot_be_changed():
    found = reply(mail.reply(OURS))
    with pytest.raises(AttributeError):
        found.stop = True  # type: ignore[misc]


@pytest.mark.parametrize("shape", ["gmail", "outlook"])
@pytest.mark.parametrize(("plain", "html"), [(True, True), (True, False), (False, True)])
def test_first_lines_leave_out_the_quote_the_attribution_and_the_signature(shape, plain, html):
    text = "Hello Sam,\n\nno harm done. See you at the market.\n"
    raw = mail.reply(OURS, text, shape=shape, plain=plain, html=html)
    found = reply(raw)
    # Outlook's text part has no "-- " above a signature; only its HTML alternative marks it
    kept = "\nAda Lovelace\nAnalytical Engines Ltd" if (shape, html) == ("outlook", False) else ""
    assert found.first_lines == "Hello Sam,\nno harm done. See you at the market." + kept
    for left_out in ("Dear Ada", "wrote", "From:", "Sent:", "> ", "--"):
        assert left_out not in found.first_lines


@pytest.mark.parametrize("shape", ["gmail", "outlook"])
def test_a_mobile_signature_is_left_out(shape):
    found = reply(mail.reply(OURS, "Thanks!\n", shape=shape, signature=None, mobile=True))
    assert found.first_lines == "Thanks!"


def test_a_plain_signature_without_a_delimiter_is_left_out_when_the_html_marks_it():
    raw = mail.reply(OURS, "Lovely, thank you.\n", shape="outlook")
    assert b"Analytical Engines Ltd\r\n\r\n______" in raw  # no "-- " in Outlook's text part
    assert reply(raw).first_lines == "Lovely, thank you."
    # without the HTML alternative nothing says it is a signature: it is kept
    plain_only = reply(mail.reply(OURS, "Lovely, thank you.\n", shape="outlook", html=False))
    assert plain_only.first_lines == "Lovely, thank you.\nAda Lovelace\nAnalytical Engines Ltd"


def test_first_lines_are_only_the_first_few():
    text = "\n".join(f"Line {i} of a long letter." for i in range(1, 20)) + "\n"
    found = reply(mail.reply(OURS, text, signature=None))
    assert found.first_lines.split("\n") == [f"Line {i} of a long letter." for i in range(1, 6)]
    assert len(found.first_lines.split("\n")) == FIRST_LINES


def test_a_reply_found_only_by_references():
    raw = with_header(mail.reply(OURS), "In-Reply-To", "<CAJx-owner-follow-up@mail.gmail.com>")
    raw = with_header(raw, "References", f"{OURS} <CAJx-owner-follow-up@mail.gmail.com>")
    assert reply(raw).message_id == OURS


def test_a_reply_to_another_of_our_messages_names_that_one():
    assert reply(mail.reply(BOB_ID, sender="bob@example.org")).message_id == BOB_ID


def test_a_reply_to_something_else_is_nothing():
    assert classify(mail.reply("<unrelated.1@elsewhere.example>"), IDS, OWN) is None
    unthreaded = with_header(with_header(mail.reply(OURS), "In-Reply-To", None), "References", None)
    assert classify(unthreaded, IDS) is None


def test_the_owners_own_messages_are_never_replies():
    raw = mail.reply(OURS, sender="Sam@Bakery.example", name="Sam Baker")
    assert classify(raw, IDS, OWN) is None
    assert isinstance(classify(raw, IDS), Reply)  # only because it is the owner's


def test_a_person_writing_about_an_undelivered_parcel_is_a_reply_not_a_bounce():
    raw = mail.reply(
        OURS,
        "My parcel could not be delivered to me again. Undeliverable, they said.\n",
        subject="Undelivered parcel",
    )
    found = reply(raw)
    assert not found.automatic and "could not be delivered" in found.first_lines


# ---- automatic replies -------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["exchange", "gmail", "german", "french"])
def test_out_of_office_replies_are_automatic(style):
    found = reply(mail.out_of_office(OURS, style))
    assert found.automatic and not found.stop
    assert found.message_id == OURS and found.sender == CUSTOMER


def test_subjects_of_automatic_replies_are_read_decoded():
    assert reply(mail.out_of_office(OURS, "french")).subject.startswith("Réponse automatique")
    assert reply(mail.out_of_office(OURS, "german")).subject.startswith("Abwesenheitsnotiz:")


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Auto-Submitted": "auto-generated"},
        {"Auto-Submitted": "auto-notified (vacation)"},
        {"X-Autoreply": "yes"},
        {"X-Autorespond": "Thanks for your message"},
        {"Precedence": "auto_reply"},
        {"Precedence": "bulk"},
        {"Precedence": "junk"},
        {"X-MS-Exchange-Generated-Message-Source": "Mailbox Rules Agent"},
        {"Subject": "Automatic reply: We are sorry, Ada"},
        {"Subject": "Out of Office: We are sorry, Ada"},
        {"Subject": "Auto: We are sorry, Ada"},
    ],
)
def test_each_marking_of_an_automatic_reply(headers):
    raw = mail.out_of_office(OURS, "plain")
    for name, value in headers.items():
        raw = with_header(raw, name, value)
    assert reply(raw).automatic


def test_unmarked_and_explicitly_personal_replies_are_not_automatic():
    assert not reply(mail.out_of_office(OURS, "plain")).automatic
    assert not reply(mail.reply(OURS, extra_headers={"Auto-Submitted": "no"})).automatic
    # Exchange asks others not to answer its messages: that says nothing about this one
    assert not reply(mail.reply(OURS, extra_headers={"X-Auto-Response-Suppress": "All"})).automatic


def test_a_no_reply_or_daemon_sender_is_automatic():
    assert reply(mail.reply(OURS, sender="no-reply@shop.example")).automatic
    assert reply(mail.reply(OURS, sender="MAILER-DAEMON@mx.example.com")).automatic


# ---- requests to stop --------------------------------------------------------------------------


@pytest.mark.parametrize("shape", ["gmail", "outlook"])
@pytest.mark.parametrize(
    "words",
    [
        "STOP",
        "stop.",
        "Stop!!!",
        "Unsubscribe",
        "unsubscribe me please",
        "Please unsubscribe me. Thanks",
        "Remove me",
        "remove me from your list",
        "Please stop emailing me!",
        "STOP\n\nAda",
        "Stop sending me e-mails.",
        "take me off your mailing list",
    ],
)
def test_a_reply_that_only_asks_to_stop(shape, words):
    found = reply(mail.stop_reply(OURS, words, shape=shape))
    assert found.stop and not found.automatic


@pytest.mark.parametrize(
    "words",
    [
        "Don't stop sending me discounts!",
        "Please don't stop",
        "Stop by the shop tomorrow, I'd love another cake.",
        "I meant to unsubscribe, but your apology changed my mind.",
        "STOP. " + "I am furious about the late cake and want a full refund. " * 3,
        "Thank you",
    ],
)
def test_a_reply_that_merely_contains_the_word_is_not_a_stop(words):
    assert not reply(mail.stop_reply(OURS, words)).stop


def test_an_empty_reply_whose_subject_asks_to_stop():
    raw = mail.stop_reply(OURS, "", shape="outlook")
    assert reply(with_header(raw, "Subject", "Unsubscribe")).stop
    assert not reply(raw).stop  # the subject is "RE: We are sorry, Ada"


def test_an_automatic_reply_is_never_a_stop():
    raw = with_header(mail.stop_reply(OURS, "Unsubscribe"), "Auto-Submitted", "auto-replied")
    found = reply(raw)
    assert found.automatic and not found.stop


# ---- neither, and mail that cannot be read -----------------------------------------------------


def test_a_newsletter_that_references_nothing_is_nothing():
    assert classify(mail.newsletter(), IDS, OWN) is None
    assert classify_many(mail.newsletter(), IDS, OWN) == []


def test_a_read_receipt_is_nothing_though_it_names_our_message():
    assert classify(mail.read_receipt(OURS), IDS, OWN) is None


def test_a_malformed_message_is_nothing():
    assert classify(mail.malformed(), IDS, OWN) is None


@pytest.mark.parametrize(
    "raw",
    [b"", b"\x00" * 64, b"\r\n\r\n", b"From:\r\n\r\n", b"Content-Type: multipart/report\r\n\r\n--"],
)
def test_empty_and_garbage_bytes_are_nothing(raw):
    assert classify(raw, IDS, OWN) is None


def test_what_is_not_a_message_at_all_is_nothing():
    assert classify("not bytes", IDS) is None  # type: ignore[arg-type]
    assert classify(None, IDS) is None  # type: ignore[arg-type]


def test_a_message_already_parsed_gives_the_same_answer():
    for raw in (mail.postfix_bounce(OURS), mail.reply(OURS), mail.out_of_office(OURS)):
        expected = classify(raw, IDS, OWN)
        assert classify(message_from_bytes(raw, policy=policy.default), IDS, OWN) == expected
        assert classify(message_from_bytes(raw), IDS, OWN) == expected  # compat32 too


def test_a_bounce_with_a_bad_date_has_no_date():
    found = bounce(with_header(mail.postfix_bounce(OURS), "Date", "the day after Tuesday"))
    assert found.received is None


def test_a_date_without_a_zone_is_read_as_utc():
    found = reply(with_header(mail.reply(OURS), "Date", "Mon, 23 Nov 2026 09:34:00 -0000"))
    assert found.received == dt.datetime(2026, 11, 23, 9, 34, tzinfo=dt.UTC)


# ---- bounded reading ---------------------------------------------------------------------------


def _mixed(parts: list[str], head: str = "") -> bytes:
    joined = "".join(f"--b\nContent-Type: text/plain\n\n{p}\n" for p in parts)
    return (
        f"From: Ada <{CUSTOMER}>\nTo: {OWNER}\nSubject: Re: sorry\nIn-Reply-To: {OURS}\n{head}"
        f'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n{joined}--b--\n'
    ).encode()


def test_a_part_over_the_size_limit_is_not_read():
    big = "A" * (MAX_PART_BYTES + 10)
    raw = _mixed([big, "The real words."])
    found = reply(raw)
    assert found.first_lines == "The real words."
    assert "AAAA" not in found.first_lines


def test_reading_stops_after_the_part_limit():
    raw = _mixed([""] * (MAX_PARTS + 50) + ["Too deep to be read."])
    started = time.monotonic()
    found = reply(raw)
    assert found.first_lines == ""
    assert time.monotonic() - started < 2


def test_a_report_buried_past_the_part_limit_is_not_read():
    status = (
        "--b\nContent-Type: message/delivery-status\n\n"
        f"Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; {CUSTOMER}\n"
        "Action: failed\nStatus: 5.1.1\n"
    )
    filler = "".join("--b\nContent-Type: text/plain\n\nx\n" for _ in range(MAX_PARTS + 5))
    raw = (
        f"From: MAILER-DAEMON@mx.example.net\nTo: {OWNER}\nIn-Reply-To: {OURS}\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
        f"{filler}{status}--b--\n"
    ).encode()
    assert classify(raw, IDS) is None


def test_a_huge_reply_is_read_quickly():
    text = "No quote marks here at all, just a very long letter.\n" * 15_000  # 800 kB
    started = time.monotonic()
    found = reply(mail.reply(OURS, text, html=False, signature=None))
    assert time.monotonic() - started < 2
    assert not found.stop and len(found.first_lines.split("\n")) == FIRST_LINES


# ---- never raises --------------------------------------------------------------------------------

SAMPLES = [
    mail.rfc3464_bounce(OURS, [CUSTOMER, "bob@example.org"], ["5.1.1", "4.2.2"]),
    mail.gmail_bounce(OURS),
    mail.gmail_bounce(OURS, legacy=True),
    mail.microsoft_ndr(OURS, returned="headers"),
    mail.microsoft_ndr(OURS, classic=True, report=False),
    mail.postfix_bounce(OURS),
    mail.exim_bounce(OURS),
    mail.reply(OURS),
    mail.reply(OURS, shape="outlook"),
    mail.out_of_office(OURS, "french"),
    mail.read_receipt(OURS),
    mail.malformed(),
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_classify_never_raises_on_arbitrary_bytes(raw):
    found = classify(raw, IDS, OWN)
    assert found is None or isinstance(found, Bounce | Reply)
    assert isinstance(classify_many(raw, IDS, OWN), list)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SAMPLES),
    st.integers(min_value=0, max_value=20_000),
    st.integers(min_value=0, max_value=20_000),
    st.binary(max_size=200),
)
def test_classify_never_raises_on_damaged_real_mail(sample, cut, at, noise):
    """Real-shaped mail cut short, or with bytes thrown in: still an answer, never an error."""
    damaged = sample[: max(cut, 1)] if cut < len(sample) else sample
    damaged = damaged[:at] + noise + damaged[at:]
    found = classify(damaged, IDS, OWN)
    assert found is None or isinstance(found, Bounce | Reply)
    # and not because classify's safety net caught a fault: the rules themselves held
    parsed = message_from_bytes(damaged, policy=policy.default)
    assert mailbox._classify(parsed, IDS, OWN) == classify_many(damaged, IDS, OWN)


FRAGMENTS = [
    "From: MAILER-DAEMON@mx.example.net",
    f"From: Ada <{CUSTOMER}>",
    f"From: {OWNER}",
    "Subject: Undeliverable: We are sorry",
    "Subject: =?utf-8?q?R=C3=A9ponse_automatique?=",
    "Subject: =?utf-8?b?broken",
    f"In-Reply-To: {OURS}",
    f"References: <a@b> {OURS.upper()}",
    "X-Failed-Recipients: ada@example.com, ,,@",
    "Auto-Submitted: auto-replied",
    "Date: Mon, 99 Nov 99999 99:99:99 +9999",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
    "Content-Type: multipart/alternative; boundary=b",
    "Content-Type: message/delivery-status",
    "Content-Type: message/rfc822",
    "Content-Type: text/rfc822-headers",
    "Content-Type: text/html; charset=x-unknown",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "--b",
    "--b--",
    "",
    "Final-Recipient: rfc822; ada@example.com",
    "Original-Recipient: utf-8; <>",
    "Action: failed",
    "Action: delayed",
    "Status: 5.1.1",
    "Status: 4.",
    "Diagnostic-Code: smtp; 550-5.1.1 gone\n 550 5.1.1 really",
    f"Message-ID: {OURS}",
    "------ This is a copy of the message, including all the headers. ------",
    "On Mon, 23 Nov 2026, Sam <sam@bakery.example> wrote:",
    "> quoted",
    "-- ",
    "STOP",
    "<div class=gmail_quote><blockquote><p>unclosed",
    "=?utf-8?q?=",
    "\t folded continuation",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=40), max_size=60))
def test_classify_never_raises_on_mail_shaped_nonsense(lines):
    """Pieces of real mail in any order: headers, boundaries, report fields, quotes."""
    raw = "\r\n".join(lines).encode("utf-8", "surrogatepass")
    found = classify(raw, IDS, OWN)
    assert found is None or isinstance(found, Bounce | Reply)
    parsed = message_from_bytes(raw, policy=policy.default)
    assert mailbox._classify(parsed, IDS, OWN) == classify_many(raw, IDS, OWN)

"""Answering everyone who wrote in (composer.correspondents): real mbox and .eml files the test
writes, a real Dovecot folder, and the replies as the loopback SMTP server received them."""

from __future__ import annotations

import datetime as dt
import mailbox as mail_files
from email import message_from_bytes, policy

import pytest

from composer import accounts, correspondents, imap
from composer.campaign import Campaign
from composer.cli import EXIT_OK, main
from composer.correspondents import MailFilesError, Narrowing
from composer.message import MessageError, build
from composer.recipients import ColumnMap
from composer.template import Draft, Template
from tests import mail_samples as samples
from tests.smtp_server import PASSWORD, USERNAME

OWNER = "sam@bakery.example"
INVOICE = "<inv-1042@invoices.bakery.example>"  # the stray invoice they all answered
MONDAY = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def wrote(
    sender: str,
    name: str,
    text: str,
    *,
    hours: int,
    subject: str = "Re: Invoice 1042",
    shape: str = "gmail",
    extra: dict[str, str] | None = None,
) -> bytes:
    local = sender.partition("@")[0]
    return samples.reply(
        INVOICE,
        text,
        sender=sender,
        name=name,
        shape=shape,
        subject=subject,
        date=MONDAY + dt.timedelta(hours=hours),
        own_id=f"<{local}.{hours}@mail.example>",
        extra_headers=extra,
    )


def own_message() -> bytes:
    return (
        f"From: Sam Baker <{OWNER}>\nTo: ada@example.com\nSubject: Re: Invoice 1042\n"
        f"Date: Mon, 23 Nov 2026 12:00:00 +0000\nMessage-ID: <mine.1@bakery.example>\n\nSorry!\n"
    ).encode()


def the_inbox() -> list[bytes]:
    """Bob writes twice, Ada once (from Outlook, with a Reply-To), Cleo once; plus the owner's
    own answer, an out-of-office, a bounce and a newsletter, which are nobody to answer."""
    return [
        wrote("bob@example.net", "Bob Stone", "Why did I get an invoice?\nI paid in May.", hours=1),
        wrote(
            "ada@work.example",
            '"Lovelace, Ada"',
            "This is the third invoice this week.\nPlease stop.",
            hours=2,
            shape="outlook",
            subject="RE: Invoice 1042",
            extra={"Reply-To": "Ada Lovelace <ada@home.example>"},
        ),
        wrote("bob@example.net", "Bob Stone", "Hello? Still waiting for an answer.", hours=5),
        wrote(
            "cleo@example.org",
            "cleo@example.org",
            "Is my order cancelled now?",
            hours=3,
            subject="Order question",
        ),
        own_message(),
        samples.out_of_office(INVOICE, sender="dan@example.com", name="Dan"),
        samples.postfix_bounce("<ac.x@bakery.example>", recipient="gone@example.com"),
        samples.newsletter(),
    ]


def write_mbox(path, messages: list[bytes]) -> None:
    box = mail_files.mbox(path)
    for raw in messages:
        box.add(raw)
    box.flush()
    box.close()


def by_email(found: correspondents.Correspondents) -> dict[str, dict[str, object]]:
    fields = found.table.fields
    return {
        row[fields.index("email")]: dict(zip(fields, row, strict=True)) for row in found.table.rows
    }


def test_each_person_becomes_one_row_answering_their_latest_message(tmp_path):
    path = tmp_path / "Inbox.mbox"
    write_mbox(path, the_inbox())
    found = correspondents.from_files(path, {OWNER})
    people = by_email(found)
    assert sorted(people) == ["ada@home.example", "bob@example.net", "cleo@example.org"]
    bob = people["bob@example.net"]
    assert bob["their_message"] == "Hello? Still waiting for an answer."  # the latest
    assert bob["their_message_id"] == "<bob.5@mail.example>"
    assert bob["their_references"] == INVOICE
    assert bob["received"] == (MONDAY + dt.timedelta(hours=5)).astimezone().replace(tzinfo=None)
    assert (bob["name"], bob["first_name"]) == ("Bob Stone", "Bob")
    ada = people["ada@home.example"]  # her Reply-To, not her work address
    assert (ada["name"], ada["first_name"]) == ("Lovelace, Ada", "Ada")
    assert ada["their_subject"] == "RE: Invoice 1042"
    assert ada["their_message"] == "This is the third invoice this week.\nPlease stop."
    cleo = people["cleo@example.org"]
    assert (cleo["name"], cleo["first_name"]) == ("", "")  # a name that is only an address
    assert (found.looked_at, found.folded, found.own, found.automatic) == (8, 1, 1, 3)
    assert found.table.row_numbers == [2, 3, 4]  # oldest first: Ada (2h), Cleo (3h), Bob (5h)
    assert [r[2] for r in found.table.rows] == [
        "ada@home.example",
        "cleo@example.org",
        "bob@example.net",
    ]
    assert found.sentence() == (
        "3 people wrote in (8 messages read); left out: 1 earlier message of people who wrote "
        "again, 1 message you sent yourself, 3 automatic messages."
    )
    assert found.table.notes == (found.sentence(),)


def test_the_dates_subject_and_sender_narrow_the_list(tmp_path):
    path = tmp_path / "Inbox.mbox"
    write_mbox(path, the_inbox())
    day = MONDAY.astimezone().date()
    only_subject = correspondents.from_files(path, {OWNER}, Narrowing(subject_contains="invoice"))
    assert sorted(by_email(only_subject)) == ["ada@home.example", "bob@example.net"]
    assert only_subject.outside == 1
    only_bob = correspondents.from_files(path, {OWNER}, Narrowing(sender_contains="STONE"))
    assert list(by_email(only_bob)) == ["bob@example.net"]
    later = correspondents.from_files(path, {OWNER}, Narrowing(since=day + dt.timedelta(days=1)))
    assert later.people == 0 and later.outside == 4
    that_day = correspondents.from_files(path, {OWNER}, Narrowing(since=day, until=day))
    assert that_day.people == 3
    assert Narrowing(since=day, subject_contains="invoice").sentence() == (
        f'received since {day:%d %b %Y}, the subject holds "invoice"'
    )


def test_a_folder_of_eml_files_reads_like_an_mbox(tmp_path):
    folder = tmp_path / "exported"
    (folder / "older").mkdir(parents=True)
    for number, raw in enumerate(the_inbox()):
        (folder / ("older" if number % 2 else "") / f"{number}.eml").write_bytes(raw)
    (folder / "notes.txt").write_text("not mail")
    found = correspondents.from_files(folder, {OWNER})
    assert sorted(by_email(found)) == ["ada@home.example", "bob@example.net", "cleo@example.org"]
    assert found.looked_at == 8


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.mkdir(), "holds no .eml or .mbox files"),
        (lambda p: p.with_suffix(".mbox").write_text("Subject: hi\n\nnot an mbox"), "not an mbox"),
        (lambda p: None, "does not exist"),
    ],
)
def test_unreadable_exports_are_one_sentence(tmp_path, make, said):
    path = tmp_path / "export"
    make(path)
    if not path.exists() and path.with_suffix(".mbox").exists():
        path = path.with_suffix(".mbox")
    with pytest.raises(MailFilesError, match=said) as caught:
        correspondents.from_files(path, {OWNER})
    assert "\n" not in str(caught.value)


def test_a_reply_is_threaded_and_keeps_one_re():
    draft = Draft(
        row=2,
        to_name="Bob",
        to_address="bob@example.net",
        subject="Re: Re: Invoice 1042",
        text="Sorry.",
        in_reply_to="<bob.5@mail.example>",
        references=f"{INVOICE} <bob.5@mail.example>",
    )
    msg = build(draft, samples_identity(), "c1")
    assert msg["Subject"] == "Re: Invoice 1042"
    assert msg["In-Reply-To"] == "<bob.5@mail.example>"
    assert msg["References"] == f"{INVOICE} <bob.5@mail.example>"  # not twice
    long_chain = " ".join(f"<m{i}@x.example>" for i in range(40))
    msg = build(
        Draft(**{**draft_fields(draft), "references": long_chain}), samples_identity(), "c1"
    )
    kept = str(msg["References"]).split()
    assert len(kept) == 20 and kept[0] == "<m0@x.example>" and kept[-1] == "<bob.5@mail.example>"
    assert kept[-2] == "<m39@x.example>"
    for bad in ("not an id", "<a@b>\r\nBcc: x@y.example", "<a b@c>"):
        with pytest.raises(MessageError, match="row 2"):
            build(Draft(**{**draft_fields(draft), "in_reply_to": bad}), samples_identity(), "c1")


def samples_identity():
    from composer.message import Identity

    return Identity("Sam Baker", OWNER)


def draft_fields(draft: Draft) -> dict[str, object]:
    return {name: getattr(draft, name) for name in Draft.__slots__}


def test_a_campaign_from_an_mbox_answers_everyone_in_their_thread(
    tmp_path, smtp_server, trust_test_ca, monkeypatch, capsys
):
    path = tmp_path / "Inbox.mbox"
    write_mbox(path, the_inbox())
    campaign = tmp_path / "replies.apology"
    assert main(["new", str(campaign), "--from-mbox", str(path), "--from", f"Sam <{OWNER}>"]) == 0
    said = capsys.readouterr().out
    assert "3 people wrote in (8 messages read)" in said
    with Campaign.open(campaign) as opened:
        assert opened.template.subject == "Re: {{ their_subject }}"
        assert len(opened.audience()) == 3
    monkeypatch.setenv(accounts.PASSWORD_ENV, PASSWORD)
    flags = [
        "--smtp-host",
        smtp_server.host,
        "--smtp-port",
        str(smtp_server.port),
        "--security",
        smtp_server.security,
        "--username",
        USERNAME,
    ]
    assert main(["send", str(campaign), *flags, "--yes"]) == EXIT_OK
    received = {m.rcpt_tos[0]: m for m in smtp_server.messages}
    assert sorted(received) == ["ada@home.example", "bob@example.net", "cleo@example.org"]
    bob = received["bob@example.net"].message
    assert bob["Subject"] == "Re: Invoice 1042"
    assert bob["In-Reply-To"] == "<bob.5@mail.example>"
    assert bob["References"] == f"{INVOICE} <bob.5@mail.example>"
    assert "Hi Bob," in bob.get_body(("plain",)).get_content()
    assert received["ada@home.example"].message["Subject"] == "Re: Invoice 1042"  # one Re
    cleo = received["cleo@example.org"].message
    assert cleo["Subject"] == "Re: Order question"
    assert "Hi there," in cleo.get_body(("plain",)).get_content()
    assert all(len(m.rcpt_tos) == 1 and m.message["Cc"] is None for m in received.values())


def test_a_campaign_from_a_mailbox_folder(
    tmp_path, imap_server, trust_test_ca, monkeypatch, capsys
):
    for raw in the_inbox():
        imap_server.deliver("INBOX", raw)
    monkeypatch.setenv(accounts.PASSWORD_ENV, imap_server.password)
    campaign = tmp_path / "replies.apology"
    code = main(
        [
            "new",
            str(campaign),
            "--from-mailbox",
            "INBOX",
            "--from",
            f"Sam <{OWNER}>",
            "--imap-host",
            imap_server.host,
            "--imap-port",
            str(imap_server.imaps_port),
            "--username",
            imap_server.username,
            "--subject-contains",
            "invoice",
        ]
    )
    assert code == EXIT_OK
    assert "2 people wrote in (8 messages read)" in capsys.readouterr().out
    with Campaign.open(campaign) as opened:
        emails = sorted(r.email for r in opened.audience())
    assert emails == ["ada@home.example", "bob@example.net"]
    assert all("\\Seen" not in m.flags for m in imap_server.stored("INBOX"))  # nothing changed


def test_the_mailbox_reads_headers_first_and_only_the_latest_messages_whole(
    imap_server, trust_test_ca
):
    for raw in the_inbox():
        imap_server.deliver("INBOX", raw)
    settings = imap.ImapSettings(
        imap_server.host, imap_server.imaps_port, "tls", imap_server.username
    )
    with imap.Mailbox(settings, imap_server.password) as box:
        asked: list[list[int]] = []
        bodies = box.bodies
        box.bodies = lambda folder, uids: asked.append(list(uids)) or bodies(folder, uids)
        found = correspondents.from_mailbox(box, "INBOX", {OWNER, imap_server.username})
    assert [len(a) for a in asked] == [3]  # one whole message per person
    people = by_email(found)
    assert people["bob@example.net"]["their_message"] == "Hello? Still waiting for an answer."
    assert people["ada@home.example"]["their_message_id"] == "<ada.2@mail.example>"


def test_a_person_list_from_mail_is_a_customer_list_like_any_other(tmp_path):
    path = tmp_path / "Inbox.mbox"
    write_mbox(path, the_inbox()[:3])
    table = correspondents.from_files(path, {OWNER}).table
    campaign = Campaign.create(
        tmp_path / "c.apology",
        table=table,
        columns=ColumnMap(email="email", full_name="name", first_name="first_name"),
        template=Template(subject="Re: {{ their_subject }}", body="Hi {{ first_name }}"),
        identity=samples_identity(),
    )
    with campaign:
        [ada, bob] = sorted(campaign.audience(), key=lambda r: r.email)
        message = campaign.message_for(bob)
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["In-Reply-To"] == "<bob.5@mail.example>"
    assert parsed["To"] == "Bob Stone <bob@example.net>"
    assert ada.fields["their_message_id"] == "<ada.2@mail.example>"

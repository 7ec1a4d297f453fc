"""The optional unsubscribe line (issue 12): off by default; when on, every message ends with a
plain line inviting a reply with the word, and carries List-Unsubscribe: <mailto:…> (never a
web link); kept in the template file and the campaign file; what the loopback SMTP server
received is the oracle, and the reply it invites is read by the mailbox rules as a stop. The line
is written in the letter's language (the template's), whatever language the app speaks."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt

from composer import language, mailbox, template
from composer.campaign import Campaign
from composer.message import UNSUBSCRIBE_WORD, Identity, build, unsubscribe_line
from composer.recipients import Recipient
from composer.sender import Sender
from composer.template import Draft, Renderer, Template, TemplateError
from tests.sending_helpers import make_campaign, open_for_sending
from tests.smtp_server import PASSWORD

pytestmark = pytest.mark.usefixtures("trust_test_ca")
SAM = Identity("Sam Baker", "sam@bakery.example")
UNSUBSCRIBE_LINE = "If you would rather not hear from us again, reply with the word unsubscribe."


def draft(**changes) -> Draft:
    values = dict(row=2, to_name="Ann", to_address="ann@example.com", subject="Sorry",
                  text="We are sorry.\n", html="<p>We are sorry.</p>")  # fmt: skip
    return Draft(**{**values, **changes})


def test_off_by_default_and_on_by_choice():
    plain = build(draft(), SAM, "c1")
    assert plain["List-Unsubscribe"] is None
    assert UNSUBSCRIBE_LINE not in plain.get_body(("plain",)).get_content()
    on = build(draft(unsubscribe=True), SAM, "c1")
    assert on["List-Unsubscribe"] == "<mailto:sam@bakery.example?subject=unsubscribe>"
    text = on.get_body(("plain",)).get_content()
    assert text.rstrip().endswith(UNSUBSCRIBE_LINE) and "https://" not in str(on)
    assert UNSUBSCRIBE_LINE in on.get_body(("html",)).get_content()


def test_the_template_file_says_it():
    parsed = template.parse("Subject: Sorry\nUnsubscribe: yes\n\nWe are sorry.\n")
    assert parsed.unsubscribe and template.parse(template.dump(parsed)) == parsed
    assert not template.parse("Subject: Sorry\n\nWe are sorry.\n").unsubscribe
    with pytest.raises(TemplateError, match="'Unsubscribe: yes' or 'Unsubscribe: no'"):
        template.parse("Subject: Sorry\nUnsubscribe: please\n\nWe are sorry.\n")


def test_the_campaign_file_keeps_it_and_the_server_receives_it(tmp_path, smtp_server):
    path = make_campaign(tmp_path / "c.apology", 2, identity=SAM)
    with Campaign.open(path) as campaign:
        assert not campaign.template.unsubscribe
        fingerprint = campaign.mailing.fingerprint()
        campaign.template = Template(
            campaign.template.subject, campaign.template.body, unsubscribe=True
        )
        assert campaign.mailing.fingerprint() != fingerprint  # a new test is asked for
        campaign.save()
    with open_for_sending(path) as campaign:
        assert campaign.template.unsubscribe
        assert asyncio.run(Sender(campaign, smtp_server.account(), PASSWORD).run()).sent == 2
    for received in smtp_server.messages:
        assert received.message["List-Unsubscribe"] == (
            "<mailto:sam@bakery.example?subject=unsubscribe>"
        )
        assert UNSUBSCRIBE_LINE in received.message.get_body(("plain",)).get_content()


def test_the_reply_it_invites_puts_the_address_on_do_not_contact():
    ours = "<ac.1@bakery.example>"
    reply = (
        f"From: Ann <ann@example.com>\r\nTo: sam@bakery.example\r\nSubject: unsubscribe\r\n"
        f"In-Reply-To: {ours}\r\nMessage-ID: <r1@example.com>\r\n"
        "Date: Wed, 02 Dec 2026 10:00:00 +0000\r\n\r\nunsubscribe\r\n"
    ).encode()
    said = mailbox.classify(reply, [ours])
    assert isinstance(said, mailbox.Reply) and said.stop


def test_the_message_step_has_the_choice(qtbot, document, ui_worker):
    from ui.message_page import MessagePage

    page = MessagePage(document, ui_worker)
    qtbot.addWidget(page)
    box = page.unsubscribe_box
    assert box.accessibleName() == "Add a line to unsubscribe" and not box.isChecked()
    page.resize(1000, 800)
    page.show()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert document.template.unsubscribe


@pytest.fixture
def catalogues():
    """The engine's .mo files built from the .po files, as the app ships them; the app speaks
    English again afterwards whatever a test chose."""
    language.compile_catalogues()
    yield
    language.use("en")


def letter(locale: str) -> Draft:
    """A customer's apology rendered from a template whose letter is in ``locale``."""
    apology = Template("Sorry", "Hi {{ name }},\n\nwe are sorry.\n", markdown=True,
                       unsubscribe=True, language=locale)  # fmt: skip
    ann = Recipient(2, "ann@example.com", "Ann", {"name": "Ann", "email": "ann@example.com"})
    return Renderer(apology, ["name", "email"]).render(ann)


def test_the_line_is_in_the_letters_language_not_the_apps(catalogues):
    """Passes once engine-de.po holds the line's translation (merged from /tmp/hA/po.json)."""
    language.use("en")
    austrian = build(letter("de_AT"), SAM, "c1")
    line = unsubscribe_line("de_AT")
    assert line != UNSUBSCRIBE_LINE and "abmelden" in line
    assert austrian.get_body(("plain",)).get_content().rstrip().endswith(line)
    assert line in austrian.get_body(("html",)).get_content()
    assert austrian["List-Unsubscribe"] == "<mailto:sam@bakery.example?subject=unsubscribe>"


def test_an_english_letter_keeps_the_english_line_while_the_app_speaks_german(catalogues):
    language.use("de")
    assert language._("sender") != "sender"  # the app really speaks German
    british = build(letter("en_GB"), SAM, "c1")
    text = british.get_body(("plain",)).get_content()
    assert text.rstrip().endswith("\n\n" + UNSUBSCRIBE_LINE)
    assert UNSUBSCRIBE_LINE in british.get_body(("html",)).get_content()
    assert unsubscribe_line("") == unsubscribe_line("xx_YY") == UNSUBSCRIBE_LINE


@pytest.mark.parametrize("code", sorted(language.LANGUAGES))
def test_the_word_each_line_names_is_read_as_a_request_to_stop(code, catalogues):
    word = language.in_language(code, UNSUBSCRIBE_WORD)
    assert word in unsubscribe_line(code)
    ours = "<ac.2@bakery.example>"
    for said in (word, word.capitalize() + "!", f"{word}\n\n-- \nAnn"):
        reply = (
            "From: Ann <ann@example.com>\r\nTo: sam@bakery.example\r\nSubject: Re: Sorry\r\n"
            f"In-Reply-To: {ours}\r\nMessage-ID: <r2@example.com>\r\n"
            "Date: Wed, 02 Dec 2026 10:00:00 +0000\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
            f"\r\n{said}\r\n"
        ).encode()
        found = mailbox.classify(reply, [ours])
        assert isinstance(found, mailbox.Reply) and found.stop, (code, said)

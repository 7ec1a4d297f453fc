"""The practice outbox: a real loopback SMTP server that keeps each message as an .eml file."""

from __future__ import annotations

import asyncio
import email
import smtplib
import threading
from email.message import EmailMessage
from email.policy import default

import pytest

from composer import language
from composer.outbox import PRACTICE_NAME, PracticeOutbox, is_practice, practice_account


def _apology(to: str, subject: str = "Sorry about the invoice") -> EmailMessage:
    m = EmailMessage()
    m["From"] = "Shop <owner@practice.invalid>"
    m["To"] = to
    m["Subject"] = subject
    m.set_content("Dear Ana,\n\nWe are sorry. Here is 11% off: SORRY11.\n")
    return m


@pytest.fixture
def outbox(tmp_path):
    box = PracticeOutbox(tmp_path / "outbox")
    yield box
    box.stop()


def test_listens_on_loopback_only_with_a_free_port(outbox):
    assert outbox.host == "127.0.0.1"
    assert outbox.port > 0
    assert outbox.running
    assert outbox.messages() == []


def test_keeps_each_message_as_eml_after_login_with_any_password(outbox):
    with smtplib.SMTP(outbox.host, outbox.port, timeout=10) as client:
        client.ehlo()
        assert client.has_extn("auth")
        assert not client.has_extn("starttls")  # no TLS: loopback only
        client.login("anyone", "whatever password")
        for i in range(3):
            client.send_message(_apology(f"ana{i}@example.com", subject=f"Sorry {i}"))
    paths = outbox.messages()
    assert [p.suffix for p in paths] == [".eml"] * 3
    kept = [email.message_from_bytes(p.read_bytes(), policy=default) for p in paths]
    assert [m["To"] for m in kept] == [f"ana{i}@example.com" for i in range(3)]
    assert [m["Subject"] for m in kept] == ["Sorry 0", "Sorry 1", "Sorry 2"]
    assert "SORRY11" in kept[0].get_content()


def test_accepts_async_clients_in_parallel(outbox):
    import aiosmtplib

    async def send_all() -> None:
        async def one(i: int) -> None:
            await aiosmtplib.send(
                _apology(f"p{i}@example.com"),
                hostname=outbox.host,
                port=outbox.port,
                username="practice",
                password="x",
                start_tls=False,
                use_tls=False,
            )

        await asyncio.gather(*(one(i) for i in range(5)))

    asyncio.run(send_all())
    received = sorted(
        email.message_from_bytes(p.read_bytes(), policy=default)["To"] for p in outbox.messages()
    )
    assert received == sorted(f"p{i}@example.com" for i in range(5))


def test_unicode_names_survive(outbox):
    m = _apology("Zoë Ñandú <zoe@example.com>", subject="Désolé, Zoë")
    with smtplib.SMTP(outbox.host, outbox.port, timeout=10) as client:
        client.send_message(m)
    kept = email.message_from_bytes(outbox.messages()[0].read_bytes(), policy=default)
    assert kept["Subject"] == "Désolé, Zoë"
    assert kept["To"].addresses[0].display_name == "Zoë Ñandú"


def test_stop_closes_the_port_and_the_thread(tmp_path):
    box = PracticeOutbox(tmp_path / "o")
    port = box.port
    box.stop()
    box.stop()  # twice is harmless
    assert not box.running
    assert not any(t.name == "practice-outbox" for t in threading.enumerate())
    with pytest.raises(OSError):
        smtplib.SMTP("127.0.0.1", port, timeout=2)


def test_numbering_continues_after_a_restart_and_clear_empties(tmp_path):
    folder = tmp_path / "o"
    with PracticeOutbox(folder) as box, smtplib.SMTP(box.host, box.port, timeout=10) as c:
        c.send_message(_apology("a@example.com"))
    with PracticeOutbox(folder) as box:
        with smtplib.SMTP(box.host, box.port, timeout=10) as c:
            c.send_message(_apology("b@example.com"))
        assert [p.name for p in box.messages()] == ["000001.eml", "000002.eml"]
        box.clear()
        assert box.messages() == []


def test_practice_account_points_at_the_outbox(outbox):
    pytest.importorskip("composer.accounts")
    account = practice_account(outbox)
    assert account.host == "127.0.0.1"
    assert account.port == outbox.port
    assert account.security == "none"
    assert account.name == PRACTICE_NAME
    assert is_practice(account)


def test_read_kept_gives_headers_text_html_and_files(outbox):
    from composer.outbox import read_kept

    m = _apology("Ana <ana@example.com>")
    m.add_alternative("<p>Dear Ana, <b>sorry</b>.</p>", subtype="html")
    m.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="credit.pdf")
    with smtplib.SMTP(outbox.host, outbox.port, timeout=10) as c:
        c.send_message(m)
    kept = read_kept(outbox.messages()[0])
    assert kept.to == "Ana <ana@example.com>"
    assert kept.subject == "Sorry about the invoice"
    assert "SORRY11" in kept.text
    assert kept.html is not None and "<b>sorry</b>" in kept.html
    assert kept.attachments == ("credit.pdf",)
    assert ("Subject", "Sorry about the invoice") in kept.headers


@pytest.fixture
def speak():
    """``speak("fr")``: the app speaks French (the engine's .mo built as shipped); English
    again after the test."""
    language.compile_catalogues()
    yield language.use
    language.use("en")


def test_a_test_message_to_the_practice_outbox_is_marked_in_the_apps_language(
    outbox, tmp_path, speak
):
    """Passes once engine-fr.po holds "You" and "[TEST]" (merged from /tmp/hA/po.json)."""
    from composer import trial
    from composer.campaign import Campaign
    from composer.outbox import read_kept
    from tests.sending_helpers import make_campaign

    speak("fr")
    account = practice_account(outbox)
    with Campaign.open(make_campaign(tmp_path / "c.apology", 2)) as campaign:
        asyncio.run(trial.send_to_self(campaign, account, "practice"))
    kept = read_kept(outbox.messages()[0])
    assert kept.to == f"Vous <{account.address}>"
    assert kept.subject.startswith("[ESSAI] We are sorry, ")
    assert trial.marked_as_test(kept.subject)
    speak("en")  # the mark is still known once the app speaks another language
    assert trial.marked_as_test(kept.subject) and trial.marked_as_test("[TEST] Sorry")
    assert trial.mark_as_test("Sorry") == "[TEST] Sorry"
    assert not trial.marked_as_test("Sorry [TEST]") and not trial.marked_as_test("[TEST]Sorry")

"""Will it arrive (composer.deliverability): the sender domain's SPF, DMARC and DKIM looked up
in a real DNS server on loopback (tests/dns_server.py), the recipient mix counted, the result
kept in the campaign file's history, and `check --deliverability` on the command line."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from composer import accounts, deliverability, domains
from composer.campaign import Campaign, HistoryKind
from composer.cli import EXIT_OK, main
from composer.deliverability import ADVICE, OK, UNKNOWN, check_domain, mix, mix_findings
from composer.message import Identity
from tests.sending_helpers import make_campaign

GOOGLE, MICROSOFT = "smtp.gmail.com", "smtp.office365.com"


def levels(result) -> dict[str, str]:
    return {f.topic: f.level for f in result.findings}


def publish(dns, domain="bakery.example", *, spf=None, dmarc=None, dkim=None) -> None:
    """Records of the shop's domain: each given value as the TXT record at its name."""
    dns.set_records(domain, "TXT", [spf] if spf else ["google-site-verification=abc"])
    if dmarc:
        dns.set_records(f"_dmarc.{domain}", "TXT", [dmarc])
    for selector, key in (dkim or {}).items():
        dns.set_records(f"{selector}._domainkey.{domain}", "TXT", [key])


def test_a_well_set_up_google_workspace_domain_is_all_good(dns_server):
    publish(
        dns_server,
        spf="v=spf1 include:_spf.google.com ~all",
        dmarc="v=DMARC1; p=quarantine; rua=mailto:dmarc@bakery.example",
        dkim={"google": "v=DKIM1; k=rsa; p=MIIBIjANBgkq"},
    )
    result = check_domain("sam@bakery.example", GOOGLE)
    assert levels(result) == {"spf": OK, "dmarc": OK, "dkim": OK}
    assert not result.offline
    assert "sends failing mail to spam (p=quarantine)" in result.findings[1].sentence


def test_what_is_missing_is_said_with_what_to_ask_for(dns_server):
    publish(dns_server)  # only an unrelated TXT record
    result = check_domain("sam@bakery.example", MICROSOFT)
    assert levels(result) == {"spf": ADVICE, "dmarc": ADVICE, "dkim": ADVICE}
    spf, dmarc, dkim = (f.sentence for f in result.findings)
    assert "v=spf1 include:spf.protection.outlook.com ~all" in spf
    assert "_dmarc.bakery.example: v=DMARC1; p=none" in dmarc
    assert "selector1._domainkey.bakery.example" in dkim and "Microsoft 365" in dkim
    assert all("\n" not in s for s in (spf, dmarc, dkim))


def test_spf_that_names_another_service_or_is_broken(dns_server):
    publish(dns_server, spf="v=spf1 include:_spf.google.com -all")
    [spf, *_] = check_domain("sam@bakery.example", "smtp.sendgrid.net").findings
    assert spf.level == ADVICE and "does not name SendGrid" in spf.sentence
    assert "include:sendgrid.net" in spf.sentence
    dns_server.set_records("bakery.example", "TXT", ["v=spf1 +all"])
    domains.clear_cache()  # the records changed: ask again
    [spf, *_] = check_domain("sam@bakery.example", GOOGLE).findings
    assert spf.level == ADVICE and "+all" in spf.sentence
    dns_server.set_records(
        "bakery.example", "TXT", ["v=spf1 -all", "v=spf1 include:x.example -all"]
    )
    domains.clear_cache()
    [spf, *_] = check_domain("sam@bakery.example", GOOGLE).findings
    assert "2 SPF records" in spf.sentence


def test_spf_through_the_domains_own_include_is_followed(dns_server):
    dns_server.set_records("bakery.example", "TXT", ["v=spf1 include:_spf.bakery.example ~all"])
    dns_server.set_records(
        "_spf.bakery.example", "TXT", ["v=spf1 ip4:192.0.2.1 include:spf.mtasv.net ~all"]
    )
    [spf, *_] = check_domain("sam@bakery.example", "smtp.postmarkapp.com").findings
    assert spf.level == OK and "Postmark" in spf.sentence
    assert ("_spf.bakery.example", "TXT") in dns_server.queries


def test_a_loop_of_includes_stops_at_ten_lookups(dns_server):
    dns_server.set_records("bakery.example", "TXT", ["v=spf1 include:a.bakery.example ~all"])
    dns_server.set_records("a.bakery.example", "TXT", ["v=spf1 include:b.bakery.example ~all"])
    dns_server.set_records("b.bakery.example", "TXT", ["v=spf1 include:a.bakery.example ~all"])
    [spf, *_] = check_domain("sam@bakery.example", GOOGLE).findings
    assert spf.level == ADVICE
    asked = [name for name, kind in dns_server.queries if name.endswith("bakery.example")]
    assert len(asked) <= 12  # the domain, its includes, DMARC and DKIM: bounded


def test_unknown_selectors_and_servers_are_could_not_confirm_not_missing(dns_server):
    publish(dns_server, spf="v=spf1 include:amazonses.com ~all", dmarc="v=DMARC1; p=none")
    result = check_domain("sam@bakery.example", "email-smtp.eu-west-1.amazonaws.com")
    assert levels(result) == {"spf": OK, "dmarc": OK, "dkim": UNKNOWN}
    assert "could not be confirmed" in result.findings[2].sentence
    elsewhere = check_domain("sam@bakery.example", "mail.someisp.example")
    assert elsewhere.findings[0].level == UNKNOWN
    assert "could not be confirmed" in elsewhere.findings[0].sentence


def test_a_subdomain_uses_its_organisations_dmarc(dns_server):
    dns_server.set_records("shop.bakery.example", "TXT", ["v=spf1 include:_spf.google.com ~all"])
    dns_server.set_records("_dmarc.bakery.example", "TXT", ["v=DMARC1; p=reject"])
    result = check_domain("sam@shop.bakery.example", GOOGLE)
    assert levels(result)["dmarc"] == OK
    assert (
        "bakery.example has a DMARC record that refuses failing mail" in result.findings[1].sentence
    )


def test_a_mailbox_providers_own_address_needs_nothing(dns_server):
    result = check_domain("sam.baker@gmail.com", GOOGLE)
    assert [f.level for f in result.findings] == [OK]
    assert "Google looks after" in result.findings[0].sentence
    assert dns_server.queries == []  # nothing to look up


def test_offline_says_so_and_is_not_kept(dns_server, tmp_path):
    dns_server.set_faults(silent=True)
    result = check_domain("sam@bakery.example", GOOGLE, timeout=0.3)
    assert result.offline
    assert [f.level for f in result.findings] == [UNKNOWN]
    assert "could not be looked up" in result.findings[0].sentence
    path = make_campaign(tmp_path / "c.apology", 3, identity=Identity("Sam", "sam@bakery.example"))
    with Campaign.open(path) as campaign:
        campaign.deliverability(GOOGLE, timeout=0.3)
    assert history_kinds(path).count(HistoryKind.DELIVERABILITY_CHECKED) == 0


def test_the_mix_counts_the_big_mailboxes_and_warns_near_the_bulk_line():
    addresses = (
        [f"a{i}@gmail.com" for i in range(3_000)]
        + [f"b{i}@hotmail.co.uk" for i in range(700)]
        + [f"c{i}@yahoo.fr" for i in range(10)]
        + [f"d{i}@icloud.com" for i in range(5)]
        + [f"e{i}@bakery.example" for i in range(300)]
    )
    counted = mix(addresses)
    assert counted == Counter({"Google": 3_000, "Microsoft": 700, "Yahoo": 10, "Apple": 5})
    quiet = mix_findings(counted, len(addresses))
    assert [f.level for f in quiet] == [OK]
    assert quiet[0].sentence.startswith("Of 4,015 customers: 3,000 at Google, 700 at Microsoft")
    busy = mix_findings(counted, len(addresses), other_daily=2_500)
    [bulk] = [f for f in busy if f.level == ADVICE]  # 3,000 + 2,500 x 3,000/4,015
    assert (
        "this campaign sends about 4,868 a day to Google mailboxes (close to it)" in bulk.sentence
    )
    assert "counting your domain's other mail (about 2,500 a day" in bulk.sentence
    assert "Microsoft" not in bulk.sentence and "relay" in bulk.sentence
    both = mix_findings(counted, len(addresses), other_daily=20_000)
    assert (
        "about 17,944 a day to Google mailboxes (over it) and about 4,187 a day to Microsoft "
        "mailboxes (close to it)"
    ) in both[1].sentence
    spread = mix_findings(counted, len(addresses), daily_cap=1_000, other_daily=2_500)
    assert all(f.level == OK for f in spread)  # 748 a day to Google, plus 1,868: well under
    near = mix_findings(Counter({"Microsoft": 4_200}), 4_200)
    assert "about 4,200 a day to Microsoft mailboxes (close to it)" in near[1].sentence


def history_kinds(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [kind for (kind,) in conn.execute("SELECT kind FROM history ORDER BY id")]
    finally:
        conn.close()


def test_a_campaign_keeps_its_check_and_looks_again_when_it_is_old(dns_server, tmp_path):
    publish(dns_server, spf="v=spf1 include:_spf.google.com ~all", dmarc="v=DMARC1; p=none",
            dkim={"google": "v=DKIM1; p=MIGf"})  # fmt: skip
    path = make_campaign(tmp_path / "c.apology", 3, identity=Identity("Sam", "sam@bakery.example"))
    with Campaign.open(path) as campaign:
        first, _, estimate = campaign.deliverability(GOOGLE, other_daily=400)
    assert estimate == 400 and history_kinds(path).count(HistoryKind.DELIVERABILITY_CHECKED) == 1
    asked = len(dns_server.queries)
    with Campaign.open(path) as campaign:  # reopened: the kept answer, and the kept estimate
        again, _, estimate = campaign.deliverability(GOOGLE)
    assert again == first and estimate == 400 and len(dns_server.queries) == asked
    domains.clear_cache()  # (the resolver's own five-minute memory, a week later)
    with Campaign.open(path) as campaign:  # a week later it is looked up again
        later, _, _ = campaign.deliverability(GOOGLE, now=first.checked_at + 8 * 24 * 3600)
    assert later.checked_at > first.checked_at and len(dns_server.queries) > asked
    with Campaign.open(path) as campaign:  # another sending server: looked up for it
        other, _, _ = campaign.deliverability(MICROSOFT)
    assert other.host == MICROSOFT and levels(other)["spf"] == ADVICE


def test_check_deliverability_on_the_command_line(dns_server, tmp_path, capsys):
    publish(dns_server, spf="v=spf1 include:_spf.google.com ~all")
    accounts.save(
        accounts.Account(
            name="shop", display_name="Sam", address="sam@bakery.example", host=GOOGLE, port=587
        )
    )
    path = make_campaign(tmp_path / "c.apology", 3, identity=Identity("Sam", "sam@bakery.example"))
    code = main(["check", str(path), "--deliverability", "--account", "shop"])
    out = capsys.readouterr().out
    assert code == EXIT_OK, out
    assert "Will it arrive (nothing here stops sending):" in out
    assert "[ok] bakery.example's SPF record names Google: good." in out
    assert "[to do] bakery.example has no DMARC record" in out
    assert "[to do] No DKIM key for Google was found at google._domainkey.bakery.example" in out


def test_check_deliverability_of_a_spreadsheet_needs_a_sender(tmp_path, customers_xlsx, capsys):
    template = tmp_path / "apology.txt"
    template.write_text("Subject: Sorry\n\nSorry, {{ name }}.\n")
    with pytest.raises(SystemExit):
        main(["check", "--recipients", str(customers_xlsx), "--template", str(template),
              "--deliverability"])  # fmt: skip
    assert "--deliverability needs --from" in capsys.readouterr().err


def test_findings_survive_the_history_round_trip():
    result = deliverability.Deliverability(
        "bakery.example", GOOGLE, 1.0, (deliverability.Finding("spf", OK, "fine"),)
    )
    assert deliverability.Deliverability.from_detail(result.to_detail()) == result
    assert deliverability.Deliverability.from_detail({"domain": "x"}) is None


def test_the_send_step_says_whether_it_will_arrive(qtbot, main_window, dns_server, tmp_path):
    from PySide6.QtCore import Qt

    from composer.table import Column, Table
    from tests.ui_flow import WAIT_MS

    publish(dns_server, spf="v=spf1 include:_spf.google.com ~all")
    account = accounts.Account(
        name="shop", display_name="Sam", address="sam@bakery.example", host=GOOGLE, port=587,
        daily_cap=2_000,
    )  # fmt: skip
    accounts.save(account)
    gmail = Table(
        [Column("Email", "email"), Column("Name", "name"), Column("Order", "order")],
        [(f"c{i}@gmail.com", f"C {i}", str(i)) for i in range(200)],
        list(range(2, 202)),
    )
    path = make_campaign(tmp_path / "c.apology", 0, table=gmail,
                         identity=Identity("Sam", "sam@bakery.example"))  # fmt: skip
    window = main_window
    window.open_file(path)
    doc = window.document
    qtbot.waitUntil(lambda: doc.path == path and doc.checkup is not None, timeout=WAIT_MS)
    window.show_step("send")
    send = window.pages["send"]
    send.account_box.choose("shop")
    box = send.arrive_box
    qtbot.waitUntil(lambda: "SPF record names Google" in box.findings.text(), timeout=WAIT_MS)
    assert "!  bakery.example has no DMARC record" in box.findings.text()
    assert "Of 200 customers: 200 at Google." in box.findings.text()
    box.estimate.setFocus()
    box.estimate.selectAll()
    qtbot.keyClicks(box.estimate, "4900")
    qtbot.keyClick(box.estimate, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "about 5,100 a day to Google" in box.findings.text(), timeout=WAIT_MS)
    assert "about 4,900 a day" in box.findings.text() and "relay" in box.findings.text()

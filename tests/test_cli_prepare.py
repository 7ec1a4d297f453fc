"""``apology-composer-cli check | preview | new`` on real files: what they print, the exit codes
(0 sendable, 1 blocked, 2 usage), and errors as one sentence with no traceback."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path

import pytest

from composer.campaign import Campaign
from composer.cli import EXIT_BLOCKED, EXIT_OK, EXIT_USAGE, main
from resources import SAMPLE_APOLOGY, SAMPLE_CODES, SAMPLE_CUSTOMERS, resource_path

ROOT = Path(__file__).resolve().parents[1]
CUSTOMERS = str(resource_path(*SAMPLE_CUSTOMERS))
APOLOGY = str(resource_path(*SAMPLE_APOLOGY))
CODES = str(resource_path(*SAMPLE_CODES))
SAMPLE = ["--recipients", CUSTOMERS, "--template", APOLOGY, "--code", "SORRY11"]
FROM = ["--from", "Sam Baker <sam@juniper-oak.example>"]


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    assert stop.value.code == EXIT_USAGE
    return capsys.readouterr().err


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def assert_one_sentence(err: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("apology-composer: ")
    assert lines[0].endswith((".", "?"))


# -- check ---------------------------------------------------------------------------------


def test_check_on_the_sample_is_ready(capsys):
    code, out, err = cli(capsys, "check", *SAMPLE)
    assert code == EXIT_OK, out
    lines = out.splitlines()
    assert "Rows read: 50" in lines
    assert "Valid recipients: 48" in lines
    assert "Duplicates: 1" in lines and "  row 50 duplicates row 31" in lines
    assert "Invalid rows: 1" in lines
    assert any(line.startswith("  Row 19: ") and "tomas.ferreira@example" in line for line in lines)
    assert "Suppressed: 0" in lines
    assert '  "Order #" -> order' in lines and '  "First name" -> first_name' in lines
    assert "Template fields used: first_name, order, order_date, code" in lines
    assert "Rows missing values: none" in lines
    assert "Discount code: one shared code, SORRY11" in lines
    assert "placeholder Your Name <you@example.invalid>" in out
    assert lines[-1] == "Ready to send to 48 customers."
    assert err == ""


def test_check_blocked_by_a_blank_field_exits_1_and_says_why(tmp_path, capsys):
    template = write(tmp_path / "t.txt", "Subject: Sorry\n\nHi {{ first_name }}, {{ code }}\n")
    code, out, _ = cli(
        capsys, "check", "--recipients", CUSTOMERS, "--template", template, "--code", "X"
    )
    assert code == EXIT_BLOCKED
    assert "  first_name: 1 row (8)" in out
    last = out.splitlines()[-1]
    assert last.startswith("Not ready: 1 customer has no First name (row 8)")


def test_long_lists_are_capped(tmp_path, capsys):
    rows = ["Email,Name"] + [f"broken{i}-at-example.com,P{i}" for i in range(200)]
    rows += ["ok@example.com,Ok"]
    people = write(tmp_path / "people.csv", "\n".join(rows) + "\n")
    template = write(tmp_path / "t.txt", "Subject: Sorry\n\nHello {{ name }}\n")
    code, out, _ = cli(capsys, "check", "--recipients", people, "--template", template)
    assert code == EXIT_OK
    lines = out.splitlines()
    start = lines.index("Invalid rows: 200")
    assert all(line.startswith("  Row ") for line in lines[start + 1 : start + 21])
    assert lines[start + 21] == "  and 180 more"
    assert lines[-1] == "Ready to send to 1 customer."


def test_check_with_codes_suppression_and_column_choices(tmp_path, capsys):
    people = write(
        tmp_path / "people.csv",
        "Contact,Backup,Who,Voucher\n"
        "ann@example.com,x@example.com,Ann Lee,V1\n"
        "bob@example.com,y@example.com,Bob Ray,V2\n"
        "cat@example.com,z@example.com,Cat Kim,V1\n",
    )
    stop = write(tmp_path / "stop.txt", "bob@example.com\n")
    template = write(tmp_path / "t.txt", "Subject: Sorry {{ name }}\n\nCode {{ code }}\n")
    base = ["check", "--recipients", people, "--template", template]
    base += ["--email-column", "Backup", "--name-column", "who"]

    code, out, _ = cli(capsys, *base, "--codes", CODES, "--suppress", stop)
    assert code == EXIT_OK, out
    assert 'Address column: "Backup"' in out and 'Name from: "Who"' in out
    assert "Suppressed: 0" in out  # the suppressed address is in the other column
    assert "unique codes from a file (60 codes for 3 customers, 57 left over)" in out

    code, out, _ = cli(capsys, *base, "--codes-column", "Voucher")
    assert code == EXIT_BLOCKED
    assert "Code problems: 1" in out and "same discount code as row 2" in out

    code, out, _ = cli(
        capsys, "check", "--recipients", people, "--template", template, "--code", "X",
        "--suppress", stop,
    )  # fmt: skip
    assert code == EXIT_BLOCKED  # "Who" is not recognised as a name column by itself...
    assert "2 customers have no name (rows 2 and 4)" in out
    assert 'Address column: "Contact"' in out and "Suppressed: 1" in out

    code, out, _ = cli(
        capsys, "check", "--recipients", people, "--template", template, "--code", "X",
        "--suppress", stop, "--name-column", "Who",
    )  # fmt: skip
    assert code == EXIT_OK and "Valid recipients: 2" in out  # ...until it is named


def test_check_reports_attachment_problems(tmp_path, capsys):
    label = tmp_path / "label.pdf"
    label.write_bytes(b"%PDF-1.4")
    code, out, _ = cli(capsys, "check", *SAMPLE, "--attach", str(label))
    assert code == EXIT_OK and "Attachments: label.pdf" in out
    code, out, _ = cli(capsys, "check", *SAMPLE, "--attach", str(tmp_path / "missing.pdf"))
    assert code == EXIT_BLOCKED
    assert "Attachment problems: 1" in out and "missing.pdf" in out


def test_check_reads_the_sheet_asked_for(tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Written on 14 March"])
    people = book.create_sheet("Customers")
    people.append(["E-mail address", "First Name"])
    people.append(["ann@example.com", "Ann"])
    people.append(["bob@example.com", "Bob"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    template = write(tmp_path / "t.txt", "Subject: Sorry\n\nHi {{ first_name }}\n")
    base = ["check", "--recipients", str(path), "--template", template]
    code, out, _ = cli(capsys, *base, "--sheet", "Customers")
    assert code == EXIT_OK
    assert 'Spreadsheet: book.xlsx, sheet "Customers"' in out
    assert '  "E-mail address" -> e_mail_address' in out
    assert out.splitlines()[-1] == "Ready to send to 2 customers."
    code, out, err = cli(capsys, *base, "--sheet", "Orders")
    assert code == EXIT_BLOCKED and out == ""
    assert_one_sentence(err)
    assert "Orders" in err


def test_preview_of_a_markdown_apology_mentions_the_formatted_version(tmp_path, capsys):
    template = write(
        tmp_path / "sorry.md", "Subject: Sorry\n\nHi **{{ first_name or 'there' }}**, {{ code }}\n"
    )
    code, out, _ = cli(
        capsys, "preview", "--recipients", CUSTOMERS, "--template", template, "--code", "X"
    )
    assert code == EXIT_OK
    assert "(also sent as a formatted HTML version)" in out
    assert "Hi **Amelia**, X" in out


def test_bad_input_is_one_sentence_on_stderr(tmp_path, capsys):
    code, out, err = cli(
        capsys, "check", "--recipients", str(tmp_path / "nope.xlsx"), "--template", APOLOGY
    )
    assert code == EXIT_BLOCKED and out == ""
    assert_one_sentence(err)
    code, _, err = cli(capsys, "check", *SAMPLE, "--email-column", "Telephone")
    assert code == EXIT_BLOCKED
    assert_one_sentence(err)
    assert "Telephone" in err


def test_usage_errors_exit_2(capsys, tmp_path):
    assert "--recipients and --template are needed" in usage_error(capsys, "check")
    assert "not both" in usage_error(
        capsys, "check", str(tmp_path / "a.apology"), "--recipients", CUSTOMERS
    )
    assert "not allowed with" in usage_error(capsys, "check", *SAMPLE, "--codes", CODES)
    assert "is not a sender" in usage_error(capsys, "check", *SAMPLE, "--from", "nobody")
    assert "not a spreadsheet row number" in usage_error(capsys, "preview", *SAMPLE, "--row", "0")
    assert "required" in usage_error(capsys, "new", str(tmp_path / "a.apology"))


# -- preview -------------------------------------------------------------------------------


@pytest.fixture
def german(monkeypatch):
    """The command line run with LANGUAGE=de (the engine's .mo built as shipped); the engine
    speaks English again after the test."""
    from composer import language

    language.compile_catalogues()
    monkeypatch.setenv("LANGUAGE", "de")
    yield
    language.use("en")


def test_the_placeholder_sender_is_named_in_the_apps_language(capsys, german):
    """Passes once engine-de.po holds "Your Name" (merged from /tmp/hA/po.json)."""
    from composer import language
    from composer.cli.prepare import _placeholder_text
    from composer.mailing import PLACEHOLDER_ADDRESS, placeholder_sender

    code, out, err = cli(capsys, "preview", *SAMPLE)
    assert code == EXIT_OK
    assert out.startswith("From: Ihr Name <you@example.invalid>\nTo: Amelia Hughes")
    code, out, err = cli(capsys, "check", *SAMPLE)
    assert "Ihr Name <you@example.invalid>" in out
    sender = placeholder_sender()  # made when asked for: the language of that moment
    assert _placeholder_text() == f"{sender.name} <{sender.address}>"
    language.use("en")
    assert placeholder_sender().name == "Your Name"
    assert placeholder_sender().address == PLACEHOLDER_ADDRESS == "you@example.invalid"


def test_preview_prints_the_first_message_with_a_marked_placeholder_sender(capsys):
    code, out, err = cli(capsys, "preview", *SAMPLE)
    assert code == EXIT_OK
    assert out.startswith("From: Your Name <you@example.invalid>\nTo: Amelia Hughes")
    assert "Subject: Please ignore the invoice we sent you by mistake" in out
    assert "Hi Amelia," in out and "code SORRY11" in out and "order 10412" in out
    assert "placeholder" in err


def test_preview_of_a_row_uses_the_fallback_and_the_sender(capsys):
    code, out, err = cli(capsys, "preview", *SAMPLE, *FROM, "--row", "8")
    assert code == EXIT_OK
    assert "From: Sam Baker <sam@juniper-oak.example>" in out
    assert "To: Rossi <sofia.rossi@example.com>" in out
    assert "Hi there," in out
    assert err == (
        "Worth a second look: “First name” is blank in row 8; the apology's own wording "
        "covers it.\n"
    )


def test_preview_of_a_row_that_gets_nothing_says_why(capsys):
    code, _, err = cli(capsys, "preview", *SAMPLE, *FROM, "--row", "50")
    assert code == EXIT_BLOCKED
    assert "Row 50 gets no message: ANA.SILVA@example.com is already on row 31" in err
    code, _, err = cli(capsys, "preview", *SAMPLE, *FROM, "--row", "900")
    assert "There is no customer on row 900; the spreadsheet has rows 2 to 51." in err


def test_preview_out_writes_every_message_as_eml(tmp_path, capsys):
    out_dir = tmp_path / "outbox"
    code, out, _ = cli(capsys, "preview", *SAMPLE, *FROM, "--out", str(out_dir))
    assert code == EXIT_OK
    assert out.strip() == f"Wrote 48 messages to {out_dir}."
    files = sorted(out_dir.iterdir())
    assert len(files) == 48
    assert files[0].name == "0001-row2-amelia.hughes@example.com.eml"
    assert files[-1].name.startswith("0048-row51-")
    seen = set()
    for path in files:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert len(msg["To"].addresses) == 1 and msg["Cc"] is None and msg["Bcc"] is None
        seen.add(msg["To"].addresses[0].addr_spec.lower())
    assert len(seen) == 48


def test_an_eml_for_a_non_ascii_mailbox_holds_the_address_as_it_is_sent(tmp_path, capsys):
    """Issue 8: the .eml put an encoded word inside the address (``=?utf-8?q?zo=C3=AB?=@``),
    which no mail program can answer; it is now written as sent, in UTF-8 (RFC 6532)."""
    customers = tmp_path / "list.csv"
    customers.write_text("email,first_name\nzoë@bücher.example,Zoë\n", encoding="utf-8")
    apology = write(tmp_path / "apology.txt", "Subject: Sorry\n\nHi {{ first_name }}\n")
    out_dir = tmp_path / "out"
    args = ["--recipients", str(customers), "--template", apology, *FROM, "--out", str(out_dir)]
    code, _, err = cli(capsys, "preview", *args)
    assert code == EXIT_OK, err
    [path] = out_dir.iterdir()
    raw = path.read_bytes()
    assert b"=?utf-8?" not in raw.split(b"\r\n\r\n")[0].lower()
    to = next(line for line in raw.split(b"\r\n") if line.startswith(b"To:"))
    assert "zoë@" in to.decode("utf-8")


# -- new, and check/preview of the campaign file ---------------------------------------------


def test_new_creates_a_campaign_that_check_and_preview_read(tmp_path, capsys):
    path = tmp_path / "sorry.apology"
    source = ["--recipients", CUSTOMERS, "--template", APOLOGY, "--codes", CODES, *FROM]
    code, out, _ = cli(capsys, "new", str(path), *source)
    assert code == EXIT_OK, out
    assert out.startswith(f"Created {path} (campaign ")
    assert out.splitlines()[-1] == "Ready to send to 48 customers."
    with Campaign.open(path) as campaign:
        assert len(campaign.codes) == 48  # unique codes given out once, at creation
        first_code = campaign.codes[campaign.audience()[0].key]

    code, out, _ = cli(capsys, "check", str(path))
    assert code == EXIT_OK
    assert out.startswith("Campaign: sorry.apology\nSpreadsheet: customers.xlsx")
    assert "Sender: Sam Baker <sam@juniper-oak.example>" in out

    code, out, err = cli(capsys, "preview", str(path))
    assert code == EXIT_OK and err == ""
    assert f"code {first_code}" in out

    code, _, err = cli(capsys, "new", str(path), *source)
    assert code == EXIT_BLOCKED
    assert "already exists" in err and "--force" in err
    code, _, _ = cli(capsys, "new", str(path), *source, "--force")
    assert code == EXIT_OK


def test_a_blocked_campaign_is_still_created_and_says_why(tmp_path, capsys):
    path = tmp_path / "short.apology"
    codes = write(tmp_path / "codes.txt", "ONLY-ONE\n")
    code, out, _ = cli(
        capsys, "new", str(path), "--recipients", CUSTOMERS, "--template", APOLOGY,
        "--codes", codes, *FROM,
    )  # fmt: skip
    assert code == EXIT_BLOCKED
    assert "There is 1 code for 48 customers" in out.splitlines()[-1]
    with Campaign.open(path) as campaign:
        assert campaign.codes == {}


def test_check_of_a_file_that_is_not_a_campaign(tmp_path, capsys):
    code, out, err = cli(capsys, "check", APOLOGY)
    assert code == EXIT_BLOCKED and out == ""
    assert_one_sentence(err)
    assert "is not a campaign file" in err


# -- the real console script -------------------------------------------------------------------


def _console_script() -> list[str]:
    script = Path(sys.executable).with_name("apology-composer-cli")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "composer.cli"]  # what the entry point runs, before install


def test_the_console_script_as_a_real_process(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [*_console_script(), "check", *SAMPLE],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=100, check=False,
    )  # fmt: skip
    assert run.returncode == EXIT_OK, run.stderr
    assert run.stdout.splitlines()[-1] == "Ready to send to 48 customers."
    broken = subprocess.run(
        [*_console_script(), "check", "--recipients", "missing.xlsx", "--template", APOLOGY],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=100, check=False,
    )  # fmt: skip
    assert broken.returncode == EXIT_BLOCKED
    assert_one_sentence(broken.stderr)
    usage = subprocess.run(
        [*_console_script(), "check"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=100, check=False,
    )  # fmt: skip
    assert usage.returncode == EXIT_USAGE and "usage:" in usage.stderr


# -- filters -----------------------------------------------------------------------------------


def test_where_narrows_the_audience_and_new_keeps_the_filter(tmp_path, capsys):
    from composer import table

    rows = table.load(CUSTOMERS)
    country = rows.column_index("country")
    germans = sum(1 for r in rows.rows if r[country] == "DE")
    assert 0 < germans < 48

    code, out, _ = cli(capsys, "check", *SAMPLE, "--where", "Country = de")
    assert code == EXIT_OK, out
    assert "Filter: Country equals de" in out
    assert f"Audience: {germans}" in out.splitlines()

    path = tmp_path / "germany.apology"
    args = ["--where", "country = DE", "--from", "Sam <sam@shop.example>"]
    code, out, _ = cli(capsys, "new", str(path), *SAMPLE, *args)
    assert code == EXIT_OK, out
    with Campaign.open(path) as campaign:
        assert len(campaign.audience()) == germans
        assert {r.fields["country"] for r in campaign.audience()} == {"DE"}


def test_where_conditions_combine_with_any(capsys):
    code, out, _ = cli(
        capsys, "check", *SAMPLE, "--where", "country = DE", "--where", "country = FR", "--any"
    )
    assert code == EXIT_OK
    both = int(next(x for x in out.splitlines() if x.startswith("Audience:")).split()[1])
    _, out_de, _ = cli(capsys, "check", *SAMPLE, "--where", "country = DE")
    _, out_fr, _ = cli(capsys, "check", *SAMPLE, "--where", "country = FR")
    counts = [
        int(next(x for x in o.splitlines() if x.startswith("Audience:")).split()[1])
        for o in (out_de, out_fr)
    ]
    assert both == sum(counts)


def test_a_filter_that_leaves_nobody_blocks_and_a_bad_one_is_one_sentence(capsys):
    code, out, _ = cli(capsys, "check", *SAMPLE, "--where", "country = Atlantis")
    assert code == EXIT_BLOCKED
    assert "Audience: 0" in out.splitlines()
    code, _, err = cli(capsys, "check", *SAMPLE, "--where", "Countri = DE")
    assert code == EXIT_BLOCKED
    assert_one_sentence(err)
    assert '"Countri"' in err
    code, _, err = cli(capsys, "check", *SAMPLE, "--where", "country DE")
    assert code == EXIT_BLOCKED
    assert_one_sentence(err)

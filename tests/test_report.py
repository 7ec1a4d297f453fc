"""The delivery report: one row per recipient, .csv and .xlsx, safe against formula injection."""

from __future__ import annotations

import csv

import pytest

from composer import journal, report
from composer.campaign import Campaign
from composer.codes import SHARED, CodePlan
from composer.message import Identity
from composer.recipients import ColumnMap
from composer.table import Column, Table
from composer.template import Template
from tests.sending_helpers import make_campaign, open_for_sending

HOSTILE = ['=HYPERLINK("http://x","click")', "+1 555", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.fixture
def conn(tmp_path):
    """A campaign whose customers have hostile names and codes, part of it sent."""
    emails = ["ann@example.com", *(f"p{i}@example.com" for i in range(len(HOSTILE)))]
    names = ["Ann Émile", *HOSTILE]
    table = Table(
        columns=[Column("Email", "email"), Column("Name", "name")],
        rows=list(zip(emails, names, strict=True)),
        row_numbers=list(range(2, 2 + len(emails))),
    )
    campaign = Campaign.create(
        tmp_path / "r.apology",
        table=table,
        columns=ColumnMap(email="email", full_name="name"),
        template=Template(subject="Sorry", body="Sorry, {{ name }}. {{ code }}"),
        identity=Identity("Shop", "shop@shop.example"),
        code_plan=CodePlan(kind=SHARED, shared="SORRY-1"),
    )
    c = campaign.conn
    hostile_code = {"ann@example.com": "SORRY-1", "p0@example.com": "=cmd|' /C calc'!A0"}
    journal.enqueue(c, campaign.audience(), codes=hostile_code)
    journal.mark_sending(c, "ann@example.com", "<m2@shop.example>")
    journal.mark_sent(c, "ann@example.com", "250 2.0.0 OK: queued as T1", at=1_700_000_000.0)
    journal.mark_failed(c, "p0@example.com", "550 5.1.1 <p0@example.com>: user unknown")
    journal.mark_deferred(c, "p1@example.com", "-451 try later\r\nagain", retry_at=0.0)
    yield campaign
    campaign.close()


def test_csv_has_one_row_per_recipient_with_every_column(conn, tmp_path):
    out = tmp_path / "report.csv"
    assert report.export(conn, out) == 7
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(report.HEADER)
    ann = rows[1]
    assert ann[:5] == ["2", "ann@example.com", "Ann Émile", "SORRY-1", "sent"]
    assert ann[6:8] == ["1", "250 2.0.0 OK: queued as T1"]
    assert ann[8] == "<m2@shop.example>"
    assert ann[9].startswith("2023-11-1")  # a readable date, not a Unix number
    assert rows[2][4] == "failed" and rows[2][7].startswith("550")
    assert rows[3][4] == "not sent yet"  # a retry is due: it goes with the next Send
    assert rows[4][5] == "goes with the next Send"


def test_cells_that_would_be_formulas_are_neutralised(conn, tmp_path):
    out = tmp_path / "report.csv"
    report.export(conn, out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[1:]
    names = [r[2] for r in rows[1:]]
    # (a name's surrounding tab or carriage return is trimmed when the list is read)
    assert names == [report.neutralise(h.strip()) for h in HOSTILE]
    assert rows[1][3] == "'=cmd|' /C calc'!A0"  # a hostile discount code too
    assert rows[2][7] == "'-451 try later  again"  # and a server reply (one line)
    for r in rows:
        for cell in r:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xlsx_report_reads_back_as_text_never_formulas(conn, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    assert report.export(conn, out) == 7
    ws = load_workbook(out).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == list(report.HEADER)
    assert values[1][:5] == [2, "ann@example.com", "Ann Émile", "SORRY-1", "sent"]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
    assert [r[2] for r in values[2:]] == [report.neutralise(h.strip()) for h in HOSTILE]


def test_a_campaign_report_lists_recipients_not_sent_yet(tmp_path):
    path = make_campaign(tmp_path / "c.apology", 3)
    campaign = open_for_sending(path)
    try:
        rows = report.table(campaign)
    finally:
        campaign.close()
    assert [(r[0], r[3], r[4]) for r in rows] == [
        (2, "SORRY11", "not sent yet"),
        (3, "SORRY11", "not sent yet"),
        (4, "SORRY11", "not sent yet"),
    ]


def test_wrong_suffix_or_folder_is_one_plain_sentence(conn, tmp_path):
    with pytest.raises(report.ReportError, match=r"must end in \.xlsx or \.csv"):
        report.export(conn, tmp_path / "report.pdf")
    with pytest.raises(report.ReportError, match="could not be written"):
        report.export(conn, tmp_path / "missing" / "report.csv")

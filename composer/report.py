"""The delivery report: one row per recipient with the fate of their apology, as .csv or .xlsx.

Cells come from customer data and server replies, so any text a spreadsheet program would read
as a formula (starting with = + - @, a tab or a carriage return) is neutralised with a leading
apostrophe before it is written.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from composer import journal
from composer.errors import ComposerError

HEADER = (
    "Spreadsheet row",
    "Address",
    "Name",
    "Discount code",
    "State",
    "Attempts",
    "Last server reply",
    "Message-ID",
    "Sent at",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# What each journal state means to the person reading the report.
STATE_WORDS = {
    journal.QUEUED: "not sent yet",
    journal.SENDING: "being sent",
    journal.SENT: "sent",
    journal.FAILED: "failed",
    journal.DEFERRED: "will retry",
    journal.IN_DOUBT: "in doubt",
}


class ReportError(ComposerError):
    """The report cannot be written."""


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets an apostrophe in front."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def when(timestamp: float | None) -> str:
    """A journal time as a readable local date and time ("" if none)."""
    if timestamp is None:
        return ""
    return dt.datetime.fromtimestamp(timestamp).astimezone().isoformat(sep=" ", timespec="seconds")


def _not_yet_queued(campaign: object, known: set[int]) -> list[journal.Delivery]:
    """Recipients of a campaign that no run has queued yet, as journal-like lines."""
    audience = getattr(campaign, "audience", None)
    if audience is None:
        return []
    people = [r for r in audience() if r.row not in known]
    if not people:
        return []
    try:
        codes = campaign.assign_codes(people, store=False)  # type: ignore[attr-defined]
    except ComposerError:
        codes = {}
    return [
        journal.Delivery(
            row=r.row,
            email=r.email,
            name=r.name,
            code=codes.get(r.row),
            state=journal.QUEUED,
            attempts=0,
            last_reply=None,
            message_id=None,
            retry_at=None,
            sent_at=None,
            updated_at=0.0,
        )
        for r in people
    ]


def table(campaign_or_conn: object) -> list[tuple]:
    """The report's rows (without the header), neutralised, in spreadsheet order.

    Given a campaign, recipients no run has reached yet are listed too, as not sent yet."""
    conn = getattr(campaign_or_conn, "conn", campaign_or_conn)
    lines = journal.rows(conn)
    lines += _not_yet_queued(campaign_or_conn, {d.row for d in lines})
    lines.sort(key=lambda d: d.row)
    out = []
    for d in lines:
        reply = (d.last_reply or "").replace("\r", " ").replace("\n", " ").strip()
        out.append(
            tuple(
                neutralise(v)
                for v in (
                    d.row,
                    d.email,
                    d.name,
                    d.code or "",
                    STATE_WORDS.get(d.state, d.state),
                    d.attempts,
                    reply,
                    d.message_id or "",
                    when(d.sent_at),
                )
            )
        )
    return out


def export(campaign_or_conn: object, path: str | Path) -> int:
    """Write the report to ``path`` (.csv or .xlsx, by its suffix); returns the row count."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ReportError(
            f"The report file name {path.name!r} must end in .xlsx or .csv; choose one of those."
        )
    body = table(campaign_or_conn)
    try:
        if suffix == ".csv":
            # utf-8-sig so that Excel shows accented names correctly when it opens the file
            with path.open("w", newline="", encoding="utf-8-sig") as f:
                writer = csv.writer(f)
                writer.writerow(HEADER)
                writer.writerows(body)
        else:
            _write_xlsx(path, body)
    except OSError as e:
        raise ReportError(
            f"The report could not be written to {str(path)!r} ({e.strerror or e}); "
            "choose another folder."
        ) from e
    return len(body)


def _write_xlsx(path: Path, body: list[tuple]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Deliveries")
    widths = (10, 32, 24, 16, 14, 9, 48, 48, 26)
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in HEADER:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for values in body:
        cells = []
        for v in values:
            cell = WriteOnlyCell(ws, value=v)
            if isinstance(v, str):
                cell.data_type = "s"  # text, never a formula, even after the apostrophe
            cells.append(cell)
        ws.append(cells)
    wb.save(path)

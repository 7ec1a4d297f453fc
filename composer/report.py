"""The delivery report: one row per recipient with the fate of their apology, as .csv or .xlsx.

Cells come from customer data and server replies, so any text a spreadsheet program would read
as a formula (starting with = + - @, a tab or a carriage return) is neutralised with a leading
apostrophe before it is written.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from composer.codes import assign
from composer.errors import ComposerError
from composer.language import N_, _
from composer.plan import REASONS, Next
from composer.transport import ACCEPTED_BY_MICROSOFT, WEAKER, accepted_only
from composer.wording import state_name

if TYPE_CHECKING:
    from composer.campaign import Campaign
    from composer.journal import MailboxEvent

# The report's column titles (in the person's language in the file: ``header()``).
HEADER = (
    N_("Spreadsheet row"),
    N_("Address"),
    N_("Name"),
    N_("Discount code"),
    N_("State"),
    N_("Why"),
    N_("Attempts"),
    N_("Last server reply"),
    N_("Message-ID"),
    N_("Sent at"),
    N_("Later in the mailbox"),
)
_EVENT_WORDS = {
    "bounced": N_("bounced"),
    "delayed": N_("delayed"),
    "replied": N_("replied"),
    "auto_reply": N_("automatic reply"),
}

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ReportError(ComposerError):
    """The report cannot be written."""


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets an apostrophe in front."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def header() -> tuple[str, ...]:
    """The column titles as the person reads them."""
    return tuple(_(title) for title in HEADER)


def when(timestamp: float | None) -> str:
    """A journal time as a readable local date and time ("" if none)."""
    if timestamp is None:
        return ""
    return dt.datetime.fromtimestamp(timestamp).astimezone().isoformat(sep=" ", timespec="seconds")


def event_words(event: MailboxEvent) -> str:
    """What the mailbox said, in a few words: "2026-12-01 10:05:00+01:00 bounced: the mailbox
    does not exist (5.1.1)"."""
    said = _EVENT_WORDS.get(event.kind)
    words = f"{when(event.at)} {_(said) if said else event.kind}"
    if event.detail:
        words += f": {' '.join(event.detail.split())[:200]}"
    if event.status:
        words += f" ({event.status})"
    return words


@dataclass(frozen=True, slots=True)
class Later:
    """One thing the mailbox said about one customer, for a list the person reads."""

    customer: str
    row: int
    email: str
    kind: str  # composer.journal's BOUNCED, DELAYED, REPLIED or AUTO_REPLY
    words: str  # event_words

    @property
    def line(self) -> str:
        return _("Row {row}  {address}: {words}").format(
            row=self.row, address=self.email, words=self.words
        )


def later_in_the_mailbox(campaign: Campaign) -> list[Later]:
    """Every bounce and reply recorded for the campaign, newest first, with the customer's
    row and address as the campaign has them now."""
    deliveries = {d.customer: d for d in campaign.deliveries()}
    out = []
    for event in reversed(campaign.mailbox_events()):
        d = deliveries.get(event.customer)
        out.append(
            Later(
                event.customer,
                d.row if d else 0,
                d.email if d else event.customer,
                event.kind,
                event_words(event),
            )
        )
    return out


def table(campaign: Campaign) -> list[tuple[object, ...]]:
    """The report's rows (without the header), neutralised, in spreadsheet order: one per
    customer of the plan (composer.plan), so it says what the app and ``status`` say."""
    planned = campaign.plan()
    codes = dict(campaign.codes)
    if campaign.mailing.table is not None:
        # the codes not-yet-sent customers would get; nothing is given out here
        with contextlib.suppress(ComposerError):
            codes = {**assign(campaign.code_plan, campaign.audience(), codes), **codes}
    later: dict[str, list[str]] = {}
    for event in campaign.mailbox_events():
        later.setdefault(event.customer, []).append(event_words(event))
    out = []
    for fate in planned.fates:
        d = fate.delivery
        reply = ((d.last_reply if d else "") or "").replace("\r", " ").replace("\n", " ").strip()
        code = (d.code if d and d.code else None) or codes.get(fate.customer, "")
        state, why = state_name(fate.next), _(REASONS[fate.next])
        if fate.next == Next.SENT and accepted_only(reply):
            state, why = _(ACCEPTED_BY_MICROSOFT), _(WEAKER)
        out.append(
            tuple(
                neutralise(v)
                for v in (
                    fate.row,
                    fate.email,
                    fate.name,
                    code or "",
                    state,
                    why,
                    d.attempts if d else 0,
                    reply,
                    (d.message_id if d else None) or "",
                    when(d.sent_at if d else None),
                    "; ".join(later.get(fate.customer, ())),
                )
            )
        )
    return out


def export(campaign: Campaign, path: str | Path) -> int:
    """Write the report to ``path`` (.csv or .xlsx, by its suffix); returns the row count."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ReportError(
            _("The report file name {name} must end in .xlsx or .csv; choose one of those.").format(
                name=repr(path.name)
            )
        )
    body = table(campaign)
    try:
        if suffix == ".csv":
            # utf-8-sig so that Excel shows accented names correctly when it opens the file
            with path.open("w", newline="", encoding="utf-8-sig") as f:
                writer = csv.writer(f)
                writer.writerow(header())
                writer.writerows(body)
        else:
            _write_xlsx(path, body)
    except OSError as e:
        raise ReportError(
            _(
                "The report could not be written to {path} ({reason}); choose another folder."
            ).format(path=repr(str(path)), reason=e.strerror or e)
        ) from e
    return len(body)


def _write_xlsx(path: Path, body: list[tuple[object, ...]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    # Translators: the name of the report's sheet (at most 31 characters, none of : \ / ? * [ ])
    ws = wb.create_sheet(_("Deliveries"))
    widths = (10, 32, 24, 16, 18, 30, 9, 48, 48, 26)
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    titles = []
    for title in header():
        cell = WriteOnlyCell(ws, value=title)
        cell.font = bold
        titles.append(cell)
    ws.append(titles)
    for values in body:
        cells = []
        for v in values:
            cell = WriteOnlyCell(ws, value=v)
            if isinstance(v, str):
                cell.data_type = "s"  # text, never a formula, even after the apostrophe
            cells.append(cell)
        ws.append(cells)
    wb.save(path)

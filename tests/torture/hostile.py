"""Hostile inputs through the real CLI: whatever a customer list or an apology holds, the
command ends by itself, under its memory bound, with one sentence or a correct result, and
every message it writes goes to exactly one customer and shows no one else.

Each case writes its inputs into a temporary folder (nothing is committed: every workbook is
made here or by tests/spreadsheets.py) and runs ``check`` (and for some, ``preview``,
``preview --out`` or ``new`` + ``report``) in a capped child process (tests/limits.py). A case
is *handled* when every run of it

- ends within the time cap (a child killed for time is a hang),
- exits 0 or 1 with no traceback or native panic in its output, and with exactly one
  ``apology-composer:`` sentence whenever it fails with words on stderr,
- peaks under the quarantine's 2 GB and a little (a hostile template under 400 MB: the sandbox refuses such
  work before it runs, so refusing it must cost little),
- says "Ready to send" only when every message can be made (``preview --out`` makes them),
- when it gives a result, gives the right one: the names of a cp1252 or Shift-JIS list read
  as written, a ``{{ 7*7 }}`` from a cell printed as it is, nothing of Python's internals
  from a sandbox escape, no formula in the report.

The families: broken workbooks (garbage, truncated, damaged, encrypted), workbooks built to
exhaust the reader (zip bombs, XML entity bombs, far-corner, repeated and amplified cells),
odd but honest lists (encodings, line endings, hidden sheets, merged titles, ten thousand
columns, a 10 MB cell, formulas, error cells, a million rows), hostile cell values (line
breaks, NUL, header injection, RTL and zero-width characters, HTML, Jinja, IDN and quoted
addresses, two addresses in a cell, formula text) and hostile templates (syntax errors,
sandbox escapes, unbounded loops, huge arithmetic, deep nesting).

Every .eml a case writes is read back with the ``email`` package: exactly one address in To,
no Cc or Bcc, the same header names as an ordinary customer's message, no line over 998
octets, and no address of any other row of the list anywhere in it.

``run(False)`` is a sample of every family (well under a minute); ``run(True)`` is all of it,
with the memory-hungry cases also run without an outer cap below the engine's own (so the
engine's quarantine is what stops them, and its peak is what is measured) and a million rows.
``python -m tests.torture.hostile [--full]`` prints each case as it goes.
"""

from __future__ import annotations

import contextlib
import csv
import email
import email.policy
import random
import re
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from xml.sax.saxutils import escape

from composer import quarantine
from tests import spreadsheets as sheets
from tests.limits import MEMORY_CAP, TIME_CAP, Finished, run_cli
from tests.torture import Figures

# A workbook may make its reader grow by quarantine.MEMORY (2 GB) before it is stopped; a
# child peaking above that and a little more is a failure.
PEAK_LIMIT_KB = (quarantine.MEMORY + 256 * 1024**2) // 1024
# A template past a bound is refused before the work runs (composer/sandbox.py), so refusing
# it costs little: tests/test_sandbox.py holds the CLI to 400 MB for its hostile templates.
TEMPLATE_PEAK_KB = 400 * 1024
OWN_CAP = 4 * 1024**3  # an outer cap above the engine's own: its quarantine is what stops it
BIG_EML = 8 * 1024 * 1024  # no apology comes near this; a bigger .eml escaped the sandbox
CODE = "SORRY11"
SENDER = "Shop Owner <owner@shop.example>"

# An ordinary list the hostile rows are put into: the row before and the row after.
ANN = ["ann@example.com", "Ann", 1001]
CAT = ["cat@example.net", "Cat", 1003]
HEADER = ["Email", "First name", "Order"]

# The apology every list is run with: Markdown, so each message has an HTML part too.
APOLOGY = (
    "Subject: Sorry about order {{ order }}, {{ first_name }}\n"
    "\n"
    "Hi {{ first_name }},\n"
    "\n"
    "your order **{{ order }}** went wrong. Use {{ code }} next time.\n"
)
HYPERLINK = '=HYPERLINK("http://127.0.0.1/","Click")'

# What a template that got past the sandbox would print.
_LEAK_MARKERS = (
    "<class '",
    "<function ",
    "<built-in",
    "<module '",
    "<bound method",
    "__builtins__",
    "uid=",
    "root:x:",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_STDERR_PREFIXES = ("apology-composer:", "Note:", "Worth a second look:")


# --------------------------------------------------------------------------- the cases


@dataclass
class Outcome:
    """What the runs of one case left: each command's result, and the messages written."""

    folder: Path
    runs: dict[str, Finished] = field(default_factory=dict)
    messages: list[tuple[str, EmailMessage, bytes]] = field(default_factory=list)

    def out(self, command: str) -> str:
        done = self.runs.get(command)
        return done.stdout if done is not None else ""

    def code(self, command: str) -> int | None:
        done = self.runs.get(command)
        return done.returncode if done is not None else None


Verdict = Callable[[Outcome], list[str]]  # what is wrong with a result (nothing: right)


@dataclass
class Case:
    name: str
    family: str
    make: Callable[[Path], Path]  # writes the customer list into the folder, returns its path
    template: str = APOLOGY
    template_name: str = "apology.md"
    commands: tuple[str, ...] = ("check",)  # check, preview, eml (preview --out), report
    expect: Verdict | None = None  # the right result, judged when the runs gave one
    addresses: tuple[str, ...] = ()  # every customer address the list holds (for .eml checks)
    quick: bool = True  # part of the sample run(False) runs
    memory: int = MEMORY_CAP
    honest: bool = False  # an honest file: refusing it is not handling it
    peak_limit_kb: int = PEAK_LIMIT_KB


def _rows(*hostile: Sequence[object]) -> list[list[object]]:
    return [HEADER, ANN, *[list(r) for r in hostile], CAT]


def _addresses(*extra: str) -> tuple[str, ...]:
    return (str(ANN[0]), *extra, str(CAT[0]))


# --------------------------------------------------------------------------- generators
# Files no spreadsheet program writes, made here so nothing binary is committed.

_MAIN = sheets._MAIN  # the SpreadsheetML namespace
_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def _header_row_xml(*cells: str) -> str:
    return "".join(_inline(f"{chr(65 + i)}1", text) for i, text in enumerate(cells))


def _replace_part(path: Path, part: str, data: bytes) -> Path:
    """Rewrite one part of a zip (a workbook) with bytes of our choosing."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in parts.items():
            archive.writestr(name, payload)
    return path


def _honest_xlsx(path: Path) -> Path:
    return sheets.write_xlsx(path, _rows(["bob@example.org", "Bob", 1002]))


def _garbage(suffix: str, size: int = 64 * 1024, seed: int = 8) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / f"garbage{suffix}"
        path.write_bytes(random.Random(seed).randbytes(size))
        return path

    return make


def _pdf_renamed(folder: Path) -> Path:
    path = folder / "invoice.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 50)
    return path


def _empty(suffix: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / f"empty{suffix}"
        path.write_bytes(b"")
        return path

    return make


def _zip_without_workbook(folder: Path) -> Path:
    path = folder / "holiday-photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("IMG_0001.jpg", random.Random(1).randbytes(20_000))
        archive.writestr("readme.txt", "not a workbook")
    return path


def _ole_without_workbook(folder: Path) -> Path:
    path = folder / "legacy.xls"
    path.write_bytes(sheets.compound_file({"Junk": random.Random(2).randbytes(8192)}))
    return path


def _truncated(kind: str, keep: float) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        source = folder / f"whole.{kind}"
        rows = _rows(["bob@example.org", "Bob", 1002])
        {"xlsx": sheets.write_xlsx, "xls": sheets.write_xls, "ods": sheets.write_ods}[kind](
            source, rows
        )
        return sheets.write_corrupt_copy(source, folder / f"truncated.{kind}", keep)

    return make


def _damaged(folder: Path) -> Path:
    return sheets.write_damaged_sheet(_honest_xlsx(folder / "whole.xlsx"), folder / "damaged.xlsx")


def _bit_flipped(folder: Path) -> Path:
    """An honest workbook with a few hundred bytes flipped here and there, as a bad disk does."""
    data = bytearray(_honest_xlsx(folder / "whole.xlsx").read_bytes())
    rng = random.Random(3)
    for _ in range(300):
        data[rng.randrange(len(data))] ^= 0xFF
    path = folder / "flipped.xlsx"
    path.write_bytes(bytes(data))
    return path


def _laughs(where: str, levels: int = 9) -> Callable[[Path], Path]:
    """Billion laughs: ten entities each ten times the one before, in the sheet or in the
    shared strings; 3 GB of "lol" once expanded."""

    def make(folder: Path) -> Path:
        entities = '<!ENTITY l0 "lollollollol">' + "".join(
            f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)
        )
        top = f"&l{levels};"
        head = _header_row_xml("Email", "First name")
        if where == "sheet":
            path = sheets.write_raw_xlsx(folder / "laughs-in-sheet.xlsx", "")
            xml = (
                f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [{entities}]>'
                f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1">{head}</row>'
                f'<row r="2">{_inline("A2", "ann@example.com")}'
                f'<c r="B2" t="inlineStr"><is><t>{top}</t></is></c></row>'
                "</sheetData></worksheet>"
            )
            return _replace_part(path, "xl/worksheets/sheet1.xml", xml.encode())
        rows = (
            f'<row r="1">{head}</row><row r="2">{_inline("A2", "ann@example.com")}'
            '<c r="B2" t="s"><v>0</v></c></row>'
        )
        path = sheets.write_raw_xlsx(folder / "laughs-in-strings.xlsx", rows)
        xml = (
            f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{entities}]>'
            f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>{top}</t></si></sst>'
        )
        return _replace_part(path, "xl/sharedStrings.xml", xml.encode())

    return make


def _quadratic(folder: Path) -> Path:
    """One 100 KB entity used 10,000 times: no nesting, 1 GB once expanded."""
    entity = f'<!ENTITY big "{"x" * 100_000}">'
    rows = (
        f'<row r="1">{_header_row_xml("Email", "First name")}</row>'
        f'<row r="2">{_inline("A2", "ann@example.com")}<c r="B2" t="s"><v>0</v></c></row>'
    )
    path = sheets.write_raw_xlsx(folder / "quadratic.xlsx", rows)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{entity}]>'
        f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>{"&big;" * 10_000}</t></si></sst>'
    )
    return _replace_part(path, "xl/sharedStrings.xml", xml.encode())


def _external_entity(folder: Path) -> Path:
    """XXE: a shared string that is the text of /etc/passwd, if the reader fetched it."""
    rows = (
        f'<row r="1">{_header_row_xml("Email", "First name")}</row>'
        f'<row r="2">{_inline("A2", "ann@example.com")}<c r="B2" t="s"><v>0</v></c></row>'
    )
    path = sheets.write_raw_xlsx(folder / "external-entity.xlsx", rows)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>&x;</t></si></sst>'
    )
    return _replace_part(path, "xl/sharedStrings.xml", xml.encode())


def _deep_xml(folder: Path) -> Path:
    """A cell whose rich text nests 200,000 elements deep."""
    depth = 200_000
    rows = (
        f'<row r="1">{_header_row_xml("Email", "First name")}</row>'
        f'<row r="2">{_inline("A2", "ann@example.com")}<c r="B2" t="inlineStr"><is>'
        f"{'<r>' * depth}<t>Ann</t>{'</r>' * depth}</is></c></row>"
    )
    return sheets.write_raw_xlsx(folder / "deep.xlsx", rows)


def _ods_cell(text: str) -> str:
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(text)}</text:p>'
        "</table:table-cell>"
    )


def _repeated_ods(rows: int, columns: int) -> Callable[[Path], Path]:
    """An .ods of a few hundred bytes whose one repeated row, cell and value stand for
    ``rows`` x ``columns`` filled cells."""

    def make(folder: Path) -> Path:
        content = (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
            'office:version="1.3"><office:body><office:spreadsheet>'
            '<table:table table:name="Customers">'
            f"<table:table-row>{_ods_cell('Email')}{_ods_cell('First name')}</table:table-row>"
            f"<table:table-row>{_ods_cell('ann@example.com')}{_ods_cell('Ann')}</table:table-row>"
            f'<table:table-row table:number-rows-repeated="{rows}">'
            f'<table:table-cell table:number-columns-repeated="{columns}" '
            'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
            "</table:table></office:spreadsheet></office:body></office:document-content>"
        )
        path = folder / f"repeated-{rows}x{columns}.ods"
        sheets._write_ods_zip(path, content)
        return path

    return make


def _sparse_huge_csv(folder: Path) -> Path:
    """A 201 MB file (sparse on disk: made in no time) under a CSV name."""
    path = folder / "huge.csv"
    with path.open("wb") as f:
        f.write(b"Email,First name\r\nann@example.com,Ann\r\n")
        f.truncate(201 * 1024 * 1024)
    return path


def _csv_bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


NAMES_LATIN = [["ann@example.com", "Zoë Müller", 1001], ["bob@example.org", "Renée Façade", 1002]]
NAMES_JAPANESE = [["ann@example.com", "山田太郎", 1001], ["bob@example.org", "佐藤花子", 1002]]
NAMES_MIXED = [
    ["ann@example.com", "Ann", 1001],
    ["bob@example.org", "Bob", 1002],
    ["cat@example.net", "Cat", 1003],
    ["dan@example.com", "Dan", 1004],
]


def _encoded_csv(
    encoding: str, rows: list[list[object]], bom: bool = False
) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        name = f"list-{encoding}{'-bom' if bom else ''}.csv"
        return sheets.write_csv(folder / name, [HEADER, *rows], encoding=encoding, bom=bom)

    return make


def _million_csv(rows: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / f"rows-{rows}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write("Email,First name,Order\r\n")
            for start in range(0, rows, 10_000):
                f.write(
                    "".join(
                        f"c{i}@example.com,N{i},{i}\r\n"
                        for i in range(start, min(rows, start + 10_000))
                    )
                )
        return path

    return make


def _million_xlsx(folder: Path) -> Path:
    """999,999 customers in an .xlsx, streamed part by part (openpyxl would take minutes)."""
    path = sheets.write_raw_xlsx(folder / "rows-1000000.xlsx", "")
    with zipfile.ZipFile(path) as archive:
        parts = {
            info.filename: archive.read(info)
            for info in archive.infolist()
            if info.filename != "xl/worksheets/sheet1.xml"
        }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, payload in parts.items():
            archive.writestr(name, payload)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'
                f'<row r="1">{_header_row_xml("Email", "First name", "Order")}</row>'.encode()
            )
            for start in range(2, 1_000_001, 20_000):
                part.write(
                    "".join(
                        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>c{r}@example.com</t></is>'
                        f'</c><c r="B{r}" t="inlineStr"><is><t>N{r}</t></is></c>'
                        f'<c r="C{r}"><v>{r}</v></c></row>'
                        for r in range(start, min(1_000_001, start + 20_000))
                    ).encode()
                )
            part.write(b"</sheetData></worksheet>")
    return path


def _wide(kind: str, columns: int = 10_000) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        header = [*HEADER, *(f"Extra {i}" for i in range(columns))]
        rows = [header, [*ANN, *(["x"] * columns)], [*CAT, *(["y"] * columns)]]
        if kind == "csv":
            return sheets.write_csv(folder / "wide.csv", rows)
        return sheets.write_xlsx(folder / "wide.xlsx", rows)

    return make


def _big_cell(kind: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        rows = [[*HEADER, "Notes"], [*ANN, "y" * (10 * 1024 * 1024)], [*CAT, "short"]]
        if kind == "csv":
            return sheets.write_csv(folder / "big-cell.csv", rows)
        return sheets.write_xlsx(folder / "big-cell.xlsx", rows)

    return make


def _formulas_only(cached: bool) -> Callable[[Path], Path]:
    """Every cell a formula; with the values Excel saves, or (as some tools write) none."""

    def make(folder: Path) -> Path:
        if cached:
            formula = sheets.Formula
            rows: list[list[object]] = [
                [formula(f'"{h}"', h) for h in HEADER],
                [
                    formula('LOWER("ANN@EXAMPLE.COM")', "ann@example.com"),
                    formula('"Ann"', "Ann"),
                    formula("1000+1", 1001),
                ],
                [
                    formula('LOWER("CAT@EXAMPLE.NET")', "cat@example.net"),
                    formula('"Cat"', "Cat"),
                    formula("1000+3", 1003),
                ],
            ]
            return sheets.write_xlsx(folder / "formulas.xlsx", rows)
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.append(['="Email"', '="First name"'])
        sheet.append(['=LOWER("ANN@EXAMPLE.COM")', '="Ann"'])
        path = folder / "formulas-uncomputed.xlsx"
        workbook.save(path)
        return path

    return make


def _error_cells(folder: Path) -> Path:
    rows = (
        f'<row r="1">{_header_row_xml("Email", "First name", "Order")}</row>'
        f'<row r="2">{_inline("A2", "ann@example.com")}<c r="B2" t="e"><v>#DIV/0!</v></c>'
        '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        f'<row r="3"><c r="A3" t="e"><v>#N/A</v></c>{_inline("B3", "Bob")}'
        '<c r="C3" t="e"><v>#REF!</v></c></row>'
        f'<row r="4">{_inline("A4", "cat@example.net")}{_inline("B4", "Cat")}'
        '<c r="C4" t="e"><v>#VALUE!</v></c></row>'
    )
    return sheets.write_raw_xlsx(folder / "errors.xlsx", rows)


def _hidden_first(folder: Path) -> Path:
    decoy = [HEADER, ["old@example.com", "Old", 1], ["older@example.com", "Older", 2]]
    return sheets.write_xlsx(
        folder / "hidden.xlsx",
        _rows(["bob@example.org", "Bob", 1002]),
        sheets_before={"Old list": decoy},
        hidden=["Old list"],
    )


def _merged_title(folder: Path) -> Path:
    return sheets.write_xlsx(
        folder / "merged-title.xlsx",
        _rows(["bob@example.org", "Bob", 1002]),
        title_rows=["Customers affected by the outage", "Export of 3 December"],
    )


def _merged_header(folder: Path) -> Path:
    """A two-row header: "Customer" merged over Email and First name, "Order" over Order."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Customers"
    sheet.append(["Customer", None, "Purchase"])
    sheet.merge_cells("A1:B1")
    for row in _rows(["bob@example.org", "Bob", 1002]):
        sheet.append(row)
    path = folder / "merged-header.xlsx"
    workbook.save(path)
    return path


def _mixed_endings(folder: Path) -> Path:
    path = folder / "mixed-endings.csv"
    path.write_bytes(
        b"Email,First name,Order\r\nann@example.com,Ann,1001\nbob@example.org,Bob,1002\r"
        b"cat@example.net,Cat,1003\r\ndan@example.com,Dan,1004"
    )
    return path


def _nul_csv(folder: Path) -> Path:
    path = folder / "nul.csv"
    path.write_bytes(
        b"Email,First name,Order\r\nann@example.com,An\x00n,1001\r\nbob@example.org,Bob,1002\r\n"
    )
    return path


def _unclosed_quote(where: str) -> Callable[[Path], Path]:
    """A quote opened in a name cell and never closed: the cell swallows the rows after it."""

    def make(folder: Path) -> Path:
        lines = [
            "Email,First name,Order",
            "ann@example.com,Ann,1001",
            "bob@example.org,Bob,1002",
            "cat@example.net,Cat,1003",
            "dan@example.com,Dan,1004",
        ]
        at = {"early": 1, "late": 3}[where]
        email_cell, _, order = lines[at].split(",")
        lines[at] = f'{email_cell},"{email_cell.split("@")[0].title()},{order}'
        path = folder / f"unclosed-{where}.csv"
        path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
        return path

    return make


def _text_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """An .xlsx whose text cells are text, whatever they start with (openpyxl would store
    "=HYPERLINK(...)" as a formula, as if typed without Excel's leading apostrophe)."""
    xml = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif value is not None:
                text = escape(str(value)).replace("\r", "&#13;")
                cells.append(
                    f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
                )
        xml.append(f'<row r="{r}">{"".join(cells)}</row>')
    return sheets.write_raw_xlsx(path, "".join(xml))


def _cell_list(kind: str, *hostile: Sequence[object]) -> Callable[[Path], Path]:
    """The ordinary list with hostile rows between Ann and Cat: .xlsx (as Excel writes it,
    or "text" with every text cell stored as typed), .xls or .csv."""

    def make(folder: Path) -> Path:
        rows = _rows(*hostile)
        if kind == "text":
            return _text_xlsx(folder / "list.xlsx", rows)
        writer = {"xlsx": sheets.write_xlsx, "xls": sheets.write_xls, "csv": sheets.write_csv}
        return writer[kind](folder / f"list.{kind}", rows)

    return make


# --------------------------------------------------------------------------- verdicts


def _ready(count: int) -> Verdict:
    wanted = f"Ready to send to {count:,} customer{'s' if count != 1 else ''}."

    def verdict(outcome: Outcome) -> list[str]:
        last = outcome.out("check").strip().splitlines()[-1:] or [""]
        return [] if last[0] == wanted else [f"check said {last[0]!r}, not {wanted!r}"]

    return verdict


def _bodies_name(rows: Sequence[Sequence[object]]) -> Verdict:
    """Each customer's message greets them by the name their row holds, spelt as written."""

    def verdict(outcome: Outcome) -> list[str]:
        problems = []
        by_address = {_text_of(m)[0]: _text_of(m)[1] for _, m, _ in outcome.messages}
        for address, name, _ in rows:
            text = by_address.get(str(address).lower())
            if text is None:
                problems.append(f"no message for {address}")
            elif f"Hi {name}," not in text:
                problems.append(f"{address}'s message does not say 'Hi {name},'")
        return problems

    return verdict


def _all_of(*verdicts: Verdict) -> Verdict:
    def verdict(outcome: Outcome) -> list[str]:
        return [p for v in verdicts for p in v(outcome)]

    return verdict


def _message_of(address: str, outcome: Outcome) -> EmailMessage | None:
    for _, message, _ in outcome.messages:
        if _text_of(message)[0] == address:
            return message
    return None


def _literal(address: str, text: str, absent: str = "") -> Verdict:
    """The message to ``address`` shows ``text`` as it is (and never ``absent``)."""

    def verdict(outcome: Outcome) -> list[str]:
        message = _message_of(address, outcome)
        if message is None:
            return []  # refused: the general rules judged that
        _, plain, html = _text_of(message)
        problems = []
        if text not in plain:
            problems.append(f"the message to {address} does not show {text!r} as it is")
        if html and text not in html.replace("&quot;", '"').replace("&amp;", "&"):
            problems.append(f"the HTML part to {address} does not show {text!r} as it is")
        if absent and (absent in plain or absent in html):
            problems.append(f"the message to {address} shows {absent!r}: a cell was evaluated")
        return problems

    return verdict


def _html_escaped(address: str) -> Verdict:
    """No markup from a cell in the HTML part: every ``<`` of it escaped, no link made."""

    def verdict(outcome: Outcome) -> list[str]:
        message = _message_of(address, outcome)
        if message is None:
            return []
        html = _text_of(message)[2].lower()
        problems = []
        for tag in ("<script", "<img", "<b>", "<a ", "href="):
            if tag in html:
                problems.append(f"the HTML part to {address} holds {tag!r} from a cell")
        return problems

    return verdict


def _no_leak(outcome: Outcome) -> list[str]:
    """Nothing of Python's internals (or of the machine's files) in anything printed."""
    texts = [d.stdout + d.stderr for d in outcome.runs.values()]
    texts += [raw.decode("utf-8", "replace") for _, _, raw in outcome.messages]
    found = sorted({m for t in texts for m in _LEAK_MARKERS if m in t})
    return [f"output shows {m!r}" for m in found]


def _refused(outcome: Outcome) -> list[str]:
    """A template past a bound is refused: check says not ready, preview writes nothing."""
    problems = []
    if outcome.code("check") != 1 or "Ready to send" in outcome.out("check"):
        problems.append("check did not refuse the apology")
    if outcome.code("eml") != 1 or outcome.messages:
        problems.append(f"preview --out wrote {len(outcome.messages)} message(s)")
    return problems


def _report_neutral(outcome: Outcome) -> list[str]:
    """The delivery report (.csv and .xlsx) holds no cell a spreadsheet would run."""
    problems = []
    report = outcome.folder / "report.csv"
    if report.exists():
        with report.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    if cell.startswith(_FORMULA_STARTS):
                        problems.append(f"report.csv has the cell {cell[:60]!r}")
    else:
        problems.append("report.csv was not written")
    workbook_path = outcome.folder / "report.xlsx"
    if workbook_path.exists():
        from openpyxl import load_workbook

        workbook = load_workbook(workbook_path)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    if cell.data_type == "f" or (
                        isinstance(value, str) and value.startswith(_FORMULA_STARTS)
                    ):
                        problems.append(f"report.xlsx has the cell {str(value)[:60]!r}")
    else:
        problems.append("report.xlsx was not written")
    return problems


def _check_says(*texts: str) -> Verdict:
    def verdict(outcome: Outcome) -> list[str]:
        out = outcome.out("check")
        return [f"check did not say {t!r}" for t in texts if t not in out]

    return verdict


def _check_lacks(*texts: str) -> Verdict:
    def verdict(outcome: Outcome) -> list[str]:
        out = outcome.out("check") + outcome.out("preview")
        out += "".join(raw.decode("utf-8", "replace") for _, _, raw in outcome.messages)
        return [f"the output shows {t!r}" for t in texts if t in out]

    return verdict


def _consistent(outcome: Outcome) -> list[str]:
    """check's "ready" is no guess: when it says ready, preview makes every message."""
    if outcome.code("check") == 0 and outcome.code("eml") == 1:
        sentence = _sentences(outcome.runs["eml"].stderr)
        return [f"check said ready, but preview refused: {sentence[0] if sentence else '?'}"]
    return []


# --------------------------------------------------------------------------- the case list


def _cases(full: bool) -> list[Case]:
    # fmt: off
    cases = [
        # -- broken files: one sentence each
        Case("garbage bytes named .xlsx", "garbage", _garbage(".xlsx")),
        Case("garbage bytes named .xls", "garbage", _garbage(".xls"), quick=False),
        Case("garbage bytes named .ods", "garbage", _garbage(".ods"), quick=False),
        Case("garbage bytes named .csv", "garbage", _garbage(".csv")),
        Case("a PDF named .xlsx", "garbage", _pdf_renamed, quick=False),
        Case("an empty .xlsx", "garbage", _empty(".xlsx"), quick=False),
        Case("an empty .csv", "garbage", _empty(".csv"), quick=False),
        Case("a zip of photos named .xlsx", "garbage", _zip_without_workbook, quick=False),
        Case("an OLE file with no workbook named .xls", "garbage", _ole_without_workbook,
             quick=False),
        Case("a truncated .xlsx", "corrupt", _truncated("xlsx", 0.5)),
        Case("a truncated .xlsx (90%)", "corrupt", _truncated("xlsx", 0.9), quick=False),
        Case("a truncated .xls", "corrupt", _truncated("xls", 0.6), quick=False),
        Case("a truncated .ods", "corrupt", _truncated("ods", 0.5), quick=False),
        Case("a damaged sheet in an .xlsx", "corrupt", _damaged, quick=False),
        Case("an .xlsx with flipped bytes", "corrupt", _bit_flipped),
        Case("a password-protected .xlsx", "encrypted",
             lambda f: sheets.write_encrypted_xlsx(f / "locked.xlsx")),
        Case("a password-protected .ods", "encrypted",
             lambda f: sheets.write_encrypted_ods(f / "locked.ods"), quick=False),
        # -- built to exhaust the reader
        Case("a zip bomb", "bomb", lambda f: sheets.write_zip_bomb(f / "bomb.xlsx")),
        Case("a zip bomb of 300 MB", "bomb",
             lambda f: sheets.write_zip_bomb(f / "bomb-300.xlsx", megabytes=300), quick=False),
        Case("a zip claiming 1.9 GB", "bomb",
             lambda f: sheets.write_big_claiming_xlsx(f / "claims.xlsx"), quick=False),
        Case("billion laughs in the sheet", "entity bomb", _laughs("sheet")),
        Case("billion laughs in the shared strings", "entity bomb", _laughs("strings")),
        Case("one entity 10,000 times (quadratic)", "entity bomb", _quadratic, quick=False),
        Case("an external entity (XXE)", "entity bomb", _external_entity,
             commands=("check", "preview"), expect=_check_lacks("root:")),
        Case("200,000 nested elements", "entity bomb", _deep_xml, quick=False),
        Case("a cell at the far corner", "sparse",
             lambda f: sheets.write_far_corner_xlsx(f / "far-corner.xlsx")),
        Case("an .ods row repeated a million times", "sparse", _repeated_ods(1_000_000, 16_000)),
        Case("an .ods of 40 million repeated cells", "sparse", _repeated_ods(400_000, 100),
             quick=False),
        Case("one 9 MB string in 2,000 cells", "amplified",
             lambda f: sheets.write_amplified_xlsx(f / "amplified.xlsx")),
        Case("a looping .xls sector chain", "amplified",
             lambda f: sheets.write_looping_xls(f / "looping.xls")),
        Case("a 201 MB file named .csv", "amplified", _sparse_huge_csv, quick=False),
        # -- odd but honest lists: read right
        Case("a CSV in cp1252", "encoding", _encoded_csv("cp1252", NAMES_LATIN),
             commands=("check", "eml"), expect=_bodies_name(NAMES_LATIN), honest=True,
             addresses=("ann@example.com", "bob@example.org")),
        Case("a CSV in UTF-16 with BOM", "encoding", _encoded_csv("utf-16", NAMES_LATIN),
             commands=("check", "eml"), expect=_bodies_name(NAMES_LATIN), honest=True,
             addresses=("ann@example.com", "bob@example.org")),
        Case("a CSV in UTF-8 with BOM", "encoding",
             _encoded_csv("utf-8", NAMES_LATIN, bom=True), commands=("check", "eml"),
             expect=_bodies_name(NAMES_LATIN), honest=True, quick=False,
             addresses=("ann@example.com", "bob@example.org")),
        Case("a CSV in Shift-JIS", "encoding", _encoded_csv("shift_jis", NAMES_JAPANESE),
             commands=("check", "eml"), expect=_bodies_name(NAMES_JAPANESE), honest=True,
             addresses=("ann@example.com", "bob@example.org")),
        Case("a CSV with mixed line endings", "line endings", _mixed_endings,
             commands=("check", "eml"), expect=_bodies_name(NAMES_MIXED), honest=True,
             addresses=tuple(str(r[0]) for r in NAMES_MIXED)),
        Case("a CSV with a NUL byte", "line endings", _nul_csv),
        Case("a CSV with a quote never closed (early)", "unclosed quote", _unclosed_quote("early"),
             commands=("check", "eml"), addresses=tuple(str(r[0]) for r in NAMES_MIXED)),
        Case("a CSV with a quote never closed (late)", "unclosed quote", _unclosed_quote("late"),
             commands=("check", "eml"), addresses=tuple(str(r[0]) for r in NAMES_MIXED)),
        Case("ten thousand columns (.csv)", "wide", _wide("csv"), expect=_ready(2), honest=True),
        Case("ten thousand columns (.xlsx)", "wide", _wide("xlsx"), expect=_ready(2),
             honest=True, quick=False),
        Case("a 10 MB cell (.csv)", "big cell", _big_cell("csv")),
        Case("a 10 MB cell (.xlsx)", "big cell", _big_cell("xlsx"), quick=False),
        Case("formulas only, values saved", "formulas", _formulas_only(True),
             commands=("check", "eml"), expect=_all_of(_ready(2), _bodies_name([ANN, CAT])),
             addresses=_addresses(), honest=True),
        Case("formulas only, no values saved", "formulas", _formulas_only(False), quick=False),
        Case("error cells (#DIV/0!, #N/A, #REF!)", "formulas", _error_cells,
             commands=("check", "eml"), addresses=_addresses(),
             expect=_check_lacks("#DIV/0!", "#N/A", "#REF!", "#VALUE!")),
        Case("a hidden sheet before the list", "sheets", _hidden_first,
             expect=_all_of(_ready(3), _check_says('sheet "Customers"')), honest=True),
        Case("merged title rows above the header", "sheets", _merged_title, expect=_ready(3),
             honest=True),
        Case("a merged header over the header", "sheets", _merged_header, quick=False,
             commands=("check", "eml"), addresses=_addresses("bob@example.org")),
    ]
    cases += _cell_cases() + _report_cases() + _template_cases()
    if full:
        hungry = [c for c in cases if c.family in ("bomb", "sparse", "amplified")]
        hungry += [c for c in cases if c.family == "template" and c.peak_limit_kb < PEAK_LIMIT_KB]
        for case in hungry:
            cases.append(replace(
                case, name=f"{case.name}, under the engine's own cap", memory=OWN_CAP))
        cases += [
            Case("a million rows (.csv, the limit)", "million", _million_csv(999_999),
                 expect=_ready(999_999), memory=OWN_CAP, honest=True),
            Case("a million and one rows (.csv)", "million", _million_csv(1_000_000),
                 memory=OWN_CAP),
            Case("a million rows (.xlsx, the limit)", "million", _million_xlsx,
                 expect=_ready(999_999), memory=OWN_CAP, honest=True),
        ]
    # fmt: on
    return cases if full else [c for c in cases if c.quick]


def _cell_cases() -> list[Case]:
    """One hostile row (Bob's, between Ann and Cat) per case, each message read back."""
    bob = "bob@example.org"
    evil = "x@evil.example"

    def case(
        name: str,
        row: Sequence[object],
        *,
        kind: str = "xlsx",
        quick: bool = True,
        expect: Verdict | None = None,
        extra: tuple[str, ...] = (),
    ) -> Case:
        verdicts = [_consistent, *([expect] if expect else [])]
        return Case(
            name,
            "cell values",
            _cell_list(kind, row),
            commands=("check", "eml"),
            addresses=_addresses(*extra) if extra else _addresses(bob),
            quick=quick,
            expect=_all_of(*verdicts),
        )

    return [
        case("a name with CR LF", [bob, "Bob\r\nSmith", 1002]),
        case(
            "a name with NUL and control characters (.xls)",
            [bob, "Bo\x00b\x07\x1b[31m", 1002],
            kind="xls",
        ),
        case(
            "a name with line and paragraph separators",
            [bob, "Bob\u2028Cc: x@evil.example\u2029\x85", 1002],
            quick=False,
        ),
        case("header injection in a name", [bob, f"Bob\r\nBcc: {evil}", 1002]),
        case(
            "header injection in a name (.csv)",
            [bob, f"Bob\nBcc: {evil}\n\nbody", 1002],
            kind="csv",
            quick=False,
        ),
        case(
            "header injection in an order",
            [bob, "Bob", f"1002\r\nX-Injected: yes\r\nBcc: {evil}"],
            quick=False,
        ),
        case("header injection in an address", [f"{bob}\r\nBcc: {evil}", "Bob", 1002]),
        case(
            "an encoded word hiding a line break",
            [bob, f"=?utf-8?q?Bob=0D=0ABcc:_{evil}?=", 1002],
            kind="text",
        ),
        case(
            "right-to-left and zero-width characters",
            [bob, "\u202eboB\u202c \u200bأحمد\u200d\ufeff\u2066x\u2069", 1002],
        ),
        case("a 2,000-character name", [bob, "B" * 2000, 1002]),
        case(
            "HTML in a name",
            [bob, '<script>alert("x")</script><b>Bob</b> & <img src=x>', 1002],
            expect=_html_escaped(bob),
        ),
        case(
            "Markdown link in a name",
            [bob, "[Bob](javascript:alert(1)) **x**", 1002],
            expect=_html_escaped(bob),
            quick=False,
        ),
        case(
            "Jinja syntax in a name",
            [bob, "{{ 7*7 }}", 1002],
            expect=_literal(bob, "Hi {{ 7*7 }},", absent="Hi 49,"),
        ),
        case(
            "Jinja statements in an order",
            [bob, "Bob", "{% for i in range(3) %}x{% endfor %}{{ code }}"],
            expect=_literal(bob, "{% for i in range(3) %}x{% endfor %}{{ code }}"),
            quick=False,
        ),
        case("an IDN address", ["zoë@bücher.example", "Zoë", 1002], extra=("zoë@bücher.example",)),
        case(
            "a quoted local part",
            ['"bob smith"@example.org', "Bob", 1002],
            extra=('"bob smith"@example.org',),
            quick=False,
        ),
        case(
            "two addresses in one cell",
            [f"{bob}, dan@example.com", "Bob", 1002],
            extra=(bob, "dan@example.com"),
        ),
        case(
            "two addresses in one cell, with a name",
            [f"Bob <{bob}>; dan@example.com", "Bob", 1002],
            extra=(bob, "dan@example.com"),
            quick=False,
        ),
        case("another customer's address in a name", [bob, "Bob (or cat@example.net)", 1002]),
        case(
            "another customer's address in an order",
            [bob, "Bob", "1002 ANN@EXAMPLE.COM"],
            quick=False,
        ),
        case(
            "another customer's address behind a zero-width space",
            [bob, "Bob \u200bcat@example.net", 1002],
        ),
        case(
            "formula text in a name",
            [bob, HYPERLINK, 1002],
            kind="text",
            expect=_literal(bob, f"Hi {HYPERLINK},"),
        ),
    ]


def _report_cases() -> list[Case]:
    rows = [
        ["=2+3@example.com", HYPERLINK, 1],
        ["plus@example.com", "+1+2", 2],
        ["-2+3@example.com", "-2+3", 3],
        ["at@example.com", "@SUM(A1)", 4],
        ["tab@example.com", "\t=1+1", 5],
    ]
    return [
        Case(
            "formula text headed for the report",
            "formula text",
            lambda folder: _text_xlsx(folder / "formulas.xlsx", [HEADER, *rows]),
            commands=("check", "report"),
            expect=_report_neutral,
        )
    ]


_TEMPLATES: list[tuple[str, str, bool, bool]] = [
    # name, body, bounded (must be refused), quick
    ("a template with an unclosed {{", "Hi {{ first_name }", True, True),
    ("a template with a broken {% for %}", "{% for x in %}{% endfor %}", True, False),
    ("a template with an unclosed {% if %}", "{% if first_name %}Hi", True, False),
    ("a sandbox escape through __mro__", "{{ ''.__class__.__mro__ }}", False, True),
    ("a sandbox escape to subclasses",
     "{{ ''.__class__.__mro__[1].__subclasses__() }}", False, False),
    ("a sandbox escape through cycler globals", "{{ cycler.__init__.__globals__ }}", False, True),
    ("a sandbox escape through lipsum", "{{ lipsum.__globals__['os'].popen('id').read() }}",
     False, False),
    ("a sandbox escape through |attr", "{{ (''|attr('__class__')) }}", False, False),
    ("a sandbox escape through format", "{{ '{0.__class__}'.format(first_name) }}", False, False),
    ("a sandbox escape through self", "{{ self._TemplateReference__context }}", False, False),
    ("a sandbox escape through a loop's globals",
     "{% for x in [1] %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}", False, False),
    ("a loop of a billion turns", "{% for i in range(10**9) %}{% endfor %}", True, True),
    ("a billion characters", "{% for i in range(10**9) %}x{% endfor %}", True, False),
    ("three nested loops of a thousand",
     "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}x"
     "{% endfor %}{% endfor %}{% endfor %}", True, False),
    ("a loop that feeds itself", "{% set xs = [1] %}{% for x in xs %}{{ xs.append(x) }}"
     "{% endfor %}", True, True),
    ("a macro calling itself", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", True,
     False),
    ("9**(9**9)", "{{ 9**(9**9) }}", True, True),
    ("a 4 GB string", "{{ 'x' * 4 * 1024**3 }}", True, False),
    ("a list of a billion", "{{ [0] * 10**9 }}", True, False),
    ("a string squared", "{% set s = 'x' * 900000 %}{{ s | replace('x', s) }}", True, False),
    ("a billion-wide format", "{{ '%0999999999d' | format(1) }}", True, False),
    ("a billion-wide str.format", "{{ '{:0999999999}'.format(1) }}", True, True),
    ("a billion-wide named format", "{{ '%(a)0999999999d' | format(a=1) }}", True, False),
    ("a billion digits after the point", "{{ '%.999999999f' | format(1.5) }}", True, False),
    ("a billion-wide center", "{{ first_name | center(10**9) }}", True, False),
    ("2,000 nested ifs", "{% if 1 %}" * 2000 + "x" + "{% endif %}" * 2000, True, True),
    ("5,000 nested brackets", "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", True, False),
    ("a 2 MB template", "Hi {{ first_name }}\n" + "words " * 350_000, True, False),
]  # fmt: skip


def _template_cases() -> list[Case]:
    honest = _cell_list("csv", ["bob@example.org", "Bob", 1002])
    return [
        Case(
            name,
            "template",
            honest,
            template=f"Subject: Sorry {{{{ first_name }}}}\n\n{body}\n",
            template_name="apology.txt",
            commands=("check", "eml"),
            addresses=_addresses("bob@example.org"),
            expect=_all_of(_no_leak, *([_refused] if bounded else [])),
            quick=quick,
            peak_limit_kb=TEMPLATE_PEAK_KB if bounded else PEAK_LIMIT_KB,
        )
        for name, body, bounded, quick in _TEMPLATES
    ]


# --------------------------------------------------------------------------- running them


def _sentences(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("apology-composer:")]


def _run_problems(command: str, done: Finished) -> list[str]:
    """The general rules every run keeps, whatever the input."""
    problems = []
    both = done.stdout + done.stderr
    for word in ("Traceback", "panicked"):
        if word in both:
            problems.append(f"{command}: {word} in the output: {both[-300:]!r}")
    if done.returncode not in (0, 1):
        problems.append(f"{command}: exit code {done.returncode}")
    stray = [
        line for line in done.stderr.splitlines() if line and not line.startswith(_STDERR_PREFIXES)
    ]
    if stray:
        problems.append(f"{command}: stray lines on stderr: {stray[:3]!r}")
    said = _sentences(done.stderr)
    if done.returncode == 1:
        not_ready = command in ("check", "new") and "Not ready" in done.stdout and not said
        if len(said) != 1 and not not_ready:
            problems.append(f"{command}: exit 1 with {len(said)} sentences: {done.stderr[-300:]!r}")
    elif done.returncode == 0 and said:
        problems.append(f"{command}: exit 0 but said {said[0]!r}")
    if command == "check" and done.returncode == 0 and "Ready to send" not in done.stdout:
        problems.append("check: exit 0 without 'Ready to send'")
    return problems


def _argv(command: str, recipients: Path, template: Path) -> list[list[str]]:
    """The command lines one command of a case stands for."""
    source = ["--recipients", str(recipients), "--template", str(template)]
    folder = recipients.parent
    if command == "check":
        return [["check", *source, "--code", CODE]]
    if command == "preview":
        return [["preview", *source, "--code", CODE]]
    if command == "eml":
        return [["preview", *source, "--code", CODE, "--out", str(folder / "out")]]
    if command == "report":
        campaign = str(folder / "drill.apology")
        return [
            ["new", campaign, *source, "--code", CODE, "--from", SENDER],
            ["report", campaign, "--out", str(folder / "report.csv")],
            ["report", campaign, "--out", str(folder / "report.xlsx")],
        ]
    raise ValueError(command)


def _norm(address: str) -> str:
    """An address as it stands in a To header: domain in ASCII, case folded."""
    local, _, domain = address.strip().rpartition("@")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}".lower()


def _text_of(message: EmailMessage) -> tuple[str, str, str]:
    """(To address, plain text, HTML) of a message read back."""
    to = message.get("To")
    addresses = getattr(to, "addresses", ()) if to is not None else ()
    address = _norm(addresses[0].addr_spec) if len(addresses) == 1 else ""
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    return (
        address,
        str(plain.get_content()) if plain is not None else "",
        str(html.get_content()) if html is not None else "",
    )


_ORDINARY_HEADERS: set[str] = set()


def _ordinary_headers(root: Path) -> set[str]:
    """The header names of an ordinary customer's message, from a run of an ordinary list."""
    if not _ORDINARY_HEADERS:
        folder = root / "ordinary"
        folder.mkdir()
        recipients = sheets.write_xlsx(folder / "list.xlsx", _rows(["bob@example.org", "Bob", 1]))
        template = folder / "apology.md"
        template.write_text(APOLOGY, encoding="utf-8")
        run_cli(*_argv("eml", recipients, template)[0])
        for path in sorted((folder / "out").glob("*.eml")):
            message = _read_back(path.read_bytes())
            _ORDINARY_HEADERS.update(k.lower() for k in message)
            break
    return _ORDINARY_HEADERS


def _read_back(raw: bytes) -> EmailMessage:
    """A written message as a mail program reads it: the body as the bytes say, and address
    headers in UTF-8 where an address needs it (RFC 6532, as it was sent)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    head = raw.split(b"\r\n\r\n", 1)[0]
    if not head.isascii():
        readable = email.message_from_string(
            head.decode("utf-8") + "\r\n\r\n", policy=email.policy.default
        )
        for name in ("From", "To", "Reply-To"):
            if readable[name] is not None:
                message.replace_header(name, str(readable[name]))
    return message


def _message_problems(
    case: Case, path: Path, raw: bytes, message: EmailMessage, ordinary: set[str]
) -> list[str]:
    """One written message: one To, no Cc/Bcc, the ordinary headers, nobody else's address."""
    where = f".eml {path.name}"
    problems = []
    tos = message.get_all("To") or []
    addresses = [a for header in tos for a in getattr(header, "addresses", ())]
    if len(tos) != 1 or len(addresses) != 1:
        problems.append(f"{where} has {len(addresses)} addresses in {len(tos)} To headers")
    for name in ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"):
        if message.get(name) is not None:
            problems.append(f"{where} has a {name} header")
    names = {k.lower() for k in message}
    if ordinary and names != ordinary:
        extra, missing = sorted(names - ordinary), sorted(ordinary - names)
        problems.append(f"{where} headers differ from an ordinary message: +{extra} -{missing}")
    if any(len(line) > 998 for line in raw.split(b"\r\n")):
        problems.append(f"{where} has a line longer than 998 octets")
    if b"\x00" in raw:
        problems.append(f"{where} holds a NUL byte")
    if len(raw) > BIG_EML:
        problems.append(f"{where} is {len(raw):,} bytes")
    own, plain, html = _text_of(message)
    known = {_norm(a) for a in case.addresses}
    if known and own and own not in known:
        problems.append(f"{where} goes to {own}, which is no customer's address in the list")
    written = _written_to(raw)
    if own and written != own:
        problems.append(
            f"{where}: its To header, as written in the file, is the address {written!r}, "
            f"not {own!r} (a mail program opening it would write to that)"
        )
    seen = " ".join(
        [raw.decode("utf-8", "replace"), plain, html, *(str(v) for v in message.values())]
    ).lower()
    for other in sorted(known - {own}):
        variants = {other, other.split("@")[0] + "@" + _display_domain(other)}
        if any(v in seen for v in variants):
            problems.append(f"{where} (to {own}) shows another customer's address {other}")
    return problems


def _written_to(raw: bytes) -> str:
    """The address of the To header exactly as the file spells it, nothing decoded (an
    RFC 2047 encoded word is never part of an address: RFC 2047, section 5)."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    for line in re.sub(r"\r\n[ \t]+", " ", head).split("\r\n"):
        name, colon, value = line.partition(":")
        if colon and name.strip().lower() == "to":
            found = getaddresses([value])
            return _norm(found[0][1]) if len(found) == 1 else repr(found)
    return ""


def _display_domain(address: str) -> str:
    domain = address.rpartition("@")[2]
    try:
        return domain.encode("ascii").decode("idna")
    except UnicodeError:
        return domain


def _try(case: Case, root: Path, fig: Figures, verbose: bool) -> None:
    fig.hostile_run += 1
    folder = root / re.sub(r"[^a-z0-9]+", "-", case.name.lower()).strip("-")
    folder.mkdir()
    started = time.monotonic()
    problems: list[str] = []
    try:
        recipients = case.make(folder)
        template = folder / case.template_name
        template.write_text(case.template, encoding="utf-8")
    except Exception as error:  # the drill's own generator: not the engine's fault
        fig.fail(f"{case.name}: the input could not be made ({error!r})")
        return
    outcome = Outcome(folder)
    for command in case.commands:
        lines = _argv(command, recipients, template)
        for argv in lines:
            try:
                done = run_cli(*argv, memory=case.memory, cwd=folder)
            except AssertionError:  # run_cli killed it: a hang
                problems.append(f"{argv[0]} did not end within {TIME_CAP} s and was killed")
                break
            fig.peak(done.peak_kb, f"{case.name} ({argv[0]})")
            if done.peak_kb > case.peak_limit_kb:
                problems.append(
                    f"{argv[0]} peaked at {done.peak_kb // 1024:,} MB (the bound is "
                    f"{case.peak_limit_kb // 1024:,} MB)"
                )
            problems += _run_problems(argv[0], done)
            outcome.runs[command if len(lines) == 1 else argv[0]] = done
            if done.returncode not in (0, 1) or _sentences(done.stderr):
                break  # the rest of the command line needs what this one did not make
    if "eml" in case.commands:
        ordinary = _ordinary_headers(root)
        for path in sorted((folder / "out").glob("*.eml")):
            raw = path.read_bytes()
            try:
                message = _read_back(raw)
                if not isinstance(message, EmailMessage):
                    raise TypeError(type(message).__name__)
                problems += _message_problems(case, path, raw, message, ordinary)
            except Exception as error:  # a message the email package cannot read back
                problems.append(f".eml {path.name} cannot be read back ({error!r})")
                continue
            outcome.messages.append((path.name, message, raw))
    if case.honest and any(d.returncode != 0 for d in outcome.runs.values()):
        said = [s for d in outcome.runs.values() for s in _sentences(d.stderr)]
        last = outcome.out("check").strip().splitlines()[-1:]
        problems.append(f"an honest list was refused: {(said or last or ['?'])[0]}")
    if not problems and case.expect is not None and outcome.runs:
        try:
            problems += case.expect(outcome)
        except Exception as error:  # a verdict that cannot read the result: the result is wrong
            problems.append(f"the result could not be judged ({error!r})")
    if problems:
        fig.fail(f"{case.name}: " + "; ".join(problems))
    else:
        fig.hostile_handled += 1
    if verbose:
        said = [s for d in outcome.runs.values() for s in _sentences(d.stderr)]
        peak = max((d.peak_kb for d in outcome.runs.values()), default=0) // 1024
        mark = "ok  " if not problems else "FAIL"
        print(f"{mark} {time.monotonic() - started:6.2f}s {peak:5,} MB  {case.name}", flush=True)
        for line in problems or said[:1]:
            print(f"       {line[:400]}", flush=True)


def run(full: bool, *, verbose: bool = False) -> Figures:
    """Every hostile case (``full``) or a sample of each family, as figures."""
    fig = Figures()
    _ORDINARY_HEADERS.clear()
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        root = Path(tmp)
        if not _ordinary_headers(root):
            fig.fail("an ordinary list gave no message to compare the hostile ones with")
        for case in _cases(full):
            _try(case, root, fig, verbose)
    return fig


if __name__ == "__main__":
    began = time.monotonic()
    figures = run("--full" in sys.argv, verbose=True)
    print(figures)
    print(f"{time.monotonic() - began:.1f} s")

"""Loading customer spreadsheets: every format, the messy files people really have, and the
broken ones, each on a real file generated in tmp_path."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composer import sharing, table
from composer.errors import ComposerError, SpreadsheetError
from composer.table import Column, display, field_name, list_sheets, load
from tests.spreadsheets import (
    CUSTOMERS,
    Formula,
    compound_file,
    write_corrupt_copy,
    write_csv,
    write_damaged_sheet,
    write_encrypted_ods,
    write_encrypted_xlsx,
    write_ods,
    write_xls,
    write_xlsx,
    write_zip_bomb,
)

WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods}
EXPECTED_ROWS = [
    ("jane@example.com", "Jane", 1001, dt.date(2026, 11, 3), True),
    ("ali@example.org", "Ali", 1002, dt.date(2026, 11, 4), False),
    ("zoe@example.net", "Zoë", 1003, dt.date(2026, 11, 5), False),
]
EXPECTED_FIELDS = ["email", "first_name", "order", "order_date", "refunded"]


def error_of(path: Path, sheet: str | None = None) -> str:
    """Load a file that must be refused, and check the refusal is one plain sentence."""
    with pytest.raises(SpreadsheetError) as caught:
        load(path, sheet=sheet)
    message = str(caught.value)
    assert isinstance(caught.value, ComposerError)
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith("."), message
    return message


# --------------------------------------------------------------------------- workbooks


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_workbook_values_as_a_person_sees_them(tmp_path: Path, kind: str) -> None:
    path = WRITERS[kind](tmp_path / f"customers.{kind}", CUSTOMERS)
    t = load(path)
    assert t.fields == EXPECTED_FIELDS
    assert [c.header for c in t.columns] == CUSTOMERS[0]
    assert t.rows == EXPECTED_ROWS
    assert t.row_numbers == [2, 3, 4]
    assert t.sheet == "Customers" and t.sheets == ["Customers"]
    assert t.source == path and len(t) == 3
    assert isinstance(t.rows[0][2], int) and isinstance(t.rows[0][4], bool)


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_integral_floats_dates_times_formulas_and_spaces(tmp_path: Path, kind: str) -> None:
    rows = [
        ["Email", "Name", "Order", "Amount", "When", "Total"],
        [
            " jane@example.com ",
            "\u00a0Jane Doe  ",
            1001.0,
            12.5,
            dt.datetime(2026, 11, 3, 14, 30),
            Formula("C2*2", 2002),
        ],  # fmt: skip
        ["ali@example.org", "Ali", 7.0, 0.1, dt.datetime(2026, 11, 4), Formula("C3*2", 14.5)],
    ]
    t = WRITERS[kind](tmp_path / f"values.{kind}", rows)
    loaded = load(t)
    assert loaded.rows[0] == (
        "jane@example.com",
        "Jane Doe",
        1001,
        12.5,
        dt.datetime(2026, 11, 3, 14, 30),
        2002,
    )
    assert type(loaded.rows[0][2]) is int and type(loaded.rows[0][5]) is int
    assert loaded.rows[1][2:] == (7, 0.1, dt.date(2026, 11, 4), 14.5)
    assert type(loaded.rows[1][4]) is dt.date  # midnight: a date, shown without a time


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.parametrize(
    "titles", [["Customers affected by the invoice mistake"], ["Invoice mistake", "Nov 2026"]]
)
def test_header_found_below_title_rows(tmp_path: Path, kind: str, titles: list[str]) -> None:
    path = WRITERS[kind](tmp_path / f"titled.{kind}", CUSTOMERS, title_rows=titles)
    t = load(path)
    assert t.fields == EXPECTED_FIELDS
    first = len(titles) + 3  # titles, one blank row, the header, then the first customer
    assert t.row_numbers == [first, first + 1, first + 2]
    assert t.rows == EXPECTED_ROWS


def test_blank_rows_and_trailing_blank_columns_are_ignored(tmp_path: Path) -> None:
    rows = [
        ["Email", "Name", None, "Note", None, None],
        ["jane@example.com", "Jane", None, None, None, None],
        [],
        [None, "   ", None, None, None, None],
        ["ali@example.org", "Ali", None, "VIP", None, None],
    ]
    path = write_xlsx(tmp_path / "gaps.xlsx", rows)
    from openpyxl import load_workbook

    wb = load_workbook(path)  # stray formatting far to the right, as real sheets have
    wb["Customers"]["H9"].number_format = "0.00"
    wb["Customers"]["H9"].value = "  "
    wb.save(path)
    t = load(path)
    assert t.fields == ["email", "name", "note"]
    assert t.rows == [("jane@example.com", "Jane", ""), ("ali@example.org", "Ali", "VIP")]
    assert t.row_numbers == [2, 5]


def test_unnamed_column_with_values_is_named_after_its_letter(tmp_path: Path) -> None:
    rows = [["Email", None, "Name"], ["jane@example.com", "A-1", "Jane"]]
    t = load(write_xlsx(tmp_path / "unnamed.xlsx", rows))
    assert t.columns[1] == Column(header="Column B", field="column_b")
    assert t.rows == [("jane@example.com", "A-1", "Jane")]


def test_data_starting_away_from_a1_keeps_row_numbers_and_letters(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws["C4"], ws["D4"], ws["E4"] = "Email", None, "Name"
    ws["C5"], ws["D5"], ws["E5"] = "jane@example.com", 1, "Jane"
    ws["C7"], ws["E7"] = "ali@example.org", "Ali"
    wb.save(tmp_path / "offset.xlsx")
    t = load(tmp_path / "offset.xlsx")
    assert t.fields == ["email", "column_d", "name"]
    assert t.row_numbers == [5, 7]


def test_header_only_sheet_gives_no_rows(tmp_path: Path) -> None:
    t = load(write_xlsx(tmp_path / "header.xlsx", [CUSTOMERS[0]]))
    assert t.fields == EXPECTED_FIELDS and t.rows == [] and t.row_numbers == []


def test_one_column_list_with_a_title(tmp_path: Path) -> None:
    rows = [["Email"], ["jane@example.com"], ["ali@example.org"]]
    t = load(write_xlsx(tmp_path / "one.xlsx", rows, title_rows=["Unhappy customers"]))
    assert t.fields == ["email"]
    assert t.rows == [("jane@example.com",), ("ali@example.org",)]
    assert t.row_numbers == [4, 5]


def test_header_cells_clash_and_odd_names(tmp_path: Path) -> None:
    rows = [
        ["E-mail address", "email address", "Email address 2", "Order #", "2024 orders", "#"],
        ["jane@example.com", "x", "y", 1, 2, 3],
    ]
    t = load(write_csv(tmp_path / "clash.csv", rows))
    assert t.fields == [
        "e_mail_address",
        "email_address",
        "email_address_2",
        "order",
        "col_2024_orders",
        "column_f",
    ]
    rows[0][1] = "E-mail  address"
    t = load(write_csv(tmp_path / "clash2.csv", rows))
    assert t.fields[:3] == ["e_mail_address", "e_mail_address_2", "email_address_2"]
    assert [c.header for c in t.columns][:2] == ["E-mail address", "E-mail  address"]


# --------------------------------------------------------------------------- sheets


def test_first_non_empty_sheet_is_the_default(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "multi.xlsx",
        CUSTOMERS,
        sheets_before={"Empty": []},
        extra_sheets={"Codes": [["Code"], ["SORRY11"]]},
    )
    t = load(path)
    assert t.sheet == "Customers" and t.sheets == ["Empty", "Customers", "Codes"]
    assert list_sheets(path) == ["Empty", "Customers", "Codes"]
    assert load(path, sheet="Codes").rows == [("SORRY11",)]
    assert load(path, sheet=" codes ").sheet == "Codes"  # forgiving about case and spaces
    assert load(path, sheet="3").sheet == "Codes"  # or its position
    message = error_of(path, sheet="Clients")
    assert "Clients" in message and "Empty, Customers, Codes" in message


def test_hidden_sheet_is_not_the_default(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "hidden.xlsx",
        CUSTOMERS,
        sheets_before={"Old list": [["Email"], ["old@example.com"]]},
        hidden=["Old list"],
    )
    assert load(path).sheet == "Customers"
    assert load(path, sheet="Old list").rows == [("old@example.com",)]


def test_sheet_without_header_is_skipped_for_the_next(tmp_path: Path) -> None:
    notes = [["Read me first"], [], [12, 13, 14], [15, 16, 17]]
    path = write_xlsx(tmp_path / "notes.xlsx", CUSTOMERS, sheets_before={"Notes": notes})
    assert load(path).sheet == "Customers"


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_sheets_of_other_formats(tmp_path: Path, kind: str) -> None:
    path = WRITERS[kind](tmp_path / f"m.{kind}", CUSTOMERS, extra_sheets={"Other": [["A"]]})
    assert list_sheets(path) == ["Customers", "Other"]
    assert load(path, sheet="Other").fields == ["a"]


def test_ods_with_libreoffice_style_repeated_empty_rows(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "lo.ods", CUSTOMERS, trailing_empty_rows=1_048_000)
    t = load(path)
    assert t.rows == EXPECTED_ROWS and t.row_numbers == [2, 3, 4]


def test_csv_has_no_sheets(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", CUSTOMERS)
    assert list_sheets(path) == []
    t = load(path)
    assert t.sheet is None and t.sheets == []


# --------------------------------------------------------------------------- CSV

CSV_ROWS = [
    ["Email", "Name", "City", "Amount"],
    ["jane@example.com", "Zoë Müller", "Köln", "12,50"],
    ["ali@example.org", "François Groß", "Cádiz", "3"],
    ["bob@example.net", "Renée Ørsted", "Århus", "€ 5"],
]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", False),
        ("utf-8", True),
        ("utf-16", False),  # Python's utf-16 always writes a byte-order mark
        ("utf-16-le", True),
        ("utf-16-be", True),
        ("cp1252", False),
    ],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_encodings_and_delimiters(
    tmp_path: Path, encoding: str, bom: bool, delimiter: str
) -> None:
    path = write_csv(tmp_path / "list.csv", CSV_ROWS, encoding, delimiter, bom)
    t = load(path)
    assert t.fields == ["email", "name", "city", "amount"]
    assert t.rows == [tuple(r) for r in CSV_ROWS[1:]]
    assert t.row_numbers == [2, 3, 4]


def test_latin1_csv(tmp_path: Path) -> None:
    rows = [["Email", "Nom"], ["a@example.com", "José Núñez"], ["b@example.com", "Hélène"]]
    t = load(write_csv(tmp_path / "latin.csv", rows, encoding="latin-1", delimiter=";"))
    assert [r[1] for r in t.rows] == ["José Núñez", "Hélène"]


def test_charset_detection_is_lazy() -> None:
    """UTF-8 files (the common case) must not pay for importing charset-normalizer."""
    code = (
        "import sys, composer.table; "
        "print(any(m in sys.modules for m in ('charset_normalizer', 'openpyxl', 'csv')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_delimiter_not_fooled_by_commas_in_quotes_or_names(tmp_path: Path) -> None:
    semicolons = (
        "Name;Email;Note\r\n"
        "Doe, Jane;jane@example.com;likes commas, many, of, them\r\n"
        'Khan, Ali;ali@example.org;"said ""hi""; then left"\r\n'
        "Rossi, Marta;marta@example.net;ok\r\n"
    )
    (tmp_path / "semi.csv").write_text(semicolons, encoding="utf-8", newline="")
    t = load(tmp_path / "semi.csv")
    assert t.fields == ["name", "email", "note"]
    assert t.rows[0] == ("Doe, Jane", "jane@example.com", "likes commas, many, of, them")
    assert t.rows[1][2] == 'said "hi"; then left'
    commas = 'Email,Name\r\njane@example.com,"Doe; Jane"\r\nali@example.org,"Khan; Ali"\r\n'
    (tmp_path / "comma.csv").write_text(commas, encoding="utf-8", newline="")
    assert load(tmp_path / "comma.csv").rows[1] == ("ali@example.org", "Khan; Ali")


def test_quoted_newlines_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    rows = [
        ["Email", "Address"],
        ["jane@example.com", "1 Rue de la Paix\n75002 Paris\nFrance"],
        [],
        ["ali@example.org", "Flat 2\r\nLeeds"],
        ["bob@example.net", "plain"],
    ]
    t = load(write_csv(tmp_path / "multiline.csv", rows))
    assert t.rows[0][1] == "1 Rue de la Paix\n75002 Paris\nFrance"
    assert t.row_numbers == [2, 4, 5]  # record numbers, as Excel shows them


def test_csv_title_rows_short_records_and_spaces(tmp_path: Path) -> None:
    text = (
        "Customers affected by the invoice mistake\n"
        "\n"
        " Email , First Name ,Order #\n"
        "jane@example.com, Jane ,1001\n"
        "ali@example.org,Ali\n"
        ",,\n"
        'bob@example.net, "Bob, Jr.",1003,extra\n'
    )
    (tmp_path / "messy.csv").write_text(text, encoding="utf-8")
    t = load(tmp_path / "messy.csv")
    assert t.fields == ["email", "first_name", "order", "column_d"]
    assert t.rows == [
        ("jane@example.com", "Jane", "1001", ""),
        ("ali@example.org", "Ali", "", ""),
        ("bob@example.net", "Bob, Jr.", "1003", "extra"),
    ]
    assert t.row_numbers == [4, 5, 7]


def test_excel_sep_line_and_tsv(tmp_path: Path) -> None:
    (tmp_path / "sep.csv").write_text("sep=|\nEmail|Name\na@example.com|A, B\n", "utf-8")
    t = load(tmp_path / "sep.csv")
    assert t.rows == [("a@example.com", "A, B")] and t.row_numbers == [2]
    path = write_csv(tmp_path / "list.tsv", [["Email"], ["a@example.com"]], delimiter="\t")
    assert load(path).rows == [("a@example.com",)]


def test_one_column_csv_and_txt(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.txt", [["Email"], ["a@example.com"], ["b@example.com"]])
    assert load(path).rows == [("a@example.com",), ("b@example.com",)]


def test_csv_keeps_text_exactly(tmp_path: Path) -> None:
    rows = [["Email", "Zip", "Order"], ["a@example.com", "00123", "1001.0"]]
    assert load(write_csv(tmp_path / "text.csv", rows)).rows == [
        ("a@example.com", "00123", "1001.0")
    ]


# --------------------------------------------------------------------------- by content


def test_workbook_under_the_wrong_name_still_loads(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "real.xlsx", CUSTOMERS)
    xls = write_xls(tmp_path / "real.xls", CUSTOMERS)
    for source, name in [(xlsx, "renamed.xls"), (xlsx, "renamed.csv"), (xls, "renamed.xlsx")]:
        target = tmp_path / name
        target.write_bytes(source.read_bytes())
        assert load(target).rows == EXPECTED_ROWS, name
    ods = write_ods(tmp_path / "real.ods", CUSTOMERS)
    (tmp_path / "ods.xlsx").write_bytes(ods.read_bytes())
    assert load(tmp_path / "ods.xlsx").rows == EXPECTED_ROWS


def test_csv_saved_with_a_workbook_name_loads_as_text(tmp_path: Path) -> None:
    write_csv(tmp_path / "export.xls", CUSTOMERS, delimiter="\t")
    assert load(tmp_path / "export.xls").fields == EXPECTED_FIELDS


# --------------------------------------------------------------------------- bad files


def test_file_not_found_and_folder(tmp_path: Path) -> None:
    assert "no file" in error_of(tmp_path / "missing.xlsx")
    (tmp_path / "dir.xlsx").mkdir()
    assert "folder" in error_of(tmp_path / "dir.xlsx")


@pytest.mark.parametrize("name", ["notes.pdf", "list.docx", "list.numbers", "list"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    write_csv(tmp_path / name, CUSTOMERS)
    message = error_of(tmp_path / name)
    assert ".xlsx" in message and ".csv" in message


def test_pdf_and_random_bytes_renamed(tmp_path: Path) -> None:
    (tmp_path / "invoice.xlsx").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "PDF" in error_of(tmp_path / "invoice.xlsx")
    (tmp_path / "noise.xlsx").write_bytes(bytes(range(256)) * 40)
    assert "not a spreadsheet" in error_of(tmp_path / "noise.xlsx")
    (tmp_path / "page.xls").write_text("<html><body><table><tr><td>x</td></tr></table>")
    assert "web page" in error_of(tmp_path / "page.xls")
    import zipfile

    with zipfile.ZipFile(tmp_path / "photos.xlsx", "w") as archive:
        archive.writestr("holiday.txt", "not a workbook")
    assert "zip archive" in error_of(tmp_path / "photos.xlsx")


def test_password_protected_workbooks(tmp_path: Path) -> None:
    assert "password" in error_of(write_encrypted_xlsx(tmp_path / "secret.xlsx"))
    assert "password" in error_of(write_encrypted_ods(tmp_path / "secret.ods"))
    with pytest.raises(SpreadsheetError, match="password"):
        list_sheets(tmp_path / "secret.xlsx")


def test_compound_file_without_encryption_is_not_called_protected(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    path.write_bytes(compound_file({"WordDocument": b"\x00" * 4096}))
    message = error_of(path)
    assert "password" not in message and "damaged" in message


def test_damaged_workbooks(tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "good.xlsx", CUSTOMERS)
    assert "damaged" in error_of(write_corrupt_copy(source, tmp_path / "cut.xlsx"))
    assert "damaged" in error_of(write_damaged_sheet(source, tmp_path / "bad.xlsx"))
    xls = write_xls(tmp_path / "good.xls", CUSTOMERS)
    assert "damaged" in error_of(write_corrupt_copy(xls, tmp_path / "cut.xls", keep=0.3))


def test_zip_bomb_is_not_unpacked(tmp_path: Path) -> None:
    message = error_of(write_zip_bomb(tmp_path / "bomb.xlsx"))
    assert "unpack" in message


def test_zip_declaring_too_much_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", CUSTOMERS)
    monkeypatch.setattr(table, "MAX_UNZIPPED_BYTES", 1000)
    assert "too large" in error_of(path)


def test_empty_files_and_sheets(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    assert "empty" in error_of(tmp_path / "empty.csv")
    (tmp_path / "blank.csv").write_text("\n\n , ,\n")
    assert "empty" in error_of(tmp_path / "blank.csv")
    path = write_xlsx(tmp_path / "nothing.xlsx", [], extra_sheets={"Sheet2": []})
    assert "no data" in error_of(path)
    full = write_xlsx(tmp_path / "named.xlsx", CUSTOMERS, extra_sheets={"Blank": []})
    assert "empty" in error_of(full, sheet="Blank")


def test_no_header_row(tmp_path: Path) -> None:
    rows = [["jane@example.com", "Jane"], ["ali@example.org", "Ali"]]
    message = error_of(write_xlsx(tmp_path / "headless.xlsx", rows))
    assert "Row 1" in message and "jane@example.com" in message
    with pytest.raises(SpreadsheetError) as caught:
        load(write_csv(tmp_path / "headless.csv", rows))
    assert caught.value.row == 1
    numbers = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    assert "column names" in error_of(write_xlsx(tmp_path / "numbers.xlsx", numbers))


def test_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "big.csv", CUSTOMERS)
    monkeypatch.setattr(table, "MAX_FILE_BYTES", 50)
    message = error_of(path)
    assert "too large" in message and "MB" in message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_too_many_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    rows = [["Email"]] + [[f"c{i}@example.com"] for i in range(20)]
    path = (
        write_xlsx(tmp_path / "x.xlsx", rows)
        if kind == "xlsx"
        else write_csv(tmp_path / "x.csv", rows)
    )
    monkeypatch.setattr(table, "MAX_ROWS", 10)
    assert "too many" in error_of(path)


def test_unclosed_quote_in_huge_field(tmp_path: Path) -> None:
    text = 'Email,Note\na@example.com,"never closed\n' + ("x" * 200 + "\n") * 1000
    (tmp_path / "quote.csv").write_text(text, encoding="utf-8")
    assert "quote" in error_of(tmp_path / "quote.csv")


# --------------------------------------------------------------------------- names and text


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("First Name", "first_name"),
        ("E-mail address", "e_mail_address"),
        ("Order #", "order"),
        ("  Email  ", "email"),
        ("Prénom", "prénom"),
        ("Straße", "straße"),
        ("名前", "名前"),
        ("2024 orders", "col_2024_orders"),
        ("customer_id", "customer_id"),
        ("__id__", "id"),
        ("In", "in_"),
        ("None", "none_"),
        ("Total (€)", "total"),
        ("Pre\u0301nom", "prénom"),  # decomposed accent, as macOS writes it
        ("#", ""),
        ("", ""),
    ],
)
def test_field_name(header: str, name: str) -> None:
    assert field_name(header) == name
    if name:
        assert name.isidentifier()


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("", ""),
        ("Jane", "Jane"),
        (1001, "1001"),
        (1001.0, "1001"),
        (-0.0, "0"),
        (12.5, "12.5"),
        (0.1 + 0.2, "0.3"),
        (1234567.891, "1234567.891"),
        (True, "TRUE"),
        (False, "FALSE"),
        (dt.date(2026, 11, 3), "2026-11-03"),
        (dt.datetime(2026, 11, 3), "2026-11-03"),
        (dt.datetime(2026, 11, 3, 14, 30), "2026-11-03 14:30"),
        (dt.datetime(2026, 11, 3, 14, 30, 5), "2026-11-03 14:30:05"),
        (dt.time(9, 5), "09:05"),
        (dt.timedelta(hours=1, minutes=30), "1:30:00"),
    ],
)
def test_display(value: object, text: str) -> None:
    assert display(value) == text  # type: ignore[arg-type]


def test_column_index() -> None:
    t = table.Table([Column("Email", "email"), Column("Name", "name")], [], [])
    assert t.column_index("name") == 1
    with pytest.raises(KeyError):
        t.column_index("city")


def test_pausing_the_collector_keeps_garbage_collectable_and_frozen_objects_frozen() -> None:
    """collector_paused sends what was built to the oldest generation; a cycle made inside is
    still collected later, the collector's state comes back, and a freeze made by someone
    else stays as it was."""
    import gc
    import weakref

    class Node:
        pass

    assert gc.isenabled()
    with sharing.collector_paused():
        assert not gc.isenabled()
        node = Node()
        node.self = node  # type: ignore[attr-defined]
        alive = weakref.ref(node)
        del node
    assert gc.isenabled()
    gc.collect()
    assert alive() is None

    gc.disable()
    try:
        with sharing.collector_paused():
            pass
        assert not gc.isenabled()  # it was off before, so it stays off
    finally:
        gc.enable()

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with sharing.collector_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


# --------------------------------------------------------------------------- sharing the GUI


def _sheet_rows_both_ways(path: Path, name: str) -> tuple[list | None, list]:
    """The used area of one sheet through the row iterator in chunks and in one call."""
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as workbook:
        sheet = workbook.get_sheet_by_name(name)
        chunked = table._rows_in_chunks(sheet, sheet.start[0], sheet.height)
        whole = workbook.get_sheet_by_name(name).to_python(skip_empty_area=True)
    return chunked, whole


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_chunked_read_gives_the_same_cells_as_one_call(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table, "_READ_CHUNK", 2)  # several chunks even for a short list
    rows = [*CUSTOMERS, *CUSTOMERS[1:], [], *CUSTOMERS[1:]]
    path = WRITERS[kind](tmp_path / f"c.{kind}", rows, title_rows=["Customers to apologise to"])
    chunked, whole = _sheet_rows_both_ways(path, "Customers")
    assert chunked is not None and chunked == whole
    assert len(chunked) == len(rows) + 2  # the title row and the blank row under it


def test_chunked_read_of_a_sheet_starting_away_from_a1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    monkeypatch.setattr(table, "_READ_CHUNK", 2)
    wb = Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws["C4"], ws["E4"] = "Email", "Name"
    ws["C5"], ws["E5"] = "jane@example.com", "Jane"
    ws["C9"], ws["E9"] = "ali@example.org", "Ali"
    wb.save(tmp_path / "offset.xlsx")
    chunked, whole = _sheet_rows_both_ways(tmp_path / "offset.xlsx", "Customers")
    assert chunked is not None and chunked == whole
    assert chunked[0] == ["Email", "", "Name"] and len(chunked) == 6
    fast, gentle = load(tmp_path / "offset.xlsx"), load(tmp_path / "offset.xlsx", chunked=True)
    assert gentle.rows == fast.rows == [("jane@example.com", "Jane"), ("ali@example.org", "Ali")]
    assert gentle.row_numbers == fast.row_numbers == [5, 9]


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_chunked_load_gives_the_same_table(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table, "_READ_CHUNK", 3)
    before = {"sheets_before": {"Empty": []}} if kind == "xlsx" else {}
    path = WRITERS[kind](
        tmp_path / f"m.{kind}",
        [*CUSTOMERS, [], *CUSTOMERS[1:]],
        extra_sheets={"Codes": [["Code"], ["SORRY11"]]},
        **before,
    )
    for sheet in (None, "Codes"):
        fast, gentle = load(path, sheet), load(path, sheet, chunked=True)
        assert gentle == fast and gentle.sheet == fast.sheet
    assert load(path, chunked=True).rows == EXPECTED_ROWS * 2
    assert load(path, chunked=True).row_numbers == [2, 3, 4, 6, 7, 8]


def test_chunked_load_of_libreoffice_repeated_empty_rows(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "lo.ods", CUSTOMERS, trailing_empty_rows=1_048_000)
    t = load(path, chunked=True)
    assert t.rows == EXPECTED_ROWS and t.row_numbers == [2, 3, 4]


def test_a_sharing_thread_reads_in_chunks_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from composer import quarantine

    # In this process (where no fork is available, the app reads here too); in a quarantine
    # child there is no GUI thread to make room for.
    monkeypatch.setattr(quarantine, "inside", lambda: True)
    path = write_xlsx(tmp_path / "c.xlsx", CUSTOMERS)
    calls: list[tuple[str, bool]] = []
    read = table._read_sheet

    def spy(path: Path, workbook: object, name: str, chunked: bool = False):  # type: ignore[no-untyped-def]
        calls.append((threading.current_thread().name, chunked))
        return read(path, workbook, name, chunked)

    monkeypatch.setattr(table, "_read_sheet", spy)

    def in_the_app() -> None:
        sharing.share_interpreter()
        assert load(path).rows == EXPECTED_ROWS
        assert load(path, chunked=False).rows == EXPECTED_ROWS  # an explicit choice wins

    app_thread = threading.Thread(target=in_the_app, name="app-worker")
    app_thread.start()
    app_thread.join()
    assert load(path).rows == EXPECTED_ROWS  # this thread never asked: the fast path
    main = threading.current_thread().name
    assert calls == [("app-worker", True), ("app-worker", False), (main, False)]


def test_in_slices_covers_every_item_once(monkeypatch: pytest.MonkeyPatch) -> None:
    items = list(range(23))
    assert [list(s) for s in sharing.in_slices(items, 10)] == [items[:10], items[10:20], items[20:]]
    assert list(sharing.in_slices([], 10)) == []
    monkeypatch.setattr(sharing, "SLICE", 5)
    assert [len(s) for s in sharing.in_slices(items)] == [5, 5, 5, 5, 3]


def test_as_tuple_is_the_tuple_built_with_bytecode_between_slices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A big tuple (a plan's million fates) is built a slice at a time, with Python code
    resumed between slices: the points where the interpreter can let the GUI thread run."""
    monkeypatch.setattr(sharing, "SLICE", 5)
    for size in (0, 1, 5, 6, 23):
        items = [object() for _ in range(size)]
        assert sharing.as_tuple(items) == tuple(items)
        assert type(sharing.as_tuple(items)) is tuple
    resumed: list[str] = []

    def watch(frame: Any, event: str, _arg: Any) -> None:
        if event == "call" and frame.f_code.co_name == "in_slices":
            resumed.append(event)

    sys.setprofile(watch)
    try:
        sharing.as_tuple(list(range(23)))
    finally:
        sys.setprofile(None)
    assert len(resumed) >= 5  # once per slice (23 items in 5 slices), and once more at the end


def test_address_and_name_passes_in_slices_give_the_same_recipients(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from composer import recipients

    rows = [["Email", "First name", "Last name"]]
    rows += [[f"p{i}@example.com", f"First{i}", f"Last {i}"] for i in range(7)]
    rows += [["Jane <JANE@Example.com>", "Jane", "Doe"], ["p3@example.com", "Dup", "Licate"]]
    rows += [["not an address", "No", "One"], [None, "Blank", "Row"], ["p9@EXAMPLE.com", 5, 6]]
    loaded = load(write_xlsx(tmp_path / "people.xlsx", rows))
    whole = recipients.build(loaded, None)
    monkeypatch.setattr(sharing, "SLICE", 3)
    sliced = recipients.build(loaded, None)
    assert sliced.valid == whole.valid and sliced.problems == whole.problems
    assert [p.row for p in whole.problems] == [10, 11, 12]  # duplicate, invalid, blank
    assert whole.valid[-1].name == "5 6" and whole.valid[-1].email == "p9@example.com"
    clean = load(write_xlsx(tmp_path / "clean.xlsx", rows[:8]))
    assert recipients.build(clean, None).valid == whole.valid[:7]  # the all-plain fast path


def test_a_sharing_thread_keeps_a_big_build_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the app a big build stays out of later full collections (each would walk it while
    holding the GIL); a small one, and any build in other threads, does not."""
    import gc
    import threading

    monkeypatch.setattr(sharing, "FREEZE_AFTER", 1_000)
    counts: dict[str, int] = {}

    def build(label: str, size: int) -> None:
        with sharing.collector_paused():
            kept = [(str(i), [i]) for i in range(size)]  # noqa: F841 - alive at the exit
        counts[label] = gc.get_freeze_count()

    def in_the_app() -> None:
        sharing.share_interpreter()
        build("small in the app", 10)
        build("big in the app", 5_000)

    assert gc.get_freeze_count() == 0
    try:
        build("big elsewhere", 5_000)
        app_thread = threading.Thread(target=in_the_app)
        app_thread.start()
        app_thread.join()
    finally:
        gc.unfreeze()
    assert counts["big elsewhere"] == 0 and counts["small in the app"] == 0
    assert counts["big in the app"] >= 5_000


# --------------------------------------------------------------------------- notes


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"])
def test_text_named_like_a_workbook_is_read_as_text_and_said_so(
    tmp_path: Path, suffix: str
) -> None:
    path = write_csv(tmp_path / f"customers{suffix}", CUSTOMERS)
    loaded = load(path)
    assert loaded.fields == EXPECTED_FIELDS and len(loaded) == 3
    (note,) = loaded.notes
    assert f'"customers{suffix}"' in note and "text" in note
    assert "comma-separated" in note and "rename it to customers.csv" in note
    if suffix == ".xlsx":
        assert note == (
            '"customers.xlsx" is a text file (comma-separated values), not an Excel workbook, '
            "so it was read as text; check that the columns look right, or rename it to "
            "customers.csv."
        )


def test_the_note_names_the_delimiter_it_used(tmp_path: Path) -> None:
    tabs = load(write_csv(tmp_path / "export.xls", CUSTOMERS, delimiter="\t")).notes
    assert len(tabs) == 1 and "tab-separated" in tabs[0] and "customers" not in tabs[0]
    assert "rename it to export.tsv" in tabs[0]
    semicolons = load(write_csv(tmp_path / "list.ods", CUSTOMERS, delimiter=";")).notes
    assert "semicolon-separated" in semicolons[0] and "LibreOffice" in semicolons[0]
    utf16 = load(write_csv(tmp_path / "wide.xlsx", CUSTOMERS, encoding="utf-16")).notes
    assert len(utf16) == 1 and '"wide.xlsx" is a text file' in utf16[0]


def test_real_workbooks_and_real_text_files_get_no_note(tmp_path: Path) -> None:
    assert load(write_xlsx(tmp_path / "real.xlsx", CUSTOMERS)).notes == ()
    assert load(write_xls(tmp_path / "real.xls", CUSTOMERS)).notes == ()
    assert load(write_ods(tmp_path / "real.ods", CUSTOMERS)).notes == ()
    assert load(write_csv(tmp_path / "real.csv", CUSTOMERS)).notes == ()
    assert load(write_csv(tmp_path / "real.tsv", CUSTOMERS, delimiter="\t")).notes == ()
    # A workbook under a text name is still a workbook: no text note either.
    (tmp_path / "workbook.csv").write_bytes((tmp_path / "real.xlsx").read_bytes())
    assert load(tmp_path / "workbook.csv").notes == ()


def test_binary_under_a_workbook_name_keeps_its_error(tmp_path: Path) -> None:
    (tmp_path / "noise.xlsx").write_bytes(bytes(range(256)) * 40)
    message = error_of(tmp_path / "noise.xlsx")
    assert message.startswith("noise.xlsx is some other kind of file, not a spreadsheet")


def test_a_quote_never_closed_cannot_swallow_other_customers(tmp_path):
    """Issue 8, defect 1: a cell that swallows the rows after it would carry 2,000 other
    customers' addresses into one apology; the file is refused with the row to fix."""
    path = tmp_path / "unclosed.csv"
    rows = ["email,name", 'a@example.com,"Ann'] + [f"p{i}@example.com,P{i}" for i in range(2000)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError) as error:
        load(path)
    sentence = str(error.value)
    assert sentence.startswith("Row 2 of unclosed.csv has a cell that runs over")
    assert "2,000 e-mail addresses" in sentence and "quote" in sentence
    # a note over a few lines with one address in it is an ordinary cell
    fine = tmp_path / "fine.csv"
    fine.write_text('email,note\nb@example.com,"call\nme\nat help@shop.example"\n', "utf-8")
    assert load(fine).rows[0][1].count("\n") == 2
    # near the end of the list, the cell swallows one row: one address, on a later line
    last = tmp_path / "last.csv"
    last.write_text(
        'email,name,order\nann@example.com,Ann,1\ncat@example.net,"Cat,1003\n'
        "dan@example.com,Dan,1004\n",
        "utf-8",
    )
    with pytest.raises(SpreadsheetError) as error:
        load(last)
    assert str(error.value).startswith("Row 3 of last.csv has a cell that runs over 3 lines")
    assert "another customer's row" in str(error.value)


def test_a_huge_cell_is_said_to_be_huge_not_a_missing_quote(tmp_path):
    """Issue 8, defect 7."""
    path = tmp_path / "huge.csv"
    path.write_text("email,note\na@example.com," + "x" * 10_000_000 + "\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError) as error:
        load(path)
    assert "a cell longer than 128 KB" in str(error.value)
    assert "quote" not in str(error.value)


def test_a_workbook_says_how_many_rows_are_taken_in_as_they_come(tmp_path):
    rows = [["Email", "Name"], *([f"c{i}@example.com", f"N{i}"] for i in range(5_000))]
    path = write_xlsx(tmp_path / "many.xlsx", rows)
    told: list[tuple[int, int]] = []
    loaded = load(path, progress=lambda done, of: told.append((done, of)))
    assert len(loaded.rows) == 5_000 and loaded.row_numbers[-1] == 5_001
    assert {of for _, of in told} == {5_000}  # the total is known from the first piece on
    done = [d for d, _ in told]
    assert len(done) >= 2 and done == sorted(done) and done[-1] == 5_000


_CELLS = st.one_of(
    st.text(alphabet=" \t\u00a0ab@.", max_size=6),
    st.floats(allow_nan=False),
    st.integers(min_value=-(2**60), max_value=2**60).map(float),
    st.integers(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.dates().map(lambda d: dt.datetime(d.year, d.month, d.day)),  # at midnight
    st.times(),
    st.timedeltas(),
)


@given(
    st.integers(min_value=0, max_value=4).flatmap(
        lambda width: st.lists(
            st.one_of(
                st.lists(_CELLS, min_size=width, max_size=width),  # a column of mixed kinds
                st.lists(st.sampled_from([" x ", "y"]), min_size=width, max_size=width),
                st.lists(st.sampled_from([1.0, -3.0, 2.5]), min_size=width, max_size=width),
            ),
            max_size=2 * sharing.SLICE + 3,
        )
    ),
    st.booleans(),
)
@settings(max_examples=60, deadline=None)
def test_rows_normalised_by_column_are_each_cell_as_a_person_sees_it(rows, ragged):
    """The column-at-a-time pass gives exactly ``_cell`` of every cell, kinds included (1 is
    not 1.0 is not True), in slices, for a column of one kind or of many, and ragged rows."""
    if ragged and rows:
        rows[-1] = [*rows[-1], "extra"]
    expected = [tuple((type(v), v) for v in map(table._cell, row)) for row in rows]
    got = [tuple((type(v), v) for v in row) for row in table._normalise(rows)]
    assert got == expected

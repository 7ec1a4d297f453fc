"""A big .xlsx sheet read in parts gives the cells one read of the whole sheet gives.

The oracle is python-calamine reading the same file in one piece. The files are small (the
least size worth parts is lowered for every test here), so the cuts can be put anywhere."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

import pytest

from composer import sheet_parts, table
from composer.errors import SpreadsheetError
from tests.spreadsheets import write_damaged_sheet, write_raw_xlsx, write_xlsx

SWEEP = [(k / 23,) for k in range(1, 23)] + [(0.1, 0.2, 0.3), (0.05,) * 19]


@pytest.fixture(autouse=True)
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_parts, "SMALLEST", 0)


def whole(path: Path, name: str = "Customers") -> list[Any]:
    """The used area as one read gives it: first row and column, width, rows."""
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as workbook:
        sheet = workbook.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=True)
        return [sheet.start[0], sheet.start[1], sheet.width, [list(row) for row in rows]]


def one_call(sheet: Any, skip: int) -> Any:
    return sheet.to_python(skip_empty_area=True)


def in_parts(path: Path, name: str = "Customers", rows_of: Any = one_call) -> list[Any] | None:
    grid = sheet_parts.read(path, name, rows_of, list)
    if grid is None:
        return None
    return [grid.first_row, grid.first_column, grid.width, [list(row) for row in grid.rows]]


def counting_parts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that gets one item per part parsed."""
    parsed: list[int] = []
    real = sheet_parts._part

    def part(job: Any, book: Any) -> Any:
        parsed.append(1)
        return real(job, book)

    monkeypatch.setattr(sheet_parts, "_part", part)
    return parsed


def customers(count: int) -> list[list[Any]]:
    """A list with every kind of cell, blank rows, and a column only the later rows fill."""
    rows: list[list[Any]] = [["Email", "First name", "Order #", "Order date", "Amount", "Paid"]]
    for i in range(count):
        if i % 17 == 5:
            rows.append([])
        row: list[Any] = [
            f"  person{i}@example.com ",
            ["Zoë", "Ali", "", "Marta"][i % 4],
            float(1000 + i),
            dt.datetime(2026, 3, 1) + dt.timedelta(days=i, hours=i % 3),
            round(19.99 + i * 0.37, 2),
            i % 3 == 0,
        ]
        if i > count // 2:
            row.append(f"note {i}")
        rows.append(row)
    return rows


def raw_sheet(rows_xml: str, path: Path, shared: tuple[str, ...] = ("",)) -> Path:
    return write_raw_xlsx(path, rows_xml, shared)


def inline_row(number: int, texts: dict[str, str]) -> str:
    cells = "".join(
        f'<c r="{column}{number}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
        for column, text in texts.items()
    )
    return f'<row r="{number}">{cells}</row>'


# --------------------------------------------------------------------------- the same cells


@pytest.mark.parametrize("shares", SWEEP)
def test_parts_give_the_cells_of_one_read_wherever_the_cuts_fall(
    tmp_path: Path, shares: tuple[float, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", customers(300), title_rows=["Sorry list"])
    monkeypatch.setattr(sheet_parts, "SHARES", shares)
    parsed = counting_parts(monkeypatch)
    expected = whole(path)
    assert in_parts(path) == expected
    assert len(parsed) == len(shares) + 1
    assert len(expected[3]) == 300 + 300 // 17 + 1 + 3  # customers, blanks, header, title


def test_a_chunk_ending_inside_a_row_tag_is_cut_at_the_row_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(inline_row(n, {"A": f"p{n}@example.com", "B": "x"}) for n in range(1, 200))
    path = raw_sheet(rows, tmp_path / "c.xlsx")
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    ends = [xml.index(b'<row r="100"') + length for length in (5, 7, 9)]  # '<row ', 'r="' ...
    for end in ends:
        monkeypatch.setattr(sheet_parts, "SHARES", ((end + 0.5) / len(xml),))
        assert in_parts(path) == whole(path)


def test_blank_rows_between_parts_and_columns_only_one_part_fills(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = "".join(inline_row(n, {"C": "top", "D": f"{n}"}) for n in range(3, 60))
    bottom = "".join(inline_row(n, {"B": f"{n}", "F": "bottom"}) for n in range(900, 960))
    path = raw_sheet(top + bottom, tmp_path / "c.xlsx")
    expected = whole(path)
    assert expected[:3] == [2, 1, 5]  # from row 3 (0-based 2), columns B to F
    for k in range(1, 12):
        monkeypatch.setattr(sheet_parts, "SHARES", (k / 12,))
        assert in_parts(path) == expected


def test_shared_strings_are_read_by_every_part_and_cut_in_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tuple(f"customer{n}@example.com" for n in range(400))
    rows = "".join(
        f'<row r="{n + 1}"><c r="A{n + 1}" t="s"><v>{n}</v></c><c r="B{n + 1}"><v>{n}</v></c></row>'
        for n in range(400)
    )
    path = raw_sheet(rows, tmp_path / "c.xlsx", shared)
    parsed = counting_parts(monkeypatch)
    assert in_parts(path) == whole(path)
    assert len(parsed) == len(sheet_parts.SHARES_WITH_MANY_STRINGS) + 1 == 2


def test_the_chunked_row_reader_gives_the_same_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table, "_READ_CHUNK", 7)
    path = write_xlsx(tmp_path / "c.xlsx", customers(200))

    def chunked(sheet: Any, skip: int) -> Any:
        return table._rows_in_chunks(sheet, skip, sheet.height)

    assert in_parts(path, rows_of=chunked) == whole(path)


def test_without_files_in_memory_the_parts_go_through_buffers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet_parts, "_IN_MEMORY_FILES", False)
    path = write_xlsx(tmp_path / "c.xlsx", customers(200))
    assert in_parts(path) == whole(path)


def test_another_sheet_of_the_workbook(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "c.xlsx",
        customers(150),
        sheets_before={"Notes": [["a"], ["b"]]},
        extra_sheets={"Later": customers(20)},
    )
    assert in_parts(path, "Customers") == whole(path, "Customers")
    assert in_parts(path, "Later") == whole(path, "Later")
    assert in_parts(path, "No such sheet") is None


# --------------------------------------------------------------------------- or no parts


def test_a_small_sheet_is_read_in_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.undo()
    path = write_xlsx(tmp_path / "c.xlsx", customers(50))
    assert in_parts(path) is None


def test_on_a_single_core_the_sheet_is_read_in_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", customers(100))
    monkeypatch.setattr(sheet_parts.os, "cpu_count", lambda: 1)
    assert in_parts(path) is None
    monkeypatch.setattr(sheet_parts.os, "cpu_count", lambda: 2)
    assert in_parts(path) == whole(path)


def test_rows_without_numbers_are_read_in_one_piece(tmp_path: Path) -> None:
    texts = ["Email", *(f"p{n}@example.com" for n in range(300))]
    rows = "".join(f'<row><c t="inlineStr"><is><t>{text}</t></is></c></row>' for text in texts)
    path = raw_sheet(rows, tmp_path / "c.xlsx")
    assert in_parts(path) is None
    assert table.load(path).row_numbers == list(range(2, 302))


@pytest.mark.parametrize(
    "odd",
    [
        "<!-- {rows} -->",  # rows inside a comment: not rows at all
        "{rows}",  # for contrast: the same rows, plain
    ],
)
def test_a_cut_inside_a_comment_never_gives_other_cells(
    tmp_path: Path, odd: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hidden = "".join(inline_row(n, {"A": f"hidden{n}@example.com"}) for n in range(50, 150))
    shown = "".join(inline_row(n, {"A": f"p{n}@example.com"}) for n in range(1, 50))
    path = raw_sheet(shown + odd.format(rows=hidden), tmp_path / "c.xlsx")
    expected = whole(path)
    for k in range(1, 10):
        monkeypatch.setattr(sheet_parts, "SHARES", (k / 10,))
        assert in_parts(path) in (None, expected)
    assert (len(expected[3]) == 49) == odd.startswith("<!--")


def test_rows_out_of_order_never_give_other_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = "".join(inline_row(n, {"A": f"late{n}@example.com"}) for n in range(200, 300))
    early = "".join(inline_row(n, {"A": f"early{n}@example.com"}) for n in range(1, 100))
    path = raw_sheet(late + early, tmp_path / "c.xlsx")
    expected = whole(path)
    for k in range(1, 10):
        monkeypatch.setattr(sheet_parts, "SHARES", (k / 10,))
        assert in_parts(path) in (None, expected)


# --------------------------------------------------------------------------- in the loader


@pytest.mark.parametrize("shares", [(0.5,), (0.1, 0.3, 0.3)])
def test_a_table_loaded_in_parts_is_the_table_loaded_in_one_piece(
    tmp_path: Path, shares: tuple[float, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", customers(400), title_rows=["Sorry list"])
    monkeypatch.setattr(sheet_parts, "SHARES", shares)
    in_parts = table.load(path)
    monkeypatch.setattr(sheet_parts, "SMALLEST", 10**12)
    in_one_piece = table.load(path)
    assert in_parts.rows == in_one_piece.rows
    assert in_parts.row_numbers == in_one_piece.row_numbers
    assert in_parts.columns == in_one_piece.columns
    assert in_parts.rows[0][:3] == ("person0@example.com", "Zoë", 1000)
    assert in_parts.row_numbers[:2] == [4, 5]  # title, blank row, header above


def test_a_sheet_too_long_for_a_list_gets_its_sentence(tmp_path: Path) -> None:
    rows = "".join(inline_row(n, {"A": f"p{n}@example.com"}) for n in range(1, 400))
    far = '<row r="1500000"><c r="A1500000"><v>1</v></c></row>'  # the last part: 1.5M rows
    path = raw_sheet(rows + far, tmp_path / "c.xlsx")
    with pytest.raises(SpreadsheetError) as caught:
        table.load(path)
    assert "1,500,000 rows" in str(caught.value)
    assert "too many for a customer list" in str(caught.value)


def test_a_damaged_sheet_still_gets_its_sentence(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", customers(300))
    damaged = write_damaged_sheet(good, tmp_path / "damaged.xlsx")
    assert in_parts(damaged) is None
    with pytest.raises(SpreadsheetError) as caught:
        table.load(damaged)
    assert "damaged" in str(caught.value)

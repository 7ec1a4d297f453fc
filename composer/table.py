"""Load a customer spreadsheet (.xlsx .xlsm .xls .ods .csv .tsv .txt) into a Table.

A Table is the header plus the data rows, each keeping its spreadsheet row number so every
problem can say "row 214". Cell values are normalised the way a person sees them:

- text is trimmed of surrounding whitespace; an empty cell is always ``""`` (never ``None``),
  so a blank test is ``value == ""`` and ``0``/``False`` are never mistaken for blanks;
- whole-number floats become ints (``1001.0`` -> ``1001``), other floats stay floats;
- a date-time at midnight becomes a ``date``; booleans stay ``bool``; formulas give the value
  the spreadsheet program last computed (python-calamine reads the cached value);
- CSV cells stay text exactly as written (no guessing: ``00123`` keeps its zeros).

The reader looks at the file's content, not only its name: a workbook saved with a .csv name,
or an old .xls renamed .xlsx, still loads, and a text (CSV) file named like a workbook is read
as text, with a sentence in the Table's ``notes`` saying so; a PDF, a password-protected
workbook, a damaged or oversized file gets one plain sentence (``SpreadsheetError``), never a
traceback.
"""

from __future__ import annotations

import datetime as dt
import itertools
import keyword
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from composer import sheet_parts
from composer.errors import SpreadsheetError
from composer.language import N_, _, number
from composer.sharing import collector_paused, in_slices, sharing_interpreter
from composer.wording import count

if TYPE_CHECKING:
    from python_calamine import CalamineSheet, CalamineWorkbook

# timedelta: a duration cell, as calamine reads it (shown as text by ``display``)
Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None
_Item = TypeVar("_Item")

# Limits for "a customer list", checked before the file is parsed. A list bigger than this is
# almost certainly the wrong file (a whole database export, a log) or a hostile one.
MAX_FILE_BYTES = 200 * 1024 * 1024  # on disk
MAX_ROWS = 1_000_000  # rows in the chosen sheet, title and header rows included
MAX_CELLS = 20_000_000  # rows x columns of the chosen sheet's used area
# Zip-bomb guard for .xlsx/.xlsm/.ods (a zip of XML files), from the zip's own directory.
# A million rows of ten columns unpack to about 520 MB of sheet XML.
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024  # declared total size of every part, unpacked
MAX_ZIP_RATIO = 250  # a part bigger than ZIP_RATIO_FLOOR may not shrink more than this
ZIP_RATIO_FLOOR = 10 * 1024 * 1024  # (real sheets shrink 5-20x; zip bombs 1000x)

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
HEADER_SEARCH_ROWS = 4  # the header may sit under up to three title rows
DELIMITERS = (",", ";", "\t", "|")

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, or an encrypted .xlsx
_ENCRYPTION_STREAM = b"E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0"  # UTF-16-LE
_MIDNIGHT = dt.time()
_MAX_EXACT_FLOAT = 2.0**53  # beyond this a float is not an exact whole number any more

_READ_CHUNK = 2_000  # rows taken from calamine's row iterator per call (~1 ms)


@dataclass(frozen=True, slots=True)
class Column:
    header: str  # the header as the person wrote it (trimmed), for display
    field: str  # the template field name derived from it: "First Name" -> "first_name"


@dataclass(slots=True)
class Table:
    columns: list[Column]
    rows: list[tuple[Cell, ...]]  # normalised cell values, one tuple per data row
    row_numbers: list[int]  # spreadsheet row number (1-based) of each data row, ascending
    sheet: str | None = None  # the sheet read (None for CSV)
    sheets: list[str] = field(default_factory=list)  # every sheet in the workbook
    source: Path | None = None
    # Plain sentences about how the file was read that the person should see (a text file
    # named like a workbook); nothing here blocks sending.
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]

    def column_index(self, field_name: str) -> int:
        """Index of the column with this field name; KeyError if none."""
        for i, c in enumerate(self.columns):
            if c.field == field_name:
                return i
        raise KeyError(field_name)


# --------------------------------------------------------------------------- field names

# Words a template cannot use as a plain variable ({{ not }} is a syntax error in Jinja2).
_RESERVED_WORDS = frozenset({"true", "false", "none", "self", "loop"})


def field_name(header: str) -> str:
    """Template field name for a header: lower-case, other runs -> "_", trimmed.

    Letters of any alphabet are kept ("Prénom" -> "prénom"), a leading digit gets a ``col_``
    prefix ("2024 orders" -> "col_2024_orders") and a Python/Jinja2 keyword gets a trailing
    ``_`` ("In" -> "in_"), so every name works as ``{{ name }}``. Returns "" when nothing usable
    is left ("#"); ``load`` then names the column after its letter (``column_c``).
    """
    text = unicodedata.normalize("NFKC", str(header)).lower()
    # A character is kept when it may continue an identifier; every other run becomes "_".
    kept = "".join(ch if ("_" + ch).isidentifier() else " " for ch in text)
    name = "_".join(kept.split()).strip("_")
    if not name:
        return ""
    if not name.isidentifier():  # starts with a digit (or a mark that cannot start a name)
        name = "col_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in _RESERVED_WORDS:
        name += "_"
    return name


def column_letter(index: int) -> str:
    """Spreadsheet column letter for a 0-based column index: 0 -> "A", 27 -> "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _columns(headers: list[Cell], positions: list[int]) -> list[Column]:
    """Columns for the header cells, with unique field names (clashes get _2, _3, ...).

    ``positions`` are the 0-based sheet columns, so an empty header is named after the
    letter the person sees above it (``column_c``, shown as "Column C").
    """
    shown = [display(h).strip().strip("\ufeff\u200b") for h in headers]
    letters = [column_letter(p) for p in positions]
    wanted = [
        field_name(text) or f"column_{letter.lower()}"
        for text, letter in zip(shown, letters, strict=True)
    ]
    taken = set(wanted)  # a later "Email 2" keeps its own name; the clash moves on to _3
    seen: set[str] = set()
    columns = []
    for text, name, letter in zip(shown, wanted, letters, strict=True):
        if name in seen:
            n = 2
            while f"{name}_{n}" in taken:
                n += 1
            name = f"{name}_{n}"
            taken.add(name)
        seen.add(name)
        columns.append(Column(header=text or f"Column {letter}", field=name))
    return columns


# --------------------------------------------------------------------------- cell values


def display(value: Cell) -> str:
    """The text a person sees for a cell: 1001.0 -> "1001", a date without a time part.

    Dates are ISO (2026-11-03) until the UI localises them; booleans read as Excel shows
    them (TRUE/FALSE); floats keep up to 15 significant digits, as a spreadsheet does.
    """
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if value.__class__ is bool:
        return "TRUE" if value else "FALSE"
    if value.__class__ is int:
        return str(value)
    if value.__class__ is float:
        if value.is_integer() and -_MAX_EXACT_FLOAT <= value <= _MAX_EXACT_FLOAT:
            return str(int(value))
        return f"{value:.15g}"
    if value.__class__ is dt.datetime:
        if value.time() == _MIDNIGHT:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if value.__class__ is dt.date:
        return value.isoformat()
    if value.__class__ is dt.time:
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    return str(value)  # timedelta (a duration), or a subclass of the above


def _cell(value: Cell) -> Cell:
    """One cell as a person sees it (the slow, general path; rows use an inlined copy)."""
    if value.__class__ is str:
        return value.strip()
    if value.__class__ is float:
        if value.is_integer() and -_MAX_EXACT_FLOAT <= value <= _MAX_EXACT_FLOAT:
            return int(value)
        return value
    if value is None:
        return ""
    if value.__class__ is dt.datetime and value.time() == _MIDNIGHT:
        return value.date()
    return value


def _normalise(rows: Sequence[Sequence[Cell]]) -> list[tuple[Cell, ...]]:
    """Every row through ``_cell``: this touches every cell of the sheet, so it goes a slice
    of rows at a time and, within a slice, a column at a time, where a column of one kind
    (text, whole numbers, dates) takes one C-level pass. Rows of different lengths (a CSV's)
    go cell by cell."""
    normalised: list[tuple[Cell, ...]] = []
    for part in in_slices(rows):
        width = len(part[0])
        if any(len(row) != width for row in part):
            normalised += [tuple(_cells(row)) for row in part]
        elif width:
            normalised += zip(*map(_column, zip(*part, strict=True)), strict=True)
        else:
            normalised += [()] * len(part)
    return normalised


_AS_THEY_ARE = frozenset((int, bool, dt.date, dt.time, dt.timedelta))  # _cell leaves them


def _column(cells: tuple[Cell, ...]) -> Sequence[Cell]:
    """``_cell`` of each cell of one column (of a slice of rows)."""
    kinds = set(map(type, cells))
    if kinds <= _AS_THEY_ARE:
        return cells
    if kinds == {str}:
        return list(map(str.strip, cells))  # type: ignore[arg-type]
    if kinds == {float}:
        whole = list(map(float.is_integer, cells))  # type: ignore[arg-type]
        if not any(whole):  # amounts: none becomes an int
            return cells
        if all(whole) and min(cells) >= -_MAX_EXACT_FLOAT and max(cells) <= _MAX_EXACT_FLOAT:  # type: ignore[type-var, operator]
            return list(map(int, cells))  # type: ignore[arg-type]
    return _cells(cells)


def _cells(cells: Sequence[Cell]) -> list[Cell]:
    """``_cell`` of each cell, inlined: strings stripped and whole floats made ints right
    here; ints, bools, dates and times pass through untouched (calamine already turns a
    midnight date-time into a date); only a date-time takes the general path."""
    _str, _float, _int, _datetime, cell, top = str, float, int, dt.datetime, _cell, _MAX_EXACT_FLOAT
    # The ignores: mypy narrows ``c.__class__ is str`` but not a test through the saved class
    # (``kind``) and the local names, which keep this loop about 10% faster.
    return [
        c.strip()  # type: ignore[union-attr]
        if (kind := c.__class__) is _str
        else (
            (_int(c) if c.is_integer() and -top <= c <= top else c)  # type: ignore[arg-type, union-attr, operator]
            if kind is _float
            else (c if kind is not _datetime else cell(c))
        )
        for c in cells
    ]


def _looks_like_address(value: Cell) -> bool:
    return value.__class__ is str and "@" in value and " " not in value and "." in value


# --------------------------------------------------------------------------- header and rows


class _EmptySheet(SpreadsheetError):
    """No value in any cell: the default sheet choice moves on to the next sheet."""


def _find_header(grid: Sequence[Sequence[Cell]], first_row: int, where: str) -> int:
    """Index in ``grid`` of the header row, skipping up to three title rows above it.

    The first row holding an e-mail address is a customer, so the header is above it. A title
    ("Customers affected by the invoice mistake") fills one cell where the data fills many,
    so the header is the first top row about as wide as the data and mostly text; failing
    that, the text row just above the first customer.
    """
    top: list[tuple[int, list[Cell], int, bool]] = []  # index, cells, filled, mostly text
    first_customer = None
    for index, row in enumerate(grid):
        cells = [_cell(c) for c in row]
        filled = sum(c != "" for c in cells)
        if not filled:
            continue
        texts = [c for c in cells if c.__class__ is str and c != ""]
        if first_customer is None and any(_looks_like_address(t) for t in texts):
            first_customer = len(top)
            if first_customer == 0:
                address = next(t for t in texts if _looks_like_address(t))
                raise SpreadsheetError(
                    _(
                        "Row {row} of {where} holds an e-mail address ({address}) where the "
                        "column names should be; add a header row such as Email, First name "
                        "above it."
                    ).format(row=first_row + index, where=where, address=address),
                    row=first_row + index,
                )
        top.append((index, cells, filled, len(texts) * 2 >= filled))
        if len(top) == 20:
            break
    if not top:
        raise _EmptySheet(
            _("{where} is empty; choose the file or sheet that lists your customers.").format(
                where=f"{where[:1].upper()}{where[1:]}"
            )
        )
    width = max(filled for _i, _c, filled, _t in top)
    above = top[: min(HEADER_SEARCH_ROWS, len(top) if first_customer is None else first_customer)]
    just_above = first_customer is not None and first_customer <= HEADER_SEARCH_ROWS
    if width > 1:
        needed = max(2, (width + 1) // 2)
        for index, _cells, filled, text in above:
            if filled >= needed and text:
                return index
    elif above and not just_above and above[0][3]:
        return above[0][0]  # a one-column list without addresses: its first text row
    if just_above and above and above[-1][3]:
        return above[-1][0]
    raise SpreadsheetError(
        _(
            "Could not find the column names (such as Email, First name) at the top of "
            "{where}; put them in one row above your customers."
        ).format(where=where)
    )


def _build_table(
    grid: Sequence[tuple[Cell, ...]], first_row: int, first_column: int, where: str
) -> tuple[list[Column], list[tuple[Cell, ...]], list[int]]:
    """Columns, data rows and their row numbers from the sheet's used area, whose rows are
    already normalised (``_normalise``: each part of a sheet is, as soon as it is read).

    ``first_row`` is the spreadsheet row number of ``grid[0]``, ``first_column`` the 0-based
    sheet column of each row's first cell. Rows may differ in length (CSV).
    """
    header_index = _find_header(grid, first_row, where)
    header = list(grid[header_index])
    rows = list(grid[header_index + 1 :])
    lengths = set(map(len, rows))
    width = max(len(header), *lengths) if lengths else len(header)
    if len(header) < width:
        header += [""] * (width - len(header))
    if lengths - {width}:  # only CSV rows can differ in length
        rows = [row if len(row) == width else (*row, *[""] * (width - len(row))) for row in rows]

    # Drop blank rows (the others keep their row numbers) and columns with neither a header
    # nor a single value (trailing blank columns, stray formatting).
    start = first_row + header_index + 1
    empty = ("",) * width
    blank = {i for i, row in enumerate(rows) if row == empty} if empty in rows else set()
    if blank:
        numbers = [start + i for i in range(len(rows)) if i not in blank]
        rows = [row for i, row in enumerate(rows) if i not in blank]
    else:
        numbers = list(range(start, start + len(rows)))
    keep = [j for j in range(width) if header[j] != "" or any(row[j] != "" for row in rows)]
    if len(keep) != width:
        rows = [tuple([row[j] for j in keep]) for row in rows]
        header = [header[j] for j in keep]
    return _columns(header, [first_column + j for j in keep]), rows, numbers


# --------------------------------------------------------------------------- files


def _checked_path(path: str | Path) -> Path:
    """The path, or one sentence saying why it cannot be a customer list."""
    path = Path(path).expanduser()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SpreadsheetError(
            _("There is no file at {path}; check the name and the folder.").format(path=path)
        ) from None
    except OSError as error:
        raise _unreadable(path, error) from error
    if path.is_dir():
        raise SpreadsheetError(
            _("{path} is a folder; choose the spreadsheet file inside it.").format(path=path)
        )
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES and suffix not in TEXT_SUFFIXES:
        problem = (
            _(
                "{file} is not a spreadsheet this app can read (export it from Numbers as .xlsx "
                "first); use an .xlsx, .xlsm, .xls, .ods, .csv, .tsv or .txt file."
            )
            if suffix == ".numbers"
            else _(
                "{file} is not a spreadsheet this app can read; use an .xlsx, .xlsm, .xls, .ods, "
                ".csv, .tsv or .txt file."
            )
        )
        raise SpreadsheetError(problem.format(file=path.name))
    if size == 0:
        raise SpreadsheetError(
            _("{file} is empty (0 bytes); choose the file with your list.").format(file=path.name)
        )
    if size > MAX_FILE_BYTES:
        raise SpreadsheetError(
            _(
                "{file} is {size} MB, too large to be a customer list (the limit is {limit} MB); "
                "save only the customers to a new file."
            ).format(
                file=path.name,
                size=number(round(size / 1024**2)),
                limit=number(MAX_FILE_BYTES // 1024**2),
            )
        )
    return path


def _unreadable(path: Path, error: OSError) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "{file} cannot be opened ({error}); close it in other programs, check you may read "
            "it, and try again."
        ).format(file=path.name, error=error.strerror or error)
    )


def _kind(path: Path) -> str:
    """What the file really is, from its first bytes: zip, ole, pdf, html, text or binary."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError as error:
        raise _unreadable(path, error) from error
    if head.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")):
        return "html"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        return "text"
    return "binary"


def _not_a_spreadsheet(path: Path, kind: str) -> SpreadsheetError:
    what = {
        "pdf": _("a PDF document"),
        "html": _("a web page (or XML file) saved under a spreadsheet name"),
        "zip": _("a zip archive"),
    }.get(kind) or _("some other kind of file")
    return SpreadsheetError(
        _(
            "{file} is {what}, not a spreadsheet; open the customer list in Excel or LibreOffice "
            "and save it as .xlsx or .csv."
        ).format(file=path.name, what=what)
    )


def _check_zip(path: Path) -> str:
    """Refuse a damaged zip, an encrypted ODS, or a zip bomb, before calamine unpacks it.

    Returns the suffix that fits the content: ".ods" or ".xlsx" (any Office Open XML).
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            names = {info.filename for info in parts}
            manifest = b""
            if "META-INF/manifest.xml" in names:
                manifest_info = archive.getinfo("META-INF/manifest.xml")
                if manifest_info.file_size < 1024 * 1024:
                    manifest = archive.read(manifest_info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError) as error:
        raise SpreadsheetError(
            _(
                "{file} is damaged (its zip structure is broken or incomplete); open it in Excel "
                "or LibreOffice to repair it, or export the list again."
            ).format(file=path.name)
        ) from error
    except OSError as error:
        raise _unreadable(path, error) from error
    total = sum(info.file_size for info in parts)
    bomb = any(
        info.file_size > ZIP_RATIO_FLOOR
        and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
        for info in parts
    )
    if total > MAX_UNZIPPED_BYTES:
        raise SpreadsheetError(
            _(
                "{file} would unpack to {size} GB, far too large for a customer list; save only "
                "the customers to a new file."
            ).format(file=path.name, size=number(round(total / 1024**3, 1)))
        )
    if bomb:
        raise SpreadsheetError(
            _(
                "{file} was not opened because it would unpack to {unpacked} MB from {packed} KB, "
                "which real spreadsheets never do; it is damaged or hostile, so export your "
                "customer list again."
            ).format(
                file=path.name,
                unpacked=number(round(total / 1024**2)),
                packed=number(round(path.stat().st_size / 1024)),
            )
        )
    if b"encryption-data" in manifest:
        raise _password_protected(path)
    if "[Content_Types].xml" in names:
        return ".xlsx"
    if "mimetype" in names:
        return ".ods"
    raise _not_a_spreadsheet(path, "zip")


def _check_ole(path: Path) -> None:
    """An Office file encrypted with a password is a compound file holding EncryptionInfo."""
    import mmap

    try:
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            encrypted = data.find(_ENCRYPTION_STREAM) != -1
    except OSError as error:
        raise _unreadable(path, error) from error
    if encrypted:
        raise _password_protected(path)


def _password_protected(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "{file} is protected with a password; open it in Excel or LibreOffice, save a copy "
            "without the password, and load that copy."
        ).format(file=path.name)
    )


def _damaged(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "{file} could not be read as a spreadsheet; it may be damaged: open it in Excel or "
            "LibreOffice, save it again, and load the new copy."
        ).format(file=path.name)
    )


def _is_calamine_failure(error: BaseException) -> bool:
    """A Rust panic inside calamine arrives as pyo3's PanicException, a BaseException."""
    if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
        return False
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"


def _open_workbook(path: Path, kind: str) -> CalamineWorkbook:
    from python_calamine import CalamineWorkbook, PasswordError

    if kind == "zip":
        content = _check_zip(path)
    else:
        _check_ole(path)
        content = ".xls"
    suffix = path.suffix.lower()
    named_right = suffix == content or (content == ".xlsx" and suffix in (".xlsm", ".xlsb"))
    try:
        if named_right:
            return CalamineWorkbook.from_path(str(path))
        # A workbook under another name (.csv, or an .xls renamed .xlsx): let calamine
        # recognise the format from the content instead of the name.
        with path.open("rb") as f:
            return CalamineWorkbook.from_filelike(f)
    except PasswordError as error:
        raise _password_protected(path) from error
    except OSError as error:
        raise _unreadable(path, error) from error
    except BaseException as error:
        if not _is_calamine_failure(error):
            raise
        raise _damaged(path) from error


def _worksheets(workbook: CalamineWorkbook) -> list[tuple[str, bool]]:
    """(name, visible) of every worksheet, in workbook order (no chart or macro sheets)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    try:
        meta = workbook.sheets_metadata
    except BaseException as error:  # older files without metadata: every sheet, all visible
        if not _is_calamine_failure(error):
            raise
        return [(name, True) for name in workbook.sheet_names]
    return [
        (m.name, m.visible == SheetVisibleEnum.Visible)
        for m in meta
        if m.typ == SheetTypeEnum.WorkSheet
    ]


def _pick_sheet(names: list[str], wanted: str) -> str:
    """The sheet the person asked for: exact name, else ignoring case/spaces, else 1-based."""
    if wanted in names:
        return wanted
    loose = {name.strip().casefold(): name for name in names}
    if wanted.strip().casefold() in loose:
        return loose[wanted.strip().casefold()]
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    raise SpreadsheetError(
        _("There is no sheet named {sheet}; the sheets are: {sheets}.").format(
            sheet=repr(wanted), sheets=", ".join(names) or _("none")
        )
    )


def _read_sheet(
    path: Path, workbook: CalamineWorkbook, name: str, chunked: bool = False
) -> tuple[Sequence[tuple[Cell, ...]], int, int]:
    """The used area of one sheet as normalised rows (``_normalise``), its first row number
    and column. A big .xlsx sheet is read in parts at once (composer.sheet_parts)."""

    def rows_of(sheet: CalamineSheet, skip: int) -> Sequence[Sequence[Cell]]:
        _check_size(path, name, sheet.height, sheet.width)  # before a single cell is made
        grid = _rows_in_chunks(sheet, skip, sheet.height) if chunked else None
        return sheet.to_python(skip_empty_area=True) if grid is None else grid

    try:
        parts = sheet_parts.read(path, name, rows_of, _normalise)
        if parts is not None:  # each part's size is checked on its own, and all of them here
            _check_size(path, name, len(parts.rows), parts.width)
            rows = cast(Sequence[tuple[Cell, ...]], parts.rows)  # _normalise's, and padding
            return rows, parts.first_row + 1, parts.first_column
        sheet = workbook.get_sheet_by_name(name)
        start = sheet.start
        if start is None:
            return [], 1, 0
        return _normalise(rows_of(sheet, start[0])), start[0] + 1, start[1]
    except SpreadsheetError:
        raise
    except BaseException as error:
        if not _is_calamine_failure(error):
            raise
        raise _damaged(path) from error


def _check_size(path: Path, name: str, height: int, width: int) -> None:
    """One sentence if the sheet's used area is too big for a customer list."""
    if height > MAX_ROWS or height * width > MAX_CELLS:
        raise SpreadsheetError(
            _(
                "The sheet {sheet} in {file} has {rows} rows and {columns} columns, too many "
                "for a customer list (the limit is {limit} rows); save only the customers to "
                "a new file."
            ).format(
                sheet=repr(name),
                file=path.name,
                rows=number(height),
                columns=number(width),
                limit=number(MAX_ROWS),
            )
        )


def _rows_in_chunks(
    sheet: CalamineSheet, skip: int, height: int
) -> Sequence[Sequence[Cell]] | None:
    """The used area through calamine's row iterator, a couple of thousand rows per call, so
    the interpreter can switch threads between calls (``to_python`` holds it for the whole
    sheet). The iterator starts at the sheet's first row, not the used area's: the ``skip``
    rows above it are dropped. None if the row count is not the expected one (then the
    caller reads the sheet in one call, the reference)."""
    rows = sheet.iter_rows()
    grid: list[Sequence[Cell]] = []
    if skip:
        for _row in itertools.islice(rows, skip):
            pass
    while chunk := list(itertools.islice(rows, _READ_CHUNK)):
        grid += chunk
    return grid if len(grid) == height else None


def list_sheets(path: str | Path) -> list[str]:
    """Names of the worksheets a person can choose from, in workbook order ([] for CSV)."""
    path = _checked_path(path)
    kind = _kind(path)
    if kind not in ("zip", "ole"):
        if kind == "text":
            return []
        raise _not_a_spreadsheet(path, kind)
    (names,) = list(_quarantined(path, _sheet_names, path, kind))
    return list(names)


def _sheet_names(path: Path, kind: str) -> Iterator[list[str]]:
    with _open_workbook(path, kind) as workbook:
        yield [name for name, _sheet in _worksheets(workbook)]


def _quarantined(
    path: Path, task: Callable[..., Iterator[_Item]], *args: object
) -> Iterator[_Item]:
    """What ``task`` yields, worked out in a capped child (composer.quarantine): a workbook
    built to exhaust memory or time ends there, as one sentence, not as the app's crash."""
    import python_calamine  # noqa: F401  (imported here: a forked child must load no library)

    from composer import quarantine

    doing = _(  # {why} is filled in by quarantine, should the work die
        "{file} was not opened because {why}, which no customer list does; it is damaged or "
        "made to do harm, so export your customer list again."
    ).format(file=path.name.replace("{", "{{").replace("}", "}}"), why="{why}")
    try:
        with quarantine.noting(doing):
            yield from quarantine.parts(task, *args, doing=doing)
    except quarantine.Overrun as overrun:
        raise SpreadsheetError(str(overrun)) from None


def load(
    path: str | Path,
    sheet: str | None = None,
    *,
    chunked: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Table:
    """Read the customer list; raises SpreadsheetError with one sentence on bad input.

    ``sheet`` names the sheet to read (a 1-based number works too; ignored for CSV); by
    default the first visible sheet that has data and a header row. The garbage collector is
    paused while the rows are built: they are a million new objects, none of them cyclic, and
    scanning them is pure waste. ``chunked`` reads a workbook in small chunks that let other
    threads run in between (same Table, a little slower); None: as ``share_interpreter`` set
    for the calling thread (off by default, as the CLI wants). ``progress(rows, of)`` is
    called as a workbook's rows are taken in from the reader (a CSV is read in one go).
    """
    path = _checked_path(path)
    kind = _kind(path)
    if chunked is None:
        chunked = sharing_interpreter()
    with collector_paused():
        if kind in ("zip", "ole"):
            return _load_workbook(path, kind, sheet, chunked, progress)
        if kind == "text":
            return _load_text(path)
        raise _not_a_spreadsheet(path, kind)


def _load_workbook(
    path: Path,
    kind: str,
    wanted: str | None,
    chunked: bool,
    progress: Callable[[int, int], None] | None,
) -> Table:
    from composer import quarantine

    chunked = chunked and quarantine.inside()  # a child has no GUI thread to make room for
    table: Table | None = None
    total = 0
    for piece in _quarantined(path, _workbook_pieces, path, kind, wanted, chunked):
        if isinstance(piece, Table):
            table, total = piece, piece.row_numbers.pop()  # the header, and how many rows
            continue
        assert table is not None and isinstance(piece, tuple)
        table.rows += piece[0]
        table.row_numbers += piece[1]
        if progress is not None:
            progress(len(table.rows), total)
    assert table is not None
    return table


def _workbook_pieces(
    path: Path, kind: str, wanted: str | None, chunked: bool
) -> Iterator[Table | tuple[list[tuple[Cell, ...]], list[int]]]:
    """The table without its rows (its row numbers: how many rows follow), then the rows a
    few thousand at a time (from a child, each piece is unpacked in one short call)."""
    table = _read_workbook(path, kind, wanted, chunked)
    rows, numbers = table.rows, table.row_numbers
    table.rows, table.row_numbers = [], [len(rows)]
    yield table
    for start in range(0, len(rows), _PIECE):
        yield rows[start : start + _PIECE], numbers[start : start + _PIECE]


_PIECE = 2_000  # rows per piece: unpacking one holds the interpreter for about 2 ms


def _read_workbook(path: Path, kind: str, wanted: str | None, chunked: bool) -> Table:
    with _open_workbook(path, kind) as workbook:
        sheets = _worksheets(workbook)
        names = [name for name, _sheet in sheets]
        if wanted is not None:
            name = _pick_sheet(names, wanted)
            grid, first_row, first_column = _read_sheet(path, workbook, name, chunked)
            where = _sheet_in(name, path)
            columns, rows, numbers = _build_table(grid, first_row, first_column, where)
            return Table(columns, rows, numbers, sheet=name, sheets=names, source=path)
        # Default: the first visible sheet with data whose header can be found; hidden
        # sheets only when no visible one qualifies.
        order = [n for n, visible in sheets if visible] + [n for n, v in sheets if not v]
        first_problem: SpreadsheetError | None = None
        for name in order:
            grid, first_row, first_column = _read_sheet(path, workbook, name, chunked)
            where = _sheet_in(name, path)
            try:
                columns, rows, numbers = _build_table(grid, first_row, first_column, where)
            except _EmptySheet:
                continue
            except SpreadsheetError as problem:
                first_problem = first_problem or problem
                continue
            return Table(columns, rows, numbers, sheet=name, sheets=names, source=path)
    if first_problem is not None:
        raise first_problem
    raise SpreadsheetError(
        _("{file} has no data in any sheet; choose the file that lists your customers.").format(
            file=path.name
        )
    )


def _sheet_in(name: str, path: Path) -> str:
    """ "the sheet 'Customers' in list.xlsx", as the sentences about a sheet name it."""
    return _("the sheet {sheet} in {file}").format(sheet=repr(name), file=path.name)


# --------------------------------------------------------------------------- CSV and text

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_DETECTION_SAMPLE = 1024 * 1024  # bytes handed to charset-normalizer
_SNIFF_SAMPLE = 64 * 1024  # characters used to choose the delimiter


def _decode(path: Path, data: bytes) -> str:
    """The text of a CSV: a byte-order mark decides; else UTF-8; else a detected code page."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                data = data[len(bom) :]
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _guess_encoding(data[:_DETECTION_SAMPLE])
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        # Windows-1252 leaves five byte values undefined; Latin-1 maps every byte.
        return data.decode("latin-1" if encoding == "cp1252" else encoding, errors="replace")
    except LookupError:
        return data.decode("latin-1")


def _guess_encoding(sample: bytes) -> str:
    """The legacy code page of a file that is not UTF-8 (charset-normalizer, imported only
    when needed).

    On a short list of names charset-normalizer cannot tell the Latin code pages apart (it
    may read "François" as "Franįois"), so when its best guess is Latin script and the bytes
    are valid Windows-1252 (what Excel writes in Western Europe and the Americas), that wins;
    a Cyrillic, Greek, Arabic or Asian file keeps the detected code page.
    """
    import unicodedata

    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is not None:
        letters = [ch for ch in str(best) if ord(ch) > 127 and ch.isalpha()]
        latin = sum(unicodedata.name(ch, "").startswith("LATIN") for ch in letters[:10_000])
        if latin * 2 < min(len(letters), 10_000):
            return best.encoding
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return best.encoding if best is not None else "latin-1"
    return "cp1252"


def _sniff_delimiter(text: str, suffix: str) -> str:
    """The delimiter that splits the top of the file into the most consistent records.

    Each candidate parses a sample with the real CSV parser (so commas inside quotes or in
    "Doe, Jane" cannot fool it); the winner gives most records the same number of fields, and
    more than one field. Ties go to the file type's usual delimiter.
    """
    import csv
    import io

    sample = text[:_SNIFF_SAMPLE]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # no half record at the end
    order = ("\t", ",", ";", "|") if suffix == ".tsv" else DELIMITERS
    best, best_score = order[0], (False, 0.0, 0)
    for delimiter in order:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            # A line of only spaces and delimiters (",,,") is blank whichever one is used.
            counts = [len(r) for r in reader if any(f.strip(" \t,;|") for f in r)][:200]
        except csv.Error:
            continue
        if not counts:
            continue
        mode = max(sorted(set(counts), reverse=True), key=counts.count)
        score = (mode > 1, counts.count(mode) / len(counts), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _load_text(path: Path) -> Table:
    import csv
    import io
    import itertools

    try:
        data = path.read_bytes()
    except OSError as error:
        raise _unreadable(path, error) from error
    text = _decode(path, data)
    del data
    delimiter = None
    first = text[:8].split("\n", 1)[0].rstrip("\r")
    if first.lower().startswith("sep=") and len(first) == 5:
        # Excel's "sep=;" first line names the delimiter and is not shown as a row.
        delimiter = first[4]
        text = text[text.index("\n") + 1 :] if "\n" in text else ""
    if delimiter is None:
        delimiter = _sniff_delimiter(text, path.suffix.lower())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    try:
        # Record N is row N: what Excel shows, even when a quoted cell spans several lines.
        grid = list(itertools.islice(reader, MAX_ROWS + 1))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise SpreadsheetError(
                _(
                    "{file} has a cell longer than {size} KB near line {line}, far more than any "
                    "customer's details; check that this is the customer list, or shorten that "
                    "cell."
                ).format(
                    file=path.name,
                    size=number(csv.field_size_limit() // 1024),
                    line=reader.line_num,
                ),
                row=reader.line_num,
            ) from error
        raise SpreadsheetError(
            _(
                '{file} cannot be read past line {line} ({error}); a quote (") above it is '
                "probably never closed: fix it and try again."
            ).format(file=path.name, line=reader.line_num, error=error),
            row=reader.line_num,
        ) from error
    del text
    _refuse_swallowing_cells(grid, path, delimiter)
    if len(grid) > MAX_ROWS:
        raise SpreadsheetError(
            _(
                "{file} has more than {limit} rows, too many for a customer list; save only the "
                "customers to a new file."
            ).format(file=path.name, limit=number(MAX_ROWS))
        )
    columns, rows, numbers = _build_table(_normalise(grid), 1, 0, path.name)
    notes: tuple[str, ...] = ()
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        notes = (_text_named_like_a_workbook(path, delimiter if len(columns) > 1 else None),)
    return Table(columns, rows, numbers, sheet=None, sheets=[], source=path, notes=notes)


_ADDRESS_LIKE = re.compile(r"[^\s@,;<>\"']+@[^\s@,;<>\"']+\.[^\s@,;<>\"']+")


def _refuse_swallowing_cells(grid: Sequence[Sequence[str]], path: Path, delimiter: str) -> None:
    """A quote opened and never closed makes one cell swallow the rows after it: that cell
    would print other customers' addresses in one customer's apology (and those customers
    would get nothing). A cell is refused, with the row to fix, when it runs over several
    lines holding more than one address, or when a line after its first reads like a row of
    this file (the delimiter and an address)."""
    for at, row in enumerate(grid, start=1):
        for cell in row:
            if "\n" not in cell or "@" not in cell:
                continue
            found = len(_ADDRESS_LIKE.findall(cell))
            later = cell.split("\n")[1:]
            if found >= 2 or any(
                delimiter in line and _ADDRESS_LIKE.search(line) for line in later
            ):
                holds = (
                    count(found, "{n} e-mail address", "{n} e-mail addresses")
                    if found >= 2
                    else _("what looks like another customer's row")
                )
                raise SpreadsheetError(
                    _(
                        "Row {row} of {file} has a cell that runs over {lines} lines and holds "
                        '{holds}, as if a quote (") were opened there and never closed; close '
                        "that quote (or remove it) and open the file again."
                    ).format(
                        row=at, file=path.name, lines=number(cell.count("\n") + 1), holds=holds
                    ),
                    row=at,
                )


_DELIMITER_WORDS = {
    ",": N_("comma-separated values"),
    ";": N_("semicolon-separated values"),
    "\t": N_("tab-separated values"),
    "|": N_("values separated by |"),
}


def _text_named_like_a_workbook(path: Path, delimiter: str | None) -> str:
    """The note for a text file under a workbook's name (``delimiter`` None: one column)."""
    if delimiter is None:
        what = _("one value per line")
    elif delimiter in _DELIMITER_WORDS:
        what = _(_DELIMITER_WORDS[delimiter])
    else:  # a "sep=" first line may name any character
        what = _("values separated by {delimiter}").format(delimiter=delimiter)
    workbook = (
        _("a LibreOffice (OpenDocument) spreadsheet")
        if path.suffix.lower() == ".ods"
        else _("an Excel workbook")
    )
    better = path.with_suffix(".tsv" if delimiter == "\t" else ".csv").name
    return _(
        '"{file}" is a text file ({what}), not {workbook}, so it was read as text; check that '
        "the columns look right, or rename it to {better}."
    ).format(file=path.name, what=what, workbook=workbook, better=better)

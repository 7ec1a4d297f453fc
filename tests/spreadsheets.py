"""Real spreadsheet files for tests: .xlsx (openpyxl), .xls (xlwt), .ods (written by hand, the
way LibreOffice lays it out), CSV in any encoding and delimiter, and the broken files people
actually send (a PDF renamed .xlsx, a password-protected workbook, a damaged zip, a zip bomb).

Rows are lists of Python values: str, int, float, bool, date, datetime, None (an empty cell)
or ``Formula("A2*2", cached=2002)`` (a formula with the value the spreadsheet program saved).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import struct
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

Rows = Sequence[Sequence[object]]

# A small, realistic customer list most tests start from.
CUSTOMERS: list[list[object]] = [
    ["Email", "First Name", "Order #", "Order date", "Refunded"],
    ["jane@example.com", "Jane", 1001, dt.date(2026, 11, 3), True],
    ["ali@example.org", "Ali", 1002, dt.date(2026, 11, 4), False],
    ["zoe@example.net", "Zoë", 1003, dt.date(2026, 11, 5), False],
]


@dataclass(frozen=True)
class Formula:
    """A formula cell and the value its spreadsheet program computed and saved with it."""

    expression: str  # without the leading "="
    cached: int | float | str


# --------------------------------------------------------------------------- .xlsx


def write_xlsx(
    path: Path,
    rows: Rows,
    sheet: str = "Customers",
    extra_sheets: Mapping[str, Rows] | None = None,
    title_rows: Sequence[str] = (),
    sheets_before: Mapping[str, Rows] | None = None,
    hidden: Sequence[str] = (),
) -> Path:
    """An .xlsx as Excel would save it. ``title_rows`` go above the header, each merged across
    the table's width and followed by one blank row; ``sheets_before`` come before ``sheet``,
    ``extra_sheets`` after it; sheets named in ``hidden`` are hidden."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    formulas: dict[str, dict[str, Formula]] = {}
    order = [*(sheets_before or {}).items(), (sheet, rows), *(extra_sheets or {}).items()]
    for index, (name, sheet_rows) in enumerate(order, start=1):
        ws = workbook.create_sheet(name)
        titles = title_rows if name == sheet else ()
        width = max((len(r) for r in sheet_rows), default=1)
        for title in titles:
            ws.append([title])
            if width > 1:
                ws.merge_cells(
                    start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width
                )
        if titles:
            ws.append([])
        for row in sheet_rows:
            ws.append([f"={v.expression}" if isinstance(v, Formula) else v for v in row])
            for column, value in enumerate(row):
                if isinstance(value, Formula):
                    cells = formulas.setdefault(f"xl/worksheets/sheet{index}.xml", {})
                    cells[f"{_letter(column)}{ws.max_row}"] = value
        if name in hidden:
            ws.sheet_state = "hidden"
    workbook.save(path)
    if formulas:
        _save_cached_values(path, formulas)
    return path


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _save_cached_values(path: Path, formulas: dict[str, dict[str, Formula]]) -> None:
    """openpyxl cannot compute formulas; write the cached value Excel would have saved."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for part, cells in formulas.items():
        xml = parts[part].decode()
        for ref, formula in cells.items():
            kind = ' t="str"' if isinstance(formula.cached, str) else ""
            pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>')
            replacement = rf'<c r="{ref}"\1{kind}><f>\2</f><v>{escape(str(formula.cached))}</v>'
            xml, count = pattern.subn(replacement, xml)
            assert count == 1, f"formula cell {ref} not found in {part}"
        parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


# --------------------------------------------------------------------------- .xls


def write_xls(
    path: Path,
    rows: Rows,
    sheet: str = "Customers",
    extra_sheets: Mapping[str, Rows] | None = None,
    title_rows: Sequence[str] = (),
) -> Path:
    """An Excel 97-2003 .xls (xlwt), dates stored as Excel does: numbers with a date format."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    datetime_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
    for name, sheet_rows in [(sheet, rows), *(extra_sheets or {}).items()]:
        ws = book.add_sheet(name)
        r = 0
        for title in title_rows if name == sheet else ():
            ws.write(r, 0, title)
            r += 1
        if name == sheet and title_rows:
            r += 1
        for row in sheet_rows:
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, Formula):  # xlwt cannot save a computed result
                    ws.write(r, c, value.cached)
                elif isinstance(value, dt.datetime):
                    ws.write(r, c, value, datetime_style)
                elif isinstance(value, dt.date):
                    ws.write(r, c, value, date_style)
                else:
                    ws.write(r, c, value)
            r += 1
    book.save(str(path))
    return path


# --------------------------------------------------------------------------- .ods


def write_ods(
    path: Path,
    rows: Rows,
    sheet: str = "Customers",
    extra_sheets: Mapping[str, Rows] | None = None,
    title_rows: Sequence[str] = (),
    trailing_empty_rows: int = 0,
) -> Path:
    """An OpenDocument spreadsheet written by hand: mimetype (stored first), content.xml and
    META-INF/manifest.xml. ``trailing_empty_rows`` adds one repeated empty row at the end, as
    LibreOffice does for formatted but empty rows."""
    tables = []
    for name, sheet_rows in [(sheet, rows), *(extra_sheets or {}).items()]:
        lines = []
        titles = list(title_rows) if name == sheet else []
        for title in titles:
            lines.append(_ods_row([title]))
        if titles:
            lines.append(_ods_row([]))
        lines.extend(_ods_row(row) for row in sheet_rows)
        if trailing_empty_rows and name == sheet:
            lines.append(
                f'<table:table-row table:number-rows-repeated="{trailing_empty_rows}">'
                f'<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
            )
        tables.append(f"<table:table table:name={quoteattr(name)}>{''.join(lines)}</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    _write_ods_zip(path, content)
    return path


ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


def _write_ods_zip(path: Path, content: str, manifest_extra: str = "") -> None:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        f"{manifest_extra}</manifest:file-entry></manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


def _ods_row(row: Sequence[object]) -> str:
    return f"<table:table-row>{''.join(_ods_cell(v) for v in row)}</table:table-row>"


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value='
            f'"{str(value).lower()}"><text:p>{text}</text:p></table:table-cell>'
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, dt.datetime | dt.date):
        iso = value.isoformat()
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{iso}">'
            f"<text:p>{iso}</text:p></table:table-cell>"
        )
    if isinstance(value, Formula):
        return (
            f'<table:table-cell table:formula="of:={escape(value.expression)}" '
            f'office:value-type="float" office:value="{value.cached}">'
            f"<text:p>{value.cached}</text:p></table:table-cell>"
        )
    text = escape(str(value))
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


# --------------------------------------------------------------------------- CSV


def write_csv(
    path: Path,
    rows: Rows,
    encoding: str = "utf-8",
    delimiter: str = ",",
    bom: bool = False,
    newline: str = "\r\n",
) -> Path:
    """A CSV as a spreadsheet program exports it (quotes only where needed, CRLF records).

    ``bom`` adds a byte-order mark for UTF-8 or UTF-16-LE/BE ("utf-16" always has one)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    data = buffer.getvalue().encode(encoding)
    if bom:
        data = {
            "utf-8": b"\xef\xbb\xbf",
            "utf-16-le": b"\xff\xfe",
            "utf-16-be": b"\xfe\xff",
        }.get(encoding.lower(), b"") + data
    path.write_bytes(data)
    return path


def _csv_text(value: object) -> str:
    """A cell as Excel writes it into a CSV."""
    if value is None:
        return ""
    if isinstance(value, Formula):
        value = value.cached
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


# --------------------------------------------------------------------------- broken files


def write_encrypted_xlsx(path: Path) -> Path:
    """What Excel writes for a password-protected workbook: not a zip, but an OLE2 compound
    file holding the streams EncryptionInfo and EncryptedPackage."""
    streams = {
        "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\x00" * 4088,
        "EncryptedPackage": bytes(range(256)) * 16,
    }
    path.write_bytes(compound_file(streams))
    return path


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """A minimal, valid OLE2 compound file (512-byte sectors); each stream is at least 4096
    bytes so it lives in regular sectors and no mini stream is needed."""
    sector = 512
    end_of_chain, fat_sector, free = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    data_sectors: list[tuple[str, int, int]] = []  # name, first sector, size
    body = b""
    next_sector = 2  # sector 0: FAT, sector 1: directory
    fat = [fat_sector, end_of_chain]
    for name, payload in streams.items():
        assert len(payload) >= 4096, "small streams would need a mini stream"
        padded = payload + b"\x00" * (-len(payload) % sector)
        count = len(padded) // sector
        data_sectors.append((name, next_sector, len(payload)))
        fat += [next_sector + i + 1 for i in range(count - 1)] + [end_of_chain]
        next_sector += count
        body += padded
    assert len(fat) <= sector // 4, "one FAT sector is enough for test files"
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int):
        encoded = (name + "\x00").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB3I", len(encoded), kind, 1, left, right, child)
            + b"\x00" * 16  # CLSID
            + struct.pack("<I", 0)  # state bits
            + b"\x00" * 16  # creation and modification times
            + struct.pack("<IQ", start, size)
        )

    none = free
    entries = [entry("Root Entry", 5, none, none, 1, end_of_chain, 0)]
    # Siblings form a (degenerate, all-black) red-black tree ordered by name length, then name.
    ordered = sorted(data_sectors, key=lambda s: (len(s[0]), s[0].upper()))
    for i, (name, start, size) in enumerate(ordered):
        right = i + 2 if i + 1 < len(ordered) else none
        entries.append(entry(name, 2, none, right, none, start, size))
    directory = b"".join(entries)
    directory += b"\x00" * (-len(directory) % sector)
    assert len(directory) == sector, "one directory sector is enough for test files"

    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain, 0)
        + struct.pack("<I", 0)  # DIFAT[0]: the FAT is sector 0
        + struct.pack("<I", free) * 108
    )
    assert len(header) == sector
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + body


def write_encrypted_ods(path: Path) -> Path:
    """An ODS saved with a password: content.xml is encrypted and the manifest says so."""
    encryption = (
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
        'manifest:initialisation-vector="AAAA"/></manifest:encryption-data>'
    )
    _write_ods_zip(path, "\x8f\x13garbled" * 64, manifest_extra=encryption)
    return path


def write_zip_bomb(path: Path, megabytes: int = 16) -> Path:
    """An .xlsx-shaped zip whose sheet unpacks from a few kilobytes to ``megabytes`` MB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)
    return path


def write_corrupt_copy(source: Path, path: Path, keep: float = 0.5) -> Path:
    """The first ``keep`` part of a real file, as left by an interrupted download."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def write_damaged_sheet(source: Path, path: Path) -> Path:
    """A workbook whose zip directory is intact but whose sheet data is overwritten."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("sheet1.xml"))
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 :][:4])
    start = info.header_offset + 30 + name_length + extra_length
    for i in range(start, start + info.compress_size):
        data[i] = 0x55
    path.write_bytes(bytes(data))
    return path


# --------------------------------------------------------------------------- hostile workbooks
# Small on disk, built to make a reader ask for far more memory or time than any list needs.

_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)  # fmt: skip
_XLSX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)  # fmt: skip
_XLSX_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Customers" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_XLSX_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)  # fmt: skip
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def write_raw_xlsx(path: Path, rows_xml: str, shared: Sequence[str] = ("",)) -> Path:
    """An .xlsx written part by part, so a test can put in it what no spreadsheet program
    would write. ``rows_xml`` is the ``<row>`` elements of the only sheet."""
    strings = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _XLSX_TYPES)
        archive.writestr("_rels/.rels", _XLSX_RELS)
        archive.writestr("xl/workbook.xml", _XLSX_WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _XLSX_WORKBOOK_RELS)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="{len(shared)}" '
            f'uniqueCount="{len(shared)}">{strings}</sst>',
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'
            f"{rows_xml}</sheetData></worksheet>",
        )
    return path


def write_far_corner_xlsx(path: Path) -> Path:
    """Two customers and one more cell at the far corner (XFD900000): a 2 KB file whose sheet,
    laid out as a grid, would be 900,000 rows by 16,384 columns."""
    rows = (
        f'<row r="1">{_inline("A1", "Email")}{_inline("B1", "First name")}</row>'
        f'<row r="2">{_inline("A2", "ann@example.com")}{_inline("B2", "Ann")}</row>'
        f'<row r="900000">{_inline("XFD900000", "x")}</row>'
    )
    return write_raw_xlsx(path, rows)


def write_amplified_xlsx(path: Path, megabytes: int = 9, cells: int = 2000) -> Path:
    """One shared string of ``megabytes`` MB that ``cells`` cells all point to: tens of KB on
    disk, gigabytes once every cell holds its own copy."""
    rows = [f'<row r="1">{_inline("A1", "Email")}{_inline("B1", "Note")}</row>']
    for r in range(2, cells + 2):
        rows.append(
            f'<row r="{r}">{_inline(f"A{r}", f"c{r}@example.com")}'
            f'<c r="B{r}" t="s"><v>0</v></c></row>'
        )
    return write_raw_xlsx(path, "".join(rows), shared=("y" * (megabytes * 1024 * 1024),))


def write_looping_xls(path: Path) -> Path:
    """A 6 KB .xls whose Workbook stream claims 4 GB and whose sector chain loops back on
    itself: a reader that trusts it follows the loop until it has read 4 GB."""
    record = struct.pack("<HH", 0x0809, 16) + b"\x00\x06\x05\x00" + b"\x00" * 12  # BOF
    data = bytearray(compound_file({"Workbook": (record * 256)[:4096]}))
    sector = 512
    fat = 512  # the FAT is sector 0, right after the 512-byte header
    # Workbook occupies sectors 2..9: point the last one back at the first.
    struct.pack_into("<I", data, fat + 9 * 4, 2)
    directory = 512 + sector  # sector 1
    workbook_entry = directory + 128  # entry 1 (after Root Entry)
    struct.pack_into("<Q", data, workbook_entry + 120, 0xFFFF_FF00)
    path.write_bytes(bytes(data))
    return path


def write_big_claiming_xlsx(path: Path, gigabytes: float = 1.9) -> Path:
    """A small .xlsx whose zip directory says its sheet unpacks to ``gigabytes`` GB at a ratio
    real sheets reach (the size fields are all a reader has before it unpacks)."""
    write_raw_xlsx(path, f'<row r="1">{_inline("A1", "Email")}</row>')
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    size = int(gigabytes * 1024**3)
    struct.pack_into("<I", data, info.header_offset + 22, size)  # local header
    central = data.rfind(b"PK\x01\x02" + data[info.header_offset + 4 : info.header_offset + 6])
    at = data.find(b"xl/worksheets/sheet1.xml", data.find(b"PK\x01\x02"))
    central = data.rfind(b"PK\x01\x02", 0, at)
    struct.pack_into("<I", data, central + 24, size)  # central directory
    path.write_bytes(bytes(data))
    return path

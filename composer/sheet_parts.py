"""A big .xlsx sheet read in parts, side by side on the processor's cores.

calamine parses a sheet on one core, and the other cores wait. For a sheet of many megabytes
of XML, this module cuts the sheet's XML between rows into parts and makes each part a
workbook of its own: the same styles, shared strings and other members, stored unpacked in
memory. Each part is handed to calamine in a thread of its own as soon as it is unpacked, so
the first parses begin while the rest of the sheet is still being unpacked, and then all run
at once (calamine lets go of the interpreter while it parses).

The rows handed back are the rows one read of the whole sheet gives: the same cells, the same
first row and column, blank rows where the sheet has them. The tests hold the two reads side
by side. Whenever the sheet's XML is not of the plain shape this needs (a prefix on its tags,
rows without numbers), or anything about a part goes wrong (a cut that fell inside a comment
leaves a part that is not XML), the answer is None and the caller reads the sheet in one
piece: that read is the reference, and it words any problem the file has.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import threading
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from xml.etree import ElementTree

if TYPE_CHECKING:
    from python_calamine import CalamineSheet

# Below this much sheet XML a read is quick and parts save little; above the upper bound,
# the parts' unpacked XML would cost more memory than the time saved is worth.
SMALLEST = 4 * 1024**2
LARGEST = 160 * 1024**2
# The share of the sheet's XML in each part but the last, which takes the rest. Every part
# parses all the shared strings again, so a sheet whose text lives there (as Excel saves it)
# is cut in two; one with its text in its cells (as most other programs write) in four.
SHARES = (0.25, 0.25, 0.25)
SHARES_WITH_MANY_STRINGS = (0.55,)  # the first part starts earlier, so it is given more
MANY_STRINGS = 0.1  # shared strings above this share of the sheet's XML are "many"

_WORKBOOK = "xl/workbook.xml"
_RELATIONSHIPS = "xl/_rels/workbook.xml.rels"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SHEET_DATA, _END_OF_DATA = b"<sheetData>", b"</sheetData>"
_NUMBERED_ROW = re.compile(rb'<row\b[^>]*?\sr="\d+"')
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)[\s>]")
_IN_MEMORY_FILES = hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd")

Rows = Sequence[Sequence[Any]]


@dataclass(frozen=True, slots=True)
class Grid:
    """A used area: its rows, and where its first cell sits in the sheet (0-based, as
    calamine counts)."""

    rows: Rows
    first_row: int
    first_column: int
    width: int


@dataclass(frozen=True, slots=True)
class _Job:
    """What every part needs: the sheet's name and member, the workbook's other members, and
    the caller's way from a parsed sheet to rows."""

    sheet: str
    member: str
    others: list[tuple[str, bytes]]
    rows_of: Callable[[CalamineSheet, int], Rows]
    finish: Callable[[Rows], Rows]


def read(
    path: Path,
    sheet: str,
    rows_of: Callable[[CalamineSheet, int], Rows],
    finish: Callable[[Rows], Rows],
) -> Grid | None:
    """The used area of ``sheet`` in the .xlsx at ``path``, read in parts at once; None when
    the sheet is small, not of the plain shape, empty, or a part could not be read, or the
    processor has a single core.
    ``rows_of(sheet, skip)`` turns a parsed part into its rows as the caller reads a whole
    sheet (``skip``: the rows above the part's used area); ``finish(rows)`` is then applied
    to them in the part's thread, once calamine's copy of the part is let go of."""
    if (os.cpu_count() or 1) < 2:  # on one core the parts would only take turns
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            found = _member_of(archive, sheet)
            if found is None:
                return None
            member, other_sheets = found
            others = [
                (info.filename, archive.read(info))
                for info in archive.infolist()
                if info is not member and info.filename not in other_sheets
            ]
            job = _Job(sheet, member.filename, others, rows_of, finish)
            strings = sum(len(data) for name, data in others if name.endswith("sharedStrings.xml"))
            many = strings > member.file_size * MANY_STRINGS
            parts = _read_parts(archive, member, job, SHARES_WITH_MANY_STRINGS if many else SHARES)
    except MemoryError:
        raise
    except Exception:  # any doubt at all: the one-piece read is the reference, and says why
        return None
    return _joined(parts) if parts else None  # None: no cell in any part


def _member_of(archive: zipfile.ZipFile, sheet: str) -> tuple[zipfile.ZipInfo, set[str]] | None:
    """The zip member holding the sheet's XML, if it is big enough to be worth parts, and
    the members of the other worksheets (no part reads them, so none carries them)."""
    names = set(archive.namelist())
    if _WORKBOOK not in names or _RELATIONSHIPS not in names:
        return None
    book = ElementTree.fromstring(archive.read(_WORKBOOK))
    ids = [
        s.get(_RELATIONSHIP_ID)
        for s in book.iter()
        if s.tag.endswith("}sheet") and s.get("name") == sheet
    ]
    sheets: dict[str, str] = {}  # relationship id -> member, of every worksheet
    for link in ElementTree.fromstring(archive.read(_RELATIONSHIPS)):
        target = link.get("Target", "")
        if link.get("Type", "").endswith("/worksheet") and link.get("Id"):
            sheets[link.get("Id", "")] = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            )
    if len(ids) != 1 or ids[0] not in sheets or sheets[ids[0]] not in names:
        return None
    info = archive.getinfo(sheets[ids[0]])
    if not SMALLEST <= info.file_size <= LARGEST or info.flag_bits & 0x1:  # 0x1: encrypted
        return None
    return info, set(sheets.values()) - {info.filename}


def _read_parts(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, job: _Job, shares: tuple[float, ...]
) -> list[Grid] | None:
    """The sheet's parts that hold cells, or None if its XML is not of the plain shape.
    Each part but the last is parsed in a thread as soon as its rows are unpacked; the last
    in this one."""
    readers: list[tuple[threading.Thread, list[Grid | BaseException | None]]] = []
    try:
        with archive.open(member) as xml:
            head = ending = carry = b""
            for share in shares:
                chunk = xml.read(int(member.file_size * share))
                if not head:
                    opening = chunk.find(_SHEET_DATA)
                    root = _ROOT.search(chunk, 0, max(opening, 0))
                    if opening < 0 or root is None:
                        return None
                    head = chunk[: opening + len(_SHEET_DATA)]
                    ending = b"".join((_END_OF_DATA, b"</", root.group(1), b">"))
                cut = _cut(chunk, len(head) if not readers else 0)
                if cut < 0:
                    return None
                with memoryview(chunk) as whole:
                    start = (head, carry) if readers else ()
                    book = _workbook(job, (*start, whole[:cut], ending))
                carry = chunk[cut:]
                del chunk
                readers.append(_in_thread(job, book))
                del book
            rest = xml.read()  # unpacked while the other parts are parsed
        if _END_OF_DATA not in rest:
            return None
        book = _workbook(job, (head, carry, rest))
        del rest
        last = _part(job, book)
    finally:
        for reader, _result in readers:
            reader.join()
    parts: list[Grid] = []
    for _reader, (result,) in readers:
        if isinstance(result, BaseException):
            raise result
        if result is not None:
            parts.append(result)
    return [*parts, last] if last is not None else parts


def _cut(chunk: bytes, start: int) -> int:
    """Where in ``chunk`` (from ``start``) the last whole start tag of a row begins; -1 if
    there is none, or if that row has no number (its cells would be counted from the
    part's top)."""
    cut = chunk.rfind(b"<row ", start)
    if cut >= 0 and chunk.find(b">", cut) < 0:  # the chunk ends inside this tag
        cut = chunk.rfind(b"<row ", start, cut)
    return cut if cut >= 0 and _NUMBERED_ROW.match(chunk, cut) else -1


def _workbook(job: _Job, pieces: tuple[bytes | memoryview, ...]) -> IO[bytes]:
    """A workbook of the other members and the sheet made of ``pieces``, stored unpacked, in
    a file that lives in memory only (where the system has them; else a buffer)."""
    book: IO[bytes] = (
        os.fdopen(os.memfd_create("sheet part", os.MFD_CLOEXEC), "w+b")
        if _IN_MEMORY_FILES
        else io.BytesIO()
    )
    with zipfile.ZipFile(book, "w", zipfile.ZIP_STORED) as archive:
        for name, data in job.others:
            archive.writestr(name, data)
        with archive.open(job.member, "w") as out:
            for piece in pieces:
                out.write(piece)
    book.flush()
    book.seek(0)
    return book


def _in_thread(job: _Job, book: IO[bytes]) -> tuple[threading.Thread, list[Any]]:
    """A thread parsing one part, and the list its part (or its error) will be in."""
    result: list[Grid | BaseException | None] = [None]

    def parse() -> None:
        try:
            result[0] = _part(job, book)
        except BaseException as error:  # handed to the thread that waits for it
            result[0] = error

    reader = threading.Thread(target=parse, name="sheet part")
    reader.start()
    return reader, result


def _part(job: _Job, book: IO[bytes]) -> Grid | None:
    """One part parsed; None when it holds no cell at all. A part whose rows do not come
    out as its size says fails the whole read. The part's workbook goes as soon as calamine
    has read it, calamine's cells as soon as they are rows."""
    from python_calamine import CalamineWorkbook

    with book:
        # A file in memory is opened by calamine itself, by name, and read as it parses;
        # a buffer is copied into calamine first.
        workbook = (
            CalamineWorkbook.from_path(f"/proc/self/fd/{book.fileno()}")
            if not isinstance(book, io.BytesIO)
            else CalamineWorkbook.from_filelike(book)
        )
        parsed = workbook.get_sheet_by_name(job.sheet)
        del workbook
    start, height, width = parsed.start, parsed.height, parsed.width
    if start is None:
        return None
    rows = job.rows_of(parsed, start[0])
    del parsed
    if len(rows) != height:
        raise ValueError("a part's rows are not what its size says")
    return Grid(job.finish(rows), start[0], start[1], width)


def _joined(parts: list[Grid]) -> Grid | None:
    """The parts as one used area: the columns of all of them, blank rows between parts
    where the sheet had rows with nothing in them. None if a part reaches up into the rows
    of the one before (a sheet whose rows are not in order)."""
    first_column = min(p.first_column for p in parts)
    width = max(p.first_column + p.width for p in parts) - first_column
    rows: list[Sequence[Any]] = []
    next_row = parts[0].first_row
    for part in parts:
        if part.first_row < next_row:
            return None
        rows += [("",) * width] * (part.first_row - next_row)
        before = part.first_column - first_column
        after = width - before - part.width
        if before or after:
            rows += [(*[""] * before, *row, *[""] * after) for row in part.rows]
        else:
            rows += part.rows
        next_row = part.first_row + len(part.rows)
    return Grid(rows, parts[0].first_row, first_column, width)

"""Old Excel files (.xls, BIFF8, as the NBS database delivers them): measured, then read by calamine.

calamine builds a dense grid from the first to the last used cell of every sheet while it opens
a workbook, so a 5 KB file with one cell in A1 and one in IV65536 would cost half a gigabyte
before any check on the loaded sheet could run. As for XLSX (xlsx_safety), the bytes are
measured first: the compound-file (OLE2) directory is followed to the Workbook stream, its BIFF
records are walked (no cell is decoded) and every worksheet's used extent is refused when it
exceeds what a provincial table needs. Password-protected workbooks (a FILEPASS record, or an
encrypted XLSX inside OLE2) and damaged files are refused by name; macros are never run (calamine
reads stored values only) and are reported.
"""
from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import NoReturn

import pandas as pd

from dashboard.data.errors import DataError, Location, Notice
from dashboard.data.importers.base import MAX_IMPORT_BYTES
from dashboard.data.importers.xlsx_safety import MAX_SHEET_CELLS, MAX_WORKBOOK_CELLS, Deadline

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAST_SECTOR = 0xFFFFFFFA  # ids at or above this are markers (end of chain, free, FAT, DIFAT)
_END_OF_CHAIN = 0xFFFFFFFE
# BIFF record types: substream start, password, sheet list, declared extent, and the cell records.
_BOF, _FILEPASS, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x002F, 0x0085, 0x0200
_MULRK = 0x00BD
_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6, _MULRK})
_WORKSHEET = 0x0010

_RESAVE = "open it in Excel and save it again as Excel workbook (.xlsx) or CSV UTF-8"


def is_ole2(raw: bytes) -> bool:
    return raw[:8] == OLE2_MAGIC


@dataclass(frozen=True)
class XlsSheet:
    name: str
    visible: bool
    rows: int  # used extent from A1, measured from the cell records
    columns: int


@dataclass(frozen=True)
class XlsScan:
    sheets: tuple[XlsSheet, ...]
    warnings: tuple[Notice, ...] = ()


class _Ole:
    """The parts of a compound file needed to find one stream (MS-CFB), bounds-checked throughout."""

    def __init__(self, raw: bytes, file: str) -> None:
        self.raw, self.file = raw, file
        if len(raw) < 512 or not is_ole2(raw):
            self.damaged("too short for an Excel 97-2003 file")
        shift, mini_shift = struct.unpack_from("<HH", raw, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            self.damaged("unknown sector size")
        self.size = 1 << shift
        n_fat, dir_start = struct.unpack_from("<II", raw, 0x2C)
        self.mini_cutoff, minifat_start, _, difat_start, n_difat = struct.unpack_from("<IIIII", raw, 0x38)
        fat_ids = list(struct.unpack_from("<109I", raw, 0x4C))
        sector, seen = difat_start, 0
        while sector < _LAST_SECTOR and seen <= n_difat:
            words = struct.unpack(f"<{self.size // 4}I", self.sector(sector))
            fat_ids.extend(words[:-1])
            sector, seen = words[-1], seen + 1
        fat_ids = [s for s in fat_ids if s < _LAST_SECTOR][:n_fat]
        self.fat = self._words(b"".join(self.sector(s) for s in fat_ids))
        self.entries = self._directory(self.stream_bytes(dir_start, None, self.fat, self.sector))
        root = next((e for e in self.entries if e[1] == 5), None)
        if root is None:
            self.damaged("no root directory")
        self.minifat = self._words(self.stream_bytes(minifat_start, None, self.fat, self.sector)) if minifat_start < _LAST_SECTOR else []
        self.ministream = self.stream_bytes(root[2], root[3], self.fat, self.sector) if root[2] < _LAST_SECTOR else b""

    def damaged(self, why: str) -> NoReturn:
        raise DataError(Location(self.file), f"is a damaged Excel 97-2003 (.xls) file ({why}); {_RESAVE}",
                        key="datasrc.problem.xls_damaged", params={"detail": why})

    @staticmethod
    def _words(data: bytes) -> list[int]:
        return list(struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4]))

    def sector(self, number: int) -> bytes:
        start = (number + 1) * self.size
        if start >= len(self.raw):
            self.damaged(f"sector {number} lies beyond the end of the file")
        return self.raw[start:start + self.size]

    def mini_sector(self, number: int) -> bytes:
        start = number * 64
        if start >= len(self.ministream):
            self.damaged("a small stream lies beyond its container")
        return self.ministream[start:start + 64]

    def stream_bytes(self, start: int, size: int | None, fat: list[int], read) -> bytes:
        parts, sector, steps = [], start, 0
        while sector != _END_OF_CHAIN:
            if sector >= len(fat) or steps > len(fat):
                self.damaged("a broken sector chain")
            parts.append(read(sector))
            sector, steps = fat[sector], steps + 1
        data = b"".join(parts)
        return data if size is None else data[:size]

    def _directory(self, data: bytes) -> list[tuple[str, int, int, int]]:
        entries = []
        for offset in range(0, len(data) - 127, 128):
            length = min(struct.unpack_from("<H", data, offset + 0x40)[0], 64)
            name = data[offset:offset + max(length - 2, 0)].decode("utf-16-le", "replace")
            kind = data[offset + 0x42]
            start, size = struct.unpack_from("<II", data, offset + 0x74)
            entries.append((name, kind, start, size))
        return entries

    def stream(self, name: str) -> bytes | None:
        for entry_name, kind, start, size in self.entries:
            if kind == 2 and entry_name.lower() == name.lower():
                if size > MAX_IMPORT_BYTES:
                    self.damaged("a stream larger than the file")
                if size < self.mini_cutoff:
                    return self.stream_bytes(start, size, self.minifat, self.mini_sector)
                return self.stream_bytes(start, size, self.fat, self.sector)
        return None

    def has(self, name: str) -> bool:
        return any(entry[0].lower() == name.lower() for entry in self.entries)


def _sheet_name(data: bytes) -> str:
    if len(data) < 8:
        return "?"
    count, high_byte = data[6], data[7] & 1
    text = data[8:8 + count * (2 if high_byte else 1)]
    return text.decode("utf-16-le" if high_byte else "latin-1", "replace")


def scan_xls(raw: bytes, file: str, deadline: Deadline | None = None) -> XlsScan:
    """Measure every sheet of an .xls from its records; refuse what cannot or must not be read."""
    deadline = deadline or Deadline(file)
    try:
        ole = _Ole(raw, file)
    except struct.error:
        raise DataError(Location(file), f"is a damaged Excel 97-2003 (.xls) file; {_RESAVE}",
                        key="datasrc.problem.xls_damaged", params={"detail": "—"}) from None
    if ole.has("EncryptedPackage") or ole.has("EncryptionInfo"):
        raise DataError(Location(file), "is a password-protected Excel workbook; remove the password in Excel "
                        "(File > Info > Protect workbook), save, and upload again", key="datasrc.problem.password")
    book = ole.stream("Workbook")
    if book is None:
        if ole.has("Book"):
            raise DataError(Location(file), f"is an Excel 5/95 workbook, older than we read; {_RESAVE}", key="datasrc.problem.excel95")
        raise DataError(Location(file), f"is an Office file but not an Excel workbook (no Workbook stream); {_RESAVE}",
                        key="datasrc.problem.not_excel_office")
    warnings: list[Notice] = []
    if ole.has("_VBA_PROJECT_CUR") or ole.has("_VBA_PROJECT"):
        warnings.append(Notice(f"{file} contains macros; they were not run, only the stored values were read",
                               "datasrc.notice.macros", file=file))
    bounds: list[tuple[int, str, bool]] = []  # BOF offset, name, visible
    extents: dict[int, list[int]] = {}  # BOF offset -> [rows, columns] of a worksheet
    current: list[int] | None = None
    where = file
    position, records = 0, 0
    while position + 4 <= len(book):
        kind, length = struct.unpack_from("<HH", book, position)
        data = book[position + 4:position + 4 + length]
        records += 1
        if records % 4096 == 0:
            deadline.check()
        if kind == _BOF:
            substream = struct.unpack_from("<H", data, 2)[0] if len(data) >= 4 else 0
            current = extents.setdefault(position, [0, 0]) if substream == _WORKSHEET else None
            where = next((f"{file}, sheet '{n}'" for offset, n, _ in bounds if offset == position), file)
        elif kind == _FILEPASS:
            raise DataError(Location(file), "is a password-protected Excel workbook; remove the password in Excel, "
                            "save it as Excel workbook (.xlsx) or CSV UTF-8, and upload again", key="datasrc.problem.password")
        elif kind == _BOUNDSHEET and len(data) >= 6:
            offset = struct.unpack_from("<I", data, 0)[0]
            if data[5] == 0:  # a worksheet (not a chart or macro sheet)
                bounds.append((offset, _sheet_name(data), data[4] & 3 == 0))
        elif current is not None and kind in _CELLS and len(data) >= 4:
            row, column = struct.unpack_from("<HH", data, 0)
            if kind == _MULRK and len(data) >= 6:
                column = struct.unpack_from("<H", data, len(data) - 2)[0]
            current[0], current[1] = max(current[0], row + 1), max(current[1], column + 1)
            if current[0] * current[1] > MAX_SHEET_CELLS:
                raise DataError(Location(where), f"sheet uses {current[0]} rows x {current[1]} columns; too large "
                                f"to import (limit {MAX_SHEET_CELLS:,} cells)",
                                        key="datasrc.problem.sheet_too_large", params={"max": f"{MAX_SHEET_CELLS:,}"})
        position += 4 + length
    sheets = tuple(
        XlsSheet(name, visible, *extents.get(offset, [0, 0])) for offset, name, visible in bounds
    )
    if not sheets:
        raise DataError(Location(file), f"is an Excel 97-2003 file without worksheets; {_RESAVE}", key="datasrc.problem.xls_no_sheets")
    # calamine builds every sheet's grid: many sheets each within the limit add up.
    if sum(rows * columns for rows, columns in extents.values()) > MAX_WORKBOOK_CELLS:
        raise DataError(Location(file), f"its {len(sheets)} sheets use more than {MAX_WORKBOOK_CELLS:,} cells "
                        "together; too large to import (save only the data sheet)",
                                key="datasrc.problem.workbook_too_large", params={"n": len(sheets), "max": f"{MAX_WORKBOOK_CELLS:,}"})
    return XlsScan(sheets, tuple(warnings))


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value


def read_xls_sheets(raw: bytes, file: str) -> tuple[list[tuple[str, tuple[tuple[object, ...], ...]]], tuple[Notice, ...]]:
    """(sheet name, rows) of every visible worksheet, in workbook order, plus the scan's warnings."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise DataError(
            Location(file),
            f"file is {len(raw) / 1_048_576:.1f} MB; the limit is {MAX_IMPORT_BYTES // 1_048_576} MB",
                    key="datasrc.problem.too_large", params={"size": f"{len(raw) / 1_048_576:.1f}", "mb": MAX_IMPORT_BYTES // 1_048_576},
        )
    deadline = Deadline(file)
    scan = scan_xls(raw, file, deadline)
    names = [s.name for s in scan.sheets if s.visible]
    if not names:
        raise DataError(Location(file), "workbook has no visible worksheet", key="datasrc.problem.no_visible_sheet")
    try:
        frames = pd.read_excel(io.BytesIO(raw), sheet_name=names, header=None, engine="calamine", dtype=object)
    except Exception as exc:  # calamine raises its own types on damaged records; all mean "unreadable"
        raise DataError(Location(file), f"cannot be read as an Excel 97-2003 workbook ({type(exc).__name__}: {exc}); "
                        f"{_RESAVE}", key="datasrc.problem.xls_damaged", params={"detail": f"{type(exc).__name__}: {exc}"}) from exc
    deadline.check()
    sheets = []
    for name in names:
        frame = frames[name]
        if frame.size > MAX_SHEET_CELLS:  # the scan bounds this; kept so a reader change cannot lift it
            raise DataError(Location(f"{file}, sheet '{name}'"), f"sheet is too large to import (limit {MAX_SHEET_CELLS:,} cells)",
                            key="datasrc.problem.sheet_too_large", params={"max": f"{MAX_SHEET_CELLS:,}"})
        sheets.append((name, tuple(tuple(_cell(v) for v in row) for row in frame.itertuples(index=False, name=None))))
    return sheets, scan.warnings

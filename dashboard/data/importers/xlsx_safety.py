"""What an XLSX holds, read from its zip with a safe streaming XML parser before openpyxl sees it.

openpyxl builds an object for every cell of a merged range and pads rows to the declared
dimension, so a 5 KB sheet saying `<mergeCell ref="A1:XFD1048576"/>` costs gigabytes before any
size check on the loaded sheet can run. Here every XML part is streamed through defusedxml's SAX
parser (no tree is built; DTDs and entities refused after decoding, so a UTF-16 part cannot hide
one), and each worksheet's declared dimension, real extent and merge ranges are measured and
refused when they exceed what a provincial table needs, all under a time budget.
"""
from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
import xml.sax
from dataclasses import dataclass, field
from typing import NoReturn

import defusedxml.sax
from defusedxml import DefusedXmlException

from dashboard.data.errors import DataError, Location, Notice

# What a damaged or exotic zip raises while its directory or members are read.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError, ValueError)
# Limits on what an XLSX may expand to. A provincial table is a few hundred KB of XML; a zip
# whose members expand far beyond that, or at a ratio no real sheet reaches, is refused unread.
MAX_XLSX_UNCOMPRESSED = 20 * 1024 * 1024
MAX_XLSX_RATIO = 100
MAX_XLSX_MEMBERS = 1000
# Cells of one sheet (rows x columns of its used rectangle, of its declared dimension, and of
# all its merged ranges together): 34 areas x 40 years x a few indicators is far below this.
MAX_SHEET_CELLS = 200_000
# Cells of all sheets together: openpyxl pads every sheet to its extent, so 400 sheets of one far
# cell each (a 120 KB file) held 680 MB for 15 s before this; real workbooks are far below it.
MAX_WORKBOOK_CELLS = 500_000
# Wall-clock budget for reading one workbook (scan and load); a real one takes well under a second.
MAX_XLSX_SECONDS = 15.0

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_EXTERNAL_LINKS = "xl/externalLinks/"


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def parse_ref(ref: str) -> tuple[int, int, int, int] | None:
    """'A1:C3' or 'B2' -> (min_row, min_col, max_row, max_col), 1-based; None when not a cell ref."""
    parts = ref.strip().split(":")
    if not 1 <= len(parts) <= 2:
        return None
    corners = []
    for part in parts:
        match = _REF.match(part)
        if not match:
            return None
        corners.append((int(match.group(2)), _column_number(match.group(1))))
    (r1, c1), (r2, c2) = corners[0], corners[-1]
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def _cells(box: tuple[int, int, int, int]) -> int:
    return (box[2] - box[0] + 1) * (box[3] - box[1] + 1)


class Deadline:
    """Raises a located DataError once an import has run longer than its budget."""

    def __init__(self, file: str, seconds: float = MAX_XLSX_SECONDS) -> None:
        self.file, self.seconds = file, seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise DataError(
                Location(self.file),
                f"took longer than {self.seconds:g} s to read; refusing a workbook this complex "
                "(save only the data sheet, as values)", key="datasrc.problem.too_slow", params={"seconds": f"{self.seconds:g}"},
            )


@dataclass(frozen=True)
class SheetScan:
    """One worksheet part as measured from its XML: used extent and merge ranges (1-based)."""

    path: str
    rows: int
    columns: int
    merges: tuple[tuple[int, int, int, int], ...] = ()
    formulas: int = 0  # cells computed by a formula (their cached value is what is read)


@dataclass(frozen=True)
class XlsxScan:
    sheets: dict[str, SheetScan]  # by part path, e.g. "xl/worksheets/sheet1.xml"
    warnings: tuple[Notice, ...] = field(default_factory=tuple)


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


class _Refuse(Exception):
    """Carries a DataError out of a SAX handler (the parser may wrap plain exceptions)."""

    def __init__(self, error: DataError) -> None:
        self.error = error


class _Handler(xml.sax.handler.ContentHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline
        self.events = 0

    def startElement(self, name, attrs) -> None:  # noqa: N802  (SAX's name)
        self.events += 1
        if self.events % 4096 == 0:
            try:
                self.deadline.check()
            except DataError as error:
                raise _Refuse(error) from None
        self.start(_local(name), attrs)

    def start(self, name: str, attrs) -> None:
        pass


class _SheetHandler(_Handler):
    """Measures a worksheet while it streams by; refuses as soon as it is too large."""

    def __init__(self, deadline: Deadline, where: str) -> None:
        super().__init__(deadline)
        self.where = where
        self.row = self.max_row = self.max_col = self.col = 0
        self.merges: list[tuple[int, int, int, int]] = []
        self.merged_cells = 0
        self.formulas = 0

    def refuse(self, message: str, key: str = "datasrc.problem.sheet_too_large") -> NoReturn:
        raise _Refuse(DataError(Location(self.where), message, key=key, params={"max": f"{MAX_SHEET_CELLS:,}"}))

    def start(self, name: str, attrs) -> None:
        if name == "dimension":
            box = parse_ref(attrs.get("ref", ""))
            if box and _cells(box) > MAX_SHEET_CELLS:
                self.refuse(
                    f"sheet declares {box[2]} rows x {box[3]} columns ({attrs.get('ref')}); too large to import "
                    f"(limit {MAX_SHEET_CELLS:,} cells)"
                )
        elif name == "row":
            given = attrs.get("r")
            self.row = int(given) if given and given.isdecimal() else self.row + 1
            self.col = 0
            self.max_row = max(self.max_row, self.row)
        elif name == "c":
            box = parse_ref(attrs.get("r", "") or "")
            if box:
                self.row, self.col = box[0], box[1]
                self.max_row = max(self.max_row, self.row)
            else:
                self.col += 1
            self.max_col = max(self.max_col, self.col)
            if self.max_row * self.max_col > MAX_SHEET_CELLS:
                self.refuse(
                    f"sheet uses {self.max_row} rows x {self.max_col} columns; too large to import "
                    f"(limit {MAX_SHEET_CELLS:,} cells)"
                )
        elif name == "f":
            self.formulas += 1
        elif name == "mergeCell":
            ref = attrs.get("ref", "")
            box = parse_ref(ref)
            if box is None:
                self.refuse(f"merged range '{ref[:40]}' is not a cell range", key="datasrc.problem.xlsx_damaged_plain")
            self.merged_cells += _cells(box)
            if _cells(box) > MAX_SHEET_CELLS:
                self.refuse(
                    f"merged range {ref} covers {_cells(box):,} cells; refusing more than {MAX_SHEET_CELLS:,} "
                    "(unmerge the cells or save only the data)"
                )
            if self.merged_cells > MAX_SHEET_CELLS:
                self.refuse(f"merged ranges cover more than {MAX_SHEET_CELLS:,} cells; too large to import")
            self.merges.append(box)


class _WorkbookHandler(_Handler):
    """Sheet names and their relationship ids from xl/workbook.xml."""

    def __init__(self, deadline: Deadline) -> None:
        super().__init__(deadline)
        self.sheets: list[tuple[str, str]] = []

    def start(self, name: str, attrs) -> None:
        if name == "sheet":
            rid = next((attrs[k] for k in attrs.getNames() if k.endswith(":id")), "")
            self.sheets.append((attrs.get("name", "?"), rid))


class _RelsHandler(_Handler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__(deadline)
        self.targets: dict[str, str] = {}

    def start(self, name: str, attrs) -> None:
        if name == "Relationship":
            self.targets[attrs.get("Id", "")] = attrs.get("Target", "")


def _parse(archive: zipfile.ZipFile, member: zipfile.ZipInfo, handler: _Handler, file: str) -> None:
    try:
        with archive.open(member) as stream:
            defusedxml.sax.parse(stream, handler, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except _Refuse as refusal:
        raise refusal.error from None
    except DefusedXmlException as exc:
        raise DataError(Location(file), f"XLSX part '{member.filename}' declares XML entities; refused",
                        key="datasrc.problem.xlsx_unsafe", params={"part": member.filename}) from exc
    except xml.sax.SAXException as exc:
        inner = getattr(exc, "getException", lambda: None)()
        if isinstance(inner, _Refuse):
            raise inner.error from None
        raise DataError(Location(file), f"XLSX part '{member.filename}' is not well-formed XML ({exc})",
                        key="datasrc.problem.xlsx_damaged", params={"detail": f"{member.filename}: {exc}"}) from exc
    except ZIP_ERRORS as exc:
        raise DataError(Location(file), f"XLSX part '{member.filename}' is damaged ({exc})",
                        key="datasrc.problem.xlsx_damaged", params={"detail": f"{member.filename}: {exc}"}) from exc


def _sheet_paths(archive: zipfile.ZipFile, names: set[str], deadline: Deadline, file: str) -> dict[str, str]:
    """Worksheet part path -> sheet name, from the workbook and its relationships."""
    book = _WorkbookHandler(deadline)
    _parse(archive, archive.getinfo("xl/workbook.xml"), book, file)
    rels = _RelsHandler(deadline)
    if "xl/_rels/workbook.xml.rels" in names:
        _parse(archive, archive.getinfo("xl/_rels/workbook.xml.rels"), rels, file)
    paths = {}
    for sheet_name, rid in book.sheets:
        target = rels.targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        paths[re.sub(r"/\./", "/", path)] = sheet_name
    return paths


def scan_xlsx(raw: bytes, file: str, deadline: Deadline | None = None) -> XlsxScan:
    """Refuse zip bombs, XML entities and oversized or over-merged sheets; measure each sheet."""
    deadline = deadline or Deadline(file)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except ZIP_ERRORS as exc:
        raise DataError(Location(file), f"looks like an XLSX (zip) file but is damaged ({exc})",
                        key="datasrc.problem.xlsx_damaged", params={"detail": str(exc)}) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_XLSX_MEMBERS:
            raise DataError(Location(file), f"XLSX holds {len(members)} parts; refusing more than {MAX_XLSX_MEMBERS}",
                            key="datasrc.problem.xlsx_unsafe", params={"part": f"{len(members)} parts"})
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names:
            raise DataError(Location(file), "is a zip file but not an Excel workbook (.xlsx)", key="datasrc.problem.zip_not_xlsx")
        total = sum(m.file_size for m in members)
        if total > MAX_XLSX_UNCOMPRESSED:
            raise DataError(
                Location(file),
                f"XLSX would expand to {total / 1_048_576:.0f} MB; refusing more than "
                f"{MAX_XLSX_UNCOMPRESSED // 1_048_576} MB (possible zip bomb)",
                        key="datasrc.problem.xlsx_unsafe", params={"part": f"{total / 1_048_576:.0f} MB"},
            )
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1_048_576 and ratio > MAX_XLSX_RATIO:
                raise DataError(
                    Location(file),
                    f"XLSX part '{member.filename}' is compressed {ratio:.0f}:1; refusing a possible zip bomb",
                            key="datasrc.problem.xlsx_unsafe", params={"part": member.filename},
                )
        sheet_names = _sheet_paths(archive, names, deadline, file)
        sheets: dict[str, SheetScan] = {}
        workbook_cells = 0
        for member in members:
            if not member.filename.endswith((".xml", ".rels", ".vml")):
                continue
            if member.filename in sheet_names:
                handler = _SheetHandler(deadline, f"{file}, sheet '{sheet_names[member.filename]}'")
                _parse(archive, member, handler, file)
                sheets[member.filename] = SheetScan(
                    member.filename, handler.max_row, handler.max_col, tuple(handler.merges), handler.formulas,
                )
                workbook_cells += handler.max_row * handler.max_col
                if workbook_cells > MAX_WORKBOOK_CELLS:
                    raise DataError(
                        Location(file),
                        f"its {len(sheet_names)} sheets use more than {MAX_WORKBOOK_CELLS:,} cells together; "
                        "too large to import (save only the data sheet)",
                                key="datasrc.problem.workbook_too_large", params={"n": len(sheet_names), "max": f"{MAX_WORKBOOK_CELLS:,}"},
                    )
            elif member.filename not in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                _parse(archive, member, _Handler(deadline), file)  # DTD/entity check on every part
    warnings: tuple[Notice, ...] = ()
    if any(n.startswith(_EXTERNAL_LINKS) for n in names):
        warnings = (Notice(
            f"{file} links to other workbooks (external links): the values imported are those Excel "
            "cached when the file was last saved, not read from the linked files; check them",
            "datasrc.notice.external_links", file=file),)
    computed = [(sheet_names[path], scan.formulas) for path, scan in sheets.items() if scan.formulas]
    if computed:
        # A panel often fills gaps by formula (interpolation, growth rates): such values are
        # derived, not published; the user must know before they enter the dataset as official.
        listed = ", ".join(f"'{name}' ({count})" for name, count in computed)
        warnings = tuple(warnings) + (Notice(
            f"{file} computes cells by formula in sheet(s) {listed}: values that come from formulas "
            "(e.g. interpolated years) are derived, not published; import only published values, "
            "or mark the computed ones 'derived' in a 标记/flag column",
            "datasrc.notice.formulas", file=file, sheets=listed),)
    return XlsxScan(sheets, warnings)

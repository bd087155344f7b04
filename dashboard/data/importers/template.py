"""Our own upload template: CSV or XLSX, long or wide, with Chinese or English headings.

Long: one row per area x indicator x year (地区, 指标, 年份, 数值, ...).
Wide: areas as rows and years as columns (地区, 指标, 2010, 2011 ... or 2010年 ...), as officials
copy them out of yearbooks and NBS exports.

This module also holds the safe spreadsheet reading every upload goes through (zip-bomb and
entity checks before openpyxl sees a byte, merged cells, sheet choice), so `upload.py` and the
template parser share one reader.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher
from dashboard.data.errors import DataError, Location, Notice
from dashboard.data.importers.base import MAX_IMPORT_BYTES, ImportedTable, decode_text
from dashboard.data.importers.xlsx_safety import (  # noqa: F401  limits re-exported for callers
    MAX_SHEET_CELLS,
    MAX_XLSX_MEMBERS,
    MAX_XLSX_RATIO,
    MAX_XLSX_UNCOMPRESSED,
    Deadline,
    SheetScan,
    XlsxScan,
    scan_xlsx,
)
from dashboard.data.validate import observation_problems, plausibility_warnings, year_problem


DEFAULT_SUBGROUP = "total"
DEFAULT_FLAG = "official"
# Vintage of rows whose file does not name one: keeps them apart from bundled releases.
DEFAULT_VINTAGE = "user-upload"

# Canonical column -> spellings accepted in a heading (compared after _heading_key).
HEADINGS: dict[str, tuple[str, ...]] = {
    "area": ("地区", "省份", "省", "地区名称", "省份名称", "省份名", "省市", "省区市", "省级行政区", "所在省份",
             "地区代码", "行政区划代码", "省份代码",
             "area", "province", "provinces", "provincename", "region", "regionname", "areaname", "areacode"),
    "indicator_id": ("指标", "指标代码", "指标id", "indicator", "indicatorid", "indicatorcode"),
    "year": ("年份", "年", "年度", "时间", "year", "time"),
    "value": ("数值", "值", "数据", "value"),
    "subgroup": ("分组", "子组", "subgroup", "group"),
    "source_id": ("来源", "数据来源", "source", "sourceid"),
    "vintage": ("版本", "发布版本", "vintage", "release"),
    "flag": ("标记", "数据类型", "flag"),
    "note": ("备注", "注释", "note", "notes", "comment"),
}
# The headings blank_template writes, per language.
TEMPLATE_HEADINGS: dict[str, dict[str, str]] = {
    "zh": {"area": "地区", "indicator_id": "指标", "year": "年份", "value": "数值", "subgroup": "分组",
           "source_id": "来源", "vintage": "版本", "flag": "标记", "note": "备注"},
    "en": {column: column for column in HEADINGS},
}

SUBGROUP_WORDS: dict[str, str] = {
    "total": "total", "合计": "total", "总计": "total", "全部": "total", "all": "total",
    "urban": "urban", "城镇": "urban", "城市": "urban",
    "rural": "rural", "农村": "rural", "乡村": "rural",
    "male": "male", "男": "male", "男性": "male",
    "female": "female", "女": "female", "女性": "female",
}
FLAG_WORDS: dict[str, str] = {
    "official": "official", "官方": "official", "官方数据": "official",
    "derived": "derived", "推算": "derived", "计算": "derived",
    "modelled": "modelled", "modeled": "modelled", "模型": "modelled", "模型估计": "modelled",
    "estimate": "estimate", "估计": "estimate", "估算": "estimate",
}
# Cells that mean "no value" in yearbooks, NBS exports and hand-made sheets.
MISSING_MARKERS = frozenset({
    "", "-", "--", "---", "—", "——", "..", "...", "…", "……", "/", "na", "n/a", "nan", "null", "none",
    "无", "空", "x",
})
_FOOTNOTE = re.compile(r"^(注|说明|数据来源|资料来源|note|notes|source|data source)s?\s*[:：]", re.IGNORECASE)
_YEAR_HEADING = re.compile(r"^(\d{4})(?:年|\.0)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_GUIDE_SHEET = re.compile(r"说明|指南|guide|readme|indicators?$|指标", re.IGNORECASE)


# --- reading spreadsheets safely ---------------------------------------------------------------
@dataclass(frozen=True)
class Grid:
    """The cells of one CSV file or one sheet, as rows; row numbers are spreadsheet rows (1-based)."""

    where: str  # the file, plus the sheet for workbooks: what every Location names
    rows: tuple[tuple[object, ...], ...]
    sheet: str | None = None
    warnings: tuple[Notice, ...] = ()  # what the workbook said about itself (e.g. external links)


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA: how Excel names the column a user should look at."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_xlsx(raw: bytes) -> bool:
    return raw[:4] == b"PK\x03\x04"


def decode_upload(raw: bytes, file: str) -> str:
    """Text of an upload: UTF-16 with a BOM (Excel's "Unicode text"), else UTF-8 / GB18030."""
    if len(raw) > MAX_IMPORT_BYTES:
        decode_text(raw, file)  # raises the shared size message
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DataError(Location(file), f"text starts as UTF-16 but is damaged at byte {exc.start}",
                            key="datasrc.problem.utf16_damaged", params={"byte": exc.start}) from exc
    if b"\x00" in raw[:4096]:
        sample = raw[:4096]
        odd, even = sample[1::2], sample[0::2]
        # UTF-16 text: one byte of each pair is almost always zero, the other almost never.
        if (odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.2 * len(even)) or (
                even.count(0) > 0.8 * len(even) and odd.count(0) < 0.2 * len(odd)):
            raise DataError(
                Location(file),
                "looks like UTF-16 text without a byte-order mark; save it again as CSV UTF-8", key="datasrc.problem.utf16_no_bom",
            )
        raise DataError(Location(file), "this is a binary file, not a CSV or Excel (.xlsx) table", key="datasrc.problem.binary")
    return decode_text(raw, file)


def _sniff_delimiter(text: str) -> str:
    """Comma, semicolon (European Excel) or tab (Excel "Unicode text"), by the heading line."""
    for line in text.splitlines():
        if line.strip() and not line.lstrip("\ufeff\"'").startswith("#"):
            counts = {d: line.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


def read_csv_grid(raw: bytes, file: str) -> Grid:
    text = decode_upload(raw, file)
    try:
        rows = tuple(tuple(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text)))
    except csv.Error as exc:
        raise DataError(Location(file), f"cannot be read as CSV ({exc})",
                        key="datasrc.problem.csv_unreadable", params={"detail": str(exc)}) from exc
    return Grid(file, rows)


def check_xlsx_container(raw: bytes, file: str, deadline: Deadline | None = None) -> XlsxScan:
    """Refuse zip bombs, XML entities and oversized or over-merged sheets before openpyxl reads a byte."""
    return scan_xlsx(raw, file, deadline)


def _cell_value(cell) -> object:
    value = cell.value
    # A cell formatted as a percentage stores 0.45 for "45%": give back what the user sees.
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return value * 100
    return value


def _sheet_grid(sheet, scan: SheetScan, file: str, deadline: Deadline, warnings: tuple[Notice, ...]) -> Grid:
    """A read-only sheet as rows from A1 to its measured extent (the scan bounds both)."""
    where = f"{file}, sheet '{sheet.title}'"
    sheet.reset_dimensions()  # the declared dimension may be wrong; the scan measured the cells
    rows: list[list[object]] = []
    if scan.rows and scan.columns:
        for number, row in enumerate(
            sheet.iter_rows(min_row=1, max_row=scan.rows, min_col=1, max_col=scan.columns), start=1,
        ):
            if number % 1024 == 0:
                deadline.check()
            rows.append([_cell_value(c) for c in row])
    # Merged cells hold their value in the top-left cell only; spread it over the range so a
    # province or year merged over several rows or columns applies to each. The scan bounded the
    # ranges' total size, and each is clipped to the cells the sheet uses.
    for top_row, left, bottom, right in scan.merges:
        if top_row > len(rows):
            continue
        top = rows[top_row - 1][left - 1] if left <= len(rows[top_row - 1]) else None
        for r in range(top_row - 1, min(bottom, len(rows))):
            for c in range(left - 1, min(right, len(rows[r]))):
                rows[r][c] = top
    return Grid(where, tuple(tuple(r) for r in rows), sheet=sheet.title, warnings=warnings)


def read_xlsx_grids(raw: bytes, file: str) -> list[Grid]:
    """Every worksheet of a checked workbook, in workbook order (charts and hidden sheets skipped).

    openpyxl reads in read-only mode (cells streamed, merges not expanded into objects), after
    `scan_xlsx` has measured every sheet; scan and load share one time budget.
    """
    import openpyxl  # deferred: only uploads need it

    if len(raw) > MAX_IMPORT_BYTES:
        decode_text(raw, file)
    deadline = Deadline(file)
    scan = check_xlsx_container(raw, file, deadline)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many types on damaged files; all mean "unreadable"
        raise DataError(Location(file), f"cannot be read as an Excel workbook ({type(exc).__name__}: {exc})",
                        key="datasrc.problem.xlsx_unreadable", params={"detail": f"{type(exc).__name__}: {exc}"}) from exc
    try:
        grids = []
        for ws in workbook.worksheets:
            path = getattr(ws, "_worksheet_path", "").lstrip("/")
            if ws.sheet_state != "visible" or path not in scan.sheets:
                continue
            try:
                grids.append(_sheet_grid(ws, scan.sheets[path], file, deadline, scan.warnings))
            except DataError:
                raise
            except Exception as exc:  # a damaged cell or style: unreadable, named by sheet
                raise DataError(
                    Location(f"{file}, sheet '{ws.title}'"),
                    f"cannot be read ({type(exc).__name__}: {exc})",
                            key="datasrc.problem.sheet_unreadable", params={"detail": f"{type(exc).__name__}: {exc}"},
                ) from exc
    finally:
        workbook.close()
    if not grids:
        raise DataError(Location(file), "workbook has no visible worksheet", key="datasrc.problem.no_visible_sheet")
    return grids


# --- cells ------------------------------------------------------------------------------------
def _heading_key(raw: object) -> str:
    text = unicodedata.normalize("NFKC", "" if raw is None else str(raw)).strip().lower()
    text = re.sub(r"\(.*?\)|\*", "", text)  # "数值(value)", "地区*"
    return re.sub(r"[\s_\-]+", "", text)


_HEADING_INDEX = {_heading_key(s): column for column, spellings in HEADINGS.items() for s in spellings}


def heading_column(raw: object) -> str | None:
    return _HEADING_INDEX.get(_heading_key(raw))


def year_heading(raw: object) -> int | None:
    """2010, 2010.0, "2010", "2010年" as a heading of a wide table's year column."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)) and float(raw).is_integer() and 1000 <= raw <= 9999:
        return int(raw)
    match = _YEAR_HEADING.match(unicodedata.normalize("NFKC", str(raw or "")).strip())
    return int(match.group(1)) if match else None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or (isinstance(value, str) and not value.strip())


def parse_number(value: object) -> float | None:
    """A value cell as a number; None for the markers that mean "no data". ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a number")
    if isinstance(value, (int, float)):
        return None if pd.isna(value) else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        raise ValueError(f"'{value}' is a date, not a number; format the cell as a number")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text.lower() in MISSING_MARKERS:
        return None
    if text.startswith("#"):
        raise ValueError(f"'{text}' is an Excel error, not a number; fix the formula or type the value")
    plain = text.rstrip("%").strip()
    if _THOUSANDS.match(plain):
        plain = plain.replace(",", "")
    try:
        number = float(plain.replace(" ", ""))
    except ValueError:
        raise ValueError(f"'{text}' is not a number (use digits, '.' for decimals, or '--' for no data)") from None
    if pd.isna(number) or number in (float("inf"), float("-inf")):
        raise ValueError(f"'{text}' is not a finite number")
    return number


def parse_year(value: object) -> int:
    if isinstance(value, (dt.date, dt.datetime)):
        raise ValueError(f"'{value}' is a date; write the year as a number such as 2010")
    year = year_heading(value)
    if year is None:
        raise ValueError(f"'{value}' is not a year (write 2010 or 2010年)")
    problem = year_problem(year)
    if problem:
        raise ValueError(problem)
    return year


def garbled_hint(text: str) -> str:
    """A hint when a name looks like Chinese decoded with the wrong encoding (mojibake)."""
    if "\ufffd" in text:
        return "; the text contains '\ufffd': the file's encoding was lost; save it again as UTF-8 CSV or XLSX"
    for wrong, right in (("cp1252", "utf-8"), ("latin-1", "utf-8"), ("latin-1", "gb18030"), ("gb18030", "utf-8")):
        try:
            fixed = text.encode(wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != text and re.search(r"[\u4e00-\u9fff]", fixed):
            return (f"; it looks like garbled Chinese ('{fixed}' read with the wrong encoding): "
                    "save the file again as UTF-8 CSV or XLSX")
    return ""


def unknown_area_message(raw: object, matcher: AreaMatcher) -> str:
    match = matcher.match(raw)
    hint = f"; did you mean {' or '.join(match.suggestions)}?" if match.suggestions else ""
    return f"'{raw}' is not a known area{hint}{garbled_hint(str(raw))}"


def unknown_indicator_message(raw: object, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(raw), sorted(known), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else f"; known indicators: {', '.join(sorted(known)) or 'none'}"
    return f"'{raw}' is not a known indicator id{hint}"


# --- the template ------------------------------------------------------------------------------
def _is_comment(row: Sequence[object]) -> bool:
    first = next((c for c in row if not _blank(c)), None)
    return isinstance(first, str) and first.lstrip("\ufeff").lstrip().startswith("#")


def _is_footnote(row: Sequence[object]) -> bool:
    filled = [c for c in row if not _blank(c)]
    return len(filled) == 1 and isinstance(filled[0], str) and bool(_FOOTNOTE.match(filled[0].strip()))


@dataclass(frozen=True)
class _Layout:
    header_row: int  # 1-based
    columns: dict[str, int]  # canonical column -> 0-based index
    years: dict[int, int]  # wide: year -> 0-based index
    labels: tuple[str, ...]  # headings as written, for locations
    ignored: tuple[int, ...] = ()  # columns left out of a mapped panel


def _find_header(grid: Grid) -> int | None:
    for number, row in enumerate(grid.rows, start=1):
        if all(_blank(c) for c in row) or _is_comment(row):
            continue
        return number
    return None


def _layout(grid: Grid, *, indicator_given: bool, value_column: str | None = None) -> _Layout:
    header_row = _find_header(grid)
    if header_row is None:
        raise DataError(Location(grid.where), "has no rows: expected a heading row such as 地区, 指标, 年份, 数值",
                        key="datasrc.problem.no_rows")
    header = grid.rows[header_row - 1]
    labels = tuple("" if _blank(c) else str(c).strip() for c in header)
    columns: dict[str, int] = {}
    years: dict[int, int] = {}
    ignored: list[int] = []
    for index, cell in enumerate(header):
        if _blank(cell):
            continue
        label = f"{column_letter(index)} {labels[index]}"
        year = year_heading(cell)
        column = heading_column(cell)
        if value_column is not None:
            # A panel the user has mapped: the named column holds the values; columns that are not
            # ours (an id, a second region column) are left out, and the preview says so.
            if _heading_key(cell) == _heading_key(value_column) or labels[index] == value_column:
                column, year = "value", None
            elif column in ("value", None) or column in columns or year is not None:
                ignored.append(index)
                continue
        if year is not None:
            if year in years:
                raise DataError(Location(grid.where, header_row, label), f"year {year} appears twice in the heading",
                                key="datasrc.problem.heading_year_twice", params={"year": year})
            years[year] = index
        elif column is not None:
            if column in columns:
                first = column_letter(columns[column])
                raise DataError(Location(grid.where, header_row, label),
                                f"repeats the {column} column {first}; say which column is the {column} "
                                f"(the {column} choice of the mapping step, or --{column.replace('_id', '')}-column HEADING)",
                                key="datasrc.problem.repeated_column",
                                params={"column": column, "first": first})
            columns[column] = index
        else:
            expected = ", ".join(f"{TEMPLATE_HEADINGS['zh'][c]}/{c}" for c in HEADINGS)
            raise DataError(
                Location(grid.where, header_row, label),
                f"heading '{labels[index]}' is not a template column; expected {expected} or years as columns"
                f"{garbled_hint(str(cell))}",
                        key="datasrc.problem.not_template_column", params={"heading": labels[index], "expected": expected},
            )
    if value_column is not None and "value" not in columns:
        raise DataError(Location(grid.where, header_row),
                        f"has no column '{value_column}' (the value column named); its headings are "
                        f"{', '.join(repr(label) for label in labels if label)}",
                        key="datasrc.problem.no_value_column", params={"column": value_column})
    if "area" not in columns:
        raise DataError(Location(grid.where, header_row), "heading row has no area column (地区 / area)",
                        key="datasrc.problem.no_area_column")
    if years and ("year" in columns or "value" in columns):
        raise DataError(
            Location(grid.where, header_row),
            "heading mixes the long layout (年份/year and 数值/value columns) with years as columns; use one",
                    key="datasrc.problem.mixed_layout",
        )
    if not years and not ("year" in columns and "value" in columns):
        raise DataError(
            Location(grid.where, header_row),
            "heading needs 年份/year and 数值/value columns (long layout) or years as columns (wide layout)",
                    key="datasrc.problem.layout_needed",
        )
    if "indicator_id" not in columns and not indicator_given:
        raise DataError(
            Location(grid.where, header_row),
            "heading row has no indicator column (指标 / indicator_id): say which indicator the file holds "
            "(the indicator choice beside the upload, or --indicator ID on the command line; for one the dashboard "
            "lacks, a new indicator in the mapping step, or --new-indicator NAME --unit U --direction higher|lower), "
            "or add an 指标 column",
            key="datasrc.problem.no_indicator_column",
        )
    return _Layout(header_row, columns, years, labels, tuple(ignored))


def looks_like_template(grid: Grid, value_column: str | None = None) -> bool:
    """Whether a sheet's first heading row names an area column plus years or year/value
    (the value column may be one the user named)."""
    header_row = _find_header(grid)
    if header_row is None:
        return False
    header = grid.rows[header_row - 1]
    found = {heading_column(c) for c in header if not _blank(c)}
    if value_column is not None and any(_heading_key(c) == _heading_key(value_column) for c in header if not _blank(c)):
        found.add("value")
    has_years = any(year_heading(c) is not None for c in header if not _blank(c))
    return "area" in found and (has_years or {"year", "value"} <= found)


def choose_sheet(grids: list[Grid], file: str, *, sheet: str | None, wanted=looks_like_template) -> tuple[Grid, tuple[Notice, ...]]:
    """The named sheet, else the first sheet that looks like data; warnings say which was used
    (and what the workbook said about itself, such as external links)."""
    grid, warnings = _choose_sheet(grids, file, sheet=sheet, wanted=wanted)
    return grid, tuple(grid.warnings) + tuple(warnings)


def _choose_sheet(grids: list[Grid], file: str, *, sheet: str | None, wanted=looks_like_template) -> tuple[Grid, tuple[Notice, ...]]:
    names = [g.sheet for g in grids]
    if sheet is not None:
        for grid in grids:
            if grid.sheet == sheet:
                return grid, ()
        raise DataError(Location(file), f"has no sheet '{sheet}'; its sheets are {', '.join(map(repr, names))}",
                        key="datasrc.problem.no_such_sheet", params={"sheet": sheet, "sheets": ", ".join(map(repr, names))})
    fitting = [g for g in grids if wanted(g)]
    if not fitting:
        first = grids[0]
        if len(grids) == 1:
            return first, ()
        raise DataError(
            Location(file),
            f"no sheet looks like data (a heading row with 地区/area and years); sheets are "
            f"{', '.join(map(repr, names))}; say which columns are the area, year and value (the mapping step, or "
            "--area-column, --year-column and --value-column on the command line; --sheet NAME picks a sheet)",
                    key="datasrc.problem.no_data_sheet", params={"sheets": ", ".join(map(repr, names))},
        )
    chosen = fitting[0]
    if len(fitting) == 1 and chosen is grids[0]:
        return chosen, ()  # the usual case: data first, our guide sheet after it
    others = [n for n in names if n != chosen.sheet]
    ignored = ', '.join(map(repr, others))
    return chosen, (Notice(f"read sheet '{chosen.sheet}' of {file}; ignored sheet(s) {ignored}",
                           "datasrc.notice.sheet_chosen", sheet=chosen.sheet, others=ignored),)


def _word(value: object, words: dict[str, str], default: str, what: str, allowed: Sequence[str]) -> str:
    if _blank(value):
        return default
    key = unicodedata.normalize("NFKC", str(value)).strip().lower()
    if key in words:
        return words[key]
    raise ValueError(f"'{value}' is not a {what}; use one of {', '.join(allowed)}")


def _text_cell(value: object) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _parse_grid(
    grid: Grid,
    *,
    matcher: AreaMatcher,
    known_indicators: set[str],
    indicator_id: str | None,
    indicators: pd.DataFrame | None,
    value_column: str | None = None,
) -> ImportedTable:
    if value_column is None and _years_as_rows(grid, matcher):
        return _parse_years_as_rows(grid, matcher=matcher, known_indicators=known_indicators,
                                    indicator_id=indicator_id, indicators=indicators)
    layout = _layout(grid, indicator_given=indicator_id is not None, value_column=value_column)
    cols = layout.columns

    def where(row: int, index: int) -> Location:
        label = layout.labels[index] if index < len(layout.labels) else ""
        return Location(grid.where, row, f"{column_letter(index)} {label}".strip())

    def cell(row: Sequence[object], column: str) -> object:
        index = cols.get(column)
        return row[index] if index is not None and index < len(row) else None

    records: list[dict] = []
    cells: list[tuple[int, int, int]] = []  # per record: row number, year column, value column
    notes: list[str] = []
    problems: list[DataError] = []  # every problem of the file, so the user fixes them at once
    for number, row in enumerate(grid.rows[layout.header_row:], start=layout.header_row + 1):
        if all(_blank(c) for c in row) or _is_comment(row):
            continue
        filled = [c for c in row if not _blank(c)]
        area_index = layout.columns.get("area")
        lone_text = (records and len(filled) == 1 and isinstance(filled[0], str) and area_index is not None
                     and (area_index >= len(row) or _blank(row[area_index])))
        if _is_footnote(row) or lone_text:
            # A note below the table (a footnote, or one text cell the sheet's author left bare): kept.
            notes.append(next(str(c).strip() for c in row if not _blank(c)))
            continue
        try:
            _parse_row(row, number, layout, where, cell, matcher, known_indicators, indicator_id, records, cells, problems)
        except DataError as exc:
            problems.append(exc)
    if not records and not problems:
        raise DataError(Location(grid.where), "has a heading but no values below it (every cell empty or '--')",
                        key="datasrc.problem.no_values")
    frame = pd.DataFrame.from_records(records, columns=list(schema.OBSERVATIONS.columns))
    frame = frame.reindex(columns=list(schema.OBSERVATIONS.columns))  # e.g. confidence: not graded
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    problems += _duplicates(frame, cells, where)
    if indicators is not None and len(frame):
        problems += observation_problems(
            frame, indicators,
            lambda i, column: where(cells[i][0], cells[i][1] if column == "year" else cells[i][2]),
        )
    if problems:
        raise DataError.of(sorted(problems, key=lambda e: (e.location.row or 0)))
    checks = plausibility_warnings(
        frame, indicators, lambda i, column: where(cells[i][0], cells[i][2]),
    ) if indicators is not None else ()
    left_out = ', '.join(repr(layout.labels[i]) for i in layout.ignored)
    warnings = (Notice(f"read column '{layout.labels[cols['value']]}' as the values; left out column(s) {left_out}",
                       "datasrc.notice.value_column", column=layout.labels[cols["value"]], columns=left_out),
                ) if layout.ignored else ()
    return ImportedTable(observations=frame, notes=tuple(notes), checks=tuple(checks), warnings=warnings)


def _years_as_rows(grid: Grid, matcher: AreaMatcher) -> bool:
    """A table with a year column first and provinces as the other headings (a transposed export)."""
    header_row = _find_header(grid)
    if header_row is None:
        return False
    header = [c for c in grid.rows[header_row - 1]]
    if not header or heading_column(header[0]) != "year":
        return False
    names = [c for c in header[1:] if not _blank(c)]
    return len(names) >= 2 and sum(matcher.code_for(str(c).strip()) is not None for c in names) * 2 > len(names)


def _parse_years_as_rows(grid: Grid, *, matcher: AreaMatcher, known_indicators: set[str], indicator_id: str | None,
                         indicators: pd.DataFrame | None) -> ImportedTable:
    """Years as rows, provinces as columns (时间, 北京市, 天津市, ...): one indicator, named by the user."""
    header_row = _find_header(grid)
    assert header_row is not None  # _years_as_rows found it before this parser was chosen
    header = grid.rows[header_row - 1]
    labels = ["" if _blank(c) else str(c).strip() for c in header]

    def where(row: int, index: int) -> Location:
        return Location(grid.where, row, f"{column_letter(index)} {labels[index]}".strip())

    if indicator_id is None:
        raise DataError(
            Location(grid.where, header_row),
            "the table has years as rows and provinces as columns but no indicator: say which indicator it holds "
            "(the indicator choice beside the upload, or --indicator ID on the command line)",
            key="datasrc.problem.no_indicator_column",
        )
    if indicator_id not in known_indicators:
        raise DataError(Location(grid.where), unknown_indicator_message(indicator_id, known_indicators),
                        key="datasrc.problem.unknown_indicator", params={"id": indicator_id})
    problems: list[DataError] = []
    areas: dict[int, str] = {}
    for index, name in enumerate(labels[1:], start=1):
        if not name:
            continue
        code = matcher.code_for(name)
        if code is None:
            match = matcher.match(name)
            problems.append(DataError(where(header_row, index), unknown_area_message(name, matcher),
                                      key="datasrc.problem.unknown_area",
                                      params={"name": name, "suggestions": " / ".join(match.suggestions) or "—"}))
        else:
            areas[index] = code
    records, cells, notes = [], [], []
    for number, row in enumerate(grid.rows[header_row:], start=header_row + 1):
        if all(_blank(c) for c in row) or _is_comment(row):
            continue
        if _is_footnote(row) or (len([c for c in row if not _blank(c)]) == 1 and year_heading(row[0]) is None):
            notes.append(next(str(c).strip() for c in row if not _blank(c)))
            continue
        try:
            year = parse_year(row[0])
        except ValueError as exc:
            problems.append(DataError(where(number, 0), str(exc), key="datasrc.problem.year", params={"cell": row[0]}))
            continue
        for index, code in areas.items():
            raw_value = row[index] if index < len(row) else None
            try:
                value = parse_number(raw_value)
            except ValueError as exc:
                problems.append(DataError(where(number, index), str(exc), key="datasrc.problem.not_number",
                                          params={"cell": raw_value}))
                continue
            if value is None:
                continue
            records.append({"area_code": code, "indicator_id": indicator_id, "year": year, "value": value,
                            "subgroup": DEFAULT_SUBGROUP, "source_id": None, "vintage": DEFAULT_VINTAGE,
                            "flag": DEFAULT_FLAG, "note": None})
            cells.append((number, 0, index))
    frame = pd.DataFrame.from_records(records, columns=list(schema.OBSERVATIONS.columns))
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    problems += _duplicates(frame, cells, where)
    if indicators is not None and len(frame):
        problems += observation_problems(frame, indicators, lambda i, column: where(cells[i][0], cells[i][1 if column == "year" else 2]))
    if problems:
        raise DataError.of(sorted(problems, key=lambda e: (e.location.row or 0)))
    if frame.empty:
        raise DataError(Location(grid.where), "has a heading but no values below it (every cell empty or '--')",
                        key="datasrc.problem.no_values")
    checks = plausibility_warnings(frame, indicators, lambda i, column: where(cells[i][0], cells[i][2])) if indicators is not None else ()
    return ImportedTable(observations=frame, notes=tuple(notes), checks=tuple(checks),
                         warnings=(Notice("read with years as rows and provinces as columns", "datasrc.notice.years_as_rows"),))


def _parse_row(row, number, layout, where, cell, matcher, known_indicators, indicator_id, records, cells, problems) -> None:
    """One data row into records; a problem with the whole row raises, one with a value cell is collected."""
    cols = layout.columns
    used = set(cols.values()) | set(layout.years.values()) | set(layout.ignored)
    stray = [i for i, c in enumerate(row) if i not in used and not _blank(c)]
    if stray:
        raise DataError(where(number, stray[0]), f"'{row[stray[0]]}' is in a column without a heading",
                        key="datasrc.problem.stray", params={"cell": row[stray[0]]})
    area_raw = cell(row, "area")
    area_code = matcher.code_for(area_raw) if not _blank(area_raw) else None
    if area_code is None:
        if _blank(area_raw):
            raise DataError(where(number, cols["area"]), "area is empty", key="datasrc.problem.area_empty")
        match = matcher.match(area_raw)
        garbled = bool(garbled_hint(str(area_raw)))
        raise DataError(where(number, cols["area"]), unknown_area_message(area_raw, matcher),
                        key="datasrc.problem.garbled_area" if garbled else "datasrc.problem.unknown_area",
                        params={"name": area_raw, "suggestions": " / ".join(match.suggestions) or "—"})
    if "indicator_id" in cols:
        ind = _text_cell(cell(row, "indicator_id")) or indicator_id
        if ind is None:
            raise DataError(where(number, cols["indicator_id"]), "indicator is empty", key="datasrc.problem.indicator_empty")
    else:
        ind = indicator_id
    if ind not in known_indicators:
        location = where(number, cols["indicator_id"]) if "indicator_id" in cols else Location(where(number, 0).file, number)
        raise DataError(location, unknown_indicator_message(ind, known_indicators),
                        key="datasrc.problem.unknown_indicator", params={"id": ind})
    try:
        subgroup = _word(cell(row, "subgroup"), SUBGROUP_WORDS, DEFAULT_SUBGROUP, "subgroup", schema.SUBGROUPS)
    except ValueError as exc:
        raise DataError(where(number, cols["subgroup"]), str(exc), key="datasrc.problem.subgroup",
                        params={"cell": cell(row, "subgroup"), "allowed": ", ".join(schema.SUBGROUPS)}) from None
    try:
        flag = _word(cell(row, "flag"), FLAG_WORDS, DEFAULT_FLAG, "flag", schema.FLAGS)
    except ValueError as exc:
        raise DataError(where(number, cols["flag"]), str(exc), key="datasrc.problem.flag",
                        params={"cell": cell(row, "flag"), "allowed": ", ".join(schema.FLAGS)}) from None
    base = {
        "area_code": area_code,
        "indicator_id": ind,
        "subgroup": subgroup,
        "source_id": _text_cell(cell(row, "source_id")),
        "vintage": _text_cell(cell(row, "vintage")) or DEFAULT_VINTAGE,
        "flag": flag,
        "note": _text_cell(cell(row, "note")),
    }
    if layout.years:
        pairs = [(year, None, index) for year, index in layout.years.items()]
    else:
        try:
            year = parse_year(cell(row, "year"))
        except ValueError as exc:
            raise DataError(where(number, cols["year"]), str(exc), key="datasrc.problem.year",
                            params={"cell": cell(row, "year")}) from None
        pairs = [(year, cols["year"], cols["value"])]
    for year, year_index, value_index in pairs:
        raw_value = row[value_index] if value_index < len(row) else None
        try:
            value = parse_number(raw_value)
        except ValueError as exc:
            problems.append(DataError(where(number, value_index), str(exc), key="datasrc.problem.not_number",
                                      params={"cell": raw_value}))
            continue
        if value is None:
            continue
        if layout.years:
            problem = year_problem(year)
            if problem:
                problems.append(DataError(where(layout.header_row, value_index), problem,
                                          key="datasrc.problem.year_range", params={"year": year}))
                continue
        records.append({**base, "year": year, "value": value})
        cells.append((number, year_index if year_index is not None else value_index, value_index))


def _duplicates(frame: pd.DataFrame, cells: list[tuple[int, int, int]], where) -> list[DataError]:
    key = list(schema.OBSERVATIONS.key)
    seen: dict[tuple, int] = {}
    found = []
    for i, values in enumerate(frame[key].itertuples(index=False, name=None)):
        if values in seen:
            first = cells[seen[values]][0]
            found.append(DataError(
                where(cells[i][0], cells[i][2]),
                f"repeats row {first}: {values[0]} {values[1]} {values[2]} ({values[3]}, vintage {values[4]}) "
                "has two values; keep one row",
                key="datasrc.problem.duplicate", params={"row": first, "year": values[2]},
            ))
            continue
        seen[values] = i
    return found


def parse_template(
    raw: bytes,
    *,
    file: str,
    matcher: AreaMatcher,
    known_indicators: set[str],
    indicator_id: str | None = None,
    indicators: pd.DataFrame | None = None,
    sheet: str | None = None,
    grids: list[Grid] | None = None,
    value_column: str | None = None,
) -> ImportedTable:
    """Parse a filled template (CSV or XLSX, told apart by content) into observation rows.

    `indicator_id` fills a missing 指标 column; with `indicators` (rows of indicators.csv) every
    value is also checked against validate.value_rule. Any problem raises a located DataError.
    `grids` are sheets already read (an .xls workbook); `raw` is then not read again.
    """
    wanted = (lambda g: looks_like_template(g, value_column)) if value_column else looks_like_template
    if grids is not None:
        grid, warnings = choose_sheet(grids, file, sheet=sheet, wanted=wanted)
    elif is_xlsx(raw):
        grid, warnings = choose_sheet(read_xlsx_grids(raw, file), file, sheet=sheet, wanted=wanted)
    else:
        grid, warnings = read_csv_grid(raw, file), ()
    table = _parse_grid(
        grid, matcher=matcher, known_indicators=known_indicators, indicator_id=indicator_id, indicators=indicators,
        value_column=value_column,
    )
    return ImportedTable(observations=table.observations, notes=table.notes, warnings=tuple(warnings) + table.warnings,
                         checks=table.checks)


# --- the blank template -------------------------------------------------------------------------
_GUIDE: dict[str, dict[str, str]] = {
    "zh": {
        "area": "必填。省份名称（云南、云南省、Yunnan 均可）或行政区划代码 530000",
        "indicator_id": "必填。指标代码，见“指标”表或数据说明",
        "year": "必填。年份，如 2010（1949 至今年）",
        "value": "必填。数值；无数据填 -- 或留空。百分比填 45.2，不要填 0.452",
        "subgroup": "可选。合计/城镇/农村/男/女（默认合计）",
        "source_id": "可选。数据来源，如《中国统计年鉴2011》表9-3",
        "vintage": "可选。数据版本，如 2011年鉴；修订前后的数据请分开填写",
        "flag": "可选。官方/推算/模型/估计（默认官方）",
        "note": "可选。备注",
    },
    "en": {
        "area": "Required. Province name (云南, 云南省 or Yunnan) or code 530000",
        "indicator_id": "Required. Indicator id; see the indicators sheet or the data guide",
        "year": "Required. Year such as 2010 (1949 to this year)",
        "value": "Required. Number; leave empty or write -- for no data. Percentages as 45.2, not 0.452",
        "subgroup": "Optional. total / urban / rural / male / female (default total)",
        "source_id": "Optional. Where the value comes from, e.g. China Statistical Yearbook 2011, table 9-3",
        "vintage": "Optional. Release, e.g. CSY2011; keep revised and unrevised series apart",
        "flag": "Optional. official / derived / modelled / estimate (default official)",
        "note": "Optional. Free text",
    },
}
_INTRO: dict[str, tuple[str, ...]] = {
    "zh": (
        "填写说明：每行填写一个地区、一个指标、一年的数值（长表）。",
        "也可使用宽表：地区、指标两列，其后每列一个年份（2010 或 2010年）。",
        "以 # 开头的行会被忽略。请以 CSV UTF-8 或 Excel 工作簿 (.xlsx) 保存。",
    ),
    "en": (
        "Guide: one row per area, indicator and year (long layout).",
        "A wide layout also works: area and indicator_id columns, then one column per year (2010).",
        "Rows starting with # are ignored. Save as CSV UTF-8 or Excel workbook (.xlsx).",
    ),
}
_SHEET_NAMES = {"zh": ("数据", "说明", "指标"), "en": ("data", "guide", "indicators")}


def _guide_rows(lang: str) -> list[tuple[str, str]]:
    return [(TEMPLATE_HEADINGS[lang][c], _GUIDE[lang][c]) for c in HEADINGS]


def blank_template(lang: str, fmt: str, indicators: pd.DataFrame | None = None) -> bytes:
    """An empty template in zh or en, as CSV (UTF-8 with BOM, guide in # rows) or XLSX (guide sheet).

    The CSV keeps its guide in leading "# ..." rows rather than a second file, because a
    downloaded CSV travels alone and Excel shows those rows above the headings.
    """
    if lang not in TEMPLATE_HEADINGS:
        raise ValueError(f"lang must be one of {', '.join(TEMPLATE_HEADINGS)}, not {lang!r}")
    headings = [TEMPLATE_HEADINGS[lang][c] for c in HEADINGS]
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        for line in _INTRO[lang]:
            writer.writerow([f"# {line}"])
        for heading, text in _guide_rows(lang):
            writer.writerow([f"# {heading}: {text}"])
        writer.writerow(headings)
        return out.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        return _blank_xlsx(lang, headings, indicators)
    raise ValueError(f"fmt must be 'csv' or 'xlsx', not {fmt!r}")


def _blank_xlsx(lang: str, headings: list[str], indicators: pd.DataFrame | None) -> bytes:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    data_name, guide_name, indicators_name = _SHEET_NAMES[lang]
    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = data_name
    data.append(headings)
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    for index, heading in enumerate(headings):
        data.column_dimensions[column_letter(index)].width = max(12, len(heading) * 2)
    words = {
        "subgroup": [w for w in SUBGROUP_WORDS if (lang == "zh") == bool(re.search(r"[\u4e00-\u9fff]", w))],
        "flag": [w for w in FLAG_WORDS if (lang == "zh") == bool(re.search(r"[\u4e00-\u9fff]", w))],
    }
    for column, options in words.items():
        letter = column_letter(list(HEADINGS).index(column))
        check = DataValidation(type="list", formula1=f'"{",".join(dict.fromkeys(options))}"', allow_blank=True)
        check.add(f"{letter}2:{letter}5000")
        data.add_data_validation(check)
    guide = workbook.create_sheet(guide_name)
    for line in _INTRO[lang]:
        guide.append([line])
    guide.append([])
    for heading, text in _guide_rows(lang):
        guide.append([heading, text])
    guide.column_dimensions["A"].width = 14
    guide.column_dimensions["B"].width = 90
    if indicators is not None and len(indicators):
        sheet = workbook.create_sheet(indicators_name)
        sheet.append(["id", "name", "unit"] if lang == "en" else ["代码", "名称", "单位"])
        for _, row in indicators.iterrows():
            sheet.append([row["indicator_id"], row.get(f"name_{lang}"), row.get(f"unit_{lang}")])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

"""The mapping step: the user says which column of a panel is the area, the year and the value,
and which indicator it is (one of the catalogue's, or a new one of their own).

    found = detect_columns(raw, filename="panel.csv")           # headings + guesses, for the UI
    mapping = ColumnMapping(area="Province", year="Year", value="Birthrate",
                            new_indicator=NewIndicator("出生率", "Birth rate", "‰", "higher"))
    table = import_file(raw, filename=..., dataset=..., mapping=mapping)   # upload.import_file

The chosen columns are renamed to the template's headings and every other column (an id, a
second region column) is blanked in place, so that locations keep the column letters the user
sees in the file. Nothing is guessed about values: the template parser checks every cell.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError, Location, Notice
from dashboard.data.importers.template import (
    Grid,
    _blank,
    _find_header,
    choose_sheet,
    column_letter,
    decode_upload,
    heading_column,
    is_xlsx,
    read_csv_grid,
    read_xlsx_grids,
    year_heading,
)
from dashboard.data.importers.xls import is_ole2, read_xls_sheets

DIRECTIONS = ("higher", "lower")
USER_INDICATOR_PREFIX = "user_"
ROLES = ("area", "year", "value")
# Columns the template parser reads by their own heading when the user has not mapped them.
_KEPT_OPTIONAL = frozenset({"subgroup", "flag", "note", "vintage", "source_id"})
_CANONICAL = {"area": "地区", "year": "年份", "value": "数值"}


@dataclass(frozen=True)
class NewIndicator:
    """An indicator the catalogue lacks, defined by the user at import (kept with the upload)."""

    name_zh: str
    name_en: str
    unit: str
    direction: str  # "higher" or "lower" is better
    unit_en: str = ""  # the English unit when it differs (a copy of a catalogue indicator's); else `unit`

    @property
    def names(self) -> tuple[str, str, str]:
        """(name_zh, name_en, unit) as stored: trimmed, a missing name taken from the other language."""
        zh, en = self.name_zh.strip(), self.name_en.strip()
        return zh or en, en or zh, self.unit.strip()

    @property
    def indicator_id(self) -> str:
        # Stable for the same definition, so storing and re-merging the upload gives the same id.
        name_zh, name_en, unit = self.names
        slug = re.sub(r"[^a-z0-9]+", "_", unicodedata.normalize("NFKD", name_en).encode("ascii", "ignore")
                      .decode().lower()).strip("_")[:40]
        digest = hashlib.sha1(f"{name_zh}|{name_en}|{unit}".encode()).hexdigest()[:6]
        return f"{USER_INDICATOR_PREFIX}{slug or 'indicator'}_{digest}"

    def problems(self, file: str) -> list[DataError]:
        where = Location(file)
        found = []
        if not (self.name_zh.strip() or self.name_en.strip()):
            found.append(DataError(where, "the new indicator needs a name (Chinese or English)",
                                   key="datasrc.problem.new_indicator_name"))
        if not self.unit.strip():
            found.append(DataError(where, "the new indicator needs a unit (e.g. %, 万人, per 1,000)",
                                   key="datasrc.problem.new_indicator_unit"))
        if self.direction not in DIRECTIONS:
            found.append(DataError(where, f"the new indicator needs a direction: is a higher or a lower value better "
                                   f"(--direction higher|lower; '{self.direction}' is neither)",
                                   key="datasrc.problem.new_indicator_direction", params={"direction": self.direction}))
        return found

    def row(self) -> dict:
        """The indicators.csv row; the definition says it is the user's, not a sourced one."""
        name_zh, name_en, unit = self.names
        return {
            "indicator_id": self.indicator_id, "name_zh": name_zh, "name_en": name_en, "unit_zh": unit,
            "unit_en": self.unit_en.strip() or unit,
            "definition_zh": "用户在导入时定义的指标；名称、单位和方向由用户给出，未经核对。",
            "definition_en": "Indicator defined by a user at import; name, unit and direction as the user gave them, unchecked.",
            "higher_is_better": self.direction == "higher", "decimals": 2, "regional_mean": "none",
            "kind": "numeric", "categories": None, "price_basis": None,
        }

    @classmethod
    def from_row(cls, row: dict) -> NewIndicator:
        return cls(str(row.get("name_zh") or ""), str(row.get("name_en") or ""), str(row.get("unit_zh") or ""),
                   "higher" if row.get("higher_is_better") in (True, "True", "true") else "lower",
                   unit_en=str(row.get("unit_en") or "") if row.get("unit_en") != row.get("unit_zh") else "")


def own_series(dataset: Dataset, indicator_id: str, filename: str) -> NewIndicator:
    """A catalogue indicator's copy for a file of another release: same unit and direction, named
    after the file, so the release is a series of its own instead of joining the bundled one."""
    row = dataset.indicator(indicator_id)
    return NewIndicator(f"{row['name_zh']}（{filename}）", f"{row['name_en']} ({filename})", str(row["unit_zh"]),
                        "higher" if row["higher_is_better"] in (True, "True", "true") else "lower", unit_en=str(row["unit_en"]))


@dataclass(frozen=True)
class ColumnMapping:
    """What the user chose; headings as written in the file (None: not chosen)."""

    area: str | None = None
    year: str | None = None
    value: str | None = None
    indicator_id: str | None = None
    new_indicator: NewIndicator | None = None

    @property
    def maps_columns(self) -> bool:
        return any((self.area, self.year, self.value))


@dataclass(frozen=True)
class DetectedColumns:
    """The headings of the sheet a panel is read from, and the role each one looks like."""

    where: str
    sheet: str | None
    headings: tuple[str, ...]
    guesses: dict[str, str]  # role -> heading
    years_as_columns: bool


def with_user_indicators(dataset: Dataset, rows: list[dict] | tuple[dict, ...]) -> Dataset:
    """The dataset with user-defined indicator rows added (ones it already has are kept as they are)."""
    new = [r for r in rows if isinstance(r, dict) and not dataset.has_indicator(r.get("indicator_id"))]
    if not new:
        return dataset
    added = pd.DataFrame(new).reindex(columns=dataset.indicators.columns)
    indicators = pd.concat([dataset.indicators, added.astype(object)], ignore_index=True)
    return dataclasses.replace(dataset, indicators=indicators)


def read_grids(raw: bytes, file: str) -> tuple[list[Grid], tuple[str, ...]]:
    """Every sheet (or the one CSV table) as cells, with what the workbook said about itself."""
    if is_ole2(raw):
        sheets, warnings = read_xls_sheets(raw, file)
        return [Grid(f"{file}, sheet '{name}'", rows, sheet=name, warnings=warnings) for name, rows in sheets], ()
    if is_xlsx(raw):
        return read_xlsx_grids(raw, file), ()
    return [read_csv_grid(decode_upload(raw, file).encode("utf-8"), file)], ()


def _headings(grid: Grid) -> tuple[int | None, tuple[str, ...]]:
    row = _find_header(grid)
    if row is None:
        return None, ()
    return row, tuple("" if _blank(c) else str(c).strip() for c in grid.rows[row - 1])


def _panel_sheet(grids: list[Grid], file: str, sheet: str | None, wanted: set[str]) -> Grid:
    """The named sheet, else the first whose headings hold the chosen columns (or look like data)."""
    def fits(grid: Grid) -> bool:
        names = {h for h in _headings(grid)[1] if h}
        if wanted:
            return wanted <= names
        return any(heading_column(h) == "area" for h in names) or any(year_heading(h) for h in names)
    grid, _ = choose_sheet(grids, file, sheet=sheet, wanted=fits)
    return grid


def detect_columns(raw: bytes, *, filename: str, sheet: str | None = None,
                   matcher: AreaMatcher | None = None) -> DetectedColumns:
    """The headings of a file's data sheet and a guess of the area, year and value columns; with a
    matcher, a column whose cells are mostly province names is the area whatever its heading."""
    grids, _ = read_grids(raw, filename)
    grid = _panel_sheet(grids, filename, sheet, set())
    _, headings = _headings(grid)
    guesses: dict[str, str] = {}
    for heading in headings:
        role = heading_column(heading)
        if heading and role in ROLES and role not in guesses:
            guesses[role] = heading
    if "area" not in guesses and matcher is not None:
        named = [h for i, h in enumerate(headings) if h and h not in guesses.values() and year_heading(h) is None
                 and _mostly_areas(grid, i, matcher)]
        if named:
            guesses["area"] = named[0]
    numeric_columns = [h for i, h in enumerate(headings) if h and h not in guesses.values() and year_heading(h) is None
                       and heading_column(h) is None and h.strip().lower() not in ROW_NUMBER_HEADINGS
                       and _mostly_numbers(grid, i)]
    if "value" not in guesses and len(numeric_columns) == 1:
        guesses["value"] = numeric_columns[0]
    return DetectedColumns(grid.where, grid.sheet, tuple(h for h in headings if h), guesses,
                           any(year_heading(h) is not None for h in headings if h))


# Row numbers, never the values ("id, 年份, 省份, 城镇化率%": the value is the last column).
ROW_NUMBER_HEADINGS = frozenset({"id", "no", "no.", "序号", "编号", "行号", "#"})


def _mostly_areas(grid: Grid, index: int, matcher: AreaMatcher) -> bool:
    cells = [row[index] for row in grid.rows[1:50] if index < len(row) and not _blank(row[index])]
    return bool(cells) and sum(matcher.knows(c) for c in cells) * 2 > len(cells)


def _mostly_numbers(grid: Grid, index: int) -> bool:
    cells = [row[index] for row in grid.rows[1:50] if index < len(row) and not _blank(row[index])]
    numeric = sum(isinstance(c, (int, float)) or bool(re.fullmatch(r"\s*-?[\d,]+(\.\d+)?\s*", str(c))) for c in cells)
    return bool(cells) and numeric * 2 > len(cells)


def mapped_grid(grid: Grid, mapping: ColumnMapping) -> tuple[Grid, tuple[Notice, ...]]:
    """The grid with the chosen columns under the template's headings and the others blanked;
    plus a warning naming what was left out. A chosen heading the sheet lacks is a located error."""
    header_row, headings = _headings(grid)
    if header_row is None:
        raise DataError(Location(grid.where), "has no rows: expected a heading row", key="datasrc.problem.no_rows")
    chosen = {role: getattr(mapping, role) for role in ROLES if getattr(mapping, role)}
    index: dict[str, int] = {}
    problems = []
    for role, heading in chosen.items():
        if heading not in headings:
            problems.append(DataError(
                Location(grid.where, header_row),
                f"has no column '{heading}' (chosen as the {role}); its headings are "
                f"{', '.join(repr(h) for h in headings if h)}",
                key="datasrc.problem.mapped_column_missing", params={"column": heading, "role": role},
            ))
        else:
            index[role] = headings.index(heading)
    if len(set(index.values())) < len(index):
        problems.append(DataError(Location(grid.where, header_row), "one column is chosen for two roles; choose "
                                  "a different column for each of area, year and value",
                                  key="datasrc.problem.mapped_column_twice"))
    if problems:
        raise DataError.of(problems)
    by_index = {i: role for role, i in index.items()}
    keep_indicator = mapping.indicator_id is None and mapping.new_indicator is None
    blanked: list[int] = []
    header: list[object] = []
    for i, heading in enumerate(headings):
        if i in by_index:
            header.append(_CANONICAL[by_index[i]])
            continue
        heading_role = heading_column(heading) if heading else None
        wide_year = "value" not in index and "year" not in index and year_heading(heading) is not None
        if not heading or wide_year or heading_role in _KEPT_OPTIONAL or (heading_role == "indicator_id" and keep_indicator):
            header.append(grid.rows[header_row - 1][i] if i < len(grid.rows[header_row - 1]) else None)
        else:
            header.append(None)
            blanked.append(i)
    rows = list(grid.rows)
    rows[header_row - 1] = tuple(header)
    if blanked:
        gone = set(blanked)
        rows[header_row:] = [tuple(None if i in gone else c for i, c in enumerate(row)) for row in rows[header_row:]]
    left_out = ', '.join(repr(f'{column_letter(i)} {headings[i]}') for i in blanked)
    warnings = (Notice(f"left out column(s) {left_out}", "datasrc.notice.left_out", columns=left_out),) if blanked else ()
    return dataclasses.replace(grid, rows=tuple(rows)), warnings


def mapped_input(raw: bytes, file: str, mapping: ColumnMapping, sheet: str | None) -> tuple[Grid, tuple[Notice, ...]]:
    """The one grid a mapped import reads, and the warnings of choosing and mapping it."""
    grids, _ = read_grids(raw, file)
    wanted = {h for h in (mapping.area, mapping.year, mapping.value) if h}
    grid, sheet_warnings = choose_sheet(grids, file, sheet=sheet, wanted=lambda g: wanted <= set(_headings(g)[1]))
    grid, warnings = mapped_grid(grid, mapping)
    return grid, tuple(sheet_warnings) + warnings

"""Importer for CSV files exported from the NBS online database (data.stats.gov.cn).

An export looks like this (GBK or UTF-8, Chinese or English):

    数据库：分省年度数据                     Database：Annual by Province
    指标：年末常住人口(万人)                 Indicators：Resident Population (year-end)(10000 persons)
    时间：最近10年                           Year：LATEST20
    地区,2024年,2023年,...                   Region,2019,2018,...
    北京市,2183,2186,...                     Beijing,,2154,...
    注：...                                  "Note:..."
    数据来源：国家统计局                     Data Sources：National Bureau of Statistics

Users upload these files, so every problem must surface as a located DataError, never as
another exception, and nothing is guessed: an unknown region name stops the import.
"""
from __future__ import annotations

import csv
import io
import math
import re

import pandas as pd

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher
from dashboard.data.errors import DataError, Location
from dashboard.data.importers.base import ImportedTable, decode_text

# A full-width colon read as Latin-1 shows as "£º"; some exports even carry "???" there.
# UTF-8 "：" read as Latin-1 or cp1252 shows as "ï¼\x9a" or "ï¼š" (English .xls downloads).
_COLON = r"(?:：|:|£º|ï¼[\x9aš]|\?+)"
_HEADER_LINE = re.compile(
    rf"^\s*(数据库|指标|时间|地区|Database|Indicators?|Time|Year|Region)\s*{_COLON}\s*(.*)$", re.IGNORECASE
)
# The first heading of a table with one indicator per row (one region, or the whole country).
_INDICATOR_HEADING = re.compile(r"^\s*(指标|indicators?)\s*$", re.IGNORECASE)
_YEAR_CELL = re.compile(r"^\s*(\d{4})\s*年?\s*$")
_UNIT = re.compile(r"[（(]([^()（）]+)[)）]\s*$")
_FOOTNOTE_START = re.compile(r"^\s*(注|数据来源|资料来源|说明|Note|Notes|Data Source|Source)", re.IGNORECASE)
# NBS writes "--" or ".." for "not available"; a dash or ellipsis variant means the same.
_MISSING = frozenset({"", "--", "-", "..", "...", "…", "—", "——", "－－", "N/A", "NA", "n/a"})


def split_label(label: str) -> tuple[str, str | None]:
    """'年末常住人口(万人)' -> ('年末常住人口', '万人'); no unit -> (label, None)."""
    match = _UNIT.search(label)
    if not match:
        return label.strip(), None
    return label[: match.start()].strip(), match.group(1).strip()


def _parse_number(text: str, location: Location) -> float | None:
    cell = text.strip().replace("\u3000", "")
    if cell in _MISSING:
        return None
    try:
        value = float(cell.replace(",", ""))
    except ValueError:
        raise DataError(location, f"'{cell}' is not a number (use '--' or leave empty for no data)",
                        key="datasrc.problem.not_number", params={"cell": cell}) from None
    if not math.isfinite(value):
        raise DataError(location, f"'{cell}' is not a finite number", key="datasrc.problem.not_finite", params={"cell": cell})
    return value


def _read_rows(text: str, file: str) -> list[list[str]]:
    try:
        return [row for row in csv.reader(io.StringIO(re.sub("£º|ï¼[\x9aš]", "：", text)))]
    except csv.Error as exc:
        raise DataError(Location(file), f"not a readable CSV file ({exc})",
                        key="datasrc.problem.csv_unreadable", params={"detail": str(exc)}) from exc


def _year_columns(header: list[str]) -> dict[int, int]:
    """Column index -> year for every year cell of the table header row."""
    return {i: int(m.group(1)) for i, cell in enumerate(header) if i > 0 and (m := _YEAR_CELL.match(cell))}


def parse_nbs_export(
    raw: bytes,
    *,
    file: str,
    matcher: AreaMatcher,
    indicator_id: str,
    source_id: str,
    vintage: str,
    flag: str = "official",
) -> ImportedTable:
    """Parse one wide region x year NBS export into observation rows (missing cells give no row)."""
    if not isinstance(raw, (bytes, bytearray)):
        raise DataError(Location(file), "expected the file's bytes", key="datasrc.problem.not_bytes")
    if flag not in schema.FLAGS:
        raise DataError(Location(file), f"flag '{flag}' is not one of {', '.join(schema.FLAGS)}",
                        key="datasrc.problem.flag", params={"cell": flag, "allowed": ", ".join(schema.FLAGS)})
    rows = _read_rows(decode_text(bytes(raw), file), file)

    meta: dict[str, str] = {}
    header_index: int | None = None
    for index, row in enumerate(rows):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        meta_line = _HEADER_LINE.match(",".join(row)) if len([c for c in cells if c]) <= 2 else None
        if meta_line and not _year_columns(cells):
            meta[meta_line.group(1).lower()] = meta_line.group(2).strip().strip(",")
            continue
        if _year_columns(cells):
            header_index = index
            break
        raise DataError(
            Location(file, index + 1),
            "expected the table header (a region column then years such as '2010年' or '2010')", key="datasrc.problem.nbs_header",
        )
    if header_index is None:
        raise DataError(Location(file), "no table header with years was found", key="datasrc.problem.nbs_no_years")

    header = [c.strip() for c in rows[header_index]]
    years = _year_columns(header)
    if len(set(years.values())) != len(years):
        raise DataError(Location(file, header_index + 1), "a year appears in more than one column", key="datasrc.problem.nbs_year_twice")
    if _INDICATOR_HEADING.match(header[0]):
        return _indicator_rows(rows, header_index, years, meta, file=file, matcher=matcher,
                               source_id=source_id, vintage=vintage, flag=flag)
    label = meta.get("指标") or meta.get("indicators") or meta.get("indicator")
    indicator_label, unit = split_label(label) if label else (None, None)

    records: list[dict] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    problems: list[DataError] = []  # every bad row and cell, reported together
    in_footnotes = False
    for index in range(header_index + 1, len(rows)):
        cells = [c.strip() for c in rows[index]]
        line_no = index + 1
        if not any(cells):
            continue
        filled = [c for c in cells if c]
        lone_text = len(cells) == 1 and matcher.code_for(cells[0]) is None
        if in_footnotes or _FOOTNOTE_START.match(cells[0]) or lone_text:
            # Notes follow the table; a single unprefixed text cell is a note the exporter left bare.
            in_footnotes = True
            notes.append(" ".join(filled))
            continue
        extra = [c for c in cells[len(header):] if c]
        if extra:
            problems.append(DataError(Location(file, line_no), f"row has {len(cells)} cells but the header has {len(header)}",
                                      key="datasrc.problem.row_too_long", params={"cells": len(cells), "header": len(header)}))
            continue
        name = cells[0]
        match = matcher.match(name)
        if match.area_code is None:
            hint = f"; did you mean {' or '.join(match.suggestions)}?" if match.suggestions else ""
            problems.append(DataError(
                Location(file, line_no, header[0] or "region"),
                f"unknown region name '{name}'{hint}",
                key="datasrc.problem.unknown_area",
                params={"name": name, "suggestions": " / ".join(match.suggestions) or "—"},
            ))
            continue
        if match.area_code in seen:
            problems.append(DataError(
                Location(file, line_no, header[0] or "region"),
                f"region '{name}' already appears in row {seen[match.area_code]}",
                key="datasrc.problem.duplicate_area", params={"name": name, "row": seen[match.area_code]},
            ))
            continue
        seen[match.area_code] = line_no
        for column, year in years.items():
            cell = cells[column] if column < len(cells) else ""
            try:
                value = _parse_number(cell, Location(file, line_no, header[column]))
            except DataError as exc:
                problems.append(exc)
                continue
            if value is None:
                continue
            records.append({
                "area_code": match.area_code,
                "indicator_id": indicator_id,
                "year": year,
                "value": value,
                "subgroup": "total",
                "source_id": source_id,
                "vintage": vintage,
                "flag": flag,
                "note": "",
            })
    if problems:
        raise DataError.of(problems)
    if not seen:
        raise DataError(Location(file, header_index + 2), "the table has no region rows", key="datasrc.problem.nbs_no_regions")
    frame = pd.DataFrame(records, columns=list(schema.OBSERVATIONS.columns))
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype(float)
    return ImportedTable(observations=frame, indicator_label=indicator_label, unit=unit, notes=tuple(notes))


def _indicator_rows(rows, header_index, years, meta, *, file, matcher, source_id, vintage, flag) -> ImportedTable:
    """An export of one region (地区：北京市 / Region：Beijing) or of the whole country (数据库：年度数据)
    with one indicator per row. Rows carry the indicator's label as written in `indicator_id`
    (the caller maps labels to indicators) and `row_lines` says where each label is."""
    region = meta.get("地区") or meta.get("region")
    database = meta.get("数据库") or meta.get("database") or ""
    if region:
        match = matcher.match(region)
        if match.area_code is None:
            raise DataError(Location(file), f"the export is of region '{region}', which is not a known area",
                            key="datasrc.problem.unknown_area",
                            params={"name": region, "suggestions": " / ".join(match.suggestions) or "—"})
        area_code = match.area_code
    elif re.search(r"分省|省|province", database, re.IGNORECASE):
        raise DataError(Location(file, header_index + 1), "the export has indicators as rows but names no region "
                        "(a '地区：' line); export one indicator with the regions as rows", key="datasrc.problem.nbs_rows_no_region")
    else:
        area_code = "100000"  # 年度数据 / Annual data: national series
    records: list[dict] = []
    lines: dict[str, int] = {}
    problems: list[DataError] = []
    notes: list[str] = []
    in_footnotes = False
    for index in range(header_index + 1, len(rows)):
        cells = [c.strip() for c in rows[index]]
        if not any(cells):
            continue
        if in_footnotes or _FOOTNOTE_START.match(cells[0]) or len([c for c in cells if c]) == 1 and len(cells) == 1:
            in_footnotes = True
            notes.append(" ".join(c for c in cells if c))
            continue
        label = cells[0]
        lines.setdefault(label, index + 1)
        for column, year in years.items():
            cell = cells[column] if column < len(cells) else ""
            try:
                value = _parse_number(cell, Location(file, index + 1, str(year)))
            except DataError as exc:
                problems.append(exc)
                continue
            if value is not None:
                records.append({"area_code": area_code, "indicator_id": label, "year": year, "value": value,
                                "subgroup": "total", "source_id": source_id, "vintage": vintage, "flag": flag,
                                "note": "", "_line": index + 1})
    if problems:
        raise DataError.of(problems)
    frame = pd.DataFrame(records, columns=list(schema.OBSERVATIONS.columns) + ["_line"])
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype(float)
    return ImportedTable(observations=frame, notes=tuple(notes), indicators_as_rows=True,
                         region=region or None)

"""Shared readers for bundle modules: reference files in, observation rows (our schema) out.

Not a bundle module itself (no SOURCES/INDICATORS): build.py imports it harmlessly.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher
from dashboard.data.errors import DataError, Location
from dashboard.data.importers.base import ImportedTable
from dashboard.data.importers.nbs_export import parse_nbs_export

# NBS pages carry this line; keep it wherever the data are shown.
NBS_ATTRIBUTION = "数据来源：国家统计局 (NBS); public statistics, no licence stated by the repository"


def read_nbs_export(
    reference_dir: Path, relative: str, matcher: AreaMatcher, *, indicator_id: str, source_id: str, vintage: str
) -> ImportedTable:
    path = Path(reference_dir) / relative
    if not path.is_file():
        raise DataError(Location(relative), f"reference file not found under {reference_dir}")
    return parse_nbs_export(
        path.read_bytes(), file=relative, matcher=matcher,
        indicator_id=indicator_id, source_id=source_id, vintage=vintage,
    )


def require_file(reference_dir: Path, relative: str) -> Path:
    path = Path(reference_dir) / relative
    if not path.is_file():
        raise DataError(Location(relative), f"reference file not found under {reference_dir}")
    return path


def area_code(matcher: AreaMatcher, name: object, file: str, row: int, column: str) -> str:
    """The adcode for a name, or a located error with the matcher's suggestions (never a guess)."""
    match = matcher.match(name)
    if match.area_code is None:
        hint = f"; did you mean {' or '.join(match.suggestions)}?" if match.suggestions else ""
        raise DataError(Location(file, row, column), f"unknown region name '{name}'{hint}")
    return match.area_code


def observation_frame(records: list[dict]) -> pd.DataFrame:
    """Rows in the column order of observations.csv; absent optional columns become empty."""
    frame = pd.DataFrame(records)
    for column in schema.OBSERVATIONS.columns:
        if column not in frame:
            frame[column] = "" if column == "note" else None
    return frame[list(schema.OBSERVATIONS.columns)]


def skywalker_panel(reference_dir: Path, relative: str, matcher: AreaMatcher) -> pd.DataFrame:
    """Long (area_code, year, item, value) from a Skywalker sheet: row 0 years, row 1 items.

    '--' and empty cells give no row: missing stays missing.
    """
    path = require_file(reference_dir, relative)
    sheet = pd.read_excel(path, header=None, dtype=object)
    years = sheet.iloc[0].ffill()
    items = sheet.iloc[1]
    records = []
    for row in range(2, len(sheet)):
        name = sheet.iat[row, 0]
        if name is None or (isinstance(name, float) and pd.isna(name)) or not str(name).strip():
            continue
        code = area_code(matcher, str(name).strip(), relative, row + 1, "A")
        for col in range(1, sheet.shape[1]):
            cell = sheet.iat[row, col]
            if cell is None or (isinstance(cell, float) and pd.isna(cell)) or str(cell).strip() in ("", "--"):
                continue
            try:
                value = float(cell)
            except (TypeError, ValueError):
                raise DataError(Location(relative, row + 1, str(items[col])), f"'{cell}' is not a number") from None
            records.append({"area_code": code, "year": int(str(years[col])[:4]), "item": str(items[col]).strip(), "value": value})
    return pd.DataFrame(records, columns=["area_code", "year", "item", "value"])


def read_tidy_transcription(reference_dir: Path, relative: str, matcher: AreaMatcher) -> pd.DataFrame:
    """A transcribed table (province_zh, province_en, year, indicator, value, unit, source_id) with
    area_code resolved (Chinese name first, English as fallback) and numeric value where it parses.

    Returns columns area_code, year, indicator, value (float or NaN), text (as printed), unit,
    source_id, line (1-based line in the file) so callers can locate their own errors.
    """
    path = require_file(reference_dir, relative)
    table = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    required = ("province_zh", "province_en", "year", "indicator", "value", "unit", "source_id")
    for column in required:
        if column not in table:
            raise DataError(Location(relative, 1, column), "column missing")
    records = []
    for index, row in table.iterrows():
        line = int(index) + 2
        code = matcher.code_for(row["province_zh"]) or matcher.code_for(row["province_en"])
        if code is None:
            code = area_code(matcher, row["province_zh"], relative, line, "province_zh")
        text = row["value"].strip()
        value = pd.to_numeric(text, errors="coerce") if text else float("nan")
        records.append({
            "area_code": code, "year": int(row["year"]), "indicator": row["indicator"].strip(), "value": value,
            "text": text, "unit": row["unit"], "source_id": row["source_id"].strip(), "line": line,
        })
    return pd.DataFrame(records)

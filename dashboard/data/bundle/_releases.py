"""Reader for the Update-3 tidy files (PROVENANCE.md §13-20): one value per row with its own
original source, the page read (`via`), a confidence code and a note.

Not a bundle module itself (no SOURCES/INDICATORS). Confidence U (doubtful) rows are dropped
here, so no caller can bundle one by accident; C and S rows keep their code.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import area_code, require_file
from dashboard.data.errors import DataError, Location

COLUMNS = ("province_zh", "year", "value", "unit", "source", "via", "confidence", "note")
GRADES = ("C", "S", "U", "D")
NATIONAL_NAMES = ("全国",)


def read_releases(reference_dir: Path, relative: str, matcher: AreaMatcher, *, keep_national: bool = False) -> pd.DataFrame:
    """Rows with area_code, year (int), value (float), text (as printed), unit, source, via,
    confidence, note and line, plus any further columns of the file as printed; U rows removed.
    Non-numeric values (bands, ranges) keep value NaN."""
    path = require_file(reference_dir, relative)
    table = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for column in COLUMNS:
        if column not in table:
            raise DataError(Location(relative, 1, column), "column missing")
    extra = [c for c in table.columns if c not in COLUMNS]
    records = []
    for index, row in table.iterrows():
        line = int(index) + 2
        grade = row["confidence"].strip()
        if grade not in GRADES:
            raise DataError(Location(relative, line, "confidence"), f"'{grade}' is not one of {', '.join(GRADES)}")
        if grade == "U":
            continue
        name = row["province_zh"].strip()
        if name in NATIONAL_NAMES:
            if not keep_national:
                continue
            code = schema.NATIONAL
        else:
            code = area_code(matcher, name, relative, line, "province_zh")
        text = row["value"].strip()
        records.append({
            "area_code": code, "year": int(row["year"]), "value": pd.to_numeric(text, errors="coerce"), "text": text,
            "unit": row["unit"].strip(), "source": row["source"].strip(), "via": row["via"].strip(),
            "confidence": grade, "note": row["note"].strip(), "line": line,
            **{column: row[column].strip() for column in extra},
        })
    return pd.DataFrame(records, columns=["area_code", "year", "value", "text", "unit", "source", "via",
                                          "confidence", "note", "line", *extra])


# One vintage per series (the bundle's rule): scattered releases are not revisions of one table;
# each value's own release is named at the start of its note.
VINTAGE = "provincial releases as quoted (reference data, Update 3)"


def cited_note(row: pd.Series, *extra: str) -> str:
    """The observation note: the release, what the tidy file says about the value, the page read."""
    parts = [p for p in (row["source"], *extra, row["note"]) if p]
    parts.append(f"read at {row['via']}")
    return "; ".join(parts)


def unique_cells(records: list[dict], file: str) -> None:
    """One value per area x indicator x year x subgroup: two releases for a cell are a data error."""
    seen: set[tuple] = set()
    for record in records:
        key = (record["area_code"], record["indicator_id"], record["year"], record["subgroup"])
        if key in seen:
            raise DataError(Location(file), f"two values for {key}; keep one release per cell")
        seen.add(key)

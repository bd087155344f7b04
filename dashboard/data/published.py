"""Read data/frameworks/published_attainment.csv (built by bundle/published_attainment.py):
published attainment figures as plain, typed rows (pandas only)."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.data.errors import DataError, Location

PUBLISHED_ATTAINMENT = Path("frameworks") / "published_attainment.csv"
REQUIRED_COLUMNS = ("area_code", "year", "scheme", "measure", "value", "source", "confidence")


def load_published_attainment(data_dir: Path) -> tuple[dict[str, Any], ...]:
    """One dict per figure: area_code, year (int), scheme, measure, domain_id, value (float),
    unit, release, source, url, via, confidence (S|D), note. No file: no rows. A file that is
    there but unreadable is a located DataError (start-up names it), never a callback's 500."""
    path = Path(data_dir) / PUBLISHED_ATTAINMENT
    if not path.is_file():
        return ()
    file = PUBLISHED_ATTAINMENT.as_posix()
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        raise DataError(Location(file), "file is empty (not even a header row)") from None
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(Location(file), f"cannot be read as UTF-8 CSV ({exc})") from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(Location(file, 1), f"header lacks column(s) {', '.join(missing)}")
    rows = []
    for number, row in enumerate(frame.to_dict("records"), start=2):
        try:
            row["year"] = int(row["year"])
        except ValueError:
            raise DataError(Location(file, number, "year"), f"'{row['year']}' is not a year") from None
        text = row["value"]
        try:
            row["value"] = float(text)
        except ValueError:
            row["value"] = math.nan
        if not math.isfinite(row["value"]):
            raise DataError(Location(file, number, "value"), f"'{text}' is not a number")
        rows.append(row)
    return tuple(rows)

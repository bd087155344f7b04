"""Read data/frameworks/published_attainment.csv (built by bundle/published_attainment.py):
published attainment figures as plain, typed rows (pandas only)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

PUBLISHED_ATTAINMENT = Path("frameworks") / "published_attainment.csv"


def load_published_attainment(data_dir: Path) -> tuple[dict[str, Any], ...]:
    """One dict per figure: area_code, year (int), scheme, measure, domain_id, value (float),
    unit, release, source, url, via, confidence (S|D), note. No file: no rows."""
    path = Path(data_dir) / PUBLISHED_ATTAINMENT
    if not path.is_file():
        return ()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    rows = []
    for row in frame.to_dict("records"):
        row["year"] = int(row["year"])
        row["value"] = float(row["value"])
        rows.append(row)
    return tuple(rows)

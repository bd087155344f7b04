"""What every importer returns, the limits on input, and text decoding shared by importers."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.data.errors import DataError, Location, Notice, Problem

# An upload larger than this is refused before parsing (NBS exports are a few KB).
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ImportedTable:
    """Rows in the schema of observations.csv, plus what the file said about itself."""

    observations: pd.DataFrame
    indicator_label: str | None = None
    unit: str | None = None
    notes: tuple[str, ...] = ()
    warnings: tuple[Notice, ...] = field(default_factory=tuple)  # how the file was read, shown in the preview
    # Doubtful values, shown before the import is added (validate.plausibility_warnings).
    checks: tuple[Problem, ...] = ()
    # An export with one indicator per row (of `region`, or national when None): the caller maps
    # the labels in indicator_id to indicators; a `_line` column gives each row's line.
    indicators_as_rows: bool = False
    region: str | None = None
    # Indicator rows the user defined in the mapping step (mapping.NewIndicator.row()); merged
    # into the dataset's indicators with the observations.
    new_indicators: tuple[dict, ...] = ()


def decode_text(raw: bytes, file: str) -> str:
    """UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK), as NBS writes them."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise DataError(
            Location(file),
            f"file is {len(raw) / 1_048_576:.1f} MB; the limit is {MAX_IMPORT_BYTES // 1_048_576} MB",
                    key="datasrc.problem.too_large", params={"size": f"{len(raw) / 1_048_576:.1f}", "mb": MAX_IMPORT_BYTES // 1_048_576},
        )
    if not raw.strip():
        raise DataError(Location(file), "file is empty", key="datasrc.problem.empty")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(Location(file), "text is neither UTF-8 nor GBK/GB18030; save it as UTF-8 CSV", key="datasrc.problem.encoding")

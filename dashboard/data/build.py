"""Build data/ from ../shared/reference-data through our own importers (rerunnable).

    python -m dashboard.data build [--reference DIR] [--out DIR]

areas.csv and programme_roles.csv are curated by hand in data/ and read, not written, here.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pandas as pd

from dashboard.data import bundle, schema
from dashboard.data.dataset import _read_table, load_dataset
from dashboard.data.areas import AreaMatcher
from dashboard.data.sources_doc import write_sources_doc

DEFAULT_REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference-data"
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data"


def bundle_modules() -> list:
    return [
        importlib.import_module(f"{bundle.__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(bundle.__path__), key=lambda i: i.name)
    ]


def _frame(rows: list[dict], spec: schema.TableSpec) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in spec.columns:
        if column not in frame:
            frame[column] = None
    return frame[list(spec.columns)]


def _amend(indicators: list[dict], amendments: list[dict]) -> list[dict]:
    """Apply modules' AMENDMENTS to indicators defined by other modules.

    A module that extends an id defined elsewhere (more years from another source) says so in
    the id's definition without editing the defining module: `definition_zh`/`definition_en`
    are appended, `price_basis` is set (only where the defining module left it empty).
    """
    by_id = {row["indicator_id"]: row for row in indicators}
    for amendment in amendments:
        row = by_id.get(amendment["indicator_id"])
        if row is None:
            raise ValueError(f"amendment for unknown indicator {amendment['indicator_id']}")
        for column in ("definition_zh", "definition_en"):
            if amendment.get(column):
                row[column] = " ".join(x for x in (row.get(column) or "", amendment[column]) if x)
        if amendment.get("price_basis"):
            if row.get("price_basis") and row["price_basis"] != amendment["price_basis"]:
                raise ValueError(f"{row['indicator_id']}: price_basis {row['price_basis']} vs amendment {amendment['price_basis']}")
            row["price_basis"] = amendment["price_basis"]
    return indicators


def build(reference_dir: Path = DEFAULT_REFERENCE, out_dir: Path = DEFAULT_OUT) -> dict[str, int]:
    """Run every bundle module, write sources/indicators/observations, then validate by loading."""
    areas = _read_table(out_dir, schema.AREAS)
    matcher = AreaMatcher(areas)
    sources: list[dict] = []
    indicators: list[dict] = []
    frames: list[pd.DataFrame] = []
    amendments: list[dict] = []
    for module in bundle_modules():
        sources += getattr(module, "SOURCES", [])
        indicators += [dict(row) for row in getattr(module, "INDICATORS", [])]
        amendments += getattr(module, "AMENDMENTS", [])
        if hasattr(module, "observations"):
            frames.append(module.observations(reference_dir, matcher))
    indicators = _amend(indicators, amendments)
    observations = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    observations = _frame(observations.to_dict("records"), schema.OBSERVATIONS)
    observations = observations.sort_values(["indicator_id", "area_code", "subgroup", "year"], kind="stable")
    tables = {
        schema.SOURCES.file: _frame(sources, schema.SOURCES).drop_duplicates("source_id"),
        schema.INDICATORS.file: _frame(indicators, schema.INDICATORS),
        schema.OBSERVATIONS.file: observations,
    }
    for name, frame in tables.items():
        frame.to_csv(out_dir / name, index=False, encoding="utf-8", lineterminator="\n")
    load_dataset(out_dir)  # refuse to leave an invalid bundle behind unnoticed
    write_sources_doc(out_dir)
    return {name: len(frame) for name, frame in tables.items()}

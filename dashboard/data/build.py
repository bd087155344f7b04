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


def build(reference_dir: Path = DEFAULT_REFERENCE, out_dir: Path = DEFAULT_OUT) -> dict[str, int]:
    """Run every bundle module, write sources/indicators/observations, then validate by loading."""
    areas = _read_table(out_dir, schema.AREAS)
    matcher = AreaMatcher(areas)
    sources: list[dict] = []
    indicators: list[dict] = []
    frames: list[pd.DataFrame] = []
    extras: dict[str, pd.DataFrame] = {}
    for module in bundle_modules():
        sources += getattr(module, "SOURCES", [])
        indicators += getattr(module, "INDICATORS", [])
        if hasattr(module, "observations"):
            frames.append(module.observations(reference_dir, matcher))
        # Tables beside the observations (e.g. frameworks/published_attainment.csv), written as given.
        for relative, frame in getattr(module, "extra_tables", lambda *_: {})(reference_dir, matcher).items():
            extras[relative] = frame
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
    for relative, frame in extras.items():
        (out_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(out_dir / relative, index=False, encoding="utf-8", lineterminator="\n")
    load_dataset(out_dir)  # refuse to leave an invalid bundle behind unnoticed
    write_sources_doc(out_dir)
    return {name: len(frame) for name, frame in {**tables, **extras}.items()}

"""Build data/ from ../shared/reference-data through our own importers (rerunnable).

    python -m dashboard.data build [--reference DIR] [--out DIR]

areas.csv, programme_roles.csv and crosscheck_explanations.csv are curated by hand in data/ and
read, not written, here; CROSSCHECK.md and crosscheck_disagreements.csv are written.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pandas as pd

from dashboard.data import bundle, crosscheck, schema
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


CELL = ("area_code", "indicator_id", "year", "subgroup")


def resolve_overlaps(observations: pd.DataFrame, preferred: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(kept, superseded): where a cell (area, indicator, year, subgroup) is held by a row of a
    preferred source and by rows of other sources, the others are dropped: one value per cell."""
    is_preferred = observations["source_id"].isin(preferred)
    held = observations.loc[is_preferred, list(CELL)].drop_duplicates()
    marked = observations.merge(held.assign(_held=True), on=list(CELL), how="left")["_held"].fillna(False).to_numpy(bool)
    drop = marked & ~is_preferred.to_numpy()
    return observations[~drop], observations[drop]


def _indicators(modules: list) -> list[dict]:
    """Owned INDICATORS of every module, then SHARED_INDICATORS rows no module owns, then the
    DEFINITION_NOTES a module appends to another module's definition (zh, en)."""
    rows = [dict(row) for module in modules for row in getattr(module, "INDICATORS", [])]
    defined = {row["indicator_id"] for row in rows}
    shared_from: dict[str, object] = {}  # a module's note is not appended to its own shared row
    for module in modules:
        for row in getattr(module, "SHARED_INDICATORS", []):
            if row["indicator_id"] not in defined:
                rows.append(dict(row))
                defined.add(row["indicator_id"])
                shared_from[row["indicator_id"]] = module
    by_id = {row["indicator_id"]: row for row in rows}
    for module in modules:
        for indicator_id, (note_zh, note_en) in getattr(module, "DEFINITION_NOTES", {}).items():
            if indicator_id in by_id and shared_from.get(indicator_id) is not module:
                by_id[indicator_id]["definition_zh"] = (by_id[indicator_id].get("definition_zh") or "") + note_zh
                by_id[indicator_id]["definition_en"] = (by_id[indicator_id].get("definition_en") or "") + note_en
    return rows


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
    """Run every bundle module, cross-check against the NBS crawls, write sources/indicators/
    observations and the cross-check report, then validate by loading.

    Fails (DataError) on a disagreement with the crawls that data/crosscheck_explanations.csv
    does not explain; the report is written first so it can be read.
    """
    areas = _read_table(out_dir, schema.AREAS)
    matcher = AreaMatcher(areas)
    sources: list[dict] = []
    frames: list[pd.DataFrame] = []
    preferred: set[str] = set()
    extras: dict[str, pd.DataFrame] = {}
    amendments: list[dict] = []
    modules = bundle_modules()
    for module in modules:
        sources += getattr(module, "SOURCES", [])
        preferred |= set(getattr(module, "PREFERRED_SOURCES", ()))
        amendments += getattr(module, "AMENDMENTS", [])
        if hasattr(module, "observations"):
            frames.append(module.observations(reference_dir, matcher))
        # Tables beside the observations (e.g. frameworks/published_attainment.csv), written as given.
        for relative, frame in getattr(module, "extra_tables", lambda *_: {})(reference_dir, matcher).items():
            extras[relative] = frame
    indicators = _amend(_indicators(modules), amendments)
    observations = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    observations = _frame(observations.to_dict("records"), schema.OBSERVATIONS)
    display = {row["indicator_id"]: int(row["decimals"]) for row in indicators}
    result = crosscheck.run(
        observations, crosscheck.reference_values(reference_dir, matcher), display,
        crosscheck.read_explanations(out_dir),
    )
    observations, superseded = resolve_overlaps(observations, preferred)
    result = crosscheck.CrosscheckResult(result.compared, superseded, result.explanations)
    crosscheck.write_report(result, out_dir)
    crosscheck.fail_on_unexplained(result)
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

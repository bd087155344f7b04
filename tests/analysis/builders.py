"""Small hand-made datasets and Frameworks-like objects, so formula tests never depend on the bundle."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.dataset import Dataset

# Six mainland provinces (east 2, central 1, west 2, northeast 1) and Taiwan (no region).
AREAS = [
    ("100000", None, "country", "全国", "China", "全国", None),
    ("east", "100000", "region", "东部地区", "East", "东部", None),
    ("central", "100000", "region", "中部地区", "Central", "中部", None),
    ("west", "100000", "region", "西部地区", "West", "西部", None),
    ("northeast", "100000", "region", "东北地区", "Northeast", "东北", None),
    ("110000", "100000", "province", "北京市", "Beijing", "北京", "east"),
    ("120000", "100000", "province", "天津市", "Tianjin", "天津", "east"),
    ("410000", "100000", "province", "河南省", "Henan", "河南", "central"),
    ("530000", "100000", "province", "云南省", "Yunnan", "云南", "west"),
    ("520000", "100000", "province", "贵州省", "Guizhou", "贵州", "west"),
    ("210000", "100000", "province", "辽宁省", "Liaoning", "辽宁", "northeast"),
    ("710000", "100000", "province", "台湾省", "Taiwan", "台湾", None),
]

# indicator_id -> (higher_is_better, regional_mean)
INDICATORS = {
    "population": ("", "none"),
    "gdp_pc": ("true", "population_weighted"),
    "urbanisation": ("true", "population_weighted"),
    "tertiary_share": ("true", "plain"),
    "life_expectancy": ("true", "population_weighted"),
    "engel_urban": ("false", "population_weighted"),
    "engel_rural": ("false", "population_weighted"),
    "urban_disposable_income": ("true", "population_weighted"),
    "rural_net_income": ("true", "population_weighted"),
    "u5mr": ("false", "population_weighted"),
    "gdp": ("true", "none"),
}


def make_dataset(rows: Iterable[tuple], indicators: Mapping[str, tuple[str, str]] = INDICATORS) -> Dataset:
    """rows: (area_code, indicator_id, year, value[, subgroup[, vintage]])."""
    areas = pd.DataFrame(AREAS, columns=["area_code", "parent_code", "level", "name_zh", "name_en", "short_zh", "region"])
    areas["aliases"] = None
    ind = pd.DataFrame([
        {"indicator_id": i, "name_zh": i, "name_en": i, "unit_zh": "", "unit_en": "", "definition_zh": None,
         "definition_en": None, "higher_is_better": hib or None, "decimals": 1, "regional_mean": rule,
         "kind": "numeric", "categories": None}
        for i, (hib, rule) in indicators.items()
    ])
    records = []
    for row in rows:
        area, indicator, year, value, *rest = row
        subgroup = rest[0] if rest else "total"
        vintage = rest[1] if len(rest) > 1 else "v1"
        records.append({"area_code": area, "indicator_id": indicator, "year": year, "value": float(value),
                        "subgroup": subgroup, "source_id": "TEST", "vintage": vintage, "flag": "official", "note": None})
    obs = pd.DataFrame(records, columns=["area_code", "indicator_id", "year", "value", "subgroup", "source_id", "vintage", "flag", "note"])
    obs["year"] = obs["year"].astype("Int64")
    obs["value"] = obs["value"].astype(float)
    sources = pd.DataFrame([{"source_id": "TEST", "title_en": "test"}])
    roles = pd.DataFrame(columns=["area_code", "role", "since_year", "source_id", "note_en", "note_zh"])
    return Dataset(areas=areas, indicators=ind, observations=obs, sources=sources, roles=roles, matcher=AreaMatcher(areas))


ITEM_COLUMNS = (
    "framework_id", "item_id", "order", "domain_id", "domain_zh", "domain_en", "name_zh", "name_en", "direction",
    "target", "target_low", "target_high", "bound_low", "bound_high", "weight", "target_year", "baseline_year",
    "baseline_value", "baseline_rule", "relative_change", "price_basis", "indicator_id", "subgroup", "confidence",
)


class FakeFrameworks:
    """The Frameworks interface of the agreed format: items_for, target_for, registry."""

    def __init__(self, items: Iterable[Mapping[str, Any]], overrides: Iterable[Mapping[str, Any]] = (),
                 registry: Iterable[Mapping[str, Any]] = (), rules: Iterable[Mapping[str, Any]] = ()) -> None:
        rows = []
        for i, item in enumerate(items):
            row = {c: None for c in ITEM_COLUMNS}
            row.update({"order": i + 1, "subgroup": "total", "price_basis": "current", "baseline_rule": "absolute"})
            row.update(item)
            rows.append(row)
        self.items = pd.DataFrame(rows, columns=list(ITEM_COLUMNS))
        self.overrides = list(overrides)
        self.registry = pd.DataFrame(list(registry), columns=["framework_id", "kind", "target_year"])
        self.rules = list(rules)

    def rule_for(self, framework_id: str, item_id: str) -> dict[str, Any] | None:
        """Trend rules (assessment_rules.csv rows): the item's own, else `*` defaults."""
        for key in ((framework_id, item_id), (framework_id, "*"), ("*", "*")):
            for rule in self.rules:
                if (rule["framework_id"], rule["item_id"]) == key:
                    return dict(rule)
        return None

    def items_for(self, framework_id: str) -> pd.DataFrame:
        return self.items[self.items["framework_id"] == framework_id].reset_index(drop=True)

    def target_for(self, framework_id: str, item_id: str, area_code: str) -> dict[str, Any]:
        frame = self.items
        row = frame[(frame["framework_id"] == framework_id) & (frame["item_id"] == item_id)].iloc[0].to_dict()
        for override in self.overrides:
            if (override["framework_id"], override["item_id"], override["area_code"]) == (framework_id, item_id, area_code):
                row.update({k: v for k, v in override.items() if k not in ("framework_id", "item_id", "area_code")})
        return row


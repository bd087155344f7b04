"""The tidy schema of the bundled dataset (DevInfo-like: indicator x area x time x source)."""
from __future__ import annotations

from dataclasses import dataclass

SUBGROUPS = ("total", "urban", "rural", "male", "female")
# registered_basis: a rate on the registered-resident (户籍) population (Beijing's health statistics),
# not comparable with the province-wide (resident population) rates of other provinces.
FLAGS = ("official", "derived", "modelled", "estimate", "registered_basis")
# How a value reached us (PROVENANCE.md codes): C = read in a copy of the official table or export,
# S = an official figure quoted by a secondary page (news, white-paper report, abstract). Empty =
# not graded (modules that bundle official files only). Doubtful (U) values are never bundled.
CONFIDENCE = ("C", "S")
LEVELS = ("country", "region", "province", "prefecture", "county")
REGIONS = ("east", "central", "west", "northeast")
ROLES = ("pilot", "study")
NATIONAL = "100000"


@dataclass(frozen=True)
class TableSpec:
    """One CSV file of the dataset: its required columns and which may be empty."""

    file: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    # columns added after files existed: a file without them reads as if they were empty
    late: tuple[str, ...] = ()


AREAS = TableSpec(
    "areas.csv",
    ("area_code", "parent_code", "level", "name_zh", "name_en", "short_zh", "aliases", "region"),
    optional=("parent_code", "aliases", "region"),
    key=("area_code",),
)
# Prefectures and counties (built by bundle/county_areas.py, not curated): no romanisation is
# published for most, so name_en may be empty (the UI then shows name_zh).
SUB_AREAS = TableSpec(
    "areas_counties.csv",
    AREAS.columns,
    optional=("parent_code", "name_en", "aliases", "region"),
    key=("area_code",),
)
INDICATORS = TableSpec(
    "indicators.csv",
    (
        "indicator_id", "name_zh", "name_en", "unit_zh", "unit_en", "definition_zh",
        "definition_en", "higher_is_better", "decimals", "regional_mean", "kind", "categories", "price_basis",
    ),
    optional=("definition_zh", "definition_en", "higher_is_better", "categories", "price_basis"),
    key=("indicator_id",),
    late=("price_basis",),
)
OBSERVATIONS = TableSpec(
    "observations.csv",
    ("area_code", "indicator_id", "year", "value", "subgroup", "source_id", "vintage", "flag", "note", "confidence"),
    optional=("note", "confidence"),
    late=("confidence",),
    key=("area_code", "indicator_id", "year", "subgroup", "vintage"),
)
SOURCES = TableSpec(
    "sources.csv",
    ("source_id", "title_zh", "title_en", "publisher", "year", "table", "url", "licence", "via", "doubts"),
    optional=("title_zh", "table", "url", "licence", "via", "doubts"),
    key=("source_id",),
)
ROLES_TABLE = TableSpec(
    "programme_roles.csv",
    ("area_code", "role", "since_year", "source_id", "note_en", "note_zh"),
    optional=("since_year", "note_en", "note_zh"),
    key=("area_code",),
)

# How a regional mean is formed for an indicator: weighted by resident population (rates,
# per-capita values), a plain mean of provinces, or not at all (totals, categorical bands).
REGIONAL_MEAN_RULES = ("population_weighted", "plain", "none")
# numeric: a number per cell; category: a labelled band (e.g. poverty incidence 2016 bands),
# stored as the 0-based index into the indicator's `categories` ("<3%|3-5%|..."), lowest first.
INDICATOR_KINDS = ("numeric", "category")
# Price basis of a money amount (or of the GDP in a per-GDP ratio): current prices, constant
# prices of a base year (constant_2000 ...), or unknown; empty = not a price-based quantity.
# Same vocabulary as the frameworks' price_basis, so a target and a series can be matched.
PRICE_BASIS_PATTERN = r"^(current|constant_\d{4}|unknown)$"

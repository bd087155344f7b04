"""Coverage, flag, source and upload rows of the 'Data & sources' view (pure functions)."""
from __future__ import annotations

import dataclasses
import json

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.figures.coverage import (CELL_FLAGGED, CELL_MISSING, CELL_OFFICIAL, CELL_USER, coverage_rows,
                                        flag_counts, observation_records, province_rows, source_records,
                                        upload_summary, with_upload, without_upload)


def _with_rows(dataset: Dataset, rows: list[dict]) -> Dataset:
    extra = pd.DataFrame(rows, columns=dataset.observations.columns)
    obs = pd.concat([dataset.observations, extra], ignore_index=True)
    obs["year"] = obs["year"].astype("Int64")
    obs["value"] = obs["value"].astype(float)
    return dataclasses.replace(dataset, observations=obs)


def test_coverage_counts_provinces_and_leaves_empty_years_empty_not_zero(dataset: Dataset) -> None:
    rows, years = coverage_rows(dataset, None, "en")
    assert years == [2010, 2011]
    by_id = {r["indicator_id"]: r for r in rows}
    assert set(by_id) == set(dataset.indicators["indicator_id"])  # every indicator listed
    assert by_id["urbanisation_rate"]["2010"] == 2 and by_id["urbanisation_rate"]["2011"] == 1
    assert by_id["population"]["2011"] is None      # no province: None, shown as a dash
    assert by_id["gdp"]["2010"] is None
    assert by_id["gdp"]["national"] == 0
    json.dumps(rows)  # JSON-safe for the grid


def test_flag_counts_name_modelled_and_derived_values(dataset: Dataset) -> None:
    data = _with_rows(dataset, [
        {"area_code": "110000", "indicator_id": "gdp", "year": 2010, "value": 1.0, "subgroup": "total",
         "source_id": "TEST-SRC", "vintage": "v", "flag": "modelled", "note": None},
        {"area_code": "530000", "indicator_id": "gdp", "year": 2010, "value": 2.0, "subgroup": "total",
         "source_id": "TEST-SRC", "vintage": "v", "flag": "derived", "note": None},
    ])
    counts = flag_counts(data)
    assert counts.loc["gdp", "modelled"] == 1 and counts.loc["gdp", "derived"] == 1
    rows, _ = coverage_rows(data, None, "en")
    gdp = next(r for r in rows if r["indicator_id"] == "gdp")
    assert "Modelled" in gdp["flags"] or "modelled" in gdp["flags"].lower()
    assert gdp["modelled"] == 1 and gdp["derived"] == 1


def test_theme_filter_other_keeps_indicators_without_framework(dataset: Dataset) -> None:
    rows, _ = coverage_rows(dataset, None, "zh", theme="other")
    assert len(rows) == len(dataset.indicators)
    assert coverage_rows(dataset, None, "zh", theme="nbs2008:economic")[0] == []


def test_province_cells_mark_missing_flagged_and_user_values(dataset: Dataset) -> None:
    data = _with_rows(dataset, [
        {"area_code": "440000", "indicator_id": "urbanisation_rate", "year": 2010, "value": 66.2, "subgroup": "total",
         "source_id": "USER-UPLOAD:mine.csv", "vintage": "user-upload", "flag": "official", "note": None},
        {"area_code": "530000", "indicator_id": "urbanisation_rate", "year": 2011, "value": 36.8, "subgroup": "total",
         "source_id": "TEST-SRC", "vintage": "v", "flag": "estimate", "note": None},
    ])
    rows, years = province_rows(data, "urbanisation_rate", "en")
    assert years == [2010, 2011]
    cells = {r["area_code"]: r for r in rows}
    assert cells["530000"]["2010"] == "34.70" and cells["530000"]["2010_kind"] == CELL_OFFICIAL
    assert cells["530000"]["2011_kind"] == CELL_FLAGGED
    assert cells["440000"]["2010_kind"] == CELL_USER
    assert cells["120000"]["2010"] is None and cells["120000"]["2010_kind"] == CELL_MISSING  # not 0
    assert cells["120000"]["have"] == 0
    assert len(rows) == len(dataset.province_codes(mainland_only=False))


def test_source_records_cite_in_the_language_and_search_every_field(bundled_dataset: Dataset) -> None:
    all_en = source_records(bundled_dataset, None, "en")
    assert len(all_en) == len(bundled_dataset.sources)
    first = all_en[0]
    assert {"title", "publisher", "year", "table", "url", "licence", "via", "doubts"} <= set(first)
    found = source_records(bundled_dataset, None, "zh", "max.book118")
    assert [r["source_id"] for r in found] == ["NBS-XK-2008-SCHEME"]
    assert source_records(bundled_dataset, None, "en", "no such text anywhere") == []
    # A source with no Chinese title falls back to English and says so.
    slides = next(r for r in source_records(bundled_dataset, None, "zh") if r["source_id"] == "NBS-SHI-2013-SLIDES")
    assert slides["title"].startswith("Measuring") and slides["title_lang"] == "en"


def test_framework_sources_are_listed_with_their_frameworks(bundled_dataset: Dataset) -> None:
    from dashboard.config import PROJECT_ROOT
    from dashboard.data.frameworks import load_frameworks

    frameworks = load_frameworks(PROJECT_ROOT / "data", bundled_dataset)
    record = next(r for r in source_records(bundled_dataset, frameworks, "en") if r["source_id"] == "NBS-XK-2008-SCHEME")
    assert "nbs2008" in record["frameworks"]


def test_observation_records_are_json_safe_with_the_csv_columns(dataset: Dataset) -> None:
    records = observation_records(dataset.observations)
    assert list(records[0]) == ["area_code", "indicator_id", "year", "value", "subgroup", "source_id",
                                "vintage", "flag", "note", "confidence"]
    assert records[0]["note"] is None and isinstance(records[0]["year"], int)
    json.dumps(records, allow_nan=False)


def test_upload_summary_counts_conflicts_and_equal_values(dataset: Dataset) -> None:
    frame = pd.DataFrame([
        {"area_code": "530000", "indicator_id": "urbanisation_rate", "year": 2010, "value": 34.7, "subgroup": "total"},
        {"area_code": "110000", "indicator_id": "urbanisation_rate", "year": 2010, "value": 90.0, "subgroup": "total"},
        {"area_code": "440000", "indicator_id": "urbanisation_rate", "year": 2010, "value": 66.2, "subgroup": "total"},
    ])
    summary = upload_summary(dataset, frame, "zh")
    assert (summary["rows"], summary["conflicts"], summary["already"]) == (3, 1, 1)
    assert summary["areas"] == ["云南省", "北京市", "广东省"] and summary["years"] == [2010]


def test_store_helpers_never_modify_the_old_value() -> None:
    old = {"uploads": [{"filename": "a.csv", "replace": False, "rows": []}]}
    snapshot = json.dumps(old)
    new = with_upload(old, "b.csv", True, [{"area_code": "530000"}])
    assert [u["filename"] for u in new["uploads"]] == ["a.csv", "b.csv"] and json.dumps(old) == snapshot
    assert without_upload(new, 0)["uploads"][0]["filename"] == "b.csv"
    assert with_upload(None, "c.csv", False, [])["uploads"][0] == {"filename": "c.csv", "replace": False, "rows": []}

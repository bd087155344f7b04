import json
from pathlib import Path

import pytest

from dashboard.analysis import progress as pg
from dataclasses import replace

from dashboard.analysis.report import build_report, json_safe, mdg_rows
from tests.analysis.builders import FakeFrameworks, make_dataset

DATA = Path(__file__).resolve().parents[2] / "data"
STATUSES = {"met", "on_track", "off_track", "regressing", "insufficient_data"}


def _frameworks():
    return FakeFrameworks([
        {"framework_id": "nbs2008", "item_id": "nbs2008_urb", "domain_id": "econ", "domain_en": "Economy",
         "direction": "positive", "target": 60, "weight": 5, "indicator_id": "urbanisation", "target_year": 2020},
        {"framework_id": "nbs2008", "item_id": "nbs2008_le", "domain_id": "life", "domain_en": "Life",
         "direction": "positive", "target": 75, "weight": 3, "indicator_id": "life_expectancy", "target_year": 2020},
        {"framework_id": "nbs2008", "item_id": "nbs2008_unemp", "domain_id": "econ", "direction": "interval",
         "target_low": 3, "target_high": 6, "weight": 4, "indicator_id": None},
        {"framework_id": "mdg", "item_id": "mdg_u5mr", "domain_id": "g4", "direction": "reverse",
         "baseline_rule": "relative", "relative_change": -2 / 3, "baseline_year": 1990, "baseline_value": 61,
         "target_year": 2015, "indicator_id": "u5mr"},
        {"framework_id": "mdg", "item_id": "mdg_parity", "domain_id": "g3", "direction": "interval",
         "target_low": 1, "target_high": 1, "target_year": 2015, "indicator_id": "gdp"},
        {"framework_id": "mdg", "item_id": "mdg_seats", "domain_id": "g3", "direction": "positive",
         "target_year": 2015, "indicator_id": None},
    ], registry=[{"framework_id": "nbs2008", "kind": "xiaokang", "target_year": 2020},
                 {"framework_id": "mdg", "kind": "mdg", "target_year": 2015}])


def _dataset():
    pops = {"110000": 2000, "120000": 1000, "410000": 9000, "530000": 4500, "520000": 3500, "210000": 4000}
    urb = {"110000": 86, "120000": 80, "410000": 39, "530000": 35, "520000": 34, "210000": 62}
    rows = [(a, "population", 2010, v) for a, v in pops.items()]
    rows += [(a, "urbanisation", 2010, v) for a, v in urb.items()]
    rows += [("530000", "urbanisation", 2000, 23.4), ("530000", "life_expectancy", 2010, 69.5)]
    rows += [("100000", "u5mr", 1991, 61), ("100000", "u5mr", 2000, 39.7), ("100000", "u5mr", 2010, 16.4)]
    rows += [("530000", "urban_disposable_income", 2010, 16_065), ("530000", "rural_net_income", 2010, 3_952)]
    return make_dataset(rows)


def test_report_keys_and_json():
    report = build_report(_dataset(), _frameworks(), "530000", 2010)
    assert set(report) == {"area_code", "year", "attainment", "mdg", "disparity"}
    assert set(report["attainment"]) == {"framework", "overall", "status", "partial", "domains", "weight_coverage"}
    json.dumps(report, allow_nan=False)  # raises on NaN / numpy types
    for row in report["mdg"]:
        assert {"indicator_id", "baseline_year", "baseline", "latest_year", "latest", "target", "target_year",
                "status", "progress_ratio", "national_status"} <= set(row)
        assert row["status"] in STATUSES and row["national_status"] in STATUSES


def test_report_attainment_values():
    att = build_report(_dataset(), _frameworks(), "530000", 2010)["attainment"]
    # urb 35/60 (w5), le 69.5/75 (w3), unemployment not measured (w4): coverage 8/12 < 0.8 -> None
    assert att["weight_coverage"] == pytest.approx(8 / 12) and att["overall"] is None
    # the partial index is reported apart, with its status, never as "overall"
    assert att["status"] == "insufficient_data"
    assert att["partial"] == pytest.approx((5 * 35 / 60 + 3 * 69.5 / 75) / 8)
    econ = [d for d in att["domains"] if d["domain_id"] == "econ"][0]
    assert [i["reason"] for i in econ["items"]] == [None, "not_measured"]
    assert econ["items"][0]["score"] == pytest.approx(35 / 60)


def test_mdg_rows_province_without_data_gets_national_status():
    rows = {r["item_id"]: r for r in build_report(_dataset(), _frameworks(), "530000", 2010)["mdg"]}
    u5mr = rows["mdg_u5mr"]
    assert u5mr["status"] == pg.INSUFFICIENT_DATA
    # national: framework baseline 61 -> target 20.33; 16.4 in 2010 is below: met
    assert u5mr["national_status"] == pg.MET
    urb = rows["nbs2008_urb"]  # Xiaokang items with targets are included
    # 23.4 (2000) -> 35 (2010): actual 1.16/yr; required (60-23.4)/20 = 1.83/yr; ratio 0.634
    assert urb["status"] == pg.OFF_TRACK and urb["progress_ratio"] == pytest.approx(1.16 / 1.83)
    # every item is listed, with the reason it cannot be assessed
    assert (rows["nbs2008_unemp"]["status"], rows["nbs2008_unemp"]["note"]) == (pg.INSUFFICIENT_DATA, "not_measured")
    assert rows["nbs2008_unemp"]["method"] == "none"
    assert (rows["mdg_parity"]["status"], rows["mdg_parity"]["note"]) == (pg.INSUFFICIENT_DATA, "fewer_than_2_points")
    assert (rows["mdg_seats"]["status"], rows["mdg_seats"]["note"]) == (pg.INSUFFICIENT_DATA, "not_measured")


def test_national_report_uses_stated_baseline():
    rows = {r["item_id"]: r for r in build_report(_dataset(), _frameworks(), "100000", 2000)["mdg"]}
    u5mr = rows["mdg_u5mr"]
    # 1991 61 -> 2000 39.7 vs target 61/3 by 2015 (geometric)
    assert u5mr["target"] == pytest.approx(61 / 3)
    assert u5mr["status"] in (pg.ON_TRACK, pg.OFF_TRACK) and u5mr["status"] == u5mr["national_status"]


def test_disparity_block():
    d = build_report(_dataset(), _frameworks(), "530000", 2010)["disparity"]
    assert d["region"] == "west"
    urb = [i for i in d["indicators"] if i["indicator_id"] == "urbanisation"][0]
    assert urb["rank"] == 5 and urb["rank_of"] == 6
    assert urb["regional_mean"] == pytest.approx((35 * 4500 + 34 * 3500) / 8000)
    ratio = d["urban_rural"][0]
    assert ratio["ratio"] == pytest.approx(16_065 / 3_952)


def test_analysis_imports_neither_dash_nor_plotly():
    import subprocess
    import sys
    code = "import sys, dashboard.analysis.report; print(sorted({m.split('.')[0] for m in sys.modules} & {'dash', 'plotly'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"


def test_json_safe():
    import numpy as np
    assert json_safe({"a": float("nan"), "b": np.int64(3), "c": (np.float64(1.5), None)}) == {"a": None, "b": 3, "c": [1.5, None]}


@pytest.mark.skipif(not (DATA / "frameworks" / "frameworks.csv").is_file(), reason="framework bundle not yet in data/")
def test_real_bundle_report():
    from dashboard.data.dataset import load_dataset
    from dashboard.data.frameworks import load_frameworks

    dataset = load_dataset(DATA)
    frameworks = load_frameworks(DATA)  # source ids are the loader's tests' concern
    for framework_id in ("nbs2008", "nbs2013"):
        report = build_report(dataset, frameworks, "530000", 2010, framework_id)
        json.dumps(report, allow_nan=False)
        att = report["attainment"]
        assert 0 <= att["weight_coverage"] <= 1
        assert att["overall"] is None or 0 <= att["overall"] <= 1
        for domain in att["domains"]:
            for item in domain["items"]:
                assert (item["score"] is None) == (item["reason"] is not None)
                if item["price_basis"] not in (None, "current"):
                    # no deflator is bundled: a constant-price target is scored only against a series
                    # bundled at those same prices (e.g. gdp_pc_2000prices), never against current prices
                    same_basis = dataset.price_basis(item["indicator_id"] or "") == item["price_basis"]
                    assert same_basis or item["reason"] in ("not_comparable", "not_measured", "no_data", "no_target")
        assert all(row["status"] in STATUSES for row in report["mdg"])


RULE = {"window_obs": 5, "min_points": 3, "flat_pace": 0.005, "fast_pace": 0.015, "max_age_years": 5}


def _trend_frameworks():
    return FakeFrameworks([
        {"framework_id": "mdg", "item_id": "mdg_hiv", "direction": "reverse", "target_year": 2015, "indicator_id": "u5mr"},
        {"framework_id": "mdg", "item_id": "mdg_seats", "direction": "positive", "target_year": 2015,
         "indicator_id": "urbanisation"},
        {"framework_id": "mdg", "item_id": "mdg_u5mr", "direction": "reverse", "baseline_rule": "relative",
         "relative_change": -2 / 3, "baseline_year": 1990, "target_year": 2015, "indicator_id": "life_expectancy"},
        {"framework_id": "nbs2008", "item_id": "nbs2008_u5mr", "direction": "reverse", "target": 12,
         "target_year": 2020, "indicator_id": "u5mr", "weight": 2},
        {"framework_id": "nbs2008", "item_id": "nbs2008_gdp_pc", "direction": "positive", "target": 31400,
         "target_year": 2020, "indicator_id": "gdp_pc", "price_basis": "constant_2000", "weight": 12},
        {"framework_id": "nbs2008", "item_id": "nbs2008_unemp", "direction": "interval", "target_low": 3,
         "target_high": 6, "target_year": 2020, "indicator_id": "tertiary_share", "weight": 4},
    ], registry=[{"framework_id": "nbs2008", "kind": "xiaokang", "target_year": 2020},
                 {"framework_id": "mdg", "kind": "mdg", "target_year": 2015}],
        rules=[{"framework_id": "mdg", "item_id": "mdg_hiv", "kind": "halt_reverse", **RULE},
               {"framework_id": "*", "item_id": "*", "kind": "direction", **RULE}])


def _trend_dataset(gdp_basis: str | None = None):
    rows = [("530000", "u5mr", y, v)
            for y, v in [(2004, 8), (2007, 12), (2009, 17), (2010, 16.5), (2011, 16), (2012, 15), (2013, 14), (2014, 13)]]
    rows += [("530000", "urbanisation", y, v) for y, v in [(2010, 35), (2011, 36), (2012, 37), (2013, 38)]]
    rows += [("530000", "life_expectancy", y, v) for y, v in [(2004, 30), (2010, 20)]]
    rows += [("530000", "gdp_pc", y, v) for y, v in [(2005, 20000), (2015, 33000)]]
    rows += [("530000", "tertiary_share", y, v) for y, v in [(2005, 8), (2015, 7)]]
    dataset = make_dataset(rows)
    if gdp_basis is not None:
        indicators = dataset.indicators.assign(price_basis=None)
        indicators.loc[indicators["indicator_id"] == "gdp_pc", "price_basis"] = gdp_basis
        dataset = replace(dataset, indicators=indicators)
    return dataset


def test_items_without_a_target_are_judged_by_their_trend_rule():
    rows = {r["item_id"]: r for r in mdg_rows(_trend_dataset(), _trend_frameworks(), "530000", 2015, "mdg")}
    hiv = rows["mdg_hiv"]
    assert (hiv["status"], hiv["method"], hiv["rule"]) == (pg.MET, "trend", "halt_reverse")
    assert (hiv["worst_year"], hiv["worst"], hiv["trend_direction"]) == (2009, 17, "improving")
    seats = rows["mdg_seats"]  # the default rule: direction only; +2.8%/yr
    assert (seats["status"], seats["rule"]) == (pg.ON_TRACK, "direction")
    assert seats["target"] is None and seats["national_status"] == pg.INSUFFICIENT_DATA


def test_relative_row_says_baseline_is_first_observation_and_prorated():
    row = {r["item_id"]: r for r in mdg_rows(_trend_dataset(), _trend_frameworks(), "530000", 2015, "mdg")}["mdg_u5mr"]
    assert (row["method"], row["rule"], row["baseline_year"], row["framework_baseline_year"]) == ("target", "relative", 2004, 1990)
    assert row["prorated"] is True and row["target"] == pytest.approx(30 * (1 / 3) ** (11 / 25))


def test_panel_rows_are_the_selected_frameworks_items_each_once():
    rows = mdg_rows(_trend_dataset(), _trend_frameworks(), "530000", 2015, "nbs2008", with_mdg=False)
    assert [r["item_id"] for r in rows] == ["nbs2008_u5mr", "nbs2008_gdp_pc", "nbs2008_unemp"]
    only_mdg = mdg_rows(_trend_dataset(), _trend_frameworks(), "530000", 2015, "mdg", with_mdg=False)
    assert {r["framework_id"] for r in only_mdg} == {"mdg"} and len(only_mdg) == 3
    # the report keeps the MDG rows before the chosen framework's, each item once
    report = mdg_rows(_trend_dataset(), _trend_frameworks(), "530000", 2015, "nbs2008")
    assert len({r["item_id"] for r in report}) == len(report) == 6


def test_constant_price_target_is_assessed_only_on_a_series_at_the_same_prices():
    def gdp(dataset):
        rows = mdg_rows(dataset, _trend_frameworks(), "530000", 2015, "nbs2008", with_mdg=False)
        return next(r for r in rows if r["item_id"] == "nbs2008_gdp_pc")
    assert (gdp(_trend_dataset())["status"], gdp(_trend_dataset())["note"]) == (pg.INSUFFICIENT_DATA, "not_comparable")
    assert gdp(_trend_dataset("constant_2005"))["note"] == "not_comparable"
    matched = gdp(_trend_dataset("constant_2000"))
    assert (matched["status"], matched["method"], matched["target"]) == (pg.MET, "target", 31400)


def test_interval_item_progresses_towards_the_band_end_it_is_outside_of():
    rows = mdg_rows(_trend_dataset(), _trend_frameworks(), "530000", 2015, "nbs2008", with_mdg=False)
    unemp = next(r for r in rows if r["item_id"] == "nbs2008_unemp")
    # 8 -> 7 above the band [3, 6]: moving towards 6 at 0.1/yr, 2/15 a year needed
    assert (unemp["rule"], unemp["target"], unemp["band_low"], unemp["band_high"]) == ("band_high", 6, 3, 6)
    assert unemp["status"] == pg.OFF_TRACK and unemp["progress_ratio"] == pytest.approx(0.75)


PILOT_AND_STUDY = ("530000", "520000", "410000", "140000", "620000", "460000")


@pytest.mark.parametrize("area_code", PILOT_AND_STUDY)
def test_pilot_provinces_get_an_economic_domain_score_and_mdg_statuses_in_2015(bundled_dataset, area_code):
    """Issue 9: the economic-development domain has >= 80% of its weight measured in 2015 for the
    pilot and study provinces, and MDG 8.16 (Internet users) is judged by its trend."""
    from dashboard.data.frameworks import load_frameworks
    from tests.data.bundle.conftest import DATA_DIR

    report = build_report(bundled_dataset, load_frameworks(DATA_DIR, bundled_dataset), area_code, 2015, "nbs2008")
    economic = next(d for d in report["attainment"]["domains"] if d["domain_id"] == "economic")
    assert economic["weight_coverage"] >= 0.8 and economic["score"] is not None
    internet = next(row for row in report["mdg"] if row["item_id"] == "mdg_internet_users")
    assert internet["method"] == "trend" and internet["status"] != "insufficient_data"
    assessed = [row for row in report["mdg"] if row["framework_id"] == "mdg" and row["status"] != "insufficient_data"]
    assert len(assessed) >= 5

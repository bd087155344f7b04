"""Attainment builders: domain bars and contributions say 'insufficient data' in words, the
what-if rows mark edits, the method check carries the published figures, and the fast
per-area computation agrees with analysis.compute_attainment."""
from __future__ import annotations

import re

import pytest

from dashboard.analysis.attainment import ItemSpec, attainment_from_values, compute_attainment, what_if
from dashboard.data.frameworks import load_frameworks
from dashboard.figures.attainment_charts import (
    contribution_chart, coverage_sentence, domain_bars, item_rows, method_check_rows, published_reference_rows,
    unscored_summary,
)
from dashboard.figures.attainment_map import attainment_by_area, attainment_map_values
from tests.conftest import REPO

SPECS = (
    ItemSpec("a", "positive", weight=6, target=100, indicator_id="x", domain_id="d1", domain_en="Economy",
             domain_zh="经济", name_en="Item A", name_zh="甲"),
    ItemSpec("b", "reverse", weight=4, target=10, indicator_id="y", domain_id="d1", domain_en="Economy",
             domain_zh="经济", name_en="Item B", name_zh="乙"),
    ItemSpec("c", "positive", weight=10, target=50, indicator_id=None, domain_id="d2", domain_en="Culture",
             domain_zh="文化", name_en="Item C", name_zh="丙"),
)


def result():
    # d1 fully measured (a: 0.8, b: 0.5); d2 not measured: overall coverage 50%.
    return attainment_from_values("test", SPECS, {"a": (80.0, 2010), "b": (20.0, 2010)})


def test_domain_bars_show_coverage_and_score_only_where_the_domain_has_80_percent():
    fig = domain_bars(result(), "en", "Domains")
    coverage, attainment = fig.data
    assert list(coverage.y) == ["Culture", "Economy"]  # first domain on top
    assert list(coverage.x) == [0.0, 100.0]
    assert attainment.text[0] == "insufficient data" and attainment.x[0] == 0
    assert attainment.text[1] == "68.0%"  # (6*0.8 + 4*0.5) / 10


def test_contributions_label_unscored_items_with_their_reason():
    fig = contribution_chart(result(), "zh", "分指标")
    weights, earned, labels = fig.data
    assert list(weights.y) == ["丙", "乙", "甲"]
    assert list(earned.x) == pytest.approx([0.0, 2.0, 4.8])
    assert labels.text[0] == "未测度"
    assert "尚无与该指标关联的数据序列" in labels.customdata[0]


def test_summary_sentence_and_unscored_list_say_why():
    text = coverage_sentence(result(), "en")
    assert text.startswith("Insufficient data") and "50%" in text and "2 of 3" in text
    assert unscored_summary(result(), "en") == [("Item C", "Not measured: no dataset series is linked to this indicator yet")]


def test_item_rows_mark_edited_fields():
    base = result()
    edited = what_if(base, {"a": {"target": 80}, "b": {"weight": 2}})
    rows = {r["item_id"]: r for r in item_rows(edited, base, "en")}
    assert rows["a"]["edited"] == ["target"] and rows["a"]["score"] == 100.0
    assert rows["b"]["edited"] == ["weight"]
    assert rows["c"]["edited"] == [] and rows["c"]["score_text"] == "—"
    assert rows["c"]["reason"].startswith("Not measured")


def _pub(**kw):
    row = {"area_code": "100000", "year": 2010, "scheme": "nbs2008", "measure": "overall", "domain_id": "",
           "value": 80.1, "release": "NBS 2011 monitoring report", "source": "NBS report", "url": "http://example.org/r",
           "confidence": "S", "note": "+20.5"}
    row.update(kw)
    return row


def test_method_check_rows_carry_published_value_source_and_our_coverage():
    rows = method_check_rows([_pub()], {("100000", 2010): result()}, {"100000": "China"}, "en")
    assert rows == [{
        "scope": "China", "year": "2010", "measure": "Overall index", "published": "80.1%",
        "release": "NBS 2011 monitoring report", "source": "NBS report", "url": "http://example.org/r",
        "confidence": "S: bureau figure quoted by a secondary page",
        "ours": "Partial index 68.0% — measured: 50% of the weight (not comparable as an index)", "kind": "partial",
        "measured": "Item A (weight 6, score 80%); Item B (weight 4, score 50%)",
        "lacking": "1 of 3 indicators without a score", "lacking_names": "Item C (not measured)", "note": "+20.5",
    }]


def test_method_check_domain_row_gives_the_difference_only_for_a_strict_value():
    pub = _pub(measure="domain", domain_id="d1", value=70.0)
    rows = method_check_rows([pub, _pub(scheme="zhejiang_own"), _pub(measure="domain", domain_id="d2")],
                             {("100000", 2010): result()}, {"100000": "China"}, "en", domain_names={"d1": "Economy"},
                             measures=(("overall", ""), ("domain", "d1")))
    assert len(rows) == 1  # another scheme, and domains not asked for, are not compared
    row = rows[0]
    assert row["measure"] == "Economy" and row["published"] == "70.0%" and row["kind"] == "strict"
    assert row["ours"] == "68.0% (weight with data 100%; -2.0 points on the published)"
    assert row["lacking"] == "0 of 2 indicators without a score"


def test_method_check_rows_for_a_region_say_why_not_computed_and_give_context():
    pub = _pub(area_code="west", measure="domain", domain_id="d1", value=60.0)
    ours = {("530000", 2010): result(), ("520000", 2010): attainment_from_values("t", SPECS, {})}
    rows = method_check_rows([pub], ours, {"west": "West"}, "en", {"west": ["530000", "520000"]}, {"d1": "Economy"},
                             (("domain", "d1"),))
    assert rows[0]["ours"].startswith("Not computed: NBS computes a region from regional totals")
    assert rows[0]["measured"] == ("Context only (not NBS's regional method): 1 of the region's 2 provinces have an "
                                   "index, median 68.0%")


def test_published_reference_rows_name_scheme_and_never_merge_schemes():
    published = [
        _pub(area_code="330000", year=2008, value=87.8, source="浙江省统计局"),
        _pub(area_code="330000", year=2008, scheme="zhejiang_own", value=91.52),
        _pub(area_code="110000", year=2008, measure="overall_lower_bound", value=90.0),
        _pub(area_code="640000", year=2013, scheme="nbs2013_family", measure="domain", domain_id="living", value=84.7,
             confidence="S"),
        _pub(area_code="650000", year=2003, scheme="cass", value=53.6),
    ]
    zj = published_reference_rows(published, "330000", "en")
    assert [(r["scheme_id"], r["value"]) for r in zj] == [("nbs2008", "87.8%"), ("zhejiang_own", "91.5%")]
    assert zj[0]["scheme"] == "NBS 2008 scheme (6 domains, 23 indicators)" and zj[0]["source"] == "浙江省统计局"
    assert published_reference_rows(published, "110000", "en")[0]["value"] == "at least 90.0%"
    nx = published_reference_rows(published, "640000", "zh", {("nbs2013", "living"): "人民生活"})[0]
    assert nx["measure"] == "人民生活" and nx["confidence"].startswith("S")
    assert published_reference_rows(published, "650000", "en")[0]["value"] == "53.60"  # an index, not a %
    assert published_reference_rows(published, "530000", "en") == []


def test_partial_domain_bars_are_hatched_and_say_partial_with_the_measured_share():
    specs = (*SPECS, ItemSpec("d", "positive", weight=10, target=50, indicator_id="z", domain_id="d2",
                              domain_en="Culture", domain_zh="文化", name_en="Item D", name_zh="丁"))
    res = attainment_from_values("t", specs, {"a": (80.0, 2010), "b": (20.0, 2010), "d": (25.0, 2010)})
    strict = domain_bars(res, "en", "Domains")
    partial = domain_bars(res, "en", "Domains", "partial")
    # Culture: 10 of 20 measured; Economy: complete
    assert strict.data[1].text[0] == "insufficient data" and strict.data[1].x[0] == 0
    assert partial.data[1].text[0] == "partial 50.0% · measured: 50% of the weight"
    assert partial.data[1].x[0] == 50.0
    assert list(partial.data[1].marker.pattern.shape) == ["/", ""]  # hatched partial, solid strict
    assert partial.data[1].text[1] == "68.0%"


def test_coverage_sentence_in_partial_mode():
    text = coverage_sentence(result(), "en", "partial")
    assert text.startswith("Partial index 68.0% — measured: 50% of the weight (2 of 3")
    assert coverage_sentence(result(), "en").startswith("Insufficient data")


@pytest.fixture(scope="module")
def frameworks(bundled_dataset):
    return load_frameworks(REPO / "data", bundled_dataset)


@pytest.mark.parametrize("framework_id", ["nbs2008", "nbs2013"])
@pytest.mark.parametrize("area_code,year", [("530000", 2010), ("100000", 2000), ("110000", 2015)])
def test_fast_per_area_path_agrees_with_compute_attainment(bundled_dataset, frameworks, framework_id, area_code, year):
    fast = attainment_by_area(bundled_dataset, frameworks, framework_id, year, [area_code])[area_code]
    slow = compute_attainment(bundled_dataset, frameworks, area_code, year, framework_id)
    assert fast == slow


def test_map_leaves_insufficient_provinces_grey_with_the_coverage_in_hover(bundled_dataset, frameworks):
    codes = bundled_dataset.province_codes()
    results = attainment_by_area(bundled_dataset, frameworks, "nbs2008", 2010, codes)
    values, base_hover, partial = attainment_map_values(bundled_dataset, results, None, "attainment", 2010, "en")
    assert list(values.area_codes) == []  # honest: no province reaches 80% of the weight
    assert list(partial.area_codes) == []  # strict mode: no partial layer
    yunnan = next(h for h in base_hover if "Yunnan" in h)
    # the share grows as series land (22% once R&D intensity reaches back to 2010); the wording stays
    assert re.search(r"Insufficient data: only \d+% of the weight has data \(needs 80%\)", yunnan)
    coverage, _, _ = attainment_map_values(bundled_dataset, results, None, "coverage", 2010, "en")
    assert len(coverage.area_codes) == len(codes) and max(coverage.values) <= 100


def test_what_if_weights_can_lift_a_province_over_the_rule(bundled_dataset, frameworks):
    zero = {i: {"weight": 0.0} for i in frameworks.items_for("nbs2008")["item_id"]
            if i not in ("nbs2008_urbanisation", "nbs2008_tertiary_share")}
    results = attainment_by_area(bundled_dataset, frameworks, "nbs2008", 2010, ["530000"], zero)
    values, _, _ = attainment_map_values(bundled_dataset, results, None, "attainment", 2010, "en")
    assert list(values.area_codes) == ["530000"]
    items = frameworks.items_for("nbs2008").set_index("item_id")
    def linked(item_id: str) -> float:  # the bundled value the item reads (tertiary share: the database revision)
        series = bundled_dataset.series(items.at[item_id, "indicator_id"], "530000")
        return float(series.loc[series["year"] == 2010, "value"].iloc[0])
    urbanisation, tertiary = linked("nbs2008_urbanisation"), linked("nbs2008_tertiary_share")
    assert values.values[0] == pytest.approx(100 * (5 * urbanisation / 60 + 4 * tertiary / 50) / 9, abs=0.01)

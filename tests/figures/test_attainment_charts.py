"""Attainment builders: domain bars and contributions say 'insufficient data' in words, the
what-if rows mark edits, the method check carries the published figures, and the fast
per-area computation agrees with analysis.compute_attainment."""
from __future__ import annotations

import pytest

from dashboard.analysis.attainment import ItemSpec, attainment_from_values, compute_attainment, what_if
from dashboard.data.frameworks import load_frameworks
from dashboard.figures.attainment_charts import (
    contribution_chart, coverage_sentence, domain_bars, item_rows, method_check_rows, unscored_summary,
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


def test_method_check_rows_carry_published_value_source_and_our_coverage():
    published = [{"area_code": "100000", "year": 2010, "published_pct": 80.1, "source_title_en": "NBS 2011 report",
                  "source_url": "http://example.org/r", "note_en": "+20.5"}]
    rows = method_check_rows(published, {("100000", 2010): result()}, {"100000": "China"}, "en")
    assert rows == [{
        "scope": "China", "year": "2010", "published": "80.1%", "source": "NBS 2011 report",
        "url": "http://example.org/r", "ours": "Insufficient data (weight with data 50%)",
        "lacking": "1 of 3 indicators without a score", "lacking_names": "Item C", "note": "+20.5",
    }]


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
    values, base_hover = attainment_map_values(bundled_dataset, results, None, "attainment", 2010, "en")
    assert list(values.area_codes) == []  # honest: no province reaches 80% of the weight
    yunnan = next(h for h in base_hover if "Yunnan" in h)
    assert "Insufficient data: only 35% of the weight has data (needs 80%)" in yunnan
    coverage, _ = attainment_map_values(bundled_dataset, results, None, "coverage", 2010, "en")
    assert len(coverage.area_codes) == len(codes) and max(coverage.values) <= 100


def test_what_if_weights_can_lift_a_province_over_the_rule(bundled_dataset, frameworks):
    zero = {i: {"weight": 0.0} for i in frameworks.items_for("nbs2008")["item_id"]
            if i not in ("nbs2008_urbanisation", "nbs2008_tertiary_share")}
    results = attainment_by_area(bundled_dataset, frameworks, "nbs2008", 2010, ["530000"], zero)
    values, _ = attainment_map_values(bundled_dataset, results, None, "attainment", 2010, "en")
    assert list(values.area_codes) == ["530000"]
    assert values.values[0] == pytest.approx(100 * (5 * 34.7 / 60 + 4 * 40.03 / 50) / 9, abs=0.01)

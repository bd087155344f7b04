"""County map content and the county card's lines: pure, from the bundled dataset."""
from __future__ import annotations

from dashboard.figures.county_content import (POVERTY_ID, county_card_lines, county_indicators, county_map_content,
                                              county_years, map_units)


def test_map_units_include_a_prefecture_that_has_no_counties(bundled_dataset):
    hainan = map_units(bundled_dataset, "460000")
    assert "460400" in hainan and "469001" in hainan   # 儋州, 五指山
    assert "460100" not in hainan                      # 海口 is drawn as its districts
    assert len(map_units(bundled_dataset, "530000")) == 129


def test_yunnan_poverty_map_colours_88_and_words_the_rest(bundled_dataset):
    content = county_map_content(bundled_dataset, "530000", POVERTY_ID, 2014, "en")
    assert len(content.values.area_codes) == 88 and len(content.unit_codes) == 129
    assert content.values.tick_text == ["2017", "2018", "2019", "2020"]
    assert all("not on the list of 832" in hover for hover in content.base_hover)
    assert "88 of the 129" in content.summary


def test_census_indicators_and_years_by_province(bundled_dataset):
    assert POVERTY_ID in county_indicators(bundled_dataset, "530000")
    assert "county_urbanisation_census" in county_indicators(bundled_dataset, "530000")
    assert county_indicators(bundled_dataset, "110000") == []  # no county data for Beijing
    assert county_years(bundled_dataset, "530000", "county_urbanisation_census") == [2010, 2020]


def test_a_province_without_county_values_draws_only_the_grey_base(bundled_dataset):
    content = county_map_content(bundled_dataset, "110000", POVERTY_ID, 2014, "zh")
    assert content.values.area_codes == [] and len(content.unit_codes) == 16
    assert "0" in content.summary


def test_card_lines_hold_the_latest_and_the_earlier_value_with_sources(bundled_dataset):
    lines = county_card_lines(bundled_dataset, "532322", "en")  # 双柏县
    poverty = next(line for line in lines if "poverty" in line.indicator)
    assert poverty.latest.startswith("exited in the 2018 batch (2014") and poverty.earlier == "—"
    population = next(line for line in lines if "Resident population" in line.indicator)
    assert "(2020)" in population.latest and "(2010)" in population.earlier and population.years == 2
    assert all(line.source for line in lines)
    assert county_card_lines(bundled_dataset, "110105", "en") == []

"""The disparity layout: every ID the callback writes exists; tables are real tables."""
from __future__ import annotations

from dash import dcc, html

from dashboard.callbacks.disparity_view import OUTPUTS
from dashboard.components.disparity_view import (
    DisparityIds, chart_table, disparity_view, indicator_options, statistics_table,
)
from dashboard.figures.disparity_charts import ChartTable, statistics_rows


def walk(component):
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            yield from walk(child)
    elif children is not None and not isinstance(children, (str, int, float)):
        yield from walk(children)


def test_every_output_id_is_in_the_layout(bundled_dataset):
    for lang in ("zh", "en"):
        ids = {getattr(c, "id", None) for c in walk(disparity_view(bundled_dataset, lang))}
        assert {component for component, _ in OUTPUTS} <= ids
        assert all(value.startswith("disparity-") for value in DisparityIds)


def test_selector_offers_only_indicators_with_a_spread_across_provinces(bundled_dataset):
    values = {o["value"] for o in indicator_options(bundled_dataset, "zh")}
    assert {"urbanisation", "gdp_pc", "engel_urban", "urban_rural_income_ratio"} <= values
    obs = bundled_dataset.observations
    provinces = obs["area_code"].isin(bundled_dataset.province_codes())
    national_only = set(obs.loc[~provinces, "indicator_id"]) - set(obs.loc[provinces, "indicator_id"])
    assert national_only and not national_only & values  # national series only: no spread
    assert "u5mr" in values  # a few provinces' releases (scattered) are a spread over those provinces
    assert "poverty_band_2016" not in values  # bands
    dropdown = next(c for c in walk(disparity_view(bundled_dataset, "en")) if isinstance(c, dcc.Dropdown))
    assert dropdown.id == DisparityIds.INDICATOR and dropdown.clearable is False


def test_chart_table_is_a_captioned_table_with_row_headers():
    details = chart_table(ChartTable("Caption", ("Year", "East"), (("2010", "1.0"),)), "en")
    parts = list(walk(details))
    assert any(isinstance(c, html.Caption) and c.children == "Caption" for c in parts)
    assert any(isinstance(c, html.Th) and c.children == "2010" and c.scope == "row" for c in parts)
    assert any(isinstance(c, html.Summary) for c in parts)


def test_statistics_table_shows_reasons_and_warns_on_incomplete_years(bundled_dataset):
    rows, n, expected = statistics_rows(bundled_dataset, "urbanisation", 2020, "en")
    text = " ".join(str(c.children) for c in walk(statistics_table(rows, n, expected, "2020", "en"))
                    if isinstance(getattr(c, "children", None), str))
    assert "No provincial population for 2020" in text and "31 of 31" in text
    partial = statistics_table(rows, 12, 31, "2023", "en")
    assert any("Only 12 of 31" in str(getattr(c, "children", "")) for c in walk(partial))

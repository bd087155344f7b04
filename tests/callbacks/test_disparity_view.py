"""The disparity view's callback called directly, as Dash would after a URL change or a click."""
from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from dash import no_update

from dashboard.callbacks.disparity_view import OUTPUTS, clicked_bar, next_state, render, update_disparity
from dashboard.components.disparity_view import DisparityIds
from dashboard.figures.theme import SELECTED
from dashboard.state import parse_query
from tests.conftest import run_callback

LINK = "?view=disparity&ind=urbanisation&year=2010&area=530000"


def outputs(result) -> dict:
    return {"url": result[0], **dict(zip(OUTPUTS, result[1:]))}


def call(trigger: str | None, search: str = LINK, indicator=None, click=None, lang: str = "zh", year=None) -> dict:
    return outputs(run_callback(update_disparity, trigger, search, indicator, year, click, None, lang))


def text_of(component) -> str:
    if component is None or isinstance(component, (int, float)):
        return ""
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def bar_click(area_code: str) -> dict:
    return {"points": [{"curveNumber": 0, "pointNumber": 0, "x": 50.0, "y": area_code,
                        "customdata": [area_code, ""]}]}


def test_the_ranking_highlights_the_selected_province(app_context):
    out = call("url.search")
    assert out["url"] is no_update  # reading the link never rewrites it
    assert out[(DisparityIds.INDICATOR, "value")] == "urbanisation"
    fig = out[(DisparityIds.RANKING, "figure")]
    labels = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext))
    assert labels["530000"].startswith("<b>▶ 云南省") and "★" in labels["530000"]
    assert "▶" not in labels["110000"]
    west = next(trace for trace in fig.data if "530000" in trace.y)
    assert west.marker.line.width[list(west.y).index("530000")] == 3 and west.marker.line.color == SELECTED
    assert len(fig.layout.yaxis.tickvals) == 31


def test_a_bar_click_writes_the_area_into_the_url(app_context):
    out = call(f"{DisparityIds.RANKING}.clickData", click=bar_click("110000"))
    query = parse_qs(out["url"].lstrip("?"))
    assert query["area"] == ["110000"]
    assert query["view"] == ["disparity"] and query["ind"] == ["urbanisation"] and query["year"] == ["2010"]
    labels = dict(zip(*(lambda f: (f.layout.yaxis.tickvals, f.layout.yaxis.ticktext))(
        out[(DisparityIds.RANKING, "figure")])))
    assert "▶" in labels["110000"] and "▶" not in labels["530000"]


def test_a_click_off_the_bars_changes_nothing(app_context, bundled_dataset):
    assert clicked_bar({"points": [{"y": "not-a-province"}]}, bundled_dataset) is None
    assert clicked_bar(None, bundled_dataset) is None
    out = call(f"{DisparityIds.RANKING}.clickData", click={"points": []})
    assert out["url"] is no_update


def test_the_indicator_selector_writes_the_url_and_keeps_a_year_that_exists(app_context, bundled_dataset):
    out = call(f"{DisparityIds.INDICATOR}.value", indicator="gdp_pc")
    query = parse_qs(out["url"].lstrip("?"))
    assert query["ind"] == ["gdp_pc"] and query["year"] == ["2010"] and query["area"] == ["530000"]
    state, _ = parse_query("?view=disparity&ind=urbanisation&year=2024", bundled_dataset)
    moved = next_state(state, DisparityIds.INDICATOR, "gdp_pc", bundled_dataset)
    assert moved.indicator_id == "gdp_pc" and moved.year is None  # 2024 has no gdp_pc: latest instead
    assert next_state(state, DisparityIds.INDICATOR, None, bundled_dataset) == state


def test_weighted_cv_after_2018_shows_as_missing_with_the_reason(app_context):
    out = call("url.search", search="?view=disparity&ind=urbanisation&year=2020", lang="en")
    stats = text_of(out[(DisparityIds.STATS, "children")])
    # population 2000-2019 (the 2020 export plus 2019 from the NBS database, one vintage before the 7th census)
    assert "No provincial population for 2020" in stats and "2000–2019" in stats and "never carried over" in stats
    reading = text_of(out[(DisparityIds.READING, "children")])
    assert "2020–2024" in reading and "never carried over" in reading
    convergence = out[(DisparityIds.CONVERGENCE, "figure")]
    weighted = next(trace for trace in convergence.data if trace.meta == "cv_weighted")
    assert dict(zip(weighted.x, weighted.y))[2020] is None


def test_the_convergence_sentence_matches_the_numbers(app_context, bundled_dataset):
    out = call("url.search", lang="en")
    fig = out[(DisparityIds.CONVERGENCE, "figure")]
    cv = next(trace for trace in fig.data if trace.meta == "cv")
    points = [(x, y) for x, y in zip(cv.x, cv.y) if y is not None]
    (first_year, first), (last_year, last) = points[0], points[-1]
    sentence = text_of(out[(DisparityIds.READING, "children")])
    assert last < first and "narrowed" in sentence
    assert f"from {first:.2f} in {first_year} to {last:.2f} in {last_year}" in sentence


def test_regional_gaps_are_explained(app_context):
    out = call("url.search")
    note = text_of(out[(DisparityIds.REGIONAL_NOTE, "children")])
    assert "2020–2024" in note and "2000–2019" in note
    assert "按人口加权" in out[(DisparityIds.REGIONAL, "figure")].data[0].name


def test_urban_rural_says_where_data_does_not_exist(app_context):
    out = call("url.search", lang="en")
    note = text_of(out[(DisparityIds.URBAN_RURAL_NOTE, "children")])
    # old surveys 2002-2012 and the integrated survey 2013-2019, named apart
    assert "Income: old survey 2002–2012 (provinces), integrated survey 2013–2022 (provinces)" in note
    assert "Engel coefficient: old survey 2002–2012 (provinces), integrated survey" in note and "(national only)" in note
    assert "no urban/rural split" in note
    # the selected year's range across provinces, from the old survey's ratios
    assert "2010 (old survey): from" in note and "Yunnan: " in note


def national_only(dataset) -> str:
    """A numeric indicator the data holds for no mainland province (queried: series gain provinces)."""
    obs = dataset.observations
    with_provinces = set(obs.loc[obs["area_code"].isin(dataset.province_codes()), "indicator_id"])
    numeric = dataset.indicators[dataset.indicators["kind"] != "category"]["indicator_id"]
    found = sorted(set(numeric) & set(obs["indicator_id"]) - with_provinces)
    assert found, "the bundle has no national-only numeric series left to test with"
    return found[0]


@pytest.mark.parametrize(("ind", "message"), [(None, "no provincial values"), ("poverty_band_2016", "banded")])
def test_indicators_without_a_spread_say_why(app_context, bundled_dataset, ind, message):
    ind = ind or national_only(bundled_dataset)
    out = call("url.search", search=f"?view=disparity&ind={ind}", lang="en")
    assert out[(DisparityIds.MESSAGE, "is_open")] is True
    assert message in text_of(out[(DisparityIds.MESSAGE, "children")])


def test_a_failing_section_is_reported_not_raised(app_context, bundled_dataset, monkeypatch):
    import dashboard.figures.disparity_charts as charts

    def broken(*_args, **_kwargs):
        raise ValueError("bad population row")

    monkeypatch.setattr(charts, "urban_rural_content", broken)
    state, _ = parse_query(LINK, bundled_dataset)
    out = render(bundled_dataset, state, "en")
    message = text_of(out[(DisparityIds.MESSAGE, "children")])
    assert "Town and country" in message and "bad population row" in message and "2010" in message
    assert out[(DisparityIds.RANKING, "figure")] is not no_update


def test_a_typed_year_writes_the_url_and_moves_every_panel(app_context):
    out = call("disparity-year.value", year=2015, lang="en")
    query = parse_qs(out["url"].lstrip("?"))
    assert query["year"] == ["2015"] and query["ind"] == ["urbanisation"] and query["area"] == ["530000"]
    assert out[(DisparityIds.YEAR, "value")] == 2015
    assert "2015" in out[(DisparityIds.HEADING, "children")]
    assert "2015" in text_of(out[(DisparityIds.STATS, "children")])
    # the β panel ends at the selected year
    assert "2015" in out[(DisparityIds.BETA, "figure")].layout.title.text


@pytest.mark.parametrize("typed", [None, "", "abc", 20150])
def test_an_empty_or_impossible_year_changes_nothing(app_context, typed):
    out = call("disparity-year.value", year=typed)
    assert out["url"] is no_update
    assert out[(DisparityIds.YEAR, "value")] == 2010  # the box shows the link's year again


def test_a_year_without_data_says_so_and_shows_another(app_context):
    out = call("disparity-year.value", year=1970, lang="en")
    assert out["url"] is no_update
    assert out[(DisparityIds.MESSAGE, "is_open")] is True
    message = text_of(out[(DisparityIds.MESSAGE, "children")])
    assert "has no data for 1970" in message and "1978–" in message


def test_the_reading_names_between_or_within_and_beta(app_context, bundled_dataset):
    import dashboard.figures.disparity_charts as charts

    out = call("url.search", lang="en")
    reading = text_of(out[(DisparityIds.READING, "children")])
    content = charts.decomposition_content(bundled_dataset, "urbanisation")
    share = dict(zip(content.years, content.between_share))[2010]  # the link's year
    side = "between the four regions" if share >= 0.5 else "inside the regions"
    assert f"In 2010 most of the gap lies {side} ({round(100 * (share if share >= 0.5 else 1 - share))}%" in reading
    beta = charts.beta_content(bundled_dataset, "urbanisation", 2010)
    assert f"β = {beta.slope:.4f}" in reading
    assert out[(DisparityIds.DECOMPOSITION, "figure")].layout.barmode == "stack"

"""Disparity figure builders and their content, on the bundled data (pure: no Dash)."""
from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from dashboard.analysis.disparity import beta_convergence, complete_years, sigma_convergence, urban_rural_ratio
from dashboard.figures import disparity_charts as charts
from dashboard.figures.theme import SELECTED
from tests.analysis.builders import make_dataset

YUNNAN, BEIJING, GUIZHOU = "530000", "110000", "520000"


def test_year_ranges_compress_runs():
    assert charts.year_ranges([2019, 2020, 2021, 2023], "en") == "2019–2021, 2023"
    assert charts.year_ranges([2007], "zh") == "2007"
    assert charts.year_ranges([], "en") == ""


@pytest.mark.parametrize(("first", "last", "word"), [(0.34, 0.15, "narrowed"), (0.15, 0.34, "widened"),
                                                      (0.300, 0.303, "steady")])
def test_trend_word(first, last, word):
    assert charts.trend_word(first, last) == word


def test_regional_means_are_four_gapped_lines_with_the_method_in_the_legend(bundled_dataset):
    content = charts.regional_content(bundled_dataset, "urbanisation", "en")
    assert content.method == "population_weighted"
    fig = charts.regional_means_figure(content, title="t", y_title="y", empty_text="none", selected_year=2010)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 4
    assert all("population-weighted" in trace.name for trace in fig.data)
    assert all(trace.connectgaps is False for trace in fig.data)
    east = dict(zip(fig.data[0].x, fig.data[0].y))
    assert east[2024] is None  # no same-year provincial population after 2019: a gap, never carried over
    assert east[2010] is not None
    assert any("2020–2024" in note and "2000–2019" in note for note in content.gap_notes)


def test_regional_means_not_computed_shows_the_empty_text(bundled_dataset):
    content = charts.regional_content(bundled_dataset, "gdp", "zh")  # a total: no regional mean
    assert content.method == "none" and content.lines == ()
    fig = charts.regional_means_figure(content, title="t", y_title="y", empty_text="不计算")
    assert fig.layout.annotations[0].text == "不计算"


def test_convergence_matches_the_analysis_and_weighted_stops_with_population(bundled_dataset):
    content = charts.convergence_content(bundled_dataset, "urbanisation")
    plain = sigma_convergence(bundled_dataset, "urbanisation")
    assert list(content.years) == list(plain["year"])
    assert content.cv == pytest.approx(tuple(plain["cv"]))
    weighted = dict(zip(content.years, content.cv_weighted))
    assert weighted[2019] is not None and weighted[2020] is None  # population 2000-2019
    theil = dict(zip(content.years, content.theil))
    assert theil[2010] == pytest.approx(0.026628, abs=1e-6) and theil[2020] is None
    fig = charts.convergence_figure(content, "en", title="t", empty_text="e", selected_year=2010)
    assert [trace.meta for trace in fig.data] == ["cv", "cv_weighted", "theil"]
    assert fig.data[2].yaxis == "y2"  # Theil on its own panel (a tenfold smaller scale)


def test_convergence_sentence_is_computed_from_the_numbers(bundled_dataset):
    content = charts.convergence_content(bundled_dataset, "urbanisation")
    sentences = charts.convergence_sentences(content, bundled_dataset, "en")
    first, last = content.cv[0], content.cv[-1]
    assert sentences[0] == (f"Across all 31 provinces the spread narrowed: the coefficient of variation fell "
                            f"from {first:.2f} in {content.years[0]} to {last:.2f} in {content.years[-1]}.")
    assert any("2020–2024" in s and "2000–2019" in s for s in sentences)


def test_convergence_sentence_says_when_it_cannot_tell(bundled_dataset):
    content = charts.ConvergenceContent(years=(2009, 2010), cv=(None, None), cv_weighted=(None, None),
                                        theil=(None, None), n_provinces=(30, 30), n_expected=31)
    sentences = charts.convergence_sentences(content, bundled_dataset, "zh")
    assert "无法判断" in sentences[0]


def test_ranking_lists_all_31_highlights_the_selection_and_marks_roles(bundled_dataset):
    content = charts.ranking_content(bundled_dataset, "urbanisation", 2010, YUNNAN, [YUNNAN], [GUIZHOU], "zh")
    assert len(content.bars) == 31
    assert content.bars[0].area_code == "310000"  # Shanghai, most urbanised
    ranks = [b.rank for b in content.bars]
    assert ranks == sorted(ranks)
    yunnan = next(b for b in content.bars if b.area_code == YUNNAN)
    assert yunnan.selected and yunnan.role == "pilot" and "★" in yunnan.label and "▶" in yunnan.label
    assert "◆" in next(b for b in content.bars if b.area_code == GUIZHOU).label
    fig = charts.ranking_figure(content, "zh", title="t", subtitle="s", national_label="全国", no_data_text="无数据")
    west = next(trace for trace in fig.data if YUNNAN in trace.y)
    index = list(west.y).index(YUNNAN)
    assert west.marker.line.width[index] == 3 and west.marker.line.color == SELECTED
    assert all(w == 0 for i, w in enumerate(west.marker.line.width) if i != index)
    assert list(fig.layout.yaxis.categoryarray) == [b.area_code for b in content.bars]
    table = charts.ranking_table(content, "zh", "t")
    assert len(table.rows) == 31 and table.rows[0][0] == "1"


def test_ranking_keeps_provinces_without_data_as_no_data(bundled_dataset):
    # MMR 2021: a few provinces' releases only (scattered; most provinces have no value)
    content = charts.ranking_content(bundled_dataset, "mmr", 2021, None, [], [], "en")
    assert len(content.bars) == 31
    missing = [b for b in content.bars if b.value is None]
    assert missing and all(b.rank is None for b in missing)
    assert content.bars[-1].value is None  # listed after the ranked ones
    fig = charts.ranking_figure(content, "en", title="t", subtitle="s", national_label="China", no_data_text="No data")
    assert fig.data[-1].name == "No data"


def test_urban_rural_keeps_old_and_integrated_surveys_apart(bundled_dataset):
    content = charts.urban_rural_content(bundled_dataset, "urbanisation")
    assert content.pair_key == "income" and not content.related
    old, integrated = content.series
    assert (old.survey, old.province_years) == ("old", tuple(range(2002, 2013)))
    assert (integrated.survey, integrated.province_years) == ("integrated", tuple(range(2013, 2020)))
    # the integrated national series' 2000-2012 back-calculations never overlap the old survey
    assert min(integrated.national["year"]) == 2013 and max(old.national["year"]) == 2012
    expected = urban_rural_ratio(bundled_dataset, "urban_disposable_income", "rural_net_income")
    yunnan = expected[(expected["area_code"] == YUNNAN) & (expected["year"] == 2008)]["ratio"].iloc[0]
    fig = charts.urban_rural_figure(content, bundled_dataset, "en", title="t", subtitle="s", selected_area=YUNNAN,
                                    parity_label="parity", empty_text="e", selected_year=2008)
    lines = {trace.meta: trace for trace in fig.data}
    old_yunnan, new_yunnan = lines[f"old:{YUNNAN}"], lines[f"integrated:{YUNNAN}"]
    assert old_yunnan.y[list(old_yunnan.x).index(2008)] == pytest.approx(yunnan)
    assert max(old_yunnan.x) == 2012 and min(new_yunnan.x) == 2013  # two traces: never one joined line
    assert {"old:max", "old:range", "integrated:range", "old:100000", "integrated:100000"} <= set(lines)
    assert any(shape.x0 == charts.SURVEY_BREAK for shape in fig.layout.shapes)  # the break is drawn
    band = lines["old:range"]
    provinces_2008 = expected[(expected["year"] == 2008) & expected["area_code"].isin(bundled_dataset.province_codes())]
    assert band.y[list(band.x).index(2008)] == pytest.approx(provinces_2008["ratio"].min())
    table = charts.urban_rural_table(content, bundled_dataset, "en", "c", YUNNAN)
    row_2008 = next(row for row in table.rows if row[0] == "2008")
    assert row_2008[1] == "old survey" and row_2008[3] == f"{yunnan:.2f}"
    engel = charts.urban_rural_content(bundled_dataset, "engel_rural")
    assert engel.pair_key == "engel" and engel.related
    assert [s.survey for s in engel.series] == ["old", "integrated"]
    assert engel.series[1].province_years == () and not engel.series[1].national.empty  # national only
    assert charts.urban_rural_content(bundled_dataset, "urban_rural_income_ratio").related
    assert charts.urban_rural_content(bundled_dataset, "rural_consumption_2013survey").pair_key == "consumption"


def test_theil_decomposition_panel_parts_stack_to_the_index(bundled_dataset):
    content = charts.decomposition_content(bundled_dataset, "urbanisation")
    sigma = charts.convergence_content(bundled_dataset, "urbanisation")
    convergence = dict(zip(sigma.years, sigma.theil))
    for year, total, between, within in zip(content.years, content.total, content.between, content.within):
        if total is not None:
            assert between + within == pytest.approx(total)
            assert total == pytest.approx(convergence[year])  # the same Theil as the convergence chart
    fig = charts.decomposition_figure(content, "en", title="t", empty_text="e", selected_year=2010)
    assert [trace.meta for trace in fig.data] == ["between", "within"] and fig.layout.barmode == "stack"
    share = dict((y, s) for y, s in zip(content.years, content.between_share) if s is not None)
    last = max(share)
    sentence = charts.decomposition_sentence(content, "en")  # no year: the last decomposed one
    assert sentence.startswith(f"In {last} most of the gap lies "
                               f"{'between the four regions' if share[last] >= 0.5 else 'inside the regions'}")
    assert f"({charts.share_text(share[last] if share[last] >= 0.5 else 1 - share[last], 'en')}% " in sentence


def test_a_share_near_one_half_shows_its_side():
    assert charts.share_text(0.4962, "en") == "49.6" and charts.share_text(0.5038, "en") == "50.4"
    assert charts.share_text(0.49996, "en") == "50.00" and charts.share_text(0.62, "en") == "62"
    assert charts.share_text(None, "en") == "—"


def test_theil_reading_says_where_the_gap_lies_in_the_year_and_since_when(bundled_dataset):
    content = charts.decomposition_content(bundled_dataset, "gdp_pc")
    share = dict(zip(content.years, content.between_share))
    first = min(y for y, s in share.items() if s is not None)
    assert all(s >= 0.5 for s in share.values() if s is not None)  # between in every year of the data
    en = charts.decomposition_sentence(content, "en", 2015)
    assert en.startswith("In 2015 most of the gap lies between the four regions") \
        and f"({round(100 * share[2015])}% of the Theil index)" in en and f"since {first}" in en
    zh = charts.decomposition_sentence(content, "zh", 2015)
    assert zh.startswith("2015年差距主要在四大地区之间") and f"自{first}年以来" in zh
    # a year that cannot be split says so, then reads the last decomposed year
    other = charts.decomposition_sentence(content, "en", 1990)
    assert other.startswith("The Theil index of 1990 cannot be split") and f"In {max(content.years)} " in other


def test_theil_reading_names_the_switch_between_within_and_between():
    content = charts.DecompositionContent(years=(2000, 2001, 2002, 2003), total=(0.1, 0.1, None, 0.1),
                                          between=(0.03, 0.04, None, 0.06), within=(0.07, 0.06, None, 0.04),
                                          between_share=(0.3, 0.4, None, 0.6))
    assert charts.decomposition_sentence(content, "en", 2003) == (
        "In 2003 most of the gap lies between the four regions (60% of the Theil index), as in every decomposed "
        "year since 2003; in 2001 most of it lay inside the regions (60% within).")
    assert charts.decomposition_sentence(content, "en", 2001) == (
        "In 2001 most of the gap lies inside the regions (60% of the Theil index), as in every decomposed year "
        "since 2000 (70% then).")
    assert "第一个有分解的年份" in charts.decomposition_sentence(content, "zh", 2000)
    none = charts.DecompositionContent((2000,), (None,), (None,), (None,), (None,))
    assert charts.decomposition_sentence(none, "en", 2000) is None


def test_beta_runs_from_the_first_complete_year_to_the_selected_year(bundled_dataset):
    content = charts.beta_content(bundled_dataset, "urbanisation", 2015)
    years = complete_years(bundled_dataset, "urbanisation")
    assert (content.start, content.end) == (years[0], 2015) and content.n == 31
    expected = beta_convergence(bundled_dataset, "urbanisation", years[0], 2015)
    assert content.slope == pytest.approx(expected["slope"])
    word = charts.beta_word(content)
    assert word == ("converging" if content.high < 0 else "diverging" if content.low > 0 else "unclear")
    assert f"{content.slope:.4f}" in charts.beta_sentence(content, "en")
    # a year before the first complete one falls back to the whole span
    assert charts.beta_content(bundled_dataset, "urbanisation", 1990).end == years[-1]
    fig = charts.beta_figure(content, bundled_dataset, "en", title="t", x_title="x", y_title="y", empty_text="e",
                             selected_area=YUNNAN)
    assert [trace.meta for trace in fig.data] == ["provinces", "fit"] and len(fig.data[0].x) == 31


def test_beta_says_when_it_cannot_be_computed():
    empty = charts.BetaContent(None, None, None, None, None, 0, ())
    assert charts.beta_word(empty) is None
    assert "cannot be computed" in charts.beta_sentence(empty, "en")


def test_statistics_rows_say_why_weighted_values_are_missing_after_2018(bundled_dataset):
    rows, n, expected = charts.statistics_rows(bundled_dataset, "urbanisation", 2020, "en")
    by_key = {row.key: row for row in rows}
    assert n == expected == 31
    assert by_key["cv"].value is not None and by_key["cv"].missing_reason == ""
    for key in ("cv_weighted", "theil", "gini"):
        assert by_key[key].value is None and by_key[key].value_text == "—"
        assert "2020" in by_key[key].missing_reason and "2000–2019" in by_key[key].missing_reason
    rows_2010, _, _ = charts.statistics_rows(bundled_dataset, "urbanisation", 2010, "zh")
    assert {row.key: row.value_text for row in rows_2010}["cv"] == "0.284"
    assert all(not math.isnan(row.value) for row in rows_2010 if row.value is not None)


def test_indicator_ok_explains_what_cannot_be_shown(bundled_dataset):
    assert charts.indicator_ok(bundled_dataset, "urbanisation") is None
    assert charts.indicator_ok(bundled_dataset, "women_npc_seats_share") == "disparity.message.no_provinces"
    assert charts.indicator_ok(bundled_dataset, "poverty_band_2016") == "disparity.message.category"


def test_weights_span_is_the_provinces_population_not_a_longer_national_series():
    # National population runs to 2022, the provinces' only to 2019 (as in the NBS databases):
    # 2020 has no weights, and the reason names the provinces' span, not the national one.
    provinces = ("110000", "120000", "410000", "530000", "520000", "210000")
    rows = [(code, "population", year, 1000 + i) for i, code in enumerate(provinces) for year in (2018, 2019)]
    rows += [("100000", "population", year, 140000) for year in range(2018, 2023)]
    rows += [(code, "urbanisation", year, 40 + i) for i, code in enumerate(provinces) for year in (2019, 2020)]
    dataset = make_dataset(rows)
    assert charts.population_years(dataset) == [2018, 2019]
    by_key = {row.key: row for row in charts.statistics_rows(dataset, "urbanisation", 2020, "en")[0]}
    assert by_key["cv"].value is not None and by_key["cv_weighted"].value is None
    assert "2020" in by_key["cv_weighted"].missing_reason and "2018–2019" in by_key["cv_weighted"].missing_reason
    notes = charts.regional_content(dataset, "urbanisation", "en").gap_notes
    assert notes and all("2018–2019" in note and "2022" not in note for note in notes)


def test_axis_titles_stand_off_from_their_ticks(bundled_dataset):
    convergence = charts.convergence_figure(charts.convergence_content(bundled_dataset, "urbanisation"), "en",
                                            title="t", empty_text="e")
    regional = charts.regional_means_figure(charts.regional_content(bundled_dataset, "urbanisation", "en"),
                                            title="t", y_title="Urbanisation rate (%)", empty_text="e", lang="en")
    beta = charts.beta_figure(charts.beta_content(bundled_dataset, "urbanisation", None), bundled_dataset, "en",
                              title="t", x_title="x", y_title="Annual growth (log)", empty_text="e")
    for fig in (convergence, regional, beta):
        axes = [fig.layout[name] for name in fig.layout if name.startswith(("xaxis", "yaxis"))]
        assert axes and all(axis.automargin and axis.title.standoff >= charts.AXIS_TITLE_STANDOFF for axis in axes)

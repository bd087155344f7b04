"""Disparity charts: regional means, σ-convergence, province ranking, urban/rural ratios.

Two halves: *content* functions turn the dataset and a view state into small frozen records
in one language (names, formatted numbers, notes); *builders* turn those records into a
go.Figure and a ChartTable (the same numbers as a table, for screen readers and Excel habits).
Nothing here fills a gap: a missing value stays None and is drawn as a gap or "no data".
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.analysis.disparity import (
    POPULATION, URBAN_RURAL_SERIES, beta_convergence, between_or_within, complete_years, province_panel, province_ranks,
    regional_mean_rule, regional_series, sigma_convergence, statistics_from_values, theil_decomposition,
    urban_rural_series,
)
from dashboard.analysis._common import higher_is_better
from dashboard.data.dataset import Dataset
from dashboard.data.schema import NATIONAL, REGIONS
from dashboard.figures import theme
from dashboard.figures.axes import word_value_axis
from dashboard.figures.labels import indicator_name, indicator_unit, value_text
from dashboard.i18n import t
from dashboard.i18n.numbers import PLOTLY_SEPARATORS, format_number, format_year

REGION_COLOURS = {"east": theme.SERIES[0], "central": theme.SERIES[4], "west": theme.SERIES[1],
                  "northeast": theme.SERIES[3]}
REGION_SYMBOLS = {"east": "circle", "central": "square", "west": "diamond", "northeast": "triangle-up"}
PILOT_MARK = "★"
STUDY_MARK = "◆"
SELECTED_MARK = "▶"
# A relative change in CV below this is read as "about the same", not as a trend.
STEADY_TOLERANCE = 0.02
STAT_KEYS = ("cv", "cv_weighted", "max_min_ratio", "theil", "gini")
WEIGHTED_STATS = ("cv_weighted", "theil", "gini")
AXIS_TITLE_STANDOFF = theme.AXIS_TITLE_STANDOFF


# --- shared records -----------------------------------------------------------------------
@dataclass(frozen=True)
class ChartTable:
    """A chart's numbers as text: the table alternative of a figure."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean(value) -> float | None:
    return None if _is_missing(value) else float(value)


def year_ranges(years: Sequence[int], lang: str) -> str:
    """2019, 2020, 2021, 2023 -> "2019–2021, 2023" (a gap list readable in one line)."""
    years = sorted(set(int(y) for y in years))
    parts: list[str] = []
    start = prev = None
    for year in years + [None]:
        if start is not None and prev is not None and (year is None or year != prev + 1):  # prev is set with start
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if year is not None and start is None:
            start = year
        prev = year
    return ("、" if lang == "zh" else ", ").join(parts)


def value_formatter(dataset: Dataset, indicator_id: str, lang: str):
    """value_text with the indicator's metadata read once (it is called for every point)."""
    meta = dataset.indicator(indicator_id)
    if meta["kind"] == "category":
        return lambda value: value_text(dataset, indicator_id, value, lang)
    decimals = int(meta["decimals"]) if not pd.isna(meta["decimals"]) else 1
    unit = indicator_unit(dataset, indicator_id, lang) or None

    def text(value: float | None) -> str:
        if value is None or _is_missing(value):
            return t("terms.no_data", lang)
        return format_number(float(value), lang, decimals, unit=unit)
    return text


def area_names(dataset: Dataset, lang: str) -> dict[str, str]:
    return dict(zip(dataset.areas["area_code"], dataset.areas[f"name_{lang}"].astype(str)))


def population_years(dataset: Dataset) -> list[int]:
    """Years in which some mainland province has population: the weights' span. The national
    series can run longer (e.g. to 2022 while provinces end in 2019) and weights nothing."""
    return sorted(int(y) for y in province_panel(dataset, POPULATION)["year"].unique())


def weights_reason(dataset: Dataset, year: int, lang: str) -> str:
    """Why a population-weighted number is missing in ``year``: no same-year weights."""
    years = population_years(dataset)
    if not years:
        return t("disparity.reason.no_population", lang)
    if year not in years:
        return t("disparity.reason.weights_years", lang, year=format_year(year, lang),
                 first=format_year(years[0], lang), last=format_year(years[-1], lang))
    return t("disparity.reason.weights_incomplete", lang, year=format_year(year, lang))


def _stat_text(value: float | None, lang: str) -> str:
    """Dimensionless statistics: 3 decimals tell 0.284 from 0.272 (CV moves slowly)."""
    return format_number(value, lang, 3)


# --- 1. regional means over time ------------------------------------------------------------
@dataclass(frozen=True)
class RegionLine:
    region: str
    name: str
    years: tuple[int, ...]
    values: tuple[float | None, ...]
    hover_text: tuple[str, ...]


@dataclass(frozen=True)
class RegionalContent:
    method: str                       # population_weighted | plain | none
    method_text: str
    lines: tuple[RegionLine, ...]
    gap_notes: tuple[str, ...]        # one per region with missing years, saying why


def regional_content(dataset: Dataset, indicator_id: str, lang: str) -> RegionalContent:
    method = regional_mean_rule(dataset, indicator_id)
    method_text = t(f"disparity.method.{method}", lang)
    if method == "none":
        return RegionalContent(method, method_text, (), ())
    pop_years = set(population_years(dataset))
    lines: list[RegionLine] = []
    reasons: dict[str, list[str]] = {}   # one note per distinct reason, naming its regions
    fmt = value_formatter(dataset, indicator_id, lang)
    for region in REGIONS:
        table = regional_series(dataset, indicator_id, region)
        if table.empty:
            continue
        region_name = t(f"terms.region.{region}", lang)
        values = tuple(_clean(v) for v in table["value"])
        hover = []
        for row, value in zip(table.itertuples(), values):
            count = t("disparity.regional.n_provinces", lang, n=int(row.n_provinces), expected=int(row.n_expected))
            hover.append(f"<b>{region_name}</b> · {format_year(int(row.year), lang)}<br>{fmt(value)}<br>{count}")
        lines.append(RegionLine(region, region_name, tuple(int(y) for y in table["year"]), values, tuple(hover)))
        gaps = table[table["value"].isna()]
        incomplete = [int(r.year) for r in gaps.itertuples() if r.n_provinces < r.n_expected]
        unweighted = [int(r.year) for r in gaps.itertuples()
                      if r.n_provinces >= r.n_expected and method == "population_weighted"]
        if incomplete:
            reason = t("disparity.regional.gap_incomplete", lang, years=year_ranges(incomplete, lang))
            reasons.setdefault(reason, []).append(region_name)
        if unweighted:
            if any(y not in pop_years for y in unweighted):
                reason = t("disparity.regional.gap_weights_years", lang, years=year_ranges(unweighted, lang),
                           span=year_ranges(sorted(pop_years), lang) if pop_years else "—")
            else:
                reason = t("disparity.regional.gap_weights", lang, years=year_ranges(unweighted, lang))
            reasons.setdefault(reason, []).append(region_name)
    separator = "、" if lang == "zh" else ", "
    notes = [f"{separator.join(regions)}: {reason}" if lang == "en" else f"{separator.join(regions)}：{reason}"
             for reason, regions in reasons.items()]
    return RegionalContent(method, method_text, tuple(lines), tuple(notes))


def regional_means_figure(content: RegionalContent, *, title: str, y_title: str, empty_text: str,
                          selected_year: int | None = None, lang: str = "en") -> go.Figure:
    """Four lines (one per region); a missing regional mean is a gap, never bridged."""
    fig = go.Figure()
    for line in content.lines:
        fig.add_trace(go.Scatter(
            x=list(line.years), y=[v for v in line.values], name=f"{line.name} ({content.method_text})",
            mode="lines+markers", connectgaps=False,
            line=dict(color=REGION_COLOURS[line.region], width=2.5),
            marker=dict(symbol=REGION_SYMBOLS[line.region], size=7, color=REGION_COLOURS[line.region]),
            customdata=list(line.hover_text), hovertemplate="%{customdata}<extra></extra>",
        ))
    has_points = any(v is not None for line in content.lines for v in line.values)
    _finish(fig, title=title, height=380)
    fig.update_layout(yaxis=dict(title=dict(text=y_title)), xaxis=dict(tickformat="d"))
    word_value_axis(fig, (v for line in content.lines for v in line.values), lang)
    if has_points and selected_year is not None:
        fig.add_vline(x=selected_year, line=dict(color=theme.MUTED, width=1, dash="dot"))
    if not has_points:
        _empty(fig, empty_text)
    return fig


def regional_table(content: RegionalContent, dataset: Dataset, indicator_id: str, lang: str,
                   caption: str) -> ChartTable:
    years = sorted({y for line in content.lines for y in line.years})
    columns = (t("ui.label.year", lang), *(line.name for line in content.lines))
    fmt = value_formatter(dataset, indicator_id, lang)
    by_line = [dict(zip(line.years, line.values)) for line in content.lines]
    rows = []
    for year in years:
        cells = [format_year(year, lang)]
        for values in by_line:
            value = values.get(year)
            cells.append(fmt(value) if value is not None else "—")
        rows.append(tuple(cells))
    return ChartTable(caption, columns, tuple(rows))


# --- 2. sigma-convergence -------------------------------------------------------------------
@dataclass(frozen=True)
class ConvergenceContent:
    years: tuple[int, ...]
    cv: tuple[float | None, ...]
    cv_weighted: tuple[float | None, ...]
    theil: tuple[float | None, ...]
    n_provinces: tuple[int, ...]
    n_expected: int


def convergence_content(dataset: Dataset, indicator_id: str) -> ConvergenceContent:
    """CV (plain, weighted) and population-weighted Theil by year, only for years in which every
    mainland province reports: a CV over a changing set of provinces is not comparable."""
    plain = sigma_convergence(dataset, indicator_id)
    weighted = sigma_convergence(dataset, indicator_id, weighted=True)
    expected = len(dataset.province_codes())
    theil: dict[int, float | None] = {}
    for year, values in province_panel(dataset, indicator_id).groupby("year", sort=True):
        theil[int(year)] = statistics_from_values(values)["theil"] if len(values) >= expected else None
    years = tuple(int(y) for y in plain["year"])
    return ConvergenceContent(
        years=years,
        cv=tuple(_clean(v) for v in plain["cv"]),
        cv_weighted=tuple(_clean(v) for v in weighted.set_index("year")["cv"].reindex(years)),
        theil=tuple(theil.get(y) for y in years),
        n_provinces=tuple(int(n) for n in plain["n_provinces"]),
        n_expected=expected,
    )


def _span(years: Sequence[int], values: Sequence[float | None]) -> tuple[int, float, int, float] | None:
    points = [(y, v) for y, v in zip(years, values) if v is not None]
    if len(points) < 2:
        return None
    return points[0][0], points[0][1], points[-1][0], points[-1][1]


def _pair_text(first: float, last: float, lang: str) -> tuple[str, str]:
    """Two decimals unless they would hide the change, then three."""
    for decimals in (2, 3, 4):
        a, b = format_number(first, lang, decimals), format_number(last, lang, decimals)
        if a != b or first == last:
            return a, b
    return a, b


def trend_word(first: float, last: float) -> str:
    """narrowed | widened | steady (relative change under STEADY_TOLERANCE)."""
    if first == 0:
        return "steady" if last == 0 else "widened"
    change = (last - first) / abs(first)
    if abs(change) < STEADY_TOLERANCE:
        return "steady"
    return "narrowed" if change < 0 else "widened"


def convergence_sentences(content: ConvergenceContent, dataset: Dataset, lang: str) -> list[str]:
    """The plain-language reading of the convergence chart, computed from its numbers."""
    span = _span(content.years, content.cv)
    if span is None:
        return [t("disparity.reading.too_few", lang, n=content.n_expected)]
    first_year, first, last_year, last = span
    a, b = _pair_text(first, last, lang)
    word = trend_word(first, last)
    sentences = [t(f"disparity.reading.cv_{word}", lang, n=content.n_expected, first=a, last=b,
                   first_year=format_year(first_year, lang), last_year=format_year(last_year, lang))]
    weighted = _span(content.years, content.cv_weighted)
    if weighted is not None:
        wa, wb = _pair_text(weighted[1], weighted[3], lang)
        sentences.append(t(f"disparity.reading.weighted_{trend_word(weighted[1], weighted[3])}", lang,
                           first=wa, last=wb, first_year=format_year(weighted[0], lang),
                           last_year=format_year(weighted[2], lang)))
    after = [y for y, v, w in zip(content.years, content.cv, content.cv_weighted) if v is not None and w is None]
    pop = population_years(dataset)
    if after:
        sentences.append(t("disparity.reading.weights_missing", lang, years=year_ranges(after, lang),
                           span=year_ranges(pop, lang) if pop else "—"))
    skipped = [y for y, v, n in zip(content.years, content.cv, content.n_provinces) if v is None and n < content.n_expected]
    if skipped:
        sentences.append(t("disparity.reading.skipped", lang, years=year_ranges(skipped, lang), n=content.n_expected))
    return sentences


def convergence_figure(content: ConvergenceContent, lang: str, *, title: str, empty_text: str,
                       selected_year: int | None = None) -> go.Figure:
    """Top: CV plain and population-weighted; bottom: Theil (its scale is ten times smaller)."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12, row_heights=[0.62, 0.38])
    series = (
        ("cv", content.cv, t("disparity.series.cv", lang), theme.SERIES[0], "solid", 1),
        ("cv_weighted", content.cv_weighted, t("disparity.series.cv_weighted", lang), theme.SERIES[2], "dash", 1),
        ("theil", content.theil, t("disparity.series.theil", lang), theme.SERIES[3], "dot", 2),
    )
    for key, values, name, colour, dash, row in series:
        hover = [f"<b>{name}</b> · {format_year(y, lang)}<br>{_stat_text(v, lang)}" for y, v in zip(content.years, values)]
        fig.add_trace(go.Scatter(
            x=list(content.years), y=list(values), name=name, mode="lines+markers", connectgaps=False,
            line=dict(color=colour, width=2.5, dash=dash), marker=dict(size=6, color=colour),
            customdata=hover, hovertemplate="%{customdata}<extra></extra>", meta=key,
        ), row=row, col=1)
    _finish(fig, title=title, height=380)
    fig.update_yaxes(title_text=t("disparity.axis.cv", lang), rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text=t("disparity.axis.theil", lang), rangemode="tozero", row=2, col=1)
    fig.update_xaxes(tickformat="d")
    has_points = any(v is not None for v in (*content.cv, *content.cv_weighted, *content.theil))
    if has_points and selected_year is not None:
        fig.add_vline(x=selected_year, line=dict(color=theme.MUTED, width=1, dash="dot"))
    if not has_points:
        _empty(fig, empty_text)
    return fig


def convergence_table(content: ConvergenceContent, lang: str, caption: str) -> ChartTable:
    columns = (t("ui.label.year", lang), t("disparity.series.cv", lang), t("disparity.series.cv_weighted", lang),
               t("disparity.series.theil", lang), t("disparity.table.n_provinces", lang))
    rows = tuple((format_year(y, lang), _stat_text(c, lang), _stat_text(w, lang), _stat_text(th, lang),
                  f"{n}/{content.n_expected}")
                 for y, c, w, th, n in zip(content.years, content.cv, content.cv_weighted, content.theil,
                                           content.n_provinces))
    return ChartTable(caption, columns, rows)


# --- 3. ranking ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class RankBar:
    area_code: str
    label: str                 # name with pilot/study mark, bold with ▶ when selected
    region: str
    value: float | None
    value_text: str
    rank: int | None
    role: str | None           # pilot | study | None
    selected: bool
    hover_text: str


@dataclass(frozen=True)
class RankingContent:
    bars: tuple[RankBar, ...]          # rank order, provinces without data last
    higher_is_better: bool | None
    national: float | None
    national_text: str


def ranking_content(dataset: Dataset, indicator_id: str, year: int | None, area_code: str | None,
                    pilots: Sequence[str], study: Sequence[str], lang: str) -> RankingContent:
    """All mainland provinces: ranked ones by rank, then the ones without a value this year."""
    direction = higher_is_better(dataset, indicator_id)
    ranked = province_ranks(dataset, indicator_id, year) if year is not None else pd.DataFrame(
        columns=["area_code", "region", "value", "rank"])
    ranked = ranked[ranked["value"].notna()]
    total = len(ranked)
    regions = dataset.areas.set_index("area_code")["region"]
    codes = list(ranked["area_code"]) + [c for c in dataset.province_codes() if c not in set(ranked["area_code"])]
    by_code = ranked.set_index("area_code")
    names = area_names(dataset, lang)
    fmt = value_formatter(dataset, indicator_id, lang)
    bars = []
    for code in codes:
        name = names[code]
        role = "pilot" if code in pilots else "study" if code in study else None
        mark = {"pilot": f" {PILOT_MARK}", "study": f" {STUDY_MARK}"}.get(role or "", "")
        selected = code == area_code
        label = f"<b>{SELECTED_MARK} {name}{mark}</b>" if selected else f"{name}{mark}"
        value = _clean(by_code.at[code, "value"]) if code in by_code.index else None
        rank = int(by_code.at[code, "rank"]) if code in by_code.index else None
        shown = fmt(value) if value is not None else t(
            "terms.no_data_for_year", lang, year=format_year(year, lang) if year else "—")
        region = str(regions.get(code))
        lines = [f"<b>{name}</b>", shown, t(f"terms.region.{region}", lang)]
        if rank is not None:
            lines.append(t("terms.rank.of", lang, rank=rank, total=total))
        if role:
            lines.append(t(f"terms.role.{role}", lang))
        bars.append(RankBar(code, label, region, value, shown, rank, role, selected, "<br>".join(lines)))
    national = None
    if year is not None:
        rows = dataset.values_for_year(indicator_id, year)
        rows = rows[rows["area_code"] == NATIONAL]
        national = _clean(rows["value"].iloc[0]) if not rows.empty else None
    return RankingContent(tuple(bars), direction, national, fmt(national) if national is not None else "")


def ranking_figure(content: RankingContent, lang: str, *, title: str, subtitle: str,
                   national_label: str, no_data_text: str) -> go.Figure:
    """Horizontal bars, rank 1 on top, one trace per region (the legend names the colours).

    y holds area codes (clickData then names the province); tick labels carry names and marks.
    """
    fig = go.Figure()
    any_selected = any(bar.selected for bar in content.bars)
    for region in REGIONS:
        bars = [b for b in content.bars if b.region == region and b.value is not None]
        if not bars:
            continue
        fig.add_trace(go.Bar(
            x=[b.value for b in bars], y=[b.area_code for b in bars], orientation="h",
            name=t(f"terms.region.{region}", lang),
            marker=dict(color=REGION_COLOURS[region],
                        opacity=[1.0 if (b.selected or not any_selected) else 0.6 for b in bars],
                        line=dict(color=theme.SELECTED, width=[3 if b.selected else 0 for b in bars])),
            text=[b.value_text for b in bars], textposition="outside", cliponaxis=False,
            customdata=[[b.area_code, b.hover_text] for b in bars],
            hovertemplate="%{customdata[1]}<extra></extra>",
        ))
    missing = [b for b in content.bars if b.value is None]
    if missing:
        fig.add_trace(go.Bar(
            x=[0] * len(missing), y=[b.area_code for b in missing], orientation="h", name=no_data_text,
            marker=dict(color=theme.NO_DATA), text=[no_data_text] * len(missing), textposition="outside",
            cliponaxis=False, customdata=[[b.area_code, b.hover_text] for b in missing],
            hovertemplate="%{customdata[1]}<extra></extra>",
        ))
    codes = [b.area_code for b in content.bars]
    _finish(fig, title=title, subtitle=subtitle, height=max(320, 26 * len(codes) + 150))
    fig.update_layout(
        barmode="overlay", bargap=0.25, hovermode="closest", clickmode="event",
        margin=dict(l=150, r=70, t=120, b=70),
        legend=dict(y=-0.04, yanchor="top"),
        yaxis=dict(type="category", categoryorder="array", categoryarray=codes, autorange="reversed",
                   tickmode="array", tickvals=codes, ticktext=[b.label for b in content.bars],
                   showgrid=False, ticks=""),
        xaxis=dict(rangemode="tozero", side="top"),
    )
    if content.national is not None:
        fig.add_vline(x=content.national, line=dict(color=theme.INK, width=1.5, dash="dash"),
                      annotation=dict(text=f"{national_label} {content.national_text}", font=dict(size=12),
                                      yref="paper", y=0, yanchor="top"))
    if not any(b.value is not None for b in content.bars):
        _empty(fig, no_data_text)
    return fig


def ranking_table(content: RankingContent, lang: str, caption: str) -> ChartTable:
    columns = (t("disparity.table.rank", lang), t("ui.label.province", lang), t("ui.label.region", lang),
               t("ui.label.value", lang), t("disparity.table.role", lang))
    rows = tuple((str(b.rank) if b.rank is not None else "—",
                  (f"{SELECTED_MARK} " if b.selected else "") + b.label.replace("<b>", "").replace("</b>", "")
                  .removeprefix(f"{SELECTED_MARK} "),
                  t(f"terms.region.{b.region}", lang), b.value_text,
                  t(f"terms.role.{b.role}", lang) if b.role else "")
                 for b in content.bars)
    return ChartTable(caption, columns, rows)


# --- 4a. urban / rural ------------------------------------------------------------------------
# Indicators that belong to a measure (its members, and the ratios computed from them).
MEASURE_MEMBERS = {
    **{ind: measure for measure, series in URBAN_RURAL_SERIES.items() for _, u, r in series for ind in (u, r)},
    "urban_rural_income_ratio": "income", "urban_rural_income_ratio_2013survey": "income",
    "engel_combined_old_survey": "engel", "culture_spending_share_combined_old_survey": "culture",
}
# Survey reform: the last year of the old household surveys; the break is drawn after it.
SURVEY_BREAK = 2012.5


@dataclass(frozen=True)
class SurveySeries:
    """One survey's urban/rural ratios: provinces and the national row, never joined to another survey."""

    survey: str                          # old | integrated
    urban_id: str
    rural_id: str
    rows: pd.DataFrame = field(repr=False)       # area_code, year, urban, rural, ratio (provinces)
    national: pd.DataFrame = field(repr=False)   # the same for 100000

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({int(y) for y in self.rows["year"]} | {int(y) for y in self.national["year"]}))

    @property
    def province_years(self) -> tuple[int, ...]:
        return tuple(sorted(int(y) for y in self.rows["year"].unique()))


@dataclass(frozen=True)
class UrbanRuralContent:
    pair_key: str                       # measure: income | consumption | engel | culture
    series: tuple[SurveySeries, ...]    # old survey first
    related: bool                       # the selected indicator belongs to the measure

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({y for s in self.series for y in s.years}))

    @property
    def province_years(self) -> tuple[int, ...]:
        return tuple(sorted({y for s in self.series for y in s.province_years}))


def pair_for(indicator_id: str) -> tuple[str, bool]:
    """The urban/rural measure of the indicator, else income (not related)."""
    measure = MEASURE_MEMBERS.get(indicator_id)
    return (measure, True) if measure else ("income", False)


def _in_survey_period(ratios: pd.DataFrame, survey: str) -> pd.DataFrame:
    """Each survey in its own years: the integrated-survey national series also holds NBS
    back-calculations for 2000–2012 (flagged estimates), which would overlap the old survey."""
    years = ratios["year"]
    return ratios[(years <= SURVEY_BREAK) if survey == "old" else (years > SURVEY_BREAK)]


def urban_rural_content(dataset: Dataset, indicator_id: str) -> UrbanRuralContent:
    """The measure's ratios by survey; the national line starts with the provinces' first year
    (the chart compares provinces; the national series alone can go back to 1978)."""
    measure, related = pair_for(indicator_id)
    provinces = set(dataset.province_codes())
    found = [(survey, urban_id, rural_id, _in_survey_period(ratios, survey))
             for survey, urban_id, rural_id, ratios in urban_rural_series(dataset, measure)]
    province_years = [int(y) for *_, r in found for y in r.loc[r["area_code"].isin(provinces), "year"]]
    first = min(province_years) if province_years else None
    series = []
    for survey, urban_id, rural_id, ratios in found:
        national = ratios[ratios["area_code"] == NATIONAL]
        if first is not None:
            national = national[national["year"] >= first]
        rows = ratios[ratios["area_code"].isin(provinces)]
        if not rows.empty or not national.empty:
            series.append(SurveySeries(survey, urban_id, rural_id, rows.reset_index(drop=True),
                                       national.reset_index(drop=True)))
    return UrbanRuralContent(measure, tuple(series), related)


def pair_coverage(dataset: Dataset, lang: str) -> str:
    """Where urban/rural pairs exist, by measure and survey: "income: old survey 2002–2012 (31
    provinces), integrated survey 2013–2019 (31 provinces); ..."."""
    parts = []
    for measure in URBAN_RURAL_SERIES:
        content = urban_rural_content(dataset, measure_member(measure))
        pieces = []
        for series in content.series:
            where = (t("disparity.urban_rural.provinces", lang) if series.province_years
                     else t("disparity.urban_rural.national_only", lang))
            pieces.append(t(f"disparity.urban_rural.survey.{series.survey}", lang) + " "
                          + year_ranges(series.years, lang) + f" ({where})")
        joined = ("，" if lang == "zh" else ", ").join(pieces) if pieces else t("terms.no_data", lang)
        parts.append(t(f"disparity.urban_rural.pair.{measure}", lang) + ("：" if lang == "zh" else ": ") + joined)
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def measure_member(measure: str) -> str:
    return URBAN_RURAL_SERIES[measure][0][1]


def urban_rural_figure(content: UrbanRuralContent, dataset: Dataset, lang: str, *, title: str,
                       subtitle: str, selected_area: str | None, parity_label: str, empty_text: str,
                       selected_year: int | None = None) -> go.Figure:
    """The ratio over time: the provinces' range (band), the nation and the selected province,
    one set of traces per survey with a visible break at the 2013 survey reform (never joined)."""
    fig = go.Figure()
    if not content.series:
        _finish(fig, title=title, height=300)
        _empty(fig, empty_text)
        return fig
    names = area_names(dataset, lang)
    for series in content.series:
        survey = t(f"disparity.urban_rural.survey.{series.survey}", lang)
        rows = series.rows
        if not rows.empty:
            spread = rows.groupby("year")["ratio"].agg(["min", "max"]).reset_index()
            years = [int(y) for y in spread["year"]]
            fig.add_trace(go.Scatter(x=years, y=spread["max"].tolist(), mode="lines", line=dict(width=0),
                                     showlegend=False, hoverinfo="skip", meta=f"{series.survey}:max"))
            fig.add_trace(go.Scatter(
                x=years, y=spread["min"].tolist(), mode="lines", line=dict(width=0), fill="tonexty",
                fillcolor="rgba(82, 96, 109, 0.18)", name=t("disparity.urban_rural.range", lang, survey=survey),
                meta=f"{series.survey}:range",
                customdata=[t("disparity.urban_rural.range_hover", lang, year=format_year(y, lang),
                              low=format_number(lo, lang, 2), high=format_number(hi, lang, 2))
                            for y, lo, hi in zip(years, spread["min"], spread["max"])],
                hovertemplate="%{customdata}<extra></extra>"))
        lines = [(NATIONAL, series.national, theme.INK, "solid")]
        if selected_area and selected_area in names:
            lines.append((selected_area, rows[rows["area_code"] == selected_area], theme.SERIES[1], "dash"))
        for code, frame, colour, dash in lines:
            if frame.empty:
                continue
            frame = frame.sort_values("year")
            fig.add_trace(go.Scatter(
                x=frame["year"].astype(int).tolist(), y=frame["ratio"].tolist(), mode="lines+markers",
                connectgaps=False, name=f"{names.get(code, code)} ({survey})", meta=f"{series.survey}:{code}",
                line=dict(color=colour, width=2.5, dash=dash), marker=dict(size=6, color=colour),
                customdata=[f"<b>{names.get(code, code)}</b> · {format_year(int(r.year), lang)} · {survey}<br>"
                            f"{t('disparity.urban_rural.ratio_value', lang, ratio=format_number(r.ratio, lang, 2))}"
                            for r in frame.itertuples()],
                hovertemplate="%{customdata}<extra></extra>"))
    _finish(fig, title=title, subtitle=subtitle, height=560)
    # the legend below the tick labels, never over them: up to six entries, one row each
    fig.update_layout(margin=dict(l=60, r=20, t=110, b=200),
                      legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"),
                      xaxis=dict(tickformat="d"))
    surveys = {s.survey for s in content.series}
    if {"old", "integrated"} <= surveys:
        fig.add_vline(x=SURVEY_BREAK, line=dict(color=theme.INK, width=1.5, dash="dash"),
                      annotation=dict(text=t("disparity.urban_rural.break", lang), font=dict(size=12),
                                      yanchor="bottom"))
    if selected_year is not None and selected_year in content.years:
        fig.add_vline(x=selected_year, line=dict(color=theme.MUTED, width=1, dash="dot"))
    return fig


def urban_rural_year_note(content: UrbanRuralContent, dataset: Dataset, year: int | None,
                          selected_area: str | None, lang: str) -> str | None:
    """One sentence for the selected year: the provinces' range, the nation and the selection."""
    if year is None:
        return None
    for series in content.series:
        rows = series.rows[series.rows["year"] == year]
        national = series.national[series.national["year"] == year]
        if rows.empty and national.empty:
            continue
        names = area_names(dataset, lang)
        survey = t(f"disparity.urban_rural.survey.{series.survey}", lang)
        parts = []
        if not rows.empty:
            low, high = rows.loc[rows["ratio"].idxmin()], rows.loc[rows["ratio"].idxmax()]
            parts.append(t("disparity.urban_rural.year_range", lang, year=format_year(year, lang), survey=survey,
                           low=format_number(low["ratio"], lang, 2), low_area=names[low["area_code"]],
                           high=format_number(high["ratio"], lang, 2), high_area=names[high["area_code"]],
                           n=len(rows)))
        if not national.empty:
            parts.append(t("disparity.urban_rural.year_national", lang, year=format_year(year, lang), survey=survey,
                           ratio=format_number(national["ratio"].iloc[0], lang, 2)))
        own = rows[rows["area_code"] == selected_area] if selected_area else rows.iloc[0:0]
        if not own.empty and selected_area:
            parts.append(t("disparity.urban_rural.year_area", lang, area=names[selected_area],
                           ratio=format_number(own["ratio"].iloc[0], lang, 2)))
        return " ".join(parts)
    return None


def urban_rural_table(content: UrbanRuralContent, dataset: Dataset, lang: str, caption: str,
                      selected_area: str | None = None) -> ChartTable:
    """Year by year and survey by survey: national, selected province, lowest and highest province."""
    names = area_names(dataset, lang)
    columns = [t("ui.label.year", lang), t("disparity.urban_rural.survey_column", lang), names[NATIONAL]]
    if selected_area and selected_area in names:
        columns.append(names[selected_area])
    columns += [t("disparity.urban_rural.lowest", lang), t("disparity.urban_rural.highest", lang)]
    out = []
    for series in content.series:
        survey = t(f"disparity.urban_rural.survey.{series.survey}", lang)
        national = dict(zip(series.national["year"].astype(int), series.national["ratio"]))
        for year in series.years:
            rows = series.rows[series.rows["year"] == year]
            cells = [format_year(year, lang), survey,
                     format_number(national[year], lang, 2) if year in national else "—"]
            if selected_area and selected_area in names:
                own = rows[rows["area_code"] == selected_area]
                cells.append(format_number(own["ratio"].iloc[0], lang, 2) if not own.empty else "—")
            if rows.empty:
                cells += ["—", "—"]
            else:
                low, high = rows.loc[rows["ratio"].idxmin()], rows.loc[rows["ratio"].idxmax()]
                cells += [f"{format_number(low['ratio'], lang, 2)} ({names[low['area_code']]})",
                          f"{format_number(high['ratio'], lang, 2)} ({names[high['area_code']]})"]
            out.append(tuple(cells))
    return ChartTable(caption, tuple(columns), tuple(out))


# --- 2b. Theil decomposition and beta-convergence ----------------------------------------------------
@dataclass(frozen=True)
class DecompositionContent:
    years: tuple[int, ...]
    total: tuple[float | None, ...]
    between: tuple[float | None, ...]
    within: tuple[float | None, ...]
    between_share: tuple[float | None, ...]


def decomposition_content(dataset: Dataset, indicator_id: str) -> DecompositionContent:
    table = theil_decomposition(dataset, indicator_id)
    return DecompositionContent(tuple(int(y) for y in table["year"]),
                                *(tuple(_clean(v) for v in table[c]) for c in ("total", "between", "within",
                                                                               "between_share")))


def decomposition_figure(content: DecompositionContent, lang: str, *, title: str, empty_text: str,
                         selected_year: int | None = None) -> go.Figure:
    """Stacked bars: between-region part below, within-region part above; the bar is the Theil index."""
    fig = go.Figure()
    years = [y for y, v in zip(content.years, content.total) if v is not None]
    by_year = {y: i for i, y in enumerate(content.years)}
    for key, values, colour in (("between", content.between, theme.SERIES[0]),
                                ("within", content.within, theme.SERIES[4])):
        name = t(f"disparity.decomposition.{key}", lang)
        shown = [values[by_year[y]] for y in years]
        share = [content.between_share[by_year[y]] for y in years]
        fig.add_trace(go.Bar(
            x=years, y=shown, name=name, marker=dict(color=colour), meta=key,
            customdata=[f"<b>{name}</b> · {format_year(y, lang)}<br>{_stat_text(v, lang)} "
                        f"({format_number(None if s is None else 100 * (s if key == 'between' else 1 - s), lang, 0)}%)"
                        for y, v, s in zip(years, shown, share)],
            hovertemplate="%{customdata}<extra></extra>"))
    _finish(fig, title=title, height=360)
    fig.update_layout(barmode="stack", xaxis=dict(tickformat="d"), margin=dict(l=70, r=20, t=70, b=90),
                      yaxis=dict(title=dict(text=t("disparity.axis.theil", lang)), rangemode="tozero"),
                      legend=dict(orientation="h", y=-0.15, yanchor="top"))
    if years and selected_year is not None:
        fig.add_vline(x=selected_year, line=dict(color=theme.MUTED, width=1, dash="dot"))
    if not years:
        _empty(fig, empty_text)
    return fig


def decomposition_table(content: DecompositionContent, lang: str, caption: str) -> ChartTable:
    columns = (t("ui.label.year", lang), t("disparity.series.theil", lang), t("disparity.decomposition.between", lang),
               t("disparity.decomposition.within", lang), t("disparity.decomposition.share", lang))
    rows = tuple((format_year(y, lang), _stat_text(tot, lang), _stat_text(b, lang), _stat_text(w, lang),
                  f"{format_number(100 * s, lang, 0)}%" if s is not None else "—")
                 for y, tot, b, w, s in zip(content.years, content.total, content.between, content.within,
                                            content.between_share) if tot is not None)
    return ChartTable(caption, columns, rows)


def share_text(share: float | None, lang: str) -> str:
    """A share as a percentage without the % sign; near one half with the decimals that show which
    side of it the share lies ('49.6', not '50', beside 'most of the gap lies inside')."""
    if share is None:
        return format_number(None, lang, 0)
    decimals = 0 if abs(share - 0.5) >= 0.005 else 1 if abs(share - 0.5) >= 0.0005 else 2
    return format_number(100 * share, lang, decimals)


def decomposition_sentence(content: DecompositionContent, lang: str, year: int | None = None) -> str | None:
    """Between or within regions in the selected year (else the last decomposed year), and since
    when; None when no year is decomposed (the chart says why)."""
    reading = between_or_within(content.years, content.between_share, year)
    if reading is None:
        return None
    decomposed = [y for y, s in zip(content.years, content.between_share) if s is not None]
    where, share = reading["side"], reading["share"]
    if len(decomposed) == 1:
        key = f"disparity.reading.decomposition_one_{where}"
    elif reading["before"] is None and reading["since"] == reading["year"]:
        key = f"disparity.reading.decomposition_first_{where}"
    elif reading["before"] is None:
        key = f"disparity.reading.decomposition_{where}_throughout"
    else:
        key = f"disparity.reading.decomposition_{where}_since"
    before = reading["before_share"]
    sentence = t(key, lang, year=format_year(reading["year"], lang), since=format_year(reading["since"], lang),
                 share=share_text(share, lang), within=share_text(1 - share, lang),
                 since_share=share_text(reading["since_share"], lang),
                 since_within=share_text(1 - reading["since_share"], lang),
                 before_year=format_year(reading["before"], lang) if reading["before"] is not None else "",
                 before_share=share_text(before, lang), before_within=share_text(None if before is None else 1 - before,
                                                                                 lang))
    if year is not None and year != reading["year"]:
        sentence = t("disparity.reading.decomposition_not_year", lang, year=format_year(year, lang),
                     years=year_ranges(decomposed, lang)) + " " + sentence
    return sentence


@dataclass(frozen=True)
class BetaContent:
    start: int | None
    end: int | None
    slope: float | None
    low: float | None
    high: float | None
    n: int
    points: tuple[tuple[str, float, float], ...]   # area_code, ln initial, annual log growth
    intercept: float | None = None


def beta_years(dataset: Dataset, indicator_id: str, year: int | None) -> tuple[int, int] | None:
    """First year with every province, and the selected year when it is a later complete year,
    else the last complete year."""
    years = complete_years(dataset, indicator_id)
    if len(years) < 2:
        return None
    end = year if year in years and year > years[0] else years[-1]
    return years[0], end


def beta_content(dataset: Dataset, indicator_id: str, year: int | None) -> BetaContent:
    span = beta_years(dataset, indicator_id, year)
    if span is None:
        return BetaContent(None, None, None, None, None, 0, ())
    start, end = span
    result = beta_convergence(dataset, indicator_id, start, end)
    if result is None:
        return BetaContent(start, end, None, None, None, 0, ())
    panel = province_panel(dataset, indicator_id)
    first = panel[panel["year"] == start].set_index("area_code")["value"]
    last = panel[panel["year"] == end].set_index("area_code")["value"]
    points = tuple((code, math.log(first[code]), math.log(last[code] / first[code]) / (end - start))
                   for code in result["area_codes"])
    return BetaContent(start, end, result["slope"], result["low"], result["high"], result["n"], points,
                       result["intercept"])


def beta_word(content: BetaContent) -> str | None:
    """converging | diverging | unclear (the 95% interval includes 0)."""
    if content.slope is None or content.low is None or content.high is None:
        return None
    if content.high < 0:
        return "converging"
    if content.low > 0:
        return "diverging"
    return "unclear"


def beta_sentence(content: BetaContent, lang: str) -> str:
    word = beta_word(content)
    if word is None:
        return t("disparity.reading.beta_none", lang)
    assert content.start is not None and content.end is not None  # a slope is fitted between two years
    return t(f"disparity.reading.beta_{word}", lang, start=format_year(content.start, lang),
             end=format_year(content.end, lang), slope=format_number(content.slope, lang, 4),
             low=format_number(content.low, lang, 4), high=format_number(content.high, lang, 4), n=content.n)


def beta_figure(content: BetaContent, dataset: Dataset, lang: str, *, title: str, x_title: str, y_title: str,
                empty_text: str, selected_area: str | None = None) -> go.Figure:
    """Each province: log initial level against annual log growth, with the OLS line."""
    fig = go.Figure()
    names = area_names(dataset, lang)
    if content.points:
        xs = [p[1] for p in content.points]
        fig.add_trace(go.Scatter(
            x=xs, y=[p[2] for p in content.points], mode="markers", meta="provinces",
            name=t("disparity.beta.provinces", lang),
            marker=dict(size=[12 if p[0] == selected_area else 8 for p in content.points],
                        color=[theme.SERIES[1] if p[0] == selected_area else theme.SERIES[0] for p in content.points]),
            customdata=[f"<b>{names[p[0]]}</b><br>{x_title}: {format_number(p[1], lang, 2)}<br>"
                        f"{y_title}: {format_number(100 * p[2], lang, 2)}%" for p in content.points],
            hovertemplate="%{customdata}<extra></extra>"))
        if content.slope is not None and content.intercept is not None:
            line_x = [min(xs), max(xs)]
            fig.add_trace(go.Scatter(x=line_x, y=[content.intercept + content.slope * x for x in line_x],
                                     mode="lines", meta="fit", name=t("disparity.beta.fit", lang),
                                     line=dict(color=theme.INK, width=2, dash="dash"), hoverinfo="skip"))
    _finish(fig, title=title, height=360)
    # The legend sits at the foot of the figure, not a fraction below the plot: the x title (pushed
    # down by automargin) was drawn onto a legend at y=-0.22 at 1280 px.
    fig.update_layout(margin=dict(l=80, r=20, t=70, b=110),
                      legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"),
                      xaxis=dict(title=dict(text=x_title)), yaxis=dict(title=dict(text=y_title), tickformat=".1%"))
    if not content.points:
        _empty(fig, empty_text)
    return fig


def beta_table(content: BetaContent, dataset: Dataset, lang: str, caption: str) -> ChartTable:
    names = area_names(dataset, lang)
    columns = (t("ui.label.province", lang), t("disparity.beta.x", lang), t("disparity.beta.y", lang))
    rows = tuple((names[code], format_number(x, lang, 3), f"{format_number(100 * g, lang, 2)}%")
                 for code, x, g in sorted(content.points, key=lambda p: p[1]))
    return ChartTable(caption, columns, rows)


# --- 4b. summary statistics for one year -----------------------------------------------------
@dataclass(frozen=True)
class StatRow:
    key: str
    label: str
    value: float | None
    value_text: str
    explanation: str
    missing_reason: str


def statistics_rows(dataset: Dataset, indicator_id: str, year: int | None, lang: str) -> tuple[tuple[StatRow, ...], int, int]:
    """(rows, n provinces with a value, n expected) for the year; every gap carries its reason."""
    expected = len(dataset.province_codes())
    if year is None:
        return (), 0, expected
    panel = province_panel(dataset, indicator_id)
    values = panel[panel["year"] == year]
    stats = statistics_from_values(values) if not values.empty else {k: None for k in STAT_KEYS}
    has_weights = not values.empty and not values["population"].isna().any()
    non_positive = not values.empty and bool((values["value"] <= 0).any())
    negative = not values.empty and bool((values["value"] < 0).any())
    rows = []
    for key in STAT_KEYS:
        value = _clean(stats.get(key))
        reason = ""
        if value is None:
            if values.empty:
                reason = t("terms.no_data_for_year", lang, year=format_year(year, lang))
            elif key in WEIGHTED_STATS and not has_weights:
                reason = weights_reason(dataset, year, lang)
            elif key in ("theil", "max_min_ratio") and non_positive:
                reason = t("disparity.reason.non_positive", lang)
            elif key == "gini" and negative:
                reason = t("disparity.reason.negative", lang)
            else:
                reason = t("disparity.reason.mean_not_positive", lang)
        shown = _stat_text(value, lang) if key != "max_min_ratio" else format_number(value, lang, 2)
        rows.append(StatRow(key, t(f"disparity.stat.{key}", lang), value, shown,
                            t(f"disparity.stat_help.{key}", lang), reason))
    return tuple(rows), len(values), expected


# --- helpers -------------------------------------------------------------------------------------
def _finish(fig: go.Figure, *, title: str, height: int, subtitle: str | None = None) -> None:
    heading = dict(text=title, subtitle=dict(text=subtitle, font=dict(size=13, color=theme.MUTED))) if subtitle \
        else dict(text=title)
    fig.update_layout(template=theme.TEMPLATE, title=heading, height=height,
                      separators=PLOTLY_SEPARATORS, hovermode="closest")
    # Axis titles keep their distance from the ticks (long English titles touched them at 1280 px);
    # automargin grows the margin instead of drawing the title over the tick labels.
    fig.update_yaxes(title_standoff=AXIS_TITLE_STANDOFF, automargin=True)
    fig.update_xaxes(title_standoff=AXIS_TITLE_STANDOFF, automargin=True)


def _empty(fig: go.Figure, text: str) -> None:
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=15, color=theme.MUTED))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)


def indicator_ok(dataset: Dataset, indicator_id: str) -> str | None:
    """None when cross-province statistics make sense, else the catalogue key saying why not."""
    if not dataset.has_indicator(indicator_id):
        return "disparity.message.unknown_indicator"
    meta = dataset.indicator(indicator_id)
    if meta["kind"] == "category":
        return "disparity.message.category"
    obs = dataset.observations
    has_provinces = obs.loc[(obs["indicator_id"] == indicator_id), "area_code"].isin(dataset.province_codes()).any()
    return None if has_provinces else "disparity.message.no_provinces"


def axis_title(dataset: Dataset, indicator_id: str, lang: str) -> str:
    unit = indicator_unit(dataset, indicator_id, lang)
    name = indicator_name(dataset, indicator_id, lang)
    return f"{name} ({unit})" if unit else name


def finite(values: Sequence[float | None]) -> list[float]:
    return [float(v) for v in values if v is not None and np.isfinite(v)]

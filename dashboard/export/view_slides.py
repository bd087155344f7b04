"""Every view as a slide: its own charts, one key sentence computed from the data, a source
line, the data year, and the result tables behind the charts; no Dash components.

One renderer per view, registered as the view's export hook (`ViewSpec.export`), so the
presenter's screen, the slide picture, PNG/SVG and the data download of a gaps, attainment,
disparity or data view show that view's results, not the map. The renderers reuse the
views' own builders (figures and the analysis they call), so a slide's chart is the chart on
screen. The gaps rows are computed by the gaps view's cached helper (`progress_rows`): the
same rows, not a second implementation that could drift.

Values are the dataset's own; a missing value stays missing and the sentence says so.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.data.dataset import Dataset
from dashboard.data.schema import NATIONAL
from dashboard.figures.labels import indicator_name, source_line, value_text
from dashboard.figures.theme import TEMPLATE
from dashboard.i18n import t
from dashboard.i18n.numbers import format_number, format_year
from dashboard.data.provincial_systems import SYSTEM_FRAMEWORK_ID
from dashboard.state import ViewState, parse_query, resolved_year, to_query


@dataclass(frozen=True)
class SlideInputs:
    """What the renderers read besides the query (dashboard.callbacks.resources.Resources or
    the CLI's equivalent)."""

    dataset: Dataset
    frameworks: Any
    geojson: dict | str
    south_china_sea: Sequence = ()
    # A province's county boundaries: its FeatureCollection for image export (kaleido cannot
    # load the app's URL), or the URL the browser loads. None: a county slide cannot be drawn.
    counties: Callable[[str], dict | str] | None = None


@dataclass(frozen=True)
class ViewSlide:
    """One view, worded in one language, ready for a slide, an image or a data file."""

    view: str
    title: str
    subtitle: str
    sentence: str                                   # the one line a presenter reads out
    source: str                                     # "资料来源：…"
    year: int | None
    figures: tuple[tuple[str, go.Figure], ...]      # (name, figure): the main chart first
    tables: tuple[tuple[str, pd.DataFrame], ...] = field(default=())   # (sheet name, rows)
    lang: str = "zh"
    source_ids: tuple[str, ...] = ()                # the sources the charts and tables cite
    on_stage: int = 2                               # how many of the figures the projector shows
    stage_table: str | None = None                  # a table the projector shows beside the chart (by name)

    def table(self, name: str) -> pd.DataFrame | None:
        return next((rows for key, rows in self.tables if key == name), None)

    def figure(self, name: str | None = None) -> go.Figure | None:
        for key, figure in self.figures:
            if name is None or key == name:
                return figure
        return None

    @property
    def figure_names(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.figures)


def _ids(rows: pd.DataFrame) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(s) for s in rows["source_id"].dropna())) if "source_id" in rows else ()


def _state(query: str | None, dataset: Dataset) -> ViewState:
    from dashboard.drill import province_level  # a county of the county map: its province's slide

    return province_level(parse_query(query, dataset)[0], dataset)


def _unit(dataset: Dataset, indicator_id: str, lang: str) -> str | None:
    unit = dataset.indicator(indicator_id).get(f"unit_{lang}")
    return unit if isinstance(unit, str) and unit and unit != "%" else ("%" if unit == "%" else None)


def _decimals(dataset: Dataset, indicator_id: str) -> int:
    value = dataset.indicator(indicator_id).get("decimals")
    return int(value) if value is not None and not pd.isna(value) else 1


def _value_text(dataset: Dataset, indicator_id: str, value: float | None, lang: str) -> str:
    return format_number(value, lang, _decimals(dataset, indicator_id), unit=_unit(dataset, indicator_id, lang))


def _year_text(year: int | None, lang: str) -> str:
    return format_year(year, lang) if year is not None else "—"


# --- map ----------------------------------------------------------------------------------
def map_sentence(dataset: Dataset, indicator_id: str, year: int | None, lang: str) -> str:
    """Highest and lowest province and the national value in the map's year, or what is missing."""
    name = indicator_name(dataset, indicator_id, lang)
    if year is None:
        return t("present.sentence.map_none", lang, indicator=name)
    rows = dataset.values_for_year(indicator_id, year)
    rows = rows[rows["value"].notna()]
    provinces = rows[rows["area_code"].isin(dataset.province_codes())]
    if provinces.empty:
        return t("present.sentence.map_none_year", lang, indicator=name, year=format_year(year, lang))
    top = provinces.loc[provinces["value"].idxmax()]
    low = provinces.loc[provinces["value"].idxmin()]
    national = rows[rows["area_code"] == NATIONAL]["value"]
    params = dict(indicator=name, year=format_year(year, lang), n=len(provinces), total=len(dataset.province_codes()),
                  top=dataset.area_name(top["area_code"], lang), top_value=_value_text(dataset, indicator_id, top["value"], lang),
                  low=dataset.area_name(low["area_code"], lang), low_value=_value_text(dataset, indicator_id, low["value"], lang))
    if national.empty:
        return t("present.sentence.map", lang, **params)
    return t("present.sentence.map_national", lang,
             national=_value_text(dataset, indicator_id, float(national.iloc[0]), lang), **params)


def map_slide(inputs: SlideInputs, query: str | None, lang: str) -> ViewSlide:
    """The map view's slide: the province map (and a selected province's trend), or with
    `drill=` in the link the drilled province's county map (county_slide)."""
    from dashboard.drill import drill_code
    from dashboard.figures.view_render import render_view, view_data

    dataset = inputs.dataset
    if drill_code(parse_query(query, dataset)[0]) is not None:
        return county_slide(inputs, query, lang)
    view = render_view(dataset, query, lang, geojson=inputs.geojson, south_china_sea=inputs.south_china_sea)
    state = view.state
    # With a province selected its trend leads the slide (its story over time); the trend is
    # kept either way for the "second chart" download.
    figures = [("map", view.map_figure), ("trend", view.trend_figure)]
    if state.area_code:
        figures.reverse()
    frame, sources = view_data(dataset, query, lang)
    subtitle = (dataset.area_name(state.area_code, lang) if state.area_code else t("present.subtitle.all_provinces", lang))
    return ViewSlide(view="map", title=view.title, subtitle=subtitle,
                     sentence=map_sentence(dataset, state.indicator_id, view.year, lang), source=view.source(),
                     year=view.year, figures=tuple(figures), tables=(("data", frame),), lang=lang,
                     source_ids=_ids(sources), on_stage=2 if state.area_code else 1)


# --- county (the map view drilled to one province's counties) ------------------------------
def county_slide_title(dataset: Dataset, state: ViewState, lang: str) -> str | None:
    """"云南省县级地图 · 人口 · 2020年" for a drilled map state, None for any other state (cheap:
    no figure is built, the editor and the presenting bar call it)."""
    from dashboard.figures.county_content import county_choice

    province, indicator, year = county_choice(dataset, state)
    if province is None or indicator is None:
        return None
    return t("present.title.county", lang, province=dataset.area_name(province, lang),
             indicator=indicator_name(dataset, indicator, lang), year=_year_text(year, lang))


def county_sentence(dataset: Dataset, indicator_id: str, codes: Sequence[str], values: Sequence[float],
                    summary: str, lang: str) -> str:
    """The county map's own summary ("88 of 129 units have data"), then its highest and lowest
    unit for a numeric indicator (the poverty list's values are exit years: no ranking)."""
    from dashboard.figures.county_content import POVERTY_ID

    if indicator_id == POVERTY_ID or not values or dataset.indicator(indicator_id)["kind"] == "category":
        return summary
    top = max(range(len(values)), key=lambda n: values[n])
    low = min(range(len(values)), key=lambda n: values[n])
    return summary + " " + t("present.sentence.county_range", lang,
                             top=dataset.area_name(codes[top], lang), low=dataset.area_name(codes[low], lang),
                             top_value=value_text(dataset, indicator_id, values[top], lang),
                             low_value=value_text(dataset, indicator_id, values[low], lang))


def county_card_table(dataset: Dataset, area_code: str, lang: str) -> pd.DataFrame:
    """The county card as a table: indicator, latest value (year, flag), the one before; the
    headers are the card's own words."""
    from dashboard.figures.county_content import county_card_lines

    lines = county_card_lines(dataset, area_code, lang)
    headers = [t(f"ui.county.card_{key}", lang) for key in ("indicator", "latest", "earlier")]
    return pd.DataFrame([[line.indicator, line.latest, line.earlier] for line in lines], columns=headers)


def county_slide(inputs: SlideInputs, query: str | None, lang: str) -> ViewSlide:
    """The drilled province's county map with its own title, source line and year; a selected
    county's card beside it as a table. The data table is the county map's rows as observed."""
    from dashboard.figures.county_content import county_choice, county_map_content, map_units
    from dashboard.figures.county_map import county_map

    dataset = inputs.dataset
    state = parse_query(query, dataset)[0]
    province, indicator, year = county_choice(dataset, state)
    if province is None or indicator is None:
        raise ValueError("the link names no county map with an indicator")
    if inputs.counties is None:
        raise ValueError("no county boundaries were given to the slide renderer")
    content = county_map_content(dataset, province, indicator, year, lang)
    selected = state.area_code if state.area_code in content.unit_codes else None
    figure = county_map(content, inputs.counties(province), selected)
    name = indicator_name(dataset, indicator, lang)
    figure.update_layout(title=dict(text=f"{name} · {_year_text(year, lang)}"), margin=dict(t=48))
    units = map_units(dataset, province)
    obs = dataset._obs(indicator)
    rows = obs[obs["area_code"].isin(units) & (obs["year"] == year)] if year is not None else obs.iloc[0:0]
    names = dataset.areas.set_index("area_code")[f"name_{lang}"]
    columns = ["area_code", "area_name", "indicator_id", "indicator_name", "year", "value", "flag", "source_id",
               "vintage", "note"]
    frame = rows.assign(area_name=rows["area_code"].map(names), indicator_name=name)
    frame = frame[[c for c in columns if c in frame.columns]].sort_values("area_code").reset_index(drop=True)
    tables: list[tuple[str, pd.DataFrame]] = [("data", frame)]
    cited = rows
    if selected is not None:
        tables.append(("card", county_card_table(dataset, selected, lang)))
        cited = pd.concat([rows, dataset.sub_area_rows(selected)], ignore_index=True)
        parent = dataset.area(selected)["parent_code"]
        where = dataset.area_name(parent, lang) if isinstance(parent, str) and dataset.has_area(parent) else ""
        subtitle = f"{dataset.area_name(selected, lang)} · {where}" if where and parent != province \
            else dataset.area_name(selected, lang)
    else:
        subtitle = t("present.subtitle.county_all", lang, n=len(units))
    pairs = [(code, float(value)) for code, value in zip(content.values.area_codes, content.values.values)
             if value is not None]
    return ViewSlide(view="map", title=county_slide_title(dataset, state, lang) or name, subtitle=subtitle,
                     sentence=county_sentence(dataset, indicator, [c for c, _ in pairs], [v for _, v in pairs],
                                              content.summary, lang),
                     source=source_line(dataset, cited, lang), year=year, figures=(("county_map", figure),),
                     tables=tuple(tables), lang=lang, source_ids=_ids(cited), on_stage=1,
                     stage_table="card" if selected is not None else None)


# --- gaps ---------------------------------------------------------------------------------
def _graphs(component: Any) -> list[go.Figure]:
    """The figures of the dcc.Graph components in a layout tree (the view's own panel)."""
    found: list[go.Figure] = []
    children = getattr(component, "children", component)
    figure = getattr(component, "figure", None)
    if figure is not None and type(component).__name__ == "Graph":
        found.append(figure if isinstance(figure, go.Figure) else go.Figure(figure))
    if isinstance(children, (list, tuple)):
        for child in children:
            found += _graphs(child)
    elif children is not None and children is not component and not isinstance(children, (str, int, float)):
        found += _graphs(children)
    return found


def status_sentence(rows: Sequence[dict], area: str, year: int, lang: str) -> str:
    """"云南省 2010年：3项已达标，2项进度正常，4项滞后（共12项）" from the rows' statuses."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    order = ["met", "on_track", "off_track", "regressing", "insufficient_data"]
    parts = [t("present.sentence.status_part", lang, n=counts[s], status=t(f"terms.status.{s}", lang))
             for s in order + sorted(set(counts) - set(order)) if counts.get(s)]
    if not parts:
        return t("present.sentence.gaps_none", lang, area=area, year=format_year(year, lang))
    return t("present.sentence.gaps", lang, area=area, year=format_year(year, lang),
             parts=("，" if lang == "zh" else ", ").join(parts), total=len(rows))


def _pinned(state: ViewState, frameworks: Any, lang: str) -> tuple[str, str]:
    """(framework id, subtitle addition) of a view that may pin a provincial system: the system
    when the caller applied it to `frameworks` (SYSTEM_FRAMEWORK_ID), else the link's framework
    and a line saying the pinned system is not shown here (never presented as the province's)."""
    if state.system is None:
        return state.framework_id, ""
    name, version = state.system
    if SYSTEM_FRAMEWORK_ID in frameworks.framework_ids():
        return SYSTEM_FRAMEWORK_ID, " · " + t("present.system.pinned", lang, name=name, version=version)
    return state.framework_id, " · " + t("present.system.unavailable", lang, name=name, version=version)


def gaps_slide(inputs: SlideInputs, query: str | None, lang: str) -> ViewSlide:
    from dashboard.callbacks.gaps_view import as_of_year, item_info, progress_rows
    from dashboard.components.gaps_view import gap_panel

    dataset, frameworks = inputs.dataset, inputs.frameworks
    state = _state(query, dataset)
    year = as_of_year(state, dataset)
    area_code = state.area_code if state.area_code in dataset.province_codes() else NATIONAL
    area = t("gaps.panel.national", lang) if area_code == NATIONAL else dataset.area_name(area_code, lang)
    framework_id, pin_note = _pinned(state, frameworks, lang)
    framework_id = framework_id if framework_id in frameworks.framework_ids() else "mdg"
    rows = progress_rows(dataset, frameworks, framework_id, year, area_code)
    panel = gap_panel(dataset, rows, item_info(frameworks, [framework_id], area_code), area_code, year, lang)
    figures = _graphs(panel)[:1]
    for figure in figures:
        figure.update_layout(title=dict(text=t("gaps.panel.title", lang, area=area)))
    table = pd.DataFrame([{k: row.get(k) for k in ("item_id", "indicator_id", "status", "method", "baseline",
                                                    "baseline_year", "latest", "latest_year", "target", "target_year")}
                          for row in rows])
    if not table.empty:
        table.insert(3, "status_text", [t(f"terms.status.{s}", lang) for s in table["status"]])
    indicators = {row.get("indicator_id") for row in rows if row.get("indicator_id")}
    obs = dataset.observations
    cited = obs[obs["indicator_id"].isin(indicators) & obs["area_code"].isin({area_code, NATIONAL})
                & (obs["year"] <= year)]
    return ViewSlide(view="gaps", title=t("gaps.title", lang),
                     subtitle=t("gaps.subtitle", lang, area=area, year=format_year(year, lang))
                     + " · " + t(f"terms.framework_short.{framework_id}", lang) + pin_note,
                     sentence=status_sentence(rows, area, year, lang), source=source_line(dataset, cited, lang),
                     year=year, figures=tuple(("gaps", f) for f in figures), tables=(("status", table),), lang=lang,
                     source_ids=_ids(cited))


# --- attainment ---------------------------------------------------------------------------
def attainment_slide(inputs: SlideInputs, query: str | None, lang: str) -> ViewSlide:
    from dashboard.analysis.attainment import MODE_PARTIAL, MODE_STRICT, shown_result
    from dashboard.callbacks.attainment_view import framework_years
    from dashboard.components.attainment_view import FRAMEWORKS
    from dashboard.figures.attainment_charts import coverage_sentence, domain_bars
    from dashboard.figures.attainment_map import attainment_by_area

    dataset, frameworks = inputs.dataset, inputs.frameworks
    state = _state(query, dataset)
    framework_id, pin_note = _pinned(state, frameworks, lang)
    if framework_id not in (*FRAMEWORKS, SYSTEM_FRAMEWORK_ID):
        framework_id = FRAMEWORKS[0]
    mode = dict(state.extras).get("ix")
    mode = mode if mode in (MODE_STRICT, MODE_PARTIAL) else MODE_STRICT
    _, best = framework_years(dataset, frameworks, framework_id, dataset.years(state.indicator_id))
    year = state.year if state.year is not None else best
    if year is None:
        year = (dataset.years(state.indicator_id) or [2010])[-1]
    area_code = state.area_code or NATIONAL
    result = attainment_by_area(dataset, frameworks, framework_id, year, [area_code])[area_code]
    area = dataset.area_name(area_code, lang)
    figure = domain_bars(result, lang, t("attainment.chart.domains_title", lang), mode)
    rows = []
    for domain in result.domains:
        shown = shown_result(result, domain.domain_id, mode)
        rows.append({"domain_id": domain.domain_id, "domain": domain.name_zh if lang == "zh" else domain.name_en,
                     "weight_coverage": domain.weight_coverage, "index": shown.value, "kind": shown.kind})
    cited_ids = {item.indicator_id for item in result.items if getattr(item, "indicator_id", None)}
    obs = dataset.observations
    cited = obs[obs["indicator_id"].isin(cited_ids) & (obs["area_code"] == area_code) & (obs["year"] == year)]
    return ViewSlide(view="attainment", title=t("present.title.attainment", lang, area=area),
                     subtitle=t("present.subtitle.attainment", lang, year=format_year(year, lang),
                                framework=t(f"terms.framework_short.{framework_id}", lang)) + pin_note,
                     sentence=coverage_sentence(result, lang, mode), source=source_line(dataset, cited, lang),
                     year=year, figures=(("domains", figure),), tables=(("domains", pd.DataFrame(rows)),), lang=lang,
                     source_ids=_ids(cited))


# --- disparity ----------------------------------------------------------------------------
def disparity_slide(inputs: SlideInputs, query: str | None, lang: str) -> ViewSlide:
    from dashboard.figures import disparity_charts as charts
    from dashboard.figures.map_content import programme_roles

    dataset = inputs.dataset
    state = _state(query, dataset)
    indicator_id = state.indicator_id
    year = resolved_year(state, dataset)
    name = indicator_name(dataset, indicator_id, lang)
    pilots, study = programme_roles(dataset, state.pilots)
    ranking = charts.ranking_content(dataset, indicator_id, year, state.area_code, pilots, study, lang)
    subtitle_key = "disparity.ranking.subtitle_low" if ranking.higher_is_better is False else "disparity.ranking.subtitle"
    ranking_figure = charts.ranking_figure(
        ranking, lang, title=t("disparity.ranking.title", lang, year=_year_text(year, lang)),
        subtitle=t(subtitle_key, lang, indicator=charts.axis_title(dataset, indicator_id, lang)),
        national_label=dataset.area_name(NATIONAL, lang), no_data_text=t("terms.no_data", lang))
    convergence = charts.convergence_content(dataset, indicator_id)
    convergence_figure = charts.convergence_figure(
        convergence, lang, title=t("disparity.convergence.title", lang),
        empty_text=t("disparity.convergence.empty", lang, n=convergence.n_expected), selected_year=year)
    sentences = charts.convergence_sentences(convergence, dataset, lang)
    stats, n, expected = charts.statistics_rows(dataset, indicator_id, year, lang)
    table = pd.DataFrame([{"statistic": row.key, "label": row.label, "value": row.value, "value_text": row.value_text,
                           "missing_reason": row.missing_reason} for row in stats])
    obs = dataset.observations
    cited = obs[(obs["indicator_id"] == indicator_id) & obs["area_code"].isin(dataset.province_codes())]
    return ViewSlide(view="disparity", title=t("disparity.heading", lang, indicator=name, year=_year_text(year, lang)),
                     subtitle=t("present.subtitle.disparity", lang, n=n, total=expected),
                     sentence=sentences[0] if sentences else t("present.sentence.disparity_none", lang, indicator=name),
                     source=source_line(dataset, cited, lang), year=year,
                     figures=(("ranking", ranking_figure), ("convergence", convergence_figure)),
                     tables=(("statistics", table),), lang=lang, source_ids=_ids(cited))


# --- data ---------------------------------------------------------------------------------
def coverage_figure(years: Sequence[int], counts: Sequence[int], total: int, *, title: str, y_title: str,
                    lang: str) -> go.Figure:
    """Provinces with a value, per year: where the series has holes (a missing year is a zero
    bar labelled as such, never a value)."""
    figure = go.Figure(go.Bar(x=[str(y) for y in years], y=list(counts), text=[str(c) for c in counts],
                              textposition="outside", marker_color="#1d4ed8",
                              hovertemplate="%{x}: %{y}/" + str(total) + "<extra></extra>"))
    figure.update_layout(template=TEMPLATE, title=dict(text=title), yaxis=dict(title=y_title, range=[0, total * 1.15]),
                         xaxis=dict(type="category"), margin=dict(t=56, l=64, r=16, b=48), showlegend=False)
    return figure


def data_slide(inputs: SlideInputs, query: str | None, lang: str) -> ViewSlide:
    from dashboard.figures.view_render import view_data

    dataset = inputs.dataset
    state = _state(query, dataset)
    indicator_id = state.indicator_id
    name = indicator_name(dataset, indicator_id, lang)
    obs = dataset.observations
    rows = obs[(obs["indicator_id"] == indicator_id) & obs["value"].notna() & (obs["subgroup"] == "total")
               & obs["area_code"].isin(dataset.province_codes())]
    per_year = rows.groupby("year")["area_code"].nunique().sort_index()
    total = len(dataset.province_codes())
    years = [int(y) for y in per_year.index]
    figure = coverage_figure(years, [int(c) for c in per_year], total, title=t("present.title.coverage", lang, indicator=name),
                             y_title=t("present.axis.provinces", lang), lang=lang)
    all_obs = obs[(obs["indicator_id"] == indicator_id) & obs["value"].notna()]
    flagged = int((all_obs["flag"] != "official").sum()) if "flag" in all_obs else 0
    if years:
        full = sum(1 for c in per_year if c == total)
        sentence = t("present.sentence.data", lang, indicator=name, first=format_year(years[0], lang),
                     last=format_year(years[-1], lang), n=len(years), full=full, total=total,
                     flagged=flagged, values=len(all_obs))
    else:
        sentence = t("present.sentence.data_none", lang, indicator=name)
    frame, sources = view_data(dataset, query, lang)
    coverage = pd.DataFrame({"year": years, "provinces_with_value": [int(c) for c in per_year],
                             "provinces_expected": total})
    year = years[-1] if years else None
    return ViewSlide(view="data", title=t("present.title.data", lang, indicator=name),
                     subtitle=t("present.subtitle.data", lang, values=len(all_obs)), sentence=sentence,
                     source=source_line(dataset, all_obs, lang), year=year, figures=(("coverage", figure),),
                     tables=(("coverage", coverage), ("data", frame)), lang=lang, source_ids=_ids(all_obs))


# --- dispatch -------------------------------------------------------------------------------
def _renderer(view_id: str) -> Callable[[SlideInputs, str | None, str], ViewSlide]:
    from dashboard.views import BY_ID, DEFAULT_VIEW

    spec = BY_ID.get(view_id) or BY_ID[DEFAULT_VIEW]
    function = spec.export_function()
    return function if function is not None else map_slide


def render_slide(inputs: SlideInputs, query: str | None, lang: str) -> ViewSlide:
    """The slide of the view a query names (its registered export hook); the map for a view
    without one. A renderer that fails on bad (imported) data falls back to the map slide with
    the failure said in the sentence, so a deck or a presentation never stops on one slide."""
    state = _state(query, inputs.dataset)
    renderer = _renderer(state.view)
    try:
        return renderer(inputs, query, lang)
    except Exception as error:  # noqa: BLE001 (say where and what, keep the show going)
        from dashboard.drill import close_counties  # the province map: a county map may be what failed

        fallback = map_slide(inputs, to_query(close_counties(state, inputs.dataset).with_(view="map")), lang)
        return ViewSlide(view=fallback.view, title=fallback.title, subtitle=fallback.subtitle,
                         sentence=t("present.sentence.failed", lang, view=t(f"ui.nav.{state.view}", lang),
                                    error=f"{type(error).__name__}: {str(error)[:160]}"),
                         source=fallback.source, year=fallback.year, figures=fallback.figures,
                         tables=fallback.tables, lang=lang, source_ids=fallback.source_ids,
                         on_stage=fallback.on_stage)


# Charts with one row per province: 31 labels must share the slide's height.
DENSE_FIGURES = frozenset({"ranking"})


def slide_figure(slide: ViewSlide, figure: go.Figure, *, font_size: int = 18, name: str = "") -> go.Figure:
    """A copy of a chart styled for a projector: large type, no mode bar, no selection."""
    copy = go.Figure(figure)
    copy.update_layout(font=dict(size=font_size), title=dict(font=dict(size=font_size + 4)),
                       hoverlabel=dict(font=dict(size=font_size)), autosize=True)
    # Builders set some sizes explicitly (ticks, bar labels, legends, notes): raise them too.
    small = font_size - 2
    copy.update_xaxes(tickfont=dict(size=small), title_font=dict(size=small))
    copy.update_yaxes(tickfont=dict(size=small), title_font=dict(size=small))
    copy.update_layout(legend=dict(font=dict(size=small)))
    copy.for_each_trace(lambda trace: trace.update(textfont=dict(size=small)) if "textfont" in trace else None)
    for annotation in copy.layout.annotations or ():
        annotation.font.size = max(annotation.font.size or 0, font_size - 4)
    if name in DENSE_FIGURES:
        copy.update_yaxes(tickfont=dict(size=12))
        copy.update_traces(textfont=dict(size=11), selector=dict(type="bar"))
    copy.layout.height = None  # the slide's box sets the size (CSS), not the page's fixed height
    copy.layout.width = None
    return copy


def _wrapped(text: str, width: int) -> str:
    """Break a long source line at its "; " separators (plotly does not wrap annotations)."""
    lines, line = [], ""
    for part in text.split("; "):
        candidate = f"{line}; {part}" if line else part
        if line and len(candidate) > width:
            lines.append(line + ";")
            line = part
        else:
            line = candidate
    lines.append(line)
    return "<br>".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def picture_figure(slide: ViewSlide, figure: go.Figure) -> go.Figure:
    """A chart as a file or a slide picture: the view's title and subtitle, the chart's own
    title, then the chart, then the source line and the data year, in the slide's language."""
    copy = go.Figure(figure)
    own = copy.layout.title.text or ""
    head = f"<b>{slide.title}</b> · {slide.subtitle}" if slide.subtitle else f"<b>{slide.title}</b>"
    copy.update_layout(title=dict(text=head + (f"<br><span style='font-size:0.8em'>{own}</span>" if own else ""),
                                  x=0.01, xanchor="left", xref="container", y=0.965, yref="container", yanchor="top"))
    width = 90 if slide.lang == "zh" else 150
    source = _wrapped(slide.source, width)
    lines = source.count("<br>") + 2
    bottom = (copy.layout.margin.b or 40) + 16 * lines + 12
    copy.update_layout(margin=dict(t=max(copy.layout.margin.t or 0, 96), b=bottom))
    year = t("present.picture.year", slide.lang, year=_year_text(slide.year, slide.lang))
    copy.add_annotation(text=f"{source}<br>{year}", xref="paper", yref="paper", x=0.5, y=0, yshift=-bottom + 6,
                        xanchor="center", yanchor="bottom", showarrow=False, align="left",
                        font=dict(size=11, color="#3e4c59"))
    return copy


def chart_for_button(slide: ViewSlide, which: str) -> tuple[str, go.Figure | None]:
    """The chart an export button means: "main" is the view's first chart (the map on the map
    view), "second" its second chart (the trend on the map view), else the main one."""
    names = slide.figure_names
    if slide.view == "map" and "county_map" not in names:
        name = "map" if which == "main" else "trend"
        return name, slide.figure(name) or slide.figure()
    if which == "second" and len(names) > 1:
        return names[1], slide.figure(names[1])
    return (names[0], slide.figure(names[0])) if names else ("chart", None)

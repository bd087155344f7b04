"""A view state (URL query) -> its charts, title, source line and data rows; no Dash.

One code path for everything that turns a saved view into an artefact: the presenter's
screen, chart PNG/SVG downloads, the data download, the PPTX deck (UI and command line).
The figures come from the lead's builders, so an exported chart is the chart on screen.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from dashboard.data.dataset import Dataset
from dashboard.data.schema import NATIONAL
from dashboard.figures.labels import indicator_name, source_line
from dashboard.figures.map_content import map_frame, map_values
from dashboard.figures.province_map import province_map
from dashboard.figures.trend import trend_figure
from dashboard.figures.trend_content import trend_lines, trend_source, trend_title, y_axis_title
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year
from dashboard.state import ViewState, parse_query, resolved_year, to_query

Chart = Literal["map", "trend"]
CHARTS: tuple[Chart, ...] = ("map", "trend")
# Layout pixels of an exported chart: 16:9-ish, the shape of a slide's picture area.
EXPORT_WIDTH = 1200
EXPORT_HEIGHT = 640


@dataclass(frozen=True)
class RenderedView:
    """Everything a slide or a download needs for one view, worded in one language."""

    state: ViewState
    year: int | None
    title: str                 # "云南省 · 人均GDP · 2010年"
    map_source: str            # "资料来源：…" for the map's year
    trend_source: str          # for the trend chart's rows
    map_figure: go.Figure
    trend_figure: go.Figure

    @property
    def chart(self) -> Chart:
        """The chart that stands for the view on a slide: a province's trend when one is
        selected (its story over time), otherwise the map (where the gaps are)."""
        return "trend" if self.state.area_code else "map"

    def figure(self, chart: Chart | None = None) -> go.Figure:
        return self.trend_figure if (chart or self.chart) == "trend" else self.map_figure

    def source(self, chart: Chart | None = None) -> str:
        return self.trend_source if (chart or self.chart) == "trend" else self.map_source


def view_state(query: str | None, dataset: Dataset) -> ViewState:
    """The state a query names; unknown values fall back exactly as the app's URL does. A county
    of the county map stands for its province (exports draw the province map)."""
    from dashboard.drill import province_level

    state, _ = parse_query(query, dataset)
    return province_level(state, dataset)


def link_state(query: str | None, dataset: Dataset, *, view: str | None = None) -> ViewState:
    """The state a saved link must keep: a selected county of the county map stays (its slide
    is the county map), unlike view_state, which gives the province level the exports draw.
    Moved to another view, the county stands for its province."""
    from dashboard.drill import province_level

    state, _ = parse_query(query, dataset)
    if view is not None and view != state.view:
        state = province_level(state, dataset).with_(view=view)
    return state


def canonical_query(query: str | None, dataset: Dataset, *, view: str | None = None) -> str:
    """The query as the app writes it, without a language (the presenter picks the language
    when presenting, so one storyboard serves Chinese and English audiences). The county map's
    state (`drill`, `cind`, `cyear`, a county `area`) is kept."""
    return to_query(link_state(query, dataset, view=view).with_(lang=None))


def view_title(dataset: Dataset, state: ViewState, lang: str) -> str:
    year = resolved_year(state, dataset)
    title = trend_title(dataset, state.indicator_id, state.area_code, lang)
    return f"{title} · {format_year(year, lang)}" if year is not None else title


def map_rows(dataset: Dataset, indicator_id: str, year: int | None) -> pd.DataFrame:
    if year is None:
        return dataset.observations.iloc[0:0]
    rows = dataset.values_for_year(indicator_id, year)
    return rows[rows["area_code"].isin(dataset.province_codes(mainland_only=False))]


def render_view(dataset: Dataset, query: str | None, lang: str, *, geojson: dict | str,
                south_china_sea: Sequence) -> RenderedView:
    """Build both charts of a view. ``geojson`` is the FeatureCollection for image export
    (kaleido cannot resolve the app's relative URL) or the URL for the browser."""
    state = view_state(query, dataset)
    year = resolved_year(state, dataset)
    figure = province_map(
        map_frame(dataset, geojson, south_china_sea, lang, state.pilots),
        map_values(dataset, state.indicator_id, year, lang),
        selected=state.area_code,
    )
    lines, rows = trend_lines(dataset, state.indicator_id, state.area_code, lang)
    trend = trend_figure(lines, title=trend_title(dataset, state.indicator_id, state.area_code, lang),
                         y_title=y_axis_title(dataset, state.indicator_id, lang),
                         empty_text=t("ui.trend.empty", lang), selected_year=year)
    # The map has no title of its own on screen (the page says it); an image needs one.
    map_title = indicator_name(dataset, state.indicator_id, lang)
    if year is not None:
        map_title += f" · {format_year(year, lang)}"
    figure.update_layout(title=dict(text=map_title), margin=dict(t=48))
    return RenderedView(
        state=state, year=year, title=view_title(dataset, state, lang),
        map_source=source_line(dataset, map_rows(dataset, state.indicator_id, year), lang),
        trend_source=trend_source(dataset, rows, lang),
        map_figure=figure, trend_figure=trend,
    )


def view_data(dataset: Dataset, query: str | None, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The observation rows behind a view (the map's year for every province, the national
    value, and the selected province's whole series) with names, and the sources they cite.

    Values are the dataset's own; nothing is filled in. Rows keep flag, vintage and note."""
    state = view_state(query, dataset)
    year = resolved_year(state, dataset)
    parts = [map_rows(dataset, state.indicator_id, year)]
    if year is not None:
        national = dataset.values_for_year(state.indicator_id, year)
        parts.append(national[national["area_code"] == NATIONAL])
    if state.area_code:
        parts.append(dataset.series(state.indicator_id, state.area_code))
    rows = pd.concat(parts, ignore_index=True).drop_duplicates().sort_values(["area_code", "year"])
    names = dataset.areas.set_index("area_code")[f"name_{lang}"]
    frame = rows.assign(
        area_name=rows["area_code"].map(names),
        indicator_name=indicator_name(dataset, state.indicator_id, lang),
    )
    columns = ["area_code", "area_name", "indicator_id", "indicator_name", "year", "value", "subgroup",
               "flag", "source_id", "vintage", "note"]
    frame = frame[[c for c in columns if c in frame.columns]].reset_index(drop=True)
    sources = dataset.sources[dataset.sources["source_id"].isin(set(rows["source_id"]))].reset_index(drop=True)
    return frame, sources


def file_stem(dataset: Dataset, query: str | None) -> str:
    """A file name for a view's downloads: ASCII only (ids and codes), safe everywhere."""
    state = view_state(query, dataset)
    year = resolved_year(state, dataset)
    parts = [state.indicator_id, str(year) if year else None, state.area_code]
    return "-".join(p for p in parts if p)

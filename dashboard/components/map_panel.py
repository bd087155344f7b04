"""What the map view shows beside the map for a view state: the missing-data note, the trend
chart with its source line, and the selected-province card. One code path for the first render
(the shell) and for every later change (the view-state callback)."""
from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
from dash import html

from dashboard.components.area_card import area_card
from dashboard.data.dataset import Dataset
from dashboard.figures.map_content import MapValues, missing_provinces, programme_roles
from dashboard.figures.trend import trend_figure
from dashboard.figures.trend_content import SharedLines, target_marks, trend_lines, trend_source, trend_title, y_axis_title
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year
from dashboard.state import ViewState


@dataclass(frozen=True)
class MapPanel:
    missing_note: str
    trend: go.Figure
    source: str | list   # the source line, or it after the hollow-points note
    card: list


def missing_note(dataset: Dataset, shown: MapValues, year: int | None, lang: str) -> str:
    missing = missing_provinces(dataset, shown)
    if not missing:
        return ""
    names = "、".join(dataset.area_name(c, lang) for c in missing[:8]) + ("…" if len(missing) > 8 else "")
    return t("ui.map.missing", lang, n=len(missing), year=format_year(year, lang) if year else "—", names=names)


def trend_with_source(dataset: Dataset, state: ViewState, year: int | None, lang: str,
                      frameworks=None, shared: SharedLines | None = None) -> tuple[go.Figure, str | list]:
    """The trend chart; when the link names a framework (`fw`), its target for the indicator
    (the selected province's own, or the national one) is drawn up to the target year.
    ``shared``: the indicator's national and regional lines when kept (see trend_lines)."""
    lines, rows = trend_lines(dataset, state.indicator_id, state.area_code, lang, shared)
    marks = (target_marks(dataset, frameworks, state.framework_id, state.indicator_id, state.area_code, year, lang)
             if state.framework_set and frameworks is not None else [])
    figure = trend_figure(lines, title=trend_title(dataset, state.indicator_id, state.area_code, lang),
                          y_title=y_axis_title(dataset, state.indicator_id, lang),
                          empty_text=t("ui.trend.empty", lang), selected_year=year, lang=lang, targets=marks)
    source: str | list = trend_source(dataset, rows, lang)
    if any(any(line.flagged) for line in lines):
        source = [html.Span(t("ui.trend.hollow_note", lang), className="flag-note"), " ", source]
    return figure, source


def map_panel(dataset: Dataset, state: ViewState, year: int | None, shown: MapValues, lang: str,
              frameworks=None) -> MapPanel:
    pilots, study = programme_roles(dataset, state.pilots)
    trend, source = trend_with_source(dataset, state, year, lang, frameworks)
    return MapPanel(
        missing_note=missing_note(dataset, shown, year, lang),
        trend=trend,
        source=source,
        card=area_card(dataset, state.area_code, state.indicator_id, year, lang, pilots, study),
    )

"""Callbacks of the 'gaps' view: the gap panel and status grid follow the URL; the framework
selector and a grid cell write the URL (conventions: CONTRIBUTING.md).

Rows come from dashboard.analysis.report.mdg_rows, kept on the app's Resources per dataset and
(framework, year, area), so the 31-province grid is computed once per as-of year, not on every click.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard.analysis.report import mdg_rows
from dashboard.callbacks.resources import Resources, resources
from dashboard.components.gaps_view import FRAMEWORK_CHOICES, NATIONAL, GapsIds, gap_panel, status_grid
from dashboard.components.ids import Ids
from dashboard.data.dataset import Dataset
from dashboard.data.provincial_systems import SYSTEM_FRAMEWORK_ID
from dashboard.figures.map_content import programme_roles
from dashboard.figures.method_text import rule_note
from dashboard.figures.trend import trend_figure
from dashboard.figures.trend_content import target_marks, trend_lines, y_axis_title
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year
from dashboard.callbacks.triggers import user_trigger
from dashboard.state import AS_OF_VIEWS, ViewState, parse_query, to_query
from dashboard.views import view_spec

VIEW = "gaps"
# The view's own URL listener (dashboard/views.py): this callback also outputs into the view,
# so it must have no input in the page while the view is not built.
VIEW_URL = view_spec(VIEW).url_id
VIEW_QUERY = view_spec(VIEW).query_id  # the link while this view is shown (ViewSpec.query_id)


class _FrameworkLookups:
    """Frameworks with items_for / target_for memoised: mdg_rows asks for every item of every
    area, and without an override an item's row is the same for all areas."""

    def __init__(self, frameworks: Any) -> None:
        self.registry = frameworks.registry
        self.framework_ids = frameworks.framework_ids
        self.items_for = lru_cache(maxsize=None)(frameworks.items_for)
        self.rule_for = lru_cache(maxsize=None)(getattr(frameworks, "rule_for", lambda fid, item: None))
        self._target_for = lru_cache(maxsize=None)(frameworks.target_for)
        ov = frameworks.overrides
        self._overridden = frozenset(zip(ov["framework_id"], ov["item_id"], ov["area_code"]))

    def target_for(self, framework_id: str, item_id: str, area_code: str) -> dict:
        if (framework_id, item_id, area_code) in self._overridden:
            return dict(self._target_for(framework_id, item_id, area_code))
        return {**self._target_for(framework_id, item_id, NATIONAL), "area_code": area_code}


def _once(key: tuple, build, dataset: Dataset, frameworks: Any):
    """`build()` once per dataset (on the app's Resources) when `frameworks` are the app's own.
    Outside a request (the deck CLI, exports rendered in tests) there are no Resources: build."""
    try:
        res = resources()
    except RuntimeError:  # no Flask application context
        return build()
    if frameworks is res.frameworks:
        return res.memo(key, build, dataset)
    # A pinned provincial system's version never changes: cached under it.
    scope = getattr(frameworks, "scope", ())
    return res.memo((*key, *scope), build, dataset) if scope else build()


def _prepared(dataset: Dataset, frameworks: Any) -> tuple[_FrameworkLookups, MappingProxyType]:
    """Observations split by area once: a row needs only its area's and the national series."""
    def build():
        obs = dataset.observations
        return _FrameworkLookups(frameworks), MappingProxyType({str(k): g for k, g in obs.groupby("area_code", sort=False)})
    return _once(("gaps.prepared",), build, dataset, frameworks)


def _rows(dataset: Dataset, frameworks: Any, framework_id: str, year: int, area_code: str) -> tuple:
    def build() -> tuple:
        lookups, by_area = _prepared(dataset, frameworks)
        empty = dataset.observations.iloc[0:0]
        frames = [by_area.get(area_code, empty)] + ([by_area.get(NATIONAL, empty)] if area_code != NATIONAL else [])
        narrow = replace(dataset, observations=pd.concat(frames))
        rows = mdg_rows(narrow, lookups, area_code, year, framework_id, with_mdg=False)
        return tuple(MappingProxyType(row) for row in rows)
    return _once(("gaps.rows", framework_id, year, area_code), build, dataset, frameworks)


def progress_rows(dataset: Dataset, frameworks: Any, framework_id: str, year: int, area_code: str) -> list[dict]:
    """The selected framework's progress rows for one area, each item once (cached; the same
    rows as the report CLI prints for that framework)."""
    return [dict(row) for row in _rows(dataset, frameworks, framework_id, year, area_code)]


def status_table(dataset: Dataset, frameworks: Any, framework_id: str, year: int,
                 areas: list[str]) -> dict[str, dict[str, str]]:
    """area_code -> item_id -> status, for the grid."""
    return {code: {row["item_id"]: row["status"] for row in progress_rows(dataset, frameworks, framework_id, year, code)}
            for code in areas}


def as_of_year(state: ViewState, dataset: Dataset) -> int:
    """The URL's year, else the latest year with any data (not the selected indicator's, so
    selecting an indicator in the grid does not move the as-of year under the user)."""
    return state.year if state.year is not None else int(dataset.observations["year"].max())


def _framework_years(dataset: Dataset, frameworks: Any, framework_id: str) -> tuple[int, ...]:
    def build() -> tuple[int, ...]:
        try:
            items = frameworks.items_for(framework_id)
        except KeyError:
            return ()
        linked = set(items["indicator_id"].dropna().astype(str))
        obs = dataset.observations
        return tuple(sorted(int(y) for y in obs.loc[obs["indicator_id"].isin(linked), "year"].dropna().unique()))
    return _once(("gaps.years", framework_id), build, dataset, frameworks)


def framework_years(dataset: Dataset, frameworks: Any, framework_id: str) -> list[int]:
    """Years in which any indicator linked to the framework has a value (any area): the year
    control's choices and the span a link's year is checked against."""
    return list(_framework_years(dataset, frameworks, framework_id))


def item_info(frameworks: Any, framework_ids: list[str], area_code: str) -> dict[str, dict]:
    """item_id -> the item's row as it applies to the area (names, unit, confidence, override)."""
    info = {}
    for fid in framework_ids:
        for item_id in frameworks.items_for(fid)["item_id"]:
            info[str(item_id)] = frameworks.target_for(fid, str(item_id), area_code)
    return info


def _frameworks_shown(frameworks: Any, framework_id: str) -> list[str]:
    """Only the selected framework's items (an unknown framework shows the MDG rows)."""
    return [framework_id if framework_id in frameworks.framework_ids() else "mdg"]


def _shown_framework(frameworks: Any, framework_id: str) -> str:
    return _frameworks_shown(frameworks, framework_id)[0]


def year_note(dataset: Dataset, frameworks: Any, state: ViewState, lang: str):
    """Said when the link's year has no data of the framework (the year is kept, not replaced)."""
    years = framework_years(dataset, frameworks, _shown_framework(frameworks, state.framework_id))
    if state.year is None or not years or state.year in years:
        return None
    return html.P(t("gaps.year.outside", lang, year=format_year(state.year, lang), first=format_year(years[0], lang),
                    last=format_year(years[-1], lang)), className="gaps-warning")


def panel_trend(dataset: Dataset, frameworks: Any, state: ViewState, area_code: str, year: int,
                rows: list[dict], lang: str):
    """The selected indicator's trend with the framework's target, when it measures a shown item."""
    indicator = state.indicator_id
    linked = [row for row in rows if row.get("indicator_id") == indicator]
    if not linked or not dataset.has_indicator(indicator):
        return html.P(t("gaps.chart.hint", lang), className="gaps-help")
    area = None if area_code == NATIONAL else area_code
    lines, _ = trend_lines(dataset, indicator, area, lang)
    framework_id = _shown_framework(frameworks, state.framework_id)
    marks = target_marks(dataset, frameworks, framework_id, indicator, area_code, year, lang)
    name = str(dataset.indicator(indicator)[f"name_{lang}"])
    where = t("gaps.panel.national", lang) if area is None else dataset.area_name(area_code, lang)
    figure = trend_figure(lines, title=t("gaps.chart.title", lang, name=name, area=where),
                          y_title=y_axis_title(dataset, indicator, lang), empty_text=t("ui.trend.empty", lang),
                          selected_year=year, lang=lang, targets=marks)
    label = t("gaps.chart.label", lang, name=name, area=where, framework=t(f"terms.framework_short.{framework_id}", lang))
    return html.Div(role="img", className="gaps-trend", **{"aria-label": label}, children=[  # type: ignore[arg-type]
        dcc.Graph(id=GapsIds.TREND, figure=figure, config={"displayModeBar": False, "responsive": True}),
        html.Ul([html.Li(mark.label) for mark in marks], className="gaps-trend-targets"),
    ])


def view_frameworks(res: Resources, user_data: dict | None, state: ViewState, lang: str) -> tuple[Any, ViewState, list]:
    """(frameworks, state, notes): with `system=name@version` in the link, the open workspace's
    provincial system applied as framework SYSTEM_FRAMEWORK_ID (the state then names it) and a
    line saying whose system it is; a pin that cannot be read keeps the link's framework and
    says why (no workspace open, no such version, or where the stored system is wrong)."""
    if state.system is None:
        return res.frameworks, state, []
    name, version = state.system
    pinned = res.pinned_system(user_data, state.system)
    if pinned.frameworks is None or pinned.system is None:
        note = html.P(t(f"gaps.system.{pinned.problem}", lang, name=name, version=version, why=pinned.detail[:200]),
                      className="gaps-warning", role="alert")
        return res.frameworks, state, [note]
    system = pinned.system
    area = res.dataset.area_name(system.area_code, lang)
    line = html.P(t("gaps.system.pinned", lang, name=name, version=version, area=area,
                    framework=t(f"terms.framework_short.{system.framework_id}", lang)),
                  className="gaps-system", id=GapsIds.SYSTEM_NOTE)
    return pinned.frameworks, state.with_(framework_id=SYSTEM_FRAMEWORK_ID), [line]


@callback(
    Output(GapsIds.HEADER, "children"), Output(GapsIds.PANEL, "children"),
    Input(VIEW_QUERY, "data"), State(Ids.LANG_STORE, "data"), Input(Ids.USER_DATA, "data"),
)
def render_panel(search: str | None, lang: str | None, user_data: dict | None = None):
    res = resources()
    dataset = res.dataset_for(user_data)
    lang = lang or "zh"
    state, _ = parse_query(search, dataset)
    frameworks, state, system_notes = view_frameworks(res, user_data, state, lang)
    year = as_of_year(state, dataset)
    area_code = state.area_code if state.area_code in dataset.province_codes() else NATIONAL
    area = t("gaps.panel.national", lang) if area_code == NATIONAL else dataset.area_name(area_code, lang)
    header = [html.H1(t("gaps.title", lang), className="gaps-title"),
              html.P(t("gaps.subtitle", lang, area=area, year=format_year(year, lang))
                     + ("" if state.year is not None else f" ({t('gaps.as_of_latest', lang)})"), className="gaps-subtitle"),
              *system_notes]
    try:
        lookups, _ = _prepared(dataset, frameworks)
        shown = _frameworks_shown(frameworks, state.framework_id)
        rows = progress_rows(dataset, frameworks, shown[0], year, area_code)
        notes_by_item = {row["item_id"]: rule_note(lookups, row, lang) for row in rows if row.get("method") == "trend"}
        panel = gap_panel(dataset, rows, item_info(lookups, shown, area_code), area_code, year, lang,
                          rule_notes={k: v for k, v in notes_by_item.items() if v},
                          trend=panel_trend(dataset, lookups, state, area_code, year, rows, lang))
    except Exception as error:  # noqa: BLE001 (bad data must not break the page: say where and what)
        panel = [html.P(t("gaps.error", lang, area=area, year=year, error=str(error)[:200]), className="gaps-error", role="alert")]
    notes = [note] if (note := year_note(dataset, frameworks, state, lang)) is not None else []
    if frameworks is None or state.framework_id not in frameworks.framework_ids():
        notes.append(html.P(t("gaps.framework.unknown", lang, fw=state.framework_id), className="gaps-warning", role="status"))
    elif _unconfirmed_framework(frameworks, state.framework_id):
        notes.append(html.P(t("gaps.framework.unconfirmed", lang), className="gaps-warning"))
    return header + notes, panel


def _unconfirmed_framework(frameworks: Any, framework_id: str) -> bool:
    registry = frameworks.registry
    hit = registry[registry["framework_id"] == framework_id]
    return bool(len(hit)) and hit["confidence"].iloc[0] == "unconfirmed"


@callback(
    Output(GapsIds.GRID, "children"),
    Input(VIEW_QUERY, "data"), Input(GapsIds.SCOPE, "value"), State(Ids.LANG_STORE, "data"),
    Input(Ids.USER_DATA, "data"),
)
def render_grid(search: str | None, show_all: bool | None, lang: str | None, user_data: dict | None = None):
    res = resources()
    dataset = res.dataset_for(user_data)
    lang = lang or "zh"
    state, _ = parse_query(search, dataset)
    frameworks, state, _notes = view_frameworks(res, user_data, state, lang)
    year = as_of_year(state, dataset)
    pilots, study = programme_roles(dataset, state.pilots)
    provinces = dataset.province_codes() if show_all else [*pilots, *study]
    columns = [NATIONAL, *provinces]
    try:
        framework_id = _shown_framework(frameworks, state.framework_id)
        statuses = status_table(dataset, frameworks, framework_id, year, columns)
        items = [{"item_id": row["item_id"], "indicator_id": row["indicator_id"]}
                 for row in progress_rows(dataset, frameworks, framework_id, year, NATIONAL)]
        lookups, _ = _prepared(dataset, frameworks)
        info = item_info(lookups, _frameworks_shown(frameworks, state.framework_id), NATIONAL)
        items = [{**item, "name_zh": info.get(item["item_id"], {}).get("name_zh"),
                  "name_en": info.get(item["item_id"], {}).get("name_en")} for item in items]
    except Exception as error:  # noqa: BLE001
        return html.P(t("gaps.error", lang, area=t("gaps.grid.title", lang), year=year, error=str(error)[:200]),
                      className="gaps-error", role="alert")
    return status_grid(dataset, columns, statuses, items, year, lang, selected_area=state.area_code,
                       selected_indicator=state.indicator_id, pilots=pilots, study=study)


@callback(
    Output(VIEW_URL, "search", allow_duplicate=True), Output(GapsIds.FRAMEWORK, "value"),
    Output(GapsIds.YEAR, "options"), Output(GapsIds.YEAR, "value"),
    Output(VIEW_QUERY, "data", allow_duplicate=True),
    Input(VIEW_QUERY, "data"), Input(GapsIds.FRAMEWORK, "value"), Input(GapsIds.YEAR, "value"),
    State(Ids.LANG_STORE, "data"), State(Ids.USER_DATA, "data"),
    prevent_initial_call="initial_duplicate",
)
def sync_framework(search: str | None, framework_id: str | None, year: int | None = None, lang: str | None = None,
                   user_data: dict | None = None):
    """The target set and the as-of year, both ways between the link (`fw=`, `year=`) and the
    controls. One callback on purpose: a loop through two callbacks stalls Dash's initial calls
    for every view."""
    trigger = user_trigger()
    if trigger in (GapsIds.FRAMEWORK, GapsIds.YEAR):
        # The new link also goes to the view's query store: the panel and grid redraw from it,
        # and the gate then has nothing new to pass.
        query = framework_to_url(framework_id, search) if trigger == GapsIds.FRAMEWORK else year_to_url(year, search)
        return query, no_update, no_update, no_update, query
    res = resources()
    state, _ = parse_query(search, res.dataset)
    lang = lang or "zh"
    frameworks, state, _notes = view_frameworks(res, user_data, state, lang)
    # A pinned system is no choice of the selector: it shows none until a framework is chosen
    # (also while the workspace is still being opened from the link: this call may come first).
    value = state.framework_id if state.framework_id in FRAMEWORK_CHOICES and state.system is None else None
    years = framework_years(res.dataset, frameworks, _shown_framework(frameworks, state.framework_id))
    if state.year is not None and state.year not in years:
        years = sorted({*years, state.year})  # the link's year stays choosable (and is said to lack data)
    options = [{"label": format_year(y, lang), "value": y} for y in reversed(years)]
    return (no_update, (value if value != framework_id else no_update), options,
            state.year if state.year != year else no_update, no_update)


def framework_to_url(framework_id: str | None, search: str | None):
    state, _ = parse_query(search, resources().dataset)
    if not framework_id or (framework_id == state.framework_id and state.system is None):
        return no_update
    # Choosing a national framework leaves the pinned provincial system.
    return to_query(state.with_(framework_id=framework_id, framework_set=True, system=None))


def year_to_url(year: int | None, search: str | None):
    """A chosen as-of year (cleared: the latest data) into the link."""
    state, _ = parse_query(search, resources().dataset)
    wanted = int(year) if isinstance(year, (int, float)) else None
    if wanted == state.year:
        return no_update
    return to_query(state.with_(year=wanted))


def cell_state(state: ViewState, cell: dict, dataset: Dataset) -> ViewState:
    """The view after a grid cell click: that province (national = none) and, where the item is
    measured by a dataset indicator, that indicator. The as-of year is kept: it is the gaps
    view's year, not the indicator's (the map shows the indicator's latest year if it lacks it)."""
    area = cell.get("area")
    # framework_set: the map's trend chart then draws this framework's target for the indicator.
    state = state.with_(area_code=area if area in dataset.province_codes() else None, framework_set=True)
    indicator = cell.get("ind")
    if indicator and dataset.has_indicator(indicator):
        keep = state.year if state.view in AS_OF_VIEWS or state.year in dataset.years(indicator) else None
        state = state.with_(indicator_id=indicator, year=keep)
    return state


@callback(
    Output(Ids.URL, "search", allow_duplicate=True),
    Input({"type": GapsIds.CELL, "area": ALL, "item": ALL, "ind": ALL}, "n_clicks"), State(Ids.URL, "search"),
    prevent_initial_call=True,
)
def cell_to_url(_clicks, search: str | None):
    cell = ctx.triggered_id
    # Re-rendering the grid adds buttons (n_clicks 0): only a real click selects.
    if not isinstance(cell, dict) or not any(item.get("value") for item in ctx.triggered):
        return no_update
    dataset = resources().dataset
    state, _ = parse_query(search, dataset)
    query = to_query(cell_state(state, cell, dataset))
    return query if query != search else no_update

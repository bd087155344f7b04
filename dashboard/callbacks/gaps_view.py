"""Callbacks of the 'gaps' view: the gap panel and status grid follow the URL; the framework
selector and a grid cell write the URL (conventions: CONTRIBUTING.md).

Rows come from dashboard.analysis.report.mdg_rows, cached per (dataset, frameworks, framework,
year, area) so the 31-province grid is computed once per as-of year, not on every click.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, html, no_update

from dashboard.analysis.report import mdg_rows
from dashboard.callbacks.resources import resources
from dashboard.components.gaps_view import FRAMEWORK_CHOICES, NATIONAL, GapsIds, gap_panel, status_grid
from dashboard.components.ids import Ids
from dashboard.data.dataset import Dataset
from dashboard.figures.map_content import programme_roles
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year
from dashboard.callbacks.triggers import user_trigger
from dashboard.state import ViewState, parse_query, to_query
from dashboard.views import view_spec

VIEW = "gaps"
# The view's own URL listener (dashboard/views.py): this callback also outputs into the view,
# so it must have no input in the page while the view is not built.
VIEW_URL = view_spec(VIEW).url_id


class _Same:
    """Hashable by identity, so lru_cache can key on a frozen Dataset/Frameworks (DataFrames are unhashable).
    The cache holds the object, so its id is never reused while cached."""

    __slots__ = ("obj",)

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.obj is self.obj


class _FrameworkLookups:
    """Frameworks with items_for / target_for memoised: mdg_rows asks for every item of every
    area, and without an override an item's row is the same for all areas."""

    def __init__(self, frameworks: Any) -> None:
        self.registry = frameworks.registry
        self.items_for = lru_cache(maxsize=None)(frameworks.items_for)
        self._target_for = lru_cache(maxsize=None)(frameworks.target_for)
        ov = frameworks.overrides
        self._overridden = frozenset(zip(ov["framework_id"], ov["item_id"], ov["area_code"]))

    def target_for(self, framework_id: str, item_id: str, area_code: str) -> dict:
        if (framework_id, item_id, area_code) in self._overridden:
            return dict(self._target_for(framework_id, item_id, area_code))
        return {**self._target_for(framework_id, item_id, NATIONAL), "area_code": area_code}


@lru_cache(maxsize=8)
def _prepared(dataset: _Same, frameworks: _Same) -> tuple[_FrameworkLookups, MappingProxyType]:
    """Observations split by area once: a row needs only its area's and the national series."""
    obs = dataset.obj.observations
    return _FrameworkLookups(frameworks.obj), MappingProxyType({str(k): g for k, g in obs.groupby("area_code", sort=False)})


@lru_cache(maxsize=512)
def _rows(dataset: _Same, frameworks: _Same, framework_id: str, year: int, area_code: str) -> tuple:
    lookups, by_area = _prepared(dataset, frameworks)
    empty = dataset.obj.observations.iloc[0:0]
    frames = [by_area.get(area_code, empty)] + ([by_area.get(NATIONAL, empty)] if area_code != NATIONAL else [])
    narrow = replace(dataset.obj, observations=pd.concat(frames))
    return tuple(MappingProxyType(row) for row in mdg_rows(narrow, lookups, area_code, year, framework_id))


def progress_rows(dataset: Dataset, frameworks: Any, framework_id: str, year: int, area_code: str) -> list[dict]:
    """build_report's "mdg" rows for one area (cached; the same rows as the report CLI prints)."""
    return [dict(row) for row in _rows(_Same(dataset), _Same(frameworks), framework_id, year, area_code)]


def status_table(dataset: Dataset, frameworks: Any, framework_id: str, year: int,
                 areas: list[str]) -> dict[str, dict[str, str]]:
    """area_code -> item_id -> status, for the grid."""
    return {code: {row["item_id"]: row["status"] for row in progress_rows(dataset, frameworks, framework_id, year, code)}
            for code in areas}


def as_of_year(state: ViewState, dataset: Dataset) -> int:
    """The URL's year, else the latest year with any data (not the selected indicator's, so
    selecting an indicator in the grid does not move the as-of year under the user)."""
    return state.year if state.year is not None else int(dataset.observations["year"].max())


def item_info(frameworks: Any, framework_ids: list[str], area_code: str) -> dict[str, dict]:
    """item_id -> the item's row as it applies to the area (names, unit, confidence, override)."""
    info = {}
    for fid in framework_ids:
        for item_id in frameworks.items_for(fid)["item_id"]:
            info[str(item_id)] = frameworks.target_for(fid, str(item_id), area_code)
    return info


def _frameworks_shown(frameworks: Any, framework_id: str) -> list[str]:
    known = frameworks.framework_ids()
    return ["mdg"] + ([framework_id] if framework_id != "mdg" and framework_id in known else [])


@callback(
    Output(GapsIds.HEADER, "children"), Output(GapsIds.PANEL, "children"),
    Input(Ids.URL, "search"), State(Ids.LANG_STORE, "data"), Input(Ids.USER_DATA, "data"),
)
def render_panel(search: str | None, lang: str | None, user_data: dict | None = None):
    res = resources()
    dataset, frameworks = res.dataset_for(user_data), res.frameworks
    lang = lang or "zh"
    state, _ = parse_query(search, dataset)
    if state.view != VIEW:
        return no_update, no_update
    year = as_of_year(state, dataset)
    area_code = state.area_code if state.area_code in dataset.province_codes() else NATIONAL
    area = t("gaps.panel.national", lang) if area_code == NATIONAL else dataset.area_name(area_code, lang)
    header = [html.H1(t("gaps.title", lang), className="gaps-title"),
              html.P(t("gaps.subtitle", lang, area=area, year=format_year(year, lang))
                     + ("" if state.year is not None else f" ({t('gaps.as_of_latest', lang)})"), className="gaps-subtitle")]
    try:
        lookups, _ = _prepared(_Same(dataset), _Same(frameworks))
        rows = progress_rows(dataset, frameworks, state.framework_id, year, area_code)
        shown = _frameworks_shown(frameworks, state.framework_id)
        panel = gap_panel(dataset, rows, item_info(lookups, shown, area_code), area_code, year, lang)
    except Exception as error:  # noqa: BLE001 (bad data must not break the page: say where and what)
        panel = [html.P(t("gaps.error", lang, area=area, year=year, error=str(error)[:200]), className="gaps-error", role="alert")]
    notes = []
    if state.framework_id not in frameworks.framework_ids():
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
    Input(Ids.URL, "search"), Input(GapsIds.SCOPE, "value"), State(Ids.LANG_STORE, "data"),
    Input(Ids.USER_DATA, "data"),
)
def render_grid(search: str | None, show_all: bool | None, lang: str | None, user_data: dict | None = None):
    res = resources()
    dataset, frameworks = res.dataset_for(user_data), res.frameworks
    lang = lang or "zh"
    state, _ = parse_query(search, dataset)
    if state.view != VIEW:
        return no_update
    year = as_of_year(state, dataset)
    pilots, study = programme_roles(dataset, state.pilots)
    provinces = dataset.province_codes() if show_all else [*pilots, *study]
    columns = [NATIONAL, *provinces]
    try:
        statuses = status_table(dataset, frameworks, state.framework_id, year, columns)
        items = [{"item_id": row["item_id"], "indicator_id": row["indicator_id"]}
                 for row in progress_rows(dataset, frameworks, state.framework_id, year, NATIONAL)]
        lookups, _ = _prepared(_Same(dataset), _Same(frameworks))
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
    Input(VIEW_URL, "search"), Input(GapsIds.FRAMEWORK, "value"),
    prevent_initial_call="initial_duplicate",
)
def sync_framework(search: str | None, framework_id: str | None):
    """The target set, both ways between the link (`fw=`) and the buttons. One callback on
    purpose: a loop through two callbacks stalls Dash's initial calls for every view."""
    if user_trigger() == GapsIds.FRAMEWORK:
        return framework_to_url(framework_id, search), no_update
    state, _ = parse_query(search, resources().dataset)
    if state.view != VIEW:
        return no_update, no_update
    value = state.framework_id if state.framework_id in FRAMEWORK_CHOICES else None
    return no_update, (value if value != framework_id else no_update)


def framework_to_url(framework_id: str | None, search: str | None):
    state, _ = parse_query(search, resources().dataset)
    if state.view != VIEW or not framework_id or framework_id == state.framework_id:
        return no_update
    return to_query(state.with_(framework_id=framework_id))


def cell_state(state: ViewState, cell: dict, dataset: Dataset) -> ViewState:
    """The view after a grid cell click: that province (national = none) and, where the item is
    measured by a dataset indicator, that indicator; the year kept where the indicator has it."""
    area = cell.get("area")
    state = state.with_(area_code=area if area in dataset.province_codes() else None)
    indicator = cell.get("ind")
    if indicator and dataset.has_indicator(indicator):
        keep = state.year if state.year in dataset.years(indicator) else None
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

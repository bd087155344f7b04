"""The 'gaps' view's layout: progress towards MDG / Xiaokang targets for the selected area
(gap bars + a table of the same rows), beside a provinces × indicators status grid.

Rows are build_report's "mdg" rows (dashboard.analysis.report.mdg_rows); this module only words
and lays them out. Status is always text + colour. Conventions: CONTRIBUTING.md.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, TypeGuard

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.analysis.progress import default_path
from dashboard.data.dataset import Dataset
from dashboard.figures.gap_bars import (
    GapBar,
    GapBarLabels,
    PaceBar,
    PaceBarLabels,
    gap_bars_figure,
    latest_share,
    pace_bars_figure,
    pace_share,
)
from dashboard.figures.method_text import method_text
from dashboard.i18n import t
from dashboard.i18n.numbers import format_number, format_year

FRAMEWORK_CHOICES = ("mdg", "nbs2008", "nbs2013", "fyp11")
NATIONAL = "100000"


class GapsIds(StrEnum):
    FRAMEWORK = "gaps-framework"
    YEAR = "gaps-year"
    SCOPE = "gaps-scope"
    HEADER = "gaps-header"
    PANEL = "gaps-panel"
    FIGURE = "gaps-figure"
    PACE_FIGURE = "gaps-pace-figure"   # rows judged by their trend (no numeric target)
    TREND = "gaps-trend"
    GRID = "gaps-grid"
    SYSTEM_NOTE = "gaps-system-note"   # whose provincial indicator system a pinned link shows
    CELL = "gaps-cell"          # pattern-matching: {"type": CELL, "area": code, "item": item_id, "ind": indicator_id}


def gaps_view(dataset: Dataset, lang: str) -> html.Div:
    """The frame; the callbacks fill header, panel and grid from the URL."""
    options = [{"label": t(f"terms.framework_short.{fid}", lang), "value": fid} for fid in FRAMEWORK_CHOICES]
    return html.Div(className="gaps-view", children=[
        html.Div(className="gaps-head", children=[
            html.Div(id=GapsIds.HEADER, children=html.H1(t("gaps.title", lang), className="gaps-title")),
            html.Div(className="gaps-controls", children=[
                html.Span(t("gaps.framework.label", lang), id="gaps-framework-label", className="gaps-control-label"),
                html.Div(role="group", **{"aria-labelledby": "gaps-framework-label"}, children=dbc.RadioItems(  # type: ignore[arg-type]
                    id=GapsIds.FRAMEWORK, options=options, value="nbs2008", inline=True,
                    className="gaps-framework", inputClassName="btn-check",
                    labelClassName="btn btn-outline-primary btn-sm", labelCheckedClassName="active")),
                html.Label(t("gaps.year.label", lang), htmlFor=GapsIds.YEAR, className="gaps-control-label"),
                # Options (the framework's data years) and value follow the URL (callbacks).
                dcc.Dropdown(id=GapsIds.YEAR, options=[], value=None, clearable=True,
                             placeholder=t("gaps.year.latest", lang), className="gaps-year", searchable=False),
            ]),
        ]),
        html.Div(className="gaps-body", children=[
            html.Section(id=GapsIds.PANEL, className="gaps-panel", **{"aria-live": "polite"}),  # type: ignore[arg-type]
            html.Section(className="gaps-grid-section", children=[
                html.H2(t("gaps.grid.title", lang), className="gaps-h2"),
                dbc.Switch(id=GapsIds.SCOPE, label=t("gaps.grid.scope_all", lang), value=False,
                           className="gaps-scope"),
                html.Div(id=GapsIds.GRID, className="gaps-grid"),
            ]),
        ]),
    ])


# --- wording of one row ---------------------------------------------------------------------
def _finite(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _decimals(dataset: Dataset, indicator_id: str | None) -> int:
    if indicator_id and dataset.has_indicator(indicator_id):
        decimals = dataset.indicator(indicator_id)["decimals"]
        if _finite(decimals):
            return int(decimals)
    return 1


def _value(value: Any, lang: str, decimals: int, unit: str | None) -> str:
    return format_number(value, lang, decimals, unit=unit or None) if _finite(value) else "—"


def _unit(info: Mapping[str, Any], lang: str) -> str | None:
    unit = info.get(f"unit_{lang}")
    return unit if isinstance(unit, str) and unit else None


def latest_flag(dataset: Dataset, row: Mapping[str, Any], area_code: str) -> str | None:
    """The flag (official / modelled / …) of the latest value used, so modelled data is marked."""
    if not row.get("indicator_id") or row.get("latest_year") is None or not dataset.has_indicator(row["indicator_id"]):
        return None
    series = dataset.series(row["indicator_id"], area_code)
    hit = series[series["year"] == row["latest_year"]]
    return str(hit["flag"].iloc[-1]) if len(hit) else None


def row_texts(row: Mapping[str, Any], info: Mapping[str, Any], lang: str, *, national: bool, year: int,
              decimals: int = 1, flag: str | None = None, rule_note: str | None = None) -> dict[str, Any]:
    """Everything a row says, in one language: used by the bars, the table and the tests."""
    status = row["status"]
    unit = _unit(info, lang)
    target_year = format_year(row["target_year"], lang) if row.get("target_year") else "—"
    if row.get("latest_year") is None:
        years = t("gaps.years.none", lang, year=format_year(year, lang), target=target_year)
    elif row.get("baseline_year") == row.get("latest_year"):
        years = t("gaps.years.single", lang, latest=format_year(row["latest_year"], lang), target=target_year)
    else:
        years = t("gaps.years.span", lang, baseline=format_year(row["baseline_year"], lang),
                  latest=format_year(row["latest_year"], lang), target=target_year)
    notes: list[str] = []
    note = row.get("note")
    national_status = t(f"terms.status.{row.get('national_status') or 'insufficient_data'}", lang)
    if not national and row.get("latest_year") is None and row.get("indicator_id"):
        notes.append(t("gaps.note.no_provincial_data", lang, status=national_status))
    elif note:
        key = f"gaps.note.{note}"
        notes.append(t(key, lang) if note in NOTE_KEYS else note)
    if not national and not (row.get("latest_year") is None and row.get("indicator_id")):
        notes.append(t("gaps.note.national_status", lang, status=national_status))
    if flag == "modelled":
        notes.append(t("gaps.note.modelled", lang))
    if _finite(row.get("years_to_target")) and status in ("on_track", "off_track") and row["years_to_target"] > 0:
        notes.append(t("gaps.note.years_to_target", lang, years=format_number(row["years_to_target"], lang, 0)))
    ratio = row.get("progress_ratio")
    return {
        "name": str(info.get(f"name_{lang}") or row["item_id"]),
        "status": t(f"terms.status.{status}", lang),
        "status_short": t(f"gaps.status_short.{status}", lang),
        "help": t(f"terms.status_help.{status}", lang),
        "values": " → ".join(_value(row.get(k), lang, decimals, unit) for k in ("baseline", "latest", "target"))
        if any(_finite(row.get(k)) for k in ("baseline", "latest", "target")) else t("terms.no_data", lang),
        "years": years,
        "pace": t("gaps.pace.ratio", lang, ratio=format_number(ratio * 100, lang, 0, unit="%"))
        if _finite(ratio) and status != "insufficient_data" else format_number(None, lang),
        "notes": notes,
        "method": method_text(row, info, lang, decimals=decimals, unit=unit),
        "rule_note": rule_note,
        "unconfirmed": info.get("confidence") == "unconfirmed" and row.get("target") is not None,
        "area_target": bool(info.get("overridden")),
    }


NOTE_KEYS = (
    "fewer_than_2_points", "no_target", "not_measured", "interval_target", "unknown_direction", "not_comparable",
    "target_year_not_after_baseline", "geometric_needs_positive_values", "baseline_met_then_lost",
    "trend_too_few_points", "trend_latest_too_old", "trend_zero_level",
)


def status_badge(status: str, lang: str, text: str | None = None) -> html.Span:
    return html.Span(text or t(f"terms.status.{status}", lang), className=f"gaps-status status-{status}",
                     title=t(f"terms.status_help.{status}", lang))


# --- the panel ------------------------------------------------------------------------------
def gap_panel(dataset: Dataset, rows: Sequence[Mapping[str, Any]], items: Mapping[str, Mapping[str, Any]],
              area_code: str, year: int, lang: str, rule_notes: Mapping[str, str] | None = None,
              trend: Any = None) -> list:
    """Gap bars and the table of the same rows (the table is also the chart's text alternative);
    ``rule_notes`` (item_id -> the trend rule's wording) become the method cell's tooltip;
    ``trend`` (a component: the selected item's trend with its target) goes below the bars."""
    national = area_code == NATIONAL
    area = t("gaps.panel.national", lang) if national else dataset.area_name(area_code, lang)
    rule_notes = rule_notes or {}
    texts = [row_texts(row, items.get(row["item_id"], {}), lang, national=national, year=year,
                       decimals=_decimals(dataset, row.get("indicator_id")),
                       flag=latest_flag(dataset, row, area_code), rule_note=rule_notes.get(row["item_id"]))
             for row in rows]
    bars = []
    for row, text in zip(rows, texts):
        info = items.get(row["item_id"], {})
        unit = _unit(info, lang)
        decimals = _decimals(dataset, row.get("indicator_id"))
        hover = t("gaps.hover.values", lang, name=text["name"],
                  baseline=_value(row.get("baseline"), lang, decimals, unit), baseline_year=row.get("baseline_year") or "—",
                  latest=_value(row.get("latest"), lang, decimals, unit), latest_year=row.get("latest_year") or "—",
                  target=_value(row.get("target"), lang, decimals, unit), target_year=row.get("target_year") or "—",
                  status=text["status"])
        bars.append(GapBar(
            label=_short(text["name"], 30), status=row["status"], status_text=text["status"],
            baseline=row.get("baseline"), baseline_year=row.get("baseline_year"), latest=row.get("latest"),
            latest_year=row.get("latest_year"), target=row.get("target"), target_year=row.get("target_year"),
            path=default_path(info.get("baseline_rule")), hover=hover,
            empty_text=f"{text['status']} · {text['notes'][0]}" if text["notes"] else text["status"],
        ))
    labels = GapBarLabels(baseline=t("gaps.axis.baseline", lang), target=t("gaps.axis.target", lang),
                          expected=t("gaps.axis.expected", lang), x_title=t("gaps.axis.title", lang),
                          empty=t("gaps.axis.empty", lang))
    # Only rows with a baseline, a later value and a target get a bar; rows judged by their trend
    # (no numeric target) get a pace bar instead; the table gives the others' reasons.
    drawn = [bar for bar in bars if latest_share(bar) is not None]
    paces = [PaceBar(label=_short(text["name"], 30), status=row["status"], status_text=text["status"],
                     pace=row.get("trend_pace"), hover=f"{text['name']}: {text['method']}")
             for row, text in zip(rows, texts) if row.get("method") == "trend"]
    paced = [bar for bar in paces if pace_share(bar) is not None]
    figure_label = {"aria-label": t("gaps.panel.figure_label", lang, area=area)}
    target_chart = html.Div(dcc.Graph(id=GapsIds.FIGURE, figure=gap_bars_figure(drawn, labels),
                                      config={"displayModeBar": False, "responsive": True}),
                            role="img", **figure_label)  # type: ignore[arg-type]
    charts: list = [target_chart]
    if paced:
        pace_labels = PaceBarLabels(x_title=t("gaps.pace.axis", lang), better=t("gaps.pace.better", lang),
                                    worse=t("gaps.pace.worse", lang), empty=t("gaps.axis.empty", lang))
        pace_chart = html.Div(dcc.Graph(id=GapsIds.PACE_FIGURE, figure=pace_bars_figure(paced, pace_labels),
                                        config={"displayModeBar": False, "responsive": True}),
                              role="img", **{"aria-label": t("gaps.pace.figure_label", lang, area=area)})  # type: ignore[arg-type]
        pace_part = [html.H3(t("gaps.pace.title", lang), className="gaps-h3"),
                     html.P(t("gaps.pace.how_to_read", lang), className="gaps-help"), pace_chart]
        # Target bars only where some row has them: an empty chart above the pace chart says nothing.
        charts = ([html.H3(t("gaps.panel.target_title", lang), className="gaps-h3"), target_chart] if drawn else []) + pace_part
        drawn_text = t("gaps.panel.drawn_with_pace", lang, n=len(drawn) + len(paced), total=len(bars),
                       targets=len(drawn), paced=len(paced))
    else:
        drawn_text = t("gaps.panel.drawn", lang, n=len(drawn), total=len(bars))
    return [
        html.H2(t("gaps.panel.title", lang, area=area), className="gaps-h2"),
        html.P([t("gaps.panel.how_to_read", lang), " ", html.Strong(drawn_text)], className="gaps-help"),
        *charts,
        *([trend] if trend is not None else []),
        _row_table(rows, texts, area, year, lang),
    ]


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _row_table(rows, texts, area: str, year: int, lang: str) -> html.Table:
    head = html.Thead(html.Tr([html.Th(t(f"gaps.col.{c}", lang), scope="col", className=f"gaps-col-{c}")
                               for c in ("indicator", "status", "method", "values", "pace", "note")]))
    body = []
    for row, text in zip(rows, texts):
        marks = []
        if text["unconfirmed"]:
            marks.append(html.Span(t("gaps.note.unconfirmed", lang), className="gaps-mark unconfirmed",
                                   title=t("gaps.note.unconfirmed_help", lang)))
        if text["area_target"]:
            marks.append(html.Span(t("gaps.note.area_target", lang), className="gaps-mark area-target"))
        body.append(html.Tr(className=f"gaps-row row-{row['status']}", **{"data-item": row["item_id"]}, children=[
            html.Th([html.Div(text["name"]), *marks], scope="row", className="gaps-name"),
            # For insufficient_data the notes give the actual reason (no data, no target, …), not the generic help.
            html.Td([status_badge(row["status"], lang),
                     html.Div(text["help"], className="gaps-status-help") if row["status"] != "insufficient_data" else None]),
            html.Td(text["method"], className="gaps-method", title=text["rule_note"] or None),
            html.Td([html.Div(text["values"], className="gaps-values"), html.Div(text["years"], className="gaps-years")]),
            html.Td(text["pace"], className="gaps-pace"),
            html.Td([html.Div(n) for n in text["notes"]], className="gaps-notes"),
        ]))
    return html.Table(className="gaps-table", children=[
        html.Caption(t("gaps.panel.table_caption", lang, area=area, year=format_year(year, lang))),
        head, html.Tbody(body),
    ])


# --- the grid -------------------------------------------------------------------------------
def status_grid(dataset: Dataset, columns: Sequence[str], statuses: Mapping[str, Mapping[str, str]],
                items: Sequence[Mapping[str, Any]], year: int, lang: str, *, selected_area: str | None,
                selected_indicator: str | None, pilots: Sequence[str], study: Sequence[str]) -> html.Table:
    """Rows = indicators, columns = areas (national first); each cell is a button with the status word.

    ``statuses[area_code][item_id]`` is the status; ``items`` are {item_id, indicator_id, name_zh, name_en}.
    """
    def area_label(code: str):
        if code == NATIONAL:
            return t("gaps.grid.national", lang)
        short = dataset.area(code)["short_zh"] if lang == "zh" else dataset.area_name(code, "en")
        return str(short)

    head_cells = [html.Th(t("gaps.col.indicator", lang), scope="col", className="gaps-grid-corner")]
    for code in columns:
        role = "pilot" if code in pilots else "study" if code in study else None
        head_cells.append(html.Th(scope="col", className="gaps-grid-area" + (" selected" if code == selected_area else ""),
                                  children=[html.Span(area_label(code)),
                                            html.Span(t(f"gaps.grid.{role}_mark", lang), className=f"gaps-role role-{role}",
                                                      title=t(f"terms.role_help.{role}", lang)) if role else None]))
    body = []
    for item in items:
        name = str(item.get(f"name_{lang}") or item["item_id"])
        cells = [html.Th(_short(name, 26), scope="row", title=name, className="gaps-grid-item")]
        for code in columns:
            status = statuses.get(code, {}).get(item["item_id"], "insufficient_data")
            selected = code == selected_area and item.get("indicator_id") == selected_indicator
            cells.append(html.Td(html.Button(
                t(f"gaps.status_short.{status}", lang),
                id={"type": GapsIds.CELL, "area": code, "item": item["item_id"], "ind": item.get("indicator_id") or ""},
                className=f"gaps-cell status-{status}" + (" selected" if selected else ""), n_clicks=0,
                title=f"{t(f'terms.status.{status}', lang)}: {t(f'terms.status_help.{status}', lang)}",
                **{"aria-label": t("gaps.grid.cell_label", lang, area=area_label(code), indicator=name,  # type: ignore[arg-type]
                                   status=t(f"terms.status.{status}", lang))},
            )))
        body.append(html.Tr(cells))
    return html.Table(className="gaps-grid-table", children=[
        html.Caption(t("gaps.grid.caption", lang, year=format_year(year, lang))),
        html.Thead(html.Tr(head_cells)), html.Tbody(body),
    ])

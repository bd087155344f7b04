"""The mapping step of the data view's import: which column of the file is the area, the year
and the value, and which indicator it holds (one of the catalogue's, or a new one the user
defines: name zh/en, unit, direction). Hidden until a file with columns to map is read."""
from __future__ import annotations

import re
from enum import StrEnum

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data.dataset import Dataset
from dashboard.data.importers.template import column_letter
from dashboard.i18n import t


class MappingIds(StrEnum):
    PANEL = "datasrc-mapping"
    DETECTED = "datasrc-mapping-detected"
    AREA = "datasrc-mapping-area"
    YEAR = "datasrc-mapping-year"
    VALUE = "datasrc-mapping-value"
    KIND = "datasrc-mapping-kind"          # "catalogue" or "new"
    INDICATOR = "datasrc-mapping-indicator"
    CATALOGUE_FIELDS = "datasrc-mapping-catalogue-fields"
    NEW_FIELDS = "datasrc-mapping-new-fields"
    NAME_ZH = "datasrc-mapping-name-zh"
    NAME_EN = "datasrc-mapping-name-en"
    UNIT = "datasrc-mapping-unit"
    DIRECTION = "datasrc-mapping-direction"
    APPLY = "datasrc-mapping-apply"


ROLES = ("area", "year", "value")
KINDS = ("catalogue", "new")


def indicator_options(dataset: Dataset, lang: str) -> list[dict]:
    return [{"label": f"{getattr(r, f'name_{lang}')} ({r.indicator_id})", "value": r.indicator_id}
            for r in dataset.indicators.itertuples()]


def column_options(headings: tuple[str, ...] | list[str], lang: str) -> list[dict]:
    """The file's headings, each shown with its column letter as in Excel."""
    return [{"label": f"{column_letter(i)} · {h}", "value": h} for i, h in enumerate(headings)]


_SHEET_PLACE = re.compile(r"^(?P<file>.*), sheet '(?P<sheet>.*)'$", re.S)


def place_text(where: str, lang: str) -> str:
    """A location's file part ("f.xlsx, sheet '面板数据'", as the importers write it) in the UI's language."""
    match = _SHEET_PLACE.match(str(where))
    if not match:
        return str(where)
    return t("datasrc.import.in_sheet", lang, file=match["file"], sheet=match["sheet"])


def detected_text(where: str, headings: tuple[str, ...] | list[str], lang: str) -> str:
    return t("importmap.detected", lang, where=place_text(where, lang), n=len(headings), columns="、".join(headings) if lang == "zh"
             else ", ".join(headings))


def _field(label_key: str, control, lang: str, control_id: str) -> html.Div:
    return html.Div(className="mapping-field", children=[
        html.Label(t(label_key, lang), htmlFor=control_id), control,
    ])


def mapping_panel(dataset: Dataset, lang: str) -> html.Div:
    """The mapping form (empty column choices; a callback fills them from the file read)."""
    def column_choice(role: str, control_id: str) -> html.Div:
        return _field(f"importmap.{role}", dcc.Dropdown(id=control_id, options=[], value=None, clearable=True,
                                                        placeholder=t("importmap.none", lang)), lang, control_id)

    text = lambda control_id, key: _field(key, dbc.Input(id=control_id, type="text", value="", maxLength=80,  # noqa: E731
                                                         debounce=True), lang, control_id)
    return html.Div(id=MappingIds.PANEL, hidden=True, className="import-mapping", children=[
        html.H3(t("importmap.title", lang)),
        html.P(id=MappingIds.DETECTED, className="hint"),
        html.Div(className="mapping-columns", children=[
            column_choice("area", MappingIds.AREA), column_choice("year", MappingIds.YEAR),
            column_choice("value", MappingIds.VALUE),
        ]),
        html.P(t("importmap.wide_hint", lang), className="hint"),
        html.Fieldset(className="mapping-indicator", children=[
            html.Legend(t("importmap.indicator_title", lang)),
            dbc.RadioItems(id=MappingIds.KIND, value="catalogue", inline=True,
                           options=[{"label": t(f"importmap.kind_{k}", lang), "value": k} for k in KINDS]),
            html.Div(id=MappingIds.CATALOGUE_FIELDS, children=[
                _field("importmap.indicator", dcc.Dropdown(id=MappingIds.INDICATOR, options=indicator_options(dataset, lang),
                                                           value=None, searchable=True,
                                                           placeholder=t("importmap.indicator_pick", lang)),
                       lang, MappingIds.INDICATOR),
            ]),
            html.Div(id=MappingIds.NEW_FIELDS, hidden=True, className="mapping-new", children=[
                text(MappingIds.NAME_ZH, "importmap.name_zh"), text(MappingIds.NAME_EN, "importmap.name_en"),
                text(MappingIds.UNIT, "importmap.unit"),
                _field("importmap.direction", dbc.RadioItems(
                    id=MappingIds.DIRECTION, value=None, inline=True,
                    options=[{"label": t(f"importmap.direction_{d}", lang), "value": d} for d in ("higher", "lower")],
                ), lang, MappingIds.DIRECTION),
                html.P(t("importmap.new_note", lang), className="hint"),
            ]),
        ]),
        html.Button(t("importmap.apply", lang), id=MappingIds.APPLY, n_clicks=0, className="btn btn-outline-primary"),
    ])

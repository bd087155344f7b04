"""Callbacks of the import mapping step (imported by dashboard.callbacks.data_view).

A file read by the upload shows its columns with a guess for the area, year and value; the user
corrects them and chooses the indicator (the catalogue's, or a new one), then "read with these
columns" previews the mapped rows through the same pending store and preview as any upload.
All outputs and inputs are inside the data view, so Dash skips these while it is not built.
"""
from __future__ import annotations

import logging

from dash import Input, Output, State, callback, no_update

from dashboard.callbacks.resources import resources

from dashboard.callbacks.triggers import user_trigger
from dashboard.components.data_view import DataIds
from dashboard.components.ids import Ids
from dashboard.components.import_mapping import MappingIds, column_options, detected_text
from dashboard.components.map_view import indicator_options as map_indicator_options
from dashboard.data.errors import DataError
from dashboard.data.importers.mapping import ColumnMapping, NewIndicator, detect_columns
from dashboard.data.importers.upload import display_name, is_nbs_text
from dashboard.i18n import t

log = logging.getLogger(__name__)


def _lang(lang: str | None) -> str:
    return lang if lang in ("zh", "en") else "zh"


def mapping_for(area, year, value, kind, indicator_id, name_zh, name_en, unit, direction) -> ColumnMapping:
    """The form's values as a ColumnMapping (blank choices are None; nothing is guessed)."""
    clean = lambda v: v if isinstance(v, str) and v else None  # noqa: E731
    new = None
    if kind == "new":
        new = NewIndicator(str(name_zh or ""), str(name_en or ""), str(unit or ""), str(direction or ""))
    return ColumnMapping(area=clean(area), year=clean(year), value=clean(value),
                         indicator_id=None if new else clean(indicator_id), new_indicator=new)


def detect(contents, filename, lang: str):
    """(hidden, detected text, options, area, year, value) for a chosen file: the panel shows
    when the file has headings to map and is not an NBS export (those name their own layout)."""
    from dashboard.callbacks.data_view import decode_contents  # here: data_view imports this module

    hidden: tuple[bool, str | None, list, str | None, str | None, str | None] = (True, None, [], None, None, None)
    if not contents:
        return hidden
    name = display_name(str(filename or "upload"))
    try:
        found = detect_columns(decode_contents(contents, name), filename=name, matcher=resources().dataset.matcher)
    except DataError:
        return hidden  # the upload's own preview says what is wrong with the file
    except Exception:  # an importer bug must not break the page; the log keeps it
        log.exception("unexpected error detecting the columns of %r", name)
        return hidden
    if len(found.headings) < 2 or is_nbs_text(found.headings[0]):
        return hidden
    guesses = found.guesses
    return (False, detected_text(found.where, found.headings, lang), column_options(found.headings, lang),
            guesses.get("area"), guesses.get("year"), guesses.get("value"))


@callback(
    Output(MappingIds.PANEL, "hidden"), Output(MappingIds.DETECTED, "children"),
    Output(MappingIds.AREA, "options"), Output(MappingIds.YEAR, "options"), Output(MappingIds.VALUE, "options"),
    Output(MappingIds.AREA, "value"), Output(MappingIds.YEAR, "value"), Output(MappingIds.VALUE, "value"),
    Input(DataIds.UPLOAD, "contents"), State(DataIds.UPLOAD, "filename"), State(Ids.LANG_STORE, "data"),
)
def show_mapping(contents, filename, lang):
    hidden, text, options, area, year, value = detect(contents, filename, _lang(lang))
    return hidden, text, options, options, options, area, year, value


@callback(
    Output(MappingIds.CATALOGUE_FIELDS, "hidden"), Output(MappingIds.NEW_FIELDS, "hidden"),
    Input(MappingIds.KIND, "value"),
)
def show_indicator_fields(kind):
    return kind == "new", kind != "new"


@callback(
    Output(DataIds.PENDING, "data", allow_duplicate=True), Output(DataIds.PREVIEW, "children", allow_duplicate=True),
    Output(DataIds.ADD, "disabled", allow_duplicate=True),
    Input(MappingIds.APPLY, "n_clicks"),
    State(DataIds.UPLOAD, "contents"), State(DataIds.UPLOAD, "filename"),
    State(MappingIds.AREA, "value"), State(MappingIds.YEAR, "value"), State(MappingIds.VALUE, "value"),
    State(MappingIds.KIND, "value"), State(MappingIds.INDICATOR, "value"),
    State(MappingIds.NAME_ZH, "value"), State(MappingIds.NAME_EN, "value"), State(MappingIds.UNIT, "value"),
    State(MappingIds.DIRECTION, "value"),
    State(Ids.USER_DATA, "data"), State(Ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def apply_mapping(_clicks, contents, filename, area, year, value, kind, indicator_id, name_zh, name_en, unit,
                  direction, user_data, lang):
    """The file read again with the chosen columns and indicator: its preview, or every problem."""
    from dashboard.callbacks.data_view import parse_upload  # here: data_view imports this module

    lang = _lang(lang)
    if user_trigger() != MappingIds.APPLY:
        return no_update, no_update, no_update
    if not contents:
        return None, t("importmap.no_file", lang), True
    mapping = mapping_for(area, year, value, kind, indicator_id, name_zh, name_en, unit, direction)
    return parse_upload(contents, filename, mapping.indicator_id, user_data, lang, mapping=mapping)


@callback(Output(Ids.INDICATOR, "options"), Input(Ids.USER_DATA, "data"), State(Ids.LANG_STORE, "data"))
def user_indicators_in_map_choice(user_data, lang):
    """An indicator defined at import joins the map's indicator choice (the layout lists the bundle's).
    Its only output is in the map view, so Dash skips it while that view is not built, and calls
    it when the view is built (no prevent_initial_call: that first call is the one that matters)."""
    dataset = resources().dataset_for(user_data)
    if len(dataset.indicators) == len(resources().dataset.indicators):
        return no_update
    return map_indicator_options(dataset, _lang(lang))

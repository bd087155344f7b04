"""Callbacks of the 'data' view (Input: the URL query; writes the URL only with allow_duplicate).

The current dataset is always `resources().dataset_for(user_data)`: the bundle plus what this
browser tab imported (Ids.USER_DATA, session storage). An upload is parsed from its bytes only
(no path reaches the file system); any DataError becomes a located message and leaves the store
as it was.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import logging

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard.callbacks.resources import IMPORT_GONE, resources
from dashboard.components.data_view import (UPLOAD_ACCEPT, DataIds, coverage_columns, error_message, own_series_button,
                                            preview, province_columns, source_card, uploads_list)
from dashboard.components.ids import Ids
from dashboard.data.errors import DataError, Location
from dashboard.data.export import tidy_export
from dashboard.data.importers.base import MAX_IMPORT_BYTES, ImportedTable
from dashboard.data.importers.template import blank_template
from dashboard.data.importers.mapping import ColumnMapping, own_series, with_user_indicators
from dashboard.data.importers.upload import display_name, import_file, merge_import, unverified_releases
from dashboard.export.tabular import view_data_csv, view_data_xlsx
from dashboard.figures.coverage import (coverage_rows, national_years, observation_records, province_rows, source_records,
                                        theme_options, upload_summary, uploads_of, without_upload)
from dashboard.i18n import t, vintage_text
from dashboard.i18n.numbers import format_number
from dashboard.callbacks.triggers import user_trigger
from dashboard.callbacks.workspace_view import save_last_import
from dashboard.state import parse_query, to_query
from dashboard.views import view_spec

# The view's own URL listener (dashboard/views.py): this callback also outputs into the view,
# so it must have no input in the page while the view is not built.
DATA_URL = view_spec("data").url_id
DATA_QUERY = view_spec("data").query_id  # the link while this view is shown (ViewSpec.query_id)

log = logging.getLogger(__name__)
PREVIEW_ROWS = 10
MAX_TAB_ROWS = 200_000          # rows one tab may import in all (each merged dataset costs memory)
REFUSAL_REASONS = ("size", "kind", "request")


def _lang(lang: str | None) -> str:
    return lang if lang in ("zh", "en") else "zh"


# --- coverage ----------------------------------------------------------------------------
@callback(
    Output(DataIds.THEME, "options"),
    Output(DataIds.COVERAGE, "rowData"), Output(DataIds.COVERAGE, "columnDefs"),
    Output(DataIds.COVERAGE_INDICATOR, "options"),
    Input(Ids.USER_DATA, "data"), Input(DataIds.THEME, "value"),
    State(Ids.LANG_STORE, "data"),
)
def show_coverage(user_data, theme, lang):
    lang = _lang(lang)
    res = resources()
    dataset = res.dataset_for(user_data)
    # The matrix depends only on the dataset, language and theme: built once each (Resources.memo).
    rows, years = res.memo(("datasrc.coverage", lang, theme), lambda: coverage_rows(dataset, res.frameworks, lang, theme),
                           dataset)
    themes = [{"label": t("datasrc.coverage.theme_all", lang), "value": "all"}, *theme_options(res.frameworks, lang)]
    with_data = set(dataset.observations["indicator_id"])
    indicators = [{"label": f"{getattr(r, f'name_{lang}')} ({r.indicator_id})", "value": r.indicator_id}
                  for r in dataset.indicators.itertuples() if r.indicator_id in with_data]
    return themes, rows, coverage_columns(years, lang), indicators


@callback(Output(DataIds.COVERAGE_INDICATOR, "value"), Input(DataIds.COVERAGE, "cellClicked"),
          prevent_initial_call=True)
def pick_indicator(cell):
    """A click anywhere on an indicator's row of the matrix shows its province x year table."""
    row_id = (cell or {}).get("rowId")
    return row_id if isinstance(row_id, str) and resources().dataset.has_indicator(row_id) else no_update


@callback(
    Output(DataIds.PROVINCE_COVERAGE, "rowData"), Output(DataIds.PROVINCE_COVERAGE, "columnDefs"),
    Output(DataIds.PROVINCE_CAPTION, "children"),
    Input(DataIds.COVERAGE_INDICATOR, "value"), Input(Ids.USER_DATA, "data"),
    State(Ids.LANG_STORE, "data"),
)
def show_province_coverage(indicator_id, user_data, lang):
    lang = _lang(lang)
    dataset = resources().dataset_for(user_data)
    if not dataset.has_indicator(indicator_id):
        return [], [], t("datasrc.coverage.pick", lang)
    rows, years = province_rows(dataset, indicator_id, lang)
    meta = dataset.indicator(indicator_id)
    if not years:
        national = national_years(dataset).get(indicator_id, 0)
        key = "datasrc.coverage.national_only" if national else "datasrc.coverage.no_values"
        return [], [], t(key, lang, name=meta[f"name_{lang}"], n=national)
    cells = len(rows) * len(years)
    have = sum(r["have"] for r in rows)
    unit = meta[f"unit_{lang}"] if isinstance(meta[f"unit_{lang}"], str) else ""
    caption = t("datasrc.coverage.caption", lang, name=meta[f"name_{lang}"], unit=unit or "—",
                have=have, cells=cells, missing=cells - have)
    return rows, province_columns(years, lang), caption


# --- sources -----------------------------------------------------------------------------
@callback(
    Output(DataIds.SOURCES, "children"), Output(DataIds.SOURCE_COUNT, "children"),
    Input(Ids.USER_DATA, "data"), Input(DataIds.SOURCE_SEARCH, "value"),
    State(Ids.LANG_STORE, "data"),
)
def show_sources(user_data, query, lang):
    lang = _lang(lang)
    res = resources()
    dataset = res.dataset_for(user_data)
    query = query[:200] if isinstance(query, str) else ""  # a text box sends text; anything else is no search
    records = source_records(dataset, res.frameworks, lang, query)
    count = t("datasrc.sources.count", lang, n=len(records), total=len(dataset.sources))
    return [source_card(r, lang) for r in records], count


# --- downloads ---------------------------------------------------------------------------
def dataset_file(dataset, lang: str, fmt: str) -> tuple[bytes, str]:
    """The whole current dataset as tidy CSV, or XLSX with a sources sheet; formula-safe."""
    frame = tidy_export(dataset, lang)
    stem = f"xiaokang_dataset_{lang}_{dt.date.today():%Y%m%d}"
    if fmt == "csv":
        return view_data_csv(frame), stem + ".csv"
    sheet = "数据" if lang == "zh" else "data"
    return view_data_xlsx(frame, dataset.sources, sheet_name=sheet, lang=lang), stem + ".xlsx"


@callback(
    Output(DataIds.DOWNLOAD, "data"),
    Input(DataIds.DOWNLOAD_CSV, "n_clicks"), Input(DataIds.DOWNLOAD_XLSX, "n_clicks"),
    Input(DataIds.TEMPLATE_CSV, "n_clicks"), Input(DataIds.TEMPLATE_XLSX, "n_clicks"),
    State(Ids.USER_DATA, "data"), State(Ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def download(_csv, _xlsx, _tcsv, _txlsx, user_data, lang):
    lang = _lang(lang)
    trigger = ctx.triggered_id
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        return no_update
    if trigger in (DataIds.DOWNLOAD_CSV, DataIds.DOWNLOAD_XLSX):
        content, name = dataset_file(resources().dataset_for(user_data), lang,
                                     "csv" if trigger == DataIds.DOWNLOAD_CSV else "xlsx")
        return dcc.send_bytes(content, name)
    if trigger in (DataIds.TEMPLATE_CSV, DataIds.TEMPLATE_XLSX):
        fmt = "csv" if trigger == DataIds.TEMPLATE_CSV else "xlsx"
        content = blank_template(lang, fmt, resources().dataset.indicators)
        return dcc.send_bytes(content, f"{'导入模板' if lang == 'zh' else 'import_template'}.{fmt}")
    return no_update


@callback(Output(DataIds.DOWNLOAD_NOTE, "children"), Input(Ids.USER_DATA, "data"), State(Ids.LANG_STORE, "data"))
def download_note(user_data, lang):
    uploads = uploads_of(user_data)
    res = resources()
    access = res.workspace_access(user_data)
    shared = len(res.workspaces.documents(access, "dataset")) if access else 0
    parts = [t("datasrc.download.with_uploads", _lang(lang), n=len(uploads))] if uploads else []
    if shared:  # the workspace's datasets are in every view and download too: say so
        parts.append(t("workspace.import.download_note", _lang(lang), n=shared, name=access.workspace_name))
    return " ".join(parts) or t("datasrc.download.bundled_only", _lang(lang))


# --- import ------------------------------------------------------------------------------
def decode_contents(contents: str, filename: str) -> bytes:
    """The bytes of a dcc.Upload data URL; too large or malformed is a DataError."""
    file = display_name(filename)
    if len(contents) > MAX_IMPORT_BYTES * 4 // 3 + 4096:
        mb = MAX_IMPORT_BYTES // 1_048_576
        raise DataError(Location(file), f"file is larger than the limit of {mb} MB",
                        key="datasrc.problem.too_large_limit", params={"mb": mb})
    _, _, payload = contents.partition(",")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise DataError(Location(file), "the browser sent the file in a form that could not be read; try again",
                        key="datasrc.problem.browser_unreadable") from None


def parse_upload(contents, filename, indicator_id, user_data, lang, mapping=None):
    """(pending store value, preview children, add disabled) for one chosen file (read with the
    mapping step's `mapping` when given: dashboard/callbacks/import_mapping.py).

    The parsed rows are kept on the server (ImportStore); the pending value, and later the
    tab's store, hold only their key and a summary, so no request carries the rows again."""
    if not contents:
        return None, [], True
    filename = str(filename or "upload")
    res = resources()
    dataset = res.dataset_for(user_data)
    try:
        raw = decode_contents(contents, filename)
        table = import_file(raw, filename=filename, dataset=dataset, indicator_id=indicator_id or None, mapping=mapping)
        dataset = with_user_indicators(dataset, table.new_indicators)
    except DataError as exc:
        return None, error_message(exc, lang), True
    except Exception:  # an importer bug must not show a traceback; the log keeps it
        log.exception("unexpected error importing %r", display_name(filename))
        return None, error_message(DataError(Location(display_name(filename)), t("datasrc.import.err_unexpected", lang),
                                             key="datasrc.import.err_unexpected"), lang), True
    records = observation_records(table.observations)
    summary = upload_summary(dataset, table.observations, lang)
    try:  # a refusal no replace choice can lift (another release adding years) is said now, not at Add
        merge_import(dataset, table, replace=True)
    except DataError as exc:
        release = exc.params.get("indicator") if exc.key == "datasrc.problem.mixed_release" else None
        return None, html.Div([error_message(exc, lang),
                               own_series_button(str(release), dataset, lang) if release and mapping is None else None,
                               # no "tick replace to add" under a refusal that replacing does not lift
                               preview({**summary, "conflicts": 0}, display_name(filename), list(table.warnings),
                                       records[:PREVIEW_ROWS], dataset, lang, checks=table.checks)]), True
    years = summary["years"]
    try:
        key = res.imports.put(records)
    except OSError:  # a full disk, or an import folder that is not the server's own: the log says which
        log.exception("cannot keep the rows of %r", display_name(filename))
        return None, error_message(DataError(Location(display_name(filename)), t("datasrc.import.err_keep", lang),
                                             key="datasrc.import.err_keep"), lang), True
    pending = {"filename": display_name(filename), "key": key, "n": len(records), "conflicts": int(summary["conflicts"]),
               "indicators": summary["indicator_ids"], "years": [years[0], years[-1]] if years else [],
               **({"new_indicators": list(table.new_indicators)} if table.new_indicators else {})}
    shown = preview(summary, display_name(filename), list(table.warnings), records[:PREVIEW_ROWS], dataset, lang,
                    checks=table.checks)
    unverified = unverified_releases(dataset, table) if mapping is None else {}
    if unverified:  # only new years of a bundled series: its release cannot be checked; say so, offer the way out
        shown = html.Div([shown, *[html.Div([
            html.P(t("datasrc.import.unverified_release", lang, indicator=dataset.indicator(i)[f"name_{lang}"],
                     existing=vintage_text(v, lang)), className="warn"),
            own_series_button(i, dataset, lang)], className="preview-release") for i, v in unverified.items()]])
    return pending, shown, add_disabled(pending, False)


@callback(
    Output(DataIds.PENDING, "data", allow_duplicate=True), Output(DataIds.PREVIEW, "children", allow_duplicate=True),
    Output(DataIds.ADD, "disabled", allow_duplicate=True),
    Input({"type": DataIds.OWN_SERIES, "indicator": ALL}, "n_clicks"),
    State(DataIds.UPLOAD, "contents"), State(DataIds.UPLOAD, "filename"), State(Ids.USER_DATA, "data"),
    State(Ids.LANG_STORE, "data"), prevent_initial_call=True,
)
def import_as_own_series(clicks, contents, filename, user_data, lang):
    """The file of another release read again as a series of its own: a copy of the refused
    indicator (unit, direction) named after the file, previewed like any upload."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(clicks or []) or not contents:
        return no_update, no_update, no_update
    dataset = resources().dataset_for(user_data)
    indicator_id = str(trigger.get("indicator"))
    if not dataset.has_indicator(indicator_id):
        return no_update, no_update, no_update
    series = own_series(dataset, indicator_id, display_name(str(filename or "upload")))
    return parse_upload(contents, filename, None, user_data, _lang(lang), mapping=ColumnMapping(new_indicator=series))


def refusal_message(refused: dict, lang: str) -> dbc.Alert:
    """What assets/upload_refusal.js reported: a file the browser did not send (too large, or
    not a kind we read), or a request the server refused as too large (HTTP 413)."""
    reason = refused.get("reason") if refused.get("reason") in REFUSAL_REASONS else "request"
    name = display_name(str(refused.get("name") or "")) if refused.get("name") else "?"
    size = refused.get("size")
    size_text = format_number(size / 1_048_576, lang, 1, unit="MB") if isinstance(size, (int, float)) else "—"
    return dbc.Alert([
        html.Strong(t("datasrc.import.err_title", lang)),
        html.P(t("datasrc.import.err_file", lang, file=name), className="err-where") if reason != "request" else None,
        html.P(t(f"datasrc.import.refused_{reason}", lang, size=size_text, mb=MAX_IMPORT_BYTES // 1_048_576,
                 kinds=UPLOAD_ACCEPT.replace(',', ', ')), className="err-what"),
    ], color="danger", className="upload-error upload-refused")


@callback(
    Output(DataIds.PENDING, "data"), Output(DataIds.PREVIEW, "children"), Output(DataIds.ADD, "disabled"),
    Output(DataIds.UPLOAD_MESSAGE, "children", allow_duplicate=True),
    Input(DataIds.UPLOAD, "contents"), Input(DataIds.UPLOAD_INDICATOR, "value"), Input(DataIds.REFUSED, "data"),
    State(DataIds.UPLOAD, "filename"), State(Ids.USER_DATA, "data"), State(Ids.LANG_STORE, "data"),
    prevent_initial_call="initial_duplicate",
)
def read_upload(contents, indicator_id, refused, filename, user_data, lang):
    """A chosen file is previewed; a refused one (see refusal_message) replaces the preview with
    why. Either way the last import's success message goes: it no longer describes the panel."""
    lang = _lang(lang)
    if user_trigger() == DataIds.REFUSED:
        if not isinstance(refused, dict):
            return no_update, no_update, no_update, no_update
        return None, refusal_message(refused, lang), True, None
    pending, shown, disabled = parse_upload(contents, filename, indicator_id, user_data, lang)
    return pending, shown, disabled, (None if contents and user_trigger() == DataIds.UPLOAD else no_update)


def add_disabled(pending: dict | None, replace: bool | None) -> bool:
    """Add waits for a read file, and for the replace choice when the file differs from loaded values
    (without it the add would only be refused)."""
    if not isinstance(pending, dict) or not pending.get("key"):
        return True
    return bool(pending.get("conflicts")) and not replace


@callback(Output(DataIds.ADD, "disabled", allow_duplicate=True),
          Input(DataIds.PENDING, "data"), Input(DataIds.REPLACE, "value"), prevent_initial_call=True)
def gate_add(pending, replace):
    return add_disabled(pending, replace)


def add_pending(pending: dict | None, replace: bool, user_data: dict | None, lang: str):
    """(new store value or no_update, message). The store changes only when the merge succeeds."""
    if not isinstance(pending, dict) or not pending.get("key"):
        return no_update, html.P(t("datasrc.import.nothing", lang), className="hint")
    res = resources()
    rows = res.imports.get(pending["key"])
    if not rows:
        return no_update, error_message(DataError(Location(str(pending.get("filename", "?"))),
                                                  t("datasrc.import.gone", lang), key="datasrc.import.gone"), lang)
    if _already_added(pending, rows, user_data):
        return no_update, html.P(t("datasrc.import.already_added", lang, file=pending.get("filename", "?")),
                                 className="hint upload-duplicate")
    held = sum(int(u.get("n") or len(u.get("rows") or [])) for u in uploads_of(user_data) if isinstance(u, dict))
    if held + len(rows) > MAX_TAB_ROWS:
        return no_update, error_message(DataError(Location(str(pending.get("filename", "?"))),
                                                  t("datasrc.import.too_many_rows", lang, n=len(rows), held=held,
                                                    max=MAX_TAB_ROWS), key="datasrc.import.too_many_rows",
                                                  params={"n": len(rows), "held": held, "max": MAX_TAB_ROWS}), lang)
    current = res.dataset_for(user_data)
    frame = pd.DataFrame(rows, columns=list(current.observations.columns))
    try:
        merge_import(current, ImportedTable(observations=frame, new_indicators=tuple(pending.get("new_indicators") or ())),
                     replace=bool(replace))
        new_store = with_stored_upload(user_data, pending, bool(replace))
        merged = res.dataset_for(new_store)
    except DataError as exc:
        return no_update, error_message(exc, lang)
    years = sorted({int(r["year"]) for r in rows})
    indicator_id = rows[0]["indicator_id"]
    link = None
    if merged.has_indicator(indicator_id) and years:
        state, _ = parse_query(None, merged)
        state = state.with_(lang=lang, view="map", indicator_id=indicator_id, year=years[-1])
        link = dcc.Link(t("datasrc.import.see_map", lang), href=to_query(state), className="map-link")
    return new_store, html.Div([
        html.Span(t("datasrc.import.added", lang, file=pending["filename"], n=len(rows))), " ", link,
    ], className="upload-ok")


def _already_added(pending: dict, rows: list[dict], user_data: dict | None) -> bool:
    """The same file (name and rows) is already one of the tab's imports: a second copy would only
    list it twice (a double click on Add, or the file chosen again)."""
    for upload in uploads_of(user_data):
        if not isinstance(upload, dict) or upload.get("filename") != pending.get("filename"):
            continue
        kept = upload.get("rows") if "rows" in upload else resources().imports.get(str(upload.get("key") or ""))
        if upload.get("key") == pending.get("key") or kept == rows:
            return True
    return False


def with_stored_upload(user_data: dict | None, pending: dict, replace: bool) -> dict:
    """A new store value with one upload appended by key and summary (never its rows)."""
    entry = {"filename": str(pending.get("filename", "?")), "replace": bool(replace), "key": pending["key"],
             "n": int(pending.get("n") or 0), "indicators": list(pending.get("indicators") or []),
             "years": list(pending.get("years") or [])}
    if pending.get("new_indicators"):
        entry["new_indicators"] = list(pending["new_indicators"])  # a user indicator travels with its rows
    kept = user_data if isinstance(user_data, dict) else {}    # other keys (the open workspace) stay
    return {**kept, "uploads": [*uploads_of(user_data), entry]}


def remove_upload(index: int, user_data: dict | None, lang: str):
    """(new store value or no_update, message). Refused if what remains no longer merges."""
    uploads = uploads_of(user_data)
    if not 0 <= index < len(uploads):
        return no_update, no_update
    new_store = without_upload(user_data, index)
    try:
        resources().dataset_for(new_store)
    except DataError as exc:
        return no_update, error_message(exc, lang)
    return new_store, html.P(t("datasrc.import.removed", lang, file=uploads[index].get("filename", "?")),
                             className="hint")


@callback(
    Output(Ids.USER_DATA, "data", allow_duplicate=True),
    Output(DataIds.UPLOAD_MESSAGE, "children"),
    Output(DataIds.UPLOAD, "contents"),
    Input(DataIds.ADD, "n_clicks"), Input({"type": DataIds.REMOVE_UPLOAD, "index": ALL}, "n_clicks"),
    State(DataIds.PENDING, "data"), State(DataIds.REPLACE, "value"),
    State(Ids.USER_DATA, "data"), State(Ids.LANG_STORE, "data"), State(DataIds.TO_WORKSPACE, "value"),
    prevent_initial_call=True,
)
def change_uploads(_add, _removes, pending, replace, user_data, lang, to_workspace=False):
    lang = _lang(lang)
    trigger = ctx.triggered_id
    clicked = bool(ctx.triggered and ctx.triggered[0].get("value"))
    if not clicked:  # a re-rendered button list, not a click
        return no_update, no_update, no_update
    if trigger == DataIds.ADD:
        store, message = add_pending(pending, replace, user_data, lang)
        if store is not no_update and to_workspace:     # a workspace open for editing keeps it for the team
            store, saved = save_last_import(store, lang)
            message = html.Div([message, saved]) if saved is not None else message
        return store, message, (None if store is not no_update else no_update)
    if isinstance(trigger, dict) and trigger.get("type") == DataIds.REMOVE_UPLOAD:
        store, message = remove_upload(int(trigger.get("index", -1)), user_data, lang)
        return store, message, no_update
    return no_update, no_update, no_update


@callback(Output(DataIds.UPLOADS, "children"), Input(Ids.USER_DATA, "data"), State(Ids.LANG_STORE, "data"))
def show_uploads(user_data, lang):
    res, lang = resources(), _lang(lang)
    problems = {index: t("datasrc.import.gone", lang) if why == IMPORT_GONE else why
                for index, why in res.upload_problems(user_data).items()}
    return uploads_list(user_data, res.dataset, lang, problems=problems)


# --- programme roles ---------------------------------------------------------------------
def bundled_pilots(dataset) -> list[str]:
    return dataset.roles.loc[dataset.roles["role"] == "pilot", "area_code"].tolist()


def pilots_note(dataset, pilots: tuple[str, ...] | None, lang: str) -> list:
    """What the pilot list in use is, in words; a study province chosen as a pilot is named as
    the user's choice, never as a sourced pilot."""
    sourced = bundled_pilots(dataset)
    study = set(dataset.roles.loc[dataset.roles["role"] == "study", "area_code"])
    names = lambda codes: "、".join(dataset.area_name(c, lang) for c in codes) or t("datasrc.roles.none", lang)  # noqa: E731
    if pilots is None:
        return [html.P(t("datasrc.roles.using_file", lang, names=names(sourced)))]
    parts = [html.P(t("datasrc.roles.using_link", lang, names=names(pilots)))]
    unsourced = [c for c in pilots if c not in sourced]
    if unsourced:
        parts.append(html.P(t("datasrc.roles.unsourced", lang, names=names(unsourced)), className="warn"))
    chosen_study = [c for c in unsourced if c in study]
    if chosen_study:
        parts.append(html.P(t("datasrc.roles.study_chosen", lang, names=names(chosen_study)), className="warn"))
    return parts


@callback(
    Output(DATA_URL, "search", allow_duplicate=True),
    Output(DataIds.PILOTS, "value"), Output(DataIds.PILOTS_NOTE, "children"),
    Output(DATA_QUERY, "data"),  # the link written, as the view's gate would pass it
    Input(DATA_QUERY, "data"), Input(DataIds.PILOTS, "value"), Input(DataIds.PILOTS_RESET, "n_clicks"),
    State(Ids.LANG_STORE, "data"),
    prevent_initial_call="initial_duplicate",
)
def sync_pilots(search, value, _reset, lang):
    """The pilot list, both ways between the link (`pilots=530000,520000`) and the multi-select.

    One callback on purpose: a URL -> value callback and a value -> URL callback would form a
    loop across two callbacks, which stalls Dash's initial calls for every other view."""
    dataset = resources().dataset
    trigger = user_trigger()
    if trigger in (DataIds.PILOTS, DataIds.PILOTS_RESET):
        query = pilots_to_url(value, search, reset=trigger == DataIds.PILOTS_RESET)
        if query is no_update:
            return no_update, no_update, no_update, no_update
        search = query
    else:
        query = no_update
    state, _ = parse_query(search, dataset)
    chosen = list(state.pilots) if state.pilots is not None else bundled_pilots(dataset)
    return query, (chosen if chosen != value else no_update), pilots_note(dataset, state.pilots, _lang(lang)), query


def pilots_to_url(value, search, *, reset: bool = False):
    """The query with the chosen pilot list, or no_update when it is the list already linked;
    reset removes the parameter (back to the sourced list)."""
    dataset = resources().dataset
    state, _ = parse_query(search, dataset)
    if reset:
        new = state.with_(pilots=None)
    else:
        provinces = set(dataset.province_codes())
        chosen = tuple(dict.fromkeys(c for c in (value or []) if c in provinces))
        current = state.pilots if state.pilots is not None else tuple(bundled_pilots(dataset))
        if set(chosen) == set(current):
            return no_update
        new = state.with_(pilots=chosen)
    query = to_query(new)
    return query if query != (search or "") else no_update


from dashboard.callbacks import import_mapping  # noqa: E402,F401  (the mapping step's callbacks register on import)

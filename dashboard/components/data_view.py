"""The 'data' view's layout. `data_view(dataset, lang)` is placed in its container by the shell.

Five panels, one under the other (every control exists from the start, so callbacks can reach
them): coverage, sources, downloads, import of the user's own data, programme roles.
What depends on the tab's uploads or the URL is filled by dashboard.callbacks.data_view.
"""
from __future__ import annotations

import re
from enum import StrEnum

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.data.dataset import Dataset
from dashboard.data.importers.base import MAX_IMPORT_BYTES
from dashboard.figures.coverage import CELL_FLAGGED, CELL_MISSING, CELL_USER
from dashboard.components.import_mapping import mapping_panel, place_text
from dashboard.i18n import has_key, t, vintage_text
from dashboard.i18n.numbers import format_number


class DataIds(StrEnum):
    """IDs of this view (prefixed, so they never collide with another view's)."""

    THEME = "datasrc-theme"
    COVERAGE = "datasrc-coverage"
    COVERAGE_INDICATOR = "datasrc-coverage-indicator"
    PROVINCE_COVERAGE = "datasrc-province-coverage"
    PROVINCE_CAPTION = "datasrc-province-caption"
    SOURCE_SEARCH = "datasrc-source-search"
    SOURCE_COUNT = "datasrc-source-count"
    SOURCES = "datasrc-sources"
    DOWNLOAD = "datasrc-download"
    DOWNLOAD_CSV = "datasrc-download-csv"
    DOWNLOAD_XLSX = "datasrc-download-xlsx"
    TEMPLATE_CSV = "datasrc-template-csv"
    TEMPLATE_XLSX = "datasrc-template-xlsx"
    DOWNLOAD_NOTE = "datasrc-download-note"
    UPLOAD = "datasrc-upload"
    UPLOAD_INDICATOR = "datasrc-upload-indicator"
    PENDING = "datasrc-pending"
    PREVIEW = "datasrc-preview"
    REPLACE = "datasrc-replace"
    ADD = "datasrc-add"
    TO_WORKSPACE = "datasrc-to-workspace"   # also save the import into the open workspace (issue 12)
    UPLOAD_MESSAGE = "datasrc-upload-message"
    UPLOADS = "datasrc-uploads"
    REMOVE_UPLOAD = "datasrc-remove-upload"     # pattern {"type": REMOVE_UPLOAD, "index": i}
    OWN_SERIES = "datasrc-own-series"  # pattern id {"type", "indicator"}: import a release as its own series
    PILOTS = "datasrc-pilots"
    PILOTS_RESET = "datasrc-pilots-reset"
    PILOTS_NOTE = "datasrc-pilots-note"
    ROLES = "datasrc-roles"
    REFUSED = "datasrc-refused"                 # what assets/upload_refusal.js reports it kept from the server
    UPLOAD_ZONE = "datasrc-upload-zone"         # wraps the upload; data-* attributes give the JS its limits


UPLOAD_ACCEPT = ".csv,.txt,.xlsx,.xls"


SECTIONS = ("coverage", "sources", "download", "import", "roles")
GRID_LOCALE_ZH = {
    "noRowsToShow": "没有可显示的行", "loadingOoo": "加载中…", "filterOoo": "筛选…", "contains": "包含",
    "equals": "等于", "notEqual": "不等于", "startsWith": "开头是", "endsWith": "结尾是", "notContains": "不包含",
    "blank": "空白", "notBlank": "非空白", "andCondition": "且", "orCondition": "或",
}


def _grid_options(lang: str, **extra) -> dict:
    options = {"suppressCellFocus": False, "enableCellTextSelection": True, "ensureDomOrder": True, **extra}
    if lang == "zh":
        options["localeText"] = GRID_LOCALE_ZH
    return options


# --- coverage ----------------------------------------------------------------------------
def coverage_columns(years: list[int], lang: str) -> list[dict]:
    """Indicator, theme and flags pinned left; one narrow, heat-coloured column per year."""
    fixed = [
        {"field": "name", "headerName": t("datasrc.coverage.col_indicator", lang), "pinned": "left",
         "width": 230, "filter": True, "tooltipField": "indicator_id"},
        {"field": "theme", "headerName": t("datasrc.coverage.col_theme", lang), "width": 170, "filter": True,
         "tooltipField": "theme"},
        {"field": "flags", "headerName": t("datasrc.coverage.col_flags", lang), "width": 190, "tooltipField": "flags",
         "headerTooltip": t("datasrc.coverage.flags_help", lang),
         "cellClassRules": {"cov-flagged": "params.value != ''"}},
        {"field": "national", "headerName": t("datasrc.coverage.col_national", lang), "width": 100,
         "type": "numericColumn"},
        {"field": "user", "headerName": t("datasrc.coverage.col_user", lang), "width": 90,
         "cellClassRules": {"cov-user": "params.value > 0"}},
    ]
    heat = {
        "cov-none": "params.value == null",
        "cov-1": "params.value > 0 && params.value < 10",
        "cov-2": "params.value >= 10 && params.value < 25",
        "cov-3": "params.value >= 25 && params.value < 31",
        "cov-4": "params.value >= 31",
    }
    by_year = [{"field": str(year), "headerName": str(year), "width": 60, "headerClass": "year-head", "type": "numericColumn",
                "cellClassRules": heat, "sortable": True,
                "valueFormatter": {"function": "params.value == null ? '—' : String(params.value)"}}
               for year in years]
    return fixed + by_year


def province_columns(years: list[int], lang: str) -> list[dict]:
    rules = {
        "cell-missing": f"params.data[params.colDef.field + '_kind'] == '{CELL_MISSING}'",
        "cell-flagged": f"params.data[params.colDef.field + '_kind'] == '{CELL_FLAGGED}'",
        "cell-user": f"params.data[params.colDef.field + '_kind'] == '{CELL_USER}'",
    }
    missing = t("datasrc.coverage.missing_cell", lang)
    fixed = [
        {"field": "name", "headerName": t("datasrc.coverage.col_province", lang), "pinned": "left", "width": 130},
        {"field": "have", "headerName": t("datasrc.coverage.col_have", lang), "width": 110, "type": "numericColumn"},
    ]
    by_year = [{"field": str(year), "headerName": str(year), "width": 92, "type": "numericColumn",
                "cellClassRules": rules,
                "valueFormatter": {"function": f"params.value == null ? '{missing}' : params.value"}}
               for year in years]
    return fixed + by_year


def legend(lang: str) -> html.Ul:
    items = [("cov-4", "legend_full"), ("cov-2", "legend_some"), ("cov-none", "legend_none"),
             ("cell-missing", "legend_missing"), ("cell-flagged", "legend_flagged"), ("cell-user", "legend_user")]
    return html.Ul([html.Li([html.Span(className=f"swatch {cls}", **{"aria-hidden": "true"}),  # type: ignore[arg-type]
                             t(f"datasrc.coverage.{key}", lang)]) for cls, key in items],
                   className="coverage-legend")


def coverage_panel(dataset: Dataset, lang: str) -> html.Section:
    indicators = dataset.indicators
    with_data = set(dataset.observations["indicator_id"])
    options = [{"label": f"{getattr(r, f'name_{lang}')} ({r.indicator_id})", "value": r.indicator_id}
               for r in indicators.itertuples() if r.indicator_id in with_data]
    return html.Section(id="datasrc-sec-coverage", className="panel datasrc-panel", children=[
        html.H2(t("datasrc.coverage.title", lang)),
        html.P(t("datasrc.coverage.intro", lang), className="hint"),
        html.Div(className="datasrc-controls", children=[
            html.Div([
                html.Label(t("datasrc.coverage.theme", lang), htmlFor=DataIds.THEME),
                dcc.Dropdown(id=DataIds.THEME, value="all", clearable=False, searchable=True,
                             options=[{"label": t("datasrc.coverage.theme_all", lang), "value": "all"}]),
            ]),
        ]),
        legend(lang),
        dag.AgGrid(id=DataIds.COVERAGE, className="ag-theme-alpine datasrc-grid coverage-grid",
                   rowData=[], columnDefs=[], getRowId="params.data.indicator_id",
                   defaultColDef={"sortable": True, "resizable": True, "suppressHeaderMenuButton": True},
                   dashGridOptions=_grid_options(lang, tooltipShowDelay=300, rowHeight=30),
                   style={"height": "460px"}),
        html.P(t("datasrc.coverage.click_hint", lang), className="hint"),
        html.H3(t("datasrc.coverage.by_province", lang)),
        html.Div(className="datasrc-controls", children=[
            html.Div([
                html.Label(t("datasrc.coverage.indicator", lang), htmlFor=DataIds.COVERAGE_INDICATOR),
                dcc.Dropdown(id=DataIds.COVERAGE_INDICATOR, options=options, clearable=False, searchable=True,
                             value=options[0]["value"] if options else None),
            ]),
        ]),
        html.P(id=DataIds.PROVINCE_CAPTION, className="province-caption", **{"aria-live": "polite"}),  # type: ignore[arg-type]
        dag.AgGrid(id=DataIds.PROVINCE_COVERAGE, className="ag-theme-alpine datasrc-grid province-grid",
                   rowData=[], columnDefs=[], getRowId="params.data.area_code",
                   defaultColDef={"sortable": True, "resizable": True, "suppressHeaderMenuButton": True},
                   dashGridOptions=_grid_options(lang, rowHeight=28), style={"height": "520px"}),
    ])


# --- sources -----------------------------------------------------------------------------
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def markdown_text(value: object) -> str:
    """Text from the data, shown literally by dcc.Markdown: every punctuation mark that Markdown
    could read as syntax is escaped, and line breaks become spaces (a blank line would end the
    card's list)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))


def _label(text: str, lang: str) -> str:
    text = text.rstrip()
    return markdown_text(text if text.endswith((":", "：")) else text + ("：" if lang == "zh" else ":"))


def source_markdown(record: dict, lang: str) -> str:
    """One citation as Markdown: title, id, then publisher, year, table, URL, licence, where we
    got it, what uses it, and its doubts."""
    lines = [f"### {markdown_text(record['title'])}", "", f"`{str(record['source_id']).replace('`', '')}`", ""]
    for key in ("publisher", "year", "table", "url", "licence", "via"):
        if record.get(key):
            value = f"`{str(record[key]).replace('`', '')}`" if key == "url" else markdown_text(record[key])
            lines.append(f"- **{_label(t(f'datasrc.sources.{key}', lang), lang)}** {value}")
    used = []
    if record.get("values"):
        used.append(t("datasrc.sources.values", lang, n=record["values"]))
    if record.get("frameworks"):
        used.append(t("datasrc.sources.frameworks", lang,
                      names="、".join(t(f"terms.framework_short.{f}", lang) for f in record["frameworks"])))
    if used:
        joined = "；".join(used) if lang == "zh" else "; ".join(used)
        lines.append(f"- **{_label(t('datasrc.sources.used', lang), lang)}** {markdown_text(joined)}")
    if record.get("doubts"):
        lines += ["", f"> **{_label(t('datasrc.sources.doubts', lang), lang)}** {markdown_text(record['doubts'])}"]
    return "\n".join(lines)


def source_card(record: dict, lang: str) -> html.Article:
    """One citation. Its text is one Markdown component, not some twenty html components: with
    every source listed, Dash's renderer re-ran ~1,600 components on each callback answer of the
    data view and held the browser for about 7 s when the view opened."""
    return html.Article(className="source-card" + (" user-source" if record.get("user") else ""), children=[
        html.Span(t("datasrc.sources.user_badge", lang), className="badge user-badge") if record.get("user") else None,
        dcc.Markdown(source_markdown(record, lang), className="source-text"),
    ])


def sources_panel(lang: str) -> html.Section:
    return html.Section(id="datasrc-sec-sources", className="panel datasrc-panel", children=[
        html.H2(t("datasrc.sources.title", lang)),
        html.P(t("datasrc.sources.intro", lang), className="hint"),
        html.Div(className="datasrc-controls", children=[
            html.Div([
                html.Label(t("datasrc.sources.search", lang), htmlFor=DataIds.SOURCE_SEARCH),
                dcc.Input(id=DataIds.SOURCE_SEARCH, type="search", debounce=0.3, value="",
                          placeholder=t("datasrc.sources.search_placeholder", lang), className="form-control"),
            ]),
        ]),
        html.P(id=DataIds.SOURCE_COUNT, className="hint", **{"aria-live": "polite"}),  # type: ignore[arg-type]
        html.Div(id=DataIds.SOURCES, className="source-list"),
    ])


# --- downloads ---------------------------------------------------------------------------
def download_panel(lang: str) -> html.Section:
    def button(id_: str, key: str) -> html.Button:
        return html.Button(t(f"datasrc.download.{key}", lang), id=id_, n_clicks=0, className="btn btn-outline-primary")

    return html.Section(id="datasrc-sec-download", className="panel datasrc-panel", children=[
        html.H2(t("datasrc.download.title", lang)),
        html.P(t("datasrc.download.intro", lang), className="hint"),
        html.Div(className="download-buttons", children=[
            button(DataIds.DOWNLOAD_CSV, "dataset_csv"), button(DataIds.DOWNLOAD_XLSX, "dataset_xlsx"),
        ]),
        html.P(id=DataIds.DOWNLOAD_NOTE, className="hint"),
        html.H3(t("datasrc.template.title", lang)),
        html.Ul([html.Li(t(f"datasrc.template.guide_{i}", lang)) for i in range(1, 6)], className="template-guide"),
        html.Div(className="download-buttons", children=[
            button(DataIds.TEMPLATE_CSV, "template_csv"), button(DataIds.TEMPLATE_XLSX, "template_xlsx"),
        ]),
        dcc.Download(id=DataIds.DOWNLOAD),
    ])


# --- import ------------------------------------------------------------------------------
def import_panel(dataset: Dataset, lang: str) -> html.Section:
    options = [{"label": f"{getattr(r, f'name_{lang}')} ({r.indicator_id})", "value": r.indicator_id}
               for r in dataset.indicators.itertuples()]
    limit_mb = MAX_IMPORT_BYTES // 1_048_576
    return html.Section(id="datasrc-sec-import", className="panel datasrc-panel", children=[
        html.H2(t("datasrc.import.title", lang)),
        html.P(t("datasrc.import.intro", lang, mb=limit_mb), className="hint"),
        html.Div(className="datasrc-controls", children=[
            html.Div([
                html.Label(t("datasrc.import.indicator", lang), htmlFor=DataIds.UPLOAD_INDICATOR),
                dcc.Dropdown(id=DataIds.UPLOAD_INDICATOR, options=options, value=None, clearable=True,
                             searchable=True, placeholder=t("datasrc.import.indicator_auto", lang)),
            ]),
        ]),
        # The browser drops a file over max_size or not in `accept` without telling anyone:
        # assets/upload_refusal.js checks it first, against the same limits, and reports it
        # into the REFUSED store (a callback words it); it also reports a 413 from the server.
        html.Div(id=DataIds.UPLOAD_ZONE, className="upload-guard", **{  # type: ignore[arg-type]
            "data-max-bytes": str(MAX_IMPORT_BYTES), "data-accept": UPLOAD_ACCEPT,
            "data-refused-store": DataIds.REFUSED}, children=[
            dcc.Upload(id=DataIds.UPLOAD, max_size=MAX_IMPORT_BYTES, multiple=False,
                       accept=UPLOAD_ACCEPT, className="upload-zone",
                       children=html.Div([t("datasrc.import.drop", lang), " ",
                                          html.Span(t("datasrc.import.choose", lang), className="upload-link")])),
        ]),
        dcc.Store(id=DataIds.REFUSED, storage_type="memory"),
        dcc.Store(id=DataIds.PENDING, storage_type="memory"),
        mapping_panel(dataset, lang),
        html.Div(id=DataIds.PREVIEW, className="upload-preview", **{"aria-live": "polite"}),  # type: ignore[arg-type]
        html.Div(className="add-row", children=[
            dbc.Checkbox(id=DataIds.REPLACE, value=False, label=t("datasrc.import.replace", lang)),
            dbc.Checkbox(id=DataIds.TO_WORKSPACE, value=True, label=t("workspace.import.to_workspace", lang)),
            html.Button(t("datasrc.import.add", lang), id=DataIds.ADD, n_clicks=0, disabled=True,
                        className="btn btn-primary"),
        ]),
        html.Div(id=DataIds.UPLOAD_MESSAGE, role="status", **{"aria-live": "polite"}),  # type: ignore[arg-type]
        html.H3(t("datasrc.import.list_title", lang)),
        html.Div(id=DataIds.UPLOADS, className="upload-list"),
    ])


def preview(summary: dict, filename: str, warnings: list[str], sample: list[dict], dataset: Dataset,
            lang: str, checks=()) -> html.Div:
    """What the file holds, before it is added: counts, areas, years, indicator, warnings, rows."""
    years = summary["years"]
    year_text = (f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])) if years else "—"
    sep = "、" if lang == "zh" else ", "
    facts = [
        (t("datasrc.import.p_file", lang), filename),
        (t("datasrc.import.p_rows", lang), str(summary["rows"])),
        (t("datasrc.import.p_indicator", lang), sep.join(summary["indicators"])),
        (t("datasrc.import.p_years", lang), year_text),
        (t("datasrc.import.p_areas", lang), f"{len(summary['areas'])}: " + sep.join(summary["areas"][:12])
         + ("…" if len(summary["areas"]) > 12 else "")),
    ]
    notes = []
    if summary["conflicts"]:
        notes.append(html.Li(t("datasrc.import.p_conflicts", lang, n=summary["conflicts"]), className="warn"))
    if summary["already"]:
        notes.append(html.Li(t("datasrc.import.p_already", lang, n=summary["already"])))
    notes += [html.Li(problem_text(w, lang)) for w in warnings]
    # A county (or prefecture) file's first column is not provinces: head it 地区 / Area.
    below_province = any(str(r["area_code"])[2:] != "0000" for r in sample)
    head = [t("datasrc.import.col_area" if below_province else "ui.label.province", lang), t("ui.label.indicator", lang),
            t("ui.label.year", lang), t("ui.label.value", lang), t("ui.label.flag", lang)]
    rows = [html.Tr([html.Td(dataset.area_name(r["area_code"], lang) if dataset.has_area(r["area_code"]) else r["area_code"]),
                     html.Td(r["indicator_id"]), html.Td(r["year"]),
                     html.Td(format_number(r["value"], lang, 2) if r["value"] is not None else "—"),
                     html.Td(t(f"terms.flag.{r['flag']}", lang) if r.get("flag") else "")])
            for r in sample]
    return html.Div([
        html.H3(t("datasrc.import.preview_title", lang)),
        html.Dl([part for key, value in facts for part in (html.Dt(key), html.Dd(value))], className="preview-facts"),
        html.Ul(notes, className="preview-notes") if notes else None,
        checks_list(checks, lang),
        html.Table([html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(rows)],
                   className="table table-sm preview-table"),
        html.P(t("datasrc.import.p_sample", lang, n=len(sample), total=summary["rows"]), className="hint"),
    ])


def _where(location, lang: str, *, file: bool = True) -> str:
    parts = []
    if location is not None:
        if file:
            parts.append(t("datasrc.import.err_file", lang, file=place_text(location.file, lang)))
        if location.row is not None:
            parts.append(t("datasrc.import.err_row", lang, row=location.row))
        if location.column is not None:
            parts.append(t("datasrc.import.err_column", lang, column=location.column))
    return ("，" if lang == "zh" else ", ").join(parts)


def problem_text(problem, lang: str) -> str:
    """A data problem in the user's language: its catalogue text when it names one, else its message."""
    key = getattr(problem, "key", None)
    if key and has_key(key, lang):
        try:
            params = dict(getattr(problem, "params", {}) or {})
            # a bundled release named in the problem ("existing": the dataset's vintage) in `lang`
            params.update({k: vintage_text(params[k], lang) for k in ("existing", "vintage") if k in params})
            return t(key, lang, **params)
        except (KeyError, IndexError, ValueError):  # a parameter the text lacks: the English message
            pass
    return getattr(problem, "message", str(problem))


# Problems fixed by a choice on this page (the column mapping, the indicator, the replace box),
# not in the file: their message must not send the user to Excel.
CHOICE_PROBLEMS = frozenset(f"datasrc.problem.{what}" for what in (
    "new_indicator_direction", "new_indicator_unit", "new_indicator_name", "mapped_column_twice",
    "mapped_column_missing", "repeated_column", "no_data_sheet", "no_value_column", "nbs_indicator",
    "no_indicator_column", "conflicts",
))
# Problems with nothing to fix in the file (the server's or the browser's side), or whose text
# already says what to do instead (export another NBS table): no general advice after them.
NOTHING_TO_FIX = frozenset({"datasrc.import.gone", "datasrc.import.too_many_rows", "datasrc.import.err_keep",
                            "datasrc.import.err_unexpected", "datasrc.problem.browser_unreadable",
                            "datasrc.problem.not_bytes", "datasrc.problem.indicator_rows_unknown",
                            "datasrc.problem.national_rows_unknown", "datasrc.problem.mixed_release"})


def fix_advice(problems, lang: str) -> str | None:
    """Where the user fixes these problems: on this page, in the file, or nowhere they can."""
    keys = {getattr(p, "key", None) for p in problems}
    if keys <= CHOICE_PROBLEMS:
        return t("datasrc.import.err_choose", lang)
    if keys <= CHOICE_PROBLEMS | NOTHING_TO_FIX:
        return None
    return t("datasrc.import.err_unchanged", lang)


def own_series_button(indicator_id: str, dataset: Dataset, lang: str) -> html.Button:
    """The way out of a mixed-release refusal: the file as a series of its own (a user indicator)."""
    name = dataset.indicator(indicator_id)[f"name_{lang}"] if dataset.has_indicator(indicator_id) else indicator_id
    return html.Button(t("datasrc.import.own_series", lang, indicator=name),
                       id={"type": DataIds.OWN_SERIES, "indicator": indicator_id}, n_clicks=0,
                       className="btn btn-outline-primary own-series")


def error_message(exc, lang: str) -> dbc.Alert:
    """A DataError as the user reads it: every problem, each where (file, row, column) and what;
    never a traceback."""
    problems = list(getattr(exc, "problems", ()) or [exc])
    if len(problems) == 1:
        where = _where(getattr(problems[0], "location", None), lang)
        body: list[html.P | html.Ol | None] = [
            html.P(where, className="err-where") if where else None,
            html.P(problem_text(problems[0], lang), className="err-what"),
        ]
    else:
        file = getattr(problems[0].location, "file", "")
        body = [
            html.P(t("datasrc.import.err_file", lang, file=place_text(file, lang)), className="err-where"),
            html.P(t("datasrc.import.err_count", lang, n=len(problems) + int(getattr(exc, "more", 0) or 0))),
            html.Ol([
                html.Li([html.Span(_where(p.location, lang, file=p.location.file != file), className="err-where"),
                         " — " if _where(p.location, lang, file=p.location.file != file) else "",
                         html.Span(problem_text(p, lang), className="err-what")])
                for p in problems
            ], className="err-list"),
        ]
        if getattr(exc, "more", 0):
            body.append(html.P(t("datasrc.import.err_more", lang, n=exc.more)))
    return dbc.Alert([
        html.Strong(t("datasrc.import.err_title", lang)),
        *body,
        html.P(advice, className="err-kept") if (advice := fix_advice(problems, lang)) else None,
    ], color="danger", className="upload-error")


def checks_list(checks, lang: str) -> html.Div | None:
    """Doubtful values of an upload (read as written), for the user to confirm or fix before adding."""
    if not checks:
        return None
    return html.Div([
        html.P(t("datasrc.import.checks_title", lang)),
        html.Ul([html.Li([html.Span(_where(c.location, lang, file=False), className="err-where"), " — ",
                          html.Span(problem_text(c, lang))], className="warn") for c in checks]),
    ], className="preview-checks")


def uploads_list(user_data: dict | None, dataset: Dataset, lang: str, problems: dict[int, str] | None = None) -> list:
    """The tab's imports, each with a remove button; one that no longer merges says why."""
    uploads = (user_data or {}).get("uploads") or [] if isinstance(user_data, dict) else []
    problems = problems or {}
    if not uploads:
        return [html.P(t("datasrc.import.none_yet", lang), className="hint")]
    items = []
    for index, upload in enumerate(uploads):
        upload = upload if isinstance(upload, dict) else {}
        if "key" in upload:  # rows kept on the server: the store holds their summary
            count = upload.get("n") if isinstance(upload.get("n"), int) else 0
            indicators = sorted(str(i) for i in upload.get("indicators") or [] if isinstance(i, str))
            years = sorted(int(y) for y in upload.get("years") or [] if isinstance(y, int))
        else:
            rows = [r for r in (upload.get("rows") or []) if isinstance(r, dict)] if isinstance(upload.get("rows"), list) else []
            count = len(rows)
            indicators = sorted({str(r.get("indicator_id")) for r in rows if r.get("indicator_id")})
            years = sorted({int(r["year"]) for r in rows if str(r.get("year", "")).isascii() and str(r.get("year", "")).isdigit()})
        names = "、".join(str(dataset.indicator(i)[f"name_{lang}"]) if dataset.has_indicator(i) else i for i in indicators)
        span = (f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])) if years else "—"
        items.append(html.Li(className="upload-item", children=[
            html.Span(t("datasrc.sources.user_badge", lang), className="badge user-badge"),
            html.Strong(upload.get("filename", "?")),
            html.Span(t("datasrc.import.item", lang, n=count, indicators=names, years=span)),
            html.Span(t("datasrc.import.item_replace", lang), className="badge replace-badge") if upload.get("replace") else None,
            html.Span(t("datasrc.import.stale", lang, file=upload.get("filename", "?"), why=problems[index]),
                      className="upload-stale", role="alert") if index in problems else None,
            html.Button(t("datasrc.import.remove", lang), id={"type": DataIds.REMOVE_UPLOAD, "index": index},
                        n_clicks=0, className="btn btn-sm btn-outline-danger",
                        **{"aria-label": t("datasrc.import.remove_label", lang, file=upload.get("filename", "?"))}),  # type: ignore[arg-type]
        ]))
    return [html.Ul(items, className="upload-items")]


# --- programme roles ---------------------------------------------------------------------
def roles_table(dataset: Dataset, lang: str) -> html.Table:
    head = [t("datasrc.roles.col_province", lang), t("datasrc.roles.col_role", lang),
            t("datasrc.roles.col_since", lang), t("datasrc.roles.col_source", lang), t("datasrc.roles.col_note", lang)]
    sources = dataset.sources.set_index("source_id")
    rows = []
    for role in dataset.roles.itertuples():
        source = role.source_id
        if isinstance(source, str) and source in sources.index:
            title = sources.at[source, f"title_{lang}"]
            title = title if isinstance(title, str) and title else sources.at[source, "title_en"]
            source_text = f"{title} ({source})"
        else:
            source_text = str(source) if isinstance(source, str) else "—"
        since = role.since_year
        rows.append(html.Tr(className=f"role-{role.role}", children=[
            html.Td(dataset.area_name(role.area_code, lang)),
            html.Td(html.Span(t(f"terms.role.{role.role}", lang), className=f"badge role-{role.role}")),
            html.Td("" if pd.isna(since) else str(int(since))),
            html.Td(source_text),
            html.Td(getattr(role, f"note_{lang}")),
        ]))
    return html.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(rows)],
                      id=DataIds.ROLES, className="table table-sm roles-table")


def roles_panel(dataset: Dataset, lang: str) -> html.Section:
    options = [{"label": dataset.area_name(code, lang), "value": code} for code in dataset.province_codes()]
    bundled = dataset.roles.loc[dataset.roles["role"] == "pilot", "area_code"].tolist()
    return html.Section(id="datasrc-sec-roles", className="panel datasrc-panel", children=[
        html.H2(t("datasrc.roles.title", lang)),
        html.P(t("datasrc.roles.intro", lang), className="roles-intro"),
        roles_table(dataset, lang),
        html.P(t("datasrc.roles.file", lang), className="hint"),
        html.H3(t("datasrc.roles.choose_title", lang)),
        html.Div(className="datasrc-controls", children=[
            html.Div([
                html.Label(t("datasrc.roles.choose", lang), htmlFor=DataIds.PILOTS),
                dcc.Dropdown(id=DataIds.PILOTS, options=options, value=bundled, multi=True, searchable=True,
                             placeholder=t("datasrc.roles.none", lang)),
            ]),
            html.Div(html.Button(t("datasrc.roles.reset", lang), id=DataIds.PILOTS_RESET, n_clicks=0,
                                 className="btn btn-outline-secondary"), className="reset-cell"),
        ]),
        html.P(id=DataIds.PILOTS_NOTE, className="pilots-note", **{"aria-live": "polite"}),  # type: ignore[arg-type]
    ])


def data_view(dataset: Dataset, lang: str) -> html.Div:
    toc = html.Nav(className="datasrc-toc", **{"aria-label": t("datasrc.toc.label", lang)}, children=[  # type: ignore[arg-type]
        html.A(t(f"datasrc.toc.{key}", lang), href=f"#datasrc-sec-{key}") for key in SECTIONS
    ])
    return html.Div(className="datasrc-view", children=[
        html.H1(t("datasrc.title", lang), className="view-title"),
        html.P(t("datasrc.intro", lang), className="hint"),
        toc,
        coverage_panel(dataset, lang),
        sources_panel(lang),
        download_panel(lang),
        import_panel(dataset, lang),
        roles_panel(dataset, lang),
    ])


__all__ = ["DataIds", "data_view", "coverage_columns", "province_columns", "source_card", "preview",
           "error_message", "uploads_list", "roles_table"]

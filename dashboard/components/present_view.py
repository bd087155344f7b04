"""The 'present' view: the storyboard editor, the presenting bar, and the export buttons.

While presenting, the URL is set to each slide's query, so the page shows that view; this
section stays visible only as the presenting bar (assets/present.css, `html.present-mode`).
Keys (← → PageUp PageDown Esc) and full screen live in assets/present.js: it clicks the
bar's buttons, so the keyboard, a clicker and the mouse take one path.
"""
from __future__ import annotations

from enum import StrEnum

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data.dataset import Dataset
from dashboard.i18n import t


# A storyboard is a list of links and notes: a few KB; the upload refuses more than this.
MAX_STORYBOARD_BYTES = 256 * 1024


class PresentIds(StrEnum):
    LAST_VIEW = "present-last-view"        # the last non-present view's query (memory store)
    SESSION = "present-session"            # {"playing", "index", "message"} (memory store)
    MODE_SINK = "present-mode-sink"        # output of the clientside class toggle
    START_LINK = "present-start-link"      # the slide a `?view=present&slide=N` link asks for
    EDITOR = "present-editor"
    BOARD_TITLE = "present-board-title"
    CURRENT = "present-current"
    ADD = "present-add"
    ADD_HEADER = "present-add-header"      # the header's one-click button (see add_view_button)
    LIST = "present-list"
    MESSAGE = "present-message"
    SAVE = "present-save"
    SAVE_DOWNLOAD = "present-save-download"
    UPLOAD = "present-upload"
    UPLOAD_REFUSED = "present-upload-refused"  # a file the browser did not send (assets/upload_refusal.js)
    START = "present-start"
    # presenting bar
    BAR = "present-bar"
    PREV = "present-prev"
    NEXT = "present-next"
    STOP = "present-stop"
    FULLSCREEN = "present-fullscreen"
    COUNTER = "present-counter"
    NOW_TITLE = "present-now-title"
    NOW_NOTE = "present-now-note"
    BAR_MESSAGE = "present-bar-message"
    STAGE = "present-stage"               # the slide itself while presenting (slide_stage)
    # pattern-matching types, one per slide row ({"type": ..., "index": i})
    SLIDE_UP = "present-slide-up"
    SLIDE_DOWN = "present-slide-down"
    SLIDE_DELETE = "present-slide-delete"
    SLIDE_TITLE = "present-slide-title"
    SLIDE_NOTE = "present-slide-note"
    SLIDE_START = "present-slide-start"
    # exports
    MAP_PNG = "present-map-png"
    MAP_SVG = "present-map-svg"
    TREND_PNG = "present-trend-png"
    TREND_SVG = "present-trend-svg"
    IMAGE_DOWNLOAD = "present-image-download"
    IMAGE_MESSAGE = "present-image-message"
    DATA_CSV = "present-data-csv"
    DATA_XLSX = "present-data-xlsx"
    DATA_DOWNLOAD = "present-data-download"
    DATA_MESSAGE = "present-data-message"
    BRIEF_AREA = "present-brief-area"
    BRIEF_HTML = "present-brief-html"
    BRIEF_PDF = "present-brief-pdf"
    BRIEF_DOWNLOAD = "present-brief-download"
    BRIEF_MESSAGE = "present-brief-message"
    DECK = "present-deck"
    DECK_DOWNLOAD = "present-deck-download"
    DECK_MESSAGE = "present-deck-message"


def add_view_button(lang: str) -> html.Button:
    """The one-click "add current view" for the page header (placed there by the shell)."""
    return html.Button(t("present.add_current", lang), id=PresentIds.ADD_HEADER, n_clicks=0,
                       className="present-add-header", title=t("present.add_current_help", lang))


def _button(label: str, id_: str, kind: str = "outline-primary", **extra) -> dbc.Button:
    return dbc.Button(label, id=id_, n_clicks=0, color=kind.removeprefix("outline-"),
                      outline=kind.startswith("outline-"), size="sm", className="me-2 mb-2", **extra)


def presenting_bar(lang: str) -> html.Div:
    """What the audience and presenter see on top of each slide's view."""
    return html.Div(id=PresentIds.BAR, className="present-bar", role="region",
                    **{"aria-label": t("present.heading", lang)}, children=[  # type: ignore[arg-type]
        html.Button(t("present.prev", lang), id=PresentIds.PREV, n_clicks=0, className="present-step"),
        html.Div(className="present-now", children=[
            html.Div(id=PresentIds.COUNTER, className="present-counter", **{"aria-live": "polite"}),  # type: ignore[arg-type]
            html.Div(id=PresentIds.NOW_TITLE, className="present-now-title"),
            html.Div(id=PresentIds.NOW_NOTE, className="present-now-note"),
            html.Div(id=PresentIds.BAR_MESSAGE, className="present-bar-message", role="status"),
            html.Div(t("present.fullscreen_refused", lang), className="present-fs-fallback", role="note"),
        ]),
        html.Button(t("present.next", lang), id=PresentIds.NEXT, n_clicks=0, className="present-step"),
        html.Div(className="present-bar-tools", children=[
            html.Button(t("present.fullscreen", lang), id=PresentIds.FULLSCREEN, n_clicks=0,
                        className="present-tool"),
            html.Button(t("present.stop", lang), id=PresentIds.STOP, n_clicks=0, className="present-tool"),
            html.Span(t("present.keys_help", lang), className="present-keys"),
        ]),
    ])


def slide_stage(slide, lang: str, *, title: str | None = None, index: int = 0, topojson_url: str = "") -> html.Div:
    """A slide for a projector: title, subtitle, the view's main chart(s), its key sentence and
    the source line, and no controls. ``slide`` is a dashboard.export.view_slides.ViewSlide
    whose figures are already styled for the room (view_slides.slide_figure)."""
    figures = list(slide.figures)[:max(1, min(2, slide.on_stage))]
    charts = [html.Div(className="present-stage-chart", children=dcc.Graph(
        figure=figure, responsive=True, className="present-stage-graph",
        # topojsonURL: the app's local stub, so plotly never calls its CDN (the room may be offline)
        config={"displayModeBar": False, "responsive": True, "scrollZoom": False,
                **({"topojsonURL": topojson_url} if topojson_url else {})},
        style={"height": "100%", "width": "100%"})) for _, figure in figures]
    rows = slide.table(slide.stage_table) if slide.stage_table else None
    if rows is not None:  # a county's card beside its county map
        charts.append(html.Div(className="present-stage-table", children=html.Table([
            html.Thead(html.Tr([html.Th(str(column), scope="col") for column in rows.columns])),
            html.Tbody([html.Tr([html.Th(str(values[0]), scope="row"), *[html.Td(str(v)) for v in values[1:]]])
                        for values in rows.itertuples(index=False)]),
        ])))
    layout = f"present-stage-n{len(charts)}" + (" present-stage-with-table" if rows is not None else "")
    return html.Div(className=f"present-stage-slide {layout} present-stage-{slide.view}", lang=lang,
                    role="group", **{"aria-label": t("present.stage_label", lang), "data-index": str(index),
                                     "data-view": slide.view}, children=[
        html.Header(className="present-stage-head", children=[
            html.H1(title or slide.title, className="present-stage-title"),
            html.P(slide.subtitle, className="present-stage-subtitle"),
        ]),
        html.Div(className="present-stage-charts", children=charts),
        html.P(slide.sentence, className="present-stage-sentence"),
        html.P(slide.source, className="present-stage-source"),
    ])


def _exports(dataset: Dataset, lang: str) -> html.Div:
    provinces = dataset.areas[dataset.areas["area_code"].isin(dataset.province_codes())]
    options = [{"label": getattr(row, f"name_{lang}"), "value": row.area_code} for row in provinces.itertuples()]
    return html.Div(className="panel present-exports", children=[
        html.H2(t("present.exports_heading", lang), className="present-h2"),
        html.Div([
            _button(t("present.map_png", lang), PresentIds.MAP_PNG),
            _button(t("present.map_svg", lang), PresentIds.MAP_SVG),
            _button(t("present.trend_png", lang), PresentIds.TREND_PNG),
            _button(t("present.trend_svg", lang), PresentIds.TREND_SVG),
        ]),
        html.P(t("present.image_help", lang), className="hint"),
        html.Div(id=PresentIds.IMAGE_MESSAGE, className="present-msg", role="status"),
        html.Div([
            _button(t("present.data_csv", lang), PresentIds.DATA_CSV),
            _button(t("present.data_xlsx", lang), PresentIds.DATA_XLSX),
        ]),
        html.Div(id=PresentIds.DATA_MESSAGE, className="present-msg", role="status"),
        html.H2(t("present.brief_heading", lang), className="present-h2"),
        html.Label(t("present.brief_area", lang), htmlFor=PresentIds.BRIEF_AREA, className="present-label"),
        dcc.Dropdown(id=PresentIds.BRIEF_AREA, options=options, clearable=False, searchable=True,
                     className="present-brief-area mb-2"),
        html.Div([
            _button(t("present.brief_html", lang), PresentIds.BRIEF_HTML),
            _button(t("present.brief_pdf", lang), PresentIds.BRIEF_PDF),
        ]),
        html.Div(id=PresentIds.BRIEF_MESSAGE, className="present-msg", role="status"),
        dcc.Download(id=PresentIds.IMAGE_DOWNLOAD),
        dcc.Download(id=PresentIds.DATA_DOWNLOAD),
        dcc.Download(id=PresentIds.BRIEF_DOWNLOAD),
    ])


def present_view(dataset: Dataset, lang: str) -> html.Div:
    editor = html.Div(id=PresentIds.EDITOR, className="present-editor", children=[
        html.H1(t("present.heading", lang), className="present-h1"),
        html.P(t("present.intro", lang), className="hint"),
        dbc.Row(className="g-3", children=[
            dbc.Col(lg=7, children=html.Div(className="panel", children=[
                html.Label(t("present.board_title_label", lang), htmlFor=PresentIds.BOARD_TITLE,
                           className="present-label"),
                dcc.Input(id=PresentIds.BOARD_TITLE, type="text", debounce=True, maxLength=300,
                          className="form-control mb-2", placeholder=t("present.board_title_default", lang)),
                html.Div(id=PresentIds.CURRENT, className="present-current"),
                html.Div(className="mt-2", children=[
                    _button(t("present.add_current", lang), PresentIds.ADD, "primary",
                            title=t("present.add_current_help", lang)),
                    _button(t("present.start", lang), PresentIds.START, "success"),
                ]),
                html.Div(id=PresentIds.MESSAGE, className="present-msg", role="status",
                         **{"aria-live": "polite"}),  # type: ignore[arg-type]
                html.Ol(id=PresentIds.LIST, className="present-list",
                        **{"aria-label": t("present.list_label", lang)}),  # type: ignore[arg-type]
                html.Div(className="present-files", children=[
                    _button(t("present.save_json", lang), PresentIds.SAVE),
                    # The browser drops a file over max_size or of another kind without a word:
                    # assets/upload_refusal.js checks the same limits first and reports it.
                    html.Div(className="upload-guard", **{  # type: ignore[arg-type]
                        "data-max-bytes": str(MAX_STORYBOARD_BYTES), "data-accept": ".json",
                        "data-refused-store": PresentIds.UPLOAD_REFUSED}, children=[
                        dcc.Upload(t("present.load_json", lang), id=PresentIds.UPLOAD, accept=".json,application/json",
                                   max_size=MAX_STORYBOARD_BYTES, className="present-upload", multiple=False),
                    ]),
                    dcc.Store(id=PresentIds.UPLOAD_REFUSED, storage_type="memory"),
                ]),
                html.H2(t("present.deck_heading", lang), className="present-h2"),
                _button(t("present.deck", lang), PresentIds.DECK),
                html.Div(id=PresentIds.DECK_MESSAGE, className="present-msg", role="status"),
            ])),
            dbc.Col(lg=5, children=_exports(dataset, lang)),
        ]),
        dcc.Download(id=PresentIds.SAVE_DOWNLOAD),
        dcc.Download(id=PresentIds.DECK_DOWNLOAD),
    ])
    return html.Div(className="present-view", children=[
        dcc.Store(id=PresentIds.LAST_VIEW, storage_type="memory"),
        dcc.Store(id=PresentIds.SESSION, storage_type="memory", data={"playing": False, "index": 0}),
        dcc.Store(id=PresentIds.MODE_SINK, storage_type="memory"),
        dcc.Store(id=PresentIds.START_LINK, storage_type="memory"),
        html.Div(id=PresentIds.STAGE, className="present-stage"),
        presenting_bar(lang),
        editor,
    ])

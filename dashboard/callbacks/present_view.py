"""Callbacks of the 'present' view: storyboard editing, presenting, and downloads.

The storyboard lives in the app-wide local-storage store (Ids.STORYBOARD) as the storyboard
file's JSON dict, so "save" is that dict as a file and "load" is the file checked by
`dashboard.export.storyboard.from_json` (a bad file changes nothing and says where it is bad).
Presenting sets the URL to the slide's query; every view follows the URL by itself.
"""
from __future__ import annotations

import base64
import binascii
import json
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

from dash import (ALL, ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update,
                  set_props)
from flask import request

from dashboard.callbacks.resources import resources
from dashboard.export.storyboard_deck import storyboard_deck
from dashboard.components.ids import Ids
from dashboard.components.present_view import MAX_STORYBOARD_BYTES, PresentIds, slide_stage
from dashboard.views import view_spec
from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.upload import display_name
from dashboard.export.brief import BriefPdfUnavailable, brief_html, brief_map_png, brief_pdf
from dashboard.export.images import ImageExportUnavailable, figure_image
from dashboard.export.storyboard import Slide, Storyboard, from_json, to_json
from dashboard.export.view_slides import (SlideInputs, chart_for_button, county_slide_title, picture_figure, render_slide,
                                         slide_figure)
from dashboard.export.tabular import slide_xlsx, view_data_csv
from dashboard.figures.view_render import (
    EXPORT_HEIGHT, EXPORT_WIDTH, canonical_query, file_stem, link_state, render_view, view_data, view_state,
    view_title,
)
from dashboard.geo import load_counties, load_provinces
from dashboard.i18n import t
from dashboard.i18n.numbers import format_number
from dashboard.state import ascii_int, parse_query, resolved_year, to_query

VIEW = "present"


# --- pure helpers (tested directly) ----------------------------------------------------------
def raw_params(search: str | None) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items() if v}


def is_present(search: str | None) -> bool:
    return raw_params(search).get("view") == VIEW


def requested_slide(search: str | None) -> int | None:
    """`?view=present&slide=3` -> 3 (numbered from 1, as a presenter counts); else None."""
    params = raw_params(search)
    value = params.get("slide", "").strip()
    if params.get("view") != VIEW:
        return None
    return ascii_int(value)


def board_from_store(data: dict | None, lang: str) -> tuple[Storyboard, str | None]:
    """The storyboard in the store, or an empty one (and why) when the store holds none or junk."""
    if not data:
        return Storyboard(title=t("present.board_title_default", lang)), None
    try:
        return from_json(json.dumps(data, ensure_ascii=False), source_name="storyboard"), None
    except (DataError, TypeError, ValueError) as error:
        return Storyboard(title=t("present.board_title_default", lang)), t("present.stored_damaged", lang, error=error)


def store_of(board: Storyboard) -> dict:
    return json.loads(to_json(board))


def current_query(search: str | None, last_view: str | None, dataset: Dataset) -> str:
    """The view "add current view" means: the URL's when it shows a view, else the last view seen."""
    if not is_present(search):
        return canonical_query(search, dataset)
    if last_view:
        return canonical_query(last_view, dataset)
    return canonical_query(search, dataset, view="map")


def auto_title(dataset: Dataset, query: str, lang: str) -> str:
    """A view's title for the editor and the bar, cheap (no rendering): the map view's title,
    prefixed with the view's name on the other views ("Gaps to targets · Yunnan · …")."""
    county = county_slide_title(dataset, link_state(query, dataset), lang)
    if county is not None:
        return county
    state = view_state(query, dataset)
    title = view_title(dataset, state, lang)
    return title if state.view == "map" else f"{t(f'ui.nav.{state.view}', lang)} · {title}"


def slide_title(dataset: Dataset, slide: Slide, lang: str) -> str:
    """A slide's own title, or its view's title in ``lang`` (so one board serves both languages)."""
    return slide.title.strip() or auto_title(dataset, slide.query, lang)


def slide_url(query: str, lang: str, dataset: Dataset) -> str:
    """The slide's query in the presenting language: a language change would re-render the page.
    A county slide keeps its county map and county."""
    return to_query(link_state(query, dataset).with_(lang=lang))


def _message(text: str, kind: str = "info") -> html.Div:
    return html.Div(text, className=f"present-msg-{kind}")


# The view's own Location and query store (dashboard/views.py): run_presentation also outputs
# into the view, so it must have no input in the page while the view is not built.
PRESENT_URL = view_spec("present").url_id
PRESENT_QUERY = view_spec("present").query_id


def _triggered_value():
    return ctx.triggered[0]["value"] if ctx.triggered else None


# --- the editor -----------------------------------------------------------------------------
# The last view seen that is not this one ("add current view" adds it), kept in the browser
# (assets/dashboard.js, xk.lastView): every click in every view changes the link, and none of
# them needs a request for this. `remember_view` is the same rule in Python (tests, exports);
# readers canonicalise it (current_query).
clientside_callback(ClientsideFunction(namespace="xk", function_name="lastView"),
                    Output(PresentIds.LAST_VIEW, "data"), Input(Ids.URL, "search"))


def remember_view(search):
    if is_present(search):
        return no_update
    return search or ""


@callback(Output(PresentIds.CURRENT, "children"), Input(PRESENT_QUERY, "data"), State(PresentIds.LAST_VIEW, "data"),
          State(Ids.LANG_STORE, "data"))
def show_current(search, last_view, lang):
    if not is_present(search):
        return no_update
    dataset = resources().dataset
    query = current_query(search, last_view, dataset)
    return t("present.current_view", lang or "zh", title=view_title(dataset, view_state(query, dataset), lang or "zh"))


def edit(board: Storyboard, trigger, value, *, query: str, note_values: list | None = None) -> Storyboard:
    """The storyboard after one editing action (pure; the callback adds I/O and messages)."""
    kind = trigger.get("type") if isinstance(trigger, dict) else trigger
    index = trigger.get("index") if isinstance(trigger, dict) else None
    if kind in (PresentIds.ADD, PresentIds.ADD_HEADER):
        return board.add(Slide(query=query))
    if index is None or not 0 <= index < len(board.slides):
        return board
    slide = board.slides[index]
    if kind == PresentIds.SLIDE_UP:
        return board.move(index, -1)
    if kind == PresentIds.SLIDE_DOWN:
        return board.move(index, 1)
    if kind == PresentIds.SLIDE_DELETE:
        return board.delete(index)
    if kind == PresentIds.SLIDE_TITLE and isinstance(value, str) and value != slide.title:
        return board.update(index, Slide(slide.query, value[:300], slide.note))
    if kind == PresentIds.SLIDE_NOTE and note_values is not None:
        note = note_values[index] if index < len(note_values) and isinstance(note_values[index], str) else slide.note
        if note != slide.note:
            return board.update(index, Slide(slide.query, slide.title, note[:10_000]))
    return board


def refusal_message(refused: object, lang: str) -> html.Div:
    """A storyboard file the browser did not send, as assets/upload_refusal.js reported it:
    too large ("size"), not a .json file ("kind"), or a request the server refused as too large
    ("request", HTTP 413); the storyboard is unchanged."""
    refused = refused if isinstance(refused, dict) else {}
    name = display_name(str(refused.get("name") or "")) if refused.get("name") else "?"
    size = refused.get("size")
    size_text = format_number(size / 1024, lang, 0, unit="KB") if isinstance(size, (int, float)) else "—"
    reason = refused.get("reason") if refused.get("reason") in ("kind", "request") else "size"
    return _message(t(f"present.refused_{reason}", lang, name=name, size=size_text,
                      limit=format_number(MAX_STORYBOARD_BYTES // 1024, lang, 0, unit="KB")), "error")


def _upload(contents: str, filename: str | None, lang: str) -> tuple[Storyboard | None, str]:
    name = filename or "storyboard.json"
    try:
        payload = base64.b64decode(contents.split(",", 1)[1], validate=True)
        text = payload.decode("utf-8-sig")
    except (IndexError, binascii.Error, UnicodeDecodeError):
        return None, t("present.load_error", lang, error=t("present.load_not_text", lang, name=name))
    try:
        board = from_json(text, source_name=name)
    except DataError as error:
        return None, t("present.load_error", lang, error=error)
    return board, t("present.loaded", lang, n=len(board.slides), name=name)




# The storyboard store lives outside the view (the header's button adds to it from any view), so
# it is set with set_props, not declared as an output: a declared output outside the view would
# make Dash call this callback, with its other outputs missing, while the view is not built.
@callback(
    Output(PresentIds.MESSAGE, "children"),
    Output(PresentIds.LIST, "children"), Output(PresentIds.BOARD_TITLE, "value"),
    Input(PresentIds.ADD, "n_clicks"),
    Input({"type": PresentIds.SLIDE_UP, "index": ALL}, "n_clicks"),
    Input({"type": PresentIds.SLIDE_DOWN, "index": ALL}, "n_clicks"),
    Input({"type": PresentIds.SLIDE_DELETE, "index": ALL}, "n_clicks"),
    Input({"type": PresentIds.SLIDE_TITLE, "index": ALL}, "value"),
    Input({"type": PresentIds.SLIDE_NOTE, "index": ALL}, "n_blur"),
    Input(PresentIds.BOARD_TITLE, "value"),
    Input(PresentIds.UPLOAD, "contents"),
    State({"type": PresentIds.SLIDE_NOTE, "index": ALL}, "value"),
    State(PresentIds.UPLOAD, "filename"),
    Input(Ids.STORYBOARD, "data"),
    State(PresentIds.LAST_VIEW, "data"),
    State(Ids.URL, "search"),
    State(Ids.LANG_STORE, "data"),
    Input(PresentIds.UPLOAD_REFUSED, "data"),
    prevent_initial_call="initial_duplicate",
)
def storyboard_editor(add, up, down, delete, titles, blurs, board_title, upload, note_values, filename,
                      data, last_view, search, lang, refused):
    """Edit the storyboard and draw its list in one callback: the list holds the inputs that edit
    the storyboard, and a loop through two callbacks stalls Dash's initial calls."""
    if ctx.triggered_id in (None, Ids.STORYBOARD):  # restored from the browser or changed elsewhere
        return (no_update, *render_list(data, lang))
    if ctx.triggered_id == PresentIds.UPLOAD_REFUSED:
        return (refusal_message(refused, lang or "zh") if refused else no_update), no_update, no_update
    store, message = edit_storyboard(add, up, down, delete, titles, blurs, board_title, upload, note_values,
                                     filename, data, last_view, search, lang)
    if store is no_update:
        return message, no_update, no_update
    set_props(Ids.STORYBOARD, {"data": store})
    return (message, *render_list(store, lang))


def edit_storyboard(_add, _up, _down, _delete, _titles, _blurs, board_title, upload, note_values, filename,
                    data, last_view, search, lang):
    lang = lang or "zh"
    dataset = resources().dataset
    trigger = ctx.triggered_id
    value = _triggered_value()
    board, damaged = board_from_store(data, lang)
    if trigger == PresentIds.UPLOAD:
        if not upload:
            return no_update, no_update
        loaded, text = _upload(upload, filename, lang)
        return (store_of(loaded) if loaded else no_update), _message(text, "ok" if loaded else "error")
    if trigger == PresentIds.BOARD_TITLE:
        title = (board_title or "").strip()[:300]
        if title == board.title:
            return no_update, no_update
        return store_of(Storyboard(title=title, slides=board.slides)), no_update
    clicked = isinstance(trigger, dict) and trigger.get("type") in (
        PresentIds.SLIDE_UP, PresentIds.SLIDE_DOWN, PresentIds.SLIDE_DELETE)
    if (trigger == PresentIds.ADD or clicked) and not value:
        return no_update, no_update  # a row (re)appeared: no click happened
    query = current_query(search, last_view, dataset)
    try:
        changed = edit(board, trigger, value, query=query, note_values=note_values)
    except ValueError as error:  # e.g. the 200-slide limit
        return no_update, _message(t("present.limit", lang, error=error), "error")
    if changed == board and not damaged:
        return no_update, no_update
    message = damaged or ""
    if trigger == PresentIds.ADD:
        message = t("present.added", lang, n=len(changed.slides), title=slide_title(dataset, changed.slides[-1], lang))
    return store_of(changed), _message(message) if message else ""


@callback(
    Output(Ids.STORYBOARD, "data", allow_duplicate=True),
    Input(PresentIds.ADD_HEADER, "n_clicks"),
    # The present view may not be built yet (its container fills on the first visit): then None.
    State(Ids.STORYBOARD, "data"), State(PresentIds.LAST_VIEW, "data", allow_optional=True), State(Ids.URL, "search"),
    State(Ids.LANG_STORE, "data"),
    prevent_initial_call=True,
)
def add_from_header(clicks, data, last_view, search, lang):
    """The header's button: one click adds the view on screen, from any view."""
    if not clicks:
        return no_update
    board, _ = board_from_store(data, lang or "zh")
    try:
        return store_of(board.add(Slide(query=current_query(search, last_view, resources().dataset))))
    except ValueError:
        return no_update


def slide_row(dataset: Dataset, index: int, slide: Slide, total: int, lang: str) -> html.Li:
    auto = auto_title(dataset, slide.query, lang)
    row = {"index": index}
    return html.Li(className="present-slide", children=[
        html.Div(className="present-slide-head", children=[
            html.Span(t("present.slide.position", lang, n=index + 1), className="present-slide-n"),
            html.Span(auto, className="present-slide-view"),
        ]),
        # Inputs inside their label: pattern-matching ids cannot be named by htmlFor.
        html.Label(className="present-field", children=[
            html.Span(t("present.slide.title_label", lang), className="visually-hidden"),
            dcc.Input(id={"type": PresentIds.SLIDE_TITLE, **row}, value=slide.title, debounce=True, type="text",
                      maxLength=300, className="form-control form-control-sm mb-1",
                      placeholder=t("present.slide.title_placeholder", lang, title=auto)),
        ]),
        html.Label(className="present-field", children=[
            html.Span(t("present.slide.note_label", lang), className="visually-hidden"),
            dcc.Textarea(id={"type": PresentIds.SLIDE_NOTE, **row}, value=slide.note, maxLength=10_000,
                         className="form-control form-control-sm mb-1", rows=2,
                         placeholder=t("present.slide.note_label", lang)),
        ]),
        html.Div(className="present-slide-tools", children=[
            html.Button("↑ " + t("present.slide.up", lang), id={"type": PresentIds.SLIDE_UP, **row}, n_clicks=0,
                        disabled=index == 0, className="btn btn-sm btn-outline-secondary me-1"),
            html.Button("↓ " + t("present.slide.down", lang), id={"type": PresentIds.SLIDE_DOWN, **row}, n_clicks=0,
                        disabled=index == total - 1, className="btn btn-sm btn-outline-secondary me-1"),
            html.Button(t("present.slide.delete", lang), id={"type": PresentIds.SLIDE_DELETE, **row}, n_clicks=0,
                        className="btn btn-sm btn-outline-danger me-1"),
            html.Button(t("present.slide.present_from", lang), id={"type": PresentIds.SLIDE_START, **row},
                        n_clicks=0, className="btn btn-sm btn-outline-success present-from"),
        ]),
    ])


def render_list(data, lang):
    lang = lang or "zh"
    dataset = resources().dataset
    board, _ = board_from_store(data, lang)
    if not board.slides:
        return [html.Li(t("present.list_empty", lang), className="present-empty")], board.title
    total = len(board.slides)
    return [slide_row(dataset, i, slide, total, lang) for i, slide in enumerate(board.slides)], board.title


@callback(Output(PresentIds.SAVE_DOWNLOAD, "data"), Input(PresentIds.SAVE, "n_clicks"),
          State(Ids.STORYBOARD, "data"), State(Ids.LANG_STORE, "data"), prevent_initial_call=True)
def save_storyboard(clicks, data, lang):
    if not clicks:
        return no_update
    board, _ = board_from_store(data, lang or "zh")
    return dict(content=to_json(board), filename="storyboard.json", type="application/json")


# --- presenting -----------------------------------------------------------------------------
def presenting_session(value: object) -> dict:
    """The session store as the presenting callbacks read it. The browser only ever holds what
    `step` returned; a value of another shape (a forged request) reads as not presenting."""
    if not isinstance(value, dict):
        return {"playing": False, "index": 0}
    session = dict(value)
    for key in ("index", "nonce"):
        if key in session and (not isinstance(session[key], int) or isinstance(session[key], bool)):
            session[key] = 0
    if "playing" in session and not isinstance(session["playing"], bool):
        session["playing"] = False
    if "message" in session and not isinstance(session["message"], (str, type(None))):
        session["message"] = None
    if "link_taken" in session and not isinstance(session["link_taken"], bool):
        session["link_taken"] = True  # a forged flag never restarts a show
    return session


def step(session: dict | None, trigger, total: int, search: str | None, start_link: int | None = None) -> dict:
    """The presenting state after one action (pure). ``start_link``: the slide a link asked for."""
    session = presenting_session(session or {"playing": False, "index": 0})
    index = int(session.get("index") or 0)
    kind = trigger.get("type") if isinstance(trigger, dict) else trigger
    if kind == PresentIds.START_LINK:
        if start_link is None:
            return session
        if total == 0:
            return {"playing": False, "index": 0, "message": "empty"}
        out_of_range = not 1 <= start_link <= total
        return {"playing": True, "index": 0 if out_of_range else start_link - 1,
                "message": f"range:{start_link}" if out_of_range else None}
    if kind in (PRESENT_QUERY, Ids.URL, None):
        if is_present(search) and session.get("playing") and requested_slide(search) is None:
            # The editor's URL while presenting (the app rewriting the start link, or Back):
            # show the slide again; leaving is Esc or the Leave button.
            return {**session, "nonce": int(session.get("nonce") or 0) + 1}
        return session
    if kind == PresentIds.STOP:
        return {"playing": False, "index": index, "message": None}
    if total == 0:
        return {"playing": False, "index": 0, "message": "empty"}
    if kind == PresentIds.START:
        return {"playing": True, "index": 0, "message": None}
    if kind == PresentIds.SLIDE_START:
        return {"playing": True, "index": max(0, min(int(trigger["index"]), total - 1)), "message": None}
    if not session.get("playing"):
        return session
    if kind == PresentIds.NEXT:
        return {"playing": True, "index": min(index + 1, total - 1), "message": None}
    if kind == PresentIds.PREV:
        return {"playing": True, "index": max(index - 1, 0), "message": None}
    return session


# `?view=present&slide=N`: the page's first URL is read in the browser (assets/present.js),
# because the app rewrites the URL to its canonical form before any other callback runs.
clientside_callback(
    ClientsideFunction(namespace="present", function_name="startLink"),
    Output(PresentIds.START_LINK, "data"),
    Input(PresentIds.EDITOR, "id"),
)


@callback(
    Output(PresentIds.SESSION, "data"),
    Output(PRESENT_URL, "search", allow_duplicate=True),
    Output(PresentIds.COUNTER, "children"), Output(PresentIds.COUNTER, "title"),
    Output(PresentIds.NOW_TITLE, "children"), Output(PresentIds.NOW_NOTE, "children"),
    Output(PresentIds.BAR_MESSAGE, "children"), Output(PresentIds.MESSAGE, "children", allow_duplicate=True),
    # The link written (a slide's view, or the editor's) goes to the query store too: Back to
    # the editor's link then differs from it, and the gate passes it (step: show the slide again).
    Output(PRESENT_QUERY, "data", allow_duplicate=True),
    Input(PRESENT_QUERY, "data"), Input(PresentIds.START_LINK, "data"),
    Input(PresentIds.START, "n_clicks"), Input(PresentIds.STOP, "n_clicks"),
    Input(PresentIds.NEXT, "n_clicks"), Input(PresentIds.PREV, "n_clicks"),
    Input({"type": PresentIds.SLIDE_START, "index": ALL}, "n_clicks"),
    State(PresentIds.SESSION, "data"), State(Ids.STORYBOARD, "data"), State(Ids.LANG_STORE, "data"),
    prevent_initial_call="initial_duplicate",
)
def run_presentation(search, link_slide, _start, _stop, _next, _prev, _from, session, data, lang):
    """Step the session and show its slide in one callback: the session follows the URL and the
    slide writes the URL, and a loop through two callbacks stalls Dash's initial calls."""
    updated = present(search, link_slide, _start, _stop, _next, _prev, _from, session, data, lang)
    if updated is no_update:
        return (no_update,) * 9
    shown = show_slide(updated, data, search, lang)
    return (updated, *shown, shown[0])


def present(search, link_slide, _start, _stop, _next, _prev, _from, session, data, lang):
    trigger = ctx.triggered_id
    clicked = trigger not in (None, PRESENT_QUERY, Ids.URL, PresentIds.START_LINK) and bool(_triggered_value())
    # The link is taken once per page, by whichever call first sees it: Dash drops the answer of
    # a call that a newer one of this callback overtook (the slide list rendering its buttons
    # right after the link arrived did that), so "triggered by the link" alone could lose it.
    link_taken = bool(presenting_session(session).get("link_taken"))
    if f"{PresentIds.START_LINK}.data" in ctx.triggered_prop_ids or (link_slide is not None and not link_taken
                                                                     and not clicked):
        trigger = PresentIds.START_LINK  # it may arrive together with the URL's rewrite
    elif trigger not in (None, PRESENT_QUERY, Ids.URL) and not clicked:
        return no_update  # a button (re)rendered, not clicked
    board, _ = board_from_store(data, lang or "zh")
    updated = step(session, trigger, len(board.slides), search, None if link_taken else link_slide)
    if link_taken or link_slide is not None:
        updated = {**updated, "link_taken": True}
    return no_update if updated == (session or {}) else updated


def show_slide(session, data, search, lang):
    lang = lang or "zh"
    dataset = resources().dataset
    board, _ = board_from_store(data, lang)
    session = presenting_session(session or {})
    total = len(board.slides)
    message = session.get("message") or ""
    if message == "empty":
        message = t("present.empty_board", lang)
    elif message.startswith("range:"):
        message = t("present.slide_out_of_range", lang, n=message.split(":", 1)[1], total=total)
    if not session.get("playing") or total == 0:
        state = view_state(search, dataset).with_(view=VIEW, lang=lang)
        url = to_query(state) if not is_present(search) or requested_slide(search) else no_update
        return url, "", "", "", "", "", _message(message, "error") if message else no_update
    index = max(0, min(int(session.get("index") or 0), total - 1))
    slide = board.slides[index]
    url = slide_url(slide.query, lang, dataset)
    return (url if url != search else no_update,
            t("present.counter", lang, n=index + 1, total=total),
            t("present.counter_label", lang, n=index + 1, total=total),
            slide_title(dataset, slide, lang), slide.note, message, no_update)


@callback(Output(PresentIds.STAGE, "children"), Input(PresentIds.SESSION, "data"),
          State(Ids.STORYBOARD, "data"), State(Ids.LANG_STORE, "data"), State(Ids.USER_DATA, "data"))
def draw_stage(session, data, lang, user_data=None):
    """The slide on screen while presenting: the view's slide layout (view_slides), not the
    live page with its controls."""
    lang = lang or "zh"
    session = presenting_session(session or {})
    board, _ = board_from_store(data, lang)
    if not session.get("playing") or not board.slides:
        return []
    index = max(0, min(int(session.get("index") or 0), len(board.slides) - 1))
    slide = board.slides[index]
    res = resources()
    # The browser loads the polygons from the app's URL (cached), not inlined in every slide.
    dataset = res.dataset_for(user_data)   # a slide of an imported indicator shows the imported values
    query = slide_url(slide.query, lang, dataset)
    counties_url = res.counties_url
    inputs = SlideInputs(dataset, res.frameworks_for(user_data, parse_query(query, dataset)[0].system), res.geojson_url,
                         res.south_china_sea, counties=lambda code: f"{counties_url}{code}.geojson")
    rendered = render_slide(inputs, query, lang)
    shown = rendered.figures[:max(1, min(2, rendered.on_stage))]
    rendered = replace(rendered, figures=tuple((name, slide_figure(rendered, figure, name=name)) for name, figure in shown))
    return slide_stage(rendered, lang, title=slide.title.strip() or None, index=index, topojson_url=res.topojson_url)


# The page-wide class that turns on large type, hides the chrome and shows the bar.
clientside_callback(
    ClientsideFunction(namespace="present", function_name="setMode"),
    Output(PresentIds.MODE_SINK, "data"),
    Input(PresentIds.SESSION, "data"),
)


# --- exports of the current view --------------------------------------------------------------
def _geojson() -> dict:
    """The boundaries as a dict for kaleido (it cannot fetch the app's relative URL), read once
    per app from its own data folder (Resources.memo)."""
    res = resources()
    data_dir = res.data_dir
    assert data_dir is not None  # create_app always gives the app its data folder
    return res.memo("present.geojson", lambda: load_provinces(Path(data_dir)))


def _counties(province_code: str) -> dict:
    """One province's county boundaries as a dict for kaleido, read once per app and province."""
    res = resources()
    data_dir = res.data_dir
    assert data_dir is not None
    return res.memo(f"present.counties.{province_code}", lambda: load_counties(Path(data_dir), province_code))


def _inputs(dataset: Dataset | None = None, frameworks=None) -> SlideInputs:
    """What an export renders from; ``frameworks``: with the view's pinned provincial system."""
    res = resources()
    return SlideInputs(res.dataset if dataset is None else dataset, res.frameworks if frameworks is None else frameworks,
                       _geojson(), res.south_china_sea, counties=_counties)


def _render(search: str | None, lang: str):
    res = resources()
    return render_view(res.dataset, search, lang, geojson=_geojson(), south_china_sea=res.south_china_sea)


@callback(
    Output(PresentIds.IMAGE_DOWNLOAD, "data"), Output(PresentIds.IMAGE_MESSAGE, "children"),
    Input(PresentIds.MAP_PNG, "n_clicks"), Input(PresentIds.MAP_SVG, "n_clicks"),
    Input(PresentIds.TREND_PNG, "n_clicks"), Input(PresentIds.TREND_SVG, "n_clicks"),
    State(Ids.URL, "search"), State(Ids.LANG_STORE, "data"), State(PresentIds.LAST_VIEW, "data"),
    State(Ids.USER_DATA, "data"),
    prevent_initial_call=True,
    running=[(Output(PresentIds.MAP_PNG, "disabled"), True, False), (Output(PresentIds.MAP_SVG, "disabled"), True, False),
             (Output(PresentIds.TREND_PNG, "disabled"), True, False), (Output(PresentIds.TREND_SVG, "disabled"), True, False)],
)
def export_image(_map_png, _map_svg, _trend_png, _trend_svg, search, lang, last_view=None, user_data=None):
    """The current view's own chart (its slide renderer), titled, sourced and dated."""
    lang = lang or "zh"
    trigger = ctx.triggered_id
    if not _triggered_value() or trigger is None:
        return no_update, no_update
    which, fmt = {PresentIds.MAP_PNG: ("main", "png"), PresentIds.MAP_SVG: ("main", "svg"),
                  PresentIds.TREND_PNG: ("second", "png"), PresentIds.TREND_SVG: ("second", "svg")}[trigger]
    started = time.perf_counter()
    dataset = resources().dataset_for(user_data)   # the open workspace's and this tab's imports too
    query = current_query(search, last_view, dataset)
    frameworks = resources().frameworks_for(user_data, parse_query(query, dataset)[0].system)
    slide = render_slide(_inputs(dataset, frameworks), query, lang)
    chart, figure = chart_for_button(slide, which)
    if figure is None:
        return no_update, _message(t("present.no_chart", lang), "error")
    try:
        image = figure_image(picture_figure(slide, figure), fmt, width=EXPORT_WIDTH, height=EXPORT_HEIGHT)
    except ImageExportUnavailable as error:
        return no_update, _message(str(error), "error")
    name = f"{slide.view}-{chart}-{file_stem(dataset, query)}-{lang}.{fmt}"
    seconds = f"{time.perf_counter() - started:.1f}"
    return dcc.send_bytes(image, name), _message(t("present.exported", lang, name=name, seconds=seconds), "ok")


def about_rows(slide, query: str, lang: str) -> list[tuple[str, str]]:
    year = str(slide.year) if slide.year is not None else ""
    return [(t("present.about.view", lang), t(f"ui.nav.{slide.view}", lang)), (t("present.about.title", lang), slide.title),
            (t("present.about.subtitle", lang), slide.subtitle), (t("present.about.sentence", lang), slide.sentence),
            (t("present.about.source", lang), slide.source), (t("present.about.year", lang), year),
            (t("present.about.language", lang), lang), (t("present.about.link", lang), query)]


@callback(
    Output(PresentIds.DATA_DOWNLOAD, "data"), Output(PresentIds.DATA_MESSAGE, "children"),
    Input(PresentIds.DATA_CSV, "n_clicks"), Input(PresentIds.DATA_XLSX, "n_clicks"),
    State(Ids.URL, "search"), State(Ids.LANG_STORE, "data"), State(Ids.USER_DATA, "data"),
    State(PresentIds.LAST_VIEW, "data"),
    prevent_initial_call=True,
)
def export_data(_csv, _xlsx, search, lang, user_data, last_view=None):
    """The current view's result rows: the map/trend rows on the map, the status rows on the
    gaps view, domain scores, disparity statistics, coverage; CSV = its main table, XLSX =
    every table with an about sheet and the sources."""
    lang = lang or "zh"
    if not _triggered_value():
        return no_update, no_update
    res = resources()
    dataset = res.dataset_for(user_data)
    query = current_query(search, last_view, dataset)
    slide = render_slide(_inputs(dataset, res.frameworks_for(user_data, parse_query(query, dataset)[0].system)), query, lang)
    stem = f"data-{slide.view}-{file_stem(dataset, query)}-{lang}"
    if ctx.triggered_id == PresentIds.DATA_CSV:
        frame = slide.tables[0][1] if slide.tables else view_data(dataset, query, lang)[0]
        return dcc.send_bytes(view_data_csv(frame), f"{stem}.csv"), ""
    sources = dataset.sources[dataset.sources["source_id"].isin(set(slide.source_ids))].reset_index(drop=True)
    return dcc.send_bytes(slide_xlsx(about_rows(slide, query, lang), slide.tables, sources, lang=lang),
                          f"{stem}.xlsx"), ""


@callback(Output(PresentIds.BRIEF_AREA, "value"), Input(PRESENT_QUERY, "data"), State(PresentIds.BRIEF_AREA, "value"))
def brief_area_from_url(search, current):
    if not is_present(search):
        return no_update
    area = view_state(search, resources().dataset).area_code
    return area if area and area != current else no_update


def _origin() -> str:
    """The dashboard's address for a link in an export ('' outside a request: tests)."""
    try:
        return request.host_url.rstrip("/") + "/"
    except RuntimeError:
        return ""


@callback(
    Output(PresentIds.BRIEF_DOWNLOAD, "data"), Output(PresentIds.BRIEF_MESSAGE, "children"),
    Input(PresentIds.BRIEF_HTML, "n_clicks"), Input(PresentIds.BRIEF_PDF, "n_clicks"),
    State(PresentIds.BRIEF_AREA, "value"), State(Ids.URL, "search"), State(Ids.LANG_STORE, "data"),
    State(Ids.USER_DATA, "data"),
    prevent_initial_call=True,
    running=[(Output(PresentIds.BRIEF_HTML, "disabled"), True, False),
             (Output(PresentIds.BRIEF_PDF, "disabled"), True, False)],
)
def export_brief(_html, _pdf, area_code, search, lang, user_data=None):
    lang = lang or "zh"
    if not _triggered_value():
        return no_update, no_update
    res = resources()
    dataset = res.dataset_for(user_data)   # the open workspace's and this tab's imports too
    if not area_code or area_code not in dataset.province_codes():
        return no_update, _message(t("present.brief_no_area", lang), "error")
    started = time.perf_counter()
    state = view_state(search, dataset)
    year = resolved_year(state, dataset) or int(dataset.observations["year"].max())
    problem = ""
    try:
        picture = brief_map_png(dataset, _geojson(), res.south_china_sea, area_code, state.indicator_id, year, lang)
    except ImageExportUnavailable as error:
        picture, problem = None, str(error)
    # "How to cite" names the map view of this province and year (the brief's picture), as a link
    link = _origin() + to_query(state.with_(lang=lang, view="map", area_code=area_code, year=year, extras=()))
    document = brief_html(dataset, res.frameworks, area_code, year, lang, map_png=picture, map_unavailable=problem,
                          framework_id=state.framework_id if state.framework_id == "nbs2008" else "nbs2008",
                          link=link, exported=date.today())
    stem = f"brief-{area_code}-{year}-{lang}"
    if ctx.triggered_id == PresentIds.BRIEF_PDF:
        try:
            pdf = brief_pdf(document)
        except BriefPdfUnavailable as error:
            return (dict(content=document, filename=f"{stem}.html", type="text/html"),
                    _message(t("present.brief_pdf_unavailable", lang, error=error), "error"))
        seconds = f"{time.perf_counter() - started:.1f}"
        return dcc.send_bytes(pdf, f"{stem}.pdf"), _message(t("present.exported", lang, name=f"{stem}.pdf", seconds=seconds), "ok")
    seconds = f"{time.perf_counter() - started:.1f}"
    return (dict(content=document, filename=f"{stem}.html", type="text/html"),
            _message(t("present.exported", lang, name=f"{stem}.html", seconds=seconds), "ok"))


@callback(
    Output(PresentIds.DECK_DOWNLOAD, "data"), Output(PresentIds.DECK_MESSAGE, "children"),
    Input(PresentIds.DECK, "n_clicks"), State(Ids.STORYBOARD, "data"), State(Ids.LANG_STORE, "data"),
    State(Ids.USER_DATA, "data"),
    prevent_initial_call=True,
    running=[(Output(PresentIds.DECK, "disabled"), True, False)],
)
def export_deck(clicks, data, lang, user_data=None):
    lang = lang or "zh"
    if not clicks:
        return no_update, no_update
    board, _ = board_from_store(data, lang)
    if not board.slides:
        return no_update, _message(t("present.empty_board", lang), "error")
    res = resources()
    started = time.perf_counter()
    # Slides of imported indicators draw the workspace's / tab's values, not the bundle's.
    deck, problem = storyboard_deck(res.dataset_for(user_data), board, lang, geojson=_geojson(),
                                    south_china_sea=res.south_china_sea,
                                    frameworks=res.frameworks, counties=_counties)
    name = f"storyboard-{lang}.pptx"
    seconds = f"{time.perf_counter() - started:.1f}"
    text = t("present.exported", lang, name=name, seconds=seconds)
    if problem:
        text += " " + t("present.deck_no_images", lang, error=problem)
    return dcc.send_bytes(deck, name), _message(text, "error" if problem else "ok")

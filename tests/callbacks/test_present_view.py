"""Presenter callbacks called directly: editing the storyboard, files, presenting, exports."""
from __future__ import annotations

import base64
import json

from dash import no_update

from dashboard.callbacks import present_view as cb
from dashboard.components.ids import Ids
from dashboard.components.present_view import PresentIds
from dashboard.export.storyboard import from_json
from tests.conftest import run_callback

MAP_2010 = "?lang=zh&view=map&ind=gdp_pc&year=2010"
YUNNAN = "?lang=zh&view=map&ind=gdp_pc&year=2010&area=530000"
GUIZHOU = "?lang=zh&view=gaps&ind=urbanisation&year=2010&area=520000"


def edit(trigger: str, value, *, data=None, search=MAP_2010, last_view=None, board_title=None, upload=None,
         filename=None, notes=None, lang="zh"):
    """Call edit_storyboard as Dash does after `trigger` ("<id>.<prop>") changed to `value`."""
    from contextvars import copy_context

    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": trigger, "value": value}]))
        return cb.edit_storyboard(None, [], [], [], [], [], board_title, upload, notes or [], filename,
                                  data, last_view, search, lang)

    return copy_context().run(call)


def clicked(func, trigger: str, *args, value=1):
    """Call a callback as Dash does after a click: the trigger carries its new value."""
    from contextvars import copy_context

    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": trigger, "value": value}]))
        return func(*args)

    return copy_context().run(call)


def add(data, search, app_context):
    board, _message = edit(f"{PresentIds.ADD}.n_clicks", 1, data=data, search=search)
    return board


def pattern(kind: str, index: int, prop: str) -> str:
    return json.dumps({"index": index, "type": kind}, separators=(",", ":")) + f".{prop}"


def test_add_stores_the_view_without_language_and_says_so(app_context) -> None:
    data, message = edit(f"{PresentIds.ADD}.n_clicks", 1, search=YUNNAN)
    board = from_json(json.dumps(data))
    assert [s.query for s in board.slides] == ["?view=map&ind=gdp_pc&year=2010&area=530000"]
    assert "云南省" in str(message)


def test_add_from_the_present_view_takes_the_last_view_seen(app_context) -> None:
    last = run_callback(cb.remember_view, "url.search", GUIZHOU)
    assert run_callback(cb.remember_view, "url.search", "?view=present&ind=gdp_pc") is no_update
    data, _ = edit(f"{PresentIds.ADD}.n_clicks", 1, search="?view=present&ind=urbanisation", last_view=last)
    assert from_json(json.dumps(data)).slides[0].query.startswith("?view=gaps&ind=urbanisation")


def test_reorder_and_delete(app_context) -> None:
    data = None
    for search in (MAP_2010, YUNNAN, GUIZHOU):
        data = add(data, search, app_context)
    data, _ = edit(pattern(PresentIds.SLIDE_DOWN, 0, "n_clicks"), 1, data=data)
    areas = [("530000" in s.query, "520000" in s.query) for s in from_json(json.dumps(data)).slides]
    assert areas == [(True, False), (False, False), (False, True)]
    data, _ = edit(pattern(PresentIds.SLIDE_UP, 2, "n_clicks"), 1, data=data)
    data, _ = edit(pattern(PresentIds.SLIDE_DELETE, 0, "n_clicks"), 1, data=data)
    queries = [s.query for s in from_json(json.dumps(data)).slides]
    assert len(queries) == 2 and "520000" in queries[0]


def test_a_row_that_reappears_is_not_a_click(app_context) -> None:
    data = add(None, MAP_2010, app_context)
    assert edit(pattern(PresentIds.SLIDE_DELETE, 0, "n_clicks"), 0, data=data) == (no_update, no_update)


def test_edit_title_and_note(app_context) -> None:
    data = add(None, YUNNAN, app_context)
    data, _ = edit(pattern(PresentIds.SLIDE_TITLE, 0, "value"), "云南：人均GDP", data=data)
    data, _ = edit(pattern(PresentIds.SLIDE_NOTE, 0, "n_blur"), 1, data=data, notes=["第一点\n第二点"])
    slide = from_json(json.dumps(data)).slides[0]
    assert (slide.title, slide.note) == ("云南：人均GDP", "第一点\n第二点")
    assert edit(pattern(PresentIds.SLIDE_TITLE, 0, "value"), "云南：人均GDP", data=data) == (no_update, no_update)


def test_save_then_load_round_trip(app_context) -> None:
    data = add(add(None, MAP_2010, app_context), YUNNAN, app_context)
    data, _ = edit(f"{PresentIds.BOARD_TITLE}.value", "评审会 2010", data=data)
    saved = clicked(cb.save_storyboard, f"{PresentIds.SAVE}.n_clicks", 1, data, "zh")
    assert saved["filename"] == "storyboard.json"
    upload = "data:application/json;base64," + base64.b64encode(saved["content"].encode("utf-8")).decode()
    loaded, message = edit(f"{PresentIds.UPLOAD}.contents", upload, upload=upload, filename="board.json")
    assert loaded == data
    assert "board.json" in str(message) and "2" in str(message)


def test_a_bad_file_leaves_the_storyboard_unchanged_and_says_where(app_context) -> None:
    data = add(None, MAP_2010, app_context)
    bad = '{"version": 1, "title": "x", "slides": [{"query": "no question mark"}]}'
    upload = "data:application/json;base64," + base64.b64encode(bad.encode()).decode()
    stored, message = edit(f"{PresentIds.UPLOAD}.contents", upload, data=data, upload=upload, filename="bad.json")
    assert stored is no_update
    assert "bad.json" in str(message) and "slide 1" in str(message) and "query" in str(message)
    binary = "data:application/json;base64," + base64.b64encode(b"\xff\xfe\x00junk").decode()
    stored, message = edit(f"{PresentIds.UPLOAD}.contents", binary, data=data, upload=binary, filename="x.json")
    assert stored is no_update and "x.json" in str(message)


def test_a_file_the_browser_refused_is_named_and_the_storyboard_kept(app_context) -> None:
    """Issue 8 item 3: assets/upload_refusal.js reports what dcc.Upload drops without a word."""
    data = add(None, YUNNAN, app_context)

    def refused(info, lang):
        return clicked(cb.storyboard_editor, f"{PresentIds.UPLOAD_REFUSED}.data", None, [], [], [], [], [], None,
                       None, [], None, data, None, MAP_2010, lang, info, value=info)

    message, slides, title = refused({"name": "big.json", "size": 300 * 1024, "reason": "size", "at": 1}, "en")
    assert slides is no_update and title is no_update   # nothing loaded is lost
    assert message.children == ("Could not load big.json: it is 300 KB, more than the 256 KB a storyboard "
                                "may be, so the browser did not send it. The storyboard is unchanged.")
    message, *_ = refused({"name": "演示.pptx", "size": 10, "reason": "kind", "at": 2}, "zh")
    assert "演示.pptx" in message.children and ".json" in message.children and "未改变" in message.children
    message, *_ = refused({"reason": "request", "at": 3}, "en")
    assert "refused the request as too large" in message.children and "unchanged" in message.children
    message, *_ = refused({"name": "<img onerror=x>", "reason": "<script>", "at": 4}, "en")
    assert "<script>" not in message.children and "more than the 256 KB" in message.children


def test_a_damaged_store_starts_empty_with_a_message(app_context) -> None:
    board, problem = cb.board_from_store({"version": 9}, "en")
    assert board.slides == () and "damaged" in problem


def test_present_steps_and_stops(app_context) -> None:
    data = add(add(add(None, MAP_2010, app_context), YUNNAN, app_context), GUIZHOU, app_context)
    session = {"playing": False, "index": 0}
    session = clicked(cb.present, f"{PresentIds.START}.n_clicks", MAP_2010, None, 1, 0, 0, 0, [], session, data, "zh")
    assert session == {"playing": True, "index": 0, "message": None}
    for expected in (1, 2, 2):
        session = clicked(cb.present, f"{PresentIds.NEXT}.n_clicks", MAP_2010, None, 1, 0, 1, 0, [], session, data, "zh")
        if session is not no_update:
            assert session["index"] == expected
    session = {"playing": True, "index": 2}
    session = clicked(cb.present, f"{PresentIds.PREV}.n_clicks", MAP_2010, None, 1, 0, 1, 1, [], session, data, "zh")
    assert session["index"] == 1
    url, counter, label, title, note, *_ = run_callback(cb.show_slide, f"{PresentIds.SESSION}.data", session, data, MAP_2010, "zh")
    assert counter == "2 / 3 张" and "530000" in url and "lang=zh" in url and title.startswith("云南省")
    stopped = clicked(cb.present, f"{PresentIds.STOP}.n_clicks", url, None, 1, 1, 1, 1, [], session, data, "zh")
    assert stopped["playing"] is False
    back = run_callback(cb.show_slide, f"{PresentIds.SESSION}.data", stopped, data, url, "zh")[0]
    assert "view=present" in back


def test_slide_n_from_the_link(app_context) -> None:
    data = add(add(add(None, MAP_2010, app_context), YUNNAN, app_context), GUIZHOU, app_context)
    assert cb.requested_slide("?view=present&slide=3") == 3
    assert cb.requested_slide("?view=map&slide=3") is None
    # '²' and '①' pass str.isdigit() but not int(): no slide, not a blank page.
    assert [cb.requested_slide(f"?view=present&slide={s}") for s in ("²", "①", "%C2%B2", "-2", "")] == [None] * 5
    session = run_callback(cb.present, f"{PresentIds.START_LINK}.data", "?view=present&ind=gdp_pc", 3,
                           0, 0, 0, 0, [], {"playing": False, "index": 0}, data, "zh")
    assert session == {"playing": True, "index": 2, "message": None, "link_taken": True}
    too_far = run_callback(cb.present, f"{PresentIds.START_LINK}.data", "?view=present", 9,
                           0, 0, 0, 0, [], {"playing": False, "index": 0}, data, "en")
    assert too_far["index"] == 0 and too_far["message"] == "range:9"
    message = run_callback(cb.show_slide, f"{PresentIds.SESSION}.data", too_far, data, "?view=present", "en")[5]
    assert "9" in message and "3" in message
    # The app rewriting the link to the editor's URL while presenting shows the slide again.
    again = run_callback(cb.present, f"{Ids.URL}.search", "?view=present&ind=gdp_pc", 3, 0, 0, 0, 0, [],
                         session, data, "zh")
    assert again["playing"] and again["index"] == 2 and again["nonce"] == 1


def test_the_link_survives_a_call_that_overtook_it(app_context) -> None:
    """Dash drops the answer of a call overtaken by a newer one of the same callback: when the
    slide list renders its buttons just after the link arrived, that newer call starts the show."""
    data = add(add(add(None, MAP_2010, app_context), YUNNAN, app_context), GUIZHOU, app_context)
    rendered = json.dumps({"index": 0, "type": PresentIds.SLIDE_START}, separators=(",", ":")) + ".n_clicks"
    fresh = {"playing": False, "index": 0}
    session = run_callback(cb.present, rendered, "?view=present&slide=3", 3, 0, 0, 0, 0, [0, 0, 0], fresh, data, "en")
    assert session == {"playing": True, "index": 2, "message": None, "link_taken": True}
    # Once taken, the link never restarts the show: not after leaving it, not on a re-render.
    stopped = clicked(cb.present, f"{PresentIds.STOP}.n_clicks", "?view=map", 3, 0, 1, 0, 0, [0, 0, 0], session, data, "en")
    assert stopped == {"playing": False, "index": 2, "message": None, "link_taken": True}
    assert run_callback(cb.present, rendered, "?view=present", 3, 0, 1, 0, 0, [0, 0, 0], stopped, data, "en") is no_update
    assert run_callback(cb.present, f"{PresentIds.START_LINK}.data", "?view=present", 3, 0, 1, 0, 0, [0, 0, 0],
                        stopped, data, "en") is no_update
    # A page without a link never marks one taken.
    assert run_callback(cb.present, rendered, "?view=present", None, 0, 0, 0, 0, [0, 0, 0], fresh, data, "en") is no_update


def test_an_empty_storyboard_cannot_be_presented(app_context) -> None:
    session = clicked(cb.present, f"{PresentIds.START}.n_clicks", MAP_2010, None, 1, 0, 0, 0, [],
                           {"playing": False, "index": 0}, None, "en")
    assert session["playing"] is False and session["message"] == "empty"


def test_data_downloads_are_the_views_rows(app_context) -> None:
    csv, _ = clicked(cb.export_data, f"{PresentIds.DATA_CSV}.n_clicks", 1, 0, YUNNAN, "zh", None)
    assert csv["filename"] == "data-map-gdp_pc-2010-530000-zh.csv"
    text = base64.b64decode(csv["content"]).decode("utf-8-sig")
    assert "530000" in text and "云南省" in text
    xlsx, _ = clicked(cb.export_data, f"{PresentIds.DATA_XLSX}.n_clicks", 0, 1, YUNNAN, "en", None)
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(base64.b64decode(xlsx["content"])))
    assert book.sheetnames == ["about", "data", "sources"] and book["sources"].max_row >= 2
    about = dict(book["about"].iter_rows(min_row=2, values_only=True))
    assert about["Data year"] == "2010" and about["Language"] == "en" and about["Source"].startswith("Source:")


GAPS = "?lang=en&view=gaps&area=530000&year=2010&fw=nbs2008"
DISPARITY = "?lang=en&view=disparity&ind=gdp_pc&year=2010"
ATTAINMENT = "?lang=zh&view=attainment&area=530000&year=2010"


def _workbook(download):
    from io import BytesIO

    from openpyxl import load_workbook

    return load_workbook(BytesIO(base64.b64decode(download["content"])))


def test_each_view_downloads_its_own_results(app_context) -> None:
    """The data download of a gaps / disparity / attainment view holds that view's result
    table (status rows, statistics, domain scores), not the map's rows."""
    csv, _ = clicked(cb.export_data, f"{PresentIds.DATA_CSV}.n_clicks", 1, 0, GAPS, "en", None)
    assert csv["filename"].startswith("data-gaps-")
    header = base64.b64decode(csv["content"]).decode("utf-8-sig").splitlines()[0]
    assert "status" in header and "target" in header
    book = _workbook(clicked(cb.export_data, f"{PresentIds.DATA_XLSX}.n_clicks", 0, 1, DISPARITY, "en", None)[0])
    assert book.sheetnames == ["about", "statistics", "sources"]
    keys = [row[0] for row in book["statistics"].iter_rows(min_row=2, values_only=True)]
    assert "gini" in keys or "cv" in keys
    book = _workbook(clicked(cb.export_data, f"{PresentIds.DATA_XLSX}.n_clicks", 0, 1, ATTAINMENT, "zh", None)[0])
    assert book.sheetnames == ["about", "domains", "sources"]
    from dashboard.i18n import t

    assert dict(book["about"].iter_rows(min_row=2, values_only=True))["视图"] == t("ui.nav.attainment", "zh")


def test_the_present_view_exports_the_last_view_seen(app_context) -> None:
    present = "?lang=en&view=present"
    csv, _ = clicked(cb.export_data, f"{PresentIds.DATA_CSV}.n_clicks", 1, 0, present, "en", None, GAPS)
    assert csv["filename"].startswith("data-gaps-")


def test_the_stage_draws_the_slides_view_without_controls(app_context) -> None:
    board = {"version": 1, "title": "T", "slides": [
        {"query": "?view=map&ind=gdp_pc&year=2010", "title": "", "note": ""},
        {"query": "?view=disparity&ind=gdp_pc&year=2010", "title": "My title", "note": ""}]}
    assert cb.draw_stage({"playing": False, "index": 0}, board, "en") == []
    stage = cb.draw_stage({"playing": True, "index": 1}, board, "en")
    assert stage.className.startswith("present-stage-slide present-stage-n2 present-stage-disparity")
    head, charts, sentence, source = stage.children
    assert head.children[0].children == "My title"
    assert len(charts.children) == 2 and "spread" in sentence.children
    assert source.children.startswith("Source:")
    kinds = set()

    def walk(node):
        kinds.add(type(node).__name__)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children] if children is not None else []:
            if not isinstance(child, str):
                walk(child)

    walk(stage)
    assert not kinds & {"Button", "Input", "Dropdown", "Slider", "RadioItems", "Checklist"}
    map_stage = cb.draw_stage({"playing": True, "index": 0}, board, "zh")
    assert len(map_stage.children[1].children) == 1  # the map alone when no province is selected


def test_brief_needs_a_province(app_context) -> None:
    download, message = clicked(cb.export_brief, f"{PresentIds.BRIEF_HTML}.n_clicks", 1, 0, None, MAP_2010, "en")
    assert download is no_update and "province" in str(message)


COUNTY = "?view=map&drill=530000&area=530102&cind=county_resident_population_census&cyear=2020"


def test_a_county_slide_keeps_its_county_and_presents_the_county_map_with_its_card(app_context) -> None:
    from dashboard.callbacks.resources import resources

    dataset = resources().dataset
    from dashboard.state import parse_query

    added, _ = parse_query(cb.current_query(COUNTY + "&lang=en", None, dataset), dataset)
    assert added.lang is None and added.area_code == "530102" and ("drill", "530000") in added.extras
    url = cb.slide_url(COUNTY, "en", dataset)
    assert "area=530102" in url and "drill=530000" in url and "lang=en" in url
    assert cb.auto_title(dataset, COUNTY, "zh") == "云南省县级地图 · 常住人口（普查，县级） · 2020年"
    board = {"version": 1, "title": "T", "slides": [{"query": COUNTY, "title": "", "note": ""}]}
    stage = cb.draw_stage({"playing": True, "index": 0}, board, "zh")
    assert "present-stage-with-table" in stage.className
    head, charts, _sentence, source = stage.children
    assert head.children[0].children.startswith("云南省县级地图")
    graph, card = charts.children
    figure = graph.children.figure
    assert figure.data[0].geojson == "/geo/counties/530000.geojson"  # the browser loads it, not inlined
    header = [cell.children for cell in card.children.children[0].children.children]
    assert header == ["指标", "最近一年", "上一个有数据的年份"]
    assert source.children.startswith("数据来源")
    csv, _ = clicked(cb.export_data, f"{PresentIds.DATA_CSV}.n_clicks", 1, 0, COUNTY, "en", None)
    rows = base64.b64decode(csv["content"]).decode("utf-8-sig").splitlines()
    assert "county_resident_population_census" in rows[1] and len(rows) - 1 == len(dataset.map_units("530000"))

"""Callbacks of the 'Data & sources' view, called directly (no browser)."""
from __future__ import annotations

import base64
import io
import json
from contextvars import copy_context

import openpyxl
from dash import no_update

from dashboard.callbacks.data_view import (change_uploads, dataset_file, download, gate_add, sync_pilots,
                                           read_upload, show_coverage, show_province_coverage, show_sources)
from dashboard.callbacks.resources import resources
from dashboard.components.data_view import DataIds
from dashboard.figures.coverage import with_upload

NBS_GBK = ("数据库：分省年度数据\n指标：城镇化率(%)\n时间：2010\n地区,2010年\n云南省,88.8\n"
           "注：测试数据\n").encode("gb18030")
BAD = "地区,指标,年份,数值\n云南,urbanisation,2010,abc\n".encode()


def call(func, trigger: str | None, value, *args):
    """Call a callback as Dash does after `trigger` (prop id) changed to `value`."""
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    triggered = [{"prop_id": trigger, "value": value}] if trigger else []

    def run():
        context_value.set(AttributeDict(triggered_inputs=triggered))
        return func(*args)

    return copy_context().run(run)


def real_file_url(name: str) -> tuple[str, str]:
    """(data URL, file name) of one of ../shared/real-files, as dcc.Upload sends it; skipped when absent."""
    from pathlib import Path

    import pytest

    path = Path(__file__).resolve().parents[3] / "shared" / "real-files" / name
    if not path.exists():
        pytest.skip("../shared/real-files is not beside the checkout")
    return "data:application/octet-stream;base64," + base64.b64encode(path.read_bytes()).decode(), name


def rows_of(pending: dict) -> list[dict]:
    """The rows a pending import keeps on the server under its key."""
    return resources().imports.get(pending["key"])


def data_url(raw: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(raw).decode("ascii")


def test_good_gbk_nbs_csv_previews_then_adds_rows_to_the_store(app_context) -> None:
    pending, preview, disabled, _ = call(read_upload, "datasrc-upload.contents", "x", data_url(NBS_GBK), None, None,
                                      "城镇化率.csv", None, "zh")
    assert len(rows_of(pending)) == 1 and pending["conflicts"] == 1
    assert rows_of(pending)[0]["source_id"].startswith("USER-UPLOAD:")
    shown = _flat_text(preview)
    assert "云南省" in shown and "按国家统计局导出文件（CSV）读取" in shown and "read as" not in shown
    # Yunnan 2010 is in the bundle with another value: Add waits for the replace choice ...
    assert disabled is True and gate_add(pending, False) is True and gate_add(pending, True) is False
    # ... and a click that gets through anyway leaves the store unchanged, saying why in Chinese.
    store, message, contents = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [], pending, False, None, "zh")
    assert store is no_update and contents is no_update
    refusal = _flat_text(message)
    assert "与系统中的数据冲突" in refusal and "勾选“替换冲突数值”" in refusal and "Excel" not in refusal
    store, message, contents = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [], pending, True, None, "zh")
    assert [u["filename"] for u in store["uploads"]] == ["城镇化率.csv"] and store["uploads"][0]["replace"] is True
    assert store["uploads"][0]["key"] == pending["key"] and "rows" not in store["uploads"][0] and contents is None
    merged = resources().dataset_for(store)
    yunnan = merged.values_for_year("urbanisation", 2010).set_index("area_code").loc["530000"]
    assert yunnan["value"] == 88.8 and yunnan["source_id"].startswith("USER-UPLOAD:")


def test_bad_file_gives_a_located_message_and_leaves_the_store(app_context) -> None:
    store_before = with_upload(None, "earlier.csv", False, [])
    pending, preview, disabled, _ = call(read_upload, "datasrc-upload.contents", "x", data_url(BAD), None, None,
                                      "bad.csv", store_before, "en")
    assert pending is None and disabled is True
    text = json.dumps(preview.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)
    assert "bad.csv" in text and "row 2" in text and "数值" in text and "not a number" in text
    assert "Traceback" not in text
    # Nothing to add: the store is not touched.
    store, _, _ = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [], pending, False, store_before, "en")
    assert store is no_update


def test_garbage_and_oversized_uploads_are_messages(app_context) -> None:
    _, preview, _, _ = call(read_upload, "datasrc-upload.contents", "x", "data:;base64,@@@", None, None, "x.csv", None, "en")
    assert "could not be read" in str(preview.to_plotly_json())
    huge = "data:;base64," + "A" * (8 * 1024 * 1024)
    _, preview, _, _ = call(read_upload, "datasrc-upload.contents", "x", huge, None, None, "big.csv", None, "en")
    assert "limit" in str(preview.to_plotly_json())


def test_remove_button_drops_that_upload(app_context) -> None:
    rows = [{"area_code": "530000", "indicator_id": "urbanisation", "year": 1990, "value": 10.0, "subgroup": "total",
             "source_id": "USER-UPLOAD:a.csv", "vintage": "user-upload", "flag": "official", "note": None}]
    store = with_upload(with_upload(None, "a.csv", False, rows), "b.csv", False, [])
    trigger = json.dumps({"index": 0, "type": DataIds.REMOVE_UPLOAD}, separators=(",", ":")) + ".n_clicks"
    new, _, _ = call(change_uploads, trigger, 1, 0, [1, 0], None, False, store, "zh")
    assert [u["filename"] for u in new["uploads"]] == ["b.csv"]
    # A re-rendered list fires with n_clicks 0: not a click.
    assert call(change_uploads, trigger, 0, 0, [0, 0], None, False, store, "zh")[0] is no_update


def _user_store_with(note: str) -> dict:
    return with_upload(None, "evil.csv", False, [{
        "area_code": "530000", "indicator_id": "urbanisation", "year": 1990, "value": 14.7, "subgroup": "total",
        "source_id": "USER-UPLOAD:evil.csv", "vintage": "=cmd|' /C calc'!A0", "flag": "official", "note": note}])


def test_dataset_downloads_neutralise_formulas(app_context) -> None:
    store = _user_store_with("=cmd|' /C calc'!A0")
    dataset = resources().dataset_for(store)
    csv_bytes, name = dataset_file(dataset, "zh", "csv")
    text = csv_bytes.decode("utf-8-sig")
    assert name.endswith(".csv") and "'=cmd" in text
    assert not any(cell.startswith("=") for line in text.splitlines() for cell in line.split(","))
    xlsx_bytes, name = dataset_file(dataset, "en", "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes))
    assert book.sheetnames == ["data", "sources"]
    values = [c.value for row in book["data"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=cmd|' /C calc'!A0" in values and not any(v.startswith("=") for v in values)
    sources = [row[0].value for row in book["sources"].iter_rows()]
    assert "USER-UPLOAD:evil.csv" in sources


def test_download_callback_sends_the_file_for_the_button_clicked(app_context) -> None:
    sent = call(download, "datasrc-download-csv.n_clicks", 1, 1, 0, 0, 0, _user_store_with("=1+1"), "zh")
    content = base64.b64decode(sent["content"]).decode("utf-8-sig")
    assert sent["filename"].endswith(".csv") and "'=1+1" in content and "USER-UPLOAD:evil.csv" in content
    template = call(download, "datasrc-template-xlsx.n_clicks", 1, 0, 0, 0, 1, None, "zh")
    assert template["filename"] == "导入模板.xlsx"
    assert openpyxl.load_workbook(io.BytesIO(base64.b64decode(template["content"]))).sheetnames[0] == "数据"
    assert call(download, "datasrc-download-csv.n_clicks", 0, 0, 0, 0, 0, None, "zh") is no_update


def test_changing_pilots_writes_the_url(app_context) -> None:
    search = "?view=data&ind=gdp_pc"
    out = call(sync_pilots, "datasrc-pilots.value", ["530000", "520000"], search, ["530000", "520000"], 0, "zh")
    assert "pilots=530000,520000" in out[0] and "view=data" in out[0]
    assert out[3] == out[0]  # into the view's query store too: its gate then has nothing new to pass
    # The sourced list itself is not written into the link.
    assert call(sync_pilots, "datasrc-pilots.value", ["530000"], search, ["530000"], 0, "zh")[0] is no_update
    reset = call(sync_pilots, "datasrc-pilots-reset.n_clicks", 1, search + "&pilots=520000", ["520000"], 1, "zh")
    assert "pilots" not in reset[0] and reset[1] == ["530000"]
    query, value, note, _query = call(sync_pilots, "datasrc-query.data", None, search + "&pilots=520000", ["530000"], 0, "zh")
    text = json.dumps([n.to_plotly_json() for n in note], ensure_ascii=False)
    assert query is no_update and value == ["520000"]
    assert "调研省" in text and "不是有来源的试点省" in text


def _national_only() -> str:
    """An indicator the bundle holds for no province (queried: imr, u5mr gained provincial releases)."""
    dataset = resources().dataset
    obs = dataset.observations
    with_provinces = set(obs.loc[obs["area_code"].isin(dataset.province_codes(mainland_only=False)), "indicator_id"])
    national = set(obs.loc[(obs["area_code"] == "100000") & (obs["subgroup"] == "total"), "indicator_id"])
    found = sorted(national - with_provinces)
    assert found, "the bundle has no national-only series left to test with"
    return found[0]


def test_coverage_and_sources_follow_the_tab_store(app_context) -> None:
    store = _user_store_with("mine")
    _, rows, columns, _ = call(show_coverage, None, None, store, "all", "en")
    urban = next(r for r in rows if r["indicator_id"] == "urbanisation")
    assert urban["user"] == 1 and any(c["field"] == "1990" for c in columns)
    rows, _, caption = call(show_province_coverage, None, None, "urbanisation", store, "en")
    assert next(r for r in rows if r["area_code"] == "530000")["1990_kind"] == "user"
    assert "missing" in caption
    rows, columns, caption = call(show_province_coverage, None, None, _national_only(), store, "en")
    assert rows == [] and "national values only" in caption
    cards, count = call(show_sources, None, None, store, "evil", "en")
    assert len(cards) == 1 and "1 of" in count


TWO_VINTAGES = (b"area,indicator_id,year,value,vintage\n"
                b"Yunnan,urbanisation,2010,36.1,CSY2011\nYunnan,urbanisation,2010,36.5,CSY2012\n")


def test_two_vintages_for_one_cell_show_one_value_on_the_map_and_name_the_other(app_context) -> None:
    """Issue 8 item 2: the exact upload, replace ticked, Add, then the map link (was a 500)."""
    from dashboard.callbacks.map_view import map_table, sync_view, trend_table
    from tests.conftest import run_callback

    pending, _, disabled, _ = call(read_upload, "datasrc-upload.contents", "x", data_url(TWO_VINTAGES), None, None,
                                "vintages.csv", None, "en")
    # The file differs from bundled values: Add waits for the replace choice, given below.
    assert disabled is True and gate_add(pending, True) is False and len(rows_of(pending)) == 2
    store, message, _ = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [], pending, True, None, "en")
    assert store is not no_update
    link = json.dumps(message.to_plotly_json(), default=lambda o: o.to_plotly_json())
    href = json.loads(link)["props"]["children"][2]["props"]["href"]
    out = run_callback(sync_view, None, href, None, None, None, 0, "en", store, None)
    patch = json.dumps(out["map"].to_plotly_json(), ensure_ascii=False)
    # One value for Yunnan: the latest vintage of the import (CSY2012), the other named in the hover.
    assert "36.5" in patch and "CSY2011" in patch and "36.1" in patch
    merged = resources().dataset_for(store)
    shown = merged.values_for_year("urbanisation", 2010)
    yunnan = shown[shown["area_code"] == "530000"]
    assert len(yunnan) == 1 and yunnan["value"].iloc[0] == 36.5 and yunnan["vintage"].iloc[0] == "CSY2012"
    series = merged.series("urbanisation", "530000")
    assert series["year"].is_unique
    # The other vintage is kept apart (not dropped, never looked up), and the tables name it.
    assert merged.other_vintages("urbanisation", 2010) == {"530000": [(36.1, "CSY2011")]}
    table = run_callback(map_table, None, {"search": href, "clicks": 1}, store, "en")
    text = json.dumps(table.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)
    assert "36.50%" in text and "36.10% (CSY2011)" in text
    run_callback(trend_table, None, {"search": href.replace("view=map", "view=map&area=530000"), "clicks": 1}, store, "en")


def test_a_stored_import_that_no_longer_merges_is_named_and_views_still_work(app_context) -> None:
    """Issue 8 item 4: e.g. the server's data changed since the tab stored the import."""
    from dashboard.callbacks.data_view import show_uploads
    from dashboard.callbacks.map_view import sync_view
    from tests.conftest import run_callback

    pending, _, _, _ = call(read_upload, "datasrc-upload.contents", "x", data_url(TWO_VINTAGES), None, None,
                         "good.csv", None, "en")
    good = with_upload(None, "good.csv", True, rows_of(pending))
    stale_rows = [{**rows_of(pending)[0], "indicator_id": "retired_indicator"}]
    store = with_upload(with_upload(good, "old.csv", False, stale_rows), "junk.csv", False, ["not a row"])
    assert resources().upload_problems(store).keys() == {1, 2}
    out = run_callback(sync_view, None, "?view=map&ind=urbanisation&year=2010", None, None, None, 0,
                       "en", store, None)
    assert "36.5" in json.dumps(out["map"].to_plotly_json())  # the import that fits is still shown
    listing = json.dumps([c.to_plotly_json() for c in show_uploads(store, "en")],
                         default=lambda o: o.to_plotly_json(), ensure_ascii=False)
    assert "old.csv no longer fits the data" in listing and "retired_indicator" in listing
    assert "junk.csv no longer fits the data" in listing and "cannot be read" in listing
    # Removing it works (the remaining imports merge).
    new_store, message, _ = call(change_uploads, '{"index":1,"type":"datasrc-remove-upload"}.n_clicks', 1, 1, [1],
                                 None, False, store, "en")
    assert [u["filename"] for u in new_store["uploads"]] == ["good.csv", "junk.csv"]


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)


def test_a_file_the_browser_refused_is_named_with_why_in_the_page_language(app_context) -> None:
    """Issue 8 item 3: assets/upload_refusal.js reports what dcc.Upload drops without a word."""
    big = {"name": "分省数据.csv", "size": 7 * 1_048_576, "reason": "size", "at": 1}
    pending, shown, disabled, message = call(read_upload, "datasrc-refused.data", big, None, None, big,
                                             None, None, "zh")
    assert pending is None and disabled is True and message is None   # an earlier "Added …" goes
    text = _text(shown)
    assert "分省数据.csv" in text and "7.0" in text and "5 MB" in text and "浏览器没有发送" in text
    macro = {"name": "book.xlsm", "size": 10_000, "reason": "kind", "at": 2}
    _, shown, _, _ = call(read_upload, "datasrc-refused.data", macro, None, None, macro, None, None, "en")
    text = _text(shown)
    assert "book.xlsm" in text and ".xlsm" in text and ".csv, .txt, .xlsx, .xls" in text and "macros" in text
    too_large = {"reason": "request", "at": 3}
    _, shown, _, _ = call(read_upload, "datasrc-refused.data", too_large, None, None, too_large, None, None, "en")
    assert "refused the request as too large" in _text(shown)
    # A forged reason is still worded as a refusal, never echoed.
    forged = {"name": "<script>", "reason": "<img onerror>", "at": 4}
    _, shown, _, _ = call(read_upload, "datasrc-refused.data", forged, None, None, forged, None, None, "en")
    assert "onerror" not in _text(shown) and "too large" in _text(shown)


def test_rows_the_server_cannot_keep_are_a_located_message_not_a_500(app_context, monkeypatch) -> None:
    from dashboard.callbacks.data_view import parse_upload

    def full(_rows):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(resources().imports), "put", lambda self, rows: full(rows))
    pending, alert, disabled = parse_upload(data_url(NBS_GBK), "城镇化率.csv", None, None, "en")
    assert pending is None and disabled is True
    text = _text(alert)
    assert "城镇化率.csv" in text and "could not keep the imported rows" in text and "No space" not in text


def test_choosing_a_new_file_clears_the_last_success_message(app_context) -> None:
    *_, message = call(read_upload, "datasrc-upload.contents", "x", data_url(NBS_GBK), None, None,
                       "城镇化率.csv", None, "zh")
    assert message is None
    *_, message = call(read_upload, "datasrc-upload-indicator.value", "x", data_url(NBS_GBK), "urbanisation",
                       None, "城镇化率.csv", None, "zh")
    assert message is no_update   # changing the indicator re-reads the file but leaves the message


def test_the_tab_store_holds_a_key_and_summary_not_the_rows(app_context) -> None:
    """Issue 8 item 5: every callback carries the store, so it must stay small."""
    # A named vintage: made-up values that differ from the bundle are then not read as another
    # release of it (importers.upload.release_by_values), which could not extend the bundled series.
    rows = "\n".join(["地区,指标,年份,数值,版本"] + [f"{a},urbanisation,{y},{(y % 50) + 10.5},test"
                                                 for a in ("云南", "贵州", "四川") for y in range(1990, 2020)])
    pending, _, disabled, _ = call(read_upload, "datasrc-upload.contents", "x", data_url(rows.encode("utf-8")),
                                   None, None, "many.csv", None, "en")
    assert disabled and gate_add(pending, True) is False and len(rows_of(pending)) == 90  # replace: below
    store, _, _ = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [], pending, True, None, "en")
    entry = store["uploads"][0]
    assert set(entry) == {"filename", "replace", "key", "n", "indicators", "years"}
    assert entry["n"] == 90 and entry["indicators"] == ["urbanisation"] and entry["years"] == [1990, 2019]
    assert len(json.dumps(store)) < 300
    assert len(resources().dataset_for(store).observations) > len(resources().dataset.observations)


def test_an_import_whose_server_rows_are_gone_is_named_and_add_says_so(app_context) -> None:
    from dashboard.callbacks.data_view import show_uploads

    gone = {"uploads": [{"filename": "old.csv", "replace": False, "key": "Z" * 32, "n": 5,
                         "indicators": ["urbanisation"], "years": [2010, 2011]}]}
    assert resources().dataset_for(gone) is resources().dataset
    listing = json.dumps([c.to_plotly_json() for c in show_uploads(gone, "zh")],
                         default=lambda o: o.to_plotly_json(), ensure_ascii=False)
    assert "old.csv" in listing and "请重新上传" in listing and "2010–2011" in listing
    store, message, _ = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [],
                             {"filename": "x.csv", "key": "../../etc/passwd"}, False, None, "en")
    assert store is no_update and "upload the file again" in _text(message)
    store, message, _ = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [],
                             {"filename": "x.csv", "key": "Y" * 32, "n": 3}, False, None, "en")
    assert store is no_update and "x.csv" in _text(message) and "upload the file again" in _text(message)


def test_imports_beyond_the_tab_row_cap_are_refused_with_the_counts(app_context, monkeypatch) -> None:
    monkeypatch.setattr("dashboard.callbacks.data_view.MAX_TAB_ROWS", 50)
    pending, *_ = call(read_upload, "datasrc-upload.contents", "x", data_url(NBS_GBK), None, None,
                       "a.csv", None, "en")
    held = {"uploads": [{"filename": "b.csv", "replace": False, "key": "Q" * 32, "n": 50,
                         "indicators": ["urbanisation"], "years": [2010, 2010]}]}
    store, message, _ = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [], pending, True, held, "en")
    assert store is no_update and "1 rows" in _text(message) and "50" in _text(message)


def _flat_text(component) -> str:
    children = getattr(component, "children", component)
    if isinstance(children, (list, tuple)):
        return " ".join(_flat_text(c) for c in children if c is not None)
    if hasattr(children, "children"):
        return _flat_text(children)
    return "" if children is None else str(children)


def test_upload_preview_lists_every_problem_in_the_tab_language(app_context) -> None:
    from dashboard.callbacks.data_view import parse_upload

    raw = "地区,指标,年份,数值\r\n云南,urbanisation,2010,abc\r\nYunan,urbanisation,2011,35\r\n".encode()
    contents = "data:text/csv;base64," + base64.b64encode(raw).decode()
    pending, alert, disabled = parse_upload(contents, "two.csv", None, None, "zh")
    text = _flat_text(alert)
    assert pending is None and disabled is True
    assert "共发现 2 处问题" in text and "第2行" in text and "第3行" in text and "“abc”不是数字" in text
    _, alert_en, _ = parse_upload(contents, "two.csv", None, None, "en")
    assert "2 problems found" in _flat_text(alert_en) and "'Yunan' is not a known area" in _flat_text(alert_en)


def test_an_nbs_xls_download_reaches_the_preview(app_context) -> None:
    from dashboard.callbacks.data_view import parse_upload

    contents, name = real_file_url("03_nbs_gdp_2004_2023_en_biff8.xls")
    # A later NBS release of bundled GDP that also adds years: read and shown, and refused at once
    # (no replace choice makes one series of two releases).
    pending, preview, disabled = parse_upload(contents, name, None, None, "en")
    assert pending is None and disabled is True
    assert "another release" in _flat_text(preview) and "620" in _flat_text(preview)
    assert "read as NBS export (Excel 97-2003)" in _flat_text(preview)
    _, preview_zh, _ = parse_upload(contents, name, None, None, "zh")
    assert "按国家统计局导出文件（Excel 97-2003）读取" in _flat_text(preview_zh) and "不是同一版本" in _flat_text(preview_zh)


def test_the_same_file_added_twice_is_listed_once(app_context) -> None:
    raw = "地区,指标,年份,数值\n云南,urbanisation,1985,12.5\n".encode()
    first, _, disabled, _ = call(read_upload, "datasrc-upload.contents", "x", data_url(raw), None, None,
                                 "mine.csv", None, "zh")
    assert disabled is False
    store, _, _ = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [], first, False, None, "zh")
    assert [u["filename"] for u in store["uploads"]] == ["mine.csv"]
    # A second click on Add, and the same file chosen again (a new key, the same rows): no second entry.
    again, message, _ = call(change_uploads, "datasrc-add.n_clicks", 2, 2, [], first, False, store, "zh")
    assert again is no_update and "已经导入本标签页" in _flat_text(message)
    second, _, _, _ = call(read_upload, "datasrc-upload.contents", "x", data_url(raw), None, None, "mine.csv", store, "zh")
    assert second["key"] != first["key"]
    again, message, _ = call(change_uploads, "datasrc-add.n_clicks", 3, 3, [], second, False, store, "en")
    assert again is no_update and "already imported in this tab" in _flat_text(message)
    # Other rows under the same name are a new import.
    other, _, _, _ = call(read_upload, "datasrc-upload.contents", "x", data_url(raw.replace(b"12.5", b"12.7")), None,
                          None, "mine.csv", store, "zh")
    store2, _, _ = call(change_uploads, "datasrc-add.n_clicks", 4, 4, [], other, True, store, "zh")
    assert len(store2["uploads"]) == 2


def test_a_file_that_cannot_be_added_even_replacing_says_so_in_the_preview(app_context) -> None:
    """Another release that adds years to a bundled series is refused whatever the replace choice:
    the preview says so at once (Add stays off), instead of after the user ticks replace and adds."""
    from dashboard.callbacks.data_view import parse_upload
    from dashboard.data.importers.mapping import ColumnMapping

    contents, name = real_file_url("13_panel_urbanisation_2000_2023_multisheet.xlsx")
    mapping = ColumnMapping(area="省份", year="年份", value="城镇化率%", indicator_id="urbanisation")
    pending, shown, disabled = parse_upload(contents, name, "urbanisation", None, "zh", mapping=mapping)
    text = _flat_text(shown)
    assert pending is None and disabled is True
    assert "不是同一版本" in text and "预览" in text and "744" in text  # why, and what was read


def test_another_release_is_added_as_a_series_of_its_own_on_request(app_context) -> None:
    from dashboard.callbacks.data_view import import_as_own_series, parse_upload

    contents, name = real_file_url("01_nbs_gdp_2001_2019_gbk_footnotes.csv")
    pending, refused, _ = parse_upload(contents, name, None, None, "zh")
    button = next(c for c in _walk(refused) if isinstance(getattr(c, "id", None), dict))
    assert pending is None and button.id == {"type": DataIds.OWN_SERIES, "indicator": "gdp"}
    assert "作为单独的序列导入" in _flat_text(button)

    def click(clicks):
        from dash._callback_context import context_value
        from dash._utils import AttributeDict

        def run():
            context_value.set(AttributeDict(triggered_inputs=[{"prop_id": json.dumps(button.id) + ".n_clicks",
                                                               "value": clicks[0]}]))
            return import_as_own_series(clicks, contents, name, None, "zh")
        return copy_context().run(run)

    assert click([0]) == (no_update, no_update, no_update)  # a rendered button, not a click
    pending, shown, disabled = click([1])
    assert disabled is False and pending["n"] == 589 and pending["new_indicators"][0]["unit_en"] == "100 million yuan"
    new_id = pending["new_indicators"][0]["indicator_id"]
    assert new_id.startswith("user_") and pending["indicators"] == [new_id]
    assert "地区生产总值（01_nbs_gdp_2001_2019_gbk_footnotes.csv）" in _flat_text(shown)
    store, _, _ = call(change_uploads, "datasrc-add.n_clicks", 1, 1, [], pending, False, None, "zh")
    merged = resources().dataset_for(store)
    assert merged.values_for_year(new_id, 2019).set_index("area_code").loc["110000", "value"] == 35445.1
    assert merged.values_for_year("gdp", 2019).empty or "110000" not in set(merged.values_for_year("gdp", 2019)["area_code"])


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)


def test_only_new_years_of_a_bundled_series_are_addable_but_said_to_be_unverified(app_context) -> None:
    from dashboard.callbacks.data_view import parse_upload

    only_new = "地区,指标,年份,数值\n云南,urbanisation,1985,12.5\n".encode()
    pending, shown, disabled = parse_upload(data_url(only_new), "new.csv", None, None, "zh")
    text = _flat_text(shown)
    assert disabled is False and pending["n"] == 1
    assert "无法根据数值判断是否为同一发布版本" in text and "作为单独的序列导入" in text
    assert any(getattr(c, "id", None) == {"type": DataIds.OWN_SERIES, "indicator": "urbanisation"} for c in _walk(shown))
    # A file sharing a cell with the series (same value: the same release) gets no such note.
    bundled = resources().dataset.values_for_year("urbanisation", 2010).set_index("area_code").loc["530000", "value"]
    with_overlap = f"地区,指标,年份,数值\n云南,urbanisation,1985,12.5\n云南,urbanisation,2010,{bundled}\n".encode()
    _, shown, _ = parse_upload(data_url(with_overlap), "overlap.csv", None, None, "en")
    assert "cannot show whether it is the same release" not in _flat_text(shown)
    _, shown, _ = parse_upload(data_url(only_new), "new.csv", None, None, "en")
    assert "cannot show whether it is the same release" in _flat_text(shown)

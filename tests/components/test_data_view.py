"""The 'Data & sources' layout, built without a browser."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from dash import dcc

from dashboard.components.data_view import (DataIds, data_view, error_message, markdown_text, roles_table, source_card,
                                            uploads_list)
from dashboard.data.errors import DataError, Location
from dashboard.data.importers.base import MAX_IMPORT_BYTES


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    if children is None:
        return
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)


def _ids(component) -> set:
    return {str(c.id) for c in _walk(component) if isinstance(getattr(c, "id", None), str)}


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_control_of_the_view_exists_from_the_start(bundled_dataset, lang) -> None:
    view = data_view(bundled_dataset, lang)
    expected = {i.value for i in DataIds if i not in (DataIds.REMOVE_UPLOAD, DataIds.OWN_SERIES)}  # pattern ids
    assert expected <= _ids(view)


def test_upload_is_limited_to_the_importer_limit(bundled_dataset) -> None:
    upload = next(c for c in _walk(data_view(bundled_dataset, "zh")) if isinstance(c, dcc.Upload))
    assert upload.max_size == MAX_IMPORT_BYTES and upload.multiple is False


def test_roles_table_calls_only_yunnan_a_pilot(bundled_dataset) -> None:
    text = _text(roles_table(bundled_dataset, "zh"))
    rows = roles_table(bundled_dataset, "zh").children[1].children
    roles = {row.children[0].children: row.children[1].children.children for row in rows}
    assert roles["云南省"] == "试点省"
    assert {name for name, role in roles.items() if role == "试点省"} == {"云南省"}
    assert roles["贵州省"] == roles["海南省"] == "调研省"
    assert "UNDP-XK-REVIEW-2006" in text


def test_roles_intro_never_calls_a_study_province_a_pilot(bundled_dataset) -> None:
    text = _text(data_view(bundled_dataset, "en"))
    assert "Yunnan is the only pilot province" in text and "not pilots" in text


def test_error_message_names_file_row_column_and_what(bundled_dataset) -> None:
    alert = error_message(DataError(Location("云南.csv", 3, "D 数值"), "'abc' is not a number"), "zh")
    text = _text(alert)
    assert "云南.csv" in text and "第3行" in text and "D 数值" in text and "'abc' is not a number" in text
    assert "Traceback" not in text


def test_error_message_lists_every_problem_in_the_users_language(bundled_dataset) -> None:
    error = DataError.of([
        DataError(Location("f.csv", 3, "A 地区"), "'Yunan' is not a known area", key="datasrc.problem.unknown_area",
                  params={"name": "Yunan", "suggestions": "云南省 / Yunnan"}),
        DataError(Location("f.csv", 4, "D 数值"), "'abc' is not a number", key="datasrc.problem.not_number",
                  params={"cell": "abc"}),
        DataError(Location("f.csv", 5), "some problem without a catalogue text"),
    ])
    zh, en = _text(error_message(error, "zh")), _text(error_message(error, "en"))
    assert "共发现 3 处问题" in zh and "第3行" in zh and "“abc”不是数字" in zh and "是否为：云南省 / Yunnan" in zh
    assert "3 problems found" in en and "row 4" in en and "'abc' is not a number. Write digits" in en
    assert "some problem without a catalogue text" in zh  # no text in the catalogue: the English message
    assert zh.count("f.csv") == 1  # the file is named once, each problem by row and column


def test_checks_are_listed_in_the_preview_language() -> None:
    from dashboard.components.data_view import checks_list
    from dashboard.data.errors import Problem

    check = Problem(Location("f.csv", 2, "C 2010"), "english", "datasrc.problem.outlier",
                    {"value": "460200", "ratio": "99.4", "median": "4631", "year": 2010})
    assert "相邻年份 4631 的 99.4 倍" in _text(checks_list([check], "zh"))
    assert "99.4 times the neighbouring years' 4631" in _text(checks_list([check], "en"))
    assert checks_list((), "en") is None


def test_uploads_list_marks_user_data_and_has_a_remove_button_each(bundled_dataset) -> None:
    store = {"uploads": [{"filename": "a.csv", "replace": True, "rows": [
        {"area_code": "530000", "indicator_id": "urbanisation", "year": 2010, "value": 1.0}]}]}
    items = uploads_list(store, bundled_dataset, "en")
    buttons = [c for c in _walk(items[0]) if isinstance(getattr(c, "id", None), dict)]
    assert [b.id for b in buttons] == [{"type": DataIds.REMOVE_UPLOAD, "index": 0}]
    assert "User data" in _text(items[0]) and "a.csv" in _text(items[0])
    assert "No file imported yet" in _text(uploads_list(None, bundled_dataset, "en")[0])


def test_the_upload_guard_gives_the_refusal_script_the_same_limits(bundled_dataset) -> None:
    """assets/upload_refusal.js reads these attributes: they must match what dcc.Upload drops."""
    from dashboard.components.data_view import UPLOAD_ACCEPT

    view = data_view(bundled_dataset, "en")
    guard = next(c for c in _walk(view) if getattr(c, "id", None) == DataIds.UPLOAD_ZONE)
    upload = next(c for c in _walk(guard) if isinstance(c, dcc.Upload))
    props = guard.to_plotly_json()["props"]
    assert props["data-max-bytes"] == str(upload.max_size) and props["data-accept"] == upload.accept == UPLOAD_ACCEPT
    assert props["data-refused-store"] == DataIds.REFUSED and ".xlsm" not in UPLOAD_ACCEPT.split(",")


def test_uploads_list_reads_a_kept_import_from_its_summary(bundled_dataset) -> None:
    store = {"uploads": [{"filename": "a.csv", "replace": True, "key": "K" * 32, "n": 20000,
                          "indicators": ["urbanisation"], "years": [1990, 2019]}]}
    text = _text(uploads_list(store, bundled_dataset, "en")[0])
    assert "a.csv" in text and "20000 rows" in text and "1990–2019" in text and "replaces conflicts" in text


def test_the_advice_says_where_to_fix_the_problems(bundled_dataset) -> None:
    # A choice on this page (here: the new indicator's direction) is not fixed in Excel.
    choice = DataError(Location("p.csv"), "needs a direction", key="datasrc.problem.new_indicator_direction")
    in_file = DataError(Location("p.csv", 3, "D"), "'abc' is not a number", key="datasrc.problem.not_number",
                        params={"cell": "abc"})
    server = DataError(Location("p.csv"), "gone", key="datasrc.import.gone")
    assert "更改选择" in _text(error_message(choice, "zh")) and "Excel" not in _text(error_message(choice, "zh"))
    assert "Change the choices above" in _text(error_message(choice, "en"))
    assert "Excel" in _text(error_message(in_file, "zh"))
    assert "Excel" in _text(error_message(DataError.of([choice, in_file]), "en"))  # the file needs fixing too
    assert "Excel" not in _text(error_message(server, "zh")) and "更改选择" not in _text(error_message(server, "zh"))


def test_how_a_file_was_read_is_said_in_the_preview_language(bundled_dataset) -> None:
    from dashboard.components.data_view import preview
    from dashboard.data.errors import Notice

    summary = {"years": [2010], "rows": 1, "indicators": ["城镇化率"], "areas": ["云南省"], "conflicts": 0, "already": 0}
    notices = [Notice("read as NBS export (CSV)", "datasrc.notice.read_as_nbs", format="CSV"),
               Notice("left out column(s) 'B Region'", "datasrc.notice.left_out", columns="'B Region'")]
    zh = _text(preview(summary, "f.csv", notices, [], bundled_dataset, "zh"))
    en = _text(preview(summary, "f.csv", notices, [], bundled_dataset, "en"))
    assert "按国家统计局导出文件（CSV）读取" in zh and "未读取的列：'B Region'" in zh and "read as" not in zh
    assert "read as NBS export (CSV)" in en and "left out column(s) 'B Region'" in en


def test_a_county_preview_heads_its_first_column_area_not_province(bundled_dataset) -> None:
    from dashboard.components.data_view import preview

    summary = {"years": [2020], "rows": 1, "indicators": ["x"], "areas": ["五华区"], "conflicts": 0, "already": 0}
    county = [{"area_code": "530102", "indicator_id": "x", "year": 2020, "value": 1.0, "flag": None}]
    province = [{**county[0], "area_code": "530000"}]

    def head(sample, lang):
        table = next(c for c in _walk(preview(summary, "f.csv", [], sample, bundled_dataset, lang))
                     if getattr(c, "className", "") == "table table-sm preview-table")
        return [th.children for th in table.children[0].children.children]

    assert head(county, "zh")[0] == "地区" and head(county, "en")[0] == "Area"
    assert head(province, "zh")[0] == "省份"


_SPECIAL = "\\`*_{}[]()#+-.!|<>~&"


@given(st.text(alphabet=st.sampled_from(list(_SPECIAL) + ["a", "云", " ", "\n", "1"]), max_size=60))
def test_markdown_text_shows_any_text_literally(text):
    """Every Markdown punctuation mark is escaped, so unescaping gives the text back (its runs of
    white space, line breaks included, as single spaces: a blank line would end the card's list)."""
    escaped = markdown_text(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == " ".join(text.split())
    assert not re.search(r"(?<!\\)[" + re.escape(_SPECIAL.replace("\\", "")) + "]", re.sub(r"\\\\", "", escaped))
    assert "\n" not in escaped


def test_a_source_card_is_two_components_with_every_field_in_its_text():
    record = {"source_id": "NBS-X", "title": "Title [with] *marks*", "publisher": "国家统计局", "year": "2020",
              "url": "https://data.stats.gov.cn/", "doubts": "line one\n\nline <two>", "values": 12, "user": True}
    card = source_card(record, "en")
    markdown = [child for child in card.children if isinstance(child, dcc.Markdown)]
    assert len(markdown) == 1 and "user-source" in card.className
    text = markdown[0].children
    assert "### Title \\[with\\] \\*marks\\*" in text and "`NBS-X`" in text and "`https://data.stats.gov.cn/`" in text
    assert "**Publisher:** 国家统计局" in text and "line one line \\<two\\>" in text
    assert not getattr(markdown[0], "dangerously_allow_html", False)  # data text is never HTML

"""The mapping step's callbacks, called directly: columns detected, a panel read with the
columns and a new indicator the user chose, added, and the indicator known to every view."""
from __future__ import annotations

import base64
import json

from dash import no_update

from dashboard.callbacks.data_view import change_uploads
from dashboard.callbacks.import_mapping import apply_mapping, show_indicator_fields, show_mapping
from dashboard.callbacks.resources import resources
from dashboard.components.import_mapping import MappingIds
from tests.conftest import run_callback

PANEL = (b"Province,Region,Year,Birthrate\nBeijing,North China,2019,8.12\nYunnan,Southwest,2019,12.63\n"
         b"Beijing,North China,2018,8.24\n")
NBS = "数据库：分省年度数据\n指标：城镇化率(%)\n时间：2010\n地区,2010年\n云南省,88.8\n".encode("gb18030")


def clicked(func, trigger: str, *args):
    """Call a callback as Dash does after a click on `trigger` (prop id; the value is the click count)."""
    from contextvars import copy_context

    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    def run():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": trigger, "value": 1}]))
        return func(*args)

    return copy_context().run(run)


def data_url(raw: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(raw).decode("ascii")


def text_of(component) -> str:
    return json.dumps(component.to_plotly_json() if hasattr(component, "to_plotly_json") else component,
                      default=lambda o: o.to_plotly_json(), ensure_ascii=False)


def test_a_panel_shows_its_columns_with_guesses(app_context) -> None:
    hidden, text, options, _, _, area, year, value = run_callback(
        show_mapping, "datasrc-upload.contents", data_url(PANEL), "panel.csv", "en")
    assert hidden is False
    assert "Province, Region, Year, Birthrate" in text
    assert [o["value"] for o in options] == ["Province", "Region", "Year", "Birthrate"]
    assert options[3]["label"] == "D · Birthrate"
    assert (area, year, value) == ("Province", "Year", "Birthrate")


def test_an_nbs_export_or_no_file_hides_the_mapping(app_context) -> None:
    assert run_callback(show_mapping, "datasrc-upload.contents", data_url(NBS), "n.csv", "zh")[0] is True
    assert run_callback(show_mapping, None, None, None, "zh")[0] is True
    assert run_callback(show_mapping, "datasrc-upload.contents", "data:text/csv;base64,@@", "x.csv", "zh")[0] is True


def test_the_new_indicator_fields_show_only_for_a_new_indicator() -> None:
    assert show_indicator_fields("new") == (True, False)
    assert show_indicator_fields("catalogue") == (False, True)


def apply(*form, lang="en"):
    return run_callback(apply_mapping, f"{MappingIds.APPLY}.n_clicks", 1, data_url(PANEL), "panel.csv", *form,
                        None, lang)


def test_a_mapped_panel_with_a_new_indicator_previews_adds_and_is_known_after(app_context) -> None:
    pending, preview, disabled = apply("Province", "Year", "Birthrate", "new", None, "出生率", "Birth rate", "‰", "higher")
    assert disabled is False and pending["n"] == 3
    assert pending["indicators"][0].startswith("user_birth_rate_")
    assert "Birth rate" in text_of(preview) and "mapped panel" in text_of(preview)
    store, message, contents = clicked(change_uploads, "datasrc-add.n_clicks", 1, [], pending, False, None, "en")
    assert store is not no_update, text_of(message)
    assert store["uploads"][0]["new_indicators"][0]["name_zh"] == "出生率"
    merged = resources().dataset_for(store)
    indicator_id = pending["indicators"][0]
    assert merged.indicator(indicator_id)["unit_en"] == "‰"
    beijing = merged.values_for_year(indicator_id, 2019).set_index("area_code").loc["110000", "value"]
    assert beijing == 8.12
    assert not resources().dataset.has_indicator(indicator_id)


def test_an_incomplete_mapping_lists_every_problem_in_the_page_language(app_context) -> None:
    pending, preview, disabled = apply("Province", "Year", "Birthrate", "new", None, "", "", "", None, lang="zh")
    assert pending is None and disabled is True
    shown = text_of(preview)
    assert "新指标需要名称" in shown and "新指标需要单位" in shown and "越高越好还是越低越好" in shown


def test_a_catalogue_indicator_must_be_chosen(app_context) -> None:
    pending, preview, _ = apply("Province", "Year", "Birthrate", "catalogue", None, "", "", "", None, lang="en")
    assert pending is None
    assert "new indicator in the mapping step" in text_of(preview) or "mapping step" in text_of(preview)


def test_apply_without_a_click_or_a_file_changes_nothing(app_context) -> None:
    assert run_callback(apply_mapping, None, 0, None, None, *[None] * 9, None, "en") == (no_update,) * 3
    pending, message, disabled = run_callback(apply_mapping, f"{MappingIds.APPLY}.n_clicks", 1, None, None,
                                              *[None] * 9, None, "en")
    assert pending is None and disabled is True and message == "Choose a file first."

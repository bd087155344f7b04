"""Gaps view callbacks called directly: panel rows, national fallback, grid, URL writes."""
from __future__ import annotations

import json
from urllib.parse import parse_qs

from dash import no_update

from dashboard.callbacks.gaps_view import (
    cell_state, cell_to_url, framework_to_url, framework_years, progress_rows, render_grid, render_panel,
    status_table, sync_framework, year_to_url,
)
from dashboard.state import parse_query
from dashboard.callbacks.resources import resources
from dashboard.components.gaps_view import GapsIds
from dashboard.i18n import t
from tests.conftest import run_callback

YUNNAN = "530000"


def walk(component):
    """Every component in a Dash tree (children lists, single children)."""
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            yield from walk(child)
    elif children is not None and not isinstance(children, (str, int, float)):
        yield from walk(children)


def text_of(component) -> str:
    if isinstance(component, (str, int, float)):
        return str(component)
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        return "".join(text_of(c) for c in children if c is not None)
    return "" if children is None else text_of(children)


def panel_rows(panel) -> dict[str, object]:
    rows = {}
    for part in panel:
        for node in walk(part):
            item = node.to_plotly_json()["props"].get("data-item") if hasattr(node, "to_plotly_json") else None
            if item:
                rows[item] = node
    return rows


def clicked(func, cell_id: dict, *args):
    """Call a callback as Dash does after a real click on the pattern-matching button `cell_id`."""
    from contextvars import copy_context

    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    prop = json.dumps(cell_id, sort_keys=True, separators=(",", ":")) + ".n_clicks"

    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop, "value": 1}]))
        return func(*args)

    return copy_context().run(call)


def test_yunnan_panel_has_a_row_per_mdg_item_with_status_text(app_context) -> None:
    _, panel = run_callback(render_panel, None, "?view=gaps&area=530000&fw=mdg&year=2010", "en")
    url, value, options, year, _query = run_callback(sync_framework, None, "?view=gaps&area=530000&fw=mdg&year=2010", None)
    assert (url, value, year) == (no_update, "mdg", 2010)
    assert {"label": "2010", "value": 2010} in run_callback(
        sync_framework, None, "?view=gaps&area=530000&fw=mdg&year=2010", None, None, "en")[2]
    rows = panel_rows(panel)
    mdg_items = resources().frameworks.items_for("mdg")["item_id"].tolist()
    assert list(rows) == mdg_items
    statuses = {t(f"terms.status.{s}", "en") for s in
                ("met", "on_track", "off_track", "regressing", "insufficient_data")}
    for item_id, row in rows.items():
        badges = [n for n in walk(row) if "gaps-status " in (getattr(n, "className", "") or "")]
        assert badges and text_of(badges[0]) in statuses, item_id
        assert badges[0].title  # the short help text (terms.status_help.*)


def test_province_without_data_shows_the_national_status(app_context) -> None:
    _, panel = run_callback(render_panel, None, "?view=gaps&area=530000&fw=mdg&year=2010", "en")
    u5mr = text_of(panel_rows(panel)["mdg_u5mr"])
    assert "Insufficient data" in u5mr
    assert "No provincial data; national status: Met" in u5mr
    assert "no data up to 2010, target 2015" in u5mr


def test_panel_years_and_pace_for_an_assessed_row(app_context) -> None:
    _, panel = run_callback(render_panel, None, "?view=gaps&area=530000&year=2010", "en")
    life = text_of(panel_rows(panel)["nbs2008_life_expectancy"])
    assert "Off track" in life and "1990 → 2010, target 2020" in life
    assert "79% of the required pace" in life
    assert "Target unconfirmed" in life  # NBS 2008 targets are unconfirmed in the framework file
    figure = next(n for p in panel for n in walk(p) if getattr(n, "id", None) == GapsIds.FIGURE).figure
    assert "Life expectancy at birth" in list(figure.layout.yaxis.ticktext)


def test_national_when_nothing_is_selected(app_context) -> None:
    header, panel = run_callback(render_panel, None, "?view=gaps&fw=mdg&year=2010", "zh")
    assert "全国" in text_of(header[1])
    u5mr = text_of(panel_rows(panel)["mdg_u5mr"])
    assert "已实现" in u5mr and "无分省数据" not in u5mr


def test_grid_has_national_pilot_and_study_columns_then_all_31(app_context) -> None:
    grid = run_callback(render_grid, None, "?view=gaps&area=530000&year=2010", False, "en")
    heads = [text_of(th) for th in grid.children[1].children.children]
    assert heads[1] == "National" and heads[2].startswith("Yunnan") and "Pilot" in heads[2]
    assert len(heads) == 1 + 1 + 6
    buttons = [n for n in walk(grid) if isinstance(getattr(n, "id", None), dict)]
    assert all(text_of(b) for b in buttons)  # every cell says its status in words
    every = run_callback(render_grid, None, "?view=gaps&area=530000&year=2010", True, "en")
    assert len(every.children[1].children.children) == 1 + 1 + 31


def test_grid_matches_the_panel_and_is_built_once_per_dataset(app_context, monkeypatch) -> None:
    import dashboard.callbacks.gaps_view as gaps

    res = resources()
    table = status_table(res.dataset, res.frameworks, "nbs2008", 2010, [YUNNAN])
    rows = progress_rows(res.dataset, res.frameworks, "nbs2008", 2010, YUNNAN)
    assert table[YUNNAN] == {row["item_id"]: row["status"] for row in rows}
    built = []
    monkeypatch.setattr(gaps, "mdg_rows", lambda *args, **kwargs: built.append(args[2]) or [])
    first = status_table(res.dataset, res.frameworks, "nbs2008", 2009, res.dataset.province_codes())
    assert len(built) == len(res.dataset.province_codes())  # each area once
    assert status_table(res.dataset, res.frameworks, "nbs2008", 2009, res.dataset.province_codes()) == first
    assert len(built) == len(res.dataset.province_codes())  # the second time from the app's Resources


def test_cached_rows_equal_build_report_rows(app_context) -> None:
    from dashboard.analysis.report import mdg_rows

    res = resources()
    for code in (YUNNAN, "110000", "540000"):
        assert progress_rows(res.dataset, res.frameworks, "nbs2008", 2010, code) == \
            mdg_rows(res.dataset, res.frameworks, code, 2010, "nbs2008", with_mdg=False)


def test_grid_cell_click_writes_area_and_indicator(app_context) -> None:
    cell = {"type": GapsIds.CELL.value, "area": "520000", "item": "nbs2008_life_expectancy", "ind": "life_expectancy"}
    query = clicked(cell_to_url, cell, [1], "?view=gaps&area=530000&year=2010")
    params = {k: v[0] for k, v in parse_qs(query.lstrip("?")).items()}
    assert params["area"] == "520000" and params["ind"] == "life_expectancy" and params["view"] == "gaps"


def test_grid_cell_of_unmeasured_item_and_national_column(app_context) -> None:
    cell = {"type": GapsIds.CELL.value, "area": "100000", "item": "mdg_gender_parity_primary", "ind": ""}
    query = clicked(cell_to_url, cell, [1], "?view=gaps&area=530000&ind=gdp_pc")
    params = parse_qs(query.lstrip("?"))
    assert "area" not in params and params["ind"] == ["gdp_pc"]


def test_rerendered_grid_does_not_select(app_context) -> None:
    assert run_callback(cell_to_url, None, [0, 0], "?view=gaps") is no_update


def test_framework_selector_writes_fw(app_context) -> None:
    query = run_callback(framework_to_url, "gaps-framework.value", "mdg", "?view=gaps&area=530000")
    assert parse_qs(query.lstrip("?"))["fw"] == ["mdg"]
    assert run_callback(framework_to_url, "gaps-framework.value", "nbs2008", "?view=gaps") is no_update


def test_unknown_framework_is_said_and_mdg_rows_stay(app_context) -> None:
    header, panel = run_callback(render_panel, None, "?view=gaps&fw=nbs1999&year=2010", "en")
    assert run_callback(sync_framework, None, "?view=gaps&fw=nbs1999&year=2010", "mdg")[:2] == (no_update, None)
    assert any("nbs1999" in text_of(part) for part in header)
    assert "mdg_u5mr" in panel_rows(panel)


def test_nbs2008_panel_lists_only_its_own_items_each_once(app_context) -> None:
    _, panel = run_callback(render_panel, None, "?view=gaps&area=530000&year=2015", "en")
    rows = panel_rows(panel)
    assert list(rows) == resources().frameworks.items_for("nbs2008")["item_id"].tolist()
    names = [text_of(row.children[0].children[0]) for row in rows.values()]
    assert names.count("Under-five mortality rate") == 1


def test_each_row_says_its_method(app_context) -> None:
    _, panel = run_callback(render_panel, None, "?view=gaps&area=530000&fw=mdg&year=2015", "en")
    rows = panel_rows(panel)
    methods = {item: next(n for n in walk(row) if getattr(n, "className", "") == "gaps-method") for item, row in rows.items()}
    # Yunnan's notified HIV incidence peaked in 2011 and has fallen since
    assert text_of(methods["mdg_hiv"]).startswith("trend: halted and reversing since the 2011 peak")
    assert "halt and reverse" in methods["mdg_hiv"].title.lower() or "halted" in methods["mdg_hiv"].title
    assert text_of(methods["mdg_u5mr"]) == "target: reduce by 67% by 2015, from the first observation at or after 1990"
    assert text_of(methods["mdg_gender_parity_primary"]) == "not assessed"
    _, zh = run_callback(render_panel, None, "?view=gaps&area=530000&fw=mdg&year=2015", "zh")
    assert "趋势：自2011年峰值以来已遏制并扭转" in text_of(panel_rows(zh)["mdg_hiv"])


def test_link_year_beyond_an_indicator_is_kept_and_the_control_offers_the_framework_years(app_context) -> None:
    res = resources()
    search = "?view=gaps&area=530000&ind=life_expectancy&year=2020"
    state, notices = parse_query(search, res.dataset)
    assert state.year == 2020 and not notices     # life expectancy ends in 2010; the gaps view's year is an as-of year
    header, _ = run_callback(render_panel, None, search, "en")
    assert "as of 2020" in text_of(header[1])
    years = framework_years(res.dataset, res.frameworks, "nbs2008")
    assert 2000 in years and 2015 in years
    _, _, options, value, _ = run_callback(sync_framework, None, search, None, None, "en")
    assert value == 2020 and options[0]["value"] == max(years + [2020])
    # a year with no data of the framework at all is kept, and said
    assert parse_query("?view=gaps&year=1950", res.dataset)[0].year is None   # outside every series: a notice
    query = run_callback(year_to_url, "gaps-year.value", 2012, search)
    assert parse_qs(query.lstrip("?"))["year"] == ["2012"] and parse_qs(query.lstrip("?"))["view"] == ["gaps"]
    cleared = run_callback(year_to_url, "gaps-year.value", None, search)
    assert "year" not in parse_qs(cleared.lstrip("?"))
    assert run_callback(year_to_url, "gaps-year.value", 2020, search) is no_update


def test_cell_click_keeps_the_as_of_year_and_marks_the_framework(app_context) -> None:
    dataset = resources().dataset
    state, _ = parse_query("?view=gaps&area=530000&year=2018", dataset)
    after = cell_state(state, {"area": "520000", "ind": "life_expectancy"}, dataset)
    assert (after.year, after.indicator_id, after.framework_set) == (2018, "life_expectancy", True)


def test_panel_trend_draws_the_frameworks_target(app_context) -> None:
    _, panel = run_callback(render_panel, None, "?view=gaps&area=530000&ind=urbanisation&year=2015", "en")
    figure = next(n for p in panel for n in walk(p) if getattr(n, "id", None) == GapsIds.TREND).figure
    names = [trace.name for trace in figure.data]
    assert "Xiaokang 2008 target: 60.00% by 2020" in names
    target = next(tr for tr in figure.data if tr.name and "target" in tr.name)
    assert list(target.x)[-1] == 2020 and list(target.y) == [60.0, 60.0]
    _, no_chart = run_callback(render_panel, None, "?view=gaps&area=530000&ind=population&year=2015", "en")
    assert not any(getattr(n, "id", None) == GapsIds.TREND for p in no_chart for n in walk(p))


def test_mdg_rows_without_a_numeric_target_are_drawn_by_pace(app_context) -> None:
    """Yunnan's MDG items judged by trend (HIV, malaria, TB, forests, Internet) get a pace chart."""
    _, panel = run_callback(render_panel, None, "?view=gaps&area=530000&fw=mdg&year=2015", "en")
    nodes = [n for p in panel for n in walk(p)]
    pace = next(n for n in nodes if getattr(n, "id", None) == GapsIds.PACE_FIGURE).figure
    names = list(pace.layout.yaxis.ticktext)
    assert len(names) >= 5 and any("Malaria" in name for name in names)
    rows = progress_rows(resources().dataset, resources().frameworks, "mdg", 2015, YUNNAN)
    paced = [r for r in rows if r["method"] == "trend" and r["status"] != "insufficient_data"]
    assert len(pace.data[0].x) == len(paced)
    summary = text_of(panel[1])
    assert "by the pace of their trend" in summary and f"{len(paced)} by the pace" in summary
    # no empty target chart above the pace chart when no row has a numeric target to draw
    assert all(getattr(n, "id", None) != GapsIds.FIGURE for n in nodes) or any(
        r["method"] == "target" and r["status"] != "insufficient_data" for r in rows)


def test_chinese_pace_chart_words(app_context) -> None:
    _, panel = run_callback(render_panel, None, "?view=gaps&area=530000&fw=mdg&year=2015", "zh")
    nodes = [n for p in panel for n in walk(p)]
    assert any(text_of(n) == "无数值目标的指标：近期趋势的速度" for n in nodes if getattr(n, "children", None))
    pace = next(n for n in nodes if getattr(n, "id", None) == GapsIds.PACE_FIGURE).figure
    assert "已实现" in [a.text for a in pace.layout.annotations]


def test_a_framework_choice_writes_the_link_and_the_view_s_query_store_alike(app_context):
    out = run_callback(sync_framework, "gaps-framework.value", "?view=gaps&area=530000", "mdg", None, "en")
    assert "fw=mdg" in out[0] and out[4] == out[0]  # the panel and grid redraw from the store
    assert out[1:4] == (no_update, no_update, no_update)

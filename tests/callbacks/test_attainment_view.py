"""Attainment callbacks called directly: the insufficient-data path says so with its coverage,
a what-if edit recomputes, a bad `wi=` gives a notice (never an exception), and the method
check lists the NBS published figures beside ours."""
from __future__ import annotations

import re

import pytest
from dash import no_update

from dashboard.callbacks.attainment_view import (
    RENDER_OUTPUTS, act, edited_overrides, encode_whatif, own_params, parse_whatif, render, show_check,
)
from dashboard.components.attainment_view import AttIds
from dashboard.i18n import catalogue
from tests.conftest import run_callback

def shown(search, hash_="", lang="en"):
    """render's outputs by name (RENDER_OUTPUTS), every one of them given."""
    out = run_callback(render, "attainment-query.data", (search or "") + (hash_ or ""), lang, lang, None)
    assert set(out) == set(RENDER_OUTPUTS)
    return out


def text(component) -> str:
    """All text in a Dash component tree."""
    if component is None or isinstance(component, (int, float)):
        return "" if component is None else str(component)
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(text(c) for c in component)
    return text(getattr(component, "children", None))


def score_of(out, item_id):
    return next(r for r in out["whatif_rows"] if r["item_id"] == item_id)


def measured(out) -> tuple[int, int, str]:
    """(scored, weighted items, share of the weight scored as "39%") from the what-if grid, so the
    summary is checked against the item rows rather than against the coverage of one bundle."""
    rows = [r for r in out["whatif_rows"] if (r["weight"] or 0) > 0]
    scored = [r for r in rows if r["score"] is not None]
    share = sum(r["weight"] for r in scored) / sum(r["weight"] for r in rows)
    assert 0 < share < 0.8, "the case needs some but not enough of the weight measured"
    return len(scored), len(rows), f"{round(share * 100)}%"


def test_insufficient_data_is_said_with_the_coverage(app_context):
    out = shown("?view=attainment&year=2010&area=530000")
    summary = out["summary"]
    n, total, share = measured(out)
    assert summary.startswith("Insufficient data") and "80%" in summary
    assert f"{n} of {total} weighted indicators scored, only {share} of the weight" in summary
    assert "Yunnan" in out["area_title"]
    unscored = text(out["unscored"])
    assert "Not comparable: target at constant prices" in unscored  # energy intensity (price basis unknown)
    assert "Not measured" in unscored
    assert "UNCONFIRMED" in out["unconfirmed"]
    assert "0 of 34 provinces" in out["map_note"]
    assert out["notice"] == []


def test_national_when_no_area_and_chinese_wording(app_context):
    out = shown("?view=attainment&year=2010", lang="zh")
    assert "全国" in out["area_title"]
    assert out["summary"].startswith("数据不足")


def edit(search, hash_, item_id, col, value):
    change = [{"rowId": item_id, "colId": col, "value": value, "oldValue": None, "data": {"item_id": item_id}}]
    return run_callback(act, "attainment-whatif.cellValueChanged", "nbs2008", None, None, None, None, change, 0,
                        None, search, hash_)


def test_target_edit_recomputes_the_score_and_marks_the_cell(app_context):
    search = "?view=attainment&year=2010&area=530000"
    before = score_of(shown(search), "nbs2008_urbanisation")
    assert before["score_text"] == "57.8%"
    new_search, new_hash = edit(search, "", "nbs2008_urbanisation", "target", 40)
    assert new_search is no_update and new_hash == "#wi=urbanisation:t:40"
    after = shown(search, new_hash)
    row = score_of(after, "nbs2008_urbanisation")
    assert row["score_text"] == "86.8%" and row["edited"] == ["target"]
    assert "1 value(s) edited" in after["whatif_note"]


def test_weight_edit_changes_the_coverage(app_context):
    search = "?view=attainment&year=2010&area=530000"
    _, new_hash = edit(search, "", "nbs2008_schooling", "weight", 60)
    out = shown(search, new_hash)
    assert "only 18%" not in out["summary"]
    assert "of the weight" in out["summary"]
    assert score_of(out, "nbs2008_schooling")["weight"] == 60
    # setting it back to the preset removes the edit from the link
    _, reset_hash = edit(search, new_hash, "nbs2008_schooling", "weight", 6)
    assert reset_hash == ""


def test_what_if_can_reach_an_index(app_context):
    keep = ("urbanisation", "tertiary_share", "life_expectancy", "rd_intensity")
    from dashboard.callbacks.resources import resources
    zero = {i: {"weight": 0.0} for i in resources().frameworks.items_for("nbs2008")["item_id"]
            if not i.endswith(keep)}
    out = shown("?view=attainment&year=2010&area=530000", "#wi=" + encode_whatif(zero, "nbs2008"))
    assert out["summary"].startswith("Attainment ")
    assert out["map_figure"].data[1].locations  # provinces coloured now


@pytest.mark.parametrize("wi", ["gdp_pc:t:abc", "nope:t:1", "gdp_pc:zz:1", "gdp_pc:w:-3", "gdp_pc:t:inf",
                                "a:b:c:d", "%%%;;:", "x" * 300, ";".join(["gdp_pc:t:1"] * 100)])
def test_bad_whatif_in_the_link_gives_a_notice_not_an_exception(app_context, wi):
    out = shown("?view=attainment&year=2010", "#wi=" + wi.replace("%", "%25"))
    notice = text(out["notice"])
    assert "wi=" in notice
    assert out["summary"]  # the view still renders


def test_bad_domain_metric_and_framework_give_notices(app_context):
    out = shown("?view=attainment&fw=fyp11", "#dom=nowhere&am=rainbow")
    notice = text(out["notice"])
    assert "fyp11" in notice and "nowhere" in notice and "rainbow" in notice
    assert control(out, AttIds.FRAMEWORK).value == "nbs2008"


def control(out, component_id):
    for box in out["controls"]:
        for child in box.children:
            if getattr(child, "id", None) == component_id:
                return child
    raise AssertionError(component_id)


def test_controls_carry_the_state_from_the_link(app_context):
    out = shown("?view=attainment&year=2010&fw=nbs2013", "#dom=living&am=coverage")
    assert control(out, AttIds.FRAMEWORK).value == "nbs2013"
    assert control(out, AttIds.YEAR).value == 2010
    assert control(out, AttIds.DOMAIN).value == "living"
    assert control(out, AttIds.METRIC).value == "coverage"
    assert out["map_figure"].data[1].locations  # coverage: every province coloured


def test_query_params_are_read_and_fragment_wins():
    params, from_query = own_params("?view=attainment&wi=a:t:1&dom=economic", "#wi=b:w:2")
    assert params == {"wi": "b:w:2", "dom": "economic"} and from_query


def test_parse_and_edit_round_trip():
    ids = ["nbs2008_gdp_pc", "nbs2008_engel"]
    overrides, bad = parse_whatif("gdp_pc:t:30000;engel:w:0;engel:zz:1", "nbs2008", ids)
    assert overrides == {"nbs2008_gdp_pc": {"target": 30000.0}, "nbs2008_engel": {"weight": 0.0}}
    assert bad == ["engel:zz:1"]
    assert encode_whatif(overrides, "nbs2008") == "gdp_pc:t:30000;engel:w:0"
    preset = {"nbs2008_gdp_pc": {"target": 31400.0}, "nbs2008_engel": {"weight": 3.0}}
    cleared = edited_overrides(overrides, {"rowId": "nbs2008_gdp_pc", "colId": "target", "value": None}, preset)
    assert cleared == {"nbs2008_engel": {"weight": 0.0}}
    ignored = edited_overrides(overrides, {"rowId": "nbs2008_gdp_pc", "colId": "name", "value": "x"}, preset)
    assert ignored == overrides


def check_cells(lang="en") -> list[list[str]]:
    table = run_callback(show_check, None, None, None, lang)
    return [[text(cell.children) for cell in row.children] for row in table.children[2].children]


def test_method_check_rows_present_with_published_figures(app_context):
    table = run_callback(show_check, None, None, None, "en")
    body = table.children[2].children
    cells = [[text(cell.children) for cell in row.children] for row in body]
    # national overall (each release apart), national economic domain, then the four regions
    assert [c[:4] for c in cells[:2]] == [["China", "2000", "Overall index", "59.3%"],
                                           ["China", "2000", "Overall index", "59.6%"]]
    economic = [c for c in cells if c[2] == "Economic development"]
    assert [(c[0], c[1], c[3]) for c in economic] == [("China", "2000", "50.3%"), ("China", "2007", "65.5%"),
                                                      ("China", "2010", "76.1%")]
    assert [c[0] for c in cells].count("China") == 9 and len(cells) == 23
    assert "NBS 2011 monitoring report" in cells[1][4] and "2007 monitoring report" in cells[0][4]
    # ours: never a plain number below the rule; the partial index says how much was measured
    assert all(c[5].startswith(("Insufficient data", "Partial index", "Not computed")) or "points on the published"
               in c[5] for c in cells)
    east = next(c for c in cells if c[0] == "East")
    assert east[5].startswith("Not computed: NBS computes a region from regional totals")
    whole = text(table)
    assert "rmlt.com.cn" in whole and "sinovision" in whole and "raw/" not in whole
    # what ours rests on and what it lacks: every item of the scope once, scored ones with weight and
    # score, the others with a short reason (not a sentence); the GDP target at 2000 prices is only
    # scored against a series at the same prices, and then says so
    short_reasons = [text for key, text in catalogue("attainment", "en").items() if key.startswith("reason_short.")]
    for c in (c for c in cells if c[0] == "China"):
        rests = c[6].split("; ")
        lacking, total = re.match(r"(\d+) of (\d+) indicators without a score ", c[7]).groups()
        lacks = c[7].split(" indicators without a score ", 1)[1].split("; ")
        assert all(re.search(r" \(weight \d+(\.\d+)?, score \d+%\)", item) for item in rests)
        assert len(lacks) == int(lacking) and len(rests) + len(lacks) == int(total)
        assert all(any(item.endswith(f" ({reason})") for reason in short_reasons) for item in lacks)
        gdp = [item for item in rests + lacks if item.startswith("GDP per capita (")]
        assert len(gdp) == 1
        assert "(no data)" in gdp[0] or "(not comparable (prices))" in gdp[0] or gdp[0].endswith("(at 2000 prices)")


def test_partial_mode_labels_the_partial_index_and_hatches_the_map(app_context):
    strict = shown("?view=attainment&year=2010&area=530000")
    partial = shown("?view=attainment&year=2010&area=530000", "#ix=partial")
    assert strict["summary"].startswith("Insufficient data")
    summary = partial["summary"]
    n, total, share = measured(partial)
    assert summary.startswith("Partial index") and f"measured: {share} of the weight ({n} of {total} " in summary
    assert "not the Xiaokang index" in summary
    figure = partial["map_figure"]
    names = [trace.name for trace in figure.data]
    assert "partial" in names and "partial-hatch" in names
    assert "partial" not in [trace.name for trace in strict["map_figure"].data]
    layer = figure.data[names.index("partial")]
    assert "530000" in layer.locations
    hover = layer.customdata[list(layer.locations).index("530000")]
    assert "Partial index" in hover and f"measured: {share} of the weight" in hover
    assert any("hatched: partial index" in a.text for a in figure.layout.annotations)
    assert "show a partial index" in partial["map_note"]
    # the what-if grid is the same in both modes
    assert strict["whatif_rows"] == partial["whatif_rows"]
    control = next(c for c in strict["controls"] if text(c).startswith("Index below"))
    assert control.children[1].value == "strict"


def test_bad_index_mode_gives_a_notice(app_context):
    out = shown("?view=attainment&year=2010", "#ix=loose")
    assert "unknown index mode “loose”" in text(out["notice"])
    assert out["summary"].startswith("Insufficient data")


def test_province_panel_lists_its_bureaus_figures_with_scheme_and_source(app_context):
    henan = text(shown("?view=attainment&year=2008&area=410000")["published"])
    assert "NBS 2008 scheme" in henan and "71.6%" in henan and "河南省统计局" in henan
    assert "zzrb.zynews.cn" in henan and "D: derived" in henan and "S: bureau figure" in henan
    zhejiang = text(shown("?view=attainment&year=2008&area=330000", lang="zh")["published"])
    assert "浙江省自定方案" in zhejiang and "国家统计局2008年方案" in zhejiang  # two schemes, each named
    yunnan = text(shown("?view=attainment&year=2008&area=530000")["published"])
    assert yunnan.startswith("No published attainment figure was found for Yunnan")


def test_index_mode_switch_writes_the_fragment(app_context):
    search = "?view=attainment&year=2010"
    _, new_hash = run_callback(act, "attainment-index-mode.value", "nbs2008", None, None, None, None, None, 0,
                               "partial", search, "#dom=economic")
    assert new_hash == "#dom=economic&ix=partial"
    _, new_hash = run_callback(act, "attainment-index-mode.value", "nbs2008", None, None, None, None, None, 0,
                               "strict", search, "#ix=partial")
    assert new_hash == ""


def test_actions_write_the_url(app_context):
    search = "?view=attainment&ind=gdp_pc&year=2010"
    new_search, new_hash = run_callback(act, "attainment-framework.value", "nbs2013", None, None, None, None, None, 0,
                                        None, search, "#wi=gdp_pc:t:1")
    assert "fw=nbs2013" in new_search and new_hash == ""
    click = {"points": [{"location": "530000"}]}
    new_search, _ = run_callback(act, "attainment-map.clickData", "nbs2008", None, None, None, click, None, 0, None, search, "")
    assert "area=530000" in new_search
    _, new_hash = run_callback(act, "attainment-domain.value", "nbs2008", None, "economic", None, None, None, 0, None, search, "")
    assert new_hash == "#dom=economic"
    _, new_hash = run_callback(act, "attainment-reset.n_clicks", "nbs2008", None, None, None, None, None, 1, None, search,
                               "#dom=economic&wi=gdp_pc:t:1")
    assert new_hash == "#dom=economic"


def test_the_method_check_and_published_figures_come_from_the_apps_own_data_folder(app_context, tmp_path, monkeypatch):
    """A second data folder (as `--data-dir`) gives its own results, not the first app's cached ones."""
    import dataclasses
    import shutil

    from flask import current_app

    from dashboard.callbacks.attainment_view import published_figures
    from dashboard.callbacks.resources import EXTENSION_KEY, resources

    bundled = check_cells()
    assert any(c[1] == "2007" for c in bundled)
    shutil.copytree(resources().data_dir / "frameworks", tmp_path / "frameworks")
    published = tmp_path / "frameworks" / "published_attainment.csv"
    lines = published.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    kept = [line for line in lines[1:] if line.split(",")[header.index("year")] != "2007"]
    published.write_text("\n".join([lines[0], *kept]) + "\n", encoding="utf-8")
    other = dataclasses.replace(resources(), data_dir=tmp_path)
    monkeypatch.setitem(current_app.extensions, EXTENSION_KEY, other)

    assert len(published_figures(other)) == len(kept) < len(lines) - 1
    cells = check_cells()
    assert cells and not any(c[1] == "2007" for c in cells)
    monkeypatch.undo()
    assert check_cells() == bundled  # the first app's results are its own still


def test_the_fragment_comes_from_the_query_store_or_else_from_the_url(app_context):
    # The gate passes query and #fragment together; the store the router built holds the query
    # alone, and the fragment is then the URL's own (State).
    search, fragment = "?view=attainment&year=2010&area=530000", "#wi=urbanisation:t:40"
    together = run_callback(render, "attainment-query.data", search + fragment, "en", "en", None)
    apart = run_callback(render, "attainment-query.data", search, "en", "en", None, fragment)
    for out in (together, apart):
        assert score_of(out, "nbs2008_urbanisation")["score_text"] == "86.8%"
    plain = run_callback(render, "attainment-query.data", search, "en", "en", None, "")
    assert score_of(plain, "nbs2008_urbanisation")["score_text"] == "57.8%"

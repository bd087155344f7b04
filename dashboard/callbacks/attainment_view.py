"""Callbacks of the 'attainment' view (conventions: CONTRIBUTING.md at the repo root).

State: `fw`, `year`, `area` are the shared ViewState fields (query string). The view's own
parameters - `dom` (domain on the map), `am` (map metric), `ix` (index mode: strict 80% rule, or
`partial` to show partial indices, hatched and labelled) and `wi` (what-if overrides) - live in
the URL fragment (#dom=…&am=…&wi=…): the map view's callback rewrites the query string from
ViewState and would drop unknown parameters. A link that carries them in the query still works:
a clientside callback moves them into the fragment on load (the fragment wins when both have one).

Two callbacks: `render` (URL -> everything shown, the controls rebuilt with their values) and
`act` (a control -> URL). `render` never outputs a prop that `act` listens to: a cycle
URL -> control value -> URL across two callbacks deadlocks Dash's renderer as soon as a second
such cycle exists anywhere in the app (each waits for the other's possible URL change).
"""
from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import json

from dash import Input, Output, State, callback, clientside_callback, ctx, html, no_update

from dashboard.analysis.attainment import MODE_STRICT, MODES, framework_items, shown_result
from dashboard.callbacks.resources import resources
from dashboard.components.attainment_view import FRAMEWORKS, AttIds, attainment_controls
from dashboard.components.ids import Ids
from dashboard.components.map_view import graph_config
from dashboard.data.provincial_systems import SYSTEM_FRAMEWORK_ID
from dashboard.data.published import load_published_attainment
from dashboard.figures.attainment_charts import (
    contribution_chart, coverage_sentence, domain_bars, item_rows, method_check_rows, published_reference_rows,
    unscored_summary,
)
from dashboard.figures.attainment_map import (
    METRICS, add_partial_layer, attainment_by_area, attainment_map_values, hatch_grid, status_line,
)
from dashboard.figures.map_content import map_frame
from dashboard.figures.province_map import province_map
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year
from dashboard.views import view_spec
from dashboard.state import parse_query, to_query

NATIONAL = "100000"
REGIONS = ("east", "central", "west", "northeast")
OWN_PARAMS = ("dom", "am", "ix", "wi")
# Short keys keep a shared link readable: wi=gdp_pc:t:30000;gdp_pc:w:10
WI_KEYS = {"t": "target", "lo": "target_low", "hi": "target_high", "bl": "bound_low", "bh": "bound_high", "w": "weight"}
WI_CODES = {v: k for k, v in WI_KEYS.items()}
MAX_WI_ENTRIES = 60
MAX_ABS = 1e12


# --- URL fragment and what-if parameters (pure) ---------------------------------------------
def own_params(search: str | None, hash_: str | None) -> tuple[dict[str, str], bool]:
    """This view's parameters from the query and the fragment (the fragment wins), and whether
    the query carried any (then they are moved to the fragment)."""
    query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?"), keep_blank_values=True).items()
             if k in OWN_PARAMS and v}
    fragment = {k: v[-1] for k, v in parse_qs((hash_ or "").lstrip("#"), keep_blank_values=True).items()
                if k in OWN_PARAMS and v}
    return {**query, **fragment}, bool(query)


def fragment(params: dict[str, str]) -> str:
    kept = {k: params[k] for k in OWN_PARAMS if params.get(k)}
    return "#" + urlencode(kept, safe=":;,") if kept else ""


def view_frameworks(res, user_data: dict | None, state, lang: str, notices: list[str]) -> tuple[Any, str, str]:
    """(frameworks, framework id, what-if id prefix) for the view. With `system=name@version`, the
    open workspace's provincial system applied (framework SYSTEM_FRAMEWORK_ID; what-if entries keep
    the national item ids' short form) and a notice saying whose system it is, whatever framework
    it is derived from (one without weights, e.g. from the 11th FYP or the MDGs, gets no index:
    `render` says so); a pin that cannot be used says why and the link's framework is shown."""
    framework_id = state.framework_id
    if state.system is not None:
        name, version = state.system
        pinned = res.pinned_system(user_data, state.system)
        if pinned.frameworks is not None and pinned.system is not None:
            national = pinned.system.framework_id
            notices.append(t("attainment.notice.system", lang, name=name, version=version,
                             area=res.dataset.area_name(pinned.system.area_code, lang),
                             framework=t(f"terms.framework_short.{national}", lang)))
            return pinned.frameworks, SYSTEM_FRAMEWORK_ID, national
        why = pinned.detail[:200] or t(f"attainment.system.{pinned.problem}", lang)
        notices.append(t("attainment.notice.system_unusable", lang, name=name, version=version, why=why))
    if framework_id not in FRAMEWORKS:
        notices.append(t("attainment.notice.framework", lang, value=framework_id, default=FRAMEWORKS[0]))
        framework_id = FRAMEWORKS[0]
    return res.frameworks, framework_id, framework_id


def weight_of(spec: Any, overrides: dict[str, dict[str, float]]) -> float:
    """An item's weight as scored: a what-if weight typed into the link, else its own (none: 0)."""
    weight = overrides.get(spec.item_id, {}).get("weight", spec.weight)
    return float(weight) if weight is not None else 0.0


def short_id(item_id: str, framework_id: str) -> str:
    prefix = framework_id + "_"
    return item_id[len(prefix):] if item_id.startswith(prefix) else item_id


def parse_whatif(text: str | None, framework_id: str, item_ids: list[str]) -> tuple[dict[str, dict[str, float]], list[str]]:
    """`wi=` -> overrides {item_id: {field: number}}, and the entries ignored (each as written).

    An entry is `<item>:<key>:<number>` (item without the framework prefix; keys t, lo, hi, bl,
    bh, w). Unknown items or keys, non-numbers, infinities and negative weights are ignored.
    """
    overrides: dict[str, dict[str, float]] = {}
    bad: list[str] = []
    if not text:
        return overrides, bad
    known = {short_id(i, framework_id): i for i in item_ids}
    for entry in text.split(";")[:MAX_WI_ENTRIES]:
        if not entry:
            continue
        parts = entry.split(":")
        item_id = known.get(parts[0]) if len(parts) == 3 else None
        field = WI_KEYS.get(parts[1]) if len(parts) == 3 else None
        try:
            number = float(parts[2]) if len(parts) == 3 else math.nan
        except ValueError:
            number = math.nan
        if item_id is None or field is None or not math.isfinite(number) or abs(number) > MAX_ABS or \
                (field == "weight" and number < 0):
            bad.append(entry[:40])
            continue
        overrides.setdefault(item_id, {})[field] = number
    if len(text.split(";")) > MAX_WI_ENTRIES:
        bad.append("…")
    return overrides, bad


def encode_whatif(overrides: dict[str, dict[str, float]], framework_id: str) -> str:
    return ";".join(f"{short_id(item_id, framework_id)}:{WI_CODES[field]}:{value:g}"
                    for item_id, fields in overrides.items() for field, value in fields.items())


def edited_overrides(overrides: dict[str, dict[str, float]], change: dict, preset: dict[str, dict]) -> dict[str, dict[str, float]]:
    """Overrides after one grid edit: a value equal to the preset (or cleared) removes the edit."""
    item_id, field = change.get("rowId") or (change.get("data") or {}).get("item_id"), change.get("colId")
    if item_id not in preset or field not in WI_CODES:
        return overrides
    result = {k: dict(v) for k, v in overrides.items()}
    fields = result.setdefault(item_id, {})
    value = change.get("value")
    try:
        number = float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        number = None
    if number is None or not math.isfinite(number) or number == preset[item_id].get(field):
        fields.pop(field, None)
    else:
        fields[field] = number
    return {k: v for k, v in result.items() if v}


# --- data the view needs (read once per app: dashboard.callbacks.resources.Resources.memo) ----
def published_figures(res) -> tuple[dict, ...]:
    """Published attainment (data/frameworks/published_attainment.csv) of this app's data folder."""
    return res.memo("attainment.published", lambda: load_published_attainment(Path(res.data_dir)))


def province_hatch(res) -> dict:
    """Hatch points per province for the partial layer, from the data folder's provinces.geojson."""
    def build() -> dict:
        path = Path(res.data_dir) / "geo" / "provinces.geojson"
        return hatch_grid(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else {}
    return res.memo("attainment.hatch", build)


def framework_years(dataset, frameworks, framework_id: str, allowed: list[int]) -> tuple[list[int], int | None]:
    """Years (among `allowed`) in which some linked item has data, and the one with most weight
    covered over the provinces (the default year when the link names none)."""
    specs = framework_items(frameworks, framework_id)
    weights = {(s.indicator_id, s.subgroup): (s.weight or 0.0) for s in specs if s.indicator_id}
    obs = dataset.observations
    rows = obs[obs["indicator_id"].isin({i for i, _ in weights}) & obs["value"].notna()
               & obs["area_code"].isin(dataset.province_codes()) & obs["year"].isin(allowed)]
    if rows.empty:
        return [], None
    weight = [weights.get((i, s), 0.0) for i, s in zip(rows["indicator_id"], rows["subgroup"])]
    by_year = rows.assign(_w=weight).groupby("year")["_w"].sum()
    years = sorted(int(y) for y in by_year.index)
    best = int(by_year.idxmax()) if by_year.max() > 0 else years[-1]
    return years, best


def _notice(items: list[str], lang: str) -> list:
    return [html.Div(text, className="attainment-notice-line") for text in items]


def _table(header: list[str], rows: list[list], caption: str, class_name: str = "attainment-table") -> html.Table:
    return html.Table(className=class_name, children=[
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
        html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
    ])


def _links(urls: str) -> list:
    return [html.Span([html.Br(), html.A(url, href=url, target="_blank", rel="noopener noreferrer",
                                         className="attainment-url")]) for url in urls.split()]


def check_table(rows: list[dict[str, str]], lang: str) -> html.Table:
    columns = ("scope", "year", "measure", "published", "source", "ours", "measured", "lacking")
    header = [t(f"attainment.check.col.{c}", lang) for c in columns]
    body = []
    for row in rows:
        source = [html.Span(row["release"]), html.Span([html.Br(), html.Small(row["source"])]), *_links(row["url"]),
                  html.Span([html.Br(), html.Small(row["confidence"])])]
        if row["note"]:
            source.append(html.Span([html.Br(), html.Small(row["note"])]))
        partial = row["kind"] == "partial"
        body.append([row["scope"], row["year"], row["measure"], html.Strong(row["published"]), html.Span(source),
                     html.Span(row["ours"], className="attainment-ours" + (" attainment-partial" if partial else "")),
                     html.Small(row["measured"]),
                     html.Details([html.Summary(row["lacking"]), html.Span(row["lacking_names"])])
                     if row["lacking"] else ""])
    return _table(header, body, t("attainment.check.caption", lang), "attainment-table attainment-check-table")


def published_table(rows: list[dict[str, str]], area_name: str, lang: str):
    """The bureau's own figures for the area: one table row each, grouped by scheme."""
    if not rows:
        return html.P(t("attainment.published.none", lang, area=area_name), className="missing-note")
    header = [t(f"attainment.published.col.{c}", lang) for c in ("scheme", "year", "measure", "value", "source",
                                                                   "confidence")]
    body = []
    for row in rows:
        source = [html.Span(row["source"]), *_links(row["url"])]
        if row["note"]:
            source.append(html.Span([html.Br(), html.Small(row["note"])]))
        body.append([row["scheme"], row["year"], row["measure"], html.Strong(row["value"]), html.Span(source),
                     row["confidence"]])
    return _table(header, body, t("attainment.published.caption", lang, area=area_name),
                  "attainment-table attainment-published-table")


# --- callbacks ------------------------------------------------------------------------------
# In the browser, at once on page load (before the map view's callback rewrites the query):
# this view's parameters found in the query move into the fragment, so `?wi=…` links work.
clientside_callback(
    """
    function(ready, search, hash) {
        const own = ["dom", "am", "ix", "wi"];
        const query = new URLSearchParams(search || "");
        const frag = new URLSearchParams((hash || "").replace(/^#/, ""));
        let moved = false;
        own.forEach(function(key) {
            if (query.has(key) && !frag.has(key)) { frag.set(key, query.get(key)); moved = true; }
        });
        if (!moved) { return window.dash_clientside.no_update; }
        const text = frag.toString().replace(/%3A/gi, ":").replace(/%3B/gi, ";").replace(/%2C/gi, ",");
        return text ? "#" + text : "";
    }
    """,
    Output(Ids.URL, "hash"),
    Input(AttIds.READY, "data"), State(Ids.URL, "search"), State(Ids.URL, "hash"),
)

ATT_QUERY = view_spec("attainment").query_id

# Named outputs (Dash's flexible signatures): `render` returns a dict, tests read it by name.
RENDER_OUTPUTS = dict(
    notice=Output(AttIds.NOTICE, "children"),
    controls=Output(AttIds.CONTROLS, "children"),
    unconfirmed=Output(AttIds.UNCONFIRMED, "children"),
    map_figure=Output(AttIds.MAP, "figure"), map_config=Output(AttIds.MAP, "config"),
    map_note=Output(AttIds.MAP_NOTE, "children"), map_table=Output(AttIds.MAP_TABLE, "children"),
    area_title=Output(AttIds.AREA_TITLE, "children"), summary=Output(AttIds.SUMMARY, "children"),
    domain_bars=Output(AttIds.DOMAIN_BARS, "figure"), domain_bars_config=Output(AttIds.DOMAIN_BARS, "config"),
    contributions=Output(AttIds.CONTRIBUTIONS, "figure"), contributions_config=Output(AttIds.CONTRIBUTIONS, "config"),
    unscored=Output(AttIds.UNSCORED, "children"),
    whatif_rows=Output(AttIds.WHATIF, "rowData"), whatif_note=Output(AttIds.WHATIF_NOTE, "children"),
    published=Output(AttIds.PUBLISHED, "children"),
)


@callback(output=RENDER_OUTPUTS,
          # The tab's data is an input: a link's workspace (`#ws=`) is opened into it after the first
          # render, and a pinned provincial system (`system=`) is read from that workspace.
          # The link (query and #fragment) through the view's gate (ViewSpec.query_id, link_hash):
          # while another view is shown, its clicks cost this callback no request.
          inputs=dict(link=Input(ATT_QUERY, "data"), _ready=Input(AttIds.READY, "data"),
                      user_data=Input(Ids.USER_DATA, "data")),
          state=dict(lang=State(Ids.LANG_STORE, "data"), hash_=State(Ids.URL, "hash")))
def render(link, _ready, lang, user_data=None, hash_=None):
    search, _, own = (link or "").partition("#")
    # The store starts with the query alone (the router builds the view from it): the fragment is
    # then the URL's own.
    hash_ = "#" + own if own else (hash_ if "#" not in (link or "") else "")
    res = resources()
    dataset = res.dataset_for(user_data)
    lang = lang or "zh"
    state, _ = parse_query(search, dataset)
    params, _ = own_params(search, hash_)
    notices: list[str] = []

    frameworks, framework_id, whatif_prefix = view_frameworks(res, user_data, state, lang, notices)
    specs = framework_items(frameworks, framework_id)
    domains = list(dict.fromkeys((s.domain_id, s.domain_zh if lang == "zh" else s.domain_en) for s in specs))
    domain_id = params.get("dom") or ""
    if domain_id and domain_id not in {d for d, _ in domains}:
        notices.append(t("attainment.notice.domain", lang, value=domain_id[:40]))
        domain_id = ""
    metric = params.get("am") or "attainment"
    if metric not in METRICS:
        notices.append(t("attainment.notice.metric", lang, value=metric[:40]))
        metric = "attainment"
    mode = params.get("ix") or MODE_STRICT
    if mode not in MODES:
        notices.append(t("attainment.notice.index_mode", lang, value=mode[:40]))
        mode = MODE_STRICT
    overrides, bad = parse_whatif(params.get("wi"), whatif_prefix, [s.item_id for s in specs])
    if bad:
        notices.append(t("attainment.notice.whatif", lang, entries=", ".join(bad)))
    # A pinned system without a positive weight (none in one derived from the 11th FYP or the
    # MDGs, or cleared by its author) has no index: said plainly, never made up from other weights.
    no_weights = None
    if state.system is not None and framework_id == SYSTEM_FRAMEWORK_ID and \
            not any(weight_of(s, overrides) > 0 for s in specs):
        no_weights = t("attainment.system.no_weights", lang, name=state.system[0], version=state.system[1])
        notices.append(no_weights)

    years, best = framework_years(dataset, frameworks, framework_id, dataset.years(state.indicator_id))
    year = state.year if state.year is not None else best
    if year is None:
        year = (dataset.years(state.indicator_id) or [2010])[-1]
    if year not in years:
        years = sorted({*years, year})

    provinces = dataset.province_codes(mainland_only=False)
    area_code = state.area_code or NATIONAL
    codes = list(dict.fromkeys([*provinces, NATIONAL, area_code]))
    results = attainment_by_area(dataset, frameworks, framework_id, year, codes, overrides)
    presets = attainment_by_area(dataset, frameworks, framework_id, year, [area_code]) if overrides else results

    # map
    values, base_hover, partial = attainment_map_values(dataset, results, domain_id or None, metric, year, lang, mode)
    frame = map_frame(dataset, res.geojson_url, res.south_china_sea, lang, state.pilots, res.label_points,
                      res.main_geojson_url)
    frame = replace(frame, base_hover=base_hover)
    figure = province_map(frame, values, selected=state.area_code)
    add_partial_layer(figure, frame.geojson, partial, province_hatch(res), t("attainment.map.partial_legend", lang))
    figure.update_layout(uirevision="attainment-map", height=520)
    scope = (dict(domains).get(domain_id) if domain_id else t("attainment.map.overall", lang))
    shown = len(values.area_codes)
    note_key = ("attainment.map.note_coverage" if metric == "coverage"
                else "attainment.map.note_partial" if mode != MODE_STRICT else "attainment.map.note")
    map_note = no_weights or t(note_key, lang, n=shown, p=len(partial.area_codes), total=len(provinces), scope=scope,
                               year=format_year(year, lang))
    table_rows = []
    for code in provinces:
        table_rows.append([dataset.area_name(code, lang), status_line(shown_result(results[code], domain_id or None,
                                                                                   mode), lang)])
    map_table = _table([t("attainment.col.area", lang), t("attainment.col.attainment", lang)], table_rows,
                       t("attainment.map.table_caption", lang, scope=scope, year=format_year(year, lang)))

    # the selected area (national if none)
    result = results[area_code]
    area_name = dataset.area_name(area_code, lang)
    title = t("attainment.area.title", lang, area=area_name, year=format_year(year, lang),
              framework=t(f"terms.framework_short.{framework_id}", lang))
    bars = domain_bars(result, lang, t("attainment.chart.domains_title", lang), mode)
    contributions = contribution_chart(result, lang, t("attainment.chart.contrib_title", lang))
    unscored = _table([t("attainment.col.item", lang), t("attainment.col.reason", lang)],
                      [list(pair) for pair in unscored_summary(result, lang)],
                      t("attainment.unscored.caption", lang, area=area_name, year=format_year(year, lang)))
    rows = item_rows(result, presets[area_code], lang)
    edited = sum(len(r["edited"]) for r in rows)
    whatif_note = (t("attainment.whatif.edited", lang, n=edited) if edited
                   else t("attainment.whatif.preset", lang))

    # the area's own published figures (a table per scheme; never on the map's scale)
    published = published_figures(res)
    domain_names = {(s.framework_id, s.domain_id): (s.domain_zh if lang == "zh" else s.domain_en)
                    for fw in FRAMEWORKS for s in framework_items(frameworks, fw)}
    reference = published_table(published_reference_rows(published, area_code, lang, domain_names), area_name, lang)

    config = graph_config(lang, res.topojson_url, "attainment_map")
    return dict(
        notice=_notice(notices, lang),
        controls=attainment_controls(lang, framework_id, years, year, domains, domain_id, metric, mode),
        unconfirmed=t(f"attainment.unconfirmed.{framework_id}", lang),
        map_figure=figure, map_config=config, map_note=map_note, map_table=map_table,
        area_title=title, summary=no_weights or coverage_sentence(result, lang, mode),
        domain_bars=bars, domain_bars_config=graph_config(lang, res.topojson_url, "attainment_domains"),
        contributions=contributions,
        contributions_config=graph_config(lang, res.topojson_url, "attainment_indicators"),
        unscored=unscored, whatif_rows=rows, whatif_note=whatif_note, published=reference,
    )


@callback(Output(AttIds.CHECK, "children"),
          Input(AttIds.READY, "data"), Input(Ids.USER_DATA, "data"), State(Ids.LANG_STORE, "data"))
def show_check(_ready, user_data, lang):
    """The method check: always the NBS 2008 preset, no what-if, the published years - so it
    follows neither the URL nor the controls, and is computed once per dataset and language."""
    res = resources()
    dataset = res.dataset_for(user_data)
    lang = lang or "zh"
    rows = res.memo(("attainment.check", lang),
                    lambda: method_check(dataset, res.frameworks, published_figures(res), lang), dataset)
    return check_table(rows, lang)


def method_check(dataset, frameworks, published, lang: str) -> list[dict[str, str]]:
    """Rows of the method check: national and regional NBS 2008 figures next to ours."""
    order = {code: i for i, code in enumerate((NATIONAL, *REGIONS))}
    check = sorted((p for p in published if p["scheme"] == "nbs2008" and p["area_code"] in order),
                   key=lambda p: (order[p["area_code"]], p["measure"] != "overall", p["year"], p["release"]))
    areas = dataset.areas
    members = {r: list(areas.loc[(areas["level"] == "province") & (areas["region"] == r), "area_code"])
               for r in REGIONS}
    ours = {}
    for year_ in sorted({p["year"] for p in check}):
        wanted = [NATIONAL, *[c for p in check if p["year"] == year_ and p["area_code"] in members
                              for c in members[p["area_code"]]]]
        for code, res_ in attainment_by_area(dataset, frameworks, "nbs2008", year_, list(dict.fromkeys(wanted))).items():
            ours[(code, year_)] = res_
    names = {code: dataset.area_name(code, lang) for code in (NATIONAL, *REGIONS)}
    economic = {s.domain_id: (s.domain_zh if lang == "zh" else s.domain_en) for s in framework_items(frameworks, "nbs2008")}
    return method_check_rows(check, ours, names, lang, members, economic)


@callback(
    Output(Ids.URL, "search", allow_duplicate=True), Output(Ids.URL, "hash", allow_duplicate=True),
    Input(AttIds.FRAMEWORK, "value"), Input(AttIds.YEAR, "value"), Input(AttIds.DOMAIN, "value"),
    Input(AttIds.METRIC, "value"), Input(AttIds.MAP, "clickData"), Input(AttIds.WHATIF, "cellValueChanged"),
    Input(AttIds.RESET, "n_clicks"), Input(AttIds.INDEX_MODE, "value"),
    State(Ids.URL, "search"), State(Ids.URL, "hash"), State(Ids.USER_DATA, "data"),
    prevent_initial_call=True,
)
def act(framework_id, year, domain_id, metric, click, changed, _reset, mode, search, hash_, user_data=None):
    """One user action -> the URL (query for shared state, fragment for this view's own)."""
    res = resources()
    dataset = res.dataset
    state, _ = parse_query(search, dataset)
    params, _ = own_params(search, hash_)
    trigger = ctx.triggered_id
    new_state = state
    if trigger == AttIds.FRAMEWORK and framework_id in FRAMEWORKS and (framework_id != state.framework_id
                                                                       or state.system is not None):
        new_state = state.with_(framework_id=framework_id, system=None)   # a national framework leaves the pin
        params["wi"] = ""  # item ids belong to one framework
    elif trigger == AttIds.YEAR and isinstance(year, int) and year in dataset.years(state.indicator_id):
        new_state = state.with_(year=year)
    elif trigger == AttIds.DOMAIN and isinstance(domain_id, str):
        params["dom"] = domain_id
    elif trigger == AttIds.METRIC and metric in METRICS:
        params["am"] = "" if metric == "attainment" else metric
    elif trigger == AttIds.MAP:
        try:
            location = str(click["points"][0]["location"])
        except (TypeError, KeyError, IndexError):
            location = None
        if location in dataset.province_codes(mainland_only=False):
            new_state = state.with_(area_code=location)
    elif trigger == AttIds.WHATIF and changed:
        frameworks, shown, fw = view_frameworks(res, user_data, state, "en", [])
        specs = framework_items(frameworks, shown)
        preset = {s.item_id: {k: getattr(s, k) for k in WI_CODES} for s in specs}
        overrides, _bad = parse_whatif(params.get("wi"), fw, list(preset))
        for change in changed if isinstance(changed, list) else [changed]:
            overrides = edited_overrides(overrides, change, preset)
        params["wi"] = encode_whatif(overrides, fw)
    elif trigger == AttIds.RESET:
        params["wi"] = ""
    elif trigger == AttIds.INDEX_MODE and mode in MODES:
        params["ix"] = "" if mode == MODE_STRICT else mode
    query = to_query(new_state) if new_state != state else search
    new_hash = fragment(params)
    return (query if query != search else no_update,
            new_hash if new_hash != (hash_ or "") else no_update)

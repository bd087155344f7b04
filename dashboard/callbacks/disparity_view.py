"""Callbacks of the 'disparity' view: the URL in, charts out; the indicator selector and a click on
a ranking bar write the URL, so the map and every other view follow.

One callback reads and writes the URL (Dash allows a loop only inside one callback); it computes
only when the URL's view is 'disparity'.
"""
from __future__ import annotations

from dash import Input, Output, State, callback, html, no_update

from dashboard.callbacks.resources import resources
from dashboard.callbacks.triggers import user_trigger
from dashboard.components.disparity_view import DisparityIds, chart_table, statistics_table
from dashboard.components.ids import Ids
from dashboard.data.dataset import Dataset
from dashboard.data.schema import NATIONAL
from dashboard.figures import disparity_charts as charts
from dashboard.figures.labels import indicator_name
from dashboard.figures.map_content import programme_roles
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year
from dashboard.state import ViewState, parse_query, resolved_year, to_query
from dashboard.views import view_spec

VIEW = "disparity"
# The view's own URL listener (dashboard/views.py): this callback also outputs into the view,
# so it must have no input in the page while the view is not built.
VIEW_URL = view_spec(VIEW).url_id
VIEW_QUERY = view_spec(VIEW).query_id  # the link while this view is shown (ViewSpec.query_id)
OUTPUTS = (
    (DisparityIds.INDICATOR, "value"), (DisparityIds.YEAR, "value"), (DisparityIds.YEAR, "min"),
    (DisparityIds.YEAR, "max"), (DisparityIds.HEADING, "children"), (DisparityIds.READING, "children"),
    (DisparityIds.MESSAGE, "children"), (DisparityIds.MESSAGE, "is_open"),
    (DisparityIds.REGIONAL, "figure"), (DisparityIds.REGIONAL_NOTE, "children"),
    (DisparityIds.REGIONAL_TABLE, "children"),
    (DisparityIds.CONVERGENCE, "figure"), (DisparityIds.CONVERGENCE_TABLE, "children"),
    (DisparityIds.DECOMPOSITION, "figure"), (DisparityIds.DECOMPOSITION_TABLE, "children"),
    (DisparityIds.BETA, "figure"), (DisparityIds.BETA_TABLE, "children"),
    (DisparityIds.RANKING, "figure"), (DisparityIds.RANKING_NOTE, "children"), (DisparityIds.RANKING_TABLE, "children"),
    (DisparityIds.STATS, "children"),
    (DisparityIds.URBAN_RURAL, "figure"), (DisparityIds.URBAN_RURAL_NOTE, "children"),
    (DisparityIds.URBAN_RURAL_TABLE, "children"),
)


def clicked_bar(click: dict | None, dataset: Dataset) -> str | None:
    """The province of a clicked ranking bar (y holds the area code), if it is a province."""
    try:
        code = str(click["points"][0]["y"])  # type: ignore[index]  # None: TypeError, caught
    except (TypeError, KeyError, IndexError):
        return None
    return code if code in dataset.province_codes() else None


def parse_year(value) -> int | None:
    """A typed year as an int, or None for empty or non-numeric input."""
    try:
        year = int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None
    return year if 1900 <= year <= 2100 else None


def next_state(state: ViewState, trigger, value, dataset: Dataset) -> ViewState:
    """The state after a user action in this view; pure, tested without a browser."""
    if trigger == DisparityIds.INDICATOR and isinstance(value, str) and dataset.has_indicator(value) \
            and value != state.indicator_id:
        keep = state.year if state.year in dataset.years(value) else None
        return state.with_(indicator_id=value, year=keep)
    if trigger == DisparityIds.YEAR:
        year = parse_year(value)
        return state.with_(year=year) if year is not None and year != state.year else state
    if trigger == DisparityIds.RANKING:
        area = clicked_bar(value, dataset)
        return state.with_(area_code=area) if area else state
    return state


def render(dataset: Dataset, state: ViewState, lang: str) -> dict:
    """Every output of the view for one state, keyed by (component id, property)."""
    indicator_id = state.indicator_id
    year = resolved_year(state, dataset)
    year_text = format_year(year, lang) if year is not None else "—"
    out: dict = {key: no_update for key in OUTPUTS}
    out[(DisparityIds.INDICATOR, "value")] = indicator_id
    name = indicator_name(dataset, indicator_id, lang)
    out[(DisparityIds.HEADING, "children")] = t("disparity.heading", lang, indicator=name, year=year_text)
    problem = charts.indicator_ok(dataset, indicator_id)
    messages: list[str] = []
    if problem:
        messages.append(t(problem, lang, indicator=name))
    years = dataset.years(indicator_id) if dataset.has_indicator(indicator_id) else []
    out[(DisparityIds.YEAR, "value")] = year
    out[(DisparityIds.YEAR, "min")] = years[0] if years else None
    out[(DisparityIds.YEAR, "max")] = years[-1] if years else None
    if state.year is not None and year != state.year and not problem:
        messages.append(t("disparity.year.not_available", lang, indicator=name, year=format_year(state.year, lang),
                          shown=year_text, years=charts.year_ranges(years, lang) if years else "—"))

    sections = (
        ("regional", lambda: _regional(dataset, indicator_id, year, lang, out)),
        ("convergence", lambda: _convergence(dataset, indicator_id, year, lang, out)),
        ("decomposition", lambda: _decomposition(dataset, indicator_id, year, lang, out)),
        ("beta", lambda: _beta(dataset, state, year, lang, out)),
        ("ranking", lambda: _ranking(dataset, state, year, lang, out)),
        ("stats", lambda: _stats(dataset, indicator_id, year, year_text, lang, out)),
        ("urban_rural", lambda: _urban_rural(dataset, state, year, lang, out)),
    )
    for section, build in sections:
        try:
            build()
        except Exception as error:  # bad (imported) data must not break the page: say where and what
            messages.append(t("disparity.message.failed", lang, section=t(f"disparity.panel.{section}", lang),
                              indicator=name, year=year_text, error=f"{type(error).__name__}: {error}"))
    out[(DisparityIds.MESSAGE, "children")] = [html.Div(m) for m in messages]
    out[(DisparityIds.MESSAGE, "is_open")] = bool(messages)
    return out


def _regional(dataset, indicator_id, year, lang, out) -> None:
    content = charts.regional_content(dataset, indicator_id, lang)
    title = t("disparity.regional.title", lang, method=content.method_text)
    out[(DisparityIds.REGIONAL, "figure")] = charts.regional_means_figure(
        content, title=title, y_title=charts.axis_title(dataset, indicator_id, lang),
        empty_text=t("disparity.regional.empty" if content.method != "none" else "disparity.regional.not_computed",
                     lang), selected_year=year, lang=lang)
    notes = list(content.gap_notes)
    if notes:
        notes.insert(0, t("disparity.regional.gap_intro", lang))
    out[(DisparityIds.REGIONAL_NOTE, "children")] = [html.P(n) for n in notes]
    out[(DisparityIds.REGIONAL_TABLE, "children")] = chart_table(
        charts.regional_table(content, dataset, indicator_id, lang, title), lang) if content.lines else None


def _convergence(dataset, indicator_id, year, lang, out) -> None:
    content = charts.convergence_content(dataset, indicator_id)
    title = t("disparity.convergence.title", lang)
    out[(DisparityIds.CONVERGENCE, "figure")] = charts.convergence_figure(
        content, lang, title=title, empty_text=t("disparity.convergence.empty", lang, n=content.n_expected),
        selected_year=year)
    out[(DisparityIds.READING, "children")] = [html.P(s) for s in charts.convergence_sentences(content, dataset, lang)]
    out[(DisparityIds.CONVERGENCE_TABLE, "children")] = chart_table(charts.convergence_table(content, lang, title), lang)


def _decomposition(dataset, indicator_id, year, lang, out) -> None:
    content = charts.decomposition_content(dataset, indicator_id)
    title = t("disparity.decomposition.title", lang)
    out[(DisparityIds.DECOMPOSITION, "figure")] = charts.decomposition_figure(
        content, lang, title=title, empty_text=t("disparity.decomposition.empty", lang,
                                                 n=len(dataset.province_codes())), selected_year=year)
    out[(DisparityIds.DECOMPOSITION_TABLE, "children")] = chart_table(
        charts.decomposition_table(content, lang, title), lang)
    sentence = charts.decomposition_sentence(content, lang, year)
    reading = out.get((DisparityIds.READING, "children"))
    if sentence and isinstance(reading, list):
        reading.append(html.P(sentence))


def _beta(dataset, state, year, lang, out) -> None:
    content = charts.beta_content(dataset, state.indicator_id, year)
    title = (t("disparity.beta.title", lang, start=format_year(content.start, lang), end=format_year(content.end, lang))
             if content.start is not None and content.end is not None else t("disparity.beta.title_none", lang))
    out[(DisparityIds.BETA, "figure")] = charts.beta_figure(
        content, dataset, lang, title=title, x_title=t("disparity.beta.x", lang), y_title=t("disparity.beta.y", lang),
        empty_text=t("disparity.beta.empty", lang), selected_area=state.area_code)
    out[(DisparityIds.BETA_TABLE, "children")] = chart_table(charts.beta_table(content, dataset, lang, title), lang) \
        if content.points else None
    reading = out.get((DisparityIds.READING, "children"))
    if isinstance(reading, list):
        reading.append(html.P(charts.beta_sentence(content, lang)))


def _ranking(dataset, state, year, lang, out) -> None:
    pilots, study = programme_roles(dataset, state.pilots)
    content = charts.ranking_content(dataset, state.indicator_id, year, state.area_code, pilots, study, lang)
    subtitle_key = "disparity.ranking.subtitle_low" if content.higher_is_better is False else "disparity.ranking.subtitle"
    title = t("disparity.ranking.title", lang, year=format_year(year, lang) if year else "—")
    out[(DisparityIds.RANKING, "figure")] = charts.ranking_figure(
        content, lang, title=title,
        subtitle=t(subtitle_key, lang, indicator=charts.axis_title(dataset, state.indicator_id, lang)),
        national_label=dataset.area_name(NATIONAL, lang), no_data_text=t("terms.no_data", lang))
    note = t("disparity.ranking.marks", lang, pilot=charts.PILOT_MARK, study=charts.STUDY_MARK,
             selected=charts.SELECTED_MARK)
    if content.national is not None:
        note += " " + t("disparity.ranking.national_line", lang, value=content.national_text)
    out[(DisparityIds.RANKING_NOTE, "children")] = note
    out[(DisparityIds.RANKING_TABLE, "children")] = chart_table(charts.ranking_table(content, lang, title), lang)


def _stats(dataset, indicator_id, year, year_text, lang, out) -> None:
    rows, n, expected = charts.statistics_rows(dataset, indicator_id, year, lang)
    out[(DisparityIds.STATS, "children")] = statistics_table(rows, n, expected, year_text, lang)


def _urban_rural(dataset, state, year, lang, out) -> None:
    content = charts.urban_rural_content(dataset, state.indicator_id)
    pair = t(f"disparity.urban_rural.pair.{content.pair_key}", lang)
    years = charts.year_ranges(content.years, lang) if content.years else "—"
    title = t(f"disparity.urban_rural.title_{content.pair_key}", lang, years=years)
    notes = [t("disparity.urban_rural.coverage", lang, pairs=charts.pair_coverage(dataset, lang))]
    if not content.related:
        notes.append(t("disparity.urban_rural.not_split", lang,
                       indicator=indicator_name(dataset, state.indicator_id, lang), pair=pair))
    year_note = charts.urban_rural_year_note(content, dataset, year, state.area_code, lang)
    if year_note:
        notes.append(year_note)
    elif year is not None and content.years:
        notes.append(t("disparity.urban_rural.other_years", lang, year=format_year(year, lang), years=years))
    notes.append(t(f"disparity.urban_rural.reading_{content.pair_key}", lang))
    out[(DisparityIds.URBAN_RURAL_NOTE, "children")] = [html.P(n) for n in notes]
    out[(DisparityIds.URBAN_RURAL, "figure")] = charts.urban_rural_figure(
        content, dataset, lang, title=title, subtitle=t("disparity.urban_rural.axis", lang),
        selected_area=state.area_code, parity_label=t("disparity.urban_rural.parity", lang),
        empty_text=t("disparity.urban_rural.empty", lang), selected_year=year)
    out[(DisparityIds.URBAN_RURAL_TABLE, "children")] = chart_table(
        charts.urban_rural_table(content, dataset, lang, title, state.area_code), lang) if content.years else None


@callback(
    Output(VIEW_URL, "search", allow_duplicate=True),
    *[Output(component, prop) for component, prop in OUTPUTS],
    Output(VIEW_QUERY, "data"),  # the link written, as the view's gate would pass it
    Input(VIEW_QUERY, "data"),
    Input(DisparityIds.INDICATOR, "value"),
    Input(DisparityIds.YEAR, "value"),
    Input(DisparityIds.RANKING, "clickData"),
    Input(Ids.USER_DATA, "data"),
    State(Ids.LANG_STORE, "data"),
    prevent_initial_call="initial_duplicate",
)
def update_disparity(search, indicator_value, year_value, click, user_data, lang):
    dataset = resources().dataset_for(user_data)
    lang = lang or "zh"
    state, _ = parse_query(search, dataset)  # the map view shows the link's notices
    trigger = user_trigger()
    values = {DisparityIds.INDICATOR: indicator_value, DisparityIds.YEAR: year_value, DisparityIds.RANKING: click}
    url = no_update
    if trigger in values:  # a user action here; the link itself is only read
        new_state = next_state(state, trigger, values[trigger], dataset)
        if new_state != state and new_state.year is not None and dataset.has_indicator(new_state.indicator_id) \
                and new_state.year not in dataset.years(new_state.indicator_id):
            state = new_state  # a typed year without data: say so, keep the URL (it would drop the year)
        elif new_state != state:
            state, url = new_state, to_query(new_state)
    out = render(dataset, state, lang)
    return (url, *(out[key] for key in OUTPUTS), url)

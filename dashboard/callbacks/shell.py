"""Language and page frame: the page is re-rendered only when the language changes."""
from __future__ import annotations

from urllib.parse import parse_qs

from dash import Input, Output, State, callback, ctx, no_update

from dashboard.components.ids import Ids
from dashboard.components.attainment_view import attainment_view
from dashboard.components.data_view import data_view
from dashboard.components.disparity_view import disparity_view
from dashboard.components.gaps_view import gaps_view
from dashboard.components.map_panel import map_panel
from dashboard.components.map_view import map_view
from dashboard.components.present_view import present_view
from dashboard.components.shell import page
from dashboard.callbacks.resources import Resources, resources
from dashboard.figures.map_content import map_frame, map_values
from dashboard.figures.province_map import province_map
from dashboard.i18n import parse_lang
from dashboard.state import parse_query, resolved_year


def url_lang(search: str | None) -> str | None:
    """The language a link asks for, or None when it names none or one we do not serve."""
    values = parse_qs((search or "").lstrip("?")).get("lang")
    if not values:
        return None
    lang, notice = parse_lang(values[-1])
    return None if notice else lang


@callback(Output(Ids.LANG_STORE, "data"), Input(Ids.URL, "search"), State(Ids.LANG_STORE, "data"))
def lang_from_url(search: str | None, current: str | None):
    wanted = url_lang(search) or current or "zh"
    if ctx.triggered_id is not None and wanted == current:
        return no_update  # same language: keep the page, only the view changes
    return wanted


@callback(Output(Ids.SHELL, "children"), Input(Ids.LANG_STORE, "data"), State(Ids.URL, "search"),
          prevent_initial_call=True)
def render_shell(lang: str, search: str | None):
    return shell_children(resources(), lang, search)


def shell_children(res: Resources, lang: str, search: str | None):
    """The page for one language and view state; also served as the initial layout."""
    dataset = res.dataset
    state, _ = parse_query(search, dataset)
    year = resolved_year(state, dataset)
    shown = map_values(dataset, state.indicator_id, year, lang)
    figure = province_map(map_frame(dataset, res.geojson_url, res.south_china_sea, lang, state.pilots),
                          shown, selected=state.area_code)
    views = {
        "map": map_view(dataset, lang, figure, res.topojson_url, state.indicator_id,
                        dataset.years(state.indicator_id), year, state.area_code,
                        panel=map_panel(dataset, state, year, shown, lang, res.frameworks)),
        "gaps": gaps_view(dataset, lang),
        "attainment": attainment_view(dataset, lang),
        "disparity": disparity_view(dataset, lang),
        "data": data_view(dataset, lang),
        "present": present_view(dataset, lang),
    }
    return page(lang, views, active_view=state.view)

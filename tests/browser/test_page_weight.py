"""What a first visit downloads, in Chromium: plotly.js from the partial bundle (never Dash's full
plotly.min.js), and dash-ag-grid only once a view with a grid is shown (dashboard/dash_app.py)."""
from __future__ import annotations

from plotly.offline import get_plotlyjs_version

from dashboard.views import VIEWS
from tests.browser.conftest import wait_for_map

IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"


def _record(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    return urls


def _nav(page, view_id: str):
    return page.locator(".view-nav .nav-link").nth([v.id for v in VIEWS].index(view_id))


def _grid_scripts(urls: list[str]) -> list[str]:
    return [u for u in urls if "/dash_ag_grid/dash_ag_grid." in u]


def test_the_map_paints_with_the_partial_plotly_and_without_ag_grid(page):
    urls = _record(page)
    page.goto(page.watch.base + "/?lang=zh")
    wait_for_map(page)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.Plotly.version") == get_plotlyjs_version()
    assert not [u for u in urls if "plotly.min.js" in u and "/assets/" not in u]
    assert _grid_scripts(urls) == [] and page.evaluate("() => window.dash_ag_grid === undefined")
    assert page.watch.console_errors == []


def test_a_grid_view_reached_from_the_map_loads_ag_grid_once(page):
    urls = _record(page)
    page.goto(page.watch.base + "/?lang=zh")
    wait_for_map(page)
    _nav(page, "data").click()
    page.wait_for_selector("#datasrc-coverage .ag-row")
    page.wait_for_function(IDLE)
    _nav(page, "attainment").click()                         # a second view with a grid
    page.wait_for_selector("#attainment-whatif .ag-row")
    page.click("#lang-switch")                               # the view is rebuilt in English
    page.wait_for_selector("div[lang='en'] #attainment-whatif .ag-row")
    page.wait_for_function(IDLE)
    assert len(_grid_scripts(urls)) == 1
    assert page.watch.console_errors == [] and page.watch.external_requests == []


def test_a_link_straight_to_a_grid_view_renders_its_grid(page):
    urls = _record(page)
    page.goto(page.watch.base + "/?lang=en&view=attainment")
    page.wait_for_selector("#attainment-whatif .ag-row")
    page.wait_for_function(IDLE)
    assert len(_grid_scripts(urls)) == 1
    assert page.watch.console_errors == []

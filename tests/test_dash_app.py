"""What the first page load carries (dashboard/dash_app.py): the partial plotly.js from assets/,
never Dash's full plotly.min.js, and dash-ag-grid listed for later rather than loaded."""
from __future__ import annotations

import json
import re

from dashboard.dash_app import LAZY_SCRIPTS_ID


def _page(dash_app) -> str:
    return dash_app.server.test_client().get("/").get_data(as_text=True)


def _scripts(page: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', page)


def _lazy(page: str) -> dict[str, list[str]]:
    match = re.search(rf'<script id="{LAZY_SCRIPTS_ID}" type="application/json">(.*?)</script>', page, flags=re.S)
    assert match, "the page lists the scripts it loads later"
    return json.loads(match.group(1))


def test_the_page_loads_the_partial_plotly_bundle_and_not_the_full_one(dash_app):
    scripts = _scripts(_page(dash_app))
    assert any("/assets/00-plotly-xk.min.js?m=" in src for src in scripts)
    assert not any("plotly.min.js" in src and "/assets/" not in src for src in scripts)
    assets = [src for src in scripts if "/assets/" in src]
    assert "00-plotly-xk.min.js" in assets[0]  # before the zh-CN locale, which registers on Plotly


def test_the_full_plotly_bundle_is_not_served(dash_app):
    client = dash_app.server.test_client()
    for path in ("/_dash-component-suites/plotly/package_data/plotly.min.js",
                 "/_dash-component-suites/plotly/package_data/plotly.v7_1_0m1.min.js"):
        assert client.get(path).status_code == 400


def test_ag_grid_is_listed_for_later_and_served_when_asked(dash_app):
    page = _page(dash_app)
    assert not any("dash_ag_grid" in src for src in _scripts(page))
    urls = _lazy(page)["dash_ag_grid"]
    assert len(urls) == 1 and urls[0].endswith(".min.js")
    response = dash_app.server.test_client().get(urls[0])
    assert response.status_code == 200 and b"dash_ag_grid" in response.data[:2_000_000]


def test_the_rest_of_the_page_keeps_its_scripts(dash_app):
    scripts = _scripts(_page(dash_app))
    for needed in ("dash_renderer", "dash_core_components", "dash_html_components", "dash_bootstrap_components",
                   "/assets/lazy_grid.js", "/assets/dashboard.js"):
        assert any(needed in src for src in scripts), needed

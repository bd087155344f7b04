"""The Dash app class: which scripts the first page load carries.

- plotly.js comes from `assets/00-plotly-xk.min.js`, a partial bundle with only the trace types
  the dashboard draws (built by `vendor/plotly/build.sh`); Dash's full plotly.min.js (plotly.py's
  package data, ~3.6 MB) is neither in the page nor served.
- dash-ag-grid's script (~1.3 MB) is left out of the page: only the attainment and data views
  show a grid. The page lists its URLs in a JSON element (`LAZY_SCRIPTS_ID`) and
  `assets/lazy_grid.js` loads them before the renderer receives the first layout that holds a grid.
"""
from __future__ import annotations

import json
import re
from typing import Any

import dash

LAZY_SCRIPTS_ID = "xk-lazy-scripts"
# Component packages (their JS namespace) whose scripts wait until a layout holds one of their components.
LAZY_PACKAGES = ("dash_ag_grid",)
# plotly.py's full bundle, which dcc registers for every Dash app (Dash._setup_plotlyjs).
FULL_PLOTLY_NAMESPACE = "plotly"


def _script_tag(package: str) -> re.Pattern[str]:
    return re.compile(rf'<script src="([^"]*/_dash-component-suites/{package}/[^"]*)"></script>\n?')


class DashboardApp(dash.Dash):
    def _collect_and_register_resources(self, resources: Any, include_async: bool = True,
                                        url_attr: str = "src") -> list:
        # Unregistered, the full plotly.min.js is neither listed nor served (a request gets 400).
        kept = [r for r in resources if r.get("namespace") != FULL_PLOTLY_NAMESPACE]
        return super()._collect_and_register_resources(kept, include_async, url_attr)

    def _generate_scripts_html(self) -> str:
        html = super()._generate_scripts_html()
        lazy: dict[str, list[str]] = {}
        for package in LAZY_PACKAGES:
            pattern = _script_tag(package)
            urls = pattern.findall(html)
            if urls:
                lazy[package] = urls
                html = pattern.sub("", html)
        # Data, not code: a JSON script element runs nothing, so the CSP needs no hash for it.
        payload = json.dumps(lazy).replace("</", "<\\/")
        return f'{html}\n<script id="{LAZY_SCRIPTS_ID}" type="application/json">{payload}</script>'

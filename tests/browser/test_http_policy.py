"""The app works in Chromium under its Content-Security-Policy: no violation, no console error."""
from __future__ import annotations

from tests.browser.conftest import click_province, wait_for_map

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sample || '')));
"""


def test_map_data_and_charts_work_under_the_policy(page):
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(page.watch.base + "/?lang=en&view=map&ind=urbanisation&year=2010")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    wait_for_map(page)
    click_province(page, "530000")
    page.wait_for_function("() => location.search.includes('area=530000')")
    page.wait_for_selector("#trend .scatterlayer .trace")
    # Grids (dash-ag-grid) and uploads live in the data view; the disparity view draws bar charts.
    page.goto(page.watch.base + "/?lang=en&view=data")
    page.wait_for_selector("#datasrc-coverage .ag-row")
    page.goto(page.watch.base + "/?lang=en&view=disparity&ind=urbanisation")
    page.wait_for_function("() => document.querySelectorAll('#view-disparity .js-plotly-plot g.trace').length > 0")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    assert page.evaluate("window.__csp") == []
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []

"""The county brief route: a county of the county maps and a served language, nothing else."""
from __future__ import annotations

import os

import pytest

from dashboard.export.brief import PDF_MAGIC, find_chromium
from dashboard.i18n import t


def _chromium() -> None:
    if find_chromium() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI to print the county brief")
        pytest.skip("no Chromium on this machine")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_county_gets_its_brief_as_pdf(dash_app, lang):
    _chromium()
    response = dash_app.server.test_client().get(f"/brief/county/530102.pdf?lang={lang}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/pdf"
    assert response.get_data().startswith(PDF_MAGIC)
    assert f'filename="county-brief-530102-{lang}.pdf"' in response.headers["Content-Disposition"]


@pytest.mark.parametrize("path", [
    "/brief/county/999999.pdf",            # not an area
    "/brief/county/530000.pdf",            # a province, not a county
    "/brief/county/530100.pdf",            # a prefecture with counties of its own: not a county-map unit
    "/brief/county/<script>.pdf?lang=en",
])
def test_an_unknown_county_is_a_catalogued_404(dash_app, path):
    response = dash_app.server.test_client().get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/plain"
    lang = "en" if "lang=en" in path else "zh"
    assert response.get_data(as_text=True).strip() == t("present.county_brief.unknown_county", lang)


@pytest.mark.parametrize("path", ["/brief/county/530102.html", "/brief/county/", "/brief/county/a/b.pdf",
                                  "/brief/county/../../app.py",
                                  "/brief/county/%2e%2e%2fareas.pdf"])
def test_other_paths_under_the_prefix_are_not_found(dash_app, path):
    assert dash_app.server.test_client().get(path).status_code == 404


@pytest.mark.parametrize("lang", ["fr", "", "ZH", "../etc"])
def test_a_bad_language_is_a_catalogued_400(dash_app, lang):
    response = dash_app.server.test_client().get(f"/brief/county/530102.pdf?lang={lang}")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert t("present.county_brief.bad_lang", "zh") in text and t("present.county_brief.bad_lang", "en") in text
    assert "Traceback" not in text


def test_without_chromium_the_route_says_why(dash_app, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = dash_app.server.test_client().get("/brief/county/530102.pdf?lang=en")
    assert response.status_code == 503
    assert response.get_data(as_text=True).startswith("The PDF could not be made: PDF needs Chromium")

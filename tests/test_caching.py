"""Fingerprinted files are cached a year and never revalidated; anything else is asked again."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from dashboard.caching import IMMUTABLE, fingerprinted


def test_fingerprinted_urls():
    assert fingerprinted("/assets/style.css", {"m": "1796282775.79"}, "/")
    assert not fingerprinted("/assets/style.css", {}, "/")
    assert not fingerprinted("/assets/topojson/china.json", {"m": ""}, "/")
    assert fingerprinted("/_dash-component-suites/dash/deps/react@18.v4_4_1m1796282705.3.1.min.js", {}, "/")
    assert not fingerprinted("/_dash-component-suites/dash/deps/react@18.3.1.min.js", {}, "/")
    assert fingerprinted("/_favicon.ico", {"v": "4.4.1"}, "/")
    assert not fingerprinted("/_favicon.ico", {}, "/")
    assert fingerprinted("/app/assets/x.js", {"m": "1"}, "/app/")
    assert not fingerprinted("/assets/x.js", {"m": "1"}, "/app/")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz_/.0123456789", max_size=40))
def test_pages_callbacks_and_data_are_never_immutable(path):
    for route in ("/", "/_dash-layout", "/_dash-update-component", "/geo/provinces.geojson", "/" + path):
        if not route.startswith(("/assets/", "/_dash-component-suites/")):
            assert not fingerprinted(route, {"m": "1"}, "/")


def test_the_page_s_fingerprinted_scripts_and_styles_answer_immutable(dash_app):
    client = dash_app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="(/(?:assets/|_dash-component-suites/|_favicon\.ico)[^"]+)"', page)
    assert any("/assets/" in u for u in urls) and any("_dash-component-suites" in u for u in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == IMMUTABLE, url


def test_unfingerprinted_files_and_the_page_are_revalidated(dash_app):
    client = dash_app.server.test_client()
    assert "immutable" not in client.get("/assets/style.css").headers.get("Cache-Control", "")
    assert "immutable" not in client.get("/").headers.get("Cache-Control", "")
    assert "immutable" not in client.get("/geo/provinces.geojson").headers.get("Cache-Control", "")

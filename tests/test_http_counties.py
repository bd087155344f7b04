"""The county boundaries route: a province code from the areas table, nothing else."""
from __future__ import annotations

import json

import pytest


def test_a_province_code_gets_its_county_boundaries(dash_app):
    response = dash_app.server.test_client().get("/geo/counties/530000.geojson")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    document = json.loads(response.get_data(as_text=True))
    assert len(document["features"]) == 129


@pytest.mark.parametrize("path", [
    "/geo/counties/999999.geojson",        # not an area
    "/geo/counties/532301.geojson",        # a county, not a province
    "/geo/counties/53000.geojson",
    "/geo/counties/..%2Fprovinces.geojson",
    "/geo/counties/../provinces.geojson.geojson",
    "/geo/counties/%2e%2e%2f%2e%2e%2fareas.csv",
    "/geo/counties/530000.json",
])
def test_anything_else_is_not_found(dash_app, path):
    assert dash_app.server.test_client().get(path).status_code == 404

"""The county choropleth builder."""
from __future__ import annotations

from dashboard.figures.county_content import POVERTY_ID, county_map_content
from dashboard.figures.county_map import TRACE_BASE, TRACE_SELECTED, TRACE_VALUES, county_map


def test_the_figure_loads_boundaries_from_the_url_and_outlines_the_selection(bundled_dataset):
    content = county_map_content(bundled_dataset, "530000", POVERTY_ID, 2014, "zh")
    figure = county_map(content, "/geo/counties/530000.geojson", "532301")
    assert {trace.geojson for trace in figure.data} == {"/geo/counties/530000.geojson"}
    assert list(figure.data[TRACE_SELECTED].locations) == ["532301"]
    assert len(figure.data[TRACE_BASE].locations) == 129 and len(figure.data[TRACE_VALUES].z) == 88
    assert figure.layout.geo.fitbounds == "locations" and figure.layout.geo.projection.type == "mercator"

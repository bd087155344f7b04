"""Chart images through kaleido and the local Chromium, offline (no network on this machine)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard.export.images import (
    ImageExportUnavailable,
    default_topojson_dir,
    figure_image,
    figure_images,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def _browser_found() -> bool:
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return Path(configured).is_file()
    return any(shutil.which(name) for name in BROWSER_NAMES)


# Skip only on a developer machine without Chromium; under CI=true a missing browser must fail.
needs_browser = pytest.mark.skipif(
    not _browser_found() and os.environ.get("CI") != "true",
    reason="no Chrome/Chromium installed (apt-get install chromium); these tests run under CI=true",
)


def _line_figure() -> go.Figure:
    figure = go.Figure(go.Scatter(x=[2000, 2005, 2010], y=[1.0, 2.5, 4.0], mode="lines+markers"))
    figure.update_layout(title="云南人均GDP")
    return figure


def _map_figure() -> go.Figure:
    """A one-square choropleth on ``geo``: plotly fetches world_110m.json before drawing it."""
    square = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "530000",
                "properties": {},
                # Clockwise exterior ring, as d3-geo wants.
                "geometry": {"type": "Polygon", "coordinates": [[[100, 22], [100, 27], [105, 27], [105, 22], [100, 22]]]},
            }
        ],
    }
    figure = go.Figure(go.Choropleth(geojson=square, locations=["530000"], z=[3.5], featureidkey="id"))
    figure.update_geos(visible=False, fitbounds="locations")
    figure.update_layout(title="云南")
    return figure


@needs_browser
def test_line_chart_png_and_svg() -> None:
    png = figure_image(_line_figure(), "png", width=400, height=300, scale=1)
    assert png.startswith(PNG_SIGNATURE)
    svg = figure_image(_line_figure(), "svg", width=400, height=300).decode("utf-8")
    assert svg.startswith("<svg") and "云南人均GDP" in svg


@needs_browser
def test_geo_choropleth_renders_offline_with_local_topojson() -> None:
    png, svg, pdf = (
        figure_images([_map_figure()], fmt, width=500, height=400)[0] for fmt in ("png", "svg", "pdf")
    )
    assert png.startswith(PNG_SIGNATURE)
    text = svg.decode("utf-8")
    assert text.startswith("<svg") and "choroplethlocation" in text
    assert pdf.startswith(b"%PDF")


@needs_browser
def test_batch_renders_each_figure_in_order() -> None:
    images = figure_images([_line_figure(), _map_figure()], "svg", width=400, height=300)
    assert len(images) == 2
    assert "choroplethlocation" not in images[0].decode("utf-8")
    assert "choroplethlocation" in images[1].decode("utf-8")


def test_no_browser_raises_image_export_unavailable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # choreographer honours BROWSER_PATH before searching PATH, so a path to nothing
    # simulates a machine without Chromium without touching the real install.
    missing = tmp_path / "no-chromium"
    monkeypatch.setenv("BROWSER_PATH", str(missing))
    with pytest.raises(ImageExportUnavailable, match="camera button") as caught:
        figure_image(_line_figure(), "png", width=400, height=300)
    assert str(missing) in str(caught.value)


def test_missing_topojson_stub_is_reported_before_rendering(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="world_110m.json"):
        figure_image(_map_figure(), "png", width=400, height=300, topojson_dir=tmp_path)


def test_default_topojson_stub_is_in_assets() -> None:
    assert (default_topojson_dir() / "world_110m.json").is_file()


@pytest.mark.parametrize(("fmt", "width", "height", "scale"), [("jpg", 400, 300, 1), ("png", 0, 300, 1), ("png", 400, 300, 0)])
def test_invalid_arguments_rejected(fmt: str, width: int, height: int, scale: float) -> None:
    with pytest.raises(ValueError):
        figure_image(_line_figure(), fmt, width=width, height=height, scale=scale)  # type: ignore[arg-type]

"""A bare Dash app serving only the map view's choropleth (same figure, same polygons route,
same local topojson, same compression): the floor that `first_paint.py` compares our app with.

    python benchmarks/bare_choropleth.py [--port 8171]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dash  # noqa: E402
from dash import dcc, html  # noqa: E402
from flask import Response  # noqa: E402

from dashboard.config import PROJECT_ROOT, Settings  # noqa: E402
from dashboard.data.dataset import load_dataset  # noqa: E402
from dashboard.figures.map_content import map_frame, map_values  # noqa: E402
from dashboard.figures.province_map import province_map  # noqa: E402
from dashboard.geo import PROVINCES_FILE, load_south_china_sea  # noqa: E402
from dashboard.state import default_indicator  # noqa: E402

GEOJSON_ROUTE = "/geo/provinces.geojson"


def create_bare_app(data_dir: Path | None = None) -> dash.Dash:
    data_dir = data_dir or Settings().data_dir
    dataset = load_dataset(data_dir)
    geojson_bytes = (data_dir / PROVINCES_FILE).read_bytes()
    # Only the topojson stubs, not the dashboard's CSS/JS: the bare app carries nothing else.
    app = dash.Dash(__name__, assets_folder=str(PROJECT_ROOT / "assets"), assets_ignore=r"^(?!topojson).*",
                    serve_locally=True, compress=True, update_title=None)

    @app.server.route(GEOJSON_ROUTE)
    def provinces_geojson() -> Response:
        response = Response(geojson_bytes, mimetype="application/json")
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    indicator = default_indicator(dataset)
    years = dataset.years(indicator)
    year = years[-1] if years else None
    frame = map_frame(dataset, app.get_relative_path(GEOJSON_ROUTE), load_south_china_sea(data_dir), "zh")
    figure = province_map(frame, map_values(dataset, indicator, year, "zh"))
    app.layout = html.Div(dcc.Graph(id="map", figure=figure, responsive=True,
                                    config={"topojsonURL": app.get_asset_url("topojson/"), "displaylogo": False}))
    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8171)
    args = parser.parse_args()
    create_bare_app().run(host="127.0.0.1", port=args.port, debug=False)


if __name__ == "__main__":
    main()

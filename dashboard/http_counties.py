"""The county boundaries route: `/geo/counties/<province_code>.geojson`, one province at a time.

Only a code that names a province-level unit of the areas table with a built file answers; the
code is a key into a table made at start-up, so no part of the request reaches a file path.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort

from dashboard.geo import COUNTIES_DIR

COUNTIES_ROUTE = "/geo/counties/"


def county_files(data_dir: Path, province_codes: list[str]) -> dict[str, Path]:
    """Province code -> its built county file, for the codes that have one."""
    folder = Path(data_dir) / COUNTIES_DIR
    files = {code: folder / f"{code}.geojson" for code in province_codes}
    return {code: path for code, path in files.items() if path.is_file()}


def county_paths(prefix: str, files: dict[str, Path]) -> tuple[str, ...]:
    """The exact URL paths the route serves (for the HTTP hooks' list of known routes)."""
    return tuple(f"{prefix}{code}.geojson" for code in sorted(files))


def install_county_route(server: Flask, files: dict[str, Path]) -> None:
    @server.route(f"{COUNTIES_ROUTE}<code>.geojson")
    def county_geojson(code: str) -> Response:
        path = files.get(code)
        if path is None:
            abort(404)
        response = Response(path.read_bytes(), mimetype="application/json")
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

"""Xiaokang provincial dashboard.

    python app.py [--host 127.0.0.1] [--port 8050] [--data-dir data] [--state-dir state] [--debug]

Workspaces are kept in $DATABASE_URL (PostgreSQL) or else in <state dir>/workspaces.sqlite3.

`create_app(settings)` builds the Dash app; its `.server` is the Flask (WSGI) app, which
`wsgi.py` exposes as `application` for gunicorn (`gunicorn -c gunicorn.conf.py wsgi:application`).
"""
from __future__ import annotations

import json
import sys

import dash
from dash import dcc, html
from urllib.parse import urlsplit

from flask import Response, has_request_context, request

from dashboard.caching import install_cache_headers
from dashboard.callbacks.resources import EXTENSION_KEY, Resources
from dashboard.callbacks.shell import shell_children, url_lang
from dashboard.components.ids import Ids
from dashboard.config import PROJECT_ROOT, Settings, parse_settings
from dashboard.dash_app import DashboardApp
from dashboard.data.dataset import load_dataset
from dashboard.data.frameworks import load_frameworks
from dashboard.data.published import load_published_attainment
from dashboard.geo import PROVINCES_FILE, label_points, load_provinces, load_south_china_sea, main_map_geojson
from dashboard.http import QuietRequestHandler, install_http_hooks
from dashboard.http_brief import COUNTY_BRIEF_ROUTE, install_brief_routes
from dashboard.http_counties import COUNTIES_ROUTE, county_files, county_paths, install_county_route
from dashboard.i18n import negotiate_lang, t
from dashboard.workspace import open_database

GEOJSON_ROUTE = "/geo/provinces.geojson"
MAIN_GEOJSON_ROUTE = "/geo/provinces-main.geojson"


def create_app(settings: Settings | None = None) -> dash.Dash:
    settings = settings or Settings()
    dataset = load_dataset(settings.data_dir)
    # Files the views read later are checked now: a broken one is named at start-up, not met
    # as an empty map in the browser or a 500 when a view first reads it.
    load_provinces(settings.data_dir)
    load_published_attainment(settings.data_dir)
    geojson_bytes = (settings.data_dir / PROVINCES_FILE).read_bytes()
    main_geojson_bytes = json.dumps(main_map_geojson(json.loads(geojson_bytes)), separators=(",", ":")).encode()
    import dashboard.callbacks  # noqa: F401  registers the callbacks (dash.callback)

    # DashboardApp: plotly.js from assets/ (a partial bundle), dash-ag-grid loaded on a grid's first view.
    app = DashboardApp(
        __name__,
        assets_folder=str(PROJECT_ROOT / "assets"),
        title=t("ui.app.title", "zh"),
        update_title=None,  # type: ignore[arg-type]  # Dash documents None: no "Updating..." tab title
        suppress_callback_exceptions=True,  # views are rendered per language after load
        serve_locally=True,
        compress=True,
    )
    server = app.server
    # Base64 makes an upload about a third larger than the file; refuse anything beyond that.
    server.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes * 4 // 3 + 64 * 1024
    counties = county_files(settings.data_dir, dataset.province_codes(mainland_only=False))
    install_http_hooks(app, extra_routes=(app.get_relative_path(GEOJSON_ROUTE), app.get_relative_path(MAIN_GEOJSON_ROUTE),
                                          *county_paths(app.get_relative_path(COUNTIES_ROUTE), counties)),
                       extra_prefixes=(app.get_relative_path(COUNTY_BRIEF_ROUTE),))  # the route checks the code
    install_cache_headers(app)
    server.extensions[EXTENSION_KEY] = Resources(
        dataset=dataset,
        geojson_url=app.get_relative_path(GEOJSON_ROUTE),
        counties_url=app.get_relative_path(COUNTIES_ROUTE),
        county_brief_url=app.get_relative_path(COUNTY_BRIEF_ROUTE),
        south_china_sea=load_south_china_sea(settings.data_dir),
        label_points=label_points(settings.data_dir),
        main_geojson_url=app.get_relative_path(MAIN_GEOJSON_ROUTE),
        topojson_url=app.get_asset_url("topojson/"),
        frameworks=load_frameworks(settings.data_dir, dataset),
        data_dir=settings.data_dir,
        # Workspaces: $DATABASE_URL, else <state dir>/workspaces.sqlite3; migrated to head here.
        workspaces=open_database(settings.database_url, state_dir=settings.state_dir),
    )

    @server.route(GEOJSON_ROUTE)
    def provinces_geojson() -> Response:  # a fixed file: no user input reaches the file system
        response = Response(geojson_bytes, mimetype="application/json")
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    @server.route(MAIN_GEOJSON_ROUTE)
    def provinces_main_geojson() -> Response:  # derived once above from the same fixed file
        response = Response(main_geojson_bytes, mimetype="application/json")
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    install_county_route(server, counties)
    install_brief_routes(server, dataset, settings.data_dir, app.get_relative_path("/"))

    def layout() -> html.Div:
        # The page is rendered here, not after load, so every control exists from the start.
        # The browser asks for the layout with the page as Referer: its query gives the view.
        search, accept = "", None
        if has_request_context():
            search = urlsplit(request.headers.get("Referer", "")).query
            accept = request.headers.get("Accept-Language")
        lang = negotiate_lang(accept, url_lang("?" + search))
        return html.Div([
            # callback-nav: a write by any view's own Location (views.py) reaches every other one.
            dcc.Location(id=Ids.URL, refresh="callback-nav"),
            # The router writes its own Location (a write to Ids.URL would close a loop through the
            # route gate, which Dash refuses); callback-nav carries it to every other Location.
            dcc.Location(id=Ids.NAV_URL, refresh="callback-nav"),
            dcc.Store(id=Ids.ROUTE),
            dcc.Store(id=Ids.LANG_STORE, data=lang),
            dcc.Store(id=Ids.USER_DATA, storage_type="session"),
            dcc.Store(id=Ids.STORYBOARD, storage_type="local"),
            html.Div(shell_children(server.extensions[EXTENSION_KEY], lang, "?" + search),
                     id=Ids.SHELL, className="shell"),
        ])

    app.layout = layout
    return app


def main(argv: list[str] | None = None) -> int:
    settings = parse_settings(argv)
    try:
        app = create_app(settings)
    except Exception as exc:  # a bad data folder: one clear line, not a traceback
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    print(f"Xiaokang dashboard on http://{settings.host}:{settings.port}/ (data: {settings.data_dir})")
    app.run(host=settings.host, port=settings.port, debug=settings.debug, request_handler=QuietRequestHandler)
    return 0


if __name__ == "__main__":
    sys.exit(main())

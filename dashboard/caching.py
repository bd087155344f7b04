"""Caching headers: a fingerprinted URL names one version of a file, so the browser may keep it
for a year without asking again. Dash fingerprints assets with `?m=<mtime>` and component-suite
files with `.v<version>m<mtime>.` in the name, and the favicon with `?v=<dash version>`; a new
file gets a new URL.

    install_cache_headers(app)      # in create_app
"""
from __future__ import annotations

import dash
from dash.fingerprint import check_fingerprint
from flask import Response, request

IMMUTABLE = "public, max-age=31536000, immutable"
_SUITES = "_dash-component-suites/"


def fingerprinted(path: str, query: dict, prefix: str) -> bool:
    """Whether `path` (with its query) names one version of a file that never changes."""
    if path.startswith(f"{prefix}assets/"):
        return bool(query.get("m"))
    if path == f"{prefix}_favicon.ico":
        return bool(query.get("v"))
    if path.startswith(f"{prefix}{_SUITES}"):
        return check_fingerprint(path[len(prefix) + len(_SUITES):])[1]
    return False


def install_cache_headers(app: dash.Dash) -> None:
    prefix = app.config.routes_pathname_prefix or "/"

    @app.server.after_request
    def cache_fingerprinted_for_a_year(response: Response) -> Response:
        if response.status_code in (200, 304) and fingerprinted(request.path, request.args, prefix):
            response.headers["Cache-Control"] = IMMUTABLE
        return response

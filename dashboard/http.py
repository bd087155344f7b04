"""HTTP hardening of the Dash app's Flask server: headers, routes that exist, bad requests as 400.

    install_http_hooks(app, geojson_route)      # in create_app, after the callbacks are registered

- Content-Security-Policy: scripts only from this server plus the hashes of the inline scripts
  Dash renders (`Dash.csp_hashes()`: its renderer start-up and inline clientside callbacks);
  styles allow 'unsafe-inline' because plotly and the Dash components set style attributes;
  `frame-ancestors 'none'` (and X-Frame-Options DENY for older browsers).
- Only the routes the app serves answer; the catch-all Dash adds for multi-page apps would
  otherwise answer every unknown path with the page (200). `/_reload-hash` (which lists the
  installed packages) answers only while hot reload is on (`--debug`).
- A callback request whose body is not what the Dash renderer sends, and a component-suite
  path that is not a registered file, answer 400 instead of a 500 with a logged traceback.
- The development server (`python app.py`) names itself without versions (`QuietRequestHandler`);
  gunicorn sends `Server: gunicorn` without a version.
"""
from __future__ import annotations

import dash
from flask import Response, abort, request
from werkzeug.serving import WSGIRequestHandler

STYLE_AND_MEDIA = (
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
_UPDATE = "_dash-update-component"
_SUITES = "_dash-component-suites/"


class QuietRequestHandler(WSGIRequestHandler):
    """Werkzeug's handler without `Server: Werkzeug/x Python/y` (no versions for a prober)."""

    def version_string(self) -> str:
        return "xiaokang"


def content_security_policy(app: dash.Dash) -> str:
    scripts = " ".join(["'self'", *app.csp_hashes()])
    return "; ".join(("default-src 'self'", f"script-src {scripts}", *STYLE_AND_MEDIA))


def _valid_dependency(item: object) -> bool:
    """One input/state entry as the renderer sends it: {id, property, value?}, or a list of
    them for a pattern-matching (ALL) dependency."""
    if isinstance(item, list):
        return all(isinstance(x, dict) and "id" in x and isinstance(x.get("property"), str) for x in item)
    return isinstance(item, dict) and "id" in item and isinstance(item.get("property"), str)


def valid_callback_body(body: object, callback_map: dict) -> bool:
    """The shape of a /_dash-update-component request, and a callback that exists."""
    if not isinstance(body, dict):
        return False
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return False
    if not isinstance(body.get("outputs"), (dict, list)):
        return False
    if not isinstance(body.get("changedPropIds", []), list):
        return False
    for key in ("inputs", "state"):
        entries = body.get(key, [])
        if not isinstance(entries, list) or not all(_valid_dependency(e) for e in entries):
            return False
    return True


def install_http_hooks(app: dash.Dash, extra_routes: tuple[str, ...] = ()) -> None:
    server = app.server
    prefix = app.config.routes_pathname_prefix or "/"
    exact = {prefix, f"{prefix}_favicon.ico", f"{prefix}_dash-layout", f"{prefix}_dash-dependencies",
             f"{prefix}{_UPDATE}", *extra_routes}
    prefixes = (f"{prefix}assets/", f"{prefix}{_SUITES}")
    policy: list[str] = []  # computed on the first response: every callback is registered by then

    @server.before_request
    def refuse_unknown_and_malformed():
        path = request.path
        if path == f"{prefix}_reload-hash":
            if not app._dev_tools.get("hot_reload"):
                abort(404)
            return None
        if path not in exact and not path.startswith(prefixes):
            abort(404)
        if path == f"{prefix}{_UPDATE}" and request.method == "POST":
            body = request.get_json(silent=True)
            if not valid_callback_body(body, app.callback_map):
                abort(400)
        return None

    @server.errorhandler(dash.exceptions.DependencyException)
    def bad_component_suite_path(_error):  # an unregistered package or file: the client's mistake
        return Response("Bad request: not a file of this app\n", status=400, mimetype="text/plain")

    @server.after_request
    def security_headers(response: Response) -> Response:
        if not policy:
            policy.append(content_security_policy(app))
        response.headers.setdefault("Content-Security-Policy", policy[0])
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

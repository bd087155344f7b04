"""HTTP hardening of the Dash app's Flask server: headers, routes that exist, bad requests as 400.

    install_http_hooks(app, extra_routes, extra_prefixes)   # in create_app, after the callbacks are registered

- Content-Security-Policy: scripts only from this server plus the hashes of the inline scripts
  Dash renders (`Dash.csp_hashes()`: its renderer start-up and inline clientside callbacks);
  styles allow 'unsafe-inline' because plotly and the Dash components set style attributes;
  `frame-ancestors 'none'` (and X-Frame-Options DENY for older browsers).
- Only the routes the app serves answer; the catch-all Dash adds for multi-page apps would
  otherwise answer every unknown path with the page (200). `/_reload-hash` (which lists the
  installed packages) answers only while hot reload is on (`--debug`).
- A callback request whose body is not what the Dash renderer sends (not the declared inputs
  and states of a server-side callback, or a value of the wrong type for a property the app
  reads), and a component-suite path that is not a registered file, answer 400 instead of a
  500 with a logged traceback.
- The development server (`python app.py`) names itself without versions (`QuietRequestHandler`);
  gunicorn sends `Server: gunicorn` without a version.
"""
from __future__ import annotations

import dash
from dash._validate import validate_output_spec  # the check dispatch runs, raising a 500
from flask import Response, abort, request
from werkzeug.serving import WSGIRequestHandler

from dashboard.components.ids import Ids
from dashboard.components.county_panel import CountyIds
from dashboard.views import VIEWS
from dashboard.i18n import LANGS

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


# What the renderer sends for the properties the app's callbacks read, by property name (None
# is always allowed): a value of another type is a forged request, answered 400 before a
# callback would fail on it with a 500. Stores (`data`) carry any JSON, except the language.
_PROPERTY_TYPES: dict[str, tuple[type, ...]] = {
    "search": (str,), "pathname": (str,), "hash": (str,), "href": (str,),
    "n_clicks": (int,), "n_intervals": (int,), "n_blur": (int,),
    "contents": (str,), "filename": (str,),
    "value": (str, int, float, bool, list), "clickData": (dict,), "cellClicked": (dict,), "cellValueChanged": (list, dict),
}
# The page's language store always holds one of the languages (the layout sets it).
_LANG_STORE = (str(Ids.LANG_STORE), "data")
# The stores that hold a link (each view's query store, the county level's): always a query
# string, as the gates in assets/dashboard.js and the views' own writes put it there.
_LINK_STORES = frozenset({*((view.query_id, "data") for view in VIEWS), (str(CountyIds.QUERY), "data")})


def _value_type_ok(entry: dict, declared_id: str) -> bool:
    value = entry.get("value")
    if (declared_id, entry["property"]) == _LANG_STORE:
        return value in LANGS
    if (declared_id, entry["property"]) in _LINK_STORES:
        return value is None or isinstance(value, str)
    if value is None:
        return True
    wanted = _PROPERTY_TYPES.get(entry["property"])
    if wanted is None:
        return True
    if isinstance(value, bool) and bool not in wanted:  # a click count is never True
        return False
    if isinstance(value, list) and list in wanted:  # multi-select values: a list of scalars
        return entry["property"] != "value" or all(isinstance(x, (str, int, float)) for x in value)
    return isinstance(value, wanted)


def _valid_dependency(item: object, declared: dict) -> bool:
    """One input/state entry as the renderer sends it for its declared dependency: {id, property,
    value?} with the declared id and property, or for a pattern-matching id a list of them
    (ALL, ALLSMALLER) or one (MATCH) whose ids are objects."""
    declared_id, prop = str(declared["id"]), declared["property"]
    if declared_id.startswith("{"):
        entries = item if isinstance(item, list) else [item]
        return all(isinstance(x, dict) and isinstance(x.get("id"), dict) and x.get("property") == prop
                   and _value_type_ok(x, declared_id) for x in entries)
    return (isinstance(item, dict) and item.get("id") == declared_id and item.get("property") == prop
            and _value_type_ok(item, declared_id))


def _outputs_match(sent: object, declared) -> bool:
    """The request's outputs are the callback's, in order (Dash's own check, which raises)."""
    if not isinstance(sent, (dict, list)):
        return False
    try:
        validate_output_spec(declared, sent, dash.Output)
    except (dash.exceptions.CallbackException, KeyError, TypeError, AttributeError):
        return False
    return True


def valid_callback_body(body: object, callback_map: dict) -> bool:
    """A /_dash-update-component request as the renderer sends it: a server-side callback that
    exists, its outputs, and exactly its declared inputs and states, each of a plausible type."""
    if not isinstance(body, dict):
        return False
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return False
    entry = callback_map[output]
    if "callback" not in entry:  # a clientside callback: the browser runs it, never posts it
        return False
    if not entry.get("no_output") and not _outputs_match(body.get("outputs"), entry["output"]):
        return False
    if not isinstance(body.get("changedPropIds", []), list):
        return False
    for key in ("inputs", "state"):
        entries, declared = body.get(key, []), entry.get(key, [])
        if not isinstance(entries, list) or len(entries) != len(declared):
            return False
        if not all(_valid_dependency(sent, want) for sent, want in zip(entries, declared)):
            return False
    return True


def install_http_hooks(app: dash.Dash, extra_routes: tuple[str, ...] = (), extra_prefixes: tuple[str, ...] = ()) -> None:
    """``extra_routes``: exact paths of the app's own routes; ``extra_prefixes``: path prefixes of
    routes that check their own part of the path (`/brief/county/<code>.pdf` answers a clean 404
    for a code it does not know, so the thousands of county paths need not be listed)."""
    server = app.server
    prefix = app.config.routes_pathname_prefix or "/"
    exact = {prefix, f"{prefix}_favicon.ico", f"{prefix}_dash-layout", f"{prefix}_dash-dependencies",
             f"{prefix}{_UPDATE}", *extra_routes}
    prefixes = (f"{prefix}assets/", f"{prefix}{_SUITES}", *extra_prefixes)
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
        rule = request.url_rule
        if rule is not None and rule.rule == f"{prefix}<path:path>":
            # Dash's multi-page catch-all: a GET of the callback route, or a folder of assets or
            # component suites, would get the page (200). No file: 404; the callback route: 405.
            abort(405 if path in exact else 404)
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

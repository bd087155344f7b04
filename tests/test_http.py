"""HTTP hardening: policy headers, only real routes, malformed requests as 400, no versions."""
from __future__ import annotations

import json
import threading
import urllib.request

import pytest
from werkzeug.serving import make_server

from dashboard.http import QuietRequestHandler, valid_callback_body


def test_page_carries_a_content_security_policy_with_dash_script_hashes(dash_app):
    client = dash_app.server.test_client()
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    for digest in dash_app.csp_hashes():
        assert digest in script_src
    assert response.headers["X-Frame-Options"] == "DENY"


def test_every_inline_script_of_the_page_is_allowed_by_a_hash(dash_app):
    import base64
    import hashlib
    import re

    client = dash_app.server.test_client()
    # Scripts inside comments (Dash's <!--[if IE]> warning) never run in a current browser.
    page = re.sub(r"<!--.*?-->", "", client.get("/").get_data(as_text=True), flags=re.S)
    policy = client.get("/").headers["Content-Security-Policy"]
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", page, flags=re.S)
    executable = [body for attrs, body in inline if "application/json" not in attrs]
    assert executable  # Dash starts its renderer from an inline script
    for body in executable:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy, body[:80]


@pytest.mark.parametrize("path", ["/nope", "/admin", "/.env", "/static/x.css", "/view/map", "/assets/",
                                  "/_dash-component-suites/", "/_dash-component-suites/dash"])
def test_unknown_paths_answer_404(dash_app, path):
    assert dash_app.server.test_client().get(path).status_code == 404


def test_the_callback_route_answers_only_posts(dash_app):
    """A GET of /_dash-update-component reached Dash's catch-all and got the page (200)."""
    response = dash_app.server.test_client().get("/_dash-update-component")
    assert response.status_code == 405 and b"_dash-renderer" not in response.data


def test_reload_hash_is_hidden_with_debug_off(dash_app):
    response = dash_app.server.test_client().get("/_reload-hash")
    assert response.status_code == 404 and b"packages" not in response.data


@pytest.mark.parametrize("path", ["/_dash-component-suites/zzz/x.js", "/_dash-component-suites/dash/nothere.js",
                                  "/_dash-component-suites/dash/..%2F..%2Fapp.py"])
def test_bad_component_suite_paths_answer_400(dash_app, path):
    assert dash_app.server.test_client().get(path).status_code == 400


@pytest.mark.parametrize("body", [b"{", b"[]", b"null", b'{"output": "x"}', b'{"output": "nope.children", "outputs": {}}',
                                  b'"text"'])
def test_malformed_callback_bodies_answer_400(dash_app, body):
    response = dash_app.server.test_client().post("/_dash-update-component", data=body,
                                                  content_type="application/json")
    assert response.status_code == 400


def test_a_real_callback_request_still_answers(dash_app):
    client = dash_app.server.test_client()
    client.get("/")
    body = {"output": "map-table.children", "outputs": {"id": "map-table", "property": "children"},
            "inputs": [{"id": "map-table-gate", "property": "data", "value": {"search": "?view=map", "clicks": 0}},
                       {"id": "user-data", "property": "data", "value": None}],
            "state": [{"id": "lang-store", "property": "data", "value": "en"}],
            "changedPropIds": ["map-table-gate.data"]}
    assert client.post("/_dash-update-component", json=body).status_code in (200, 204)  # closed: no update
    body["inputs"][0]["value"] = {"search": "?view=map", "clicks": 1}  # the browser-side gate, opened
    opened = client.post("/_dash-update-component", json=body)
    assert opened.status_code == 200 and "Yunnan" in opened.get_data(as_text=True)
    assert not valid_callback_body({**body, "inputs": [{"id": "x"}]}, dash_app.callback_map)
    assert not valid_callback_body({**body, "inputs": "x"}, dash_app.callback_map)
    assert client.get("/_dash-layout").status_code == 200 and client.get("/_dash-dependencies").status_code == 200


def test_development_server_sends_no_versions(dash_app):
    server = make_server("127.0.0.1", 0, dash_app.server, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/_favicon.ico", timeout=30) as response:
            header = response.headers["Server"]
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert header == "xiaokang"
    assert "Werkzeug" not in header and "Python" not in header


def _dependencies(client) -> list[dict]:
    client.get("/")
    return client.get("/_dash-dependencies").json


def _entry(dependency: dict, value) -> dict | list:
    """One input/state as the renderer sends it; pattern-matching (ALL) ones as a list of one."""
    if dependency["id"].startswith("{"):
        concrete = {k: ("x" if isinstance(v, list) else v) for k, v in json.loads(dependency["id"]).items()}
        return [{"id": concrete, "property": dependency["property"], "value": value}]
    if (dependency["id"], dependency["property"]) == ("lang-store", "data"):
        value = "en"  # the layout always sets it; a forged language is checked on its own
    return {"id": dependency["id"], "property": dependency["property"], "value": value}


def _outputs(output: str) -> dict | list:
    def spec(part: str):
        component, prop = part.rsplit(".", 1)
        return [] if component.startswith("{") else {"id": component, "property": prop}
    return [spec(part) for part in output[2:-2].split("...")] if output.startswith("..") else spec(output)


def _body(dependency: dict, inputs=None, state=None) -> dict:
    return {"output": dependency["output"], "outputs": _outputs(dependency["output"]),
            "inputs": [_entry(d, inputs) for d in dependency["inputs"]],
            "state": [_entry(d, state) for d in dependency["state"]],
            "changedPropIds": [f"{dependency['inputs'][0]['id']}.{dependency['inputs'][0]['property']}"]}


def test_bodies_that_do_not_match_their_callback_answer_400(dash_app):
    """Issue 8 item 7: a known callback with other inputs, states or outputs than it declares, or a
    clientside one posted to the server, was a 500 from inside Dash (IndexError, KeyError…)."""
    client = dash_app.server.test_client()
    for dependency in _dependencies(client):
        body = _body(dependency)
        forged = [{**body, "inputs": body["inputs"][:-1]},
                  {**body, "state": [*body["state"], {"id": "x", "property": "y", "value": 1}]},
                  {**body, "inputs": [{"id": "x", "property": "value"} for _ in body["inputs"]]},
                  {**body, "outputs": {"id": "not-an-output", "property": "children"}}]
        for bad in forged:
            response = client.post("/_dash-update-component", json=bad)
            assert response.status_code == 400, (dependency["output"][:80], bad)


def test_clientside_callbacks_posted_to_the_server_answer_400(dash_app):
    client = dash_app.server.test_client()
    clientside = [d for d in _dependencies(client) if d.get("clientside_function")]
    assert clientside
    for dependency in clientside:
        assert client.post("/_dash-update-component", json=_body(dependency)).status_code == 400


@pytest.mark.parametrize("junk", [{"a": [1]}, [[1]], 7, "<x>"], ids=["object", "nested-list", "number", "text"])
def test_forged_values_never_answer_500(dash_app, junk):
    """Every server-side callback, each input or each state forged: a 400 for a value of the wrong
    type, or an answer from a callback that reads it as nothing; never a 500."""
    client = dash_app.server.test_client()
    failures = []
    for dependency in _dependencies(client):
        if dependency.get("clientside_function"):
            continue
        for body in (_body(dependency, inputs=junk), _body(dependency, state=junk)):
            status = client.post("/_dash-update-component", json=body).status_code
            if status >= 500:
                failures.append(dependency["output"][:80])
    assert not failures


@pytest.mark.parametrize("lang", ["<x>", None, ["en"]])
def test_a_forged_language_answers_400(dash_app, lang):
    client = dash_app.server.test_client()
    body = {"output": "map-table.children", "outputs": {"id": "map-table", "property": "children"},
            "inputs": [{"id": "map-table-gate", "property": "data", "value": {"search": "?view=map", "clicks": 1}},
                       {"id": "user-data", "property": "data", "value": None}],
            "state": [{"id": "lang-store", "property": "data", "value": lang}],
            "changedPropIds": ["map-table-gate.data"]}
    client.get("/")
    assert client.post("/_dash-update-component", json=body).status_code == 400


@pytest.mark.parametrize("link", [{"search": "?view=map"}, ["?view=map"], 3])
def test_a_view_s_query_store_takes_only_a_link(dash_app, link):
    """The query stores hold the link the gates copy (a string): anything else is a forged request."""
    client = dash_app.server.test_client()
    sync = next(d for d in _dependencies(client) if d["output"].startswith("..map-url.search...map-query.data"))
    good = {**_body(sync), "changedPropIds": ["map-query.data"]}
    good["inputs"] = [{**entry, "value": "?view=map&ind=gdp_pc"} if entry["id"] == "map-query" else entry
                      for entry in good["inputs"]]
    assert client.post("/_dash-update-component", json=good).status_code == 200
    forged = {**good, "inputs": [{**entry, "value": link} if entry["id"] == "map-query" else entry
                                 for entry in good["inputs"]]}
    assert client.post("/_dash-update-component", json=forged).status_code == 400

"""HTTP hardening: policy headers, only real routes, malformed requests as 400, no versions."""
from __future__ import annotations

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


@pytest.mark.parametrize("path", ["/nope", "/admin", "/.env", "/static/x.css", "/view/map"])
def test_unknown_paths_answer_404(dash_app, path):
    assert dash_app.server.test_client().get(path).status_code == 404


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

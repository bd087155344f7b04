"""No loop may run across two or more callbacks: Dash's renderer then stalls the initial calls
of every view (a loop inside ONE callback is allowed and is how URL <-> controls are synced)."""
from __future__ import annotations

import json
import re


def _outputs(spec: str) -> set[str]:
    """'..url.search@1a2b...year.value..' -> {'url.search', 'year.value'} (duplicate marks dropped)."""
    text = spec[2:-2] if spec.startswith("..") else spec
    return {re.sub(r"@[0-9a-f]+$", "", part) for part in text.split("...") if part}


def _inputs(specs: list[dict]) -> set[str]:
    return {f"{s['id'] if isinstance(s['id'], str) else json.dumps(s['id'], sort_keys=True)}.{s['property']}"
            for s in specs}


def find_cycle(callbacks: list[dict]) -> list[int]:
    """Callbacks on a loop of properties that passes through two or more callbacks, or [].

    Dash's renderer builds a graph of properties (input -> output of each callback) and accepts a
    loop only when one callback closes it (URL <-> controls in one callback). A callback writing
    the very property it reads (allow_duplicate on the URL) is no edge at all."""
    edges: dict[str, list[tuple[str, int]]] = {}
    for index, callback in enumerate(callbacks):
        for source in _inputs(callback["inputs"]):
            for target in _outputs(callback["output"]):
                if source != target:
                    edges.setdefault(source, []).append((target, index))
    def walk(node: str, source: str, first: int, mixed: bool, on_path: set[str], path: list[int]) -> list[int]:
        for target, index in edges.get(node, []):
            now_mixed = mixed or index != first
            if target == source:  # a simple loop closes here; only one through two callbacks is refused
                if now_mixed:
                    return list(dict.fromkeys(path + [index]))
                continue
            if target not in on_path:
                found = walk(target, source, first, now_mixed, on_path | {target}, path + [index])
                if found:
                    return found
        return []

    for source, outgoing in edges.items():
        for first_target, first in outgoing:
            if first_target != source:
                found = walk(first_target, source, first, False, {source, first_target}, [first])
                if found:
                    return found
    return []


def test_the_detector_finds_a_url_control_loop_across_two_callbacks():
    url_to_value = {"output": "datasrc-pilots.value", "inputs": [{"id": "url", "property": "search"}]}
    value_to_url = {"output": "url.search@9f3c", "inputs": [{"id": "datasrc-pilots", "property": "value"}]}
    both_ways = {"output": "..url.search@77aa...datasrc-pilots.value..",
                 "inputs": [{"id": "url", "property": "search"}, {"id": "datasrc-pilots", "property": "value"}]}
    url_both_ways_elsewhere = {"output": "..url.search@1b2c...disparity-indicator.value..",
                               "inputs": [{"id": "url", "property": "search"},
                                          {"id": "disparity-indicator", "property": "value"}]}
    assert find_cycle([url_to_value, value_to_url]) == [0, 1]
    assert find_cycle([both_ways]) == []
    assert find_cycle([both_ways, url_both_ways_elsewhere]) == []


def test_the_app_has_no_loop_across_callbacks(dash_app):
    dash_app.server.test_client().get("/")  # Dash collects the callbacks on the first request
    callbacks = dash_app._callback_list
    cycle = find_cycle(callbacks)
    assert cycle == [], "callback loop: " + " -> ".join(callbacks[i]["output"][:80] for i in cycle)


def test_only_browser_gates_listen_to_the_url_search(dash_app):
    """A server callback with the URL's query as input is woken by every click in every view
    (one request each); the link reaches views through their gated query stores instead."""
    dash_app.server.test_client().get("/")
    listeners = [callback["output"] for callback in dash_app._callback_list
                 if "url.search" in _inputs(callback["inputs"]) and not callback.get("clientside_function")]
    assert listeners == []

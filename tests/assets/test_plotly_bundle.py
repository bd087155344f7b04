"""The partial plotly.js bundle in assets/ draws every trace type the dashboard emits, and is the
plotly.js version plotly.py was built against (vendor/plotly/PROVENANCE.md)."""
from __future__ import annotations

import ast
import hashlib
import json
import re
from pathlib import Path

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "assets" / "00-plotly-xk.min.js"
MANIFEST = json.loads((REPO / "vendor" / "plotly" / "manifest.json").read_text(encoding="utf-8"))
# Figures are built by the pure builders and by the exports (slides, images): scan the whole package.
FIGURE_CODE = [REPO / "dashboard"]
TRACE_CLASSES = {name: getattr(go, name) for name in dir(go)
                 if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)}


def _graph_objects_names(tree: ast.Module) -> tuple[set[str], dict[str, str]]:
    """The names a module gives plotly.graph_objects (`go`), and trace classes imported by name."""
    modules, classes = set(), {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "plotly.graph_objects"}
        elif isinstance(node, ast.ImportFrom) and node.module == "plotly":
            modules |= {a.asname or a.name for a in node.names if a.name == "graph_objects"}
        elif isinstance(node, ast.ImportFrom) and node.module == "plotly.graph_objects":
            classes |= {a.asname or a.name: a.name for a in node.names if a.name in TRACE_CLASSES}
    return modules, classes


def emitted_trace_types() -> dict[str, set[str]]:
    """Trace type -> the modules that construct it (`go.Bar(...)` and the like)."""
    found: dict[str, set[str]] = {}
    for folder in FIGURE_CODE:
        for path in folder.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            modules, classes = _graph_objects_names(tree)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                func, name = node.func, None
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules:
                    name = func.attr if func.attr in TRACE_CLASSES else None
                elif isinstance(func, ast.Name):
                    name = classes.get(func.id)
                if name:
                    found.setdefault(TRACE_CLASSES[name]().type, set()).add(str(path.relative_to(REPO)))
    return found


def test_the_scan_finds_the_trace_types_we_know_we_draw():
    # Guards the scan itself: the map, trend, ranking and inset figures.
    assert {"choropleth", "scatter", "bar", "scattergeo"} <= set(emitted_trace_types())


def test_every_emitted_trace_type_is_in_the_bundle():
    missing = {t: sorted(where) for t, where in emitted_trace_types().items() if t not in MANIFEST["traces"]}
    assert not missing, f"add these to vendor/plotly/entry.js and run vendor/plotly/build.sh: {missing}"


def test_no_figure_comes_from_plotly_express_or_a_trace_dict():
    # Those emit trace types the AST scan above cannot see.
    for folder in FIGURE_CODE:
        for path in folder.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "plotly.express" not in text, path
            assert not re.search(r"add_trace\(\s*(dict\(|\{)", text), path


def test_the_manifest_says_what_the_bundle_registers():
    text = BUNDLE.read_text(encoding="utf-8")
    registered = sorted(set(re.findall(r'moduleType:"trace",name:"([a-z0-9]+)"', text)))
    assert registered == MANIFEST["traces"]
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == MANIFEST["sha256"]


def test_the_bundle_is_plotly_py_s_plotly_js_version():
    text = BUNDLE.read_text(encoding="utf-8")
    assert MANIFEST["plotly_js_version"] == get_plotlyjs_version()
    assert re.findall(r'\.version="([0-9.]+)"', text) == [get_plotlyjs_version()]
    assert text.startswith(f"/* plotly.js v{get_plotlyjs_version()}, partial bundle")


def test_the_bundle_runs_before_every_other_script_in_assets():
    # plotly-locale-zh-cn.js registers on window.Plotly, and graphs render only once it exists.
    scripts = sorted(p.name for p in (REPO / "assets").glob("*.js"))
    assert scripts[0] == BUNDLE.name

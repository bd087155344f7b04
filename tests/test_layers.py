"""One import direction: data -> analysis -> figures -> components -> callbacks (CONTRIBUTING.md).

Imports are read with ast from the source (module level and inside functions alike: a lazy
import is still a dependency), so the test needs no import of the app.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dashboard"

# A module may import from its own rank or a lower one. The five layers of CONTRIBUTING.md, and
# where the other packages sit among them: i18n, config and the view registry (which names
# layouts and callbacks by dotted path, never importing them) are below everything; the URL
# state, the drill-down state and the boundary build need only data, as does the workspace store;
# exports build from figures and must work without
# Dash (the deck CLI); the CLI, the HTTP layer, the cache headers and the Dash subclass are entry points.
RANK: dict[str, int] = {
    "config": 0, "i18n": 0, "views": 0,
    "data": 1, "geo": 1, "workspace": 1,
    "analysis": 2, "state": 2, "drill": 2,
    "figures": 3, "export": 3,
    "components": 4,
    "callbacks": 5,
    "cli": 6, "http": 6, "caching": 6, "dash_app": 6, "http_counties": 6, "http_brief": 6, "__main__": 6, "__init__": 6,
}
# Layers that must not import Dash or Flask: they run in exports, the CLI and tests as plain Python.
NO_DASH = {"config", "i18n", "views", "data", "geo", "workspace", "analysis", "state", "drill", "figures", "export"}
DASH_PACKAGES = {"dash", "flask", "dash_bootstrap_components", "dash_ag_grid"}

# Upward imports that exist today (importer module, imported module). Moving them down means
# moving code other branches are editing, so they are listed here and the test fails both on a
# new one and on one that is gone (delete its line).
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset({
    # The export of the gaps / attainment views reuses their callbacks' and layouts' helpers;
    # these belong in analysis/figures (as_of_year, item_info, progress_rows, gap_panel,
    # framework_years, FRAMEWORKS).
    ("dashboard.export.view_slides", "dashboard.callbacks.gaps_view"),
    ("dashboard.export.view_slides", "dashboard.components.gaps_view"),
    ("dashboard.export.view_slides", "dashboard.callbacks.attainment_view"),
    ("dashboard.export.view_slides", "dashboard.components.attainment_view"),
    # registration_problems checks new view ids against Ids (a test helper inside the registry).
    ("dashboard.views", "dashboard.components.ids"),
})


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(source: str, package: str) -> set[str]:
    """Absolute module names imported anywhere in `source`, a module of `package` (relative
    imports resolved against it)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return found


def _imports(path: Path) -> set[str]:
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return imports_of(path.read_text(encoding="utf-8"), package)


def _dependencies() -> list[tuple[str, str]]:
    pairs = []
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = _module_name(path)
        pairs.extend((importer, imported) for imported in sorted(_imports(path)))
    return pairs


def upward_imports(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """(importer, imported) where a module imports from a higher layer than its own."""
    return {
        (importer, imported) for importer, imported in pairs
        if imported.startswith("dashboard.") and RANK[_layer(imported)] > RANK[_layer(importer)]
    }


def test_every_package_has_a_place_in_the_layers() -> None:
    packages = {_layer(_module_name(path)) for path in PACKAGE.rglob("*.py")}
    assert packages - RANK.keys() == set(), "add the new package to RANK in tests/test_layers.py"


def test_imports_go_one_way_only() -> None:
    upward = upward_imports(_dependencies())
    assert upward - KNOWN_UPWARD == set(), "an import against the layer order (CONTRIBUTING.md, Layers)"
    assert KNOWN_UPWARD - upward == set(), "fixed: delete it from KNOWN_UPWARD"


def test_pure_layers_do_not_import_dash() -> None:
    offending = {
        (importer, imported) for importer, imported in _dependencies()
        if _layer(importer) in NO_DASH and imported.split(".")[0] in DASH_PACKAGES
    }
    assert offending == set()


@pytest.mark.parametrize(("importer", "imported", "upward"), [
    ("dashboard.figures.trend", "dashboard.analysis.progress", False),
    ("dashboard.figures.trend", "dashboard.figures.theme", False),
    ("dashboard.analysis.report", "dashboard.figures.labels", True),
    ("dashboard.data.build", "dashboard.callbacks.resources", True),
    ("dashboard.callbacks.map_view", "pandas", False),
])
def test_the_check_sees_an_upward_import(importer: str, imported: str, upward: bool) -> None:
    assert bool(upward_imports([(importer, imported)])) is upward


def test_relative_and_lazy_imports_are_seen() -> None:
    # The codebase uses absolute imports; a relative or function-level one must not slip past.
    source = "from ..callbacks import resources\nfrom . import theme\n\ndef f():\n    import dashboard.components.ids\n"
    assert imports_of(source, "dashboard.figures") == {
        "dashboard.callbacks", "dashboard.figures", "dashboard.components.ids"}

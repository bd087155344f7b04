"""The view registry: one `ViewSpec` per view, in navigation order. Everything that lists the
views is derived from `VIEWS`: the navigation, the view containers and their ids, the `view=`
values the URL accepts, which callback modules are imported, the catalogue check.

Layouts and callback modules are named by dotted path, not imported here: the registry sits
below components and callbacks (ids.py and state.py derive from it), so importing them here
would be circular. `tests/test_views.py` resolves every name and fails on a view registered
incompletely. Adding a view: CONTRIBUTING.md, "Adding a view".
"""
from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ViewSpec:
    id: str                                # the `view=` value in the URL
    nav_label_key: str                     # catalogue key of the navigation button
    layout: str                            # "module:function"; see `build`
    callbacks: str                         # module registering the view's callbacks (dash.callback)
    catalogue: str                         # its catalogue namespace (dashboard/i18n/catalogues/<ns>.*.json)
    params: tuple[str, ...] = ()           # URL parameters the view owns (ViewState.extras or its fields)
    export: str | None = None              # "module:function" rendering a view state for export, if any
    layout_takes_state: bool = False       # layout(resources, lang, state) instead of layout(dataset, lang)
    link_hash: bool = False                # the view's state includes the URL's #fragment (its query store holds both)

    @property
    def container_id(self) -> str:
        """The <section> the view is drawn in (empty until the view is first visited)."""
        return f"view-{self.id}"

    @property
    def url_id(self) -> str:
        """The view's own dcc.Location, inside its container. A callback that writes the URL and
        also outputs into the view listens to this one, not to Ids.URL: while the view is not
        built its callbacks then have no input at all, and Dash does not call them."""
        return f"{self.id}-url"

    @property
    def query_id(self) -> str:
        """The view's query store, inside its container: the link as this view last took it. A gate
        in the browser (assets/dashboard.js, xk.viewGate) copies the URL into it only while the
        view is the one shown, so a hidden view's callbacks cost no request on a click elsewhere.
        The view's callbacks take it as their input and write it with their own URL write."""
        return f"{self.id}-query"

    def layout_function(self) -> Callable[..., Any]:
        return _resolve(self.layout)

    def export_function(self) -> Callable[..., Any] | None:
        return _resolve(self.export) if self.export else None

    def build(self, res: Any, lang: str, state: Any) -> Any:
        """The view's layout for one language (res: dashboard.callbacks.resources.Resources)."""
        layout = self.layout_function()
        return layout(res, lang, state) if self.layout_takes_state else layout(res.dataset, lang)

    def import_callbacks(self) -> None:
        importlib.import_module(self.callbacks)


def _resolve(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("map", "ui.nav.map", "dashboard.components.map_view:map_page", "dashboard.callbacks.map_view",
             "ui", params=("ind", "year", "area", "drill", "cind", "cyear"), export="dashboard.export.view_slides:map_slide",
             layout_takes_state=True),
    ViewSpec("gaps", "ui.nav.gaps", "dashboard.components.gaps_view:gaps_view", "dashboard.callbacks.gaps_view",
             "gaps", params=("fw",), export="dashboard.export.view_slides:gaps_slide"),
    ViewSpec("attainment", "ui.nav.attainment", "dashboard.components.attainment_view:attainment_view",
             "dashboard.callbacks.attainment_view", "attainment", params=("fw", "dom", "am", "wi"), link_hash=True,
             export="dashboard.export.view_slides:attainment_slide"),
    ViewSpec("disparity", "ui.nav.disparity", "dashboard.components.disparity_view:disparity_view",
             "dashboard.callbacks.disparity_view", "disparity", export="dashboard.export.view_slides:disparity_slide"),
    ViewSpec("data", "ui.nav.data", "dashboard.components.data_view:data_view", "dashboard.callbacks.data_view",
             "datasrc", params=("pilots",), export="dashboard.export.view_slides:data_slide"),
    ViewSpec("present", "ui.nav.present", "dashboard.components.present_view:present_view",
             "dashboard.callbacks.present_view", "present", params=("slide",)),
    ViewSpec("workspace", "ui.nav.workspace", "dashboard.components.workspace_view:workspace_view",
             "dashboard.callbacks.workspace_view", "workspace"),
)
VIEW_IDS: tuple[str, ...] = tuple(view.id for view in VIEWS)
DEFAULT_VIEW = VIEWS[0].id
BY_ID: dict[str, ViewSpec] = {view.id: view for view in VIEWS}


def view_spec(view_id: str) -> ViewSpec:
    return BY_ID[view_id]


def registration_problems(views: tuple[ViewSpec, ...] = VIEWS) -> list[str]:
    """What is missing for each view to work: [] when every view is registered completely.
    tests/test_views.py runs it on VIEWS (and on broken registrations, to see that it notices)."""
    from dashboard.components.ids import Ids
    from dashboard.i18n import NAMESPACES, catalogue, has_key

    problems: list[str] = []
    seen: dict[str, str] = {str(value): f"Ids.{name}" for name, value in Ids.__members__.items()}
    for view in views:
        if not view.id.isidentifier():
            problems.append(f"{view.id!r}: the view id must be a plain name (it goes into ids and the URL)")
        for component_id in (view.container_id, view.url_id, view.query_id):
            if component_id in seen:
                problems.append(f"{view.id}: component id {component_id!r} is already taken by {seen[component_id]}")
            seen[component_id] = view.id
        if view.catalogue not in NAMESPACES:
            problems.append(f"{view.id}: catalogue namespace {view.catalogue!r} is not registered in dashboard/i18n")
        else:
            for lang in ("zh", "en"):
                if not catalogue(view.catalogue, lang):
                    problems.append(f"{view.id}: catalogue {view.catalogue}.{lang}.json has no keys")
        for lang in ("zh", "en"):
            if "." not in view.nav_label_key or not has_key(view.nav_label_key, lang):
                problems.append(f"{view.id}: navigation label {view.nav_label_key!r} missing in {lang}")
        for field, target in (("layout", view.layout), ("export", view.export)):
            if target is None:
                continue
            try:
                function = _resolve(target)
            except (ImportError, AttributeError, ValueError) as error:
                problems.append(f"{view.id}: {field} {target!r} cannot be found ({error})")
                continue
            if not callable(function):
                problems.append(f"{view.id}: {field} {target!r} is not callable")
        try:
            found = importlib.util.find_spec(view.callbacks) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            problems.append(f"{view.id}: callbacks module {view.callbacks!r} does not exist")
    return problems

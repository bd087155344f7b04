"""The view state, read from and written to the URL query: the one source of truth for a view.

`?lang=zh&view=map&ind=gdp_pc&year=2010&area=530000&fw=nbs2008`; `system=<name>@<version>` pins a
provincial indicator system of the open workspace (the gaps view then uses it as its framework). An unknown value never raises:
it falls back to the default and yields a notice naming the parameter and the value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from dashboard.data.dataset import Dataset
from dashboard.views import VIEW_IDS

VIEWS = VIEW_IDS  # the registry (dashboard/views.py) decides which `view=` values exist
KNOWN_PARAMS = ("lang", "view", "ind", "year", "area", "fw", "pilots", "system")
MAX_SYSTEM_NAME = 200                  # a workspace document's name (dashboard.workspace.store.MAX_NAME_CHARS)
_EXTRA_NAME = re.compile(r"[a-z][a-z0-9_]{0,19}")
MAX_EXTRA_VALUE = 500
LANGS = ("zh", "en")
DEFAULT_INDICATOR = "gdp_pc"
MAX_QUERY_LENGTH = 2000
# ASCII only: str.isdigit() also accepts '²' and '①', which int() then refuses (a blank page).
_ASCII_INT = re.compile(r"[0-9]{1,9}")
_FRAMEWORK_ID = re.compile(r"[A-Za-z0-9_]{1,20}")


def ascii_int(text: str | None) -> int | None:
    """'2010' -> 2010; anything but 1-9 ASCII digits (e.g. '²', '①', '-1', '') -> None."""
    return int(text) if text is not None and _ASCII_INT.fullmatch(text) else None

# Views whose year is an as-of year over many indicators (not the selected indicator's year):
# any year within the data's span is accepted; the view says when its own items lack data.
AS_OF_VIEWS = ("gaps",)


@dataclass(frozen=True)
class Notice:
    """Something in the link was not understood: which parameter, what value, what we did."""

    param: str
    value: str
    fallback: str


@dataclass(frozen=True)
class ViewState:
    lang: str | None = None            # None: not in the link; the browser's language decides
    view: str = "map"
    indicator_id: str = DEFAULT_INDICATOR
    year: int | None = None            # None: the latest year with data
    area_code: str | None = None       # None: nothing selected
    framework_id: str = "nbs2008"
    framework_set: bool = False        # `fw` is in the link (even the default): trend charts draw its targets
    pilots: tuple[str, ...] | None = None  # None: the bundled programme roles
    # A provincial indicator system of the open workspace, pinned as (document name, version).
    system: tuple[str, int] | None = None
    # Parameters a single view owns (e.g. the presenter's `slide`, the what-if `wi`): kept as
    # they came, in order, so a view change elsewhere never drops them; each view validates its own.
    extras: tuple[tuple[str, str], ...] = ()

    def with_(self, **changes) -> ViewState:
        return replace(self, **changes)


def default_indicator(dataset: Dataset) -> str:
    if dataset.has_indicator(DEFAULT_INDICATOR):
        return DEFAULT_INDICATOR
    return str(dataset.indicators["indicator_id"].iloc[0])


def parse_query(search: str | None, dataset: Dataset) -> tuple[ViewState, list[Notice]]:
    """Read a query string; every value is checked against the dataset, never trusted."""
    notices: list[Notice] = []
    text = (search or "").lstrip("?")
    if len(text) > MAX_QUERY_LENGTH:
        notices.append(Notice("query", text[:40] + "…", "default view"))
        text = ""
    params = {k: v[-1].strip() for k, v in parse_qs(text, keep_blank_values=True).items() if v}
    state = ViewState(indicator_id=default_indicator(dataset))

    lang = params.get("lang")
    if lang is not None:
        if lang in LANGS:
            state = state.with_(lang=lang)
        else:
            notices.append(Notice("lang", lang, "zh"))

    view = params.get("view")
    if view is not None:
        if view in VIEWS:
            state = state.with_(view=view)
        else:
            notices.append(Notice("view", view, state.view))

    ind = params.get("ind")
    if ind is not None:
        if dataset.has_indicator(ind):
            state = state.with_(indicator_id=ind)
        else:
            notices.append(Notice("ind", ind, state.indicator_id))

    years = dataset.years(state.indicator_id)
    if state.view in AS_OF_VIEWS:
        span = dataset.observations["year"].dropna()
        years = list(range(int(span.min()), int(span.max()) + 1)) if len(span) else []
    year = params.get("year")
    if year is not None:
        if ascii_int(year) in years:
            state = state.with_(year=ascii_int(year))
        else:
            # The year the views then show: the map, trend and disparity views open on the last
            # year a province has a value (resolved_year), not a later national-only year.
            shown = years[-1] if years else None
            if state.view not in AS_OF_VIEWS and years:
                shown = dataset.latest_provincial_year(state.indicator_id) or shown
            notices.append(Notice("year", year, "—" if shown is None else str(shown)))

    # `drill` (the map view's county map of one province) is checked here because it decides
    # whether a county may be the selected area.
    drill = params.get("drill")
    if drill is not None and not is_drillable(drill, dataset):
        notices.append(Notice("drill", drill[:40], "—"))
        params.pop("drill")
        drill = None

    area = params.get("area")
    if area is not None and area != "":
        code = dataset.matcher.code_for(area) if len(area) <= 40 else None
        if code is not None and code in dataset.province_codes(mainland_only=False):
            state = state.with_(area_code=code)
        elif code is not None and drill is not None and dataset.province_of(code) == drill:
            # A county of the drilled province: the map view selects it; the province-level
            # views show its province.
            state = state.with_(area_code=code if state.view == "map" else drill)
        else:
            notices.append(Notice("area", area, "—"))

    fw = params.get("fw")
    if fw is not None:
        if _FRAMEWORK_ID.fullmatch(fw):
            state = state.with_(framework_id=fw, framework_set=True)
        else:
            notices.append(Notice("fw", fw, state.framework_id))

    pilots = params.get("pilots")
    if pilots is not None:
        provinces = set(dataset.province_codes())
        codes = [c for c in pilots.split(",") if c]
        unknown = [c for c in codes if c not in provinces]
        known = tuple(dict.fromkeys(c for c in codes if c in provinces))
        if unknown:
            # Nothing usable: keep the bundled pilots (and drop the parameter from the link)
            # rather than an empty list that would hide Yunnan's outline.
            notices.append(Notice("pilots", ",".join(unknown)[:40], ",".join(known) if known else "—"))
        if known or not unknown:  # `pilots=` alone is a deliberate "no pilots"
            state = state.with_(pilots=known)

    system = params.get("system")
    if system is not None and system != "":
        pin = system_pin(system)
        if pin is None:
            notices.append(Notice("system", system[:40], "—"))
        else:
            state = state.with_(system=pin)

    extras = tuple((name, value) for name, value in params.items()
                   if name not in KNOWN_PARAMS and _EXTRA_NAME.fullmatch(name) and len(value) <= MAX_EXTRA_VALUE)
    return state.with_(extras=extras), notices


def system_pin(text: str) -> tuple[str, int] | None:
    """'云南体系@3' -> ('云南体系', 3); None unless a name of 1-200 printable characters, '@' and a
    version of ASCII digits from 1 (a name may itself contain '@': the last one separates)."""
    name, at, version = text.rpartition("@")
    name = name.strip()
    number = ascii_int(version)
    if not at or not name or len(name) > MAX_SYSTEM_NAME or not name.isprintable() or not number:
        return None
    return name, number


def is_drillable(code: str, dataset: Dataset) -> bool:
    """A province-level code whose county-level units are in the areas table."""
    return code in dataset.province_codes(mainland_only=False) and bool(dataset.sub_areas(code))


def resolved_year(state: ViewState, dataset: Dataset) -> int | None:
    """The link's year if the indicator has it; otherwise the last year a province has a value
    (the map is the first thing seen), or the last year at all for a national-only series."""
    years = dataset.years(state.indicator_id)
    if state.year is not None and state.year in years:
        return state.year
    if not years:
        return None
    return dataset.latest_provincial_year(state.indicator_id) or years[-1]


def to_query(state: ViewState) -> str:
    """The query string for a state; only what differs from 'nothing chosen' is written."""
    params: dict[str, str] = {}
    if state.lang:
        params["lang"] = state.lang
    params["view"] = state.view
    params["ind"] = state.indicator_id
    if state.year is not None:
        params["year"] = str(state.year)
    if state.area_code:
        params["area"] = state.area_code
    if state.framework_id != "nbs2008" or state.framework_set:
        params["fw"] = state.framework_id
    if state.pilots is not None:
        params["pilots"] = ",".join(state.pilots)
    if state.system is not None:
        params["system"] = f"{state.system[0]}@{state.system[1]}"
    for name, value in state.extras:
        params.setdefault(name, value)
    return "?" + urlencode(params, safe=",")

"""The map view's county level as URL state: `drill=<province>` opens the province's county map,
`area=<county>` selects a county in it, `cind` / `cyear` choose the county indicator and year.
Pure helpers over ViewState (the parameters live in `extras`, owned by the map view)."""
from __future__ import annotations

from dashboard.data.dataset import Dataset
from dashboard.state import ViewState

DRILL, COUNTY_INDICATOR, COUNTY_YEAR = "drill", "cind", "cyear"
_OWN = (DRILL, COUNTY_INDICATOR, COUNTY_YEAR)


def extra(state: ViewState, name: str) -> str | None:
    return next((value for key, value in state.extras if key == name), None)


def drill_code(state: ViewState) -> str | None:
    """The drilled province (parse_query already refused one without counties)."""
    return extra(state, DRILL)


def with_extras(state: ViewState, **values: str | None) -> ViewState:
    """The state with these county parameters set (a value of None removes one)."""
    kept = tuple((k, v) for k, v in state.extras if k not in values)
    added = tuple((k, v) for k, v in values.items() if v is not None)
    return state.with_(extras=kept + added)


def province_level(state: ViewState, dataset: Dataset) -> ViewState:
    """The state as the province map and trend see it: a selected county stands for its province."""
    code = state.area_code
    if code is not None and code not in dataset.province_codes(mainland_only=False):
        return state.with_(area_code=dataset.province_of(code))
    return state


def open_counties(state: ViewState, province_code: str) -> ViewState:
    return with_extras(state.with_(area_code=province_code), drill=province_code, cind=None, cyear=None)


def close_counties(state: ViewState, dataset: Dataset) -> ViewState:
    return with_extras(province_level(state, dataset), drill=None, cind=None, cyear=None)


def follow_province(state: ViewState) -> ViewState:
    """After a province was chosen in the dropdown while drilled: the county map follows it."""
    drill = drill_code(state)
    if drill is None or state.area_code is None or state.area_code == drill:
        return state
    return with_extras(state, drill=state.area_code, cind=None, cyear=None)

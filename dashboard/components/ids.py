"""Every component ID, in one place, so layout, callbacks and tests agree."""
from __future__ import annotations

from enum import StrEnum

from dashboard.views import VIEWS


class Ids(StrEnum):
    URL = "url"
    LANG_STORE = "lang-store"
    USER_DATA = "user-data"            # rows the user imported, kept in the browser tab (session)
    STORYBOARD = "storyboard"          # the presenter's saved views (browser local storage)
    SHELL = "shell"
    BUILT_VIEWS = "built-views"        # the views whose container the router has filled
    ACTIVE_VIEW = "active-view"        # the view the router last showed (the route gate compares with it)
    ROUTE = "route"                    # the route gate's pass: a link whose shown view changed
    NAV_URL = "nav-url"                # the router's own Location: navigation and language clicks write it
    NOTICE = "notice"
    MAIN = "main"
    LANG_SWITCH = "lang-switch"
    NAV = "nav"
    # map view
    INDICATOR = "indicator"
    YEAR = "year"
    PLAY = "play"
    PLAY_TIMER = "play-timer"
    MAP = "map"
    MAP_CAPTION = "map-caption"
    MISSING_NOTE = "missing-note"
    TREND = "trend"
    TREND_SOURCE = "trend-source"
    AREA_CARD = "area-card"
    AREA_SELECT = "area-select"        # keyboard / search alternative to clicking the map
    MAP_TABLE = "map-table"            # table alternatives for screen readers
    MAP_TABLE_SUMMARY = "map-table-summary"
    TREND_TABLE = "trend-table"
    TREND_TABLE_SUMMARY = "trend-table-summary"
    CLEAR_AREA = "clear-area"


# One <section> per registered view (dashboard/views.py), empty until the view is first shown.
VIEW_CONTAINERS = {view.id: view.container_id for view in VIEWS}

"""Every component ID, in one place, so layout, callbacks and tests agree."""
from __future__ import annotations

from enum import StrEnum


class Ids(StrEnum):
    URL = "url"
    LANG_STORE = "lang-store"
    USER_DATA = "user-data"            # rows the user imported, kept in the browser tab (session)
    STORYBOARD = "storyboard"          # the presenter's saved views (browser local storage)
    SHELL = "shell"
    NOTICE = "notice"
    MAIN = "main"
    LANG_SWITCH = "lang-switch"
    NAV = "nav"
    # map view
    VIEW_MAP = "view-map"
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
    # other views
    VIEW_GAPS = "view-gaps"
    VIEW_ATTAINMENT = "view-attainment"
    VIEW_DISPARITY = "view-disparity"
    VIEW_DATA = "view-data"
    VIEW_PRESENT = "view-present"


VIEW_CONTAINERS = {
    "map": Ids.VIEW_MAP,
    "gaps": Ids.VIEW_GAPS,
    "attainment": Ids.VIEW_ATTAINMENT,
    "disparity": Ids.VIEW_DISPARITY,
    "data": Ids.VIEW_DATA,
    "present": Ids.VIEW_PRESENT,
}

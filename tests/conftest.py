"""Shared fixtures: a tiny, self-contained data folder so data tests never depend on the bundle."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.data.dataset import Dataset, load_dataset

REPO = Path(__file__).resolve().parents[1]

# Indicators covering each plausibility rule: a count, a percentage, years, a category.
FIXTURE_INDICATORS = """indicator_id,name_zh,name_en,unit_zh,unit_en,definition_zh,definition_en,higher_is_better,decimals,regional_mean,kind,categories
population,年末常住人口,Resident population,万人,10k persons,,,,0,none,numeric,
urbanisation_rate,城镇化率,Urbanisation rate,%,%,,,true,2,population_weighted,numeric,
gdp,地区生产总值,Gross regional product,亿元,100 million yuan,,,true,2,none,numeric,
life_expectancy,人口平均预期寿命,Life expectancy at birth,岁,years,,,true,2,population_weighted,numeric,
poverty_band,贫困发生率分组,Poverty incidence band,组,band,,,false,0,none,category,<3%|3-5%|5-10%|>10%
"""  # noqa: E501 (CSV fixture: one row per line)
FIXTURE_SOURCES = """source_id,title_zh,title_en,publisher,year,table,url,licence,via,doubts
TEST-SRC,测试来源,Test source,Test publisher,2011,,,,,
"""
FIXTURE_OBSERVATIONS = """area_code,indicator_id,year,value,subgroup,source_id,vintage,flag,note
110000,population,2010,1962,total,TEST-SRC,CSY2011,official,
530000,population,2010,4602,total,TEST-SRC,CSY2011,official,
530000,urbanisation_rate,2010,34.7,total,TEST-SRC,CSY2011,official,
110000,urbanisation_rate,2010,85.96,total,TEST-SRC,CSY2011,official,
110000,urbanisation_rate,2011,86.2,total,TEST-SRC,CSY2011,official,
"""
FIXTURE_ROLES = "area_code,role,since_year,source_id,note_en,note_zh\n"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A valid data folder: the curated areas.csv plus small fixture tables."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(REPO / "data" / "areas.csv", folder / "areas.csv")
    (folder / "indicators.csv").write_text(FIXTURE_INDICATORS, encoding="utf-8")
    (folder / "sources.csv").write_text(FIXTURE_SOURCES, encoding="utf-8")
    (folder / "observations.csv").write_text(FIXTURE_OBSERVATIONS, encoding="utf-8")
    (folder / "programme_roles.csv").write_text(FIXTURE_ROLES, encoding="utf-8")
    return folder


@pytest.fixture
def dataset(data_dir: Path) -> Dataset:
    return load_dataset(data_dir)


# --- the app on the bundled data (one per test session: dash.callback registers globally and the
# --- first app created takes the callbacks, so every test that needs an app shares this one) ----
@pytest.fixture(scope="session")
def bundled_dataset() -> Dataset:
    return load_dataset(REPO / "data")


@pytest.fixture(scope="session")
def dash_app(tmp_path_factory):
    from app import create_app
    from dashboard.config import Settings

    # Its own SQLite workspace database: never the developer's ./state, nor a $DATABASE_URL.
    state = tmp_path_factory.mktemp("state")
    return create_app(Settings(state_dir=state, database_url=f"sqlite:///{state / 'workspaces.sqlite3'}"))


@pytest.fixture
def app_context(dash_app):
    """Flask app context, so callbacks called directly find the dataset as they do in a request."""
    with dash_app.server.test_request_context("/"):
        yield dash_app


def run_callback(func, triggered_prop: str | None, *args):
    """Call a callback as Dash would after `triggered_prop` changed (None: the initial call)."""
    from contextvars import copy_context

    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    triggered = [{"prop_id": triggered_prop, "value": None}] if triggered_prop else []

    def call():
        context_value.set(AttributeDict(triggered_inputs=triggered))
        return func(*args)

    return copy_context().run(call)

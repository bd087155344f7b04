"""The committed boundaries as GIS users will read them: geopandas keeps the adcodes, and the
areas in an equal-area projection match the official figures within simplification error."""
from __future__ import annotations

from pathlib import Path

import geopandas
import pytest

PROVINCES = Path(__file__).resolve().parents[2] / "data" / "geo" / "provinces.geojson"
# Albers equal-area for China (the parallels of the map's own projection).
CHINA_ALBERS = "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +datum=WGS84 +units=m"


@pytest.fixture(scope="module")
def provinces() -> geopandas.GeoDataFrame:
    frame = geopandas.read_file(PROVINCES)
    return frame.set_index("adcode").to_crs(CHINA_ALBERS)


def test_geopandas_reads_adcodes_and_names(provinces):
    assert len(provinces) == 34 and provinces.index.is_unique
    assert provinces.loc["530000", "name_zh"] == "云南省"
    assert provinces.geometry.is_valid.all()


@pytest.mark.parametrize(("adcode", "official_km2"), [
    ("530000", 394_100),    # Yunnan
    ("650000", 1_664_900),  # Xinjiang
    ("110000", 16_410),     # Beijing
])
def test_areas_match_official_land_areas(provinces, adcode, official_km2):
    area_km2 = provinces.loc[adcode].geometry.area / 1e6
    assert area_km2 == pytest.approx(official_km2, rel=0.03)


def test_units_do_not_overlap(provinces):
    total = provinces.geometry.area.sum()
    union = provinces.geometry.union_all().area
    assert (total - union) / total < 1e-6

"""parse_nbs_export: NBS database exports in, located errors for anything it cannot read."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher
from dashboard.data.dataset import _read_table
from dashboard.data.errors import DataError
from dashboard.data.importers.nbs_export import parse_nbs_export

DATA_DIR = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture(scope="module")
def matcher() -> AreaMatcher:
    return AreaMatcher(_read_table(DATA_DIR, schema.AREAS))


def _parse(text: str, matcher: AreaMatcher, encoding: str = "gbk"):
    return parse_nbs_export(
        text.encode(encoding), file="upload.csv", matcher=matcher,
        indicator_id="population", source_id="TEST", vintage="test vintage",
    )


GBK_EXPORT = (
    "数据库：分省年度数据\r\n"
    "指标：年末常住人口(万人)\r\n"
    "时间：最近3年\r\n"
    "地区,2012年,2011年,2010年\r\n"
    "北京市,2069,2019,1962\r\n"
    "内蒙古自治区,2490,--,2472\r\n"
    "新疆,..,2209,\r\n"
    "\r\n"
    "注：常住人口包括居住在本乡镇街道半年以上的人。\r\n"
    "数据来源：国家统计局\r\n"
)


def test_gbk_export_round_trip(matcher: AreaMatcher) -> None:
    table = _parse(GBK_EXPORT, matcher)
    got = {(r.area_code, r.year): r.value for r in table.observations.itertuples()}
    assert got == {
        ("110000", 2012): 2069.0, ("110000", 2011): 2019.0, ("110000", 2010): 1962.0,
        ("150000", 2012): 2490.0, ("150000", 2010): 2472.0,
        ("650000", 2011): 2209.0,
    }
    assert table.indicator_label == "年末常住人口"
    assert table.unit == "万人"
    assert table.notes == ("注：常住人口包括居住在本乡镇街道半年以上的人。", "数据来源：国家统计局")
    obs = table.observations
    assert list(obs.columns) == list(schema.OBSERVATIONS.columns)
    assert set(obs["source_id"]) == {"TEST"} and set(obs["vintage"]) == {"test vintage"}
    assert set(obs["flag"]) == {"official"} and set(obs["subgroup"]) == {"total"}


def test_missing_markers_give_no_rows(matcher: AreaMatcher) -> None:
    obs = _parse(GBK_EXPORT, matcher).observations
    assert ("150000", 2011) not in set(zip(obs["area_code"], obs["year"]))  # "--"
    assert ("650000", 2012) not in set(zip(obs["area_code"], obs["year"]))  # ".."
    assert ("650000", 2010) not in set(zip(obs["area_code"], obs["year"]))  # empty


def test_utf8_bom_english_export_with_misdecoded_colons(matcher: AreaMatcher) -> None:
    text = (
        "Database£ºAnnual by Province\n"
        "Indicators£ºResident Population (year-end)(10000 persons)\n"
        "Year£ºLATEST20\n"
        "Region,2019,2018\n"
        "Beijing,,2154\n"
        "Inner Mongolia,,2534\n"
        "\"Note:Population data by region are permanent resident population since 2005.\"\n"
        "Data Sources£ºNational Bureau of Statistics\n"
    )
    table = _parse(text, matcher, encoding="utf-8-sig")
    assert sorted(table.observations["area_code"]) == ["110000", "150000"]
    assert set(table.observations["year"]) == {2018}
    assert table.unit == "10000 persons"
    assert len(table.notes) == 2


def test_unknown_region_is_located_with_suggestions(matcher: AreaMatcher) -> None:
    text = "指标：人口(万人)\n地区,2010年\n北京市,1962\nYunan,4602\n"
    with pytest.raises(DataError) as info:
        _parse(text, matcher)
    assert info.value.location.row == 4
    assert info.value.location.column == "地区"
    assert "Yunan" in info.value.message and "云南省 / Yunnan" in info.value.message


def test_text_in_a_number_cell_is_located(matcher: AreaMatcher) -> None:
    text = "地区,2011年,2010年\n北京市,2019,约1962\n"
    with pytest.raises(DataError) as info:
        _parse(text, matcher)
    assert (info.value.location.row, info.value.location.column) == (2, "2010年")


def test_duplicate_region_is_refused(matcher: AreaMatcher) -> None:
    with pytest.raises(DataError, match="already appears"):
        _parse("地区,2010\n北京,1\n北京市,2\n", matcher)


def test_file_without_year_header_is_refused(matcher: AreaMatcher) -> None:
    with pytest.raises(DataError):
        _parse("name,value\nBeijing,1\n", matcher)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_data_error(raw: bytes) -> None:
    matcher = AreaMatcher(_read_table(DATA_DIR, schema.AREAS))
    try:
        parse_nbs_export(raw, file="x.csv", matcher=matcher, indicator_id="i", source_id="s", vintage="v")
    except DataError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["北京", "Tibet", "2010年", "2011", "--", "..", "12.5", "", "注：x", "数据库：y", "abc",
                                 "\n", ",", "\"", "１２"]), max_size=30))
def test_export_like_text_raises_only_data_error(tokens: list[str]) -> None:
    matcher = AreaMatcher(_read_table(DATA_DIR, schema.AREAS))
    text = "地区,2010年,2011\n" + ",".join(tokens)
    try:
        parse_nbs_export(text.encode("utf-8"), file="x.csv", matcher=matcher, indicator_id="i", source_id="s", vintage="v")
    except DataError:
        pass


def test_one_region_with_indicators_as_rows_imports_the_rows_it_knows(dataset) -> None:
    from dashboard.data.importers.upload import import_file

    text = (
        "Database：Annual by Province\r\nRegion：Yunnan\r\nYear：LATEST2\r\nIndicators,2012,2011\r\n"
        "Resident population (year-end)(10000 persons),4659,4631\r\nGROSS REGIONAL  PRODUCT(100 million yuan),10309.5,8893.1\r\n"
        "Number of Towns(unit),600,598\r\nData Sources：National Bureau of Statistics\r\n"
    )
    table = import_file(text.encode("gbk"), filename="yn.csv", dataset=dataset)
    rows = table.observations.set_index(["indicator_id", "year"])
    assert set(rows.index.get_level_values(0)) == {"gdp"}  # 'Resident population (year-end)' is not our name
    assert set(table.observations["area_code"]) == {"530000"}
    assert rows.loc[("gdp", 2011), "value"] == 8893.1
    assert any("ignored 2 row(s)" in w and "Number of Towns(unit)" in w for w in table.warnings)


def test_a_national_export_becomes_national_series(dataset) -> None:
    from dashboard.data.importers.upload import import_file

    text = "数据库：年度数据\r\n时间：最近2年\r\n指标,2012年,2011年\r\n年末常住人口(万人),135404,134735\r\n数据来源：国家统计局\r\n"
    table = import_file(text.encode("gbk"), filename="national.csv", dataset=dataset)
    assert set(table.observations["area_code"]) == {"100000"}
    assert sorted(table.observations["value"]) == [134735.0, 135404.0]

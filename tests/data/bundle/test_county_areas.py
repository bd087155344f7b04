"""Prefectures and counties in the areas table, and old codes and names that still find them."""
from __future__ import annotations

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle.county_areas import _unique_aliases, history_aliases
from dashboard.data.dataset import Dataset

import pandas as pd


def test_yunnan_has_16_prefectures_and_129_counties_with_parents(bundled_dataset: Dataset) -> None:
    assert len(bundled_dataset.sub_areas("530000", "prefecture")) == 16
    counties = bundled_dataset.sub_areas("530000")
    assert len(counties) == 129
    chuxiong = bundled_dataset.area("532301")
    assert (chuxiong["name_zh"], chuxiong["level"], chuxiong["parent_code"]) == ("楚雄市", "county", "532300")
    assert bundled_dataset.area("532300")["parent_code"] == "530000"
    assert bundled_dataset.province_of("532301") == "530000"


def test_a_county_without_romanisation_is_named_in_chinese_in_english(bundled_dataset: Dataset) -> None:
    assert bundled_dataset.area_name("532301", "en") == "楚雄市"
    assert bundled_dataset.area_name("530000", "en") == "Yunnan"


def test_codes_and_names_of_earlier_years_find_todays_unit(bundled_dataset: Dataset) -> None:
    matcher = bundled_dataset.matcher
    assert matcher.code_for("533421") == "533401"      # 香格里拉县 until 2014
    assert matcher.code_for("中甸县") == "533401"       # its name before 2001
    assert matcher.code_for("520222") == "520281"      # 盘县 -> 盘州市 (2017)
    assert matcher.code_for("平坝县") == "520403"
    assert matcher.code_for("楚雄市") == "532301"


def test_a_name_two_units_share_matches_neither_and_provinces_keep_theirs(bundled_dataset: Dataset) -> None:
    matcher = bundled_dataset.matcher
    assert matcher.code_for("朝阳区") is None          # Beijing and Changchun both have one
    assert matcher.code_for("110105") == "110105"      # the code still decides
    assert matcher.code_for("吉林") == "220000"         # the province, not 吉林市
    assert matcher.code_for("云南") == "530000"


def test_a_split_is_no_alias_and_renames_follow_single_successors() -> None:
    history = [
        {"代码": "520321", "名称": "遵义县", "状态": "弃用", "新代码": "520304;520382[2016]"},
        {"代码": "533421", "名称": "中甸县", "状态": "变更", "新代码": "533421"},
        {"代码": "533421", "名称": "香格里拉县", "状态": "弃用", "新代码": "533401"},
        {"代码": "533401", "名称": "香格里拉市", "状态": "在用", "新代码": ""},
        {"代码": "140101", "名称": "南郊区", "状态": "弃用", "新代码": "140213;140214"},
    ]
    aliases = history_aliases(history, {"533401", "520304", "140213", "140214"})
    assert aliases["533401"] == ["533421", "中甸县", "香格里拉县", "香格里拉市"]
    assert "140213" not in aliases and "140214" not in aliases
    # 遵义县's one full successor is 播州区 520304; the [2016] part is a transfer, not a successor.
    assert aliases["520304"] == ["520321", "遵义县"]
    assert _unique_aliases({"a": ["x", "y"], "b": ["x"]}, {"a": "y", "b": "z"}) == {"a": [], "b": []}


def test_matcher_reads_areas_without_english_names() -> None:
    areas = pd.DataFrame([
        {"area_code": "530000", "name_zh": "云南省", "name_en": "Yunnan", "short_zh": "云南", "aliases": None, "level": "province"},
        {"area_code": "532301", "name_zh": "楚雄市", "name_en": None, "short_zh": "楚雄市", "aliases": None, "level": "county"},
    ])
    matcher = AreaMatcher(areas)
    assert matcher.code_for("楚雄") == "532301"
    assert matcher.code_for("none") is None

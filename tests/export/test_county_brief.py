"""The county brief's HTML: header, place, 832-list status, no county targets, census beside the
province, no data where missing, sources and How to cite, escaping."""
from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dashboard.config import Settings
from dashboard.export.county_brief import CENSUS_IDS, PROVINCE_SERIES, county_brief_html, county_codes, locator_svg
from dashboard.geo import load_counties
from dashboard.i18n import publisher_text, t
from dashboard.i18n.numbers import format_year

DATA_DIR = Path(Settings().data_dir)


def _text(document: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", document))


@pytest.fixture(scope="module")
def yunnan():
    return load_counties(DATA_DIR, "530000")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_poverty_county_brief_names_it_its_status_and_census_values(bundled_dataset, yunnan, lang):
    document = county_brief_html(bundled_dataset, yunnan, "530828", lang, link="http://x/?view=map",
                                 exported=date(2026, 12, 6))
    text = _text(document)
    assert t("present.county_brief.title", lang, name=bundled_dataset.area_name("530828", lang)) in text
    assert bundled_dataset.area_name("530000", lang) in text and "530828" in text
    years = ("、" if lang == "zh" else ", ").join(format_year(y, lang) for y in (2010, 2014, 2020))  # censuses, the list
    assert t("present.county_brief.data_years", lang, years=years) in text
    batch = int(bundled_dataset.series("county_poverty_exit_year", "530828")["value"].iloc[0])
    assert t("present.county_brief.on_list", lang, year=format_year(2014, lang), batch=format_year(batch, lang)) in text
    assert t("present.county_brief.no_targets", lang) in text
    for indicator_id in CENSUS_IDS:
        assert bundled_dataset.indicator(indicator_id)[f"name_{lang}"] in text
    # the county's 2020 tap-water share, and its province's value of the same series beside it
    row = re.search(r"<tr><td>[^<]*" + re.escape(bundled_dataset.indicator("county_households_tap_water_census")[f"name_{lang}"])
                    + r"</td>(.*?)</tr>", document)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert len(cells) == 4 and all(t("terms.no_data", lang) not in cell for cell in cells)
    assert "<svg" in document and 'fill="#1d4ed8"' in document  # the county drawn and filled
    # numbered sources, the census and the 832 list among them, and How to cite with the publisher in the language
    assert t("present.brief.sources_heading", lang) in text and t("present.brief.cite_heading", lang) in text
    census = bundled_dataset.source("CENSUS-2020-COUNTY")
    assert census[f"title_{lang}"] in text and publisher_text(census["publisher"], lang) in text
    assert "http://x/?view=map" in text and "2026-12-06" in text


def test_missing_values_say_no_data_and_are_never_filled(bundled_dataset, yunnan):
    # Yunnan has no province series of the county urbanisation's definition, nor an illiteracy value
    document = county_brief_html(bundled_dataset, yunnan, "530828", "en")
    urbanisation = re.search(r"<tr><td>Urbanisation rate \(census, county\)</td>(.*?)</tr>", document)
    assert urbanisation is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", urbanisation.group(1))
    assert [c == "No data" for c in cells] == [False, True, False, True]
    assert "county_urbanisation_census" not in PROVINCE_SERIES
    # a county with no census rows at all (Beijing's are not bundled): every county cell says no data
    beijing = county_brief_html(bundled_dataset, load_counties(DATA_DIR, "110000"), "110105", "en")
    county_cells = re.findall(r'<td class="num missing">No data</td>', beijing)
    assert len(county_cells) >= 2 * len(CENSUS_IDS)
    assert t("present.county_brief.not_on_list", "en", year="2014") in _text(beijing)


def test_values_and_names_from_the_data_are_escaped(bundled_dataset, yunnan):
    areas = bundled_dataset.areas.copy()
    areas.loc[areas["area_code"] == "530828", ["name_zh", "name_en"]] = ["<b>县</b>", '"><script>x</script>']
    dataset = replace(bundled_dataset, areas=areas)
    for lang in ("zh", "en"):
        document = county_brief_html(dataset, yunnan, "530828", lang, link='http://x/?a="><i>')
        assert "<script>" not in document and "<b>县</b>" not in document and '"><i>' not in document
        assert "&lt;b&gt;县&lt;/b&gt;" in document


def test_hainan_is_framed_on_the_main_island(bundled_dataset):
    hainan = load_counties(DATA_DIR, "460000")
    locator = locator_svg(hainan, "469030", "琼中")
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', locator.svg).groups())  # type: ignore[union-attr]
    assert width > height  # the main island is wider than tall; with the far-south islands the frame would be tall
    assert locator.islands_left_out
    assert "图幅" in county_brief_html(bundled_dataset, hainan, "469030", "zh")
    # a district of islands only is framed on its own islands, each large one ringed
    nansha = locator_svg(hainan, "460302", "南沙")
    assert "<circle" in nansha.svg and not nansha.islands_left_out


def test_without_boundaries_the_brief_says_the_map_could_not_be_made(bundled_dataset):
    document = county_brief_html(bundled_dataset, None, "530828", "en")
    assert t("present.brief.map_unavailable", "en") in document and "<svg" not in document


def test_every_county_map_unit_has_a_brief_and_nothing_else(bundled_dataset):
    codes = county_codes(bundled_dataset)
    assert {"530828", "469030", "441900", "460302"} <= codes
    assert not {"530000", "530100", "460300", "100000"} & codes

"""An import at county level: county names, today's and 2014 codes find the map's units."""
from __future__ import annotations

from dashboard.data.dataset import Dataset
from dashboard.data.importers.upload import import_file, merge_import
from dashboard.figures.county_content import county_map_content, county_years

CSV = ("地区,指标,年份,数值\n"
       "楚雄市,county_urbanisation_census,2015,52.3\n"
       "532322,county_urbanisation_census,2015,30.1\n"
       "533421,county_urbanisation_census,2015,40\n").encode()  # 香格里拉县's code until 2014


def test_a_county_csv_shows_on_the_county_map(bundled_dataset: Dataset) -> None:
    table = import_file(CSV, filename="counties.csv", dataset=bundled_dataset)
    assert sorted(table.observations["area_code"]) == ["532301", "532322", "533401"]
    merged = merge_import(bundled_dataset, table)
    assert county_years(merged, "530000", "county_urbanisation_census") == [2010, 2015, 2020]
    content = county_map_content(merged, "530000", "county_urbanisation_census", 2015, "en")
    assert sorted(content.values.area_codes) == ["532301", "532322", "533401"]
    assert all("your imported data" in hover for hover in content.values.hover_text)

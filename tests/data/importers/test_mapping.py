"""The mapping step: the user names the area, year and value columns and the indicator (one of
ours, or a new one of their own); the panel is then read and checked like a template."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.mapping import ColumnMapping, NewIndicator, detect_columns, with_user_indicators
from dashboard.data.importers.upload import import_file, merge_import

PANEL = (b"Province,Region,Year,Birthrate,id\n"
         b"Beijing,North China,2019,8.12,1\n"
         b"Yunnan,Southwest,2019,12.63,2\n"
         b"Beijing,North China,2018,8.24,3\n")
BIRTH_RATE = NewIndicator("出生率", "Birth rate", "‰", "higher")


def test_the_columns_of_a_panel_are_detected_with_a_guess_for_each_role() -> None:
    found = detect_columns(PANEL, filename="p.csv")
    assert found.headings == ("Province", "Region", "Year", "Birthrate", "id")
    # "id" is a row number, so the one other numeric column is the value.
    assert found.guesses == {"area": "Province", "year": "Year", "value": "Birthrate"}
    assert not found.years_as_columns


def test_a_single_numeric_column_is_guessed_as_the_value() -> None:
    found = detect_columns("省份,年份,城镇化率%\n北京,2010,85.9\n".encode(), filename="p.csv")
    assert found.guesses == {"area": "省份", "year": "年份", "value": "城镇化率%"}


def test_a_mapped_panel_with_a_new_indicator_imports_and_merges(bundled_dataset: Dataset) -> None:
    mapping = ColumnMapping(area="Province", year="Year", value="Birthrate", new_indicator=BIRTH_RATE)
    table = import_file(PANEL, filename="p.csv", dataset=bundled_dataset, mapping=mapping)
    rows = table.observations
    assert set(rows["indicator_id"]) == {BIRTH_RATE.indicator_id}
    assert sorted(zip(rows["area_code"], rows["year"], rows["value"])) == [
        ("110000", 2018, 8.24), ("110000", 2019, 8.12), ("530000", 2019, 12.63)]
    assert any("left out column(s) 'B Region', 'E id'" in w for w in table.warnings)
    assert table.warnings[0] == "read as mapped panel (CSV)"
    merged = merge_import(bundled_dataset, table)
    meta = merged.indicator(BIRTH_RATE.indicator_id)
    assert (meta["name_zh"], meta["name_en"], meta["unit_en"], meta["higher_is_better"]) == ("出生率", "Birth rate", "‰", True)
    assert "defined by a user" in meta["definition_en"]
    assert not bundled_dataset.has_indicator(BIRTH_RATE.indicator_id)  # the bundle is untouched


def test_a_catalogue_indicator_can_be_chosen_for_a_mapped_panel(bundled_dataset: Dataset) -> None:
    raw = "省份,年份,城镇化率%,id\n北京,2010,85.9,1\n云南省,2010,34.7,2\n".encode()
    table = import_file(raw, filename="u.csv", dataset=bundled_dataset,
                        mapping=ColumnMapping(area="省份", year="年份", value="城镇化率%", indicator_id="urbanisation"))
    assert sorted(table.observations["value"]) == [34.7, 85.9]
    assert set(table.observations["indicator_id"]) == {"urbanisation"}
    assert table.new_indicators == ()


def test_a_bad_value_is_located_in_the_column_the_user_sees(bundled_dataset: Dataset) -> None:
    raw = b"Province,Region,Year,Birthrate\nBeijing,North,2019,abc\n"
    with pytest.raises(DataError) as caught:
        import_file(raw, filename="p.csv", dataset=bundled_dataset,
                    mapping=ColumnMapping(area="Province", year="Year", value="Birthrate", new_indicator=BIRTH_RATE))
    assert str(caught.value).startswith("p.csv, row 2, column 'D 数值'")


def test_a_chosen_heading_the_file_lacks_and_a_column_chosen_twice_are_refused(bundled_dataset: Dataset) -> None:
    with pytest.raises(DataError) as caught:
        import_file(PANEL, filename="p.csv", dataset=bundled_dataset,
                    mapping=ColumnMapping(area="省", year="Year", value="Year", indicator_id="population"))
    keys = {p.key for p in caught.value.problems}
    assert keys == {"datasrc.problem.mapped_column_missing", "datasrc.problem.mapped_column_twice"}


@pytest.mark.parametrize("new, key", [
    (NewIndicator("", "", "‰", "higher"), "datasrc.problem.new_indicator_name"),
    (NewIndicator("出生率", "", " ", "higher"), "datasrc.problem.new_indicator_unit"),
    (NewIndicator("出生率", "", "‰", "up"), "datasrc.problem.new_indicator_direction"),
])
def test_an_incomplete_new_indicator_is_refused_by_what_it_lacks(new, key, bundled_dataset: Dataset) -> None:
    with pytest.raises(DataError) as caught:
        import_file(PANEL, filename="p.csv", dataset=bundled_dataset,
                    mapping=ColumnMapping(area="Province", year="Year", value="Birthrate", new_indicator=new))
    assert caught.value.key == key


def test_the_panel_without_a_mapping_names_the_choice_that_fixes_it(bundled_dataset: Dataset) -> None:
    with pytest.raises(DataError) as caught:
        import_file(PANEL, filename="p.csv", dataset=bundled_dataset)
    assert "repeats the area column A" in str(caught.value)
    assert "--area-column" in str(caught.value) and "mapping step" in str(caught.value)


@given(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=8))
def test_a_new_indicator_id_is_stable_and_safe(name_zh: str, name_en: str, unit: str) -> None:
    new = NewIndicator(name_zh, name_en, unit, "lower")
    assert new.indicator_id == NewIndicator(name_zh, name_en, unit, "higher").indicator_id
    assert new.indicator_id.startswith("user_")
    assert all(c.isascii() and (c.isalnum() or c == "_") for c in new.indicator_id)
    assert NewIndicator.from_row(new.row()).indicator_id == new.indicator_id


def test_adding_a_user_indicator_the_dataset_has_keeps_the_dataset(bundled_dataset: Dataset) -> None:
    row = bundled_dataset.indicators.iloc[0].to_dict()
    assert with_user_indicators(bundled_dataset, [row]) is bundled_dataset


@pytest.mark.parametrize("heading", ["省份", "省市", "省份名", "Province Name", "所在省份", "省份/地区", "Province/City", "名称"])
def test_the_area_column_is_preselected_by_heading_or_by_its_province_names(heading: str, dataset) -> None:
    raw = f"序号,{heading},年份,数值\n1,云南,2010,34.7\n2,贵州省,2010,33.8\n3,Sichuan,2010,40.2\n".encode()
    found = detect_columns(raw, filename="p.csv", matcher=dataset.matcher)
    assert found.guesses == {"area": heading, "year": "年份", "value": "数值"}


def test_a_column_of_numbers_is_not_taken_for_the_area(dataset) -> None:
    raw = "id,名称,年份,数值\n1,某地,2010,3\n2,另一地,2010,4\n".encode()
    assert "area" not in detect_columns(raw, filename="p.csv", matcher=dataset.matcher).guesses


def test_a_row_number_column_is_not_taken_for_the_values(dataset) -> None:
    raw = "id,年份,省份,城镇化率%\n1,2010,云南,34.7\n2,2010,贵州,33.8\n".encode()
    assert detect_columns(raw, filename="p.csv", matcher=dataset.matcher).guesses == {
        "year": "年份", "area": "省份", "value": "城镇化率%"}

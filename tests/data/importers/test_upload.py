"""import_file / merge_import: kind detection by content, tagging, conflicts, immutability; and
the plausibility rules of validate.py that every import applies."""
from __future__ import annotations

import dataclasses
import io

import openpyxl
import pandas as pd
import pytest

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.upload import import_file, merge_import, sanitise_filename
from dashboard.data.validate import value_rule, year_problem

NBS = (
    "数据库：分省年度数据\r\n指标：年末常住人口(万人)\r\n时间：最近2年\r\n"
    "地区,2012年,2011年\r\n北京市,2069,2019\r\n云南省,4659,4631\r\n数据来源：国家统计局\r\n"
)


def test_nbs_export_with_an_xlsx_name_is_read_as_csv_and_indicator_guessed(dataset: Dataset) -> None:
    table = import_file(NBS.encode("gbk"), filename="export.xlsx", dataset=dataset)
    assert table.warnings[0] == "read as NBS export (CSV)"
    assert set(table.observations["indicator_id"]) == {"population"}
    assert set(table.observations["source_id"]) == {"USER-UPLOAD:export.xlsx"}
    assert len(table.observations) == 4


def test_template_xlsx_with_a_csv_name_is_read_as_a_workbook(dataset: Dataset) -> None:
    book = openpyxl.Workbook()
    book.active.append(["地区", "指标", "年份", "数值", "来源", "备注"])
    book.active.append(["云南", "population", 2011, 4631, "CSY2012", "年末"])
    out = io.BytesIO()
    book.save(out)
    table = import_file(out.getvalue(), filename="C:\\Users\\张\\数据.csv", dataset=dataset)
    assert table.warnings[0] == "read as template (Excel)"
    row = table.observations.iloc[0]
    assert (row["source_id"], row["note"]) == ("USER-UPLOAD:数据.csv", "source: CSY2012; 年末")


def test_merge_returns_a_new_dataset_and_registers_the_upload_source(dataset: Dataset) -> None:
    before = dataset.observations.copy()
    table = import_file(NBS.encode("gbk"), filename="pop.csv", dataset=dataset)
    merged = merge_import(dataset, table)
    assert merged is not dataset
    pd.testing.assert_frame_equal(dataset.observations, before)
    assert len(merged.observations) == len(before) + 4
    assert "USER-UPLOAD:pop.csv" in set(merged.sources["source_id"])
    assert merged.values_for_year("population", 2012)["area_code"].tolist() == ["110000", "530000"]
    assert str(merged.observations["year"].dtype) == "Int64"


def test_equal_value_is_kept_once_and_conflict_is_refused_unless_replacing(dataset: Dataset) -> None:
    same = import_file("地区,指标,年份,数值\r\n云南,population,2010,4602\r\n".encode(), filename="same.csv", dataset=dataset)
    assert merge_import(dataset, same).observations.equals(dataset.observations)
    other = import_file("地区,指标,年份,数值\r\n云南,population,2010,4600\r\n".encode(), filename="other.csv", dataset=dataset)
    with pytest.raises(DataError) as caught:
        merge_import(dataset, other)
    assert str(caught.value).startswith("other.csv: conflicts with the dataset: 530000 population 2010")
    replaced = merge_import(dataset, other, replace=True)
    assert replaced.values_for_year("population", 2010).set_index("area_code")["value"].to_dict() == {
        "110000": 1962.0, "530000": 4600.0,
    }
    assert len(dataset.values_for_year("population", 2010)) == 2  # original untouched


def test_unknown_indicator_argument_is_a_located_error(dataset: Dataset) -> None:
    with pytest.raises(DataError, match=r"^pop.csv: 'popluation' is not a known indicator id; did you mean population"):
        import_file(NBS.encode("gbk"), filename="pop.csv", dataset=dataset, indicator_id="popluation")


def test_non_bytes_are_refused(dataset: Dataset) -> None:
    with pytest.raises(DataError, match="expected the file's bytes"):
        import_file("text", filename="x.csv", dataset=dataset)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("../../etc/passwd", "passwd"), ("云南 2010.xlsx", "云南_2010.xlsx"), ("=HYPERLINK(1).csv", "HYPERLINK_1_.csv"), ("", "upload")],
)
def test_sanitised_filename_is_a_safe_source_id(name: str, expected: str) -> None:
    assert sanitise_filename(name) == expected


@pytest.mark.parametrize(
    ("unit_en", "unit_zh", "kind", "categories", "inside", "outside"),
    [
        ("%", "%", "numeric", "", [0, 45.2, 100], [-0.1, 250]),
        ("10,000 persons", "万人", "numeric", "", [0, 4602], [-1]),
        ("per 1,000 live births", "‰", "numeric", "", [0, 35.5], [1001]),
        ("per 100,000", "1/10万", "numeric", "", [0, 150], [-5, 100_001]),
        ("years", "岁", "numeric", "", [0, 80.2], [151]),
        ("index 0-1", "指数", "numeric", "", [0, 0.7], [1.2]),
        ("% band", "%（分组）", "category", "<3%|3-5%|5-10%|>10%", [0, 3], [4, 1.5, -1]),
    ],
)
def test_value_rules_follow_the_indicator_unit(unit_en, unit_zh, kind, categories, inside, outside) -> None:
    rule = value_rule(pd.Series({"indicator_id": "x", "unit_en": unit_en, "unit_zh": unit_zh, "kind": kind, "categories": categories}))
    assert all(rule.problem(v) is None for v in inside)
    assert all(rule.problem(v) is not None for v in outside)


def test_change_indicators_may_be_negative() -> None:
    rule = value_rule(pd.Series({"indicator_id": "energy_intensity_change", "unit_en": "% on previous year", "unit_zh": "%",
                                 "kind": "numeric"}))
    assert rule.problem(-4.5) is None


@pytest.mark.parametrize(("year", "ok"), [(1949, True), (2010, True), (1948, False), (3020, False)])
def test_year_range(year: int, ok: bool) -> None:
    assert (year_problem(year) is None) == ok


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(
    st.binary(max_size=400),
    st.lists(st.lists(st.sampled_from(["地区", "指标", "年份", "数值", "云南", "population", "2010", "--", "4,602", "", "#", "注："]),
                      max_size=6), max_size=6).map(lambda rows: "\r\n".join(",".join(r) for r in rows).encode("gbk")),
))
def test_any_bytes_give_a_table_or_a_data_error(raw: bytes, dataset: Dataset) -> None:
    try:
        table = import_file(raw, filename="fuzz.csv", dataset=dataset)
    except DataError as error:
        assert str(error).startswith("fuzz.csv")
    else:
        assert list(table.observations.columns)[:4] == ["area_code", "indicator_id", "year", "value"]


def test_split_vintages_shows_the_latest_vintage_then_the_last_listed() -> None:
    from dashboard.data.importers.upload import split_vintages, vintage_year

    rows = pd.DataFrame({
        "area_code": ["530000"] * 4, "indicator_id": ["urbanisation"] * 4, "year": [2010, 2010, 2011, 2011],
        "subgroup": ["total"] * 4, "value": [36.5, 36.1, 1.0, 2.0],
        "vintage": ["CSY2012", "CSY2011", "user-upload", "revised"],
    })
    shown, others = split_vintages(rows)
    assert shown[["year", "vintage"]].values.tolist() == [[2010, "CSY2012"], [2011, "revised"]]
    assert others["vintage"].tolist() == ["CSY2011", "user-upload"]
    assert (vintage_year("NBS 2018 export, revised 2020"), vintage_year("user-upload"), vintage_year(None)) == (2020, -1, -1)
    single = rows.iloc[[0, 2]]
    assert split_vintages(single)[0] is single and split_vintages(single)[1].empty


def test_release_is_read_from_a_census_footnote_only() -> None:
    from dashboard.data.importers.upload import release_from_notes

    assert release_from_notes(("注：2018年数据为根据第四次全国经济普查资料修订后数据。",)).startswith(
        "user upload: revised after economic census 四")
    assert release_from_notes(("Note: data revised after the fourth national economic census",)).startswith(
        "user upload: revised after economic census fourth")
    assert release_from_notes(("注：本表按当年价格计算。", "数据来源：国家统计局")) is None


def test_new_years_of_an_unnamed_release_still_extend_a_series(dataset: Dataset) -> None:
    table = import_file("地区,指标,年份,数值\r\n云南,population,2011,4631\r\n".encode(), filename="n.csv", dataset=dataset)
    merged = merge_import(dataset, table)
    assert len(merged.observations) == len(dataset.observations) + 1


def test_new_years_of_a_revised_release_do_not_extend_another_release(dataset: Dataset) -> None:
    from dashboard.data.importers.upload import REVISED_RELEASE_PREFIX

    raw = "地区,指标,年份,数值,版本\r\n云南,population,2011,4631,CSY2012\r\n".encode()
    table = import_file(raw, filename="r.csv", dataset=dataset)
    assert len(merge_import(dataset, table).observations) == len(dataset.observations) + 1  # an edition, not a revision
    revised = table.observations.assign(vintage=REVISED_RELEASE_PREFIX + "四 (footnote: ...)")
    with pytest.raises(DataError) as caught:
        merge_import(dataset, dataclasses.replace(table, observations=revised))
    assert "to a series the dataset holds as 'CSY2011' (2010-2010)" in str(caught.value)

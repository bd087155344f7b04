"""Our upload template: blank -> filled -> parsed, in both layouts, formats and languages."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.template import (
    HEADINGS,
    TEMPLATE_HEADINGS,
    blank_template,
    parse_number,
    parse_template,
)

ROWS = [  # area as a user writes it, indicator, year, value, subgroup
    ("云南省", "population", 2010, 4602.0, "合计"),
    ("Nei Mongol", "population", 2011, 2482.0, "total"),
    ("北京", "urbanisation_rate", 2010, 85.96, "城镇"),
]
EXPECTED = {
    ("530000", "population", 2010, "total"): 4602.0,
    ("150000", "population", 2011, "total"): 2482.0,
    ("110000", "urbanisation_rate", 2010, "urban"): 85.96,
}


def _parse(raw: bytes, dataset: Dataset, **kwargs):
    return parse_template(
        raw, file=kwargs.pop("file", "filled"), matcher=dataset.matcher,
        known_indicators=set(dataset.indicators["indicator_id"]), indicators=dataset.indicators, **kwargs,
    )


def _cells(table) -> dict:
    obs = table.observations
    return {
        (r.area_code, r.indicator_id, int(r.year), r.subgroup): r.value for r in obs.itertuples()
    }


def _fill_csv(blank: bytes, rows: list[list[object]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return blank + out.getvalue().encode("utf-8")


def _fill_xlsx(blank: bytes, rows: list[list[object]]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(blank))
    sheet = book.worksheets[0]
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_long_round_trip(lang: str, fmt: str, dataset: Dataset) -> None:
    blank = blank_template(lang, fmt, dataset.indicators)
    rows = [[area, ind, year, value, group, "CSY2011 表3-1", "CSY2011", None, None] for area, ind, year, value, group in ROWS]
    filled = _fill_csv(blank, rows) if fmt == "csv" else _fill_xlsx(blank, rows)
    table = _parse(filled, dataset)
    assert _cells(table) == EXPECTED
    assert set(table.observations["vintage"]) == {"CSY2011"}
    assert set(table.observations["flag"]) == {"official"}
    assert set(table.observations["source_id"]) == {"CSY2011 表3-1"}
    assert table.warnings == ()  # the guide sheet is not mistaken for data


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_wide_layout_with_year_headings_in_both_spellings(fmt: str, dataset: Dataset) -> None:
    rows = [["地区", "指标", "2010年", 2011], ["云南", "population", 4602, "--"], ["内蒙古自治区", "population", "..", 2482]]
    if fmt == "csv":
        raw = _fill_csv(b"", rows)
    else:
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        out = io.BytesIO()
        book.save(out)
        raw = out.getvalue()
    table = _parse(raw, dataset)
    assert _cells(table) == {("530000", "population", 2010, "total"): 4602.0, ("150000", "population", 2011, "total"): 2482.0}


def test_blank_csv_opens_in_excel_as_chinese_and_parses_as_having_no_values(dataset: Dataset) -> None:
    blank = blank_template("zh", "csv")
    assert blank.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 only with it
    text = blank.decode("utf-8-sig")
    heading_line = [line for line in text.splitlines() if not line.startswith("#")][0]
    assert heading_line.split(",") == [TEMPLATE_HEADINGS["zh"][c] for c in HEADINGS]
    with pytest.raises(DataError, match="no values"):
        _parse(blank, dataset, file="blank.csv")


def test_blank_xlsx_has_data_sheet_first_then_guide(dataset: Dataset) -> None:
    book = openpyxl.load_workbook(io.BytesIO(blank_template("en", "xlsx", dataset.indicators)))
    assert book.sheetnames == ["data", "guide", "indicators"]
    assert [c.value for c in book["data"][1]] == list(TEMPLATE_HEADINGS["en"].values())
    guide_text = " ".join(str(c.value) for row in book["guide"].iter_rows() for c in row if c.value)
    assert "45.2" in guide_text and "official / derived" in guide_text
    assert {row[0].value for row in book["indicators"].iter_rows(min_row=2)} == set(dataset.indicators["indicator_id"])


def test_unknown_language_or_format_is_refused() -> None:
    with pytest.raises(ValueError):
        blank_template("fr", "csv")
    with pytest.raises(ValueError):
        blank_template("zh", "ods")


def test_percent_formatted_cell_is_read_as_shown(dataset: Dataset) -> None:
    book = openpyxl.Workbook()
    book.active.append(["area", "indicator_id", "year", "value"])
    book.active.append(["Yunnan", "urbanisation_rate", 2010, 0.347])
    book.active["D2"].number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    assert _cells(_parse(out.getvalue(), dataset)) == {("530000", "urbanisation_rate", 2010, "total"): pytest.approx(34.7)}


def test_missing_indicator_column_is_filled_from_the_argument(dataset: Dataset) -> None:
    table = _parse("地区,年份,数值\r\n云南,2010,4602\r\n".encode(), dataset, indicator_id="population")
    assert _cells(table) == {("530000", "population", 2010, "total"): 4602.0}


def test_footnotes_below_the_table_are_kept_as_notes(dataset: Dataset) -> None:
    table = _parse("地区,指标,年份,数值\r\n云南,population,2010,4602\r\n注：常住人口\r\n".encode(), dataset)
    assert table.notes == ("注：常住人口",)


def test_second_data_sheet_is_named_in_a_warning(dataset: Dataset) -> None:
    book = openpyxl.Workbook()
    book.active.title = "cover"
    book.active.append(["Yunnan bureau of statistics"])
    for title in ("2010", "2011"):
        sheet = book.create_sheet(title)
        sheet.append(["area", "indicator_id", "year", "value"])
        sheet.append(["Yunnan", "population", int(title), 4602])
    out = io.BytesIO()
    book.save(out)
    table = _parse(out.getvalue(), dataset, file="book.xlsx")
    assert _cells(table) == {("530000", "population", 2010, "total"): 4602.0}
    assert "read sheet '2010'" in table.warnings[0] and "'2011'" in table.warnings[0]
    named = _parse(out.getvalue(), dataset, file="book.xlsx", sheet="2011")
    assert _cells(named) == {("530000", "population", 2011, "total"): 4602.0}
    with pytest.raises(DataError, match="has no sheet '2012'"):
        _parse(out.getvalue(), dataset, file="book.xlsx", sheet="2012")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(4602, 4602.0), ("1,234.5", 1234.5), ("４６０２", 4602.0), ("45.2%", 45.2), ("--", None), ("..", None),
     ("", None), (None, None), (" 12 ", 12.0), (-3.5, -3.5)],
)
def test_parse_number_accepts_what_yearbooks_write(cell: object, expected: float | None) -> None:
    assert parse_number(cell) == expected


@pytest.mark.parametrize("cell", ["12a", "1,5", "#N/A", True, "inf"])
def test_parse_number_refuses_text(cell: object) -> None:
    with pytest.raises(ValueError):
        parse_number(cell)

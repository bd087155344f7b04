"""CSV/XLSX exports: Chinese survives Excel, formula-like text is neutralised, numbers stay numbers."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.export.tabular import (
    FORMULA_STARTS,
    SOURCES_COLUMNS,
    neutralise_formula,
    view_data_csv,
    view_data_xlsx,
)

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def view_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": ["530000", "520000", "110000"],
            "name_zh": ["云南", "=1+1", "@SUM(A1)"],
            "note": ["-x", "+cmd", "\tindent"],
            "value": [-5, 12.5, None],
            "year": [2010, 2010, 2010],
        }
    )


@pytest.fixture
def sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["csy2011", "web"],
            "title_zh": ["中国统计年鉴2011", ""],
            "title_en": ["China Statistical Yearbook 2011", "=HYPERLINK(\"http://x\")"],
            "publisher": ["国家统计局", "NBS"],
            "year": [2011, 2012],
            "table": ["3-9", None],
            "url": ["http://www.stats.gov.cn/", None],
            "licence": ["official", None],
            "via": ["print", "web"],
            "doubts": [None, "provisional"],
        }
    )


def _rows(sheet) -> list[list[object]]:  # noqa: ANN001
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_csv_has_bom_keeps_chinese_and_neutralises_text() -> None:
    frame = pd.DataFrame({"name": ["云南", "=1+1", "-x"], "value": [-5, 3, 4]})
    data = view_data_csv(frame)
    assert data.startswith(BOM)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["name"].tolist() == ["云南", "'=1+1", "'-x"]
    assert back["value"].tolist() == [-5, 3, 4]
    assert pd.api.types.is_integer_dtype(back["value"])


def test_csv_neutralises_column_labels() -> None:
    data = view_data_csv(pd.DataFrame({"=cmd": [1]}))
    assert data.decode("utf-8-sig").splitlines()[0] == "'=cmd"


def test_xlsx_neutralises_text_and_keeps_numbers(view_frame: pd.DataFrame, sources: pd.DataFrame) -> None:
    book = openpyxl.load_workbook(io.BytesIO(view_data_xlsx(view_frame, sources, sheet_name="gdp_pc", lang="zh")))
    rows = _rows(book["gdp_pc"])
    assert rows[0] == ["area_code", "name_zh", "note", "value", "year"]
    assert rows[1] == ["530000", "云南", "'-x", -5, 2010]
    assert rows[2][1:3] == ["'=1+1", "'+cmd"]
    assert rows[3][1:4] == ["'@SUM(A1)", "'\tindent", None]
    assert isinstance(rows[1][3], (int, float)) and rows[1][3] == -5
    # No cell may be stored as a formula.
    assert all(cell.data_type != "f" for row in book["gdp_pc"].iter_rows() for cell in row)


def test_xlsx_sources_sheet_in_language_with_fallback(view_frame: pd.DataFrame, sources: pd.DataFrame) -> None:
    book = openpyxl.load_workbook(io.BytesIO(view_data_xlsx(view_frame, sources, sheet_name="data", lang="zh")))
    assert book.sheetnames == ["data", "sources"]
    rows = _rows(book["sources"])
    assert tuple(rows[0]) == SOURCES_COLUMNS
    assert rows[1] == ["csy2011", "中国统计年鉴2011", "国家统计局", 2011, "3-9", "http://www.stats.gov.cn/", "official", None]
    # No Chinese title: the English one is used, and it is neutralised.
    assert rows[2][1] == "'=HYPERLINK(\"http://x\")"
    english = openpyxl.load_workbook(io.BytesIO(view_data_xlsx(view_frame, sources, sheet_name="d", lang="en")))
    assert _rows(english["sources"])[1][1] == "China Statistical Yearbook 2011"


def test_xlsx_sheet_name_made_valid_for_excel(view_frame: pd.DataFrame, sources: pd.DataFrame) -> None:
    name = "人均GDP [2010]: 云南/贵州 and a very long tail beyond 31"
    book = openpyxl.load_workbook(io.BytesIO(view_data_xlsx(view_frame, sources, sheet_name=name, lang="zh")))
    data_name = book.sheetnames[0]
    assert len(data_name) <= 31 and not set(data_name) & set("[]:*?/\\")
    assert data_name.startswith("人均GDP _2010__ 云南_贵州")


def test_xlsx_rejects_unknown_language(view_frame: pd.DataFrame, sources: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="lang"):
        view_data_xlsx(view_frame, sources, sheet_name="d", lang="fr")


@given(st.text())
def test_neutralised_text_never_starts_with_a_trigger(text: str) -> None:
    safe = neutralise_formula(text)
    assert isinstance(safe, str)
    assert not safe.startswith(FORMULA_STARTS)
    # Harmless text is untouched; risky text only gains the one quote.
    assert safe == (("'" + text) if text.startswith(FORMULA_STARTS) else text)


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()))
def test_non_text_passes_through(value: object) -> None:
    assert neutralise_formula(value) is value


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20), min_size=1, max_size=5))
def test_xlsx_round_trip_never_stores_formula(texts: list[str]) -> None:
    frame = pd.DataFrame({"text": texts})
    book = openpyxl.load_workbook(io.BytesIO(view_data_xlsx(frame, pd.DataFrame(), sheet_name="d", lang="en")))
    cells = [row[0] for row in book["d"].iter_rows(min_row=2)]
    assert all(cell.data_type != "f" for cell in cells)
    assert [cell.value or "" for cell in cells] == [str(neutralise_formula(text)) for text in texts]

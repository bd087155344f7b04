"""The data behind a view as CSV or XLSX, safe to open in Excel.

Officials open these files in Excel. Two things matter there:
- Chinese must survive: CSV gets a UTF-8 byte-order mark, without which Excel guesses the
  ANSI code page and shows mojibake.
- A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run
  as a formula by spreadsheet programs (CSV/formula injection; openpyxl even writes a string
  starting with ``=`` as a formula). Such text is prefixed with a single quote. Numbers are
  never touched, so -5 stays the number -5.
"""
from __future__ import annotations

import io
import math
import re
from collections.abc import Hashable, Sequence
from datetime import date, datetime
from typing import Final

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# One rule for every export: the tidy dataset download and these view exports neutralise alike.
from dashboard.data.export import FORMULA_STARTS, neutralise_formula

__all__ = ["FORMULA_STARTS", "neutralise_formula", "sources_table", "view_data_csv", "view_data_xlsx"]

SOURCES_SHEET: Final = "sources"
SOURCES_COLUMNS: Final = ("source_id", "title", "publisher", "year", "table", "url", "licence", "doubts")
LANGS: Final = ("zh", "en")

# Excel refuses these in sheet names, and caps names at 31 characters.
_SHEET_NAME_FORBIDDEN: Final = re.compile(r"[\[\]:*?/\\]")
_SHEET_NAME_MAX: Final = 31
_MAX_COLUMN_WIDTH: Final = 60


def _neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column label neutralised."""
    safe = frame.copy()
    safe.columns = [_label(column) for column in frame.columns]
    for column in safe.columns:
        if not (pd.api.types.is_numeric_dtype(safe[column]) or pd.api.types.is_bool_dtype(safe[column])):
            safe[column] = safe[column].map(neutralise_formula).astype(object)
    return safe


def _label(column: Hashable) -> str:
    return str(neutralise_formula(str(column)))


def view_data_csv(frame: pd.DataFrame) -> bytes:
    """The view's data as CSV: UTF-8 with a byte-order mark, CRLF lines (RFC 4180), no index."""
    text = _neutralise_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _cell_value(value: object) -> object:
    """A value openpyxl stores natively: numbers as numbers, missing values as empty cells."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        # Excel has no NaN or infinity: an empty cell is the honest "no data".
        return None if math.isnan(number) or math.isinf(number) else number
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (datetime, date)):
        return value
    # Control characters other than tab/newline make openpyxl refuse the whole file.
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return neutralise_formula(text)


def _sheet_title(name: str) -> str:
    cleaned = _SHEET_NAME_FORBIDDEN.sub("_", name).strip().strip("'")[:_SHEET_NAME_MAX]
    if not cleaned or cleaned.casefold() == SOURCES_SHEET:
        return "data"
    return cleaned


def _write_sheet(sheet, frame: pd.DataFrame) -> None:  # noqa: ANN001 openpyxl Worksheet is untyped
    labels = [_label(column) for column in frame.columns]
    sheet.append(labels)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(label) for label in labels]
    for row in frame.itertuples(index=False, name=None):
        values = [_cell_value(value) for value in row]
        sheet.append(values)
        for position, value in enumerate(values):
            if value is not None:
                widths[position] = max(widths[position], len(str(value)))
    sheet.freeze_panes = "A2"
    for position, width in enumerate(widths, start=1):
        # CJK characters are about two Latin characters wide; +2 leaves room for the filter arrow.
        sheet.column_dimensions[get_column_letter(position)].width = min(width * 1.5 + 2, _MAX_COLUMN_WIDTH)


def sources_table(sources: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The sources in the export's column order, with the title in ``lang``.

    Accepts the dataset's ``sources`` table (``title_zh``/``title_en``) or a frame that
    already has ``title``; a title missing in ``lang`` falls back to the other language.
    Columns the input lacks are left empty rather than failing the export.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    other = "en" if lang == "zh" else "zh"
    empty = pd.Series(None, index=sources.index, dtype=object)
    table = pd.DataFrame(index=sources.index)
    for column in SOURCES_COLUMNS:
        if column in sources.columns:
            table[column] = sources[column].astype(object)
        elif column == "title":
            table[column] = _present(sources.get(f"title_{lang}", empty)).combine_first(
                _present(sources.get(f"title_{other}", empty))
            )
        else:
            table[column] = empty
    return table.reset_index(drop=True)


def _present(texts: pd.Series) -> pd.Series:
    """``texts`` as objects, with blank strings treated as missing."""
    values = texts.astype(object)
    return values.where(values.notna() & (values.astype(str).str.strip() != ""), None)


def view_data_xlsx(frame: pd.DataFrame, sources: pd.DataFrame, *, sheet_name: str, lang: str) -> bytes:
    """The view's data on one sheet and its sources on a sheet named ``sources``."""
    workbook = Workbook()
    data_sheet = workbook.active
    data_sheet.title = _sheet_title(sheet_name)
    _write_sheet(data_sheet, frame)
    _write_sheet(workbook.create_sheet(SOURCES_SHEET), sources_table(sources, lang=lang))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ABOUT_SHEET: Final = "about"


def slide_xlsx(about: list[tuple[str, str]], tables: Sequence[tuple[str, pd.DataFrame]], sources: pd.DataFrame,
               *, lang: str) -> bytes:
    """A view's export: an ``about`` sheet (title, subtitle, key finding, source, data year,
    language, link), one sheet per result table of the view, and its sources."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ABOUT_SHEET
    _write_sheet(sheet, pd.DataFrame(about, columns=["field", "value"]))
    used = {ABOUT_SHEET, SOURCES_SHEET}
    for name, frame in tables:
        title = _sheet_title(name)
        while title.casefold() in used:
            title = _sheet_title(title + "_")
        used.add(title.casefold())
        _write_sheet(workbook.create_sheet(title), frame)
    _write_sheet(workbook.create_sheet(SOURCES_SHEET), sources_table(sources, lang=lang))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

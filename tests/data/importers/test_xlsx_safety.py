"""Hostile workbooks are measured from their XML and refused before openpyxl builds anything."""
from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.upload import import_file
from dashboard.data.importers.xlsx_safety import MAX_SHEET_CELLS, MAX_WORKBOOK_CELLS, parse_ref, scan_xlsx

EN = ["area", "indicator_id", "year", "value"]


def _workbook(rows: list[list[object]], title: str = "data") -> bytes:
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rezip(xlsx: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info)))
        for name, body in (add or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def _sheet_xml(xlsx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source:
        return source.read("xl/worksheets/sheet1.xml")


def merge_bomb() -> bytes:
    good = _workbook([EN, ["Yunnan", "population", 2010, 4602]])
    sheet = _sheet_xml(good).replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    )
    return _rezip(good, replace={"xl/worksheets/sheet1.xml": sheet})


def test_merged_cell_bomb_is_refused_with_its_sheet_and_range(dataset: Dataset) -> None:
    bomb = merge_bomb()
    assert len(bomb) < 8 * 1024
    with pytest.raises(DataError) as caught:
        import_file(bomb, filename="bomb.xlsx", dataset=dataset)
    message = str(caught.value)
    assert message.startswith("bomb.xlsx, sheet 'data'"), message
    assert "merged range A1:XFD1048576 covers 17,179,869,184 cells" in message


def test_declared_dimension_beyond_the_limit_is_refused(dataset: Dataset) -> None:
    good = _workbook([EN, ["Yunnan", "population", 2010, 4602]])
    sheet = _sheet_xml(good)
    start = sheet.index(b"<dimension")
    end = sheet.index(b"/>", start) + 2
    sheet = sheet[:start] + b'<dimension ref="A1:XFD1048576"/>' + sheet[end:]
    with pytest.raises(DataError) as caught:
        import_file(_rezip(good, replace={"xl/worksheets/sheet1.xml": sheet}), filename="dim.xlsx", dataset=dataset)
    assert "dim.xlsx, sheet 'data'" in str(caught.value)
    assert "declares 1048576 rows x 16384 columns" in str(caught.value)


def test_one_far_cell_is_refused_by_the_extent_it_implies(dataset: Dataset) -> None:
    good = _workbook([EN, ["Yunnan", "population", 2010, 4602]])
    sheet = _sheet_xml(good).replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>',
    )
    with pytest.raises(DataError) as caught:
        import_file(_rezip(good, replace={"xl/worksheets/sheet1.xml": sheet}), filename="far.xlsx", dataset=dataset)
    assert "far.xlsx, sheet 'data'" in str(caught.value) and "too large to import" in str(caught.value)


def test_many_merges_together_are_bounded(dataset: Dataset) -> None:
    good = _workbook([EN, ["Yunnan", "population", 2010, 4602]])
    ranges = b"".join(b'<mergeCell ref="A1:AX%d"/>' % 1000 for _ in range(6))  # 6 x 50,000 cells
    sheet = _sheet_xml(good).replace(b"</sheetData>", b"</sheetData><mergeCells>" + ranges + b"</mergeCells>")
    with pytest.raises(DataError) as caught:
        import_file(_rezip(good, replace={"xl/worksheets/sheet1.xml": sheet}), filename="many.xlsx", dataset=dataset)
    assert f"merged ranges cover more than {MAX_SHEET_CELLS:,} cells" in str(caught.value)


def test_many_sheets_each_within_the_limit_are_bounded_together(dataset: Dataset) -> None:
    """A 120 KB file of 400 sheets, one far cell each, held 680 MB for 15 s inside openpyxl."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for number in range(400):
        sheet = book.create_sheet(f"s{number}")
        sheet.append(EN)
        sheet["J19999"] = 1  # 19,999 x 10 cells: inside the per-sheet limit
    out = io.BytesIO()
    book.save(out)
    assert 10 * 19_999 < MAX_SHEET_CELLS < 400 * 10 * 19_999
    with pytest.raises(DataError) as caught:
        import_file(out.getvalue(), filename="sheets.xlsx", dataset=dataset)
    message = str(caught.value)
    assert message.startswith("sheets.xlsx: its 400 sheets use more than"), message
    assert f"{MAX_WORKBOOK_CELLS:,} cells together" in message


def test_real_merges_are_spread_and_measured() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [EN, ["Yunnan", "population", 2010, 4602], [None, None, 2011, 4631]]:
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    out = io.BytesIO()
    book.save(out)
    scan = scan_xlsx(out.getvalue(), "ok.xlsx")
    (only,) = scan.sheets.values()
    assert (only.rows, only.columns, only.merges) == (3, 4, ((2, 1, 3, 1),))


def test_utf16_part_declaring_an_entity_is_refused(dataset: Dataset) -> None:
    """The old check looked for b'<!ENTITY' in raw bytes; UTF-16 spells it with NULs between."""
    good = _workbook([EN, ["Yunnan", "population", 2010, 4602]])
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        workbook_xml = source.read("xl/workbook.xml").decode("utf-8")
    body = workbook_xml.split("?>", 1)[-1]
    hostile = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w [<!ENTITY a "aaaa">]>' + body).encode("utf-16")
    assert b"<!ENTITY" not in hostile
    with pytest.raises(DataError) as caught:
        import_file(_rezip(good, replace={"xl/workbook.xml": hostile}), filename="u16.xlsx", dataset=dataset)
    assert "u16.xlsx" in str(caught.value) and "declares XML entities" in str(caught.value)


def test_external_links_warn_that_cached_values_were_imported(dataset: Dataset) -> None:
    good = _workbook([EN, ["Yunnan", "population", 2010, 4602]])
    link = (b'<?xml version="1.0" encoding="UTF-8"?><externalLink '
            b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    table = import_file(_rezip(good, add={"xl/externalLinks/externalLink1.xml": link}), filename="linked.xlsx",
                        dataset=dataset)
    assert any("external links" in w and "cached" in w for w in table.warnings), table.warnings
    assert len(table.observations) == 1


@pytest.mark.parametrize(("ref", "box"), [
    ("A1", (1, 1, 1, 1)), ("B2:A1", (1, 1, 2, 2)), ("$A$1:XFD1048576", (1, 1, 1048576, 16384)),
    ("A1:", None), ("1A", None), ("", None),
])
def test_parse_ref(ref: str, box: tuple[int, int, int, int] | None) -> None:
    assert parse_ref(ref) == box

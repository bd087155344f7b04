"""Old Excel (.xls) uploads: measured before calamine reads them, refused by name when damaged,
password-protected or too large, and read like the CSV exports otherwise.

Cases are made by changing a few bytes of a real NBS download (../shared/real-files), so each
stays a well-formed compound file except for the one thing the test is about."""
from __future__ import annotations

import struct
from pathlib import Path

import pytest

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.upload import import_file
from dashboard.data.importers.xls import is_ole2, read_xls_sheets, scan_xls
from dashboard.data.importers.xlsx_safety import MAX_SHEET_CELLS

REAL = Path(__file__).resolve().parents[4] / "shared" / "real-files"
ZH_XLS = REAL / "02_nbs_gdp_2015_2019_zh_biff8.xls"
pytestmark = pytest.mark.skipif(not ZH_XLS.exists(), reason="../shared/real-files is not beside the checkout")


@pytest.fixture
def zh_xls() -> bytes:
    return ZH_XLS.read_bytes()


def _patched(raw: bytes, marker: bytes, offset: int, replacement: bytes) -> bytes:
    at = raw.find(marker)
    assert at >= 0, "the real file no longer holds the record this case changes"
    start = at + offset
    return raw[:start] + replacement + raw[start + len(replacement):]


def test_scan_measures_the_real_download(zh_xls: bytes) -> None:
    scan = scan_xls(zh_xls, "02.xls")
    assert is_ole2(zh_xls)
    assert [(s.name, s.visible, s.rows, s.columns) for s in scan.sheets] == [("分省年度数据", True, 38, 6)]
    assert scan.warnings == ()


def test_sheet_cells_are_read_as_values(zh_xls: bytes) -> None:
    sheets, _ = read_xls_sheets(zh_xls, "02.xls")
    name, rows = sheets[0]
    assert rows[3] == ("地区", "2019年", "2018年", "2017年", "2016年", "2015年")
    assert rows[4][:2] == ("北京市", 35371.28)
    assert rows[0][1] is None  # empty cells are None, not NaN


def test_a_cell_far_out_is_refused_before_calamine_builds_the_grid(zh_xls: bytes) -> None:
    # The first NUMBER record (type 0x0203, 14 bytes): move its cell to row 60001, column 201.
    far = _patched(zh_xls, b"\x03\x02\x0e\x00", 4, struct.pack("<HH", 60000, 200))
    with pytest.raises(DataError) as caught:
        scan_xls(far, "far.xls")
    assert "too large to import" in str(caught.value)
    assert f"{MAX_SHEET_CELLS:,}" in str(caught.value)
    assert "sheet '分省年度数据'" in str(caught.value)


def test_the_sheets_together_are_bounded(zh_xls: bytes, monkeypatch) -> None:
    """calamine builds every sheet's grid; many sheets each within the limit must add up to a
    refusal too (here the bound is lowered below the real download's 38 x 6 cells)."""
    monkeypatch.setattr("dashboard.data.importers.xls.MAX_WORKBOOK_CELLS", 200)
    with pytest.raises(DataError) as caught:
        scan_xls(zh_xls, "02.xls")
    assert str(caught.value).startswith("02.xls: its 1 sheets use more than 200 cells together")


def test_a_password_protected_workbook_is_named(zh_xls: bytes) -> None:
    # The CODEPAGE record (0x0042) of the workbook globals turned into FILEPASS (0x002F).
    locked = _patched(zh_xls, b"\x42\x00\x02\x00", 0, b"\x2f\x00")
    with pytest.raises(DataError, match="password-protected"):
        scan_xls(locked, "locked.xls")


@pytest.mark.parametrize("cut", [600, 3000, 7000])
def test_a_truncated_file_is_a_located_refusal(zh_xls: bytes, cut: int) -> None:
    with pytest.raises(DataError) as caught:
        read_xls_sheets(zh_xls[:cut], "cut.xls")
    assert str(caught.value).startswith("cut.xls: ")
    assert "Excel 97-2003" in str(caught.value)


def test_not_a_workbook_inside_ole2_is_refused() -> None:
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    with pytest.raises(DataError, match="damaged Excel 97-2003"):
        scan_xls(bytes(header), "empty.xls")


def test_macros_are_reported_not_run(zh_xls: bytes, bundled_dataset: Dataset) -> None:
    # Rename the directory entry of the Workbook's sibling stream, if any, to a VBA storage name.
    name = "Workbook".encode("utf-16-le")
    at = zh_xls.find(name)
    entries_start = at - at % 128
    patched = bytearray(zh_xls)
    # Append a macro storage entry in a free directory slot (type 0 = unused) after the Workbook entry.
    for slot in range(entries_start + 128, entries_start + 128 * 4, 128):
        if patched[slot + 0x42] == 0:
            vba = "_VBA_PROJECT_CUR".encode("utf-16-le") + b"\x00\x00"
            patched[slot:slot + len(vba)] = vba
            struct.pack_into("<H", patched, slot + 0x40, len(vba))
            patched[slot + 0x42] = 1
            break
    else:
        pytest.skip("no free directory slot in this file")
    table = import_file(bytes(patched), filename="macro.xls", dataset=bundled_dataset)
    assert any("macros" in w and "not run" in w for w in table.warnings)
    assert len(table.observations) == 155


def test_the_zh_download_imports_like_the_csv_export(zh_xls: bytes, bundled_dataset: Dataset) -> None:
    table = import_file(zh_xls, filename="02.xls", dataset=bundled_dataset)
    assert table.warnings[0] == "read as NBS export (Excel 97-2003)"
    rows = table.observations.set_index(["area_code", "year"])["value"]
    assert set(table.observations["indicator_id"]) == {"gdp"}
    assert rows[("110000", 2019)] == pytest.approx(35371.28)
    assert rows[("650000", 2015)] == pytest.approx(9324.8)
    assert len(rows) == 31 * 5

"""The .xls files of the bad-input corpus (written by tests/data/bad_inputs/xls_writer.py, not
copied from real downloads): what each gives beyond the manifest's ok/error."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.upload import import_file

CORPUS = Path(__file__).resolve().parents[1] / "bad_inputs"


def _import(name: str, dataset: Dataset, **options):
    return import_file((CORPUS / name).read_bytes(), filename=name, dataset=dataset, **options)


def test_an_nbs_export_saved_as_xls_reads_its_values_and_footnote(bundled_dataset: Dataset) -> None:
    table = _import("xls_nbs_export_ok.xls", bundled_dataset)
    assert table.warnings[0] == "read as NBS export (Excel 97-2003)"
    values = table.observations.set_index(["area_code", "year"])["value"]
    assert values[("530000", 2011)] == 4631 and values[("520000", 2010)] == 3479
    assert set(table.observations["indicator_id"]) == {"population"}
    assert any("常住人口" in note for note in table.notes)


def test_macros_are_reported_and_never_run(bundled_dataset: Dataset) -> None:
    table = _import("xls_macros_ok.xls", bundled_dataset)
    assert any("contains macros; they were not run" in w for w in table.warnings)
    assert len(table.observations) == 2


@pytest.mark.parametrize("name, says", [
    ("xls_broken.xls", "damaged Excel 97-2003 (.xls) file"),
    ("xls_password.xls", "remove the password in Excel"),
    ("xls_encrypted_xlsx.xls", "remove the password in Excel"),
    ("xls_huge_sheet.xls", "sheet uses 65536 rows x 256 columns"),
])
def test_each_refusal_names_the_file_and_what_to_do(name: str, says: str, bundled_dataset: Dataset) -> None:
    with pytest.raises(DataError) as caught:
        _import(name, bundled_dataset)
    assert str(caught.value).startswith(name) and says in str(caught.value)

"""Every file of the bad-input corpus: a located DataError (or a clean import), never a crash,
and the dataset loaded before is left exactly as it was."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.base import MAX_IMPORT_BYTES
from dashboard.data.importers.upload import import_file, merge_import

CORPUS = Path(__file__).resolve().parents[1] / "bad_inputs"
MANIFEST = list(csv.DictReader((CORPUS / "manifest.csv").open(encoding="utf-8")))
TABLES = ("areas", "indicators", "observations", "sources", "roles")


def _snapshot(dataset: Dataset) -> dict[str, pd.DataFrame]:
    return {name: getattr(dataset, name).copy(deep=True) for name in TABLES}


def _assert_unchanged(dataset: Dataset, before: dict[str, pd.DataFrame]) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(dataset, name), before[name])


def test_corpus_is_large_enough_and_small_on_disk() -> None:
    errors = [case for case in MANIFEST if case["outcome"] == "error"]
    assert len(errors) >= 40
    assert all((CORPUS / case["file"]).stat().st_size < 1_048_576 for case in MANIFEST)


@pytest.mark.parametrize("case", MANIFEST, ids=[case["file"] for case in MANIFEST])
def test_corpus_file(case: dict[str, str], dataset: Dataset) -> None:
    before = _snapshot(dataset)
    raw = (CORPUS / case["file"]).read_bytes()
    indicator = case["indicator"] or None
    if case["outcome"] == "ok":
        table = import_file(raw, filename=case["file"], dataset=dataset, indicator_id=indicator)
        merged = merge_import(dataset, table)
        cell = ["area_code", "indicator_id", "year", "subgroup"]
        imported = set(table.observations[cell].itertuples(index=False, name=None))
        assert imported
        assert imported <= set(merged.observations[cell].itertuples(index=False, name=None))
    else:
        with pytest.raises(DataError) as caught:
            table = import_file(raw, filename=case["file"], dataset=dataset, indicator_id=indicator)
            merge_import(dataset, table)
        message = str(caught.value)
        assert message.startswith(case["file"]), message
        assert case["fragment"] in message, message
        assert case["location"] in message, message
    _assert_unchanged(dataset, before)


def test_fifty_megabyte_file_is_refused_before_parsing(tmp_path: Path, dataset: Dataset) -> None:
    big = tmp_path / "huge.csv"
    with big.open("wb") as out:
        out.write("地区,指标,年份,数值\r\n".encode())
        out.write(b"\xe4\xba\x91\xe5\x8d\x97,population,2010,4602\r\n" * (50 * 1_048_576 // 28))
    raw = big.read_bytes()
    assert len(raw) > 10 * MAX_IMPORT_BYTES
    with pytest.raises(DataError) as caught:
        import_file(raw, filename=big.name, dataset=dataset)
    assert "huge.csv" in str(caught.value) and "the limit is 5 MB" in str(caught.value)


def test_real_zip_bomb_is_refused_from_its_directory(tmp_path: Path, dataset: Dataset) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["area", "indicator_id", "year", "value"])
    plain = io.BytesIO()
    book.save(plain)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info))
        with out.open("xl/worksheets/sheet2.xml", "w") as member:  # 64 MB of zeros, ~64 KB packed
            chunk = b"\x00" * 1_048_576
            for _ in range(64):
                member.write(chunk)
    raw = bomb.read_bytes()
    assert len(raw) < MAX_IMPORT_BYTES
    before = _snapshot(dataset)
    with pytest.raises(DataError) as caught:
        import_file(raw, filename=bomb.name, dataset=dataset)
    assert str(caught.value).startswith("bomb.xlsx") and "zip bomb" in str(caught.value)
    _assert_unchanged(dataset, before)

"""Rebuilding from ../shared/reference-data reproduces the committed bundle (skipped without it)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.build import DEFAULT_REFERENCE, _indicators, build, resolve_overlaps

DATA_DIR = Path(__file__).resolve().parents[3] / "data"


@pytest.mark.skipif(not DEFAULT_REFERENCE.is_dir(), reason="reference data not beside the checkout")
def test_build_reproduces_committed_observations(tmp_path: Path) -> None:
    for name in ("areas.csv", "programme_roles.csv", "crosscheck_explanations.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    build(DEFAULT_REFERENCE, tmp_path)
    for name in ("observations.csv", "indicators.csv", "sources.csv"):
        fresh = pd.read_csv(tmp_path / name, dtype=str, keep_default_na=False)
        committed = pd.read_csv(DATA_DIR / name, dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(fresh, committed, obj=name)
    for name in ("CROSSCHECK.md", "crosscheck_disagreements.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (DATA_DIR / name).read_text(encoding="utf-8"), name


def _rows(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area_code", "indicator_id", "year", "subgroup", "value", "source_id"])


def test_a_preferred_source_supersedes_others_only_in_the_cells_it_holds() -> None:
    observations = _rows([
        ("100000", "mmr", 1990, "total", 89.0, "REPORT"),
        ("100000", "mmr", 1991, "total", 80.0, "REPORT"),
        ("100000", "mmr", 1991, "total", 80.0, "DB"),
        ("100000", "mmr", 1991, "urban", 46.3, "DB"),
        ("110000", "mmr", 1991, "total", 20.0, "PROV"),
    ])
    kept, superseded = resolve_overlaps(observations, {"DB"})
    assert list(superseded["source_id"]) == ["REPORT"] and list(superseded["year"]) == [1991]
    assert len(kept) == 4 and not kept.duplicated(["area_code", "indicator_id", "year", "subgroup"]).any()


class _Module:
    def __init__(self, **attributes) -> None:
        self.__dict__.update(attributes)


def test_shared_indicator_rows_yield_to_an_owner_and_notes_append() -> None:
    owner = _Module(INDICATORS=[{"indicator_id": "cpi_prev_year", "definition_zh": "省", "definition_en": "Provinces."}])
    national = _Module(
        INDICATORS=[],
        SHARED_INDICATORS=[
            {"indicator_id": "cpi_prev_year", "definition_zh": "全国", "definition_en": "National."},
            {"indicator_id": "gini_disposable_income", "definition_zh": "基尼", "definition_en": "Gini."},
        ],
        DEFINITION_NOTES={"cpi_prev_year": (" 全国注", " National note.")},
    )
    rows = {row["indicator_id"]: row for row in _indicators([owner, national])}
    assert set(rows) == {"cpi_prev_year", "gini_disposable_income"}
    assert rows["cpi_prev_year"]["definition_en"] == "Provinces. National note."
    assert rows["cpi_prev_year"]["definition_zh"] == "省 全国注"
    assert owner.INDICATORS[0]["definition_en"] == "Provinces."  # the module's own rows are not mutated


def test_a_module_note_is_not_appended_to_its_own_shared_row() -> None:
    national = _Module(
        SHARED_INDICATORS=[{"indicator_id": "gini_disposable_income", "definition_zh": "基尼", "definition_en": "Gini."}],
        DEFINITION_NOTES={"gini_disposable_income": (" 注", " Note.")},
    )
    (row,) = _indicators([national])
    assert row["definition_en"] == "Gini."

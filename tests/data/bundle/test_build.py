"""Rebuilding from ../shared/reference-data reproduces the committed bundle (skipped without it)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.build import DEFAULT_REFERENCE, build

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

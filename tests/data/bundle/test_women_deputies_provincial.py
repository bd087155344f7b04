"""Women in provincial congresses (§20): point values only, a distinct id from the NPC share."""
from __future__ import annotations

import pytest

from dashboard.data.dataset import Dataset
from tests.data.bundle.conftest import value


def test_values_and_bands_left_out(dataset: Dataset) -> None:
    assert value(dataset, "women_provincial_congress_share", "120000", 2020) == pytest.approx(32.3)
    assert value(dataset, "women_provincial_congress_share", "310000", 2014) == pytest.approx(31.7)
    obs = dataset.observations
    rows = obs[obs["indicator_id"] == "women_provincial_congress_share"]
    assert len(rows) == 2 and set(rows["confidence"]) == {"S"}  # Beijing ">=30" band not bundled
    npc = obs[obs["indicator_id"] == "women_npc_seats_share"]
    assert set(npc["area_code"]) == {"100000"}

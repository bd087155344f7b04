"""Resources.dataset_for with a workspace open: its datasets are merged on top of the bundle for
whoever holds a live link, and nothing the browser sends can name another workspace."""
from __future__ import annotations

import pytest

from dashboard.callbacks.resources import Resources
from dashboard.workspace import open_database

ROW = {"area_code": "530000", "indicator_id": "urbanisation_rate", "year": 2012, "value": 39.3, "subgroup": "total",
       "source_id": "USER", "vintage": "upload-2026", "flag": "official", "note": "", "confidence": None}


@pytest.fixture
def store(tmp_path):
    store = open_database(f"sqlite:///{tmp_path / 'workspaces.sqlite3'}")
    yield store
    store.engine.dispose()


@pytest.fixture
def res(dataset, store) -> Resources:
    return Resources(dataset=dataset, geojson_url="", south_china_sea=[], topojson_url="", workspaces=store)


def _values(dataset, year: int) -> list[float]:
    obs = dataset.observations
    return obs.loc[(obs["area_code"] == "530000") & (obs["year"] == year), "value"].tolist()


def _save(store, access, rows, version=None, name="云南.csv") -> int:
    return store.save_document(access, "dataset", name, {"filename": name, "sheet": None, "rows": rows}, version)


def test_a_workspace_s_datasets_are_merged_for_every_link_holder(res, store):
    access, links = store.create_workspace("云南")
    _save(store, access, [ROW])
    assert _values(res.dataset_for({"workspace": {"token": links["read"].token}}), 2012) == [39.3]
    assert _values(res.dataset_for(None), 2012) == []                       # the bundle is unchanged


def test_a_new_version_is_read_and_a_revoked_link_reads_only_the_bundle(res, store):
    access, links = store.create_workspace("云南")
    version = _save(store, access, [ROW])
    opened = {"workspace": {"token": links["read"].token}}
    res.dataset_for(opened)
    _save(store, access, [{**ROW, "value": 40.1}], version)
    assert _values(res.dataset_for(opened), 2012) == [40.1]
    store.revoke_link(access, links["read"].id)
    assert _values(res.dataset_for(opened), 2012) == []


def test_the_browser_cannot_name_a_workspace_without_its_link(res, store):
    access, _ = store.create_workspace("private")
    _save(store, access, [ROW])
    forged = {"workspace": {"token": "A" * 43, "id": access.workspace_id},
              "uploads": [{"ws": access.workspace_id, "doc": "云南.csv", "rows": []}]}
    assert _values(res.dataset_for(forged), 2012) == []


def test_a_stored_dataset_that_no_longer_merges_is_named_and_left_out(res, store):
    access, links = store.create_workspace("w")
    _save(store, access, [{**ROW, "indicator_id": "no_such_indicator"}], name="bad.csv")
    opened = {"workspace": {"token": links["edit"].token}}
    assert _values(res.dataset_for(opened), 2012) == []
    assert list(res.workspace_problems(opened)) == ["bad.csv"] and res.upload_problems(opened) == {}


def test_tab_uploads_still_merge_on_top_of_the_workspace(res, store):
    access, links = store.create_workspace("w")
    _save(store, access, [ROW])
    tab = {"workspace": {"token": links["edit"].token},
           "uploads": [{"filename": "x.csv", "replace": False, "rows": [{**ROW, "year": 2013, "value": 41.0}]}]}
    merged = res.dataset_for(tab)
    assert _values(merged, 2012) == [39.3] and _values(merged, 2013) == [41.0]

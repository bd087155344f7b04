"""WorkspaceStore on a real database: documents, versions, links and backups."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from dashboard.workspace import DocumentTooLarge, VersionConflict, WorkspaceError, open_database
from dashboard.workspace.models import ShareLink
from dashboard.workspace.store import MAX_DOCUMENT_BYTES, ReadOnly
from dashboard.workspace.tokens import token_hash

ROWS = [{"area_code": "530000", "indicator_id": "population", "year": 2010, "value": 4602.0, "subgroup": "total",
         "source_id": "USER", "vintage": "upload", "flag": "official", "note": "县级", "confidence": None}]
DATASET = {"filename": "云南.xlsx", "sheet": "Sheet1", "imported_at": "2026-12-03T07:00:00+00:00", "rows": ROWS}


def test_a_saved_dataset_reads_back_with_its_file_name_sheet_and_rows(store):
    access, _ = store.create_workspace("云南 team")
    assert store.save_document(access, "dataset", "云南.xlsx", DATASET, None) == 1
    loaded = store.load_document(access, "dataset", "云南.xlsx")
    assert loaded.content == DATASET and loaded.version == 1
    assert [(d.kind, d.name, d.version, d.content) for d in store.documents(access)] == [
        ("dataset", "云南.xlsx", 1, None)]


def test_a_save_names_the_version_it_read_and_a_stale_one_conflicts(store):
    access, _ = store.create_workspace("w")
    store.save_document(access, "storyboard", "meeting", {"slides": []}, None)
    assert store.save_document(access, "storyboard", "meeting", {"slides": [1]}, 1) == 2
    with pytest.raises(VersionConflict) as conflict:
        store.save_document(access, "storyboard", "meeting", {"slides": [2]}, 1)   # a colleague's stale copy
    assert conflict.value.current == 2
    assert store.load_document(access, "storyboard", "meeting").content == {"slides": [1]}


def test_a_new_name_that_exists_already_conflicts_rather_than_overwrites(store):
    access, _ = store.create_workspace("w")
    store.save_document(access, "pilots", "pilots", ["530000"], None)
    with pytest.raises(VersionConflict):
        store.save_document(access, "pilots", "pilots", ["520000"], None)
    assert store.load_document(access, "pilots", "pilots").content == ["530000"]


def test_a_document_over_its_kind_s_cap_is_refused_and_nothing_is_saved(store):
    access, _ = store.create_workspace("w")
    with pytest.raises(DocumentTooLarge):
        store.save_document(access, "storyboard", "big", {"note": "x" * MAX_DOCUMENT_BYTES["storyboard"]}, None)
    assert store.documents(access) == []


def test_links_open_edit_and_read_only_access_and_only_hashes_are_stored(store):
    access, links = store.create_workspace("w")
    assert store.open(links["edit"].token).can_edit
    reader = store.open(links["read"].token)
    assert reader.workspace_id == access.workspace_id and not reader.can_edit
    with store._session() as session:
        stored = set(session.scalars(select(ShareLink.token_sha256)))
    assert stored == {token_hash(links["edit"].token), token_hash(links["read"].token)}
    assert len(links["edit"].token) >= 43          # 256 random bits


def test_a_read_only_link_cannot_write(store):
    _, links = store.create_workspace("w")
    reader = store.open(links["read"].token)
    with pytest.raises(ReadOnly):
        store.save_document(reader, "dataset", "x", DATASET, None)
    with pytest.raises(ReadOnly):
        store.create_link(reader, "edit")


def test_a_revoked_link_no_longer_opens_and_others_still_do(store):
    access, links = store.create_workspace("w")
    assert store.revoke_link(access, links["read"].id)
    assert store.open(links["read"].token) is None
    assert store.open(links["edit"].token) is not None
    assert not store.revoke_link(access, links["read"].id)      # already revoked


def test_a_link_of_another_workspace_cannot_be_revoked(store):
    mine, _ = store.create_workspace("mine")
    _, theirs = store.create_workspace("theirs")
    assert not store.revoke_link(mine, theirs["read"].id)
    assert store.open(theirs["read"].token) is not None


def test_unknown_and_malformed_tokens_open_nothing(store):
    assert store.open("x" * 43) is None
    assert store.open("../../etc/passwd") is None
    assert store.open(None) is None


def test_a_workspace_only_sees_its_own_documents(store):
    one, _ = store.create_workspace("one")
    two, _ = store.create_workspace("two")
    store.save_document(one, "dataset", "a", DATASET, None)
    assert store.documents(two) == [] and store.load_document(two, "dataset", "a") is None


def test_delete_document_checks_the_version(store):
    access, _ = store.create_workspace("w")
    store.save_document(access, "dataset", "a", DATASET, None)
    with pytest.raises(VersionConflict):
        store.delete_document(access, "dataset", "a", 7)
    store.delete_document(access, "dataset", "a", 1)
    assert store.documents(access) == []


def test_export_then_import_restores_every_document_with_new_links(store):
    access, links = store.create_workspace("云南")
    store.save_document(access, "dataset", "a.csv", DATASET, None)
    store.save_document(access, "storyboard", "meeting", {"slides": [{"query": "?view=map"}]}, None)
    backup = store.export_workspace(access)
    restored, new_links = store.import_workspace(backup)
    assert restored.workspace_id != access.workspace_id and restored.workspace_name == "云南"
    assert store.export_workspace(restored)["documents"][0]["content"] == DATASET
    assert {d.name for d in store.documents(restored)} == {"a.csv", "meeting"}
    assert new_links["edit"].token != links["edit"].token


def test_a_backup_that_is_not_one_is_refused(store):
    with pytest.raises(WorkspaceError):
        store.import_workspace({"format": "other"})
    with pytest.raises(WorkspaceError):
        store.import_workspace({"format": "xiaokang-workspace/1", "documents": [{"kind": "virus", "name": "x"}]})


def test_delete_workspace_removes_its_documents_and_links(store):
    access, links = store.create_workspace("w")
    store.save_document(access, "dataset", "a", DATASET, None)
    assert store.delete_workspace(access.workspace_id)
    assert store.open(links["edit"].token) is None
    assert access.workspace_id not in {w.id for w in store.list_workspaces()}


def test_reopening_a_migrated_database_keeps_its_workspaces(store, database):
    access, links = store.create_workspace("w")
    again = open_database(database)
    assert again.open(links["read"].token).workspace_id == access.workspace_id
    again.engine.dispose()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.recursive(st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.text(max_size=20),
                            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=4), max_leaves=20))
def test_any_json_content_reads_back_unchanged(store, content):
    access, _ = store.create_workspace("w")
    store.save_document(access, "pilots", "p", content, None)
    assert store.load_document(access, "pilots", "p").content == content

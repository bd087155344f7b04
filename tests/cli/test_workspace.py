"""python -m dashboard workspace list|export|import, and report --workspace."""
from __future__ import annotations

import json

import pytest

from dashboard.__main__ import main
from dashboard.cli import EXIT_BAD_INPUT, EXIT_OK
from dashboard.workspace import open_database

ROW = {"area_code": "530000", "indicator_id": "urbanisation", "year": 2010, "value": 88.8, "subgroup": "total",
       "source_id": "USER-TEST", "vintage": "upload", "flag": "official", "note": "", "confidence": None}


@pytest.fixture
def state(tmp_path, monkeypatch):
    """A state folder holding one workspace with one dataset: (folder, workspace id)."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    folder = tmp_path / "state"
    store = open_database(state_dir=folder)
    access, _ = store.create_workspace("云南评估")
    store.save_document(access, "dataset", "城镇化率.csv", {"filename": "城镇化率.csv", "replace": True, "rows": [ROW]},
                        None)
    store.engine.dispose()
    return folder, access.workspace_id


def test_list_export_and_import_round_trip(state, tmp_path, capsys):
    folder, workspace_id = state
    assert main(["workspace", "list", "--state-dir", str(folder)]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert [(w["id"], w["name"], w["documents"]) for w in listed] == [(workspace_id, "云南评估", 1)]

    backup = tmp_path / "backup.json"
    assert main(["workspace", "export", workspace_id, "-o", str(backup), "--state-dir", str(folder)]) == EXIT_OK
    saved = json.loads(backup.read_text(encoding="utf-8"))
    assert saved["documents"][0]["content"]["rows"] == [ROW] and "#ws=" not in backup.read_text(encoding="utf-8")

    other = tmp_path / "other-state"
    assert main(["workspace", "import", str(backup), "--state-dir", str(other)]) == EXIT_OK
    restored = json.loads(capsys.readouterr().out)
    assert restored["name"] == "云南评估" and set(restored["links"]) == {"edit", "read"}
    store = open_database(state_dir=other)
    access = store.open(restored["links"]["read"].removeprefix("#ws="))
    assert store.load_document(access, "dataset", "城镇化率.csv").content["rows"] == [ROW]
    store.engine.dispose()


def test_bad_ids_and_files_are_one_line_and_exit_2(state, tmp_path, capsys):
    folder, _ = state
    assert main(["workspace", "export", "nope", "--state-dir", str(folder)]) == EXIT_BAD_INPUT
    assert "no workspace with id 'nope'" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    assert main(["workspace", "import", str(bad), "--state-dir", str(folder)]) == EXIT_BAD_INPUT
    assert "not a workspace backup" in capsys.readouterr().err
    bad.write_text("{not json", encoding="utf-8")
    assert main(["workspace", "import", str(bad), "--state-dir", str(folder)]) == EXIT_BAD_INPUT


def _urbanisation(report: dict) -> list:
    text = json.dumps(report, ensure_ascii=False)
    return [88.8] if "88.8" in text else []


def test_report_reads_the_workspace_s_data_on_top_of_the_bundle(state, capsys):
    folder, workspace_id = state
    base = ["report", "--area", "530000", "--year", "2010", "--state-dir", str(folder)]
    assert main(base) == EXIT_OK
    bundled = json.loads(capsys.readouterr().out)
    assert main([*base, "--workspace", workspace_id]) == EXIT_OK
    with_workspace = json.loads(capsys.readouterr().out)
    assert _urbanisation(with_workspace) == [88.8] and _urbanisation(bundled) == []
    assert main([*base, "--workspace", "nope"]) == EXIT_BAD_INPUT
    assert "no workspace with id 'nope'" in capsys.readouterr().err

"""The workspace view's layout pieces."""
from __future__ import annotations

import datetime as dt
import json

from dashboard.components.workspace_view import WsIds, documents_table, links_table, share_url, workspace_view
from dashboard.workspace.store import LinkInfo, StoredDocument

WHEN = dt.datetime(2026, 12, 3, 7, 30)


def _json(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda c: c.to_plotly_json(), ensure_ascii=False)


def test_the_layout_has_every_control_in_both_languages(bundled_dataset):
    for lang, title in (("zh", "团队工作区"), ("en", "Team workspace")):
        text = _json(workspace_view(bundled_dataset, lang))
        assert title in text
        for control in (WsIds.CREATE, WsIds.SAVE_IMPORTS, WsIds.SAVE_STORY, WsIds.STATUS, WsIds.DOCUMENTS):
            assert f'"{control}"' in text


def test_a_share_link_carries_the_secret_in_the_fragment_only():
    url = share_url("http://127.0.0.1:8050/", "T" * 43)
    assert url == "http://127.0.0.1:8050/?view=map#ws=" + "T" * 43
    assert "T" * 43 not in url.split("#")[0]


def test_revoked_links_say_so_in_words_and_lose_their_button():
    text = _json(links_table([LinkInfo(1, "edit", WHEN, None), LinkInfo(2, "read", WHEN, WHEN)], "en"))
    assert "works" in text and "revoked 2026-12-03 07:30" in text
    assert text.count(f'"type": "{WsIds.REVOKE}"') == 1


def test_a_dataset_left_out_of_the_views_says_why():
    documents = [StoredDocument("dataset", "a.csv", 3, 2048, WHEN), StoredDocument("storyboard", "meeting", 1, 10, WHEN)]
    text = _json(documents_table(documents, {"a.csv": "unknown indicator"}, True, "zh"))
    assert "未纳入各视图：unknown indicator" in text and "载入演示" in text and "导入数据" in text

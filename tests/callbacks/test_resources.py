"""Resources.memo: per-dataset work is built once per dataset and key, and each app keeps its own."""
from __future__ import annotations

import dataclasses

from dashboard.callbacks.resources import MEMO_DATASETS, resources


def test_memo_builds_once_per_dataset_and_key(app_context) -> None:
    res = dataclasses.replace(resources())  # a fresh Resources: its own, empty memo
    built: list[str] = []

    def build(tag: str):
        return lambda: built.append(tag) or [tag]

    first = res.memo(("k", "en"), build("a"))
    assert res.memo(("k", "en"), build("b")) is first and built == ["a"]
    assert res.memo(("k", "zh"), build("c")) == ["c"]
    other = dataclasses.replace(res.dataset)  # e.g. a tab's merged dataset: equal content, another object
    assert res.memo(("k", "en"), build("d"), other) == ["d"]
    assert res.memo(("k", "en"), build("e")) is first  # the bundled dataset's value is kept
    assert built == ["a", "c", "d"]


def test_two_apps_never_share_and_old_datasets_are_dropped(app_context) -> None:
    one, two = dataclasses.replace(resources()), dataclasses.replace(resources())
    assert one.memo("x", lambda: 1) == 1 and two.memo("x", lambda: 2) == 2
    kept = [dataclasses.replace(one.dataset) for _ in range(MEMO_DATASETS + 2)]
    for index, dataset in enumerate(kept):
        one.memo("x", lambda index=index: index, dataset)
    assert one.memo("x", lambda: "rebuilt", kept[0]) == "rebuilt"  # the least recently used was dropped
    assert one.memo("x", lambda: "rebuilt", kept[-1]) == len(kept) - 1

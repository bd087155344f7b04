"""Resources.memo: per-dataset work is built once per dataset and key, and each app keeps its own."""
from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings, strategies as st

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


# --- the trend chart's shared lines (national line, regional means), kept per dataset ------------
_INDICATORS = ("urbanisation", "life_expectancy", "gdp_pc", "gdp", "population", "poverty_band", "no-such-indicator")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(indicator_id=st.sampled_from(_INDICATORS), lang=st.sampled_from(("zh", "en")),
       area_code=st.one_of(st.none(), st.sampled_from(("530000", "110000", "230000", "420000", "810000", "100000"))))
def test_kept_shared_lines_draw_the_same_trend_as_building_them(app_context, indicator_id, area_code, lang) -> None:
    from dashboard.figures.trend_content import trend_lines

    res = resources()
    dataset = res.dataset
    if not dataset.has_indicator(indicator_id) and indicator_id != "no-such-indicator":
        return
    kept = res.trend_lines_shared(dataset, indicator_id, lang)
    assert res.trend_lines_shared(dataset, indicator_id, lang) is kept  # built once
    lines, rows = trend_lines(dataset, indicator_id, area_code, lang, kept)
    fresh_lines, fresh_rows = trend_lines(dataset, indicator_id, area_code, lang)
    assert lines == fresh_lines
    assert rows.reset_index(drop=True).equals(fresh_rows.reset_index(drop=True))


def test_an_imported_dataset_gets_its_own_shared_lines(app_context) -> None:
    """A tab's upload is another dataset: its regional mean is its own, the bundled one unchanged."""
    from dashboard.figures.trend_content import shared_lines

    res = dataclasses.replace(resources())
    bundled = res.trend_lines_shared(res.dataset, "urbanisation", "en")
    rows = [{"area_code": "530000", "indicator_id": "urbanisation", "year": 2010, "value": 99.0, "subgroup": "total",
             "source_id": "USER-UPLOAD:x.csv", "vintage": "x", "flag": "official", "note": None}]
    merged = res.dataset_for({"uploads": [{"filename": "x.csv", "replace": True, "rows": rows}]})
    assert merged is not res.dataset
    imported = res.trend_lines_shared(merged, "urbanisation", "en")
    assert imported is not bundled
    assert imported.regions["west"].line == shared_lines(merged, "urbanisation", "en").regions["west"].line
    west, west_imported = bundled.regions["west"].line, imported.regions["west"].line
    assert west is not None and west_imported is not None
    at = west.years.index(2010)
    assert west_imported.values[west_imported.years.index(2010)] > west.values[at]  # Yunnan's 99 % raises it
    assert res.trend_lines_shared(res.dataset, "urbanisation", "en") is bundled

"""Every catalogue text exists in Chinese and English, with the same placeholders."""

from __future__ import annotations

import json

import pytest

from dashboard.i18n import (
    CATALOGUE_DIR,
    LANGS,
    NAMESPACES,
    catalogue,
    has_key,
    language_name,
    missing_keys,
    placeholders,
    t,
)

CATALOGUE_KEYS = sorted(
    {(namespace, key) for namespace in NAMESPACES for lang in LANGS for key in catalogue(namespace, lang)}
)


def test_every_catalogue_file_is_a_known_namespace_and_language() -> None:
    names = {path.name for path in CATALOGUE_DIR.glob("*.json")}
    assert names == {f"{namespace}.{lang}.json" for namespace in NAMESPACES for lang in LANGS}


def test_no_key_is_missing_in_any_language() -> None:
    assert missing_keys() == {}


@pytest.mark.parametrize(("namespace", "key"), CATALOGUE_KEYS)
def test_placeholders_are_identical_in_both_languages(namespace: str, key: str) -> None:
    fields = {lang: placeholders(catalogue(namespace, lang)[key]) for lang in LANGS}
    assert fields["zh"] == fields["en"], f"{namespace}.{key}: {fields}"


@pytest.mark.parametrize(("namespace", "key"), CATALOGUE_KEYS)
def test_no_text_is_empty(namespace: str, key: str) -> None:
    for lang in LANGS:
        assert catalogue(namespace, lang)[key].strip(), f"{namespace}.{key} is empty in {lang}"


def test_chinese_catalogues_are_actually_chinese() -> None:
    # Language names are autonyms ("English" on the switch in both languages); every other
    # zh text must contain CJK, catching English pasted into the Chinese file.
    autonyms = {("ui", "lang.en")}
    for namespace in NAMESPACES:
        for key, text in catalogue(namespace, "zh").items():
            if (namespace, key) not in autonyms:
                assert any("\u4e00" <= ch <= "\u9fff" for ch in text), f"{namespace}.{key}: {text!r}"


def test_missing_keys_reports_a_gap(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dashboard.i18n as i18n

    for lang, content in (("zh", {"a": "甲", "b": "乙"}), ("en", {"a": "A"})):
        (tmp_path / f"terms.{lang}.json").write_text(json.dumps(content), encoding="utf-8")
        for namespace in i18n.NAMESPACES[1:]:
            (tmp_path / f"{namespace}.{lang}.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        assert i18n.missing_keys() == {("terms", "en"): frozenset({"b"})}
        # The app falls back to the other language rather than showing "terms.b".
        assert i18n.t("terms.b", "en") == "乙"
    finally:
        i18n.catalogue.cache_clear()


def test_duplicate_keys_in_a_catalogue_file_are_rejected(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dashboard.i18n as i18n

    (tmp_path / "terms.zh.json").write_text('{"a": "甲", "a": "乙"}', encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match="duplicate"):
            i18n.catalogue("terms", "zh")
    finally:
        i18n.catalogue.cache_clear()


def test_t_formats_parameters_in_each_language() -> None:
    assert t("terms.no_data_for_year", "en", year="2010") == "No data for 2010"
    assert t("terms.no_data_for_year", "zh", year="2010年") == "2010年无数据"
    assert (
        t("ui.notice.unknown_ind", "en", value="gdp_pcx", default="GDP per capita")
        == "Unknown indicator 'gdp_pcx' in the link; showing GDP per capita"
    )


def test_t_raises_for_a_key_no_language_has() -> None:
    with pytest.raises(KeyError):
        t("terms.status.no_such_status", "zh")
    with pytest.raises(KeyError):
        t("nonamespace", "en")
    with pytest.raises(KeyError):
        t("nosuchnamespace.key", "en")


def test_domain_vocabulary_is_complete() -> None:
    expected = {
        "status": ("met", "on_track", "off_track", "regressing", "insufficient_data"),
        "status_help": ("met", "on_track", "off_track", "regressing", "insufficient_data"),
        "flag": ("official", "derived", "modelled", "estimate"),
        "region": ("east", "central", "west", "northeast"),
        "level": ("country", "region", "province", "prefecture", "county"),
        "role": ("pilot", "study"),
        "subgroup": ("total", "urban", "rural", "male", "female"),
        "framework": ("nbs2008", "nbs2013", "fyp11", "mdg"),
        "direction": ("positive", "reverse", "interval"),
        "confidence": ("confirmed", "unconfirmed"),
    }
    for group, codes in expected.items():
        for code in codes:
            assert has_key(f"terms.{group}.{code}", "zh") and has_key(f"terms.{group}.{code}", "en")


def test_starter_ui_texts() -> None:
    assert t("ui.app.title", "zh") == "全面小康与千年发展目标 省级监测"
    assert t("ui.app.title", "en") == "Xiaokang & MDG Provincial Monitor"
    assert [language_name(lang) for lang in LANGS] == ["中文", "English"]


def test_plotly_locale_asset_matches_the_plotly_js_that_dash_serves() -> None:
    # Dash serves plotly python's bundled plotly.min.js; a locale from another plotly.js
    # release may miss modebar strings, so an upgrade of plotly must refresh the asset.
    from pathlib import Path

    from plotly.offline import get_plotlyjs_version

    asset = Path(__file__).parents[2] / "assets" / "plotly-locale-zh-cn.js"
    text = asset.read_text(encoding="utf-8")
    assert f"plotly.js@{get_plotlyjs_version()}" in text
    assert 'name:"zh-CN"' in text and "Licence: MIT" in text
    assert "window.PlotlyLocales" in text  # registers even when it loads before plotly.js


@pytest.mark.parametrize("lang", ["fr", "", "ZH", "zh-CN"])
def test_a_language_outside_langs_is_refused_not_guessed(lang: str) -> None:
    # Lookups take a plain str (languages come from URLs and stores); parse_lang maps tags to
    # LANGS first, so anything else reaching t / has_key / catalogue is a programming error.
    with pytest.raises(KeyError):
        t("terms.no_data", lang)
    with pytest.raises(KeyError):
        has_key("terms.no_data", lang)
    with pytest.raises(KeyError):
        catalogue("terms", lang)


def test_every_bundled_release_is_named_in_chinese(bundled_dataset) -> None:
    """Vintages are written in English by the build; the Chinese UI names each from the catalogue,
    so a release added to the bundle without its Chinese name fails here, not on screen."""
    from dashboard.i18n import has_key, vintage_text

    vintages = set(bundled_dataset.observations["vintage"].dropna())
    assert [v for v in sorted(vintages) if not has_key(f"vintages.{v}", "zh")] == []
    assert vintage_text("NBS database, Dec 2018 export (before the 4th economic census revision)", "zh") == \
        "国家统计局数据库，2018年12月导出（第四次全国经济普查修订前）"
    assert vintage_text("NBSDB-2021", "en") == "NBSDB-2021"
    assert vintage_text("my own release", "zh") == "my own release" and vintage_text(None, "zh") == ""


def test_the_source_line_and_import_problems_name_the_release_in_the_ui_language(bundled_dataset) -> None:
    from dashboard.components.data_view import problem_text
    from dashboard.data.errors import Problem, Location
    from dashboard.figures.labels import source_line

    rows = bundled_dataset.observations[bundled_dataset.observations["vintage"] == "NBSDB-2021"].head(3)
    assert "国家统计局数据库（2021年版）" in source_line(bundled_dataset, rows, "zh")
    assert "NBSDB-2021" in source_line(bundled_dataset, rows, "en")
    problem = Problem(Location("f.csv"), "english", "datasrc.problem.mixed_release",
                      {"indicator": "gdp", "area": "110000", "year": 2019,
                       "existing": "NBS database, Dec 2018 export (before the 4th economic census revision)"})
    assert "第四次全国经济普查修订前" in problem_text(problem, "zh")


def test_every_bundled_publisher_is_named_in_both_languages(bundled_dataset) -> None:
    """Publishers are written in English (or bilingually) by the build; the briefs and source lists
    name each from the publishers catalogue, so a source added with a new publisher fails here."""
    from dashboard.i18n import has_key, publisher_text

    publishers = {str(p).strip() for p in bundled_dataset.sources["publisher"].dropna() if str(p).strip()}
    for lang in LANGS:
        assert [p for p in sorted(publishers) if not has_key(f"publishers.{p}", lang)] == [], lang
    assert publisher_text("National Bureau of Statistics of China", "zh") == "国家统计局"
    assert publisher_text("国家统计局 National Bureau of Statistics of China", "en") == "National Bureau of Statistics of China"
    assert publisher_text("user upload", "zh") == "user upload"  # a user's publisher: as written
    assert publisher_text(None, "zh") == "" and publisher_text(float("nan"), "en") == ""


def test_the_source_list_names_the_publisher_in_the_ui_language(bundled_dataset) -> None:
    from dashboard.figures.coverage import source_records

    record = next(r for r in source_records(bundled_dataset, None, "zh") if r["publisher"] == "国家统计局")
    assert record["source_id"]
    assert source_records(bundled_dataset, None, "zh", "国家统计局")  # the Chinese name is searched too

"""Which language a request gets: URL first, then the browser, then Chinese."""

from __future__ import annotations

import pytest

from dashboard.i18n import DEFAULT_LANG, NOTICE_UNKNOWN_LANG, negotiate_lang, other_lang, parse_lang, t


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ("zh", None)),
        ("", ("zh", None)),
        ("zh", ("zh", None)),
        ("en", ("en", None)),
        ("EN", ("en", None)),
        ("zh-CN", ("zh", None)),
        ("zh_Hans_CN", ("zh", None)),
        (" en-GB ", ("en", None)),
        ("fr", ("zh", NOTICE_UNKNOWN_LANG)),
        ("english", ("zh", NOTICE_UNKNOWN_LANG)),
        ("<script>", ("zh", NOTICE_UNKNOWN_LANG)),
    ],
)
def test_parse_lang(value: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_lang(value) == expected


def test_unknown_lang_notice_quotes_the_value_in_the_shown_language() -> None:
    lang, notice = parse_lang("fr")
    assert notice is not None
    assert "fr" in t(notice, lang, value="fr")
    # An unusable ?lang= leaves the page in the browser's language, so the notice names none.
    assert t(notice, "en", value="fr") == "Unknown language 'fr' in the link; using the default language"


@pytest.mark.parametrize(
    ("accept_language", "url_lang", "expected"),
    [
        # A valid URL language wins over the browser: a shared link shows what its author saw.
        ("en-US,en;q=0.9", "zh", "zh"),
        ("zh-CN,zh;q=0.9", "en", "en"),
        # Invalid or absent URL value: the browser decides.
        ("en-US,en;q=0.9", "fr", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", None, "zh"),
        ("zh-TW", "", "zh"),
        ("en-US,en;q=0.9,zh-CN;q=0.8", None, "en"),
        # Quality values, not order, rank the ranges; q=0 means "not acceptable".
        ("en;q=0.5,zh-CN;q=0.9", None, "zh"),
        ("zh;q=0,en", None, "en"),
        ("fr-FR,fr;q=0.9,zh;q=0.8", None, "zh"),
        # A browser asking only for other languages gets English, not Chinese.
        ("fr-FR,de;q=0.8", None, "en"),
        # Nothing usable: the default, Chinese.
        (None, None, "zh"),
        ("", None, "zh"),
        ("*", None, "zh"),
        (" , ;q=1", None, "zh"),
    ],
)
def test_negotiate_lang(accept_language: str | None, url_lang: str | None, expected: str) -> None:
    assert negotiate_lang(accept_language, url_lang) == expected


def test_malformed_quality_ignores_that_range_only() -> None:
    assert negotiate_lang("zh;q=abc,en;q=0.1", None) == "en"


def test_default_and_switch() -> None:
    assert DEFAULT_LANG == "zh"
    assert other_lang("zh") == "en" and other_lang("en") == "zh"

"""Chinese / English text for the dashboard: catalogues, lookup and language choice.

Pure (no Dash). Texts live in ``catalogues/<namespace>.<lang>.json`` with flat dotted keys;
code refers to them as ``"<namespace>.<key>"``, e.g. ``t("terms.status.met", "zh")``.
Indicator, unit and area names are *data* (name_zh / name_en columns), not catalogue text.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal, get_args

# The languages served. Lookups below take ``lang: str``: language values arrive from URLs and
# stores at run time, and an unsupported one fails the same way (KeyError) whether typed or not.
Lang = Literal["zh", "en"]
LANGS: Final[tuple[Lang, ...]] = get_args(Lang)
DEFAULT_LANG: Final[Lang] = "zh"
# One namespace per view, so each view's texts are edited in files of their own.
NAMESPACES: Final[tuple[str, ...]] = ("terms", "ui", "gaps", "attainment", "disparity", "datasrc", "present",
                                       "workspace", "importmap", "vintages", "publishers")
CATALOGUE_DIR: Final[Path] = Path(__file__).parent / "catalogues"

# Shown (in the chosen language) when ?lang= holds something we do not serve; takes {value}.
NOTICE_UNKNOWN_LANG: Final[str] = "ui.notice.unknown_lang"

__all__ = [
    "CATALOGUE_DIR",
    "DEFAULT_LANG",
    "LANGS",
    "NAMESPACES",
    "NOTICE_UNKNOWN_LANG",
    "Lang",
    "catalogue",
    "has_key",
    "language_name",
    "missing_keys",
    "negotiate_lang",
    "other_lang",
    "parse_lang",
    "placeholders",
    "publisher_text",
    "t",
    "vintage_text",
]


def _reject_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # json.load silently keeps the last duplicate; a duplicated key is always an editing slip.
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate catalogue key {key!r}")
        result[key] = value
    return result


@cache
def catalogue(namespace: str, lang: str) -> Mapping[str, str]:
    """The read-only catalogue of one namespace in one language (keys without the namespace)."""
    if namespace not in NAMESPACES:
        raise KeyError(f"unknown catalogue namespace {namespace!r}")
    if lang not in LANGS:
        raise KeyError(f"unknown language {lang!r}")
    path = CATALOGUE_DIR / f"{namespace}.{lang}.json"
    with path.open(encoding="utf-8") as handle:
        raw = json.load(handle, object_pairs_hook=_reject_duplicate_keys)
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
    ):
        raise ValueError(f"{path.name}: a catalogue is a flat JSON object of strings")
    return MappingProxyType(raw)


def _split(key: str) -> tuple[str, str]:
    namespace, _, local_key = key.partition(".")
    if not local_key:
        raise KeyError(f"catalogue key {key!r} must be '<namespace>.<key>'")
    return namespace, local_key


def has_key(key: str, lang: str) -> bool:
    """True when ``key`` (with namespace) has a text in ``lang``."""
    namespace, local_key = _split(key)
    return namespace in NAMESPACES and local_key in catalogue(namespace, lang)


def t(key: str, lang: str, **params: object) -> str:
    """Text for ``key`` in ``lang``, formatted with ``params`` (``str.format`` fields).

    A key missing only in ``lang`` falls back to the other language, so a gap in one
    catalogue never puts a raw key on screen (``missing_keys`` makes the test suite fail
    on such gaps). A key missing in every language is a programming error: KeyError.
    So is a ``lang`` outside ``LANGS`` (KeyError from ``catalogue``): callers parse it first.
    """
    namespace, local_key = _split(key)
    for candidate in (lang, *(other for other in LANGS if other != lang)):
        text = catalogue(namespace, candidate).get(local_key)
        if text is not None:
            return text.format(**params) if params else text
    raise KeyError(f"no catalogue text for {key!r}")


def placeholders(text: str) -> frozenset[str]:
    """Names of the ``{field}`` placeholders in a catalogue text."""
    return frozenset(
        field.split(".")[0].split("[")[0]
        for _, field, _, _ in string.Formatter().parse(text)
        if field is not None
    )


def missing_keys() -> dict[tuple[str, Lang], frozenset[str]]:
    """Per (namespace, lang): keys that another language has and this one lacks.

    Empty dict when every catalogue is complete; the test suite asserts exactly that.
    """
    gaps: dict[tuple[str, Lang], frozenset[str]] = {}
    for namespace in NAMESPACES:
        all_keys = frozenset().union(*(catalogue(namespace, lang).keys() for lang in LANGS))
        for lang in LANGS:
            missing = all_keys - catalogue(namespace, lang).keys()
            if missing:
                gaps[(namespace, lang)] = frozenset(missing)
    return gaps


def _normalise_tag(value: str) -> str:
    return value.strip().lower().replace("_", "-")


def _lang_of_tag(tag: str) -> Lang | None:
    """Map a BCP 47-ish tag (zh, zh-CN, zh-Hans-CN, en-GB, ...) to a served language."""
    primary = _normalise_tag(tag).split("-")[0]
    return primary if primary in LANGS else None


def parse_lang(value: str | None) -> tuple[Lang, str | None]:
    """Language from a URL ``?lang=`` value, and a notice key when the value was unusable.

    Absent or empty: the default, no notice. ``zh-CN`` / ``en_GB`` / ``ZH`` are accepted.
    Anything else: the default plus ``NOTICE_UNKNOWN_LANG`` (format it with ``value=``).
    """
    if value is None or not value.strip():
        return DEFAULT_LANG, None
    lang = _lang_of_tag(value)
    if lang is None:
        return DEFAULT_LANG, NOTICE_UNKNOWN_LANG
    return lang, None


def _accept_language_ranking(header: str) -> list[tuple[float, int, str]]:
    """(quality, -position, tag) for each range in an Accept-Language header; q=0 dropped."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        if not tag:
            continue
        quality = 1.0
        for param in params:
            name, _, number = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(number)
                except ValueError:
                    quality = 0.0  # malformed weight: ignore the range rather than guess
        if quality > 0:
            ranked.append((quality, -position, tag))
    ranked.sort(reverse=True)
    return ranked


def negotiate_lang(accept_language: str | None, url_lang: str | None) -> Lang:
    """The language to render: a valid URL ``lang`` wins (a shared link shows what its
    author saw); otherwise the browser's most preferred of Chinese / English; a browser that
    names only other languages gets English; no usable header at all gets the default (zh).
    """
    lang, notice = parse_lang(url_lang)
    if url_lang is not None and url_lang.strip() and notice is None:
        return lang
    ranked = _accept_language_ranking(accept_language or "")
    for _, _, tag in ranked:
        served = _lang_of_tag(tag)
        if served is not None:
            return served
    if any(tag != "*" for _, _, tag in ranked):
        return "en"
    return DEFAULT_LANG


def other_lang(lang: str) -> Lang:
    """The language a one-click switch goes to."""
    return "en" if lang == "zh" else "zh"


def language_name(lang: str) -> str:
    """The language's own name (中文 / English), as shown on a language switch."""
    return t(f"ui.lang.{lang}", lang)


def vintage_text(vintage: object, lang: str) -> str:
    """A release's name (observations.vintage, written in English by the build) in `lang`, from the
    vintages catalogue (keys are the names as bundled); a name it lacks, as a user's, as written."""
    text = "" if vintage is None else str(vintage)
    key = f"vintages.{text}"
    return t(key, lang) if text and has_key(key, lang) else text


def publisher_text(publisher: object, lang: str) -> str:
    """A source's publisher (sources.publisher, written in English, or bilingual, by the build) in
    `lang`, from the publishers catalogue (keys are the names as bundled), so a Chinese brief
    cites 国家统计局 rather than its English name; a publisher it lacks, as a user's, as written."""
    text = "" if publisher is None or publisher != publisher else str(publisher).strip()  # NaN: no publisher
    key = f"publishers.{text}"
    return t(key, lang) if text and has_key(key, lang) else text

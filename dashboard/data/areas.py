"""Province-name matching: one matcher for every importer (云南, 云南省, Yunnan, Nei Mongol ...)."""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

# Suffixes NBS and yearbooks attach to names; stripped so 云南省 and 云南 meet.
_ZH_SUFFIXES = (
    "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市",
)
_EN_NOISE = re.compile(r"\b(province|municipality|autonomous region|sar|city)\b")


def normalise_name(raw: str) -> str:
    """Fold width, case, spaces and administrative suffixes so that variants compare equal."""
    text = unicodedata.normalize("NFKC", str(raw)).strip().lower()
    text = re.sub(r"[\s\u3000·\-_'’.,()（）]+", " ", text).strip()
    for suffix in _ZH_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    text = _EN_NOISE.sub(" ", text)
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class NameMatch:
    """The result of matching one name: the area code, or none with suggestions."""

    raw: str
    area_code: str | None
    suggestions: tuple[str, ...] = ()


class AreaMatcher:
    """Maps any known spelling of an area to its area_code; never guesses an unknown name."""

    def __init__(self, areas: pd.DataFrame) -> None:
        index: dict[str, str] = {}
        display: dict[str, str] = {}
        shared: set[str] = set()  # names two prefectures or counties share (朝阳区, 城关区 ...)
        for row in areas.itertuples(index=False):
            names = [row.area_code, row.name_zh, row.name_en, row.short_zh]
            aliases = row.aliases if isinstance(row.aliases, str) else ""
            names += [a for a in aliases.split("|") if a]
            below_province = getattr(row, "level", None) in ("prefecture", "county")
            label = f"{row.name_zh} / {row.name_en}" if isinstance(row.name_en, str) and row.name_en else str(row.name_zh)
            for name in names:
                key = normalise_name(name) if isinstance(name, str) else ""
                if not key:
                    continue
                if below_province and name != row.area_code and key in index and index[key] != row.area_code:
                    shared.add(key)  # never matched to one of them: the code decides
                    continue
                index.setdefault(key, row.area_code)
                display.setdefault(key, label)
        for key in shared:
            if index.get(key) and index[key][2:] != "0000" and len(index[key]) == 6 and index[key].isdigit():
                index.pop(key)
        self._index = index
        self._display = display

    def match(self, raw: object) -> NameMatch:
        text = "" if raw is None or (isinstance(raw, float) and pd.isna(raw)) else str(raw)
        key = normalise_name(text)
        code = self._index.get(key)
        if code is not None:
            return NameMatch(text, code)
        close = difflib.get_close_matches(key, list(self._index), n=3, cutoff=0.6)
        suggestions = tuple(dict.fromkeys(self._display[k] for k in close))
        return NameMatch(text, None, suggestions)

    def knows(self, raw: object) -> bool:
        """Whether `raw` is a spelling of a known area (no close-match search: cheap for whole columns)."""
        text = "" if raw is None or (isinstance(raw, float) and pd.isna(raw)) else str(raw)
        return normalise_name(text) in self._index

    def code_for(self, raw: object) -> str | None:
        return self.match(raw).area_code

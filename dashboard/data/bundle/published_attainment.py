"""Published Xiaokang attainment (实现程度) by province, region and nation, as the statistics
bureaus released it: a reference layer, never mixed with our own computation or across schemes.

Writes data/frameworks/published_attainment.csv (one row per published figure). Each row names
the scheme it was computed under (`scheme`: NBS 2008, the 2013 family, a provincial scheme, an
academic index...), the bureau's release it comes from (`source`, `release`), the page that
carries it (`url`, `via`) and its confidence: S = the bureau's figure quoted by a secondary page
(news copy), D = derived by us from a figure and a gain the same release states (e.g. 2007 =
2008 value minus the stated 2008 gain); a D value is exactly what the release implies, up to its
rounding. Values of different schemes are different indices and must not share a colour scale.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import area_code, require_file
from dashboard.data.errors import DataError, Location

PUBLISHED_FILE = "xiaokang_attainment_published/xiaokang_attainment_published.csv"
OUT_FILE = "frameworks/published_attainment.csv"
SOURCE_ID = "XK-ATTAINMENT-PUBLISHED"
COLUMNS = ("area_code", "year", "scheme", "measure", "domain_id", "value", "unit", "release", "source", "url",
           "via", "confidence", "note")

# scheme_or_series text -> our scheme id (first match wins; an unknown scheme fails the build).
SCHEMES = (
    ("CASS", "cass"),
    ("浙江全面建设小康社会综合评价指标体系", "zhejiang_own"),
    ("NBS 2008 scheme", "nbs2008"),
    ("Dec 2016", "nbs2016_provincial"),
    ("2013/2016-scheme family", "nbs2013_2016_family"),
    ("2013-scheme family", "nbs2013_family"),
    ("scheme not stated", "not_stated"),
)
# indicator -> (measure, domain_id); domain ids are those of data/frameworks/nbs2008.csv and
# nbs2013.csv where the domain is the same (a 2013-family domain keeps the 2013 id).
MEASURES = {
    "overall": ("overall", ""),
    "overall_lower_bound": ("overall_lower_bound", ""),
    "overall_provincial_scheme": ("overall", ""),
    "cass_index": ("overall", ""),
    "economic_development": ("domain", "economic"),
    "social_harmony": ("domain", "social_harmony"),
    "quality_of_life": ("domain", "quality_of_life"),
    "democracy_rule_of_law": ("domain", "democracy_law"),
    "culture_education": ("domain", "culture_education"),
    "resources_environment": ("domain", "resources_environment"),
    "culture": ("domain", "culture"),
    "people_livelihood": ("domain", "living"),
}
CONFIDENCE = ("S", "D")
_RAW_REF = re.compile(r"\s*\(raw/[^)]*\)")
_URL = re.compile(r"https?://\S+")
_REPORT_YEAR = re.compile(r"\b((?:19|20)\d{2}) report\b")

SOURCES = [
    {
        "source_id": SOURCE_ID,
        "title_zh": "各级统计局发布的全面建设（建成）小康社会实现程度（监测报告及其新闻转载）",
        "title_en": "Xiaokang attainment as published by the statistics bureaus (NBS and provincial monitoring reports, "
                    "as quoted by news pages)",
        "publisher": "国家统计局及各省（区、市）统计局 NBS and provincial statistics bureaus",
        "year": "2008-2018",
        "table": "data/frameworks/published_attainment.csv: one row per published figure, with its scheme, release, "
                 "page and confidence",
        "url": "",
        "licence": "Official figures quoted for reference",
        "via": "news and repost pages named per row (url, via)",
        "doubts": (
            "A reference layer, not our computation. S = the bureau's figure quoted by a secondary page; D = derived "
            "from a figure and a gain stated in the same release (rounding error up to 0.15 points). Schemes differ "
            "(NBS 2008 six domains; the 2013/2016 five-domain family; Zhejiang's own scheme; the CASS academic index): "
            "figures of different schemes are different indices and are never shown on one scale. Only 8 provinces "
            "have an NBS-type figure; the NBS 2011 report's provincial table was not found."
        ),
    },
]


def _scheme(text: str, line: int) -> str:
    for needle, scheme in SCHEMES:
        if needle in text:
            return scheme
    raise DataError(Location(PUBLISHED_FILE, line, "scheme_or_series"), f"unknown scheme '{text[:60]}'")


def _release(scheme: str, source: str, note: str) -> str:
    """The release a figure belongs to: NBS report vintages are kept apart (2000 = 59.3 in the
    2007 report, 59.6 in the 2011 report); a provincial figure's release is its source."""
    found = _REPORT_YEAR.search(note)
    if scheme == "nbs2008" and found and source.startswith("NBS"):
        return f"NBS {found.group(1)} monitoring report"
    return source


def published_table(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    table = pd.read_csv(require_file(reference_dir, PUBLISHED_FILE), encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    records = []
    for index, row in table.iterrows():
        line = int(index) + 2
        indicator = row["indicator"].strip()
        if indicator not in MEASURES:
            raise DataError(Location(PUBLISHED_FILE, line, "indicator"), f"unknown indicator '{indicator}'")
        confidence = row["confidence"].strip()
        if confidence not in CONFIDENCE:
            raise DataError(Location(PUBLISHED_FILE, line, "confidence"), f"confidence '{confidence}' is not S or D")
        try:
            value, year = float(row["value"]), int(row["year"])
        except ValueError:
            raise DataError(Location(PUBLISHED_FILE, line, "value"), f"'{row['value']}' is not a number") from None
        scheme = _scheme(row["scheme_or_series"], line)
        measure, domain_id = MEASURES[indicator]
        via_text = row["via"].strip()
        urls = " ".join(u.rstrip(";,") for u in _URL.findall(_RAW_REF.sub("", via_text)))
        via = _RAW_REF.sub("", _URL.sub("", via_text)).strip(" ;,")
        source = row["source"].strip()
        records.append({
            "area_code": area_code(matcher, row["province_zh"].strip(), PUBLISHED_FILE, line, "province_zh"),
            "year": year, "scheme": scheme, "measure": measure, "domain_id": domain_id, "value": value,
            "unit": row["unit"].strip(), "release": _release(scheme, source, row["note"]), "source": source,
            "url": urls, "via": via, "confidence": confidence, "note": row["note"].strip(),
        })
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    duplicated = frame.duplicated(["area_code", "year", "scheme", "measure", "domain_id", "release"], keep=False)
    if duplicated.any():
        first = int(duplicated.idxmax()) + 2
        raise DataError(Location(PUBLISHED_FILE, first), "the same figure twice in one release")
    return frame.sort_values(["scheme", "area_code", "year", "measure", "domain_id", "release"], kind="stable")


def extra_tables(reference_dir: Path, matcher: AreaMatcher) -> dict[str, pd.DataFrame]:
    """Files this module writes beside the observation tables (path relative to data/)."""
    return {OUT_FILE: published_table(reference_dir, matcher)}

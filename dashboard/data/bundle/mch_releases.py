"""Provincial maternal, infant and under-five mortality and hospital delivery (PROVENANCE.md §15-17).

Scattered official figures, one page each: C (copy of the official table) and S (an official
figure quoted by a secondary page) are bundled with their code in `confidence`; U values
(rounded "about" figures, surveillance samples, machine-translated reposts, year not stated)
are left out. The ids are the national MDG ids (mmr, imr, u5mr): same definition (deaths per
live births, province-wide registration as the health statistics report it). Beijing's
health statistics are on the registered-resident (户籍) population: where the source says so
the value carries the flag `registered_basis` (not comparable with province-wide rates).
Hospital delivery of all births is a new id (`hospital_delivery`): the national MDG series is
rural births only (`hospital_delivery_rural`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame
from dashboard.data.bundle._releases import VINTAGE, cited_note, read_releases, unique_cells

MMR_FILE = "mmr_provincial_releases/maternal_mortality_ratio.csv"
IMR_FILE = "child_mortality_provincial_releases/infant_mortality_rate.csv"
U5MR_FILE = "child_mortality_provincial_releases/under5_mortality_rate.csv"
DELIVERY_FILE = "hospital_delivery_provincial_releases/hospital_delivery_rate.csv"
SOURCE_ID = "PROV-MCH-RELEASES"
REGISTERED = "户籍 (registered-residence)"  # the file says so per row; "basis (户籍/常住) not stated" is not

SOURCES = [
    {
        "source_id": SOURCE_ID,
        "title_zh": "各省卫生健康委员会、统计局发布及国务院白皮书中的妇幼卫生指标（零散）",
        "title_en": "Provincial maternal and child health figures from health commission and statistics releases and State Council white papers (scattered)",
        "publisher": "Provincial health commissions / statistics bureaus; State Council Information Office",
        "year": "2004-2024", "table": "One release per value: the vintage names it, the note gives the page read",
        "url": "", "licence": "Official statistics quoted for facts",
        "via": "shared/reference-data mmr_provincial_releases, child_mortality_provincial_releases, hospital_delivery_provincial_releases (PROVENANCE.md §15-17)",
        "doubts": "Not panels: a missing province-year was not found. Confidence S = quoted by a secondary page (news, abstract, white-paper report), not read in the official table. Beijing rates are on the registered-resident (户籍) population (flag registered_basis). U values left out.",
    },
]


def _indicator(indicator_id, name_zh, name_en, unit_zh, unit_en, definition_zh, definition_en, higher, decimals):
    return {
        "indicator_id": indicator_id, "name_zh": name_zh, "name_en": name_en, "unit_zh": unit_zh, "unit_en": unit_en,
        "definition_zh": definition_zh, "definition_en": definition_en, "higher_is_better": higher,
        "decimals": str(decimals), "regional_mean": "none", "kind": "numeric", "categories": "",
    }


INDICATORS = [
    _indicator(
        "hospital_delivery", "住院分娩率", "Hospital delivery rate", "%", "% of deliveries",
        "住院分娩的活产数占活产总数的比例（全部孕产妇，不分城乡）。省级数值来自各省卫生部门发布（零散）。",
        "Share of deliveries in a hospital, all births (urban and rural). Provincial values from provincial health releases (scattered). Not the rural-only national MDG series (hospital_delivery_rural).",
        "true", 2,
    ),
]

# (file, indicator_id)
SERIES = ((MMR_FILE, "mmr"), (IMR_FILE, "imr"), (U5MR_FILE, "u5mr"), (DELIVERY_FILE, "hospital_delivery"))


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    records: list[dict] = []
    for file, indicator_id in SERIES:
        table = read_releases(reference_dir, file, matcher)
        for _, row in table.iterrows():
            if pd.isna(row["value"]):
                continue
            registered = REGISTERED in row["note"]
            records.append({
                "area_code": row["area_code"], "indicator_id": indicator_id, "year": row["year"],
                "value": float(row["value"]), "subgroup": "total", "source_id": SOURCE_ID,
                "vintage": VINTAGE, "flag": "registered_basis" if registered else "official",
                "confidence": row["confidence"],
                "note": cited_note(row, "registered-resident (户籍) basis: not comparable with province-wide rates" if registered else ""),
            })
    unique_cells(records, "mch_releases")
    return observation_frame(records)

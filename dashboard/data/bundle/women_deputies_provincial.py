"""Women's share of provincial people's congress deputies (PROVENANCE.md §20).

A distinct id from the national `women_npc_seats_share` (seats in the National People's
Congress): a provincial congress is another body. Two S values (Tianjin 2020, Shanghai 2014);
Beijing's ">=30" band and the girls'-enrolment range are not point values and are left out, as
is the single girls' share (primary and junior secondary combined: not the MDG primary ratio).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame
from dashboard.data.bundle._releases import VINTAGE, cited_note, read_releases, unique_cells

WOMEN_FILE = "women_deputies_girls_enrolment_provincial/women_deputies_girls_enrolment.csv"
SOURCE_ID = "PROV-WOMEN-DEPUTIES"
UNIT = "percent of deputies to the provincial-level people's congress who are women"

SOURCES = [
    {
        "source_id": SOURCE_ID,
        "title_zh": "省级人民代表大会女代表比例（妇联、人大常委会发布，新闻转引）",
        "title_en": "Women's share of deputies to the provincial people's congress (women's federation and congress standing committee statements, quoted in news)",
        "publisher": "Tianjin Women's Federation; Shanghai People's Congress Standing Committee",
        "year": "2014-2021", "table": "", "url": "", "licence": "Official statements quoted for facts",
        "via": "shared/reference-data women_deputies_girls_enrolment_provincial (PROVENANCE.md §20)",
        "doubts": "Quoted by news pages (S). Two provinces only.",
    },
]

INDICATORS = [
    {
        "indicator_id": "women_provincial_congress_share", "name_zh": "省级人大代表中女性比例",
        "name_en": "Women's share of provincial people's congress deputies", "unit_zh": "%", "unit_en": "% of deputies",
        "definition_zh": "省级人民代表大会代表中女性所占比例。与全国人大代表中女性比例（women_npc_seats_share）不是同一机构。",
        "definition_en": "Women as a share of deputies to the provincial-level people's congress. Not the National People's Congress (women_npc_seats_share).",
        "higher_is_better": "true", "decimals": "1", "regional_mean": "none", "kind": "numeric", "categories": "",
    },
]


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    records = [
        {
            "area_code": row["area_code"], "indicator_id": "women_provincial_congress_share", "year": row["year"],
            "value": float(row["value"]), "subgroup": "total", "source_id": SOURCE_ID, "vintage": VINTAGE,
            "flag": "official", "confidence": row["confidence"], "note": cited_note(row),
        }
        for _, row in read_releases(reference_dir, WOMEN_FILE, matcher).iterrows()
        if row["unit"] == UNIT and not pd.isna(row["value"])
    ]
    unique_cells(records, WOMEN_FILE)
    return observation_frame(records)

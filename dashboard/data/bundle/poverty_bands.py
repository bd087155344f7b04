"""Rural poverty in 2016 as bands only: the book names provinces per band, never their values.

Stored as category indicators (value = 0-based index into `categories`, lowest first). Provinces
the text names are flagged 'official'; the complement groups ("其他10省" below 3%, "其余16个省份"
below 1 million) were assigned by the transcriber to the provinces not named, which is exact by
elimination (the counts match the text) but is not printed per province: those rows are flagged
'derived' and say so in the note.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.areas import AreaMatcher
from dashboard.data.bundle._reference import observation_frame, read_tidy_transcription
from dashboard.data.errors import DataError, Location

BANDS_FILE = "poverty_2016_bands_book/rural_poverty_2016_bands.csv"
VINTAGE = "NBS rural household survey 2016 (2,300-yuan line at 2010 prices), as summarised in 《当代中国扶贫》"
INCIDENCE_BANDS = ("<3", "3-5", "5-10", ">10")
POPULATION_BANDS = ("<100", "100-300", ">300")
_PRINTED = {
    "rural_poverty_incidence_band": ("poverty_band_2016", INCIDENCE_BANDS),
    "rural_poor_population_band": ("poverty_pop_band_2016", POPULATION_BANDS),
}

SOURCES = [
    {
        "source_id": "BOOK-DANGDAI-ZHONGGUO-FUPIN",
        "title_en": "Poverty Alleviation in Contemporary China (series 'Understanding China'), chapter 2: current poverty and its regional distribution",
        "title_zh": "《当代中国扶贫》（认识中国·了解中国）二、中国当前的贫困状况和区域分布",
        "publisher": "Book citing the NBS rural household survey (160,000 households)", "year": "2017",
        "table": "Chapter 2, footnote [2]", "url": "https://m.journal.qq.com/read/1026923390/5",
        "licence": "Quoted facts (bands) from a published book",
        "via": "Transcribed from a stored copy of the online edition; excerpt in reference-data poverty_2016_bands_book/raw_excerpt.txt",
        "doubts": "Bands only, no provincial values. The '<3%' (10) and '<1 million' (16) groups were assigned by the transcriber to the provinces not named in the text (counts match the text); flagged 'derived'. National 4.5% / 4335万 not bundled here (not a band).",
    },
]

INDICATORS = [
    {
        "indicator_id": "poverty_band_2016", "name_zh": "农村贫困发生率分组（2016年）", "name_en": "Rural poverty incidence band (2016)",
        "unit_zh": "%（分组）", "unit_en": "% band",
        "definition_zh": "2016年农村贫困发生率所在区间（现行标准每人每年2300元，2010年价格）。未在书中点名的省份按排除法归入“其他10省”（<3%），标记为derived。",
        "definition_en": "Band of the 2016 rural poverty incidence (2,300 yuan/year line, 2010 prices). Provinces not named in the text were assigned to 'the other 10 provinces' (<3%) by elimination (flag derived).",
        "higher_is_better": "false", "decimals": "0", "regional_mean": "none", "kind": "category",
        "categories": "|".join(f"{b}%" for b in INCIDENCE_BANDS),
    },
    {
        "indicator_id": "poverty_pop_band_2016", "name_zh": "农村贫困人口规模分组（2016年）", "name_en": "Rural poor population band (2016)",
        "unit_zh": "万人（分组）", "unit_en": "10,000 persons band",
        "definition_zh": "2016年农村贫困人口所在区间。未点名的16省按排除法归入<100万，标记为derived。",
        "definition_en": "Band of the 2016 rural poor population. The 16 provinces not named were assigned to <1 million by elimination (flag derived).",
        "higher_is_better": "false", "decimals": "0", "regional_mean": "none", "kind": "category",
        "categories": "|".join(f"{b}万" for b in POPULATION_BANDS),
    },
]


def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame:
    table = read_tidy_transcription(reference_dir, BANDS_FILE, matcher)
    records = []
    for row in table.itertuples(index=False):
        if row.indicator not in _PRINTED:
            continue  # the national numeric values are not bands
        indicator_id, bands = _PRINTED[row.indicator]
        if row.text not in bands:
            raise DataError(Location(BANDS_FILE, row.line, "value"), f"'{row.text}' is not one of the bands {bands}")
        inferred = "inferred" in row.unit
        records.append({
            "area_code": row.area_code, "indicator_id": indicator_id, "year": row.year,
            "value": float(bands.index(row.text)), "subgroup": "total", "source_id": row.source_id, "vintage": VINTAGE,
            "flag": "derived" if inferred else "official",
            "note": "not named in the text; assigned to the remaining group by elimination (transcriber)" if inferred else "named in the text",
        })
    return observation_frame(records)

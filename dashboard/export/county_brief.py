"""A county brief: one printable A4 page for a county-level unit of the county drill-down.

It holds the county's place in its province (a drawing of the county boundaries the app serves,
the county outlined), its status on the 2014 list of 832 national poverty counties, a line
saying that no targets are set for counties, and the 2010 and 2020 census values of the county
next to its province's value of the same definition, with numbered sources and "How to cite"
as the province brief has (its helpers and print styles: `dashboard.export.brief`). Nothing is
filled in: a value the data lack says no data.

The picture is inline SVG drawn from the GeoJSON (no image renderer: the PDF stays vector and
is printed by the same Chromium as the province brief).
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from dashboard.data.bundle.county_indicators import CENSUS, CENSUS_SOURCES, LIST_YEAR, POVERTY_ID
from dashboard.data.dataset import Dataset
from dashboard.export.brief import BRIEF_CSS, Citations, citation_block, escape, sources_list
from dashboard.figures.labels import value_text
from dashboard.figures.theme import NO_DATA, PROVINCE_EDGE, SELECTED, SERIES
from dashboard.geo import MAIN_MAP_SOUTH_LAT
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year

CENSUS_YEARS: Final = tuple(sorted(CENSUS_SOURCES))            # (2010, 2020)
CENSUS_IDS: Final = tuple(spec[0] for spec in CENSUS.values())  # the county census indicators, in order
# County census indicator -> the province series of the same definition. The others have none
# (census-day urbanisation and population, schooling of the 6+, kitchens, bathing): their
# province cells say no data rather than show a series of another definition.
PROVINCE_SERIES: Final = {
    "county_households_tap_water_census": "households_tap_water_census",
    "county_households_toilet_census": "households_toilet_census",
    "county_illiteracy_15plus_census": "illiteracy_census",
}
FILL: Final = SERIES[0]
SVG_SIZE: Final = 1000.0    # viewBox units of the longer side
MARK_SHARE: Final = 0.03    # a county smaller than this share of the frame gets a ring to find it
MAX_RINGS: Final = 12       # rings drawn at most (the largest of 南沙's islands)

_CSS: Final = """
.ctop { display: grid; grid-template-columns: minmax(0, 48fr) minmax(0, 52fr); gap: 10px; align-items: start; }
.ctop svg { width: 100%; height: auto; max-height: 105mm; border: 1px solid #e4e7eb; display: block; }  /* a tall province (or 三沙) stays on the one page */
.caption { font-size: 7.5pt; margin: 2px 0 0; }
.fact { font-size: 10pt; margin: 2px 0 6px; } .fact strong { font-weight: 600; }
.notarget { border-left: 3px solid #52606d; padding: 3px 6px; background: #f2f4f7; margin: 6px 0; }
table.census { font-size: 8pt; } table.census col.c-item { width: 36%; }
table.census th.year { text-align: center; border-bottom: 1px solid #cbd2d9; }
table.census td.missing { color: #52606d; font-style: italic; }
"""  # noqa: E501 (CSS, with the reason for a rule beside it)


def county_codes(dataset: Dataset) -> frozenset[str]:
    """Every unit a county map draws (county-level units and prefectures that are one): the codes
    a county brief exists for."""
    return frozenset(code for province in dataset.province_codes(mainland_only=False)
                     for code in dataset.map_units(province))


# --- the picture ---------------------------------------------------------------------------
Ring = list[list[float]]


def _polygons(geometry: dict) -> list[list[Ring]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _bounds(polygons: Iterable[list[Ring]]) -> tuple[float, float, float, float] | None:
    points = [point for polygon in polygons for point in polygon[0]]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


@dataclass(frozen=True)
class Locator:
    svg: str
    islands_left_out: bool   # parts of the province outside the frame (Hainan's islands far south)


def locator_svg(collection: dict, area_code: str, label: str) -> Locator:
    """The province's county-level units, the county filled and outlined, framed on the parts of
    the province north of the main map's southern edge (Hainan: the main island, not the islands
    of the South China Sea, beside which the county would be a dot); a county lying wholly south
    of it (三沙) is framed on itself. A small county gets a ring so it can be found."""
    features = [f for f in collection.get("features", []) if isinstance(f, dict) and isinstance(f.get("geometry"), dict)]
    shapes = {str(f.get("id")): _polygons(f["geometry"]) for f in features}
    main = [p for polygons in shapes.values() for p in polygons if max(pt[1] for pt in p[0]) >= MAIN_MAP_SOUTH_LAT]
    own = shapes.get(area_code, [])
    own_main = [p for p in own if max(pt[1] for pt in p[0]) >= MAIN_MAP_SOUTH_LAT]
    frame = _bounds(main if own_main else own) or _bounds(p for polygons in shapes.values() for p in polygons)
    if frame is None:
        return Locator("", False)
    west, south, east, north = frame
    pad = 0.03 * max(east - west, north - south)
    west, south, east, north = west - pad, south - pad, east + pad, north + pad
    squeeze = max(0.2, math.cos(math.radians((south + north) / 2)))  # equirectangular at the frame's middle latitude
    scale = SVG_SIZE / max((east - west) * squeeze, north - south)
    width, height = (east - west) * squeeze * scale, (north - south) * scale

    def path(polygons: list[list[Ring]]) -> str:
        return " ".join("M" + "L".join(f"{(x - west) * squeeze * scale:.1f},{(north - y) * scale:.1f}" for x, y, *_ in ring)
                        + "Z" for polygon in polygons for ring in polygon)

    others = "".join(f'<path d="{path(polygons)}"/>' for code, polygons in shapes.items() if code != area_code)
    chosen = f'<path d="{path(own)}" fill="{FILL}" stroke="{SELECTED}" stroke-width="3"/>' if own else ""
    # A ring around the county when it is small in the frame; a county of scattered islands framed
    # on itself (三沙) gets one around each island group, of which the map would show dots.
    found = [_bounds([p]) for p in own] if own and not own_main else [_bounds(own_main or own)]
    boxes = sorted((b for b in found if b is not None), key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True)
    rings = []
    for box in boxes[:MAX_RINGS]:  # the largest islands
        if max(box[2] - box[0], box[3] - box[1]) < MARK_SHARE * max(east - west, north - south):
            cx, cy = ((box[0] + box[2]) / 2 - west) * squeeze * scale, (north - (box[1] + box[3]) / 2) * scale
            rings.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{0.025 * SVG_SIZE:.1f}"/>')
    ring = f'<g fill="none" stroke="{SELECTED}" stroke-width="3">{"".join(rings)}</g>' if rings else ""
    outside = any(max(pt[1] for pt in p[0]) < south or min(pt[1] for pt in p[0]) > north
                  for polygons in shapes.values() for p in polygons)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
           f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
           f'<g fill="{NO_DATA}" stroke="{PROVINCE_EDGE}" stroke-width="1.2" fill-rule="evenodd">{others}</g>'
           f'<g fill-rule="evenodd">{chosen}</g>{ring}</svg>')
    return Locator(svg, outside and bool(own_main))  # the note says the far-south islands are left out


# --- the content ---------------------------------------------------------------------------
def _observation(dataset: Dataset, indicator_id: str, area_code: str, year: int):
    if not dataset.has_indicator(indicator_id):
        return None
    rows = dataset.series(indicator_id, area_code)
    rows = rows[rows["year"] == year]
    return None if rows.empty else rows.iloc[0]


def _value_cell(dataset: Dataset, indicator_id: str | None, area_code: str, year: int, cites: Citations,
                lang: str) -> tuple[str, bool]:
    """The table cell of one value with its flag and source mark, and whether there is a value."""
    row = _observation(dataset, indicator_id, area_code, year) if indicator_id else None
    if row is None or row["value"] != row["value"]:  # no row, or a row without a value: said, never filled
        return f'<td class="num missing">{escape(t("terms.no_data", lang))}</td>', False
    flag = row["flag"]
    note = (f' <span class="muted">({escape(t(f"terms.flag.{flag}", lang))})</span>'
            if isinstance(flag, str) and flag and flag != "official" else "")
    mark = cites.cite(row["source_id"], row["vintage"])
    return (f'<td class="num">{escape(value_text(dataset, str(indicator_id), float(row["value"]), lang))}{note}'
            f'<sup>{escape(mark)}</sup></td>'), True


def _poverty_status(dataset: Dataset, area_code: str, cites: Citations, lang: str) -> str:
    row = _observation(dataset, POVERTY_ID, area_code, LIST_YEAR)
    list_year = format_year(LIST_YEAR, lang)
    if row is None:
        # The list is national: a unit without a row is not on it (the indicator's definition).
        source = dataset.indicator_rows(POVERTY_ID)["source_id"] if dataset.has_indicator(POVERTY_ID) else []
        mark = cites.cite(next(iter(source), None))
        return escape(t("present.county_brief.not_on_list", lang, year=list_year)) + f"<sup>{escape(mark)}</sup>"
    mark = cites.cite(row["source_id"], row["vintage"])
    return (escape(t("present.county_brief.on_list", lang, year=list_year, batch=format_year(int(row["value"]), lang)))
            + f"<sup>{escape(mark)}</sup>")


def _census_table(dataset: Dataset, area_code: str, province: str, cites: Citations, lang: str) -> tuple[str, list[int]]:
    """The census rows (county next to province, per census year), and the years with a county value."""
    rows, years = [], set()
    for indicator_id in CENSUS_IDS:
        if not dataset.has_indicator(indicator_id):
            continue
        cells = []
        for year in CENSUS_YEARS:
            county, has_value = _value_cell(dataset, indicator_id, area_code, year, cites, lang)
            if has_value:
                years.add(year)
            cells += [county, _value_cell(dataset, PROVINCE_SERIES.get(indicator_id), province, year, cites, lang)[0]]
        name = dataset.indicator(indicator_id)[f"name_{lang}"]
        rows.append(f"<tr><td>{escape(name)}</td>{''.join(cells)}</tr>")
    county_head, province_head = t("present.county_brief.col.county", lang), t("present.county_brief.col.province", lang)
    head = (f'<tr><th rowspan="2">{escape(t("present.county_brief.col.item", lang))}</th>'
            + "".join(f'<th colspan="2" class="year">{escape(format_year(y, lang))}</th>' for y in CENSUS_YEARS) + "</tr>"
            + "<tr>" + f"<th>{escape(county_head)}</th><th>{escape(province_head)}</th>" * len(CENSUS_YEARS) + "</tr>")
    cols = '<col class="c-item">' + "<col>" * (2 * len(CENSUS_YEARS))
    table = (f'<table class="census"><colgroup>{cols}</colgroup><thead>{head}</thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    return table, sorted(years)


def _list(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def county_brief_html(dataset: Dataset, counties: dict | None, area_code: str, lang: str, *, link: str = "",
                      exported: date | None = None) -> str:
    """The county brief as one self-contained HTML document (no external file, font or script).

    ``counties``: the province's county boundaries (`dashboard.geo.load_counties`), None when
    they cannot be read (the brief says so). ``link``: the county's view in the dashboard, cited
    in "How to cite" with ``exported`` (default: today)."""
    area = dataset.area(area_code)
    province = dataset.province_of(area_code) or f"{area_code[:2]}0000"
    name, other = dataset.area_name(area_code, lang), dataset.area_name(area_code, "en" if lang == "zh" else "zh")
    province_name = dataset.area_name(province, lang) if dataset.has_area(province) else province
    parent = area.get("parent_code")
    where = [dataset.area_name(parent, lang)] if isinstance(parent, str) and parent != province and dataset.has_area(parent) else []
    where.append(province_name)
    subtitle = [*([other] if other != name else []), area_code, *where]  # a county without romanisation: once
    cites = Citations(dataset, [], {})
    status = _poverty_status(dataset, area_code, cites, lang)
    table, census_years = _census_table(dataset, area_code, province, cites, lang)
    data_years = [format_year(y, lang) for y in sorted({LIST_YEAR, *census_years})]
    title = t("present.county_brief.title", lang, name=name)
    label = t("present.county_brief.map_alt", lang, name=name, province=province_name)
    locator = locator_svg(counties, area_code, label) if counties else Locator("", False)
    if locator.svg:
        note = f' {escape(t("present.county_brief.map_islands", lang))}' if locator.islands_left_out else ""
        picture = f'{locator.svg}<p class="muted caption">{escape(label)}{"。" if lang == "zh" else "."}{note}</p>'
    else:
        picture = f'<div class="nomap">{escape(t("present.brief.map_unavailable", lang))}</div>'
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<title>{escape(title)}</title><style>{BRIEF_CSS}{_CSS}</style></head>
<body>
<header><div><h1>{escape(title)}</h1>
<div class="muted">{escape(' · '.join(subtitle))}</div></div>
<div class="meta">{escape(t("ui.app.title", lang))}<br>{escape(t("present.county_brief.data_years", lang, years=_list(data_years, lang)))}</div></header>
<div class="ctop"><div>{picture}</div>
<div><h2>{escape(t("present.county_brief.poverty_heading", lang))}</h2>
<p class="fact">{status}</p>
<p class="notarget">{escape(t("present.county_brief.no_targets", lang))}</p></div></div>
<h2>{escape(t("present.county_brief.census_heading", lang, province=province_name))}</h2>
{table}
<p class="muted note">{escape(t("present.county_brief.province_note", lang))}</p>
<h2>{escape(t("present.brief.sources_heading", lang))}</h2>
{sources_list(dataset, cites, lang)}
{citation_block(dataset, cites, lang, brief_title=title, link=link, exported=exported or date.today())}
<p class="muted note">{escape(t("present.brief.honesty", lang))}</p>
</body></html>
"""  # noqa: E501 (the page template)


"""The province brief on A4 portrait, nothing clipped (issue 14): the printed HTML measured in
Chromium at the page's content width, and the PDF Chromium prints from it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.config import Settings
from dashboard.data.frameworks import load_frameworks
from dashboard.export.brief import brief_html, brief_map_png, brief_pdf
from dashboard.geo import load_provinces, load_south_china_sea

# A4 is 210 mm wide; the brief's @page margins are 12 mm left and right: 186 mm of content,
# 703 CSS px at 96 px per inch.
CONTENT_WIDTH_PX = round((210 - 24) / 25.4 * 96)
A4_POINTS = (595, 842)

CLIPPED = """width => {
  const out = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    const name = e.tagName + (e.className ? '.' + e.className : '') + ' ' + (e.textContent || '').slice(0, 40);
    if (r.left < -0.5 || r.right > width + 0.5) out.push(['outside', name, r.left, r.right]);
    const style = getComputedStyle(e);
    // A box that hides what does not fit (overflow hidden / clip / ellipsis) must have nothing hidden.
    if (style.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1) out.push(['cut', name, e.scrollWidth, e.clientWidth]);
    if (style.overflowY !== 'visible' && e.scrollHeight > e.clientHeight + 1) out.push(['cut', name, e.scrollHeight, e.clientHeight]);
    // Table text wider than its cell runs into the next column.
    const cell = e.tagName === 'TD' || e.tagName === 'TH';
    if (cell && e.scrollWidth > e.clientWidth + 1) out.push(['cell', name, e.scrollWidth, e.clientWidth]);
  }
  return {clipped: out, pageWidth: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="module")
def briefs(bundled_dataset) -> dict[str, str]:
    data_dir = Path(Settings().data_dir)
    frameworks = load_frameworks(data_dir, bundled_dataset)
    provinces, sea = load_provinces(data_dir), load_south_china_sea(data_dir)
    return {lang: brief_html(bundled_dataset, frameworks, "530000", 2010, lang,
                             map_png=brief_map_png(bundled_dataset, provinces, sea, "530000", "gdp_pc", 2010, lang))
            for lang in ("zh", "en")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_brief_fits_a4_portrait_with_nothing_clipped(browser, briefs, lang) -> None:
    context = browser.new_context(viewport={"width": CONTENT_WIDTH_PX, "height": 1000})
    page = context.new_page()
    try:
        page.emulate_media(media="print")
        page.set_content(briefs[lang], wait_until="load")
        page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
        measured = page.evaluate(CLIPPED, CONTENT_WIDTH_PX)
    finally:
        context.close()
    assert measured["pageWidth"] <= CONTENT_WIDTH_PX, measured
    assert measured["clipped"] == [], measured["clipped"][:5]

    pdf = brief_pdf(briefs[lang])
    boxes = set(re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf))
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {A4_POINTS}  # A4 portrait, every page
    pages = int(re.search(rb"/Type /Pages.*?/Count (\d+)", pdf, re.S).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 2  # a brief: two pages at most

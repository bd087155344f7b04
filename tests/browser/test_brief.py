"""The province brief on A4 portrait, nothing clipped (issue 14): the printed HTML measured in
Chromium at the page's content width, and the PDF Chromium prints from it."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.config import Settings
from dashboard.data.frameworks import load_frameworks
from dashboard.export.brief import brief_html, brief_map_png, brief_pdf
from dashboard.geo import load_provinces, load_south_china_sea
from tests.browser.print_checks import assert_a4_portrait, assert_fits_width, measure_print


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
    assert_fits_width(measure_print(browser, briefs[lang]))
    assert_a4_portrait(brief_pdf(briefs[lang]), max_pages=2)  # a brief: two pages at most

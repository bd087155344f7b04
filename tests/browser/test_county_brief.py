"""The county brief on one A4 portrait page, nothing clipped, in both languages (issue 14): the
PDF the route serves rendered to PNG (nothing printed in the page margins), the printed HTML
measured at the page's content width, and the county card's link downloading it."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.config import Settings
from dashboard.export.brief import PDF_MAGIC
from dashboard.export.county_brief import county_brief_html
from dashboard.geo import load_counties
from tests.browser.print_checks import (assert_a4_portrait, assert_fits_width, ink_in_margins, measure_print,
                                        pdf_to_png)

# 琼中 (Hainan: the picture framed on the main island, islands far south left out) and 澜沧
# (Yunnan: a poverty county with every census value, a long name).
COUNTIES = ("469030", "530828")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("code", COUNTIES)
def test_the_county_brief_is_one_a4_page_with_nothing_clipped(page, bundled_dataset, tmp_path, code, lang) -> None:
    response = page.request.get(f"{page.watch.base}/brief/county/{code}.pdf?lang={lang}")
    assert response.status == 200, response.text()
    pdf = response.body()
    assert pdf.startswith(PDF_MAGIC)
    assert assert_a4_portrait(pdf, max_pages=1) == 1
    [png] = pdf_to_png(pdf, tmp_path / f"county-brief-{code}-{lang}")
    assert ink_in_margins(png) == []

    counties = load_counties(Path(Settings().data_dir), f"{code[:2]}0000")
    assert_fits_width(measure_print(page.context.browser, county_brief_html(bundled_dataset, counties, code, lang)))


@pytest.mark.parametrize(("lang", "label"), [("zh", "下载县级简报（PDF）"), ("en", "Download county brief (PDF)")])
def test_the_county_card_downloads_the_brief_in_the_page_language(page, lang, label) -> None:
    page.goto(f"{page.watch.base}/?lang={lang}&view=map&drill=530000&area=532301")
    link = page.locator("#map-county-card a.county-brief-link")
    link.wait_for()
    assert link.inner_text().strip() == label
    assert link.get_attribute("href") == f"/brief/county/532301.pdf?lang={lang}"
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    assert Path(path).read_bytes().startswith(PDF_MAGIC)
    assert download.value.suggested_filename == f"county-brief-532301-{lang}.pdf"
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []

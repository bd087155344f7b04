"""The province brief: one printable page, in either language, with values, years and sources."""
from __future__ import annotations

import html
import os
import re
from datetime import date
from pathlib import Path

import pytest

from dashboard.data.frameworks import load_frameworks
from dashboard.i18n import publisher_text, t
from dashboard.export.brief import PDF_MAGIC, BriefPdfUnavailable, brief_html, brief_pdf, find_chromium

REPO = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 16


@pytest.fixture(scope="module")
def frameworks(bundled_dataset):
    return load_frameworks(REPO / "data", bundled_dataset)


@pytest.mark.parametrize(("lang", "name", "heading"), [("zh", "云南省", "资料来源"), ("en", "Yunnan", "Sources")])
def test_brief_names_the_province_its_values_with_years_and_sources(bundled_dataset, frameworks, lang, name, heading):
    document = brief_html(bundled_dataset, frameworks, "530000", 2010, lang, map_png=PNG)
    assert name in document and heading in document
    assert "data:image/png;base64," in document
    assert "2010" in document and "[1]" in document  # values carry years and cited sources
    # the source list names the actual statistical source of a value shown
    urbanisation = bundled_dataset.series("urbanisation", "530000")
    source_id = urbanisation.loc[urbanisation["year"] == 2010, "source_id"].iloc[0]
    title = bundled_dataset.source(source_id)[f"title_{lang}"]
    assert str(title).split("(")[0].strip()[:20] in document
    assert "<script" not in document.lower() and "http-equiv" not in document.lower()


@pytest.mark.parametrize(("lang", "heading", "sources_heading"), [("zh", "引用方式", "资料来源"), ("en", "How to cite", "Sources")])
def test_how_to_cite_names_the_original_sources_first_then_the_dashboard(bundled_dataset, frameworks, lang, heading,
                                                                          sources_heading):
    link = f"http://example.org/?lang={lang}&view=map&ind=gdp_pc&year=2010&area=530000"
    document = brief_html(bundled_dataset, frameworks, "530000", 2010, lang, map_png=PNG, link=link,
                          exported=date(2026, 12, 4))
    block = re.search(r'<div class="cite"><h3>(.*?)</h3><p class="cite-sources">(.*?)</p>'
                      r'<p class="cite-dashboard">(.*?)</p></div>', document)
    assert block is not None
    assert document.index(f"<h2>{sources_heading}</h2>") < block.start()  # folded into the sources section
    title, originals, dashboard = (html.unescape(part) for part in block.groups())
    assert title == heading
    # the source of a value shown, as the sources table names it: publisher, title, year
    urbanisation = bundled_dataset.series("urbanisation", "530000")
    source = bundled_dataset.source(urbanisation.loc[urbanisation["year"] == 2010, "source_id"].iloc[0])
    publisher = publisher_text(source["publisher"], lang)  # 国家统计局 in the zh brief, not its English name
    assert publisher in originals and source[f"title_{lang}"] in originals and source["year"] in originals
    assert lang == "en" or source["publisher"] not in originals
    # then the dashboard: its name, the brief, the date of export and the view's link, in this order
    parts = [t("ui.app.title", lang), t("present.brief.title", lang, name=bundled_dataset.area_name("530000", lang)),
             "2026-12-04", link]
    assert [dashboard.index(part) for part in parts] == sorted(dashboard.index(part) for part in parts)
    assert t("ui.app.title", lang) not in originals


def test_without_a_map_image_the_brief_says_why(bundled_dataset, frameworks):
    document = brief_html(bundled_dataset, frameworks, "530000", 2010, "en", map_png=None,
                          map_unavailable="no Chromium")
    assert "could not be made" in document and "no Chromium" in document


def test_pdf_is_printed_by_chromium(bundled_dataset, frameworks):
    if find_chromium() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but Chromium is not installed: the PDF brief must be tested in CI")
        pytest.skip("Chromium not installed")
    pdf = brief_pdf(brief_html(bundled_dataset, frameworks, "530000", 2010, "zh", map_png=PNG))
    assert pdf.startswith(PDF_MAGIC)


def test_no_chromium_is_a_clear_message(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(BriefPdfUnavailable, match="Chromium"):
        brief_pdf("<html></html>")

"""The province brief: one printable page, in either language, with values, years and sources."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.data.frameworks import load_frameworks
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

"""Checks shared by the brief tests: a printed brief is A4 portrait with nothing clipped.

- `measure_print(browser, document)`: the HTML laid out for print at the A4 content width, with
  every element outside the width, cut by an overflow box, or wider than its table cell.
- `pdf_pages(pdf)`: the page sizes (points) and page count of the PDF Chromium printed.
- `pdf_to_png(pdf, stem)`: the pages as PNG (poppler's pdftoppm), to look at and to check that
  nothing is printed in the page margins (`ink_in_margins`).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# A4 is 210 mm wide; the brief's @page margins are 12 mm left and right: 186 mm of content,
# 703 CSS px at 96 px per inch.
CONTENT_WIDTH_PX = round((210 - 24) / 25.4 * 96)
A4_POINTS = (595, 842)
MARGIN_MM = 12   # left and right (@page in dashboard/export/brief.py); top 12, bottom 14

CLIPPED = """width => {
  const out = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    const cls = typeof e.className === 'string' ? e.className : '';  // an SVG element's className is an object
    const name = e.tagName + (cls ? '.' + cls : '') + ' ' + (e.textContent || '').slice(0, 40);
    if (r.left < -0.5 || r.right > width + 0.5) out.push(['outside', name, r.left, r.right]);
    const style = getComputedStyle(e);
    // A box that hides what does not fit (overflow hidden / clip / ellipsis) must have nothing hidden.
    // (An inline SVG's own drawing is clipped to its viewBox by design: its children are not boxes.)
    if (e instanceof SVGElement) continue;
    if (style.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1) out.push(['cut', name, e.scrollWidth, e.clientWidth]);
    if (style.overflowY !== 'visible' && e.scrollHeight > e.clientHeight + 1) out.push(['cut', name, e.scrollHeight, e.clientHeight]);
    // Table text wider than its cell runs into the next column.
    const cell = e.tagName === 'TD' || e.tagName === 'TH';
    if (cell && e.scrollWidth > e.clientWidth + 1) out.push(['cell', name, e.scrollWidth, e.clientWidth]);
  }
  return {clipped: out, pageWidth: document.documentElement.scrollWidth};
}"""


def measure_print(browser, document: str) -> dict:
    """The document as printed: its width and what is clipped (CLIPPED), once its images loaded."""
    context = browser.new_context(viewport={"width": CONTENT_WIDTH_PX, "height": 1000})
    page = context.new_page()
    try:
        page.emulate_media(media="print")
        page.set_content(document, wait_until="load")
        page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
        return page.evaluate(CLIPPED, CONTENT_WIDTH_PX)
    finally:
        context.close()


def assert_fits_width(measured: dict) -> None:
    assert measured["pageWidth"] <= CONTENT_WIDTH_PX, measured
    assert measured["clipped"] == [], measured["clipped"][:5]


def pdf_pages(pdf: bytes) -> tuple[set[tuple[int, int]], int]:
    """(the page sizes in points, the number of pages) of a PDF as Chromium writes it."""
    boxes = {(round(float(w)), round(float(h))) for w, h in re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)}
    count = re.search(rb"/Type /Pages.*?/Count (\d+)", pdf, re.S)
    assert count is not None, "not a PDF page tree"
    return boxes, int(count.group(1))


def assert_a4_portrait(pdf: bytes, max_pages: int) -> int:
    boxes, pages = pdf_pages(pdf)
    assert boxes == {A4_POINTS}  # A4 portrait, every page
    assert 1 <= pages <= max_pages
    return pages


def pdf_to_png(pdf: bytes, stem: Path, dpi: int = 100) -> list[Path]:
    """Every page as `<stem>-<n>.png` (pdftoppm; skipped without it, except in CI)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but pdftoppm is not installed (apt-get install poppler-utils)")
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils)")
    stem.parent.mkdir(parents=True, exist_ok=True)
    source = stem.with_suffix(".pdf")
    source.write_bytes(pdf)
    subprocess.run([tool, "-r", str(dpi), "-png", str(source), str(stem)], check=True, capture_output=True, timeout=60)
    return sorted(stem.parent.glob(f"{stem.name}-*.png"))


def ink_in_margins(png: Path, margin_mm: float = MARGIN_MM - 2) -> list[str]:
    """The page edges (within ``margin_mm`` of the paper's edge) that hold anything but white:
    content printed where the @page margin should be means the layout ran off its box."""
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
        width, height = grey.size
        px = round(margin_mm / 210 * width)
        strips = {"left": (0, 0, px, height), "right": (width - px, 0, width, height),
                  "top": (0, 0, width, px), "bottom": (0, height - px, width, height)}
        return [side for side, box in strips.items() if grey.crop(box).getextrema()[0] < 250]

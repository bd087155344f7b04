"""The disparity view as a presenter meets it: charts drawn from the link, a bar click selects a
province in the URL (so every view follows), nothing leaves 127.0.0.1."""
from __future__ import annotations

URL = "/?view=disparity&ind=urbanisation&year=2010&area=530000"


# The first load runs every view's initial callbacks; on a busy machine that takes longer than
# the page's default 20 s, so only this first wait is longer.
FIRST_LOAD_MS = 90_000


def wait_for_disparity(page) -> None:
    page.wait_for_selector("#disparity-ranking .bars path", timeout=FIRST_LOAD_MS)
    page.wait_for_selector("#disparity-regional .scatterlayer .trace")
    page.wait_for_selector("#disparity-convergence .scatterlayer .trace")
    page.wait_for_selector("#disparity-beta .scatterlayer .trace")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")


def test_charts_drawn_from_the_link(page):
    page.goto(page.watch.base + URL)
    wait_for_disparity(page)
    assert page.locator("#view-disparity").is_visible()
    assert page.locator("#view-map").is_hidden()
    assert "城镇化率" in page.locator("#disparity-heading").inner_text()
    assert "2005" in page.locator("#disparity-reading").inner_text()
    # the selected province is marked in the ranking's labels
    ticks = page.locator("#disparity-ranking .ytick text").all_text_contents()
    assert any("云南省" in text and "▶" in text for text in ticks)
    assert len(ticks) == 31
    # urban/rural over time: old (2002-2012) and integrated (2013-) surveys as separate lines,
    # the survey reform drawn between them; Yunnan (the selection) has a line in each
    legend = [t.strip() for t in page.locator("#disparity-urban-rural .legendtext").all_text_contents()]
    assert any("云南省" in t and "老口径调查" in t for t in legend)
    assert any("云南省" in t and "一体化调查" in t for t in legend)
    assert "2013年住户调查改革" in page.locator("#disparity-urban-rural .annotation-text").all_text_contents()
    # the Theil decomposition and beta-convergence are drawn, and the reading names both
    assert page.locator("#disparity-decomposition .barlayer .trace").count() == 2
    assert "β" in page.locator("#disparity-reading").inner_text()
    assert "0.284" in page.locator("#disparity-stats").inner_text()
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_clicking_a_ranking_bar_selects_that_province_in_the_url(page):
    page.goto(page.watch.base + URL)
    wait_for_disparity(page)
    # the ranking sits below the other panels: bring it into the viewport first
    page.locator("#disparity-ranking").scroll_into_view_if_needed()
    # Beijing's bar (110000): Plotly bars take pointer events, so click the bar's centre
    box = page.evaluate("""() => {
        const gd = document.querySelector('#disparity-ranking .js-plotly-plot');
        for (const [i, trace] of gd.data.entries()) {
            const j = trace.y.indexOf('110000');
            if (j >= 0) {
                const path = gd.querySelectorAll('.barlayer .trace')[i].querySelectorAll('.point path')[j];
                const r = path.getBoundingClientRect();
                return [r.x + r.width / 2, r.y + r.height / 2];
            }
        }
        return null;
    }""")
    assert box is not None
    # Plotly picks the clicked point from the hover it computed: hover first, then click.
    page.mouse.move(box[0], box[1])
    page.wait_for_selector("#disparity-ranking .hoverlayer .hovertext")
    page.mouse.click(box[0], box[1])
    page.wait_for_function("() => location.search.includes('area=110000')")
    assert "view=disparity" in page.evaluate("location.search")
    page.wait_for_function("""() => [...document.querySelectorAll('#disparity-ranking .ytick text')]
        .some(t => t.textContent.includes('▶') && t.textContent.includes('北京市'))""")
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_indicator_selector_writes_the_url(page):
    page.goto(page.watch.base + URL)
    wait_for_disparity(page)
    page.locator("#disparity-indicator").click()
    page.get_by_role("option", name="人均地区生产总值", exact=True).click()
    page.wait_for_function("() => location.search.includes('ind=gdp_pc')")
    page.wait_for_function("() => document.querySelector('#disparity-heading').textContent.includes('人均地区生产总值')")
    assert page.watch.console_errors == []

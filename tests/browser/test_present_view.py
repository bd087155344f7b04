"""Presenting in a real browser: build a storyboard, step with the keys a clicker sends, leave."""
from __future__ import annotations

from tests.browser.conftest import wait_for_map

IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
VIEWS = ("?lang=en&view=map&ind=gdp_pc&year=2010",
         "?lang=en&view=map&ind=gdp_pc&year=2010&area=530000",
         "?lang=en&view=map&ind=urbanisation&year=2010&area=520000")


def counter_is(page, text: str) -> None:
    page.wait_for_function("t => (document.querySelector('#present-counter') || {}).textContent === t", arg=text)


def test_build_present_step_and_leave(page) -> None:
    page.set_default_timeout(60_000)  # a loaded CI machine draws the map slowly
    base = page.watch.base
    for number, query in enumerate(VIEWS, start=1):
        page.goto(base + "/" + query)
        wait_for_map(page)
        page.click("button[id*='\"view\":\"present\"']")
        page.wait_for_function("() => location.search.includes('view=present')")
        page.wait_for_function(IDLE)
        page.click("#present-add")
        page.wait_for_function("n => document.querySelectorAll('.present-slide').length === n", arg=number)

    page.click("#present-start")
    page.wait_for_function("() => document.documentElement.classList.contains('present-mode')")
    counter_is(page, "1 / 3")
    page.wait_for_function("() => location.search.includes('view=map') && !location.search.includes('area=')")
    assert page.is_visible("#present-next") and not page.is_visible("#present-add")

    page.keyboard.press("ArrowRight")
    counter_is(page, "2 / 3")
    page.wait_for_function("() => location.search.includes('area=530000')")
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    counter_is(page, "3 / 3")
    page.wait_for_function("() => location.search.includes('area=520000') && location.search.includes('ind=urbanisation')")
    assert "Guizhou" in page.text_content("#present-now-title")
    page.keyboard.press("ArrowLeft")
    counter_is(page, "2 / 3")
    page.wait_for_function("() => location.search.includes('area=530000')")

    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.documentElement.classList.contains('present-mode')")
    page.wait_for_function("() => location.search.includes('view=present')")

    # A link starts the show at any slide (the storyboard is in this browser's local storage).
    page.goto(base + "/?lang=en&view=present&slide=3")
    counter_is(page, "3 / 3")
    page.wait_for_function("() => location.search.includes('area=520000')")
    page.wait_for_function(IDLE)
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_keys_typed_into_a_note_do_not_step(page) -> None:
    page.set_default_timeout(60_000)
    page.goto(page.watch.base + "/?lang=zh&view=present")
    page.wait_for_selector("#present-add")
    page.wait_for_function(IDLE)
    page.click("#present-add")
    page.wait_for_selector(".present-slide textarea")
    page.click(".present-slide textarea")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("PageDown")
    assert not page.evaluate("() => document.documentElement.classList.contains('present-mode')")
    assert "view=present" in page.url
    assert page.watch.console_errors == []


# Issue 14's six views, the county map last (its card is a table beside the map).
SLIDES = (("?view=map&ind=gdp_pc&year=2010", "map", 1),
          ("?view=gaps&area=530000&year=2010&fw=nbs2008", "gaps", 1),
          ("?view=attainment&area=530000&year=2010", "attainment", 1),
          ("?view=disparity&ind=gdp_pc&year=2010", "disparity", 2),
          ("?view=data&ind=gdp_pc", "data", 1),
          ("?view=map&drill=530000&area=530102&cind=county_resident_population_census&cyear=2020", "map", 1))
BOARD = ('{"version": 1, "title": "Review", "slides": ['
         + ",".join(f'{{"query": "{query}", "title": "", "note": ""}}' for query, _, _ in SLIDES) + ']}')
FITS = """() => {
  const stage = document.querySelector('.present-stage');
  const texts = [...stage.querySelectorAll('h1, p, th, td')].map(e => parseFloat(getComputedStyle(e).fontSize));
  const root = document.documentElement;
  const table = stage.querySelector('.present-stage-table');
  return {overflowY: root.scrollHeight - innerHeight, overflowX: root.scrollWidth - innerWidth,
          stageOverflow: stage.scrollHeight - stage.clientHeight, minFont: Math.min(...texts),
          tableClipped: table ? Math.max(table.scrollHeight - table.clientHeight, table.scrollWidth - table.clientWidth) : 0,
          tableRows: table ? table.querySelectorAll('tbody tr').length : 0,
          controls: stage.querySelectorAll('button, input, select, textarea, .Select, .rc-slider').length,
          charts: stage.querySelectorAll('.js-plotly-plot').length};
}"""


def test_slides_fit_a_projector_without_scrolling(page, tmp_path) -> None:
    """Presenting shows the slide layout (title, the view's charts, key sentence, source; no
    controls) that fits 1280x720 and 1920x1080 with no scrollbar and type >= 16 px."""
    page.set_default_timeout(60_000)
    board = tmp_path / "board.json"
    board.write_text(BOARD, encoding="utf-8")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(page.watch.base + "/?lang=en&view=present")
    page.wait_for_selector("#present-upload input")
    page.wait_for_function(IDLE)
    page.set_input_files("#present-upload input", str(board))
    page.wait_for_function(f"() => document.querySelectorAll('.present-slide').length === {len(SLIDES)}")
    page.wait_for_function(IDLE)  # the rows' buttons are wired once the list's callbacks are done
    page.click(".present-from >> nth=0")
    page.wait_for_function("() => document.documentElement.classList.contains('present-mode')")
    for index, (_query, view, charts) in enumerate(SLIDES):
        if index:
            page.keyboard.press("ArrowRight")
        counter_is(page, f"{index + 1} / {len(SLIDES)}")
        page.wait_for_selector(f".present-stage-slide[data-index='{index}'][data-view='{view}'] .js-plotly-plot .main-svg",
                               state="attached")
        page.wait_for_function(IDLE)
        for width, height in ((1280, 720), (1920, 1080)):
            page.set_viewport_size({"width": width, "height": height})
            fit = page.evaluate(FITS)
            assert fit["overflowY"] <= 0 and fit["overflowX"] <= 0 and fit["stageOverflow"] <= 0, (view, width, fit)
            assert fit["minFont"] >= 16 and fit["controls"] == 0 and fit["charts"] == charts, (view, width, fit)
            assert fit["tableClipped"] <= 0, (view, width, fit)  # no card row hidden under the source line
        if index == 3:
            assert "spread" in page.text_content(".present-stage-sentence")  # the key sentence, from the data
        page.set_viewport_size({"width": 1280, "height": 720})
    assert page.evaluate(FITS)["tableRows"] >= 8  # the county slide: the card's indicators as a table
    assert page.text_content(".present-stage-title").startswith("Yunnan by county")
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_a_storyboard_the_browser_refuses_is_named_with_why(page, tmp_path) -> None:
    """Issue 8 item 3: a storyboard over 256 KB, or a file that is not .json, was dropped by
    dcc.Upload without a word."""
    big, other = tmp_path / "大演示.json", tmp_path / "slides.pptx"
    big.write_text('{"title": "' + "x" * (300 * 1024) + '", "slides": []}', encoding="utf-8")
    other.write_bytes(b"PK\x03\x04 not a storyboard")
    page.goto(page.watch.base + "/?lang=zh&view=present")
    page.wait_for_selector("#present-upload input", state="attached")
    page.wait_for_function(IDLE)
    page.set_input_files("#present-upload input", str(big))
    page.wait_for_selector("#present-message .present-msg-error")
    text = page.locator("#present-message").inner_text()
    assert "大演示.json" in text and "256KB" in text and "浏览器没有发送" in text and "未改变" in text
    page.set_input_files("#present-upload input", str(other))
    page.wait_for_function("() => document.querySelector('#present-message').textContent.includes('slides.pptx')")
    assert ".json" in page.locator("#present-message").inner_text()
    assert page.locator(".present-slide").count() == 0
    assert page.watch.console_errors == []


def test_a_request_the_server_refuses_as_too_large_is_said_on_the_view_on_screen(page) -> None:
    """A 413 is reported to the upload guard of the view on screen (here the presenter's, with the
    data view built but hidden), not to the first guard of the page."""
    page.goto(page.watch.base + "/?lang=en&view=data")
    page.wait_for_selector("#datasrc-upload input[type=file]", state="attached")
    page.wait_for_function(IDLE)
    page.click("button[id*='\"view\":\"present\"']")
    page.wait_for_selector("#present-upload input", state="attached")
    page.wait_for_function(IDLE)
    status = page.evaluate("""() => fetch('/_dash-update-component', {method: 'POST', body: 'x'.repeat(8e6),
                                     headers: {'Content-Type': 'application/json'}}).then(r => r.status)""")
    assert status == 413
    page.wait_for_function("() => document.querySelector('#present-message').textContent.includes('too large')")
    assert "request as too large" in page.locator("#present-message").inner_text()
    assert page.locator("#datasrc-preview .upload-refused").count() == 0

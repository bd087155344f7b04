"""Chart images (PNG, SVG, PDF) rendered on the server by kaleido in a headless Chromium.

Two settings make this work offline (research/tech-probe.md section 5):
- plotly ``geo`` fetches ``world_110m.json`` before drawing, even with the basemap hidden;
  offline kaleido fails with "Error 525". We point it at the stub in ``assets/topojson/``.
- kaleido loads MathJax from a CDN unless told not to; we turn it off.

Both are passed to kaleido on each call rather than set on ``plotly.io.defaults``: that is
process-wide state other code shares. (Note: plotly 7.1's ``pio.to_image`` only forwards
``defaults.mathjax`` when it is truthy, so ``pio.defaults.mathjax = False`` never reaches
kaleido; calling kaleido directly is what actually disables MathJax.)

Warm server: kaleido's own ``start_sync_server`` is a process-wide singleton whose calls are
not safe from several threads at once (results are matched to callers through a shared
queue), and it would silently take over every other ``pio.to_image`` in the process. So we
keep no long-lived server. Instead ``figure_images`` renders a batch (a deck) in one browser:
the first image pays the ~2-3 s start-up, each later one costs a fraction of a second.
"""
from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Final, Literal, get_args

import kaleido
import plotly.graph_objects as go
from choreographer.errors import ChromeNotFoundError

ImageFormat = Literal["png", "svg", "pdf"]
IMAGE_FORMATS: Final[tuple[str, ...]] = get_args(ImageFormat)
TOPOJSON_FILE: Final = "world_110m.json"
# Seconds for one image; a geo map takes about 0.5 s warm, so this only catches a hung browser.
RENDER_TIMEOUT_S: Final = 60.0


class ImageExportUnavailable(RuntimeError):
    """No Chrome or Chromium was found, so the server cannot render chart images.

    The browser's own modebar camera button still saves a PNG on the client.
    """


def default_topojson_dir() -> Path:
    """The repository's ``assets/topojson`` folder, which holds the stub ``world_110m.json``."""
    return Path(__file__).resolve().parents[2] / "assets" / "topojson"


def _topojson_url(topojson_dir: Path) -> str:
    """A ``file://`` URL of the folder, with the trailing slash plotly.js expects."""
    if not (topojson_dir / TOPOJSON_FILE).is_file():
        raise FileNotFoundError(
            f"{topojson_dir / TOPOJSON_FILE} is missing: geo maps cannot be rendered offline without it"
        )
    return topojson_dir.resolve().as_uri().rstrip("/") + "/"


def _unavailable_message() -> str:
    configured = os.environ.get("BROWSER_PATH")
    where = f"no browser at BROWSER_PATH={configured!r}" if configured else "no Chrome or Chromium found on PATH"
    return (
        f"Server-side image export is unavailable: {where}. Install Chromium "
        "(Debian: apt-get install chromium fonts-wqy-microhei) or set BROWSER_PATH. "
        "The chart's own camera button in the browser still saves a PNG."
    )


async def _render(figures: Sequence[dict[str, Any]], opts: dict[str, Any], topojson: str) -> list[bytes]:
    async with kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT_S, mathjax=False) as renderer:
        return [await renderer.calc_fig(figure, opts=opts, topojson=topojson) for figure in figures]


def figure_images(
    figures: Sequence[go.Figure],
    fmt: ImageFormat,
    *,
    width: int,
    height: int,
    scale: float = 2,
    topojson_dir: Path | None = None,
) -> list[bytes]:
    """Render several figures with one browser start: the way to export a whole deck.

    ``width`` and ``height`` are layout pixels; ``scale`` multiplies them for raster output.
    Raises ``ImageExportUnavailable`` when no browser is installed.
    """
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"format must be one of {IMAGE_FORMATS}, not {fmt!r}")
    if width <= 0 or height <= 0 or scale <= 0:
        raise ValueError(f"width, height and scale must be positive, not {width}, {height}, {scale}")
    if not figures:
        return []
    topojson = _topojson_url(topojson_dir or default_topojson_dir())
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    figure_dicts = [figure.to_dict() for figure in figures]
    # A thread of its own, so asyncio.run works even when the caller already runs an event loop.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kaleido") as pool:
        try:
            return pool.submit(asyncio.run, _render(figure_dicts, opts, topojson)).result()
        except ChromeNotFoundError as error:
            raise ImageExportUnavailable(_unavailable_message()) from error


def figure_image(
    fig: go.Figure,
    fmt: ImageFormat,
    *,
    width: int,
    height: int,
    scale: float = 2,
    topojson_dir: Path | None = None,
) -> bytes:
    """One chart as PNG, SVG or PDF bytes (about 2-3 s, most of it starting the browser)."""
    return figure_images([fig], fmt, width=width, height=height, scale=scale, topojson_dir=topojson_dir)[0]

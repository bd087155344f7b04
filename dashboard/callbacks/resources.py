"""What callbacks read: the immutable dataset and boundaries, held by the Flask app (not module
state), so one process can serve several apps and tests can supply their own."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from dashboard.data.dataset import Dataset

EXTENSION_KEY = "xiaokang"


@dataclass(frozen=True)
class Resources:
    dataset: Dataset
    geojson_url: str                       # the browser loads the polygons once from here
    south_china_sea: list
    topojson_url: str                      # local stub folder, so plotly never calls its CDN


def resources() -> Resources:
    return current_app.extensions[EXTENSION_KEY]

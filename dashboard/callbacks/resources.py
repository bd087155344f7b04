"""What callbacks read: the immutable dataset and boundaries, held by the Flask app (not module
state), so one process can serve several apps and tests can supply their own."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
from flask import current_app

from dashboard.data.dataset import Dataset
from dashboard.data.importers.base import ImportedTable
from dashboard.data.importers.upload import merge_import

EXTENSION_KEY = "xiaokang"


@dataclass(frozen=True)
class Resources:
    dataset: Dataset
    geojson_url: str                       # the browser loads the polygons once from here
    south_china_sea: list
    topojson_url: str                      # local stub folder, so plotly never calls its CDN
    frameworks: object = None              # dashboard.data.frameworks.Frameworks
    data_dir: object = None                # Path of the dataset (server-side exports read boundaries)
    _merged: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Merging a tab's uploads is done once per distinct upload set, not on every callback.
        object.__setattr__(self, "_merged", lru_cache(maxsize=16)(self._merge))

    def _merge(self, user_json: str) -> Dataset:
        merged = self.dataset
        for upload in json.loads(user_json).get("uploads", []):
            rows = pd.DataFrame(upload["rows"], columns=list(self.dataset.observations.columns))
            merged = merge_import(merged, ImportedTable(observations=rows), replace=bool(upload.get("replace")))
        return merged

    def dataset_for(self, user_data: dict | None) -> Dataset:
        """The bundled dataset plus what this browser tab imported (Ids.USER_DATA store):
        {"uploads": [{"filename": str, "replace": bool, "rows": [observation records]}]}."""
        if not user_data or not user_data.get("uploads"):
            return self.dataset
        return self._merged(json.dumps(user_data, sort_keys=True, ensure_ascii=False))


def resources() -> Resources:
    return current_app.extensions[EXTENSION_KEY]

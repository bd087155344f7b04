"""What callbacks read: the immutable dataset and boundaries, held by the Flask app (not module
state), so one process can serve several apps and tests can supply their own."""
from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
from flask import current_app

from dashboard.callbacks.import_store import ByteBoundedCache, ImportStore
from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.base import ImportedTable
from dashboard.data.importers.upload import merge_import

# Merged datasets kept per worker, by the bytes of their observations (a 20k-row import cost
# ~27 MB; 16 of them by count was ~430 MB a worker).
DEFAULT_MERGE_CACHE_BYTES = int(os.environ.get("XK_MERGE_CACHE_MB", "96")) * 1024 * 1024

EXTENSION_KEY = "xiaokang"
T = TypeVar("T")
# Datasets whose derived tables are kept: the bundled one and recent merged upload sets
# (`_merged` is bounded by bytes; beyond these the least recently used tables are rebuilt).
MEMO_DATASETS = 18

IMPORT_GONE = "import-gone"   # the problem of an upload whose server-side rows are gone (worded by the view)


class ImportGone(Exception):
    """An upload's key no longer reads rows from the ImportStore."""


@dataclass(frozen=True)
class Resources:
    dataset: Dataset
    geojson_url: str                       # the browser loads the polygons once from here
    south_china_sea: list
    topojson_url: str                      # local stub folder, so plotly never calls its CDN
    frameworks: object = None              # dashboard.data.frameworks.Frameworks
    data_dir: object = None                # Path of the dataset (server-side exports read boundaries)
    counties_url: str = "/geo/counties/"   # + "<province_code>.geojson": one province's county boundaries
    imports: ImportStore = field(default_factory=ImportStore, repr=False, compare=False)
    merge_cache_bytes: int = DEFAULT_MERGE_CACHE_BYTES
    _merged: object = field(default=None, repr=False, compare=False)
    _memo: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Merging a tab's uploads is done once per distinct upload set, not on every callback.
        object.__setattr__(self, "_merged", ByteBoundedCache(self.merge_cache_bytes, _merged_bytes))
        object.__setattr__(self, "_memo", (threading.Lock(), OrderedDict()))

    def memo(self, key: Hashable, build: Callable[[], T], dataset: Dataset | None = None) -> T:
        """`build()` once per dataset and key: work that depends only on the dataset (the
        bundled one unless given a tab's merged one), this app's data folder and frameworks,
        and the key (e.g. the language) - coverage tables, the method check, gap rows. Held
        here, not in module caches keyed by folder, so two apps (or `--data-dir`) never share.
        A dataset is held by identity; the least recently used beyond MEMO_DATASETS is dropped."""
        dataset = self.dataset if dataset is None else dataset
        lock, by_dataset = self._memo
        with lock:
            entry = by_dataset.get(id(dataset))
            if entry is None or entry[0] is not dataset:
                entry = (dataset, {})
                by_dataset[id(dataset)] = entry
                while len(by_dataset) > MEMO_DATASETS:
                    by_dataset.popitem(last=False)
            by_dataset.move_to_end(id(dataset))
            values: dict[Hashable, Any] = entry[1]
            if key in values:
                return values[key]
        value = build()  # outside the lock: a slow build must not hold up other requests
        with lock:
            return values.setdefault(key, value)


    def rows_of(self, upload: dict) -> list:
        """An upload's rows: kept on the server under its key (what the data view stores), or
        inline under "rows" (older stores and tests). Raises ImportGone when the key reads
        nothing (dropped for space, another server, or not a key we made)."""
        if "key" in upload:
            rows = self.imports.get(upload["key"])
            if rows is None:
                raise ImportGone
            return rows
        return upload["rows"]

    def _merge(self, user_json: str) -> tuple[Dataset, tuple[tuple[int, str], ...]]:
        """The merged dataset, and (index, why) for each stored upload that no longer merges
        (the server's data changed since, or the tab's store was tampered with): those are
        left out, so every view still works, and the data view names them for removal."""
        merged = self.dataset
        problems = []
        for index, upload in enumerate(json.loads(user_json).get("uploads", [])):
            try:
                rows = pd.DataFrame(self.rows_of(upload), columns=list(self.dataset.observations.columns))
                merged = merge_import(merged, ImportedTable(observations=rows), replace=bool(upload.get("replace")))
            except DataError as exc:
                problems.append((index, exc.message))
            except ImportGone:
                problems.append((index, IMPORT_GONE))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:  # rows not as we stored them
                problems.append((index, f"its stored rows cannot be read ({type(exc).__name__})"))
        return merged, tuple(problems)

    def _merged_for(self, user_data: dict | None) -> tuple[Dataset, tuple[tuple[int, str], ...]]:
        if not isinstance(user_data, dict) or not isinstance(user_data.get("uploads"), list) or not user_data["uploads"]:
            return self.dataset, ()
        user_json = json.dumps(user_data, sort_keys=True, ensure_ascii=False, default=str)
        return self._merged.get_or_make(user_json, lambda: self._merge(user_json))

    def dataset_for(self, user_data: dict | None) -> Dataset:
        """The bundled dataset plus what this browser tab imported (Ids.USER_DATA store):
        {"uploads": [{"filename": str, "replace": bool, "key": ImportStore key, "n": rows,
        "indicators": [ids], "years": [first, last]}]} (or "rows": [records] inline instead of "key").
        Uploads that no longer merge are left out (see `upload_problems`); this never raises."""
        return self._merged_for(user_data)[0]

    def upload_problems(self, user_data: dict | None) -> dict[int, str]:
        """Index of each stored upload that no longer merges -> why."""
        return dict(self._merged_for(user_data)[1])


def _merged_bytes(value: tuple[Dataset, tuple]) -> int:
    return int(value[0].observations.memory_usage(deep=True).sum())


def resources() -> Resources:
    return current_app.extensions[EXTENSION_KEY]

"""What callbacks read: the immutable dataset and boundaries, held by the Flask app (not module
state), so one process can serve several apps and tests can supply their own."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
from flask import current_app

from dashboard.callbacks.import_store import ByteBoundedCache, ImportStore
from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.frameworks import Frameworks
from dashboard.data.provincial_systems import ProvincialSystem, apply, from_content, validate
from dashboard.data.importers.base import ImportedTable
from dashboard.data.importers.upload import merge_import
from dashboard.figures.trend_content import SharedLines, shared_lines
from dashboard.workspace.datasets import merge_workspace
from dashboard.workspace.store import Access, WorkspaceStore

# Merged datasets kept per worker, by the bytes of their observations (a 20k-row import cost
# ~27 MB; 16 of them by count was ~430 MB a worker).
DEFAULT_MERGE_CACHE_BYTES = int(os.environ.get("XK_MERGE_CACHE_MB", "96")) * 1024 * 1024

EXTENSION_KEY = "xiaokang"
T = TypeVar("T")
# Datasets whose derived tables are kept: the bundled one and recent merged upload sets
# (`_merged` is bounded by bytes; beyond these the least recently used tables are rebuilt).
MEMO_DATASETS = 18

IMPORT_GONE = "import-gone"   # the problem of an upload whose server-side rows are gone (worded by the view)


@dataclass(frozen=True)
class PinnedSystem:
    """A link's `system=name@version` as read from the open workspace: the frameworks with the
    system applied (framework dashboard.data.provincial_systems.SYSTEM_FRAMEWORK_ID), or why not:
    `problem` is no_workspace, missing (no such name or version) or invalid (`detail` says where)."""

    frameworks: Frameworks | None = None
    system: ProvincialSystem | None = None
    problem: str | None = None
    detail: str = ""


class ImportGone(Exception):
    """An upload's key no longer reads rows from the ImportStore."""


@dataclass(frozen=True)
class Resources:
    dataset: Dataset
    geojson_url: str                       # the browser loads the polygons once from here
    south_china_sea: list
    topojson_url: str                      # local stub folder, so plotly never calls its CDN
    frameworks: Frameworks | None = None
    data_dir: Path | None = None            # Path of the dataset (server-side exports read boundaries)
    label_points: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # province name positions
    main_geojson_url: str | None = None    # the main map's polygons (no far-south islands); None: geojson_url
    counties_url: str = "/geo/counties/"   # + "<province_code>.geojson": one province's county boundaries
    county_brief_url: str = "/brief/county/"  # + "<area_code>.pdf?lang=": a county's brief (dashboard.http_brief)
    imports: ImportStore = field(default_factory=ImportStore, repr=False, compare=False)
    workspaces: WorkspaceStore | None = None   # None: no database (some tests)
    merge_cache_bytes: int = DEFAULT_MERGE_CACHE_BYTES
    # Built in __post_init__ (so not constructor arguments): per-instance caches.
    _merged: ByteBoundedCache = field(init=False, repr=False, compare=False)
    _memo: tuple[threading.Lock, OrderedDict[int, tuple[Dataset, dict[Hashable, Any]]]] = field(
        init=False, repr=False, compare=False)

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

    def trend_lines_shared(self, dataset: Dataset, indicator_id: str, lang: str) -> SharedLines:
        """The trend chart's national line and regional means for one indicator and language, built
        once per dataset (a click on another province redraws only that province's line): the
        regional means read every province's series, ~2/3 of a click's trend time."""
        return self.memo(("trend.shared", indicator_id, lang), lambda: shared_lines(dataset, indicator_id, lang), dataset)

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

    def workspace_access(self, user_data: dict | None) -> Access | None:
        """The workspace this tab has open ({"workspace": {"token": link secret}} in Ids.USER_DATA),
        checked against the database on every call: a revoked link stops working at once."""
        opened = user_data.get("workspace") if isinstance(user_data, dict) else None
        if self.workspaces is None or not isinstance(opened, dict):
            return None
        return self.workspaces.open(opened.get("token"))

    def pinned_system(self, user_data: dict | None, pin: tuple[str, int]) -> PinnedSystem:
        """The pinned version of a provincial system of this tab's workspace, applied to the app's
        frameworks. A saved version never changes, so it is applied once per worker."""
        access = self.workspace_access(user_data)
        if access is None or self.workspaces is None or self.frameworks is None:
            return PinnedSystem(problem="no_workspace")
        workspaces, frameworks = self.workspaces, self.frameworks
        name, version = pin

        # Read on every call (a version saved since is found; a revoked link stops at once);
        # only a version that was found and is valid is kept applied.
        document = workspaces.load_document(access, "system", name, version=version)
        if document is None:
            return PinnedSystem(problem="missing")

        def build() -> PinnedSystem:
            try:
                system = from_content(document.content, name=name, version=version)
                validate(system, frameworks, areas=self.dataset.province_codes(mainland_only=False), file=name)
            except DataError as error:
                return PinnedSystem(problem="invalid", detail=str(error))
            return PinnedSystem(apply(system, frameworks, scope=key), system)
        key = ("system", access.workspace_id, name, version)
        return self.memo(key, build)

    def frameworks_for(self, user_data: dict | None, pin: tuple[str, int] | None) -> Frameworks | None:
        """The app's frameworks, with the pinned provincial system applied when a link pins one
        that this tab's workspace holds (exports and slides of a pinned view)."""
        if pin is None:
            return self.frameworks
        return self.pinned_system(user_data, pin).frameworks or self.frameworks

    def _merge(self, user_json: str) -> tuple[Dataset, tuple[tuple[int | str, str], ...]]:
        """The merged dataset, and (index, why) for each stored upload that no longer merges
        (the server's data changed since, or the tab's store was tampered with): those are
        left out, so every view still works, and the data view names them for removal.
        The open workspace's datasets come first (problems keyed by their name), then the tab's."""
        merged = self.dataset
        problems: list[tuple[int | str, str]] = []
        key = json.loads(user_json)
        if key.get("workspace") and self.workspaces is not None:
            # Built by _merged_for from a checked link, never taken from the browser as such.
            access = Access(key["workspace"]["id"], "", can_edit=False)
            merged, shared_problems = merge_workspace(merged, self.workspaces, access,
                                                      [name for name, _version in key["workspace"]["datasets"]])
            problems.extend(shared_problems)
        for index, upload in enumerate(key.get("uploads", [])):
            try:
                rows = pd.DataFrame(self.rows_of(upload), columns=list(self.dataset.observations.columns))
                new_indicators = tuple(upload.get("new_indicators") or ())  # defined in the mapping step
                merged = merge_import(merged, ImportedTable(observations=rows, new_indicators=new_indicators),
                                      replace=bool(upload.get("replace")))
            except DataError as exc:
                problems.append((index, exc.message))
            except ImportGone:
                problems.append((index, IMPORT_GONE))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:  # rows not as we stored them
                problems.append((index, f"its stored rows cannot be read ({type(exc).__name__})"))
        return merged, tuple(problems)

    def _merged_for(self, user_data: dict | None) -> tuple[Dataset, tuple[tuple[int | str, str], ...]]:
        uploads = user_data.get("uploads") if isinstance(user_data, dict) else None
        uploads = uploads if isinstance(uploads, list) else []
        workspaces, access = self.workspaces, self.workspace_access(user_data)
        shared = [[d.name, d.version] for d in workspaces.documents(access, "dataset")] if workspaces and access else []
        if not uploads and not shared:
            return self.dataset, ()
        # Keyed by workspace and document versions (not the link): every tab on a workspace shares
        # one merged dataset, and a save (new version) is a new key.
        key = {"uploads": uploads, "workspace": {"id": access.workspace_id, "datasets": shared} if access and shared else None}
        user_json = json.dumps(key, sort_keys=True, ensure_ascii=False, default=str)
        return self._merged.get_or_make(user_json, lambda: self._merge(user_json))

    def dataset_for(self, user_data: dict | None) -> Dataset:
        """The bundled dataset plus the open workspace's datasets plus what this browser tab
        imported (Ids.USER_DATA store; "workspace": {"token": link} opens a workspace):
        {"uploads": [{"filename": str, "replace": bool, "key": ImportStore key, "n": rows,
        "indicators": [ids], "years": [first, last]}]} (or "rows": [records] inline instead of "key").
        Uploads that no longer merge are left out (see `upload_problems`); this never raises."""
        return self._merged_for(user_data)[0]

    def upload_problems(self, user_data: dict | None) -> dict[int, str]:
        """Index of each stored upload that no longer merges -> why."""
        return {index: why for index, why in self._merged_for(user_data)[1] if isinstance(index, int)}

    def workspace_problems(self, user_data: dict | None) -> dict[str, str]:
        """Name of each dataset of the open workspace that no longer merges -> why."""
        return {name: why for name, why in self._merged_for(user_data)[1] if isinstance(name, str)}


def _merged_bytes(value: tuple[Dataset, tuple]) -> int:
    return int(value[0].observations.memory_usage(deep=True).sum())


def resources() -> Resources:
    return current_app.extensions[EXTENSION_KEY]

"""A workspace's imported datasets merged on top of a dataset (the bundle), in the order they
were saved: the one merge used by the web app (Resources), the report CLI and the deck."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.base import ImportedTable
from dashboard.data.importers.upload import merge_import
from dashboard.workspace.store import Access, WorkspaceStore


def merge_workspace(dataset: Dataset, store: WorkspaceStore, access: Access,
                    names: Iterable[str] | None = None) -> tuple[Dataset, list[tuple[str, str]]]:
    """(merged dataset, [(document name, why)] for each stored dataset that no longer merges:
    those are left out, so everything else still works). `names`: these documents only."""
    if names is None:
        names = [document.name for document in store.documents(access, "dataset")]
    merged, problems = dataset, []
    columns = list(dataset.observations.columns)
    for name in names:
        document = store.load_document(access, "dataset", name)
        if document is None:                      # deleted since it was listed
            continue
        try:
            content = document.content
            rows = pd.DataFrame(content["rows"], columns=columns)
            merged = merge_import(merged, ImportedTable(observations=rows), replace=bool(content.get("replace")))
        except DataError as exc:
            problems.append((name, exc.message))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:   # not rows as we store them
            problems.append((name, f"its stored rows cannot be read ({type(exc).__name__})"))
    return merged, problems

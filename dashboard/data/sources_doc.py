"""data/SOURCES.md: the human-readable list of sources, generated from data/sources.csv."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data import schema

_FIELDS = (
    ("title_zh", "中文题名"), ("publisher", "Publisher"), ("year", "Year"), ("table", "Table"),
    ("url", "URL"), ("licence", "Licence"), ("via", "Taken via"), ("doubts", "Doubts"),
)


def render_sources(sources: pd.DataFrame, observations: pd.DataFrame | None = None) -> str:
    """Markdown listing every source with what it covers in the bundle (indicators, years)."""
    lines = [
        "# Sources of the bundled data",
        "",
        "Generated from `data/sources.csv` by `dashboard.data.sources_doc`; do not edit by hand.",
        "Values are official statistics republished by third parties; `Taken via` names the",
        "repository and commit each was read from. NBS data: 数据来源：国家统计局.",
        "",
    ]
    for row in sources.fillna("").sort_values("source_id").itertuples(index=False):
        lines += [f"## {row.source_id}: {row.title_en}", ""]
        for field, label in _FIELDS:
            value = str(getattr(row, field)).strip()
            if value:
                lines.append(f"- **{label}:** {value}")
        if observations is not None:
            used = observations[observations["source_id"] == row.source_id]
            for indicator_id, rows in used.groupby("indicator_id"):
                years = pd.to_numeric(rows["year"])
                lines.append(
                    f"- **Bundled:** `{indicator_id}` {len(rows)} values, {rows['area_code'].nunique()} areas, "
                    f"{int(years.min())}-{int(years.max())} ({'; '.join(sorted(set(rows['vintage'])))})"
                )
        lines.append("")
    return "\n".join(lines)


def write_sources_doc(data_dir: Path) -> Path:
    """Write data/SOURCES.md next to the CSVs it describes."""
    sources = pd.read_csv(data_dir / schema.SOURCES.file, dtype=str, keep_default_na=False)
    observations = pd.read_csv(data_dir / schema.OBSERVATIONS.file, dtype=str, keep_default_na=False)
    path = data_dir / "SOURCES.md"
    path.write_text(render_sources(sources, observations), encoding="utf-8")
    return path

"""What the "Data & sources" view tabulates: coverage, flags, themes, sources and uploads.

Pure functions of a Dataset (and the frameworks): rows for the grids as JSON-safe records.
No Dash here; the view's layout and callbacks turn these rows into components.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.data.export import coverage_by_province, coverage_matrix
from dashboard.data.importers.upload import USER_SOURCE_PREFIX
from dashboard.i18n import publisher_text, t
from dashboard.i18n.numbers import format_number

OTHER_THEME = "other"          # indicators no framework uses
FLAGS = ("official", "derived", "modelled", "estimate", "registered_basis")
SOURCE_FIELDS = ("publisher", "year", "table", "url", "licence", "via", "doubts")
# Cell kinds of the province x year grid; the grid styles each one differently.
CELL_MISSING, CELL_OFFICIAL, CELL_FLAGGED, CELL_USER = "missing", "official", "flagged", "user"


def is_user_source(source_id: object) -> bool:
    return isinstance(source_id, str) and source_id.startswith(USER_SOURCE_PREFIX)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


# --- themes ------------------------------------------------------------------------------
def indicator_themes(frameworks, lang: str) -> dict[str, list[str]]:
    """indicator_id -> theme keys ("<framework>:<domain>") of the framework items measuring it."""
    themes: dict[str, list[str]] = {}
    if frameworks is None:
        return themes
    items = frameworks.items
    for row in items[items["indicator_id"].notna()].itertuples():
        key = f"{row.framework_id}:{row.domain_id}"
        themes.setdefault(str(row.indicator_id), [])
        if key not in themes[str(row.indicator_id)]:
            themes[str(row.indicator_id)].append(key)
    return themes


def theme_options(frameworks, lang: str) -> list[dict]:
    """Every framework domain as a filter option, in framework order, then 'other'."""
    options: list[dict] = []
    if frameworks is not None:
        items = frameworks.items
        for framework_id in frameworks.framework_ids():
            rows = items[items["framework_id"] == framework_id].drop_duplicates("domain_id")
            short = t(f"terms.framework_short.{framework_id}", lang)
            for row in rows.itertuples():
                options.append({"label": f"{short} · {getattr(row, f'domain_{lang}')}",
                                "value": f"{framework_id}:{row.domain_id}"})
    options.append({"label": t("datasrc.coverage.theme_other", lang), "value": OTHER_THEME})
    return options


def theme_label(theme: str, options: list[dict]) -> str:
    return next((o["label"] for o in options if o["value"] == theme), theme)


# --- coverage ----------------------------------------------------------------------------
def flag_counts(dataset: Dataset) -> pd.DataFrame:
    """indicator_id x flag counts of province values (all subgroups), plus user-uploaded ones."""
    obs = dataset.observations
    obs = obs[obs["area_code"].isin(dataset.province_codes(mainland_only=False)) & obs["value"].notna()]
    counts = obs.groupby(["indicator_id", "flag"]).size().unstack("flag", fill_value=0)
    counts = counts.reindex(columns=list(FLAGS), fill_value=0)
    counts["user"] = obs[obs["source_id"].map(is_user_source)].groupby("indicator_id").size()
    return counts.reindex(dataset.indicators["indicator_id"]).fillna(0).astype(int)


def flags_text(counts: pd.Series, lang: str) -> str:
    """'模型估计 120 · 计算值 30' for the non-official values of one indicator ('' if none)."""
    parts = [f"{t(f'terms.flag.{flag}', lang)} {int(counts[flag])}"
             for flag in FLAGS if flag != "official" and int(counts.get(flag, 0))]
    return " · ".join(parts)


def national_years(dataset: Dataset) -> dict[str, int]:
    """indicator_id -> number of years with a national (100000) value, total subgroup."""
    obs = dataset.observations
    obs = obs[(obs["area_code"] == "100000") & (obs["subgroup"] == "total") & obs["value"].notna()]
    return {str(k): int(v) for k, v in obs.groupby("indicator_id")["year"].nunique().items()}


def coverage_rows(dataset: Dataset, frameworks, lang: str, theme: str | None = None) -> tuple[list[dict], list[int]]:
    """One record per indicator: name, theme, flags and, per year, how many provinces have a value.

    A year with no province is None (shown as a dash), never 0 written as if it were a count.
    Returns the records and the year columns. `theme` (a theme key or OTHER_THEME) filters.
    """
    matrix = coverage_matrix(dataset)
    flags = flag_counts(dataset)
    themes = indicator_themes(frameworks, lang)
    options = theme_options(frameworks, lang)
    names = dataset.indicators.set_index("indicator_id")
    years = [int(y) for y in matrix.columns]
    national = national_years(dataset)
    records = []
    for indicator_id, counts in matrix.iterrows():
        own = themes.get(indicator_id, [])
        if theme and theme != "all":
            if theme == OTHER_THEME and own:
                continue
            if theme != OTHER_THEME and theme not in own:
                continue
        record = {
            "indicator_id": indicator_id,
            "name": str(names.at[indicator_id, f"name_{lang}"]),
            "unit": _text(names.at[indicator_id, f"unit_{lang}"]),
            "theme": theme_label(own[0], options) if own else t("datasrc.coverage.theme_other", lang),
            "flags": flags_text(flags.loc[indicator_id], lang),
            "modelled": int(flags.at[indicator_id, "modelled"]),
            "derived": int(flags.at[indicator_id, "derived"]),
            "user": int(flags.at[indicator_id, "user"]),
            "provinces_max": int(counts.max()) if len(counts) else 0,
            "national": national.get(indicator_id, 0),
        }
        for year in years:
            count = int(counts[year])
            record[str(year)] = count if count else None
        records.append(record)
    return records, years


def province_rows(dataset: Dataset, indicator_id: str, lang: str) -> tuple[list[dict], list[int]]:
    """Province x year for one indicator: the value text per cell, None where there is no value.

    Each year column `"<year>"` has a companion `"<year>_kind"`: missing / official / flagged
    (modelled, derived or estimate) / user (uploaded in this tab), so missing is never a zero.
    """
    present = coverage_by_province(dataset, indicator_id)
    years = [int(y) for y in present.columns]
    obs = dataset.observations
    obs = obs[(obs["indicator_id"] == indicator_id) & (obs["subgroup"] == "total") & obs["value"].notna()]
    cells = {(row.area_code, int(row.year)): row for row in obs.itertuples()}
    meta = dataset.indicator(indicator_id)
    decimals = int(meta["decimals"]) if not pd.isna(meta["decimals"]) else 1
    category = meta["kind"] == "category" and isinstance(meta["categories"], str)
    labels = meta["categories"].split("|") if category else []
    records = []
    for code in present.index:
        record = {"area_code": code, "name": dataset.area_name(code, lang)}
        have = 0
        for year in years:
            row = cells.get((code, year))
            if row is None:
                record[str(year)], record[f"{year}_kind"] = None, CELL_MISSING
                continue
            have += 1
            value = float(row.value)
            if category:
                text = labels[int(value)] if 0 <= int(value) < len(labels) else str(value)
            else:
                text = format_number(value, lang, decimals)
            record[str(year)] = text
            record[f"{year}_kind"] = (CELL_USER if is_user_source(row.source_id)
                                      else CELL_OFFICIAL if row.flag == "official" else CELL_FLAGGED)
        record["have"] = have
        records.append(record)
    return records, years


# --- sources -----------------------------------------------------------------------------
def source_usage(dataset: Dataset, frameworks) -> dict[str, tuple[int, list[str]]]:
    """source_id -> (number of values citing it, framework ids citing it)."""
    counts = dataset.observations.groupby("source_id").size().to_dict()
    cited: dict[str, list[str]] = {}
    if frameworks is not None:
        for frame in (frameworks.registry, frameworks.items, getattr(frameworks, "overrides", None)):
            if frame is None or "source_id" not in getattr(frame, "columns", []):
                continue
            for source_id, framework_id in zip(frame["source_id"], frame["framework_id"]):
                if isinstance(source_id, str):
                    cited.setdefault(source_id, [])
                    if framework_id not in cited[source_id]:
                        cited[source_id].append(framework_id)
    return {s: (int(counts.get(s, 0)), cited.get(s, [])) for s in dataset.sources["source_id"]}


def source_records(dataset: Dataset, frameworks, lang: str, query: str | None = None) -> list[dict]:
    """Every source as a citation record (title in `lang`, falling back to the other language).

    `query` keeps sources whose any field (either title, id, publisher, table, url, licence,
    via, doubts) contains it, case-insensitively; blank keeps all.
    """
    other = "en" if lang == "zh" else "zh"
    usage = source_usage(dataset, frameworks)
    needle = (query or "").strip().casefold()
    records = []
    for row in dataset.sources.to_dict("records"):
        texts = {key: _text(row.get(key)) for key in ("source_id", "title_zh", "title_en", *SOURCE_FIELDS)}
        searched = [*texts.values(), publisher_text(texts["publisher"], lang)]  # finds 国家统计局 too
        if needle and not any(needle in value.casefold() for value in searched):
            continue
        values, frameworks_citing = usage.get(texts["source_id"], (0, []))
        records.append({
            "source_id": texts["source_id"],
            "title": texts[f"title_{lang}"] or texts[f"title_{other}"],
            "title_lang": lang if texts[f"title_{lang}"] else other,
            **{key: texts[key] for key in SOURCE_FIELDS},
            "publisher": publisher_text(texts["publisher"], lang),  # 国家统计局 in the zh list, not its English name
            "values": values,
            "frameworks": frameworks_citing,
            "user": is_user_source(texts["source_id"]),
        })
    return records


# --- uploads -----------------------------------------------------------------------------
OBSERVATION_COLUMNS = ("area_code", "indicator_id", "year", "value", "subgroup", "source_id", "vintage", "flag", "note", "confidence")


def observation_records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-safe records with exactly the columns of data/observations.csv."""
    out = []
    for row in frame.reindex(columns=list(OBSERVATION_COLUMNS)).to_dict("records"):
        record: dict[str, object] = {}
        for key, value in row.items():
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                record[key] = None
            elif key == "year":
                record[key] = int(value)
            elif key == "value":
                record[key] = float(value)
            else:
                record[key] = str(value)
        out.append(record)
    return out


def upload_summary(dataset: Dataset, frame: pd.DataFrame, lang: str) -> dict:
    """What a parsed upload holds, in words: rows, areas, years, indicators, and how many of its
    cells already have a different value in `dataset` (conflicts) or the same one."""
    areas = list(dict.fromkeys(frame["area_code"]))
    years = sorted({int(y) for y in frame["year"].dropna()})
    indicators = list(dict.fromkeys(frame["indicator_id"]))
    cell = ["area_code", "indicator_id", "year", "subgroup"]
    existing = dataset.observations[cell + ["value"]].copy()
    existing["year"] = existing["year"].astype("Int64")
    incoming = frame[cell + ["value"]].copy()
    incoming["year"] = incoming["year"].astype("Int64")
    both = incoming.merge(existing, on=cell, suffixes=("", "_existing"))
    same = (both["value"] - both["value_existing"]).abs() <= 1e-9 * both["value_existing"].abs().clip(lower=1.0)
    return {
        "rows": int(len(frame)),
        "areas": [dataset.area_name(code, lang) if dataset.has_area(code) else code for code in areas],
        "years": years,
        "indicators": [str(dataset.indicator(i)[f"name_{lang}"]) if dataset.has_indicator(i) else i for i in indicators],
        "indicator_ids": indicators,
        "conflicts": int((~same).sum()),
        "already": int(same.sum()),
    }


def uploads_of(user_data: dict | None) -> list[dict]:
    uploads = (user_data or {}).get("uploads") if isinstance(user_data, dict) else None
    return list(uploads) if isinstance(uploads, list) else []


def with_upload(user_data: dict | None, filename: str, replace: bool, rows: Iterable[dict]) -> dict:
    """A new store value with one upload appended; the old value is not modified."""
    return {"uploads": [*uploads_of(user_data), {"filename": filename, "replace": bool(replace), "rows": list(rows)}]}


def without_upload(user_data: dict | None, index: int) -> dict:
    uploads = uploads_of(user_data)
    kept = user_data if isinstance(user_data, dict) else {}    # other keys (the open workspace) stay
    return {**kept, "uploads": [u for i, u in enumerate(uploads) if i != index]}

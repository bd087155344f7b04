"""One entry point for a user's file: tell what it is by its bytes, parse, check, and merge.

    table = import_file(raw, filename="云南2010.xlsx", dataset=dataset)
    dataset = merge_import(dataset, table)       # a new Dataset; the old one is untouched

Every problem is a DataError naming the file (and sheet, row, column where there is one).
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import unicodedata

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError, Location, Notice, Problem
from dashboard.data.importers.base import MAX_IMPORT_BYTES, ImportedTable
from dashboard.data.importers.mapping import ColumnMapping, mapped_input, with_user_indicators
from dashboard.data.importers.nbs_export import parse_nbs_export, split_label
from dashboard.data.importers.xls import is_ole2, read_xls_sheets
from dashboard.data.importers.template import (
    DEFAULT_VINTAGE,
    Grid,
    choose_sheet,
    decode_upload,
    is_xlsx,
    looks_like_template,
    parse_template,
    read_xlsx_grids,
    unknown_indicator_message,
)
from dashboard.data.validate import NEIGHBOUR_RATIO, check_observations, plausibility_warnings

USER_SOURCE_PREFIX = "USER-UPLOAD:"
# The colon may arrive mis-decoded: "£º" (GBK read as Latin-1), "ï¼\x9a"/"ï¼š" (UTF-8 read as Latin-1/cp1252).
_NBS_FIRST_LINE = re.compile(r"^\W*(数据库|database|指标|indicators?)\s*(：|:|£º|ï¼|\?)", re.IGNORECASE)
# Files that are plainly not tables, by their first bytes: named as what they are.
_BINARY_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program (EXE/DLL)"),
    (b"\xca\xfe\xba\xbe", "a program (Mach-O/Java class)"),
    (b"\xcf\xfa\xed\xfe", "a program (Mach-O executable)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3", "an SQLite database"),
)


def sanitise_filename(filename: str) -> str:
    """The base name, reduced to letters (any script), digits, '.', '_' and '-' for a source id."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", filename or ""))[-1]
    cleaned = re.sub(r"[^\w.\-]+", "_", base).strip("._-")[:80]
    return cleaned or "upload"


def display_name(filename: str) -> str:
    """The file as messages name it: its base name, without control characters."""
    base = re.split(r"[\\/]", filename or "")[-1]
    return "".join(ch for ch in base if ch.isprintable()).strip() or "upload"


def user_source_id(filename: str) -> str:
    return f"{USER_SOURCE_PREFIX}{sanitise_filename(filename)}"


def _refuse_non_tables(raw: bytes, file: str) -> None:
    """Formats people save with a .xls/.csv name that are not tables we read, named plainly."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise DataError(
            Location(file),
            f"file is {len(raw) / 1_048_576:.1f} MB; the limit is {MAX_IMPORT_BYTES // 1_048_576} MB",
                    key="datasrc.problem.too_large", params={"size": f"{len(raw) / 1_048_576:.1f}", "mb": MAX_IMPORT_BYTES // 1_048_576},
        )
    if not raw.strip():
        raise DataError(Location(file), "file is empty", key="datasrc.problem.empty")
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head")):
        raise DataError(
            Location(file),
            "is a web page (HTML/XML) saved with a spreadsheet name, not a real Excel or CSV file; "
            "open it in Excel and save as Excel workbook (.xlsx) or CSV UTF-8", key="datasrc.problem.web_page",
        )
    binary = b"\x00" in raw[:1024] or not raw[:1024].isascii()  # so a CSV starting "MZ," stays a CSV
    for magic, kind in _BINARY_KINDS:
        if binary and raw.startswith(magic):
            raise DataError(Location(file), f"is {kind}, not a CSV or Excel (.xlsx) table",
                            key="datasrc.problem.binary_kind", params={"kind": kind})
    if head.startswith(b"%pdf"):
        raise DataError(Location(file), "is a PDF; the importer reads CSV or Excel (.xlsx) tables", key="datasrc.problem.pdf")


def is_nbs_text(text: str) -> bool:
    """Whether a file's first non-empty line is an NBS export's 数据库：/指标： line (possibly mis-decoded)."""
    first = next((line for line in text.splitlines() if line.strip(" ,\"\t")), "")
    return bool(_NBS_FIRST_LINE.match(first.lstrip("\ufeff\"")))


def _grid_as_csv(grid: Grid) -> bytes:
    """An NBS table pasted into a workbook, as the CSV text the NBS parser reads."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    for row in grid.rows:
        writer.writerow(["" if c is None else (int(c) if isinstance(c, float) and c.is_integer() else c) for c in row])
    return out.getvalue().encode("utf-8")


def _label_key(text: object) -> str:
    """An indicator label as compared: NFKC, lower case, without spaces or brackets."""
    return re.sub(r"[\s()\[\]（）]", "", unicodedata.normalize("NFKC", str(text)).lower()) if isinstance(text, str) else ""


def _match_indicator(label: str | None, unit: str | None, dataset: Dataset) -> str | None:
    """The one indicator of ours a label names (in either language, whatever the case and spacing;
    with or without its unit), else None."""
    if not label:
        return None
    wanted = {_label_key(label), _label_key(f"{label}{unit or ''}")}
    found = [
        row["indicator_id"] for _, row in dataset.indicators.iterrows()
        if wanted & {
            _label_key(row.get("name_zh")), _label_key(row.get("name_en")),
            _label_key(f"{row.get('name_zh')}{row.get('unit_zh')}"), _label_key(f"{row.get('name_en')}{row.get('unit_en')}"),
        } - {""}
    ]
    return found[0] if len(found) == 1 else None


def _nbs_indicator(label: str | None, unit: str | None, dataset: Dataset, file: str) -> str:
    """The indicator an NBS export holds, when its 指标 line names exactly one of ours."""
    found = _match_indicator(label, unit, dataset)
    if found:
        return found
    ids = ", ".join(sorted(dataset.indicators["indicator_id"]))
    shown = f"{label}({unit})" if label and unit else (label or "an unnamed indicator")
    raise DataError(
        Location(file),
        f"this NBS export holds '{shown}'; say which indicator it is "
        f"(choose an indicator id: {ids})",
        key="datasrc.problem.nbs_indicator", params={"label": shown},
    )


def _nbs_locator(raw_csv: bytes, table: ImportedTable, dataset: Dataset, file: str):
    """Map a parsed NBS row back to its line and year column, so a bad value names its cell."""
    text = decode_upload(raw_csv, file)
    rows = list(csv.reader(io.StringIO(text.replace("£º", "："))))
    lines: dict[str, int] = {}
    header: dict[int, str] = {}
    for number, row in enumerate(rows, start=1):
        if not row:
            continue
        code = dataset.matcher.code_for(row[0].strip()) if row[0].strip() else None
        if code and code not in lines:
            lines[code] = number
        if not header and sum(bool(re.match(r"^\s*\d{4}\s*年?\s*$", c)) for c in row[1:]):
            # The filter has matched four digits at the start of every c kept, so re.match finds them.
            header = {int(re.match(r"\d{4}", c.strip()).group()): c.strip()  # type: ignore[union-attr]
                      for c in row[1:] if re.match(r"^\s*\d{4}", c)}

    def locate(index: object, column: str) -> Location:
        obs = table.observations.loc[index]
        return Location(file, lines.get(obs["area_code"]), header.get(int(obs["year"]), str(obs["year"])))

    return locate


_CENSUS = re.compile(r"第([一二三四五六七八九]|\d)次全国经济普查|(\w+) (?:national )?economic census", re.IGNORECASE)
_REVISED = re.compile(r"修订|revis", re.IGNORECASE)
REVISED_RELEASE_PREFIX = "user upload: revised after economic census "


def release_from_notes(notes: tuple[str, ...] | list[str]) -> str | None:
    """The release an export's footnotes name: revised after an economic census, or None when they
    say nothing of a revision. The vintage keeps such an upload apart from other releases."""
    for note in notes:
        census = _CENSUS.search(note)
        if census and _REVISED.search(note):
            which = census.group(1) or census.group(2)
            return f"{REVISED_RELEASE_PREFIX}{which} (footnote: {note.strip()[:120]})"
    return None


def _import_indicator_rows(probe: ImportedTable, file: str, dataset: Dataset, indicator_id: str | None) -> ImportedTable:
    """An export with one indicator per row: the rows whose label names one of our indicators."""
    frame = probe.observations
    labels = list(dict.fromkeys(frame["indicator_id"]))
    if indicator_id is not None and len(labels) == 1:
        mapping = {labels[0]: indicator_id}
    else:
        mapping = {label: found for label in labels if (found := _match_indicator(*split_label(label), dataset))}
    shown = "; ".join(labels[:3]) + ("; …" if len(labels) > 3 else "")
    if not mapping:
        if probe.region:
            raise DataError(
                Location(file),
                f"this NBS export holds {len(labels)} indicator(s) of one region ({probe.region}) as rows ({shown}); "
                "none of them is one of the dashboard's indicators by name. Export one indicator for all "
                "provinces (分省年度数据 with the regions as rows), or choose the indicator when the file holds only one",
                key="datasrc.problem.indicator_rows_unknown",
                params={"n": len(labels), "region": probe.region, "labels": shown},
            )
        raise DataError(
            Location(file),
            f"this is a national NBS export (年度数据) with {len(labels)} indicator(s) as rows ({shown}): national "
            "series, not provinces; none of them is one of the dashboard's indicators by name. For provinces export "
            "分省年度数据; a national series of one of the dashboard's indicators imports as 全国 (100000)",
            key="datasrc.problem.national_rows_unknown", params={"n": len(labels), "labels": shown},
        )
    chosen: dict[str, str] = {}
    problems = []
    for label, found in mapping.items():
        if found in chosen.values():
            first = next(lbl for lbl, f in chosen.items() if f == found)
            problems.append(DataError(Location(file, int(frame.loc[frame["indicator_id"] == label, "_line"].iloc[0])),
                                      f"'{label}' and '{first}' both name {found}; keep one row",
                                              key="datasrc.problem.same_indicator_twice",
                                      params={"label": label, "first": first, "id": found}))
        chosen[label] = found
    if problems:
        raise DataError.of(problems)
    rows = frame[frame["indicator_id"].isin(chosen)].copy()
    rows["indicator_id"] = rows["indicator_id"].map(chosen)
    rows = rows.reset_index(drop=True)

    def locate(index: object, column: str) -> Location:
        return Location(file, int(rows.loc[index, "_line"]), str(rows.loc[index, "year"]))

    check_observations(rows, dataset.indicators, locate)
    ignored = [label for label in labels if label not in chosen]
    imported = ', '.join(sorted(set(chosen.values())))
    warnings = (Notice(f"imported {len(chosen)} indicator row(s) ({imported}); "
                       f"ignored {len(ignored)} row(s) that name no indicator of the dashboard: {'; '.join(ignored)}",
                       "datasrc.notice.ignored_rows", n=len(chosen), indicators=imported, m=len(ignored),
                       labels="; ".join(ignored)),) if ignored else ()
    return dataclasses.replace(
        probe, observations=rows.drop(columns="_line"), warnings=warnings,
        checks=tuple(plausibility_warnings(rows, dataset.indicators, locate)),
    )


def _import_nbs(raw_csv: bytes, file: str, dataset: Dataset, indicator_id: str | None) -> ImportedTable:
    probe = parse_nbs_export(
        raw_csv, file=file, matcher=dataset.matcher, indicator_id=indicator_id or "?", source_id=user_source_id(file),
        vintage=DEFAULT_VINTAGE,
    )
    if probe.indicators_as_rows:
        release = release_from_notes(probe.notes)
        if release:
            probe = dataclasses.replace(probe, observations=probe.observations.assign(vintage=release))
        return _import_indicator_rows(probe, file, dataset, indicator_id)
    if indicator_id is None:
        indicator_id = _nbs_indicator(probe.indicator_label, probe.unit, dataset, file)
    table = parse_nbs_export(
        raw_csv, file=file, matcher=dataset.matcher, indicator_id=indicator_id,
        source_id=user_source_id(file), vintage=release_from_notes(probe.notes) or DEFAULT_VINTAGE,
    )
    if table.observations.empty:
        raise DataError(Location(file), "the NBS table has no values (every cell empty or '--')", key="datasrc.problem.nbs_no_values")
    locate = _nbs_locator(raw_csv, table, dataset, file)
    check_observations(table.observations, dataset.indicators, locate)
    return dataclasses.replace(table, checks=tuple(plausibility_warnings(table.observations, dataset.indicators, locate)))


# How a file was read, as the preview's first line says it: reader -> its English name.
_READERS = {"nbs": "NBS export", "template": "template", "mapped": "mapped panel"}


def _read_as(reader: str, kind: str) -> Notice:
    """'read as NBS export (CSV)': which reader took the file, and its format (CSV, Excel, Excel 97-2003)."""
    return Notice(f"read as {_READERS[reader]} ({kind})", f"datasrc.notice.read_as_{reader}", format=kind)


def _tag(table: ImportedTable, filename: str, reader: str, kind: str) -> ImportedTable:
    """Rows of an upload cite the upload; a source the user typed is kept in the note."""
    frame = table.observations.copy()
    notes = []
    for stated, note in zip(frame["source_id"], frame["note"]):
        parts = []
        if isinstance(stated, str) and stated and not stated.startswith(USER_SOURCE_PREFIX):
            parts.append(f"source: {stated}")
        if isinstance(note, str) and note:
            parts.append(note)
        notes.append("; ".join(parts) or None)
    frame["note"] = pd.Series(notes, index=frame.index, dtype=object)
    frame["source_id"] = user_source_id(filename)
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    return dataclasses.replace(
        table, observations=frame.reset_index(drop=True),
        # Once each: a workbook's own notices reach here by the sheet chosen and by the reader.
        warnings=tuple(dict.fromkeys((_read_as(reader, kind), *table.warnings))),
    )


VALUES_RELEASE_PREFIX = "user upload: another release than "


def _decimals(value: float) -> int:
    """Decimals as written (8.1 -> 1, 35371.28 -> 2), at most 6: the precision a value was given to."""
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def differs_beyond_rounding(a: float, b: float) -> bool:
    """Whether two values differ by more than rounding the more precise to the other's decimals."""
    coarse = min(_decimals(a), _decimals(b))
    return abs(a - b) > 0.5 * 10 ** -coarse + 1e-9 * max(abs(a), abs(b), 1.0)


def _ratios(cells: pd.DataFrame) -> pd.Series:
    """|file value / dataset value| per shared cell (NaN where the dataset holds 0)."""
    return (cells["value"] / cells["value_bundled"].where(cells["value_bundled"] != 0)).abs()


def _area_names(dataset: Dataset, code: str) -> str:
    return f"{dataset.area_name(code, 'zh')} / {dataset.area_name(code, 'en')}" if dataset.has_area(code) else code


def _scale_check(shared: pd.DataFrame, indicator_id: str, where: Location) -> Problem | None:
    """Values about NEIGHBOUR_RATIO times off the dataset's for the same cells are another quantity
    or unit (a birth rate chosen as population, 人 for 万人), not a revision. Three shared cells at
    least: one value far off is a slip, which validate's outlier check names."""
    ratio = float(_ratios(shared).median())
    if len(shared) < 3 or 1 / NEIGHBOUR_RATIO <= ratio <= NEIGHBOUR_RATIO:
        return None
    first = shared.iloc[0]
    return Problem(
        where,
        f"the values are about {ratio:.3g} times the dataset's {indicator_id} for the same areas and years "
        f"(e.g. {first['area_code']} {int(first['year'])}: {first['value']:g} here, {first['value_bundled']:g} "
        "there): is this the indicator, and the unit?",
        key="datasrc.problem.scale_vs_dataset",
        params={"ratio": f"{ratio:.3g}", "indicator": indicator_id, "value": f"{first['value']:g}",
                "existing": f"{first['value_bundled']:g}", "year": int(first["year"])},
    )


def _release_check(shared: pd.DataFrame, indicator_id: str, where: Location, dataset: Dataset) -> Problem | None:
    """Shared cells that differ beyond rounding, but by less than a slip would (a revision moves
    values, it does not multiply them): the file is another release. A check, so the preview says
    it in the page's language before the file is added."""
    ratios = _ratios(shared)
    revised = shared[shared["differs"] & (ratios <= NEIGHBOUR_RATIO) & (ratios >= 1 / NEIGHBOUR_RATIO)]
    if revised.empty:
        return None
    existing = str(revised["vintage_bundled"].mode().iloc[0])
    first = revised.iloc[0]
    return Problem(
        where,
        f"another release: {len(revised)} of {len(shared)} values shared with the dataset's {indicator_id} "
        f"('{existing}') differ beyond rounding (e.g. {first['area_code']} {int(first['year'])}: "
        f"{first['value']:g} here, {first['value_bundled']:g} there); imported as a vintage of its own",
        key="datasrc.problem.revised_values",
        params={"n": len(revised), "indicator": indicator_id, "existing": existing,
                "area": _area_names(dataset, first["area_code"]), "year": int(first["year"]),
                "value": f"{first['value']:g}", "existing_value": f"{first['value_bundled']:g}"},
    )


def release_by_values(table: ImportedTable, dataset: Dataset) -> ImportedTable:
    """An upload whose values differ from a bundled series beyond rounding (same indicator, area,
    year) is another release of it (say, after a census revision, or an older yearbook): its rows
    become a vintage of their own, named in the preview, so merge_import never lets its new years
    extend the bundled series. A release already named by a footnote is left as it is; values far
    off the dataset's are a check on the indicator or unit instead."""
    rows = table.observations
    if rows.empty:
        return table
    cell = ["area_code", "indicator_id", "year", "subgroup"]
    unnamed = rows["vintage"].astype(str) == DEFAULT_VINTAGE
    bundled = dataset.observations[cell + ["value", "vintage"]].astype({"year": "Int64"})
    both = rows[unnamed].reset_index().merge(bundled, on=cell, suffixes=("", "_bundled"))
    if both.empty:
        return table
    both["differs"] = [differs_beyond_rounding(a, b) for a, b in zip(both["value"], both["value_bundled"])]
    where = Location(str(rows["source_id"].iloc[0]).removeprefix(USER_SOURCE_PREFIX))
    fractions = {c.params.get("indicator") for c in table.checks if c.key == "datasrc.problem.fraction_as_percent"}
    vintages, checks = {}, []
    for indicator_id, shared in both.groupby("indicator_id", sort=False):
        if not shared["differs"].any() or indicator_id in fractions:  # fractions: already said
            continue
        check = _scale_check(shared, indicator_id, where)
        if check is None and (check := _release_check(shared, indicator_id, where, dataset)) is not None:
            vintages[indicator_id] = f"{VALUES_RELEASE_PREFIX}'{check.params['existing']}'"
        if check is not None:
            checks.append(check)
    table = dataclasses.replace(table, checks=tuple(table.checks) + tuple(checks))
    if not vintages:
        return table
    frame = rows.copy()
    relabel = unnamed & frame["indicator_id"].isin(vintages)
    frame.loc[relabel, "vintage"] = frame.loc[relabel, "indicator_id"].map(vintages)
    return dataclasses.replace(table, observations=frame)


def import_file(
    raw: bytes,
    *,
    filename: str,
    dataset: Dataset,
    indicator_id: str | None = None,
    sheet: str | None = None,
    value_column: str | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportedTable:
    """Parse an uploaded NBS export or filled template (CSV or XLSX, judged by content).

    `indicator_id` names the indicator of an NBS export (guessed from its 指标 line when it
    names one of ours) or of a template without a 指标 column; `sheet` picks a workbook sheet;
    `value_column` names the column holding the values of a panel (省份 / 年份 / value), whose
    other unknown columns are then left out. `mapping` is the mapping step's choice (columns and
    indicator, possibly a new user indicator, which the result then carries in `new_indicators`).
    """
    table = _import_file(raw, filename=filename, dataset=dataset, indicator_id=indicator_id, sheet=sheet,
                         value_column=value_column, mapping=mapping)
    return release_by_values(table, dataset)


def _import_file(raw, *, filename, dataset, indicator_id, sheet, value_column, mapping) -> ImportedTable:
    file = display_name(filename)
    if not isinstance(raw, (bytes, bytearray)):
        raise DataError(Location(file), "expected the file's bytes", key="datasrc.problem.not_bytes")
    raw = bytes(raw)
    _refuse_non_tables(raw, file)
    new_rows: tuple[dict, ...] = ()
    if mapping is not None and mapping.new_indicator is not None:
        problems = mapping.new_indicator.problems(file)
        if problems:
            raise DataError.of(problems)
        new_rows = (mapping.new_indicator.row(),)
        dataset = with_user_indicators(dataset, new_rows)
        indicator_id = mapping.new_indicator.indicator_id
    elif mapping is not None and mapping.indicator_id:
        indicator_id = mapping.indicator_id
    if mapping is not None and mapping.maps_columns:
        table = _import_mapped(raw, file, dataset, indicator_id, sheet, mapping)
        return dataclasses.replace(table, new_indicators=new_rows)
    if new_rows:
        table = _import_file(raw, filename=filename, dataset=dataset, indicator_id=indicator_id, sheet=sheet,
                             value_column=value_column, mapping=None)
        return dataclasses.replace(table, new_indicators=new_rows)
    if indicator_id is not None and not dataset.has_indicator(indicator_id):
        raise DataError(Location(file), unknown_indicator_message(indicator_id, set(dataset.indicators["indicator_id"])),
                        key="datasrc.problem.unknown_indicator", params={"id": indicator_id})
    known = set(dataset.indicators["indicator_id"])
    if is_xlsx(raw) or is_ole2(raw):
        if is_ole2(raw):
            sheets, book_warnings = read_xls_sheets(raw, file)
            grids = [Grid(f"{file}, sheet '{name}'", rows, sheet=name, warnings=book_warnings) for name, rows in sheets]
            kind = "Excel 97-2003"
        else:
            grids, kind = read_xlsx_grids(raw, file), "Excel"
        nbs = [g for g in grids if is_nbs_text("\n".join(str(r[0]) for r in g.rows[:3] if r and r[0] is not None))]
        if nbs and not value_column and not any(looks_like_template(g) for g in grids):
            grid, warnings = choose_sheet(grids, file, sheet=sheet, wanted=lambda g: g in nbs)
            table = _import_nbs(_grid_as_csv(grid), grid.where, dataset, indicator_id)
            table = dataclasses.replace(table, warnings=tuple(warnings) + tuple(table.warnings))
            return _tag(table, filename, "nbs", kind)
        table = parse_template(
            raw, file=file, matcher=dataset.matcher, known_indicators=known,
            indicator_id=indicator_id, indicators=dataset.indicators, sheet=sheet,
            grids=grids if is_ole2(raw) else None, value_column=value_column,
        )
        return _tag(table, filename, "template", kind)
    text = decode_upload(raw, file)
    if is_nbs_text(text) and not value_column:
        return _tag(_import_nbs(text.encode("utf-8"), file, dataset, indicator_id), filename, "nbs", "CSV")
    table = parse_template(
        text.encode("utf-8"), file=file, matcher=dataset.matcher, known_indicators=known,
        indicator_id=indicator_id, indicators=dataset.indicators, value_column=value_column,
    )
    return _tag(table, filename, "template", "CSV")


def _import_mapped(raw: bytes, file: str, dataset: Dataset, indicator_id: str | None, sheet: str | None,
                   mapping: ColumnMapping) -> ImportedTable:
    """A panel read with the columns the user chose (mapping.mapped_grid), checked like a template."""
    if indicator_id is not None and not dataset.has_indicator(indicator_id):
        raise DataError(Location(file), unknown_indicator_message(indicator_id, set(dataset.indicators["indicator_id"])),
                        key="datasrc.problem.unknown_indicator", params={"id": indicator_id})
    grid, warnings = mapped_input(raw, file, mapping, sheet)
    kind = "Excel 97-2003" if is_ole2(raw) else "Excel" if is_xlsx(raw) else "CSV"
    table = parse_template(
        b"", file=file, matcher=dataset.matcher, known_indicators=set(dataset.indicators["indicator_id"]),
        indicator_id=indicator_id, indicators=dataset.indicators, grids=[grid],
    )
    table = dataclasses.replace(table, warnings=warnings + tuple(table.warnings))
    return _tag(table, file, "mapped", kind)


def _user_sources(dataset: Dataset, source_ids: list[str]) -> pd.DataFrame:
    new = [s for s in dict.fromkeys(source_ids) if s not in set(dataset.sources["source_id"])]
    rows = [
        {
            "source_id": s,
            "title_en": f"Uploaded by a user: {s[len(USER_SOURCE_PREFIX):]}",
            "title_zh": f"用户上传：{s[len(USER_SOURCE_PREFIX):]}",
            "publisher": "user upload",
            "year": str(dt.date.today().year),
            "via": "upload",
            "doubts": "Values entered by a user; not checked against an official release.",
        }
        for s in new
    ]
    return pd.DataFrame(rows, columns=dataset.sources.columns)


_YEAR_IN_VINTAGE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def vintage_year(vintage: object) -> int:
    """The latest year a vintage names ('CSY2012' -> 2012, 'NBS 2025 export' -> 2025); -1 if none."""
    years = _YEAR_IN_VINTAGE.findall(vintage) if isinstance(vintage, str) else []
    return max(map(int, years)) if years else -1


def split_vintages(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(one row per cell, the other vintages) of an import that gives a cell in several vintages.

    Views show one value per area, indicator, year and subgroup. The rule: the latest vintage
    (the greatest year its name holds: CSY2012 over CSY2011); among vintages naming no year or
    the same year, the row listed last in the file. The others are kept apart and named.
    """
    cell = ["area_code", "indicator_id", "year", "subgroup"]
    if not rows.duplicated(cell).any():
        return rows, rows.iloc[0:0]
    ranked = rows.assign(_rank=rows["vintage"].map(vintage_year), _order=range(len(rows)))
    ranked = ranked.sort_values(["_rank", "_order"], kind="stable")
    shown = ranked.drop_duplicates(cell, keep="last")
    others = ranked.drop(index=shown.index)
    tidy = lambda frame: frame.sort_values("_order").drop(columns=["_rank", "_order"])  # noqa: E731
    return tidy(shown), tidy(others)


def _refuse_mixed_release(incoming: pd.DataFrame, existing: pd.DataFrame, both: pd.DataFrame, where: Location) -> None:
    """Years of a named release may not extend a series the dataset holds in another release:
    one line would then join two revisions (say, before and after an economic census)."""
    series = ["area_code", "indicator_id", "subgroup"]
    # Only releases known to be other releases (read from a footnote, or from values that differ
    # beyond rounding: release_by_values): a yearbook edition typed in a template's 版本 column is
    # not evidence that the values were revised.
    named = incoming[incoming["vintage"].astype(str).str.startswith((REVISED_RELEASE_PREFIX, VALUES_RELEASE_PREFIX))]
    if named.empty:
        return
    present = set(both[["area_code", "indicator_id", "year", "subgroup"]].astype(str).itertuples(index=False, name=None))
    new = named[[tuple(map(str, key)) not in present
                 for key in named[["area_code", "indicator_id", "year", "subgroup"]].itertuples(index=False, name=None)]]
    if new.empty:
        return
    held = existing.merge(new[series].drop_duplicates(), on=series)
    for _, row in new.iterrows():
        others = held[(held["area_code"] == row["area_code"]) & (held["indicator_id"] == row["indicator_id"])
                      & (held["subgroup"] == row["subgroup"]) & (held["vintage"] != row["vintage"])]
        if len(others):
            raise DataError(
                where,
                f"adds {row['indicator_id']} {row['area_code']} {row['year']} from another release ({row['vintage']}) "
                f"to a series the dataset holds as '{others['vintage'].iloc[0]}' "
                f"({int(others['year'].min())}-{int(others['year'].max())}); releases are never mixed in one series: "
                "import the file as an indicator of its own release (e.g. a revised series), not as new years of this one",
                key="datasrc.problem.mixed_release",
                params={"indicator": row["indicator_id"], "area": row["area_code"], "year": int(row["year"]),
                        "existing": str(others["vintage"].iloc[0])},
            )


def unverified_releases(dataset: Dataset, imported: ImportedTable) -> dict[str, str]:
    """Indicator -> the dataset's release, for a file that only adds years to a series the dataset
    holds: sharing no cell with it, its values cannot show whether it is the same release (a 2019-
    2023 export after a census revision beside a series published before it). Said in the preview
    with the way to keep it apart, not refused: a province's newest year is what officials add."""
    rows = imported.observations
    if rows.empty:
        return {}
    cell = ["area_code", "indicator_id", "year", "subgroup"]
    held = dataset.observations[~dataset.observations["source_id"].astype(str).str.startswith(USER_SOURCE_PREFIX)]
    found: dict[str, str] = {}
    for indicator_id, incoming in rows.groupby("indicator_id", sort=False):
        bundled = held[held["indicator_id"] == indicator_id]
        if bundled.empty or not incoming["vintage"].astype(str).eq(DEFAULT_VINTAGE).all():
            continue  # a new indicator, or a release already named (by a footnote or by values)
        shared = incoming[cell].astype(str).merge(bundled[cell].astype(str), on=cell)
        if shared.empty:
            found[str(indicator_id)] = str(bundled["vintage"].mode().iloc[0])
    return found


def merge_import(dataset: Dataset, imported: ImportedTable, *, replace: bool = False) -> Dataset:
    """A new Dataset with the imported rows added; `dataset` itself is never modified.

    An import giving one cell in several vintages shows one of them (`split_vintages`: the
    latest) and keeps the others in `Dataset.other_vintage_rows`, named beside the value.
    A row for an area, indicator, year and subgroup the dataset already has is a conflict when
    the values differ (views show one value per cell, whatever its vintage): a DataError, unless
    `replace` is set, which drops the existing rows in favour of the upload. Equal values are
    kept once, as already present.
    """
    incoming = imported.observations.copy()
    if incoming.empty:
        return dataset
    dataset = with_user_indicators(dataset, imported.new_indicators)
    where = Location(str(incoming["source_id"].iloc[0]).removeprefix(USER_SOURCE_PREFIX))
    known = set(dataset.indicators["indicator_id"])
    unknown = sorted(set(incoming["indicator_id"]) - known)
    if unknown:
        raise DataError(where, unknown_indicator_message(unknown[0], known),
                        key="datasrc.problem.unknown_indicator", params={"id": unknown[0]})
    cell = ["area_code", "indicator_id", "year", "subgroup"]
    incoming["year"] = incoming["year"].astype("Int64")
    incoming, other_vintages = split_vintages(incoming.reset_index(drop=True))
    existing = dataset.observations
    both = incoming.merge(existing[cell + ["value", "source_id", "vintage"]], on=cell, suffixes=("", "_existing"))
    same = (both["value"] - both["value_existing"]).abs() <= 1e-9 * both["value_existing"].abs().clip(lower=1.0)
    differs = both[~same]
    # Before the conflicts: when new years of another release are in the file, replacing would not
    # help either, and this is the message that says what to do.
    _refuse_mixed_release(incoming, existing, both, where)
    if len(differs) and not replace:
        first = differs.iloc[0]
        raise DataError(
            where,
            f"conflicts with the dataset: {first['area_code']} {first['indicator_id']} {first['year']} "
            f"({first['subgroup']}) is {first['value_existing']:g} from {first['source_id_existing']} "
            f"(vintage {first['vintage_existing']}) but the upload says {first['value']:g} "
            f"({len(differs)} conflicting value(s)); remove them or choose to replace",
            key="datasrc.problem.conflicts",
            params={"area": first["area_code"], "indicator": first["indicator_id"], "year": first["year"],
                    "existing": f"{first['value_existing']:g}", "source": first["source_id_existing"],
                    "vintage": first["vintage_existing"], "value": f"{first['value']:g}", "n": len(differs)},
        )

    def index(frame: pd.DataFrame) -> pd.MultiIndex:
        return pd.MultiIndex.from_frame(frame[cell].astype(object))

    if len(differs):
        existing = existing[~index(existing).isin(index(differs))]
    already = both[same]
    if len(already):
        incoming = incoming[~index(incoming).isin(index(already))]
    incoming = incoming.reindex(columns=existing.columns)
    observations = pd.concat([existing, incoming], ignore_index=True)
    observations["year"] = observations["year"].astype("Int64")
    observations["value"] = observations["value"].astype(float)
    extra_sources = _user_sources(dataset, incoming["source_id"].tolist())
    sources = pd.concat([dataset.sources, extra_sources], ignore_index=True) if len(extra_sources) else dataset.sources
    others = dataset.other_vintage_rows
    if len(other_vintages):
        other_vintages = other_vintages.reindex(columns=existing.columns)
        others = other_vintages if others is None else pd.concat([others, other_vintages], ignore_index=True)
    return dataclasses.replace(dataset, observations=observations, sources=sources, other_vintage_rows=others)

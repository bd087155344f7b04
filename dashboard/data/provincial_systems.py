"""A province's own indicator system, derived from a national framework (issue 12 item 3).

A `ProvincialSystem` names the framework it comes from (NBS 2008, NBS 2013, 11th FYP, MDG), the
province, and one `SystemItem` per row: a national item kept (its own target, band, allowed
bounds, weight, target year, indicator link), dropped, or an item the province added. Only the
fields in `EDITABLE` can differ from the national item; everything else (units, baseline rule,
price basis, sources) stays the national framework's, so the province's system is a set of
differences against a common frame.

`derive` starts a system from the framework as it applies to the province (the province's own
sourced targets of target_overrides.csv included); `apply` turns a system into `Frameworks` with
one more framework, `SYSTEM_FRAMEWORK_ID`, usable wherever a framework is (`scope` names a saved
version, so results on it may be cached); `diff` lists what
differs from the national system. `validate` says where a system is wrong (row, field, why):
a row is the row of the items table (1 = first item), or the spreadsheet row of an imported file.

Nothing is filled in: an empty cell stays empty (an added item without a target is "no target").
A changed value is marked with the system's name and version as its source and `unconfirmed`,
since it is the user's entry, not a published figure.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

import pandas as pd

from dashboard.data import schema
from dashboard.data.errors import DataError, Location
from dashboard.data.frameworks import DIRECTIONS, Frameworks

# The id an applied system has among the frameworks (one pinned system at a time).
SYSTEM_FRAMEWORK_ID = "own"
# The source_id of a value the system's author set (shown with the system's name and version).
SYSTEM_SOURCE_ID = "PROVINCIAL-SYSTEM"
CONTENT_FORMAT = "xiaokang-provincial-system/1"
STATUSES = ("kept", "dropped", "added")
NUMBERS = ("target", "target_low", "target_high", "bound_low", "bound_high", "relative_change", "weight")
# What a province may set differently from the national item.
EDITABLE = ("indicator_id", "subgroup", *NUMBERS, "target_year")
# What an added item must say about itself (a kept item has the national item's).
DESCRIPTIVE = ("domain_id", "domain_zh", "domain_en", "name_zh", "name_en", "unit_zh", "unit_en", "direction")
# The items table as exported and imported (CSV/XLSX), one row per item.
COLUMNS = ("framework_id", "area_code", "item_id", "status", *DESCRIPTIVE, *EDITABLE)
ITEM_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_ITEMS = 200
DEFAULT_FILE = "system"


@dataclass(frozen=True)
class SystemItem:
    item_id: str
    status: str = "kept"
    domain_id: str | None = None
    domain_zh: str | None = None
    domain_en: str | None = None
    name_zh: str | None = None
    name_en: str | None = None
    unit_zh: str | None = None
    unit_en: str | None = None
    direction: str | None = None
    indicator_id: str | None = None
    subgroup: str | None = None
    target: float | None = None
    target_low: float | None = None
    target_high: float | None = None
    bound_low: float | None = None
    bound_high: float | None = None
    relative_change: float | None = None
    weight: float | None = None
    target_year: int | None = None


@dataclass(frozen=True)
class ProvincialSystem:
    framework_id: str                      # the national framework it is derived from
    area_code: str
    items: tuple[SystemItem, ...] = field(default_factory=tuple)
    name: str = ""                         # the workspace document's name ("" while unsaved)
    version: int | None = None             # the saved version it was read from

    def item(self, item_id: str) -> SystemItem | None:
        return next((item for item in self.items if item.item_id == item_id), None)


@dataclass(frozen=True)
class DiffRow:
    """One difference from the national system: a field of an item (`field` None: the whole
    item was dropped or added)."""

    item_id: str
    name_zh: str
    name_en: str
    change: str                            # changed | dropped | added
    field: str | None = None
    national: Any = None
    own: Any = None


# --- cells -------------------------------------------------------------------------------------
def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: Any) -> str | None:
    return None if _missing(value) else str(value).strip()


def _number(value: Any, where: Location) -> float | None:
    if _missing(value):
        return None
    if isinstance(value, bool):
        raise DataError(where, f"'{value}' is not a number")
    try:
        number = float(str(value).strip().replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise DataError(where, f"'{str(value)[:40]}' is not a number") from None
    if not math.isfinite(number):
        raise DataError(where, f"'{value}' is not a finite number")
    return number


def _year(value: Any, where: Location) -> int | None:
    number = _number(value, where)
    if number is None:
        return None
    if number % 1 or not MIN_YEAR <= number <= MAX_YEAR:
        raise DataError(where, f"'{value}' is not a year between {MIN_YEAR} and {MAX_YEAR}")
    return int(number)


def item_from_cells(cells: Mapping[str, Any], where: Any) -> SystemItem:
    """One item from a table row or a stored dict; `where(column)` gives the Location of a cell.
    Only the type of each cell is checked here (numbers, years); `validate` checks the meaning."""
    values: dict[str, Any] = {}
    for name in ("item_id", "status", *DESCRIPTIVE, "indicator_id", "subgroup"):
        values[name] = _text(cells.get(name))
    for name in NUMBERS:
        values[name] = _number(cells.get(name), where(name))
    values["target_year"] = _year(cells.get("target_year"), where("target_year"))
    values["item_id"] = values["item_id"] or ""
    values["status"] = (values["status"] or "kept").lower()
    if values["direction"]:
        values["direction"] = values["direction"].lower()
    return SystemItem(**values)


# --- derive, validate, apply, diff ----------------------------------------------------------
def _national_row(frameworks: Frameworks, framework_id: str, item_id: str, area_code: str) -> dict[str, Any]:
    """The national item as it applies to the area (the area's sourced own target where one is set)."""
    return frameworks.target_for(framework_id, item_id, area_code)


def derive(frameworks: Frameworks, framework_id: str, area_code: str, name: str = "") -> ProvincialSystem:
    """The framework as the province's starting system: every item kept, nothing changed."""
    items = []
    for item_id in frameworks.items_for(framework_id)["item_id"]:
        row = _national_row(frameworks, framework_id, str(item_id), area_code)
        # The descriptive fields are the national item's, shown so the table reads as the framework.
        items.append(SystemItem(item_id=str(item_id), status="kept", **{k: row.get(k) for k in (*DESCRIPTIVE, *EDITABLE)}))
    return ProvincialSystem(framework_id, area_code, tuple(items), name=name)


def _where(file: str, row: int) -> Any:
    return lambda column: Location(file, row, column)


def validate(system: ProvincialSystem, frameworks: Frameworks, *, indicators: Iterable[str] | None = None,
             areas: Iterable[str] | None = None, file: str = DEFAULT_FILE, first_row: int = 1) -> None:
    """Raise DataError at the first problem: Location(file, row, column) and why. Rows count
    from `first_row` (1 for the items table, 2 for a spreadsheet with a header row).
    `indicators`: the ids an item may link to (the dataset's, a user's imported ones included)."""
    if system.framework_id not in frameworks.framework_ids():
        raise DataError(Location(file, None, "framework_id"),
                        f"'{system.framework_id}' is not a framework ({', '.join(frameworks.framework_ids())})")
    if areas is not None and system.area_code not in set(areas):
        raise DataError(Location(file, None, "area_code"), f"'{system.area_code}' is not a province of the dataset")
    if not system.items:
        raise DataError(Location(file, None, "item_id"), "the system has no items")
    if len(system.items) > MAX_ITEMS:
        raise DataError(Location(file, None, "item_id"), f"at most {MAX_ITEMS} items, this system has {len(system.items)}")
    national = frameworks.items_for(system.framework_id).set_index("item_id")
    known = set(indicators) if indicators is not None else None
    seen: set[str] = set()
    for index, item in enumerate(system.items):
        where = _where(file, index + first_row)
        if not item.item_id:
            raise DataError(where("item_id"), "every item needs an item_id")
        if item.item_id in seen:
            raise DataError(where("item_id"), f"item '{item.item_id}' is listed twice")
        seen.add(item.item_id)
        if item.status not in STATUSES:
            raise DataError(where("status"), f"'{item.status}' is not one of {', '.join(STATUSES)}")
        if item.status == "added":
            if item.item_id in national.index or not ITEM_ID.fullmatch(item.item_id):
                why = ("is a national item: keep it rather than add it" if item.item_id in national.index
                       else "must be lower-case letters, digits and _ (at most 40, starting with a letter)")
                raise DataError(where("item_id"), f"added item '{item.item_id}' {why}")
            for column in ("domain_id", "direction"):
                if not getattr(item, column):
                    raise DataError(where(column), f"an added item needs its {column}")
            if not (item.name_zh or item.name_en):
                raise DataError(where("name_zh"), "an added item needs a name (name_zh or name_en)")
            if item.relative_change is not None:
                raise DataError(where("relative_change"), "an added item states an absolute target (no baseline to be relative to)")
            direction, relative = item.direction, False
        else:
            if item.item_id not in national.index:
                raise DataError(where("item_id"), f"'{item.item_id}' is not an item of '{system.framework_id}' (to add one, status added)")
            row = national.loc[item.item_id]
            direction, relative = str(row["direction"]), row["baseline_rule"] == "relative"
            if item.direction and item.direction != direction:
                raise DataError(where("direction"), f"a kept item keeps the national direction '{direction}'")
            for column in DESCRIPTIVE:
                given, national_value = getattr(item, column), row[column]
                if given is not None and not _missing(national_value) and given != str(national_value):
                    raise DataError(where(column), f"a kept item keeps the national {column} '{national_value}' "
                                    "(to define another item, add it)")
        if item.status == "dropped":
            continue
        _check_values(item, str(direction), relative, where, known)


def _check_values(item: SystemItem, direction: str, relative: bool, where: Any, known: set[str] | None) -> None:
    if direction not in DIRECTIONS:
        raise DataError(where("direction"), f"'{direction}' is not one of {', '.join(DIRECTIONS)}")
    has_band = item.target_low is not None or item.target_high is not None
    if direction == "interval":
        if item.target is not None:
            raise DataError(where("target"), "an interval item states its target as target_low/target_high, not target")
        if (item.bound_low is not None or item.bound_high is not None) and not has_band:
            raise DataError(where("target_low"), "allowed bounds are set but the target band is empty")
    else:
        extra = next((c for c in ("target_low", "target_high", "bound_low", "bound_high") if getattr(item, c) is not None), None)
        if extra:
            raise DataError(where(extra), f"only interval items have a band; this item is {direction}")
        if item.target is not None and not item.target > 0:
            raise DataError(where("target"), f"a {direction} target must be above 0, not {item.target:g}")
    low, high, c, d = item.target_low, item.target_high, item.bound_low, item.bound_high
    if low is not None and high is not None and low > high:
        raise DataError(where("target_low"), f"target_low {low:g} is above target_high {high:g}")
    if c is not None and low is not None and not c < low:
        raise DataError(where("bound_low"), f"bound_low {c:g} must be below target_low {low:g}")
    if d is not None and high is not None and not d > high:
        raise DataError(where("bound_high"), f"bound_high {d:g} must be above target_high {high:g}")
    if item.weight is not None and item.weight < 0:
        raise DataError(where("weight"), f"weight {item.weight:g} is negative")
    if item.relative_change is not None:
        if not relative:
            raise DataError(where("relative_change"), "the national item's target is not relative")
        if item.relative_change <= -1:
            raise DataError(where("relative_change"), f"{item.relative_change:g} would reduce below zero")
    elif relative and item.target is not None:
        raise DataError(where("target"), "the national item's target is relative: set relative_change, not target")
    if item.subgroup is not None and item.subgroup not in schema.SUBGROUPS:
        raise DataError(where("subgroup"), f"'{item.subgroup}' is not one of {', '.join(schema.SUBGROUPS)}")
    if item.indicator_id is not None and known is not None and item.indicator_id not in known:
        raise DataError(where("indicator_id"), f"'{item.indicator_id}' is not an indicator of the dataset (nor an imported one)")


def _changed(own: Any, national: Any) -> bool:
    if _missing(own) and _missing(national):
        return False
    if _missing(own) or _missing(national):
        return True
    if isinstance(own, (int, float)) and isinstance(national, (int, float)):
        return not math.isclose(float(own), float(national), rel_tol=1e-12, abs_tol=0.0)
    return str(own) != str(national)


def _label(system: ProvincialSystem) -> str:
    return f"{system.name or 'unsaved'}@{system.version}" if system.version else (system.name or "unsaved")


def apply(system: ProvincialSystem, frameworks: Frameworks, scope: tuple = ()) -> Frameworks:
    """`frameworks` plus the system as framework `SYSTEM_FRAMEWORK_ID` (items in the system's
    order; dropped items left out). A kept item whose values the system changed carries the
    system as its source (unconfirmed) and says the national value in its note; an unchanged
    one keeps the national row with its source. The national framework's trend rules apply."""
    national_fid = system.framework_id
    registry_row = frameworks.registry[frameworks.registry["framework_id"] == national_fid].iloc[0].to_dict()
    label = _label(system)
    registry_row.update(framework_id=SYSTEM_FRAMEWORK_ID, name_zh=f"{system.name or '省级指标体系'}（{registry_row['name_zh']}派生）",
                        name_en=f"{system.name or 'Provincial system'} (derived from {registry_row['name_en']})",
                        confidence="unconfirmed",
                        note_en=f"Provincial indicator system {label} for area {system.area_code}, derived from {national_fid}.",
                        note_zh=f"省级指标体系 {label}（地区 {system.area_code}），由 {national_fid} 派生。")
    rows = []
    for order, item in enumerate(system.items, start=1):
        if item.status == "dropped":
            continue
        if item.status == "added":
            row: dict[str, Any] = {c: None for c in frameworks.items.columns}
            row.update({k: getattr(item, k) for k in ("item_id", *DESCRIPTIVE, *EDITABLE)})
            has_target = item.target is not None or item.target_low is not None or item.target_high is not None
            row.update(baseline_rule="absolute" if has_target else None, subgroup=item.subgroup or "total",
                       source_id=SYSTEM_SOURCE_ID, confidence="unconfirmed",
                       domain_zh=item.domain_zh or item.domain_id, domain_en=item.domain_en or item.domain_id,
                       note_en=f"Added in the provincial system {label}.", note_zh=f"省级指标体系 {label} 新增的指标。")
        else:
            row = _national_row(frameworks, national_fid, item.item_id, system.area_code)
            row.pop("area_code", None)
            row.pop("overridden", None)
            changes = [k for k in EDITABLE if _changed(getattr(item, k), row.get(k))]
            if changes:
                said_en = "; ".join(f"{k} {_shown(row.get(k))}" for k in changes)
                row.update({k: getattr(item, k) for k in EDITABLE})
                row.update(source_id=SYSTEM_SOURCE_ID, confidence="unconfirmed",
                           note_en=f"Set in the provincial system {label}; national: {said_en}.",
                           note_zh=f"省级指标体系 {label} 设定；全国体系：{said_en}。")
        row.update(framework_id=SYSTEM_FRAMEWORK_ID, order=order)
        rows.append(row)
    own = pd.DataFrame(rows, columns=frameworks.items.columns)
    for column in ("target", "target_low", "target_high", "bound_low", "bound_high", "weight", "baseline_value", "relative_change"):
        own[column] = pd.to_numeric(own[column]).astype(float)
    for column in ("order", "target_year", "baseline_year"):
        own[column] = pd.to_numeric(own[column]).astype("Int64")
    base = frameworks.items[frameworks.items["framework_id"] != SYSTEM_FRAMEWORK_ID]
    registry = frameworks.registry[frameworks.registry["framework_id"] != SYSTEM_FRAMEWORK_ID]
    rules = frameworks.rules
    if rules is not None and not rules.empty:
        copied = rules[rules["framework_id"] == national_fid].assign(framework_id=SYSTEM_FRAMEWORK_ID)
        rules = pd.concat([rules[rules["framework_id"] != SYSTEM_FRAMEWORK_ID], copied], ignore_index=True)
    return Frameworks(registry=pd.concat([registry, pd.DataFrame([registry_row])], ignore_index=True),
                      items=pd.concat([base, own], ignore_index=True), overrides=frameworks.overrides, rules=rules,
                      scope=scope)


def _shown(value: Any) -> str:
    if _missing(value):
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def diff(system: ProvincialSystem, frameworks: Frameworks) -> list[DiffRow]:
    """What the system changes against the national framework (as it applies to the province),
    in the system's order; dropped items and added ones as one row each."""
    out: list[DiffRow] = []
    national_ids = [str(i) for i in frameworks.items_for(system.framework_id)["item_id"]]
    listed = {item.item_id for item in system.items}
    for item in system.items:
        if item.status == "added":
            out.append(DiffRow(item.item_id, item.name_zh or "", item.name_en or "", "added"))
            continue
        row = _national_row(frameworks, system.framework_id, item.item_id, system.area_code)
        names = str(row.get("name_zh") or ""), str(row.get("name_en") or "")
        if item.status == "dropped":
            out.append(DiffRow(item.item_id, *names, "dropped"))
            continue
        out.extend(DiffRow(item.item_id, *names, "changed", k, row.get(k), getattr(item, k))
                   for k in EDITABLE if _changed(getattr(item, k), row.get(k)))
    for item_id in national_ids:                         # a national item the system does not list is dropped
        if item_id not in listed:
            row = _national_row(frameworks, system.framework_id, item_id, system.area_code)
            out.append(DiffRow(item_id, str(row.get("name_zh") or ""), str(row.get("name_en") or ""), "dropped"))
    return out


# --- as stored, as a table --------------------------------------------------------------------
def to_content(system: ProvincialSystem) -> dict[str, Any]:
    """The JSON kept as a workspace document (name and version are the document's own)."""
    return {"format": CONTENT_FORMAT, "framework_id": system.framework_id, "area_code": system.area_code,
            "items": [{k: v for k, v in asdict(item).items() if v is not None} for item in system.items]}


def from_content(content: Any, *, name: str = "", version: int | None = None) -> ProvincialSystem:
    """A stored document back into a system; anything not as `to_content` writes it: DataError."""
    file = name or DEFAULT_FILE
    if not isinstance(content, dict) or content.get("format") != CONTENT_FORMAT:
        raise DataError(Location(file, None, "format"), f"not a provincial system (expected format {CONTENT_FORMAT!r})")
    items = content.get("items")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise DataError(Location(file, None, "items"), "the items must be a list of rows")
    parsed = tuple(item_from_cells(cells, _where(file, index + 1)) for index, cells in enumerate(items))
    return ProvincialSystem(str(content.get("framework_id") or ""), str(content.get("area_code") or ""), parsed,
                            name=name, version=version)


def to_table(system: ProvincialSystem) -> pd.DataFrame:
    """The items table (COLUMNS), one row per item: what the editor shows and the files hold."""
    rows = [{"framework_id": system.framework_id, "area_code": system.area_code, **asdict(item)} for item in system.items]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def from_table(rows: Sequence[Mapping[str, Any]], *, file: str = DEFAULT_FILE, first_row: int = 1,
               framework_id: str | None = None, area_code: str | None = None, name: str = "",
               version: int | None = None) -> ProvincialSystem:
    """Rows (the editor's, or a CSV/XLSX file's with `first_row=2`) into a system. The framework and
    province are the given ones, else the rows' own, which must then agree on every row."""
    if not rows:
        raise DataError(Location(file, None, "item_id"), "the table has no rows")
    for column in ("framework_id", "area_code"):
        given = framework_id if column == "framework_id" else area_code
        if given is not None:
            continue
        values = [_text(r.get(column)) for r in rows]
        first = values[0]
        if first is None:
            raise DataError(Location(file, first_row, column), f"every row needs the system's {column}")
        other = next((i for i, v in enumerate(values) if v != first), None)
        if other is not None:
            raise DataError(Location(file, other + first_row, column), f"'{values[other]}' differs from '{first}' of the first row")
    fid = framework_id if framework_id is not None else str(_text(rows[0].get("framework_id")))
    area = area_code if area_code is not None else str(_text(rows[0].get("area_code")))
    items = tuple(item_from_cells(r, _where(file, i + first_row)) for i, r in enumerate(rows))
    return ProvincialSystem(fid, area, items, name=name, version=version)


def edited(system: ProvincialSystem, item_id: str, **changes: Any) -> ProvincialSystem:
    """The system with one item's fields changed (unknown item: KeyError; unknown field: TypeError)."""
    bad = set(changes) - {f.name for f in fields(SystemItem)}
    if bad:
        raise TypeError(f"no field {', '.join(sorted(bad))}")
    if system.item(item_id) is None:
        raise KeyError(item_id)
    return replace(system, items=tuple(replace(i, **changes) if i.item_id == item_id else i for i in system.items))

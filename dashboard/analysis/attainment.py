"""Xiaokang attainment (实现程度) with the NBS 2008 monitoring-scheme formulas.

Per indicator (research/domain.md §2.1):

* positive (正指标): ``min(x / target, 1)`` (and never below 0);
* reverse (逆指标): ``min(target / x, 1)``; a value of 0 or less is the best possible, so 1;
* interval (区间指标) with band ``[a, b]`` and allowed bounds ``c < a``, ``d > b``: 1 inside the
  band, ``(x - c) / (a - c)`` below it, ``(d - x) / (d - b)`` above it, 0 at or beyond a bound.
  All four numbers are needed: when the bounds are unknown the item is not scored (reason
  ``bounds_unknown``) rather than scored on one side only, which would bias the index upwards.

Domain and overall index = weighted mean of the scored items (Σ wᵢzᵢ / Σ wᵢ over scored items;
overall is taken over all items, not over domain indices, so a missing item does not shift
weight between domains). If the scored items carry less than 80% of the weight (the SDSN rule)
the index is ``None`` with status ``insufficient_data``; ``weight_coverage`` is always reported.

Partial index: the same weighted mean over the scored items, kept in its own field (``partial``)
whatever the coverage. It is never the index: below 80% it answers "how far are the measured
items" and must be shown with its measured weight share (``shown_index`` says which kind a value
is, so a partial value cannot be presented as a strict one).

Prices: a target stated in constant prices (``price_basis`` other than ``current``/empty) is
compared only after the observed current-price value is converted with a *sourced*
``PriceDeflator``, or directly when the linked indicator is itself at that basis (an id ending in
``_<year>prices``, e.g. ``gdp_pc_2000prices`` for ``constant_2000``, see ``indicator_price_basis``);
otherwise the item is ``not_comparable`` — never silently compared in
current prices (that would overstate attainment by the whole of inflation since the base year).

Values: the exact year by default (``max_lag=0``); with a lag allowed, the newest value within
it is used and each score carries its own year. One vintage per cell (see _common.latest_vintage_per_year).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import re

import pandas as pd

from dashboard.analysis._common import (
    NATIONAL, restricted, series_points, split_by_indicator, to_float, to_int, to_str,
)

# The SDSN rule: no index when more than 20% of the weight is missing.
MIN_WEIGHT_COVERAGE = 0.8
# Relative tolerance so that scaling every weight by a constant never flips the status.
_COVERAGE_TOLERANCE = 1e-9

PRESETS = ("nbs2008", "nbs2013")
DIRECTIONS = ("positive", "reverse", "interval")
CURRENT_PRICES = "current"

# Machine-readable reasons (translated in the UI); None means the item was scored.
NOT_MEASURED = "not_measured"          # the framework item has no dataset indicator yet
NO_DATA = "no_data"                    # no value for this area in the year (or lag window)
NO_TARGET = "no_target"                # positive/reverse item without a target value
INVALID_TARGET = "invalid_target"      # e.g. target <= 0, or band/bounds out of order
BOUNDS_UNKNOWN = "bounds_unknown"      # interval item without band or allowed bounds
NOT_COMPARABLE = "not_comparable"      # constant-price target, no sourced deflator
UNKNOWN_DIRECTION = "unknown_direction"
REASONS = (NOT_MEASURED, NO_DATA, NO_TARGET, INVALID_TARGET, BOUNDS_UNKNOWN, NOT_COMPARABLE, UNKNOWN_DIRECTION)

STATUS_OK = "ok"
STATUS_INSUFFICIENT = "insufficient_data"

# How an index value may be shown: the strict 80% rule, or the partial index below it.
MODE_STRICT = "strict"
MODE_PARTIAL = "partial"
MODES = (MODE_STRICT, MODE_PARTIAL)
# What a shown value is: the index (≥80% of the weight), a partial index, or nothing.
KIND_STRICT = "strict"
KIND_PARTIAL = "partial"
KIND_NONE = "none"

_PRICES_SUFFIX = re.compile(r"_(\d{4})prices$")

# Keys a what-if may change; anything else is a programming error and raises.
OVERRIDABLE = ("target", "target_low", "target_high", "bound_low", "bound_high", "weight", "price_basis")


class FrameworksLike(Protocol):
    """What attainment needs from dashboard.data.frameworks.Frameworks."""

    def items_for(self, framework_id: str) -> pd.DataFrame: ...

    def target_for(self, framework_id: str, item_id: str, area_code: str) -> Any: ...


@dataclass(frozen=True)
class ItemSpec:
    """One framework item as attainment uses it (a typed view of a framework CSV row)."""

    item_id: str
    direction: str
    weight: float | None = None
    target: float | None = None
    target_low: float | None = None
    target_high: float | None = None
    bound_low: float | None = None
    bound_high: float | None = None
    indicator_id: str | None = None
    subgroup: str = "total"
    price_basis: str = CURRENT_PRICES
    domain_id: str = ""
    domain_en: str = ""
    domain_zh: str = ""
    name_en: str = ""
    name_zh: str = ""
    framework_id: str = ""
    target_year: int | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    baseline_rule: str = "absolute"
    relative_change: float | None = None
    confidence: str | None = None
    order: float | None = None
    source_id: str | None = None
    # True when the area's own target (target_overrides.csv) replaced the national one.
    area_specific: bool = False

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | pd.Series) -> ItemSpec:
        """Build from a framework CSV row (dict or Series); empty cells become None."""
        get = row.get
        return cls(
            item_id=str(get("item_id")),
            direction=(to_str(get("direction")) or "").lower(),
            weight=to_float(get("weight")),
            target=to_float(get("target")),
            target_low=to_float(get("target_low")),
            target_high=to_float(get("target_high")),
            bound_low=to_float(get("bound_low")),
            bound_high=to_float(get("bound_high")),
            indicator_id=to_str(get("indicator_id")),
            subgroup=to_str(get("subgroup")) or "total",
            price_basis=to_str(get("price_basis")) or CURRENT_PRICES,
            domain_id=to_str(get("domain_id")) or "",
            domain_en=to_str(get("domain_en")) or "",
            domain_zh=to_str(get("domain_zh")) or "",
            name_en=to_str(get("name_en")) or "",
            name_zh=to_str(get("name_zh")) or "",
            framework_id=to_str(get("framework_id")) or "",
            target_year=to_int(get("target_year")),
            baseline_year=to_int(get("baseline_year")),
            baseline_value=to_float(get("baseline_value")),
            baseline_rule=(to_str(get("baseline_rule")) or "absolute").lower(),
            relative_change=to_float(get("relative_change")),
            confidence=to_str(get("confidence")),
            order=to_float(get("order")),
            source_id=to_str(get("source_id")),
            area_specific=(to_str(get("overridden")) or "").lower() == "true",
        )

    @property
    def constant_prices(self) -> bool:
        return self.price_basis.lower() != CURRENT_PRICES


@dataclass(frozen=True)
class PriceDeflator:
    """A sourced price index turning current-price values into ``price_basis`` prices.

    ``factors[(area_code, year)]`` multiplies a current-price value of that year (e.g. the
    ratio of the base-year price level to that year's). The area's own factor is used, else the
    national one (documented in the score's note); no factor → not comparable.
    """

    price_basis: str
    source_id: str
    factors: Mapping[tuple[str, int], float]

    def factor(self, area_code: str, year: int) -> tuple[float | None, str | None]:
        own = to_float(self.factors.get((area_code, year)))
        if own is not None:
            return own, None
        national = to_float(self.factors.get((NATIONAL, year)))
        if national is not None:
            return national, "deflated_with_national_index"
        return None, None


@dataclass(frozen=True)
class IndicatorScore:
    """One item's attainment. ``score`` is None exactly when ``reason`` says why."""

    item_id: str
    value: float | None
    year: int | None
    target: float | None
    score: float | None
    reason: str | None
    weight: float | None = None
    domain_id: str = ""
    indicator_id: str | None = None
    # Multiplies ``value`` into the target's price basis (1.0 for current prices; None: no deflator).
    price_factor: float | None = 1.0
    note: str | None = None
    spec: ItemSpec | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        spec = self.spec
        return {
            "item_id": self.item_id,
            "indicator_id": self.indicator_id,
            "name_en": spec.name_en if spec else "",
            "name_zh": spec.name_zh if spec else "",
            "direction": spec.direction if spec else None,
            "value": self.value,
            "year": self.year,
            "target": self.target,
            "target_low": spec.target_low if spec else None,
            "target_high": spec.target_high if spec else None,
            "bound_low": spec.bound_low if spec else None,
            "bound_high": spec.bound_high if spec else None,
            "price_basis": spec.price_basis if spec else CURRENT_PRICES,
            "weight": self.weight,
            "score": self.score,
            "reason": self.reason,
            "note": self.note,
            "confidence": spec.confidence if spec else None,
            "source_id": spec.source_id if spec else None,
            "area_specific": spec.area_specific if spec else False,
        }


@dataclass(frozen=True)
class DomainScore:
    domain_id: str
    name_en: str
    name_zh: str
    score: float | None
    weight_coverage: float
    status: str
    items: tuple[IndicatorScore, ...]
    # Weighted mean over the scored items whatever the coverage (None when nothing is scored).
    partial: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "domain_id": self.domain_id,
            "name_en": self.name_en,
            "name_zh": self.name_zh,
            "score": self.score,
            "weight_coverage": self.weight_coverage,
            "status": self.status,
            "partial": self.partial,
            "items": [item.to_dict() for item in self.items],
        }


@dataclass(frozen=True)
class AttainmentResult:
    framework: str
    overall: float | None
    domains: tuple[DomainScore, ...]
    weight_coverage: float
    status: str
    area_code: str | None = None
    year: int | None = None
    partial: float | None = None

    @property
    def items(self) -> tuple[IndicatorScore, ...]:
        return tuple(item for domain in self.domains for item in domain.items)

    def domain(self, domain_id: str) -> DomainScore | None:
        return next((d for d in self.domains if d.domain_id == domain_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The report's ``attainment`` block (exactly these keys; JSON-safe).

        ``overall`` is the index under the 80% rule (None below it); ``partial`` is the weighted
        mean over the measured items only, to be read together with ``weight_coverage``.
        """
        return {
            "framework": self.framework,
            "overall": self.overall,
            "status": self.status,
            "partial": self.partial,
            "domains": [domain.to_dict() for domain in self.domains],
            "weight_coverage": self.weight_coverage,
        }


@dataclass(frozen=True)
class ShownIndex:
    """An index value as it may be shown: ``kind`` says whether it is the index (strict, ≥80% of
    the weight measured), a partial index (below the rule, only in partial mode) or nothing."""

    value: float | None
    kind: str
    weight_coverage: float
    status: str

    @property
    def is_partial(self) -> bool:
        return self.kind == KIND_PARTIAL


def shown_index(score: float | None, partial: float | None, coverage: float, status: str, mode: str) -> ShownIndex:
    """What to show for one index under ``mode`` ('strict' or 'partial'; anything else raises)."""
    if mode not in MODES:
        raise ValueError(f"unknown index mode '{mode}' (one of {', '.join(MODES)})")
    if status == STATUS_OK and score is not None:
        return ShownIndex(score, KIND_STRICT, coverage, status)
    if mode == MODE_PARTIAL and partial is not None:
        return ShownIndex(partial, KIND_PARTIAL, coverage, status)
    return ShownIndex(None, KIND_NONE, coverage, status)


def shown_result(result: AttainmentResult, domain_id: str | None, mode: str) -> ShownIndex:
    """``shown_index`` of the overall index (domain_id None/empty) or of one domain (absent: nothing)."""
    if domain_id:
        domain = result.domain(domain_id)
        if domain is None:
            return ShownIndex(None, KIND_NONE, 0.0, STATUS_INSUFFICIENT)
        return shown_index(domain.score, domain.partial, domain.weight_coverage, domain.status, mode)
    return shown_index(result.overall, result.partial, result.weight_coverage, result.status, mode)


# --- formulas ------------------------------------------------------------------------------
def positive_score(value: float, target: float) -> float:
    """``min(x / target, 1)``, floored at 0. ``target`` must be > 0."""
    if not target > 0:
        raise ValueError("a positive indicator needs a target > 0")
    return min(max(value / target, 0.0), 1.0)


def reverse_score(value: float, target: float) -> float:
    """``min(target / x, 1)``; x <= 0 is at least as good as any positive x, so 1."""
    if not target > 0:
        raise ValueError("a reverse indicator needs a target > 0")
    if value <= 0:
        return 1.0
    return min(target / value, 1.0)


def interval_score(value: float, low: float, high: float, bound_low: float, bound_high: float) -> float:
    """1 inside [low, high]; linear to 0 at the allowed bounds bound_low < low, bound_high > high."""
    if not (bound_low < low <= high < bound_high):
        raise ValueError("need bound_low < low <= high < bound_high")
    if low <= value <= high:
        return 1.0
    if value < low:
        return max((value - bound_low) / (low - bound_low), 0.0)
    return max((bound_high - value) / (bound_high - high), 0.0)


def score_item(spec: ItemSpec, value: float | None, price_factor: float | None = 1.0) -> tuple[float | None, str | None]:
    """(score, None) or (None, reason) for one item and one observed (current-price) value."""
    if spec.direction not in DIRECTIONS:
        return None, UNKNOWN_DIRECTION
    if spec.indicator_id is None:
        return None, NOT_MEASURED
    if value is None:
        return None, NO_DATA
    if spec.direction == "interval":
        bounds = (spec.bound_low, spec.target_low, spec.target_high, spec.bound_high)
        if any(b is None for b in bounds):
            return None, BOUNDS_UNKNOWN
    elif spec.target is None:
        return None, NO_TARGET
    if spec.constant_prices:
        if price_factor is None:
            return None, NOT_COMPARABLE
        value = value * price_factor
    try:
        if spec.direction == "positive":
            return positive_score(value, spec.target), None  # type: ignore[arg-type]
        if spec.direction == "reverse":
            return reverse_score(value, spec.target), None  # type: ignore[arg-type]
        return interval_score(value, spec.target_low, spec.target_high, spec.bound_low, spec.bound_high), None  # type: ignore[arg-type]
    except ValueError:
        return None, INVALID_TARGET


def weighted_index(scores: Iterable[IndicatorScore]) -> tuple[float | None, float, str]:
    """(index or None, weight_coverage, status) over items that carry a positive weight."""
    total = present = weighted = 0.0
    for item in scores:
        if item.weight is None or item.weight <= 0:
            continue
        total += item.weight
        if item.score is not None:
            present += item.weight
            weighted += item.weight * item.score
    if total <= 0:
        return None, 0.0, STATUS_INSUFFICIENT
    coverage = present / total
    if coverage < MIN_WEIGHT_COVERAGE * (1 - _COVERAGE_TOLERANCE) or present <= 0:
        return None, coverage, STATUS_INSUFFICIENT
    # Clamp: rounding in Σwz/Σw must not leave 0..1.
    return min(max(weighted / present, 0.0), 1.0), coverage, STATUS_OK


def partial_index(scores: Iterable[IndicatorScore]) -> float | None:
    """Σ wᵢzᵢ / Σ wᵢ over the scored items with a positive weight, whatever their share of the
    weight; None when none is scored. Equal to ``weighted_index``'s value whenever that has one."""
    present = weighted = 0.0
    for item in scores:
        if item.weight is None or item.weight <= 0 or item.score is None:
            continue
        present += item.weight
        weighted += item.weight * item.score
    if present <= 0:
        return None
    return min(max(weighted / present, 0.0), 1.0)


def indicator_price_basis(indicator_id: str | None) -> str:
    """The price basis an indicator's values are at, read from its id: ``…_2000prices`` ->
    ``constant_2000``; any other id is at current prices (the bundle's naming contract)."""
    match = _PRICES_SUFFIX.search(indicator_id or "")
    return f"constant_{match.group(1)}" if match else CURRENT_PRICES


def measured_at_target_prices(spec: ItemSpec) -> bool:
    """True when the linked indicator is already at the target's constant-price basis."""
    return spec.constant_prices and indicator_price_basis(spec.indicator_id) == spec.price_basis.lower()


def default_price_factor(spec: ItemSpec) -> float | None:
    """1.0 when no conversion is needed (current prices, or indicator at the target's basis);
    None (not comparable) when a deflator would be needed and none is given."""
    return 1.0 if not spec.constant_prices or measured_at_target_prices(spec) else None


# --- assembling results ----------------------------------------------------------------------
def _score(spec: ItemSpec, value: float | None, year: int | None, price_factor: float | None, note: str | None) -> IndicatorScore:
    score, reason = score_item(spec, value, price_factor)
    return IndicatorScore(
        item_id=spec.item_id,
        value=value,
        year=year,
        target=spec.target,
        score=score,
        reason=reason,
        weight=spec.weight,
        domain_id=spec.domain_id,
        indicator_id=spec.indicator_id,
        price_factor=price_factor if spec.constant_prices else 1.0,
        note=note,
        spec=spec,
    )


def aggregate(framework: str, scores: Sequence[IndicatorScore], area_code: str | None = None, year: int | None = None) -> AttainmentResult:
    """Domain indices and the overall index from item scores (domains in first-seen order)."""
    by_domain: dict[str, list[IndicatorScore]] = {}
    for item in scores:
        by_domain.setdefault(item.domain_id, []).append(item)
    domains = []
    for domain_id, items in by_domain.items():
        value, coverage, status = weighted_index(items)
        spec = items[0].spec
        domains.append(DomainScore(
            domain_id=domain_id,
            name_en=spec.domain_en if spec else "",
            name_zh=spec.domain_zh if spec else "",
            score=value,
            weight_coverage=coverage,
            status=status,
            items=tuple(items),
            partial=partial_index(items),
        ))
    overall, coverage, status = weighted_index(scores)
    return AttainmentResult(framework, overall, tuple(domains), coverage, status, area_code, year,
                            partial=partial_index(scores))


def attainment_from_values(
    framework: str,
    items: Sequence[ItemSpec],
    values: Mapping[str, tuple[float | None, int | None]],
    price_factors: Mapping[str, float | None] | None = None,
) -> AttainmentResult:
    """Pure core: item specs + {item_id: (value, year)} (+ price factors) -> result."""
    price_factors = price_factors or {}
    scores = []
    for spec in items:
        value, year = values.get(spec.item_id, (None, None))
        factor = price_factors.get(spec.item_id, default_price_factor(spec))
        scores.append(_score(spec, to_float(value), year, factor, None))
    return aggregate(framework, scores)


def apply_overrides(items: Sequence[ItemSpec], overrides: Mapping[str, Mapping[str, Any]]) -> tuple[ItemSpec, ...]:
    """Specs with user-edited targets/weights (what-if). Unknown items or keys raise ValueError."""
    known = {spec.item_id for spec in items}
    for item_id, changes in overrides.items():
        if item_id not in known:
            raise ValueError(f"unknown item '{item_id}'")
        bad = set(changes) - set(OVERRIDABLE)
        if bad:
            raise ValueError(f"cannot override {', '.join(sorted(bad))} of '{item_id}'")
    result = []
    for spec in items:
        changes = dict(overrides.get(spec.item_id, {}))
        if "price_basis" in changes:
            changes["price_basis"] = to_str(changes["price_basis"]) or CURRENT_PRICES
        for key in OVERRIDABLE:
            if key in changes and key != "price_basis":
                changes[key] = to_float(changes[key])
        result.append(replace(spec, **changes))
    return tuple(result)


def what_if(result: AttainmentResult, overrides: Mapping[str, Mapping[str, Any]]) -> AttainmentResult:
    """Recompute a result with edited targets / weights / bounds, reusing its observed values.

    ``overrides = {"nbs2008_gdp_pc": {"target": 30000, "weight": 10}}``. Switching an item to
    ``price_basis="current"`` is an explicit user choice and is then compared in current prices;
    switching to another constant basis drops the old deflator factor (not comparable).
    """
    items = result.items
    specs = apply_overrides([item.spec for item in items if item.spec is not None], overrides)
    scores = []
    for item, spec in zip(items, specs):
        old = item.spec
        if not spec.constant_prices or measured_at_target_prices(spec):
            factor: float | None = 1.0
        elif old is not None and old.constant_prices and old.price_basis == spec.price_basis:
            factor = item.price_factor
        else:
            factor = None
        scores.append(_score(spec, item.value, item.year, factor, item.note))
    return aggregate(result.framework, scores, result.area_code, result.year)


# --- from the dataset and frameworks -----------------------------------------------------------
def _row_to_dict(row: Any) -> dict[str, Any]:
    if row is None:
        return {}
    if isinstance(row, pd.DataFrame):
        return row.iloc[0].to_dict() if len(row) else {}
    if isinstance(row, pd.Series):
        return row.to_dict()
    return dict(row)


def framework_items(frameworks: FrameworksLike, framework_id: str, area_code: str | None = None) -> tuple[ItemSpec, ...]:
    """The framework's items in ``order``, with the area's own targets applied where set."""
    frame = frameworks.items_for(framework_id)
    if "order" in frame.columns:
        frame = frame.sort_values("order", kind="stable")
    specs = []
    for _, row in frame.iterrows():
        merged = row.to_dict()
        if area_code is not None and hasattr(frameworks, "target_for"):
            try:
                merged.update(_row_to_dict(frameworks.target_for(framework_id, str(row["item_id"]), area_code)))
            except KeyError:
                pass  # no override machinery for this item: the national target stands
        specs.append(ItemSpec.from_row(merged))
    return tuple(specs)


def preset_items(frameworks: FrameworksLike, preset: str, area_code: str | None = None) -> tuple[ItemSpec, ...]:
    """The NBS 2008 / 2013 presets, built from the framework rows (weights, directions, targets)."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset '{preset}' (one of {', '.join(PRESETS)})")
    return framework_items(frameworks, preset, area_code)


def series_in_target_prices(dataset, spec: ItemSpec) -> bool:
    """True when the linked series is itself at the target's constant prices (indicators.csv
    ``price_basis``, e.g. gdp_pc_2000prices for a 2000-price target): compared as it is, factor 1."""
    lookup = getattr(dataset, "price_basis", None)
    if not spec.indicator_id or lookup is None:
        return False
    return lookup(spec.indicator_id) == spec.price_basis


def observed_value(dataset, spec: ItemSpec, area_code: str, year: int, max_lag: int = 0) -> tuple[float | None, int | None]:
    """The item's value for ``year``, or the newest within ``max_lag`` years before it."""
    if spec.indicator_id is None or not dataset.has_indicator(spec.indicator_id):
        return None, None
    points = [(y, v) for y, v in series_points(dataset, spec.indicator_id, area_code, spec.subgroup) if year - max_lag <= y <= year]
    if not points:
        return None, None
    y, v = points[-1]
    return v, y


def compute_attainment(
    dataset,
    frameworks: FrameworksLike,
    area_code: str,
    year: int,
    framework_id: str = "nbs2008",
    *,
    deflators: Sequence[PriceDeflator] = (),
    max_lag: int = 0,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> AttainmentResult:
    """Attainment of one area in one year under one framework (area-specific targets applied)."""
    specs = framework_items(frameworks, framework_id, area_code)
    if overrides:
        specs = apply_overrides(specs, overrides)
    by_basis = {d.price_basis: d for d in deflators}
    groups = split_by_indicator(dataset)  # filter the observation table once, not per item
    scores = []
    for spec in specs:
        narrow = restricted(dataset, groups, [spec.indicator_id or ""])
        value, value_year = observed_value(narrow, spec, area_code, year, max_lag)
        factor: float | None = 1.0
        note = None
        if spec.constant_prices and not (measured_at_target_prices(spec) or series_in_target_prices(dataset, spec)):
            deflator = by_basis.get(spec.price_basis)
            factor, note = deflator.factor(area_code, value_year) if deflator and value_year is not None else (None, None)
        scores.append(_score(spec, value, value_year, factor, note))
    return aggregate(framework_id, scores, area_code, year)

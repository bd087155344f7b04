"""How a progress row was judged, in words (gap panel, status grid tooltips, report CLI).

Rows are dashboard.analysis.report.mdg_rows rows: ``method`` is "target", "trend" or "none",
``rule`` the target kind (absolute / relative / band_low / band_high) or the trend rule
(halt_reverse / direction, from data/frameworks/assessment_rules.csv).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypeGuard

from dashboard.i18n import t
from dashboard.i18n.numbers import format_number, format_year


def _finite(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _num(value: Any, lang: str, decimals: int, unit: str | None = None) -> str:
    return format_number(value, lang, decimals, unit=unit or None) if _finite(value) else "—"


def _year(value: Any, lang: str) -> str:
    return format_year(int(value), lang) if _finite(value) else "—"


def method_text(row: Mapping[str, Any], info: Mapping[str, Any], lang: str, *, decimals: int = 1,
                unit: str | None = None) -> str:
    """One line: "trend: halted and reversing since the 2009 peak", "target: 60 % by 2020", …"""
    method, rule = row.get("method"), row.get("rule")
    target_year = _year(row.get("target_year"), lang)
    if method == "trend":
        lower_better = str(info.get("direction") or "") == "reverse"
        params = {"worst_year": _year(row.get("worst_year"), lang), "start": _year(row.get("trend_window_start"), lang),
                  "latest": _year(row.get("latest_year"), lang), "target_year": target_year}
        pace = row.get("trend_pace")
        if _finite(pace):
            raw = -pace if lower_better else pace   # the series' own direction, not the good one
            params["pace"] = format_number(abs(raw) * 100, lang, 1, unit="%")
            params["way"] = t("gaps.method.rising" if raw > 0 else "gaps.method.falling", lang)
        direction = row.get("trend_direction")
        if row.get("status") == "insufficient_data" or direction is None:
            return t(f"gaps.method.trend_{rule}", lang) + t("gaps.method.trend_unassessed", lang)
        worst = "peak" if lower_better else "low"
        key = {"improving": "improving", "flat": "flat", "worsening": "worsening"}[direction]
        if rule == "halt_reverse":
            if row.get("status") == "met":
                return t(f"gaps.method.halt_reverse.met_{worst}", lang, **params)
            return t(f"gaps.method.halt_reverse.{key}", lang, **params)
        return t(f"gaps.method.direction.{key}", lang, **params)
    if method == "target":
        target = _num(row.get("target"), lang, decimals, unit)
        if rule == "relative":
            change = info.get("relative_change")
            if not _finite(row.get("baseline_year")):
                return t("gaps.method.relative_no_baseline", lang, target_year=target_year,
                         change=format_number(abs(change) * 100, lang, 0, unit="%") if _finite(change) else "—",
                         framework_year=_year(row.get("framework_baseline_year"), lang))
            text = t("gaps.method.relative", lang, change=format_number(abs(change) * 100, lang, 0, unit="%")
                     if _finite(change) else "—", target=target, target_year=target_year,
                     baseline_year=_year(row.get("baseline_year"), lang))
            if row.get("prorated"):
                text += t("gaps.method.prorated", lang, framework_year=_year(row.get("framework_baseline_year"), lang))
            return text
        if rule in ("band_low", "band_high"):
            return t(f"gaps.method.{rule}", lang, low=_num(row.get("band_low"), lang, decimals),
                     high=_num(row.get("band_high"), lang, decimals), target=target, target_year=target_year)
        return t("gaps.method.absolute", lang, target=target, target_year=target_year)
    return t("gaps.method.none", lang)


def rule_note(frameworks: Any, row: Mapping[str, Any], lang: str) -> str | None:
    """The trend rule's own wording (assessment_rules.csv note), for a tooltip or footnote."""
    if row.get("method") != "trend" or not hasattr(frameworks, "rule_for"):
        return None
    rule = frameworks.rule_for(str(row.get("framework_id")), str(row.get("item_id")))
    note = rule.get(f"note_{lang}") if rule else None
    return str(note) if note else None

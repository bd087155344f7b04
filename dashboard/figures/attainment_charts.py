"""Pure builders for the attainment view: domain bars, indicator contributions, the what-if rows
and the method check against the NBS published figures. Every text comes worded in one language.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dashboard.analysis.attainment import (
    KIND_NONE, KIND_PARTIAL, KIND_STRICT, MIN_WEIGHT_COVERAGE, MODE_PARTIAL, MODE_STRICT, AttainmentResult,
    IndicatorScore, shown_result,
)
from dashboard.figures import theme
from dashboard.i18n import t
from dashboard.i18n.numbers import format_number, format_percent

EDITABLE = ("target", "target_low", "target_high", "bound_low", "bound_high", "weight")
SCORED = "#1d4ed8"
MISSING_WEIGHT = "#cbd2d9"
COVERAGE = "#94a3b8"


def item_name(item: IndicatorScore, lang: str) -> str:
    spec = item.spec
    return (spec.name_zh if lang == "zh" else spec.name_en) if spec else item.item_id


def reason_text(item: IndicatorScore, lang: str) -> str:
    """Why an item has no score, in words (empty when scored)."""
    if item.reason is None:
        return ""
    return t(f"attainment.reason.{item.reason}", lang)


def _number(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return format_number(value, lang, 2 if abs(value) < 100 else 0)


def shown_text(value: float | None, kind: str, coverage: float, lang: str) -> str:
    """'68.0%', 'partial 64.0% · measured: 52% of the weight' or 'insufficient data'."""
    if kind == KIND_STRICT:
        return format_percent(value, lang)
    if kind == KIND_PARTIAL:
        return t("attainment.chart.partial_short", lang, score=format_percent(value, lang),
                 coverage=format_percent(coverage, lang, 0))
    return t("attainment.chart.insufficient_short", lang)


def domain_bars(result: AttainmentResult, lang: str, title: str, mode: str = MODE_STRICT) -> go.Figure:
    """Per domain: weight with data (grey) and attainment (blue, only where the domain reaches
    80% of its own weight; in partial mode a lighter, hatched bar for a partial domain index).
    The text beside each bar says which, so colour is never alone."""
    domains = list(result.domains)[::-1]  # first domain on top
    names = [d.name_zh if lang == "zh" else d.name_en for d in domains]
    coverage = [round(d.weight_coverage * 100, 1) for d in domains]
    shown = [shown_result(result, d.domain_id, mode) for d in domains]
    scores = [round(s.value * 100, 1) if s.kind != KIND_NONE and s.value is not None else None for s in shown]
    score_text = [shown_text(s.value, s.kind, s.weight_coverage, lang) for s in shown]
    partial = [s.kind == KIND_PARTIAL for s in shown]
    fig = go.Figure([
        go.Bar(y=names, x=coverage, orientation="h", name=t("attainment.chart.coverage", lang),
               marker_color=COVERAGE, text=[format_percent(c / 100, lang, 0) for c in coverage],
               textposition="outside", cliponaxis=False,
               hovertemplate="%{y}<br>" + t("attainment.chart.coverage", lang) + ": %{text}<extra></extra>"),
        go.Bar(y=names, x=[s if s is not None else 0 for s in scores], orientation="h",
               name=t("attainment.chart.attainment", lang), text=score_text,
               marker=dict(color=[theme.PARTIAL_FILL if p else SCORED for p in partial],
                           pattern=dict(shape=["/" if p else "" for p in partial], fgcolor=theme.PARTIAL_HATCH,
                                        solidity=0.3)),
               textposition="outside", cliponaxis=False,
               hovertemplate="%{y}<br>" + t("attainment.chart.attainment", lang) + ": %{text}<extra></extra>"),
    ])
    fig.add_vline(x=MIN_WEIGHT_COVERAGE * 100, line_dash="dot", line_color=theme.MUTED,
                  annotation_text=t("attainment.chart.rule", lang), annotation_position="top")
    fig.update_layout(template=theme.TEMPLATE, barmode="group", title=title, height=max(260, 70 * len(domains) + 90),
                      xaxis=dict(range=[0, 118], ticksuffix="%", title=None),
                      yaxis=dict(title=None, automargin=True), margin=dict(l=8, r=16, t=56, b=40),
                      legend=dict(y=-0.12))
    return fig


def contribution_chart(result: AttainmentResult, lang: str, title: str) -> go.Figure:
    """Per item: its weight (light bar) and weight × score (dark bar); unscored items keep only
    the light bar, labelled with the reason in words, so the missing weight is visible."""
    items = [i for i in result.items if i.weight][::-1]  # first item on top
    names = [item_name(i, lang) for i in items]
    weights = [float(i.weight or 0.0) for i in items]  # or 0.0: never taken, items are the weighted ones
    earned = [float(i.weight or 0.0) * i.score if i.score is not None else 0.0 for i in items]
    labels = [format_percent(i.score, lang, 0) if i.score is not None
              else t(f"attainment.reason_short.{i.reason}", lang) for i in items]
    reasons = [reason_text(i, lang) or format_percent(i.score, lang) for i in items]
    fig = go.Figure([
        go.Bar(y=names, x=weights, orientation="h", name=t("attainment.chart.weight", lang),
               marker_color=MISSING_WEIGHT, hovertemplate="%{y}<br>" + t("attainment.chart.weight", lang)
               + ": %{x}<extra></extra>"),
        go.Bar(y=names, x=earned, orientation="h", name=t("attainment.chart.earned", lang), marker_color=SCORED,
               customdata=weights, hovertemplate="%{y}<br>" + t("attainment.chart.earned", lang)
               + ": %{x:.2f} / %{customdata}<extra></extra>"),
        go.Scatter(y=names, x=[w + 0.3 for w in weights], mode="text", text=labels, textposition="middle right",
                   customdata=reasons, hovertemplate="%{y}<br>%{customdata}<extra></extra>", showlegend=False,
                   textfont=dict(size=12, color=theme.MUTED)),
    ])
    top = max(weights, default=1.0)
    fig.update_layout(template=theme.TEMPLATE, barmode="overlay", title=title, height=max(300, 26 * len(items) + 120),
                      xaxis=dict(range=[0, top * 1.9], title=None),
                      yaxis=dict(title=None, automargin=True, tickfont=dict(size=12)),
                      margin=dict(l=8, r=16, t=56, b=40), legend=dict(y=-0.04, yanchor="top"), bargap=0.25)
    return fig


def item_rows(result: AttainmentResult, preset: AttainmentResult, lang: str) -> list[dict[str, Any]]:
    """What-if grid rows: the item as computed now, with `edited` naming the fields that differ
    from the preset (so the grid can mark them)."""
    base = {i.item_id: i.spec for i in preset.items}
    rows = []
    for item in result.items:
        spec = item.spec
        old = base.get(item.item_id)
        edited = [k for k in EDITABLE if spec is not None and old is not None and getattr(spec, k) != getattr(old, k)]
        domain = next(d for d in result.domains if d.domain_id == item.domain_id)
        rows.append({
            "item_id": item.item_id,
            "name": item_name(item, lang),
            "domain": domain.name_zh if lang == "zh" else domain.name_en,
            "direction": spec.direction if spec else "",
            "direction_text": t(f"terms.direction.{spec.direction}", lang) if spec and spec.direction in
            ("positive", "reverse", "interval") else "—",
            "value": item.value,
            "value_text": _number(item.value, lang),
            **{k: getattr(spec, k) if spec else None for k in EDITABLE},
            "score": round(item.score * 100, 1) if item.score is not None else None,
            "score_text": format_percent(item.score, lang) if item.score is not None else "—",
            "reason": reason_text(item, lang),
            "confidence": t(f"terms.confidence.{spec.confidence}", lang) if spec and spec.confidence else "",
            "edited": edited,
        })
    return rows


def unscored_summary(result: AttainmentResult, lang: str) -> list[tuple[str, str]]:
    """(item name, reason in words) for each weighted item without a score."""
    return [(item_name(i, lang), reason_text(i, lang)) for i in result.items if i.score is None and i.weight]


def coverage_sentence(result: AttainmentResult, lang: str, mode: str = MODE_STRICT) -> str:
    """The one line a presenter reads out: the index, the partial index with its measured weight
    share (partial mode), or why there is none."""
    scored = sum(1 for i in result.items if i.score is not None and i.weight)
    total = sum(1 for i in result.items if i.weight)
    params = dict(coverage=format_percent(result.weight_coverage, lang, 0), scored=scored, total=total,
                  threshold=format_percent(MIN_WEIGHT_COVERAGE, lang, 0))
    shown = shown_result(result, None, mode)
    if shown.kind == KIND_STRICT:
        return t("attainment.summary.ok", lang, score=format_percent(shown.value, lang), **params)
    if shown.kind == KIND_PARTIAL:
        return t("attainment.summary.partial", lang, score=format_percent(shown.value, lang), **params)
    return t("attainment.summary.insufficient", lang, **params)


CHECK_MEASURES = (("overall", ""), ("domain", "economic"))  # what the method check compares


def _price_text(item: IndicatorScore, lang: str) -> str:
    spec = item.spec
    if spec is None or not spec.constant_prices:
        return ""
    return t("attainment.check.price", lang, basis=spec.price_basis.removeprefix("constant_"))


def measured_text(items: Sequence[IndicatorScore], lang: str) -> str:
    """Which items were scored, each with its weight (and price basis): what our value rests on."""
    sep = "、" if lang == "zh" else "; "
    parts = []
    for item in items:
        if item.score is None or not item.weight:
            continue
        price = _price_text(item, lang)
        parts.append(t("attainment.check.measured_item", lang, name=item_name(item, lang),
                       weight=format_number(item.weight, lang, 0), score=format_percent(item.score, lang, 0))
                     + (f" ({price})" if price else ""))
    return sep.join(parts) if parts else t("attainment.check.measured_none", lang)


def _our_text(value: float | None, kind: str, coverage: float, published: float, lang: str) -> str:
    cover = format_percent(coverage, lang, 0)
    if kind == KIND_STRICT:
        assert value is not None  # a strict index always has its value
        diff = format_number(value * 100 - published, lang, 1)
        sign = "+" if value * 100 - published > 0 else ""
        return t("attainment.check.ours_ok_diff", lang, score=format_percent(value, lang), coverage=cover,
                 diff=f"{sign}{diff}")
    if kind == KIND_PARTIAL:
        return t("attainment.check.ours_partial", lang, score=format_percent(value, lang), coverage=cover)
    return t("attainment.check.ours_insufficient", lang, coverage=cover)


def _region_text(members: Sequence[str], ours: Mapping[tuple[str, int], AttainmentResult], year: int,
                 domain_id: str, lang: str) -> str:
    """Regions: NBS aggregates regional totals first; we hold none, so no regional value. As
    context only: how many of the region's provinces have an index, and their median."""
    values: list[float] = []
    for code in members:
        result = ours.get((code, year))
        if result is None:
            continue
        shown = shown_result(result, domain_id or None, MODE_STRICT)
        if shown.kind == KIND_STRICT and shown.value is not None:
            values.append(shown.value)
    if not values:
        return t("attainment.check.region_none", lang, total=len(members))
    values.sort()
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return t("attainment.check.region_context", lang, n=len(values), total=len(members),
             median=format_percent(median, lang))


def method_check_rows(published: Sequence[Mapping[str, Any]], ours: Mapping[tuple[str, int], AttainmentResult],
                      area_names: Mapping[str, str], lang: str,
                      region_members: Mapping[str, Sequence[str]] | None = None,
                      domain_names: Mapping[str, str] | None = None,
                      measures: Sequence[tuple[str, str]] = CHECK_MEASURES) -> list[dict[str, str]]:
    """One row per NBS 2008-scheme figure for the nation or a region (overall and economic
    domain): the published value with its release and source, our value computed the same way
    (untuned; strict where 80% of the weight is measured, else the partial index labelled so),
    what it rests on (items measured, weights, price basis) and what it lacks."""
    region_members = region_members or {}
    domain_names = domain_names or {}
    wanted = set(measures)
    rows = []
    for pub in published:
        if pub.get("scheme") != "nbs2008" or (pub.get("measure"), pub.get("domain_id") or "") not in wanted:
            continue
        code, year, domain_id = pub["area_code"], int(pub["year"]), pub.get("domain_id") or ""
        if (code, year) not in ours and code not in region_members:
            continue
        measure = domain_names.get(domain_id, domain_id) if domain_id else t("attainment.map.overall", lang)
        result = ours.get((code, year)) if code not in region_members else None
        kind = KIND_NONE
        if code in region_members:
            our_text = t("attainment.check.region_not_computed", lang)
            measured = _region_text(region_members[code], ours, year, domain_id, lang)
            lacking, names = "", ""
        elif result is None:
            our_text, measured, lacking, names = t("attainment.check.not_computed", lang), "", "", ""
        else:
            scope = result.domain(domain_id) if domain_id else None
            items = scope.items if scope is not None else result.items
            shown = shown_result(result, domain_id or None, MODE_PARTIAL)
            kind = shown.kind
            our_text = _our_text(shown.value, shown.kind, shown.weight_coverage, float(pub["value"]), lang)
            measured = measured_text(items, lang)
            missing = [i for i in items if i.score is None and i.weight]
            lacking = t("attainment.check.lacking", lang, n=len(missing), total=sum(1 for i in items if i.weight))
            names = ("、" if lang == "zh" else "; ").join(
                f"{item_name(i, lang)} ({t(f'attainment.reason_short.{i.reason}', lang)})" for i in missing)
        rows.append({
            "scope": area_names.get(code, code),
            "year": str(year),
            "measure": measure,
            "published": format_percent(float(pub["value"]) / 100, lang),
            "release": pub.get("release") or "",
            "source": pub.get("source") or "",
            "url": pub.get("url") or "",
            "confidence": t(f"attainment.published.confidence.{pub.get('confidence') or 'S'}", lang),
            "ours": our_text,
            "kind": kind,
            "measured": measured,
            "lacking": lacking,
            "lacking_names": names,
            "note": pub.get("note") or "",
        })
    return rows


def published_reference_rows(published: Sequence[Mapping[str, Any]], area_code: str, lang: str,
                             domain_names: Mapping[tuple[str, str], str] | None = None) -> list[dict[str, str]]:
    """The figures a province's (or the nation's) statistics bureau published, each with its
    scheme, release, page and confidence; grouped by scheme, oldest first. A table, never one
    colour scale: figures of different schemes are different indices."""
    domain_names = domain_names or {}
    rows = [p for p in published if p["area_code"] == area_code]
    rows.sort(key=lambda p: (p["scheme"], int(p["year"]), p["measure"] != "overall", p.get("domain_id") or ""))
    out = []
    for pub in rows:
        scheme, domain_id = pub["scheme"], pub.get("domain_id") or ""
        if pub["measure"] == "domain":
            framework = "nbs2013" if scheme.startswith("nbs2013") or scheme == "nbs2016_provincial" else "nbs2008"
            measure = domain_names.get((framework, domain_id)) or t(f"attainment.published.domain.{domain_id}", lang)
        else:
            measure = t(f"attainment.published.measure.{pub['measure']}", lang)
        value = format_percent(float(pub["value"]) / 100, lang)
        if pub["measure"] == "overall_lower_bound":
            value = t("attainment.published.at_least", lang, value=value)
        if scheme == "cass":
            value = format_number(float(pub["value"]), lang, 2)  # an index, not a percentage of targets
        out.append({
            "scheme_id": scheme,
            "scheme": t(f"attainment.published.scheme.{scheme}", lang),
            "year": str(pub["year"]),
            "measure": measure,
            "value": value,
            "source": pub.get("source") or "",
            "url": pub.get("url") or "",
            "confidence": t(f"attainment.published.confidence.{pub.get('confidence') or 'S'}", lang),
            "note": pub.get("note") or "",
        })
    return out

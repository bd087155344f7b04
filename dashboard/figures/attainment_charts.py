"""Pure builders for the attainment view: domain bars, indicator contributions, the what-if rows
and the method check against the NBS published figures. Every text comes worded in one language.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dashboard.analysis.attainment import MIN_WEIGHT_COVERAGE, STATUS_OK, AttainmentResult, IndicatorScore
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


def domain_bars(result: AttainmentResult, lang: str, title: str) -> go.Figure:
    """Per domain: weight with data (grey) and attainment (blue, only where the domain reaches
    80% of its own weight); the text beside each bar says which, so colour is never alone."""
    domains = list(result.domains)[::-1]  # first domain on top
    names = [d.name_zh if lang == "zh" else d.name_en for d in domains]
    coverage = [round(d.weight_coverage * 100, 1) for d in domains]
    scores = [round(d.score * 100, 1) if d.status == STATUS_OK and d.score is not None else None for d in domains]
    score_text = [format_percent(d.score, lang) if s is not None else t("attainment.chart.insufficient_short", lang)
                  for d, s in zip(domains, scores)]
    fig = go.Figure([
        go.Bar(y=names, x=coverage, orientation="h", name=t("attainment.chart.coverage", lang),
               marker_color=COVERAGE, text=[format_percent(c / 100, lang, 0) for c in coverage],
               textposition="outside", cliponaxis=False,
               hovertemplate="%{y}<br>" + t("attainment.chart.coverage", lang) + ": %{text}<extra></extra>"),
        go.Bar(y=names, x=[s if s is not None else 0 for s in scores], orientation="h",
               name=t("attainment.chart.attainment", lang), marker_color=SCORED, text=score_text,
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
    weights = [float(i.weight) for i in items]
    earned = [float(i.weight) * i.score if i.score is not None else 0.0 for i in items]
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


def coverage_sentence(result: AttainmentResult, lang: str) -> str:
    """The one line a presenter reads out: the index, or why there is none."""
    scored = sum(1 for i in result.items if i.score is not None and i.weight)
    total = sum(1 for i in result.items if i.weight)
    params = dict(coverage=format_percent(result.weight_coverage, lang, 0), scored=scored, total=total,
                  threshold=format_percent(MIN_WEIGHT_COVERAGE, lang, 0))
    if result.status == STATUS_OK and result.overall is not None:
        return t("attainment.summary.ok", lang, score=format_percent(result.overall, lang), **params)
    return t("attainment.summary.insufficient", lang, **params)


def method_check_rows(published: Sequence[Mapping[str, Any]], ours: Mapping[tuple[str, int], AttainmentResult],
                      area_names: Mapping[str, str], lang: str) -> list[dict[str, str]]:
    """One row per NBS published figure: the published value with its source, our value computed
    the same way (or 'insufficient data' with the weight coverage), and what our data lacks."""
    rows = []
    for pub in published:
        result = ours.get((pub["area_code"], pub["year"]))
        if result is None:
            our_text, lacking, names = t("attainment.check.not_computed", lang), "", ""
        else:
            if result.status == STATUS_OK and result.overall is not None:
                our_text = t("attainment.check.ours_ok", lang, score=format_percent(result.overall, lang),
                             coverage=format_percent(result.weight_coverage, lang, 0))
            else:
                our_text = t("attainment.check.ours_insufficient", lang,
                             coverage=format_percent(result.weight_coverage, lang, 0))
            missing = [item_name(i, lang) for i in result.items if i.score is None and i.weight]
            total = sum(1 for i in result.items if i.weight)
            lacking = t("attainment.check.lacking", lang, n=len(missing), total=total)
            names = ("、" if lang == "zh" else "; ").join(missing)
        rows.append({
            "scope": area_names.get(pub["area_code"], pub["area_code"]),
            "year": str(pub["year"]),
            "published": format_percent(pub["published_pct"] / 100, lang),
            "source": pub.get(f"source_title_{lang}") or pub.get("source_title_en") or "",
            "url": pub.get("source_url") or "",
            "ours": our_text,
            "lacking": lacking,
            "lacking_names": names,
            "note": pub.get(f"note_{lang}") or "",
        })
    return rows

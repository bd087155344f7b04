"""The selected province: name, programme role, value and rank for the year."""
from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.analysis.disparity import ranks
from dashboard.data.dataset import Dataset
from dashboard.figures.labels import flag_text, value_text
from dashboard.i18n import t
from dashboard.i18n.numbers import format_year


def area_card(dataset: Dataset, area_code: str | None, indicator_id: str, year: int | None,
              lang: str, pilots: list[str], study: list[str]) -> list:
    if area_code is None:
        return [html.H2(t("ui.card.none_title", lang), className="card-title"),
                html.P(t("ui.card.none_body", lang), className="card-body-text")]
    area = dataset.area(area_code)
    badges = []
    if area_code in pilots:
        badges.append(html.Span(t("terms.role.pilot", lang), className="badge role-pilot"))
    elif area_code in study:
        badges.append(html.Span(t("terms.role.study", lang), className="badge role-study"))
    if isinstance(area["region"], str):
        badges.append(html.Span(t(f"terms.region.{area['region']}", lang), className="badge region"))
    rows = dataset.values_for_year(indicator_id, year) if year is not None else pd.DataFrame()
    rows = rows[rows["area_code"].isin(dataset.province_codes())] if not rows.empty else rows
    own = rows[rows["area_code"] == area_code] if not rows.empty else rows
    if own.empty or year is None:
        figure = html.P(t("terms.no_data_for_year", lang, year=format_year(year, lang) if year else "—"),
                        className="card-value missing")
        rank = None
    else:
        value = float(own["value"].iloc[0])
        flag = flag_text(own["flag"].iloc[0], lang, own["source_id"].iloc[0], own.get("confidence", pd.Series([None])).iloc[0])
        figure = html.P([value_text(dataset, indicator_id, value, lang),
                         html.Span(f" {format_year(year, lang)}" + (f" · {flag}" if flag else ""), className="card-year")],
                        className="card-value")
        higher = dataset.indicator(indicator_id)["higher_is_better"]
        rank = None
        if higher in ("true", "false") and dataset.indicator(indicator_id)["kind"] == "numeric":
            ranked = ranks(rows.set_index("area_code")["value"], higher_is_better=higher == "true")
            rank = t("ui.card.rank", lang, rank=int(ranked[area_code]), n=len(ranked))
    return [
        html.H2(dataset.area_name(area_code, lang), className="card-title"),
        html.Div(badges, className="badges"),
        figure,
        html.P(rank, className="card-rank") if rank else None,
    ]

"""A plain, accessible HTML table: caption, column headers with scope, one row per record."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import html


def data_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> html.Table:  # cells: text, numbers or components
    return html.Table(className="table table-sm data-table", children=[
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
        html.Tbody([html.Tr([html.Th(row[0], scope="row"), *[html.Td(c) for c in row[1:]]]) for row in rows]),
    ])

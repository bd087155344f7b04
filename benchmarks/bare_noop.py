"""A bare Dash app with one no-op callback: the floor that `interactions.py` compares a year
change and a province click with (same gunicorn, same workers, same clients, same run).

    gunicorn -w 4 -b 127.0.0.1:8231 benchmarks.bare_noop:application
"""
from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

app = dash.Dash(__name__, serve_locally=True, compress=True, update_title=None)
app.layout = html.Div([dcc.Input(id="in", value=""), html.Div(id="out")])


@app.callback(Output("out", "children"), Input("in", "value"))
def echo(value):
    return value


application = app.server
# The request a browser sends when the input changes: replayed by interactions.py.
PAYLOAD = {"output": "out.children", "outputs": {"id": "out", "property": "children"},
           "inputs": [{"id": "in", "property": "value", "value": "x"}], "changedPropIds": ["in.value"],
           "parsedChangedPropsIds": ["in.value"], "state": []}

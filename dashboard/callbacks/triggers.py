"""What started a callback: one user action, or a (re)render of the view."""
from __future__ import annotations

from dash import ctx


def user_trigger():
    """The id of the one input a user changed, or None. When the router builds a view (or the
    language switch rebuilds it), Dash calls its callbacks with every input of the new layout
    marked as changed: their values are the layout's defaults, not choices, and must never be
    written back into the URL (that is how a language switch used to drop `fw` and `pilots`)."""
    return ctx.triggered_id if len(ctx.triggered_prop_ids) == 1 else None

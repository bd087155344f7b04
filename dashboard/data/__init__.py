"""The data layer: pandas only, no Dash. Load, validate, match names, query, import."""

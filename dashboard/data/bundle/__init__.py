"""Bundle modules: each turns one family of reference files into rows of our own schema.

Every module in this package exposes
    SOURCES: list[dict]      rows for sources.csv (columns of schema.SOURCES)
    INDICATORS: list[dict]   rows for indicators.csv (columns of schema.INDICATORS)
    def observations(reference_dir: Path, matcher: AreaMatcher) -> pd.DataFrame
                             rows for observations.csv (columns of schema.OBSERVATIONS)
and optionally
    AMENDMENTS: list[dict]   {indicator_id, definition_zh, definition_en, price_basis} for ids
                             defined by another module that this one extends (text appended)
and is found by `build.py` without being listed anywhere, so modules never collide.
"""

"""Pure figure builders: tables in, go.Figure out. No callbacks, no Dash."""

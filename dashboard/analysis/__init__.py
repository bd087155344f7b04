"""Pure analysis functions (attainment, MDG progress, disparity, report). No Dash, no plotly.

Every function takes the immutable Dataset / Frameworks (or plain numbers) and returns new
typed values; nothing here keeps state between calls.
"""

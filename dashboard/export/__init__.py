"""Exports of a view: data as CSV/XLSX, charts as images, storyboards, and PowerPoint decks.

No Dash here: these are pure functions from frames, figures and slides to bytes, so the
callbacks stay thin and everything can be tested without a browser session.
"""

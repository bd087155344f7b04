"""Xiaokang provincial dashboard: province map, trends, MDG gaps and attainment."""

"""Importers: NBS data.stats.gov.cn exports and our own template, into the tidy schema."""

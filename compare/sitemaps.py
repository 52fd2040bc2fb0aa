"""Sitemaps: tools, categories and, per tool, its comparisons within its category."""

SITEMAPS = {}

"""The ship/skip vocabulary and every number built from it, for the panel and the community.

Plain Python (no models, no queries, no imports of the project's apps), so
that every app, page, email and export calls the same rule: the panel's and
the community's ship share, the verdict and its label, average scores,
rounding, the early flag, the Wilson band and the one ranking order.
"""

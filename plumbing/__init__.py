"""The web plumbing every app shares: the ground floor, importing no app of the project.

Page metadata, JSON-LD helpers, the compare-URL rule, cache headers for
per-visitor responses, rate limits and the client's address, what readers may
see (published) and who may preview drafts, and the Editors group's
permissions. See docs/architecture.md for the layers.
"""

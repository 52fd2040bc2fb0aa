"""No models. Django sends post_migrate only to apps with a models module, and
plumbing's handler (apps.py) keeps the Editors group's permissions."""

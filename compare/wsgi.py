"""WSGI entry point for production servers (e.g. gunicorn compare.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compare.settings")

application = get_wsgi_application()

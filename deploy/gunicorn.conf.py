"""gunicorn, the production WSGI server: `gunicorn -c deploy/gunicorn.conf.py compare.wsgi`.

Every value can be set from the environment, so one file serves a laptop
(`make serve`), a container and a host behind nginx (docs/deploy.md).
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")

# Sync workers: nginx buffers slow clients, so a worker only ever waits on
# PostgreSQL or Redis. The classic twice the cores plus one keeps the cores busy while
# some wait; WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"

# A request longer than this is killed; email never runs in a request (the
# task worker sends it), so 30 s is far above any page.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then, staggered, so slow growth never adds up.
max_requests = 2000
max_requests_jitter = 200

# Load the project once, then fork: workers start fast and share memory.
preload_app = True

# Proxy headers are trusted from these addresses only (nginx on the same host).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") == "1" else None
errorlog = "-"
# gunicorn says nothing about itself in responses.
proc_name = "verdicts"

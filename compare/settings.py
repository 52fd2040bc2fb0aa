"""
Settings for the AI tool comparison site.

Every deployment-specific value comes from the environment; the defaults are
safe for development only. README.md lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def email_url_mailer(url: str) -> dict:
    """A MAILERS entry: the console without EMAIL_URL (or with console:), else SMTP from
    smtp://user:pass@host:port."""
    if not url or url == "console:":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ImproperlyConfigured(
            "EMAIL_URL must look like smtp://user:password@host:port (or be console:)"
        )
    query = parse_qs(parts.query)
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if parts.scheme == "smtps" else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": query.get("tls", ["0"])[0] == "1",
            "use_ssl": parts.scheme == "smtps" or query.get("ssl", ["0"])[0] == "1",
            "timeout": 30,
        },
    }


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "django_http_compression",
    # The record of every change to a panel take (reviews.models.PanelReview.history).
    "simple_history",
    "compare",
    "tools",
    "reviews",
    "votes",
    "reports",
    "newsletter",
    # Last, so that its post_migrate runs once every app's permissions exist.
    "plumbing",
]

MIDDLEWARE = [
    # Public pages answered from the cache, complete with every header and
    # compressed, before the rest of the stack runs (plumbing/pagecache.py).
    "plumbing.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages and islands compressed (zstd, brotli or gzip, as the client
    # accepts), with a random-length padding header against BREACH on every
    # compressed response, since islands carry a CSRF token.
    "django_http_compression.middleware.HttpCompressionMiddleware",
    # ETags for every response (on the uncompressed body, made weak by the
    # compression above), and 304 to a conditional GET that matches.
    "django.middleware.http.ConditionalGetMiddleware",
    "plumbing.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "plumbing.middleware.RefuseNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Lets a take's history record the editor who changed it in the admin.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "compare.urls"
WSGI_APPLICATION = "compare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "compare.context_processors.site",
            ],
        },
    },
]

# SQLite is only the embedded default so the first command needs nothing
# installed; production and CI use PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

SITE_NAME = os.environ.get("SITE_NAME", "AI Tool Verdicts")

# Writes by readers (votes, picks, bookmarks) per client IP and per visitor in
# each window of seconds. Behind a proxy, name the header that carries the
# client's address and how many proxies append to it.
VOTE_RATE_LIMITS = {
    "window": int(os.environ.get("VOTE_RATE_WINDOW", "600")),
    "ip": int(os.environ.get("VOTE_RATE_PER_IP", "300")),
    "visitor": int(os.environ.get("VOTE_RATE_PER_VISITOR", "60")),
}
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public pages come from the cache (plumbing/pagecache.py): an editor's change
# shows at once; community numbers on a page lag at most PAGE_CACHE_SECONDS.
# Browsers and CDNs may keep a page that long, and serve it stale for
# PAGE_STALE_SECONDS more while they fetch a fresh one.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_STALE_SECONDS = int(os.environ.get("PAGE_STALE_SECONDS", "300"))
# Besides staff (the session cookie: drafts), readers with one of these cookies
# get pages rendered for them: voters (votes/visitors.py), to see their vote.
PAGE_CACHE_PERSONAL_COOKIES = ["visitor"]
# Rendered fragments ({% cache %} in templates) are keyed by what they show
# (Tool.fragment_version, the catalog version), so they never go stale; this
# only bounds how long an unused one stays in the cache.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "86400"))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "plumbing.caching.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page parts that are the same on every page (header, footer), in each
# process: they change only with a deploy, which starts new processes.
CACHES["chrome"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "chrome",
}

# Editors' logins: django-axes locks an account from one address out for an
# hour after five wrong passwords, and logs every attempt.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "plumbing.ratelimit.client_ip"
# The admin's address; another path keeps it out of the way of scanners.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Tool logos uploaded by editors. Django serves them only while developing;
# in production point a web server or object store at MEDIA_ROOT.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed, content-hashed names in production; plain files while
        # developing so `make run` needs no collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Email goes through Django's mailers; the console backend prints messages in
# the terminal that runs the development server.
MAILERS = {"default": email_url_mailer(os.environ.get("EMAIL_URL", ""))}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Weekly AI Tool Verdicts <verdicts@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
NEWSLETTER_REPLY_TO = os.environ.get("NEWSLETTER_REPLY_TO", "verdicts@localhost")
# Where readers report a mistake in a take or a number (the how-we-review page).
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "verdicts@localhost")
# The absolute base of links in emails (pages use the request's own host).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Sign-ups per client address per hour, and the least time between two
# confirmation emails to one address (signing up again re-sends).
NEWSLETTER_SIGNUPS_PER_IP = int(os.environ.get("NEWSLETTER_SIGNUPS_PER_IP", "10"))
NEWSLETTER_RESEND_SECONDS = int(os.environ.get("NEWSLETTER_RESEND_SECONDS", "3600"))
# Readers' reports of a wrong listing, per client address per hour.
REPORTS_PER_IP = int(os.environ.get("REPORTS_PER_IP", "10"))
# A confirmation email the mail server puts off (4xx, no connection) is tried
# again on the worker this many times in all, the pause doubling each time.
CONFIRMATION_SEND_ATTEMPTS = int(os.environ.get("CONFIRMATION_SEND_ATTEMPTS", "8"))
CONFIRMATION_RETRY_SECONDS = float(os.environ.get("CONFIRMATION_RETRY_SECONDS", "60"))

# A copy of the digest the mail server puts off ("try later", or a dropped
# connection) is tried again this many times in the run, after pauses of
# DIGEST_RETRY_SECONDS, then twice that, and so on; then it waits for the next run.
DIGEST_RETRY_ROUNDS = int(os.environ.get("DIGEST_RETRY_ROUNDS", "3"))
DIGEST_RETRY_SECONDS = float(os.environ.get("DIGEST_RETRY_SECONDS", "30"))
# How long a run's hold on an issue's send lasts without renewal. A run renews
# every third of it, so it must well exceed one SMTP answer (the mailer's 30 s
# timeout); a crashed run's copies are taken over once it has run out.
DIGEST_LEASE_SECONDS = float(os.environ.get("DIGEST_LEASE_SECONDS", "300"))

# Every rate-limited action (plumbing/ratelimit.py): hits per client address
# and per visitor in a window of seconds.
RATE_LIMITS = {
    "vote": VOTE_RATE_LIMITS,
    "pick": VOTE_RATE_LIMITS,
    "bookmark": VOTE_RATE_LIMITS,
    # Votes on one tool from one address by browsers without a visitor cookie.
    "vote-new-visitor": {
        "window": 60 * 60 * 24,
        "ip": int(os.environ.get("NEW_VISITOR_VOTES_PER_TOOL_PER_DAY", "20")),
    },
    "newsletter-sign-up": {"window": 60 * 60, "ip": NEWSLETTER_SIGNUPS_PER_IP},
    "report": {"window": 60 * 60, "ip": REPORTS_PER_IP},
    # The JSON verdicts and llms.txt (plumbing/api.py): renderings per client address;
    # answers from the page cache are not counted (they cost no query).
    "machine-read": {
        "window": int(os.environ.get("MACHINE_READ_RATE_WINDOW", "60")),
        "ip": int(os.environ.get("MACHINE_READ_RATE_PER_IP", "120")),
    },
}

# Email goes out from tasks (newsletter/tasks.py). The immediate backend runs
# them in place; production sets TASKS_BACKEND=django_tasks_db.DatabaseBackend,
# a queue in PostgreSQL that `manage.py db_worker` works through
# (docs/operations.md).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Every page is born compliant: no inline scripts, no style attributes, no
# third-party origins.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Features no page uses, switched off for the page and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Only a proxy that sets X-Forwarded-Proto itself may be believed about it.
if env_bool("PROXY_SETS_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # A year of HTTPS only, subdomains included; preloading is opt-in because
    # leaving the browsers' preload list takes months.
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # W021 asks for preload; it is a one-way door the operator opens on purpose.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if not os.environ.get("EMAIL_URL"):
        raise ImproperlyConfigured(
            "EMAIL_URL must be set when DEBUG is off (e.g. smtp://user:password@host:587?tls=1): "
            "without it confirmation and digest emails would only be printed. "
            "EMAIL_URL=console: prints them on purpose (make serve)."
        )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

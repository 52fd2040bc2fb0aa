# The README's two commands: `make run` and `make test`. Everything they need is
# set up here, so a fresh clone needs nothing but Python >= 3.12 (and, for the
# browser tests, Debian's chromium, which `make test` installs when it can).

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The page checkers the tests run (Nu HTML checker, axe-core, Lighthouse) come from npm.
NODE_STAMP := node_modules/.installed
HOST_PORT ?= 127.0.0.1:8000

# Django 6.1 needs Python >= 3.12. Take the first interpreter that really runs
# (pyenv shims exist for versions that are not selected) and is new enough.
PYTHON_CANDIDATES := python3.13 python3.12 python3 \
	$(wildcard $(PYENV_ROOT)/versions/3.13*/bin/python3) \
	$(wildcard $(PYENV_ROOT)/versions/3.12*/bin/python3)
BASE_PYTHON ?= $(firstword $(foreach p,$(PYTHON_CANDIDATES),$(shell $(p) -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && echo $(p))))

.PHONY: run serve test venv chromium lint format bench clean

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo ""
	@echo "  Site:   http://$(HOST_PORT)/"
	@echo "  Admin:  http://$(HOST_PORT)/admin/"
	@echo "  Editor login: $(PY) manage.py create_editor <username>"
	@echo "  Email (sign-up links, the digest) goes out from the task worker started"
	@echo "  beside the server, and is printed here."
	@echo ""
	@export TASKS_BACKEND="$${TASKS_BACKEND:-django_tasks_db.DatabaseBackend}" \
		SITE_URL="$${SITE_URL:-http://$(HOST_PORT)}"; \
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST_PORT)

# The production stack on this machine: DEBUG off, hashed compressed static
# files, gunicorn (deploy/gunicorn.conf.py) and the task worker. Uses
# DATABASE_URL and REDIS_URL when set (SQLite and local memory otherwise);
# a throwaway SECRET_KEY unless one is set; email printed unless EMAIL_URL;
# links in emails on http://HOST_PORT unless SITE_URL is set.
SERVE_ENV = DEBUG=false SECURE_SSL_REDIRECT=false \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	EMAIL_URL="$${EMAIL_URL:-console:}" \
	TASKS_BACKEND="$${TASKS_BACKEND:-django_tasks_db.DatabaseBackend}" \
	SITE_URL="$${SITE_URL:-http://$(HOST_PORT)}"

serve: $(STAMP)
	@export $(SERVE_ENV); \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_demo && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	echo "" && echo "  Production stack: http://$(HOST_PORT)/ (gunicorn + task worker)" && echo "" && \
	{ $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	BIND=$(HOST_PORT) $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py compare.wsgi; }

test: $(STAMP) chromium $(NODE_STAMP)
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

venv: $(STAMP)

$(STAMP): pyproject.toml
	@if [ -z "$(BASE_PYTHON)" ]; then \
		echo "error: Python 3.12 or newer is needed (Django 6.1). Install python3.12 or python3.13 (e.g. 'pyenv install 3.13') and run make again." >&2; \
		exit 1; \
	fi
	@if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV) && $(BASE_PYTHON) -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { \
		echo "error: the page checks need Node.js and npm (and Java for the HTML checker)." >&2; \
		echo "       Install them with: sudo apt-get install nodejs npm default-jre-headless" >&2; \
		exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

# The production stack under HTTP load (wrk), demo catalog vs 10,000 tools, in
# one run: prints a table and the ratios, writes bench/results.json (bench/README.md).
bench: $(STAMP)
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; \
		else echo "error: make bench needs wrk: sudo apt-get install wrk" >&2; exit 1; fi; }
	$(PY) bench/load.py

# Browser tests drive Debian's chromium; they never skip, so it must be here.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's chromium for the browser tests..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "error: the browser tests need Debian's chromium at /usr/bin/chromium." >&2; \
			echo "       Install it with: sudo apt-get install chromium" >&2; \
			exit 1; \
		fi; \
	fi

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles

# The two commands that matter: `make run` (demo site) and `make test` (every check).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The local PostgreSQL the tests use unless DATABASE_URL names another.
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/filmarchive
# The large archive `make bench` measures (built by `manage.py generate_archive`).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/fa_bench
DEV_ENV := DJANGO_DEBUG=true

.PHONY: help install run test test-quick test-sqlite test-postgres checks lint format serve bench lighthouse clean

help:
	@echo "make run     set up and serve the demo archive on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test    lint, checks and every test on SQLite and PostgreSQL"
	@echo "make test-quick   the tests but the slow ones, on SQLite (while working)"
	@echo "make serve   production-like: gunicorn, debug off, compressed hashed static files"
	@echo "make bench   serve as in production and measure every page type (docs/performance.md)"
	@echo "make lighthouse   Lighthouse's four scores on five page types of the demo archive (docs/accessibility.md)"
	@echo "make lint / make format"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@python=$$(scripts/find-python) || exit 1; \
	  [ -x $(PY) ] || { echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# axe-core for the accessibility tests (reviews/tests/browser.py injects it) and the Nu Html Checker
# (vnu-jar, run on the machine's Java by reviews/tests/test_html_validity.py); package-lock.json pins
# both. No install scripts: vnu-jar's would download a Java runtime when the machine has none.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 (apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed

run: install
	$(DEV_ENV) $(MANAGE) migrate --no-input
	$(DEV_ENV) $(MANAGE) load_demo
	$(DEV_ENV) $(MANAGE) export_public_data --site-url http://$(HOST):$(PORT) --no-progress
	$(DEV_ENV) $(MANAGE) create_editor --site-root http://$(HOST):$(PORT)
	$(DEV_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: install checks test-sqlite test-postgres

# While working: no slow tests (pytest -m slow lists them), SQLite only. `make test` runs everything.
test-quick: install
	env -u DATABASE_URL $(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

checks:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run
	@# Production settings: debug off, a real-looking secret and host. Must report nothing.
	DJANGO_DEBUG=false DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  DJANGO_ALLOWED_HOSTS=films.example.org $(MANAGE) check --deploy --fail-level WARNING

test-sqlite: install
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

# filmarchive/testing.py exits with 75 when the server does not answer.
test-postgres: install
	@echo "== tests on PostgreSQL =="
	@url="$${DATABASE_URL:-$(TEST_POSTGRES_URL)}"; \
	DATABASE_URL="$$url" $(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 75 ] && [ "$${CI:-}" != "true" ]; then \
	  echo "########################################################################"; \
	  echo "## WARNING: the PostgreSQL half of the suite DID NOT RUN (see above)."; \
	  echo "## Start PostgreSQL or set DATABASE_URL, then run 'make test-postgres'."; \
	  echo "## In CI (CI=true) this is a failure."; \
	  echo "########################################################################"; \
	  exit 0; \
	fi; exit $$status

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

serve: install
	@mkdir -p var
	@[ -s var/secret-key ] || $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret-key
	DJANGO_SECRET_KEY="$$(cat var/secret-key)" DJANGO_ALLOWED_HOSTS=$(HOST),localhost \
	  DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_HSTS_SECONDS=0 \
	  bash -c '$(MANAGE) migrate --no-input && $(MANAGE) collectstatic --no-input -v0 && \
	  exec $(VENV)/bin/gunicorn filmarchive.wsgi --bind $(HOST):$(PORT) --workers 3 --access-logfile -'

# gunicorn, debug off, collectstatic, PostgreSQL; pages measured with wrk at concurrency 16.
bench: install
	BENCH_DATABASE_URL="$(BENCH_DATABASE_URL)" $(PY) scripts/bench.py $(BENCH_ARGS)

# The demo archive served as `make serve` does; Lighthouse (npx, pinned in the script) in Debian's Chromium.
lighthouse: install
	$(PY) scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache

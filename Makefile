# The README's two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Packages are installed by uv (installed by pip in the virtualenv first): the same pinned
# versions (constraints.txt) as pip would install, in seconds rather than a minute and a half.
# UV_NATIVE_TLS: the machine's certificate store, as pip uses it.
UV := UV_NATIVE_TLS=1 $(BIN)/uv pip install --quiet --python $(BIN)/python -c constraints.txt
HOST ?= 127.0.0.1:8000

.PHONY: run test test-elasticsearch messages install install-test constraints screenshots lint \
	clean-db services elasticsearch elasticsearch-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt uv

install: $(BIN)/uv
	$(UV) -e .

install-test: $(BIN)/uv
	$(UV) -e ".[test]"
	@# The compiled catalogues, which the system checks require (core.E002: manage.py check)
	$(BIN)/python manage.py compile_translations
	@# axe-core for the browser tests (skipped, with the reason, when npm or Chromium is absent)
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; fi

## constraints.txt from the virtualenv, once the tests pass with it: every installed version
## pinned, but the project (editable) and pip's own tools. CI fails when they differ
## (.ci/constraints.py check, in .ci/run).
constraints: $(BIN)/python
	$(BIN)/python .ci/constraints.py write

## Install, migrate, load the demo guide, build the search index and serve the site.
run: install
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_guide
	$(BIN)/python manage.py update_index
	$(BIN)/python manage.py ensure_dev_admin --base-url http://$(HOST)
	$(BIN)/python manage.py runserver $(HOST)

## Install and run the test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL).
test: install-test
	$(BIN)/pytest

## PostgreSQL (trust on 127.0.0.1, database `test`) and Redis for the PostgreSQL run of the
## tests, installed from Debian's packages when absent and started (what .ci/run does first).
services:
	bash .ci/services

## A real Elasticsearch node (7.10.2, built by Maven from Maven Central; Java 17) on
## 127.0.0.1:9200 in the background, for development and CI: tools/elasticsearch/node.
elasticsearch:
	tools/elasticsearch/node start

elasticsearch-stop:
	tools/elasticsearch/node stop

## The live Elasticsearch tests only (README: « Elasticsearch »), against ELASTICSEARCH_URL
## (the node of `make elasticsearch` by default), with the client of the server's major
## version, ELASTICSEARCH_VERSION: 7 (that node) in a virtualenv of its own, .venv-es7, where
## the client 7.13 replaces the project's 9.x (which refuses a 7.x server); 9 in .venv.
## elastic-transport (client 9's transport) stays installed there: the fake server of the
## suite's other tests (tests/support/elasticsearch_fake.py), imported at collection, uses it.
## A skipped test fails the run (TESTS_FAIL_ON_SKIP).
ELASTICSEARCH_URL ?= http://127.0.0.1:9200
ELASTICSEARCH_VERSION ?= 7
ES7_VENV := .venv-es7
ES7_CLIENT := elasticsearch==7.13.4 urllib3==1.26.20
$(ES7_VENV)/bin/uv:
	$(PYTHON) -m venv $(ES7_VENV)
	$(ES7_VENV)/bin/pip install --quiet --disable-pip-version-check -c constraints.txt uv

test-elasticsearch: install-test $(ES7_VENV)/bin/uv
	@set -e; if [ "$(ELASTICSEARCH_VERSION)" = 7 ]; then \
		grep -v -E '^(elasticsearch|urllib3)==' constraints.txt >$(ES7_VENV)/constraints.txt; \
		printf '%s\n' $(ES7_CLIENT) >$(ES7_VENV)/client.txt; \
		UV_NATIVE_TLS=1 $(ES7_VENV)/bin/uv pip install --quiet --python $(ES7_VENV)/bin/python \
			-c $(ES7_VENV)/constraints.txt --override $(ES7_VENV)/client.txt -e ".[test]" \
			elastic-transport; \
		pytest=$(ES7_VENV)/bin/pytest; \
	else pytest=$(BIN)/pytest; fi; \
	ELASTICSEARCH_URL=$(ELASTICSEARCH_URL) ELASTICSEARCH_VERSION=$(ELASTICSEARCH_VERSION) \
		ELASTICSEARCH_REPLICAS=$${ELASTICSEARCH_REPLICAS:-0} TESTS_FAIL_ON_SKIP=1 \
		$$pytest -m elasticsearch -ra

## Update the French and English catalogues from the code (needs GNU gettext), French strings
## copied as their own translation, then compile. CI runs it and fails when the committed
## catalogues differ or leave a string untranslated (see .ci/run).
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore='docs/*' \
	--ignore='benchmarks/*' --ignore='tests/*' --ignore='static/*' --ignore='media/*'
messages: $(BIN)/python
	$(BIN)/python manage.py makemessages -l fr -l en --no-obsolete --add-location=file \
		$(MAKEMESSAGES_IGNORE)
	$(BIN)/python manage.py compile_translations --fill-source fr --force

## Browser tests only, saving the screenshots of docs/screenshots/.
screenshots: install-test
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/pytest tests/browser -q

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean-db:
	rm -f db.sqlite3

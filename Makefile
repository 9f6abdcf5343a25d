# reportgen: `make build` builds the sample reports, `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_LINE := apt-get install -y fonts-liberation2 fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils

.PHONY: build test venv test-deps check-system clean

$(BIN)/reportgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

venv: $(BIN)/reportgen

check-system: venv
	@$(BIN)/python -m reportgen.run.system || { echo "Install the missing system packages with:"; echo "  sudo $(APT_LINE)"; exit 1; }

build: venv check-system
	$(BIN)/reportgen build

$(VENV)/.test-deps: pyproject.toml $(BIN)/reportgen
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

test: $(VENV)/.test-deps check-system
	$(BIN)/python -m pytest

clean:
	rm -rf build $(VENV)

# reportgen: `make build` builds the sample reports, `make test` runs the whole test suite.
# Both first check the system packages (reportgen/run/system.py, system Python, stdlib only) and
# install the missing ones with apt-get when they can: as root, or through passwordless sudo.
# Otherwise they print the one line to run and stop.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_CHECK := $(PYTHON) reportgen/run/system.py
APT_INSTALL := apt-get install -y -qq --no-install-recommends

.PHONY: build test venv test-deps check-system clean

# Order-only on check-system: creating the venv needs python3-venv on Debian's own Python.
$(BIN)/reportgen: pyproject.toml | check-system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

venv: $(BIN)/reportgen

check-system:
	@missing="$$($(SYSTEM_CHECK) --packages)" && exit 0; \
	if [ -z "$$missing" ]; then echo "check-system: $(SYSTEM_CHECK) failed" >&2; exit 1; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "Missing system packages (Debian names): $$missing" >&2; exit 1; fi; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	line="$${sudo:+sudo }apt-get update && $${sudo:+sudo }apt-get install -y $$missing"; \
	if [ -n "$$sudo" ] && ! { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; then \
	  echo "Install the missing system packages with:  $$line" >&2; exit 1; fi; \
	echo "Installing missing system packages: $$missing"; \
	if $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
	   && $$sudo env DEBIAN_FRONTEND=noninteractive $(APT_INSTALL) $$missing \
	   && still="$$($(SYSTEM_CHECK) --packages)"; then exit 0; fi; \
	echo "Could not install them all (still missing: $${still:-$$missing}); run:  $$line" >&2; \
	exit 1

build: check-system venv
	$(BIN)/reportgen build

$(VENV)/.test-deps: pyproject.toml $(BIN)/reportgen
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

test: check-system $(VENV)/.test-deps
	$(BIN)/python -m pytest

clean:
	rm -rf build $(VENV)

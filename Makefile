# Every target installs what it needs into .venv first (one `pip install -e ".[dev]"`).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ARGS   ?=
# Compiled XLA executables are kept on disk between runs (JAX's persistent compilation
# cache, keyed by the program, backend, flags and JAX version): a re-run compiles only what
# changed. Set JAX_COMPILATION_CACHE_DIR= (empty) to turn it off.
export JAX_COMPILATION_CACHE_DIR ?= $(CURDIR)/.cache/jax
# Tests run on two worker processes (pytest-xdist); a claim and its controls stay together.
TESTARGS ?= -n 2 --dist loadgroup

.PHONY: install verify quick test figures report audit bench bench-adaptive lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

verify: $(STAMP)  ## re-run every claim at full size; results/, figures/, report/
	$(BIN)/theorytest verify --report report $(ARGS)
	$(BIN)/theorytest report --readme README.md

quick: $(STAMP)  ## every claim at the quick size used by the tests
	$(BIN)/theorytest verify --quick $(ARGS)

test: $(STAMP)  ## engine, problems and every claim (quick size) as tests
	$(BIN)/python -m pytest $(TESTARGS) $(ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest ran no tests: that is a failure" >&2; exit 1; fi; \
	exit $$status

figures: $(STAMP)  ## redraw every figure from saved results (no re-run), PDF and PNG
	$(BIN)/theorytest export --all --format pdf
	$(BIN)/theorytest export --all --format png

report: $(STAMP)  ## the verdict report page from saved results
	$(BIN)/theorytest report --readme README.md

audit: $(STAMP)  ## re-run every claim with 5 independent seed sets (quick size); flip rates
	$(BIN)/theorytest audit --reseed 5 --quick $(ARGS)

bench: $(STAMP)  ## speed and memory against plain loops, ratios from one run
	$(BIN)/python -m bench $(ARGS)

bench-adaptive: $(STAMP)  ## --adaptive against the fixed budget on every claim: verdicts, work saved
	$(BIN)/python -m bench.adaptive --quick $(ARGS)

lint: $(STAMP)  ## ruff lint and format check (CI runs it)
	$(BIN)/ruff check theorytest problems claims tests bench conftest.py
	$(BIN)/ruff format --check theorytest problems claims tests bench conftest.py

clean:
	rm -rf results report .pytest_cache .cache

# reporter: the two set-up commands are `make report` and `make test` (see README.md).
# Both create the virtual environment and install what they need, OS packages included, on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= reports

# Shared libraries WeasyPrint loads, and the tools the tests use (pdftoppm, qpdf, headless Chromium).
OS_LIBS  := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core
OS_TOOLS := poppler-utils chromium

.PHONY: report test check lint types eval bench clean os-deps os-test-deps install bytecode

report: $(STAMP) bytecode
	$(BIN)/reporter report examples/belgorod --out $(OUT)
	@echo "Open $(OUT)/belgorod/report.html (PDF: $(OUT)/belgorod/report.pdf)"

test: $(STAMP) os-test-deps
	$(BIN)/python -m pytest -q

check: lint types test

lint: $(STAMP)
	$(BIN)/ruff check reporter evaluation tests
	$(BIN)/ruff format --check reporter evaluation tests

types: $(STAMP)
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python -m evaluation --out eval-results/scores.json

bench: $(STAMP) bytecode
	$(BIN)/python -m benchmarks --out bench-results/bench.json

install: $(STAMP)

# Where PYTHONDONTWRITEBYTECODE is set (this machine, CI) Python keeps no bytecode of its own, and every
# run compiled reporter's modules again: about 0.3 s of the example report's CPU. The templates' compiled
# code goes to templates/__pycache__ (reporter.render.html.compiled_templates). Quick when up to date.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q reporter
	@$(BIN)/python -c "from reporter.render import html; html.compile_all()"

$(STAMP): pyproject.toml requirements/nlp.txt | os-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# Old pip (23.x) misreads trafilatura's lxml extra; upgrade first.
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[nlp,dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/nlp.txt
	touch $(STAMP)

# Install OS packages only when something is missing, and only where we can (root with apt-get).
os-deps:
	@scripts/os-deps.sh $(OS_LIBS)

os-test-deps:
	@scripts/os-deps.sh $(OS_TOOLS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

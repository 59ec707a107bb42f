# Two commands set up a new machine: `make run` (install + REPL on the bundled article) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXPORTED := $(VENV)/.exported
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test bench lint format eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of torch first: a plain `torch` requirement would pull a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The int8 ONNX model for the fast query path: built once, and again when its recipe changes.
$(EXPORTED): $(STAMP) index/onnx_export.py
	$(BIN)/python -m index.onnx_export
	touch $(EXPORTED)

install: $(EXPORTED)

run: install
	$(BIN)/article-qa repl

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run.py

eval: install
	$(BIN)/article-qa eval --corpus-scope
	$(BIN)/article-qa eval --join 8 eval/xquad/xquad.en.json
	$(BIN)/article-qa eval eval/bundled_typed.jsonl

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

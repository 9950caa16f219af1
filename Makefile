# Two commands on a fresh machine (see README.md):
#   make check   create .venv, install sopkit, check the bundled corpus, then build the site into site/
#   make test    create .venv, install sopkit with its test tools, and run the whole test suite
# Both install what they need first; re-running them only reinstalls when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
STAMP  := $(VENV)/.installed

.PHONY: check test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

check: $(STAMP)
	$(VENV)/bin/sop check
	$(VENV)/bin/sop build

test: $(STAMP)
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build tools/*.egg-info

# Two commands on a fresh machine (see README.md):
#   make check   create .venv, install sopkit, check the bundled corpus, then build the site into site/
#   make test    create .venv, install sopkit with its test tools and the browser its site tests drive (Debian's
#                chromium, with fonts for Arabic script, through apt-get), and run the whole test suite
# Both install what they need first; re-running them only reinstalls when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
STAMP  := $(VENV)/.installed

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What the browser tests need from the system: Playwright drives the system's chromium (its own browser download
# is not reachable from where this project runs), Arabic and Kurdish text needs fonts with Arabic script, and
# node runs the site's search worker (Material's code with the project's folding) in tests/test_site_search.py,
# poppler-utils (pdftotext, pdffonts, pdftoppm) reads the printed volumes in tests/test_print.py, and LibreOffice
# Writer opens and saves the exported Word chapters as an office suite does (tests/test_amendments.py).
BROWSER_PACKAGES := chromium fonts-noto-core fonts-hosny-amiri nodejs poppler-utils
OFFICE_PACKAGES  := libreoffice-writer-nogui  # without its recommends (a desktop's worth of packages)

.PHONY: check test browser bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

check: $(STAMP)
	$(VENV)/bin/sop check
	$(VENV)/bin/sop build

browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1 || ! fc-list | grep -q "Noto Naskh Arabic"; then \
	  echo "installing $(BROWSER_PACKAGES) with apt-get (the site's browser tests drive chromium)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(OFFICE_PACKAGES); \
	fi

test: $(STAMP) browser
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build tools/*.egg-info

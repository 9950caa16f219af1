"""The documentation keeps up with the code."""

from __future__ import annotations

from conftest import REPO
from sopkit.cli import codes_markdown
from sopkit.diagnostics import CATALOGUE


def test_diagnostics_page_is_generated_from_the_catalogue():
    page = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert page == codes_markdown(list(CATALOGUE.values())), "run: sop codes --format md > docs/diagnostics.md"


def test_format_reference_names_every_code():
    page = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    missing = [code for code in CATALOGUE if code not in page]
    assert not missing, f"docs/format.md does not mention {missing}"


def test_every_code_has_title_explanation_and_valid_form():
    for code, entry in CATALOGUE.items():
        assert code[0] in "LVC" and len(code) == 4 and code[1:].isdigit()
        assert entry.title and entry.explanation.endswith((".", ")"))

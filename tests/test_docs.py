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
        assert code[0] in "LVCEITX" and len(code) == 4 and code[1:].isdigit()
        assert entry.title and entry.explanation.endswith((".", ")"))


def test_mkdocs_config_is_plain_yaml_naming_the_sop_folder():
    """mkdocs loads its config with PyYAML's full loader, where a !!python tag runs code: keep it tag-free."""
    from sopkit.yamldoc import load_yaml

    config = load_yaml((REPO / "mkdocs.yml").read_text(encoding="utf-8")).data
    assert config["site_name"] and (REPO / config["docs_dir"]).is_dir()

"""The fast line scanner agrees with markdown-it-py's CommonMark parser wherever it answers at all: the same
headings, code blocks and top-level blocks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from conftest import REPO
from sopkit.blocks import parse_blocks_fully, split_front_matter
from sopkit.fastblocks import scan

LINES = [
    "", "", "", "# Title", "## Article 6 {#6}", "### First {#6.1}", "## Closed ## ", "## ##", "#NoSpace",
    " ## indented", "####### seven", "text line", "another line with [a](law:x#1)", "- item", "- [ ] task",
    "  - nested", "1. step", "2. step", "10. step", "-", "*", "+ plus", "  continuation", "    four spaces",
    "      six spaces", "```", "```python", "~~~", "````", "> quote", "> ## quoted {#q}", ">     code in quote",
    "---", "===", "***", "* * *", "- - -", "___", "Setext {#s}", "<div>", "</div>", "[ref]: /url",
    "\tTab", "crlf line\r", "## crlf {#c}\r", "lone\rcr", "| a | b |", "| --- | --- |", "-     five", "- ```", "> ```", "1.", "  ## in item",
    # block boundaries: indented underlines and breaks, other list markers, wide items, quotes and tables in items
    "  ===", "  ---", " ***", "--", "* item", "+ item", "1) step", "2) step", "1.   wide", "   - three", "  > in item",
    "> ===", "> ---", "> - item", ">", "a | b", "--- | ---", "|:-|", "  | a | b |", "  | --- | --- |", "- | a |",
    "~~~~", "```text", "   text", "> >     code in a nested quote", "> > nested", "> 1. item",
]


def _same(text: str) -> bool:
    fast = scan(text)
    if fast is None:
        return True
    slow = parse_blocks_fully(text)
    assert fast == (slow.headings, slow.code, slow.blocks), text
    return False


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14))
def test_scanner_agrees_with_commonmark(lines):
    _same("\n".join(lines) + "\n")


def test_every_corpus_file_takes_the_fast_path_and_agrees():
    files = sorted((REPO / "sop").glob("*.md")) + sorted((REPO / "laws").rglob("*.md"))
    assert files
    for path in files:
        body = split_front_matter(path.read_text(encoding="utf-8")).body
        assert not _same(body), f"{path} left the fast path"


@pytest.mark.parametrize("text", ["<div>\n## x\n</div>\n", "\t## x\n", "- a\n\n      code\n", "a\nb\n---\n"])
def test_outside_the_subset_it_declines(text):
    assert scan(text) is None

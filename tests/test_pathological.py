"""Pathological input is refused or bounded: never a hang, never a traceback."""

from __future__ import annotations

from conftest import CHAPTER, findings

CH = "sop/01-general-provisions.md"


def _chapter_with(body: str) -> dict:
    return {CH: CHAPTER + "\n" + body}


def test_thousands_of_brackets(corpus_dir):
    assert findings(corpus_dir(_chapter_with("[" * 50_000 + "\n" + "](" * 20_000 + "\n"))) == []


def test_deeply_nested_list(corpus_dir):
    body = "".join("  " * i + "- item\n" for i in range(1000))
    assert findings(corpus_dir(_chapter_with(body))) == []


def test_deeply_nested_quotes(corpus_dir):
    assert findings(corpus_dir(_chapter_with(">" * 20_000 + " x\n"))) == []


def test_many_unclosed_fences(corpus_dir):
    assert findings(corpus_dir(_chapter_with("```\n" * 20_000))) == []


def test_huge_file_is_refused_without_reading(corpus_dir):
    root = corpus_dir(_chapter_with(("word " * 200 + "\n") * 5000))
    assert findings(root) == [("L005", CH, 1, 1)]


def test_binary_garbage(corpus_dir):
    found = findings(corpus_dir({CH: bytes(range(256)) * 10}))
    assert found and found[0][0] == "L003"


def test_heading_in_fence_is_not_a_section(corpus_dir):
    body = "```\n## Not a section\n```\n\n    ## Not one either\n\n> ## Nor this\n"
    assert findings(corpus_dir(_chapter_with(body))) == []


# -- property: no content, however broken, makes the check raise -------------------------------------------

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from conftest import write_corpus  # noqa: E402
from sopkit.check import check  # noqa: E402

_PIECES = st.sampled_from(["---\n", "id: ch1\n", "title: x\n", "## A {#a}\n", "## B\n", "### {#a.1}\n", "# T\n",
                           "```\n", "> ", "- ", "[x](law:iq/x#1)", "{#", "}", "\u202e", "٢", "2", "۲", "ي", "\n",
                           "&a", "*a", "!!int ", "\t", "    ", ":", "\ufeff", "\u200c", "ە"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chapter=st.lists(_PIECES, max_size=40).map("".join), law_yml=st.lists(_PIECES, max_size=20).map("".join),
       law_md=st.lists(_PIECES, max_size=30).map("".join))
def test_check_never_raises_on_any_content(chapter, law_yml, law_md):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_corpus(Path(tmp), {CH: chapter, "laws/iq/law-9-2000/law.yml": law_yml,
                                        "laws/iq/law-9-2000/en.md": law_md})
        result = check(root)
        for d in result.report.diagnostics:
            assert d.line >= 1 and d.column >= 1 and d.code and d.message


def test_many_long_lines_under_the_limit(corpus_dir):
    """Lines just under the limit must not make any scan quadratic (a regex for "a long line" was)."""
    assert findings(corpus_dir(_chapter_with(("word " * 18_000 + "\n") * 30))) == []

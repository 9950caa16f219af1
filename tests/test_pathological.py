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

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


# -- every scanner is linear: the inputs that were quadratic or worse, each under a generous hang guard -------

import re  # noqa: E402
import signal  # noqa: E402
from contextlib import contextmanager  # noqa: E402

import pytest  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

from conftest import CHAPTER as _CH  # noqa: E402
from sopkit.citations.links import scan_links  # noqa: E402
from sopkit.codespans import code_spans  # noqa: E402
from sopkit.drafts import load_draft  # noqa: E402
from sopkit.load import load_corpus  # noqa: E402
from sopkit.lookup import cite  # noqa: E402
from sopkit.redline.engine import diff_drafts  # noqa: E402
from sopkit.redline.words import tokenize, word_ops  # noqa: E402

HANG = 60  # seconds: a hang guard, far above the time each case takes (well under 2 s); never a speed test


@contextmanager
def hang_guard(seconds: int = HANG):
    def hung(*_):
        raise TimeoutError(f"still running after {seconds} s: the scan is not linear")
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _lines(piece: str, count: int = 10, width: int = 99_000) -> str:
    line = (piece * (width // len(piece) + 1))[:width]
    return (line + "\n\n") * count


LONG_LINES = {  # each was quadratic or worse before (6.5 s for one line of `[](law:`, 26 s for 1,000 backticks)
    "law-links": "[](law:", "sop-links": "[](sop:", "backticks": "`", "code-spans": "` a ", "law-words": "law",
    "arabic-law-words": "قانون", "kurdish-law-words": "یاسای", "article-lists": "Article 1 of ",
    "arabic-lists": "المادة 1 و", "quotes": 'Article 1 of Law No. 9 of 2000 "', "nested-labels": "[[a]](law:",
}


@pytest.mark.parametrize("name", sorted(LONG_LINES))
def test_long_lines_check_in_linear_time(corpus_dir, name):
    root = corpus_dir(_chapter_with(_lines(LONG_LINES[name], count=3)))
    with hang_guard():
        result = check(root)
    assert all(d.code != "L005" for d in result.report.diagnostics)  # read, not refused as too large


@pytest.mark.parametrize("name", ["law-links", "backticks", "law-words", "arabic-lists"])
def test_cite_reads_long_lines_in_linear_time(corpus_dir, name):
    corpus, _ = load_corpus(corpus_dir())
    with hang_guard():
        cite(corpus, _lines(LONG_LINES[name], count=3))


def test_word_diff_of_a_huge_repetitive_paragraph_is_bounded_and_exact():
    old, new = tokenize("a b " * 40_000), tokenize("b a " * 40_000)
    with hang_guard():
        ops = word_ops(old, new)
    assert "".join(o.old for o in ops) == "a b " * 40_000 and "".join(o.new for o in ops) == "b a " * 40_000


def test_thousands_of_changed_paragraphs_diff_in_linear_time(tmp_path):
    def chapter(seed: int) -> str:
        words = "investigator victim judge report case evidence shelter border record interview".split()
        return _CH + "\n" + "\n\n".join(" ".join(words[(seed * 7 + k * 3 + i * i) % 10] for i in range(12))
                                         for k in range(6000)) + "\n"
    a = write_corpus(tmp_path / "a", {CH: chapter(1)})
    b = write_corpus(tmp_path / "b", {CH: chapter(2)})
    with hang_guard():
        memo: dict = {}
        diff = diff_drafts(load_draft(tmp_path, str(a), memo), load_draft(tmp_path, str(b), memo), "a", "b")
    assert diff.documents


# -- the linear scanners find exactly what the definitions they replace find --------------------------------

_LINK = re.compile(r"\[(?P<label>[^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*)\]\((?P<scheme>law|sop):(?P<target>[^)\s]*)\)")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "(", ")", "law:", "sop:", "](law:", "](sop:", "a", " ", "\n", "x#1",
                                 "](", "[]"]), max_size=30).map("".join))
def test_link_scanner_finds_what_the_link_pattern_finds(text):
    expected = [(m.start(), m.end(), m.start("label"), m.group("label"), m.group("scheme"), m.group("target"))
                for m in _LINK.finditer(text)]
    assert [tuple(m) for m in scan_links(text)] == expected


_MD = MarkdownIt("commonmark")


def _span_contents(text: str) -> list[str]:
    out = []
    for a, b in code_spans(text):
        ticks = len(re.match("`+", text[a:]).group())
        inner = text[a + ticks:b - ticks].replace("\n", " ")
        if len(inner) >= 2 and inner[0] == inner[-1] == " " and inner.strip(" "):
            inner = inner[1:-1]
        out.append(inner)
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["`", "``", "a", " ", "\\", "b c", "\\`"]), max_size=25).map(lambda s: "x " + "".join(s)))
def test_code_spans_are_those_commonmark_finds(text):
    tokens = _MD.parseInline(text)[0].children
    assert _span_contents(text) == [t.content for t in tokens if t.type == "code_inline"]

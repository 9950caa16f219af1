"""The model's block structure: each chapter's text as the blocks CommonMark reads (a paragraph, a whole list, a
whole table, a code block with its blank lines, a block quote, an HTML block), which the diff, `sop blame` and
the renderers all take as their paragraphs. No reader splits the text a second way."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import write_corpus
from sopkit.load import load_corpus
from test_blocks import LINES

CH = "sop/01-general-provisions.md"
FRONT = '---\nid: ch1\ntitle: General Provisions\nstatus: draft\nreviewed: "2026-11-16"\n---\n\n'

BLOCKS = FRONT + """\
Introduction, first line
and its second line.

[law-28]: https://example.org/law-28

## Blocks {#sop-blocks}

A paragraph.

- a loose list

- with a second item

  and a second paragraph in it.

  | Role | Duty |
  | --- | --- |
  | Judge | Decides |

| Role | Duty |
| --- | --- |
| Judge | Decides |

```text
code

## Not a heading {#not-a-section}
```

    indented code

    after a blank line

> a quote
>
> of two paragraphs

<div class="note">
Raw HTML.
</div>

---

## Next {#sop-next}
Text right under the heading.
1. An ordered list interrupting it.
"""


def _chapter(root: Path):
    corpus, _ = load_corpus(root)
    return next(c for c in corpus.chapters if c.path == CH)


# -- each block is one kind, whole: lists and tables with blank lines, code with its headings ----------------

def test_blocks_of_a_chapter_are_whole_and_named_by_kind(corpus_dir):
    chapter = _chapter(corpus_dir({CH: BLOCKS}))
    assert [s.id for s in chapter.sections] == ["sop-blocks", "sop-next"]  # the fence's heading is code
    assert [(b.kind, b.line, b.end_line) for b in chapter.intro_blocks] == [("paragraph", 8, 9),
                                                                           ("reference", 11, 11)]
    blocks, following = chapter.sections
    assert [(b.kind, b.line, b.end_line) for b in blocks.blocks] == [
        ("paragraph", 15, 15), ("list", 17, 25), ("table", 27, 29), ("code", 31, 35), ("code", 37, 39),
        ("quote", 41, 43), ("html", 45, 47), ("rule", 49, 49)]
    texts = {b.kind + str(b.line): b.text for b in blocks.blocks}
    assert texts["list17"].endswith("- with a second item\n\n  and a second paragraph in it.\n\n"
                                    "  | Role | Duty |\n  | --- | --- |\n  | Judge | Decides |")
    assert texts["code31"] == "```text\ncode\n\n## Not a heading {#not-a-section}\n```"
    assert texts["code37"] == "    indented code\n\n    after a blank line"
    assert texts["quote41"] == "> a quote\n>\n> of two paragraphs"
    assert [(b.kind, b.text) for b in following.blocks] == [
        ("paragraph", "Text right under the heading."), ("list", "1. An ordered list interrupting it.")]


def test_blocks_a_table_ends_at_a_blank_line_as_every_renderer_reads_it(corpus_dir):
    body = "## Roles {#sop-roles}\n\n| Role | Duty |\n| --- | --- |\n| Judge | Decides |\n\n| Police | Report |\n"
    [section] = _chapter(corpus_dir({CH: FRONT + body})).sections
    assert [(b.kind, b.text) for b in section.blocks] == [
        ("table", "| Role | Duty |\n| --- | --- |\n| Judge | Decides |"), ("paragraph", "| Police | Report |")]


# -- every line of the text is in one block, whatever the text holds ----------------------------------------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES + ["## A {#a}", "## B {#b}", "Text."]), max_size=24))
def test_blocks_hold_every_line_of_the_chapter_once(lines):
    text = FRONT + "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        chapter = _chapter(write_corpus(Path(tmp), {CH: text}))
    file_lines = text.split("\n")
    owner: dict[int, object] = {}
    bodies = [(chapter.intro_blocks, None)] + [(s.blocks, s) for s in chapter.sections]
    for k, section in enumerate(chapter.sections):
        for n in range(section.line, section.text_line):
            owner[n] = section  # the heading's own lines
    for blocks, section in bodies:
        last = 0
        for b in blocks:
            assert last < b.line <= b.end_line, b  # in order, apart
            assert b.text == "\n".join(file_lines[b.line - 1:b.end_line])
            assert b.text.split("\n")[0].strip(" \t\r") and b.text.split("\n")[-1].strip(" \t\r")
            for n in range(b.line, b.end_line + 1):
                assert n not in owner, (n, b)
                owner[n] = b
            last = b.end_line
        joined = "".join("".join(b.text for b in blocks).split())
        assert joined == "".join((section.text if section else chapter.intro).split())
    front_end = 7  # the front matter's lines, blanked out of the body
    for n, line in enumerate(file_lines, 1):
        if n > front_end and line.strip(" \t\r"):
            assert n in owner, (n, line, text)

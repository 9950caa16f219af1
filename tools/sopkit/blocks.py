"""The block structure of one Markdown file: front matter, headings with `{#id}`, code blocks, with positions.

Parsing is markdown-it-py's CommonMark block parser (inline parsing switched off: nothing here needs it, and
it is where pathological input such as thousands of brackets costs time). Only top-level headings are
structure; a heading inside a block quote or a list is text. Nesting is bounded by `maxNesting`, so a
500-level list or 5,000 `>` parse in bounded time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


from .fastblocks import scan
from .headings import HeadingBlock, heading

_md = None  # markdown-it-py's CommonMark parser, made when first needed (most files never need it)


def _parser():
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        _md = MarkdownIt("commonmark", {"maxNesting": 20})
        _md.disable("inline")
    return _md


_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$")


@dataclass(frozen=True)
class Blocks:
    headings: tuple[HeadingBlock, ...]
    code: tuple[tuple[int, int], ...]  # 1-based inclusive line ranges of fenced and indented code


@dataclass(frozen=True)
class FrontMatter:
    text: str | None  # the YAML between the fences, None when the file has none
    line: int  # the line of the YAML's first line
    body: str  # the file with the front matter blanked out, so that line numbers stay true
    unclosed: bool = False


def split_front_matter(text: str) -> FrontMatter:
    """Separate a leading `---` YAML block from the Markdown after it."""
    if not (text.startswith("---\n") or text.startswith("---\r\n") or text.rstrip("\r\n") == "---"):
        return FrontMatter(None, 1, text)
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if _FRONT_MATTER_END.match(lines[i]):
            yaml_text = "".join(lines[1:i])
            body = "\n" * (i + 1) + "".join(lines[i + 1:])
            return FrontMatter(yaml_text, 2, body)
    return FrontMatter(None, 1, text, unclosed=True)


def parse_blocks(text: str) -> Blocks:
    """Headings and code blocks of a Markdown text (front matter already blanked out)."""
    fast = scan(text)
    if fast is not None:
        return Blocks(*fast)
    return parse_blocks_fully(text)


def parse_blocks_fully(text: str) -> Blocks:
    """The same, always with markdown-it-py's CommonMark parser (the reference the fast scanner is tested against)."""
    tokens = _parser().parse(text)
    source_lines = text.splitlines()
    headings: list[HeadingBlock] = []
    code: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        if tok.type in ("fence", "code_block") and tok.map:
            code.append((tok.map[0] + 1, tok.map[1]))
        if tok.type != "heading_open" or tok.level != 0 or not tok.map:
            continue
        content = tokens[i + 1].content if i + 1 < len(tokens) else ""
        first = tok.map[0]
        raw = source_lines[first] if first < len(source_lines) else ""
        headings.append(heading(int(tok.tag[1]), content, first + 1, raw, tok.map[1]))
    return Blocks(tuple(headings), tuple(code))

"""The block structure of one Markdown file: front matter, headings with `{#id}`, code blocks, with positions.

Parsing is markdown-it-py's CommonMark block parser (inline parsing switched off: nothing here needs it, and
it is where pathological input such as thousands of brackets costs time). Only top-level headings are
structure; a heading inside a block quote or a list is text. Nesting is bounded by `maxNesting`, so a
500-level list or 5,000 `>` parse in bounded time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from markdown_it import MarkdownIt

from .fastblocks import scan

_md = MarkdownIt("commonmark", {"maxNesting": 20})
_md.disable("inline")

# `{#id}`, `{: #id }`, `{#id .class key=value}` at the end of a heading, as Python-Markdown's attr_list reads it.
_ATTRS = re.compile(r"\s*\{:?\s*#([^\s}]*)[^}]*\}\s*$")
_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$")


class HeadingBlock(NamedTuple):
    level: int
    text: str  # the heading's text without its attribute list
    id: str | None
    line: int  # 1-based
    column: int  # where the heading starts
    id_column: int  # where the `#` of the id stands (the heading's column when there is no id)
    end_line: int  # the heading's last line (a setext heading has two)


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
    fast = scan(text, HeadingBlock, _ATTRS)
    if fast is not None:
        return Blocks(*fast)
    return parse_blocks_fully(text)


def parse_blocks_fully(text: str) -> Blocks:
    """The same, always with markdown-it-py's CommonMark parser (the reference the fast scanner is tested against)."""
    tokens = _md.parse(text)
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
        column = len(raw) - len(raw.lstrip(" ")) + 1
        match = _ATTRS.search(content)
        if match:
            heading_text, hid = content[: match.start()].strip(), match.group(1)
            at = raw.rfind("{")
            id_column = (raw.find("#", at) + 1) if at >= 0 else column
        else:
            heading_text, hid, id_column = content.strip(), None, column
        headings.append(HeadingBlock(int(tok.tag[1]), heading_text, hid, first + 1, column, id_column,
                                     tok.map[1]))
    return Blocks(tuple(headings), tuple(code))

"""The block structure of one Markdown file: front matter, headings with `{#id}`, code blocks, and every
top-level block (paragraph, heading, list, table, block quote, code, HTML, thematic break), with positions.

Parsing is markdown-it-py's CommonMark block parser (inline parsing switched off: nothing here needs it, and
it is where pathological input such as thousands of brackets costs time). Only top-level headings are
structure; a heading inside a block quote, a list or a code block is text. Nesting is bounded by `maxNesting`,
so a 500-level list or 5,000 `>` parse in bounded time.

The top-level blocks are what every reader of a chapter takes as its paragraphs (the diff, `sop blame`, the
renderers): a whole list, a whole table, a fenced code block with its blank lines are one block each, so no
reader splits the text a second way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


from .fastblocks import is_table, scan
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


_LINE_END = re.compile(r"\r\n?|\n")  # the line endings markdown-it-py reads (a lone CR among them)

# markdown-it's top-level tokens and the kind of block each opens
_KINDS = {"paragraph_open": "paragraph", "heading_open": "heading", "bullet_list_open": "list",
          "ordered_list_open": "list", "blockquote_open": "quote", "fence": "code", "code_block": "code",
          "html_block": "html", "hr": "rule"}


@dataclass(frozen=True)
class Blocks:
    headings: tuple[HeadingBlock, ...]
    code: tuple[tuple[int, int], ...]  # 1-based inclusive line ranges of fenced and indented code
    _blocks: object = field(default=(), repr=False, compare=False)  # the blocks, or a function that makes them

    @property
    def blocks(self) -> tuple[tuple[str, int, int], ...]:
        """Every top-level block in reading order as (kind, first line, last line), 1-based, inclusive, without
        the blank lines around it. Kinds: paragraph, heading, list, table, quote, code, html, rule, and reference
        (link reference definitions, which CommonMark gives no block of their own). Made when first asked for:
        a law's text is read by its headings only."""
        made = self._blocks
        if callable(made):
            made = made()
            object.__setattr__(self, "_blocks", made)
        return made


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
    """Headings, code blocks and top-level blocks of a Markdown text (front matter already blanked out)."""
    fast = scan(text, lazy=True)
    if fast is not None:
        return Blocks(*fast)
    return parse_blocks_fully(text)


def parse_blocks_fully(text: str) -> Blocks:
    """The same, always with markdown-it-py's CommonMark parser (the reference the fast scanner is tested against)."""
    tokens = _parser().parse(text)
    source_lines = _LINE_END.split(text)  # numbered as markdown-it numbers them
    headings: list[HeadingBlock] = []
    code: list[tuple[int, int]] = []
    spans: list[tuple[str, int, int]] = []
    for i, tok in enumerate(tokens):
        if tok.type in ("fence", "code_block") and tok.map:
            code.append((tok.map[0] + 1, tok.map[1]))
        if tok.level == 0 and tok.map and tok.type in _KINDS:
            spans.append((_KINDS[tok.type], tok.map[0] + 1, tok.map[1]))
        if tok.type != "heading_open" or tok.level != 0 or not tok.map:
            continue
        content = tokens[i + 1].content if i + 1 < len(tokens) else ""
        first = tok.map[0]
        raw = source_lines[first] if first < len(source_lines) else ""
        headings.append(heading(int(tok.tag[1]), content, first + 1, raw, tok.map[1]))
    return Blocks(tuple(headings), tuple(code), _top_level(spans, source_lines))


def _top_level(spans: list[tuple[str, int, int]], lines: list[str]) -> tuple[tuple[str, int, int], ...]:
    """The parser's top-level blocks without the blank lines at their ends, a paragraph that is a GFM table
    named so, and the lines no block holds (link reference definitions) as blocks of their own."""
    out: list[tuple[str, int, int]] = []
    covered = 0  # the last line held by a block so far

    def blank(n: int) -> bool:
        return not lines[n - 1].strip(" \t") if n <= len(lines) else True

    def gap(upto: int) -> None:
        n = covered + 1
        while n <= upto:
            if blank(n):
                n += 1
                continue
            start = n
            while n <= upto and not blank(n):
                n += 1
            out.append(("reference", start, n - 1))

    for kind, first, last in spans:
        gap(first - 1)
        covered = last
        while last > first and blank(last):
            last -= 1
        if kind == "paragraph" and last > first and is_table(lines[first - 1], lines[first]):
            kind = "table"
        out.append((kind, first, last))
    gap(len(lines))
    return tuple(out)

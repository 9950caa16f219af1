"""The pieces of the print edition's pandoc document (see volume.py for the whole): how the corpus's Markdown is
read, the document's own elements (a notice, text in another language, a page reference), and a walk over the
AST that replaces inlines.

The corpus's Markdown is read as the site reads it (Python-Markdown with the extensions in mkdocs.yml), so that
the site and the print edition show the same text: pandoc's extensions that Python-Markdown does not have are
off. A list starts at 1 whatever its first number (Python-Markdown does the same), `a.` and `(1)` are text,
`$…$` is not mathematics, `^…^` not a superscript, a line starting with `%` not a title block; a heading needs
no blank line before it, as in Python-Markdown. Raw HTML and TeX stay words (pandoc.MARKDOWN's reasons).

Example:
    >>> blocks = read_blocks("## 1.2 Scope {#scope}\\n\\n1. one\\n2. two")
    >>> [b["t"] for b in blocks]
    ['Header', 'OrderedList']
"""

from __future__ import annotations

import json

from .. import pandoc as P
from ..diagnostics import UsageError

READER = "-".join([
    "markdown", "smart", "raw_html", "raw_tex", "raw_attribute",
    "fancy_lists", "startnum", "example_lists", "definition_lists", "task_lists",
    "auto_identifiers", "implicit_figures", "citations", "footnotes", "inline_notes",
    "superscript", "subscript", "strikeout", "tex_math_dollars", "simple_tables", "multiline_tables",
    "grid_tables", "line_blocks", "fenced_divs", "bracketed_spans", "native_divs", "native_spans",
    "yaml_metadata_block", "pandoc_title_block", "escaped_line_breaks", "blank_before_header",
    "blank_before_blockquote", "implicit_header_references",
]) + "+task_lists"

NOTICE, STATUS, PAGEREF, CITE, FOREIGN = "sop-notice", "sop-status", "sop-pageref", "sop-cite", "sop-foreign"
ADDED = "sop-added"  # words the print edition adds to the chapter's (a reference's page): not in the site's text


def read_blocks(markdown: str, doing: str = "read the Markdown") -> list:
    """The blocks of `markdown` as pandoc reads it with READER."""
    return read_document(markdown, doing)["blocks"]


def read_document(markdown: str, doing: str = "read the Markdown") -> dict:
    return json.loads(P.run(["-f", READER, "-t", "json"], markdown.encode("utf-8"), doing))


def text_inlines(words: str) -> list:
    """`words` as inlines: Str for each word, Space between (pandoc writes a Str as it is)."""
    out: list = []
    for n, word in enumerate(words.split(" ")):
        if n:
            out.append({"t": "Space"})
        if word:
            out.append(P.text(word))
    return out


def filled(template: str, **parts: list) -> list:
    """`template` (words with {placeholders}) as inlines, each placeholder replaced by the inlines given."""
    out: list = []
    rest = template
    while rest:
        start = rest.find("{")
        end = rest.find("}", start)
        if start < 0 or end < 0:
            out += text_inlines(rest)
            break
        out += text_inlines(rest[:start])
        out += parts[rest[start + 1:end]]
        rest = rest[end + 1:]
    return out


def pageref(target: str) -> dict:
    """The page number where the element with id `target` stands (the writer computes it)."""
    return P.span([], [PAGEREF], [["target", target]])


def added(*inlines: dict, lang: str | None = None, direction: str | None = None) -> dict:
    """Inlines the print edition adds after a citation or a reference (its annex entry, its page); `lang` and
    `direction` when they are in another language than the text around them (an English chapter of an Arabic
    volume gets its references in Arabic)."""
    attrs = [["lang", lang], ["dir", direction]] if lang and direction else []
    return P.span(list(inlines), [ADDED], attrs)


def internal_link(inlines: list, target: str) -> dict:
    return {"t": "Link", "c": [["", [], []], inlines, ["#" + target, ""]]}


def notice(kind: str, title: str, text: str) -> dict:
    """A boxed notice: its title in bold, then its words."""
    return P.div([P.para({"t": "Strong", "c": text_inlines(title)}), {"t": "Para", "c": text_inlines(text)}],
                 [["kind", kind]], [NOTICE])


def status_line(words: str) -> dict:
    return P.div([{"t": "Para", "c": text_inlines(words)}], [], [STATUS])


def in_language(lang: str, direction: str, blocks: list) -> dict:
    """`blocks` as text in `lang`, set in `direction`, inside a volume of another language."""
    return P.div(blocks, [["lang", lang], ["dir", direction]], [FOREIGN])


def header(level: int, inlines: list, ident: str = "") -> dict:
    return {"t": "Header", "c": [level, [ident, [], []], inlines]}


_LEAVES = frozenset({"Str", "Space", "SoftBreak", "LineBreak", "Code", "RawInline", "CodeBlock", "RawBlock",
                     "HorizontalRule", "Math"})


def replace_inlines(blocks: list, change) -> list:
    """`blocks` with every inline element `change` answers for replaced by the list it returns (None: keep,
    and look inside). Text nested too deep for Python's recursion is refused with a UsageError."""

    def walk(node):
        if isinstance(node, list):
            out = []
            for item in node:
                if isinstance(item, dict) and "t" in item:
                    replaced = change(item)
                    if replaced is not None:
                        out.extend(replaced)
                        continue
                out.append(walk(item))
            return out
        if isinstance(node, dict):
            if node.get("t") in _LEAVES:  # most of a document: nothing inside to replace
                return node
            return {k: walk(v) for k, v in node.items()}
        return node

    try:
        return walk(blocks)
    except RecursionError:
        raise UsageError("a chapter is nested too deeply (lists or quotes inside each other hundreds of levels "
                         "deep) to be printed; flatten it") from None

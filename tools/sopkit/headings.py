"""A heading as both Markdown readers give it, and how its `{#id}` attribute list is read."""

from __future__ import annotations

import re
from typing import NamedTuple

# `{#id}`, `{: #id }`, `{#id .class key=value}` at the end of a heading, as Python-Markdown's attr_list reads it.
ATTRS = re.compile(r"\s*\{:?\s*#([^\s}]*)[^}]*\}\s*$")


class HeadingBlock(NamedTuple):
    level: int
    text: str  # the heading's text without its attribute list
    id: str | None
    line: int  # 1-based
    column: int  # where the heading starts
    id_column: int  # where the `#` of the id stands (the heading's column when there is no id)
    end_line: int  # the heading's last line (a setext heading has two)


def heading(level: int, content: str, line: int, raw: str, end_line: int, column: int | None = None) -> HeadingBlock:
    """The heading whose inline content is `content`, written on source line `raw` (1-based `line`)."""
    if column is None:
        column = len(raw) - len(raw.lstrip(" ")) + 1
    brace = content.rfind("{")
    match = None
    if brace >= 0:  # try where the attribute list most likely starts before searching the whole content
        match = ATTRS.match(content, brace - 1 if brace > 0 else 0) or ATTRS.search(content)
    if match:
        text, hid = content[: match.start()].strip(), match.group(1)
        at = raw.rfind("{")
        id_column = (raw.find("#", at) + 1) if at >= 0 else column
    else:
        text, hid, id_column = content.strip(), None, column
    return HeadingBlock(level, text, hid, line, column, id_column, end_line)

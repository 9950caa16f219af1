"""Words from the corpus put into generated Markdown and HTML as the words they are.

A law's title, a heading or a label becomes Markdown text that reads back as itself (no emphasis, no link, no
attribute list, no raw HTML), and HTML text for the few places mkdocs's templates insert unescaped (page titles).

Example:
    >>> markdown_text("Article 6 [draft] *not* <b>")
    'Article 6 \\\\[draft\\\\] \\\\*not\\\\* &lt;b\\\\>'
"""

from __future__ import annotations

import html
import re

# Python-Markdown's backslash escapes (with the tables extension's `|`); `<` and `&` become entities, since
# Python-Markdown has no escape for them.
_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def markdown_text(words: str) -> str:
    """`words` as inline Markdown text, on one line."""
    words = _BREAKS.sub(" ", words).replace("&", "&amp;").replace("<", "&lt;")
    return _ESCAPED.sub(r"\\\1", words)


def ltr_markdown(words: str) -> str:
    """`words` (a date, a number, an id) as Markdown text kept left to right inside right-to-left text: after
    Arabic letters, 2012-04-23 would otherwise read 23-04-2012."""
    return f'<bdi dir="ltr">{markdown_text(words)}</bdi>'


def fill(template: str, **values: str) -> str:
    """`template` (plain words with {placeholders}) as Markdown text, with `values` (Markdown already) put in."""
    marks = {key: f"\x00{n}\x00" for n, key in enumerate(values)}  # survive escaping as they are
    out = markdown_text(template.format(**marks))
    for key, value in values.items():
        out = out.replace(marks[key], value)
    return out


def html_text(words: str) -> str:
    """`words` as HTML text (for titles, which the theme inserts as they are)."""
    return html.escape(_BREAKS.sub(" ", words), quote=True)


def quoted_title(words: str) -> str:
    """`words` as the quoted title of an admonition (`!!! note "…"`)."""
    return '"' + markdown_text(words).replace('"', "&quot;") + '"'

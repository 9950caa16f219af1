"""Suggested changes (CriticMarkup, suggestions.py) in the print edition: printed as marked changes, never as
braces. pandoc does not read CriticMarkup, so a chapter's text is given to it with each suggestion's words between
marker characters (`marked_text`), and the document it reads back gets spans in their place (`as_spans`):

- inserted words: `[words]{.insertion}`, deleted words: `[words]{.deletion}` (a substitution gives both), which
  pandoc's docx writer makes Word tracked changes (Review > Accept / Reject), and the PDF (typst.py) underlines and
  strikes through;
- highlighted words: `[words]{.mark}`, Word's and typst's highlight;
- a comment: a Word comment (`comment-start` / `comment-end`, numbered through the volume), in the PDF its words
  in a small framed box where it stands.

The words of a suggestion of several lines are marked line by line inside their blocks (suggestions.marked_lines),
so that an inserted paragraph, list item or heading is read as one. A marker whose partner is in another element
(a suggestion ending inside emphasis that began outside it) still marks the words up to the element's edge and on
inside it. Code is printed as written: a code block inside an inserted passage prints unmarked.

Example:
    >>> from sopkit.edition.ast import read_blocks
    >>> blocks = as_spans(read_blocks(marked_text("A {~~may~>shall~~} b.")))
    >>> [i["c"][0][1] for i in blocks[0]["c"] if i["t"] == "Span"]
    [['deletion'], ['insertion']]
"""

from __future__ import annotations

import itertools

from .. import pandoc as P
from ..suggestions import Kind, marked_lines, rendered

# Private-use characters around a suggestion's words between marked_text and as_spans (pandoc keeps them as text).
_MARKS = {Kind.INSERTION: ("\ue110", "\ue111"), Kind.DELETION: ("\ue112", "\ue113"),
          Kind.HIGHLIGHT: ("\ue114", "\ue115"), Kind.COMMENT: ("\ue116", "\ue117")}
_MARKER = {char: (kind, n == 0) for kind, pair in _MARKS.items() for n, char in enumerate(pair)}
_CLASSES = {Kind.INSERTION: "insertion", Kind.DELETION: "deletion", Kind.HIGHLIGHT: "mark"}
_CODE = frozenset({"Code", "CodeBlock"})
_LEAVES = frozenset({"Str", "Space", "SoftBreak", "LineBreak", "RawInline", "RawBlock", "HorizontalRule", "Math"})


def marked_text(text: str) -> str:
    """A chapter's Markdown with each suggestion's words between marker characters instead of CriticMarkup."""
    return rendered(text, _marked, _comment)


def _marked(kind: Kind, words: str, at_line_start: bool) -> str:
    return marked_lines(words, *_MARKS[kind], at_line_start)


def _comment(words: str) -> str:
    """A comment as one line of words (it is shown as one note)."""
    opens, closes = _MARKS[Kind.COMMENT]
    return opens + " ".join(words.split()) + closes


def as_spans(blocks: list) -> list:
    """`blocks` (read from marked_text) with the marked words as spans, comments numbered through `blocks`."""
    return _walk(blocks, itertools.count(1))


def _walk(node, ids):
    if isinstance(node, list):
        if node and all(isinstance(i, dict) and i.get("t") in _INLINES for i in node):
            return _spans(node, None, ids)[0]
        return [_walk(item, ids) for item in node]
    if isinstance(node, dict):
        kind = node.get("t")
        if kind in _CODE:
            return {"t": kind, "c": [node["c"][0], _unmarked(node["c"][1])]}
        if kind in _LEAVES:
            return node
        return {key: _walk(value, ids) for key, value in node.items()}
    return node


def _spans(inlines: list, kind: Kind | None, ids) -> tuple[list, Kind | None]:
    """An inline list with its marked words as spans; `kind`: the suggestion open where it starts. Returns the list
    and the suggestion still open at its end."""
    out: list = []
    held: list | None = [] if kind else None  # the words of the open suggestion, so far

    def close() -> None:
        nonlocal held
        if held:
            out.extend(_span(kind, held, ids))
        held = None

    for item in _pieces(inlines):
        if isinstance(item, str):  # a marker
            marked, opening = _MARKER[item]
            if opening:
                close()
                kind, held = marked, []
            elif marked is kind:
                close()
                kind = None
            continue
        inner = _inner(item)
        if inner is None:
            (held if held is not None else out).append(_walk(item, ids) if item["t"] == "Note" else item)
            continue
        words, after = _spans(item["c"][inner] if inner >= 0 else item["c"], kind, ids)
        close()  # what came before; the element's own words were marked inside it
        out.append(_with_inner(item, inner, words))
        kind = after
        held = [] if after else None
    close()
    return out, kind


def _span(kind: Kind, words: list, ids) -> list:
    if kind is Kind.COMMENT:
        number = [["id", str(next(ids))]]
        return [P.span(words, ["comment-start"], number), P.span([], ["comment-end"], number)]
    return [P.span(words, [_CLASSES[kind]])]


def _pieces(inlines: list):
    """The inlines with every Str holding markers split: the markers as one-character strings between Strs."""
    for item in inlines:
        if item["t"] == "Code":
            yield {"t": "Code", "c": [item["c"][0], _unmarked(item["c"][1])]}
            continue
        if item["t"] != "Str" or not any(c in _MARKER for c in item["c"]):
            yield item
            continue
        words = ""
        for c in item["c"]:
            if c in _MARKER:
                if words:
                    yield P.text(words)
                words = ""
                yield c
            else:
                words += c
        if words:
            yield P.text(words)


# Inline elements and where their own inline words are in "c": -1 the whole of it, else that index; None: none.
_INLINES = {"Str": None, "Space": None, "SoftBreak": None, "LineBreak": None, "Code": None, "Math": None,
            "RawInline": None, "Note": None, "Emph": -1, "Underline": -1, "Strong": -1, "Strikeout": -1,
            "Superscript": -1, "Subscript": -1, "SmallCaps": -1, "Quoted": 1, "Cite": 1, "Link": 1, "Image": 1,
            "Span": 1}


def _inner(item: dict) -> int | None:
    return _INLINES.get(item["t"])


def _with_inner(item: dict, inner: int, words: list) -> dict:
    if inner < 0:
        return {"t": item["t"], "c": words}
    content = list(item["c"])
    content[inner] = words
    return {"t": item["t"], "c": content}


def _unmarked(text: str) -> str:
    return "".join(c for c in text if c not in _MARKER)

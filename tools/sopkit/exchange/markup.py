"""A unit's Markdown read as text and pieces of markup: what placeholders.py shows as tags.

A unit is its heading (or title) and its text; its text is read block by block, as the model's blocks give it.
The pieces, and what the text keeps:

- inline, anywhere: links and images (a pair around their label, or alone with an empty label), code spans,
  inline HTML and comments, autolinks, footnote references, attribute lists, and text that looks like a tag;
- structure, at the start of a line: list markers (with indentation and task box), block-quote markers,
  footnote definitions, a table row's first pipe; at its end a row's last pipe; between cells the other pipes;
  whole blocks: a table's delimiter row, code blocks, HTML blocks, thematic breaks, link reference definitions;
- text: everything else, emphasis, escapes and entities among it.

Reading never fails and keeps every character: the text and pieces of a unit, joined, are the unit. It takes
time linear in the text, whatever the text (brackets nested thousands deep, thousands of unclosed comments).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, NamedTuple

from ..codespans import code_spans
from ..model import Block

LINE_START, LINE_END = "line-start", "line-end"
STRUCTURE = frozenset({"item", "quote", "footnote-definition", "cell", "table-rule", "block"})
# what a translation may write otherwise than its source (a code example or a drafter's note translated): its
# pieces left over after matching by key are matched to the source's left over, of the same kind, in order
LOOSE = frozenset({"code", "html"})


class Piece(NamedTuple):
    """One piece of markup a tag stands for."""

    kind: str  # heading, link, code, html, autolink, footnote, attributes, literal; or a kind of STRUCTURE
    key: str  # what it is matched by between a source and its translation
    open: str  # all of a standalone piece; the markup before a pair's label
    close: str | None = None  # the markup after a pair's label; None for a standalone piece
    anchor: str = ""  # LINE_START or LINE_END where the piece must stand so, else ""


class Event(NamedTuple):
    """A unit read in order: text, or a piece standing alone ("empty"), or the open or close of a pair."""

    kind: str  # text, empty, open, close
    text: str = ""
    piece: Piece | None = None
    occurrence: int = -1  # the piece's index among the unit's pieces (pairs: the same for open and close)


_ITEM = re.compile(r"[ \t]*(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]+\[[ xX]\](?=[ \t]|$))?(?:[ \t]+|$)")
_QUOTE = re.compile(r"[ \t]{0,3}>(?:[ \t]?>)*[ \t]?")
_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]\s]+\]:[ \t]*")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?")
_PIPE = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")
# inline pieces standing alone, found outside code spans: comments and tags, autolinks, tag look-alikes,
# footnote references, attribute lists (a comment ends before the next `<!--`, so that a text of a thousand
# unclosed ones is read once, not a thousand times)
_ALONE = re.compile(
    r"(?P<html><!--(?:[^<]|<(?!!--))*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<autolink><(?:https?|mailto|law|sop):[^<>\s]*>)"
    r"|(?P<literal></?[0-9]+/?>)"
    r"|(?P<footnote>\[\^[^\]\s]+\](?!:))"
    r"|(?P<attributes>\{[:#.][^{}\n]*\})", re.S)
_LINK_MIDDLE = re.compile(r"\]\(")
_LINK_TARGET = re.compile(r"\((?:<[^<>\n]*>|[^()\s]*)(?:[ \t]+\"[^\"\n]*\")?\)")
_BRACKET = re.compile(r"(?<!\\)[\[\]]|\n")


def read_unit(head: str, body: str, blocks: Iterable[Block] = ()) -> list[Event]:
    """The events of a unit: its heading as the pair HEAD, then its text read block by block (`blocks` are the
    model's blocks of that text; the text between them is blank lines)."""
    events = [Event("open", piece=Piece("heading", "heading", "", "")), *_inline(head),
              Event("close", piece=Piece("heading", "heading", "", ""))]
    if body:
        events.append(Event("text", "\n\n"))
        events += _body(body, blocks)
    return _numbered(events)


def _numbered(events: list[Event]) -> list[Event]:
    """The events with each piece's occurrence: its index among the unit's pieces, shared by a pair's ends."""
    out, stack, count = [], [], 0
    for e in events:
        if e.kind in ("open", "empty"):
            out.append(e._replace(occurrence=count))
            if e.kind == "open":
                stack.append(count)
            count += 1
        elif e.kind == "close":
            out.append(e._replace(occurrence=stack.pop()))
        else:
            out.append(e)
    return out


def _body(body: str, blocks: Iterable[Block]) -> list[Event]:
    """The events of a text, block by block; a block not found as written (the model's blocks are the text's
    own lines, so only in text the loader read otherwise) is read as running text."""
    events: list[Event] = []
    pos = 0
    for block in blocks:
        at = body.find(block.text, pos)
        if at < 0 or not block.text:
            continue
        events += _text_events(body[pos:at])
        events += _block(block.kind, block.text)
        pos = at + len(block.text)
    events += _inline(body[pos:])
    return events


def _block(kind: str, text: str) -> list[Event]:
    if kind in ("code", "html", "rule", "reference"):
        return [Event("empty", piece=Piece("block", "block:" + kind, text, anchor=LINE_START))]
    if kind == "paragraph":
        first = _FOOTNOTE_DEFINITION.match(text)
        if first:
            return [_structure("footnote-definition", first.group()), *_inline(text[first.end():])]
        return _inline(text)
    if kind == "list":
        return _list(text)
    reader = {"quote": _quote_line, "table": _table_line}.get(kind)
    if reader is None:
        return _inline(text)
    events: list[Event] = []
    for n, line in enumerate(text.split("\n")):
        if n:
            events.append(Event("text", "\n"))
        events += reader(line, n)
    return events


def _structure(kind: str, markup: str, anchor: str = LINE_START) -> Event:
    return Event("empty", piece=Piece(kind, kind, markup, anchor=anchor))


def _list(text: str) -> list[Event]:
    """A list: each item's marker is structure, the rest text. A line of an item's text that only looks like a
    marker is text, as CommonMark reads it: one indented to the item's text, numbered other than 1, that
    continues a paragraph (`   2012. The committee` in hard-wrapped text)."""
    events: list[Event] = []
    content = 0  # where the last item's text starts
    previous = ""
    for n, line in enumerate(text.split("\n")):
        if n:
            events.append(Event("text", "\n"))
        m = _ITEM.match(line)
        if m and m.group().strip() and not _continues(m.group(), content, previous):
            events += [_structure("item", m.group()), *_inline(line[m.end():])]
            content = len(m.group())
        else:
            events += _inline(line)
        previous = line
    return events


def _continues(marker: str, content: int, previous: str) -> bool:
    indent = len(marker) - len(marker.lstrip(" \t"))
    number = marker.strip().rstrip(".)")
    return indent >= content and number.isdigit() and int(number) != 1 and bool(previous.strip())


def _quote_line(line: str, n: int = 0) -> list[Event]:
    m = _QUOTE.match(line)
    if not m:
        return _inline(line)
    item = _ITEM.match(line, m.end())
    end = item.end() if item and item.group().strip() else m.end()
    return [_structure("quote", line[:end]), *_inline(line[end:])]


def _table_line(line: str, n: int) -> list[Event]:
    """A table row: its pipes are structure, its cells text. The delimiter row (the second) is structure."""
    if n == 1 and _TABLE_RULE.fullmatch(line):
        return [_structure("table-rule", line)]
    events: list[Event] = []
    pos = 0
    for m in _PIPE.finditer(line):  # every unescaped pipe parts cells, in code spans too (GFM)
        anchor = LINE_START if m.start() == 0 else LINE_END if not line[m.end():].strip(" \t\r") else ""
        events += _inline(line[pos:m.start()])
        events.append(_structure("cell", m.group(), anchor))
        pos = m.end()
    return events + _inline(line[pos:])


def _text_events(text: str) -> list[Event]:
    return [Event("text", text)] if text else []


def _inline(text: str, depth: int = 0) -> list[Event]:
    """The events of a piece of running text: code spans first (nothing inside them is markup), then links,
    images and the pieces standing alone, leftmost first. A link's label is read again for the pieces inside it,
    an image's too, and no deeper (CommonMark puts no link inside a link): labels nested a thousand deep cost no
    more than one."""
    found: list[tuple[int, int, Callable[[], list[Event]]]] = []
    code = code_spans(text)
    for a, b in code:
        found.append((a, b, _alone("code", text[a:b])))
    outside = _outside(code, len(text))
    for m in _ALONE.finditer(text):
        if outside(m.start(), m.end()):
            found.append((m.start(), m.end(), _alone(m.lastgroup, m.group())))
    if depth < 2:
        for link in _links(text):
            # a label may hold code; the link's own markup may not stand in code
            if outside(link.start, link.label_start) and outside(link.label_end, link.end):
                found.append((link.start, link.end, lambda link=link: _link_events(text, link, depth)))
    events: list[Event] = []
    pos = 0
    for start, end, make in sorted(found, key=lambda f: (f[0], -f[1])):
        if start < pos:
            continue
        events += _text_events(text[pos:start])
        events += make()
        pos = end
    return events + _text_events(text[pos:])


def _alone(kind: str, markup: str) -> Callable[[], list[Event]]:
    return lambda: [Event("empty", piece=Piece(kind, f"{kind}:{markup}", markup))]


def _outside(spans: list[tuple[int, int]], length: int):
    """A test whether a stretch of text overlaps none of `spans` (code spans, which hold no markup)."""
    inside = bytearray(length + 1)
    for a, b in spans:
        inside[a:b] = b"\x01" * (b - a)

    def test(start: int, end: int) -> bool:
        return not any(inside[start:end])
    return test


class _Link(NamedTuple):
    start: int  # the `[` (or the `!` of an image)
    label_start: int
    label_end: int  # the `]`
    end: int  # after the `)`


def _links(text: str) -> list[_Link]:
    """Inline links and images, `[label](target)` and `![alt](src)` (a label on one line, brackets balanced),
    found in time linear in the text: each `](` is looked at once, with its `[` from one pass over the brackets."""
    opener = _openers(text)
    out = []
    for m in _LINK_MIDDLE.finditer(text):
        start = opener.get(m.start())
        target = _LINK_TARGET.match(text, m.end() - 1)
        if start is None or target is None:
            continue
        image = start > 0 and text[start - 1] == "!"
        out.append(_Link(start - image, start + 1, m.start(), target.end()))
    return out


def _link_events(text: str, link: _Link, depth: int) -> list[Event]:
    """A link with a label as a pair around the label's own events; one with an empty label standing alone."""
    open_markup, close_markup = text[link.start:link.label_start], text[link.label_end:link.end]
    if link.label_start == link.label_end:
        return _alone("link", open_markup + close_markup)()
    piece = Piece("link", f"link:{open_markup}…{close_markup}", open_markup, close_markup)
    return [Event("open", piece=piece), *_inline(text[link.label_start:link.label_end], depth + 1),
            Event("close", piece=piece)]


def _openers(text: str) -> dict[int, int]:
    """For each unescaped `]` that closes a bracket opened on the same line: where its `[` stands."""
    out: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACKET.finditer(text):
        c = m.group()
        if c == "\n":
            stack.clear()
        elif c == "[":
            stack.append(m.start())
        elif stack:
            out[m.start()] = stack.pop()
    return out

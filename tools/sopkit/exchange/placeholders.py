"""Placeholders: the Markdown of a unit that a translator must keep, shown as numbered tags they cannot break
unnoticed.

A unit is a section's heading and text, or a chapter's title and opening text. In the PO file its markup is
replaced by tags, as translation tools show the tags of any document:

- `<1>…</1>`: the heading (its level and `{#id}` are structure, never text), or the chapter's title; always
  first, on one line, followed by a blank line and the text;
- `<n>label</n>`: a link or image with a label, its target kept out of the text; `<n/>` one with an empty label
  (`[](sop:interviewing-victims)`, which the site fills in with the section's title);
- `<n/>`: inline code, inline HTML (comments), an autolink, a footnote reference, an attribute list (`{#id}`,
  `{: .class}`), and text that itself looks like a tag (`<3>`), so that it cannot be taken for one;
- `<n/>` at the start of a line: a list item's marker with its indentation and task box (`1. `, `- [ ] `), a
  block quote's `> `, a footnote definition's `[^1]: `, the first `|` of a table row; at the end of a line the
  last `|` of a row; between cells each `|` with its spaces; a whole table delimiter row, code block, HTML
  block, thematic break or block of link reference definitions.

Emphasis (`**bold**`), escapes, entities and line breaks stay text: they are the translator's to place. The
markers of structure (list items, quotes, table pipes and whole blocks) keep their order and their place at the
start or end of a line; inline tags may move, since word order differs between languages.

A translation is tagged with its source's numbers: each piece of its markup takes the number of the source's
piece with the same key (a link's target, a code span's text) and occurrence, or for structure the same kind
and position (the third list marker is the third); code and HTML comments left over (an example or a note the
translation words in its own language) are matched in order to the source's left over. Markup of the
translation that the source lacks is shown as the Markdown it is. Where a tag stands for markup the translation
writes otherwise (`1)` for `1.`, its own code example), the translation's own is put back, so that a unit comes
back byte for byte.

Example:
    >>> unit = tag_unit("Opening", "See [Article 6](law:iq/law-28-2012#6) and `sop check`.")
    >>> unit.text
    '<1>Opening</1>\\n\\nSee <2>Article 6</2> and <3/>.'
    >>> untag(unit, {}, "<1>الفتح</1>\\n\\nانظر <2>المادة 6</2> و<3/>.")
    Untagged(head='الفتح', body='انظر [المادة 6](law:iq/law-28-2012#6) و`sop check`.', problems=())
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from ..model import Block
from .markup import LINE_END, LINE_START, LOOSE, STRUCTURE, Event, Piece, read_unit

HEAD = 1  # the heading's (or the title's) tag: always the first


class Tagged(NamedTuple):
    """A unit as the translator sees it, and what each of its tags stands for."""

    text: str
    pieces: dict  # tag number -> Piece


class Untagged(NamedTuple):
    """A translator's text with its tags put back as Markdown, or the problems that refuse it."""

    head: str
    body: str
    problems: tuple[str, ...] = ()


# -- tagging -----------------------------------------------------------------------------------------------

def tag_unit(head: str, body: str, blocks: Iterable[Block] = ()) -> Tagged:
    """A source unit as the translator sees it: tags numbered from 1 in the order they open."""
    events = read_unit(head, body, blocks)
    numbers = {}
    pieces = {}
    for e in events:
        if e.kind in ("open", "empty"):
            numbers[e.occurrence] = len(numbers) + 1
            pieces[numbers[e.occurrence]] = e.piece
    return Tagged(_render(events, numbers), pieces)


def tag_like(source: Tagged, head: str, body: str, blocks: Iterable[Block] = ()) -> tuple[str, dict]:
    """A translation tagged with the numbers of its source's pieces (see the module's docstring), and, for each
    number whose piece the translation writes in its own way, that piece: what `untag` puts back for it."""
    events = read_unit(head, body, blocks)
    starts = [e for e in events if e.kind in ("open", "empty")]
    numbers = _matched(starts, source, lambda piece: piece.key)
    left = [e for e in starts if e.occurrence not in numbers]
    taken = set(numbers.values())
    free = {n: p for n, p in source.pieces.items() if n not in taken and p.kind in LOOSE}
    numbers.update(_matched(left, Tagged("", free), lambda piece: piece.kind if piece.kind in LOOSE else None))
    own = {n: e.piece for e in starts if (n := numbers.get(e.occurrence)) and e.piece != source.pieces[n]}
    return _render(events, numbers), own


def _matched(starts: list[Event], source: Tagged, key) -> dict[int, int]:
    """Each event's tag number: the source's piece with the same `key` and the same rank among those."""
    wanted: dict = {}
    for number, piece in source.pieces.items():
        wanted.setdefault(key(piece), []).append(number)
    seen: dict = {}
    numbers = {}
    for e in starts:
        k = key(e.piece)
        if k is None:
            continue
        rank = seen.get(k, 0)
        seen[k] = rank + 1
        candidates = wanted.get(k, [])
        if rank < len(candidates) and (e.kind == "open") == (source.pieces[candidates[rank]].close is not None):
            numbers[e.occurrence] = candidates[rank]
    return numbers


def _render(events: list[Event], numbers: dict[int, int]) -> str:
    """The unit's text with each numbered piece as its tag, and every other piece as the Markdown it is."""
    out = []
    for e in events:
        n = numbers.get(e.occurrence)
        if e.kind == "text":
            out.append(e.text)
        elif e.kind == "empty":
            out.append(f"<{n}/>" if n else e.piece.open)
        elif e.kind == "open":
            out.append(f"<{n}>" if n else e.piece.open)
        else:
            out.append(f"</{n}>" if n else e.piece.close)
    return "".join(out)


def legend(tagged: Tagged) -> list[str]:
    """What the tags of a unit stand for, one line each, for the translator (structure is left out: it explains
    itself where it stands)."""
    lines = []
    for n, piece in tagged.pieces.items():
        if n == HEAD or piece.kind in STRUCTURE:
            continue
        if piece.close is None:
            lines.append(f"<{n}/> = {_short(piece.open)}")
        else:
            lines.append(f"<{n}>…</{n}> = {_short(piece.open + '…' + piece.close)}")
    return lines


def _short(markup: str, limit: int = 100) -> str:
    one_line = " ".join(markup.split())
    return one_line if len(one_line) <= limit else one_line[:limit - 1] + "…"


# -- untagging ---------------------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([0-9]+)(/?)>")


@dataclass
class _Reading:
    """The state of reading a translator's text: its tags in order, and what was found wrong."""

    pieces: dict
    problems: dict = field(default_factory=dict)  # what was found wrong, once each, in order
    seen: dict = field(default_factory=dict)  # (number, "open"/"close"/"empty") -> times
    structure: list[int] = field(default_factory=list)  # numbers of structure pieces, in the order written

    def problem(self, text: str) -> None:
        self.problems[text] = None


def untag(source: Tagged, own: dict, text: str) -> Untagged:
    """The Markdown of a translator's `text` for the unit `source`: each tag put back as the markup it stands
    for (the translation's own for the numbers in `own`, else the source's). Refused (problems given, head and
    body empty) when a tag of the source is missing, given twice, unknown, broken, misnested, out of order, or
    away from the start or end of line its structure needs, or when the text does not open with its heading."""
    reading = _Reading(source.pieces)
    tags = list(_TAG.finditer(text))
    stack: list[tuple[int, int]] = []  # the pairs open: (number, where the text they enclose starts)
    for m in tags:
        _read_tag(reading, m, text, stack)
    for n, _ in stack:
        reading.problem(f"<{n}> is not closed: write <{n}>…</{n}>")
    _check_complete(reading)
    _check_head(reading, text, tags)
    if reading.structure != sorted(reading.structure):
        first = next(b for a, b in zip(reading.structure, reading.structure[1:]) if b < a)
        reading.problem(f"<{first}/> is out of its place: list markers, table pipes and blocks keep the source's order")
    if reading.problems:
        return Untagged("", "", tuple(reading.problems))
    return _put_back(source, own, text, tags)


def _read_tag(reading: _Reading, m: re.Match, text: str, stack: list[tuple[int, int]]) -> None:
    closing, n, alone = m.group(1) == "/", int(m.group(2)), m.group(3) == "/"
    piece = reading.pieces.get(n)
    if piece is None:
        reading.problem(f"{m.group()} is not a tag of the source text: remove it")
        return
    if closing and alone:
        reading.problem(f"{m.group()} is broken: write <{n}/>" if piece.close is None else
                        f"{m.group()} is broken: write <{n}>…</{n}>")
        return
    form = "close" if closing else "empty" if alone else "open"
    if (form == "empty") != (piece.close is None):
        reading.problem(f"{m.group()} is broken: write <{n}/>" if piece.close is None else
                        f"{m.group()} is broken: it encloses text, write <{n}>…</{n}>")
        return
    reading.seen[(n, form)] = reading.seen.get((n, form), 0) + 1
    if reading.seen[(n, form)] == 2:
        reading.problem(f"{m.group()} is written twice: each tag stands once")
    if form == "open":
        stack.append((n, m.end()))
    elif form == "close":
        if not stack or stack[-1][0] != n:
            reading.problem(f"</{n}> closes what it did not open: keep <{n}>…</{n}> around its own text "
                            "and inside the tags around it")
        else:
            _, start = stack.pop()
            if n != HEAD and "\n" in text[start:m.start()]:
                reading.problem(f"<{n}>…</{n}> spans several lines: keep the text of a link on one line")
    if piece.kind in STRUCTURE:
        reading.structure.append(n)
    _check_anchor(reading, piece, n, m, text)


def _check_anchor(reading: _Reading, piece: Piece, n: int, m: re.Match, text: str) -> None:
    if piece.anchor == LINE_START and not (m.start() == 0 or text[m.start() - 1] == "\n"):
        reading.problem(f"<{n}/> must start a line: it is {_what(piece)}")
    if piece.anchor == LINE_END and not text[m.end():].startswith(("\n", "\r\n")) and m.end() < len(text):
        reading.problem(f"<{n}/> must end a line: it is {_what(piece)}")


def _what(piece: Piece) -> str:
    return {"item": "a list item's marker", "quote": "a block quote's marker", "cell": "a pipe of a table row",
            "footnote-definition": "the start of a footnote", "table-rule": "a table's delimiter row",
            "block": "a block of its own"}.get(piece.kind, "structure")


def _check_complete(reading: _Reading) -> None:
    for n, piece in reading.pieces.items():
        forms = ("empty",) if piece.close is None else ("open", "close")
        for form in forms:
            if not reading.seen.get((n, form)):
                tag = {"empty": f"<{n}/>", "open": f"<{n}>", "close": f"</{n}>"}[form]
                reading.problem(f"{tag} is missing: it stands for {_what_markup(n, piece)}; copy it from the "
                                "source text")


def _what_markup(n: int, piece: Piece) -> str:
    if n == HEAD:
        return "the heading"
    if piece.kind in STRUCTURE:
        return _what(piece)
    return _short(piece.open if piece.close is None else piece.open + "…" + piece.close, 60)


def _check_head(reading: _Reading, text: str, tags: list[re.Match]) -> None:
    """The text opens with the heading <1>…</1>, on one line and not empty."""
    opening = next((m for m in tags if m.group() == f"<{HEAD}>"), None)
    closing = next((m for m in tags if m.group() == f"</{HEAD}>"), None)
    if opening is None or closing is None or closing.start() < opening.end():
        return  # reported as missing or misnested
    if text[:opening.start()].strip():
        reading.problem(f"text before <{HEAD}>: the translation opens with its heading <{HEAD}>…</{HEAD}>")
    label = text[opening.end():closing.start()]
    if "\n" in label:
        reading.problem(f"the heading <{HEAD}>…</{HEAD}> spans several lines: write it on one")
    elif not _TAG.sub("", label).strip():
        reading.problem(f"the heading <{HEAD}>…</{HEAD}> holds no text")


def _put_back(source: Tagged, own: dict, text: str, tags: list[re.Match]) -> Untagged:
    head: list[str] = []
    body: list[str] = []
    out = None  # nothing is kept before the heading (only blank space may stand there)
    pos = 0
    for m in tags:
        if out is not None:
            out.append(text[pos:m.start()])
        pos = m.end()
        closing, n = m.group(1) == "/", int(m.group(2))
        if n == HEAD:
            out = body if closing else head
            continue
        piece = own.get(n, source.pieces[n])
        out.append(piece.close if closing else piece.open)
    if out is not None:
        out.append(text[pos:])
    return Untagged("".join(head).strip(" \t"), "".join(body).strip("\n"))

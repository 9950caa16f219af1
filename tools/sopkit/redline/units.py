"""The rows of a table and the items of a list as units of their own inside one paragraph of the comparison.

A paragraph of the diff is a block of the model: a whole table or a whole list is one, so that no change is ever
cut across a block. Inside such a block, a reviewer still reads row by row and item by item: a row added is one
row inserted, not the table rewritten, and a cell edited is an edit in that row only. So the rows (each line of a
table) and the items (each list item, at any depth, with its continuation lines) are aligned first, by their text
and then by similarity, and words are compared only inside a row or an item paired with its old version. A unit
with no partner is inserted or deleted whole (`WordOp.whole`), its text whole lines, so that a renderer can mark
the row or the item itself (Word's row and paragraph marks) rather than words glued across the structure.

Operations still rebuild both texts exactly: joining the old sides gives the old block and the new sides the new.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import replace

from rapidfuzz import fuzz

from .words import Token, WordOp, whole_op, word_ops

UNIT_KINDS = ("table", "list")  # the blocks whose rows or items are units
UNIT_SCORE = 55  # rows or items less alike than this are one deleted and one inserted, not one edited
PAIRS_COMPARED = 10_000  # above this many (old, new) pairs of changed units, units are paired by place only


def unit_starts(text: str, kind: str) -> list[int]:
    """Where each unit of a block starts (offsets into `text`): every line of a table, every list item of a list
    at any depth (as CommonMark reads the list), the whole text for any other block."""
    if kind == "table":
        starts, pos = [0], text.find("\n")
        while pos != -1 and pos + 1 < len(text):
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        return starts
    if kind != "list":
        return [0]
    if "```" not in text and "~~~" not in text and "    " not in text.replace("\n    -", ""):
        # a plain list (the common case): an item starts each line that opens with a list marker
        return [0, *(m.start() + 1 for m in _ITEM.finditer(text))]
    # a fence, or a line indented four spaces (code, or a paragraph inside an item): markdown-it tells which
    # markers open items
    from ..blocks import _parser

    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    items = sorted({tok.map[0] for tok in _parser().parse(text) if tok.type == "list_item_open" and tok.map})
    return sorted({0, *(offsets[k] for k in items if k < len(offsets) - 1)})


_ITEM = re.compile(r"\n(?=[ \t]{0,12}(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$))")  # a line break before an item


def split_tokens(tokens: list[Token], starts: list[int]) -> list[list[Token]]:
    """The tokens of a block cut at the units' starts. A start falls in the white space after a token (a line
    start follows a line break), which is then cut in two; a start inside a word (never made by `unit_starts`)
    is not a boundary."""
    units: list[list[Token]] = [[]]
    bounds = iter(starts[1:])
    bound = next(bounds, None)
    pos = 0
    for t in tokens:
        end = pos + len(t.text)
        while bound is not None and bound <= pos:
            if units[-1]:
                units.append([])
            bound = next(bounds, None)
        while bound is not None and pos + len(t.core) <= bound < end:
            cut = bound - pos
            units[-1].append(t._replace(text=t.text[:cut]))
            units.append([])
            t = Token("", t.text[cut:])
            pos = bound
            bound = next(bounds, None)
        if t.text:
            units[-1].append(t)
        pos = end
    return [u for u in units if u]


def unit_ops(old: list[Token], new: list[Token], old_starts: list[int], new_starts: list[int]) -> list[WordOp]:
    """The operations turning a block into its new version, unit by unit (see the module's note)."""
    a, b = split_tokens(old, old_starts), split_tokens(new, new_starts)
    if len(a) <= 1 and len(b) <= 1:
        return word_ops(old, new)
    keys_a = [tuple(t.core for t in u) for u in a]
    keys_b = [tuple(t.core for t in u) for u in b]
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if tag == "equal":
            for u, v in zip(a[i1:i2], b[j1:j2]):
                ops += word_ops(u, v)
            continue
        pairs = _paired(a[i1:i2], b[j1:j2])
        i, j = 0, 0
        for pi, pj in [*pairs, (i2 - i1, j2 - j1)]:
            ops += [_whole(a[i1 + k], "delete") for k in range(i, pi)]
            ops += [_whole(b[j1 + k], "insert") for k in range(j, pj)]
            if pi < i2 - i1:
                ops += word_ops(a[i1 + pi], b[j1 + pj])
            i, j = pi + 1, pj + 1
    return ops


def _paired(a: list[list[Token]], b: list[list[Token]]) -> list[tuple[int, int]]:
    """Units of the two sides paired by similarity, best first, kept in the order both sides have them."""
    texts_a = ["".join(t.text for t in u).strip() for u in a]
    texts_b = ["".join(t.text for t in u).strip() for u in b]
    if len(a) * len(b) <= PAIRS_COMPARED:
        candidates = ((i, j) for i in range(len(a)) for j in range(len(b)))
    else:  # a table or list rewritten at length: each unit is compared with the one in its own place only
        candidates = ((i, i) for i in range(min(len(a), len(b))))
    scored = sorted(((_alike(a[i], b[j], texts_a[i], texts_b[j]), i, j) for i, j in candidates), reverse=True)
    pairs: list[tuple[int, int]] = []
    used_a, used_b = set(), set()
    for score, i, j in scored:
        if score < UNIT_SCORE:
            break
        if i in used_a or j in used_b or any((i < pi) != (j < pj) for pi, pj in pairs):
            continue  # taken, or crossing a better pair: the units of a block keep their order
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def _alike(a: list[Token], b: list[Token], text_a: str, text_b: str) -> float:
    """How alike two units are (0-100). A short item or row extended or cut at its end (`- d` and `- d changed`)
    is the same unit edited, though the characters alone would call it unlike."""
    score = fuzz.ratio(text_a, text_b)
    if score < UNIT_SCORE and min(len(a), len(b)) >= 2:
        short, long = sorted(([t.core for t in a if t.core], [t.core for t in b if t.core]), key=len)
        if long[:len(short)] == short:
            return UNIT_SCORE
    return score


def _whole(unit: list[Token], op: str) -> WordOp:
    """A row or item inserted or deleted whole, with its words and citations counted."""
    return replace(whole_op(op, unit), whole=True)


# what starts a line of a list item, a quote or a table row and is structure, not words: indentation, list markers
# (with a task's box), quote markers, a table's outer pipe
STRUCTURE = re.compile(r"[ \t]*(?:(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]+\[[ xX]\](?=[ \t]))?(?:[ \t]+|$)|>[ \t]?|\|[ \t]*)*")
_CELL_BORDER = re.compile(r"([ \t]*(?<!\\)\|[ \t]*)")
_BLANK = " \t\n\r"  # white space as Markdown reads it
_DELIMITER = re.compile(r":?-+:?")  # a cell of the row under a table's header


def wrap_lines(text: str, block: str, wrap: Callable[[str], str], line_start: bool = True, line_mark: str = ""
               ) -> str:
    """`text` with its words wrapped (`wrap(words)` gives them with their marks), line by line and, in a table,
    cell by cell: the structure at the start of each line (only where a line starts: the first line's when
    `line_start`) and the white space at its ends stay outside, so that the marks never break the Markdown
    around them. `line_mark` goes before the words of each line (a row or item changed whole)."""
    out = []
    for k, line in enumerate(text.split("\n")):
        if k:
            out.append("\n")
        head = STRUCTURE.match(line).end() if k or line_start else 0
        core = line[head:].rstrip(_BLANK)
        out.append(line[:head])
        if core and line_mark:
            out.append(line_mark)
        for n, piece in enumerate(_CELL_BORDER.split(core) if block == "table" else [core]):
            words = piece.strip(_BLANK)
            if n % 2 or not words or (block == "table" and _DELIMITER.fullmatch(words)):  # a border, an empty
                out.append(piece)  # cell, or the row under a table's header: structure, never words
            else:
                start = piece.index(words)
                out.append(piece[:start] + wrap(words) + piece[start + len(words):])
        out.append(line[head + len(core):])
    return "".join(out)

"""Words of a paragraph, and the word operations that turn one paragraph into another.

A token is a word (letters, combining marks, digits, ZWNJ and ZWJ: an Arabic word keeps its diacritics and a
Kurdish word its ZWNJ), a single other visible or invisible character (so that a change touching only a
bidirectional control is shown), or a whole citation (so that Article 6 becoming Article 7 is one change).
Each token carries the white space after it, which is never compared: reflowing a paragraph is not a change.
White space is what a reader sees as such: the controls Python or Unicode also call white space (vertical tab,
form feed, U+001C-U+001F, NEXT LINE, the line and paragraph separators) are tokens, so that a change adding
one is a change, shown as `<U+000B>`.

Operations carry the old and the new text of their span: joining the `old` sides gives the old paragraph and
joining the `new` sides gives the new one, exactly.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import NamedTuple

import regex

from ..visible import CONTROLS, LINE_SEPARATORS, WHITE_SPACE, members

_SHOWN_SPACE = "".join(c for c in members(CONTROLS + LINE_SEPARATORS) if c.isspace() and c not in WHITE_SPACE)
_SPACE = rf"[^\S{_SHOWN_SPACE}]"
_TOKEN = regex.compile(rf"([\p{{L}}\p{{M}}\p{{N}}\u200c\u200d]+|\S|[{_SHOWN_SPACE}])({_SPACE}*)")
_LEAD = regex.compile(rf"{_SPACE}*")


class Token(NamedTuple):  # a NamedTuple: built for every word of every changed paragraph, 4x cheaper than a dataclass
    core: str  # what is compared
    text: str  # the core and the white space after it, as written
    citation: str | None = None  # law:id#provision for a citation token


@dataclass(frozen=True)
class WordOp:
    op: str  # equal, insert, delete, replace
    old: str
    new: str
    old_words: int = 0  # words (and citations) on each side; punctuation and marks do not count
    new_words: int = 0
    old_cites: tuple[str, ...] = ()  # what the citations on each side cite (law:id#provision)
    new_cites: tuple[str, ...] = ()
    moved: bool = False  # a paragraph leaving or arriving by a move (reported as the move, not as this)
    whole: bool = False  # a table row or list item inserted or deleted whole (units.py): its text is whole lines

    def as_dict(self) -> dict:
        return {"op": self.op, "old": self.old, "new": self.new}


def tokenize(text: str, citations: list[tuple[int, int, str]] = ()) -> list[Token]:
    """Tokens of `text`; `citations` are (start, end, key) spans that become one token each."""
    tokens: list[Token] = []
    pos = 0
    lead = _LEAD.match(text).end()
    if lead:  # leading white space, kept so that the tokens give back the text
        tokens.append(Token("", text[:lead]))
        pos = lead
    for start, end, key in sorted(citations):
        if start < pos:
            continue
        tokens += _words(text, pos, start)
        stop = end
        stop = _LEAD.match(text, stop).end()
        tokens.append(Token(text[start:end], text[start:stop], key))
        pos = stop
    tokens += _words(text, pos, len(text))
    return tokens


def _words(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.group(1), m.group(0)) for m in _TOKEN.finditer(text, start, end)]


# Above this many token pairs difflib's matcher (quadratic or worse on repetitive text: 8,000 tokens of
# "a b a b" took 7 s) gives way to rapidfuzz's bit-parallel LCS, and above the second bound, whose LCS table
# would take hundreds of MiB, the differing middle is shown as one replacement: coarse, but every word is kept.
DIFFLIB_PAIRS = 1_000_000
LCS_PAIRS = 100_000_000


def word_ops(old: list[Token], new: list[Token]) -> list[WordOp]:
    """The operations turning `old` into `new`, compared on token cores (difflib, no junk heuristic).

    Paragraphs of ordinary length go to difflib. Very long ones are first trimmed of their common beginning
    and end, and what differs in between is compared by a bounded method (see DIFFLIB_PAIRS), so that no
    paragraph, however long or repetitive, makes a diff hang.
    """
    a, b = [t.core for t in old], [t.core for t in new]
    ops = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        a = "".join(t.text for t in old[i1:i2])
        b = "".join(t.text for t in new[j1:j2])
        ops.append(WordOp(tag, a, b, _words_in(old[i1:i2]), _words_in(new[j1:j2]),
                          tuple(t.citation for t in old[i1:i2] if t.citation),
                          tuple(t.citation for t in new[j1:j2] if t.citation)))
    return ops


def whole_op(op: str, tokens: list[Token]) -> WordOp:
    """A text inserted or deleted whole (a paragraph, a section, a table row or list item), `op` "insert" or
    "delete", with its words and citations counted."""
    ops = word_ops([], tokens) if op == "insert" else word_ops(tokens, [])
    return ops[0] if ops else WordOp(op, "", "")


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    if len(a) * len(b) <= DIFFLIB_PAIRS:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a_mid, b_mid = a[head:len(a) - tail], b[head:len(b) - tail]
    if len(a_mid) * len(b_mid) <= DIFFLIB_PAIRS:
        middle = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False).get_opcodes()
    elif len(a_mid) * len(b_mid) <= LCS_PAIRS:
        from rapidfuzz.distance import Indel

        middle = [tuple(op) for op in Indel.opcodes(a_mid, b_mid)]
    else:
        middle = [("replace", 0, len(a_mid), 0, len(b_mid))]
    out = [("equal", 0, head, 0, head)] if head else []
    out += [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in middle
            if i2 > i1 or j2 > j1]
    if tail:
        out.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return _merge_equal(out)


def _merge_equal(ops: list) -> list:
    """Join neighbouring operations of the same kind (the trimmed ends and the middle's own equal runs)."""
    merged: list = []
    for op in ops:
        if merged and merged[-1][0] == op[0] and merged[-1][2] == op[1] and merged[-1][4] == op[3]:
            merged[-1] = (op[0], merged[-1][1], op[2], merged[-1][3], op[4])
        else:
            merged.append(op)
    return merged


def _words_in(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.citation or _WORDLIKE.match(t.core))


_WORDLIKE = regex.compile(r"[\p{L}\p{N}]")


def counted(ops: list[WordOp]) -> tuple[int, int]:
    """(inserted words, deleted words) of a list of operations."""
    inserted = sum(o.new_words for o in ops if o.op in ("insert", "replace"))
    deleted = sum(o.old_words for o in ops if o.op in ("delete", "replace"))
    return inserted, deleted


def apply(ops: list[WordOp]) -> tuple[str, str]:
    """(old text, new text) that the operations describe."""
    return "".join(o.old for o in ops), "".join(o.new for o in ops)


def spaced(ops: list[WordOp]) -> list[WordOp]:
    """The operations for a redline that writes unchanged words once, as the new draft has them (HTML,
    CriticMarkup). Where one side has white space after an unchanged run and the other has none (`judge ` +
    [-victim-] against `judge`), that white space moves into the change after it (`judge` + [- victim-]):
    written from the new side alone, the old side's words would run together, and rejecting the changes would
    not give the old text back."""
    out: list[WordOp] = []
    pending: tuple[str, str] | None = None  # the (old, new) white space an unchanged run left for what follows
    for o in ops:
        if pending is not None:
            ws_old, ws_new = pending
            pending = None
            if o.op == "equal":
                out.append(WordOp(_kind(ws_old, ws_new), ws_old, ws_new))
            else:
                o = replace(o, op=_kind(ws_old + o.old, ws_new + o.new), old=ws_old + o.old, new=ws_new + o.new)
        if o.op == "equal":
            ws_old, ws_new = _trailing_space(o.old), _trailing_space(o.new)
            if bool(ws_old) != bool(ws_new):
                o = replace(o, old=o.old[:len(o.old) - len(ws_old)], new=o.new[:len(o.new) - len(ws_new)])
                pending = (ws_old, ws_new)
        out.append(o)
    if pending is not None:
        out.append(WordOp(_kind(*pending), *pending))
    return out


def _trailing_space(text: str) -> str:
    # scanned from the end: a regular expression anchored at the end would retry from every position
    i = len(text)
    while i and text[i - 1].isspace() and text[i - 1] not in _SHOWN_SPACE:
        i -= 1
    return text[i:]


def _kind(old: str, new: str) -> str:
    return "replace" if old and new else "delete" if old else "insert"


def side_runs(ops: list[WordOp], blank: str | None = None) -> list[tuple[str, str]]:
    """The operations as runs of text of both sides ("both"), of the old only ("old") or of the new only
    ("new"): white space too, a space only one side has belonging to that side (`blank`: the characters that
    count as white space, str.strip's default when None). A row or item changed whole is a run of its own,
    "old-row" or "new-row" (units.py), for the renderers that mark the row or item itself."""
    pieces: list[tuple[str, str]] = []
    for o in ops:
        if o.whole:
            pieces += [("old-row", o.old), ("new-row", o.new)]
        elif o.op == "equal":
            core = o.new.rstrip(blank)
            ws_new, ws_old = o.new[len(core):], o.old[len(o.old.rstrip(blank)):]
            pieces += [("both", core), ("both" if ws_new and ws_old else "new" if ws_new else "old", ws_new or ws_old)]
        else:
            pieces += [("old", o.old), ("new", o.new)]
    runs: list[list[str]] = []
    for side, text in pieces:
        if not text:
            continue
        if runs and runs[-1][0] == side:
            runs[-1][1] += text
        else:
            runs.append([side, text])
    return [(side, text) for side, text in runs]

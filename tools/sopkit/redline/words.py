"""Words of a paragraph, and the word operations that turn one paragraph into another.

A token is a word (letters, combining marks, digits, ZWNJ and ZWJ: an Arabic word keeps its diacritics and a
Kurdish word its ZWNJ), a single other visible or invisible character (so that a change touching only a
bidirectional control is shown), or a whole citation (so that Article 6 becoming Article 7 is one change).
Each token carries the white space after it, which is never compared: reflowing a paragraph is not a change.

Operations carry the old and the new text of their span: joining the `old` sides gives the old paragraph and
joining the `new` sides gives the new one, exactly.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import NamedTuple

import regex

_TOKEN = regex.compile(r"([\p{L}\p{M}\p{N}\u200c\u200d]+|\S)(\s*)")


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

    def as_dict(self) -> dict:
        return {"op": self.op, "old": self.old, "new": self.new}


def tokenize(text: str, citations: list[tuple[int, int, str]] = ()) -> list[Token]:
    """Tokens of `text`; `citations` are (start, end, key) spans that become one token each."""
    tokens: list[Token] = []
    pos = 0
    if text[:1].isspace():  # leading white space, kept so that the tokens give back the text
        lead = len(text) - len(text.lstrip())
        tokens.append(Token("", text[:lead]))
        pos = lead
    for start, end, key in sorted(citations):
        if start < pos:
            continue
        tokens += _words(text, pos, start)
        stop = end
        while stop < len(text) and text[stop].isspace():
            stop += 1
        tokens.append(Token(text[start:end], text[start:stop], key))
        pos = stop
    tokens += _words(text, pos, len(text))
    return tokens


def _words(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.group(1), m.group(0)) for m in _TOKEN.finditer(text, start, end)]


def word_ops(old: list[Token], new: list[Token]) -> list[WordOp]:
    """The operations turning `old` into `new`, compared on token cores (difflib, no junk heuristic)."""
    matcher = difflib.SequenceMatcher(None, [t.core for t in old], [t.core for t in new], autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a = "".join(t.text for t in old[i1:i2])
        b = "".join(t.text for t in new[j1:j2])
        ops.append(WordOp(tag, a, b, _words_in(old[i1:i2]), _words_in(new[j1:j2]),
                          tuple(t.citation for t in old[i1:i2] if t.citation),
                          tuple(t.citation for t in new[j1:j2] if t.citation)))
    return ops


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

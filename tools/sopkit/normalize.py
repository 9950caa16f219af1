"""A normalized view of text for matching, with a map back to the original offsets.

Real citations mix digit systems (2012, ٢٠١٢, ۲۰۱۲), write Kurdish with Arabic letter forms (ك for ک, ي for
ی, ه for ە, ل for ڵ), stretch words with tatweel, add diacritics and invisible marks, and break lines anywhere.
Matching runs on a folded view where all of these are one form; every position reported is mapped back to
the original text (as eyecite's SpanUpdater does), so a span always slices the text as written.

Example:
    >>> v = normalize("المادة (٩)ـی")
    >>> v.text
    'الماده (9)ی'
    >>> v.original_span(8, 9)
    (8, 9)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .visible import BIDI_CONTROLS, DIRECTION_MARKS, members

_DELETED = (
    "\u0640"  # tatweel
    + "".join(map(chr, range(0x064B, 0x0660)))  # harakat, tanween, shadda, sukun ...
    + "\u0670"  # superscript alef
    + "\u00ad"  # soft hyphen
    + "\u200b\u200c\u200d\ufeff"  # zero-width space, non-joiner and joiner, byte-order mark
    + DIRECTION_MARKS + members(BIDI_CONTROLS)  # the same marks and controls the reports show (visible.py)
)

_FOLDED = {
    # Arabic letter forms and their Kurdish counterparts fold to one letter each
    "\u0643": "\u06a9",  # ك -> ک
    "\u064a": "\u06cc",  # ي -> ی
    "\u0649": "\u06cc",  # ى -> ی
    "\u06ce": "\u06cc",  # ێ -> ی
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ -> ا
    "\u0629": "\u0647",  # ة -> ه
    "\u06d5": "\u0647",  # ە -> ه
    "\u06be": "\u0647",  # ھ -> ه
    "\u0695": "\u0631",  # ڕ -> ر
    "\u06b5": "\u0644",  # ڵ -> ل
    "\u06c6": "\u0648",  # ۆ -> و
    "\u0624": "\u0648",  # ؤ -> و
    "\u0626": "\u06cc",  # ئ -> ی
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-",  # dashes
    "\u066b": ".", "\u066c": ",",  # Arabic decimal and thousands separators
    "\uff08": "(", "\uff09": ")",
}
_FOLDED.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits
_FOLDED.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Persian digits
_FOLDED.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})  # ASCII lower case

_MARKS = frozenset("\u0640\u0670" + "".join(map(chr, range(0x064B, 0x0660))))
_TABLE = str.maketrans({**{c: None for c in _DELETED}, **_FOLDED})
_SPACES = frozenset(" \t\n\r\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000")


_TABLE_SPACES = str.maketrans({**{c: None for c in _DELETED}, **_FOLDED, **{c: " " for c in _SPACES}})


def fold(text: str) -> str:
    """The folded form of a short text (a keyword, a law title), for building patterns and lookups."""
    return " ".join(text.translate(_TABLE).split())


@dataclass(frozen=True)
class NormalizedText:
    """`text` is the folded view; `index[i]` is the original offset of `text[i]` (and index[len] the end)."""

    original: str
    text: str
    index: Sequence[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the normalized span [start, end) came from."""
        if start >= end:
            return self.index[start], self.index[start]
        stop = self.index[end - 1] + 1
        while stop < len(self.original) and self.original[stop] in _MARKS:  # a word's trailing tanween, tatweel
            stop += 1
        return self.index[start], stop


def normalize(text: str, start: int = 0, end: int | None = None) -> NormalizedText:
    """Fold `text[start:end]`: one form per letter and digit, no invisible marks, runs of white space as one space.

    Offsets in the result's index are offsets into the whole `text`.
    """
    end = len(text) if end is None else end
    segment = text[start:end]
    folded = segment.translate(_TABLE_SPACES)
    if len(folded) == len(segment) and "  " not in folded and folded[:1] != " " and folded[-1:] != " ":
        return NormalizedText(text, folded, range(start, end + 1))  # nothing deleted or collapsed: offsets as is
    out: list[str] = []
    index: list[int] = []
    space = False
    for i in range(start, end):
        ch = text[i]
        if ch in _SPACES:
            if not space and out:
                out.append(" ")
                index.append(i)
            space = True
            continue
        folded = ch.translate(_TABLE)
        if not folded:
            continue
        space = False
        out.append(folded)
        index.append(i)
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    index.append(index[-1] + 1 if index else start)
    return NormalizedText(text, "".join(out), tuple(index))

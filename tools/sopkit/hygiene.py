"""Text hygiene over every file of the corpus: invisible and bidirectional controls (V006), numbers that mix
digit systems (V008), Arabic letter forms standing in for Sorani letters in Kurdish text (V011), and control
characters (V012).

Each finding is reported at the exact character, with its code point, because the point of these checks is
that a reader cannot see the problem.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from .diagnostics import Diagnostic, diagnostic
from .memo import Memo
from .parallel import map_items
from .model import Corpus, TextFile
from .visible import BIDI_CONTROLS, CONTROL_IN_TEXT, INVISIBLE

# Bidirectional controls and invisible characters as the reports and redlines define them (visible.py; a BOM
# counts after the file's start), and U+FB50-U+FDFF and U+FE70-U+FEFE Arabic presentation forms, which are
# visible but are not the letters they look like. ZWNJ U+200C, ZWJ U+200D, LRM U+200E, RLM U+200F and ALM
# U+061C are legitimate.
_INVISIBLE = re.compile(f"[{BIDI_CONTROLS}{INVISIBLE}\ufb50-\ufdff\ufe70-\ufefe]")
_DIGITS = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]+")
_OTHER_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]+")
_WESTERN = frozenset("0123456789")
# Every character CONTROL_IN_TEXT can match, and carriage returns before a line feed: one character class, which
# the regular expression engine looks for several times faster than CONTROL_IN_TEXT's alternation.
_MAY_BE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_STAND_INS = re.compile("[\u0643\u064a\u0649]")  # ك ي ى
_SORANI = {"\u0643": "\u06a9", "\u064a": "\u06cc", "\u0649": "\u06cc"}  # ک ی
_WORD = re.compile(r"[\w\u200c\u200d]+")


def check_text(corpus: Corpus, memo: Memo | None = None) -> list[Diagnostic]:
    """V006, V008, V011 and V012 for every text file of the corpus."""
    if memo is None:
        return [d for found in map_items(scan_file, list(corpus.files)) for d in found]
    return [d for f in corpus.files for d in memo.get("hygiene", f, scan_file)]


def scan_file(f: TextFile) -> list[Diagnostic]:
    out = []
    locate = _Locator(f.text)
    for m in _INVISIBLE.finditer(f.text):
        ch = m.group()
        line, col = locate(m.start())
        name = unicodedata.name(ch, "UNNAMED")
        out.append(diagnostic("V006", f.path, line, col, f"invisible character U+{ord(ch):04X} {name}",
                              _invisible_hint(ch)))
    for m in CONTROL_IN_TEXT.finditer(f.text) if _MAY_BE_CONTROL.search(f.text) else ():
        ch = m.group()
        line, col = locate(m.start())
        out.append(diagnostic("V012", f.path, line, col, f"control character U+{ord(ch):04X} {_control_name(ch)}",
                              _control_hint(ch)))
    reported_to = -1
    for run in _OTHER_DIGITS.finditer(f.text):  # only where a non-Western digit stands can a number mix systems
        if run.start() < reported_to:
            continue  # one finding per number, however many runs it has
        a, b, digits = run.start(), run.end(), run.group()
        # a Western digit next to it (the run holds all the others), or Arabic-Indic and Persian within it
        mixed = (a > 0 and f.text[a - 1] in _WESTERN) or (b < len(f.text) and f.text[b] in _WESTERN) \
            or not (max(digits) <= "\u0669" or min(digits) >= "\u06f0")
        if not mixed:
            continue
        m = _DIGITS.match(f.text, _run_start(f.text, a))
        reported_to = m.end()
        systems = {_system(c) for c in m.group()}
        line, col = locate(m.start())
        out.append(diagnostic("V008", f.path, line, col,
                              f"the number '{m.group()}' mixes {', '.join(sorted(systems))} digits",
                              "retype the number in one digit system"))
    if f.lang == "ckb":
        for m in _STAND_INS.finditer(f.text):
            word = _word_at(f.text, m.start())
            if len(word) <= 1:  # a lone letter, such as an abjad point
                continue
            line, col = locate(m.start())
            ch = m.group()
            out.append(diagnostic("V011", f.path, line, col,
                                  f"'{word}' is written with Arabic {ch} (U+{ord(ch):04X}) where Sorani has "
                                  f"{_SORANI[ch]} (U+{ord(_SORANI[ch]):04X})",
                                  f"write '{word.translate(str.maketrans(_SORANI))}'; if the word is quoted Arabic, "
                                  "keep it and ignore this warning"))
    return out


def _run_start(text: str, i: int) -> int:
    while i > 0 and _DIGITS.match(text, i - 1):
        i -= 1
    return i


def _invisible_hint(ch: str) -> str:
    if "\ufb50" <= ch <= "\ufefe":
        return f"replace it with its standard letter {unicodedata.normalize('NFKC', ch)!r} (NFKC normalization)"
    if ch == "\ufeff":
        return "delete it: a byte-order mark belongs only at the very start of a file, if anywhere"
    return "delete it; if the display order looks wrong without it, reorder the text instead"


def _control_name(ch: str) -> str:
    # unicodedata has no names for controls; these are their Unicode aliases
    return _CONTROL_NAMES.get(ch, "C0 CONTROL" if ch < "\x20" else "DELETE" if ch == "\x7f" else "C1 CONTROL")


_CONTROL_NAMES = {"\x00": "NULL", "\x07": "BELL", "\x08": "BACKSPACE", "\x0b": "LINE TABULATION",
                  "\x0c": "FORM FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x85": "NEXT LINE"}


def _control_hint(ch: str) -> str:
    if ch == "\r":
        return "a carriage return alone is a line break to some readers and none to others: use a line feed"
    if ch in "\x0b\x0c\x85":
        return "replace it with a line break or a space"
    return "delete it: it is not text, and usually came in with text pasted from a PDF, a terminal or a word processor"


def _system(c: str) -> str:
    if c <= "9":
        return "Western"
    return "Arabic-Indic" if c <= "\u0669" else "Persian"


def _word_at(text: str, i: int) -> str:
    for m in _WORD.finditer(text, max(0, i - 40), i + 40):
        if m.start() <= i < m.end():
            return m.group()
    return text[i]


class _Locator:
    """Offsets to 1-based (line, column), with a line index built on first use."""

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._starts

    def __call__(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

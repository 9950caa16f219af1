r"""The one definition of a character that must never reach a reader unseen, and the one way to show it:
`<U+202E>`.

A terminal obeys control characters: ESC opens a sequence that can retitle the window, clear the screen or
write the clipboard, BEL rings, CR goes back over the line. A bidirectional control reorders everything
displayed after it ("51" shows as "15"), and an invisible format character changes a word without a trace.
Chapter text, law text, file names, git tag messages and author names, and the command line itself can all
hold them; every report and redline shows them spelled out instead (the hygiene check reports them in the
corpus with the same sets: V006 for bidirectional controls and invisible characters, V012 for controls).

Example:
    >>> show("Article \u202e51\u202c of the law\x1b]0;owned\x07")
    'Article <U+202E>51<U+202C> of the law<U+001B>]0;owned<U+0007>'
    >>> show("one\ttwo\nthree", keep="\t")
    'one\ttwo<U+000A>three'
"""

from __future__ import annotations

import re

# Each set is a regular-expression class body, so that the patterns below are built from the same pieces;
# DIRECTION_MARKS and WHITE_SPACE have no ranges, so they are also the characters a format may `keep`.
CONTROLS = "\x00-\x1f\x7f-\x9f"  # C0, DEL, C1 (U+0085 NEXT LINE among them); a format keeps \t or \n if it may
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"  # embeddings, overrides (LRE RLE PDF LRO RLO) and isolates
DIRECTION_MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM: legitimate in Arabic and Kurdish text, still invisible
INVISIBLE = "\u200b\ufeff\U000e0000-\U000e007f"  # zero-width space, byte-order mark, tag characters
LINE_SEPARATORS = "\u2028\u2029"  # line and paragraph separators: a line break to some readers, none to others
NONCHARACTERS = "\ufffe\uffff"  # not characters at all; XML (and so Word) cannot hold them

# The controls the hygiene check reports in a text (V012; V006 reports BIDI_CONTROLS and INVISIBLE): every
# one of CONTROLS except a tab and a line feed, which are white space, and a carriage return before a line feed,
# which is a Windows line ending. ZWNJ and ZWJ are parts of Kurdish and Arabic words and never count.
CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")

UNSAFE = re.compile(f"[{CONTROLS}{BIDI_CONTROLS}{DIRECTION_MARKS}{INVISIBLE}{LINE_SEPARATORS}{NONCHARACTERS}]")

WHITE_SPACE = "\t\n\r"  # what a multi-line format (a redline's text) may keep as it is


def members(char_class: str) -> str:
    """The characters of one of the sets above (its ranges written out), e.g. for a translation table."""
    out, i = [], 0
    while i < len(char_class):
        if i + 2 < len(char_class) and char_class[i + 1] == "-":
            out += map(chr, range(ord(char_class[i]), ord(char_class[i + 2]) + 1))
            i += 3
        else:
            out.append(char_class[i])
            i += 1
    return "".join(out)


def shown(ch: str) -> str:
    """How one character is shown: `<U+202E>`."""
    return f"<U+{ord(ch):04X}>"


def show(text: str, keep: str = "") -> str:
    """`text` with every unsafe character shown as `<U+XXXX>`, except the characters of `keep` (e.g. "\\t" in
    a one-line report, "\\t\\n\\r" in a multi-line redline). Nothing is dropped: every character of `text` is
    either kept or spelled out."""
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: m.group() if m.group() in keep else shown(m.group()), text)


def json_safe(dumped: str) -> str:
    """A JSON document (from json.dumps with ensure_ascii=False) with every unsafe character inside its strings
    written as a JSON escape (`\\u202e`): a JSON parser reads exactly the same strings, a terminal sees no raw
    control. json.dumps already escapes C0 controls inside strings, so a raw line feed is the indentation's."""
    return UNSAFE.sub(lambda m: m.group() if m.group() == "\n" else _json_escape(m.group()), dumped)


def _json_escape(ch: str) -> str:
    n = ord(ch)
    if n <= 0xFFFF:
        return f"\\u{n:04x}"
    n -= 0x10000  # a tag character: a surrogate pair, as JSON writes characters outside the BMP
    return f"\\u{0xD800 + (n >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}"

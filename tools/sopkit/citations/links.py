"""Citation links, `[label](law:...)` and `[label](sop:...)`, found in time linear in the text.

The links are those of the regular expression

    \\[(?P<label>[^\\[\\]\\n]*(?:\\[[^\\[\\]\\n]*\\][^\\[\\]\\n]*)*)\\]\\((?P<scheme>law|sop):(?P<target>[^)\\s]*)\\)

(a label on one line holding at most one level of balanced brackets, a target without space up to the first
`)`), with `finditer`'s leftmost, non-overlapping choice. The expression itself is quadratic: a line of
99,000 characters of `[](law:` took 6.5 s, because every `[` starts a match that reads to the end of the line
before failing. Here brackets are matched once with a stack per line, and the end of each target is found
once and reused by every `](law:` that shares it, so each character is read a bounded number of times.

Example:
    >>> [(m.label, m.target) for m in scan_links("see [Art. 6](law:iq/law-28-2012#6) and [](sop:ch5)")]
    [('Art. 6', 'iq/law-28-2012#6'), ('', 'ch5')]
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

_OPENING = re.compile(r"\]\((law|sop):")
_TARGET_END = re.compile(r"[)\s]")
_BRACKET = re.compile(r"[\[\]\n]")


class LinkMatch(NamedTuple):
    start: int  # the `[`
    end: int  # after the `)`
    label_start: int
    label: str
    scheme: str  # "law" or "sop"
    target: str  # what follows `scheme:`, as written

    def group(self, text: str) -> str:
        """The whole link as written in `text`."""
        return text[self.start:self.end]


def scan_links(text: str) -> Iterator[LinkMatch]:
    """Every citation link of `text`, in order, never overlapping."""
    closers = _label_starts(text)
    candidates = []
    target_from, target_end = -1, -1  # the last search for a target's end, reused while it still applies
    for m in _OPENING.finditer(text):
        start = closers.get(m.start())
        if start is None:
            continue
        t0 = m.end()
        if not (target_from <= t0 <= target_end):
            found = _TARGET_END.search(text, t0)
            target_from, target_end = t0, found.start() if found else len(text)
        if target_end >= len(text) or text[target_end] != ")":
            continue
        candidates.append(LinkMatch(start, target_end + 1, start + 1, text[start + 1:m.start()], m.group(1),
                                    text[t0:target_end]))
    candidates.sort()
    pos = 0
    for c in candidates:  # leftmost first, then the next that starts after it ends (as finditer does)
        if c.start >= pos:
            yield c
            pos = c.end


def _label_starts(text: str) -> dict[int, int]:
    """For each `]` that closes a possible label (brackets balanced, at most one level nested, one line): the
    position of its `[`."""
    out: dict[int, int] = {}
    stack: list[list[int]] = []  # [position of `[`, height of the tallest bracket pair inside it]
    for m in _BRACKET.finditer(text):
        c, i = m.group(), m.start()
        if c == "\n":
            stack.clear()
        elif c == "[":
            stack.append([i, 0])
        elif stack:
            start, inner = stack.pop()
            height = inner + 1
            if stack:
                stack[-1][1] = max(stack[-1][1], height)
            if height <= 2:
                out[i] = start
    return out

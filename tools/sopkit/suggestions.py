"""Suggested changes written in a chapter as CriticMarkup, found and settled.

A drafter suggests a change in the text itself: `{++inserted++}`, `{--deleted--}`, `{~~old~>new~~}`, a comment
`{>>why<<}`, and a highlight `{==these words==}`, usually followed by a comment on them. A comment written right
after another suggestion (no character between) belongs to it. `sop check` reports every open suggestion (V015)
and every opening marker that has no end (V016); the site shows them as marked changes; the working group
settles them with `apply` (`sop amendments accept|reject --suggestions`).

How they are read:

- Code is code: fenced and indented code blocks and inline code spans hold no suggestion, and no closing marker
  either. `\\{++` (an escaped brace) is literal text.
- A suggestion ends at the first closing marker of its kind (`++}`, `--}`, `~~}` after `~>`, `<<}`, `==}`), and may
  run over several lines and paragraphs. Suggestions do not nest: an opening marker met before that end leaves the
  first one without an end (V016), since where it was meant to end cannot be told.
- Positions: 1-based line and column (in characters) of the `{`, in the file as written; the section is the one
  whose heading stands before it (`model.OPENING` before the first heading).

Settling one replaces it, markers and all, by its `new` text (accept) or its `old` text (reject): an insertion is
kept or dropped, a deletion dropped or kept, a substitution becomes its new or its old words, a highlight its
words either way. A comment goes either way, and is handed back so that nothing a drafter wrote is lost unseen.
Nothing outside the markers changes: line endings (CR LF too), spaces around the markers, front matter.

Example:
    >>> text = "The officer {~~may~>shall~~}{>>Art. 6 says so<<} inform the victim{++ in writing++}.\\n"
    >>> [(s.kind.value, s.line, s.column, s.new) for s in find_suggestions(text).suggestions]
    [('substitution', 1, 13, 'shall'), ('insertion', 1, 67, ' in writing')]
    >>> done = apply(text, "accept")
    >>> done.text, [s.comment for s in done.comments]
    ('The officer shall inform the victim in writing.\\n', ['Art. 6 says so'])
"""

from __future__ import annotations

import bisect
import re
from enum import Enum
from typing import Iterable, NamedTuple

from .blocks import parse_blocks, split_front_matter
from .codespans import code_spans
from .diagnostics import Diagnostic, UsageError, diagnostic
from .memo import Memo, memoized
from .model import OPENING, Chapter, Corpus


class Kind(str, Enum):
    INSERTION = "insertion"
    DELETION = "deletion"
    SUBSTITUTION = "substitution"
    COMMENT = "comment"
    HIGHLIGHT = "highlight"


class Decision(str, Enum):
    ACCEPT = "accept"
    REJECT = "reject"


MARKERS = {  # the two characters after `{` -> kind, closing marker
    "++": (Kind.INSERTION, "++}"),
    "--": (Kind.DELETION, "--}"),
    "~~": (Kind.SUBSTITUTION, "~~}"),
    ">>": (Kind.COMMENT, "<<}"),
    "==": (Kind.HIGHLIGHT, "==}"),
}
_OPENINGS = {kind: "{" + chars for chars, (kind, _) in MARKERS.items()}
ARROW = "~>"  # between the old and the new words of a substitution
_OPENER = re.compile(r"\{(\+\+|--|~~|>>|==)")


class Suggestion(NamedTuple):
    """One suggestion. `old` is what the text says when it is rejected, `new` when it is accepted: '' and the
    inserted words for an insertion, the deleted words and '' for a deletion, the highlighted words both for a
    highlight, '' both for a comment. `comment` is the comment's words (its own, or the one written right after
    it). Offsets `start`..`end` cover the markers and an attached comment, in the text given."""

    kind: Kind
    line: int
    column: int
    end_line: int
    start: int
    end: int
    old: str
    new: str
    comment: str
    section: str | None  # the id of the section it stands in (OPENING before the first heading)


class Unclosed(NamedTuple):
    """An opening marker without its end (a substitution without `~>` counts as one)."""

    kind: Kind
    line: int
    column: int
    start: int
    section: str | None


class Found(NamedTuple):
    suggestions: tuple[Suggestion, ...]
    unclosed: tuple[Unclosed, ...]


class Applied(NamedTuple):
    """What `apply` did: the new text; the suggestions settled, in order; those of them whose comment was removed
    (to show the person deciding); the selectors (lines, section ids) that chose nothing; and the unclosed
    markers, left as they are."""

    text: str
    applied: tuple[Suggestion, ...]
    comments: tuple[Suggestion, ...]
    unmatched: tuple[int | str, ...]
    unclosed: tuple[Unclosed, ...]


def may_hold_suggestions(text: str) -> bool:
    """False when `text` has no opening marker at all: most chapters, found without parsing them."""
    return "{" in text and _OPENER.search(text) is not None


def find_suggestions(text: str, chapter: Chapter | None = None) -> Found:
    """The suggestions of a chapter's file `text` (front matter included or not), in order, and the opening markers
    left without an end. `chapter`, the model of that same text, gives its code blocks and sections; without it
    they are read from the text."""
    if not may_hold_suggestions(text):
        return Found((), ())
    body = split_front_matter(text).body
    shift = len(text) - len(body)  # front matter is blanked to line breaks; what follows it is the file's
    if chapter is not None:
        code, headings = chapter.code_lines, [(s.line, s.id) for s in chapter.sections]
    else:
        blocks = parse_blocks(body)
        code, headings = blocks.code, [(h.line, h.id) for h in blocks.headings]
    where = _Where(body, headings)
    found, unclosed = [], []
    for item in _scan(body, _code(body, code)):
        line, column = where.at(item[0])
        section = where.section(line)
        if isinstance(item[1], Kind):  # (start, kind): no end
            unclosed.append(Unclosed(item[1], line, column, item[0] + shift, section))
            continue
        start, end, kind, old, new, comment = item
        found.append(Suggestion(kind, line, column, where.at(end - 1)[0], start + shift, end + shift, old, new,
                                comment, section))
    return Found(tuple(found), tuple(unclosed))


def apply(text: str, decision: Decision | str, select: Iterable[int | str] | int | str | None = None) -> Applied:
    """`text` with its suggestions accepted or rejected (`decision`): all of them, or those `select` chooses, by
    line (a suggestion running over that line) or by section id. Unclosed markers are left as they are.

    Example:
        >>> apply("A {--b--}c{++d++}.\\n", "reject", select=[1]).text
        'A bc.\\n'
    """
    try:
        accept = Decision(decision) is Decision.ACCEPT
    except ValueError:
        raise UsageError(f"a suggestion is accepted or rejected, not {decision!r}") from None
    found = find_suggestions(text)
    chosen, unmatched = _chosen(found.suggestions, select)
    out, last = [], 0
    for s in chosen:
        out += [text[last:s.start], s.new if accept else s.old]
        last = s.end
    out.append(text[last:])
    return Applied("".join(out), chosen, tuple(s for s in chosen if s.comment), unmatched, found.unclosed)


def check_suggestions(corpus: Corpus, memo: Memo | None = None) -> list[Diagnostic]:
    """V015 for every open suggestion of every chapter, V016 for every opening marker without its end."""
    texts = {f.path: f.text for f in corpus.files if may_hold_suggestions(f.text)}
    return [d for c in corpus.chapters if c.path in texts
            for d in memoized(memo, "suggestions", c, lambda c: _findings(c, texts[c.path]))]


def _findings(chapter: Chapter, text: str) -> list[Diagnostic]:
    found = find_suggestions(text, chapter)
    which = f"--suggestions {chapter.id or chapter.key}" + ("" if chapter.is_source else f" --lang {chapter.lang}")
    out = [diagnostic("V015", chapter.path, s.line, s.column, f"suggestion not decided yet: {describe(s)}",
                      f"the working group settles it: `sop amendments accept {which} --line {s.line} --write` "
                      f"keeps the suggested text, `sop amendments reject {which} --line {s.line} --write` the text "
                      "as it was")
           for s in found.suggestions]
    for u in found.unclosed:
        opening = _OPENINGS[u.kind]
        missing = "'~>' or '~~}'" if u.kind is Kind.SUBSTITUTION else repr(MARKERS[opening[1:]][1])
        out.append(diagnostic("V016", chapter.path, u.line, u.column,
                              f"the {u.kind.value} opened with '{opening}' has no end: {missing} is missing "
                              "before the next suggestion or the end of the file",
                              f"close it where the suggested change ends, or write '\\{opening}' for literal text"))
    return out


def describe(s: Suggestion) -> str:
    """A suggestion in a few words: "substitution of 'may' by 'shall'"."""
    if s.kind is Kind.SUBSTITUTION:
        words = f"substitution of '{excerpt(s.old)}' by '{excerpt(s.new)}'"
    elif s.kind is Kind.COMMENT:
        return f"comment '{excerpt(s.comment)}'"
    else:
        words = f"{s.kind.value} of '{excerpt(s.new or s.old)}'"
    return words + (f" with the comment '{excerpt(s.comment)}'" if s.comment else "")


def excerpt(words: str, limit: int = 40) -> str:
    """`words` on one line, cut at `limit` characters: for messages."""
    words = " ".join(words.split())
    return words if len(words) <= limit else words[:limit - 1] + "…"


def rendered(text: str, mark, comment, between: str = "") -> str:
    """`text` with each suggestion replaced by what a renderer shows for it (the site, the print edition): its
    deleted, inserted or highlighted words by `mark(kind, words, at_line_start)` (kind: Kind.DELETION,
    Kind.INSERTION or Kind.HIGHLIGHT; a substitution gives its deleted words, `between`, then its inserted ones),
    then its comment by `comment(words)`. `at_line_start`: the words begin a line (see marked_lines)."""
    out, last = [], 0
    for s in find_suggestions(text).suggestions:
        at_line_start = not text[text.rfind("\n", 0, s.start) + 1:s.start].strip()
        parts = []
        if s.kind in (Kind.DELETION, Kind.SUBSTITUTION):
            parts.append(mark(Kind.DELETION, s.old, at_line_start))
        if s.kind in (Kind.INSERTION, Kind.SUBSTITUTION):
            parts.append((between if parts else "") + mark(Kind.INSERTION, s.new, at_line_start and not parts))
        if s.kind is Kind.HIGHLIGHT:
            parts.append(mark(Kind.HIGHLIGHT, s.new, at_line_start))
        if s.comment:
            parts.append(comment(s.comment))
        out += [text[last:s.start], *parts]
        last = s.end
    out.append(text[last:])
    return "".join(out)


_BLOCK_START = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?")
_FENCE = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:```|~~~)")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]")
_TRAILING_ATTRIBUTES = re.compile(r"[ \t]*\{[^{}\n]*\}[ \t]*\r?\Z")


def marked_lines(words: str, opens: str, closes: str, at_line_start: bool) -> str:
    """`words` (a suggestion's text, perhaps of several lines) with `opens` and `closes` around the words of each
    line, inside its block structure: after a heading's `#`, a list marker or a quote's `>`, before a heading's
    `{#id}`; blank lines and code fences unmarked. What the site and the print edition put in place of the
    markers, so that a suggestion of several paragraphs, or of a new section, is read as the blocks it holds.
    `at_line_start`: the words begin a line (the suggestion's `{` began one)."""
    out = []
    for n, line in enumerate(words.split("\n")):
        first_on_line = n > 0 or at_line_start
        if not line.strip() or (first_on_line and _FENCE.match(line)):
            out.append(line)
            continue
        lead = _BLOCK_START.match(line).end() if first_on_line else 0
        tail = len(line)
        if first_on_line and _HEADING.match(line) and (m := _TRAILING_ATTRIBUTES.search(line, lead)):
            tail = m.start()
        end = len(line.rstrip("\r")) if tail == len(line) else tail
        out.append(line[:lead] + opens + line[lead:end] + closes + line[end:])
    return "\n".join(out)


# -- finding ---------------------------------------------------------------------------------------------------


def _scan(text: str, code: list[tuple[int, int]]):
    """(start, end, kind, old, new, comment) for each suggestion, (start, kind) for each opening marker without an
    end, in order; a comment right after another suggestion joined to it."""
    openers = [m for m in _OPENER.finditer(text) if not _inside(code, m.start()) and not _escaped(text, m.start())]
    pending = None  # the suggestion before, which a comment right after it belongs to
    for k, m in enumerate(openers):
        limit = openers[k + 1].start() if k + 1 < len(openers) else len(text)
        kind, closer = MARKERS[m.group(1)]
        if kind is Kind.SUBSTITUTION:
            arrow = _find(text, ARROW, m.end(), limit, code)
            close = _find(text, closer, arrow + len(ARROW), limit, code) if arrow >= 0 else -1
        else:
            arrow, close = -1, _find(text, closer, m.end(), limit, code)
        if close < 0:
            if pending:
                yield pending
                pending = None
            yield m.start(), kind
            continue
        end = close + len(closer)
        if kind is Kind.COMMENT and pending and pending[1] == m.start() and pending[2] is not Kind.COMMENT \
                and not pending[5]:
            yield pending[:1] + (end,) + pending[2:5] + (text[m.end():close],)
            pending = None
            continue
        if pending:
            yield pending
        pending = (m.start(), end, kind, *_words(text, kind, m.end(), arrow, close))
    if pending:
        yield pending


def _words(text: str, kind: Kind, inner: int, arrow: int, close: int) -> tuple[str, str, str]:
    """(old, new, comment) of a suggestion whose words run from `inner` to `close`."""
    words = text[inner:close]
    if kind is Kind.INSERTION:
        return "", words, ""
    if kind is Kind.DELETION:
        return words, "", ""
    if kind is Kind.SUBSTITUTION:
        return text[inner:arrow], text[arrow + len(ARROW):close], ""
    if kind is Kind.HIGHLIGHT:
        return words, words, ""
    return "", "", words


def _find(text: str, needle: str, start: int, limit: int, code: list[tuple[int, int]]) -> int:
    """Where `needle` first stands from `start`, ending by `limit` and outside code; -1 if it does not."""
    while True:
        at = text.find(needle, start, limit)
        if at < 0 or not _inside(code, at):
            return at
        start = at + 1


def _code(body: str, code_lines) -> list[tuple[int, int]]:
    """The character spans of code blocks (by their lines) and inline code spans, in order, merged."""
    starts = [0] + [m.end() for m in re.finditer("\n", body)]
    spans = [(starts[first - 1] if first - 1 < len(starts) else len(body),
              starts[last] if last < len(starts) else len(body)) for first, last in code_lines]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans + code_spans(body)):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _escaped(text: str, i: int) -> bool:
    """Whether the character at `i` follows an odd number of backslashes (a Markdown escape)."""
    n = 0
    while i - n - 1 >= 0 and text[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _chosen(found: tuple[Suggestion, ...], select) -> tuple[tuple[Suggestion, ...], tuple[int | str, ...]]:
    """The suggestions `select` chooses (all when it is None), and the selectors that chose none."""
    if select is None:
        return found, ()
    selectors = [select] if isinstance(select, (int, str)) else list(select)
    used: set = set()
    chosen = []
    for s in found:
        hits = {x for x in selectors if (s.line <= x <= s.end_line if isinstance(x, int) else s.section == x)}
        if hits:
            chosen.append(s)
            used |= hits
    return tuple(chosen), tuple(x for x in selectors if x not in used)


class _Where:
    """Offsets of a text to (line, column), 1-based, and lines to the id of the section they stand in."""

    def __init__(self, text: str, headings: list[tuple[int, str | None]]):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.lines = [line for line, _ in headings]
        self.ids = [section for _, section in headings]

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def section(self, line: int) -> str | None:
        i = bisect.bisect_right(self.lines, line) - 1
        return self.ids[i] if i >= 0 else OPENING

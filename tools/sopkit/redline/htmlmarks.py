"""Changes marked inside rendered Markdown, for the web page redline (html.py).

The paragraph's new Markdown is written with each changed run (and each deleted run, where it stood) between
private-use characters, markdown-it renders it, and one pass over its HTML turns those characters into <ins> and
<del>, closing a mark before every tag and opening it again at the next words, so that the HTML stays
well-formed. A row or item inserted or deleted whole keeps its structure (list marker, indentation, pipes)
outside the marks (units.wrap_lines), and the <tr> or <li> itself is marked. The same pass gives the paragraph
with every change accepted and with every change rejected: when these are not what the new and the old paragraph
render to on their own (the characters broke the Markdown: a change crossing a link or an emphasis delimiter),
the old paragraph is shown deleted and the new one inserted. A paragraph whose rendering would hide some of its
words (a link's address, a reference definition, text nested deeper than markdown-it reads) or whose change is
white space alone is shown as its Markdown source, marked. markdown-it reads raw HTML as text, so `<script>` in a
chapter is the words it is; citations read as their labels in a <bdi>, their targets on hover only.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import regex
from markdown_it import MarkdownIt
from markupsafe import escape

from ..citations.links import scan_links
from ..visible import UNSAFE, WHITE_SPACE, show, shown
from .units import wrap_lines
from .words import WordOp, apply, side_runs, spaced

# Private-use characters standing for the marks in the Markdown given to markdown-it. A text holding any character
# of their range is shown as its source: the marks would be ambiguous.
INS, INS_END, DEL, DEL_END = "\ue100", "\ue101", "\ue102", "\ue103"
ROW_INS, ROW_DEL = "\ue104", "\ue105"  # before the words of each line of a row or item inserted or deleted whole
NUL = "\ue10f"  # U+0000, which markdown-it would turn into U+FFFD
CITE_FIRST, CITE_LAST = 0xE200, 0xF8FF  # one character for each distinct citation link of a chapter
_RESERVED = re.compile("[\ue100-\uf8ff]")
_RESERVED_SPLIT = re.compile("([\ue100-\uf8ff])")
_MARKS = re.compile("[\ue100-\ue105]")

_BLANK = " \t\n\r"  # white space as Markdown reads it (a vertical tab or U+001C is a character, shown in a box)
_OPEN = {"ins": "<ins>", "del": "<del>", "moved": '<span class="moved-text">', "moved-away": '<del class="moved-text">'}
_CLOSE = {"ins": "</ins>", "del": "</del>", "moved": "</span>", "moved-away": "</del>"}
_ROWS = {ROW_INS: ("inserted", "old"), ROW_DEL: ("deleted", "new")}  # a whole unit's class, and the side lacking it

# -- one paragraph's Markdown, rendered with its changes marked inside ------------------------------------------

@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """CommonMark with tables; raw HTML is read as text, so nothing in a chapter becomes markup."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


_TASK = re.compile(r"(<li(?: [^>]*)?>\n?(?:<p>)?)\[([ xX])\](?= )")  # a task list item's box, as markdown-it leaves it


def _render(source: str) -> str:
    """markdown-it's HTML, a task list's `[ ]` and `[x]` shown as the boxes the site shows (☐, ☒)."""
    return _TASK.sub(lambda m: m.group(1) + ("\u2610" if m.group(2) == " " else "\u2612"), _markdown().render(source))


class Context:
    """What the paragraphs of one chapter (or one law text) share: each citation link met so far as one
    private-use character, with the HTML it becomes, and the words for a citation written without a label."""

    def __init__(self, words=None):
        self.words = words
        self.chars: dict[str, str] = {}  # the link as written -> its character
        self.cites: dict[str, str] = {}  # its character -> its HTML

    def prepared(self, text: str) -> str | None:
        """`text` for markdown-it: each citation link one character (its label, shown after rendering, is then
        never read as Markdown and its target never becomes a link), NUL one that markdown-it keeps. None when
        the chapter has more distinct links than there are characters for them."""
        out, pos = [], 0
        for m in scan_links(text):
            link = m.group(text)
            char = self.chars.get(link)
            if char is None:
                if CITE_FIRST + len(self.chars) > CITE_LAST:
                    return None
                char = self.chars[link] = chr(CITE_FIRST + len(self.chars))
                self.cites[char] = _citation(m.scheme, m.target, m.label, self.words)
            out += [text[pos:m.start], char]
            pos = m.end
        out.append(text[pos:])
        return "".join(out).replace("\x00", NUL)

    def rendered(self, text: str) -> str | None:
        """markdown-it's HTML for `text`, or None when it would hide some of its words (or the text holds a
        character of the range the marks are written with)."""
        source = None if _RESERVED.search(text) else self.prepared(text)
        if source is None:
            return None
        out = _render(source)
        return out if _keeps_words(source, out) else None


def rendered(text: str, base: str | None, context: Context) -> str | None:
    """A paragraph rendered, every word of it in the mark `base` (or none); None when the rendering would hide
    words."""
    out = context.rendered(text)
    return None if out is None else _Walk(context, base).run(out).html


def marked(ops: tuple[WordOp, ...], base: str | None, block: str, context: Context) -> str:
    """The paragraph with its changes marked inside its rendered Markdown (see the module's note); `base` marks
    the unchanged words (a paragraph that moved here)."""
    ops = spaced(list(ops))
    old, new = apply(ops)
    changes = [o for o in ops if o.op != "equal"]
    if not changes:
        return rendered(new, base, context) or source(ops, base, context)
    plain_old, plain_new = context.rendered(old), context.rendered(new)
    if plain_old is None or plain_new is None or any(not (o.old + o.new).strip(_BLANK) for o in changes):
        return source(ops, base, context)  # words a rendering would hide, or a change only of white space
    prepared = context.prepared(_marked_source(ops, block))
    if prepared is not None:
        walk = _Walk(context, base).run(_render(prepared))
        if walk.exact and walk.seen == len(_MARKS.findall(prepared)) and _same(walk.side("new"), plain_new) \
                and _same(walk.side("old"), plain_old):
            return walk.html
    if _same(plain_old, plain_new):  # the change does not show once rendered: the source shows it
        return source(ops, base, context)
    return _Walk(context, "del").run(plain_old).html + _Walk(context, "ins").run(plain_new).html


def _marked_source(ops: list[WordOp], block: str) -> str:
    """The new Markdown with each changed run between placeholders and each deleted run where it stood, the
    structure at the start of a line (indentation, list and quote markers, a table's pipes) kept outside them."""
    out: list[str] = []
    at_line_start = True
    for side, text in side_runs(ops, _BLANK):
        if side == "both" or (not text.strip(_BLANK) and side in ("new", "new-row")):
            piece = text
        elif not text.strip(_BLANK):  # white space only the old side has: the new side's spacing is written
            piece = ""
        elif side.endswith("-row"):  # a row or item inserted or deleted whole: on lines of its own
            lead = "" if at_line_start or text.startswith("\n") else "\n"
            piece = lead + (_wrap(text, INS, INS_END, block, True, ROW_INS) if side == "new-row"
                            else _wrap(text, DEL, DEL_END, block, True, ROW_DEL))
        else:
            piece = _wrap(text, *((INS, INS_END) if side == "new" else (DEL, DEL_END)), block, at_line_start)
        if piece:
            out.append(piece)
            at_line_start = piece.endswith("\n")
    return "".join(out)


def _wrap(text: str, opening: str, closing: str, block: str, line_start: bool, row: str = "") -> str:
    """`text` with its words between `opening` and `closing` (units.wrap_lines); `row` goes before the words of
    each line of a unit changed whole."""
    return wrap_lines(text, block, lambda words: opening + words + closing, line_start, row)


@dataclass
class _Element:
    name: str
    at: int  # where its tag stands in the page's HTML
    at_side: dict  # and in each side's
    lacking: str | None = None  # the side a row or item inserted or deleted whole is not part of


class _Walk:
    """One pass over markdown-it's HTML for a paragraph: the page's HTML with the marks, and the paragraph with
    every change accepted (side "new") and rejected ("old") as markdown-it writes HTML, to compare."""

    def __init__(self, context: Context, base: str | None = None):
        self.context, self.base = context, base
        self.out: list[str] = []
        self.sides: dict[str, list[str]] = {"new": [], "old": []}
        self.stack: list[_Element] = []
        self.mark: str | None = None  # "ins" or "del" between a change's placeholders
        self.open: str | None = None  # the mark element open in `out`
        self.exact = True  # no mark crossed a tag's attributes, opened twice or stayed open
        self.seen = 0  # the marks' placeholders met in the text

    def run(self, rendered: str) -> _Walk:
        for part in re.split(r"(<[^>]*>)", rendered):
            if part.startswith("<"):
                self._tag(part)
            elif part:
                for piece in _RESERVED_SPLIT.split(part):
                    if len(piece) == 1 and _RESERVED.match(piece):
                        self._placeholder(piece)
                    elif piece:
                        self._words(piece, _boxed(piece))
        self._close()
        self.exact = self.exact and self.mark is None and not self.stack
        return self

    @property
    def html(self) -> str:
        return "".join(self.out)

    def side(self, name: str) -> str:
        return "".join(self.sides[name])

    def _tag(self, tag: str) -> None:
        self._close()
        if _RESERVED.search(tag):  # a mark inside an attribute: not where a reader would see it
            self.exact = False
        closing, name = re.match(r"<(/?)([A-Za-z0-9]+)", tag).groups()
        if closing:  # markdown-it's HTML is well-formed: it closes the element opened last
            element = self.stack.pop()
            for side, parts in self.sides.items():
                if element.lacking == side:
                    del parts[element.at_side[side]:]
                else:
                    parts.append(tag)
        else:
            if not tag.endswith("/>"):  # an element opened inside a change is part of that change's side only
                self.stack.append(_Element(name, len(self.out), {s: len(p) for s, p in self.sides.items()},
                                           {"ins": "old", "del": "new"}.get(self.mark)))
            for parts in self.sides.values():
                parts.append(tag)
        self.out.append(UNSAFE.sub(lambda m: m.group() if m.group() in WHITE_SPACE else str(escape(shown(m.group()))),
                                   tag))

    def _placeholder(self, char: str) -> None:
        if char in (INS, DEL, INS_END, DEL_END):
            self.seen += 1
            wanted = "ins" if char in (INS, INS_END) else "del"
            opening = char in (INS, DEL)
            if (self.mark is not None) == opening or (not opening and self.mark != wanted):
                self.exact = False
            self.mark = wanted if opening else None
            self._close()
        elif char in _ROWS:
            self.seen += 1
            self._row(*_ROWS[char])
        elif char == NUL:
            self._words(char, _box("\x00"))
        else:
            self._words(char, self.context.cites[char])

    def _row(self, css: str, lacking: str) -> None:
        element = next((e for e in reversed(self.stack) if e.name in ("tr", "li")), None)
        if element is None or element.lacking not in (None, lacking):
            self.exact = False
        elif element.lacking is None:
            element.lacking = lacking
            self.out[element.at] = f'<{element.name} class="{css}">'

    def _words(self, raw: str, shown_html: str) -> None:
        kind = self.mark or self.base
        if kind and raw.strip(_BLANK):
            if self.open != kind:
                self._close()
                self.out.append(_OPEN[kind])
                self.open = kind
        elif self.open and self.open != kind:
            self._close()
        self.out.append(shown_html)
        if self.mark != "del":
            self.sides["new"].append(raw)
        if self.mark != "ins":
            self.sides["old"].append(raw)

    def _close(self) -> None:
        if self.open:
            self.out.append(_CLOSE[self.open])
            self.open = None


def _same(a: str, b: str) -> bool:
    """Whether two renderings are the same HTML but for white space: a deleted word leaves the spaces around it
    (`(the a` accepted is `( a`), and a difference of spacing alone is no change (the words' comparison ignores
    it); a line break that changes the structure changes the tags."""
    return re.sub(r"[ \t\n\r]+", "", a) == re.sub(r"[ \t\n\r]+", "", b)


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINE_START = r"^([ \t>]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t]+)*)"  # quote and list markers opening a line
_FENCE_INFO = re.compile(_LINE_START + r"(`{3,}|~{3,})[^\n]*", re.M)
_LIST_NUMBER = re.compile(_LINE_START + r"[0-9]{1,9}[.)](?=[ \t]|$)", re.M)


def _keeps_words(source: str, rendered: str) -> bool:
    """Whether every word of the Markdown is in the text of its rendering, in order (a code fence's language, a
    list item's number, shown as its marker, and a character reference are no words of the text)."""
    source = _LIST_NUMBER.sub(r"\1", _FENCE_INFO.sub(r"\1\2", source))
    wanted = _WORD.findall(_ENTITY.sub(" ", source))
    seen = iter(_WORD.findall(html.unescape(re.sub(r"<[^>]*>", " ", rendered))))
    return all(any(w == s for s in seen) for w in wanted)


def source(ops, base: str | None, context: Context) -> str:
    """The paragraph as its Markdown source with its changes marked: for what a rendering would not show."""
    if base in ("ins", "del", "moved-away"):
        text = apply(list(ops))[1 if base == "ins" else 0]
        body = _OPEN[base] + _text(text, context.words) + _CLOSE[base]
    else:
        body = _ops_html(ops, base == "moved", context.words)
    return f'<div class="source">{body}</div>'


def _ops_html(ops, moved: bool, words=None) -> str:
    out = []
    for o in spaced(list(ops)):
        if o.op == "equal":
            out.append(f'<span class="moved-text">{_text(o.new, words)}</span>' if moved else _text(o.new, words))
            continue
        if o.old:
            out.append(f"<del>{_text(o.old, words)}</del>")
        if o.new:
            out.append(f"<ins>{_text(o.new, words)}</ins>")
    return "".join(out)


def _text(s: str, words=None) -> str:
    """Escaped Markdown source, each citation link as it reads (see `_citation`)."""
    out, pos = [], 0
    for m in scan_links(s):
        out.append(_chars(s[pos:m.start]))
        out.append(_citation(m.scheme, m.target, m.label, words))
        pos = m.end
    out.append(_chars(s[pos:]))
    return "".join(out)


def _citation(scheme: str, target: str, label: str, words=None) -> str:
    """A citation link as its label, as on the site (the words for its target where it has none), isolated in its
    own direction, with its target on hover only: a raw target inside Arabic or Kurdish words is scrambled by the
    bidirectional algorithm."""
    target = f"{scheme}:{target}"
    shown_label = _chars(label) if label.strip() else _isolated(_chars(words(target) if words else target))
    return f'<bdi class="cite" title="{escape(show(target))}">{shown_label}</bdi>'


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_LATIN_RUN = re.compile(r"[A-Za-z][^\u0600-\u06ff()]*[A-Za-z0-9]")


def _isolated(label: str) -> str:
    """A label in Arabic script naming a section by its English title (a chapter not translated yet), with
    that title isolated left to right: its words would otherwise pull the brackets around them out of place."""
    if not _ARABIC_SCRIPT.search(label):
        return label
    return _LATIN_RUN.sub(lambda m: f'<bdi dir="ltr">{m.group()}</bdi>', label)


def _chars(s: str) -> str:
    """Escaped text, each unsafe character (but the white space the body keeps) as a labelled box."""
    return _boxed(str(escape(s)))


def _boxed(s: str) -> str:
    """Escaped text with each unsafe character (but white space) as a labelled box."""
    return UNSAFE.sub(lambda m: m.group() if m.group() in WHITE_SPACE else _box(m.group()), s)


def _box(char: str) -> str:
    return f'<span class="invisible" title="U+{ord(char):04X}">{escape(shown(char))}</span>'

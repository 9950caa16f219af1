"""Which planned links only turn plain text into a link: what `sop check --fix` verifies before it writes.

The citation finder reads text, not Markdown: it finds "Article 6 of Law No. 28 of 2012" in a link's text, an
image's alt text, a link reference definition, an HTML comment. A link written there would nest links, break
the image or the definition, or sit unseen in a comment. CommonMark (markdown-it-py) is the judge, twice:

1. Place: each citation is framed by two marker words and the text is parsed. A citation whose two markers
   do not both land in the plain text of one block is not linked, with the reason: inside a link's text or
   target, an image, a link reference definition, HTML, an autolink, code, the front matter.
2. Verify: the text with the links written is parsed and compared, block by block, with the original: each
   block must be the original with exactly the new links added, each holding its citation (as the markers
   framed it) and pointing to its target, and nothing else changed (emphasis, other links, definitions).
   The links of a block that is not are left out, and the rest verified again.

Linear whatever the number of citations: three block parses of the file (original, marked, linked), and the
inline parse of only the blocks that hold a citation (a long, strange rest of the file costs little).

Example:
    >>> text = "See Article 1 of Law No. 9 of 2000 and [not Article 1 of Law No. 9 of 2000](https://x).\\n"
    >>> link = "[Article 1 of Law No. 9 of 2000](law:iq/law-9-2000#1)"
    >>> linkable(text, [Edit("x.md", 4, 34, link, "law:iq/law-9-2000#1"),  # fix.Edit
    ...                 Edit("x.md", 44, 74, link, "law:iq/law-9-2000#1")])
    ([0], {1: "it is inside a link's text"})
"""

from __future__ import annotations

import re
import secrets
from collections import defaultdict
from typing import NamedTuple, Protocol, Sequence

from .blocks import split_front_matter

MAX_ROUNDS = 4  # verifying again after leaving out a block's links; one round is the rule, two the exception

REASONS = {
    "link text": "it is inside a link's text",
    "link target": "it is inside a link's target or title",
    "html link": "it is inside an HTML link (<a>...</a>)",
    "image": "it is inside an image (its alt text, address or title)",
    "reference": "it is inside a link reference definition",
    "html": "it is inside inline HTML",
    "html block": "it is inside an HTML block",
    "comment": "it is inside an HTML comment",
    "autolink": "it is inside an autolink",
    "code": "it is inside code",
    "front matter": "it is in the front matter",
    "missing": "it is not in the Markdown text",
    "split": "it spans more than one block of Markdown",
    "changes": "linking it would change the Markdown around it (emphasis, brackets or another link)",
    "structure": "linking it would change the structure of the file",
    "unverified": "the link could not be verified",
}

_HTML_LINK_OPEN = re.compile(r"<a(?:\s|>|/?$)", re.I)
_HTML_LINK_CLOSE = re.compile(r"</a\s*>", re.I)


class PlannedLink(Protocol):
    start: int
    end: int
    replacement: str  # the text that replaces text[start:end]: "[citation](target)"
    target: str


def linkable(text: str, edits: Sequence[PlannedLink]) -> tuple[list[int], dict[int, str]]:
    """Which of `edits` (indices) may be written, and why each of the others may not (index → reason).

    `edits` must not overlap; each replaces `text[start:end]` by `[text[start:end]](target)`.
    """
    if not edits:
        return [], {}
    md = _parser()
    prefix = _marker_prefix(text)
    marker = re.compile(prefix + r"([BE])(\d+)Q")
    everyone = list(range(len(edits)))
    marked = _Parsed(md, _marked(text, edits, everyone, prefix))
    original = _Parsed(md, text)
    placed, refused, block_of = _place(text, edits, marked, original, marker, prefix)
    if refused:
        marked = None  # its markers frame citations that are not linked: parse again with the others only
    for _ in range(MAX_ROUNDS):
        if not placed:
            break
        if marked is None:
            marked = _Parsed(md, _marked(text, edits, placed, prefix))
        linked = _Parsed(md, _applied(text, edits, placed))
        normal = {t: md.normalizeLink(t) for t in {edits[i].target for i in placed}}  # few targets, many links
        hrefs = {i: normal[edits[i].target] for i in placed}
        failing = _verify(original, marked, linked, marker, hrefs, {block_of[i] for i in placed})
        if failing is not None and not failing:
            return placed, refused
        blamed = set() if failing is None else {i for i in placed if block_of[i] in failing}
        if not blamed:  # the difference is in no block holding a planned link: trust none of them
            refused.update((i, REASONS["structure" if failing is None else "unverified"]) for i in placed)
            return [], refused
        refused.update((i, REASONS["changes"]) for i in blamed)
        placed = [i for i in placed if i not in blamed]
        marked = None
    refused.update((i, REASONS["unverified"]) for i in placed)
    return [], refused


class _Span(NamedTuple):
    start: int
    end: int


def unlinkable(text: str, spans: Sequence[tuple[int, int]]) -> dict[int, str]:
    """Which of `spans` (start, end; not overlapping) stand where Markdown cannot hold a link, each with its
    reason (a key of REASONS: "link text", "image", "comment", ...). Only step 1 (the place), one parse of the
    framed text: what `sop check` needs to know before it asks for a link (C106), at a third of the cost."""
    if not spans:
        return {}
    prefix = _marker_prefix(text)
    edits = [_Span(a, b) for a, b in spans]
    marked = _Parsed(_parser(), _marked(text, edits, list(range(len(edits))), prefix))
    _, refused, _ = _place(text, edits, marked, marked, re.compile(prefix + r"([BE])(\d+)Q"), prefix, keys=True)
    return refused


# -- the texts parsed ------------------------------------------------------------------------------------

_md = None


def _parser():
    """CommonMark without the inline pass: blocks are parsed whole, a block's inline content only when it
    holds a citation (the rest of a file, however long or strange, costs one block parse)."""
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        _md = MarkdownIt("commonmark")
        _md.disable("inline")
    return _md


class _Parsed:
    """A text's block tokens and link reference definitions (front matter blanked, so line numbers stay), and
    the inline tokens of a block, parsed when first asked for."""

    def __init__(self, md, text: str):
        self.md, self.env = md, {}
        self.tokens = md.parse(split_front_matter(text).body, self.env)
        self.references = self.env.get("references", {})
        self.inline: dict[int, list] = {}

    def children(self, block: int) -> list:
        """The inline tokens of block `block` (an "inline" token: a paragraph's or a heading's text)."""
        if block not in self.inline:
            self.inline[block] = []
            self.md.inline.parse(self.tokens[block].content, self.md, self.env, self.inline[block])
        return self.inline[block]


def _marker_prefix(text: str) -> str:
    """Letters found nowhere in `text`: marker words built on them cannot be confused with the text."""
    while True:
        prefix = "SOPFIX" + secrets.token_hex(4).upper()
        if prefix not in text:
            return prefix


def _marked(text: str, edits, which: list[int], prefix: str) -> str:
    """`text` with each citation of `which` framed as {prefix}B<i>Q ... {prefix}E<i>Q (word characters only, so
    that they change no Markdown around them)."""
    out, pos = [], 0
    for i in sorted(which, key=lambda i: edits[i].start):
        e = edits[i]
        out += [text[pos:e.start], f"{prefix}B{i}Q", text[e.start:e.end], f"{prefix}E{i}Q"]
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _applied(text: str, edits, which: list[int]) -> str:
    out, pos = [], 0
    for i in sorted(which, key=lambda i: edits[i].start):
        e = edits[i]
        out += [text[pos:e.start], e.replacement]
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


# -- 1. where each citation stands -----------------------------------------------------------------------

def _place(text: str, edits, marked: _Parsed, original: _Parsed, marker, prefix: str, keys: bool = False):
    """The edits standing in plain text, the reasons of the others (REASONS' texts, or with `keys` its keys), and
    the block of each edit placed."""
    why = (lambda key: key) if keys else REASONS.__getitem__
    found: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)

    def note(s, context: str, block: int) -> None:
        if s and prefix in str(s):
            for m in marker.finditer(str(s)):
                found[(m.group(1), int(m.group(2)))].append((context, block))

    for label, ref in marked.references.items():
        for s in (label, ref.get("href"), ref.get("title")):
            note(s, "reference", -1)
    for b, tok in enumerate(marked.tokens):
        if tok.type == "inline":
            if prefix in tok.content:
                _walk(marked.children(b), b, note)
            continue
        context = {"fence": "code", "code_block": "code"}.get(tok.type, "html block")
        if tok.type == "html_block" and tok.content.lstrip().startswith("<!--"):
            context = "comment"
        for s in (tok.content, tok.info, *tok.attrs.values()):
            note(s, context, b)
    body_start = _body_start(text)
    aligned = len(marked.tokens) == len(original.tokens)
    placed, refused, block_of = [], {}, {}
    for i, e in enumerate(edits):
        begins, ends = found.get(("B", i), []), found.get(("E", i), [])
        where = begins + ends
        odd = next((c for c, _ in where if c != "plain"), None)
        if odd:
            refused[i] = why(odd)
        elif not where:
            refused[i] = why("front matter" if e.start < body_start else "missing")
        elif len(begins) != 1 or len(ends) != 1 or begins[0][1] != ends[0][1]:
            refused[i] = why("split")
        elif not aligned:
            refused[i] = why("structure")
        else:
            placed.append(i)
            block_of[i] = begins[0][1]
    return placed, refused, block_of


def _walk(children, block: int, note) -> None:
    """Note the context of every marker in an inline block's tokens."""
    links: list[str] = []  # the links open around the current token: "link text", "autolink" or "html link"
    for t in children:
        if t.type == "link_open":
            kind = "autolink" if t.markup == "autolink" else "link text"
            for v in t.attrs.values():
                note(v, "autolink" if kind == "autolink" else "link target", block)
            links.append(kind)
        elif t.type == "link_close":
            if links:
                links.pop()
        elif t.type in ("text", "text_special"):
            note(t.content, links[-1] if links else "plain", block)
        elif t.type == "image":
            for s in _strings(t):
                note(s, "image", block)
        elif t.type == "code_inline":
            note(t.content, "code", block)
        elif t.type == "html_inline":
            note(t.content, "comment" if t.content.startswith("<!--") else "html", block)
            if _HTML_LINK_OPEN.match(t.content):
                links.append("html link")
            elif _HTML_LINK_CLOSE.match(t.content) and "html link" in links:
                links.remove("html link")
        else:
            for s in _strings(t):
                note(s, "other", block)


def _strings(t):
    """Every string a token holds, its children's included."""
    yield t.content
    yield from (str(v) for v in t.attrs.values())
    for child in t.children or ():
        yield from _strings(child)


def _body_start(text: str) -> int:
    """Where the Markdown starts after the front matter (0 when there is none)."""
    fm = split_front_matter(text)
    return 0 if fm.text is None else len(text) - len(fm.body.lstrip("\n"))


# -- 2. the linked text is the original plus the links, and nothing else --------------------------------

def _verify(original: _Parsed, marked: _Parsed, linked: _Parsed, marker, hrefs: dict[int, str],
            linked_blocks: set[int]) -> set[int] | None:
    """The blocks (token indices) where the linked text is not the original plus exactly the planned links;
    None when the files' blocks cannot even be matched up, or a reference definition changed."""
    o_tokens, m_tokens, l_tokens = original.tokens, marked.tokens, linked.tokens
    if not len(o_tokens) == len(m_tokens) == len(l_tokens) or original.references != linked.references:
        return None
    failing = set()
    for b, (o, m, n) in enumerate(zip(o_tokens, m_tokens, l_tokens)):
        if not _block_key(o) == _block_key(n) == _block_key(m):
            failing.add(b)
        elif b not in linked_blocks:  # no link planned here: the block is the same, to the character
            if not o.content == n.content == m.content:
                failing.add(b)
        elif o.type != "inline":
            failing.add(b)  # a link planned in code or HTML: never
        # the marked text with the markers dropped is the original: the markers changed nothing ...
        elif _inline(original.children(b)) != _inline(marked.children(b), strip=marker):
            failing.add(b)
        # ... and with each pair of markers read as a link, it is exactly what the linked text parses to
        elif _inline(linked.children(b)) != _inline(marked.children(b), links=(marker, hrefs)):
            failing.add(b)
    return failing


def _block_key(t) -> tuple:
    """A block token as a comparable tuple, without its content (compared on its own, or inline)."""
    return t.type, t.tag, t.nesting, tuple(t.map or ()), tuple(sorted(t.attrs.items())), t.markup, t.info


def _key(t, strip=None) -> tuple:
    """An inline token as a comparable tuple, with its content and children; `strip` drops markers from text."""
    text = strip.sub("", t.content) if strip is not None else t.content
    return (t.type, t.tag, t.nesting, tuple(sorted((k, str(v)) for k, v in t.attrs.items())), text, t.markup,
            t.info, tuple(_inline(t.children, strip)) if t.children else ())


def _inline(children, strip=None, links=None) -> list:
    """Inline tokens as comparable keys, runs of text joined (how markdown-it splits text is not the point).

    `strip`: drop the markers from text. `links` (marker, hrefs): read a begin marker as the planned link's
    opening and an end marker as its closing.
    """
    out: list = []
    text: list[str] = []

    def flush() -> None:
        joined = "".join(text)
        if joined:
            out.append(("text", joined))
        text.clear()

    for t in children or ():
        if t.type not in ("text", "text_special"):
            flush()
            out.append(_key(t, strip))
            continue
        if links is None:
            text.append(strip.sub("", t.content) if strip is not None else t.content)
            continue
        marker, hrefs = links
        pos = 0
        for m in marker.finditer(t.content):
            text.append(t.content[pos:m.start()])
            flush()
            i = int(m.group(2))
            if m.group(1) == "B":
                out.append(("link_open", "a", 1, (("href", hrefs.get(i, "")),), "", "", "", ()))
            else:
                out.append(("link_close", "a", -1, (), "", "", "", ()))
            pos = m.end()
        text.append(t.content[pos:])
    flush()
    return out

"""What the text of a chapter or a law may put into a published page: no raw HTML (V013), and links only to
https, mailto, the project's own law: and sop: targets, and the site itself (V014).

The site renders the text with Python-Markdown, which copies raw HTML, `onclick=` attributes and `javascript:`
links straight into the page. The check reads the text as CommonMark (markdown-it-py, as the rest of sopkit
does) and refuses what would reach the page as markup the text itself made:

- `html_block` and `html_inline` tokens, except plain HTML comments (`<!-- note -->`: a drafter's note, not
  shown to readers; its body may not hold `<`, `>` or `--`, which browsers and parsers end comments at
  differently);
- where Python-Markdown reads HTML that CommonMark does not: a tag CommonMark finds malformed but
  Python-Markdown's looser pattern takes (`<b/onmouseover=...>`), `\\<b>` (a backslash escapes `<` in
  CommonMark, not in Python-Markdown), and attribute lists that set attributes (`{: onclick="..."}`: the attr_list
  extension, which the site's own markup uses, writes any attribute it is given);
- text nested deeper than the parser follows (CommonMark parsers stop at a depth; Python-Markdown goes on):
  there every tag-like `<` is refused.

Links are read after entities are decoded, as a browser reads them: `jav&#x61;script:` is `javascript:`.
Allowed: https, mailto, law, sop, and addresses without a scheme (the site itself), except `//host` and
`\\\\host`, which leave the site. Images only from the site itself (an image is fetched as the page loads).

CriticMarkup suggestions (suggestions.py) are not markup of the page: `{++ a=b ++}` is an insertion, not an attribute
list, and a comment `{>> <b> <<}` is shown as the words written, so nothing inside a comment is reported.

The site's own markup (the plugin's notices, language spans) is made after the check and is not affected.

Example:
    >>> [(d.code, d.column) for d in scan_markup(TextFile("sop/05-x.md", "See <b>this</b>, [x](http://a.org).\\n", "en"))]
    [('V013', 5), ('V014', 22)]
"""

from __future__ import annotations

import bisect
import re

from markdown.inlinepatterns import HTML_RE

from .blocks import split_front_matter
from .diagnostics import Diagnostic, diagnostic
from .memo import Memo, memoized
from .model import Corpus, TextFile
from .parallel import map_items
from .suggestions import find_suggestions, may_hold_suggestions

ALLOWED_SCHEMES = ("https", "mailto", "law", "sop")
MAX_NESTING = 100  # deeper than any real text; beyond it CommonMark parsers stop reading what Python-Markdown renders

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in an address (WHATWG URL)
_LEAVES_SITE = re.compile(r"[/\\]{2}")  # //host and \\host (browsers read \ as /) name another host
_COMMENTS = re.compile(r"\s*(?:<!--(?:(?!--)[^<>])*-->\s*)+", re.S)
_TAG_LIKE = re.compile(r"<[A-Za-z/!?]")
_TAG = re.compile(r"<[^>\n]{0,58}>?")
# Python-Markdown's own pattern for inline HTML, from the renderer itself: looser than CommonMark's, so
# `<b/onmouseover=alert(1)>` is text to markdown-it-py and an element with an event handler to the site.
_PM_INLINE_HTML = re.compile(HTML_RE)
# Python-Markdown's attr_list: `{: ... }` or `{#id ...}` at the end of a block, a heading or after an inline
# element; a `key=value` in it becomes an attribute of the element.
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^}\n]*)\}")
_ATTRIBUTE = re.compile(r"(?:^|[ \t])([^\s=#.{}\"']+)[ \t]*=")
# What a finding needs in the file's own text, whatever the parser makes of it: raw HTML, `\<`, an autolink,
# a tag to Python-Markdown, and every finding in text nested too deep need a `<`; an image needs `![`; a link to
# a reference needs its definition's `]:`; an inline link needs `](`, and cannot be refused when its address
# begins right there with an allowed scheme (an image's could be, but an image needs `![`); an attribute list
# that sets an attribute needs `{` and then `=` on the same line. These hold in the file as written because a
# text token or a table cell is a piece of one line, at most with characters taken out (escapes, entities and
# container markers become tokens of their own or are dropped), and front matter is only blanked out.
_LINK_ELSEWHERE = re.compile(r"\]\((?!(?:https|mailto|law|sop):)")
_SETS_ATTRIBUTE = re.compile(r"\{[^}\n]*=")
_SUGGESTION_OPENER = re.compile(r"\{(?:\+\+|--|~~|>>|==)")


def check_markup(corpus: Corpus, memo: Memo | None = None, fast: bool = True) -> list[Diagnostic]:
    """V013 and V014 for every Markdown file of the corpus (chapters and law texts).

    Only the files that may hold a finding are parsed (may_hold_markup), on several cores when there are
    many; `fast=False` parses every file in this process, the reference the fast path is tested against."""
    texts = [f for f in corpus.files if f.path.endswith(".md")]
    if not fast:
        return [d for f in texts for d in memoized(memo, "markup", f, scan_markup)]
    if memo is None:
        suspects = [f for f in texts if may_hold_markup(f.text)]
        return [d for found in map_items(scan_markup, suspects) for d in found]
    return [d for f in texts for d in memo.get("markup", f, _scan_if_it_may_hold_markup)]


def _scan_if_it_may_hold_markup(f: TextFile) -> list[Diagnostic]:
    return scan_markup(f) if may_hold_markup(f.text) else []


def may_hold_markup(text: str) -> bool:
    """False when `text` holds nothing scan_markup could report (see _LINK_ELSEWHERE): a parse of a long law
    text costs a hundred times this look. Front matter only adds text, so the whole file can be looked at."""
    return ("<" in text or "![" in text or "]:" in text or _LINK_ELSEWHERE.search(text) is not None
            or ("=" in text and _SETS_ATTRIBUTE.search(text) is not None))


def scan_markup(f: TextFile) -> list[Diagnostic]:
    """The raw HTML and the links to other schemes in one Markdown file, each at its line and column."""
    body = split_front_matter(f.text).body  # front matter blanked: lines stay the file's
    where = _Where(body)
    md = _parser()
    tokens = md.parse(body, {})
    if any(t.level >= MAX_NESTING - 1 for t in tokens):
        return [_raw_html(f.path, *where.at(m.start()), _TAG.match(body, m.start()).group())
                for m in _TAG_LIKE.finditer(body)]
    out: list[Diagnostic] = []
    for t in tokens:
        first = t.map[0] if t.map else 0
        if t.type == "html_block":
            if not _COMMENTS.fullmatch(t.content):
                out.append(_raw_html(f.path, *where.find(t.content.strip(), first), t.content))
        elif t.type == "inline":
            out += _inline(f.path, t, first, where)
    return _outside_comments(out, body, where) if may_hold_suggestions(body) else out


def _outside_comments(found: list[Diagnostic], body: str, where: "_Where") -> list[Diagnostic]:
    """`found` without what stands inside a suggestion's comment: the site shows a comment's words as text."""
    comments = [(s.end - len(s.comment) - 3, s.end - 3) for s in find_suggestions(body).suggestions if s.comment]
    return [d for d in found if not any(a <= where.starts[d.line - 1] + d.column - 1 < b for a, b in comments)]


def _inline(path: str, block, first: int, where: "_Where") -> list[Diagnostic]:
    out = []
    children = block.children or []
    opened = False  # an element's closing tag is not reported again after its opening tag
    for i, c in enumerate(children):
        if c.type == "html_inline":
            if not _COMMENTS.fullmatch(c.content) and not (opened and c.content.startswith("</")):
                opened = True
                out.append(_raw_html(path, *where.find(c.content, first), c.content))
        elif c.type == "text_special" and c.info == "escape" and c.content == "<":
            after = children[i + 1].content if i + 1 < len(children) and children[i + 1].type == "text" else ""
            if _TAG_LIKE.match("<" + after):
                line, column = where.find(c.markup + after[:1], first)
                out.append(diagnostic(
                    "V013", path, line, column, f"'\\<{after.split()[0] if after.split() else ''}' is HTML to the "
                    "site's renderer (Python-Markdown does not read \\< as an escape)",
                    "write &lt; for a literal <, or put the text in `code`"))
        elif c.type in ("link_open", "image"):
            href = c.attrs.get("href" if c.type == "link_open" else "src", "")
            problem = _scheme_problem(str(href)) if c.type == "link_open" else _image_problem(str(href))
            if problem:
                line, column = where.find(str(href), first)
                out.append(diagnostic("V014", path, line, column, f"link to '{_short(str(href))}': {problem}",
                                      _scheme_hint(str(href))))
        elif c.type == "text":
            out += _attribute_lists(path, c.content, first, where)
            for m in _PM_INLINE_HTML.finditer(c.content):  # HTML to Python-Markdown, text to CommonMark
                out.append(_raw_html(path, *where.find(m.group(), first), m.group()))
    return out


def _attribute_lists(path: str, text: str, first: int, where: "_Where") -> list[Diagnostic]:
    out = []
    at = 0
    while m := _ATTR_LIST.search(text, at):
        at = m.end()
        if _SUGGESTION_OPENER.match(m.group()):  # `{++ a=b ++}`: read what the suggestion holds
            at = m.start() + 1
            continue
        names = _ATTRIBUTE.findall(m.group(1))
        if names:
            line, column = where.find(m.group(), first)
            out.append(diagnostic(
                "V013", path, line, column, f"the attribute list '{_short(m.group())}' sets "
                f"{', '.join(repr(n) for n in names)}: the site writes it into the page as an HTML attribute",
                "keep only {#id} (and .class) in braces; the site sets language, direction and links itself"))
    return out


def _raw_html(path: str, line: int, column: int, html: str) -> Diagnostic:
    return diagnostic("V013", path, line, column, f"raw HTML '{_short(html.strip())}' in the text",
                      "write it in Markdown (emphasis, links, lists, tables), or as text with &lt; for <; "
                      "an HTML comment <!-- ... --> is allowed")


def _scheme_problem(href: str) -> str:
    """Why the site may not link to `href`, or '' when it may."""
    url = _URL_NOISE.sub("", href).lstrip("\x00- ")  # as a browser reads it: leading controls and spaces dropped
    m = _SCHEME.match(url)
    if m:
        scheme = m.group(1).lower()
        if scheme in ALLOWED_SCHEMES:
            return ""
        if scheme == "http":
            return "http is not encrypted: anyone on the reader's network sees and can change what is read"
        return f"the scheme '{scheme}:' is not allowed in the text"
    if _LEAVES_SITE.match(url):
        return "an address starting with // leads to another site, by whatever scheme the page was opened with"
    return ""


def _image_problem(src: str) -> str:
    """Why the site may not show the image at `src`: an image is fetched as the page loads, so it must be a
    file of the site (another site would learn who reads what, and the image is missing offline)."""
    problem = _scheme_problem(src)
    if problem or not _SCHEME.match(_URL_NOISE.sub("", src).lstrip("\x00- ")):
        return problem
    return "an image from another site: readers' browsers would ask that site for it, and it is missing offline"


def _scheme_hint(href: str) -> str:
    if href.lower().startswith("https:"):
        return "put the image in sop/assets/ and link to it there"
    if href.lower().startswith("http:"):
        return "link to the https:// address, if the site has one"
    return ("link only to https://, mailto:, law:, sop: or a page of this site; write any other address as text "
            "in `code`")


def _short(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


class _Where:
    """Line and column of text found in the body, searched from the start of a block's first line."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._block, self._after = -1, 0

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def find(self, needle: str, first_line: int) -> tuple[int, int]:
        """Where `needle` next stands from line `first_line` (0-based) on, after what was found last in the same
        block; that line's start when it is not there as written (a blockquote's `>` inside it, an entity
        decoded)."""
        start = self.starts[min(first_line, len(self.starts) - 1)]
        if self._block == first_line:
            start = max(start, self._after)
        i = self.text.find(needle, start) if needle else -1
        self._block, self._after = first_line, (i + len(needle) if i >= 0 else start)
        return self.at(i if i >= 0 else start)


_md = None


def _parser():
    """CommonMark with tables (as the site renders them), every link kept whatever its scheme (markdown-it drops
    `javascript:` links to text, Python-Markdown does not) and as the browser reads it (entities decoded, not
    percent-encoded), and backslash escapes kept as their own tokens."""
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        _md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
        _md.disable("text_join")
        _md.validateLink = lambda url: True
        _md.normalizeLink = lambda url: url  # entities decoded, nothing percent-encoded: `java&#9;script:` is a tab
    return _md

"""A line scanner for the plain Markdown the corpus is written in, about forty times faster than a full parse.

It recognises top-level ATX headings, top-level fenced code, paragraphs, one-line setext headings, thematic
breaks, and list items and block quotes only as far as telling their lines apart from top-level ones. Any line
outside that subset (raw HTML, tabs in indentation, indented code, a fence or heading inside a container, a
link reference definition, a multi-line setext heading, an ordered list item that might continue a paragraph)
makes it answer None, and blocks.parse_blocks falls back to markdown-it-py's CommonMark parser. A differential
test holds the two to the same result on every file of the corpus and on generated documents.
"""

from __future__ import annotations

import re

from .headings import heading

ATX = re.compile(r"(#{1,6})(?:[ ]+(.*?))?[ ]*$")
FENCE = re.compile(r"(`{3,}|~{3,})(.*)$")
SETEXT = re.compile(r"(=+|-+)[ ]*$")
THEMATIC = re.compile(r"[ ]{0,3}([-*_])(?:[ ]*\1){2,}[ ]*$")
BULLET = re.compile(r"[ ]{0,3}([-+*])([ ]{1,4}(?=\S)|[ ]*$)")
ORDERED = re.compile(r"[ ]{0,3}(\d{1,9})([.)])([ ]{1,4}(?=\S)|[ ]*$)")
QUOTE = re.compile(r"[ ]{0,3}>")
REFUSE = re.compile(
    r"[ ]{0,3}(?:<|\[[^\]]*\]:)"  # raw HTML, a link reference definition
    r"|.*\t"  # tabs: indentation by tab stops is left to the full parser
    r"|[ ]{1,3}(?:`{3,}|~{3,}|#)"  # an indented fence or heading
    r"|[ ]{0,3}(?:[-+*]|\d{1,9}[.)])(?:[ ]{5,}\S|[ ]+(?:`{3}|~{3}|>|#|[-+*][ ]|\d{1,9}[.)][ ]))"  # code or blocks in an item
    r"|[ ]{0,3}>(?:[ ]{5}|.*(?:`{3}|~{3}))"  # code in a block quote
)


# Characters that may open a block, or indent a line; a line starting with anything else is paragraph text.
_SPECIAL = frozenset("#`~<[>-+*_= \t0123456789") | {""}


def scan(text: str):
    """(headings, code ranges) like blocks.parse_blocks, or None when the text leaves the plain subset."""
    crs = text.count("\r")
    if crs:
        if crs != text.count("\r\n"):
            return None  # a lone CR is a line break to CommonMark, not to us: leave it to the full parser
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    headings = []
    code = []
    kind = "top"  # what a paragraph continuation line belongs to: top, list or quote
    list_indent = 0  # content indent of the outermost list item
    para = 0  # consecutive top-level paragraph lines just before this one
    blank = True  # the previous line was blank (or there was none)
    quote_para = False  # the last block-quote line left a paragraph open (lazy continuation possible)
    list_para = False  # the same for the last list item
    item_indent = 0  # content indent of the last list item
    i = 0
    n = len(lines)
    while i < n:
        raw = lines[i]
        if not raw or not raw.strip(" "):  # a blank line (tabs are left to the full parser below)
            if kind == "quote" or (kind == "list" and not list_para):
                kind = "top"  # a blank line ends a block quote, and an empty list item
            blank, para = True, 0
            i += 1
            continue
        first = raw[0]
        if first == "#" and (m := ATX.match(raw)) and "\t" not in raw:  # at indent 0 it ends any list
            content = m.group(2) or ""
            hashes = content.rstrip("#")
            if content and not hashes.strip():
                return None  # "## ##": leave the closing-sequence rules to the full parser
            if hashes != content and hashes.endswith(" "):
                content = hashes.rstrip(" ")
            headings.append(heading(len(m.group(1)), content, i + 1, raw, i + 1, 1))
            kind, para, blank = "top", 0, False
            i += 1
            continue
        if first not in _SPECIAL and "\t" not in raw and not (kind == "list" and blank):
            # a line of plain text at indent 0: it continues or starts a paragraph
            if kind == "quote" and (blank or not quote_para):
                kind = "top"
            elif kind == "list" and not blank and not list_para:
                if item_indent > 0:
                    return None
                list_para = True
            if kind == "top":
                para += 1
            blank = False
            i += 1
            continue
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if kind == "list" and blank and indent >= list_indent:
            if indent < item_indent:
                return None  # the content of an outer item, or not: leave it to the full parser
            if indent >= min(list_indent, item_indent) + 4 or REFUSE.match(raw[list_indent:]) or \
                    stripped.startswith("#"):
                return None  # indented code, a fence, HTML or a heading inside a list item
            if BULLET.match(raw[list_indent:]) or ORDERED.match(raw[list_indent:]) or QUOTE.match(raw[list_indent:]):
                return None  # a nested block after a blank line: leave it to the full parser
            blank, list_para = False, True
            i += 1
            continue
        if indent == 0 and (m := FENCE.match(raw)):
            if m.group(1)[0] == "`" and "`" in m.group(2):
                return None
            mark = m.group(1)
            end = i + 1
            while end < n:
                closing = lines[end]
                s = closing.lstrip(" ")
                if len(closing) - len(s) <= 3 and s.startswith(mark[0] * len(mark)) and \
                        not s.rstrip(" ").strip(mark[0]):
                    break
                end += 1
            code.append((i + 1, min(end, n - 1) + 1 if end < n else n))
            kind, para, blank = "top", 0, False
            i = end + 1
            continue
        if REFUSE.match(raw):
            return None
        if indent >= 4:
            if para or (kind == "quote" and quote_para) or \
                    (kind == "list" and (list_para or indent < min(list_indent, item_indent) + 4)):
                blank = False
                list_para = list_para or kind == "list"
                para += 1 if para else 0
                i += 1
                continue  # a paragraph continuation line
            return None  # indented code
        if kind == "top" and para and indent == 0 and SETEXT.match(raw) and not blank:
            if para > 1:
                return None  # a multi-line setext heading
            level = 1 if raw[0] == "=" else 2
            first = lines[i - 1].rstrip("\r")
            headings.append(heading(level, first.strip(" "), i, first, i + 1))
            kind, para, blank = "top", 0, False
            i += 1
            continue
        if THEMATIC.match(raw):
            kind, para, blank = "top", 0, False
            i += 1
            continue
        bullet = BULLET.match(raw)
        ordered = None if bullet else ORDERED.match(raw)
        if bullet or ordered:
            m = bullet or ordered
            empty = not raw[m.end():].strip()
            if para and (empty or (ordered and ordered.group(1) != "1")):
                return None  # "2. foo" or an empty item right after a paragraph line may continue it
            width = m.end() - len(m.group(m.lastindex))
            spaces = len(m.group(m.lastindex))
            content_indent = width + (spaces if 0 < spaces <= 4 else 1)
            list_indent = content_indent if kind != "list" else min(list_indent, content_indent)
            item_indent = content_indent
            list_para = not empty
            kind, para, blank = "list", 0, False
            i += 1
            continue
        if QUOTE.match(raw):
            inner = stripped[1:].strip(" ")
            quote_para = bool(inner) and not inner.startswith("#") and not THEMATIC.match(inner) \
                and not BULLET.match(inner) and not ORDERED.match(inner) and not inner.startswith(">")
            kind, para, blank = "quote", 0, False
            i += 1
            continue
        # a plain text line: it continues an open paragraph of a list item or quote, or starts a top-level one
        if kind == "quote" and (blank or not quote_para):
            kind = "top"
        elif kind == "list" and not blank and not list_para:
            if indent < item_indent:
                return None  # after an empty item: its content, or a new paragraph? leave it to the full parser
            list_para = True
        elif kind == "list" and blank and indent < list_indent:
            kind = "top"
        if kind == "top":
            para += 1
        blank = False
        i += 1
    return tuple(headings), tuple(code)

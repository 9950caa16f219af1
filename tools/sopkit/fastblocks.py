"""A line scanner for the plain Markdown the corpus is written in, about forty times faster than a full parse.

It recognises top-level ATX headings, top-level fenced code, paragraphs, setext headings, thematic breaks, and
list items and block quotes only as far as telling their lines apart from top-level ones; it also notes where
each top-level block (paragraph, heading, list, block quote, code, thematic break) starts. Any line outside that
subset (raw HTML, tabs in indentation, indented code, a fence or heading inside a container, a link reference
definition, a setext heading or thematic break inside a container, an item that might continue a paragraph)
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
# The delimiter row under a GFM table's header row: cells of dashes, each with an optional colon at either end.
DELIMITER_ROW = re.compile(r"[ ]{0,3}\|?[ ]*:?-+:?[ ]*(?:\|[ ]*:?-+:?[ ]*)*\|?[ ]*$")
_CELL_PIPE = re.compile(r"(?<!\\)\|")


# Characters that may open a block, or indent a line; a line starting with anything else is paragraph text.
_SPECIAL = frozenset("#`~<[>-+*_= \t0123456789") | {""}


def scan(text: str, lazy: bool = False):
    """(headings, code ranges, top-level blocks) like blocks.parse_blocks, or None when the text leaves the plain
    subset. With `lazy`, the blocks come as a function that makes them (most readers need the headings only)."""
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
    starts: list[tuple[int, str]] = []  # (line, kind) where each top-level block starts
    kind = "top"  # what a paragraph continuation line belongs to: top, list or quote
    list_indent = 0  # content indent of the outermost list item
    list_mark = None  # the marker of the open top-level list (-, +, *, . or )), None when none is open
    top_indent = 0  # content indent of the open top-level list item: a line indented less is not inside it
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
            elif kind == "top" and blank:
                list_mark = None  # and a second one the list whose last item is empty (as markdown-it reads it)
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
            starts.append((i + 1, "heading"))
            kind, para, blank, list_mark = "top", 0, False, None
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
                if not para:
                    starts.append((i + 1, "paragraph"))
                    list_mark = None
                para += 1
            blank = False
            i += 1
            continue
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if kind == "list" and blank and indent >= list_indent:
            if indent < item_indent:
                return None  # the content of an outer item, or not: leave it to the full parser
            inner = raw[list_indent:]
            if indent >= min(list_indent, item_indent) + 4 or REFUSE.match(inner) or stripped.startswith("#"):
                return None  # indented code, a fence, HTML or a heading inside a list item
            if BULLET.match(inner) or ORDERED.match(inner) or QUOTE.match(inner) or THEMATIC.match(inner):
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
            starts.append((i + 1, "code"))
            kind, para, blank, list_mark = "top", 0, False, None
            i = end + 1
            continue
        if REFUSE.match(raw):
            return None
        if indent >= 4:
            if para or (kind == "quote" and quote_para) or \
                    (kind == "list" and not blank and (list_para or indent < min(list_indent, item_indent) + 4)):
                blank = False
                list_para = list_para or kind == "list"
                para += 1 if para else 0
                i += 1
                continue  # a paragraph continuation line
            return None  # indented code
        if kind == "top" and para and SETEXT.match(stripped):
            if para > 1:
                return None  # a multi-line setext heading
            level = 1 if stripped[0] == "=" else 2
            first = lines[i - 1].rstrip("\r")
            headings.append(heading(level, first.strip(" "), i, first, i + 1))
            starts[-1] = (i, "heading")  # the paragraph line above is the heading's text
            kind, para, blank = "top", 0, False
            i += 1
            continue
        if kind == "list" and indent >= top_indent and SETEXT.match(stripped):
            return None  # an underline, or a thematic break, inside a list item
        if THEMATIC.match(raw):
            if kind == "list" and indent >= top_indent:
                return None  # a thematic break inside a list item
            starts.append((i + 1, "rule"))
            kind, para, blank, list_mark = "top", 0, False, None
            i += 1
            continue
        bullet = BULLET.match(raw)
        ordered = None if bullet else ORDERED.match(raw)
        if bullet or ordered:
            m = bullet or ordered
            empty = not raw[m.end():].strip()
            mark = m.group(1) if bullet else m.group(2)
            top_level = kind != "list" or indent < top_indent
            if empty or (ordered and ordered.group(1) != "1"):
                # such an item may not interrupt a paragraph: it would be that paragraph's text
                if para or (kind == "quote" and quote_para) or \
                        (kind == "list" and list_para and not (top_level and mark == list_mark)):
                    return None
            width = m.end() - len(m.group(m.lastindex))
            spaces = len(m.group(m.lastindex))
            content_indent = width + (spaces if 0 < spaces <= 4 else 1)
            list_indent = content_indent if kind != "list" else min(list_indent, content_indent)
            item_indent = content_indent
            if top_level:
                if mark != list_mark:
                    starts.append((i + 1, "list"))  # another marker starts another list
                list_mark, top_indent = mark, content_indent
            list_para = not empty
            kind, para, blank = "list", 0, False
            i += 1
            continue
        if QUOTE.match(raw):
            if kind == "list" and indent >= top_indent:
                return None  # a block quote inside a list item
            inner = stripped[1:].strip(" ")
            if kind != "quote":
                starts.append((i + 1, "quote"))
                list_mark = None
            elif quote_para and SETEXT.match(inner):
                return None  # a setext underline inside the quote
            quote_para = _opens_paragraph(inner)
            if quote_para is None:
                return None
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
            if not para:
                starts.append((i + 1, "paragraph"))
                list_mark = None
            para += 1
        blank = False
        i += 1
    if lazy:
        return tuple(headings), tuple(code), lambda: _closed(starts, lines)
    return tuple(headings), tuple(code), _closed(starts, lines)


_WIDE_ITEM = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ ]{5,}")


def _opens_paragraph(inner: str):
    """Whether the text of a block-quote line (after its `>`) leaves a paragraph open, inside the quote or in a
    quote or list item nested in it, so that a plain line after it continues that paragraph; None when that
    is left to the full parser."""
    while True:
        if inner.startswith(">"):
            inner = inner[2:] if inner.startswith("> ") else inner[1:]
            if inner.startswith("    "):
                return None  # code inside a nested quote
            inner = inner.lstrip(" ")
            continue
        if _WIDE_ITEM.match(inner):
            return None  # code inside an item
        m = BULLET.match(inner) or ORDERED.match(inner)
        if m is None:
            break
        inner = inner[m.end():].strip(" ")
        if not inner:
            return False  # an empty item
    if not inner or ATX.match(inner) or THEMATIC.match(inner) or inner.startswith(("```", "~~~")):
        return False
    return None if inner.startswith("<") else True


def _closed(starts: list[tuple[int, str]], lines: list[str]) -> tuple[tuple[str, int, int], ...]:
    """Each block as (kind, first line, last line): it ends at the last non-blank line before the next one."""
    out = []
    append = out.append
    ends = [line - 1 for line, _ in starts[1:]]
    ends.append(len(lines))
    for (line, kind), end in zip(starts, ends):
        while end > line and not lines[end - 1].strip(" "):
            end -= 1
        if kind == "paragraph" and end > line and "|" in lines[line - 1] and \
                is_table(lines[line - 1], lines[line]):
            kind = "table"
        append((kind, line, end))
    return tuple(out)


def is_table(header: str, delimiter: str) -> bool:
    """Whether a paragraph whose first two lines are these is a GFM table: a header row with a pipe, and under
    it a delimiter row with as many cells."""
    if "|" not in header or not DELIMITER_ROW.match(delimiter):
        return False
    return _cells(header) == _cells(delimiter)


def _cells(row: str) -> int:
    row = row.strip()
    pipes = len(_CELL_PIPE.findall(row))
    return pipes + 1 - row.startswith("|") - (row.endswith("|") and not row.endswith("\\|") and len(row) > 1)

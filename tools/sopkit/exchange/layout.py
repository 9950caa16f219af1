"""Where each unit of a chapter file stands in its text, and how a unit's new text is put there.

A translation file is never written anew from the model: each changed unit's text replaces its own stretch of
the file and nothing else, so that the blank lines, the front matter and the units left alone keep every byte.
The stretches are those the loader read: a section's heading line(s), its label inside them, and its text up to
the next heading (with the blank lines around it); the title's value in the front matter; the opening text
between the front matter and the first heading.

Example:
    >>> layout = chapter_layout(text, chapter)
    >>> edits = [replace_text(layout, layout.sections["scope"].body, "New text.")]
    >>> apply_edits(layout.text, edits)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..blocks import split_front_matter
from ..model import Chapter
from ..yamldoc import YamlProblem, load_yaml

_ATX_START = re.compile(r"[ ]{0,3}#{1,6}[ \t]+")


@dataclass(frozen=True)
class SectionPlace:
    """Where one section stands: its heading line(s), the label inside them (None when it is not there as
    written), and its text with the blank lines around it."""

    heading: tuple[int, int]
    label: tuple[int, int] | None
    body: tuple[int, int]


@dataclass(frozen=True)
class Layout:
    """The stretches of a chapter file's text, as (start, end) offsets."""

    text: str
    title: tuple[int, int] | None  # the title's value in the front matter
    fence: int | None  # where the front matter's closing `---` starts (None without front matter)
    opening: tuple[int, int]  # between the front matter and the first heading
    sections: dict  # section id -> SectionPlace, in the file's order
    newline: str = "\n"  # the file's line break: CR LF where every line ends so


def with_newline(text: str, newline: str) -> str:
    """`text` (whose lines end in LF or CR LF) with its lines ending in `newline`."""
    text = text.replace("\r\n", "\n")
    return text.replace("\n", newline) if newline != "\n" else text


def chapter_layout(text: str, chapter: Chapter) -> Layout:
    """The layout of the file `text` that the loader read as `chapter`."""
    starts = _line_starts(text)
    sections = {}
    all_sections = chapter.sections
    for i, s in enumerate(all_sections):
        end_line = all_sections[i + 1].line if i + 1 < len(all_sections) else None
        heading = (_at(starts, text, s.line), _line_end(starts, text, s.text_line - 1))
        body = (_at(starts, text, s.text_line), _at(starts, text, end_line) if end_line else len(text))
        if s.id is not None and s.id not in sections:
            sections[s.id] = SectionPlace(heading, _label_span(text, heading, s.label), body)
    first = _at(starts, text, all_sections[0].line) if all_sections else len(text)
    opening = _after_front_matter(text, starts)
    fence = _at(starts, text, _line_number(starts, opening) - 1) if opening else None
    crlf = text.count("\r\n")
    return Layout(text, _title_span(text, starts, chapter), fence, (opening, first), sections,
                  "\r\n" if crlf and crlf == text.count("\n") else "\n")


def new_file_layout(front_matter: str) -> Layout:
    """The layout of a new translation file that holds only its front matter."""
    return Layout(front_matter, None, None, (len(front_matter), len(front_matter)), {})


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _line_number(starts: list[int], offset: int) -> int:
    """The 1-based line that starts at `offset` (one of `starts`)."""
    return starts.index(offset) + 1 if offset in starts else len(starts) + 1


def _at(starts: list[int], text: str, line: int) -> int:
    """Where 1-based `line` starts (the end of the text for a line past its last)."""
    return starts[line - 1] if 0 < line <= len(starts) else len(text)


def _line_end(starts: list[int], text: str, line: int) -> int:
    """Where 1-based `line` ends, before its line break (and the carriage return of a CR LF)."""
    end = starts[line] - 1 if line < len(starts) else len(text)
    return end - 1 if end > starts[line - 1] and text[end - 1] == "\r" else end


def _label_span(text: str, heading: tuple[int, int], label: str) -> tuple[int, int] | None:
    """Where an ATX heading's label is written in it; None for a setext heading or an empty label."""
    raw = text[heading[0]:heading[1]]
    m = _ATX_START.match(raw)
    at = raw.find(label, m.end()) if m and label else -1
    return (heading[0] + at, heading[0] + at + len(label)) if at >= 0 else None


def _after_front_matter(text: str, starts: list[int]) -> int:
    fm = split_front_matter(text)
    if fm.text is None:
        return 0
    closing = 1 + fm.text.count("\n")  # 0-based line of the closing fence: the YAML's lines follow the first
    return _at(starts, text, closing + 2)


def _title_span(text: str, starts: list[int], chapter: Chapter) -> tuple[int, int] | None:
    """The title's value in the front matter, with the lines it continues on."""
    where = chapter.front_matter_positions.get("title")
    if chapter.title is None or not where:
        return None
    line, column = where
    start = _at(starts, text, line) + column - 1
    last = line
    while last < len(starts) and text[starts[last]:starts[last] + 1] in (" ", "\t"):
        last += 1
    return start, _line_end(starts, text, last)


# -- edits ----------------------------------------------------------------------------------------------

def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as this very text: plain where it can be, else double-quoted (a
    JSON string is a YAML double-quoted scalar)."""
    if value and value == value.strip() and _reads_back(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _reads_back(value: str) -> bool:
    try:
        return load_yaml(f"v: {value}\n").data == {"v": value}
    except YamlProblem:
        return False


def title_edit(layout: Layout, title: str) -> tuple[int, int, str] | None:
    """The edit that makes `title` the front matter's title: its value replaced, or a `title:` line added before
    the closing `---` where it has none (None without front matter: nowhere to write it)."""
    if layout.title is not None:
        return (*layout.title, yaml_scalar(title))
    if layout.fence is not None:
        return layout.fence, layout.fence, f"title: {yaml_scalar(title)}{layout.newline}"
    return None


def replace_text(layout: Layout, span: tuple[int, int], core: str) -> tuple[int, int, str]:
    """The edit that makes `core` the text of the stretch `span` (a section's text or the opening), keeping the
    blank lines around it, or making one on each side where it had no text before."""
    start, end = span
    old = layout.text[start:end]
    nl = layout.newline
    core = with_newline(core.strip("\r\n"), nl)
    if old.strip("\r\n"):
        lead = old[:len(old) - len(old.lstrip("\r\n"))]
        trail = old[len(old.rstrip("\r\n")):]
        if not core:
            return start, end, nl if end < len(layout.text) else ""
        return start, end, lead + core + trail
    if not core:
        return start, end, old
    lead = nl if layout.text[:start].endswith("\n") or start == 0 else nl + nl
    return start, end, lead + core + (nl + nl if end < len(layout.text) else nl)


def heading_line(source_heading: str, source_label: tuple[int, int] | None, level: int, section_id: str,
                 label: str) -> str:
    """A heading for a section new to the translation: the source's heading line with the translation's label,
    or an ATX heading where the source's label is not written as it reads."""
    if source_label is not None:
        return source_heading[:source_label[0]] + label + source_heading[source_label[1]:]
    return atx_heading(level, section_id, label)


def atx_heading(level: int, section_id: str, label: str) -> str:
    """`## label {#id}`."""
    return f"{'#' * level} {label} {{#{section_id}}}"


def insertion(layout: Layout, before: str | None, sections: list[str]) -> tuple[int, int, str]:
    """The edit that adds the new sections' Markdown (each its heading, a blank line and its text) before the
    heading of the section `before`, or at the end of the file."""
    nl = layout.newline
    sections = [with_newline(s, nl) for s in sections]
    if before is not None:
        at = layout.sections[before].heading[0]
        return at, at, "".join(s + nl + nl for s in sections)
    text = layout.text
    lead = "" if text.endswith(nl + nl) or not text else nl if text.endswith("\n") else nl + nl
    return len(text), len(text), lead + (nl + nl).join(sections) + nl


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with every edit made; edits at one place stand in the order given."""
    ordered = sorted(enumerate(edits), key=lambda e: (e[1][0], e[0]))
    out = []
    pos = 0
    for _, (start, end, new) in ordered:
        out.append(text[pos:start])
        out.append(new)
        pos = max(pos, end)
    out.append(text[pos:])
    return "".join(out)

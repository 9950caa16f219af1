"""Read a law as published into numbered lines: a plain-text file or a Word file, nothing else.

Plain text must be UTF-8 (a byte-order mark and Windows line endings are fine); a file in another encoding, a
binary file or a damaged Word file is an I001 diagnostic, never an exception. A Word file is read paragraph by
paragraph, tables cell by cell, in document order, with python-docx where it is installed and with pandoc
otherwise; a "line" of a Word file is then its paragraph number.

Characters no law text of the corpus may hold are changed here, each change reported (I006): Arabic
presentation forms (what text copied out of a PDF often is) become the letters they show, tabs become spaces,
and control, bidirectional and zero-width characters are removed: none of them is a word of the law.

Example:
    >>> source = read_source(Path("law-11-2016.txt"))
    >>> source.lines[0], source.diagnostics
    ('باسم الشعب', [])
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, UsageError, diagnostic
from ..encoding import NotUtf8, decode_utf8
from ..visible import BIDI_CONTROLS, INVISIBLE, LINE_SEPARATORS, NONCHARACTERS, shown

MAX_SOURCE_BYTES = 16 * 1024 * 1024
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_REMOVED = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_CONTROLS}{INVISIBLE}{NONCHARACTERS}]")  # all but tab
_SPACES = re.compile(f"[\t{LINE_SEPARATORS}]")


@dataclass
class SourceText:
    """The published text as lines (line 1 is lines[0]), what it was read from, and what reading found."""

    path: str  # as the user named it: the diagnostics' path
    kind: str  # "text" or "docx"
    lines: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_source(path: Path, shown_as: str | None = None) -> SourceText:
    """The lines of the law text in `path` (.docx for Word, anything else as UTF-8 text).

    UsageError only when the file cannot be opened at all (missing, a folder, no permission) or is over 16 MiB;
    what the bytes hold is reported as diagnostics."""
    name = shown_as or str(path)
    try:
        if not path.is_file():
            raise UsageError(f"cannot read {name}: " + ("it is a folder" if path.is_dir() else "no such file"))
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise UsageError(f"cannot read {name}: larger than {MAX_SOURCE_BYTES:,} bytes; split the law text")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".docx" or data.startswith(b"PK\x03\x04"):
        source = _read_docx(path, data, name)
    else:
        source = _read_text(data, name)
    source.lines = [_clean(line, n, source) for n, line in enumerate(source.lines, 1)]
    return source


def _read_text(data: bytes, name: str) -> SourceText:
    source = SourceText(name, "text")
    try:
        text = decode_utf8(data)
    except NotUtf8 as exc:
        line = data.count(b"\n", 0, exc.offset) + 1
        source.diagnostics.append(diagnostic("I001", name, line, 1, exc.message, exc.hint))
        return source
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        source.diagnostics.append(diagnostic("I001", name, line, 1, "the file holds NUL bytes: it is not a text file",
                                             "give a plain-text (.txt, UTF-8) or Word (.docx) copy of the law"))
        return source
    source.lines = text.replace("\r\n", "\n").split("\n")
    if source.lines and source.lines[-1] == "":
        source.lines.pop()  # the line break that ends the last line starts no line
    return source


def _read_docx(path: Path, data: bytes, name: str) -> SourceText:
    """The paragraphs of a Word file, with python-docx if installed, else with pandoc."""
    source = SourceText(name, "docx")
    try:
        with zipfile.ZipFile(path) as archive:
            if "word/document.xml" not in archive.namelist():
                raise zipfile.BadZipFile("no word/document.xml")
    except (zipfile.BadZipFile, OSError) as exc:
        source.diagnostics.append(diagnostic("I001", name, 1, 1, f"not a readable Word file ({exc})",
                                             "open it in Word and save it again as .docx, or save it as UTF-8 text"))
        return source
    try:
        import docx  # python-docx
    except ImportError:
        source.lines = _docx_with_pandoc(data, name)
        return source
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a damaged part  # noqa: BLE001
        source.diagnostics.append(diagnostic("I001", name, 1, 1, f"not a readable Word file ({type(exc).__name__})",
                                             "open it in Word and save it again as .docx, or save it as UTF-8 text"))
        return source
    source.lines = list(_docx_paragraphs(document))
    return source


def _docx_paragraphs(document):
    """Each paragraph's text in document order, a table's cells row by row (a paragraph break inside a
    paragraph, Shift+Enter, starts a new line, as it does on the page)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield from Paragraph(block, document).text.split("\n")
        elif tag == "tbl":
            for row in Table(block, document).rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        yield from paragraph.text.split("\n")


def _docx_with_pandoc(data: bytes, name: str) -> list[str]:
    from ..pandoc import run

    text = run(["-f", "docx", "-t", "plain", "--wrap=none"], data, f"read the Word file {name}").decode("utf-8")
    return text.split("\n")


def _clean(line: str, number: int, source: SourceText) -> str:
    """`line` without what no corpus text may hold (I006 says what changed, once per line)."""
    changed: list[tuple[int, str]] = []
    for m in _PRESENTATION.finditer(line):
        changed.append((m.start(), "Arabic presentation forms (as copied from a PDF) written as the letters they show"))
    for m in _REMOVED.finditer(line):
        changed.append((m.start(), f"{shown(m.group())} removed"))
    for m in _SPACES.finditer(line):
        changed.append((m.start(), f"{shown(m.group())} written as a space"))
    if not changed:
        return line
    column, first = min(changed)
    more = f" and {len(changed) - 1} more change(s) on this line" if len(changed) > 1 else ""
    source.diagnostics.append(diagnostic("I006", source.path, number, column + 1, f"{first}{more}",
                                         "check the line in the imported text; the words are kept"))
    line = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
    return _SPACES.sub(" ", _REMOVED.sub("", line))

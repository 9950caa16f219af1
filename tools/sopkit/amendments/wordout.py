"""A chapter as a Word file that a drafter edits with Track Changes, and that `sop import docx` reads back.

pandoc writes the document from the chapter's Markdown (`pandoc.MARKDOWN`, so that no word is taken for raw
HTML), with the print edition's reference document for its styles and fonts (Amiri for Arabic and Kurdish) and
the chapter's direction. Two things travel in the file where a drafter does not see them:

- custom document properties (File > Properties > Custom in Word, which keeps them when it saves): the chapter's
  id, language and file, and the commit it was exported from (`sop-revision`), which the import compares with;
- a hidden bookmark in each section's heading, `_sop_<n>` (a name starting with `_` is hidden in Word's
  bookmark list), n being the section's place in the chapter at that commit. Word's bookmark names allow only
  letters, digits and `_`, so the ids themselves (`investigation-opening`) cannot be bookmark names; the import
  reads the chapter at `sop-revision` again and so knows which id each number stands for.

A link written without words (`[](sop:case-registration)`) gets the words a reader sees (the section's number
and title), so that the drafter reads them; the import gives such a link its empty form back when its words
were not changed.

Example:
    >>> exported = export_chapter(".", "ch5", "ar", "wg-3")
    >>> Path(exported.file_name).write_bytes(exported.data)
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import pandoc as P
from ..blocks import split_front_matter
from ..diagnostics import UsageError
from ..drafts import chapter_id
from ..edition.docx import default_reference
from ..load import load_corpus
from ..lookup import link_words
from ..model import RTL_LANGUAGES, Chapter, Corpus
from ..revisions import commit_id
from ..visible import show

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BOOKMARK = "_sop_"
_WRITTEN = "sopsection"  # the name pandoc is given (it rewrites names that Word would refuse, such as `_sop_1`)
FORMAT = "1"  # the version of what the properties and bookmarks mean
PROPERTIES = ("sop-format", "sop-chapter", "sop-lang", "sop-path", "sop-revision")


@dataclass(frozen=True)
class Exported:
    data: bytes
    chapter: Chapter
    revision: str  # the commit
    file_name: str  # a name to save it under: 05-investigation.ar.wg-3.docx


def find_chapter(corpus: Corpus, name: str, lang: str | None) -> Chapter:
    """The chapter `name` (id, number or file) in `lang` (the source language when None); UsageError naming the
    choices."""
    found = chapter_id(corpus.chapters, name)
    if found is None:
        choices = ", ".join(f"{c.id} ({c.number:02d}-{c.slug})" for c in corpus.chapters if c.is_source and c.id)
        raise UsageError(f"no chapter {show(name)}; name one by id, number or file: {choices}")
    lang = lang or corpus.settings.source_language
    for c in corpus.chapters:
        if c.id == found and c.lang == lang:
            return c
    has = sorted(c.lang for c in corpus.chapters if c.id == found)
    raise UsageError(f"chapter {found} has no text in '{show(lang)}' (it has: {', '.join(has)})")


def export_chapter(root: str | Path, name: str, lang: str | None = None, rev: str = "HEAD") -> Exported:
    """The chapter `name` in `lang` at revision `rev` as the bytes of a .docx file (see the module's note)."""
    commit = commit_id(root, rev, "a Word file records the revision it came from, so it needs the git history")
    corpus, _ = load_corpus(root, commit)
    chapter = find_chapter(corpus, name, lang)
    text = next(f.text for f in corpus.files if f.path == chapter.path)
    data = chapter_docx(corpus, chapter, text, commit)
    stem = Path(chapter.path).name[:-3]
    label = rev if rev != "HEAD" and all(c.isalnum() or c in "-_." for c in rev) else commit[:10]
    return Exported(data, chapter, commit, f"{stem}.{label}.docx")


def chapter_ast(corpus: Corpus, chapter: Chapter, text: str, commit: str) -> dict:
    """The pandoc document of the chapter: its body, headings named `_sop_<n>`, empty links given words, and
    the properties."""
    body = chapter_body(text)
    ast = P.read_markdown(body)
    numbers = {s.id: n for n, s in enumerate(chapter.sections) if s.id}
    words = link_words(corpus)
    prepare_blocks(ast["blocks"], numbers, lambda target: words(target, chapter.lang))
    meta = {
        "title": _meta(chapter.title or Path(chapter.path).name),
        "lang": _meta(chapter.lang),
        "dir": _meta("rtl" if chapter.lang in RTL_LANGUAGES else "ltr"),
        "sop-format": _meta(FORMAT),
        "sop-chapter": _meta(chapter.id or ""),
        "sop-lang": _meta(chapter.lang),
        "sop-path": _meta(chapter.path),
        "sop-revision": _meta(commit),
    }
    return {"pandoc-api-version": ast["pandoc-api-version"], "meta": meta, "blocks": ast["blocks"]}


def chapter_docx(corpus: Corpus, chapter: Chapter, text: str, commit: str) -> bytes:
    ast = chapter_ast(corpus, chapter, text, commit)
    epoch = _commit_time(corpus, commit)
    data = P.convert(ast, "docx", [f"--reference-doc={default_reference()}"], epoch=epoch)
    return _bookmarks_inside_headings(data)


def _commit_time(corpus: Corpus, commit: str) -> int:
    from ..revisions import run_git

    done = run_git(corpus.root, "show", "-s", "--format=%ct", commit)
    return int(done.stdout.decode().strip() or 0) if done.returncode == 0 else 0


def _meta(value: str) -> dict:
    return {"t": "MetaString", "c": value}


def chapter_body(text: str) -> str:
    """The chapter's Markdown after its front matter (whose fields are the properties, not text to edit), as the
    loader reads it (blanked to line breaks, which pandoc skips)."""
    return split_front_matter(text).body


def prepare_blocks(blocks: list, numbers: dict[str, int], words) -> None:
    """Headings named by their section's number; empty links given their words."""

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            kind = node.get("t")
            if kind == "Header":
                level, (ident, classes, attrs), content = node["c"]
                named = f"{_WRITTEN}{numbers[ident]}" if ident in numbers else ""
                node["c"] = [level, [named, classes, attrs], content]
            elif kind == "Link" and not node["c"][1]:
                node["c"][1] = [P.text(words(node["c"][2][0]))]
            for v in node.values():
                walk(v)

    walk(blocks)


def _bookmarks_inside_headings(data: bytes) -> bytes:
    """pandoc puts a heading's bookmark before its paragraph; Word (and the import) look for it inside."""
    return with_document(data, _move_bookmarks)


def with_document(data: bytes, change) -> bytes:
    """The .docx `data` with its text (word/document.xml) passed through `change`; every other part as it is."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                part = change(part)
            target.writestr(info, part)
    return out.getvalue()


def _move_bookmarks(xml: bytes) -> bytes:
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    body = root.find(f"{{{W}}}body")
    for start in list(body.findall(f"{{{W}}}bookmarkStart")):
        name = start.get(f"{{{W}}}name", "")
        if not name.startswith(_WRITTEN):
            continue
        start.set(f"{{{W}}}name", BOOKMARK + name[len(_WRITTEN):])
        paragraph = start.getnext()
        while paragraph is not None and paragraph.tag != f"{{{W}}}p":
            paragraph = paragraph.getnext()
        if paragraph is None:
            continue
        end = next((e for e in body.findall(f"{{{W}}}bookmarkEnd") if e.get(f"{{{W}}}id") == start.get(f"{{{W}}}id")),
                   None)
        properties = paragraph.find(f"{{{W}}}pPr")
        at = 0 if properties is None else list(paragraph).index(properties) + 1
        paragraph.insert(at, start)
        if end is not None:
            paragraph.append(end)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_properties(data: bytes) -> dict[str, str]:
    """The custom properties of a .docx (name -> text): what the export wrote, as Word kept it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise UsageError("this is a zip file but not a Word document (no word/document.xml)")
            if "docProps/custom.xml" not in names:
                return {}
            xml = z.read("docProps/custom.xml")
    except zipfile.BadZipFile:
        raise UsageError("this is not a Word (.docx) file: save it from Word as .docx (not .doc, not .odt)") from None
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    found = {}
    for prop in root:
        name = prop.get("name")
        if name and len(prop):
            found[name] = "".join(prop[0].itertext())
    return found


def properties_json(props: dict[str, str]) -> str:
    return json.dumps({k: props.get(k) for k in PROPERTIES}, ensure_ascii=False)
